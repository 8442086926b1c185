//! Write: every planned output rendered through the theme, minified and written in parallel,
//! then feeds, sitemap, static files and photos.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::config::Language;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::feeds::{FeedItem, SitemapUrl};
use crate::markdown::Rendered;
use crate::output::Staging;
use crate::render::Templates;

use super::minify;
use super::resolve::*;

#[derive(Serialize)]
pub(super) struct LanguageLink<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) dir: &'static str,
    pub(super) title: &'a str,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct SwitcherLink<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    /// Where the same page is in that language; none if it is not published there.
    pub(super) url: Option<String>,
    /// Whether that language has its own translation (not a fallback).
    pub(super) translated: bool,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) hreflang: String,
    pub(super) href: String,
}

#[derive(Serialize)]
pub(super) struct MenuLink {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) key: String,
}

#[derive(Serialize)]
pub(super) struct PageNumber {
    pub(super) number: usize,
    pub(super) url: String,
}

pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) templates: &'a Templates,
    pub(super) rendered: &'a [std::sync::Arc<Rendered>],
    pub(super) summaries: &'a [Value],
}

#[derive(Default)]
pub(super) struct WriteOutcome {
    pub(super) pages: BTreeMap<String, usize>,
    pub(super) files: usize,
    pub(super) problems: Vec<Diagnostic>,
}

impl Renderer<'_> {
    /// The menu, language links and site settings of every language, shared by its pages.
    pub(super) fn chromes(&self) -> BTreeMap<String, Context> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), self.chrome(l)))
            .collect()
    }

    pub(super) fn write_all(
        &self,
        staging: &Staging,
        progress: bool,
        assets: &crate::assets::Assets,
    ) -> WriteOutcome {
        let site = self.site;
        let chrome = self.chromes();
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
                let r = self
                    .render_item(item, &chrome)
                    .and_then(|(file, bytes, lang)| {
                        staging.write(&file, &bytes).map_err(|e| {
                            Diagnostic::error(
                                file.trim_start_matches('/'),
                                format!("cannot write: {e}"),
                            )
                        })?;
                        Ok(lang)
                    });
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
            match staging.write(&path, &bytes) {
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
                staging.copy(rel, from).map_err(|e| {
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
    pub(super) fn page_assets(&self) -> Vec<(String, Vec<u8>)> {
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
    pub(super) fn chrome(&self, lang: &Language) -> Context {
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
        let mut menu = menu;
        if !site.journeys.is_empty() {
            // The exhibit takes its place among the pages by `[exhibit] menu_weight`.
            let weight = site.config.exhibit.menu_weight;
            let at = site
                .menus
                .get(&lang.code)
                .into_iter()
                .flatten()
                .take_while(|&&i| {
                    let e = &site.entries[i];
                    let w = site.sources[e.source].meta.weight.unwrap_or(0);
                    (w, e.key.as_str()) <= (weight, crate::exhibit::EXHIBIT_KEY)
                })
                .count();
            menu.insert(
                at,
                MenuLink {
                    title: self.templates.message(&lang.code, "exhibit-title"),
                    url: site.href(&exhibit_path(&lang.code, None, None)),
                    key: crate::exhibit::EXHIBIT_KEY.into(),
                },
            );
        }
        ctx.insert("menu", &menu);
        ctx.insert("home_url", &site.href(&page_path(&lang.code, "")));
        ctx.insert("feed_url", &site.href(&format!("/{}/atom.xml", lang.code)));
        ctx.insert(
            "tags_url",
            &site.tags_index(&lang.code).map(|p| site.href(&p)),
        );
        ctx
    }

    /// Where a page with `key` is in every language, for the switcher and hreflang.
    pub(super) fn versions(&self, key: &str) -> Vec<(String, Option<&Entry>)> {
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
    pub(super) fn links(
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

    pub(super) fn paginator(&self, list: &[usize], page: usize, base: &str) -> Value {
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

    /// Renders one page: the file it is published as, its bytes, and its language folder
    /// (`Some("")` for root pages outside any language folder).
    pub(super) fn render_item(
        &self,
        item: &Item,
        chrome: &BTreeMap<String, Context>,
    ) -> Result<(String, Vec<u8>, Option<String>), Diagnostic> {
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
                    .map(|l| (l.code.clone(), site.tags_index(&l.code).map(|p| (p, true))))
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
                            site.tags_index(&l.code).map(|p| (p, false))
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
            ItemKind::Exhibit(lang) => {
                let mut ctx = chrome[lang].clone();
                self.exhibit_index(&mut ctx, lang, &item.path);
                (lang.clone(), "exhibit.html".into(), ctx)
            }
            ItemKind::Journey { lang, journey } => {
                let mut ctx = chrome[lang].clone();
                self.exhibit_journey(&mut ctx, lang, &item.path, *journey, None, false);
                (lang.clone(), "journey.html".into(), ctx)
            }
            ItemKind::JourneyPhoto {
                lang,
                journey,
                photo,
            } => {
                let mut ctx = chrome[lang].clone();
                self.exhibit_journey(&mut ctx, lang, &item.path, *journey, Some(*photo), false);
                (lang.clone(), "photo.html".into(), ctx)
            }
            ItemKind::Labels { lang, journey } => {
                let mut ctx = chrome[lang].clone();
                self.exhibit_journey(&mut ctx, lang, &item.path, *journey, None, true);
                (lang.clone(), "labels.html".into(), ctx)
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
        // Root pages (language chooser, 404) belong to no language folder.
        let in_folder = item.path.starts_with(&format!("/{lang}/"));
        Ok((
            file,
            bytes,
            Some(if in_folder { lang } else { String::new() }),
        ))
    }

    /// hreflang of the home pages: every language, and the chooser at `/` as x-default.
    pub(super) fn home_alternates(&self) -> Vec<Alternate> {
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
    pub(super) fn section_title(&self, lang: &str, section: &str) -> String {
        match self
            .site
            .by_key
            .get(&(section.to_string(), lang.to_string()))
        {
            Some(&i) => self.site.sources[self.site.entries[i].source]
                .meta
                .title
                .clone(),
            None => crate::text::capitalize_first(section),
        }
    }

    /// The `_index` text of home or a section as `page`, with its title and intro.
    pub(super) fn insert_index_page(&self, ctx: &mut Context, key: &str, lang: &str) {
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
    pub(super) fn machine_files(&self) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let mut out = Vec::new();
        for lang in &site.config.languages {
            let mut items: Vec<FeedItem> = site
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
            // Journeys are news like stories: merged by date, newest first.
            items.extend(self.exhibit_feed_items(&lang.code));
            items.sort_by(|a, b| b.published.cmp(&a.published).then(a.url.cmp(&b.url)));
            items.truncate(20);
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
        urls.extend(self.exhibit_sitemap());
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
