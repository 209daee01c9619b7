//! `verbale preview FILE`: the notes as plain text, page by page, as the PDF would print them.

use std::path::PathBuf;

use crate::{layout, note, plan, Error};

/// Arguments of `verbale preview`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The delegation file (TOML).
    file: PathBuf,
    #[command(flatten)]
    common: super::Common,
}

/// Prints every note of the file.
pub fn run(args: Args) -> Result<(), Error> {
    let env = args.common.env()?;
    let loaded = crate::load(&args.file, &env, &args.common.overrides())?;
    // The references `generate` would give, none taken.
    let (delegation, _) = crate::register::next_references(&loaded)?;
    for job in plan::jobs(&delegation) {
        let document = note::document(&env, loaded.templates(&env), &delegation, &job)
            .map_err(|error| note::in_context(&loaded, &job, error))?;
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
