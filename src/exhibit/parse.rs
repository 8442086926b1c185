//! One journey file checked as a whole: its folder name, its own keys (title, intro, date,
//! cover), its photos one by one (see [`super::photo`]) and the photos left unlisted.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::checks::Checks;
use super::image_files;
use super::model::{Journey, Texts, Withheld};
use super::photo::Photos;
use super::raw::read_raw;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::markdown::snippet_html;
use crate::slug::is_slug;

/// Parses and checks one journey file: the journey (`None` when it has errors) and the photos
/// that must not be published, known even when the rest of the file is wrong.
pub(super) fn parse(
    slug: &str,
    folder: &Path,
    shown: &Path,
    text: &str,
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Journey>, Vec<Withheld>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Checks::new(shown, text, config, problems);
    let Some((raw, raw_photos)) = read_raw(&mut c) else {
        return (None, Vec::new());
    };
    let before = c.errors();
    folder_name(slug, &mut c);
    let title = texts(raw.title.as_ref(), "title", &mut c);
    let title_span = raw.title.as_ref().map(Spanned::span);
    c.require(&title, "title", "the journey", title_span);
    let intro = intro(raw.intro.as_ref(), &mut c);
    let date = c.date(raw.date.as_ref(), "");
    let mut photos = Photos::default();
    for (n, p) in raw_photos.iter().enumerate() {
        photos.add(n, p, folder, &mut c);
    }
    unlisted(folder, &photos, &mut c);
    let cover = cover(raw.cover.as_ref(), &photos, &mut c);
    if raw_photos.is_empty() {
        let d = c
            .warning("the journey has no photos yet".into(), None)
            .hint("add one [[photo]] per photo, in the order they are told");
        c.push(d);
    }
    if c.errors() > before {
        return (None, photos.withheld);
    }
    let journey = Journey {
        slug: slug.to_string(),
        file: shown.to_path_buf(),
        weight: raw.weight.unwrap_or(0),
        date,
        cover,
        title,
        intro,
        photos: photos.published,
    };
    (Some(journey), photos.withheld)
}

/// The folder name is the journey's address.
fn folder_name(slug: &str, c: &mut Checks) {
    if !is_slug(slug) {
        let d = c
            .error(
                format!("the journey folder `{slug}` cannot be used in an address"),
                None,
            )
            .hint(format!(
                "rename the folder to lowercase letters, digits and hyphens, e.g. `{}`",
                crate::slug::slugify(slug)
            ));
        c.push(d);
    }
}

/// A journey text (`title`, `intro`) per language, its languages checked.
fn texts(texts: Option<&Spanned<Texts>>, what: &str, c: &mut Checks) -> Texts {
    let Some(t) = texts else {
        return Texts::new();
    };
    c.unknown_languages(t.get_ref(), what, Some(t.span()));
    t.get_ref().clone()
}

/// The introduction per language, its languages checked and each removal from its raw HTML
/// reported where it was written (the pages publish it sanitized).
fn intro(intro: Option<&Spanned<BTreeMap<String, Spanned<String>>>>, c: &mut Checks) -> Texts {
    let Some(intro) = intro else {
        return Texts::new();
    };
    let texts: Texts = intro
        .get_ref()
        .iter()
        .map(|(lang, text)| (lang.clone(), text.get_ref().clone()))
        .collect();
    c.unknown_languages(&texts, "intro", Some(intro.span()));
    for text in intro.get_ref().values() {
        let markdown = text.get_ref();
        // The pages render it trimmed.
        let lead = markdown.len() - markdown.trim_start().len();
        for removed in snippet_html(markdown.trim()).1 {
            let at = c.in_string(&text.span(), markdown, lead + removed.offset);
            let d = c.place(removed.diagnostic(c.file()), Some(at..at));
            c.push(d);
        }
    }
    texts
}

/// Nothing is published that the curator did not list.
fn unlisted(folder: &Path, photos: &Photos, c: &mut Checks) {
    for name in image_files(folder) {
        if !photos.listed.contains(&name) {
            let d = c
                .warning(format!("`{name}` is in the folder but not listed, so it is not published"), None)
                .hint(format!("add a [[photo]] with file = \"{name}\" to publish it, or move it out of the folder"));
            c.push(d);
        }
    }
}

/// Index of the cover among the published photos: the one named, else the first.
fn cover(cover: Option<&Spanned<String>>, photos: &Photos, c: &mut Checks) -> usize {
    let Some(cover) = cover else {
        return 0;
    };
    let name = cover.get_ref().as_str();
    let named = |file: &Path| file.file_name().is_some_and(|n| n == name);
    if let Some(i) = photos.published.iter().position(|p| named(&p.file)) {
        return i;
    }
    let span: Option<Range<usize>> = Some(cover.span());
    let d = if photos.withheld.iter().any(|w| named(&w.file)) {
        c.warning(
            format!("the cover `{name}` is not published; the first photo is shown instead"),
            span,
        )
        .hint("choose another cover")
    } else {
        c.error(
            format!("the cover `{name}` is not one of the journey's photos"),
            span,
        )
        .hint("write the file name of a listed photo, e.g. cover = \"harbour.jpg\"")
    };
    c.push(d);
    0
}
