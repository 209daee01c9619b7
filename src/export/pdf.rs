//! Laid-out pages -> PDF bytes through krilla: fonts embedded and subset, text extractable,
//! metadata from the document, byte-identical for the same input.

use std::sync::{Arc, Mutex};

use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use super::ExportError;
use crate::document::Document;
use crate::fonts::Fonts;
use crate::layout::{Item, Layout, TextRun};
use crate::model::ImageFormat;

/// Writes the PDF of a laid-out document.
pub fn export(
    document: &Document,
    layout: &Layout,
    fonts: &Fonts,
    images: &ImageCache,
) -> Result<Vec<u8>, ExportError> {
    let mut pdf = PdfDocument::new_with(SerializeSettings::default());
    let emblem = match &document.emblem {
        Some(emblem) => Some(images.get(emblem)?),
        None => None,
    };
    for page in &layout.pages {
        let settings = PageSettings::from_wh(layout.width, layout.height)
            .ok_or_else(|| error("invalid page size".into()))?;
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for item in &page.items {
            match item {
                Item::Text(run) => draw_run(&mut surface, run, fonts),
                Item::Emblem {
                    x,
                    y,
                    width,
                    height,
                } => {
                    if let (Some(image), Some(size)) = (&emblem, Size::from_wh(*width, *height)) {
                        surface.push_transform(&Transform::from_translate(*x, *y));
                        surface.draw_image(image.clone(), size);
                        surface.pop();
                    }
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    let created = DateTime::new(document.created.year)
        .month(document.created.month)
        .day(document.created.day);
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .authors(vec![document.author.clone()])
            .language(document.language.clone())
            .creator(format!("verbale {}", env!("CARGO_PKG_VERSION")))
            .creation_date(created),
    );
    pdf.finish()
        .map_err(|e| error(format!("krilla refused the document: {e:?}")))
}

/// Images prepared for the PDF writer, shared by the notes of a run: decoding and compressing
/// the emblem once instead of once per note.
#[derive(Default)]
pub struct ImageCache {
    images: Mutex<Vec<(Arc<Vec<u8>>, Image)>>,
}

impl ImageCache {
    fn get(&self, emblem: &crate::model::Image) -> Result<Image, ExportError> {
        let mut images = self
            .images
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, image)) = images.iter().find(|(bytes, _)| **bytes == *emblem.bytes) {
            return Ok(image.clone());
        }
        let data = krilla::Data::from(emblem.bytes.clone());
        let image = match emblem.format {
            ImageFormat::Png => Image::from_png(data, false),
            ImageFormat::Jpeg => Image::from_jpeg(data, false),
        }
        .map_err(|message| error(format!("the emblem cannot be embedded: {message}")))?;
        images.push((emblem.bytes.clone(), image.clone()));
        Ok(image)
    }
}

fn draw_run(surface: &mut krilla::surface::Surface, run: &TextRun, fonts: &Fonts) {
    let size = run.size;
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| KrillaGlyph {
            glyph_id: GlyphId::new(u32::from(g.id)),
            text_range: g.text.clone(),
            x_advance: g.advance / size,
            x_offset: g.x_offset / size,
            y_offset: g.y_offset / size,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let font = fonts.face(run.style).pdf.clone();
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        font,
        &run.text,
        size,
        false,
    );
}

fn error(message: String) -> ExportError {
    ExportError {
        format: "PDF",
        message,
    }
}
