//! Files that must not be published in this build (consent withdrawn in a journey), known by
//! their real path, so a file is refused however a page names it (`../../photos/x.jpg`, a
//! different spelling of the same folder).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The refused files, each with why (`T`: the message the stage that refuses it gives).
#[derive(Debug)]
pub struct Refused<T>(Mutex<HashMap<PathBuf, T>>);

impl<T: Clone> Default for Refused<T> {
    fn default() -> Self {
        Self(Mutex::new(HashMap::new()))
    }
}

impl<T: Clone> Refused<T> {
    /// Refuses `path` for the rest of the build.
    pub fn add(&self, path: &Path, why: T) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(real(path), why);
    }

    /// Why `path` is refused, if it is.
    pub fn reason(&self, path: &Path) -> Option<T> {
        let refused = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if refused.is_empty() {
            return None;
        }
        refused.get(&real(path)).cloned()
    }
}

fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
