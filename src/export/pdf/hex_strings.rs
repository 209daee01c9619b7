//! Rewrites the literal strings of a page's content stream as hexadecimal strings. krilla shows
//! glyphs as two-byte codes in literal strings, where most bytes need an octal escape
//! (`(\000\001\000\002)`, sixteen characters for two glyphs); as hex they take eight
//! (`<00010002>`). The page reads the same, and it is a third smaller before compression, an
//! eighth after, and quicker to compress.

/// The content stream with every literal string written in hex, or `None` when a string does
/// not end (then the stream is used as it is).
pub fn rewrite(content: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(content.len());
    let mut rest = content;
    while let Some(open) = rest.iter().position(|&b| b == b'(') {
        out.extend_from_slice(&rest[..open]);
        let (bytes, length) = literal(&rest[open + 1..])?;
        out.push(b'<');
        for byte in bytes {
            out.extend_from_slice(&hex(byte));
        }
        out.push(b'>');
        rest = &rest[open + 1 + length..];
    }
    out.extend_from_slice(rest);
    Some(out)
}

/// The bytes of the literal string that starts just after its `(`, and how much of `text` it
/// takes up to and including its closing `)` (PDF 32000-1, 7.3.4.2).
fn literal(text: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut bytes = Vec::with_capacity(text.len().min(256));
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let byte = *text.get(at)?;
        at += 1;
        match byte {
            b'(' => {
                depth += 1;
                bytes.push(byte);
            }
            b')' if depth == 0 => return Some((bytes, at)),
            b')' => {
                depth -= 1;
                bytes.push(byte);
            }
            b'\\' => {
                let escaped = *text.get(at)?;
                at += 1;
                match escaped {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(0x08),
                    b'f' => bytes.push(0x0c),
                    b'0'..=b'7' => {
                        let mut value = u32::from(escaped - b'0');
                        for _ in 0..2 {
                            match text.get(at) {
                                Some(&digit @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(digit - b'0');
                                    at += 1;
                                }
                                _ => break,
                            }
                        }
                        // Three octal digits can reach 511; the high bit is ignored.
                        bytes.push((value & 0xff) as u8);
                    }
                    // A backslash at the end of a line continues the string on the next.
                    b'\r' => {
                        if text.get(at) == Some(&b'\n') {
                            at += 1;
                        }
                    }
                    b'\n' => {}
                    // `\(`, `\)`, `\\`, and any other character stands for itself.
                    other => bytes.push(other),
                }
            }
            // An end of line in a string is read as a line feed, whichever it is.
            b'\r' => {
                if text.get(at) == Some(&b'\n') {
                    at += 1;
                }
                bytes.push(b'\n');
            }
            other => bytes.push(other),
        }
    }
}

fn hex(byte: u8) -> [u8; 2] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [
        DIGITS[usize::from(byte >> 4)],
        DIGITS[usize::from(byte & 0x0f)],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(content: &str) -> String {
        String::from_utf8(rewrite(content.as_bytes()).expect("rewritten")).unwrap()
    }

    #[test]
    fn glyph_codes_become_hex() {
        assert_eq!(
            rewritten("BT /f0 12 Tf [(\\000\\001\\000\\002)-250(\\000A)]TJ ET"),
            "BT /f0 12 Tf [<00010002>-250<0041>]TJ ET"
        );
    }

    #[test]
    fn every_escape_reads_as_its_byte() {
        assert_eq!(rewritten("(\\n\\r\\t\\b\\f)"), "<0A0D09080C>");
        assert_eq!(rewritten("(\\(\\)\\\\)"), "<28295C>");
        assert_eq!(
            rewritten("(\\7\\53\\0053)"),
            "<072B0533>",
            "one to three digits"
        );
        assert_eq!(
            rewritten("(\\q)"),
            "<71>",
            "an unknown escape is the character"
        );
        assert_eq!(rewritten("(a\\\nb)"), "<6162>", "a line continued");
        assert_eq!(rewritten("(a\\\r\nb)"), "<6162>");
        assert_eq!(
            rewritten("(a\r\nb\rc)"),
            "<610A620A63>",
            "ends of lines are line feeds"
        );
    }

    #[test]
    fn balanced_parentheses_stay_in_the_string() {
        assert_eq!(rewritten("(a(b)c) Tj (d) Tj"), "<6128622963> Tj <64> Tj");
    }

    #[test]
    fn everything_outside_strings_is_kept() {
        let content = "/Span<</MCID 0>>BDC q 1 0 0 -1 0 841.89 cm <00FF> Tj EMC";
        assert_eq!(rewritten(content), content);
        assert_eq!(
            rewritten("/Span<</ActualText (\\376\\377\\000-)>>BDC"),
            "/Span<</ActualText <FEFF002D>>>BDC"
        );
    }

    #[test]
    fn any_bytes_read_back_the_same_from_another_writer_and_reader() {
        use lopdf::content::{Content, Operation};
        use lopdf::{Object, StringFormat};
        // Every byte value, parentheses balanced and not, backslashes and ends of lines among them.
        let mut state = 0x2545_F491_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        let strings: Vec<Vec<u8>> = (0..200)
            .map(|i| match i {
                0 => (0..=255).collect(),
                1 => b"(()\\)\r\n\r)(".to_vec(),
                _ => (0..next() % 40).map(|_| (next() % 256) as u8).collect(),
            })
            .collect();
        let operations: Vec<Operation> = strings
            .iter()
            .map(|s| Operation::new("Tj", vec![Object::String(s.clone(), StringFormat::Literal)]))
            .collect();
        let written = Content { operations }.encode().unwrap();
        let hex = rewrite(&written).expect("rewritten");
        assert!(!hex.contains(&b'('), "no literal string is left");
        let read = Content::decode(&hex).unwrap();
        let read: Vec<Vec<u8>> = read
            .operations
            .iter()
            .map(|op| op.operands[0].as_str().unwrap().to_vec())
            .collect();
        assert_eq!(read, strings);
    }

    #[test]
    fn an_unended_string_leaves_the_stream_alone() {
        assert!(rewrite(b"(abc\\) Tj").is_none());
        assert!(rewrite(b"(abc").is_none());
    }
}
