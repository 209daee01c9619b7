//! What krilla refused, as sentences with hints: a note's problems reach the user in words,
//! never as krilla's debug output.

use krilla::configure::ValidationError;
use krilla::error::KrillaError;

use crate::model::PdfA;

/// Why krilla would not write the document, as a sentence, and how to fix it.
pub fn explain(refused: &KrillaError, pdf_a: Option<PdfA>) -> (String, Vec<String>) {
    let standard = pdf_a.map_or("PDF/UA-1 (accessible PDF)", PdfA::name);
    match refused {
        KrillaError::Validation(problems) => {
            let mut message = Vec::new();
            let mut hints = Vec::new();
            for (problem, _) in problems {
                let (what, hint) = sentence(problem);
                if !message.contains(&what) {
                    message.push(what);
                }
                if !hints.contains(&hint) {
                    hints.push(hint);
                }
            }
            (
                format!("the note cannot be {standard}: {}", message.join("; ")),
                hints,
            )
        }
        other => (
            format!("the PDF writer refused the note: {other}"),
            vec![
                "this is a fault of verbale, not of the delegation file; please report it with the file"
                    .into(),
            ],
        ),
    }
}

/// `U+1680 U+0041`: characters named, since the troublesome ones are often invisible.
fn code_points(text: &str) -> String {
    let codes: Vec<String> = text
        .chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    codes.join(" ")
}

/// One validation problem: what is wrong, and how to fix it.
fn sentence(problem: &ValidationError) -> (String, String) {
    let (what, hint): (String, &str) = match problem {
        ValidationError::TooLongString => (
            "a text is longer than a PDF string may be (32,767 bytes)".into(),
            "shorten the longest field of the file",
        ),
        ValidationError::ContainsNotDefGlyph(_, _, text) => (
            format!("the font cannot draw `{text}` ({})", code_points(text)),
            "replace the character, or write the name as the person writes it in Latin, Greek or Cyrillic letters",
        ),
        ValidationError::InvalidCodepointMapping(_, _, c, _)
        | ValidationError::UnicodePrivateArea(_, _, c, _) => (
            format!("the character U+{:04X} cannot be carried as text", u32::from(*c)),
            "remove the character from the file; it is invisible or reserved",
        ),
        ValidationError::NoCodepointMapping(..) => (
            "a glyph would carry no text".into(),
            "remove invisible or control characters from the file",
        ),
        ValidationError::Transparency(_) => (
            "the emblem has transparency, which this standard forbids".into(),
            "use a PNG without an alpha channel, or a JPEG, as the emblem",
        ),
        ValidationError::MissingCMYKProfile => (
            "the emblem is in CMYK colours without a colour profile".into(),
            "save the emblem as an RGB PNG or JPEG",
        ),
        ValidationError::TooLongArray
        | ValidationError::TooLongDictionary
        | ValidationError::TooLargeFloat
        | ValidationError::TooManyIndirectObjects => (
            "the note is too large for this PDF version".into(),
            "shorten the note, or write PDF/A-2b (`--pdf-a 2b`) instead of PDF/A-1b",
        ),
        _ => (
            "it breaks a rule of the standard that verbale should have kept".into(),
            "this is a fault of verbale, not of the delegation file; please report it with the file",
        ),
    };
    (what, hint.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use krilla::configure::Validators;

    #[test]
    fn each_refusal_is_a_sentence_with_a_hint() {
        let refused = KrillaError::Validation(vec![
            (ValidationError::TooLongString, Validators::default()),
            (ValidationError::MissingCMYKProfile, Validators::default()),
            (ValidationError::TooLongString, Validators::default()),
        ]);
        let (message, hints) = explain(&refused, Some(PdfA::A2b));
        assert_eq!(
            message,
            "the note cannot be PDF/A-2b: a text is longer than a PDF string may be (32,767 \
             bytes); the emblem is in CMYK colours without a colour profile"
        );
        assert_eq!(hints.len(), 2);
        assert!(!message.contains("Validation"));
        let (message, hints) = explain(
            &KrillaError::Validation(vec![(
                ValidationError::NoDocumentTitle,
                Validators::default(),
            )]),
            None,
        );
        assert!(
            message.starts_with("the note cannot be PDF/UA-1"),
            "{message}"
        );
        assert!(hints[0].contains("fault of verbale"));
    }
}
