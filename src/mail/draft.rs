//! Note -> mail draft: the message a protocol officer reviews and sends, as `.eml` bytes.
//! Everything in it comes from the note (date, Message-ID, MIME boundary), so the same note
//! always gives the same bytes. What goes to the server is the same message dated when it is
//! sent and without the draft's `X-Unsent` mark ([`Draft::to_send`]).

use std::time::{Duration, SystemTime};

use lettre::address::Envelope;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MessageBuilder, MultiPart, SinglePart};
use sha2::{Digest, Sha256};

use super::{header, MailError};
use crate::dates::Date;
use crate::grammar;
use crate::model::Delegation;
use crate::plan::Job;
use crate::template::Templates;

/// A file attached to the mail.
pub struct Attachment<'a> {
    /// The file name the recipient sees.
    pub name: String,
    /// Its MIME type.
    pub content_type: &'static str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

impl<'a> Attachment<'a> {
    /// A note's PDF.
    pub fn pdf(name: String, bytes: &'a [u8]) -> Self {
        Attachment {
            name,
            content_type: "application/pdf",
            bytes,
        }
    }

    /// A note's DOCX.
    pub fn docx(name: String, bytes: &'a [u8]) -> Self {
        Attachment {
            name,
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bytes,
        }
    }
}

/// A note's mail, ready to save or send.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The sender, as written in `From`.
    pub from: String,
    /// The recipient, as written in `To`.
    pub to: String,
    /// The copies' addresses.
    pub cc: Vec<String>,
    /// The subject, in the note's language.
    pub subject: String,
    /// `<...@domain>`.
    pub message_id: String,
    /// File name and size of each attachment.
    pub attachments: Vec<(String, usize)>,
    /// Who the server is told the message is from and for.
    pub envelope: Envelope,
    /// The whole draft (RFC 5322, CRLF line ends), as saved in the `.eml` file.
    pub bytes: Vec<u8>,
    /// The message's headers and parts without `Date` and `X-Unsent`: what is sent.
    sendable: (MessageBuilder, MultiPart),
}

impl Draft {
    /// The message as the server gets it: dated `now`, the time of sending, and without
    /// `X-Unsent` (which would open it as a draft in Outlook); all else as in the draft.
    pub fn to_send(&self, now: SystemTime) -> Result<Vec<u8>, MailError> {
        let (headers, body) = self.sendable.clone();
        let message = headers.date(now).multipart(body).map_err(build)?;
        Ok(message.formatted())
    }
}

/// Builds the draft of one note, dated `date`, with the attachments given.
pub fn draft(
    templates: &Templates,
    delegation: &Delegation,
    job: &Job,
    date: Date,
    attachments: &[Attachment],
) -> Result<Draft, MailError> {
    let meeting = &delegation.meetings[job.meeting];
    let language = job.language;
    let text = templates
        .render_mail(delegation, job)
        .map_err(MailError::Template)?;
    let subject = grammar::typeset(language, &text.subject);
    let sender = delegation
        .mission
        .email
        .as_deref()
        .ok_or(MailError::MissingAddress {
            field: "`[mission]`",
        })?;
    let recipient = meeting
        .recipient
        .email
        .as_deref()
        .ok_or(MailError::MissingAddress {
            field: "`[meeting.recipient]`",
        })?;
    let name_of = |name: Option<&String>| {
        name.map(|name| {
            grammar::apostrophes(
                language,
                &grammar::capitalized(&grammar::bare(language, name)),
            )
        })
    };
    let from = mailbox(name_of(delegation.mission.short_name.get(language)), sender)?;
    let to = mailbox(name_of(meeting.recipient.name.get(language)), recipient)?;
    let copies = meeting
        .mail_cc
        .iter()
        .map(|copy| copy.parse::<Mailbox>().map_err(build))
        .collect::<Result<Vec<_>, _>>()?;
    let digest = Sha256::digest(
        [
            meeting.reference.as_str(),
            meeting.id.as_str(),
            language.code(),
        ]
        .join("\u{0}"),
    );
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let domain = sender.rsplit_once('@').map_or("localhost", |(_, d)| d);
    let message_id = format!("<{}@{domain}>", &hex[..32]);

    let recipients = std::iter::once(&to).chain(&copies);
    let envelope = Envelope::new(
        Some(from.email.clone()),
        recipients.map(|m| m.email.clone()).collect(),
    )
    .map_err(build)?;
    // From, To, Cc and Subject are folded and encoded by `header` (see there why).
    let mut headers = MessageBuilder::new()
        .raw_header(header::mailboxes("From", std::slice::from_ref(&from)))
        .raw_header(header::mailboxes("To", std::slice::from_ref(&to)));
    if !copies.is_empty() {
        headers = headers.raw_header(header::mailboxes("Cc", &copies));
    }
    let headers = headers
        .raw_header(header::unstructured("Subject", &subject))
        .message_id(Some(message_id.clone()))
        .envelope(envelope.clone());
    // lettre draws a random boundary unless given one; this one comes from the note.
    let mut body = MultiPart::mixed()
        .boundary(format!("verbale-{}", &hex[32..]))
        .singlepart(SinglePart::plain(grammar::typeset(language, &text.body)));
    for attachment in attachments {
        let content_type = ContentType::parse(attachment.content_type).map_err(build)?;
        body = body.singlepart(
            lettre::message::Attachment::new(attachment.name.clone())
                .body(attachment.bytes.to_vec(), content_type),
        );
    }
    let message = headers
        .clone()
        .date(noon(date))
        // Outlook opens a message with this header as a draft to review and send.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Unsent"),
            "1".into(),
        ))
        .multipart(body.clone())
        .map_err(build)?;
    Ok(Draft {
        from: from.to_string(),
        to: to.to_string(),
        cc: copies.iter().map(Mailbox::to_string).collect(),
        subject,
        message_id,
        attachments: attachments
            .iter()
            .map(|a| (a.name.clone(), a.bytes.len()))
            .collect(),
        envelope,
        bytes: message.formatted(),
        sendable: (headers, body),
    })
}

/// What a draft written earlier attaches: the PDF and the DOCX when a DOCX part is in it.
pub fn attached(eml: &[u8]) -> super::Attach {
    const DOCX: &[u8] = b"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if eml.windows(DOCX.len()).any(|w| w == DOCX) {
        super::Attach::PdfAndDocx
    } else {
        super::Attach::Pdf
    }
}

/// The draft's file name (`ccm-7msp.en.eml`).
pub fn file_name(job: &Job) -> String {
    format!("{}.eml", job.stem)
}

fn build(error: impl std::fmt::Display) -> MailError {
    MailError::Build {
        reason: error.to_string(),
    }
}

fn mailbox(name: Option<String>, address: &str) -> Result<Mailbox, MailError> {
    Ok(Mailbox::new(name, address.parse().map_err(build)?))
}

/// Noon UTC of the note's date: the same calendar day wherever the draft is opened.
fn noon(date: Date) -> SystemTime {
    let (year, month, day) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    // Days from civil, after Howard Hinnant's public-domain algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = u64::try_from(days * 86_400 + 12 * 3600).unwrap_or(0);
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noon_is_on_the_notes_day() {
        let seconds = |date| {
            noon(date)
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        };
        assert_eq!(seconds(Date::new(1970, 1, 1).unwrap()), 43_200);
        let date = Date::new(2017, 8, 15).unwrap();
        assert_eq!(Date::from_unix_seconds(seconds(date) as i64), Some(date));
        let leap = Date::new(2024, 2, 29).unwrap();
        assert_eq!(Date::from_unix_seconds(seconds(leap) as i64), Some(leap));
    }
}
