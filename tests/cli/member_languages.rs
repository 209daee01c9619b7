//! A member's title, function and institution given per language: each note prints the text in
//! its own language, in the PDF and the DOCX, and a missing language is reported at its place.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, root, Workspace};

/// The observer example with its head's texts replaced by `head`, written as `name`.
fn observer_with(ws: &Workspace, name: &str, head: &str) {
    let example = std::fs::read_to_string(root().join("examples/observer.toml")).unwrap();
    let original =
        "title = { en = \"Mr.\", fr = \"M.\" }\nname = \"Henrik Ødegård\"\nfunction = { en = \"Minister Counsellor, Deputy Permanent Representative\", fr = \"Ministre conseiller, Représentant permanent adjoint\" }\n";
    assert!(example.contains(original));
    ws.write(name, &example.replace(original, head));
}

/// Generates `file` with `args`; returns the flattened (PDF text, DOCX text).
fn render(ws: &Workspace, file: &str, out: &str, args: &[&str]) -> (String, String) {
    let mut all = vec!["generate", file, "-o", out];
    all.extend_from_slice(args);
    ws.run(&all).success();
    let (mut pdf, mut docx) = (String::new(), String::new());
    for name in ws.files_in(out) {
        let bytes = ws.read(&format!("{out}/{name}"));
        if name.ends_with(".pdf") {
            pdf = Pdf::parse(&bytes).text();
        } else {
            docx = Docx::parse(&bytes).all_text();
        }
    }
    (flat(&pdf), flat(&docx))
}

#[track_caller]
fn says(files: &(String, String), part: &str) {
    assert!(files.0.contains(part), "PDF lacks {part:?}:\n{}", files.0);
    assert!(files.1.contains(part), "DOCX lacks {part:?}:\n{}", files.1);
}

#[track_caller]
fn never_says(files: &(String, String), part: &str) {
    assert!(!files.0.contains(part), "PDF has {part:?}:\n{}", files.0);
    assert!(!files.1.contains(part), "DOCX has {part:?}:\n{}", files.1);
}

const HEAD: &str = "title = { en = \"Mr.\", fr = \"M.\" }\nname = \"Henrik Ødegård\"\nfunction = { en = \"Minister Counsellor\", fr = \"Ministre conseiller\" }\ninstitution = { en = \"Ministry of Foreign Affairs\", fr = \"Ministère des affaires étrangères\" }\n";

#[test]
fn each_note_prints_the_members_texts_in_its_language() {
    let ws = Workspace::new();
    observer_with(&ws, "observer.toml", HEAD);
    let english = render(&ws, "observer.toml", "en", &[]);
    says(
        &english,
        "Head of delegation Mr. Henrik Ødegård, Minister Counsellor, Ministry of Foreign Affairs",
    );
    never_says(&english, "Ministre conseiller");
    let french = render(&ws, "observer.toml", "fr", &["--lang", "fr"]);
    says(
        &french,
        "Chef de délégation M. Henrik Ødegård, Ministre conseiller, Ministère des affaires étrangères",
    );
    never_says(&french, "Minister Counsellor");
    never_says(&french, "Ministry");
}

#[test]
fn a_language_the_members_table_lacks_is_reported_at_the_table() {
    let ws = Workspace::new();
    let head =
        "title = \"Mr.\"\nname = \"Henrik Ødegård\"\nfunction = { en = \"Minister Counsellor\" }\n";
    observer_with(&ws, "observer.toml", head);
    let line = std::fs::read_to_string(ws.path("observer.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("function = {"))
        .unwrap()
        + 1;
    ws.run(&["generate", "observer.toml", "--lang", "fr", "-o", "out"])
        .failure()
        .stderr_has("`member.function` has no French text (`fr`)")
        .stderr_has(&format!("observer.toml:{line}:12"))
        .stderr_has("add `fr = \"...\"` here");
    assert!(ws.files_in("out").is_empty());
    // The English note needs no French.
    render(&ws, "observer.toml", "en", &[]);
}

/// The observer example with its members read from `members` (a `[members]` table or blocks).
fn observer_members(ws: &Workspace, name: &str, members: &str) {
    let example = std::fs::read_to_string(root().join("examples/observer.toml")).unwrap();
    let top = &example[..example.find("[[member]]").unwrap()];
    ws.write(name, &format!("{top}{members}"));
}

#[test]
fn columns_by_language_fill_each_languages_text_and_round_trip() {
    let ws = Workspace::new();
    ws.write(
        "members.csv",
        "Name,Title,Titre (fr),Function (en),Fonction (fr),Institution,Institution (fr),Role\r\n\
         Henrik Ødegård,Mr.,M.,Minister Counsellor,Ministre conseiller,Ministry of Foreign Affairs,Ministère des affaires étrangères,Head of delegation\r\n\
         Ingrid Solbakken,Ms.,Mme,Adviser,Conseillère,,,Adviser\r\n",
    );
    observer_members(&ws, "sheet.toml", "[members]\nfrom = \"members.csv\"\n");
    let english = render(&ws, "sheet.toml", "sheet-en", &[]);
    says(
        &english,
        "Head of delegation Mr. Henrik Ødegård, Minister Counsellor, Ministry of Foreign Affairs",
    );
    says(&english, "Ms. Ingrid Solbakken, Adviser");
    let french = render(&ws, "sheet.toml", "sheet-fr", &["--lang", "fr"]);
    says(
        &french,
        "Chef de délégation M. Henrik Ødegård, Ministre conseiller, Ministère des affaires étrangères",
    );
    says(&french, "Mme Ingrid Solbakken, Conseillère");
    never_says(&french, "Minister Counsellor");

    ws.run(&["import", "members.csv", "-o", "members.toml"])
        .success();
    let members = String::from_utf8(ws.read("members.toml")).unwrap();
    assert!(
        members.contains(
            "title = { en = \"Mr.\", fr = \"M.\" }\nname = \"Henrik Ødegård\"\n\
             function = { en = \"Minister Counsellor\", fr = \"Ministre conseiller\" }\n\
             institution = { en = \"Ministry of Foreign Affairs\", fr = \"Ministère des affaires étrangères\" }\n"
        ),
        "{members}"
    );
    // A column without a tag is the file's language (English here), never the Spanish text.
    ws.run(&["check", "sheet.toml", "--lang", "es"])
        .failure()
        .stderr_has("`member.title` has no Spanish text (`es`)")
        .stderr_has("members.csv");
    observer_members(&ws, "hand.toml", &members);
    for (lang, sheet) in [("en", &english), ("fr", &french)] {
        let args: &[&str] = if lang == "en" { &[] } else { &["--lang", "fr"] };
        let by_hand = render(&ws, "hand.toml", &format!("hand-{lang}"), args);
        assert_eq!(&by_hand, sheet);
        for name in ws.files_in(&format!("sheet-{lang}")) {
            assert_eq!(
                ws.read(&format!("sheet-{lang}/{name}")),
                ws.read(&format!("hand-{lang}/{name}")),
                "{name} differs"
            );
        }
    }
}

#[test]
fn a_column_without_a_language_is_the_files_language() {
    let ws = Workspace::new();
    ws.write(
        "members.csv",
        "Name,Fonction,Function (en),Role\r\nHenrik Ødegård,Ministre conseiller,Minister Counsellor,Head of delegation\r\n",
    );
    // In a French file, `Fonction` is the French text beside the English one.
    let example = std::fs::read_to_string(root().join("examples/observer.toml")).unwrap();
    let top = &example[..example.find("[[member]]").unwrap()];
    let french_file = top.replace("language = \"en\"", "language = \"fr\"");
    ws.write(
        "fr.toml",
        &format!("{french_file}[members]\nfrom = \"members.csv\"\n"),
    );
    let french = render(&ws, "fr.toml", "fr", &[]);
    says(&french, "Henrik Ødegård, Ministre conseiller");
    let english = render(&ws, "fr.toml", "en", &["--lang", "en"]);
    says(&english, "Henrik Ødegård, Minister Counsellor");
    // In an English file, both columns give the English text: one is too many.
    observer_members(&ws, "en.toml", "[members]\nfrom = \"members.csv\"\n");
    ws.run(&["check", "en.toml"])
        .failure()
        .stderr_has("columns `Fonction` and `Function (en)` both give the `function`");
}
