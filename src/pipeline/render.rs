//! A loaded file -> its notes made in memory, and their mail drafts: nothing is written and no
//! number is taken. The one loop that renders a file's notes, for every command.

use crate::mail::{self, Attach};
use crate::model::Delegation;
use crate::note::{self, Note, NoteError};
use crate::plan::Job;
use crate::register::{self, Numbered, NumberingError};
use crate::{Env, Error};

use super::{Loaded, Settings};

/// A file's notes, made.
pub struct Rendered {
    /// The delegation with the notes' references filled in.
    pub delegation: Delegation,
    /// The references the register gave, or would give (none without a register).
    pub numbered: Vec<Numbered>,
    /// The notes, in meeting order, then language order.
    pub notes: Vec<Note>,
    /// Each note's mail draft, when drafts were asked for.
    pub drafts: Vec<mail::Draft>,
}

impl Rendered {
    /// The names of a meeting's notes: `ccm-7msp.en`, or `ccm-7msp.en, ccm-7msp.fr` for a note
    /// in two languages.
    pub fn stems(&self, meeting: usize) -> String {
        let stems: Vec<&str> = self
            .notes
            .iter()
            .filter(|note| note.job.meeting == meeting)
            .map(|note| note.job.stem.as_str())
            .collect();
        stems.join(", ")
    }
}

/// Makes every note of `loaded` (and its draft, when the settings ask for drafts) with the
/// references the register would give now, taking none.
pub fn render(env: &Env, loaded: &Loaded, settings: &Settings) -> Result<Rendered, Error> {
    let numbered = match &loaded.delegation.register {
        Some(location) => {
            register::next_references(location, &loaded.source.path, &loaded.delegation)
                .map_err(|error| numbering_error(loaded, error))?
        }
        None => Vec::new(),
    };
    let delegation = register::with_references(&loaded.delegation, &numbered);
    with_references(env, loaded, delegation, numbered, settings)
}

/// Makes every note of `delegation` (the loaded file's, with its references) and the drafts.
pub(super) fn with_references(
    env: &Env,
    loaded: &Loaded,
    delegation: Delegation,
    numbered: Vec<Numbered>,
    settings: &Settings,
) -> Result<Rendered, Error> {
    let templates = loaded.templates(env);
    let notes = crate::plan::jobs(&delegation)
        .iter()
        .map(|job| {
            note::render(env, templates, &delegation, job, &settings.emblems)
                .map_err(|error| in_context(loaded, job, error))
        })
        .collect::<Result<Vec<Note>, Error>>()?;
    let drafts = match settings.mail {
        Some(attach) => notes
            .iter()
            .map(|note| draft(env, loaded, &delegation, note, attach))
            .collect::<Result<Vec<_>, Error>>()?,
        None => Vec::new(),
    };
    Ok(Rendered {
        delegation,
        numbered,
        notes,
        drafts,
    })
}

/// The draft of a made note, dated as its files are, with its PDF (and DOCX) attached.
fn draft(
    env: &Env,
    loaded: &Loaded,
    delegation: &Delegation,
    note: &Note,
    attach: Attach,
) -> Result<mail::Draft, Error> {
    let date = env
        .clock
        .unwrap_or(delegation.meetings[note.job.meeting].date);
    let mut attachments = vec![mail::Attachment::pdf(note.job.pdf_name(), &note.pdf)];
    if attach == Attach::PdfAndDocx {
        attachments.push(mail::Attachment::docx(note.job.docx_name(), &note.docx));
    }
    mail::draft(
        loaded.templates(env),
        delegation,
        &note.job,
        date,
        &attachments,
    )
    .map_err(|error| Error::Mail {
        note: Some(note.job.stem.clone()),
        error: Box::new(error),
    })
}

/// A note's error with the file and the note it is about.
pub fn in_context(loaded: &Loaded, job: &Job, error: NoteError) -> Error {
    Error::Note {
        file: loaded.source.path.clone(),
        note: job.stem.clone(),
        error: Box::new(error),
    }
}

/// A numbering problem of the loaded file: the register's, or references in conflict at
/// their places in the file.
pub(super) fn numbering_error(loaded: &Loaded, error: NumberingError) -> Error {
    match error {
        NumberingError::Register(error) => Error::Register(error),
        NumberingError::Conflicts(diagnostics) => Error::Invalid {
            file: loaded.source.path.clone(),
            source: Some(loaded.source.clone()),
            diagnostics,
            hidden: 0,
        },
    }
}
