//! Why an exporter could not produce its file: typed causes (the PDF writer's refusal, the
//! archive's and the XML reader's errors) kept as values until the command line words them.

use std::fmt;

use krilla::error::KrillaError;

use super::pdf::emblem::ImageError;
use crate::fonts::FontError;
use crate::model::PdfA;

/// The file an exporter writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The PDF.
    Pdf,
    /// The DOCX.
    Docx,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        })
    }
}

/// An exporter could not produce its file.
#[derive(Debug)]
pub struct ExportError {
    /// The file it was writing.
    pub format: Format,
    /// What happened.
    pub fault: ExportFault,
}

/// What happened to an exporter.
#[derive(Debug)]
pub enum ExportFault {
    /// The PDF profiles asked for (PDF/UA and a PDF/A) cannot be combined.
    Profiles,
    /// The emblem or the seal cannot be embedded.
    Image {
        /// `emblem` or `seal`.
        part: &'static str,
        /// Why.
        error: ImageError,
    },
    /// The paper size is not one a PDF page can have.
    PageSize,
    /// A bundled face cannot be used.
    Font(FontError),
    /// The PDF writer refused the document (a standard's rule, or its own fault).
    Refused {
        /// Its error.
        error: KrillaError,
        /// The PDF/A standard asked for, if any.
        pdf_a: Option<PdfA>,
    },
    /// The DOCX archive cannot be packed.
    Zip(zip::result::ZipError),
    /// A part of the DOCX cannot be rewritten.
    Rewrite {
        /// The part (`word/document.xml`).
        part: String,
        /// The XML reader's error.
        error: quick_xml::Error,
    },
}

impl ExportError {
    /// A PDF exporter's failure.
    pub fn pdf(fault: ExportFault) -> ExportError {
        ExportError {
            format: Format::Pdf,
            fault,
        }
    }

    /// A DOCX exporter's failure.
    pub fn docx(fault: ExportFault) -> ExportError {
        ExportError {
            format: Format::Docx,
            fault,
        }
    }

    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        match &self.fault {
            ExportFault::Refused { error, pdf_a } => super::pdf::problems::explain(error, *pdf_a).1,
            ExportFault::Image { part, .. } => {
                vec![format!("save the {part} again as a PNG or JPEG file")]
            }
            _ => vec![
                "this is a fault of verbale, not of the delegation file; please report it with \
                 the file"
                    .into(),
            ],
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the {}: ", self.format)?;
        match &self.fault {
            ExportFault::Profiles => f.write_str("the PDF profiles cannot be combined"),
            ExportFault::Image { part, error } => {
                write!(f, "the {part} cannot be embedded: {error}")
            }
            ExportFault::PageSize => f.write_str("invalid page size"),
            ExportFault::Font(error) => error.fmt(f),
            ExportFault::Refused { error, pdf_a } => {
                f.write_str(&super::pdf::problems::explain(error, *pdf_a).0)
            }
            ExportFault::Zip(error) => write!(f, "packing failed: {error}"),
            ExportFault::Rewrite { part, error } => write!(f, "cannot rewrite `{part}`: {error}"),
        }
    }
}

impl std::error::Error for ExportError {}
