//! Which file-system events mean "the site changed": saves of sources, however an editor makes
//! them (in place, by atomic rename, through swap and backup files), never reads, never the
//! output or the cache.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::EventKind;
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, notify::RecommendedWatcher,
    notify::RecursiveMode,
};

/// The running watcher; dropping it stops watching.
pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Folders of a site that hold its sources.
pub const SOURCE_DIRS: &[&str] = &[
    "content",
    "photos",
    "locales",
    "themes",
    "templates",
    "static",
];

/// How long a burst of saves is waited out before rebuilding once.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What a batch of changes asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The source files that changed (relative to the site root), for the terminal.
    pub files: Vec<PathBuf>,
    /// True when only stylesheets changed: the browser swaps them without reloading.
    pub css_only: bool,
}

/// Whether a path is one of the site's sources (not output, cache, editor litter).
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first = match parts.next() {
        Some(Component::Normal(f)) => f.to_string_lossy(),
        _ => return false,
    };
    if rel.components().count() == 1 {
        // site.toml, or a source folder made while serving (a first journey's photos/).
        return first == crate::config::CONFIG_FILE || SOURCE_DIRS.contains(&first.as_ref());
    }
    if !SOURCE_DIRS.contains(&first.as_ref()) {
        return false;
    }
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    !is_editor_litter(&name)
        && !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Temporary, swap and backup files that editors write beside the real one.
pub fn is_editor_litter(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's probe for a writable folder
        || [".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload", ".bak"]
            .iter()
            .any(|x| name.ends_with(x))
        || name.contains(".tmp.")
        || name.starts_with(".~lock")
}

/// The site change in a batch of events, if any: reads and metadata-only changes do not count.
pub fn change_of(root: &Path, events: &[notify::Event]) -> Option<Change> {
    let mut files: Vec<PathBuf> = events
        .iter()
        .filter(|e| {
            !matches!(
                e.kind,
                EventKind::Access(_)
                    | EventKind::Modify(notify::event::ModifyKind::Metadata(_))
                    | EventKind::Other
            )
        })
        .flat_map(|e| e.paths.iter())
        .filter(|p| is_source(root, p))
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .collect();
    files.sort();
    files.dedup();
    if files.is_empty() {
        return None;
    }
    let css_only = files.iter().all(|f| {
        f.extension().is_some_and(|x| x == "css")
            && f.components().any(|c| c.as_os_str() == "static")
    });
    Some(Change { files, css_only })
}

/// Starts watching the source folders among `files` (relative to `root`) that were made after
/// watching began, so what is saved in them is seen too.
pub fn watch_new_folders(watcher: &mut Watcher, root: &Path, files: &[PathBuf]) {
    for f in files {
        let is_top_folder = f.components().count() == 1
            && SOURCE_DIRS.iter().any(|d| f.as_os_str() == *d)
            && root.join(f).is_dir();
        if is_top_folder {
            let _ = watcher.watch(root.join(f), RecursiveMode::Recursive);
        }
    }
}

/// Watches the site's sources and calls `on_change` once per burst of saves, from a thread
/// of its own. Keep the returned watcher alive for as long as changes are wanted.
pub fn watch(root: &Path, on_change: impl Fn(Change) + Send + 'static) -> notify::Result<Watcher> {
    let root_for_events = root.to_path_buf();
    // Canonical form too: on some systems events name the real path of a symlinked folder.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let events: Vec<notify::Event> = events.into_iter().map(|e| e.event).collect();
        let change =
            change_of(&root_for_events, &events).or_else(|| change_of(&real_root, &events));
        if let Some(change) = change {
            on_change(change);
        }
    })?;
    // The root itself without recursion (site.toml, and source folders made later), then each
    // source folder with everything in it; never public/, .passage/ or target/.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from("/site").join(p));
        }
        e
    }

    #[test]
    fn sources_count_and_litter_does_not() {
        let root = Path::new("/site");
        for yes in [
            "site.toml",
            "content/stories/x/index.ka.md",
            "themes/default/templates/base.html",
            "photos/j/journey.toml",
            "locales/hy/main.ftl",
        ] {
            assert!(is_source(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "public/en/index.html",
            ".passage/cache/images/x.webp",
            "target/debug/passage",
            "content/stories/x/.index.en.md.swp",
            "content/stories/x/index.en.md~",
            "content/stories/x/4913",
            "content/.#index.en.md",
            "content/stories/x/index.en.md.tmp.1234.5678",
            "README.md",
            "content/.git/index",
        ] {
            assert!(!is_source(root, &root.join(no)), "{no}");
        }
    }

    #[test]
    fn an_atomic_rename_save_is_one_change_and_reads_are_none() {
        let root = Path::new("/site");
        // vim: write a swap file, write the new text to a temporary name, rename it over.
        let save = [
            event(
                EventKind::Create(CreateKind::File),
                &["content/a.en.md.swp"],
            ),
            event(EventKind::Create(CreateKind::File), &["content/4913"]),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["content/a.en.md~", "content/a.en.md"],
            ),
            event(EventKind::Access(AccessKind::Any), &["content/b.en.md"]),
        ];
        assert_eq!(
            change_of(root, &save),
            Some(Change {
                files: vec![PathBuf::from("content/a.en.md")],
                css_only: false
            })
        );
        let reads = [event(
            EventKind::Access(AccessKind::Any),
            &["content/a.en.md"],
        )];
        assert_eq!(change_of(root, &reads), None);
        let css = [event(
            EventKind::Modify(ModifyKind::Any),
            &["themes/default/static/style.css"],
        )];
        assert!(change_of(root, &css).unwrap().css_only);
    }
}
