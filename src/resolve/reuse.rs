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
    /// The folders of the files saved that are not pages (a clip's captions, a poster): the
    /// pages beside them may show them.
    changed_dirs: HashSet<&'a Path>,
    by_file: HashMap<&'a Path, usize>,
    /// Whether the new site has the same pages as the old one (set once resolved).
    pub(super) same_pages: bool,
    /// For each entry of the new site, the same entry last time (set once resolved).
    same: Vec<Option<usize>>,
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
        let changed_dirs = changed
            .iter()
            .filter(|c| c.extension().is_none_or(|e| e != "md"))
            .filter_map(|c| c.parent())
            .collect();
        Self {
            site,
            rendered: &site.rendered,
            summaries: &site.summaries,
            changed,
            changed_dirs,
            by_file,
            same_pages: false,
            same: Vec::new(),
        }
    }

    /// Notes whether `site`, newly resolved, has the same pages (links are checked against
    /// them, and lists are made of them), and which of its entries are the same as last time.
    pub fn compare(&mut self, site: &Site) {
        self.same_pages = self.site.draft_keys == site.draft_keys
            && self.site.by_key.len() == site.by_key.len()
            && self.site.by_key.keys().all(|k| site.by_key.contains_key(k));
        self.same = site
            .entries
            .iter()
            .map(|e| self.same_entry(e, &site.sources[e.source]))
            .collect();
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

    /// The index of the same entry last time as entry `i`, if it was made from the same
    /// unchanged file for the same address.
    pub(super) fn same_as(&self, i: usize) -> Option<usize> {
        self.same.get(i).copied().flatten()
    }

    fn same_entry(&self, e: &Entry, src: &SourcePage) -> Option<usize> {
        if self.touched(src) {
            return None;
        }
        let &i = self.site.by_key.get(&(e.key.clone(), e.lang.clone()))?;
        let old = &self.site.entries[i];
        // File names compared as the same strings they were read as (faster than by parts).
        (old.path == e.path
            && old.fallback == e.fallback
            && self.site.sources[old.source].file.as_os_str() == src.file.as_os_str())
        .then_some(i)
    }

    /// Whether the page's file, or a file beside it that it may show (a clip's captions, a
    /// poster), changed since.
    fn touched(&self, src: &SourcePage) -> bool {
        self.changed.contains(&src.file)
            || src
                .file
                .parent()
                .is_some_and(|dir| self.changed_dirs.contains(dir))
    }
}
