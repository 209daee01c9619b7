//! Line breaking, as a matrix over languages and kinds of note: a reference never splits and
//! extracts exactly as written, a day keeps its month (and a Spanish "de" what follows it),
//! word spaces stay between 0.8 and 1.75 times their width, letter spacing within 1.5 % of the
//! type size, and the DOCX does not hyphenate the opening and closing formulae.

use std::sync::OnceLock;

use crate::support::docx::Docx;
use crate::support::pdf::Pdf;
use crate::support::Workspace;

const KINDS: [&str; 4] = ["delegation", "amendment", "observer", "letter"];
const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
/// Meeting titles of different lengths, so that references and dates fall at many places in
/// the lines.
const TITLE_ENDS: [&str; 6] = ["", " a", " ab", " and more", " and some more", " x y z"];
/// Meeting dates by variant: across a year, within a month, across a month.
const DATES: [(&str, &str); 3] = [
    ("2026-12-28", "2027-01-02"),
    ("2026-09-04", "2026-09-06"),
    ("2026-08-30", "2026-09-01"),
];
/// Fits on a line of its own, not after `Ref.:`: without care it splits after a slash.
const REFERENCE: &str = "MTB/GVA/NV/MULTILATERAL/DISARMAMENT/CLUSTER/MUNITIONS/2026/212";
/// The note an amendment amends, quoted in running text.
const AMENDED: &str = "MTB/GVA/NV/DISARMAMENT/2026/212";

const MONTHS: [&str; 36] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The words of one language's note.
fn names(lang: &str) -> (&'static str, &'static str, &'static str) {
    match lang {
        "fr" => (
            "la Mission permanente du Valdoran",
            "le Bureau des affaires de désarmement",
            "la Conférence des États parties à la Convention sur les armes à sous-munitions",
        ),
        "es" => (
            "la Misión Permanente de Ejemplia",
            "la Oficina de Asuntos de Desarme",
            "la Conferencia de los Estados Partes en la Convención sobre Municiones en Racimo",
        ),
        _ => (
            "the Permanent Mission of Examplestan",
            "the Office for Disarmament Affairs",
            "the Meeting of States Parties to the Convention on Cluster Munitions",
        ),
    }
}

/// A delegation file of one language with a meeting per kind and title length.
fn delegation(lang: &str) -> String {
    let (sender, recipient, title) = names(lang);
    let mut text = format!(
        r#"language = "{lang}"

[mission]
name = "{sender}"
short_name = "{sender}"
city = "Geneva"

[signatory]
name = "Ana Müller"
title = "Director"

[[member]]
role = "head"
change = "head"
title = "Ms."
name = "Ana Müller"

[[member]]
role = "adviser"
change = "add"
title = "Mr."
name = "Şükrü Çelik"
"#
    );
    for kind in KINDS {
        for (variant, end) in TITLE_ENDS.iter().enumerate() {
            let (start, finish) = DATES[variant % DATES.len()];
            text.push_str(&format!(
                r#"
[[meeting]]
id = "{kind}-{variant}"
kind = "{kind}"
amends = {{ reference = "{AMENDED}", date = 2026-12-28 }}
title = "{title}{end}"
city = "Geneva"
start = {start}
end = {finish}
reference = "{REFERENCE}"
date = 2026-12-14

[meeting.recipient]
name = "{recipient}"
address = ["Palais des Nations"]
"#
            ));
        }
    }
    text
}

/// The notes of one language: each note's id, variant, PDF and DOCX bytes; and the layout
/// report.
struct Generated {
    lang: &'static str,
    notes: Vec<(String, usize, Vec<u8>, Vec<u8>)>,
    report: String,
}

/// Every note of every language, generated once for all the tests of this module.
fn generated() -> &'static [Generated] {
    static GENERATED: OnceLock<Vec<Generated>> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let ws = Workspace::new();
        LANGUAGES
            .iter()
            .map(|&lang| {
                let file = format!("{lang}.toml");
                ws.write(&file, &delegation(lang));
                let out = format!("out-{lang}");
                let run = ws.run(&["generate", &file, "-o", &out, "--layout-report"]);
                run.success();
                let mut notes = Vec::new();
                for kind in KINDS {
                    for variant in 0..TITLE_ENDS.len() {
                        let id = format!("{kind}-{variant}");
                        notes.push((
                            id.clone(),
                            variant,
                            ws.read(&format!("{out}/{id}.{lang}.pdf")),
                            ws.read(&format!("{out}/{id}.{lang}.docx")),
                        ));
                    }
                }
                Generated {
                    lang,
                    notes,
                    report: run.stdout.clone(),
                }
            })
            .collect()
    })
}

/// Where a date is split between two lines, if anywhere: a line starting with a month, a line
/// ending with a day before the rest of its range ("4 / to 6 September"), or a Spanish "de" left
/// before its month or year. A range across months may break after "to" ("30 August to /
/// 1 September").
fn split_date(text: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines.windows(2).find_map(|pair| {
        let last = pair[0].split_whitespace().last().unwrap_or("");
        let first = pair[1].split_whitespace().next().unwrap_or("");
        let first = first.trim_end_matches([',', '.']);
        let day = |word: &str| {
            word == "1er" || (word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()))
        };
        let year = first.len() == 4 && first.chars().all(|c| c.is_ascii_digit());
        let split = MONTHS.contains(&first)
            || (day(last) && ["to", "au", "al", "de"].contains(&first))
            || (last == "de" && year);
        split.then(|| (pair[0].to_string(), pair[1].to_string()))
    })
}

#[test]
fn references_and_dates_never_split_in_any_language_or_kind() {
    for Generated { lang, notes, .. } in generated() {
        for (id, _, pdf, docx) in notes {
            let (pdf, mut docx) = (Pdf::parse(pdf), Docx::parse(docx));
            let text = pdf.text();
            let lines: Vec<&str> = text.lines().collect();
            assert!(
                lines.iter().any(|line| line.ends_with(REFERENCE)),
                "{lang} {id}: the reference is split or not exactly as written:\n{text}"
            );
            if id.starts_with("amendment") {
                assert!(
                    lines.iter().any(|line| line.contains(AMENDED)),
                    "{lang} {id}: the amended note's reference is split:\n{text}"
                );
            }
            assert!(
                !text.contains('\u{2060}'),
                "{lang} {id}: a word joiner in the PDF's text"
            );
            if let Some((before, after)) = split_date(&text) {
                panic!("{lang} {id}: a date split between\n{before}\n{after}");
            }
            let paragraphs = docx.paragraphs("word/document.xml");
            let docx_text: Vec<&str> = paragraphs.iter().map(|(_, t)| t.as_str()).collect();
            assert!(
                docx_text.iter().any(|t| t.ends_with(REFERENCE)),
                "{lang} {id}: the DOCX lacks the reference as written: {docx_text:?}"
            );
            assert!(docx_text.iter().all(|t| !t.contains('\u{2060}')));
        }
    }
}

#[test]
fn dates_keep_day_and_month_with_no_break_spaces() {
    // `~` for a no-break space; by variant, as in `DATES`.
    let wordings = |lang: &str| match lang {
        "en" => [
            "28~December 2026 to 2~January 2027",
            "4~to~6~September 2026",
            "30~August to 1~September 2026",
        ],
        "fr" => [
            "du 28~décembre 2026 au 2~janvier 2027",
            "du 4~au~6~septembre 2026",
            "du 30~août au 1er~septembre 2026",
        ],
        _ => [
            "del 28~de~diciembre de~2026 al 2~de~enero de~2027",
            "del 4~al~6~de~septiembre de~2026",
            "del 30~de~agosto al 1~de~septiembre de~2026",
        ],
    };
    for Generated { lang, notes, .. } in generated() {
        for (id, variant, pdf, docx) in notes {
            let wording = wordings(lang)[variant % DATES.len()].replace('~', "\u{a0}");
            let pdf = Pdf::parse(pdf)
                .text()
                .replace("\u{ad}\n", "")
                .replace('\n', " ");
            assert!(pdf.contains(&wording), "{lang} {id}: {pdf}");
            let docx = Docx::parse(docx).all_text();
            assert!(docx.contains(&wording), "{lang} {id}: {docx}");
        }
    }
}

/// The narrowest and widest word space of each paragraph in a `--layout-report`, and the most
/// letter spacing its lines take (in % of the type size).
fn spaces(report: &str) -> Vec<(f32, f32, f32)> {
    report
        .lines()
        .filter_map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            let number = |i: usize, unit: char| columns.get(i)?.strip_suffix(unit)?.parse().ok();
            Some((number(3, '×')?, number(4, '×')?, number(5, '%')?))
        })
        .collect()
}

/// Word spaces keep between 0.8 and 1.75 times their width, and letter spacing, which a reader
/// sees past about 1.5 % of the type size, never passes it: a line that cannot reach the margin
/// otherwise (a long name that cannot be hyphenated comes next) takes wider spaces, up to 2.5
/// times, rather than more letter spacing.
#[test]
fn word_spaces_and_letter_spacing_keep_within_the_limits() {
    let mut all = Vec::new();
    for Generated { report, .. } in generated() {
        assert!(report.contains("min space") && report.contains("max space"));
        all.extend(spaces(report));
    }
    assert!(all.len() > 100, "{all:?}");
    for &(narrowest, widest, letter_spacing) in &all {
        assert!(narrowest >= 0.8 - 0.005, "a space below 0.8×: {narrowest}");
        assert!(
            letter_spacing <= 1.5 + 0.05,
            "letter spacing above 1.5%: {letter_spacing}%"
        );
        let limit = if letter_spacing >= 1.45 { 2.5 } else { 1.75 };
        assert!(
            widest <= limit + 0.005,
            "a space above {limit}× with {letter_spacing}% letter spacing: {widest}"
        );
    }
    let (loose, all_count) = (all.iter().filter(|s| s.1 > 1.755).count(), all.len());
    assert!(
        loose * 20 <= all_count,
        "{loose} of {all_count} paragraphs have spaces past 1.75×"
    );
    assert!(
        all.iter().any(|&(narrowest, _, _)| narrowest < 0.995),
        "no line shrinks"
    );
    assert!(
        all.iter().any(|&(_, widest, _)| widest > 1.005),
        "no line stretches"
    );
}

#[test]
fn the_docx_does_not_hyphenate_the_opening_and_closing() {
    for Generated { lang, notes, .. } in generated() {
        for (id, _, _, docx) in notes {
            let xml = Docx::parse(docx).part("word/document.xml");
            let paragraphs: Vec<&str> = xml.split("<w:p ").skip(1).collect();
            let suppressed = |p: &&str| p.contains("<w:suppressAutoHyphens");
            let bodies: Vec<&&str> = paragraphs
                .iter()
                .filter(|p| p.contains("w:val=\"NoteBody\""))
                .collect();
            assert!(suppressed(bodies[0]), "{lang} {id}: the opening");
            assert!(bodies[1..].iter().all(|p| !suppressed(p)), "{lang} {id}");
            for p in &paragraphs {
                let closing = p.contains("w:val=\"NoteClosing\"");
                let others = !closing && !p.contains("w:val=\"NoteBody\"");
                assert!(!closing || suppressed(p), "{lang} {id}: the closing");
                assert!(!others || !suppressed(p), "{lang} {id}: {p}");
            }
        }
    }
}
