//! The register of outgoing notes: where it is, and the pattern `reference = "auto"` needs.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::location::{self, Location, DEFAULT_FILE};
use crate::model::pattern::Pattern;
use crate::model::Meeting;
use crate::model::Overrides;
use crate::parse::{Field, Sp};

use super::Validator;

/// The first character of a pattern that a note cannot carry: its byte offset, what it is,
/// and how to fix it.
fn refused_character(
    pattern: &str,
    covers: &dyn Fn(char) -> bool,
) -> Option<(usize, String, &'static str)> {
    pattern.char_indices().find_map(|(offset, c)| {
        if c.is_control() {
            let problem = format!("the control character {}", super::codepoint(c));
            return Some((
                offset,
                problem,
                "remove it: a reference is one line of visible text",
            ));
        }
        if let Some((_, problem, hint)) = super::unprintable(c) {
            return Some((offset, format!("{problem} ({})", super::codepoint(c)), hint));
        }
        (!covers(c)).then(|| {
            let problem = format!(
                "`{c}` ({}), for which the font has no glyph",
                super::codepoint(c)
            );
            (
                offset,
                problem,
                "use letters, digits and punctuation the notes are set in: `GVA/{year}/{seq:04}`",
            )
        })
    })
}

impl Validator<'_> {
    /// `reference_pattern`, with a problem placed at the character it is about. Its text is
    /// printed on every note it numbers, so it may hold only characters a note can carry:
    /// they are checked here, before the register is opened.
    pub(super) fn reference_pattern(&mut self, given: &Sp<String>) -> Option<Pattern> {
        // Inside a plain string an offset can be placed exactly (after the quote); with
        // escapes, the whole value is shown.
        let written = self.source.text.get(given.span.clone()).unwrap_or("");
        let plain = written.len() == given.value.len() + 2;
        let place = |offset: usize| {
            if plain {
                let at = given.span.start + 1 + offset;
                at..(at + 1).min(given.span.end)
            } else {
                given.span.clone()
            }
        };
        if let Some((offset, problem, hint)) =
            refused_character(&given.value, &|c| (self.covers)(None, c))
        {
            self.push(
                Diagnostic::at(
                    place(offset),
                    format!("`reference_pattern` contains {problem}"),
                )
                .label("here")
                .hint(hint),
            );
            return None;
        }
        match Pattern::parse(&given.value) {
            Ok(pattern) => Some(pattern),
            Err(error) => {
                let span = place(error.offset);
                self.push(
                    Diagnostic::at(span, format!("bad `reference_pattern`: {}", error))
                        .label("here")
                        .hint("write the year as `{year}` and the number as `{seq}`, or `{seq:04}` for four digits: `reference_pattern = \"GVA/{year}/{seq:04}\"`"),
                );
                None
            }
        }
    }

    /// A note says `reference = "auto"` and `[mission]` has no pattern to number it with.
    pub(super) fn missing_pattern(&mut self, meeting: &Meeting, mission: Option<Range<usize>>) {
        let mut diagnostic = Diagnostic::at(
            meeting.reference_span.clone(),
            "`reference = \"auto\"` needs `reference_pattern` in `[mission]`",
        )
        .label("numbered by the register");
        if mission.is_some() {
            diagnostic =
                diagnostic.hint("add `reference_pattern = \"GVA/{year}/{seq:04}\"` to `[mission]`");
        }
        self.push(diagnostic.hint("or write the reference by hand"));
    }

    /// Where the register is: `--register`, else the file's `register`, else
    /// `register.sqlite` beside the file when a note is numbered by it or it exists already.
    /// A file that names no register and numbers nothing by it uses none.
    pub(super) fn register(
        &mut self,
        field: &Field<String>,
        overrides: &Overrides,
        numbers: bool,
    ) -> Option<Location> {
        if let Some(given) = &overrides.register {
            return Some(Location::parse(given));
        }
        let base = self.source.base_dir();
        if let Some(given) = field.given() {
            let text = given.value.trim();
            if text.is_empty() {
                self.push(
                    Diagnostic::at(given.span.clone(), "`register` is empty")
                        .hint("name the register's file, e.g. `register = \"register.sqlite\"`, or remove the line"),
                );
                return None;
            }
            if location::is_url(text) {
                if location::url_has_password(text) {
                    self.push(
                        Diagnostic::at(given.span.clone(), "the register's URL holds a password")
                            .label("a password in a shared file is no secret")
                            .hint("remove it from the URL (`postgres://user@host/db`) and set `PGPASSWORD` in the environment instead"),
                    );
                    return None;
                }
                return Some(Location::Postgres(text.to_string()));
            }
            return Some(Location::File(base.join(text)));
        }
        let default = base.join(DEFAULT_FILE);
        (numbers || default.is_file()).then_some(Location::File(default))
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::check;

    #[test]
    fn auto_references_need_a_pattern_and_a_pattern_is_checked() {
        check(&[
            (
                "reference = \"GVA/2017/0815\"",
                "reference = \"auto\"",
                "`reference = \"auto\"` needs `reference_pattern` in `[mission]`",
                "14:13",
                "add `reference_pattern = \"GVA/{year}/{seq:04}\"` to `[mission]`",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nreference_pattern = \"GVA/{yr}/{seq:04}\"\n\n[[meeting]]",
                "bad `reference_pattern`: unknown placeholder `{yr}`",
                "7:26",
                "`{seq:04}` for four digits",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nreference_pattern = \"GVA/{year}\\u0000/{seq:04}\"\n\n[[meeting]]",
                "`reference_pattern` contains the control character U+0000",
                "7:21",
                "one line of visible text",
            ),
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = \"Geneva\"\nreference_pattern = \"GVA/\u{202E}{year}/{seq:04}\"\n\n[[meeting]]",
                "`reference_pattern` contains a bidirectional control character",
                "7:26",
                "",
            ),
            (
                "language = \"en\"",
                "language = \"en\"\nregister = \"postgres://clerk:secret@db.example.org/notes\"",
                "the register's URL holds a password",
                "2:12",
                "`PGPASSWORD`",
            ),
        ]);
    }
}
