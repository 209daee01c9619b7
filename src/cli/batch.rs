//! `verbale batch PATHS... -o DIR`: every delegation file below the paths, in parallel, with a
//! progress bar on terminals and a summary (or a JSON report) at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::batch::{self, FileReport, Options, Status, Summary};
use crate::model::Paper;

/// Arguments of `verbale batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Delegation files, or folders searched for `*.toml`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output root; each file's notes go to `<root>/<file path without .toml>/`.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Files processed at once (default: one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Replace files whose contents changed.
    #[arg(long)]
    force: bool,
    /// Paper size for every note, overriding the files.
    #[arg(long, value_enum)]
    paper: Option<super::generate::PaperArg>,
    #[command(flatten)]
    common: super::Common,
    /// Print only problems: no progress bar, no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Print a machine-readable report on standard output instead of the summary.
    #[arg(long)]
    json: bool,
}

/// Runs the batch; the result carries the exit code.
pub fn run(args: Args) -> Result<u8, String> {
    super::small_pages_from_now_on();
    let env = args.common.env()?;
    let inputs = batch::collect_inputs(&args.paths)?;
    let options = Options {
        output: args.output.clone(),
        force: args.force,
        paper: args.paper.map(Paper::from),
        load: args.common.load_options(),
    };
    crate::output::remove_stale_temporaries(&args.output);

    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // A second Ctrl-C ends the process at once; temporary files it leaves are removed next run.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    let show_progress = !args.quiet && !args.json && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let bar = ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed_precise}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("error: cannot start worker threads: {e}"))?;
    let reports: Vec<FileReport> = std::thread::scope(|scope| {
        // The PDF faces are made while the first files are read and laid out, so that no worker
        // waits for them.
        scope.spawn(|| env.fonts.prepare_pdf_faces());
        pool.install(|| {
            inputs
                .par_iter()
                .map(|input| {
                    let report = batch::run_file(&env, input, &options, &stop);
                    if report.status == Status::Failed && !args.json {
                        bar.suspend(|| eprintln!("{}\n", report.rendered.trim_end()));
                    }
                    bar.inc(1);
                    report
                })
                .collect()
        })
    });
    bar.finish_and_clear();

    let summary = Summary::of(&reports);
    if args.json {
        let report = serde_json::json!({ "summary": summary, "inputs": reports });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else if !args.quiet {
        println!("{}", summary.line());
    }
    Ok(if stop.load(Ordering::SeqCst) {
        130
    } else if summary.failed_files > 0 {
        1
    } else {
        0
    })
}
