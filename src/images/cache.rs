//! A content-addressed cache of encoded images under `.passage/cache/images/`.
//!
//! Entries are named by a hash of the source bytes and every setting that shapes the output,
//! so a stale entry can never be served. Each photo's entries share a folder named after its
//! bytes, so everything made from one photo can be deleted at once (withdrawn consent). Each entry is written to a temporary name and renamed,
//! so a killed build leaves either a whole file or none.

use std::path::{Path, PathBuf};

/// Folder of the image cache, relative to the site root.
pub const CACHE_DIR: &str = ".passage/cache/images";

/// The cache folder of one site.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`.
    pub fn new(root: &Path) -> Self {
        Self {
            dir: root.join(CACHE_DIR),
        }
    }

    /// Where the entry `name` lives (it may not exist).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The entry's bytes, if it is there and not empty.
    pub fn get(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(name))
            .ok()
            .filter(|b| !b.is_empty())
    }

    /// Whether a usable entry exists, without reading it.
    pub fn has(&self, name: &str) -> bool {
        std::fs::metadata(self.path(name)).is_ok_and(|m| m.is_file() && m.len() > 0)
    }

    /// Stores an entry atomically (temporary file, then rename).
    pub fn put(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(name);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir)?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default();
        let tmp = dir.join(format!(
            ".{file}.tmp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, self.path(name)).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    /// Deletes the folder of entries made from one photo; true if there was one.
    pub fn remove_folder(&self, folder: &str) -> std::io::Result<bool> {
        match std::fs::remove_dir_all(self.dir.join(folder)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Deletes every entry (`passage build --clean-cache`).
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_written_whole_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert!(cache.get("a.webp").is_none());
        cache.put("a.webp", b"data").unwrap();
        assert_eq!(cache.get("a.webp").unwrap(), b"data");
        assert!(cache.has("a.webp"));
        // A half-written temporary file from a killed build is never served.
        std::fs::write(cache.path(".b.webp.tmp-1"), b"half").unwrap();
        assert!(!cache.has("b.webp"));
        // An empty entry (e.g. a full disk) counts as missing.
        std::fs::write(cache.path("c.webp"), b"").unwrap();
        assert!(cache.get("c.webp").is_none());
        cache.put("f0/d.jpg", b"photo").unwrap();
        assert!(cache.has("f0/d.jpg"));
        assert!(cache.remove_folder("f0").unwrap());
        assert!(!cache.has("f0/d.jpg"));
        assert!(!cache.remove_folder("f0").unwrap());
        cache.clear().unwrap();
        assert!(!cache.has("a.webp"));
        cache.clear().unwrap();
    }
}
