//! `verbale` writes diplomatic notes verbales as PDF and DOCX from a TOML delegation file.
//!
//! Stages, one module each: [`input`] reads the file, [`parse`] reads its TOML, [`validate`]
//! checks it into a [`model::Delegation`], [`plan`] makes one job per note, [`template`] renders
//! the wording, [`markup`] turns it into a [`document::Document`], [`layout`] sets it into pages,
//! [`export`] writes PDF and DOCX bytes, and [`output`] puts them on disk.

pub mod batch;
pub mod cli;
pub mod dates;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod export;
pub mod faults;
pub mod fonts;
pub mod gender;
pub mod grammar;
pub mod import;
pub mod input;
pub mod layout;
pub mod mail;
pub mod markup;
pub mod model;
pub mod note;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod register;
pub mod template;
pub mod validate;

use dates::Date;
pub use error::{Error, Problem};
use fonts::Fonts;
use model::{Language, Paper, PdfA};
pub use pipeline::{load, Loaded};
use template::Templates;

/// What the outside world provides to a run: templates, fonts and the clock. Built once per
/// run and shared by every note; it holds nothing that notes add to.
pub struct Env {
    /// Compiled templates.
    pub templates: Templates,
    /// Parsed fonts.
    pub fonts: Fonts,
    /// The creation date to write into files, from `SOURCE_DATE_EPOCH`; `None` uses each
    /// note's own date.
    pub clock: Option<Date>,
}

impl Env {
    /// The built-in templates and fonts, with the given clock.
    pub fn builtin(clock: Option<Date>) -> Result<Env, Error> {
        let templates = Templates::builtin().map_err(|error| Error::Templates {
            folder: None,
            errors: vec![error],
        })?;
        Env::with_templates(templates, clock)
    }

    /// Given templates, the built-in fonts, and the clock.
    pub fn with_templates(templates: Templates, clock: Option<Date>) -> Result<Env, Error> {
        Ok(Env {
            templates,
            fonts: Fonts::builtin().map_err(|reason| Error::Fonts { reason })?,
            clock,
        })
    }

    /// Reads `SOURCE_DATE_EPOCH` (seconds since 1970), as reproducible builds define it.
    pub fn clock_from_environment() -> Result<Option<Date>, Error> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(Date::from_unix_seconds)
                .map(Some)
                .ok_or(Error::Clock { value }),
            Err(_) => Ok(None),
        }
    }
}

/// What the command line says over every file's own settings. Applied once, where the file
/// is validated, so that the validated [`Delegation`] is the final word on every setting.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Every note's language (`--lang`).
    pub language: Option<Language>,
    /// The paper size (`--paper`).
    pub paper: Option<Paper>,
    /// An archival PDF profile (`--pdf-a`).
    pub pdf_a: Option<PdfA>,
    /// Templates were given for the whole run (`--templates`), so the file's own
    /// `templates` key is not used.
    pub run_templates: bool,
    /// Mail drafts are asked for (`--mail`, `send`), so the mission's and the recipients'
    /// e-mail addresses are required.
    pub mail: bool,
    /// The register of outgoing notes (`--register PATH|URL`), over the file's `register`.
    pub register: Option<String>,
}
