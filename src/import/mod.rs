//! Spreadsheet of members (`.xlsx`, `.ods`, `.csv`) -> `[[member]]` TOML text and the cell each
//! value came from. The text is what `verbale import` writes, and what a delegation file's
//! `[members]` table adds to the file before it is parsed and validated, so that every rule
//! applies to rows exactly as to hand-written members, and problems are shown at their cells.

mod archive;
mod blocks;
pub mod columns;
mod csv;
mod delegation;
mod error;
mod ods;
mod sheet;
mod table;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use columns::Target;
pub use delegation::expand;
pub use error::{EncodingProblem, SheetError};
pub(crate) use table::{Cells, Kind, Row, Table, Value};

use crate::diagnostic::{Cell, Diagnostic, Place};
use crate::model::Language;

// The limits below are far above any delegation's sheet (a thousand members with twenty
// columns take under 1 MB of cells) and keep what a hostile file can make a run hold to a few
// hundred MB at most.

/// The most rows of members read from a sheet.
pub const MAX_ROWS: usize = 10_000;
/// The longest cell read, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;
/// The largest spreadsheet read, on disk.
pub const MAX_SPREADSHEET_BYTES: u64 = 16 << 20;
/// The most parts (files) an `.xlsx` or `.ods` archive may hold.
pub const MAX_PARTS: usize = 1_000;
/// The largest one part of an `.xlsx` or `.ods` archive may inflate to.
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// The largest the parts read from an archive may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 64 << 20;
/// The most cells that hold something read from a sheet.
pub const MAX_CELLS: usize = 200_000;
/// The most text the cells of a sheet may hold together, in bytes of UTF-8.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// What to read: the spreadsheet, its sheet, and columns named by the user.
pub struct Request<'a> {
    /// The spreadsheet, as a path that opens it (and as messages show it).
    pub path: &'a Path,
    /// The sheet; the first when `None`.
    pub sheet: Option<&'a str>,
    /// Headers mapped to fields (`[members.columns]`), over the recognised ones.
    pub columns: &'a [(String, Target)],
    /// The language of a column without a language tag beside tagged columns of its field
    /// (`Function` beside `Function (fr)`): the delegation file's.
    pub language: Language,
}

/// The members of a spreadsheet as `[[member]]` blocks.
#[derive(Debug)]
pub struct Imported {
    /// The TOML text: a comment line, then one block per row.
    pub text: String,
    /// Where each value (and each row's block) came from, by its byte range in `text`.
    pub places: Vec<(Range<usize>, Cell)>,
    /// Problems of the spreadsheet itself, at their cells.
    pub problems: Vec<Diagnostic>,
    /// How many rows of members were read.
    pub members: usize,
    /// The sheet read (`.xlsx`, `.ods`).
    pub sheet: Option<String>,
    /// The encoding of a CSV file, when it was not UTF-8 (`windows-1252`).
    pub encoding: Option<&'static str>,
}

/// Reads the spreadsheet's rows into `[[member]]` blocks.
pub fn import(request: &Request) -> Result<Imported, SheetError> {
    let table = read(request)?;
    if table.rows.is_empty() {
        return Err(SheetError::Empty { sheet: table.sheet });
    }
    let origin = blocks::Origin {
        file: PathBuf::from(request.path),
        sheet: table.sheet.clone(),
    };
    let blocks = blocks::write(&table, &origin, request.columns, request.language);
    Ok(Imported {
        text: blocks.text,
        places: blocks.places,
        problems: blocks.problems,
        members: blocks.members,
        sheet: table.sheet,
        encoding: table.encoding,
    })
}

/// The non-empty rows of the sheet asked for, each format read within the limits.
fn read(request: &Request) -> Result<Table, SheetError> {
    let extension = request
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let bytes = || {
        crate::files::read_bounded(request.path, MAX_SPREADSHEET_BYTES)
            .map_err(SheetError::Unreadable)
    };
    match extension.as_str() {
        "xlsx" | "xlsm" => sheet::read(&bytes()?, request.sheet),
        "ods" => ods::read(&bytes()?, request.sheet),
        "csv" | "tsv" | "txt" if request.sheet.is_some() => Err(SheetError::SheetOfCsv),
        "csv" | "tsv" | "txt" => csv::read(&bytes()?),
        _ => Err(SheetError::UnknownFormat),
    }
}

impl Imported {
    /// The spreadsheet's own problems, each given the span of its row's block (or of the text's
    /// start, for the header row), so that problems sort by row with the parser's and the
    /// validator's.
    pub fn problems(&self, offset: usize) -> Vec<Diagnostic> {
        let block_of = |row: usize| {
            self.places
                .iter()
                .find(|(_, cell)| cell.row == row && cell.column.is_none())
                .map_or(0, |(range, _)| range.start)
        };
        self.problems
            .iter()
            .map(|problem| {
                let mut problem = problem.clone();
                match &mut problem.place {
                    Place::Cell { cell, at } => *at = Some(offset + block_of(cell.row)),
                    place => *place = Place::Span(offset..offset),
                }
                problem
            })
            .collect()
    }

    /// Places at their cells the problems whose span falls in this text, which starts at
    /// `offset` in the text that was parsed.
    pub fn place(&self, diagnostics: &mut [Diagnostic], offset: usize) {
        for diagnostic in diagnostics.iter_mut() {
            let Place::Span(span) = &diagnostic.place else {
                continue;
            };
            let at = span.start;
            let Some(start) = at.checked_sub(offset) else {
                continue;
            };
            // The narrowest range holding the start: a value's cell before its row's block.
            let found = self
                .places
                .iter()
                .filter(|(range, _)| range.contains(&start))
                .min_by_key(|(range, _)| range.len());
            if let Some((_, cell)) = found {
                diagnostic.place = Place::Cell {
                    cell: Box::new(cell.clone()),
                    at: Some(at),
                };
            }
        }
    }
}
