//! A delegation file with `[members]` -> the same file with the spreadsheet's members appended
//! as `[[member]]` blocks, parsed again, and the cells that problems in those blocks are at.

use super::columns::{self, Target};
use super::{import, Imported, Request, SheetError};
use crate::diagnostic::{did_you_mean, one_of, Diagnostic, Place};
use crate::input::Source;
use crate::model::Language;
use crate::parse::{self, Field, Parsed, RawMembersFrom};

/// The spreadsheet a file's members came from, to place problems at its cells.
#[derive(Debug, Default)]
pub struct Places {
    imported: Option<(Imported, usize)>,
}

impl Places {
    /// Gives each problem in the spreadsheet's blocks the cell it came from.
    pub fn place(&self, diagnostics: &mut [Diagnostic]) {
        if let Some((imported, offset)) = &self.imported {
            imported.place(diagnostics, *offset);
        }
    }
}

/// The file, parsed, with its spreadsheet's members when it has `[members]`. Problems with
/// `[members]` and the spreadsheet join the parser's; `Err` holds a syntax error's problems.
pub fn expand(
    source: Source,
    mut parsed: Parsed,
) -> Result<(Source, Parsed, Places), (Source, Vec<Diagnostic>)> {
    let Some(from) = parsed.raw.members_from.clone() else {
        return Ok((source, parsed, Places::default()));
    };
    let mut problems = settings(&from, !parsed.raw.members.is_empty());
    let configured = configured_columns(&from, &mut problems);
    let Some(file) = from.from.given() else {
        parsed.diagnostics.extend(problems);
        return Ok((source, parsed, Places::default()));
    };
    // Relative to the file; shown as the user would type it from where they are.
    let path = match source.path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(&file.value),
        _ => std::path::PathBuf::from(&file.value),
    };
    let sheet = from.sheet.given();
    // The file's language, which a column without a language tag is in (an unknown one is
    // reported by validation).
    let language = parsed
        .raw
        .language
        .given()
        .map_or(Language::English, |code| {
            Language::ALL
                .iter()
                .find(|(c, _)| *c == code.value.trim().to_ascii_lowercase())
                .map_or(Language::English, |(_, language)| *language)
        });
    let request = Request {
        path: &path,
        sheet: sheet.map(|s| s.value.as_str()),
        columns: &configured,
        language,
    };
    let imported = match import(&request) {
        Ok(imported) => imported,
        Err(error) => {
            let span = match (&error, sheet) {
                (SheetError::NoSuchSheet { .. } | SheetError::SheetOfCsv, Some(sheet)) => {
                    sheet.span.clone()
                }
                _ => file.span.clone(),
            };
            problems.push(error.diagnostic(&path, Place::Span(span)));
            parsed.diagnostics.extend(problems);
            return Ok((source, parsed, Places::default()));
        }
    };
    let offset = source.text.len() + 1;
    let combined = Source {
        path: source.path.clone(),
        text: format!("{}\n{}", source.text, imported.text),
    };
    problems.extend(imported.problems(offset));
    let places = Places {
        imported: Some((imported, offset)),
    };
    match parse::parse(&combined) {
        Ok(mut reparsed) => {
            reparsed.diagnostics.extend(problems);
            places.place(&mut reparsed.diagnostics);
            Ok((combined, reparsed, places))
        }
        Err(mut diagnostics) => {
            places.place(&mut diagnostics);
            Err((combined, diagnostics))
        }
    }
}

/// `[members]` needs `from`, and cannot stand beside `[[member]]` tables.
fn settings(from: &RawMembersFrom, has_members: bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if has_members {
        problems.push(
            Diagnostic::at(from.span.clone(), "the file has both `[members]` and `[[member]]` tables")
                .label("the members are read from a spreadsheet here")
                .hint("keep one list: add the `[[member]]` people to the spreadsheet, or remove `[members]` (`verbale import` turns the sheet into `[[member]]` tables)"),
        );
    }
    if let Field::Absent = from.from {
        problems.push(
            Diagnostic::at(from.span.clone(), "missing field `from` in `[members]`")
                .hint("add `from = \"delegation.xlsx\"`: the spreadsheet (`.xlsx`, `.ods` or `.csv`), relative to this file"),
        );
    }
    problems
}

/// `[members.columns]`: each header's field, checked.
fn configured_columns(
    from: &RawMembersFrom,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, Target)> {
    let choices = columns::configured_choices();
    let mut configured = Vec::new();
    for (header, field) in &from.columns {
        match columns::configured(&field.value) {
            Some(target) => configured.push((header.value.clone(), target)),
            None => {
                let mut diagnostic = Diagnostic::at(
                    field.span.clone(),
                    format!(
                        "unknown field `{}` for the column `{}`",
                        field.value, header.value
                    ),
                );
                if let Some(close) = did_you_mean(&field.value, &choices) {
                    diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
                }
                problems.push(diagnostic.hint(format!(
                    "the choices are {}, a field with a language (`function.fr`), or `ignore`",
                    one_of(&choices[..choices.len() - 1])
                )));
            }
        }
    }
    configured
}
