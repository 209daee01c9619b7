//! `verbale generate FILE -o DIR`: one PDF and one DOCX per meeting.

use std::path::PathBuf;
use std::sync::mpsc;

use crate::model::{Image, Language, Paper, PdfA};
use crate::note;
use crate::output::{self, Outcome, Planned};

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
    /// Print, per paragraph, its lines, the worst stretch of its spaces (0 = natural, 1 = half a
    /// space more) and how many lines end with a hyphen.
    #[arg(long)]
    layout_report: bool,
    #[command(flatten)]
    common: super::Common,
}

/// Languages on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum LanguageArg {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl From<LanguageArg> for Language {
    fn from(language: LanguageArg) -> Language {
        match language {
            LanguageArg::En => Language::English,
            LanguageArg::Fr => Language::French,
            LanguageArg::Es => Language::Spanish,
        }
    }
}

/// Paper sizes on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl From<PaperArg> for Paper {
    fn from(paper: PaperArg) -> Paper {
        match paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

/// Writes every note of the file, or nothing if any fails.
pub fn run(args: Args) -> Result<(), String> {
    let env = args.common.env()?;
    let (send_emblem, emblem) = mpsc::channel::<Emblem>();
    let env = &env;
    std::thread::scope(|scope| {
        // The other core makes the PDF faces, then the emblem, while this one reads and lays out.
        scope.spawn(move || {
            env.fonts.prepare_pdf_faces();
            if let Ok((image, pdf_a)) = emblem.recv() {
                env.images.prepare(&image, pdf_a);
            }
        });
        generate(&args, env, send_emblem)
    })
}

/// The file's emblem and the PDF profile of its notes, for the core that prepares it.
type Emblem = (Image, Option<PdfA>);

fn generate(
    args: &Args,
    env: &crate::Env,
    send_emblem: mpsc::Sender<Emblem>,
) -> Result<(), String> {
    let mut loaded = crate::load(&args.file, env, &args.common.load_options())
        .map_err(|rejected| super::check::summary(&rejected))?;
    if let Some(paper) = args.paper {
        loaded.delegation.paper = paper.into();
    }
    if let Some(image) = &loaded.delegation.mission.emblem {
        let _ = send_emblem.send((image.clone(), loaded.delegation.pdf_a));
    }
    // Without an emblem the other core has nothing more to do.
    drop(send_emblem);
    let notes = note::render_all(
        env,
        loaded.templates(env),
        &loaded.delegation,
        note::Files::SideBySide,
    )
    .map_err(|e| format!("error: {e}\nerror: nothing was written\n"))?;
    if args.layout_report {
        for note in &notes {
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
    }
    let files: Vec<Planned> = notes.iter().flat_map(note::Note::files).collect();
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
