//! What `serve` keeps from one preparation of the site to the next after a save.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Value;

use crate::content::SourcePage;
use crate::markdown::Rendered;

use super::{Entry, Site};
use crate::content::Pages;
use crate::media::Media;

/// What a previous preparation of the site lends to the next one: its pages and their
/// rendered Markdown, except for the files that changed since.
pub struct Reuse<'a> {
    site: &'a Site,
    pub(super) rendered: &'a [Arc<Rendered>],
    pub(super) summaries: &'a [Value],
    pub(super) summary_digests: &'a [Option<[u8; 16]>],
    changed: &'a foldhash::HashSet<PathBuf>,
    /// The folders of the files saved that are not pages (a clip's captions, a poster): the
    /// pages beside them may show them.
    changed_dirs: foldhash::HashSet<&'a Path>,
    by_file: super::FastMap<&'a Path, usize>,
    /// Whether the new site has the same pages as the old one (set once resolved).
    pub(super) same_pages: bool,
    /// For each entry of the new site, the same entry last time (set once resolved).
    same: Vec<Option<usize>>,
}

impl<'a> Reuse<'a> {
    /// What `site`, prepared before, lends to the next preparation after `changed` were saved.
    pub fn new(site: &'a Site, changed: &'a foldhash::HashSet<PathBuf>) -> Self {
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
            summary_digests: &site.summary_digests,
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

    /// The site as it was, with the saved pages in place of the old ones, when only their
    /// texts changed: every saved file was a published page before and has the same front
    /// matter now (the common save while writing). What is published where, in which lists
    /// and under which tags is then as before, and is not worked out again. `None` otherwise.
    pub fn texts_only(&mut self, pages: &Pages, media: Arc<Media>) -> Option<Site> {
        let old = self.site;
        let mut replaced = Vec::new();
        for file in self.changed {
            let &i = self.by_file.get(file.as_path())?;
            let new = pages.iter().find(|p| &p.file == file)?;
            let was = &old.sources[i];
            let same = new.key == was.key
                && new.lang == was.lang
                && new.kind == was.kind
                && new.tags_line == was.tags_line
                && new.meta == was.meta;
            if !same {
                return None;
            }
            replaced.push((i, new.clone()));
        }
        let mut sources = old.sources.clone();
        for (i, page) in replaced {
            sources[i] = page;
        }
        let site = Site {
            config: old.config.clone(),
            urls: old.urls.clone(),
            sources,
            entries: old.entries.clone(),
            by_key: old.by_key.clone(),
            sections: old.sections.clone(),
            latest: old.latest.clone(),
            tags: old.tags.clone(),
            tag_slugs: old.tag_slugs.clone(),
            menus: old.menus.clone(),
            paths: Default::default(),
            links: Default::default(),
            images: old.images.clone(),
            media,
            strings: old.strings.clone(),
            share_photo: vec![None; old.sources.len()],
            draft_keys: old.draft_keys.clone(),
            photo_refs: Vec::new(),
            media_refs: Vec::new(),
            rendered: Vec::new(),
            summaries: Vec::new(),
            summary_digests: Vec::new(),
        };
        self.same_pages = true;
        self.same = site
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (!self.touched(&site.sources[e.source])).then_some(i))
            .collect();
        Some(site)
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
