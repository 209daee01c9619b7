//! A member's grammatical gender, for role headings that agree with the person: stated
//! (`gender = "f"`), else read from the courtesy title (`Ms.`, `Mme`, `Sra.`, `H.E. Ms.`).

use crate::model::{Gender, Member};

/// Feminine courtesy titles, compared without case and final full stop.
const FEMININE: &[&str] = &[
    "ms",
    "mrs",
    "miss",
    "madam",
    "mme",
    "mlle",
    "madame",
    "mademoiselle",
    "sra",
    "srta",
    "señora",
    "señorita",
    "excma",
    "dña",
    "doña",
];

/// Masculine courtesy titles, compared without case and final full stop.
const MASCULINE: &[&str] = &["mr", "m", "monsieur", "sr", "señor", "excmo", "don", "d"];

/// The member's gender: as stated, else from the title's last gendered word (`S. E. Mme` →
/// feminine); `None` when neither tells (`Dr.`, no title).
pub fn of_member(member: &Member) -> Option<Gender> {
    member
        .gender
        .or_else(|| member.title.as_deref().and_then(from_title))
}

/// The gender a courtesy title tells, if any.
pub fn from_title(title: &str) -> Option<Gender> {
    title
        .split(|c: char| c.is_whitespace() || c == '.')
        .rev()
        .filter(|word| !word.is_empty())
        .find_map(|word| {
            let word = word.to_lowercase();
            if FEMININE.contains(&word.as_str()) {
                Some(Gender::Feminine)
            } else if MASCULINE.contains(&word.as_str()) {
                Some(Gender::Masculine)
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::{Feminine as F, Masculine as M};

    #[test]
    fn titles_tell_the_gender() {
        for (title, gender) in [
            ("Ms.", Some(F)),
            ("Mrs", Some(F)),
            ("Mme", Some(F)),
            ("Mlle", Some(F)),
            ("Sra.", Some(F)),
            ("Srta.", Some(F)),
            ("Excma. Sra.", Some(F)),
            ("Excma.", Some(F)),
            ("S. E. Mme", Some(F)),
            ("H.E. Ms.", Some(F)),
            ("Mr.", Some(M)),
            ("M.", Some(M)),
            ("S. E. M.", Some(M)),
            ("H.E. Mr.", Some(M)),
            ("Excmo. Sr.", Some(M)),
            ("Sr.", Some(M)),
            ("Dr.", None),
            ("H.E.", None),
            ("S. E.", None),
        ] {
            assert_eq!(from_title(title), gender, "{title}");
        }
    }
}
