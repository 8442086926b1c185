//! The exhibit's pages: the index of journeys, a journey told photo by photo, one page per photo
//! (the viewer without JavaScript, and what a label's QR code opens) and the printable labels.

use serde::Serialize;
use tera::Context;

use crate::exhibit::{Journey, LABELS_KEY, Photo, PlacePrecision, Texts, pick};
use crate::feeds::{FeedItem, SitemapUrl};

use super::resolve::{ShareImage, exhibit_path, journey_in};
use super::write::Renderer;

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
    /// The photo as large as the screen, for the viewer and the photo's page.
    large_html: String,
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

impl Renderer<'_> {
    /// Languages to try, in order, when a text is missing in `lang`.
    fn fallbacks(&self) -> Vec<String> {
        let config = &self.site.config;
        std::iter::once(config.default_language().code.clone())
            .chain(config.languages.iter().map(|l| l.code.clone()))
            .collect()
    }

    fn text(&self, texts: &Texts, lang: &str) -> Option<Text> {
        pick(texts, lang, &self.fallbacks()).map(|(text, from)| Text {
            text: text.trim().to_string(),
            lang: (from != lang).then(|| from.to_string()),
        })
    }

    fn photo_view(
        &self,
        journey: &Journey,
        index: usize,
        lang: &str,
        eager: bool,
    ) -> Option<PhotoView> {
        let site = self.site;
        let photo: &Photo = &journey.photos[index];
        let info = site.images.get_redacted(&photo.file, &photo.redact).ok()?;
        let alt = self.text(&photo.alt, lang)?;
        let caption = self.text(&photo.caption, lang)?;
        let place = match photo.place_precision {
            PlacePrecision::None => None,
            precision => self.text(&photo.country, lang).map(|country| Place {
                country,
                city: (precision == PlacePrecision::City)
                    .then(|| self.text(&photo.city, lang))
                    .flatten(),
            }),
        };
        Some(PhotoView {
            id: photo.id.clone(),
            position: index + 1,
            total: journey.photos.len(),
            url: site.href(&exhibit_path(lang, Some(&journey.slug), Some(&photo.id))),
            anchor: format!("photo-{}", photo.id),
            html: info.picture(&alt.text, site.images.sizes(), eager, None),
            large_html: info.picture(&alt.text, "100vw", true, None),
            width: info.width,
            height: info.height,
            credit: self.text(&photo.credit, lang),
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
        j: usize,
        lang: &str,
        with_photos: bool,
        eager_cover: bool,
    ) -> Option<JourneyView> {
        let site = self.site;
        let journey = &site.journeys[j];
        let title = self.text(&journey.title, lang)?;
        let intro = self.text(&journey.intro, lang).map(|t| Text {
            text: markdown_html(&t.text),
            lang: t.lang,
        });
        let summary = self
            .text(&journey.intro, lang)
            .map(|t| plain_text(&t.text))
            .unwrap_or_default();
        let photos: Vec<PhotoView> = if with_photos {
            (0..journey.photos.len())
                .filter_map(|i| self.photo_view(journey, i, lang, i == 0))
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
                .photo_view(journey, journey.cover, lang, eager_cover)?
                .html,
            cover: self.photo_view(journey, journey.cover, lang, false)?,
            title,
            intro,
            summary: crate::text::truncate_words(&summary, 220),
            photos,
        })
    }

    /// Where the same exhibit page is in every language, and whether it is translated there.
    fn exhibit_versions(
        &self,
        j: Option<usize>,
        photo: Option<&str>,
    ) -> Vec<(String, Option<(String, bool)>)> {
        let site = self.site;
        site.config
            .languages
            .iter()
            .map(|l| {
                let target = match j {
                    None => Some((exhibit_path(&l.code, None, None), true)),
                    Some(j) => {
                        let journey = &site.journeys[j];
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
    pub(super) fn exhibit_index(&self, ctx: &mut Context, lang: &str, path: &str) {
        let site = self.site;
        let journeys: Vec<JourneyView> = (0..site.journeys.len())
            .filter(|&j| journey_in(&site.config, &site.journeys[j], lang))
            .enumerate()
            .filter_map(|(n, j)| self.journey_view(j, lang, false, n == 0))
            .collect();
        ctx.insert("journeys", &journeys);
        ctx.insert("current_key", crate::exhibit::EXHIBIT_KEY);
        let share = journeys.first().and_then(|j| j.cover.share_image.as_ref());
        ctx.insert(
            "page",
            &serde_json::json!({
                "share_image": share,
                "cover": journeys.first().map(|j| serde_json::json!({"alt": j.cover.alt.text})),
            }),
        );
        self.links(ctx, lang, path, path, self.exhibit_versions(None, None));
    }

    /// A journey page, or (with `photo`) one photo's page or (with `labels`) its labels.
    pub(super) fn exhibit_journey(
        &self,
        ctx: &mut Context,
        lang: &str,
        path: &str,
        j: usize,
        photo: Option<usize>,
        labels: bool,
    ) {
        let site = self.site;
        let journey = &site.journeys[j];
        let Some(view) = self.journey_view(j, lang, true, false) else {
            return;
        };
        ctx.insert("current_key", crate::exhibit::EXHIBIT_KEY);
        ctx.insert("exhibit_url", &site.href(&exhibit_path(lang, None, None)));
        let canonical_lang = if journey.translated(lang) {
            lang.to_string()
        } else {
            view.title.lang.clone().unwrap_or_else(|| lang.to_string())
        };
        if labels {
            let labels: Vec<serde_json::Value> = view
                .photos
                .iter()
                .map(|p| {
                    // Always the public address: labels hang on a wall long after any preview.
                    let url = format!(
                        "{}{}",
                        site.config.production_url,
                        crate::site::encode_path(
                            "",
                            &exhibit_path(lang, Some(&journey.slug), Some(&p.id))
                        )
                    );
                    serde_json::json!({
                        "photo": p,
                        "public_url": url,
                        "qr": crate::exhibit::qr_svg(&url),
                    })
                })
                .collect();
            ctx.insert("labels", &labels);
            ctx.insert(
                "paper",
                match site.config.exhibit.label_paper {
                    crate::config::Paper::A4 => "a4",
                    crate::config::Paper::A5 => "a5",
                },
            );
            let canonical = exhibit_path(&canonical_lang, Some(&journey.slug), Some(LABELS_KEY));
            self.links(
                ctx,
                lang,
                path,
                &canonical,
                self.exhibit_versions(Some(j), Some(LABELS_KEY)),
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
            self.links(
                ctx,
                lang,
                path,
                &canonical,
                self.exhibit_versions(Some(j), Some(&id)),
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
            self.links(
                ctx,
                lang,
                path,
                &canonical,
                self.exhibit_versions(Some(j), None),
            );
        }
        ctx.insert("journey", &view);
    }

    /// Feed entries for the journeys of a language that have a date and their own translation.
    pub(super) fn exhibit_feed_items(&self, lang: &str) -> Vec<FeedItem> {
        let site = self.site;
        site.journeys
            .iter()
            .enumerate()
            .filter(|(_, j)| j.translated(lang))
            .filter_map(|(i, j)| {
                let date = j.date?;
                let view = self.journey_view(i, lang, false, false)?;
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

    /// Sitemap entries: the exhibit index, and every translated journey and photo page.
    pub(super) fn exhibit_sitemap(&self) -> Vec<SitemapUrl> {
        let site = self.site;
        if site.journeys.is_empty() {
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
                alternates: alternates(self.exhibit_versions(None, None)),
            });
            for (j, journey) in site.journeys.iter().enumerate() {
                if !journey.translated(&l.code) {
                    continue;
                }
                let lastmod = journey.date.map(|d| d.iso());
                out.push(SitemapUrl {
                    loc: site.absolute(&exhibit_path(&l.code, Some(&journey.slug), None)),
                    lastmod: lastmod.clone(),
                    alternates: alternates(self.exhibit_versions(Some(j), None)),
                });
                for photo in &journey.photos {
                    out.push(SitemapUrl {
                        loc: site.absolute(&exhibit_path(
                            &l.code,
                            Some(&journey.slug),
                            Some(&photo.id),
                        )),
                        lastmod: lastmod.clone(),
                        alternates: alternates(self.exhibit_versions(Some(j), Some(&photo.id))),
                    });
                }
            }
        }
        out
    }
}

/// A journey's introduction as HTML: Markdown, with raw HTML removed by the sanitizer.
fn markdown_html(text: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(
        text,
        pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::clean(&html)
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
