//! A register's PostgreSQL URL, completed as libpq completes it -> the client's settings and
//! the TLS to use. What the URL leaves open comes from a service (`?service=` or `PGSERVICE`,
//! in `PGSERVICEFILE` or `~/.pg_service.conf`), then from `PGHOST`, `PGPORT`, `PGDATABASE`,
//! `PGUSER`, `PGPASSWORD`, `PGSSLMODE` and `PGSSLROOTCERT`, and the password last from
//! `PGPASSFILE` or `~/.pgpass`, so that a register's password never has to be written in a
//! delegation file.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use postgres::config::Host;
use postgres::Config;

use super::pg_error::ConnectError;
use super::pg_tls::{RootCert, SslMode, Tls};

/// How to connect to a register: the client's settings and the TLS.
pub(crate) struct Settings {
    /// Host, port, database, user, password and the other settings the client knows.
    pub config: Config,
    /// `sslmode` and `sslrootcert`.
    pub tls: Tls,
}

/// The settings the client's URL parser does not know, taken out of the query.
#[derive(Debug, Default, PartialEq, Eq)]
struct Own {
    sslmode: Option<(String, String)>,
    sslrootcert: Option<String>,
    service: Option<String>,
}

/// The URL's settings, completed as libpq completes them.
pub(crate) fn resolve(url: &str) -> Result<Settings, ConnectError> {
    let (client_url, mut own) = split(url);
    let mut config: Config = client_url
        .parse()
        .map_err(|source| ConnectError::Url { source })?;
    if let Some(service) = own.service.clone().or_else(|| var("PGSERVICE")) {
        apply_service(&mut config, &mut own, &service)?;
    }
    apply_environment(&mut config, &mut own)?;
    if config.get_password().is_none() {
        if let Some(password) = password_file(&config)? {
            config.password(password);
        }
    }
    let mode = match own.sslmode {
        None => SslMode::Prefer,
        Some((value, from)) => {
            SslMode::parse(&value).ok_or(ConnectError::SslMode { value, from })?
        }
    };
    // libpq uses no TLS over Unix sockets, whatever the mode.
    let local = !config.get_hosts().is_empty()
        && config.get_hostaddrs().is_empty()
        && config
            .get_hosts()
            .iter()
            .all(|h| !matches!(h, Host::Tcp(_)));
    let tls = Tls {
        mode: if local { SslMode::Disable } else { mode },
        root_cert: own.sslrootcert.as_deref().map(RootCert::parse),
    };
    config.ssl_mode(tls.mode.client());
    Ok(Settings { config, tls })
}

/// The URL for the client's parser, and the settings it does not know, decoded. The client
/// gives a host without a port the port 5432, where libpq leaves the port to `PGPORT` or a
/// service: such hosts are moved into the query (`?host=`), where the client sets no port.
fn split(url: &str) -> (String, Own) {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut own = Own::default();
    let mut kept = Vec::new();
    let (base, hosts) = portless_hosts(base);
    kept.extend(hosts.iter().map(|host| format!("host={host}")));
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded = || percent_decode_str(value).decode_utf8_lossy().into_owned();
        match percent_decode_str(key).decode_utf8_lossy().as_ref() {
            "sslmode" => own.sslmode = Some((decoded(), "the URL".to_string())),
            "sslrootcert" => own.sslrootcert = Some(decoded()),
            "service" => own.service = Some(decoded()),
            _ => kept.push(pair.to_string()),
        }
    }
    let client_url = if kept.is_empty() {
        base
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (client_url, own)
}

/// The URL (before `?`) without its hosts when none of them has a port, and those hosts.
fn portless_hosts(base: &str) -> (String, Vec<&str>) {
    let Some((scheme, rest)) = base.split_once("://") else {
        return (base.to_string(), Vec::new());
    };
    // As the client reads it: the credentials end at the first `@`, the hosts at `/`.
    let start = rest.find('@').map_or(0, |at| at + 1);
    let end = rest[start..].find('/').map_or(rest.len(), |i| start + i);
    let hosts = &rest[start..end];
    let has_port = |chunk: &str| {
        chunk
            .rsplit_once(']')
            .map_or(chunk, |(_, a)| a)
            .contains(':')
    };
    if hosts.is_empty() || hosts.split(',').any(has_port) {
        return (base.to_string(), Vec::new());
    }
    let moved = hosts
        .split(',')
        .map(|host| host.trim_start_matches('[').trim_end_matches(']'))
        .collect();
    (
        format!("{scheme}://{}{}", &rest[..start], &rest[end..]),
        moved,
    )
}

/// A non-empty environment variable (libpq treats an empty one as unset).
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// One setting for what is still open: from a service file or the environment.
fn apply(
    config: &mut Config,
    own: &mut Own,
    key: &str,
    value: &str,
    from: &str,
) -> Result<(), ConnectError> {
    let no_host = config.get_hosts().is_empty() && config.get_hostaddrs().is_empty();
    match key {
        "host" if no_host => value.split(',').for_each(|host| {
            config.host(host);
        }),
        "port" if config.get_ports().is_empty() => {
            for port in value.split(',') {
                let port = port.trim().parse().map_err(|_| ConnectError::Port {
                    value: value.to_string(),
                    from: from.to_string(),
                })?;
                config.port(port);
            }
        }
        "dbname" if config.get_dbname().is_none() => {
            config.dbname(value);
        }
        "user" if config.get_user().is_none() => {
            config.user(value);
        }
        "password" if config.get_password().is_none() => {
            config.password(value);
        }
        "sslmode" if own.sslmode.is_none() => {
            own.sslmode = Some((value.to_string(), from.to_string()));
        }
        "sslrootcert" if own.sslrootcert.is_none() => own.sslrootcert = Some(value.to_string()),
        _ => {}
    }
    Ok(())
}

/// libpq's environment variables, for what the URL and the service left open.
fn apply_environment(config: &mut Config, own: &mut Own) -> Result<(), ConnectError> {
    const VARIABLES: [(&str, &str); 7] = [
        ("PGHOST", "host"),
        ("PGPORT", "port"),
        ("PGDATABASE", "dbname"),
        ("PGUSER", "user"),
        ("PGPASSWORD", "password"),
        ("PGSSLMODE", "sslmode"),
        ("PGSSLROOTCERT", "sslrootcert"),
    ];
    for (name, key) in VARIABLES {
        if let Some(value) = var(name) {
            apply(config, own, key, &value, &format!("`{name}`"))?;
        }
    }
    if config.get_user().is_none() {
        if let Some(user) = var("USER") {
            config.user(&user);
        }
    }
    #[cfg(unix)]
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        // libpq's default: the server's socket folder (Debian's, else the upstream one).
        let socket = Path::new("/var/run/postgresql");
        config.host_path(if socket.is_dir() {
            socket
        } else {
            Path::new("/tmp")
        });
    }
    Ok(())
}

/// Applies the settings of `[service]` in the service file to what the URL did not say.
fn apply_service(config: &mut Config, own: &mut Own, service: &str) -> Result<(), ConnectError> {
    let path = var("PGSERVICEFILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pg_service.conf")))
        .ok_or_else(|| ConnectError::NoServiceFile {
            service: service.to_string(),
        })?;
    let text =
        crate::files::read_bounded(&path, 1 << 20).map_err(|source| ConnectError::ServiceFile {
            path: path.clone(),
            source,
        })?;
    let text = String::from_utf8_lossy(&text);
    let settings = section(&text, service).ok_or_else(|| ConnectError::NoService {
        path: path.clone(),
        service: service.to_string(),
    })?;
    let from = format!("the service `{service}`");
    for (key, value) in settings {
        apply(config, own, &key, &value, &from)?;
    }
    Ok(())
}

/// The `key=value` lines of a `[name]` section of an INI-style file.
fn section(text: &str, name: &str) -> Option<Vec<(String, String)>> {
    let mut found = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if found.is_some() {
                break;
            }
            if header.trim() == name {
                found = Some(Vec::new());
            }
            continue;
        }
        if let (Some(settings), Some((key, value))) = (found.as_mut(), line.split_once('=')) {
            settings.push((key.trim().to_string(), value.trim().to_string()));
        }
    }
    found
}

/// The password of the matching line of `PGPASSFILE` or `~/.pgpass`; a file that others can
/// read is refused, as libpq refuses it.
fn password_file(config: &Config) -> Result<Option<String>, ConnectError> {
    let Some(path) = var("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pgpass")))
    else {
        return Ok(None);
    };
    let Ok(metadata) = std::fs::metadata(&path) else {
        return Ok(None);
    };
    if !metadata.is_file() {
        return Ok(None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(ConnectError::PasswordFileOpen { path, mode });
        }
    }
    let bytes = crate::files::read_bounded(&path, 1 << 20)
        .map_err(|source| ConnectError::PasswordFile { path, source })?;
    Ok(lookup(&String::from_utf8_lossy(&bytes), config))
}

/// The password of the first `host:port:database:user:password` line that matches (`*` matches
/// anything; `\:` and `\\` are a colon and a backslash).
fn lookup(text: &str, config: &Config) -> Option<String> {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(Host::Unix(_)) | None => "localhost".to_string(),
        #[cfg(not(unix))]
        None => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let database = config.get_dbname().unwrap_or(user);
    let wanted = [host.as_str(), port.as_str(), database, user];
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(fields)
        .find(|fields| {
            fields.len() == 5
                && fields[..4]
                    .iter()
                    .zip(wanted)
                    .all(|((field, wild), value)| *wild || field == value)
        })
        .map(|mut fields| fields.swap_remove(4).0)
}

/// A line's fields, each with whether it is the wildcard `*` (an escaped `\*` is a star).
fn fields(line: &str) -> Vec<(String, bool)> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut escaped = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                field.extend(chars.next());
                escaped = true;
            }
            ':' => {
                let wild = field == "*" && !escaped;
                fields.push((std::mem::take(&mut field), wild));
                escaped = false;
            }
            c => field.push(c),
        }
    }
    let wild = field == "*" && !escaped;
    fields.push((field, wild));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_file_line_matches_with_wildcards_and_escapes() {
        let config: Config = "postgres://clerk@db.example.org:5433/notes"
            .parse()
            .unwrap();
        let text =
            "# comment\nother:5433:notes:clerk:no\ndb.example.org:*:notes:clerk:s\\:cr\\\\et\r\n";
        assert_eq!(lookup(text, &config).as_deref(), Some("s:cr\\et"));
        assert_eq!(lookup("*:*:*:someone:x\n", &config), None);
        assert_eq!(lookup("\\*:*:*:clerk:x\n", &config), None);
    }

    #[test]
    fn a_service_is_a_section_of_settings() {
        let text = "[other]\nhost=a\n\n[register]\nhost = db.example.org\nport=5433\n# no\ndbname=notes\n[next]\nuser=x\n";
        let settings = section(text, "register").unwrap();
        assert_eq!(
            settings,
            [
                ("host".to_string(), "db.example.org".to_string()),
                ("port".to_string(), "5433".to_string()),
                ("dbname".to_string(), "notes".to_string())
            ]
        );
        assert!(section(text, "missing").is_none());
    }

    #[test]
    fn libpq_settings_the_client_does_not_know_are_taken_out_of_the_query() {
        let (url, own) = split(
            "postgres://clerk@db/notes?sslmode=verify-full&options=-c%20x%3Dy&sslrootcert=%2Fetc%2Fca%20file.pem&service=reg",
        );
        assert_eq!(url, "postgres://clerk@/notes?host=db&options=-c%20x%3Dy");
        assert_eq!(
            own,
            Own {
                sslmode: Some(("verify-full".into(), "the URL".into())),
                sslrootcert: Some("/etc/ca file.pem".into()),
                service: Some("reg".into()),
            }
        );
        // Every setting the client does not know is taken out.
        for key in crate::model::location::LIBPQ_ONLY {
            let (url, _) = split(&format!("postgres://db:1/notes?{key}=x"));
            assert_eq!(url, "postgres://db:1/notes");
        }
    }
}
