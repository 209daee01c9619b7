//! Spreadsheets of members for the fuzzer: `.xlsx` files written from made-up rows and the
//! test suite's `.ods` file, their XML parts mutated and packed again, and CSV bytes in mixed
//! encodings, each read by a delegation file's `[members]`.

use std::io::{Read, Write};
use std::path::Path;

use super::{mutate, Random};

/// XML that has broken spreadsheet readers, or might: far and repeated cells, declared
/// counts and dimensions, runs of spaces, references, cells of every type.
const XML_PIECES: &[&str] = &[
    " r=\"XFD1048576\"",
    " r=\"A1\"",
    " r=\"ZZZZZZ99999999999\"",
    "<dimension ref=\"A1:XFD1048576\"/>",
    " uniqueCount=\"99999999999\"",
    " count=\"-1\"",
    "<c r=\"B2\" t=\"s\"><v>99999</v></c>",
    "<c r=\"C3\" t=\"e\"><v>#DIV/0!</v></c>",
    "<c r=\"D4\" t=\"n\"><v>1e308</v></c>",
    "<c r=\"E5\" s=\"1\"><v>-1</v></c>",
    "<c r=\"F6\" t=\"b\"><v>2</v></c>",
    "<c r=\"G7\" t=\"inlineStr\"><is><t>x</t></is></c>",
    "<c r=\"H8\" t=\"d\"><v>2017-02-30</v></c>",
    "<row r=\"1048576\">",
    "</row>",
    "<si><t>Ana</t></si>",
    " table:number-rows-repeated=\"1048576\"",
    " table:number-columns-repeated=\"16384\"",
    " table:number-columns-repeated=\"-3\"",
    "<text:s text:c=\"4000000000\"/>",
    "<text:p>",
    "</text:p>",
    "<table:table-row>",
    "</table:table-row>",
    "<table:table-cell office:value-type=\"string\"><text:p>Ana</text:p></table:table-cell>",
    "<table:table-cell office:value-type=\"float\" office:value=\"NaN\"/>",
    "<table:table-cell calcext:value-type=\"error\"><text:p>#N/A</text:p></table:table-cell>",
    "<table:table-cell office:value-type=\"date\" office:date-value=\"0000-00-00\"/>",
    "<office:annotation><text:p>",
    "<table:table table:name=\"Two\">",
    "</table:table>",
    "&amp;",
    "&#0;",
    "&#xFFFF;",
    "&unknown;",
    "<![CDATA[x]]>",
    "<",
    ">",
    "\"",
    "\u{feff}",
];

/// Spreadsheets of members, as a delegation file reads them with `[members]`.
pub struct Sheets {
    /// The parts of the test suite's `.ods` file (five members, Spanish headers).
    ods: Vec<(String, Vec<u8>)>,
    /// A delegation file up to its members.
    top: String,
}

impl Sheets {
    pub fn new(root: &Path, example: &str) -> Sheets {
        let ods = std::fs::read(root.join("tests/cli/fixtures/delegation-es.ods"))
            .map(|bytes| unzip(&bytes))
            .unwrap_or_default();
        let top = example
            .find("[[member]]")
            .map_or(example, |at| &example[..at])
            .to_string();
        Sheets { ods, top }
    }

    /// A delegation file reading its members from a mutated sheet: the file, and the sheet's
    /// name and bytes.
    pub fn case(&self, random: &mut Random) -> (String, &'static str, Vec<u8>) {
        let rows = sheet_rows(random);
        let (name, bytes) = match random.below(3) {
            0 => ("fuzz.csv", csv_bytes(&rows, random)),
            1 if !self.ods.is_empty() => ("fuzz.ods", mutate_archive(self.ods.clone(), random)),
            _ => ("fuzz.xlsx", mutate_archive(xlsx_parts(&rows), random)),
        };
        let text = format!("{}[members]\nfrom = \"{name}\"\n", self.top);
        (text, name, bytes)
    }
}

/// A header row and a few members, with pieces that have broken things.
fn sheet_rows(random: &mut Random) -> Vec<Vec<String>> {
    let headers = [
        ["Name", "Title", "Function", "Role"],
        ["Nom", "Titre", "Fonction", "Rôle"],
        ["Nombre", "Título", "Cargo", "Función en la delegación"],
    ];
    let mut rows = vec![random
        .pick(&headers)
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()];
    for index in 0..1 + random.below(6) {
        let role = if index == 0 {
            "head"
        } else {
            *random.pick(&["adviser", "Expert", "Conseiller", "member"])
        };
        let mut row: Vec<String> = [random.piece(), "Mr.", random.piece(), role]
            .iter()
            .map(|c| c.to_string())
            .collect();
        if random.below(3) == 0 {
            let at = random.below(row.len());
            row[at] = random.piece().repeat(1 + random.below(50));
        }
        rows.push(row);
    }
    rows
}

/// The rows as CSV, its bytes then mutated: encodings mixed, byte order marks, odd bytes.
fn csv_bytes(rows: &[Vec<String>], random: &mut Random) -> Vec<u8> {
    let delimiter = *random.pick(&[",", ";", "\t"]);
    let text: Vec<String> = rows.iter().map(|row| row.join(delimiter)).collect();
    let text = mutate(&text.join("\r\n"), random);
    let mut bytes = match random.below(3) {
        0 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        _ => text.into_bytes(),
    };
    for _ in 0..random.below(3) {
        let odd: &[&[u8]] = &[
            b"\xE9",
            b"\x81",
            b"\xFF",
            b"\xC3",
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b"\0",
            b"\"",
        ];
        let at = random.below(bytes.len() + 1);
        bytes.splice(at..at, random.pick(odd).iter().copied());
    }
    bytes
}

/// The parts of an `.xlsx` file of the rows, as Excel would write it.
fn xlsx_parts(rows: &[Vec<String>]) -> Vec<(String, Vec<u8>)> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let _ = match cell.parse::<f64>() {
                Ok(number) => sheet.write_number(r as u32, c as u16, number).map(|_| ()),
                Err(_) => sheet.write_string(r as u32, c as u16, cell).map(|_| ()),
            };
        }
    }
    workbook
        .save_to_buffer()
        .map(|b| unzip(&b))
        .unwrap_or_default()
}

/// An archive's XML mutated (pieces inserted, spans deleted or repeated), packed again, and
/// now and then one byte of the archive itself changed.
fn mutate_archive(mut parts: Vec<(String, Vec<u8>)>, random: &mut Random) -> Vec<u8> {
    let xml: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.ends_with(".xml"))
        .collect();
    for _ in 0..1 + random.below(4) {
        if xml.is_empty() {
            break;
        }
        let part = &mut parts[*random.pick(&xml)].1;
        let at = random.below(part.len() + 1);
        match random.below(4) {
            0 | 1 => {
                let piece = if random.below(3) == 0 {
                    random.piece()
                } else {
                    random.pick(XML_PIECES)
                };
                part.splice(at..at, piece.bytes());
            }
            2 => {
                let end = (at + random.below(200)).min(part.len());
                part.drain(at..end);
            }
            _ => {
                // A span repeated: rows, cells, strings written many times.
                let end = (at + random.below(400)).min(part.len());
                let span = part[at..end].to_vec();
                for _ in 0..random.below(200).min((4 << 20) / span.len().max(1)) {
                    part.splice(at..at, span.iter().copied());
                }
            }
        }
    }
    let mut bytes = zip_parts(&parts);
    if random.below(8) == 0 && !bytes.is_empty() {
        let at = random.below(bytes.len());
        bytes[at] = random.next() as u8;
    }
    bytes
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    (0..archive.len())
        .filter_map(|index| {
            let mut file = archive.by_index(index).ok()?;
            let mut content = Vec::new();
            file.read_to_end(&mut content).ok()?;
            Some((file.name().to_string(), content))
        })
        .collect()
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // An `.ods` file's `mimetype` comes first and unpacked.
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        if writer.start_file(name.as_str(), options).is_err() || writer.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(|c| c.into_inner()).unwrap_or_default()
}
