//! `.ods` bytes -> the rows of one sheet, each cell as the user sees it. `content.xml` is
//! inflated within the limits ([`archive`]) and read here one cell at a time: repeated rows and
//! cells (`number-rows-repeated`) and runs of spaces (`text:s`) count against the limits as
//! they are met, instead of being laid out first as a whole grid.

use std::fmt;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::sheet::number;
use super::{archive, Cells, Kind, SheetError, Table, Value};

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Why a file named `.ods` is not an OpenDocument spreadsheet.
#[derive(Debug)]
struct NotSpreadsheet(&'static str);

impl fmt::Display for NotSpreadsheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it is not an OpenDocument spreadsheet ({})", self.0)
    }
}

impl std::error::Error for NotSpreadsheet {}

fn damaged(error: quick_xml::Error) -> SheetError {
    SheetError::Damaged(Box::new(error))
}

/// Reads the named sheet, or the first one.
pub fn read(bytes: &[u8], wanted: Option<&str>) -> Result<Table, SheetError> {
    let parts = archive::parts(bytes, |name| name == "mimetype" || name == "content.xml")?;
    let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, b)| b);
    if part("mimetype").map(|m| m.trim_ascii()) != Some(MIMETYPE) {
        let why = NotSpreadsheet("its `mimetype` is missing or names another kind of file");
        return Err(SheetError::Damaged(Box::new(why)));
    }
    let Some(content) = part("content.xml") else {
        let why = NotSpreadsheet("it has no `content.xml`");
        return Err(SheetError::Damaged(Box::new(why)));
    };
    let mut reader = Reader::from_reader(content.as_slice());
    // Every element then has a start and an end, so that depths can be counted.
    reader.config_mut().expand_empty_elements = true;
    let mut sheets = Vec::new();
    let mut found = None;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e) if e.name().as_ref() == b"table:table" => {
                let name = attribute(&e, b"table:name").unwrap_or_default();
                sheets.push(name.clone());
                if wanted.is_none_or(|w| w == name) {
                    found = Some((name, sheet(&mut reader)?));
                    // The other sheets' names are needed only when this one is missing.
                    break;
                } else {
                    reader.read_to_end(e.name()).map_err(damaged)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let Some((name, cells)) = found else {
        return Err(match wanted {
            Some(wanted) => SheetError::NoSuchSheet {
                name: wanted.to_string(),
                sheets,
            },
            None => SheetError::NoSheets,
        });
    };
    Ok(Table {
        sheet: Some(name),
        encoding: None,
        rows: cells.rows(),
    })
}

/// A table's cells, up to its end.
fn sheet(reader: &mut Reader<&[u8]>) -> Result<Cells, SheetError> {
    let mut cells = Cells::default();
    let mut row = 0usize;
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                let repeats = count(&e, b"table:number-rows-repeated");
                let mark = cells.len();
                read_row(reader, row, &mut cells)?;
                cells.repeat_since(mark, repeats - 1)?;
                row = row.saturating_add(repeats);
            }
            // Rows may stand in groups (`table:table-header-rows`), and tables in cells.
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(cells),
            Event::End(_) => depth -= 1,
            Event::Eof => {
                return Err(damaged(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                )))
            }
            _ => {}
        }
    }
}

/// One row's cells, up to its end.
fn read_row(reader: &mut Reader<&[u8]>, row: usize, cells: &mut Cells) -> Result<(), SheetError> {
    let mut column = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    b"table:table-cell" | b"table:covered-table-cell"
                ) =>
            {
                let repeats = count(&e, b"table:number-columns-repeated");
                let value = cell(reader, &e)?;
                if !value.is_blank() {
                    for at in 0..repeats {
                        cells.push(row, column.saturating_add(at), value.clone())?;
                    }
                }
                column = column.saturating_add(repeats);
            }
            Event::Start(e) => {
                reader.read_to_end(e.name()).map_err(damaged)?;
            }
            Event::End(_) => return Ok(()),
            Event::Eof => {
                return Err(damaged(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                )))
            }
            _ => {}
        }
    }
}

/// A cell as the spreadsheet shows it, from its attributes or its paragraphs; reads up to the
/// cell's end.
fn cell(reader: &mut Reader<&[u8]>, start: &BytesStart) -> Result<Value, SheetError> {
    let get = |key: &[u8]| attribute(start, key);
    let error = get(b"calcext:value-type").is_some_and(|t| t == "error");
    let given = match get(b"office:value-type").as_deref() {
        _ if error => None,
        Some("float" | "percentage" | "currency") => get(b"office:value")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(|f| Value::new(Kind::Number, &number(f))),
        Some("date") => get(b"office:date-value").map(|v| Value::new(Kind::Text, &v)),
        Some("time") => get(b"office:time-value").map(|v| Value::new(Kind::Text, &v)),
        Some("boolean") => get(b"office:boolean-value").map(|v| {
            let truth = matches!(v.as_str(), "true" | "TRUE");
            Value::new(Kind::Number, if truth { "TRUE" } else { "FALSE" })
        }),
        Some("string") => get(b"office:string-value").map(|v| Value::new(Kind::Text, &v)),
        // No value type: the cell is empty, whatever it shows.
        _ => Some(Value::new(Kind::Text, "")),
    };
    match given {
        Some(value) => {
            reader.read_to_end(start.name()).map_err(damaged)?;
            Ok(value)
        }
        None => {
            let kind = if error {
                Kind::FormulaError
            } else {
                Kind::Text
            };
            paragraphs(reader, Value::growing(kind))
        }
    }
}

/// The cell's text: paragraphs on lines of their own, spaces and tabs as written, comments
/// (`office:annotation`) left out.
fn paragraphs(reader: &mut Reader<&[u8]>, mut value: Value) -> Result<Value, SheetError> {
    let (mut depth, mut paragraphs) = (0usize, 0usize);
    let mut skipping: Option<usize> = None;
    loop {
        let event = reader.read_event().map_err(damaged)?;
        if let Some(at) = skipping {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == at {
                        skipping = None;
                    }
                }
                Event::Eof => return Ok(value),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                match e.name().as_ref() {
                    b"office:annotation" => skipping = Some(depth),
                    b"text:p" | b"text:h" => {
                        if paragraphs > 0 {
                            value.push("\n");
                        }
                        paragraphs += 1;
                    }
                    b"text:s" => value.push_repeated(' ', count(&e, b"text:c")),
                    b"text:tab" => value.push("\t"),
                    b"text:line-break" => value.push("\n"),
                    _ => {}
                }
                depth += 1;
            }
            Event::End(_) if depth == 0 => return Ok(value),
            Event::End(_) => depth -= 1,
            Event::Text(text) => {
                let text = text.xml10_content().map_err(|e| damaged(e.into()))?;
                value.push(&text);
            }
            Event::GeneralRef(reference) => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    value.push(c.encode_utf8(&mut [0; 4]));
                } else if let Ok(name) = reference.decode() {
                    let resolved = quick_xml::escape::resolve_predefined_entity(&name);
                    value.push(resolved.unwrap_or_default());
                }
            }
            Event::CData(data) => value.push(&String::from_utf8_lossy(&data)),
            Event::Eof => return Ok(value),
            _ => {}
        }
    }
}

/// An attribute's value, unescaped.
fn attribute(start: &BytesStart, key: &[u8]) -> Option<String> {
    let attribute = start.try_get_attribute(key).ok()??;
    attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// A repeat count: 1 when absent or unreadable, at least 1.
fn count(start: &BytesStart, key: &[u8]) -> usize {
    attribute(start, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(body: &str) -> Result<Table, SheetError> {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        writer.start_file("mimetype", options).unwrap();
        writer.write_all(MIMETYPE).unwrap();
        writer.start_file("content.xml", options).unwrap();
        let xml = format!(
            "<office:document-content><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
        );
        writer.write_all(xml.as_bytes()).unwrap();
        read(&writer.finish().unwrap().into_inner(), None)
    }

    #[test]
    fn cells_are_read_as_shown_and_placed_by_their_repeats() {
        let table = table(
            r#"<table:table table:name="Members"><table:table-header-rows><table:table-row>
<table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="2"/>
<table:table-cell office:value-type="string"><text:p>A<text:s text:c="3"/>&amp;<text:span>B</text:span></text:p><text:p>C</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell>
</table:table-row></table:table-header-rows>
<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="42"><text:p>42.00</text:p></table:table-cell><table:table-cell calcext:value-type="error" office:value-type="float" office:value=""><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>
</table:table>"#,
        )
        .unwrap();
        assert_eq!(table.sheet.as_deref(), Some("Members"));
        let rows: Vec<(usize, Vec<(usize, &str)>)> = table
            .rows
            .iter()
            .map(|r| {
                let cells = r.cells.iter().map(|(c, v)| (*c, v.text.as_str())).collect();
                (r.number, cells)
            })
            .collect();
        assert_eq!(
            rows,
            [
                (1, vec![(0, "Name"), (3, "A   &B\nC")]),
                (1_000_002, vec![(0, "42"), (1, "#DIV/0!")]),
                (1_000_003, vec![(0, "42"), (1, "#DIV/0!")]),
            ]
        );
        assert_eq!(table.rows[1].cells[1].1.kind, Kind::FormulaError);
    }

    #[test]
    fn repeats_and_runs_of_spaces_are_bounded() {
        let wide = table(
            r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="4000000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
        );
        assert!(
            matches!(wide, Err(SheetError::TooManyCells { .. })),
            "{wide:?}"
        );
        let spaces = table(
            r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>b</text:p></table:table-cell></table:table-row></table:table>"#,
        )
        .unwrap();
        assert_eq!(spaces.rows[0].cells[0].1.chars, 4_000_000_002);
    }
}
