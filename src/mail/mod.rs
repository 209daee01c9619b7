//! Notes -> mail: a draft (`.eml`) per note, and sending drafts through the mission's SMTP
//! server, with a record of what was sent so that nothing goes twice.

pub mod config;
pub mod draft;
pub mod header;
pub mod record;
pub mod send;
pub mod smtp_error;

use std::fmt;
use std::path::PathBuf;

use crate::template::TemplateError;

pub use draft::{draft, Attachment, Draft};

/// What to attach to a note's mail (`--mail pdf` or `--mail pdf,docx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attach {
    /// The PDF only.
    #[default]
    Pdf,
    /// The PDF and the DOCX.
    PdfAndDocx,
}

impl Attach {
    /// Every choice, with its name on the command line.
    pub const ALL: [(&'static str, Attach); 2] =
        [("pdf", Attach::Pdf), ("pdf,docx", Attach::PdfAndDocx)];
}

/// Why a draft could not be made, or mail could not be sent at all.
#[derive(Debug)]
pub enum MailError {
    /// The mail templates failed.
    Template(TemplateError),
    /// An address the message needs is missing (mail was not asked for when validating).
    MissingAddress {
        /// Which field (`[mission] email`).
        field: &'static str,
    },
    /// The mail library refused the message.
    Build {
        /// The mail library's error, as it came.
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The SMTP settings file is missing or wrong.
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
        /// How to fix it.
        hint: String,
    },
    /// No password: none in the environment, and no terminal to ask on.
    NoPassword,
}

impl fmt::Display for MailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailError::Template(error) => error.fmt(f),
            MailError::MissingAddress { field } => write!(f, "no e-mail address in {field}"),
            MailError::Build { cause } => write!(f, "the mail cannot be made: {cause}"),
            MailError::Config { path, reason, .. } => {
                write!(f, "SMTP settings `{}`: {reason}", path.display())
            }
            MailError::NoPassword => f.write_str(
                "no SMTP password: `VERBALE_SMTP_PASSWORD` is not set and there is no terminal to ask on",
            ),
        }
    }
}

impl MailError {
    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        match self {
            MailError::Template(error) => error.hint.iter().cloned().collect(),
            MailError::MissingAddress { .. } => {
                vec!["add the address to the delegation file".into()]
            }
            MailError::Build { .. } => Vec::new(),
            MailError::Config { hint, .. } => vec![hint.clone()],
            MailError::NoPassword => vec![
                "set `VERBALE_SMTP_PASSWORD` in the environment, or run `verbale send` on a terminal"
                    .into(),
            ],
        }
    }
}
