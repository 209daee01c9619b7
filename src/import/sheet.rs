//! `.xlsx` and `.ods` bytes -> the rows of one sheet, each cell as the user sees it.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Ods, Reader, Xlsx};

use super::{Kind, Row, SheetError, Table, Value, MAX_ROWS};

/// The workbook formats read.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Xlsx,
    Ods,
}

/// Reads the named sheet, or the first one.
pub fn read(bytes: Vec<u8>, format: Format, wanted: Option<&str>) -> Result<Table, SheetError> {
    let unreadable = |error: calamine::Error| SheetError::Unreadable(error.to_string());
    let mut workbook = match format {
        Format::Xlsx => open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
            .map(calamine::Sheets::Xlsx)
            .map_err(|e| unreadable(e.into()))?,
        Format::Ods => open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes))
            .map(calamine::Sheets::Ods)
            .map_err(|e| unreadable(e.into()))?,
    };
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
    let range = workbook.worksheet_range(&name).map_err(unreadable)?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        // Columns before the range's first are empty; keep them so that column numbers match.
        let mut values: Vec<Value> = (0..first_column).map(|_| Value::empty()).collect();
        values.extend(cells.iter().map(value));
        let row = Row {
            number: first_row as usize + index + 1,
            values,
        };
        if row.is_empty() {
            continue;
        }
        rows.push(row);
        // One more than the limit, so that going past it can be reported at its row.
        if rows.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(Table {
        sheet: Some(name),
        encoding: None,
        rows,
    })
}

/// A cell as the spreadsheet shows it: whole numbers without `.0`, dates as `2017-09-04`.
fn value(cell: &Data) -> Value {
    match cell {
        Data::Empty => Value::empty(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Value::new(Kind::Text, text.clone())
        }
        Data::Int(n) => Value::new(Kind::Number, n.to_string()),
        Data::Float(f) => Value::new(Kind::Number, number(*f)),
        Data::Bool(b) => Value::new(Kind::Number, if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            let date = format!("{year:04}-{month:02}-{day:02}");
            let text = if (hour, minute, second) == (0, 0, 0) {
                date
            } else {
                format!("{date} {hour:02}:{minute:02}")
            };
            Value::new(Kind::Number, text)
        }
        Data::DateTime(duration) => Value::new(Kind::Number, number(duration.as_f64())),
        Data::Error(error) => Value::new(Kind::FormulaError, error.to_string()),
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
}
