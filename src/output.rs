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

/// Writes all files into `folder`, or none: existing files with other contents stop the whole
/// write unless `force` is set.
pub fn write_all(
    folder: &Path,
    files: &[Planned],
    force: bool,
) -> Result<Vec<Outcome>, OutputError> {
    let mut conflicts = Vec::new();
    let mut unchanged = Vec::new();
    // A stat is much cheaper than a failed open on some file systems; most outputs are new.
    let folder_exists = folder.is_dir();
    for file in files {
        let path = folder.join(&file.name);
        let existing = match std::fs::symlink_metadata(&path) {
            Ok(meta) if folder_exists && meta.len() == file.bytes.len() as u64 => {
                std::fs::read(&path)
            }
            Ok(_) if folder_exists => Ok(Vec::new()),
            _ => Err(std::io::ErrorKind::NotFound.into()),
        };
        match existing {
            Ok(existing) if existing == file.bytes && !file.bytes.is_empty() => {
                unchanged.push(true)
            }
            Ok(_) => {
                if !force {
                    conflicts.push(path);
                }
                unchanged.push(false);
            }
            Err(_) => unchanged.push(false),
        }
    }
    if !conflicts.is_empty() {
        return Err(OutputError::WouldOverwrite(conflicts));
    }
    std::fs::create_dir_all(folder).map_err(|source| OutputError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut outcomes = Vec::new();
    for (file, same) in files.iter().zip(unchanged) {
        let path = folder.join(&file.name);
        if same {
            outcomes.push(Outcome::Unchanged(path));
            continue;
        }
        write_atomically(folder, &path, file.bytes)?;
        outcomes.push(Outcome::Written(path));
    }
    Ok(outcomes)
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

/// Writes to a temporary file beside the target and renames it, so a reader (or an interrupted
/// run) never sees half a file. There is no fsync: a rename is atomic for every other process,
/// and syncing each note would make a batch several times slower.
fn write_atomically(folder: &Path, path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    // Temporary files are private by default; the notes are ordinary documents.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(folder)
        .map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
