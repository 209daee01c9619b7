//! Drops the namespace declarations a part never uses.
//!
//! docx-rs declares a dozen namespaces (VML, Office 2010 shapes, ...) on the root of every part
//! whether or not the part uses them; in a one-page note that is a fifth of the package. A
//! declaration stays when its prefix names an element or attribute below the root, and
//! `mc:Ignorable` keeps only prefixes still declared, as markup compatibility requires.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The part with its root's unused `xmlns:` declarations removed; unchanged if it cannot be read.
pub fn without_unused(xml: &[u8]) -> Vec<u8> {
    prune(xml).unwrap_or_else(|| xml.to_vec())
}

fn prune(xml: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(xml).ok()?;
    let mut reader = Reader::from_str(text);
    let (root, empty) = loop {
        match reader.read_event().ok()? {
            Event::Start(start) => break (start.into_owned(), false),
            Event::Empty(start) => break (start.into_owned(), true),
            Event::Eof => return None,
            _ => {}
        }
    };
    let root_end = usize::try_from(reader.buffer_position()).ok()?;
    let root_start = text[..root_end].rfind('<')?;
    let body = &text[root_end..];
    let root_name = std::str::from_utf8(root.name().as_ref()).ok()?.to_string();
    let used = |prefix: &str| {
        root_name.starts_with(&format!("{prefix}:"))
            || body.contains(&format!("<{prefix}:"))
            || body.contains(&format!(" {prefix}:"))
    };

    let mut attributes = Vec::new();
    for attribute in root.attributes() {
        let attribute = attribute.ok()?;
        let key = std::str::from_utf8(attribute.key.as_ref())
            .ok()?
            .to_string();
        // Namespace names and prefix lists hold no entities: the raw value is the value.
        let value = std::str::from_utf8(&attribute.value).ok()?.to_string();
        attributes.push((key, value));
    }
    let declared = |prefix: &str| {
        attributes
            .iter()
            .any(|(k, _)| *k == format!("xmlns:{prefix}"))
            && used(prefix)
    };
    // What mc:Ignorable still names, if anything.
    let ignorable = attributes
        .iter()
        .find(|(key, _)| key == "mc:Ignorable")
        .map(|(_, value)| {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|p| declared(p))
                .collect();
            kept.join(" ")
        })
        .filter(|kept| !kept.is_empty());
    let mut root_out = BytesStart::new(root_name.as_str());
    for (key, value) in &attributes {
        match (key.strip_prefix("xmlns:"), key.as_str()) {
            (Some("mc"), _) if ignorable.is_none() && !used("mc") => {}
            (Some(prefix), _) if prefix != "mc" && !used(prefix) => {}
            (None, "mc:Ignorable") => {
                if let Some(kept) = &ignorable {
                    root_out.push_attribute((key.as_str(), kept.as_str()));
                }
            }
            _ => root_out.push_attribute((key.as_str(), value.as_str())),
        }
    }

    let mut out = Vec::with_capacity(xml.len());
    out.extend_from_slice(&xml[..root_start]);
    out.push(b'<');
    out.extend_from_slice(&root_out);
    out.extend_from_slice(if empty { b"/>" } else { b">" });
    out.extend_from_slice(body.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PART: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:ftr xmlns:r=\"urn:r\" xmlns:o=\"urn:o\" xmlns:w=\"urn:w\" xmlns:wp=\"urn:wp\" \
xmlns:mc=\"urn:mc\" xmlns:wp14=\"urn:wp14\" xmlns:w14=\"urn:w14\" mc:Ignorable=\"w14 wp14\">\
<w:p w14:paraId=\"00000016\"><w:r><w:t>o: wp here</w:t></w:r></w:p></w:ftr>";

    #[test]
    fn keeps_what_is_used_and_what_ignorable_names() {
        let pruned = String::from_utf8(without_unused(PART.as_bytes())).unwrap();
        assert_eq!(
            pruned,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:ftr xmlns:w=\"urn:w\" xmlns:mc=\"urn:mc\" xmlns:w14=\"urn:w14\" mc:Ignorable=\"w14\">\
<w:p w14:paraId=\"00000016\"><w:r><w:t>o: wp here</w:t></w:r></w:p></w:ftr>"
        );
    }

    #[test]
    fn drops_markup_compatibility_when_nothing_is_ignorable() {
        let part = PART.replace(" w14:paraId=\"00000016\"", "");
        let pruned = String::from_utf8(without_unused(part.as_bytes())).unwrap();
        assert!(
            pruned.contains("<w:ftr xmlns:w=\"urn:w\"><w:p>"),
            "{pruned}"
        );
    }

    #[test]
    fn an_empty_part_keeps_only_its_own_namespace() {
        let part = "<?xml version=\"1.0\"?><w:hdr xmlns:o=\"urn:o\" xmlns:w=\"urn:w\" \
xmlns:mc=\"urn:mc\" xmlns:w14=\"urn:w14\" mc:Ignorable=\"w14\" />";
        let pruned = String::from_utf8(without_unused(part.as_bytes())).unwrap();
        assert_eq!(pruned, "<?xml version=\"1.0\"?><w:hdr xmlns:w=\"urn:w\"/>");
    }
}
