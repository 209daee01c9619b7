//! The delegation file's tables, checked in file order: the settings, what each meeting's
//! notes are, the mission, the meetings and the members, and whether the register numbers any.

use crate::diagnostic::Diagnostic;
use crate::model::{Language, Meeting, Member, Mission, NoteKind, Overrides, Paper, PdfA};
use crate::parse::{RawDelegation, RawMeeting, RawMission};

use super::{Needed, Said, Validator};

/// What one meeting's notes are: their languages, their kind (and template), and what each
/// language's note needs, for messages.
pub(super) struct Plan {
    languages: Vec<Language>,
    kind: (NoteKind, String),
    pub(super) needs: Vec<Needed>,
}

/// The needs of the notes that are letters, which must be signed.
pub(super) fn letters(plans: &[Plan]) -> Vec<Needed> {
    plans
        .iter()
        .filter(|plan| plan.kind.0 == NoteKind::Letter)
        .flat_map(|plan| plan.needs.iter().cloned())
        .collect()
}

impl Validator<'_> {
    /// The file's language, paper and PDF/A profile, with the command line's overrides; the
    /// profile is kept for the emblem's checks.
    pub(super) fn settings(
        &mut self,
        raw: &RawDelegation,
        overrides: &Overrides,
    ) -> (Language, Paper, Option<PdfA>) {
        let language = self.choice(&raw.language, "language", &Language::ALL, Language::English);
        let paper = self.choice(&raw.paper, "paper", &Paper::ALL, Paper::A4);
        let paper = overrides.paper.unwrap_or(paper);
        let pdf_a = raw
            .pdf_a
            .given()
            .map(|_| self.choice(&raw.pdf_a, "PDF/A profile", &PdfA::ALL, PdfA::A2b));
        let pdf_a = overrides.pdf_a.or(pdf_a);
        self.pdf_a = pdf_a;
        (language, paper, pdf_a)
    }

    /// Each meeting's plan. Each note's language decides which translations the file must
    /// give.
    pub(super) fn plans(
        &mut self,
        meetings: &[RawMeeting],
        language: Language,
        forced: Option<Language>,
        custom_kinds: &[String],
    ) -> Vec<Plan> {
        meetings
            .iter()
            .map(|m| {
                let (languages, own) = self.note_languages(m, language, forced);
                let once = match own {
                    Some(own) => (own, Said::Meeting),
                    None => (language, Said::File),
                };
                let kind = self.kind(&m.kind, custom_kinds);
                // What the meeting's notes need, one entry per language.
                let needs = languages
                    .iter()
                    .map(|language| Needed {
                        span: m.kind.given().map_or(m.span.clone(), |k| k.span.clone()),
                        language: *language,
                        once,
                        note: m.id.given().map_or_else(
                            || "a meeting".to_string(),
                            |id| format!("the note for `{}`", id.value),
                        ),
                    })
                    .collect();
                Plan {
                    languages,
                    kind,
                    needs,
                }
            })
            .collect()
    }

    /// The mission; a file without `[mission]` is reported.
    pub(super) fn mission_table(
        &mut self,
        raw: Option<&RawMission>,
        needed: &[Needed],
    ) -> Option<Mission> {
        match raw {
            Some(mission) => self.mission(mission, needed),
            None => {
                self.push(
                    Diagnostic::at(0..0, "missing `[mission]` table")
                        .hint("add `[mission]` with `name`, `short_name` and `city`"),
                );
                None
            }
        }
    }

    /// Each meeting, as its plan says; a file without `[[meeting]]` is reported.
    pub(super) fn meetings(&mut self, raw: &[RawMeeting], plans: &[Plan]) -> Vec<Option<Meeting>> {
        if raw.is_empty() {
            self.push(
                Diagnostic::at(0..0, "no `[[meeting]]` in the file")
                    .hint("add at least one `[[meeting]]`: each gives one note"),
            );
        }
        raw.iter()
            .zip(plans)
            .map(|(m, plan)| self.meeting(m, &plan.languages, plan.kind.clone(), &plan.needs))
            .collect()
    }

    /// Each member, against the meetings' ids and the languages of the notes they are named
    /// in (a member's text given once is in the file's `language`); a file without
    /// `[[member]]` is reported.
    pub(super) fn members(
        &mut self,
        raw: &RawDelegation,
        plans: &[Plan],
        language: Language,
    ) -> Vec<Option<Member>> {
        if raw.members.is_empty() {
            self.push(Diagnostic::at(0..0, "no `[[member]]` in the file").hint(
                "add a `[[member]]` for each person, with `role = \"head\"` for one of them",
            ));
        }
        let meeting_ids: Vec<&str> = raw
            .meetings
            .iter()
            .filter_map(|m| m.id.given().map(|id| id.value.as_str()))
            .collect();
        let notes: Vec<(Option<&str>, Needed)> = raw
            .meetings
            .iter()
            .map(|m| m.id.given().map(|id| id.value.as_str()))
            .zip(plans)
            .flat_map(|(id, plan)| {
                plan.needs
                    .iter()
                    .map(move |need| (id, need.of_file(language)))
            })
            .collect();
        raw.members
            .iter()
            .map(|m| self.member(m, &meeting_ids, &notes))
            .collect()
    }

    /// Whether the register numbers any note (`reference = "auto"`); the first such note is
    /// reported when the mission gives no `reference_pattern` to number it by.
    pub(super) fn auto_references(
        &mut self,
        meetings: &[Option<Meeting>],
        mission: Option<&Mission>,
        raw_mission: Option<&RawMission>,
    ) -> bool {
        let auto: Vec<&Meeting> = meetings
            .iter()
            .flatten()
            .filter(|m| m.auto_reference)
            .collect();
        let has_pattern = mission.is_some_and(|m| m.reference_pattern.is_some());
        if let (Some(first), false) = (auto.first(), has_pattern) {
            self.missing_pattern(first, raw_mission.map(|m| m.span.clone()));
        }
        !auto.is_empty()
    }
}
