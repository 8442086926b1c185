//! The site's folder is the edge of what a build reads and publishes. A link (symlink) in
//! `content/` or `photos/` to a file elsewhere (`~/.ssh/id_ed25519`, `/etc/passwd`, a folder
//! of originals), or a relative path that climbs out of the site, is never read into a page
//! nor published: it is reported, so the author learns why.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, display_path};

/// Where `path` really is when that is outside the site at `root`; `None` when it is inside,
/// or does not exist (whoever needs the file reports that).
pub fn outside(root: &Path, path: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(path).ok()?;
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    (!real.starts_with(&real_root)).then_some(real)
}

/// What the author is told about `path`, which leads to `target` outside the site.
pub fn message(target: &Path) -> String {
    format!(
        "this leads outside the site's folder (to {}), so passage does not read or publish it",
        target.display()
    )
}

/// How to fix a file that leads outside the site.
pub const HINT: &str = "copy the file into the site's folder instead of linking to it";

/// The error for `path` (under `root`), which leads to `target`.
pub fn problem(root: &Path, path: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(display_path(root, path), message(target)).hint(HINT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_and_paths_that_leave_the_site_are_found() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("id_ed25519");
        std::fs::write(&secret, "key").unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        let inside = site.path().join("content/ok.md");
        std::fs::write(&inside, "ok").unwrap();
        let link = site.path().join("content/key.md");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let inner_link = site.path().join("content/again.md");
        std::os::unix::fs::symlink(&inside, &inner_link).unwrap();
        let real_secret = std::fs::canonicalize(&secret).unwrap();
        assert_eq!(outside(site.path(), &link), Some(real_secret.clone()));
        assert_eq!(outside(site.path(), &inside), None);
        assert_eq!(
            outside(site.path(), &inner_link),
            None,
            "a link within the site"
        );
        let climbing = site
            .path()
            .join("content/../..")
            .join(elsewhere.path().file_name().unwrap())
            .join("id_ed25519");
        assert_eq!(outside(site.path(), &climbing), Some(real_secret));
        assert_eq!(outside(site.path(), &site.path().join("missing")), None);
    }
}
