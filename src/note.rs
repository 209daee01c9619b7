//! Delegation and job -> the finished note: template, markup, document, layout, PDF and DOCX.

use std::fmt;

use crate::document::{BlockKind, Document, Inline, Seal};
use crate::env::Env;
use crate::export::pdf::Emblems;
use crate::export::{self, ExportError};
use crate::fonts::Fonts;
use crate::grammar;
use crate::markup::{self, MarkupError};
use crate::model::{Delegation, Language};
use crate::plan::Job;
use crate::template::{TemplateError, Templates};

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

/// Why a valid delegation still gave no note (a template or font problem, not the user's
/// data); each variant is the stage that failed.
#[derive(Debug)]
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
    /// A note in Chinese, and no Chinese font on the machine nor where the run says.
    NoChineseFont(crate::fonts::system::CjkFontError),
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteError::Template(error) => error.fmt(f),
            NoteError::Markup { template, error } => write!(
                f,
                "template `{template}` produced bad markup at line {}: {}",
                error.line, error.fault
            ),
            NoteError::MissingGlyph { character, block } => write!(
                f,
                "the font has no glyph for `{character}` (U+{:04X}) in the {block} text of the template",
                u32::from(*character)
            ),
            NoteError::Export(error) => error.fmt(f),
            NoteError::NoChineseFont(error) => error.fmt(f),
        }
    }
}

impl NoteError {
    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        match self {
            NoteError::Template(error) => error.hint.iter().cloned().collect(),
            NoteError::Markup { .. } => {
                vec!["`verbale templates check` shows the markup each template renders".into()]
            }
            NoteError::MissingGlyph { .. } => {
                vec!["change the template's text to characters of Latin, Greek or Cyrillic".into()]
            }
            NoteError::Export(error) => error.hints(),
            NoteError::NoChineseFont(error) => error.hints(),
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
        title: parsed.title.map_or_else(
            || format!("Note verbale {}", meeting.reference),
            |title| markup::unmark(&title),
        ),
        // The mission's name as a name, not as the subject of a sentence: no article.
        author: delegation
            .mission
            .name
            .get(job.language)
            .map(|name| grammar::bare(job.language, name))
            .unwrap_or_default(),
        language: job.language.tag().to_string(),
        created: env.clock.unwrap_or(meeting.date),
        paper: delegation.paper,
        pdf_a: delegation.pdf_a,
        emblem: delegation.mission.emblem.clone(),
        seal: delegation.mission.seal.as_ref().map(|image| Seal {
            image: image.clone(),
            description: seal_description(job.language, delegation),
        }),
        blocks: parsed.blocks,
        continued: templates
            .render_continued(delegation, job)
            .map_err(NoteError::Template)?,
    };
    let mut document = document;
    let language = job.language;
    document.author = grammar::apostrophes(language, &document.author);
    document.title = grammar::apostrophes(language, &document.title);
    if let Some(seal) = &mut document.seal {
        seal.description = grammar::apostrophes(language, &seal.description);
    }
    document.continued = grammar::apostrophes(language, &document.continued);
    for block in &mut document.blocks {
        for inline in &mut block.inlines {
            if let Inline::Text { text, .. } = inline {
                *text = markup::unmark(&grammar::typeset(language, text));
            }
        }
    }
    let fonts = env.fonts_for(language).map_err(NoteError::NoChineseFont)?;
    check_glyphs(fonts, &document)?;
    Ok(document)
}

/// The seal's alternative text: `Seal of the Permanent Mission …`, `Sceau de la Mission …`,
/// `Sello de la Misión …`.
fn seal_description(language: Language, delegation: &Delegation) -> String {
    let name = delegation
        .mission
        .name
        .get(language)
        .map_or("", String::as_str);
    match language {
        Language::English => format!("Seal of the {name}"),
        Language::French => format!("Sceau {}", grammar::of(language, name)),
        Language::Spanish => format!("Sello {}", grammar::of(language, name)),
        // The name in the nominative, so that the description needs no case the file lacks.
        Language::Russian => format!("Печать: {name}"),
        // 「…的印章」: the seal of the name.
        Language::Chinese => format!("{name}印章"),
        // «ختم البعثة الدائمة …»: the seal of the name, the construct state with no particle.
        Language::Arabic => format!("ختم {name}"),
    }
}

fn check_glyphs(fonts: &Fonts, document: &Document) -> Result<(), NoteError> {
    if let Some(character) = document.continued.chars().find(|c| !fonts.covers(*c)) {
        return Err(NoteError::MissingGlyph {
            character,
            block: kind_name(BlockKind::Heading),
        });
    }
    for block in &document.blocks {
        for inline in &block.inlines {
            if let Inline::Text { text, .. } = inline {
                if let Some(character) = text.chars().find(|c| !fonts.covers(*c)) {
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

/// Makes one note: document, layout, PDF and DOCX; `emblems` keeps the run's emblems made
/// ready for the PDF writer.
pub fn render(
    env: &Env,
    templates: &Templates,
    delegation: &Delegation,
    job: &Job,
    emblems: &Emblems,
) -> Result<Note, NoteError> {
    let document = document(env, templates, delegation, job)?;
    let fonts = env
        .fonts_for(job.language)
        .map_err(NoteError::NoChineseFont)?;
    let layout = crate::layout::layout(&document, fonts);
    let pdf = export::pdf::export(&document, &layout, fonts, emblems).map_err(NoteError::Export)?;
    let docx = export::docx::export(&document, &layout).map_err(NoteError::Export)?;
    Ok(Note {
        job: job.clone(),
        pages: layout.pages.len(),
        report: layout.report,
        document,
        pdf,
        docx,
    })
}
