//! Mail drafts (`generate --mail`) read back with a mail parser, `send --dry-run`, and sending
//! to a local SMTP server (ignored: needs Python's aiosmtpd).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use mail_parser::{MessageParser, MimeHeaders};

use crate::support::{require, root, Run, Workspace};

mod headers;
mod sending;
pub(crate) mod smtp;

/// The French example with a recipient and copies whose names need encoding.
fn valdoran(ws: &Workspace) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/valdoran-fr.toml")).unwrap();
    let text = text
        .replacen(
            "name = \"le Bureau des affaires de désarmement (Service de Genève)\"",
            "name = \"le Bureau de Mme Müller-Łódź\"",
            1,
        )
        .replacen(
            "date = 2017-08-01\n",
            "date = 2017-08-01\nmail_cc = [\"registration@example.org\", \"archives@example.org\"]\n",
            1,
        );
    assert!(text.contains("Müller-Łódź") && text.contains("mail_cc"));
    ws.write("valdoran.toml", &text)
}

fn generate(ws: &Workspace, args: &[&str]) -> Run {
    let mut all = vec!["generate", "valdoran.toml", "-o", "out"];
    all.extend_from_slice(args);
    let run = ws.run(&all);
    run.success();
    run
}

#[test]
fn the_draft_decodes_to_the_right_names_subject_and_attachment() {
    let ws = Workspace::new();
    valdoran(&ws);
    generate(&ws, &["--mail"]);
    let eml = ws.read("out/ccm-7msp.fr.eml");
    let message = MessageParser::default().parse(&eml).expect("a message");
    let from = message.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Mission permanente du Valdoran"));
    assert_eq!(from.address(), Some("mission.valdoran@example.org"));
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.name(), Some("Bureau de Mme Müller-Łódź"));
    assert_eq!(to.address(), Some("secretariat@unog.example.org"));
    let cc: Vec<&str> = message
        .cc()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(cc, ["registration@example.org", "archives@example.org"]);
    assert_eq!(
        message.subject(),
        Some(
            "Note verbale VAL/GE/2017/114\u{202f}: délégation du Valdoran à la septième \
             Assemblée des États parties à la Convention sur les armes à sous-munitions"
        )
    );
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        message.date().map(|d| d.to_rfc3339()),
        Some("2017-08-01T12:00:00Z".to_string())
    );
    let body = message.body_text(0).unwrap();
    assert!(body.starts_with("Madame, Monsieur,"), "{body}");
    assert!(
        body.contains("la note verbale VAL/GE/2017/114 du 1er\u{a0}août 2017"),
        "{body}"
    );
    assert_eq!(message.attachment_count(), 1);
    let pdf = message.attachment(0).unwrap();
    assert_eq!(pdf.attachment_name(), Some("ccm-7msp.fr.pdf"));
    assert_eq!(pdf.contents(), ws.read("out/ccm-7msp.fr.pdf"));
}

#[test]
fn a_draft_attaches_the_docx_when_asked_and_reruns_give_the_same_bytes() {
    let ws = Workspace::new();
    valdoran(&ws);
    generate(&ws, &["--mail=pdf,docx"]);
    let first = ws.read("out/ccm-7msp.fr.eml");
    let message = MessageParser::default().parse(&first).unwrap();
    let names: Vec<&str> = message
        .attachments()
        .filter_map(|a| a.attachment_name())
        .collect();
    assert_eq!(names, ["ccm-7msp.fr.pdf", "ccm-7msp.fr.docx"]);
    assert_eq!(
        message.attachment(1).unwrap().contents(),
        ws.read("out/ccm-7msp.fr.docx")
    );
    std::fs::remove_dir_all(ws.path("out")).unwrap();
    generate(&ws, &["--mail=pdf,docx"]);
    assert_eq!(
        ws.read("out/ccm-7msp.fr.eml"),
        first,
        "a rerun changes the draft"
    );
    // And the same files again are left alone.
    generate(&ws, &["--mail=pdf,docx"]).stdout_has("unchanged");
}

#[test]
fn without_addresses_mail_is_an_error_at_the_table_and_nothing_is_written() {
    let ws = Workspace::new();
    ws.example_with(
        "bad.toml",
        "email = \"mission.examplestan@example.org\"",
        "",
    );
    // Without `--mail` the mission's address is optional.
    ws.run(&["generate", "bad.toml", "-o", "plain"]).success();
    ws.run(&["generate", "bad.toml", "-o", "out", "--mail"])
        .failure()
        .stderr_has("missing field `email` in `[mission]`")
        .stderr_has("bad.toml:4:1");
    assert!(ws.files_in("out").is_empty(), "{:?}", ws.files_in("out"));
}

#[test]
fn a_malformed_address_is_reported_where_it_is() {
    let ws = Workspace::new();
    ws.example_with(
        "bad.toml",
        "email = \"ccm@unog.ch\"",
        "email = \"ccm at unog.ch\"",
    );
    ws.run(&["generate", "bad.toml", "--mail"])
        .failure()
        .stderr_has("`email` is not an e-mail address: `ccm at unog.ch`")
        .stderr_has("bad.toml:22:9");
}

#[test]
fn a_dry_run_says_who_would_get_what_and_sends_nothing() {
    let ws = Workspace::new();
    valdoran(&ws);
    let run = ws.run(&["send", "valdoran.toml", "-o", "out", "--dry-run"]);
    run.success()
        .stdout_has("would send ccm-7msp.fr")
        .stdout_has("From:    Mission permanente du Valdoran <mission.valdoran@example.org>")
        .stdout_has("Bureau de Mme Müller-Łódź")
        .stdout_has("Cc:      registration@example.org, archives@example.org")
        .stdout_has("Attached: ccm-7msp.fr.pdf (");
    assert!(ws.files_in("out").is_empty());
}

#[test]
fn sending_without_a_password_or_a_terminal_is_a_clear_error() {
    let ws = Workspace::new();
    valdoran(&ws);
    ws.write(
        "smtp.toml",
        "host = \"127.0.0.1\"\nport = 9\nsecurity = \"none\"\nuser = \"mission\"\n",
    );
    ws.run(&["send", "valdoran.toml", "--smtp", "smtp.toml"])
        .failure()
        .stderr_has("`VERBALE_SMTP_PASSWORD` is not set");
    assert!(ws.files_in("out").is_empty());
}

/// A local SMTP server (`tests/smtp_server.py`), stopped when dropped.
pub(crate) struct Server {
    child: Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl Server {
    pub(crate) fn start(options: &[&str]) -> Server {
        let python = require("python3");
        let inbox = tempfile::tempdir().unwrap();
        let mut child = Command::new(python)
            .arg(root().join("tests/smtp_server.py"))
            .arg(inbox.path())
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .strip_prefix("listening on ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the SMTP server did not start (is aiosmtpd installed? `pip install aiosmtpd==1.4.6`): {line:?}")
            });
        Server { child, port, inbox }
    }

    pub(crate) fn settings(&self, ws: &Workspace, user: bool) -> PathBuf {
        let user = if user { "user = \"mission\"\n" } else { "" };
        ws.write(
            "smtp.toml",
            &format!(
                "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n{user}",
                self.port
            ),
        )
    }

    pub(crate) fn received(&self) -> Vec<Vec<u8>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(self.inbox.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn send(ws: &Workspace, settings: &Path, extra: &[&str], password: &str) -> Run {
    let mut args = vec![
        "send",
        "valdoran.toml",
        "-o",
        "out",
        "--smtp",
        settings.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ws.run_with_env(&args, &[("VERBALE_SMTP_PASSWORD", password)])
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_sent_note_arrives_as_its_draft_once_unless_resent() {
    let server = Server::start(&["--password", "s3cret"]);
    let ws = Workspace::new();
    valdoran(&ws);
    let settings = server.settings(&ws, true);
    send(&ws, &settings, &[], "s3cret")
        .success()
        .stdout_has("sent ccm-7msp.fr");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let eml = ws.read("out/ccm-7msp.fr.eml");
    let got = MessageParser::default().parse(&received[0]).unwrap();
    let want = MessageParser::default().parse(&eml).unwrap();
    assert_eq!(got.subject(), want.subject());
    assert_eq!(
        got.to().and_then(|a| a.first()).and_then(|a| a.name()),
        Some("Bureau de Mme Müller-Łódź")
    );
    assert_eq!(
        got.attachment(0).unwrap().contents(),
        ws.read("out/ccm-7msp.fr.pdf")
    );
    let record = String::from_utf8(ws.read("out/ccm-7msp.fr.sent")).unwrap();
    assert!(record.contains("\"server_response\": \"250"), "{record}");
    // A rerun sends nothing; `--resend` sends again.
    send(&ws, &settings, &[], "s3cret")
        .success()
        .stdout_has("skipped ccm-7msp.fr: sent before");
    assert_eq!(server.received().len(), 1);
    send(&ws, &settings, &["--resend"], "s3cret").success();
    assert_eq!(server.received().len(), 2);
}

#[track_caller]
fn fails_without_record(options: &[&str], password: &str, expected: &str) {
    let server = Server::start(options);
    let ws = Workspace::new();
    valdoran(&ws);
    let settings = server.settings(&ws, true);
    send(&ws, &settings, &[], password)
        .failure()
        .stderr_has("error: note `ccm-7msp.fr` was not sent")
        .stderr_has(expected);
    assert!(
        !ws.path("out/ccm-7msp.fr.sent").exists(),
        "a record of a failed send"
    );
    assert!(server.received().is_empty());
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_refused_recipient_is_reported_and_not_marked_sent() {
    fails_without_record(&["--password", "s3cret", "--refuse"], "s3cret", "550");
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_wrong_password_is_reported_and_not_marked_sent() {
    fails_without_record(&["--password", "s3cret"], "wrong", "535");
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_dropped_connection_is_reported_and_not_marked_sent() {
    fails_without_record(
        &["--password", "s3cret", "--drop"],
        "s3cret",
        "closed the connection without answering",
    );
}

#[test]
#[ignore = "needs python3; run by .ci/run"]
fn pythons_email_parser_reads_the_draft() {
    let python = require("python3");
    let ws = Workspace::new();
    valdoran(&ws);
    generate(&ws, &["--mail"]);
    let script = r#"
import email, email.policy, sys
from email.header import decode_header, make_header
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
print('to-address:', m['To'].addresses[0].addr_spec)
print('from-address:', m['From'].addresses[0].addr_spec)
print('cc:', ', '.join(a.addr_spec for a in m['Cc'].addresses))
# Names through the RFC 2047 decoder itself: the address parser of policy.default puts a
# space between adjacent encoded words (a Python quirk), which mail clients do not.
legacy = email.message_from_bytes(raw)
print('to:', str(make_header(decode_header(legacy['To']))))
print('from:', m['From'].addresses[0].display_name)
print('subject:', m['Subject'])
print('unsent:', m['X-Unsent'])
for part in m.iter_attachments():
    data = part.get_content()
    print('attachment:', part.get_filename(), part.get_content_type(), len(data))
    open(sys.argv[2], 'wb').write(data)
"#;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(ws.path("out/ccm-7msp.fr.eml"))
        .arg(ws.path("decoded.pdf"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in [
        "to-address: secretariat@unog.example.org",
        "from-address: mission.valdoran@example.org",
        "cc: registration@example.org, archives@example.org",
        "to: Bureau de Mme Müller-Łódź <secretariat@unog.example.org>",
        "from: Mission permanente du Valdoran\n",
        "subject: Note verbale VAL/GE/2017/114\u{202f}: délégation du Valdoran",
        "unsent: 1",
        "attachment: ccm-7msp.fr.pdf application/pdf",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    assert_eq!(ws.read("decoded.pdf"), ws.read("out/ccm-7msp.fr.pdf"));
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_batch_sends_every_note_once() {
    let server = Server::start(&["--password", "s3cret"]);
    let ws = Workspace::new();
    valdoran(&ws);
    std::fs::create_dir_all(ws.path("files")).unwrap();
    std::fs::rename(ws.path("valdoran.toml"), ws.path("files/valdoran.toml")).unwrap();
    std::fs::copy(ws.path("7msp.toml"), ws.path("files/7msp.toml")).unwrap();
    std::fs::copy(
        ws.path("examplestan-emblem.png"),
        ws.path("files/examplestan-emblem.png"),
    )
    .unwrap();
    for emblem in std::fs::read_dir(root().join("examples"))
        .unwrap()
        .flatten()
    {
        let name = emblem.file_name();
        if name.to_string_lossy().ends_with(".png") {
            let _ = std::fs::copy(emblem.path(), ws.path("files").join(&name));
        }
    }
    let settings = server.settings(&ws, true);
    let batch = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "files",
            "-o",
            "out",
            "--send",
            "--smtp",
            settings.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        ws.run_with_env(&args, &[("VERBALE_SMTP_PASSWORD", "s3cret")])
    };
    batch(&[])
        .success()
        .stdout_has("sent ccm-7msp.en")
        .stdout_has("sent ccm-7msp.fr");
    assert_eq!(server.received().len(), 2);
    for stem in ["7msp/ccm-7msp.en", "valdoran/ccm-7msp.fr"] {
        let eml = ws.read(&format!("out/{stem}.eml"));
        let subject = MessageParser::default()
            .parse(&eml)
            .and_then(|m| m.subject().map(str::to_string));
        assert!(server.received().iter().any(|got| {
            MessageParser::default()
                .parse(got)
                .and_then(|m| m.subject().map(str::to_string))
                == subject
        }));
        assert!(ws.path(&format!("out/{stem}.sent")).is_file());
    }
    batch(&[]).success().stdout_has("skipped");
    assert_eq!(server.received().len(), 2, "a rerun sends nothing");
}

#[test]
#[ignore = "needs Python's aiosmtpd (pip install aiosmtpd==1.4.6); run by .ci/run"]
fn a_sent_note_is_marked_sent_in_its_register() {
    let server = Server::start(&["--password", "s3cret"]);
    let ws = Workspace::new();
    let text = std::fs::read_to_string(valdoran(&ws))
        .unwrap()
        .replacen("reference = \"VAL/GE/2017/114\"", "reference = \"auto\"", 1)
        .replacen(
            "[mission]\n",
            "[mission]\nreference_pattern = \"VAL/{year}/{seq:03}\"\n",
            1,
        );
    assert!(text.contains("reference = \"auto\""), "{text}");
    ws.write("valdoran.toml", &text);
    let settings = server.settings(&ws, true);
    send(&ws, &settings, &[], "s3cret")
        .success()
        .stdout_has("numbered VAL/2017/001")
        .stdout_has("sent ccm-7msp.fr");
    let shown = ws.run(&["register", "show", "VAL/2017/001"]);
    shown
        .success()
        .stdout_has("sent     ")
        .stdout_has("server: 250");
    let subject = MessageParser::default()
        .parse(&server.received()[0])
        .and_then(|m| m.subject().map(str::to_string))
        .unwrap();
    assert!(subject.contains("VAL/2017/001"), "{subject}");
}
