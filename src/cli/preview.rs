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
        // The pages as the PDF sets them: the note's document laid out again, which a batch
        // never needs and so does not keep.
        // The note was made, so its fonts were found.
        let fonts = env.fonts_for(note.job.language).unwrap_or(&env.fonts);
        let laid_out = crate::layout::layout(&note.document, fonts);
        let count = laid_out.pages.len();
        for (index, page) in laid_out.pages.iter().enumerate() {
            println!(
                "──── {} · page {} of {count} ────",
                note.job.stem,
                index + 1
            );
            println!("{}", page.text().replace(['\u{a0}', '\u{202f}'], " "));
            println!();
        }
    }
    Ok(())
}
