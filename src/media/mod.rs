//! Video and audio beside the pages: each file is published as a copy without its metadata
//! (place, device, owner), under a content-hash name, with its poster photo, its caption files
//! in every language and what a visitor needs to know before pressing play (duration, size).
//! Originals, and their names, are never published.

mod facade;
mod markup;
mod probe;
mod strip;
mod tags;
mod tools;
mod vtt;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::config::MediaSettings;
use crate::diagnostics::{Diagnostic, display_path};

pub use facade::{Embed, PLAYER_ORIGINS, embed, figure as facade_figure};
pub use markup::{Words, duration, figure, link_text, megabytes};
pub use vtt::Cue;

/// The folder of the media cache in [`crate::cache::CACHE_DIR`].
pub const CACHE_KIND: &str = "media";

/// Folder of published video, audio and caption files in the output.
pub const OUTPUT_DIR: &str = "media";

/// Bumped whenever the published copies change, so old cache entries are not reused.
const PIPELINE_VERSION: &str = "passage-media-1";

/// Extensions of video files.
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "m4v", "mov", "webm"];

/// Extensions of audio files.
pub const AUDIO_EXTENSIONS: &[&str] = &["m4a", "mp3", "ogg", "oga", "opus"];

/// The UI strings passage itself writes around clips (no template asks for them).
pub const UI_STRINGS: &[&str] = &[
    "media-size",
    "media-download-video",
    "media-download-audio",
    "media-transcript",
    "media-facade-notice",
    "media-video",
    "media-audio",
];

/// Photo extensions a poster beside a clip may have, in the order they are looked for.
const POSTER_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// Whether a path names a video or audio file (by extension): never copied, always stripped.
pub fn is_media_path(path: &str) -> bool {
    let ext = extension(Path::new(path));
    VIDEO_EXTENSIONS.contains(&ext.as_str()) || AUDIO_EXTENSIONS.contains(&ext.as_str())
}

/// Whether a path names an audio file (by extension).
pub fn is_audio_path(path: &str) -> bool {
    AUDIO_EXTENSIONS.contains(&extension(Path::new(path)).as_str())
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Why a clip cannot be published, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

impl Problem {
    /// A problem and what to do about it.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// Moving picture (with or without sound), or sound alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Video,
    Audio,
}

/// The file formats published, each one browsers play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Container {
    Mp4,
    WebM,
    Mp3,
    Ogg,
}

impl Container {
    /// The container of a file ffprobe names `format_name`.
    fn of(format_name: &str) -> Option<Self> {
        let names: Vec<&str> = format_name.split(',').collect();
        if names.contains(&"mp4") || names.contains(&"mov") {
            Some(Self::Mp4)
        } else if names.contains(&"webm") {
            Some(Self::WebM)
        } else if names.contains(&"mp3") {
            Some(Self::Mp3)
        } else if names.contains(&"ogg") {
            Some(Self::Ogg)
        } else {
            None
        }
    }

    /// ffmpeg's name for it.
    fn muxer(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::WebM => "webm",
            Self::Mp3 => "mp3",
            Self::Ogg => "ogg",
        }
    }

    /// The published file's extension.
    fn ext(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Self::Mp4, Kind::Video) => "mp4",
            (Self::Mp4, Kind::Audio) => "m4a",
            (Self::WebM, _) => "webm",
            (Self::Mp3, _) => "mp3",
            (Self::Ogg, _) => "ogg",
        }
    }

    /// The `type` of its `<source>`.
    fn mime(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Self::Mp4, Kind::Video) => "video/mp4",
            (Self::Mp4, Kind::Audio) => "audio/mp4",
            (Self::WebM, Kind::Video) => "video/webm",
            (Self::WebM, Kind::Audio) => "audio/webm",
            (Self::Mp3, _) => "audio/mpeg",
            (Self::Ogg, _) => "audio/ogg",
        }
    }

    /// Whether browsers play `codec` (a picture's when `video`) in this container.
    fn plays(self, codec: &str, video: bool) -> bool {
        let allowed: &[&str] = match (self, video) {
            (Self::Mp4, true) => &["h264", "av1"],
            (Self::Mp4, false) => &["aac", "mp3", "opus"],
            (Self::WebM, true) => &["vp8", "vp9", "av1"],
            (Self::WebM, false) => &["opus", "vorbis"],
            (Self::Mp3, _) => &["mp3"],
            (Self::Ogg, _) => &["opus", "vorbis", "flac"],
        };
        allowed.contains(&codec)
    }
}

/// Captions or subtitles in one language.
#[derive(Debug, Clone)]
pub struct Track {
    /// Language code.
    pub lang: String,
    /// The language's own name, which players show in their menu.
    pub label: String,
    /// Site URL of the published caption file.
    pub url: String,
    /// The cues, for the transcript.
    pub cues: Vec<Cue>,
}

/// Everything a page needs to show a clip.
#[derive(Debug, Clone)]
pub struct MediaInfo {
    pub kind: Kind,
    /// Site URL of the published copy.
    pub url: String,
    /// Its `type`.
    pub mime: &'static str,
    /// Its size, shown before playing because many visitors pay for every megabyte.
    pub bytes: u64,
    /// Picture size as shown (0 for audio), so nothing shifts while the page loads.
    pub width: u32,
    pub height: u32,
    pub duration_ms: u64,
    /// The photo shown before playing (beside the clip, or a frame of it): for the image stage.
    pub poster: Option<PathBuf>,
    /// Caption files, in the site's language order.
    pub tracks: Vec<Track>,
}

type Slot = Arc<OnceLock<Result<Arc<MediaInfo>, Problem>>>;

/// The media service of one build: strips each file once, however many pages use it.
pub struct Media {
    settings: MediaSettings,
    cache: Cache,
    base_path: String,
    root: PathBuf,
    /// Language code and own name, in the site's order.
    languages: Vec<(String, String)>,
    memo: Mutex<HashMap<PathBuf, Slot>>,
    /// Output path (under the output folder) → file to publish.
    published: Mutex<BTreeMap<String, PathBuf>>,
    /// Clips that must not be published (withdrawn consent), by canonical path, and why.
    forbidden: crate::refused::Refused<Problem>,
    /// Problems with caption files, reported once per build.
    caption_problems: Mutex<BTreeMap<PathBuf, Vec<Diagnostic>>>,
    /// False for `passage check`: files are probed, never copied or cached.
    write: bool,
}

impl Media {
    /// The service for the site at `root` in `languages` (code, own name), publishing under
    /// `base_path`.
    pub fn new(
        root: &Path,
        settings: MediaSettings,
        base_path: &str,
        languages: Vec<(String, String)>,
    ) -> Self {
        Self {
            settings,
            cache: Cache::new(root, CACHE_KIND),
            base_path: base_path.to_string(),
            root: root.to_path_buf(),
            languages,
            memo: Mutex::new(HashMap::new()),
            published: Mutex::new(BTreeMap::new()),
            caption_problems: Mutex::new(BTreeMap::new()),
            forbidden: Default::default(),
            write: true,
        }
    }

    /// The same service for checking: every file is read and its captions checked, but
    /// nothing is written.
    pub fn without_writing(mut self) -> Self {
        self.write = false;
        self
    }

    /// Processes many files in parallel (each once): the failures by path, and the problems of
    /// their caption files.
    pub fn prepare(&self, paths: &[PathBuf]) -> (BTreeMap<PathBuf, Problem>, Vec<Diagnostic>) {
        let failures = paths
            .par_iter()
            .filter_map(|p| self.get(p).err().map(|e| (p.clone(), e)))
            .collect();
        (failures, self.caption_problems())
    }

    /// The problems of the caption files read since the last call (each reported once, by
    /// whichever stage read the clip).
    pub fn caption_problems(&self) -> Vec<Diagnostic> {
        let mut problems = self
            .caption_problems
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *problems)
            .into_values()
            .flatten()
            .collect()
    }

    /// The published copy of one file, processing it (or reading the cache) the first time.
    pub fn get(&self, path: &Path) -> Result<Arc<MediaInfo>, Problem> {
        let slot = {
            let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            memo.entry(path.to_path_buf()).or_default().clone()
        };
        slot.get_or_init(|| self.process(path).map(Arc::new))
            .clone()
    }

    /// Refuses a clip for the rest of the build, wherever it is used (e.g. withdrawn consent).
    pub fn forbid(&self, path: &Path, why: Problem) {
        self.forbidden.add(path, why);
    }

    /// Deletes every cached file made from a clip and its caption files, so nothing of it
    /// stays in this machine's cache either; true if something was deleted.
    pub fn purge(&self, path: &Path) -> std::io::Result<bool> {
        let mut deleted = match hash_file(path) {
            Ok(folder) => self.cache.remove_folder(&folder)?,
            Err(_) => false,
        };
        for (file, _) in caption_files(path) {
            if let Ok(text) = std::fs::read_to_string(&file) {
                let name = caption_name(&vtt::without_notes(&crate::text::normalize(&text)));
                match std::fs::remove_file(self.cache.path(&format!("captions/{name}"))) {
                    Ok(()) => deleted = true,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(deleted)
    }

    /// Files to publish: output path (under the output folder) → file.
    pub fn published(&self) -> Vec<(String, PathBuf)> {
        let published = self.published.lock().unwrap_or_else(|e| e.into_inner());
        published
            .iter()
            .map(|(out, file)| (out.clone(), file.clone()))
            .collect()
    }

    fn process(&self, path: &Path) -> Result<MediaInfo, Problem> {
        if let Some(why) = self.forbidden.reason(path) {
            return Err(why);
        }
        if let Some(target) = crate::confine::outside(&self.root, path) {
            return Err(Problem::new(
                crate::confine::message(&target),
                crate::confine::HINT,
            ));
        }
        let size = std::fs::metadata(path)
            .map_err(|e| {
                Problem::new(
                    format!("cannot read the file: {e}"),
                    "check that it exists and can be read",
                )
            })?
            .len();
        if size > self.settings.max_bytes() {
            return Err(too_large(size, self.settings.max_megabytes));
        }
        let folder = hash_file(path)?;
        let meta = self.meta(path, &folder)?;
        let probe = &meta;
        let ext = meta.container.ext(meta.kind);
        let name = format!("{folder}/file.{ext}");
        let published = self.copy(path, &folder, &name, probe)?;
        let bytes = std::fs::metadata(&published).map_or(size, |m| m.len());
        let url = self.publish(&format!("{folder}.{ext}"), published);
        let poster = match (poster_beside(path), meta.kind) {
            (Some(p), _) => Some(p),
            (None, Kind::Video) if self.write && tools::available() => {
                let frame = format!("{folder}/poster.png");
                if !self.cache.has(&frame) {
                    strip::poster_frame(path, probe, &self.cache.path(&frame))?;
                }
                Some(self.cache.path(&frame))
            }
            (None, _) => None,
        };
        Ok(MediaInfo {
            kind: meta.kind,
            url,
            mime: meta.container.mime(meta.kind),
            bytes,
            width: meta.width,
            height: meta.height,
            duration_ms: meta.duration_ms,
            poster,
            tracks: self.tracks(path, meta.kind),
        })
    }

    /// The file to publish: the copy without metadata (made now if the cache lacks it); without
    /// ffmpeg, the file itself if it records nothing of place, device or owner.
    fn copy(
        &self,
        path: &Path,
        folder: &str,
        name: &str,
        probe: &probe::Probe,
    ) -> Result<PathBuf, Problem> {
        let copy = self.cache.path(name);
        if self.cache.has(name) {
            return Ok(copy);
        }
        if !tools::available() {
            tags::read(path, &extension(path))?;
            return Ok(path.to_path_buf());
        }
        if self.write {
            self.make_folder(folder)?;
            strip::strip(path, probe, &copy)?;
            Ok(copy)
        } else {
            Ok(path.to_path_buf())
        }
    }

    /// Kind, size and duration: from the cache, else from ffprobe (and cached, unless checking),
    /// else from the container without ffmpeg.
    fn meta(&self, path: &Path, folder: &str) -> Result<probe::Probe, Problem> {
        let name = format!("{folder}/meta.json");
        if let Some(m) = self
            .cache
            .get(&name)
            .and_then(|b| serde_json::from_slice(&b).ok())
        {
            return Ok(m);
        }
        if !tools::available() {
            return tags::read(path, &extension(path));
        }
        let m = probe::probe(path, &extension(path))?;
        if self.write {
            // A full disk costs only time: the file is probed again next build.
            let _ = self
                .cache
                .put(&name, &serde_json::to_vec(&m).unwrap_or_default());
        }
        Ok(m)
    }

    fn make_folder(&self, folder: &str) -> Result<(), Problem> {
        let dir = self.cache.path(folder);
        std::fs::create_dir_all(&dir).map_err(|e| {
            Problem::new(
                format!("cannot write the media cache {}: {e}", dir.display()),
                "check that the disk has room and that .passage/ can be written",
            )
        })
    }

    /// Records `file` as published under `media/<name>`; its site URL.
    fn publish(&self, name: &str, file: PathBuf) -> String {
        let output = format!("{OUTPUT_DIR}/{name}");
        let url = format!("{}/{output}", self.base_path);
        self.published
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(output, file);
        url
    }

    /// The caption files beside `clip` (`film.en.vtt`…), in the site's language order; their
    /// problems are kept for the build's report.
    fn tracks(&self, clip: &Path, kind: Kind) -> Vec<Track> {
        let mut tracks = Vec::new();
        let mut problems = Vec::new();
        let files = caption_files(clip);
        if files.is_empty() {
            problems.push(no_captions(&display_path(&self.root, clip), kind));
        }
        for (file, lang) in files {
            let shown = display_path(&self.root, &file);
            let Some((code, label)) = self.languages.iter().find(|(c, _)| *c == lang) else {
                let codes: Vec<&str> = self.languages.iter().map(|(c, _)| c.as_str()).collect();
                problems.push(
                    Diagnostic::warning(&shown, format!("captions in `{lang}`, which is not a language of the site, are not published"))
                        .hint(format!("name the file after the language it is in: one of {} (film.{}.vtt), or add the language to site.toml", codes.join(", "), codes.first().unwrap_or(&"en"))),
                );
                continue;
            };
            match self.track(&file, &shown, code, label) {
                Ok(t) => tracks.push(t),
                Err(mut ds) => problems.append(&mut ds),
            }
        }
        let order = |t: &Track| self.languages.iter().position(|(c, _)| *c == t.lang);
        tracks.sort_by_key(order);
        if !problems.is_empty() {
            self.caption_problems
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(clip.to_path_buf(), problems);
        }
        tracks
    }

    fn track(
        &self,
        file: &Path,
        shown: &Path,
        lang: &str,
        label: &str,
    ) -> Result<Track, Vec<Diagnostic>> {
        let text = crate::text::read(file, shown)?;
        let cues = vtt::parse(&text, shown)?;
        let published = vtt::without_notes(&text);
        let name = caption_name(&published);
        let stored = format!("captions/{name}");
        if self.write
            && !self.cache.has(&stored)
            && self.cache.put(&stored, published.as_bytes()).is_err()
        {
            return Err(vec![
                Diagnostic::error(shown, "cannot store the captions in the media cache")
                    .hint("check that the disk has room and that .passage/ can be written"),
            ]);
        }
        Ok(Track {
            lang: lang.to_string(),
            label: label.to_string(),
            url: self.publish(&name, self.cache.path(&stored)),
            cues,
        })
    }
}

/// The published name of a caption file, from its published text (notes left out).
fn caption_name(published: &str) -> String {
    format!("{}.vtt", &blake3::hash(published.as_bytes()).to_hex()[..16])
}

/// A photo with the clip's name beside it (`film.jpg` for `film.mp4`): its poster.
pub fn poster_beside(clip: &Path) -> Option<PathBuf> {
    POSTER_EXTENSIONS
        .iter()
        .map(|ext| clip.with_extension(ext))
        .find(|p| p.is_file())
}

/// Caption files beside `clip` and the language their name gives: `film.ka.vtt` → `ka`.
fn caption_files(clip: &Path) -> Vec<(PathBuf, String)> {
    let (Some(dir), Some(stem)) = (clip.parent(), clip.file_stem().and_then(|s| s.to_str())) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let rest = name.strip_prefix(stem)?.strip_prefix('.')?;
            let lang = rest.strip_suffix(".vtt").or(rest.strip_suffix(".VTT"))?;
            (!lang.is_empty() && !lang.contains('.')).then(|| (e.path(), lang.to_string()))
        })
        .collect();
    found.sort();
    found
}

/// A stable name for a file's contents, read in pieces (a video may be large).
fn hash_file(path: &Path) -> Result<String, Problem> {
    let mut h = blake3::Hasher::new();
    h.update(PIPELINE_VERSION.as_bytes());
    let file = std::fs::File::open(path).map_err(|e| {
        Problem::new(
            format!("cannot read the file: {e}"),
            "check that it exists and can be read",
        )
    })?;
    h.update_reader(file).map_err(|e| {
        Problem::new(
            format!("cannot read the file: {e}"),
            "check that it exists and can be read",
        )
    })?;
    Ok(h.finalize().to_hex()[..16].to_string())
}

/// The warning for a clip without a caption file: its words reach nobody who cannot hear it.
fn no_captions(shown: &Path, kind: Kind) -> Diagnostic {
    let stem = shown
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let (what, for_whom) = match kind {
        Kind::Video => (
            "the video has no captions",
            "deaf visitors, and those who watch without sound, read them",
        ),
        Kind::Audio => (
            "the recording has no transcript",
            "deaf visitors, and those who cannot play sound, read it instead",
        ),
    };
    Diagnostic::warning(shown, what).hint(format!(
        "add a WebVTT file per language beside it ({stem}.en.vtt, …): {for_whom}"
    ))
}

fn too_large(size: u64, limit: u64) -> Problem {
    Problem::new(
        format!(
            "the file is {} MB, over the limit of {limit} MB",
            megabytes(size)
        ),
        format!(
            "make it smaller, e.g. 720p: ffmpeg -i in.mp4 -vf scale=-2:720 -c:v libx264 -crf 26 -c:a aac -b:a 96k out.mp4; or raise the limit with [media] max_megabytes = {} in site.toml",
            size.div_ceil(1_000_000)
        ),
    )
}
