//! Problems found in the input, each with a place, a message and hints, rendered like a compiler's;
//! and the text they are found in ([`Source`]).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{self, Files, Location, SimpleFile};
use codespan_reporting::term;

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

/// One problem in a delegation file (or in what was rendered from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, lowercase, with the offending thing in backticks.
    pub message: String,
    /// Byte range in the source that the problem points at, when it has one.
    pub span: Option<Range<usize>>,
    /// Short text printed under the span.
    pub label: String,
    /// How to fix it; each becomes a `= hint:` line.
    pub hints: Vec<String>,
    /// The spreadsheet cell the problem is in, when the text at `span` was read from one.
    pub cell: Option<Box<Cell>>,
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
    /// A problem at `span` in the source.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            label: String::new(),
            hints: Vec::new(),
            cell: None,
        }
    }

    /// A problem with the file as a whole.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            label: String::new(),
            hints: Vec::new(),
            cell: None,
        }
    }

    /// A problem in a spreadsheet's cell or row.
    pub fn in_cell(cell: Cell, message: impl Into<String>) -> Self {
        Diagnostic {
            cell: Some(Box::new(cell)),
            ..Diagnostic::whole_file(message)
        }
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

    /// Renders the problem with the file name, line, column and the source line (shortened
    /// around the problem when it is long, so that output stays small whatever the input).
    pub fn render(&self, source: &Source) -> String {
        let mut report = Report::error().with_message(&self.message);
        let hints = self.hints.iter().map(|hint| format!("hint: {hint}"));
        if let Some(cell) = &self.cell {
            report = report.with_notes(vec![format!("in {cell}")]);
            report = report.with_notes(hints.collect());
            let file = SimpleFile::new(cell.file.display().to_string(), "");
            return emit(&file, &report, &self.message);
        }
        let Some(span) = &self.span else {
            report = report.with_notes(vec![format!("in {}", source.display_name())]);
            report = report.with_notes(hints.collect());
            let file = SimpleFile::new(source.display_name(), "");
            return emit(&file, &report, &self.message);
        };
        report = report.with_notes(hints.collect());
        let span = clamp(span.clone(), source.text.len());
        let excerpt = Excerpt::around(source, span);
        let report = report.with_labels(vec![
            Label::primary((), excerpt.span.clone()).with_message(&self.label)
        ]);
        emit(&excerpt, &report, &self.message)
    }

    /// `file:line:column` of the start of the span, for one-line summaries.
    pub fn location(&self, source: &Source) -> String {
        if let Some(cell) = &self.cell {
            return cell.to_string();
        }
        match &self.span {
            Some(span) => {
                let (line, column) = source.line_column(span.start);
                format!("{}:{line}:{column}", source.display_name())
            }
            None => source.display_name(),
        }
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
            .render(&source);
        assert!(text.contains("x.toml:2:8"), "{text}");
        assert!(text.contains("role = \"hed\""), "{text}");
        assert!(text.contains("hint: did you mean `head`?"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_problem_at_its_real_place() {
        let line = format!("name = \"{}Ölbaum{}\"", "ä".repeat(3000), "b".repeat(3000));
        let source = Source::in_memory("x.toml", format!("a = 1\n{line}\nc = 2\n"));
        let start = source.text.find("Ölbaum").unwrap();
        let text = Diagnostic::at(start..start + "Ölbaum".len(), "a problem").render(&source);
        assert!(text.contains("x.toml:2:3009"), "{text}");
        assert!(text.contains("Ölbaum"), "{text}");
        assert!(text.len() < 1000, "{} bytes:\n{text}", text.len());
        assert!(text.contains('…'), "{text}");
    }
}
