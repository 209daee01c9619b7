//! `verbale serve`'s server: the delegation files it may open, the run's environment and
//! settings -> a local web application on 127.0.0.1 that edits them as a form and as text,
//! shows the notes' pages as they will print, saves and issues them through the pipeline.
//!
//! One stage per file: [`security`] (token, host, origin, headers), [`routes`] (the HTTP
//! answers), [`folder`] (the files it may read and write: open, save, downloads), [`edit`]
//! (format-preserving edits of the TOML document, and which field a problem is at), [`form`]
//! (the form's HTML), [`preview`] (check, render and draw the pages), [`sheet`] (a dropped
//! spreadsheet's members, through `verbale import`'s importer), [`watch`] (templates read
//! again when they change on disk), [`records`] (the register's notes of a file, and verifying
//! a dropped note), [`send`] (the issued notes' mail through the SMTP server), [`picture`] (an emblem or seal
//! chosen in the page, written beside the file) and [`assets`] (the page,
//! its script and style, compiled in). It sits above the pipeline and nothing below imports it.

mod assets;
mod edit;
mod folder;
mod form;
mod picture;
mod preview;
mod records;
mod routes;
mod security;
mod send;
mod sheet;
mod watch;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::pipeline::Settings;
use crate::Env;

pub use folder::Delegations;

/// Why the server could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The port could not be listened on.
    Bind {
        /// The address asked for.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system gave no random bytes for the token.
    Random {
        /// The generator's error, as it came.
        cause: getrandom::Error,
    },
    /// The server's threads could not be started, or it failed while running.
    Runtime(std::io::Error),
    /// A path given is neither a delegation file nor a folder.
    NoSuchInput {
        /// The path.
        path: PathBuf,
    },
}

impl ServeError {
    /// The message, as `error: ...` prints it.
    pub fn message(&self) -> String {
        match self {
            ServeError::Bind { address, source } => {
                format!("cannot listen on `{address}`: {source}")
            }
            ServeError::Random { cause } => {
                format!("the system gave no random bytes for the run's token: {cause}")
            }
            ServeError::Runtime(error) => format!("the server failed: {error}"),
            ServeError::NoSuchInput { path } => {
                format!("`{}` is neither a file nor a folder", path.display())
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            ServeError::Bind { .. } => {
                "choose another port with `--port`, or `--port 0` for any free one"
            }
            ServeError::Random { .. } => "this is a fault of the system; try again",
            ServeError::Runtime(_) => "try again; if it persists, please report it",
            ServeError::NoSuchInput { .. } => {
                "give a delegation file (`*.toml`) or a folder that holds them"
            }
        }
    }
}

/// What the server is given to run with.
pub struct Config {
    /// The run's templates, fonts and clock.
    pub env: Env,
    /// The overrides and emblems of every render and issue.
    pub settings: Settings,
    /// The delegation files it may open and save, and where their notes go.
    pub delegations: Delegations,
    /// The port (0: any free one).
    pub port: u16,
    /// Start the system's browser on the page.
    pub open: bool,
    /// The run's templates folder (`--templates`), read again when it changes.
    pub templates: Option<PathBuf>,
    /// The SMTP settings file (`--smtp`; else the default one), read when the page sends.
    pub smtp: Option<PathBuf>,
}

/// Everything a request may use.
pub struct App {
    /// Written only when the watched templates change.
    env: std::sync::RwLock<Env>,
    watch: Option<watch::Watch>,
    settings: Settings,
    delegations: Delegations,
    /// The SMTP settings file given, if any.
    smtp: Option<PathBuf>,
    /// The newest render asked for: older ones still waiting are dropped.
    latest: std::sync::atomic::AtomicU64,
    /// One render at a time: a newer keystroke waits for the current one, not for a queue.
    rendering: std::sync::Mutex<()>,
}

impl App {
    /// The run's environment, for reading.
    fn env(&self) -> std::sync::RwLockReadGuard<'_, Env> {
        self.env.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// Listens on 127.0.0.1, prints the link with the token on standard error, and answers
/// until Ctrl-C (or SIGTERM); requests under way are finished first, so no file is left half
/// written.
pub fn run(config: Config) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(serve(config))
}

async fn serve(config: Config) -> Result<(), ServeError> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, config.port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|source| ServeError::Bind { address, source })?;
    let bound = listener.local_addr().map_err(ServeError::Runtime)?;
    // ::1 on the same port too, when the system has IPv6 and the port is free there.
    let six = SocketAddr::from((Ipv6Addr::LOCALHOST, bound.port()));
    let listener6 = tokio::net::TcpListener::bind(six).await.ok();
    let mut guard = security::Guard::new(bound.to_string())?;
    guard.host6 = listener6.as_ref().map(|_| six.to_string());
    let guard = Arc::new(guard);
    let url = format!("{}/?token={}", guard.origin, guard.token);
    let app = Arc::new(App {
        env: std::sync::RwLock::new(config.env),
        watch: config.templates.map(watch::Watch::new),
        settings: config.settings,
        delegations: config.delegations,
        smtp: config.smtp,
        latest: Default::default(),
        rendering: Default::default(),
    });
    let router = routes::router(app, guard);
    eprintln!("verbale: open {url}  (Ctrl-C to stop)");
    if config.open {
        open_browser(&url);
    }
    let (stop, stopping) = tokio::sync::watch::channel(());
    let until = |mut stopping: tokio::sync::watch::Receiver<()>| async move {
        let _ = stopping.changed().await;
    };
    let four =
        axum::serve(listener, router.clone()).with_graceful_shutdown(until(stopping.clone()));
    let four = tokio::spawn(async move { four.await });
    let six = listener6.map(|listener| {
        let served = axum::serve(listener, router).with_graceful_shutdown(until(stopping));
        tokio::spawn(async move { served.await })
    });
    stopped().await;
    let _ = stop.send(());
    if let Some(six) = six {
        let _ = six.await;
    }
    match four.await {
        Ok(result) => result.map_err(ServeError::Runtime),
        Err(error) => Err(ServeError::Runtime(std::io::Error::other(error))),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// Starts the system's browser on `url`; if it cannot, the printed link is still there.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("verbale: could not start a browser ({program}); open the link above");
    }
}
