//! Story and page HTML: one file per page and language, with its fallback notice, language
//! switcher and hreflang; stories also feed the Atom feeds.

use rayon::prelude::*;
use tera::Value;

use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::feeds::{FeedItem, SitemapUrl};
use crate::resolve::Site;
use crate::search::SearchRecord;
use crate::urls::{file_of, page_path};

use super::{Body, Output, Planned, Renderer};

/// Stories and stand-alone pages (not home or section indexes: [`super::Lists`] shows those).
pub struct Pages;

/// How many other stories a story page suggests at its end.
const MORE_STORIES: usize = 3;

/// Other stories of the same section for the end of a story: the ones after it in the list
/// (older), then from the start, so every story leads somewhere.
fn more_stories<'a>(site: &'a Site, i: usize, lang: &str, section: &str) -> Vec<&'a Value> {
    let list = site
        .sections
        .get(&(lang.to_string(), section.to_string()))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let at = list.iter().position(|&x| x == i).map_or(0, |p| p + 1);
    list[at..]
        .iter()
        .chain(&list[..at])
        .filter(|&&x| x != i)
        .take(MORE_STORIES)
        .map(|&x| &site.summaries[x])
        .collect()
}

impl Output for Pages {
    fn name(&self) -> &'static str {
        "the pages"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        site.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(site.sources[e.source].kind, PageKind::Page { .. }))
            .map(|(i, e)| Planned::new(file_of(&e.path), i))
            .collect()
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let i = *file.item::<usize>()?;
        let site = cx.site;
        let e = &site.entries[i];
        let src = &site.sources[e.source];
        let mut ctx = cx.context(&e.lang);
        let section = match &src.kind {
            PageKind::Page { section } => section.clone(),
            _ => None,
        };
        let lang_name = site.config.language(&src.lang).map(|l| l.name.clone());
        let embeds = site.rendered[i].embeds;
        // The page's own variables, its share links and its language links are made only if
        // it is rendered; until then what they are made from stands for them, and its text by
        // its digest.
        ctx.hash_as("content", site.rendered[i].digest);
        cx.stand_in(&mut ctx, "page", |known, out| {
            known.write(out, &site.summaries[i]);
            out.push(u8::from(embeds));
            super::write_opt(out, section.as_deref());
            super::write_opt(out, lang_name.as_deref());
            super::write_opt(out, src.meta.weight.map(|w| w.to_string()).as_deref());
        });
        ctx.insert("current_key", &e.key);
        // Only stories (pages of a section) suggest others and can be shared.
        let story = section.is_some();
        if let Some(section) = section.as_deref() {
            ctx.insert("more", &more_stories(site, i, &e.lang, section));
            cx.stand_in(&mut ctx, "share", |_, out| {
                super::write_str(out, &src.meta.title);
                super::write_str(out, &e.path);
            });
        }
        ctx.insert(
            "description",
            &site.summaries[i]
                .get_from_path("summary")
                .and_then(|v| v.as_str())
                .unwrap_or_default(),
        );
        let others: Vec<_> = cx
            .versions(&e.key)
            .into_iter()
            .map(|(code, entry)| (code, entry.map(|x| (x.path.clone(), !x.fallback))))
            .collect();
        let canonical = if e.fallback {
            page_path(&src.lang, &e.key)
        } else {
            e.path.clone()
        };
        cx.links_stand_in(&mut ctx, &e.lang, &e.path, &canonical, &others);
        let template = match (&src.meta.template, &src.kind) {
            (Some(t), _) => t.clone(),
            (None, PageKind::Page { section: Some(_) }) => "story.html".into(),
            _ => "page.html".into(),
        };
        if !cx.templates.has(&template) {
            return Err(Diagnostic::error(&src.file, format!("template `{template}` does not exist"))
                .hint("use a template file name from the theme's templates/ folder, or remove the `template` key"));
        }
        cx.page_then(&template, &ctx, &e.path, || {
            let mut full = ctx.clone();
            let mut page = site.summaries[i].clone().into_map().unwrap_or_default();
            page.insert("content".into(), Value::safe_string(site.html(i)));
            page.insert("embeds".into(), Value::from(embeds));
            page.insert("section".into(), Value::from_serializable(&section));
            page.insert("lang_name".into(), Value::from_serializable(&lang_name));
            page.insert("weight".into(), Value::from_serializable(&src.meta.weight));
            full.insert_value("page", Value::from(page));
            if story {
                let url = site.absolute(&e.path);
                full.insert("share", &super::share::links(&src.meta.title, &url));
            }
            cx.links(&mut full, &e.lang, &e.path, &canonical, &others);
            Some(full)
        })
    }

    fn feed_items(&self, cx: &Renderer, lang: &str) -> Vec<FeedItem> {
        let site = cx.site;
        site.latest
            .get(lang)
            .into_iter()
            .flatten()
            .filter(|&&i| !site.entries[i].fallback)
            // As many as a feed holds, before other outputs add theirs.
            .take(super::feeds::FEED_LENGTH)
            .filter_map(|&i| {
                let e = &site.entries[i];
                let meta = &site.sources[e.source].meta;
                let date = meta.date?;
                Some(FeedItem {
                    url: site.absolute(&e.path),
                    title: meta.title.clone(),
                    summary: site.summaries[i]
                        .get_from_path("summary")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    published: date.rfc3339(),
                    updated: meta.updated.unwrap_or(date).rfc3339(),
                })
            })
            .collect()
    }

    /// Stories and pages with their own text in `lang`: never a fallback nor a draft.
    fn search_records(&self, cx: &Renderer, lang: &str) -> Vec<SearchRecord> {
        let site = cx.site;
        site.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.lang == lang && !e.fallback)
            .filter_map(|(i, e)| {
                let src = &site.sources[e.source];
                let PageKind::Page { section } = &src.kind else {
                    return None;
                };
                (!src.meta.draft).then(|| SearchRecord {
                    url: site.href(&e.path),
                    lang: e.lang.clone(),
                    title: src.meta.title.clone(),
                    html: String::new(),
                    text: Some((i, site.rendered[i].digest)),
                    kind: if section.is_some() { "story" } else { "page" },
                    date: src.meta.date.map(|d| cx.templates.long_date(lang, d)),
                    image: None,
                })
            })
            .collect()
    }

    /// Made in parallel: a big site's stories are most of the sitemap, made on every build.
    fn sitemap(&self, cx: &Renderer) -> Vec<SitemapUrl> {
        let site = cx.site;
        site.entries
            .par_iter()
            .filter(|e| !e.fallback && matches!(site.sources[e.source].kind, PageKind::Page { .. }))
            .map(|e| {
                let meta = &site.sources[e.source].meta;
                let alternates = cx
                    .versions(&e.key)
                    .into_iter()
                    .filter_map(|(code, entry)| {
                        entry
                            .filter(|x| !x.fallback)
                            .map(|x| (code, site.absolute(&x.path)))
                    })
                    .collect();
                SitemapUrl {
                    loc: site.absolute(&e.path),
                    lastmod: meta.updated.or(meta.date).map(|d| d.iso()),
                    alternates,
                }
            })
            .collect()
    }
}
