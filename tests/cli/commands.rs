//! The command line as a whole: the same options where they make sense, problems listed in
//! file order, machine-readable reports built from the problems themselves, completions and
//! the manual page.

use crate::support::Workspace;

/// The example with problems that the checks find out of file order: a misspelt field of the
/// last member is found while the file is read, before the dates of the meeting above it.
fn three_problems(ws: &Workspace) {
    let example = std::fs::read_to_string(ws.path("7msp.toml")).unwrap();
    let bad = example
        .replace("role = \"adviser\"", "role = \"hed\"")
        .replace("end = 2017-09-06", "end = 2017-09-01")
        .replace("function = \"First", "fnction = \"First");
    ws.write("bad.toml", &bad);
}

#[test]
fn problems_are_listed_in_file_order() {
    let ws = Workspace::new();
    three_problems(&ws);
    let run = ws.run(&["check", "bad.toml"]);
    run.failure();
    let lines: Vec<usize> = run
        .stderr
        .lines()
        .filter_map(|line| line.trim().strip_prefix("┌─ bad.toml:"))
        .map(|place| place.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert!(lines.len() >= 3, "{}", run.stderr);
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "{}", run.stderr);
    assert!(
        !run.stderr.contains("nothing was written"),
        "check never writes, so it does not say so:\n{}",
        run.stderr
    );
    ws.run(&["generate", "bad.toml"])
        .failure()
        .stderr_has("problems found; nothing was written");
}

#[test]
fn check_json_lists_each_problem_with_its_place() {
    let ws = Workspace::new();
    three_problems(&ws);
    let run = ws.run(&["check", "bad.toml", "--json"]);
    run.failure();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["status"], "failed");
    let errors = report["errors"].as_array().unwrap();
    let role = errors
        .iter()
        .find(|e| e["message"] == "unknown role `hed`")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(role["file"], "bad.toml");
    assert_eq!(role["line"], 31);
    assert_eq!(role["column"], 8);
    assert_eq!(role["hints"][0], "did you mean `head`?");

    let good = ws.run(&["check", "7msp.toml", "--json"]);
    good.success();
    let report: serde_json::Value = serde_json::from_str(&good.stdout).unwrap();
    assert_eq!(report["status"], "ok");
    assert_eq!(report["notes"], 1);
    assert_eq!(report["members"], 2);
}

#[test]
fn every_command_that_reads_a_file_takes_the_same_options() {
    let ws = Workspace::new();
    for command in ["check", "preview", "generate"] {
        ws.run(&[command, "7msp.toml", "--paper", "letter", "--lang", "fr"])
            .success();
    }
    ws.run(&["batch", "7msp.toml", "-o", "b", "--paper", "letter"])
        .success();
    let run = ws.run(&["check", "7msp.toml", "--paper", "a3"]);
    run.failure().stderr_has("a4").stderr_has("letter");
}

#[test]
fn the_paper_given_on_the_command_line_is_the_notes_paper() {
    let ws = Workspace::new();
    ws.run(&["generate", "7msp.toml", "-o", "out", "--paper", "letter"])
        .success();
    let pdf = crate::support::pdf::Pdf::parse(&ws.read("out/ccm-7msp.en.pdf"));
    let (width, height) = pdf.page_size();
    assert_eq!((width.round(), height.round()), (612.0, 792.0));
}

#[test]
fn templates_new_writes_into_the_output_folder() {
    let ws = Workspace::new();
    ws.run(&["templates", "new", "delegation", "-o", "mine"])
        .success();
    assert!(ws.path("mine/en/delegation.hbs").is_file());
    ws.run(&["templates", "new", "delegation", "--output", "mine"])
        .failure()
        .stderr_has("exists already")
        .stderr_has("--force");
    ws.run(&["templates", "new", "delegation", "--dir", "mine", "--force"])
        .success();
}

#[test]
fn completions_and_the_manual_page_know_every_command() {
    let ws = Workspace::new();
    let bash = ws.run(&["completions", "bash"]);
    bash.success();
    for command in [
        "generate",
        "check",
        "batch",
        "preview",
        "templates",
        "completions",
    ] {
        assert!(
            bash.stdout.contains(command),
            "bash completion lacks {command}"
        );
    }
    assert!(bash.stdout.contains("--pdf-a"), "{}", bash.stdout);
    ws.run(&["completions", "zsh"]).success();
    let man = ws.run(&["man"]);
    man.success();
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH verbale 1"));
    for command in ["generate", "check", "batch", "preview", "templates"] {
        assert!(man.stdout.contains(command), "manual lacks {command}");
    }
}

#[test]
fn the_readme_installs_the_versions_cargo_lock_names() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let installs: Vec<&str> = readme
        .lines()
        .filter(|line| line.trim_start().starts_with("cargo install"))
        .collect();
    assert!(!installs.is_empty(), "the README has no install step");
    for line in installs {
        assert!(
            line.contains("cargo install --locked --path ."),
            "without --locked, cargo install resolves the dependencies again: {line}"
        );
    }
}
