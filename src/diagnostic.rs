//! Problems found in the input, each with a place, a message and hints, rendered like a compiler's;
//! and the text they are found in ([`Source`]).

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{self, Files, Location, SimpleFile};
use codespan_reporting::term;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A delegation file's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (used in messages and to resolve relative paths).
    pub path: PathBuf,
    /// The whole file, valid UTF-8.
    pub text: String,
}

impl Source {
    /// A source that never touched the disk (tests, stdin).
    pub fn in_memory(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The name shown in messages.
    pub fn display_name(&self) -> String {
        self.path.display().to_string()
    }

    /// The folder that relative paths inside the file are resolved against.
    pub fn base_dir(&self) -> &Path {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem: where it is, what is wrong and how to fix it. Every problem verbale reports
/// has this form, whether a terminal shows it (with its source line), a JSON report lists it,
/// or the form puts it at its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, lowercase, with the offending thing in backticks.
    pub message: String,
    /// Where it is.
    pub place: Place,
    /// Short text printed under the span.
    pub label: String,
    /// How to fix it; each becomes a `= hint:` line.
    pub hints: Vec<String>,
}

/// Where a problem is, as precisely as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Nowhere in particular: the run, the environment, the command line.
    Nowhere,
    /// The file being read, as a whole.
    WholeFile,
    /// A byte range of the file being read.
    Span(Range<usize>),
    /// A spreadsheet's row or cell; `at` is where its text stands in the delegation text made
    /// from the spreadsheet, which orders the problem among the file's others.
    Cell {
        /// The row or cell.
        cell: Box<Cell>,
        /// A byte offset in the text made from the spreadsheet.
        at: Option<usize>,
    },
    /// A named file (a template, the mail settings, a file in the way), at a one-based line
    /// and column when they are known.
    File {
        /// The file.
        path: PathBuf,
        /// Line and column (in characters).
        position: Option<(usize, usize)>,
    },
}

/// A place in a spreadsheet: a row, or a cell of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The spreadsheet, as a path the user can open.
    pub file: PathBuf,
    /// The sheet (`.xlsx`, `.ods`); `None` for CSV.
    pub sheet: Option<String>,
    /// One-based row number, as the spreadsheet shows it.
    pub row: usize,
    /// The column, when the problem is in one cell.
    pub column: Option<Column>,
}

/// A spreadsheet column: its one-based number and its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// One-based (`A` is 1).
    pub number: usize,
    /// The header cell's text.
    pub header: String,
}

impl fmt::Display for Cell {
    /// `delegation.xlsx, sheet "CCM 14MSP", row 7, column "Role"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet:?}")?;
        }
        write!(f, ", row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {:?}", column.header)?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// A problem at `place`.
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            place,
            label: String::new(),
            hints: Vec::new(),
        }
    }

    /// A problem at `span` in the file being read.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic::new(Place::Span(span), message)
    }

    /// A problem with the file being read as a whole.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic::new(Place::WholeFile, message)
    }

    /// A problem in a spreadsheet's cell or row.
    pub fn in_cell(cell: Cell, message: impl Into<String>) -> Self {
        Diagnostic::new(
            Place::Cell {
                cell: Box::new(cell),
                at: None,
            },
            message,
        )
    }

    /// A problem in the file at `path` (when there is one), at no particular line.
    pub fn in_file(path: Option<PathBuf>, message: impl Into<String>) -> Self {
        let place = match path {
            Some(path) => Place::File {
                path,
                position: None,
            },
            None => Place::Nowhere,
        };
        Diagnostic::new(place, message)
    }

    /// Adds the text printed under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a `hint:` line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds `hint:` lines.
    pub fn hints(mut self, hints: impl IntoIterator<Item = String>) -> Self {
        self.hints.extend(hints);
        self
    }

    /// The byte offset the problem starts at in the file being read, for sorting in file order.
    pub fn offset(&self) -> Option<usize> {
        match &self.place {
            Place::Span(span) => Some(span.start),
            Place::Cell { at, .. } => *at,
            _ => None,
        }
    }

    /// The same problem placed without the file being read: a span becomes `file`'s line and
    /// column (found in `source`), the whole file becomes `file`.
    pub fn placed_in(self, file: &Path, source: Option<&Source>) -> Diagnostic {
        let place = match self.place {
            Place::Span(span) => Place::File {
                path: file.to_path_buf(),
                position: source.map(|source| source.line_column(span.start)),
            },
            Place::WholeFile => Place::File {
                path: file.to_path_buf(),
                position: None,
            },
            place => place,
        };
        Diagnostic { place, ..self }
    }

    /// Renders the problem as a terminal shows it: in the file being read (`source`), with the
    /// file name, line, column and the source line (shortened around the problem when it is
    /// long, so that output stays small whatever the input); elsewhere with its place on a
    /// line of its own.
    pub fn render(&self, source: Option<&Source>) -> String {
        let mut report = Report::error().with_message(&self.message);
        let hints = self.hints.iter().map(|hint| format!("hint: {hint}"));
        match (&self.place, source) {
            (Place::Cell { cell, .. }, _) => {
                report = report.with_notes(vec![format!("in {cell}")]);
                report = report.with_notes(hints.collect());
                let file = SimpleFile::new(cell.file.display().to_string(), "");
                emit(&file, &report, &self.message)
            }
            (Place::WholeFile, Some(source)) => {
                report = report.with_notes(vec![format!("in {}", source.display_name())]);
                report = report.with_notes(hints.collect());
                let file = SimpleFile::new(source.display_name(), "");
                emit(&file, &report, &self.message)
            }
            (Place::Span(span), Some(source)) => {
                report = report.with_notes(hints.collect());
                let span = clamp(span.clone(), source.text.len());
                let excerpt = Excerpt::around(source, span);
                let report = report.with_labels(vec![
                    Label::primary((), excerpt.span.clone()).with_message(&self.label)
                ]);
                emit(&excerpt, &report, &self.message)
            }
            _ => self.render_plain(),
        }
    }

    /// `error: message`, then the place and the hints, each on a line of its own.
    fn render_plain(&self) -> String {
        let mut text = format!("error: {}\n", self.message);
        if let Place::File { path, position } = &self.place {
            let place = match position {
                Some((line, column)) => format!("{}:{line}:{column}", path.display()),
                None => path.display().to_string(),
            };
            let _ = writeln!(text, "  in {place}");
        }
        for hint in &self.hints {
            let _ = writeln!(text, "  = hint: {hint}");
        }
        text
    }

    /// `file:line:column` of the start of the problem, for one-line summaries.
    pub fn location(&self, source: &Source) -> String {
        match &self.place {
            Place::Cell { cell, .. } => cell.to_string(),
            Place::Span(span) => {
                let (line, column) = source.line_column(span.start);
                format!("{}:{line}:{column}", source.display_name())
            }
            Place::File {
                path,
                position: Some((line, column)),
            } => format!("{}:{line}:{column}", path.display()),
            Place::File { path, .. } => path.display().to_string(),
            Place::WholeFile | Place::Nowhere => source.display_name(),
        }
    }
}

/// A problem in a JSON report: `file`, `line`, `column` (for a spreadsheet: its row and the
/// column's number, with `sheet` and `header`), `message` and `hints`. A span is written as
/// placed by [`Diagnostic::placed_in`].
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (file, position, sheet, header) = match &self.place {
            Place::Cell { cell, .. } => (
                Some(cell.file.as_path()),
                Some((cell.row, cell.column.as_ref().map(|c| c.number))),
                cell.sheet.as_deref(),
                cell.column.as_ref().map(|c| c.header.as_str()),
            ),
            Place::File { path, position } => (
                Some(path.as_path()),
                position.map(|(line, column)| (line, Some(column))),
                None,
                None,
            ),
            Place::Nowhere | Place::WholeFile | Place::Span(_) => (None, None, None, None),
        };
        let fields = 5 + usize::from(sheet.is_some()) + usize::from(header.is_some());
        let mut out = serializer.serialize_struct("Diagnostic", fields)?;
        out.serialize_field("file", &file)?;
        out.serialize_field("line", &position.map(|(line, _)| line))?;
        out.serialize_field("column", &position.and_then(|(_, column)| column))?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("hints", &self.hints)?;
        if sheet.is_some() {
            out.serialize_field("sheet", &sheet)?;
        }
        if header.is_some() {
            out.serialize_field("header", &header)?;
        }
        out.end()
    }
}

fn emit<'a>(files: &'a impl Files<'a, FileId = ()>, report: &Report<()>, message: &str) -> String {
    term::emit_into_string(&term::Config::default(), files, report)
        .unwrap_or_else(|_| format!("error: {message}\n"))
}

/// Source lines longer than this are shown in part, around the problem.
const LONG_LINE: usize = 200;
/// How much of a long line is shown on each side of the problem, in bytes.
const CONTEXT: usize = 60;

/// The one source line a problem points at, shortened around the problem when it is long,
/// placed at its real line and column.
struct Excerpt {
    name: String,
    text: String,
    /// The problem's span within `text`.
    span: Range<usize>,
    /// Zero-based line of the excerpt in the file.
    line_index: usize,
    /// The real line and column of the problem.
    location: Location,
}

impl Excerpt {
    fn around(source: &Source, span: Range<usize>) -> Excerpt {
        let text = &source.text;
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let (line_number, column_number) = source.line_column(span.start);
        let (from, to) = if line_end - line_start <= LONG_LINE {
            (line_start, line_end)
        } else {
            let from = floor(text, span.start.saturating_sub(CONTEXT).max(line_start));
            let end = span.end.min(span.start + LONG_LINE - 2 * CONTEXT);
            (from, ceil(text, (end + CONTEXT).min(line_end)))
        };
        let before = if from > line_start { "…" } else { "" };
        let after = if to < line_end { "…" } else { "" };
        let shown = format!("{before}{}{after}", &text[from..to]);
        let start = span.start - from + before.len();
        let end = (span.end.clamp(span.start, to) - from + before.len()).max(start);
        // A quoted line never prints a PostgreSQL password back, whatever the problem.
        let (shown, span) = crate::redact::hide_around(&shown, start..end);
        Excerpt {
            name: source.display_name(),
            text: shown,
            span,
            line_index: line_number - 1,
            location: Location {
                line_number,
                column_number,
            },
        }
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.line_index)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(line_index + 1)
    }

    fn location(&'a self, (): (), _byte_index: usize) -> Result<Location, files::Error> {
        Ok(self.location)
    }

    fn line_range(&'a self, (): (), _line_index: usize) -> Result<Range<usize>, files::Error> {
        Ok(0..self.text.len())
    }
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

fn clamp(span: Range<usize>, len: usize) -> Range<usize> {
    span.start.min(len)..span.end.min(len).max(span.start.min(len))
}

/// Suggests the closest of `choices` to a misspelt `word`, if one is close enough.
pub fn did_you_mean<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    choices
        .iter()
        .map(|choice| (strsim::jaro_winkler(word, choice), *choice))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, choice)| choice)
}

/// Formats a list of valid choices as `` `a`, `b` or `c` ``.
pub fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("hed", &["head", "deputy"]), Some("head"));
        assert_eq!(did_you_mean("zzz", &["head", "deputy"]), None);
    }

    #[test]
    fn renders_file_line_column_and_hint() {
        let source = Source::in_memory("x.toml", "a = 1\nrole = \"hed\"\n");
        let text = Diagnostic::at(13..18, "unknown role `hed`")
            .hint("did you mean `head`?")
            .render(Some(&source));
        assert!(text.contains("x.toml:2:8"), "{text}");
        assert!(text.contains("role = \"hed\""), "{text}");
        assert!(text.contains("hint: did you mean `head`?"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_problem_at_its_real_place() {
        let line = format!("name = \"{}Ölbaum{}\"", "ä".repeat(3000), "b".repeat(3000));
        let source = Source::in_memory("x.toml", format!("a = 1\n{line}\nc = 2\n"));
        let start = source.text.find("Ölbaum").unwrap();
        let text = Diagnostic::at(start..start + "Ölbaum".len(), "a problem").render(Some(&source));
        assert!(text.contains("x.toml:2:3009"), "{text}");
        assert!(text.contains("Ölbaum"), "{text}");
        assert!(text.len() < 1000, "{} bytes:\n{text}", text.len());
        assert!(text.contains('…'), "{text}");
    }
}
