//! Note bytes -> files. The only module that writes to the output folder: every file is written
//! to a temporary name and renamed into place, and nothing is written unless all can be.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file to write.
pub struct Planned<'a> {
    /// File name inside the output folder (validated to be a plain name).
    pub name: String,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// What happened to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written (new, or replaced with `--force`).
    Written(PathBuf),
    /// Already there with the same bytes; left alone.
    Unchanged(PathBuf),
}

/// Why the files were not written.
#[derive(Debug)]
pub enum OutputError {
    /// Files that exist with other contents, and `--force` was not given.
    WouldOverwrite(Vec<PathBuf>),
    /// The folder or a file could not be written.
    Io {
        /// What was being written.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::WouldOverwrite(paths) => {
                let list: Vec<String> =
                    paths.iter().map(|p| format!("`{}`", p.display())).collect();
                write!(
                    f,
                    "{} with other contents: {}",
                    if paths.len() == 1 {
                        "a file exists already"
                    } else {
                        "files exist already"
                    },
                    list.join(", ")
                )
            }
            OutputError::Io { path, source } => {
                write!(f, "cannot write `{}`: {source}", path.display())
            }
        }
    }
}

impl OutputError {
    /// The file or folder concerned.
    pub fn path(&self) -> Option<&Path> {
        match self {
            OutputError::WouldOverwrite(paths) => paths.first().map(PathBuf::as_path),
            OutputError::Io { path, .. } => Some(path),
        }
    }

    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        match self {
            OutputError::WouldOverwrite(_) => {
                vec!["pass `--force` to replace them, or choose another folder with `-o`".into()]
            }
            OutputError::Io { .. } => Vec::new(),
        }
    }
}

/// Writes all files into `folder`, or none: [`stage`], then [`Staged::place`].
#[cfg(test)]
fn write_all(folder: &Path, files: &[Planned], force: bool) -> Result<Vec<Outcome>, OutputError> {
    stage(folder, files, force)?.place()
}

/// Files written in full under temporary names beside their places, and not yet visible:
/// what [`Staged::place`] renames into place. The output folder stays locked until then, so
/// another run writing into it waits and sees these files before it decides what to replace.
/// Dropped without being placed, the temporary files are removed and nothing has changed.
pub struct Staged {
    plans: Vec<(PathBuf, Existing)>,
    temporaries: Vec<(tempfile::NamedTempFile, PathBuf)>,
    folder: PathBuf,
    _lock: Lock,
}

/// Checks what is in `folder` and writes every new or changed file to a temporary name:
/// existing files with other contents stop it unless `force` is set. Nothing visible changes.
pub fn stage(folder: &Path, files: &[Planned], force: bool) -> Result<Staged, OutputError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let lock = lock(folder).map_err(io(folder))?;
    let mut conflicts = Vec::new();
    let mut plans = Vec::new();
    for file in files {
        let path = folder.join(&file.name);
        let state = existing(&path, file.bytes).map_err(io(&path))?;
        if state == Existing::Different && !force {
            conflicts.push(path.clone());
        }
        plans.push((path, state));
    }
    if !conflicts.is_empty() {
        return Err(OutputError::WouldOverwrite(conflicts));
    }
    let mut temporaries = Vec::new();
    for (file, (path, state)) in files.iter().zip(&plans) {
        if *state != Existing::Same {
            let temp = temporary(folder, file.bytes).map_err(io(path))?;
            temporaries.push((temp, path.clone()));
        }
    }
    Ok(Staged {
        plans,
        temporaries,
        folder: folder.to_path_buf(),
        _lock: lock,
    })
}

impl Staged {
    /// Where each file goes, in the order given to [`stage`].
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.plans.iter().map(|(path, _)| path.as_path())
    }

    /// Renames every staged file into place. If a rename fails, the files already renamed are
    /// put back as they were, so that the folder holds all the new files or none.
    pub fn place(self) -> Result<Vec<Outcome>, OutputError> {
        let mut done: Vec<Renamed> = Vec::new();
        for (temp, path) in self.temporaries {
            let renamed = match crate::faults::hit("rename") {
                true => Err(OutputError::Io {
                    path: path.clone(),
                    source: crate::faults::injected("rename"),
                }),
                false => rename_into_place(&self.folder, temp, &path),
            };
            match renamed {
                Ok(renamed) => done.push(renamed),
                Err(error) => {
                    for renamed in done.into_iter().rev() {
                        renamed.undo();
                    }
                    return Err(error);
                }
            }
        }
        for renamed in done {
            renamed.keep();
        }
        Ok(self
            .plans
            .into_iter()
            .map(|(path, state)| match state {
                Existing::Same => Outcome::Unchanged(path),
                _ => Outcome::Written(path),
            })
            .collect())
    }
}

/// Writes one file into `folder` in a single step (a temporary file renamed into place),
/// replacing what is there: for records a run keeps up to date, not for notes.
pub fn replace(folder: &Path, file: &Planned) -> Result<PathBuf, OutputError> {
    let path = folder.join(&file.name);
    let io = |source| OutputError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(io)?;
    let temp = temporary(folder, file.bytes).map_err(io)?;
    temp.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}

/// What is at a file's place already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Existing {
    /// Nothing.
    None,
    /// A file with the same bytes.
    Same,
    /// A file with other bytes.
    Different,
}

fn existing(path: &Path, bytes: &[u8]) -> std::io::Result<Existing> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::None),
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        return Err(std::io::Error::other(
            "a folder stands where the file should go",
        ));
    }
    // Comparing sizes first spares reading files that changed.
    if meta.is_file() && meta.len() == bytes.len() as u64 && std::fs::read(path)? == bytes {
        Ok(Existing::Same)
    } else {
        Ok(Existing::Different)
    }
}

/// A held output folder (released when dropped).
#[cfg(unix)]
type Lock = std::fs::File;
#[cfg(not(unix))]
type Lock = ();

/// Holds the output folder while this run checks and writes its files (released when dropped).
#[cfg(unix)]
fn lock(folder: &Path) -> std::io::Result<Lock> {
    // A folder can be locked like a file on Unix, which leaves nothing behind in it.
    let handle = std::fs::File::open(folder)?;
    handle.lock()?;
    Ok(handle)
}

#[cfg(not(unix))]
fn lock(_folder: &Path) -> std::io::Result<Lock> {
    Ok(())
}

/// A file renamed into place, and the file it replaced (kept aside until the run succeeds).
struct Renamed {
    path: PathBuf,
    replaced: Option<tempfile::TempPath>,
}

impl Renamed {
    /// Puts back what was there before.
    fn undo(self) {
        match self.replaced {
            Some(previous) => {
                let _ = previous.persist(&self.path);
            }
            None => {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }

    /// Drops the replaced file for good (its temporary name is removed).
    fn keep(self) {
        drop(self.replaced);
    }
}

/// Moves `temp` to `path`; a file already there is kept aside under a temporary name first, so
/// that it can be put back.
fn rename_into_place(
    folder: &Path,
    temp: tempfile::NamedTempFile,
    path: &Path,
) -> Result<Renamed, OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let replaced = if path.exists() {
        let aside = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .suffix(TEMPORARY_SUFFIX)
            // A second link costs nothing; file systems without links get a copy.
            .make_in(folder, |aside| {
                std::fs::hard_link(path, aside).or_else(|_| std::fs::copy(path, aside).map(drop))
            })
            .map_err(io)?
            .into_temp_path();
        Some(aside)
    } else {
        None
    };
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(Renamed {
        path: path.to_path_buf(),
        replaced,
    })
}

/// Prefix and suffix of the temporary files that are renamed into place.
const TEMPORARY_PREFIX: &str = ".verbale-";
const TEMPORARY_SUFFIX: &str = ".part";

/// Removes temporary files that a killed run left in `folder` and below (a run that is stopped
/// with Ctrl-C removes its own). Returns how many were removed.
pub fn remove_stale_temporaries(folder: &Path) -> usize {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.file_type().is_file()
                && name.starts_with(TEMPORARY_PREFIX)
                && name.ends_with(TEMPORARY_SUFFIX)
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// A new file beside the targets holding `bytes`, removed again unless it is renamed into
/// place. There is no fsync: a rename is atomic for every other process, and syncing each note
/// would make a batch several times slower.
fn temporary(folder: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    // Temporary files are private by default; the notes are ordinary documents.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned<'a>(name: &str, bytes: &'a [u8]) -> Planned<'a> {
        Planned {
            name: name.to_string(),
            bytes,
        }
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_every_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"earlier").unwrap();
        let too_long = format!("{}.docx", "x".repeat(300));
        let files = [planned("a.pdf", b"new"), planned(&too_long, b"new")];
        assert!(write_all(dir.path(), &files, true).is_err());
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"earlier");
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }

    #[test]
    fn a_folder_where_a_file_should_go_stops_the_whole_write() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b.docx")).unwrap();
        let files = [planned("a.pdf", b"new"), planned("b.docx", b"new")];
        let error = write_all(dir.path(), &files, true).unwrap_err();
        assert!(error.to_string().contains("b.docx"), "{error}");
        assert_eq!(names(dir.path()), ["b.docx"]);
    }

    #[test]
    fn the_same_bytes_are_left_alone_and_other_bytes_need_force() {
        let dir = tempfile::tempdir().unwrap();
        let files = [planned("a.pdf", b"one"), planned("a.docx", b"two")];
        let first = write_all(dir.path(), &files, false).unwrap();
        assert!(matches!(first[0], Outcome::Written(_)));
        let again = write_all(dir.path(), &files, false).unwrap();
        assert!(matches!(again[0], Outcome::Unchanged(_)));
        let changed = [planned("a.pdf", b"one"), planned("a.docx", b"2")];
        assert!(matches!(
            write_all(dir.path(), &changed, false),
            Err(OutputError::WouldOverwrite(paths)) if paths.len() == 1
        ));
        assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), b"two");
        let forced = write_all(dir.path(), &changed, true).unwrap();
        assert!(matches!(forced[0], Outcome::Unchanged(_)));
        assert!(matches!(forced[1], Outcome::Written(_)));
        assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), b"2");
        assert_eq!(
            names(dir.path()),
            ["a.docx", "a.pdf"],
            "no temporary file is left"
        );
    }

    #[test]
    fn a_file_put_back_has_its_earlier_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, b"earlier").unwrap();
        let mut temp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
        temp.write_all(b"new").unwrap();
        let renamed = rename_into_place(dir.path(), temp, &path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        renamed.undo();
        assert_eq!(std::fs::read(&path).unwrap(), b"earlier");
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }
}
