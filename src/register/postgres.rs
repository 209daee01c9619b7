//! The register in a PostgreSQL database, shared by several offices: a writer locks the notes
//! table against other writers (readers go on), for the length of its transaction.

use std::fmt;
use std::path::PathBuf;

use postgres::types::{ToSql, Type};
use postgres::Client;
use rustls::CertificateError;

use super::pg_tls::RootCert;
use super::{Backend, Value};

/// An open PostgreSQL register.
pub(crate) struct Postgres {
    client: Client,
}

impl Postgres {
    /// Connects with the URL, completed from the environment as libpq would (a service, the
    /// host, the user, the password, TLS: see [`super::pg_environment`]).
    pub(crate) fn connect(url: &str) -> Result<Postgres, ConnectError> {
        let settings = super::pg_environment::resolve(url)?;
        let connector = settings.tls.connector()?;
        let client =
            settings
                .config
                .connect(connector)
                .map_err(|source| ConnectError::Connect {
                    source,
                    root: settings.tls.effective_root(),
                    host: first_host(&settings.config),
                })?;
        Ok(Postgres { client })
    }
}

fn first_host(config: &postgres::Config) -> String {
    match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => String::new(),
    }
}

/// Why a PostgreSQL register could not be reached.
#[derive(Debug)]
pub(crate) enum ConnectError {
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
    /// The server could not be reached, refused TLS or the login, or its certificate.
    Connect {
        source: postgres::Error,
        root: Option<RootCert>,
        host: String,
    },
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectError::Url { source } => write!(f, "not a URL the PostgreSQL client reads: {source}"),
            ConnectError::SslMode { value, from } => write!(f, "unknown `sslmode` `{value}` (from {from})"),
            ConnectError::Port { value, from } => write!(f, "the port `{value}` (from {from}) is not a number"),
            ConnectError::RootCertNeeded { mode } => write!(f, "`sslmode={mode}` checks the server's certificate, and no root certificate is named"),
            ConnectError::RootCertUnreadable { path, source } => write!(f, "cannot read the root certificate `{}`: {source}", path.display()),
            ConnectError::RootCertEmpty { root: RootCert::System } => f.write_str("the system's certificate store holds no certificate"),
            ConnectError::RootCertEmpty { root } => write!(f, "the root certificate `{root}` holds no PEM certificate"),
            ConnectError::RootCertInvalid { path, source } => write!(f, "the root certificate `{}` is refused: {source}", path.display()),
            ConnectError::TlsSetup(source) => write!(f, "cannot set up TLS: {source}"),
            ConnectError::NoServiceFile { service } => write!(f, "the service `{service}` is asked for, and there is no service file"),
            ConnectError::ServiceFile { path, source } => write!(f, "cannot read the service file `{}`: {source}", path.display()),
            ConnectError::NoService { path, service } => write!(f, "the service file `{}` has no service `[{service}]`", path.display()),
            ConnectError::PasswordFileOpen { path, mode } => write!(f, "the password file `{}` can be read by others (mode {mode:04o}), so it is not used", path.display()),
            ConnectError::PasswordFile { path, source } => write!(f, "cannot read the password file `{}`: {source}", path.display()),
            ConnectError::Connect { source, root, host, .. } => match certificate_error(source) {
                Some(CertificateError::UnknownIssuer) => write!(f, "cannot connect: the server's certificate is not signed by the root certificate `{}`", root.as_ref().map(ToString::to_string).unwrap_or_default()),
                Some(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }) => write!(f, "cannot connect: the server's certificate is not made for `{host}`"),
                _ => write!(f, "cannot connect: {}", full_message(source)),
            },
        }
    }
}

impl ConnectError {
    /// How to fix it.
    pub(crate) fn hints(&self) -> Vec<String> {
        let hints: &[&str] = match self {
            ConnectError::Url { .. } | ConnectError::Port { .. } => &["write the URL as `postgres://user@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.pem`"],
            ConnectError::SslMode { .. } => &["write `disable`, `prefer`, `require`, `verify-ca` or `verify-full`"],
            ConnectError::RootCertNeeded { .. } => &["name the certificate authority's file with `sslrootcert=/path/ca.pem` in the URL or `PGSSLROOTCERT`, or `sslrootcert=system` for the system's store"],
            ConnectError::RootCertUnreadable { .. } | ConnectError::RootCertEmpty { .. } | ConnectError::RootCertInvalid { .. } => &["`sslrootcert` (or `PGSSLROOTCERT`) names a PEM file of the certificate authority that signed the server's certificate"],
            ConnectError::NoServiceFile { .. } | ConnectError::NoService { .. } | ConnectError::ServiceFile { .. } => &["services are read from `PGSERVICEFILE`, else `~/.pg_service.conf`"],
            ConnectError::PasswordFileOpen { .. } => &["make it yours alone: `chmod 600` on it (libpq ignores it too)"],
            ConnectError::Connect { source, .. } => return connect_hints(source),
            ConnectError::TlsSetup(_) | ConnectError::PasswordFile { .. } => &[],
        };
        hints.iter().map(ToString::to_string).collect()
    }
}

fn connect_hints(source: &postgres::Error) -> Vec<String> {
    let hints: &[&str] = match certificate_error(source) {
        Some(CertificateError::UnknownIssuer) => &["name the certificate authority that signed the server's certificate with `sslrootcert=` in the URL or `PGSSLROOTCERT`"],
        Some(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }) => &["connect with a name the certificate is made for, or use `sslmode=verify-ca` to check only who signed it"],
        Some(_) => &["ask the server's administrator for a valid certificate"],
        None if full_message(source).contains("server does not support TLS") => &["the server has `ssl = off`: ask for TLS, or connect with `sslmode=prefer`"],
        None => &[
            "the password comes from `PGPASSWORD`, `~/.pgpass` (`PGPASSFILE`) or a service (`PGSERVICE`), never from the delegation file",
            "check the server's address, the user and the database in the URL",
        ],
    };
    hints.iter().map(ToString::to_string).collect()
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

/// The server's own message, which the client's display leaves out.
fn full_message(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                text.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            text
        }
    }
}

fn params(values: &[Value]) -> Vec<Box<dyn ToSql + Sync>> {
    values
        .iter()
        .map(|value| -> Box<dyn ToSql + Sync> {
            match value {
                Value::Null => Box::new(Option::<String>::None),
                Value::Int(n) => Box::new(*n),
                Value::Text(text) => Box::new(text.clone()),
            }
        })
        .collect()
}

impl Backend for Postgres {
    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<(), String> {
        let boxed = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        self.client
            .execute(sql, &refs)
            .map(drop)
            .map_err(|e| full_message(&e))
    }

    fn rows(&mut self, sql: &str, values: &[Value]) -> Result<Vec<Vec<Value>>, String> {
        let boxed = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        let rows = self
            .client
            .query(sql, &refs)
            .map_err(|e| full_message(&e))?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|index| {
                        let value = if *row.columns()[index].type_() == Type::INT8 {
                            row.try_get::<_, Option<i64>>(index)
                                .map(|v| v.map(Value::Int))
                        } else if *row.columns()[index].type_() == Type::INT4 {
                            row.try_get::<_, Option<i32>>(index)
                                .map(|v| v.map(|n| Value::Int(n.into())))
                        } else {
                            row.try_get::<_, Option<String>>(index)
                                .map(|v| v.map(Value::Text))
                        };
                        value
                            .map(|v| v.unwrap_or(Value::Null))
                            .map_err(|e| full_message(&e))
                    })
                    .collect()
            })
            .collect()
    }

    fn begin(&mut self, write: bool) -> Result<(), String> {
        self.client
            .batch_execute("BEGIN")
            .map_err(|e| full_message(&e))?;
        if write {
            // Conflicts with itself, not with readers: one writer at a time, in this schema.
            let lock = "LOCK TABLE register_notes IN SHARE ROW EXCLUSIVE MODE";
            if let Err(e) = self.client.batch_execute(lock) {
                self.rollback();
                return Err(full_message(&e));
            }
        }
        Ok(())
    }

    fn has_table(&mut self, name: &str) -> Result<bool, String> {
        // Looked up along the search path, as every other statement finds its tables.
        let rows = self.rows(
            "SELECT to_regclass($1)::text",
            &[Value::Text(name.to_string())],
        )?;
        Ok(rows.first().and_then(|row| row.first()) != Some(&Value::Null))
    }

    fn begin_schema(&mut self) -> Result<(), String> {
        // Two first uses at once would both create the tables; a lock taken by a fixed number
        // (any number; this one spells "VERB") makes the second wait and find them made.
        self.client
            .batch_execute("BEGIN; SELECT pg_advisory_xact_lock(1447383618)")
            .map_err(|e| full_message(&e))
    }

    fn commit(&mut self) -> Result<(), String> {
        self.client
            .batch_execute("COMMIT")
            .map_err(|e| full_message(&e))
    }

    fn rollback(&mut self) {
        let _ = self.client.batch_execute("ROLLBACK");
    }
}
