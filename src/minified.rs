//! Minified pages of the last build, reused. Minifying is about half of a build's CPU, and
//! after an edit most pages come out of their templates exactly as before: a page whose HTML
//! hashes as it did in the last build takes its minified bytes from the previous output, once
//! they are checked to be still what that build wrote.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::cache::Cache;

/// The folder of this cache in [`crate::cache::CACHE_DIR`].
pub const CACHE_KIND: &str = "pages";

type Hash = [u8; 32];

/// One page of a build: where it was written, the hash of its HTML and of its minified bytes.
#[derive(Serialize, Deserialize, Clone)]
struct Made {
    file: String,
    html: Hash,
    minified: Hash,
}

/// What the last build minified, and what this one does.
#[derive(Default)]
pub struct Minified {
    /// The previous output and its pages by the hash of their HTML; empty when nothing is kept.
    previous: Option<(PathBuf, HashMap<Hash, Made>)>,
    made: Mutex<Vec<Made>>,
    cache: Option<Cache>,
}

/// The entry name: minify-html's and passage's versions, so another minifier is never trusted.
fn entry_name() -> String {
    format!(
        "minified-{}-{}.bin",
        env!("CARGO_PKG_VERSION"),
        env!("PASSAGE_MINIFY_VERSION")
    )
}

impl Minified {
    /// The last build's pages of the site at `root`, published into `output`.
    pub fn load(root: &Path, output: &Path) -> Self {
        let cache = Cache::new(root, CACHE_KIND);
        let previous = cache
            .get(&entry_name())
            .and_then(|bytes| postcard::from_bytes::<Vec<Made>>(&bytes).ok())
            .map(|made| {
                let by_html = made.into_iter().map(|m| (m.html, m)).collect();
                (output.to_path_buf(), by_html)
            });
        Self {
            previous,
            made: Mutex::default(),
            cache: Some(cache),
        }
    }

    /// The page at site path `path` (`/en/about/`) minified, from the previous output when its
    /// HTML is the same as then.
    pub fn page(&self, path: &str, html: &[u8]) -> Vec<u8> {
        if self.cache.is_none() {
            return minify(html);
        }
        let key = *blake3::hash(html).as_bytes();
        let bytes = self.reused(&key).unwrap_or_else(|| minify(html));
        let made = Made {
            file: crate::urls::file_of(path)
                .trim_start_matches('/')
                .to_string(),
            html: key,
            minified: *blake3::hash(&bytes).as_bytes(),
        };
        if let Ok(mut all) = self.made.lock() {
            all.push(made);
        }
        bytes
    }

    /// The previous output's minified bytes of the HTML hashed `key`, if still as written.
    fn reused(&self, key: &Hash) -> Option<Vec<u8>> {
        let (output, by_html) = self.previous.as_ref()?;
        let made = by_html.get(key)?;
        let bytes = std::fs::read(output.join(&made.file)).ok()?;
        (*blake3::hash(&bytes).as_bytes() == made.minified).then_some(bytes)
    }

    /// Keeps this build's pages for the next one (after the output is in place). A cache that
    /// cannot be written only costs the next build its time.
    pub fn save(&self) {
        let (Some(cache), Ok(mut made)) = (&self.cache, self.made.lock()) else {
            return;
        };
        made.sort_by(|a, b| a.file.cmp(&b.file));
        if let Ok(bytes) = postcard::to_allocvec(&*made) {
            let _ = cache.put(&entry_name(), &bytes);
        }
    }
}

/// Whether `bytes` read back as a whole entry of this cache (a killed build must never leave
/// one cut short).
pub fn is_whole(bytes: &[u8]) -> bool {
    postcard::from_bytes::<Vec<Made>>(bytes).is_ok()
}

/// Minifies a page with settings that keep it valid HTML5.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}
