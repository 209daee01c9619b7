//! The run's templates folder (`--templates DIR`) -> its templates read again when a file in
//! it changed on disk, so a template maintainer sees the page follow the edit; a template
//! that cannot be used gives its problems at its file:line:column instead.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Mutex, RwLock};

use super::preview::{self, FormProblem};
use crate::template::Templates;
use crate::{Env, Error};

/// A watched templates folder.
pub struct Watch {
    folder: PathBuf,
    /// The folder's stamp when its templates were last read, and their problems then.
    seen: Mutex<(u64, Vec<FormProblem>)>,
}

impl Watch {
    /// Watches `folder`, whose templates the run's environment was just made with.
    pub fn new(folder: PathBuf) -> Watch {
        let now = stamp(&folder);
        Watch {
            folder,
            seen: Mutex::new((now, Vec::new())),
        }
    }

    /// A number that changes when a file in the folder is added, removed or written.
    pub fn stamp(&self) -> u64 {
        stamp(&self.folder)
    }

    /// Reads the templates again into `env` if the folder changed since they were read; the
    /// problems of templates that cannot be used (empty when they can).
    pub fn refresh(&self, env: &RwLock<Env>) -> Vec<FormProblem> {
        let now = stamp(&self.folder);
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.0 != now {
            seen.1 = match Templates::with_overrides(&self.folder) {
                Ok(templates) => {
                    env.write().unwrap_or_else(|e| e.into_inner()).templates = templates;
                    Vec::new()
                }
                Err(errors) => {
                    let error = Error::Templates {
                        folder: Some(self.folder.clone()),
                        errors,
                    };
                    preview::problems(&error, &self.folder, "")
                }
            };
            seen.0 = now;
        }
        seen.1.clone()
    }
}

/// The names, sizes and modification times of the folder's files, hashed.
fn stamp(folder: &std::path::Path) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut entries: Vec<_> = walkdir::WalkDir::new(folder)
        .max_depth(3)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            Some((entry.into_path(), meta.len(), meta.modified().ok()))
        })
        .collect();
    entries.sort();
    entries.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("en")).unwrap();
        let watch = Watch::new(dir.path().to_path_buf());
        let before = watch.stamp();
        std::fs::write(dir.path().join("en/delegation.hbs"), "x").unwrap();
        assert_ne!(watch.stamp(), before);
    }
}
