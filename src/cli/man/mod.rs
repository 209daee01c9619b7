//! `verbale man`: the command line's own definition (every command and option, rendered by
//! clap_mangen) and the delegation file's keys as the reader checks them -> manual pages with
//! the sections a manual needs: exit status, environment, files, see also. One page per command
//! with `--dir`, else every page one after the other on standard output.

mod delegation;
mod sections;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use roff::{bold, roman, Inline, Roff};

use super::Cli;
use crate::output::OutputError;
use crate::Error;

/// Arguments of `verbale man`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write one page per command into this folder (`verbale.1`, `verbale-generate.1`, ...,
    /// `verbale-delegation.5`), for `MANPATH`, instead of printing them all.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    #[arg(long, help = super::FORCE, requires = "dir")]
    force: bool,
}

/// One page of the manual.
pub struct Page {
    /// The page's name, as other pages refer to it (`verbale-generate`).
    pub name: String,
    /// Its section: 1 for commands, 5 for the delegation file.
    pub section: &'static str,
    /// The page, in roff.
    pub text: Vec<u8>,
}

impl Page {
    /// The page's file name (`verbale-generate.1`).
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.name, self.section)
    }

    /// How other pages refer to it (`verbale-generate(1)`).
    fn reference(name: &str, section: &str) -> String {
        format!("{name}({section})")
    }
}

/// Prints the manual, or writes its pages into `--dir`.
pub fn run(args: Args) -> Result<(), Error> {
    let pages = pages();
    let Some(dir) = args.dir else {
        let mut out = std::io::stdout().lock();
        return pages
            .iter()
            .try_for_each(|page| out.write_all(&page.text))
            .map_err(|source| io_error(Path::new("standard output"), source));
    };
    std::fs::create_dir_all(&dir).map_err(|source| io_error(&dir, source))?;
    // Every page is checked before any is written: nothing is replaced by surprise.
    let mut unchanged = Vec::new();
    for page in &pages {
        let path = dir.join(page.file_name());
        match std::fs::read(&path) {
            Ok(old) if old == page.text => unchanged.push(page.file_name()),
            Ok(_) if !args.force => return Err(Error::Exists { path }),
            _ => {}
        }
    }
    for page in &pages {
        let path = dir.join(page.file_name());
        if unchanged.contains(&page.file_name()) {
            println!("unchanged {}", path.display());
            continue;
        }
        write_whole(&dir, &path, &page.text)?;
        println!("    wrote {}", path.display());
    }
    Ok(())
}

/// Writes a file under a temporary name and renames it into place, so a page is whole or absent.
fn write_whole(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| io_error(dir, e))?;
    file.write_all(bytes).map_err(|e| io_error(path, e))?;
    file.persist(path).map_err(|e| io_error(path, e.error))?;
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Output(OutputError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Every page: `verbale(1)`, a page per command and subcommand, and `verbale-delegation(5)`.
pub fn pages() -> Vec<Page> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut commands = vec![cli.clone()];
    for command in cli.get_subcommands() {
        commands.push(command.clone());
        commands.extend(command.get_subcommands().cloned());
    }
    commands.retain(|c| c.get_name() != "help");
    let names: Vec<String> = commands.iter().map(display_name).collect();
    let mut pages: Vec<Page> = commands
        .iter()
        .map(|command| command_page(command, &names))
        .collect();
    pages.push(delegation::page());
    pages
}

/// The page's name of a command: `verbale-register-list`.
fn display_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or(command.get_name())
        .to_string()
}

/// A command's page: what clap_mangen makes of its definition, then our sections.
fn command_page(command: &clap::Command, names: &[String]) -> Page {
    let name = display_name(command);
    let man = clap_mangen::Man::new(command.clone())
        .source(delegation::version())
        .manual(delegation::MANUAL);
    let mut text = Vec::new();
    // Rendering into memory cannot fail.
    let _ = man.render_title(&mut text);
    let _ = man.render_name_section(&mut text);
    let _ = man.render_synopsis_section(&mut text);
    let _ = man.render_description_section(&mut text);
    let _ = man.render_options_section(&mut text);
    if command.has_subcommands() {
        let _ = man.render_subcommands_section(&mut text);
    }
    let mut roff = Roff::new();
    sections::exit_status(&mut roff, command);
    sections::environment(&mut roff, command);
    sections::files(&mut roff, command);
    see_also(&mut roff, &name, command, names);
    let _ = roff.to_writer(&mut text);
    if name == "verbale" {
        let _ = man.render_version_section(&mut text);
    }
    Page {
        name,
        section: "1",
        text,
    }
}

/// SEE ALSO: the main page from every other, every page from the main one, a command's
/// subcommands and parent, and the delegation file's page where a command reads one.
fn see_also(roff: &mut Roff, name: &str, command: &clap::Command, names: &[String]) {
    let mut references: Vec<String> = Vec::new();
    if name == "verbale" {
        references.extend(names.iter().skip(1).map(|n| Page::reference(n, "1")));
    } else {
        references.push(Page::reference("verbale", "1"));
        if let Some((parent, _)) = name.rsplit_once('-').filter(|(p, _)| *p != "verbale") {
            references.push(Page::reference(parent, "1"));
        }
        let children = format!("{name}-");
        references.extend(
            names
                .iter()
                .filter(|n| n.starts_with(&children))
                .map(|n| Page::reference(n, "1")),
        );
    }
    if name == "verbale" || sections::reads_delegation_files(command) {
        references.push(Page::reference(delegation::NAME, "5"));
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut line: Vec<Inline> = Vec::new();
    for (index, reference) in references.iter().enumerate() {
        if index > 0 {
            line.push(roman(", "));
        }
        let (page, section) = reference.split_once('(').unwrap_or((reference, ""));
        line.push(bold(page));
        line.push(roman(format!("({section}")));
    }
    roff.text(line);
}

/// Text with `code` in backticks, as bold: the way the rest of verbale writes names.
pub fn marked(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| match index % 2 {
            0 => roman(part),
            _ => bold(part),
        })
        .collect()
}

/// A paragraph with a tag (`.TP`): a key, a code, a variable, then its description.
pub fn tagged(roff: &mut Roff, tag: &str, description: &str) {
    roff.control("TP", []);
    roff.text(marked(tag));
    roff.text(marked(description));
}
