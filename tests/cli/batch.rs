//! `verbale batch`: many files, good and bad, in parallel, with a summary or a JSON report.

use std::path::Path;

use crate::support::pdf::Pdf;
use crate::support::Workspace;

/// A folder `delegations/` with `count` good files (one meeting each) and, if asked, a bad one.
fn folder(ws: &Workspace, count: usize, bad: bool) {
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let dir = ws.path("delegations/ccm");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        ws.path("examplestan-emblem.png"),
        ws.path("delegations/examplestan-emblem.png"),
    )
    .unwrap();
    for i in 0..count {
        let text = example
            .replace("id = \"ccm-7msp\"", &format!("id = \"ccm-7msp-{i}\""))
            .replace(
                "emblem = \"examplestan-emblem.png\"",
                "emblem = \"../examplestan-emblem.png\"",
            );
        std::fs::write(dir.join(format!("mission-{i:02}.toml")), text).unwrap();
    }
    if bad {
        let text = example.replace("role = \"adviser\"", "role = \"hed\"");
        std::fs::write(ws.path("delegations/broken.toml"), text).unwrap();
    }
}

fn count_files(dir: &Path, extension: &str) -> usize {
    walk(dir)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .count()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn good_files_are_written_and_a_bad_one_is_reported() {
    let ws = Workspace::new();
    folder(&ws, 12, true);
    let run = ws.run(&["batch", "delegations", "-o", "out"]);
    run.failure()
        .stderr_has("unknown role `hed`")
        .stderr_has("delegations/broken.toml:31:8");
    assert!(
        run.stdout.contains("12 notes written, 1 file failed"),
        "{}",
        run.stdout
    );
    assert_eq!(count_files(&ws.path("out"), "pdf"), 12);
    assert_eq!(count_files(&ws.path("out"), "docx"), 12);
    assert!(ws.path("out/ccm/mission-03/ccm-7msp-3.en.pdf").is_file());
    assert!(!ws.path("out/broken").exists(), "nothing for the bad file");
}

#[test]
fn the_json_report_lists_every_input() {
    let ws = Workspace::new();
    folder(&ws, 3, true);
    let run = ws.run(&["batch", "delegations", "-o", "out", "--json", "--jobs", "2"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["failed_files"], 1);
    assert_eq!(report["summary"]["notes_written"], 3);
    let inputs = report["inputs"].as_array().unwrap();
    let broken = inputs
        .iter()
        .find(|i| i["file"].as_str().unwrap().ends_with("broken.toml"))
        .unwrap();
    assert_eq!(broken["status"], "failed");
    assert_eq!(broken["errors"][0]["line"], 31);
    assert_eq!(broken["errors"][0]["column"], 8);
    assert_eq!(broken["errors"][0]["message"], "unknown role `hed`");
    let good = inputs.iter().find(|i| i["status"] == "ok").unwrap();
    let outputs = good["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 2);
    assert!(outputs.iter().all(|o| o["status"] == "written"
        && Path::new(ws.dir.path())
            .join(o["path"].as_str().unwrap())
            .is_file()));
}

#[test]
fn files_sharing_a_name_or_a_meeting_id_get_their_own_folders() {
    let ws = Workspace::new();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(ws.path(sub)).unwrap();
        std::fs::copy(
            ws.path("examplestan-emblem.png"),
            ws.path(&format!("{sub}/examplestan-emblem.png")),
        )
        .unwrap();
        std::fs::copy(ws.path("7msp.toml"), ws.path(&format!("{sub}/7msp.toml"))).unwrap();
    }
    ws.run(&["batch", "a/7msp.toml", "b/7msp.toml", "-o", "listed"])
        .success();
    assert!(ws.path("listed/7msp/ccm-7msp.en.pdf").is_file());
    assert!(ws.path("listed/7msp-2/ccm-7msp.en.pdf").is_file());
    std::fs::create_dir_all(ws.path("all")).unwrap();
    std::fs::rename(ws.path("a"), ws.path("all/a")).unwrap();
    std::fs::rename(ws.path("b"), ws.path("all/b")).unwrap();
    ws.run(&["batch", "all", "-o", "walked"]).success();
    assert!(ws.path("walked/a/7msp/ccm-7msp.en.pdf").is_file());
    assert!(ws.path("walked/b/7msp/ccm-7msp.en.pdf").is_file());
}

#[test]
fn every_input_of_a_run_gets_a_folder_of_its_own_even_with_force() {
    let ws = Workspace::new();
    let references = [("a", "x", "0001"), ("b", "x", "0002"), ("c", "x-2", "0003")];
    for (sub, name, reference) in references {
        std::fs::create_dir_all(ws.path(sub)).unwrap();
        std::fs::copy(
            ws.path("examplestan-emblem.png"),
            ws.path(&format!("{sub}/examplestan-emblem.png")),
        )
        .unwrap();
        let text = std::fs::read_to_string(ws.path("7msp.toml"))
            .unwrap()
            .replace("GVA/2017/0815", &format!("GVA/2017/{reference}"));
        ws.write(&format!("{sub}/{name}.toml"), &text);
    }
    ws.run(&[
        "batch",
        "a/x.toml",
        "b/x.toml",
        "c/x-2.toml",
        "-o",
        "out",
        "--force",
    ])
    .success()
    .stdout_has("3 notes written");
    let folders = ws.files_in("out");
    assert_eq!(folders, ["x", "x-2", "x-2-2"]);
    for (folder, reference) in [("x", "0001"), ("x-2", "0002"), ("x-2-2", "0003")] {
        let text = Pdf::parse(&ws.read(&format!("out/{folder}/ccm-7msp.en.pdf"))).text();
        assert!(text.contains(&format!("GVA/2017/{reference}")), "{folder}");
    }
}

#[test]
fn a_rerun_changes_nothing_and_a_changed_file_needs_force() {
    let ws = Workspace::new();
    folder(&ws, 3, false);
    ws.run(&["batch", "delegations", "-o", "out"]).success();
    let pdf = ws.path("out/ccm/mission-01/ccm-7msp-1.en.pdf");
    let modified = std::fs::metadata(&pdf).unwrap().modified().unwrap();
    let run = ws.run(&["batch", "delegations", "-o", "out"]);
    run.success();
    assert!(
        run.stdout
            .contains("0 notes written, 3 notes unchanged, 0 files failed"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::metadata(&pdf).unwrap().modified().unwrap(),
        modified,
        "not rewritten"
    );

    let file = ws.path("delegations/ccm/mission-01.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("GVA/2017/0815", "GVA/2017/0999");
    std::fs::write(&file, text).unwrap();
    let run = ws.run(&["batch", "delegations", "-o", "out"]);
    run.failure()
        .stderr_has("with other contents")
        .stderr_has("--force");
    assert!(
        run.stdout
            .contains("0 notes written, 2 notes unchanged, 1 file failed"),
        "{}",
        run.stdout
    );
    let run = ws.run(&["batch", "delegations", "-o", "out", "--force"]);
    run.success();
    assert!(
        run.stdout.contains("1 note written, 2 notes unchanged"),
        "{}",
        run.stdout
    );
}

#[test]
fn leftovers_of_a_killed_run_are_removed() {
    let ws = Workspace::new();
    folder(&ws, 1, false);
    std::fs::create_dir_all(ws.path("out/ccm/mission-00")).unwrap();
    std::fs::write(
        ws.path("out/ccm/mission-00/.verbale-abc123.part"),
        b"half a note",
    )
    .unwrap();
    ws.run(&["batch", "delegations", "-o", "out", "--quiet"])
        .success();
    let names: Vec<String> = walk(&ws.path("out"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".part")), "{names:?}");
    assert_eq!(names.len(), 2);
}

#[test]
fn a_path_that_does_not_exist_is_an_error() {
    let ws = Workspace::new();
    ws.run(&["batch", "nowhere", "-o", "out"])
        .failure()
        .stderr_has("`nowhere` is neither a file nor a folder");
}

#[test]
fn jobs_are_bounded() {
    let ws = Workspace::new();
    ws.run(&["batch", "7msp.toml", "--jobs", "20000", "-o", "out"])
        .failure()
        .stderr_has("1..=256");
    ws.run(&["batch", "7msp.toml", "--jobs", "256", "-o", "out"])
        .success()
        .stdout_has("1 note written");
}
