//! Templates read without rendering them: every data path they use (through `#if`, `#each`,
//! `#with` and partials), checked against the data model, so a misspelt path, an unknown helper
//! or partial, or an optional value printed without `{{#if}}` is found before any note is made.

use std::collections::BTreeSet;
use std::path::PathBuf;

use handlebars::template::{HelperTemplate, Parameter, Template, TemplateElement, TemplateMapping};
use handlebars::Path;
use serde_json::Value;

use super::{helpers, Origin, Templates};
use crate::model::NoteKind;

/// A data path used by a template, and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Usage {
    /// `members[].name` style path.
    pub path: String,
    /// The template it is written in (a partial's own name when used through it).
    pub template: String,
    /// Line and column.
    pub position: (usize, usize),
}

/// A problem found by reading a template without rendering it (a path the data model lacks,
/// an unknown helper or partial, an optional value printed without `{{#if}}`). Not
/// [`crate::Problem`], the form every problem takes in a JSON report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    /// The template it is in.
    pub template: String,
    /// The file, for templates from files.
    pub file: Option<PathBuf>,
    /// Line and column.
    pub position: (usize, usize),
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Every path of the data model (`meeting.recipient.address[]`), and those that may be empty.
pub struct Model {
    /// All paths, with `[]` after arrays.
    pub paths: BTreeSet<String>,
    /// Paths whose value may be missing (`null`) in a note.
    pub optional: BTreeSet<String>,
}

/// The data model, read off a context where everything is given and one where nothing optional
/// is (both made from the bundled sample).
pub fn model_paths() -> Model {
    let (full, minimal) = super::context::samples();
    let mut paths = BTreeSet::new();
    collect(&full, "", &mut paths);
    let mut optional = BTreeSet::new();
    collect_nulls(&minimal, "", &mut optional);
    Model { paths, optional }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn collect(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = join(prefix, key);
                out.insert(path.clone());
                collect(value, &path, out);
            }
        }
        Value::Array(items) => {
            let path = format!("{prefix}[]");
            out.insert(path.clone());
            if let Some(first) = items.first() {
                collect(first, &path, out);
            }
        }
        _ => {}
    }
}

fn collect_nulls(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = join(prefix, key);
                if value.is_null() {
                    out.insert(path.clone());
                }
                collect_nulls(value, &path, out);
            }
        }
        Value::Array(items) => {
            if let Some(first) = items.first() {
                collect_nulls(first, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// Reads one template (and the partials it includes) against the model. The kind decides what
/// is always there: an amendment always has `amends`, a letter a `signatory`.
pub fn check_template(
    templates: &Templates,
    name: &str,
    model: &Model,
) -> (Vec<Usage>, Vec<TemplateProblem>) {
    let base = name.rsplit('/').next().unwrap_or_default();
    let kind = NoteKind::ALL.iter().find(|(key, _)| *key == base);
    let mut walker = Walker {
        templates,
        model,
        usages: Vec::new(),
        problems: Vec::new(),
        guaranteed: match kind {
            Some((_, NoteKind::Amendment)) => vec!["amends".to_string()],
            Some((_, NoteKind::Letter)) => vec!["signatory".to_string()],
            _ => Vec::new(),
        },
        depth: 0,
    };
    if let Some(template) = templates.parsed(name) {
        walker.walk(&template, name, &mut vec![String::new()], &mut Vec::new());
    }
    walker.usages.sort();
    walker
        .usages
        .dedup_by(|a, b| a.path == b.path && a.template == b.template && a.position == b.position);
    (walker.usages, walker.problems)
}

struct Walker<'a> {
    templates: &'a Templates,
    model: &'a Model,
    usages: Vec<Usage>,
    problems: Vec<TemplateProblem>,
    /// Optional paths that this kind of note always has.
    guaranteed: Vec<String>,
    depth: usize,
}

impl Walker<'_> {
    /// `scopes` is the stack of `#each`/`#with` contexts; `guards` the paths known to be there.
    fn walk(
        &mut self,
        template: &Template,
        name: &str,
        scopes: &mut Vec<String>,
        guards: &mut Vec<String>,
    ) {
        for (index, element) in template.elements.iter().enumerate() {
            let position = template
                .mapping
                .get(index)
                .map_or((0, 0), |mapping: &TemplateMapping| (mapping.0, mapping.1));
            match element {
                TemplateElement::Expression(helper) | TemplateElement::HtmlExpression(helper) => {
                    self.expression(helper, name, position, scopes, guards, true)
                }
                TemplateElement::HelperBlock(helper) => {
                    self.block(helper, name, position, scopes, guards)
                }
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    let Parameter::Name(included) = &partial.name else {
                        continue;
                    };
                    match self.templates.parsed(included) {
                        Some(inner) if self.depth < 8 => {
                            self.depth += 1;
                            self.walk(&inner, included, scopes, guards);
                            self.depth -= 1;
                        }
                        Some(_) => {}
                        None => self.problem(
                            name,
                            position,
                            format!("no template named `{included}` to include"),
                            "`verbale templates list` shows the names; partials are written `{{> en/role-heading}}`".into(),
                        ),
                    }
                }
                _ => {}
            }
        }
    }

    fn block(
        &mut self,
        helper: &HelperTemplate,
        name: &str,
        position: (usize, usize),
        scopes: &mut Vec<String>,
        guards: &mut Vec<String>,
    ) {
        let helper_name = match &helper.name {
            Parameter::Name(n) => n.as_str(),
            _ => "",
        };
        self.known_helper(helper_name, name, position);
        let first = helper.params.first().and_then(|p| match p {
            Parameter::Path(path) => self.resolve(path, scopes),
            _ => None,
        });
        for param in &helper.params {
            self.parameter(param, name, position, scopes, guards, false);
        }
        match (helper_name, first) {
            ("each", Some(path)) => {
                guards.push(path.clone());
                scopes.push(format!("{path}[]"));
                if let Some(inner) = &helper.template {
                    self.walk(inner, name, scopes, guards);
                }
                scopes.pop();
                guards.pop();
            }
            ("with", Some(path)) => {
                guards.push(path.clone());
                scopes.push(path);
                if let Some(inner) = &helper.template {
                    self.walk(inner, name, scopes, guards);
                }
                scopes.pop();
                guards.pop();
            }
            ("if", Some(path)) => {
                guards.push(path);
                if let Some(inner) = &helper.template {
                    self.walk(inner, name, scopes, guards);
                }
                guards.pop();
            }
            _ => {
                if let Some(inner) = &helper.template {
                    self.walk(inner, name, scopes, guards);
                }
            }
        }
        if let Some(inverse) = &helper.inverse {
            self.walk(inverse, name, scopes, guards);
        }
    }

    fn expression(
        &mut self,
        helper: &HelperTemplate,
        name: &str,
        position: (usize, usize),
        scopes: &[String],
        guards: &[String],
        printed: bool,
    ) {
        match &helper.name {
            Parameter::Path(path) if helper.params.is_empty() => {
                self.path(path, name, position, scopes, guards, printed)
            }
            Parameter::Name(helper_name) => {
                self.known_helper(helper_name, name, position);
                for param in &helper.params {
                    self.parameter(param, name, position, scopes, guards, true);
                }
            }
            Parameter::Path(path) => {
                let raw = raw(path);
                self.known_helper(&raw, name, position);
                for param in &helper.params {
                    self.parameter(param, name, position, scopes, guards, true);
                }
            }
            _ => {}
        }
    }

    fn parameter(
        &mut self,
        param: &Parameter,
        name: &str,
        position: (usize, usize),
        scopes: &[String],
        guards: &[String],
        printed: bool,
    ) {
        match param {
            Parameter::Path(path) => self.path(path, name, position, scopes, guards, printed),
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(helper) = sub.element.as_ref() {
                    // A subexpression's value is tested or compared, not printed.
                    self.expression(helper, name, position, scopes, guards, false);
                }
            }
            _ => {}
        }
    }

    fn known_helper(&mut self, helper: &str, name: &str, position: (usize, usize)) {
        if helpers::is_helper(helper) {
            return;
        }
        self.problem(
            name,
            position,
            format!("unknown helper `{helper}`"),
            format!("the helpers are {}", super::helper_names()),
        );
    }

    fn path(
        &mut self,
        path: &Path,
        name: &str,
        position: (usize, usize),
        scopes: &[String],
        guards: &[String],
        printed: bool,
    ) {
        let Some(resolved) = self.resolve(path, scopes) else {
            return;
        };
        self.usages.push(Usage {
            path: resolved.clone(),
            template: name.to_string(),
            position,
        });
        if !resolved.is_empty() && !self.model.paths.contains(&resolved) {
            let last = resolved.rsplit(['.', '[']).next().unwrap_or_default();
            let close = self
                .model
                .paths
                .iter()
                .filter(|p| {
                    p.rsplit(['.', '[']).next() == Some(last)
                        || strsim::jaro_winkler(p, &resolved) > 0.9
                })
                .max_by(|a, b| {
                    strsim::jaro_winkler(a, &resolved)
                        .total_cmp(&strsim::jaro_winkler(b, &resolved))
                });
            let hint = match close {
                Some(close) => format!(
                    "did you mean `{close}`? (`verbale templates vars` lists the paths in use)"
                ),
                None => "templates/README.md lists every path of the data model".to_string(),
            };
            self.problem(
                name,
                position,
                format!("`{resolved}` is not in the data given to templates"),
                hint,
            );
            return;
        }
        if printed {
            let missing = self.model.optional.iter().find(|optional| {
                (resolved == **optional || resolved.starts_with(&format!("{optional}.")))
                    && !guards
                        .iter()
                        .chain(&self.guaranteed)
                        .any(|g| g == *optional)
            });
            if let Some(optional) = missing {
                let optional = optional.clone();
                self.problem(
                    name,
                    position,
                    format!("`{resolved}` may be empty, and would print as nothing"),
                    format!("print it inside `{{{{#if {optional}}}}} ... {{{{/if}}}}`"),
                );
            }
        }
    }

    /// The model path a template path stands for, from the scope it is written in.
    fn resolve(&self, path: &Path, scopes: &[String]) -> Option<String> {
        let raw = raw(path);
        if raw.starts_with('@') && !raw.starts_with("@root") {
            return None; // @index, @first, @key ...
        }
        let mut rest = raw.as_str();
        let mut level = scopes.len().saturating_sub(1);
        if let Some(after) = rest.strip_prefix("@root") {
            level = 0;
            rest = after.trim_start_matches(['.', '/']);
        }
        while let Some(after) = rest.strip_prefix("../") {
            level = level.saturating_sub(1);
            rest = after;
        }
        rest = rest
            .strip_prefix("this")
            .map_or(rest, |after| after.trim_start_matches(['.', '/']));
        rest = rest.strip_prefix("./").unwrap_or(rest);
        let scope = scopes.get(level).cloned().unwrap_or_default();
        let tail = rest.replace('/', ".");
        Some(match (scope.is_empty(), tail.is_empty()) {
            (_, true) => scope,
            (true, false) => tail,
            (false, false) => format!("{scope}.{tail}"),
        })
    }

    fn problem(&mut self, name: &str, position: (usize, usize), message: String, hint: String) {
        let file = self.templates.source(name).and_then(|s| match &s.origin {
            Origin::File(path) => Some(path.clone()),
            Origin::Builtin => None,
        });
        let problem = TemplateProblem {
            template: name.to_string(),
            file,
            position,
            message,
            hint,
        };
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }
}

fn raw(path: &Path) -> String {
    match path {
        Path::Relative((_, raw)) => raw.clone(),
        Path::Local((_, _, raw)) => raw.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths in the data model table of `templates/README.md`.
    fn documented() -> BTreeSet<String> {
        let readme = include_str!("../../templates/README.md");
        let table = readme.split("## The data model").nth(1).unwrap_or_default();
        table
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split_once("` |"))
            .map(|(path, _)| path.to_string())
            .filter(|path| !path.contains(' ') && !path.contains("{{") && !path.contains(':'))
            .collect()
    }

    #[test]
    fn the_documented_paths_are_the_model() {
        let model = model_paths();
        let documented = documented();
        let undocumented: Vec<_> = model.paths.difference(&documented).collect();
        let unknown: Vec<_> = documented.difference(&model.paths).collect();
        assert!(
            undocumented.is_empty(),
            "paths missing from templates/README.md: {undocumented:?}"
        );
        assert!(
            unknown.is_empty(),
            "templates/README.md lists paths the model lacks: {unknown:?}"
        );
    }

    #[test]
    fn optional_paths_are_marked_optional() {
        let model = model_paths();
        for optional in &model.optional {
            let row = include_str!("../../templates/README.md")
                .lines()
                .find(|l| l.starts_with(&format!("| `{optional}` |")))
                .unwrap_or_default();
            assert!(row.contains("optional"), "{optional} is optional: {row}");
        }
    }

    #[test]
    fn the_built_in_templates_have_no_problem() {
        let templates = Templates::builtin().unwrap();
        let model = model_paths();
        for source in templates.sources().iter().filter(|s| s.is_kind()) {
            let (usages, problems) = check_template(&templates, &source.name, &model);
            assert!(problems.is_empty(), "{}: {problems:?}", source.name);
            assert!(usages
                .iter()
                .any(|u| u.path == "mission.short_name" || u.path == "mission.name"));
        }
    }
}
