//! A shaped centred heading (the letterhead) -> balanced lines: as many lines as first-fit
//! breaking needs, of widths as close to one another as the break opportunities allow, no
//! line of one word, and a conjunction ("and", "et", "y") starting a line rather than ending one.

use super::lines::{break_lines, LineBox, Shaped};
use unicode_linebreak::BreakOpportunity;

/// Words that start a line of a heading rather than end one.
const CONJUNCTIONS: [&str; 7] = ["and", "et", "y", "e", "u", "und", "&"];

/// Breaks `shaped` into lines no wider than `width`, in as many lines as first-fit breaking
/// takes, the lines' widths balanced. Falls back to first-fit when the text has forced breaks
/// or no balanced way exists.
pub fn balanced(shaped: &Shaped, width: f32) -> Vec<LineBox> {
    let first_fit = break_lines(shaped, &|_| width);
    let count = first_fit.len();
    if count < 2 || first_fit[..count - 1].iter().any(|l| l.ends_paragraph) {
        return first_fit;
    }
    let glyphs = &shaped.glyphs;
    let mut prefix = vec![0.0f32];
    for glyph in glyphs {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + glyph.advance);
    }
    let glyph_at = |offset: usize| glyphs.partition_point(|g| g.text.start < offset);
    // Where a line may end: (its visible end, where the next line starts).
    let mut ends: Vec<(usize, usize)> = vec![(0, 0)];
    for (offset, kind) in shaped.breaks() {
        let next = glyph_at(offset);
        let mut end = next;
        while end > 0 && shaped.text[glyphs[end - 1].text.clone()].trim().is_empty() {
            end -= 1;
        }
        if kind == BreakOpportunity::Allowed || next == glyphs.len() {
            ends.push((end, next));
        }
    }
    let line = |from: usize, to: usize| -> Option<(f32, f64)> {
        let (start, (end, _)) = (ends[from].1, ends[to]);
        if end <= start {
            return None;
        }
        let natural = prefix[end] - prefix[start];
        let next = glyphs
            .get(ends[to].1)
            .map_or("", |g| &shaped.text[g.text.start..]);
        (natural <= width + 0.01)
            .then(|| (natural, cost(shaped, start..end, next, width - natural)))
    };
    // best[k][j]: the least cost of `k` lines ending at `ends[j]`, and where the last starts.
    let mut best: Vec<Vec<Option<(f64, usize)>>> = vec![vec![None; ends.len()]; count + 1];
    best[0][0] = Some((0.0, 0));
    for k in 1..=count {
        for j in 1..ends.len() {
            for i in 0..j {
                // Only lines that follow a way there are weighed.
                let Some((before, _)) = best[k - 1][i] else {
                    continue;
                };
                let Some((_, cost)) = line(i, j) else {
                    continue;
                };
                if best[k][j].is_none_or(|(c, _)| before + cost < c) {
                    best[k][j] = Some((before + cost, i));
                }
            }
        }
    }
    let last = ends.len() - 1;
    if best[count][last].is_none() {
        return first_fit;
    }
    let mut lines = Vec::with_capacity(count);
    let mut j = last;
    for k in (1..=count).rev() {
        let Some((_, i)) = best[k][j] else {
            return first_fit;
        };
        let (start, end) = (ends[i].1, ends[j].0);
        lines.push(LineBox {
            glyphs: start..end,
            width: prefix[end] - prefix[start],
            ends_paragraph: j == last,
            hyphen: None,
            ratio: 0.0,
        });
        j = i;
    }
    lines.reverse();
    lines
}

/// What a line of a heading costs: the square of the `room` it leaves (so that, for a given
/// number of lines, even lines cost least), more for a line of one word, for a line that ends
/// with a conjunction, and for a break inside a name (`United / Nations`): between two words
/// with a capital. `next` is the text after the line.
fn cost(shaped: &Shaped, glyphs: std::ops::Range<usize>, next: &str, room: f32) -> f64 {
    let text = &shaped.text
        [shaped.glyphs[glyphs.start].text.start..shaped.glyphs[glyphs.end - 1].text.end];
    let room = f64::from(room);
    let text = text.trim_matches(' ');
    let last = text.rsplit(' ').next();
    let capital = |word: Option<&str>| word.is_some_and(|w| w.starts_with(char::is_uppercase));
    let mut cost = room * room;
    if !text.contains(' ') {
        cost += ONE_WORD;
    }
    if last.is_some_and(|w| CONJUNCTIONS.iter().any(|c| c.eq_ignore_ascii_case(w))) {
        cost += CONJUNCTION_LAST;
    }
    if capital(last) && capital(next.split(' ').next()) {
        cost += WITHIN_NAME;
    }
    cost
}

/// What a line of one word costs: more than any room a line leaves (squared, in points).
const ONE_WORD: f64 = 1.0e6;
/// What a conjunction at a line's end costs: as much as 150 points more room on a line.
const CONJUNCTION_LAST: f64 = 150.0 * 150.0;
/// What a break between two words with a capital costs: as much as 100 points more room.
const WITHIN_NAME: f64 = 100.0 * 100.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Inline, Style};
    use crate::fonts::Fonts;
    use crate::layout::shape;

    fn lines(text: &str, width: f32) -> Vec<String> {
        let fonts = Fonts::builtin().unwrap();
        let inline = [Inline::Text {
            text: text.into(),
            style: Style::default(),
        }];
        let shaped = shape(&inline, &fonts, 13.0, false, false);
        balanced(&shaped, width)
            .iter()
            .map(|l| {
                let g = &shaped.glyphs[l.glyphs.clone()];
                shaped.text[g[0].text.start..g[g.len() - 1].text.end].to_string()
            })
            .collect()
    }

    #[test]
    fn a_letterhead_is_set_on_two_lines_of_similar_length() {
        let spanish = "Misión Permanente de la República de Ejemplia ante la Oficina de las \
                       Naciones Unidas";
        let set = lines(spanish, 453.5);
        assert_eq!(set.len(), 2, "{set:?}");
        assert!(
            set.iter().all(|l| l.contains(' ')),
            "a line of one word: {set:?}"
        );
        let (a, b) = (set[0].chars().count() as f32, set[1].chars().count() as f32);
        assert!((a - b).abs() / a.max(b) < 0.35, "{set:?}");
    }

    #[test]
    fn a_conjunction_starts_a_line_rather_than_ending_one() {
        let english = "Permanent Mission of the Republic of Examplestan to the United Nations \
                       Office and other international organizations in Geneva";
        for set in [lines(english, 453.5), lines(english, 300.0)] {
            for line in &set[..set.len() - 1] {
                assert!(!line.ends_with(" and"), "{set:?}");
            }
        }
        let french = "Mission permanente du Valdoran auprès de l’Office des Nations Unies et des \
                      autres organisations internationales à Genève";
        let set = lines(french, 453.5);
        assert!(!set[0].ends_with(" et"), "{set:?}");
    }
}
