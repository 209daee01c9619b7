//! Laid-out pages -> PDF bytes through krilla: fonts embedded and subset, text extractable,
//! metadata from the document, byte-identical for the same input.

use std::sync::{Arc, Mutex};

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::error::KrillaError;
use krilla::geom::{Point, Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use super::ExportError;
use crate::document::Document;
use crate::fonts::Fonts;
use crate::layout::{Item, Layout, TextRun};
use crate::model::{ImageFormat, PdfA};

/// Writes the PDF of a laid-out document.
pub fn export(
    document: &Document,
    layout: &Layout,
    fonts: &Fonts,
    images: &ImageCache,
) -> Result<Vec<u8>, ExportError> {
    let mut settings = SerializeSettings::default();
    if let Some(profile) = document.pdf_a {
        let archival = match profile {
            PdfA::A1b => Archival::A1_B,
            PdfA::A2b => Archival::A2_B,
        };
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(archival)
            .finish()
            .map_err(|e| error(format!("cannot set up {}: {e:?}", profile.name())))?;
    }
    let mut pdf = PdfDocument::new_with(settings);
    // PDF/A-1 forbids transparency, so the emblem is flattened onto white there.
    let opaque = document.pdf_a == Some(PdfA::A1b);
    let emblem = match &document.emblem {
        Some(emblem) => Some(images.get(emblem, opaque)?),
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
    pdf.finish().map_err(|e| match (e, document.pdf_a) {
        (KrillaError::Validation(problems), Some(profile)) => {
            let list: Vec<String> = problems.iter().map(|(p, _)| format!("{p:?}")).collect();
            error(format!(
                "the note cannot be {}: {}",
                profile.name(),
                list.join("; ")
            ))
        }
        (e, _) => error(format!("krilla refused the document: {e:?}")),
    })
}

/// Images prepared for the PDF writer, shared by the notes of a run: decoding and compressing
/// the emblem once instead of once per note.
#[derive(Default)]
pub struct ImageCache {
    images: Mutex<Vec<Prepared>>,
}

impl ImageCache {
    fn get(&self, emblem: &crate::model::Image, opaque: bool) -> Result<Image, ExportError> {
        let mut images = self
            .images
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let found = images
            .iter()
            .find(|(bytes, flat, _)| *flat == opaque && **bytes == *emblem.bytes);
        if let Some((_, _, image)) = found {
            return Ok(image.clone());
        }
        let data = krilla::Data::from(emblem.bytes.clone());
        let image = match emblem.format {
            ImageFormat::Png if opaque => flattened_png(&emblem.bytes),
            ImageFormat::Png => Image::from_png(data, false),
            ImageFormat::Jpeg => Image::from_jpeg(data, false),
        }
        .map_err(|message| error(format!("the emblem cannot be embedded: {message}")))?;
        images.push((emblem.bytes.clone(), opaque, image.clone()));
        Ok(image)
    }
}

/// An emblem's file bytes, whether it was flattened, and the image made of them.
type Prepared = (Arc<Vec<u8>>, bool, Image);

/// An RGB image without alpha: a PNG composited onto white.
#[derive(Clone, Hash)]
struct Opaque {
    rgb: Vec<u8>,
    size: (u32, u32),
}

impl CustomImage for Opaque {
    fn color_channel(&self) -> &[u8] {
        &self.rgb
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Rgb
    }
}

fn flattened_png(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    let pixels = &pixels[..frame.buffer_size()];
    let over_white = |value: u8, alpha: u8| {
        let (v, a) = (u32::from(value), u32::from(alpha));
        ((v * a + 255 * (255 - a) + 127) / 255) as u8
    };
    let rgb: Vec<u8> = match frame.color_type {
        png::ColorType::Rgba => pixels
            .chunks(4)
            .flat_map(|p| {
                [
                    over_white(p[0], p[3]),
                    over_white(p[1], p[3]),
                    over_white(p[2], p[3]),
                ]
            })
            .collect(),
        png::ColorType::Rgb => pixels.to_vec(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks(2)
            .flat_map(|p| [over_white(p[0], p[1]); 3])
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g; 3]).collect(),
        png::ColorType::Indexed => return Err("indexed colours were not expanded".into()),
    };
    Image::from_custom(
        Opaque {
            rgb,
            size: (frame.width, frame.height),
        },
        false,
    )
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
