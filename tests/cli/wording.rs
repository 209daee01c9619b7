//! The wording a native protocol officer checks, as a matrix over kinds and languages: the
//! addressee block opens with a capital, apostrophes are typographic in English too, an amendment
//! names the earlier note as the sender's note verbale and lists the new head first, the closings
//! are the UN forms, and a letter may carry a subject line.

use mail_parser::MessageParser;

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::{flat, root, Workspace};

const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
const KINDS: [&str; 4] = ["delegation", "observer", "amendment", "letter"];

/// A file that names everything in three languages; `KIND` and `EXTRA` (meeting keys) are
/// replaced.
const FILE: &str = r#"
language = "en"

[mission]
name = { en = "Permanent Mission of Examplestan", fr = "la Mission permanente de l'Exemplestan", es = "la Misión Permanente de Ejemplistán" }
short_name = { en = "Permanent Mission of Examplestan", fr = "la Mission permanente de l'Exemplestan", es = "la Misión Permanente de Ejemplistán" }
city = { en = "Geneva", fr = "Genève", es = "Ginebra" }
email = "mission@example.org"

[signatory]
name = "Ana Müller"
title = { en = "Director", fr = "Directrice", es = "Directora" }

[[meeting]]
id = "m"
kind = "KIND"
amends = { reference = "EXM/GE/2026/030", date = 2026-01-20 }
title = { en = "Children's Rights Forum", fr = "le Forum sur les droits de l'enfant", es = "el Foro sobre los Derechos del Niño" }
city = { en = "Geneva", fr = "Genève", es = "Ginebra" }
start = 2026-03-02
end = 2026-03-04
reference = "EXM/GE/2026/041"
date = 2026-02-10
EXTRA

[meeting.recipient]
name = { en = "secretariat of the Human Rights Council", fr = "le secrétariat du Conseil des droits de l'homme", es = "la secretaría del Consejo de Derechos Humanos" }
address = { en = ["Palais des Nations", "CH-1211 Geneva 10"], fr = ["Palais des Nations", "CH-1211 Genève 10"], es = ["Palais des Nations", "CH-1211 Ginebra 10"] }
email = "hrc@example.org"

[[member]]
role = "adviser"
change = "add"
title = { en = "Mr.", fr = "M.", es = "Sr." }
name = "Liam O'Connor"
function = { en = "Chargé d'affaires", fr = "Chargé d'affaires", es = "Encargado de negocios" }

[[member]]
role = "expert"
change = "remove"
name = "Jan Novák"

[[member]]
role = "head"
change = "head"
title = { en = "Ms.", fr = "Mme", es = "Sra." }
name = "Ana Müller"
"#;

/// One note's PDF text and DOCX paragraphs (style, text), made plain with [`flat`].
struct Note {
    pdf: String,
    paragraphs: Vec<(String, String)>,
}

impl Note {
    /// The DOCX's paragraphs as one text.
    fn docx(&self) -> String {
        let texts: Vec<&str> = self.paragraphs.iter().map(|(_, t)| t.as_str()).collect();
        texts.join(" ")
    }

    /// Asserts that the PDF and the DOCX say each part, word for word.
    #[track_caller]
    fn says(&self, what: &str, parts: &[&str]) {
        let docx = self.docx();
        for part in parts {
            let part = flat(part);
            assert!(
                self.pdf.contains(&part),
                "{what}: PDF lacks {part:?}:\n{}",
                self.pdf
            );
            assert!(docx.contains(&part), "{what}: DOCX lacks {part:?}:\n{docx}");
        }
    }

    /// Asserts that neither file says `part`.
    #[track_caller]
    fn never_says(&self, what: &str, part: &str) {
        assert!(
            !self.pdf.contains(part),
            "{what}: PDF says {part:?}:\n{}",
            self.pdf
        );
        assert!(!self.docx().contains(part), "{what}: DOCX says {part:?}");
    }

    /// The text of the first DOCX paragraph of a style.
    #[track_caller]
    fn paragraph(&self, what: &str, style: &str) -> &str {
        self.paragraphs
            .iter()
            .find(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{what}: no {style} paragraph: {:?}", self.paragraphs))
    }

    /// Asserts that the parts come in this order in the PDF and the DOCX.
    #[track_caller]
    fn in_order(&self, what: &str, parts: &[&str]) {
        for (name, text) in [("PDF", self.pdf.clone()), ("DOCX", self.docx())] {
            let at: Vec<usize> = parts
                .iter()
                .map(|p| {
                    text.find(p)
                        .unwrap_or_else(|| panic!("{what}: {name} lacks {p:?}:\n{text}"))
                })
                .collect();
            assert!(
                at.is_sorted(),
                "{what}: {name} has {parts:?} at {at:?}:\n{text}"
            );
        }
    }
}

/// Generates the note of `kind` in `lang`, with `extra` meeting keys (and `args`).
fn note(ws: &Workspace, kind: &str, lang: &str, extra: &str, args: &[&str]) -> Note {
    let stem = format!("{kind}-{lang}-{}", ws.files_in(".").len());
    let file = format!("{stem}.toml");
    ws.write(&file, &FILE.replace("KIND", kind).replace("EXTRA", extra));
    let out = format!("out-{stem}");
    let mut all = vec![
        "generate",
        file.as_str(),
        "-o",
        out.as_str(),
        "--lang",
        lang,
    ];
    all.extend_from_slice(args);
    ws.run(&all).success();
    let pdf = flat(&Pdf::parse(&ws.read(&format!("{out}/m.{lang}.pdf"))).text());
    let mut docx = Docx::parse(&ws.read(&format!("{out}/m.{lang}.docx")));
    // The body first, then the headers and footers (where the addressee block stands).
    let parts = docx.text_parts();
    let paragraphs = parts
        .iter()
        .flat_map(|part| docx.paragraphs(part))
        .map(|(style, text)| (style, flat(&text)))
        .collect();
    Note { pdf, paragraphs }
}

#[test]
fn the_addressee_block_starts_with_a_capital_while_the_running_text_keeps_the_article() {
    let ws = Workspace::new();
    for lang in LANGUAGES {
        let (block, running) = match lang {
            "en" => (
                "Secretariat of the Human Rights Council",
                "to the secretariat of the Human Rights Council",
            ),
            "fr" => (
                "Secrétariat du Conseil des droits de l\u{2019}homme",
                "au secrétariat du Conseil des droits de l\u{2019}homme",
            ),
            _ => (
                "Secretaría del Consejo de Derechos Humanos",
                "a la secretaría del Consejo de Derechos Humanos",
            ),
        };
        for kind in KINDS {
            let what = format!("{kind} {lang}");
            let note = note(&ws, kind, lang, "", &[]);
            let style = if kind == "letter" {
                "NoteAddress"
            } else {
                "NoteAddressee"
            };
            assert!(
                note.paragraph(&what, style).starts_with(block),
                "{what}: {:?}",
                note.paragraph(&what, style)
            );
            note.says(&what, &[block]);
            if kind != "letter" {
                note.says(&what, &[running]);
            }
        }
    }
}

#[test]
fn apostrophes_are_typographic_in_english_too_in_the_note_and_its_mail() {
    let ws = Workspace::new();
    for kind in KINDS {
        let what = format!("{kind} en");
        let note = note(&ws, kind, "en", "", &["--mail"]);
        note.says(
            &what,
            &["Mr. Liam O\u{2019}Connor, Chargé d\u{2019}affaires"],
        );
        note.says(&what, &["Children\u{2019}s Rights Forum"]);
        note.never_says(&what, "'");
    }
    // The mail of the last note: subject and text set as the note is.
    let drafts: Vec<String> = ws
        .files_in(".")
        .into_iter()
        .filter(|f| f.starts_with("out-letter-en"))
        .collect();
    let eml = ws.read(&format!("{}/m.en.eml", drafts[0]));
    let message = MessageParser::default().parse(&eml).expect("a message");
    let subject = message.subject().unwrap_or_default();
    assert!(
        subject.contains("Children\u{2019}s Rights Forum"),
        "{subject}"
    );
    let body = message.body_text(0).unwrap();
    assert!(body.contains("Children\u{2019}s Rights Forum"), "{body}");
    assert!(
        !subject.contains('\'') && !body.contains('\''),
        "{subject}\n{body}"
    );
}

#[test]
fn an_amendment_refers_to_the_earlier_note_verbale_as_the_senders() {
    let ws = Workspace::new();
    for (lang, words) in [
        ("en", "and has the honour to refer to its note verbale No. EXM/GE/2026/030 of 20 January 2026 concerning"),
        ("fr", "et a l\u{2019}honneur de se référer à sa note verbale no EXM/GE/2026/030 du 20 janvier 2026 relative"),
        ("es", "y tiene el honor de referirse a la nota verbal núm. EXM/GE/2026/030 de esta Misión Permanente de Ejemplistán, de fecha 20 de enero de 2026, relativa"),
    ] {
        let note = note(&ws, "amendment", lang, "", &[]);
        note.says(lang, &[words]);
        note.never_says(lang, "su nota");
    }
}

#[test]
fn an_amendment_lists_the_new_head_then_additions_then_withdrawals() {
    let ws = Workspace::new();
    for (lang, headings, new_head, capacity) in [
        (
            "en",
            ["New head of delegation", "Additions", "Withdrawals"],
            "Ms. Ana Müller",
            "Chargé d\u{2019}affaires, as adviser",
        ),
        (
            "fr",
            ["Nouvelle cheffe de délégation", "Ajouts", "Retraits"],
            "Mme Ana Müller",
            "Chargé d\u{2019}affaires, en qualité de conseiller",
        ),
        (
            "es",
            ["Nueva jefa de delegación", "Incorporaciones", "Bajas"],
            "Sra. Ana Müller",
            "Encargado de negocios, en calidad de asesor",
        ),
    ] {
        let note = note(&ws, "amendment", lang, "", &[]);
        let [head, added, removed] = headings;
        note.in_order(
            lang,
            &[
                head,
                new_head,
                added,
                "O\u{2019}Connor",
                removed,
                "Jan Novák",
            ],
        );
        note.says(lang, &[capacity]);
        let styled: Vec<&str> = note
            .paragraphs
            .iter()
            .filter(|(s, _)| s == "NoteRoleHeading")
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(styled, headings, "{lang}: the DOCX's headings");
    }
}

#[test]
fn the_closing_of_a_note_is_the_un_form_in_every_language() {
    let ws = Workspace::new();
    for kind in ["delegation", "observer", "amendment"] {
        for (lang, closing) in [
            ("en", "The Permanent Mission of Examplestan avails itself of this opportunity to renew to the secretariat of the Human Rights Council the assurances of its highest consideration."),
            ("fr", "La Mission permanente de l\u{2019}Exemplestan saisit cette occasion pour renouveler au secrétariat du Conseil des droits de l\u{2019}homme les assurances de sa très haute considération."),
            ("es", "La Misión Permanente de Ejemplistán aprovecha la oportunidad para reiterar a la secretaría del Consejo de Derechos Humanos las seguridades de su más alta consideración."),
        ] {
            let what = format!("{kind} {lang}");
            let note = note(&ws, kind, lang, "", &[]);
            assert_eq!(note.paragraph(&what, "NoteClosing"), closing, "{what}");
            note.says(&what, &[closing]);
            note.never_says(&what, "testimonio");
        }
    }
}

#[test]
fn a_letter_closes_in_the_un_form_with_an_optional_subject_line() {
    let ws = Workspace::new();
    let subject = r#"subject = { en = "Delegation to the Forum", fr = "Délégation au Forum", es = "Delegación al Foro" }"#;
    for (lang, closing, line) in [
        ("en", "Accept, Sir/Madam, the assurances of my highest consideration.", "Subject: Delegation to the Forum"),
        ("fr", "Veuillez agréer, Madame, Monsieur, l\u{2019}assurance de ma très haute considération.", "Objet : Délégation au Forum"),
        ("es", "Aprovecho la oportunidad para reiterarle las seguridades de mi más alta consideración.", "Asunto: Delegación al Foro"),
    ] {
        let with = note(&ws, "letter", lang, subject, &[]);
        assert_eq!(with.paragraph(lang, "NoteClosing"), closing, "{lang}");
        with.says(lang, &[closing, line]);
        // The subject stands after the address, before the salutation.
        let styles: Vec<&str> = with.paragraphs.iter().map(|(s, _)| s.as_str()).collect();
        let at = with.paragraphs.iter().position(|(_, t)| t == line).expect("the subject line");
        assert_eq!(styles[at], "NoteSubject", "{lang}: {styles:?}");
        assert_eq!(styles[at - 1], "NoteAddress", "{lang}: {styles:?}");
        assert_eq!(styles[at + 1], "NoteSalutation", "{lang}: {styles:?}");
        let without = note(&ws, "letter", lang, "", &[]);
        without.says(lang, &[closing]);
        let word = line.split(' ').next().unwrap();
        without.never_says(lang, word);
    }
}

#[test]
fn a_subject_given_for_one_language_only_is_an_error_at_its_line() {
    let ws = Workspace::new();
    let file = FILE.replace("KIND", "letter").replace(
        "EXTRA",
        "languages = [\"en\", \"fr\"]\nsubject = { en = \"Delegation\" }",
    );
    ws.write("one.toml", &file);
    ws.run(&["generate", "one.toml", "-o", "out"])
        .failure()
        .stderr_has("`meeting.subject` has no French text (`fr`)")
        .stderr_has("one.toml:25:11")
        .stderr_has("hint: add `fr = \"...\"` here");
}

#[test]
fn a_house_style_closing_is_one_file_that_every_kind_of_note_takes() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.path("house/es")).unwrap();
    ws.write(
        "house/es/closing.hbs",
        "::: closing\n{{cap mission.short_name}} aprovecha la ocasión para reiterar {{to meeting.recipient.name}} el testimonio de su alta consideración.\n:::\n",
    );
    for kind in ["delegation", "observer", "amendment"] {
        let note = note(&ws, kind, "es", "", &["--templates", "house"]);
        note.says(kind, &["La Misión Permanente de Ejemplistán aprovecha la ocasión para reiterar a la secretaría del Consejo de Derechos Humanos el testimonio de su alta consideración."]);
        note.never_says(kind, "más alta");
    }
}

/// Each note of a `--layout-report`: its name, the opening's and the closing's hyphenated
/// lines (the opening is the first body paragraph).
fn formula_hyphens(report: &str) -> Vec<(String, usize, usize)> {
    let mut notes: Vec<(String, Option<usize>, usize)> = Vec::new();
    for line in report.lines() {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let hyphens = || {
            columns
                .last()
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap()
        };
        match columns.first() {
            Some(name) if line.ends_with("pages)") || line.ends_with("page)") => {
                notes.push((name.to_string(), None, 0));
            }
            Some(&"body") => {
                let note = notes.last_mut().unwrap();
                note.1.get_or_insert(hyphens());
            }
            Some(&"closing") => notes.last_mut().unwrap().2 += hyphens(),
            _ => {}
        }
    }
    notes
        .into_iter()
        .map(|(name, opening, closing)| (name, opening.unwrap(), closing))
        .collect()
}

#[test]
fn the_formulae_are_never_hyphenated_and_an_elision_keeps_three_letters() {
    let ws = Workspace::new();
    // Notes whose opening or closing took a hyphen (`oppor-tunity`, `l’ap-plication`,
    // `pro-`, `composi-ción`) before the formulae were set whole.
    let mut notes = 0;
    for example in ["bilingual", "bwc-fr", "copresidents-fr", "ejemplia-es"] {
        let file = format!("{example}.toml");
        std::fs::copy(root().join("examples").join(&file), ws.path(&file)).unwrap();
        let out = format!("out-{example}");
        let run = ws.run(&["generate", &file, "-o", &out, "--layout-report"]);
        run.success();
        for (note, opening, closing) in formula_hyphens(&run.stdout) {
            assert_eq!((opening, closing), (0, 0), "{note}: {}", run.stdout);
            notes += 1;
        }
        for name in ws.files_in(&out).iter().filter(|n| n.ends_with(".pdf")) {
            let text = Pdf::parse(&ws.read(&format!("{out}/{name}"))).text();
            for line in text.lines().filter(|l| l.ends_with('\u{ad}')) {
                let last = line.split_whitespace().last().unwrap();
                if let Some((_, after)) = last.rsplit_once(['\u{2019}', '\'']) {
                    assert!(after.chars().count() > 3, "{name}: {line}");
                }
            }
        }
    }
    assert_eq!(notes, 5);
}

#[test]
#[ignore = "needs poppler-utils (pdftotext); run by .ci/run"]
fn a_narrow_no_break_space_is_extracted_as_itself() {
    let ws = Workspace::new();
    let file = "stationery.toml";
    for name in [file, "examplestan-seal.png"] {
        std::fs::copy(root().join("examples").join(name), ws.path(name)).unwrap();
    }
    ws.run(&["generate", file, "-o", "out"]).success();
    let pdftotext = crate::support::require("pdftotext");
    let out = std::process::Command::new(pdftotext)
        .args(["out/hrc-61.fr.pdf", "-"])
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The narrow no-break space before a colon: the first of the note, in the body and after
    // the seal.
    for part in [
        "Réf.\u{202F}:",
        "comme suit\u{202F}:",
        "Pièces jointes\u{202F}:",
        "Copie\u{202F}: Section des conférences",
    ] {
        assert!(text.contains(part), "pdftotext lacks {part:?}:\n{text}");
    }
    // Each glyph's own text is kept: no colon doubled or lost.
    let docx = Docx::parse(&ws.read("out/hrc-61.fr.docx")).all_text();
    assert_eq!(
        text.matches(':').count(),
        docx.matches(':').count(),
        "{text}"
    );
}
