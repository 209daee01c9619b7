//! Template maintainers: list, show, copy, inspect, check, override, preview.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, Workspace};

/// A copy of the built-in English delegation template in `mine/`, edited by `edit`.
fn override_delegation(ws: &Workspace, edit: impl Fn(String) -> String) {
    override_template(ws, "delegation", edit);
}

/// A copy of a built-in English template in `mine/`, edited by `edit`.
fn override_template(ws: &Workspace, name: &str, edit: impl Fn(String) -> String) {
    let args = [
        "templates",
        "new",
        name,
        "--from",
        name,
        "--lang",
        "en",
        "--dir",
        "mine",
    ];
    ws.run(&args).success();
    let path = ws.path(&format!("mine/en/{name}.hbs"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
}

#[test]
fn list_names_every_template_and_where_it_comes_from() {
    let ws = Workspace::new();
    let run = ws.run(&["templates", "list"]);
    run.success();
    for lang in ["en", "fr", "es"] {
        for kind in ["delegation", "observer", "amendment", "letter"] {
            assert!(
                run.stdout.contains(&format!("{lang}/{kind}")),
                "{lang}/{kind}:\n{}",
                run.stdout
            );
        }
    }
    assert!(run.stdout.contains("built in"));
    assert!(run.stdout.contains(
        "Note verbale of a State not party attending a meeting as an observer (English)."
    ));
    override_delegation(&ws, |t| t);
    let run = ws.run(&["templates", "list", "--templates", "mine"]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("en/delegation") && l.contains("mine/en/delegation.hbs")),
        "{}",
        run.stdout
    );
}

#[test]
fn show_prints_the_source() {
    let ws = Workspace::new();
    let run = ws.run(&["templates", "show", "delegation", "--lang", "fr"]);
    run.success();
    assert!(run
        .stdout
        .contains("présente ses compliments{{/if}} {{to meeting.recipient.name}}"));
    ws.run(&["templates", "show", "delegaton"])
        .failure()
        .stderr_has("no template `en/delegaton`")
        .stderr_has("did you mean `delegation`?");
}

#[test]
fn new_copies_and_never_overwrites_by_surprise() {
    let ws = Workspace::new();
    let run = ws.run(&[
        "templates",
        "new",
        "invitation",
        "--from",
        "observer",
        "--lang",
        "es",
        "--dir",
        "mine",
    ]);
    run.success();
    assert!(
        run.stdout.contains("kind = \"invitation\""),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(ws.path("mine/es/invitation.hbs")).unwrap();
    assert!(text.contains("participará{{/if}} en calidad de observador"));
    ws.run(&[
        "templates",
        "new",
        "invitation",
        "--from",
        "observer",
        "--lang",
        "es",
        "--dir",
        "mine",
    ])
    .failure()
    .stderr_has("exists already");
    ws.run(&["templates", "new", "../x", "--dir", "mine"])
        .failure()
        .stderr_has("cannot name a template");
}

#[test]
fn new_with_the_name_of_a_part_copies_that_part() {
    let ws = Workspace::new();
    let run = ws.run(&["templates", "new", "closing", "--lang", "fr", "-o", "mine"]);
    run.success()
        .stdout_has("from built-in fr/closing")
        .stdout_has("it replaces the built-in `fr/closing`");
    let builtin = ws.run(&["templates", "show", "closing", "--lang", "fr"]);
    builtin.success();
    let copy = std::fs::read_to_string(ws.path("mine/fr/closing.hbs")).unwrap();
    assert_eq!(copy, builtin.stdout);
    ws.run(&["templates", "check", "--templates", "mine"])
        .success()
        .stdout_has("no problems");
    // A new name still starts from the delegation note.
    ws.run(&["templates", "new", "invitation", "-o", "mine"])
        .success()
        .stdout_has("from built-in en/delegation");
}

#[test]
fn vars_lists_paths_through_blocks_and_partials() {
    let ws = Workspace::new();
    let run = ws.run(&["templates", "vars", "delegation"]);
    run.success();
    for path in [
        "mission.short_name",
        "meeting.start",
        "groups[].members[].name",
        "groups[].role",
        "meeting.recipient.address[]",
        "mission.state (optional)",
    ] {
        assert!(run.stdout.contains(path), "{path}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("en/role-heading:2:1"), "{}", run.stdout);
}

#[test]
fn check_passes_on_the_built_in_templates() {
    let ws = Workspace::new();
    let run = ws.run(&["templates", "check"]);
    run.success();
    assert!(
        run.stdout.contains("36 templates checked: no problems"),
        "{}",
        run.stdout
    );
    ws.run(&["templates", "check", "--data", "7msp.toml"])
        .success();
}

#[test]
fn check_reports_a_misspelt_path_with_file_and_line() {
    let ws = Workspace::new();
    override_template(&ws, "closing", |t| {
        t.replace(
            "The {{mission.short_name}} avails",
            "The {{mission.shortname}} avails",
        )
    });
    let run = ws.run(&["templates", "check", "--templates", "mine"]);
    run.failure()
        .stderr_has("`mission.shortname` is not in the data given to templates")
        .stderr_has("mine/en/closing.hbs:3:5")
        .stderr_has("did you mean `mission.short_name`?");
    // The closing is part of every kind of note, and is reported once all the same.
    assert_eq!(
        run.stderr.matches("`mission.shortname` is not").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("`verbale templates check"),
        "check does not tell to run itself:\n{}",
        run.stderr
    );
    // The same typo stops `generate` before anything is written.
    ws.run(&["generate", "7msp.toml", "--templates", "mine", "-o", "out"])
        .failure()
        .stderr_has("mission.shortname");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn check_reports_an_unclosed_block() {
    let ws = Workspace::new();
    override_template(&ws, "list", |t| {
        t.replace("{{/each}}\n\n{{/each}}", "{{/each}}\n\n")
    });
    ws.run(&["templates", "check", "--templates", "mine"])
        .failure()
        .stderr_has("mine/en/list.hbs:")
        .stderr_has("needs its own `{{/if}}`, `{{/each}}` or `{{/with}}`");
}

#[test]
fn check_reports_an_unknown_helper_and_an_unknown_partial() {
    let ws = Workspace::new();
    override_delegation(&ws, |t| {
        t.replace("{{date meeting.date}}", "{{shout meeting.date}}")
    });
    override_template(&ws, "list", |t| {
        t.replace("{{> en/role-heading}}", "{{> en/role-headings}}")
    });
    ws.run(&["templates", "check", "--templates", "mine"])
        .failure()
        .stderr_has("unknown helper `shout`")
        .stderr_has("mine/en/delegation.hbs:19:")
        .stderr_has("no template named `en/role-headings` to include")
        .stderr_has("mine/en/list.hbs:3:");
}

#[test]
fn check_reports_an_optional_value_printed_without_if() {
    let ws = Workspace::new();
    override_delegation(&ws, |t| {
        t.replace(
            "{{mission.city}}, {{date meeting.date}}",
            "{{mission.state}}, {{date meeting.date}}",
        )
    });
    ws.run(&["templates", "check", "--templates", "mine"])
        .failure()
        .stderr_has("`mission.state` may be empty")
        .stderr_has("{{#if mission.state}}");
    // `generate` reads the templates the same way, so the blank never reaches a note.
    ws.run(&["generate", "7msp.toml", "--templates", "mine", "-o", "out"])
        .failure()
        .stderr_has("`mission.state` may be empty");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn an_overridden_closing_shows_in_both_files() {
    let ws = Workspace::new();
    override_template(&ws, "closing", |t| {
        t.replace(
            "avails itself of this opportunity to renew",
            "takes this opportunity to renew",
        )
    });
    ws.run(&["generate", "7msp.toml", "--templates", "mine", "-o", "out"])
        .success();
    let expected = "The Permanent Mission of the Republic of Examplestan takes this opportunity to renew to the Office";
    assert!(flat(&Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text()).contains(expected));
    assert!(flat(&Docx::parse(&ws.read("out/ccm-7msp.en.docx")).all_text()).contains(expected));
    // The same folder named in the delegation file.
    ws.example_with(
        "own.toml",
        "language = \"en\"",
        "language = \"en\"\ntemplates = \"mine\"",
    );
    ws.run(&["generate", "own.toml", "-o", "own"]).success();
    assert!(flat(&Pdf::parse(&ws.read("own/ccm-7msp.en.pdf")).text()).contains(expected));
}

#[test]
fn a_template_folder_adds_a_kind_of_note() {
    let ws = Workspace::new();
    ws.run(&[
        "templates",
        "new",
        "invitation",
        "--from",
        "delegation",
        "--dir",
        "mine",
    ])
    .success();
    let path = ws.path("mine/en/invitation.hbs");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "has the honour to communicate the composition of",
        "has the honour to announce",
    );
    std::fs::write(&path, text).unwrap();
    ws.example_with(
        "inv.toml",
        "id = \"ccm-7msp\"",
        "id = \"ccm-7msp\"\nkind = \"invitation\"",
    );
    ws.run(&["generate", "inv.toml", "-o", "out"])
        .failure()
        .stderr_has("unknown kind `invitation`");
    ws.run(&["generate", "inv.toml", "--templates", "mine", "-o", "out"])
        .success();
    assert!(flat(&Pdf::parse(&ws.read("out/ccm-7msp.en.pdf")).text())
        .contains("has the honour to announce its delegation"));
}

#[test]
fn preview_prints_the_note_page_by_page() {
    let ws = Workspace::new();
    let run = ws.run(&["preview", "7msp.toml"]);
    run.success();
    assert!(
        run.stdout.contains("ccm-7msp.en · page 1 of 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Head of delegation"));
    assert!(run.stdout.contains("Geneva, 15 August 2017"));
    assert!(ws.files_in("out").is_empty(), "preview writes nothing");
}
