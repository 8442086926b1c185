//! The exhibit's pages: the index of journeys, a journey told photo by photo, one page per photo
//! (the viewer without JavaScript, and what a label's QR code opens) and the printable labels.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{EXHIBIT_KEY, Journey, LABELS_KEY, Photo, PlacePrecision, Texts, pick};
use crate::config::{MissingTranslation, Paper, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::{FeedItem, SitemapUrl};
use crate::images::ImageInfo;
use crate::markdown::{LinkTargets, snippet_html};
use crate::media::{Kind, MediaInfo};
use crate::outputs::{Body, MenuEntry, Output, Planned, Renderer, Vars};
use crate::resolve::{ShareImage, Site};
use crate::search::SearchRecord;
use crate::urls::file_of;

/// The exhibit's pages, made from the journeys in `photos/`.
pub struct ExhibitPages {
    /// The journeys, in exhibit order.
    pub journeys: Arc<Vec<Journey>>,
}

/// One exhibit page.
enum Page {
    Index(String),
    Journey {
        lang: String,
        journey: usize,
    },
    Photo {
        lang: String,
        journey: usize,
        photo: usize,
    },
    Labels {
        lang: String,
        journey: usize,
    },
}

/// `/en/exhibit/`, `/en/exhibit/<journey>/`, and one photo's page within it.
fn exhibit_path(lang: &str, journey: Option<&str>, photo: Option<&str>) -> String {
    match (journey, photo) {
        (None, _) => format!("/{lang}/{EXHIBIT_KEY}/"),
        (Some(j), None) => format!("/{lang}/{EXHIBIT_KEY}/{j}/"),
        (Some(j), Some(p)) => format!("/{lang}/{EXHIBIT_KEY}/{j}/{p}/"),
    }
}

/// Whether a journey is published in a language: always, with the default language's texts
/// standing in, unless the site leaves untranslated pages out.
fn journey_in(config: &SiteConfig, journey: &Journey, lang: &str) -> bool {
    config.missing_translation != MissingTranslation::Omit || journey.translated(lang)
}

impl Output for ExhibitPages {
    fn name(&self) -> &'static str {
        "the photo exhibit"
    }

    fn prepare(&self, site: &Site, problems: &mut Diagnostics) {
        if self.journeys.is_empty() {
            return;
        }
        if let Some(src) = site.sources.iter().find(|p| p.key == EXHIBIT_KEY) {
            problems.push(
                Diagnostic::error(&src.file, "this page has the address of the photo exhibit")
                    .hint("rename the file (e.g. exhibition-info.md): /<lang>/exhibit/ lists the journeys in photos/"),
            );
        }
        // Every photo with its redactions; a failure names the journey file and line.
        let photos: Vec<(&Journey, &Photo)> = self
            .journeys
            .iter()
            .flat_map(|j| j.photos.iter().map(move |p| (j, p)))
            .collect();
        let failures: Vec<Diagnostic> = photos
            .par_iter()
            .filter_map(|(journey, photo)| {
                let (what, problem) = match visual(site, photo) {
                    Ok(_) => return None,
                    Err(e) => e,
                };
                let name = photo
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                Some(
                    Diagnostic::error(&journey.file, format!("{what} `{name}`: {}", problem.0))
                        .at(photo.line, None)
                        .hint(problem.1),
                )
            })
            .collect();
        problems.extend(failures);
        problems.extend(site.media.caption_problems());
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        let mut out = Vec::new();
        if self.journeys.is_empty() {
            return out;
        }
        for lang in &site.config.languages {
            let code = &lang.code;
            out.push(
                Planned::new(
                    file_of(&exhibit_path(code, None, None)),
                    Page::Index(code.clone()),
                )
                .linked(EXHIBIT_KEY, code.clone()),
            );
            for (j, journey) in self.journeys.iter().enumerate() {
                if !journey_in(&site.config, journey, code) {
                    continue;
                }
                let slug = Some(journey.slug.as_str());
                let key = format!("{EXHIBIT_KEY}/{}", journey.slug);
                let (lang, journey_i) = (code.clone(), j);
                out.push(
                    Planned::new(
                        file_of(&exhibit_path(code, slug, None)),
                        Page::Journey {
                            lang: lang.clone(),
                            journey: journey_i,
                        },
                    )
                    .linked(key.clone(), code.clone()),
                );
                out.push(Planned::new(
                    file_of(&exhibit_path(code, slug, Some(LABELS_KEY))),
                    Page::Labels {
                        lang: lang.clone(),
                        journey: j,
                    },
                ));
                for (p, photo) in journey.photos.iter().enumerate() {
                    out.push(
                        Planned::new(
                            file_of(&exhibit_path(code, slug, Some(&photo.id))),
                            Page::Photo {
                                lang: lang.clone(),
                                journey: j,
                                photo: p,
                            },
                        )
                        .linked(format!("{key}/{}", photo.id), code.clone()),
                    );
                }
            }
        }
        out
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let path = file.path();
        let page = file.item::<Page>()?;
        let (lang, template) = match page {
            Page::Index(lang) => (lang, "exhibit.html"),
            Page::Journey { lang, .. } => (lang, "journey.html"),
            Page::Photo { lang, .. } => (lang, "photo.html"),
            Page::Labels { lang, .. } => (lang, "labels.html"),
        };
        let mut ctx = cx.context(lang);
        match page {
            Page::Index(lang) => self.exhibit_index(cx, &mut ctx, lang, path),
            part => self.exhibit_journey(cx, &mut ctx, path, part),
        }
        cx.page(template, &ctx, path)
    }

    fn menu_entry(&self, cx: &Renderer, lang: &str) -> Option<MenuEntry> {
        (!self.journeys.is_empty()).then(|| MenuEntry {
            weight: cx.site.config.exhibit.menu_weight,
            key: EXHIBIT_KEY.into(),
            title: cx.templates.message(lang, "exhibit-title"),
            url: cx.site.href(&exhibit_path(lang, None, None)),
        })
    }

    fn home_feature(&self, cx: &Renderer, lang: &str) -> Option<(&'static str, serde_json::Value)> {
        let site = cx.site;
        let journeys: Vec<JourneyView> = (0..self.journeys.len())
            .filter(|&j| journey_in(&site.config, &self.journeys[j], lang))
            .filter_map(|j| self.journey_view(cx, j, lang, false, false))
            .collect();
        (!journeys.is_empty()).then(|| {
            let url = site.href(&exhibit_path(lang, None, None));
            (
                "exhibit",
                serde_json::json!({ "url": url, "journeys": journeys }),
            )
        })
    }

    fn feed_items(&self, cx: &Renderer, lang: &str) -> Vec<FeedItem> {
        self.exhibit_feed_items(cx, lang)
    }

    fn search_records(&self, cx: &Renderer, lang: &str) -> Vec<SearchRecord> {
        self.exhibit_search_records(cx, lang)
    }

    fn sitemap(&self, cx: &Renderer) -> Vec<SitemapUrl> {
        self.exhibit_sitemap(cx)
    }
}

/// What is shown of a journey item: a photo's renditions (with its redactions), or a clip's
/// poster and the clip; else what kind of item failed, and why (message, hint).
type Visual = (Arc<ImageInfo>, Option<Arc<MediaInfo>>);

/// `None` for a clip without a poster (a journey file with one is an error already).
fn visual(site: &Site, photo: &Photo) -> Result<Option<Visual>, (&'static str, (String, String))> {
    if !crate::media::is_media_path(&photo.file.to_string_lossy()) {
        return site
            .images
            .get_redacted(&photo.file, &photo.redact)
            .map(|info| Some((info, None)))
            .map_err(|e| ("photo", (e.message, e.hint)));
    }
    let clip = site
        .media
        .get(&photo.file)
        .map_err(|e| ("clip", (e.message, e.hint)))?;
    let Some(poster) = clip.poster.clone() else {
        return Ok(None);
    };
    let info = site
        .images
        .get(&poster)
        .map_err(|e| ("poster of the clip", (e.message, e.hint)))?;
    Ok(Some((info, Some(clip))))
}

/// A text in the reader's language, or another language's (`lang` set) when not translated.
#[derive(Serialize)]
struct Text {
    text: String,
    lang: Option<String>,
}

#[derive(Serialize)]
struct Place {
    city: Option<Text>,
    country: Text,
}

/// One photo as the exhibit templates see it.
#[derive(Serialize)]
struct PhotoView {
    id: String,
    position: usize,
    total: usize,
    /// This photo's own page.
    url: String,
    /// The anchor on the journey page, `photo-<id>`.
    anchor: String,
    /// The photo at the width of the text (`html | safe`).
    html: String,
    /// The photo as large as the screen, for the viewer and the photo's page (for a clip, its
    /// player).
    large_html: String,
    /// Whether it is a video or audio clip (shown by its poster), which the viewer leaves to
    /// its own page.
    media: bool,
    width: u32,
    height: u32,
    caption: Text,
    alt: Text,
    credit: Option<Text>,
    licence: Option<String>,
    licence_url: Option<String>,
    place: Option<Place>,
    date: Option<String>,
    share_image: Option<ShareImage>,
}

#[derive(Serialize)]
struct JourneyView {
    slug: String,
    title: Text,
    /// The introduction as HTML.
    intro: Option<Text>,
    /// The introduction without markup, for descriptions and feeds.
    summary: String,
    url: String,
    labels_url: String,
    date: Option<String>,
    count: usize,
    cover: PhotoView,
    /// The cover at card width, loaded at once when it is the first thing on the page.
    cover_html: String,
    photos: Vec<PhotoView>,
}

impl ExhibitPages {
    fn text(&self, cx: &Renderer, texts: &Texts, lang: &str) -> Option<Text> {
        pick(texts, lang, &cx.site.config).map(|(text, from)| Text {
            text: text.trim().to_string(),
            lang: (from != lang).then(|| from.to_string()),
        })
    }

    fn photo_view(
        &self,
        cx: &Renderer,
        journey: &Journey,
        index: usize,
        lang: &str,
        eager: bool,
    ) -> Option<PhotoView> {
        let site = cx.site;
        let photo: &Photo = &journey.photos[index];
        let (info, clip) = visual(site, photo).ok()??;
        let alt = self.text(cx, &photo.alt, lang)?;
        let picture = info.picture(&alt.text, site.images.sizes(), eager, None);
        let (html, large_html) = match &clip {
            None => (picture, info.picture(&alt.text, "100vw", true, None)),
            Some(clip) => {
                let words = site.media_words(lang, clip).ok()?;
                let badge = cx.templates.message(
                    lang,
                    match clip.kind {
                        Kind::Video => "media-video",
                        Kind::Audio => "media-audio",
                    },
                );
                (
                    format!(
                        "{picture}<span class=\"media-badge\">{} · {}</span>",
                        crate::escape::escape_html(&badge),
                        crate::media::duration(clip.duration_ms)
                    ),
                    crate::media::figure(clip, &alt.text, "", Some(&info), lang, &words),
                )
            }
        };
        let caption = self.text(cx, &photo.caption, lang)?;
        let place = match photo.place_precision {
            PlacePrecision::None => None,
            precision => self.text(cx, &photo.country, lang).map(|country| Place {
                country,
                city: (precision == PlacePrecision::City)
                    .then(|| self.text(cx, &photo.city, lang))
                    .flatten(),
            }),
        };
        Some(PhotoView {
            id: photo.id.clone(),
            position: index + 1,
            total: journey.photos.len(),
            url: site.href(&exhibit_path(lang, Some(&journey.slug), Some(&photo.id))),
            anchor: format!("photo-{}", photo.id),
            html,
            large_html,
            media: clip.is_some(),
            width: info.width,
            height: info.height,
            credit: self.text(cx, &photo.credit, lang),
            licence: photo.licence.clone(),
            licence_url: photo.licence_url.clone(),
            place,
            date: photo.date.map(|d| d.iso()),
            share_image: Some(ShareImage {
                url: site.absolute_url(&info.share.url),
                width: info.share.width,
                height: info.share.height,
            }),
            caption,
            alt,
        })
    }

    fn journey_view(
        &self,
        cx: &Renderer,
        j: usize,
        lang: &str,
        with_photos: bool,
        eager_cover: bool,
    ) -> Option<JourneyView> {
        let site = cx.site;
        let journey = &self.journeys[j];
        let title = self.text(cx, &journey.title, lang)?;
        let intro = self.text(cx, &journey.intro, lang).map(|t| Text {
            // Its removals were reported when the journey was read.
            text: snippet_html(&t.text).0,
            lang: t.lang,
        });
        let summary = self
            .text(cx, &journey.intro, lang)
            .map(|t| plain_text(&t.text))
            .unwrap_or_default();
        // The first photo loads at once unless an introduction comes before it: then, on a
        // phone, it is below the fold and would take the bandwidth the text needs first.
        let first_eager = intro.is_none();
        let photos: Vec<PhotoView> = if with_photos {
            (0..journey.photos.len())
                .filter_map(|i| self.photo_view(cx, journey, i, lang, i == 0 && first_eager))
                .collect()
        } else {
            Vec::new()
        };
        Some(JourneyView {
            slug: journey.slug.clone(),
            url: site.href(&exhibit_path(lang, Some(&journey.slug), None)),
            labels_url: site.href(&exhibit_path(lang, Some(&journey.slug), Some(LABELS_KEY))),
            date: journey.date.map(|d| d.iso()),
            count: journey.photos.len(),
            cover_html: self
                .photo_view(cx, journey, journey.cover, lang, eager_cover)?
                .html,
            cover: self.photo_view(cx, journey, journey.cover, lang, false)?,
            title,
            intro,
            summary: crate::text::truncate_words(&summary, 220),
            photos,
        })
    }

    /// Where the same exhibit page is in every language, and whether it is translated there.
    fn exhibit_versions(
        &self,
        cx: &Renderer,
        j: Option<usize>,
        photo: Option<&str>,
    ) -> Vec<(String, Option<(String, bool)>)> {
        let site = cx.site;
        site.config
            .languages
            .iter()
            .map(|l| {
                let target = match j {
                    None => Some((exhibit_path(&l.code, None, None), true)),
                    Some(j) => {
                        let journey = &self.journeys[j];
                        journey_in(&site.config, journey, &l.code).then(|| {
                            (
                                exhibit_path(&l.code, Some(&journey.slug), photo),
                                journey.translated(&l.code),
                            )
                        })
                    }
                };
                (l.code.clone(), target)
            })
            .collect()
    }

    /// The exhibit index of a language.
    fn exhibit_index(&self, cx: &Renderer, ctx: &mut Vars, lang: &str, path: &str) {
        let site = cx.site;
        let journeys: Vec<JourneyView> = (0..self.journeys.len())
            .filter(|&j| journey_in(&site.config, &self.journeys[j], lang))
            .enumerate()
            .filter_map(|(n, j)| self.journey_view(cx, j, lang, false, n == 0))
            .collect();
        ctx.insert("journeys", &journeys);
        ctx.insert("current_key", EXHIBIT_KEY);
        let share = journeys.first().and_then(|j| j.cover.share_image.as_ref());
        ctx.insert(
            "page",
            &serde_json::json!({
                "share_image": share,
                "cover": journeys.first().map(|j| serde_json::json!({"alt": j.cover.alt.text})),
            }),
        );
        cx.links(
            ctx,
            lang,
            path,
            path,
            &self.exhibit_versions(cx, None, None),
        );
    }

    /// A journey page, or (with `photo`) one photo's page or (with `labels`) its labels.
    fn exhibit_journey(&self, cx: &Renderer, ctx: &mut Vars, path: &str, part: &Page) {
        let (lang, j, photo, labels) = match part {
            Page::Journey { lang, journey } => (lang.as_str(), *journey, None, false),
            Page::Photo {
                lang,
                journey,
                photo,
            } => (lang.as_str(), *journey, Some(*photo), false),
            Page::Labels { lang, journey } => (lang.as_str(), *journey, None, true),
            Page::Index(_) => return,
        };
        let site = cx.site;
        let journey = &self.journeys[j];
        let Some(view) = self.journey_view(cx, j, lang, true, false) else {
            return;
        };
        ctx.insert("current_key", EXHIBIT_KEY);
        ctx.insert("exhibit_url", &site.href(&exhibit_path(lang, None, None)));
        let canonical_lang = if journey.translated(lang) {
            lang.to_string()
        } else {
            view.title.lang.clone().unwrap_or_else(|| lang.to_string())
        };
        if labels {
            insert_labels(cx, ctx, lang, journey, &view);
            let canonical = exhibit_path(&canonical_lang, Some(&journey.slug), Some(LABELS_KEY));
            cx.links(
                ctx,
                lang,
                path,
                &canonical,
                &self.exhibit_versions(cx, Some(j), Some(LABELS_KEY)),
            );
            ctx.insert("alternates", &Vec::<()>::new());
        } else if let Some(i) = photo {
            let Some(p) = view.photos.get(i) else {
                return;
            };
            ctx.insert("photo", p);
            ctx.insert(
                "previous",
                &i.checked_sub(1).and_then(|k| view.photos.get(k)),
            );
            ctx.insert("next", &view.photos.get(i + 1));
            ctx.insert(
                "page",
                &serde_json::json!({
                    "title": view.title.text,
                    "share_image": p.share_image,
                    "cover": {"alt": p.alt.text},
                }),
            );
            ctx.insert("description", &p.caption.text);
            let id = journey.photos[i].id.clone();
            let canonical = exhibit_path(&canonical_lang, Some(&journey.slug), Some(&id));
            cx.links(
                ctx,
                lang,
                path,
                &canonical,
                &self.exhibit_versions(cx, Some(j), Some(&id)),
            );
        } else {
            ctx.insert(
                "page",
                &serde_json::json!({
                    "title": view.title.text,
                    "share_image": view.cover.share_image,
                    "cover": {"alt": view.cover.alt.text},
                }),
            );
            ctx.insert("description", &view.summary);
            let canonical = exhibit_path(&canonical_lang, Some(&journey.slug), None);
            cx.links(
                ctx,
                lang,
                path,
                &canonical,
                &self.exhibit_versions(cx, Some(j), None),
            );
        }
        ctx.insert("journey", &view);
    }

    /// Feed entries for the journeys of a language that have a date and their own translation.
    fn exhibit_feed_items(&self, cx: &Renderer, lang: &str) -> Vec<FeedItem> {
        let site = cx.site;
        self.journeys
            .iter()
            .enumerate()
            .filter(|(_, j)| j.translated(lang))
            .filter_map(|(i, j)| {
                let date = j.date?;
                let view = self.journey_view(cx, i, lang, false, false)?;
                Some(FeedItem {
                    url: site.absolute(&exhibit_path(lang, Some(&j.slug), None)),
                    title: view.title.text,
                    summary: view.summary,
                    published: date.rfc3339(),
                    updated: date.rfc3339(),
                })
            })
            .collect()
    }

    /// Journeys and photos whose own texts are in `lang` (a text standing in from another
    /// language is never found), each photo with a small picture of itself. Photos without
    /// consent are not in the journeys at all.
    fn exhibit_search_records(&self, cx: &Renderer, lang: &str) -> Vec<SearchRecord> {
        let site = cx.site;
        let own = |texts: &Texts| {
            texts
                .get(lang)
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        // The smallest rendition of a photo, with its alt text in `lang`.
        let thumbnail = |photo: &Photo| {
            let alt = own(&photo.alt)?;
            let info = site.images.get_redacted(&photo.file, &photo.redact).ok()?;
            Some((info.renditions.first()?.url.clone(), alt))
        };
        let mut out = Vec::new();
        for journey in self.journeys.iter().filter(|j| j.translated(lang)) {
            let Some(title) = own(&journey.title) else {
                continue;
            };
            out.push(SearchRecord {
                url: site.href(&exhibit_path(lang, Some(&journey.slug), None)),
                lang: lang.to_string(),
                title,
                html: own(&journey.intro)
                    .map(|t| snippet_html(&t).0)
                    .unwrap_or_default(),
                text: None,
                kind: "exhibit",
                date: journey.date.map(|d| cx.templates.long_date(lang, d)),
                // The cover decorates the result: its alt text is not the journey's words.
                image: journey
                    .photos
                    .get(journey.cover)
                    .and_then(thumbnail)
                    .map(|(src, _)| (src, String::new())),
            });
            for photo in &journey.photos {
                let (Some(caption), Some(alt)) = (own(&photo.caption), own(&photo.alt)) else {
                    continue;
                };
                let place = [own(&photo.city), own(&photo.country)];
                let place: Vec<String> = match photo.place_precision {
                    PlacePrecision::None => Vec::new(),
                    PlacePrecision::Country => place[1..].iter().flatten().cloned().collect(),
                    _ => place.iter().flatten().cloned().collect(),
                };
                out.push(SearchRecord {
                    url: site.href(&exhibit_path(lang, Some(&journey.slug), Some(&photo.id))),
                    lang: lang.to_string(),
                    title: crate::text::truncate_words(&caption, 80),
                    html: [caption, alt.clone(), place.join(", ")]
                        .iter()
                        .filter(|t| !t.is_empty())
                        .map(|t| format!("<p>{}</p>", crate::escape::escape_html(t)))
                        .collect(),
                    text: None,
                    kind: "exhibit",
                    date: photo.date.map(|d| cx.templates.long_date(lang, d)),
                    image: thumbnail(photo),
                });
            }
        }
        out
    }

    /// Sitemap entries: the exhibit index, and every translated journey and photo page.
    fn exhibit_sitemap(&self, cx: &Renderer) -> Vec<SitemapUrl> {
        let site = cx.site;
        if self.journeys.is_empty() {
            return Vec::new();
        }
        let alternates =
            |versions: Vec<(String, Option<(String, bool)>)>| -> Vec<(String, String)> {
                versions
                    .into_iter()
                    .filter_map(|(code, t)| {
                        t.filter(|(_, translated)| *translated)
                            .map(|(p, _)| (code, site.absolute(&p)))
                    })
                    .collect()
            };
        let mut out = Vec::new();
        for l in &site.config.languages {
            out.push(SitemapUrl {
                loc: site.absolute(&exhibit_path(&l.code, None, None)),
                lastmod: None,
                alternates: alternates(self.exhibit_versions(cx, None, None)),
            });
            for (j, journey) in self.journeys.iter().enumerate() {
                if !journey.translated(&l.code) {
                    continue;
                }
                let lastmod = journey.date.map(|d| d.iso());
                out.push(SitemapUrl {
                    loc: site.absolute(&exhibit_path(&l.code, Some(&journey.slug), None)),
                    lastmod: lastmod.clone(),
                    alternates: alternates(self.exhibit_versions(cx, Some(j), None)),
                });
                for photo in &journey.photos {
                    out.push(SitemapUrl {
                        loc: site.absolute(&exhibit_path(
                            &l.code,
                            Some(&journey.slug),
                            Some(&photo.id),
                        )),
                        lastmod: lastmod.clone(),
                        alternates: alternates(self.exhibit_versions(cx, Some(j), Some(&photo.id))),
                    });
                }
            }
        }
        out
    }
}

/// The printable labels of a journey: each photo's texts with a QR code of its public address.
fn insert_labels(cx: &Renderer, ctx: &mut Vars, lang: &str, journey: &Journey, view: &JourneyView) {
    let site = cx.site;
    let labels: Vec<serde_json::Value> = view
        .photos
        .iter()
        .map(|p| {
            // Always the public address: labels hang on a wall long after any preview.
            let url = format!(
                "{}{}",
                site.config.production_url,
                crate::urls::encode_path("", &exhibit_path(lang, Some(&journey.slug), Some(&p.id)))
            );
            serde_json::json!({
                "photo": p,
                "public_url": url,
                "qr": qr_svg(&url),
            })
        })
        .collect();
    ctx.insert("labels", &labels);
    ctx.insert(
        "paper",
        match site.config.exhibit.label_paper {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
        },
    );
}

/// A QR code of `url` as inline SVG, black on white with the quiet zone scanners need.
pub fn qr_svg(url: &str) -> String {
    let code = match qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) {
        Ok(c) => c,
        // Only a URL of several kilobytes is too long for a QR code.
        Err(_) => return String::new(),
    };
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    svg.split_once("?>")
        .map_or(svg.as_str(), |(_, rest)| rest)
        .replacen(
            " version=\"1.1\"",
            " class=\"qr\" aria-hidden=\"true\" focusable=\"false\"",
            1,
        )
}

/// The words of a Markdown text, for descriptions and feeds.
fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in pulldown_cmark::Parser::new(text) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak
            | pulldown_cmark::Event::HardBreak
            | pulldown_cmark::Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
