//! Delegation -> its notes' references, in a transaction that holds the register: numbers
//! are reserved for a file's notes, the versions of their files recorded with their hashes,
//! and all of it committed at once or not at all. The register is a store: it knows numbers,
//! versions, hashes and sendings; the pipeline that drives it renders and writes the notes.

use std::collections::HashMap;
use std::path::Path;

use super::{
    sha256_hex, store, Backend, Location, NoteRecord, Register, RegisterError, RegisterFault,
    StoreError, VersionRecord,
};
use crate::diagnostic::Diagnostic;
use crate::model::{Delegation, Language};

/// A note's reference, as the register gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// The meeting's index in the delegation.
    pub meeting: usize,
    /// The reference.
    pub reference: String,
    /// Taken from the pattern (`reference = "auto"`), not written by hand.
    pub auto: bool,
    /// Not in the register before this run.
    pub new: bool,
    /// Its year and number in the sequence (0 for a reference written by hand).
    year: i64,
    seq: i64,
}

/// Why a file's notes cannot be numbered.
#[derive(Debug)]
pub enum NumberingError {
    /// The register cannot be read or written.
    Register(RegisterError),
    /// References written by hand that belong to other notes, or are given twice: each at
    /// its place in the delegation file.
    Conflicts(Vec<Diagnostic>),
}

impl From<RegisterError> for NumberingError {
    fn from(error: RegisterError) -> NumberingError {
        NumberingError::Register(error)
    }
}

/// One language of a note, made: the files to record as a version of it.
pub struct IssuedFiles<'a> {
    /// The meeting's index in the delegation.
    pub meeting: usize,
    /// The note's language.
    pub language: Language,
    /// The PDF's bytes and where it goes.
    pub pdf: (&'a [u8], &'a Path),
    /// The DOCX's bytes and where it goes.
    pub docx: (&'a [u8], &'a Path),
}

/// A transaction on the register for one delegation file's notes; dropped without
/// [`Transaction::commit`], it is rolled back and leaves the register as it was.
pub struct Transaction<'r> {
    db: &'r mut dyn Backend,
    location: &'r Location,
    source: String,
    open: bool,
}

impl Register {
    /// Starts numbering the notes of the delegation file at `file`. With `write`, the
    /// transaction holds the register against every other writer until it ends.
    pub fn transaction(
        &mut self,
        file: &Path,
        write: bool,
    ) -> Result<Transaction<'_>, RegisterError> {
        let source = source_key(file, &self.location);
        let location = &self.location;
        let db = &mut *self.backend;
        db.begin(write)
            .map_err(|e| RegisterError::new(location, RegisterFault::Store(e)))?;
        Ok(Transaction {
            db,
            location,
            source,
            open: true,
        })
    }
}

impl Transaction<'_> {
    fn error(&self, cause: StoreError) -> RegisterError {
        RegisterError::new(self.location, RegisterFault::Store(cause))
    }

    /// Gives each meeting its reference: a note numbered before keeps its number; a new
    /// `reference = "auto"` takes the next of its sequence; a reference written by hand must
    /// not belong to another note. Nothing is kept unless the transaction is committed.
    pub fn reserve(&mut self, delegation: &Delegation) -> Result<Vec<Numbered>, NumberingError> {
        let (db, source) = (&mut *self.db, self.source.as_str());
        let location = self.location;
        assign(db, delegation, source).map_err(|e| e.located(location))
    }

    /// Records new numbers, and each note's files as a new version where they differ from
    /// its latest recorded version.
    pub fn record(
        &mut self,
        delegation: &Delegation,
        numbered: &[Numbered],
        files: &[IssuedFiles],
    ) -> Result<(), RegisterError> {
        if crate::faults::hit("record") {
            return Err(RegisterError::new(
                self.location,
                RegisterFault::Injected(crate::faults::injected("record")),
            ));
        }
        record(&mut *self.db, delegation, &self.source, numbered, files).map_err(|e| self.error(e))
    }

    /// The voided note whose file has these bytes, if the file is only ever a voided note's:
    /// such a file is the record of what was withdrawn, and nothing replaces it.
    pub fn voided_file(&mut self, bytes: &[u8]) -> Result<Option<NoteRecord>, RegisterError> {
        let found =
            store::find_file(&mut *self.db, &sha256_hex(bytes)).map_err(|e| self.error(e))?;
        let standing = found.iter().any(|(note, _)| note.voided_on.is_none());
        Ok(found
            .into_iter()
            .map(|(note, _)| note)
            .find(|note| !standing && note.voided_on.is_some()))
    }

    /// Makes the numbers and versions permanent.
    pub fn commit(mut self) -> Result<(), RegisterError> {
        self.open = false;
        if crate::faults::hit("commit") {
            self.db.rollback();
            return Err(RegisterError::new(
                self.location,
                RegisterFault::Injected(crate::faults::injected("commit")),
            ));
        }
        let result = self.db.commit();
        result.map_err(|e| self.error(e))
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            self.db.rollback();
        }
    }
}

/// The references the notes of the file at `file` would get now, without taking any. A
/// register that does not exist yet is read as empty and is not created.
pub fn next_references(
    location: &Location,
    file: &Path,
    delegation: &Delegation,
) -> Result<Vec<Numbered>, NumberingError> {
    match Register::open_existing(location)? {
        Some(mut register) => register.transaction(file, false)?.reserve(delegation),
        None => {
            let mut empty = Register::open(&Location::File(":memory:".into()))?;
            let numbered = empty.transaction(file, false)?.reserve(delegation);
            numbered.map_err(|e| match e {
                NumberingError::Register(e) => NumberingError::Register(RegisterError {
                    register: location.clone(),
                    ..e
                }),
                conflicts => conflicts,
            })
        }
    }
}

/// An error of [`assign`]: the store's message, or the conflicts found.
enum AssignError {
    Store(StoreError),
    Conflicts(Vec<Diagnostic>),
}

impl From<StoreError> for AssignError {
    fn from(error: StoreError) -> AssignError {
        AssignError::Store(error)
    }
}

impl AssignError {
    fn located(self, location: &Location) -> NumberingError {
        match self {
            AssignError::Store(error) => {
                NumberingError::Register(RegisterError::new(location, RegisterFault::Store(error)))
            }
            AssignError::Conflicts(diagnostics) => NumberingError::Conflicts(diagnostics),
        }
    }
}

/// The delegation file as the register knows it: its path relative to a file register's
/// folder (so that the folder can move with its register), or its absolute path.
fn source_key(path: &Path, location: &Location) -> String {
    let file = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = match location {
        Location::File(register) => register
            .parent()
            .map(|dir| {
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                }
            })
            .and_then(|dir| std::fs::canonicalize(dir).ok())
            .and_then(|dir| file.strip_prefix(dir).ok().map(Path::to_path_buf)),
        Location::Postgres(_) => None,
    };
    relative
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The delegation with each numbered meeting's reference filled in.
pub fn with_references(delegation: &Delegation, numbered: &[Numbered]) -> Delegation {
    let mut delegation = delegation.clone();
    for number in numbered {
        delegation.meetings[number.meeting].reference = number.reference.clone();
    }
    delegation
}

/// Gives each meeting its reference: a note numbered before keeps its number; a new
/// `reference = "auto"` takes the next of its sequence; a reference written by hand must not
/// belong to another note. Every conflict is reported, at the reference's line.
fn assign(
    db: &mut dyn Backend,
    delegation: &Delegation,
    source: &str,
) -> Result<Vec<Numbered>, AssignError> {
    let mut numbering = Numbering {
        db,
        delegation,
        here: HashMap::new(),
        next: HashMap::new(),
        diagnostics: Vec::new(),
    };
    let mut numbered = Vec::new();
    for (index, meeting) in delegation.meetings.iter().enumerate() {
        let identity = identity(delegation, index, source);
        let number = if meeting.auto_reference {
            numbering.auto(index, &identity)?
        } else {
            numbering.by_hand(index, &identity)?
        };
        numbering.once_in_file(&number);
        numbered.push(number);
    }
    if numbering.diagnostics.is_empty() {
        Ok(numbered)
    } else {
        Err(AssignError::Conflicts(numbering.diagnostics))
    }
}

/// What numbering a file's meetings keeps from one meeting to the next.
struct Numbering<'a> {
    db: &'a mut dyn Backend,
    delegation: &'a Delegation,
    /// The references given so far in this file, and to which meeting.
    here: HashMap<String, usize>,
    /// The last number taken in this run, by year (`None` for a pattern without a year).
    next: HashMap<Option<i64>, i64>,
    diagnostics: Vec<Diagnostic>,
}

impl Numbering<'_> {
    /// A `reference = "auto"` meeting: its earlier number, or the next of its sequence.
    fn auto(&mut self, index: usize, identity: &NoteRecord) -> Result<Numbered, AssignError> {
        let meeting = &self.delegation.meetings[index];
        let year = i64::from(meeting.date.year);
        if let Some(reference) = store::numbered_note(self.db, identity)? {
            let found = store::note_by_reference(self.db, &reference)?;
            let (year, seq) = found.map_or((year, 0), |n| (n.year, n.seq));
            return Ok(Numbered {
                meeting: index,
                reference,
                auto: true,
                new: false,
                year,
                seq,
            });
        }
        // Validation makes sure a file with `auto` has a pattern.
        let Some(pattern) = &self.delegation.mission.reference_pattern else {
            return Err(AssignError::Store(StoreError::NoPattern));
        };
        let key = pattern.has_year().then_some(year);
        let seq = match self.next.get(&key) {
            Some(seq) => *seq,
            None => store::highest(self.db, &pattern.text, key)?,
        };
        // A reference written by hand may already have the next number's text.
        let mut seq = seq + 1;
        let mut reference = pattern.format(meeting.date.year, seq as u64);
        while self.here.contains_key(&reference)
            || store::note_by_reference(self.db, &reference)?.is_some()
        {
            seq += 1;
            reference = pattern.format(meeting.date.year, seq as u64);
        }
        self.next.insert(key, seq);
        Ok(Numbered {
            meeting: index,
            reference,
            auto: true,
            new: true,
            year,
            seq,
        })
    }

    /// A reference written by hand, which must not be another note's.
    fn by_hand(&mut self, index: usize, identity: &NoteRecord) -> Result<Numbered, AssignError> {
        let meeting = &self.delegation.meetings[index];
        let reference = meeting.reference.clone();
        let found = store::note_by_reference(self.db, &reference)?;
        if let Some(problem) = found.as_ref().and_then(|found| conflict(found, identity)) {
            self.diagnostics
                .push(Diagnostic::at(meeting.reference_span.clone(), problem.0).hint(problem.1));
        }
        Ok(Numbered {
            meeting: index,
            reference,
            auto: false,
            new: found.is_none(),
            year: i64::from(meeting.date.year),
            seq: 0,
        })
    }

    /// Reports a reference given to two meetings of the file.
    fn once_in_file(&mut self, number: &Numbered) {
        let Some(other) = self.here.insert(number.reference.clone(), number.meeting) else {
            return;
        };
        let meeting = &self.delegation.meetings[number.meeting];
        self.diagnostics.push(
            Diagnostic::at(
                meeting.reference_span.clone(),
                format!(
                    "reference `{}` is given to two notes of this file",
                    number.reference
                ),
            )
            .hint(format!(
                "meeting `{}` has it too; each note needs its own reference",
                self.delegation.meetings[other].id
            )),
        );
    }
}

/// Why a reference written by hand cannot be this note's, and how to fix it.
fn conflict(found: &NoteRecord, identity: &NoteRecord) -> Option<(String, String)> {
    let same = found.source == identity.source
        && found.meeting == identity.meeting
        && found.kind == identity.kind
        && found.language == identity.language;
    if let Some(on) = &found.voided_on {
        return Some((
            format!("reference `{}` was voided on {on}", found.reference),
            "a voided reference is never used again; write another one, or `reference = \"auto\"`"
                .into(),
        ));
    }
    (!same).then(|| {
        (
            format!(
                "reference `{}` is already used by another note",
                found.reference
            ),
            format!(
                "the register gives it to meeting `{}` ({}, {}) of `{}`; write another \
                 reference, or `reference = \"auto\"`",
                found.meeting, found.kind, found.language, found.source
            ),
        )
    })
}

/// Who a note is: its file, meeting, kind and language. Generating it again is the same note.
/// A note in several languages (`languages = ["en", "fr"]`) is one note: its languages are
/// recorded together (`en+fr`) under one reference.
fn identity(delegation: &Delegation, index: usize, source: &str) -> NoteRecord {
    let meeting = &delegation.meetings[index];
    let codes: Vec<&str> = meeting.languages.iter().map(|l| l.code()).collect();
    NoteRecord {
        reference: String::new(),
        year: i64::from(meeting.date.year),
        seq: 0,
        source: source.to_string(),
        meeting: meeting.id.clone(),
        kind: meeting.template.clone(),
        language: codes.join("+"),
        voided_on: None,
        void_reason: None,
    }
}

/// Records new numbers and every note whose files differ from its latest recorded version. The
/// files of each language of a note are a version of their own under the note's reference, so
/// that each is found by its fingerprint and each changes on its own.
fn record(
    db: &mut dyn Backend,
    delegation: &Delegation,
    source: &str,
    numbered: &[Numbered],
    files: &[IssuedFiles],
) -> Result<(), StoreError> {
    for number in numbered.iter().filter(|number| number.new) {
        let record = NoteRecord {
            reference: number.reference.clone(),
            year: number.year,
            seq: number.seq,
            ..identity(delegation, number.meeting, source)
        };
        let series = match (&delegation.mission.reference_pattern, number.auto) {
            (Some(pattern), true) => pattern.text.as_str(),
            _ => "",
        };
        store::insert_note(db, series, &record)?;
    }
    for note in files {
        let Some(number) = numbered.iter().find(|n| n.meeting == note.meeting) else {
            continue;
        };
        let language = note.language;
        let (pdf, docx) = (sha256_hex(note.pdf.0), sha256_hex(note.docx.0));
        let latest = store::latest_version(db, &number.reference, language.code())?;
        if latest
            .as_ref()
            .is_some_and(|(_, p, d)| *p == pdf && *d == docx)
        {
            continue;
        }
        let meeting = &delegation.meetings[number.meeting];
        let version = store::last_version_number(db, &number.reference)? + 1;
        let in_language =
            |text: &crate::model::Local<String>| text.get(language).cloned().unwrap_or_default();
        store::insert_version(
            db,
            &VersionRecord {
                reference: number.reference.clone(),
                version,
                issued: meeting.date.to_string(),
                kind: meeting.template.clone(),
                language: language.code().to_string(),
                meeting: meeting.id.clone(),
                recipient: in_language(&meeting.recipient.name),
                mission: in_language(&delegation.mission.name),
                pdf_path: note.pdf.1.display().to_string(),
                docx_path: note.docx.1.display().to_string(),
                pdf_sha256: pdf,
                docx_sha256: docx,
            },
        )?;
    }
    Ok(())
}
