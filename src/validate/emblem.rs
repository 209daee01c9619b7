//! The mission's emblem and seal: read within bounds and checked as the PDF writer will read
//! them, so that an image that `check` accepts is one that `generate` can print.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::files::{megabytes, read_bounded};
use crate::model::{Image, ImageFormat, PdfA};
use crate::parse::Sp;

use super::Validator;

/// The largest emblem file read.
pub const MAX_EMBLEM_BYTES: u64 = 10 << 20;
/// The most pixels an emblem may have on either side: an emblem prints 2 cm high, and 5,000
/// pixels decode to at most 100 MB.
pub const MAX_EMBLEM_PIXELS: usize = 5_000;

impl Validator<'_> {
    /// Reads and checks the emblem named by `path` (relative to the delegation file).
    pub(super) fn image(&mut self, path: &Sp<String>) -> Option<Image> {
        self.picture(path, "emblem", "2 cm")
    }

    /// Reads and checks the picture of field `key` (`emblem`, `seal`), which prints `printed`
    /// high; problems name the field.
    pub(super) fn picture(&mut self, path: &Sp<String>, key: &str, printed: &str) -> Option<Image> {
        let picture = Picture {
            key,
            name: &path.value,
            printed,
            full: self.source.base_dir().join(&path.value),
            pdf_a: self.pdf_a,
        };
        match picture.read() {
            Ok(image) => Some(image),
            Err(Rejected { message, hint }) => {
                self.push(Diagnostic::at(path.span.clone(), message).hint(hint));
                None
            }
        }
    }
}

/// A picture named in the file, and what its checks need to word their problems.
struct Picture<'a> {
    /// The field that names it (`emblem`, `seal`).
    key: &'a str,
    /// Its path as the file gives it.
    name: &'a str,
    /// How high it prints (`2 cm`).
    printed: &'a str,
    /// Its path from the working folder.
    full: PathBuf,
    /// The notes' archival profile.
    pdf_a: Option<PdfA>,
}

/// Why a picture cannot be used, worded for the user: the message and how to fix it.
struct Rejected {
    message: String,
    hint: String,
}

/// A problem with `message` and `hint`.
fn rejected(message: String, hint: impl Into<String>) -> Rejected {
    Rejected {
        message,
        hint: hint.into(),
    }
}

impl Picture<'_> {
    /// Reads the picture and checks it in order: the file, its format, its size, its data;
    /// the first problem stops the checks.
    fn read(self) -> Result<Image, Rejected> {
        let bytes = self.bytes()?;
        let format = self.format(&bytes)?;
        let size = self.size(&bytes)?;
        self.printable(&bytes, format)?;
        Ok(Image {
            path: self.full,
            bytes: Arc::new(bytes),
            format,
            width_px: size.width as u32,
            height_px: size.height as u32,
        })
    }

    /// The file's bytes, read within [`MAX_EMBLEM_BYTES`].
    fn bytes(&self) -> Result<Vec<u8>, Rejected> {
        let key = self.key;
        read_bounded(&self.full, MAX_EMBLEM_BYTES).map_err(|error| {
            rejected(
                format!("cannot read the {key} `{}`: {error}", self.full.display()),
                format!(
                    "the path is relative to the delegation file; {} {key} is a PNG or JPEG file of at most {}; remove `{key}` to print no {key}",
                    if key.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                    megabytes(MAX_EMBLEM_BYTES)
                ),
            )
        })
    }

    /// PNG or JPEG, from the file's first bytes.
    fn format(&self, bytes: &[u8]) -> Result<ImageFormat, Rejected> {
        match imagesize::image_type(bytes) {
            Ok(imagesize::ImageType::Png) => Ok(ImageFormat::Png),
            Ok(imagesize::ImageType::Jpeg) => Ok(ImageFormat::Jpeg),
            _ => Err(rejected(
                format!(
                    "the {} `{}` is not a PNG or JPEG image",
                    self.key, self.name
                ),
                "convert it to PNG (best for drawings and stamps) or JPEG",
            )),
        }
    }

    /// The size in pixels, neither nothing nor more than [`MAX_EMBLEM_PIXELS`] on a side.
    fn size(&self, bytes: &[u8]) -> Result<imagesize::ImageSize, Rejected> {
        let (key, name) = (self.key, self.name);
        let size = match imagesize::blob_size(bytes) {
            Ok(size) if size.width > 0 && size.height > 0 => size,
            _ => {
                return Err(rejected(
                    format!("the {key} `{name}` is damaged: its size cannot be read"),
                    "open and save it again in an image editor",
                ))
            }
        };
        if size.width.max(size.height) > MAX_EMBLEM_PIXELS {
            return Err(rejected(
                format!(
                    "the {key} `{name}` is {} × {} pixels, more than {MAX_EMBLEM_PIXELS} on a side",
                    size.width, size.height
                ),
                format!(
                    "scale it down: it prints {} high, for which 600 pixels are plenty",
                    self.printed
                ),
            ));
        }
        Ok(size)
    }

    /// The data reads as the PDF writer will read it, in colours the notes' profile can carry.
    fn printable(&self, bytes: &[u8], format: ImageFormat) -> Result<(), Rejected> {
        let (key, name) = (self.key, self.name);
        let readable = match format {
            ImageFormat::Png => decodes_as_png(bytes),
            ImageFormat::Jpeg => jpeg_colour_channels(bytes).and_then(|channels| {
                if channels == 4 && self.pdf_a.is_some() {
                    Err(Unfit::CmykForArchive)
                } else {
                    Ok(())
                }
            }),
        };
        readable.map_err(|unfit| match unfit {
            Unfit::Damaged(reason) => rejected(
                format!("the {key} `{name}` is damaged: {reason}"),
                "open and save it again in an image editor",
            ),
            Unfit::CmykForArchive => {
                let profile = self.pdf_a.map_or("PDF/A", PdfA::name);
                rejected(
                    format!(
                        "the {key} `{name}` is in CMYK colours, which {profile} cannot carry without a colour profile"
                    ),
                    format!("save the {key} as an RGB JPEG or a PNG"),
                )
            }
        })
    }
}

/// Why an emblem cannot be printed.
enum Unfit {
    /// It cannot be read to its end.
    Damaged(String),
    /// Its colours are CMYK, which archival PDF cannot take without a profile.
    CmykForArchive,
}

/// Decodes the whole image, as the PDF writer will.
fn decodes_as_png(bytes: &[u8]) -> Result<(), Unfit> {
    let damaged = |error: png::DecodingError| Unfit::Damaged(error.to_string().to_lowercase());
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .map_err(damaged)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| Unfit::Damaged("it is too large".into()))?;
    let mut pixels = vec![0; size];
    reader.next_frame(&mut pixels).map_err(damaged)?;
    Ok(())
}

/// The number of colour channels a JPEG declares (1 grey, 3 colour, 4 CMYK), from its frame
/// header; the PDF carries the JPEG's data as it is, so the header is what must be sound.
fn jpeg_colour_channels(bytes: &[u8]) -> Result<u8, Unfit> {
    let damaged = || Unfit::Damaged("its frame header cannot be read".into());
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return Err(damaged());
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return bytes.get(at + 9).copied().ok_or_else(damaged);
        }
        if length < 2 {
            return Err(damaged());
        }
        at += 2 + length;
    }
    Err(damaged())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's start and a frame header with `channels` channels.
    fn jpeg(channels: u8) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        bytes.extend([
            0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x10, channels,
        ]);
        bytes.extend([0x01, 0x11, 0x00]);
        bytes
    }

    #[test]
    fn a_jpegs_channels_come_from_its_frame_header() {
        assert!(matches!(jpeg_colour_channels(&jpeg(3)), Ok(3)));
        assert!(matches!(jpeg_colour_channels(&jpeg(4)), Ok(4)));
        assert!(matches!(
            jpeg_colour_channels(&jpeg(3)[..8]),
            Err(Unfit::Damaged(_))
        ));
    }

    #[test]
    fn a_truncated_png_is_damaged() {
        let png = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/examplestan-emblem.png"),
        )
        .unwrap();
        assert!(decodes_as_png(&png).is_ok());
        assert!(matches!(
            decodes_as_png(&png[..png.len() - 100]),
            Err(Unfit::Damaged(_))
        ));
    }
}
