//! A delegation file's text -> the form that edits it, as HTML: the mission, each meeting and
//! the members as a table. Every control is labelled and named by the TOML path it edits
//! (`member[2].function.fr`); a text given by language has a control per language.

use toml_edit::{DocumentMut, Item, Table, Value};

use super::edit::{self, EditError, DATE_KEYS, LIST_KEYS};
use crate::model::{Attendance, Gender, Language, Paper, Role};

/// The mission's fields, in the form's order. Each label is `field.<key>` in the strings.
const MISSION: &[&str] = &[
    "name",
    "short_name",
    "state",
    "city",
    "address",
    "phone",
    "email",
    "reference_pattern",
    "emblem",
    "seal",
    "initials",
];

/// A meeting's fields.
const MEETING: &[&str] = &[
    "id",
    "kind",
    "language",
    "languages",
    "title",
    "city",
    "start",
    "end",
    "reference",
    "date",
    "recipient.name",
    "recipient.address",
    "recipient.email",
    "recipient.gender",
    "subject",
    "enclosure",
    "cc",
    "mail_cc",
];

/// The members table's columns.
const MEMBER: &[&str] = &[
    "role",
    "title",
    "name",
    "function",
    "institution",
    "gender",
    "attends",
    "email",
];

/// What the form offers beyond the file: the kinds of note the templates have, and the
/// languages of the file's notes (a text may be written in each when there are several).
struct Context<'a> {
    kinds: &'a [String],
    languages: Vec<String>,
}

/// The form for `text`; `kinds` are the kinds of note the templates offer.
pub fn form(text: &str, kinds: &[String]) -> Result<String, EditError> {
    let document: DocumentMut = edit::parse(text)?;
    let context = &Context {
        kinds,
        languages: edit::languages(&document),
    };
    let mut html = String::new();
    html.push_str(&format!(
        "<fieldset id=\"settings\"><legend data-i18n=\"settings\">{}</legend>",
        words("settings", &Args::default())
    ));
    for key in ["language", "paper"] {
        field(&mut html, key, None, document.get(key), context);
    }
    html.push_str("</fieldset>");
    html.push_str(&format!(
        "<fieldset id=\"mission\"><legend data-i18n=\"mission\">{}</legend>",
        words("mission", &Args::default())
    ));
    let mission = document.get("mission").and_then(Item::as_table_like);
    for key in MISSION {
        let item = mission.and_then(|t| t.get(key));
        field(&mut html, &format!("mission.{key}"), None, item, context);
        if matches!(*key, "emblem" | "seal") {
            // Chosen here, the picture is written beside the file and the field names it.
            html.push_str(&format!(
                "<div class=\"field\"><label for=\"upload-{key}\" data-i18n=\"upload.{key}\">{}</label><input type=\"file\" class=\"picture-upload\" id=\"upload-{key}\" data-path=\"mission.{key}\" accept=\".png,.jpg,.jpeg,image/png,image/jpeg\"></div>",
                words(&format!("upload.{key}"), &Args::default())
            ));
        }
    }
    html.push_str("</fieldset>");
    let meetings = document.get("meeting").and_then(Item::as_array_of_tables);
    for (index, meeting) in meetings.into_iter().flat_map(|m| m.iter()).enumerate() {
        let id = meeting.get("id").and_then(Item::as_str).unwrap_or("");
        let number = Args {
            n: Some(index + 1),
            ..Args::default()
        };
        html.push_str(&format!(
            "<fieldset class=\"meeting\" id=\"meeting-{index}\"><legend><span data-i18n=\"meeting\" data-n=\"{}\">{}</span> <span>{}</span></legend>",
            index + 1,
            words("meeting", &number),
            escape(id)
        ));
        for key in MEETING {
            let item = lookup(meeting, key);
            field(
                &mut html,
                &format!("meeting[{index}].{key}"),
                None,
                item,
                context,
            );
        }
        html.push_str("</fieldset>");
    }
    members(&mut html, &document, context);
    Ok(html)
}

/// The item at a dotted key below a table (`recipient.name`).
fn lookup<'a>(table: &'a Table, key: &str) -> Option<&'a Item> {
    let mut parts = key.split('.');
    let mut item = table.get(parts.next()?)?;
    for part in parts {
        item = item.as_table_like()?.get(part)?;
    }
    Some(item)
}

/// The members table, with its add, remove and move buttons.
fn members(html: &mut String, document: &DocumentMut, context: &Context) {
    let members = document.get("member").and_then(Item::as_array_of_tables);
    let count = members.map_or(0, |m| m.len());
    let none = Args::default();
    html.push_str(&format!(
        "<fieldset id=\"delegation\"><legend data-i18n=\"delegation\">{}</legend><p class=\"drop-hint\" id=\"drop-hint\" data-i18n=\"dropHint\">{}</p>",
        words("delegation", &none),
        words("dropHint", &none)
    ));
    html.push_str(&format!(
        "<table id=\"members\" aria-describedby=\"drop-hint\"><caption data-i18n=\"members\">{}</caption><thead><tr><th scope=\"col\">#</th>",
        words("members", &none)
    ));
    for key in MEMBER {
        html.push_str(&format!(
            "<th scope=\"col\" data-i18n=\"field.{key}\">{}</th>",
            words(&format!("field.{key}"), &none)
        ));
    }
    html.push_str(&format!(
        "<th scope=\"col\" data-i18n=\"order\">{}</th></tr></thead><tbody>",
        words("order", &none)
    ));
    for (index, member) in members.into_iter().flat_map(|m| m.iter()).enumerate() {
        html.push_str(&format!(
            "<tr class=\"member\" data-index=\"{index}\"><th scope=\"row\">{}</th>",
            index + 1
        ));
        for key in MEMBER {
            html.push_str("<td>");
            let path = format!("member[{index}].{key}");
            field(html, &path, Some(index), member.get(key), context);
            html.push_str("</td>");
        }
        html.push_str("<td class=\"order\">");
        html.push_str(&button("move-up", "moveUp", "↑", index, index == 0));
        html.push_str(&button(
            "move-down",
            "moveDown",
            "↓",
            index,
            index + 1 == count,
        ));
        html.push_str(&button("remove-member", "removeMember", "×", index, false));
        html.push_str("</td></tr>");
    }
    html.push_str(&format!(
        "</tbody></table><button type=\"button\" id=\"add-member\" data-i18n=\"addMember\">{}</button>",
        words("addMember", &none)
    ));
    html.push_str(&format!(
        "<div class=\"field\"><label for=\"import-sheet\" data-i18n=\"importSheet\">{}</label><input type=\"file\" id=\"import-sheet\" accept=\".xlsx,.xlsm,.ods,.csv\"></div></fieldset>",
        words("importSheet", &none)
    ));
}

/// A button of a member's row, named for screen readers (`Move member 2 up`).
fn button(class: &str, key: &str, sign: &str, index: usize, disabled: bool) -> String {
    let args = Args {
        n: Some(index + 1),
        ..Args::default()
    };
    format!(
        "<button type=\"button\" class=\"{class}\" data-index=\"{index}\" data-i18n-label=\"{key}\" data-n=\"{}\" aria-label=\"{}\"{}>{sign}</button>",
        index + 1,
        words(key, &args),
        if disabled { " disabled" } else { "" },
    )
}

/// A labelled control for the item at `path`: one per language for a text by language.
/// `member` is the member's index for a cell of the members table.
fn field(
    html: &mut String,
    path: &str,
    member: Option<usize>,
    item: Option<&Item>,
    context: &Context,
) {
    let key = path
        .split_once("].")
        .map_or_else(|| path.split_once('.').map_or(path, |(_, k)| k), |(_, k)| k);
    let args = Args {
        member: member.map(|m| m + 1),
        ..Args::default()
    };
    if let Some(table) = item.and_then(Item::as_table_like) {
        for (language, value) in table.iter() {
            let path = format!("{path}.{language}");
            let args = Args {
                language: Some(language),
                ..args
            };
            control(html, &path, key, &args, value.as_value());
        }
        return;
    }
    let value = item.and_then(Item::as_value);
    match choices(key, context.kinds) {
        Some(options) if value.is_none_or(Value::is_str) => {
            choice(
                html,
                path,
                key,
                &args,
                value.and_then(Value::as_str),
                &options,
            );
        }
        _ => control(html, path, key, &args, value),
    }
    if context.languages.len() > 1 && value.is_some_and(Value::is_str) && by_language(path) {
        html.push_str(&format!(
            "<button type=\"button\" class=\"by-language\" data-path=\"{}\" data-i18n=\"byLanguage\" aria-describedby=\"l-{}\">{}</button>",
            escape(path),
            id(path),
            words("byLanguage", &Args::default())
        ));
    }
}

/// Whether the field at `path` may be a text by language (`{ en = "…", fr = "…" }`).
fn by_language(path: &str) -> bool {
    let (table, key) = match path.split_once("].") {
        Some((table, key)) => (table.split('[').next().unwrap_or(table), key),
        None => path.split_once('.').unwrap_or(("", path)),
    };
    let keys: &[&str] = match table {
        "mission" => &["name", "short_name", "city", "state"],
        "meeting" => &["title", "city", "subject", "recipient.name"],
        "member" => &["title", "function", "institution"],
        _ => &[],
    };
    keys.contains(&key)
}

/// The words of a label, its data for translation, and its text in English.
#[derive(Default, Clone, Copy)]
struct Args<'a> {
    /// A meeting's or member's number, in the words (`Meeting {n}`).
    n: Option<usize>,
    /// The member whose cell it is: `Member 3: Name`.
    member: Option<usize>,
    /// The language of a text by language: `Name (fr)`.
    language: Option<&'a str>,
}

/// The English words of a string key, with its arguments (the page translates them).
fn words(key: &str, args: &Args) -> String {
    let mut text = super::assets::english(key).to_string();
    if let Some(n) = args.n {
        text = text.replace("{n}", &n.to_string());
    }
    if let Some(member) = args.member {
        let member = super::assets::english("memberN").replace("{n}", &member.to_string());
        text = format!("{member}: {text}");
    }
    if let Some(language) = args.language {
        text = format!("{text} ({language})");
    }
    escape(&text)
}

/// `<label>` for the control `id`, with what the page needs to translate it.
fn label(id: &str, key: &str, args: &Args) -> String {
    let mut data = format!("data-i18n=\"field.{key}\"");
    if let Some(member) = args.member {
        data.push_str(&format!(" data-member=\"{member}\""));
    }
    if let Some(language) = args.language {
        data.push_str(&format!(" data-lang=\"{}\"", escape(language)));
    }
    format!(
        "<label for=\"f-{id}\" id=\"l-{id}\" {data}>{}</label>",
        words(&format!("field.{key}"), args)
    )
}

/// One labelled control, its problem's place after it.
fn control(html: &mut String, path: &str, key: &str, args: &Args, value: Option<&Value>) {
    let id = id(path);
    html.push_str(&format!("<div class=\"field\">{}", label(&id, key, args)));
    let key = key.rsplit('.').next().unwrap_or(key);
    let list = value.map_or(LIST_KEYS.contains(&key), Value::is_array);
    let text = value.map(display).unwrap_or_default();
    if list {
        html.push_str(&format!(
            "<textarea id=\"f-{id}\" name=\"{}\" rows=\"2\">{}</textarea>",
            escape(path),
            escape(&text)
        ));
    } else {
        let kind = if DATE_KEYS.contains(&key)
            && (text.is_empty() || value.is_some_and(Value::is_datetime))
        {
            "date"
        } else if key == "email" {
            "email"
        } else {
            "text"
        };
        html.push_str(&format!(
            "<input id=\"f-{id}\" type=\"{kind}\" name=\"{}\" value=\"{}\">",
            escape(path),
            escape(&text)
        ));
    }
    html.push_str(&format!(
        "<span class=\"field-problem\" id=\"problem-{id}\" hidden></span></div>"
    ));
}

/// The values a key offers as a select, from the model's own lists; an empty first choice
/// (the key left out) where the key may be.
fn choices(key: &str, kinds: &[String]) -> Option<Vec<String>> {
    fn names<T>(all: &[(&'static str, T)]) -> Vec<String> {
        all.iter().map(|(name, _)| name.to_string()).collect()
    }
    let optional = |names: Vec<String>| Some(std::iter::once(String::new()).chain(names).collect());
    match key {
        "role" => Some(names(&Role::ALL)),
        // A member's, or the recipient's (which a note in Arabic needs).
        "gender" | "recipient.gender" => optional(names(&Gender::ALL)),
        "attends" => optional(names(&Attendance::ALL)),
        "language" => optional(names(&Language::ALL)),
        "paper" => optional(names(&Paper::ALL)),
        "kind" => optional(kinds.to_vec()),
        _ => None,
    }
}

/// A labelled select of `options`; a value the file has that is not one of them is offered
/// too, so nothing typed is lost.
fn choice(
    html: &mut String,
    path: &str,
    key: &str,
    args: &Args,
    value: Option<&str>,
    options: &[String],
) {
    let id = id(path);
    html.push_str(&format!(
        "<div class=\"field\">{}<select id=\"f-{id}\" name=\"{}\">",
        label(&id, key, args),
        escape(path)
    ));
    let value = value.unwrap_or("");
    let unknown = (!options.iter().any(|o| o == value)).then_some(value);
    for option in unknown
        .into_iter()
        .chain(options.iter().map(String::as_str))
    {
        let selected = if option == value { " selected" } else { "" };
        html.push_str(&format!(
            "<option value=\"{0}\"{selected}>{0}</option>",
            escape(option)
        ));
    }
    html.push_str(&format!(
        "</select><span class=\"field-problem\" id=\"problem-{id}\" hidden></span></div>"
    ));
}

/// A value as the form shows it: a list one item a line, a date as `2017-09-04`.
fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.value().clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.clone().decorated("", "").to_string(),
    }
}

/// The part of element ids made from a path: `member[2].name` -> `member-2--name`.
pub fn id(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Text safe in HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_control_is_named_by_its_path_and_labelled() {
        let html = form(
            "[mission]\nname = { en = \"A<\", fr = \"B\" }\n[[meeting]]\nstart = 2017-09-04\n[[member]]\nrole = \"head\"\nname = \"X\"\n",
            &[],
        )
        .unwrap();
        assert!(
            html.contains("name=\"mission.name.en\" value=\"A&lt;\""),
            "{html}"
        );
        assert!(html.contains("name=\"mission.name.fr\""));
        assert!(
            html.contains("type=\"date\" name=\"meeting[0].start\" value=\"2017-09-04\""),
            "{html}"
        );
        assert!(
            html.contains("<label for=\"f-member-0--name\" id=\"l-member-0--name\" data-i18n=\"field.name\" data-member=\"1\">Member 1: Name</label>"),
            "{html}"
        );
        assert!(
            html.contains("data-lang=\"fr\">Name (fr)</label>"),
            "{html}"
        );
        assert!(html.contains("id=\"add-member\""));
    }
}
