//! Draft -> the mission's SMTP server: one connection per run, one message per note, and the
//! server's answer for each.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::config::{Security, SmtpConfig};
use super::{Draft, MailError};

/// The environment variable the password is read from.
pub const PASSWORD_VARIABLE: &str = "VERBALE_SMTP_PASSWORD";

/// How long to wait for the server at each step, so that a silent server ends the run.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A server to send through.
pub struct Server {
    transport: SmtpTransport,
}

impl Server {
    /// Sets up the connection (made when the first message is sent); `password` is needed
    /// when the settings name a user.
    pub fn new(config: &SmtpConfig, password: Option<String>) -> Result<Server, MailError> {
        let tls = || {
            TlsParameters::new(config.host.clone()).map_err(|e| MailError::Build {
                reason: e.to_string(),
            })
        };
        let tls = match config.security {
            Security::Starttls => Tls::Required(tls()?),
            Security::Tls => Tls::Wrapper(tls()?),
            Security::None => Tls::None,
        };
        let mut builder = SmtpTransport::builder_dangerous(config.host.clone())
            .port(config.port())
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(user) = &config.user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.ok_or(MailError::NoPassword)?,
            ));
        }
        Ok(Server {
            transport: builder.build(),
        })
    }

    /// Sends one draft as it is; the server's answer on success, or its refusal (or why it
    /// could not be reached) on failure.
    pub fn send(&self, draft: &Draft) -> Result<String, String> {
        match self.transport.send_raw(&draft.envelope, &draft.bytes) {
            Ok(response) => {
                let lines: Vec<&str> = response.message().collect();
                Ok(format!("{} {}", response.code(), lines.join(" ")))
            }
            Err(error) => Err(describe(&error)),
        }
    }
}

/// The error and what lies under it (lettre's own message often leaves out the cause).
fn describe(error: &lettre::transport::smtp::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    let mut silent = false;
    while let Some(cause) = source {
        // A read that times out is reported by the system as "temporarily unavailable".
        silent |= cause.downcast_ref::<std::io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )
        });
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    if silent {
        text.push_str(&format!(
            " (the server did not answer within {} seconds)",
            TIMEOUT.as_secs()
        ));
    }
    text
}
