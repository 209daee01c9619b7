//! A meeting asking for several languages (`languages = ["en", "fr"]`): one note per language
//! under one reference, each in its own files and mail draft; `language` and `languages`
//! together, a missing translation and a bad code are errors at their place.

use mail_parser::{MessageParser, MimeHeaders};

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, root, Workspace};

/// The shipped bilingual example, with `from` replaced by `to`, written as `name`.
fn example(ws: &Workspace, name: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root().join("examples/bilingual.toml")).unwrap();
    assert!(text.contains(from), "the example has no {from:?}");
    ws.write(name, &text.replacen(from, to, 1));
}

/// The DOCX's paragraphs, flattened.
fn paragraphs(bytes: &[u8]) -> Vec<String> {
    let mut docx = Docx::parse(bytes);
    let paragraphs = docx.paragraphs("word/document.xml");
    paragraphs
        .into_iter()
        .map(|(_, text)| flat(&text))
        .collect()
}

#[test]
fn one_note_per_language_in_its_own_files_with_one_reference() {
    let ws = Workspace::new();
    example(&ws, "b.toml", "\n", "\n");
    ws.run(&["generate", "b.toml", "-o", "out"])
        .success()
        .stdout_has("wrote out/hrc-61.en.pdf")
        .stdout_has("wrote out/hrc-61.fr.docx");
    assert_eq!(
        ws.files_in("out"),
        [
            "hrc-61.en.docx",
            "hrc-61.en.pdf",
            "hrc-61.fr.docx",
            "hrc-61.fr.pdf"
        ]
    );
    let cases = [
        (
            "en",
            [
                "Ref.: GVA/2026/0142",
                "presents its compliments to the Secretariat of the Human Rights Council",
                "Ms. Nguyễn Thị Lan, Legal Adviser, Ministry of Justice (lan.nguyen@example.org; online, speaker)",
                "Alternate representative",
                "Enclosure: Letter of credentials",
                "cc: Conference Services Section",
            ],
        ),
        (
            "fr",
            [
                "Réf. : GVA/2026/0142",
                "présente ses compliments au Secrétariat du Conseil des droits de l’homme",
                "Mme Nguyễn Thị Lan, Conseillère juridique, Ministère de la justice (lan.nguyen@example.org ; en ligne, oratrice)",
                "Représentant suppléant",
                "Pièce jointe : Lettre de pouvoirs",
                "Copie : Section des services de conférence",
            ],
        ),
    ];
    for (lang, parts) in cases {
        let pdf = flat(&Pdf::parse(&ws.read(&format!("out/hrc-61.{lang}.pdf"))).text());
        let docx = paragraphs(&ws.read(&format!("out/hrc-61.{lang}.docx")));
        for part in parts {
            assert!(pdf.contains(part), "{lang} PDF lacks {part:?}:\n{pdf}");
            assert!(
                docx.iter().any(|p| p.contains(part)),
                "{lang} DOCX lacks {part:?}:\n{docx:#?}"
            );
        }
    }
    // Each note is in its own language only.
    let en = flat(&Pdf::parse(&ws.read("out/hrc-61.en.pdf")).text());
    assert!(
        !en.contains("en personne") && !en.contains("Conseillère"),
        "{en}"
    );
}

#[test]
fn the_command_line_language_overrides_every_language_of_the_meeting() {
    let ws = Workspace::new();
    example(&ws, "b.toml", "\n", "\n");
    ws.run(&["generate", "b.toml", "-o", "out", "--lang", "fr"])
        .success();
    assert_eq!(ws.files_in("out"), ["hrc-61.fr.docx", "hrc-61.fr.pdf"]);
}

#[test]
fn check_preview_and_batch_take_every_language() {
    let ws = Workspace::new();
    example(&ws, "b.toml", "\n", "\n");
    ws.run(&["check", "b.toml"]).success().stdout_has("2 notes");
    ws.run(&["preview", "b.toml"])
        .success()
        .stdout_has("hrc-61.en · page 1")
        .stdout_has("hrc-61.fr · page 1")
        .stdout_has("; en ligne, oratrice)");
    std::fs::create_dir(ws.path("files")).unwrap();
    std::fs::copy(ws.path("b.toml"), ws.path("files/b.toml")).unwrap();
    std::fs::copy(
        ws.path("examplestan-emblem.png"),
        ws.path("files/examplestan-emblem.png"),
    )
    .unwrap();
    ws.run(&["batch", "files", "-o", "batch"]).success();
    let mut written: Vec<String> = walk(&ws.path("batch"));
    written.sort();
    assert_eq!(written.len(), 4, "{written:?}");
    assert!(
        written.iter().any(|f| f.ends_with("hrc-61.fr.pdf")),
        "{written:?}"
    );
}

/// Every file under a folder, by name.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path.to_string_lossy().into_owned());
        }
    }
    files
}

#[test]
fn each_language_gets_its_own_mail_draft_with_its_own_files() {
    let ws = Workspace::new();
    example(&ws, "b.toml", "\n", "\n");
    ws.run(&["generate", "b.toml", "-o", "out", "--mail"])
        .success();
    for (lang, subject) in [
        ("en", "Note verbale GVA/2026/0142"),
        ("fr", "Note verbale GVA/2026/0142\u{202f}:"),
    ] {
        let eml = ws.read(&format!("out/hrc-61.{lang}.eml"));
        let message = MessageParser::default().parse(&eml).expect("a message");
        assert!(
            message.subject().is_some_and(|s| s.starts_with(subject)),
            "{:?}",
            message.subject()
        );
        assert_eq!(message.attachment_count(), 1);
        let pdf = message.attachment(0).unwrap();
        let name = format!("hrc-61.{lang}.pdf");
        assert_eq!(pdf.attachment_name(), Some(name.as_str()));
        assert_eq!(pdf.contents(), ws.read(&format!("out/{name}")));
    }
}

#[test]
fn the_register_gives_both_languages_one_number_and_records_each_file() {
    let ws = Workspace::new();
    example(
        &ws,
        "b.toml",
        "reference = \"GVA/2026/0142\"",
        "reference = \"auto\"",
    );
    let text = String::from_utf8(ws.read("b.toml")).unwrap().replacen(
        "email = \"mission.examplestan@example.org\"",
        "email = \"mission.examplestan@example.org\"\nreference_pattern = \"GVA/{year}/{seq:04}\"",
        1,
    );
    ws.write("b.toml", &format!("register = \"register.sqlite\"\n{text}"));
    ws.run(&["check", "b.toml"])
        .success()
        .stdout_has("hrc-61.en, hrc-61.fr: GVA/2026/0001 (next)");
    let run = ws.run(&["generate", "b.toml", "-o", "out"]);
    run.success()
        .stdout_has("numbered GVA/2026/0001 for hrc-61.en, hrc-61.fr");
    assert_eq!(run.stdout.matches("numbered").count(), 1, "{}", run.stdout);
    for lang in ["en", "fr"] {
        let text = Pdf::parse(&ws.read(&format!("out/hrc-61.{lang}.pdf"))).text();
        assert!(text.contains("GVA/2026/0001"), "{text}");
        ws.run(&["register", "verify", &format!("out/hrc-61.{lang}.docx")])
            .success()
            .stdout_has("GVA/2026/0001");
    }
    let list = ws.run(&["register", "list", "--csv"]);
    list.success();
    assert_eq!(list.stdout.lines().count(), 2, "one note: {}", list.stdout);
    assert!(list.stdout.contains("en+fr"), "{}", list.stdout);
    // Again: the same number, nothing new recorded.
    let again = ws.run(&["generate", "b.toml", "-o", "out"]);
    again.success();
    assert!(!again.stdout.contains("numbered"), "{}", again.stdout);
    let show = ws.run(&["register", "show", "GVA/2026/0001"]);
    show.success();
    assert_eq!(
        show.stdout.matches("version ").count(),
        2,
        "{}",
        show.stdout
    );
    // Only the French text changes: one new version, of the French files.
    let text = String::from_utf8(ws.read("b.toml")).unwrap().replacen(
        "fr = \"Ambassadrice, Représentante permanente\"",
        "fr = \"Ambassadrice et Représentante permanente\"",
        1,
    );
    ws.write("b.toml", &text);
    ws.run(&["generate", "b.toml", "-o", "out", "--force"])
        .success();
    let show = ws.run(&["register", "show", "GVA/2026/0001"]);
    assert_eq!(
        show.stdout.matches("version ").count(),
        3,
        "{}",
        show.stdout
    );
    ws.run(&["register", "verify", "out/hrc-61.fr.pdf"])
        .success()
        .stdout_has("version 3");
    ws.run(&["register", "verify", "out/hrc-61.en.pdf"])
        .success()
        .stdout_has("version 1");
}

#[test]
fn language_and_languages_together_are_refused_at_languages() {
    let ws = Workspace::new();
    example(
        &ws,
        "b.toml",
        "\nlanguages = [\"en\", \"fr\"]",
        "\nlanguage = \"fr\"\nlanguages = [\"en\", \"fr\"]",
    );
    ws.run(&["generate", "b.toml", "-o", "out"])
        .failure()
        .stderr_has("a meeting has `language` or `languages`, not both")
        .stderr_has("b.toml:18:13")
        .stderr_has("keep `languages = [...]`");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn every_language_asked_needs_every_text() {
    let ws = Workspace::new();
    example(&ws, "b.toml", ", fr = \"Ministre conseiller\"", "");
    ws.run(&["check", "b.toml"])
        .failure()
        .stderr_has(
            "`member.function` has no French text (`fr`), which the note for `hrc-61` needs",
        )
        .stderr_has("b.toml:44:12");
    example(
        &ws,
        "c.toml",
        "\nlanguages = [\"en\", \"fr\"]",
        "\nlanguages = [\"en\", \"es\"]",
    );
    ws.run(&["check", "c.toml"])
        .failure()
        .stderr_has("`mission.name` has no Spanish text (`es`)");
    example(&ws, "d.toml", ", fr = \"Lettre de pouvoirs\"", "");
    ws.run(&["check", "d.toml"])
        .failure()
        .stderr_has(
            "`meeting.enclosure` has no French text (`fr`), which the note for `hrc-61` needs",
        )
        .stderr_has("d.toml:24:13");
}

#[test]
fn a_bad_or_repeated_code_and_an_empty_list_are_errors_at_their_place() {
    let ws = Workspace::new();
    for (to, message, at) in [
        (
            "languages = [\"en\", \"de\"]",
            "unknown language `de`",
            "b.toml:17:20",
        ),
        (
            "languages = [\"en\", \"en\"]",
            "`en` is named twice in `languages`",
            "b.toml:17:20",
        ),
        (
            "languages = []",
            "`languages` names no language",
            "b.toml:17:13",
        ),
        (
            "languages = \"en\"",
            "`languages` must be an array",
            "b.toml:17:13",
        ),
    ] {
        example(
            &ws,
            "b.toml",
            "\nlanguages = [\"en\", \"fr\"]",
            &format!("\n{to}"),
        );
        ws.run(&["check", "b.toml"])
            .failure()
            .stderr_has(message)
            .stderr_has(at);
    }
}
