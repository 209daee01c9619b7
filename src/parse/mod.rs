//! Source text -> raw delegation: TOML read with every value's span, unknown keys and wrong types
//! reported together, nothing yet checked for meaning.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::dates::Date;
use crate::diagnostic::{did_you_mean, one_of, Diagnostic, Place};
use crate::input::Source;

mod tables;

pub use tables::{
    RawAmends, RawDelegation, RawMeeting, RawMember, RawMembersFrom, RawMission, RawRecipient,
    RawSignatory,
};

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

/// Every table of a delegation file and the keys it may hold, as the reader checks them: the
/// manual's list of keys (`verbale man`) is made from this.
pub const TABLES: [(&str, &[&str]); 8] = [
    ("", RawDelegation::KEYS),
    ("[mission]", RawMission::KEYS),
    ("[[meeting]]", RawMeeting::KEYS),
    ("[meeting.recipient]", RawRecipient::KEYS),
    ("amends", RawAmends::KEYS),
    ("[[member]]", RawMember::KEYS),
    ("[members]", RawMembersFrom::KEYS),
    ("[signatory]", RawSignatory::KEYS),
];

/// The parsed file and the problems found while reading it.
#[derive(Debug)]
pub struct Parsed {
    /// Everything that could be read.
    pub raw: RawDelegation,
    /// Unknown keys and wrong types.
    pub diagnostics: Vec<Diagnostic>,
    /// Names given in grammatical cases (`ru = { nom = "…", gen = "…" }`), each at the span of
    /// its language's value, which is the span of the nominative in [`RawLocal`].
    pub forms: Vec<RawForms>,
}

/// A name's cases in one language, as written: case key and text, each with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct RawForms {
    /// The span of the table of cases.
    pub span: Range<usize>,
    /// Every case given, in file order.
    pub forms: Vec<(Sp<String>, Sp<String>)>,
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
    let raw = RawDelegation::read(&mut reader, root.get_ref(), 0..source.text.len());
    Ok(Parsed {
        raw,
        diagnostics: reader.diagnostics,
        forms: reader.forms,
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
            place: Place::Span(span),
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
    /// Names given in cases, read by `local_name`.
    forms: Vec<RawForms>,
}

type Entry<'a, 'i> = &'a Spanned<DeValue<'i>>;

impl Reader {
    /// `[members.columns]`: header (with its span) -> field, in file order.
    fn columns(&mut self, t: &DeTable, key: &str) -> Vec<(Sp<String>, Sp<String>)> {
        let mut columns = Vec::new();
        if let Some((table, _)) = self.table(t, key) {
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
        columns
    }

    /// An optional table, read by `read`.
    fn one<T>(
        &mut self,
        t: &DeTable,
        key: &str,
        read: fn(&mut Reader, &DeTable, TableSpan) -> T,
    ) -> Option<T> {
        self.table(t, key).map(|(t, span)| read(self, t, span))
    }

    /// An array of tables, each read by `read`.
    fn many<T>(
        &mut self,
        t: &DeTable,
        key: &str,
        read: fn(&mut Reader, &DeTable, TableSpan) -> T,
    ) -> Vec<T> {
        self.tables(t, key)
            .into_iter()
            .map(|(t, span)| read(self, t, span))
            .collect()
    }

    /// Enclosure and copy lines: one line or a list, or a table of them by language.
    fn lines(&mut self, t: &DeTable, key: &str) -> Field<RawLocal<Vec<Sp<String>>>> {
        self.local(t, key, Self::string_or_strings)
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

    /// A name that templates may put in a case: a string, or a table by language whose values
    /// are strings or tables of cases (`{ ru = { nom = "…", gen = "…" } }`). The nominative
    /// stands for the name in [`RawLocal`]; the cases go to [`Parsed::forms`].
    fn local_name(&mut self, table: &DeTable, key: &str) -> LocalText {
        self.local(table, key, Self::string_or_cases)
    }

    /// A string, or a table of cases of which the nominative (`nom`) is the string.
    fn string_or_cases(&mut self, table: &DeTable, key: &str) -> Field<String> {
        let Some(value) = Self::get(table, key) else {
            return Field::Absent;
        };
        let DeValue::Table(cases) = value.get_ref() else {
            return self.string(table, key);
        };
        let mut forms = Vec::new();
        for (case, _) in cases.iter() {
            let case = case.get_ref().to_string();
            match self.string(cases, &case) {
                Field::Given(text) => forms.push((
                    Sp {
                        span: Self::key_span(cases, &case).unwrap_or_else(|| text.span.clone()),
                        value: case,
                    },
                    text,
                )),
                _ => return Field::Invalid,
            }
        }
        let nominative = forms.iter().find(|(case, _)| case.value == "nom");
        let Some((_, nominative)) = nominative else {
            self.diagnostics.push(
                Diagnostic::at(value.span(), format!("the cases of `{key}` have no nominative"))
                    .label("no `nom` here")
                    .hint(format!("the nominative is the name as written in running text: `{key} = {{ nom = \"…\", gen = \"…\" }}`")),
            );
            return Field::Invalid;
        };
        let nominative = Sp {
            value: nominative.value.clone(),
            span: value.span(),
        };
        self.forms.push(RawForms {
            span: value.span(),
            forms,
        });
        Field::Given(nominative)
    }

    fn key_span(table: &DeTable, key: &str) -> Option<Range<usize>> {
        table
            .keys()
            .find(|k| k.get_ref().as_ref() == key)
            .map(|k| k.span())
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
