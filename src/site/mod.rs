//! The build: load → resolve → render → write, reporting every problem at once.
//!
//! [`prepare`] loads the site (content, journeys, UI strings, theme), resolves which page is
//! published in which language, processes the photos, asks every output for the files it will
//! make and renders the Markdown. [`build`] then makes every planned file and writes it, or in
//! [`Mode::Check`] only renders it; `serve` asks a [`Prepared`] site for one file at a time.

pub mod lock;
mod registry;
mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::assets::Assets;
use crate::cache::{Cache, Saving};
use crate::config::{Format, SiteConfig};
use crate::content::record::Record;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::exhibit::Journey;
use crate::i18n::I18n;
use crate::images::{ImageStats, Images};
use crate::last_pages::LastPages;
use crate::markdown::stored::Stored;
use crate::media::Media;
use crate::outputs::{Output, Plan, Renderer, SEARCH_TEMPLATE, Search};
use crate::render::Templates;
use crate::resolve::{Reuse, Site, resolve};
use crate::staging::{Staging, check_target};

pub use crate::outputs::{Body as Resource, Mode};

/// What `passage build`, `check` or `serve` was asked to do.
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
    /// Build, serve or check.
    pub mode: Mode,
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
    /// Where the site was written (nowhere in check mode).
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

/// Builds the site described by `opts`; the previous output is replaced only on success. In
/// [`Mode::Check`], every file is rendered and nothing is written.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let root = opts.root.as_path();
    let output = output_dir(opts);
    let checking = opts.mode == Mode::Check;
    if !checking {
        check_target(root, &output).map_err(|d| failure(vec![d]))?;
    }
    // Held until the new output is in place; check writes nothing and needs none.
    let _lock = match checking {
        true => None,
        false => Some(lock::acquire(root).map_err(|d| failure(vec![d]))?),
    };
    let prepared = prepare(opts)?;
    let mut problems = prepared.problems.clone();
    let staging = if checking {
        None
    } else {
        Some(Staging::new(&output).map_err(|e| {
            failure(vec![
                Diagnostic::error(&output, format!("cannot create the output folder: {e}"))
                    .hint("check that the folder is writable"),
            ])
        })?)
    };
    let outcome = write::make_all(&prepared, staging.as_ref(), opts.progress);
    prepared.saving.finish();
    problems.extend(outcome.problems);
    for p in prepared.site.images.cache_problems() {
        problems.push(
            Diagnostic::warning(image_cache(), p)
                .hint("free some disk space, or check that the folder is writable"),
        );
    }
    if problems.has_errors() {
        return Err(failure(problems.sorted()));
    }
    if let Some(staging) = staging {
        staging.commit().map_err(|e| {
            failure(vec![
                Diagnostic::error(&output, format!("cannot replace the output folder: {e}"))
                    .hint("close programs that use files in it and build again"),
            ])
        })?;
        prepared.last.save(&output);
    }
    let report = report(
        &prepared,
        (&outcome.pages, outcome.files),
        output,
        problems,
        started,
    );
    // Freeing a big site's memory takes a tenth of a second that nobody needs to wait for: a
    // command exits without waiting for it, a program that goes on gets it back soon after.
    std::thread::spawn(move || drop(prepared));
    Ok(report)
}

/// What a successful build made.
fn report(
    prepared: &Prepared,
    (pages, files): (&BTreeMap<String, usize>, usize),
    output: PathBuf,
    problems: Diagnostics,
    started: Instant,
) -> BuildReport {
    let languages = &prepared.site.config.languages;
    BuildReport {
        pages: languages
            .iter()
            .map(|l| (l.code.clone(), pages.get(&l.code).copied().unwrap_or(0)))
            .collect(),
        root_pages: pages.get("").copied().unwrap_or(0),
        files,
        output,
        warnings: problems.sorted(),
        elapsed: started.elapsed(),
        images: prepared.site.images.stats(),
    }
}

/// Where the site is written: `--output`, or `public/` in the site.
fn output_dir(opts: &BuildOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

/// Every problem, sorted by file, as a failed build.
fn failure(problems: Vec<Diagnostic>) -> BuildFailure {
    let mut d = Diagnostics::default();
    d.extend(problems);
    BuildFailure {
        problems: d.sorted(),
    }
}

/// A site loaded, resolved, with its Markdown rendered and every output file planned, ready to
/// be made whole (`build`, `check`) or file by file on demand (`serve`).
pub struct Prepared {
    site: Site,
    templates: Arc<Templates>,
    outputs: Vec<Box<dyn Output>>,
    plan: Plan,
    mode: Mode,
    assets: Arc<Assets>,
    journeys: Arc<Vec<Journey>>,
    /// Warnings found so far (errors stop `prepare`).
    problems: Diagnostics,
    /// The warnings that do not come from the content (UI strings, theme, photos).
    base_problems: Diagnostics,
    /// The warnings found deciding what is published where (covers, tags, settings' links).
    resolved_problems: Vec<Diagnostic>,
    /// Every page read, drafts too, for the next preparation after a save.
    pages: crate::content::Pages,
    /// The chrome of every language, made on first use.
    chrome: OnceLock<BTreeMap<String, crate::outputs::Vars>>,
    /// The digests of the summaries, made on first use.
    known: OnceLock<crate::outputs::Known>,
    /// The last build's pages, kept where made from the same inputs.
    last: LastPages,
    /// The caches this preparation is writing.
    saving: Saving,
}

impl Prepared {
    fn renderer(&self) -> Renderer<'_> {
        Renderer {
            site: &self.site,
            templates: &self.templates,
            outputs: &self.outputs,
            mode: self.mode,
            chrome: &self.chrome,
            last: &self.last,
            known: &self.known,
        }
    }

    /// The problems that did not stop the site from being prepared, sorted by file.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.problems.clone().sorted()
    }

    /// `style.css` → `/style.1a2b3c4d5e.css`: the published address of each static file.
    pub fn asset_urls(&self) -> &BTreeMap<String, String> {
        &self.assets.urls
    }

    /// Whether a file is published at `path` (`/en/about/index.html`), without making it.
    pub fn has_page(&self, path: &str) -> bool {
        self.plan.get(path).is_some()
    }

    /// The file published at `path` (`/ka/about/index.html`, `/style.1a2b.css`, decoded, without
    /// the base path), made only when it is asked for. `None` if nothing is there.
    pub fn resource(&self, path: &str) -> Option<Result<Resource, Diagnostic>> {
        if let Some((o, file)) = self.plan.get(path) {
            return Some(self.outputs[*o].render(&self.renderer(), file));
        }
        // A photo a template laid out itself is known once a page using it was rendered.
        let (o, file) = self.plan.after_render_at(&self.renderer(), path)?;
        Some(self.outputs[o].render(&self.renderer(), &file))
    }
}

/// Loads, checks and resolves the whole site and renders its Markdown, reporting every
/// problem at once; nothing is written.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildFailure> {
    let root = opts.root.as_path();
    let config = load_config(opts).map_err(failure)?;
    let saving = Saving::default();
    let mut problems = Diagnostics::default();
    let images = Arc::new(new_images(opts, &config, &mut problems));
    let theme_dir = root
        .join(crate::render::THEMES_DIR)
        .join(&config.theme.name);
    let base_path = crate::urls::base_path(&config.base_url);
    let (
        (
            ((pages, content_problems), (exhibit, exhibit_problems)),
            ((i18n, i18n_problems), (assets, asset_problems)),
        ),
        (stored, last),
    ) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || load_content(root, &config, opts.mode, &saving),
                        || crate::exhibit::load(root, &config),
                    )
                },
                || {
                    rayon::join(
                        || I18n::load(root, &config),
                        || crate::assets::load(root, &theme_dir, &base_path, &config.theme.css()),
                    )
                },
            )
        },
        || open_caches(opts, &theme_dir),
    );
    problems.extend(exhibit_problems);
    let media = Arc::new(new_media(opts, &config));
    withhold(
        (&images, &media),
        &exhibit.withheld,
        opts.mode,
        &mut problems,
    );
    problems.extend(i18n_problems);
    problems.extend(asset_problems);
    let assets = Arc::new(assets);
    let i18n = Arc::new(i18n);
    let templates = Templates::load(
        root,
        &config.theme.name,
        i18n.clone(),
        Arc::new(assets.urls.clone()),
        images.clone(),
    )
    .map_err(|ds| problems.extend(ds))
    .ok();
    // What does not depend on the content, kept for the next preparation after a save.
    let base_problems = problems.clone();
    // Only serve prepares again after saves; a build need not keep the pages twice.
    let loaded = if opts.mode == Mode::Serve {
        pages.clone()
    } else {
        Vec::new()
    };
    problems.extend(content_problems);
    let journeys = Arc::new(exhibit.journeys);
    let stage = Stage {
        opts,
        outputs: registry::outputs(
            assets.clone(),
            journeys.clone(),
            search(
                opts,
                templates.as_ref().is_none_or(|t| t.has(SEARCH_TEMPLATE)),
            ),
        ),
        reuse: None,
        saving: &saving,
    };
    let (site, resolved_problems) =
        resolve_apart(config, pages, opts.drafts, (images, media, i18n));
    problems.extend(resolved_problems.clone());
    let (site, plan) = stage.run(site, stored, &mut problems);
    let Some(templates) = templates else {
        return Err(failure(problems.sorted()));
    };
    if problems.has_errors() {
        return Err(failure(problems.sorted()));
    }
    Ok(Prepared {
        site,
        templates: Arc::new(templates),
        outputs: stage.outputs,
        plan,
        mode: opts.mode,
        assets,
        journeys,
        problems,
        base_problems,
        resolved_problems,
        pages: loaded,
        chrome: OnceLock::new(),
        known: OnceLock::new(),
        last,
        saving,
    })
}

/// What the last build left to reuse, read while the site is: the text store (none for
/// check) and the pages (only a build keeps them).
fn open_caches(opts: &BuildOptions, theme_dir: &std::path::Path) -> (Stored, LastPages) {
    let root = opts.root.as_path();
    rayon::join(
        || Stored::new(root, opts.mode != Mode::Check),
        || match opts.mode {
            Mode::Build => {
                let options = format!("{:?} {}", opts.base_url, opts.drafts);
                let inputs = crate::last_pages::site_inputs(root, theme_dir, &options);
                LastPages::load(root, &output_dir(opts), inputs)
            }
            _ => LastPages::default(),
        },
    )
}

/// The content's pages, read where the record of the last build does not know them as they
/// are; check writes no record.
fn load_content(
    root: &std::path::Path,
    config: &SiteConfig,
    mode: Mode,
    saving: &Saving,
) -> (crate::content::Pages, Vec<Diagnostic>) {
    let (pages, problems, record) =
        crate::content::load_opening(root, config, || Record::open(root, mode != Mode::Check));
    saving.spawn(move || record.save());
    (pages, problems)
}

/// The site resolved, and the problems found resolving it apart: a save that changes only
/// texts keeps both.
fn resolve_apart(
    config: SiteConfig,
    pages: crate::content::Pages,
    drafts: bool,
    services: (Arc<Images>, Arc<Media>, Arc<I18n>),
) -> (Site, Vec<Diagnostic>) {
    let mut resolved = Diagnostics::default();
    let site = resolve(config, pages, drafts, services, &mut resolved);
    (site, resolved.sorted())
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
    // Only serve keeps its pages for the next time.
    if !content_only || opts.mode != Mode::Serve || previous.pages.is_empty() {
        return prepare(opts);
    }
    let root = opts.root.as_path();
    let changed_set: foldhash::HashSet<PathBuf> = changed.iter().cloned().collect();
    let config = previous.site.config.clone();
    let (pages, content_problems) =
        crate::content::load_changed(root, &config, &previous.pages, changed);
    let loaded = pages.clone();
    let mut problems = previous.base_problems.clone();
    problems.extend(content_problems);
    let mut reuse = Reuse::new(&previous.site, &changed_set);
    let saving = Saving::default();
    // A new media service each time: a caption file saved beside a clip is read again.
    let media = Arc::new(new_media(opts, &config));
    // A save that changed only texts keeps what was worked out of the pages' front matter.
    let (site, resolved_problems) = match reuse.texts_only(&pages, media.clone()) {
        Some(site) => (site, previous.resolved_problems.clone()),
        None => {
            let services = (
                previous.site.images.clone(),
                media,
                previous.site.strings.clone(),
            );
            let resolved = resolve_apart(config, pages, opts.drafts, services);
            reuse.compare(&resolved.0);
            resolved
        }
    };
    problems.extend(resolved_problems.clone());
    let stage = Stage {
        opts,
        outputs: registry::outputs(
            previous.assets.clone(),
            previous.journeys.clone(),
            search(opts, previous.templates.has(SEARCH_TEMPLATE)),
        ),
        reuse: Some(&reuse),
        saving: &saving,
    };
    let (site, plan) = stage.run(site, Stored::off(root), &mut problems);
    if problems.has_errors() {
        return Err(failure(problems.sorted()));
    }
    Ok(Prepared {
        site,
        templates: previous.templates.clone(),
        outputs: stage.outputs,
        plan,
        mode: opts.mode,
        assets: previous.assets.clone(),
        journeys: previous.journeys.clone(),
        problems,
        base_problems: previous.base_problems.clone(),
        resolved_problems,
        pages: loaded,
        chrome: OnceLock::new(),
        known: OnceLock::new(),
        last: LastPages::default(),
        saving,
    })
}

/// From a resolved site to one ready to render: photos, the outputs' own preparation, the
/// paths links may lead to, Markdown, summaries and the final plan.
struct Stage<'a> {
    opts: &'a BuildOptions,
    outputs: Vec<Box<dyn Output>>,
    reuse: Option<&'a Reuse<'a>>,
    saving: &'a Saving,
}

impl Stage<'_> {
    /// `stored`: the texts of the last build, or [`Stored::off`] when they are kept in memory.
    fn run(&self, mut site: Site, stored: Stored, problems: &mut Diagnostics) -> (Site, Plan) {
        let progress = self.opts.progress && self.reuse.is_none();
        site.prepare_images(&self.opts.root, progress, (self.reuse, &stored), problems);
        for output in &self.outputs {
            output.prepare(&site, problems);
        }
        // Links are checked against every file the outputs will make.
        let mut ignored = Diagnostics::default();
        let early = Plan::new(&self.outputs, &site, &mut ignored);
        site.paths = early.paths().collect();
        site.links = early.links().collect();
        site.rendered = site.render_markdown(self.reuse, &stored, problems);
        // Texts taken from the last preparation (serve) are not in the store's list: it is
        // saved only when every text went through it.
        if self.reuse.is_none() {
            self.saving.spawn(move || stored.save());
        }
        (site.summaries, site.summary_digests) = site.summaries(self.reuse);
        let plan = Plan::new(&self.outputs, &site, problems);
        (site, plan)
    }
}

/// `site.toml`, with `--base-url` applied and, for serve, the slow AVIF left out.
fn load_config(opts: &BuildOptions) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut config = SiteConfig::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
        if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
            return Err(vec![
                Diagnostic::error("--base-url", format!("`{url}` is not an http(s) address"))
                    .hint("pass the full address, e.g. --base-url https://preview.example.org"),
            ]);
        }
    }
    if opts.mode == Mode::Serve {
        // AVIF takes seconds per photo; a preview shows the same photos in WebP and JPEG.
        config.images.formats.retain(|f| *f != Format::Avif);
    }
    Ok(config)
}

/// The search of this build, `theme_has_page` or not (themes copied before search had none);
/// check makes no index, so it keeps none.
fn search(opts: &BuildOptions, theme_has_page: bool) -> Search {
    let cache = (opts.mode != Mode::Check)
        .then(|| Cache::new(&opts.root, crate::search::cache::CACHE_KIND));
    Search::new(theme_has_page, cache)
}

/// The image cache's folder, for messages.
fn image_cache() -> String {
    format!("{}/{}", crate::cache::CACHE_DIR, crate::images::CACHE_KIND)
}

/// The photo service of this build: it never encodes in check mode.
fn new_images(opts: &BuildOptions, config: &SiteConfig, problems: &mut Diagnostics) -> Images {
    let root = opts.root.as_path();
    if opts.clean_cache
        && opts.mode != Mode::Check
        && let Err(e) = crate::cache::clear_all(root)
    {
        problems.push(
            Diagnostic::error(
                crate::cache::CACHE_DIR,
                format!("cannot empty the cache: {e}"),
            )
            .hint("delete the folder by hand and build again"),
        );
    }
    let base_path = crate::urls::base_path(&config.base_url);
    let images = Images::new(root, config.images.clone(), &base_path);
    if opts.mode == Mode::Check {
        images.without_encoding()
    } else {
        images
    }
}

/// The video and audio service of this build: it never writes in check mode.
fn new_media(opts: &BuildOptions, config: &SiteConfig) -> Media {
    let languages = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.name.clone()))
        .collect();
    let base_path = crate::urls::base_path(&config.base_url);
    let media = Media::new(&opts.root, config.media.clone(), &base_path, languages);
    if opts.mode == Mode::Check {
        media.without_writing()
    } else {
        media
    }
}

/// Photos and clips without consent: refused wherever they are used and, when building, their
/// cached copies deleted, so nothing of them stays in the output or in this machine's cache.
fn withhold(
    (images, media): (&Images, &Media),
    withheld: &[crate::exhibit::Withheld],
    mode: Mode,
    problems: &mut Diagnostics,
) {
    let hint = "remove it from the page; its journey file records that it may not be shown";
    for w in withheld {
        let message = format!("this must not be published: {}", w.reason);
        let clip = crate::media::is_media_path(&w.file.to_string_lossy());
        // A clip's poster shows what the clip shows.
        let photo = if clip {
            crate::media::poster_beside(&w.file)
        } else {
            Some(w.file.clone())
        };
        if clip {
            media.forbid(&w.file, crate::media::Problem::new(message.clone(), hint));
        }
        if let Some(photo) = &photo {
            images.forbid(
                photo,
                crate::images::ImageProblem {
                    message: message.clone(),
                    hint: hint.into(),
                },
            );
        }
        if mode == Mode::Check {
            continue; // check writes (and deletes) nothing; the next build purges.
        }
        let purged = photo
            .iter()
            .map(|p| images.purge(p))
            .chain(clip.then(|| media.purge(&w.file)));
        for result in purged {
            if let Err(e) = result {
                problems.push(
                    Diagnostic::error(
                        image_cache(),
                        format!("cannot delete the cached copies of a withheld photo or clip: {e}"),
                    )
                    .hint("run `passage build --clean-cache`"),
                );
            }
        }
    }
}
