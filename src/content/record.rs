//! What reading each content file found, kept between builds (`.passage/cache/sources/`), so
//! that a rebuild after an edit reads and parses only the files that changed.
//!
//! A file is known by its stamp (size, modification time, inode). A stamp says nothing about a
//! file saved again within the same tick of the file system's clock (a second on some, two on
//! FAT): as git does with its index, an entry is trusted only for a file last changed well
//! before the record was taken, so a file saved during or just before a build is read again
//! until it is older.

use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::FrontMatter;
use crate::cache::{Cache, Stamp, since_epoch_ns};

/// The cache folder (under `.passage/cache/`) of the record.
pub const CACHE_KIND: &str = "sources";

/// The file of the record.
const FILE: &str = "record.bin";

/// How much older than the record a file must be for its stamp to be trusted: more than the
/// coarsest file-system clock (FAT's two seconds).
const SETTLED_NS: i128 = 3_000_000_000;

/// What reading one file found: its front matter checked, where its text starts, and a digest
/// of the whole file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Read {
    /// The front matter.
    pub meta: FrontMatter,
    /// The byte the text starts at.
    pub body_start: usize,
    /// The line the text starts on.
    pub body_line: usize,
    /// The line of the `tags` key.
    pub tags_line: Option<usize>,
    /// A digest of the whole file.
    pub digest: [u8; 16],
}

/// The record as saved: the passage that wrote it, when its stamps were taken, and each file
/// (as the site names it) with its stamp and what was read.
#[derive(Serialize, Deserialize, Default)]
struct Saved {
    build: String,
    taken_ns: i128,
    files: Vec<(PathBuf, Stamp, Read)>,
}

/// The files read by the last build and by this one: read by every mode, written by build and
/// serve.
pub struct Record {
    cache: Option<Cache>,
    /// Files changed before this are trusted by their stamp.
    settled_ns: i128,
    taken_ns: i128,
    last: HashMap<PathBuf, (Stamp, Read)>,
    /// This build's files, with what was read of each: none when it is as in `last`, so that
    /// a file known as it was costs no copy of its front matter until the record is saved.
    now: Mutex<Vec<(PathBuf, Stamp, Option<Read>)>>,
    /// Whether a file was read that the last record did not have as it is.
    read: AtomicBool,
}

impl Record {
    /// The record of the site at `root`, taken now; `writes` is false where nothing may be
    /// written (check, status).
    pub fn open(root: &Path, writes: bool) -> Self {
        let taken_ns = since_epoch_ns(std::time::SystemTime::now());
        let cache = Cache::new(root, CACHE_KIND);
        let saved = cache
            .get(FILE)
            .and_then(|bytes| postcard::from_bytes::<Saved>(&bytes).ok())
            .filter(|s| s.build == env!("PASSAGE_BUILD_ID"))
            .unwrap_or_default();
        Self {
            cache: writes.then_some(cache),
            settled_ns: saved.taken_ns - SETTLED_NS,
            taken_ns,
            last: saved
                .files
                .into_iter()
                .map(|(file, stamp, read)| (file, (stamp, read)))
                .collect(),
            now: Mutex::default(),
            read: AtomicBool::new(false),
        }
    }

    /// No record: every file is read, nothing is written.
    pub fn none() -> Self {
        Self {
            cache: None,
            settled_ns: i128::MIN,
            taken_ns: 0,
            last: HashMap::default(),
            now: Mutex::default(),
            read: AtomicBool::new(false),
        }
    }

    /// What the last build read from `file`, if it has `stamp` now and had it long enough
    /// before that build to be sure.
    pub fn known(&self, file: &Path, stamp: Stamp) -> Option<Read> {
        let (then, read) = self.last.get(file)?;
        if *then != stamp || !stamp.modified_before(self.settled_ns) {
            return None;
        }
        self.keep(file, stamp, None);
        Some(read.clone())
    }

    /// Notes what was read from `file`, which had `stamp` before it was read.
    pub fn note(&self, file: &Path, stamp: Stamp, read: Read) {
        self.read.store(true, Ordering::Relaxed);
        self.keep(file, stamp, Some(read));
    }

    fn keep(&self, file: &Path, stamp: Stamp, read: Option<Read>) {
        if let Ok(mut now) = self.now.lock() {
            now.push((file.to_path_buf(), stamp, read));
        }
    }

    /// Writes what this build read in place of the last record, unless nothing was read.
    pub fn save(self) {
        let Some(cache) = self.cache else {
            return;
        };
        let Ok(now) = self.now.into_inner() else {
            return;
        };
        if !self.read.load(Ordering::Relaxed) && now.len() == self.last.len() {
            return;
        }
        let mut last = self.last;
        let mut files: Vec<(PathBuf, Stamp, Read)> = now
            .into_iter()
            .filter_map(|(file, stamp, read)| {
                let read = read.or_else(|| last.remove(&file).map(|(_, read)| read))?;
                Some((file, stamp, read))
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let saved = Saved {
            build: env!("PASSAGE_BUILD_ID").to_string(),
            taken_ns: self.taken_ns,
            files,
        };
        // The record only saves time: if it cannot be written, the next build reads every file.
        if let Ok(bytes) = postcard::to_stdvec(&saved) {
            let _ = cache.put(FILE, &bytes);
        }
    }
}

/// Whether the bytes of a record read back whole (for tests of killed builds).
pub fn is_whole(bytes: &[u8]) -> bool {
    postcard::from_bytes::<Saved>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn read(title: &str) -> Read {
        Read {
            meta: FrontMatter {
                title: title.into(),
                ..FrontMatter::default()
            },
            body_start: 10,
            body_line: 4,
            tags_line: None,
            digest: [7; 16],
        }
    }

    /// A file written now, and its stamp once set `age` seconds in the past.
    fn file_aged(path: &Path, text: &str, age: u64) -> Stamp {
        std::fs::write(path, text).unwrap();
        let then = SystemTime::now() - Duration::from_secs(age);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(then)
            .unwrap();
        Stamp::of(path).unwrap()
    }

    #[test]
    fn a_file_is_known_while_its_stamp_holds_and_was_settled_when_recorded() {
        let site = tempfile::tempdir().unwrap();
        let old = site.path().join("old.md");
        let new = site.path().join("new.md");
        let old_stamp = file_aged(&old, "old", 3600);
        let new_stamp = file_aged(&new, "new", 0);
        let record = Record::open(site.path(), true);
        record.note(Path::new("old.md"), old_stamp, read("Old"));
        record.note(Path::new("new.md"), new_stamp, read("New"));
        record.save();

        let record = Record::open(site.path(), true);
        let known = record.known(Path::new("old.md"), old_stamp).unwrap();
        assert_eq!(known.meta.title, "Old");
        // Saved within the file system's clock tick of the record: it could have changed
        // since without its stamp showing it.
        assert!(record.known(Path::new("new.md"), new_stamp).is_none());
        // Changed since: a new size and time.
        let changed = file_aged(&old, "old, edited", 60);
        assert!(record.known(Path::new("old.md"), changed).is_none());
        assert!(record.known(Path::new("other.md"), old_stamp).is_none());
    }

    #[test]
    fn check_and_status_write_no_record() {
        let site = tempfile::tempdir().unwrap();
        let file = site.path().join("a.md");
        let stamp = file_aged(&file, "a", 3600);
        let record = Record::open(site.path(), false);
        record.note(Path::new("a.md"), stamp, read("A"));
        record.save();
        assert!(!site.path().join(crate::cache::CACHE_DIR).exists());
        let none = Record::none();
        none.note(Path::new("a.md"), stamp, read("A"));
        none.save();
        assert!(!site.path().join(crate::cache::CACHE_DIR).exists());
    }

    #[test]
    fn another_build_of_passage_reads_every_file_again() {
        let site = tempfile::tempdir().unwrap();
        let file = site.path().join("a.md");
        let stamp = file_aged(&file, "a", 3600);
        let saved = Saved {
            build: "another".into(),
            taken_ns: since_epoch_ns(SystemTime::now()),
            files: vec![("a.md".into(), stamp, read("A"))],
        };
        Cache::new(site.path(), CACHE_KIND)
            .put(FILE, &postcard::to_stdvec(&saved).unwrap())
            .unwrap();
        assert!(
            Record::open(site.path(), true)
                .known(Path::new("a.md"), stamp)
                .is_none()
        );
    }
}
