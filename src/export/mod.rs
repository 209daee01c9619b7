//! Document -> file bytes. Exporters are pure: no file system, no clock.

pub mod docx;
pub mod pdf;

use std::fmt;

/// An exporter could not produce its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError {
    /// `PDF` or `DOCX`.
    pub format: &'static str,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the {}: {}", self.format, self.message)
    }
}
