//! Raw delegation -> validated delegation, or every problem in the file at once.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::dates::Date;
use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::input::Source;
use crate::model::{
    Delegation, Image, ImageFormat, Language, Meeting, Member, Mission, Paper, Recipient, Role,
};
use crate::parse::{Field, Parsed, RawMeeting, RawMember, RawMission, RawRecipient, Sp};

/// Tells whether the note's fonts can draw a character.
pub type Coverage<'a> = &'a dyn Fn(char) -> bool;

/// Checks the meaning of a parsed file and builds the delegation. Reads the emblem from disk
/// (relative to the file). Returns every problem found, together with those from parsing.
pub fn validate(
    parsed: Parsed,
    source: &Source,
    covers: Coverage,
) -> Result<Delegation, Vec<Diagnostic>> {
    let mut v = Validator {
        diagnostics: parsed.diagnostics,
        source,
        covers,
    };
    let raw = parsed.raw;
    let language = v.choice(&raw.language, "language", &Language::ALL, Language::English);
    let paper = v.choice(&raw.paper, "paper", &Paper::ALL, Paper::A4);
    let mission = match &raw.mission {
        Some(mission) => v.mission(mission),
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
    let meetings: Vec<Option<Meeting>> = raw.meetings.iter().map(|m| v.meeting(m)).collect();
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
            mission,
            meetings,
            members,
        }),
        // Every `None` above was reported, so this is unreachable in practice; keep a message
        // rather than a panic all the same.
        _ => Err(vec![Diagnostic::whole_file("the delegation is incomplete")]),
    }
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

    fn mission(&mut self, raw: &RawMission) -> Option<Mission> {
        let place = "in `[mission]`";
        let name = self.required(&raw.name, "name", &raw.span, place);
        let short_name = self.required(&raw.short_name, "short_name", &raw.span, place);
        let city = self.required(&raw.city, "city", &raw.span, place);
        let state = self.optional(&raw.state, "state");
        let emblem = match raw.emblem.given() {
            Some(path) => Some(self.image(path)?),
            None => None,
        };
        Some(Mission {
            name: name?,
            short_name: short_name?,
            city: city?,
            state,
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

    fn meeting(&mut self, raw: &RawMeeting) -> Option<Meeting> {
        let place = "in `[[meeting]]`";
        let id = self.required(&raw.id, "id", &raw.span, place);
        let id = id.and_then(|id| self.safe_id(&id, raw.id.given()?));
        let title = self.required(&raw.title, "title", &raw.span, place);
        let city = self.required(&raw.city, "city", &raw.span, place);
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
            Some(recipient) => self.recipient(recipient),
            None => {
                self.push(
                    Diagnostic::at(raw.span.clone(), "missing `[meeting.recipient]` table").hint(
                        "add `[meeting.recipient]` with `name` and `address` after this meeting",
                    ),
                );
                None
            }
        };
        Some(Meeting {
            id: id?,
            title: title?,
            city: city?,
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

    fn recipient(&mut self, raw: &RawRecipient) -> Option<Recipient> {
        let place = "in `[meeting.recipient]`";
        let name = self.required(&raw.name, "name", &raw.span, place);
        let address = match &raw.address {
            Field::Given(lines) if lines.value.is_empty() => {
                self.push(
                    Diagnostic::at(lines.span.clone(), "`address` has no lines")
                        .hint("list the address lines, e.g. `[\"Palais des Nations\", \"CH-1211 Geneva 10\"]`"),
                );
                None
            }
            Field::Given(lines) => {
                let lines: Vec<Option<String>> = lines
                    .value
                    .iter()
                    .map(|line| self.text(line, "address"))
                    .collect();
                all(lines)
            }
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
            name: name?,
            address: address?,
            email,
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
        Some(Member {
            role: role?,
            title,
            name: name?,
            function,
            institution,
            email,
            meetings,
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
            let heads: Vec<&RawMember> = raw_members
                .iter()
                .zip(members)
                .filter_map(|(raw, member)| {
                    let member = member.as_ref()?;
                    (member.role == Role::Head && member.attends(meeting)).then_some(raw)
                })
                .collect();
            let note = format!("the note for `{}`", meeting.id);
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
