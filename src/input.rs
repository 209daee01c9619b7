//! Path -> source text, read once and kept for error messages.

use std::path::Path;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Source;
use crate::files::read_bounded;

/// The largest delegation file read: a thousand members take about 150 kB.
pub const MAX_DELEGATION_BYTES: u64 = 4 << 20;

/// A file that cannot be a delegation file, and its text when it could be read (for placing the
/// problem in it).
#[derive(Debug)]
pub struct Unreadable {
    /// What is wrong (boxed, as the text is: a file is read well far more often).
    pub diagnostic: Box<Diagnostic>,
    /// The text, read as well as it could be (boxed: it is large, and rare).
    pub source: Option<Box<Source>>,
}

/// Reads a delegation file, refusing files that cannot be one (unreadable, not a regular file,
/// too large, not UTF-8, empty).
pub fn load(path: &Path) -> Result<Source, Unreadable> {
    let name = path.display();
    let unreadable = |diagnostic| Unreadable {
        diagnostic: Box::new(diagnostic),
        source: None,
    };
    let bytes = read_bounded(path, MAX_DELEGATION_BYTES).map_err(|error| {
        unreadable(
            Diagnostic::whole_file(format!("cannot read `{name}`: {error}"))
                .hint("check the path; it is relative to the current folder"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let source = Source::in_memory(path, text);
        let (line, column) = source.line_column(offset);
        let end = source.text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        Unreadable {
            diagnostic: Box::new(
                Diagnostic::at(
                    offset..end,
                    format!(
                    "`{name}` is not valid UTF-8 (first bad byte at line {line}, column {column})"
                ),
                )
                .label("not UTF-8")
                .hint("save the file as UTF-8; TOML files must be UTF-8"),
            ),
            source: Some(Box::new(source)),
        }
    })?;
    if text.trim().is_empty() {
        return Err(unreadable(
            Diagnostic::whole_file(format!("`{name}` is empty"))
                .hint("start from examples/7msp.toml, which lists every field"),
        ));
    }
    Ok(Source {
        path: path.to_path_buf(),
        text,
    })
}
