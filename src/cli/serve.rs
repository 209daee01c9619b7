//! `verbale serve [FILE|FOLDER]`: the delegation as a form in the browser, with the notes'
//! pages beside it, on a local server only this user's browser can reach.

use std::path::PathBuf;

use crate::serve::{self, Delegations};
use crate::Error;

/// Arguments of `verbale serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A delegation file (TOML), or a folder of them (default: the current folder).
    path: Option<PathBuf>,
    /// Port to listen on, on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8731)]
    port: u16,
    /// Start the system's browser on the page.
    #[arg(long)]
    open: bool,
    /// Folder for the issued notes; for a folder of delegation files, each file's notes go to
    /// a folder of their own below it.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    output: PathBuf,
    /// The SMTP settings file for the page's Send button (default:
    /// `$XDG_CONFIG_HOME/verbale/smtp.toml`, else `~/.config/verbale/smtp.toml`).
    #[arg(long, value_name = "FILE")]
    smtp: Option<PathBuf>,
    #[command(flatten)]
    common: super::Common,
}

/// Serves until Ctrl-C; 1 if the server could not start.
pub fn run(args: Args) -> Result<u8, Error> {
    let env = args.common.env()?;
    let settings = args.common.settings(None, false);
    let path = args.path.unwrap_or_else(|| PathBuf::from("."));
    let config = Delegations::new(&path, args.output).map(|delegations| serve::Config {
        env,
        settings,
        delegations,
        port: args.port,
        open: args.open,
        templates: args.common.templates.clone(),
        smtp: args.smtp,
    });
    match config.and_then(serve::run) {
        Ok(()) => Ok(0),
        Err(error) => {
            eprintln!("error: {}\n  = hint: {}", error.message(), error.hint());
            Ok(1)
        }
    }
}
