//! Job -> note markup, through Handlebars templates (built in, or files that override them by
//! name), in strict mode with a typed context. User values are escaped for the markup, so they
//! always print literally; `{{{triple}}}` is the one way to write trusted markup.

mod analysis;
mod cases;
mod context;
mod continued;
pub mod dates;
mod helpers;
mod includes;
mod mail;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handlebars::{Handlebars, RenderError, RenderErrorReason};

pub use analysis::{check_template, model_paths, Model, TemplateProblem};
pub use context::{sample_delegation, NoteContext};
pub use mail::MAIL_PARTS;

use crate::markup::escape;
use crate::model::{Delegation, Language};
use crate::plan::Job;

/// The built-in templates of one language: each name's `<language>/<name>` and text.
macro_rules! in_language {
    ($language:literal; [$($kind:literal),*] [$($part:literal),*]) => {
        &[$((
            concat!($language, "/", $kind),
            include_str!(concat!("../../templates/", $language, "/", $kind, ".hbs")),
        ),)* $((
            concat!($language, "/", $part),
            include_str!(concat!("../../templates/", $language, "/", $part, ".hbs")),
        )),*]
    };
}

/// Declares the built-in templates once: every kind of note and every part, in every language.
/// `include_str!` needs its paths written out, so the names are literals; a test checks the
/// kinds against the model's kinds of note.
macro_rules! builtins {
    (languages: [$($language:literal),*], kinds: $kinds:tt, parts: $parts:tt) => {
        /// Names that are parts of notes, not kinds of note; files whose name starts with `_`
        /// are parts too.
        const PARTS: &[&str] = &$parts;

        /// The built-in templates, named `<language>/<name>`, by language.
        const BUILTINS: &[&[(&str, &str)]] = &[$(in_language!($language; $kinds $parts)),*];
    };
}

builtins! {
    languages: ["en", "fr", "es", "ru", "zh", "ar"],
    kinds: ["delegation", "observer", "amendment", "letter"],
    parts: [
        "role-heading", "title", "list", "closing", "letterhead", "addressee", "mail-subject",
        "mail-body", "capacity", "attendance", "seal", "notations", "continued"
    ]
}

/// The built-in templates, named `<language>/<name>`.
fn builtins() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    BUILTINS.iter().copied().flatten()
}

/// The sample delegation that `templates check` renders every template against.
pub const SAMPLE: &str = include_str!("../../templates/sample.toml");

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary.
    Builtin,
    /// A file that overrides a built-in template or adds one.
    File(PathBuf),
}

/// One template's source.
#[derive(Debug, Clone)]
pub struct Source {
    /// `en/delegation`.
    pub name: String,
    /// Built in or from a file.
    pub origin: Origin,
    /// The Handlebars text.
    pub text: String,
}

impl Source {
    /// The language part of the name.
    pub fn language(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }

    /// The name without the language (`delegation`).
    pub fn base(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or_default()
    }

    /// Whether this is a kind of note (rather than a part used by others).
    pub fn is_kind(&self) -> bool {
        !PARTS.contains(&self.base()) && !self.base().starts_with('_')
    }

    /// Whether this is the subject or the text of a mail draft, rendered as plain text.
    pub fn is_mail(&self) -> bool {
        MAIL_PARTS.contains(&self.base())
    }

    /// The first `{{!-- ... --}}` comment, as a one-line description.
    pub fn description(&self) -> String {
        let text = self.text.trim_start();
        text.strip_prefix("{{!--")
            .and_then(|rest| rest.split_once("--}}"))
            .map(|(comment, _)| comment.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    /// Where to point a user: the file, or `built-in en/delegation`.
    pub fn location(&self) -> String {
        match &self.origin {
            Origin::Builtin => format!("built-in {}", self.name),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A template that failed to compile or render, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Template name (`en/delegation`).
    pub template: String,
    /// The file, when the template came from one.
    pub file: Option<PathBuf>,
    /// Line and column in the template, when known.
    pub position: Option<(usize, usize)>,
    /// What went wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match &self.file {
            Some(file) => file.display().to_string(),
            None => format!("template `{}`", self.template),
        };
        match self.position {
            Some((line, column)) => write!(f, "{place}:{line}:{column}: {}", self.message),
            None => write!(f, "{place}: {}", self.message),
        }
    }
}

/// The largest template file read; the built-in ones are under 3 kB.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The templates of a run; build once, render many notes. Each kind of note is compiled, with
/// the parts of its language, the first time a note needs it, so a run pays only for the kinds
/// and languages it writes.
pub struct Templates {
    sources: Vec<Source>,
    /// One per source, filled for kinds of note only: the kind and its language's parts.
    registries: Vec<OnceLock<Registry>>,
}

/// A kind of note compiled with the parts it may include, or what was wrong with them.
type Registry = Result<Handlebars<'static>, Vec<TemplateError>>;

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Result<Self, TemplateError> {
        Ok(Templates::new(builtin_sources()))
    }

    fn new(sources: Vec<Source>) -> Self {
        let registries = sources.iter().map(|_| OnceLock::new()).collect();
        Templates {
            sources,
            registries,
        }
    }

    /// The compiled kind of note `name` (`en/delegation`), with its language's parts.
    fn registry(&self, name: &str) -> Result<&Handlebars<'static>, TemplateError> {
        let index = self
            .sources
            .iter()
            .position(|s| s.name == name && s.is_kind())
            .ok_or_else(|| TemplateError {
                template: name.to_string(),
                file: None,
                position: None,
                message: format!("there is no template `{name}` for a kind of note"),
                hint: None,
            })?;
        self.registries[index]
            .get_or_init(|| self.compile(&self.sources[index]))
            .as_ref()
            .map_err(|errors| errors[0].clone())
    }

    /// The built-in templates with the files of `folder` (`<language>/<name>.hbs`) in place of
    /// those of the same name, and added where the name is new.
    ///
    /// The templates are also read against the data model, so a misspelt path, an unknown helper
    /// or an optional value printed without `{{#if}}` stops the run before any note is made.
    pub fn with_overrides(folder: &Path) -> Result<Self, Vec<TemplateError>> {
        let mut sources = builtin_sources();
        for file in override_files(folder)? {
            match sources.iter_mut().find(|s| s.name == file.name) {
                Some(existing) => *existing = file,
                None => sources.push(file),
            }
        }
        // Include cycles and runaway nesting first: Handlebars would overflow its stack on them.
        let errors = includes::check(&sources);
        if !errors.is_empty() {
            return Err(errors);
        }
        let templates = Templates::new(sources);
        // Compile every file now, to report every broken one before any note is made.
        let errors: Vec<TemplateError> = templates
            .sources
            .iter()
            .filter_map(|source| compile_one(&mut new_registry(), source).err())
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let model = model_paths();
        let problems: Vec<TemplateError> = templates
            .sources
            .iter()
            .filter(|s| s.is_kind() || s.is_mail())
            .flat_map(|s| {
                let (_, mut problems) = check_template(&templates, &s.name, &model);
                problems.extend(templates.case_problems(&s.name));
                problems
            })
            .map(|p| TemplateError {
                template: p.template,
                file: p.file,
                position: Some(p.position),
                message: p.message,
                hint: Some(p.hint),
            })
            .collect();
        let problems = each_once(problems);
        if problems.is_empty() {
            Ok(templates)
        } else {
            Err(problems)
        }
    }

    /// A kind of note with the parts of its language (included with `{{> en/list}}`).
    fn compile(&self, kind: &Source) -> Registry {
        let mut registry = new_registry();
        let parts = self
            .sources
            .iter()
            .filter(|s| s.language() == kind.language() && !s.is_kind());
        let errors: Vec<TemplateError> = parts
            .chain([kind])
            .filter_map(|source| compile_one(&mut registry, source).err())
            .collect();
        if errors.is_empty() {
            Ok(registry)
        } else {
            Err(errors)
        }
    }

    /// Every template, built-in order first, then added ones.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source of a template.
    pub fn source(&self, name: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.name == name)
    }

    /// A template's parsed form, for reading it without rendering.
    fn parsed(&self, name: &str) -> Option<handlebars::Template> {
        handlebars::Template::compile(&self.source(name)?.text).ok()
    }

    /// The kinds of note that have a template in some language.
    pub fn kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self
            .sources
            .iter()
            .filter(|s| s.is_kind())
            .map(|s| s.base().to_string())
            .collect();
        kinds.dedup();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// Whether a kind has a template in a language.
    pub fn has(&self, language: Language, kind: &str) -> bool {
        self.source(&format!("{}/{kind}", language.code()))
            .is_some()
    }

    /// Renders the note for one job as markup.
    pub fn render(&self, delegation: &Delegation, job: &Job) -> Result<String, TemplateError> {
        let context = NoteContext::new(delegation, job);
        self.render_with(&template_name(job), &context)
    }

    /// Renders a template with any serializable data.
    pub fn render_with(
        &self,
        name: &str,
        data: &impl serde::Serialize,
    ) -> Result<String, TemplateError> {
        self.registry(name)?
            .render(name, data)
            .map_err(|error| self.render_error(name, &error))
    }

    fn render_error(&self, name: &str, error: &RenderError) -> TemplateError {
        let (message, hint) = match error.reason() {
            RenderErrorReason::MissingVariable(Some(path)) => (
                format!("`{path}` is not in the data given to templates"),
                Some(
                    "run `verbale templates check` to see the paths templates can use".to_string(),
                ),
            ),
            RenderErrorReason::PartialNotFound(partial) => (
                format!("no template named `{partial}` to include"),
                Some("`verbale templates list` shows the names".to_string()),
            ),
            RenderErrorReason::HelperNotFound(helper) => (
                format!("unknown helper `{helper}`"),
                Some(format!("the helpers are {}", helper_names())),
            ),
            reason => (reason.to_string(), None),
        };
        let template = error
            .template_name
            .clone()
            .unwrap_or_else(|| name.to_string());
        TemplateError {
            file: self.source(&template).and_then(|s| match &s.origin {
                Origin::File(path) => Some(path.clone()),
                Origin::Builtin => None,
            }),
            template,
            position: error.line_no.zip(error.column_no),
            message,
            hint,
        }
    }
}

/// An empty registry set up as every note needs: strict, escaping for the markup, our helpers.
fn new_registry() -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    registry.register_escape_fn(escape);
    helpers::register(&mut registry);
    registry
}

/// Compiles one source into `registry`: a kind of note as a template, a part as a partial.
fn compile_one(registry: &mut Handlebars<'static>, source: &Source) -> Result<(), TemplateError> {
    let compiled = if source.is_kind() {
        registry.register_template_string(&source.name, &source.text)
    } else {
        registry.register_partial(&source.name, &source.text)
    };
    compiled.map_err(|error| compile_error(source, &error))
}

fn builtin_sources() -> Vec<Source> {
    builtins()
        .map(|(name, text)| Source {
            name: name.to_string(),
            origin: Origin::Builtin,
            text: text.to_string(),
        })
        .collect()
}

/// The template of a job: `fr/observer`.
pub fn template_name(job: &Job) -> String {
    format!("{}/{}", job.language.code(), job.template)
}

/// The helpers' names, for hints.
pub fn helper_names() -> String {
    crate::diagnostic::one_of(&helpers::names())
}

fn compile_error(source: &Source, error: &handlebars::TemplateError) -> TemplateError {
    let mut reason = error.reason().to_string();
    let blocks = "each `{{#if}}`, `{{#each}}` and `{{#with}}` needs its own `{{/if}}`, \
                  `{{/each}}` or `{{/with}}`, in order";
    let hint = if reason.starts_with("invalid handlebars syntax") {
        // Handlebars lists every token it could have read; say what it usually means instead.
        reason = "invalid Handlebars syntax here".to_string();
        let at_end = error
            .pos()
            .is_some_and(|(line, _)| line >= source.text.lines().count());
        Some(if at_end {
            format!("the template ends inside a block: {blocks}")
        } else {
            "check the `{{` and `}}` around this place".to_string()
        })
    } else if reason.contains("was opened, but") {
        Some(blocks.to_string())
    } else {
        None
    };
    TemplateError {
        template: source.name.clone(),
        file: match &source.origin {
            Origin::File(path) => Some(path.clone()),
            Origin::Builtin => None,
        },
        position: error.pos(),
        message: reason,
        hint,
    }
}

/// Reads `<folder>/<language>/<name>.hbs`.
fn override_files(folder: &Path) -> Result<Vec<Source>, Vec<TemplateError>> {
    let unreadable = |path: &Path, message: String| TemplateError {
        template: String::new(),
        file: Some(path.to_path_buf()),
        position: None,
        message,
        hint: Some(
            "template folders hold `<language>/<name>.hbs`, e.g. `en/delegation.hbs`".into(),
        ),
    };
    let entries = std::fs::read_dir(folder).map_err(|e| {
        vec![unreadable(
            folder,
            format!("cannot read the template folder: {e}"),
        )]
    })?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut languages: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    languages.sort();
    for dir in languages {
        let language = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !Language::ALL.iter().any(|(code, _)| *code == language) {
            errors.push(unreadable(
                &dir,
                format!(
                    "`{language}` is not a language of notes ({})",
                    Language::ALL.map(|(code, _)| code).join(", ")
                ),
            ));
            continue;
        }
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "hbs"))
        {
            let stem = path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = crate::files::read_bounded(&path, MAX_TEMPLATE_BYTES).and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| std::io::Error::other("it is not UTF-8"))
            });
            match text {
                Ok(text) => files.push(Source {
                    name: format!("{language}/{stem}"),
                    origin: Origin::File(path),
                    text,
                }),
                Err(e) => errors.push(unreadable(&path, format!("cannot read the template: {e}"))),
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Each problem once, in the order first found: a part that several kinds include is read with
/// each of them, and finds the same problem at the same place every time.
pub fn each_once(errors: Vec<TemplateError>) -> Vec<TemplateError> {
    let mut once: Vec<TemplateError> = Vec::with_capacity(errors.len());
    for error in errors {
        if !once.contains(&error) {
            once.push(error);
        }
    }
    once
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteKind;

    /// The built-in templates are written out by hand (`include_str!` needs literal paths), so
    /// this checks them against the lists they must match: every language × every kind of note
    /// and every part, nothing else.
    #[test]
    fn the_built_in_templates_are_every_kind_and_part_in_every_language() {
        let mut builtin: Vec<String> = builtins().map(|(name, _)| name.to_string()).collect();
        builtin.sort();
        let mut expected: Vec<String> = Language::ALL
            .iter()
            .flat_map(|(code, _)| {
                let kinds = NoteKind::ALL.iter().map(|(kind, _)| *kind);
                kinds
                    .chain(PARTS.iter().copied())
                    .map(move |name| format!("{code}/{name}"))
            })
            .collect();
        expected.sort();
        assert_eq!(builtin, expected);
    }

    #[test]
    fn every_template_file_is_built_in() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files = Vec::new();
        for language in std::fs::read_dir(&folder).unwrap() {
            let language = language.unwrap().path();
            if !language.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&language).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "hbs") {
                    let code = language.file_name().unwrap().to_string_lossy();
                    let stem = file.file_stem().unwrap().to_string_lossy();
                    files.push(format!("{code}/{stem}"));
                }
            }
        }
        files.sort();
        let mut builtin: Vec<String> = builtins().map(|(name, _)| name.to_string()).collect();
        builtin.sort();
        assert_eq!(files, builtin);
    }

    #[test]
    fn the_kinds_of_built_in_templates_are_the_note_kinds() {
        let templates = Templates::builtin().unwrap();
        let mut kinds: Vec<&str> = NoteKind::ALL.iter().map(|(kind, _)| *kind).collect();
        kinds.sort();
        assert_eq!(templates.kinds(), kinds);
    }

    /// Role names are written into each language's `role-heading` as `(eq role "...")`: a
    /// role added to the model must get headings there too, or its members print under none.
    #[test]
    fn every_role_has_a_heading_in_every_language() {
        let mut registry = new_registry();
        let mut missing = Vec::new();
        for (code, _) in Language::ALL {
            let name = format!("{code}/role-heading");
            let (_, text) = builtins().find(|(n, _)| *n == name).unwrap();
            registry.register_template_string(&name, *text).unwrap();
            for (role, _) in crate::model::Role::ALL {
                for plural in [false, true] {
                    let data = serde_json::json!({ "role": role, "plural": plural });
                    let heading = registry.render(&name, &data).unwrap();
                    if heading.trim().is_empty() {
                        missing.push(format!("{name}: `{role}`, plural {plural}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no heading for {missing:#?}");
    }

    /// Like headings, capacities and ways of attending are written as `(eq ... "...")`: each
    /// value of the model must give words in every language, for either gender.
    #[test]
    fn every_capacity_and_way_of_attending_has_words_in_every_language() {
        let mut registry = new_registry();
        let mut missing = Vec::new();
        let attendances = crate::model::Attendance::ALL.map(|(key, _)| key);
        let roles = crate::model::Role::ALL.map(|(key, _)| key);
        for (code, _) in Language::ALL {
            for (part, field, values) in [
                ("capacity", "role", &roles[..]),
                ("attendance", "attends", &attendances[..]),
            ] {
                let name = format!("{code}/{part}");
                let (_, text) = builtins().find(|(n, _)| *n == name).unwrap();
                registry.register_template_string(&name, *text).unwrap();
                for value in values {
                    for feminine in [false, true] {
                        let data = serde_json::json!({ field: value, "feminine": feminine });
                        if registry.render(&name, &data).unwrap().trim().is_empty() {
                            missing.push(format!("{name}: `{value}`, feminine {feminine}"));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no words for {missing:#?}");
    }
}
