//! Where a build may write: output folders that would destroy something are refused, and what
//! a killed build left beside the output is cleaned up.

use std::path::{Path, PathBuf};

use super::MARKER;
use crate::diagnostics::Diagnostic;

/// Refuses output folders that would destroy something that is not a previous build.
pub fn check_target(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            output.clone(),
            format!("refusing to write the site here: {why}"),
        )
        .hint("choose a new or empty folder for --output, e.g. public/"))
    };
    if output == root || root.starts_with(&output) {
        return refuse(
            "it is the site folder or contains it, and everything in it would be replaced",
        );
    }
    for dir in [
        "content",
        "themes",
        "locales",
        "photos",
        "static",
        "templates",
        ".git",
    ] {
        if output.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if output.parent().is_none() {
        return refuse("it is the top of the file system");
    }
    if let Some(home) = std::env::var_os("HOME")
        && output == absolute(Path::new(&home))
    {
        return refuse("it is your home folder");
    }
    if output.exists() {
        if !output.is_dir() {
            return refuse("it is a file, not a folder");
        }
        let empty = std::fs::read_dir(&output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !output.join(MARKER).is_file() {
            return refuse("the folder exists, is not empty and was not made by passage");
        }
    }
    Ok(())
}

/// An absolute, lexically normalised path (the output may not exist yet, so no canonicalize).
pub(super) fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let out = normalize_path(&joined);
    // Resolve symlinks of the part that exists, so two spellings of one folder compare equal.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Resolves `.` and `..` without touching the disk (the path may not exist yet).
pub fn normalize_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Cleans up after builds that were killed (only one build of a site runs at a time): the
/// previous output is put back if a killed swap left it aside, and their half-written
/// staging folders are deleted.
pub(super) fn recover(parent: &Path, name: &str, target: &Path) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<(bool, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&format!(".{name}.passage-"))?;
            let old = rest.starts_with("old-");
            (old || rest.starts_with("new-")).then(|| (old, e.path()))
        })
        .collect();
    leftovers.sort();
    for (old, path) in leftovers {
        if old && !target.exists() && path.join(MARKER).is_file() {
            std::fs::rename(&path, target)?;
        } else {
            std::fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// Exchanges two folders in one step.
#[cfg(any(target_os = "linux", target_os = "macos"))]
pub(super) fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Systems that cannot exchange folders rename instead (see `Staging::commit`).
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub(super) fn swap(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
