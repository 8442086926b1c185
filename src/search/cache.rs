//! Indexes kept between builds: a language whose records did not change is not indexed again.
//!
//! Pagefind cannot add to an index, and indexing costs several times the rest of a build, so
//! each language's bundle is stored whole under `.passage/cache/search/`, named by a hash of
//! its records and of the versions of passage and Pagefind that made it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{BundleFile, SearchRecord};
use crate::cache::Cache;

/// The folder of the search cache in [`crate::cache::CACHE_DIR`].
pub const CACHE_KIND: &str = "search";

/// What an entry holds: the bundle files of one language.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    files: Vec<StoredFile<'a>>,
}

#[derive(Serialize, Deserialize)]
struct StoredFile<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(with = "serde_bytes", borrow)]
    bytes: Cow<'a, [u8]>,
}

/// The entry name of one language's records: `<lang>.<hash>.bin`.
pub fn entry_name(lang: &str, records: &[&SearchRecord]) -> String {
    let mut h = blake3::Hasher::new();
    let mut part = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    part(env!("CARGO_PKG_VERSION"));
    part(env!("PASSAGE_PAGEFIND_VERSION"));
    for r in records {
        let (src, alt) = r.image.clone().unzip();
        let text = r.text.map(|(_, digest)| {
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("\u{0}text {hex}")
        });
        for field in [
            Some(r.url.as_str()),
            Some(&r.lang),
            Some(&r.title),
            Some(text.as_deref().unwrap_or(&r.html)),
            Some(r.kind),
            r.date.as_deref(),
            src.as_deref(),
            alt.as_deref(),
        ] {
            match field {
                Some(s) => part(s),
                None => part("\u{0}none"),
            }
        }
    }
    format!("{lang}.{}.bin", &h.finalize().to_hex()[..32])
}

/// The stored bundle, if there is a whole one.
pub fn get(cache: &Cache, name: &str) -> Option<Vec<BundleFile>> {
    let stored = cache.get(name)?;
    let entry: Entry = postcard::from_bytes(&stored).ok()?;
    Some(
        entry
            .files
            .into_iter()
            .map(|f| (f.name.into_owned(), f.bytes.into_owned()))
            .collect(),
    )
}

/// Stores a language's bundle and forgets the ones it replaces. A cache that cannot be
/// written only costs time: the next build indexes again.
pub fn put(cache: &Cache, name: &str, files: &[BundleFile]) {
    let entry = Entry {
        files: files
            .iter()
            .map(|(name, bytes)| StoredFile {
                name: Cow::Borrowed(name),
                bytes: Cow::Borrowed(bytes),
            })
            .collect(),
    };
    let Ok(bytes) = postcard::to_stdvec(&entry) else {
        return;
    };
    if cache.put(name, &bytes).is_ok() {
        let lang = name.split('.').next().unwrap_or_default();
        cache.prune(|other| other != name && other.split('.').next() == Some(lang));
    }
}
