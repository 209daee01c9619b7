//! Document -> file bytes. Exporters are pure: no file system, no clock.

pub mod docx;
pub mod pdf;

mod error;

pub use error::{ExportError, ExportFault, Format};
