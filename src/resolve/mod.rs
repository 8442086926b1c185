//! Resolve: which page is published in which language (translation, fallback or left out),
//! the lists, tags and menus, made before any HTML. Then [`Site::prepare_images`],
//! [`Site::render_markdown`] and [`Site::summaries`] fill in what the outputs show.

mod campaign;
mod prepare;
mod reuse;
mod summary;

use std::collections::{BTreeMap, HashSet};

/// The site's lookup tables, asked thousands of times per preparation.
pub type FastMap<K, V> = foldhash::HashMap<K, V>;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Value;

use crate::config::{Direction, MissingTranslation, SiteConfig};
use crate::content::{PageKind, Pages, SourcePage};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Arg, I18n};
use crate::images::{ImageInfo, Images};
use crate::markdown::{LinkTargets, Rendered};
use crate::media::{Media, MediaInfo, Words};
use crate::slug::slugify;
use crate::urls::{Urls, page_path};

pub use reuse::Reuse;
pub use summary::{Cover, ShareImage, Summary, TagLink};

/// A page published in one language.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The content key shared by all languages (`stories/x`, empty for home).
    pub key: String,
    /// Language of the readers (the URL folder).
    pub lang: String,
    /// The translation shown; in another language when `fallback`.
    pub source: usize,
    /// Whether the text is another language's, shown because this one has none.
    pub fallback: bool,
    /// Site path without base path, e.g. `/ka/stories/x/`.
    pub path: String,
}

/// The stories of one tag in one language, newest first.
#[derive(Debug, Default, Clone)]
pub struct TagGroup {
    /// The tag as its stories write it.
    pub name: String,
    /// Indices into [`Site::entries`].
    pub entries: Vec<usize>,
}

/// Everything known about the site once it has been resolved.
pub struct Site {
    /// The settings.
    pub config: SiteConfig,
    /// How every link and absolute URL is made.
    pub urls: Urls,
    /// Every published translation file, sorted by key, language and file.
    pub sources: Pages,
    /// Every page in every language it is published in.
    pub entries: Vec<Entry>,
    /// `(key, lang)` → index into `entries`.
    pub by_key: FastMap<(String, String), usize>,
    /// Section name → sorted entries, per language.
    pub sections: BTreeMap<(String, String), Vec<usize>>,
    /// Dated section entries of a language, newest first.
    pub latest: BTreeMap<String, Vec<usize>>,
    /// Per language, tag slug → its stories.
    pub tags: BTreeMap<String, BTreeMap<String, TagGroup>>,
    /// Tag → its slug, made once for all the pages that have the tag.
    pub tag_slugs: FastMap<String, String>,
    /// Per language, the entries in the menu, by weight.
    pub menus: BTreeMap<String, Vec<usize>>,
    /// Every site path the outputs make (`/en/about/`, `/sitemap.xml`), for link checks.
    pub paths: foldhash::HashSet<String>,
    /// `@/` links into outputs that are not content pages (`exhibit/<journey>`), per language.
    pub links: FastMap<(String, String), String>,
    /// The photo service of this build.
    pub images: Arc<Images>,
    /// The video and audio service of this build.
    pub media: Arc<Media>,
    /// The UI strings, for the words text shows around a clip.
    pub strings: Arc<I18n>,
    /// Per source: the photo for link previews (cover, else the first photo in the text).
    pub share_photo: Vec<Option<PathBuf>>,
    /// Pages left out because they are drafts.
    pub draft_keys: HashSet<String>,
    /// The photos each source shows (cover first), by index into `sources`.
    pub photo_refs: Vec<Vec<PathBuf>>,
    /// The video and audio files each source shows or links to.
    pub media_refs: Vec<Vec<PathBuf>>,
    /// The Markdown of every entry, rendered (empty until [`Site::render_markdown`]).
    pub rendered: Vec<Arc<Rendered>>,
    /// Every entry as lists see it (empty until [`Site::summaries`]).
    pub summaries: Vec<Value>,
    /// A digest of each summary, made with it (none if it could not be): pages that show a
    /// summary are hashed with its digest.
    pub summary_digests: Vec<Option<[u8; 16]>>,
}

/// Decides what is published where, reporting covers, tags and duplicate files.
pub fn resolve(
    config: SiteConfig,
    pages: Pages,
    drafts: bool,
    (images, media, strings): (Arc<Images>, Arc<Media>, Arc<I18n>),
    problems: &mut Diagnostics,
) -> Site {
    // Pages left out as drafts, so links to them get a message of their own.
    let draft_keys: HashSet<String> = pages
        .iter()
        .filter(|p| !drafts && p.meta.draft)
        .map(|p| p.key.clone())
        .collect();
    let mut sources: Pages = pages
        .into_iter()
        .filter(|p| drafts || !p.meta.draft)
        .collect();
    // Files are unique, so the order is total: an unstable sort gives the same, and the
    // pages after a save in `serve`, nearly sorted already, sort in one pass.
    sources.sort_unstable_by(|a, b| (&a.key, &a.lang, &a.file).cmp(&(&b.key, &b.lang, &b.file)));
    check_covers(&sources, problems);
    check_tags(&config, &sources, problems);
    let translations = translations(&sources, problems);
    let (entries, by_key) = entries(&config, &translations);
    let urls = Urls::new(&config.base_url);
    let sources_len = sources.len();
    let mut site = Site {
        config,
        urls,
        sources,
        entries,
        by_key,
        sections: BTreeMap::new(),
        latest: BTreeMap::new(),
        tags: BTreeMap::new(),
        tag_slugs: FastMap::default(),
        menus: BTreeMap::new(),
        paths: Default::default(),
        links: Default::default(),
        share_photo: vec![None; sources_len],
        draft_keys,
        images,
        media,
        strings,
        photo_refs: Vec::new(),
        media_refs: Vec::new(),
        rendered: Vec::new(),
        summaries: Vec::new(),
        summary_digests: Vec::new(),
    };
    site.group();
    site.check_campaign(problems);
    site
}

/// A cover must be beside its page, and described for people who cannot see it.
fn check_covers(sources: &[Arc<SourcePage>], problems: &mut Diagnostics) {
    for p in sources {
        let Some(cover) = &p.meta.cover else {
            continue;
        };
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
                    .hint(
                        "add cover_alt = \"…\" describing the photo for people who cannot see it",
                    ),
            );
        }
    }
}

/// Tags outside the language's configured list: a typo would make a tag page of its own.
fn check_tags(config: &SiteConfig, sources: &[Arc<SourcePage>], problems: &mut Diagnostics) {
    for p in sources {
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
}

/// Per key, per language: the source written for it. Two files for the same page and language
/// (`about.ka.md` and `about/index.ka.md`) are an error.
fn translations(
    sources: &[Arc<SourcePage>],
    problems: &mut Diagnostics,
) -> BTreeMap<String, BTreeMap<String, usize>> {
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
    translations
}

type Entries = (Vec<Entry>, FastMap<(String, String), usize>);

/// Every page in every language: its own translation, or a fallback unless the site omits them.
fn entries(
    config: &SiteConfig,
    translations: &BTreeMap<String, BTreeMap<String, usize>>,
) -> Entries {
    let mut entries = Vec::new();
    let mut by_key = FastMap::default();
    for (key, langs) in translations {
        for lang in &config.languages {
            let (source, fallback) = match langs.get(&lang.code) {
                Some(&i) => (i, false),
                None if config.missing_translation == MissingTranslation::Omit => continue,
                None => match config.original(|code| langs.get(code)) {
                    Some(&i) => (i, true),
                    None => continue,
                },
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
    (entries, by_key)
}

impl Site {
    /// Sections, the latest stories, tags and menus of every language, each sorted once.
    fn group(&mut self) {
        // Grouped by borrowed names first, each name copied once per group, not once per page:
        // this was most of what the dev server does after a save on a big site.
        let (entries, sources) = (&self.entries, &self.sources);
        let mut sections: FastMap<(&str, &str), Vec<usize>> = FastMap::default();
        let mut latest: FastMap<&str, Vec<usize>> = FastMap::default();
        let mut menus: FastMap<&str, Vec<usize>> = FastMap::default();
        // Thousands of pages share a few tags: each is made into a slug once.
        let mut slugs: FastMap<&str, String> = FastMap::default();
        for e in entries.iter().filter(|e| !e.fallback) {
            for tag in &sources[e.source].meta.tags {
                slugs.entry(tag).or_insert_with(|| slugify(tag));
            }
        }
        let mut tags: FastMap<(&str, &str), TagGroup> = FastMap::default();
        for (i, e) in entries.iter().enumerate() {
            let src = &sources[e.source];
            match &src.kind {
                PageKind::Page {
                    section: Some(section),
                } => {
                    sections.entry((&e.lang, section)).or_default().push(i);
                    if src.meta.date.is_some() {
                        latest.entry(&e.lang).or_default().push(i);
                    }
                    if e.fallback {
                        continue;
                    }
                    for tag in &src.meta.tags {
                        let slug = slugs.get(tag.as_str()).map_or("", String::as_str);
                        let group = tags.entry((&e.lang, slug)).or_default();
                        if group.name.is_empty() {
                            group.name = tag.clone();
                        }
                        group.entries.push(i);
                    }
                }
                PageKind::Section => {
                    sections.entry((&e.lang, &e.key)).or_default();
                    if src.meta.weight.is_some() {
                        menus.entry(&e.lang).or_default().push(i);
                    }
                }
                PageKind::Page { section: None } if src.meta.weight.is_some() => {
                    menus.entry(&e.lang).or_default().push(i);
                }
                _ => {}
            }
        }
        let owned = |s: &str| s.to_string();
        self.sections = sections
            .into_iter()
            .map(|((l, s), v)| ((owned(l), owned(s)), v))
            .collect();
        self.latest = latest.into_iter().map(|(l, v)| (owned(l), v)).collect();
        self.menus = menus.into_iter().map(|(l, v)| (owned(l), v)).collect();
        let mut by_lang: BTreeMap<String, BTreeMap<String, TagGroup>> = BTreeMap::new();
        for ((lang, slug), group) in tags {
            by_lang
                .entry(owned(lang))
                .or_default()
                .insert(owned(slug), group);
        }
        self.tags = by_lang;
        self.tag_slugs = slugs.into_iter().map(|(t, s)| (owned(t), s)).collect();
        self.sort();
    }

    /// Lists newest first (then by weight, title and key); menus by weight, then key.
    fn sort(&mut self) {
        let (sources, entries) = (&self.sources, &self.entries);
        // Every entry ranked once in that order; each list is then sorted by rank. (No list holds
        // two entries the order calls equal: they would share a key and a language.) Comparing
        // dates and titles through two lookups for every list and tag was most of the sorting
        // the dev server does after each save; the keys are now laid side by side first.
        let keys: Vec<(Option<crate::date::PageDate>, Option<i64>, &str, &str)> = entries
            .iter()
            .map(|e| {
                let meta = &sources[e.source].meta;
                (meta.date, meta.weight, meta.title.as_str(), e.key.as_str())
            })
            .collect();
        let mut ranked: Vec<usize> = (0..entries.len()).collect();
        // Entries the order calls equal are never in the same list (same key, other language).
        ranked.sort_unstable_by(|a, b| {
            let (ka, kb) = (&keys[*a], &keys[*b]);
            kb.0.cmp(&ka.0)
                .then(ka.1.cmp(&kb.1))
                .then(ka.2.cmp(kb.2))
                .then(ka.3.cmp(kb.3))
        });
        let mut rank = vec![0; entries.len()];
        for (r, &i) in ranked.iter().enumerate() {
            rank[i] = r;
        }
        let by_rank = |i: &usize| rank[*i];
        for list in self.sections.values_mut().chain(self.latest.values_mut()) {
            list.sort_by_key(by_rank);
        }
        for groups in self.tags.values_mut() {
            for g in groups.values_mut() {
                g.entries.sort_by_key(by_rank);
            }
        }
        for menu in self.menus.values_mut() {
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
    }

    /// Path of a language's tag index, if any of its stories has tags.
    pub fn tags_index(&self, lang: &str) -> Option<String> {
        self.tags
            .get(lang)
            .filter(|t| !t.is_empty())
            .map(|_| format!("/{lang}/tags/"))
    }

    /// A site path as written in HTML links.
    pub fn href(&self, path: &str) -> String {
        self.urls.href(path)
    }

    /// An already-encoded site URL (with base path) made absolute.
    pub fn absolute_url(&self, url: &str) -> String {
        self.urls.absolute_url(url)
    }

    /// A site path as an absolute URL (canonical, hreflang, feeds, sitemap).
    pub fn absolute(&self, path: &str) -> String {
        self.urls.absolute(path)
    }

    /// `ltr` or `rtl`, for `dir` attributes.
    pub fn dir_name(&self, code: &str) -> &'static str {
        match self.config.language(code).map(|l| l.dir) {
            Some(Direction::Rtl) => "rtl",
            _ => "ltr",
        }
    }
}

impl LinkTargets for Site {
    fn image(&self, path: &Path) -> Option<Arc<ImageInfo>> {
        self.images.get(path).ok()
    }

    fn image_sizes(&self) -> &str {
        self.images.sizes()
    }

    fn media(&self, path: &Path) -> Option<Arc<MediaInfo>> {
        self.media.get(path).ok()
    }

    fn facade_notice(&self, lang: &str, site: &str) -> Result<String, String> {
        self.strings.message(
            lang,
            "media-facade-notice",
            &[("site".into(), Arg::Text(site.into()))],
        )
    }

    fn media_words(&self, lang: &str, info: &MediaInfo) -> Result<Words, String> {
        let mb = crate::media::megabytes(info.bytes);
        let size = self.strings.message(
            lang,
            "media-size",
            &[(
                "megabytes".into(),
                Arg::Text(self.strings.format_decimal(lang, mb)),
            )],
        )?;
        let key = match info.kind {
            crate::media::Kind::Video => "media-download-video",
            crate::media::Kind::Audio => "media-download-audio",
        };
        Ok(Words {
            download: self.strings.message(lang, key, &[])?,
            transcript: self.strings.message(lang, "media-transcript", &[])?,
            size,
        })
    }

    fn is_draft(&self, key: &str) -> bool {
        self.draft_keys.contains(key)
    }

    fn outside(&self, file: &Path) -> Option<PathBuf> {
        crate::confine::outside(self.images.root(), file)
    }

    fn page_url(&self, key: &str, lang: &str) -> Option<String> {
        let k = (key.to_string(), lang.to_string());
        let path = match self.by_key.get(&k) {
            Some(&e) => &self.entries[e].path,
            // `@/exhibit`, `@/exhibit/<journey>` and the like, declared by their outputs.
            None => self.links.get(&k)?,
        };
        Some(self.href(path))
    }

    fn has_path(&self, path: &str) -> bool {
        let path = self.urls.site_path(path);
        let path = path.strip_suffix("index.html").unwrap_or(path);
        self.paths.contains(path)
            || (!path.ends_with('/') && self.paths.contains(&format!("{path}/")))
    }
}
