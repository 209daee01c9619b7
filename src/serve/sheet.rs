//! A spreadsheet dropped on the members table (its bytes and file name) -> its members as
//! `[[member]]` tables, through the same importer and checks as `verbale import`, or the
//! problems at their sheet, row and column.

use std::path::Path;

use super::preview::Problem;
use crate::diagnostic::Diagnostic;
use crate::import::{self, Request};
use crate::input::Source;
use crate::{parse, validate, Env, Error};

/// What a dropped spreadsheet gave.
pub enum Sheet {
    /// Its members' tables, and how many there are.
    Members { text: String, count: usize },
    /// Its problems, none merged.
    Problems(Vec<Problem>),
}

/// Reads the spreadsheet `name` (only its extension and name are used) from `bytes`.
pub fn read(env: &Env, name: &str, bytes: &[u8]) -> Sheet {
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
            let covers = |c: char| env.fonts.covers(c);
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
