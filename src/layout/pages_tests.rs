//! Tests of setting blocks into lines: raised text, and letter spacing within its limit.
use super::*;
use crate::document::BlockKind::PlaceDate;

#[test]
fn raised_text_is_smaller_and_above_its_line() {
    let fonts = Fonts::builtin().unwrap();
    let text = |text: &str, superscript| Inline::Text {
        text: text.into(),
        style: Style {
            superscript,
            ..Style::default()
        },
    };
    let document = Document {
        title: String::new(),
        author: String::new(),
        language: "fr".into(),
        created: crate::dates::Date::new(2017, 12, 1).unwrap(),
        paper: crate::model::Paper::A4,
        pdf_a: None,
        emblem: None,
        seal: None,
        continued: String::new(),
        blocks: vec![Block {
            kind: PlaceDate,
            inlines: vec![
                text("Genève, le 1", false),
                text("er", true),
                text(" décembre 2017", false),
            ],
        }],
    };
    let layout = paginate(&document, &fonts);
    let runs: Vec<&TextRun> = layout.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Emblem { .. } | Item::Seal { .. } => None,
        })
        .collect();
    let [before, raised, after] = runs[..] else {
        panic!("three runs expected: {runs:?}");
    };
    assert_eq!(raised.text, "er");
    assert!(raised.style.superscript);
    assert_eq!(raised.size, before.size * SUPERSCRIPT_SCALE);
    assert_eq!(raised.rise, before.size * SUPERSCRIPT_RISE);
    assert_eq!((before.rise, after.rise), (0.0, 0.0));
    assert_eq!(
        (raised.baseline, after.baseline),
        (before.baseline, before.baseline)
    );
    // Set at its smaller width, right after the digit, and the text goes on after it.
    let full: f32 = shape(&[text("er", false)], &fonts, before.size, false, false)
        .glyphs
        .iter()
        .map(|g| g.advance)
        .sum();
    assert!((raised.width() - full * SUPERSCRIPT_SCALE).abs() < 0.01);
    assert!((raised.x - (before.x + before.width())).abs() < 0.01);
    assert!((after.x - (raised.x + raised.width())).abs() < 0.01);
    assert_eq!(layout.pages[0].text(), "Genève, le 1er décembre 2017");
}

#[test]
fn a_line_whose_spaces_are_at_their_widest_reaches_the_margin_with_little_letter_spacing() {
    let fonts = Fonts::builtin().unwrap();
    // "Coprésidents" cannot be hyphenated (a capital), so the first line is short of the
    // margin even with its spaces at their widest.
    let text = "La Mission permanente du Valdoran saisit cette occasion pour renouveler aux \
                Coprésidents du Comité des questions de procédure les assurances de sa très \
                haute considération.";
    let document = Document {
        title: String::new(),
        author: String::new(),
        language: "fr".into(),
        created: crate::dates::Date::new(2024, 11, 4).unwrap(),
        paper: crate::model::Paper::A4,
        pdf_a: None,
        emblem: None,
        seal: None,
        continued: String::new(),
        blocks: vec![Block {
            kind: BlockKind::Closing,
            inlines: vec![Inline::Text {
                text: text.into(),
                style: Style::default(),
            }],
        }],
    };
    let layout = paginate(&document, &fonts);
    let report = &layout.report[0];
    // Spaces at their widest, then letter spacing no reader sees, then wider spaces.
    assert!(
        report.widest_space > crate::layout::MAX_SPACE
            && report.widest_space <= crate::layout::MAX_LOOSE_SPACE,
        "{report:?}"
    );
    assert!(
        report.letter_spacing > 0.0 && report.letter_spacing <= crate::layout::MAX_TRACKING,
        "{report:?}"
    );
    let mut lines: Vec<(f32, f32)> = Vec::new();
    for item in &layout.pages[0].items {
        if let Item::Text(run) = item {
            let right = run.x + run.width();
            match lines
                .iter_mut()
                .find(|(baseline, _)| *baseline == run.baseline)
            {
                Some(line) => line.1 = line.1.max(right),
                None => lines.push((run.baseline, right)),
            }
        }
    }
    let (_, first) = lines[0];
    assert!(lines.len() >= 2, "{lines:?}");
    // The margin: where the first line, which takes letter spacing, ends.
    let margin = crate::model::Paper::A4.size_pt().0 - MARGIN;
    assert!((first - margin).abs() < 0.05, "{first} against {margin}");
    // Letter spacing never separates a letter from its accents, and text extracts as set.
    assert_eq!(layout.pages[0].text().replace('\n', " "), text);
}
