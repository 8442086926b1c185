//! Pages outside the content: the language chooser at `/` and the "page not found" pages, one
//! per language and one at the root that answers for any address.

use crate::diagnostics::Diagnostic;
use crate::feeds::SitemapUrl;
use crate::resolve::Site;
use crate::urls::page_path;

use super::{Alternate, Body, Output, Planned, Renderer};

/// The language chooser and the 404 pages.
pub struct Special;

enum Page {
    Chooser,
    /// The 404 of a language; `None` for the one at the root.
    NotFound(Option<String>),
}

impl Output for Special {
    fn name(&self) -> &'static str {
        "the language chooser and 404 pages"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        let mut out = vec![
            Planned::new("/index.html", Page::Chooser),
            Planned::new("/404.html", Page::NotFound(None)),
        ];
        for lang in &site.config.languages {
            out.push(Planned::new(
                format!("/{}/404.html", lang.code),
                Page::NotFound(Some(lang.code.clone())),
            ));
        }
        out
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let default = cx.site.config.default_language().code.clone();
        match file.item::<Page>()? {
            Page::Chooser => {
                let mut ctx = cx.context(&default);
                ctx.insert("current_key", "");
                let others = cx.all_langs(&|l| page_path(l, ""));
                cx.links(&mut ctx, &default, "/", "/", &others);
                ctx.insert("alternates", &cx.home_alternates());
                cx.page("chooser.html", &ctx, "/")
            }
            Page::NotFound(lang) => {
                let path = file.path();
                // The root 404 answers for any address, so it points at every home page.
                let target = |l: &str| match lang {
                    None => page_path(l, ""),
                    Some(_) => format!("/{l}/404.html"),
                };
                let lang = lang.clone().unwrap_or(default);
                let mut ctx = cx.context(&lang);
                ctx.insert("current_key", "404");
                cx.links(&mut ctx, &lang, path, path, &cx.all_langs(&target));
                ctx.insert("alternates", &Vec::<Alternate>::new());
                cx.page("404.html", &ctx, path)
            }
        }
    }

    fn sitemap(&self, cx: &Renderer) -> Vec<SitemapUrl> {
        vec![SitemapUrl {
            loc: cx.site.absolute("/"),
            lastmod: None,
            alternates: Vec::new(),
        }]
    }
}
