//! The register on PostgreSQL as libpq users expect it: TLS by `sslmode` and `sslrootcert`,
//! settings from libpq's environment, and passwords never printed back.

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;

use crate::register::{delegation, postgres_register};
use crate::support::Workspace;

/// A URL that no server answers (port 1 on the loopback), for what fails before or at connecting.
const NOBODY: &str = "postgres://clerk@127.0.0.1:1/notes";

fn numbered(ws: &Workspace) {
    ws.write("d.toml", &delegation(&[("a", "2026-01-10", "auto")]));
}

#[test]
fn a_password_on_the_command_line_is_never_printed_back() {
    let ws = Workspace::new();
    numbered(&ws);
    for (register, shown) in [
        (
            "postgres://clerk:s3cret@127.0.0.1:1/notes",
            "`postgres://clerk:***@127.0.0.1:1/notes`",
        ),
        (
            "postgresql://clerk@127.0.0.1:1/notes?password=s3cret&sslmode=disable",
            "`postgresql://clerk@127.0.0.1:1/notes?password=***&sslmode=disable`",
        ),
    ] {
        for args in [
            &["generate", "d.toml", "--register", register][..],
            &["register", "list", "--register", register][..],
        ] {
            let run = ws.run(args);
            run.failure().stderr_has(shown).stderr_has("cannot connect");
            assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);
            assert!(!run.stdout.contains("s3cret"), "{}", run.stdout);
        }
    }
}

#[test]
fn a_password_in_the_delegation_files_url_is_refused_and_not_quoted() {
    let ws = Workspace::new();
    for url in [
        "postgres://clerk:s3cret@db.example.org/notes",
        "postgres://clerk@db.example.org/notes?sslmode=verify-full&password=s3cret",
    ] {
        let text = delegation(&[("a", "2026-01-10", "auto")]).replacen(
            "[mission]",
            &format!("register = \"{url}\"\n\n[mission]"),
            1,
        );
        ws.write("d.toml", &text);
        let run = ws.run(&["check", "d.toml"]);
        run.failure()
            .stderr_has("the register's URL holds a password")
            .stderr_has("d.toml:3:12")
            .stderr_has("***");
        assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);
    }
}

#[test]
fn a_password_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let file = ws.write("pgpass", "127.0.0.1:1:notes:clerk:s3cret\n");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let passfile = file.to_str().unwrap();
    let run = ws.run_with_env(
        &["register", "list", "--register", NOBODY],
        &[("PGPASSFILE", passfile)],
    );
    run.failure()
        .stderr_has("can be read by others (mode 0644), so it is not used")
        .stderr_has("chmod 600");
    // Made private, it is read: the error is now the server that is not there.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = ws.run_with_env(
        &["register", "list", "--register", NOBODY],
        &[("PGPASSFILE", passfile)],
    );
    run.failure().stderr_has("cannot connect");
    assert!(!run.stderr.contains("read by others"), "{}", run.stderr);
}

#[test]
fn sslmode_takes_libpq_names_from_the_url_or_pgsslmode() {
    let ws = Workspace::new();
    let url = format!("{NOBODY}?sslmode=allow");
    ws.run(&["register", "list", "--register", &url])
        .failure()
        .stderr_has("unknown `sslmode` `allow` (from the URL)")
        .stderr_has("`verify-ca` or `verify-full`");
    ws.run_with_env(
        &["register", "list", "--register", NOBODY],
        &[("PGSSLMODE", "verify")],
    )
    .failure()
    .stderr_has("unknown `sslmode` `verify` (from `PGSSLMODE`)");
    // Checking a certificate needs a certificate authority to check it against.
    for mode in ["verify-ca", "verify-full"] {
        ws.run_with_env(
            &["register", "list", "--register", NOBODY],
            &[("PGSSLMODE", mode)],
        )
        .failure()
        .stderr_has(&format!(
            "`sslmode={mode}` checks the server's certificate, and no root certificate is named"
        ))
        .stderr_has("`PGSSLROOTCERT`");
    }
    let missing = format!("{NOBODY}?sslmode=verify-full&sslrootcert=missing.pem");
    ws.run(&["register", "list", "--register", &missing])
        .failure()
        .stderr_has("cannot read the root certificate `missing.pem`");
}

/// The plain server's settings, one by one: (host, port, database, user).
fn plain_server() -> (String, String, String, String) {
    let url = std::env::var("VERBALE_TEST_POSTGRES").expect(
        "VERBALE_TEST_POSTGRES must name a PostgreSQL server (postgres://user@host:port/db); \
         `.ci/run` starts one",
    );
    let config: postgres::Config = url.parse().expect("a PostgreSQL URL");
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(host) => host.clone(),
        other => panic!("a TCP host, not {other:?}"),
    };
    (
        host,
        config.get_ports()[0].to_string(),
        config.get_dbname().unwrap().to_string(),
        config.get_user().unwrap().to_string(),
    )
}

#[test]
#[ignore = "needs a PostgreSQL server: VERBALE_TEST_POSTGRES; run by .ci/run"]
fn postgres_settings_come_from_libpqs_environment() {
    let ws = Workspace::new();
    numbered(&ws);
    let register = postgres_register("environment");
    let options = &register[register.find("?options=").unwrap()..];
    let (host, port, database, user) = plain_server();
    let env = [
        ("PGHOST", host.as_str()),
        ("PGPORT", port.as_str()),
        ("PGDATABASE", database.as_str()),
        ("PGUSER", user.as_str()),
    ];
    // Everything from the environment; then a host without a port, which takes `PGPORT`.
    let bare = format!("postgres://{options}");
    ws.run_with_env(&["generate", "d.toml", "--register", &bare], &env)
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en");
    let portless = format!("postgres://{user}@{host}/{database}{options}");
    ws.run_with_env(
        &["register", "list", "--register", &portless],
        &[("PGPORT", port.as_str())],
    )
    .success()
    .stdout_has("GVA/2026/0001");
    // A service names the same settings.
    let services = format!(
        "[register]\nhost={host}\nport={port}\ndbname={database}\nuser={user}\nsslmode=prefer\n"
    );
    let file = ws.write("services.conf", &services);
    let service = format!("postgres://{options}&service=register");
    ws.run_with_env(
        &["register", "list", "--register", &service],
        &[("PGSERVICEFILE", file.to_str().unwrap())],
    )
    .success()
    .stdout_has("GVA/2026/0001");
}

/// The TLS server's URL (`postgres://verbale@localhost:PORT/verbale`), its password and the
/// run's certificate authorities (right, wrong).
struct TlsServer {
    url: String,
    password: String,
    ca: String,
    wrong_ca: String,
}

fn tls_server() -> TlsServer {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!(
                "{name} is not set: these tests need a TLS PostgreSQL server \
                 (VERBALE_TEST_POSTGRES_TLS, its password VERBALE_TEST_POSTGRES_TLS_PASSWORD, its CA \
                 VERBALE_TEST_POSTGRES_CA, another CA VERBALE_TEST_POSTGRES_WRONG_CA); `.ci/run` starts one"
            )
        })
    };
    TlsServer {
        url: var("VERBALE_TEST_POSTGRES_TLS"),
        password: var("VERBALE_TEST_POSTGRES_TLS_PASSWORD"),
        ca: var("VERBALE_TEST_POSTGRES_CA"),
        wrong_ca: var("VERBALE_TEST_POSTGRES_WRONG_CA"),
    }
}

impl TlsServer {
    /// A schema of the test's own, made over a checked TLS connection; the URL's query that
    /// puts the register in it.
    fn schema(&self, test: &str) -> String {
        let pem = std::fs::read(&self.ca).expect("the CA file");
        let mut roots = rustls::RootCertStore::empty();
        for cert in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
            roots.add(cert.unwrap()).unwrap();
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let tls = tokio_postgres_rustls::MakeRustlsConnect::new(config);
        let mut config: postgres::Config = self.url.parse().unwrap();
        config.password(&self.password);
        config.ssl_mode(postgres::config::SslMode::Require);
        let mut client = config.connect(tls).expect("connect over TLS");
        let schema = format!("verbale_{test}_{}", std::process::id());
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .unwrap();
        format!("options=-c%20search_path%3D{schema}")
    }

    fn password(&self) -> [(&str, &str); 1] {
        [("PGPASSWORD", self.password.as_str())]
    }
}

#[test]
#[ignore = "needs a TLS PostgreSQL server: VERBALE_TEST_POSTGRES_TLS; run by .ci/run"]
fn tls_verify_full_with_the_runs_ca_numbers_notes() {
    let server = tls_server();
    let ws = Workspace::new();
    numbered(&ws);
    let options = server.schema("verify_full");
    let register = format!(
        "{}?{options}&sslmode=verify-full&sslrootcert={}",
        server.url, server.ca
    );
    ws.run_with_env(
        &["generate", "d.toml", "--register", &register],
        &server.password(),
    )
    .success()
    .stdout_has("numbered GVA/2026/0001 for a.en");
    // By address: the certificate names 127.0.0.1 too. The settings from the environment.
    let by_address = format!("{}?{options}", server.url.replace("localhost", "127.0.0.1"));
    ws.run_with_env(
        &["register", "list", "--register", &by_address],
        &[
            ("PGPASSWORD", server.password.as_str()),
            ("PGSSLMODE", "verify-full"),
            ("PGSSLROOTCERT", server.ca.as_str()),
        ],
    )
    .success()
    .stdout_has("GVA/2026/0001");
}

#[test]
#[ignore = "needs a TLS PostgreSQL server: VERBALE_TEST_POSTGRES_TLS; run by .ci/run"]
fn tls_with_a_wrong_ca_fails_cleanly() {
    let server = tls_server();
    let ws = Workspace::new();
    numbered(&ws);
    for mode in ["verify-full", "verify-ca", "require"] {
        let register = format!(
            "{}?sslmode={mode}&sslrootcert={}",
            server.url, server.wrong_ca
        );
        ws.run_with_env(
            &["generate", "d.toml", "--register", &register],
            &server.password(),
        )
        .failure()
        .stderr_has(&format!(
            "cannot connect: the server's certificate is not signed by the root certificate `{}`",
            server.wrong_ca
        ))
        .stderr_has("hint: name the certificate authority that signed the server's certificate");
    }
    assert!(ws.files_in("out").is_empty());
}

#[test]
#[ignore = "needs a TLS PostgreSQL server: VERBALE_TEST_POSTGRES_TLS; run by .ci/run"]
fn tls_verify_ca_checks_the_signer_and_verify_full_the_name_too() {
    let server = tls_server();
    let ws = Workspace::new();
    let options = server.schema("verify_ca");
    // Another name for the same address: the certificate is not made for it.
    let other = format!(
        "{}?{options}&hostaddr=127.0.0.1&sslrootcert={}",
        server.url.replace("localhost", "register.invalid"),
        server.ca
    );
    ws.run_with_env(
        &[
            "register",
            "list",
            "--register",
            &format!("{other}&sslmode=verify-full"),
        ],
        &server.password(),
    )
    .failure()
    .stderr_has("the server's certificate is not made for `register.invalid`")
    .stderr_has("`sslmode=verify-ca`");
    numbered(&ws);
    ws.run_with_env(
        &[
            "generate",
            "d.toml",
            "--register",
            &format!("{other}&sslmode=verify-ca"),
        ],
        &server.password(),
    )
    .success()
    .stdout_has("numbered GVA/2026/0001 for a.en");
}

#[test]
#[ignore = "needs a TLS PostgreSQL server: VERBALE_TEST_POSTGRES_TLS; run by .ci/run"]
fn tls_require_encrypts_unchecked_and_disable_is_refused_by_a_tls_only_server() {
    use std::os::unix::fs::PermissionsExt;
    let server = tls_server();
    let ws = Workspace::new();
    numbered(&ws);
    let options = server.schema("require");
    // The password from a password file, private as libpq wants it.
    let port = server
        .url
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    let line = format!("localhost:{port}:verbale:verbale:{}\n", server.password);
    let file = ws.write("pgpass", &line);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let env = [("PGPASSFILE", file.to_str().unwrap())];
    let require = format!("{}?{options}&sslmode=require", server.url);
    ws.run_with_env(&["generate", "d.toml", "--register", &require], &env)
        .success()
        .stdout_has("numbered GVA/2026/0001 for a.en");
    // The default, `prefer`, takes TLS when the server offers it.
    let prefer = format!("{}?{options}", server.url);
    ws.run_with_env(&["register", "list", "--register", &prefer], &env)
        .success()
        .stdout_has("GVA/2026/0001");
    let disable = format!("{}?{options}&sslmode=disable", server.url);
    ws.run_with_env(&["register", "list", "--register", &disable], &env)
        .failure()
        .stderr_has("no pg_hba.conf entry")
        .stderr_has("no encryption");
}
