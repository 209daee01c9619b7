//! `.xlsx` bytes -> the rows of one sheet, each cell as the user sees it. The archive is
//! checked and inflated within the limits first ([`archive`]), and calamine reads only that
//! checked copy, one cell at a time: nothing is sized by the dimension the sheet declares.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::{archive, Cells, Kind, SheetError, Table, Value};

/// Reads the named sheet, or the first one.
pub fn read(bytes: &[u8], wanted: Option<&str>) -> Result<Table, SheetError> {
    // Only XML parts are read: pictures and macros are never inflated.
    let xml = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.ends_with(".xml") || name.ends_with(".rels")
    };
    let parts = archive::parts(bytes, xml)?;
    for (name, part) in &parts {
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings_count(name, part)?;
        }
    }
    let stored = archive::stored(&parts)?;
    drop(parts);
    let damaged = |error: XlsxError| SheetError::Damaged(Box::new(error));
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(stored)).map_err(damaged)?;
    let sheets = workbook.sheet_names();
    let name = match wanted {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .cloned()
            .ok_or_else(|| SheetError::NoSuchSheet {
                name: wanted.to_string(),
                sheets: sheets.clone(),
            })?,
        None => sheets.first().cloned().ok_or(SheetError::NoSheets)?,
    };
    let mut cells = Cells::default();
    match workbook.worksheet_cells_reader(&name) {
        Ok(mut reader) => {
            while let Some(cell) = reader.next_cell().map_err(damaged)? {
                let (row, column) = cell.get_position();
                cells.push(row as usize, column as usize, value(cell.get_value()))?;
            }
        }
        // A chart sheet holds no cells.
        Err(XlsxError::NotAWorksheet(_)) => {}
        Err(error) => return Err(damaged(error)),
    }
    Ok(Table {
        sheet: Some(name),
        encoding: None,
        rows: cells.rows(),
    })
}

/// calamine reserves room for as many shared strings as the part declares: a part of a few
/// bytes must not declare billions. Each string takes at least five bytes (`<si/>`).
fn shared_strings_count(name: &str, part: &[u8]) -> Result<(), SheetError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let count = loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if e.local_name().as_ref() == b"sst" => {
                break e
                    .try_get_attribute("uniqueCount")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break None,
            Ok(_) => {}
        }
    };
    let Some(count) = count else {
        return Ok(());
    };
    let count = std::str::from_utf8(&count)
        .ok()
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .map(|c| c.parse::<u64>().unwrap_or(u64::MAX));
    match count {
        Some(count) if count > part.len() as u64 / 5 => Err(SheetError::DeclaresTooMany {
            part: name.to_string(),
            count,
        }),
        _ => Ok(()),
    }
}

/// A cell as the spreadsheet shows it: whole numbers without `.0`, dates as `2017-09-04`.
fn value(cell: &DataRef) -> Value {
    match cell {
        DataRef::Empty => Value::new(Kind::Text, ""),
        DataRef::SharedString(text) => Value::new(Kind::Text, text),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            Value::new(Kind::Text, text)
        }
        DataRef::Int(n) => Value::new(Kind::Number, &n.to_string()),
        DataRef::Float(f) => Value::new(Kind::Number, &number(*f)),
        DataRef::Bool(b) => Value::new(Kind::Number, if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            let date = format!("{year:04}-{month:02}-{day:02}");
            let text = if (hour, minute, second) == (0, 0, 0) {
                date
            } else {
                format!("{date} {hour:02}:{minute:02}")
            };
            Value::new(Kind::Number, &text)
        }
        DataRef::DateTime(duration) => Value::new(Kind::Number, &number(duration.as_f64())),
        DataRef::Error(error) => Value::new(Kind::FormulaError, &error.to_string()),
    }
}

/// `42.0` -> `42`, `0.5` -> `0.5` (the shortest text that reads back as the same number).
pub fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_the_user_sees_them() {
        assert_eq!(number(42.0), "42");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn shared_strings_may_not_declare_more_than_they_hold() {
        let part = br#"<sst xmlns="x" count="1" uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert!(shared_strings_count("s.xml", part).is_ok());
        let huge = br#"<sst uniqueCount="99999999999999999999999"><si><t>a</t></si></sst>"#;
        assert!(matches!(
            shared_strings_count("s.xml", huge),
            Err(SheetError::DeclaresTooMany { .. })
        ));
    }
}
