//! Document -> DOCX bytes through docx-rs, with named styles that mirror the PDF's setting, the
//! letterhead and emblem in the first page's header, the addressee in its footer and page
//! numbers from page 2; a note in Arabic right to left ([`direction`]). [`package`] zips what
//! docx-rs wrote, with the few fix-ups docx-rs needs.

mod direction;
mod fixups;
mod package;
mod schema_order;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelSuffixType, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId,
    PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, SpecialIndentType, Start,
    Style as DocxStyle, StyleType, Tab, TabValueType, VertAlignType,
};

use self::direction::Piece;
use super::ExportError;
use crate::document::{Block, BlockKind, Document, Inline};
use crate::fonts::{DOCX_ARABIC_FAMILY, DOCX_CHINESE_FAMILY, DOCX_FAMILY};
use crate::layout::style::{
    block_style, seal_size, BlockStyle, EMBLEM_GAP, EMBLEM_HEIGHT, MARGIN, PAGE_NUMBER_SIZE,
    SEAL_GAP, SEAL_HEIGHT,
};
use crate::layout::Layout;
use crate::model::{Image, Paper};

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
        BlockKind::Subject => ("NoteSubject", "Note Subject"),
        BlockKind::Salutation => ("NoteSalutation", "Note Salutation"),
        BlockKind::Signature => ("NoteSignature", "Note Signature"),
        BlockKind::Contact => ("NoteContact", "Note Contact"),
        BlockKind::Notation => ("NoteNotation", "Note Enclosure and Copy"),
    }
}

/// The style of a kind of block; in a right-to-left note its paragraphs run right to left and
/// are upright, as Arabic has no italic (the PDF sets every style of it in Noto Naskh Arabic's
/// upright faces).
fn paragraph_style(kind: BlockKind, right_to_left: bool, kept: f32) -> DocxStyle {
    let (id, name) = style_name(kind);
    let s = block_style(kind);
    let spacing = LineSpacing::new()
        .before(twips(s.space_before * kept) as u32)
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
        .align(direction::alignment(s.align, right_to_left))
        .line_spacing(spacing)
        .indent(Some(twips(left)), special, None, None);
    if s.italic && !right_to_left {
        style = style.italic();
    }
    if right_to_left {
        style.paragraph_property = style.paragraph_property.bidi(true);
    }
    // Headings of the list are headings for Word's navigation pane and screen readers too.
    if kind == BlockKind::Heading {
        style = style.outline_lvl(1);
    }
    style
}

/// A block's paragraph, right to left (`w:bidi`) in a right-to-left note.
fn paragraph(block: &Block, right_to_left: bool) -> Paragraph {
    let style: BlockStyle = block_style(block.kind);
    let mut paragraph = Paragraph::new()
        .style(style_name(block.kind).0)
        .keep_next(style.keep_with_next)
        .keep_lines(style.unbreakable);
    if right_to_left {
        paragraph.property = paragraph.property.bidi(true);
    }
    if block.kind == BlockKind::Member {
        // Members form a real list (without visible numbers), as the PDF's list structure.
        paragraph = paragraph.numbering(NumberingId::new(MEMBER_LIST), IndentLevel::new(0));
    }
    for piece in direction::pieces(block, right_to_left) {
        paragraph = paragraph.add_run(match piece {
            Piece::Text {
                text,
                style,
                right_to_left: rtl_run,
            } => {
                let mut run = Run::new().add_text(text);
                if style.bold {
                    run = run.bold();
                }
                // Arabic has no italic: the PDF sets a right-to-left note upright.
                if style.italic && !right_to_left {
                    run = run.italic();
                }
                if style.superscript {
                    run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
                }
                if rtl_run {
                    // Its neutral characters are complex script too; [`fixups`] adds `w:rtl`
                    // to the runs so marked, which docx-rs 0.4 has no API for.
                    run = run.fonts(RunFonts::new().hint("cs"));
                }
                run
            }
            Piece::Break => Run::new().add_break(BreakType::TextWrapping),
        });
    }
    paragraph
}

/// The note's paragraph styles.
fn with_styles(mut docx: Docx, right_to_left: bool, kept: f32) -> Docx {
    for &kind in BlockKind::ALL {
        docx = docx.add_style(paragraph_style(kind, right_to_left, kept));
    }
    let mut page_number = DocxStyle::new("NotePageNumber", StyleType::Paragraph)
        .name("Note Page Number")
        .based_on("Normal")
        .size(half_points(PAGE_NUMBER_SIZE))
        .align(AlignmentType::Center);
    if right_to_left {
        page_number.paragraph_property = page_number.paragraph_property.bidi(true);
    }
    docx.add_style(page_number)
}

/// The members' list definition (without visible numbers).
fn with_member_list(docx: Docx) -> Docx {
    let member = block_style(BlockKind::Member);
    docx.add_abstract_numbering(
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
    .add_numbering(Numbering::new(MEMBER_LIST, MEMBER_LIST))
}

/// Writes the DOCX of a document as its PDF `layout` sets it: Word breaks the letterhead where
/// the PDF does ([`Layout::letterhead_breaks`]) and keeps the same share of the space between
/// blocks ([`Layout::spacing`]).
pub fn export(document: &Document, layout: &Layout) -> Result<Vec<u8>, ExportError> {
    let right_to_left = document.right_to_left();
    let styles = with_styles(page_setup(document), right_to_left, layout.spacing);
    let docx = with_member_list(styles);
    let header = emblem_header(document);
    let (docx, first_header, first_footer) =
        with_blocks(docx, document, header, &layout.letterhead_breaks);
    let page_number = page_number_footer(right_to_left);
    // The default header and footer go in first: docx-rs numbers header parts in the order they
    // are added but lists their relationships default first, and the emblem's relationship
    // must land beside the first-page header that uses it.
    let docx = docx
        .header(Header::new())
        .first_header(first_header)
        .footer(page_number)
        .first_footer(first_footer);

    package::pack(docx, document)
}

/// An empty document with the note's paper, margins, default font and dates, and a first page
/// of its own header and footer.
fn page_setup(document: &Document) -> Docx {
    let (width, height) = match document.paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let margin = twips(MARGIN);
    Docx::new()
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
                // Complex script: Arabic, and the runs marked right to left.
                .cs(complex_script_family(document))
                .east_asia(east_asian_family(document)),
        )
        .default_size(24)
        .created_at(&timestamp(document))
        .updated_at(&timestamp(document))
        .title_pg()
}

/// The first page's header, with the emblem centred in it if the note has one.
fn emblem_header(document: &Document) -> Header {
    let header = Header::new();
    let Some(emblem) = &document.emblem else {
        return header;
    };
    // EMU: 12,700 per point.
    let height_emu = (EMBLEM_HEIGHT * 12_700.0) as u32;
    let width_emu =
        (f64::from(height_emu) * f64::from(emblem.width_px) / f64::from(emblem.height_px)) as u32;
    let pic = Pic::new_with_dimensions(emblem.bytes.to_vec(), emblem.width_px, emblem.height_px)
        .size(width_emu, height_emu)
        .id(EMBLEM_ID);
    let mut paragraph = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(twips(EMBLEM_GAP) as u32))
        .add_run(Run::new().add_image(pic));
    if document.right_to_left() {
        paragraph.property = paragraph.property.bidi(true);
    }
    header.add_paragraph(paragraph)
}

/// Each block as a paragraph where it goes: the letterhead and contact lines in the first
/// page's header, the addressee in its footer, the rest in the body.
fn with_blocks(
    mut docx: Docx,
    document: &Document,
    mut first_header: Header,
    letterhead_breaks: &[usize],
) -> (Docx, Header, Footer) {
    let mut first_footer = Footer::new();
    let right_to_left = document.right_to_left();
    for (index, block) in document.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Letterhead => {
                let block = broken_at(block, letterhead_breaks);
                first_header = first_header.add_paragraph(paragraph(&block, right_to_left))
            }
            BlockKind::Contact => {
                first_header = first_header.add_paragraph(paragraph(block, right_to_left))
            }
            BlockKind::Addressee => {
                first_footer = first_footer.add_paragraph(paragraph(block, right_to_left))
            }
            BlockKind::Seal => {
                let seal = document.seal.as_ref();
                docx = docx.add_paragraph(seal.map_or_else(
                    || paragraph(block, right_to_left),
                    |seal| seal_paragraph(block, &seal.image, document),
                ))
            }
            _ => docx = docx.add_paragraph(body_paragraph(document, index)),
        }
    }
    (docx, first_header, first_footer)
}

/// A block with a line break where each of its later lines starts (`breaks`, byte offsets in
/// its text without word joiners), the spaces around the break left out.
fn broken_at(block: &Block, breaks: &[usize]) -> Block {
    let mut inlines = Vec::new();
    let mut offset = 0;
    for inline in &block.inlines {
        let Inline::Text { text, style } = inline else {
            inlines.push(inline.clone());
            offset += 1;
            continue;
        };
        let text = text.replace('\u{2060}', "");
        let mut from = 0;
        let within = |at: usize| at > 0 && at >= offset && at < offset + text.len();
        for &at in breaks.iter().filter(|&&at| within(at)) {
            let piece = text[from..at - offset].trim_end();
            if !piece.is_empty() {
                inlines.push(Inline::Text {
                    text: piece.to_string(),
                    style: *style,
                });
            }
            inlines.push(Inline::LineBreak);
            from = at - offset;
        }
        inlines.push(Inline::Text {
            text: text[from..].to_string(),
            style: *style,
        });
        offset += text.len();
    }
    Block {
        kind: block.kind,
        inlines,
    }
}

/// The paragraph of block `index`, in the body.
fn body_paragraph(document: &Document, index: usize) -> Paragraph {
    let mut paragraph = paragraph(&document.blocks[index], document.right_to_left());
    // The closing is never alone on the last page: the last member, or the last lines of the
    // paragraph before it, go with it. Word repeats no heading over a list that goes on; the
    // PDF does.
    if document
        .blocks
        .get(index + 1)
        .is_some_and(|next| next.kind == BlockKind::Closing)
    {
        paragraph = paragraph.keep_next(true);
    }
    paragraph
}

/// The footer of the pages after the first: `- 2 -`, centred.
fn page_number_footer(right_to_left: bool) -> Footer {
    let mut paragraph = Paragraph::new()
        .style("NotePageNumber")
        .add_run(Run::new().add_text("- "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" -"));
    if right_to_left {
        paragraph.property = paragraph.property.bidi(true);
    }
    Footer::new().add_paragraph(paragraph)
}

/// The emblem's relationship id, fixed so that every run writes the same bytes.
const EMBLEM_ID: &str = "rIdEmblem";
/// The seal's relationship id.
const SEAL_ID: &str = "rIdSeal";

/// The seal space with the seal at its start (its left, or its right in a right-to-left
/// note), [`SEAL_HEIGHT`] high, and the initials after it, level with its foot, as the PDF sets
/// them.
fn seal_paragraph(block: &Block, seal: &Image, document: &Document) -> Paragraph {
    let right_to_left = document.right_to_left();
    let measure = document.paper.size_pt().0 - 2.0 * MARGIN;
    let (width, height) = seal_size(seal.width_px, seal.height_px, measure);
    // EMU: 12,700 per point.
    let pic = Pic::new_with_dimensions(seal.bytes.to_vec(), seal.width_px, seal.height_px)
        .size((width * 12_700.0) as u32, (height * 12_700.0) as u32)
        .id(SEAL_ID);
    let mut runs = vec![Run::new().add_image(pic)];
    if !block.inlines.is_empty() {
        runs.push(Run::new().add_tab());
    }
    // The style's exact line height would crop the picture; the tab stop sets the initials
    // where the PDF sets them.
    let mut paragraph = paragraph(block, right_to_left)
        .line_spacing(
            LineSpacing::new()
                .line(twips(SEAL_HEIGHT))
                .line_rule(LineSpacingType::AtLeast),
        )
        .add_tab(
            Tab::new()
                .val(if right_to_left {
                    TabValueType::Start
                } else {
                    TabValueType::Left
                })
                .pos(twips(width + SEAL_GAP).max(0) as usize),
        );
    for (at, run) in runs.into_iter().enumerate() {
        paragraph
            .children
            .insert(at, docx_rs::ParagraphChild::Run(Box::new(run)));
    }
    paragraph
}

fn timestamp(document: &Document) -> String {
    format!("{}T00:00:00Z", document.created)
}

/// The family of complex-script text (Arabic): Noto Naskh Arabic in a note in Arabic, as in its
/// PDF, whose Latin letters are Liberation Serif's as everywhere (`w:ascii`), so that lines
/// break alike; the Latin family otherwise.
fn complex_script_family(document: &Document) -> &'static str {
    if document.right_to_left() {
        DOCX_ARABIC_FAMILY
    } else {
        DOCX_FAMILY
    }
}

/// The family Word sets ideographs in: the Chinese face for a note in Chinese (which Word
/// replaces by its own Song face where it is missing), the Latin family otherwise.
fn east_asian_family(document: &Document) -> &'static str {
    if document.language.starts_with("zh") {
        DOCX_CHINESE_FAMILY
    } else {
        DOCX_FAMILY
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use quick_xml::events::Event;

    use super::*;
    use crate::dates::Date;
    use crate::document::Style;

    /// A layout that keeps the spacing as styled and breaks the letterhead nowhere.
    fn as_styled() -> Layout {
        Layout {
            width: 595.0,
            height: 842.0,
            pages: Vec::new(),
            report: Vec::new(),
            letterhead_breaks: Vec::new(),
            spacing: 1.0,
        }
    }

    fn note() -> Document {
        let block = |kind, text: &str| Block {
            kind,
            inlines: vec![Inline::Text {
                text: text.to_string(),
                style: Style::default(),
            }],
        };
        Document {
            title: "Note verbale".to_string(),
            author: "Mission".to_string(),
            language: "en-GB".to_string(),
            created: Date::new(2017, 8, 15).unwrap(),
            paper: Paper::A4,
            pdf_a: None,
            emblem: None,
            seal: None,
            continued: String::new(),
            blocks: vec![
                block(BlockKind::Body, "The Mission presents its compliments."),
                block(BlockKind::Member, "Mr. A"),
                block(BlockKind::Member, "Ms. B"),
            ],
        }
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn attribute(start: &quick_xml::events::BytesStart, key: &str) -> String {
        let value = start.try_get_attribute(key).unwrap().unwrap().value;
        String::from_utf8(value.to_vec()).unwrap()
    }

    #[test]
    fn every_list_instance_points_at_a_list_definition() {
        let numbering = part(
            &export(&note(), &as_styled()).unwrap(),
            "word/numbering.xml",
        );
        let mut definitions = Vec::new();
        let mut references = Vec::new();
        let mut reader = quick_xml::Reader::from_str(&numbering);
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    b"w:abstractNum" => definitions.push(attribute(&e, "w:abstractNumId")),
                    b"w:abstractNumId" => references.push(attribute(&e, "w:val")),
                    _ => {}
                },
                _ => {}
            }
        }
        assert!(references.contains(&MEMBER_LIST.to_string()), "{numbering}");
        for reference in &references {
            assert!(definitions.contains(reference), "{reference}: {numbering}");
        }
    }

    /// The note in Arabic: a body paragraph with a Latin name in it, a member.
    fn arabic_note() -> Document {
        let mut note = note();
        note.language = "ar".to_string();
        note.blocks[0] = Block {
            kind: BlockKind::Body,
            inlines: vec![Inline::Text {
                text: "تهدي البعثة John Smith أطيب تحياتها".to_string(),
                style: Style::default(),
            }],
        };
        note.blocks[1].inlines = vec![Inline::Text {
            text: "السيد أحمد".to_string(),
            style: Style::default(),
        }];
        note
    }

    /// Each paragraph of a part: whether it is right to left, and its runs' text with whether
    /// each is marked right to left.
    fn paragraphs(xml: &str) -> Vec<(bool, Vec<(String, bool)>)> {
        let mut paragraphs = Vec::new();
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == b"w:p" => {
                    paragraphs.push((false, Vec::new()))
                }
                Event::Start(e) if e.name().as_ref() == b"w:r" => {
                    if let Some((_, runs)) = paragraphs.last_mut() {
                        runs.push((String::new(), false));
                    }
                }
                Event::Empty(e) => {
                    let Some((bidi, runs)) = paragraphs.last_mut() else {
                        continue;
                    };
                    match e.name().as_ref() {
                        b"w:bidi" => *bidi = true,
                        b"w:rtl" => runs.last_mut().unwrap().1 = true,
                        _ => {}
                    }
                }
                Event::Text(text) => {
                    if let Some((_, runs)) = paragraphs.last_mut() {
                        runs.last_mut().unwrap().0 += &text.decode().unwrap();
                    }
                }
                _ => {}
            }
        }
        paragraphs
    }

    #[test]
    fn a_note_in_arabic_runs_right_to_left_but_for_its_latin_names() {
        let docx = export(&arabic_note(), &as_styled()).unwrap();
        let paragraphs = paragraphs(&part(&docx, "word/document.xml"));
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(paragraphs.iter().all(|(bidi, _)| *bidi), "{paragraphs:?}");
        let run = |text: &str, rtl: bool| (text.to_string(), rtl);
        assert_eq!(
            paragraphs[0].1,
            [
                run("تهدي البعثة ", true),
                run("John Smith", false),
                run(" أطيب تحياتها", true)
            ]
        );
        assert_eq!(paragraphs[1].1, [run("السيد أحمد", true)]);
        // The Latin member of the note stays left to right.
        assert_eq!(paragraphs[2].1, [run("Ms. B", false)]);

        let styles = part(&docx, "word/styles.xml");
        assert!(
            styles.contains(r#"w:cs="Noto Naskh Arabic""#)
                && styles.contains(r#"<w:rFonts w:ascii="Times New Roman""#),
            "{styles}"
        );
        assert!(
            styles.contains(r#"<w:lang w:val="ar" w:bidi="ar-SA"/>"#),
            "{styles}"
        );
        // The body is justified and the members start at the right; `w:bidi` comes before
        // `w:jc`, in schema order; nothing is italic.
        let body = styles.split(r#"w:styleId="NoteBody""#).nth(1).unwrap();
        let body = &body[..body.find("</w:style>").unwrap()];
        assert!(
            body.contains(r#"<w:bidi /><w:spacing"#) && body.contains(r#"<w:jc w:val="both" />"#),
            "{body}"
        );
        let member = styles.split(r#"w:styleId="NoteMember""#).nth(1).unwrap();
        assert!(
            member[..member.find("</w:style>").unwrap()].contains(r#"<w:jc w:val="start" />"#),
            "{member}"
        );
        assert!(!styles.contains("<w:i "), "{styles}");
        assert!(
            !part(&docx, "word/settings.xml").contains("autoHyphenation"),
            "Arabic is not hyphenated"
        );
    }

    #[test]
    fn a_note_in_english_has_nothing_right_to_left() {
        let docx = export(&note(), &as_styled()).unwrap();
        for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
            let xml = part(&docx, name);
            assert!(
                !xml.contains("w:bidi")
                    && !xml.contains("w:rtl")
                    && !xml.contains("Noto Naskh Arabic"),
                "{name}: {xml}"
            );
        }
    }

    #[test]
    fn the_same_note_gives_the_same_bytes() {
        assert_eq!(
            export(&note(), &as_styled()).unwrap(),
            export(&note(), &as_styled()).unwrap()
        );
    }

    #[test]
    fn the_spacing_between_blocks_is_the_share_the_pages_kept() {
        let styles = |spacing: f32| {
            let layout = Layout {
                spacing,
                ..as_styled()
            };
            part(&export(&note(), &layout).unwrap(), "word/styles.xml")
        };
        let closing = |styles: &str| {
            let at = styles.find(r#"w:styleId="NoteClosing""#).unwrap();
            let spacing = &styles[at..][styles[at..].find("<w:spacing").unwrap()..];
            spacing[..spacing.find("/>").unwrap()].to_string()
        };
        assert!(closing(&styles(1.0)).contains(r#"w:before="360""#));
        assert!(closing(&styles(0.5)).contains(r#"w:before="180""#));
    }
}
