//! The search index: what the readers of each language can find, indexed by Pagefind (as a
//! library) into the files its script fetches from `/pagefind/`, one index per language.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::cache::Cache;
use crate::escape::escape_html;

pub mod cache;

/// The folder of the search files, at the root of the site.
pub const BUNDLE_DIR: &str = "pagefind";

/// Marks Armenian writes inside a word (question ՞, exclamation ՜, emphasis ՛): a reader
/// types `ինչու` for `ինչո՞ւ`, so they are left out of the index and of queries alike.
pub const ARMENIAN_WORD_MARKS: [char; 3] = ['\u{055E}', '\u{055C}', '\u{055B}'];

/// What a reader can find: one result.
#[derive(Debug, Clone)]
pub struct SearchRecord {
    /// The page's address as published (`/ka/stories/x/`).
    pub url: String,
    /// The language of the text, which is the reader's (fallbacks are never indexed).
    pub lang: String,
    /// The result's title.
    pub title: String,
    /// What is searched and quoted in excerpts: the body as HTML, safe to insert (empty when
    /// `text` is set).
    pub html: String,
    /// A text of the site instead of `html`: its entry, made into HTML only if its language is
    /// indexed again, and the digest of that HTML, which stands for it in the cache's key.
    pub text: Option<(usize, [u8; 16])>,
    /// For the filters: `story`, `page` or `exhibit` (journeys and photos).
    pub kind: &'static str,
    /// The day shown beside the result, as the reader's language writes it.
    pub date: Option<String>,
    /// A small picture beside the result (exhibit photos): its address and alt text (empty
    /// when the picture only decorates, as a journey's cover beside the journey's title).
    pub image: Option<(String, String)>,
}

/// One file of the search bundle: its path under [`BUNDLE_DIR`] and its bytes.
pub type BundleFile = (String, Vec<u8>);

/// The file that lists each language's index, which every language's part writes.
const ENTRY_FILE: &str = "pagefind-entry.json";

/// Indexes `records` (in a stable order, so the same site gives the same files) into the files
/// of the search bundle; Pagefind's own user interfaces are left out, the theme has its own.
/// Pagefind keeps one index per language anyway, and indexes one file at a time: each
/// language is indexed on a core of its own and the parts are put together. With a `cache`,
/// a language whose records are those of an earlier build takes that build's bundle.
/// `html` makes the HTML of a record's `text`.
pub fn index(
    records: &[SearchRecord],
    cache: Option<&Cache>,
    html: &(dyn Fn(usize) -> String + Sync),
) -> Result<Vec<BundleFile>, String> {
    let mut by_lang: BTreeMap<&str, Vec<&SearchRecord>> = BTreeMap::new();
    for r in records {
        by_lang.entry(r.lang.as_str()).or_default().push(r);
    }
    let parts: Vec<Result<Vec<BundleFile>, String>> = by_lang
        .into_par_iter()
        .map(|(lang, records)| match cache {
            Some(cache) => cached_language(cache, lang, &records, html),
            None => index_language(&records, html),
        })
        .collect();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for (name, bytes) in parts
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
    {
        if name == ENTRY_FILE {
            entry = Some(merge_entry(entry, &bytes)?);
        } else if files.get(&name).is_some_and(|b| *b != bytes) {
            return Err(format!("two languages made different {name}"));
        } else {
            files.insert(name, bytes);
        }
    }
    if let Some(entry) = entry {
        files.insert(ENTRY_FILE.into(), entry.to_string().into_bytes());
    }
    Ok(files.into_iter().collect())
}

/// The entry file of the whole bundle: every language's part listed in one.
fn merge_entry(
    merged: Option<serde_json::Value>,
    part: &[u8],
) -> Result<serde_json::Value, String> {
    let part: serde_json::Value =
        serde_json::from_slice(part).map_err(|e| format!("{ENTRY_FILE}: {e}"))?;
    let Some(mut merged) = merged else {
        return Ok(part);
    };
    if let (Some(all), Some(langs)) = (
        merged.get_mut("languages").and_then(|l| l.as_object_mut()),
        part.get("languages").and_then(|l| l.as_object()),
    ) {
        all.extend(langs.clone());
    }
    Ok(merged)
}

/// The bundle of one language's records, from the cache or made and kept there.
fn cached_language(
    cache: &Cache,
    lang: &str,
    records: &[&SearchRecord],
    html: &(dyn Fn(usize) -> String + Sync),
) -> Result<Vec<BundleFile>, String> {
    let name = cache::entry_name(lang, records);
    if let Some(files) = cache::get(cache, &name) {
        return Ok(files);
    }
    let files = index_language(records, html)?;
    cache::put(cache, &name, &files);
    Ok(files)
}

/// The bundle of one language's records.
fn index_language(
    records: &[&SearchRecord],
    html: &(dyn Fn(usize) -> String + Sync),
) -> Result<Vec<BundleFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for r in records {
            let body = match r.text {
                Some((entry, _)) => Cow::Owned(html(entry)),
                None => Cow::Borrowed(r.html.as_str()),
            };
            index
                .add_html_file(None, Some(r.url.clone()), document(r, &body))
                .await
                .map_err(|e| format!("{}: {e}", r.url))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| is_needed(name))
            .collect())
    })
}

/// Whether a bundle file is one the search page uses: the search script, its worker and
/// WebAssembly, and the index; not Pagefind's ready-made interfaces or playground.
fn is_needed(name: &str) -> bool {
    !(name.contains("-ui.") || name.contains("highlight") || name.starts_with("playground"))
}

/// The record as the page Pagefind reads: its language, body, title and filters.
fn document(r: &SearchRecord, html: &str) -> String {
    let mut meta = BTreeMap::new();
    meta.insert("title", r.title.as_str());
    if let Some(date) = &r.date {
        meta.insert("date", date);
    }
    if let Some((src, alt)) = &r.image {
        meta.insert("image", src);
        // Meta values are searched too: an empty alt (a decorative picture) adds no words.
        if !alt.is_empty() {
            meta.insert("image_alt", alt);
        }
    }
    let meta: String = meta
        .iter()
        .map(|(k, v)| format!("<span data-pagefind-meta=\"{k}\">{}</span>", escape_html(v)))
        .collect();
    let body = strip_word_marks(html);
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head><body>{meta}\
         <span data-pagefind-filter=\"type\">{kind}</span>\
         <main data-pagefind-body><h1>{title}</h1>{body}</main></body></html>",
        lang = escape_html(&r.lang),
        title = escape_html(&strip_word_marks(&r.title)),
        kind = r.kind,
    )
}

/// The text without [`ARMENIAN_WORD_MARKS`].
pub fn strip_word_marks(text: &str) -> String {
    text.replace(ARMENIAN_WORD_MARKS, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For records that hold their HTML.
    fn no_text(_: usize) -> String {
        String::new()
    }

    #[test]
    fn a_text_is_made_only_when_its_language_is_indexed_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), cache::CACHE_KIND);
        let made = std::sync::atomic::AtomicUsize::new(0);
        let html = |i: usize| {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            format!("<p>ბათუმში text{i}</p>")
        };
        let mut records = vec![record("ka", "/ka/a/", "")];
        records[0].text = Some((7, [1; 16]));
        let first = index(&records, Some(&cache), &html).unwrap();
        assert_eq!(made.load(std::sync::atomic::Ordering::Relaxed), 1);
        let mut whole = records.clone();
        whole[0].text = None;
        whole[0].html = "<p>ბათუმში text7</p>".into();
        assert_eq!(
            first,
            index(&whole, None, &no_text).unwrap(),
            "as if given whole"
        );
        // The same digest: the bundle is taken from the cache, the text not made.
        assert_eq!(index(&records, Some(&cache), &html).unwrap(), first);
        assert_eq!(made.load(std::sync::atomic::Ordering::Relaxed), 1);
        records[0].text = Some((7, [2; 16]));
        index(&records, Some(&cache), &html).unwrap();
        assert_eq!(made.load(std::sync::atomic::Ordering::Relaxed), 2);
    }

    fn record(lang: &str, url: &str, html: &str) -> SearchRecord {
        SearchRecord {
            url: url.into(),
            lang: lang.into(),
            title: "T".into(),
            html: html.into(),
            text: None,
            kind: "story",
            date: None,
            image: None,
        }
    }

    #[test]
    fn every_language_gets_its_own_index_and_the_same_records_the_same_files() {
        let records = [
            record("ka", "/ka/a/", "<p>თბილისში ცხოვრობს</p>"),
            record("hy", "/hy/a/", "<p>Ինչո՞ւ Երևանում</p>"),
            record("en", "/en/a/", "<p>A work permit</p>"),
        ];
        let files = index(&records, None, &no_text).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind-entry.json"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-ui.")), "{names:?}");
        let entry: serde_json::Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(n, _)| n == "pagefind-entry.json")
                .unwrap()
                .1,
        )
        .unwrap();
        for lang in ["ka", "hy", "en"] {
            assert!(entry["languages"].get(lang).is_some(), "{entry}");
        }
        assert_eq!(
            index(&records, None, &no_text).unwrap(),
            files,
            "deterministic"
        );
    }

    #[test]
    fn a_language_whose_records_did_not_change_is_taken_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), cache::CACHE_KIND);
        let mut records = vec![
            record("ka", "/ka/a/", "<p>თბილისში ცხოვრობს</p>"),
            record("hy", "/hy/a/", "<p>Երևանում</p>"),
        ];
        let fresh = index(&records, None, &no_text).unwrap();
        assert_eq!(index(&records, Some(&cache), &no_text).unwrap(), fresh);
        let entries = |dir: &std::path::Path| -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(dir.join(".passage/cache/search"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let first = entries(dir.path());
        assert_eq!(first.len(), 2, "{first:?}");
        // What the cache gives is what indexing gives.
        assert_eq!(index(&records, Some(&cache), &no_text).unwrap(), fresh);
        // A changed Georgian record replaces the Georgian entry only.
        records[0].html = "<p>ბათუმში</p>".into();
        let changed = index(&records, Some(&cache), &no_text).unwrap();
        assert_eq!(changed, index(&records, None, &no_text).unwrap());
        let second = entries(dir.path());
        assert_eq!(second.len(), 2, "{second:?}");
        assert_eq!(first[0], second[0], "the Armenian entry stays");
        assert_ne!(first[1], second[1], "the Georgian entry is replaced");
        // A damaged entry is indexed again, not served.
        let ka = dir.path().join(".passage/cache/search").join(&second[1]);
        let bytes = std::fs::read(&ka).unwrap();
        std::fs::write(&ka, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(index(&records, Some(&cache), &no_text).unwrap(), changed);
    }

    #[test]
    fn armenian_marks_inside_words_are_left_out() {
        assert_eq!(
            strip_word_marks("ինչո՞ւ, Երևա՜ն, շա՛տ"),
            "ինչու, Երևան, շատ"
        );
        let html = document(&record("hy", "/hy/a/", ""), "<p>ինչո՞ւ</p>");
        assert!(
            html.contains("<p>ինչու</p>") && html.contains("lang=\"hy\""),
            "{html}"
        );
    }
}
