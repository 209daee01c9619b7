//! The outside world a run reads once and every note shares: the templates, the fonts and the
//! clock. The command line builds it; tests build it in memory.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::dates::Date;
use crate::fonts::system::{self, CjkFontError};
use crate::fonts::Fonts;
use crate::model::Language;
use crate::template::Templates;
use crate::Error;

/// What the outside world provides to a run: templates, fonts and the clock. Built once per
/// run and shared by every note; it holds nothing that notes add to.
pub struct Env {
    /// Compiled templates.
    pub templates: Templates,
    /// Parsed fonts.
    pub fonts: Fonts,
    /// The bundled Arabic faces.
    pub arabic: Fonts,
    /// Folders searched for the Chinese faces before the system's (`--font-dir`).
    pub font_dirs: Vec<PathBuf>,
    /// The Chinese stack, found and parsed on first use: a run without Chinese notes never
    /// looks for it.
    chinese: OnceLock<Result<Fonts, CjkFontError>>,
    /// The creation date to write into files, from `SOURCE_DATE_EPOCH`; `None` uses each
    /// note's own date.
    pub clock: Option<Date>,
}

impl Env {
    /// The built-in templates and fonts, with the given clock.
    pub fn builtin(clock: Option<Date>) -> Result<Env, Error> {
        let templates = Templates::builtin().map_err(|error| Error::Templates {
            folder: None,
            errors: vec![error],
        })?;
        Env::with_templates(templates, clock)
    }

    /// Given templates, the built-in fonts, and the clock.
    pub fn with_templates(templates: Templates, clock: Option<Date>) -> Result<Env, Error> {
        Ok(Env {
            templates,
            fonts: Fonts::builtin().map_err(Error::Fonts)?,
            arabic: Fonts::arabic().map_err(Error::Fonts)?,
            font_dirs: Vec::new(),
            chinese: OnceLock::new(),
            clock,
        })
    }

    /// The fonts a note in `language` is set in: the Chinese faces for Chinese (found once per
    /// run, in `font_dirs` then the system's folders), Noto Naskh Arabic for Arabic, the bundled family for
    /// the others.
    pub fn fonts_for(&self, language: Language) -> Result<&Fonts, CjkFontError> {
        match language {
            Language::Chinese => {}
            Language::Arabic => return Ok(&self.arabic),
            _ => return Ok(&self.fonts),
        }
        self.chinese
            .get_or_init(|| {
                let mut folders = self.font_dirs.clone();
                folders.extend(system::system_folders());
                let (regular, bold) = system::find(&folders)?;
                Fonts::chinese(regular, bold).map_err(|cause| CjkFontError::Unusable { cause })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Whether the Chinese faces draw `c`; without them, whether `c` is a Chinese character or
    /// one the bundled family draws (a note in Chinese then stops on the missing font).
    pub fn chinese_covers(&self, c: char) -> bool {
        match self.fonts_for(Language::Chinese) {
            Ok(chinese) => chinese.covers(c),
            Err(_) => crate::fonts::is_chinese(c) || self.fonts.covers(c),
        }
    }

    /// Whether the fonts of a note in `language` draw `c` (for Chinese, see `chinese_covers`).
    pub fn covers(&self, language: Language, c: char) -> bool {
        match language {
            Language::Chinese => self.chinese_covers(c),
            Language::Arabic => self.arabic.covers(c),
            _ => self.fonts.covers(c),
        }
    }

    /// Whether some font of the run can draw `c`, for checking a file's texts before their
    /// notes are made: the bundled families', or the Chinese faces' when the machine has them.
    /// Without them, ideographs pass here, and the note in Chinese stops on the missing font.
    pub fn any_covers(&self, c: char) -> bool {
        self.fonts.covers(c)
            || self.arabic.covers(c)
            || match self.fonts_for(Language::Chinese) {
                Ok(chinese) => chinese.covers(c),
                Err(_) => crate::fonts::is_chinese(c),
            }
    }

    /// Reads `SOURCE_DATE_EPOCH` (seconds since 1970), as reproducible builds define it.
    pub fn clock_from_environment() -> Result<Option<Date>, Error> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(Date::from_unix_seconds)
                .map(Some)
                .ok_or(Error::Clock { value }),
            Err(_) => Ok(None),
        }
    }
}
