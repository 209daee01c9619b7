//! `verbale completions SHELL` and `verbale man`: the shell completion script and the manual
//! page, both made from the command line's own definition, so they never fall behind it.

use std::io::Write;

use clap::CommandFactory;

use super::Cli;
use crate::Error;

/// Arguments of `verbale completions`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completion script of a shell.
pub fn completions(args: Args) {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "verbale", &mut std::io::stdout());
}

/// Prints the manual page (roff), which lists every subcommand.
pub fn manual() -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .and_then(|()| std::io::stdout().write_all(&page))
        .map_err(|source| {
            Error::Output(crate::output::OutputError::Io {
                path: "standard output".into(),
                source,
            })
        })
}
