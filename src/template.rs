//! Job -> note markup, through the built-in Handlebars templates, in strict mode with a typed
//! context. User values are escaped for the markup, so they always print literally.

use std::fmt;

use handlebars::{
    handlebars_helper, Context, Handlebars, Helper, HelperResult, Output, RenderContext,
    RenderError, RenderErrorReason,
};
use serde::Serialize;

use crate::dates::{english_range, Date};
use crate::markup::escape;
use crate::model::{Delegation, Member, Role};
use crate::plan::Job;

/// A template as shipped in the binary: its name and source.
struct Builtin {
    name: &'static str,
    source: &'static str,
}

const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "en/delegation",
        source: include_str!("../templates/en/delegation.hbs"),
    },
    Builtin {
        name: "en/role-heading",
        source: include_str!("../templates/en/role-heading.hbs"),
    },
];

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
        for builtin in BUILTINS {
            let partial = builtin.name.rsplit('/').next().unwrap_or(builtin.name);
            let compiled = if partial == "delegation" {
                registry.register_template_string(builtin.name, builtin.source)
            } else {
                registry.register_partial(partial, builtin.source)
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
        let name = format!("{}/delegation", job.language.code());
        let context = NoteContext::new(delegation, job);
        self.registry
            .render(&name, &context)
            .map_err(|error| render_error(&name, &error))
    }
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

handlebars_helper!(date: |iso: str| Date::parse_iso(iso).map(Date::english).unwrap_or_default());
handlebars_helper!(nobreak: |text: str| text.replace(' ', "\u{a0}"));

fn date_range(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let day = |index: usize| {
        h.param(index)
            .and_then(|p| p.value().as_str())
            .and_then(Date::parse_iso)
            .ok_or_else(|| {
                RenderErrorReason::ParamTypeMismatchForName(
                    "date_range",
                    index.to_string(),
                    "date".into(),
                )
            })
    };
    let (start, end) = (day(0)?, day(1)?);
    out.write(&escape(&english_range(start, end)))?;
    Ok(())
}

/// The data a note template sees. Optional values are present as `null`, so strict mode still
/// catches misspelt paths.
#[derive(Serialize)]
struct NoteContext<'a> {
    language: &'static str,
    mission: MissionContext<'a>,
    meeting: MeetingContext<'a>,
    groups: Vec<GroupContext<'a>>,
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
    title: Option<&'a str>,
    name: &'a str,
    function: Option<&'a str>,
    institution: Option<&'a str>,
    email: Option<&'a str>,
}

impl<'a> NoteContext<'a> {
    fn new(delegation: &'a Delegation, job: &Job) -> Self {
        let mission = &delegation.mission;
        let meeting = &delegation.meetings[job.meeting];
        let members: Vec<&Member> = job
            .members
            .iter()
            .map(|&i| &delegation.members[i])
            .collect();
        NoteContext {
            language: job.language.code(),
            mission: MissionContext {
                name: &mission.name,
                short_name: &mission.short_name,
                city: &mission.city,
                state: mission.state.as_deref(),
                has_emblem: mission.emblem.is_some(),
            },
            meeting: MeetingContext {
                id: &meeting.id,
                title: &meeting.title,
                city: &meeting.city,
                start: meeting.start.to_string(),
                end: meeting.end.to_string(),
                one_day: meeting.start == meeting.end,
                reference: &meeting.reference,
                date: meeting.date.to_string(),
                recipient: RecipientContext {
                    name: &meeting.recipient.name,
                    name_has_comma: meeting.recipient.name.contains(','),
                    address: &meeting.recipient.address,
                    email: meeting.recipient.email.as_deref(),
                },
            },
            groups: groups(&members),
        }
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
                .map(|m| MemberContext {
                    title: m.title.as_deref(),
                    name: &m.name,
                    function: m.function.as_deref(),
                    institution: m.institution.as_deref(),
                    email: m.email.as_deref(),
                })
                .collect();
            (!group.is_empty()).then_some(GroupContext {
                role: key,
                plural: group.len() > 1,
                members: group,
            })
        })
        .collect()
}
