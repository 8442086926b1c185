//! Resolve: which page is published in which language (translation, fallback or left out),
//! the lists, tags and menus, and the plan of every output file, made before any HTML.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::config::{MissingTranslation, SiteConfig};
use crate::content::{PageKind, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::exhibit::{EXHIBIT_KEY, Journey, LABELS_KEY};
use crate::images::{ImageInfo, Images};
use crate::markdown::{self, LinkTargets, Rendered};
use crate::slug::slugify;

use super::{base_path, encode_path};

/// A page published in one language.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) key: String,
    /// Language of the readers (the URL folder).
    pub(super) lang: String,
    /// The translation shown; in another language when `fallback`.
    pub(super) source: usize,
    pub(super) fallback: bool,
    /// Site path without base path, e.g. `/ka/stories/x/`.
    pub(super) path: String,
}

/// What one output file is.
#[derive(Debug, Clone)]
pub(super) enum ItemKind {
    Page(usize),
    Home(String),
    Section {
        lang: String,
        section: String,
        page: usize,
    },
    TagIndex(String),
    Tag {
        lang: String,
        slug: String,
        page: usize,
    },
    NotFound(String),
    Chooser,
    RootNotFound,
    /// The exhibit index of a language.
    Exhibit(String),
    Journey {
        lang: String,
        journey: usize,
    },
    JourneyPhoto {
        lang: String,
        journey: usize,
        photo: usize,
    },
    Labels {
        lang: String,
        journey: usize,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) kind: ItemKind,
    /// Site path; folders end with `/` and get an `index.html`.
    pub(super) path: String,
}

#[derive(Debug, Default)]
pub(super) struct TagGroup {
    pub(super) name: String,
    pub(super) entries: Vec<usize>,
}

/// Everything known about the site once it has been resolved.
pub(super) struct Site {
    pub(super) config: SiteConfig,
    pub(super) base_path: String,
    pub(super) sources: Vec<SourcePage>,
    pub(super) entries: Vec<Entry>,
    pub(super) by_key: HashMap<(String, String), usize>,
    /// Section name → sorted entries, per language.
    pub(super) sections: BTreeMap<(String, String), Vec<usize>>,
    /// Dated section entries of a language, newest first.
    pub(super) latest: BTreeMap<String, Vec<usize>>,
    pub(super) tags: BTreeMap<String, BTreeMap<String, TagGroup>>,
    pub(super) menus: BTreeMap<String, Vec<usize>>,
    pub(super) items: Vec<Item>,
    pub(super) paths: HashSet<String>,
    pub(super) images: Arc<Images>,
    /// Per source: the photo for link previews (cover, else the first photo in the text).
    pub(super) share_photo: Vec<Option<PathBuf>>,
    /// Pages left out because they are drafts.
    pub(super) draft_keys: HashSet<String>,
    /// Photo journeys, in exhibit order.
    pub(super) journeys: Vec<Journey>,
    /// The photos each source shows (cover first), by index into `sources`.
    pub(super) photo_refs: Vec<Vec<PathBuf>>,
}

pub(super) fn page_path(lang: &str, key: &str) -> String {
    if key.is_empty() {
        format!("/{lang}/")
    } else {
        format!("/{lang}/{key}/")
    }
}

/// `/en/exhibit/`, `/en/exhibit/<journey>/`, and one photo's page within it.
pub(super) fn exhibit_path(lang: &str, journey: Option<&str>, photo: Option<&str>) -> String {
    match (journey, photo) {
        (None, _) => format!("/{lang}/{EXHIBIT_KEY}/"),
        (Some(j), None) => format!("/{lang}/{EXHIBIT_KEY}/{j}/"),
        (Some(j), Some(p)) => format!("/{lang}/{EXHIBIT_KEY}/{j}/{p}/"),
    }
}

pub(super) fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// Decides what is published where and plans every output file.
pub(super) fn resolve(
    config: SiteConfig,
    pages: Vec<SourcePage>,
    drafts: bool,
    asset_paths: impl Iterator<Item = String>,
    images: Arc<Images>,
    journeys: Vec<Journey>,
    problems: &mut Diagnostics,
) -> Site {
    // Pages left out as drafts, so links to them get a message of their own.
    let draft_keys: HashSet<String> = pages
        .iter()
        .filter(|p| !drafts && p.meta.draft)
        .map(|p| p.key.clone())
        .collect();
    let mut sources: Vec<SourcePage> = pages
        .into_iter()
        .filter(|p| drafts || !p.meta.draft)
        .collect();
    sources.sort_by(|a, b| (&a.key, &a.lang, &a.file).cmp(&(&b.key, &b.lang, &b.file)));
    for p in &sources {
        if let Some(cover) = &p.meta.cover {
            if !p.dir.join(cover).is_file() {
                problems.push(
                    Diagnostic::error(&p.file, format!("the cover `{cover}` is not beside the page"))
                        .hint("put the photo in the same folder as this file and check the spelling of `cover`"),
                );
            } else if p
                .meta
                .cover_alt
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
            {
                problems.push(
                    Diagnostic::warning(&p.file, format!("the cover `{cover}` has no description"))
                        .hint("add cover_alt = \"…\" describing the photo for people who cannot see it"),
                );
            }
        }
    }
    // Tags outside the language's configured list: a typo would make a tag page of its own.
    for p in &sources {
        let Some(allowed) = config.tags.get(&p.lang) else {
            continue;
        };
        for tag in p.meta.tags.iter().filter(|t| !allowed.contains(t)) {
            let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let d = Diagnostic::warning(
                &p.file,
                format!("the tag `{tag}` is not in the tag list of `{}`", p.lang),
            );
            let d = match p.tags_line {
                Some(line) => d.at(line, None),
                None => d,
            };
            problems.push(match crate::diagnostics::did_you_mean(tag, &names) {
                Some(s) => d.hint(format!(
                    "did you mean `{s}`? Or add `{tag}` to tags.{} in site.toml",
                    p.lang
                )),
                None => d.hint(format!(
                    "use one of {}, or add `{tag}` to tags.{} in site.toml",
                    names.join(", "),
                    p.lang
                )),
            });
        }
    }
    // Two files for the same page and language (`about.ka.md` and `about/index.ka.md`).
    let mut translations: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, p) in sources.iter().enumerate() {
        let slot = translations.entry(p.key.clone()).or_default();
        if let Some(&other) = slot.get(&p.lang) {
            problems.push(
                Diagnostic::error(
                    &p.file,
                    format!(
                        "this page is also written in {}",
                        sources[other].file.display()
                    ),
                )
                .hint("keep one file per page and language; delete or rename one of them"),
            );
        } else {
            slot.insert(p.lang.clone(), i);
        }
    }
    let default = config.default_language().code.clone();
    let mut entries = Vec::new();
    let mut by_key = HashMap::new();
    for (key, langs) in &translations {
        for lang in &config.languages {
            let (source, fallback) = match langs.get(&lang.code) {
                Some(&i) => (i, false),
                None => {
                    if config.missing_translation == MissingTranslation::Omit {
                        continue;
                    }
                    let original = langs
                        .get(&default)
                        .or_else(|| config.languages.iter().find_map(|l| langs.get(&l.code)));
                    match original {
                        Some(&i) => (i, true),
                        None => continue,
                    }
                }
            };
            by_key.insert((key.clone(), lang.code.clone()), entries.len());
            entries.push(Entry {
                key: key.clone(),
                lang: lang.code.clone(),
                source,
                fallback,
                path: page_path(&lang.code, key),
            });
        }
    }

    let order = |a: &usize, b: &usize| {
        let (pa, pb) = (
            &sources[entries[*a].source].meta,
            &sources[entries[*b].source].meta,
        );
        pb.date
            .cmp(&pa.date)
            .then(pa.weight.cmp(&pb.weight))
            .then(pa.title.cmp(&pb.title))
            .then(entries[*a].key.cmp(&entries[*b].key))
    };
    let mut sections: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut latest: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut tag_slugs: HashMap<&str, String> = HashMap::new();
    let mut tags: BTreeMap<String, BTreeMap<String, TagGroup>> = BTreeMap::new();
    let mut menus: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let src = &sources[e.source];
        match &src.kind {
            PageKind::Page {
                section: Some(section),
            } => {
                sections
                    .entry((e.lang.clone(), section.clone()))
                    .or_default()
                    .push(i);
                if src.meta.date.is_some() {
                    latest.entry(e.lang.clone()).or_default().push(i);
                }
                if !e.fallback {
                    for tag in &src.meta.tags {
                        // Thousands of pages share a few tags: each is made into a slug once.
                        let slug = tag_slugs
                            .entry(tag.as_str())
                            .or_insert_with(|| slugify(tag))
                            .clone();
                        let group = tags
                            .entry(e.lang.clone())
                            .or_default()
                            .entry(slug)
                            .or_default();
                        if group.name.is_empty() {
                            group.name = tag.clone();
                        }
                        group.entries.push(i);
                    }
                }
            }
            PageKind::Section => {
                sections.entry((e.lang.clone(), e.key.clone())).or_default();
                if src.meta.weight.is_some() {
                    menus.entry(e.lang.clone()).or_default().push(i);
                }
            }
            PageKind::Page { section: None } if src.meta.weight.is_some() => {
                menus.entry(e.lang.clone()).or_default().push(i);
            }
            _ => {}
        }
    }
    for list in sections.values_mut().chain(latest.values_mut()) {
        list.sort_by(order);
    }
    for groups in tags.values_mut() {
        for g in groups.values_mut() {
            g.entries.sort_by(order);
        }
    }
    for menu in menus.values_mut() {
        menu.sort_by(|a, b| {
            let (pa, pb) = (
                &sources[entries[*a].source].meta,
                &sources[entries[*b].source].meta,
            );
            pa.weight
                .cmp(&pb.weight)
                .then(entries[*a].key.cmp(&entries[*b].key))
        });
    }

    let per_page = config.per_page;
    let pages_of = |n: usize| n.div_ceil(per_page).max(1);
    let mut items = Vec::new();
    items.push(Item {
        kind: ItemKind::Chooser,
        path: "/".into(),
    });
    items.push(Item {
        kind: ItemKind::RootNotFound,
        path: "/404.html".into(),
    });
    for lang in &config.languages {
        let code = &lang.code;
        items.push(Item {
            kind: ItemKind::Home(code.clone()),
            path: page_path(code, ""),
        });
        items.push(Item {
            kind: ItemKind::NotFound(code.clone()),
            path: format!("/{code}/404.html"),
        });
        if tags.get(code).is_some_and(|t| !t.is_empty()) {
            items.push(Item {
                kind: ItemKind::TagIndex(code.clone()),
                path: format!("/{code}/tags/"),
            });
        }
        for (slug, group) in tags.get(code).into_iter().flatten() {
            for page in 1..=pages_of(group.entries.len()) {
                let base = format!("/{code}/tags/{slug}/");
                items.push(Item {
                    kind: ItemKind::Tag {
                        lang: code.clone(),
                        slug: slug.clone(),
                        page,
                    },
                    path: paged(&base, page),
                });
            }
        }
    }
    for ((lang, section), list) in &sections {
        for page in 1..=pages_of(list.len()) {
            items.push(Item {
                kind: ItemKind::Section {
                    lang: lang.clone(),
                    section: section.clone(),
                    page,
                },
                path: paged(&page_path(lang, section), page),
            });
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if matches!(sources[e.source].kind, PageKind::Page { .. }) {
            items.push(Item {
                kind: ItemKind::Page(i),
                path: e.path.clone(),
            });
        }
    }
    if !journeys.is_empty() {
        if let Some(src) = sources.iter().find(|p| p.key == EXHIBIT_KEY) {
            problems.push(
                Diagnostic::error(&src.file, "this page has the address of the photo exhibit")
                    .hint("rename the file (e.g. exhibition-info.md): /<lang>/exhibit/ lists the journeys in photos/"),
            );
        }
        for lang in &config.languages {
            let code = &lang.code;
            items.push(Item {
                kind: ItemKind::Exhibit(code.clone()),
                path: exhibit_path(code, None, None),
            });
            for (j, journey) in journeys.iter().enumerate() {
                if !journey_in(&config, journey, code) {
                    continue;
                }
                items.push(Item {
                    kind: ItemKind::Journey {
                        lang: code.clone(),
                        journey: j,
                    },
                    path: exhibit_path(code, Some(&journey.slug), None),
                });
                items.push(Item {
                    kind: ItemKind::Labels {
                        lang: code.clone(),
                        journey: j,
                    },
                    path: exhibit_path(code, Some(&journey.slug), Some(LABELS_KEY)),
                });
                for (p, photo) in journey.photos.iter().enumerate() {
                    items.push(Item {
                        kind: ItemKind::JourneyPhoto {
                            lang: code.clone(),
                            journey: j,
                            photo: p,
                        },
                        path: exhibit_path(code, Some(&journey.slug), Some(&photo.id)),
                    });
                }
            }
        }
    }
    let mut paths: HashSet<String> = items.iter().map(|i| i.path.clone()).collect();
    for lang in &config.languages {
        paths.insert(format!("/{}/atom.xml", lang.code));
    }
    paths.extend(["/sitemap.xml".to_string(), "/robots.txt".to_string()]);
    paths.extend(asset_paths);
    let base_path = base_path(&config.base_url);
    let sources_len = sources.len();
    Site {
        config,
        base_path,
        sources,
        entries,
        by_key,
        sections,
        latest,
        tags,
        menus,
        items,
        paths,
        share_photo: vec![None; sources_len],
        draft_keys,
        images,
        journeys,
        photo_refs: Vec::new(),
    }
}

/// Whether a journey is published in a language: always, with the default language's texts
/// standing in, unless the site leaves untranslated pages out.
pub(super) fn journey_in(config: &SiteConfig, journey: &Journey, lang: &str) -> bool {
    config.missing_translation != MissingTranslation::Omit || journey.translated(lang)
}

impl LinkTargets for Site {
    fn image(&self, path: &Path) -> Option<Arc<ImageInfo>> {
        self.images.get(path).ok()
    }

    fn image_sizes(&self) -> &str {
        self.images.sizes()
    }

    fn is_draft(&self, key: &str) -> bool {
        self.draft_keys.contains(key)
    }

    fn page_url(&self, key: &str, lang: &str) -> Option<String> {
        if let Some(e) = self.by_key.get(&(key.to_string(), lang.to_string())) {
            return Some(self.href(&self.entries[*e].path));
        }
        // `@/exhibit`, `@/exhibit/<journey>` and `@/exhibit/<journey>/<photo>`.
        let mut parts = key.split('/');
        if parts.next() != Some(EXHIBIT_KEY) || self.journeys.is_empty() {
            return None;
        }
        let path = match (parts.next(), parts.next(), parts.next()) {
            (None, ..) => exhibit_path(lang, None, None),
            (Some(slug), photo, None) => {
                let j = self.journeys.iter().find(|j| j.slug == slug)?;
                if !journey_in(&self.config, j, lang) {
                    return None;
                }
                match photo {
                    None => exhibit_path(lang, Some(slug), None),
                    Some(id) => {
                        j.photos.iter().find(|p| p.id == id)?;
                        exhibit_path(lang, Some(slug), Some(id))
                    }
                }
            }
            _ => return None,
        };
        Some(self.href(&path))
    }

    fn has_path(&self, path: &str) -> bool {
        let path = path
            .strip_prefix(self.base_path.as_str())
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        let path = path.strip_suffix("index.html").unwrap_or(path);
        self.paths.contains(path)
            || (!path.ends_with('/') && self.paths.contains(&format!("{path}/")))
    }
}

/// A story as list, tag, home and feed pages see it: no body.
#[derive(Serialize)]
pub(super) struct Summary {
    pub(super) key: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) date: Option<String>,
    pub(super) updated: Option<String>,
    pub(super) summary: String,
    pub(super) tags: Vec<TagLink>,
    /// The cover photo, ready to show (`cover.html | safe`), with its alt text and size.
    pub(super) cover: Option<Cover>,
    /// The 1200×630 picture for link previews (absolute URL).
    pub(super) share_image: Option<ShareImage>,
    /// Language of the text, which differs from the page's when shown as a fallback.
    pub(super) lang: String,
    pub(super) dir: &'static str,
    pub(super) fallback: bool,
}

#[derive(Serialize)]
pub(super) struct Cover {
    pub(super) html: String,
    pub(super) html_lazy: String,
    pub(super) alt: String,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) src: String,
    pub(super) colour: String,
}

#[derive(Serialize)]
pub(super) struct ShareImage {
    pub(super) url: String,
    pub(super) width: u32,
    pub(super) height: u32,
}

#[derive(Serialize, Clone)]
pub(super) struct TagLink {
    pub(super) name: String,
    pub(super) url: String,
}

pub(super) fn dir_name(config: &SiteConfig, code: &str) -> &'static str {
    match config.language(code).map(|l| l.dir) {
        Some(crate::config::Direction::Rtl) => "rtl",
        _ => "ltr",
    }
}

impl Site {
    /// Path of a language's tag index, if any of its stories has tags.
    pub(super) fn tags_index(&self, lang: &str) -> Option<String> {
        self.tags
            .get(lang)
            .filter(|t| !t.is_empty())
            .map(|_| format!("/{lang}/tags/"))
    }

    /// A site path as written in HTML links.
    pub(super) fn href(&self, path: &str) -> String {
        encode_path(&self.base_path, path)
    }

    /// An already-encoded site URL (with base path) made absolute.
    pub(super) fn absolute_url(&self, url: &str) -> String {
        let origin = self
            .config
            .base_url
            .strip_suffix(self.base_path.as_str())
            .unwrap_or(&self.config.base_url);
        format!("{origin}{url}")
    }

    /// A site path as an absolute URL (canonical, hreflang, feeds, sitemap).
    pub(super) fn absolute(&self, path: &str) -> String {
        self.absolute_url(&self.href(path))
    }

    /// Processes every photo the published pages use (covers, photos in and linked from the
    /// text) in parallel, before any HTML is made; reports each failing photo once.
    pub(super) fn prepare_images(
        &mut self,
        root: &Path,
        progress: bool,
        previous: Option<&Reuse>,
        problems: &mut Diagnostics,
    ) {
        let used: HashSet<usize> = self.entries.iter().map(|e| e.source).collect();
        let refs: Vec<(usize, Vec<PathBuf>)> = self
            .sources
            .par_iter()
            .enumerate()
            .filter(|(i, _)| used.contains(i))
            .map(|(i, src)| {
                if let Some(photos) = previous.and_then(|p| p.photo_refs(src)) {
                    return (i, photos);
                }
                let mut photos = Vec::new();
                if let Some(cover) = &src.meta.cover {
                    let path = src.dir.join(cover);
                    if path.is_file() {
                        photos.push(path);
                    }
                }
                photos.extend(markdown::image_refs(src));
                (i, photos)
            })
            .collect();
        let mut users: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        self.photo_refs = vec![Vec::new(); self.sources.len()];
        for (i, photos) in &refs {
            self.photo_refs[*i] = photos.clone();
            self.share_photo[*i] = photos.first().cloned();
            for p in photos {
                let list = users.entry(p.clone()).or_default();
                if !list.contains(&self.sources[*i].file) {
                    list.push(self.sources[*i].file.clone());
                }
            }
        }
        let paths: Vec<PathBuf> = users.keys().cloned().collect();
        // Exhibit photos, with their redactions; a failure names the journey file and line.
        let exhibit: Vec<(usize, usize)> = self
            .journeys
            .iter()
            .enumerate()
            .flat_map(|(j, journey)| (0..journey.photos.len()).map(move |p| (j, p)))
            .collect();
        let failures: Vec<Diagnostic> = exhibit
            .par_iter()
            .filter_map(|&(j, p)| {
                let journey = &self.journeys[j];
                let photo = &journey.photos[p];
                let problem = self.images.get_redacted(&photo.file, &photo.redact).err()?;
                let name = photo
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                Some(
                    Diagnostic::error(
                        &journey.file,
                        format!("photo `{name}`: {}", problem.message),
                    )
                    .at(photo.line, None)
                    .hint(problem.hint),
                )
            })
            .collect();
        problems.extend(failures);
        for (path, problem) in self.images.prepare(&paths, progress) {
            let pages: Vec<String> = users[&path]
                .iter()
                .map(|f| f.display().to_string())
                .collect();
            problems.push(
                Diagnostic::error(
                    crate::diagnostics::display_path(root, &path),
                    problem.message,
                )
                .hint(format!("{} (used by {})", problem.hint, pages.join(", "))),
            );
        }
    }

    /// Markdown of every published entry, in parallel; fallbacks link into the reader's language.
    pub(super) fn render_markdown(
        &self,
        previous: Option<&Reuse>,
        problems: &mut Diagnostics,
    ) -> Vec<Arc<Rendered>> {
        // Links are checked against the pages that exist: with the same pages as before, a
        // text that did not change renders as it did.
        let previous = previous.filter(|p| p.same_pages);
        let rendered: Vec<Arc<Rendered>> = self
            .entries
            .par_iter()
            .map(|e| {
                let src = &self.sources[e.source];
                if let Some(p) = previous
                    && let Some(i) = p.same_entry(e, src)
                {
                    return p.rendered[i].clone();
                }
                // The cover is shown above the text, so the text's first photo can wait.
                let eager_first = src.meta.cover.is_none();
                Arc::new(markdown::render(
                    src,
                    &self.href(&e.path),
                    &e.lang,
                    self,
                    eager_first,
                ))
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

    pub(super) fn summaries(
        &self,
        rendered: &[Arc<Rendered>],
        previous: Option<&Reuse>,
    ) -> Vec<Value> {
        self.entries
            .par_iter()
            .zip(rendered)
            .map(|(e, r)| {
                let src = &self.sources[e.source];
                // A summary is made from its page alone.
                if let Some(p) = previous
                    && let Some(i) = p.same_entry(e, src)
                {
                    return p.summaries[i].clone();
                }
                let summary = src
                    .meta
                    .summary
                    .clone()
                    .unwrap_or_else(|| crate::text::truncate_words(&r.first_paragraph, 220));
                let tags = if e.fallback {
                    Vec::new()
                } else {
                    src.meta
                        .tags
                        .iter()
                        .map(|t| TagLink {
                            name: t.clone(),
                            url: self.href(&format!("/{}/tags/{}/", e.lang, slugify(t))),
                        })
                        .collect()
                };
                let cover = src
                    .meta
                    .cover
                    .as_ref()
                    .and_then(|c| self.images.get(&src.dir.join(c)).ok())
                    .map(|info| {
                        let alt = src.meta.cover_alt.clone().unwrap_or_default();
                        let sizes = self.images.sizes();
                        Cover {
                            html: info.picture(&alt, sizes, true, Some("cover")),
                            html_lazy: info.picture(&alt, sizes, false, Some("cover")),
                            alt,
                            width: info.width,
                            height: info.height,
                            src: info.largest().url.clone(),
                            colour: info.colour.clone(),
                        }
                    });
                let share_image = self.share_photo[e.source]
                    .as_ref()
                    .and_then(|p| self.images.get(p).ok())
                    .map(|info| ShareImage {
                        url: self.absolute_url(&info.share.url),
                        width: info.share.width,
                        height: info.share.height,
                    });
                Value::from_serializable(&Summary {
                    cover,
                    share_image,
                    key: e.key.clone(),
                    title: src.meta.title.clone(),
                    url: self.href(&e.path),
                    date: src.meta.date.map(|d| d.iso()),
                    updated: src.meta.updated.map(|d| d.iso()),
                    summary,
                    tags,
                    lang: src.lang.clone(),
                    dir: dir_name(&self.config, &src.lang),
                    fallback: e.fallback,
                })
            })
            .collect()
    }
}

/// What a previous preparation of the site lends to the next one: its pages and their
/// rendered Markdown, except for the files that changed since.
pub(super) struct Reuse<'a> {
    site: &'a Site,
    rendered: &'a [Arc<Rendered>],
    summaries: &'a [Value],
    changed: &'a HashSet<PathBuf>,
    by_file: HashMap<&'a Path, usize>,
    /// Whether the new site has the same pages as the old one (set once resolved).
    same_pages: bool,
}

impl<'a> Reuse<'a> {
    pub(super) fn new(
        site: &'a Site,
        rendered: &'a [Arc<Rendered>],
        summaries: &'a [Value],
        changed: &'a HashSet<PathBuf>,
    ) -> Self {
        let by_file = site
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.file.as_path(), i))
            .collect();
        Self {
            site,
            rendered,
            summaries,
            changed,
            by_file,
            same_pages: false,
        }
    }

    /// Notes whether `site`, newly resolved, has the same pages (links are checked against
    /// them, and lists are made of them).
    pub(super) fn compare(&mut self, site: &Site) {
        self.same_pages = self.site.draft_keys == site.draft_keys
            && self.site.by_key.len() == site.by_key.len()
            && self.site.by_key.keys().all(|k| site.by_key.contains_key(k));
    }

    /// The photos a page showed last time, unless its file changed.
    fn photo_refs(&self, src: &SourcePage) -> Option<Vec<PathBuf>> {
        if self.changed.contains(&src.file) {
            return None;
        }
        let &i = self.by_file.get(src.file.as_path())?;
        self.site.photo_refs.get(i).cloned()
    }

    /// The index of the same entry last time, if it was made from the same unchanged file for
    /// the same address.
    fn same_entry(&self, e: &Entry, src: &SourcePage) -> Option<usize> {
        if self.changed.contains(&src.file) {
            return None;
        }
        let &i = self.site.by_key.get(&(e.key.clone(), e.lang.clone()))?;
        let old = &self.site.entries[i];
        (old.path == e.path
            && old.fallback == e.fallback
            && self.site.sources[old.source].file == src.file)
            .then_some(i)
    }
}
