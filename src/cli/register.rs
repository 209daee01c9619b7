//! `verbale register list|show|verify|void`: read the register of outgoing notes, prove a
//! file was issued, withdraw a note.

use std::path::{Path, PathBuf};

use crate::model::location::DEFAULT_FILE;
use crate::register::{
    sha256_hex, Location, NoteRecord, Register, RegisterError, RegisterFault, VersionRecord,
};
use crate::{Diagnostic, Error};

/// Arguments of `verbale register`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// The register: an SQLite file, or a `postgres://` URL (the password from `PGPASSWORD`).
    /// Without it, the register of `--for`, else `register.sqlite` in the current folder.
    #[arg(long, value_name = "PATH|URL", global = true)]
    register: Option<String>,
    /// The delegation file whose register to read, found as `generate` finds it: the file's
    /// `register` setting, else `register.sqlite` beside the file.
    #[arg(
        long = "for",
        value_name = "FILE.toml",
        global = true,
        conflicts_with = "register"
    )]
    for_file: Option<PathBuf>,
}

impl Args {
    /// The register this command reads: `--register`, else the one `generate` uses for
    /// `--for`, else `register.sqlite` in the current folder.
    fn location(&self) -> Result<Location, Error> {
        if let Some(given) = &self.register {
            return Ok(Location::parse(given));
        }
        let Some(file) = &self.for_file else {
            return Ok(Location::File(PathBuf::from(DEFAULT_FILE)));
        };
        let env = crate::Env::builtin(None)?;
        let loaded = crate::load(file, &env, &crate::model::Overrides::default())?;
        Ok(loaded
            .delegation
            .register
            .unwrap_or_else(|| Location::File(loaded.source.base_dir().join(DEFAULT_FILE))))
    }
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// List the notes, in order of year and number, voided ones marked.
    List {
        /// Only the notes of this year.
        #[arg(long)]
        year: Option<i64>,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (one line per note, with its latest version), in UTF-8 with a byte order
        /// mark, so that Excel and LibreOffice Calc open it with its accents.
        #[arg(long)]
        csv: bool,
    },
    /// Show a note and every version of it, with its files' SHA-256.
    Show {
        /// The reference (`GVA/2026/0043`).
        reference: String,
    },
    /// Tell whether a PDF or DOCX is one the register issued, unaltered, of a note not voided
    /// (exit status 1 otherwise).
    Verify {
        /// The file.
        file: PathBuf,
    },
    /// Withdraw a note: it stays in the register, marked, and its number is never given again.
    Void {
        /// The reference.
        reference: String,
        /// Why it is withdrawn.
        #[arg(long, required = true)]
        reason: String,
    },
}

/// Runs the subcommand; the result is the exit code.
pub fn run(args: Args) -> Result<u8, Error> {
    let location = args.location()?;
    let mut register = open(&location)?;
    match args.command {
        Command::List { year, json, csv } => list_notes(&mut register, year, json, csv),
        Command::Show { reference } => show_note(&mut register, &location, &reference),
        Command::Verify { file } => verify(&mut register, &location, &file),
        Command::Void { reference, reason } => {
            void_note(&mut register, &location, &reference, &reason)
        }
    }
}

/// The register at `location`; one that is not there yet is an error, never made here.
fn open(location: &Location) -> Result<Register, Error> {
    Register::open_existing(location)
        .map_err(Error::Register)?
        .ok_or_else(|| Error::Register(RegisterError::new(location, RegisterFault::Missing)))
}

/// `register list`: the notes (of `year`), as lines, JSON or CSV.
fn list_notes(
    register: &mut Register,
    year: Option<i64>,
    json: bool,
    csv: bool,
) -> Result<u8, Error> {
    let notes = register.list(year).map_err(Error::Register)?;
    if json {
        let items: Vec<_> = notes
            .iter()
            .map(|(note, latest)| serde_json::json!({ "note": note, "latest": latest }))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        );
    } else if csv {
        print!("{}", to_csv(&notes));
    } else {
        for (note, latest) in &notes {
            println!("{}", line(note, latest.as_ref()));
        }
    }
    Ok(0)
}

/// `register show`: the note and its versions, then each time it was sent.
fn show_note(register: &mut Register, location: &Location, reference: &str) -> Result<u8, Error> {
    let Some((note, versions)) = register.show(reference).map_err(Error::Register)? else {
        return Err(unknown(location, reference));
    };
    print!("{}", show(&note, &versions));
    for sent in register.sent(reference).map_err(Error::Register)? {
        println!(
            "  sent     {} to {} ({}; server: {})",
            sent.sent_at, sent.recipients, sent.message_id, sent.server_response
        );
    }
    Ok(0)
}

/// `register void`: withdraws the note today, for `reason`; a note voided already, or not in
/// the register, is an error.
fn void_note(
    register: &mut Register,
    location: &Location,
    reference: &str,
    reason: &str,
) -> Result<u8, Error> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Register(RegisterError::new(
            location,
            RegisterFault::EmptyReason,
        )));
    }
    let today = today()?;
    if register
        .void(reference, &today, reason)
        .map_err(Error::Register)?
    {
        println!("voided {reference} on {today}: {reason}");
        return Ok(0);
    }
    match register.show(reference).map_err(Error::Register)? {
        Some((note, _)) => Err(Error::Register(RegisterError::new(
            location,
            RegisterFault::VoidedAlready {
                reference: reference.to_string(),
                on: note.voided_on.unwrap_or_default(),
            },
        ))),
        None => Err(unknown(location, reference)),
    }
}

/// `register verify`: 0 when the file is an issued version of a note that stands; 1 when no
/// issued version has its bytes, or when its note was voided (a withdrawn note proves nothing).
fn verify(register: &mut Register, location: &Location, file: &Path) -> Result<u8, Error> {
    let bytes = crate::files::read_bounded(file, crate::files::MAX_OUTPUT_BYTES).map_err(|e| {
        Error::Register(RegisterError::new(
            location,
            RegisterFault::Unreadable {
                file: file.to_path_buf(),
                error: e,
            },
        ))
    })?;
    let sha = sha256_hex(&bytes);
    let found = register.find_file(&sha).map_err(Error::Register)?;
    if found.is_empty() {
        let message = format!(
            "`{}` is not a file the register `{location}` issued: no issued version has its \
             SHA-256 ({sha})",
            file.display()
        );
        let hint = "it was altered after it was issued, or it was never issued from this register";
        eprint!(
            "{}",
            Diagnostic::in_file(None, message).hint(hint).render(None)
        );
        return Ok(1);
    }
    let mut standing = false;
    for (note, version) in &found {
        let issued = format!(
            "{}, issued {}, version {}",
            note.reference, version.issued, version.version
        );
        match &note.voided_on {
            None => {
                standing = true;
                println!("{issued}");
            }
            Some(on) => {
                let message = format!(
                    "`{}` is {issued}, voided on {on} because {}",
                    file.display(),
                    note.void_reason.as_deref().unwrap_or("no reason was given"),
                );
                let hint = format!(
                    "the note was withdrawn and stands no more; `verbale register show {}` \
                     shows its versions",
                    note.reference
                );
                eprint!(
                    "{}",
                    Diagnostic::in_file(None, message).hint(hint).render(None)
                );
            }
        }
    }
    Ok(if standing { 0 } else { 1 })
}

fn unknown(location: &Location, reference: &str) -> Error {
    Error::Register(RegisterError::new(
        location,
        RegisterFault::UnknownNote {
            reference: reference.to_string(),
        },
    ))
}

/// Today, or the day of `SOURCE_DATE_EPOCH`.
fn today() -> Result<String, Error> {
    if let Some(date) = crate::Env::clock_from_environment()? {
        return Ok(date.to_string());
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(crate::dates::Date::from_unix_seconds(seconds)
        .map(|d| d.to_string())
        .unwrap_or_default())
}

/// One line of `register list`.
fn line(note: &NoteRecord, latest: Option<&VersionRecord>) -> String {
    let mut text = format!(
        "{:<16} {:<10} {:<20} {:<10} {:<2}",
        note.reference,
        latest.map_or("", |v| v.issued.as_str()),
        note.meeting,
        note.kind,
        note.language,
    );
    if let Some(latest) = latest {
        text.push_str(&format!("  v{}  {}", latest.version, latest.recipient));
    }
    if let Some(on) = &note.voided_on {
        text.push_str(&format!(
            "  VOIDED {on}: {}",
            note.void_reason.as_deref().unwrap_or("")
        ));
    }
    text
}

/// `register list --csv`. It opens with a byte order mark: Excel and LibreOffice Calc take a
/// CSV file without one for their locale's 8-bit code page and garble every accent, and read
/// it as UTF-8 with one.
fn to_csv(notes: &[(NoteRecord, Option<VersionRecord>)]) -> String {
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let header = [
        "reference",
        "year",
        "number",
        "issued",
        "meeting",
        "kind",
        "language",
        "recipient",
        "version",
        "pdf",
        "pdf_sha256",
        "docx",
        "docx_sha256",
        "voided_on",
        "void_reason",
    ];
    let _ = writer.write_record(header);
    for (note, latest) in notes {
        let v = |f: fn(&VersionRecord) -> String| latest.as_ref().map(f).unwrap_or_default();
        let _ = writer.write_record([
            note.reference.clone(),
            note.year.to_string(),
            note.seq.to_string(),
            v(|v| v.issued.clone()),
            note.meeting.clone(),
            note.kind.clone(),
            note.language.clone(),
            v(|v| v.recipient.clone()),
            v(|v| v.version.to_string()),
            v(|v| v.pdf_path.clone()),
            v(|v| v.pdf_sha256.clone()),
            v(|v| v.docx_path.clone()),
            v(|v| v.docx_sha256.clone()),
            note.voided_on.clone().unwrap_or_default(),
            note.void_reason.clone().unwrap_or_default(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `register show`: the note, then each version.
fn show(note: &NoteRecord, versions: &[VersionRecord]) -> String {
    let mut text = format!("{}\n", note.reference);
    text.push_str(&format!(
        "  note       {} ({}, {}) of {}\n",
        note.meeting, note.kind, note.language, note.source
    ));
    match &note.voided_on {
        Some(on) => text.push_str(&format!(
            "  status     voided on {on}: {}\n",
            note.void_reason.as_deref().unwrap_or("")
        )),
        None => text.push_str("  status     issued\n"),
    }
    for v in versions {
        text.push_str(&format!("  version {}  issued {}\n", v.version, v.issued));
        text.push_str(&format!(
            "    from     {}\n    to       {}\n",
            v.mission, v.recipient
        ));
        text.push_str(&format!(
            "    pdf      {}  sha256 {}\n",
            v.pdf_path, v.pdf_sha256
        ));
        text.push_str(&format!(
            "    docx     {}  sha256 {}\n",
            v.docx_path, v.docx_sha256
        ));
    }
    text
}
