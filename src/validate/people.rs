//! Members, roles, heads of delegation and the signatory of letters.

use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::model::words::{self, Meant};
use crate::model::{Change, Language, Meeting, Member, NoteKind, Role, Signatory};
use crate::parse::{Field, RawMeeting, RawMember, RawSignatory, Sp};

use super::{Needed, Validator};

impl Validator<'_> {
    pub(super) fn signatory(
        &mut self,
        raw: Option<&RawSignatory>,
        letters: &[Needed],
    ) -> Option<Signatory> {
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

    /// A member; `notes` are the meetings' ids and the languages their notes need, of which
    /// those the member attends decide the languages a per-language field must give.
    pub(super) fn member(
        &mut self,
        raw: &RawMember,
        meeting_ids: &[&str],
        notes: &[(Option<&str>, Needed)],
    ) -> Option<Member> {
        let place = "in `[[member]]`";
        let attended = attended(raw, notes);
        let local = |v: &mut Self, field, key: &str| {
            v.local(
                field,
                key,
                &format!("member.{key}"),
                &raw.span,
                place,
                &attended,
                false,
            )
            .ok()
            .flatten()
        };
        let languages = hint_languages(&attended, notes.is_empty());
        let role = match &raw.role {
            Field::Given(role) => self.role(role, &languages),
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
        let title = local(self, &raw.title, "title");
        let name = self.required(&raw.name, "name", &raw.span, place);
        let function = local(self, &raw.function, "function");
        let institution = local(self, &raw.institution, "institution");
        let email = self.optional(&raw.email, "email");
        let meetings = self.member_meetings(&raw.meetings, meeting_ids);
        let change = self.change(&raw.change);
        if raw.change.given().is_some() && change.is_none() {
            return None;
        }
        let gender = self.stated(&raw.gender, "gender", &crate::model::Gender::ALL);
        let attendance = self.attendance(&raw.attends, &languages);
        let replaces = self.replaces(raw, change, &attended);
        if raw.attends.given().is_some() && attendance.is_none() {
            return None;
        }
        Some(Member {
            gender,
            attendance,
            replaces: replaces.ok()?,
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

    /// The meetings a member's `meetings` lists, each an id of a meeting of the file;
    /// `None` when the field is not given (the member attends every meeting).
    fn member_meetings(
        &mut self,
        field: &Field<Vec<Sp<String>>>,
        meeting_ids: &[&str],
    ) -> Option<Vec<String>> {
        match field {
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
        }
    }

    /// What an amendment changes about a member (`add`, `remove`, `head`), when stated;
    /// `None` too when the word is unknown, which is reported.
    fn change(&mut self, field: &Field<String>) -> Option<Change> {
        field.given().and_then(|change| {
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
        })
    }

    /// A role key; an unknown one is reported with what it may have meant and the roles, with
    /// their words in the languages of the member's notes.
    pub(super) fn role(&mut self, role: &Sp<String>, languages: &[Language]) -> Option<Role> {
        let wanted = role.value.trim().to_ascii_lowercase();
        if let Some((_, found)) = Role::ALL.iter().find(|(key, _)| *key == wanted) {
            return Some(*found);
        }
        let mut diagnostic =
            Diagnostic::at(role.span.clone(), format!("unknown role `{}`", role.value));
        if let Some(meant) = words::closest_role(&role.value) {
            diagnostic = diagnostic.hint(did_you_mean_word(meant));
        }
        self.push(diagnostic.hint(format!("the roles are {}", words::role_names(languages))));
        None
    }

    /// Every note names exactly one head of delegation.
    pub(super) fn one_head_per_meeting(
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

/// The notes a member is named in: every note, or those of the meetings the member's
/// `meetings` lists.
fn attended(raw: &RawMember, notes: &[(Option<&str>, Needed)]) -> Vec<Needed> {
    notes
        .iter()
        .filter(|(id, _)| {
            raw.meetings.given().is_none_or(|ids| {
                ids.value
                    .iter()
                    .any(|wanted| Some(wanted.value.as_str()) == *id)
            })
        })
        .map(|(_, need)| need.clone())
        .collect()
}

/// The languages of a member's notes, in which hints name roles and ways of attending; every
/// one when no note is known (a spreadsheet imported alone, which may use any of them).
fn hint_languages(attended: &[Needed], no_notes: bool) -> Vec<Language> {
    if no_notes {
        return Language::ALL
            .iter()
            .map(|(_, language)| *language)
            .collect();
    }
    let mut languages: Vec<Language> = Vec::new();
    for need in attended {
        if !languages.contains(&need.language) {
            languages.push(need.language);
        }
    }
    languages
}

/// "did you mean `adviser` (Conseiller)?": the key, and the word of a language it was found
/// as. A word of a note's language written exactly is what a sheet accepts, not a file.
pub(super) fn did_you_mean_word(meant: Meant) -> String {
    match meant.word {
        None => format!("did you mean `{}`?", meant.key),
        Some((language, word)) if meant.exact && language != Language::English => format!(
            "did you mean `{}` ({word})? the file writes it in English, whatever the note's \
             language",
            meant.key
        ),
        Some((_, word)) => format!("did you mean `{}` ({word})?", meant.key),
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{check, problems, BASE};

    /// Turns the base meeting into an amendment of an earlier note.
    const AMENDMENT: &str = "id = \"ccm-7msp\"
kind = \"amendment\"
amends = { reference = \"GVA/2017/0815\", date = 2017-08-15 }";

    #[test]
    fn roles() {
        check(&[
            ("role = \"adviser\"", "role = \"advisor\"", "unknown role `advisor`", "26:8", "did you mean `adviser`?"),
            ("role = \"head\"", "role = \"hed\"", "unknown role `hed`", "22:8", "did you mean `head`?"),
            ("role = \"adviser\"", "role = \"chauffeur\"", "unknown role `chauffeur`", "26:8", "the roles are `head`, `deputy`, `representative`, `alternate`, `adviser`, `expert` or `member`"),
            ("role = \"adviser\"\n", "", "missing field `role` in `[[member]]`", "25:1", "one of `head`, `deputy`"),
            ("name = \"Şükrü Çelik\"", "", "missing field `name` in `[[member]]`", "25:1", ""),
            ("role = \"adviser\"", "role = [\"adviser\"]", "`role` must be a string, not an array", "26:8", ""),
            ("role = \"adviser\"", "role = \"adviser\"\nrank = \"first\"", "unknown field `rank` in `[[member]]`", "27:1", "the fields here are `role`, `title`, `name`"),
        ]);
    }

    #[test]
    fn roles_ignore_case_and_spaces() {
        let text = BASE.replace("role = \"adviser\"", "role = \" Adviser \"");
        assert!(problems(&text).is_empty(), "{:#?}", problems(&text));
    }

    #[test]
    fn each_note_has_exactly_one_head() {
        check(&[
            (
                "role = \"head\"",
                "role = \"deputy\"",
                "the note for `ccm-7msp` has no head of delegation",
                "8:1",
                "give one member `role = \"head\"`",
            ),
            (
                "role = \"adviser\"",
                "role = \"head\"",
                "the note for `ccm-7msp` has 2 heads of delegation",
                "26:8",
                "make the others `deputy`",
            ),
            // The head goes to another meeting only, so this note has none.
            (
                "name = \"Ana Müller\"",
                "name = \"Ana Müller\"\nmeetings = []",
                "the note for `ccm-7msp` has no head of delegation",
                "8:1",
                "list this meeting in their `meetings`",
            ),
        ]);
    }

    #[test]
    fn members_name_existing_meetings() {
        check(&[
            (
                "name = \"Şükrü Çelik\"",
                "name = \"Şükrü Çelik\"\nmeetings = [\"ccm-7mps\"]",
                "no meeting has the id `ccm-7mps`",
                "28:13",
                "did you mean `ccm-7msp`?",
            ),
            (
                "name = \"Şükrü Çelik\"",
                "name = \"Şükrü Çelik\"\nmeetings = \"ccm-7msp\"",
                "`meetings` must be an array of strings, not a string",
                "28:12",
                "",
            ),
        ]);
    }

    #[test]
    fn amendments_mark_the_members_they_change() {
        check(&[
            (
                "id = \"ccm-7msp\"",
                AMENDMENT,
                "the note for `ccm-7msp` is an amendment but no member has a `change`",
                "8:1",
                "`change = \"add\"`",
            ),
            (
                "name = \"Şükrü Çelik\"",
                "name = \"Şükrü Çelik\"\nchange = \"ad\"",
                "unknown change `ad`",
                "28:10",
                "the changes are `add`, `remove` or `head`",
            ),
        ]);
        let amendment = BASE.replace("id = \"ccm-7msp\"", AMENDMENT);
        let one_added = amendment.replace(
            "name = \"Şükrü Çelik\"",
            "name = \"Şükrü Çelik\"\nchange = \"add\"",
        );
        assert!(
            problems(&one_added).is_empty(),
            "{:#?}",
            problems(&one_added)
        );
        let two_heads = one_added
            .replace(
                "name = \"Ana Müller\"",
                "name = \"Ana Müller\"\nchange = \"head\"",
            )
            .replace("change = \"add\"", "change = \"head\"");
        let found = problems(&two_heads);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "the note for `ccm-7msp` names 2 new heads of delegation"
        );
        assert_eq!(found[0].at, "31:10");
    }

    #[test]
    fn letters_are_signed() {
        let letter = "id = \"ccm-7msp\"\nkind = \"letter\"";
        let signatory = "name = \"Şükrü Çelik\"\n\n[signatory]\nname = \"Dr. Amara Okafor\"";
        check(&[(
            "id = \"ccm-7msp\"",
            letter,
            "the note for `ccm-7msp` is a letter, but the file has no `[signatory]`",
            "10:8",
            "add `[signatory]` with `name` and `title`",
        )]);
        let unsigned = BASE.replace("id = \"ccm-7msp\"", letter);
        let without_title = unsigned.replace("name = \"Şükrü Çelik\"", signatory);
        let found = problems(&without_title);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "missing field `title` in `[signatory]`");
        assert_eq!(found[0].at, "30:1");
        let english_title = without_title.replace(
            "name = \"Dr. Amara Okafor\"",
            "name = \"Dr. Amara Okafor\"\ntitle = { en = \"Director\" }",
        );
        assert!(problems(&english_title).is_empty());
        let french = english_title.replace("language = \"en\"", "language = \"fr\"");
        let messages: Vec<String> = problems(&french)
            .into_iter()
            .filter(|p| p.message.contains("signatory"))
            .map(|p| format!("{} at {}", p.message, p.at))
            .collect();
        assert_eq!(
            messages,
            ["`signatory.title` has no French text (`fr`), which the note for `ccm-7msp` needs at 32:9"]
        );
    }

    #[test]
    fn a_note_that_is_not_a_letter_needs_no_signatory() {
        assert!(problems(BASE).is_empty());
    }
}
