//! The register in an SQLite file: `BEGIN IMMEDIATE` makes one writer at a time across
//! processes, and a writer that finds the file busy waits for it.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::{Backend, StoreError, Value};

/// How long a writer waits for another to finish before it gives up: a batch of thousands of
/// notes holds the register for its files one after the other, never for long at a time.
const BUSY_TIMEOUT: Duration = Duration::from_secs(120);

/// An open SQLite register.
pub(crate) struct Sqlite {
    connection: Connection,
}

impl Sqlite {
    /// Opens the file; with `create`, makes it if it is not there.
    pub(crate) fn open(path: &Path, create: bool) -> Result<Sqlite, StoreError> {
        let flags = if create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let connection =
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Sqlite { connection })
    }
}

/// Our statements number their parameters `$1`, `$2`, ...; SQLite's positional form is `?1`.
fn positional(sql: &str) -> String {
    sql.replace('$', "?")
}

fn params(values: &[Value]) -> Vec<rusqlite::types::Value> {
    values
        .iter()
        .map(|value| match value {
            Value::Null => rusqlite::types::Value::Null,
            Value::Int(n) => rusqlite::types::Value::Integer(*n),
            Value::Text(text) => rusqlite::types::Value::Text(text.clone()),
        })
        .collect()
}

impl Backend for Sqlite {
    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<(), StoreError> {
        self.connection
            .execute(&positional(sql), rusqlite::params_from_iter(params(values)))
            .map(drop)
            .map_err(StoreError::Sqlite)
    }

    fn rows(&mut self, sql: &str, values: &[Value]) -> Result<Vec<Vec<Value>>, StoreError> {
        let mut statement = self.connection.prepare(&positional(sql))?;
        let columns = statement.column_count();
        let mut rows = statement.query(rusqlite::params_from_iter(params(values)))?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for index in 0..columns {
                values.push(match row.get_ref(index)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Int(n),
                    ValueRef::Text(text) => Value::Text(String::from_utf8_lossy(text).into_owned()),
                    ValueRef::Real(x) => Value::Text(x.to_string()),
                    ValueRef::Blob(_) => Value::Null,
                });
            }
            found.push(values);
        }
        Ok(found)
    }

    fn begin(&mut self, write: bool) -> Result<(), StoreError> {
        let sql = if write { "BEGIN IMMEDIATE" } else { "BEGIN" };
        self.connection
            .execute_batch(sql)
            .map_err(StoreError::Sqlite)
    }

    fn has_table(&mut self, name: &str) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1";
        let rows = self.rows(sql, &[Value::Text(name.to_string())])?;
        Ok(rows.first().and_then(|row| row.first()) != Some(&Value::Int(0)))
    }

    fn begin_schema(&mut self) -> Result<(), StoreError> {
        self.begin(true)
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        self.connection
            .execute_batch("COMMIT")
            .map_err(StoreError::Sqlite)
    }

    fn rollback(&mut self) {
        let _ = self.connection.execute_batch("ROLLBACK");
    }
}
