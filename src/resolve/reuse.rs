//! What `serve` keeps from one preparation of the site to the next after a save.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Value;

use crate::content::SourcePage;
use crate::markdown::Rendered;

use super::{Entry, Site};

/// What a previous preparation of the site lends to the next one: its pages and their
/// rendered Markdown, except for the files that changed since.
pub struct Reuse<'a> {
    site: &'a Site,
    pub(super) rendered: &'a [Arc<Rendered>],
    pub(super) summaries: &'a [Value],
    changed: &'a HashSet<PathBuf>,
    by_file: HashMap<&'a Path, usize>,
    /// Whether the new site has the same pages as the old one (set once resolved).
    pub(super) same_pages: bool,
}

impl<'a> Reuse<'a> {
    /// What `site`, prepared before, lends to the next preparation after `changed` were saved.
    pub fn new(site: &'a Site, changed: &'a HashSet<PathBuf>) -> Self {
        let by_file = site
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.file.as_path(), i))
            .collect();
        Self {
            site,
            rendered: &site.rendered,
            summaries: &site.summaries,
            changed,
            by_file,
            same_pages: false,
        }
    }

    /// Notes whether `site`, newly resolved, has the same pages (links are checked against
    /// them, and lists are made of them).
    pub fn compare(&mut self, site: &Site) {
        self.same_pages = self.site.draft_keys == site.draft_keys
            && self.site.by_key.len() == site.by_key.len()
            && self.site.by_key.keys().all(|k| site.by_key.contains_key(k));
    }

    /// The photos and clips a page showed last time, unless its file changed.
    pub(super) fn refs(&self, src: &SourcePage) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
        if self.touched(src) {
            return None;
        }
        let &i = self.by_file.get(src.file.as_path())?;
        Some((
            self.site.photo_refs.get(i).cloned()?,
            self.site.media_refs.get(i).cloned()?,
        ))
    }

    /// The index of the same entry last time, if it was made from the same unchanged file for
    /// the same address.
    pub(super) fn same_entry(&self, e: &Entry, src: &SourcePage) -> Option<usize> {
        if self.touched(src) {
            return None;
        }
        let &i = self.site.by_key.get(&(e.key.clone(), e.lang.clone()))?;
        let old = &self.site.entries[i];
        (old.path == e.path
            && old.fallback == e.fallback
            && self.site.sources[old.source].file == src.file)
            .then_some(i)
    }

    /// Whether the page's file, or a file beside it that it may show (a clip's captions, a
    /// poster), changed since.
    fn touched(&self, src: &SourcePage) -> bool {
        self.changed.contains(&src.file)
            || self
                .changed
                .iter()
                .any(|c| c.parent() == src.file.parent() && c.extension().is_none_or(|e| e != "md"))
    }
}
