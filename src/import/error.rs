//! Why a spreadsheet could not be read at all -> the message and hints the user sees.

use std::path::Path;

use super::{MAX_CELLS, MAX_INFLATED_BYTES, MAX_PARTS, MAX_PART_BYTES, MAX_TEXT_BYTES};
use crate::diagnostic::{Diagnostic, Place};
use crate::files::megabytes;

/// The cause a library gave for a damaged file (zip, XML, calamine, CSV).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Why a spreadsheet could not be read at all.
#[derive(Debug)]
pub enum SheetError {
    /// The file cannot be read: missing, not a regular file, or too large on disk.
    Unreadable(std::io::Error),
    /// The file is not a workbook of its kind, or is damaged.
    Damaged(Cause),
    /// The workbook is an archive of more parts than a workbook has.
    TooManyParts { count: usize },
    /// One part of the archive inflates (or says it does) past [`MAX_PART_BYTES`].
    PartTooLarge { part: String },
    /// The parts together inflate past [`MAX_INFLATED_BYTES`].
    InflatesTooLarge { part: String },
    /// A part declares more items than its size can hold (`uniqueCount` of the shared strings).
    DeclaresTooMany { part: String, count: u64 },
    /// More cells hold something than [`MAX_CELLS`]; `row` is where the limit was passed.
    TooManyCells { row: usize },
    /// The cells hold more text than [`MAX_TEXT_BYTES`].
    TooMuchText { row: usize },
    /// A CSV file that is not cleanly in one encoding, at its first bad byte.
    Encoding {
        line: usize,
        column: usize,
        problem: EncodingProblem,
    },
    /// Nothing holds a value: a CSV file without records, or an empty sheet.
    Empty { sheet: Option<String> },
    /// The file's name does not end in `.xlsx`, `.ods` or `.csv`.
    UnknownFormat,
    /// A sheet was asked for that the workbook does not have.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// The workbook has no sheet.
    NoSheets,
    /// A sheet was asked for in a CSV file.
    SheetOfCsv,
}

/// What is wrong with a CSV file's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingProblem {
    /// Valid UTF-8 text beside bytes that are not UTF-8: two encodings in one file.
    Mixed,
    /// A byte that is no character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) either.
    Undefined(u8),
    /// The byte order mark names this encoding, and the text is not valid in it.
    Malformed(&'static str),
}

const SAVE_AS_UTF8: &str =
    "save the file as UTF-8 (Excel: Save As, \"CSV UTF-8\"; LibreOffice: Character set \"Unicode (UTF-8)\")";

impl SheetError {
    /// What is wrong with `file`, and how to fix it, at `place`.
    pub fn diagnostic(&self, file: &Path, place: Place) -> Diagnostic {
        let (message, hints) = self.words(file);
        Diagnostic::new(place, message).hints(hints)
    }

    /// What is wrong with `file`, and how to fix it.
    fn words(&self, file: &Path) -> (String, Vec<String>) {
        let name = file.display();
        let resave = || {
            vec!["open it in a spreadsheet program and save it again; a sheet of members is far smaller".to_string()]
        };
        match self {
            SheetError::Unreadable(error) => (
                format!("cannot read `{name}`: {error}"),
                vec!["check the path (relative to the delegation file) and that the file opens in a spreadsheet program".into()],
            ),
            SheetError::Damaged(cause) => (
                format!("cannot read `{name}`: {cause}"),
                vec!["check that the file opens in a spreadsheet program, and save it again as `.xlsx`, `.ods` or `.csv`".into()],
            ),
            SheetError::TooManyParts { count } => (
                format!("`{name}` is an archive of {count} parts, more than the {MAX_PARTS} a workbook has"),
                resave(),
            ),
            SheetError::PartTooLarge { part } => (
                format!(
                    "`{name}` unpacks to more than {}: its part `{part}` alone is larger",
                    megabytes(MAX_PART_BYTES)
                ),
                resave(),
            ),
            SheetError::InflatesTooLarge { part } => (
                format!(
                    "`{name}` unpacks to more than {} (passed at its part `{part}`)",
                    megabytes(MAX_INFLATED_BYTES)
                ),
                resave(),
            ),
            SheetError::DeclaresTooMany { part, count } => (
                format!("`{name}` is damaged: its part `{part}` declares {count} items, more than it can hold"),
                resave(),
            ),
            SheetError::TooManyCells { row } => (
                format!("`{name}` has more than {MAX_CELLS} cells that hold something (passed at row {row})"),
                vec!["keep one row per member and only the columns verbale reads; split a larger delegation into several files".into()],
            ),
            SheetError::TooMuchText { row } => (
                format!(
                    "the cells of `{name}` hold more than {} of text (passed at row {row})",
                    megabytes(MAX_TEXT_BYTES)
                ),
                vec!["keep one row per member and only the columns verbale reads".into()],
            ),
            SheetError::Encoding { line, column, problem } => encoding(&name.to_string(), *line, *column, *problem),
            SheetError::Empty { sheet: Some(sheet) } => (
                format!("the sheet `{sheet}` of `{name}` is empty"),
                vec!["the first row names the columns (`Name`, `Title`, `Function`, `Role`), each row below is a member".into()],
            ),
            SheetError::Empty { sheet: None } => (
                format!("`{name}` is empty"),
                vec!["the first line names the columns (`Name,Title,Function,Role`), each line below is a member".into()],
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

fn encoding(
    name: &str,
    line: usize,
    column: usize,
    problem: EncodingProblem,
) -> (String, Vec<String>) {
    let message = match problem {
        EncodingProblem::Mixed => format!(
            "`{name}` mixes two encodings: it is UTF-8, except at line {line}, column {column}"
        ),
        EncodingProblem::Undefined(byte) => format!(
            "`{name}` is neither UTF-8 nor Windows-1252: the byte 0x{byte:02X} at line {line}, column {column} is a character in neither"
        ),
        EncodingProblem::Malformed(encoding) => format!(
            "`{name}` starts as {encoding}, but is not {encoding} at line {line}, column {column}"
        ),
    };
    let hints = vec![
        SAVE_AS_UTF8.to_string(),
        format!(
            "then check the characters of line {line}, which may have been pasted from elsewhere"
        ),
    ];
    (message, hints)
}
