//! What krilla refused, as sentences with hints: a note's problems reach the user in words,
//! never as krilla's debug output.

use krilla::configure::ValidationError;
use krilla::error::KrillaError;

use crate::export::ExportError;
use crate::model::PdfA;

/// Explains why krilla would not write the document.
pub fn explain(refused: KrillaError, pdf_a: Option<PdfA>) -> ExportError {
    let standard = pdf_a.map_or("PDF/UA-1 (accessible PDF)", PdfA::name);
    match refused {
        KrillaError::Validation(problems) => {
            let mut message = Vec::new();
            let mut hints = Vec::new();
            for (problem, _) in &problems {
                let (what, hint) = sentence(problem);
                if !message.contains(&what) {
                    message.push(what);
                }
                if !hints.contains(&hint) {
                    hints.push(hint);
                }
            }
            ExportError {
                format: "PDF",
                message: format!("the note cannot be {standard}: {}", message.join("; ")),
                hints,
            }
        }
        other => ExportError {
            format: "PDF",
            message: format!("the PDF writer refused the note: {other}"),
            hints: vec![
                "this is a fault of verbale, not of the delegation file; please report it with the file"
                    .into(),
            ],
        },
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
        let error = explain(refused, Some(PdfA::A2b));
        assert_eq!(
            error.message,
            "the note cannot be PDF/A-2b: a text is longer than a PDF string may be (32,767 \
             bytes); the emblem is in CMYK colours without a colour profile"
        );
        assert_eq!(error.hints.len(), 2);
        assert!(!error.message.contains("Validation"));
        let error = explain(
            KrillaError::Validation(vec![(
                ValidationError::NoDocumentTitle,
                Validators::default(),
            )]),
            None,
        );
        assert!(
            error.message.starts_with("the note cannot be PDF/UA-1"),
            "{}",
            error.message
        );
        assert!(error.hints[0].contains("fault of verbale"));
    }
}
