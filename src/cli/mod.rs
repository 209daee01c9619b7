//! Command line -> library calls. Arguments are parsed here and turned into library types at
//! the edge; one file per subcommand.

mod batch;
mod check;
mod completions;
mod generate;
mod import;
mod man;
mod preview;
mod register;
mod send;
mod serve;
mod templates;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::{Language, Paper, PdfA};
use crate::pipeline::{Rendered, Settings};
use crate::template::Templates;
use crate::{Env, Error, Overrides};

/// Diplomatic notes verbales as print-ready PDF and DOCX, from a TOML delegation file.
///
/// A delegation file (`verbale-delegation(5)`) describes a Permanent Mission, the meetings it
/// writes to and its delegation. `generate` writes a PDF and a DOCX for each meeting; `check`
/// reports every problem without writing; `preview` prints the notes as text; `batch` does many
/// files at once; `send` mails the notes; `import` reads members from a spreadsheet; `register`
/// keeps the reference numbers of outgoing notes; `templates` changes the wording.
///
/// Every problem of a file is reported at once, each at its `file:line:column` with a hint.
/// A run writes every file of a delegation file or none, never replaces a file whose contents
/// differ without `--force`, and gives byte-identical files for the same input.
#[derive(Parser, Debug)]
#[command(name = "verbale", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a note (PDF and DOCX) for each meeting in a delegation file.
    ///
    /// Each `[[meeting]]` of FILE gives `<meeting id>.<language>.pdf` and `.docx` in the output
    /// folder (a meeting in several languages gives a pair per language). The files are written
    /// under temporary names and renamed into place once all are written; a file that exists
    /// with the same bytes is left alone, one with other contents is only replaced with
    /// `--force`. A note with `reference = "auto"` takes the register's next number.
    Generate(generate::Args),
    /// Check a delegation file and report every problem, writing nothing.
    ///
    /// The file is read, validated and every note made in memory, PDF and DOCX: a file `check`
    /// passes is one `generate` can write. Numbers the register would give are shown, none
    /// taken.
    Check(check::Args),
    /// Write the notes of many delegation files (or folders of them) in parallel.
    ///
    /// Each PATH is a delegation file or a folder searched for `*.toml`. Each file's notes go to
    /// a folder of their own below the output folder. A bad file is reported and skipped, every
    /// good note is still written, and the run ends with a summary and a non-zero exit status
    /// if anything failed.
    Batch(batch::Args),
    /// Turn a spreadsheet of members (.xlsx, .ods, .csv) into `[[member]]` tables.
    ///
    /// Headers and role words are recognised in English, French and Spanish; the members are
    /// checked as a delegation file's are, and every problem is reported at its cell.
    Import(import::Args),
    /// Print the notes of a file as plain text, page by page.
    ///
    /// The text is set as the PDF sets it: the same lines and pages.
    Preview(preview::Args),
    /// Send each note's mail through the mission's SMTP server (see `--dry-run`).
    ///
    /// The notes and their mail drafts are written as `generate --mail` writes them, then each
    /// draft is sent, one message per note. A note sent before is skipped unless `--resend`.
    Send(send::Args),
    /// The register of outgoing notes: list, show, verify a file, void a note.
    ///
    /// The register (an SQLite file, or a PostgreSQL database shared by several offices) gives
    /// every note its reference number once and keeps the SHA-256 of every issued file.
    Register(register::Args),
    /// Edit a delegation file in the browser, with its notes' pages beside it.
    ///
    /// Serves a local page on 127.0.0.1 (only, with a secret token in the printed link) that
    /// edits FILE (or the `*.toml` files of FOLDER) as a form and as text, checks it as
    /// `check` does while you type, draws the pages as `generate` would write them, saves
    /// the file and issues the notes.
    Serve(serve::Args),
    /// List, show, copy, inspect and check templates.
    ///
    /// Templates are Handlebars files, `<language>/<name>.hbs`; a folder of them replaces
    /// built-in ones of the same name and adds kinds of note.
    Templates(templates::Args),
    /// Print a shell's completion script (`verbale completions bash > ...`).
    Completions(completions::Args),
    /// Print the manual, or write its pages into a folder (`verbale man --dir DIR`).
    ///
    /// Without `--dir`, every page is printed one after the other (`verbale man | man -l -`).
    Man(man::Args),
}

/// What a failed command had done: whether it leaves anything behind is worth saying.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writes {
    /// The command writes files, and wrote none.
    Nothing,
    /// The command writes no files.
    Never,
}

/// Runs the command line; the exit code is 0 on success, 1 when anything failed.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(args).map_err(|e| (e, Writes::Nothing)),
        Command::Check(args) => check::run(args).map_err(|e| (e, Writes::Never)),
        Command::Batch(args) => batch::run(args).map_err(|e| (e, Writes::Nothing)),
        Command::Send(args) => send::run(args).map_err(|e| (e, Writes::Nothing)),
        Command::Import(args) => import::run(args).map_err(|e| (e, Writes::Nothing)),
        Command::Preview(args) => preview::run(args)
            .map(|()| 0)
            .map_err(|e| (e, Writes::Never)),
        Command::Serve(args) => serve::run(args).map_err(|e| (e, Writes::Never)),
        Command::Register(args) => register::run(args).map_err(|e| (e, Writes::Never)),
        Command::Templates(args) => templates::run(args)
            .map(|()| 0)
            .map_err(|e| (e, Writes::Never)),
        Command::Completions(args) => {
            completions::completions(args);
            Ok(0)
        }
        Command::Man(args) => man::run(args).map(|()| 0).map_err(|e| (e, Writes::Never)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err((error, writes)) => {
            eprint!("{}", failure(&error, writes));
            ExitCode::FAILURE
        }
    }
}

/// Every problem, then one line that counts them and says what was (not) written.
fn failure(error: &Error, writes: Writes) -> String {
    let mut text = error.render();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let count = error.count();
    let problems = if count == 1 { "problem" } else { "problems" };
    let written = match writes {
        Writes::Nothing => "; nothing was written",
        Writes::Never => "",
    };
    if count > 1 || matches!(error, Error::Invalid { .. }) {
        text.push_str(&format!("\nerror: {count} {problems} found{written}\n"));
    } else if writes == Writes::Nothing {
        text.push_str("error: nothing was written\n");
    }
    text
}

/// Options shared by the commands that read delegation files.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Language of every note, overriding the file and its meetings.
    #[arg(long, value_parser = Choice(&Language::ALL))]
    lang: Option<Language>,
    /// Paper size of every note, overriding the file's `paper`.
    #[arg(long, value_parser = Choice(&Paper::ALL))]
    paper: Option<Paper>,
    /// Folder of templates (`<language>/<name>.hbs`) that replace built-in ones of the same name
    /// or add kinds of note; overrides the file's `templates` key.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Write archival PDF/A (1b or 2b), validated while it is written.
    #[arg(long, value_name = "PROFILE", value_parser = Choice(&PdfA::ALL))]
    pdf_a: Option<PdfA>,
    /// The register of outgoing notes: an SQLite file, or a `postgres://` URL (the password
    /// from `PGPASSWORD`); overrides the file's `register`.
    #[arg(long, value_name = "PATH|URL")]
    register: Option<String>,
    /// A folder holding the Chinese font (Noto Serif CJK SC), searched before the system's
    /// fonts, for notes in Chinese.
    #[arg(long, value_name = "DIR")]
    font_dir: Option<PathBuf>,
}

impl Common {
    /// The run's environment: the built-in fonts, the templates (`--templates` or the built-in
    /// ones) and the clock (`SOURCE_DATE_EPOCH`).
    fn env(&self) -> Result<Env, Error> {
        let clock = Env::clock_from_environment()?;
        let templates = match &self.templates {
            Some(folder) => {
                Templates::with_overrides(folder).map_err(|errors| Error::Templates {
                    folder: Some(folder.clone()),
                    errors,
                })?
            }
            None => Templates::builtin().map_err(|error| Error::Templates {
                folder: None,
                errors: vec![error],
            })?,
        };
        let mut env = Env::with_templates(templates, clock)?;
        env.font_dirs.extend(self.font_dir.clone());
        Ok(env)
    }

    /// The run's settings: the overrides, with mail drafts asked for or not, and `--force`.
    fn settings(&self, mail: Option<crate::mail::Attach>, force: bool) -> Settings {
        Settings::new(self.overrides(), mail, force)
    }

    /// What the command line says over the file's settings.
    fn overrides(&self) -> Overrides {
        Overrides {
            language: self.lang,
            paper: self.paper,
            pdf_a: self.pdf_a,
            run_templates: self.templates.is_some(),
            mail: false,
            register: self.register.clone(),
        }
    }
}

/// `numbered GVA/2017/0815 for ccm-7msp.en`, for each note the register numbered just now.
fn print_numbered(rendered: &Rendered) {
    for number in rendered.numbered.iter().filter(|n| n.new) {
        let stem = rendered.stems(number.meeting);
        println!("{:>9} {} for {stem}", "numbered", number.reference);
    }
}

/// The wording of `--force`, the same for every command that writes.
const FORCE: &str = "Replace existing files whose contents differ";

/// A command-line value taken from one of the model's lists of names (`Language::ALL`, ...),
/// so that the command line offers exactly what a delegation file accepts.
#[derive(Clone)]
pub struct Choice<T: 'static>(&'static [(&'static str, T)]);

impl<T: Copy + Send + Sync + 'static> clap::builder::TypedValueParser for Choice<T> {
    type Value = T;

    fn parse_ref(
        &self,
        command: &clap::Command,
        argument: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let names = clap::builder::PossibleValuesParser::new(self.0.iter().map(|(name, _)| *name));
        let name = names.parse_ref(command, argument, value)?;
        self.0
            .iter()
            .find(|(candidate, _)| *candidate == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .map(|(name, _)| clap::builder::PossibleValue::new(*name)),
        ))
    }
}
