//! Helpers for templates: dates in the note's language, prepositions agreed with articles,
//! no-break spaces and capitals.

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderError, RenderErrorReason, ScopedJson,
};

use super::dates;
use crate::dates::Date;
use crate::grammar;
use crate::model::Language;

/// A helper of ours: its name in templates, what it does, and how it is made.
pub struct TemplateHelper {
    /// The name templates call it by (`date`).
    pub name: &'static str,
    /// Makes the helper, given its name (for its error messages).
    make: fn(&'static str) -> Box<dyn HelperDef + Send + Sync>,
}

/// Every helper of ours: the one list that registers them and that hints and checks name.
pub const HELPERS: &[TemplateHelper] = &[
    TemplateHelper {
        name: "date",
        // a date in the note's language, day and month never split: `15 August 2017`, `1er août 2017`, `15 de agosto de 2017`
        make: |_| Box::new(date),
    },
    TemplateHelper {
        name: "date_range",
        // when a meeting is held: `from 4 to 6 September 2017`, `du 4 au 6 septembre 2017`
        make: |_| Box::new(date_range),
    },
    TemplateHelper {
        name: "to",
        // à/a with the name's article: `au Bureau`, `à la Mission`, `al Comité`
        make: |name| grammar_helper(name, grammar::to),
    },
    TemplateHelper {
        name: "of",
        // de with the name's article: `du Valdoran`, `de l'Iraq`, `del Perú`
        make: |name| grammar_helper(name, grammar::of),
    },
    TemplateHelper {
        name: "bare",
        // the name without its article, for address blocks
        make: |name| grammar_helper(name, grammar::bare),
    },
    TemplateHelper {
        name: "demonstrative",
        // the name with a demonstrative for its article: `esta Misión Permanente`, `ce Bureau`
        make: |name| grammar_helper(name, grammar::demonstrative),
    },
    TemplateHelper {
        name: "case",
        // a name in a grammatical case the file gives: `{{case mission.state "gen"}}`, `Республики Примерия`
        make: |_| Box::new(InCase),
    },
    TemplateHelper {
        name: "sup",
        // the text set raised and smaller: `n{{sup "o"}}` for the French `nᵒ`
        make: |_| Box::new(sup),
    },
    TemplateHelper {
        name: "plural",
        // whether a name's article makes it plural (`les`, `los`, `las`), for `{{#if (plural meeting.title)}}`
        make: |_| Box::new(PluralByArticle),
    },
    TemplateHelper {
        name: "cap",
        // the first letter in upper case, to open a sentence
        make: |_| Box::new(cap),
    },
    TemplateHelper {
        name: "nobreak",
        // one unit no line splits: spaces made no-break spaces (`H.E. Ms.`), and no break after a slash or hyphen (`MTB/GVA/NV/2026/212`)
        make: |_| Box::new(nobreak),
    },
];

/// The helpers Handlebars itself registers in every registry (`Handlebars::new`).
pub const HANDLEBARS_HELPERS: &[&str] = &[
    "if", "unless", "each", "with", "lookup", "raw", "log", "eq", "ne", "gt", "gte", "lt", "lte",
    "and", "or", "not", "len",
];

/// Whether templates can call a helper of this name.
pub fn is_helper(name: &str) -> bool {
    HELPERS.iter().any(|h| h.name == name) || HANDLEBARS_HELPERS.contains(&name)
}

/// Every helper's name, ours first.
pub fn names() -> Vec<&'static str> {
    let ours = HELPERS.iter().map(|h| h.name);
    ours.chain(HANDLEBARS_HELPERS.iter().copied()).collect()
}

/// Registers the helpers.
pub fn register(registry: &mut Handlebars) {
    for helper in HELPERS {
        registry.register_helper(helper.name, (helper.make)(helper.name));
    }
}

handlebars_helper!(nobreak: |text: str| unbreakable(text));
handlebars_helper!(cap: |text: str| grammar::capitalized(text));
handlebars_helper!(sup: |text: str| crate::markup::superscript(text));

/// A value as one unit that no line splits: spaces become no-break spaces, and a word joiner
/// (U+2060) goes wherever Unicode would still allow a break (after the slashes of
/// `MTB/GVA/NV/2026/212`). The PDF's layout honours the joiners and leaves them out of the text.
pub fn unbreakable(text: &str) -> String {
    let text = text.replace(' ', "\u{a0}");
    let mut out = String::with_capacity(text.len() + 12);
    let mut from = 0;
    for (offset, _) in unicode_linebreak::linebreaks(&text) {
        if offset < text.len() {
            out.push_str(&text[from..offset]);
            out.push('\u{2060}');
            from = offset;
        }
    }
    out.push_str(&text[from..]);
    out
}

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
    r: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let date = date_param(h, 0, "date")?;
    out.write(&r.get_escape_fn()(&dates::written(date, language(c))))?;
    Ok(())
}

/// `{{date_range meeting.start meeting.end}}`: `from 4 to 6 September 2017`,
/// `du 4 au 6 septembre 2017`, `del 4 al 6 de septiembre de 2017` (or one day: `on`, `le`, `el`).
fn date_range(
    h: &Helper,
    r: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let (start, end) = (
        date_param(h, 0, "date_range")?,
        date_param(h, 1, "date_range")?,
    );
    out.write(&r.get_escape_fn()(&dates::held(language(c), start, end)))?;
    Ok(())
}

/// A helper that writes a name in a grammatical form (`to`, `of`, `bare`, `demonstrative`).
fn grammar_helper(
    name: &'static str,
    form: fn(Language, &str) -> String,
) -> Box<dyn HelperDef + Send + Sync> {
    Box::new(GrammarHelper { name, form })
}

/// A name in a grammatical form. It gives a value, not output: Handlebars escapes it as it
/// escapes values when it is printed, and not when it is the argument of another helper
/// (`{{cap (bare meeting.recipient.name)}}`), so it is escaped once.
struct GrammarHelper {
    name: &'static str,
    form: fn(Language, &str) -> String,
}

impl HelperDef for GrammarHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        c: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let text = (self.form)(language(c), text_param(h, self.name)?);
        Ok(ScopedJson::Derived(serde_json::Value::String(text)))
    }
}

/// `{{case mission.state "gen"}}`: the name in a case, as the file gives it for the note's
/// language (`state = { ru = { nom = "…", gen = "…" } }`), read from the context's `cases` by
/// the name's path. Validation has made sure the file gives every case the templates in force
/// use; `nom` is the name itself.
struct InCase;

impl HelperDef for InCase {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        c: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let name = super::cases::HELPER;
        let text = text_param(h, name)?;
        let case = h.param(1).and_then(|p| p.value().as_str()).ok_or_else(|| {
            RenderError::from(RenderErrorReason::ParamTypeMismatchForName(
                name,
                "1".into(),
                "case (\"gen\")".into(),
            ))
        })?;
        if case == "nom" {
            return Ok(ScopedJson::Derived(serde_json::Value::String(text.into())));
        }
        // The value's place in the data; inside a part Handlebars may give only the path as
        // written, which `templates check` holds to the root.
        let param = h.param(0);
        let path = param
            .and_then(|p| p.context_path())
            .map(|path| path.join("."))
            .or_else(|| {
                let written = param?.relative_path()?;
                let written = written.strip_prefix("@root.").unwrap_or(written);
                Some(written.replace('/', "."))
            })
            .unwrap_or_default();
        let forms = c.data().get("cases").and_then(|cases| cases.get(&path));
        // No forms at all: the data has no text for the name in this language (validation
        // never lets a note come to this; `templates check --data` renders any language).
        let Some(forms) = forms else {
            return Ok(ScopedJson::Derived(serde_json::Value::String(text.into())));
        };
        match forms.get(case).and_then(|form| form.as_str()) {
            Some(form) => Ok(ScopedJson::Derived(serde_json::Value::String(form.into()))),
            None => Err(RenderErrorReason::Other(format!(
                "`{path}` has no `{case}` form in this note's language: the file gives it as `{} = {{ ru = {{ nom = \"…\", {case} = \"…\" }} }}`",
                path.rsplit('.').next().unwrap_or_default()
            ))
            .into()),
        }
    }
}

/// `(plural name)`: true when the name's article makes it plural in the note's language.
struct PluralByArticle;

impl HelperDef for PluralByArticle {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        c: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let plural = grammar::plural(language(c), text_param(h, "plural")?);
        Ok(ScopedJson::Derived(serde_json::Value::Bool(plural)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The helpers a registry holds. Handlebars has no public way to list them, but its
    /// `Debug` output prints their names as `helpers: ["if", ...]`.
    fn registered(registry: &Handlebars) -> Vec<String> {
        let debug = format!("{registry:?}");
        let start = debug
            .find("helpers: [")
            .expect("`helpers` in the registry's Debug")
            + 10;
        let end = start + debug[start..].find(']').expect("the end of the helpers");
        debug[start..end]
            .split(", ")
            .map(|name| name.trim_matches('"').to_string())
            .collect()
    }

    #[test]
    fn unbreakable_values_join_where_a_line_could_break() {
        assert_eq!(unbreakable("H.E. Ms."), "H.E.\u{a0}Ms.");
        // UAX #14 already keeps a slash or hyphen with the digits after it.
        assert_eq!(
            unbreakable("MTB/GVA/NV/2026/212"),
            "MTB/\u{2060}GVA/\u{2060}NV/2026/212"
        );
        assert_eq!(unbreakable("GE-NV-12 bis"), "GE-\u{2060}NV-12\u{a0}bis");
    }

    #[test]
    fn every_registered_helper_is_listed_and_every_listed_helper_is_registered() {
        let mut registry = Handlebars::new();
        register(&mut registry);
        let mut registered = registered(&registry);
        registered.sort();
        let mut listed: Vec<String> = names().into_iter().map(String::from).collect();
        listed.sort();
        assert_eq!(registered, listed);
    }

    #[test]
    fn every_helper_is_named_once() {
        let mut names = names();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), HELPERS.len() + HANDLEBARS_HELPERS.len());
    }

    #[test]
    fn the_template_guide_shows_every_helper_of_ours() {
        let guide = include_str!("../../templates/README.md");
        let missing: Vec<&str> = HELPERS
            .iter()
            .map(|h| h.name)
            .filter(|name| !guide.contains(&format!("| `{{{{{name} ")))
            .collect();
        assert!(missing.is_empty(), "templates/README.md lacks {missing:?}");
    }
}
