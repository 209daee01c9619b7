//! Path -> source text, read once and kept for error messages.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

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

/// Reads a delegation file, refusing files that cannot be one (unreadable, not UTF-8, empty).
pub fn load(path: &Path) -> Result<Source, Diagnostic> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::whole_file(format!("cannot read `{name}`: {error}"))
            .hint("check the path; it is relative to the current folder")
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let source = Source::in_memory(path, text);
        let (line, column) = source.line_column(offset);
        Diagnostic::whole_file(format!(
            "`{name}` is not valid UTF-8 (first bad byte at line {line}, column {column})"
        ))
        .hint("save the file as UTF-8; TOML files must be UTF-8")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(format!("`{name}` is empty"))
            .hint("start from examples/7msp.toml, which lists every field"));
    }
    Ok(Source {
        path: path.to_path_buf(),
        text,
    })
}
