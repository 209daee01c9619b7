//! The copy of a face that is embedded in PDFs: without TrueType hinting, glyph names or the
//! name table's descriptive texts.
//!
//! Hinting (the glyph programs and the `fpgm`, `prep` and `cvt ` tables) only steers rasterising
//! at small pixel sizes on screen. In Liberation Serif it is more than half of every embedded
//! subset, so each PDF would carry some 17 KB that no printer uses. Glyph names (`post`) serve
//! only PostScript printers that set text by name; a PDF maps glyphs to text through its own
//! ToUnicode maps. Of the `name` table the copy keeps what identifies the face and its licence
//! (copyright, family, style, full and PostScript names, licence and its address) and leaves out
//! the designer's notes, trademark and vendor addresses, a kilobyte in each subset.
//! The font files themselves are left as they are; only the subsets written into documents are
//! smaller, as subsetting makes them. Glyph ids, outlines and metrics are unchanged, so shaping,
//! widths and text extraction are too.

use read_fonts::{types::Tag, FontRef, TableProvider};
use write_fonts::tables::name::{Name, NameRecord};
use write_fonts::FontBuilder;

/// Tables used only by the hinting programs (or measured under them), left out of the copy.
const HINTING_TABLES: [&[u8; 4]; 7] = [
    b"fpgm", b"prep", b"cvt ", b"gasp", b"hdmx", b"LTSH", b"VDMX",
];

/// A component record says more components follow.
const MORE_COMPONENTS: u16 = 0x0020;
/// A composite glyph carries a program after its components.
const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

/// Names kept in the copy: copyright, family, subfamily, full name, PostScript name (the PDF's
/// font name), licence description and licence address.
const KEPT_NAMES: [u16; 7] = [0, 1, 2, 4, 6, 13, 14];

/// Why a bundled face cannot be used: a fault of the build, never of a delegation file.
#[derive(Debug, Clone)]
pub enum FontError {
    /// The shaper cannot read the face (by its place in the family).
    Unreadable {
        /// 0 regular, 1 bold, 2 italic, 3 bold italic.
        face: usize,
    },
    /// The face has no line metrics.
    NoLineMetrics {
        /// 0 regular, 1 bold, 2 italic, 3 bold italic.
        face: usize,
    },
    /// A table of the face cannot be read to make the copy a PDF embeds.
    Read(read_fonts::ReadError),
    /// The face has no `glyf` table.
    NoGlyphs,
    /// A glyph lies outside the `glyf` table or is malformed.
    Glyph {
        /// Its id.
        id: usize,
    },
    /// The copy's `glyf` table would be too large.
    TooLarge,
    /// The copy's name table cannot be written.
    NameTable,
    /// The PDF writer cannot read the copy.
    NotEmbeddable,
}

impl From<read_fonts::ReadError> for FontError {
    fn from(error: read_fonts::ReadError) -> FontError {
        FontError::Read(error)
    }
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontError::Unreadable { face } => write!(f, "bundled font {face} cannot be read"),
            FontError::NoLineMetrics { face } => {
                write!(f, "bundled font {face} has no line metrics")
            }
            FontError::Read(error) => write!(f, "the bundled font cannot be read: {error}"),
            FontError::NoGlyphs => f.write_str("the bundled font has no glyf table"),
            FontError::Glyph { id } => write!(f, "glyph {id} of the bundled font is malformed"),
            FontError::TooLarge => f.write_str("the bundled font's glyf table is too large"),
            FontError::NameTable => f.write_str("the bundled font's name table cannot be written"),
            FontError::NotEmbeddable => f.write_str("the bundled font cannot be embedded"),
        }
    }
}

/// The face for embedding: every glyph program and hinting table removed, glyph names dropped
/// and the name table cut down to [`KEPT_NAMES`].
pub fn for_pdf(data: &[u8]) -> Result<Vec<u8>, FontError> {
    let font = FontRef::new(data)?;
    let glyf = font
        .table_data(Tag::new(b"glyf"))
        .ok_or(FontError::NoGlyphs)?;
    let loca = font.loca(None)?;
    let long_offsets = font.head()?.index_to_loc_format() == 1;

    // The short `loca` format counts in words, so glyphs there are 2-byte aligned.
    let align = if long_offsets { 4 } else { 2 };
    let (glyf, offsets) =
        strip_glyphs(glyf.as_bytes(), |gid| loca.get_raw(gid), loca.len(), align)?;
    let loca = encode_loca(&offsets, long_offsets);
    let maxp = maxp_without_hinting(font.table_data(Tag::new(b"maxp")).map(|d| d.as_bytes()));

    let mut builder = FontBuilder::new();
    builder.add_raw(Tag::new(b"glyf"), glyf);
    builder.add_raw(Tag::new(b"loca"), loca);
    if let Some(maxp) = maxp {
        builder.add_raw(Tag::new(b"maxp"), maxp);
    }
    if let Some(post) = post_without_names(font.table_data(Tag::new(b"post")).map(|d| d.as_bytes()))
    {
        builder.add_raw(Tag::new(b"post"), post);
    }
    if let Some(name) = essential_names(&font) {
        builder.add_table(&name).map_err(|_| FontError::NameTable)?;
    }
    for record in font.table_directory().table_records() {
        let tag = record.tag();
        if HINTING_TABLES.iter().any(|t| Tag::new(t) == tag) || builder.contains(tag) {
            continue;
        }
        if let Some(table) = font.table_data(tag) {
            builder.add_raw(tag, table.as_bytes());
        }
    }
    Ok(builder.build())
}

/// Copies every glyph without its program; returns the new `glyf` and its offsets (one more
/// than there are glyphs). Each glyph starts at a multiple of `align`.
fn strip_glyphs(
    glyf: &[u8],
    offset: impl Fn(usize) -> Option<u32>,
    glyphs: usize,
    align: usize,
) -> Result<(Vec<u8>, Vec<u32>), FontError> {
    let mut out = Vec::with_capacity(glyf.len());
    let mut offsets = Vec::with_capacity(glyphs + 1);
    offsets.push(0);
    for gid in 0..glyphs {
        let (start, end) = match (offset(gid), offset(gid + 1)) {
            (Some(start), Some(end)) if start <= end => (start as usize, end as usize),
            _ => return Err(FontError::Glyph { id: gid }),
        };
        let glyph = glyf.get(start..end).ok_or(FontError::Glyph { id: gid })?;
        if !glyph.is_empty() {
            strip_glyph(glyph, &mut out).ok_or(FontError::Glyph { id: gid })?;
            while out.len() % align != 0 {
                out.push(0);
            }
        }
        offsets.push(u32::try_from(out.len()).map_err(|_| FontError::TooLarge)?);
    }
    Ok((out, offsets))
}

/// Appends one glyph to `out` without its instructions.
fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes([*glyph.first()?, *glyph.get(1)?]);
    if contours >= 0 {
        // Header (10 bytes), end points of contours, instruction length, instructions, points.
        let length_at = 10 + 2 * contours as usize;
        let instructions = usize::from(read_u16(glyph, length_at)?);
        let points_at = length_at + 2 + instructions;
        let point_count = match contours {
            0 => 0,
            _ => usize::from(read_u16(glyph, length_at - 2)?) + 1,
        };
        let points =
            glyph.get(points_at..points_at + points_length(&glyph[points_at..], point_count)?)?;
        out.extend_from_slice(glyph.get(..length_at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(points);
    } else {
        // Header, then component records; the program, if any, follows the last one.
        let mut at = 10;
        let start = out.len();
        loop {
            let flags = read_u16(glyph, at)?;
            let record = 4 + component_arguments(flags);
            let bytes = glyph.get(at..at + record)?;
            let kept = (flags & !WE_HAVE_INSTRUCTIONS).to_be_bytes();
            if out.len() == start {
                out.extend_from_slice(&glyph[..10]);
            }
            out.extend_from_slice(&kept);
            out.extend_from_slice(&bytes[2..]);
            at += record;
            if flags & MORE_COMPONENTS == 0 {
                break;
            }
        }
    }
    Some(())
}

/// Length of a simple glyph's flags and coordinates (without the padding after them).
fn points_length(data: &[u8], points: usize) -> Option<usize> {
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME_OR_POSITIVE: u8 = 0x10;
    const Y_SAME_OR_POSITIVE: u8 = 0x20;
    let (mut at, mut seen, mut coordinates) = (0, 0, 0);
    while seen < points {
        let flags = *data.get(at)?;
        at += 1;
        let mut count = 1;
        if flags & REPEAT != 0 {
            count += usize::from(*data.get(at)?);
            at += 1;
        }
        let x = match (flags & X_SHORT != 0, flags & X_SAME_OR_POSITIVE != 0) {
            (true, _) => 1,
            (false, true) => 0,
            (false, false) => 2,
        };
        let y = match (flags & Y_SHORT != 0, flags & Y_SAME_OR_POSITIVE != 0) {
            (true, _) => 1,
            (false, true) => 0,
            (false, false) => 2,
        };
        coordinates += count * (x + y);
        seen += count;
    }
    Some(at + coordinates)
}

/// Bytes after a component's flags and glyph index: its offsets and its transform.
fn component_arguments(flags: u16) -> usize {
    const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
    const WE_HAVE_A_SCALE: u16 = 0x0008;
    const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
    const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
    let offsets = if flags & ARG_1_AND_2_ARE_WORDS != 0 {
        4
    } else {
        2
    };
    let transform = if flags & WE_HAVE_A_SCALE != 0 {
        2
    } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
        4
    } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    offsets + transform
}

fn encode_loca(offsets: &[u32], long: bool) -> Vec<u8> {
    if long {
        offsets.iter().flat_map(|o| o.to_be_bytes()).collect()
    } else {
        // The short format stores half the offset; the new table is never larger than the old,
        // since glyphs only lose bytes and keep the old (even) alignment.
        offsets
            .iter()
            .flat_map(|o| ((o / 2) as u16).to_be_bytes())
            .collect()
    }
}

/// `maxp` with the limits of the hinting interpreter cleared, as a face without programs has.
fn maxp_without_hinting(maxp: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut maxp = maxp?.to_vec();
    // Version 1.0 only: maxZones at 14, then twilight points, storage, function and instruction
    // definitions, stack elements and the largest program, up to byte 28.
    if maxp.len() < 32 || maxp[..4] != [0, 1, 0, 0] {
        return None;
    }
    maxp[14..16].copy_from_slice(&1u16.to_be_bytes());
    maxp[16..28].fill(0);
    Some(maxp)
}

/// `post` as version 3.0: the same header (italic angle, underline, fixed pitch), no glyph names.
fn post_without_names(post: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut post = post?.get(..32)?.to_vec();
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    Some(post)
}

/// The Windows (Unicode) records of [`KEPT_NAMES`], or `None` when the face has none to keep, in
/// which case the table is copied as it is.
fn essential_names(font: &FontRef) -> Option<Name> {
    let name = font.name().ok()?;
    let records: Vec<NameRecord> = name
        .name_record()
        .iter()
        .filter(|r| r.platform_id() == 3 && KEPT_NAMES.contains(&r.name_id().to_u16()))
        .filter_map(|r| {
            let text: String = r.string(name.string_data()).ok()?.chars().collect();
            Some(NameRecord::new(
                r.platform_id(),
                r.encoding_id(),
                r.language_id(),
                r.name_id(),
                text.into(),
            ))
        })
        .collect();
    (!records.is_empty()).then(|| Name::new(records))
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use harfrust::font::glyph::outline::{DrawMemory, DrawOptions, OutlineGlyph, SvgSink};
    use harfrust::{Font, GlyphId};

    #[test]
    fn keeps_every_outline_and_metric_and_drops_the_programs() {
        for data in super::super::FILES {
            let stripped = for_pdf(data).unwrap();
            assert!(stripped.len() < data.len() * 3 / 4, "{}", stripped.len());
            let slim = FontRef::new(&stripped).unwrap();
            for tag in HINTING_TABLES {
                let tag = Tag::new(tag);
                assert!(slim.table_data(tag).is_none(), "{tag}");
            }
            let before = Font::new(data, 0).unwrap();
            let after = Font::new(stripped.clone(), 0).unwrap();
            assert_eq!(before.num_glyphs(), after.num_glyphs());
            let (old_metrics, new_metrics) = (before.glyph_metrics(), after.glyph_metrics());
            let (old_outlines, new_outlines) = (before.outline_glyphs(), after.outline_glyphs());
            // Each outline as an SVG path, in font units.
            let path = |outline: Option<OutlineGlyph>| {
                let mut sink = SvgSink::new();
                if let Some(outline) = outline {
                    let options = DrawOptions::new();
                    outline
                        .draw(&options, DrawMemory::default(), &mut sink)
                        .unwrap();
                }
                sink.to_string()
            };
            let a = before.charmap().map_unicode('A').unwrap();
            assert!(
                path(old_outlines.get(a)).starts_with('M'),
                "an outline is drawn"
            );
            for id in 0..before.num_glyphs() {
                let id = GlyphId::new(id);
                assert_eq!(
                    path(old_outlines.get(id)),
                    path(new_outlines.get(id)),
                    "{id:?}"
                );
                assert_eq!(old_metrics.extents(id), new_metrics.extents(id), "{id:?}");
                assert_eq!(
                    old_metrics.h_advance(id),
                    new_metrics.h_advance(id),
                    "{id:?}"
                );
            }
            let glyf = FontRef::new(&stripped).unwrap();
            let glyf = glyf.table_data(Tag::new(b"glyf")).unwrap();
            let font = FontRef::new(&stripped).unwrap();
            let loca = font.loca(None).unwrap();
            for gid in 0..loca.len() {
                let (start, end) = (loca.get_raw(gid).unwrap(), loca.get_raw(gid + 1).unwrap());
                let glyph = &glyf.as_bytes()[start as usize..end as usize];
                if glyph.len() >= 10 && i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
                    let contours = i16::from_be_bytes([glyph[0], glyph[1]]) as usize;
                    assert_eq!(read_u16(glyph, 10 + 2 * contours), Some(0), "glyph {gid}");
                }
            }
        }
    }

    #[test]
    fn keeps_the_names_that_identify_the_face_and_its_licence_and_no_glyph_names() {
        for data in super::super::FILES {
            let font = FontRef::new(data).unwrap();
            let copy = for_pdf(data).unwrap();
            let slim = FontRef::new(&copy).unwrap();
            let post = slim.table_data(Tag::new(b"post")).unwrap();
            assert_eq!(post.as_bytes().len(), 32);
            assert_eq!(&post.as_bytes()[..4], &[0, 3, 0, 0]);
            // Italic angle, underline position and thickness, fixed pitch: as in the original.
            let original = font.table_data(Tag::new(b"post")).unwrap();
            assert_eq!(&post.as_bytes()[4..16], &original.as_bytes()[4..16]);

            let text = |font: &FontRef, id: u16| -> Option<String> {
                let name = font.name().ok()?;
                let record = name
                    .name_record()
                    .iter()
                    .find(|r| r.platform_id() == 3 && r.name_id().to_u16() == id)?;
                Some(record.string(name.string_data()).ok()?.chars().collect())
            };
            for id in 0..=25 {
                if KEPT_NAMES.contains(&id) {
                    assert!(text(&slim, id).is_some(), "name {id} kept");
                    assert_eq!(text(&slim, id), text(&font, id), "name {id}");
                } else {
                    assert_eq!(text(&slim, id), None, "name {id} dropped");
                }
            }
            assert!(text(&slim, 13).unwrap().contains("SIL Open Font License"));
            let names = slim.table_data(Tag::new(b"name")).unwrap().as_bytes().len();
            assert!(names < 700, "{names} bytes of names");
        }
    }
}
