//! Reads back what a reader sees in our PDFs: the page count, page sizes and each page's text,
//! decoded through the fonts' ToUnicode maps (lopdf's own extractor cannot read them).

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Document, Object};

/// A PDF opened for inspection.
pub struct Pdf {
    doc: Document,
}

impl Pdf {
    pub fn parse(bytes: &[u8]) -> Pdf {
        Pdf {
            doc: Document::load_mem(bytes).expect("a readable PDF"),
        }
    }

    /// Every object's dictionary as text, whether or not it sits in a compressed object
    /// stream, to look for keys and values as a validator would see them.
    pub fn dictionaries(&self) -> String {
        let mut doc = self.doc.clone();
        let mut plain = Vec::new();
        doc.save_to(&mut plain).expect("lopdf writes the PDF back");
        String::from_utf8_lossy(&plain).into_owned()
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Width and height of page 1 in points.
    pub fn page_size(&self) -> (f32, f32) {
        let (_, id) = self.doc.get_pages().into_iter().next().expect("a page");
        let page = self.doc.get_dictionary(id).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let n = |o: &Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
        (n(&media[2]) - n(&media[0]), n(&media[3]) - n(&media[1]))
    }

    /// Each page's text, a line per baseline.
    pub fn page_texts(&self) -> Vec<String> {
        self.doc
            .get_pages()
            .into_values()
            .map(|id| self.page_text(id))
            .collect()
    }

    /// All pages' text.
    pub fn text(&self) -> String {
        self.page_texts().join("\n")
    }

    /// Runs of text with their position: (x, y from top, font size, text).
    pub fn runs(&self, page: usize) -> Vec<(f32, f32, f32, String)> {
        let id = *self.doc.get_pages().values().nth(page).expect("page");
        self.page_runs(id)
    }

    /// How many images a page draws (its content stream's `Do` operators).
    pub fn images_on_page(&self, page: usize) -> usize {
        let id = *self.doc.get_pages().values().nth(page).expect("page");
        let content = Content::decode(&self.doc.get_page_content(id).unwrap()).unwrap();
        content
            .operations
            .iter()
            .filter(|op| op.operator == "Do")
            .count()
    }

    /// The alternative texts (`/Alt`) of the structure tree's elements.
    pub fn alt_texts(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .filter_map(|dict| dict.get(b"Alt").ok())
            .filter_map(|alt| alt.as_str().ok())
            .map(decode_text_string)
            .collect()
    }

    fn page_text(&self, id: lopdf::ObjectId) -> String {
        let mut out = String::new();
        // The baseline and size of the line being read: smaller text raised by less than half
        // the line's size (the `er` of `1er`) belongs to it, as viewers read it.
        let mut line: Option<(f32, f32)> = None;
        for (_, y, size, text) in self.page_runs(id) {
            let on_line = line.is_some_and(|(base, base_size)| {
                (base - y).abs() <= 0.5 || size < base_size && (base - y).abs() < base_size / 2.0
            });
            if !on_line {
                if line.is_some() {
                    out.push('\n');
                }
                line = Some((y, size));
            }
            out.push_str(&text);
        }
        out
    }

    fn page_runs(&self, id: lopdf::ObjectId) -> Vec<(f32, f32, f32, String)> {
        let fonts = self.doc.get_page_fonts(id).unwrap_or_default();
        let maps: HashMap<Vec<u8>, HashMap<u16, String>> = fonts
            .iter()
            .map(|(name, font)| (name.clone(), self.to_unicode(font)))
            .collect();
        let content = Content::decode(&self.doc.get_page_content(id).unwrap()).unwrap();
        let mut font: Vec<u8> = Vec::new();
        let mut size = 0.0;
        let (mut x, mut y) = (0.0, 0.0);
        let mut runs = Vec::new();
        // Text in a `/Span <</ActualText (...)>>` is read as the ActualText, as viewers do.
        let mut actual: Option<String> = None;
        let number = |o: &Object| {
            o.as_float()
                .unwrap_or_else(|_| o.as_i64().unwrap_or(0) as f32)
        };
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = number(&op.operands[1]);
                }
                "Tm" => {
                    x = number(&op.operands[4]);
                    y = number(&op.operands[5]);
                }
                "BDC" => {
                    actual = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| o.as_str().ok())
                        .map(decode_text_string);
                }
                "EMC" => actual = None,
                "Tj" | "TJ" if actual.is_some() => {
                    runs.push((x, y, size, actual.take().unwrap_or_default()));
                }
                "Tj" | "TJ" => {
                    let map = &maps[&font];
                    let mut text = String::new();
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            for pair in bytes.chunks(2) {
                                let code =
                                    u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                                text.push_str(map.get(&code).map_or("\u{FFFD}", String::as_str));
                            }
                        }
                    }
                    runs.push((x, y, size, text));
                }
                _ => {}
            }
        }
        runs
    }

    fn to_unicode(&self, font: &lopdf::Dictionary) -> HashMap<u16, String> {
        let mut map = HashMap::new();
        let Ok(reference) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
            return map;
        };
        let stream = self.doc.get_object(reference).unwrap().as_stream().unwrap();
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&data);
        let hex = |s: &str| -> Vec<u8> {
            let s = s.trim_matches(|c| c == '<' || c == '>');
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let utf16 = |bytes: Vec<u8>| {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let mut in_char = false;
        let mut in_range = false;
        for line in text.lines() {
            let line = line.trim();
            if line.ends_with("beginbfchar") {
                in_char = true;
            } else if line == "endbfchar" {
                in_char = false;
            } else if line.ends_with("beginbfrange") {
                in_range = true;
            } else if line == "endbfrange" {
                in_range = false;
            } else if in_char {
                let parts: Vec<&str> = line.split_whitespace().collect();
                let code = u16::from_be_bytes(hex(parts[0])[..2].try_into().unwrap());
                map.insert(code, utf16(hex(parts[1])));
            } else if in_range {
                let parts: Vec<&str> = line.split_whitespace().collect();
                let lo = u16::from_be_bytes(hex(parts[0])[..2].try_into().unwrap());
                let hi = u16::from_be_bytes(hex(parts[1])[..2].try_into().unwrap());
                let start = hex(parts[2]);
                let first = u16::from_be_bytes([start[0], start[1]]);
                for (i, code) in (lo..=hi).enumerate() {
                    map.insert(code, String::from_utf16_lossy(&[first + i as u16]));
                }
            }
        }
        map
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (Latin-1 here).
fn decode_text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
