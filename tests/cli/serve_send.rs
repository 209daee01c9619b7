//! `verbale serve`'s Send button (`POST /api/send`): what would be sent, then the issued notes'
//! mail through a real SMTP conversation with the small server of `mail/smtp.rs`, notes sent
//! before skipped, and the password asked for only when the environment has none.

use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{json, Value};

use crate::mail::smtp::{Behaviour, Fake};
use crate::support::serve::Server;
use crate::support::{root, Workspace};

const FILE: &str = "bilingual.toml";

/// The bilingual example and the SMTP settings of `fake`, served with `--smtp`.
fn start(ws: &Workspace, fake: &Fake, extra: &str) -> Server {
    ws.write("smtp.toml", &fake.settings("none", extra));
    serve(ws)
}

fn serve(ws: &Workspace) -> Server {
    let text = std::fs::read_to_string(root().join("examples/bilingual.toml")).unwrap();
    ws.write(FILE, &text);
    Server::start(ws.dir.path(), &[FILE, "--smtp", "smtp.toml"])
}

fn version(server: &Server) -> Value {
    server.get("/api/file?name=bilingual.toml").json()["version"].clone()
}

fn issue_with_mail(server: &Server) -> Value {
    let version = version(server);
    let issued = server.post(
        "/api/issue",
        &json!({ "name": FILE, "version": version, "mail": true }),
    );
    assert_eq!(issued.status, 200, "{}", issued.text());
    version
}

#[test]
fn the_page_shows_what_will_be_sent_then_sends_it_and_skips_it_the_second_time() {
    let fake = Fake::start(Behaviour::Accept, None);
    let ws = Workspace::new();
    let server = start(&ws, &fake, "");
    let version = issue_with_mail(&server);

    let ask = |confirm: bool| json!({ "name": FILE, "version": version, "confirm": confirm });
    let shown = server.post("/api/send", &ask(false));
    assert_eq!(shown.status, 200, "{}", shown.text());
    let shown = shown.json();
    assert_eq!(
        shown["server"],
        format!("localhost:{}", fake.port),
        "{shown}"
    );
    assert_eq!(shown["password"], false, "no user, no password: {shown}");
    let first = &shown["notes"][0];
    assert_eq!(first["note"], "hrc-61.en", "{shown}");
    assert_eq!(first["attachments"][0]["name"], "hrc-61.en.pdf", "{shown}");
    assert!(
        fake.received().is_empty(),
        "nothing is sent before the confirmation"
    );

    let sent = server.post("/api/send", &ask(true));
    assert_eq!(sent.status, 200, "{}", sent.text());
    let sent = sent.json();
    assert_eq!(sent["sent"].as_array().unwrap().len(), 2, "{sent}");
    assert_eq!(sent["failed"].as_array().unwrap().len(), 0, "{sent}");
    let received = fake.received();
    assert_eq!(received.len(), 2);
    let message = MessageParser::default().parse(&received[0]).unwrap();
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        Some(to.address().unwrap()),
        first["to"].as_str().map(|t| {
            t.rsplit_once('<')
                .map_or(t, |(_, a)| a.trim_end_matches('>'))
        })
    );
    assert_eq!(message.subject(), first["subject"].as_str());
    let names: Vec<_> = message
        .attachments()
        .filter_map(|a| a.attachment_name().map(str::to_string))
        .collect();
    assert_eq!(names, ["hrc-61.en.pdf"]);
    assert!(
        ws.path("out/hrc-61.en.sent").exists(),
        "the sending is recorded"
    );

    let again = server.post("/api/send", &ask(true)).json();
    assert_eq!(again["sent"].as_array().unwrap().len(), 0, "{again}");
    assert_eq!(again["skipped"][0]["note"], "hrc-61.en", "{again}");
    assert!(again["skipped"][0]["sent_at"].is_string(), "{again}");
    assert_eq!(fake.received().len(), 2, "nothing was sent twice");
    let shown = server.post("/api/send", &ask(false)).json();
    assert_eq!(shown["notes"].as_array().unwrap().len(), 0, "{shown}");
}

#[test]
fn a_password_is_asked_for_when_the_environment_has_none() {
    let fake = Fake::start(Behaviour::Accept, None);
    let ws = Workspace::new();
    let server = start(&ws, &fake, "user = \"mission\"\n");
    let version = issue_with_mail(&server);
    let shown = server
        .post("/api/send", &json!({ "name": FILE, "version": version }))
        .json();
    assert_eq!(shown["password"], true, "{shown}");
    assert_eq!(shown["user"], "mission", "{shown}");

    let refused = server.post(
        "/api/send",
        &json!({ "name": FILE, "version": version, "confirm": true }),
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    let refused = refused.json();
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("password of mission"),
        "{refused}"
    );
    assert!(fake.received().is_empty());

    let sent = server.post(
        "/api/send",
        &json!({ "name": FILE, "version": version, "confirm": true, "password": "s3cret" }),
    );
    assert_eq!(
        sent.json()["sent"].as_array().unwrap().len(),
        2,
        "{}",
        sent.text()
    );
    assert_eq!(fake.received().len(), 2);
}

#[test]
fn a_server_failure_shows_with_its_hint_and_missing_settings_are_named() {
    let fake = Fake::start(Behaviour::RefuseRecipients, None);
    let ws = Workspace::new();
    let server = start(&ws, &fake, "");
    let version = issue_with_mail(&server);
    let sent = server
        .post(
            "/api/send",
            &json!({ "name": FILE, "version": version, "confirm": true }),
        )
        .json();
    let failed = &sent["failed"][0];
    assert!(
        failed["error"]
            .as_str()
            .unwrap()
            .starts_with("note `hrc-61.en` was not sent:"),
        "{sent}"
    );
    assert!(!failed["hints"].as_array().unwrap().is_empty(), "{sent}");
    assert!(!ws.path("out/hrc-61.en.sent").exists());

    std::fs::remove_file(ws.path("smtp.toml")).unwrap();
    let missing = server.post("/api/send", &json!({ "name": FILE, "version": version }));
    assert_eq!(missing.status, 422, "{}", missing.text());
    assert!(missing.text().contains("smtp.toml"), "{}", missing.text());
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn the_pages_password_logs_in_to_a_real_server_and_the_message_arrives_once() {
    let smtp = crate::mail::Server::start(&["--password", "s3cret"]);
    let ws = Workspace::new();
    smtp.settings(&ws, true);
    let server = serve(&ws);
    let version = issue_with_mail(&server);
    let ask = |password: &str| json!({ "name": FILE, "version": version, "confirm": true, "password": password });
    let wrong = server.post("/api/send", &ask("wrong")).json();
    assert!(
        wrong["failed"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("note `hrc-61.en` was not sent"),
        "{wrong}"
    );
    assert!(smtp.received().is_empty());

    let sent = server.post("/api/send", &ask("s3cret")).json();
    assert_eq!(sent["sent"].as_array().unwrap().len(), 2, "{sent}");
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    let message = MessageParser::default().parse(&received[0]).unwrap();
    assert!(message.subject().is_some_and(|s| !s.is_empty()));
    let names: Vec<_> = message
        .attachments()
        .filter_map(|a| a.attachment_name().map(str::to_string))
        .collect();
    assert_eq!(names, ["hrc-61.en.pdf"]);
    let again = server.post("/api/send", &ask("s3cret")).json();
    assert_eq!(again["skipped"].as_array().unwrap().len(), 2, "{again}");
    assert_eq!(smtp.received().len(), 2, "nothing was sent twice");
}
