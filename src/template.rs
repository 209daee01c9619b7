//! Job -> note markup, through the built-in Handlebars templates, in strict mode with a typed
//! context. User values are escaped for the markup, so they always print literally.

use std::fmt;

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperResult, Output, RenderContext,
    RenderError, RenderErrorReason,
};
use serde::Serialize;

use crate::dates::{self, Date};
use crate::grammar;
use crate::markup::escape;
use crate::model::{Change, Delegation, Language, Local, Member, Role};
use crate::plan::Job;

/// A template as shipped in the binary: its name and source.
struct Builtin {
    name: &'static str,
    source: &'static str,
}

macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin { name: $name, source: include_str!(concat!("../templates/", $name, ".hbs")) }),*]
    };
}

/// Note templates are named `<language>/<kind>`; `role-heading` and `title` are partials.
const BUILTINS: &[Builtin] = builtins![
    "en/delegation",
    "en/observer",
    "en/amendment",
    "en/letter",
    "en/role-heading",
    "en/title",
    "fr/delegation",
    "fr/observer",
    "fr/amendment",
    "fr/letter",
    "fr/role-heading",
    "fr/title",
    "es/delegation",
    "es/observer",
    "es/amendment",
    "es/letter",
    "es/role-heading",
    "es/title",
];

/// Parts of templates, used with `{{> en/role-heading}}`.
const PARTIALS: &[&str] = &["role-heading", "title"];

/// A template that failed to compile or render, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Template name (`en/delegation`).
    pub template: String,
    /// Line and column in the template, when known.
    pub position: Option<(usize, usize)>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "template `{}` at line {line}, column {column}: {}",
                self.template, self.message
            ),
            None => write!(f, "template `{}`: {}", self.template, self.message),
        }
    }
}

/// The compiled templates of a run; build once, render many notes.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl Templates {
    /// Compiles the built-in templates.
    pub fn builtin() -> Result<Self, TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape);
        registry.register_helper("date", Box::new(date));
        registry.register_helper("date_range", Box::new(date_range));
        registry.register_helper("nobreak", Box::new(nobreak));
        registry.register_helper("to", Box::new(to));
        registry.register_helper("of", Box::new(of));
        registry.register_helper("bare", Box::new(bare));
        registry.register_helper("cap", Box::new(cap));
        for builtin in BUILTINS {
            let base = builtin.name.rsplit('/').next().unwrap_or(builtin.name);
            let compiled = if PARTIALS.contains(&base) {
                registry.register_partial(builtin.name, builtin.source)
            } else {
                registry.register_template_string(builtin.name, builtin.source)
            };
            compiled.map_err(|error| TemplateError {
                template: builtin.name.to_string(),
                position: error.pos(),
                message: error.reason().to_string(),
            })?;
        }
        Ok(Templates { registry })
    }

    /// Renders the note for one job as markup.
    pub fn render(&self, delegation: &Delegation, job: &Job) -> Result<String, TemplateError> {
        let name = template_name(job);
        let context = NoteContext::new(delegation, job);
        self.registry
            .render(&name, &context)
            .map_err(|error| render_error(&name, &error))
    }
}

/// The template of a job: `fr/observer`.
pub fn template_name(job: &Job) -> String {
    format!("{}/{}", job.language.code(), job.kind.key())
}

fn render_error(name: &str, error: &RenderError) -> TemplateError {
    let message = match error.reason() {
        RenderErrorReason::MissingVariable(Some(path)) => {
            format!("`{path}` is not in the data given to templates")
        }
        reason => reason.to_string(),
    };
    TemplateError {
        template: error
            .template_name
            .clone()
            .unwrap_or_else(|| name.to_string()),
        position: error.line_no.zip(error.column_no),
        message,
    }
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

/// `{{to name}}`: à/a with the name's article (`au Bureau`, `à la Mission`, `al Comité`).
fn to(
    h: &Helper,
    _: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&escape(&grammar::to(language(c), text_param(h, "to")?)))?;
    Ok(())
}

/// `{{of name}}`: de with the name's article (`du Mexique`, `de l'Iraq`, `del Perú`).
fn of(
    h: &Helper,
    _: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&escape(&grammar::of(language(c), text_param(h, "of")?)))?;
    Ok(())
}

/// `{{bare name}}`: the name without its article, for address blocks.
fn bare(
    h: &Helper,
    _: &Handlebars,
    c: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&escape(&grammar::bare(language(c), text_param(h, "bare")?)))?;
    Ok(())
}

/// The data a note template sees, in the note's language. Optional values are present as
/// `null`, so strict mode still catches misspelt paths.
#[derive(Serialize)]
struct NoteContext<'a> {
    language: &'static str,
    kind: &'static str,
    mission: MissionContext<'a>,
    meeting: MeetingContext<'a>,
    groups: Vec<GroupContext<'a>>,
    changes: ChangesContext<'a>,
    amends: Option<AmendsContext<'a>>,
    signatory: Option<SignatoryContext<'a>>,
}

#[derive(Serialize)]
struct MissionContext<'a> {
    name: &'a str,
    short_name: &'a str,
    city: &'a str,
    state: Option<&'a str>,
    has_emblem: bool,
}

#[derive(Serialize)]
struct MeetingContext<'a> {
    id: &'a str,
    title: &'a str,
    city: &'a str,
    start: String,
    end: String,
    one_day: bool,
    reference: &'a str,
    date: String,
    recipient: RecipientContext<'a>,
}

#[derive(Serialize)]
struct RecipientContext<'a> {
    name: &'a str,
    /// A name with a comma inside ("Office ..., Geneva Branch") needs one after it too.
    name_has_comma: bool,
    address: &'a [String],
    email: Option<&'a str>,
}

#[derive(Serialize)]
struct GroupContext<'a> {
    role: &'static str,
    plural: bool,
    members: Vec<MemberContext<'a>>,
}

#[derive(Serialize)]
struct MemberContext<'a> {
    role: &'static str,
    title: Option<&'a str>,
    name: &'a str,
    function: Option<&'a str>,
    institution: Option<&'a str>,
    email: Option<&'a str>,
}

#[derive(Serialize)]
struct ChangesContext<'a> {
    added: Vec<MemberContext<'a>>,
    removed: Vec<MemberContext<'a>>,
    head: Option<MemberContext<'a>>,
}

#[derive(Serialize)]
struct AmendsContext<'a> {
    reference: &'a str,
    date: String,
}

#[derive(Serialize)]
struct SignatoryContext<'a> {
    name: &'a str,
    title: &'a str,
}

/// The text of a field in a language; validation made sure it is there.
fn local(text: &Local<String>, language: Language) -> &str {
    text.get(language).map_or("", String::as_str)
}

impl<'a> NoteContext<'a> {
    fn new(delegation: &'a Delegation, job: &Job) -> Self {
        let lang = job.language;
        let mission = &delegation.mission;
        let meeting = &delegation.meetings[job.meeting];
        let members: Vec<&Member> = job
            .members
            .iter()
            .map(|&i| &delegation.members[i])
            .collect();
        let listed: Vec<&Member> = members
            .iter()
            .copied()
            .filter(|m| m.change != Some(Change::Remove))
            .collect();
        let with = |change: Change| {
            members
                .iter()
                .copied()
                .filter(move |m| m.change == Some(change))
        };
        let recipient_name = local(&meeting.recipient.name, lang);
        NoteContext {
            language: lang.code(),
            kind: job.kind.key(),
            mission: MissionContext {
                name: local(&mission.name, lang),
                short_name: local(&mission.short_name, lang),
                city: local(&mission.city, lang),
                state: mission.state.as_ref().map(|s| local(s, lang)),
                has_emblem: mission.emblem.is_some(),
            },
            meeting: MeetingContext {
                id: &meeting.id,
                title: local(&meeting.title, lang),
                city: local(&meeting.city, lang),
                start: meeting.start.to_string(),
                end: meeting.end.to_string(),
                one_day: meeting.start == meeting.end,
                reference: &meeting.reference,
                date: meeting.date.to_string(),
                recipient: RecipientContext {
                    name: recipient_name,
                    name_has_comma: recipient_name.contains(','),
                    address: meeting
                        .recipient
                        .address
                        .get(lang)
                        .map_or(&[], Vec::as_slice),
                    email: meeting.recipient.email.as_deref(),
                },
            },
            groups: groups(&listed),
            changes: ChangesContext {
                added: with(Change::Add).map(member).collect(),
                removed: with(Change::Remove).map(member).collect(),
                head: with(Change::Head).map(member).next(),
            },
            amends: meeting.amends.as_ref().map(|a| AmendsContext {
                reference: &a.reference,
                date: a.date.to_string(),
            }),
            signatory: delegation.signatory.as_ref().map(|s| SignatoryContext {
                name: &s.name,
                title: local(&s.title, lang),
            }),
        }
    }
}

fn member(m: &Member) -> MemberContext<'_> {
    MemberContext {
        role: m.role.key(),
        title: m.title.as_deref(),
        name: &m.name,
        function: m.function.as_deref(),
        institution: m.institution.as_deref(),
        email: m.email.as_deref(),
    }
}

/// Members grouped by role in list order; inside a group, as entered.
fn groups<'a>(members: &[&'a Member]) -> Vec<GroupContext<'a>> {
    Role::ALL
        .iter()
        .filter_map(|(key, role)| {
            let group: Vec<MemberContext> = members
                .iter()
                .filter(|m| m.role == *role)
                .map(|m| member(m))
                .collect();
            (!group.is_empty()).then_some(GroupContext {
                role: key,
                plural: group.len() > 1,
                members: group,
            })
        })
        .collect()
}
