//! Helpers for templates: dates in the note's language, prepositions agreed with articles,
//! no-break spaces and capitals.

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderError, RenderErrorReason,
};

use crate::dates::{self, Date};
use crate::grammar;
use crate::markup::escape;
use crate::model::Language;

/// Every helper of ours, with what it does (for `templates vars` and the documentation).
pub const HELPERS: &[(&str, &str)] = &[
    (
        "date",
        "a date in the note's language: `15 August 2017`, `1er août 2017`, `15 de agosto de 2017`",
    ),
    (
        "date_range",
        "when a meeting is held: `from 4 to 6 September 2017`, `du 4 au 6 septembre 2017`",
    ),
    (
        "to",
        "à/a with the name's article: `au Bureau`, `à la Mission`, `al Comité`",
    ),
    (
        "of",
        "de with the name's article: `du Valdoran`, `de l'Iraq`, `del Perú`",
    ),
    ("bare", "the name without its article, for address blocks"),
    ("cap", "the first letter in upper case, to open a sentence"),
    (
        "nobreak",
        "spaces made no-break spaces (`H.E. Ms.` never split)",
    ),
];

/// Registers the helpers.
pub fn register(registry: &mut Handlebars) {
    registry.register_helper("date", Box::new(date));
    registry.register_helper("date_range", Box::new(date_range));
    registry.register_helper("nobreak", Box::new(nobreak));
    registry.register_helper("to", grammar_helper("to", grammar::to));
    registry.register_helper("of", grammar_helper("of", grammar::of));
    registry.register_helper("bare", grammar_helper("bare", grammar::bare));
    registry.register_helper("cap", Box::new(cap));
}

handlebars_helper!(nobreak: |text: str| text.replace(' ', "\u{a0}"));
handlebars_helper!(cap: |text: str| grammar::capitalized(text));

/// The note's language, from the context's `language`.
fn language(context: &Context) -> Language {
    let code = context.data().get("language").and_then(|v| v.as_str());
    Language::ALL
        .iter()
        .find(|(c, _)| Some(*c) == code)
        .map_or(Language::English, |(_, l)| *l)
}

fn text_param<'a>(h: &'a Helper, name: &'static str) -> Result<&'a str, RenderError> {
    h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
        RenderErrorReason::ParamTypeMismatchForName(name, "0".into(), "string".into()).into()
    })
}

fn date_param(h: &Helper, index: usize, name: &'static str) -> Result<Date, RenderError> {
    h.param(index)
        .and_then(|p| p.value().as_str())
        .and_then(Date::parse_iso)
        .ok_or_else(|| {
            RenderErrorReason::ParamTypeMismatchForName(name, index.to_string(), "date".into())
                .into()
        })
}

/// `{{date meeting.date}}`: `15 August 2017`, `15 août 2017`, `15 de agosto de 2017`.
fn date(
    h: &Helper,
    _: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let date = date_param(h, 0, "date")?;
    out.write(&escape(&date.written(language(c))))?;
    Ok(())
}

/// `{{date_range meeting.start meeting.end}}`: `from 4 to 6 September 2017`,
/// `du 4 au 6 septembre 2017`, `del 4 al 6 de septiembre de 2017` (or one day: `on`, `le`, `el`).
fn date_range(
    h: &Helper,
    _: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let (start, end) = (
        date_param(h, 0, "date_range")?,
        date_param(h, 1, "date_range")?,
    );
    out.write(&escape(&dates::held(language(c), start, end)))?;
    Ok(())
}

/// A helper that rewrites a name by the rules of the note's language: `{{to name}}` (à/a with
/// the name's article: `au Bureau`, `al Comité`), `{{of name}}` (`du Mexique`, `del Perú`) and
/// `{{bare name}}` (the name without its article, for address blocks).
fn grammar_helper(
    name: &'static str,
    form: fn(Language, &str) -> String,
) -> Box<dyn HelperDef + Send + Sync> {
    Box::new(
        move |h: &Helper,
              _: &Handlebars,
              c: &Context,
              _: &mut RenderContext,
              out: &mut dyn Output|
              -> HelperResult {
            out.write(&escape(&form(language(c), text_param(h, name)?)))?;
            Ok(())
        },
    )
}
