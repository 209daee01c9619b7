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
pub mod plan;
mod redact;
pub mod register;
pub mod template;
pub mod validate;
pub mod write;

use std::path::Path;

use dates::Date;
pub use error::{Error, Problem};
use fonts::Fonts;
use input::Source;
use model::{Delegation, Language, Paper, PdfA};
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

/// A valid delegation and the templates its notes are written with.
pub struct Loaded {
    /// The file.
    pub source: Source,
    /// What it says, with the command line's overrides applied.
    pub delegation: Delegation,
    /// The file's own template folder (`templates = "DIR"`), compiled, if it has one.
    pub own_templates: Option<Templates>,
}

impl Loaded {
    /// The templates for this file's notes: its own, or the run's.
    pub fn templates<'a>(&'a self, env: &'a Env) -> &'a Templates {
        self.own_templates.as_ref().unwrap_or(&env.templates)
    }
}

/// Reads, parses and validates a delegation file, with the templates it names. Every problem
/// is reported, in file order.
pub fn load(path: &Path, env: &Env, overrides: &Overrides) -> Result<Loaded, Error> {
    let invalid = |source: Option<Source>, mut diagnostics: Vec<diagnostic::Diagnostic>| {
        // Problems with the file as a whole first, then by place; the sort is stable, so
        // problems at one place keep the order they were found in.
        diagnostics.sort_by_key(|d| d.span.as_ref().map(|span| span.start));
        let hidden = diagnostics.len().saturating_sub(error::SHOWN);
        diagnostics.truncate(error::SHOWN);
        Error::Invalid {
            file: path.to_path_buf(),
            source,
            diagnostics,
            hidden,
        }
    };
    let source =
        input::load(path).map_err(|u| invalid(u.source.map(|s| *s), vec![u.diagnostic]))?;
    let parsed = match parse::parse(&source) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return Err(invalid(Some(source), diagnostics)),
    };
    // Members kept in a spreadsheet (`[members]`) join the file as `[[member]]` tables.
    let (source, parsed, places) = match import::expand(source, parsed) {
        Ok(expanded) => expanded,
        Err((source, diagnostics)) => return Err(invalid(Some(source), diagnostics)),
    };
    let own_templates = match parsed.raw.templates.given() {
        Some(folder) if !overrides.run_templates => {
            let dir = source.base_dir().join(&folder.value);
            match Templates::with_overrides(&dir) {
                Ok(templates) => Some(templates),
                Err(errors) => {
                    let diagnostics = errors
                        .iter()
                        .map(|e| {
                            diagnostic::Diagnostic::at(
                                folder.span.clone(),
                                format!("a template in `{}` cannot be used", dir.display()),
                            )
                            .label("templates named here")
                            .hint(e.to_string())
                        })
                        .collect();
                    return Err(invalid(Some(source), diagnostics));
                }
            }
        }
        _ => None,
    };
    let kinds = own_templates.as_ref().unwrap_or(&env.templates).kinds();
    let covers = |c: char| env.fonts.covers(c);
    match validate::validate(parsed, &source, &covers, overrides, &kinds) {
        Ok(delegation) => Ok(Loaded {
            source,
            delegation,
            own_templates,
        }),
        Err(mut diagnostics) => {
            places.place(&mut diagnostics);
            Err(invalid(Some(source), diagnostics))
        }
    }
}
