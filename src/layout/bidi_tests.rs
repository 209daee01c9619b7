//! Tests of right-to-left notes (Arabic): the words of a line shown from the right, Latin
//! names and digits in their own order inside them, and alignments mirrored.
use super::*;
use crate::document::BlockKind::{Addressee, Body, Reference};

fn arabic_note(blocks: Vec<Block>) -> Document {
    Document {
        title: String::new(),
        author: String::new(),
        language: "ar".into(),
        created: crate::dates::Date::new(2017, 8, 14).unwrap(),
        paper: crate::model::Paper::A4,
        pdf_a: None,
        emblem: None,
        seal: None,
        continued: String::new(),
        blocks,
    }
}

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        inlines: vec![Inline::Text {
            text: text.into(),
            style: Style::default(),
        }],
    }
}

fn runs(layout: &Layout) -> Vec<&TextRun> {
    layout.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Emblem { .. } | Item::Seal { .. } => None,
        })
        .collect()
}

/// The run holding `word`, and the page's right margin.
fn run_with<'a>(runs: &[&'a TextRun], word: &str) -> &'a TextRun {
    runs.iter()
        .find(|run| run.text.contains(word))
        .unwrap_or_else(|| panic!("no run holds {word}: {runs:?}"))
}

#[test]
fn an_arabic_line_reads_from_the_right_and_a_latin_name_keeps_its_order() {
    let fonts = Fonts::arabic().unwrap();
    let text = "تهدي البعثة الدائمة أطيب تحياتها إلى السيدة Anna Müller في 14 آب/أغسطس 2017";
    let document = arabic_note(vec![block(Reference, text)]);
    let layout = paginate(&document, &fonts);
    let runs = runs(&layout);
    let right_margin = layout.width - MARGIN;
    // One line, ending at the right margin: the reference starts its lines there.
    assert!(
        runs.iter().all(|r| r.baseline == runs[0].baseline),
        "{runs:?}"
    );
    let right = runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
    assert!(
        (right - right_margin).abs() < 0.01,
        "{right} {right_margin}"
    );
    // The first word is at the right, the later ones further left.
    let first = run_with(&runs, "تهدي");
    let name = run_with(&runs, "Anna Müller");
    let year = run_with(&runs, "2017");
    assert!(first.x > name.x && name.x > year.x, "{runs:?}");
    // The Latin name is one run, left to right: its glyphs in the text's order.
    assert_eq!(name.text, "Anna Müller");
    let starts: Vec<usize> = name.glyphs.iter().map(|g| g.text.start).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    // An Arabic run is drawn from its last character to its first.
    let starts: Vec<usize> = first.glyphs.iter().map(|g| g.text.start).collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "{starts:?}");
    // The Latin letters are Liberation Serif's (layer 1), the Arabic Noto Naskh's (layer 0).
    assert_eq!((first.layer, name.layer), (0, 1));
}

#[test]
fn the_pair_of_month_names_stays_on_one_line() {
    let fonts = Fonts::arabic().unwrap();
    let shaped = shape(
        &block(Body, "من 4 إلى 6 أيلول/سبتمبر 2017").inlines,
        &fonts,
        12.0,
        false,
        true,
    );
    let slash = shaped.text.find('/').unwrap();
    assert!(shaped.breaks().all(|(offset, _)| offset != slash + 1));
}

#[test]
fn justified_arabic_lines_fill_the_measure_from_the_right_without_letter_spacing() {
    let fonts = Fonts::arabic().unwrap();
    let text = "تهدي البعثة الدائمة لجمهورية إكزامبلستان لدى مكتب الأمم المتحدة والمنظمات \
                الدولية الأخرى في جنيف أطيب تحياتها إلى مكتب شؤون نزع السلاح، فرع جنيف، وتتشرف \
                بأن تبلغه بأن وفد جمهورية إكزامبلستان إلى الاجتماع السابع للدول الأطراف";
    let document = arabic_note(vec![block(Body, text)]);
    let layout = paginate(&document, &fonts);
    let runs = runs(&layout);
    let mut lines: Vec<f32> = runs.iter().map(|r| r.baseline).collect();
    lines.dedup();
    assert!(lines.len() >= 2, "{lines:?}");
    let right_margin = layout.width - MARGIN;
    for (number, baseline) in lines.iter().enumerate() {
        let on_line: Vec<&&TextRun> = runs.iter().filter(|r| r.baseline == *baseline).collect();
        let right = on_line.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
        let left = on_line.iter().map(|r| r.x).fold(f32::MAX, f32::min);
        // The first line's indent is at the right; every line ends there.
        let indent = if number == 0 {
            crate::layout::style::block_style(Body).first_line
        } else {
            0.0
        };
        assert!(
            (right - (right_margin - indent)).abs() < 0.05,
            "line {number}: {right}"
        );
        if number + 1 < lines.len() {
            assert!(
                (left - MARGIN).abs() < 0.05,
                "line {number} is justified: {left}"
            );
        }
    }
    // Letters of Arabic words keep their shaped advances: only spaces stretch.
    let report = &layout.report[0];
    assert_eq!(report.letter_spacing, 0.0, "{report:?}");
}

#[test]
fn the_addressee_block_stands_at_the_right() {
    let fonts = Fonts::arabic().unwrap();
    let document = arabic_note(vec![
        block(Body, "تهدي البعثة الدائمة أطيب تحياتها."),
        block(Addressee, "مكتب شؤون نزع السلاح"),
    ]);
    let layout = paginate(&document, &fonts);
    let runs = runs(&layout);
    let addressee = run_with(&runs, "مكتب");
    let right = addressee.x + addressee.width();
    assert!((right - (layout.width - MARGIN)).abs() < 0.05, "{right}");
    assert!(addressee.x > layout.width / 2.0, "{}", addressee.x);
}
