//! What an officer does on the `verbale serve` page, as steps for the browser tests: keys pressed
//! on the keyboard (WebDriver actions, sent to whatever has the focus), fields filled, the pages'
//! text alternative read, an issued file downloaded through the browser.

use super::browser::Page;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

/// The text of the pages' text alternatives, with soft hyphens dropped and no-break spaces made
/// plain, so that a name broken across lines is still found.
const PAGES_TEXT: &str = "return [...document.querySelectorAll('#pages .page-text')]
    .map(e => e.textContent).join('\\n')
    .replace(/\\u00ad\\n?/g, '').replace(/[\\u00a0\\u202f]/g, ' ');";

impl Page {
    /// Presses each key of `keys` in turn (characters, or `Key` codes such as `Key::Tab`) on
    /// the keyboard, wherever the focus is.
    pub async fn press(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for key in keys.chars() {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("the keys are pressed");
    }

    /// Presses `key` with `modifier` held down (Ctrl+A, Shift+Tab).
    pub async fn chord(&self, modifier: Key, key: char) {
        let chord = KeyActions::new("keyboard".into())
            .then(KeyAction::Down {
                value: modifier.into(),
            })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up {
                value: modifier.into(),
            });
        self.client
            .perform_actions(chord)
            .await
            .expect("the keys are pressed");
    }

    /// Selects the whole text of the focused field and types `text` over it (Ctrl+A, then keys).
    pub async fn retype(&self, text: &str) {
        self.chord(Key::Control, 'a').await;
        if text.is_empty() {
            self.press(&Key::Backspace).await;
        } else {
            self.press(text).await;
        }
    }

    /// Presses Tab (or Shift+Tab, when the element comes before the focus) until the focused
    /// element matches the CSS selector, as a keyboard user moves through the page the short
    /// way, never leaving the page for the browser's own controls (at most 400 presses).
    pub async fn tab_to(&self, css: &str) {
        let script = "const target = document.querySelector(arguments[0]);
            const here = document.activeElement;
            if (!target) return 'missing';
            if (here.matches(arguments[0]) && document.hasFocus()) return 'there';
            return here !== document.body
                && (here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING)
                ? 'back' : 'on';";
        for _ in 0..400 {
            let way = self.js(script, vec![json!(css)]).await;
            match way.as_str() {
                Some("there") => return,
                Some("back") => self.chord(Key::Shift, Key::Tab.into()).await,
                Some("on") => self.press(&Key::Tab).await,
                _ => panic!("{}: no element {css:?} to Tab to", self.browser.name()),
            }
        }
        panic!("{}: Tab never reached {css:?}", self.browser.name());
    }

    /// Clicks into the form's control for a TOML path and types `text` over its value.
    pub async fn fill(&self, path: &str, text: &str) {
        let control = self
            .find(&format!("#delegation-form [name=\"{path}\"]"))
            .await;
        control.click().await.expect("the field takes the focus");
        self.retype(text).await;
    }

    /// The value of the form's control for a TOML path.
    pub async fn value(&self, path: &str) -> String {
        let value = self
            .js(
                "const c = document.querySelector(`#delegation-form [name=\"${arguments[0]}\"]`);
                 return c ? c.value : null;",
                vec![json!(path)],
            )
            .await;
        value
            .as_str()
            .unwrap_or_else(|| panic!("no control named {path:?}"))
            .to_string()
    }

    /// The pages' text alternative, as a screen reader reads it.
    pub async fn pages_text(&self) -> String {
        self.js(PAGES_TEXT, vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until the pages' text contains `needle` (and, when given, no longer `gone`).
    pub async fn wait_for_pages_text(&self, needle: &str, gone: Option<&str>) {
        let script = format!(
            "const text = (() => {{ {PAGES_TEXT} }})();
             return text.includes(arguments[0]) && (arguments[1] === null || !text.includes(arguments[1]));"
        );
        let what = format!("the pages' text to say {needle:?}");
        self.wait_until(&what, &script, vec![json!(needle), json!(gone)])
            .await;
    }

    /// The number of members in the form's table.
    pub async fn member_count(&self) -> u64 {
        let count = self.js(
            "return document.querySelectorAll('#members tr.member').length;",
            vec![],
        );
        count.await.as_u64().unwrap()
    }

    /// The problem shown at a field (its `.field-problem` span, when visible and linked to the
    /// control by `aria-describedby` with `aria-invalid`), or `None`.
    pub async fn problem_at(&self, path: &str) -> Option<String> {
        let script =
            "const c = document.querySelector(`#delegation-form [name=\"${arguments[0]}\"]`);
            if (!c || c.getAttribute('aria-invalid') !== 'true') return null;
            const span = document.getElementById(c.getAttribute('aria-describedby'));
            return span && !span.hidden ? span.textContent : null;";
        let value = self.js(script, vec![json!(path)]).await;
        value.as_str().map(str::to_string)
    }

    /// Fetches a link's target through the browser (its cookie, its origin), as the officer's
    /// download does, and gives the bytes.
    pub async fn download(&self, href: &str) -> Vec<u8> {
        let script = "const done = arguments[arguments.length - 1];
            fetch(arguments[0], { credentials: 'same-origin' })
              .then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status + ' ' + r.statusText))
              .then(b => { let s = ''; const u = new Uint8Array(b);
                           for (let i = 0; i < u.length; i += 8192)
                             s += String.fromCharCode.apply(null, u.subarray(i, i + 8192));
                           done(btoa(s)); },
                    e => done('error: ' + e));";
        let answer = self
            .client
            .execute_async(script, vec![json!(href)])
            .await
            .unwrap();
        let text = answer.as_str().unwrap_or_default();
        assert!(
            !text.starts_with("error"),
            "download of {href} failed: {text}"
        );
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .expect("base64 from the page")
    }
}
