//! Justified paragraphs broken over the whole paragraph at once (Knuth and Plass's total-fit
//! method, as in TeX and Typst): every way of breaking is weighed by how much its lines must
//! stretch or shrink, with penalties for hyphens, and the best is kept.

use super::lines::{break_lines, Glyph, LineBox, Shaped};

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
/// Penalty for breaking at a hyphenation point, and extra demerits for two hyphens in a row.
const HYPHEN_PENALTY: f64 = 50.0;
const DOUBLE_HYPHEN_DEMERITS: f64 = 3000.0;
/// Penalty for a hyphen in a paragraph that takes one only as a last resort: its square is more
/// than the demerits of any paragraph whose lines all keep within the stretch limit.
const LAST_RESORT_HYPHEN_PENALTY: f64 = 1.0e5;
/// Demerits for a paragraph whose last line is a single word: more than any stretch within the
/// limit costs, less than a last-resort hyphen; past the limit, about one line at the limit.
const ONE_WORD_LAST_LINE_DEMERITS: f64 = 1.0e7;
const ONE_WORD_LAST_LINE_DEMERITS_PAST_LIMIT: f64 = 1.0e5;
/// Demerits when a line's looseness differs by more than one class from the previous line's.
const FITNESS_DEMERITS: f64 = 100.0;
/// No more than this many consecutive lines end with a hyphen.
const MAX_HYPHENS_IN_A_ROW: usize = 2;
const LINE_PENALTY: f64 = 10.0;

/// How readily a paragraph takes hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyphenation {
    /// Where hyphens give better spacing (running text).
    Normal,
    /// Only when no way of breaking without one keeps within the stretch limit (the opening and
    /// closing formulae, which are read as set phrases), and as usual past it.
    LastResort,
}

/// A place where a line may end.
#[derive(Debug, Clone)]
struct Candidate {
    /// Glyphs before this index are on the line.
    end: usize,
    /// The next line starts at this glyph.
    next: usize,
    /// Hyphen added at the end of the line, if any.
    hyphen: Option<Glyph>,
    /// The paragraph (or a forced line) ends here.
    forced: bool,
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
/// comes next) takes it, to reach the margin; a line that needs more falls short by the rest.
pub const MAX_TRACKING: f32 = 0.03;

/// The room added after each letter of a justified line whose spaces, set `space` times their
/// natural width, leave it short of `width`, in points: at most [`MAX_TRACKING`] of `size`.
/// Letters of one cluster (a base and its accents) stay together, so the room goes only where
/// one cluster ends and the next begins, and before a line-end hyphen.
pub fn tracking(shaped: &Shaped, line: &LineBox, width: f32, space: f32, size: f32) -> f32 {
    let glyphs = &shaped.glyphs[line.glyphs.clone()];
    let spaces: f32 = glyphs
        .iter()
        .filter(|g| is_space(shaped, g))
        .map(|g| g.advance)
        .sum();
    let short = width - line.width - spaces * (space - 1.0);
    let gaps = (0..glyphs.len())
        .filter(|&i| tracked(glyphs, i, line.hyphen.is_some()))
        .count();
    if short <= 0.01 || gaps == 0 {
        return 0.0;
    }
    (short / gaps as f32).min(MAX_TRACKING * size)
}

/// Whether [`tracking`] adds room after the glyph at `index` of a line: where its cluster ends
/// and another begins, and after the last glyph when a hyphen follows it.
pub fn tracked(glyphs: &[Glyph], index: usize, hyphen: bool) -> bool {
    match glyphs.get(index + 1) {
        Some(next) => next.text.start != glyphs[index].text.start,
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

fn candidates(shaped: &Shaped, hyphens: &Hyphens) -> Vec<Candidate> {
    let glyphs = &shaped.glyphs;
    let mut found = vec![Candidate {
        end: 0,
        next: 0,
        hyphen: None,
        forced: false,
    }];
    let glyph_at = |offset: usize| glyphs.partition_point(|g| g.text.start < offset);
    for (offset, opportunity) in shaped.breaks() {
        let next = glyph_at(offset);
        let mut end = next;
        while end > 0
            && (is_space(shaped, &glyphs[end - 1])
                || &shaped.text[glyphs[end - 1].text.clone()] == "\n")
        {
            end -= 1;
        }
        found.push(Candidate {
            end,
            next,
            hyphen: None,
            forced: opportunity == unicode_linebreak::BreakOpportunity::Mandatory,
        });
    }
    for &offset in hyphens.points {
        if shaped.in_joined_word(offset) {
            continue;
        }
        let at = glyph_at(offset);
        if at > 0 && at < glyphs.len() && glyphs[at].text.start == offset {
            found.push(Candidate {
                end: at,
                next: at,
                hyphen: Some((hyphens.shape)(&glyphs[at - 1])),
                forced: false,
            });
        }
    }
    found.sort_by_key(|c| (c.next, c.hyphen.is_none()));
    found.dedup_by_key(|c| c.next);
    found
}

/// The best way found to a candidate in one state (fitness class of its last line, hyphens in
/// a row): its demerits, where its last line starts, and how much that line stretches.
#[derive(Clone, Copy)]
struct Node {
    demerits: f64,
    previous: Option<(usize, usize, usize)>,
    ratio: f32,
}

/// `best[candidate][fitness][hyphens in a row]`.
type Best = Vec<[[Option<Node>; MAX_HYPHENS_IN_A_ROW + 1]; 4]>;

/// Running sums of the glyphs' advances and of their spaces' advances, from the paragraph's
/// start: the natural width and the word spaces between any two glyphs without a loop.
struct Sums {
    advance: Vec<f32>,
    spaces: Vec<f32>,
}

impl Sums {
    fn new(shaped: &Shaped) -> Self {
        let mut advance = vec![0.0f32];
        let mut spaces = vec![0.0f32];
        for glyph in &shaped.glyphs {
            advance.push(advance.last().copied().unwrap_or(0.0) + glyph.advance);
            let space = if is_space(shaped, glyph) {
                glyph.advance
            } else {
                0.0
            };
            spaces.push(spaces.last().copied().unwrap_or(0.0) + space);
        }
        Sums { advance, spaces }
    }

    /// The natural width of glyphs `start..end`.
    fn natural(&self, start: usize, end: usize) -> f32 {
        self.advance[end] - self.advance[start]
    }

    /// The width of the word spaces among glyphs `start..end`.
    fn space(&self, start: usize, end: usize) -> f32 {
        self.spaces[end] - self.spaces[start]
    }
}

/// One possible line from one candidate to another, weighed.
struct Line {
    /// How much its spaces stretch (positive) or shrink (negative).
    ratio: f32,
    /// Its looseness class, 0 (tight) to 3 (very loose).
    fitness: usize,
    /// Its demerits, before those that depend on the line before it.
    demerits: f64,
    /// Whether it ends with a hyphen.
    hyphen: bool,
}

/// Total-fit breaking of one paragraph at one tolerance.
struct Breaker<'a> {
    candidates: Vec<Candidate>,
    sums: Sums,
    width: &'a dyn Fn(usize) -> f32,
    hyphens: &'a Hyphens<'a>,
    tolerance: f32,
}

/// The best way of breaking a paragraph, every line within `tolerance` (the fewest demerits
/// over the whole paragraph); `None` when no way keeps within it.
fn total_fit(
    shaped: &Shaped,
    width: &dyn Fn(usize) -> f32,
    hyphens: &Hyphens,
    tolerance: f32,
) -> Option<Vec<LineBox>> {
    let breaker = Breaker {
        candidates: candidates(shaped, hyphens),
        sums: Sums::new(shaped),
        width,
        hyphens,
        tolerance,
    };
    let candidates = &breaker.candidates;
    let mut best: Best = vec![[[None; MAX_HYPHENS_IN_A_ROW + 1]; 4]; candidates.len()];
    best[0][1][0] = Some(Node {
        demerits: 0.0,
        previous: None,
        ratio: 0.0,
    });
    // Lines counted from the paragraph start only matter for the first line's indent.
    let mut floor = 0;
    for j in 1..candidates.len() {
        // A line never runs past a forced break.
        if candidates[j - 1].forced {
            floor = j - 1;
        }
        for i in floor..j {
            if let Some(line) = breaker.line(i, j) {
                follow(&mut best, i, j, &line);
            }
        }
    }
    breaker.best_lines(&best)
}

impl Breaker<'_> {
    /// The line from candidate `i` to candidate `j`, weighed; `None` when it cannot be set
    /// within the tolerance (or runs past `j`'s break).
    fn line(&self, i: usize, j: usize) -> Option<Line> {
        let (from, to) = (&self.candidates[i], &self.candidates[j]);
        if from.next >= to.end && !to.forced {
            return None;
        }
        let start = from.next;
        let end = to.end.max(start);
        let hyphen_width = to.hyphen.as_ref().map_or(0.0, |h| h.advance);
        let natural = self.sums.natural(start, end) + hyphen_width;
        let space = self.sums.space(start, end);
        let line_width = (self.width)(if i == 0 { 0 } else { 1 });
        let ratio = ratio(natural, space, line_width, to.forced)?;
        if !(-1.0..=self.tolerance).contains(&ratio) {
            return None;
        }
        let badness = f64::from((100.0 * ratio.abs().powi(3)).min(10_000.0));
        let penalty = if to.hyphen.is_some() {
            self.hyphens.penalty
        } else {
            0.0
        };
        let mut demerits = (LINE_PENALTY + badness).powi(2) + penalty.powi(2);
        if j == self.candidates.len() - 1 && space <= 0.0 && start < end {
            demerits += self.hyphens.one_word_last_line;
        }
        Some(Line {
            ratio,
            fitness: fitness(ratio),
            demerits,
            hyphen: to.hyphen.is_some(),
        })
    }

    /// The lines of the best way to the paragraph's end, first line first; `None` when no way
    /// reaches it.
    fn best_lines(&self, best: &Best) -> Option<Vec<LineBox>> {
        let last = self.candidates.len() - 1;
        let (mut f, mut h) = (0..4)
            .flat_map(|f| (0..=MAX_HYPHENS_IN_A_ROW).map(move |h| (f, h)))
            .filter(|&(f, h)| best[last][f][h].is_some())
            .min_by(|a, b| {
                let da = best[last][a.0][a.1].map_or(f64::MAX, |n| n.demerits);
                let db = best[last][b.0][b.1].map_or(f64::MAX, |n| n.demerits);
                da.total_cmp(&db)
            })?;
        let mut j = last;
        let mut lines = Vec::new();
        while let Some(node) = best[j][f][h] {
            let Some((i, pf, ph)) = node.previous else {
                break;
            };
            let (from, to) = (&self.candidates[i], &self.candidates[j]);
            let start = from.next;
            let end = to.end.max(start);
            lines.push(LineBox {
                glyphs: start..end,
                width: self.sums.natural(start, end)
                    + to.hyphen.as_ref().map_or(0.0, |g| g.advance),
                ends_paragraph: to.forced,
                hyphen: to.hyphen.clone(),
                ratio: node.ratio,
            });
            (j, f, h) = (i, pf, ph);
        }
        lines.reverse();
        Some(lines)
    }
}

/// How much a line of `natural` width, `space` of it word spaces, stretches (positive) or
/// shrinks (negative) to fill `line_width`; `None` when a line without spaces, or one that
/// ends at a forced break, is too wide.
fn ratio(natural: f32, space: f32, line_width: f32, forced: bool) -> Option<f32> {
    Some(if forced {
        if natural > line_width + 0.01 {
            return None;
        }
        0.0
    } else if natural < line_width {
        if space <= 0.0 {
            f32::INFINITY
        } else {
            (line_width - natural) / (space * STRETCH)
        }
    } else if space <= 0.0 {
        if natural > line_width + 0.01 {
            return None;
        }
        0.0
    } else {
        (line_width - natural) / (space * SHRINK)
    })
}

/// A line's looseness class: 0 tight, 1 decent, 2 loose, 3 very loose.
fn fitness(ratio: f32) -> usize {
    match ratio {
        r if r < -0.5 => 0,
        r if r <= 0.5 => 1,
        r if r <= 1.0 => 2,
        _ => 3,
    }
}

/// Extends every best way to candidate `i` by `line`, to candidate `j`, keeping for each
/// state at `j` the way with the fewest demerits.
fn follow(best: &mut Best, i: usize, j: usize, line: &Line) {
    let from_nodes = best[i];
    for (f, by_fitness) in from_nodes.iter().enumerate() {
        for (h, node) in by_fitness.iter().enumerate() {
            let Some(node) = node else { continue };
            let hyphens = if line.hyphen { h + 1 } else { 0 };
            if hyphens > MAX_HYPHENS_IN_A_ROW {
                continue;
            }
            let mut demerits = node.demerits + line.demerits;
            if line.hyphen && h > 0 {
                demerits += DOUBLE_HYPHEN_DEMERITS;
            }
            if i > 0 && f.abs_diff(line.fitness) > 1 {
                demerits += FITNESS_DEMERITS;
            }
            let slot = &mut best[j][line.fitness][hyphens];
            if slot.is_none_or(|s| demerits < s.demerits) {
                *slot = Some(Node {
                    demerits,
                    previous: Some((i, f, h)),
                    ratio: line.ratio,
                });
            }
        }
    }
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
