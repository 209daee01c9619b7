//! docx-rs parts -> the same parts with what docx-rs 0.4 has no API for: the note's language,
//! automatic hyphenation (but in the formulae), right-to-left runs in a note in Arabic, the
//! emblem's and seal's alternative text, a JPEG's file extension, and no content types or
//! relationships for the parts a note does not use.
//!
//! Each fix-up reads the part as XML events and adds an element or attribute at a structural
//! position (inside a named parent, on a named element); the schema order of the added
//! elements is left to [`super::schema_order`].

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use crate::document::{BlockKind, Document};
use crate::model::{Image, ImageFormat};

/// The part with the fix-ups that apply to it; other parts come back as they are.
pub(super) fn apply(name: &str, xml: Vec<u8>, document: &Document) -> Result<Vec<u8>, Error> {
    // The emblem is the header's only picture, the seal the body's.
    let jpeg = if name == "word/_rels/document.xml.rels" {
        is_jpeg(document.seal.as_ref().map(|seal| &seal.image))
    } else {
        is_jpeg(document.emblem.as_ref())
    };
    let right_to_left = document.right_to_left();
    match name {
        "word/styles.xml" => rewrite(&xml, |open, event| with_language(open, event, document)),
        // Arabic is not hyphenated (nor is it in the PDF).
        "word/settings.xml" if right_to_left => Ok(xml),
        "word/settings.xml" => rewrite(&xml, with_automatic_hyphenation),
        _ if name.starts_with("word/header") && name.ends_with(".xml") => {
            rewrite(&xml, |open, event| {
                described(event, "Emblem", document.author.as_str())
                    .into_iter()
                    .flat_map(|event| right_to_left_run(open, event))
                    .collect()
            })
        }
        _ if name.starts_with("word/footer") && name.ends_with(".xml") && right_to_left => {
            rewrite(&xml, right_to_left_run)
        }
        "word/document.xml" => {
            let mut opening_seen = false;
            rewrite(&xml, |open, event| {
                let mut events = formulae_not_hyphenated(open, event, &mut opening_seen);
                if let Some(seal) = &document.seal {
                    events = events
                        .into_iter()
                        .flat_map(|event| described(event, "Seal", seal.description.as_str()))
                        .collect();
                }
                if right_to_left {
                    events = events
                        .into_iter()
                        .flat_map(|event| right_to_left_run(open, event))
                        .collect();
                }
                events
            })
        }
        "[Content_Types].xml" => rewrite(&xml, |_, event| without_unused_override(event)),
        _ if name.ends_with(".rels") => rewrite(&xml, |_, event| {
            let events = if jpeg {
                with_jpeg_target(event)
            } else {
                vec![event]
            };
            events
                .into_iter()
                .filter(|event| !targets_unused_part(name, event))
                .collect()
        }),
        _ => Ok(xml),
    }
}

/// Parts docx-rs 0.4 writes into every package, used or not: empty comments, comment
/// extensions and footnotes, and empty custom and application properties (its packer has no
/// switch for them). A note has none of these; leaving them out, with their content types and
/// relationships, keeps the DOCX of `bench/delegation-8.toml` within its 13 KB budget (15.4 KB
/// with them). The package is valid either way.
pub(super) const UNUSED_PARTS: [&str; 5] = [
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "docProps/custom.xml",
    "docProps/app.xml",
];

/// Leaves out a content type `Override` for one of the [`UNUSED_PARTS`].
fn without_unused_override(event: Event<'static>) -> Vec<Event<'static>> {
    let unused = matches!(&event, Event::Empty(start) if start.name().as_ref() == b"Override"
    && start.try_get_attribute("PartName").ok().flatten().is_some_and(|part| {
        UNUSED_PARTS.iter().any(|unused| part.value.as_ref() == format!("/{unused}").as_bytes())
    }));
    if unused {
        Vec::new()
    } else {
        vec![event]
    }
}

/// Whether an event of the relationships part `rels` is a `Relationship` whose target is one
/// of the [`UNUSED_PARTS`]. Targets are relative to the folder above `_rels/`.
fn targets_unused_part(rels: &str, event: &Event) -> bool {
    let Event::Empty(start) = event else {
        return false;
    };
    let Some(target) = start.try_get_attribute("Target").ok().flatten() else {
        return false;
    };
    let folder = rels.split_once("_rels/").map_or("", |(folder, _)| folder);
    let target = format!("{folder}{}", String::from_utf8_lossy(&target.value));
    start.name().as_ref() == b"Relationship" && UNUSED_PARTS.contains(&target.as_str())
}

/// The archive name of a part: a JPEG emblem's or seal's file gets its own extension back.
///
/// docx-rs 0.4 names every picture `word/media/<id>.png` (its packer says "for now only png
/// supported"); the content type follows the extension, so a JPEG stored under `.png` would
/// be declared `image/png`. docx-rs's `[Content_Types].xml` already maps `jpeg`.
pub(super) fn entry_name(name: String, document: &Document) -> String {
    let seal = format!("{}.png", super::SEAL_ID);
    let jpeg = |file: &str| match file == seal {
        true => is_jpeg(document.seal.as_ref().map(|seal| &seal.image)),
        false => is_jpeg(document.emblem.as_ref()),
    };
    match name.strip_prefix("word/media/") {
        Some(file) if jpeg(file) => match file.strip_suffix(".png") {
            Some(stem) => format!("word/media/{stem}.jpeg"),
            None => name,
        },
        _ => name,
    }
}

fn is_jpeg(image: Option<&Image>) -> bool {
    matches!(image, Some(e) if e.format == ImageFormat::Jpeg)
}

/// A part that cannot be read or written back.
pub type Error = quick_xml::Error;

/// The default run properties (`w:docDefaults/w:rPrDefault/w:rPr`) get the note's language, so
/// that Word checks spelling and hyphenates in it. docx-rs 0.4 has no `w:lang` in its API
/// (`RunProperty` has no language, nor has `Docx`).
fn with_language(
    open: &[Vec<u8>],
    event: Event<'static>,
    document: &Document,
) -> Vec<Event<'static>> {
    let in_defaults = open.last().is_some_and(|parent| parent == b"w:rPrDefault");
    let mut language = BytesStart::new("w:lang");
    language.push_attribute(("w:val", document.language.as_str()));
    // Chinese text is East Asian to Word: its language goes in `w:eastAsia` too.
    if document.language.starts_with("zh") {
        language.push_attribute(("w:eastAsia", document.language.as_str()));
    }
    // Arabic is complex script to Word: its language goes in `w:bidi`, with the tag Word itself
    // writes there in its own defaults. LibreOffice reads it, as it reads a bare `ar`, as
    // Arabic (Saudi Arabia).
    if document.right_to_left() {
        language.push_attribute(("w:bidi", ARABIC_TAG));
    }
    match event {
        Event::End(end) if in_defaults && end.name().as_ref() == b"w:rPr" => {
            vec![Event::Empty(language), Event::End(end)]
        }
        Event::Empty(start) if in_defaults && start.name().as_ref() == b"w:rPr" => {
            let end = start.to_end().into_owned();
            vec![Event::Start(start), Event::Empty(language), Event::End(end)]
        }
        other => vec![other],
    }
}

/// The language of complex-script text in a note in Arabic (`w:lang w:bidi`).
pub(super) const ARABIC_TAG: &str = "ar-SA";

/// A run marked complex script (`w:rFonts w:hint="cs"`, which [`super::paragraph`] gives the
/// runs of right-to-left text) gets `w:rtl`, so that Word orders its neutral characters
/// (spaces, commas) right to left and sets it with the complex-script font, size and language.
/// docx-rs 0.4's `RunProperty` has no such field.
fn right_to_left_run(open: &[Vec<u8>], event: Event<'static>) -> Vec<Event<'static>> {
    let in_run =
        open.len() >= 2 && open[open.len() - 1] == b"w:rPr" && open[open.len() - 2] == b"w:r";
    match event {
        Event::Empty(start)
            if in_run
                && start.name().as_ref() == b"w:rFonts"
                && start
                    .try_get_attribute("w:hint")
                    .ok()
                    .flatten()
                    .is_some_and(|hint| hint.value.as_ref() == b"cs") =>
        {
            vec![Event::Empty(start), Event::Empty(BytesStart::new("w:rtl"))]
        }
        other => vec![other],
    }
}

/// The settings get `w:autoHyphenation`, so that Word hyphenates the justified body as the PDF
/// does. docx-rs 0.4's `Settings` has no such field (only tab stop, zoom, document id and
/// variables, odd/even headers and character spacing).
fn with_automatic_hyphenation(open: &[Vec<u8>], event: Event<'static>) -> Vec<Event<'static>> {
    match event {
        Event::End(end) if open.is_empty() && end.name().as_ref() == b"w:settings" => {
            let mut hyphenation = BytesStart::new("w:autoHyphenation");
            hyphenation.push_attribute(("w:val", "true"));
            vec![Event::Empty(hyphenation), Event::End(end)]
        }
        other => vec![other],
    }
}

/// The paragraphs of the formulae ([`BlockKind::is_formula`], known by their style) get
/// `w:suppressAutoHyphens`, as the PDF hyphenates them only as a last resort. docx-rs 0.4's
/// `ParagraphProperty` has no such field.
fn formulae_not_hyphenated(
    open: &[Vec<u8>],
    event: Event<'static>,
    opening_seen: &mut bool,
) -> Vec<Event<'static>> {
    let Event::Empty(start) = &event else {
        return vec![event];
    };
    if open.last().is_none_or(|parent| parent != b"w:pPr") || start.name().as_ref() != b"w:pStyle" {
        return vec![event];
    }
    let style = start.try_get_attribute("w:val").ok().flatten();
    let kind = style.and_then(|style| {
        BlockKind::ALL
            .iter()
            .copied()
            .find(|&kind| super::style_name(kind).0.as_bytes() == style.value.as_ref())
    });
    let formula = kind.is_some_and(|kind| {
        let first_body = !*opening_seen;
        if kind == BlockKind::Body {
            *opening_seen = true;
        }
        kind.is_formula(first_body)
    });
    if formula {
        vec![
            event,
            Event::Empty(BytesStart::new("w:suppressAutoHyphens")),
        ]
    } else {
        vec![event]
    }
}

/// A picture's drawing properties (`wp:docPr`) get a name and, as `descr`, the alternative text
/// screen readers speak: the mission's name for the emblem, the seal's description for the seal.
/// docx-rs 0.4 always writes `name="Figure"` and no `descr` (`wp_doc_pr` in its
/// `xml_builder/drawing.rs`; `Pic` has no field for either).
fn described(event: Event<'static>, name: &str, description: &str) -> Vec<Event<'static>> {
    let described = |start: &BytesStart| {
        let mut out = BytesStart::new("wp:docPr");
        for attribute in start.attributes().flatten() {
            if !matches!(attribute.key.as_ref(), b"name" | b"descr") {
                out.push_attribute(attribute);
            }
        }
        out.push_attribute(("name", name));
        out.push_attribute(("descr", description));
        out
    };
    match event {
        Event::Empty(start) if start.name().as_ref() == b"wp:docPr" => {
            vec![Event::Empty(described(&start))]
        }
        Event::Start(start) if start.name().as_ref() == b"wp:docPr" => {
            vec![Event::Start(described(&start))]
        }
        other => vec![other],
    }
}

/// Picture relationships point at the `.jpeg` name [`entry_name`] gives a JPEG emblem.
fn with_jpeg_target(event: Event<'static>) -> Vec<Event<'static>> {
    let retargeted = |start: &BytesStart| -> Option<BytesStart<'static>> {
        let kind = start.try_get_attribute("Type").ok().flatten()?;
        if !kind.value.ends_with(b"/relationships/image") {
            return None;
        }
        let target = start.try_get_attribute("Target").ok().flatten()?;
        let stem = target.value.strip_suffix(b".png")?.to_vec();
        let mut out = BytesStart::new("Relationship");
        for attribute in start.attributes().flatten() {
            if attribute.key.as_ref() == b"Target" {
                let mut value = stem.clone();
                value.extend_from_slice(b".jpeg");
                out.push_attribute((b"Target".as_slice(), value.as_slice()));
            } else {
                out.push_attribute(attribute);
            }
        }
        Some(out)
    };
    match event {
        Event::Empty(start) if start.name().as_ref() == b"Relationship" => {
            vec![Event::Empty(retargeted(&start).unwrap_or(start))]
        }
        other => vec![other],
    }
}

/// Streams `xml` through `edit`, which gets each event with the names of the elements open
/// around it (outermost first) and returns the events to write in its place.
fn rewrite(
    xml: &[u8],
    mut edit: impl FnMut(&[Vec<u8>], Event<'static>) -> Vec<Event<'static>>,
) -> Result<Vec<u8>, Error> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 128));
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer)?.into_owned();
        let entered = match &event {
            Event::Eof => break,
            Event::Start(start) => Some(start.name().as_ref().to_vec()),
            Event::End(_) => {
                open.pop();
                None
            }
            _ => None,
        };
        for out in edit(&open, event) {
            writer.write_event(out)?;
        }
        open.extend(entered);
        buffer.clear();
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use crate::model::Paper;

    fn document() -> Document {
        Document {
            title: String::new(),
            author: "Mission of A & B".to_string(),
            language: "fr-FR".to_string(),
            created: Date::new(2017, 8, 15).unwrap(),
            paper: Paper::A4,
            pdf_a: None,
            emblem: None,
            seal: None,
            blocks: Vec::new(),
            continued: String::new(),
        }
    }

    fn fixed(name: &str, xml: &str) -> String {
        String::from_utf8(apply(name, xml.as_bytes().to_vec(), &document()).unwrap()).unwrap()
    }

    #[test]
    fn the_language_goes_into_the_default_run_properties_only() {
        let styles = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24" /></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr><w:b /></w:rPr></w:style></w:styles>"#;
        assert_eq!(
            fixed("word/styles.xml", styles),
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24" /><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr><w:b /></w:rPr></w:style></w:styles>"#
        );
    }

    #[test]
    fn the_opening_and_closing_are_not_hyphenated() {
        let p = |style: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}" /></w:pPr></w:p>"#);
        let no_hyphens = |style: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{style}" /><w:suppressAutoHyphens/></w:pPr></w:p>"#
            )
        };
        let document = [
            p("NoteReference"),
            p("NoteBody"),
            p("NoteBody"),
            p("NoteClosing"),
        ];
        assert_eq!(
            fixed("word/document.xml", &document.concat()),
            [
                p("NoteReference"),
                no_hyphens("NoteBody"),
                p("NoteBody"),
                no_hyphens("NoteClosing")
            ]
            .concat()
        );
    }

    #[test]
    fn runs_marked_complex_script_are_right_to_left() {
        let run = |properties: &str| {
            format!("<w:p><w:r><w:rPr>{properties}</w:rPr><w:t>x</w:t></w:r></w:p>")
        };
        let xml = [
            run(r#"<w:rFonts w:hint="cs" />"#),
            run(r#"<w:rFonts w:ascii="A" />"#),
        ]
        .concat();
        let rewritten =
            String::from_utf8(rewrite(xml.as_bytes(), right_to_left_run).unwrap()).unwrap();
        assert_eq!(
            rewritten,
            [
                run(r#"<w:rFonts w:hint="cs" /><w:rtl/>"#),
                run(r#"<w:rFonts w:ascii="A" />"#)
            ]
            .concat()
        );
    }

    #[test]
    fn hyphenation_is_a_child_of_the_settings() {
        let settings = r#"<?xml version="1.0"?><w:settings><w:zoom w:percent="100" /><w:compat><w:x /></w:compat></w:settings>"#;
        assert_eq!(
            fixed("word/settings.xml", settings),
            r#"<?xml version="1.0"?><w:settings><w:zoom w:percent="100" /><w:compat><w:x /></w:compat><w:autoHyphenation w:val="true"/></w:settings>"#
        );
    }

    #[test]
    fn the_emblem_is_described_with_the_escaped_mission_name() {
        let header = r#"<w:hdr><wp:docPr id="1" name="Figure" /></w:hdr>"#;
        assert_eq!(
            fixed("word/header2.xml", header),
            r#"<w:hdr><wp:docPr id="1" name="Emblem" descr="Mission of A &amp; B"/></w:hdr>"#
        );
    }

    #[test]
    fn unused_parts_lose_their_content_type_and_relationship() {
        let types = r#"<Types><Default Extension="xml" ContentType="application/xml" /><Override PartName="/word/comments.xml" ContentType="c" /><Override PartName="/word/styles.xml" ContentType="s" /></Types>"#;
        assert_eq!(
            fixed("[Content_Types].xml", types),
            r#"<Types><Default Extension="xml" ContentType="application/xml" /><Override PartName="/word/styles.xml" ContentType="s" /></Types>"#
        );
        let package = r#"<Relationships><Relationship Id="rId2" Target="docProps/app.xml" /><Relationship Id="rId3" Target="word/document.xml" /></Relationships>"#;
        assert_eq!(
            fixed("_rels/.rels", package),
            r#"<Relationships><Relationship Id="rId3" Target="word/document.xml" /></Relationships>"#
        );
        let document = r#"<Relationships><Relationship Id="rId5" Target="commentsExtended.xml" /><Relationship Id="rId1" Target="styles.xml" /><Relationship Id="rId9" Target="docProps/app.xml" /></Relationships>"#;
        assert_eq!(
            fixed("word/_rels/document.xml.rels", document),
            r#"<Relationships><Relationship Id="rId1" Target="styles.xml" /><Relationship Id="rId9" Target="docProps/app.xml" /></Relationships>"#
        );
    }

    #[test]
    fn a_jpeg_seal_is_renamed_beside_a_png_emblem() {
        let image = |format| crate::model::Image {
            path: "x".into(),
            bytes: Default::default(),
            format,
            width_px: 1,
            height_px: 1,
        };
        let mut both = document();
        both.emblem = Some(image(ImageFormat::Png));
        both.seal = Some(crate::document::Seal {
            image: image(ImageFormat::Jpeg),
            description: "Seal of the Mission".into(),
        });
        assert_eq!(
            entry_name("word/media/rIdSeal.png".into(), &both),
            "word/media/rIdSeal.jpeg"
        );
        assert_eq!(
            entry_name("word/media/headerrIdEmblem.png".into(), &both),
            "word/media/headerrIdEmblem.png"
        );
        let rels = r#"<Relationships><Relationship Id="rIdSeal" Type="http://x/relationships/image" Target="media/rIdSeal.png" /></Relationships>"#;
        let body = apply("word/_rels/document.xml.rels", rels.into(), &both).unwrap();
        assert!(String::from_utf8(body)
            .unwrap()
            .contains("media/rIdSeal.jpeg"));
        let header = apply("word/_rels/header2.xml.rels", rels.into(), &both).unwrap();
        assert_eq!(String::from_utf8(header).unwrap(), rels);
        let drawing = r#"<w:body><wp:docPr id="2" name="Figure" /></w:body>"#;
        let described = apply("word/document.xml", drawing.into(), &both).unwrap();
        assert_eq!(
            String::from_utf8(described).unwrap(),
            r#"<w:body><wp:docPr id="2" name="Seal" descr="Seal of the Mission"/></w:body>"#
        );
    }

    #[test]
    fn only_picture_relationships_of_a_jpeg_emblem_are_renamed() {
        let rels = r#"<Relationships><Relationship Id="a" Type="http://x/relationships/image" Target="media/e.png" /><Relationship Id="b" Type="http://x/relationships/styles" Target="s.png" /></Relationships>"#;
        assert_eq!(fixed("word/_rels/header2.xml.rels", rels), rels);
        let mut jpeg = document();
        jpeg.emblem = Some(crate::model::Image {
            path: "e.jpg".into(),
            bytes: Default::default(),
            format: ImageFormat::Jpeg,
            width_px: 1,
            height_px: 1,
        });
        let out = apply("word/_rels/header2.xml.rels", rels.into(), &jpeg).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            rels.replace(r#"Target="media/e.png" />"#, r#"Target="media/e.jpeg"/>"#)
        );
        assert_eq!(
            entry_name("word/media/e.png".into(), &jpeg),
            "word/media/e.jpeg"
        );
        assert_eq!(
            entry_name("word/media/e.png".into(), &document()),
            "word/media/e.png"
        );
    }
}
