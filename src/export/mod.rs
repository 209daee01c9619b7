//! Document -> file bytes. Exporters are pure: no file system, no clock.

pub mod docx;
pub mod pdf;

use std::fmt;

/// An exporter could not produce its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError {
    /// `PDF` or `DOCX`.
    pub format: &'static str,
    /// What went wrong, as a sentence.
    pub message: String,
    /// How to fix it.
    pub hints: Vec<String>,
}

impl ExportError {
    /// A problem without a hint.
    pub fn new(format: &'static str, message: String) -> Self {
        ExportError {
            format,
            message,
            hints: Vec::new(),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the {}: {}", self.format, self.message)
    }
}
