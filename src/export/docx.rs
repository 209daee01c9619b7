//! Document -> DOCX bytes through docx-rs, with named styles that mirror the PDF's setting, the
//! letterhead and emblem in the first page's header, the addressee in its footer and page
//! numbers from page 2. The package is then rewritten: title, author and language added, and
//! every part deflated with a fixed timestamp, so the bytes are small and reproducible.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelSuffixType, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId,
    PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, SpecialIndentType, Start,
    Style as DocxStyle, StyleType,
};

use super::ExportError;
use crate::document::{Block, BlockKind, Document, Inline};
use crate::fonts::DOCX_FAMILY;
use crate::layout::style::{
    block_style, Align, BlockStyle, EMBLEM_GAP, EMBLEM_HEIGHT, MARGIN, PAGE_NUMBER_SIZE,
};
use crate::model::{ImageFormat, Paper};

/// The numbering (list) definition of the members (docx-rs uses 1 for its default list).
const MEMBER_LIST: usize = 10;

/// Points to twentieths of a point (twips), Word's unit for lengths.
fn twips(points: f32) -> i32 {
    (points * 20.0).round() as i32
}

/// Points to half-points, Word's unit for font sizes.
fn half_points(points: f32) -> usize {
    (points * 2.0).round() as usize
}

const KINDS: [BlockKind; 13] = [
    BlockKind::Letterhead,
    BlockKind::Reference,
    BlockKind::Body,
    BlockKind::Heading,
    BlockKind::Member,
    BlockKind::Closing,
    BlockKind::PlaceDate,
    BlockKind::Seal,
    BlockKind::Addressee,
    BlockKind::DateLine,
    BlockKind::Address,
    BlockKind::Salutation,
    BlockKind::Signature,
];

/// The style id and display name of each kind of block.
fn style_name(kind: BlockKind) -> (&'static str, &'static str) {
    match kind {
        BlockKind::Letterhead => ("NoteLetterhead", "Note Letterhead"),
        BlockKind::Reference => ("NoteReference", "Note Reference"),
        BlockKind::Body => ("NoteBody", "Note Body"),
        BlockKind::Heading => ("NoteRoleHeading", "Note Role Heading"),
        BlockKind::Member => ("NoteMember", "Note Member"),
        BlockKind::Closing => ("NoteClosing", "Note Closing"),
        BlockKind::PlaceDate => ("NotePlaceDate", "Note Place and Date"),
        BlockKind::Seal => ("NoteSeal", "Note Seal and Initials"),
        BlockKind::Addressee => ("NoteAddressee", "Note Addressee"),
        BlockKind::DateLine => ("NoteDateLine", "Note Date Line"),
        BlockKind::Address => ("NoteAddress", "Note Address"),
        BlockKind::Salutation => ("NoteSalutation", "Note Salutation"),
        BlockKind::Signature => ("NoteSignature", "Note Signature"),
    }
}

fn paragraph_style(kind: BlockKind) -> DocxStyle {
    let (id, name) = style_name(kind);
    let s = block_style(kind);
    let spacing = LineSpacing::new()
        .before(twips(s.space_before) as u32)
        .after(0)
        .line(twips(if s.min_height > 0.0 {
            s.min_height
        } else {
            s.leading
        }))
        .line_rule(LineSpacingType::Exact);
    let special = if s.first_line > 0.0 {
        Some(SpecialIndentType::FirstLine(twips(s.first_line)))
    } else if s.hanging > 0.0 {
        Some(SpecialIndentType::Hanging(twips(s.hanging)))
    } else {
        None
    };
    let left = s.indent + s.hanging;
    let mut style = DocxStyle::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(half_points(s.size))
        .align(alignment(s.align))
        .line_spacing(spacing)
        .indent(Some(twips(left)), special, None, None);
    if s.italic {
        style = style.italic();
    }
    // Headings of the list are headings for Word's navigation pane and screen readers too.
    if kind == BlockKind::Heading {
        style = style.outline_lvl(1);
    }
    style
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        // `Justified` writes an invalid value; `Both` is Word's justify.
        Align::Justify => AlignmentType::Both,
    }
}

fn paragraph(block: &Block) -> Paragraph {
    let style: BlockStyle = block_style(block.kind);
    let mut paragraph = Paragraph::new()
        .style(style_name(block.kind).0)
        .keep_next(style.keep_with_next)
        .keep_lines(style.unbreakable);
    if block.kind == BlockKind::Member {
        // Members form a real list (without visible numbers), as the PDF's list structure.
        paragraph = paragraph.numbering(NumberingId::new(MEMBER_LIST), IndentLevel::new(0));
    }
    for inline in &block.inlines {
        paragraph = paragraph.add_run(match inline {
            Inline::Text { text, style } => {
                let mut run = Run::new().add_text(text.as_str());
                if style.bold {
                    run = run.bold();
                }
                if style.italic {
                    run = run.italic();
                }
                run
            }
            Inline::LineBreak => Run::new().add_break(BreakType::TextWrapping),
        });
    }
    paragraph
}

/// Writes the DOCX of a document.
pub fn export(document: &Document) -> Result<Vec<u8>, ExportError> {
    let (width, height) = match document.paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let margin = twips(MARGIN);
    let mut docx = Docx::new()
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(margin)
                .bottom(margin)
                .left(margin)
                .right(margin)
                .header(twips(MARGIN / 2.0))
                .footer(twips(MARGIN / 2.0)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(DOCX_FAMILY)
                .hi_ansi(DOCX_FAMILY)
                .cs(DOCX_FAMILY)
                .east_asia(DOCX_FAMILY),
        )
        .default_size(24)
        .created_at(&timestamp(document))
        .updated_at(&timestamp(document))
        .title_pg();
    for kind in KINDS {
        docx = docx.add_style(paragraph_style(kind));
    }
    let member = block_style(BlockKind::Member);
    docx = docx
        .add_abstract_numbering(
            AbstractNumbering::new(MEMBER_LIST).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("none"),
                    LevelText::new(""),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(twips(member.indent + member.hanging)),
                    Some(SpecialIndentType::Hanging(twips(member.hanging))),
                    None,
                    None,
                )
                .suffix(LevelSuffixType::Nothing),
            ),
        )
        .add_numbering(Numbering::new(MEMBER_LIST, MEMBER_LIST));
    docx = docx.add_style(
        DocxStyle::new("NotePageNumber", StyleType::Paragraph)
            .name("Note Page Number")
            .based_on("Normal")
            .size(half_points(PAGE_NUMBER_SIZE))
            .align(AlignmentType::Center),
    );

    let mut first_header = Header::new();
    if let Some(emblem) = &document.emblem {
        // EMU: 12,700 per point.
        let height_emu = (EMBLEM_HEIGHT * 12_700.0) as u32;
        let width_emu = (f64::from(height_emu) * f64::from(emblem.width_px)
            / f64::from(emblem.height_px)) as u32;
        let pic =
            Pic::new_with_dimensions(emblem.bytes.to_vec(), emblem.width_px, emblem.height_px)
                .size(width_emu, height_emu)
                .id(EMBLEM_ID);
        first_header = first_header.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(twips(EMBLEM_GAP) as u32))
                .add_run(Run::new().add_image(pic)),
        );
    }
    let mut first_footer = Footer::new();
    for block in &document.blocks {
        match block.kind {
            BlockKind::Letterhead => first_header = first_header.add_paragraph(paragraph(block)),
            BlockKind::Addressee => first_footer = first_footer.add_paragraph(paragraph(block)),
            _ => docx = docx.add_paragraph(paragraph(block)),
        }
    }
    let page_number = Footer::new().add_paragraph(
        Paragraph::new()
            .style("NotePageNumber")
            .add_run(Run::new().add_text("- "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" -")),
    );
    // The default header and footer go in first: docx-rs numbers header parts in the order they
    // are added but lists their relationships default first, and the emblem's relationship
    // must land beside the first-page header that uses it.
    docx = docx
        .header(Header::new())
        .first_header(first_header)
        .footer(page_number)
        .first_footer(first_footer);

    let mut stored = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut stored)
        .map_err(|e| error(format!("packing failed: {e}")))?;
    repack(&stored.into_inner(), document).map_err(|e| error(format!("repacking failed: {e}")))
}

/// The emblem's relationship id, fixed so that every run writes the same bytes.
const EMBLEM_ID: &str = "rIdEmblem";
const EMBLEM_MEDIA_PNG: &str = "media/headerrIdEmblem.png";
const EMBLEM_MEDIA_JPEG: &str = "media/headerrIdEmblem.jpeg";

fn timestamp(document: &Document) -> String {
    format!("{}T00:00:00Z", document.created)
}

/// Rewrites the stored ZIP that docx-rs makes: patched metadata parts, deflated entries and a
/// fixed timestamp on each, in the same order.
fn repack(stored: &[u8], document: &Document) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
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
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        let name = rename(entry.name().to_string());
        if UNUSED_PARTS.contains(&name.as_str()) {
            continue;
        }
        // Folders need no entries of their own in a package.
        if entry.is_dir() {
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes)?;
        let bytes = match name.as_str() {
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
        };
        let bytes = if name.starts_with("word/") && name.ends_with(".xml") {
            super::schema_order::normalize(&bytes)
                .map_err(|e| zip::result::ZipError::Io(std::io::Error::other(e.to_string())))?
        } else {
            bytes
        };
        // A relationships part that lists nothing can be left out.
        let marker = b"<Relationship ";
        if name.ends_with(".rels") && !bytes.windows(marker.len()).any(|w| w == marker) {
            continue;
        }
        // Pictures are compressed already, and a tiny part costs more to deflate than it saves.
        let options = if name.starts_with("word/media/") || bytes.len() < STORE_BELOW {
            options
                .compression_method(zip::CompressionMethod::Stored)
                .compression_level(None)
        } else {
            options
        };
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// Parts docx-rs always writes that a note never uses (empty comments, footnotes, custom and
/// application properties); they are left out of the package with their relationships.
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

fn error(message: String) -> ExportError {
    ExportError {
        format: "DOCX",
        message,
    }
}
