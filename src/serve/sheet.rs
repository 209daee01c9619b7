//! A spreadsheet dropped on the members table (its bytes and file name) -> its members as
//! `[[member]]` tables, through the same importer and checks as `verbale import`, or the
//! problems at their sheet, row and column.

use std::path::Path;

use super::preview::Problem;
use crate::diagnostic::Diagnostic;
use crate::import::{self, Request};
use crate::input::Source;
use crate::model::Language;
use crate::{parse, validate, Env, Error};

/// What a dropped spreadsheet gave.
pub enum Sheet {
    /// Its members' tables, and how many there are.
    Members { text: String, count: usize },
    /// Its problems, none merged.
    Problems(Vec<Problem>),
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
            let (message, hints) = error.diagnostic(Path::new(name));
            return Sheet::Problems(vec![Problem {
                file: Some(name.to_string()),
                line: None,
                column: None,
                message,
                hints,
                field: None,
                sheet: None,
                header: None,
            }]);
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
    let mut problems = super::preview::problems(&error, &path, &imported.text);
    for problem in &mut problems {
        // Named as the user knows it, not by the temporary copy.
        problem.file = Some(name.to_string());
        problem.field = None;
    }
    Sheet::Problems(problems)
}

fn failed(name: &str, message: String) -> Sheet {
    Sheet::Problems(vec![Problem {
        file: Some(name.to_string()),
        line: None,
        column: None,
        message,
        hints: vec!["try again; check that the system's temporary folder can be written".into()],
        field: None,
        sheet: None,
        header: None,
    }])
}
