//! `verbale completions SHELL`: the shell completion script, made from the command line's own
//! definition, so it never falls behind it.

use clap::CommandFactory;

use super::Cli;

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
