//! Raw delegation -> validated delegation, or every problem in the file at once.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::dates::Date;
use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::input::Source;
use crate::model::{
    Amends, Change, Delegation, Image, ImageFormat, Language, Local, Meeting, Member, Mission,
    NoteKind, Paper, PdfA, Recipient, Role, Signatory,
};
use crate::parse::{
    Field, LocalText, Parsed, RawAmends, RawLocal, RawMeeting, RawMember, RawMission, RawRecipient,
    RawSignatory, Sp,
};

/// Tells whether the note's fonts can draw a character.
pub type Coverage<'a> = &'a dyn Fn(char) -> bool;

/// Checks the meaning of a parsed file and builds the delegation. Reads the emblem from disk
/// (relative to the file). Returns every problem found, together with those from parsing.
pub fn validate(
    parsed: Parsed,
    source: &Source,
    covers: Coverage,
    forced: Option<Language>,
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
    let pdf_a = raw
        .pdf_a
        .given()
        .map(|_| v.choice(&raw.pdf_a, "PDF/A profile", &PdfA::ALL, PdfA::A2b));
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
            (own, forced.or(own).unwrap_or(language), kind)
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
struct Needed {
    language: Language,
    note: String,
    /// Where the note's kind is said (or the meeting), for messages about what it needs.
    span: Range<usize>,
}

fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

struct Validator<'a> {
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

    fn mission(&mut self, raw: &RawMission, needed: &[Needed]) -> Option<Mission> {
        let place = "in `[mission]`";
        let local = |v: &mut Self, field: &LocalText, key: &str, required: bool| {
            v.local(
                field,
                key,
                &format!("mission.{key}"),
                &raw.span,
                place,
                needed,
                required,
            )
        };
        let name = local(self, &raw.name, "name", true);
        let short_name = local(self, &raw.short_name, "short_name", true);
        let city = local(self, &raw.city, "city", true);
        let state = local(self, &raw.state, "state", false);
        let emblem = match raw.emblem.given() {
            Some(path) => Some(self.image(path)?),
            None => None,
        };
        Some(Mission {
            name: name.ok()??,
            short_name: short_name.ok()??,
            city: city.ok()??,
            state: state.ok()?,
            emblem,
        })
    }

    fn image(&mut self, path: &Sp<String>) -> Option<Image> {
        let full = self.source.base_dir().join(&path.value);
        let bytes = match std::fs::read(&full) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!("cannot read the emblem `{}`: {error}", full.display()),
                    )
                    .hint("the path is relative to the delegation file; remove `emblem` to print no emblem"),
                );
                return None;
            }
        };
        let format = match imagesize::image_type(&bytes) {
            Ok(imagesize::ImageType::Png) => ImageFormat::Png,
            Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
            _ => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!("the emblem `{}` is not a PNG or JPEG image", path.value),
                    )
                    .hint("convert it to PNG (best for drawn emblems) or JPEG"),
                );
                return None;
            }
        };
        match imagesize::blob_size(&bytes) {
            Ok(size) if size.width > 0 && size.height > 0 => Some(Image {
                path: full,
                bytes: Arc::new(bytes),
                format,
                width_px: size.width as u32,
                height_px: size.height as u32,
            }),
            _ => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!(
                            "the emblem `{}` is damaged: its size cannot be read",
                            path.value
                        ),
                    )
                    .hint("open and save it again in an image editor"),
                );
                None
            }
        }
    }

    fn meeting(
        &mut self,
        raw: &RawMeeting,
        language: Language,
        (kind, template): (NoteKind, String),
        needed: &[Needed],
    ) -> Option<Meeting> {
        let place = "in `[[meeting]]`";
        let id = self.required(&raw.id, "id", &raw.span, place);
        let id = id.and_then(|id| self.safe_id(&id, raw.id.given()?));
        let title = self.local(
            &raw.title,
            "title",
            "meeting.title",
            &raw.span,
            place,
            needed,
            true,
        );
        let city = self.local(
            &raw.city,
            "city",
            "meeting.city",
            &raw.span,
            place,
            needed,
            true,
        );
        let amends = match (&raw.amends, kind) {
            (Some(amends), _) => self.amends(amends),
            (None, NoteKind::Amendment) => {
                self.push(
                    Diagnostic::at(raw.span.clone(), "an amendment must say which note it amends")
                        .label("`kind = \"amendment\"` without `amends`")
                        .hint("add `amends = { reference = \"GVA/2017/0815\", date = 2017-08-15 }`: the earlier note's reference and date"),
                );
                None
            }
            (None, _) => None,
        };
        let start = self.required_date(&raw.start, "start", &raw.span);
        let end = self.required_date(&raw.end, "end", &raw.span);
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                let span = raw.end.given().map_or(raw.span.clone(), |e| e.span.clone());
                self.push(
                    Diagnostic::at(
                        span,
                        format!("the meeting ends ({end}) before it starts ({start})"),
                    )
                    .label("`end` is before `start`")
                    .hint("swap `start` and `end`, or correct the year"),
                );
            }
        }
        let reference = self.required(&raw.reference, "reference", &raw.span, place);
        let date = self.required_date(&raw.date, "date", &raw.span);
        let recipient = match &raw.recipient {
            Some(recipient) => self.recipient(recipient, needed),
            None => {
                self.push(
                    Diagnostic::at(raw.span.clone(), "missing `[meeting.recipient]` table").hint(
                        "add `[meeting.recipient]` with `name` and `address` after this meeting",
                    ),
                );
                None
            }
        };
        if kind == NoteKind::Amendment && amends.is_none() {
            return None;
        }
        Some(Meeting {
            id: id?,
            title: title.ok()??,
            city: city.ok()??,
            language,
            kind,
            template,
            amends,
            start: start?,
            end: end?,
            reference: reference?,
            date: date?,
            recipient: recipient?,
        })
    }

    /// Meeting ids name output files, so they must be plain file names.
    fn safe_id(&mut self, id: &str, given: &Sp<String>) -> Option<String> {
        let safe = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && id.starts_with(|c: char| c.is_ascii_alphanumeric());
        if safe {
            return Some(id.to_string());
        }
        self.push(
            Diagnostic::at(given.span.clone(), format!("meeting id `{id}` cannot name a file"))
                .label("used for the output file names")
                .hint("use letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `ccm-7msp`"),
        );
        None
    }

    fn unique_ids(&mut self, meetings: &[RawMeeting]) {
        let mut seen = HashSet::new();
        for id in meetings.iter().filter_map(|m| m.id.given()) {
            if !seen.insert(id.value.as_str()) {
                self.push(
                    Diagnostic::at(
                        id.span.clone(),
                        format!("meeting id `{}` is used twice", id.value),
                    )
                    .hint("each meeting needs its own id: it names the output files"),
                );
            }
        }
    }

    fn required_date(
        &mut self,
        field: &Field<Date>,
        key: &str,
        table: &Range<usize>,
    ) -> Option<Date> {
        match field {
            Field::Given(date) => Some(date.value),
            Field::Invalid => None,
            Field::Absent => {
                self.push(
                    Diagnostic::at(
                        table.clone(),
                        format!("missing field `{key}` in `[[meeting]]`"),
                    )
                    .label(format!("this meeting needs `{key}`"))
                    .hint(format!("add `{key} = 2017-09-04` (a bare TOML date)")),
                );
                None
            }
        }
    }

    fn recipient(&mut self, raw: &RawRecipient, needed: &[Needed]) -> Option<Recipient> {
        let place = "in `[meeting.recipient]`";
        let path = "meeting.recipient.address";
        let name = self.local(
            &raw.name,
            "name",
            "meeting.recipient.name",
            &raw.span,
            place,
            needed,
            true,
        );
        let address = match &raw.address {
            Field::Given(given) => match &given.value {
                RawLocal::Same(lines) => self.lines(lines, &given.span).map(Local::Same),
                RawLocal::PerLanguage(items) => {
                    let mut values = Vec::new();
                    let mut ok = true;
                    for (code, lines) in items {
                        let language = self.language_key(code, path);
                        match (language, self.lines(&lines.value, &lines.span)) {
                            (Some(language), Some(lines)) => values.push((language, lines)),
                            _ => ok = false,
                        }
                    }
                    ok &= self.translations(&values, path, &given.span, needed);
                    ok.then_some(Local::PerLanguage(values))
                }
            },
            Field::Invalid => None,
            Field::Absent => {
                self.push(
                    Diagnostic::at(raw.span.clone(), format!("missing field `address` {place}"))
                        .hint("add `address = [\"...\", \"...\"]`, one string per line"),
                );
                None
            }
        };
        let email = self.optional(&raw.email, "email");
        Some(Recipient {
            name: name.ok()??,
            address: address?,
            email,
        })
    }

    fn lines(&mut self, lines: &[Sp<String>], span: &Range<usize>) -> Option<Vec<String>> {
        if lines.is_empty() {
            self.push(Diagnostic::at(span.clone(), "`address` has no lines").hint(
                "list the address lines, e.g. `[\"Palais des Nations\", \"CH-1211 Geneva 10\"]`",
            ));
            return None;
        }
        let lines: Vec<Option<String>> = lines
            .iter()
            .map(|line| self.text(line, "address"))
            .collect();
        all(lines)
    }

    fn amends(&mut self, raw: &RawAmends) -> Option<Amends> {
        let reference = self.required(&raw.reference, "reference", &raw.span, "in `amends`");
        let date = match &raw.date {
            Field::Given(date) => Some(date.value),
            Field::Invalid => None,
            Field::Absent => {
                self.push(
                    Diagnostic::at(raw.span.clone(), "missing field `date` in `amends`")
                        .hint("add the earlier note's date: `date = 2017-08-15`"),
                );
                None
            }
        };
        Some(Amends {
            reference: reference?,
            date: date?,
        })
    }

    fn signatory(&mut self, raw: Option<&RawSignatory>, letters: &[Needed]) -> Option<Signatory> {
        let Some(raw) = raw else {
            if let Some(letter) = letters.first() {
                self.push(
                    Diagnostic::at(
                        letter.span.clone(),
                        format!(
                            "{} is a letter, but the file has no `[signatory]`",
                            letter.note
                        ),
                    )
                    .hint("a letter is signed: add `[signatory]` with `name` and `title`"),
                );
            }
            return None;
        };
        let place = "in `[signatory]`";
        let name = self.required(&raw.name, "name", &raw.span, place);
        let title = self.local(
            &raw.title,
            "title",
            "signatory.title",
            &raw.span,
            place,
            letters,
            true,
        );
        Some(Signatory {
            name: name?,
            title: title.ok()??,
        })
    }

    fn member(&mut self, raw: &RawMember, meeting_ids: &[&str]) -> Option<Member> {
        let place = "in `[[member]]`";
        let role = match &raw.role {
            Field::Given(role) => self.role(role),
            Field::Invalid => None,
            Field::Absent => {
                let roles: Vec<&str> = Role::ALL.iter().map(|(k, _)| *k).collect();
                self.push(
                    Diagnostic::at(raw.span.clone(), format!("missing field `role` {place}"))
                        .hint(format!("add `role = \"...\"`, one of {}", one_of(&roles))),
                );
                None
            }
        };
        let title = self.optional(&raw.title, "title");
        let name = self.required(&raw.name, "name", &raw.span, place);
        let function = self.optional(&raw.function, "function");
        let institution = self.optional(&raw.institution, "institution");
        let email = self.optional(&raw.email, "email");
        let meetings = match &raw.meetings {
            Field::Given(ids) => {
                for id in &ids.value {
                    if !meeting_ids.contains(&id.value.as_str()) {
                        let mut diagnostic = Diagnostic::at(
                            id.span.clone(),
                            format!("no meeting has the id `{}`", id.value),
                        )
                        .hint(format!("the meetings are {}", one_of(meeting_ids)));
                        if let Some(close) = did_you_mean(&id.value, meeting_ids) {
                            diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
                        }
                        self.push(diagnostic);
                    }
                }
                Some(ids.value.iter().map(|id| id.value.clone()).collect())
            }
            _ => None,
        };
        let change = raw.change.given().and_then(|change| {
            let wanted = change.value.trim().to_ascii_lowercase();
            let found = Change::ALL
                .iter()
                .find(|(key, _)| *key == wanted)
                .map(|(_, c)| *c);
            if found.is_none() {
                let keys: Vec<&str> = Change::ALL.iter().map(|(k, _)| *k).collect();
                self.push(
                    Diagnostic::at(
                        change.span.clone(),
                        format!("unknown change `{}`", change.value),
                    )
                    .hint(format!("the changes are {}", one_of(&keys))),
                );
            }
            found
        });
        if raw.change.given().is_some() && change.is_none() {
            return None;
        }
        Some(Member {
            role: role?,
            title,
            name: name?,
            function,
            institution,
            email,
            meetings,
            change,
        })
    }

    fn role(&mut self, role: &Sp<String>) -> Option<Role> {
        let wanted = role.value.trim().to_ascii_lowercase();
        if let Some((_, found)) = Role::ALL.iter().find(|(key, _)| *key == wanted) {
            return Some(*found);
        }
        let keys: Vec<&str> = Role::ALL.iter().map(|(key, _)| *key).collect();
        let mut diagnostic =
            Diagnostic::at(role.span.clone(), format!("unknown role `{}`", role.value));
        diagnostic = match did_you_mean(&wanted, &keys) {
            Some(close) => diagnostic.hint(format!("did you mean `{close}`?")),
            None => diagnostic,
        };
        self.push(diagnostic.hint(format!("the roles are {}", one_of(&keys))));
        None
    }

    /// Every note names exactly one head of delegation.
    fn one_head_per_meeting(
        &mut self,
        raw_meetings: &[RawMeeting],
        raw_members: &[RawMember],
        members: &[Option<Member>],
        meetings: &[Option<Meeting>],
    ) {
        if members.iter().any(Option::is_none) {
            return; // a member that failed already has its own message
        }
        for (raw_meeting, meeting) in raw_meetings.iter().zip(meetings) {
            let Some(meeting) = meeting else { continue };
            let note = format!("the note for `{}`", meeting.id);
            let listed = raw_members.iter().zip(members).filter_map(|(raw, member)| {
                let member = member.as_ref()?;
                member.attends(meeting).then_some((raw, member))
            });
            if meeting.kind == NoteKind::Amendment {
                let changed: Vec<_> = listed.filter(|(_, m)| m.change.is_some()).collect();
                let new_heads: Vec<_> = changed
                    .iter()
                    .filter(|(_, m)| m.change == Some(Change::Head))
                    .collect();
                if changed.is_empty() {
                    self.push(
                        Diagnostic::at(raw_meeting.span.clone(), format!("{note} is an amendment but no member has a `change`"))
                            .hint("mark the members it concerns with `change = \"add\"`, `\"remove\"` or `\"head\"`"),
                    );
                } else if let [_, (second, _), ..] = new_heads.as_slice() {
                    self.push(
                        Diagnostic::at(second.change.given().map_or(second.span.clone(), |c| c.span.clone()), format!("{note} names {} new heads of delegation", new_heads.len()))
                            .hint("a delegation has one head: only one member can have `change = \"head\"`"),
                    );
                }
                continue;
            }
            let heads: Vec<&RawMember> = listed
                .filter(|(_, m)| m.role == Role::Head && m.change != Some(Change::Remove))
                .map(|(raw, _)| raw)
                .collect();
            match heads.as_slice() {
                [_] => {}
                [] => self.push(
                    Diagnostic::at(raw_meeting.span.clone(), format!("{note} has no head of delegation"))
                        .hint("give one member `role = \"head\"` (and list this meeting in their `meetings`, if they have that field)"),
                ),
                [_, second, ..] => self.push(
                    Diagnostic::at(second.role.given().map_or(second.span.clone(), |r| r.span.clone()), format!("{note} has {} heads of delegation", heads.len()))
                        .label("a second head")
                        .hint("a delegation has exactly one head; make the others `deputy` or `representative`"),
                ),
            }
        }
    }
}

fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}
