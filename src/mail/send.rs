//! Draft -> the mission's SMTP server: one connection for the run's notes, one message per
//! note, and the server's answer for each. A failure of the server itself (silence, refused
//! login, untrusted certificate) ends the run's sending: the notes after it are not tried.

use std::cell::RefCell;
use std::net::IpAddr;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

use super::config::{Security, SmtpConfig};
use super::smtp_error::{Failure, SendError, Stage};
use super::MailError;

/// The environment variable the password is read from.
pub const PASSWORD_VARIABLE: &str = "VERBALE_SMTP_PASSWORD";

/// A server to send through.
pub struct Server {
    config: SmtpConfig,
    tls: Option<TlsParameters>,
    credentials: Option<Credentials>,
    state: RefCell<State>,
}

enum State {
    /// No connection yet, or the last one was closed after a refused message.
    Closed,
    Open(Box<SmtpConnection>),
    /// The server failed; nothing more is tried this run.
    Down,
}

impl Server {
    /// Sets up the connection (made when the first message is sent); `password` is needed
    /// when the settings name a user.
    pub fn new(config: &SmtpConfig, password: Option<String>) -> Result<Server, MailError> {
        let tls = match config.security {
            Security::None => None,
            Security::Starttls | Security::Tls => Some(tls_parameters(config)?),
        };
        let credentials = match &config.user {
            Some(user) => Some(Credentials::new(
                user.clone(),
                password.ok_or(MailError::NoPassword)?,
            )),
            None => None,
        };
        Ok(Server {
            config: config.clone(),
            tls,
            credentials,
            state: RefCell::new(State::Closed),
        })
    }

    /// Sends one message; the server's answer on success. After a failure of the server
    /// itself, every later call fails at once with [`SendError::NotTried`].
    pub fn send(&self, envelope: &Envelope, bytes: &[u8]) -> Result<String, Failure> {
        let mut state = self.state.borrow_mut();
        if matches!(*state, State::Down) {
            return Err(self.failure(SendError::NotTried, true));
        }
        if let State::Closed = *state {
            match self.connect() {
                Ok(connection) => *state = State::Open(Box::new(connection)),
                Err(error) => {
                    *state = State::Down;
                    return Err(self.failure(error, true));
                }
            }
        }
        let State::Open(connection) = &mut *state else {
            return Err(self.failure(SendError::NotTried, true));
        };
        match connection.send(envelope, bytes) {
            Ok(response) => {
                let lines: Vec<&str> = response.message().collect();
                Ok(format!("{} {}", response.code(), lines.join(" ")))
            }
            Err(error) => {
                let error = SendError::of(error, Stage::Message, self.seconds());
                let ends_run = error.ends_run(Stage::Message);
                // lettre closes the connection after any failure: the next note opens another.
                *state = if ends_run { State::Down } else { State::Closed };
                Err(self.failure(error, ends_run))
            }
        }
    }

    /// Whether a failure of the server ended the run's sending.
    pub fn is_down(&self) -> bool {
        matches!(*self.state.borrow(), State::Down)
    }

    /// The settings file, named in messages.
    pub fn settings(&self) -> &std::path::Path {
        &self.config.path
    }

    /// Connects, encrypts and logs in; any failure here is the server's, for every note.
    fn connect(&self) -> Result<SmtpConnection, SendError> {
        let seconds = self.seconds();
        let fail = |stage| move |e| SendError::of(e, stage, seconds);
        let wrapper = match self.config.security {
            Security::Tls => self.tls.as_ref(),
            _ => None,
        };
        let hello = ClientId::default();
        let mut connection = SmtpConnection::connect(
            (self.config.host.as_str(), self.config.port()),
            Some(self.config.timeout()),
            &hello,
            wrapper,
            None::<IpAddr>,
        )
        .map_err(fail(Stage::Connect))?;
        if let (Security::Starttls, Some(tls)) = (self.config.security, &self.tls) {
            connection
                .starttls(tls, &hello)
                .map_err(fail(Stage::StartTls))?;
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .map_err(fail(Stage::Login))?;
        }
        Ok(connection)
    }

    fn seconds(&self) -> u64 {
        self.config.timeout().as_secs()
    }

    fn failure(&self, error: SendError, ends_run: bool) -> Failure {
        Failure {
            error,
            ends_run,
            settings: self.config.path.clone(),
            server: format!("{}:{}", self.config.host, self.config.port()),
        }
    }
}

impl Drop for Server {
    /// Says goodbye to the server (one answer waited for, at most the timeout).
    fn drop(&mut self) {
        if let State::Open(connection) = self.state.get_mut() {
            let _ = connection.set_timeout(Some(Duration::from_secs(5).min(self.config.timeout())));
            let _ = connection.quit();
        }
    }
}

/// The TLS settings: the system's certificate authorities, and the settings' `ca_file` too.
fn tls_parameters(config: &SmtpConfig) -> Result<TlsParameters, MailError> {
    let mut builder = TlsParameters::builder(config.host.clone());
    if let Some(path) = config.ca_file() {
        let wrong = |reason: String| MailError::Config {
            path: config.path.clone(),
            reason,
            hint: "`ca_file` names a PEM file of the mission's certificate authority, relative \
                   to the settings file"
                .into(),
        };
        let pem = std::fs::read(&path)
            .map_err(|e| wrong(format!("cannot read `ca_file` `{}`: {e}", path.display())))?;
        let certificate = Certificate::from_pem(&pem)
            .ok()
            .filter(|_| String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----"))
            .ok_or_else(|| {
                wrong(format!(
                    "`ca_file` `{}` holds no PEM certificate",
                    path.display()
                ))
            })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build()
        .map_err(|e| MailError::Build { cause: Box::new(e) })
}
