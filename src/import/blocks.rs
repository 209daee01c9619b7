//! Rows of a sheet -> `[[member]]` TOML blocks, with the cell every value came from. Problems
//! of the sheet itself (unknown or repeated columns, numbers or formula errors where a name
//! belongs, overlong cells, too many rows) are reported at their cells; everything else is
//! left to the parser and validator, which read the blocks as they read a hand-written file.

use std::fmt::Write as _;
use std::ops::Range;

use super::columns::{self, Field, Target};
use super::{Kind, Row, Table, MAX_CELL_CHARS, MAX_ROWS};
use crate::diagnostic::{did_you_mean, one_of, Cell, Column, Diagnostic};
use crate::model::Language;

/// The blocks, where each value came from, and the sheet's own problems.
pub struct Blocks {
    pub text: String,
    pub places: Vec<(Range<usize>, Cell)>,
    pub problems: Vec<Diagnostic>,
    pub members: usize,
}

/// Where the cells of the table are: the spreadsheet and its sheet.
pub struct Origin {
    pub file: std::path::PathBuf,
    pub sheet: Option<String>,
}

impl Origin {
    fn cell(&self, row: usize, column: Option<(usize, &str)>) -> Cell {
        Cell {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: column.map(|(number, header)| Column {
                number,
                header: header.to_string(),
            }),
        }
    }
}

/// One column of the sheet, as the header says.
struct Heading {
    /// Zero-based.
    column: usize,
    header: String,
    target: Option<Target>,
}

/// The heading of a zero-based column, when its header cell holds something.
fn heading(headings: &[Heading], column: usize) -> Option<&Heading> {
    headings
        .binary_search_by_key(&column, |h| h.column)
        .ok()
        .map(|at| &headings[at])
}

/// Writes one block per row below the header.
/// A column without a language tag beside columns of the same field with one (`Function` beside
/// `Function (fr)`) is the text in `plain`, the delegation file's language.
pub fn write(
    table: &Table,
    origin: &Origin,
    configured: &[(String, Target)],
    plain: Language,
) -> Blocks {
    let mut blocks = Blocks {
        text: header_comment(table, origin),
        places: Vec::new(),
        problems: Vec::new(),
        members: 0,
    };
    let target = |header: &str| {
        configured
            .iter()
            .find(|(h, _)| columns::fold(h) == columns::fold(header))
            .map(|(_, t)| *t)
            .or_else(|| columns::recognise(header))
    };
    // The header is the first row that names the `name` column: rows above it (a title, a
    // date) are not members. Without one, the first row is the header.
    let names_name = |row: &Row| {
        row.cells
            .iter()
            .any(|(_, v)| matches!(target(&v.text), Some(Target::Field(Field::Name, _))))
    };
    let Some(header_index) = table
        .rows
        .iter()
        .position(names_name)
        .or((!table.rows.is_empty()).then_some(0))
    else {
        return blocks;
    };
    let header_row = &table.rows[header_index];
    let headings = headings(header_row, origin, &target, plain, &mut blocks.problems);
    if header_index + 1 == table.rows.len() {
        blocks.problems.push(
            Diagnostic::in_cell(
                origin.cell(header_row.number, None),
                "no member below the header row",
            )
            .hint("add one row per member below the header row"),
        );
    }
    for (index, row) in table.rows[header_index + 1..].iter().enumerate() {
        if index == MAX_ROWS {
            blocks.problems.push(
                Diagnostic::in_cell(
                    origin.cell(row.number, None),
                    format!("the sheet has more than {MAX_ROWS} rows of members"),
                )
                .hint("split the delegation into several sheets or files"),
            );
            break;
        }
        member(row, &headings, origin, plain, &mut blocks);
    }
    blocks
}

fn header_comment(table: &Table, origin: &Origin) -> String {
    let name = origin
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut text = format!("# The delegation's members, from {name}");
    if let Some(sheet) = &origin.sheet {
        let _ = write!(text, ", sheet {sheet:?}");
    }
    if let Some(encoding) = table.encoding {
        let _ = write!(text, " (read as {encoding})");
    }
    text.push_str(".\n");
    text
}

/// The columns of the header row; unknown, repeated and unnamed-but-used columns are reported.
fn headings(
    row: &Row,
    origin: &Origin,
    target: &dyn Fn(&str) -> Option<Target>,
    plain: Language,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Heading> {
    let mut headings: Vec<Heading> = Vec::new();
    for (index, value) in &row.cells {
        let index = *index;
        let header = value.text.trim().to_string();
        let place = origin.cell(row.number, Some((index + 1, &header)));
        let found = if header.is_empty() {
            None
        } else {
            target(&header)
        };
        match found {
            None if !header.is_empty() => {
                let known = columns::known_headers();
                let mut diagnostic =
                    Diagnostic::in_cell(place, format!("unknown column `{header}`"));
                if let Some(close) = did_you_mean(&header, &known) {
                    diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
                }
                problems.push(diagnostic.hint(format!(
                    "name it after a member field, or map it in the delegation file: `[members.columns]` `\"{header}\" = \"function\"` (or `\"ignore\"`); the fields are {}",
                    one_of(&columns::configured_choices()[..8])
                )));
            }
            Some(Target::Field(field, language)) => {
                // `Function` and `Function (fr)` are two texts of one field; a language tag on
                // another field tells nothing. A column without a tag is in the file's language.
                let same = |f: Field, l: Option<Language>| {
                    f == field
                        && (!field.per_language()
                            || l.unwrap_or(plain) == language.unwrap_or(plain))
                };
                if let Some(earlier) = headings
                    .iter()
                    .find(|h| matches!(h.target, Some(Target::Field(f, l)) if same(f, l)))
                {
                    problems.push(
                        Diagnostic::in_cell(
                            place,
                            format!("columns `{}` and `{header}` both give the `{}`", earlier.header, field.key()),
                        )
                        .hint("a member's field is one text per language: keep one of the columns, or map the other to `\"ignore\"` in `[members.columns]`"),
                    );
                    headings.push(Heading {
                        column: index,
                        header,
                        target: Some(Target::Ignore),
                    });
                    continue;
                }
            }
            _ => {}
        }
        headings.push(Heading {
            column: index,
            header,
            target: found,
        });
    }
    headings
}

/// One row's block, and the row's own problems.
fn member(row: &Row, headings: &[Heading], origin: &Origin, plain: Language, blocks: &mut Blocks) {
    let start = blocks.text.len();
    let _ = writeln!(blocks.text, "\n[[member]] # row {}", row.number);
    let mut fields: Vec<(Field, Option<Language>, usize)> = Vec::new();
    for (index, value) in &row.cells {
        let index = *index;
        let heading = heading(headings, index);
        let header = heading.map_or("", |h| h.header.as_str());
        let place = origin.cell(row.number, Some((index + 1, header)));
        match heading.and_then(|h| h.target) {
            Some(Target::Field(field, language)) => {
                if value.chars > MAX_CELL_CHARS {
                    blocks.problems.push(
                        Diagnostic::in_cell(
                            place,
                            format!(
                                "the cell holds {} characters; at most {MAX_CELL_CHARS} are read",
                                value.chars
                            ),
                        )
                        .hint("shorten it"),
                    );
                    continue;
                }
                // The value is still written, so that the row raises no second problem
                // (a missing name) for the same cell.
                match (value.kind, field) {
                    (Kind::FormulaError, _) => blocks.problems.push(
                        Diagnostic::in_cell(
                            place,
                            format!("the cell holds the formula error `{}`", value.text.trim()),
                        )
                        .hint("correct the formula, or type the value"),
                    ),
                    (Kind::Number, Field::Name) => blocks.problems.push(
                        Diagnostic::in_cell(
                            place,
                            format!("the name is a number (`{}`)", value.text.trim()),
                        )
                        .hint("type the person's name in this cell"),
                    ),
                    _ => {}
                }
                fields.push((field, language.filter(|_| field.per_language()), index));
            }
            Some(Target::Ignore) => {}
            // An unknown header was reported once, at the header; a column without one is
            // reported at each cell that holds something, since nothing says what it is.
            None if header.is_empty() => blocks.problems.push(
                Diagnostic::in_cell(place, "a column without a header holds a value")
                    .hint("name the column in the header row, or delete the value"),
            ),
            None => {}
        }
    }
    // Fields in the order a hand-written block has them; a field's columns stay in sheet order.
    fields.sort_by_key(|(field, _, _)| Field::ALL.iter().position(|(_, f)| f == field));
    let mut at = 0;
    while at < fields.len() {
        let field = fields[at].0;
        let end = fields[at..]
            .iter()
            .position(|(f, _, _)| *f != field)
            .map_or(fields.len(), |n| at + n);
        let _ = write!(blocks.text, "{} = ", field.key());
        match &fields[at..end] {
            [(_, None, index)] => value(field, row, *index, headings, origin, blocks),
            group => per_language(field, group, row, (headings, origin), plain, blocks),
        }
        blocks.text.push('\n');
        at = end;
    }
    blocks
        .places
        .push((start..blocks.text.len(), origin.cell(row.number, None)));
    blocks.members += 1;
}

/// One cell's value, written where the block stands, with the cell it came from.
fn value(
    field: Field,
    row: &Row,
    index: usize,
    headings: &[Heading],
    origin: &Origin,
    blocks: &mut Blocks,
) {
    let text = row.get(index).map_or("", |v| v.text.trim());
    let value_start = blocks.text.len();
    match field {
        Field::Meetings => {
            let ids: Vec<String> = text
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(quoted)
                .collect();
            let _ = write!(blocks.text, "[{}]", ids.join(", "));
        }
        Field::Role => {
            blocks
                .text
                .push_str(&quoted(columns::role_key(text).unwrap_or(text)));
        }
        // An unknown word is written as it is, and validation reports it at its cell.
        Field::Attends => {
            blocks
                .text
                .push_str(&quoted(columns::attendance_key(text).unwrap_or(text)));
        }
        _ => blocks.text.push_str(&quoted(text)),
    }
    let header = heading(headings, index).map_or("", |h| h.header.as_str());
    blocks.places.push((
        value_start..blocks.text.len(),
        origin.cell(row.number, Some((index + 1, header))),
    ));
}

/// A field given in columns by language (`Function (en)`, `Function (fr)`) as a table by
/// language; a column without a language is the text in `plain` (the file's language), when
/// that language has no column of its own: a note is never in two languages.
fn per_language(
    field: Field,
    group: &[(Field, Option<Language>, usize)],
    row: &Row,
    (headings, origin): (&[Heading], &Origin),
    plain: Language,
    blocks: &mut Blocks,
) {
    let untagged = group.iter().find(|(_, l, _)| l.is_none()).map(|g| g.2);
    let mut first = true;
    blocks.text.push_str("{ ");
    for (code, language) in Language::ALL {
        let own = group.iter().find(|(_, l, _)| *l == Some(language));
        let Some(index) = own.map(|g| g.2).or(untagged.filter(|_| language == plain)) else {
            continue;
        };
        if !first {
            blocks.text.push_str(", ");
        }
        first = false;
        let _ = write!(blocks.text, "{code} = ");
        value(field, row, index, headings, origin, blocks);
    }
    blocks.text.push_str(" }");
}

/// A TOML basic string: every character kept, quotes, backslashes and controls escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
