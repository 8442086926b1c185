//! The spare output: the build before the last one, kept beside the output and turned into
//! the new build file by file. Its folders are reused, so a rebuild creates and deletes no
//! folder and no unchanged file: on a disk, creating thousands of folders right after deleting
//! as many was most of a rebuild's time.

use foldhash::HashSet;
use std::path::Path;

/// Makes `dest` the same file as `live` (a hard link, so it keeps its time and costs no data),
/// unless it already is.
pub(super) fn link(live: &Path, dest: &Path) -> std::io::Result<()> {
    if same_inode(live, dest) {
        return Ok(());
    }
    clear_way(dest)?;
    if std::fs::hard_link(live, dest).is_ok() {
        return Ok(());
    }
    // File systems without links (some network and FAT drives): a copy with the old time.
    std::fs::copy(live, dest)?;
    let modified = std::fs::metadata(live)?.modified()?;
    std::fs::File::options()
        .write(true)
        .open(dest)?
        .set_modified(modified)
}

/// Makes `dest` a new file with `make`'s bytes. The old file may be linked into the live
/// output, so it is removed, never written through.
pub(super) fn create(
    dest: &Path,
    make: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    clear_way(dest)?;
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(dest)?;
    make(&mut file)
}

/// Makes `dest` a new file with `make`'s bytes in a spare made empty for this build, where
/// nothing should stand in its way: its folder is made at once (a first build makes thousands,
/// and asking first doubled the file system's work), and anything found there goes the way of
/// [`create`].
pub(super) fn create_new(
    dest: &Path,
    make: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(parent) = dest.parent() {
        match std::fs::create_dir(parent) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(parent)?,
            _ => {}
        }
    }
    match std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(dest)
    {
        Ok(mut file) => make(&mut file),
        Err(_) => create(dest, make),
    }
}

/// Removes whatever stands at `dest` (a file, or a folder where a file now goes) and creates
/// its folders, replacing files that stand where a folder now goes.
pub(super) fn clear_way(dest: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(dest) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(dest)?,
        Ok(_) => std::fs::remove_file(dest)?,
        Err(_) => {}
    }
    let Some(parent) = dest.parent() else {
        return Ok(());
    };
    if std::fs::create_dir_all(parent).is_ok() {
        return Ok(());
    }
    for ancestor in parent.ancestors() {
        if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(ancestor)?;
        }
    }
    std::fs::create_dir_all(parent)
}

fn same_inode(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// `path` as the build names files: relative to `base`, with `/` between folders.
fn relative(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Makes `spare` hold this build and nothing else, in one walk: deletes the files this build
/// did not make and the folders left empty, and gives every folder whose entries are those of
/// the same folder in `live` that folder's modification time, so sync tools that compare
/// folders see nothing new in it.
pub(super) fn finish(
    spare: &Path,
    made: &HashSet<String>,
    live: Option<&Path>,
) -> std::io::Result<()> {
    // Contents first: a folder's time is set once nothing in it changes any more.
    for entry in walkdir::WalkDir::new(spare)
        .min_depth(1)
        .contents_first(true)
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let path = entry.path();
        if !entry.file_type().is_dir() {
            if !relative(path, spare).is_some_and(|rel| made.contains(&rel)) {
                std::fs::remove_file(path)?;
            }
        } else if std::fs::read_dir(path)?.next().is_none() {
            std::fs::remove_dir(path)?;
        } else if let Some(live) = live
            && let Ok(rel) = path.strip_prefix(spare)
        {
            keep_folder_time(path, &live.join(rel))?;
        }
    }
    match live {
        Some(live) => keep_folder_time(spare, live),
        None => Ok(()),
    }
}

/// Gives the folder `new` the time of `old` when both hold the same names.
fn keep_folder_time(new: &Path, old: &Path) -> std::io::Result<()> {
    let Ok(time) = std::fs::metadata(old).and_then(|m| m.modified()) else {
        return Ok(());
    };
    let same_time = std::fs::metadata(new).and_then(|m| m.modified()).ok() == Some(time);
    if !same_time && old.is_dir() && names(old)? == names(new)? {
        std::fs::File::open(new)?.set_modified(time)?;
    }
    Ok(())
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> std::io::Result<Vec<std::ffi::OsString>> {
    let mut names = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<std::io::Result<Vec<_>>>()?;
    names.sort();
    Ok(names)
}
