//! Where a register of outgoing notes is kept: a file or a PostgreSQL server, as a delegation
//! file or the command line names it.

use std::fmt;
use std::path::PathBuf;

/// Where a register is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite database file.
    File(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@host/db`), without a password.
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

/// Whether a PostgreSQL URL carries a password (`postgres://user:secret@host/db`).
pub fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(url),
        }
    }
}
