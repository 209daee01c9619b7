//! A delegation file's text -> the form that edits it, as HTML: the mission, each meeting and
//! the members as a table. Every control is labelled and named by the TOML path it edits
//! (`member[2].function.fr`); a text given by language has a control per language.

use toml_edit::{DocumentMut, Item, Table, Value};

use super::edit::{self, EditError, DATE_KEYS, LIST_KEYS};

/// The mission's fields: key and label.
const MISSION: &[(&str, &str)] = &[
    ("name", "Name"),
    ("short_name", "Short name"),
    ("state", "State"),
    ("city", "City"),
    ("address", "Address (one line each)"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("reference_pattern", "Reference pattern"),
    ("emblem", "Emblem (image file)"),
    ("seal", "Seal (image file)"),
    ("initials", "Initials"),
];

/// A meeting's fields.
const MEETING: &[(&str, &str)] = &[
    ("id", "Id (file names)"),
    ("kind", "Kind of note"),
    ("language", "Language"),
    ("languages", "Languages (one each line)"),
    ("title", "Title"),
    ("city", "City"),
    ("start", "First day"),
    ("end", "Last day"),
    ("reference", "Reference (or auto)"),
    ("date", "Date of the note"),
    ("recipient.name", "Recipient"),
    ("recipient.address", "Recipient's address (one line each)"),
    ("recipient.email", "Recipient's e-mail"),
    ("subject", "Subject"),
    ("enclosure", "Enclosures (one each line)"),
    ("cc", "Copies (one each line)"),
    ("mail_cc", "Mail copies (one each line)"),
];

/// The members table's columns.
pub const MEMBER: &[(&str, &str)] = &[
    ("role", "Role"),
    ("title", "Title"),
    ("name", "Name"),
    ("function", "Function"),
    ("institution", "Institution"),
    ("gender", "Gender"),
    ("attends", "Attendance"),
    ("email", "E-mail"),
];

/// The roles offered (a role the file has that is not one of them is offered too).
const ROLES: &[&str] = &[
    "head",
    "deputy",
    "representative",
    "alternate",
    "adviser",
    "expert",
    "member",
];

/// The form for `text`.
pub fn form(text: &str) -> Result<String, EditError> {
    let document: DocumentMut = edit::parse(text)?;
    let mut html = String::new();
    html.push_str("<fieldset id=\"mission\"><legend>Mission</legend>");
    let mission = document.get("mission").and_then(Item::as_table_like);
    for (key, label) in MISSION {
        let item = mission.and_then(|t| t.get(key));
        field(&mut html, &format!("mission.{key}"), label, item);
    }
    html.push_str("</fieldset>");
    let meetings = document.get("meeting").and_then(Item::as_array_of_tables);
    for (index, meeting) in meetings.into_iter().flat_map(|m| m.iter()).enumerate() {
        let id = meeting.get("id").and_then(Item::as_str).unwrap_or("");
        html.push_str(&format!(
            "<fieldset class=\"meeting\" id=\"meeting-{index}\"><legend>Meeting {} {}</legend>",
            index + 1,
            escape(id)
        ));
        for (key, label) in MEETING {
            let item = lookup(meeting, key);
            field(&mut html, &format!("meeting[{index}].{key}"), label, item);
        }
        html.push_str("</fieldset>");
    }
    members(&mut html, &document);
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
fn members(html: &mut String, document: &DocumentMut) {
    let members = document.get("member").and_then(Item::as_array_of_tables);
    let count = members.map_or(0, |m| m.len());
    html.push_str("<fieldset id=\"delegation\"><legend>Delegation</legend>");
    html.push_str("<p class=\"drop-hint\">Drop a spreadsheet (.xlsx, .ods, .csv) on the table to import members.</p>");
    html.push_str(
        "<table id=\"members\"><caption>Members</caption><thead><tr><th scope=\"col\">#</th>",
    );
    for (_, label) in MEMBER {
        html.push_str(&format!("<th scope=\"col\">{label}</th>"));
    }
    html.push_str("<th scope=\"col\">Order</th></tr></thead><tbody>");
    for (index, member) in members.into_iter().flat_map(|m| m.iter()).enumerate() {
        let number = index + 1;
        html.push_str(&format!(
            "<tr class=\"member\" data-index=\"{index}\"><th scope=\"row\">{number}</th>"
        ));
        for (key, label) in MEMBER {
            html.push_str("<td>");
            let label = format!("Member {number}: {label}");
            let path = format!("member[{index}].{key}");
            if *key == "role" {
                role(html, &path, &label, member.get(key).and_then(Item::as_str));
            } else {
                field(html, &path, &label, member.get(key));
            }
            html.push_str("</td>");
        }
        let button = |class: &str, text: &str, disabled: bool| {
            format!(
                "<button type=\"button\" class=\"{class}\" data-index=\"{index}\" aria-label=\"{text} member {number}\"{}>{}</button>",
                if disabled { " disabled" } else { "" },
                match class {
                    "move-up" => "↑",
                    "move-down" => "↓",
                    _ => "Remove",
                }
            )
        };
        html.push_str("<td class=\"order\">");
        html.push_str(&button("move-up", "Move up", index == 0));
        html.push_str(&button("move-down", "Move down", index + 1 == count));
        html.push_str(&button("remove-member", "Remove", false));
        html.push_str("</td></tr>");
    }
    html.push_str("</tbody></table><button type=\"button\" id=\"add-member\">Add a member</button></fieldset>");
}

/// A labelled control for the item at `path`: one per language for a text by language.
fn field(html: &mut String, path: &str, label: &str, item: Option<&Item>) {
    let key = path.rsplit('.').next().unwrap_or(path);
    if let Some(table) = item.and_then(Item::as_table_like) {
        for (language, value) in table.iter() {
            let path = format!("{path}.{language}");
            let label = format!("{label} ({language})");
            control(html, &path, key, &label, value.as_value());
        }
        return;
    }
    control(html, path, key, label, item.and_then(Item::as_value));
}

/// One labelled control, its problem's place after it.
fn control(html: &mut String, path: &str, key: &str, label: &str, value: Option<&Value>) {
    let id = id(path);
    html.push_str(&format!(
        "<div class=\"field\"><label for=\"f-{id}\">{}</label>",
        escape(label)
    ));
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

/// The role's select, offering the roles there are and the file's own.
fn role(html: &mut String, path: &str, label: &str, value: Option<&str>) {
    let id = id(path);
    html.push_str(&format!(
        "<div class=\"field\"><label for=\"f-{id}\">{}</label><select id=\"f-{id}\" name=\"{}\">",
        escape(label),
        escape(path)
    ));
    let value = value.unwrap_or("");
    let unknown = (!ROLES.contains(&value)).then_some(value);
    for role in unknown.into_iter().chain(ROLES.iter().copied()) {
        let selected = if role == value { " selected" } else { "" };
        html.push_str(&format!(
            "<option value=\"{0}\"{selected}>{0}</option>",
            escape(role)
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
        assert!(html.contains("<label for=\"f-member-0--name\">Member 1: Name</label>"));
        assert!(html.contains("id=\"add-member\""));
    }
}
