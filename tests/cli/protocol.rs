//! Numbers and files never part: a fault at each step of issuing a note (recording, the
//! commit, putting the files in place), a real database error, and a kill at each of those
//! instants, on SQLite and on PostgreSQL. After each, every file on disk that carries a
//! reference is in the register with its hash, and no reference is on two notes.

use std::path::Path;

use verbale::register::{Location, Register};

use crate::register::{delegation, listed, pdf_text, postgres_register};
use crate::support::Workspace;

/// Every PDF and DOCX below `folder` is a version the register has (found by its hash), and
/// the register's numbers are all different.
pub(crate) fn assert_files_in_register(ws: &Workspace, folder: &str, register: &str) {
    let mut register = Register::open_existing(&Location::parse(register))
        .expect("the register opens")
        .expect("the register exists");
    for entry in walkdir::WalkDir::new(ws.path(folder)).into_iter().flatten() {
        let path = entry.path();
        let name = path.to_string_lossy();
        if !(name.ends_with(".pdf") || name.ends_with(".docx")) {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let found = register
            .find_file(&verbale::register::sha256_hex(&bytes))
            .expect("the register is read");
        assert!(
            !found.is_empty(),
            "{} is on disk and not in the register",
            path.display()
        );
    }
    let notes = register.list(None).expect("the register is listed");
    let mut references: Vec<&str> = notes.iter().map(|(n, _)| n.reference.as_str()).collect();
    let count = references.len();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), count, "a reference is given twice");
}

/// No note file and no temporary file in `out`.
fn assert_nothing_written(ws: &Workspace) {
    let files: Vec<String> = ws
        .files_in("out")
        .into_iter()
        .filter(|name| !name.ends_with(".part"))
        .collect();
    assert!(files.is_empty(), "files were written: {files:?}");
}

/// One run of each scenario on the register at `register` (a file or a URL), with `env`
/// passed to every run (the PostgreSQL tests pass the server's environment).
fn every_fault(register: &str, env: &[(&str, &str)]) {
    let ws = Workspace::new();
    ws.write("a.toml", &delegation(&[("a", "2026-03-01", "auto")]));
    ws.write("b.toml", &delegation(&[("b", "2026-03-02", "auto")]));
    let run = |file: &str, fault: Option<&str>| {
        let mut vars: Vec<(&str, &str)> = env.to_vec();
        if let Some(fault) = fault {
            vars.push(("VERBALE_FAULT", fault));
        }
        ws.run_with_env(&["generate", file, "--register", register], &vars)
    };

    // A failing record or commit: no file, no number.
    for fault in ["record", "commit"] {
        run("a.toml", Some(fault))
            .failure()
            .stderr_has(&format!("injected fault at `{fault}`"))
            .stderr_has("nothing was written");
        assert_nothing_written(&ws);
    }
    // A kill just before recording, and just before the commit: no file in place, no number.
    for fault in ["record:kill", "commit:kill"] {
        let killed = run("a.toml", Some(fault));
        assert_ne!(killed.code, 0, "{fault}: the run was not killed");
        assert_nothing_written(&ws);
    }
    if Path::new(register).extension().is_some() && Path::new(register).exists() {
        assert!(listed(&ws, &["--register", register]).is_empty());
    }

    // Files that cannot be put in place after the commit: the folder is as it was, and the
    // number stays with the note, which the next run writes under it.
    run("a.toml", Some("rename"))
        .failure()
        .stderr_has("injected fault at `rename`")
        .stderr_has("the register keeps GVA/2026/0001 for these notes");
    assert_nothing_written(&ws);
    run("b.toml", None)
        .success()
        .stdout_has("numbered GVA/2026/0002 for b.en");
    let again = run("a.toml", None);
    again.success().stdout_has("wrote out/a.en.pdf");
    assert!(!again.stdout.contains("numbered"), "{}", again.stdout);
    assert!(pdf_text(&ws, "out/a.en.pdf").contains("GVA/2026/0001"));
    assert_files_in_register(&ws, "out", register);

    // A kill between the commit and the renames leaves only files the register has.
    ws.write("c.toml", &delegation(&[("c", "2026-03-03", "auto")]));
    let killed = ws.run_with_env(
        &["generate", "c.toml", "--register", register],
        &[env, &[("VERBALE_FAULT", "rename:kill")]].concat(),
    );
    assert_ne!(killed.code, 0);
    assert_files_in_register(&ws, "out", register);
    ws.run_with_env(&["generate", "c.toml", "--register", register], env)
        .success()
        .stdout_has("wrote out/c.en.pdf");
    assert!(pdf_text(&ws, "out/c.en.pdf").contains("GVA/2026/0003"));
    assert_files_in_register(&ws, "out", register);
}

#[test]
fn a_fault_or_a_kill_at_any_step_never_parts_numbers_and_files() {
    let ws = Workspace::new();
    let register = ws.path("register.sqlite");
    every_fault(register.to_str().unwrap(), &[]);
}

#[test]
fn a_database_error_while_recording_writes_nothing_and_takes_no_number() {
    let ws = Workspace::new();
    ws.write("a.toml", &delegation(&[("a", "2026-03-01", "auto")]));
    ws.write("b.toml", &delegation(&[("b", "2026-03-02", "auto")]));
    ws.run(&["generate", "a.toml"])
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en");
    // The register refuses every new version, as a full disk or a broken constraint would.
    let db = rusqlite::Connection::open(ws.path("register.sqlite")).unwrap();
    db.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON register_versions \
         BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
    )
    .unwrap();
    ws.run(&["generate", "b.toml"])
        .failure()
        .stderr_has("the disk is full")
        .stderr_has("nothing was written");
    assert_eq!(ws.files_in("out"), ["a.en.docx", "a.en.pdf"]);
    db.execute_batch("DROP TRIGGER refuse").unwrap();
    ws.run(&["generate", "b.toml"])
        .success()
        .stdout_has("numbered GVA/2026/0002 for b.en");
    assert_files_in_register(&ws, "out", ws.path("register.sqlite").to_str().unwrap());
}

#[test]
#[ignore = "needs a PostgreSQL server: VERBALE_TEST_POSTGRES; run by .ci/run"]
fn postgres_a_fault_or_a_kill_at_any_step_never_parts_numbers_and_files() {
    let register = postgres_register("faults");
    let env: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| k.starts_with("PG") || k == "USER")
        .collect();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    every_fault(&register, &env);
}
