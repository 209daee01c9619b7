//! E-mail addresses: the mission's, the recipient's and the copies' (`mail_cc`).

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::parse::{Field, Sp};

use super::Validator;

impl Validator<'_> {
    /// `[mission] email`: checked whenever given, required when mail is asked for.
    pub(super) fn sender(&mut self, field: &Field<String>, table: &Range<usize>) -> Option<String> {
        match field {
            Field::Given(value) => self.address(value, "email"),
            Field::Invalid => None,
            Field::Absent => {
                if self.mail {
                    self.push(
                        Diagnostic::at(table.clone(), "missing field `email` in `[mission]`")
                            .label("mail drafts are sent from the mission's address")
                            .hint("add `email = \"mission@example.org\"` to `[mission]`, or leave out `--mail`"),
                    );
                }
                None
            }
        }
    }

    /// `[meeting.recipient] email`: a line of text as before, and an address when mail is
    /// asked for (files written before mail drafts existed keep working without it).
    pub(super) fn recipient_address(
        &mut self,
        field: &Field<String>,
        table: &Range<usize>,
    ) -> Option<String> {
        if !self.mail {
            return self.optional(field, "email");
        }
        match field {
            Field::Given(value) => self.address(value, "email"),
            Field::Invalid => None,
            Field::Absent => {
                self.push(
                    Diagnostic::at(table.clone(), "missing field `email` in `[meeting.recipient]`")
                        .label("the note's mail goes to the recipient's address")
                        .hint("add `email = \"secretariat@example.org\"` to `[meeting.recipient]`, or leave out `--mail`"),
                );
                None
            }
        }
    }

    /// `meeting.mail_cc`: every item an address.
    pub(super) fn copies(&mut self, field: &Field<Vec<Sp<String>>>) -> Vec<String> {
        let Some(given) = field.given() else {
            return Vec::new();
        };
        given
            .value
            .iter()
            .filter_map(|value| self.address(value, "mail_cc"))
            .collect()
    }

    /// One address as the mail standards define it (`name@example.org`).
    fn address(&mut self, value: &Sp<String>, key: &str) -> Option<String> {
        let text = self.text(value, key)?;
        match text.parse::<lettre::Address>() {
            Ok(_) => Some(text),
            Err(error) => {
                self.push(
                    Diagnostic::at(
                        value.span.clone(),
                        format!("`{key}` is not an e-mail address: `{text}`"),
                    )
                    .label(error.to_string())
                    .hint("write one address without a name, e.g. `ccm@unog.ch`"),
                );
                None
            }
        }
    }
}
