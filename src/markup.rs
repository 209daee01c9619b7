//! Rendered template markup -> document blocks.
//!
//! The markup is CommonMark (read with pulldown-cmark) plus fenced divisions that say what a
//! block is, as in Pandoc: a line `::: closing` opens one and a line `:::` closes it. Outside a
//! division, paragraphs are body text, `##` headings are list categories and `-` items are
//! members. Inside `letterhead`, `contact`, `addressee` and `notation`, each source line is a
//! printed line. Text between [`SUPERSCRIPT_START`] and [`SUPERSCRIPT_END`], which the date
//! helpers write around the letters of the French `1er`, is set raised and smaller.

use std::fmt;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::document::{Block, BlockKind, Inline, Style};

/// A problem in rendered markup; it comes from the template, since user values are escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Line of the rendered markup (1-based).
    pub line: usize,
    /// What is wrong.
    pub fault: MarkupFault,
}

/// What is wrong with rendered markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkupFault {
    /// A `:::` with no division open.
    NothingToClose,
    /// A division opened inside another (its name, and the line the other opened on).
    Nested {
        /// The division.
        name: String,
        /// The line the open one started on.
        opened: usize,
    },
    /// A division name there is none of.
    UnknownDivision(String),
    /// A division never closed.
    Unclosed,
    /// Raw HTML.
    Html,
    /// Markdown that notes do not use (the parser's event, as it printed it).
    Unused(String),
}

impl fmt::Display for MarkupFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkupFault::NothingToClose => {
                f.write_str("`:::` closes a division that was never opened")
            }
            MarkupFault::Nested { name, opened } => write!(
                f,
                "`::: {name}` opens inside the division opened on line {opened}; close that one first with `:::`"
            ),
            MarkupFault::UnknownDivision(name) => write!(
                f,
                "unknown division `{name}`; the divisions are `title`, {}",
                divisions()
                    .map(|k| format!("`{}`", k.markup_name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            MarkupFault::Unclosed => {
                f.write_str("this division is never closed; add a line `:::` after its content")
            }
            MarkupFault::Html => f.write_str("raw HTML is not part of note markup"),
            MarkupFault::Unused(event) => write!(f, "markup not used in notes: {event}"),
        }
    }
}

/// What the markup holds: the blocks and the hidden `title` division.
#[derive(Debug, Clone, PartialEq)]
pub struct Markup {
    /// The document title from `::: title`, if given.
    pub title: Option<String>,
    /// Every printed block in order.
    pub blocks: Vec<Block>,
}

/// Kinds of block written as CommonMark (paragraphs, headings, list items); every other kind
/// is a fenced division named after it.
fn from_commonmark(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Body | BlockKind::Heading | BlockKind::Member
    )
}

/// The kinds written as divisions (`::: closing`), derived from [`BlockKind::ALL`].
fn divisions() -> impl Iterator<Item = BlockKind> {
    BlockKind::ALL
        .iter()
        .copied()
        .filter(|kind| !from_commonmark(*kind))
}

/// Parses rendered markup.
pub fn parse(markup: &str) -> Result<Markup, MarkupError> {
    let mut result = Markup {
        title: None,
        blocks: Vec::new(),
    };
    let mut open: Option<(Division, usize, String)> = None;
    let mut outside = String::new();
    for (index, line) in markup.lines().enumerate() {
        let number = index + 1;
        let Some(rest) = line.trim_end().strip_prefix(":::") else {
            match &mut open {
                Some((_, _, body)) => body.push_str(line),
                None => outside.push_str(line),
            }
            match &mut open {
                Some((_, _, body)) => body.push('\n'),
                None => outside.push('\n'),
            }
            continue;
        };
        let name = rest.trim();
        match (open.take(), name.is_empty()) {
            (None, true) => {
                return Err(MarkupError {
                    line: number,
                    fault: MarkupFault::NothingToClose,
                })
            }
            (Some((division, _, body)), true) => {
                result.blocks.extend(blocks(&outside, None)?);
                outside.clear();
                match division {
                    Division::Title => result.title = Some(plain(&body)),
                    Division::Block(kind) => {
                        let mut inner = blocks(&body, Some(kind))?;
                        if kind == BlockKind::Seal && inner.is_empty() {
                            inner.push(Block {
                                kind,
                                inlines: Vec::new(),
                            });
                        }
                        result.blocks.extend(inner);
                    }
                }
            }
            (Some((_, opened, _)), false) => {
                return Err(MarkupError {
                    line: number,
                    fault: MarkupFault::Nested {
                        name: name.into(),
                        opened,
                    },
                })
            }
            (None, false) => {
                let division = Division::named(name).ok_or_else(|| MarkupError {
                    line: number,
                    fault: MarkupFault::UnknownDivision(name.into()),
                })?;
                open = Some((division, number, String::new()));
            }
        }
    }
    if let Some((_, opened, _)) = open {
        return Err(MarkupError {
            line: opened,
            fault: MarkupFault::Unclosed,
        });
    }
    result.blocks.extend(blocks(&outside, None)?);
    Ok(result)
}

#[derive(Clone, Copy)]
enum Division {
    Title,
    Block(BlockKind),
}

impl Division {
    fn named(name: &str) -> Option<Division> {
        if name == "title" {
            return Some(Division::Title);
        }
        divisions()
            .find(|kind| kind.markup_name() == name)
            .map(Division::Block)
    }
}

fn plain(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads CommonMark into blocks; `division` is the kind every block inside a division gets.
fn blocks(markdown: &str, division: Option<BlockKind>) -> Result<Vec<Block>, MarkupError> {
    let lines_kept = matches!(
        division,
        Some(
            BlockKind::Letterhead
                | BlockKind::Addressee
                | BlockKind::Address
                | BlockKind::Signature
                | BlockKind::Contact
                | BlockKind::Notation
        )
    );
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut style = Style::default();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        // Counted only for a problem: counting for every event would cost the square of the
        // markup's length, and a note of ten thousand members has long markup.
        let line = || markdown[..range.start].matches('\n').count() + 1;
        match event {
            Event::Start(Tag::Paragraph) if current.is_none() => {
                current = Some(Block {
                    kind: division.unwrap_or(BlockKind::Body),
                    inlines: Vec::new(),
                })
            }
            Event::Start(Tag::Heading { .. }) => {
                current = Some(Block {
                    kind: division.unwrap_or(BlockKind::Heading),
                    inlines: Vec::new(),
                })
            }
            Event::Start(Tag::Item) => {
                current = Some(Block {
                    kind: division.unwrap_or(BlockKind::Member),
                    inlines: Vec::new(),
                })
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                if let Some(block) = current.take() {
                    blocks.push(trimmed(block));
                }
            }
            Event::Start(Tag::List(_) | Tag::Paragraph) | Event::End(TagEnd::List(_)) => {}
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::Start(Tag::Strong) => style.bold = true,
            Event::End(TagEnd::Strong) => style.bold = false,
            Event::Text(text) | Event::Code(text) => push_marked(&mut current, &text, &mut style),
            Event::SoftBreak if lines_kept => push_break(&mut current),
            Event::SoftBreak => push_text(&mut current, " ", style),
            Event::HardBreak => push_break(&mut current),
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(MarkupError {
                    line: line(),
                    fault: MarkupFault::Html,
                })
            }
            other => {
                return Err(MarkupError {
                    line: line(),
                    fault: MarkupFault::Unused(format!("{other:?}")),
                })
            }
        }
    }
    Ok(blocks)
}

/// Pushes text, turning superscript on and off at its marks (which may open in one piece of
/// text and close in another).
fn push_marked(current: &mut Option<Block>, text: &str, style: &mut Style) {
    let mut rest = text;
    while let Some(at) = rest.find([SUPERSCRIPT_START, SUPERSCRIPT_END]) {
        push_text(current, &rest[..at], *style);
        let mark = rest[at..].chars().next().unwrap_or(SUPERSCRIPT_END);
        style.superscript = mark == SUPERSCRIPT_START;
        rest = &rest[at + mark.len_utf8()..];
    }
    push_text(current, rest, *style);
}

fn push_text(current: &mut Option<Block>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    let Some(block) = current else { return };
    if let Some(Inline::Text {
        text: last,
        style: s,
    }) = block.inlines.last_mut()
    {
        if *s == style {
            last.push_str(text);
            return;
        }
    }
    block.inlines.push(Inline::Text {
        text: text.to_string(),
        style,
    });
}

fn push_break(current: &mut Option<Block>) {
    if let Some(block) = current {
        block.inlines.push(Inline::LineBreak);
    }
}

/// Drops blank space at the start and end of the block and around forced breaks.
fn trimmed(mut block: Block) -> Block {
    let count = block.inlines.len();
    for i in 0..count {
        let after_break = i == 0 || matches!(block.inlines[i - 1], Inline::LineBreak);
        let before_break = i + 1 == count || matches!(block.inlines[i + 1], Inline::LineBreak);
        if let Inline::Text { text, .. } = &mut block.inlines[i] {
            if after_break {
                *text = text.trim_start().to_string();
            }
            if before_break {
                *text = text.trim_end().to_string();
            }
        }
    }
    block
        .inlines
        .retain(|inline| !matches!(inline, Inline::Text { text, .. } if text.is_empty()));
    while matches!(block.inlines.last(), Some(Inline::LineBreak)) {
        block.inlines.pop();
    }
    block
}

pub use crate::grammar::{VALUE_END, VALUE_START};

/// Where raised text starts in rendered markup (the `er` of the French `1er`), and where it
/// ends: private-use characters, as [`VALUE_START`], which the markup reads as
/// [`Style::superscript`].
pub const SUPERSCRIPT_START: char = '\u{E002}';
/// See [`SUPERSCRIPT_START`].
pub const SUPERSCRIPT_END: char = '\u{E003}';

/// `text` marked to be set raised and smaller.
pub fn superscript(text: &str) -> String {
    format!("{SUPERSCRIPT_START}{text}{SUPERSCRIPT_END}")
}

/// Text without the marks around values and raised text.
pub fn unmark(text: &str) -> String {
    text.replace(
        [VALUE_START, VALUE_END, SUPERSCRIPT_START, SUPERSCRIPT_END],
        "",
    )
}

/// Escapes a user value so the markup prints it literally: every ASCII punctuation character is
/// backslash-escaped (CommonMark allows that for all of them) and line breaks become spaces. The
/// value is marked as one (see [`VALUE_START`]).
pub fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len() + 8);
    escaped.push(VALUE_START);
    for c in value.chars() {
        match c {
            '\n' | '\r' | '\t' => escaped.push(' '),
            c if c.is_ascii_punctuation() => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped.push(VALUE_END);
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(markup: &str) -> Vec<(BlockKind, String)> {
        parse(markup)
            .unwrap()
            .blocks
            .iter()
            .map(|b| (b.kind, b.text()))
            .collect()
    }

    #[test]
    fn divisions_headings_and_items() {
        let got = kinds(
            "::: letterhead\n**Mission**\nof Examplestan\n:::\n\nBody one\ncontinues.\n\n## Advisers\n\n- A, one\n- B, two\n\n::: seal\n:::\n",
        );
        assert_eq!(
            got,
            vec![
                (BlockKind::Letterhead, "Mission\nof Examplestan".into()),
                (BlockKind::Body, "Body one continues.".into()),
                (BlockKind::Heading, "Advisers".into()),
                (BlockKind::Member, "A, one".into()),
                (BlockKind::Member, "B, two".into()),
                (BlockKind::Seal, String::new()),
            ]
        );
    }

    #[test]
    fn escaped_values_print_literally() {
        let value = "*Star* {{x}} <b> # 1. _a_ \\ `c`";
        let got = kinds(&format!("- {}\n", escape(value)));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, BlockKind::Member);
        assert_eq!(got[0].1, format!("{VALUE_START}{value}{VALUE_END}"));
        assert_eq!(unmark(&got[0].1), value);
    }

    #[test]
    fn marked_text_is_raised_even_inside_an_escaped_value() {
        let value = escape(&format!("du 1{} au 2 mai", superscript("er")));
        let blocks = parse(&format!("Le *{value}*.\n")).unwrap().blocks;
        let raised: Vec<(&str, Style)> = blocks[0]
            .inlines
            .iter()
            .filter_map(|inline| match inline {
                Inline::Text { text, style } => Some((text.as_str(), *style)),
                Inline::LineBreak => None,
            })
            .collect();
        let italic = Style {
            italic: true,
            ..Style::default()
        };
        let up = Style {
            superscript: true,
            ..italic
        };
        assert_eq!(
            raised,
            [
                ("Le ", Style::default()),
                ("\u{E000}du 1", italic),
                ("er", up),
                (" au 2 mai\u{E001}", italic),
                (".", Style::default()),
            ]
        );
        assert_eq!(unmark(&blocks[0].text()), "Le du 1er au 2 mai.");
    }

    #[test]
    fn title_is_not_printed() {
        let markup = parse("::: title\nNote verbale GVA/1\n:::\nText\n").unwrap();
        assert_eq!(markup.title.as_deref(), Some("Note verbale GVA/1"));
        assert_eq!(markup.blocks.len(), 1);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("a\n::: nope\n:::\n").unwrap_err().line, 2);
        assert_eq!(parse("::: seal\n").unwrap_err().line, 1);
        assert_eq!(parse("x\n:::\n").unwrap_err().line, 2);
        assert!(parse("<b>x</b>\n").is_err());
    }

    /// Whether a kind of block is written as a `::: name` division; the others come from
    /// CommonMark (paragraphs, `##` headings, list items). No wildcard, so a new kind of block
    /// does not compile until it is placed on one side.
    fn is_division(kind: BlockKind) -> bool {
        match kind {
            BlockKind::Body | BlockKind::Heading | BlockKind::Member => false,
            BlockKind::Letterhead
            | BlockKind::Reference
            | BlockKind::Closing
            | BlockKind::PlaceDate
            | BlockKind::Seal
            | BlockKind::Addressee
            | BlockKind::DateLine
            | BlockKind::Address
            | BlockKind::Subject
            | BlockKind::Salutation
            | BlockKind::Signature
            | BlockKind::Contact
            | BlockKind::Notation => true,
        }
    }

    #[test]
    fn every_division_is_read_by_its_markup_name() {
        let mut names = Vec::new();
        for kind in divisions() {
            assert!(is_division(kind), "{kind:?} is a division");
            let name = kind.markup_name();
            assert_eq!(
                kinds(&format!("::: {name}\nText\n:::\n")),
                [(kind, "Text".into())]
            );
            names.push(name);
        }
        names.push("title");
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            divisions().count() + 1,
            "two divisions share a name"
        );
    }

    #[test]
    fn kinds_that_are_not_divisions_come_from_commonmark() {
        let structure = [
            (BlockKind::Body, "Text\n"),
            (BlockKind::Heading, "## Text\n"),
            (BlockKind::Member, "- Text\n"),
        ];
        for (kind, markup) in structure {
            assert!(!is_division(kind) && !divisions().any(|k| k == kind));
            assert_eq!(kinds(markup), [(kind, "Text".into())]);
            let name = kind.markup_name();
            assert!(parse(&format!("::: {name}\nText\n:::\n")).is_err());
        }
    }
}
