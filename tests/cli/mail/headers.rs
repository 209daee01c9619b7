//! The draft's headers: long copy lists folded under the line limit, names and subjects encoded
//! between words, and the addresses `check` accepts being the ones the mail carries.

use base64::Engine;
use mail_parser::MessageParser;

use super::valdoran;
use crate::support::Workspace;

/// The valdoran example with `mail_cc` replaced, and a recipient whose name has long words.
fn with_copies(ws: &Workspace, copies: &str) {
    let text = std::fs::read_to_string(valdoran(ws)).unwrap();
    let text = text
        .replacen(
            "mail_cc = [\"registration@example.org\", \"archives@example.org\"]",
            &format!("mail_cc = [{copies}]"),
            1,
        )
        .replacen(
            "name = \"le Bureau de Mme Müller-Łódź\"",
            "name = \"le Service du protocole et de la sécurité du Sénégal à Genève\"",
            1,
        );
    assert!(text.contains("Service du protocole"), "{text}");
    ws.write("valdoran.toml", &text);
}

/// A header's value, unfolded, as written in the file.
fn raw_header(eml: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(eml);
    let head = text.split("\r\n\r\n").next().unwrap().replace("\r\n ", " ");
    head.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} in {head}"))
        .to_string()
}

/// Each encoded word of a header value that another encoded word follows must end between
/// words (with an encoded space), or a reader that joins them with a space splits a word.
#[track_caller]
fn encoded_words_end_between_words(value: &str) {
    let words: Vec<&str> = value.split(' ').collect();
    for pair in words.windows(2) {
        let encoded = |w: &str| w.starts_with("=?utf-8?b?") && w.ends_with("?=");
        if encoded(pair[0]) && encoded(pair[1]) {
            let inner = &pair[0]["=?utf-8?b?".len()..pair[0].len() - 2];
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(inner)
                .unwrap();
            let text = String::from_utf8(bytes).expect("an encoded word cut inside a character");
            assert!(
                text.ends_with(' '),
                "{text:?} ends inside a word, in {value}"
            );
        }
    }
}

#[test]
fn a_hundred_copies_are_folded_and_names_encoded_between_words() {
    let ws = Workspace::new();
    let copies: Vec<String> = (0..100)
        .map(|i| format!("\"delegate{i:03}@example.org\""))
        .collect();
    with_copies(&ws, &copies.join(", "));
    ws.run(&["generate", "valdoran.toml", "-o", "out", "--mail"])
        .success();
    let eml = ws.read("out/ccm-7msp.fr.eml");
    let head = String::from_utf8_lossy(&eml)
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .to_string();
    for line in head.split("\r\n") {
        assert!(
            line.len() <= 78,
            "a header line of {} octets: {line}",
            line.len()
        );
    }
    let message = MessageParser::default().parse(&eml).unwrap();
    let cc: Vec<&str> = message
        .cc()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(cc.len(), 100);
    assert_eq!(cc[99], "delegate099@example.org");
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        to.name(),
        Some("Service du protocole et de la sécurité du Sénégal à Genève")
    );
    encoded_words_end_between_words(&raw_header(&eml, "To"));
    encoded_words_end_between_words(&raw_header(&eml, "Subject"));
    assert!(
        message
            .subject()
            .unwrap()
            .contains("délégation du Valdoran à la septième Assemblée des États parties"),
        "{:?}",
        message.subject()
    );
}

#[test]
fn a_copy_with_a_name_is_carried_with_its_name() {
    let ws = Workspace::new();
    with_copies(
        &ws,
        "\"Registre des notes <registre@example.org>\", \"archives@example.org\"",
    );
    ws.run(&["check", "valdoran.toml", "--mail"]).success();
    ws.run(&["generate", "valdoran.toml", "-o", "out", "--mail"])
        .success();
    let eml = ws.read("out/ccm-7msp.fr.eml");
    let message = MessageParser::default().parse(&eml).unwrap();
    let cc: Vec<(Option<&str>, Option<&str>)> = message
        .cc()
        .unwrap()
        .iter()
        .map(|a| (a.name(), a.address()))
        .collect();
    assert_eq!(
        cc,
        [
            (Some("Registre des notes"), Some("registre@example.org")),
            (None, Some("archives@example.org"))
        ]
    );
    ws.run(&["send", "valdoran.toml", "-o", "out", "--dry-run"])
        .success()
        .stdout_has("Cc:      Registre des notes <registre@example.org>, archives@example.org");
}

#[test]
fn an_address_mail_cannot_carry_is_refused_at_its_line_by_check_and_generate_alike() {
    let ws = Workspace::new();
    with_copies(&ws, "\"\\\"john doe\\\"@example.org\"");
    for args in [
        &["check", "valdoran.toml"][..],
        &["check", "valdoran.toml", "--mail"],
        &["generate", "valdoran.toml", "-o", "out", "--mail"],
    ] {
        ws.run(args)
            .failure()
            .stderr_has("`mail_cc` is an address mail cannot carry: `\"john doe\"@example.org`")
            .stderr_has("valdoran.toml:20:12")
            .stderr_has("a quoted user part");
    }
    // The recipient's address is checked when mail is asked for, by both commands.
    let text = std::fs::read_to_string(ws.path("valdoran.toml"))
        .unwrap()
        .replacen("mail_cc = [\"\\\"john doe\\\"@example.org\"]\n", "", 1)
        .replacen(
            "email = \"secretariat@unog.example.org\"",
            "email = \"josé@unog.example.org\"",
            1,
        );
    assert!(text.contains("josé"), "{text}");
    ws.write("valdoran.toml", &text);
    for args in [
        &["check", "valdoran.toml", "--mail"][..],
        &["generate", "valdoran.toml", "-o", "out", "--mail"],
    ] {
        ws.run(args)
            .failure()
            .stderr_has("`email` is an address mail cannot carry: `josé@unog.example.org`")
            .stderr_has("letters outside ASCII");
    }
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn the_french_mail_gets_the_notes_apostrophes() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(valdoran(&ws))
        .unwrap()
        .replacen(
            "title = \"la septième Assemblée",
            "title = \"l'Assemblée d'examen de la septième Assemblée",
            1,
        )
        .replacen(
            "short_name = \"la Mission permanente du Valdoran\"",
            "short_name = \"la Mission permanente d'Valdoran\"",
            1,
        );
    assert!(text.contains("l'Assemblée d'examen"), "{text}");
    ws.write("valdoran.toml", &text);
    ws.run(&["generate", "valdoran.toml", "-o", "out", "--mail"])
        .success();
    let eml = ws.read("out/ccm-7msp.fr.eml");
    let message = MessageParser::default().parse(&eml).unwrap();
    let subject = message.subject().unwrap();
    assert!(subject.contains("à l’Assemblée d’examen"), "{subject}");
    let from = message.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Mission permanente d’Valdoran"));
    let body = message.body_text(0).unwrap();
    assert!(body.contains("à l’Assemblée d’examen"), "{body}");
    assert!(!body.contains('\''), "{body}");
}
