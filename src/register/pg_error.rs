//! Why a PostgreSQL register could not be reached -> the message and the hints a user reads.

use std::fmt;
use std::path::PathBuf;

use rustls::CertificateError;

use super::pg_tls::RootCert;
use super::postgres::full_message;

/// Why a PostgreSQL register could not be reached.
#[derive(Debug)]
pub enum ConnectError {
    /// The client's URL parser refused the URL.
    Url { source: postgres::Error },
    /// An `sslmode` that libpq does not have (or `allow`, which the client cannot do).
    SslMode { value: String, from: String },
    /// A port that is not a number, from a service or `PGPORT`.
    Port { value: String, from: String },
    /// `sslmode=verify-ca` or `verify-full` and no root certificate.
    RootCertNeeded { mode: &'static str },
    /// The root certificate's file cannot be read.
    RootCertUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The root certificate's file (or the system's store) holds no certificate.
    RootCertEmpty { root: RootCert },
    /// A certificate of the root certificate's file that rustls refuses.
    RootCertInvalid {
        path: PathBuf,
        source: rustls::Error,
    },
    /// rustls could not be set up (no protocol version in common with ring: never expected).
    TlsSetup(rustls::Error),
    /// `PGSERVICE` or `?service=` and no service file.
    NoServiceFile { service: String },
    /// The service file cannot be read.
    ServiceFile {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The service file has no such service.
    NoService { path: PathBuf, service: String },
    /// The password file can be read by others: libpq ignores such a file, we refuse it.
    PasswordFileOpen { path: PathBuf, mode: u32 },
    /// The password file cannot be read.
    PasswordFile {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The server could not be reached, or refused TLS, the login or its certificate.
    Connect {
        source: postgres::Error,
        /// The root certificate the server's was checked against.
        root: Option<RootCert>,
        /// The host name the certificate was checked for.
        host: String,
    },
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ConnectError::*;
        match self {
            Url { source } => write!(f, "not a URL the PostgreSQL client reads: {source}"),
            SslMode { value, from } => write!(f, "unknown `sslmode` `{value}` (from {from})"),
            Port { value, from } => write!(f, "the port `{value}` (from {from}) is not a number"),
            RootCertNeeded { mode } => write!(
                f,
                "`sslmode={mode}` checks the server's certificate, and no root certificate is named"
            ),
            RootCertUnreadable { path, source } => {
                let path = path.display();
                write!(f, "cannot read the root certificate `{path}`: {source}")
            }
            RootCertEmpty {
                root: RootCert::System,
            } => f.write_str("the system's certificate store holds no certificate"),
            RootCertEmpty { root } => {
                write!(f, "the root certificate `{root}` holds no PEM certificate")
            }
            RootCertInvalid { path, source } => {
                let path = path.display();
                write!(f, "the root certificate `{path}` is refused: {source}")
            }
            TlsSetup(source) => write!(f, "cannot set up TLS: {source}"),
            NoServiceFile { service } => write!(
                f,
                "the service `{service}` is asked for, and there is no service file"
            ),
            ServiceFile { path, source } => {
                let path = path.display();
                write!(f, "cannot read the service file `{path}`: {source}")
            }
            NoService { path, service } => {
                let path = path.display();
                write!(f, "the service file `{path}` has no service `[{service}]`")
            }
            PasswordFileOpen { path, mode } => write!(
                f,
                "the password file `{}` can be read by others (mode {mode:04o}), so it is not used",
                path.display()
            ),
            PasswordFile { path, source } => {
                let path = path.display();
                write!(f, "cannot read the password file `{path}`: {source}")
            }
            Connect { source, root, host } => connect_message(f, source, root.as_ref(), host),
        }
    }
}

fn connect_message(
    f: &mut fmt::Formatter<'_>,
    source: &postgres::Error,
    root: Option<&RootCert>,
    host: &str,
) -> fmt::Result {
    f.write_str("cannot connect: ")?;
    match certificate_error(source) {
        Some(CertificateError::UnknownIssuer) => {
            let root = root.map(ToString::to_string).unwrap_or_default();
            write!(
                f,
                "the server's certificate is not signed by the root certificate `{root}`"
            )
        }
        Some(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => {
            write!(f, "the server's certificate is not made for `{host}`")
        }
        _ => f.write_str(&full_message(source)),
    }
}

impl ConnectError {
    /// How to fix it.
    pub(crate) fn hints(&self) -> Vec<String> {
        use ConnectError::*;
        let hints: &[&str] = match self {
            Url { .. } | Port { .. } => &["write the URL as `postgres://user@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.pem`"],
            SslMode { .. } => &["write `disable`, `prefer`, `require`, `verify-ca` or `verify-full`"],
            RootCertNeeded { .. } => &["name the certificate authority's file with `sslrootcert=/path/ca.pem` in the URL or `PGSSLROOTCERT`, or `sslrootcert=system` for the system's store"],
            RootCertUnreadable { .. } | RootCertEmpty { .. } | RootCertInvalid { .. } => &["`sslrootcert` (or `PGSSLROOTCERT`) names a PEM file of the certificate authority that signed the server's certificate"],
            NoServiceFile { .. } | NoService { .. } | ServiceFile { .. } => &["services are read from `PGSERVICEFILE`, else `~/.pg_service.conf`"],
            PasswordFileOpen { .. } => &["make it yours alone: `chmod 600` on it (libpq ignores it too)"],
            Connect { source, .. } => connect_hints(source),
            TlsSetup(_) | PasswordFile { .. } => &[],
        };
        hints.iter().map(ToString::to_string).collect()
    }
}

fn connect_hints(source: &postgres::Error) -> &'static [&'static str] {
    match certificate_error(source) {
        Some(CertificateError::UnknownIssuer) => &["name the certificate authority that signed the server's certificate with `sslrootcert=` in the URL or `PGSSLROOTCERT`"],
        Some(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }) => &["connect with a name the certificate is made for, or use `sslmode=verify-ca` to check only who signed it"],
        Some(_) => &["ask the server's administrator for a valid certificate"],
        // The client's only way of saying it (its error kinds are private).
        None if full_message(source).contains("server does not support TLS") => &["the server does not take TLS: its administrator turns it on with `ssl = on` in `postgresql.conf`"],
        None => &[
            "the password comes from `PGPASSWORD`, `~/.pgpass` (`PGPASSFILE`) or a service (`PGSERVICE`), never from the delegation file",
            "check the server's address, the user and the database in the URL",
        ],
    }
}

/// The certificate problem that ended the TLS handshake, if that is what happened: rustls's
/// error is inside the I/O error that tokio-rustls gives the client.
fn certificate_error(error: &postgres::Error) -> Option<&CertificateError> {
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        let inner = error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map_or(error, |inner| inner as &(dyn std::error::Error + 'static));
        if let Some(rustls::Error::InvalidCertificate(certificate)) = inner.downcast_ref() {
            return Some(certificate);
        }
        cause = error.source();
    }
    None
}
