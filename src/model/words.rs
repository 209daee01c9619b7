//! Role and attendance words as people write them, by language -> role and `attends` keys,
//! and the hints that name a key with its word in a note's language.

use super::{Attendance, Language, Role};

/// Words for one role or way of attending, by language; the first of a language is the one
/// its notes print (masculine singular), which hints show beside the key.
pub type Words = &'static [(Language, &'static [&'static str])];

use Language::{Arabic as AR, English as EN, French as FR, Russian as RU, Spanish as ES};

/// The role words recognised for each role, in each language of notes (besides the keys).
pub const ROLE_WORDS: &[(Role, Words)] = &[
    (
        Role::Head,
        &[
            (
                EN,
                &["Head of delegation", "Head", "Head of the delegation"],
            ),
            (
                FR,
                &[
                    "Chef de délégation",
                    "Chef de la délégation",
                    "Cheffe de délégation",
                    "Cheffe de la délégation",
                ],
            ),
            (
                ES,
                &[
                    "Jefe de delegación",
                    "Jefa de delegación",
                    "Jefe de la delegación",
                    "Jefa de la delegación",
                ],
            ),
            (RU, &["Глава делегации", "Глава"]),
            (AR, &["رئيس الوفد", "رئيسة الوفد", "رئيس", "رئيسة"]),
        ],
    ),
    (
        Role::Deputy,
        &[
            (
                EN,
                &[
                    "Deputy head of delegation",
                    "Deputy",
                    "Deputy head",
                    "Alternate head of delegation",
                ],
            ),
            (
                FR,
                &[
                    "Chef adjoint de délégation",
                    "Chef adjoint de la délégation",
                    "Cheffe adjointe de délégation",
                    "Cheffe adjointe de la délégation",
                    "Adjoint",
                    "Adjointe",
                ],
            ),
            (
                ES,
                &[
                    "Jefe adjunto de delegación",
                    "Jefa adjunta de delegación",
                    "Jefe adjunto de la delegación",
                    "Jefa adjunta de la delegación",
                    "Adjunto",
                    "Adjunta",
                ],
            ),
            (RU, &["Заместитель главы делегации", "Заместитель главы"]),
            (AR, &["نائب رئيس الوفد", "نائبة رئيس الوفد"]),
        ],
    ),
    (
        Role::Representative,
        &[
            (EN, &["Representative"]),
            (FR, &["Représentant", "Représentante"]),
            (ES, &["Representante"]),
            (RU, &["Представитель"]),
            (AR, &["الممثل", "الممثلة", "ممثل", "ممثلة"]),
        ],
    ),
    (
        Role::Alternate,
        &[
            (EN, &["Alternate representative", "Alternate"]),
            (
                FR,
                &[
                    "Représentant suppléant",
                    "Représentante suppléante",
                    "Suppléant",
                    "Suppléante",
                ],
            ),
            (
                ES,
                &[
                    "Representante suplente",
                    "Representante alterno",
                    "Representante alterna",
                    "Suplente",
                    "Alterno",
                    "Alterna",
                ],
            ),
            (RU, &["Заместитель представителя"]),
            (
                AR,
                &[
                    "الممثل المناوب",
                    "الممثلة المناوبة",
                    "ممثل مناوب",
                    "ممثلة مناوبة",
                ],
            ),
        ],
    ),
    (
        Role::Adviser,
        &[
            (EN, &["Adviser"]),
            (FR, &["Conseiller", "Conseillère"]),
            (ES, &["Asesor", "Asesora", "Consejero", "Consejera"]),
            (RU, &["Советник"]),
            (AR, &["المستشار", "المستشارة", "مستشار", "مستشارة"]),
        ],
    ),
    (
        Role::Expert,
        &[
            (EN, &["Expert"]),
            (FR, &["Expert", "Experte"]),
            (ES, &["Experto", "Experta"]),
            (RU, &["Эксперт"]),
            (AR, &["الخبير", "الخبيرة", "خبير", "خبيرة"]),
        ],
    ),
    (
        Role::Member,
        &[
            (EN, &["Member"]),
            (FR, &["Membre"]),
            (ES, &["Miembro"]),
            (RU, &["Член делегации", "Член"]),
            (AR, &["عضو الوفد", "عضوة الوفد", "عضو", "عضوة"]),
        ],
    ),
];

/// The words recognised for each way of attending, in each language of notes (besides the keys);
/// the first of a language is written as the notes print it, in lower case.
pub const ATTENDANCE_WORDS: &[(Attendance, Words)] = &[
    (
        Attendance::InPerson,
        &[
            (EN, &["In person", "In-person", "On site", "Physical"]),
            (
                FR,
                &["en personne", "Présentiel", "En présentiel", "Sur place"],
            ),
            (ES, &["presencial", "En persona"]),
            (RU, &["очно", "Лично"]),
            (AR, &["حضورياً", "حضوري"]),
        ],
    ),
    (
        Attendance::Online,
        &[
            (EN, &["Online", "Virtual", "Remote"]),
            (
                FR,
                &[
                    "en ligne",
                    "À distance",
                    "Distanciel",
                    "En distanciel",
                    "Virtuel",
                ],
            ),
            (ES, &["en línea", "A distancia"]),
            (RU, &["онлайн", "Дистанционно"]),
            (AR, &["عن بُعد", "عبر الإنترنت", "افتراضياً"]),
        ],
    ),
    (
        Attendance::OnlineSpeaker,
        &[
            (
                EN,
                &[
                    "Online speaker",
                    "Online, speaker",
                    "Virtual speaker",
                    "Remote speaker",
                ],
            ),
            (
                FR,
                &[
                    "en ligne, orateur",
                    "En ligne, oratrice",
                    "Orateur en ligne",
                    "Oratrice en ligne",
                ],
            ),
            (
                ES,
                &[
                    "en línea, orador",
                    "En línea, oradora",
                    "Orador en línea",
                    "Oradora en línea",
                ],
            ),
            (RU, &["онлайн, с выступлением"]),
            (AR, &["عن بُعد، متحدث", "عن بُعد، متحدثة"]),
        ],
    ),
];

/// A list of words with each one's key: (key, language, word), the keys themselves first.
fn keyed<T: Copy>(
    list: &'static [(T, Words)],
    key: fn(T) -> &'static str,
) -> Vec<(&'static str, Option<Language>, &'static str)> {
    let keys = list.iter().map(|(item, _)| (key(*item), None, key(*item)));
    let words = list.iter().flat_map(move |(item, words)| {
        words.iter().flat_map(move |(language, words)| {
            words
                .iter()
                .map(move |word| (key(*item), Some(*language), *word))
        })
    });
    keys.chain(words).collect()
}

/// The key of a word written as one of the list's, in any case and with or without accents.
fn exact(
    list: &[(&'static str, Option<Language>, &'static str)],
    word: &str,
) -> Option<&'static str> {
    let wanted = fold(word);
    list.iter()
        .find(|(_, _, candidate)| fold(candidate) == wanted)
        .map(|(key, _, _)| *key)
}

/// What an unknown role or way of attending may have meant (`Conseiler` -> `adviser`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meant {
    /// The key a file gives.
    pub key: &'static str,
    /// The word of a language it was found as, when that is not the key itself
    /// (`Conseiller`, French).
    pub word: Option<(Language, &'static str)>,
    /// Whether it is that word exactly (but for case and accents), not a misspelling of it.
    pub exact: bool,
}

/// The closest key or word of a list; spelling is compared without case or accents.
fn closest(list: &[(&'static str, Option<Language>, &'static str)], word: &str) -> Option<Meant> {
    let folded: Vec<String> = list.iter().map(|(_, _, w)| fold(w)).collect();
    let choices: Vec<&str> = folded.iter().map(String::as_str).collect();
    let wanted = fold(word);
    let close = crate::diagnostic::did_you_mean(&wanted, &choices)?;
    let at = choices.iter().position(|c| *c == close)?;
    let (key, language, found) = list[at];
    Some(Meant {
        key,
        word: language
            .filter(|_| fold(key) != close)
            .map(|language| (language, found)),
        exact: close == wanted,
    })
}

/// The keys, each with the word the notes of `languages` print for it (English ones print
/// none), as a hint lists choices: `` `head` (Chef de délégation), ... or `member` (Membre) ``.
fn named(
    list: &[(&'static str, Option<Language>, &'static str)],
    languages: &[Language],
) -> String {
    let word = |key: &str, language: Language| {
        list.iter()
            .find(|(k, l, _)| *k == key && *l == Some(language))
            .map(|(_, _, word)| *word)
    };
    let named: Vec<String> = list
        .iter()
        .filter(|(_, language, _)| language.is_none())
        .map(|(key, _, _)| {
            let words: Vec<&str> = languages
                .iter()
                .filter(|language| **language != Language::English)
                .filter_map(|language| word(key, *language))
                .collect();
            match words.is_empty() {
                true => format!("`{key}`"),
                false => format!("`{key}` ({})", words.join(" / ")),
            }
        })
        .collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => named.concat(),
    }
}

/// The role key an unknown role may have meant, with the word it was found as (see `closest`).
pub fn closest_role(word: &str) -> Option<Meant> {
    closest(&keyed(ROLE_WORDS, Role::key), word)
}

/// The way of attending an unknown `attends` value may have meant (see `closest`).
pub fn closest_attendance(word: &str) -> Option<Meant> {
    closest(&keyed(ATTENDANCE_WORDS, Attendance::key), word)
}

/// The role keys, each with its word in the notes' languages: `` `adviser` (Conseiller) ``.
pub fn role_names(languages: &[Language]) -> String {
    named(&keyed(ROLE_WORDS, Role::key), languages)
}

/// The `attends` keys, each with its words in the notes' languages.
pub fn attendance_names(languages: &[Language]) -> String {
    named(&keyed(ATTENDANCE_WORDS, Attendance::key), languages)
}

/// The role key for a role word (`Chef de délégation` -> `head`), if it is one.
pub fn role_key(word: &str) -> Option<&'static str> {
    exact(&keyed(ROLE_WORDS, Role::key), word)
}

/// The `attends` key for a word (`en personne` -> `in person`), if it is one.
pub fn attendance_key(word: &str) -> Option<&'static str> {
    exact(&keyed(ATTENDANCE_WORDS, Attendance::key), word)
}

/// Folds a header or a word for matching: lowercase, without accents, spaces or punctuation.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => folded.push('a'),
            'ç' => folded.push('c'),
            'è' | 'é' | 'ê' | 'ë' => folded.push('e'),
            'ì' | 'í' | 'î' | 'ï' => folded.push('i'),
            'ñ' => folded.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => folded.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => folded.push('u'),
            'ý' | 'ÿ' => folded.push('y'),
            'œ' => folded.push_str("oe"),
            'ё' => folded.push('е'),
            // Arabic: an alif written with or without its hamza or madda.
            'أ' | 'إ' | 'آ' => folded.push('ا'),
            // Arabic vowel marks and the tatweel, which people write or leave out.
            '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{640}' => {}
            'æ' => folded.push_str("ae"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => {}
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_as_people_write_them() {
        let cases = [
            ("Head of delegation", "head"),
            ("Chef de délégation", "head"),
            ("chef de delegation", "head"),
            ("Jefe de delegación", "head"),
            ("Conseiller", "adviser"),
            ("Conseillère", "adviser"),
            ("Глава делегации", "head"),
            ("советник", "adviser"),
            ("член делегации", "member"),
            ("رئيسة الوفد", "head"),
            ("المستشار", "adviser"),
            ("ممثلة مناوبة", "alternate"),
            ("Asesor", "adviser"),
            ("ADVISER", "adviser"),
            ("Représentant suppléant", "alternate"),
            ("Miembro", "member"),
        ];
        for (word, key) in cases {
            assert_eq!(role_key(word), Some(key), "{word}");
        }
        assert_eq!(role_key("Advisor"), None);
    }

    #[test]
    fn attendance_words_as_people_write_them() {
        let cases = [
            ("in person", "in person"),
            ("En personne", "in person"),
            ("présentiel", "in person"),
            ("Presencial", "in person"),
            ("ONLINE", "online"),
            ("en ligne", "online"),
            ("En línea", "online"),
            ("en linea", "online"),
            ("virtual", "online"),
            ("Online speaker", "online speaker"),
            ("en ligne, oratrice", "online speaker"),
            ("En línea, orador", "online speaker"),
            ("حضوريا", "in person"),
            ("عن بعد", "online"),
            ("عن بعد، متحدثة", "online speaker"),
        ];
        for (word, key) in cases {
            assert_eq!(attendance_key(word), Some(key), "{word}");
        }
        assert_eq!(attendance_key("maybe"), None);
        for (_, attendance) in Attendance::ALL {
            assert!(ATTENDANCE_WORDS.iter().any(|(a, _)| *a == attendance));
        }
    }

    #[test]
    fn misspelt_and_foreign_words_are_suggested_with_their_key() {
        let conseiler = closest_role("Conseiler").unwrap();
        assert_eq!(conseiler.key, "adviser");
        assert_eq!(conseiler.word, Some((Language::French, "Conseiller")));
        assert!(!conseiler.exact);
        assert!(closest_role("conseiller").unwrap().exact);
        let advisor = closest_role("advisor").unwrap();
        assert_eq!((advisor.key, advisor.word), ("adviser", None));
        assert_eq!(closest_role("chauffeur"), None);
        assert_eq!(closest_attendance("en lign").unwrap().key, "online");
    }

    #[test]
    fn choices_name_the_words_of_the_notes_languages() {
        assert_eq!(
            attendance_names(&[Language::French]),
            "`in person` (en personne), `online` (en ligne) or `online speaker` (en ligne, orateur)"
        );
        assert_eq!(
            attendance_names(&[Language::English]),
            "`in person`, `online` or `online speaker`"
        );
        let roles = role_names(&[Language::English, Language::French, Language::Spanish]);
        assert!(roles.contains("`adviser` (Conseiller / Asesor)"), "{roles}");
        assert!(roles.starts_with("`head` (Chef de délégation / Jefe de delegación), "));
    }

    /// The word a hint shows for a key is the one the built-in templates print (masculine,
    /// singular), so the two lists cannot drift apart.
    #[test]
    fn the_first_word_of_a_language_is_what_its_notes_print() {
        let templates = [
            (
                Language::French,
                "role-heading",
                include_str!("../../templates/fr/role-heading.hbs"),
            ),
            (
                Language::Spanish,
                "role-heading",
                include_str!("../../templates/es/role-heading.hbs"),
            ),
            (
                Language::French,
                "attendance",
                include_str!("../../templates/fr/attendance.hbs"),
            ),
            (
                Language::Spanish,
                "attendance",
                include_str!("../../templates/es/attendance.hbs"),
            ),
        ];
        for (language, part, text) in templates {
            let mut registry = handlebars::Handlebars::new();
            registry.register_template_string(part, text).unwrap();
            let (field, list): (&str, Vec<(&str, Words)>) = match part {
                "role-heading" => (
                    "role",
                    ROLE_WORDS.iter().map(|(r, w)| (r.key(), *w)).collect(),
                ),
                _ => (
                    "attends",
                    ATTENDANCE_WORDS
                        .iter()
                        .map(|(a, w)| (a.key(), *w))
                        .collect(),
                ),
            };
            for (key, words) in list {
                let first = words.iter().find(|(l, _)| *l == language).unwrap().1[0];
                let data = serde_json::json!({ field: key, "feminine": false, "plural": false });
                // The templates join the words with no-break spaces, which hints write plainly.
                let printed = registry.render(part, &data).unwrap();
                let printed = printed.trim().replace("&nbsp;", " ");
                assert_eq!(printed, first, "{} {part} {key}", language.code());
            }
        }
    }
}
