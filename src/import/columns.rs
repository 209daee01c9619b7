//! Header cells as people write them (English, French, Spanish, any case, with or without
//! accents) -> member fields.

use crate::model::Language;

// The importer reads role and attendance cells through these.
pub use crate::model::words::{attendance_key, role_key};

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

pub use crate::model::words::fold;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

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
            let words = crate::model::words::ROLE_WORDS;
            assert!(words.iter().any(|(r, _)| *r == role), "{role:?}");
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
