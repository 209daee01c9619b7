//! Problems found in the input, each with a place, a message and hints, rendered like a compiler's.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

use crate::input::Source;

/// One problem in a delegation file (or in what was rendered from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, lowercase, with the offending thing in backticks.
    pub message: String,
    /// Byte range in the source that the problem points at, when it has one.
    pub span: Option<Range<usize>>,
    /// Short text printed under the span.
    pub label: String,
    /// How to fix it; each becomes a `= hint:` line.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A problem at `span` in the source.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            label: String::new(),
            hints: Vec::new(),
        }
    }

    /// A problem with the file as a whole.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            label: String::new(),
            hints: Vec::new(),
        }
    }

    /// Adds the text printed under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a `hint:` line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Renders the problem with the file name, line, column and the source line.
    pub fn render(&self, source: &Source) -> String {
        let file = SimpleFile::new(source.display_name(), source.text.as_str());
        let mut report = Report::error().with_message(&self.message);
        if let Some(span) = &self.span {
            let span = clamp(span.clone(), source.text.len());
            report = report.with_labels(vec![Label::primary((), span).with_message(&self.label)]);
        } else {
            report = report.with_notes(vec![format!("in {}", source.display_name())]);
        }
        report = report.with_notes(
            self.hints
                .iter()
                .map(|hint| format!("hint: {hint}"))
                .collect(),
        );
        term::emit_into_string(&term::Config::default(), &file, &report)
            .unwrap_or_else(|_| format!("error: {}\n", self.message))
    }

    /// `file:line:column` of the start of the span, for one-line summaries.
    pub fn location(&self, source: &Source) -> String {
        match &self.span {
            Some(span) => {
                let (line, column) = source.line_column(span.start);
                format!("{}:{line}:{column}", source.display_name())
            }
            None => source.display_name(),
        }
    }
}

fn clamp(span: Range<usize>, len: usize) -> Range<usize> {
    span.start.min(len)..span.end.min(len).max(span.start.min(len))
}

/// Suggests the closest of `choices` to a misspelt `word`, if one is close enough.
pub fn did_you_mean<'a>(word: &str, choices: &[&'a str]) -> Option<&'a str> {
    choices
        .iter()
        .map(|choice| (strsim::jaro_winkler(word, choice), *choice))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, choice)| choice)
}

/// Formats a list of valid choices as `` `a`, `b` or `c` ``.
pub fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(did_you_mean("hed", &["head", "deputy"]), Some("head"));
        assert_eq!(did_you_mean("zzz", &["head", "deputy"]), None);
    }

    #[test]
    fn renders_file_line_column_and_hint() {
        let source = Source::in_memory("x.toml", "a = 1\nrole = \"hed\"\n");
        let text = Diagnostic::at(13..18, "unknown role `hed`")
            .hint("did you mean `head`?")
            .render(&source);
        assert!(text.contains("x.toml:2:8"), "{text}");
        assert!(text.contains("role = \"hed\""), "{text}");
        assert!(text.contains("hint: did you mean `head`?"), "{text}");
    }
}
