//! Job -> the subject and text of its mail draft, from the `mail-subject` and `mail-body`
//! templates of the note's language, rendered as plain text (values are not escaped for the
//! note's markup, only kept on their line).

use handlebars::Handlebars;

use super::{compile_error, helpers, NoteContext, TemplateError, Templates};
use crate::model::Delegation;
use crate::plan::Job;

/// The parts that write a mail draft; they are parts of notes too (see `PARTS`), so that
/// `templates list`, `show`, `new` and `check` know them.
pub const MAIL_PARTS: [&str; 2] = ["mail-subject", "mail-body"];

/// The words of a mail draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    /// One line.
    pub subject: String,
    /// Plain text, lines ending in `\n`.
    pub body: String,
}

impl Templates {
    /// Renders the subject and text of the mail draft for one job.
    pub fn render_mail(
        &self,
        delegation: &Delegation,
        job: &Job,
    ) -> Result<MailText, TemplateError> {
        let language = job.language.code();
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(plain);
        helpers::register(&mut registry);
        // The language's own parts (`_signature`, ...) may be included; mail parts are templates.
        for source in self.sources.iter().filter(|s| s.language() == language) {
            let compiled = if source.is_mail() {
                registry.register_template_string(&source.name, &source.text)
            } else if source.is_kind() {
                continue;
            } else {
                registry.register_partial(&source.name, &source.text)
            };
            compiled.map_err(|error| compile_error(source, &error))?;
        }
        let context = NoteContext::new(delegation, job);
        let render = |part: &str| {
            let name = format!("{language}/{part}");
            registry
                .render(&name, &context)
                .map_err(|error| self.render_error(&name, &error))
        };
        let subject = render("mail-subject")?;
        // A subject is one header line: any line break a template writes becomes a space.
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        // The description comment's line end leaves the text's first lines empty.
        let mut body: String = render("mail-body")?
            .trim_start_matches(['\n', '\r'])
            .lines()
            .map(|line| format!("{}\n", line.trim_end()))
            .collect();
        while body.ends_with("\n\n") {
            body.pop();
        }
        Ok(MailText { subject, body })
    }
}

/// Values stay on their line, without the marks of raised text (`1er`); nothing else is
/// changed, since mail text is not markup.
fn plain(value: &str) -> String {
    crate::markup::unmark(value)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn mail(language: Language) -> MailText {
        let delegation = crate::template::sample_delegation().unwrap();
        let mut job = crate::plan::jobs(&delegation).remove(0);
        job.language = language;
        Templates::builtin()
            .unwrap()
            .render_mail(&delegation, &job)
            .unwrap()
    }

    #[test]
    fn mail_parts_are_parts_of_notes() {
        for part in MAIL_PARTS {
            assert!(super::super::PARTS.contains(&part), "{part}");
        }
    }

    #[test]
    fn the_subject_names_the_reference_the_delegation_and_the_meeting_in_each_language() {
        let english = mail(Language::English);
        assert!(
            english.subject.starts_with("Note verbale "),
            "{}",
            english.subject
        );
        assert!(!english.subject.contains('\\'), "{}", english.subject);
        assert!(
            english.body.starts_with("Dear Sir or Madam,\n\n"),
            "{}",
            english.body
        );
        let french = mail(Language::French);
        assert!(
            french.subject.contains(" : délégation d"),
            "{}",
            french.subject
        );
        assert!(
            french.body.starts_with("Madame, Monsieur,\n\n"),
            "{}",
            french.body
        );
        let spanish = mail(Language::Spanish);
        assert!(
            spanish.subject.contains(": delegación d"),
            "{}",
            spanish.subject
        );
        assert!(
            spanish.body.contains("Adjunto encontrarán la nota verbal"),
            "{}",
            spanish.body
        );
    }
}
