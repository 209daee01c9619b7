//! The French ordinal of the first day, `1er`, set as typographers set it in every kind of
//! French note: raised and smaller in the PDF, a superscript run in the DOCX, and still `1er`
//! in the text that both give back.

use std::process::Command;

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, require, Workspace};

/// A French note of `kind` dated 1 December, for a meeting from 1 to 6 September, amending a
/// note of 1 August.
fn note(ws: &Workspace, kind: &str) -> String {
    let file = format!("{kind}.toml");
    ws.write(
        &file,
        &format!(
            r#"language = "fr"

[mission]
name = "la Mission permanente du Valdoran"
short_name = "la Mission permanente"
city = "Genève"
state = "le Valdoran"

[signatory]
name = "Ana Müller"
title = "Directrice"

[[meeting]]
id = "m"
kind = "{kind}"
amends = {{ reference = "REF/0", date = 2017-08-01 }}
title = "la Conférence d'examen"
city = "Genève"
start = 2017-09-01
end = 2017-09-06
reference = "REF/1"
date = 2017-12-01

[meeting.recipient]
name = "le Secrétariat de la Conférence"
address = ["Palais des Nations"]

[[member]]
role = "head"
change = "head"
title = "S. E. M."
name = "Jan Kowalski"

[[member]]
role = "adviser"
change = "add"
title = "Mme"
name = "Aïcha Ouédraogo"
"#
        ),
    );
    let out = format!("out-{kind}");
    ws.run(&["generate", &file, "-o", &out]).success();
    format!("{out}/m.fr")
}

/// The phrases with a first of the month in each kind of note.
fn firsts(kind: &str) -> Vec<&'static str> {
    let mut phrases = vec![
        "qui se tiendra à Genève du 1er au 6 septembre 2017",
        "Genève, le 1er décembre 2017",
    ];
    if kind == "amendment" {
        phrases.push("sa note verbale no REF/0 du 1er août 2017");
    }
    phrases
}

/// The text of the DOCX's runs set as superscript.
fn superscript_runs(docx: &mut Docx) -> Vec<String> {
    let xml = docx.part("word/document.xml");
    xml.split("<w:r>")
        .skip(1)
        .filter(|run| run.contains("<w:vertAlign w:val=\"superscript\""))
        .map(|run| {
            let text = run.split("<w:t xml:space=\"preserve\">").nth(1).unwrap();
            text.split("</w:t>").next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn the_first_of_the_month_is_1er_raised_in_every_kind_of_french_note() {
    let ws = Workspace::new();
    for kind in ["delegation", "observer", "amendment", "letter"] {
        let stem = note(&ws, kind);
        let pdf = Pdf::parse(&ws.read(&format!("{stem}.pdf")));
        let mut docx = Docx::parse(&ws.read(&format!("{stem}.docx")));
        let (pdf_text, docx_text) = (flat(&pdf.text()), flat(&docx.all_text()));
        for phrase in firsts(kind) {
            assert!(
                pdf_text.contains(phrase),
                "{kind}: PDF lacks {phrase:?}:\n{pdf_text}"
            );
            assert!(
                docx_text.contains(phrase),
                "{kind}: DOCX lacks {phrase:?}:\n{docx_text}"
            );
        }
        // The amendment's `nᵒ` of the earlier note is raised too, before its `1er`.
        let mut raised_runs = vec!["er"; firsts(kind).len()];
        if kind == "amendment" {
            raised_runs.insert(0, "o");
        }
        assert_eq!(
            superscript_runs(&mut docx),
            raised_runs,
            "{kind}: the DOCX's superscript runs"
        );
        // In the PDF, each `er` is a run of its own, smaller and above the `1` before it.
        let runs: Vec<(f32, f32, f32, String)> = (0..pdf.page_count())
            .flat_map(|page| pdf.runs(page))
            .collect();
        let mut raised = 0;
        for pair in runs.windows(2) {
            let ((x, y, size, text), (next_x, next_y, next_size, next_text)) = (&pair[0], &pair[1]);
            if next_text == "er" {
                assert!(text.ends_with('1'), "{kind}: `er` after {text:?}");
                assert!(
                    (next_size / size - 0.65).abs() < 0.01,
                    "{kind}: `er` at {next_size} pt after {size} pt"
                );
                let rise = (y - next_y) / size;
                assert!(
                    (rise - 0.35).abs() < 0.01,
                    "{kind}: `er` raised by {rise} em"
                );
                assert!(next_x > x, "{kind}: `er` before its `1`");
                raised += 1;
            }
        }
        assert_eq!(raised, firsts(kind).len(), "{kind}: raised runs");
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); run by .ci/run"]
fn pdftotext_reads_1er_in_order() {
    let pdftotext = require("pdftotext");
    let ws = Workspace::new();
    for kind in ["delegation", "amendment", "letter"] {
        let stem = note(&ws, kind);
        let output = Command::new(&pdftotext)
            .arg(ws.path(&format!("{stem}.pdf")))
            .arg("-")
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = flat(&String::from_utf8(output.stdout).unwrap());
        for phrase in firsts(kind) {
            assert!(
                text.contains(phrase),
                "{kind}: pdftotext lacks {phrase:?}:\n{text}"
            );
        }
    }
}
