//! A delegation file -> the register's records of its notes (as `register list` gives them);
//! a dropped PDF or DOCX -> whether the register issued it, unaltered (as `register verify`).

use std::path::Path;

use serde_json::{json, Value};

use crate::register::{sha256_hex, Location, Register, RegisterError};
use crate::{Env, Error};

/// The register the file's notes are numbered in (its `register`, or `register.sqlite`
/// beside it when it exists or a note says `auto`), if it has one.
fn location(
    env: &Env,
    path: &Path,
    overrides: &crate::Overrides,
) -> Result<Option<Location>, Error> {
    Ok(crate::load(path, env, overrides)?.delegation.register)
}

/// The register, read only; `None` when the file has none or it was not made yet.
fn open(location: &Option<Location>) -> Result<Option<Register>, Error> {
    match location {
        Some(location) => Register::open_existing(location).map_err(Error::Register),
        None => Ok(None),
    }
}

/// The register's notes that came from the file at `path`, each with its latest version.
pub fn list(env: &Env, path: &Path, overrides: &crate::Overrides) -> Result<Value, Error> {
    let location = location(env, path, overrides)?;
    let Some(mut register) = open(&location)? else {
        return Ok(json!({ "register": location.map(|l| l.to_string()), "notes": [] }));
    };
    let name = path.file_name();
    let notes: Vec<Value> = register
        .list(None)
        .map_err(Error::Register)?
        .into_iter()
        .filter(|(note, _)| Path::new(&note.source).file_name() == name)
        .map(|(note, latest)| json!({ "note": note, "latest": latest }))
        .collect();
    Ok(json!({ "register": register.location().to_string(), "notes": notes }))
}

/// Whether `bytes` are a note's file the register issued: the versions whose PDF or DOCX has
/// their SHA-256, each with its note (voided or not).
pub fn verify(
    env: &Env,
    path: &Path,
    overrides: &crate::Overrides,
    bytes: &[u8],
) -> Result<Value, Error> {
    let location = location(env, path, overrides)?;
    let sha256 = sha256_hex(bytes);
    let Some(mut register) = open(&location)? else {
        let location = location.map_or_else(|| "none".to_string(), |l| l.to_string());
        return Err(Error::Register(RegisterError {
            register: location,
            message: "there is no register here yet".into(),
            hints: vec![
                "issue a note first; the register is made with the first note it numbers".into(),
            ],
        }));
    };
    let found: Vec<Value> = register
        .find_file(&sha256)
        .map_err(Error::Register)?
        .into_iter()
        .map(|(note, version)| json!({ "note": note, "version": version }))
        .collect();
    Ok(json!({ "sha256": sha256, "register": register.location().to_string(), "found": found }))
}
