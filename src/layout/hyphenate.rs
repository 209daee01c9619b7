//! Where words may be hyphenated, in the note's language: Knuth-Liang patterns (the
//! `hyphenation` crate's embedded en-GB, French and Spanish dictionaries), at least two letters
//! before a break and three after, never in capitalised words (names), words with digits
//! (reference numbers), short words, or the last word of a paragraph.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Language as Patterns, Load, Standard};

/// Letters kept before and after a hyphen.
const BEFORE: usize = 2;
const AFTER: usize = 3;
/// Words shorter than this are never hyphenated.
const SHORTEST: usize = 6;

/// Words whose breaks are remembered before the memory is given back (a few hundred kilobytes).
const REMEMBERED_WORDS: usize = 4096;

/// The hyphenation dictionaries, loaded on first use and shared by the notes of a run, and the
/// breaks of the words already looked up (the same words come back in every note).
#[derive(Default)]
pub struct Hyphenation {
    english: OnceLock<Option<Standard>>,
    french: OnceLock<Option<Standard>>,
    spanish: OnceLock<Option<Standard>>,
    breaks: Mutex<HashMap<Patterns, Words>>,
}

/// Each word looked up and the byte offsets in it where the patterns allow a break.
type Words = HashMap<Box<str>, Box<[usize]>>;

impl Hyphenation {
    fn dictionary(&self, tag: &str) -> Option<(Patterns, &Standard)> {
        let (cell, patterns) = match tag.split('-').next().unwrap_or_default() {
            "en" => (&self.english, Patterns::EnglishGB),
            "fr" => (&self.french, Patterns::French),
            "es" => (&self.spanish, Patterns::Spanish),
            _ => return None,
        };
        let dictionary = cell
            .get_or_init(|| Standard::from_embedded(patterns).ok())
            .as_ref()?;
        Some((patterns, dictionary))
    }

    /// Byte offsets in `text` where a word may be broken with a hyphen, for a language tag
    /// (`en-GB`).
    pub fn points(&self, text: &str, tag: &str) -> Vec<usize> {
        let Some((patterns, dictionary)) = self.dictionary(tag) else {
            return Vec::new();
        };
        let words = words(text);
        let last = words.len().saturating_sub(1);
        let mut points = Vec::new();
        // One lock per paragraph, not per word: the other workers of a batch rarely wait.
        let mut remembered = self.breaks.lock().unwrap_or_else(|p| p.into_inner());
        let remembered = remembered.entry(patterns).or_default();
        for (index, (start, word)) in words.into_iter().enumerate() {
            // The last word of each paragraph or forced line stays whole.
            let ends_line = text[start + word.len()..]
                .chars()
                .take_while(|c| !c.is_alphabetic())
                .any(|c| c == '\n');
            if index == last || ends_line || !hyphenatable(word) {
                continue;
            }
            if remembered.len() >= REMEMBERED_WORDS {
                remembered.clear();
            }
            if !remembered.contains_key(word) {
                remembered.insert(word.into(), dictionary.hyphenate(word).breaks.into());
            }
            let breaks = &remembered[word];
            let length = word.chars().count();
            for &offset in breaks.iter() {
                let before = word[..offset].chars().count();
                if before >= BEFORE && length - before >= AFTER {
                    points.push(start + offset);
                }
            }
        }
        points
    }
}

fn hyphenatable(word: &str) -> bool {
    word.chars().count() >= SHORTEST
        && word.chars().all(char::is_alphabetic)
        && !word.chars().next().is_some_and(char::is_uppercase)
}

/// Runs of letters with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(index),
            (false, Some(s)) => {
                words.push((s, &text[s..index]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated(text: &str, tag: &str) -> String {
        let hyphenation = Hyphenation::default();
        let points = hyphenation.points(text, tag);
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn breaks_words_in_each_language_but_not_names_or_last_words() {
        let en = hyphenated("the composition of the delegation", "en-GB");
        assert!(en.contains("com-pos-i-tion"), "British patterns: {en}");
        assert!(en.ends_with("delegation"), "last word whole: {en}");
        let fr = hyphenated("communiquer la composition de sa délégation", "fr-FR");
        assert!(fr.contains("com-mu-ni-quer"), "{fr}");
        let es = hyphenated("comunicarle la composición de su delegación", "es-ES");
        assert!(
            es.contains("co-mu-ni-carle") && es.contains("com-po-si-ción"),
            "{es}"
        );
        let names = hyphenated(
            "Examplestan Müller-Łódź GVA/2017/0815 representative",
            "en-GB",
        );
        assert!(
            names.starts_with("Examplestan Müller-Łódź GVA/2017/0815"),
            "{names}"
        );
    }

    #[test]
    fn keeps_two_letters_before_and_three_after() {
        let hyphenation = Hyphenation::default();
        let text = "internationalisation extraordinary";
        for point in hyphenation.points(text, "en-GB") {
            let word_start = text[..point].rfind(' ').map_or(0, |i| i + 1);
            let word_end = text[point..].find(' ').map_or(text.len(), |i| point + i);
            assert!(text[word_start..point].chars().count() >= 2);
            assert!(text[point..word_end].chars().count() >= 3);
        }
    }
}
