//! Output files: never overwritten by surprise, never half-written.

use crate::support::Workspace;

#[test]
fn a_rerun_leaves_identical_files_alone() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
    let run = ws.run(&["generate", "7msp.toml", "-o", "out"]);
    run.success();
    assert!(run.stdout.contains("unchanged"), "{}", run.stdout);
}

#[test]
fn a_changed_note_needs_force() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
    let before = ws.read("out/ccm-7msp.en.pdf");
    ws.example_with(
        "changed.toml",
        "reference = \"GVA/2017/0815\"",
        "reference = \"GVA/2017/0816\"",
    );
    ws.run(&["generate", "changed.toml", "-o", "out"])
        .failure()
        .stderr_has("with other contents")
        .stderr_has("--force");
    assert!(
        ws.read("out/ccm-7msp.en.pdf") == before,
        "the earlier output was kept"
    );
    ws.run(&["generate", "changed.toml", "-o", "out", "--force"])
        .success();
    assert!(ws.read("out/ccm-7msp.en.pdf") != before);
    assert_eq!(
        ws.files_in("out"),
        ["ccm-7msp.en.docx", "ccm-7msp.en.pdf"],
        "no temporary files left"
    );
}

#[cfg(unix)]
#[test]
fn notes_are_readable_by_others_like_any_document() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
    let mode = std::fs::metadata(ws.path("out/ccm-7msp.en.pdf"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_bad_file_does_not_touch_earlier_output() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out"]).success();
    let before = ws.read("out/ccm-7msp.en.docx");
    ws.example_with("bad.toml", "role = \"adviser\"", "role = \"hed\"");
    ws.run(&["generate", "bad.toml", "-o", "out", "--force"])
        .failure();
    assert!(ws.read("out/ccm-7msp.en.docx") == before);
}

#[test]
fn two_runs_into_one_folder_at_once_never_both_write() {
    let ws = Workspace::new();
    ws.example_with(
        "other.toml",
        "reference = \"GVA/2017/0815\"",
        "reference = \"GVA/2017/0816\"",
    );
    let binary = env!("CARGO_BIN_EXE_verbale");
    for attempt in 0..12 {
        let folder = format!("out{attempt}");
        let start = |file: &str| {
            std::process::Command::new(binary)
                .args(["generate", file, "-o", &folder])
                .current_dir(ws.dir.path())
                .output()
                .unwrap()
        };
        let (first, second) = std::thread::scope(|scope| {
            let first = scope.spawn(|| start("7msp.toml"));
            let second = scope.spawn(|| start("other.toml"));
            (first.join().unwrap(), second.join().unwrap())
        });
        let succeeded = [&first, &second]
            .iter()
            .filter(|run| run.status.success())
            .count();
        assert_eq!(
            succeeded,
            1,
            "exactly one run writes, the other sees its files\n{}\n{}",
            String::from_utf8_lossy(&first.stderr),
            String::from_utf8_lossy(&second.stderr)
        );
        let loser = if first.status.success() {
            &second
        } else {
            &first
        };
        assert!(String::from_utf8_lossy(&loser.stderr).contains("with other contents"));
    }
}
