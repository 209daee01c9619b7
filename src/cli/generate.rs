//! `verbale generate FILE -o DIR`: one PDF and one DOCX per meeting.

use std::path::PathBuf;

use crate::mail::Attach;
use crate::note;
use crate::output::Outcome;
use crate::{pipeline, Error};

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
    /// space more), its narrowest and widest word space (times a normal space) and how many
    /// lines end with a hyphen.
    #[arg(long)]
    layout_report: bool,
    /// Also write a mail draft per note (`<meeting id>.<language>.eml`), with the PDF attached
    /// (`--mail=pdf,docx`: both files).
    #[arg(long, value_name = "ATTACH", num_args = 0..=1, require_equals = true,
          default_missing_value = "pdf", value_parser = super::Choice(&Attach::ALL))]
    mail: Option<Attach>,
    #[command(flatten)]
    common: super::Common,
}

/// Writes every note of the file, or nothing if any fails.
pub fn run(args: Args) -> Result<u8, Error> {
    let env = args.common.env()?;
    let settings = args.common.settings(args.mail, args.force);
    let loaded = crate::load(&args.file, &env, &settings.overrides)?;
    let written = pipeline::issue(&env, &loaded, &settings, &args.output)?;
    super::print_numbered(&written.rendered);
    if args.layout_report {
        for note in &written.rendered.notes {
            print_layout_report(note);
        }
    }
    for (outcome, size) in written.outcomes.iter().zip(written.sizes()) {
        let (verb, path) = match outcome {
            Outcome::Written(path) => ("wrote", path),
            Outcome::Unchanged(path) => ("unchanged", path),
        };
        println!("{verb:>9} {} ({size} bytes)", path.display());
    }
    Ok(0)
}

fn print_layout_report(note: &note::Note) {
    println!("{} ({} pages)", note.job.stem, note.pages);
    println!(
        "  {:<12} {:>5} {:>13} {:>10} {:>10} {:>10} {:>10}",
        "block", "lines", "worst stretch", "min space", "max space", "letter sp.", "hyphenated"
    );
    for paragraph in &note.report {
        println!(
            "  {:<12} {:>5} {:>13.2} {:>9.2}× {:>9.2}× {:>9.1}% {:>10}",
            paragraph.kind.markup_name(),
            paragraph.lines,
            paragraph.worst_ratio,
            paragraph.narrowest_space,
            paragraph.widest_space,
            paragraph.letter_spacing * 100.0,
            paragraph.hyphenated
        );
    }
}
