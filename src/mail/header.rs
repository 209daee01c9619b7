//! Subjects and address lists -> header values folded to lines of at most 78 octets, with
//! RFC 2047 encoded words cut between words wherever a word fits in one.
//!
//! lettre (0.11, through email-encoding 0.4) writes an address list on one line however long
//! (100 copies made a `Cc` line of 1,902 octets, over RFC 5322's 998) and cuts encoded words
//! at a byte count, inside words ("Servi" / "ce"), which some readers show with a space. Its
//! `HeaderValue::dangerous_new_pre_encoded` takes a value encoded here instead.

use base64::Engine;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, Mailboxes};

/// A line's length that folding keeps to (RFC 5322's "SHOULD").
const LINE: usize = 78;
/// An encoded word's longest length (RFC 2047).
const WORD: usize = 75;
/// A plain word longer than this is encoded, so that it can be cut.
const LONGEST_PLAIN: usize = 60;
const PREFIX: &str = "=?utf-8?b?";
const SUFFIX: &str = "?=";

/// `Subject: ...`, one line of text.
pub fn unstructured(name: &'static str, text: &str) -> HeaderValue {
    let mut folder = Folder::new(name);
    let words: Vec<&str> = text.split(' ').collect();
    folder.words(&words, is_printable_ascii, false);
    folder.value(name, text.to_string())
}

/// `From:`, `To:`, `Cc:`: mailboxes separated by commas, folded between them.
pub fn mailboxes(name: &'static str, list: &[Mailbox]) -> HeaderValue {
    let mut folder = Folder::new(name);
    for (i, mailbox) in list.iter().enumerate() {
        let mut space = i > 0;
        if let Some(display) = mailbox
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            phrase(&mut folder, display, space);
            space = true;
        }
        let mut address = match mailbox.name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => format!("<{}>", mailbox.email),
            _ => mailbox.email.to_string(),
        };
        // The comma goes with the address, so that the line it ends is measured with it.
        if i + 1 < list.len() {
            address.push(',');
        }
        folder.unit(&address, space);
    }
    let raw = Mailboxes::from(list.to_vec()).to_string();
    folder.value(name, raw)
}

/// A display name: atoms as they are, a quoted string when it is ASCII with specials, and
/// encoded words for the rest.
fn phrase(folder: &mut Folder, name: &str, space: bool) {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.iter().all(|w| is_atom(w)) {
        folder.words(&words, |_| true, space);
    } else if name.len() <= LONGEST_PLAIN && name.chars().all(|c| (' '..='~').contains(&c)) {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        folder.unit(&format!("\"{quoted}\""), space);
    } else {
        folder.words(&words, is_atom, space);
    }
}

/// A header value being written, and the length of its last line.
struct Folder {
    out: String,
    column: usize,
    /// The column where the value starts (after `Name: `).
    start: usize,
}

impl Folder {
    fn new(name: &str) -> Folder {
        Folder {
            out: String::new(),
            column: name.len() + 2,
            start: name.len() + 2,
        }
    }

    /// Appends `unit`, after a space that becomes a line break when the line would be too long.
    fn unit(&mut self, unit: &str, space: bool) {
        if space {
            if self.column + 1 + unit.len() > LINE && self.column > self.start {
                self.out.push_str("\r\n ");
                self.column = 1;
            } else {
                self.out.push(' ');
                self.column += 1;
            }
        }
        self.out.push_str(unit);
        self.column += unit.len();
    }

    /// Words separated by spaces: those `plain` says so as they are, runs of the others as
    /// encoded words, each holding whole words where one fits.
    fn words(&mut self, words: &[&str], plain: impl Fn(&str) -> bool, space: bool) {
        let plain = |w: &str| plain(w) && w.len() <= LONGEST_PLAIN && !w.contains("=?");
        let mut i = 0;
        while i < words.len() {
            let space = space || i > 0;
            if plain(words[i]) {
                self.unit(words[i], space);
                i += 1;
                continue;
            }
            let end = (i..words.len())
                .find(|&j| plain(words[j]))
                .unwrap_or(words.len());
            // The spaces between the run's words are encoded too: a reader drops those
            // between encoded words.
            let text = words[i..end].join(" ");
            self.encoded(&text, space);
            i = end;
        }
    }

    /// `text` as encoded words, cut after a space where possible, else between characters.
    fn encoded(&mut self, text: &str, space: bool) {
        let mut rest = text;
        let mut space = space;
        while !rest.is_empty() {
            let room = LINE
                .saturating_sub(self.column + usize::from(space))
                .min(WORD);
            // A word too long for one encoded word is cut to fill this line if a few
            // characters fit on it, else the next.
            let piece = cut(rest, room)
                .or_else(|| cut(rest, WORD))
                .unwrap_or_else(|| {
                    longest_prefix(rest, if room >= encoded_len(6) { room } else { WORD })
                });
            let encoded = base64::engine::general_purpose::STANDARD.encode(piece);
            self.unit(&format!("{PREFIX}{encoded}{SUFFIX}"), space);
            rest = &rest[piece.len()..];
            space = true;
        }
    }

    fn value(self, name: &'static str, raw: String) -> HeaderValue {
        HeaderValue::dangerous_new_pre_encoded(HeaderName::new_from_ascii_str(name), raw, self.out)
    }
}

/// The length of `bytes` octets as one encoded word.
fn encoded_len(bytes: usize) -> usize {
    PREFIX.len() + SUFFIX.len() + 4 * bytes.div_ceil(3)
}

/// The longest start of `text` that ends after a space (or is all of it) and fits `room`.
fn cut(text: &str, room: usize) -> Option<&str> {
    if encoded_len(text.len()) <= room {
        return Some(text);
    }
    text.match_indices(' ')
        .map(|(i, _)| &text[..=i])
        .take_while(|piece| encoded_len(piece.len()) <= room)
        .last()
}

/// The longest start of `text` that fits `room`, cut between characters (a word too long for
/// one encoded word); at least one character.
fn longest_prefix(text: &str, room: usize) -> &str {
    let end = text
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| encoded_len(end) <= room)
        .last()
        .unwrap_or_else(|| text.chars().next().map_or(0, char::len_utf8));
    &text[..end]
}

fn is_printable_ascii(word: &str) -> bool {
    word.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// RFC 5322's atext: what a display name's word may be without quotes.
fn is_atom(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> String {
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(unstructured("Subject", text));
        headers.to_string()
    }

    #[test]
    fn encoded_words_hold_whole_words_and_lines_stay_short() {
        let text = "Note verbale VAL/GE/2017/114\u{202f}: délégation du Sénégal à la septième \
                    Assemblée des États parties à la Convention sur les armes à sous-munitions";
        let header = subject(text);
        for line in header.lines() {
            assert!(line.len() <= LINE, "{line:?}");
        }
        // Every encoded word decodes to whole words.
        for word in header.split_whitespace().filter(|w| w.starts_with(PREFIX)) {
            let inner = &word[PREFIX.len()..word.len() - SUFFIX.len()];
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(inner)
                .unwrap();
            let decoded = String::from_utf8(bytes).unwrap();
            let joined = format!(" {} ", text.replace('\u{202f}', " "));
            assert!(
                joined.contains(&format!(
                    " {} ",
                    decoded.trim_end().replace('\u{202f}', " ")
                )),
                "{decoded:?} is not whole words"
            );
        }
    }

    #[test]
    fn a_word_longer_than_an_encoded_word_is_cut_between_characters() {
        let long = "é".repeat(60);
        let header = subject(&long);
        assert!(header.lines().all(|line| line.len() <= LINE), "{header}");
        assert!(header.matches(PREFIX).count() >= 3, "{header}");
    }

    #[test]
    fn a_hundred_copies_fold_between_addresses() {
        let list: Vec<Mailbox> = (0..100)
            .map(|i| format!("copy{i:03}@example.org").parse().unwrap())
            .collect();
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(mailboxes("Cc", &list));
        let text = headers.to_string();
        assert!(text.lines().all(|line| line.len() <= LINE), "{text}");
        let parsed: Mailboxes = headers.get_raw("Cc").unwrap().parse().unwrap();
        assert_eq!(parsed.into_iter().count(), 100);
    }

    #[test]
    fn a_line_ending_in_a_comma_is_measured_with_it() {
        let list: Vec<Mailbox> = (0..40)
            .map(|i| {
                format!("Khai Nguyễn Thị Minh Khai du protocole <c{i}@example.org>")
                    .parse()
                    .unwrap()
            })
            .collect();
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(mailboxes("Cc", &list));
        let text = headers.to_string();
        assert!(text.lines().all(|line| line.len() <= LINE), "{text}");
    }

    #[test]
    fn names_are_atoms_quoted_or_encoded() {
        let list: Vec<Mailbox> = [
            "Mission permanente <a@example.org>",
            "\"U.N. Office\" <b@example.org>",
            "Bureau de Mme Müller-Łódź <c@example.org>",
        ]
        .iter()
        .map(|m| m.parse().unwrap())
        .collect();
        let mut headers = lettre::message::header::Headers::new();
        headers.insert_raw(mailboxes("To", &list));
        let text = headers.to_string().replace("\r\n", "");
        assert!(
            text.starts_with("To: Mission permanente <a@example.org>, \"U.N. Office\" <b@example.org>, Bureau de Mme =?utf-8?b?"),
            "{text}"
        );
    }
}
