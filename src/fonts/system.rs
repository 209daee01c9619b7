//! Folders to search -> the simplified Chinese faces (Noto Serif CJK SC or Source Han Serif SC)
//! found in them, each file mapped into memory once per process.
//!
//! These faces are some 26 MB each, too big to ship in the binary: Chinese notes use the
//! machine's copy (Debian's `fonts-noto-cjk`), or one in a folder the run names (`--font-dir`).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use read_fonts::{FileRef, FontRef, TableProvider};

/// File names of the regular and bold faces, in the order they are preferred: Debian's
/// collections first, then the single-face files of the upstream releases.
const FILES: [(&str, &str); 4] = [
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc"),
    ("NotoSerifCJKsc-Regular.otf", "NotoSerifCJKsc-Bold.otf"),
    ("SourceHanSerif-Regular.ttc", "SourceHanSerif-Bold.ttc"),
    ("SourceHanSerifSC-Regular.otf", "SourceHanSerifSC-Bold.otf"),
];

/// The environment variable that replaces the system's font folders (a `:`-separated list;
/// empty hides them), for machines with fonts in other places and for tests.
pub const FONT_PATH_VARIABLE: &str = "VERBALE_FONT_PATH";

/// How deep the font folders are searched (Debian: `/usr/share/fonts/opentype/noto/`).
const DEPTH: usize = 4;

/// Why a Chinese note has no font.
#[derive(Debug, Clone)]
pub enum CjkFontError {
    /// No folder searched holds a simplified Chinese face.
    NotFound {
        /// The folders searched, in order.
        searched: Vec<PathBuf>,
    },
    /// A face's file was found and cannot be read.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's error, as it came (shared: the error is kept for the run).
        cause: std::sync::Arc<std::io::Error>,
    },
    /// The faces were read and cannot be used to set text.
    Unusable {
        /// The font's fault.
        cause: super::FontError,
    },
    /// A font collection was found that holds no simplified Chinese face.
    NoChineseFace {
        /// The file.
        path: PathBuf,
    },
}

impl fmt::Display for CjkFontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CjkFontError::NotFound { searched } => {
                let folders: Vec<String> = searched
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect();
                write!(
                    f,
                    "no simplified Chinese font (Noto Serif CJK SC) for the notes in Chinese; searched {}",
                    if folders.is_empty() {
                        "no folder".to_string()
                    } else {
                        folders.join(", ")
                    }
                )
            }
            CjkFontError::Unreadable { path, cause } => write!(
                f,
                "the Chinese font `{}` cannot be used: {cause}",
                path.display()
            ),
            CjkFontError::Unusable { cause } => {
                write!(
                    f,
                    "the Chinese font Noto Serif CJK SC cannot be used: {cause}"
                )
            }
            CjkFontError::NoChineseFace { path } => write!(
                f,
                "the Chinese font `{}` cannot be used: it holds no simplified Chinese (SC) face",
                path.display()
            ),
        }
    }
}

impl CjkFontError {
    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        vec![
            "install the Debian package `fonts-noto-cjk` (`apt-get install fonts-noto-cjk`), or give \
             `--font-dir DIR`, a folder holding `NotoSerifCJK-Regular.ttc` or \
             `NotoSerifCJKsc-Regular.otf`"
                .into(),
        ]
    }
}

/// A face found: its file's bytes and its index in a collection.
#[derive(Clone, Copy)]
pub struct Found {
    /// The whole file, mapped.
    pub data: &'static [u8],
    /// The simplified Chinese face's index in the file.
    pub index: u32,
}

/// The system's font folders: `VERBALE_FONT_PATH` when set, else the XDG and Debian places.
pub fn system_folders() -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os(FONT_PATH_VARIABLE) {
        return std::env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let mut folders = Vec::new();
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        folders.push(PathBuf::from(data).join("fonts"));
    } else if let Some(home) = std::env::var_os("HOME") {
        folders.push(PathBuf::from(home).join(".local/share/fonts"));
    }
    folders.push(PathBuf::from("/usr/local/share/fonts"));
    folders.push(PathBuf::from("/usr/share/fonts"));
    folders
}

/// The regular and bold faces in the first of `folders` that has them (bold is the regular
/// face when only that is found).
pub fn find(folders: &[PathBuf]) -> Result<(Found, Found), CjkFontError> {
    for (regular, bold) in FILES {
        for folder in folders {
            if let Some(path) = file_named(folder, regular) {
                let regular_face = open(&path)?;
                let bold_face = match path.parent().map(|dir| dir.join(bold)) {
                    Some(bold_path) if bold_path.is_file() => open(&bold_path)?,
                    _ => regular_face,
                };
                return Ok((regular_face, bold_face));
            }
        }
    }
    Err(CjkFontError::NotFound {
        searched: folders.to_vec(),
    })
}

/// The first file called `name` under `folder`.
fn file_named(folder: &Path, name: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(folder)
        .max_depth(DEPTH)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .find(|entry| entry.file_type().is_file() && entry.file_name() == name)
        .map(walkdir::DirEntry::into_path)
}

/// Maps `path` (once per process) and finds its simplified Chinese face.
fn open(path: &Path) -> Result<Found, CjkFontError> {
    let data = mapped(path).map_err(|cause| CjkFontError::Unreadable {
        path: path.to_path_buf(),
        cause: cause.into(),
    })?;
    let index = simplified_face(data).ok_or_else(|| CjkFontError::NoChineseFace {
        path: path.to_path_buf(),
    })?;
    Ok(Found { data, index })
}

/// The file's bytes, mapped once per process and kept for its life: a run (or a server) reads
/// each font file once, however many notes it makes.
fn mapped(path: &Path) -> std::io::Result<&'static [u8]> {
    static MAPPED: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let mut map = MAPPED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(data) = map.get(path) {
        return Ok(data);
    }
    let file = std::fs::File::open(path)?;
    // SAFETY: font files are installed read-only and not rewritten while a run reads them;
    // a file changed under a run could at worst make it draw wrong glyphs, as for any reader.
    let mmap = unsafe { memmap2::Mmap::map(&file)? };
    let data: &'static [u8] = &Box::leak(Box::new(mmap))[..];
    map.insert(path.to_path_buf(), data);
    Ok(data)
}

/// The index of the face whose family name ends in ` SC` (a collection), or 0 (a single face
/// that can be read).
fn simplified_face(data: &[u8]) -> Option<u32> {
    match FileRef::new(data).ok()? {
        FileRef::Font(_) => Some(0),
        FileRef::Collection(collection) => (0..collection.len()).find(|&i| {
            collection
                .get(i)
                .ok()
                .is_some_and(|font| family(&font).is_some_and(|name| name.ends_with(" SC")))
        }),
    }
}

/// The face's family name (name id 1, Windows platform).
fn family(font: &FontRef) -> Option<String> {
    let name = font.name().ok()?;
    name.name_record()
        .iter()
        .find(|r| r.platform_id() == 3 && r.name_id().to_u16() == 1)
        .and_then(|r| Some(r.string(name.string_data()).ok()?.chars().collect()))
}
