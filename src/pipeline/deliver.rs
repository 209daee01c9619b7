//! A note's mail -> the SMTP server, then the record that it was sent, beside its files and in
//! the register that numbered it: what `verbale send` and the page's Send button both do.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::mail::record::{self, Sent};
use crate::mail::send::Server;
use crate::mail::smtp_error::Failure;
use crate::mail::{Attach, MailError};
use crate::output::OutputError;
use crate::register::{Register, RegisterError, SentRecord};

use super::{Loaded, Outgoing};

/// Why a note's mail was not sent, or was sent and not recorded.
#[derive(Debug)]
pub enum DeliverError {
    /// The message could not be made from its draft.
    Draft(MailError),
    /// The server did not take it.
    Server(Failure),
    /// It was sent, but its `.sent` record was not written.
    Record(OutputError),
    /// It was sent, but the register was not told.
    Register(RegisterError),
}

impl DeliverError {
    /// The sentence for a person, naming the note.
    pub fn message(&self, stem: &str) -> String {
        match self {
            DeliverError::Draft(error) => format!("note `{stem}` was not sent: {error}"),
            DeliverError::Server(failure) => {
                format!("note `{stem}` was not sent: {}", failure.message())
            }
            DeliverError::Record(error) => {
                format!("note `{stem}` was sent, but its record was not written: {error}")
            }
            DeliverError::Register(error) => {
                format!("note `{stem}` was sent, but the register was not told: {error}")
            }
        }
    }

    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        match self {
            DeliverError::Draft(error) => error.hints(),
            DeliverError::Server(failure) => failure.hints(),
            DeliverError::Record(error) => error.hints(),
            DeliverError::Register(error) => error.hints(),
        }
    }

    /// The file the problem is in, when there is one.
    pub fn file(&self) -> Option<PathBuf> {
        match self {
            DeliverError::Record(error) => error.path().map(PathBuf::from),
            _ => None,
        }
    }
}

/// Sends one note's mail, dated now, and records it as sent; the server's answer.
pub fn deliver(server: &Server, mail: &Outgoing) -> Result<String, DeliverError> {
    let draft = &mail.draft;
    let now = SystemTime::now();
    let bytes = draft.to_send(now).map_err(DeliverError::Draft)?;
    let answer = server
        .send(&draft.envelope, &bytes)
        .map_err(DeliverError::Server)?;
    let sent = Sent {
        sent_at: record::utc(now),
        message_id: draft.message_id.clone(),
        to: draft.to.clone(),
        cc: draft.cc.clone(),
        server_response: answer.clone(),
    };
    record::mark_sent(&mail.folder, &mail.stem, &sent).map_err(DeliverError::Record)?;
    if let Some((location, reference)) = &mail.register {
        Register::open(location)
            .and_then(|mut register| {
                register.mark_sent(&SentRecord {
                    reference: reference.clone(),
                    sent_at: sent.sent_at.clone(),
                    message_id: sent.message_id.clone(),
                    recipients: std::iter::once(sent.to.clone())
                        .chain(sent.cc.iter().cloned())
                        .collect::<Vec<_>>()
                        .join(", "),
                    server_response: answer.clone(),
                })
            })
            .map_err(DeliverError::Register)?;
    }
    Ok(answer)
}

/// What the drafts written before into `folder` attach, so that a draft made by
/// `generate --mail=pdf,docx` is sent as it is; the PDF when there is none.
pub fn attached_on_disk(folder: &Path, loaded: &Loaded) -> Attach {
    crate::plan::jobs(&loaded.delegation)
        .iter()
        .find_map(|job| std::fs::read(folder.join(crate::mail::draft::file_name(job))).ok())
        .map_or(Attach::Pdf, |eml| crate::mail::draft::attached(&eml))
}
