//! Shaping runs of text with a face (rustybuzz), remembered for the rest of the run.
//!
//! The same runs come back in note after note of a batch (the letterhead, the closing formula,
//! role headings, the addressee, members named in several meetings), and shaping is the larger
//! part of laying out a paragraph, so each face keeps the glyphs of the runs it has shaped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// Runs kept per face before the memory is given back and the face starts afresh: enough for
/// every recurring run of a large batch, a few megabytes at most.
const REMEMBERED_RUNS: usize = 1024;

/// A face's shaping plan for Latin text and the runs it has shaped.
#[derive(Default)]
pub struct Shaper {
    latin: OnceLock<rustybuzz::ShapePlan>,
    runs: Mutex<HashMap<Box<str>, Arc<[ShapedGlyph]>>>,
}

impl Shaper {
    /// The glyphs of `text` set with `face`, without user features.
    pub fn shape(&self, face: &rustybuzz::Face<'_>, text: &str) -> Arc<[ShapedGlyph]> {
        let runs = || self.runs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(glyphs) = runs().get(text) {
            return Arc::clone(glyphs);
        }
        let glyphs: Arc<[ShapedGlyph]> = self.shape_afresh(face, text).into();
        let mut runs = runs();
        if runs.len() >= REMEMBERED_RUNS {
            runs.clear();
        }
        runs.insert(text.into(), Arc::clone(&glyphs));
        glyphs
    }

    fn shape_afresh(&self, face: &rustybuzz::Face<'_>, text: &str) -> Vec<ShapedGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        // Latin text, by far the most common, reuses one plan instead of making one per run.
        let latin = buffer.script() == rustybuzz::script::LATIN
            && buffer.direction() == rustybuzz::Direction::LeftToRight
            && buffer.language().is_none();
        let shaped = if latin {
            let plan = self.latin.get_or_init(|| {
                rustybuzz::ShapePlan::new(
                    face,
                    rustybuzz::Direction::LeftToRight,
                    Some(rustybuzz::script::LATIN),
                    None,
                    &[],
                )
            });
            rustybuzz::shape_with_plan(face, plan, buffer)
        } else {
            rustybuzz::shape(face, &[], buffer)
        };
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_runs_are_what_shaping_gives_and_stay_bounded() {
        let data = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
        let face = rustybuzz::Face::from_slice(data, 0).unwrap();
        let shaper = Shaper::default();
        let text = "AVATAR Ελένη Ольга Nguyễn";
        let fresh = shaper.shape_afresh(&face, text);
        assert_eq!(&shaper.shape(&face, text)[..], &fresh[..]);
        assert_eq!(&shaper.shape(&face, text)[..], &fresh[..], "from memory");
        // Kerning is applied: "AV" is closer than "A" and "V" apart.
        let apart = shaper.shape(&face, "A")[0].x_advance;
        assert!(
            fresh[0].x_advance < apart,
            "{} >= {apart}",
            fresh[0].x_advance
        );
        for i in 0..REMEMBERED_RUNS + 10 {
            shaper.shape(&face, &format!("run {i}"));
        }
        assert!(shaper.runs.lock().unwrap().len() <= REMEMBERED_RUNS);
        assert_eq!(
            &shaper.shape(&face, text)[..],
            &fresh[..],
            "after forgetting"
        );
    }
}
