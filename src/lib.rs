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
pub mod export;
pub mod fonts;
pub mod grammar;
pub mod input;
pub mod layout;
pub mod markup;
pub mod model;
pub mod note;
pub mod output;
pub mod parse;
pub mod plan;
pub mod template;
pub mod validate;

use std::path::Path;

use dates::Date;
use diagnostic::Diagnostic;
use fonts::Fonts;
use input::Source;
use model::Delegation;
use template::Templates;

/// What the outside world provides to a run: templates, fonts and the clock. Built once per
/// run and shared by every note.
pub struct Env {
    /// Compiled templates.
    pub templates: Templates,
    /// Parsed fonts.
    pub fonts: Fonts,
    /// The creation date to write into files, from `SOURCE_DATE_EPOCH`; `None` uses each
    /// note's own date.
    pub clock: Option<Date>,
    /// Emblems already prepared for the PDF writer.
    pub images: export::pdf::ImageCache,
    /// DOCX parts already deflated, shared by every note of a run.
    pub docx_parts: export::docx::PartCache,
}

impl Env {
    /// The built-in templates and fonts, with the given clock.
    pub fn builtin(clock: Option<Date>) -> Result<Env, String> {
        Env::with_templates(Templates::builtin().map_err(|e| e.to_string())?, clock)
    }

    /// Given templates, the built-in fonts, and the clock.
    pub fn with_templates(templates: Templates, clock: Option<Date>) -> Result<Env, String> {
        Ok(Env {
            templates,
            fonts: Fonts::builtin()?,
            clock,
            images: export::pdf::ImageCache::default(),
            docx_parts: export::docx::PartCache::default(),
        })
    }

    /// Reads `SOURCE_DATE_EPOCH` (seconds since 1970), as reproducible builds define it.
    pub fn clock_from_environment() -> Result<Option<Date>, String> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(Date::from_unix_seconds)
                .map(Some)
                .ok_or_else(|| {
                    format!(
                        "SOURCE_DATE_EPOCH must be a number of seconds since 1970, not `{value}`"
                    )
                }),
            Err(_) => Ok(None),
        }
    }
}

/// A delegation file that could not be used, with everything wrong with it.
#[derive(Debug)]
pub struct Rejected {
    /// The file, when it could be read (for rendering the diagnostics).
    pub source: Option<Source>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Rejected {
    /// All diagnostics rendered with file, line, column and source line.
    pub fn render(&self) -> String {
        match &self.source {
            Some(source) => self
                .diagnostics
                .iter()
                .map(|d| d.render(source))
                .collect::<Vec<_>>()
                .join("\n"),
            None => self
                .diagnostics
                .iter()
                .map(|d| {
                    let hints: String =
                        d.hints.iter().map(|h| format!("  = hint: {h}\n")).collect();
                    format!("error: {}\n{hints}", d.message)
                })
                .collect(),
        }
    }
}

/// How to read a delegation file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Forces every note's language (`--lang`).
    pub language: Option<model::Language>,
    /// Templates were given for the whole run (`--templates`), so the file's own `templates`
    /// key is not used.
    pub run_templates: bool,
    /// Forces an archival PDF profile (`--pdf-a`).
    pub pdf_a: Option<model::PdfA>,
}

/// A valid delegation and the templates its notes are written with.
pub struct Loaded {
    /// The file.
    pub source: Source,
    /// What it says.
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

/// Reads, parses and validates a delegation file, with the templates it names.
pub fn load(path: &Path, env: &Env, options: &LoadOptions) -> Result<Loaded, Rejected> {
    let source = input::load(path).map_err(|d| Rejected {
        source: None,
        diagnostics: vec![d],
    })?;
    let parsed = match parse::parse(&source) {
        Ok(parsed) => parsed,
        Err(diagnostics) => {
            return Err(Rejected {
                source: Some(source),
                diagnostics,
            })
        }
    };
    let own_templates = match parsed.raw.templates.given() {
        Some(folder) if !options.run_templates => {
            let dir = source.base_dir().join(&folder.value);
            match Templates::with_overrides(&dir) {
                Ok(templates) => Some(templates),
                Err(errors) => {
                    let diagnostics = errors
                        .iter()
                        .map(|e| {
                            Diagnostic::at(
                                folder.span.clone(),
                                format!("a template in `{}` cannot be used", dir.display()),
                            )
                            .label("templates named here")
                            .hint(e.to_string())
                        })
                        .collect();
                    return Err(Rejected {
                        source: Some(source),
                        diagnostics,
                    });
                }
            }
        }
        _ => None,
    };
    let kinds = own_templates.as_ref().unwrap_or(&env.templates).kinds();
    let covers = |c: char| env.fonts.covers(c);
    match validate::validate(parsed, &source, &covers, options.language, &kinds) {
        Ok(mut delegation) => {
            delegation.pdf_a = options.pdf_a.or(delegation.pdf_a);
            Ok(Loaded {
                source,
                delegation,
                own_templates,
            })
        }
        Err(diagnostics) => Err(Rejected {
            source: Some(source),
            diagnostics,
        }),
    }
}
