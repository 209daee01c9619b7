//! The languages of a meeting's notes: `language`, or `languages` for one note in each.

use crate::diagnostic::{one_of, Diagnostic};
use crate::model::Language;
use crate::parse::{Field, RawMeeting};

use super::Validator;

impl Validator<'_> {
    /// The languages of the notes for `raw`: `forced` (the command line's `--lang`) when given,
    /// else the meeting's `languages` or `language`, else the file's `default`. Problems with
    /// what the meeting says are reported even when `forced` replaces it.
    pub(super) fn note_languages(
        &mut self,
        raw: &RawMeeting,
        default: Language,
        forced: Option<Language>,
    ) -> Vec<Language> {
        let own = raw
            .language
            .given()
            .map(|_| self.choice(&raw.language, "language", &Language::ALL, default));
        let several = self.languages(&raw.languages, default);
        if let (Some(_), Field::Given(languages)) = (own, &raw.languages) {
            self.push(
                Diagnostic::at(
                    languages.span.clone(),
                    "a meeting has `language` or `languages`, not both",
                )
                .label("`language` is given too")
                .hint("keep `languages = [...]` for one note in each language, or `language = \"...\"` for one note"),
            );
        }
        match (forced, several, own) {
            (Some(forced), _, _) => vec![forced],
            (None, Some(several), _) => several,
            (None, None, Some(own)) => vec![own],
            (None, None, None) => vec![default],
        }
    }

    /// `languages = ["en", "fr"]`: known codes, each once, at least one.
    fn languages(
        &mut self,
        field: &Field<Vec<crate::parse::Sp<String>>>,
        default: Language,
    ) -> Option<Vec<Language>> {
        let given = field.given()?;
        if given.value.is_empty() {
            let codes: Vec<&str> = Language::ALL.iter().map(|(c, _)| *c).collect();
            self.push(
                Diagnostic::at(given.span.clone(), "`languages` names no language").hint(format!(
                    "name the notes' languages, e.g. `languages = [\"en\", \"fr\"]`: {}",
                    one_of(&codes)
                )),
            );
            return None;
        }
        let mut languages = Vec::new();
        for code in &given.value {
            let language = self.choice(
                &Field::Given(code.clone()),
                "language",
                &Language::ALL,
                default,
            );
            if languages.contains(&language) {
                self.push(
                    Diagnostic::at(
                        code.span.clone(),
                        format!("`{}` is named twice in `languages`", code.value),
                    )
                    .hint("each language gives one note: name it once"),
                );
            } else {
                languages.push(language);
            }
        }
        Some(languages)
    }
}
