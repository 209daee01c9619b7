//! `verbale import SHEET -o members.toml`: a spreadsheet's members as `[[member]]` tables.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Place};
use crate::import::{self, columns, Request};
use crate::input::Source;
use crate::model::Language;
use crate::output::OutputError;
use crate::{parse, validate, Env, Error};

/// Arguments of `verbale import`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The spreadsheet: `.xlsx`, `.ods` or `.csv`.
    file: PathBuf,
    /// The sheet to read (`.xlsx`, `.ods`); the first by default.
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// A column's field, over the recognised headers: `--column "Poste occupé=function"`, or
    /// `=ignore` to leave a column out. Repeatable.
    #[arg(long, value_name = "HEADER=FIELD")]
    column: Vec<String>,
    /// Write the tables to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, help = super::FORCE)]
    force: bool,
    /// The language of the delegation file the members go into (`en` by default): a column
    /// without a language tag beside tagged ones (`Function` beside `Function (fr)`) is its text.
    #[arg(long, value_parser = super::Choice(&Language::ALL))]
    lang: Option<Language>,
}

/// Reads the sheet, checks its members as a delegation file's, and writes their tables.
pub fn run(args: Args) -> Result<u8, Error> {
    let invalid = |source: Option<Source>, mut diagnostics: Vec<Diagnostic>| {
        diagnostics.sort_by_key(Diagnostic::offset);
        let hidden = diagnostics.len().saturating_sub(crate::error::SHOWN);
        diagnostics.truncate(crate::error::SHOWN);
        Error::Invalid {
            file: args.file.clone(),
            source,
            diagnostics,
            hidden,
        }
    };
    let mut configured = Vec::new();
    for entry in &args.column {
        match entry
            .split_once('=')
            .and_then(|(h, f)| Some((h, columns::configured(f)?)))
        {
            Some((header, target)) => configured.push((header.to_string(), target)),
            None => return Err(invalid(None, vec![bad_column(entry)])),
        }
    }
    let request = Request {
        path: &args.file,
        sheet: args.sheet.as_deref(),
        columns: &configured,
        language: args.lang.unwrap_or(Language::English),
    };
    let imported = import::import(&request)
        .map_err(|error| invalid(None, vec![error.diagnostic(&args.file, Place::WholeFile)]))?;
    let source = Source::in_memory(&args.file, imported.text.clone());
    let mut diagnostics = imported.problems(0);
    match parse::parse(&source) {
        Ok(parsed) => {
            let env = Env::builtin(None)?;
            let covers = |_, c: char| env.any_covers(c);
            diagnostics.extend(validate::members_alone(parsed, &source, &covers));
        }
        Err(problems) => diagnostics.extend(problems),
    }
    imported.place(&mut diagnostics, 0);
    if !diagnostics.is_empty() {
        return Err(invalid(Some(source), diagnostics));
    }
    let mut summary = format!(
        "read {} members from {}",
        imported.members,
        args.file.display()
    );
    if let Some(sheet) = &imported.sheet {
        summary.push_str(&format!(", sheet {sheet:?}"));
    }
    if let Some(encoding) = imported.encoding {
        summary.push_str(&format!(" (not UTF-8: read as {encoding})"));
    }
    match &args.output {
        Some(path) => {
            write(path, &imported.text, args.force)?;
            eprintln!("{summary}; wrote {}", path.display());
        }
        None => {
            print!("{}", imported.text);
            eprintln!("{summary}");
        }
    }
    Ok(0)
}

fn bad_column(entry: &str) -> Diagnostic {
    let mut choices = columns::configured_choices();
    choices.pop();
    Diagnostic::whole_file(format!("`--column {entry}` does not name a field"))
        .hint(format!(
            "write `--column \"HEADER=FIELD\"`; the fields are {}, a field with a language (`function.fr`), or `ignore`",
            crate::diagnostic::one_of(&choices)
        ))
}

/// Writes the file whole (a temporary file renamed into place); an existing file with other
/// contents is replaced only with `--force`.
fn write(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    if path.symlink_metadata().is_ok() {
        // Read only as far as the new text: a larger file (or no regular file) differs.
        let existing = crate::files::read_bounded(path, text.len() as u64);
        if existing.is_ok_and(|existing| existing == text.as_bytes()) {
            return Ok(());
        }
        if !force {
            return Err(Error::Exists {
                path: path.to_path_buf(),
            });
        }
    }
    let io = |source: std::io::Error| {
        Error::Output(OutputError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(io)?;
    std::io::Write::write_all(&mut temporary, text.as_bytes()).map_err(io)?;
    temporary.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
