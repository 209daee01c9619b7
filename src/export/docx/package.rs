//! docx-rs's parts -> the DOCX: the archive docx-rs packs, entry by entry in its order, less the
//! parts a note does not use, with our core properties, the fix-ups of [`super::fixups`] and
//! [`super::schema_order`], and each entry deflated with a fixed timestamp.

use std::io::{Cursor, Read, Write};

use quick_xml::escape::escape;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::{fixups, schema_order, timestamp};
use crate::document::Document;
use crate::export::{ExportError, ExportFault};

/// Packs what docx-rs built.
pub(super) fn pack(docx: docx_rs::Docx, document: &Document) -> Result<Vec<u8>, ExportError> {
    let zip_error = |e: zip::result::ZipError| ExportError::docx(ExportFault::Zip(e));
    let mut parts = docx.build();
    // docx-rs 0.4 cannot set the title, author or language: the fields of `CorePropsConfig` are
    // private and `Docx` has setters for the dates only. The part is public, so it is replaced.
    parts.doc_props.core = core_properties(document).into_bytes();
    let mut stored = Cursor::new(Vec::new());
    parts.pack(&mut stored).map_err(zip_error)?;

    let mut archive = ZipArchive::new(Cursor::new(stored.into_inner())).map_err(zip_error)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    // docx-rs stores every entry uncompressed (`CompressionMethod::Stored` in its `zipper`),
    // which makes a note several times larger; the fixed time keeps the bytes reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(zip_error)?;
        let name = entry.name().to_string();
        // Folder entries are not parts of an Open XML package; docx-rs's packer adds them.
        if entry.is_dir() || fixups::UNUSED_PARTS.contains(&name.as_str()) {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| zip_error(e.into()))?;
        let bytes = finished(&name, bytes, document).map_err(|error| {
            ExportError::docx(ExportFault::Rewrite {
                part: name.clone(),
                error,
            })
        })?;
        out.start_file(fixups::entry_name(name, document), options)
            .map_err(zip_error)?;
        out.write_all(&bytes).map_err(|e| zip_error(e.into()))?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// A part with its fix-ups, and a WordprocessingML part in schema order.
fn finished(name: &str, bytes: Vec<u8>, document: &Document) -> Result<Vec<u8>, fixups::Error> {
    let bytes = fixups::apply(name, bytes, document)?;
    if name.starts_with("word/") && name.ends_with(".xml") {
        schema_order::normalize(&bytes)
    } else {
        Ok(bytes)
    }
}

/// The package's core properties: title, author, language and the note's date.
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
        title = escape(document.title.as_str()),
        author = escape(document.author.as_str()),
        language = escape(document.language.as_str()),
    )
}
