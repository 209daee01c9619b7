//! A loaded file -> its notes numbered, written and recorded.
//!
//! The rule this keeps, whatever fails and whenever the process is killed: **a file on disk
//! that carries a reference is in the register with that file's hash, and no reference is
//! ever printed on two different notes.** The steps, in this order:
//!
//! 1. A write transaction on the register holds it against every other writer (SQLite's
//!    `BEGIN IMMEDIATE`, a PostgreSQL table lock) and reserves the notes' references.
//! 2. The notes and their drafts are rendered with those references, in memory.
//! 3. The output folder is locked, checked for files `--force` would be needed for, and every
//!    new file is written in full under a temporary name beside its place. Nothing visible
//!    has changed yet.
//! 4. The new numbers and each note's version (the SHA-256 of its PDF and DOCX) are recorded,
//!    and the transaction is committed.
//! 5. Only then are the files renamed into place.
//!
//! A failure or a kill before the commit (4) leaves the register as it was and no file in
//! place: the numbers are not taken, and the temporary files are removed (by this run, or,
//! after a kill, by the next one). After the commit the numbers belong to these notes for
//! good: if a rename fails, the files renamed so far are put back, and the next run renders
//! the same notes under the same numbers (the register knows the note by its file, meeting,
//! kind and language) and writes them; a kill between two renames leaves files each of which
//! the register has. The register may so record a version whose files never reached the
//! folder, never the other way round.

use std::path::{Path, PathBuf};

use crate::mail;
use crate::output::{self, Outcome};
use crate::register::{self, IssuedFiles, Location, Register};
use crate::{Env, Error};

use super::render::{numbering_error, with_references};
use super::{Loaded, Rendered, Settings};

/// A file's notes, written.
pub struct Issued {
    /// The notes, their drafts and references.
    pub rendered: Rendered,
    /// What became of each file: each note's PDF and DOCX, then the drafts.
    pub outcomes: Vec<Outcome>,
}

/// A note's mail to send: its draft, where its files are, and the register that numbered it.
#[derive(Debug)]
pub struct Outgoing {
    /// The folder of the note's files (its `.sent` record goes there too).
    pub folder: PathBuf,
    /// The note's name (`ccm-7msp.en`).
    pub stem: String,
    /// The message.
    pub draft: mail::Draft,
    /// The register the note is in, and its reference there.
    pub register: Option<(Location, String)>,
}

impl Issued {
    /// The sizes of the files, in the order of [`Issued::outcomes`].
    pub fn sizes(&self) -> Vec<usize> {
        let rendered = &self.rendered;
        let notes = rendered
            .notes
            .iter()
            .flat_map(|note| [note.pdf.len(), note.docx.len()]);
        notes
            .chain(rendered.drafts.iter().map(|draft| draft.bytes.len()))
            .collect()
    }

    /// The notes' drafts as mail to send, written into `folder` from `loaded`.
    pub fn outgoing(self, folder: &Path, loaded: &Loaded) -> Vec<Outgoing> {
        let Rendered {
            notes,
            drafts,
            numbered,
            ..
        } = self.rendered;
        notes
            .iter()
            .zip(drafts)
            .map(|(note, draft)| Outgoing {
                folder: folder.to_path_buf(),
                stem: note.job.stem.clone(),
                draft,
                register: loaded.delegation.register.clone().and_then(|location| {
                    numbered
                        .iter()
                        .find(|n| n.meeting == note.job.meeting)
                        .map(|n| (location, n.reference.clone()))
                }),
            })
            .collect()
    }
}

/// Makes every note of `loaded` and writes it into `folder`, numbered and recorded by the
/// file's register when it has one: every file or none (see the protocol above).
pub fn issue(
    env: &Env,
    loaded: &Loaded,
    settings: &Settings,
    folder: &Path,
) -> Result<Issued, Error> {
    let Some(location) = &loaded.delegation.register else {
        let rendered =
            with_references(env, loaded, loaded.delegation.clone(), Vec::new(), settings)?;
        let outcomes = output::stage(folder, &super::files(&rendered), settings.force)?.place()?;
        return Ok(Issued { rendered, outcomes });
    };
    let mut register = Register::open(location)?;
    let mut transaction = register.transaction(&loaded.source.path, true)?;
    let numbered = transaction
        .reserve(&loaded.delegation)
        .map_err(|error| numbering_error(loaded, error))?;
    let delegation = register::with_references(&loaded.delegation, &numbered);
    let rendered = with_references(env, loaded, delegation, numbered, settings)?;
    let files = super::files(&rendered);
    keep_voided(&mut transaction, folder, &files)?;
    let staged = output::stage(folder, &files, settings.force)?;
    let paths: Vec<&Path> = staged.paths().collect();
    let issued: Vec<IssuedFiles> = rendered
        .notes
        .iter()
        .zip(paths.chunks(2))
        .map(|(note, paths)| IssuedFiles {
            meeting: note.job.meeting,
            language: note.job.language,
            pdf: (&note.pdf, paths[0]),
            docx: (&note.docx, paths[1]),
        })
        .collect();
    transaction.record(&rendered.delegation, &rendered.numbered, &issued)?;
    transaction.commit()?;
    let outcomes = staged.place().map_err(|error| Error::Unplaced {
        error,
        references: rendered
            .numbered
            .iter()
            .map(|n| n.reference.clone())
            .collect(),
    })?;
    Ok(Issued { rendered, outcomes })
}

/// Refuses to replace a voided note's files, even with `--force`: a meeting whose note was
/// voided is numbered anew, and its new note must not take the withdrawn one's place.
fn keep_voided(
    transaction: &mut register::Transaction,
    folder: &Path,
    files: &[output::Planned],
) -> Result<(), Error> {
    let mut kept = Vec::new();
    for file in files {
        let path = folder.join(&file.name);
        // A missing or unreadable file is the output stage's to report.
        let Ok(bytes) = crate::files::read_bounded(&path, crate::files::MAX_OUTPUT_BYTES) else {
            continue;
        };
        if bytes != file.bytes {
            if let Some(note) = transaction.voided_file(&bytes)? {
                kept.push((path, note));
            }
        }
    }
    if kept.is_empty() {
        return Ok(());
    }
    Err(Error::VoidedFiles {
        files: kept
            .into_iter()
            .map(|(path, note)| (path, note.reference, note.voided_on.unwrap_or_default()))
            .collect(),
    })
}
