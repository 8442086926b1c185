//! Before any HTML: every clip and photo the pages show is processed (or taken from the cache), then
//! the Markdown of every entry is rendered in parallel, with its links checked.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, Rendered};

use super::{Reuse, Site};

impl Site {
    /// Processes every photo the published pages use (covers, photos in and linked from the
    /// text) in parallel, before any HTML is made; reports each failing photo once.
    pub fn prepare_images(
        &mut self,
        root: &Path,
        progress: bool,
        (previous, stored): (Option<&Reuse>, &markdown::stored::Stored),
        problems: &mut Diagnostics,
    ) {
        let used: HashSet<usize> = self.entries.iter().map(|e| e.source).collect();
        let refs: Vec<(usize, Vec<PathBuf>, Vec<PathBuf>)> = self
            .sources
            .par_iter()
            .enumerate()
            .filter(|(i, _)| used.contains(i))
            .map(|(i, src)| {
                if let Some((photos, media)) = previous.and_then(|p| p.refs(src)) {
                    return (i, photos, media);
                }
                let mut photos = Vec::new();
                if let Some(cover) = &src.meta.cover {
                    let path = src.dir.join(cover);
                    if path.is_file() {
                        photos.push(path);
                    }
                }
                let (in_text, media) = markdown::file_refs(src, &stored.refs(src));
                photos.extend(in_text);
                (i, photos, media)
            })
            .collect();
        let mut users: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        let mut media_users: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        self.photo_refs = vec![Vec::new(); self.sources.len()];
        self.media_refs = vec![Vec::new(); self.sources.len()];
        for (i, photos, media) in &refs {
            self.photo_refs[*i] = photos.clone();
            self.media_refs[*i] = media.clone();
            self.share_photo[*i] = photos.first().cloned();
            let file = &self.sources[*i].file;
            photos.iter().for_each(|p| add_user(&mut users, p, file));
            media
                .iter()
                .for_each(|p| add_user(&mut media_users, p, file));
        }
        // Clips first: their posters (beside them, or a frame) are photos like the others.
        let clips: Vec<PathBuf> = media_users.keys().cloned().collect();
        let (failures, captions) = self.media.prepare(&clips);
        problems.extend(captions);
        report(
            root,
            failures.into_iter().map(|(p, e)| (p, e.message, e.hint)),
            &media_users,
            problems,
        );
        for (clip, pages) in &media_users {
            if let Some(poster) = self.media.get(clip).ok().and_then(|m| m.poster.clone()) {
                users.entry(poster).or_insert_with(|| pages.clone());
            }
        }
        let paths: Vec<PathBuf> = users.keys().cloned().collect();
        let failures = self.images.prepare(&paths, progress);
        report(
            root,
            failures.into_iter().map(|(p, e)| (p, e.message, e.hint)),
            &users,
            problems,
        );
    }

    /// Markdown of every published entry, in parallel; fallbacks link into the reader's language.
    pub fn render_markdown(
        &self,
        previous: Option<&Reuse>,
        stored: &markdown::stored::Stored,
        problems: &mut Diagnostics,
    ) -> Vec<Arc<Rendered>> {
        // Links are checked against the pages that exist: with the same pages as before, a
        // text that did not change renders as it did.
        let previous = previous.filter(|p| p.same_pages);
        let rendered: Vec<Arc<Rendered>> = self
            .entries
            .par_iter()
            .enumerate()
            .map(|(at, e)| {
                let src = &self.sources[e.source];
                if let Some(p) = previous
                    && let Some(i) = p.same_as(at)
                {
                    return p.rendered[i].clone();
                }
                let url = self.href(&e.path);
                Arc::new(stored.render(src, &url, &e.lang, self, eager_first(src)))
            })
            .collect();
        // A fallback repeats its original's problems; report each problem once.
        for (e, r) in self.entries.iter().zip(&rendered) {
            if e.fallback {
                continue;
            }
            problems.extend(r.problems.iter().cloned());
            // Links to a heading must find it, in the language the reader is taken to.
            for (key, fragment, line, col) in &r.fragment_links {
                let Some(&target) = self.by_key.get(&(key.clone(), e.lang.clone())) else {
                    continue;
                };
                let anchors = &rendered[target].anchors;
                if !anchors.contains(fragment) {
                    let known = if anchors.is_empty() {
                        "that page has no headings".to_string()
                    } else {
                        format!("its headings are #{}", anchors.join(", #"))
                    };
                    problems.push(
                        Diagnostic::error(
                            &self.sources[e.source].file,
                            format!(
                                "link to a missing heading: `#{fragment}` on `{}`",
                                if key.is_empty() { "the home page" } else { key }
                            ),
                        )
                        .at(*line, Some(*col))
                        .hint(format!("{known}; fix the part after #")),
                    );
                }
            }
        }
        rendered
    }
}

/// Whether a text's first photo loads at once: the cover is shown above the text, so the
/// text's first photo can wait.
fn eager_first(src: &crate::content::SourcePage) -> bool {
    src.meta.cover.is_none()
}

impl Site {
    /// The HTML of entry `i`'s text; made again if it came from the store without it.
    pub fn html(&self, i: usize) -> &str {
        let Some(r) = self.rendered.get(i) else {
            return "";
        };
        if !r.html_to_make {
            return &r.html;
        }
        r.made.get_or_init(|| {
            let e = &self.entries[i];
            let src = &self.sources[e.source];
            markdown::render(src, &self.href(&e.path), &e.lang, self, eager_first(src)).html
        })
    }
}

/// One error per file that could not be processed (path, message, hint), naming the pages
/// that use it.
fn report(
    root: &Path,
    failures: impl Iterator<Item = (PathBuf, String, String)>,
    users: &BTreeMap<PathBuf, Vec<PathBuf>>,
    problems: &mut Diagnostics,
) {
    for (path, message, hint) in failures {
        let pages: Vec<String> = users
            .get(&path)
            .into_iter()
            .flatten()
            .map(|f| f.display().to_string())
            .collect();
        problems.push(
            Diagnostic::error(crate::diagnostics::display_path(root, &path), message)
                .hint(format!("{hint} (used by {})", pages.join(", "))),
        );
    }
}

/// Notes that the page `file` uses `path`.
fn add_user(users: &mut BTreeMap<PathBuf, Vec<PathBuf>>, path: &Path, file: &Path) {
    let list = users.entry(path.to_path_buf()).or_default();
    if !list.iter().any(|f| f == file) {
        list.push(file.to_path_buf());
    }
}
