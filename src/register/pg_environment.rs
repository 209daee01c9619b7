//! What libpq would take from the environment for a connection that the URL leaves open: a
//! service (`PGSERVICE`, from `PGSERVICEFILE` or `~/.pg_service.conf`), the user (`PGUSER`),
//! and the password (`PGPASSWORD`, or the matching line of `PGPASSFILE` or `~/.pgpass`), so
//! that a register's password never has to be written in a delegation file.

use std::path::PathBuf;

use postgres::config::Host;
use postgres::Config;

/// Fills in what `config` lacks from the environment, as libpq does.
pub(crate) fn complete(config: &mut Config) -> Result<(), String> {
    if let Ok(service) = std::env::var("PGSERVICE") {
        apply_service(config, &service)?;
    }
    if config.get_user().is_none() {
        if let Ok(user) = std::env::var("PGUSER").or_else(|_| std::env::var("USER")) {
            config.user(&user);
        }
    }
    if config.get_password().is_none() {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        } else if let Some(password) = password_file().and_then(|text| lookup(&text, config)) {
            config.password(password);
        }
    }
    Ok(())
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// Applies the settings of `[service]` in the service file to what the URL did not say.
fn apply_service(config: &mut Config, service: &str) -> Result<(), String> {
    let path = std::env::var_os("PGSERVICEFILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pg_service.conf")))
        .ok_or("`PGSERVICE` is set, but there is no service file (`PGSERVICEFILE`)")?;
    let text = crate::input::read_bounded(&path, 1 << 20)
        .map_err(|e| format!("cannot read the service file `{}`: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&text);
    let settings = section(&text, service).ok_or_else(|| {
        format!(
            "the service file `{}` has no service `[{service}]`",
            path.display()
        )
    })?;
    for (key, value) in settings {
        match key.as_str() {
            "host" if config.get_hosts().is_empty() => {
                config.host(&value);
            }
            "port" if config.get_ports().is_empty() => {
                let port = value
                    .parse()
                    .map_err(|_| format!("the service's port `{value}` is not a number"))?;
                config.port(port);
            }
            "dbname" if config.get_dbname().is_none() => {
                config.dbname(&value);
            }
            "user" if config.get_user().is_none() => {
                config.user(&value);
            }
            "password" if config.get_password().is_none() => {
                config.password(value);
            }
            _ => {}
        }
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

fn password_file() -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pgpass")))?;
    let bytes = crate::input::read_bounded(&path, 1 << 20).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
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
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(fields)
        .find(|fields| {
            fields.len() == 5
                && fields[..4]
                    .iter()
                    .zip(wanted)
                    .all(|(field, value)| field == "*" || field == value)
        })
        .map(|fields| fields[4].clone())
}

fn fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
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
            "# comment\nother:5433:notes:clerk:no\ndb.example.org:*:notes:clerk:s\\:cr\\\\et\n";
        assert_eq!(lookup(text, &config).as_deref(), Some("s:cr\\et"));
        assert_eq!(lookup("*:*:*:someone:x\n", &config), None);
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
}
