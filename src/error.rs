//! Everything that can stop a command, kept as data with its context (file, note, stage, path)
//! until the command line prints it or a report serialises it.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Place};
use crate::input::Source;
use crate::mail::MailError;
use crate::note::NoteError;
use crate::output::OutputError;
use crate::template::TemplateError;

/// At most this many problems of a file are listed: past them, the first ones are the ones to
/// fix, and a file with thousands of problems (a stray bracket) still gets a short report.
pub const SHOWN: usize = 50;

/// Why a command could not do its work.
#[derive(Debug)]
pub enum Error {
    /// `SOURCE_DATE_EPOCH` is not a number of seconds since 1970.
    Clock {
        /// What it was set to.
        value: String,
    },
    /// The fonts compiled into the program cannot be read (a broken build).
    Fonts(crate::fonts::FontError),
    /// Templates that cannot be used: the run's (`--templates DIR`) or the built-in ones.
    Templates {
        /// The folder they came from; `None` for the built-in templates.
        folder: Option<PathBuf>,
        /// Every problem found in them.
        errors: Vec<TemplateError>,
    },
    /// `verbale templates` was asked for a template there is none of.
    NoTemplate {
        /// The name asked for (`en/delegaton`).
        name: String,
        /// The templates of that language there are.
        known: Vec<String>,
    },
    /// A name that cannot name a template file.
    BadTemplateName {
        /// The name.
        name: String,
    },
    /// A file that would be replaced without `--force`.
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// A delegation file with problems: all of them, in file order.
    Invalid {
        /// The file.
        file: PathBuf,
        /// Its text, when it could be read, to show each problem's line.
        source: Option<Source>,
        /// The problems found, the first [`SHOWN`] of them.
        diagnostics: Vec<Diagnostic>,
        /// How many more were found and are not listed.
        hidden: usize,
    },
    /// A valid file whose note could not be made (a template's or the writer's fault).
    Note {
        /// The delegation file.
        file: PathBuf,
        /// The note (`ccm-7msp.en`).
        note: String,
        /// What failed, and at which stage (boxed: it is large, and rare).
        error: Box<NoteError>,
    },
    /// The notes could not be written.
    Output(OutputError),
    /// Files in the way are a voided note's, which nothing replaces, not even `--force`.
    VoidedFiles {
        /// Each file, with the voided note's reference and the day it was voided.
        files: Vec<(PathBuf, String, String)>,
    },
    /// The register had numbered and recorded the notes, and then their files could not be
    /// put in place: the folder is as it was, and the numbers stay with these notes.
    Unplaced {
        /// Why the files could not be put in place.
        error: OutputError,
        /// The notes' references, kept for them in the register.
        references: Vec<String>,
    },
    /// verbale failed on a file through a fault of its own (a panic), caught so that a batch
    /// goes on with the other files.
    Panicked {
        /// The delegation file.
        file: PathBuf,
        /// What the fault said.
        message: String,
    },
    /// A path given to `batch` is neither a file nor a folder.
    NoSuchInput {
        /// The path.
        path: PathBuf,
    },
    /// The register of outgoing notes cannot be opened, read or written.
    Register(crate::register::RegisterError),
    /// The worker threads of a batch could not be started.
    Workers {
        /// The thread pool's error, as it came.
        cause: rayon::ThreadPoolBuildError,
    },
    /// A note's mail could not be made, or mail cannot be sent at all.
    Mail {
        /// The note (`ccm-7msp.en`), when it is about one.
        note: Option<String>,
        /// What failed (boxed: it is large, and rare).
        error: Box<MailError>,
    },
}

impl Error {
    /// Every problem, placed without the delegation file's text: what a JSON report lists.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Clock { value } => vec![problem(
                None,
                format!(
                    "`SOURCE_DATE_EPOCH` must be a number of seconds since 1970, not `{value}`"
                ),
                vec!["unset it, or set it to a date such as `1502755200`".into()],
            )],
            Error::Fonts(error) => vec![problem(
                None,
                error.to_string(),
                vec!["reinstall verbale; the fonts are part of the program".into()],
            )],
            Error::Templates { folder, errors } => template_problems(folder.as_deref(), errors),
            Error::NoTemplate { name, known } => vec![no_template(name, known)],
            Error::BadTemplateName { name } => vec![problem(
                None,
                format!("`{name}` cannot name a template"),
                vec!["use letters, digits, `-` and `_`".into()],
            )],
            Error::Exists { path } => vec![problem(
                Some(path.clone()),
                format!("`{}` exists already", path.display()),
                vec!["pass `--force` to replace it".into()],
            )],
            Error::Invalid {
                file,
                source,
                diagnostics,
                hidden,
            } => file_problems(file, source.as_ref(), diagnostics, *hidden),
            Error::Note { file, note, error } => vec![note_problem(file, note, error)],
            Error::Output(error) => vec![problem(
                error.path().map(PathBuf::from),
                error.to_string(),
                error.hints(),
            )],
            Error::VoidedFiles { files } => files.iter().map(voided_file).collect(),
            Error::Unplaced { error, references } => vec![unplaced(error, references)],
            Error::Panicked { file, message } => vec![problem(
                Some(file.clone()),
                format!("verbale failed on this file: {message}"),
                vec![
                    "this is a fault of verbale, not of the file; please report it with the file"
                        .into(),
                ],
            )],
            Error::NoSuchInput { path } => vec![problem(
                Some(path.clone()),
                format!("`{}` is neither a file nor a folder", path.display()),
                vec!["give delegation files (`*.toml`) or folders that hold them".into()],
            )],
            Error::Register(error) => {
                vec![problem(None, error.to_string(), error.hints())]
            }
            Error::Workers { cause } => vec![problem(
                None,
                format!("cannot start worker threads: {cause}"),
                vec!["run with fewer `--jobs`".into()],
            )],
            Error::Mail { note, error } => vec![mail_problem(note.as_deref(), error)],
        }
    }

    /// Every problem as a terminal shows it: a delegation file's with its source lines.
    pub fn render(&self) -> String {
        match self {
            Error::Invalid {
                file,
                source: Some(source),
                diagnostics,
                hidden,
            } => {
                let mut text: Vec<String> =
                    diagnostics.iter().map(|d| d.render(Some(source))).collect();
                if *hidden > 0 {
                    text.push(hidden_problems(file, *hidden).render(None));
                }
                text.join("\n")
            }
            _ => self.diagnostics().iter().map(|d| d.render(None)).collect(),
        }
    }

    /// How many problems there are.
    pub fn count(&self) -> usize {
        match self {
            Error::Invalid {
                diagnostics,
                hidden,
                ..
            } => diagnostics.len() + hidden,
            Error::Templates { errors, .. } => errors.len().max(1),
            _ => 1,
        }
    }
}

/// A problem `message` in `file` (or in no file), with how to fix it.
fn problem(file: Option<PathBuf>, message: String, hints: Vec<String>) -> Diagnostic {
    Diagnostic::in_file(file, message).hints(hints)
}

/// A template's problem, at its file, line and column when it came from a file.
fn template(error: &TemplateError) -> Diagnostic {
    let message = match &error.file {
        Some(_) => error.message.clone(),
        None => format!("template `{}`: {}", error.template, error.message),
    };
    let place = match &error.file {
        Some(path) => Place::File {
            path: path.clone(),
            position: error.position,
        },
        None => Place::Nowhere,
    };
    Diagnostic::new(place, message).hints(error.hint.iter().cloned())
}

/// Every problem of templates that cannot be used, then, for a folder of the user's, one
/// saying that the folder cannot be used.
fn template_problems(folder: Option<&Path>, errors: &[TemplateError]) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = errors.iter().map(template).collect();
    if let Some(folder) = folder {
        problems.push(problem(
            Some(folder.to_path_buf()),
            format!("the templates in `{}` cannot be used", folder.display()),
            vec!["`verbale templates check --templates DIR` lists every problem".into()],
        ));
    }
    problems
}

/// A template asked for by a name there is none of: the templates there are, and the closest.
fn no_template(name: &str, known: &[String]) -> Diagnostic {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let base = name.rsplit('/').next().unwrap_or(name);
    let mut hints = vec![format!(
        "the templates of that language are {}",
        crate::diagnostic::one_of(&known)
    )];
    if let Some(close) = crate::diagnostic::did_you_mean(base, &known) {
        hints.push(format!("did you mean `{close}`?"));
    }
    problem(None, format!("no template `{name}`"), hints)
}

/// A delegation file's problems, each at its line and column (or its sheet cell), then the
/// line that stands for those not listed.
fn file_problems(
    file: &Path,
    source: Option<&Source>,
    diagnostics: &[Diagnostic],
    hidden: usize,
) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| d.clone().placed_in(file, source))
        .chain((hidden > 0).then(|| hidden_problems(file, hidden)))
        .collect()
}

/// A note that could not be made: a template's problem at its place, else what failed.
fn note_problem(file: &Path, note: &str, error: &NoteError) -> Diagnostic {
    match error {
        NoteError::Template(error) => template(error),
        _ => problem(
            Some(file.to_path_buf()),
            format!("note `{note}`: {}", error),
            error.hints(),
        ),
    }
}

/// A file in the way that is a voided note's, kept as the record of what was withdrawn.
fn voided_file((path, reference, on): &(PathBuf, String, String)) -> Diagnostic {
    problem(
        Some(path.clone()),
        format!(
            "`{}` is the file of note {reference}, voided on {on}, and is kept as \
             the record of what was withdrawn",
            path.display()
        ),
        vec![
            "the meeting's new note has a new number: write it into another \
             folder with `-o`, or move the voided note's files aside first"
                .into(),
        ],
    )
}

/// Files that could not be put in place after the register numbered them: why, and that the
/// numbers wait for the same notes.
fn unplaced(error: &OutputError, references: &[String]) -> Diagnostic {
    problem(
        error.path().map(PathBuf::from),
        error.to_string(),
        error
            .hints()
            .into_iter()
            .chain([format!(
                "the register keeps {} for these notes: run the command again once \
                 the folder can be written, and the same notes are written under the \
                 same numbers",
                references.join(", ")
            )])
            .collect(),
    )
}

/// A note's mail, or mail at all, that failed: a template's problem at its place, else what
/// failed, in the mail configuration file when it is about that file.
fn mail_problem(note: Option<&str>, error: &MailError) -> Diagnostic {
    match error {
        MailError::Template(error) => template(error),
        _ => problem(
            match error {
                MailError::Config { path, .. } => Some(path.clone()),
                _ => None,
            },
            match note {
                Some(note) => format!("mail of note `{note}`: {error}"),
                None => error.to_string(),
            },
            error.hints(),
        ),
    }
}

/// The line that stands for the problems not listed.
fn hidden_problems(file: &Path, hidden: usize) -> Diagnostic {
    problem(
        Some(file.to_path_buf()),
        format!(
            "{hidden} more {} not listed",
            if hidden == 1 {
                "problem is"
            } else {
                "problems are"
            }
        ),
        vec!["fix the problems above, then check the file again".into()],
    )
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl std::error::Error for Error {}

impl From<crate::register::RegisterError> for Error {
    fn from(error: crate::register::RegisterError) -> Error {
        Error::Register(error)
    }
}

impl From<OutputError> for Error {
    fn from(error: OutputError) -> Error {
        Error::Output(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_problems_are_placed_by_line_and_column() {
        let source = Source::in_memory("x.toml", "a = 1\nrole = \"hed\"\n");
        let error = Error::Invalid {
            file: "x.toml".into(),
            source: Some(source),
            diagnostics: vec![
                Diagnostic::at(13..18, "unknown role `hed`").hint("did you mean `head`?")
            ],
            hidden: 0,
        };
        let problems = error.diagnostics();
        assert_eq!(problems.len(), 1);
        let json = serde_json::to_value(&problems[0]).unwrap();
        assert_eq!((&json["line"], &json["column"]), (&2.into(), &8.into()));
        assert_eq!(json["file"], "x.toml");
        assert_eq!(problems[0].hints, ["did you mean `head`?"]);
        assert!(error.render().contains("x.toml:2:8"), "{}", error.render());
    }

    #[test]
    fn other_problems_say_what_and_how_to_fix_it() {
        let error = Error::Clock {
            value: "soon".into(),
        };
        let text = error.render();
        assert!(
            text.starts_with("error: `SOURCE_DATE_EPOCH` must be"),
            "{text}"
        );
        assert!(text.contains("= hint: unset it"), "{text}");
    }
}
