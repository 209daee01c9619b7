//! Header cells and role words as people write them (English, French, Spanish, any case, with
//! or without accents) -> member fields and role keys.

use crate::model::{Attendance, Language, Role};

/// A member field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Role,
    Title,
    Name,
    Function,
    Institution,
    Email,
    Meetings,
    Change,
    Attends,
}

impl Field {
    /// Every field, in the order a `[[member]]` block writes them, with its key.
    pub const ALL: [(&'static str, Field); 9] = [
        ("role", Field::Role),
        ("title", Field::Title),
        ("name", Field::Name),
        ("function", Field::Function),
        ("institution", Field::Institution),
        ("email", Field::Email),
        ("meetings", Field::Meetings),
        ("change", Field::Change),
        ("attends", Field::Attends),
    ];

    /// Whether the field may be given per language (`function = { en = "...", fr = "..." }`).
    pub fn per_language(self) -> bool {
        matches!(self, Field::Title | Field::Function | Field::Institution)
    }

    /// The key in a `[[member]]` block.
    pub fn key(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(_, field)| *field == self)
            .map_or("name", |(key, _)| key)
    }
}

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A member field; the language when the header names one (`Function (fr)`).
    Field(Field, Option<Language>),
    /// Left out on purpose (`"Phone" = "ignore"` in `[members.columns]`).
    Ignore,
}

/// The headers recognised for each field, as written; matched without case, accents,
/// spaces or punctuation.
pub const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "Name",
            "Full name",
            "Nom",
            "Nom complet",
            "Nom et prénom",
            "Prénom et nom",
            "Nombre",
            "Nombre completo",
            "Nombre y apellidos",
            "Apellidos y nombre",
        ],
    ),
    (
        Field::Title,
        &[
            "Title",
            "Courtesy title",
            "Salutation",
            "Titre",
            "Civilité",
            "Título",
            "Tratamiento",
        ],
    ),
    (
        Field::Function,
        &[
            "Function",
            "Position",
            "Rank",
            "Job title",
            "Fonction",
            "Poste",
            "Titre du poste",
            "Cargo",
            "Función",
            "Puesto",
        ],
    ),
    (
        Field::Institution,
        &[
            "Institution",
            "Ministry",
            "Organization",
            "Organisation",
            "Department",
            "Ministère",
            "Administration",
            "Institución",
            "Ministerio",
            "Organismo",
            "Organización",
        ],
    ),
    (
        Field::Email,
        &[
            "E-mail",
            "Email",
            "Mail",
            "E-mail address",
            "Courriel",
            "Adresse électronique",
            "Adresse e-mail",
            "Correo electrónico",
            "Correo",
            "Correo-e",
        ],
    ),
    (
        Field::Role,
        &[
            "Role",
            "Role in the delegation",
            "Delegation role",
            "Category",
            "Rôle",
            "Rôle dans la délégation",
            "Catégorie",
            "Función en la delegación",
            "Papel",
            "Rol",
            "Categoría",
        ],
    ),
    (
        Field::Meetings,
        &[
            "Meetings",
            "Meeting",
            "Meeting ids",
            "Réunions",
            "Réunion",
            "Reuniones",
            "Reunión",
        ],
    ),
    (
        Field::Change,
        &[
            "Change",
            "Modification",
            "Changement",
            "Cambio",
            "Modificación",
        ],
    ),
    (
        Field::Attends,
        &[
            "Attends",
            "Attendance",
            "Participation",
            "Participation modality",
            "Modality",
            "Modalité",
            "Modalité de participation",
            "Mode de participation",
            "Modalidad",
            "Modalidad de participación",
            "Participación",
        ],
    ),
];

/// The role words recognised for each role, in the three languages (and the keys themselves).
pub const ROLE_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Head,
        &[
            "Head",
            "Head of delegation",
            "Head of the delegation",
            "Chef de délégation",
            "Chef de la délégation",
            "Cheffe de délégation",
            "Cheffe de la délégation",
            "Jefe de delegación",
            "Jefa de delegación",
            "Jefe de la delegación",
            "Jefa de la delegación",
        ],
    ),
    (
        Role::Deputy,
        &[
            "Deputy",
            "Deputy head",
            "Deputy head of delegation",
            "Alternate head of delegation",
            "Chef adjoint de délégation",
            "Chef adjoint de la délégation",
            "Cheffe adjointe de délégation",
            "Cheffe adjointe de la délégation",
            "Adjoint",
            "Adjointe",
            "Jefe adjunto de delegación",
            "Jefa adjunta de delegación",
            "Jefe adjunto de la delegación",
            "Jefa adjunta de la delegación",
            "Adjunto",
            "Adjunta",
        ],
    ),
    (
        Role::Representative,
        &[
            "Representative",
            "Représentant",
            "Représentante",
            "Representante",
        ],
    ),
    (
        Role::Alternate,
        &[
            "Alternate",
            "Alternate representative",
            "Représentant suppléant",
            "Représentante suppléante",
            "Suppléant",
            "Suppléante",
            "Representante suplente",
            "Representante alterno",
            "Representante alterna",
            "Suplente",
            "Alterno",
            "Alterna",
        ],
    ),
    (
        Role::Adviser,
        &[
            "Adviser",
            "Conseiller",
            "Conseillère",
            "Asesor",
            "Asesora",
            "Consejero",
            "Consejera",
        ],
    ),
    (Role::Expert, &["Expert", "Experte", "Experto", "Experta"]),
    (Role::Member, &["Member", "Membre", "Miembro"]),
];

/// The words recognised for each way of attending, in the three languages (and the keys).
pub const ATTENDANCE_WORDS: &[(Attendance, &[&str])] = &[
    (
        Attendance::InPerson,
        &[
            "In person",
            "In-person",
            "On site",
            "Physical",
            "En personne",
            "Présentiel",
            "En présentiel",
            "Sur place",
            "Presencial",
            "En persona",
        ],
    ),
    (
        Attendance::Online,
        &[
            "Online",
            "Virtual",
            "Remote",
            "En ligne",
            "À distance",
            "Distanciel",
            "En distanciel",
            "Virtuel",
            "En línea",
            "A distancia",
        ],
    ),
    (
        Attendance::OnlineSpeaker,
        &[
            "Online speaker",
            "Online, speaker",
            "Virtual speaker",
            "Remote speaker",
            "En ligne, orateur",
            "En ligne, oratrice",
            "Orateur en ligne",
            "Oratrice en ligne",
            "En línea, orador",
            "En línea, oradora",
            "Orador en línea",
            "Oradora en línea",
        ],
    ),
];

/// The `attends` key for a word (`en personne` -> `in person`), if it is one.
pub fn attendance_key(word: &str) -> Option<&'static str> {
    let wanted = fold(word);
    ATTENDANCE_WORDS
        .iter()
        .find(|(attendance, words)| {
            fold(attendance.key()) == wanted || words.iter().any(|w| fold(w) == wanted)
        })
        .map(|(attendance, _)| attendance.key())
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
            'æ' => folded.push_str("ae"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => {}
        }
    }
    folded
}

/// `Function (fr)` -> (`Function`, French); a header without a language tag is returned whole.
fn language_tag(header: &str) -> (&str, Option<Language>) {
    let trimmed = header.trim();
    if let Some(open) = trimmed.strip_suffix(')').and_then(|t| t.rfind('(')) {
        let code = trimmed[open + 1..trimmed.len() - 1]
            .trim()
            .to_ascii_lowercase();
        if let Some((_, language)) = Language::ALL.iter().find(|(c, _)| *c == code) {
            return (trimmed[..open].trim_end(), Some(*language));
        }
    }
    (trimmed, None)
}

/// The field a header names, if it is one of [`HEADERS`] (with an optional language tag).
pub fn recognise(header: &str) -> Option<Target> {
    let (base, language) = language_tag(header);
    let wanted = fold(base);
    HEADERS
        .iter()
        .find(|(_, names)| names.iter().any(|name| fold(name) == wanted))
        .map(|(field, _)| Target::Field(*field, language))
}

/// What a `[members.columns]` value says: a field key (`function`), a field in a language
/// (`function.fr`), or `ignore`.
pub fn configured(value: &str) -> Option<Target> {
    let value = value.trim();
    if value == "ignore" {
        return Some(Target::Ignore);
    }
    let (key, language) = match value.split_once('.') {
        Some((key, code)) => (key, Some(Language::ALL.iter().find(|(c, _)| *c == code)?.1)),
        None => (value, None),
    };
    let field = Field::ALL.iter().find(|(k, _)| *k == key)?.1;
    Some(Target::Field(field, language))
}

/// The values a `[members.columns]` entry may have, for messages.
pub fn configured_choices() -> Vec<&'static str> {
    let mut choices: Vec<&str> = Field::ALL.iter().map(|(key, _)| *key).collect();
    choices.push("ignore");
    choices
}

/// Every recognised header, for suggestions.
pub fn known_headers() -> Vec<&'static str> {
    HEADERS
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect()
}

/// The role key for a role word (`Chef de délégation` -> `head`), if it is one.
pub fn role_key(word: &str) -> Option<&'static str> {
    let wanted = fold(word);
    ROLE_WORDS
        .iter()
        .find(|(role, words)| fold(role.key()) == wanted || words.iter().any(|w| fold(w) == wanted))
        .map(|(role, _)| role.key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_three_languages_any_case_and_accents() {
        let cases = [
            ("Name", Field::Name),
            ("NOM", Field::Name),
            ("nombre", Field::Name),
            ("Fonction", Field::Function),
            ("Cargo", Field::Function),
            ("Rôle", Field::Role),
            ("role", Field::Role),
            ("Función en la delegación", Field::Role),
            ("Funcion en la delegacion", Field::Role),
            ("e-mail", Field::Email),
            ("E-Mail", Field::Email),
            ("Courriel", Field::Email),
            ("Correo electrónico", Field::Email),
            ("Réunions", Field::Meetings),
            ("Reuniones", Field::Meetings),
            ("Participation", Field::Attends),
            ("Modalité", Field::Attends),
            ("Modalidad", Field::Attends),
        ];
        for (header, field) in cases {
            assert_eq!(
                recognise(header),
                Some(Target::Field(field, None)),
                "{header}"
            );
        }
        assert_eq!(
            recognise("Function (fr)"),
            Some(Target::Field(Field::Function, Some(Language::French)))
        );
        assert_eq!(recognise("Phone"), None);
    }

    #[test]
    fn every_field_has_headers_and_every_role_has_words() {
        for (_, field) in Field::ALL {
            assert!(HEADERS.iter().any(|(f, _)| *f == field), "{field:?}");
        }
        for (_, role) in Role::ALL {
            assert!(ROLE_WORDS.iter().any(|(r, _)| *r == role), "{role:?}");
        }
    }

    #[test]
    fn role_words_as_people_write_them() {
        let cases = [
            ("Head of delegation", "head"),
            ("Chef de délégation", "head"),
            ("chef de delegation", "head"),
            ("Jefe de delegación", "head"),
            ("Conseiller", "adviser"),
            ("Conseillère", "adviser"),
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
    fn configured_columns() {
        assert_eq!(configured("ignore"), Some(Target::Ignore));
        assert_eq!(
            configured("function.es"),
            Some(Target::Field(Field::Function, Some(Language::Spanish)))
        );
        assert_eq!(configured("nmae"), None);
        assert_eq!(configured("name.de"), None);
    }
}
