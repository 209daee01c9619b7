//! A small SMTP server on 127.0.0.1 in a thread, for the sending tests that need no Python: one
//! that takes every message, one silent after its greeting, a slow one, one that offers no
//! login, one that refuses every recipient, and one speaking TLS from the first byte with a certificate the test made. Each
//! stops when dropped, and by itself after a minute.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the server behaves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Takes every message (and any login).
    Accept,
    /// Greets, then says nothing.
    Silent,
    /// Takes every message, waiting this long before each answer.
    Slow(Duration),
    /// Offers no login mechanism.
    NoAuth,
    /// Refuses every recipient (550).
    RefuseRecipients,
}

/// A running server.
pub struct Fake {
    pub port: u16,
    pub connections: Arc<AtomicUsize>,
    pub received: Arc<Mutex<Vec<Vec<u8>>>>,
    stop: Arc<AtomicBool>,
}

/// What the server needs to speak TLS.
pub type Tls = Arc<rustls::ServerConfig>;

/// Stops serving after this long whatever happens, so a test never leaves it running.
const LIFETIME: Duration = Duration::from_secs(60);

impl Fake {
    pub fn start(behaviour: Behaviour, tls: Option<Tls>) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let fake = Fake {
            port: listener.local_addr().unwrap().port(),
            connections: Arc::default(),
            received: Arc::default(),
            stop: Arc::default(),
        };
        let (connections, received, stop) = (
            Arc::clone(&fake.connections),
            Arc::clone(&fake.received),
            Arc::clone(&fake.stop),
        );
        std::thread::spawn(move || {
            let started = Instant::now();
            while !stop.load(Ordering::SeqCst) && started.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        connections.fetch_add(1, Ordering::SeqCst);
                        let (received, stop, tls) =
                            (Arc::clone(&received), Arc::clone(&stop), tls.clone());
                        std::thread::spawn(move || serve(stream, behaviour, tls, &received, &stop));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        fake
    }

    /// The SMTP settings for this server.
    pub fn settings(&self, security: &str, extra: &str) -> String {
        format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"{security}\"\n{extra}",
            self.port
        )
    }

    pub fn received(&self) -> Vec<Vec<u8>> {
        self.received.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A port nothing listens on: bound, then let go.
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(
    stream: TcpStream,
    behaviour: Behaviour,
    tls: Option<Tls>,
    received: &Mutex<Vec<Vec<u8>>>,
    stop: &AtomicBool,
) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    match tls {
        Some(config) => {
            let connection = rustls::ServerConnection::new(config).unwrap();
            let stream = rustls::StreamOwned::new(connection, stream);
            converse(stream, behaviour, received, stop);
        }
        None => converse(stream, behaviour, received, stop),
    }
}

fn converse<S: Read + Write>(
    stream: S,
    behaviour: Behaviour,
    received: &Mutex<Vec<Vec<u8>>>,
    stop: &AtomicBool,
) {
    let mut stream = BufReader::new(stream);
    let started = Instant::now();
    let say = |stream: &mut BufReader<S>, text: &str| {
        if let Behaviour::Slow(delay) = behaviour {
            std::thread::sleep(delay);
        }
        let _ = stream.get_mut().write_all(text.as_bytes());
        let _ = stream.get_mut().flush();
    };
    say(&mut stream, "220 fake ESMTP ready\r\n");
    let mut message: Option<Vec<u8>> = None;
    let mut line = Vec::new();
    while !stop.load(Ordering::SeqCst) && started.elapsed() < LIFETIME {
        match stream.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) if line.ends_with(b"\n") => {}
            // A timeout leaves what was read so far in `line`; read on.
            _ => continue,
        }
        let text = String::from_utf8_lossy(&line).to_string();
        line.clear();
        if behaviour == Behaviour::Silent {
            continue;
        }
        if let Some(data) = &mut message {
            if text == ".\r\n" {
                received.lock().unwrap().push(std::mem::take(data));
                message = None;
                say(&mut stream, "250 2.0.0 Ok: queued\r\n");
            } else {
                data.extend_from_slice(text.strip_prefix('.').unwrap_or(&text).as_bytes());
            }
            continue;
        }
        let verb = text.get(..4).unwrap_or("").to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" if behaviour == Behaviour::NoAuth => "250-fake\r\n250 8BITMIME\r\n",
            "EHLO" => "250-fake\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN\r\n",
            "AUTH" => "235 2.7.0 Authentication successful\r\n",
            "RCPT" if behaviour == Behaviour::RefuseRecipients => {
                "550 5.1.1 Recipient address rejected: no such user\r\n"
            }
            "MAIL" | "RCPT" | "RSET" | "NOOP" => "250 2.1.0 Ok\r\n",
            "DATA" => {
                message = Some(Vec::new());
                "354 End data with <CR><LF>.<CR><LF>\r\n"
            }
            "QUIT" => {
                say(&mut stream, "221 2.0.0 Bye\r\n");
                return;
            }
            _ => "500 5.5.2 Error: command not recognized\r\n",
        };
        say(&mut stream, answer);
    }
}

/// A certificate authority and a server certificate for `localhost` that it signed, made now:
/// the authority's certificate (PEM) and the server's TLS settings.
pub fn authority_and_server() -> (String, Tls) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Mission of Examplestan test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&server_key, &issuer)
        .unwrap();
    let key = rustls::pki_types::PrivateKeyDer::try_from(server_key.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![server.der().clone(), ca.der().clone()], key)
    .unwrap();
    (ca.pem(), Arc::new(config))
}
