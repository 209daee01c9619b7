//! axe-core in a WebDriver session: injects the script (the page's Content-Security-Policy
//! refuses outside scripts, WebDriver's own are exempt), runs the WCAG 2.1 A/AA rules and gives
//! the violations, written out for a person to read.

use super::root;
use fantoccini::Client;
use serde_json::Value;
use std::path::PathBuf;

/// The rule sets of WCAG 2.0 and 2.1, levels A and AA.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Where axe-core's script is: `VERBALE_AXE_JS`, or where `.ci/run` installs it with npm.
fn script_path() -> PathBuf {
    std::env::var_os("VERBALE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/ci-tools/node_modules/axe-core/axe.min.js"))
}

/// The violations axe-core finds in the page as it is now (JSON objects as axe gives them).
pub async fn violations(client: &Client) -> Vec<Value> {
    let path = script_path();
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not at {} ({e}); `.ci/run` installs it \
             (npm install --prefix target/ci-tools axe-core@4.14.1), or set VERBALE_AXE_JS",
            path.display()
        )
    });
    let loaded = client
        .execute(&format!("{axe}\n;return typeof axe;"), vec![])
        .await
        .expect("axe-core loads in the page");
    assert_eq!(loaded, "object", "axe-core did not define `axe`");
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
            .then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));"
    );
    let result = client
        .execute_async(&script, vec![])
        .await
        .expect("axe-core runs");
    let text = result.as_str().expect("axe-core answers with text");
    serde_json::from_str(text).unwrap_or_else(|_| panic!("axe-core failed: {text}"))
}

/// One paragraph per violation: rule, impact, what it asks, and each offending element with
/// axe's summary of how to fix it.
pub fn describe(violations: &[Value]) -> String {
    let mut out = String::new();
    for v in violations {
        out += &format!(
            "- {} ({}): {}\n  {}\n",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            v["helpUrl"].as_str().unwrap_or("")
        );
        for node in v["nodes"].as_array().into_iter().flatten() {
            out += &format!(
                "    at {}\n      {}\n      {}\n",
                node["target"],
                node["html"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .take(160)
                    .collect::<String>(),
                node["failureSummary"]
                    .as_str()
                    .unwrap_or("")
                    .replace('\n', "\n      ")
            );
        }
    }
    out
}
