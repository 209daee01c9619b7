//! Blocks -> pages: each block is set into lines (shaped, broken, justified, raised text
//! placed), then the [`pager`](super::pager) places them page by page; the addressee block and
//! the page numbers are added.

use super::justify::{break_paragraph, space_scale, tracked, tracking, Hyphenation};
use super::lines::{break_lines, shape, Glyph, LineBox, Shaped};
use super::pager::{place, Pager, SetBlock};
use super::style::{
    block_style, seal_size, Align, BlockStyle, ADDRESSEE_GAP, EMBLEM_GAP, EMBLEM_HEIGHT, MARGIN,
    PAGE_NUMBER_FROM_BOTTOM, PAGE_NUMBER_SIZE, SEAL_GAP, SEAL_HEIGHT, SUPERSCRIPT_RISE,
    SUPERSCRIPT_SCALE,
};
use super::{balance, bidi, hyphenate, ParagraphReport};
use super::{Artifact, Item, Layout, PlacedGlyph, TextRun};
use crate::document::{Block, BlockKind, Document, Inline, Style};
use crate::fonts::Fonts;
use crate::model::Image;

/// Lays out the whole document.
pub fn paginate(document: &Document, fonts: &Fonts) -> Layout {
    let (width, height) = document.paper.size_pt();
    let measure = width - 2.0 * MARGIN;
    let mut flow: Vec<SetBlock> = document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Addressee)
        .map(|(i, b)| {
            let mut set = set_block(i, b, document, fonts, measure);
            if b.kind == BlockKind::Heading && !document.continued.is_empty() {
                set.continued = Some(Box::new(continued(b, document, fonts, measure)));
            }
            set
        })
        .collect();
    shared_seal_space(&mut flow);
    let addressee: Vec<SetBlock> = document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Addressee)
        .map(|(i, b)| set_block(i, b, document, fonts, measure))
        .collect();
    let addressee_height: f32 = addressee.iter().map(SetBlock::height).sum();
    // The addressee block stands where the DOCX's first-page footer puts it: its foot half a
    // margin above the page's edge.
    let addressee_top = height - MARGIN / 2.0 - addressee_height;
    let pager = Pager::fitted(
        &flow,
        (!addressee.is_empty()).then_some(addressee_top),
        height - MARGIN,
    );
    let spacing = pager.squeeze;
    let mut pages = pager.pages;
    let mut y = addressee_top;
    for block in &addressee {
        place(&mut pages[0], block, y, 0..block.lines.len());
        y += block.height();
    }
    for (index, page) in pages.iter_mut().enumerate().skip(1) {
        page.items
            .push(page_number(index + 1, fonts, width, height));
    }
    let letterhead_breaks = flow
        .iter()
        .find(|b| b.kind == BlockKind::Letterhead)
        .map(|b| b.line_starts.iter().skip(1).copied().collect())
        .unwrap_or_default();
    Layout {
        width,
        height,
        pages,
        letterhead_breaks,
        spacing,
        report: flow
            .iter()
            .chain(&addressee)
            .filter_map(|b| b.report.clone())
            .collect(),
    }
}

/// A blank seal space that ends the note (no image, no initials) may reach into the gap above
/// the addressee block, or into the bottom margin: nothing is set after it, so the stamp keeps
/// its room, and a note that would only need that gap stays on one page.
fn shared_seal_space(flow: &mut [SetBlock]) {
    if let Some(seal) = flow
        .last_mut()
        .filter(|b| b.kind == BlockKind::Seal && b.lines.is_empty() && b.prelude.is_empty())
    {
        seal.style.min_height = (seal.style.min_height - ADDRESSEE_GAP).max(0.0);
    }
}

/// A list heading again with the continued words (`Conseillères (suite)`), set as page
/// furniture: the heading itself is already in the note's structure.
fn continued(heading: &Block, document: &Document, fonts: &Fonts, measure: f32) -> SetBlock {
    let mut inlines = heading.inlines.clone();
    inlines.push(Inline::Text {
        // A no-break space: the word never starts a line of its own.
        text: format!("\u{a0}{}", document.continued),
        style: Style::default(),
    });
    let block = Block {
        kind: BlockKind::Heading,
        inlines,
    };
    let mut set = set_block(0, &block, document, fonts, measure);
    for run in set.lines.iter_mut().flatten() {
        run.block = None;
        run.artifact = Some(Artifact::ContinuedHeading);
    }
    set.report = None;
    set
}

/// Sets a block into lines; line `i`'s baseline is relative to the block's text top.
fn set_block(
    index: usize,
    block: &Block,
    document: &Document,
    fonts: &Fonts,
    measure: f32,
) -> SetBlock {
    let mut style = block_style(block.kind);
    let seal = seal(block, document, measure, &mut style);
    let mut set = SetBlock {
        kind: block.kind,
        continued: None,
        style,
        report: None,
        prelude: Vec::new(),
        prelude_height: 0.0,
        lines: Vec::new(),
        line_starts: Vec::new(),
    };
    if let Some(seal) = seal {
        set.prelude.push(seal);
        set.prelude_height = (SEAL_HEIGHT - style.leading).max(0.0);
    }
    if let (BlockKind::Letterhead, Some(emblem)) = (block.kind, &document.emblem) {
        let (emblem, height) = emblem_item(emblem, measure);
        set.prelude.push(emblem);
        set.prelude_height = height;
    }
    if block.inlines.is_empty() {
        return set;
    }
    let right_to_left = document.right_to_left();
    let frame = Frame {
        style,
        measure,
        right_to_left,
    };
    let shaped = shape(
        &block.inlines,
        fonts,
        style.size,
        style.italic,
        right_to_left,
    );
    let lines = break_block(index, block, document, fonts, &shaped, frame);
    let mut report = report(block.kind, &shaped, &lines, frame);
    let placing = Placing {
        index,
        shaped: &shaped,
        frame,
        baseline: first_baseline(style, fonts),
    };
    set.line_starts = lines
        .iter()
        .map(|line| {
            shaped
                .glyphs
                .get(line.glyphs.start)
                .map_or(0, |g| g.text.start)
        })
        .collect();
    for (number, line) in lines.iter().enumerate() {
        let spacing = spacing(&shaped, line, number, frame);
        report.letter_spacing = report.letter_spacing.max(spacing.track / style.size);
        report.widest_space = report.widest_space.max(spacing.scale);
        set.lines.push(placing.line(number, line, spacing));
    }
    set.report = Some(report);
    set
}

/// The seal of a seal block with a seal image, and room for it in the block's `style`: the
/// seal stands at the left of the seal space, the initials beside it, on a line level with its
/// foot.
fn seal(block: &Block, document: &Document, measure: f32, style: &mut BlockStyle) -> Option<Item> {
    let (BlockKind::Seal, Some(image)) = (block.kind, &document.seal) else {
        return None;
    };
    let image = &image.image;
    let (width, height) = seal_size(image.width_px, image.height_px, measure);
    style.indent += width + SEAL_GAP;
    style.min_height = style.min_height.max(SEAL_HEIGHT);
    Some(Item::Seal {
        // At the start of the seal space: its right end in a right-to-left note.
        x: if document.right_to_left() {
            MARGIN + measure - width
        } else {
            MARGIN
        },
        y: SEAL_HEIGHT - height,
        width,
        height,
    })
}

/// The emblem centred above the letterhead, and the height it takes with the gap below it.
fn emblem_item(emblem: &Image, measure: f32) -> (Item, f32) {
    let height = EMBLEM_HEIGHT;
    let width = height * emblem.width_px as f32 / emblem.height_px as f32;
    let width = width.min(measure);
    let item = Item::Emblem {
        x: MARGIN + (measure - width) / 2.0,
        y: 0.0,
        width,
        height,
    };
    (item, height + EMBLEM_GAP)
}

/// A block's style within the measure: where each of its lines starts and how wide it is.
#[derive(Clone, Copy)]
struct Frame {
    style: BlockStyle,
    measure: f32,
    /// Whether lines run from the right margin (Arabic): indents are then from the right, and
    /// alignments mirror.
    right_to_left: bool,
}

impl Frame {
    /// The left edge of line `number`, `width` wide once its spaces are set: its indent taken
    /// from the margin it starts at, and its slack placed as its alignment says. `Left` and
    /// `Right` name the start and end of a line, so a right-to-left note mirrors them.
    fn left(&self, number: usize, width: f32) -> f32 {
        let slack = self.available(number) - width;
        let before = match (self.style.align, self.right_to_left) {
            (Align::Center, _) => slack / 2.0,
            (Align::Left | Align::Justify, false) | (Align::Right, true) => 0.0,
            (Align::Right, false) | (Align::Left | Align::Justify, true) => slack,
        };
        let indent = if self.right_to_left {
            0.0
        } else {
            self.indent(number)
        };
        MARGIN + indent + before
    }

    /// The indent of line `line` from the margin it starts at.
    fn indent(&self, line: usize) -> f32 {
        self.style.indent
            + if line == 0 {
                self.style.first_line
            } else {
                self.style.hanging
            }
    }

    /// The width line `line` may fill.
    fn available(&self, line: usize) -> f32 {
        self.measure - self.indent(line)
    }
}

/// The first line's baseline below the block's text top: the line's height shared evenly
/// above and below the regular face's ascender and descender.
fn first_baseline(style: BlockStyle, fonts: &Fonts) -> f32 {
    let regular = fonts.face(Style::default());
    (style.leading - style.size * (regular.ascender - regular.descender)) / 2.0
        + style.size * regular.ascender
}

/// Breaks a block's shaped text into lines: a justified block over the whole paragraph, with
/// hyphens in the document's language (the formulae only as a last resort); any other line by
/// line.
fn break_block(
    index: usize,
    block: &Block,
    document: &Document,
    fonts: &Fonts,
    shaped: &Shaped,
    frame: Frame,
) -> Vec<LineBox> {
    let available = |line: usize| frame.available(line);
    if block.kind == BlockKind::Letterhead {
        return balance::balanced(shaped, frame.available(0));
    }
    if frame.style.align != Align::Justify {
        return break_lines(shaped, &available);
    }
    let hyphen = |glyph: &Glyph| hyphen_glyph(glyph, fonts, frame.style.size);
    let opening = document
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Body);
    let formula = block.kind.is_formula(opening == Some(index));
    let points = hyphenate::points(&shaped.text, &document.language, formula);
    let hyphenation = if formula {
        Hyphenation::LastResort
    } else {
        Hyphenation::Normal
    };
    break_paragraph(shaped, &available, &points, &hyphen, hyphenation)
}

/// The hyphen that ends a line after `glyph`, in its style, taking no text of its own.
fn hyphen_glyph(glyph: &Glyph, fonts: &Fonts, size: f32) -> Glyph {
    let inline = [Inline::Text {
        text: "-".into(),
        style: glyph.style,
    }];
    let mut hyphen = shape(&inline, fonts, size, false, false).glyphs.remove(0);
    hyphen.text = glyph.text.end..glyph.text.end;
    hyphen
}

/// How well a block's lines are set, but for their letter spacing, known only once each line
/// is placed.
fn report(kind: BlockKind, shaped: &Shaped, lines: &[LineBox], frame: Frame) -> ParagraphReport {
    let justified_scales = || {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| frame.style.align == Align::Justify && !l.ends_paragraph)
            .filter_map(|(number, l)| space_scale(shaped, l, frame.available(number)))
    };
    ParagraphReport {
        kind,
        lines: lines.len(),
        worst_ratio: lines
            .iter()
            .filter(|l| !l.ends_paragraph)
            .map(|l| l.ratio)
            .fold(0.0, f32::max),
        narrowest_space: justified_scales().fold(1.0, f32::min),
        widest_space: justified_scales().fold(1.0, f32::max),
        letter_spacing: 0.0,
        hyphenated: lines.iter().filter(|l| l.hyphen.is_some()).count(),
    }
}

/// How a line's spaces and letters are widened.
#[derive(Clone, Copy)]
struct Spacing {
    /// Word spaces, times their natural width.
    scale: f32,
    /// Room after each letter, in points.
    track: f32,
}

/// The spacing of line `number`: a justified line's spaces take its slack, never wider than
/// the limit, and letter spacing the rest; other lines are set as shaped.
fn spacing(shaped: &Shaped, line: &LineBox, number: usize, frame: Frame) -> Spacing {
    if frame.style.align == Align::Justify && !line.ends_paragraph {
        let available = frame.available(number);
        let (scale, track) = tracking(shaped, line, available, frame.style.size);
        Spacing { scale, track }
    } else {
        Spacing {
            scale: 1.0,
            track: 0.0,
        }
    }
}

/// What the lines of one block share when their glyphs are placed.
struct Placing<'a> {
    /// The block's index in the document.
    index: usize,
    shaped: &'a Shaped,
    frame: Frame,
    /// The first line's baseline below the block's text top.
    baseline: f32,
}

impl Placing<'_> {
    /// Line `number` as runs of glyphs of one style and direction each, in visual order from
    /// its aligned start.
    fn line(&self, number: usize, line: &LineBox, spacing: Spacing) -> Vec<TextRun> {
        let style = self.frame.style;
        let glyphs = &self.shaped.glyphs[line.glyphs.clone()];
        let advances = self.advances(glyphs, spacing, line.hyphen.is_some());
        let levels: Vec<u8> = glyphs.iter().map(|g| g.level).collect();
        let order = bidi::visual_order(&levels);
        let width = if self.frame.right_to_left {
            advances.iter().sum::<f32>() + line.hyphen.as_ref().map_or(0.0, |h| h.advance)
        } else {
            line.width
        };
        let mut x = self.frame.left(number, width);
        let baseline = number as f32 * style.leading + self.baseline;
        let mut runs = Vec::new();
        let same_run = |a: &usize, b: &usize| {
            let (a, b) = (&glyphs[*a], &glyphs[*b]);
            a.style == b.style && a.level == b.level && a.layer == b.layer
        };
        for run in order.chunk_by(same_run) {
            let Some(&first) = run.first() else {
                continue;
            };
            let start = run.iter().map(|&i| glyphs[i].text.start).min().unwrap_or(0);
            let end = run
                .iter()
                .map(|&i| glyphs[i].text.end)
                .max()
                .unwrap_or(start);
            let (size, rise) = size_and_rise(style.size, glyphs[first].style);
            let mut text_run = TextRun {
                block: Some(self.index),
                artifact: None,
                x,
                baseline,
                rise,
                style: glyphs[first].style,
                layer: glyphs[first].layer,
                size,
                text: self.shaped.text[start..end].to_string(),
                glyphs: run
                    .iter()
                    .map(|&i| {
                        let g = &glyphs[i];
                        PlacedGlyph {
                            id: g.id,
                            advance: advances[i],
                            x_offset: g.x_offset,
                            y_offset: g.y_offset,
                            text: g.text.start - start..g.text.end - start,
                        }
                    })
                    .collect(),
            };
            if let (Some(hyphen), true) = (&line.hyphen, run.contains(&(glyphs.len() - 1))) {
                with_hyphen(&mut text_run, hyphen);
            }
            x += text_run.width();
            runs.push(text_run);
        }
        runs
    }

    /// The advance of each glyph of a line, in the text's order, spaced as the line is.
    fn advances(&self, glyphs: &[Glyph], spacing: Spacing, hyphenated: bool) -> Vec<f32> {
        let Spacing { scale, track } = spacing;
        let is_space = |g: &Glyph| &self.shaped.text[g.text.clone()] == " ";
        glyphs
            .iter()
            .enumerate()
            .map(|(k, g)| {
                let advance = if is_space(g) {
                    g.advance * scale
                } else {
                    g.advance
                };
                if track > 0.0 && tracked(glyphs, k, hyphenated) {
                    advance + track
                } else {
                    advance
                }
            })
            .collect()
    }
}

/// The size and rise of a run in a block set at `size`: raised text smaller and above the line.
fn size_and_rise(size: f32, style: Style) -> (f32, f32) {
    if style.superscript {
        (size * SUPERSCRIPT_SCALE, size * SUPERSCRIPT_RISE)
    } else {
        (size, 0.0)
    }
}

/// A line-end hyphen after the run's last glyph. It extracts as a soft hyphen, so copied text
/// and search still see the whole word.
fn with_hyphen(run: &mut TextRun, hyphen: &Glyph) {
    let at = run.text.len();
    run.text.push('\u{AD}');
    run.glyphs.push(PlacedGlyph {
        id: hyphen.id,
        advance: hyphen.advance,
        x_offset: hyphen.x_offset,
        y_offset: hyphen.y_offset,
        text: at..run.text.len(),
    });
}

/// `- 2 -`, centred in the bottom margin of pages after the first.
fn page_number(number: usize, fonts: &Fonts, width: f32, height: f32) -> Item {
    let text = format!("- {number} -");
    let inlines = [Inline::Text {
        text,
        style: Style::default(),
    }];
    let shaped = shape(&inlines, fonts, PAGE_NUMBER_SIZE, false, false);
    let advance: f32 = shaped.glyphs.iter().map(|g| g.advance).sum();
    Item::Text(TextRun {
        block: None,
        artifact: Some(Artifact::PageNumber),
        x: (width - advance) / 2.0,
        baseline: height - PAGE_NUMBER_FROM_BOTTOM,
        rise: 0.0,
        style: Style::default(),
        // One layer: the digits stay in the layer of the dash before them.
        layer: shaped.glyphs.first().map_or(0, |g| g.layer),
        size: PAGE_NUMBER_SIZE,
        glyphs: shaped
            .glyphs
            .iter()
            .map(|g| PlacedGlyph {
                id: g.id,
                advance: g.advance,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
                text: g.text.clone(),
            })
            .collect(),
        text: shaped.text,
    })
}
#[cfg(test)]
#[path = "bidi_tests.rs"]
mod bidi_tests;
#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
