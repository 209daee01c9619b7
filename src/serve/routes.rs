//! HTTP requests -> answers: the page and its assets, a file's text, a render of the text,
//! the form, an edit, a save and an issue, and downloads from the output folder. Slow work
//! (render, save, issue) runs on blocking threads; every route is behind [`super::security`].

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{assets, edit, folder, form, picture, preview, records, security, send, sheet, App};
use crate::files::MAX_OUTPUT_BYTES;
use crate::import::MAX_SPREADSHEET_BYTES;
use crate::input::MAX_DELEGATION_BYTES;
use crate::pipeline::{self, Settings};
use crate::validate::MAX_EMBLEM_BYTES;

/// What is escaped of a file name in a link: all but letters, digits and `-._~`.
const IN_URL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The routes, behind the guard. A body may hold a whole delegation file, escaped as JSON.
pub fn router(app: Arc<App>, guard: Arc<security::Guard>) -> Router {
    Router::new()
        .route("/", get(|| async { Html(assets::INDEX) }))
        .route("/assets/{asset}", get(asset))
        .route("/api/files", get(files))
        .route("/api/file", get(file))
        .route("/api/new", post(new_file))
        .route("/api/watch", get(watched))
        .route("/api/render", post(render))
        .route("/api/form", post(form_html))
        .route("/api/edit", post(edit_text))
        .route("/api/save", post(save))
        .route("/api/issue", post(issue))
        .route("/api/send", post(send::send))
        .route(
            "/api/picture",
            post(picture::upload).layer(DefaultBodyLimit::max(MAX_EMBLEM_BYTES as usize)),
        )
        .route(
            "/api/import",
            post(import_sheet).layer(DefaultBodyLimit::max(MAX_SPREADSHEET_BYTES as usize)),
        )
        .route("/api/register", get(register_list))
        .route(
            "/api/verify",
            post(verify_note).layer(DefaultBodyLimit::max(MAX_OUTPUT_BYTES as usize)),
        )
        .route("/download/{file}", get(download))
        .layer(DefaultBodyLimit::max(
            2 * MAX_DELEGATION_BYTES as usize + 4096,
        ))
        .layer(axum::middleware::from_fn_with_state(guard, security::guard))
        .with_state(app)
}

/// A refusal, as JSON: `{"error": "...", "hints": [...]}`.
pub(super) struct Refusal(
    pub(super) StatusCode,
    pub(super) String,
    pub(super) Vec<String>,
);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1, "hints": self.2 }))).into_response()
    }
}

/// The path of a file the server was given, or 404.
pub(super) fn delegation(app: &App, name: &str) -> Result<PathBuf, Refusal> {
    app.delegations.path(name).ok_or_else(|| {
        Refusal(
            StatusCode::NOT_FOUND,
            format!("`{name}` is not one of the files this server was given"),
            vec![format!(
                "open one of: {}",
                app.delegations.names().join(", ")
            )],
        )
    })
}

/// Refuses a text larger than a delegation file may be.
fn bounded(text: &str) -> Result<(), Refusal> {
    if text.len() as u64 > MAX_DELEGATION_BYTES {
        return Err(Refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the file is larger than {}",
                crate::files::megabytes(MAX_DELEGATION_BYTES)
            ),
            vec!["a thousand members take about 150 kB; keep the file smaller".into()],
        ));
    }
    Ok(())
}

async fn asset(Path(asset): Path<String>) -> Response {
    match assets::get(&asset) {
        Some((kind, body)) => ([(header::CONTENT_TYPE, kind)], body).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn files(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    let files: Vec<_> = app
        .delegations
        .names()
        .iter()
        .map(|name| json!({ "name": name }))
        .collect();
    Json(json!({ "files": files, "folder": app.delegations.is_folder() }))
}

/// The watched templates folder's stamp (`null` when none is watched): the page polls it and
/// renders again when it changes.
async fn watched(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    let stamp = app.watch.as_ref().map(|w| format!("{:016x}", w.stamp()));
    Json(json!({ "stamp": stamp }))
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

async fn file(State(app): State<Arc<App>>, Query(q): Query<Named>) -> Result<Response, Refusal> {
    let path = delegation(&app, &q.name)?;
    let (text, version) = folder::open(&path).map_err(|error| {
        Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("cannot read `{}`: {error}", path.display()),
            vec!["check the file; it must be a UTF-8 text file under 4 MB".into()],
        )
    })?;
    Ok(Json(json!({ "name": q.name, "text": text, "version": version })).into_response())
}

/// Makes a new delegation file in the folder given, from a blank form.
async fn new_file(
    State(app): State<Arc<App>>,
    Json(ask): Json<Named>,
) -> Result<Json<serde_json::Value>, Refusal> {
    use folder::NewError;
    let refused = |status, message: String, hint: &str| Refusal(status, message, vec![hint.into()]);
    match app.delegations.create(&ask.name) {
        Ok(()) => Ok(Json(json!({ "name": ask.name }))),
        Err(NewError::NotAFolder) => Err(refused(
            StatusCode::FORBIDDEN,
            "this server was given one file, and makes no other".into(),
            "start `verbale serve FOLDER` to make new files in that folder",
        )),
        Err(NewError::BadName) => Err(refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("`{}` cannot name a delegation file here", ask.name),
            "give a plain file name ending in `.toml`, such as `ccm-2027.toml`",
        )),
        Err(NewError::Exists) => Err(refused(
            StatusCode::CONFLICT,
            format!("`{}` exists already", ask.name),
            "choose another name, or open that file",
        )),
        Err(NewError::Io(error)) => Err(refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot make `{}`: {error}", ask.name),
            "check that the folder can be written",
        )),
    }
}

#[derive(Deserialize)]
struct RenderAsk {
    name: String,
    text: String,
    seq: u64,
}

#[derive(Serialize)]
struct Rendered {
    seq: u64,
    superseded: bool,
    #[serde(flatten)]
    preview: preview::Preview,
}

async fn render(
    State(app): State<Arc<App>>,
    Json(ask): Json<RenderAsk>,
) -> Result<Response, Refusal> {
    bounded(&ask.text)?;
    let path = delegation(&app, &ask.name)?;
    app.latest.fetch_max(ask.seq, Ordering::SeqCst);
    let made = tokio::task::spawn_blocking(move || {
        let _one_at_a_time = app.rendering.lock().unwrap_or_else(|e| e.into_inner());
        // A newer keystroke came while this one waited: its render is the one to make.
        if app.latest.load(Ordering::SeqCst) > ask.seq {
            return Rendered {
                seq: ask.seq,
                superseded: true,
                preview: Default::default(),
            };
        }
        let problems = app
            .watch
            .as_ref()
            .map(|w| w.refresh(&app.env))
            .unwrap_or_default();
        let preview = if problems.is_empty() {
            preview::preview(&app.env(), &app.settings, &path, &ask.text)
        } else {
            preview::Preview {
                problems,
                ..Default::default()
            }
        };
        Rendered {
            seq: ask.seq,
            superseded: false,
            preview,
        }
    })
    .await
    .map_err(internal)?;
    // The same figures for the browser's own timing of the request.
    let t = made.preview.timing;
    let timing = format!(
        "check;dur={:.1}, render;dur={:.1}, draw;dur={:.1}",
        t.check, t.render, t.draw
    );
    Ok(([("server-timing", timing)], Json(made)).into_response())
}

#[derive(Deserialize)]
struct TextAsk {
    name: String,
    text: String,
}

async fn form_html(
    State(app): State<Arc<App>>,
    Json(ask): Json<TextAsk>,
) -> Result<Json<serde_json::Value>, Refusal> {
    bounded(&ask.text)?;
    delegation(&app, &ask.name)?;
    let kinds = app.env().templates.kinds();
    Ok(Json(match form::form(&ask.text, &kinds) {
        Ok(html) => json!({ "html": html }),
        Err(error) => json!({ "html": null, "error": error.to_string() }),
    }))
}

#[derive(Deserialize)]
struct EditAsk {
    name: String,
    text: String,
    #[serde(default)]
    edits: Vec<FieldEdit>,
    op: Option<String>,
    index: Option<usize>,
    to: Option<usize>,
    /// `[[member]]` tables to add (`append_members`).
    members: Option<String>,
    /// The field to write by language (`by_language`).
    path: Option<String>,
}

#[derive(Deserialize)]
struct FieldEdit {
    path: String,
    value: String,
}

async fn edit_text(
    State(app): State<Arc<App>>,
    Json(ask): Json<EditAsk>,
) -> Result<Json<serde_json::Value>, Refusal> {
    bounded(&ask.text)?;
    delegation(&app, &ask.name)?;
    let unprocessable = |error: edit::EditError| {
        Refusal(StatusCode::UNPROCESSABLE_ENTITY, error.to_string(), vec![])
    };
    let mut text = ask.text;
    for one in &ask.edits {
        text = edit::set(&text, &one.path, &one.value).map_err(unprocessable)?;
    }
    let index = ask.index.unwrap_or(0);
    text = match ask.op.as_deref() {
        None => Ok(text),
        Some("add_member") => edit::add_member(&text),
        Some("remove_member") => edit::remove_member(&text, index),
        Some("move_member") => edit::move_member(&text, index, ask.to.unwrap_or(index)),
        Some("by_language") => edit::by_language(&text, ask.path.as_deref().unwrap_or("")),
        Some("append_members") => edit::append_members(&text, ask.members.as_deref().unwrap_or("")),
        Some(other) => Err(edit::EditError::BadPath(other.to_string())),
    }
    .map_err(unprocessable)?;
    bounded(&text)?;
    Ok(Json(json!({ "text": text })))
}

#[derive(Deserialize)]
struct SheetAsk {
    name: String,
    /// The spreadsheet's file name, for its format and for messages.
    file: String,
}

/// A spreadsheet's bytes -> its members' tables, or its problems at their cells.
async fn import_sheet(
    State(app): State<Arc<App>>,
    Query(ask): Query<SheetAsk>,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let path = delegation(&app, &ask.name)?;
    let read = tokio::task::spawn_blocking(move || {
        let language = sheet::file_language(&path);
        sheet::read(&app.env(), &ask.file, &body, language)
    })
    .await
    .map_err(internal)?;
    Ok(match read {
        sheet::Sheet::Members { text, count } => {
            Json(json!({ "members": text, "count": count })).into_response()
        }
        sheet::Sheet::Problems(problems) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "problems": problems })),
        )
            .into_response(),
    })
}

#[derive(Deserialize)]
struct SaveAsk {
    name: String,
    text: String,
    version: String,
}

async fn save(
    State(app): State<Arc<App>>,
    Json(ask): Json<SaveAsk>,
) -> Result<Json<serde_json::Value>, Refusal> {
    bounded(&ask.text)?;
    let path = delegation(&app, &ask.name)?;
    let shown = path.display().to_string();
    let saved = tokio::task::spawn_blocking(move || folder::save(&path, &ask.text, &ask.version))
        .await
        .map_err(internal)?;
    match saved {
        Ok(version) => Ok(Json(json!({ "version": version }))),
        Err(folder::SaveError::Changed) => Err(Refusal(
            StatusCode::CONFLICT,
            format!("`{shown}` changed on disk since it was opened; nothing was saved"),
            vec!["reload it to see the changes (yours are then lost), or copy yours first".into()],
        )),
        Err(folder::SaveError::Io(error)) => Err(Refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot save `{shown}`: {error}"),
            vec!["check that the folder can be written; the file is as it was".into()],
        )),
    }
}

#[derive(Deserialize)]
struct IssueAsk {
    name: String,
    version: String,
    #[serde(default)]
    mail: bool,
}

async fn issue(
    State(app): State<Arc<App>>,
    Json(ask): Json<IssueAsk>,
) -> Result<Response, Refusal> {
    let path = delegation(&app, &ask.name)?;
    let output = app.delegations.output(&ask.name);
    let done = tokio::task::spawn_blocking(move || issue_file(&app, &path, &ask, &output))
        .await
        .map_err(internal)?;
    Ok(done)
}

/// Numbers, writes and records the notes of the saved file, as `generate` does.
fn issue_file(
    app: &App,
    path: &std::path::Path,
    ask: &IssueAsk,
    output: &std::path::Path,
) -> Response {
    let current = folder::open(path).map(|(_, version)| version).ok();
    if current.as_deref() != Some(ask.version.as_str()) {
        return Refusal(
            StatusCode::CONFLICT,
            format!("`{}` on disk is not the text shown", path.display()),
            vec!["save it first (or reload it), then issue".into()],
        )
        .into_response();
    }
    let mail = ask.mail.then_some(crate::mail::Attach::Pdf);
    let settings = Settings::new(app.settings.overrides.clone(), mail, false);
    let env = app.env();
    let issued = crate::load(path, &env, &settings.overrides)
        .and_then(|loaded| pipeline::issue(&env, &loaded, &settings, output));
    let issued = match issued {
        Ok(issued) => issued,
        Err(error) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let problems = preview::problems(&error, path, &text);
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "problems": problems })),
            )
                .into_response();
        }
    };
    let files: Vec<_> = issued
        .outcomes
        .iter()
        .filter_map(|outcome| {
            let (crate::output::Outcome::Written(p) | crate::output::Outcome::Unchanged(p)) =
                outcome;
            let file = p.file_name()?.to_string_lossy().into_owned();
            let name = percent_encoding::utf8_percent_encode(&ask.name, IN_URL);
            let file_part = percent_encoding::utf8_percent_encode(&file, IN_URL);
            let url = format!("/download/{file_part}?name={name}");
            Some(json!({ "name": file, "url": url }))
        })
        .collect();
    let numbered: Vec<_> = issued
        .rendered
        .numbered
        .iter()
        .map(|n| json!({ "note": issued.rendered.stems(n.meeting), "reference": n.reference, "new": n.new }))
        .collect();
    Json(json!({ "files": files, "numbered": numbered })).into_response()
}

async fn download(
    State(app): State<Arc<App>>,
    Path(file): Path<String>,
    Query(q): Query<Named>,
) -> Result<Response, Refusal> {
    let refused = || {
        Refusal(
            StatusCode::NOT_FOUND,
            format!("`{file}` is not a note of `{}`", q.name),
            vec!["issue the note first; only its files in the output folder are served".into()],
        )
    };
    let path = app
        .delegations
        .download(&q.name, &file)
        .ok_or_else(refused)?;
    let bytes =
        crate::files::read_bounded(&path, crate::files::MAX_OUTPUT_BYTES).map_err(|_| refused())?;
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "message/rfc822",
    };
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The register's notes of the file.
async fn register_list(
    State(app): State<Arc<App>>,
    Query(q): Query<Named>,
) -> Result<Response, Refusal> {
    let path = delegation(&app, &q.name)?;
    tokio::task::spawn_blocking(move || {
        let env = app.env();
        answer(records::list(&env, &path, &app.settings.overrides), &path)
    })
    .await
    .map_err(internal)
}

/// Whether a dropped PDF or DOCX is a note the register issued, unaltered.
async fn verify_note(
    State(app): State<Arc<App>>,
    Query(q): Query<Named>,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let path = delegation(&app, &q.name)?;
    tokio::task::spawn_blocking(move || {
        let env = app.env();
        let verified = records::verify(&env, &path, &app.settings.overrides, &body);
        answer(verified, &path)
    })
    .await
    .map_err(internal)
}

/// A result as JSON, or its problems (422) in `check`'s words.
fn answer(result: Result<serde_json::Value, crate::Error>, path: &std::path::Path) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let problems = preview::problems(&error, path, &text);
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "problems": problems })),
            )
                .into_response()
        }
    }
}

pub(super) fn internal(error: tokio::task::JoinError) -> Refusal {
    Refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("verbale failed on this request: {error}"),
        vec!["this is a fault of verbale, not of the file; please report it".into()],
    )
}
