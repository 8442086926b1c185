//! Every file the site publishes comes from one [`Output`]: story and page HTML, lists and
//! tags, the language chooser and 404s, feeds, the sitemap, theme files, files beside pages and
//! photo renditions, and the outputs features keep in their own folders. Each declares the files it will make from the resolved
//! site before anything is rendered ([`Output::plan`]) and makes one of them on demand
//! ([`Output::render`]): `build` writes them all, `check` renders them all in memory, `serve`
//! renders the one a browser asks for. All three go through the same [`Plan`].
//!
//! To add an output: write a file here (or in the feature's own folder) with a type that
//! implements [`Output`], and add it to the list in `site::registry`.

mod assets;
mod context;
mod feeds;
mod files;
mod headers;
mod lists;
mod media;
mod pages;
mod photos;
mod search;
mod share;
mod sitemap;
mod special;
mod vars;

use std::any::Any;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::{FeedItem, SitemapUrl};
use crate::resolve::Site;
use crate::search::SearchRecord;

pub use assets::ThemeFiles;
pub use context::{Alternate, Renderer};
pub use feeds::Feeds;
pub use files::PageFiles;
pub use headers::Headers;
pub use lists::Lists;
pub use media::MediaFiles;
pub use pages::Pages;
pub use photos::Photos;
pub use search::{SEARCH_TEMPLATE, Search};
pub use sitemap::Sitemap;
pub use special::Special;
pub use vars::{Known, Vars, write_opt, write_str};

/// What the build is for; outputs that would do needless work for a mode ask it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// `passage build`: everything, written to the output folder.
    #[default]
    Build,
    /// `passage serve`: pages rendered when asked for; photos without the slow AVIF.
    Serve,
    /// `passage check`: every check and every page rendered in memory; photos decoded to check
    /// them but never encoded, and nothing written anywhere.
    Check,
}

/// One file as an output made it.
pub enum Body {
    /// An HTML page (counted per language; `serve` adds live reload to it).
    Page(Vec<u8>),
    /// Any other file made in memory (feed, CSS, a PDF beside a page…).
    Bytes(Vec<u8>),
    /// A file that exists already (an encoded photo in the cache), published as it is.
    File(PathBuf),
    /// An HTML page that is the live output's file: the last build made it from the same
    /// inputs, so it is published as it is, without being read.
    Kept(PathBuf),
}

/// One file an output will make, with what the output needs to make it.
pub struct Planned {
    /// The output file: `/en/about/index.html`, `/sitemap.xml`.
    pub file: String,
    /// The content key and language whose `@/` links lead here (a key the output declares,
    /// and `ka`), for files that are not content pages.
    pub link: Option<(String, String)>,
    item: Box<dyn Any + Send + Sync>,
}

impl Planned {
    /// The file `file`, made from `item` (the output's own description of it).
    pub fn new(file: impl Into<String>, item: impl Any + Send + Sync) -> Self {
        Self {
            file: file.into(),
            link: None,
            item: Box::new(item),
        }
    }

    /// The same file, reached by `@/key` links from pages in `lang`.
    pub fn linked(mut self, key: impl Into<String>, lang: impl Into<String>) -> Self {
        self.link = Some((key.into(), lang.into()));
        self
    }

    /// The item an output planned, as its own type; an error (never a panic) if another
    /// output's item was handed to it.
    pub fn item<T: Any>(&self) -> Result<&T, Diagnostic> {
        self.item.downcast_ref().ok_or_else(|| {
            Diagnostic::error(
                self.file.trim_start_matches('/'),
                "internal error: a file was handed to the wrong output",
            )
            .hint("please report this as a bug of passage")
        })
    }

    /// The site path links use: `/en/about/` for `/en/about/index.html`.
    pub fn path(&self) -> &str {
        self.file.strip_suffix("index.html").unwrap_or(&self.file)
    }
}

/// An entry an output adds to the main menu, placed among the pages by weight and key.
pub struct MenuEntry {
    /// Where it sits among the pages' `weight`s.
    pub weight: i64,
    /// Its content key (for `aria-current`).
    pub key: String,
    /// The label, in the reader's language.
    pub title: String,
    /// The link.
    pub url: String,
}

/// One kind of file the site publishes.
pub trait Output: Send + Sync {
    /// Short name, for messages and the architecture page.
    fn name(&self) -> &'static str;

    /// Checks and work the output needs before any page is rendered (its photos, say).
    fn prepare(&self, _site: &Site, _problems: &mut Diagnostics) {}

    /// Every file this output will make, from the resolved site.
    fn plan(&self, site: &Site) -> Vec<Planned>;

    /// Makes one planned file.
    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic>;

    /// Files known only once the pages are rendered (photos a template lays out itself with
    /// `image()`, the search index whose names hash its content); those already planned are
    /// left out by the caller.
    fn plan_after_render(&self, _cx: &Renderer) -> Vec<Planned> {
        Vec::new()
    }

    /// Whether `file` can be one of [`Output::plan_after_render`]'s, so that the dev server,
    /// asked for a file nobody planned, makes only the late files that could answer (and not
    /// the search index for a missing `favicon.ico`).
    fn may_plan_after_render(&self, _file: &str) -> bool {
        true
    }

    /// Its entry in the main menu of `lang`, if it has one.
    fn menu_entry(&self, _cx: &Renderer, _lang: &str) -> Option<MenuEntry> {
        None
    }

    /// What it shows on the home page of `lang`, as `features.<name>` in `home.html` (the
    /// exhibit's journeys, say), so the home page leads to every part of the campaign.
    fn home_feature(
        &self,
        _cx: &Renderer,
        _lang: &str,
    ) -> Option<(&'static str, serde_json::Value)> {
        None
    }

    /// What it adds to the Atom feed of `lang`.
    fn feed_items(&self, _cx: &Renderer, _lang: &str) -> Vec<FeedItem> {
        Vec::new()
    }

    /// What it adds to the sitemap.
    fn sitemap(&self, _cx: &Renderer) -> Vec<SitemapUrl> {
        Vec::new()
    }

    /// What readers of `lang` can find of it with the search (only text in `lang` itself).
    fn search_records(&self, _cx: &Renderer, _lang: &str) -> Vec<SearchRecord> {
        Vec::new()
    }
}

/// Every file of the site, in output order, and which output makes it.
#[derive(Default)]
pub struct Plan {
    /// `(output index, planned file)`.
    pub files: Vec<(usize, Planned)>,
    index: HashMap<String, usize>,
}

impl Plan {
    /// Asks every output for its files; a file claimed twice is an error.
    pub fn new(outputs: &[Box<dyn Output>], site: &Site, problems: &mut Diagnostics) -> Self {
        let mut plan = Plan::default();
        for (o, output) in outputs.iter().enumerate() {
            for file in output.plan(site) {
                if let Some(&other) = plan.index.get(&file.file) {
                    let first = outputs[plan.files[other].0].name();
                    problems.push(
                        Diagnostic::error(
                            file.file.trim_start_matches('/'),
                            format!(
                                "two parts of the site make this file: {first} and {}",
                                output.name()
                            ),
                        )
                        .hint("rename the page or folder that takes this address"),
                    );
                    continue;
                }
                plan.index.insert(file.file.clone(), plan.files.len());
                plan.files.push((o, file));
            }
        }
        plan
    }

    /// The planned file at `file` (`/en/about/index.html`), if any.
    pub fn get(&self, file: &str) -> Option<&(usize, Planned)> {
        self.index.get(file).map(|&i| &self.files[i])
    }

    /// Whether `file` is planned.
    pub fn contains(&self, file: &str) -> bool {
        self.index.contains_key(file)
    }

    /// The files outputs learnt of while pages were rendered, not planned before.
    pub fn after_render(&self, cx: &Renderer) -> Vec<(usize, Planned)> {
        self.after_render_of(cx, |_| true)
    }

    /// The late file at `file`, if an output makes one, asking only the outputs that may.
    pub fn after_render_at(&self, cx: &Renderer, file: &str) -> Option<(usize, Planned)> {
        self.after_render_of(cx, |o| o.may_plan_after_render(file))
            .into_iter()
            .find(|(_, f)| f.file == file)
    }

    fn after_render_of(
        &self,
        cx: &Renderer,
        asked: impl Fn(&dyn Output) -> bool,
    ) -> Vec<(usize, Planned)> {
        cx.outputs
            .iter()
            .enumerate()
            .filter(|(_, output)| asked(output.as_ref()))
            .flat_map(|(o, output)| {
                output
                    .plan_after_render(cx)
                    .into_iter()
                    .map(move |f| (o, f))
            })
            .filter(|(_, f)| !self.contains(&f.file))
            .collect()
    }

    /// The site paths of every file, as link checks see them.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        self.files.iter().map(|(_, f)| f.path().to_string())
    }

    /// `(key, lang)` → site path of every file that `@/` links may lead to.
    pub fn links(&self) -> impl Iterator<Item = ((String, String), String)> + '_ {
        self.files
            .iter()
            .filter_map(|(_, f)| f.link.clone().map(|k| (k, f.path().to_string())))
    }
}
