//! Path -> source text, read once and kept for error messages.

use std::path::Path;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Source;

/// The largest delegation file read: a thousand members take about 150 kB.
pub const MAX_DELEGATION_BYTES: u64 = 4 << 20;

/// The largest note file (PDF, DOCX or mail draft) read back: a note with a large emblem and
/// seal takes a few megabytes.
pub const MAX_OUTPUT_BYTES: u64 = 64 << 20;

/// A file that cannot be a delegation file, and its text when it could be read (for placing the
/// problem in it).
#[derive(Debug)]
pub struct Unreadable {
    /// What is wrong.
    pub diagnostic: Diagnostic,
    /// The text, read as well as it could be (boxed: it is large, and rare).
    pub source: Option<Box<Source>>,
}

/// Reads a delegation file, refusing files that cannot be one (unreadable, not a regular file,
/// too large, not UTF-8, empty).
pub fn load(path: &Path) -> Result<Source, Unreadable> {
    let name = path.display();
    let unreadable = |diagnostic| Unreadable {
        diagnostic,
        source: None,
    };
    let bytes = read_bounded(path, MAX_DELEGATION_BYTES).map_err(|error| {
        unreadable(
            Diagnostic::whole_file(format!("cannot read `{name}`: {error}"))
                .hint("check the path; it is relative to the current folder"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let source = Source::in_memory(path, text);
        let (line, column) = source.line_column(offset);
        let end = source.text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        Unreadable {
            diagnostic: Diagnostic::at(
                offset..end,
                format!(
                    "`{name}` is not valid UTF-8 (first bad byte at line {line}, column {column})"
                ),
            )
            .label("not UTF-8")
            .hint("save the file as UTF-8; TOML files must be UTF-8"),
            source: Some(Box::new(source)),
        }
    })?;
    if text.trim().is_empty() {
        return Err(unreadable(
            Diagnostic::whole_file(format!("`{name}` is empty"))
                .hint("start from examples/7msp.toml, which lists every field"),
        ));
    }
    Ok(Source {
        path: path.to_path_buf(),
        text,
    })
}

/// Reads a regular file of at most `limit` bytes: the one reader of every file the program
/// reads. Devices, pipes and folders are refused before a byte is read, so that nothing can
/// make a run wait or grow without end.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(size, limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow after it was measured.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Opens a regular file. The kind is checked on the opened file itself, so that a path
/// swapped for a pipe after a check cannot slip through; on Unix the file is opened without
/// waiting, since opening a FIFO for reading would wait for a writer.
fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let not_a_file = |meta: &std::fs::Metadata| {
        std::io::Error::other(if meta.is_dir() {
            "it is a folder, not a file"
        } else {
            "it is not a regular file"
        })
    };
    // Refused before opening too: opening some devices has effects of its own.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    Ok(file)
}

fn too_large(size: u64, limit: u64) -> std::io::Error {
    std::io::Error::other(format!(
        "it is larger than {} (at least {size} bytes)",
        megabytes(limit)
    ))
}

/// `4 MB`, for messages.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes >> 20)
}
