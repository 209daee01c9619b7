//! What can go wrong with a register, kept as typed values (the database's own errors
//! included) until the command line words them, with the register they are about.

use std::fmt;
use std::path::PathBuf;

use super::pg_error::ConnectError;
use super::store;
use super::Location;

/// A register that cannot be opened, read or written, or a request it cannot answer.
#[derive(Debug)]
pub struct RegisterError {
    /// The register.
    pub register: Location,
    /// What happened.
    pub fault: RegisterFault,
}

/// What happened to a register.
#[derive(Debug)]
pub enum RegisterFault {
    /// A register file that cannot be made or opened for writing.
    Create(StoreError),
    /// A statement on the register failed.
    Store(StoreError),
    /// The PostgreSQL server cannot be reached or would not let verbale in.
    Connect(ConnectError),
    /// A failure injected by a test (`VERBALE_FAULT`).
    Injected(std::io::Error),
    /// There is no register at the place named.
    Missing,
    /// A note withdrawn without a reason.
    EmptyReason,
    /// A note to withdraw that was withdrawn already.
    VoidedAlready {
        /// The note.
        reference: String,
        /// The day it was voided.
        on: String,
    },
    /// A reference the register does not have.
    UnknownNote {
        /// The reference.
        reference: String,
    },
    /// A file to verify that cannot be read.
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

impl RegisterError {
    /// `fault` at the register at `location`.
    pub fn new(location: &Location, fault: RegisterFault) -> RegisterError {
        RegisterError {
            register: location.clone(),
            fault,
        }
    }

    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        let hints: &[&str] = match &self.fault {
            RegisterFault::Create(_) => &["check that the folder exists and is writable"],
            RegisterFault::Connect(error) => return error.hints(),
            RegisterFault::Store(_) | RegisterFault::Injected(_) => &[],
            RegisterFault::Missing => &[
                "`verbale generate` makes it with the first note it numbers",
                "name another one with `--register PATH|URL`",
            ],
            RegisterFault::EmptyReason => {
                &["say why the note is withdrawn: `--reason \"sent to the wrong office\"`"]
            }
            RegisterFault::VoidedAlready { .. } => &["`verbale register show` says why"],
            RegisterFault::UnknownNote { .. } => &["`verbale register list` lists the references"],
            RegisterFault::Unreadable { .. } => {
                &["name a PDF or DOCX note as `verbale generate` wrote it"]
            }
        };
        hints.iter().map(|hint| hint.to_string()).collect()
    }
}

impl fmt::Display for RegisterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "register `{}`: ", self.register)?;
        match &self.fault {
            RegisterFault::Create(error) | RegisterFault::Store(error) => error.fmt(f),
            RegisterFault::Connect(error) => error.fmt(f),
            RegisterFault::Injected(error) => error.fmt(f),
            RegisterFault::Missing => f.write_str("there is no register here yet"),
            RegisterFault::EmptyReason => f.write_str("the reason is empty"),
            RegisterFault::VoidedAlready { reference, on } => {
                write!(f, "`{reference}` was voided already, on {on}")
            }
            RegisterFault::UnknownNote { reference } => {
                write!(f, "no note `{reference}` in the register")
            }
            RegisterFault::Unreadable { file, error } => {
                write!(f, "cannot read `{}`: {error}", file.display())
            }
        }
    }
}

impl std::error::Error for RegisterError {}

/// Why a statement on the register failed: the database's own error, kept as it came, or
/// what the store found wrong with the register.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite's error.
    Sqlite(rusqlite::Error),
    /// PostgreSQL's error.
    Postgres(::postgres::Error),
    /// The register has no readable schema version.
    NoSchemaVersion,
    /// The register was made by a newer verbale.
    NewerSchema {
        /// Its schema version.
        found: i64,
    },
    /// A note is numbered by `reference = "auto"` and the mission has no pattern.
    NoPattern,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(error) => error.fmt(f),
            StoreError::Postgres(error) => f.write_str(&super::postgres::full_message(error)),
            StoreError::NoSchemaVersion => {
                f.write_str("the register has no readable schema version")
            }
            StoreError::NewerSchema { found } => write!(
                f,
                "the register has schema version {found}, newer than this verbale reads \
                 ({}); use a newer verbale",
                store::SCHEMA_VERSION
            ),
            StoreError::NoPattern => f.write_str("no `reference_pattern` to number the note with"),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Sqlite(error)
    }
}

impl From<::postgres::Error> for StoreError {
    fn from(error: ::postgres::Error) -> StoreError {
        StoreError::Postgres(error)
    }
}
