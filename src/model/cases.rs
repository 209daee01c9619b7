//! Names in grammatical cases, as a file gives them for a language that declines its names
//! (Russian): `state = { ru = { nom = "…", gen = "…" } }`. Nothing here declines a name by
//! rule: a form the file does not give is never guessed.

use std::ops::Range;

use super::Language;

/// A grammatical case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Case {
    /// Nominative (`Республика Примерия`): the name as the file gives it in running text.
    Nominative,
    /// Genitive (`Республики Примерия`).
    Genitive,
    /// Dative (`Управлению`).
    Dative,
    /// Accusative.
    Accusative,
    /// Instrumental.
    Instrumental,
    /// Prepositional (`в Женеве`).
    Prepositional,
}

impl Case {
    /// Every case, with its key in files and templates.
    pub const ALL: [(&'static str, Case); 6] = [
        ("nom", Case::Nominative),
        ("gen", Case::Genitive),
        ("dat", Case::Dative),
        ("acc", Case::Accusative),
        ("ins", Case::Instrumental),
        ("prep", Case::Prepositional),
    ];

    /// The key in files and templates (`gen`).
    pub fn key(self) -> &'static str {
        Case::ALL
            .iter()
            .find(|(_, case)| *case == self)
            .map_or("nom", |(key, _)| key)
    }

    /// The case's name in English, for messages (`genitive`).
    pub fn name(self) -> &'static str {
        match self {
            Case::Nominative => "nominative",
            Case::Genitive => "genitive",
            Case::Dative => "dative",
            Case::Accusative => "accusative",
            Case::Instrumental => "instrumental",
            Case::Prepositional => "prepositional",
        }
    }
}

/// A name of the file that templates may put in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Declinable {
    /// `[mission] name`.
    MissionName,
    /// `[mission] short_name`.
    MissionShortName,
    /// `[mission] state`.
    MissionState,
    /// `[mission] city`.
    MissionCity,
    /// `[[meeting]] title`.
    MeetingTitle,
    /// `[[meeting]] city`.
    MeetingCity,
    /// `[meeting.recipient] name`.
    RecipientName,
}

impl Declinable {
    /// Every declinable name, with its path in templates and messages.
    pub const ALL: [(&'static str, Declinable); 7] = [
        ("mission.name", Declinable::MissionName),
        ("mission.short_name", Declinable::MissionShortName),
        ("mission.state", Declinable::MissionState),
        ("mission.city", Declinable::MissionCity),
        ("meeting.title", Declinable::MeetingTitle),
        ("meeting.city", Declinable::MeetingCity),
        ("meeting.recipient.name", Declinable::RecipientName),
    ];

    /// The path in templates and messages (`mission.state`).
    pub fn path(self) -> &'static str {
        Declinable::ALL
            .iter()
            .find(|(_, name)| *name == self)
            .map_or("mission.name", |(path, _)| path)
    }

    /// The key in its table (`state`).
    pub fn key(self) -> &'static str {
        self.path().rsplit('.').next().unwrap_or_default()
    }

    /// Whether the name belongs to a meeting (its title, city or recipient), not the mission.
    pub fn of_meeting(self) -> bool {
        self.path().starts_with("meeting.")
    }
}

/// One name's forms in one language, as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declension {
    /// Which name.
    pub name: Declinable,
    /// The meeting (its index) for a meeting's names; `None` for the mission's.
    pub meeting: Option<usize>,
    /// The language of the forms.
    pub language: Language,
    /// The forms given, the nominative first (a plain string gives the nominative alone).
    pub forms: Vec<(Case, String)>,
    /// Where the name is given in this language, for messages about a missing case.
    pub span: Range<usize>,
}

impl Declension {
    /// The form in a case, if the file gives it.
    pub fn form(&self, case: Case) -> Option<&str> {
        self.forms
            .iter()
            .find(|(c, _)| *c == case)
            .map(|(_, text)| text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_and_name_maps_back_to_its_key() {
        for (key, case) in Case::ALL {
            assert_eq!(case.key(), key);
        }
        for (path, name) in Declinable::ALL {
            assert_eq!(name.path(), path);
        }
    }
}
