//! Document -> pages of positioned glyphs: line breaking, justification and pagination.
//! Independent of the PDF writer, so it is tested on its own.

mod balance;
mod bidi;
mod hyphenate;
mod justify;
mod lines;
mod pager;
mod pages;
pub mod style;

use std::ops::Range;

pub use bidi::levels as bidi_levels;
pub use justify::{
    break_paragraph, space_scale, Hyphenation, MAX_LOOSE_SPACE, MAX_SPACE, MAX_STRETCH,
    MAX_TRACKING, MIN_SPACE,
};
pub use lines::{break_lines, shape, Glyph, LineBox, Shaped};

use crate::document::{Document, Style};
use crate::fonts::Fonts;

/// A laid-out note.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// How well each block's lines were set, in document order.
    pub report: Vec<ParagraphReport>,
    /// Where the letterhead's second and later lines start, as byte offsets in its text (its
    /// inlines' text, word joiners left out, a forced break counting as `\n`): the DOCX breaks
    /// its letterhead there, so Word sets the same balanced lines.
    pub letterhead_breaks: Vec<usize>,
    /// The share of each block's space above it that the pages keep: 1 as styled, less when
    /// shrinking the spacing between blocks saved a page. The DOCX takes the same share, so
    /// that Word and LibreOffice set the note on as few pages.
    pub spacing: f32,
}

/// The quality of one block's lines, for `--layout-report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphReport {
    /// The kind of block.
    pub kind: crate::document::BlockKind,
    /// Its number of lines.
    pub lines: usize,
    /// The most any of its justified lines stretches its spaces (0 natural, 1 by half a space).
    pub worst_ratio: f32,
    /// The narrowest word space of its justified lines, as a multiple of the font's space
    /// (1 when no line shrinks).
    pub narrowest_space: f32,
    /// The widest word space of its justified lines, as a multiple of the font's space (1 when
    /// no line stretches).
    pub widest_space: f32,
    /// The most letter spacing any of its justified lines takes, as a share of the type size
    /// (0 when every line reaches the margin with its spaces alone).
    pub letter_spacing: f32,
    /// Lines that end with a hyphen.
    pub hyphenated: usize,
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What is drawn, in reading order.
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text, one line per text line (runs on one baseline joined).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_baseline = None;
        for item in &self.items {
            if let Item::Text(run) = item {
                if last_baseline.is_some_and(|b: f32| (b - run.baseline).abs() > 0.1) {
                    out.push('\n');
                }
                out.push_str(&run.text);
                last_baseline = Some(run.baseline);
            }
        }
        out
    }
}

/// Something drawn on a page; coordinates from the top-left corner, y down.
#[derive(Debug, Clone)]
pub enum Item {
    /// A run of glyphs in one face on one baseline.
    Text(TextRun),
    /// The emblem.
    Emblem {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
    /// The seal.
    Seal {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
}

/// Glyphs in one face and size on one baseline.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The document block this text belongs to; `None` for page furniture (page numbers,
    /// repeated headings), which `artifact` names.
    pub block: Option<usize>,
    /// What page furniture the text is, when it is.
    pub artifact: Option<Artifact>,
    /// Pen position at the start.
    pub x: f32,
    /// Baseline of the line.
    pub baseline: f32,
    /// How far the glyphs sit above the baseline (raised text), in points.
    pub rise: f32,
    /// Face.
    pub style: Style,
    /// The layer of the font stack the face is in (see [`crate::fonts`]).
    pub layer: crate::fonts::Layer,
    /// Size in points.
    pub size: f32,
    /// The characters the glyphs stand for.
    pub text: String,
    /// Glyphs, advances already justified.
    pub glyphs: Vec<PlacedGlyph>,
}

impl TextRun {
    /// Total advance of the run.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Text that pagination adds, which is not part of the note's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// `- 2 -`.
    PageNumber,
    /// A list heading repeated where its list goes on: `Advisers (continued)`.
    ContinuedHeading,
}

/// A glyph with its final advance.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Advance in points, including justification.
    pub advance: f32,
    /// Offset in points.
    pub x_offset: f32,
    /// Offset in points.
    pub y_offset: f32,
    /// The characters it stands for, as a byte range of the run's `text`.
    pub text: Range<usize>,
}

/// Lays out a document on its paper size, hyphenating in its language.
pub fn layout(document: &Document, fonts: &Fonts) -> Layout {
    pages::paginate(document, fonts)
}
