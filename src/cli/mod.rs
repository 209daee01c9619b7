//! Command line -> library calls. Arguments are parsed here and turned into library types at
//! the edge; one file per subcommand.

mod batch;
mod check;
mod generate;
mod preview;
mod templates;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::template::Templates;
use crate::Env;

/// Diplomatic notes verbales as print-ready PDF and DOCX, from a TOML delegation file.
#[derive(Parser, Debug)]
#[command(name = "verbale", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a note (PDF and DOCX) for each meeting in a delegation file.
    Generate(generate::Args),
    /// Check a delegation file and report every problem, writing nothing.
    Check(check::Args),
    /// Write the notes of many delegation files (or folders of them) in parallel.
    Batch(batch::Args),
    /// Print the notes of a file as plain text, page by page.
    Preview(preview::Args),
    /// List, show, copy, inspect and check templates.
    Templates(templates::Args),
}

/// Runs the command line; the exit code is 0 on success, 1 when anything failed.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(args).map(|()| 0),
        Command::Check(args) => check::run(args).map(|()| 0),
        Command::Batch(args) => batch::run(args),
        Command::Preview(args) => preview::run(args).map(|()| 0),
        Command::Templates(args) => templates::run(args).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprint!("{message}");
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}

/// Builds the run's environment from the built-in templates and fonts and `SOURCE_DATE_EPOCH`.
fn environment(templates: Option<&std::path::Path>) -> Result<Env, String> {
    let clock = Env::clock_from_environment().map_err(|e| format!("error: {e}"))?;
    let templates = match templates {
        Some(folder) => Templates::with_overrides(folder).map_err(|errors| {
            let mut text: String = errors.iter().map(|e| format!("error: {e}\n")).collect();
            text.push_str(&format!(
                "error: the templates in `{}` cannot be used\n",
                folder.display()
            ));
            text
        })?,
        None => Templates::builtin().map_err(|e| format!("error: {e}"))?,
    };
    Env::with_templates(templates, clock).map_err(|e| format!("error: {e}"))
}

/// Options shared by the commands that read delegation files.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Language of every note, overriding the file and its meetings.
    #[arg(long, value_enum)]
    lang: Option<generate::LanguageArg>,
    /// Folder of templates (`<language>/<name>.hbs`) that replace built-in ones of the same name
    /// or add kinds of note; overrides the file's `templates` key.
    #[arg(long, value_name = "DIR")]
    templates: Option<std::path::PathBuf>,
    /// Write archival PDF/A (1b or 2b), validated while it is written.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pdf_a: Option<PdfAArg>,
}

/// Archival profiles on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum PdfAArg {
    /// PDF/A-1b.
    #[value(name = "1b")]
    A1b,
    /// PDF/A-2b.
    #[value(name = "2b")]
    A2b,
}

impl Common {
    fn env(&self) -> Result<Env, String> {
        environment(self.templates.as_deref())
    }

    fn load_options(&self) -> crate::LoadOptions {
        crate::LoadOptions {
            language: self.lang.map(Into::into),
            run_templates: self.templates.is_some(),
            pdf_a: self.pdf_a.map(|p| match p {
                PdfAArg::A1b => crate::model::PdfA::A1b,
                PdfAArg::A2b => crate::model::PdfA::A2b,
            }),
        }
    }
}

/// A batch holds its memory at a steady size for thousands of notes, and transparent huge pages
/// round that up in 2 MB steps (47 MB instead of 34 MB over 10,000 notes); a single note, which
/// lives for a few milliseconds, is faster with them (fewer page faults), so only a batch turns
/// them off.
pub(crate) fn small_pages_from_now_on() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag on this process's memory map.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
