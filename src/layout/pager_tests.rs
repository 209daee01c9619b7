//! Tests of the pager: which lines land on which page, the spacing shrunk to save a page, and
//! where page 1 starts.
use super::*;
use crate::document::Style;

/// A block of `lines` lines, each a run whose text names it: `b0`, `b1`... for block `b`;
/// a heading's continued form is `b0+`.
fn set(index: usize, kind: BlockKind, lines: usize) -> SetBlock {
    let mut block = lines_named(index, kind, lines, "");
    if kind == Heading {
        block.continued = Some(Box::new(lines_named(index, kind, lines, "+")));
    }
    block
}

fn lines_named(index: usize, kind: BlockKind, lines: usize, mark: &str) -> SetBlock {
    let name = char::from(b'a' + index as u8);
    let style = block_style(kind);
    SetBlock {
        kind,
        continued: None,
        style,
        report: None,
        prelude: Vec::new(),
        prelude_height: 0.0,
        line_starts: Vec::new(),
        lines: (0..lines)
            .map(|line| {
                vec![TextRun {
                    block: Some(index),
                    artifact: None,
                    x: MARGIN,
                    baseline: line as f32 * style.leading,
                    rise: 0.0,
                    style: Style::default(),
                    layer: 0,
                    size: style.size,
                    text: format!("{name}{line}{mark}"),
                    glyphs: Vec::new(),
                }]
            })
            .collect(),
    }
}

/// Blocks of a note, the room for them on page 1 and on later pages (in points from the
/// top margin), and the lines on each page.
struct Case {
    what: &'static str,
    blocks: &'static [(BlockKind, usize)],
    first_room: f32,
    room: f32,
    pages: &'static [&'static str],
}

use BlockKind::*;

// Lines are 15 points apart; paragraphs have 14 points above them, role headings 12,
// members 3, the closing and the place and date 18. The seal is 64 points high (its one
// line here only shows where it went).
const CASES: &[Case] = &[
    Case {
        what: "a paragraph that fits stays whole",
        blocks: &[(Body, 3)],
        first_room: 100.0,
        room: 100.0,
        pages: &["a0 a1 a2"],
    },
    Case {
        what: "a paragraph is split where the page ends",
        blocks: &[(Body, 6)],
        first_room: 60.0,
        room: 100.0,
        pages: &["a0 a1 a2 a3", "a4 a5"],
    },
    Case {
        what: "no single line at the head of a page: a line goes over with it",
        blocks: &[(Body, 5)],
        first_room: 60.0,
        room: 100.0,
        pages: &["a0 a1 a2", "a3 a4"],
    },
    Case {
        what: "no single line at the foot of a page: the paragraph goes over",
        blocks: &[(Body, 4), (Body, 4)],
        first_room: 60.0 + 14.0 + 15.0,
        room: 100.0,
        pages: &["a0 a1 a2 a3", "b0 b1 b2 b3"],
    },
    Case {
        what: "two lines at the foot of a page are enough",
        blocks: &[(Body, 4), (Body, 4)],
        first_room: 60.0 + 14.0 + 30.0,
        room: 100.0,
        pages: &["a0 a1 a2 a3 b0 b1", "b2 b3"],
    },
    Case {
        what: "a paragraph of three lines is not split",
        blocks: &[(Body, 1), (Body, 3)],
        first_room: 15.0 + 14.0 + 30.0,
        room: 100.0,
        pages: &["a0", "b0 b1 b2"],
    },
    Case {
        what: "a role heading never ends a page: it goes over with its member",
        blocks: &[(Body, 3), (Heading, 1), (Member, 1)],
        first_room: 45.0 + 27.0 + 10.0,
        room: 100.0,
        pages: &["a0 a1 a2", "b0 c0"],
    },
    Case {
        what: "a role heading and its member stay where both fit",
        blocks: &[(Body, 3), (Heading, 1), (Member, 1)],
        first_room: 45.0 + 27.0 + 18.0,
        room: 100.0,
        pages: &["a0 a1 a2 b0 c0"],
    },
    Case {
        what: "a member's entry is never split",
        blocks: &[(Heading, 1), (Member, 1), (Member, 2)],
        first_room: 15.0 + 18.0 + 18.0 + 10.0,
        room: 100.0,
        pages: &["a0 b0", "a0+ c0 c1"],
    },
    Case {
        what: "the closing goes over with the place, date and seal",
        blocks: &[(Body, 3), (Closing, 2), (PlaceDate, 1), (Seal, 1)],
        first_room: 45.0 + 48.0 + 33.0 + 40.0,
        room: 200.0,
        pages: &["a0 a1 a2", "b0 b1 c0 d0"],
    },
    Case {
        what: "an enclosure line goes over with the closing, place, date and seal",
        blocks: &[
            (Body, 3),
            (Closing, 2),
            (PlaceDate, 1),
            (Seal, 1),
            (Notation, 1),
        ],
        first_room: 45.0 + 48.0 + 33.0 + 64.0,
        room: 300.0,
        pages: &["a0 a1 a2", "b0 b1 c0 d0 e0"],
    },
    Case {
        what: "the closing, place, date and seal stay where all fit",
        blocks: &[(Body, 3), (Closing, 2), (PlaceDate, 1), (Seal, 1)],
        first_room: 45.0 + 48.0 + 33.0 + 64.0,
        room: 200.0,
        pages: &["a0 a1 a2 b0 b1 c0 d0"],
    },
    Case {
        what: "later pages have their own room; the last two lines go over together",
        blocks: &[(Body, 9)],
        first_room: 30.0,
        room: 45.0,
        pages: &["a0 a1", "a2 a3 a4", "a5 a6", "a7 a8"],
    },
    Case {
        what: "a list going on to the next page repeats its heading, marked continued",
        blocks: &[(Heading, 1), (Member, 1), (Member, 1), (Member, 1)],
        first_room: 15.0 + 18.0 + 18.0 + 10.0,
        room: 100.0,
        pages: &["a0 b0 c0", "a0+ d0"],
    },
    Case {
        what: "a list that starts on a new page is not marked continued",
        blocks: &[(Heading, 1), (Member, 1), (Heading, 1), (Member, 1)],
        first_room: 15.0 + 18.0 + 27.0 + 10.0,
        room: 100.0,
        pages: &["a0 b0", "c0 d0"],
    },
    Case {
        what: "the closing is never alone on the last page: the last member goes with it",
        blocks: &[
            (Heading, 1),
            (Member, 1),
            (Member, 1),
            (Closing, 2),
            (PlaceDate, 1),
            (Seal, 1),
        ],
        first_room: 15.0 + 18.0 + 18.0 + 48.0 + 10.0,
        room: 200.0,
        pages: &["a0 b0", "a0+ c0 d0 d1 e0 f0"],
    },
    Case {
        what: "where the last member, its heading again and the closing fit on no page, the closing goes alone",
        blocks: &[
            (Heading, 1),
            (Member, 1),
            (Member, 1),
            (Closing, 2),
            (PlaceDate, 1),
            (Seal, 1),
        ],
        first_room: 15.0 + 18.0 + 18.0 + 48.0 + 10.0,
        room: 170.0,
        pages: &["a0 b0 c0", "d0 d1 e0 f0"],
    },
    Case {
        what:
            "the closing is never alone on the last page: two lines of the paragraph go with it",
        blocks: &[(Body, 5), (Closing, 2), (PlaceDate, 1), (Seal, 1)],
        first_room: 75.0 + 48.0 + 33.0,
        room: 200.0,
        pages: &["a0 a1 a2", "a3 a4 b0 b1 c0 d0"],
    },
    Case {
        what: "a paragraph too short to split goes over whole with the closing",
        blocks: &[
            (Body, 1),
            (Body, 3),
            (Closing, 2),
            (PlaceDate, 1),
            (Seal, 1),
        ],
        first_room: 15.0 + 14.0 + 45.0 + 48.0 + 33.0,
        room: 200.0,
        pages: &["a0", "b0 b1 b2 c0 c1 d0 e0"],
    },
    Case {
        what: "the list, the closing, place, date and seal stay where all fit",
        blocks: &[
            (Heading, 1),
            (Member, 1),
            (Closing, 2),
            (PlaceDate, 1),
            (Seal, 1),
        ],
        first_room: 15.0 + 18.0 + 48.0 + 33.0 + 64.0,
        room: 200.0,
        pages: &["a0 b0 c0 c1 d0 e0"],
    },
];

#[test]
fn places_blocks_on_pages_keeping_what_belongs_together() {
    for case in CASES {
        let blocks: Vec<SetBlock> = case
            .blocks
            .iter()
            .enumerate()
            .map(|(index, &(kind, lines))| set(index, kind, lines))
            .collect();
        let mut pager = Pager::new(MARGIN + case.first_room, MARGIN + case.room);
        pager.flow(&blocks);
        let pages: Vec<String> = pager
            .pages
            .iter()
            .map(|page| page.text().replace('\n', " "))
            .collect();
        assert_eq!(pages, case.pages, "{}", case.what);
    }
}

#[test]
fn a_page_never_ends_on_a_hyphenated_line() {
    let mut paragraph = set(0, Body, 6);
    // The fourth line, the last that fits on page 1, ends with a hyphen.
    paragraph.lines[3][0].text.push('\u{AD}');
    let mut pager = Pager::new(MARGIN + 60.0, MARGIN + 100.0);
    pager.flow(std::slice::from_ref(&paragraph));
    let pages: Vec<String> = pager
        .pages
        .iter()
        .map(|page| page.text().replace('\n', " "))
        .collect();
    assert_eq!(pages, ["a0 a1 a2", "a3\u{AD} a4 a5"]);
}

fn pages_of(blocks: &[(BlockKind, usize)], addressee_top: Option<f32>, bottom: f32) -> Vec<String> {
    let blocks: Vec<SetBlock> = blocks
        .iter()
        .enumerate()
        .map(|(index, &(kind, lines))| set(index, kind, lines))
        .collect();
    Pager::fitted(&blocks, addressee_top, MARGIN + bottom)
        .pages
        .iter()
        .map(|page| page.text().replace('\n', " "))
        .collect()
}

#[test]
fn spacing_shrinks_to_half_to_save_a_page_and_no_further() {
    // 45 + 48 + 33 + 64 = 190 points as styled; 181 with three quarters of the spacing,
    // 172 with half.
    let note = [(Body, 3), (Closing, 2), (PlaceDate, 1), (Seal, 1)];
    assert_eq!(pages_of(&note, None, 190.0), ["a0 a1 a2 b0 b1 c0 d0"]);
    assert_eq!(pages_of(&note, None, 185.0), ["a0 a1 a2 b0 b1 c0 d0"]);
    assert_eq!(pages_of(&note, None, 175.0), ["a0 a1 a2 b0 b1 c0 d0"]);
    assert_eq!(pages_of(&note, None, 170.0), ["a0 a1 a2", "b0 b1 c0 d0"]);
    // The gap above the addressee block shrinks with the spacing.
    let top = MARGIN + 172.0 + ADDRESSEE_GAP / 2.0;
    assert_eq!(pages_of(&note, Some(top), 300.0), ["a0 a1 a2 b0 b1 c0 d0"]);
    assert_eq!(pages_of(&note, Some(top - 1.0), 300.0).len(), 2);
}

/// The baseline of each line of a page, by its text.
fn baselines(page: &Page) -> Vec<(String, f32)> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some((run.text.clone(), run.baseline)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_letterhead_starts_half_a_margin_from_the_top_and_the_text_no_higher_than_the_margin() {
    for (lines, reference) in [(2, MARGIN + 28.0), (4, MARGIN / 2.0 + 4.0 * 16.0 + 28.0)] {
        let blocks = [set(0, Letterhead, lines), set(1, Reference, 1)];
        let mut pager = Pager::new(MARGIN + 500.0, MARGIN + 500.0);
        pager.flow(&blocks);
        let placed = baselines(&pager.pages[0]);
        assert_eq!(placed[0], ("a0".to_string(), MARGIN / 2.0));
        assert_eq!(placed[lines], ("b0".to_string(), reference));
    }
}
