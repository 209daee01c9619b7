//! An emblem or seal chosen in the page -> a PNG or JPEG file beside the delegation file,
//! written whole (temporary name, then renamed), under a plain file name only, and never over
//! a different file unless the page confirmed it. The form then names it through the edit
//! route, as if typed.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::routes::{delegation, internal, Refusal};
use super::App;
use crate::files::megabytes;
use crate::validate::MAX_EMBLEM_BYTES;

/// Why a picture was not written.
#[derive(Debug)]
pub enum PictureError {
    /// The name is not a plain `*.png`, `*.jpg` or `*.jpeg` file name.
    BadName,
    /// Larger than the command line reads.
    TooLarge(usize),
    /// Not a PNG or JPEG image, whatever its name says.
    NotPngOrJpeg,
    /// A different file of that name is there, and replacing it was not confirmed.
    Exists,
    /// The folder could not be written.
    Io(std::io::Error),
}

impl PictureError {
    /// The message, naming the file.
    pub fn message(&self, name: &str) -> String {
        match self {
            PictureError::BadName => format!("`{name}` cannot name a picture here"),
            PictureError::TooLarge(size) => format!(
                "`{name}` is {}, more than the {} an emblem or seal may have",
                megabytes(*size as u64),
                megabytes(MAX_EMBLEM_BYTES)
            ),
            PictureError::NotPngOrJpeg => format!("`{name}` is not a PNG or JPEG image"),
            PictureError::Exists => {
                format!("`{name}` exists beside the delegation file with other contents")
            }
            PictureError::Io(error) => format!("cannot write `{name}`: {error}"),
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            PictureError::BadName => {
                "give a plain file name ending in `.png`, `.jpg` or `.jpeg`, without a folder"
                    .into()
            }
            PictureError::TooLarge(_) => {
                "scale it down: it prints 2 cm high, for which 600 pixels are plenty".into()
            }
            PictureError::NotPngOrJpeg => {
                "convert it to PNG (best for drawings and stamps) or JPEG".into()
            }
            PictureError::Exists => {
                "rename the picture, or confirm that it replaces the file there".into()
            }
            PictureError::Io(_) => "check that the folder can be written".into(),
        }
    }
}

/// What the page sends with the picture's bytes.
#[derive(Deserialize)]
pub(super) struct PictureAsk {
    /// The delegation file.
    name: String,
    /// The picture's file name.
    file: String,
    /// Replace a different file of that name (the page asked the user).
    #[serde(default)]
    replace: bool,
}

/// `POST /api/picture?name=…&file=…`, body = the picture's bytes: `{"file", "unchanged"}`.
pub(super) async fn upload(
    State(app): State<Arc<App>>,
    Query(ask): Query<PictureAsk>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Value>, Refusal> {
    let path = delegation(&app, &ask.name)?;
    // The route reads no more than the limit: a larger body is refused in the same words.
    let body = body.map_err(|_| {
        let error = PictureError::TooLarge(MAX_EMBLEM_BYTES as usize + 1);
        Refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "`{}` is larger than the {} an emblem or seal may have",
                ask.file,
                megabytes(MAX_EMBLEM_BYTES)
            ),
            vec![error.hint()],
        )
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file = ask.file.clone();
    let stored = tokio::task::spawn_blocking(move || store(&folder, &ask.file, &body, ask.replace))
        .await
        .map_err(internal)?;
    match stored {
        Ok(unchanged) => Ok(Json(json!({ "file": file, "unchanged": unchanged }))),
        Err(error) => {
            let status = match error {
                PictureError::Exists => StatusCode::CONFLICT,
                PictureError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                PictureError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            Err(Refusal(status, error.message(&file), vec![error.hint()]))
        }
    }
}

/// Whether `name` is a plain picture file name: no folder, no hidden file, PNG or JPEG by
/// its extension.
fn plain(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e))
}

/// Writes `bytes` as `folder/name`; true when the file was already there with these bytes.
pub fn store(folder: &Path, name: &str, bytes: &[u8], replace: bool) -> Result<bool, PictureError> {
    if !plain(name) {
        return Err(PictureError::BadName);
    }
    if bytes.len() as u64 > MAX_EMBLEM_BYTES {
        return Err(PictureError::TooLarge(bytes.len()));
    }
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png | imagesize::ImageType::Jpeg) => {}
        _ => return Err(PictureError::NotPngOrJpeg),
    }
    let path = folder.join(name);
    match crate::files::read_bounded(&path, MAX_EMBLEM_BYTES) {
        Ok(there) if there == bytes => return Ok(true),
        Ok(_) if !replace => return Err(PictureError::Exists),
        Err(_) if path.exists() && !replace => return Err(PictureError::Exists),
        _ => {}
    }
    let mut temporary = tempfile::Builder::new()
        .prefix(".verbale-picture-")
        .tempfile_in(folder)
        .map_err(PictureError::Io)?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(PictureError::Io)?;
    temporary
        .persist(&path)
        .map_err(|error| PictureError::Io(error.error))?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

    #[test]
    fn only_a_plain_picture_name_is_written() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../e.png", "sub/e.png", "a\\e.png", ".e.png", "e.gif", ""] {
            assert!(
                matches!(
                    store(dir.path(), bad, PNG, false),
                    Err(PictureError::BadName)
                ),
                "{bad}"
            );
        }
        assert!(!store(dir.path(), "e.png", PNG, false).unwrap());
        assert_eq!(std::fs::read(dir.path().join("e.png")).unwrap(), PNG);
    }

    #[test]
    fn a_different_file_is_replaced_only_when_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("e.png"), b"other").unwrap();
        assert!(matches!(
            store(dir.path(), "e.png", PNG, false),
            Err(PictureError::Exists)
        ));
        assert_eq!(std::fs::read(dir.path().join("e.png")).unwrap(), b"other");
        assert!(!store(dir.path(), "e.png", PNG, true).unwrap());
        assert!(
            store(dir.path(), "e.png", PNG, false).unwrap(),
            "same bytes"
        );
    }
}
