//! CSV bytes -> rows: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
//! Windows-1252 as Excel writes it on Windows) and the delimiter (`,`, `;` or tab) detected.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{Kind, Row, SheetError, Table, Value, MAX_ROWS};

/// What spreadsheets write into a cell whose formula failed.
const FORMULA_ERRORS: &[&str] = &[
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// Reads every record; the first non-empty one is usually the header.
pub fn read(bytes: &[u8]) -> Result<Table, SheetError> {
    let (text, encoding) = decode(bytes);
    let delimiter = delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The row a spreadsheet shows is the record's first line; counted here from the record's
    // byte offset, since the reader's own line count is off after `\r\n` line ends.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|error| SheetError::Unreadable(error.to_string()))?;
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .max(counted_to);
        // The position may stand before the line ends (and blank lines) the reader skipped.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        let number = line;
        let row = Row {
            number,
            values: record.iter().map(value).collect(),
        };
        if row.is_empty() {
            continue;
        }
        rows.push(row);
        if rows.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(Table {
        sheet: None,
        encoding: (encoding != UTF_8).then(|| encoding.name()),
        rows,
    })
}

/// The text and the encoding it was read in.
fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), UTF_8),
        // Not UTF-8: Excel on Windows saves "CSV" in the system's code page, which for the
        // languages of the notes is Windows-1252 (every byte is a character in it).
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), WINDOWS_1252)
        }
    }
}

/// The delimiter the header line uses most: `,` (also when it uses none), `;` or tab.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .map(|d| (header.bytes().filter(|b| *b == d).count(), d))
        .fold(
            (0, b','),
            |best, next| if next.0 > best.0 { next } else { best },
        )
        .1
}

fn value(text: &str) -> Value {
    let trimmed = text.trim();
    let kind = if FORMULA_ERRORS.contains(&trimmed) {
        Kind::FormulaError
    } else if !trimmed.is_empty()
        && trimmed.parse::<f64>().is_ok_and(f64::is_finite)
        && trimmed.bytes().any(|b| b.is_ascii_digit())
    {
        Kind::Number
    } else {
        Kind::Text
    };
    Value::new(kind, text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_encodings_are_detected() {
        assert_eq!(delimiter("Name;Role;Function\nA;B;C"), b';');
        assert_eq!(delimiter("Name\tRole\nA\tB"), b'\t');
        assert_eq!(delimiter("Name,Role\n"), b',');
        assert_eq!(delimiter("Name\n"), b',');
        let (text, encoding) = decode(b"\xEF\xBB\xBFNom;R\xC3\xB4le");
        assert_eq!((text.as_str(), encoding.name()), ("Nom;Rôle", "UTF-8"));
        let (text, encoding) = decode(b"Nom;R\xF4le");
        assert_eq!(
            (text.as_str(), encoding.name()),
            ("Nom;Rôle", "windows-1252")
        );
    }

    #[test]
    fn rows_keep_their_line_numbers_and_skip_empty_ones() {
        let table = read(b"Name,Role\r\n\r\n,\r\n\"M\xC3\xBCller, Ana\",head\n42,#REF!\n").unwrap();
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 4, 5]);
        assert_eq!(table.rows[1].values[0].text, "Müller, Ana");
        assert_eq!(table.rows[2].values[0].kind, Kind::Number);
        assert_eq!(table.rows[2].values[1].kind, Kind::FormulaError);
        assert_eq!(table.encoding, None);
    }
}
