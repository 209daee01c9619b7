//! `verbale generate FILE -o DIR`: one PDF and one DOCX per meeting.

use std::path::PathBuf;

use crate::export::pdf::Emblems;
use crate::mail::{self, Attach};
use crate::note;
use crate::output::{self, Outcome, Planned};
use crate::Error;

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
    let overrides = crate::Overrides {
        mail: args.mail.is_some(),
        ..args.common.overrides()
    };
    let loaded = crate::load(&args.file, &env, &overrides)?;
    let notes = note::render_all(&env, &loaded, &Emblems::default())?;
    if args.layout_report {
        for note in &notes {
            print_layout_report(note);
        }
    }
    let drafts = match args.mail {
        Some(attach) => notes
            .iter()
            .map(|note| Ok((note, mail::draft::for_note(&env, &loaded, note, attach)?)))
            .collect::<Result<Vec<_>, Error>>()?,
        None => Vec::new(),
    };
    let mut files: Vec<Planned> = notes.iter().flat_map(note::Note::files).collect();
    files.extend(drafts.iter().map(|(note, draft)| Planned {
        name: mail::draft::file_name(&note.job),
        bytes: &draft.bytes,
    }));
    let outcomes = output::write_all(&args.output, &files, args.force)?;
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
