//! The content-addressed caches under `.passage/cache/`: encoded images, search indexes.
//!
//! Entries are named by a hash of their inputs and every setting that shapes them, so a stale
//! entry can never be served. Each entry is written to a temporary name and renamed, so a
//! killed build leaves either a whole file or none.

use std::path::{Path, PathBuf};

/// The first 16 bytes of a BLAKE3 hash: enough to tell texts, pages and answers apart, and
/// half the room of the whole hash in the records that keep many of them.
pub fn digest(bytes: &[u8]) -> [u8; 16] {
    let mut d = [0; 16];
    d.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    d
}

/// A file as it is on disk, to tell it was not changed since without reading it: its size,
/// modification time and inode (an editor that saves by renaming gives a new one).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stamp {
    len: u64,
    modified_ns: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of the file or link at `path` itself (links are not followed).
    pub fn of(path: &Path) -> Option<Self> {
        Self::from_meta(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp of a file whose metadata was read.
    pub fn from_meta(meta: &std::fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            len: meta.len(),
            modified_ns: since_epoch_ns(meta.modified().ok()?),
            inode,
        })
    }

    /// Whether the file was last changed before `ns` (nanoseconds since 1970).
    pub fn modified_before(&self, ns: i128) -> bool {
        self.modified_ns < ns
    }
}

/// A time as nanoseconds since 1970, negative before.
pub fn since_epoch_ns(time: std::time::SystemTime) -> i128 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Caches being written on threads of their own while the site is made: a rebuild after an
/// edit need not wait for the record of sources and the text store (30 MB at 5,000 stories) to
/// be encoded and written before it makes its pages. Waited for by [`Saving::finish`], or
/// when dropped.
#[derive(Default)]
pub struct Saving(std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>);

impl Saving {
    /// Runs `save` on a thread of its own, or here when no thread can be started.
    pub fn spawn(&self, save: impl FnOnce() + Send + 'static) {
        let save = std::sync::Arc::new(std::sync::Mutex::new(Some(save)));
        let run = {
            let save = save.clone();
            move || {
                if let Some(save) = save.lock().ok().and_then(|mut s| s.take()) {
                    save();
                }
            }
        };
        match std::thread::Builder::new().spawn(run) {
            Ok(handle) => {
                if let Ok(mut handles) = self.0.lock() {
                    handles.push(handle);
                }
            }
            Err(_) => {
                if let Some(save) = save.lock().ok().and_then(|mut s| s.take()) {
                    save();
                }
            }
        }
    }

    /// Waits until every cache is written (a command must not exit before).
    pub fn finish(&self) {
        let handles = match self.0.lock() {
            Ok(mut handles) => std::mem::take(&mut *handles),
            Err(_) => return,
        };
        for handle in handles {
            // A save that panicked saved nothing: the next build does the work again.
            let _ = handle.join();
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Folder of every cache, relative to the site root.
pub const CACHE_DIR: &str = ".passage/cache";

/// One cache folder of a site (`images`, `search`).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache `kind` (a folder of [`CACHE_DIR`]) of the site at `root`.
    pub fn new(root: &Path, kind: &str) -> Self {
        Self {
            dir: root.join(CACHE_DIR).join(kind),
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

    /// Deletes the entries of the folder's top level whose names `stale` picks, so an entry
    /// that was replaced does not stay behind; errors are left to the next build.
    pub fn prune(&self, stale: impl Fn(&str) -> bool) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_str().is_some_and(&stale) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Deletes a folder of entries (those made from one photo); true if there was one.
    pub fn remove_folder(&self, folder: &str) -> std::io::Result<bool> {
        match std::fs::remove_dir_all(self.dir.join(folder)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Deletes every cache of the site at `root` (`passage build --clean-cache`).
pub fn clear_all(root: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(root.join(CACHE_DIR)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_written_whole_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "images");
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
        cache.put("search.1.bin", b"1").unwrap();
        cache.put("search.2.bin", b"2").unwrap();
        cache.prune(|name| name.starts_with("search.") && name != "search.2.bin");
        assert!(!cache.has("search.1.bin") && cache.has("search.2.bin"));
    }

    #[test]
    fn clearing_all_caches_leaves_the_rest_of_passage_s_folder() {
        let dir = tempfile::tempdir().unwrap();
        Cache::new(dir.path(), "images").put("a", b"1").unwrap();
        Cache::new(dir.path(), "search").put("b", b"2").unwrap();
        clear_all(dir.path()).unwrap();
        assert!(!dir.path().join(CACHE_DIR).exists());
        clear_all(dir.path()).unwrap();
    }

    #[test]
    fn saves_are_waited_for_when_finished_or_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let saving = Saving::default();
        for n in 0..4 {
            let cache = Cache::new(dir.path(), "saves");
            saving.spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                cache.put(&format!("{n}.bin"), b"x").unwrap();
            });
        }
        saving.finish();
        assert!((0..4).all(|n| Cache::new(dir.path(), "saves").has(&format!("{n}.bin"))));
        {
            let saving = Saving::default();
            let cache = Cache::new(dir.path(), "saves");
            saving.spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                cache.put("dropped.bin", b"x").unwrap();
            });
        }
        assert!(Cache::new(dir.path(), "saves").has("dropped.bin"));
    }
}
