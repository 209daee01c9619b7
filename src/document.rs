//! The format-neutral note: typed blocks of styled text that both exporters read.

use crate::dates::Date;
use crate::model::{Image, Paper, PdfA};

/// A note ready for export.
#[derive(Debug, Clone)]
pub struct Document {
    /// Title for the file's metadata (`Note verbale GVA/2017/0815`).
    pub title: String,
    /// Author for the file's metadata (the mission).
    pub author: String,
    /// BCP 47 language tag (`en-GB`).
    pub language: String,
    /// Creation date written into the files.
    pub created: Date,
    /// Paper size.
    pub paper: Paper,
    /// Archival profile of the PDF, if any.
    pub pdf_a: Option<PdfA>,
    /// Emblem drawn above the letterhead text.
    pub emblem: Option<Image>,
    /// Seal set in the seal space.
    pub seal: Option<Seal>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
    /// Words added to a list heading repeated at the top of a page where its list goes on
    /// (`(continued)`, `(suite)`), from the template's `continued` part.
    pub continued: String,
}

impl Document {
    /// The blocks of one kind.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// The mission's seal and the text that describes it to assistive technology.
#[derive(Debug, Clone)]
pub struct Seal {
    /// The image.
    pub image: Image,
    /// Alternative text in the note's language (`Seal of the Permanent Mission of …`).
    pub description: String,
}

/// What a block is; each exporter styles and places it by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Mission name under the emblem, centred, page 1 only.
    Letterhead,
    /// `Ref.: ...`, top left.
    Reference,
    /// A justified paragraph of the body.
    Body,
    /// A category of the delegation list; kept with the member after it.
    Heading,
    /// One person in the list; never split across pages.
    Member,
    /// The closing formula; kept with the place, date and seal.
    Closing,
    /// `Geneva, 15 August 2017`.
    PlaceDate,
    /// Blank space for the seal and initials.
    Seal,
    /// The addressee block, bottom left of page 1.
    Addressee,
    /// A letter's place and date, top right.
    DateLine,
    /// A letter's addressee, at the top, in the flow of text.
    Address,
    /// A letter's salutation (`Dear Sir or Madam,`).
    Salutation,
    /// A letter's signatory: space to sign, then name and title.
    Signature,
    /// The mission's address, telephone and e-mail under the letterhead, page 1 only.
    Contact,
    /// An enclosure or copy line (`Enclosure: …`, `cc: …`), after the seal or signature.
    Notation,
}

impl BlockKind {
    /// Every kind, in the order a note usually shows them.
    pub const ALL: [BlockKind; 15] = [
        BlockKind::Letterhead,
        BlockKind::Reference,
        BlockKind::Body,
        BlockKind::Heading,
        BlockKind::Member,
        BlockKind::Closing,
        BlockKind::PlaceDate,
        BlockKind::Seal,
        BlockKind::Addressee,
        BlockKind::DateLine,
        BlockKind::Address,
        BlockKind::Salutation,
        BlockKind::Signature,
        BlockKind::Contact,
        BlockKind::Notation,
    ];

    /// The name used for this kind in template markup (`::: place-date`).
    pub fn markup_name(self) -> &'static str {
        match self {
            BlockKind::Letterhead => "letterhead",
            BlockKind::Reference => "reference",
            BlockKind::Body => "body",
            BlockKind::Heading => "heading",
            BlockKind::Member => "member",
            BlockKind::Closing => "closing",
            BlockKind::PlaceDate => "place-date",
            BlockKind::Seal => "seal",
            BlockKind::Addressee => "addressee",
            BlockKind::DateLine => "dateline",
            BlockKind::Address => "address",
            BlockKind::Salutation => "salutation",
            BlockKind::Signature => "signature",
            BlockKind::Contact => "contact",
            BlockKind::Notation => "notation",
        }
    }

    /// Whether a block of this kind is one of the note's formulae, read as set phrases and so
    /// hyphenated only as a last resort (in the PDF and in Word): the closing, and the opening,
    /// which is the note's first body paragraph; `first_body` says whether no body paragraph
    /// comes before the block.
    pub fn is_formula(self, first_body: bool) -> bool {
        match self {
            BlockKind::Closing => true,
            BlockKind::Body => first_body,
            _ => false,
        }
    }
}

/// One block of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, with forced line breaks as [`Inline::LineBreak`].
    pub inlines: Vec<Inline>,
}

impl Block {
    /// The plain text, with line breaks as `\n`.
    pub fn text(&self) -> String {
        self.inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text { text, .. } => text.as_str(),
                Inline::LineBreak => "\n",
            })
            .collect()
    }

    /// The block's lines (split at forced breaks).
    pub fn lines(&self) -> Vec<Vec<&Inline>> {
        let mut lines = vec![Vec::new()];
        for inline in &self.inlines {
            match inline {
                Inline::LineBreak => lines.push(Vec::new()),
                text => lines.last_mut().expect("never empty").push(text),
            }
        }
        lines
    }
}

/// A piece of text in one style, or a forced line break.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one style.
    Text {
        /// The characters.
        text: String,
        /// Bold, italic, raised.
        style: Style,
    },
    /// A forced line break.
    LineBreak,
}

/// Bold, italic and raised, the only text styles a note uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic shape.
    pub italic: bool,
    /// Raised and smaller, as the letters of the French ordinal `1er`.
    pub superscript: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many kinds the `match` below names.
    const KINDS: usize = 15;

    /// Where each kind sits in [`BlockKind::ALL`]. The `match` has no wildcard, so a new kind
    /// does not compile until it is given a place here, with [`KINDS`] counting it.
    fn position(kind: BlockKind) -> usize {
        match kind {
            BlockKind::Letterhead => 0,
            BlockKind::Reference => 1,
            BlockKind::Body => 2,
            BlockKind::Heading => 3,
            BlockKind::Member => 4,
            BlockKind::Closing => 5,
            BlockKind::PlaceDate => 6,
            BlockKind::Seal => 7,
            BlockKind::Addressee => 8,
            BlockKind::DateLine => 9,
            BlockKind::Address => 10,
            BlockKind::Salutation => 11,
            BlockKind::Signature => 12,
            BlockKind::Contact => 13,
            BlockKind::Notation => 14,
        }
    }

    #[test]
    fn all_holds_every_kind_once() {
        assert_eq!(BlockKind::ALL.len(), KINDS);
        for (index, kind) in BlockKind::ALL.iter().enumerate() {
            assert_eq!(position(*kind), index, "{kind:?}");
        }
        let mut names: Vec<&str> = BlockKind::ALL.iter().map(|k| k.markup_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BlockKind::ALL.len());
    }

    #[test]
    fn the_closing_and_the_first_body_paragraph_are_the_formulae() {
        assert!(BlockKind::Closing.is_formula(false));
        assert!(BlockKind::Body.is_formula(true));
        assert!(!BlockKind::Body.is_formula(false));
        for kind in BlockKind::ALL {
            if !matches!(kind, BlockKind::Closing | BlockKind::Body) {
                assert!(!kind.is_formula(true), "{kind:?}");
            }
        }
    }
}
