//! Blocks -> pages: lines are set, then placed page by page, keeping headings with the member
//! after them, members whole, the closing with the place, date and seal, and never leaving a
//! single line of a paragraph alone at the foot or head of a page.

use super::justify::{break_paragraph, space_scale, Hyphenation};
use super::lines::{break_lines, shape, Glyph};
use super::style::{
    block_style, Align, BlockStyle, ADDRESSEE_GAP, EMBLEM_GAP, EMBLEM_HEIGHT, MARGIN,
    MIN_LINES_AROUND_BREAK, PAGE_NUMBER_FROM_BOTTOM, PAGE_NUMBER_SIZE,
};
use super::{hyphenate, ParagraphReport};
use super::{Item, Layout, Page, PlacedGlyph, TextRun};
use crate::document::{Block, BlockKind, Document, Inline, Style};
use crate::fonts::Fonts;

/// A block set into lines, not yet on a page. Coordinates are relative to the block's top.
struct SetBlock {
    style: BlockStyle,
    /// How well the lines were set (for text blocks).
    report: Option<ParagraphReport>,
    /// Space above the first line (the emblem).
    prelude: Vec<Item>,
    prelude_height: f32,
    lines: Vec<Vec<TextRun>>,
}

impl SetBlock {
    fn height(&self) -> f32 {
        self.height_of(self.lines.len())
    }

    fn height_of(&self, lines: usize) -> f32 {
        (self.prelude_height + lines as f32 * self.style.leading).max(self.style.min_height)
    }
}

/// Lays out the whole document.
pub fn paginate(document: &Document, fonts: &Fonts) -> Layout {
    let (width, height) = document.paper.size_pt();
    let measure = width - 2.0 * MARGIN;
    let flow: Vec<SetBlock> = document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Addressee)
        .map(|(i, b)| set_block(i, b, document, fonts, measure))
        .collect();
    let addressee: Vec<SetBlock> = document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Addressee)
        .map(|(i, b)| set_block(i, b, document, fonts, measure))
        .collect();
    let addressee_height: f32 = addressee.iter().map(SetBlock::height).sum();
    let first_bottom = if addressee.is_empty() {
        height - MARGIN
    } else {
        height - MARGIN - addressee_height - ADDRESSEE_GAP
    };
    let mut pager = Pager {
        pages: vec![Page::default()],
        y: MARGIN,
        at_top: true,
        first_bottom,
        other_bottom: height - MARGIN,
    };
    pager.flow(&flow);

    let mut y = height - MARGIN - addressee_height;
    for block in &addressee {
        place(&mut pager.pages[0], block, y, 0..block.lines.len());
        y += block.height();
    }
    for (index, page) in pager.pages.iter_mut().enumerate().skip(1) {
        page.items
            .push(page_number(index + 1, fonts, width, height));
    }
    Layout {
        width,
        height,
        pages: pager.pages,
        report: flow
            .iter()
            .chain(&addressee)
            .filter_map(|b| b.report.clone())
            .collect(),
    }
}

struct Pager {
    pages: Vec<Page>,
    y: f32,
    at_top: bool,
    first_bottom: f32,
    other_bottom: f32,
}

impl Pager {
    fn bottom(&self) -> f32 {
        if self.pages.len() == 1 {
            self.first_bottom
        } else {
            self.other_bottom
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
        self.at_top = true;
    }

    fn space(&self, block: &SetBlock) -> f32 {
        if self.at_top {
            0.0
        } else {
            block.style.space_before
        }
    }

    fn flow(&mut self, blocks: &[SetBlock]) {
        let mut start = 0;
        while start < blocks.len() {
            let mut end = start;
            while end + 1 < blocks.len() && blocks[end].style.keep_with_next {
                end += 1;
            }
            let chain = &blocks[start..=end];
            if chain.len() > 1 && !self.at_top {
                let here: f32 = chain_height(chain, false);
                let fresh = chain_height(chain, true);
                if self.y + here > self.bottom() && MARGIN + fresh <= self.other_bottom {
                    self.new_page();
                }
            }
            for block in chain {
                self.block(block);
            }
            start = end + 1;
        }
    }

    fn block(&mut self, block: &SetBlock) {
        let breakable = !block.style.unbreakable
            && block.lines.len() >= 2 * MIN_LINES_AROUND_BREAK
            && block.prelude_height == 0.0;
        if !breakable {
            if !self.at_top && self.y + self.space(block) + block.height() > self.bottom() {
                self.new_page();
            }
            self.put(block, 0..block.lines.len());
            return;
        }
        let mut first = 0;
        let total = block.lines.len();
        while first < total {
            let room = self.bottom() - self.y - self.space(block);
            let fit = (room / block.style.leading + 0.001).floor().max(0.0) as usize;
            let left = total - first;
            if fit >= left {
                self.put(block, first..total);
                return;
            }
            let mut take = fit;
            if left - take < MIN_LINES_AROUND_BREAK {
                take = left.saturating_sub(MIN_LINES_AROUND_BREAK);
            }
            if take < MIN_LINES_AROUND_BREAK || (first > 0 && take == 0) {
                if self.at_top {
                    // Not even two lines fit on an empty page: place what fits.
                    take = fit.max(1);
                } else {
                    self.new_page();
                    continue;
                }
            }
            self.put(block, first..first + take);
            first += take;
            self.new_page();
        }
    }

    fn put(&mut self, block: &SetBlock, lines: std::ops::Range<usize>) {
        let top = self.y + self.space(block);
        let page = self.pages.last_mut().expect("at least one page");
        let whole = lines.start == 0 && lines.end == block.lines.len();
        let height = if whole {
            block.height()
        } else {
            lines.len() as f32 * block.style.leading
        };
        place(page, block, top, lines);
        self.y = top + height;
        self.at_top = false;
    }
}

fn chain_height(chain: &[SetBlock], at_top: bool) -> f32 {
    chain
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let space = if i == 0 && at_top {
                0.0
            } else {
                b.style.space_before
            };
            space + b.height()
        })
        .sum()
}

/// Puts some lines of a block on a page with its top at `top`.
fn place(page: &mut Page, block: &SetBlock, top: f32, lines: std::ops::Range<usize>) {
    let mut y = top;
    if lines.start == 0 {
        for item in &block.prelude {
            page.items.push(shifted(item, top));
        }
        y += block.prelude_height;
    }
    let first = lines.start;
    for line in &block.lines[lines] {
        for run in line {
            let mut run = run.clone();
            run.baseline += y - first as f32 * block.style.leading;
            page.items.push(Item::Text(run));
        }
    }
}

fn shifted(item: &Item, dy: f32) -> Item {
    match item {
        Item::Text(run) => {
            let mut run = run.clone();
            run.baseline += dy;
            Item::Text(run)
        }
        Item::Emblem {
            x,
            y,
            width,
            height,
        } => Item::Emblem {
            x: *x,
            y: *y + dy,
            width: *width,
            height: *height,
        },
    }
}

/// Sets a block into lines; line `i`'s baseline is relative to the block's text top.
fn set_block(
    index: usize,
    block: &Block,
    document: &Document,
    fonts: &Fonts,
    measure: f32,
) -> SetBlock {
    let style = block_style(block.kind);
    let mut set = SetBlock {
        style,
        report: None,
        prelude: Vec::new(),
        prelude_height: 0.0,
        lines: Vec::new(),
    };
    if block.kind == BlockKind::Letterhead {
        if let Some(emblem) = &document.emblem {
            let height = EMBLEM_HEIGHT;
            let width = height * emblem.width_px as f32 / emblem.height_px as f32;
            let width = width.min(measure);
            set.prelude.push(Item::Emblem {
                x: MARGIN + (measure - width) / 2.0,
                y: 0.0,
                width,
                height,
            });
            set.prelude_height = height + EMBLEM_GAP;
        }
    }
    if block.inlines.is_empty() {
        return set;
    }
    let indent = |line: usize| {
        style.indent
            + if line == 0 {
                style.first_line
            } else {
                style.hanging
            }
    };
    let available = |line: usize| measure - indent(line);
    let shaped = shape(&block.inlines, fonts, style.size, style.italic);
    let regular = fonts.face(Style::default());
    let baseline = (style.leading - style.size * (regular.ascender - regular.descender)) / 2.0
        + style.size * regular.ascender;
    let lines = if style.align == Align::Justify {
        let points = hyphenate::points(&shaped.text, &document.language);
        let hyphen = |glyph: &Glyph| {
            let inline = [Inline::Text {
                text: "-".into(),
                style: glyph.style,
            }];
            let mut hyphen = shape(&inline, fonts, style.size, false).glyphs.remove(0);
            hyphen.text = glyph.text.end..glyph.text.end;
            hyphen
        };
        // The opening and closing formulae are read as set phrases: not hyphenated if avoidable.
        let opening = document
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Body);
        let hyphenation = if block.kind == BlockKind::Closing || opening == Some(index) {
            Hyphenation::LastResort
        } else {
            Hyphenation::Normal
        };
        break_paragraph(&shaped, &available, &points, &hyphen, hyphenation)
    } else {
        break_lines(&shaped, &available)
    };
    let justified_scales = || {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| style.align == Align::Justify && !l.ends_paragraph)
            .filter_map(|(number, l)| space_scale(&shaped, l, available(number)))
    };
    set.report = Some(ParagraphReport {
        kind: block.kind,
        lines: lines.len(),
        worst_ratio: lines
            .iter()
            .filter(|l| !l.ends_paragraph)
            .map(|l| l.ratio)
            .fold(0.0, f32::max),
        narrowest_space: justified_scales().fold(1.0, f32::min),
        widest_space: justified_scales().fold(1.0, f32::max),
        hyphenated: lines.iter().filter(|l| l.hyphen.is_some()).count(),
    });
    for (number, line) in lines.iter().enumerate() {
        let glyphs = &shaped.glyphs[line.glyphs.clone()];
        let is_space = |g: &Glyph| &shaped.text[g.text.clone()] == " ";
        let slack = available(number) - line.width;
        // Spaces of a justified line take its slack, never wider than the limit.
        let scale = if style.align == Align::Justify && !line.ends_paragraph {
            space_scale(&shaped, line, available(number)).unwrap_or(1.0)
        } else {
            1.0
        };
        let mut x = MARGIN
            + indent(number)
            + match style.align {
                Align::Center => slack / 2.0,
                Align::Right => slack,
                Align::Left | Align::Justify => 0.0,
            };
        let line_baseline = number as f32 * style.leading + baseline;
        let mut runs = Vec::new();
        for run in glyphs.chunk_by(|a, b| a.style == b.style) {
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let start = first.text.start;
            let placed: Vec<PlacedGlyph> = run
                .iter()
                .map(|g| PlacedGlyph {
                    id: g.id,
                    advance: if is_space(g) {
                        g.advance * scale
                    } else {
                        g.advance
                    },
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                    text: g.text.start - start..g.text.end - start,
                })
                .collect();
            let mut text_run = TextRun {
                block: Some(index),
                x,
                baseline: line_baseline,
                style: first.style,
                size: style.size,
                text: shaped.text[start..last.text.end].to_string(),
                glyphs: placed,
            };
            if let (Some(hyphen), true) = (
                &line.hyphen,
                std::ptr::eq(last, glyphs.last().unwrap_or(last)),
            ) {
                // The hyphen extracts as a soft hyphen, so copied text and search still see
                // the whole word.
                let at = text_run.text.len();
                text_run.text.push('\u{AD}');
                text_run.glyphs.push(PlacedGlyph {
                    id: hyphen.id,
                    advance: hyphen.advance,
                    x_offset: hyphen.x_offset,
                    y_offset: hyphen.y_offset,
                    text: at..text_run.text.len(),
                });
            }
            x += text_run.width();
            runs.push(text_run);
        }
        set.lines.push(runs);
    }
    set
}

/// `- 2 -`, centred in the bottom margin of pages after the first.
fn page_number(number: usize, fonts: &Fonts, width: f32, height: f32) -> Item {
    let text = format!("- {number} -");
    let inlines = [Inline::Text {
        text,
        style: Style::default(),
    }];
    let shaped = shape(&inlines, fonts, PAGE_NUMBER_SIZE, false);
    let advance: f32 = shaped.glyphs.iter().map(|g| g.advance).sum();
    Item::Text(TextRun {
        block: None,
        x: (width - advance) / 2.0,
        baseline: height - PAGE_NUMBER_FROM_BOTTOM,
        style: Style::default(),
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
mod tests {
    use super::*;

    /// A block of `lines` lines, each a run whose text names it: `b0`, `b1`... for block `b`.
    fn set(index: usize, kind: BlockKind, lines: usize) -> SetBlock {
        let name = char::from(b'a' + index as u8);
        let style = block_style(kind);
        SetBlock {
            style,
            report: None,
            prelude: Vec::new(),
            prelude_height: 0.0,
            lines: (0..lines)
                .map(|line| {
                    vec![TextRun {
                        block: Some(index),
                        x: MARGIN,
                        baseline: line as f32 * style.leading,
                        style: Style::default(),
                        size: style.size,
                        text: format!("{name}{line}"),
                        glyphs: Vec::new(),
                    }]
                })
                .collect(),
        }
    }

    /// Blocks of a note, the room for them on page 1 and on later pages (in points from the
    /// top margin), and the lines on each page.
    struct Case {
        what: &'static str,
        blocks: &'static [(BlockKind, usize)],
        first_room: f32,
        room: f32,
        pages: &'static [&'static str],
    }

    use BlockKind::*;

    // Lines are 15 points apart; paragraphs have 14 points above them, role headings 12,
    // members 3, the closing and the place and date 18. The seal is 64 points high (its one
    // line here only shows where it went).
    const CASES: &[Case] = &[
        Case {
            what: "a paragraph that fits stays whole",
            blocks: &[(Body, 3)],
            first_room: 100.0,
            room: 100.0,
            pages: &["a0 a1 a2"],
        },
        Case {
            what: "a paragraph is split where the page ends",
            blocks: &[(Body, 6)],
            first_room: 60.0,
            room: 100.0,
            pages: &["a0 a1 a2 a3", "a4 a5"],
        },
        Case {
            what: "no single line at the head of a page: a line goes over with it",
            blocks: &[(Body, 5)],
            first_room: 60.0,
            room: 100.0,
            pages: &["a0 a1 a2", "a3 a4"],
        },
        Case {
            what: "no single line at the foot of a page: the paragraph goes over",
            blocks: &[(Body, 4), (Body, 4)],
            first_room: 60.0 + 14.0 + 15.0,
            room: 100.0,
            pages: &["a0 a1 a2 a3", "b0 b1 b2 b3"],
        },
        Case {
            what: "two lines at the foot of a page are enough",
            blocks: &[(Body, 4), (Body, 4)],
            first_room: 60.0 + 14.0 + 30.0,
            room: 100.0,
            pages: &["a0 a1 a2 a3 b0 b1", "b2 b3"],
        },
        Case {
            what: "a paragraph of three lines is not split",
            blocks: &[(Body, 1), (Body, 3)],
            first_room: 15.0 + 14.0 + 30.0,
            room: 100.0,
            pages: &["a0", "b0 b1 b2"],
        },
        Case {
            what: "a role heading never ends a page: it goes over with its member",
            blocks: &[(Body, 3), (Heading, 1), (Member, 1)],
            first_room: 45.0 + 27.0 + 10.0,
            room: 100.0,
            pages: &["a0 a1 a2", "b0 c0"],
        },
        Case {
            what: "a role heading and its member stay where both fit",
            blocks: &[(Body, 3), (Heading, 1), (Member, 1)],
            first_room: 45.0 + 27.0 + 18.0,
            room: 100.0,
            pages: &["a0 a1 a2 b0 c0"],
        },
        Case {
            what: "a member's entry is never split",
            blocks: &[(Heading, 1), (Member, 1), (Member, 2)],
            first_room: 15.0 + 18.0 + 18.0 + 10.0,
            room: 100.0,
            pages: &["a0 b0", "c0 c1"],
        },
        Case {
            what: "the closing goes over with the place, date and seal",
            blocks: &[(Body, 3), (Closing, 2), (PlaceDate, 1), (Seal, 1)],
            first_room: 45.0 + 48.0 + 33.0 + 40.0,
            room: 200.0,
            pages: &["a0 a1 a2", "b0 b1 c0 d0"],
        },
        Case {
            what: "the closing, place, date and seal stay where all fit",
            blocks: &[(Body, 3), (Closing, 2), (PlaceDate, 1), (Seal, 1)],
            first_room: 45.0 + 48.0 + 33.0 + 64.0,
            room: 200.0,
            pages: &["a0 a1 a2 b0 b1 c0 d0"],
        },
        Case {
            what: "later pages have their own room; the last two lines go over together",
            blocks: &[(Body, 9)],
            first_room: 30.0,
            room: 45.0,
            pages: &["a0 a1", "a2 a3 a4", "a5 a6", "a7 a8"],
        },
    ];

    #[test]
    fn places_blocks_on_pages_keeping_what_belongs_together() {
        for case in CASES {
            let blocks: Vec<SetBlock> = case
                .blocks
                .iter()
                .enumerate()
                .map(|(index, &(kind, lines))| set(index, kind, lines))
                .collect();
            let mut pager = Pager {
                pages: vec![Page::default()],
                y: MARGIN,
                at_top: true,
                first_bottom: MARGIN + case.first_room,
                other_bottom: MARGIN + case.room,
            };
            pager.flow(&blocks);
            let pages: Vec<String> = pager
                .pages
                .iter()
                .map(|page| page.text().replace('\n', " "))
                .collect();
            assert_eq!(pages, case.pages, "{}", case.what);
        }
    }
}
