//! Runs the `verbale` binary as a user would, in a clean environment, and reads its outputs.

#![allow(dead_code)]

pub mod axe;
pub mod browser;
pub mod docx;
pub mod officer;
pub mod pdf;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(&self) -> &Self {
        assert_ne!(
            self.code, 0,
            "expected failure\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// Text with line breaks, hyphenation and no-break spaces made plain, to compare wording; the
/// apostrophes are kept as set.
pub fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of `examples/7msp.toml` given once, and the same by language.
const THREE_LANGUAGES: [(&str, &str); 9] = [
    (
        r#"name = "Permanent Mission of the Republic of Examplestan to the United Nations Office and other international organizations in Geneva""#,
        r#"name = { en = "Permanent Mission of the Republic of Examplestan to the United Nations Office and other international organizations in Geneva", fr = "la Mission permanente de la République d’Exemplestan auprès de l’Office des Nations Unies et des autres organisations internationales à Genève", es = "la Misión Permanente de la República de Ejemplistán ante la Oficina de las Naciones Unidas y otros organismos internacionales en Ginebra" }"#,
    ),
    (
        r#"short_name = "Permanent Mission of the Republic of Examplestan""#,
        r#"short_name = { en = "Permanent Mission of the Republic of Examplestan", fr = "la Mission permanente de la République d’Exemplestan", es = "la Misión Permanente de la República de Ejemplistán" }"#,
    ),
    (
        r#"city = "Geneva""#,
        r#"city = { en = "Geneva", fr = "Genève", es = "Ginebra" }"#,
    ),
    (
        r#"title = "Seventh Meeting of States Parties to the Convention on Cluster Munitions""#,
        r#"title = { en = "Seventh Meeting of States Parties to the Convention on Cluster Munitions", fr = "la septième Assemblée des États parties à la Convention sur les armes à sous-munitions", es = "la Séptima Reunión de los Estados Partes en la Convención sobre Municiones en Racimo" }"#,
    ),
    (
        r#"name = "Office for Disarmament Affairs, Geneva Branch""#,
        r#"name = { en = "Office for Disarmament Affairs, Geneva Branch", fr = "le Bureau des affaires de désarmement (Service de Genève)", es = "la Oficina de Asuntos de Desarme (Subdivisión de Ginebra)" }"#,
    ),
    (
        r#"address = ["United Nations Office at Geneva", "Palais des Nations, room C.117", "CH-1211 Geneva 10"]"#,
        r#"address = { en = ["United Nations Office at Geneva", "Palais des Nations, room C.117", "CH-1211 Geneva 10"], fr = ["Office des Nations Unies à Genève", "Palais des Nations, bureau C.117", "CH-1211 Genève 10"], es = ["Oficina de las Naciones Unidas en Ginebra", "Palais des Nations, oficina C.117", "CH-1211 Ginebra 10"] }"#,
    ),
    (
        r#"title = "H.E. Ms."
name = "Ana Müller-Łódź"
function = "Ambassador, Permanent Representative""#,
        r#"title = { en = "H.E. Ms.", fr = "S. E. Mme", es = "Excma. Sra." }
name = "Ana Müller-Łódź"
function = { en = "Ambassador, Permanent Representative", fr = "Ambassadrice, Représentante permanente", es = "Embajadora, Representante Permanente" }"#,
    ),
    (
        r#"title = "Mr.""#,
        r#"title = { en = "Mr.", fr = "M.", es = "Sr." }"#,
    ),
    (
        r#"function = "First Secretary, Ministry of Foreign Affairs""#,
        r#"function = { en = "First Secretary, Ministry of Foreign Affairs", fr = "Premier Secrétaire, Ministère des affaires étrangères", es = "Primer Secretario, Ministerio de Relaciones Exteriores" }"#,
    ),
];

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder with a copy of the shipped example (TOML and emblem).
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        for name in ["7msp.toml", "examplestan-emblem.png"] {
            std::fs::copy(root().join("examples").join(name), dir.path().join(name)).unwrap();
        }
        Workspace { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a delegation file.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The example with `from` replaced by `to` (the replacement must happen).
    pub fn example_with(&self, name: &str, from: &str, to: &str) -> PathBuf {
        let example = std::fs::read_to_string(root().join("examples/7msp.toml")).unwrap();
        assert!(example.contains(from), "the example has no {from:?}");
        self.write(name, &example.replacen(from, to, 1))
    }

    /// The example with every text it prints given in English, French and Spanish (a note is
    /// never in two languages), then `from` replaced by `to` (the replacement must happen).
    pub fn example_in_three_languages(&self, name: &str, from: &str, to: &str) -> PathBuf {
        let mut example = std::fs::read_to_string(root().join("examples/7msp.toml")).unwrap();
        for (text, table) in THREE_LANGUAGES {
            assert!(example.contains(text), "the example has no {text:?}");
            example = example.replace(text, table);
        }
        assert!(example.contains(from), "the example has no {from:?}");
        self.write(name, &example.replacen(from, to, 1))
    }

    /// Runs `verbale ARGS` in this folder with a clean environment.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_verbale"))
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env.iter().copied())
            .output()
            .expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Names of the files in a folder of the workspace (empty if it does not exist).
    pub fn files_in(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(folder))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// Requires an outside program, failing loudly (never skipping) when it is missing.
pub fn require(program: &str) -> PathBuf {
    which(program).unwrap_or_else(|| {
        panic!("`{program}` is not installed; `.ci/run` installs it (this test needs it and must not pass without it)")
    })
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| Path::new(candidate).is_file())
}
