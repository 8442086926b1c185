//! A rebuild that changed few files puts them into the live output one by one, instead of
//! making the spare folder the whole new build (a link per unchanged file) and exchanging the
//! two: after a one-story edit of a 5,000-story site, a few dozen renames instead of 18,000
//! links and a walk of 18,000 folders.
//!
//! The changed files are written into a folder of their own beside the output
//! (`.public.passage-changes/`) while the build runs, so a failed build leaves the output as
//! it was. Only when it succeeded are they moved in, each by a rename (a reader gets the old
//! file or the new one, never half of one). A list of the moves is written first: a build
//! killed while moving is finished by the next one before it starts.
//!
//! Which files the live output holds comes from a record kept in the spare folder, made by
//! the build that left the output and naming the output folder it describes; without it, a
//! build exchanges whole folders as before.

use foldhash::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The record of the live output's files, in the spare folder (never published: the spare is
/// made the whole build before it is exchanged, which removes it).
const RECORD: &str = ".passage-live-files";
/// The list of moves still to make, in the changes folder.
pub(super) const PENDING: &str = ".passage-pending";

/// What the live output holds, as the build that made it left it.
#[derive(Serialize, Deserialize)]
struct Record {
    /// The output folder it describes (device and inode: a folder replaced by hand is not it).
    folder: (u64, u64),
    files: Vec<String>,
}

/// The folder beside the output where a build puts the files it changed.
pub(super) fn changes_dir(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.passage-changes"))
}

/// The files of the live output, if the spare holds a record made for this very folder.
pub(super) fn live_files(spare: &Path, live: &Path) -> Option<HashSet<String>> {
    let bytes = std::fs::read(spare.join(RECORD)).ok()?;
    let record: Record = postcard::from_bytes(&bytes).ok()?;
    (Some(record.folder) == identity(live)).then(|| record.files.into_iter().collect())
}

/// Records that `live` holds `files`.
pub(super) fn record(spare: &Path, live: &Path, files: &HashSet<String>) -> std::io::Result<()> {
    // After a first build there is no spare: the next build exchanges folders and makes one.
    let Some(folder) = identity(live).filter(|_| spare.is_dir()) else {
        return Ok(());
    };
    let mut files: Vec<String> = files.iter().cloned().collect();
    files.sort_unstable();
    let bytes = postcard::to_stdvec(&Record { folder, files }).map_err(std::io::Error::other)?;
    write_whole(&spare.join(RECORD), &bytes)
}

/// Forgets the record: the live output is about to change.
pub(super) fn forget(spare: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(spare.join(RECORD)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Moves the `changed` files from `changes` into `live` and deletes the `removed` ones there.
pub(super) fn apply(
    changes: &Path,
    live: &Path,
    changed: &[String],
    removed: &[String],
) -> std::io::Result<()> {
    let pending = postcard::to_stdvec(&(changed, removed)).map_err(std::io::Error::other)?;
    write_whole(&changes.join(PENDING), &pending)?;
    finish(changes, live)
}

/// Makes what a killed build left beside the output harmless: moves it had begun are
/// finished, a build that had not begun moving is dropped. True if moves were finished (the
/// live output then differs from its record).
pub(super) fn recover(changes: &Path, live: &Path) -> std::io::Result<bool> {
    if std::fs::symlink_metadata(changes).is_err() {
        return Ok(false);
    }
    // Moves into an output that is gone (deleted by hand since) are not made.
    if changes.join(PENDING).is_file() && live.join(super::MARKER).is_file() {
        finish(changes, live)?;
        return Ok(true);
    }
    std::fs::remove_dir_all(changes)?;
    Ok(false)
}

/// Makes the moves listed in the changes folder (those already made are skipped), then
/// removes the folder.
fn finish(changes: &Path, live: &Path) -> std::io::Result<()> {
    let pending = std::fs::read(changes.join(PENDING))?;
    let (changed, removed): (Vec<String>, Vec<String>) =
        postcard::from_bytes(&pending).map_err(std::io::Error::other)?;
    for rel in &changed {
        let from = changes.join(rel);
        if std::fs::symlink_metadata(&from).is_ok() {
            move_in(&from, &live.join(rel))?;
        }
    }
    for rel in &removed {
        remove(live, rel)?;
    }
    std::fs::remove_dir_all(changes)
}

/// Puts `from` at `to` by a rename. A folder whose names stay the same keeps its time, as
/// when whole folders are exchanged, so sync tools see nothing new in it.
fn move_in(from: &Path, to: &Path) -> std::io::Result<()> {
    let replaces_a_file = std::fs::symlink_metadata(to).is_ok_and(|m| !m.is_dir());
    if !replaces_a_file {
        return super::spare::clear_way(to).and_then(|()| std::fs::rename(from, to));
    }
    let folder = to.parent().unwrap_or(Path::new("."));
    let time = std::fs::metadata(folder).and_then(|m| m.modified());
    std::fs::rename(from, to)?;
    match time {
        Ok(time) => std::fs::File::open(folder)?.set_modified(time),
        Err(_) => Ok(()),
    }
}

/// Deletes the file `rel` of the output, and the folders it leaves empty.
fn remove(live: &Path, rel: &str) -> std::io::Result<()> {
    let file = live.join(rel);
    match std::fs::symlink_metadata(&file) {
        Ok(m) if !m.is_dir() => std::fs::remove_file(&file)?,
        _ => return Ok(()),
    }
    let mut folder = file.parent();
    while let Some(dir) = folder.filter(|d| *d != live && d.starts_with(live)) {
        if std::fs::read_dir(dir)?.next().is_some() {
            break;
        }
        std::fs::remove_dir(dir)?;
        folder = dir.parent();
    }
    Ok(())
}

/// Writes a file whole (temporary name, then rename).
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::File::create(&tmp)?.write_all(bytes)?;
    std::fs::rename(&tmp, path)
}

/// Device and inode of a folder.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}
