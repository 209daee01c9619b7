//! The bundled Liberation Serif family and Noto Naskh Arabic, and the system's Chinese faces,
//! parsed once per run for shaping (harfrust) and for the PDF writer (krilla).
//!
//! A stack of fonts has one face per style (regular, bold, italic, bold italic) in each of its
//! layers: the Arabic stack sets Arabic in Noto Naskh Arabic (layer 0) and the Latin, Greek and
//! Cyrillic it lacks in Liberation Serif (layer 1), as Word does with its complex-script and
//! Latin fonts.

mod embedding;
mod shaping;
pub mod system;

use std::sync::OnceLock;

pub use embedding::FontError;
pub use shaping::ShapedGlyph;
use shaping::Shaper;

use crate::document::Style;

/// One face of the family.
pub struct Face {
    /// The face for shaping and measuring.
    font: harfrust::Font,
    /// The font file.
    data: &'static [u8],
    /// The face's index in the file (a collection holds several).
    index: u32,
    /// Whether the face is bundled: only those are trimmed for embedding (see [`embedding`]);
    /// the system's faces are given to the PDF writer as they are, which subsets them.
    bundled: bool,
    /// Its shaping plan.
    shaping: Shaper,
    /// The same face as PDFs embed it, for the PDF writer (see [`embedding`]); made on first use,
    /// since a note rarely needs all four faces.
    pdf: OnceLock<Result<krilla::text::Font, FontError>>,
    /// Font units per em.
    pub units_per_em: f32,
    /// Ascender in em.
    pub ascender: f32,
    /// Descender in em (negative).
    pub descender: f32,
}

/// Regular, bold, italic and bold italic, in one or more layers.
pub struct Fonts {
    /// Four faces per layer.
    faces: Vec<Face>,
}

/// A layer of a stack: 0 its own faces, 1 those that set what they lack.
pub type Layer = u8;

/// The font files, compiled into the binary so a note never depends on the machine's fonts.
const FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Noto Naskh Arabic, regular and bold (SIL OFL 1.1, Debian's `fonts-noto-core`), 360 KB in
/// all, compiled in like Liberation Serif so an Arabic note needs nothing of the machine. It has
/// no Latin letters, which Liberation Serif sets. (Amiri, the other naskh face Debian ships,
/// kerns some letter pairs so wide that text extractors read a space inside the word.)
const ARABIC_FILES: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
];

/// The family the DOCX of a note in Arabic names for its Arabic text (`w:cs`): the face the
/// PDF is set in.
pub const DOCX_ARABIC_FAMILY: &str = "Noto Naskh Arabic";

/// The family name the DOCX asks Word for: Times New Roman has the same metrics as Liberation
/// Serif, so Word breaks lines where the PDF does (and LibreOffice substitutes Liberation Serif).
pub const DOCX_FAMILY: &str = "Times New Roman";

/// The family the DOCX of a note in Chinese names for its ideographs (`w:eastAsia`): the face
/// the PDF is set in.
pub const DOCX_CHINESE_FAMILY: &str = "Noto Serif CJK SC";

impl Face {
    /// The glyphs of a run of text set with this face in one direction, in visual order.
    pub fn shape(&self, text: &str, right_to_left: bool) -> Vec<ShapedGlyph> {
        self.shaping.shape(&self.font, text, right_to_left)
    }

    /// Whether the face has a glyph for `c`.
    fn has_glyph(&self, c: char) -> bool {
        self.font.charmap().map_unicode(c).is_some()
    }
}

impl Face {
    /// Parses face `index` of `data`; `place` is its place in the family (for errors).
    fn new(
        data: &'static [u8],
        index: u32,
        place: usize,
        bundled: bool,
    ) -> Result<Face, FontError> {
        let font = harfrust::Font::new(data, index).ok_or(FontError::Unreadable { face: place })?;
        let metrics = font.metrics();
        let units_per_em = f32::from(metrics.units_per_em);
        // The line metrics of `hhea`, or of `OS/2` when the font asks for them.
        let line = match (metrics.use_typo_metrics, metrics.typo_line) {
            (true, Some(typo)) => typo,
            _ => metrics
                .hhea_line
                .ok_or(FontError::NoLineMetrics { face: place })?,
        };
        Ok(Face {
            units_per_em,
            ascender: line.ascender.to_f32() / units_per_em,
            descender: line.descender.to_f32() / units_per_em,
            shaping: Shaper::new(&font),
            font,
            data,
            index,
            bundled,
            pdf: OnceLock::new(),
        })
    }
}

impl Fonts {
    /// Parses the bundled fonts.
    pub fn builtin() -> Result<Fonts, FontError> {
        let faces = FILES
            .iter()
            .enumerate()
            .map(|(place, bytes)| Face::new(bytes, 0, place, true))
            .collect::<Result<Vec<_>, FontError>>()?;
        Ok(Fonts { faces })
    }

    /// The simplified Chinese stack: the regular and bold faces found (`system::find`) set
    /// every style; they have no italic, and draw Latin, Greek and Cyrillic too, but for some
    /// letters, which Liberation Serif sets in a second layer.
    pub fn chinese(regular: system::Found, bold: system::Found) -> Result<Fonts, FontError> {
        let mut faces = [regular, bold, regular, bold]
            .iter()
            .enumerate()
            .map(|(place, found)| Face::new(found.data, found.index, place, false))
            .collect::<Result<Vec<_>, FontError>>()?;
        // Letters the Chinese faces lack (`Ł`, `Ә`), from Liberation Serif.
        for (place, bytes) in FILES.iter().enumerate() {
            faces.push(Face::new(bytes, 0, 4 + place, true)?);
        }
        Ok(Fonts { faces })
    }

    /// The Arabic stack: Noto Naskh Arabic regular and bold set every style (Arabic has no
    /// italic), and Liberation Serif, in a second layer, what they lack.
    pub fn arabic() -> Result<Fonts, FontError> {
        let [regular, bold] = ARABIC_FILES;
        let faces = [regular, bold, regular, bold]
            .into_iter()
            .chain(FILES)
            .enumerate()
            .map(|(place, bytes)| Face::new(bytes, 0, place, true))
            .collect::<Result<Vec<_>, FontError>>()?;
        Ok(Fonts { faces })
    }

    /// The face of a style in a layer as the PDF writer embeds it.
    pub fn pdf_font(&self, style: Style, layer: Layer) -> Result<krilla::text::Font, FontError> {
        let face = self.face_in(style, layer);
        face.pdf
            .get_or_init(|| {
                let data: krilla::Data = if face.bundled {
                    embedding::for_pdf(face.data)?.into()
                } else {
                    face.data.into()
                };
                krilla::text::Font::new(data, face.index).ok_or(FontError::NotEmbeddable)
            })
            .clone()
    }

    /// The face for a style, in the stack's own layer.
    pub fn face(&self, style: Style) -> &Face {
        self.face_in(style, 0)
    }

    /// The face for a style in a layer.
    pub fn face_in(&self, style: Style, layer: Layer) -> &Face {
        let index = usize::from(style.bold) + 2 * usize::from(style.italic);
        &self.faces[4 * usize::from(layer) + index]
    }

    /// The layers of the stack.
    fn layers(&self) -> impl Iterator<Item = Layer> {
        (0..self.faces.len() / 4).map(|layer| layer as Layer)
    }

    /// The layer that sets `c` in `style`: the one that set the character before it (`previous`)
    /// when it has `c`, so spaces and digits stay with the words around them, else the first
    /// that has it (layer 0 when none has).
    pub fn layer_for(&self, style: Style, c: char, previous: Layer) -> Layer {
        if self.face_in(style, previous).has_glyph(c) {
            return previous;
        }
        self.layers()
            .find(|&layer| self.face_in(style, layer).has_glyph(c))
            .unwrap_or(0)
    }

    /// Whether every style can draw `c` in some layer (whitespace and format characters need
    /// no glyph).
    pub fn covers(&self, c: char) -> bool {
        // Printable ASCII is in every single-layer stack (checked by a test); most text is ASCII.
        (c.is_ascii_graphic() && self.faces.len() == 4)
            || c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            )
            || (0..4).all(|index| {
                self.layers()
                    .any(|layer| self.faces[4 * usize::from(layer) + index].has_glyph(c))
            })
    }
}

/// Whether `c` is of the scripts and punctuation a Chinese font draws and the bundled family
/// lacks: ideographs, CJK punctuation and full-width forms.
pub fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

/// Whether `c` is an Arabic letter, mark, digit or sign (the Arabic blocks and presentation
/// forms), which only the Arabic faces draw.
pub fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_the_alphabets_of_delegates_names() {
        let fonts = Fonts::builtin().unwrap();
        for c in "Müller Łódź Nguyễn Ñúñez Ελένη Ольга Şükrü Çelik œ «»".chars()
        {
            assert!(fonts.covers(c), "{c}");
        }
        assert!(!fonts.covers('中'));
        for c in (0x21u8..0x7f).map(char::from) {
            assert!(fonts.faces.iter().all(|f| f.has_glyph(c)), "{c}");
        }
        assert!(!fonts.covers('ب'));
    }
}
