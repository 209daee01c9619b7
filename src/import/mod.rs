//! Spreadsheet of members (`.xlsx`, `.ods`, `.csv`) -> `[[member]]` TOML text and the cell each
//! value came from. The text is what `verbale import` writes, and what a delegation file's
//! `[members]` table adds to the file before it is parsed and validated, so that every rule
//! applies to rows exactly as to hand-written members, and problems are shown at their cells.

mod blocks;
pub mod columns;
mod csv;
mod delegation;
mod sheet;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use columns::Target;
pub use delegation::{expand, Places};

use crate::diagnostic::{Cell, Diagnostic};

/// The most rows of members read from a sheet.
pub const MAX_ROWS: usize = 10_000;
/// The longest cell read, in characters.
pub const MAX_CELL_CHARS: usize = 1_000;
/// The largest spreadsheet read.
pub const MAX_SPREADSHEET_BYTES: u64 = 16 << 20;

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
    pub text: String,
}

impl Value {
    fn new(kind: Kind, text: String) -> Value {
        Value { kind, text }
    }

    fn empty() -> Value {
        Value::new(Kind::Text, String::new())
    }
}

/// A row that holds something.
#[derive(Debug)]
pub(crate) struct Row {
    /// One-based, as the spreadsheet shows it.
    pub number: usize,
    /// From column A on.
    pub values: Vec<Value>,
}

impl Row {
    fn is_empty(&self) -> bool {
        self.values.iter().all(|v| v.text.trim().is_empty())
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

/// Why a spreadsheet could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The file cannot be read, or is not a spreadsheet of its kind.
    Unreadable(String),
    /// The file's name does not end in `.xlsx`, `.ods` or `.csv`.
    UnknownFormat,
    /// A sheet was asked for that the workbook does not have.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// The workbook has no sheet.
    NoSheets,
    /// A sheet was asked for in a CSV file.
    SheetOfCsv,
}

impl SheetError {
    /// What is wrong with `file`, and how to fix it.
    pub fn diagnostic(&self, file: &Path) -> (String, Vec<String>) {
        let name = file.display();
        match self {
            SheetError::Unreadable(reason) => (
                format!("cannot read `{name}`: {reason}"),
                vec!["check the path (relative to the delegation file) and that the file opens in a spreadsheet program".into()],
            ),
            SheetError::UnknownFormat => (
                format!("`{name}` is not a spreadsheet verbale reads"),
                vec!["save the sheet as `.xlsx`, `.ods` or `.csv`".into()],
            ),
            SheetError::NoSuchSheet { name: sheet, sheets } => {
                let names: Vec<&str> = sheets.iter().map(String::as_str).collect();
                let mut hints = Vec::new();
                if let Some(close) = crate::diagnostic::did_you_mean(sheet, &names) {
                    hints.push(format!("did you mean `{close}`?"));
                }
                hints.push(format!("the sheets are {}", crate::diagnostic::one_of(&names)));
                (format!("`{name}` has no sheet `{sheet}`"), hints)
            }
            SheetError::NoSheets => (format!("`{name}` has no sheet"), vec![]),
            SheetError::SheetOfCsv => (
                format!("`{name}` is a CSV file, which has no sheets"),
                vec!["remove `sheet`".into()],
            ),
        }
    }
}

/// What to read: the spreadsheet, its sheet, and columns named by the user.
pub struct Request<'a> {
    /// The spreadsheet, as a path that opens it (and as messages show it).
    pub path: &'a Path,
    /// The sheet; the first when `None`.
    pub sheet: Option<&'a str>,
    /// Headers mapped to fields (`[members.columns]`), over the recognised ones.
    pub columns: &'a [(String, Target)],
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
    let extension = request
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let read = || {
        crate::input::read_bounded(request.path, MAX_SPREADSHEET_BYTES)
            .map_err(|e| SheetError::Unreadable(e.to_string()))
    };
    let table = match extension.as_str() {
        "xlsx" | "xlsm" => sheet::read(read()?, sheet::Format::Xlsx, request.sheet)?,
        "ods" => sheet::read(read()?, sheet::Format::Ods, request.sheet)?,
        "csv" | "tsv" | "txt" if request.sheet.is_some() => return Err(SheetError::SheetOfCsv),
        "csv" | "tsv" | "txt" => csv::read(&read()?)?,
        _ => return Err(SheetError::UnknownFormat),
    };
    let origin = blocks::Origin {
        file: PathBuf::from(request.path),
        sheet: table.sheet.clone(),
    };
    let blocks = blocks::write(&table, &origin, request.columns);
    Ok(Imported {
        text: blocks.text,
        places: blocks.places,
        problems: blocks.problems,
        members: blocks.members,
        sheet: table.sheet,
        encoding: table.encoding,
    })
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
                let start = offset + problem.cell.as_ref().map_or(0, |c| block_of(c.row));
                Diagnostic {
                    span: Some(start..start),
                    ..problem.clone()
                }
            })
            .collect()
    }

    /// Places at their cells the problems whose span falls in this text, which starts at
    /// `offset` in the text that was parsed.
    pub fn place(&self, diagnostics: &mut [Diagnostic], offset: usize) {
        for diagnostic in diagnostics.iter_mut() {
            if diagnostic.cell.is_some() {
                continue;
            }
            let Some(start) = diagnostic.span.as_ref().map(|s| s.start) else {
                continue;
            };
            let Some(start) = start.checked_sub(offset) else {
                continue;
            };
            // The narrowest range holding the start: a value's cell before its row's block.
            let found = self
                .places
                .iter()
                .filter(|(range, _)| range.contains(&start))
                .min_by_key(|(range, _)| range.len());
            if let Some((_, cell)) = found {
                diagnostic.cell = Some(Box::new(cell.clone()));
            }
        }
    }
}
