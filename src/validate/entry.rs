//! What a member's entry says besides the name: how he or she attends, and whom a new head
//! replaces.

use crate::diagnostic::Diagnostic;
use crate::model::words;
use crate::model::{Attendance, Change, Language, Local};
use crate::parse::{Field, RawMember};

use super::{Needed, Validator};

impl Validator<'_> {
    /// `attends`: one of [`Attendance::ALL`], written in English as `role` is.
    pub(super) fn attendance(
        &mut self,
        field: &Field<String>,
        languages: &[Language],
    ) -> Option<Attendance> {
        let given = field.given()?;
        let wanted = given.value.trim().to_ascii_lowercase();
        let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((_, found)) = Attendance::ALL.iter().find(|(key, _)| *key == wanted) {
            return Some(*found);
        }
        let mut diagnostic = Diagnostic::at(
            given.span.clone(),
            format!("unknown `attends` value `{}`", given.value),
        );
        // A French or Spanish word ("en personne", "en línea") is what a spreadsheet
        // accepts; the file keeps the English value, as it does for `role`.
        if let Some(meant) = words::closest_attendance(&given.value) {
            diagnostic = diagnostic.hint(super::people::did_you_mean_word(meant));
        }
        let values = words::attendance_names(languages);
        self.push(diagnostic.hint(format!("the values are {values}")));
        None
    }

    /// `replaces`: whom a new head replaces, in every language the member's notes need.
    /// `Err` means a problem was reported.
    pub(super) fn replaces(
        &mut self,
        raw: &RawMember,
        change: Option<Change>,
        attended: &[Needed],
    ) -> Result<Option<Local<String>>, ()> {
        let replaces = self.local(
            &raw.replaces,
            "replaces",
            "member.replaces",
            &raw.span,
            "in `[[member]]`",
            attended,
            false,
        )?;
        if let (Some(_), Field::Given(given)) = (&replaces, &raw.replaces) {
            if change != Some(Change::Head) {
                self.push(
                    Diagnostic::at(
                        given.span.clone(),
                        "`replaces` is only said of a new head of delegation",
                    )
                    .hint("add `change = \"head\"` to this member, or remove `replaces`"),
                );
                return Err(());
            }
        }
        Ok(replaces)
    }
}
