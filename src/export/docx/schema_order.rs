//! WordprocessingML parts -> the same parts with children in schema order.
//!
//! docx-rs writes some properties out of the order the Open XML schema requires (`w:jc` before
//! `w:spacing`, `w:headerReference` after `w:pgSz`, ...: upstream issue bokuweb/docx-rs#724).
//! Word tolerates it but validators do not, so each part is re-read and the children of the
//! elements below are sorted by the schema's sequence. Unknown children keep their relative
//! order after the known ones.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Child order of `w:pPr` (CT_PPr).
#[rustfmt::skip]
const PARAGRAPH: &[&str] = &[
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
];

/// Child order of `w:rPr` (CT_RPr).
#[rustfmt::skip]
const RUN: &[&str] = &[
    "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
    "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath",
];

/// Child order of `w:style` (CT_Style).
#[rustfmt::skip]
const STYLE: &[&str] = &[
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
];

/// Child order of `w:sectPr` (CT_SectPr).
#[rustfmt::skip]
const SECTION: &[&str] = &[
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
];

/// Child order of `w:settings` (CT_Settings), as far as documents here use it.
#[rustfmt::skip]
const SETTINGS: &[&str] = &[
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
    "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
];

/// Child order of `w:numPr` (CT_NumPr).
const NUMBERING_PROPERTIES: &[&str] = &["ilvl", "numId", "numberingChange", "ins"];

/// Child order of `w:lvl` (CT_Lvl).
#[rustfmt::skip]
const LEVEL: &[&str] = &[
    "start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId",
    "legacy", "lvlJc", "pPr", "rPr",
];

fn order_of(element: &[u8]) -> Option<&'static [&'static str]> {
    match element {
        b"w:numPr" => Some(NUMBERING_PROPERTIES),
        b"w:lvl" => Some(LEVEL),
        b"w:pPr" => Some(PARAGRAPH),
        b"w:rPr" => Some(RUN),
        b"w:style" => Some(STYLE),
        b"w:sectPr" => Some(SECTION),
        b"w:settings" => Some(SETTINGS),
        _ => None,
    }
}

enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

impl Node {
    fn local_name(&self) -> Option<Vec<u8>> {
        match self {
            Node::Element { start, .. } => Some(start.local_name().as_ref().to_vec()),
            Node::Other(_) => None,
        }
    }

    fn is_empty_run_properties(&self) -> bool {
        matches!(self, Node::Element { start, children, .. }
            if start.name().as_ref() == b"w:rPr" && children.is_empty())
    }
}

/// Returns the part with its children in schema order (and empty `w:rPr` dropped from
/// paragraph properties, where the schema of styles does not allow them).
pub fn normalize(xml: &[u8]) -> Result<Vec<u8>, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer)?.into_owned();
        match event {
            Event::Eof => break,
            Event::Start(start) => stack.push((start, Vec::new())),
            Event::End(_) => {
                let (start, mut children) = stack.pop().ok_or(quick_xml::Error::Syntax(
                    quick_xml::errors::SyntaxError::UnclosedTag,
                ))?;
                reorder(start.name().as_ref(), &mut children);
                let node = Node::Element {
                    start,
                    children,
                    empty: false,
                };
                match stack.last_mut() {
                    Some((_, siblings)) => siblings.push(node),
                    None => top.push(node),
                }
            }
            Event::Empty(start) => {
                let node = Node::Element {
                    start,
                    children: Vec::new(),
                    empty: true,
                };
                match stack.last_mut() {
                    Some((_, siblings)) => siblings.push(node),
                    None => top.push(node),
                }
            }
            other => match stack.last_mut() {
                Some((_, siblings)) => siblings.push(Node::Other(other)),
                None => top.push(Node::Other(other)),
            },
        }
        buffer.clear();
    }
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    for node in &top {
        write(&mut writer, node)?;
    }
    Ok(writer.into_inner())
}

fn reorder(element: &[u8], children: &mut Vec<Node>) {
    if element == b"w:pPr" {
        children.retain(|child| !child.is_empty_run_properties());
    }
    let Some(order) = order_of(element) else {
        return;
    };
    children.sort_by_key(|child| {
        child
            .local_name()
            .and_then(|name| order.iter().position(|known| known.as_bytes() == name))
            .unwrap_or(order.len())
    });
}

fn write(writer: &mut Writer<Vec<u8>>, node: &Node) -> Result<(), quick_xml::Error> {
    match node {
        Node::Element {
            start,
            children,
            empty,
        } => {
            if *empty && children.is_empty() {
                writer.write_event(Event::Empty(start.borrow()))?;
            } else {
                writer.write_event(Event::Start(start.borrow()))?;
                for child in children {
                    write(writer, child)?;
                }
                writer.write_event(Event::End(start.to_end()))?;
            }
        }
        Node::Other(event) => writer.write_event(event.borrow())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paragraph_properties_and_drops_empty_run_properties() {
        let xml = br#"<w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:spacing w:before="0" /><w:pStyle w:val="A" /></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let out = String::from_utf8(normalize(xml).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="A" /><w:spacing w:before="0" /><w:jc w:val="both" /></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }
}
