//! Where a register of outgoing notes is kept: a file or a PostgreSQL server, as a delegation
//! file or the command line names it.

use std::fmt;
use std::path::PathBuf;

/// The register's file name beside the delegation file, when nothing else is said.
pub const DEFAULT_FILE: &str = "register.sqlite";

/// Where a register is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite database file.
    File(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host/db`); shown with any password as
    /// `***`.
    Postgres(String),
}

impl Location {
    /// A path, or a URL if it starts with `postgres://` or `postgresql://`.
    pub fn parse(text: &str) -> Location {
        if is_url(text) {
            Location::Postgres(text.to_string())
        } else {
            Location::File(PathBuf::from(text))
        }
    }
}

/// Whether a register setting names a PostgreSQL server rather than a file.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// The URL settings that libpq reads and the PostgreSQL client's parser does not; the register
/// takes them out of the URL before the client reads it.
pub const LIBPQ_ONLY: [&str; 3] = ["sslmode", "sslrootcert", "service"];

/// Whether a PostgreSQL URL carries a password (`postgres://user:secret@host/db`, or
/// `?password=secret`), as the PostgreSQL client reads it.
pub fn url_has_password(url: &str) -> bool {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
            !pair.is_empty() && !LIBPQ_ONLY.contains(&key.as_ref())
        })
        .collect();
    let client_url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    match client_url.parse::<postgres::Config>() {
        Ok(config) => config.get_password().is_some(),
        // A URL the client refuses is looked at as text, by the client's rules.
        Err(_) => !crate::redact::password_ranges(url).is_empty(),
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            // A password given on the command line is never printed back.
            Location::Postgres(url) => f.write_str(&crate::redact::hide(url)),
        }
    }
}
