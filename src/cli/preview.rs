//! `verbale preview FILE`: the notes as plain text, page by page, as the PDF would print them.

use std::path::PathBuf;

use crate::{pipeline, Error};

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
    let settings = args.common.settings(None, false);
    let loaded = crate::load(&args.file, &env, &settings.overrides)?;
    // The notes as `generate` would write them, with the references it would give, none taken.
    let rendered = pipeline::render(&env, &loaded, &settings)?;
    for note in &rendered.notes {
        let count = note.page_texts.len();
        for (index, text) in note.page_texts.iter().enumerate() {
            println!(
                "──── {} · page {} of {count} ────",
                note.job.stem,
                index + 1
            );
            println!("{}", text.replace(['\u{a0}', '\u{202f}'], " "));
            println!();
        }
    }
    Ok(())
}
