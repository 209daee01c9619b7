//! An `.xlsx` or `.ods` file's bytes -> the parts a reader needs, each inflated under a hard
//! cap whatever the archive declares, so that a small file cannot unpack to gigabytes.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::{SheetError, MAX_INFLATED_BYTES, MAX_PARTS, MAX_PART_BYTES};

/// The parts whose names `wanted` accepts, by name, in the archive's order. Other parts
/// (pictures, printer settings, macros) are never inflated.
pub fn parts(
    bytes: &[u8],
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<(String, Vec<u8>)>, SheetError> {
    let damaged = |error: zip::result::ZipError| SheetError::Damaged(Box::new(error));
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_PARTS {
        return Err(SheetError::TooManyParts {
            count: archive.len(),
        });
    }
    let mut parts = Vec::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(damaged)?;
        let name = file.name().to_string();
        if file.is_dir() || !wanted(&name) {
            continue;
        }
        let too_large = || SheetError::PartTooLarge { part: name.clone() };
        // The declared size is checked first, then the inflated bytes themselves: an archive
        // may declare anything.
        if file.size() > MAX_PART_BYTES {
            return Err(too_large());
        }
        let mut inflated = Vec::with_capacity(file.size() as usize);
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut inflated)
            .map_err(|error| SheetError::Damaged(Box::new(error)))?;
        if inflated.len() as u64 > MAX_PART_BYTES {
            return Err(too_large());
        }
        total += inflated.len() as u64;
        if total > MAX_INFLATED_BYTES {
            return Err(SheetError::InflatesTooLarge { part: name });
        }
        drop(file);
        parts.push((name, inflated));
    }
    Ok(parts)
}

/// The parts as a new archive that stores them uncompressed, for a reader that inflates what
/// it is given: it gets only what was checked.
pub fn stored(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, SheetError> {
    let damaged = |error: zip::result::ZipError| SheetError::Damaged(Box::new(error));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(false);
    for (name, bytes) in parts {
        writer.start_file(name.as_str(), options).map_err(damaged)?;
        writer
            .write_all(bytes)
            .map_err(|error| SheetError::Damaged(Box::new(error)))?;
    }
    Ok(writer.finish().map_err(damaged)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive of one part of 40 MB of one letter, about 40 kB (made once: deflating takes
    /// a while in a debug build).
    fn large() -> Vec<u8> {
        static LARGE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        LARGE.get_or_init(|| bomb(40 << 20)).clone()
    }

    /// An archive of one highly compressible part of `size` bytes.
    fn bomb(size: usize) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        writer.start_file("content.xml", options).unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..size >> 20 {
            writer.write_all(&chunk).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn a_part_that_inflates_past_the_limit_is_refused() {
        let bytes = large();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let error = parts(&bytes, |_| true).unwrap_err();
        assert!(
            matches!(&error, SheetError::PartTooLarge { part } if part == "content.xml"),
            "{error:?}"
        );
    }

    #[test]
    fn a_part_that_says_it_is_small_is_inflated_under_the_cap_all_the_same() {
        let mut bytes = large();
        // The uncompressed size in the local header and in the central directory: 1,000.
        let local = bytes.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
        bytes[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
        let archive = ZipArchive::new(Cursor::new(&bytes)).unwrap();
        assert_eq!(archive.decompressed_size(), Some(1000));
        let error = parts(&bytes, |_| true).unwrap_err();
        assert!(
            matches!(&error, SheetError::PartTooLarge { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn parts_not_wanted_are_not_inflated() {
        let bytes = large();
        assert!(parts(&bytes, |name| name != "content.xml")
            .unwrap()
            .is_empty());
        let small = bomb(1 << 20);
        let read = parts(&small, |_| true).unwrap();
        let again = parts(&stored(&read).unwrap(), |_| true).unwrap();
        assert_eq!(read, again);
    }
}
