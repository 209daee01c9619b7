//! A delegation file's path -> the file read, parsed, its spreadsheet members joined, its own
//! templates compiled and everything validated: [`Loaded`], or every problem in it at once.

use std::path::Path;

use crate::input::Source;
use crate::model::{Delegation, Language};
use crate::template::Templates;
use crate::{diagnostic, error, import, input, parse, validate, Env, Error, Overrides};

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
    let source =
        input::load(path).map_err(|u| invalid(path, u.source.map(|s| *s), vec![u.diagnostic]))?;
    load_source(source, env, overrides)
}

/// Parses and validates a delegation file's text already read (the text a form is editing),
/// as [`load`] does the file's; relative paths in it are resolved against `source.path`.
pub fn load_source(source: Source, env: &Env, overrides: &Overrides) -> Result<Loaded, Error> {
    let path = source.path.clone();
    let invalid = |source, diagnostics| invalid(&path, source, diagnostics);
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
    // Characters only the Chinese font draws pass where a note may be in Chinese.
    let chinese = asks_for_chinese(&source.text, overrides);
    let covers = |c: char| env.fonts.covers(c) || (chinese && env.any_covers(c));
    match validate::validate(parsed, &source, &covers, overrides, &kinds) {
        Ok(delegation) => {
            // The cases of names that the templates in force use (Russian): asked of the file
            // once its notes, languages and kinds are known.
            let templates = own_templates.as_ref().unwrap_or(&env.templates);
            let used =
                |language, template: &str| templates.cases_used(language, template, overrides.mail);
            let mut missing = validate::cases::missing_cases(&delegation, &used);
            if !missing.is_empty() {
                places.place(&mut missing);
                return Err(invalid(Some(source), missing));
            }
            Ok(Loaded {
                source,
                delegation,
                own_templates,
            })
        }
        Err(mut diagnostics) => {
            places.place(&mut diagnostics);
            Err(invalid(Some(source), diagnostics))
        }
    }
}

/// The problems of a file, sorted by place and cut to the number shown.
fn invalid(
    path: &Path,
    source: Option<Source>,
    mut diagnostics: Vec<diagnostic::Diagnostic>,
) -> Error {
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
}

/// Whether the file may hold Chinese: `--lang zh`, the file's or a meeting's `language`, `"zh"`
/// among a meeting's `languages`, or a text given in Chinese (`zh = "…"`). Only then may its
/// texts hold what the Chinese font alone draws; in other files an ideograph stays refused at
/// its field.
fn asks_for_chinese(text: &str, overrides: &Overrides) -> bool {
    if overrides.language == Some(Language::Chinese) {
        return true;
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    mentions_chinese(&toml::Value::Table(table))
}

/// Whether `value` or a value inside it is `"zh"` under `language`, in `languages`, or a table
/// with a `zh` key.
fn mentions_chinese(value: &toml::Value) -> bool {
    let code = Language::Chinese.code();
    match value {
        toml::Value::Table(table) => table.iter().any(|(key, inner)| {
            key == code
                || (key == "language" && inner.as_str() == Some(code))
                || (key == "languages"
                    && inner
                        .as_array()
                        .is_some_and(|list| list.iter().any(|l| l.as_str() == Some(code))))
                || mentions_chinese(inner)
        }),
        toml::Value::Array(items) => items.iter().any(mentions_chinese),
        _ => false,
    }
}
