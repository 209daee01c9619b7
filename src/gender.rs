//! A member's grammatical gender, for role headings that agree with the person: stated
//! (`gender = "f"`), else read from the courtesy title (`Ms.`, `Mme`, `Sra.`, `H.E. Ms.`,
//! `سعادة السيدة`).

use crate::model::{Gender, Language, Local, Member};

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
    "г-жа",
    "госпожа",
    "السيدة",
    "الآنسة",
    "الدكتورة",
];

/// Masculine courtesy titles, compared without case and final full stop.
const MASCULINE: &[&str] = &[
    "mr",
    "m",
    "monsieur",
    "sr",
    "señor",
    "excmo",
    "don",
    "d",
    "г-н",
    "господин",
    "السيد",
    "الدكتور",
];

/// The member's gender: as stated, else from the title's last gendered word (`S. E. Mme` →
/// feminine), the title in `language` first, else any title given; `None` when none tells
/// (`Dr.`, no title).
pub fn of_member(member: &Member, language: Language) -> Option<Gender> {
    member.gender.or_else(|| {
        let title = member.title.as_ref()?;
        let others = match title {
            Local::Same(_) => &[][..],
            Local::PerLanguage(values) => values.as_slice(),
        };
        title
            .get(language)
            .into_iter()
            .chain(others.iter().map(|(_, text)| text))
            .find_map(|text| from_title(text))
    })
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
            ("Ее Превосходительство г-жа", Some(F)),
            ("Его Превосходительство г-н", Some(M)),
            ("Г-жа", Some(F)),
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
            ("السيد", Some(M)),
            ("السيدة", Some(F)),
            ("سعادة السيد", Some(M)),
            ("سعادة السيدة", Some(F)),
            ("الدكتورة", Some(F)),
            ("سعادة", None),
        ] {
            assert_eq!(from_title(title), gender, "{title}");
        }
    }
}
