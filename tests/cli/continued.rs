//! Long lists over several pages, in every language and kind with a list: the PDF repeats the
//! list's heading with "(continued)", "(suite)", "(continuación)" at the top of the next page,
//! and the closing never stands alone on the last page; the DOCX keeps the closing with what
//! comes before it for Word to paginate.

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, Workspace};

/// A delegation of a head and `advisers` women advisers (all of them additions in an
/// amendment) to one meeting of `kind`.
fn delegation(lang: &str, kind: &str, advisers: usize) -> String {
    let (title, function, mission, short, state, meeting, city, recipient) = match lang {
        "fr" => (
            "Mme",
            "Conseillère, Direction des organisations internationales",
            "la Mission permanente du Valdoran",
            "la Mission permanente",
            "le Valdoran",
            "la Conférence d'examen",
            "Genève",
            "le Secrétariat de la Conférence",
        ),
        "es" => (
            "Sra.",
            "Consejera, Dirección de Organismos Internacionales",
            "la Misión Permanente de Valdoran",
            "la Misión Permanente",
            "Valdoran",
            "la Conferencia de Examen",
            "Ginebra",
            "la Secretaría de la Conferencia",
        ),
        _ => (
            "Ms.",
            "Counsellor, Department of International Organizations",
            "Permanent Mission of Valdoran",
            "Permanent Mission",
            "Valdoran",
            "Review Conference",
            "Geneva",
            "Secretariat of the Conference",
        ),
    };
    let mut text = format!(
        r#"language = "{lang}"

[mission]
name = "{mission}"
short_name = "{short}"
city = "{city}"
state = "{state}"

[signatory]
name = "Ana Müller"
title = "Director"

[[meeting]]
id = "m"
kind = "{kind}"
amends = {{ reference = "REF/0", date = 2017-08-01 }}
title = "{meeting}"
city = "{city}"
start = 2017-09-04
end = 2017-09-06
reference = "REF/1"
date = 2017-08-15

[meeting.recipient]
name = "{recipient}"
address = ["Palais des Nations"]

[[member]]
role = "head"
title = "H.E. Mr."
name = "Jan Kowalski"
"#
    );
    for number in 1..=advisers {
        text.push_str(&format!(
            "\n[[member]]\nrole = \"adviser\"\nchange = \"add\"\ntitle = \"{title}\"\nname = \"Adviser Number {number}\"\nfunction = \"{function}\"\n"
        ));
    }
    text
}

fn generate(ws: &Workspace, lang: &str, kind: &str, advisers: usize) -> (Pdf, Docx) {
    let file = format!("{lang}-{kind}-{advisers}.toml");
    ws.write(&file, &delegation(lang, kind, advisers));
    let out = format!("out-{lang}-{kind}-{advisers}");
    ws.run(&["generate", &file, "-o", &out]).success();
    (
        Pdf::parse(&ws.read(&format!("{out}/m.{lang}.pdf"))),
        Docx::parse(&ws.read(&format!("{out}/m.{lang}.docx"))),
    )
}

/// The first words of each kind's closing, in each language.
fn closing(lang: &str, kind: &str) -> &'static str {
    match (lang, kind) {
        ("en", "letter") => "Accept, Sir/Madam, the assurances",
        ("fr", "letter") => "Veuillez agréer",
        ("es", "letter") => "Aprovecho la oportunidad",
        ("en", _) => "The Permanent Mission avails itself",
        ("fr", _) => "La Mission permanente saisit cette occasion",
        _ => "La Misión Permanente aprovecha",
    }
}

/// The list that runs over the page in each kind, and the words of its continued heading.
fn continued_heading(lang: &str, kind: &str) -> &'static str {
    match (lang, kind) {
        ("en", "amendment") => "Additions (continued)",
        ("fr", "amendment") => "Ajouts (suite)",
        ("es", "amendment") => "Incorporaciones (continuación)",
        ("en", _) => "Advisers (continued)",
        ("fr", _) => "Conseillères (suite)",
        _ => "Asesoras (continuación)",
    }
}

const KINDS: [&str; 4] = ["delegation", "observer", "amendment", "letter"];

#[test]
fn a_list_over_two_pages_repeats_its_heading_and_the_closing_is_never_alone() {
    let ws = Workspace::new();
    for lang in ["en", "fr", "es"] {
        for kind in KINDS {
            let (pdf, _) = generate(&ws, lang, kind, 40);
            let pages: Vec<String> = pdf.page_texts().iter().map(|t| flat(t)).collect();
            assert!(pages.len() >= 2, "{lang} {kind}: one page");
            let heading = continued_heading(lang, kind);
            assert!(
                pages[1].starts_with(&format!("{heading} ")),
                "{lang} {kind}: page 2 starts otherwise:\n{}",
                pages[1]
            );
            let last = pages.last().unwrap();
            let at = last.find(closing(lang, kind)).unwrap_or_else(|| {
                panic!("{lang} {kind}: the closing is not on the last page:\n{last}")
            });
            assert!(
                last[..at].contains("Adviser Number"),
                "{lang} {kind}: the closing stands alone on the last page:\n{last}"
            );
            // The first page's heading is the list's own, not marked.
            assert!(!pages[0].contains(heading), "{lang} {kind}: {}", pages[0]);
        }
    }
}

/// However long the list, the closing takes the last entry with it: every length from one
/// that fits on a page to one that needs three is tried, so some would leave it alone.
#[test]
fn the_closing_takes_the_last_entry_along_at_every_length() {
    let ws = Workspace::new();
    for advisers in 8..=24 {
        let (pdf, _) = generate(&ws, "en", "delegation", advisers);
        let pages: Vec<String> = pdf.page_texts().iter().map(|t| flat(t)).collect();
        let last = pages.last().unwrap();
        let at = last.find(closing("en", "delegation")).unwrap();
        assert!(
            last[..at].contains(&format!("Adviser Number {advisers}")),
            "{advisers} advisers: the closing without the last entry:\n{last}"
        );
        for page in &pages[1..] {
            if page.starts_with("Ms. Adviser") {
                panic!("{advisers} advisers: a page starts without the heading:\n{page}");
            }
        }
    }
}

#[test]
fn the_docx_keeps_the_last_entry_with_the_closing_and_adds_no_heading() {
    let ws = Workspace::new();
    for lang in ["en", "fr", "es"] {
        for kind in KINDS {
            let (_, mut docx) = generate(&ws, lang, kind, 40);
            let xml = docx.part("word/document.xml");
            let paragraphs: Vec<&str> = xml.split("<w:p ").skip(1).collect();
            let closing = paragraphs
                .iter()
                .position(|p| p.contains("w:val=\"NoteClosing\""))
                .unwrap_or_else(|| panic!("{lang} {kind}: no closing"));
            let before = paragraphs[closing - 1];
            assert!(
                before.contains("<w:keepNext") && before.contains("Adviser Number"),
                "{lang} {kind}: the entry before the closing is not kept with it: {before}"
            );
            let text = flat(&docx.all_text());
            let word = continued_heading(lang, kind).split(' ').nth(1).unwrap();
            assert!(!text.contains(word), "{lang} {kind}: {word} in the DOCX");
        }
    }
}

/// The example of a long French delegation reads as the README says.
#[test]
fn the_long_french_example_continues_its_advisers_on_page_2() {
    let ws = Workspace::new();
    let example = crate::support::root().join("examples/bwc-fr.toml");
    ws.run(&["generate", example.to_str().unwrap(), "-o", "out"])
        .success();
    let pdf = Pdf::parse(&ws.read("out/bwc-msp.fr.pdf"));
    let pages: Vec<String> = pdf.page_texts().iter().map(|t| flat(t)).collect();
    assert_eq!(pages.len(), 2);
    assert!(
        pages[0].contains("du 1er au 3 décembre 2026"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].starts_with("Conseillers (suite) Mme Gisèle Ikama"),
        "{}",
        pages[1]
    );
    assert!(
        pages[1].contains("Mme Carine Ibovi, Virologue, Laboratoire national de santé publique La Mission permanente du Valdoran saisit cette occasion"),
        "{}",
        pages[1]
    );
    assert!(
        pages[1].contains("Genève, le 1er octobre 2026"),
        "{}",
        pages[1]
    );
}

/// A house that writes "— suite" overrides the part; an empty part repeats no heading.
#[test]
fn the_continued_words_come_from_the_template_part() {
    let ws = Workspace::new();
    ws.write("long.toml", &delegation("fr", "delegation", 40));
    for (words, expected) in [("— suite", "Conseillères — suite Mme"), ("", "Mme Adviser")] {
        let folder = format!("house-{}", words.len());
        std::fs::create_dir_all(ws.path(&format!("{folder}/fr"))).unwrap();
        ws.write(&format!("{folder}/fr/continued.hbs"), words);
        let out = format!("out-{folder}");
        ws.run(&["generate", "long.toml", "-o", &out, "--templates", &folder])
            .success();
        let pdf = Pdf::parse(&ws.read(&format!("{out}/m.fr.pdf")));
        let page = flat(&pdf.page_texts()[1]);
        assert!(page.starts_with(expected), "{words:?}: {page}");
    }
}
