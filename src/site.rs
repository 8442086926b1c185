//! The build: load → resolve → render → write, reporting every problem at once.
//!
//! `resolve` decides which page is published in which language (translation, fallback or
//! left out) and plans every output before any HTML is made, so links can be checked while
//! Markdown is rendered and list pages are made from light summaries.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::config::{Language, MissingTranslation, SiteConfig};
use crate::content::{PageKind, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::{FeedItem, SitemapUrl};
use crate::i18n::I18n;
use crate::images::{ImageInfo, ImageStats, Images};
use crate::markdown::{self, LinkTargets, Rendered};
use crate::output::{Staging, check_target};
use crate::render::Templates;
use crate::slug::slugify;

/// What `passage build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site folder (with `site.toml`).
    pub root: PathBuf,
    /// Output folder; `root/public` when not given.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.toml` (e.g. for a preview host).
    pub base_url: Option<String>,
    /// Publishes pages marked `draft = true`.
    pub drafts: bool,
    /// Shows a progress bar on a terminal for long builds.
    pub progress: bool,
    /// Empties the image cache first, so every photo is encoded again.
    pub clean_cache: bool,
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages written per language code, in site order.
    pub pages: Vec<(String, usize)>,
    /// HTML pages outside the language folders (language chooser, 404).
    pub root_pages: usize,
    /// All files written.
    pub files: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the build.
    pub elapsed: Duration,
    /// Photo files encoded or taken from the cache.
    pub images: ImageStats,
}

/// Why a build failed: every problem found, errors and warnings, sorted by file.
#[derive(Debug)]
pub struct BuildFailure {
    /// Every problem found.
    pub problems: Vec<Diagnostic>,
}

/// Builds the site described by `opts`; the previous output is replaced only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let root = opts.root.as_path();
    let fail = |problems: Vec<Diagnostic>| {
        let mut d = Diagnostics::default();
        d.extend(problems);
        BuildFailure {
            problems: d.sorted(),
        }
    };
    let mut config = SiteConfig::load(root).map_err(fail)?;
    if let Some(url) = &opts.base_url {
        let text =
            std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
        config = SiteConfig::parse(&text, config.path.clone()).map_err(fail)?;
        config.base_url = url.trim_end_matches('/').to_string();
        if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
            return Err(fail(vec![
                Diagnostic::error("--base-url", format!("`{url}` is not an http(s) address"))
                    .hint("pass the full address, e.g. --base-url https://preview.example.org"),
            ]));
        }
    }
    let output = opts.output.clone().unwrap_or_else(|| root.join("public"));
    check_target(root, &output).map_err(|d| fail(vec![d]))?;

    let mut problems = Diagnostics::default();
    let theme_dir = root.join(crate::render::THEMES_DIR).join(&config.theme);
    let base_path = base_path(&config.base_url);
    if opts.clean_cache
        && let Err(e) = crate::images::clean_cache(root)
    {
        problems.push(
            Diagnostic::error(
                crate::images::cache::CACHE_DIR,
                format!("cannot empty the image cache: {e}"),
            )
            .hint("delete the folder by hand and build again"),
        );
    }
    let images = Arc::new(Images::new(root, config.images.clone(), &base_path));
    let ((pages, content_problems), ((i18n, i18n_problems), (assets, asset_problems))) =
        rayon::join(
            || crate::content::load(root, &config),
            || {
                rayon::join(
                    || I18n::load(root, &config),
                    || crate::assets::load(root, &theme_dir, &base_path),
                )
            },
        );
    problems.extend(content_problems);
    problems.extend(i18n_problems);
    problems.extend(asset_problems);
    let i18n = Arc::new(i18n);
    let templates = match Templates::load(
        root,
        &config.theme,
        i18n.clone(),
        Arc::new(assets.urls.clone()),
        images.clone(),
    ) {
        Ok(t) => Some(t),
        Err(ds) => {
            problems.extend(ds);
            None
        }
    };

    let asset_paths = assets.files.iter().map(|a| format!("/{}", a.output));
    let mut site = resolve(
        config,
        pages,
        opts.drafts,
        asset_paths,
        images.clone(),
        &mut problems,
    );
    site.prepare_images(root, opts.progress, &mut problems);
    let rendered = site.render_markdown(&mut problems);
    let Some(templates) = templates else {
        return Err(fail(problems.sorted()));
    };
    if problems.has_errors() {
        return Err(fail(problems.sorted()));
    }

    let staging = Staging::new(&output).map_err(|e| {
        fail(vec![
            Diagnostic::error(&output, format!("cannot create the output folder: {e}"))
                .hint("check that the folder is writable"),
        ])
    })?;
    let summaries = site.summaries(&rendered);
    let renderer = Renderer {
        site: &site,
        templates: &templates,
        rendered: &rendered,
        summaries: &summaries,
        staging: &staging,
    };
    let outcome = renderer.write_all(opts.progress, &assets);
    problems.extend(outcome.problems);
    if problems.has_errors() {
        return Err(fail(problems.sorted()));
    }
    staging.commit().map_err(|e| {
        fail(vec![
            Diagnostic::error(&output, format!("cannot replace the output folder: {e}"))
                .hint("close programs that use files in it and build again"),
        ])
    })?;
    let warnings = problems.sorted();
    Ok(BuildReport {
        pages: site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    outcome.pages.get(&l.code).copied().unwrap_or(0),
                )
            })
            .collect(),
        root_pages: outcome.pages.get("").copied().unwrap_or(0),
        files: outcome.files,
        output,
        warnings,
        elapsed: started.elapsed(),
        images: images.stats(),
    })
}

/// The path part of `base_url` (`https://x.github.io/site` → `/site`), prefixed to every link.
fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(i) => without_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// Characters that cannot appear raw in a URL path segment.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// A site path as it appears in links: percent-encoded (ASCII only) with the base path.
fn encode_path(base_path: &str, path: &str) -> String {
    let mut out = String::from(base_path);
    out.push_str(&percent_encoding::utf8_percent_encode(path, PATH_SEGMENT).to_string());
    out
}

/// A page published in one language.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    /// Language of the readers (the URL folder).
    lang: String,
    /// The translation shown; in another language when `fallback`.
    source: usize,
    fallback: bool,
    /// Site path without base path, e.g. `/ka/stories/x/`.
    path: String,
}

/// What one output file is.
#[derive(Debug, Clone)]
enum ItemKind {
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
}

#[derive(Debug, Clone)]
struct Item {
    kind: ItemKind,
    /// Site path; folders end with `/` and get an `index.html`.
    path: String,
}

#[derive(Debug, Default)]
struct TagGroup {
    name: String,
    entries: Vec<usize>,
}

/// Everything known about the site once it has been resolved.
struct Site {
    config: SiteConfig,
    base_path: String,
    sources: Vec<SourcePage>,
    entries: Vec<Entry>,
    by_key: HashMap<(String, String), usize>,
    /// Section name → sorted entries, per language.
    sections: BTreeMap<(String, String), Vec<usize>>,
    /// Dated section entries of a language, newest first.
    latest: BTreeMap<String, Vec<usize>>,
    tags: BTreeMap<String, BTreeMap<String, TagGroup>>,
    menus: BTreeMap<String, Vec<usize>>,
    items: Vec<Item>,
    paths: HashSet<String>,
    images: Arc<Images>,
    /// Per source: the photo for link previews (cover, else the first photo in the text).
    share_photo: Vec<Option<PathBuf>>,
}

fn page_path(lang: &str, key: &str) -> String {
    if key.is_empty() {
        format!("/{lang}/")
    } else {
        format!("/{lang}/{key}/")
    }
}

fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// Decides what is published where and plans every output file.
fn resolve(
    config: SiteConfig,
    pages: Vec<SourcePage>,
    drafts: bool,
    asset_paths: impl Iterator<Item = String>,
    images: Arc<Images>,
    problems: &mut Diagnostics,
) -> Site {
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
                        let group = tags
                            .entry(e.lang.clone())
                            .or_default()
                            .entry(slugify(tag))
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
        images,
    }
}

impl LinkTargets for Site {
    fn image(&self, path: &Path) -> Option<Arc<ImageInfo>> {
        self.images.get(path).ok()
    }

    fn image_sizes(&self) -> &str {
        self.images.sizes()
    }

    fn page_url(&self, key: &str, lang: &str) -> Option<String> {
        let e = self.by_key.get(&(key.to_string(), lang.to_string()))?;
        Some(self.href(&self.entries[*e].path))
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
struct Summary {
    key: String,
    title: String,
    url: String,
    date: Option<String>,
    updated: Option<String>,
    summary: String,
    tags: Vec<TagLink>,
    /// The cover photo, ready to show (`cover.html | safe`), with its alt text and size.
    cover: Option<Cover>,
    /// The 1200×630 picture for link previews (absolute URL).
    share_image: Option<ShareImage>,
    /// Language of the text, which differs from the page's when shown as a fallback.
    lang: String,
    dir: &'static str,
    fallback: bool,
}

#[derive(Serialize)]
struct Cover {
    html: String,
    html_lazy: String,
    alt: String,
    width: u32,
    height: u32,
    src: String,
    colour: String,
}

#[derive(Serialize)]
struct ShareImage {
    url: String,
    width: u32,
    height: u32,
}

#[derive(Serialize, Clone)]
struct TagLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'static str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct SwitcherLink<'a> {
    code: &'a str,
    name: &'a str,
    /// Where the same page is in that language; none if it is not published there.
    url: Option<String>,
    /// Whether that language has its own translation (not a fallback).
    translated: bool,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct MenuLink {
    title: String,
    url: String,
    key: String,
}

#[derive(Serialize)]
struct PageNumber {
    number: usize,
    url: String,
}

fn dir_name(config: &SiteConfig, code: &str) -> &'static str {
    match config.language(code).map(|l| l.dir) {
        Some(crate::config::Direction::Rtl) => "rtl",
        _ => "ltr",
    }
}

impl Site {
    /// A site path as written in HTML links.
    fn href(&self, path: &str) -> String {
        encode_path(&self.base_path, path)
    }

    /// An already-encoded site URL (with base path) made absolute.
    fn absolute_url(&self, url: &str) -> String {
        let origin = self
            .config
            .base_url
            .strip_suffix(self.base_path.as_str())
            .unwrap_or(&self.config.base_url);
        format!("{origin}{url}")
    }

    /// A site path as an absolute URL (canonical, hreflang, feeds, sitemap).
    fn absolute(&self, path: &str) -> String {
        self.absolute_url(&self.href(path))
    }

    /// Processes every photo the published pages use (covers, photos in and linked from the
    /// text) in parallel, before any HTML is made; reports each failing photo once.
    fn prepare_images(&mut self, root: &Path, progress: bool, problems: &mut Diagnostics) {
        let used: HashSet<usize> = self.entries.iter().map(|e| e.source).collect();
        let refs: Vec<(usize, Vec<PathBuf>)> = self
            .sources
            .par_iter()
            .enumerate()
            .filter(|(i, _)| used.contains(i))
            .map(|(i, src)| {
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
        for (i, photos) in &refs {
            self.share_photo[*i] = photos.first().cloned();
            for p in photos {
                let list = users.entry(p.clone()).or_default();
                if !list.contains(&self.sources[*i].file) {
                    list.push(self.sources[*i].file.clone());
                }
            }
        }
        let paths: Vec<PathBuf> = users.keys().cloned().collect();
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
    fn render_markdown(&self, problems: &mut Diagnostics) -> Vec<Rendered> {
        let rendered: Vec<Rendered> = self
            .entries
            .par_iter()
            .map(|e| {
                let src = &self.sources[e.source];
                // The cover is shown above the text, so the text's first photo can wait.
                let eager_first = src.meta.cover.is_none();
                markdown::render(src, &self.href(&e.path), &e.lang, self, eager_first)
            })
            .collect();
        // A fallback repeats its original's problems; report each problem once.
        for (e, r) in self.entries.iter().zip(&rendered) {
            if !e.fallback {
                problems.extend(r.problems.iter().cloned());
            }
        }
        rendered
    }

    fn summaries(&self, rendered: &[Rendered]) -> Vec<Value> {
        self.entries
            .iter()
            .zip(rendered)
            .map(|(e, r)| {
                let src = &self.sources[e.source];
                let summary = src
                    .meta
                    .summary
                    .clone()
                    .unwrap_or_else(|| truncate_words(&r.first_paragraph, 220));
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

fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    rendered: &'a [Rendered],
    summaries: &'a [Value],
    staging: &'a Staging,
}

#[derive(Default)]
struct WriteOutcome {
    pages: BTreeMap<String, usize>,
    files: usize,
    problems: Vec<Diagnostic>,
}

impl Renderer<'_> {
    fn write_all(&self, progress: bool, assets: &crate::assets::Assets) -> WriteOutcome {
        let site = self.site;
        let chrome: BTreeMap<String, Context> = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), self.chrome(l)))
            .collect();
        let bar = if progress && site.items.len() >= 300 {
            let bar = indicatif::ProgressBar::new(site.items.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            Some(bar)
        } else {
            None
        };
        let results: Vec<Result<Option<String>, Diagnostic>> = site
            .items
            .par_iter()
            .map(|item| {
                let r = self.write_item(item, &chrome);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            })
            .collect();
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        let mut out = WriteOutcome::default();
        // The same template error on many pages is reported once, with the number of pages.
        let mut template_errors: BTreeMap<(PathBuf, Option<usize>, String), (Diagnostic, usize)> =
            BTreeMap::new();
        for r in results {
            match r {
                Ok(lang) => {
                    out.files += 1;
                    if let Some(lang) = lang {
                        *out.pages.entry(lang).or_default() += 1;
                    }
                }
                Err(d) => {
                    let slot = template_errors
                        .entry((d.file.clone(), d.line, d.message.clone()))
                        .or_insert((d, 0));
                    slot.1 += 1;
                }
            }
        }
        for (_, (mut d, n)) in template_errors {
            if n > 1 {
                d.message = format!("{} (on {n} pages)", d.message);
            }
            out.problems.push(d);
        }
        if !out.problems.is_empty() {
            return out;
        }
        let mut extra = self.machine_files();
        extra.extend(
            assets
                .files
                .iter()
                .map(|a| (a.output.clone(), a.bytes.clone())),
        );
        extra.extend(self.page_assets());
        for (path, bytes) in extra {
            match self.staging.write(&path, &bytes) {
                Ok(()) => out.files += 1,
                Err(e) => out
                    .problems
                    .push(Diagnostic::error(&path, format!("cannot write: {e}"))),
            }
        }
        let copies: Vec<Result<(), Diagnostic>> = self
            .site
            .images
            .published()
            .par_iter()
            .map(|(rel, from)| {
                self.staging.copy(rel, from).map_err(|e| {
                    Diagnostic::error(from, format!("cannot publish an encoded photo: {e}"))
                        .hint("run `passage build --clean-cache` to encode the photos again")
                })
            })
            .collect();
        for c in copies {
            match c {
                Ok(()) => out.files += 1,
                Err(d) => out.problems.push(d),
            }
        }
        out
    }

    /// Files beside pages that their text links to, copied next to each language's page.
    fn page_assets(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = BTreeMap::new();
        for (e, r) in self.site.entries.iter().zip(self.rendered) {
            for asset in &r.assets {
                let Some(name) = asset.file_name() else {
                    continue;
                };
                if let Ok(bytes) = std::fs::read(asset) {
                    out.insert(format!("{}{}", e.path, name.to_string_lossy()), bytes);
                }
            }
        }
        out.into_iter().collect()
    }

    /// Variables every page of a language shares, built once.
    fn chrome(&self, lang: &Language) -> Context {
        let site = self.site;
        let mut ctx = Context::new();
        let languages: Vec<LanguageLink> = site
            .config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: dir_name(&site.config, &l.code),
                title: &l.title,
                url: site.href(&page_path(&l.code, "")),
            })
            .collect();
        ctx.insert(
            "site",
            &serde_json::json!({
                "title": lang.title,
                "description": lang.description,
                "base_url": site.config.base_url,
                "languages": languages,
                "default_language": site.config.default_language().code,
            }),
        );
        ctx.insert("lang", &serde_json::json!({ "code": lang.code, "name": lang.name, "dir": dir_name(&site.config, &lang.code) }));
        let menu: Vec<MenuLink> = site
            .menus
            .get(&lang.code)
            .into_iter()
            .flatten()
            .map(|&i| {
                let e = &site.entries[i];
                let meta = &site.sources[e.source].meta;
                MenuLink {
                    title: meta.menu.clone().unwrap_or_else(|| meta.title.clone()),
                    url: site.href(&e.path),
                    key: e.key.clone(),
                }
            })
            .collect();
        ctx.insert("menu", &menu);
        ctx.insert("home_url", &site.href(&page_path(&lang.code, "")));
        ctx.insert("feed_url", &site.href(&format!("/{}/atom.xml", lang.code)));
        ctx.insert(
            "tags_url",
            &site
                .tags
                .get(&lang.code)
                .filter(|t| !t.is_empty())
                .map(|_| site.href(&format!("/{}/tags/", lang.code))),
        );
        ctx
    }

    /// Where a page with `key` is in every language, for the switcher and hreflang.
    fn versions(&self, key: &str) -> Vec<(String, Option<&Entry>)> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    self.site
                        .by_key
                        .get(&(key.to_string(), l.code.clone()))
                        .map(|&i| &self.site.entries[i]),
                )
            })
            .collect()
    }

    /// Fills the switcher, canonical and hreflang variables of a page.
    /// `others` gives, per language, the URL of the same page and whether it is a real translation.
    fn links(
        &self,
        ctx: &mut Context,
        lang: &str,
        path: &str,
        canonical: &str,
        others: Vec<(String, Option<(String, bool)>)>,
    ) {
        let site = self.site;
        let switcher: Vec<SwitcherLink> = others
            .iter()
            .map(|(code, target)| {
                let l = site.config.language(code).expect("configured language");
                SwitcherLink {
                    code: &l.code,
                    name: &l.name,
                    url: target.as_ref().map(|(p, _)| site.href(p)),
                    translated: target.as_ref().is_some_and(|(_, t)| *t),
                    current: code == lang,
                }
            })
            .collect();
        ctx.insert("translations", &switcher);
        let mut alternates: Vec<Alternate> = others
            .iter()
            .filter_map(|(code, t)| {
                t.as_ref()
                    .filter(|(_, translated)| *translated)
                    .map(|(p, _)| Alternate {
                        hreflang: code.clone(),
                        href: site.absolute(p),
                    })
            })
            .collect();
        if alternates.len() > 1 {
            let default = &site.config.default_language().code;
            if let Some(d) = alternates.iter().find(|a| &a.hreflang == default) {
                let href = d.href.clone();
                alternates.push(Alternate {
                    hreflang: "x-default".into(),
                    href,
                });
            }
        } else {
            alternates.clear();
        }
        ctx.insert("alternates", &alternates);
        ctx.insert("canonical", &site.absolute(canonical));
        ctx.insert("page_url", &site.href(path));
    }

    fn paginator(&self, list: &[usize], page: usize, base: &str) -> Value {
        let per = self.site.config.per_page;
        let total = list.len().div_ceil(per).max(1);
        let items: Vec<&Value> = list
            .iter()
            .skip((page - 1) * per)
            .take(per)
            .map(|&i| &self.summaries[i])
            .collect();
        let url = |n: usize| self.site.href(&paged(base, n));
        let pages: Vec<PageNumber> = (1..=total)
            .map(|n| PageNumber {
                number: n,
                url: url(n),
            })
            .collect();
        Value::from_serializable(&serde_json::json!({
            "items": items.iter().map(|v| serde_json::to_value(v).unwrap_or_default()).collect::<Vec<_>>(),
            "number": page,
            "total": total,
            "count": list.len(),
            "previous": (page > 1).then(|| url(page - 1)),
            "next": (page < total).then(|| url(page + 1)),
            "pages": pages,
        }))
    }

    /// Renders and writes one output file; returns its language if it is an HTML page.
    fn write_item(
        &self,
        item: &Item,
        chrome: &BTreeMap<String, Context>,
    ) -> Result<Option<String>, Diagnostic> {
        let site = self.site;
        let default = site.config.default_language().code.clone();
        let all_langs =
            |path_of: &dyn Fn(&str) -> String| -> Vec<(String, Option<(String, bool)>)> {
                site.config
                    .languages
                    .iter()
                    .map(|l| (l.code.clone(), Some((path_of(&l.code), true))))
                    .collect()
            };
        let (lang, template, ctx) = match &item.kind {
            ItemKind::Page(i) => {
                let e = &site.entries[*i];
                let src = &site.sources[e.source];
                let mut ctx = chrome[&e.lang].clone();
                let mut page = self.summaries[*i].clone().into_map().unwrap_or_default();
                page.insert(
                    "content".into(),
                    Value::safe_string(&self.rendered[*i].html),
                );
                page.insert(
                    "section".into(),
                    Value::from_serializable(&match &src.kind {
                        PageKind::Page { section } => section.clone(),
                        _ => None,
                    }),
                );
                page.insert(
                    "lang_name".into(),
                    Value::from_serializable(
                        &site.config.language(&src.lang).map(|l| l.name.clone()),
                    ),
                );
                page.insert("weight".into(), Value::from_serializable(&src.meta.weight));
                ctx.insert_value("page", Value::from(page));
                ctx.insert("current_key", &e.key);
                ctx.insert(
                    "description",
                    &self.summaries[*i]
                        .get_from_path("summary")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default(),
                );
                let others = self
                    .versions(&e.key)
                    .into_iter()
                    .map(|(code, entry)| (code, entry.map(|x| (x.path.clone(), !x.fallback))))
                    .collect();
                let canonical = if e.fallback {
                    page_path(&src.lang, &e.key)
                } else {
                    e.path.clone()
                };
                self.links(&mut ctx, &e.lang, &e.path, &canonical, others);
                let template = match (&src.meta.template, &src.kind) {
                    (Some(t), _) => t.clone(),
                    (None, PageKind::Page { section: Some(_) }) => "story.html".into(),
                    _ => "page.html".into(),
                };
                if !self.templates.has(&template) {
                    return Err(Diagnostic::error(&src.file, format!("template `{template}` does not exist"))
                        .hint("use a template file name from the theme's templates/ folder, or remove the `template` key"));
                }
                (e.lang.clone(), template, ctx)
            }
            ItemKind::Home(lang) => {
                let mut ctx = chrome[lang].clone();
                self.insert_index_page(&mut ctx, "", lang);
                let latest: Vec<&Value> = site
                    .latest
                    .get(lang)
                    .into_iter()
                    .flatten()
                    .take(site.config.home_stories)
                    .map(|&i| &self.summaries[i])
                    .collect();
                ctx.insert(
                    "stories",
                    &latest
                        .iter()
                        .map(|v| serde_json::to_value(v).unwrap_or_default())
                        .collect::<Vec<_>>(),
                );
                let sections: Vec<serde_json::Value> = site
                    .sections
                    .iter()
                    .filter(|((l, _), _)| l == lang)
                    .map(|((_, s), list)| serde_json::json!({"key": s, "title": self.section_title(lang, s), "url": site.href(&page_path(lang, s)), "count": list.len()}))
                    .collect();
                ctx.insert("sections", &sections);
                ctx.insert("current_key", "");
                self.links(
                    &mut ctx,
                    lang,
                    &item.path,
                    &item.path,
                    all_langs(&|l| page_path(l, "")),
                );
                // The language chooser at `/` is the x-default of every home page.
                ctx.insert("alternates", &self.home_alternates());
                (lang.clone(), "home.html".into(), ctx)
            }
            ItemKind::Section {
                lang,
                section,
                page,
            } => {
                let mut ctx = chrome[lang].clone();
                self.insert_index_page(&mut ctx, section, lang);
                let base = page_path(lang, section);
                let list = &site.sections[&(lang.clone(), section.clone())];
                ctx.insert_value("paginator", self.paginator(list, *page, &base));
                ctx.insert("current_key", section);
                let others =
                    site.config
                        .languages
                        .iter()
                        .map(|l| {
                            let target = site.sections.get(&(l.code.clone(), section.clone())).map(
                                |other| {
                                    let n = if other.len().div_ceil(site.config.per_page) >= *page {
                                        *page
                                    } else {
                                        1
                                    };
                                    (paged(&page_path(&l.code, section), n), true)
                                },
                            );
                            (l.code.clone(), target)
                        })
                        .collect();
                self.links(&mut ctx, lang, &item.path, &item.path, others);
                (lang.clone(), "section.html".into(), ctx)
            }
            ItemKind::TagIndex(lang) => {
                let mut ctx = chrome[lang].clone();
                let tags: Vec<serde_json::Value> = site.tags[lang]
                    .iter()
                    .map(|(slug, g)| serde_json::json!({"name": g.name, "url": site.href(&format!("/{lang}/tags/{slug}/")), "count": g.entries.len()}))
                    .collect();
                ctx.insert("tags", &tags);
                ctx.insert("current_key", "tags");
                let others = site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        (
                            l.code.clone(),
                            site.tags
                                .get(&l.code)
                                .filter(|t| !t.is_empty())
                                .map(|_| (format!("/{}/tags/", l.code), true)),
                        )
                    })
                    .collect();
                self.links(&mut ctx, lang, &item.path, &item.path, others);
                (lang.clone(), "tags.html".into(), ctx)
            }
            ItemKind::Tag { lang, slug, page } => {
                let mut ctx = chrome[lang].clone();
                let group = &site.tags[lang][slug];
                let base = format!("/{lang}/tags/{slug}/");
                ctx.insert(
                    "tag",
                    &serde_json::json!({"name": group.name, "slug": slug, "url": site.href(&base)}),
                );
                ctx.insert_value("paginator", self.paginator(&group.entries, *page, &base));
                ctx.insert("current_key", "tags");
                // Tags are words of one language: other languages get their own tag list.
                let others = site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        let target = if &l.code == lang {
                            Some((item.path.clone(), true))
                        } else {
                            site.tags
                                .get(&l.code)
                                .filter(|t| !t.is_empty())
                                .map(|_| (format!("/{}/tags/", l.code), false))
                        };
                        (l.code.clone(), target)
                    })
                    .collect();
                self.links(&mut ctx, lang, &item.path, &item.path, others);
                (lang.clone(), "tag.html".into(), ctx)
            }
            ItemKind::NotFound(_) | ItemKind::RootNotFound => {
                // The root 404 answers for any address, so it points at every home page.
                let (lang, root) = match &item.kind {
                    ItemKind::NotFound(l) => (l.clone(), false),
                    _ => (default.clone(), true),
                };
                let mut ctx = chrome[&lang].clone();
                ctx.insert("current_key", "404");
                let target = |l: &str| {
                    if root {
                        page_path(l, "")
                    } else {
                        format!("/{l}/404.html")
                    }
                };
                self.links(&mut ctx, &lang, &item.path, &item.path, all_langs(&target));
                ctx.insert("alternates", &Vec::<Alternate>::new());
                (lang, "404.html".into(), ctx)
            }
            ItemKind::Chooser => {
                let mut ctx = chrome[&default].clone();
                ctx.insert("current_key", "");
                self.links(
                    &mut ctx,
                    &default,
                    "/",
                    "/",
                    all_langs(&|l| page_path(l, "")),
                );
                ctx.insert("alternates", &self.home_alternates());
                (default.clone(), "chooser.html".into(), ctx)
            }
        };
        let html = self.templates.render(&template, &ctx, &item.path)?;
        let bytes = if site.config.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        };
        let file = if item.path.ends_with('/') {
            format!("{}index.html", item.path)
        } else {
            item.path.clone()
        };
        self.staging.write(&file, &bytes).map_err(|e| {
            Diagnostic::error(file.trim_start_matches('/'), format!("cannot write: {e}"))
        })?;
        // Root pages (language chooser, 404) belong to no language folder.
        let in_folder = item.path.starts_with(&format!("/{lang}/"));
        Ok(Some(if in_folder { lang } else { String::new() }))
    }

    /// hreflang of the home pages: every language, and the chooser at `/` as x-default.
    fn home_alternates(&self) -> Vec<Alternate> {
        let site = self.site;
        let mut alternates: Vec<Alternate> = site
            .config
            .languages
            .iter()
            .map(|l| Alternate {
                hreflang: l.code.clone(),
                href: site.absolute(&page_path(&l.code, "")),
            })
            .collect();
        alternates.push(Alternate {
            hreflang: "x-default".into(),
            href: site.absolute("/"),
        });
        alternates
    }

    /// Title of a section in a language: its `_index` title, or the folder name.
    fn section_title(&self, lang: &str, section: &str) -> String {
        match self
            .site
            .by_key
            .get(&(section.to_string(), lang.to_string()))
        {
            Some(&i) => self.site.sources[self.site.entries[i].source]
                .meta
                .title
                .clone(),
            None => {
                let mut c = section.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// The `_index` text of home or a section as `page`, with its title and intro.
    fn insert_index_page(&self, ctx: &mut Context, key: &str, lang: &str) {
        let site = self.site;
        let title = if key.is_empty() {
            site.config
                .language(lang)
                .map(|l| l.title.clone())
                .unwrap_or_default()
        } else {
            self.section_title(lang, key)
        };
        let mut page = match site.by_key.get(&(key.to_string(), lang.to_string())) {
            Some(&i) => {
                let mut m = self.summaries[i].clone().into_map().unwrap_or_default();
                m.insert("content".into(), Value::safe_string(&self.rendered[i].html));
                let e = &site.entries[i];
                m.insert(
                    "lang_name".into(),
                    Value::from_serializable(
                        &site
                            .config
                            .language(&site.sources[e.source].lang)
                            .map(|l| l.name.clone()),
                    ),
                );
                m
            }
            None => tera::Map::new(),
        };
        page.insert("title".into(), Value::from(title));
        let description = page
            .get(&"summary".into())
            .and_then(|v| v.as_str().map(str::to_string))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| {
                site.config
                    .language(lang)
                    .map(|l| l.description.clone())
                    .unwrap_or_default()
            });
        ctx.insert("description", &description);
        ctx.insert_value("page", Value::from(page));
    }

    /// Feeds, sitemap and robots.txt.
    fn machine_files(&self) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let mut out = Vec::new();
        for lang in &site.config.languages {
            let items: Vec<FeedItem> = site
                .latest
                .get(&lang.code)
                .into_iter()
                .flatten()
                .filter(|&&i| !site.entries[i].fallback)
                .take(20)
                .map(|&i| {
                    let e = &site.entries[i];
                    let meta = &site.sources[e.source].meta;
                    let date = meta.date.expect("latest holds dated entries");
                    FeedItem {
                        url: site.absolute(&e.path),
                        title: meta.title.clone(),
                        summary: self.summaries[i]
                            .get_from_path("summary")
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string(),
                        published: date.rfc3339(),
                        updated: meta.updated.unwrap_or(date).rfc3339(),
                    }
                })
                .collect();
            let feed_path = format!("/{}/atom.xml", lang.code);
            let xml = crate::feeds::atom(
                &lang.code,
                &lang.title,
                &site.absolute(&page_path(&lang.code, "")),
                &site.absolute(&feed_path),
                &items,
            );
            out.push((feed_path, xml.into_bytes()));
        }
        let mut urls = Vec::new();
        let all = |path_of: &dyn Fn(&str) -> String| -> Vec<(String, String)> {
            site.config
                .languages
                .iter()
                .map(|l| (l.code.clone(), site.absolute(&path_of(&l.code))))
                .collect()
        };
        for item in &site.items {
            let (alternates, lastmod) = match &item.kind {
                ItemKind::Home(_) => {
                    let mut alternates = all(&|l| page_path(l, ""));
                    alternates.push(("x-default".into(), site.absolute("/")));
                    (alternates, None)
                }
                ItemKind::Page(i) => {
                    let e = &site.entries[*i];
                    if e.fallback {
                        continue;
                    }
                    let meta = &site.sources[e.source].meta;
                    let alternates = self
                        .versions(&e.key)
                        .into_iter()
                        .filter_map(|(code, entry)| {
                            entry
                                .filter(|x| !x.fallback)
                                .map(|x| (code, site.absolute(&x.path)))
                        })
                        .collect();
                    (alternates, meta.updated.or(meta.date).map(|d| d.iso()))
                }
                ItemKind::Section {
                    section, page: 1, ..
                } => {
                    let alternates = site
                        .config
                        .languages
                        .iter()
                        .filter(|l| {
                            site.sections
                                .contains_key(&(l.code.clone(), section.clone()))
                        })
                        .map(|l| (l.code.clone(), site.absolute(&page_path(&l.code, section))))
                        .collect();
                    (alternates, None)
                }
                ItemKind::TagIndex(_) | ItemKind::Tag { page: 1, .. } | ItemKind::Chooser => {
                    (Vec::new(), None)
                }
                _ => continue,
            };
            urls.push(SitemapUrl {
                loc: site.absolute(&item.path),
                lastmod,
                alternates,
            });
        }
        urls.sort_by(|a, b| a.loc.cmp(&b.loc));
        out.push((
            "/sitemap.xml".into(),
            crate::feeds::sitemap(&urls).into_bytes(),
        ));
        out.push((
            "/robots.txt".into(),
            crate::feeds::robots(&site.absolute("/sitemap.xml")).into_bytes(),
        ));
        out
    }
}

/// Minifies a page with settings that keep it valid HTML5.
fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_and_encoding() {
        assert_eq!(base_path("https://x.github.io/site/"), "/site");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(
            encode_path("", "/ka/tags/მიგრაცია/"),
            "/ka/tags/%E1%83%9B%E1%83%98%E1%83%92%E1%83%A0%E1%83%90%E1%83%AA%E1%83%98%E1%83%90/"
        );
        assert_eq!(encode_path("/s", "/en/a b/"), "/s/en/a%20b/");
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate_words("one two three", 100), "one two three");
        assert_eq!(truncate_words("one two three", 9), "one two…");
    }
}
