//! `verbale generate FILE -o DIR`: one PDF and one DOCX per meeting.

use std::path::PathBuf;

use crate::model::Paper;
use crate::note;
use crate::output::{self, Outcome, Planned};
use crate::plan;

/// Arguments of `verbale generate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    /// Folder for the notes; files are named `<meeting id>.<language>.pdf` and `.docx`.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Replace existing files whose contents differ.
    #[arg(long)]
    force: bool,
    /// Paper size, overriding the file's `paper`.
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum PaperArg {
    A4,
    Letter,
}

/// Writes every note of the file, or nothing if any fails.
pub fn run(args: Args) -> Result<(), String> {
    let env = super::environment()?;
    let (_, mut delegation) = crate::load_delegation(&args.file, &env)
        .map_err(|rejected| super::check::summary(&rejected))?;
    if let Some(paper) = args.paper {
        delegation.paper = match paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        };
    }
    let mut notes = Vec::new();
    for job in plan::jobs(&delegation) {
        let note = note::render(&env, &delegation, &job)
            .map_err(|e| format!("error: {e}\nerror: nothing was written\n"))?;
        notes.push(note);
    }
    let files: Vec<Planned> = notes
        .iter()
        .flat_map(|note| {
            [
                Planned {
                    name: note.job.pdf_name(),
                    bytes: &note.pdf,
                },
                Planned {
                    name: note.job.docx_name(),
                    bytes: &note.docx,
                },
            ]
        })
        .collect();
    let outcomes = output::write_all(&args.output, &files, args.force)
        .map_err(|e| format!("error: {e}\nerror: nothing was written\n"))?;
    for (outcome, file) in outcomes.iter().zip(&files) {
        let (verb, path) = match outcome {
            Outcome::Written(path) => ("wrote", path),
            Outcome::Unchanged(path) => ("unchanged", path),
        };
        println!("{verb:>9} {} ({} bytes)", path.display(), file.bytes.len());
    }
    Ok(())
}
