//! The mission and its emblem.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Image, ImageFormat, Mission};
use crate::parse::{LocalText, RawMission, Sp};

use super::{Needed, Validator};

impl Validator<'_> {
    pub(super) fn mission(&mut self, raw: &RawMission, needed: &[Needed]) -> Option<Mission> {
        let place = "in `[mission]`";
        let local = |v: &mut Self, field: &LocalText, key: &str, required: bool| {
            v.local(
                field,
                key,
                &format!("mission.{key}"),
                &raw.span,
                place,
                needed,
                required,
            )
        };
        let name = local(self, &raw.name, "name", true);
        let short_name = local(self, &raw.short_name, "short_name", true);
        let city = local(self, &raw.city, "city", true);
        let state = local(self, &raw.state, "state", false);
        let emblem = match raw.emblem.given() {
            Some(path) => Some(self.image(path)?),
            None => None,
        };
        Some(Mission {
            name: name.ok()??,
            short_name: short_name.ok()??,
            city: city.ok()??,
            state: state.ok()?,
            emblem,
        })
    }

    pub(super) fn image(&mut self, path: &Sp<String>) -> Option<Image> {
        let full = self.source.base_dir().join(&path.value);
        let bytes = match std::fs::read(&full) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!("cannot read the emblem `{}`: {error}", full.display()),
                    )
                    .hint("the path is relative to the delegation file; remove `emblem` to print no emblem"),
                );
                return None;
            }
        };
        let format = match imagesize::image_type(&bytes) {
            Ok(imagesize::ImageType::Png) => ImageFormat::Png,
            Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
            _ => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!("the emblem `{}` is not a PNG or JPEG image", path.value),
                    )
                    .hint("convert it to PNG (best for drawn emblems) or JPEG"),
                );
                return None;
            }
        };
        match imagesize::blob_size(&bytes) {
            Ok(size) if size.width > 0 && size.height > 0 => Some(Image {
                path: full,
                bytes: Arc::new(bytes),
                format,
                width_px: size.width as u32,
                height_px: size.height as u32,
            }),
            _ => {
                self.push(
                    Diagnostic::at(
                        path.span.clone(),
                        format!(
                            "the emblem `{}` is damaged: its size cannot be read",
                            path.value
                        ),
                    )
                    .hint("open and save it again in an image editor"),
                );
                None
            }
        }
    }
}
