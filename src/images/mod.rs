//! Photos for the web: every image a page uses becomes a set of small, metadata-free renditions
//! (AVIF, WebP, JPEG at several widths) with a placeholder, cached by content so unchanged photos
//! are never encoded twice. Originals are never published.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::config::{Format, ImageSettings};

use crate::cache::Cache;
use crate::escape::escape_html as escape;

/// The folder of the image cache in [`crate::cache::CACHE_DIR`].
pub const CACHE_KIND: &str = "images";
pub use passage_media::{self as process, ImageProblem, Pixels, RedactStyle, Redaction};

/// Bumped whenever the pipeline's output changes, so old cache entries are not reused.
const PIPELINE_VERSION: &str = "passage-images-1";

/// Folder of published renditions in the output.
pub const OUTPUT_DIR: &str = "img";

/// File extensions treated as photos: never copied, always processed.
pub const IMAGE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "avif", "heic", "heif", "tif", "tiff", "bmp",
];

/// Extensions of the photo formats passage can publish (the others must be converted first).
pub const READABLE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "gif"];

/// Whether a path names a photo (by extension).
pub fn is_image_path(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    path.contains('.') && IMAGE_EXTENSIONS.contains(&ext.as_str())
}

/// One published file of a photo.
#[derive(Debug, Clone, Serialize)]
pub struct Rendition {
    /// Encoding.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Site URL (with the base path).
    pub url: String,
}

/// Everything a page needs to show a photo.
#[derive(Debug, Clone, Serialize)]
pub struct ImageInfo {
    /// Width of the largest rendition (the original's, capped at the largest configured width).
    pub width: u32,
    /// Height of the largest rendition.
    pub height: u32,
    /// Every rendition, modern formats first, narrowest first within a format.
    pub renditions: Vec<Rendition>,
    /// The 1200×630 crop for link previews on social media.
    pub share: Rendition,
    /// Average colour, `#rrggbb`.
    pub colour: String,
    /// Blurred preview as a `data:` URL (empty for transparent photos).
    pub placeholder: String,
    /// Whether the photo has transparency.
    pub alpha: bool,
}

impl ImageInfo {
    /// `srcset` of one format.
    pub fn srcset(&self, format: Format) -> String {
        self.renditions
            .iter()
            .filter(|r| r.format == format)
            .map(|r| format!("{} {}w", r.url, r.width))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The largest JPEG, for `<img src>` and for links to the photo.
    pub fn largest(&self) -> &Rendition {
        self.renditions
            .iter()
            .filter(|r| r.format == Format::Jpeg)
            .max_by_key(|r| r.width)
            .expect("every photo has a JPEG rendition")
    }

    /// `<picture>` markup: modern sources, the JPEG fallback, intrinsic size against layout
    /// shift, lazy loading unless `eager`, and the placeholder as background.
    pub fn picture(&self, alt: &str, sizes: &str, eager: bool, class: Option<&str>) -> String {
        let mut html = String::from("<picture>");
        let formats: Vec<Format> = {
            let mut f: Vec<Format> = self
                .renditions
                .iter()
                .map(|r| r.format)
                .filter(|f| *f != Format::Jpeg)
                .collect();
            f.dedup();
            f
        };
        for f in formats {
            html.push_str(&format!(
                "<source type=\"{}\" srcset=\"{}\" sizes=\"{}\">",
                f.mime(),
                self.srcset(f),
                escape(sizes)
            ));
        }
        let loading = if eager {
            "fetchpriority=\"high\" decoding=\"async\""
        } else {
            "loading=\"lazy\" decoding=\"async\""
        };
        let style = if self.alpha || self.placeholder.is_empty() {
            String::new()
        } else {
            format!(
                " style=\"background:{} url({}) center/cover no-repeat\"",
                self.colour, self.placeholder
            )
        };
        let class = class
            .map(|c| format!(" class=\"{}\"", escape(c)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" {loading}{style}{class}>",
            self.largest().url,
            self.srcset(Format::Jpeg),
            escape(sizes),
            self.width,
            self.height,
            escape(alt),
        ));
        html.push_str("</picture>");
        html
    }
}

/// What is cached about a source photo so a warm build never decodes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    width: u32,
    height: u32,
    alpha: bool,
    colour: String,
    placeholder: String,
}

type Slot = Arc<OnceLock<Result<Arc<ImageInfo>, ImageProblem>>>;

/// One size to make: width, height, and the formats (with cache names) still missing.
type Job = (u32, u32, Vec<(Format, String)>);

/// A photo, the widths asked for (`None`: the site's widths) and the regions to hide.
type Request = (PathBuf, Option<Vec<u32>>, Vec<Redaction>);

/// The image service of one build: processes each photo once, however many pages use it.
pub struct Images {
    settings: ImageSettings,
    cache: Cache,
    base_path: String,
    root: PathBuf,
    memo: Mutex<HashMap<Request, Slot>>,
    published: Mutex<BTreeMap<String, String>>,
    /// Photos that must not be published (withdrawn consent), by canonical path.
    forbidden: crate::refused::Refused<ImageProblem>,
    encoded: AtomicUsize,
    reused: AtomicUsize,
    /// False for `passage check`: photos are decoded to check them, never encoded or cached.
    encode: bool,
    /// Problems with the cache that cost only time (a full disk), for the build's report.
    cache_problems: Mutex<Vec<String>>,
}

/// How many renditions a build encoded and how many it took from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct ImageStats {
    /// Photos used by the site.
    pub photos: usize,
    /// Files encoded in this build.
    pub encoded: usize,
    /// Files taken from the cache.
    pub reused: usize,
}

impl Images {
    /// The service for the site at `root`, publishing under `base_path`.
    pub fn new(root: &Path, settings: ImageSettings, base_path: &str) -> Self {
        Self {
            settings,
            cache: Cache::new(root, CACHE_KIND),
            root: root.to_path_buf(),
            base_path: base_path.to_string(),
            memo: Mutex::new(HashMap::new()),
            published: Mutex::new(BTreeMap::new()),
            forbidden: Default::default(),
            encoded: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            encode: true,
            cache_problems: Mutex::new(Vec::new()),
        }
    }

    /// The same service for checking: every photo is read and decoded, so damaged files and
    /// decompression bombs are still reported, but nothing is encoded and nothing is written.
    pub fn without_encoding(mut self) -> Self {
        self.encode = false;
        self
    }

    /// What went wrong with the cache so far (each costs only time, never the build).
    pub fn cache_problems(&self) -> Vec<String> {
        self.cache_problems
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default()
    }

    /// The `sizes` attribute from the settings.
    pub fn sizes(&self) -> &str {
        &self.settings.sizes
    }

    /// Processes many photos in parallel (each once); returns the failures by path.
    pub fn prepare(&self, paths: &[PathBuf], progress: bool) -> BTreeMap<PathBuf, ImageProblem> {
        let bar = (progress && !paths.is_empty()).then(|| {
            let bar = indicatif::ProgressBar::new(paths.len() as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} photos {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        let failures = paths
            .par_iter()
            .filter_map(|p| {
                let r = self.get(p).err().map(|e| (p.clone(), e));
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            })
            .collect();
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        failures
    }

    /// The renditions of one photo, processing it (or reading the cache) the first time.
    pub fn get(&self, path: &Path) -> Result<Arc<ImageInfo>, ImageProblem> {
        self.get_with(path, None)
    }

    /// Like [`Images::get`], with regions hidden in every size, format and placeholder.
    pub fn get_redacted(
        &self,
        path: &Path,
        regions: &[Redaction],
    ) -> Result<Arc<ImageInfo>, ImageProblem> {
        self.request(path, None, regions)
    }

    /// Refuses a photo for the rest of the build, wherever it is used (e.g. withdrawn consent).
    pub fn forbid(&self, path: &Path, why: ImageProblem) {
        self.forbidden.add(path, why);
    }

    /// Deletes every cached file made from a photo, so nothing of it stays on this machine's
    /// cache either; true if something was deleted.
    pub fn purge(&self, path: &Path) -> std::io::Result<bool> {
        match std::fs::read(path) {
            Ok(bytes) => self.cache.remove_folder(&folder_of(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Like [`Images::get`] with other widths than the site's (for the `image()` template function).
    pub fn get_with(
        &self,
        path: &Path,
        widths: Option<Vec<u32>>,
    ) -> Result<Arc<ImageInfo>, ImageProblem> {
        self.request(path, widths, &[])
    }

    fn request(
        &self,
        path: &Path,
        widths: Option<Vec<u32>>,
        regions: &[Redaction],
    ) -> Result<Arc<ImageInfo>, ImageProblem> {
        if let Some(why) = self.forbidden.reason(path) {
            return Err(why);
        }
        let slot = {
            let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            memo.entry((path.to_path_buf(), widths.clone(), regions.to_vec()))
                .or_default()
                .clone()
        };
        slot.get_or_init(|| {
            let widths = widths.unwrap_or_else(|| self.settings.widths.clone());
            self.process(path, &widths, regions).map(Arc::new)
        })
        .clone()
    }

    /// The site folder, against which templates name photos.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Files to publish: output path (under the output folder) → cache file.
    pub fn published(&self) -> Vec<(String, PathBuf)> {
        let published = self.published.lock().unwrap_or_else(|e| e.into_inner());
        published
            .iter()
            .map(|(out, name)| (out.clone(), self.cache.path(name)))
            .collect()
    }

    /// The cached file published as `output` (`img/3f2a…-960.webp`), if it is published.
    pub fn published_file(&self, output: &str) -> Option<PathBuf> {
        let published = self.published.lock().unwrap_or_else(|e| e.into_inner());
        published.get(output).map(|name| self.cache.path(name))
    }

    /// Encoding work done so far.
    pub fn stats(&self) -> ImageStats {
        ImageStats {
            photos: self.memo.lock().map(|m| m.len()).unwrap_or_default(),
            encoded: self.encoded.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    fn process(
        &self,
        path: &Path,
        wanted: &[u32],
        regions: &[Redaction],
    ) -> Result<ImageInfo, ImageProblem> {
        if let Some(target) = crate::confine::outside(&self.root, path) {
            return Err(ImageProblem {
                message: crate::confine::message(&target),
                hint: crate::confine::HINT.into(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| ImageProblem {
            message: format!("cannot read the photo: {e}"),
            hint: "check that the file exists and can be read".into(),
        })?;
        let names = Names::new(&bytes, regions, &self.settings);
        let s = &self.settings;
        // Decoded at most once, and only if something is missing from the cache (or to check it).
        let pixels: OnceLock<Result<Pixels, ImageProblem>> = OnceLock::new();
        let decoded = || {
            pixels
                .get_or_init(|| {
                    let mut p = process::decode(&bytes, s.max_megapixels)?;
                    p.redact(regions)?;
                    Ok(p)
                })
                .as_ref()
                .map_err(Clone::clone)
        };
        if !self.encode {
            decoded()?;
        }
        let meta = self.meta(&names, &decoded)?;
        // Checked against the cached size too, so a rectangle moved outside is never accepted.
        for r in regions {
            r.check(meta.width, meta.height)?;
        }
        let widths = widths_for(meta.width, wanted);
        let height_for = |w: u32| {
            ((w as u64 * meta.height as u64 + meta.width as u64 / 2) / meta.width.max(1) as u64)
                .max(1) as u32
        };
        let mut formats = s.formats.clone();
        formats.push(Format::Jpeg);
        let (sw, sh) = SHARE_SIZE;
        // What the cache lacks, grouped by size so each size is resized once for all formats.
        let mut jobs: Vec<Job> = widths
            .iter()
            .map(|&w| {
                let h = height_for(w);
                let missing = formats
                    .iter()
                    .map(|&f| (f, names.rendition(f, w, h)))
                    .filter(|(_, n)| !self.cache.has(n))
                    .collect();
                (w, h, missing)
            })
            .collect();
        if !self.cache.has(&names.share) {
            jobs.push((sw, sh, vec![(Format::Jpeg, names.share.clone())]));
        }
        jobs.retain(|(_, _, missing)| !missing.is_empty());
        let total = widths.len() * formats.len() + 1;
        let to_encode: usize = jobs.iter().map(|(_, _, m)| m.len()).sum();
        self.reused.fetch_add(total - to_encode, Ordering::Relaxed);
        if self.encode && !jobs.is_empty() {
            self.encode_all(decoded()?, &jobs)?;
        }
        let mut renditions = Vec::new();
        for &format in &formats {
            for &w in &widths {
                let h = height_for(w);
                renditions.push(self.publish(format, w, h, names.rendition(format, w, h)));
            }
        }
        let top = widths.last().copied().unwrap_or(meta.width);
        Ok(ImageInfo {
            width: top,
            height: height_for(top),
            renditions,
            share: self.publish(Format::Jpeg, sw, sh, names.share),
            colour: meta.colour,
            placeholder: meta.placeholder,
            alpha: meta.alpha,
        })
    }

    /// Size, transparency and placeholder: from the cache, else from the pixels (and cached,
    /// unless checking).
    fn meta<'p>(
        &self,
        names: &Names,
        decoded: &dyn Fn() -> Result<&'p Pixels, ImageProblem>,
    ) -> Result<Meta, ImageProblem> {
        if let Some(m) = self
            .cache
            .get(&names.meta)
            .and_then(|b| serde_json::from_slice::<Meta>(&b).ok())
        {
            return Ok(m);
        }
        let p = decoded()?;
        let (colour, placeholder) = if p.has_alpha() || !self.encode {
            // A check shows no page, so it needs no placeholder.
            (String::new(), String::new())
        } else {
            process::placeholder(p)
        };
        let m = Meta {
            width: p.width(),
            height: p.height(),
            alpha: p.has_alpha(),
            colour,
            placeholder,
        };
        if self.encode {
            self.store(&names.meta, &serde_json::to_vec(&m).unwrap_or_default());
        }
        Ok(m)
    }

    /// Resizes and encodes what the cache lacks, in parallel, into the cache.
    fn encode_all(&self, pixels: &Pixels, jobs: &[Job]) -> Result<(), ImageProblem> {
        let s = &self.settings;
        let background = s.background_rgb();
        jobs.par_iter().try_for_each(|(w, h, missing)| {
            let resized = pixels.resize(*w, *h);
            missing.par_iter().try_for_each(|(format, name)| {
                let encoded = match format {
                    Format::Avif => process::encode_avif(&resized, s.avif_quality, s.avif_speed)?,
                    Format::Webp => process::encode_webp(&resized, s.webp_quality)?,
                    Format::Jpeg => {
                        process::encode_jpeg(&resized.flatten(background), s.jpeg_quality)?
                    }
                };
                self.store(name, &encoded);
                Ok::<(), ImageProblem>(())
            })
        })
    }

    /// Writes a cache entry; a full disk only costs the cache, not the build.
    fn store(&self, name: &str, bytes: &[u8]) {
        if !name.ends_with(".json") {
            self.encoded.fetch_add(1, Ordering::Relaxed);
        }
        if let Err(e) = self.cache.put(name, bytes) {
            let mut problems = self
                .cache_problems
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if problems.is_empty() {
                problems.push(format!(
                    "cannot write the image cache ({e}); photos will be encoded again next time"
                ));
            }
        }
    }

    fn publish(&self, format: Format, width: u32, height: u32, name: String) -> Rendition {
        let file = name.rsplit('/').next().unwrap_or(&name);
        let output = format!("{OUTPUT_DIR}/{file}");
        let url = format!("{}/{output}", self.base_path);
        self.published
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(output, name);
        Rendition {
            format,
            width,
            height,
            url,
        }
    }
}

/// Size of the picture for link previews on social media.
const SHARE_SIZE: (u32, u32) = (1200, 630);

/// The widths to publish: the wanted ones narrower than the photo (capped at the largest
/// wanted), and the photo's own width when it is narrower than that.
fn widths_for(width: u32, wanted: &[u32]) -> Vec<u32> {
    let largest = wanted.iter().copied().max().unwrap_or(1600);
    let top = width.min(largest);
    let mut widths: Vec<u32> = wanted.iter().copied().filter(|w| *w < top).collect();
    widths.push(top);
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// Cache names of everything made from one photo: a hash of its bytes (and redactions) and of
/// every setting that shapes a file, so a stale entry is never used.
struct Names {
    folder: String,
    source: String,
    settings: ImageSettings,
    meta: String,
    share: String,
}

impl Names {
    fn new(bytes: &[u8], regions: &[Redaction], settings: &ImageSettings) -> Self {
        let folder = folder_of(bytes);
        let raw = blake3::hash(bytes).to_hex().to_string();
        // A redacted photo is another source: none of its files is shared with the original.
        let source = if regions.is_empty() {
            raw
        } else {
            key(&[&raw, "redacted", &format!("{regions:?}")])
        };
        let meta = format!(
            "{folder}/{}.json",
            key(&[PIPELINE_VERSION, &source, "meta"])
        );
        let bg = format!("{:?}", settings.background_rgb());
        let share_key = key(&[
            PIPELINE_VERSION,
            &source,
            "share",
            &settings.jpeg_quality.to_string(),
            &bg,
        ]);
        let share = format!("{folder}/{}-share.jpg", &share_key[..20]);
        Self {
            folder,
            source,
            settings: settings.clone(),
            meta,
            share,
        }
    }

    /// The cache name of one rendition.
    fn rendition(&self, format: Format, w: u32, h: u32) -> String {
        let s = &self.settings;
        let settings = match format {
            Format::Avif => format!("libaom q{} s{}", s.avif_quality, s.avif_speed),
            Format::Webp => format!("q{}", s.webp_quality),
            Format::Jpeg => format!("q{} {:?}", s.jpeg_quality, s.background_rgb()),
        };
        let k = key(&[
            PIPELINE_VERSION,
            &self.source,
            format.ext(),
            &settings,
            &w.to_string(),
            &h.to_string(),
        ]);
        format!("{}/{}-{w}.{}", self.folder, &k[..20], format.ext())
    }
}

/// The cache folder of everything made from one photo's bytes.
fn folder_of(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

/// A stable hex key of several parts.
fn key(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(&[0]);
    }
    h.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let img = process::image::RgbImage::from_fn(w, h, |x, y| {
            process::image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let path = dir.join(name);
        img.save(&path).unwrap();
        path
    }

    fn settings() -> ImageSettings {
        ImageSettings {
            widths: vec![100, 200],
            formats: vec![Format::Webp],
            ..ImageSettings::default()
        }
    }

    #[test]
    fn widths_never_exceed_the_original_and_cache_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let p = photo(dir.path(), "a.png", 150, 100);
        let images = Images::new(dir.path(), settings(), "");
        let info = images.get(&p).unwrap();
        let widths: Vec<(Format, u32, u32)> = info
            .renditions
            .iter()
            .map(|r| (r.format, r.width, r.height))
            .collect();
        assert_eq!(
            widths,
            vec![
                (Format::Webp, 100, 67),
                (Format::Webp, 150, 100),
                (Format::Jpeg, 100, 67),
                (Format::Jpeg, 150, 100)
            ]
        );
        assert_eq!(
            images.stats().encoded,
            5,
            "4 renditions and the share image"
        );
        assert!(
            info.picture("a", "100vw", false, None)
                .contains("loading=\"lazy\"")
        );
        // A second service (next build) takes everything from the cache.
        let again = Images::new(dir.path(), settings(), "");
        let info2 = again.get(&p).unwrap();
        assert_eq!(again.stats().encoded, 0);
        assert_eq!(info.largest().url, info2.largest().url);
        // A photo smaller than every width is used at its own size.
        let tiny = photo(dir.path(), "tiny.png", 40, 30);
        let t = again.get(&tiny).unwrap();
        assert_eq!(
            t.renditions.iter().map(|r| r.width).collect::<Vec<_>>(),
            vec![40, 40]
        );
    }

    #[test]
    fn settings_are_checked() {
        let bad = ImageSettings {
            widths: vec![],
            formats: vec![Format::Jpeg],
            avif_speed: 11,
            background: "white".into(),
            ..ImageSettings::default()
        };
        assert_eq!(bad.problems().len(), 4);
        assert!(ImageSettings::default().problems().is_empty());
    }
}
