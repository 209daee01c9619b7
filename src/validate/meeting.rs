//! Meetings: ids, dates, the recipient, the note an amendment amends.

use std::collections::HashSet;
use std::ops::Range;

use crate::dates::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{Amends, Language, Local, Meeting, NoteKind, Recipient};
use crate::parse::{Field, RawAmends, RawLocal, RawMeeting, RawRecipient, Sp};

use super::{all, Needed, Validator};

/// The most lines an address may have: the addressee block stands at the foot of page 1 and
/// must leave room for the note above it.
pub const MAX_ADDRESS_LINES: usize = 8;

/// The most items `enclosure` or `cc` may list: they follow the seal on the page.
pub const MAX_NOTATION_LINES: usize = 8;

/// The longest meeting id: with `.en.docx` and the temporary name it is written under, a file
/// name stays far below the 255 bytes file systems allow.
pub const MAX_ID_BYTES: usize = 100;

/// `CON`, `NUL`, `COM1`, ... : names Windows gives to devices, with or without an extension.
fn reserved_on_windows(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id).to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}
/// The reference that asks the register for the next number.
pub(crate) const AUTO: &str = "auto";

impl Validator<'_> {
    pub(super) fn meeting(
        &mut self,
        raw: &RawMeeting,
        languages: &[Language],
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
        let subject = self.local(
            &raw.subject,
            "subject",
            "meeting.subject",
            &raw.span,
            place,
            needed,
            false,
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
        let amends = self.meeting_amends(raw, kind);
        let (start, end) = self.meeting_dates(raw);
        let (reference, auto_reference) = self.meeting_reference(raw, place);
        let reference_span = raw
            .reference
            .given()
            .map_or(raw.span.clone(), |r| r.span.clone());
        let date = self.required_date(&raw.date, "date", &raw.span);
        let recipient = self.meeting_recipient(raw, needed);
        let mail_cc = self.copies(&raw.mail_cc);
        let enclosures = self.notation(&raw.enclosure, "enclosure", needed);
        let cc = self.notation(&raw.cc, "cc", needed);
        if kind == NoteKind::Amendment && amends.is_none() {
            return None;
        }
        Some(Meeting {
            mail_cc,
            enclosures: enclosures?,
            cc: cc?,
            subject: subject.ok()?,
            id: id?,
            title: title.ok()??,
            city: city.ok()??,
            languages: languages.to_vec(),
            kind,
            template,
            amends,
            start: start?,
            end: end?,
            reference: reference?,
            auto_reference,
            reference_span,
            date: date?,
            recipient: recipient?,
        })
    }

    /// The note an amendment amends; an amendment without `amends` is reported.
    fn meeting_amends(&mut self, raw: &RawMeeting, kind: NoteKind) -> Option<Amends> {
        match (&raw.amends, kind) {
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
        }
    }

    /// The first and last days of the meeting, the last not before the first.
    fn meeting_dates(&mut self, raw: &RawMeeting) -> (Option<Date>, Option<Date>) {
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
        (start, end)
    }

    /// The note's reference, and whether the register gives it: `auto` stands for a reference
    /// given when the note is written, and leaves the reference empty until then.
    fn meeting_reference(&mut self, raw: &RawMeeting, place: &str) -> (Option<String>, bool) {
        let reference = self.required(&raw.reference, "reference", &raw.span, place);
        let auto_reference = reference.as_deref() == Some(AUTO);
        let reference = reference.map(|r| if auto_reference { String::new() } else { r });
        (reference, auto_reference)
    }

    /// The meeting's recipient; a meeting without `[meeting.recipient]` is reported.
    fn meeting_recipient(&mut self, raw: &RawMeeting, needed: &[Needed]) -> Option<Recipient> {
        match &raw.recipient {
            Some(recipient) => self.recipient(recipient, needed),
            None => {
                self.push(
                    Diagnostic::at(raw.span.clone(), "missing `[meeting.recipient]` table").hint(
                        "add `[meeting.recipient]` with `name` and `address` after this meeting",
                    ),
                );
                None
            }
        }
    }

    /// Meeting ids name output files, so they must be plain file names that every system can
    /// open: not too long, and none of the names Windows keeps for its devices.
    pub(super) fn safe_id(&mut self, id: &str, given: &Sp<String>) -> Option<String> {
        let safe = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && id.starts_with(|c: char| c.is_ascii_alphanumeric());
        let problem = |message: String, hint: &str| {
            Diagnostic::at(given.span.clone(), message)
                .label("used for the output file names")
                .hint(hint.to_string())
        };
        if !safe {
            self.push(problem(
                format!("meeting id `{id}` cannot name a file"),
                "use letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `ccm-7msp`",
            ));
            return None;
        }
        if id.len() > MAX_ID_BYTES {
            self.push(problem(
                format!(
                    "meeting id `{}…` is {} characters long, more than the {MAX_ID_BYTES} a file name can take",
                    &id[..24],
                    id.len()
                ),
                "use a short id such as `ccm-7msp`; the meeting's title is printed, not its id",
            ));
            return None;
        }
        if reserved_on_windows(id) {
            self.push(problem(
                format!("meeting id `{id}` names a device on Windows, where the notes could not be opened"),
                "add to it, e.g. `con-2026` instead of `con`",
            ));
            return None;
        }
        Some(id.to_string())
    }

    /// Ids that differ only in case name the same files on Windows and macOS disks.
    pub(super) fn unique_ids(&mut self, meetings: &[RawMeeting]) {
        let mut seen = HashSet::new();
        for id in meetings.iter().filter_map(|m| m.id.given()) {
            if !seen.insert(id.value.to_ascii_lowercase()) {
                self.push(
                    Diagnostic::at(
                        id.span.clone(),
                        format!("meeting id `{}` is used twice", id.value),
                    )
                    .hint("each meeting needs its own id: it names the output files, and ids that differ only in case name the same files on Windows and macOS"),
                );
            }
        }
    }

    pub(super) fn required_date(
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

    pub(super) fn recipient(&mut self, raw: &RawRecipient, needed: &[Needed]) -> Option<Recipient> {
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
            Field::Given(given) => self.local_lines(given, path, needed, Self::lines),
            Field::Invalid => None,
            Field::Absent => {
                self.push(
                    Diagnostic::at(raw.span.clone(), format!("missing field `address` {place}"))
                        .hint("add `address = [\"...\", \"...\"]`, one string per line"),
                );
                None
            }
        };
        let email = self.recipient_address(&raw.email, &raw.span);
        let number = self.stated(&raw.number, "number", &crate::model::Number::ALL);
        let gender = self.stated(&raw.gender, "gender", &crate::model::Gender::ALL);
        if raw.gender == Field::Absent {
            self.recipient_gender_needed(raw, needed);
        }
        Some(Recipient {
            name: name.ok()??,
            address: address?,
            email,
            number,
            gender,
        })
    }

    /// A note in Arabic refers to its recipient as he or she (تبلغه / تبلغها), and a name does
    /// not tell which: a recipient without `gender` is reported for the first Arabic note.
    fn recipient_gender_needed(&mut self, raw: &RawRecipient, needed: &[Needed]) {
        let Some(need) = needed.iter().find(|n| n.language == Language::Arabic) else {
            return;
        };
        self.push(
            Diagnostic::at(
                raw.span.clone(),
                format!(
                    "missing field `gender` in `[meeting.recipient]`, which {} in Arabic needs",
                    need.note
                ),
            )
            .label("an Arabic note refers to the recipient as he or she: تبلغه or تبلغها")
            .hint("add `gender = \"m\"` for a masculine name (مكتب …، فرع …) or `gender = \"f\"` for a feminine one (الأمانة …، اللجنة …): the name's first noun decides, and verbale never guesses it"),
        );
    }

    pub(super) fn lines(
        &mut self,
        lines: &[Sp<String>],
        span: &Range<usize>,
    ) -> Option<Vec<String>> {
        if lines.is_empty() {
            self.push(Diagnostic::at(span.clone(), "`address` has no lines").hint(
                "list the address lines, e.g. `[\"Palais des Nations\", \"CH-1211 Geneva 10\"]`",
            ));
            return None;
        }
        if lines.len() > MAX_ADDRESS_LINES {
            self.push(
                Diagnostic::at(
                    span.clone(),
                    format!(
                        "`address` has {} lines, more than the {MAX_ADDRESS_LINES} an address block holds",
                        lines.len()
                    ),
                )
                .hint("keep the lines a letter needs to arrive: office, building, room, postcode and city"),
            );
            return None;
        }
        let lines: Vec<Option<String>> = lines
            .iter()
            .map(|line| self.text(line, "address"))
            .collect();
        all(lines)
    }

    /// `enclosure` and `cc`: lines of text printed after the seal, at most
    /// [`MAX_NOTATION_LINES`], the same in every language or given by language. `None` means a
    /// problem was reported.
    pub(super) fn notation(
        &mut self,
        field: &Field<RawLocal<Vec<Sp<String>>>>,
        key: &str,
        needed: &[Needed],
    ) -> Option<Local<Vec<String>>> {
        let given = match field {
            Field::Absent => return Some(Local::Same(Vec::new())),
            Field::Invalid => return None,
            Field::Given(given) => given,
        };
        self.local_lines(
            given,
            &format!("meeting.{key}"),
            needed,
            |v, items, span| v.notation_lines(items, span, key),
        )
    }

    /// The items of one `enclosure` or `cc` list.
    fn notation_lines(
        &mut self,
        items: &[Sp<String>],
        span: &Range<usize>,
        key: &str,
    ) -> Option<Vec<String>> {
        let given = Sp {
            value: items,
            span: span.clone(),
        };
        if given.value.is_empty() {
            self.push(
                Diagnostic::at(given.span.clone(), format!("`{key}` has no items")).hint(format!(
                    "list them, e.g. `{key} = [\"...\"]`, or remove the line"
                )),
            );
            return None;
        }
        if given.value.len() > MAX_NOTATION_LINES {
            self.push(
                Diagnostic::at(
                    given.span.clone(),
                    format!(
                        "`{key}` has {} items, more than the {MAX_NOTATION_LINES} a note prints",
                        given.value.len()
                    ),
                )
                .hint("name the main items, or enclose a list of them"),
            );
            return None;
        }
        let items: Vec<Option<String>> = given
            .value
            .iter()
            .map(|item| self.text(item, key))
            .collect();
        all(items)
    }

    pub(super) fn amends(&mut self, raw: &RawAmends) -> Option<Amends> {
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
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{check, problems, BASE};

    /// A second meeting, put before the members (its table starts on line 21).
    const SECOND: &str = "[[meeting]]
id = \"ccm-8msp\"
title = \"Eighth Meeting of States Parties\"
city = \"Geneva\"
start = 2018-09-03
end = 2018-09-05
reference = \"GVA/2018/0901\"
date = 2018-08-20

[meeting.recipient]
name = \"Office for Disarmament Affairs\"
address = [\"Palais des Nations\"]

[[member]]
role = \"head\"";

    #[test]
    fn ids_name_files() {
        check(&[
            (
                "id = \"ccm-7msp\"",
                "",
                "missing field `id` in `[[meeting]]`",
                "8:1",
                "add `id = \"...\"`",
            ),
            (
                "id = \"ccm-7msp\"",
                "id = \"../ccm-7msp\"",
                "meeting id `../ccm-7msp` cannot name a file",
                "9:6",
                "use letters, digits",
            ),
            (
                "id = \"ccm-7msp\"",
                "id = \".ccm\"",
                "meeting id `.ccm` cannot name a file",
                "9:6",
                "",
            ),
            (
                "id = \"ccm-7msp\"",
                "id = \"ccm 7msp\"",
                "meeting id `ccm 7msp` cannot name a file",
                "9:6",
                "",
            ),
            (
                "id = \"ccm-7msp\"",
                "id = \"ccm/7msp\"",
                "meeting id `ccm/7msp` cannot name a file",
                "9:6",
                "",
            ),
            (
                "[[member]]\nrole = \"head\"",
                &SECOND.replace("ccm-8msp", "ccm-7msp"),
                "meeting id `ccm-7msp` is used twice",
                "22:6",
                "each meeting needs its own id",
            ),
        ]);
    }

    #[test]
    fn two_meetings_with_their_own_ids_are_valid() {
        let text = BASE.replacen("[[member]]\nrole = \"head\"", SECOND, 1);
        assert!(problems(&text).is_empty(), "{:#?}", problems(&text));
    }

    #[test]
    fn dates() {
        check(&[
            (
                "end = 2017-09-06",
                "end = 2017-09-01",
                "the meeting ends (2017-09-01) before it starts (2017-09-04)",
                "13:7",
                "swap `start` and `end`",
            ),
            (
                "end = 2017-09-06",
                "end = 2016-09-06",
                "the meeting ends (2016-09-06) before it starts (2017-09-04)",
                "13:7",
                "correct the year",
            ),
            (
                "start = 2017-09-04\n",
                "",
                "missing field `start` in `[[meeting]]`",
                "8:1",
                "a bare TOML date",
            ),
            (
                "date = 2017-08-15",
                "",
                "missing field `date` in `[[meeting]]`",
                "8:1",
                "",
            ),
            (
                "start = 2017-09-04",
                "start = \"2017-09-04\"",
                "`start` must be a date, not a string",
                "12:9",
                "remove the quotes",
            ),
            (
                "start = 2017-09-04",
                "start = \"4 September\"",
                "`start` must be a date, not a string",
                "12:9",
                "write it like this: `start = 2017-09-04`",
            ),
            (
                "start = 2017-09-04",
                "start = 2017-09-04T10:00:00",
                "`start` must be a date without a time",
                "12:9",
                "",
            ),
            (
                "date = 2017-08-15",
                "date = 20170815",
                "`date` must be a date, not an integer",
                "15:8",
                "",
            ),
        ]);
    }

    #[test]
    fn a_one_day_meeting_is_valid() {
        let text = BASE.replace("end = 2017-09-06", "end = 2017-09-04");
        assert!(problems(&text).is_empty(), "{:#?}", problems(&text));
    }

    #[test]
    fn titles_and_recipients() {
        check(&[
            ("title = \"Seventh Meeting of States Parties\"\n", "", "missing field `title` in `[[meeting]]`", "8:1", ""),
            ("[meeting.recipient]\nname = \"Office for Disarmament Affairs\"\naddress = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]\n", "", "missing `[meeting.recipient]` table", "8:1", "add `[meeting.recipient]`"),
            ("name = \"Office for Disarmament Affairs\"\n", "", "missing field `name` in `[meeting.recipient]`", "17:1", ""),
            ("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "", "missing field `address` in `[meeting.recipient]`", "17:1", "one string per line"),
            ("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "address = []", "`address` has no lines", "19:11", ""),
            ("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "address = \"Palais des Nations\"", "`address` must be an array of strings, not a string", "19:11", ""),
            ("address = [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", "address = [\"Palais des Nations\", 1211]", "must be a string, not an integer", "19:34", ""),
            ("\"CH-1211 Geneva 10\"", "\"CH-1211\\nGeneva 10\"", "`address` contains the control character U+000A", "19:34", ""),
        ]);
    }

    #[test]
    fn amendments_name_the_note_they_amend() {
        check(&[
            ("id = \"ccm-7msp\"", "id = \"ccm-7msp\"\nkind = \"amendment\"", "an amendment must say which note it amends", "8:1", "the earlier note's reference and date"),
            ("id = \"ccm-7msp\"", "id = \"ccm-7msp\"\nkind = \"amendment\"\namends = { reference = \"GVA/2017/0815\" }", "missing field `date` in `amends`", "11:10", "the earlier note's date"),
            ("id = \"ccm-7msp\"", "id = \"ccm-7msp\"\nkind = \"amendment\"\namends = { date = 2017-08-15 }", "missing field `reference` in `amends`", "11:10", ""),
        ]);
    }
}
