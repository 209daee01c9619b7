//! Set blocks -> pages: blocks are placed page by page, keeping headings with the member
//! after them, members whole, the closing with the place, date and seal and with the last member
//! or the last lines before it, never leaving a single line of a paragraph alone at the foot or
//! head of a page, and repeating a list's heading, marked as continued, where the list goes on.

use super::style::{
    block_style, BlockStyle, ADDRESSEE_GAP, MARGIN, MIN_LINES_AROUND_BREAK, SQUEEZES,
};
use super::{Item, Page, ParagraphReport, TextRun};
use crate::document::BlockKind;

/// A block set into lines, not yet on a page. Coordinates are relative to the block's top.
pub(super) struct SetBlock {
    pub(super) kind: BlockKind,
    pub(super) style: BlockStyle,
    /// How well the lines were set (for text blocks).
    pub(super) report: Option<ParagraphReport>,
    /// Space above the first line (the emblem).
    pub(super) prelude: Vec<Item>,
    pub(super) prelude_height: f32,
    pub(super) lines: Vec<Vec<TextRun>>,
    /// Where each line starts, as a byte offset in the block's text (word joiners left out).
    pub(super) line_starts: Vec<usize>,
    /// For a list heading: the heading with the continued words, for the top of a page where
    /// its list goes on.
    pub(super) continued: Option<Box<SetBlock>>,
}

impl SetBlock {
    /// Whether the block may be split across pages, leaving at least two lines on each.
    fn breakable(&self) -> bool {
        !self.style.unbreakable
            && self.lines.len() >= 2 * MIN_LINES_AROUND_BREAK
            && self.prelude_height == 0.0
    }

    pub(super) fn height(&self) -> f32 {
        self.height_of(self.lines.len())
    }

    /// Whether line `line` ends with a hyphen (its text ends with the soft hyphen it extracts
    /// as): a page never ends there, so that no word is parted by a page turn.
    fn hyphenated(&self, line: usize) -> bool {
        self.lines[line]
            .last()
            .is_some_and(|run| run.text.ends_with('\u{AD}'))
    }

    fn height_of(&self, lines: usize) -> f32 {
        (self.prelude_height + lines as f32 * self.style.leading).max(self.style.min_height)
    }
}

/// Places set blocks on pages, from the top margin of page 1 down.
pub(super) struct Pager<'a> {
    pub(super) pages: Vec<Page>,
    y: f32,
    at_top: bool,
    first_bottom: f32,
    other_bottom: f32,
    /// The share of each block's space above it that is kept (1 as styled).
    pub(super) squeeze: f32,
    /// The continued heading of the list being placed, once its heading is down.
    list: Option<&'a SetBlock>,
}

impl<'a> Pager<'a> {
    pub(super) fn new(first_bottom: f32, other_bottom: f32) -> Self {
        Pager {
            pages: vec![Page::default()],
            y: MARGIN,
            at_top: true,
            first_bottom,
            other_bottom,
            squeeze: 1.0,
            list: None,
        }
    }

    /// Places the blocks with their spacing as styled, or, when that takes more pages, with the
    /// spacing between blocks shrunk step by step ([`SQUEEZES`]) as long as a step saves a page.
    /// `addressee_top` is where the addressee block starts on page 1, if there is one;
    /// `bottom` the foot of the text on later pages.
    pub(super) fn fitted(blocks: &'a [SetBlock], addressee_top: Option<f32>, bottom: f32) -> Self {
        let run = |squeeze: f32| {
            let first_bottom = addressee_top.map_or(bottom, |top| top - ADDRESSEE_GAP * squeeze);
            let mut pager = Pager::new(first_bottom, bottom);
            pager.squeeze = squeeze;
            pager.flow(blocks);
            pager
        };
        let mut best = run(1.0);
        for &squeeze in SQUEEZES {
            if best.pages.len() == 1 {
                break;
            }
            let squeezed = run(squeeze);
            if squeezed.pages.len() < best.pages.len() {
                best = squeezed;
            }
        }
        best
    }

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
            block.style.space_before * self.squeeze
        }
    }

    /// Places the blocks in order.
    pub(super) fn flow(&mut self, blocks: &'a [SetBlock]) {
        // The letterhead stands where the DOCX's first-page header puts it, half a margin from
        // the top; the text after it starts no higher than the top margin.
        if blocks.first().is_some_and(|b| is_header(b.kind)) {
            self.y = MARGIN / 2.0;
        }
        let mut start = 0;
        while start < blocks.len() {
            if self.pages.len() == 1 && !is_header(blocks[start].kind) {
                self.y = self.y.max(MARGIN);
            }
            let end = chain_end(blocks, start);
            // What cannot be split goes over with the closing, so the closing is never alone.
            let with_closing = blocks
                .get(end + 1)
                .is_some_and(|b| b.kind == BlockKind::Closing)
                && !blocks[end].breakable();
            let last = if with_closing {
                let extended = chain_end(blocks, end + 1);
                if self.keep_together(&blocks[start..=extended]) {
                    extended
                } else {
                    // Kept together only where all of it fits; else the closing keeps with
                    // what follows it alone.
                    self.keep_together(&blocks[start..=end]);
                    end
                }
            } else {
                self.keep_together(&blocks[start..=end]);
                end
            };
            for block in &blocks[start..last] {
                self.block(block, 0.0);
            }
            self.block(&blocks[last], self.closing_after(&blocks[last + 1..]));
            start = last + 1;
        }
    }

    /// Starts a new page if a chain that must stay together does not fit on this one but fits
    /// on a fresh one; whether the chain can stay together.
    fn keep_together(&mut self, chain: &[SetBlock]) -> bool {
        if chain.len() < 2 || self.at_top {
            return chain.len() < 2 || self.chain_height(chain, true) + MARGIN <= self.bottom();
        }
        if self.y + self.chain_height(chain, false) <= self.bottom() {
            return true;
        }
        // A member at the top of a page comes under its heading again.
        let fresh = match (chain[0].kind, self.list) {
            (BlockKind::Member, Some(heading)) => {
                heading.height() + self.chain_height(chain, false)
            }
            _ => self.chain_height(chain, true),
        };
        if MARGIN + fresh <= self.other_bottom {
            self.new_page();
            return true;
        }
        false
    }

    /// The height the closing chain at the start of `next` needs after the lines before it, so
    /// that a paragraph's last lines go over with it; 0 when `next` does not start with the
    /// closing, or when the closing and two lines would not fit even on a page of their own.
    fn closing_after(&self, next: &[SetBlock]) -> f32 {
        if next.first().is_none_or(|b| b.kind != BlockKind::Closing) {
            return 0.0;
        }
        let length = next
            .iter()
            .position(|b| !b.style.keep_with_next)
            .map_or(next.len(), |last| last + 1);
        let height = self.chain_height(&next[..length], false);
        let lines = MIN_LINES_AROUND_BREAK as f32 * block_style(BlockKind::Body).leading;
        if MARGIN + lines + height <= self.other_bottom {
            height
        } else {
            0.0
        }
    }

    /// The height of blocks placed one after the other, from the top of a page or not.
    fn chain_height(&self, chain: &[SetBlock], at_top: bool) -> f32 {
        chain
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let space = if i == 0 && at_top {
                    0.0
                } else {
                    b.style.space_before * self.squeeze
                };
                space + b.height()
            })
            .sum()
    }

    /// Places a block, splitting it where it may be; `keep_after` is the height that must
    /// follow its last lines on their page.
    fn block(&mut self, block: &'a SetBlock, keep_after: f32) {
        if !block.breakable() {
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
            let mut fit = (room / block.style.leading + 0.001).floor().max(0.0) as usize;
            let left = total - first;
            if fit >= left {
                let after = room - left as f32 * block.style.leading;
                if keep_after <= after + 0.001 || left < 2 * MIN_LINES_AROUND_BREAK {
                    self.put(block, first..total);
                    return;
                }
                // What follows does not fit below: the last lines go over with it.
                fit = left - MIN_LINES_AROUND_BREAK;
            }
            let mut take = fit;
            if left - take < MIN_LINES_AROUND_BREAK {
                take = left.saturating_sub(MIN_LINES_AROUND_BREAK);
            }
            if take > MIN_LINES_AROUND_BREAK && block.hyphenated(first + take - 1) {
                // The word goes over whole: its line is taken to the next page.
                take -= 1;
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

    /// Places lines of a block; a member at the top of a page under a list heading from an
    /// earlier page gets that heading again first, marked as continued.
    fn put(&mut self, block: &'a SetBlock, lines: std::ops::Range<usize>) {
        match block.kind {
            BlockKind::Member => {
                if let (true, Some(heading)) = (self.at_top, self.list) {
                    self.put_lines(heading, 0..heading.lines.len());
                }
            }
            BlockKind::Heading => self.list = block.continued.as_deref(),
            _ => self.list = None,
        }
        self.put_lines(block, lines);
    }

    fn put_lines(&mut self, block: &SetBlock, lines: std::ops::Range<usize>) {
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

/// The last block of the chain that starts at `start`: blocks kept with the next one are
/// followed by it.
fn chain_end(blocks: &[SetBlock], start: usize) -> usize {
    let mut end = start;
    while end + 1 < blocks.len() && blocks[end].style.keep_with_next {
        end += 1;
    }
    end
}

/// Whether a block is part of the letterhead, which the DOCX sets in the first page's header.
fn is_header(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Letterhead | BlockKind::Contact)
}

/// Puts some lines of a block on a page with its top at `top`.
pub(super) fn place(page: &mut Page, block: &SetBlock, top: f32, lines: std::ops::Range<usize>) {
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
        Item::Seal {
            x,
            y,
            width,
            height,
        } => Item::Seal {
            x: *x,
            y: *y + dy,
            width: *width,
            height: *height,
        },
    }
}
#[cfg(test)]
#[path = "pager_tests.rs"]
mod tests;
