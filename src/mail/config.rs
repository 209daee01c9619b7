//! The SMTP settings file -> where and how to send: host, port, security, user name, how long
//! to wait for the server and which certificate authority to trust besides the system's. The
//! password is never in it (see [`super::send::PASSWORD_VARIABLE`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::MailError;

/// How the connection to the server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a server on this machine.
    None,
}

/// Where and how to send.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// The server's host name.
    pub host: String,
    /// Its port; by default 587 for STARTTLS, 465 for TLS, 25 without.
    pub port: Option<u16>,
    /// `starttls`, `tls`, or `none` (this machine only).
    pub security: Security,
    /// The user name to log in with; without it, no login.
    pub user: Option<String>,
    /// How many seconds to wait for each answer of the server (default [`DEFAULT_TIMEOUT`]).
    pub timeout: Option<u64>,
    /// A PEM file of certificate authorities trusted besides the system's (a mission's own);
    /// relative to the settings file's folder.
    pub ca_file: Option<PathBuf>,
    /// The settings file itself, named in hints.
    #[serde(skip)]
    pub path: PathBuf,
}

/// How long to wait for each answer of the server when the settings do not say: long enough
/// for a busy server, short enough that a silent one ends the run's sending soon.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest `timeout` accepted, in seconds.
const MAX_TIMEOUT: u64 = 600;

impl SmtpConfig {
    /// The port to connect to.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        })
    }

    /// How long to wait for each answer of the server.
    pub fn timeout(&self) -> Duration {
        self.timeout.map_or(DEFAULT_TIMEOUT, Duration::from_secs)
    }

    /// The certificate authority file, resolved against the settings file's folder.
    pub fn ca_file(&self) -> Option<PathBuf> {
        let folder = self.path.parent().unwrap_or(Path::new("."));
        self.ca_file.as_ref().map(|file| folder.join(file))
    }
}

/// The settings file's place when `--smtp` is not given: `$XDG_CONFIG_HOME/verbale/smtp.toml`,
/// else `~/.config/verbale/smtp.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("verbale").join("smtp.toml"))
}

/// The SMTP settings file: the one given, else the default one.
pub fn settings_path(given: Option<&Path>) -> Result<PathBuf, MailError> {
    match given {
        Some(path) => Ok(path.to_path_buf()),
        None => default_path().ok_or_else(|| MailError::Config {
            path: PathBuf::from("~/.config/verbale/smtp.toml"),
            reason: "no home folder to find it in".into(),
            hint: "give the file with `--smtp FILE`".into(),
        }),
    }
}

/// An example of the file, for hints.
pub const EXAMPLE: &str =
    "host = \"smtp.example.org\"\nport = 587\nsecurity = \"starttls\"\nuser = \"mission@example.org\"";

/// Reads and checks the settings file.
pub fn load(path: &Path) -> Result<SmtpConfig, MailError> {
    let wrong = |reason: String, hint: &str| MailError::Config {
        path: path.to_path_buf(),
        reason,
        hint: hint.to_string(),
    };
    // A settings file is a few lines; read as every input is, a pipe or device refused.
    let text = crate::files::read_bounded(path, 1 << 20)
        .and_then(|bytes| String::from_utf8(bytes).map_err(std::io::Error::other))
        .map_err(|e| {
            wrong(
                format!("cannot read it: {e}"),
                &format!("write the file with, for example:\n{EXAMPLE}"),
            )
        })?;
    let mut config: SmtpConfig = toml::from_str(&text).map_err(|e| {
        wrong(
            e.to_string().trim_end().to_string(),
            "the keys are `host`, `port`, `security` (`starttls`, `tls` or `none`), `user`, \
             `timeout` (seconds) and `ca_file`",
        )
    })?;
    config.path = path.to_path_buf();
    if let Some(seconds) = config.timeout.filter(|s| !(1..=MAX_TIMEOUT).contains(s)) {
        return Err(wrong(
            format!("`timeout = {seconds}` is not between 1 and {MAX_TIMEOUT} seconds"),
            &format!(
                "leave it out to wait {} seconds for each answer of the server",
                DEFAULT_TIMEOUT.as_secs()
            ),
        ));
    }
    if config.security == Security::None && !is_this_machine(&config.host) {
        return Err(wrong(
            format!(
                "`security = \"none\"` would send the password and the notes unencrypted to `{}`",
                config.host
            ),
            "use `starttls` or `tls`; `none` is only for a server on 127.0.0.1",
        ));
    }
    Ok(config)
}

fn is_this_machine(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "::1" | "localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<SmtpConfig, MailError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("smtp.toml");
        std::fs::write(&path, text).unwrap();
        load(&path)
    }

    #[test]
    fn ports_follow_the_security_unless_given() {
        let config = load_text("host = \"smtp.example.org\"\nsecurity = \"starttls\"\n").unwrap();
        assert_eq!(config.port(), 587);
        let config = load_text("host = \"smtp.example.org\"\nsecurity = \"tls\"\n").unwrap();
        assert_eq!(config.port(), 465);
        let config =
            load_text("host = \"127.0.0.1\"\nport = 2525\nsecurity = \"none\"\nuser = \"u\"\n")
                .unwrap();
        assert_eq!((config.port(), config.user.as_deref()), (2525, Some("u")));
        assert_eq!(config.timeout(), DEFAULT_TIMEOUT);
    }

    #[test]
    fn the_timeout_is_in_seconds_and_bounded_and_the_ca_file_beside_the_settings() {
        let config = load_text(
            "host = \"smtp.example.org\"\nsecurity = \"tls\"\ntimeout = 5\nca_file = \"ca.pem\"\n",
        )
        .unwrap();
        assert_eq!(config.timeout(), Duration::from_secs(5));
        assert_eq!(
            config.ca_file().unwrap(),
            config.path.parent().unwrap().join("ca.pem")
        );
        let error = load_text("host = \"smtp.example.org\"\nsecurity = \"tls\"\ntimeout = 0\n")
            .unwrap_err();
        assert!(error.to_string().contains("between 1 and 600"), "{error}");
    }

    #[test]
    fn no_encryption_only_on_this_machine_and_no_password_key() {
        let error = load_text("host = \"smtp.example.org\"\nsecurity = \"none\"\n").unwrap_err();
        assert!(error.to_string().contains("unencrypted"), "{error}");
        let error =
            load_text("host = \"smtp.example.org\"\nsecurity = \"tls\"\npassword = \"x\"\n")
                .unwrap_err();
        assert!(
            error.to_string().contains("unknown field `password`"),
            "{error}"
        );
    }
}
