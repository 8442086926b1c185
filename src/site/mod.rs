//! The build: load → resolve → render → write, reporting every problem at once.
//!
//! `resolve` decides which page is published in which language (translation, fallback or
//! left out) and plans every output before any HTML is made, so links can be checked while
//! Markdown is rendered and list pages are made from light summaries.

mod exhibit;
mod resolve;
mod write;

use resolve::resolve;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use write::Renderer;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::images::{ImageStats, Images};
use crate::output::{Staging, check_target};
use crate::render::Templates;

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
    /// Runs every stage and check but publishes nothing (`passage check`).
    pub dry_run: bool,
    /// For `passage serve`: photos in WebP and JPEG only, without the slow AVIF.
    pub preview: bool,
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
    let output = if opts.dry_run {
        std::env::temp_dir().join(format!("passage-check-{}", std::process::id()))
    } else {
        let output = opts.output.clone().unwrap_or_else(|| root.join("public"));
        check_target(root, &output).map_err(|d| failure(vec![d]))?;
        output
    };
    let prepared = prepare(opts)?;
    let mut problems = prepared.problems.clone();
    let staging = Staging::new(&output).map_err(|e| {
        failure(vec![
            Diagnostic::error(&output, format!("cannot create the output folder: {e}"))
                .hint("check that the folder is writable"),
        ])
    })?;
    let outcome = prepared
        .renderer()
        .write_all(&staging, opts.progress, &prepared.assets);
    problems.extend(outcome.problems);
    if problems.has_errors() {
        return Err(failure(problems.sorted()));
    }
    if opts.dry_run {
        // Dropping the staging folder removes everything that was rendered.
        drop(staging);
    } else {
        staging.commit().map_err(|e| {
            failure(vec![
                Diagnostic::error(&output, format!("cannot replace the output folder: {e}"))
                    .hint("close programs that use files in it and build again"),
            ])
        })?;
    }
    let site = &prepared.site;
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
        warnings: problems.sorted(),
        elapsed: started.elapsed(),
        images: prepared.images.stats(),
    })
}

/// Every problem, sorted by file, as a failed build.
fn failure(problems: Vec<Diagnostic>) -> BuildFailure {
    let mut d = Diagnostics::default();
    d.extend(problems);
    BuildFailure {
        problems: d.sorted(),
    }
}

/// A site loaded, resolved and with its Markdown rendered, ready to be written out whole
/// (`build`) or page by page on demand (`serve`).
pub struct Prepared {
    site: resolve::Site,
    templates: Arc<Templates>,
    rendered: Vec<Arc<crate::markdown::Rendered>>,
    summaries: Vec<tera::Value>,
    assets: Arc<crate::assets::Assets>,
    images: Arc<Images>,
    /// Warnings found so far (errors stop `prepare`).
    problems: Diagnostics,
    /// The warnings that do not come from the content (UI strings, theme, photos).
    base_problems: Diagnostics,
    /// Every page read, drafts too, for the next preparation after a save.
    pages: Vec<crate::content::SourcePage>,
    /// For serving: made on first use, so a page can be shown before anything else is made.
    lazy: Lazy,
}

/// What `serve` looks pages and files up in, made once per prepared site.
#[derive(Default)]
struct Lazy {
    chrome: std::sync::OnceLock<std::collections::BTreeMap<String, tera::Context>>,
    /// Output file (`/en/about/index.html`) → index into the site's items.
    items: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    /// Feeds, sitemap, robots.txt, static files and files beside pages, by output path.
    files: std::sync::OnceLock<std::collections::HashMap<String, Vec<u8>>>,
}

/// What a URL path of the site serves.
pub enum Resource {
    /// An HTML page, rendered just now.
    Page(Vec<u8>),
    /// Any other file made by the build (feed, CSS, a PDF beside a page…).
    Bytes(Vec<u8>),
    /// An encoded photo, in the image cache.
    File(PathBuf),
}

impl Prepared {
    fn renderer(&self) -> Renderer<'_> {
        Renderer {
            site: &self.site,
            templates: &self.templates,
            rendered: &self.rendered,
            summaries: &self.summaries,
        }
    }

    /// The problems that did not stop the site from being prepared, sorted by file.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.problems.clone().sorted()
    }

    /// `style.css` → `/style.1a2b3c4d5e.css`: the published address of each static file.
    pub fn asset_urls(&self) -> &std::collections::BTreeMap<String, String> {
        &self.assets.urls
    }

    /// Whether a page is published at `path` (`/en/about/index.html`), without rendering it.
    pub fn has_page(&self, path: &str) -> bool {
        self.page_index(path).is_some()
    }

    /// The item published at an output file path.
    fn page_index(&self, path: &str) -> Option<usize> {
        let items = self.lazy.items.get_or_init(|| {
            self.site
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let file = if item.path.ends_with('/') {
                        format!("{}index.html", item.path)
                    } else {
                        item.path.clone()
                    };
                    (file, i)
                })
                .collect()
        });
        items.get(path).copied()
    }

    /// The file published at `path` (`/ka/about/index.html`, `/style.1a2b.css`, decoded, without
    /// the base path), rendering a page only when it is asked for. `None` if nothing is there.
    pub fn resource(&self, path: &str) -> Option<Result<Resource, Diagnostic>> {
        if let Some(i) = self.page_index(path) {
            let renderer = self.renderer();
            let chrome = self.lazy.chrome.get_or_init(|| renderer.chromes());
            return Some(
                renderer
                    .render_item(&self.site.items[i], chrome)
                    .map(|(_, bytes, _)| Resource::Page(bytes)),
            );
        }
        let files = self.lazy.files.get_or_init(|| {
            let renderer = self.renderer();
            let mut files: std::collections::HashMap<String, Vec<u8>> =
                renderer.machine_files().into_iter().collect();
            files.extend(renderer.page_assets());
            files.extend(
                self.assets
                    .files
                    .iter()
                    .map(|a| (format!("/{}", a.output), a.bytes.clone())),
            );
            files
        });
        if let Some(bytes) = files.get(path) {
            return Some(Ok(Resource::Bytes(bytes.clone())));
        }
        self.images
            .published_file(path.trim_start_matches('/'))
            .map(|file| Ok(Resource::File(file)))
    }
}

/// Loads, checks and resolves the whole site and renders its Markdown, reporting every
/// problem at once; nothing is written.
/// Loads, checks and resolves the whole site and renders its Markdown, reporting every
/// problem at once; nothing is written.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildFailure> {
    prepare_all(opts)
}

/// Prepares the site again after files were saved (paths relative to the site). When only
/// content changed, the settings, templates, UI strings, static files and photos of
/// `previous` are kept, and only the saved pages are read and rendered again.
pub fn prepare_after(
    opts: &BuildOptions,
    previous: &Prepared,
    changed: &[PathBuf],
) -> Result<Prepared, BuildFailure> {
    let content_only = changed
        .iter()
        .all(|f| f.starts_with(crate::content::CONTENT_DIR));
    // Only a preview keeps its pages for the next time.
    if !content_only || !opts.preview || previous.pages.is_empty() {
        return prepare_all(opts);
    }
    let root = opts.root.as_path();
    let changed_files = changed;
    let changed: std::collections::HashSet<PathBuf> = changed.iter().cloned().collect();
    let mut reuse = resolve::Reuse::new(
        &previous.site,
        &previous.rendered,
        &previous.summaries,
        &changed,
    );
    let config = previous.site.config.clone();
    let (pages, content_problems) =
        crate::content::load_changed(root, &config, &previous.pages, changed_files);
    let loaded = pages.clone();
    let mut problems = previous.base_problems.clone();
    problems.extend(content_problems);
    let asset_paths = previous
        .assets
        .files
        .iter()
        .map(|a| format!("/{}", a.output));
    let mut site = resolve(
        config,
        pages,
        opts.drafts,
        asset_paths,
        previous.images.clone(),
        previous.site.journeys.clone(),
        &mut problems,
    );
    reuse.compare(&site);
    site.prepare_images(root, false, Some(&reuse), &mut problems);
    let rendered = site.render_markdown(Some(&reuse), &mut problems);
    if problems.has_errors() {
        return Err(failure(problems.sorted()));
    }
    let summaries = site.summaries(&rendered, Some(&reuse));
    Ok(Prepared {
        site,
        templates: previous.templates.clone(),
        rendered,
        summaries,
        assets: previous.assets.clone(),
        images: previous.images.clone(),
        problems,
        base_problems: previous.base_problems.clone(),
        pages: loaded,
        lazy: Lazy::default(),
    })
}

fn prepare_all(opts: &BuildOptions) -> Result<Prepared, BuildFailure> {
    let root = opts.root.as_path();
    let fail = failure;
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
    if opts.preview {
        // AVIF takes seconds per photo; a preview shows the same photos in WebP and JPEG.
        config
            .images
            .formats
            .retain(|f| *f != crate::images::Format::Avif);
    }

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
    let (
        ((pages, content_problems), (exhibit, exhibit_problems)),
        ((i18n, i18n_problems), (assets, asset_problems)),
    ) = rayon::join(
        || {
            rayon::join(
                || crate::content::load(root, &config),
                || crate::exhibit::load(root, &config),
            )
        },
        || {
            rayon::join(
                || I18n::load(root, &config),
                || crate::assets::load(root, &theme_dir, &base_path),
            )
        },
    );
    problems.extend(exhibit_problems);
    // Photos without consent: refused wherever they are used, and their cached sizes deleted,
    // so nothing of them stays in the output or on this machine's cache.
    for w in &exhibit.withheld {
        images.forbid(
            &w.file,
            crate::images::ImageProblem {
                message: format!("this photo must not be published: {}", w.reason),
                hint: "remove it from the page; its journey file records that it may not be shown"
                    .into(),
            },
        );
        if let Err(e) = images.purge(&w.file) {
            problems.push(
                Diagnostic::error(
                    crate::images::cache::CACHE_DIR,
                    format!("cannot delete the cached sizes of a withheld photo: {e}"),
                )
                .hint("run `passage build --clean-cache`"),
            );
        }
    }
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

    // What does not depend on the content, kept for the next preparation after a save.
    let base_problems = problems.clone();
    // Only a preview prepares again after saves; a build need not keep the pages twice.
    let loaded = if opts.preview {
        pages.clone()
    } else {
        Vec::new()
    };
    problems.extend(content_problems);
    let asset_paths = assets.files.iter().map(|a| format!("/{}", a.output));
    let mut site = resolve(
        config,
        pages,
        opts.drafts,
        asset_paths,
        images.clone(),
        exhibit.journeys,
        &mut problems,
    );
    site.prepare_images(root, opts.progress, None, &mut problems);
    let rendered = site.render_markdown(None, &mut problems);
    let Some(templates) = templates else {
        return Err(fail(problems.sorted()));
    };
    if problems.has_errors() {
        return Err(fail(problems.sorted()));
    }

    let summaries = site.summaries(&rendered, None);
    Ok(Prepared {
        site,
        templates: Arc::new(templates),
        rendered,
        summaries,
        assets: Arc::new(assets),
        images,
        problems,
        base_problems,
        pages: loaded,
        lazy: Lazy::default(),
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
}
