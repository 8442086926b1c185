//! What list, tag, home and feed pages see of a page: its summary, never its body.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::slug::slugify;

use super::{Reuse, Site};

/// A story as list, tag, home and feed pages see it: no body.
#[derive(Serialize)]
pub struct Summary {
    pub key: String,
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub summary: String,
    pub tags: Vec<TagLink>,
    /// The cover photo, ready to show (`cover.html | safe`), with its alt text and size.
    pub cover: Option<Cover>,
    /// The 1200×630 picture for link previews (absolute URL).
    pub share_image: Option<ShareImage>,
    /// Language of the text, which differs from the page's when shown as a fallback.
    pub lang: String,
    pub dir: &'static str,
    pub fallback: bool,
}

#[derive(Serialize)]
pub struct Cover {
    pub html: String,
    pub html_lazy: String,
    /// From the site folder, for themes that lay it out themselves with `image(path=…)`
    /// (cards with their own `sizes`).
    pub path: String,
    pub alt: String,
    /// What it shows, and who made it under which licence, said under it.
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: u32,
    pub height: u32,
    pub src: String,
    pub colour: String,
}

#[derive(Serialize)]
pub struct ShareImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize, Clone)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

impl Site {
    /// What lists, feeds and link previews show of every entry, made in parallel, with a
    /// digest of each ([`Site::summary_digests`]).
    pub fn summaries(&self, previous: Option<&Reuse>) -> (Vec<Value>, Vec<Option<[u8; 16]>>) {
        self.entries
            .par_iter()
            .zip(&self.rendered)
            .enumerate()
            .map(|(at, (e, r))| {
                let src = &self.sources[e.source];
                // A summary is made from its page alone.
                if let Some(p) = previous
                    && let Some(i) = p.same_as(at)
                {
                    let digest = p.summary_digests.get(i).copied().flatten();
                    return (p.summaries[i].clone(), digest);
                }
                let summary = src
                    .meta
                    .summary
                    .clone()
                    .unwrap_or_else(|| crate::text::truncate_words(&r.first_paragraph, 220));
                let tags = if e.fallback {
                    Vec::new()
                } else {
                    src.meta
                        .tags
                        .iter()
                        .map(|t| {
                            let slug = match self.tag_slugs.get(t) {
                                Some(slug) => std::borrow::Cow::Borrowed(slug.as_str()),
                                None => std::borrow::Cow::Owned(slugify(t)),
                            };
                            TagLink {
                                name: t.clone(),
                                url: self.href(&format!("/{}/tags/{slug}/", e.lang)),
                            }
                        })
                        .collect()
                };
                let cover = src.meta.cover.as_ref().and_then(|c| {
                    let file = src.dir.join(c);
                    let info = self.images.get(&file).ok()?;
                    let path = file.strip_prefix(self.images.root()).unwrap_or(&file);
                    Some((info, path.to_string_lossy().replace('\\', "/")))
                });
                let cover = cover.map(|(info, path)| {
                    let alt = src.meta.cover_alt.clone().unwrap_or_default();
                    let sizes = self.images.sizes();
                    Cover {
                        html: info.picture(&alt, sizes, true, Some("cover")),
                        html_lazy: info.picture(&alt, sizes, false, Some("cover")),
                        path,
                        alt,
                        caption: src.meta.cover_caption.clone(),
                        credit: src.meta.cover_credit.clone(),
                        width: info.width,
                        height: info.height,
                        src: info.largest().url.clone(),
                        colour: info.colour.clone(),
                    }
                });
                let share_image = self.share_photo[e.source]
                    .as_ref()
                    .and_then(|p| self.images.get(p).ok())
                    .map(|info| ShareImage {
                        url: self.absolute_url(&info.share.url),
                        width: info.share.width,
                        height: info.share.height,
                    });
                let summary = Summary {
                    cover,
                    share_image,
                    key: e.key.clone(),
                    title: src.meta.title.clone(),
                    url: self.href(&e.path),
                    date: src.meta.date.map(|d| d.iso()),
                    updated: src.meta.updated.map(|d| d.iso()),
                    summary,
                    tags,
                    lang: src.lang.clone(),
                    dir: self.dir_name(&src.lang),
                    fallback: e.fallback,
                };
                // The same summary makes the same value: its encoding stands for the value,
                // and is far cheaper to hash than the value taken apart.
                let digest = postcard::to_allocvec(&summary)
                    .ok()
                    .map(|bytes| crate::cache::digest(&bytes));
                (Value::from_serializable(&summary), digest)
            })
            .unzip()
    }
}
