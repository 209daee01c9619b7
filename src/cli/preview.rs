//! `verbale preview FILE`: the notes as plain text, page by page, as the PDF would print them.

use std::path::PathBuf;

use crate::{layout, note, plan};

/// Arguments of `verbale preview`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    #[command(flatten)]
    common: super::Common,
}

/// Prints every note of the file.
pub fn run(args: Args) -> Result<(), String> {
    let env = args.common.env()?;
    let loaded = crate::load(&args.file, &env, &args.common.load_options())
        .map_err(|rejected| super::check::summary(&rejected))?;
    for job in plan::jobs(&loaded.delegation) {
        let document = note::document(&env, loaded.templates(&env), &loaded.delegation, &job)
            .map_err(|e| format!("error: {e}"))?;
        let laid_out = layout::layout(&document, &env.fonts);
        let count = laid_out.pages.len();
        for (index, page) in laid_out.pages.iter().enumerate() {
            println!("──── {} · page {} of {count} ────", job.stem, index + 1);
            println!("{}", page.text().replace(['\u{a0}', '\u{202f}'], " "));
            println!();
        }
    }
    Ok(())
}
