//! Where words may be hyphenated, in the note's language: Knuth-Liang patterns (the
//! `hyphenation` crate's en-GB, French, Spanish and Russian dictionaries, embedded and read when a note
//! in the language is first laid out), at least two letters
//! before a break and three after, never in capitalised words (names), words with digits
//! (reference numbers), short words, or the last word of a paragraph. A word after an elision
//! (`l’application`) keeps three letters before a break (`l’app-`, never `l’ap-`), and the
//! formulae (the opening and the closing) are never hyphenated: they are read as set phrases.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// Letters kept before and after a hyphen.
const BEFORE: usize = 2;
const AFTER: usize = 3;
/// Letters kept before a hyphen in a word that follows an elided article or pronoun
/// (`l’`, `d’`, `qu’`): French typographers never leave `l’ap-` at the end of a line.
const AFTER_ELISION: usize = 3;
/// Words shorter than this are never hyphenated.
const SHORTEST: usize = 6;

/// A language's dictionary: the `hyphenation` crate's own, copied from its version 0.8.4 into
/// `dictionaries/` because the crate can embed only all of its 82 (3 MB) or American English.
struct Dictionary {
    /// The language subtag of the note's language tag (`en` of `en-GB`).
    code: &'static str,
    language: Language,
    bytes: &'static [u8],
    /// Read on first use, so a run reads only the languages it sets.
    loaded: OnceLock<Option<Standard>>,
}

static DICTIONARIES: [Dictionary; 4] = [
    Dictionary {
        code: "en",
        language: Language::EnglishGB,
        bytes: include_bytes!("dictionaries/en-gb.standard.bincode"),
        loaded: OnceLock::new(),
    },
    Dictionary {
        code: "fr",
        language: Language::French,
        bytes: include_bytes!("dictionaries/fr.standard.bincode"),
        loaded: OnceLock::new(),
    },
    Dictionary {
        code: "es",
        language: Language::Spanish,
        bytes: include_bytes!("dictionaries/es.standard.bincode"),
        loaded: OnceLock::new(),
    },
    Dictionary {
        code: "ru",
        language: Language::Russian,
        bytes: include_bytes!("dictionaries/ru.standard.bincode"),
        loaded: OnceLock::new(),
    },
];

/// The dictionary for a language tag (`en-GB`), if it is one of ours.
fn dictionary(tag: &str) -> Option<&'static Standard> {
    let code = tag.split('-').next().unwrap_or_default();
    let dictionary = DICTIONARIES.iter().find(|d| d.code == code)?;
    dictionary
        .loaded
        .get_or_init(|| Standard::from_reader(dictionary.language, &mut &dictionary.bytes[..]).ok())
        .as_ref()
}

/// Byte offsets in `text` where a word may be broken with a hyphen, for a language tag
/// (`en-GB`); none in a formula (`formula`: the block is the note's opening or closing, see
/// [`crate::document::BlockKind::is_formula`]).
pub fn points(text: &str, tag: &str, formula: bool) -> Vec<usize> {
    let Some(dictionary) = dictionary(tag).filter(|_| !formula) else {
        return Vec::new();
    };
    let words = words(text);
    let last = words.len().saturating_sub(1);
    let mut points = Vec::new();
    for (index, (start, word)) in words.into_iter().enumerate() {
        // The last word of each paragraph or forced line stays whole.
        let ends_line = text[start + word.len()..]
            .chars()
            .take_while(|c| !c.is_alphabetic())
            .any(|c| c == '\n');
        if index == last || ends_line || !hyphenatable(word) {
            continue;
        }
        let length = word.chars().count();
        let before_least = if elided(text, start) {
            AFTER_ELISION
        } else {
            BEFORE
        };
        for offset in dictionary.hyphenate(word).breaks {
            // The dictionary counts in the word as it lower-cases it, which is the word itself
            // (see `hyphenatable`); a point off a character boundary is never used.
            let Some(head) = word.get(..offset) else {
                continue;
            };
            let before = head.chars().count();
            if before >= before_least && length - before >= AFTER {
                points.push(start + offset);
            }
        }
    }
    points
}

/// Long enough, all letters, and all lower case: a capital anywhere makes it a name or an
/// abbreviation (and the dictionary's offsets would be in its lower-cased form, whose letters
/// may be longer or shorter in bytes, as `Ɽ` and `ɽ` are).
fn hyphenatable(word: &str) -> bool {
    word.chars().count() >= SHORTEST && word.chars().all(|c| c.is_alphabetic() && !c.is_uppercase())
}

/// Whether the word at `start` follows an elision: an apostrophe (typographic or straight)
/// right after a letter, as in `l’application` or `qu'il`.
fn elided(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    matches!(before.next(), Some('’' | '\'' | 'ʼ'))
        && before.next().is_some_and(char::is_alphabetic)
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

    #[test]
    fn words_with_a_capital_inside_are_left_whole() {
        for tag in ["en-GB", "fr-FR", "es-ES"] {
            let text = "desarmamientoⱤinternacional desarmamientoɽɽɽ internacionaⱤlizaciones fin";
            let capitals: Vec<std::ops::Range<usize>> = words(text)
                .into_iter()
                .filter(|(_, word)| word.contains('Ɽ'))
                .map(|(start, word)| start..start + word.len())
                .collect();
            for point in points(text, tag, false) {
                assert!(text.is_char_boundary(point), "{tag}: {point}");
                assert!(
                    !capitals.iter().any(|word| word.contains(&point)),
                    "{tag}: {point}"
                );
            }
        }
    }

    /// The text with a `-` at each point where a word may be broken.
    fn hyphenated(text: &str, tag: &str) -> String {
        let points = points(text, tag, false);
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// Language tag, paragraph text, and the same text with the points where it may break.
    const CASES: &[(&str, &str, &str)] = &[
        // British patterns; the last word of the paragraph stays whole.
        (
            "en-GB",
            "the composition of the delegation",
            "the com-pos-i-tion of the delegation",
        ),
        // The language subtag is enough.
        (
            "en",
            "the composition of the delegation",
            "the com-pos-i-tion of the delegation",
        ),
        (
            "fr-FR",
            "communiquer la composition de sa délégation",
            "com-mu-ni-quer la com-po-si-tion de sa délégation",
        ),
        (
            "es-ES",
            "comunicarle la composición de su delegación",
            "co-mu-ni-carle la com-po-si-ción de su delegación",
        ),
        // Russian patterns (hyph-ru): never a break that leaves fewer than three letters.
        (
            "ru-RU",
            "представительство свидетельствует свое уважение и имеет честь сообщить состав делегации",
            "пред-ста-ви-тель-ство сви-де-тель-ствует свое ува-же-ние и имеет честь со-об-щить со-став делегации",
        ),
        // Never a capitalised word (a name), a word with digits, or a short word.
        (
            "en-GB",
            "Examplestan Müller-Łódź GVA/2017/0815 little representative here",
            "Examplestan Müller-Łódź GVA/2017/0815 little rep-res-ent-at-ive here",
        ),
        // The last word before a forced line break stays whole as well.
        (
            "en-GB",
            "representative\nrepresentative delegation",
            "representative\nrep-res-ent-at-ive delegation",
        ),
        // Three letters after a hyphen: Spanish patterns also allow `-te` and `-da`.
        (
            "es-ES",
            "el representante de la embajada suplente",
            "el re-pre-sen-tante de la em-ba-jada suplente",
        ),
        // A language without a dictionary is not hyphenated.
        (
            "de-DE",
            "Bevollmächtigter Delegationsleiter",
            "Bevollmächtigter Delegationsleiter",
        ),
        ("en-GB", "", ""),
        // After an elision, three letters before a break: `l’appli-`, never `l’ap-` (the
        // patterns give `ap-pli-ca-tion`).
        (
            "fr-FR",
            "de l’application et d’appliquer l'application fin",
            "de l’appli-ca-tion et d’appli-quer l'appli-ca-tion fin",
        ),
    ];

    #[test]
    fn formulae_are_never_hyphenated() {
        for tag in ["en-GB", "fr-FR", "es-ES"] {
            let text = "has the honour to communicate the composition of its delegation";
            assert!(!points(text, tag, false).is_empty() || tag != "en-GB");
            assert_eq!(points(text, tag, true), Vec::<usize>::new(), "{tag}");
        }
    }

    #[test]
    fn breaks_words_where_the_patterns_and_rules_allow() {
        for &(tag, text, expected) in CASES {
            assert_eq!(hyphenated(text, tag), expected, "{tag}: {text}");
        }
    }
}
