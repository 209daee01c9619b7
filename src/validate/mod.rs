//! Raw delegation -> validated delegation, or every problem in the file at once.

mod agreement;
pub mod cases;
mod delegation;
mod emblem;
mod entry;
mod languages;
mod mail;
mod meeting;
mod mission;
mod people;
mod register;

pub use emblem::MAX_EMBLEM_BYTES;

use std::ops::Range;

use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::input::Source;
use crate::model::Overrides;
use crate::model::{Delegation, Language, Local, NoteKind, PdfA};
use crate::parse::{Field, LocalText, Parsed, RawLocal, Sp};

/// Tells whether the fonts of the notes a text is printed in can draw a character: for a text
/// given in a language (`Some`), that language's notes; for a text given once (`None`), every
/// note of the file.
pub type Coverage<'a> = &'a dyn Fn(Option<Language>, char) -> bool;

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
        text_language: None,
        pdf_a: None,
        mail: overrides.mail,
    };
    let raw = parsed.raw;
    let forms = parsed.forms;
    // Each step reports its own problems: the order of the steps is the order of the report.
    let (language, paper, pdf_a) = v.settings(&raw, overrides);
    let plans = v.plans(&raw.meetings, language, overrides.language, custom_kinds);
    let needed: Vec<Needed> = plans
        .iter()
        .flat_map(|p| p.needs.iter().map(|need| need.of_file(language)))
        .collect();
    let mission = v.mission_table(raw.mission.as_ref(), &needed);
    let meetings = v.meetings(&raw.meetings, &plans);
    let letters: Vec<Needed> = delegation::letters(&plans)
        .iter()
        .map(|need| need.of_file(language))
        .collect();
    let signatory = v.signatory(raw.signatory.as_ref(), &letters);
    v.unique_ids(&raw.meetings);
    let members = v.members(&raw, &plans, language);
    v.one_head_per_meeting(&raw.meetings, &raw.members, &members, &meetings);
    let numbers = v.auto_references(&meetings, mission.as_ref(), raw.mission.as_ref());
    let register = v.register(&raw.register, overrides, numbers);
    let declensions = v.declensions(&raw, &forms);

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
            register,
            declensions,
        }),
        // Every `None` above was reported, so this is unreachable in practice; keep a message
        // rather than a panic all the same.
        _ => Err(vec![Diagnostic::whole_file("the delegation is incomplete")]),
    }
}

/// The most characters a text of the file may have: a member's entry of several such texts
/// still fits on one page, and a name or title is never longer.
pub const MAX_TEXT_CHARS: usize = 300;

/// A character the font may draw but a note cannot carry: what it is, and how to fix it.
fn unprintable(c: char) -> Option<(char, &'static str, &'static str)> {
    let (problem, hint) = match c {
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => (
            "a bidirectional control character, which Word obeys and the PDF does not",
            "remove it: it is invisible, and the text reads the same without it",
        ),
        '\u{2028}' | '\u{2029}' => (
            "a line or paragraph separator",
            "write the text on one line",
        ),
        '\u{FEFF}' => (
            "an invisible byte order mark",
            "remove it: some editors put it at the start of pasted text",
        ),
        '\u{1680}' => (
            "a space that the font cannot print",
            "use an ordinary space",
        ),
        '\u{FDD0}'..='\u{FDEF}' => noncharacter(),
        _ if right_to_left(c) && !crate::fonts::is_arabic(c) => (
            "right-to-left text of a script verbale does not set (it sets Arabic, in notes in Arabic, and no other right-to-left script)",
            "transliterate it into Latin letters, as in the person's passport or the office's own Latin name",
        ),
        _ if u32::from(c) & 0xFFFE == 0xFFFE => noncharacter(),
        _ => return None,
    };
    Some((c, problem, hint))
}

fn noncharacter() -> (&'static str, &'static str) {
    (
        "a noncharacter, which Unicode keeps out of text",
        "remove it: it is no letter of any script",
    )
}

/// A character that the fonts of the notes it is printed in cannot draw.
fn uncovered(span: Range<usize>, key: &str, c: char) -> Diagnostic {
    let at = codepoint(c);
    if crate::fonts::is_arabic(c) {
        return Diagnostic::at(span, format!("`{key}` contains Arabic (`{c}`, {at}), which only a note in Arabic can print"))
            .label("a text given once is printed in every note of the file")
            .hint("give the text by language, in Arabic for the Arabic note and in the other notes' languages for theirs: `name = { ar = \"…\", en = \"…\" }`");
    }
    Diagnostic::at(span, format!("the font has no glyph for `{c}` ({at}) in `{key}`"))
        .label("this character would print as an empty box")
        .hint("notes are set in Liberation Serif (Latin, Greek and Cyrillic), notes in Arabic in Noto Naskh Arabic with Liberation Serif, and notes in Chinese in Noto Serif CJK SC with Liberation Serif: a text given once is printed in every note of the file; check the character, transliterate it, or give the text by language")
}

/// Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, and
/// their presentation forms). A font may draw some of them (Liberation Serif has Hebrew), but
/// verbale sets no right-to-left script but Arabic: the others are refused whatever the fonts
/// cover (see [`unprintable`]).
fn right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}')
}

/// Checks members read without their delegation (`verbale import`): every rule of a member
/// that does not need the meetings (whose ids and heads are checked where the members are used).
pub fn members_alone(parsed: Parsed, source: &Source, covers: Coverage) -> Vec<Diagnostic> {
    let mut v = Validator {
        diagnostics: parsed.diagnostics,
        source,
        covers,
        text_language: None,
        pdf_a: None,
        mail: false,
    };
    for member in &parsed.raw.members {
        let ids: Vec<&str> = member.meetings.given().map_or_else(Vec::new, |ids| {
            ids.value.iter().map(|id| id.value.as_str()).collect()
        });
        v.member(member, &ids, &[]);
    }
    v.diagnostics
}

/// A language a note needs, and which note, for messages.
#[derive(Debug, Clone)]
pub(crate) struct Needed {
    language: Language,
    /// The language of a text the note's table gives once (not by language), and where that
    /// language is said: the meeting's own `language` for its texts, else the file's.
    once: (Language, Said),
    note: String,
    /// Where the note's kind is said (or the meeting), for messages about what it needs.
    span: Range<usize>,
}

/// Where the language of a text given once is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Said {
    /// The file's `language` (English when it has none).
    File,
    /// The meeting's own `language`.
    Meeting,
}

impl Needed {
    /// The same need for a text of a table outside the meeting (the mission, a member, the
    /// signatory), which is written in the file's language when given once.
    fn of_file(&self, language: Language) -> Needed {
        Needed {
            once: (language, Said::File),
            ..self.clone()
        }
    }
}

fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

pub(crate) struct Validator<'a> {
    diagnostics: Vec<Diagnostic>,
    source: &'a Source,
    covers: Coverage<'a>,
    /// The language of the text being checked, when it is given by language.
    text_language: Option<Language>,
    /// The notes' archival profile, which some emblems cannot meet.
    pdf_a: Option<PdfA>,
    /// Mail drafts are asked for: e-mail addresses are required.
    mail: bool,
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
        // Characters are checked in the whole value: trimming would hide a line separator or a
        // control character at either end.
        if let Some(c) = value.value.chars().find(|c| c.is_control()) {
            self.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!("`{key}` contains the control character {}", codepoint(c)),
                )
                .hint("write the text on one line, without tabs or line breaks"),
            );
            return None;
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            self.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!(
                        "`{key}` is {} characters long, more than the {MAX_TEXT_CHARS} a note can hold",
                        text.chars().count()
                    ),
                )
                .hint("shorten it; a note names, it does not describe"),
            );
            return None;
        }
        if let Some((c, problem, hint)) = value.value.chars().find_map(unprintable) {
            self.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!("`{key}` contains {problem} ({})", codepoint(c)),
                )
                .hint(hint),
            );
            return None;
        }
        if let Some(c) = text
            .chars()
            .find(|c| !(self.covers)(self.text_language, *c))
        {
            self.push(uncovered(value.span.clone(), key, c));
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
                let text = self.text(&text, key);
                let once = self.given_once(path, "\"…\"", &given.span, needed);
                match (text, once) {
                    (Some(text), true) => Ok(Some(Local::Same(text))),
                    _ => Err(()),
                }
            }
            RawLocal::PerLanguage(items) => {
                let mut values = Vec::new();
                let mut ok = true;
                for (code, text) in items {
                    let language = self.language_key(code, path);
                    self.text_language = language;
                    let text = self.text(text, key);
                    self.text_language = None;
                    match (language, text) {
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

    /// A list of lines given once or as a table by language (an address, the enclosures), each
    /// list checked by `lines`; a table must have every language a note needs. `None` means a
    /// problem was reported.
    fn local_lines(
        &mut self,
        given: &Sp<RawLocal<Vec<Sp<String>>>>,
        path: &str,
        needed: &[Needed],
        lines: impl Fn(&mut Self, &[Sp<String>], &Range<usize>) -> Option<Vec<String>>,
    ) -> Option<Local<Vec<String>>> {
        match &given.value {
            RawLocal::Same(items) => {
                // An empty list prints nothing, in any language.
                let once =
                    items.is_empty() || self.given_once(path, "[\"…\"]", &given.span, needed);
                let items = lines(self, items, &given.span);
                items.filter(|_| once).map(Local::Same)
            }
            RawLocal::PerLanguage(by_language) => {
                let mut values = Vec::new();
                let mut ok = true;
                for (code, items) in by_language {
                    let language = self.language_key(code, path);
                    self.text_language = language;
                    let items = lines(self, &items.value, &items.span);
                    self.text_language = None;
                    match (language, items) {
                        (Some(language), Some(items)) => values.push((language, items)),
                        _ => ok = false,
                    }
                }
                ok &= self.translations(&values, path, &given.span, needed);
                ok.then_some(Local::PerLanguage(values))
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
        let diagnostic = Diagnostic::at(
            code.span.clone(),
            format!("unknown language `{}` in `{path}`", code.value),
        )
        .hint(format!("the languages are {}", one_of(&codes)));
        self.push(cases::in_their_language(diagnostic, &code.value, path));
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

#[cfg(test)]
pub(super) mod tests {
    //! Fixture tables: each case edits a valid file and names the one problem the edit causes,
    //! with where it is reported.

    use super::*;

    /// A valid file: one meeting, a head and an adviser. Cases edit it by replacing text.
    pub(crate) const BASE: &str = r#"language = "en"

[mission]
name = "Permanent Mission of Examplestan"
short_name = "Mission of Examplestan"
city = "Geneva"

[[meeting]]
id = "ccm-7msp"
title = "Seventh Meeting of States Parties"
city = "Geneva"
start = 2017-09-04
end = 2017-09-06
reference = "GVA/2017/0815"
date = 2017-08-15

[meeting.recipient]
name = "Office for Disarmament Affairs"
address = ["Palais des Nations", "CH-1211 Geneva 10"]

[[member]]
role = "head"
name = "Ana Müller"

[[member]]
role = "adviser"
name = "Şükrü Çelik"
"#;

    /// One case: replace `find` (first occurrence) in [`BASE`] by `replace`; expect exactly one
    /// problem whose message contains `message`, at `line:column`, with a hint containing
    /// `hint` (empty: any hints).
    pub(crate) type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

    /// A font that draws everything except CJK ideographs.
    fn covers(_: Option<Language>, c: char) -> bool {
        !('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    /// A problem as a user sees it: the message, `line:column` (or `file`), the hints.
    #[derive(Debug)]
    pub(crate) struct Found {
        pub message: String,
        pub at: String,
        pub hints: Vec<String>,
    }

    /// Parses and validates `text` as `source` would be, with `--lang` set to `forced`.
    pub(crate) fn run(
        source: &Source,
        forced: Option<Language>,
        custom_kinds: &[String],
    ) -> Result<Delegation, Vec<Found>> {
        let to_problems = |diagnostics: Vec<Diagnostic>| {
            diagnostics
                .into_iter()
                .map(|d| Found {
                    at: d.offset().map_or("file".to_string(), |start| {
                        let (line, column) = source.line_column(start);
                        format!("{line}:{column}")
                    }),
                    message: d.message,
                    hints: d.hints,
                })
                .collect::<Vec<_>>()
        };
        let parsed = crate::parse::parse(source).map_err(to_problems)?;
        let overrides = Overrides {
            language: forced,
            ..Overrides::default()
        };
        validate(parsed, source, &covers, &overrides, custom_kinds).map_err(to_problems)
    }

    /// The problems in `text`, read from an in-memory file.
    pub(crate) fn problems(text: &str) -> Vec<Found> {
        run(&Source::in_memory("delegation.toml", text), None, &[]).map_or_else(|p| p, |_| vec![])
    }

    /// Applies each case to [`BASE`] and reports every case that does not give its problem.
    pub(crate) fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for (find, replace, message, at, hint) in cases {
            assert!(BASE.contains(find), "`{find}` is not in the base file");
            let found = problems(&BASE.replacen(find, replace, 1));
            let expected = match found.as_slice() {
                [p] => {
                    p.message.contains(message)
                        && p.at == *at
                        && (hint.is_empty() || p.hints.iter().any(|h| h.contains(hint)))
                }
                _ => false,
            };
            if !expected {
                failures.push(format!(
                    "`{find}` -> `{replace}`: expected `{message}` at {at} (hint `{hint}`), got {found:#?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }

    #[test]
    fn the_base_file_is_valid() {
        let delegation = run(&Source::in_memory("delegation.toml", BASE), None, &[])
            .expect("the base file is valid");
        assert_eq!(delegation.meetings[0].id, "ccm-7msp");
        assert_eq!(delegation.members[1].name, "Şükrü Çelik");
    }

    #[test]
    fn file_level_rules() {
        check(&[
            // Unknown fields, with a suggestion.
            ("language = \"en\"", "langauge = \"en\"", "unknown field `langauge` at the top level", "1:1", "did you mean `language`?"),
            ("city = \"Geneva\"\n\n[[meeting]]", "city = \"Geneva\"\ncolour = \"blue\"\n\n[[meeting]]", "unknown field `colour` in `[mission]`", "7:1", "the fields here are"),
            // Choices, with a suggestion.
            ("language = \"en\"", "language = \"english\"", "unknown language `english`", "1:12", "the choices are `en`, `fr`, `es`, `ru`, `zh` or `ar`"),
            ("language = \"en\"", "paper = \"leter\"", "unknown paper `leter`", "1:9", "did you mean `letter`?"),
            ("language = \"en\"", "pdf_a = \"3b\"", "unknown PDF/A profile `3b`", "1:9", "the choices are `1b` or `2b`"),
            ("id = \"ccm-7msp\"", "id = \"ccm-7msp\"\nkind = \"observr\"", "unknown kind `observr`", "10:8", "did you mean `observer`?"),
            // Types.
            ("language = \"en\"", "language = 1", "`language` must be a string, not an integer", "1:12", "write it like this: `language = \"...\"`"),
            // Tables the file needs.
            ("[mission]\nname = \"Permanent Mission of Examplestan\"\nshort_name = \"Mission of Examplestan\"\ncity = \"Geneva\"\n", "", "missing `[mission]` table", "1:1", "add `[mission]`"),
        ]);
    }

    #[test]
    fn text_is_one_line_not_blank_and_drawable() {
        check(&[
            (
                "name = \"Ana Müller\"",
                "name = \"Ana\\nMüller\"",
                "`name` contains the control character U+000A",
                "23:8",
                "on one line",
            ),
            (
                "name = \"Ana Müller\"",
                "name = \"Ana\\tMüller\"",
                "`name` contains the control character U+0009",
                "23:8",
                "",
            ),
            (
                "name = \"Ana Müller\"",
                "name = \"   \"",
                "`name` is empty",
                "23:8",
                "",
            ),
            (
                "name = \"Ana Müller\"",
                "name = \"李娜\"",
                "the font has no glyph for `李` (U+674E) in `name`",
                "23:8",
                "transliterate",
            ),
            (
                "city = \"Geneva\"",
                "city = \"日内瓦\"",
                "the font has no glyph for `日` (U+65E5) in `city`",
                "6:8",
                "",
            ),
        ]);
    }

    #[test]
    fn per_language_tables_need_every_language_a_note_is_written_in() {
        check(&[
            // The file's language is French, and the table has only English.
            ("language = \"en\"\n\n[mission]\nname = \"Permanent Mission of Examplestan\"", "language = \"fr\"\n\n[mission]\nname = { en = \"Permanent Mission of Examplestan\" }", "`mission.name` has no French text (`fr`), which the note for `ccm-7msp` needs", "4:8", "add `fr = \"...\"` here"),
            // A meeting in Spanish needs Spanish text, even when the file's language is English.
            (MISSION_TO_TITLE, &format!("{MISSION_IN_EN_ES}\n\n[[meeting]]\nid = \"ccm-7msp\"\nlanguage = \"es\"\ntitle = {{ en = \"Seventh Meeting\", fr = \"Septième Réunion\" }}"), "`meeting.title` has no Spanish text (`es`)", "11:9", "never falls back"),
            ("name = \"Office for Disarmament Affairs\"", "name = { en = \"Office\", de = \"Büro\" }", "unknown language `de` in `meeting.recipient.name`", "18:25", "the languages are `en`, `fr`, `es`, `ru`, `zh` or `ar`"),
            ("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "address = { fr = [\"Palais des Nations\"] }", "`meeting.recipient.address` has no English text (`en`)", "19:11", ""),
        ]);
    }

    /// [`BASE`] from `[mission]` to the meeting's title.
    const MISSION_TO_TITLE: &str = "[mission]\nname = \"Permanent Mission of Examplestan\"\nshort_name = \"Mission of Examplestan\"\ncity = \"Geneva\"\n\n[[meeting]]\nid = \"ccm-7msp\"\ntitle = \"Seventh Meeting of States Parties\"";

    /// The mission's table of [`BASE`] in English and Spanish.
    const MISSION_IN_EN_ES: &str = "[mission]\nname = { en = \"Permanent Mission of Examplestan\", es = \"la Misión Permanente de Ejemplistán\" }\nshort_name = { en = \"Mission of Examplestan\", es = \"la Misión de Ejemplistán\" }\ncity = { en = \"Geneva\", es = \"Ginebra\" }";

    /// [`BASE`] with every text a note prints in English and Spanish.
    fn base_in_en_es() -> String {
        BASE.replace(
            MISSION_TO_TITLE,
            &format!("{MISSION_IN_EN_ES}\n\n[[meeting]]\nid = \"ccm-7msp\"\ntitle = {{ en = \"Seventh Meeting of States Parties\", es = \"Séptima Reunión de los Estados Partes\" }}"),
        )
        .replace("city = \"Geneva\"\nstart", "city = { en = \"Geneva\", es = \"Ginebra\" }\nstart")
        .replace("name = \"Office for Disarmament Affairs\"", "name = { en = \"Office for Disarmament Affairs\", es = \"la Oficina de Asuntos de Desarme\" }")
        .replace("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "address = { en = [\"Palais des Nations\", \"CH-1211 Geneva 10\"], es = [\"Palais des Nations\", \"CH-1211 Ginebra 10\"] }")
    }

    #[test]
    fn the_command_line_language_decides_which_translations_are_needed() {
        let source = Source::in_memory("delegation.toml", base_in_en_es());
        assert!(run(&source, Some(Language::Spanish), &[]).is_ok());
        let problems = run(&source, Some(Language::French), &[]).unwrap_err();
        let places: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.message.as_str(), p.at.as_str()))
            .collect();
        assert_eq!(places.len(), 7, "{places:#?}");
        assert_eq!(
            places[2],
            (
                "`mission.city` has no French text (`fr`), which the note for `ccm-7msp` needs",
                "6:8"
            )
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = BASE
            .replace("role = \"adviser\"", "role = \"advisor\"")
            .replace("end = 2017-09-06", "end = 2017-09-01")
            .replace("language = \"en\"", "langage = \"en\"");
        let found = problems(&text);
        let places: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.message.as_str(), p.at.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("unknown field `langage` at the top level", "1:1"),
                (
                    "the meeting ends (2017-09-01) before it starts (2017-09-04)",
                    "13:7"
                ),
                ("unknown role `advisor`", "26:8"),
            ]
        );
    }

    #[test]
    fn a_kind_a_template_folder_adds_is_accepted() {
        let text = BASE.replace(
            "id = \"ccm-7msp\"",
            "id = \"ccm-7msp\"\nkind = \"invitation\"",
        );
        let source = Source::in_memory("delegation.toml", text);
        let delegation = run(&source, None, &["invitation".to_string()]).expect("valid");
        assert_eq!(delegation.meetings[0].template, "invitation");
        assert_eq!(delegation.meetings[0].kind, NoteKind::Delegation);
        let problems = run(&source, None, &[]).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "unknown kind `invitation`");
    }
}
