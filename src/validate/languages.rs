//! The languages of a meeting's notes (`language`, or `languages` for one note in each), and
//! the rule that a note is never in two languages: a text given once is in the language of its
//! table (the meeting's own `language` for the meeting's texts, else the file's `language`), and
//! a note in another language needs that text by language.

use std::ops::Range;

use crate::diagnostic::{one_of, Diagnostic};
use crate::model::Language;
use crate::parse::{Field, RawMeeting};

use super::{Needed, Said, Validator};

impl Validator<'_> {
    /// The languages of the notes for `raw`: `forced` (the command line's `--lang`) when given,
    /// else the meeting's `languages` or `language`, else the file's `default`; and the
    /// meeting's own `language` when it says one, which its texts given once are written in.
    /// Problems with what the meeting says are reported even when `forced` replaces it.
    pub(super) fn note_languages(
        &mut self,
        raw: &RawMeeting,
        default: Language,
        forced: Option<Language>,
    ) -> (Vec<Language>, Option<Language>) {
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
        let languages = match (forced, &several, own) {
            (Some(forced), _, _) => vec![forced],
            (None, Some(several), _) => several.clone(),
            (None, None, Some(own)) => vec![own],
            (None, None, None) => vec![default],
        };
        (languages, own)
    }

    /// Checks a text given once (not by language) at `span`: every note that prints it must be
    /// in the language it is written in ([`Needed::once`]). Each other language is reported
    /// once, with the field written by language (`example` is one value: `"…"` or `["…"]`).
    /// Returns whether no problem was found.
    pub(super) fn given_once(
        &mut self,
        path: &str,
        example: &str,
        span: &Range<usize>,
        needed: &[Needed],
    ) -> bool {
        let mut reported: Vec<Language> = Vec::new();
        for need in needed {
            let (written, said) = need.once;
            if need.language == written || reported.contains(&need.language) {
                continue;
            }
            reported.push(need.language);
            let key = path.rsplit('.').next().unwrap_or(path);
            let said = match said {
                Said::File => "the file's `language`",
                Said::Meeting => "the meeting's `language`",
            };
            self.push(
                Diagnostic::at(
                    span.clone(),
                    format!(
                        "`{path}` has no {} text (`{}`), which {} needs",
                        need.language.name(),
                        need.language.code(),
                        need.note
                    ),
                )
                .label(format!("given once, so in {} ({said})", written.name()))
                .hint(format!(
                    "give it by language, as a note is never in two languages: `{key} = {{ {} = {example}, {} = {example} }}`",
                    written.code(),
                    need.language.code()
                )),
            );
        }
        reported.is_empty()
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

#[cfg(test)]
mod tests {
    use crate::input::Source;
    use crate::model::Language;
    use crate::validate::tests::{problems, run, BASE};

    #[test]
    fn a_text_given_once_is_in_the_language_of_its_table() {
        // The file is in English, the meeting in Spanish: the meeting's texts given once are
        // Spanish, the mission's English, so the mission's are needed by language.
        let meeting_in_es =
            BASE.replace("id = \"ccm-7msp\"", "id = \"ccm-7msp\"\nlanguage = \"es\"");
        let found = problems(&meeting_in_es);
        let places: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.message.as_str(), p.at.as_str()))
            .collect();
        let note = "which the note for `ccm-7msp` needs";
        assert_eq!(
            places,
            [
                (
                    format!("`mission.name` has no Spanish text (`es`), {note}").as_str(),
                    "4:8"
                ),
                (
                    &format!("`mission.short_name` has no Spanish text (`es`), {note}"),
                    "5:14"
                ),
                (
                    &format!("`mission.city` has no Spanish text (`es`), {note}"),
                    "6:8"
                ),
            ]
        );
        assert!(
            found[0].hints[0].contains("`name = { en = \"…\", es = \"…\" }`"),
            "{found:#?}"
        );
        // `--lang` changes the note, not the language the meeting's texts are written in.
        let forced = run(
            &Source::in_memory("delegation.toml", meeting_in_es),
            Some(Language::English),
            &[],
        )
        .unwrap_err();
        let fields: Vec<&str> = forced
            .iter()
            .map(|p| p.message.split('`').nth(1).unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "meeting.title",
                "meeting.city",
                "meeting.recipient.name",
                "meeting.recipient.address"
            ]
        );
    }
}
