//! The pages of the last build, reused. After an edit most pages come out exactly as before;
//! rendering them is most of a rebuild and minifying them most of the rest.
//!
//! - A page whose **inputs** hash as in the last build (its template and variables, the photos
//!   its template laid out, and what every page shares: templates, UI strings, settings, theme
//!   files and passage itself, see [`site_inputs`]) is the same page. It is not rendered: the
//!   live output's file is kept, once its size, time and inode say it is still what that build
//!   wrote.
//! - A page rendered again whose **HTML** hashes as in the last build takes its minified bytes
//!   from the live output, once they are checked to be still what that build wrote.

use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{Cache, Stamp};
use crate::render::LaidOut;

/// The folder of this cache in [`crate::cache::CACHE_DIR`].
pub const CACHE_KIND: &str = "pages";

type Hash = [u8; 32];

/// One page of a build: where it was written, what it was made from, the hash of its HTML and
/// of the bytes written.
#[derive(Serialize, Deserialize, Clone)]
struct Made {
    file: String,
    /// The hash of its inputs; none when they could not be told (then it is always rendered).
    inputs: Option<Hash>,
    /// The photos its template laid out with `image()`, laid out again when it is kept.
    photos: Vec<LaidOut>,
    html: Hash,
    written: Hash,
    /// The file once the build was in place (none until then).
    stamp: Option<Stamp>,
}

/// The last build's pages, by file and by the hash of their HTML, and the output holding them.
struct Previous {
    output: PathBuf,
    by_file: HashMap<String, Made>,
    by_html: HashMap<Hash, String>,
}

/// What the last build made of each page, and what this one does.
#[derive(Default)]
pub struct LastPages {
    /// Empty when nothing is kept (no cache, or no last build).
    previous: Option<Previous>,
    made: Mutex<Vec<Made>>,
    /// The hash of what every page is made from; none when pages are never reused (serve, check).
    site_inputs: Option<Hash>,
    cache: Option<Cache>,
}

/// The entry name: minify-html's and passage's versions, so another minifier is never trusted.
fn entry_name() -> String {
    format!(
        "pages-{}-{}.bin",
        env!("CARGO_PKG_VERSION"),
        env!("PASSAGE_MINIFY_VERSION")
    )
}

impl LastPages {
    /// The last build's pages of the site at `root`, published into `output`; `site_inputs`
    /// is this build's [`site_inputs`].
    pub fn load(root: &Path, output: &Path, site_inputs: Option<Hash>) -> Self {
        let cache = Cache::new(root, CACHE_KIND);
        let previous = cache
            .get(&entry_name())
            .and_then(|bytes| postcard::from_bytes::<Vec<Made>>(&bytes).ok())
            .map(|made| Previous {
                output: output.to_path_buf(),
                by_html: made.iter().map(|m| (m.html, m.file.clone())).collect(),
                by_file: made.into_iter().map(|m| (m.file.clone(), m)).collect(),
            });
        Self {
            previous,
            made: Mutex::default(),
            site_inputs,
            cache: Some(cache),
        }
    }

    /// Whether pages may be kept from the last build (their inputs are hashed).
    pub fn keeps_pages(&self) -> bool {
        self.site_inputs.is_some()
    }

    /// The hash of what the page made from `template` is made from, with what `vars` adds
    /// (its variables); none when pages are never reused.
    pub fn inputs(&self, template: &str, vars: impl FnOnce(&mut blake3::Hasher)) -> Option<Hash> {
        let site = self.site_inputs?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(&site);
        hasher.update(&(template.len() as u64).to_le_bytes());
        hasher.update(template.as_bytes());
        vars(&mut hasher);
        Some(*hasher.finalize().as_bytes())
    }

    /// The live output's file of the page at site path `path` (`/en/about/`), when the last
    /// build made it from the same `inputs`, `lay_out` could lay out its photos as then, and
    /// the file is still as that build left it.
    pub fn unchanged(
        &self,
        path: &str,
        inputs: &Hash,
        lay_out: impl FnOnce(&[LaidOut]) -> bool,
    ) -> Option<PathBuf> {
        let previous = self.previous.as_ref()?;
        let made = previous.by_file.get(&file_name(path))?;
        if made.inputs.as_ref() != Some(inputs) || !lay_out(&made.photos) {
            return None;
        }
        let file = previous.output.join(&made.file);
        if made.stamp.is_none() || Stamp::of(&file) != made.stamp {
            return None;
        }
        self.record(made.clone());
        Some(file)
    }

    /// The page at site path `path` as written: `html` minified when `minify` (taken from the
    /// previous output when its HTML is the same as then).
    pub fn page(
        &self,
        path: &str,
        html: Vec<u8>,
        (inputs, photos): (Option<Hash>, Vec<LaidOut>),
        minify: bool,
    ) -> Vec<u8> {
        if self.cache.is_none() {
            return if minify { self::minify(&html) } else { html };
        }
        let key = *blake3::hash(&html).as_bytes();
        let bytes = match minify {
            true => self.reused(&key).unwrap_or_else(|| self::minify(&html)),
            false => html,
        };
        self.record(Made {
            file: file_name(path),
            inputs,
            photos,
            html: key,
            written: *blake3::hash(&bytes).as_bytes(),
            stamp: None,
        });
        bytes
    }

    fn record(&self, made: Made) {
        if let Ok(mut all) = self.made.lock() {
            all.push(made);
        }
    }

    /// The previous output's minified bytes of the HTML hashed `key`, if still as written.
    fn reused(&self, key: &Hash) -> Option<Vec<u8>> {
        let previous = self.previous.as_ref()?;
        let made = previous.by_file.get(previous.by_html.get(key)?)?;
        let bytes = std::fs::read(previous.output.join(&made.file)).ok()?;
        (*blake3::hash(&bytes).as_bytes() == made.written).then_some(bytes)
    }

    /// Keeps this build's pages for the next one, once the build is in place in `output`. A
    /// cache that cannot be written only costs the next build its time.
    pub fn save(&self, output: &Path) {
        let (Some(cache), Ok(mut made)) = (&self.cache, self.made.lock()) else {
            return;
        };
        // A kept page is the same file as when its stamp was checked; the others are new.
        made.par_iter_mut()
            .filter(|m| m.stamp.is_none())
            .for_each(|m| m.stamp = Stamp::of(&output.join(&m.file)));
        made.sort_by(|a, b| a.file.cmp(&b.file));
        if let Ok(bytes) = postcard::to_allocvec(&*made) {
            let _ = cache.put(&entry_name(), &bytes);
        }
    }
}

/// `/en/about/` → `en/about/index.html`: the file of a page, relative to the output.
fn file_name(path: &str) -> String {
    crate::urls::file_of(path)
        .trim_start_matches('/')
        .to_string()
}

/// What every page of a site is made from besides its own variables: passage itself, the
/// options of this build, `site.toml`, the site's and the theme's templates, UI strings and
/// static files. Any change to one of them renders every page again; none when one of them
/// cannot be read (then no page is taken for unchanged).
pub fn site_inputs(root: &Path, theme_dir: &Path, options: &str) -> Option<Hash> {
    let mut hasher = blake3::Hasher::new();
    for part in [env!("PASSAGE_BUILD_ID"), options] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let dirs = [
        crate::config::CONFIG_FILE,
        crate::render::TEMPLATES_DIR,
        crate::i18n::LOCALES_DIR,
        crate::assets::STATIC_DIR,
    ]
    .map(|d| root.join(d));
    for dir in dirs.iter().map(PathBuf::as_path).chain([theme_dir]) {
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let path = path.to_string_lossy();
            hasher.update(&(path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            if entry.file_type().is_file() {
                let bytes = std::fs::read(entry.path()).ok()?;
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
        }
    }
    Some(*hasher.finalize().as_bytes())
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
