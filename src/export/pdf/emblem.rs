//! The mission's emblem -> an image for krilla: PNG and JPEG as they are, or a PNG flattened
//! onto white for PDF/A-1b, which forbids transparency.

use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};

use crate::model::{Image as Emblem, ImageFormat};

/// The emblem as krilla draws it; `opaque` flattens a PNG's transparency onto white.
pub fn image(emblem: &Emblem, opaque: bool) -> Result<Image, String> {
    let data = krilla::Data::from(emblem.bytes.clone());
    match emblem.format {
        ImageFormat::Png if opaque => flattened_png(&emblem.bytes),
        ImageFormat::Png => Image::from_png(data, false),
        ImageFormat::Jpeg => Image::from_jpeg(data, false),
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
