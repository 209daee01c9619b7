//! `verbale send FILE`: writes each note with its mail draft, then sends the drafts through
//! the mission's SMTP server, one message per note, skipping notes sent before.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::mail::config::{self, SmtpConfig};
use crate::mail::record;
use crate::mail::send::{Server, PASSWORD_VARIABLE};
use crate::mail::{Attach, Draft, MailError};
use crate::pipeline::{self, Outgoing};
use crate::{Diagnostic, Error};

/// Arguments of `verbale send`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    /// Folder of the notes, their drafts (`.eml`) and the records of what was sent (`.sent`).
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    output: PathBuf,
    /// What to attach: the PDF, or the PDF and the DOCX (default: what the drafts already in
    /// the folder attach, else the PDF).
    #[arg(long, value_name = "ATTACH", value_parser = super::Choice(&Attach::ALL))]
    attach: Option<Attach>,
    /// Print who would get what, and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Send again the notes that were sent before.
    #[arg(long)]
    resend: bool,
    /// The SMTP settings file (default: `$XDG_CONFIG_HOME/verbale/smtp.toml`, else
    /// `~/.config/verbale/smtp.toml`).
    #[arg(long, value_name = "FILE")]
    smtp: Option<PathBuf>,
    #[arg(long, help = super::FORCE)]
    force: bool,
    #[command(flatten)]
    common: super::Common,
}

/// Sends every note of the file not sent before; exit code 1 if any could not be sent.
pub fn run(args: Args) -> Result<u8, Error> {
    let env = args.common.env()?;
    // Mail is asked for; which files it attaches is known once the file is read.
    let mut settings = args.common.settings(Some(Attach::Pdf), args.force);
    let loaded = crate::load(&args.file, &env, &settings.overrides)?;
    settings.mail = Some(
        args.attach
            .unwrap_or_else(|| pipeline::attached_on_disk(&args.output, &loaded)),
    );
    let was_sent = |stem: &str| sent_before(&args.output, stem, args.resend);
    if args.dry_run {
        let made = pipeline::render(&env, &loaded, &settings)?;
        for (note, draft) in made.notes.iter().zip(&made.drafts) {
            if !was_sent(&note.job.stem) {
                print_draft(&note.job.stem, draft);
            }
        }
        println!("dry run: nothing was sent or written");
        return Ok(0);
    }
    let server = connect(args.smtp.as_deref())?;
    let written = pipeline::issue(&env, &loaded, &settings, &args.output)?;
    super::print_numbered(&written.rendered);
    let failed = written
        .outgoing(&args.output, &loaded)
        .iter()
        .filter(|mail| !was_sent(&mail.stem) && !send_one(&server, mail))
        .count();
    if failed > 0 {
        eprint!("{}", unsent(&server, failed));
        return Ok(1);
    }
    Ok(0)
}

/// The closing line when notes were not sent, and what to do.
pub(super) fn unsent(server: &Server, count: usize) -> String {
    let notes = if count == 1 { "note was" } else { "notes were" };
    let (message, hint) = if server.is_down() {
        (
            format!("{count} {notes} not sent: the SMTP server failed (see above)"),
            format!(
                "correct `{}` as the hint above says, then run again: notes sent before are \
                 skipped",
                server.settings().display()
            ),
        )
    } else {
        (
            format!("{count} {notes} not sent (see above)"),
            "once the cause is corrected, run again: notes sent before are skipped".to_string(),
        )
    };
    Diagnostic::in_file(None, message).hint(hint).render(None)
}

/// Sends one note's mail and records it as sent, beside its files and in the register that
/// numbered it; false (with the reason printed) when the server did not take it or a record
/// could not be written.
pub(super) fn send_one(server: &Server, mail: &Outgoing) -> bool {
    match pipeline::deliver(server, mail) {
        Ok(answer) => {
            println!(
                "     sent {} to {} (server: {answer})",
                mail.stem, mail.draft.to
            );
            true
        }
        Err(error) => {
            let message = error.message(&mail.stem);
            eprint!(
                "{}",
                Diagnostic::in_file(error.file(), message)
                    .hints(error.hints())
                    .render(None)
            );
            false
        }
    }
}

/// Whether a note was sent before (said, when it is skipped for it).
pub(super) fn sent_before(folder: &Path, stem: &str, resend: bool) -> bool {
    let sent = record::was_sent(folder, stem);
    if sent && !resend {
        let when =
            record::read(folder, stem).map_or_else(String::new, |r| format!(" on {}", r.sent_at));
        println!("  skipped {stem}: sent before{when} (`--resend` sends it again)");
    }
    sent && !resend
}

fn print_draft(stem: &str, draft: &Draft) {
    println!("would send {stem}");
    println!("  From:    {}", draft.from);
    println!("  To:      {}", draft.to);
    if !draft.cc.is_empty() {
        println!("  Cc:      {}", draft.cc.join(", "));
    }
    println!("  Subject: {}", draft.subject);
    for (name, size) in &draft.attachments {
        println!("  Attached: {name} ({size} bytes)");
    }
}

/// The server of the settings file, with the password from the environment or asked for.
pub(super) fn connect(path: Option<&Path>) -> Result<Server, Error> {
    let mail = |error| Error::Mail {
        note: None,
        error: Box::new(error),
    };
    let path = config::settings_path(path).map_err(mail)?;
    let settings: SmtpConfig = config::load(&path).map_err(mail)?;
    let password = match (&settings.user, std::env::var(PASSWORD_VARIABLE)) {
        (None, _) => None,
        (Some(_), Ok(password)) => Some(password),
        (Some(user), Err(_)) if std::io::stdin().is_terminal() => Some(
            rpassword::prompt_password(format!("SMTP password for {user} at {}: ", settings.host))
                .map_err(|_| mail(MailError::NoPassword))?,
        ),
        (Some(_), Err(_)) => return Err(mail(MailError::NoPassword)),
    };
    Server::new(&settings, password).map_err(mail)
}
