//! Sending through the small SMTP servers of `smtp.rs`: a silent, slow, refusing or untrusted
//! server costs one timeout and one clear error for the run; what is sent is dated when sent
//! and no draft; a draft made with the DOCX is sent as it is.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use mail_parser::{MessageParser, MimeHeaders};

use super::smtp::{authority_and_server, closed_port, Behaviour, Fake};
use super::valdoran;
use crate::support::{root, Run, Workspace};

/// The bilingual example: one meeting, two notes (`hrc-61.en`, `hrc-61.fr`).
fn bilingual(ws: &Workspace) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/bilingual.toml")).unwrap();
    ws.write("bilingual.toml", &text)
}

fn send(ws: &Workspace, file: &str, settings: &str, extra: &[&str]) -> Run {
    ws.write("smtp.toml", settings);
    let mut args = vec!["send", file, "-o", "out", "--smtp", "smtp.toml"];
    args.extend_from_slice(extra);
    ws.run_with_env(&args, &[("VERBALE_SMTP_PASSWORD", "s3cret")])
}

#[test]
fn a_silent_server_costs_one_timeout_for_the_run_and_the_other_notes_are_not_tried() {
    let fake = Fake::start(Behaviour::Silent, None);
    let ws = Workspace::new();
    bilingual(&ws);
    let started = Instant::now();
    let run = send(
        &ws,
        "bilingual.toml",
        &fake.settings("none", "timeout = 1\n"),
        &[],
    );
    let took = started.elapsed();
    run.failure()
        .stderr_has("note `hrc-61.en` was not sent: the SMTP server did not answer within 1 second")
        .stderr_has("a slow server may need a longer `timeout` (in seconds)")
        .stderr_has("smtp.toml")
        .stderr_has("note `hrc-61.fr` was not sent: not tried")
        .stderr_has("2 notes were not sent: the SMTP server failed");
    assert_eq!(fake.connections(), 1, "one connection for the run");
    // The greeting comes; the answers to EHLO and to lettre's QUIT after it are each waited
    // for: twice the timeout, once for the run.
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(!ws.path("out/hrc-61.en.sent").exists());
    assert!(
        !run.stderr.contains("run again to send them"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_slow_server_within_the_timeout_gets_every_note_over_one_connection() {
    let fake = Fake::start(Behaviour::Slow(Duration::from_millis(300)), None);
    let ws = Workspace::new();
    bilingual(&ws);
    send(
        &ws,
        "bilingual.toml",
        &fake.settings("none", "timeout = 2\nuser = \"mission\"\n"),
        &[],
    )
    .success()
    .stdout_has("sent hrc-61.en")
    .stdout_has("sent hrc-61.fr");
    assert_eq!(fake.received().len(), 2);
    assert_eq!(fake.connections(), 1);
}

#[test]
fn a_refused_connection_is_one_error_naming_the_settings_to_check() {
    let ws = Workspace::new();
    bilingual(&ws);
    let settings = format!(
        "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n",
        closed_port()
    );
    let run = send(&ws, "bilingual.toml", &settings, &[]);
    run.failure()
        .stderr_has("note `hrc-61.en` was not sent: cannot connect to the SMTP server: the server refused the connection (127.0.0.1:")
        .stderr_has("= hint: check `host` and `port` in `smtp.toml`")
        .stderr_has("note `hrc-61.fr` was not sent: not tried");
    assert!(!run.stderr.contains("Connection error"), "{}", run.stderr);
}

#[test]
fn a_refused_recipient_fails_its_note_only_and_the_next_note_is_tried() {
    let fake = Fake::start(Behaviour::RefuseRecipients, None);
    let ws = Workspace::new();
    bilingual(&ws);
    let run = send(&ws, "bilingual.toml", &fake.settings("none", ""), &[]);
    run.failure()
        .stderr_has("note `hrc-61.en` was not sent: the SMTP server refused it: 550 5.1.1")
        .stderr_has("note `hrc-61.fr` was not sent: the SMTP server refused it: 550 5.1.1")
        .stderr_has("= hint: the server's answer says why")
        .stderr_has("2 notes were not sent (see above)");
    assert!(!run.stderr.contains("not tried"), "{}", run.stderr);
}

#[test]
fn a_server_offering_no_login_is_worded_for_a_person() {
    let fake = Fake::start(Behaviour::NoAuth, None);
    let ws = Workspace::new();
    valdoran(&ws);
    let run = send(
        &ws,
        "valdoran.toml",
        &fake.settings("none", "user = \"mission\"\n"),
        &[],
    );
    run.failure()
        .stderr_has("the SMTP server offers no way to log in that verbale knows (PLAIN or LOGIN)")
        .stderr_has("if the server needs no login, remove `user` from `smtp.toml`");
    assert!(
        !run.stderr.contains("internal client error"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_certificate_of_the_missions_own_authority_is_trusted_with_ca_file() {
    let (ca, tls) = authority_and_server();
    let fake = Fake::start(Behaviour::Accept, Some(tls));
    let ws = Workspace::new();
    valdoran(&ws);
    let run = send(&ws, "valdoran.toml", &fake.settings("tls", ""), &[]);
    run.failure()
        .stderr_has("the SMTP server's certificate is not trusted: it is signed by an authority this machine does not know")
        .stderr_has("add `ca_file = \"ca.pem\"`")
        .stderr_has("trusted besides the system's authorities");
    assert!(!run.stderr.contains("UnknownIssuer"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("run again to send them"),
        "{}",
        run.stderr
    );
    assert!(fake.received().is_empty());

    ws.write("ca.pem", &ca);
    let settings = fake.settings("tls", "ca_file = \"ca.pem\"\n");
    send(&ws, "valdoran.toml", &settings, &[])
        .success()
        .stdout_has("sent ccm-7msp.fr");
    assert_eq!(fake.received().len(), 1);
}

#[test]
fn a_sent_message_is_dated_when_sent_and_is_no_draft_while_the_eml_stays_the_draft() {
    let fake = Fake::start(Behaviour::Accept, None);
    let ws = Workspace::new();
    valdoran(&ws);
    send(&ws, "valdoran.toml", &fake.settings("none", ""), &[]).success();
    let received = fake.received();
    let sent = MessageParser::default().parse(&received[0]).unwrap();
    assert_eq!(sent.header_raw("X-Unsent"), None, "sent marked unsent");
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let dated = sent.date().unwrap().to_timestamp();
    assert!(
        (now - dated).abs() < 300,
        "sent dated {}",
        sent.date().unwrap()
    );

    let eml = ws.read("out/ccm-7msp.fr.eml");
    let draft = MessageParser::default().parse(&eml).unwrap();
    assert_eq!(draft.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        draft.date().map(|d| d.to_rfc3339()),
        Some("2017-08-01T12:00:00Z".to_string())
    );
    assert_eq!(sent.subject(), draft.subject());
    assert_eq!(sent.message_id(), draft.message_id());
    assert_eq!(
        sent.attachment(0).unwrap().contents(),
        ws.read("out/ccm-7msp.fr.pdf")
    );
}

#[test]
fn send_after_generate_with_the_docx_sends_the_draft_on_disk_as_it_is() {
    let fake = Fake::start(Behaviour::Accept, None);
    let ws = Workspace::new();
    valdoran(&ws);
    ws.run(&["generate", "valdoran.toml", "-o", "out", "--mail=pdf,docx"])
        .success();
    let draft = ws.read("out/ccm-7msp.fr.eml");
    send(&ws, "valdoran.toml", &fake.settings("none", ""), &[])
        .success()
        .stdout_has("sent ccm-7msp.fr");
    assert_eq!(
        ws.read("out/ccm-7msp.fr.eml"),
        draft,
        "the draft was changed"
    );
    let sent = MessageParser::default()
        .parse(&fake.received()[0])
        .unwrap()
        .attachments()
        .filter_map(|a| a.attachment_name().map(str::to_string))
        .collect::<Vec<_>>();
    assert_eq!(sent, ["ccm-7msp.fr.pdf", "ccm-7msp.fr.docx"]);
}

#[test]
fn a_security_setting_the_server_does_not_speak_is_named_in_the_hint() {
    let fake = Fake::start(Behaviour::Accept, None);
    let ws = Workspace::new();
    valdoran(&ws);
    // TLS from the first byte to a server that greets in plain text.
    let run = send(&ws, "valdoran.toml", &fake.settings("tls", ""), &[]);
    run.failure()
        .stderr_has("note `ccm-7msp.fr` was not sent: the encrypted connection failed")
        .stderr_has(
            "check `security` and `port` in `smtp.toml`: port 465 wants `security = \"tls\"`",
        );
    // STARTTLS to a server that does not offer it.
    let run = send(&ws, "valdoran.toml", &fake.settings("starttls", ""), &[]);
    run.failure()
        .stderr_has(
            "the SMTP server does not offer STARTTLS, which `security = \"starttls\"` requires",
        )
        .stderr_has("set `security = \"tls\"` and its port");
    assert!(fake.received().is_empty());
}
