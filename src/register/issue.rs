//! Loaded delegation -> notes numbered, written and recorded together: in one transaction
//! that holds the register, each note's reference is taken, the notes are rendered with it
//! and written, their hashes recorded, and only then is the transaction committed. A failure
//! (or a kill) before the commit consumes no number.

use std::collections::HashMap;
use std::path::Path;

use super::{
    sha256_hex, store, Backend, Location, NoteRecord, Register, RegisterError, VersionRecord,
};
use crate::diagnostic::Diagnostic;
use crate::model::Delegation;
use crate::note::{self, Note};
use crate::output::{self, Outcome};
use crate::write::{Writing, Written};
use crate::{Env, Error, Loaded};

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

fn register_error(error: RegisterError) -> Error {
    Error::Register(error)
}

/// Numbers, renders, writes and records every note of a file, or does none of it.
pub fn issue(
    env: &Env,
    loaded: &Loaded,
    location: &Location,
    writing: &Writing,
) -> Result<Written, Error> {
    let mut register = Register::open(location).map_err(register_error)?;
    let source = source_key(&loaded.source.path, location);
    let fail = |message: String| Error::Register(RegisterError::new(location, message));
    let db = &mut *register.backend;
    db.begin(true).map_err(fail)?;
    match issue_in(db, env, loaded, &source, writing).map_err(|e| match e {
        Error::Register(mut e) if e.register.is_empty() => {
            e.register = location.to_string();
            Error::Register(e)
        }
        e => e,
    }) {
        // Files are in place before the commit: a kill in between leaves files that the next
        // run writes again byte for byte, under the same numbers, and then records.
        Ok(issued) => db.commit().map_err(fail).map(|()| issued),
        Err(error) => {
            db.rollback();
            Err(error)
        }
    }
}

fn issue_in(
    db: &mut dyn Backend,
    env: &Env,
    loaded: &Loaded,
    source: &str,
    writing: &Writing,
) -> Result<Written, Error> {
    let numbered = assign(db, loaded, source)?;
    let delegation = with_references(&loaded.delegation, &numbered);
    let notes = crate::plan::jobs(&delegation)
        .iter()
        .map(|job| {
            note::render(
                env,
                loaded.templates(env),
                &delegation,
                job,
                writing.emblems,
            )
            .map_err(|error| note::in_context(loaded, job, error))
        })
        .collect::<Result<Vec<Note>, Error>>()?;
    // The drafts name the notes' references, so they are made from the numbered delegation.
    let templates = loaded.templates(env);
    let drafts = crate::write::drafts(env, templates, &delegation, &notes, writing.mail)?;
    let files = crate::write::files(&notes, &drafts);
    let outcomes = output::write_all(writing.folder, &files, writing.force)?;
    record(db, &delegation, source, &numbered, &notes, &outcomes).map_err(|message| {
        Error::Register(RegisterError {
            register: String::new(),
            message,
            hints: Vec::new(),
        })
    })?;
    Ok(Written {
        notes,
        drafts,
        outcomes,
        numbered,
    })
}

/// The references `generate` would give now, without taking any: the delegation with them
/// filled in, and each note's reference. A register that does not exist yet is read as empty
/// and is not created.
pub fn next_references(loaded: &Loaded) -> Result<(Delegation, Vec<Numbered>), Error> {
    let Some(location) = &loaded.delegation.register else {
        return Ok((loaded.delegation.clone(), Vec::new()));
    };
    let source = source_key(&loaded.source.path, location);
    let numbered = match Register::open_existing(location).map_err(register_error)? {
        Some(mut register) => {
            let db = &mut *register.backend;
            let fail = |message: String| Error::Register(RegisterError::new(location, message));
            db.begin(false).map_err(fail)?;
            let numbered = assign(db, loaded, &source);
            db.rollback();
            numbered?
        }
        None => {
            let empty = Location::File(":memory:".into());
            let mut register = Register::open(&empty).map_err(register_error)?;
            assign(&mut *register.backend, loaded, &source)?
        }
    };
    Ok((with_references(&loaded.delegation, &numbered), numbered))
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

fn with_references(delegation: &Delegation, numbered: &[Numbered]) -> Delegation {
    let mut delegation = delegation.clone();
    for number in numbered {
        delegation.meetings[number.meeting].reference = number.reference.clone();
    }
    delegation
}

/// Gives each meeting its reference: a note numbered before keeps its number; a new
/// `reference = "auto"` takes the next of its sequence; a reference written by hand must not
/// belong to another note. Every conflict is reported, at the reference's line.
fn assign(db: &mut dyn Backend, loaded: &Loaded, source: &str) -> Result<Vec<Numbered>, Error> {
    let fail = |message: String| {
        Error::Register(RegisterError {
            register: loaded
                .delegation
                .register
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            message,
            hints: Vec::new(),
        })
    };
    let delegation = &loaded.delegation;
    let mut numbered = Vec::new();
    let mut diagnostics = Vec::new();
    let mut here: HashMap<String, usize> = HashMap::new();
    let mut next: HashMap<Option<i64>, i64> = HashMap::new();
    for (index, meeting) in delegation.meetings.iter().enumerate() {
        let identity = identity(delegation, index, source);
        let year = i64::from(meeting.date.year);
        let number = if meeting.auto_reference {
            match store::numbered_note(db, &identity).map_err(fail)? {
                Some(reference) => {
                    let found = store::note_by_reference(db, &reference).map_err(fail)?;
                    let (year, seq) = found.map_or((year, 0), |n| (n.year, n.seq));
                    Numbered {
                        meeting: index,
                        reference,
                        auto: true,
                        new: false,
                        year,
                        seq,
                    }
                }
                None => {
                    // Validation makes sure a file with `auto` has a pattern.
                    let Some(pattern) = &delegation.mission.reference_pattern else {
                        return Err(fail(
                            "no `reference_pattern` to number the note with".into(),
                        ));
                    };
                    let key = pattern.has_year().then_some(year);
                    let seq = match next.get(&key) {
                        Some(seq) => *seq,
                        None => store::highest(db, &pattern.text, key).map_err(fail)?,
                    };
                    // A reference written by hand may already have the next number's text.
                    let mut seq = seq + 1;
                    let mut reference = pattern.format(meeting.date.year, seq as u64);
                    while here.contains_key(&reference)
                        || store::note_by_reference(db, &reference)
                            .map_err(fail)?
                            .is_some()
                    {
                        seq += 1;
                        reference = pattern.format(meeting.date.year, seq as u64);
                    }
                    next.insert(key, seq);
                    Numbered {
                        meeting: index,
                        reference,
                        auto: true,
                        new: true,
                        year,
                        seq,
                    }
                }
            }
        } else {
            let reference = meeting.reference.clone();
            let found = store::note_by_reference(db, &reference).map_err(fail)?;
            if let Some(found) = &found {
                if let Some(problem) = conflict(found, &identity) {
                    diagnostics.push(
                        Diagnostic::at(meeting.reference_span.clone(), problem.0).hint(problem.1),
                    );
                }
            }
            let new = found.is_none();
            Numbered {
                meeting: index,
                reference,
                auto: false,
                new,
                year,
                seq: 0,
            }
        };
        if let Some(other) = here.insert(number.reference.clone(), index) {
            diagnostics.push(
                Diagnostic::at(
                    meeting.reference_span.clone(),
                    format!(
                        "reference `{}` is given to two notes of this file",
                        number.reference
                    ),
                )
                .hint(format!(
                    "meeting `{}` has it too; each note needs its own reference",
                    delegation.meetings[other].id
                )),
            );
        }
        numbered.push(number);
    }
    if diagnostics.is_empty() {
        Ok(numbered)
    } else {
        Err(Error::Invalid {
            file: loaded.source.path.clone(),
            source: Some(loaded.source.clone()),
            diagnostics,
            hidden: 0,
        })
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
    notes: &[Note],
    outcomes: &[Outcome],
) -> Result<(), String> {
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
    for (note, paths) in notes.iter().zip(outcomes.chunks(2)) {
        let Some(number) = numbered.iter().find(|n| n.meeting == note.job.meeting) else {
            continue;
        };
        let language = note.job.language;
        let (pdf, docx) = (sha256_hex(&note.pdf), sha256_hex(&note.docx));
        let latest = store::latest_version(db, &number.reference, language.code())?;
        if latest
            .as_ref()
            .is_some_and(|(_, p, d)| *p == pdf && *d == docx)
        {
            continue;
        }
        let meeting = &delegation.meetings[number.meeting];
        let version = store::last_version_number(db, &number.reference)? + 1;
        let path = |i: usize| match paths.get(i) {
            Some(Outcome::Written(path) | Outcome::Unchanged(path)) => path.display().to_string(),
            None => String::new(),
        };
        store::insert_version(
            db,
            &VersionRecord {
                reference: number.reference.clone(),
                version,
                issued: meeting.date.to_string(),
                kind: meeting.template.clone(),
                language: language.code().to_string(),
                meeting: meeting.id.clone(),
                recipient: meeting
                    .recipient
                    .name
                    .get(language)
                    .cloned()
                    .unwrap_or_default(),
                mission: delegation
                    .mission
                    .name
                    .get(language)
                    .cloned()
                    .unwrap_or_default(),
                pdf_path: path(0),
                docx_path: path(1),
                pdf_sha256: pdf,
                docx_sha256: docx,
            },
        )?;
    }
    Ok(())
}
