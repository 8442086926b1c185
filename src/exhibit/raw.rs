//! A journey file as written, read leniently so that one build names every mistake in it: all
//! syntax errors, every unknown key (with a "did you mean"), and a wrong value in one photo
//! without losing the others.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::checks::Checks;
use super::model::Texts;
use crate::diagnostics::did_you_mean;

/// Keys a journey file may have, for "did you mean" hints.
const JOURNEY_KEYS: &[&str] = &["weight", "date", "cover", "title", "intro", "photo"];
/// Keys a redaction rectangle may have.
const REGION_KEYS: &[&str] = &["x", "y", "width", "height", "style"];
/// Keys a `[[photo]]` may have.
const PHOTO_KEYS: &[&str] = &[
    "file",
    "id",
    "consent",
    "place_precision",
    "date",
    "credit",
    "licence",
    "licence_url",
    "caption",
    "alt",
    "country",
    "city",
    "redact",
];

/// The journey's own keys; its photos are read one by one (see [`read_raw`]).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJourney {
    pub(super) weight: Option<i64>,
    pub(super) date: Option<Spanned<toml::value::Datetime>>,
    pub(super) cover: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<Texts>>,
    /// Per language, with each text's place, for messages inside it.
    pub(super) intro: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

/// A `[[photo]]` as read, or why not: `Err(Some(file))` when only its file name is known.
pub(super) type RawPhotoResult = Result<Spanned<RawPhoto>, Option<String>>;

/// A `[[photo]]` with the places of the values its messages point at; checked in `photo.rs`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhoto {
    pub(super) file: Spanned<String>,
    pub(super) id: Option<Spanned<String>>,
    pub(super) consent: Option<Spanned<String>>,
    pub(super) place_precision: Option<Spanned<String>>,
    pub(super) date: Option<Spanned<toml::value::Datetime>>,
    pub(super) credit: Option<Spanned<Localized>>,
    pub(super) licence: Option<String>,
    pub(super) licence_url: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) caption: Texts,
    #[serde(default)]
    pub(super) alt: Texts,
    #[serde(default)]
    pub(super) country: Texts,
    #[serde(default)]
    pub(super) city: Texts,
    #[serde(default)]
    pub(super) redact: Vec<Spanned<RawRegion>>,
}

/// A credit: one name for every language, or one per language.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Localized {
    One(String),
    Many(Texts),
}

/// A redaction rectangle in pixels of the photo as shown, before its style is known good.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegion {
    pub(super) x: u32,
    pub(super) y: u32,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) style: Option<String>,
}

/// Reads a journey file's keys and its photos one by one; `None` when the TOML cannot be read
/// at all.
pub(super) fn read_raw(c: &mut Checks) -> Option<(RawJourney, Vec<RawPhotoResult>)> {
    let (doc, syntax) = DeTable::parse_recoverable(c.text());
    if !syntax.is_empty() {
        for e in syntax {
            let d = c.error(format!("journey file: {}", e.message().trim()), e.span())
                .hint("check the TOML syntax: text in \"quotes\", caption.en = \"…\", one [[photo]] per photo (see the exhibit section of README.md)");
            c.push(d);
        }
        return None;
    }
    let span = doc.span();
    let mut doc = doc.into_inner();
    let photos = doc.remove("photo");
    unknown_keys(&mut doc, JOURNEY_KEYS, "", c);
    let journey = ValueDeserializer::from(Spanned::new(span, DeValue::Table(doc)));
    let raw = RawJourney::deserialize(journey).unwrap_or_else(|e| {
        wrong_value(e, "", c);
        RawJourney::default()
    });
    let raw_photos = photo_tables(photos, c)
        .into_iter()
        .enumerate()
        .map(|(n, item)| read_photo(n, item, c))
        .collect();
    Some((raw, raw_photos))
}

/// Reports and removes the keys of `table` not in `allowed`, so the rest can still be read.
fn unknown_keys(table: &mut DeTable, allowed: &[&str], what: &str, c: &mut Checks) {
    let strays: Vec<(String, Range<usize>)> = table
        .iter()
        .filter(|(key, _)| !allowed.contains(&key.get_ref().as_ref()))
        .map(|(key, _)| (key.get_ref().to_string(), key.span()))
        .collect();
    for (name, span) in strays {
        table.remove(name.as_str());
        let d = c.error(format!("{what}unknown key `{name}`"), Some(span));
        c.push(match did_you_mean(&name, allowed) {
            Some(s) => d.hint(format!(
                "did you mean `{s}`? Allowed: {}",
                allowed.join(", ")
            )),
            None => d.hint(format!("remove it; allowed: {}", allowed.join(", "))),
        });
    }
}

/// A value that is not what its key takes (`weight = "first"`).
fn wrong_value(e: toml::de::Error, what: &str, c: &mut Checks) {
    let d = c.error(format!("{what}{}", e.message().trim()), e.span())
        .hint("write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"");
    c.push(d);
}

/// The `[[photo]]` tables, unread.
fn photo_tables<'i>(
    photos: Option<Spanned<DeValue<'i>>>,
    c: &mut Checks,
) -> Vec<Spanned<DeValue<'i>>> {
    let Some(v) = photos else {
        return Vec::new();
    };
    let at = v.span();
    match v.into_inner() {
        DeValue::Array(a) => a.iter().cloned().collect(),
        _ => {
            let d = c
                .error(
                    "`photo` must be a list of [[photo]] tables".into(),
                    Some(at),
                )
                .hint("start each photo with a line [[photo]]");
            c.push(d);
            Vec::new()
        }
    }
}

/// One `[[photo]]`, its unknown keys (also those of its redactions) reported and left out.
fn read_photo(n: usize, item: Spanned<DeValue>, c: &mut Checks) -> RawPhotoResult {
    let at = item.span();
    let what = format!("photo {}: ", n + 1);
    let DeValue::Table(mut table) = item.into_inner() else {
        let d = c
            .error(format!("{what}is not a table"), Some(at))
            .hint("start each photo with a line [[photo]]");
        c.push(d);
        return Err(None);
    };
    unknown_keys(&mut table, PHOTO_KEYS, &what, c);
    if let Some(DeValue::Array(regions)) = table.get_mut("redact").map(|v| v.get_mut()) {
        for region in regions.iter_mut() {
            if let DeValue::Table(t) = region.get_mut() {
                unknown_keys(t, REGION_KEYS, &format!("{what}redaction: "), c);
            }
        }
    }
    let file = match table.get("file").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let value = Spanned::new(at, DeValue::Table(table));
    Spanned::<RawPhoto>::deserialize(ValueDeserializer::from(value)).map_err(|e| {
        wrong_value(e, &what, c);
        file
    })
}
