//! The register of outgoing notes: numbers given once, in order, never lost; versions and
//! `verify`; several processes at once; runs killed at any moment.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::pdf::Pdf;
use crate::support::Workspace;

/// A delegation file with one meeting per `(id, date, reference)`.
pub(crate) fn delegation(meetings: &[(&str, &str, &str)]) -> String {
    let mut text = String::from(
        "language = \"en\"\n\n[mission]\nname = \"Permanent Mission of Examplestan\"\n\
         short_name = \"Mission of Examplestan\"\ncity = \"Geneva\"\n\
         reference_pattern = \"GVA/{year}/{seq:04}\"\n",
    );
    for (id, date, reference) in meetings {
        let year = &date[..4];
        text.push_str(&format!(
            "\n[[meeting]]\nid = \"{id}\"\ntitle = \"Meeting {id}\"\ncity = \"Geneva\"\n\
             start = {year}-12-01\nend = {year}-12-02\nreference = \"{reference}\"\ndate = {date}\n\n\
             [meeting.recipient]\nname = \"Office for Disarmament Affairs\"\n\
             address = [\"Palais des Nations\"]\n"
        ));
    }
    text.push_str("\n[[member]]\nrole = \"head\"\nname = \"Ana Müller-Łódź\"\n");
    text
}

/// The register's notes as `register list --csv` gives them: (reference, number, voided).
pub(crate) fn listed(ws: &Workspace, register: &[&str]) -> Vec<(String, i64, String)> {
    let mut args = vec!["register", "list", "--csv"];
    args.extend(register);
    let run = ws.run(&args);
    run.success();
    run.stdout
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            (
                fields[0].to_string(),
                fields[2].parse().unwrap(),
                fields[fields.len() - 2].to_string(),
            )
        })
        .collect()
}

pub(crate) fn pdf_text(ws: &Workspace, name: &str) -> String {
    Pdf::parse(&ws.read(name)).text()
}

#[test]
fn auto_references_are_numbered_per_year_and_kept_on_regeneration() {
    let ws = Workspace::new();
    let meetings = [
        ("a", "2026-01-10", "auto"),
        ("b", "2026-05-01", "auto"),
        ("c", "2027-01-05", "auto"),
    ];
    ws.write("d.toml", &delegation(&meetings));
    ws.run(&["generate", "d.toml"])
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en")
        .stdout_has("numbered GVA/2026/0002 for b.en")
        .stdout_has("numbered GVA/2027/0001 for c.en");
    assert!(pdf_text(&ws, "out/b.en.pdf").contains("GVA/2026/0002"));
    assert!(pdf_text(&ws, "out/c.en.pdf").contains("GVA/2027/0001"));
    assert!(ws.path("register.sqlite").is_file());

    // The same notes again: the same numbers, the same bytes, nothing new recorded.
    let again = ws.run(&["generate", "d.toml"]);
    again.success().stdout_has("unchanged out/a.en.pdf");
    assert!(!again.stdout.contains("numbered"), "{}", again.stdout);

    // A meeting added in the middle of the file takes the next number of its year.
    let more = [
        meetings[0],
        meetings[1],
        ("d", "2026-06-01", "auto"),
        meetings[2],
    ];
    ws.write("d.toml", &delegation(&more));
    ws.run(&["generate", "d.toml"])
        .success()
        .stdout_has("numbered GVA/2026/0003 for d.en");
    let list = ws.run(&["register", "list", "--year", "2026"]);
    list.success();
    let references: Vec<&str> = list.stdout.lines().map(|l| &l[..13]).collect();
    assert_eq!(
        references,
        ["GVA/2026/0001", "GVA/2026/0002", "GVA/2026/0003"]
    );
}

#[test]
fn check_and_preview_show_the_next_number_and_take_none() {
    let ws = Workspace::new();
    ws.write("d.toml", &delegation(&[("a", "2026-03-01", "auto")]));
    ws.run(&["check", "d.toml"])
        .success()
        .stdout_has("a.en: GVA/2026/0001 (next)");
    ws.run(&["preview", "d.toml"])
        .success()
        .stdout_has("GVA/2026/0001");
    assert!(
        !ws.path("register.sqlite").exists(),
        "check creates nothing"
    );
    ws.run(&["generate", "d.toml"]).success();
    ws.write("e.toml", &delegation(&[("e", "2026-03-02", "auto")]));
    ws.run(&["check", "e.toml"])
        .success()
        .stdout_has("e.en: GVA/2026/0002 (next)");
    ws.run(&["check", "e.toml"])
        .success()
        .stdout_has("GVA/2026/0002 (next)");
}

#[test]
fn a_file_with_references_by_hand_and_no_register_setting_uses_none() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml"]).success();
    assert!(!ws.path("register.sqlite").exists());
}

#[test]
fn auto_without_a_pattern_is_an_error_at_its_line() {
    let ws = Workspace::new();
    ws.example_with(
        "x.toml",
        "reference = \"GVA/2017/0815\"",
        "reference = \"auto\"",
    );
    ws.run(&["generate", "x.toml"])
        .failure()
        .stderr_has("`reference = \"auto\"` needs `reference_pattern` in `[mission]`")
        .stderr_has("x.toml:16:13");
    assert!(ws.files_in("out").is_empty());
    assert!(!ws.path("register.sqlite").exists());
}

#[test]
fn a_voided_number_stays_and_is_never_given_again() {
    let ws = Workspace::new();
    ws.write(
        "d.toml",
        &delegation(&[("a", "2026-02-01", "auto"), ("b", "2026-02-02", "auto")]),
    );
    ws.run(&["generate", "d.toml"]).success();
    ws.run(&[
        "register",
        "void",
        "GVA/2026/0002",
        "--reason",
        "sent to the wrong office",
    ])
    .success();
    ws.run(&["register", "void", "GVA/2026/0002", "--reason", "twice"])
        .failure()
        .stderr_has("was voided already");
    let list = ws.run(&["register", "list"]);
    list.success()
        .stdout_has("VOIDED")
        .stdout_has("sent to the wrong office");
    ws.run(&["register", "show", "GVA/2026/0002"])
        .success()
        .stdout_has("voided on");
    // The voided note made again gets a new number; 0002 is never reused.
    ws.write(
        "d.toml",
        &delegation(&[
            ("a", "2026-02-01", "auto"),
            ("b", "2026-02-02", "auto"),
            ("c", "2026-02-03", "auto"),
        ]),
    );
    // (Into another folder: the voided note's files are kept where they are.)
    ws.run(&["generate", "d.toml", "-o", "again"])
        .success()
        .stdout_has("numbered GVA/2026/0003 for b.en")
        .stdout_has("numbered GVA/2026/0004 for c.en");
    let numbers: Vec<(String, i64, String)> = listed(&ws, &[]);
    let seqs: Vec<i64> = numbers.iter().map(|n| n.1).collect();
    assert_eq!(seqs, [1, 2, 3, 4]);
    assert!(!numbers[1].2.is_empty(), "0002 stays, voided: {numbers:?}");
    // A voided reference written by hand is refused.
    ws.write(
        "h.toml",
        &delegation(&[("h", "2026-02-05", "GVA/2026/0002")]),
    );
    ws.run(&["generate", "h.toml"])
        .failure()
        .stderr_has("reference `GVA/2026/0002` was voided on");
}

#[test]
fn verify_of_a_voided_note_says_when_and_why_and_fails() {
    let ws = Workspace::new();
    ws.write(
        "d.toml",
        &delegation(&[("a", "2026-02-01", "auto"), ("b", "2026-02-02", "auto")]),
    );
    ws.run(&["generate", "d.toml"]).success();
    // 2026-02-10, the day the note is withdrawn.
    ws.run_with_env(
        &[
            "register",
            "void",
            "GVA/2026/0002",
            "--reason",
            "sent to the wrong office",
        ],
        &[("SOURCE_DATE_EPOCH", "1770681600")],
    )
    .success();
    for file in ["out/b.en.pdf", "out/b.en.docx"] {
        let run = ws.run(&["register", "verify", file]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.failure()
            .stderr_has("GVA/2026/0002, issued 2026-02-02, version 1")
            .stderr_has("voided on 2026-02-10 because sent to the wrong office");
        assert!(!run.stdout.contains("GVA/2026/0002"), "{}", run.stdout);
    }
    ws.run(&["register", "verify", "out/a.en.pdf"])
        .success()
        .stdout_has("GVA/2026/0001, issued 2026-02-01, version 1");
}

#[test]
fn versions_are_recorded_and_verify_tells_an_issued_file_from_an_altered_one() {
    let ws = Workspace::new();
    ws.write("d.toml", &delegation(&[("a", "2026-12-01", "auto")]));
    ws.run(&["generate", "d.toml"]).success();
    std::fs::copy(ws.path("out/a.en.pdf"), ws.path("first.pdf")).unwrap();
    ws.run(&["register", "verify", "out/a.en.pdf"])
        .success()
        .stdout_has("GVA/2026/0001, issued 2026-12-01, version 1");
    ws.run(&["register", "verify", "out/a.en.docx"])
        .success()
        .stdout_has("GVA/2026/0001, issued 2026-12-01, version 1");

    // An edited copy.
    let mut altered = ws.read("out/a.en.pdf");
    let at = altered.len() / 2;
    altered[at] ^= 1;
    std::fs::write(ws.path("altered.pdf"), altered).unwrap();
    let run = ws.run(&["register", "verify", "altered.pdf"]);
    assert_eq!(run.code, 1);
    run.failure()
        .stderr_has("`altered.pdf` is not a file the register `register.sqlite` issued");

    // The note changed: the same number, version 2; both versions verify.
    let text = delegation(&[("a", "2026-12-01", "auto")]).replace(
        "Office for Disarmament Affairs",
        "Office for Disarmament Affairs, Geneva",
    );
    ws.write("d.toml", &text);
    ws.run(&["generate", "d.toml", "--force"]).success();
    assert!(pdf_text(&ws, "out/a.en.pdf").contains("GVA/2026/0001"));
    ws.run(&["register", "verify", "out/a.en.pdf"])
        .success()
        .stdout_has("GVA/2026/0001, issued 2026-12-01, version 2");
    ws.run(&["register", "verify", "first.pdf"])
        .success()
        .stdout_has("version 1");
    let show = ws.run(&["register", "show", "GVA/2026/0001"]);
    show.success()
        .stdout_has("version 1")
        .stdout_has("version 2")
        .stdout_has("Office for Disarmament Affairs, Geneva");
    assert_eq!(listed(&ws, &[]).len(), 1);
}

#[test]
fn list_csv_is_utf8_with_a_byte_order_mark_for_spreadsheets() {
    let ws = Workspace::new();
    let text = delegation(&[("a", "2026-03-01", "auto")]).replace(
        "Office for Disarmament Affairs",
        "Bureau des affaires de désarmement",
    );
    ws.write("d.toml", &text);
    ws.run(&["generate", "d.toml"]).success();
    let run = ws.run(&["register", "list", "--csv"]);
    run.success();
    // EF BB BF: what Excel and LibreOffice Calc take for UTF-8 when a file is opened directly.
    assert!(
        run.stdout.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
        "{:?}",
        &run.stdout.as_bytes()[..8.min(run.stdout.len())]
    );
    assert!(run.stdout[3..].starts_with("reference,year,number,"));
    assert_eq!(run.stdout.matches('\u{feff}').count(), 1);
    run.stdout_has("Bureau des affaires de désarmement");
}

#[test]
fn a_reference_by_hand_that_another_note_has_is_an_error_at_its_line() {
    let ws = Workspace::new();
    ws.write("a.toml", &delegation(&[("a", "2026-04-01", "auto")]));
    ws.run(&["generate", "a.toml"]).success();
    // Written by hand and recorded, since the register exists beside the file.
    ws.write(
        "b.toml",
        &delegation(&[("b", "2026-04-02", "GVA/2026/0500")]),
    );
    ws.run(&["generate", "b.toml"]).success();
    ws.run(&["register", "show", "GVA/2026/0500"])
        .success()
        .stdout_has("b (delegation, en)");
    ws.write(
        "c.toml",
        &delegation(&[("c", "2026-04-03", "GVA/2026/0001")]),
    );
    ws.run(&["generate", "c.toml", "-o", "out-c"])
        .failure()
        .stderr_has("reference `GVA/2026/0001` is already used by another note")
        .stderr_has("c.toml:15:13")
        .stderr_has("meeting `a`");
    assert!(ws.files_in("out-c").is_empty(), "nothing written");
    ws.run(&["check", "c.toml"])
        .failure()
        .stderr_has("is already used by another note");
}

#[test]
fn a_register_of_a_newer_schema_is_refused() {
    let ws = Workspace::new();
    ws.write("d.toml", &delegation(&[("a", "2026-01-10", "auto")]));
    ws.run(&["generate", "d.toml"]).success();
    let db = rusqlite::Connection::open(ws.path("register.sqlite")).unwrap();
    db.execute(
        "UPDATE register_meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(db);
    ws.run(&["generate", "d.toml"])
        .failure()
        .stderr_has("schema version 99, newer than this verbale reads (1)");
    ws.run(&["register", "list"])
        .failure()
        .stderr_has("schema version 99");
}

/// `count` files of one auto note each in `folder`.
pub(crate) fn notes_folder(ws: &Workspace, folder: &str, count: usize) {
    std::fs::create_dir_all(ws.path(folder)).unwrap();
    for i in 0..count {
        ws.write(
            &format!("{folder}/n{i:03}.toml"),
            &delegation(&[(&format!("m{i:03}"), "2026-07-01", "auto")]),
        );
    }
}

#[test]
fn a_batch_numbers_in_the_order_of_its_sorted_inputs() {
    let ws = Workspace::new();
    notes_folder(&ws, "in", 12);
    let register = ws.path("register.sqlite");
    let register = register.to_str().unwrap();
    ws.run(&["batch", "in", "--jobs", "2", "--register", register])
        .success()
        .stdout_has("12 notes written");
    for i in 0..12 {
        let text = pdf_text(&ws, &format!("out/n{i:03}/m{i:03}.en.pdf"));
        assert!(text.contains(&format!("GVA/2026/{:04}", i + 1)), "n{i:03}");
    }
}

/// Every recorded version's files exist with the recorded hashes, and the numbers run from 1
/// without a gap or a duplicate.
fn assert_consistent(ws: &Workspace, register: &str) -> usize {
    let run = ws.run(&["register", "list", "--json", "--register", register]);
    run.success();
    let notes: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let mut seqs = BTreeSet::new();
    for item in &notes {
        assert!(
            seqs.insert(item["note"]["seq"].as_i64().unwrap()),
            "duplicate"
        );
        let latest = &item["latest"];
        for (path, hash) in [("pdf_path", "pdf_sha256"), ("docx_path", "docx_sha256")] {
            let file = ws.path(latest[path].as_str().unwrap());
            let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
            assert_eq!(
                verbale::register::sha256_hex(&bytes),
                latest[hash].as_str().unwrap()
            );
        }
    }
    assert_eq!(
        seqs.into_iter().collect::<Vec<_>>(),
        (1..=notes.len() as i64).collect::<Vec<_>>()
    );
    notes.len()
}

#[test]
fn four_processes_at_once_get_consecutive_numbers() {
    let ws = Workspace::new();
    let register = ws.path("register.sqlite").to_str().unwrap().to_string();
    let children: Vec<_> = (0..4)
        .map(|p| {
            let folder = format!("in{p}");
            notes_folder(&ws, &folder, 50);
            Command::new(env!("CARGO_BIN_EXE_verbale"))
                .args([
                    "batch",
                    &folder,
                    "-o",
                    &format!("out{p}"),
                    "--quiet",
                    "--jobs",
                    "1",
                ])
                .args(["--register", &register])
                .current_dir(ws.dir.path())
                .env_clear()
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(assert_consistent(&ws, &register), 200);
}

#[test]
fn a_batch_killed_at_any_moment_leaves_register_and_files_agreeing() {
    let ws = Workspace::new();
    notes_folder(&ws, "in", 15);
    let register = ws.path("register.sqlite").to_str().unwrap().to_string();
    // A fixed sequence of pseudo-random delays (a linear congruential generator), so that a
    // failure can be repeated.
    let mut state: u64 = 0x5EED;
    for _ in 0..20 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis((state >> 33) % 400);
        let mut child = Command::new(env!("CARGO_BIN_EXE_verbale"))
            .args([
                "batch",
                "in",
                "--quiet",
                "--jobs",
                "2",
                "--register",
                &register,
            ])
            .current_dir(ws.dir.path())
            .env_clear()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if ws.path("register.sqlite").exists() {
            crate::protocol::assert_files_in_register(&ws, "out", &register);
        }
    }
    ws.run(&["batch", "in", "--register", &register]).success();
    assert_eq!(assert_consistent(&ws, &register), 15);
    for i in 0..15 {
        let text = pdf_text(&ws, &format!("out/n{i:03}/m{i:03}.en.pdf"));
        assert!(text.contains(&format!("GVA/2026/{:04}", i + 1)), "n{i:03}");
    }
}

/// The PostgreSQL server of the tests, with a schema of its own for one test.
pub(crate) fn postgres_register(test: &str) -> String {
    let url = std::env::var("VERBALE_TEST_POSTGRES").expect(
        "VERBALE_TEST_POSTGRES must name a PostgreSQL server (postgres://user@host:port/db); \
         `.ci/run` starts one",
    );
    let schema = format!("verbale_{test}_{}", std::process::id());
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-c%20search_path%3D{schema}")
}

#[test]
#[ignore = "needs a PostgreSQL server: VERBALE_TEST_POSTGRES"]
fn postgres_numbers_versions_and_voids_like_sqlite() {
    let ws = Workspace::new();
    let register = postgres_register("numbers");
    ws.write(
        "d.toml",
        &delegation(&[("a", "2026-01-10", "auto"), ("b", "2027-01-05", "auto")]),
    );
    ws.run(&["check", "d.toml", "--register", &register])
        .success()
        .stdout_has("a.en: GVA/2026/0001 (next)");
    ws.run(&["generate", "d.toml", "--register", &register])
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en")
        .stdout_has("numbered GVA/2027/0001 for b.en");
    ws.run(&["generate", "d.toml", "--register", &register])
        .success();
    ws.run(&[
        "register",
        "verify",
        "out/a.en.pdf",
        "--register",
        &register,
    ])
    .success()
    .stdout_has("GVA/2026/0001, issued 2026-01-10, version 1");
    ws.run(&[
        "register",
        "void",
        "GVA/2027/0001",
        "--reason",
        "withdrawn",
        "--register",
        &register,
    ])
    .success();
    ws.run(&["register", "list", "--register", &register])
        .success()
        .stdout_has("VOIDED");
    assert!(!ws.path("register.sqlite").exists());
}

#[test]
#[ignore = "needs a PostgreSQL server: VERBALE_TEST_POSTGRES"]
fn postgres_four_processes_at_once_get_consecutive_numbers() {
    let ws = Workspace::new();
    let register = postgres_register("concurrent");
    let children: Vec<_> = (0..4)
        .map(|p| {
            let folder = format!("in{p}");
            notes_folder(&ws, &folder, 50);
            Command::new(env!("CARGO_BIN_EXE_verbale"))
                .args([
                    "batch",
                    &folder,
                    "-o",
                    &format!("out{p}"),
                    "--quiet",
                    "--jobs",
                    "1",
                ])
                .args(["--register", &register])
                .current_dir(ws.dir.path())
                .env_clear()
                .envs(std::env::vars().filter(|(k, _)| k.starts_with("PG") || k == "USER"))
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(assert_consistent(&ws, &register), 200);
}

#[test]
fn the_register_command_finds_the_register_generate_uses_for_a_file() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("notes")).unwrap();
    ws.write("notes/d.toml", &delegation(&[("a", "2026-01-10", "auto")]));
    ws.run(&["generate", "notes/d.toml", "-o", "out"])
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en");
    assert!(ws.path("notes/register.sqlite").is_file());
    // From the current folder, there is no register; `--file` finds the file's.
    ws.run(&["register", "list"])
        .failure()
        .stderr_has("there is no register here yet");
    ws.run(&["register", "list", "--for", "notes/d.toml"])
        .success()
        .stdout_has("GVA/2026/0001");
    ws.run(&[
        "register",
        "verify",
        "out/a.en.pdf",
        "--for",
        "notes/d.toml",
    ])
    .success()
    .stdout_has("GVA/2026/0001");
    // A file that names its register elsewhere is read there.
    ws.write(
        "notes/e.toml",
        &delegation(&[("b", "2026-01-11", "auto")]).replacen(
            "language = \"en\"",
            "language = \"en\"\nregister = \"../shared.sqlite\"",
            1,
        ),
    );
    ws.run(&["generate", "notes/e.toml", "-o", "out"]).success();
    ws.run(&["register", "show", "GVA/2026/0001", "--for", "notes/e.toml"])
        .success()
        .stdout_has("b.en");
    assert!(ws.path("shared.sqlite").is_file());
}

#[test]
fn a_voided_notes_files_are_never_replaced_by_its_meetings_new_note() {
    let ws = Workspace::new();
    ws.write("d.toml", &delegation(&[("a", "2026-01-10", "auto")]));
    ws.run(&["generate", "d.toml"])
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en");
    let voided = ws.read("out/a.en.pdf");
    ws.run(&[
        "register",
        "void",
        "GVA/2026/0001",
        "--reason",
        "sent to the wrong office",
    ])
    .success();
    for force in [false, true] {
        let mut args = vec!["generate", "d.toml"];
        if force {
            args.push("--force");
        }
        ws.run(&args)
            .failure()
            .stderr_has("is the file of note GVA/2026/0001, voided on")
            .stderr_has("write it into another folder with `-o`");
        assert_eq!(ws.read("out/a.en.pdf"), voided, "force: {force}");
    }
    // Written elsewhere, the meeting's new note has a new number.
    ws.run(&["generate", "d.toml", "-o", "new"])
        .success()
        .stdout_has("numbered GVA/2026/0002 for a.en");
    assert!(pdf_text(&ws, "new/a.en.pdf").contains("GVA/2026/0002"));
    assert_eq!(ws.read("out/a.en.pdf"), voided);
}
