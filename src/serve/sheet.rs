//! A spreadsheet dropped on the members table (its bytes and file name) -> its members as
//! `[[member]]` tables, through the same importer and checks as `verbale import`, or the
//! problems at their sheet, row and column.

use std::path::Path;

use super::preview::FormProblem;
use crate::diagnostic::{Diagnostic, Place};
use crate::import::{self, Request};
use crate::input::Source;
use crate::model::Language;
use crate::{parse, validate, Env, Error};

/// What a dropped spreadsheet gave.
pub enum Sheet {
    /// Its members' tables, and how many there are.
    Members { text: String, count: usize },
    /// Its problems, none merged.
    Problems(Vec<FormProblem>),
}

/// The language of the delegation file at `path` as saved (its `language`, else English):
/// the language of a column without a language tag, as `verbale import --lang` takes it.
pub fn file_language(path: &Path) -> Language {
    let text = crate::files::read_bounded(path, crate::files::MAX_OUTPUT_BYTES).unwrap_or_default();
    let code = String::from_utf8_lossy(&text)
        .parse::<toml_edit::DocumentMut>()
        .ok()
        .and_then(|document| document.get("language")?.as_str().map(str::to_string));
    Language::ALL
        .iter()
        .find(|(known, _)| Some(*known) == code.as_deref())
        .map_or(Language::English, |(_, language)| *language)
}

/// Reads the spreadsheet `name` (only its extension and name are used) from `bytes`; a column
/// without a language tag beside tagged ones is in `language`.
pub fn read(env: &Env, name: &str, bytes: &[u8], language: Language) -> Sheet {
    // The importer reads files: the bytes go to a private temporary folder under the
    // spreadsheet's own name, which is removed after.
    let plain: String = name
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | '\0'))
        .collect();
    let folder = match tempfile::tempdir() {
        Ok(folder) => folder,
        Err(error) => return failed(name, format!("cannot keep the spreadsheet: {error}")),
    };
    let path = folder
        .path()
        .join(if plain.is_empty() { "sheet" } else { &plain });
    if let Err(error) = std::fs::write(&path, bytes) {
        return failed(name, format!("cannot keep the spreadsheet: {error}"));
    }
    let request = Request {
        path: &path,
        sheet: None,
        columns: &[],
        language,
    };
    let imported = match import::import(&request) {
        Ok(imported) => imported,
        Err(error) => {
            let name = Path::new(name);
            let place = Place::File {
                path: name.to_path_buf(),
                position: None,
            };
            return Sheet::Problems(vec![FormProblem::elsewhere(error.diagnostic(name, place))]);
        }
    };
    let source = Source::in_memory(&path, imported.text.clone());
    let mut diagnostics: Vec<Diagnostic> = imported.problems(0);
    match parse::parse(&source) {
        Ok(parsed) => {
            let covers = |_, c: char| env.fonts.covers(c);
            diagnostics.extend(validate::members_alone(parsed, &source, &covers));
        }
        Err(problems) => diagnostics.extend(problems),
    }
    imported.place(&mut diagnostics, 0);
    if diagnostics.is_empty() {
        return Sheet::Members {
            text: imported.text,
            count: imported.members,
        };
    }
    let error = Error::Invalid {
        file: path.clone(),
        source: Some(source.clone()),
        diagnostics,
        hidden: 0,
    };
    // Named as the user knows it, not by the temporary copy, and in no field of the form.
    let problems = error.diagnostics().into_iter().map(|mut diagnostic| {
        match &mut diagnostic.place {
            Place::File { path, .. } => *path = name.into(),
            Place::Cell { cell, .. } => cell.file = name.into(),
            Place::Nowhere | Place::WholeFile | Place::Span(_) => {}
        }
        FormProblem::elsewhere(diagnostic)
    });
    Sheet::Problems(problems.collect())
}

fn failed(name: &str, message: String) -> Sheet {
    let diagnostic = Diagnostic::in_file(Some(name.into()), message)
        .hint("try again; check that the system's temporary folder can be written");
    Sheet::Problems(vec![FormProblem::elsewhere(diagnostic)])
}
