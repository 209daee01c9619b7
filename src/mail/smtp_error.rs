//! What went wrong talking to the SMTP server -> a sentence for a person and a hint naming the
//! setting of the SMTP settings file to check; and whether the run's other notes may still go.

use std::error::Error as _;
use std::fmt;
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::Arc;

use lettre::transport::smtp::Error as SmtpError;
use rustls::CertificateError;

/// Where in the conversation with the server a failure came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Connecting, the greeting and `EHLO` (and TLS from the first byte).
    Connect,
    /// Upgrading the connection with `STARTTLS`.
    StartTls,
    /// Logging in.
    Login,
    /// Handing over one message.
    Message,
}

/// The mail library's error, kept as it came until it is worded (shared: one failure of the
/// server is reported for every note it stops).
#[derive(Debug, Clone)]
pub struct Cause(Arc<SmtpError>);

impl Cause {
    /// The first error of `T` in the chain under the mail library's error.
    fn find<T: std::error::Error + 'static>(&self) -> Option<&T> {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*self.0);
        while let Some(current) = cause {
            if let Some(found) = current.downcast_ref::<T>() {
                return Some(found);
            }
            cause = current.source();
        }
        None
    }

    /// The TLS library's error under it, also when the system's error carries it.
    fn tls(&self) -> Option<&rustls::Error> {
        self.find::<rustls::Error>().or_else(|| {
            self.find::<std::io::Error>()?
                .get_ref()?
                .downcast_ref::<rustls::Error>()
        })
    }
}

/// The error and what lies under it (lettre's own message often leaves out the cause).
impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = self.0.to_string();
        let mut source = self.0.source();
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.contains(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        f.write_str(&text)
    }
}

/// Why a note was not sent.
#[derive(Debug, Clone)]
pub enum SendError {
    /// No connection could be made (unknown host, no route).
    Unreachable {
        /// The mail library's error, which holds the system's.
        cause: Cause,
    },
    /// The server refused the connection (nothing listens on the port).
    ConnectionRefused,
    /// The server stopped answering.
    Silent {
        /// How long each answer was waited for.
        seconds: u64,
    },
    /// The server's certificate is not one this machine trusts.
    Untrusted {
        /// Why, in words.
        reason: &'static str,
    },
    /// The certificate is trusted but made for another name.
    WrongName,
    /// The TLS handshake failed for another reason.
    Tls {
        /// The mail library's error, which holds the TLS library's.
        cause: Cause,
    },
    /// `security = "starttls"` and the server does not offer it.
    NoStartTls,
    /// A login is asked for and the server offers no mechanism we know (PLAIN, LOGIN).
    NoLoginMechanism,
    /// The server refused the user name or password.
    LoginRefused {
        /// The server's answer.
        answer: String,
    },
    /// The server refused the message or one of its addresses for good (5xx).
    Refused {
        /// The server's answer.
        answer: String,
    },
    /// The server cannot take the message now (4xx).
    Deferred {
        /// The server's answer.
        answer: String,
    },
    /// The server closed the connection without answering.
    Closed,
    /// Anything else the mail library reported.
    Other {
        /// Its error.
        cause: Cause,
    },
    /// Not tried: an earlier failure of the server ended the run's sending.
    NotTried,
}

/// A failure and the settings file it is worded against.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What happened.
    pub error: SendError,
    /// Whether the run's other notes are not tried after it.
    pub ends_run: bool,
    /// The SMTP settings file, named in hints.
    pub settings: PathBuf,
    /// The server, `host:port`.
    pub server: String,
}

impl SendError {
    /// Names what the mail library reported, at the stage it happened.
    pub fn of(error: SmtpError, stage: Stage, seconds: u64) -> SendError {
        if let Some(code) = error.status() {
            let answer = format!("{code} {}", answer_text(&error));
            return match (stage, error.is_permanent()) {
                (Stage::Login, _) => SendError::LoginRefused { answer },
                (_, true) => SendError::Refused { answer },
                (_, false) => SendError::Deferred { answer },
            };
        }
        let cause = Cause(Arc::new(error));
        if let Some(tls) = cause.tls() {
            return of_tls(tls).unwrap_or(SendError::Tls { cause });
        }
        if let Some(io) = cause.find::<std::io::Error>() {
            return match io.kind() {
                // A read that times out is reported by the system as "temporarily unavailable".
                ErrorKind::WouldBlock | ErrorKind::TimedOut => SendError::Silent { seconds },
                ErrorKind::ConnectionRefused => SendError::ConnectionRefused,
                ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::BrokenPipe => {
                    SendError::Closed
                }
                _ => SendError::Unreachable { cause },
            };
        }
        let text = cause.to_string();
        if text.contains("No compatible authentication mechanism") {
            SendError::NoLoginMechanism
        } else if text.contains("STARTTLS is not supported") {
            SendError::NoStartTls
        } else if text.contains("incomplete response") {
            SendError::Closed
        } else if cause.0.is_tls() {
            SendError::Tls { cause }
        } else if stage == Stage::Connect && text.contains("Connection error") {
            SendError::Unreachable { cause }
        } else {
            SendError::Other { cause }
        }
    }

    /// Whether the server itself failed (rather than one message), so that the run's other
    /// notes are not tried: a login, a certificate or a silence fails the same way each time.
    pub fn ends_run(&self, stage: Stage) -> bool {
        match self {
            SendError::Refused { .. } | SendError::Other { .. } => stage != Stage::Message,
            // 421: the server is closing the connection for every message.
            SendError::Deferred { answer } => stage != Stage::Message || answer.starts_with("421"),
            _ => true,
        }
    }

    /// How to fix it, naming the settings file.
    pub fn hints(&self, settings: &str) -> Vec<String> {
        let hint = match self {
            SendError::Unreachable { .. } | SendError::ConnectionRefused => format!(
                "check `host` and `port` in `{settings}`, and that this machine can reach the server"
            ),
            SendError::Silent { .. } => format!(
                "check `port` and `security` in `{settings}` (port 465 wants `security = \"tls\"`, \
                 port 587 `starttls`); a slow server may need a longer `timeout` (in seconds) there"
            ),
            SendError::Untrusted { .. } => format!(
                "if the mission has its own certificate authority, add `ca_file = \"ca.pem\"` (its \
                 certificate, PEM) to `{settings}`: it is trusted besides the system's authorities"
            ),
            SendError::WrongName => format!(
                "set `host` in `{settings}` to the name the server's certificate was made for"
            ),
            SendError::Tls { .. } => format!(
                "check `security` and `port` in `{settings}`: port 465 wants `security = \"tls\"`, \
                 port 587 `starttls`"
            ),
            SendError::NoStartTls => format!(
                "if the server takes TLS from the first byte, set `security = \"tls\"` and its port \
                 (usually 465) in `{settings}`"
            ),
            SendError::NoLoginMechanism => format!(
                "if the server needs no login, remove `user` from `{settings}`; many servers offer \
                 a login only on an encrypted connection (`security`)"
            ),
            SendError::LoginRefused { .. } => format!(
                "check `user` in `{settings}` and the password (`VERBALE_SMTP_PASSWORD`, or the one \
                 typed)"
            ),
            SendError::Refused { .. } => {
                "the server's answer says why; an address it refused is corrected in the delegation \
                 file, then `verbale send` sends the notes not sent yet"
                    .into()
            }
            SendError::Deferred { .. } | SendError::Closed | SendError::Other { .. } => {
                "run `verbale send` again later: notes sent before are skipped".into()
            }
            SendError::NotTried => return Vec::new(),
        };
        vec![hint]
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Unreachable { cause } => match cause.find::<std::io::Error>() {
                Some(io) => write!(f, "cannot connect to the SMTP server: {io}"),
                None => write!(f, "cannot connect to the SMTP server: {cause}"),
            },
            SendError::ConnectionRefused => {
                f.write_str("cannot connect to the SMTP server: the server refused the connection")
            }
            SendError::Silent { seconds: 1 } => {
                f.write_str("the SMTP server did not answer within 1 second")
            }
            SendError::Silent { seconds } => {
                write!(f, "the SMTP server did not answer within {seconds} seconds")
            }
            SendError::Untrusted { reason } => {
                write!(f, "the SMTP server's certificate is not trusted: {reason}")
            }
            SendError::WrongName => {
                f.write_str("the SMTP server's certificate is made for another host name")
            }
            SendError::Tls { cause } => match cause.tls() {
                Some(tls) => write!(f, "the encrypted connection failed: {tls}"),
                None => write!(f, "the encrypted connection failed: {cause}"),
            },
            SendError::NoStartTls => f.write_str(
                "the SMTP server does not offer STARTTLS, which `security = \"starttls\"` requires",
            ),
            SendError::NoLoginMechanism => f.write_str(
                "the SMTP server offers no way to log in that verbale knows (PLAIN or LOGIN)",
            ),
            SendError::LoginRefused { answer } => {
                write!(f, "the SMTP server refused the login: {answer}")
            }
            SendError::Refused { answer } => write!(f, "the SMTP server refused it: {answer}"),
            SendError::Deferred { answer } => {
                write!(f, "the SMTP server cannot take it now: {answer}")
            }
            SendError::Closed => {
                f.write_str("the SMTP server closed the connection without answering")
            }
            SendError::Other { cause } => write!(f, "{cause}"),
            SendError::NotTried => f.write_str("not tried, after the SMTP server's failure above"),
        }
    }
}

/// A certificate the TLS library refused, named; `None` for another TLS failure.
fn of_tls(error: &rustls::Error) -> Option<SendError> {
    let rustls::Error::InvalidCertificate(certificate) = error else {
        return None;
    };
    let reason = match certificate {
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            return Some(SendError::WrongName)
        }
        CertificateError::UnknownIssuer => {
            "it is signed by an authority this machine does not know"
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => "it has expired",
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "it is not valid yet (or this machine's clock is wrong)"
        }
        CertificateError::Revoked => "it has been revoked",
        _ => "it cannot be checked",
    };
    Some(SendError::Untrusted { reason })
}

/// The server's answer, one line (lettre keeps its text as the error's source).
fn answer_text(error: &SmtpError) -> String {
    let text = std::error::Error::source(error).map_or_else(String::new, |s| s.to_string());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Failure {
    /// The message, as printed after `note `x` was not sent: `.
    pub fn message(&self) -> String {
        match &self.error {
            SendError::NotTried => self.error.to_string(),
            error => format!("{error} ({})", self.server),
        }
    }

    /// How to fix it.
    pub fn hints(&self) -> Vec<String> {
        self.error.hints(&self.settings.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refused_message_lets_the_run_go_on() {
        let refused = SendError::Refused {
            answer: "550 no such user".into(),
        };
        assert!(!refused.ends_run(Stage::Message));
        assert!(refused.ends_run(Stage::Connect));
        let closing = SendError::Deferred {
            answer: "421 closing".into(),
        };
        assert!(closing.ends_run(Stage::Message));
        assert!(SendError::Silent { seconds: 1 }.ends_run(Stage::Message));
        assert!(SendError::NotTried.hints("smtp.toml").is_empty());
        for error in [
            SendError::Untrusted { reason: "x" },
            SendError::NoLoginMechanism,
        ] {
            assert!(
                error.hints("smtp.toml")[0].contains("`smtp.toml`"),
                "{error}"
            );
        }
    }
}
