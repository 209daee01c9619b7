//! A block -> its runs, each of one direction, and alignments as Word and LibreOffice read them
//! in a note written right to left (Arabic).
//!
//! The runs split where the Unicode bidirectional algorithm (UAX #9) changes direction, over
//! the block's whole text as the PDF resolves it: Arabic words and the spaces and marks between
//! them are right to left (`w:rtl`, complex-script font and size), Latin names, references,
//! e-mail addresses and digits are not, so Word orders them as the PDF does.

use docx_rs::AlignmentType;

use crate::document::{Block, Inline, Style};
use crate::layout::style::Align;

/// One run of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Piece {
    /// Text of one style and one direction, without word joiners.
    Text {
        text: String,
        style: Style,
        right_to_left: bool,
    },
    /// A forced line break.
    Break,
}

/// The block's runs: one per text inline in a left-to-right note; in a right-to-left note,
/// each text inline split where its direction changes.
pub(super) fn pieces(block: &Block, right_to_left: bool) -> Vec<Piece> {
    // Word joiners hold references together in the PDF; left out here, so that the text
    // searches and extracts exactly as written (LibreOffice keeps a slash with the letters
    // after it without them).
    let texts: Vec<Option<(String, Style)>> = block
        .inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, style } => Some((text.replace('\u{2060}', ""), *style)),
            Inline::LineBreak => None,
        })
        .collect();
    if !right_to_left {
        return texts
            .into_iter()
            .map(|text| match text {
                Some((text, style)) => Piece::Text {
                    text,
                    style,
                    right_to_left: false,
                },
                None => Piece::Break,
            })
            .collect();
    }
    // The block's text as the PDF's layout resolves it: a line break as a newline.
    let whole: String = texts
        .iter()
        .map(|text| text.as_ref().map_or("\n", |(text, _)| text.as_str()))
        .collect();
    let levels = crate::layout::bidi_levels(&whole, true);
    let mut pieces = Vec::new();
    let mut offset = 0;
    for text in texts {
        let Some((text, style)) = text else {
            pieces.push(Piece::Break);
            offset += 1;
            continue;
        };
        let mut start = 0;
        for (at, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
            let direction = |i: usize| levels[offset + i] % 2 == 1;
            if at < text.len() && direction(at) == direction(start) {
                continue;
            }
            pieces.push(Piece::Text {
                text: text[start..at].to_string(),
                style,
                right_to_left: direction(start),
            });
            start = at;
        }
        offset += text.len();
    }
    pieces
}

/// Word's value for an alignment of the layout, whose `Left` and `Right` name the start and
/// end of a line. In a right-to-left paragraph LibreOffice reads `left` and `right` mirrored
/// (`left` sets the line at the right), as start and end; `start` and `end` are the schema's
/// own names for them, which no reader can take for sides of the page.
pub(super) fn alignment(align: Align, right_to_left: bool) -> AlignmentType {
    match (align, right_to_left) {
        (Align::Left, false) => AlignmentType::Left,
        (Align::Right, false) => AlignmentType::Right,
        (Align::Left, true) => AlignmentType::Start,
        (Align::Right, true) => AlignmentType::End,
        (Align::Center, _) => AlignmentType::Center,
        // `Justified` writes an invalid value; `Both` is Word's justify.
        (Align::Justify, _) => AlignmentType::Both,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn block(inlines: Vec<Inline>) -> Block {
        Block {
            kind: BlockKind::Member,
            inlines,
        }
    }

    fn text(text: &str) -> Inline {
        Inline::Text {
            text: text.to_string(),
            style: Style::default(),
        }
    }

    /// The runs as (text, right to left) pairs, breaks as `None`.
    fn runs(block: &Block, right_to_left: bool) -> Vec<Option<(String, bool)>> {
        pieces(block, right_to_left)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text {
                    text,
                    right_to_left,
                    ..
                } => Some((text, right_to_left)),
                Piece::Break => None,
            })
            .collect()
    }

    #[test]
    fn latin_names_and_digits_in_arabic_text_are_runs_of_their_own() {
        let block = block(vec![text("السيد John Smith، المستشار 2017")]);
        let run = |text: &str, rtl: bool| Some((text.to_string(), rtl));
        assert_eq!(
            runs(&block, true),
            [
                run("السيد ", true),
                run("John Smith", false),
                run("، المستشار ", true),
                run("2017", false),
            ]
        );
    }

    #[test]
    fn a_left_to_right_note_keeps_one_run_per_inline() {
        let block = block(vec![
            text("Ref.:\u{2060}GVA/2017"),
            Inline::LineBreak,
            text("وفد"),
        ]);
        assert_eq!(
            runs(&block, false),
            [
                Some(("Ref.:GVA/2017".to_string(), false)),
                None,
                Some(("وفد".to_string(), false)),
            ]
        );
    }

    #[test]
    fn breaks_and_styles_keep_their_place_in_a_right_to_left_note() {
        let bold = Inline::Text {
            text: "المنصوري".to_string(),
            style: Style {
                bold: true,
                ..Style::default()
            },
        };
        let block = block(vec![text("أحمد "), bold, Inline::LineBreak, text("GVA")]);
        let pieces = pieces(&block, true);
        assert_eq!(pieces.len(), 4, "{pieces:?}");
        assert!(
            matches!(&pieces[1], Piece::Text { text, style, right_to_left: true }
            if text == "المنصوري" && style.bold),
            "{pieces:?}"
        );
        assert_eq!(pieces[2], Piece::Break);
        assert!(
            matches!(
                &pieces[3],
                Piece::Text {
                    right_to_left: false,
                    ..
                }
            ),
            "{pieces:?}"
        );
    }

    #[test]
    fn alignments_name_the_start_and_end_of_a_right_to_left_line() {
        let value = |align, right_to_left| alignment(align, right_to_left).to_string();
        assert_eq!(value(Align::Left, true), "start");
        assert_eq!(value(Align::Right, true), "end");
        assert_eq!(value(Align::Justify, true), "both");
        assert_eq!(value(Align::Center, true), "center");
        assert_eq!(value(Align::Left, false), "left");
        assert_eq!(value(Align::Right, false), "right");
        assert_eq!(value(Align::Justify, false), "both");
    }
}
