//! The register's tables and every statement run on them, written once for both back ends
//! (the SQL both SQLite and PostgreSQL accept).

use super::{Backend, NoteRecord, SentRecord, StoreError, Value, VersionRecord};

/// The schema this verbale writes. A register with a higher version was made by a newer
/// verbale and is refused rather than misread.
pub(crate) const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS register_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)",
    // `series` is the pattern the number was taken from ('' for a reference written by
    // hand, whose `seq` is 0).
    "CREATE TABLE IF NOT EXISTS register_notes (
        reference TEXT PRIMARY KEY,
        series TEXT NOT NULL,
        year BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        source TEXT NOT NULL,
        meeting TEXT NOT NULL,
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        voided_on TEXT,
        void_reason TEXT)",
    "CREATE UNIQUE INDEX IF NOT EXISTS register_notes_sequence
        ON register_notes (series, year, seq) WHERE seq > 0",
    "CREATE INDEX IF NOT EXISTS register_notes_identity
        ON register_notes (source, meeting, kind, language)",
    "CREATE TABLE IF NOT EXISTS register_versions (
        reference TEXT NOT NULL REFERENCES register_notes (reference),
        version BIGINT NOT NULL,
        issued TEXT NOT NULL,
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        meeting TEXT NOT NULL,
        recipient TEXT NOT NULL,
        mission TEXT NOT NULL,
        pdf_path TEXT NOT NULL,
        docx_path TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        docx_sha256 TEXT NOT NULL,
        PRIMARY KEY (reference, version))",
    // Each time a note's mail was accepted by the mission's server (`verbale send`).
    "CREATE TABLE IF NOT EXISTS register_sent (
        reference TEXT NOT NULL REFERENCES register_notes (reference),
        sent_at TEXT NOT NULL,
        message_id TEXT NOT NULL,
        recipients TEXT NOT NULL,
        server_response TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS register_versions_pdf ON register_versions (pdf_sha256)",
    "CREATE INDEX IF NOT EXISTS register_versions_docx ON register_versions (docx_sha256)",
];

/// The schema's version, or `None` when the register has no tables yet.
pub(crate) fn schema_version(db: &mut dyn Backend) -> Result<Option<i64>, StoreError> {
    if !db.has_table("register_meta")? {
        return Ok(None);
    }
    let rows = db.rows(
        "SELECT value FROM register_meta WHERE key = 'schema_version'",
        &[],
    )?;
    let version = rows
        .first()
        .and_then(|row| row.first())
        .and_then(Value::text);
    match version.map(|v| v.parse::<i64>()) {
        Some(Ok(version)) => Ok(Some(version)),
        _ => Err(StoreError::NoSchemaVersion),
    }
}

/// Refuses a register made by a newer verbale.
pub(crate) fn check_version(version: i64) -> Result<(), StoreError> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: version });
    }
    Ok(())
}

/// Makes the tables if they are missing, one process at a time; refuses a newer schema.
pub(crate) fn create(db: &mut dyn Backend) -> Result<(), StoreError> {
    db.begin_schema()?;
    let result = (|| {
        if let Some(version) = schema_version(db)? {
            check_version(version)?;
            // Versions older than this one would be migrated here; version 1 is the first.
            return Ok(());
        }
        for statement in SCHEMA {
            db.execute(statement, &[])?;
        }
        db.execute(
            "INSERT INTO register_meta (key, value) VALUES ('schema_version', $1)",
            &[Value::Text(SCHEMA_VERSION.to_string())],
        )
    })();
    match result {
        Ok(()) => db.commit(),
        Err(error) => {
            db.rollback();
            Err(error)
        }
    }
}

const NOTE_COLUMNS: &str = "n.reference, n.year, n.seq, n.source, n.meeting, n.kind, \
    n.language, n.voided_on, n.void_reason";
const VERSION_COLUMNS: &str = "v.reference, v.version, v.issued, v.kind, v.language, \
    v.meeting, v.recipient, v.mission, v.pdf_path, v.docx_path, v.pdf_sha256, v.docx_sha256";
const NOTE_WIDTH: usize = 9;

fn note(row: &[Value]) -> NoteRecord {
    let text = |i: usize| row[i].text().unwrap_or_default();
    NoteRecord {
        reference: text(0),
        year: row[1].int(),
        seq: row[2].int(),
        source: text(3),
        meeting: text(4),
        kind: text(5),
        language: text(6),
        voided_on: row[7].text(),
        void_reason: row[8].text(),
    }
}

fn version(row: &[Value]) -> Option<VersionRecord> {
    let text = |i: usize| row[i].text().unwrap_or_default();
    row[0].text()?;
    Some(VersionRecord {
        reference: text(0),
        version: row[1].int(),
        issued: text(2),
        kind: text(3),
        language: text(4),
        meeting: text(5),
        recipient: text(6),
        mission: text(7),
        pdf_path: text(8),
        docx_path: text(9),
        pdf_sha256: text(10),
        docx_sha256: text(11),
    })
}

/// Notes with their latest version, in order of year, sequence and reference.
pub(crate) fn list(
    db: &mut dyn Backend,
    year: Option<i64>,
) -> Result<Vec<(NoteRecord, Option<VersionRecord>)>, StoreError> {
    let filter = if year.is_some() {
        "WHERE n.year = $1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {NOTE_COLUMNS}, {VERSION_COLUMNS} FROM register_notes n \
         LEFT JOIN register_versions v ON v.reference = n.reference AND v.version = \
         (SELECT MAX(w.version) FROM register_versions w WHERE w.reference = n.reference) \
         {filter} ORDER BY n.year, n.series, n.seq, n.reference"
    );
    let params: Vec<Value> = year.map(Value::Int).into_iter().collect();
    Ok(db
        .rows(&sql, &params)?
        .iter()
        .map(|row| (note(row), version(&row[NOTE_WIDTH..])))
        .collect())
}

/// One note and its versions, oldest first.
pub(crate) fn show(
    db: &mut dyn Backend,
    reference: &str,
) -> Result<Option<(NoteRecord, Vec<VersionRecord>)>, StoreError> {
    let Some(found) = note_by_reference(db, reference)? else {
        return Ok(None);
    };
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM register_versions v WHERE v.reference = $1 \
         ORDER BY v.version"
    );
    let rows = db.rows(&sql, &[Value::Text(reference.to_string())])?;
    Ok(Some((
        found,
        rows.iter().filter_map(|r| version(r)).collect(),
    )))
}

/// The versions with a file of this SHA-256.
pub(crate) fn find_file(
    db: &mut dyn Backend,
    sha256: &str,
) -> Result<Vec<(NoteRecord, VersionRecord)>, StoreError> {
    let sql = format!(
        "SELECT {NOTE_COLUMNS}, {VERSION_COLUMNS} FROM register_versions v \
         JOIN register_notes n ON n.reference = v.reference \
         WHERE v.pdf_sha256 = $1 OR v.docx_sha256 = $1 ORDER BY v.reference, v.version"
    );
    let rows = db.rows(&sql, &[Value::Text(sha256.to_string())])?;
    Ok(rows
        .iter()
        .filter_map(|row| Some((note(row), version(&row[NOTE_WIDTH..])?)))
        .collect())
}

/// Voids a note that is not voided yet; `false` if there is none such.
pub(crate) fn void(
    db: &mut dyn Backend,
    reference: &str,
    date: &str,
    reason: &str,
) -> Result<bool, StoreError> {
    db.begin(true)?;
    let result = (|| {
        match note_by_reference(db, reference)? {
            Some(found) if found.voided_on.is_none() => {}
            _ => return Ok(false),
        }
        db.execute(
            "UPDATE register_notes SET voided_on = $1, void_reason = $2 WHERE reference = $3",
            &[
                Value::Text(date.to_string()),
                Value::Text(reason.to_string()),
                Value::Text(reference.to_string()),
            ],
        )?;
        Ok(true)
    })();
    match result {
        Ok(done) => db.commit().map(|()| done),
        Err(error) => {
            db.rollback();
            Err(error)
        }
    }
}

/// The note with this reference.
pub(crate) fn note_by_reference(
    db: &mut dyn Backend,
    reference: &str,
) -> Result<Option<NoteRecord>, StoreError> {
    let sql = format!("SELECT {NOTE_COLUMNS} FROM register_notes n WHERE n.reference = $1");
    let rows = db.rows(&sql, &[Value::Text(reference.to_string())])?;
    Ok(rows.first().map(|row| note(row)))
}

/// The number a note was given from a pattern, if it has one that is not voided.
pub(crate) fn numbered_note(
    db: &mut dyn Backend,
    identity: &NoteRecord,
) -> Result<Option<String>, StoreError> {
    let rows = db.rows(
        "SELECT reference FROM register_notes WHERE source = $1 AND meeting = $2 \
         AND kind = $3 AND language = $4 AND seq > 0 AND voided_on IS NULL \
         ORDER BY year DESC, seq DESC LIMIT 1",
        &[
            Value::Text(identity.source.clone()),
            Value::Text(identity.meeting.clone()),
            Value::Text(identity.kind.clone()),
            Value::Text(identity.language.clone()),
        ],
    )?;
    Ok(rows.first().and_then(|row| row[0].text()))
}

/// The highest number of a sequence (0 when it has none): per year, or for all years when
/// the pattern does not name the year.
pub(crate) fn highest(
    db: &mut dyn Backend,
    series: &str,
    year: Option<i64>,
) -> Result<i64, StoreError> {
    let series = Value::Text(series.to_string());
    let rows = match year {
        Some(year) => db.rows(
            "SELECT MAX(seq) FROM register_notes WHERE series = $1 AND year = $2",
            &[series, Value::Int(year)],
        )?,
        None => db.rows(
            "SELECT MAX(seq) FROM register_notes WHERE series = $1",
            &[series],
        )?,
    };
    Ok(rows.first().map_or(0, |row| row[0].int()))
}

/// Records a note's number.
pub(crate) fn insert_note(
    db: &mut dyn Backend,
    series: &str,
    note: &NoteRecord,
) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO register_notes (reference, series, year, seq, source, meeting, kind, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            Value::Text(note.reference.clone()),
            Value::Text(series.to_string()),
            Value::Int(note.year),
            Value::Int(note.seq),
            Value::Text(note.source.clone()),
            Value::Text(note.meeting.clone()),
            Value::Text(note.kind.clone()),
            Value::Text(note.language.clone()),
        ],
    )
}

/// The latest version of a note's files in a language: its number and its files' hashes.
pub(crate) fn latest_version(
    db: &mut dyn Backend,
    reference: &str,
    language: &str,
) -> Result<Option<(i64, String, String)>, StoreError> {
    let rows = db.rows(
        "SELECT version, pdf_sha256, docx_sha256 FROM register_versions WHERE reference = $1 \
         AND language = $2 ORDER BY version DESC LIMIT 1",
        &[
            Value::Text(reference.to_string()),
            Value::Text(language.to_string()),
        ],
    )?;
    Ok(rows.first().map(|row| {
        (
            row[0].int(),
            row[1].text().unwrap_or_default(),
            row[2].text().unwrap_or_default(),
        )
    }))
}

/// The highest version number recorded under a reference, in any language; 0 if none.
pub(crate) fn last_version_number(
    db: &mut dyn Backend,
    reference: &str,
) -> Result<i64, StoreError> {
    let rows = db.rows(
        "SELECT version FROM register_versions WHERE reference = $1 \
         ORDER BY version DESC LIMIT 1",
        &[Value::Text(reference.to_string())],
    )?;
    Ok(rows.first().map_or(0, |row| row[0].int()))
}

/// Records an issued version.
pub(crate) fn insert_version(db: &mut dyn Backend, v: &VersionRecord) -> Result<(), StoreError> {
    let text = |s: &String| Value::Text(s.clone());
    db.execute(
        "INSERT INTO register_versions (reference, version, issued, kind, language, meeting, \
         recipient, mission, pdf_path, docx_path, pdf_sha256, docx_sha256) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            text(&v.reference),
            Value::Int(v.version),
            text(&v.issued),
            text(&v.kind),
            text(&v.language),
            text(&v.meeting),
            text(&v.recipient),
            text(&v.mission),
            text(&v.pdf_path),
            text(&v.docx_path),
            text(&v.pdf_sha256),
            text(&v.docx_sha256),
        ],
    )
}

/// Records that a note's mail was accepted by the server.
pub(crate) fn insert_sent(db: &mut dyn Backend, sent: &SentRecord) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO register_sent (reference, sent_at, message_id, recipients, server_response) \
         VALUES ($1, $2, $3, $4, $5)",
        &[
            Value::Text(sent.reference.clone()),
            Value::Text(sent.sent_at.clone()),
            Value::Text(sent.message_id.clone()),
            Value::Text(sent.recipients.clone()),
            Value::Text(sent.server_response.clone()),
        ],
    )
    .map(drop)
}

/// Every time a note was sent, oldest first.
pub(crate) fn sent(db: &mut dyn Backend, reference: &str) -> Result<Vec<SentRecord>, StoreError> {
    let rows = db.rows(
        "SELECT reference, sent_at, message_id, recipients, server_response FROM register_sent \
         WHERE reference = $1 ORDER BY sent_at",
        &[Value::Text(reference.to_string())],
    )?;
    Ok(rows
        .iter()
        .map(|row| {
            let text = |i: usize| match row.get(i) {
                Some(Value::Text(text)) => text.clone(),
                _ => String::new(),
            };
            SentRecord {
                reference: text(0),
                sent_at: text(1),
                message_id: text(2),
                recipients: text(3),
                server_response: text(4),
            }
        })
        .collect())
}
