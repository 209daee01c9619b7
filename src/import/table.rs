//! Cells as a reader finds them (any order, any position) -> the non-empty rows of a sheet,
//! sized by the cells that hold something, never by what the file declares: a cell at A1 and
//! one at XFD1048576 are two cells. Every cell and every byte of text counts against a limit.

use super::{SheetError, MAX_CELLS, MAX_CELL_CHARS, MAX_ROWS, MAX_TEXT_BYTES};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// A number, date or truth value, written as the spreadsheet shows it.
    Number,
    /// A formula that failed (`#DIV/0!`).
    FormulaError,
}

/// A cell's value as the user sees it.
#[derive(Debug, Clone)]
pub(crate) struct Value {
    pub kind: Kind,
    /// At most one character more than [`MAX_CELL_CHARS`]: a longer cell is reported, never
    /// read, so its text is not kept.
    pub text: String,
    /// How many characters the cell holds.
    pub chars: usize,
}

impl Value {
    /// A value from its whole text.
    pub fn new(kind: Kind, text: &str) -> Value {
        let mut value = Value::growing(kind);
        value.push(text);
        value
    }

    /// A value whose text comes in pieces ([`Value::push`]).
    pub fn growing(kind: Kind) -> Value {
        Value {
            kind,
            text: String::new(),
            chars: 0,
        }
    }

    /// Adds text; past the longest cell read, only the characters are counted.
    pub fn push(&mut self, piece: &str) {
        let room = (MAX_CELL_CHARS + 1).saturating_sub(self.chars);
        let kept = piece
            .char_indices()
            .nth(room)
            .map_or(piece.len(), |(at, _)| at);
        self.text.push_str(&piece[..kept]);
        self.chars = self.chars.saturating_add(piece.chars().count());
    }

    /// Adds `c` `count` times (ODS writes runs of spaces as one element with a count).
    pub fn push_repeated(&mut self, c: char, count: usize) {
        let room = (MAX_CELL_CHARS + 1).saturating_sub(self.chars);
        for _ in 0..count.min(room) {
            self.text.push(c);
        }
        self.chars = self.chars.saturating_add(count);
    }

    /// Only spaces (a cell too long to keep is never blank).
    pub fn is_blank(&self) -> bool {
        self.chars <= MAX_CELL_CHARS && self.text.trim().is_empty()
    }
}

/// A row that holds something.
#[derive(Debug)]
pub(crate) struct Row {
    /// One-based, as the spreadsheet shows it.
    pub number: usize,
    /// The cells that hold something, by zero-based column, in column order.
    pub cells: Vec<(usize, Value)>,
}

impl Row {
    /// The value in the zero-based column, when it holds something.
    pub fn get(&self, column: usize) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .map(|at| &self.cells[at].1)
    }
}

/// The non-empty rows of one sheet.
#[derive(Debug)]
pub(crate) struct Table {
    pub sheet: Option<String>,
    /// The encoding a CSV file was read in, when it was not UTF-8.
    pub encoding: Option<&'static str>,
    pub rows: Vec<Row>,
}

/// Gathers the cells that hold something, within the limits.
#[derive(Debug, Default)]
pub(crate) struct Cells {
    /// Zero-based row and column, and the value.
    cells: Vec<(usize, usize, Value)>,
    text_bytes: usize,
}

impl Cells {
    /// Keeps a cell that holds something; blank ones are dropped.
    pub fn push(&mut self, row: usize, column: usize, value: Value) -> Result<(), SheetError> {
        if value.is_blank() {
            return Ok(());
        }
        let shown = row.saturating_add(1);
        if self.cells.len() >= MAX_CELLS {
            return Err(SheetError::TooManyCells { row: shown });
        }
        self.text_bytes += value.text.len();
        if self.text_bytes as u64 > MAX_TEXT_BYTES {
            return Err(SheetError::TooMuchText { row: shown });
        }
        self.cells.push((row, column, value));
        Ok(())
    }

    /// How many cells are kept: a mark for [`Cells::repeat_since`].
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Pushes again the cells kept since `mark`, `times` more times, each time one row lower
    /// (ODS writes identical rows once, with a count).
    pub fn repeat_since(&mut self, mark: usize, times: usize) -> Result<(), SheetError> {
        let end = self.cells.len();
        for time in 1..=times {
            for at in mark..end {
                let (row, column, value) = self.cells[at].clone();
                self.push(row.saturating_add(time), column, value)?;
            }
        }
        Ok(())
    }

    /// The rows in order (the first value of a cell given twice wins), at most as many as a
    /// header and one more than [`MAX_ROWS`] members, so that going past it is reported.
    pub fn rows(mut self) -> Vec<Row> {
        self.cells.sort_by_key(|(row, column, _)| (*row, *column));
        self.cells
            .dedup_by(|later, earlier| (later.0, later.1) == (earlier.0, earlier.1));
        let mut rows: Vec<Row> = Vec::new();
        for (row, column, value) in self.cells {
            let number = row.saturating_add(1);
            match rows.last_mut() {
                Some(last) if last.number == number => last.cells.push((column, value)),
                _ => {
                    if rows.len() > MAX_ROWS + 1 {
                        break;
                    }
                    rows.push(Row {
                        number,
                        cells: vec![(column, value)],
                    });
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_far_apart_are_two_cells() {
        let mut cells = Cells::default();
        cells
            .push(1_048_575, 16_383, Value::new(Kind::Text, "far"))
            .unwrap();
        cells.push(0, 0, Value::new(Kind::Text, "near")).unwrap();
        cells.push(0, 1, Value::new(Kind::Text, " ")).unwrap();
        let rows = cells.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].get(0).unwrap().text, "near");
        assert!(rows[0].get(1).is_none());
        assert_eq!((rows[1].number, rows[1].cells[0].0), (1_048_576, 16_383));
    }

    #[test]
    fn long_cells_are_counted_not_kept() {
        let mut value = Value::new(Kind::Text, "ab");
        value.push_repeated(' ', usize::MAX);
        assert_eq!(value.chars, usize::MAX);
        assert_eq!(value.text.chars().count(), MAX_CELL_CHARS + 1);
    }

    #[test]
    fn repeated_rows_count_against_the_limit() {
        let mut cells = Cells::default();
        cells.push(0, 0, Value::new(Kind::Text, "x")).unwrap();
        let error = cells.repeat_since(0, usize::MAX).unwrap_err();
        assert!(matches!(error, SheetError::TooManyCells { .. }));
    }
}
