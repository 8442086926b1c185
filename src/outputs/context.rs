//! What every page of the site is rendered with: the shared chrome of each language (menu,
//! language links), the language switcher and hreflang, pagination, and the last step of
//! every page (template, minify).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::last_pages::LastPages;
use crate::render::Templates;
use crate::resolve::{Entry, Site};
use crate::urls::{page_path, paged};

use super::{Body, Known, Mode, Output, Vars};

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

/// An `hreflang` link to the same page in another language.
#[derive(Serialize)]
pub struct Alternate {
    /// The language code, or `x-default`.
    pub hreflang: String,
    /// The absolute URL.
    pub href: String,
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

/// The render context of one prepared site, shared by every output.
pub struct Renderer<'a> {
    /// The resolved site, with its Markdown rendered.
    pub site: &'a Site,
    /// The theme's templates.
    pub templates: &'a Templates,
    /// Every output, for what they add to menus, feeds and the sitemap.
    pub outputs: &'a [Box<dyn Output>],
    /// What the build is for.
    pub mode: Mode,
    /// The chrome of every language, made on first use.
    pub chrome: &'a OnceLock<BTreeMap<String, Vars>>,
    /// The last build's pages: kept when made from the same inputs, or their minified bytes
    /// reused when their HTML is the same.
    pub last: &'a LastPages,
    /// The digests of the stories' summaries, made on first use.
    pub known: &'a OnceLock<Known>,
}

impl Renderer<'_> {
    /// A copy of the variables every page of `lang` shares, to add a page's own to.
    pub fn context(&self, lang: &str) -> Vars {
        let chrome = self.chrome.get_or_init(|| {
            self.site
                .config
                .languages
                .iter()
                .map(|l| (l.code.clone(), self.chrome(l).sealed()))
                .collect()
        });
        chrome.get(lang).cloned().unwrap_or_default()
    }

    /// The page at site path `path` made from `template` with `vars`, minified unless the site
    /// says not; the last build's file when it was made from the same inputs.
    pub fn page(&self, template: &str, vars: &Vars, path: &str) -> Result<Body, Diagnostic> {
        self.page_then(template, vars, path, || None)
    }

    /// The digests of the site's summaries, by which pages that show them are hashed.
    pub fn known(&self) -> &Known {
        self.known
            .get_or_init(|| Known::of(&self.site.summaries, &self.site.summary_digests))
    }

    /// Stands for the variable `name`, made only if the page is rendered (by `complete` in
    /// [`Renderer::page_then`]), by what `made_from` writes: what it is made from. Building and
    /// hashing every page's variables whole was most of a rebuild after one edit. Nothing is
    /// hashed when pages are never kept (serve, check).
    pub fn stand_in(
        &self,
        ctx: &mut Vars,
        name: &'static str,
        made_from: impl FnOnce(&Known, &mut Vec<u8>),
    ) {
        if !self.last.keeps_pages() {
            return;
        }
        let mut out = Vec::new();
        made_from(self.known(), &mut out);
        ctx.hash_as(name, crate::cache::digest(&out));
    }

    /// As [`Renderer::page`], for variables whose stand-ins ([`Vars::hash_as`]) `complete`
    /// replaces with their values when the page is rendered.
    pub fn page_then(
        &self,
        template: &str,
        vars: &Vars,
        path: &str,
        complete: impl FnOnce() -> Option<Vars>,
    ) -> Result<Body, Diagnostic> {
        let inputs = self
            .last
            .inputs(template, |h| vars.hash_into(h, self.known()));
        if let Some(inputs) = &inputs
            && let Some(file) = self
                .last
                .unchanged(path, inputs, |photos| self.templates.lay_out_again(photos))
        {
            return Ok(Body::Kept(file));
        }
        let completed = complete();
        let context = completed.as_ref().unwrap_or(vars).context();
        let (html, photos) = self.templates.render_page(template, context, path)?;
        let minify = self.site.config.minify;
        Ok(Body::Page(self.last.page(
            path,
            html,
            (inputs, photos),
            minify,
        )))
    }

    /// Every language with the same kind of page at `path_of(lang)`, all translated.
    pub fn all_langs(
        &self,
        path_of: &dyn Fn(&str) -> String,
    ) -> Vec<(String, Option<(String, bool)>)> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Some((path_of(&l.code), true))))
            .collect()
    }

    /// Variables every page of a language shares, built once.
    pub fn chrome(&self, lang: &Language) -> Vars {
        let site = self.site;
        let mut ctx = Vars::default();
        let languages: Vec<LanguageLink> = site
            .config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: site.dir_name(&l.code),
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
        ctx.insert("lang", &serde_json::json!({ "code": lang.code, "name": lang.name, "dir": site.dir_name(&lang.code) }));
        if site.config.csp {
            ctx.insert("csp", &crate::csp::meta_policy(&site.config));
        }
        // Each link with the (weight, key) it is placed by.
        let mut menu: Vec<((i64, String), MenuLink)> = site
            .menus
            .get(&lang.code)
            .into_iter()
            .flatten()
            .map(|&i| {
                let e = &site.entries[i];
                let meta = &site.sources[e.source].meta;
                let link = MenuLink {
                    title: meta.menu.clone().unwrap_or_else(|| meta.title.clone()),
                    url: site.href(&e.path),
                    key: e.key.clone(),
                };
                ((meta.weight.unwrap_or(0), e.key.clone()), link)
            })
            .collect();
        // Outputs other than pages (a feature's index) take their place among the pages, and
        // each other, by weight.
        for entry in self
            .outputs
            .iter()
            .filter_map(|o| o.menu_entry(self, &lang.code))
        {
            let place = (entry.weight, entry.key.clone());
            let at = menu.iter().take_while(|(p, _)| *p <= place).count();
            let link = MenuLink {
                title: entry.title,
                url: entry.url,
                key: entry.key,
            };
            menu.insert(at, (place, link));
        }
        let menu: Vec<MenuLink> = menu.into_iter().map(|(_, link)| link).collect();
        ctx.insert("menu", &menu);
        ctx.insert("home_url", &site.href(&page_path(&lang.code, "")));
        ctx.insert("feed_url", &site.href(&format!("/{}/atom.xml", lang.code)));
        ctx.insert(
            "tags_url",
            &site.tags_index(&lang.code).map(|p| site.href(&p)),
        );
        let help = site.help_link(&lang.code);
        ctx.insert("help_url", &help.as_ref().map(|(url, _)| url));
        ctx.insert("help_key", &help.and_then(|(_, key)| key));
        let (funders, partners): (Vec<_>, Vec<_>) = partners(site, &lang.code)
            .into_iter()
            .partition(|p| p.role == crate::config::PartnerRole::Funder);
        ctx.insert("funders", &funders);
        ctx.insert("partners", &partners);
        ctx
    }

    /// Where a page with `key` is in every language, for the switcher and hreflang.
    pub fn versions(&self, key: &str) -> Vec<(String, Option<&Entry>)> {
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

    /// Stands for the variables [`Renderer::links`] fills, made from the same arguments.
    pub fn links_stand_in(
        &self,
        ctx: &mut Vars,
        lang: &str,
        path: &str,
        canonical: &str,
        others: &[(String, Option<(String, bool)>)],
    ) {
        self.stand_in(ctx, "links", |_, out| {
            for part in [lang, path, canonical] {
                super::write_str(out, part);
            }
            for (code, target) in others {
                super::write_str(out, code);
                super::write_opt(out, target.as_ref().map(|(p, _)| p.as_str()));
                out.push(u8::from(target.as_ref().is_some_and(|(_, t)| *t)));
            }
        });
    }

    /// Fills the switcher, canonical and hreflang variables of a page.
    /// `others` gives, per language, the URL of the same page and whether it is a real translation.
    pub fn links(
        &self,
        ctx: &mut Vars,
        lang: &str,
        path: &str,
        canonical: &str,
        others: &[(String, Option<(String, bool)>)],
    ) {
        let site = self.site;
        let switcher: Vec<SwitcherLink> = others
            .iter()
            .filter_map(|(code, target)| {
                let l = site.config.language(code)?;
                Some(SwitcherLink {
                    code: &l.code,
                    name: &l.name,
                    url: target.as_ref().map(|(p, _)| site.href(p)),
                    translated: target.as_ref().is_some_and(|(_, t)| *t),
                    current: code == lang,
                })
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

    /// Stands for `paginator` as [`Renderer::paginator`] makes it from the same arguments: the
    /// summaries it shows, its number, how many there are and where.
    pub fn paginator_stand_in(&self, ctx: &mut Vars, list: &[usize], page: usize, base: &str) {
        self.stand_in(ctx, "paginator", |known, out| {
            super::write_str(out, &format!("{base} {page} {}", list.len()));
            for item in self.page_items(list, page) {
                known.write(out, item);
            }
        });
    }

    /// The summaries on page `page` of `list`.
    fn page_items<'s>(&'s self, list: &'s [usize], page: usize) -> impl Iterator<Item = &'s Value> {
        let per = self.site.config.per_page;
        list.iter()
            .skip((page - 1) * per)
            .take(per)
            .map(|&i| &self.site.summaries[i])
    }

    /// One page of a list as templates see it: its summaries, its number and links to the others.
    pub fn paginator(&self, list: &[usize], page: usize, base: &str) -> Value {
        let per = self.site.config.per_page;
        let total = list.len().div_ceil(per).max(1);
        let items: Vec<Value> = self.page_items(list, page).cloned().collect();
        let url = |n: usize| self.site.href(&paged(base, n));
        let pages: Vec<PageNumber> = (1..=total)
            .map(|n| PageNumber {
                number: n,
                url: url(n),
            })
            .collect();
        // Built as Tera values: the summaries are already, and a trip through JSON copied
        // every one of them twice.
        let mut m = tera::Map::new();
        m.insert("items".into(), Value::from(items));
        m.insert("number".into(), Value::from(page));
        m.insert("total".into(), Value::from(total));
        m.insert("count".into(), Value::from(list.len()));
        m.insert(
            "previous".into(),
            Value::from_serializable(&(page > 1).then(|| url(page - 1))),
        );
        m.insert(
            "next".into(),
            Value::from_serializable(&(page < total).then(|| url(page + 1))),
        );
        m.insert("pages".into(), Value::from_serializable(&pages));
        Value::from(m)
    }

    /// hreflang of the home pages: every language, and the chooser at `/` as x-default.
    pub fn home_alternates(&self) -> Vec<Alternate> {
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
    pub fn section_title(&self, lang: &str, section: &str) -> String {
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
    pub fn insert_index_page(&self, ctx: &mut Vars, key: &str, lang: &str) {
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
                let mut m = self.site.summaries[i]
                    .clone()
                    .into_map()
                    .unwrap_or_default();
                m.insert("content".into(), Value::safe_string(self.site.html(i)));
                m.insert("embeds".into(), Value::from(self.site.rendered[i].embeds));
                let e = &site.entries[i];
                let meta = &site.sources[e.source].meta;
                if let (Some(label), Some(url)) = (&meta.cta, &self.site.rendered[i].cta_url) {
                    m.insert(
                        "cta".into(),
                        Value::from_serializable(
                            &serde_json::json!({ "label": label, "url": url }),
                        ),
                    );
                }
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
}

/// A funder or partner as the footer shows it to readers of one language.
#[derive(Serialize)]
struct PartnerLink<'a> {
    name: &'a str,
    url: Option<&'a str>,
    role: crate::config::PartnerRole,
    /// An SVG logo's name under `static/`, for `asset(path=…)`.
    svg: Option<&'a str>,
    /// A photo logo's path from the site folder, for `image(path=…)`.
    photo: Option<&'a str>,
}

/// The site's `[[partners]]` for readers of `lang`, in the order `site.toml` gives them.
fn partners<'a>(site: &'a Site, lang: &str) -> Vec<PartnerLink<'a>> {
    let default = &site.config.default_language().code;
    site.config
        .partners
        .iter()
        .map(|p| {
            let svg = p.static_svg();
            PartnerLink {
                name: p.name.get(lang, default),
                url: p.url.as_deref(),
                role: p.role,
                svg,
                photo: p.logo.as_deref().filter(|_| svg.is_none()),
            }
        })
        .collect()
}
