//! The mission's emblem or seal -> an image for krilla: PNG and JPEG as they are, or a PNG
//! flattened onto white for PDF/A-1b, which forbids transparency. A run keeps the few emblems
//! and seals its notes share, decoded and compressed once.

use std::sync::{Arc, Mutex};

use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};

use crate::model::{Image as Emblem, ImageFormat};

/// Emblems (and seals, kept the same way) made ready for the PDF writer, kept for the other
/// notes of a run: krilla decodes
/// and compresses an image once per [`Image`], which is most of a note's PDF when made afresh
/// (a batch of one mission's notes takes about 40% more time without it). Holds at most
/// [`Emblems::KEPT`] emblems, the one used longest ago giving way, so a batch of many
/// missions' emblems keeps memory bounded. A kept image gives the same bytes as a fresh one.
#[derive(Default)]
pub struct Emblems {
    kept: Mutex<Vec<Kept>>,
}

/// An emblem's file bytes, whether it was flattened, and its image.
type Kept = (Arc<Vec<u8>>, bool, Image);

impl Emblems {
    /// How many emblems are kept.
    pub const KEPT: usize = 8;

    /// The emblem as krilla draws it, made or kept; `opaque` flattens a PNG's transparency.
    pub fn get(&self, emblem: &Emblem, opaque: bool) -> Result<Image, ImageError> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let found = kept
            .iter()
            .position(|(bytes, flat, _)| *flat == opaque && **bytes == *emblem.bytes);
        let entry = match found {
            Some(index) => kept.remove(index),
            None => (emblem.bytes.clone(), opaque, image(emblem, opaque)?),
        };
        let image = entry.2.clone();
        // Most recently used last; the first gives way.
        kept.push(entry);
        if kept.len() > Self::KEPT {
            kept.remove(0);
        }
        Ok(image)
    }

    /// How many emblems are kept now.
    pub fn len(&self) -> usize {
        self.kept.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The emblem as krilla draws it; `opaque` flattens a PNG's transparency onto white.
fn image(emblem: &Emblem, opaque: bool) -> Result<Image, ImageError> {
    let data = krilla::Data::from(emblem.bytes.clone());
    match emblem.format {
        ImageFormat::Png if opaque => flattened_png(&emblem.bytes),
        ImageFormat::Png => Image::from_png(data, false).map_err(ImageError::Writer),
        ImageFormat::Jpeg => Image::from_jpeg(data, false).map_err(ImageError::Writer),
    }
}

/// Why an emblem or a seal cannot go into a PDF.
#[derive(Debug)]
pub enum ImageError {
    /// The PNG cannot be decoded to flatten it.
    Png(png::DecodingError),
    /// The PDF writer refuses the image, with its own words.
    Writer(String),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Png(error) => write!(f, "the PNG cannot be decoded: {error}"),
            ImageError::Writer(reason) => f.write_str(reason),
        }
    }
}

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

fn flattened_png(bytes: &[u8]) -> Result<Image, ImageError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(ImageError::Png)?;
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let frame = reader.next_frame(&mut pixels).map_err(ImageError::Png)?;
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
        png::ColorType::Indexed => {
            return Err(ImageError::Writer(
                "indexed colours were not expanded".into(),
            ))
        }
    };
    Image::from_custom(
        Opaque {
            rgb,
            size: (frame.width, frame.height),
        },
        false,
    )
    .map_err(ImageError::Writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emblem(extra: u8) -> Emblem {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/examplestan-emblem.png");
        let mut bytes = std::fs::read(&path).unwrap();
        // Bytes after the image's end make another file of the same picture.
        bytes.push(extra);
        Emblem {
            path,
            bytes: Arc::new(bytes),
            format: ImageFormat::Png,
            width_px: 240,
            height_px: 280,
        }
    }

    #[test]
    fn a_run_keeps_a_few_emblems_and_no_more() {
        let emblems = Emblems::default();
        for extra in 0..20 {
            emblems.get(&emblem(extra), false).unwrap();
            emblems.get(&emblem(extra), true).unwrap();
        }
        assert_eq!(emblems.len(), Emblems::KEPT);
        // The most recent ones are kept: asking again adds nothing.
        emblems.get(&emblem(19), true).unwrap();
        assert_eq!(emblems.len(), Emblems::KEPT);
    }
}
