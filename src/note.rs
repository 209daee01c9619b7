//! Delegation and job -> the finished note: template, markup, document, layout, PDF and DOCX.

use std::fmt;

use crate::document::{BlockKind, Document, Inline};
use crate::export::{self, ExportError};
use crate::grammar;
use crate::markup::{self, MarkupError};
use crate::model::{Delegation, Language};
use crate::plan::Job;
use crate::template::{TemplateError, Templates};
use crate::Env;

/// A note in both formats, in memory.
pub struct Note {
    /// What was written.
    pub job: Job,
    /// The document both files were made from.
    pub document: Document,
    /// Number of pages of the PDF.
    pub pages: usize,
    /// How well each block's lines were set.
    pub report: Vec<crate::layout::ParagraphReport>,
    /// PDF bytes.
    pub pdf: Vec<u8>,
    /// DOCX bytes.
    pub docx: Vec<u8>,
}

impl Note {
    /// The note's two files, ready for [`crate::output::write_all`].
    pub fn files(&self) -> [crate::output::Planned<'_>; 2] {
        [
            crate::output::Planned {
                name: self.job.pdf_name(),
                bytes: &self.pdf,
            },
            crate::output::Planned {
                name: self.job.docx_name(),
                bytes: &self.docx,
            },
        ]
    }
}

/// How a note's two files are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// One after the other on the calling thread: a batch keeps every core busy with notes.
    InTurn,
    /// The DOCX on a thread of its own while the calling thread makes the PDF: a single file's
    /// notes have a core to spare.
    SideBySide,
}

/// Makes every note of a delegation, in meeting order.
pub fn render_all(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    files: Files,
) -> Result<Vec<Note>, NoteError> {
    crate::plan::jobs(delegation)
        .iter()
        .map(|job| render_with(env, templates, delegation, job, files))
        .collect()
}

/// Why a valid delegation still gave no note (a template or font problem, not the user's data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteError {
    /// The template failed.
    Template(TemplateError),
    /// The rendered markup is malformed.
    Markup {
        /// The template's name.
        template: String,
        /// The problem, with its line in the rendered markup.
        error: MarkupError,
    },
    /// Text from the template that the font cannot draw.
    MissingGlyph {
        /// The character.
        character: char,
        /// The kind of block it is in.
        block: &'static str,
    },
    /// An exporter failed.
    Export(ExportError),
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteError::Template(error) => error.fmt(f),
            NoteError::Markup { template, error } => write!(
                f,
                "template `{template}` produced bad markup at line {}: {}",
                error.line, error.message
            ),
            NoteError::MissingGlyph { character, block } => write!(
                f,
                "the font has no glyph for `{character}` (U+{:04X}) in the {block} text of the template",
                u32::from(*character)
            ),
            NoteError::Export(error) => error.fmt(f),
        }
    }
}

/// Builds the format-neutral document of one note.
pub fn document(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    job: &Job,
) -> Result<Document, NoteError> {
    let text = templates
        .render(delegation, job)
        .map_err(NoteError::Template)?;
    let parsed = markup::parse(&text).map_err(|error| NoteError::Markup {
        template: crate::template::template_name(job),
        error,
    })?;
    let meeting = &delegation.meetings[job.meeting];
    let document = Document {
        title: parsed
            .title
            .unwrap_or_else(|| format!("Note verbale {}", meeting.reference)),
        author: delegation
            .mission
            .name
            .get(job.language)
            .cloned()
            .unwrap_or_default(),
        language: job.language.tag().to_string(),
        created: env.clock.unwrap_or(meeting.date),
        paper: delegation.paper,
        pdf_a: delegation.pdf_a,
        emblem: delegation.mission.emblem.clone(),
        blocks: parsed.blocks,
    };
    let mut document = document;
    if job.language == Language::French {
        for block in &mut document.blocks {
            for inline in &mut block.inlines {
                if let Inline::Text { text, .. } = inline {
                    *text = grammar::french_spacing(text);
                }
            }
        }
    }
    check_glyphs(env, &document)?;
    Ok(document)
}

fn check_glyphs(env: &Env, document: &Document) -> Result<(), NoteError> {
    for block in &document.blocks {
        for inline in &block.inlines {
            if let Inline::Text { text, .. } = inline {
                if let Some(character) = text.chars().find(|c| !env.fonts.covers(*c)) {
                    return Err(NoteError::MissingGlyph {
                        character,
                        block: kind_name(block.kind),
                    });
                }
            }
        }
    }
    Ok(())
}

fn kind_name(kind: BlockKind) -> &'static str {
    kind.markup_name()
}

/// Makes one note: document, layout, PDF and DOCX.
pub fn render(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    job: &Job,
) -> Result<Note, NoteError> {
    render_with(env, templates, delegation, job, Files::InTurn)
}

/// [`render`], with the files made as `files` says.
pub fn render_with(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    job: &Job,
    files: Files,
) -> Result<Note, NoteError> {
    let document = document(env, templates, delegation, job)?;
    let layout = crate::layout::layout(&document, &env.fonts);
    let docx = || export::docx::export(&document, &env.docx_parts);
    let pdf = || export::pdf::export(&document, &layout, &env.fonts, &env.images);
    let (docx, pdf) = match files {
        // The DOCX first: it needs neither the PDF faces nor the emblem, which a single run
        // has prepared on the other core meanwhile.
        Files::InTurn => (docx(), pdf()),
        Files::SideBySide => std::thread::scope(|scope| {
            // Without a thread to spare (the system refused one), the DOCX is made here after all.
            match std::thread::Builder::new().spawn_scoped(scope, docx) {
                Ok(docx) => {
                    let pdf = pdf();
                    let docx = docx
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (docx, pdf)
                }
                Err(_) => (docx(), pdf()),
            }
        }),
    };
    let (docx, pdf) = (
        docx.map_err(NoteError::Export)?,
        pdf.map_err(NoteError::Export)?,
    );
    Ok(Note {
        job: job.clone(),
        pages: layout.pages.len(),
        report: layout.report.clone(),
        document,
        pdf,
        docx,
    })
}
