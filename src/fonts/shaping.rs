//! A run of text and a face -> positioned glyphs in font units (harfrust, HarfBuzz's Rust port),
//! with one shaping plan per face for Latin text.

use harfrust::{
    Buffer, ClusterLevel, Direction, Font, Script, ShapeOptions, ShapePlan, ShaperFont,
};

/// One shaped glyph, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Byte offset in the run of the first character it draws.
    pub cluster: u32,
    /// Horizontal advance (kerning included).
    pub x_advance: i32,
    /// Offsets from the pen position.
    pub x_offset: i32,
    pub y_offset: i32,
}

/// A face's shaping plan for Latin text, by far the most common: made once when the fonts are
/// loaded instead of once per run.
pub struct Shaper {
    latin: ShapePlan,
}

impl Shaper {
    /// The plan for left-to-right Latin text without user features.
    pub fn new(font: &Font) -> Shaper {
        Shaper {
            latin: ShapePlan::new(font, Direction::LeftToRight, Some(Script::LATIN), None, &[]),
        }
    }

    /// The glyphs of `text` set with `font`, without user features, left to right on the page
    /// (for a right-to-left run, its last character's glyph first).
    pub fn shape(&self, font: &Font, text: &str, right_to_left: bool) -> Vec<ShapedGlyph> {
        let mut buffer = unicode(text, right_to_left);
        let latin = buffer.script() == Some(Script::LATIN)
            && buffer.direction() == Direction::LeftToRight
            && buffer.language().is_none();
        let shaper = ShaperFont::new(font);
        let options = ShapeOptions::new().plan(latin.then_some(&self.latin));
        if harfrust::shape(&shaper, &mut buffer, options).is_err() {
            // Shaping fails only for a plan that does not fit the buffer, and a fresh buffer
            // with a direction and no plan given always fits the plan made for it.
            buffer = unicode(text, right_to_left);
            let _ = harfrust::shape(&shaper, &mut buffer, ShapeOptions::new());
        }
        buffer
            .glyph_infos()
            .iter()
            .zip(buffer.glyph_positions())
            .map(|(info, position)| ShapedGlyph {
                id: info.glyph_id as u16,
                cluster: info.cluster,
                x_advance: position.x_advance,
                x_offset: position.x_offset,
                y_offset: position.y_offset,
            })
            .collect()
    }
}

/// A buffer of `text` in the given direction, with its script guessed. A right-to-left run
/// keeps each character in a cluster of its own (an Arabic vowel mark apart from its letter):
/// a glyph drawn for several characters but a ligature would take an `/ActualText`, which
/// poppler reverses in right-to-left text.
fn unicode(text: &str, right_to_left: bool) -> Buffer {
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    if right_to_left {
        buffer.set_direction(Direction::RightToLeft);
        buffer.set_cluster_level(ClusterLevel::MonotoneCharacters);
    } else {
        buffer.set_direction(Direction::LeftToRight);
    }
    buffer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerns_latin_with_the_plan_and_shapes_other_scripts() {
        let data: &'static [u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
        let font = Font::new(data, 0).unwrap();
        let shaper = Shaper::new(&font);
        let av = shaper.shape(&font, "AV", false);
        let (a, v) = (
            shaper.shape(&font, "A", false),
            shaper.shape(&font, "V", false),
        );
        assert_eq!(av.len(), 2);
        assert_eq!((av[0].id, av[1].id), (a[0].id, v[0].id));
        // Kerning is applied: "AV" is closer than "A" and "V" apart.
        assert!(av[0].x_advance < a[0].x_advance, "{av:?} {a:?}");
        assert_eq!(av[1].x_advance, v[0].x_advance);
        // Greek and Cyrillic go through a plan of their own, one glyph per letter, clusters at
        // each letter's byte offset.
        let greek = shaper.shape(&font, "Ελένη Ольга", false);
        let offsets: Vec<u32> = "Ελένη Ольга"
            .char_indices()
            .map(|(i, _)| i as u32)
            .collect();
        let clusters: Vec<u32> = greek.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, offsets);
        assert!(greek.iter().all(|g| g.id != 0 && g.x_advance > 0));
    }
}
