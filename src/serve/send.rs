//! The page's Send button -> `POST /api/send`: first what would be sent (recipient, copies,
//! subject, attachments, the server, whether a password is needed), then, once confirmed,
//! the issued notes' mail through the mission's SMTP server as `verbale send` sends it:
//! notes sent before are skipped, each sending is recorded. The password, when the
//! environment has none, comes with the request and is used once, never kept or logged.

use std::path::Path;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::routes::{delegation, internal, Refusal};
use super::{folder, preview, App};
use crate::mail::config::{self, SmtpConfig};
use crate::mail::record;
use crate::mail::send::{Server, PASSWORD_VARIABLE};
use crate::pipeline::{self, Loaded, Settings};

/// What the page asks.
#[derive(Deserialize)]
pub(super) struct SendAsk {
    name: String,
    version: String,
    /// False: only say what would be sent.
    #[serde(default)]
    confirm: bool,
    /// The SMTP password, when the environment has none.
    password: Option<String>,
}

/// `POST /api/send`.
pub(super) async fn send(
    State(app): State<Arc<App>>,
    Json(ask): Json<SendAsk>,
) -> Result<Response, Refusal> {
    let path = delegation(&app, &ask.name)?;
    let output = app.delegations.output(&ask.name);
    tokio::task::spawn_blocking(move || {
        send_file(&app, &path, &ask, &output).unwrap_or_else(IntoResponse::into_response)
    })
    .await
    .map_err(internal)
}

fn send_file(app: &App, path: &Path, ask: &SendAsk, output: &Path) -> Result<Response, Refusal> {
    let current = folder::open(path).map(|(_, version)| version).ok();
    if current.as_deref() != Some(ask.version.as_str()) {
        return Err(Refusal(
            StatusCode::CONFLICT,
            format!("`{}` on disk is not the text shown", path.display()),
            vec!["save it first (or reload it), then issue and send".into()],
        ));
    }
    let smtp = smtp_settings(app)?;
    let env = app.env();
    let mut settings = Settings::new(app.settings.overrides.clone(), None, false);
    let loaded = match crate::load(path, &env, &settings.overrides) {
        Ok(loaded) => loaded,
        Err(error) => return Ok(problems(&error, path)),
    };
    settings.mail = Some(pipeline::attached_on_disk(output, &loaded));
    if !ask.confirm {
        return Ok(match pipeline::render(&env, &loaded, &settings) {
            Ok(made) => Json(would_send(&smtp, &made, output)).into_response(),
            Err(error) => problems(&error, path),
        });
    }
    let server = connect(&smtp, ask.password.clone())?;
    match pipeline::issue(&env, &loaded, &settings, output) {
        Ok(issued) => Ok(Json(send_all(&server, issued, output, &loaded)).into_response()),
        Err(error) => Ok(problems(&error, path)),
    }
}

/// The SMTP settings file of the run, read; refused with its hint when missing or wrong.
fn smtp_settings(app: &App) -> Result<SmtpConfig, Refusal> {
    let refused = |error: crate::mail::MailError| {
        Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            error.to_string(),
            error.hints(),
        )
    };
    let path = config::settings_path(app.smtp.as_deref()).map_err(refused)?;
    config::load(&path).map_err(refused)
}

/// The password from the environment, else the page's; none needed without a user.
fn connect(smtp: &SmtpConfig, typed: Option<String>) -> Result<Server, Refusal> {
    let from_env = std::env::var(PASSWORD_VARIABLE).ok();
    let password = from_env.or(typed.filter(|p| !p.is_empty()));
    if let (Some(user), None) = (&smtp.user, &password) {
        return Err(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the SMTP server asks for the password of {user}"),
            vec![format!(
                "type it in the password field, or set `{PASSWORD_VARIABLE}` before starting \
                 `verbale serve`"
            )],
        ));
    }
    Server::new(smtp, password).map_err(|error| {
        Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            error.to_string(),
            error.hints(),
        )
    })
}

/// Who would get what, and which notes are skipped as sent before.
fn would_send(smtp: &SmtpConfig, made: &pipeline::Rendered, output: &Path) -> Value {
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    for (note, draft) in made.notes.iter().zip(&made.drafts) {
        let stem = &note.job.stem;
        if record::was_sent(output, stem) {
            skipped.push(skipped_note(output, stem));
            continue;
        }
        let attachments: Vec<_> = draft
            .attachments
            .iter()
            .map(|(name, size)| json!({ "name": name, "size": size }))
            .collect();
        notes.push(json!({
            "note": stem, "from": draft.from, "to": draft.to, "cc": draft.cc,
            "subject": draft.subject, "attachments": attachments,
        }));
    }
    let needs_password = smtp.user.is_some() && std::env::var_os(PASSWORD_VARIABLE).is_none();
    json!({
        "server": format!("{}:{}", smtp.host, smtp.port()),
        "user": smtp.user,
        "password": needs_password,
        "notes": notes,
        "skipped": skipped,
    })
}

/// Sends every issued note not sent before; what became of each.
fn send_all(server: &Server, issued: pipeline::Issued, output: &Path, loaded: &Loaded) -> Value {
    let (mut sent, mut skipped, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for mail in issued.outgoing(output, loaded) {
        if record::was_sent(output, &mail.stem) {
            skipped.push(skipped_note(output, &mail.stem));
            continue;
        }
        match pipeline::deliver(server, &mail) {
            Ok(answer) => {
                sent.push(json!({ "note": mail.stem, "to": mail.draft.to, "answer": answer }))
            }
            Err(error) => failed.push(json!({
                "note": mail.stem,
                "error": error.message(&mail.stem),
                "hints": error.hints(),
            })),
        }
    }
    json!({ "sent": sent, "skipped": skipped, "failed": failed })
}

fn skipped_note(output: &Path, stem: &str) -> Value {
    let when = record::read(output, stem).map(|r| r.sent_at);
    json!({ "note": stem, "sent_at": when })
}

/// The file's problems (422), in `check`'s words.
fn problems(error: &crate::Error, path: &Path) -> Response {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let problems = preview::problems(error, path, &text);
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "problems": problems })),
    )
        .into_response()
}
