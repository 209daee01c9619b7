//! The data a template sees: a typed view of the delegation, resolved for one note's language.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Source};
use serde::Serialize;

use crate::model::{
    Change, Delegation, Gender, Language, Local, Meeting, Member, Mission, Number, Recipient, Role,
};
use crate::plan::Job;

/// The data a note template sees, in the note's language. Optional values are present as
/// `null`, so strict mode still catches misspelt paths.
#[derive(Serialize)]
pub struct NoteContext<'a> {
    language: &'static str,
    kind: &'static str,
    mission: MissionContext<'a>,
    meeting: MeetingContext<'a>,
    groups: Vec<GroupContext<'a>>,
    changes: ChangesContext<'a>,
    amends: Option<AmendsContext<'a>>,
    signatory: Option<SignatoryContext<'a>>,
    /// The names the file gives in cases, in the note's language, by path (`mission.state`)
    /// and case key (`gen`): what the `case` helper reads.
    cases: Cases<'a>,
}

/// Names in cases: path -> case key -> form.
type Cases<'a> = BTreeMap<&'static str, BTreeMap<&'static str, &'a str>>;

/// The case forms of the note's names in its language (`meeting` is the note's meeting).
fn cases(delegation: &Delegation, meeting: usize, lang: Language) -> Cases<'_> {
    delegation
        .declensions
        .iter()
        .filter(|d| d.language == lang && d.meeting.is_none_or(|m| m == meeting))
        .map(|d| {
            let forms = d
                .forms
                .iter()
                .map(|(case, text)| (case.key(), text.as_str()));
            (d.name.path(), forms.collect())
        })
        .collect()
}

#[derive(Serialize)]
struct MissionContext<'a> {
    name: &'a str,
    short_name: &'a str,
    city: &'a str,
    state: Option<&'a str>,
    has_emblem: bool,
    /// `name` is plural (`les Missions …`): stated, else from its article.
    plural: bool,
    /// `state` is plural (`les Pays-Bas`, `las Islas Marshall`).
    state_plural: bool,
    /// The contact block under the letterhead: there when `address` or `phone` is given.
    contact: Option<ContactContext<'a>>,
    /// A seal is set in the seal space.
    has_seal: bool,
    /// Initials printed in the seal space.
    initials: Option<&'a str>,
}

#[derive(Serialize)]
struct ContactContext<'a> {
    address: &'a [String],
    phone: Option<&'a str>,
    email: Option<&'a str>,
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
    /// `enclosure`: what the note encloses (printed after the seal).
    enclosures: &'a [String],
    /// More than one enclosure: `Enclosures:`.
    enclosures_plural: bool,
    /// `cc`: who gets a copy of the printed note.
    cc: &'a [String],
    /// More than one copy.
    cc_plural: bool,
    /// `subject`: a letter's subject line.
    subject: Option<&'a str>,
}

#[derive(Serialize)]
struct RecipientContext<'a> {
    name: &'a str,
    /// A name with a comma inside ("Office ..., Geneva Branch", Arabic `،`) needs one after
    /// it too.
    name_has_comma: bool,
    address: &'a [String],
    email: Option<&'a str>,
    /// `name` is plural (`les Coprésidents`): stated, else from its article.
    plural: bool,
    /// `name` is feminine (`gender = "f"`): Arabic `تبلغها` rather than `تبلغه`.
    feminine: bool,
}

#[derive(Serialize)]
struct GroupContext<'a> {
    role: &'static str,
    plural: bool,
    /// Every member is a woman: the heading is feminine; a mixed group takes the masculine.
    feminine: bool,
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
    /// Stated with `gender = "f"`, or read from the title (`Ms.`, `Mme`, `Sra.`).
    feminine: bool,
    /// `in person`, `online` or `online speaker`, when the file says.
    attends: Option<&'static str>,
    /// Whom a new head replaces, in the note's language.
    replaces: Option<&'a str>,
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
    /// The context of one note.
    pub fn new(delegation: &'a Delegation, job: &Job) -> Self {
        let lang = job.language;
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
        NoteContext {
            language: lang.code(),
            kind: job.kind.key(),
            mission: MissionContext::new(&delegation.mission, lang),
            meeting: MeetingContext::new(meeting, lang),
            groups: groups(&listed, lang),
            changes: ChangesContext::new(&members, lang),
            amends: meeting.amends.as_ref().map(|a| AmendsContext {
                reference: &a.reference,
                date: a.date.to_string(),
            }),
            signatory: delegation.signatory.as_ref().map(|s| SignatoryContext {
                name: &s.name,
                title: local(&s.title, lang),
            }),
            cases: cases(delegation, job.meeting, lang),
        }
    }
}

impl<'a> MissionContext<'a> {
    /// The mission in the note's language: its names, its number, its contact block.
    fn new(mission: &'a Mission, lang: Language) -> Self {
        let state = mission.state.as_ref().map(|s| local(s, lang));
        MissionContext {
            name: local(&mission.name, lang),
            short_name: local(&mission.short_name, lang),
            city: local(&mission.city, lang),
            state,
            has_emblem: mission.emblem.is_some(),
            plural: plural(mission.number, lang, local(&mission.name, lang)),
            state_plural: plural(mission.state_number, lang, state.unwrap_or("")),
            contact: mission.has_contact().then(|| ContactContext {
                address: mission
                    .address
                    .as_ref()
                    .and_then(|a| a.get(lang))
                    .map_or(&[], Vec::as_slice),
                phone: mission.phone.as_deref(),
                email: mission.email.as_deref(),
            }),
            has_seal: mission.seal.is_some(),
            initials: mission.initials.as_deref(),
        }
    }
}

impl<'a> MeetingContext<'a> {
    /// The meeting in the note's language: its dates, reference, recipient and notations.
    fn new(meeting: &'a Meeting, lang: Language) -> Self {
        MeetingContext {
            id: &meeting.id,
            title: local(&meeting.title, lang),
            city: local(&meeting.city, lang),
            start: meeting.start.to_string(),
            end: meeting.end.to_string(),
            one_day: meeting.start == meeting.end,
            reference: &meeting.reference,
            date: meeting.date.to_string(),
            recipient: RecipientContext::new(&meeting.recipient, lang),
            enclosures: notation(&meeting.enclosures, lang),
            enclosures_plural: notation(&meeting.enclosures, lang).len() > 1,
            cc: notation(&meeting.cc, lang),
            cc_plural: notation(&meeting.cc, lang).len() > 1,
            subject: meeting
                .subject
                .as_ref()
                .and_then(|s| s.get(lang))
                .map(String::as_str),
        }
    }
}

impl<'a> RecipientContext<'a> {
    /// The recipient in the note's language: the name, what its grammar needs, the address.
    fn new(recipient: &'a Recipient, lang: Language) -> Self {
        let name = local(&recipient.name, lang);
        RecipientContext {
            name,
            name_has_comma: name.contains([',', '\u{60C}']),
            address: recipient.address.get(lang).map_or(&[], Vec::as_slice),
            email: recipient.email.as_deref(),
            plural: plural(recipient.number, lang, name),
            feminine: recipient.gender == Some(Gender::Feminine),
        }
    }
}

impl<'a> ChangesContext<'a> {
    /// What an amendment changes among the note's `members`: who is added, removed, made head.
    fn new(members: &[&'a Member], lang: Language) -> Self {
        let with = |change: Change| {
            members
                .iter()
                .copied()
                .filter(move |m| m.change == Some(change))
        };
        ChangesContext {
            added: with(Change::Add).map(|m| member(m, lang)).collect(),
            removed: with(Change::Remove).map(|m| member(m, lang)).collect(),
            head: with(Change::Head).map(|m| member(m, lang)).next(),
        }
    }
}

/// A member as the note in `lang` names him or her: each text in the note's language.
fn member(m: &Member, lang: Language) -> MemberContext<'_> {
    // Validation made sure every note the member is named in has its language.
    fn text(field: &Option<Local<String>>, lang: Language) -> Option<&str> {
        field.as_ref()?.get(lang).map(String::as_str)
    }
    MemberContext {
        role: m.role.key(),
        title: text(&m.title, lang),
        name: &m.name,
        function: text(&m.function, lang),
        institution: text(&m.institution, lang),
        email: m.email.as_deref(),
        feminine: crate::gender::of_member(m, lang) == Some(Gender::Feminine),
        attends: m.attendance.map(crate::model::Attendance::key),
        replaces: text(&m.replaces, lang),
    }
}

/// A name's number: as stated, else from its article.
fn plural(stated: Option<Number>, language: Language, name: &str) -> bool {
    stated.map_or_else(
        || crate::grammar::plural(language, name),
        |number| number == Number::Plural,
    )
}

/// Members grouped by role in list order; inside a group, as entered.
fn groups<'a>(members: &[&'a Member], lang: Language) -> Vec<GroupContext<'a>> {
    Role::ALL
        .iter()
        .filter_map(|(key, role)| {
            let group: Vec<MemberContext> = members
                .iter()
                .filter(|m| m.role == *role)
                .map(|m| member(m, lang))
                .collect();
            (!group.is_empty()).then_some(GroupContext {
                role: key,
                plural: group.len() > 1,
                feminine: group.iter().all(|m| m.feminine),
                members: group,
            })
        })
        .collect()
}

/// The bundled sample delegation, validated (it is part of the binary, so it is always valid;
/// `Err` has its text and its problems, for a broken build).
pub fn sample_delegation() -> Result<Delegation, (Source, Vec<Diagnostic>)> {
    let source = Source::in_memory("templates/sample.toml", super::SAMPLE);
    let parsed = match crate::parse::parse(&source) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return Err((source, diagnostics)),
    };
    let everything = |_, _: char| true;
    let overrides = crate::model::Overrides::default();
    match crate::validate::validate(parsed, &source, &everything, &overrides, &[]) {
        Ok(delegation) => Ok(delegation),
        Err(diagnostics) => Err((source, diagnostics)),
    }
}

/// The sample's context with everything given, and with every optional value left out, as JSON
/// (for reading the model's paths off them).
pub fn samples() -> (serde_json::Value, serde_json::Value) {
    let Ok(full) = sample_delegation() else {
        return (serde_json::Value::Null, serde_json::Value::Null);
    };
    let mut minimal = full.clone();
    minimal.mission.state = None;
    minimal.mission.address = None;
    minimal.mission.phone = None;
    minimal.mission.email = None;
    minimal.mission.initials = None;
    minimal.signatory = None;
    for meeting in &mut minimal.meetings {
        meeting.amends = None;
        meeting.recipient.email = None;
    }
    for member in &mut minimal.members {
        member.title = None;
        member.function = None;
        member.institution = None;
        member.email = None;
        member.change = None;
        member.gender = None;
        member.attendance = None;
        member.replaces = None;
    }
    let context = |delegation: &Delegation| {
        let job = Job {
            meeting: 0,
            language: Language::English,
            kind: crate::model::NoteKind::Amendment,
            template: "amendment".to_string(),
            members: (0..delegation.members.len()).collect(),
            stem: String::new(),
        };
        serde_json::to_value(NoteContext::new(delegation, &job)).unwrap_or_default()
    };
    (context(&full), context(&minimal))
}

/// The lines of `enclosure` or `cc` in a language (validation made sure each is there).
fn notation(lines: &Local<Vec<String>>, lang: Language) -> &[String] {
    lines.get(lang).map_or(&[], Vec::as_slice)
}
