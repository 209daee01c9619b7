//! Step name -> whether a test asked that step to fail. The tests of the issuing protocol set
//! `VERBALE_FAULT=<step>` to make one step fail as a full disk or a broken database would, or
//! `VERBALE_FAULT=<step>:kill` to end the process at that instant, as `kill -9` does (no
//! destructor runs, no file is cleaned up). Only debug builds read the variable: a release
//! build has no failure points.

/// Whether the step named `step` is to fail now; ends the process instead when the test
/// asked for a kill there.
#[cfg(debug_assertions)]
pub fn hit(step: &str) -> bool {
    let Ok(wanted) = std::env::var("VERBALE_FAULT") else {
        return false;
    };
    match wanted.split_once(':') {
        Some((name, "kill")) if name == step => std::process::abort(),
        None => wanted == step,
        _ => false,
    }
}

/// Whether the step named `step` is to fail now: never, in a release build.
#[cfg(not(debug_assertions))]
pub fn hit(_step: &str) -> bool {
    false
}

/// The error an injected fault reports.
pub fn injected(step: &str) -> std::io::Error {
    std::io::Error::other(format!("injected fault at `{step}`"))
}
