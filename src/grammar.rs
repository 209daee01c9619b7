//! French and Spanish agreement of prepositions with the article a name is written with:
//! à + le → au, à + les → aux, de + le → du, de + les → des; a + el → al, de + el → del.
//!
//! Names are given with their article, as they are written in running text
//! (`le Bureau des affaires de désarmement`, `l'Office des Nations Unies`, `Cuba`); the article
//! is read from the name, never guessed.

use crate::model::Language;

/// The article a name starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// French `le`, Spanish `el`.
    Masculine,
    /// French and Spanish `la`.
    Feminine,
    /// French `l'` (before a vowel or mute h).
    Elided,
    /// French `les`, Spanish `los`.
    PluralMasculine,
    /// Spanish `las` (French `les` is [`Article::PluralMasculine`]).
    PluralFeminine,
    /// No article (`Cuba`, `Mexique` in a title).
    None,
}

/// Splits a name into its article and the rest (`le Bureau` → (Masculine, `Bureau`)).
pub fn split(language: Language, name: &str) -> (Article, &str) {
    let words: &[(&str, Article)] = match language {
        Language::French => &[
            ("le ", Article::Masculine),
            ("la ", Article::Feminine),
            ("les ", Article::PluralMasculine),
            ("l'", Article::Elided),
            ("l\u{2019}", Article::Elided),
        ],
        Language::Spanish => &[
            ("el ", Article::Masculine),
            ("la ", Article::Feminine),
            ("los ", Article::PluralMasculine),
            ("las ", Article::PluralFeminine),
        ],
        Language::English => &[("the ", Article::Masculine)],
        // Russian has no articles: its names take cases, given in the file (see `model::cases`).
        Language::Russian => &[],
        // Chinese has neither articles nor cases; the Arabic article is part of its word.
        Language::Chinese | Language::Arabic => &[],
    };
    for (word, article) in words {
        if let Some(prefix) = name.get(..word.len()) {
            let lower = prefix == *word;
            let matches = lower || prefix.to_lowercase() == *word;
            if matches && (lower || !part_of_name(language, *article)) {
                return (*article, &name[word.len()..]);
            }
        }
    }
    (Article::None, name)
}

/// Whether an article written with a capital belongs to the name and is never contracted nor
/// dropped: French `La Haye` (while `Le Caire` and `Les Pays-Bas` still contract: `au Caire`,
/// `aux Pays-Bas`), every Spanish one (`El Salvador`, `El Cairo`, `Las Palmas`).
fn part_of_name(language: Language, article: Article) -> bool {
    match language {
        Language::French => article == Article::Feminine,
        Language::Spanish => true,
        Language::English | Language::Russian | Language::Chinese | Language::Arabic => false,
    }
}

/// Whether the name's article makes it plural (`les Coprésidents`, `las Islas Marshall`).
pub fn plural(language: Language, name: &str) -> bool {
    matches!(
        split(language, name).0,
        Article::PluralMasculine | Article::PluralFeminine
    )
}

/// The name without its article (for address blocks): `le Bureau …` → `Bureau …`.
pub fn bare(language: Language, name: &str) -> String {
    split(language, name).1.to_string()
}

/// `à`/`a` (to) followed by the name, contracted: `au Bureau`, `à la Mission`, `aux États`,
/// `al Comité`. English: `to the` is the template's.
pub fn to(language: Language, name: &str) -> String {
    let (article, rest) = split(language, name);
    match language {
        Language::French => match article {
            Article::Masculine => format!("au {rest}"),
            Article::Feminine => format!("à la {rest}"),
            Article::Elided => format!("à l\u{2019}{rest}"),
            Article::PluralMasculine | Article::PluralFeminine => format!("aux {rest}"),
            Article::None => format!("à {rest}"),
        },
        Language::Spanish => match article {
            Article::Masculine => format!("al {rest}"),
            Article::Feminine => format!("a la {rest}"),
            Article::PluralMasculine => format!("a los {rest}"),
            Article::PluralFeminine => format!("a las {rest}"),
            Article::Elided | Article::None => format!("a {rest}"),
        },
        Language::English => format!("to {name}"),
        // A Russian preposition governs a case: the templates write the dative with `case`.
        Language::Russian => name.to_string(),
        // Chinese puts 向 before the name, Arabic إلى: the templates' word.
        Language::Chinese | Language::Arabic => name.to_string(),
    }
}

/// `de` (of) followed by the name, contracted: `du Mexique`, `de la Mission`, `des Pays-Bas`,
/// `de l'Iraq`, `d'Israël`, `del Perú`.
pub fn of(language: Language, name: &str) -> String {
    let (article, rest) = split(language, name);
    match language {
        Language::French => match article {
            Article::Masculine => format!("du {rest}"),
            Article::Feminine => format!("de la {rest}"),
            Article::Elided => format!("de l\u{2019}{rest}"),
            Article::PluralMasculine | Article::PluralFeminine => format!("des {rest}"),
            Article::None if starts_with_vowel(rest) => format!("d\u{2019}{rest}"),
            Article::None => format!("de {rest}"),
        },
        Language::Spanish => match article {
            Article::Masculine => format!("del {rest}"),
            Article::Feminine => format!("de la {rest}"),
            Article::PluralMasculine => format!("de los {rest}"),
            Article::PluralFeminine => format!("de las {rest}"),
            Article::Elided | Article::None => format!("de {rest}"),
        },
        Language::English => format!("of {name}"),
        // The genitive is given in the file and written with `case`.
        Language::Russian => name.to_string(),
        // Chinese puts 的 after the name: the templates' word.
        Language::Chinese => name.to_string(),
        Language::Arabic => arabic_of(name),
    }
}

/// The Arabic `لِـ` (of, for) joined to the name that follows it, as Arabic writes it: `لجمهورية
/// …`, and before the article `ال` without its alif: `للمملكة …`, `للأمم المتحدة`. A name
/// that does not start with an Arabic letter takes the particle with a tatweel: `لـExampleland`.
fn arabic_of(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("ال") {
        return format!("لل{rest}");
    }
    match name.chars().next() {
        Some(c) if crate::fonts::is_arabic(c) => format!("ل{name}"),
        _ => format!("لـ{name}"),
    }
}

/// The name with a demonstrative in place of its article, as a note says "this Mission" of its
/// sender: `la Misión Permanente` → `esta Misión Permanente`, `le Bureau` → `ce Bureau`. A name
/// without an article is given as written.
pub fn demonstrative(language: Language, name: &str) -> String {
    let (article, rest) = split(language, name);
    let word = match (language, article) {
        (_, Article::None) => return name.to_string(),
        (Language::French, Article::Masculine) => "ce",
        (Language::French, Article::Feminine) => "cette",
        (Language::French, Article::Elided) if feminine_elided(rest) => "cette",
        (Language::French, Article::Elided) => "cet",
        (Language::French, _) => "ces",
        (Language::Spanish, Article::Masculine) => "este",
        (Language::Spanish, Article::Feminine) => "esta",
        (Language::Spanish, Article::PluralMasculine) => "estos",
        (Language::Spanish, _) => "estas",
        (Language::English, _) => "this",
        // No article, so returned above.
        (Language::Russian | Language::Chinese | Language::Arabic, _) => return name.to_string(),
    };
    format!("{word} {rest}")
}

/// Whether an elided French name is feminine, by the nouns a sender is named with
/// (`l'Ambassade`, `l'Organisation`); other names take `cet`.
fn feminine_elided(rest: &str) -> bool {
    [
        "Ambassade",
        "Organisation",
        "Observatrice",
        "Union",
        "Assemblée",
    ]
    .iter()
    .any(|noun| rest.starts_with(noun))
}

/// The name as the subject opening a sentence: its first letter in upper case
/// (`la Mission permanente` → `La Mission permanente`).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn starts_with_vowel(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüÿæœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÆŒ".contains(c))
}

/// Where a value from the delegation file starts in rendered markup, and where it ends: a
/// private-use character, which no delegation file can hold (the font has no glyph for it), so
/// that typography meant for the templates' own text (French spacing before `:` `;` `?` `!`)
/// leaves values as written. `markup::unmark` removes both marks.
pub const VALUE_START: char = '\u{E000}';
/// See [`VALUE_START`].
pub const VALUE_END: char = '\u{E001}';

/// Running text as the language's typographers set it: in French, narrow no-break spaces
/// before high punctuation and inside guillemets ([`french_spacing`]); in every language,
/// typographic apostrophes. The note's paragraphs and its mail's subject and text are all set
/// here, so that they read alike.
pub fn typeset(language: Language, text: &str) -> String {
    match language {
        Language::French => typographic_apostrophes(&french_spacing(text)),
        Language::Spanish
        | Language::English
        | Language::Russian
        | Language::Chinese
        | Language::Arabic => typographic_apostrophes(text),
    }
}

/// A name or a heading (not running text) as the language's typographers set it: typographic
/// apostrophes (`O’Connor`, `Chargé d’affaires`), in every language.
pub fn apostrophes(_language: Language, text: &str) -> String {
    typographic_apostrophes(text)
}

/// French spacing: a narrow no-break space before `:` `;` `?` `!` and inside `« »`, replacing a
/// plain space if one is there. Values from the delegation file, marked in the markup (see
/// [`VALUE_START`]), are left as written; the marks stay.
pub fn french_spacing(text: &str) -> String {
    const NARROW: char = '\u{202F}';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_value = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            VALUE_START => in_value = true,
            VALUE_END => in_value = false,
            _ => {}
        }
        if in_value || c == VALUE_END {
            out.push(c);
            continue;
        }
        let next = chars.get(i + 1).copied();
        let before_punctuation = matches!(c, ':' | ';' | '?' | '!' | '»');
        // `http://` and the like keep their colon.
        let url = c == ':' && next == Some('/');
        if before_punctuation && !url && i > 0 {
            // The character before, looking through the end of a value.
            let mark = out.ends_with(VALUE_END).then(|| out.pop()).flatten();
            let previous = out.pop();
            match previous {
                Some(' ' | '\u{a0}' | NARROW) if mark.is_none() => out.push(NARROW),
                Some(p) => {
                    out.push(p);
                    out.extend(mark);
                    out.push(NARROW);
                }
                None => out.extend(mark),
            }
        }
        out.push(c);
        if c == '«' {
            out.push(NARROW);
        }
    }
    // A space typed after `«` follows the narrow one now: drop it.
    out.replace("«\u{202F} ", "«\u{202F}")
        .replace("«\u{202F}\u{a0}", "«\u{202F}")
}

/// French and Spanish apostrophes: a straight `'` becomes `’` (U+2019), in the templates' text
/// and in values alike, as typesetters set them; a word with `@` (an e-mail address) is left
/// as written.
pub fn typographic_apostrophes(text: &str) -> String {
    if !text.contains('\'') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_inclusive(char::is_whitespace) {
        if word.contains('@') {
            out.push_str(word);
        } else {
            out.push_str(&word.replace('\'', "\u{2019}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{unmark, VALUE_END as END, VALUE_START as START};

    #[test]
    fn arabic_of_joins_the_particle_to_the_name() {
        let of = |name: &str| of(Language::Arabic, name);
        // Before a name without the article, لـ joins the first letter.
        assert_eq!(of("مكتب شؤون نزع السلاح"), "لمكتب شؤون نزع السلاح");
        assert_eq!(of("جمهورية مثالستان"), "لجمهورية مثالستان");
        // Before the article, its alif goes: ل + ال → لل.
        assert_eq!(of("الأمانة العامة"), "للأمانة العامة");
        assert_eq!(of("المملكة المغربية"), "للمملكة المغربية");
        // A name in Latin letters keeps its own; the particle takes a tatweel.
        assert_eq!(of("Exampleland"), "لـExampleland");
        // The other helpers leave an Arabic name as written: Arabic has no separate article.
        assert_eq!(to(Language::Arabic, "الأمانة"), "الأمانة");
        assert_eq!(demonstrative(Language::Arabic, "البعثة"), "البعثة");
        assert!(!plural(Language::Arabic, "البعثات"));
    }

    #[test]
    fn french_spacing_is_for_the_templates_punctuation_not_the_values() {
        let text = format!("Réf. : {START}Lefèvre!Dubœuf?{END} ; {START}A{END}: fin !");
        let spaced = unmark(&french_spacing(&text));
        assert_eq!(
            spaced,
            "Réf.\u{202F}: Lefèvre!Dubœuf?\u{202F}; A\u{202F}: fin\u{202F}!"
        );
    }
    use Language::{French as Fr, Spanish as Es};

    #[test]
    fn french_to_with_every_article() {
        assert_eq!(
            to(Fr, "le Bureau des affaires de désarmement"),
            "au Bureau des affaires de désarmement"
        );
        assert_eq!(
            to(Fr, "la Mission permanente du Mexique"),
            "à la Mission permanente du Mexique"
        );
        assert_eq!(
            to(Fr, "l'Office des Nations Unies à Genève"),
            "à l\u{2019}Office des Nations Unies à Genève"
        );
        assert_eq!(to(Fr, "les États parties"), "aux États parties");
        assert_eq!(to(Fr, "Cuba"), "à Cuba");
        assert_eq!(to(Fr, "Le Bureau"), "au Bureau");
    }

    #[test]
    fn french_of_with_every_article() {
        assert_eq!(of(Fr, "le Mexique"), "du Mexique");
        assert_eq!(of(Fr, "le Mozambique"), "du Mozambique");
        assert_eq!(of(Fr, "la France"), "de la France");
        assert_eq!(of(Fr, "l\u{2019}Iraq"), "de l\u{2019}Iraq");
        assert_eq!(of(Fr, "les Pays-Bas"), "des Pays-Bas");
        assert_eq!(of(Fr, "Cuba"), "de Cuba");
        assert_eq!(of(Fr, "Israël"), "d\u{2019}Israël");
    }

    #[test]
    fn spanish_contractions() {
        assert_eq!(to(Es, "el Comité"), "al Comité");
        assert_eq!(of(Es, "el Perú"), "del Perú");
        assert_eq!(
            to(Es, "la Oficina de Asuntos de Desarme"),
            "a la Oficina de Asuntos de Desarme"
        );
        assert_eq!(of(Es, "los Países Bajos"), "de los Países Bajos");
        assert_eq!(to(Es, "las Naciones Unidas"), "a las Naciones Unidas");
        assert_eq!(of(Es, "Cuba"), "de Cuba");
    }

    #[test]
    fn articles_that_belong_to_the_name() {
        assert_eq!(to(Fr, "La Haye"), "à La Haye");
        assert_eq!(of(Fr, "La Haye"), "de La Haye");
        assert_eq!(to(Fr, "Le Caire"), "au Caire");
        assert_eq!(to(Fr, "Les Pays-Bas"), "aux Pays-Bas");
        assert_eq!(to(Fr, "la Haye"), "à la Haye");
        assert_eq!(of(Es, "El Salvador"), "de El Salvador");
        assert_eq!(to(Es, "El Cairo"), "a El Cairo");
        assert_eq!(of(Es, "el Salvador"), "del Salvador");
        assert_eq!(bare(Es, "El Salvador"), "El Salvador");
        assert_eq!(bare(Fr, "La Haye"), "La Haye");
    }

    #[test]
    fn number_from_the_article() {
        assert!(plural(Fr, "les Coprésidents"));
        assert!(plural(Fr, "Les Pays-Bas"));
        assert!(!plural(Fr, "la Mission permanente"));
        assert!(!plural(Fr, "l'Office"));
        assert!(plural(Es, "las Islas Marshall"));
        assert!(plural(Es, "los Copresidentes"));
        assert!(!plural(Es, "Los Ángeles"));
        assert!(!plural(Es, "el Perú"));
    }

    #[test]
    fn straight_apostrophes_become_typographic_except_in_addresses() {
        assert_eq!(
            typographic_apostrophes("l'Office d'O'Brien o'brien@example.org"),
            "l\u{2019}Office d\u{2019}O\u{2019}Brien o'brien@example.org"
        );
    }

    #[test]
    fn bare_names_and_capitals() {
        assert_eq!(
            bare(Fr, "le Bureau des affaires de désarmement"),
            "Bureau des affaires de désarmement"
        );
        assert_eq!(bare(Es, "la Oficina"), "Oficina");
        assert_eq!(bare(Fr, "Cuba"), "Cuba");
        assert_eq!(
            capitalized("la Mission permanente"),
            "La Mission permanente"
        );
        assert_eq!(capitalized("élan"), "Élan");
    }

    #[test]
    fn french_spacing_uses_narrow_no_break_spaces() {
        assert_eq!(french_spacing("comme suit :"), "comme suit\u{202F}:");
        assert_eq!(french_spacing("comme suit:"), "comme suit\u{202F}:");
        assert_eq!(french_spacing("« Bureau »"), "«\u{202F}Bureau\u{202F}»");
        assert_eq!(french_spacing("Quoi ? Oui !"), "Quoi\u{202F}? Oui\u{202F}!");
        assert_eq!(french_spacing("voir http://x.org"), "voir http://x.org");
    }

    #[test]
    fn demonstratives_name_the_sender() {
        assert_eq!(
            demonstrative(Es, "la Misión Permanente de Ejemplia"),
            "esta Misión Permanente de Ejemplia"
        );
        assert_eq!(demonstrative(Es, "el Consulado"), "este Consulado");
        assert_eq!(
            demonstrative(Es, "las Misiones Permanentes"),
            "estas Misiones Permanentes"
        );
        assert_eq!(demonstrative(Es, "los Servicios"), "estos Servicios");
        assert_eq!(demonstrative(Fr, "le Bureau"), "ce Bureau");
        assert_eq!(demonstrative(Fr, "la Mission"), "cette Mission");
        assert_eq!(demonstrative(Fr, "l'Ambassade"), "cette Ambassade");
        assert_eq!(demonstrative(Fr, "l'Office"), "cet Office");
        assert_eq!(demonstrative(Fr, "les Missions"), "ces Missions");
        assert_eq!(demonstrative(Es, "Misión X"), "Misión X");
    }

    #[test]
    fn english_apostrophes_are_typographic_too() {
        let english = Language::English;
        assert_eq!(typeset(english, "O'Connor"), "O\u{2019}Connor");
        assert_eq!(
            apostrophes(english, "Chargé d'affaires"),
            "Chargé d\u{2019}affaires"
        );
        assert_eq!(typeset(english, "o'c@example.org"), "o'c@example.org");
    }
}
