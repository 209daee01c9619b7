//! The DOCX package: the parts docx-rs builds, patched (metadata, language, emblem description,
//! schema order, namespaces) and zipped with deflate and a fixed timestamp on each entry.

use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex};

use zip::write::SimpleFileOptions;

use super::{timestamp, EMBLEM_MEDIA_JPEG, EMBLEM_MEDIA_PNG};
use crate::document::Document;
use crate::model::ImageFormat;

/// Deflated parts that come out the same in many notes of a run (styles, settings, numbering,
/// the fonts table, relationships, headers and footers), so a batch compresses and reorders each
/// of them once. Looked up by the part's exact bytes.
#[derive(Default)]
pub struct PartCache {
    parts: Mutex<Vec<CachedPart>>,
}

struct CachedPart {
    name: String,
    /// The part as patched, before reordering and deflating, or its [`recipe`].
    xml: Vec<u8>,
    /// A one-entry archive holding the finished entry, copied as it is into each package (read
    /// once, so that a copy need not find its way through the archive again).
    entry: Entry,
}

/// Parts that come out the same in many notes: those that do not carry the note's own text,
/// and the letterhead (first-page header) and addressee (first-page footer), the same in every
/// note of a mission to one recipient. The body and metadata are never kept.
const SHARED_PARTS: &[&str] = &[
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "word/_rels/header2.xml.rels",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/header1.xml",
    "word/header2.xml",
    "word/footer1.xml",
    "word/footer2.xml",
];
/// Enough for every language and a few dozen missions; past it nothing more is kept, so a batch
/// over many missions holds a few hundred kilobytes at most.
const CACHE_LIMIT: usize = 128;

/// The styles part.
pub(super) const STYLES: &str = "word/styles.xml";
/// The numbering (list definitions) part.
pub(super) const NUMBERING: &str = "word/numbering.xml";

/// What the styles and numbering parts are made of, as a cache key: they depend only on the
/// note's language (`with_styles` and `with_member_list` take nothing else). Once a run has the
/// finished part for a recipe, notes are built without them and the kept entry goes in instead.
pub(super) fn recipe(part: &str, document: &Document) -> Vec<u8> {
    match part {
        STYLES => format!("recipe: styles in {}", document.language).into_bytes(),
        _ => b"recipe: member list".to_vec(),
    }
}

impl PartCache {
    /// Whether a finished entry for `name` made from `xml` (or from a [`recipe`]) is kept.
    pub(super) fn knows(&self, name: &str, xml: &[u8]) -> bool {
        let parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
        parts.iter().any(|p| p.name == name && p.xml == xml)
    }

    /// The finished entry for `name` with these bytes, copied into `out`; false when unknown.
    fn copy_into(
        &self,
        name: &str,
        xml: &[u8],
        out: &mut zip::ZipWriter<Cursor<Vec<u8>>>,
    ) -> zip::result::ZipResult<bool> {
        let entry = {
            let parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
            let Some(part) = parts.iter().find(|p| p.name == name && p.xml == xml) else {
                return Ok(false);
            };
            part.entry.clone()
        };
        copy_entry(entry, out)?;
        Ok(true)
    }

    /// Keeps a finished entry of a shared part.
    fn keep(&self, name: &str, xml: Vec<u8>, entry: Entry) {
        let mut parts = self.parts.lock().unwrap_or_else(|p| p.into_inner());
        if parts.len() < CACHE_LIMIT && !parts.iter().any(|p| p.name == name && p.xml == xml) {
            parts.push(CachedPart {
                name: name.to_string(),
                xml,
                entry,
            });
        }
    }
}

/// The parts docx-rs built, named and ordered as its own packer does (`docx_rs::zipper`), less
/// the parts a note never uses.
fn parts(xml: docx_rs::XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), xml.content_type),
        ("_rels/.rels".to_string(), xml.rels),
        ("docProps/core.xml".to_string(), xml.doc_props.core),
        (
            "word/_rels/document.xml.rels".to_string(),
            xml.document_rels,
        ),
        ("word/document.xml".to_string(), xml.document),
        ("word/styles.xml".to_string(), xml.styles),
        ("word/settings.xml".to_string(), xml.settings),
        ("word/fontTable.xml".to_string(), xml.font_table),
        ("word/numbering.xml".to_string(), xml.numberings),
    ];
    for (i, header) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, footer) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (name, bytes) in xml.media {
        parts.push((format!("word/media/{name}.png"), bytes));
    }
    parts
}

/// Packs the parts docx-rs built, one entry each in docx-rs's order.
pub(super) fn pack(
    xml: docx_rs::XMLDocx,
    document: &Document,
    cache: &PartCache,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // docx-rs names every picture `.png`; a JPEG emblem gets its own extension (and so its
    // content type) back.
    let jpeg = matches!(&document.emblem, Some(e) if e.format == ImageFormat::Jpeg);
    let rename = |text: String| {
        if jpeg {
            text.replace(EMBLEM_MEDIA_PNG, EMBLEM_MEDIA_JPEG)
        } else {
            text
        }
    };
    for (name, bytes) in parts(xml) {
        let name = rename(name);
        let bytes = patched(&name, bytes, document, &rename);
        // A relationships part that lists nothing can be left out.
        let marker = b"<Relationship ";
        if name.ends_with(".rels") && !bytes.windows(marker.len()).any(|w| w == marker) {
            continue;
        }
        let key = match name.as_str() {
            STYLES | NUMBERING => Some(recipe(&name, document)),
            _ if SHARED_PARTS.contains(&name.as_str()) => Some(bytes.clone()),
            _ => None,
        };
        if let Some(key) = &key {
            if cache.copy_into(&name, key, &mut out)? {
                continue;
            }
        }
        let finished = finish_part(&name, &bytes)?;
        if let Some(key) = key {
            // Deflated once: the kept entry is also the one this note gets.
            let entry = single_entry(&name, &finished)?;
            copy_entry(entry.clone(), &mut out)?;
            cache.keep(&name, key, entry);
            continue;
        }
        out.start_file(name.as_str(), entry_options(&name, &finished))?;
        out.write_all(&finished)?;
    }
    Ok(out.finish()?.into_inner())
}

/// A one-entry archive; a clone shares its bytes.
type Entry = zip::ZipArchive<Cursor<Arc<[u8]>>>;

/// Copies the one entry of a one-entry archive into `out` as it is, without deflating it again.
fn copy_entry(
    mut entry: Entry,
    out: &mut zip::ZipWriter<Cursor<Vec<u8>>>,
) -> zip::result::ZipResult<()> {
    let file = entry.by_index_raw(0)?;
    out.raw_copy_file(file)
}

/// A part with what docx-rs cannot write added or removed.
fn patched(
    name: &str,
    bytes: Vec<u8>,
    document: &Document,
    rename: &dyn Fn(String) -> String,
) -> Vec<u8> {
    match name {
        "docProps/core.xml" => core_properties(document).into_bytes(),
        // docx-rs always adds a numbered list of its own; notes use only theirs.
        "word/numbering.xml" => without_block(
            &bytes,
            "<w:abstractNum w:abstractNumId=\"1\">",
            "</w:abstractNum>",
        ),
        "word/styles.xml" => insert_after(
            &bytes,
            "<w:rPrDefault><w:rPr>",
            "</w:rPr>",
            &format!("<w:lang w:val=\"{}\"/>", document.language),
        ),
        _ if name.starts_with("word/header") && name.ends_with(".xml") => {
            // The emblem's alternative text, which docx-rs has no field for.
            String::from_utf8_lossy(&bytes)
                .replace(
                    "<wp:docPr id=\"1\" name=\"Figure\"",
                    &format!(
                        "<wp:docPr id=\"1\" name=\"Emblem\" descr=\"{}\"",
                        xml_escape(&document.author)
                    ),
                )
                .into_bytes()
        }
        "word/settings.xml" => insert_after_element(
            &bytes,
            "<w:defaultTabStop",
            "<w:autoHyphenation w:val=\"true\"/>",
        ),
        "[Content_Types].xml" => {
            without_elements(&bytes, "<Override ", "PartName=\"/", UNUSED_PARTS)
        }
        _ if name.ends_with(".rels") => {
            let bytes = without_elements(&bytes, "<Relationship ", "Target=\"", UNUSED_TARGETS);
            rename(String::from_utf8_lossy(&bytes).into_owned()).into_bytes()
        }
        _ => bytes,
    }
}

/// A WordprocessingML part in schema order and without unused namespaces; other parts as they
/// are.
fn finish_part(name: &str, bytes: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    if name.starts_with("word/") && name.ends_with(".xml") {
        super::schema_order::normalize(bytes)
            .map(|xml| super::namespaces::without_unused(&xml))
            .map_err(|e| zip::result::ZipError::Io(std::io::Error::other(e.to_string())))
    } else {
        Ok(bytes.to_vec())
    }
}

/// Deflated with a fixed timestamp; pictures (compressed already) and tiny parts (which cost more
/// to deflate than they save) are stored.
fn entry_options(name: &str, bytes: &[u8]) -> SimpleFileOptions {
    let options = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    if name.starts_with("word/media/") || bytes.len() < STORE_BELOW {
        options.compression_method(zip::CompressionMethod::Stored)
    } else {
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(6))
    }
}

/// A one-entry archive of a finished part, for [`PartCache`].
fn single_entry(name: &str, bytes: &[u8]) -> zip::result::ZipResult<Entry> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(name, entry_options(name, bytes))?;
    zip.write_all(bytes)?;
    let archive: Arc<[u8]> = zip.finish()?.into_inner().into();
    zip::ZipArchive::new(Cursor::new(archive))
}

/// Parts docx-rs always builds that a note never uses (empty comments, footnotes, custom and
/// application properties): [`parts`] does not take them, and their content types and
/// relationships are removed.
const UNUSED_PARTS: &[&str] = &[
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "docProps/custom.xml",
    "docProps/app.xml",
];
/// The same parts as relationship targets (relative to `word/` or the package root).
const UNUSED_TARGETS: &[&str] = &[
    "comments.xml",
    "commentsExtended.xml",
    "footnotes.xml",
    "docProps/custom.xml",
    "docProps/app.xml",
];
/// Parts smaller than this are stored, not deflated.
const STORE_BELOW: usize = 300;

/// Removes the empty elements starting with `open` whose `attribute` value (the text after
/// `attribute`, up to the closing quote) is one of `values`.
fn without_elements(xml: &[u8], open: &str, attribute: &str, values: &[&str]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(start) = rest.find(open) {
        let Some(length) = rest[start..].find("/>").map(|i| i + 2) else {
            break;
        };
        let element = &rest[start..start + length];
        let value = element
            .split_once(attribute)
            .and_then(|(_, after)| after.split('"').next())
            .unwrap_or_default();
        out.push_str(&rest[..start]);
        if !values.contains(&value) {
            out.push_str(element);
        }
        rest = &rest[start + length..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Removes the first element that starts with `open`, up to the first `close` after it.
fn without_block(xml: &[u8], open: &str, close: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let Some(start) = text.find(open) else {
        return xml.to_vec();
    };
    let Some(end) = text[start..].find(close).map(|i| start + i + close.len()) else {
        return xml.to_vec();
    };
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// Inserts `insert` just before the first `close` that follows `open`.
fn insert_after(xml: &[u8], open: &str, close: &str, insert: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let Some(start) = text.find(open) else {
        return xml.to_vec();
    };
    let Some(end) = text[start..].find(close).map(|i| start + i) else {
        return xml.to_vec();
    };
    format!("{}{insert}{}", &text[..end], &text[end..]).into_bytes()
}

/// Inserts `insert` right after the element that starts with `element` (an empty element).
fn insert_after_element(xml: &[u8], element: &str, insert: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let Some(start) = text.find(element) else {
        return xml.to_vec();
    };
    let Some(end) = text[start..].find("/>").map(|i| start + i + 2) else {
        return xml.to_vec();
    };
    format!("{}{insert}{}", &text[..end], &text[end..]).into_bytes()
}

fn core_properties(document: &Document) -> String {
    let when = timestamp(document);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
<dc:language>{language}</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified></cp:coreProperties>",
        title = xml_escape(&document.title),
        author = xml_escape(&document.author),
        language = xml_escape(&document.language),
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
