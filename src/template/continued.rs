//! Job -> the words added to a list heading repeated on the page where its list goes on, from
//! the `continued` part of the note's language (`(continued)`, `(suite)`, `(continuación)`).

use super::{template_name, NoteContext, TemplateError, Templates};
use crate::markup;
use crate::model::Delegation;
use crate::plan::Job;

impl Templates {
    /// Renders the `continued` part of the job's language, on one line.
    pub fn render_continued(
        &self,
        delegation: &Delegation,
        job: &Job,
    ) -> Result<String, TemplateError> {
        let name = template_name(job);
        let part = format!("{}/continued", job.language.code());
        let context = NoteContext::new(delegation, job);
        let text = self
            .registry(&name)?
            .render_template(&format!("{{{{> {part}}}}}"), &context)
            .map_err(|error| self.render_error(&part, &error))?;
        // The part is a few words of text: line breaks a maintainer writes are spaces.
        Ok(markup::unmark(&text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Language;
    use crate::template::{sample_delegation, Templates};

    #[test]
    fn each_language_has_its_word() {
        let templates = Templates::builtin().unwrap();
        let delegation = sample_delegation().unwrap();
        for (language, word) in [
            (Language::English, "(continued)"),
            (Language::French, "(suite)"),
            (Language::Spanish, "(continuación)"),
        ] {
            let job = crate::plan::jobs(&delegation)
                .into_iter()
                .map(|mut job| {
                    job.language = language;
                    job
                })
                .next()
                .unwrap();
            assert_eq!(templates.render_continued(&delegation, &job).unwrap(), word);
        }
    }
}
