//! A delegation file -> its notes, through one run of stages: load and validate the file
//! ([`load`]), plan one job per note, number the notes in the register, render each (template,
//! markup, layout, PDF and DOCX), make the mail drafts, write the files and record them.
//! Every command runs these stages through this module, and none of them re-implements one:
//! [`render`] makes the notes in memory (for `check`, `preview` and `send --dry-run`) and
//! [`issue`] numbers, writes and records them (for `generate`, `batch` and `send`). The
//! stages below (validate, template, markup, layout, export) and the services (register,
//! mail, import, output) never call back up here.

mod deliver;
mod issue;
mod load;
mod render;

pub use deliver::{attached_on_disk, deliver, DeliverError};
pub use issue::{issue, Issued, Outgoing};
pub use load::{load, load_source, Loaded};
pub use render::{render, Rendered};

use crate::export::pdf::Emblems;
use crate::mail::Attach;
use crate::model::Overrides;

/// What a run needs besides the files it reads, resolved once from the command line: the
/// overrides of every file's settings, whether to replace changed files, which mail drafts to
/// make, and the emblems made ready once for the PDF writer.
#[derive(Default)]
pub struct Settings {
    /// What the command line says over each file's own settings.
    pub overrides: Overrides,
    /// Replace files whose contents differ (`--force`).
    pub force: bool,
    /// Write a mail draft (`.eml`) beside each note, with these files attached.
    pub mail: Option<Attach>,
    /// The run's emblems and seals, made ready once for the PDF writer.
    pub emblems: Emblems,
}

impl Settings {
    /// The settings of a run with these overrides, asking for mail drafts or not: drafts need
    /// the e-mail addresses, so asking for them makes validation require those.
    pub fn new(overrides: Overrides, mail: Option<Attach>, force: bool) -> Settings {
        Settings {
            overrides: Overrides {
                mail: mail.is_some(),
                ..overrides
            },
            force,
            mail,
            emblems: Emblems::default(),
        }
    }
}

/// The files of a note and of its mail draft, named as they are written: each note's PDF
/// and DOCX, then the drafts.
fn files<'a>(rendered: &'a Rendered) -> Vec<crate::output::Planned<'a>> {
    use crate::output::Planned;
    let mut files: Vec<Planned> = rendered
        .notes
        .iter()
        .flat_map(|note| {
            [
                Planned {
                    name: note.job.pdf_name(),
                    bytes: &note.pdf,
                },
                Planned {
                    name: note.job.docx_name(),
                    bytes: &note.docx,
                },
            ]
        })
        .collect();
    files.extend(
        rendered
            .notes
            .iter()
            .zip(&rendered.drafts)
            .map(|(note, draft)| Planned {
                name: crate::mail::draft::file_name(&note.job),
                bytes: &draft.bytes,
            }),
    );
    files
}
