//! Reads back a DOCX's parts and the text of its paragraphs.

use std::io::Read;

use quick_xml::events::Event;

/// A DOCX opened for inspection.
pub struct Docx {
    archive: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

impl Docx {
    pub fn parse(bytes: &[u8]) -> Docx {
        Docx {
            archive: zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP"),
        }
    }

    /// A part's XML (`word/document.xml`).
    pub fn part(&mut self, name: &str) -> String {
        let mut text = String::new();
        self.archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("no part {name}"))
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    pub fn part_names(&self) -> Vec<String> {
        self.archive.file_names().map(str::to_string).collect()
    }

    /// The paragraphs of a part: (style id, text), with `w:br` as `\n`.
    pub fn paragraphs(&mut self, name: &str) -> Vec<(String, String)> {
        let xml = self.part(name);
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut paragraphs = Vec::new();
        let mut style = String::new();
        let mut text = String::new();
        let mut in_text = false;
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == b"w:p" => {
                    style.clear();
                    text.clear();
                }
                Event::End(e) if e.name().as_ref() == b"w:p" => {
                    paragraphs.push((style.clone(), text.clone()));
                }
                Event::Empty(e) | Event::Start(e) if e.name().as_ref() == b"w:pStyle" => {
                    style = attr(&e, b"w:val");
                }
                Event::Empty(e) if e.name().as_ref() == b"w:br" => text.push('\n'),
                Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
                Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
                Event::Text(t) if in_text => text.push_str(&t.decode().unwrap()),
                Event::GeneralRef(r) if in_text => {
                    let name = String::from_utf8_lossy(&r).to_string();
                    text.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "?",
                    });
                }
                _ => {}
            }
        }
        paragraphs
    }

    /// The parts that hold text: the body, then the headers and footers, by name.
    pub fn text_parts(&mut self) -> Vec<String> {
        let mut names: Vec<String> = self
            .part_names()
            .into_iter()
            .filter(|n| {
                n == "word/document.xml"
                    || (n.starts_with("word/header") || n.starts_with("word/footer"))
                        && n.ends_with(".xml")
            })
            .collect();
        names.sort();
        names
    }

    /// Every paragraph's text in the body, headers and footers.
    pub fn all_text(&mut self) -> String {
        self.text_parts()
            .iter()
            .flat_map(|n| self.paragraphs(n).into_iter().map(|(_, t)| t))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).to_string())
        .unwrap_or_default()
}
