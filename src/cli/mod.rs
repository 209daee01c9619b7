//! Command line -> library calls. Arguments are parsed here and turned into library types at
//! the edge; one file per subcommand.

mod batch;
mod check;
mod generate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

/// Runs the command line; the exit code is 0 on success, 1 when anything failed.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(args).map(|()| 0),
        Command::Check(args) => check::run(args).map(|()| 0),
        Command::Batch(args) => batch::run(args),
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
fn environment() -> Result<Env, String> {
    let clock = Env::clock_from_environment().map_err(|e| format!("error: {e}"))?;
    Env::builtin(clock).map_err(|e| format!("error: {e}"))
}
