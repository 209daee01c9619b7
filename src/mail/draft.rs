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
    let parties = Parties::of(delegation, job)?;
    let hex = note_digest(&meeting.reference, &meeting.id, language.code());
    let domain = parties
        .sender
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d);
    let message_id = format!("<{}@{domain}>", &hex[..32]);
    let envelope = parties.envelope()?;
    let headers = headers(&parties, &subject, &message_id, &envelope);
    // lettre draws a random boundary unless given one; this one comes from the note.
    let body = body(
        format!("verbale-{}", &hex[32..]),
        grammar::typeset(language, &text.body),
        attachments,
    )?;
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
        from: parties.from.to_string(),
        to: parties.to.to_string(),
        cc: parties.copies.iter().map(Mailbox::to_string).collect(),
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

/// Who a note's mail is from and for.
struct Parties<'a> {
    /// The mission's address, as written in its `email`.
    sender: &'a str,
    /// The mission, named in the note's language.
    from: Mailbox,
    /// The recipient, named in the note's language.
    to: Mailbox,
    /// The meeting's `mail_cc`.
    copies: Vec<Mailbox>,
}

impl<'a> Parties<'a> {
    /// The sender, recipient and copies of `job`'s note; an address missing or wrong is an error.
    fn of(delegation: &'a Delegation, job: &Job) -> Result<Self, MailError> {
        let meeting = &delegation.meetings[job.meeting];
        let language = job.language;
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
        Ok(Parties {
            sender,
            from,
            to,
            copies,
        })
    }

    /// The envelope: from the sender, for the recipient and the copies.
    fn envelope(&self) -> Result<Envelope, MailError> {
        let recipients = std::iter::once(&self.to).chain(&self.copies);
        Envelope::new(
            Some(self.from.email.clone()),
            recipients.map(|m| m.email.clone()).collect(),
        )
        .map_err(build)
    }
}

/// The SHA-256 of the note's reference, meeting id and language, in hex: the seed of its
/// Message-ID and MIME boundary, so that the same note always gets the same ones.
fn note_digest(reference: &str, meeting: &str, language: &str) -> String {
    let digest = Sha256::digest([reference, meeting, language].join("\u{0}"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The headers a draft and its sent message share: everything but `Date` and `X-Unsent`.
fn headers(
    parties: &Parties,
    subject: &str,
    message_id: &str,
    envelope: &Envelope,
) -> MessageBuilder {
    // From, To, Cc and Subject are folded and encoded by `header` (see there why).
    let mut headers = MessageBuilder::new()
        .raw_header(header::mailboxes(
            "From",
            std::slice::from_ref(&parties.from),
        ))
        .raw_header(header::mailboxes("To", std::slice::from_ref(&parties.to)));
    if !parties.copies.is_empty() {
        headers = headers.raw_header(header::mailboxes("Cc", &parties.copies));
    }
    headers
        .raw_header(header::unstructured("Subject", subject))
        .message_id(Some(message_id.to_string()))
        .envelope(envelope.clone())
}

/// The message's parts: the text, then each attachment, between `boundary`s.
fn body(
    boundary: String,
    text: String,
    attachments: &[Attachment],
) -> Result<MultiPart, MailError> {
    let mut body = MultiPart::mixed()
        .boundary(boundary)
        .singlepart(SinglePart::plain(text));
    for attachment in attachments {
        let content_type = ContentType::parse(attachment.content_type).map_err(build)?;
        body = body.singlepart(
            lettre::message::Attachment::new(attachment.name.clone())
                .body(attachment.bytes.to_vec(), content_type),
        );
    }
    Ok(body)
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

fn build(error: impl std::error::Error + Send + Sync + 'static) -> MailError {
    MailError::Build {
        cause: Box::new(error),
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
