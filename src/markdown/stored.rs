//! Rendered Markdown kept between builds (`.passage/cache/markdown/`), so that a rebuild after
//! an edit, or the dev server's first page, renders only the texts that changed.
//!
//! An entry is named by a hash of everything [`super::render`] is given: the page's text and
//! front matter, its file and folder, its URL and language, and passage's own build. What
//! rendering asked the rest of the site through [`LinkTargets`] (where a link leads, a photo's
//! renditions, whether a file beside the page exists, a UI string…) is stored with the HTML, as
//! each question and a digest of its answer. An entry is reused only when every question gets
//! the same answer in this build, so there is no list of what a text depends on to forget:
//! whatever it asked is asked again.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{LinkTargets, Rendered};
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

/// A hash of an answer: its `Debug` text (every field, with no serializer to keep in step).
type Digest = [u8; 16];

fn digest(answer: &impl Debug) -> Digest {
    let hash = blake3::hash(format!("{answer:?}").as_bytes());
    let mut d = [0; 16];
    d.copy_from_slice(&hash.as_bytes()[..16]);
    d
}

/// A stored text: the questions asked while rendering it, with their answers, and the result,
/// its HTML apart as bytes (checked as UTF-8 by `simdutf8`, many times faster than serde's
/// check on Georgian and Armenian).
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    asked: Vec<(Question, Digest)>,
    #[serde(borrow, with = "serde_bytes")]
    html: &'a [u8],
    /// The rest of what rendering learned, `html` left empty.
    rest: Rendered,
}

impl Entry<'_> {
    fn rendered(self) -> Option<Rendered> {
        let html = simdutf8::basic::from_utf8(self.html).ok()?.to_owned();
        Some(Rendered { html, ..self.rest })
    }
}

/// The rendered texts of a site's last builds: read by every mode, written by build and serve.
pub struct Stored {
    cache: Cache,
    writes: bool,
}

impl Stored {
    /// The store of the site at `root`; `writes` is false where nothing may be written (check).
    pub fn new(root: &Path, writes: bool) -> Self {
        Self {
            cache: Cache::new(root, CACHE_KIND),
            writes,
        }
    }

    /// The text of `page` rendered as [`super::render`] would, taken from the store when every
    /// question it asked last time has the same answer; with the name of its entry.
    pub fn render(
        &self,
        page: &SourcePage,
        page_url: &str,
        lang: &str,
        links: &dyn LinkTargets,
        eager_first: bool,
    ) -> (Rendered, String) {
        let name = entry_name(page, page_url, lang, eager_first);
        let bytes = self.cache.get(&name).unwrap_or_default();
        if let Ok(entry) = postcard::from_bytes::<Entry>(&bytes)
            && same_answers(&entry.asked, links)
            && let Some(rendered) = entry.rendered()
        {
            return (rendered, name);
        }
        let recorder = Recorder {
            links,
            asked: RefCell::default(),
            clips: RefCell::default(),
        };
        let rendered = super::render(page, page_url, lang, &recorder, eager_first);
        // A text with problems is rendered again next time, so its problems are reported again.
        if self.writes && rendered.problems.is_empty() {
            let mut rest = rendered;
            let html = std::mem::take(&mut rest.html);
            let entry = Entry {
                asked: recorder.asked.into_inner(),
                html: html.as_bytes(),
                rest,
            };
            // The store only saves time: an entry that cannot be written is rendered next time.
            if let Ok(bytes) = postcard::to_stdvec(&entry) {
                let _ = self.cache.put(&name, &bytes);
            }
            let rest = entry.rest;
            return (Rendered { html, ..rest }, name);
        }
        (rendered, name)
    }

    /// Deletes the entries this build did not use (texts since edited or deleted).
    pub fn prune(&self, used: &HashSet<String>) {
        if self.writes {
            self.cache
                .prune(|name| name.ends_with(".bin") && !used.contains(name));
        }
    }
}

/// Whether the bytes of a stored entry read back whole (for tests of killed builds).
pub fn is_whole(bytes: &[u8]) -> bool {
    postcard::from_bytes::<Entry>(bytes).is_ok_and(|e| e.rendered().is_some())
}

/// The entry's file name: a hash of everything rendering is given besides its questions (the
/// whole source file as its digest: front matter and text).
fn entry_name(page: &SourcePage, page_url: &str, lang: &str, eager_first: bool) -> String {
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
    let mut hasher = blake3::Hasher::new();
    hasher.update(given.as_bytes());
    hasher.update(&page.digest);
    let hex = hasher.finalize().to_hex();
    format!("{}.bin", &hex[..32])
}

/// Whether every question gets the answer it got when the entry was stored.
fn same_answers(asked: &[(Question, Digest)], links: &dyn LinkTargets) -> bool {
    let mut clips: Vec<Option<Arc<MediaInfo>>> = Vec::with_capacity(asked.len());
    for (question, then) in asked {
        let mut clip = None;
        let now = match question {
            Question::Image(p) => digest(&links.image(p)),
            Question::ImageSizes => digest(&links.image_sizes()),
            Question::Media(p) => {
                clip = links.media(p);
                digest(&clip)
            }
            Question::FacadeNotice(lang, site) => digest(&links.facade_notice(lang, site)),
            Question::MediaWords(lang, at) => match clips.get(*at).and_then(Option::as_ref) {
                Some(info) => digest(&links.media_words(lang, info)),
                None => return false,
            },
            Question::PageUrl(key, lang) => digest(&links.page_url(key, lang)),
            Question::HasPath(p) => digest(&links.has_path(p)),
            Question::IsDraft(key) => digest(&links.is_draft(key)),
            Question::Outside(file) => digest(&links.outside(file)),
            Question::IsFile(file) => digest(&links.is_file(file)),
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
    fn note<T: Debug>(&self, question: Question, answer: T) -> T {
        self.asked.borrow_mut().push((question, digest(&answer)));
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
            digest: *blake3::hash(body.as_bytes())
                .as_bytes()
                .first_chunk()
                .unwrap(),
        }
    }

    const TEXT: &str = "Read [the next story](@/stories/x) and [the leaflet](leaflet.pdf).";

    #[test]
    fn a_text_is_taken_from_the_store_only_while_its_answers_hold() {
        let dir = tempfile::tempdir().unwrap();
        let stored = Stored::new(dir.path(), true);
        let site = Site {
            story_url: RefCell::new("/en/stories/x/".into()),
            beside: Cell::new(true),
        };
        let page = page(TEXT);
        let render = || stored.render(&page, "/en/stories/y/", "en", &site, true);
        let (first, name) = render();
        assert!(first.html.contains("/en/stories/x/"), "{}", first.html);
        assert!(first.problems.is_empty());

        // Reused: an entry whose HTML was changed in the store comes back changed.
        let cache = Cache::new(dir.path(), CACHE_KIND);
        let bytes = cache.get(&name).unwrap();
        let mut entry: Entry = postcard::from_bytes(&bytes).unwrap();
        let marked = String::from_utf8(entry.html.to_vec()).unwrap() + "<!-- stored -->";
        entry.html = marked.as_bytes();
        cache
            .put(&name, &postcard::to_stdvec(&entry).unwrap())
            .unwrap();
        assert!(render().0.html.ends_with("<!-- stored -->"));

        // A linked story moved: rendered again, with its new address.
        *site.story_url.borrow_mut() = "/en/stories/x-moved/".into();
        let (moved, same_name) = render();
        assert_eq!(same_name, name, "the text is the same");
        assert!(
            moved.html.contains("/en/stories/x-moved/"),
            "{}",
            moved.html
        );
        assert!(!moved.html.contains("<!-- stored -->"));

        // The file beside the page deleted: rendered again, and the broken link reported each
        // time, never stored.
        site.beside.set(false);
        for _ in 0..2 {
            let (broken, _) = render();
            assert_eq!(broken.problems.len(), 1, "{:?}", broken.problems);
            assert!(broken.problems[0].message.contains("leaflet.pdf"));
        }
        site.beside.set(true);
        assert!(render().0.problems.is_empty());
    }

    #[test]
    fn other_texts_have_other_entries_and_unused_ones_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site {
            story_url: RefCell::new("/en/stories/x/".into()),
            beside: Cell::new(true),
        };
        let stored = Stored::new(dir.path(), true);
        let (_, a) = stored.render(&page(TEXT), "/en/stories/y/", "en", &site, true);
        let (_, b) = stored.render(&page("Other words."), "/en/stories/y/", "en", &site, true);
        let (_, c) = stored.render(&page(TEXT), "/en/stories/z/", "en", &site, true);
        assert!(a != b && a != c && b != c);
        stored.prune(&HashSet::from([b.clone()]));
        let cache = Cache::new(dir.path(), CACHE_KIND);
        assert!(cache.has(&b) && !cache.has(&a) && !cache.has(&c));

        // `check` reads the store but writes nothing.
        let reading = Stored::new(dir.path(), false);
        let (_, d) = reading.render(&page("New words."), "/en/stories/y/", "en", &site, true);
        reading.prune(&HashSet::new());
        assert!(!cache.has(&d) && cache.has(&b));
    }
}
