//! One build of a site at a time. Two builds at once (two terminals, a script and a person)
//! would race to swap `public/`; the second is refused with a message instead. The lock is
//! the operating system's, so it goes away with its build, even a killed one.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// The lock file, relative to the site root.
pub const LOCK_FILE: &str = ".passage/build.lock";

/// Held for as long as a build runs; dropping it lets the next one in.
pub struct BuildLock {
    _file: File,
}

/// Takes the site's build lock, or says that another build holds it. A file system without
/// locks (some network drives) builds without one.
pub fn acquire(root: &Path) -> Result<BuildLock, Diagnostic> {
    let path = root.join(LOCK_FILE);
    let cannot = |e: std::io::Error| {
        Diagnostic::error(LOCK_FILE, format!("cannot create the build lock: {e}"))
            .hint("check that the site folder is writable")
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&path)
        .map_err(cannot)?;
    match file.try_lock() {
        Ok(()) | Err(TryLockError::Error(_)) => Ok(BuildLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Diagnostic::error(
            LOCK_FILE,
            "another passage build of this site is running, so this one did not start",
        )
        .hint("wait for the other build to finish, then build again; the lock ends with that build, even if it is stopped")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path()).unwrap();
        let second = acquire(dir.path()).err().unwrap();
        assert!(
            second.to_string().contains("another passage build"),
            "{second}"
        );
        drop(first);
        assert!(acquire(dir.path()).is_ok());
    }
}
