//! What rendering each text learned, kept between builds (`.passage/cache/markdown/`), so that
//! a rebuild after an edit renders only the texts that changed.
//!
//! An entry is named by a hash of everything [`super::render`] is given: the page's text and
//! front matter, its file and folder, its URL and language, and passage's own build. What
//! rendering asked the rest of the site through [`LinkTargets`] (where a link leads, a photo's
//! renditions, whether a file beside the page exists, a UI string…) is stored with what it
//! learned (its headings, first paragraph, the digest of its HTML), as each question and a
//! digest of its answer. The HTML itself is not stored: a page kept from the last build needs
//! only its digest, and a page made again gets it rendered again. An entry is reused only when every question gets
//! the same answer in this build, so there is no list of what a text depends on to forget:
//! whatever it asked is asked again.

use foldhash::HashMap;
use std::cell::RefCell;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

use super::{FileRef, LinkTargets, Rendered};
use crate::cache::Cache;
use crate::content::SourcePage;
use crate::images::ImageInfo;
use crate::media::{MediaInfo, Words};

/// The cache folder (under `.passage/cache/`) of rendered texts.
pub const CACHE_KIND: &str = "markdown";

/// One question rendering asked the rest of the site.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Question {
    Image(PathBuf),
    ImageSizes,
    Media(PathBuf),
    FacadeNotice(String, String),
    /// The words around the clip that the question at this index was answered with.
    MediaWords(String, usize),
    PageUrl(String, String),
    HasPath(String),
    IsDraft(String),
    Outside(PathBuf),
    IsFile(PathBuf),
}

/// A hash of an answer.
type Digest = [u8; 16];

/// An answer as the store compares it: by a digest of its `Debug` text (every field, with no
/// serializer to keep in step), or, for the plain answers most questions get (where a link
/// leads, whether a file is there), of the answer itself: a rebuild asks every question of
/// every text again.
trait Answer: Debug {
    fn digest(&self) -> Digest {
        DEBUG_TEXT.with_borrow_mut(|text| {
            use std::fmt::Write;
            text.clear();
            let _ = write!(text, "{self:?}");
            crate::cache::digest(text.as_bytes())
        })
    }
}

thread_local! {
    /// An answer's `Debug` text, written out to be hashed.
    static DEBUG_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

impl Answer for bool {
    fn digest(&self) -> Digest {
        [u8::from(*self); 16]
    }
}

impl Answer for Option<String> {
    fn digest(&self) -> Digest {
        match self {
            None => [0; 16],
            Some(text) => crate::cache::digest(text.as_bytes()),
        }
    }
}

impl Answer for Option<Arc<ImageInfo>> {}
impl Answer for &str {}
impl Answer for Option<Arc<MediaInfo>> {}
impl Answer for Result<String, String> {}
impl Answer for Result<Words, String> {}
impl Answer for Option<PathBuf> {}

/// A stored text: the questions asked while rendering it, with a digest of each answer, and
/// what rendering learned, without the HTML (made again, if a page needs it, by
/// [`super::render`]: a rebuild mostly keeps the pages, which need only its digest).
#[derive(Serialize, Deserialize)]
struct Entry {
    asked: Vec<(Question, Digest)>,
    rest: Rendered,
}

/// The name of an entry: a hash of everything rendering is given besides its questions.
type Name = [u8; 16];

/// The store is a few files, not one per text (a cold build of 15,000 texts would write
/// 15,000) nor one in all: an entry goes in the file its name's first byte picks, and a rebuild
/// after an edit writes again only the files whose entries changed (one of 16, of a 22 MB store
/// at 5,000 stories). Entries check themselves, so files saved by different builds mix safely.
const FILES: usize = 16;

/// The file of the store that holds the entries named `name`.
fn file_of(name: &Name) -> usize {
    usize::from(name[0]) % FILES
}

/// The name of the store's file `k`.
fn file_name(k: usize) -> String {
    format!("texts-{k:02}.bin")
}

/// The single file of earlier versions, deleted when the store is saved.
const OLD_FILE: &str = "texts.bin";

/// The store as saved: the texts' entries, still encoded, and the photos and clips each source
/// file names (by a hash of the file and passage's build).
#[derive(Serialize, Deserialize, Default)]
struct Saved {
    texts: Vec<(Name, ByteBuf)>,
    refs: Vec<(Name, Vec<FileRef>)>,
}

/// The part of the store a build fills, or takes from the last one.
struct Part<T> {
    last: HashMap<Name, T>,
    now: Mutex<Vec<(Name, T)>>,
    /// Per file of the store, whether this build made an entry of it the last one did not store.
    made: [AtomicBool; FILES],
}

impl<T: Clone> Part<T> {
    fn new(last: HashMap<Name, T>) -> Self {
        Self {
            last,
            now: Mutex::default(),
            made: std::array::from_fn(|_| AtomicBool::new(false)),
        }
    }

    fn keep(&self, name: Name, entry: T) {
        if let Ok(mut now) = self.now.lock() {
            now.push((name, entry));
        }
    }

    fn made(&self, name: Name, entry: T) {
        self.made[file_of(&name)].store(true, Ordering::Relaxed);
        self.keep(name, entry);
    }

    /// This build's entries, sorted, and per file of the store whether they differ from the
    /// last build's there (only kept entries, and as many: the same ones).
    fn into_entries(self) -> (Vec<(Name, T)>, [bool; FILES]) {
        let mut now = self.now.into_inner().unwrap_or_default();
        now.sort_unstable_by_key(|e| e.0);
        // Two files alike are one entry, kept twice.
        now.dedup_by(|a, b| a.0 == b.0);
        let mut counts = [0isize; FILES];
        now.iter().for_each(|(name, _)| counts[file_of(name)] += 1);
        self.last.keys().for_each(|name| counts[file_of(name)] -= 1);
        let changed =
            std::array::from_fn(|k| self.made[k].load(Ordering::Relaxed) || counts[k] != 0);
        (now, changed)
    }
}

/// The rendered texts of a site's last build: read by every mode, written by build and serve.
pub struct Stored {
    cache: Cache,
    writes: bool,
    /// The texts' entries, encoded.
    texts: Part<Vec<u8>>,
    /// The photos and clips each source file names.
    refs: Part<Vec<FileRef>>,
}

impl Stored {
    /// The store of the site at `root`; `writes` is false where nothing may be written (check).
    pub fn new(root: &Path, writes: bool) -> Self {
        let cache = Cache::new(root, CACHE_KIND);
        let files: Vec<Saved> = (0..FILES)
            .into_par_iter()
            .filter_map(|k| cache.get(&file_name(k)))
            .filter_map(|bytes| postcard::from_bytes::<Saved>(&bytes).ok())
            .collect();
        let mut texts = HashMap::default();
        let mut refs = HashMap::default();
        for saved in files {
            texts.extend(saved.texts.into_iter().map(|(n, e)| (n, e.into_vec())));
            refs.extend(saved.refs);
        }
        Self {
            cache,
            writes,
            texts: Part::new(texts),
            refs: Part::new(refs),
        }
    }

    /// No store: every text is rendered, nothing is written (the dev server after a save,
    /// which keeps its texts in memory, need not read a big site's store each time).
    pub fn off(root: &Path) -> Self {
        Self {
            cache: Cache::new(root, CACHE_KIND),
            writes: false,
            texts: Part::new(HashMap::default()),
            refs: Part::new(HashMap::default()),
        }
    }

    /// The photos and clips the text of `page` names, as [`super::refs_in`] finds them; taken
    /// from the store when the file is the same, so an unchanged text is not read for them.
    pub fn refs(&self, page: &SourcePage) -> Vec<FileRef> {
        let mut given = env!("PASSAGE_BUILD_ID").as_bytes().to_vec();
        given.extend_from_slice(&page.digest);
        let name = crate::cache::digest(&given);
        if let Some(refs) = self.refs.last.get(&name) {
            self.refs.keep(name, refs.clone());
            return refs.clone();
        }
        let refs = super::refs_in(page);
        self.refs.made(name, refs.clone());
        refs
    }

    /// The text of `page` rendered as [`super::render`] would; taken from the store, without
    /// its HTML ([`Rendered::html_to_make`]), when every question it asked last time has the
    /// same answer.
    pub fn render(
        &self,
        page: &SourcePage,
        page_url: &str,
        lang: &str,
        links: &dyn LinkTargets,
        eager_first: bool,
    ) -> Rendered {
        let name = entry_name(page, page_url, lang, eager_first);
        if let Some(bytes) = self.texts.last.get(&name)
            && let Ok(entry) = postcard::from_bytes::<Entry>(bytes)
            && same_answers(&entry.asked, links)
        {
            self.texts.keep(name, bytes.clone());
            return Rendered {
                html_to_make: true,
                ..entry.rest
            };
        }
        let recorder = Recorder {
            links,
            asked: RefCell::default(),
            clips: RefCell::default(),
        };
        let mut rendered = super::render(page, page_url, lang, &recorder, eager_first);
        // A text with problems is rendered again next time, so its problems are reported again.
        if rendered.problems.is_empty() {
            let html = std::mem::take(&mut rendered.html);
            let entry = Entry {
                asked: recorder.asked.into_inner(),
                rest: rendered,
            };
            if let Ok(bytes) = postcard::to_stdvec(&entry) {
                self.texts.made(name, bytes);
            }
            rendered = Rendered { html, ..entry.rest };
        }
        rendered
    }

    /// Writes this build's entries in place of the last build's, unless they are the same.
    pub fn save(self) {
        let (texts, changed_texts) = self.texts.into_entries();
        let (refs, changed_refs) = self.refs.into_entries();
        if !self.writes {
            return;
        }
        let mut files: Vec<Saved> = (0..FILES).map(|_| Saved::default()).collect();
        for (name, bytes) in texts {
            files[file_of(&name)]
                .texts
                .push((name, ByteBuf::from(bytes)));
        }
        for (name, named) in refs {
            files[file_of(&name)].refs.push((name, named));
        }
        for (k, saved) in files.iter().enumerate() {
            if !(changed_texts[k] || changed_refs[k]) {
                continue;
            }
            // The store only saves time: if it cannot be written, the next build renders again.
            if let Ok(bytes) = postcard::to_stdvec(saved) {
                let _ = self.cache.put(&file_name(k), &bytes);
            }
        }
        self.cache.prune(|f| f == OLD_FILE);
    }
}

/// Whether the bytes of a store read back whole (for tests of killed builds).
pub fn is_whole(bytes: &[u8]) -> bool {
    postcard::from_bytes::<Saved>(bytes).is_ok_and(|saved| {
        saved
            .texts
            .iter()
            .all(|(_, e)| postcard::from_bytes::<Entry>(e).is_ok())
    })
}

/// The entry's name: a hash of everything rendering is given besides its questions (the whole
/// source file as its digest: front matter and text).
fn entry_name(page: &SourcePage, page_url: &str, lang: &str, eager_first: bool) -> Name {
    let given = format!(
        "{}\0{:?}\0{}\0{}\0{:?}\0{:?}\0{}\0{:?}\0{page_url}\0{lang}\0{eager_first}\0",
        env!("PASSAGE_BUILD_ID"),
        page.kind,
        page.key,
        page.lang,
        page.file,
        page.dir,
        page.body_line,
        page.tags_line,
    );
    let mut given = given.into_bytes();
    given.extend_from_slice(&page.digest);
    crate::cache::digest(&given)
}

/// Whether every question gets the answer it got when the entry was stored.
fn same_answers(asked: &[(Question, Digest)], links: &dyn LinkTargets) -> bool {
    let mut clips: Vec<Option<Arc<MediaInfo>>> = Vec::with_capacity(asked.len());
    for (question, then) in asked {
        let mut clip = None;
        let now = match question {
            Question::Image(p) => links.image(p).digest(),
            Question::ImageSizes => links.image_sizes().digest(),
            Question::Media(p) => {
                clip = links.media(p);
                clip.digest()
            }
            Question::FacadeNotice(lang, site) => links.facade_notice(lang, site).digest(),
            Question::MediaWords(lang, at) => match clips.get(*at).and_then(Option::as_ref) {
                Some(info) => links.media_words(lang, info).digest(),
                None => return false,
            },
            Question::PageUrl(key, lang) => links.page_url(key, lang).digest(),
            Question::HasPath(p) => links.has_path(p).digest(),
            Question::IsDraft(key) => links.is_draft(key).digest(),
            Question::Outside(file) => links.outside(file).digest(),
            Question::IsFile(file) => links.is_file(file).digest(),
        };
        if now != *then {
            return false;
        }
        clips.push(clip);
    }
    true
}

/// The site as rendering sees it, noting every question and its answer.
struct Recorder<'a> {
    links: &'a dyn LinkTargets,
    asked: RefCell<Vec<(Question, Digest)>>,
    /// The clips given out, by the index of the question that gave each.
    clips: RefCell<Vec<(usize, Arc<MediaInfo>)>>,
}

impl Recorder<'_> {
    fn note<T: Answer>(&self, question: Question, answer: T) -> T {
        self.asked.borrow_mut().push((question, answer.digest()));
        answer
    }
}

impl LinkTargets for Recorder<'_> {
    fn image(&self, path: &Path) -> Option<Arc<ImageInfo>> {
        self.note(Question::Image(path.into()), self.links.image(path))
    }

    fn image_sizes(&self) -> &str {
        self.note(Question::ImageSizes, self.links.image_sizes())
    }

    fn media(&self, path: &Path) -> Option<Arc<MediaInfo>> {
        let clip = self.note(Question::Media(path.into()), self.links.media(path));
        if let Some(info) = &clip {
            let at = self.asked.borrow().len() - 1;
            self.clips.borrow_mut().push((at, info.clone()));
        }
        clip
    }

    fn facade_notice(&self, lang: &str, site: &str) -> Result<String, String> {
        self.note(
            Question::FacadeNotice(lang.into(), site.into()),
            self.links.facade_notice(lang, site),
        )
    }

    fn media_words(&self, lang: &str, info: &MediaInfo) -> Result<Words, String> {
        let words = self.links.media_words(lang, info);
        let given = self
            .clips
            .borrow()
            .iter()
            .find(|(_, clip)| std::ptr::eq(&**clip, info))
            .map(|(at, _)| *at);
        // Words for a clip this text was not given cannot be asked again: such an entry is
        // never reused (the question points past the end).
        let at = given.unwrap_or(usize::MAX);
        self.note(Question::MediaWords(lang.into(), at), words)
    }

    fn page_url(&self, key: &str, lang: &str) -> Option<String> {
        self.note(
            Question::PageUrl(key.into(), lang.into()),
            self.links.page_url(key, lang),
        )
    }

    fn has_path(&self, path: &str) -> bool {
        self.note(Question::HasPath(path.into()), self.links.has_path(path))
    }

    fn is_draft(&self, key: &str) -> bool {
        self.note(Question::IsDraft(key.into()), self.links.is_draft(key))
    }

    fn outside(&self, file: &Path) -> Option<PathBuf> {
        self.note(Question::Outside(file.into()), self.links.outside(file))
    }

    fn is_file(&self, file: &Path) -> bool {
        self.note(Question::IsFile(file.into()), self.links.is_file(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{FrontMatter, PageKind};
    use std::cell::Cell;

    /// A site where one story's address and one file beside the page can change.
    struct Site {
        story_url: RefCell<String>,
        beside: Cell<bool>,
    }

    impl LinkTargets for Site {
        fn image(&self, _: &Path) -> Option<Arc<ImageInfo>> {
            None
        }
        fn image_sizes(&self) -> &str {
            "100vw"
        }
        fn page_url(&self, key: &str, _: &str) -> Option<String> {
            (key == "stories/x").then(|| self.story_url.borrow().clone())
        }
        fn has_path(&self, _: &str) -> bool {
            false
        }
        fn is_file(&self, file: &Path) -> bool {
            file.ends_with("leaflet.pdf") && self.beside.get()
        }
    }

    fn page(body: &str) -> SourcePage {
        SourcePage {
            key: "stories/y".into(),
            lang: "en".into(),
            kind: PageKind::Page {
                section: Some("stories".into()),
            },
            file: "content/stories/y/index.en.md".into(),
            dir: "content/stories/y".into(),
            meta: FrontMatter::default(),
            body: body.into(),
            body_line: 4,
            tags_line: None,
            digest: crate::cache::digest(body.as_bytes()),
        }
    }

    const TEXT: &str = "Read [the next story](@/stories/x) and [the leaflet](leaflet.pdf).";

    /// One build's rendering of `page` at `/en/stories/y/` through the store of `root`.
    fn build(root: &Path, site: &Site, page: &SourcePage) -> Rendered {
        let stored = Stored::new(root, true);
        let r = stored.render(page, "/en/stories/y/", "en", site, true);
        stored.save();
        r
    }

    #[test]
    fn a_text_is_taken_from_the_store_only_while_its_answers_hold() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site {
            story_url: RefCell::new("/en/stories/x/".into()),
            beside: Cell::new(true),
        };
        let page = page(TEXT);
        let first = build(dir.path(), &site, &page);
        assert!(first.html.contains("/en/stories/x/"), "{}", first.html);
        assert!(!first.html_to_make && first.problems.is_empty());

        // The next build takes it from the store, without its HTML but with its digest.
        let again = build(dir.path(), &site, &page);
        assert!(again.html_to_make && again.html.is_empty());
        assert_eq!(again.digest, first.digest);
        assert_eq!(again.first_paragraph, first.first_paragraph);

        // A linked story moved: rendered again, with its new address.
        *site.story_url.borrow_mut() = "/en/stories/x-moved/".into();
        let moved = build(dir.path(), &site, &page);
        assert!(!moved.html_to_make);
        assert!(
            moved.html.contains("/en/stories/x-moved/"),
            "{}",
            moved.html
        );
        assert_ne!(moved.digest, first.digest);

        // The file beside the page deleted: rendered again, and the broken link reported each
        // time, never stored.
        site.beside.set(false);
        for _ in 0..2 {
            let broken = build(dir.path(), &site, &page);
            assert_eq!(broken.problems.len(), 1, "{:?}", broken.problems);
            assert!(broken.problems[0].message.contains("leaflet.pdf"));
        }
        site.beside.set(true);
        assert!(build(dir.path(), &site, &page).problems.is_empty());
        assert!(build(dir.path(), &site, &page).html_to_make);

        // Another text at the same place is rendered.
        let other = build(dir.path(), &site, &self::page("Other words."));
        assert!(!other.html_to_make && other.html.contains("Other words."));
    }

    #[test]
    fn a_file_the_store_knows_is_not_read_for_its_photos() {
        let dir = tempfile::tempdir().unwrap();
        let text = "![A road](road.jpg) and [the song](song.mp3), [a page](@/about)";
        let stored = Stored::new(dir.path(), true);
        let refs = stored.refs(&page(text));
        let named: Vec<(&str, bool)> = refs.iter().map(|r| (r.path.as_str(), r.photo)).collect();
        assert_eq!(named, [("road.jpg", true), ("song.mp3", false)]);
        stored.save();
        // The same file, whose text would read as nothing: its photos come from the store.
        let unread = |digest| SourcePage {
            body: crate::content::Body::unread(dir.path().join("gone.md"), 0, digest),
            digest,
            ..page(text)
        };
        let stored = Stored::new(dir.path(), true);
        assert_eq!(stored.refs(&unread(page(text).digest)), refs);
        assert_eq!(stored.refs(&unread([0; 16])), []);
    }

    #[test]
    fn a_rebuild_writes_again_only_the_files_of_the_store_whose_entries_changed() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site {
            story_url: RefCell::new("/en/stories/x/".into()),
            beside: Cell::new(true),
        };
        let cache = Cache::new(dir.path(), CACHE_KIND);
        let build_all = |texts: &[String]| {
            let stored = Stored::new(dir.path(), true);
            for text in texts {
                stored.refs(&page(text));
                stored.render(&page(text), "/en/stories/y/", "en", &site, true);
            }
            stored.save();
        };
        // A file written again is a new file (written aside, then renamed): another inode.
        let files = || -> Vec<Option<crate::cache::Stamp>> {
            (0..FILES)
                .map(|k| crate::cache::Stamp::of(&cache.path(&file_name(k))))
                .collect()
        };
        let mut texts: Vec<String> = (0..64).map(|n| format!("Text number {n}.")).collect();
        build_all(&texts);
        let before = files();
        assert!(
            before.iter().all(Option::is_some),
            "64 texts fill every file"
        );
        texts[7] = "Text number 7, edited.".into();
        build_all(&texts);
        let after = files();
        let rewritten = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        // The old and the new text's entry, and the photos each names: at most four files.
        assert!(
            (1..=4).contains(&rewritten),
            "{rewritten} files written again"
        );
        let stored = Stored::new(dir.path(), true);
        assert_eq!(
            stored.texts.last.len(),
            64,
            "nothing lost, nothing left over"
        );
        assert_eq!(stored.refs.last.len(), 64);
    }

    #[test]
    fn the_store_holds_the_last_build_and_check_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site {
            story_url: RefCell::new("/en/stories/x/".into()),
            beside: Cell::new(true),
        };
        let cache = Cache::new(dir.path(), CACHE_KIND);
        build(dir.path(), &site, &page(TEXT));
        let files = || -> Vec<Vec<u8>> {
            (0..FILES)
                .filter_map(|k| cache.get(&file_name(k)))
                .collect()
        };
        let one = files();
        assert!(!one.is_empty() && one.iter().all(|f| is_whole(f)));
        build(dir.path(), &site, &page("Other words."));
        // Only the texts of the last build are kept.
        let stored = Stored::new(dir.path(), true);
        assert_eq!(stored.texts.last.len(), 1);
        assert!(
            !stored
                .render(&page(TEXT), "/en/stories/y/", "en", &site, true)
                .html_to_make
        );

        // `check` reads the store but writes nothing.
        let before = files();
        let reading = Stored::new(dir.path(), false);
        assert!(
            reading
                .render(&page("Other words."), "/en/stories/y/", "en", &site, true)
                .html_to_make
        );
        reading.render(&page("New words."), "/en/stories/y/", "en", &site, true);
        reading.save();
        assert_eq!(files(), before);
    }
}
