//! A command's definition -> the manual's EXIT STATUS, ENVIRONMENT and FILES sections, each
//! entry shown on the pages of the commands it concerns (all of them on `verbale(1)`).

use clap::Command;
use roff::Roff;

use super::tagged;
use crate::mail::send::PASSWORD_VARIABLE;

/// Whether a command has an argument (by its id, the field's name: `pdf_a`, `register`).
fn has(command: &Command, id: &str) -> bool {
    command.get_arguments().any(|arg| arg.get_id() == id)
}

fn is_main(command: &Command) -> bool {
    super::display_name(command) == "verbale"
}

/// The commands that read a delegation file take its overrides (`--pdf-a` among them).
pub fn reads_delegation_files(command: &Command) -> bool {
    has(command, "pdf_a")
}

/// When a command exits with 1, in its own words.
fn failure(name: &str) -> &'static str {
    match name {
        "verbale" => {
            "A problem was found and reported: a delegation file, spreadsheet or template with \
             problems, a file that exists with other contents and no `--force`, a note that \
             could not be written or sent, a file `register verify` does not know."
        }
        "verbale-generate" => {
            "The file has problems, or a note could not be written: nothing was written (every \
             file of a delegation file is written, or none)."
        }
        "verbale-check" => "The file has problems (with `--json`, the report lists them).",
        "verbale-preview" => "The file has problems.",
        "verbale-batch" => {
            "A file failed: its problems are reported, and every good note is still written."
        }
        "verbale-send" => {
            "The file has problems, the server cannot be reached, or a note was refused (the \
             other notes still go)."
        }
        "verbale-import" => "The sheet has problems, or the output file exists without `--force`.",
        "verbale-register-verify" => {
            "The file is not one the register issued (it was altered, or issued elsewhere), or \
             its note was voided: a withdrawn note proves nothing."
        }
        "verbale-man" => {
            "A page exists with other contents and no `--force`, or cannot be written."
        }
        name if name.starts_with("verbale-register") => {
            "The register cannot be opened (none there yet, a newer schema, a server that \
             refuses), or the note is unknown or voided already."
        }
        name if name.starts_with("verbale-templates") => {
            "A template has problems, there is no template of that name, or a copy would \
             replace a file without `--force`."
        }
        _ => "A problem was found and reported.",
    }
}

/// EXIT STATUS: 0, 1 in the command's words, 2 for a wrong command line, 130 for Ctrl-C.
pub fn exit_status(roff: &mut Roff, command: &Command) {
    let name = super::display_name(command);
    roff.control("SH", ["EXIT STATUS"]);
    tagged(roff, "`0`", "Success.");
    tagged(roff, "`1`", failure(&name));
    tagged(
        roff,
        "`2`",
        "The command line is wrong: an unknown option, a missing or invalid value.",
    );
    if name == "verbale" || name == "verbale-batch" {
        tagged(
            roff,
            "`130`",
            "`batch` was interrupted (Ctrl-C): the notes being written were finished, no others \
             were started.",
        );
    }
}

/// A variable or file (several separated by `, `), what it is, and the commands it concerns.
type Entry = (&'static str, &'static str, fn(&Command) -> bool);

/// The variables the commands read.
const ENVIRONMENT: &[Entry] = &[
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970. The date written into PDF and DOCX files as their creation date \
         (else the note's date), into mail drafts, and by `register void` (else today), so that \
         runs give byte-identical files. A value that is not a number is an error.",
        |c| reads_delegation_files(c) || c.get_display_name() == Some("verbale-register-void"),
    ),
    (
        "PGSERVICE",
        "A PostgreSQL register: the service (host, port, dbname, user, password) to take what \
         the URL leaves open from, read from `PGSERVICEFILE`.",
        |c| has(c, "register"),
    ),
    (
        "PGSERVICEFILE",
        "The file of PostgreSQL services (default `~/.pg_service.conf`).",
        |c| has(c, "register"),
    ),
    (
        "PGUSER, USER",
        "The PostgreSQL user when the URL and the service give none (`PGUSER`, then `USER`).",
        |c| has(c, "register"),
    ),
    (
        "PGPASSWORD",
        "The PostgreSQL password. A password in the delegation file's URL is an error.",
        |c| has(c, "register"),
    ),
    (
        "PGPASSFILE",
        "The PostgreSQL password file, when `PGPASSWORD` is not set (default `~/.pgpass`).",
        |c| has(c, "register"),
    ),
    (
        PASSWORD_VARIABLE,
        "The SMTP password; without it, it is asked for on the terminal, and without a \
         terminal nothing is sent.",
        |c| has(c, "smtp"),
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the SMTP settings are looked for: `$XDG_CONFIG_HOME/verbale/smtp.toml` (default \
         `~/.config`).",
        |c| has(c, "smtp"),
    ),
    (
        "HOME",
        "The home folder, for `~/.config`, `~/.pgpass` and `~/.pg_service.conf`.",
        |c| has(c, "smtp") || has(c, "register"),
    ),
];

/// The files the commands read or write besides their arguments.
const FILES: &[Entry] = &[
    (
        "FILE.toml",
        "A delegation file (at most 4 MB): the mission, its meetings and its delegation; see \
         `verbale-delegation(5)`.",
        reads_delegation_files,
    ),
    (
        "out/<meeting id>.<language>.pdf, .docx",
        "The notes, in the output folder (`-o DIR`); `batch` puts each file's notes in a \
         folder of their own below it. Written under temporary names and renamed into place \
         when all are written.",
        |c| reads_delegation_files(c) && has(c, "output"),
    ),
    (
        "out/<meeting id>.<language>.eml",
        "A note's mail draft (`--mail`, and for `send`).",
        |c| has(c, "mail") || has(c, "smtp"),
    ),
    (
        "out/<meeting id>.<language>.sent",
        "What was sent of a note, written once the server accepted it (JSON); a note that has \
         one is not sent again without `--resend`.",
        |c| has(c, "smtp"),
    ),
    (
        "$XDG_CONFIG_HOME/verbale/smtp.toml",
        "The mission's SMTP server: `host`, `port`, `security` (`starttls`, `tls`, `none`), \
         `user`; never the password.",
        |c| has(c, "smtp"),
    ),
    (
        "register.sqlite",
        "The register of outgoing notes: beside the delegation file (or named by `register` \
         in it, or `--register`); for the `register` commands, in the current folder.",
        |c| has(c, "register"),
    ),
    (
        "~/.pgpass, ~/.pg_service.conf",
        "PostgreSQL's password and service files, read as libpq reads them.",
        |c| has(c, "register"),
    ),
    (
        "DIR/<language>/<name>.hbs",
        "A folder of templates (`--templates DIR`, or `templates` in the delegation file) that \
         replace built-in ones of the same name or add kinds of note; `verbale templates list` \
         names them.",
        |c| has(c, "templates"),
    ),
];

fn section(roff: &mut Roff, title: &str, entries: &[Entry], command: &Command) {
    let shown: Vec<&Entry> = entries
        .iter()
        .filter(|(_, _, concerns)| is_main(command) || concerns(command))
        .collect();
    if shown.is_empty() {
        return;
    }
    roff.control("SH", [title]);
    for (name, text, _) in shown {
        let names: Vec<String> = name.split(", ").map(|n| format!("`{n}`")).collect();
        tagged(roff, &names.join(", "), text);
    }
}

/// ENVIRONMENT: the variables the command reads.
pub fn environment(roff: &mut Roff, command: &Command) {
    section(roff, "ENVIRONMENT", ENVIRONMENT, command);
}

/// FILES: the files the command reads or writes besides its arguments.
pub fn files(roff: &mut Roff, command: &Command) {
    section(roff, "FILES", FILES, command);
}
