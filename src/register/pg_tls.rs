//! libpq's `sslmode` and `sslrootcert` -> the TLS connector of the PostgreSQL client (rustls
//! with ring, as the mail's TLS) and the mode it negotiates with.
//!
//! As libpq: `prefer` and `require` encrypt and check the server's certificate chain only when
//! a root certificate is at hand (named, or `~/.postgresql/root.crt`); `verify-ca` checks the
//! chain and `verify-full` the chain and the host name, and both need a root certificate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::pg_error::ConnectError;

/// How much TLS a connection asks for, by libpq's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SslMode {
    /// Plain text.
    Disable,
    /// TLS if the server offers it, else plain text (libpq's default).
    Prefer,
    /// TLS or no connection.
    Require,
    /// TLS with a certificate signed by the root certificate, for any host name.
    VerifyCa,
    /// TLS with a certificate signed by the root certificate, for the host connected to.
    VerifyFull,
}

impl SslMode {
    /// Every mode, by name.
    pub(crate) const ALL: [(&'static str, SslMode); 5] = [
        ("disable", SslMode::Disable),
        ("prefer", SslMode::Prefer),
        ("require", SslMode::Require),
        ("verify-ca", SslMode::VerifyCa),
        ("verify-full", SslMode::VerifyFull),
    ];

    /// The mode of a libpq name.
    pub(crate) fn parse(name: &str) -> Option<SslMode> {
        Self::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, mode)| *mode)
    }

    /// Its libpq name.
    pub(crate) fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, mode)| *mode == self)
            .map_or("prefer", |(name, _)| name)
    }

    /// What the client negotiates: the checks are the connector's.
    pub(crate) fn client(self) -> postgres::config::SslMode {
        match self {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                postgres::config::SslMode::Require
            }
        }
    }

    fn verifies(self) -> bool {
        matches!(self, SslMode::VerifyCa | SslMode::VerifyFull)
    }
}

/// The certificate authority the server's certificate must be signed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCert {
    /// A PEM file of one or more certificates.
    File(PathBuf),
    /// The system's store (`sslrootcert=system`, as libpq 16).
    System,
}

impl RootCert {
    /// `system`, or a path.
    pub(crate) fn parse(text: &str) -> RootCert {
        if text == "system" {
            RootCert::System
        } else {
            RootCert::File(PathBuf::from(text))
        }
    }
}

impl std::fmt::Display for RootCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RootCert::File(path) => write!(f, "{}", path.display()),
            RootCert::System => f.write_str("system"),
        }
    }
}

/// What TLS a connection uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tls {
    /// The mode.
    pub mode: SslMode,
    /// The root certificate named by the URL, a service or `PGSSLROOTCERT`.
    pub root_cert: Option<RootCert>,
}

/// libpq's root certificate when none is named: used if it exists.
fn default_root_cert() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("HOME")?).join(".postgresql/root.crt");
    path.is_file().then_some(path)
}

impl Tls {
    /// The root certificate to check the server's chain with, if any.
    pub(crate) fn effective_root(&self) -> Option<RootCert> {
        match self.mode {
            SslMode::Disable => None,
            _ => self
                .root_cert
                .clone()
                .or_else(|| default_root_cert().map(RootCert::File)),
        }
    }

    /// The client's TLS connector for this mode.
    pub(crate) fn connector(&self) -> Result<MakeRustlsConnect, ConnectError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let chain = match self.effective_root() {
            Some(root) => Some(chain_verifier(&root, &provider)?),
            None if self.mode.verifies() => {
                return Err(ConnectError::RootCertNeeded {
                    mode: self.mode.name(),
                })
            }
            None => None,
        };
        let verifier = Verifier {
            chain,
            check_name: self.mode == SslMode::VerifyFull,
            provider: provider.clone(),
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(ConnectError::TlsSetup)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(MakeRustlsConnect::new(config))
    }
}

fn chain_verifier(
    root: &RootCert,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, ConnectError> {
    let mut store = RootCertStore::empty();
    match root {
        RootCert::File(path) => {
            for cert in read_pem(path)? {
                store
                    .add(cert)
                    .map_err(|source| ConnectError::RootCertInvalid {
                        path: path.clone(),
                        source,
                    })?;
            }
        }
        RootCert::System => {
            // Certificates the system store holds but rustls cannot read are left out, as
            // the mail's TLS does.
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
        }
    }
    if store.is_empty() {
        return Err(ConnectError::RootCertEmpty { root: root.clone() });
    }
    WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
        .build()
        .map_err(|e| ConnectError::TlsSetup(rustls::Error::General(e.to_string())))
}

fn read_pem(path: &Path) -> Result<Vec<CertificateDer<'static>>, ConnectError> {
    let bytes = crate::files::read_bounded(path, 1 << 20).map_err(|source| {
        ConnectError::RootCertUnreadable {
            path: path.to_path_buf(),
            source,
        }
    })?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .filter_map(Result::ok)
        .collect();
    if certs.is_empty() {
        return Err(ConnectError::RootCertEmpty {
            root: RootCert::File(path.to_path_buf()),
        });
    }
    Ok(certs)
}

/// Checks the server's certificate as the mode asks: not at all without a chain verifier
/// (the connection is encrypted, but anyone may be at the other end), the chain, or the chain
/// and the name. The handshake's signatures are always checked.
#[derive(Debug)]
struct Verifier {
    chain: Option<Arc<WebPkiServerVerifier>>,
    check_name: bool,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        // webpki checks the chain first and the name last, so a name error means the chain
        // was good: that is all `verify-ca` asks.
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_have_libpq_names_and_verify_modes_need_a_root_certificate() {
        for (name, mode) in SslMode::ALL {
            assert_eq!(SslMode::parse(name), Some(mode));
            assert_eq!(mode.name(), name);
        }
        assert_eq!(SslMode::parse("allow"), None);
        let tls = Tls {
            mode: SslMode::VerifyFull,
            root_cert: None,
        };
        if default_root_cert().is_none() {
            assert!(matches!(
                tls.connector(),
                Err(ConnectError::RootCertNeeded {
                    mode: "verify-full"
                })
            ));
        }
    }
}
