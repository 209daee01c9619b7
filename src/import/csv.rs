//! CSV bytes -> rows: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, else
//! Windows-1252 as Excel writes it on Windows) and the delimiter (`,`, `;` or tab) detected.
//! Text that is valid UTF-8 is never read as Windows-1252: a file whose lines are in two
//! encodings is refused at its first line that is not UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{Cells, EncodingProblem, Kind, SheetError, Table, Value};

/// What spreadsheets write into a cell whose formula failed.
const FORMULA_ERRORS: &[&str] = &[
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// Reads every record; the first non-empty one is usually the header.
pub fn read(bytes: &[u8]) -> Result<Table, SheetError> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut cells = Cells::default();
    // The row a spreadsheet shows is the record's first line; counted here from the record's
    // byte offset, since the reader's own line count is off after `\r\n` line ends.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|error| SheetError::Damaged(Box::new(error)))?;
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
        for (column, field) in record.iter().enumerate() {
            cells.push(line - 1, column, value(field))?;
        }
    }
    Ok(Table {
        sheet: None,
        encoding: (encoding != UTF_8).then(|| encoding.name()),
        rows: cells.rows(),
    })
}

/// The text and the encoding it was read in: the one its byte order mark names, else UTF-8
/// when it is valid UTF-8, else Windows-1252 when no part of it is UTF-8 beyond ASCII.
fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), SheetError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) {
            return Ok((text.into_owned(), encoding));
        }
        // The first character that did not decode, placed in the text as far as it decodes.
        let (text, _) = encoding.decode_without_bom_handling(body);
        let at = text.find('\u{FFFD}').unwrap_or(text.len());
        let (line, column) = place(&text, at);
        return Err(SheetError::Encoding {
            line,
            column,
            problem: EncodingProblem::Malformed(encoding.name()),
        });
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), UTF_8)),
        Err(error) => error,
    };
    let bad = error.valid_up_to();
    let prefix = std::str::from_utf8(&bytes[..bad]).unwrap_or_default();
    // UTF-8 beyond ASCII before the bad byte, or after it: the file mixes two encodings.
    if !prefix.is_ascii() || utf8_sequence(&bytes[bad..]) {
        let (line, column) = place(prefix, prefix.len());
        return Err(SheetError::Encoding {
            line,
            column,
            problem: EncodingProblem::Mixed,
        });
    }
    // Five bytes are no character in Windows-1252 (encoding_rs reads them as C1 controls).
    if let Some(at) = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes[..at]);
        let (line, column) = place(&text, text.len());
        return Err(SheetError::Encoding {
            line,
            column,
            problem: EncodingProblem::Undefined(bytes[at]),
        });
    }
    // Excel on Windows saves "CSV" in the system's code page, which for the languages of the
    // notes is Windows-1252.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), WINDOWS_1252))
}

/// Whether the bytes hold a well-formed UTF-8 sequence of two bytes or more.
fn utf8_sequence(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        let length = match bytes[at] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                at += 1;
                continue;
            }
        };
        let candidate = &bytes[at..(at + length).min(bytes.len())];
        if std::str::from_utf8(candidate).is_ok() {
            return true;
        }
        at += 1;
    }
    false
}

/// One-based line and column (in characters) of a byte offset in `text`.
fn place(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
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
    Value::new(kind, text)
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
        let (text, encoding) = decode(b"\xEF\xBB\xBFNom;R\xC3\xB4le").unwrap();
        assert_eq!((text.as_str(), encoding.name()), ("Nom;Rôle", "UTF-8"));
        let (text, encoding) = decode(b"Nom;R\xF4le").unwrap();
        assert_eq!(
            (text.as_str(), encoding.name()),
            ("Nom;Rôle", "windows-1252")
        );
    }

    #[test]
    fn a_file_in_two_encodings_is_refused_at_its_first_bad_byte() {
        let place = |bytes: &[u8]| match decode(bytes) {
            Err(SheetError::Encoding {
                line,
                column,
                problem,
            }) => (line, column, problem),
            other => panic!("{other:?}"),
        };
        // UTF-8 before the bad byte, and after it.
        assert_eq!(
            place(b"Name\nAna M\xC3\xBCller\nJos\xE9\n"),
            (3, 4, EncodingProblem::Mixed)
        );
        assert_eq!(
            place(b"Name\nJos\xE9\nAna M\xC3\xBCller\n"),
            (2, 4, EncodingProblem::Mixed)
        );
        assert_eq!(
            place(b"Name\nJos\xE9 \x81\n"),
            (2, 6, EncodingProblem::Undefined(0x81))
        );
        assert_eq!(
            place(b"\xEF\xBB\xBFName\nAna\xFF\n"),
            (2, 4, EncodingProblem::Malformed("UTF-8"))
        );
    }

    #[test]
    fn rows_keep_their_line_numbers_and_skip_empty_ones() {
        let table = read(b"Name,Role\r\n\r\n,\r\n\"M\xC3\xBCller, Ana\",head\n42,#REF!\n").unwrap();
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 4, 5]);
        assert_eq!(table.rows[1].get(0).unwrap().text, "Müller, Ana");
        assert_eq!(table.rows[2].get(0).unwrap().kind, Kind::Number);
        assert_eq!(table.rows[2].get(1).unwrap().kind, Kind::FormulaError);
        assert_eq!(table.encoding, None);
    }
}
