//! Shaped paragraph -> its best lines at one tolerance: the places where a line may end, each
//! possible line weighed by how much it stretches or shrinks and what it ends with, and the way
//! through them with the fewest demerits.

use super::{is_space, Hyphens, SHRINK, STRETCH};
use crate::layout::lines::{Glyph, LineBox, Shaped};

/// Extra demerits for two hyphens in a row.
const DOUBLE_HYPHEN_DEMERITS: f64 = 3000.0;
/// Demerits when a line's looseness differs by more than one class from the previous line's.
const FITNESS_DEMERITS: f64 = 100.0;
/// No more than this many consecutive lines end with a hyphen.
const MAX_HYPHENS_IN_A_ROW: usize = 2;
const LINE_PENALTY: f64 = 10.0;

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
    /// The sums over a paragraph's glyphs.
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
pub(super) fn total_fit(
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
