//! `verbale check FILE`: validate without writing.

use std::path::PathBuf;

use serde::Serialize;

use crate::{pipeline, Diagnostic, Error};

/// Arguments of `verbale check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    /// Print a machine-readable report on standard output instead of the diagnostics.
    #[arg(long)]
    json: bool,
    /// Check as `generate --mail` does: the addresses mail needs, and each note's mail draft.
    #[arg(long)]
    mail: bool,
    #[command(flatten)]
    common: super::Common,
}

/// What `check --json` prints.
#[derive(Serialize)]
struct Report {
    file: PathBuf,
    /// `ok` or `failed`.
    status: &'static str,
    notes: usize,
    members: usize,
    errors: Vec<Diagnostic>,
}

/// Validates the file and makes every note in memory, so template and writer problems show too. With
/// `--json` the report goes to standard output and the exit code says whether it passed.
pub fn run(args: Args) -> Result<u8, Error> {
    let outcome = check(&args);
    if args.json {
        let report = match &outcome {
            Ok((notes, members, _)) => Report {
                file: args.file.clone(),
                status: "ok",
                notes: *notes,
                members: *members,
                errors: Vec::new(),
            },
            Err(error) => Report {
                file: args.file.clone(),
                status: "failed",
                notes: 0,
                members: 0,
                errors: error.diagnostics(),
            },
        };
        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
        println!("{text}");
        return Ok(u8::from(outcome.is_err()));
    }
    let (notes, members, next) = outcome?;
    println!(
        "{}: ok ({notes} {}, {members} {})",
        args.file.display(),
        if notes == 1 { "note" } else { "notes" },
        if members == 1 { "member" } else { "members" },
    );
    for (stem, reference) in next {
        println!("  {stem}: {reference} (next)");
    }
    Ok(0)
}

/// Each new `auto` note's name and the reference it would get.
type Next = Vec<(String, String)>;

/// The numbers of notes and members of a valid file, and the references the register would
/// give its new `auto` notes (none is taken).
///
/// Every note is made in full, PDF and DOCX, and only not written, so that a file `check`
/// passes is one `generate` can write.
fn check(args: &Args) -> Result<(usize, usize, Next), Error> {
    let env = args.common.env()?;
    let attach = args.mail.then_some(crate::mail::Attach::Pdf);
    let settings = args.common.settings(attach, false);
    let loaded = crate::load(&args.file, &env, &settings.overrides)?;
    let made = pipeline::render(&env, &loaded, &settings)?;
    let next = made
        .numbered
        .iter()
        .filter(|n| n.auto && n.new)
        .map(|n| (made.stems(n.meeting), n.reference.clone()))
        .collect();
    Ok((made.notes.len(), loaded.delegation.members.len(), next))
}
