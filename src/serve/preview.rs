//! A delegation file's text, as the page holds it -> its problems (the words and places of
//! `check`, each with the form field it is in) or its notes' pages, drawn as SVG from the very
//! PDF bytes `generate` would write, each with its text as the accessible alternative.

use std::path::Path;

use serde::Serialize;

use super::edit;
use crate::diagnostic::{Diagnostic, Place};
use crate::input::Source;
use crate::pipeline::{self, Settings};
use crate::{Env, Error};

/// A problem as the page lists it: `check`'s words and place, and the form field it is in
/// (`member[2].name`) when it is in the delegation file.
#[derive(Serialize, Debug, Clone)]
pub struct FormProblem {
    /// The problem, as `check --json` gives it.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// The form field it is in.
    pub field: Option<String>,
}

impl FormProblem {
    /// A problem outside the delegation file, in no field.
    pub fn elsewhere(diagnostic: Diagnostic) -> FormProblem {
        FormProblem {
            diagnostic,
            field: None,
        }
    }
}

/// A page of a note.
#[derive(Serialize)]
pub struct Page {
    /// The page drawn from the PDF.
    pub svg: String,
    /// Its text, as set on the page.
    pub text: String,
}

/// A note and its pages.
#[derive(Serialize)]
pub struct NotePages {
    /// `ccm-7msp.en`.
    pub stem: String,
    /// The pages, in order.
    pub pages: Vec<Page>,
}

/// What a render gives the page.
#[derive(Serialize, Default)]
pub struct Preview {
    /// Every problem; empty when the notes were made.
    pub problems: Vec<FormProblem>,
    /// The notes' pages, when there is no problem.
    pub notes: Vec<NotePages>,
    /// Where the time went, in milliseconds, for the benchmark (`bench/serve.*`).
    pub timing: Timing,
}

/// Milliseconds spent checking the file (parse and validate), rendering its notes (templates,
/// layout, PDF and DOCX, as `generate` makes them) and drawing their pages (SVG and text).
#[derive(Serialize, Default, Debug, Clone, Copy)]
pub struct Timing {
    /// Reading, parsing and validating the text.
    pub check: f64,
    /// Making the notes: templates, layout, PDF and DOCX.
    pub render: f64,
    /// Drawing the pages as SVG, and their text.
    pub draw: f64,
}

/// Milliseconds since `start`.
fn since(start: std::time::Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Checks `text` (the file at `path` as edited) as `check` does, and draws its notes.
pub fn preview(env: &Env, settings: &Settings, path: &Path, text: &str) -> Preview {
    let mut timing = Timing::default();
    let start = std::time::Instant::now();
    let source = Source::in_memory(path, text);
    let loaded = pipeline::load_source(source, env, &settings.overrides);
    timing.check = since(start);
    let start = std::time::Instant::now();
    let rendered = loaded.and_then(|loaded| pipeline::render(env, &loaded, settings));
    timing.render = since(start);
    let start = std::time::Instant::now();
    let mut preview = match rendered {
        Ok(rendered) => Preview {
            notes: rendered
                .notes
                .iter()
                .map(|note| NotePages {
                    stem: note.job.stem.clone(),
                    pages: pages(env, note),
                })
                .collect(),
            ..Preview::default()
        },
        Err(error) => Preview {
            problems: problems(&error, path, text),
            ..Preview::default()
        },
    };
    timing.draw = since(start);
    preview.timing = timing;
    preview
}

/// The problems of `error`, each placed at its form field when it is in `text`.
pub fn problems(error: &Error, path: &Path, text: &str) -> Vec<FormProblem> {
    let source = Source::in_memory(path, text);
    error
        .diagnostics()
        .into_iter()
        .map(|diagnostic| {
            let field = match &diagnostic.place {
                Place::File {
                    path: file,
                    position: Some((line, column)),
                } if file == path => edit::field_at(text, offset(&source, *line, *column)),
                _ => None,
            };
            // A missing key is placed at its table; its field is the key's own control.
            let missing = diagnostic
                .message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            let field = match (field, missing) {
                (Some(table), Some(key)) => Some(format!("{table}.{key}")),
                (field, _) => field,
            };
            FormProblem { diagnostic, field }
        })
        .collect()
}

/// The byte offset of a one-based line and column (in characters).
fn offset(source: &Source, line: usize, column: usize) -> usize {
    let start: usize = source
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &source.text[start.min(source.text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(at, _)| at)
}

/// The note's pages: each drawn from its PDF, with the page's text as the layout set it.
fn pages(env: &Env, note: &crate::note::Note) -> Vec<Page> {
    use hayro_svg::hayro_interpret::InterpreterSettings;
    use hayro_svg::hayro_syntax::Pdf;
    // The note's document laid out again for its text, as `preview` does.
    let laid_out = crate::layout::layout(&note.document, &env.fonts);
    let texts = laid_out
        .pages
        .iter()
        .map(|page| page.text().replace(['\u{a0}', '\u{202f}'], " "));
    let Ok(pdf) = Pdf::new(note.pdf.clone()) else {
        return texts
            .map(|text| Page {
                svg: String::new(),
                text,
            })
            .collect();
    };
    let cache = hayro_svg::RenderCache::new();
    let settings = InterpreterSettings::default();
    let white = hayro_svg::SvgRenderSettings { bg_color: [255; 4] };
    pdf.pages()
        .iter()
        .map(|page| hayro_svg::convert(page, &cache, &settings, &white))
        .zip(texts)
        .map(|(svg, text)| Page { svg, text })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_and_column_is_a_byte_offset() {
        let source = Source::in_memory("x.toml", "a = 1\nné = \"x\"\n");
        assert_eq!(offset(&source, 2, 1), 6);
        assert_eq!(offset(&source, 2, 3), 9);
    }
}
