//! A member's title, function and institution given per language: each note prints the text in
//! its own language, in the PDF and the DOCX, and a missing language is reported at its place.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{root, Workspace};

/// Line breaks and no-break spaces made plain, to compare wording.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The observer example with its head's texts replaced by `head`, written as `name`.
fn observer_with(ws: &Workspace, name: &str, head: &str) {
    let example = std::fs::read_to_string(root().join("examples/observer.toml")).unwrap();
    let original =
        "title = \"Mr.\"\nname = \"Henrik Ødegård\"\nfunction = \"Minister Counsellor, Deputy Permanent Representative\"\n";
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

const HEAD: &str = "title = { en = \"Mr.\", fr = \"M.\" }\nname = \"Henrik Ødegård\"\nfunction = { en = \"Minister Counsellor\", fr = \"Ministre conseiller\" }\ninstitution = \"Ministry of Foreign Affairs\"\n";

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
        "Chef de délégation M. Henrik Ødegård, Ministre conseiller, Ministry of Foreign Affairs",
    );
    never_says(&french, "Minister Counsellor");
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
