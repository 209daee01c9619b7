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

/// A roff page as text: `\-` as `-`, font changes (`\fB`, `\fR`) dropped.
fn unroff(page: &str) -> String {
    let text = page.replace("\\-", "-");
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('f')) => {
                chars.next();
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    plain
}

/// The pages a text refers to: `verbale-generate(1)` -> ("verbale-generate", "1").
fn references(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('(') {
        let section: String = text[at + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if section.is_empty() || !text[at + 1 + section.len()..].starts_with(')') {
            continue;
        }
        let name: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            found.push((name, section));
        }
    }
    found
}

#[test]
fn man_dir_writes_a_page_per_command_with_every_option_naming_only_pages_that_exist() {
    use clap::CommandFactory;
    let ws = Workspace::new();
    ws.run(&["man", "--dir", "man"])
        .success()
        .stdout_has("wrote man/verbale-register-verify.1");
    let page = |name: &str| {
        let path = ws.path("man").join(name);
        unroff(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}")))
    };
    // Every command and subcommand has a page naming each of its options and arguments, and
    // each page of a command with subcommands names theirs.
    let mut cli = verbale::cli::Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut commands = vec![cli.clone()];
    for command in cli.get_subcommands() {
        commands.push(command.clone());
        commands.extend(command.get_subcommands().cloned());
    }
    assert!(commands.len() > 15, "{}", commands.len());
    for command in &commands {
        let name = command.get_display_name().unwrap_or("verbale").to_string();
        let text = page(&format!("{name}.1"));
        assert!(text.contains(".SH \"EXIT STATUS\""), "{name}");
        for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
            let shown = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("--{long}"),
                (None, Some(names)) => format!("<{}>", names[0]),
                (None, None) => format!("<{}>", arg.get_id().as_str().to_uppercase()),
            };
            // An optional argument is shown in brackets (`[PATH]`).
            let shown = if arg.get_long().is_none() && !arg.is_required_set() {
                format!("[{}]", shown.trim_matches(['<', '>']))
            } else {
                shown
            };
            assert!(text.contains(&shown), "{name} lacks {shown}");
        }
        for sub in command.get_subcommands() {
            let reference = format!("{}(1)", sub.get_display_name().unwrap());
            assert!(text.contains(&reference), "{name} lacks {reference}");
        }
    }
    // Every reference names a page that was written.
    let written = ws.files_in("man");
    for file in &written {
        for (name, section) in references(&page(file)) {
            assert!(
                written.contains(&format!("{name}.{section}")),
                "{file} refers to {name}({section}), which does not exist"
            );
        }
    }
    // The main page: exit statuses, environment, files.
    let main = page("verbale.1");
    for needle in [
        ".SH ENVIRONMENT",
        "SOURCE_DATE_EPOCH",
        "PGPASSWORD",
        "PGSERVICE",
        "VERBALE_SMTP_PASSWORD",
        ".SH FILES",
        "register.sqlite",
        "verbale-delegation(5)",
    ] {
        assert!(main.contains(needle), "verbale.1 lacks {needle}");
    }
    // The delegation file's page names every key the reader takes.
    let file = page("verbale-delegation.5");
    for (table, keys) in verbale::parse::TABLES {
        for key in keys {
            assert!(file.contains(&format!("\n{key}\n")), "no `{key}` ({table})");
        }
    }
    // A second run finds the same pages; a changed one is only replaced with --force.
    std::fs::write(ws.path("man/verbale.1"), "old").unwrap();
    ws.run(&["man", "--dir", "man"])
        .failure()
        .stderr_has("--force");
    ws.run(&["man", "--dir", "man", "--force"])
        .success()
        .stdout_has("unchanged man/verbale-man.1")
        .stdout_has("wrote man/verbale.1");
}

#[test]
#[ignore = "needs man (man-db); run by .ci/run"]
fn every_page_of_the_manual_renders_without_warnings() {
    let man = crate::support::require("man");
    let ws = Workspace::new();
    ws.run(&["man", "--dir", "man"]).success();
    for file in ws.files_in("man") {
        let output = std::process::Command::new(&man)
            .args(["--warnings", "-l"])
            .arg(ws.path("man").join(&file))
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Bold and underlined text come as overstrikes (`N\bN`): keep the last of each.
        let mut stdout = String::new();
        for c in String::from_utf8_lossy(&output.stdout).chars() {
            match c {
                '\u{8}' => {
                    stdout.pop();
                }
                c => stdout.push(c),
            }
        }
        assert!(output.status.success(), "{file}: {stderr}");
        assert!(stderr.trim().is_empty(), "{file}: {stderr}");
        assert!(
            stdout.contains("NAME") && stdout.contains("SEE ALSO"),
            "{file}:\n{stdout}"
        );
    }
    // The whole manual on standard output is every page, one after the other.
    let whole = ws.run(&["man"]);
    whole.success();
    assert_eq!(
        whole.stdout.matches(".TH ").count(),
        ws.files_in("man").len()
    );
}
