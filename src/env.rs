//! The outside world a run reads once and every note shares: the templates, the fonts and the
//! clock. The command line builds it; tests build it in memory.

use crate::dates::Date;
use crate::fonts::Fonts;
use crate::template::Templates;
use crate::Error;

/// What the outside world provides to a run: templates, fonts and the clock. Built once per
/// run and shared by every note; it holds nothing that notes add to.
pub struct Env {
    /// Compiled templates.
    pub templates: Templates,
    /// Parsed fonts.
    pub fonts: Fonts,
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
            clock,
        })
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
