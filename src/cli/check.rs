//! `verbale check FILE`: validate without writing.

use std::path::PathBuf;

use crate::note;
use crate::plan;

/// Arguments of `verbale check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    #[command(flatten)]
    common: super::Common,
}

/// Validates the file and renders every note in memory, so template problems show too.
pub fn run(args: Args) -> Result<(), String> {
    let env = args.common.env()?;
    let loaded = crate::load(&args.file, &env, &args.common.load_options())
        .map_err(|rejected| summary(&rejected))?;
    let (source, delegation) = (&loaded.source, &loaded.delegation);
    for job in plan::jobs(delegation) {
        note::document(&env, loaded.templates(&env), delegation, &job)
            .map_err(|e| format!("error: {e}"))?;
    }
    println!(
        "{}: ok ({} {}, {} {})",
        source.display_name(),
        delegation.meetings.len(),
        if delegation.meetings.len() == 1 {
            "note"
        } else {
            "notes"
        },
        delegation.members.len(),
        if delegation.members.len() == 1 {
            "member"
        } else {
            "members"
        },
    );
    Ok(())
}

/// The rendered diagnostics and a count.
pub fn summary(rejected: &crate::Rejected) -> String {
    let count = rejected.diagnostics.len();
    format!(
        "{}\nerror: {count} {} found; nothing was written\n",
        rejected.render(),
        if count == 1 { "problem" } else { "problems" }
    )
}
