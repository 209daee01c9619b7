//! Right-to-left paragraphs (Arabic), by the Unicode bidirectional algorithm (UAX #9, the
//! `unicode-bidi` crate): each character's embedding level in the paragraph, which splits the
//! text into runs shaped in their own direction, and the visual order of a line's glyphs once
//! the line is broken. Latin names, references and digits inside Arabic text get an even level,
//! so they keep their own order; no control character is added to the text.

use unicode_bidi::{BidiInfo, Level};

/// The embedding level of each byte of `text` in a paragraph of the given direction: 0 for
/// every byte of a left-to-right paragraph (which is all a note in a left-to-right language
/// holds), else as the algorithm resolves them (odd for right to left).
pub fn levels(text: &str, right_to_left: bool) -> Vec<u8> {
    if !right_to_left {
        return vec![0; text.len()];
    }
    let numbers = numbers_whole(text);
    let info = BidiInfo::new(&numbers, Some(Level::rtl()));
    info.levels.iter().map(|level| level.number()).collect()
}

/// The text as the algorithm is to see it: a telephone number written in groups (`+41 22 917
/// 12 34`) is one number, read left to right, where the algorithm alone would show its groups
/// from right to left in Arabic text, since spaces between numbers take the paragraph's
/// direction. Spaces (and no-break spaces) between digits, and a plus sign before one, count
/// as digits; every character keeps its length in bytes, so the levels fit the real text.
fn numbers_whole(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0 && digit(i - 1) && digit(i + 1);
            match c {
                ' ' if between => "0".to_string(),
                '\u{a0}' if between => "00".to_string(),
                '+' if digit(i + 1) => "0".to_string(),
                _ => c.to_string(),
            }
        })
        .collect()
}

/// The visual order, left to right, of items at these levels given in logical order: rule L2,
/// each run at or above a level reversed, from the highest level down to the lowest odd one.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    if levels.iter().all(|&level| level == 0) {
        return (0..levels.len()).collect();
    }
    let levels: Vec<Level> = levels
        .iter()
        .map(|&level| Level::new(level).unwrap_or_else(|_| Level::rtl()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

/// Whether a level is right to left.
pub fn is_right_to_left(level: u8) -> bool {
    level % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_digits_inside_arabic_keep_their_order() {
        let text = "وفد Anna Müller إلى 2017";
        let levels = levels(text, true);
        let level_of = |word: &str| levels[text.find(word).unwrap()];
        assert_eq!(level_of("وفد"), 1);
        assert_eq!(level_of("Anna"), 2);
        assert_eq!(level_of("Müller"), 2);
        assert_eq!(level_of("2017"), 2);
        // The space between the two Latin words is of the Latin run.
        assert_eq!(levels[text.find(" Müller").unwrap()], 2);
        // Words in logical order 0 1 2 3 4 (Arabic, Latin, Latin, Arabic, digits) are shown,
        // left to right: digits, Arabic 3, Latin 1 and 2 in their order, Arabic 0.
        let words = [1, 2, 2, 1, 2];
        assert_eq!(visual_order(&words), [4, 3, 1, 2, 0]);
    }

    #[test]
    fn a_telephone_number_in_arabic_reads_left_to_right() {
        let text = "هاتف: +41\u{a0}22 917 12 34";
        let levels = levels(text, true);
        let from = text.find('+').unwrap();
        // One number: every byte of it at the same even level, so its groups keep their order.
        assert!(levels[from..].iter().all(|&l| l == 2), "{levels:?}");
        assert_eq!(levels[0], 1);
    }

    #[test]
    fn a_left_to_right_paragraph_is_all_level_zero() {
        assert!(levels("Mission", false).iter().all(|&l| l == 0));
        assert_eq!(visual_order(&[0, 0, 0]), [0, 1, 2]);
    }
}
