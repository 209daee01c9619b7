//! A delegation file's text and an edit of the form (a value at a TOML path, a member added,
//! removed or moved) -> the new text, through `toml_edit`, so that the user's comments, order
//! and layout elsewhere are kept; and a byte offset of a problem -> the path of the field it
//! is in, so the page can show the problem beside its control.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// Keys whose value is a list of lines (a text area in the form, one line each).
pub const LIST_KEYS: &[&str] = &[
    "address",
    "languages",
    "mail_cc",
    "enclosure",
    "cc",
    "meetings",
];

/// Keys whose value is a date (a date field in the form).
pub const DATE_KEYS: &[&str] = &["start", "end", "date"];

/// Why an edit could not be made.
#[derive(Debug)]
pub enum EditError {
    /// The text is not TOML, so the form cannot change it (the file tab still can).
    NotToml(String),
    /// The path names nothing the form edits.
    BadPath(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotToml(reason) => write!(
                f,
                "the file is not valid TOML, so the form cannot change it; fix it in the file tab: {reason}"
            ),
            EditError::BadPath(path) => write!(f, "`{path}` is not a field of the form"),
        }
    }
}

/// One step of a path: a key, or a key and an index (`member[2]`).
#[derive(Debug, PartialEq)]
struct Step<'a> {
    key: &'a str,
    index: Option<usize>,
}

fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((key, rest)) => Some(Step {
                key,
                index: Some(rest.strip_suffix(']')?.parse().ok()?),
            }),
            None => (!part.is_empty()).then_some(Step {
                key: part,
                index: None,
            }),
        })
        .collect()
}

/// Parses the text for editing.
pub fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>()
        .map_err(|error| EditError::NotToml(error.message().to_string()))
}

/// Sets the field at `path` to `value`, as the form gives it: an empty value removes the
/// key, a list key takes one line per item, a date key a date (kept as text if it is not one,
/// so the validator says what is wrong and nothing typed is lost).
pub fn set(text: &str, path: &str, value: &str) -> Result<String, EditError> {
    let mut document = parse(text)?;
    place(&mut document, path, |key, old| {
        (!value.trim().is_empty()).then(|| typed(key, value, old))
    })?;
    Ok(document.to_string())
}

/// Puts at `path` the value `make` gives from the key and the old value (none: the key is
/// removed), keeping the comment after the old value.
fn place(
    document: &mut DocumentMut,
    path: &str,
    make: impl FnOnce(&str, Option<&Value>) -> Option<Value>,
) -> Result<(), EditError> {
    let bad = || EditError::BadPath(path.to_string());
    let steps = steps(path).ok_or_else(bad)?;
    let (last, parents) = steps.split_last().ok_or_else(bad)?;
    if last.index.is_some() {
        return Err(bad());
    }
    let mut table: &mut dyn toml_edit::TableLike = document.as_table_mut();
    for step in parents {
        let item = table.entry(step.key).or_insert(match step.index {
            Some(_) => Item::None,
            None => Item::Value(Value::InlineTable(Default::default())),
        });
        // A text becoming a text by language: the text's place takes the table.
        if step.index.is_none() && item.is_str() {
            let decor = item.as_value().map(|v| v.decor().clone());
            let mut inline = Value::InlineTable(Default::default());
            if let Some(decor) = decor {
                *inline.decor_mut() = decor;
            }
            *item = Item::Value(inline);
        }
        let item = match step.index {
            Some(index) => item
                .as_array_of_tables_mut()
                .and_then(|tables| tables.get_mut(index))
                .map(|t| t as &mut dyn toml_edit::TableLike),
            None => item.as_table_like_mut(),
        };
        table = item.ok_or_else(bad)?;
    }
    let old = table.get(last.key).and_then(Item::as_value);
    match make(last.key, old) {
        None => {
            table.remove(last.key);
        }
        Some(mut new) => {
            if let Some(old) = old {
                // The comment after the value stays with it.
                *new.decor_mut() = old.decor().clone();
            }
            table.insert(last.key, Item::Value(new));
        }
    }
    Ok(())
}

/// The TOML value the form's text stands for at `key`.
fn typed(key: &str, value: &str, old: Option<&Value>) -> Value {
    let list = old.map_or(LIST_KEYS.contains(&key), Value::is_array);
    if list {
        let items: Array = value
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        return Value::Array(items);
    }
    if DATE_KEYS.contains(&key) {
        if let Ok(date) = value.trim().parse::<toml_edit::Datetime>() {
            return Value::from(date);
        }
    }
    Value::from(value)
}

/// Adds a member at the end of the delegation, with the fields every member needs, empty.
pub fn add_member(text: &str) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let last = members(&mut document)
        .iter()
        .filter_map(Table::position)
        .max();
    let mut table = Table::new();
    table.insert("role", toml_edit::value("member"));
    table.insert("title", toml_edit::value(""));
    table.insert("name", toml_edit::value(""));
    table.set_position(last.map(|p| p + 1));
    members(&mut document).push(table);
    Ok(document.to_string())
}

/// The languages the file's notes are written in, in order of appearance: the file's
/// `language`, then each meeting's `language` and `languages`.
pub fn languages(document: &DocumentMut) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut add = |value: Option<&str>| {
        if let Some(code) = value.filter(|c| !c.is_empty()) {
            if !found.iter().any(|f| f == code) {
                found.push(code.to_string());
            }
        }
    };
    add(document.get("language").and_then(Item::as_str));
    let meetings = document.get("meeting").and_then(Item::as_array_of_tables);
    for meeting in meetings.into_iter().flat_map(|m| m.iter()) {
        add(meeting.get("language").and_then(Item::as_str));
        let list = meeting.get("languages").and_then(Item::as_array);
        for code in list.into_iter().flat_map(|a| a.iter()) {
            add(code.as_str());
        }
    }
    found
}

/// Turns the text at `path` into a text by language (`{ en = "…", fr = "…" }`), each of the
/// file's languages starting from the text as it was.
pub fn by_language(text: &str, path: &str) -> Result<String, EditError> {
    let document = parse(text)?;
    let languages = languages(&document);
    let bad = || EditError::BadPath(path.to_string());
    let mut current = String::new();
    let mut table: Option<&dyn toml_edit::TableLike> = Some(document.as_table());
    let steps = steps(path).ok_or_else(bad)?;
    for (at, step) in steps.iter().enumerate() {
        let item = table.and_then(|t| t.get(step.key)).ok_or_else(bad)?;
        let item = match step.index {
            Some(index) => item
                .as_array_of_tables()
                .and_then(|t| t.get(index))
                .map(|t| t as &dyn toml_edit::TableLike),
            None if at + 1 == steps.len() => {
                current = item.as_str().ok_or_else(bad)?.to_string();
                None
            }
            None => item.as_table_like(),
        };
        table = item;
    }
    let mut document = document;
    for language in &languages {
        let value = Value::from(current.as_str());
        place(&mut document, &format!("{path}.{language}"), |_, _| {
            Some(value)
        })?;
    }
    Ok(document.to_string())
}

/// Adds the members of `tables` (`[[member]]` tables, as `verbale import` writes them) after
/// the file's own.
pub fn append_members(text: &str, tables: &str) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let mut imported = parse(tables)?;
    let last = members(&mut document)
        .iter()
        .filter_map(Table::position)
        .max()
        .unwrap_or(0);
    let new = std::mem::take(members(&mut imported));
    for (offset, mut table) in new.into_iter().enumerate() {
        table.set_position(Some(last + 1 + offset as isize));
        members(&mut document).push(table);
    }
    Ok(document.to_string())
}

/// Removes the member at `index`.
pub fn remove_member(text: &str, index: usize) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let members = members(&mut document);
    if index >= members.len() {
        return Err(EditError::BadPath(format!("member[{index}]")));
    }
    members.remove(index);
    Ok(document.to_string())
}

/// Moves the member at `from` to `to`, the others keeping their order.
pub fn move_member(text: &str, from: usize, to: usize) -> Result<String, EditError> {
    let mut document = parse(text)?;
    let members = members(&mut document);
    if from >= members.len() || to >= members.len() {
        return Err(EditError::BadPath(format!("member[{from}]")));
    }
    // Tables print in the order of their positions in the file: the members keep the
    // places they had, and the tables change place among them.
    let positions: Vec<Option<isize>> = members.iter().map(Table::position).collect();
    let table = members.remove(from);
    members.insert(to, table);
    for (table, position) in members.iter_mut().zip(positions) {
        table.set_position(position);
    }
    Ok(document.to_string())
}

/// The `[[member]]` tables (made if there are none).
fn members(document: &mut DocumentMut) -> &mut ArrayOfTables {
    let item = document
        .entry("member")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    if !item.is_array_of_tables() {
        *item = Item::ArrayOfTables(ArrayOfTables::new());
    }
    item.as_array_of_tables_mut()
        .expect("made an array of tables just above")
}

/// The path of the field whose key or value holds byte `offset` (`member[2].function.fr`),
/// or of the `[[member]]` table whose header does.
pub fn field_at(text: &str, offset: usize) -> Option<String> {
    let document = toml_edit::Document::parse(text).ok()?;
    in_table(document.as_table(), offset, "", text)
}

fn in_table(
    table: &dyn toml_edit::TableLike,
    offset: usize,
    prefix: &str,
    text: &str,
) -> Option<String> {
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        }
    };
    for (key, item) in table.iter() {
        let path = join(key);
        match item {
            Item::Value(value) => {
                if let Some(inner) = value.as_inline_table() {
                    if let Some(found) = in_table(inner, offset, &path, text) {
                        return Some(found);
                    }
                }
                let key_span = table.key(key).and_then(|k| k.span());
                if [key_span, value.span()]
                    .into_iter()
                    .flatten()
                    .any(|s| holds(&s, offset))
                {
                    return Some(path);
                }
            }
            Item::Table(inner) => {
                if let Some(found) = in_table(inner, offset, &path, text) {
                    return Some(found);
                }
                // A place on the table's header line (`[meeting.recipient]`) is the table.
                let key = table.key(key).and_then(|k| k.span());
                let on_header = key.is_some_and(|key| {
                    offset <= key.start && !text[offset..key.start].contains('\n')
                });
                if on_header {
                    return Some(path);
                }
            }
            Item::ArrayOfTables(tables) => {
                if let Some(found) = in_tables(tables, offset, &path, text) {
                    return Some(found);
                }
            }
            Item::None => {}
        }
    }
    None
}

/// In one of the tables of an array of tables; a place on a table's header (before its first
/// key, after the previous table's last) is the table itself.
fn in_tables(tables: &ArrayOfTables, offset: usize, path: &str, text: &str) -> Option<String> {
    let mut previous_end = 0;
    for (index, table) in tables.iter().enumerate() {
        let path = format!("{path}[{index}]");
        if let Some(found) = in_table(table, offset, &path, text) {
            return Some(found);
        }
        let spans: Vec<_> = table
            .iter()
            .filter_map(|(key, _)| table.key(key).and_then(|k| k.span()))
            .collect();
        let first = spans.iter().map(|s| s.start).min();
        if first.is_some_and(|first| offset < first && offset >= previous_end) {
            return Some(path);
        }
        previous_end = spans.iter().map(|s| s.end).max().unwrap_or(previous_end);
    }
    None
}

fn holds(span: &std::ops::Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# top\nlanguage = \"en\"\n\n[mission]\nname = \"A\"   # kept\n\n[[member]]\nrole = \"head\" # the head\nname = \"X\"\n\n[[member]]\nrole = \"adviser\"\nname = \"Y\"\nfunction = { en = \"F\", fr = \"G\" }\n";

    #[test]
    fn a_value_set_keeps_the_comments_and_the_rest() {
        let text = set(FILE, "member[1].name", "Zoë").unwrap();
        assert_eq!(text, FILE.replace("name = \"Y\"", "name = \"Zoë\""));
        let text = set(FILE, "mission.name", "B").unwrap();
        assert!(text.contains("name = \"B\"   # kept"), "{text}");
        let text = set(FILE, "member[1].function.fr", "H").unwrap();
        assert!(text.contains("{ en = \"F\", fr = \"H\" }"), "{text}");
    }

    #[test]
    fn members_are_added_removed_and_moved() {
        let moved = move_member(FILE, 1, 0).unwrap();
        let y = moved.find("name = \"Y\"").unwrap();
        let x = moved.find("name = \"X\"").unwrap();
        assert!(
            y < x && moved.contains("role = \"head\" # the head"),
            "{moved}"
        );
        let added = add_member(FILE).unwrap();
        assert!(added.trim_end().ends_with("name = \"\""), "{added}");
        let appended = append_members(FILE, "# from a sheet\n[[member]]\nname = \"Z\"\n").unwrap();
        assert!(
            appended.ends_with("[[member]]\nname = \"Z\"\n"),
            "{appended}"
        );
        assert!(appended.starts_with(FILE), "{appended}");
        let removed = remove_member(FILE, 0).unwrap();
        assert!(!removed.contains("\"X\""), "{removed}");
    }

    #[test]
    fn a_text_becomes_a_text_by_language() {
        let file = "language = \"en\"\n[[meeting]]\nlanguages = [\"en\", \"fr\"]\n[[member]]\nfunction = \"Adviser\" # kept\n";
        let text = by_language(file, "member[0].function").unwrap();
        assert!(
            text.contains("function = { en = \"Adviser\", fr = \"Adviser\" } # kept"),
            "{text}"
        );
    }

    #[test]
    fn a_place_is_named_by_its_field() {
        let at = |needle: &str| field_at(FILE, FILE.find(needle).unwrap());
        assert_eq!(at("\"Y\"").as_deref(), Some("member[1].name"));
        assert_eq!(at("\"G\"").as_deref(), Some("member[1].function.fr"));
        assert_eq!(at("\"A\"").as_deref(), Some("mission.name"));
        assert_eq!(at("[[member]]\nrole = \"adv").as_deref(), Some("member[1]"));
        assert_eq!(at("[mission]").as_deref(), Some("mission"));
        let nested = "[[meeting]]\nid = \"a\"\n\n[meeting.recipient]\nname = \"R\"\n";
        let at = |needle: &str| field_at(nested, nested.find(needle).unwrap());
        assert_eq!(
            at("[meeting.recipient]").as_deref(),
            Some("meeting[0].recipient")
        );
    }
}
