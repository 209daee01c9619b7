//! Many delegation files -> notes on disk, one report per file. A bad file is reported and
//! skipped; the good ones are still written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::output::Outcome;
use crate::pipeline::{self, Outgoing, Settings};
use crate::{Diagnostic, Env, Error};

/// A delegation file and the folder (inside the output root) its notes go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its output folder relative to the output root.
    pub folder: PathBuf,
}

/// Finds the delegation files: each argument is a file, or a folder searched (recursively) for
/// `*.toml`. Output folders are the file's path below the given folder, without `.toml`
/// (`delegations/ccm/a.toml` -> `ccm/a`), or the file's stem for a file given by name. When two
/// inputs would share a folder, the later ones get `-2`, `-3`, ... in the order found.
pub fn collect_inputs(arguments: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    for argument in arguments {
        if argument.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(argument)
                .follow_links(true)
                .into_iter()
                .flatten()
                .filter(|e| {
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml")
                })
                .map(|e| e.into_path())
                .collect();
            found.sort();
            for path in found {
                let relative = path
                    .strip_prefix(argument)
                    .unwrap_or(&path)
                    .with_extension("");
                inputs.push(Input {
                    folder: relative,
                    path,
                });
            }
        } else if argument.is_file() {
            let stem = argument
                .file_stem()
                .map(PathBuf::from)
                .unwrap_or_else(|| "input".into());
            inputs.push(Input {
                path: argument.clone(),
                folder: stem,
            });
        } else {
            return Err(Error::NoSuchInput {
                path: argument.clone(),
            });
        }
    }
    // Each folder is given once in a run: a later input whose folder is taken gets the first
    // free `-2`, `-3`, ..., also when another input's own name is such a folder (`x-2`), or
    // differs only in case (the same folder on Windows and macOS disks).
    let mut taken: HashSet<String> = HashSet::new();
    let key = |folder: &PathBuf| folder.to_string_lossy().to_lowercase();
    for input in &mut inputs {
        let wanted = input.folder.clone();
        let mut count = 1;
        while taken.contains(&key(&input.folder)) {
            count += 1;
            let mut name = wanted.clone().into_os_string();
            name.push(format!("-{count}"));
            input.folder = PathBuf::from(name);
        }
        taken.insert(key(&input.folder));
    }
    Ok(inputs)
}

/// Settings of a batch run.
pub struct Options {
    /// The output root.
    pub output: PathBuf,
    /// The run's settings, the same for every file.
    pub settings: Settings,
    /// Keep the drafts in the reports, to send them (`--send`).
    pub keep_drafts: bool,
    /// Leave files that use a register for later ([`Status::Deferred`]): their notes are
    /// numbered one file at a time, in input order, so that a rerun gives the same numbers.
    pub defer_register: bool,
}

/// What became of one input file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The delegation file.
    pub file: PathBuf,
    /// `ok`, `failed`, or `skipped` (the run was interrupted first).
    pub status: Status,
    /// Files written or left unchanged.
    pub outputs: Vec<OutputReport>,
    /// Problems, each with its place.
    pub errors: Vec<Diagnostic>,
    /// Why the file failed, as it is printed on a terminal.
    #[serde(skip)]
    pub error: Option<Error>,
    /// The notes' mail, kept when it is to be sent (`batch --send`).
    #[serde(skip)]
    pub drafts: Vec<Outgoing>,
}

impl FileReport {
    /// Notes of this file that were written (counted by their PDFs).
    pub fn notes_written(&self) -> usize {
        self.notes(OutputStatus::Written)
    }

    /// Notes of this file left as they were.
    pub fn notes_unchanged(&self) -> usize {
        self.notes(OutputStatus::Unchanged)
    }

    fn notes(&self, status: OutputStatus) -> usize {
        self.outputs
            .iter()
            .filter(|o| o.status == status && o.path.extension().is_some_and(|e| e == "pdf"))
            .count()
    }
}

/// The outcome of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every note written (or unchanged).
    Ok,
    /// Nothing written; see the errors.
    Failed,
    /// Not looked at: the run was interrupted.
    Skipped,
    /// Uses a register, and waits for its turn (never in a finished report).
    #[serde(skip_serializing)]
    Deferred,
}

/// One output file.
#[derive(Debug, Clone, Serialize)]
pub struct OutputReport {
    /// Where it is.
    pub path: PathBuf,
    /// `written` or `unchanged`.
    pub status: OutputStatus,
}

/// Whether an output was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputStatus {
    /// New or replaced.
    Written,
    /// Already there with the same bytes.
    Unchanged,
}

/// Processes one file: validate, render every note, write them all (or none).
pub fn run_file(env: &Env, input: &Input, options: &Options, stop: &AtomicBool) -> FileReport {
    let mut report = FileReport {
        file: input.path.clone(),
        status: Status::Failed,
        outputs: Vec::new(),
        errors: Vec::new(),
        error: None,
        drafts: Vec::new(),
    };
    if stop.load(Ordering::Relaxed) {
        report.status = Status::Skipped;
        return report;
    }
    match guarded(&input.path, || write_file(env, input, options)) {
        Ok(None) => report.status = Status::Deferred,
        Ok(Some((outcomes, drafts))) => {
            report.status = Status::Ok;
            report.drafts = drafts;
            report.outputs = outcomes
                .into_iter()
                .map(|outcome| match outcome {
                    Outcome::Written(path) => OutputReport {
                        path,
                        status: OutputStatus::Written,
                    },
                    Outcome::Unchanged(path) => OutputReport {
                        path,
                        status: OutputStatus::Unchanged,
                    },
                })
                .collect();
        }
        Err(error) => {
            report.errors = error.diagnostics();
            report.error = Some(error);
        }
    }
    report
}

/// Runs the work on one file so that a fault of verbale's (a panic) is reported for that file
/// and a batch goes on with the others.
fn guarded<T>(file: &Path, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        Err(Error::Panicked {
            file: file.to_path_buf(),
            message: panic_message(panic.as_ref()),
        })
    })
}

/// What a panic said, when it said it with a string.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown fault".to_string())
}

/// What a file's notes became, and the mail to send.
type Done = (Vec<Outcome>, Vec<Outgoing>);

/// The file's outcomes (and its drafts when they are to be sent), or `None` when it uses a
/// register and `defer_register` is set.
fn write_file(env: &Env, input: &Input, options: &Options) -> Result<Option<Done>, Error> {
    let loaded = crate::load(&input.path, env, &options.settings.overrides)?;
    if loaded.delegation.register.is_some() && options.defer_register {
        return Ok(None);
    }
    let folder = options.output.join(&input.folder);
    let mut written = pipeline::issue(env, &loaded, &options.settings, &folder)?;
    let outcomes = std::mem::take(&mut written.outcomes);
    let mail = match options.keep_drafts {
        true => written.outgoing(&folder, &loaded),
        false => Vec::new(),
    };
    Ok(Some((outcomes, mail)))
}

/// Totals of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Input files.
    pub files: usize,
    /// Files that failed.
    pub failed_files: usize,
    /// Files not processed because the run was interrupted.
    pub skipped_files: usize,
    /// Notes written.
    pub notes_written: usize,
    /// Notes already up to date.
    pub notes_unchanged: usize,
}

impl Summary {
    /// Adds up the reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        Summary {
            files: reports.len(),
            failed_files: reports
                .iter()
                .filter(|r| r.status == Status::Failed)
                .count(),
            skipped_files: reports
                .iter()
                .filter(|r| r.status == Status::Skipped)
                .count(),
            notes_written: reports.iter().map(FileReport::notes_written).sum(),
            notes_unchanged: reports.iter().map(FileReport::notes_unchanged).sum(),
        }
    }

    /// `998 notes written, 2 files failed`.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![format!(
            "{} written",
            plural(self.notes_written, "note", "notes")
        )];
        if self.notes_unchanged > 0 {
            parts.push(format!(
                "{} unchanged",
                plural(self.notes_unchanged, "note", "notes")
            ));
        }
        parts.push(format!(
            "{} failed",
            plural(self.failed_files, "file", "files")
        ));
        if self.skipped_files > 0 {
            parts.push(format!(
                "{} skipped (interrupted)",
                plural(self.skipped_files, "file", "files")
            ));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_on_one_file_becomes_that_files_error() {
        let result: Result<(), Error> =
            guarded(Path::new("x.toml"), || panic!("index out of bounds"));
        let Err(Error::Panicked { file, message }) = result else {
            panic!("the panic was not caught");
        };
        assert_eq!(file, Path::new("x.toml"));
        assert_eq!(message, "index out of bounds");
        assert!(guarded(Path::new("x.toml"), || Ok(1)).is_ok());
    }
}
