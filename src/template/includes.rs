//! Template sources -> what would overflow the stack when they are compiled or rendered:
//! includes that come back to where they started (`{{> en/closing}}` in `en/closing`) and
//! blocks nested deeper than any note needs. Read from the text itself, before Handlebars
//! sees it, and reported at the place in the file.

use std::collections::HashMap;

use super::{Origin, Source, TemplateError};

/// The deepest nesting of `{{#...}}` blocks a template may have; the built-in ones use 3.
pub const MAX_DEPTH: usize = 32;

/// Every include cycle and every block nested past [`MAX_DEPTH`] in `sources`.
pub fn check(sources: &[Source]) -> Vec<TemplateError> {
    let mut errors = Vec::new();
    let mut includes: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    for source in sources {
        let tags = tags(&source.text);
        let mut depth = 0usize;
        for tag in &tags {
            match tag.kind {
                Kind::Open => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        errors.push(error(
                            source,
                            tag.offset,
                            format!("blocks are nested more than {MAX_DEPTH} deep here"),
                            "a note needs a few levels of `{{#if}}` and `{{#each}}`; close the blocks you opened",
                        ));
                        break;
                    }
                }
                Kind::Close => depth = depth.saturating_sub(1),
                Kind::Include => {}
            }
        }
        includes.insert(
            &source.name,
            tags.iter()
                .filter_map(|tag| tag.include.clone().map(|name| (name, tag.offset)))
                .collect(),
        );
    }
    errors.extend(cycles(sources, &includes));
    errors
}

/// An include that leads back to the template it is in, reported once per cycle.
fn cycles(
    sources: &[Source],
    includes: &HashMap<&str, Vec<(String, usize)>>,
) -> Vec<TemplateError> {
    let mut errors = Vec::new();
    let mut reported: Vec<Vec<String>> = Vec::new();
    for source in sources {
        // Depth-first from each template, following includes; a path that returns to the start
        // is a cycle.
        let mut stack: Vec<(String, Vec<String>)> =
            vec![(source.name.clone(), vec![source.name.clone()])];
        let mut seen: Vec<String> = Vec::new();
        while let Some((name, path)) = stack.pop() {
            for (target, offset) in includes.get(name.as_str()).into_iter().flatten() {
                if *target == source.name {
                    let mut cycle = path.clone();
                    cycle.push(target.clone());
                    let mut key = cycle[..cycle.len() - 1].to_vec();
                    key.sort();
                    if reported.contains(&key) {
                        continue;
                    }
                    reported.push(key);
                    let including = sources.iter().find(|s| s.name == name).unwrap_or(source);
                    errors.push(error(
                        including,
                        *offset,
                        format!(
                            "`{{{{> {target}}}}}` comes back to itself: {}",
                            cycle.join(" → ")
                        ),
                        "a part cannot include the template that includes it; remove this include",
                    ));
                } else if !seen.contains(target) {
                    seen.push(target.clone());
                    let mut next = path.clone();
                    next.push(target.clone());
                    stack.push((target.clone(), next));
                }
            }
        }
    }
    errors
}

fn error(source: &Source, offset: usize, message: String, hint: &str) -> TemplateError {
    let before = &source.text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    TemplateError {
        template: source.name.clone(),
        file: match &source.origin {
            Origin::File(path) => Some(path.clone()),
            Origin::Builtin => None,
        },
        position: Some((line, column)),
        message,
        hint: Some(hint.to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `{{#if}}`, `{{#each}}`, `{{^...}}`, `{{#> part}}`: a block that a later tag closes.
    Open,
    /// `{{/if}}`.
    Close,
    /// `{{> part}}` or anything else that neither opens nor closes.
    Include,
}

struct Tag {
    kind: Kind,
    offset: usize,
    /// The template it includes, for `{{> name}}` and `{{#> name}}`.
    include: Option<String>,
}

/// The tags of a template that open or close blocks or include a part, comments skipped.
fn tags(text: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find("{{") {
        let offset = rest + found;
        let inner = text[offset + 2..].trim_start_matches(['{', '~']);
        if inner.starts_with("!--") {
            rest = text[offset..]
                .find("--}}")
                .map_or(text.len(), |end| offset + end + 4);
            continue;
        }
        let end = text[offset..]
            .find("}}")
            .map_or(text.len(), |end| offset + end + 2);
        let (kind, body) = match inner.as_bytes().first() {
            Some(b'#') | Some(b'^') => (Kind::Open, &inner[1..]),
            Some(b'/') => (Kind::Close, &inner[1..]),
            _ => (Kind::Include, inner),
        };
        let include = body
            .strip_prefix('>')
            .map(|name| {
                name.trim_start()
                    .split(|c: char| c.is_whitespace() || c == '}' || c == '~')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .filter(|name| !name.is_empty());
        if kind != Kind::Include || include.is_some() {
            tags.push(Tag {
                kind,
                offset,
                include,
            });
        }
        rest = end.max(offset + 2);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source {
            name: name.to_string(),
            origin: Origin::File(format!("t/{name}.hbs").into()),
            text: text.to_string(),
        }
    }

    #[test]
    fn the_built_in_templates_have_no_cycle_and_little_nesting() {
        assert!(check(&super::super::builtin_sources()).is_empty());
    }

    #[test]
    fn parts_that_include_each_other_are_a_cycle_at_the_include() {
        let errors = check(&[
            source("en/_a", "A {{> en/_b}}\n"),
            source("en/_b", "B\n\n  {{> en/_a }}\n"),
            source("en/delegation", "{{> en/_a}}\n"),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains("en/_a → en/_b → en/_a")
                || errors[0].message.contains("en/_b → en/_a → en/_b"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_template_that_includes_itself_is_a_cycle() {
        let errors = check(&[source(
            "en/closing",
            "::: closing\n{{#if x}}{{> en/closing}}{{/if}}\n",
        )]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].position, Some((2, 10)));
        assert_eq!(
            errors[0].file.as_deref(),
            Some(std::path::Path::new("t/en/closing.hbs"))
        );
    }

    #[test]
    fn blocks_nested_too_deep_are_reported_where_the_limit_is_passed() {
        let text = "{{#if a}}\n".repeat(5000) + &"{{/if}}".repeat(5000);
        let errors = check(&[source("en/delegation", &text)]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].position, Some((MAX_DEPTH + 1, 1)));
        let fine = "{{#if a}}{{!-- {{#if b}} --}}{{/if}}".repeat(100);
        assert!(check(&[source("en/delegation", &fine)]).is_empty());
    }
}
