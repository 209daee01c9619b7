//! How each kind of block is set: sizes, spacing, alignment, indents, and what keeps together.
//! The DOCX exporter reads the same values so both files look alike.

use crate::document::BlockKind;

/// Page margin on every side, in points (25 mm).
pub const MARGIN: f32 = 70.866;
/// Height reserved for the emblem above the letterhead text, in points (20 mm).
pub const EMBLEM_HEIGHT: f32 = 56.7;
/// Gap between the emblem and the letterhead text.
pub const EMBLEM_GAP: f32 = 8.0;
/// Gap kept between the body and the addressee block on page 1.
pub const ADDRESSEE_GAP: f32 = 24.0;
/// The shares of the space between blocks (and of [`ADDRESSEE_GAP`]) tried in turn when a note
/// set as styled takes more pages: the first that saves a page is kept, so a note that fits on
/// one page with its spacing at least halved is set on one page.
pub const SQUEEZES: &[f32] = &[0.75, 0.5];
/// Distance of the page number's baseline from the bottom edge.
pub const PAGE_NUMBER_FROM_BOTTOM: f32 = 40.0;
/// Size of the page number.
pub const PAGE_NUMBER_SIZE: f32 = 10.0;
/// Height of the seal in the seal space, in points (25 mm); its width follows the image.
pub const SEAL_HEIGHT: f32 = 70.866;
/// Gap between the seal and the initials beside it.
pub const SEAL_GAP: f32 = 12.0;

/// The seal's printed width and height in points for an image of `width_px` × `height_px`:
/// [`SEAL_HEIGHT`] high, as wide as its proportions make it, but never wider than half the
/// `measure` (a wide image is scaled down whole).
pub fn seal_size(width_px: u32, height_px: u32, measure: f32) -> (f32, f32) {
    let ratio = width_px as f32 / height_px.max(1) as f32;
    let width = SEAL_HEIGHT * ratio;
    let widest = measure / 2.0;
    if width > widest {
        (widest, widest / ratio)
    } else {
        (width, SEAL_HEIGHT)
    }
}

/// Size of raised text (the `er` of `1er`) as a share of the text's size.
pub const SUPERSCRIPT_SCALE: f32 = 0.65;
/// How far raised text's baseline is above the line's, as a share of the text's size.
pub const SUPERSCRIPT_RISE: f32 = 0.35;
/// Lines at least at the foot and the head of a page when a paragraph is split.
pub const MIN_LINES_AROUND_BREAK: usize = 2;

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Ragged right.
    Left,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
    /// Flush on both sides, but for the last line.
    Justify,
}

/// The setting of one kind of block.
#[derive(Debug, Clone, Copy)]
pub struct BlockStyle {
    /// Font size in points.
    pub size: f32,
    /// Distance between baselines.
    pub leading: f32,
    /// Space above the block (dropped at the top of a page).
    pub space_before: f32,
    /// Alignment.
    pub align: Align,
    /// Indent of every line from the left margin.
    pub indent: f32,
    /// Extra indent of the first line.
    pub first_line: f32,
    /// Extra indent of every line after the first.
    pub hanging: f32,
    /// Set in italic whatever the markup says.
    pub italic: bool,
    /// Never the last block on a page: it moves with the next one.
    pub keep_with_next: bool,
    /// Never split across pages.
    pub unbreakable: bool,
    /// Fixed height of a block with no text (the seal area).
    pub min_height: f32,
}

const BASE: BlockStyle = BlockStyle {
    size: 12.0,
    leading: 15.0,
    space_before: 0.0,
    align: Align::Left,
    indent: 0.0,
    first_line: 0.0,
    hanging: 0.0,
    italic: false,
    keep_with_next: false,
    unbreakable: true,
    min_height: 0.0,
};

/// The setting of a kind of block.
pub fn block_style(kind: BlockKind) -> BlockStyle {
    match kind {
        BlockKind::Letterhead => LETTERHEAD,
        BlockKind::Reference => REFERENCE,
        BlockKind::Body => BODY,
        BlockKind::Heading => HEADING,
        BlockKind::Member => MEMBER,
        BlockKind::Closing => CLOSING,
        BlockKind::PlaceDate => PLACE_DATE,
        BlockKind::Seal => SEAL,
        BlockKind::Addressee => ADDRESSEE,
        BlockKind::DateLine => DATE_LINE,
        BlockKind::Address => ADDRESS,
        BlockKind::Subject => SUBJECT,
        BlockKind::Salutation => SALUTATION,
        BlockKind::Signature => SIGNATURE,
        BlockKind::Contact => CONTACT,
        BlockKind::Notation => NOTATION,
    }
}

/// The mission's name under the emblem: larger, centred.
const LETTERHEAD: BlockStyle = BlockStyle {
    size: 13.0,
    leading: 16.0,
    align: Align::Center,
    ..BASE
};

/// `Ref.: ...`, well below the letterhead.
const REFERENCE: BlockStyle = BlockStyle {
    space_before: 28.0,
    ..BASE
};

/// A paragraph of the body: justified, its first line indented; it may split across pages.
const BODY: BlockStyle = BlockStyle {
    space_before: 14.0,
    align: Align::Justify,
    first_line: 36.0,
    unbreakable: false,
    ..BASE
};

/// A category of the delegation list: italic, never the last on a page.
const HEADING: BlockStyle = BlockStyle {
    space_before: 12.0,
    italic: true,
    keep_with_next: true,
    ..BASE
};

/// One person in the list, indented, with the lines after the first hanging further.
const MEMBER: BlockStyle = BlockStyle {
    space_before: 3.0,
    indent: 36.0,
    hanging: 18.0,
    ..BASE
};

/// The closing formula: justified, its first line indented, kept with the place and date after
/// it.
const CLOSING: BlockStyle = BlockStyle {
    space_before: 18.0,
    align: Align::Justify,
    first_line: 36.0,
    keep_with_next: true,
    ..BASE
};

/// The place and date, kept with the seal after them.
const PLACE_DATE: BlockStyle = BlockStyle {
    space_before: 18.0,
    keep_with_next: true,
    ..BASE
};

/// The space for the seal and initials.
const SEAL: BlockStyle = BlockStyle {
    min_height: 64.0,
    // An enclosure or copy line after it never stands alone on the next page.
    keep_with_next: true,
    ..BASE
};

/// The addressee block at the foot of page 1, smaller.
const ADDRESSEE: BlockStyle = BlockStyle {
    size: 11.0,
    leading: 13.5,
    ..BASE
};

/// A letter's place and date, ragged left.
const DATE_LINE: BlockStyle = BlockStyle {
    space_before: 24.0,
    align: Align::Right,
    ..BASE
};

/// A letter's addressee.
const ADDRESS: BlockStyle = BlockStyle {
    space_before: 18.0,
    ..BASE
};

/// A letter's subject line, flush left, kept with the salutation after it.
const SUBJECT: BlockStyle = BlockStyle {
    space_before: 18.0,
    keep_with_next: true,
    ..BASE
};

/// A letter's salutation, kept with the text after it.
const SALUTATION: BlockStyle = BlockStyle {
    space_before: 24.0,
    keep_with_next: true,
    ..BASE
};

/// A letter's signatory.
const SIGNATURE: BlockStyle = BlockStyle {
    // Room to sign above the name.
    space_before: 54.0,
    ..BASE
};

/// The mission's address, telephone and e-mail under the letterhead: small, centred.
const CONTACT: BlockStyle = BlockStyle {
    size: 9.0,
    leading: 11.0,
    space_before: 4.0,
    align: Align::Center,
    ..BASE
};

/// An enclosure or copy line: smaller, later lines hanging.
const NOTATION: BlockStyle = BlockStyle {
    size: 11.0,
    leading: 13.5,
    space_before: 12.0,
    hanging: 18.0,
    ..BASE
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seal_keeps_its_proportions_and_half_the_measure() {
        assert_eq!(seal_size(300, 300, 450.0), (SEAL_HEIGHT, SEAL_HEIGHT));
        let (width, height) = seal_size(600, 300, 450.0);
        assert!((width - 2.0 * SEAL_HEIGHT).abs() < 0.01 && height == SEAL_HEIGHT);
        // Ten times wider than high: scaled down whole to half the measure.
        let (width, height) = seal_size(3000, 300, 450.0);
        assert!((width - 225.0).abs() < 0.01 && (height - 22.5).abs() < 0.01);
    }
}
