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
            .filter_map(|value| self.copy(value))
            .collect()
    }

    /// One address as the mail standards define it (`name@example.org`), that the mail
    /// carries as it is.
    fn address(&mut self, value: &Sp<String>, key: &str) -> Option<String> {
        let text = self.text(value, key)?;
        let checked = match text.parse::<lettre::Address>() {
            Ok(address) => carried(&address),
            Err(error) => Err(Wrong::NotAnAddress(error.to_string())),
        };
        self.report(
            value,
            key,
            text,
            checked,
            "write one address, e.g. `ccm@unog.ch`",
        )
    }

    /// One copy's address, with a name or without (`Registry <registry@example.org>`).
    fn copy(&mut self, value: &Sp<String>) -> Option<String> {
        let text = self.text(value, "mail_cc")?;
        // A bare address first, so that a quoted user part is named as such.
        let checked = match text.parse::<lettre::Address>() {
            Ok(address) => carried(&address),
            Err(_) => match text.parse::<lettre::message::Mailbox>() {
                Ok(mailbox) => carried(&mailbox.email),
                Err(error) => Err(Wrong::NotAnAddress(error.to_string())),
            },
        };
        self.report(
            value,
            "mail_cc",
            text,
            checked,
            "write an address (`registry@example.org`), or a name and an address \
             (`Registry <registry@example.org>`)",
        )
    }

    fn report(
        &mut self,
        value: &Sp<String>,
        key: &str,
        text: String,
        checked: Result<(), Wrong>,
        hint: &str,
    ) -> Option<String> {
        let (message, reason) = match checked {
            Ok(()) => return Some(text),
            Err(Wrong::NotAnAddress(reason)) => (
                format!("`{key}` is not an e-mail address: `{text}`"),
                reason,
            ),
            Err(Wrong::NotCarried(reason)) => (
                format!("`{key}` is an address mail cannot carry: `{text}`"),
                reason.to_string(),
            ),
        };
        self.push(
            Diagnostic::at(value.span.clone(), message)
                .label(reason)
                .hint(hint),
        );
        None
    }
}

/// Why an address is refused.
enum Wrong {
    /// It is not one (the mail library's reason).
    NotAnAddress(String),
    /// The standards allow it, but mail does not carry it.
    NotCarried(&'static str),
}

/// What the standards allow but mail servers and this program do not carry: a quoted user
/// part (`"john doe"@example.org`, which lettre cannot put in a header with a name), letters
/// outside ASCII (servers need SMTPUTF8 for them) and an address longer than SMTP's 254.
fn carried(address: &lettre::Address) -> Result<(), Wrong> {
    let text: &str = address.as_ref();
    if address.user().starts_with('"') {
        Err(Wrong::NotCarried(
            "a quoted user part (`\"...\"@`) is refused by most mail servers",
        ))
    } else if !text.is_ascii() {
        Err(Wrong::NotCarried(
            "letters outside ASCII need a server with SMTPUTF8; write the address in ASCII",
        ))
    } else if text.len() > 254 {
        Err(Wrong::NotCarried(
            "longer than the 254 characters SMTP allows an address",
        ))
    } else {
        Ok(())
    }
}
