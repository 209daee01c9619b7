//! Styled text -> shaped, measured lines: shaping with harfrust (kerning from the font), break
//! opportunities from Unicode's line breaking rules (UAX #14), then first-fit breaking.
//!
//! A word joiner (U+2060) in the text forbids a break where it stands and is then left out, so
//! a reference such as `MTB/GVA/NV/2026/212` stays whole and its text in the PDF is exactly as
//! written.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::bidi;
use super::style::SUPERSCRIPT_SCALE;
use crate::document::{Inline, Style};
use crate::fonts::{Fonts, Layer};

/// One glyph after shaping, in points at the given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face of `style`.
    pub id: u16,
    /// Face.
    pub style: Style,
    /// Horizontal advance.
    pub advance: f32,
    /// Offsets from the pen position.
    pub x_offset: f32,
    /// Offsets from the pen position.
    pub y_offset: f32,
    /// Byte range of the characters this glyph stands for, in the paragraph text.
    pub text: Range<usize>,
    /// Whether its characters start with an ideograph or Chinese punctuation: a justified line
    /// holding such glyphs stretches beside them, never inside a Latin word or a run of digits.
    pub ideographic: bool,
    /// Its characters' bidirectional embedding level (see [`bidi`](super::bidi)): 0 in a
    /// left-to-right paragraph, odd where the text runs right to left.
    pub level: u8,
    /// The layer of the font stack whose face of `style` it is drawn in.
    pub layer: Layer,
}

/// A paragraph's text shaped once, ready to be cut into lines.
#[derive(Debug, Clone)]
pub struct Shaped {
    /// The paragraph's characters (forced breaks are `\n`), word joiners left out.
    pub text: String,
    /// Glyphs in text order.
    pub glyphs: Vec<Glyph>,
    /// Byte offsets in `text` where a word joiner stood: no line breaks there.
    pub joins: Vec<usize>,
}

/// The word joiner, which forbids a line break where it stands.
pub const WORD_JOINER: char = '\u{2060}';

impl Shaped {
    /// Where a line may end (UAX #14), but where a word joiner forbids it, between a number
    /// and the Chinese unit of a date that follows it (`9月4|日`), or after a slash between two
    /// Arabic words (the paired month names of UN Arabic dates, `آب/|أغسطس`).
    pub fn breaks(&self) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
        linebreaks(&self.text).filter(|(offset, _)| {
            !self.joins.contains(offset)
                && !self.splits_a_chinese_date(*offset)
                && !self.splits_arabic_pair(*offset)
        })
    }

    /// Whether a break at `offset` would follow a slash with Arabic letters on both sides.
    fn splits_arabic_pair(&self, offset: usize) -> bool {
        let mut before = self.text[..offset].chars().rev();
        let after = self.text[offset..].chars().next();
        before.next() == Some('/')
            && before.next().is_some_and(crate::fonts::is_arabic)
            && after.is_some_and(crate::fonts::is_arabic)
    }

    /// Whether a break at `offset` would part a digit from a following 年, 月, 日 or 号.
    fn splits_a_chinese_date(&self, offset: usize) -> bool {
        let before = self.text[..offset].chars().next_back();
        let after = self.text[offset..].chars().next();
        before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| "年月日号".contains(c))
    }

    /// Whether the word (between spaces) around byte `offset` is held together by a word
    /// joiner, so that it takes no hyphen either.
    pub fn in_joined_word(&self, offset: usize) -> bool {
        let start = self.text[..offset]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find(char::is_whitespace)
            .map_or(self.text.len(), |i| offset + i);
        self.joins.iter().any(|j| (start..=end).contains(j))
    }
}

/// A line: a range of glyphs and what it measures.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBox {
    /// The glyphs on the line, trailing spaces excluded.
    pub glyphs: Range<usize>,
    /// Width at natural spacing.
    pub width: f32,
    /// Whether a forced break or the end of the paragraph ends it (such lines are not justified).
    pub ends_paragraph: bool,
    /// The hyphen that ends the line when a word is broken (included in `width`).
    pub hyphen: Option<Glyph>,
    /// How much the line's spaces stretch when justified: 0 natural, 1 by half a space,
    /// negative when they shrink.
    pub ratio: f32,
}

/// Shapes a paragraph at `size` points; `italic` forces the italic faces. A right-to-left
/// paragraph is shaped in runs of one direction each; its glyphs stay in the text's order.
pub fn shape(
    inlines: &[Inline],
    fonts: &Fonts,
    size: f32,
    italic: bool,
    right_to_left: bool,
) -> Shaped {
    let mut text = String::new();
    let mut runs = Vec::new();
    let mut joins = Vec::new();
    for inline in inlines {
        let (run, mut style) = match inline {
            Inline::Text { text, style } => (text.as_str(), *style),
            Inline::LineBreak => ("\n", Style::default()),
        };
        style.italic |= italic;
        let start = text.len();
        let mut pieces = run.split(WORD_JOINER);
        let mut stripped = String::from(pieces.next().unwrap_or_default());
        for piece in pieces {
            joins.push(start + stripped.len());
            stripped.push_str(piece);
        }
        text.push_str(&stripped);
        runs.push((start..text.len(), style));
    }
    let levels = bidi::levels(&text, right_to_left);
    let layers = layers(&text, &runs, fonts);
    let mut glyphs = Vec::new();
    for (range, style) in runs {
        if &text[range.clone()] == "\n" {
            glyphs.push(Glyph {
                id: 0,
                style,
                advance: 0.0,
                x_offset: 0.0,
                y_offset: 0.0,
                text: range.clone(),
                ideographic: false,
                level: levels.get(range.start).copied().unwrap_or(0),
                layer: 0,
            });
            continue;
        }
        // Runs of one level and one layer of the stack each, shaped in their direction.
        let mut from = range.start;
        while from < range.end {
            let (level, layer) = (levels[from], layers[from]);
            let to = (from..range.end)
                .find(|&i| levels[i] != level || layers[i] != layer)
                .unwrap_or(range.end);
            let run = Run {
                text: &text[from..to],
                start: from,
                style,
                level,
                layer,
            };
            shape_run(&run, fonts, size, &mut glyphs);
            from = to;
        }
    }
    Shaped {
        text,
        glyphs,
        joins,
    }
}

/// The layer of the font stack that sets each byte of a paragraph: the first whose face draws
/// the character, a character staying in the layer of the one before it when it can (see
/// [`Fonts::layer_for`]).
fn layers(text: &str, runs: &[(Range<usize>, Style)], fonts: &Fonts) -> Vec<Layer> {
    let mut layers = vec![0; text.len()];
    let mut previous = 0;
    for (range, style) in runs {
        for (offset, c) in text[range.clone()].char_indices() {
            let at = range.start + offset;
            previous = fonts.layer_for(*style, c, previous);
            layers[at..at + c.len_utf8()].fill(previous);
        }
    }
    layers
}

/// A stretch of a paragraph in one style, one direction and one layer of the stack.
struct Run<'a> {
    text: &'a str,
    /// Its byte offset in the paragraph.
    start: usize,
    style: Style,
    level: u8,
    layer: Layer,
}

fn shape_run(run: &Run, fonts: &Fonts, size: f32, out: &mut Vec<Glyph>) {
    let Run {
        text: run,
        start,
        style,
        level,
        layer,
    } = *run;
    let face = fonts.face_in(style, layer);
    let size = if style.superscript {
        size * SUPERSCRIPT_SCALE
    } else {
        size
    };
    let scale = size / face.units_per_em;
    let first = out.len();
    let right_to_left = bidi::is_right_to_left(level);
    let mut shaped = face.shape(run, right_to_left);
    if right_to_left {
        // Back to the text's order, in which lines are broken; placing a line reverses them.
        shaped.reverse();
    }
    for glyph in &shaped {
        out.push(Glyph {
            id: glyph.id,
            style,
            advance: glyph.x_advance as f32 * scale,
            x_offset: glyph.x_offset as f32 * scale,
            y_offset: glyph.y_offset as f32 * scale,
            text: start + glyph.cluster as usize..start + run.len(),
            ideographic: run[glyph.cluster as usize..]
                .chars()
                .next()
                .is_some_and(crate::fonts::is_chinese),
            level,
            layer,
        });
    }
    // A glyph's text runs to the start of the next cluster.
    for i in first..out.len() {
        let cluster = out[i].text.start;
        if let Some(next) = out[i + 1..]
            .iter()
            .map(|g| g.text.start)
            .find(|&c| c > cluster)
        {
            out[i].text.end = next;
        }
    }
}

/// Cuts a shaped paragraph into lines no wider than `width(line_index)`.
///
/// Lines break only where UAX #14 allows; a word longer than a whole line is cut between
/// glyph clusters, so no line is ever overfull.
pub fn break_lines(shaped: &Shaped, width: &dyn Fn(usize) -> f32) -> Vec<LineBox> {
    let glyphs = &shaped.glyphs;
    let mut prefix = Vec::with_capacity(glyphs.len() + 1);
    prefix.push(0.0f32);
    for glyph in glyphs {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + glyph.advance);
    }
    // Glyph index at which the text from byte `offset` starts.
    let glyph_at = |offset: usize| glyphs.partition_point(|g| g.text.start < offset);
    let is_space = |g: &Glyph| shaped.text[g.text.clone()].chars().all(char::is_whitespace);
    // The visible end of a line: trailing spaces and the forced-break marker are left out.
    let visible_end = |start: usize, end: usize| {
        let mut end = end;
        while end > start && is_space(&glyphs[end - 1]) {
            end -= 1;
        }
        end
    };
    let measure = |start: usize, end: usize| prefix[end] - prefix[start];

    let mut lines = Vec::new();
    let mut start = 0;
    let mut fitting: Option<usize> = None;
    let opportunities: Vec<(usize, bool)> = shaped
        .breaks()
        .map(|(offset, kind)| (glyph_at(offset), kind == BreakOpportunity::Mandatory))
        .collect();
    let mut index = 0;
    while index < opportunities.len() {
        let (end, mandatory) = opportunities[index];
        let available = width(lines.len());
        let visible = visible_end(start, end);
        if measure(start, visible) <= available + 0.01 {
            if mandatory {
                lines.push(LineBox {
                    glyphs: start..visible,
                    width: measure(start, visible),
                    ends_paragraph: true,
                    hyphen: None,
                    ratio: 0.0,
                });
                start = end;
                fitting = None;
            } else {
                fitting = Some(end);
            }
            index += 1;
        } else if let Some(cut) = fitting.take() {
            let visible = visible_end(start, cut);
            lines.push(LineBox {
                glyphs: start..visible,
                width: measure(start, visible),
                ends_paragraph: false,
                hyphen: None,
                ratio: 0.0,
            });
            start = cut;
        } else {
            // One unbreakable stretch wider than the line: cut it at the last cluster that fits.
            let mut cut = start + 1;
            while cut < visible && measure(start, cut + 1) <= available {
                cut += 1;
            }
            while cut < visible && glyphs[cut].text.start == glyphs[cut - 1].text.start {
                cut += 1;
            }
            lines.push(LineBox {
                glyphs: start..cut,
                width: measure(start, cut),
                ends_paragraph: false,
                hyphen: None,
                ratio: 0.0,
            });
            start = cut;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text {
            text: s.into(),
            style: Style::default(),
        }]
    }

    fn line_texts(shaped: &Shaped, lines: &[LineBox]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                let g = &shaped.glyphs[l.glyphs.clone()];
                match (g.first(), g.last()) {
                    (Some(a), Some(b)) => shaped.text[a.text.start..b.text.end].to_string(),
                    _ => String::new(),
                }
            })
            .collect()
    }

    #[test]
    fn a_chinese_date_keeps_its_units_with_their_numbers() {
        let shaped = Shaped {
            text: "于2017年9月4日至6日".into(),
            glyphs: Vec::new(),
            joins: Vec::new(),
        };
        let breaks: Vec<usize> = shaped.breaks().map(|(offset, _)| offset).collect();
        for unit in ["年", "月", "日"] {
            let at = shaped.text.find(unit).unwrap();
            assert!(!breaks.contains(&at), "{unit}: {breaks:?}");
        }
        assert!(breaks.contains(&shaped.text.find("至").unwrap()));
    }

    #[test]
    fn kerning_narrows_av() {
        let fonts = Fonts::builtin().unwrap();
        let width = |s: &str| {
            shape(&text(s), &fonts, 12.0, false, false)
                .glyphs
                .iter()
                .map(|g| g.advance)
                .sum::<f32>()
        };
        assert!(width("AV") < width("A") + width("V") - 0.5);
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        let fonts = Fonts::builtin().unwrap();
        let long = "The Permanent Mission of the Republic of Examplestan presents its compliments \
                    and has the honour to communicate the composition of its delegation. "
            .repeat(5);
        let shaped = shape(&text(&long), &fonts, 12.0, false, false);
        let lines = break_lines(&shaped, &|_| 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            assert!(line.width <= 200.01, "{}", line.width);
        }
        let joined = line_texts(&shaped, &lines).join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>(),
            long.split_whitespace().collect::<Vec<_>>()
        );
        assert!(lines.last().unwrap().ends_paragraph);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let fonts = Fonts::builtin().unwrap();
        let word = "Pneumonoultramicroscopicsilicovolcanoconiosisandsomemoreletters";
        let shaped = shape(&text(word), &fonts, 12.0, false, false);
        let lines = break_lines(&shaped, &|_| 100.0);
        assert!(lines.len() >= 3);
        assert!(lines
            .iter()
            .all(|l| l.width <= 100.01 && !l.glyphs.is_empty()));
        assert_eq!(line_texts(&shaped, &lines).concat(), word);
    }

    #[test]
    fn forced_breaks_end_lines() {
        let fonts = Fonts::builtin().unwrap();
        let inlines = vec![
            Inline::Text {
                text: "Palais des Nations".into(),
                style: Style::default(),
            },
            Inline::LineBreak,
            Inline::Text {
                text: "CH-1211 Geneva 10".into(),
                style: Style::default(),
            },
        ];
        let shaped = shape(&inlines, &fonts, 12.0, false, false);
        let lines = break_lines(&shaped, &|_| 400.0);
        assert_eq!(
            line_texts(&shaped, &lines),
            ["Palais des Nations", "CH-1211 Geneva 10"]
        );
        assert!(lines.iter().all(|l| l.ends_paragraph));
    }

    #[test]
    fn no_break_inside_a_title_joined_by_no_break_spaces() {
        let fonts = Fonts::builtin().unwrap();
        let shaped = shape(
            &text("aaaa H.E.\u{a0}Ms.\u{a0}Ana"),
            &fonts,
            12.0,
            false,
            false,
        );
        let lines = break_lines(&shaped, &|_| 80.0);
        assert_eq!(line_texts(&shaped, &lines)[1], "H.E.\u{a0}Ms.\u{a0}Ana");
    }

    #[test]
    fn no_break_inside_a_reference_joined_by_word_joiners() {
        let fonts = Fonts::builtin().unwrap();
        let joined = "MTB/\u{2060}GVA/\u{2060}NV/\u{2060}2026/\u{2060}212";
        let shaped = shape(&text(&format!("aaaa {joined}")), &fonts, 12.0, false, false);
        assert_eq!(shaped.text, "aaaa MTB/GVA/NV/2026/212");
        let plain = shape(
            &text("aaaa MTB/GVA/NV/2026/212"),
            &fonts,
            12.0,
            false,
            false,
        );
        let width = |_: usize| 125.0;
        assert_eq!(
            line_texts(&plain, &break_lines(&plain, &width)),
            ["aaaa MTB/GVA/", "NV/2026/212"],
            "without joiners the reference splits after a slash"
        );
        let lines = break_lines(&shaped, &width);
        assert_eq!(line_texts(&shaped, &lines), ["aaaa", "MTB/GVA/NV/2026/212"]);
        let justified = crate::layout::break_paragraph(
            &shaped,
            &width,
            &[],
            &|g: &Glyph| g.clone(),
            crate::layout::Hyphenation::Normal,
        );
        assert_eq!(
            line_texts(&shaped, &justified),
            ["aaaa", "MTB/GVA/NV/2026/212"]
        );
    }
}
