//! The register of outgoing notes: reference numbers given once and never reused, and every
//! issued version of a note with the SHA-256 of its files. One interface, two back ends: an
//! SQLite file (the default, beside the delegation file) and a shared PostgreSQL database.
//! A store below the pipeline: it takes the delegation and the notes' bytes, and never renders
//! or writes a note itself.

mod error;
mod numbering;
mod pg_environment;
mod pg_error;
mod pg_tls;
mod postgres;
mod sqlite;
mod store;

use serde::Serialize;

pub use crate::model::location::{is_url, url_has_password, Location};
pub use crate::model::pattern::{Pattern, PatternError};
pub use error::{RegisterError, RegisterFault, StoreError};
pub use numbering::{
    next_references, with_references, IssuedFiles, Numbered, NumberingError, Transaction,
};
pub use pg_error::ConnectError;
pub use pg_tls::RootCert;

/// A note's number in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRecord {
    /// Its reference (`GVA/2026/0043`).
    pub reference: String,
    /// The year it is numbered in.
    pub year: i64,
    /// Its number in the year's sequence; 0 for a reference written by hand.
    pub seq: i64,
    /// The delegation file it comes from (relative to a file register's folder).
    pub source: String,
    /// The meeting id.
    pub meeting: String,
    /// The kind of note.
    pub kind: String,
    /// The language code.
    pub language: String,
    /// When it was voided, if it was.
    pub voided_on: Option<String>,
    /// Why it was voided.
    pub void_reason: Option<String>,
}

/// One issued version of a note: what went out, with the fingerprints of its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionRecord {
    /// The note's reference.
    pub reference: String,
    /// 1 for the first issue, then 2, 3, ... for changed notes under the same number.
    pub version: i64,
    /// The note's date.
    pub issued: String,
    /// The kind of note.
    pub kind: String,
    /// The language code.
    pub language: String,
    /// The meeting id.
    pub meeting: String,
    /// The addressee, in the note's language.
    pub recipient: String,
    /// The sending mission, in the note's language.
    pub mission: String,
    /// Where the PDF was written.
    pub pdf_path: String,
    /// Where the DOCX was written.
    pub docx_path: String,
    /// SHA-256 of the PDF, in hexadecimal.
    pub pdf_sha256: String,
    /// SHA-256 of the DOCX, in hexadecimal.
    pub docx_sha256: String,
}

/// A value passed to or read from the database. Parameters are never null: the columns that
/// may be null are only ever set by literal SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl Value {
    fn int(&self) -> i64 {
        match self {
            Value::Int(n) => *n,
            _ => 0,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            Value::Text(text) => Some(text.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Null => None,
        }
    }
}

/// What a back end does: statements with numbered parameters (`$1`, `$2`, ... in order of
/// appearance), and transactions that hold the register against other writers.
pub(crate) trait Backend {
    /// Runs a statement.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<(), StoreError>;
    /// Runs a query and returns its rows.
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, StoreError>;
    /// Starts a transaction; with `write`, one that no other writer can run beside (and that
    /// waits for the one running).
    fn begin(&mut self, write: bool) -> Result<(), StoreError>;
    /// Whether the database has this table.
    fn has_table(&mut self, name: &str) -> Result<bool, StoreError>;
    /// Starts a transaction that may create the tables, one process at a time.
    fn begin_schema(&mut self) -> Result<(), StoreError>;
    /// Makes the transaction's changes permanent.
    fn commit(&mut self) -> Result<(), StoreError>;
    /// Drops the transaction's changes.
    fn rollback(&mut self);
}

/// An open register.
pub struct Register {
    location: Location,
    backend: Box<dyn Backend>,
}

/// A note's mail, accepted by the mission's server.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SentRecord {
    /// The note.
    pub reference: String,
    /// When (UTC, `2026-12-04T09:30:00Z`).
    pub sent_at: String,
    /// The message's `Message-ID`.
    pub message_id: String,
    /// To and Cc, comma-separated.
    pub recipients: String,
    /// What the server answered.
    pub server_response: String,
}

impl Register {
    /// Opens a register, creating it (and its tables) on first use and bringing an older
    /// schema up to date.
    pub fn open(location: &Location) -> Result<Register, RegisterError> {
        let backend: Box<dyn Backend> = match location {
            Location::File(path) => Box::new(
                sqlite::Sqlite::open(path, true)
                    .map_err(|e| RegisterError::new(location, RegisterFault::Create(e)))?,
            ),
            Location::Postgres(url) => Box::new(
                postgres::Postgres::connect(url).map_err(|e| connection_error(location, e))?,
            ),
        };
        let mut register = Register {
            location: location.clone(),
            backend,
        };
        store::create(&mut *register.backend).map_err(|e| register.error(e))?;
        Ok(register)
    }

    /// Opens a register that exists, to read it; `None` when there is none yet (no file, or
    /// no tables in the database). Nothing is created.
    pub fn open_existing(location: &Location) -> Result<Option<Register>, RegisterError> {
        let backend: Box<dyn Backend> = match location {
            Location::File(path) if !path.exists() => return Ok(None),
            Location::File(path) => Box::new(
                sqlite::Sqlite::open(path, false)
                    .map_err(|e| RegisterError::new(location, RegisterFault::Store(e)))?,
            ),
            Location::Postgres(url) => Box::new(
                postgres::Postgres::connect(url).map_err(|e| connection_error(location, e))?,
            ),
        };
        let mut register = Register {
            location: location.clone(),
            backend,
        };
        match store::schema_version(&mut *register.backend).map_err(|e| register.error(e))? {
            None => Ok(None),
            Some(version) => {
                store::check_version(version).map_err(|e| register.error(e))?;
                Ok(Some(register))
            }
        }
    }

    /// Where it is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    fn error(&self, cause: StoreError) -> RegisterError {
        RegisterError::new(&self.location, RegisterFault::Store(cause))
    }

    /// Every note numbered in `year` (or every note), in order of year and reference.
    pub fn list(
        &mut self,
        year: Option<i64>,
    ) -> Result<Vec<(NoteRecord, Option<VersionRecord>)>, RegisterError> {
        store::list(&mut *self.backend, year).map_err(|e| self.error(e))
    }

    /// A note and every version of it, oldest first.
    pub fn show(
        &mut self,
        reference: &str,
    ) -> Result<Option<(NoteRecord, Vec<VersionRecord>)>, RegisterError> {
        store::show(&mut *self.backend, reference).map_err(|e| self.error(e))
    }

    /// The versions whose PDF or DOCX has this SHA-256.
    pub fn find_file(
        &mut self,
        sha256: &str,
    ) -> Result<Vec<(NoteRecord, VersionRecord)>, RegisterError> {
        store::find_file(&mut *self.backend, sha256).map_err(|e| self.error(e))
    }

    /// Records that the mission's server accepted a note's mail.
    pub fn mark_sent(&mut self, sent: &SentRecord) -> Result<(), RegisterError> {
        let db = &mut *self.backend;
        let result = db.begin(true).and_then(|()| store::insert_sent(db, sent));
        match result {
            Ok(()) => db.commit(),
            Err(error) => {
                db.rollback();
                Err(error)
            }
        }
        .map_err(|e| self.error(e))
    }

    /// Every time a note's mail was sent, oldest first.
    pub fn sent(&mut self, reference: &str) -> Result<Vec<SentRecord>, RegisterError> {
        store::sent(&mut *self.backend, reference).map_err(|e| self.error(e))
    }

    /// Marks a note as withdrawn, on `date`, with the reason; its number is never given again.
    /// `Ok(false)` when there is no such note or it was voided already.
    pub fn void(
        &mut self,
        reference: &str,
        date: &str,
        reason: &str,
    ) -> Result<bool, RegisterError> {
        store::void(&mut *self.backend, reference, date, reason).map_err(|e| self.error(e))
    }
}

fn connection_error(location: &Location, error: pg_error::ConnectError) -> RegisterError {
    RegisterError::new(location, RegisterFault::Connect(error))
}

/// The SHA-256 of some bytes, in lowercase hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_a_url_is_seen() {
        assert!(url_has_password(
            "postgres://clerk:secret@db.example.org/register"
        ));
        assert!(!url_has_password(
            "postgres://clerk@db.example.org/register"
        ));
        assert!(!url_has_password("postgres://db.example.org:5432/register"));
        assert!(!url_has_password(
            "postgresql://clerk@host/db?options=a:b@c"
        ));
        assert!(url_has_password(
            "postgres://clerk@db/notes?sslmode=verify-full&password=s"
        ));
        assert!(url_has_password("postgres://clerk@db/notes?pass%77ord=s"));
        assert!(url_has_password(
            "postgres://clerk@db/notes?password=s&typo=1"
        ));
        assert!(!url_has_password(
            "postgres://clerk@db/notes?sslmode=verify-full&sslrootcert=/ca.pem&service=r"
        ));
    }

    #[test]
    fn a_password_is_not_shown() {
        let location = Location::parse("postgres://clerk:s3cret@db/notes?password=s3cret");
        assert_eq!(
            location.to_string(),
            "postgres://clerk:***@db/notes?password=***"
        );
    }

    #[test]
    fn a_hash_is_hexadecimal() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
