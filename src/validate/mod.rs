//! Raw delegation -> validated delegation, or every problem in the file at once.

mod meeting;
mod mission;
mod people;

use std::ops::Range;

use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::input::Source;
use crate::model::{Delegation, Language, Local, Meeting, Member, NoteKind, Paper, PdfA};
use crate::parse::{Field, LocalText, Parsed, RawLocal, Sp};
use crate::Overrides;

/// Tells whether the note's fonts can draw a character.
pub type Coverage<'a> = &'a dyn Fn(char) -> bool;

/// Checks the meaning of a parsed file and builds the delegation, with the command line's
/// `overrides` applied: the delegation returned is the final word on every setting. Reads the
/// emblem from disk (relative to the file). Returns every problem found, together with those
/// from parsing.
pub fn validate(
    parsed: Parsed,
    source: &Source,
    covers: Coverage,
    overrides: &Overrides,
    custom_kinds: &[String],
) -> Result<Delegation, Vec<Diagnostic>> {
    let mut v = Validator {
        diagnostics: parsed.diagnostics,
        source,
        covers,
    };
    let raw = parsed.raw;
    let language = v.choice(&raw.language, "language", &Language::ALL, Language::English);
    let paper = v.choice(&raw.paper, "paper", &Paper::ALL, Paper::A4);
    let paper = overrides.paper.unwrap_or(paper);
    let pdf_a = raw
        .pdf_a
        .given()
        .map(|_| v.choice(&raw.pdf_a, "PDF/A profile", &PdfA::ALL, PdfA::A2b));
    let pdf_a = overrides.pdf_a.or(pdf_a);
    // Each note's language decides which translations the file must give.
    let plans: Vec<(Option<Language>, Language, (NoteKind, String))> = raw
        .meetings
        .iter()
        .map(|m| {
            let own = m
                .language
                .given()
                .map(|_| v.choice(&m.language, "language", &Language::ALL, language));
            let kind = v.kind(&m.kind, custom_kinds);
            (own, overrides.language.or(own).unwrap_or(language), kind)
        })
        .collect();
    let needed: Vec<Needed> = raw
        .meetings
        .iter()
        .zip(&plans)
        .map(|(m, (_, language, _))| Needed {
            span: m.kind.given().map_or(m.span.clone(), |k| k.span.clone()),
            language: *language,
            note: m.id.given().map_or_else(
                || "a meeting".to_string(),
                |id| format!("the note for `{}`", id.value),
            ),
        })
        .collect();
    let mission = match &raw.mission {
        Some(mission) => v.mission(mission, &needed),
        None => {
            v.push(
                Diagnostic::at(0..0, "missing `[mission]` table")
                    .hint("add `[mission]` with `name`, `short_name` and `city`"),
            );
            None
        }
    };
    if raw.meetings.is_empty() {
        v.push(
            Diagnostic::at(0..0, "no `[[meeting]]` in the file")
                .hint("add at least one `[[meeting]]`: each gives one note"),
        );
    }
    let meetings: Vec<Option<Meeting>> = raw
        .meetings
        .iter()
        .zip(&plans)
        .zip(&needed)
        .map(|((m, (_, language, kind)), need)| {
            v.meeting(m, *language, kind.clone(), std::slice::from_ref(need))
        })
        .collect();
    let letters: Vec<Needed> = needed
        .iter()
        .zip(&plans)
        .filter(|(_, (_, _, (kind, _)))| *kind == NoteKind::Letter)
        .map(|(need, _)| need.clone())
        .collect();
    let signatory = v.signatory(raw.signatory.as_ref(), &letters);
    v.unique_ids(&raw.meetings);
    if raw.members.is_empty() {
        v.push(
            Diagnostic::at(0..0, "no `[[member]]` in the file")
                .hint("add a `[[member]]` for each person, with `role = \"head\"` for one of them"),
        );
    }
    let meeting_ids: Vec<&str> = raw
        .meetings
        .iter()
        .filter_map(|m| m.id.given().map(|id| id.value.as_str()))
        .collect();
    let members: Vec<Option<Member>> = raw
        .members
        .iter()
        .map(|m| v.member(m, &meeting_ids))
        .collect();
    v.one_head_per_meeting(&raw.meetings, &raw.members, &members, &meetings);

    if !v.diagnostics.is_empty() {
        return Err(v.diagnostics);
    }
    match (mission, all(meetings), all(members)) {
        (Some(mission), Some(meetings), Some(members)) => Ok(Delegation {
            language,
            paper,
            pdf_a,
            mission,
            meetings,
            members,
            signatory,
        }),
        // Every `None` above was reported, so this is unreachable in practice; keep a message
        // rather than a panic all the same.
        _ => Err(vec![Diagnostic::whole_file("the delegation is incomplete")]),
    }
}

/// A language a note needs, and which note, for messages.
#[derive(Debug, Clone)]
pub(crate) struct Needed {
    language: Language,
    note: String,
    /// Where the note's kind is said (or the meeting), for messages about what it needs.
    span: Range<usize>,
}

fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

pub(crate) struct Validator<'a> {
    diagnostics: Vec<Diagnostic>,
    source: &'a Source,
    covers: Coverage<'a>,
}

impl Validator<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn choice<T: Copy>(
        &mut self,
        field: &Field<String>,
        key: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> T {
        let Some(given) = field.given() else {
            return default;
        };
        let wanted = given.value.trim().to_ascii_lowercase();
        if let Some((_, value)) = choices.iter().find(|(name, _)| *name == wanted) {
            return *value;
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        let mut diagnostic = Diagnostic::at(
            given.span.clone(),
            format!("unknown {key} `{}`", given.value),
        )
        .hint(format!("the choices are {}", one_of(&names)));
        if let Some(close) = did_you_mean(&wanted, &names) {
            diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
        }
        self.push(diagnostic);
        default
    }

    /// A required text field: present, not blank, one line, drawable.
    fn required(
        &mut self,
        field: &Field<String>,
        key: &str,
        table: &Range<usize>,
        place: &str,
    ) -> Option<String> {
        match field {
            Field::Absent => {
                self.push(
                    Diagnostic::at(table.clone(), format!("missing field `{key}` {place}"))
                        .label(format!("this table needs `{key}`"))
                        .hint(format!("add `{key} = \"...\"` to this table")),
                );
                None
            }
            Field::Invalid => None,
            Field::Given(value) => self.text(value, key),
        }
    }

    fn optional(&mut self, field: &Field<String>, key: &str) -> Option<String> {
        field.given().and_then(|value| self.text(value, key))
    }

    fn text(&mut self, value: &Sp<String>, key: &str) -> Option<String> {
        let text = value.value.trim();
        if text.is_empty() {
            self.push(
                Diagnostic::at(value.span.clone(), format!("`{key}` is empty")).hint(format!(
                    "write the {key}, or remove the line if it is optional"
                )),
            );
            return None;
        }
        if let Some(c) = text.chars().find(|c| c.is_control()) {
            self.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!("`{key}` contains the control character {}", codepoint(c)),
                )
                .hint("write the text on one line, without tabs or line breaks"),
            );
            return None;
        }
        if let Some(c) = text.chars().find(|c| !(self.covers)(*c)) {
            self.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!("the font has no glyph for `{c}` ({}) in `{key}`", codepoint(c)),
                )
                .label("this character would print as an empty box")
                .hint("the bundled Liberation Serif covers Latin, Greek and Cyrillic; check the character, or transliterate it"),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// A text that may be given per language: every language a note needs must be there.
    /// `Err` means a problem was reported; `Ok(None)` an optional field left out.
    #[allow(clippy::too_many_arguments)]
    fn local(
        &mut self,
        field: &LocalText,
        key: &str,
        path: &str,
        table: &Range<usize>,
        place: &str,
        needed: &[Needed],
        required: bool,
    ) -> Result<Option<Local<String>>, ()> {
        let given = match field {
            Field::Absent if required => {
                self.missing(key, table, place);
                return Err(());
            }
            Field::Absent => return Ok(None),
            Field::Invalid => return Err(()),
            Field::Given(given) => given,
        };
        match &given.value {
            RawLocal::Same(text) => {
                let text = Sp {
                    value: text.clone(),
                    span: given.span.clone(),
                };
                self.text(&text, key)
                    .map(|t| Some(Local::Same(t)))
                    .ok_or(())
            }
            RawLocal::PerLanguage(items) => {
                let mut values = Vec::new();
                let mut ok = true;
                for (code, text) in items {
                    match (self.language_key(code, path), self.text(text, key)) {
                        (Some(language), Some(text)) => values.push((language, text)),
                        _ => ok = false,
                    }
                }
                ok &= self.translations(&values, path, &given.span, needed);
                if ok {
                    Ok(Some(Local::PerLanguage(values)))
                } else {
                    Err(())
                }
            }
        }
    }

    /// Checks that every needed language has a text.
    fn translations<T>(
        &mut self,
        values: &[(Language, T)],
        path: &str,
        span: &Range<usize>,
        needed: &[Needed],
    ) -> bool {
        let mut ok = true;
        let mut reported = Vec::new();
        for need in needed {
            if values.iter().any(|(l, _)| *l == need.language) || reported.contains(&need.language)
            {
                continue;
            }
            reported.push(need.language);
            ok = false;
            let given: Vec<&str> = values.iter().map(|(l, _)| l.code()).collect();
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
                .label(format!("given in {}", one_of(&given)))
                .hint(format!(
                    "add `{} = \"...\"` here; a note never falls back to another language",
                    need.language.code()
                )),
            );
        }
        ok
    }

    fn language_key(&mut self, code: &Sp<String>, path: &str) -> Option<Language> {
        if let Some((_, language)) = Language::ALL.iter().find(|(c, _)| *c == code.value) {
            return Some(*language);
        }
        let codes: Vec<&str> = Language::ALL.iter().map(|(c, _)| *c).collect();
        self.push(
            Diagnostic::at(
                code.span.clone(),
                format!("unknown language `{}` in `{path}`", code.value),
            )
            .hint(format!("the languages are {}", one_of(&codes))),
        );
        None
    }

    fn missing(&mut self, key: &str, table: &Range<usize>, place: &str) {
        self.push(
            Diagnostic::at(table.clone(), format!("missing field `{key}` {place}"))
                .label(format!("this table needs `{key}`"))
                .hint(format!("add `{key} = \"...\"` to this table")),
        );
    }

    /// A built-in kind of note, or one that a template folder adds (written like a delegation
    /// note: a list with one head).
    fn kind(&mut self, field: &Field<String>, custom: &[String]) -> (NoteKind, String) {
        let Some(given) = field.given() else {
            return (NoteKind::Delegation, "delegation".to_string());
        };
        let wanted = given.value.trim().to_string();
        if let Some((key, kind)) = NoteKind::ALL.iter().find(|(key, _)| *key == wanted) {
            return (*kind, key.to_string());
        }
        if custom.contains(&wanted) {
            return (NoteKind::Delegation, wanted);
        }
        let mut names: Vec<&str> = NoteKind::ALL.iter().map(|(k, _)| *k).collect();
        names.extend(
            custom
                .iter()
                .map(String::as_str)
                .filter(|k| !NoteKind::ALL.iter().any(|(b, _)| b == k)),
        );
        let mut diagnostic = Diagnostic::at(
            given.span.clone(),
            format!("unknown kind `{}`", given.value),
        );
        if let Some(close) = did_you_mean(&wanted, &names) {
            diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
        }
        self.push(diagnostic.hint(format!(
            "the kinds are {}; a template folder can add others (`en/<kind>.hbs`)",
            one_of(&names)
        )));
        (NoteKind::Delegation, "delegation".to_string())
    }
}

fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}
