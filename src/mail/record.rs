//! A sent note -> `<meeting id>.<language>.sent` beside its `.eml`: when it was sent, its
//! Message-ID and the server's answer. Its presence is what keeps a rerun from sending again.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::output::{self, OutputError, Planned};

/// What is kept of a sent note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// When the server accepted it (UTC, `2017-08-15T09:30:00Z`).
    pub sent_at: String,
    /// The message's Message-ID.
    pub message_id: String,
    /// The recipient.
    pub to: String,
    /// The copies.
    pub cc: Vec<String>,
    /// The server's answer (`250 2.0.0 Ok: queued as ...`).
    pub server_response: String,
}

/// The record's file name for a note (`ccm-7msp.en.sent`).
pub fn file_name(stem: &str) -> String {
    format!("{stem}.sent")
}

/// The record of a note sent earlier, if there is one.
pub fn read(folder: &Path, stem: &str) -> Option<Sent> {
    // A record is a few lines; read as every input is, a pipe or device refused.
    let bytes = crate::files::read_bounded(&folder.join(file_name(stem)), 1 << 20).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether a note was sent earlier (a record that cannot be read counts: better to ask for
/// `--resend` than to send twice).
pub fn was_sent(folder: &Path, stem: &str) -> bool {
    folder.join(file_name(stem)).exists()
}

/// Marks a note sent, after the server accepted it: the one place that learns of every sent
/// note, so a register of notes can be told here too.
pub fn mark_sent(folder: &Path, stem: &str, sent: &Sent) -> Result<PathBuf, OutputError> {
    let mut json = serde_json::to_string_pretty(sent).unwrap_or_default();
    json.push('\n');
    output::replace(
        folder,
        &Planned {
            name: file_name(stem),
            bytes: json.as_bytes(),
        },
    )
}

/// `2017-08-15T09:30:00Z` for a time.
pub fn utc(time: SystemTime) -> String {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let date = i64::try_from(seconds)
        .ok()
        .and_then(crate::dates::Date::from_unix_seconds);
    let of_day = seconds % 86_400;
    match date {
        Some(d) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year,
            d.month,
            d.day,
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60
        ),
        None => seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!was_sent(dir.path(), "a.en"));
        let sent = Sent {
            sent_at: utc(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_502_789_400)),
            message_id: "<x@example.org>".into(),
            to: "ccm@unog.ch".into(),
            cc: vec![],
            server_response: "250 Ok".into(),
        };
        assert_eq!(sent.sent_at, "2017-08-15T09:30:00Z");
        mark_sent(dir.path(), "a.en", &sent).unwrap();
        assert!(was_sent(dir.path(), "a.en"));
        assert_eq!(read(dir.path(), "a.en"), Some(sent));
    }
}
