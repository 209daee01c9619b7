//! Source text -> raw delegation: TOML read with every value's span, unknown keys and wrong types
//! reported together, nothing yet checked for meaning.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::dates::Date;
use crate::diagnostic::{did_you_mean, one_of, Diagnostic};
use crate::input::Source;

/// A value as the file gave it, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Its byte range in the source.
    pub span: Range<usize>,
}

/// A field of a raw table: absent, present but unusable (already reported), or given.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    /// The key is not in the table.
    Absent,
    /// The key is there but its value was wrong; a diagnostic says why.
    Invalid,
    /// The key and a value of the right type.
    Given(Sp<T>),
}

impl<T> Field<T> {
    /// The value, if one was given.
    pub fn given(&self) -> Option<&Sp<T>> {
        match self {
            Field::Given(value) => Some(value),
            _ => None,
        }
    }
}

/// A TOML table's own span (its header, or the whole inline table).
pub type TableSpan = Range<usize>;

/// A value given once, or as a table by language (`{ en = "...", fr = "..." }`).
#[derive(Debug, Clone, PartialEq)]
pub enum RawLocal<T> {
    /// One value for every language.
    Same(T),
    /// Language code (with its span) and value, in file order.
    PerLanguage(Vec<(Sp<String>, Sp<T>)>),
}

/// A text field that may be given per language.
pub type LocalText = Field<RawLocal<String>>;

/// The delegation file as written.
#[derive(Debug, Clone)]
pub struct RawDelegation {
    /// `language`.
    pub language: Field<String>,
    /// `paper`.
    pub paper: Field<String>,
    /// `pdf_a`: `"1b"` or `"2b"`.
    pub pdf_a: Field<String>,
    /// `templates`: a folder of templates, relative to the file.
    pub templates: Field<String>,
    /// `register`: the register's file (relative to the file) or PostgreSQL URL.
    pub register: Field<String>,
    /// `[mission]`, if present.
    pub mission: Option<RawMission>,
    /// `[[meeting]]` tables.
    pub meetings: Vec<RawMeeting>,
    /// `[[member]]` tables.
    pub members: Vec<RawMember>,
    /// `[members]`: the members are read from a spreadsheet.
    pub members_from: Option<RawMembersFrom>,
    /// `[signatory]`, if present.
    pub signatory: Option<RawSignatory>,
    /// Span of the whole document, for problems with no better place.
    pub span: Range<usize>,
}

/// `[mission]`.
#[derive(Debug, Clone)]
pub struct RawMission {
    pub span: TableSpan,
    pub name: LocalText,
    pub short_name: LocalText,
    pub city: LocalText,
    pub state: LocalText,
    pub emblem: Field<String>,
    pub email: Field<String>,
    pub reference_pattern: Field<String>,
    /// `number`: the grammatical number of `name` where its article does not tell.
    pub number: Field<String>,
    /// `state_number`: the grammatical number of `state`.
    pub state_number: Field<String>,
    /// `address`: the mission's postal address, printed under the letterhead.
    pub address: Field<RawLocal<Vec<Sp<String>>>>,
    /// `phone`: printed with the address.
    pub phone: Field<String>,
    /// `seal`: an image set in the seal space (relative to the file).
    pub seal: Field<String>,
    /// `initials`: printed in the seal space.
    pub initials: Field<String>,
}

/// `[signatory]`.
#[derive(Debug, Clone)]
pub struct RawSignatory {
    pub span: TableSpan,
    pub name: Field<String>,
    pub title: LocalText,
}

/// `amends = { reference = "...", date = ... }`.
#[derive(Debug, Clone)]
pub struct RawAmends {
    pub span: TableSpan,
    pub reference: Field<String>,
    pub date: Field<Date>,
}

/// One `[[meeting]]`.
#[derive(Debug, Clone)]
pub struct RawMeeting {
    pub span: TableSpan,
    pub id: Field<String>,
    pub title: LocalText,
    pub city: LocalText,
    pub language: Field<String>,
    pub languages: Field<Vec<Sp<String>>>,
    pub kind: Field<String>,
    pub amends: Option<RawAmends>,
    pub start: Field<Date>,
    pub end: Field<Date>,
    pub reference: Field<String>,
    pub date: Field<Date>,
    pub recipient: Option<RawRecipient>,
    pub mail_cc: Field<Vec<Sp<String>>>,
    /// `enclosure`: one enclosure, or a list; or a table of them by language.
    pub enclosure: Field<RawLocal<Vec<Sp<String>>>>,
    /// `cc`: the printed copy line; or a table of them by language.
    pub cc: Field<RawLocal<Vec<Sp<String>>>>,
}

/// `[meeting.recipient]`.
#[derive(Debug, Clone)]
pub struct RawRecipient {
    pub span: TableSpan,
    pub name: LocalText,
    pub address: Field<RawLocal<Vec<Sp<String>>>>,
    pub email: Field<String>,
    pub number: Field<String>,
}

/// One `[[member]]`.
#[derive(Debug, Clone)]
pub struct RawMember {
    pub span: TableSpan,
    pub role: Field<String>,
    pub title: LocalText,
    pub name: Field<String>,
    pub function: LocalText,
    pub institution: LocalText,
    pub email: Field<String>,
    pub meetings: Field<Vec<Sp<String>>>,
    pub change: Field<String>,
    pub gender: Field<String>,
    pub attends: Field<String>,
    pub replaces: LocalText,
}

/// `[members]`: where a spreadsheet of members is.
#[derive(Debug, Clone)]
pub struct RawMembersFrom {
    pub span: TableSpan,
    /// `from`: the spreadsheet, relative to the file.
    pub from: Field<String>,
    /// `sheet`: the sheet to read; the first when absent.
    pub sheet: Field<String>,
    /// `[members.columns]`: header (with its span) -> field, in file order.
    pub columns: Vec<(Sp<String>, Sp<String>)>,
}

/// Every key a table may hold; anything else is reported with a suggestion.
const TOP_KEYS: &[&str] = &[
    "language",
    "paper",
    "pdf_a",
    "templates",
    "register",
    "mission",
    "meeting",
    "member",
    "members",
    "signatory",
];
const MEMBERS_KEYS: &[&str] = &["from", "sheet", "columns"];
const MISSION_KEYS: &[&str] = &[
    "name",
    "short_name",
    "city",
    "state",
    "emblem",
    "email",
    "reference_pattern",
    "number",
    "state_number",
    "address",
    "phone",
    "seal",
    "initials",
];
const SIGNATORY_KEYS: &[&str] = &["name", "title"];
const AMENDS_KEYS: &[&str] = &["reference", "date"];
const MEETING_KEYS: &[&str] = &[
    "id",
    "title",
    "city",
    "language",
    "languages",
    "kind",
    "amends",
    "start",
    "end",
    "reference",
    "date",
    "recipient",
    "mail_cc",
    "enclosure",
    "cc",
];
const RECIPIENT_KEYS: &[&str] = &["name", "address", "email", "number"];
const MEMBER_KEYS: &[&str] = &[
    "role",
    "title",
    "name",
    "function",
    "institution",
    "email",
    "meetings",
    "change",
    "gender",
    "attends",
    "replaces",
];

/// Every table of a delegation file and the keys it may hold, as the reader checks them: the
/// manual's list of keys (`verbale man`) is made from this.
pub const TABLES: [(&str, &[&str]); 8] = [
    ("", TOP_KEYS),
    ("[mission]", MISSION_KEYS),
    ("[[meeting]]", MEETING_KEYS),
    ("[meeting.recipient]", RECIPIENT_KEYS),
    ("amends", AMENDS_KEYS),
    ("[[member]]", MEMBER_KEYS),
    ("[members]", MEMBERS_KEYS),
    ("[signatory]", SIGNATORY_KEYS),
];

/// The parsed file and the problems found while reading it.
#[derive(Debug)]
pub struct Parsed {
    /// Everything that could be read.
    pub raw: RawDelegation,
    /// Unknown keys and wrong types.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the TOML. Syntax errors stop here (there is no table to look at); every other
/// problem is collected and the rest of the file is still read.
pub fn parse(source: &Source) -> Result<Parsed, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|error| syntax_error(error, &source.text))
            .collect());
    }
    let mut reader = Reader::default();
    let span = 0..source.text.len();
    let table = root.get_ref();
    reader.check_keys(table, TOP_KEYS, "at the top level");
    let raw = RawDelegation {
        language: reader.string(table, "language"),
        paper: reader.string(table, "paper"),
        pdf_a: reader.string(table, "pdf_a"),
        templates: reader.string(table, "templates"),
        register: reader.string(table, "register"),
        mission: reader
            .table(table, "mission")
            .map(|(t, span)| reader.mission(t, span)),
        meetings: reader
            .tables(table, "meeting")
            .into_iter()
            .map(|(t, span)| reader.meeting(t, span))
            .collect(),
        members: reader
            .tables(table, "member")
            .into_iter()
            .map(|(t, span)| reader.member(t, span))
            .collect(),
        members_from: reader
            .table(table, "members")
            .map(|(t, span)| reader.members_from(t, span)),
        signatory: reader
            .table(table, "signatory")
            .map(|(t, span)| reader.signatory(t, span)),
        span,
    };
    Ok(Parsed {
        raw,
        diagnostics: reader.diagnostics,
    })
}

fn syntax_error(error: &toml::de::Error, text: &str) -> Diagnostic {
    let message = error.message().trim();
    let message = message.lines().next().unwrap_or("invalid TOML");
    let diagnostic = Diagnostic::whole_file(format!("invalid TOML: {message}"));
    // The TOML reader gives no place when dotted keys nest too deep; the key with the most dots
    // is the one to show.
    let span = error.span().or_else(|| {
        message
            .contains("recursion")
            .then(|| deepest_key(text))
            .flatten()
    });
    match span {
        Some(span) => Diagnostic {
            span: Some(span),
            ..diagnostic
        },
        None => diagnostic,
    }
    .hint("see examples/7msp.toml for the expected shape of the file")
}

/// The key (before `=`, or in a `[table]` header) with the most dots, if one has any.
fn deepest_key(text: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    let mut deepest: Option<(usize, std::ops::Range<usize>)> = None;
    for line in text.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or_default();
        let key = key.trim_end();
        let dots = key.matches('.').count();
        let indent = key.len() - key.trim_start().len();
        if dots > 0 && deepest.as_ref().is_none_or(|(most, _)| dots > *most) {
            deepest = Some((dots, start + indent..start + key.len()));
        }
        start += line.len();
    }
    deepest.map(|(_, span)| span)
}

#[derive(Default)]
struct Reader {
    diagnostics: Vec<Diagnostic>,
}

type Entry<'a, 'i> = &'a Spanned<DeValue<'i>>;

impl Reader {
    fn mission(&mut self, t: &DeTable, span: TableSpan) -> RawMission {
        self.check_keys(t, MISSION_KEYS, "in `[mission]`");
        RawMission {
            span,
            name: self.local_string(t, "name"),
            short_name: self.local_string(t, "short_name"),
            city: self.local_string(t, "city"),
            state: self.local_string(t, "state"),
            emblem: self.string(t, "emblem"),
            email: self.string(t, "email"),
            reference_pattern: self.string(t, "reference_pattern"),
            number: self.string(t, "number"),
            state_number: self.string(t, "state_number"),
            address: self.local_strings(t, "address"),
            phone: self.string(t, "phone"),
            seal: self.string(t, "seal"),
            initials: self.string(t, "initials"),
        }
    }

    fn signatory(&mut self, t: &DeTable, span: TableSpan) -> RawSignatory {
        self.check_keys(t, SIGNATORY_KEYS, "in `[signatory]`");
        RawSignatory {
            span,
            name: self.string(t, "name"),
            title: self.local_string(t, "title"),
        }
    }

    fn amends(&mut self, t: &DeTable, span: TableSpan) -> RawAmends {
        self.check_keys(t, AMENDS_KEYS, "in `amends`");
        RawAmends {
            span,
            reference: self.string(t, "reference"),
            date: self.date(t, "date"),
        }
    }

    fn meeting(&mut self, t: &DeTable, span: TableSpan) -> RawMeeting {
        self.check_keys(t, MEETING_KEYS, "in `[[meeting]]`");
        RawMeeting {
            span,
            id: self.string(t, "id"),
            title: self.local_string(t, "title"),
            city: self.local_string(t, "city"),
            language: self.string(t, "language"),
            languages: self.strings(t, "languages"),
            kind: self.string(t, "kind"),
            amends: self
                .table(t, "amends")
                .map(|(t, span)| self.amends(t, span)),
            start: self.date(t, "start"),
            end: self.date(t, "end"),
            reference: self.string(t, "reference"),
            date: self.date(t, "date"),
            recipient: self
                .table(t, "recipient")
                .map(|(t, span)| self.recipient(t, span)),
            mail_cc: self.strings(t, "mail_cc"),
            enclosure: self.local(t, "enclosure", Self::string_or_strings),
            cc: self.local(t, "cc", Self::string_or_strings),
        }
    }

    fn recipient(&mut self, t: &DeTable, span: TableSpan) -> RawRecipient {
        self.check_keys(t, RECIPIENT_KEYS, "in `[meeting.recipient]`");
        RawRecipient {
            span,
            name: self.local_string(t, "name"),
            address: self.local_strings(t, "address"),
            email: self.string(t, "email"),
            number: self.string(t, "number"),
        }
    }

    fn member(&mut self, t: &DeTable, span: TableSpan) -> RawMember {
        self.check_keys(t, MEMBER_KEYS, "in `[[member]]`");
        RawMember {
            span,
            role: self.string(t, "role"),
            title: self.local_string(t, "title"),
            name: self.string(t, "name"),
            function: self.local_string(t, "function"),
            institution: self.local_string(t, "institution"),
            email: self.string(t, "email"),
            meetings: self.strings(t, "meetings"),
            change: self.string(t, "change"),
            gender: self.string(t, "gender"),
            attends: self.string(t, "attends"),
            replaces: self.local_string(t, "replaces"),
        }
    }

    fn members_from(&mut self, t: &DeTable, span: TableSpan) -> RawMembersFrom {
        self.check_keys(t, MEMBERS_KEYS, "in `[members]`");
        let mut columns = Vec::new();
        if let Some((table, _)) = self.table(t, "columns") {
            for key in table.keys() {
                let header = Sp {
                    value: key.get_ref().to_string(),
                    span: key.span(),
                };
                if let Field::Given(field) = self.string(table, &header.value) {
                    columns.push((header, field));
                }
            }
        }
        RawMembersFrom {
            span,
            from: self.string(t, "from"),
            sheet: self.string(t, "sheet"),
            columns,
        }
    }

    fn check_keys(&mut self, table: &DeTable, allowed: &[&str], place: &str) {
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let mut diagnostic =
                Diagnostic::at(key.span(), format!("unknown field `{name}` {place}"))
                    .label("not a field of this table");
            diagnostic = match did_you_mean(name, allowed) {
                Some(close) => diagnostic.hint(format!("did you mean `{close}`?")),
                None => diagnostic.hint(format!("the fields here are {}", one_of(allowed))),
            };
            self.diagnostics.push(diagnostic);
        }
    }

    fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<Entry<'a, 'i>> {
        table.get(key)
    }

    fn wrong_type(&mut self, value: Entry, key: &str, expected: &str, example: &str) {
        let found = value.get_ref().type_str();
        let mut diagnostic = Diagnostic::at(
            value.span(),
            format!("`{key}` must be {expected}, not {}", article(found)),
        )
        .label(format!("this is {}", article(found)));
        if !example.is_empty() {
            diagnostic = diagnostic.hint(format!("write it like this: `{example}`"));
        }
        self.diagnostics.push(diagnostic);
    }

    fn string(&mut self, table: &DeTable, key: &str) -> Field<String> {
        let Some(value) = Self::get(table, key) else {
            return Field::Absent;
        };
        match value.get_ref() {
            DeValue::String(text) => Field::Given(Sp {
                value: text.to_string(),
                span: value.span(),
            }),
            _ => {
                self.wrong_type(value, key, "a string", &format!("{key} = \"...\""));
                Field::Invalid
            }
        }
    }

    /// A string, or a table of strings by language.
    fn local_string(&mut self, table: &DeTable, key: &str) -> LocalText {
        self.local(table, key, Self::string)
    }

    /// An array of strings, or a table of such arrays by language.
    fn local_strings(&mut self, table: &DeTable, key: &str) -> Field<RawLocal<Vec<Sp<String>>>> {
        self.local(table, key, Self::strings)
    }

    /// A value read by `read`, or a table of such values keyed by language code.
    fn local<T>(
        &mut self,
        table: &DeTable,
        key: &str,
        read: fn(&mut Self, &DeTable, &str) -> Field<T>,
    ) -> Field<RawLocal<T>> {
        let entry = Self::get(table, key);
        let Some(DeValue::Table(by_language)) = entry.map(|v| v.get_ref()) else {
            return match read(self, table, key) {
                Field::Given(value) => Field::Given(Sp {
                    span: value.span.clone(),
                    value: RawLocal::Same(value.value),
                }),
                Field::Absent => Field::Absent,
                Field::Invalid => Field::Invalid,
            };
        };
        let mut values = Vec::new();
        for (language, _) in by_language.iter() {
            let code = language.get_ref().to_string();
            match read(self, by_language, &code) {
                Field::Given(value) => values.push((
                    Sp {
                        value: code,
                        span: language.span(),
                    },
                    value,
                )),
                _ => return Field::Invalid,
            }
        }
        Field::Given(Sp {
            value: RawLocal::PerLanguage(values),
            span: entry.map(|v| v.span()).unwrap_or_default(),
        })
    }

    fn strings(&mut self, table: &DeTable, key: &str) -> Field<Vec<Sp<String>>> {
        let Some(value) = Self::get(table, key) else {
            return Field::Absent;
        };
        let example = format!("{key} = [\"...\", \"...\"]");
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, key, "an array of strings", &example);
            return Field::Invalid;
        };
        let mut strings = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => strings.push(Sp {
                    value: text.to_string(),
                    span: item.span(),
                }),
                _ => {
                    self.wrong_type(item, &format!("each item of `{key}`"), "a string", &example);
                    return Field::Invalid;
                }
            }
        }
        Field::Given(Sp {
            value: strings,
            span: value.span(),
        })
    }

    /// One string, or an array of strings: `enclosure = "..."` or `enclosure = ["...", "..."]`.
    fn string_or_strings(&mut self, table: &DeTable, key: &str) -> Field<Vec<Sp<String>>> {
        let Some(value) = Self::get(table, key) else {
            return Field::Absent;
        };
        match value.get_ref() {
            DeValue::String(text) => Field::Given(Sp {
                value: vec![Sp {
                    value: text.to_string(),
                    span: value.span(),
                }],
                span: value.span(),
            }),
            DeValue::Array(_) => self.strings(table, key),
            _ => {
                let example = format!("{key} = \"...\" or {key} = [\"...\", \"...\"]");
                self.wrong_type(value, key, "a string or an array of strings", &example);
                Field::Invalid
            }
        }
    }

    fn date(&mut self, table: &DeTable, key: &str) -> Field<Date> {
        let Some(value) = Self::get(table, key) else {
            return Field::Absent;
        };
        let example = format!("{key} = 2017-09-04");
        match value.get_ref() {
            DeValue::Datetime(datetime) => match (datetime.date, datetime.time) {
                (Some(date), None) => match Date::new(date.year, date.month, date.day) {
                    Some(date) => Field::Given(Sp {
                        value: date,
                        span: value.span(),
                    }),
                    None => {
                        self.diagnostics.push(
                            Diagnostic::at(value.span(), format!("`{key}` is not a real date"))
                                .label("no such day"),
                        );
                        Field::Invalid
                    }
                },
                _ => {
                    self.diagnostics.push(
                        Diagnostic::at(
                            value.span(),
                            format!("`{key}` must be a date without a time"),
                        )
                        .hint(format!("write it like this: `{example}`")),
                    );
                    Field::Invalid
                }
            },
            DeValue::String(text) => {
                let mut diagnostic = Diagnostic::at(
                    value.span(),
                    format!("`{key}` must be a date, not a string"),
                )
                .label("this is a string");
                diagnostic = match Date::parse_iso(text) {
                    Some(_) => diagnostic.hint(format!(
                        "remove the quotes: TOML dates are written bare, `{key} = {text}`"
                    )),
                    None => diagnostic.hint(format!("write it like this: `{example}`")),
                };
                self.diagnostics.push(diagnostic);
                Field::Invalid
            }
            _ => {
                self.wrong_type(value, key, "a date", &example);
                Field::Invalid
            }
        }
    }

    fn table<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        key: &str,
    ) -> Option<(&'a DeTable<'i>, TableSpan)> {
        let value = Self::get(table, key)?;
        match value.get_ref() {
            DeValue::Table(inner) => Some((inner, value.span())),
            _ => {
                self.wrong_type(value, key, "a table", &format!("[{key}]"));
                None
            }
        }
    }

    fn tables<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        key: &str,
    ) -> Vec<(&'a DeTable<'i>, TableSpan)> {
        let Some(value) = Self::get(table, key) else {
            return Vec::new();
        };
        let example = format!("[[{key}]]");
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, key, "an array of tables", &example);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(inner) => tables.push((inner, item.span())),
                _ => self.wrong_type(item, key, "a table", &example),
            }
        }
        tables
    }
}

fn article(type_name: &str) -> String {
    let vowel = type_name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {type_name}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    //! The lists of known keys above and the keys the reader reads are written separately;
    //! these tests fail when one has a key the other lacks.

    use super::*;

    /// A file that gives every key of every table.
    const EVERY_KEY: &str = r#"language = "en"
paper = "a4"
pdf_a = "2b"
templates = "my-templates"
register = "register.sqlite"

[mission]
name = "Permanent Mission of Examplestan"
short_name = { en = "Mission of Examplestan" }
city = "Geneva"
state = "Examplestan"
emblem = "emblem.png"
email = "mission.examplestan@example.org"
reference_pattern = "GVA/{year}/{seq:04}"
number = "singular"
state_number = "singular"
address = ["Rue de Lausanne 1", "CH-1202 Geneva"]
phone = "+41 22 000 00 00"
seal = "seal.png"
initials = "AM"

[[meeting]]
id = "ccm-7msp"
title = "Seventh Meeting"
city = "Geneva"
language = "en"
languages = ["en", "fr"]
kind = "amendment"
amends = { reference = "GVA/2017/0815", date = 2017-08-15 }
start = 2017-09-04
end = 2017-09-06
reference = "GVA/2017/0816"
date = 2017-08-16
mail_cc = ["registration@example.org"]
enclosure = "Credentials"
cc = ["Implementation Support Unit"]

[meeting.recipient]
name = "Office for Disarmament Affairs"
address = ["Palais des Nations"]
email = "ccm@unog.ch"
number = "plural"

[[member]]
role = "head"
title = "H.E. Ms."
name = "Ana Müller"
function = "Ambassador"
institution = "Ministry of Foreign Affairs"
email = "a.muller@example.org"
meetings = ["ccm-7msp"]
change = "head"
gender = "f"
attends = "online speaker"
replaces = { en = "Mr. Jan Novák", fr = "M. Jan Novák" }

[members]
from = "delegation.xlsx"
sheet = "CCM"
columns = { "Nom de famille" = "name" }

[signatory]
name = "Dr. Amara Okafor"
title = "Director"
"#;

    fn given<T>(field: &Field<T>) -> bool {
        field.given().is_some()
    }

    /// Every field of every raw table is named here (the compiler insists), and each must be
    /// read from the file that gives every key, with no key reported unknown.
    #[test]
    fn every_field_is_read_from_a_known_key() {
        let parsed = parse(&Source::in_memory("every.toml", EVERY_KEY)).unwrap();
        assert_eq!(parsed.diagnostics, []);
        let RawDelegation {
            language,
            paper,
            pdf_a,
            templates,
            register,
            mission,
            meetings,
            members,
            members_from,
            signatory,
            span: _,
        } = parsed.raw;
        assert!(given(&language) && given(&paper) && given(&pdf_a) && given(&templates));
        assert!(given(&register));
        let RawMission {
            span: _,
            name,
            short_name,
            city,
            state,
            emblem,
            email,
            reference_pattern,
            number,
            state_number,
            address,
            phone,
            seal,
            initials,
        } = mission.unwrap();
        assert!(given(&number) && given(&state_number));
        assert!(given(&address) && given(&phone) && given(&seal) && given(&initials));
        assert!(
            given(&name) && given(&short_name) && given(&city) && given(&state) && given(&emblem)
        );
        assert!(given(&email));
        assert!(given(&reference_pattern));
        let [RawMeeting {
            span: _,
            id,
            title,
            city,
            language,
            languages,
            kind,
            amends,
            start,
            end,
            reference,
            date,
            recipient,
            mail_cc,
            enclosure,
            cc,
        }] = &meetings[..]
        else {
            panic!("one meeting: {meetings:?}");
        };
        assert!(given(id) && given(title) && given(city) && given(language) && given(kind));
        assert!(given(start) && given(end) && given(reference) && given(date));
        assert!(given(mail_cc) && given(languages) && given(enclosure) && given(cc));
        let RawAmends {
            span: _,
            reference,
            date,
        } = amends.as_ref().unwrap();
        assert!(given(reference) && given(date));
        let RawRecipient {
            span: _,
            name,
            address,
            email,
            number,
        } = recipient.as_ref().unwrap();
        assert!(given(name) && given(address) && given(email) && given(number));
        let [RawMember {
            span: _,
            role,
            title,
            name,
            function,
            institution,
            email,
            meetings,
            change,
            gender,
            attends,
            replaces,
        }] = &members[..]
        else {
            panic!("one member: {members:?}");
        };
        assert!(given(role) && given(title) && given(name) && given(function));
        assert!(given(institution) && given(email) && given(meetings) && given(change));
        assert!(given(gender) && given(attends) && given(replaces));
        let RawSignatory {
            span: _,
            name,
            title,
        } = signatory.unwrap();
        assert!(given(&name) && given(&title));
        let RawMembersFrom {
            span: _,
            from,
            sheet,
            columns,
        } = members_from.unwrap();
        assert!(given(&from) && given(&sheet) && columns.len() == 1);
    }

    /// Every known key is read: a value no field accepts (`true`) is reported as the wrong type.
    #[test]
    fn every_known_key_is_read() {
        let tables: [(&str, &[&str]); 8] = [
            ("[members]\n", MEMBERS_KEYS),
            ("", TOP_KEYS),
            ("[mission]\n", MISSION_KEYS),
            ("[signatory]\n", SIGNATORY_KEYS),
            ("[[meeting]]\n", MEETING_KEYS),
            ("[[meeting]]\n[meeting.recipient]\n", RECIPIENT_KEYS),
            ("[[member]]\n", MEMBER_KEYS),
            ("[[meeting]]\namends = { KEY }\n", AMENDS_KEYS),
        ];
        let mut unread = Vec::new();
        for (table, keys) in tables {
            for key in keys {
                let text = if table.contains("KEY") {
                    table.replace("KEY", &format!("{key} = true"))
                } else {
                    format!("{table}{key} = true\n")
                };
                let parsed = parse(&Source::in_memory("one-key.toml", text.as_str())).unwrap();
                let wrong_type = format!("`{key}` must be");
                if !parsed
                    .diagnostics
                    .iter()
                    .any(|d| d.message.starts_with(&wrong_type))
                {
                    unread.push(text);
                }
            }
        }
        assert!(unread.is_empty(), "keys listed but not read: {unread:#?}");
    }
}
