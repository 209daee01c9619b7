//! Laid-out pages -> PDF bytes through krilla: fonts embedded and subset, text extractable,
//! metadata from the document, byte-identical for the same input. The bytes are krilla's, as
//! its validators checked them.

pub(crate) mod emblem;
pub(crate) mod problems;
mod text;

pub use emblem::Emblems;

use std::num::NonZeroU16;

use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::{Document as PdfDocument, SerializeSettings};

use super::{ExportError, ExportFault};
use crate::document::{BlockKind, Document};
use crate::fonts::Fonts;
use crate::layout::{Artifact as LayoutArtifact, Item, Layout, Page, TextRun};
use crate::model::PdfA;

/// Writes the PDF of a laid-out document; the emblem's image is taken from `emblems` when a note
/// of the run made it already.
pub fn export(
    document: &Document,
    layout: &Layout,
    fonts: &Fonts,
    emblems: &Emblems,
) -> Result<Vec<u8>, ExportError> {
    let mut pdf = PdfDocument::new_with(settings(document)?);
    let ink = Ink::new(document, fonts, emblems)?;
    let mut marks = Marks {
        spans: vec![Vec::new(); document.blocks.len()],
        starts: vec![None; document.blocks.len()],
        figure: None,
        seal_figure: None,
    };
    for (page_index, page) in layout.pages.iter().enumerate() {
        draw_page(&mut pdf, layout, page_index, page, &ink, &mut marks)?;
    }
    pdf.set_tag_tree(tag_tree(
        document,
        marks.spans,
        marks.figure,
        marks.seal_figure,
    ));
    // PDF/UA needs bookmarks; PDFBox's PDF/A-1 checker cannot read krilla's destinations, and
    // PDF/A-1 notes are not checked as PDF/UA, so they go without.
    if document.pdf_a != Some(PdfA::A1b) {
        pdf.set_outline(outline(document, &marks.starts));
    }
    pdf.set_metadata(metadata(document));
    pdf.finish().map_err(|error| {
        ExportError::pdf(ExportFault::Refused {
            error,
            pdf_a: document.pdf_a,
        })
    })
}

/// krilla's settings for a document: the validators of its profiles, compressed content.
fn settings(document: &Document) -> Result<SerializeSettings, ExportError> {
    // Every note is tagged for assistive technology and checked as PDF/UA-1 (which also shows
    // the title in the viewer's window); PDF/A-1 predates tagged PDF/UA, so it is left out there.
    let mut configuration = ConfigurationBuilder::new();
    if document.pdf_a != Some(PdfA::A1b) {
        configuration = configuration.with_accessibility_validator(Accessibility::UA1);
    }
    if let Some(profile) = document.pdf_a {
        configuration = configuration.with_archival_validator(match profile {
            PdfA::A1b => Archival::A1_B,
            PdfA::A2b => Archival::A2_B,
        });
    }
    Ok(SerializeSettings {
        configuration: configuration
            .finish()
            .map_err(|_| ExportError::pdf(ExportFault::Profiles))?,
        compress_content_streams: true,
        ..SerializeSettings::default()
    })
}

/// What the pages are drawn with: the fonts, and the emblem's and seal's images.
struct Ink<'a> {
    fonts: &'a Fonts,
    emblem: Option<Image>,
    seal: Option<Image>,
}

impl<'a> Ink<'a> {
    /// The fonts, and the document's emblem and seal as krilla draws them, made or kept.
    fn new(document: &Document, fonts: &'a Fonts, emblems: &Emblems) -> Result<Self, ExportError> {
        // PDF/A-1 forbids transparency, so the emblem is flattened onto white there.
        let opaque = document.pdf_a == Some(PdfA::A1b);
        let emblem = match &document.emblem {
            Some(image) => Some(
                emblems
                    .get(image, opaque)
                    .map_err(|error| image_error("emblem", error))?,
            ),
            None => None,
        };
        let seal = match &document.seal {
            Some(seal) => Some(
                emblems
                    .get(&seal.image, opaque)
                    .map_err(|error| image_error("seal", error))?,
            ),
            None => None,
        };
        Ok(Ink {
            fonts,
            emblem,
            seal,
        })
    }
}

/// What drawing the pages leaves for the structure tree and the outline.
struct Marks {
    /// The marked-content sequences of each block.
    spans: Vec<Vec<Identifier>>,
    /// Where each block starts (page, baseline), for the outline.
    starts: Vec<Option<(usize, f32)>>,
    /// The emblem's marked content.
    figure: Option<Identifier>,
    /// The seal's marked content.
    seal_figure: Option<Identifier>,
}

/// Draws one page, each run of text and each picture in marked content.
fn draw_page(
    pdf: &mut PdfDocument,
    layout: &Layout,
    page_index: usize,
    page: &Page,
    ink: &Ink,
    marks: &mut Marks,
) -> Result<(), ExportError> {
    let settings = PageSettings::from_wh(layout.width, layout.height)
        .ok_or_else(|| ExportError::pdf(ExportFault::PageSize))?;
    let mut pdf_page = pdf.start_page_with(settings);
    let mut surface = pdf_page.surface();
    // The block whose lines are being drawn in one marked-content sequence: a paragraph's
    // lines on a page share one, which keeps the page and the structure tree small.
    let mut open: Option<Option<usize>> = None;
    for item in &page.items {
        let continues =
            matches!(item, Item::Text(run) if open == Some(run.block) && run.block.is_some());
        if !continues && open.take().is_some() {
            surface.end_tagged();
        }
        match item {
            Item::Text(run) => {
                if !continues {
                    start_run(&mut surface, run, page_index, marks);
                    open = Some(run.block);
                }
                text::draw_run(&mut surface, run, ink.fonts)?;
            }
            Item::Emblem {
                x,
                y,
                width,
                height,
            } => {
                if let Some(id) = draw_picture(&mut surface, &ink.emblem, *x, *y, *width, *height) {
                    marks.figure = Some(id);
                }
            }
            Item::Seal {
                x,
                y,
                width,
                height,
            } => {
                if let Some(id) = draw_picture(&mut surface, &ink.seal, *x, *y, *width, *height) {
                    marks.seal_figure = Some(id);
                }
            }
        }
    }
    if open.is_some() {
        surface.end_tagged();
    }
    surface.finish();
    pdf_page.finish();
    Ok(())
}

/// Opens the marked content of a run that starts a block's lines on a page (or of page
/// furniture, as an artifact), and notes it for the structure tree and the outline.
fn start_run(surface: &mut Surface, run: &TextRun, page_index: usize, marks: &mut Marks) {
    let tag = match (run.block, run.artifact) {
        (Some(_), _) => ContentTag::Span(SpanTag::empty()),
        (None, Some(LayoutArtifact::ContinuedHeading)) => {
            ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None))
        }
        (None, _) => ContentTag::Artifact(Artifact::new(ArtifactType::PageNumber, None)),
    };
    let id = surface.start_tagged(tag);
    if let Some(block) = run.block {
        marks.spans[block].push(id);
        marks.starts[block].get_or_insert((page_index, run.baseline - run.size));
    }
}

/// Draws a picture in marked content of its own; its id, or `None` when there is no image or
/// no size to draw it at.
fn draw_picture(
    surface: &mut Surface,
    image: &Option<Image>,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> Option<Identifier> {
    let (Some(image), Some(size)) = (image, Size::from_wh(width, height)) else {
        return None;
    };
    let id = surface.start_tagged(ContentTag::Other);
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_image(image.clone(), size);
    surface.pop();
    surface.end_tagged();
    Some(id)
}

/// The document's title, author, language, creator and creation date.
fn metadata(document: &Document) -> Metadata {
    let created = DateTime::new(document.created.year)
        .month(document.created.month)
        .day(document.created.day);
    Metadata::new()
        .title(document.title.clone())
        .authors(vec![document.author.clone()])
        .language(document.language.clone())
        .creator(format!("verbale {}", env!("CARGO_PKG_VERSION")))
        .creation_date(created)
}

/// The structure of the note for assistive technology, in reading order: the emblem and the
/// seal as figures with alternative text, the letterhead as the title heading, role headings as second-level
/// headings, the members as a list, everything else as paragraphs.
fn tag_tree(
    document: &Document,
    mut spans: Vec<Vec<Identifier>>,
    figure: Option<Identifier>,
    mut seal: Option<Identifier>,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(document.language.clone()));
    if let Some(figure) = figure {
        let mut group = TagGroup::new(Tag::Figure(Some(document.author.clone())));
        group.push(figure);
        tree.push(group);
    }
    let mut list: Option<TagGroup> = None;
    for (index, block) in document.blocks.iter().enumerate() {
        let ids = std::mem::take(&mut spans[index]);
        if block.kind == BlockKind::Seal {
            if let (Some(id), Some(described)) = (seal.take(), &document.seal) {
                if let Some(done) = list.take() {
                    tree.push(done);
                }
                let mut group = TagGroup::new(Tag::Figure(Some(described.description.clone())));
                group.push(id);
                tree.push(group);
            }
        }
        if ids.is_empty() {
            continue;
        }
        if block.kind == BlockKind::Member {
            let mut body = TagGroup::new(Tag::LBody);
            for id in ids {
                body.push(id);
            }
            let mut item = TagGroup::new(Tag::LI);
            item.push(body);
            list.get_or_insert_with(|| TagGroup::new(Tag::L(ListNumbering::None)))
                .push(item);
            continue;
        }
        if let Some(done) = list.take() {
            tree.push(done);
        }
        let level = match block.kind {
            BlockKind::Letterhead => NonZeroU16::new(1),
            BlockKind::Heading => NonZeroU16::new(2),
            _ => None,
        };
        let mut group = match level {
            Some(level) => TagGroup::new(Tag::Hn(level, Some(block.text()))),
            None => TagGroup::new(Tag::P),
        };
        for id in ids {
            group.push(id);
        }
        tree.push(group);
    }
    if let Some(done) = list.take() {
        tree.push(done);
    }
    tree
}

/// Bookmarks: the note's title, with the delegation list's headings under it.
fn outline(document: &Document, starts: &[Option<(usize, f32)>]) -> Outline {
    let at = |(page, y): (usize, f32)| XyzDestination::new(page, Point::from_xy(0.0, y.max(0.0)));
    let mut root = OutlineNode::new(document.title.clone(), at((0, 0.0)));
    for (block, start) in document.blocks.iter().zip(starts) {
        if let (BlockKind::Heading, Some(start)) = (block.kind, start) {
            root.push_child(OutlineNode::new(block.text(), at(*start)));
        }
    }
    let mut outline = Outline::new();
    outline.push_child(root);
    outline
}

fn image_error(part: &'static str, error: emblem::ImageError) -> ExportError {
    ExportError::pdf(ExportFault::Image { part, error })
}
