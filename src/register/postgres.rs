//! The register in a PostgreSQL database, shared by several offices: a writer locks the notes
//! table against other writers (readers go on), for the length of its transaction.

use postgres::types::{ToSql, Type};
use postgres::Client;

use super::pg_error::ConnectError;
use super::{Backend, StoreError, Value};

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

/// The server's own message, which the client's display leaves out.
pub(super) fn full_message(error: &postgres::Error) -> String {
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
    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<(), StoreError> {
        let boxed = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        self.client
            .execute(sql, &refs)
            .map(drop)
            .map_err(StoreError::Postgres)
    }

    fn rows(&mut self, sql: &str, values: &[Value]) -> Result<Vec<Vec<Value>>, StoreError> {
        let boxed = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        let rows = self.client.query(sql, &refs)?;
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
                            .map_err(StoreError::Postgres)
                    })
                    .collect()
            })
            .collect()
    }

    fn begin(&mut self, write: bool) -> Result<(), StoreError> {
        self.client.batch_execute("BEGIN")?;
        if write {
            // Conflicts with itself, not with readers: one writer at a time, in this schema.
            let lock = "LOCK TABLE register_notes IN SHARE ROW EXCLUSIVE MODE";
            if let Err(e) = self.client.batch_execute(lock) {
                self.rollback();
                return Err(StoreError::Postgres(e));
            }
        }
        Ok(())
    }

    fn has_table(&mut self, name: &str) -> Result<bool, StoreError> {
        // Looked up along the search path, as every other statement finds its tables.
        let rows = self.rows(
            "SELECT to_regclass($1)::text",
            &[Value::Text(name.to_string())],
        )?;
        Ok(rows.first().and_then(|row| row.first()) != Some(&Value::Null))
    }

    fn begin_schema(&mut self) -> Result<(), StoreError> {
        // Two first uses at once would both create the tables; a lock taken by a fixed number
        // (any number; this one spells "VERB") makes the second wait and find them made.
        self.client
            .batch_execute("BEGIN; SELECT pg_advisory_xact_lock(1447383618)")
            .map_err(StoreError::Postgres)
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        self.client
            .batch_execute("COMMIT")
            .map_err(StoreError::Postgres)
    }

    fn rollback(&mut self) {
        let _ = self.client.batch_execute("ROLLBACK");
    }
}
