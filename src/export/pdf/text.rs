//! A laid-out run of text -> krilla glyphs drawn on a page, each narrow no-break space drawn in
//! one cluster with a neighbouring glyph, so that extracted text keeps it.
//!
//! Why: text extractors such as poppler's `pdftotext` drop a glyph whose text is a single space
//! character, whichever space it is (U+202F included), and print an ordinary space for the
//! gap. A glyph cluster of two characters is kept whole: krilla writes a cluster as a
//! marked-content `/ActualText` of the cluster's characters (`\u{202F}:`), inside the text
//! object, where extractors place it correctly. (A tagged span's `/ActualText` closes after
//! krilla's graphics-state restore, and poppler then places its text at the wrong height.) Each
//! glyph's ToUnicode entry stays its own character, whether it is first drawn alone or in such
//! a cluster (the change to krilla in `vendor/`), so viewers that read only ToUnicode copy a
//! narrow space and a colon too.

use std::ops::Range;

use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

use super::{ExportError, ExportFault};
use crate::fonts::Fonts;
use crate::layout::TextRun;

/// The narrow no-break space, which French sets before `:` `;` `?` `!` and inside `« »`.
const NARROW_SPACE: char = '\u{202F}';

/// Draws a run's glyphs, each narrow no-break space in one cluster with its neighbour (see
/// the module's comment).
pub(super) fn draw_run(
    surface: &mut Surface,
    run: &TextRun,
    fonts: &Fonts,
) -> Result<(), ExportError> {
    let clusters = clusters(run);
    let size = run.size;
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .zip(clusters)
        .map(|(g, cluster)| KrillaGlyph {
            glyph_id: GlyphId::new(u32::from(g.id)),
            text_range: cluster,
            x_advance: g.advance / size,
            x_offset: g.x_offset / size,
            y_offset: g.y_offset / size,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let font = fonts
        .pdf_font(run.style, run.layer)
        .map_err(|e| ExportError::pdf(ExportFault::Font(e)))?;
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline - run.rise),
        &glyphs,
        font,
        &run.text,
        size,
        false,
    );
    Ok(())
}

/// Each glyph's cluster (the text it is drawn for): its own characters, or for a narrow
/// no-break space and the neighbour it is joined to, both glyphs' characters. The neighbour is
/// the glyph after the space (the punctuation it binds), else the one before it; a glyph that
/// is already part of a cluster of several is left as it is.
fn clusters(run: &TextRun) -> Vec<Range<usize>> {
    let glyphs = &run.glyphs;
    let mut clusters: Vec<Range<usize>> = glyphs.iter().map(|g| g.text.clone()).collect();
    let single = |i: usize| {
        let text = &glyphs[i].text;
        !text.is_empty() && glyphs.iter().filter(|g| g.text == *text).count() == 1
    };
    let narrow = |i: usize| {
        run.text
            .get(glyphs[i].text.clone())
            .is_some_and(|text| text.chars().eq([NARROW_SPACE]))
    };
    let mut joined = vec![false; glyphs.len()];
    for i in (0..glyphs.len()).filter(|&i| narrow(i) && single(i)) {
        let after = Some(i + 1).filter(|&n| n < glyphs.len() && !narrow(n) && single(n));
        let before = i
            .checked_sub(1)
            .filter(|&p| !joined[p] && !narrow(p) && single(p));
        let Some(neighbour) = after.or(before) else {
            continue;
        };
        let (first, last) = (i.min(neighbour), i.max(neighbour));
        let cluster = glyphs[first].text.start..glyphs[last].text.end;
        for j in [i, neighbour] {
            clusters[j] = cluster.clone();
            joined[j] = true;
        }
    }
    clusters
}
