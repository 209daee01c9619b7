//! What went wrong talking to the SMTP server -> a sentence for a person and a hint naming the
//! setting of the SMTP settings file to check; and whether the run's other notes may still go.

use std::fmt;
use std::io::ErrorKind;
use std::path::PathBuf;

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

/// Why a note was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// No connection could be made (refused, unknown host, no route).
    Unreachable {
        /// What the system said.
        reason: String,
    },
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
        /// The TLS library's reason.
        reason: String,
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
        /// Its words.
        reason: String,
    },
    /// Not tried: an earlier failure of the server ended the run's sending.
    NotTried,
}

/// A failure and the settings file it is worded against.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub fn of(error: &SmtpError, stage: Stage, seconds: u64) -> SendError {
        if let Some(code) = error.status() {
            let answer = format!("{code} {}", answer_text(error));
            return match (stage, error.is_permanent()) {
                (Stage::Login, _) => SendError::LoginRefused { answer },
                (_, true) => SendError::Refused { answer },
                (_, false) => SendError::Deferred { answer },
            };
        }
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(current) = cause {
            if let Some(io) = current.downcast_ref::<std::io::Error>() {
                if let Some(found) = of_io(io, seconds) {
                    return found;
                }
            }
            if let Some(tls) = current.downcast_ref::<rustls::Error>() {
                return of_tls(tls);
            }
            cause = current.source();
        }
        let text = chain(error);
        if text.contains("No compatible authentication mechanism") {
            SendError::NoLoginMechanism
        } else if text.contains("STARTTLS is not supported") {
            SendError::NoStartTls
        } else if text.contains("incomplete response") {
            SendError::Closed
        } else if error.is_tls() {
            SendError::Tls { reason: text }
        } else if stage == Stage::Connect && text.contains("Connection error") {
            SendError::Unreachable { reason: text }
        } else {
            SendError::Other { reason: text }
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
            SendError::Unreachable { .. } => format!(
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
            SendError::Unreachable { reason } => {
                write!(f, "cannot connect to the SMTP server: {reason}")
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
            SendError::Tls { reason } => write!(f, "the encrypted connection failed: {reason}"),
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
            SendError::Other { reason } => write!(f, "{reason}"),
            SendError::NotTried => f.write_str("not tried, after the SMTP server's failure above"),
        }
    }
}

/// A system error that says what happened by itself.
fn of_io(io: &std::io::Error, seconds: u64) -> Option<SendError> {
    if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return Some(of_tls(tls));
    }
    let reason = match io.kind() {
        // A read that times out is reported by the system as "temporarily unavailable".
        ErrorKind::WouldBlock | ErrorKind::TimedOut => return Some(SendError::Silent { seconds }),
        ErrorKind::ConnectionRefused => "the server refused the connection".into(),
        ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::BrokenPipe => {
            return Some(SendError::Closed)
        }
        _ => io.to_string(),
    };
    Some(SendError::Unreachable { reason })
}

fn of_tls(error: &rustls::Error) -> SendError {
    let rustls::Error::InvalidCertificate(certificate) = error else {
        return SendError::Tls {
            reason: error.to_string(),
        };
    };
    let reason = match certificate {
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            return SendError::WrongName
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
    SendError::Untrusted { reason }
}

/// The server's answer, one line (lettre keeps its text as the error's source).
fn answer_text(error: &SmtpError) -> String {
    let text = std::error::Error::source(error).map_or_else(String::new, |s| s.to_string());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The error and what lies under it (lettre's own message often leaves out the cause).
fn chain(error: &SmtpError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
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
