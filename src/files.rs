//! Path -> bytes, bounded: the one reader of every file the program reads (delegation files,
//! spreadsheets, settings, certificates, notes to verify), for the stages and the services
//! alike. It knows nothing of what the bytes are.

use std::path::Path;

/// The largest note file (PDF, DOCX or mail draft) read back: a note with a large emblem and
/// seal takes a few megabytes.
pub const MAX_OUTPUT_BYTES: u64 = 64 << 20;

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
