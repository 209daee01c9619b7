//! The paths given to `verbale serve` -> the only files it reads and writes: the delegation
//! files (by name, from the list made at start), their output folders (downloads by plain
//! file name), and saving a file atomically unless it changed on disk since it was opened.

use std::path::{Path, PathBuf};

use super::ServeError;
use crate::input::MAX_DELEGATION_BYTES;

/// The delegation files the server may open, and where each one's notes go.
pub struct Delegations {
    /// The folder they are in.
    folder: PathBuf,
    /// Their file names in that folder, sorted; a file made on the page joins them.
    names: std::sync::RwLock<Vec<String>>,
    /// The one file given, as given (so messages name it as the command line did).
    given: Option<PathBuf>,
    /// The output folder (`--output`).
    output: PathBuf,
    /// A folder was given: each file's notes go to a folder of their own below the output.
    per_file: bool,
}

/// Why a file could not be saved.
#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is not the one the page opened.
    Changed,
    /// The file could not be read or written.
    Io(std::io::Error),
}

impl Delegations {
    /// The file given, or every `*.toml` in the folder given.
    pub fn new(path: &Path, output: PathBuf) -> Result<Delegations, ServeError> {
        let missing = || ServeError::NoSuchInput {
            path: path.to_path_buf(),
        };
        if path.is_file() {
            let name = path.file_name().ok_or_else(missing)?;
            let folder = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            return Ok(Delegations {
                folder,
                names: std::sync::RwLock::new(vec![name.to_string_lossy().into_owned()]),
                given: Some(path.to_path_buf()),
                output,
                per_file: false,
            });
        }
        let entries = std::fs::read_dir(path).map_err(|_| missing())?;
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| name.ends_with(".toml"))
            .collect();
        names.sort();
        Ok(Delegations {
            folder: path.to_path_buf(),
            names: std::sync::RwLock::new(names),
            given: None,
            output,
            per_file: true,
        })
    }

    /// The names of the files, as the page lists them.
    pub fn names(&self) -> Vec<String> {
        self.names.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The path of the file called `name`, if it is one of those given; any other name
    /// (another file, `../x`, an absolute path) is refused.
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        let path = self.given.clone().unwrap_or_else(|| self.in_folder(name));
        self.names().iter().any(|n| n == name).then_some(path)
    }

    /// A file of the folder, named as the user would (`x.toml`, not `./x.toml`).
    fn in_folder(&self, name: &str) -> PathBuf {
        if self.folder == Path::new(".") {
            PathBuf::from(name)
        } else {
            self.folder.join(name)
        }
    }

    /// Whether a folder was given (new files can then be made in it).
    pub fn is_folder(&self) -> bool {
        self.given.is_none()
    }

    /// Where the notes of the file called `name` go.
    pub fn output(&self, name: &str) -> PathBuf {
        if self.per_file {
            self.output.join(name.trim_end_matches(".toml"))
        } else {
            self.output.clone()
        }
    }

    /// A file of `name`'s output folder, for download: a plain file name of a note or mail
    /// draft, nothing with a separator or outside the folder.
    pub fn download(&self, name: &str, file: &str) -> Option<PathBuf> {
        self.path(name)?;
        let plain = !file.is_empty()
            && !file.starts_with('.')
            && !file.contains(['/', '\\', '\0'])
            && [".pdf", ".docx", ".eml"].iter().any(|e| file.ends_with(e));
        plain.then(|| self.output(name).join(file))
    }
}

/// Why a new file could not be made.
#[derive(Debug)]
pub enum NewError {
    /// A single file was given: the server may make no other.
    NotAFolder,
    /// Not a plain `*.toml` file name.
    BadName,
    /// A file of that name exists already (it is never replaced).
    Exists,
    /// The file could not be written.
    Io(std::io::Error),
}

/// What a new delegation file says: the tables a note needs, to be filled in on the form.
const BLANK: &str =
    "# A delegation file made in `verbale serve`; examples/7msp.toml shows every key.
language = \"en\"

[mission]
name = \"\"
short_name = \"\"
city = \"\"

[[meeting]]
id = \"\"
title = \"\"
city = \"\"
reference = \"\"

[meeting.recipient]
name = \"\"
address = []

[[member]]
role = \"head\"
title = \"\"
name = \"\"
";

impl Delegations {
    /// Makes a new delegation file called `name` in the folder given, from a blank form;
    /// never over a file that exists.
    pub fn create(&self, name: &str) -> Result<(), NewError> {
        use std::io::Write;
        if self.given.is_some() {
            return Err(NewError::NotAFolder);
        }
        let plain = name.len() > 5
            && name.ends_with(".toml")
            && !name.starts_with('.')
            && !name.contains(['/', '\\', '\0', ':']);
        if !plain {
            return Err(NewError::BadName);
        }
        let path = self.in_folder(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::AlreadyExists => NewError::Exists,
                _ => NewError::Io(error),
            })?;
        file.write_all(BLANK.as_bytes()).map_err(NewError::Io)?;
        let mut names = self.names.write().unwrap_or_else(|e| e.into_inner());
        names.push(name.to_string());
        names.sort();
        Ok(())
    }
}

/// The text of a delegation file and its version (the SHA-256 of its bytes).
pub fn open(path: &Path) -> std::io::Result<(String, String)> {
    let bytes = crate::files::read_bounded(path, MAX_DELEGATION_BYTES)?;
    let version = crate::register::sha256_hex(&bytes);
    let text = String::from_utf8(bytes)
        .map_err(|_| std::io::Error::other("it is not UTF-8; save it as UTF-8"))?;
    Ok((text, version))
}

/// Writes `text` over the file at `path` if the file is still the version the page opened:
/// under a temporary name in the same folder, then renamed into place, so that the file is
/// always whole. Gives the new version.
pub fn save(path: &Path, text: &str, version: &str) -> Result<String, SaveError> {
    use std::io::Write;
    let (_, current) = open(path).map_err(SaveError::Io)?;
    if current != version {
        return Err(SaveError::Changed);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".verbale-save-")
        .tempfile_in(folder)
        .map_err(SaveError::Io)?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(SaveError::Io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the file's permissions, not the temporary file's private ones.
        let _ = temporary.as_file().set_permissions(meta.permissions());
    }
    temporary
        .persist(path)
        .map_err(|error| SaveError::Io(error.error))?;
    Ok(crate::register::sha256_hex(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_files_given_and_plain_names_in_their_output_are_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "x = 1\n").unwrap();
        let d = Delegations::new(&dir.path().join("a.toml"), dir.path().join("out")).unwrap();
        assert!(d.path("a.toml").is_some());
        assert!(d.path("../a.toml").is_none());
        assert!(d.path("/etc/passwd").is_none());
        assert!(d.download("a.toml", "ccm.en.pdf").is_some());
        assert!(d.download("a.toml", "../a.pdf").is_none());
        assert!(d.download("a.toml", "a.toml").is_none());
    }

    #[test]
    fn a_new_file_is_made_only_in_a_folder_and_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "x = 1\n").unwrap();
        let folder = Delegations::new(dir.path(), dir.path().join("out")).unwrap();
        assert!(folder.create("b.toml").is_ok());
        assert!(folder.path("b.toml").is_some());
        assert!(matches!(folder.create("a.toml"), Err(NewError::Exists)));
        assert!(matches!(folder.create("../c.toml"), Err(NewError::BadName)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "x = 1\n"
        );
        let one = Delegations::new(&dir.path().join("a.toml"), dir.path().join("out")).unwrap();
        assert!(matches!(one.create("d.toml"), Err(NewError::NotAFolder)));
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x = 1\n").unwrap();
        let (_, version) = open(&path).unwrap();
        std::fs::write(&path, "x = 2\n").unwrap();
        assert!(matches!(
            save(&path, "x = 3\n", &version),
            Err(SaveError::Changed)
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x = 2\n");
    }
}
