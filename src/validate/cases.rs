//! Names in grammatical cases: the file's tables of cases -> [`Declension`]s, and the cases the
//! templates in force need -> a problem at each name that lacks one. A case is never guessed.

use std::ops::Range;

use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::model::cases::{Case, Declension, Declinable};
use crate::model::{Delegation, Language};
use crate::parse::{Field, LocalText, RawDelegation, RawForms, RawLocal, Sp};

use super::Validator;

/// The cases of its names a note's template uses: the note's language and template name
/// (`delegation`) -> each name and case, once. Made from the templates in force by the caller,
/// so that validation reads no template.
pub type CasesUsed<'a> = &'a dyn Fn(Language, &str) -> Vec<(Declinable, Case)>;

impl Validator<'_> {
    /// Every declinable name's forms in each language that declines, from the file's tables of
    /// cases (a plain string gives the nominative alone); tables of cases in a language that
    /// takes none, unknown case keys and unprintable forms are reported.
    pub(super) fn declensions(
        &mut self,
        raw: &RawDelegation,
        forms: &[RawForms],
    ) -> Vec<Declension> {
        let mut declensions = Vec::new();
        let mut add =
            |v: &mut Self, field: &LocalText, name: Declinable, meeting: Option<usize>| {
                if let Field::Given(given) = field {
                    declensions.extend(v.declension(given, forms, name, meeting));
                }
            };
        if let Some(mission) = &raw.mission {
            add(self, &mission.name, Declinable::MissionName, None);
            add(
                self,
                &mission.short_name,
                Declinable::MissionShortName,
                None,
            );
            add(self, &mission.state, Declinable::MissionState, None);
            add(self, &mission.city, Declinable::MissionCity, None);
        }
        for (index, meeting) in raw.meetings.iter().enumerate() {
            add(self, &meeting.title, Declinable::MeetingTitle, Some(index));
            add(self, &meeting.city, Declinable::MeetingCity, Some(index));
            if let Some(recipient) = &meeting.recipient {
                add(
                    self,
                    &recipient.name,
                    Declinable::RecipientName,
                    Some(index),
                );
            }
        }
        declensions
    }

    /// One name's forms, in every language that declines.
    fn declension(
        &mut self,
        given: &Sp<RawLocal<String>>,
        forms: &[RawForms],
        name: Declinable,
        meeting: Option<usize>,
    ) -> Vec<Declension> {
        let entry =
            |language: Language, forms: Vec<(Case, String)>, span: &Range<usize>| Declension {
                name,
                meeting,
                language,
                forms,
                span: span.clone(),
            };
        match &given.value {
            // Given once: the nominative in every language (whether a text given once may
            // stand for a language is for the rules of languages to say).
            RawLocal::Same(text) => Language::ALL
                .iter()
                .filter(|(_, language)| language.declines())
                .map(|(_, language)| {
                    entry(
                        *language,
                        vec![(Case::Nominative, text.clone())],
                        &given.span,
                    )
                })
                .collect(),
            RawLocal::PerLanguage(items) => {
                let mut out = Vec::new();
                for (code, text) in items {
                    let language = Language::ALL.iter().find(|(c, _)| *c == code.value);
                    let Some((_, language)) = language else {
                        continue; // reported with the text
                    };
                    let cases = forms.iter().find(|f| f.span == text.span);
                    let forms = match cases {
                        Some(cases) => self.cases(cases, *language, name),
                        None => Some(vec![(Case::Nominative, text.value.clone())]),
                    };
                    if let (true, Some(forms)) = (language.declines(), forms) {
                        out.push(entry(*language, forms, &text.span));
                    }
                }
                out
            }
        }
    }

    /// A table of cases, checked: the language declines, each key is a case, each form prints.
    fn cases(
        &mut self,
        raw: &RawForms,
        language: Language,
        name: Declinable,
    ) -> Option<Vec<(Case, String)>> {
        let path = name.path();
        if !language.declines() {
            self.push(
                Diagnostic::at(
                    raw.span.clone(),
                    format!("`{path}` is one text in {}: its names take no cases", language.name()),
                )
                .label("cases given here")
                .hint(format!(
                    "write `{} = \"…\"`; cases are given for Russian names: `ru = {{ nom = \"…\", gen = \"…\" }}`",
                    language.code()
                )),
            );
            return None;
        }
        let keys: Vec<&str> = Case::ALL.iter().map(|(key, _)| *key).collect();
        let mut forms = Vec::new();
        let mut ok = true;
        for (key, text) in &raw.forms {
            let Some((_, case)) = Case::ALL.iter().find(|(k, _)| *k == key.value) else {
                let mut problem = Diagnostic::at(
                    key.span.clone(),
                    format!("unknown case `{}` in `{path}`", key.value),
                );
                if let Some(close) = did_you_mean(&key.value, &keys) {
                    problem = problem.hint(format!("did you mean `{close}`?"));
                }
                self.push(problem.hint(format!("the cases are {}", one_of(&keys))));
                ok = false;
                continue;
            };
            // A form is printed in its language's notes only: checked against that font.
            self.text_language = Some(language);
            let form = self.text(text, &format!("{path}.{}", key.value));
            self.text_language = None;
            match form {
                Some(text) => forms.push((*case, text)),
                None => ok = false,
            }
        }
        forms.sort_by_key(|(case, _)| *case);
        ok.then_some(forms)
    }
}

/// A case key written where a language was expected (`state = { nom = "…" }`) gets a hint
/// saying that cases go inside their language.
pub(super) fn in_their_language(diagnostic: Diagnostic, key: &str, path: &str) -> Diagnostic {
    if !Case::ALL.iter().any(|(case, _)| *case == key) {
        return diagnostic;
    }
    let field = path.rsplit('.').next().unwrap_or(path);
    diagnostic.hint(format!(
        "`{key}` is a case: cases go inside their language, `{field} = {{ ru = {{ nom = \"…\", gen = \"…\" }} }}`"
    ))
}

/// The cases the notes' templates use that the file does not give, each reported once at its
/// name (`mission.state` in Russian), with every case that name lacks and how to add them.
pub fn missing_cases(delegation: &Delegation, used: CasesUsed) -> Vec<Diagnostic> {
    // (name's span, what it lacks, which notes need it)
    let mut lacking: Vec<(&Declension, Vec<Case>, Vec<String>)> = Vec::new();
    for (index, meeting) in delegation.meetings.iter().enumerate() {
        for language in meeting.languages.iter().filter(|l| l.declines()) {
            for (name, case) in used(*language, &meeting.template) {
                let Some(declension) = delegation.declensions.iter().find(|d| {
                    d.name == name
                        && d.language == *language
                        && (!name.of_meeting() || d.meeting == Some(index))
                }) else {
                    continue; // an optional name left out: templates print it under `#if`
                };
                if declension.form(case).is_some() {
                    continue;
                }
                let note = format!("`{}`", meeting.id);
                match lacking
                    .iter_mut()
                    .find(|(d, _, _)| d.span == declension.span)
                {
                    Some((_, cases, notes)) => {
                        if !cases.contains(&case) {
                            cases.push(case);
                        }
                        if !notes.contains(&note) {
                            notes.push(note);
                        }
                    }
                    None => lacking.push((declension, vec![case], vec![note])),
                }
            }
        }
    }
    lacking
        .into_iter()
        .map(|(d, cases, notes)| lacks(d, cases, &notes))
        .collect()
}

/// `mission.state` has no genitive (`gen`) in Russian, which the note for `ccm-7msp` needs.
fn lacks(declension: &Declension, mut cases: Vec<Case>, notes: &[String]) -> Diagnostic {
    cases.sort();
    let named: Vec<String> = cases
        .iter()
        .map(|case| format!("{} (`{}`)", case.name(), case.key()))
        .collect();
    let mut example: Vec<(Case, String)> = declension.forms.clone();
    example.extend(cases.iter().map(|case| (*case, "…".to_string())));
    example.sort_by_key(|(case, _)| *case);
    let example: Vec<String> = example
        .iter()
        .map(|(case, text)| format!("{} = \"{text}\"", case.key()))
        .collect();
    let language = declension.language;
    Diagnostic::at(
        declension.span.clone(),
        format!(
            "`{}` has no {} in {}, which the {} for {} {}",
            declension.name.path(),
            named.join(" and "),
            language.name(),
            if notes.len() > 1 { "notes" } else { "note" },
            notes.join(", "),
            if notes.len() > 1 { "need" } else { "needs" },
        ),
    )
    .label(format!("the {} is not given here", named.join(" and ")))
    .hint(format!(
        "give the name in its cases: `{} = {{ {} = {{ {} }} }}`; a case is never guessed",
        declension.name.key(),
        language.code(),
        example.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, run, BASE};
    use super::*;
    use crate::input::Source;

    /// The base file as a Russian one, its names given with `replace`d cases.
    fn russian(find: &str, replace: &str) -> Delegation {
        let text = BASE
            .replacen("language = \"en\"", "language = \"ru\"", 1)
            .replacen(find, replace, 1);
        let source = Source::in_memory("delegation.toml", text);
        run(&source, None, &[]).unwrap_or_else(|p| panic!("{p:#?}"))
    }

    #[test]
    fn case_tables_are_read_and_checked_at_their_place() {
        check(&[
            (
                "city = \"Geneva\"\n\n[[meeting]]",
                "city = { en = { nom = \"Geneva\" } }\n\n[[meeting]]",
                "`mission.city` is one text in English: its names take no cases",
                "6:15",
                "write `en = \"…\"`",
            ),
            (
                "title = \"Seventh Meeting of States Parties\"",
                "title = { en = \"Seventh\", ru = { nom = \"Совещание\", prp = \"Совещании\" } }",
                "unknown case `prp` in `meeting.title`",
                "10:53",
                "did you mean `prep`?",
            ),
            (
                "city = \"Geneva\"\nstart",
                "city = { en = \"Geneva\", nom = \"Женева\" }\nstart",
                "unknown language `nom` in `meeting.city`",
                "11:25",
                "`nom` is a case: cases go inside their language, `city = { ru = { nom = \"…\", gen = \"…\" } }`",
            ),
            (
                "name = \"Office for Disarmament Affairs\"",
                "name = { en = \"Office\", ru = { dat = \"Управлению\" } }",
                "the cases of `ru` have no nominative",
                "18:30",
                "the nominative is the name as written in running text",
            ),
        ]);
    }

    #[test]
    fn a_case_the_templates_use_and_the_file_lacks_is_reported_once_at_the_name() {
        let delegation = russian(
            "city = \"Geneva\"\nstart",
            "city = { ru = { nom = \"Женева\", gen = \"Женевы\" } }\nstart",
        );
        let declension = delegation
            .declensions
            .iter()
            .find(|d| d.name == Declinable::MeetingCity)
            .unwrap();
        assert_eq!(declension.form(Case::Genitive), Some("Женевы"));
        assert_eq!(declension.meeting, Some(0));
        let used = |language: Language, template: &str| {
            assert_eq!((language, template), (Language::Russian, "delegation"));
            vec![
                (Declinable::MeetingCity, Case::Prepositional),
                (Declinable::MeetingCity, Case::Dative),
                (Declinable::MeetingCity, Case::Genitive),
                (Declinable::MissionState, Case::Genitive),
            ]
        };
        let problems = missing_cases(&delegation, &used);
        // `state` is not given (templates print it under `#if`); the city lacks two cases.
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            problems[0].message,
            "`meeting.city` has no dative (`dat`) and prepositional (`prep`) in Russian, which the note for `ccm-7msp` needs"
        );
        assert_eq!(
            problems[0].hints,
            ["give the name in its cases: `city = { ru = { nom = \"Женева\", gen = \"Женевы\", dat = \"…\", prep = \"…\" } }`; a case is never guessed"]
        );
    }

    #[test]
    fn languages_without_cases_ask_for_none() {
        let delegation = russian("language = \"ru\"", "language = \"ru\"");
        let none = |_: Language, _: &str| Vec::new();
        assert!(missing_cases(&delegation, &none).is_empty());
        // An English note is never asked for a case, whatever a template says.
        let english = run(&Source::in_memory("d.toml", BASE), None, &[]).unwrap();
        let all = |_: Language, _: &str| vec![(Declinable::MissionCity, Case::Prepositional)];
        assert!(missing_cases(&english, &all).is_empty());
    }
}
