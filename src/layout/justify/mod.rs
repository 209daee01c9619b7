//! Justified paragraphs broken over the whole paragraph at once (Knuth and Plass's total-fit
//! method, as in TeX and Typst): every way of breaking is weighed by how much its lines must
//! stretch or shrink, with penalties for hyphens, and the best is kept.

mod total_fit;

use super::lines::{break_lines, Glyph, LineBox, Shaped};
use total_fit::total_fit;

/// How far a space may stretch (times its width) before a line counts as too loose; a line
/// stretched more than this is never chosen while another way exists.
pub const MAX_STRETCH: f32 = 1.5;
/// A space stretches by half its width at ratio 1 (TeX's value for a text face), and shrinks by
/// a fifth at ratio -1, the most it ever shrinks: a tighter space runs words together.
const STRETCH: f32 = 0.5;
const SHRINK: f32 = 0.2;
/// The narrowest a word space ever gets, as a multiple of its natural width.
pub const MIN_SPACE: f32 = 1.0 - SHRINK;
/// The widest a word space ever gets, as a multiple of its natural width: a line that would
/// need wider spaces (when no way of breaking keeps within the limit) falls short of the margin.
pub const MAX_SPACE: f32 = 1.0 + STRETCH * MAX_STRETCH;
/// Penalty for breaking at a hyphenation point.
const HYPHEN_PENALTY: f64 = 50.0;
/// Penalty for a hyphen in a paragraph that takes one only as a last resort: its square is more
/// than the demerits of any paragraph whose lines all keep within the stretch limit.
const LAST_RESORT_HYPHEN_PENALTY: f64 = 1.0e5;
/// Demerits for a paragraph whose last line is a single word: more than any stretch within the
/// limit costs, less than a last-resort hyphen; past the limit, about one line at the limit.
const ONE_WORD_LAST_LINE_DEMERITS: f64 = 1.0e7;
const ONE_WORD_LAST_LINE_DEMERITS_PAST_LIMIT: f64 = 1.0e5;

/// How readily a paragraph takes hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyphenation {
    /// Where hyphens give better spacing (running text).
    Normal,
    /// Only when no way of breaking without one keeps within the stretch limit (the opening and
    /// closing formulae, which are read as set phrases), and as usual past it.
    LastResort,
}

/// Breaks a justified paragraph. `hyphen_points` are byte offsets where a word may take a
/// hyphen; `hyphen` shapes the hyphen glyph for a style. Falls back to first-fit breaking when no
/// way of breaking keeps every line within the stretch limit (a word longer than the line).
pub fn break_paragraph(
    shaped: &Shaped,
    width: &dyn Fn(usize) -> f32,
    hyphen_points: &[usize],
    hyphen: &dyn Fn(&Glyph) -> Glyph,
    hyphenation: Hyphenation,
) -> Vec<LineBox> {
    for tolerance in [MAX_STRETCH, 4.0 * MAX_STRETCH] {
        // Past the limit, a hyphen is better than wide gaps, even in a formula.
        let penalty = match hyphenation {
            Hyphenation::LastResort if tolerance == MAX_STRETCH => LAST_RESORT_HYPHEN_PENALTY,
            _ => HYPHEN_PENALTY,
        };
        let one_word_last_line = if tolerance == MAX_STRETCH {
            ONE_WORD_LAST_LINE_DEMERITS
        } else {
            ONE_WORD_LAST_LINE_DEMERITS_PAST_LIMIT
        };
        let hyphens = Hyphens {
            points: hyphen_points,
            shape: hyphen,
            penalty,
            one_word_last_line,
        };
        if let Some(lines) = total_fit(shaped, width, &hyphens, tolerance) {
            return lines;
        }
    }
    break_lines(shaped, width)
}

/// How wide a justified line's word spaces are set, as a multiple of their natural width
/// (below 1 when they shrink), given the width the line fills: at most [`MAX_SPACE`]. `None`
/// for a line without spaces.
pub fn space_scale(shaped: &Shaped, line: &LineBox, width: f32) -> Option<f32> {
    let natural: f32 = shaped.glyphs[line.glyphs.clone()]
        .iter()
        .filter(|g| is_space(shaped, g))
        .map(|g| g.advance)
        .sum();
    (natural > 0.0).then(|| ((natural + width - line.width) / natural).min(MAX_SPACE))
}

/// The most letter spacing a justified line takes, as a share of the type size: only a line
/// whose spaces are at their widest and still leave a gap (a long word that cannot be broken
/// comes next) takes it, to reach the margin. More than about 1.5 % is seen by a reader.
pub const MAX_TRACKING: f32 = 0.015;
/// The widest a word space gets on a line that reaches the margin only past [`MAX_SPACE`] and
/// [`MAX_TRACKING`]: wider spaces, which readers of justified text are used to, rather than
/// visible letter spacing; a line that would need more falls short of the margin by the rest.
pub const MAX_LOOSE_SPACE: f32 = 2.5;

/// The most room added between two characters of a line of Chinese, as a share of the type
/// size: such a line has no spaces, so its slack (less than a character, as lines break between
/// any two ideographs) goes between its characters (inter-character justification).
pub const MAX_CHINESE_TRACKING: f32 = 0.25;

/// How a justified line whose spaces would pass [`MAX_SPACE`] reaches `width`: its spaces at
/// [`MAX_SPACE`], then room added after each letter, at most [`MAX_TRACKING`] of `size` (in
/// points), then wider spaces, at most [`MAX_LOOSE_SPACE`]. Returns the spaces' scale and the
/// room after each letter. Letters of one cluster (a base and its accents) stay together, so
/// the room goes only where one cluster ends and the next begins, and before a line-end hyphen.
pub fn tracking(shaped: &Shaped, line: &LineBox, width: f32, size: f32) -> (f32, f32) {
    let glyphs = &shaped.glyphs[line.glyphs.clone()];
    let spaces: f32 = glyphs
        .iter()
        .filter(|g| is_space(shaped, g))
        .map(|g| g.advance)
        .sum();
    let scale = space_scale(shaped, line, width).unwrap_or(1.0);
    let mut short = width - line.width - spaces * (scale - 1.0);
    let gaps = (0..glyphs.len())
        .filter(|&i| tracked(glyphs, i, line.hyphen.is_some()))
        .count();
    if short <= 0.01 {
        return (scale, 0.0);
    }
    let most = if glyphs.iter().any(|g| g.ideographic) {
        MAX_CHINESE_TRACKING
    } else {
        MAX_TRACKING
    };
    // A line of Arabic words has no letters to space: its spaces take the rest.
    let track = if gaps == 0 {
        0.0
    } else {
        (short / gaps as f32).min(most * size)
    };
    short -= track * gaps as f32;
    if short <= 0.01 || spaces <= 0.0 {
        return (scale, track);
    }
    ((scale + short / spaces).min(MAX_LOOSE_SPACE), track)
}

/// Whether [`tracking`] adds room after the glyph at `index` of a line: where its cluster ends
/// and another begins, and after the last glyph when a hyphen follows it. On a line with
/// ideographs, only beside an ideograph or Chinese punctuation: Latin words and digit runs
/// (`GVA/2017/0815`, `2017年`) keep their letters together.
pub fn tracked(glyphs: &[Glyph], index: usize, hyphen: bool) -> bool {
    let glyph = &glyphs[index];
    let joined = |g: &Glyph| g.level % 2 == 1;
    if joined(glyph) || glyphs.get(index + 1).is_some_and(joined) {
        // Right-to-left text (Arabic) is joined: room between its letters would cut the joins.
        return false;
    }
    match glyphs.get(index + 1) {
        Some(next) if glyphs.iter().any(|g| g.ideographic) => {
            next.text.start != glyph.text.start && (glyph.ideographic || next.ideographic)
        }
        Some(next) => next.text.start != glyph.text.start,
        None => hyphen,
    }
}

fn is_space(shaped: &Shaped, glyph: &Glyph) -> bool {
    matches!(&shaped.text[glyph.text.clone()], " ")
}

/// Where words may take a hyphen, how the hyphen is shaped, what it costs, and what a last
/// line of one word costs.
struct Hyphens<'a> {
    points: &'a [usize],
    shape: &'a dyn Fn(&Glyph) -> Glyph,
    penalty: f64,
    one_word_last_line: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Style;

    /// Every character is one glyph 10 points wide, hyphens included.
    const ADVANCE: f32 = 10.0;

    fn shaped(text: &str) -> Shaped {
        let glyphs = text
            .char_indices()
            .map(|(i, c)| Glyph {
                id: 1,
                style: Style::default(),
                advance: if c == '\n' { 0.0 } else { ADVANCE },
                x_offset: 0.0,
                y_offset: 0.0,
                text: i..i + c.len_utf8(),
                ideographic: crate::fonts::is_chinese(c),
                level: 0,
                layer: 0,
            })
            .collect();
        Shaped {
            text: text.to_string(),
            glyphs,
            joins: Vec::new(),
        }
    }

    fn hyphen(glyph: &Glyph) -> Glyph {
        Glyph {
            id: 2,
            advance: ADVANCE,
            text: glyph.text.end..glyph.text.end,
            ..glyph.clone()
        }
    }

    /// Each line's text, with `-` where a hyphen ends it.
    fn texts(shaped: &Shaped, lines: &[LineBox]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                let glyphs = &shaped.glyphs[line.glyphs.clone()];
                let mut text = match (glyphs.first(), glyphs.last()) {
                    (Some(a), Some(b)) => shaped.text[a.text.start..b.text.end].to_string(),
                    _ => String::new(),
                };
                if line.hyphen.is_some() {
                    text.push('-');
                }
                text
            })
            .collect()
    }

    /// Break points written into the text as `|`.
    fn points(marked: &str) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut points = Vec::new();
        for c in marked.chars() {
            if c == '|' {
                points.push(text.len());
            } else {
                text.push(c);
            }
        }
        (text, points)
    }

    /// A paragraph broken both ways: total-fit (with its stretch of each line) and first-fit.
    struct Case {
        what: &'static str,
        /// The text, with `|` where a word may take a hyphen.
        text: &'static str,
        width: f32,
        hyphenation: Hyphenation,
        lines: &'static [&'static str],
        ratios: &'static [f32],
        first_fit: &'static [&'static str],
    }

    // At 10 points a character, a space stretches by 5 points at ratio 1 and at most 7.5 within
    // the limit, and shrinks by at most 2.
    const CASES: &[Case] = &[
        Case {
            what: "a paragraph that fits stays on one line, not stretched",
            text: "aaa bbb ccc",
            width: 200.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaa bbb ccc"],
            ratios: &[0.0],
            first_fit: &["aaa bbb ccc"],
        },
        Case {
            what: "a forced break ends a line without stretching it",
            text: "aaa bbb\nccc ddd eee",
            width: 110.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaa bbb", "ccc ddd eee"],
            ratios: &[0.0, 0.0],
            first_fit: &["aaa bbb", "ccc ddd eee"],
        },
        Case {
            what: "a word moves down so that no line is too loose, where first-fit fills line 1",
            text: "aa bb c ddd e fff gggggg hhhhh",
            width: 130.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aa bb c ddd", "e fff gggggg", "hhhhh"],
            ratios: &[1.33, 1.0, 0.0],
            first_fit: &["aa bb c ddd e", "fff gggggg", "hhhhh"],
        },
        Case {
            what: "spaces shrink to keep a word on the line, where first-fit never shrinks",
            text: "aaa b c dddd eee ff",
            width: 114.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaa b c dddd", "eee ff"],
            ratios: &[-1.0, 0.0],
            first_fit: &["aaa b c", "dddd eee ff"],
        },
        Case {
            what: "within the stretch limit",
            text: "aaaa bbbb cccc",
            width: 96.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaaa bbbb", "cccc"],
            ratios: &[1.2, 0.0],
            first_fit: &["aaaa bbbb", "cccc"],
        },
        Case {
            what: "past the stretch limit only when there is no other way",
            text: "aaaa bbbb cccc",
            width: 100.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaaa bbbb", "cccc"],
            ratios: &[2.0, 0.0],
            first_fit: &["aaaa bbbb", "cccc"],
        },
        Case {
            what: "first-fit when even four times the limit is not enough",
            text: "aaaa bbbb cccc",
            width: 130.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaaa bbbb", "cccc"],
            ratios: &[0.0, 0.0],
            first_fit: &["aaaa bbbb", "cccc"],
        },
        Case {
            what: "a word is hyphenated rather than a line stretched past the limit",
            text: "aaaa bbbb cc ddd|dddd ee fff ggg|ggg hh iiii jjjj|jjjj kkkkk lll mm",
            width: 175.0,
            hyphenation: Hyphenation::Normal,
            lines: &[
                "aaaa bbbb cc ddd-",
                "dddd ee fff gggggg",
                "hh iiii jjjjjjjj",
                "kkkkk lll mm",
            ],
            ratios: &[0.33, -0.83, 1.5, 0.0],
            first_fit: &[
                "aaaa bbbb cc",
                "ddddddd ee fff",
                "gggggg hh iiii",
                "jjjjjjjj kkkkk",
                "lll mm",
            ],
        },
        Case {
            what: "the same without hyphenation points",
            text: "aaaa bbbb cc ddddddd ee fff gggggg hh iiii jjjjjjjj kkkkk lll mm",
            width: 170.0,
            hyphenation: Hyphenation::Normal,
            lines: &[
                "aaaa bbbb cc",
                "ddddddd ee fff",
                "gggggg hh iiii",
                "jjjjjjjj kkkkk",
                "lll mm",
            ],
            ratios: &[5.0, 3.0, 3.0, 6.0, 0.0],
            first_fit: &[
                "aaaa bbbb cc",
                "ddddddd ee fff",
                "gggggg hh iiii",
                "jjjjjjjj kkkkk",
                "lll mm",
            ],
        },
        Case {
            // With three allowed, the third line is `ggg hhh iii jjj-`, stretched far less.
            what: "no more than two hyphenated lines in a row",
            text: "aaaa bbb c ddd|dddd ee fff ggg|ggg hhh iii jjj|jjj kkk|kkkk",
            width: 170.0,
            hyphenation: Hyphenation::Normal,
            lines: &[
                "aaaa bbb c ddd-",
                "dddd ee fff ggg-",
                "ggg hhh iii",
                "jjjjjj kkkkkkk",
            ],
            ratios: &[1.33, 0.67, 6.0, 0.0],
            first_fit: &[
                "aaaa bbb c",
                "ddddddd ee fff",
                "gggggg hhh iii",
                "jjjjjj kkkkkkk",
            ],
        },
        Case {
            what: "spaces never shrink below four fifths of their width",
            text: "aaa b c dddd eee ff",
            width: 113.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aaa b c", "dddd eee ff"],
            ratios: &[4.3, 0.0],
            first_fit: &["aaa b c", "dddd eee ff"],
        },
        Case {
            what: "the last line is not one word alone while another way keeps within the limit",
            text: "aa bb cc dd ee ff gg hh ii jj",
            width: 260.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aa bb cc dd ee ff gg hh", "ii jj"],
            ratios: &[0.86, 0.0],
            first_fit: &["aa bb cc dd ee ff gg hh ii", "jj"],
        },
        Case {
            what: "running text takes a hyphen for better spacing",
            text: "aa bb cc dd ee ff ggg|ggg hh ii jj kk ll",
            width: 228.0,
            hyphenation: Hyphenation::Normal,
            lines: &["aa bb cc dd ee ff ggg-", "ggg hh ii jj kk ll"],
            ratios: &[0.27, 0.0],
            first_fit: &["aa bb cc dd ee ff", "gggggg hh ii jj kk ll"],
        },
        Case {
            what: "a formula is not hyphenated while another way keeps within the limit",
            text: "aa bb cc dd ee ff ggg|ggg hh ii jj kk ll",
            width: 228.0,
            hyphenation: Hyphenation::LastResort,
            lines: &["aa bb cc dd ee ff gggggg", "hh ii jj kk ll"],
            ratios: &[-1.0, 0.0],
            first_fit: &["aa bb cc dd ee ff", "gggggg hh ii jj kk ll"],
        },
        Case {
            what: "a formula is hyphenated when no other way keeps within the limit",
            text: "aaaa bbbb cc ddd|dddd ee fff ggg|ggg hh iiii jjjj|jjjj kkkkk lll mm",
            width: 175.0,
            hyphenation: Hyphenation::LastResort,
            lines: &[
                "aaaa bbbb cc ddd-",
                "dddd ee fff gggggg",
                "hh iiii jjjjjjjj",
                "kkkkk lll mm",
            ],
            ratios: &[0.33, -0.83, 1.5, 0.0],
            first_fit: &[
                "aaaa bbbb cc",
                "ddddddd ee fff",
                "gggggg hh iiii",
                "jjjjjjjj kkkkk",
                "lll mm",
            ],
        },
    ];

    #[test]
    fn a_chinese_line_stretches_beside_ideographs_only() {
        let line = shaped("中文ab12中。");
        let gaps: Vec<bool> = (0..line.glyphs.len())
            .map(|i| tracked(&line.glyphs, i, false))
            .collect();
        // 中|文, 文|a, then nothing inside `ab12`, then 2|中 and 中|。; none after the last.
        assert_eq!(gaps, [true, true, false, false, false, true, true, false]);
        // A Latin line keeps its old letter spacing between every two letters.
        let latin = shaped("ab c");
        assert!((0..3).all(|i| tracked(&latin.glyphs, i, false)));
    }

    #[test]
    fn breaks_each_paragraph_as_a_whole() {
        for case in CASES {
            let (text, hyphen_points) = points(case.text);
            let shaped = shaped(&text);
            let width = |_: usize| case.width;
            let lines = break_paragraph(&shaped, &width, &hyphen_points, &hyphen, case.hyphenation);
            assert_eq!(texts(&shaped, &lines), case.lines, "{}", case.what);
            let ratios: Vec<f32> = lines.iter().map(|l| l.ratio).collect();
            assert_eq!(ratios.len(), case.ratios.len(), "{}", case.what);
            for (ratio, expected) in ratios.iter().zip(case.ratios) {
                assert!((ratio - expected).abs() < 0.01, "{}: {ratios:?}", case.what);
            }
            assert!(
                lines.last().is_some_and(|l| l.ends_paragraph),
                "{}",
                case.what
            );
            let first_fit = break_lines(&shaped, &width);
            assert_eq!(texts(&shaped, &first_fit), case.first_fit, "{}", case.what);
        }
    }
}
