//! `verbale generate FILE -o DIR`: one PDF and one DOCX per meeting.

use std::path::PathBuf;

use crate::output::{self, Outcome, Planned};
use crate::Error;
use crate::{note, register};

/// Arguments of `verbale generate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    /// Folder for the notes; files are named `<meeting id>.<language>.pdf` and `.docx`.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    output: PathBuf,
    #[arg(long, help = super::FORCE)]
    force: bool,
    /// Print, per paragraph, its lines, the worst stretch of its spaces (0 = natural, 1 = half a
    /// space more) and how many lines end with a hyphen.
    #[arg(long)]
    layout_report: bool,
    #[command(flatten)]
    common: super::Common,
}

/// Writes every note of the file, or nothing if any fails.
pub fn run(args: Args) -> Result<u8, Error> {
    let env = args.common.env()?;
    let loaded = crate::load(&args.file, &env, &args.common.overrides())?;
    let (notes, outcomes) = match &loaded.delegation.register {
        Some(location) => {
            let issued = register::issue(&env, &loaded, location, &args.output, args.force)?;
            for number in issued.numbered.iter().filter(|n| n.new) {
                let stem = &issued.notes[number.meeting].job.stem;
                println!("{:>9} {} for {stem}", "numbered", number.reference);
            }
            (issued.notes, issued.outcomes)
        }
        None => {
            let notes = note::render_all(&env, &loaded)?;
            let files: Vec<Planned> = notes.iter().flat_map(note::Note::files).collect();
            let outcomes = output::write_all(&args.output, &files, args.force)?;
            (notes, outcomes)
        }
    };
    if args.layout_report {
        for note in &notes {
            print_layout_report(note);
        }
    }
    let files: Vec<Planned> = notes.iter().flat_map(note::Note::files).collect();
    for (outcome, file) in outcomes.iter().zip(&files) {
        let (verb, path) = match outcome {
            Outcome::Written(path) => ("wrote", path),
            Outcome::Unchanged(path) => ("unchanged", path),
        };
        println!("{verb:>9} {} ({} bytes)", path.display(), file.bytes.len());
    }
    Ok(0)
}

fn print_layout_report(note: &note::Note) {
    println!("{} ({} pages)", note.job.stem, note.pages);
    println!(
        "  {:<12} {:>5} {:>13} {:>10}",
        "block", "lines", "worst stretch", "hyphenated"
    );
    for paragraph in &note.report {
        println!(
            "  {:<12} {:>5} {:>13.2} {:>10}",
            paragraph.kind.markup_name(),
            paragraph.lines,
            paragraph.worst_ratio,
            paragraph.hyphenated
        );
    }
}
