//! A loaded delegation file -> its notes on disk: numbered by the register when the file has
//! one, with a mail draft beside each note when one is asked for, every file or none. The one
//! path `generate`, `batch` and `send` take.

use std::path::Path;

use crate::export::pdf::Emblems;
use crate::mail::{self, Attach};
use crate::model::Delegation;
use crate::note::{self, Note};
use crate::output::{self, Outcome, Planned};
use crate::register::{self, Numbered};
use crate::template::Templates;
use crate::{Env, Error, Loaded};

/// Where and how a file's notes are written.
pub struct Writing<'a> {
    /// The output folder.
    pub folder: &'a Path,
    /// Replace files whose contents differ.
    pub force: bool,
    /// Write a mail draft (`.eml`) beside each note, with these files attached.
    pub mail: Option<Attach>,
    /// The run's emblems, made ready once for the PDF writer.
    pub emblems: &'a Emblems,
}

/// A file's notes, written.
pub struct Written {
    /// The notes, in meeting order.
    pub notes: Vec<Note>,
    /// Each note's mail draft, when drafts were asked for.
    pub drafts: Vec<mail::Draft>,
    /// What became of each file: each note's PDF and DOCX, then the drafts.
    pub outcomes: Vec<Outcome>,
    /// The references the register gave (none without a register).
    pub numbered: Vec<Numbered>,
}

/// A note's mail to send: its draft, where its files are, and the register that numbered it.
#[derive(Debug)]
pub struct Outgoing {
    /// The folder of the note's files (its `.sent` record goes there too).
    pub folder: std::path::PathBuf,
    /// The note's name (`ccm-7msp.en`).
    pub stem: String,
    /// The message.
    pub draft: mail::Draft,
    /// The register the note is in, and its reference there.
    pub register: Option<(register::Location, String)>,
}

impl Written {
    /// The notes' drafts as mail to send, written into `folder` from `loaded`.
    pub fn outgoing(self, folder: &Path, loaded: &Loaded) -> Vec<Outgoing> {
        let numbered = self.numbered;
        self.notes
            .iter()
            .zip(self.drafts)
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

    /// The sizes of the files, in the order of [`Written::outcomes`].
    pub fn sizes(&self) -> Vec<usize> {
        let notes = self
            .notes
            .iter()
            .flat_map(|note| [note.pdf.len(), note.docx.len()]);
        notes
            .chain(self.drafts.iter().map(|draft| draft.bytes.len()))
            .collect()
    }
}

/// Makes every note of `loaded` and writes it as `writing` says.
pub fn notes(env: &Env, loaded: &Loaded, writing: &Writing) -> Result<Written, Error> {
    if let Some(location) = &loaded.delegation.register {
        return register::issue(env, loaded, location, writing);
    }
    let notes = note::render_all(env, loaded, writing.emblems)?;
    let drafts = drafts(
        env,
        loaded.templates(env),
        &loaded.delegation,
        &notes,
        writing.mail,
    )?;
    let outcomes = output::write_all(writing.folder, &files(&notes, &drafts), writing.force)?;
    Ok(Written {
        notes,
        drafts,
        outcomes,
        numbered: Vec::new(),
    })
}

/// Makes every note of `loaded` (and its draft, when asked) as [`notes`] would, writing nothing
/// and taking no number from the register: the references are those it would give now.
pub fn dry_run(
    env: &Env,
    loaded: &Loaded,
    emblems: &Emblems,
    mail: Option<Attach>,
) -> Result<Written, Error> {
    let (delegation, numbered) = register::next_references(loaded)?;
    let templates = loaded.templates(env);
    let notes = crate::plan::jobs(&delegation)
        .iter()
        .map(|job| {
            note::render(env, templates, &delegation, job, emblems)
                .map_err(|error| note::in_context(loaded, job, error))
        })
        .collect::<Result<Vec<Note>, Error>>()?;
    let drafts = drafts(env, templates, &delegation, &notes, mail)?;
    Ok(Written {
        notes,
        drafts,
        outcomes: Vec::new(),
        numbered,
    })
}

/// Each note's mail draft, when drafts are asked for.
pub fn drafts(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    notes: &[Note],
    mail: Option<Attach>,
) -> Result<Vec<mail::Draft>, Error> {
    let Some(attach) = mail else {
        return Ok(Vec::new());
    };
    notes
        .iter()
        .map(|note| mail::draft::for_note(env, templates, delegation, note, attach))
        .collect()
}

/// The files of the notes and their drafts, named: each note's PDF and DOCX, then the drafts.
pub fn files<'a>(notes: &'a [Note], drafts: &'a [mail::Draft]) -> Vec<Planned<'a>> {
    let mut files: Vec<Planned> = notes.iter().flat_map(Note::files).collect();
    files.extend(notes.iter().zip(drafts).map(|(note, draft)| Planned {
        name: mail::draft::file_name(&note.job),
        bytes: &draft.bytes,
    }));
    files
}
