//! The format-neutral note: typed blocks of styled text that both exporters read.

use crate::dates::Date;
use crate::model::{Image, Language, Paper, PdfA};

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
    /// Whether the note's language is written right to left (Arabic): its paragraphs then run
    /// from the right margin, and its alignments mirror.
    pub fn right_to_left(&self) -> bool {
        self.language == Language::Arabic.tag()
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

/// Declares the kinds of block once: the enum, [`BlockKind::ALL`] in the order a note usually
/// shows them, and each kind's name in template markup.
macro_rules! block_kinds {
    ($( $(#[$doc:meta])* $kind:ident = $markup:literal, )*) => {
        /// What a block is; each exporter styles and places it by this.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum BlockKind {
            $( $(#[$doc])* $kind, )*
        }

        impl BlockKind {
            /// Every kind, in the order a note usually shows them.
            pub const ALL: &'static [BlockKind] = &[$( BlockKind::$kind ),*];

            /// The name used for this kind in template markup (`::: place-date`).
            pub fn markup_name(self) -> &'static str {
                match self {
                    $( BlockKind::$kind => $markup, )*
                }
            }
        }
    };
}

block_kinds! {
    /// Mission name under the emblem, centred, page 1 only.
    Letterhead = "letterhead",
    /// `Ref.: ...`, top left.
    Reference = "reference",
    /// A justified paragraph of the body.
    Body = "body",
    /// A category of the delegation list; kept with the member after it.
    Heading = "heading",
    /// One person in the list; never split across pages.
    Member = "member",
    /// The closing formula; kept with the place, date and seal.
    Closing = "closing",
    /// `Geneva, 15 August 2017`.
    PlaceDate = "place-date",
    /// Blank space for the seal and initials.
    Seal = "seal",
    /// The addressee block, bottom left of page 1.
    Addressee = "addressee",
    /// A letter's place and date, top right.
    DateLine = "dateline",
    /// A letter's addressee, at the top, in the flow of text.
    Address = "address",
    /// A letter's subject line (`Subject: …`), between the address and the salutation.
    Subject = "subject",
    /// A letter's salutation (`Dear Sir or Madam,`).
    Salutation = "salutation",
    /// A letter's signatory: space to sign, then name and title.
    Signature = "signature",
    /// The mission's address, telephone and e-mail under the letterhead, page 1 only.
    Contact = "contact",
    /// An enclosure or copy line (`Enclosure: …`, `cc: …`), after the seal or signature.
    Notation = "notation",
}

impl BlockKind {
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

    #[test]
    fn each_kind_has_a_markup_name_of_its_own() {
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
        for &kind in BlockKind::ALL {
            if !matches!(kind, BlockKind::Closing | BlockKind::Body) {
                assert!(!kind.is_formula(true), "{kind:?}");
            }
        }
    }
}
