//! Real browsers for the `verbale serve` tests: a WebDriver (chromedriver or geckodriver) on a free
//! port, a headless session through fantoccini, the server under test on a copy of an example, and
//! axe-core's WCAG 2.1 A/AA check of the page.
//!
//! Nothing here skips: a missing browser, driver or axe-core fails the test with the way to get it.

use super::{require, root, Workspace};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a page may take to show what a step expects. Generous: the binary under test is a
/// debug build, and CI runs the other tests beside these on two cores.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// What the page says about itself, for failure messages: its status, problems and focus.
const SAID: &str = "const text = (id) => (document.getElementById(id) || {}).textContent;
    return { status: text('status'), problems: text('problems'), downloads: text('downloads'),
             conflict: text('conflict'), focus: document.activeElement.outerHTML.slice(0, 120) };";

/// The browsers every scenario runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }

    fn driver_program(self) -> &'static str {
        match self {
            Browser::Chromium => "chromedriver",
            Browser::Firefox => "geckodriver",
        }
    }

    fn browser_program(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox-esr",
        }
    }

    /// Headless, as root on a CI machine, in British English, in a window wide enough for the
    /// form and the pages side by side.
    fn capabilities(self, binary: &str) -> serde_json::Map<String, Value> {
        let caps = match self {
            Browser::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": binary,
                    "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                             "--disable-gpu", "--window-size=1400,1000", "--lang=en-GB"],
                    "prefs": { "intl.accept_languages": "en-GB,en" }
                }
            }),
            Browser::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": binary,
                    "args": ["-headless", "--width=1400", "--height=1000"],
                    "prefs": { "intl.accept_languages": "en-GB, en" }
                }
            }),
        };
        caps.as_object().cloned().unwrap()
    }

    fn driver_command(self, program: PathBuf, port: u16) -> Command {
        let mut command = Command::new(program);
        match self {
            Browser::Chromium => command.args([format!("--port={port}"), "--silent".into()]),
            Browser::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
        };
        command
    }
}

/// One browser at a time in a test run: each takes hundreds of megabytes and a core, and CI
/// runs the other tests beside them.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// A child process killed with its whole process group (the driver's browser too) when dropped,
/// so a failing test leaves nothing running.
struct Group(Child);

impl Group {
    fn spawn(mut command: Command) -> std::io::Result<Group> {
        command.process_group(0).spawn().map(Group)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let pid = self.0.id() as i32;
        // SAFETY: kill(2) with a negative pid signals the group this child leads; no memory is
        // touched.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

/// A port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    listener.local_addr().unwrap().port()
}

/// Waits until something accepts connections on the port.
fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < PATIENCE,
            "{what} did not listen on port {port} within {PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running `verbale serve` on a copy of the examples, and the URL it printed.
pub struct Served {
    _process: Group,
    pub url: String,
    pub workspace: Workspace,
    /// Every line the server printed, for failure messages.
    pub output: mpsc::Receiver<String>,
}

impl Served {
    /// Starts `verbale serve FILE --port 0` in a fresh copy of the examples and reads its link;
    /// a `FILE` ending in `/` is an empty folder made for the run.
    pub fn start(file: &str, extra: &[&str]) -> Served {
        let workspace = Workspace::new();
        if let Some(folder) = file.strip_suffix('/') {
            std::fs::create_dir(workspace.path(folder)).unwrap();
        }
        let mut command = Command::new(env!("CARGO_BIN_EXE_verbale"));
        command
            .arg("serve")
            .args((!file.is_empty()).then_some(file))
            .args(["--port", "0"])
            .args(extra)
            .current_dir(workspace.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut process = Group::spawn(command).expect("the binary runs");
        let (send, output) = mpsc::channel();
        for stream in [
            Box::new(process.0.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(process.0.stderr.take().unwrap()),
        ] {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    eprintln!("[serve] {line}");
                    let _ = send.send(line);
                }
            });
        }
        let url = read_url(&output);
        Served {
            _process: process,
            url,
            workspace,
            output,
        }
    }
}

/// The first `http://` link among the server's lines.
fn read_url(output: &mpsc::Receiver<String>) -> String {
    let start = Instant::now();
    let mut seen = Vec::new();
    while start.elapsed() < PATIENCE {
        match output.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                if let Some(at) = line.find("http://") {
                    let url = line[at..].split_whitespace().next().unwrap();
                    return url.to_string();
                }
                seen.push(line);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    panic!(
        "`verbale serve` printed no http:// link; it printed:\n{}",
        seen.join("\n")
    )
}

/// A WebDriver server for one browser, on a free port.
struct Driver {
    _process: Group,
    url: String,
}

impl Driver {
    fn start(browser: Browser) -> Driver {
        let program = require(browser.driver_program());
        let port = free_port();
        let mut command = browser.driver_command(program, port);
        command.stdout(Stdio::null()).stderr(Stdio::null());
        let process = Group::spawn(command).expect("the WebDriver server starts");
        wait_for_port(port, browser.driver_program());
        Driver {
            _process: process,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

/// A browser session on the page of a running server.
pub struct Page {
    pub client: Client,
    pub browser: Browser,
    pub served: Served,
    _driver: Driver,
}

impl Page {
    /// Starts the server on `file` (a name in the copied examples; empty for a blank form), a
    /// headless browser, and opens the printed link.
    pub async fn open(browser: Browser, file: &str) -> Page {
        let binary = require(browser.browser_program());
        let served = Served::start(file, &[]);
        let driver = Driver::start(browser);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(browser.capabilities(binary.to_str().unwrap()))
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| {
                panic!("no {} session through {}: {e}", browser.name(), driver.url)
            });
        client.goto(&served.url).await.expect("the page opens");
        Page {
            client,
            browser,
            served,
            _driver: driver,
        }
    }

    /// Checks the page with axe-core once more, then ends the session.
    pub async fn finish(self) {
        self.assert_accessible("at the end").await;
        self.client
            .clone()
            .close()
            .await
            .expect("the session closes");
    }

    /// Runs a script that returns a value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until a script returns `true`, failing with `what` and the script's last value.
    pub async fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) {
        let start = Instant::now();
        loop {
            let value = self.js(script, args.clone()).await;
            if value == Value::Bool(true) {
                return;
            }
            if start.elapsed() > PATIENCE {
                let shot = self.screenshot("failure").await;
                let said = self.js(SAID, vec![]).await;
                panic!(
                    "{}: waited {PATIENCE:?} for {what}; last value {value}; the page says {said}; screenshot {}",
                    self.browser.name(),
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element matching a CSS selector, waiting for it to appear.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{}: no element {css:?}: {e}", self.browser.name()))
    }

    /// Saves a screenshot under target/browser-screenshots and returns its path.
    pub async fn screenshot(&self, label: &str) -> PathBuf {
        let folder = root().join("target/browser-screenshots");
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join(format!("{label}-{}.png", self.browser.name()));
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(&path, png).unwrap();
        }
        path
    }

    /// Runs axe-core in the page and fails, listing each violation, if any WCAG 2.1 A or AA
    /// rule is broken.
    pub async fn assert_accessible(&self, when: &str) {
        let violations = super::axe::violations(&self.client).await;
        if !violations.is_empty() {
            panic!(
                "{}: axe-core reports WCAG 2.1 A/AA violations {when}:\n{}",
                self.browser.name(),
                super::axe::describe(&violations)
            );
        }
    }
}

/// Runs a scenario's future on a runtime of its own, one scenario at a time.
pub fn block_on<F: std::future::Future<Output = ()>>(future: F) {
    let _one_browser = ONE_BROWSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// One `#[test]` per browser for an `async fn NAME(page: &Page)` scenario opened on `FILE`:
/// `NAME::chromium` and `NAME::firefox`.
#[macro_export]
macro_rules! in_both_browsers {
    ($name:ident, $file:expr) => {
        mod $name {
            use $crate::support::browser::{block_on, Browser, Page};

            #[test]
            #[ignore = "needs chromium+chromedriver / firefox-esr+geckodriver; run by .ci/run"]
            fn chromium() {
                block_on(async {
                    let page = Page::open(Browser::Chromium, $file).await;
                    super::$name(&page).await;
                    page.finish().await;
                })
            }

            #[test]
            #[ignore = "needs chromium+chromedriver / firefox-esr+geckodriver; run by .ci/run"]
            fn firefox() {
                block_on(async {
                    let page = Page::open(Browser::Firefox, $file).await;
                    super::$name(&page).await;
                    page.finish().await;
                })
            }
        }
    };
}
