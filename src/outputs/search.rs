//! The search: a page per language (`/<lang>/search/`) with its place in the menu, and the
//! index Pagefind makes of what every output offers the readers of that language.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use crate::cache::Cache;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::resolve::Site;
use crate::search::{BUNDLE_DIR, BundleFile, SearchRecord};
use crate::urls::page_path;

use super::{Alternate, Body, MenuEntry, Mode, Output, Planned, Renderer};

/// The content key of the search pages, for `@/search` links and `aria-current`.
pub const SEARCH_KEY: &str = "search";
/// Last in the menu, after every page and the exhibit.
const MENU_WEIGHT: i64 = 1_000_000;

/// The theme's template of the search page.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// The search pages and the index, made once per preparation of the site.
pub struct Search {
    /// Whether the theme has [`SEARCH_TEMPLATE`]; without it the site is built without search.
    theme_has_page: bool,
    /// Where indexes of earlier builds are kept (none when checking, which indexes nothing).
    cache: Option<Cache>,
    bundle: OnceLock<Result<Arc<Bundle>, Diagnostic>>,
}

/// The index's files, and the languages that have something in it.
struct Bundle {
    files: Vec<BundleFile>,
    languages: BTreeSet<String>,
}

enum File {
    Page(String),
    Bundle(usize),
}

impl Search {
    /// The search of a theme with a search page, or (`false`) of one without; `cache` keeps
    /// each language's index for the next build.
    pub fn new(theme_has_page: bool, cache: Option<Cache>) -> Self {
        Self {
            theme_has_page,
            cache,
            bundle: OnceLock::new(),
        }
    }

    /// Whether readers of `lang` get a search page: the one rule for the pages, the index,
    /// the menu and the language switcher.
    fn searches(&self, site: &Site, lang: &str) -> bool {
        self.theme_has_page && site.config.search.in_language(lang)
    }

    /// The languages whose readers get a search page.
    fn searched(&self, site: &Site) -> Vec<String> {
        site.config
            .languages
            .iter()
            .filter(|l| self.searches(site, &l.code))
            .map(|l| l.code.clone())
            .collect()
    }

    /// The index of every language, made on first use.
    fn bundle(&self, cx: &Renderer) -> Result<Arc<Bundle>, Diagnostic> {
        self.bundle
            .get_or_init(|| {
                let records = self.records(cx);
                let languages = records.iter().map(|r| r.lang.clone()).collect();
                let html = |i: usize| cx.site.html(i).to_string();
                let files = crate::search::index(&records, self.cache.as_ref(), &html);
                files.map(|files| Arc::new(Bundle { files, languages })).map_err(|e| {
                    Diagnostic::error(BUNDLE_DIR, format!("cannot make the search index: {e}"))
                        .hint("please report this as a bug of passage; [search] enabled = false in site.toml builds the site without search meanwhile")
                })
            })
            .clone()
    }

    /// Every record of every language with search, in output and language order.
    fn records(&self, cx: &Renderer) -> Vec<SearchRecord> {
        let languages = self.searched(cx.site);
        cx.outputs
            .iter()
            .flat_map(|o| languages.iter().flat_map(|l| o.search_records(cx, l)))
            .collect()
    }
}

impl Output for Search {
    fn name(&self) -> &'static str {
        "the search"
    }

    /// A theme made before search (no search page) builds without it, and says so.
    fn prepare(&self, site: &Site, problems: &mut Diagnostics) {
        if !self.theme_has_page && site.config.search.enabled {
            problems.push(
                Diagnostic::warning(
                    format!("themes/{}/templates/{SEARCH_TEMPLATE}", site.config.theme.name),
                    "the theme has no search page, so the site is built without search",
                )
                .hint("copy templates/search.html and static/search.js from passage's default theme into this theme, or set [search] enabled = false in site.toml"),
            );
        }
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        self.searched(site)
            .into_iter()
            .map(|lang| {
                Planned::new(
                    page_path(&lang, SEARCH_KEY) + "index.html",
                    File::Page(lang.clone()),
                )
                .linked(SEARCH_KEY, lang)
            })
            .collect()
    }

    /// The index files are named after their content, so they are known once it is made;
    /// `check` makes none.
    fn plan_after_render(&self, cx: &Renderer) -> Vec<Planned> {
        if cx.mode == Mode::Check || self.searched(cx.site).is_empty() {
            return Vec::new();
        }
        let Ok(bundle) = self.bundle(cx) else {
            return Vec::new(); // the search pages report why
        };
        bundle
            .files
            .iter()
            .enumerate()
            .map(|(i, (name, _))| Planned::new(format!("/{BUNDLE_DIR}/{name}"), File::Bundle(i)))
            .collect()
    }

    fn may_plan_after_render(&self, file: &str) -> bool {
        file.starts_with(&format!("/{BUNDLE_DIR}/"))
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        match file.item::<File>()? {
            File::Page(lang) => {
                // Pagefind answers a language without an index from another one's: such a
                // page says there is nothing to search yet instead.
                let indexed = match cx.mode {
                    Mode::Check => true,
                    _ => self.bundle(cx)?.languages.contains(lang),
                };
                self.page(cx, lang, file.path(), indexed)
            }
            File::Bundle(i) => {
                let bundle = self.bundle(cx)?;
                let (_, bytes) = bundle.files.get(*i).ok_or_else(|| {
                    Diagnostic::error(BUNDLE_DIR, "internal error: the search index changed")
                })?;
                Ok(Body::Bytes(bytes.clone()))
            }
        }
    }

    fn menu_entry(&self, cx: &Renderer, lang: &str) -> Option<MenuEntry> {
        self.searches(cx.site, lang).then(|| MenuEntry {
            weight: MENU_WEIGHT,
            key: SEARCH_KEY.into(),
            title: cx.templates.message(lang, "search-title"),
            url: cx.site.href(&page_path(lang, SEARCH_KEY)),
        })
    }
}

impl Search {
    /// The search page of `lang`: the form, the results' place, and where to look without
    /// JavaScript.
    fn page(
        &self,
        cx: &Renderer,
        lang: &str,
        path: &str,
        indexed: bool,
    ) -> Result<Body, Diagnostic> {
        let site = cx.site;
        let mut ctx = cx.context(lang);
        ctx.insert("indexed", &indexed);
        ctx.insert("current_key", SEARCH_KEY);
        // A language without search links to its home page instead.
        let others = cx.all_langs(&|l| {
            page_path(
                l,
                if self.searches(site, l) {
                    SEARCH_KEY
                } else {
                    ""
                },
            )
        });
        cx.links(&mut ctx, lang, path, path, &others);
        ctx.insert("alternates", &Vec::<Alternate>::new());
        ctx.insert(
            "pagefind_url",
            &site.href(&format!("/{BUNDLE_DIR}/pagefind.js")),
        );
        // Without JavaScript: the first section's list (the stories) and the tags, where they exist.
        let section = site
            .sections
            .keys()
            .find(|(_, l)| l == lang)
            .map(|(s, _)| s);
        ctx.insert(
            "stories_url",
            &section.map(|s| site.href(&page_path(lang, s))),
        );
        let tags = site.tags.get(lang).is_some_and(|t| !t.is_empty());
        ctx.insert(
            "tags_url",
            &tags.then(|| site.href(&page_path(lang, "tags"))),
        );
        cx.page(SEARCH_TEMPLATE, &ctx, path)
    }
}
