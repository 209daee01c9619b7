//! Repacks a finished PDF so that its dictionaries (page tree, structure tree, fonts, outline)
//! travel in one compressed object stream, indexed by a compressed cross-reference stream
//! (PDF 1.5). krilla writes each of them as plain text with a classic cross-reference table,
//! which is about a third of a note; packed, the file shrinks by a quarter. Every object keeps
//! its number. Fonts, images and metadata are copied byte for byte; page contents and ToUnicode
//! maps, which krilla is told to leave plain, are deflated here with the packed dictionaries.
//!
//! On the way, without changing what any reader shows or extracts:
//! - the fonts' CIDSet streams are left out: only PDF/A-1 requires them (krilla writes them for
//!   its sake), PDF/A-2 and PDF/UA do not, and PDF 2.0 deprecates them;
//! - the fonts' widths are grouped into arrays ([`with_grouped_widths`]);
//! - the pages' strings are written in hex ([`hex_strings`]) and the ToUnicode maps lose their
//!   comment lines ([`without_comment_lines`]).
//!
//! PDF/A-1 files (PDF 1.4) are not repacked at all; krilla compresses their streams itself.

use std::borrow::Cow;
use std::io::Write;

use super::hex_strings;

/// The packed file, or `None` when `pdf` is not laid out as expected (then it is used as it is)
/// or is older than PDF 1.5, which has no object streams (PDF/A-1).
pub fn pack(pdf: &[u8]) -> Option<Vec<u8>> {
    if !supports_object_streams(pdf) {
        return None;
    }
    let xref_at = rfind(pdf, b"\nxref")? + 1;
    let trailer_at = xref_at + find(&pdf[xref_at..], b"trailer")?;
    let mut objects = in_use_objects(&pdf[xref_at + 4..trailer_at])?;
    objects.sort_by_key(|&(_, offset)| offset);
    let cid_sets = cid_sets(pdf, &objects, xref_at)?;
    let trailer = trailer_entries(&pdf[trailer_at..])?;
    let size = objects.iter().map(|&(number, _)| number).max()? + 1;

    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..objects.first()?.1]);
    // Type and offset, or containing stream and index, of each object (0 stays free).
    let mut entries = vec![(0u8, 0u32, u16::MAX); size as usize + 2];
    let (mut index, mut packed) = (String::new(), Vec::new());
    let mut count = 0u16;
    let mut compressor = Compressor::new();
    for (position, &(number, offset)) in objects.iter().enumerate() {
        let end = objects.get(position + 1).map_or(xref_at, |&(_, next)| next);
        let (whole, body) = object(&pdf[offset..end], number)?;
        if cid_sets.iter().any(|&(_, set)| set == number) {
            continue;
        }
        if body.ends_with(b"endstream") {
            entries[number as usize] = (1, u32::try_from(out.len()).ok()?, 0);
            match plain_stream(body) {
                Some((dictionary, data)) => {
                    let rewritten = if dictionary.is_empty() {
                        // A page's contents has nothing in its dictionary but the length.
                        hex_strings::rewrite(data)
                    } else if dictionary.contains("/Type/CMap") {
                        Some(without_comment_lines(data))
                    } else {
                        None
                    };
                    let data = compressor.deflate(rewritten.as_deref().unwrap_or(data))?;
                    write_deflated_stream(&mut out, number, dictionary, &data)?;
                }
                None => {
                    out.extend_from_slice(whole);
                    out.push(b'\n');
                }
            }
        } else {
            entries[number as usize] = (2, size, count);
            index.push_str(&format!("{number} {} ", packed.len()));
            match cid_sets
                .iter()
                .find(|&&(descriptor, _)| descriptor == number)
            {
                Some(&(_, set)) => packed.extend_from_slice(&without_cid_set(body, set)?),
                None if body.starts_with(b"<</Type/Font/Subtype/CIDFontType2") => {
                    packed.extend_from_slice(&with_grouped_widths(body))
                }
                None => packed.extend_from_slice(body),
            }
            packed.push(b'\n');
            count = count.checked_add(1)?;
        }
    }

    let stream_at = u32::try_from(out.len()).ok()?;
    entries[size as usize] = (1, stream_at, 0);
    let mut content = index.into_bytes();
    let first = content.len();
    content.extend_from_slice(&packed);
    let content = compressor.deflate(&content)?;
    let dictionary = format!("/Type/ObjStm/N {count}/First {first}");
    write_deflated_stream(&mut out, size, &dictionary, &content)?;

    let xref = size + 1;
    let xref_at = u32::try_from(out.len()).ok()?;
    entries[xref as usize] = (1, xref_at, 0);
    let table: Vec<u8> = entries
        .iter()
        .flat_map(|&(kind, field, extra)| {
            let mut row = vec![kind];
            row.extend_from_slice(&field.to_be_bytes());
            row.extend_from_slice(&extra.to_be_bytes());
            row
        })
        .collect();
    let table = compressor.deflate(&table)?;
    let dictionary = format!("/Type/XRef/Size {}/W[1 4 2]{trailer}", xref + 1);
    write_deflated_stream(&mut out, xref, &dictionary, &table)?;
    write!(out, "startxref\n{xref_at}\n%%EOF").ok()?;
    Some(out)
}

/// Writes object `number` as a stream of deflated `data` with the dictionary's other entries.
fn write_deflated_stream(
    out: &mut Vec<u8>,
    number: u32,
    dictionary: &str,
    data: &[u8],
) -> Option<()> {
    write!(
        out,
        "{number} 0 obj\n<<{dictionary}/Filter/FlateDecode/Length {}>>\nstream\n",
        data.len()
    )
    .ok()?;
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    Some(())
}

/// Each font descriptor that names a CIDSet stream, and that stream: (descriptor, CIDSet).
fn cid_sets(pdf: &[u8], objects: &[(u32, usize)], end: usize) -> Option<Vec<(u32, u32)>> {
    let mut found = Vec::new();
    for (position, &(number, offset)) in objects.iter().enumerate() {
        let next = objects.get(position + 1).map_or(end, |&(_, next)| next);
        let (_, body) = object(&pdf[offset..next], number)?;
        if body.starts_with(b"<</Type/FontDescriptor") {
            if let Some(set) = cid_set_reference(body) {
                found.push((number, set));
            }
        }
    }
    Some(found)
}

/// The object number in a dictionary's `/CIDSet N 0 R`.
fn cid_set_reference(dictionary: &[u8]) -> Option<u32> {
    let at = find(dictionary, b"/CIDSet ")? + b"/CIDSet ".len();
    let rest = std::str::from_utf8(&dictionary[at..]).ok()?;
    let number = rest.split(' ').next()?;
    rest[number.len()..]
        .starts_with(" 0 R")
        .then(|| number.parse().ok())?
}

/// The descriptor without its `/CIDSet N 0 R` entry.
fn without_cid_set(dictionary: &[u8], set: u32) -> Option<Vec<u8>> {
    let entry = format!("/CIDSet {set} 0 R");
    let at = find(dictionary, entry.as_bytes())?;
    Some([&dictionary[..at], &dictionary[at + entry.len()..]].concat())
}

/// A CID font's dictionary with its widths (`/W`) written in the array form where the glyphs
/// allow it: krilla writes every glyph as a range (`5 5 250 6 6 277.83`), and glyphs in a row
/// read the same as `5[250 277.83]`, which takes a twelfth off the packed dictionaries. Left as
/// it is when the array is not in krilla's form.
fn with_grouped_widths(dictionary: &[u8]) -> Cow<'_, [u8]> {
    grouped_widths(dictionary).map_or(Cow::Borrowed(dictionary), Cow::Owned)
}

fn grouped_widths(dictionary: &[u8]) -> Option<Vec<u8>> {
    let start = find(dictionary, b"/W[")? + b"/W[".len();
    let end = start + dictionary[start..].iter().position(|&b| b == b']')?;
    let text = std::str::from_utf8(&dictionary[start..end]).ok()?;
    let tokens: Vec<&str> = text.split(' ').collect();
    if !tokens.len().is_multiple_of(3) {
        return None;
    }
    let mut widths = String::with_capacity(text.len());
    // The glyph that would continue the open `c[w ...]` group.
    let mut next_in_group: Option<u32> = None;
    for triple in tokens.chunks(3) {
        let (first, last): (u32, u32) = (triple[0].parse().ok()?, triple[1].parse().ok()?);
        let width = triple[2];
        width.parse::<f32>().ok()?;
        if first == last && next_in_group == Some(first) {
            widths.push(' ');
        } else {
            if next_in_group.is_some() {
                widths.push(']');
            } else if !widths.is_empty() {
                widths.push(' ');
            }
            if first == last {
                widths.push_str(&format!("{first}["));
            } else {
                widths.push_str(&format!("{first} {last} "));
            }
        }
        widths.push_str(width);
        next_in_group = (first == last).then_some(first + 1);
    }
    if next_in_group.is_some() {
        widths.push(']');
    }
    Some([&dictionary[..start], widths.as_bytes(), &dictionary[end..]].concat())
}

/// `%PDF-1.5` and later.
fn supports_object_streams(pdf: &[u8]) -> bool {
    match pdf.get(..8) {
        Some([b'%', b'P', b'D', b'F', b'-', major, b'.', minor]) => {
            *major > b'1' || (*major == b'1' && *minor >= b'5')
        }
        _ => false,
    }
}

/// Number and offset of every object in use, from a classic table (after `xref`).
fn in_use_objects(table: &[u8]) -> Option<Vec<(u32, usize)>> {
    let text = std::str::from_utf8(table).ok()?;
    let mut tokens = text.split_ascii_whitespace();
    let mut objects = Vec::new();
    while let Some(start) = tokens.next() {
        let (start, count): (u32, u32) = (start.parse().ok()?, tokens.next()?.parse().ok()?);
        for number in start..start + count {
            let (offset, generation, kind) = (tokens.next()?, tokens.next()?, tokens.next()?);
            match kind {
                "n" if generation == "00000" => objects.push((number, offset.parse().ok()?)),
                "f" => {}
                // Other generations cannot go into an object stream.
                _ => return None,
            }
        }
    }
    Some(objects)
}

/// The trailer's entries (`/Root`, `/Info`, `/ID`) without `/Size`, for the stream's dictionary.
fn trailer_entries(trailer: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(trailer).ok()?;
    let inner = &text[text.find("<<")? + 2..text.rfind(">>")?];
    let size_at = inner.find("/Size")?;
    let digits = inner[size_at + 5..]
        .find(|c: char| !c.is_ascii_digit() && !c.is_ascii_whitespace())
        .map_or(inner.len(), |i| size_at + 5 + i);
    Some(format!("{}{}", &inner[..size_at], &inner[digits..]))
}

/// The whole `N 0 obj ... endobj` text of one object, and its body.
fn object(slice: &[u8], number: u32) -> Option<(&[u8], &[u8])> {
    let header = format!("{number} 0 obj");
    if !slice.starts_with(header.as_bytes()) {
        return None;
    }
    let end = rfind(slice, b"endobj")?;
    let whole = &slice[..end + b"endobj".len()];
    Some((whole, slice[header.len()..end].trim_ascii()))
}

/// A stream krilla left uncompressed (page contents and ToUnicode maps, when told not to
/// compress them), as its dictionary's entries without `/Length` and its data; not the XMP
/// metadata, which stays readable to tools that look for it in the raw file.
fn plain_stream(body: &[u8]) -> Option<(&str, &[u8])> {
    let dictionary_end = find(body, b">>\nstream\n")?;
    let dictionary = std::str::from_utf8(body.get(2..dictionary_end)?).ok()?;
    if dictionary.contains("/Filter") || dictionary.contains("/Type/Metadata") {
        return None;
    }
    let data = &body[dictionary_end + b">>\nstream\n".len()..rfind(body, b"\nendstream")?];
    let length: usize = dictionary
        .strip_prefix("/Length ")?
        .split('/')
        .next()?
        .parse()
        .ok()?;
    (length == data.len()).then_some((
        &dictionary[b"/Length ".len() + length.to_string().len()..],
        data,
    ))
}

/// A ToUnicode map without the lines that are PostScript comments (`%%BeginResource: CMap`
/// and the like, a fifth of a small map): PDF readers parse the map's operators and skip
/// comments, which only document a CMap resource file.
fn without_comment_lines(cmap: &[u8]) -> Vec<u8> {
    cmap.split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.starts_with(b"%"))
        .flatten()
        .copied()
        .collect()
}

/// Deflate at level 6 with libdeflate, which is about one and a half times as fast as zlib at
/// the same level on a note's streams and a little smaller; one per file, reused for each stream.
struct Compressor(libdeflater::Compressor);

impl Compressor {
    fn new() -> Self {
        Compressor(libdeflater::Compressor::new(
            libdeflater::CompressionLvl::default(),
        ))
    }

    fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        let mut out = vec![0; self.0.zlib_compress_bound(data.len())];
        let written = self.0.zlib_compress(data, &mut out).ok()?;
        out.truncate(written);
        Some(out)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small classic PDF: catalog, page tree, page, a content stream and an info dictionary.
    fn classic(version: &str) -> Vec<u8> {
        classic_with(version, &[])
    }

    /// [`classic`] with more objects after the first five.
    fn classic_with(version: &str, more: &[&str]) -> Vec<u8> {
        let mut objects = vec![
            "<</Type/Catalog/Pages 2 0 R/Lang(en-GB)>>".to_string(),
            "<</Type/Pages/Count 1/Kids[3 0 R]>>".to_string(),
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>".to_string(),
            "<</Length 18>>\nstream\nBT /F1 12 Tf ET\nendobj\nendstream".to_string(),
            "<</Title(Note verbale \\(upstream\\) endstream)>>".to_string(),
        ];
        objects.extend(more.iter().map(|body| body.to_string()));
        let mut pdf = format!("%PDF-{version}\n%\u{80}\u{80}\n").into_bytes();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<</Size {}/Root 1 0 R/Info 5 0 R/ID[(abc)(def)]>>\nstartxref\n{xref}\n%%EOF",
                objects.len() + 1
            )
            .as_bytes(),
        );
        pdf
    }

    #[test]
    fn every_object_reads_back_the_same_from_the_packed_file() {
        let original = classic("1.7");
        let packed = pack(&original).expect("packed");
        let text = String::from_utf8_lossy(&packed);
        assert!(text.contains("/Type/ObjStm/N 4/"), "{text}");
        assert!(text.contains("/Type/XRef/Size 8/W[1 4 2]/Root 1 0 R/Info 5 0 R/ID[(abc)(def)]"));
        assert!(!text.contains("\nxref\n") && !text.contains("trailer"));
        let before = lopdf::Document::load_mem(&original).unwrap();
        let after = lopdf::Document::load_mem(&packed).unwrap();
        for number in 1..=5 {
            assert_eq!(
                format!("{:?}", before.get_object((number, 0)).unwrap()),
                format!("{:?}", after.get_object((number, 0)).unwrap()),
                "object {number}"
            );
        }
        assert_eq!(
            after.trailer.get(b"Root").unwrap(),
            before.trailer.get(b"Root").unwrap()
        );
        assert_eq!(after.get_pages().len(), 1);
    }

    #[test]
    fn cid_sets_are_left_out() {
        let original = classic_with(
            "1.7",
            &[
                "<</Type/FontDescriptor/FontName/ABCDEF+Serif/Flags 6/CIDSet 7 0 R/FontFile2 8 0 R>>",
                "<</Length 2>>\nstream\nab\nendstream",
                "<</Length 4>>\nstream\nfont\nendstream",
            ],
        );
        let packed = pack(&original).expect("packed");
        let after = lopdf::Document::load_mem(&packed).unwrap();
        let descriptor = after.get_object((6, 0)).unwrap().as_dict().unwrap();
        assert!(descriptor.get(b"CIDSet").is_err(), "{descriptor:?}");
        assert_eq!(
            descriptor
                .get(b"FontFile2")
                .unwrap()
                .as_reference()
                .unwrap(),
            (8, 0)
        );
        assert_eq!(descriptor.len(), 4);
        assert!(
            after.get_object((7, 0)).is_err(),
            "the CIDSet stream is gone"
        );
        assert!(after.get_object((8, 0)).unwrap().as_stream().is_ok());
    }

    #[test]
    fn plain_streams_are_deflated_except_metadata() {
        let text = "BT /F1 12 Tf (Ms. \u{395}\u{3bb}\u{3ad}\u{3bd}\u{3b7}) Tj ET";
        let xmp = "<?xpacket begin=\"\"?><x:xmpmeta/>";
        let content = format!("<</Length {}>>\nstream\n{text}\nendstream", text.len());
        let metadata = format!(
            "<</Length {}/Type/Metadata/Subtype/XML>>\nstream\n{xmp}\nendstream",
            xmp.len()
        );
        let packed = pack(&classic_with("1.7", &[&content, &metadata])).expect("packed");
        let after = lopdf::Document::load_mem(&packed).unwrap();
        let stream = after.get_object((6, 0)).unwrap().as_stream().unwrap();
        assert_eq!(
            stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        let shown = "BT /F1 12 Tf <4D732E20CE95CEBBCEADCEBDCEB7> Tj ET";
        assert_eq!(
            stream.decompressed_content().unwrap(),
            shown.as_bytes(),
            "strings in hex"
        );
        let metadata = after.get_object((7, 0)).unwrap().as_stream().unwrap();
        assert!(metadata.dict.get(b"Filter").is_err());
        assert_eq!(metadata.content, xmp.as_bytes());
        assert!(
            find(&packed, xmp.as_bytes()).is_some(),
            "the XMP packet stays in plain sight"
        );
    }

    #[test]
    fn widths_are_grouped_into_arrays() {
        let font = |widths: &str| {
            format!("<</Type/Font/Subtype/CIDFontType2/BaseFont/ABCDEF+Serif/DW 0/W[{widths}]>>")
        };
        let grouped = |widths: &str| {
            String::from_utf8(with_grouped_widths(font(widths).as_bytes()).into_owned()).unwrap()
        };
        assert_eq!(
            grouped("0 0 777.83 1 1 610.8 2 3 443.8 4 4 833 5 5 500 7 7 250"),
            font("0[777.83 610.8]2 3 443.8 4[833 500]7[250]")
        );
        assert_eq!(grouped("2 3 443.8"), font("2 3 443.8"));
        assert_eq!(
            grouped("1[500 250]"),
            font("1[500 250]"),
            "not krilla's form"
        );
        // Both forms give every glyph the same width.
        let widths = |pdf: &[u8]| {
            let document = lopdf::Document::load_mem(pdf).unwrap();
            let font = document.get_object((6, 0)).unwrap().as_dict().unwrap();
            let array = font.get(b"W").unwrap().as_array().unwrap();
            let number = |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32));
            let mut widths = Vec::new();
            let mut items = array.iter();
            while let Some(first) = items.next() {
                let first = first.as_i64().unwrap();
                match items.next().unwrap() {
                    lopdf::Object::Array(group) => {
                        widths.extend((first..).zip(group.iter().map(|w| number(w).unwrap())))
                    }
                    last => {
                        let width = number(items.next().unwrap()).unwrap();
                        widths.extend((first..=last.as_i64().unwrap()).map(|cid| (cid, width)))
                    }
                }
            }
            widths
        };
        let original = classic_with(
            "1.7",
            &[&font(
                "0 0 777.83 1 1 610.8 2 3 443.8 4 4 833 5 5 500 7 7 250",
            )],
        );
        let packed = pack(&original).unwrap();
        assert!(
            find(&packed, b"/W[0[").is_none(),
            "the dictionaries are deflated"
        );
        assert_eq!(widths(&packed), widths(&original));
        assert_eq!(widths(&packed).len(), 7);
    }

    #[test]
    fn cmaps_lose_their_comment_lines_only() {
        let cmap = "%!PS-Adobe-3.0 Resource-CMap\n%%Title: (Custom)\n/CIDInit /ProcSet findresource begin\n1 beginbfchar\n<0001> <0025>\nendbfchar\nend\n%%EOF";
        assert_eq!(
            String::from_utf8(without_comment_lines(cmap.as_bytes())).unwrap(),
            "/CIDInit /ProcSet findresource begin\n1 beginbfchar\n<0001> <0025>\nendbfchar\nend\n"
        );
    }

    #[test]
    fn pdf_1_4_has_no_object_streams_and_is_left_alone() {
        assert!(pack(&classic("1.4")).is_none());
        assert!(pack(b"not a pdf").is_none());
    }
}
