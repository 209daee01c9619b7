//! `verbale batch PATHS... -o DIR`: every delegation file below the paths, in parallel, with a
//! progress bar on terminals and a summary (or a JSON report) at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::batch::{self, FileReport, Options, Summary};
use crate::mail::send::Server;
use crate::mail::Attach;
use crate::Error;

/// Arguments of `verbale batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Delegation files, or folders searched for `*.toml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output root; each file's notes go to `<root>/<file path without .toml>/`.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    output: PathBuf,
    /// Files processed at once (default: one per core; at most 256, and never more than there
    /// are files).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    #[arg(long, help = super::FORCE)]
    force: bool,
    #[command(flatten)]
    common: super::Common,
    /// Print only problems: no progress bar, no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Print a machine-readable report on standard output instead of the summary.
    #[arg(long)]
    json: bool,
    /// Also write a mail draft per note (`<meeting id>.<language>.eml`), with the PDF attached
    /// (`--mail=pdf,docx`: both files).
    #[arg(long, value_name = "ATTACH", num_args = 0..=1, require_equals = true,
          default_missing_value = "pdf", value_parser = super::Choice(&Attach::ALL))]
    mail: Option<Attach>,
    /// Send each note's mail through the mission's SMTP server once every file is written
    /// (as `verbale send`; implies `--mail`). Notes sent before are skipped.
    #[arg(long)]
    send: bool,
    /// With `--send`: send notes sent before again.
    #[arg(long, requires = "send")]
    resend: bool,
    /// With `--send`: the SMTP settings file (default: `$XDG_CONFIG_HOME/verbale/smtp.toml`).
    #[arg(long, value_name = "FILE", requires = "send")]
    smtp: Option<PathBuf>,
}

/// Runs the batch; the result carries the exit code.
pub fn run(args: Args) -> Result<u8, Error> {
    let env = args.common.env()?;
    let inputs = batch::collect_inputs(&args.paths)?;
    let mail = args.mail.or(args.send.then_some(Attach::Pdf));
    // The server is asked for first: a batch that cannot send stops before it writes.
    let server = match args.send {
        true => Some(super::send::connect(args.smtp.as_deref())?),
        false => None,
    };
    let mut options = Options {
        output: args.output.clone(),
        settings: args.common.settings(mail, args.force),
        keep_drafts: args.send,
        defer_register: true,
    };
    crate::output::remove_stale_temporaries(&args.output);
    let stop = stop_on_ctrl_c();
    let show_progress = !args.quiet && !args.json && std::io::stderr().is_terminal();
    let bar = progress_bar(show_progress, inputs.len());
    let pool = workers(args.jobs, inputs.len())?;

    let finished = |report: FileReport| {
        if let (Some(error), false) = (&report.error, args.json) {
            bar.suspend(|| eprintln!("{}\n", error.render().trim_end()));
        }
        if report.status != batch::Status::Deferred {
            bar.inc(1);
        }
        report
    };
    let mut reports: Vec<FileReport> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| finished(batch::run_file(&env, input, &options, &stop)))
            .collect()
    });
    // Files that use a register are numbered one after the other in input order (sorted
    // paths), so that the same inputs always get the same numbers.
    options.defer_register = false;
    for (report, input) in reports.iter_mut().zip(&inputs) {
        if report.status == batch::Status::Deferred {
            *report = finished(batch::run_file(&env, input, &options, &stop));
        }
    }
    bar.finish_and_clear();
    let unsent = match &server {
        Some(server) => send_drafts(server, &mut reports, args.resend),
        None => 0,
    };

    let summary = Summary::of(&reports);
    print_summary(&args, &summary, &reports);
    if let (Some(server), true) = (&server, unsent > 0) {
        eprint!("{}", super::send::unsent(server, unsent));
    }
    Ok(if stop.load(Ordering::SeqCst) {
        130
    } else if summary.failed_files > 0 || unsent > 0 {
        1
    } else {
        0
    })
}

/// The flag the first Ctrl-C raises: files not started yet are skipped.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // A second Ctrl-C ends the process at once; temporary files it leaves are removed next run.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    stop
}

/// The progress bar over `files` files, or a hidden one when it is not to be shown.
fn progress_bar(show: bool, files: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed_precise}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// The threads that process the files: `--jobs`, never more than there are files.
fn workers(jobs: Option<u16>, files: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        // 0 is rayon's "one per core".
        .num_threads(jobs.map_or(0, |jobs| usize::from(jobs).min(files.max(1))))
        .build()
        .map_err(|cause| Error::Workers { cause })
}

/// Sends every draft the reports hold, skipping notes sent before (unless `resend`); the
/// result is how many could not be sent.
fn send_drafts(server: &Server, reports: &mut [FileReport], resend: bool) -> usize {
    let mut unsent = 0;
    for report in reports {
        for mail in std::mem::take(&mut report.drafts) {
            if !super::send::sent_before(&mail.folder, &mail.stem, resend)
                && !super::send::send_one(server, &mail)
            {
                unsent += 1;
            }
        }
    }
    unsent
}

/// Prints the JSON report (`--json`) or the summary line (unless `--quiet`).
fn print_summary(args: &Args, summary: &Summary, reports: &[FileReport]) {
    if args.json {
        let report = serde_json::json!({ "summary": summary, "inputs": reports });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else if !args.quiet {
        println!("{}", summary.line());
    }
}
