//! The validated delegation: what every later stage may rely on.

pub mod cases;
pub mod location;
pub mod pattern;
pub mod words;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::dates::Date;

/// A delegation file after validation.
#[derive(Debug, Clone)]
pub struct Delegation {
    /// Language of the notes.
    pub language: Language,
    /// Paper size of the notes.
    pub paper: Paper,
    /// Archival PDF profile, if the notes must be PDF/A.
    pub pdf_a: Option<PdfA>,
    /// The sender.
    pub mission: Mission,
    /// One note per meeting, in file order.
    pub meetings: Vec<Meeting>,
    /// Every member, in file order.
    pub members: Vec<Member>,
    /// Who signs letters (organizations only).
    pub signatory: Option<Signatory>,
    /// The register of outgoing notes that numbers and records the notes, if one is used.
    pub register: Option<location::Location>,
    /// The names given in grammatical cases, for languages that decline them (Russian).
    pub declensions: Vec<cases::Declension>,
}

/// A text given once for every language, or once per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local<T> {
    /// The same in every language (a name, or a text used in one language only).
    Same(T),
    /// One per language.
    PerLanguage(Vec<(Language, T)>),
}

impl<T> Local<T> {
    /// The text for a language, if the file gives one.
    pub fn get(&self, language: Language) -> Option<&T> {
        match self {
            Local::Same(value) => Some(value),
            Local::PerLanguage(values) => values
                .iter()
                .find(|(l, _)| *l == language)
                .map(|(_, value)| value),
        }
    }
}

/// The official who signs an organization's letter.
#[derive(Debug, Clone)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Title or function under the name.
    pub title: Local<String>,
}

/// What a note does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A State Party names its delegation.
    Delegation,
    /// A State not party announces it attends as an observer, and names its delegation.
    Observer,
    /// Changes to a delegation announced in an earlier note.
    Amendment,
    /// An organization's signed letter naming its delegation.
    Letter,
}

impl NoteKind {
    /// Every kind, with its name in files and templates.
    pub const ALL: [(&'static str, NoteKind); 4] = [
        ("delegation", NoteKind::Delegation),
        ("observer", NoteKind::Observer),
        ("amendment", NoteKind::Amendment),
        ("letter", NoteKind::Letter),
    ];

    /// The name in files and templates (`observer`).
    pub fn key(self) -> &'static str {
        NoteKind::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("delegation", |(key, _)| key)
    }
}

/// The earlier note an amendment refers to.
#[derive(Debug, Clone)]
pub struct Amends {
    /// Its reference number.
    pub reference: String,
    /// Its date.
    pub date: Date,
}

/// How an amendment changes a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Joins the delegation.
    Add,
    /// Leaves the delegation.
    Remove,
    /// Becomes head of delegation.
    Head,
}

impl Change {
    /// Every change, with its name in files.
    pub const ALL: [(&'static str, Change); 3] = [
        ("add", Change::Add),
        ("remove", Change::Remove),
        ("head", Change::Head),
    ];
}

/// Grammatical number of a name, stated where its article does not tell (`number = "plural"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// One (`la Mission`, `Cuba`).
    Singular,
    /// More than one (`les Coprésidents`, `las Islas Marshall`).
    Plural,
}

impl Number {
    /// Every number, with its name in files.
    pub const ALL: [(&'static str, Number); 2] =
        [("singular", Number::Singular), ("plural", Number::Plural)];
}

/// A member's grammatical gender (`gender = "f"`), for headings that agree with the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Feminine (`Représentante`, `Asesora`).
    Feminine,
    /// Masculine (`Représentant`, `Asesor`).
    Masculine,
}

impl Gender {
    /// Every gender, with its name in files.
    pub const ALL: [(&'static str, Gender); 2] =
        [("f", Gender::Feminine), ("m", Gender::Masculine)];
}

/// How a member takes part in the meeting, as UN registration asks of the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// In the room.
    InPerson,
    /// Online.
    Online,
    /// Online, and takes the floor (meetings that register online speakers).
    OnlineSpeaker,
}

impl Attendance {
    /// Every way of attending, with its name in files and templates.
    pub const ALL: [(&'static str, Attendance); 3] = [
        ("in person", Attendance::InPerson),
        ("online", Attendance::Online),
        ("online speaker", Attendance::OnlineSpeaker),
    ];

    /// The name in files and templates (`in person`).
    pub fn key(self) -> &'static str {
        Attendance::ALL
            .iter()
            .find(|(_, attendance)| *attendance == self)
            .map_or("in person", |(key, _)| key)
    }
}

/// A language a note can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English (British spelling, as at the United Nations).
    English,
    /// French.
    French,
    /// Spanish.
    Spanish,
    /// Russian (UN spelling: е for ё).
    Russian,
    /// Chinese in simplified characters.
    Chinese,
    /// Arabic, set right to left.
    Arabic,
}

impl Language {
    /// Every language, with the code used in files and on the command line.
    pub const ALL: [(&'static str, Language); 6] = [
        ("en", Language::English),
        ("fr", Language::French),
        ("es", Language::Spanish),
        ("ru", Language::Russian),
        ("zh", Language::Chinese),
        ("ar", Language::Arabic),
    ];

    /// The language's name in English, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
            Language::Spanish => "Spanish",
            Language::Russian => "Russian",
            Language::Chinese => "Chinese",
            Language::Arabic => "Arabic",
        }
    }

    /// The code used in files, templates and output names (`en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Russian => "ru",
            Language::Chinese => "zh",
            Language::Arabic => "ar",
        }
    }

    /// Whether names take grammatical cases in this language, which the file then gives
    /// (`state = { ru = { nom = "…", gen = "…" } }`).
    pub fn declines(self) -> bool {
        matches!(self, Language::Russian)
    }

    /// The BCP 47 tag written into the PDF and DOCX (`en-GB`), which drives hyphenation in Word.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en-GB",
            Language::French => "fr-FR",
            Language::Spanish => "es-ES",
            Language::Russian => "ru-RU",
            Language::Chinese => "zh-CN",
            Language::Arabic => "ar",
        }
    }

    /// Whether the language is written from right to left.
    pub fn right_to_left(self) -> bool {
        self == Language::Arabic
    }
}

/// An archival PDF profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfA {
    /// PDF/A-1b (ISO 19005-1, level B): no transparency, PDF 1.4.
    A1b,
    /// PDF/A-2b (ISO 19005-2, level B).
    A2b,
}

impl PdfA {
    /// Every profile, with its name in files and on the command line.
    pub const ALL: [(&'static str, PdfA); 2] = [("1b", PdfA::A1b), ("2b", PdfA::A2b)];

    /// `PDF/A-1b`.
    pub fn name(self) -> &'static str {
        match self {
            PdfA::A1b => "PDF/A-1b",
            PdfA::A2b => "PDF/A-2b",
        }
    }
}

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm: the default in Geneva.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Every paper size, with its name in files and on the command line.
    pub const ALL: [(&'static str, Paper); 2] = [("a4", Paper::A4), ("letter", Paper::Letter)];

    /// Width and height in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// The Permanent Mission that sends the notes.
#[derive(Debug, Clone)]
pub struct Mission {
    /// Full name, used in the letterhead and the opening formula.
    pub name: Local<String>,
    /// Short name, used in the closing formula.
    pub short_name: Local<String>,
    /// Where the notes are written (the place line).
    pub city: Local<String>,
    /// Name of the State in running text (`the Republic of Examplestan`), if given.
    pub state: Option<Local<String>>,
    /// The State's emblem, shown in the letterhead.
    pub emblem: Option<Image>,
    /// The mission's e-mail address: the sender of its mail drafts.
    pub email: Option<String>,
    /// How the register writes references of notes that say `reference = "auto"`.
    pub reference_pattern: Option<pattern::Pattern>,
    /// The number of `name` when stated; else read from its article.
    pub number: Option<Number>,
    /// The number of `state` when stated; else read from its article.
    pub state_number: Option<Number>,
    /// The postal address lines printed under the letterhead (`address`), if given.
    pub address: Option<Local<Vec<String>>>,
    /// The telephone number printed with the address (`phone`), if given.
    pub phone: Option<String>,
    /// The seal set in the seal space by the place and date.
    pub seal: Option<Image>,
    /// Initials printed in the seal space (`initials`).
    pub initials: Option<String>,
}

impl Mission {
    /// Whether the letterhead carries a contact block: an address or a telephone number is
    /// given (an `email` alone is the mail sender, not printed).
    pub fn has_contact(&self) -> bool {
        self.address.is_some() || self.phone.is_some()
    }
}

/// A raster image read from disk and checked.
#[derive(Debug, Clone)]
pub struct Image {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file's bytes, shared between the notes of a run.
    pub bytes: Arc<Vec<u8>>,
    /// PNG or JPEG.
    pub format: ImageFormat,
    /// Size in pixels.
    pub width_px: u32,
    /// Size in pixels.
    pub height_px: u32,
}

/// Image formats both exporters accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG.
    Jpeg,
}

/// A meeting to which the delegation is announced; one note each.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Short identifier, safe as a file name (`ccm-7msp`).
    pub id: String,
    /// Full title (`Seventh Meeting of States Parties to ...`).
    pub title: Local<String>,
    /// Where the meeting is held.
    pub city: Local<String>,
    /// The note's languages, one note each, in order: the command line's `--lang`, else the
    /// meeting's `languages` or `language`, else the file's. Never empty, no language twice.
    pub languages: Vec<Language>,
    /// What the note does.
    pub kind: NoteKind,
    /// The template's name without the language (`observer`, or a kind a template folder adds).
    pub template: String,
    /// For an amendment, the note it amends.
    pub amends: Option<Amends>,
    /// First day.
    pub start: Date,
    /// Last day, not before `start`.
    pub end: Date,
    /// The note's reference number (`GVA/2017/0815`); empty for `reference = "auto"` until
    /// the register gives it.
    pub reference: String,
    /// `reference = "auto"`: the register gives the reference.
    pub auto_reference: bool,
    /// Where the reference is written, for problems the register finds with it.
    pub reference_span: std::ops::Range<usize>,
    /// The note's date.
    pub date: Date,
    /// The office the note goes to.
    pub recipient: Recipient,
    /// Addresses that get a copy of the note's mail (`mail_cc`), in file order.
    pub mail_cc: Vec<String>,
    /// What the note encloses (`enclosure`), printed after the seal; none when empty.
    pub enclosures: Local<Vec<String>>,
    /// Who gets a copy of the printed note (`cc`), printed after the enclosures.
    pub cc: Local<Vec<String>>,
    /// A letter's subject line (`subject`), once or per language.
    pub subject: Option<Local<String>>,
}

/// The office that receives the note.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// Name, used in the formulae and the addressee block.
    pub name: Local<String>,
    /// Address lines under the name.
    pub address: Local<Vec<String>>,
    /// Where the note is sent by e-mail (not printed).
    pub email: Option<String>,
    /// The number of `name` when stated; else read from its article.
    pub number: Option<Number>,
    /// The grammatical gender of `name` when stated (`gender = "f"`): Arabic notes need it
    /// for the pronoun that refers to the recipient (تبلغه / تبلغها).
    pub gender: Option<Gender>,
}

/// A person on the delegation.
#[derive(Debug, Clone)]
pub struct Member {
    /// Category in the list.
    pub role: Role,
    /// Courtesy title (`H.E. Ms.`), once or per language.
    pub title: Option<Local<String>>,
    /// Full name, exactly as given.
    pub name: String,
    /// Function or rank, once or per language.
    pub function: Option<Local<String>>,
    /// Ministry or institution, once or per language.
    pub institution: Option<Local<String>>,
    /// E-mail address.
    pub email: Option<String>,
    /// Meeting ids this member attends; `None` means all.
    pub meetings: Option<Vec<String>>,
    /// For amendment notes: how this member changes.
    pub change: Option<Change>,
    /// The gender when stated; else read from the title (see `grammar::gender`).
    pub gender: Option<Gender>,
    /// How the member takes part (`attends = "online"`), printed after the entry when given.
    pub attendance: Option<Attendance>,
    /// For a new head (`change = "head"`): whom he or she replaces, once or per language.
    pub replaces: Option<Local<String>>,
}

impl Member {
    /// Whether the member is named in the note for `meeting`.
    pub fn attends(&self, meeting: &Meeting) -> bool {
        self.meetings
            .as_ref()
            .is_none_or(|ids| ids.contains(&meeting.id))
    }
}

/// Categories of the delegation list, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Head of delegation (exactly one).
    Head,
    /// Deputy or alternate head.
    Deputy,
    /// Representative.
    Representative,
    /// Alternate representative.
    Alternate,
    /// Adviser.
    Adviser,
    /// Expert.
    Expert,
    /// Member.
    Member,
}

impl Role {
    /// Every role in list order, with its name in files.
    pub const ALL: [(&'static str, Role); 7] = [
        ("head", Role::Head),
        ("deputy", Role::Deputy),
        ("representative", Role::Representative),
        ("alternate", Role::Alternate),
        ("adviser", Role::Adviser),
        ("expert", Role::Expert),
        ("member", Role::Member),
    ];

    /// The name used in files and templates (`adviser`).
    pub fn key(self) -> &'static str {
        Role::ALL
            .iter()
            .find(|(_, role)| *role == self)
            .map_or("member", |(key, _)| key)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_list_has_its_own_code() {
        for (code, language) in Language::ALL {
            assert_eq!(language.code(), code);
            assert_eq!(language.tag().split('-').next(), Some(code));
        }
        let mut codes: Vec<&str> = Language::ALL.iter().map(|(code, _)| *code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Language::ALL.len());
    }

    /// Roles are grouped in the order of `Role::ALL` but sorted by the enum's order.
    #[test]
    fn roles_are_listed_in_their_order() {
        let roles: Vec<Role> = Role::ALL.iter().map(|(_, role)| *role).collect();
        let mut sorted = roles.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(roles, sorted);
    }

    #[test]
    fn every_name_maps_back_to_its_value() {
        for (key, kind) in NoteKind::ALL {
            assert_eq!(kind.key(), key);
        }
        for (key, role) in Role::ALL {
            assert_eq!(role.key(), key);
        }
        for (key, attendance) in Attendance::ALL {
            assert_eq!(attendance.key(), key);
        }
    }

    /// The command line takes its choices from these lists (`cli::Choice`): it offers exactly
    /// the names a delegation file accepts.
    #[test]
    fn the_command_line_offers_the_same_choices_as_the_file() {
        let command = <crate::cli::Cli as clap::CommandFactory>::command();
        let generate = command.find_subcommand("generate").expect("`generate`");
        let offered = |id: &str| -> Vec<String> {
            let arg = generate.get_arguments().find(|a| a.get_id() == id);
            let arg = arg.unwrap_or_else(|| panic!("no `{id}` option"));
            let values = arg.get_possible_values();
            values.iter().map(|v| v.get_name().to_string()).collect()
        };
        let names = |all: &[&str]| -> Vec<String> { all.iter().map(|n| n.to_string()).collect() };
        assert_eq!(offered("lang"), names(&Language::ALL.map(|(n, _)| n)));
        assert_eq!(offered("paper"), names(&Paper::ALL.map(|(n, _)| n)));
        assert_eq!(offered("pdf_a"), names(&PdfA::ALL.map(|(n, _)| n)));
    }
}

/// What the command line says over every file's own settings. Applied once, where the file
/// is validated, so that the validated [`Delegation`] is the final word on every setting.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Every note's language (`--lang`).
    pub language: Option<Language>,
    /// The paper size (`--paper`).
    pub paper: Option<Paper>,
    /// An archival PDF profile (`--pdf-a`).
    pub pdf_a: Option<PdfA>,
    /// Templates were given for the whole run (`--templates`), so the file's own
    /// `templates` key is not used.
    pub run_templates: bool,
    /// Mail drafts are asked for (`--mail`, `send`), so the mission's and the recipients'
    /// e-mail addresses are required.
    pub mail: bool,
    /// The register of outgoing notes (`--register PATH|URL`), over the file's `register`.
    pub register: Option<String>,
}
