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
        input::load(path).map_err(|u| invalid(path, u.source.map(|s| *s), vec![*u.diagnostic]))?;
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
    // A text given in a language is set in that language's fonts, and one given once in the
    // fonts of every note of the file.
    let notes = note_languages(&source.text, overrides);
    let covers = |language: Option<Language>, c: char| match language {
        Some(language) => env.covers(language, c),
        None => notes.iter().all(|&language| env.covers(language, c)),
    };
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
    diagnostics.sort_by_key(diagnostic::Diagnostic::offset);
    let hidden = diagnostics.len().saturating_sub(error::SHOWN);
    diagnostics.truncate(error::SHOWN);
    Error::Invalid {
        file: path.to_path_buf(),
        source,
        diagnostics,
        hidden,
    }
}

/// The languages of a file's notes, read from its text: `--lang`, else each meeting's
/// `languages` or `language`, else the file's `language` (English when none is given). Codes
/// that name no language are left out: the checks report them.
fn note_languages(text: &str, overrides: &Overrides) -> Vec<Language> {
    let codes: Vec<String> = match overrides.language {
        Some(language) => vec![language.code().to_string()],
        None => {
            let table = text.parse::<toml::Table>().unwrap_or_default();
            let file = table
                .get("language")
                .and_then(toml::Value::as_str)
                .unwrap_or("en");
            let meetings = table.get("meeting").and_then(toml::Value::as_array);
            let of_meeting = |meeting: &toml::Value| -> Vec<String> {
                let one = meeting.get("language").and_then(toml::Value::as_str);
                match meeting.get("languages").and_then(toml::Value::as_array) {
                    Some(list) => list
                        .iter()
                        .filter_map(|l| l.as_str())
                        .map(str::to_string)
                        .collect(),
                    None => vec![one.unwrap_or(file).to_string()],
                }
            };
            match meetings {
                Some(meetings) if !meetings.is_empty() => {
                    meetings.iter().flat_map(of_meeting).collect()
                }
                _ => vec![file.to_string()],
            }
        }
    };
    Language::ALL
        .into_iter()
        .filter(|(code, _)| codes.iter().any(|c| c == code))
        .map(|(_, language)| language)
        .collect()
}
