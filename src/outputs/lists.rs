//! Lists: each language's home page (its latest stories and sections), the paginated story
//! list of every section, the tag index and a paginated page per tag.

use crate::diagnostics::Diagnostic;
use crate::feeds::SitemapUrl;
use crate::resolve::Site;
use crate::urls::{file_of, page_path, paged};

use super::{Body, Output, Planned, Renderer, Vars};

/// Home, section, tag index and tag pages.
pub struct Lists;

/// One list page.
enum List {
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
}

impl Output for Lists {
    fn name(&self) -> &'static str {
        "the lists"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        let pages_of = |n: usize| n.div_ceil(site.config.per_page).max(1);
        let mut out = Vec::new();
        let mut add = |path: String, list: List| out.push(Planned::new(file_of(&path), list));
        for lang in &site.config.languages {
            let code = &lang.code;
            add(page_path(code, ""), List::Home(code.clone()));
            if let Some(path) = site.tags_index(code) {
                add(path, List::TagIndex(code.clone()));
            }
            for (slug, group) in site.tags.get(code).into_iter().flatten() {
                for page in 1..=pages_of(group.entries.len()) {
                    let base = format!("/{code}/tags/{slug}/");
                    let (lang, slug) = (code.clone(), slug.clone());
                    add(paged(&base, page), List::Tag { lang, slug, page });
                }
            }
        }
        for ((lang, section), list) in &site.sections {
            for page in 1..=pages_of(list.len()) {
                let (lang, section) = (lang.clone(), section.clone());
                let path = paged(&page_path(&lang, &section), page);
                add(
                    path,
                    List::Section {
                        lang,
                        section,
                        page,
                    },
                );
            }
        }
        out
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let path = file.path();
        match file.item::<List>()? {
            List::Home(lang) => home(cx, lang, path),
            List::Section {
                lang,
                section,
                page,
            } => section_page(cx, lang, section, *page, path),
            List::TagIndex(lang) => tag_index(cx, lang, path),
            List::Tag { lang, slug, page } => tag_page(cx, lang, slug, *page, path),
        }
    }

    fn sitemap(&self, cx: &Renderer) -> Vec<SitemapUrl> {
        let site = cx.site;
        let mut out = Vec::new();
        for l in &site.config.languages {
            let mut alternates = cx
                .all_langs(&|l| page_path(l, ""))
                .into_iter()
                .filter_map(|(code, t)| t.map(|(p, _)| (code, site.absolute(&p))))
                .collect::<Vec<_>>();
            alternates.push(("x-default".into(), site.absolute("/")));
            out.push(SitemapUrl {
                loc: site.absolute(&page_path(&l.code, "")),
                lastmod: None,
                alternates,
            });
            // Tags are words of one language: no alternates.
            let tags = site.tags.get(&l.code).into_iter().flatten();
            for path in site
                .tags_index(&l.code)
                .into_iter()
                .chain(tags.map(|(slug, _)| format!("/{}/tags/{slug}/", l.code)))
            {
                out.push(SitemapUrl {
                    loc: site.absolute(&path),
                    lastmod: None,
                    alternates: Vec::new(),
                });
            }
        }
        for (lang, section) in site.sections.keys() {
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
            out.push(SitemapUrl {
                loc: site.absolute(&page_path(lang, section)),
                lastmod: None,
                alternates,
            });
        }
        out
    }
}

/// A language's home page: its `_index` text, latest stories and sections.
fn home(cx: &Renderer, lang: &str, path: &str) -> Result<Body, Diagnostic> {
    let site = cx.site;
    let mut ctx = cx.context(lang);
    cx.insert_index_page(&mut ctx, "", lang);
    let latest: Vec<serde_json::Value> = site
        .latest
        .get(lang)
        .into_iter()
        .flatten()
        .take(site.config.home_stories)
        .map(|&i| serde_json::to_value(&site.summaries[i]).unwrap_or_default())
        .collect();
    ctx.insert("stories", &latest);
    let sections: Vec<serde_json::Value> = site
        .sections
        .iter()
        .filter(|((l, _), _)| l == lang)
        .map(|((_, s), list)| serde_json::json!({"key": s, "title": cx.section_title(lang, s), "url": site.href(&page_path(lang, s)), "count": list.len()}))
        .collect();
    ctx.insert("sections", &sections);
    let features: serde_json::Map<String, serde_json::Value> = cx
        .outputs
        .iter()
        .filter_map(|o| o.home_feature(cx, lang))
        .map(|(name, value)| (name.to_string(), value))
        .collect();
    ctx.insert("features", &features);
    ctx.insert("current_key", "");
    cx.links(
        &mut ctx,
        lang,
        path,
        path,
        &cx.all_langs(&|l| page_path(l, "")),
    );
    // The language chooser at `/` is the x-default of every home page.
    ctx.insert("alternates", &cx.home_alternates());
    cx.page("home.html", &ctx, path)
}

/// One page of a section's story list.
fn section_page(
    cx: &Renderer,
    lang: &str,
    section: &str,
    page: usize,
    path: &str,
) -> Result<Body, Diagnostic> {
    let site = cx.site;
    let mut ctx = cx.context(lang);
    cx.insert_index_page(&mut ctx, section, lang);
    let base = page_path(lang, section);
    let key = (lang.to_string(), section.to_string());
    let list = site
        .sections
        .get(&key)
        .map(Vec::as_slice)
        .unwrap_or_default();
    ctx.insert("current_key", section);
    let others: Vec<_> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let other = site.sections.get(&(l.code.clone(), section.to_string()));
            let target = other.map(|other| {
                // The same page number where that language has as many pages, else its first.
                let n = if other.len().div_ceil(site.config.per_page) >= page {
                    page
                } else {
                    1
                };
                (paged(&page_path(&l.code, section), n), true)
            });
            (l.code.clone(), target)
        })
        .collect();
    let at = Paged {
        list,
        page,
        base: &base,
    };
    paged_page(cx, ctx, ("section.html", lang, path), at, &others)
}

/// Where a page of a paginated list is: the whole list, the page's number and the list's
/// first page.
struct Paged<'a> {
    list: &'a [usize],
    page: usize,
    base: &'a str,
}

/// One page of a paginated list (a section's stories, a tag's) made from `template`: its
/// paginator and language links stand in for themselves until it is rendered.
fn paged_page(
    cx: &Renderer,
    mut ctx: Vars,
    (template, lang, path): (&str, &str, &str),
    at: Paged,
    others: &[(String, Option<(String, bool)>)],
) -> Result<Body, Diagnostic> {
    cx.paginator_stand_in(&mut ctx, at.list, at.page, at.base);
    cx.links_stand_in(&mut ctx, lang, path, path, others);
    cx.page_then(template, &ctx, path, || {
        let mut full = ctx.clone();
        full.insert_value("paginator", cx.paginator(at.list, at.page, at.base));
        cx.links(&mut full, lang, path, path, others);
        Some(full)
    })
}

/// Every tag of a language with its number of stories.
fn tag_index(cx: &Renderer, lang: &str, path: &str) -> Result<Body, Diagnostic> {
    let site = cx.site;
    let mut ctx = cx.context(lang);
    let tags: Vec<serde_json::Value> = site
        .tags
        .get(lang)
        .into_iter()
        .flatten()
        .map(|(slug, g)| serde_json::json!({"name": g.name, "url": site.href(&format!("/{lang}/tags/{slug}/")), "count": g.entries.len()}))
        .collect();
    ctx.insert("tags", &tags);
    ctx.insert("current_key", "tags");
    let others: Vec<_> = site
        .config
        .languages
        .iter()
        .map(|l| (l.code.clone(), site.tags_index(&l.code).map(|p| (p, true))))
        .collect();
    cx.links(&mut ctx, lang, path, path, &others);
    cx.page("tags.html", &ctx, path)
}

/// One page of the stories with a tag.
fn tag_page(
    cx: &Renderer,
    lang: &str,
    slug: &str,
    page: usize,
    path: &str,
) -> Result<Body, Diagnostic> {
    let site = cx.site;
    let mut ctx = cx.context(lang);
    let Some(group) = site.tags.get(lang).and_then(|t| t.get(slug)) else {
        return Err(Diagnostic::error(
            path,
            "internal error: a tag page without its tag",
        ));
    };
    let base = format!("/{lang}/tags/{slug}/");
    ctx.insert(
        "tag",
        &serde_json::json!({"name": group.name, "slug": slug, "url": site.href(&base)}),
    );
    ctx.insert("current_key", "tags");
    // Tags are words of one language: other languages get their own tag list.
    let others: Vec<_> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let target = if l.code == lang {
                Some((path.to_string(), true))
            } else {
                site.tags_index(&l.code).map(|p| (p, false))
            };
            (l.code.clone(), target)
        })
        .collect();
    let at = Paged {
        list: &group.entries,
        page,
        base: &base,
    };
    paged_page(cx, ctx, ("tag.html", lang, path), at, &others)
}
