//! Validated delegation -> note jobs: which notes to write, for whom, under which file names.

use crate::model::{Delegation, Language, NoteKind};

/// One note to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Index of the meeting in the delegation.
    pub meeting: usize,
    /// Language of the note.
    pub language: Language,
    /// What the note does.
    pub kind: NoteKind,
    /// The template's name without the language (`observer`).
    pub template: String,
    /// Indices of the members named in this note, in file order.
    pub members: Vec<usize>,
    /// File name without extension: `<meeting id>.<language>`.
    pub stem: String,
}

impl Job {
    /// The PDF's file name (`ccm-7msp.en.pdf`).
    pub fn pdf_name(&self) -> String {
        format!("{}.pdf", self.stem)
    }

    /// The DOCX's file name (`ccm-7msp.en.docx`).
    pub fn docx_name(&self) -> String {
        format!("{}.docx", self.stem)
    }
}

/// One job per meeting and language, in file order, then in the meeting's order of languages.
/// Meeting ids are validated to be plain file names and unique, and a meeting names each
/// language once, so the names cannot escape the output folder or collide.
pub fn jobs(delegation: &Delegation) -> Vec<Job> {
    delegation
        .meetings
        .iter()
        .enumerate()
        .flat_map(|(index, meeting)| {
            meeting
                .languages
                .iter()
                .map(move |language| (index, meeting, *language))
        })
        .map(|(index, meeting, language)| Job {
            meeting: index,
            language,
            kind: meeting.kind,
            template: meeting.template.clone(),
            members: delegation
                .members
                .iter()
                .enumerate()
                .filter(|(_, member)| member.attends(meeting))
                .map(|(i, _)| i)
                .collect(),
            stem: format!("{}.{}", meeting.id, language.code()),
        })
        .collect()
}
