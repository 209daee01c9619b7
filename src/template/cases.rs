//! Templates read for the cases they put names in (`{{case mission.state "gen"}}`): which name
//! in which case each kind of note needs, so that validation can ask the file for exactly
//! those, and the calls that name no declinable name or no case, as template problems.

use handlebars::template::{HelperTemplate, Parameter, Template, TemplateElement};

use super::analysis::TemplateProblem;
use super::{Origin, Templates};
use crate::model::cases::{Case, Declinable};
use crate::model::Language;

/// The helper's name in templates.
pub const HELPER: &str = "case";

/// One `case` call: the name and case it asks for, or what is wrong with it.
struct Use {
    found: Result<(Declinable, Case), CallError>,
    template: String,
    position: (usize, usize),
}

impl Templates {
    /// Each declinable name and case the note `<language>/<template>` uses, with its parts,
    /// and with its mail's subject and text when `mail` drafts are made, once each.
    pub fn cases_used(
        &self,
        language: Language,
        template: &str,
        mail: bool,
    ) -> Vec<(Declinable, Case)> {
        let mail_parts: &[&str] = if mail { &super::MAIL_PARTS } else { &[] };
        let mut used: Vec<(Declinable, Case)> = mail_parts
            .iter()
            .chain([&template])
            .flat_map(|name| self.case_calls(&format!("{}/{name}", language.code())))
            .filter_map(|call| call.found.ok())
            .collect();
        used.sort();
        used.dedup();
        used
    }

    /// The `case` calls of a kind of note (and its parts) that name no declinable name or no
    /// known case.
    pub fn case_problems(&self, name: &str) -> Vec<TemplateProblem> {
        self.case_calls(name)
            .into_iter()
            .filter_map(|call| {
                let message = call.found.err()?.to_string();
                let file = self.source(&call.template).and_then(|s| match &s.origin {
                    Origin::File(path) => Some(path.clone()),
                    Origin::Builtin => None,
                });
                let names: Vec<&str> = Declinable::ALL.iter().map(|(p, _)| *p).collect();
                let cases: Vec<&str> = Case::ALL.iter().map(|(k, _)| *k).collect();
                Some(TemplateProblem {
                    template: call.template,
                    file,
                    position: call.position,
                    message,
                    hint: format!(
                        "write `{{{{case mission.state \"gen\"}}}}`: the names are {}, written from the root (`@root.` inside `#each` or `#with`); the cases are {}",
                        crate::diagnostic::one_of(&names),
                        crate::diagnostic::one_of(&cases)
                    ),
                })
            })
            .collect()
    }

    fn case_calls(&self, name: &str) -> Vec<Use> {
        let mut calls = Vec::new();
        if let Some(template) = self.parsed(name) {
            self.calls_in(&template, name, &mut calls, 0);
        }
        calls
    }

    fn calls_in(&self, template: &Template, name: &str, calls: &mut Vec<Use>, depth: usize) {
        for (index, element) in template.elements.iter().enumerate() {
            let position = template.mapping.get(index).map_or((0, 0), |m| (m.0, m.1));
            match element {
                TemplateElement::Expression(helper)
                | TemplateElement::HtmlExpression(helper)
                | TemplateElement::HelperBlock(helper) => {
                    self.helper_calls(helper, name, position, calls, depth)
                }
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    if let (Parameter::Name(included), true) = (&partial.name, depth < 8) {
                        if let Some(inner) = self.parsed(included) {
                            self.calls_in(&inner, included, calls, depth + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn helper_calls(
        &self,
        helper: &HelperTemplate,
        name: &str,
        position: (usize, usize),
        calls: &mut Vec<Use>,
        depth: usize,
    ) {
        if matches!(&helper.name, Parameter::Name(n) if n == HELPER) {
            calls.push(Use {
                found: call(&helper.params),
                template: name.to_string(),
                position,
            });
        }
        for param in &helper.params {
            if let Parameter::Subexpression(sub) = param {
                if let TemplateElement::Expression(inner) = sub.element.as_ref() {
                    self.helper_calls(inner, name, position, calls, depth);
                }
            }
        }
        for inner in [&helper.template, &helper.inverse].into_iter().flatten() {
            self.calls_in(inner, name, calls, depth);
        }
    }
}

/// What is wrong with a `case` call.
#[derive(Debug)]
enum CallError {
    /// No name comes first.
    NoName,
    /// The name is not one the file gives in cases.
    NotDeclinable(String),
    /// The case is not a literal string.
    CaseNotLiteral(String),
    /// More than a name and a case.
    TooMany,
    /// The case is not one of [`Case::ALL`].
    UnknownCase(String),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::NoName => f.write_str("`case` takes a name, then a case"),
            CallError::NotDeclinable(path) => write!(f, "`case` cannot decline `{path}`"),
            CallError::CaseNotLiteral(path) => {
                write!(
                    f,
                    "`case` needs the case of `{path}` as a literal, `\"gen\"`"
                )
            }
            CallError::TooMany => f.write_str("`case` takes a name and a case, nothing more"),
            CallError::UnknownCase(case) => write!(f, "unknown case `{case}`"),
        }
    }
}

/// The name and case of `{{case <name> "<case>"}}`.
fn call(params: &[Parameter]) -> Result<(Declinable, Case), CallError> {
    let path = match params.first() {
        Some(Parameter::Path(path)) => {
            let raw = match path {
                handlebars::Path::Relative((_, raw)) => raw.clone(),
                handlebars::Path::Local((_, _, raw)) => raw.clone(),
            };
            raw.strip_prefix("@root.").unwrap_or(&raw).replace('/', ".")
        }
        _ => return Err(CallError::NoName),
    };
    let name = Declinable::ALL.iter().find(|(p, _)| *p == path);
    let Some((_, name)) = name else {
        return Err(CallError::NotDeclinable(path));
    };
    let case = match params.get(1) {
        Some(Parameter::Literal(serde_json::Value::String(key))) => key.clone(),
        _ => return Err(CallError::CaseNotLiteral(path)),
    };
    match Case::ALL.iter().find(|(k, _)| *k == case) {
        Some((_, case)) if params.len() == 2 => Ok((*name, *case)),
        Some(_) => Err(CallError::TooMany),
        None => Err(CallError::UnknownCase(case)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_ask_for_these_cases_and_call_case_rightly() {
        let templates = Templates::builtin().unwrap();
        for source in templates.sources() {
            assert!(
                templates.case_problems(&source.name).is_empty(),
                "{}",
                source.name
            );
        }
        use Case::{Dative as Dat, Genitive as Gen, Prepositional as Prep};
        use Declinable::*;
        let ru = Language::Russian;
        assert_eq!(
            templates.cases_used(ru, "delegation", false),
            [
                (MissionState, Gen),
                (MeetingTitle, Prep),
                (MeetingCity, Prep),
                (RecipientName, Dat)
            ]
        );
        assert_eq!(
            templates.cases_used(ru, "observer", false),
            [
                (MeetingTitle, Gen),
                (MeetingCity, Prep),
                (RecipientName, Dat)
            ]
        );
        assert_eq!(
            templates.cases_used(ru, "observer", true),
            [
                (MissionState, Gen),
                (MeetingTitle, Gen),
                (MeetingTitle, Prep),
                (MeetingCity, Prep),
                (RecipientName, Dat)
            ]
        );
        assert_eq!(
            templates.cases_used(ru, "letter", false),
            [
                (MissionShortName, Gen),
                (MeetingTitle, Prep),
                (MeetingCity, Prep),
                (RecipientName, Dat)
            ]
        );
        for (_, language) in Language::ALL.iter().filter(|(_, l)| !l.declines()) {
            assert!(templates
                .cases_used(*language, "delegation", true)
                .is_empty());
        }
    }
}
