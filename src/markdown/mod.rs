//! Markdown to HTML for one translation: heading ids, internal links, the raw-HTML policy.
//!
//! Raw HTML policy: authors may use HTML for formatting (tables, `<details>`, `<abbr>`,
//! `<sup>`…), but every page that contains raw HTML is passed through an allow-list sanitizer
//! (ammonia). Whatever it removes is reported first, as a warning naming the file and line, so
//! the author knows their paste was changed; references in raw HTML (`src`, `href`, `srcset`,
//! `poster`) are resolved like Markdown's own photos and links (see [`raw_html`]). Journey
//! introductions (`snippet_html`) go through the same sanitizer and are reported the same way.

mod raw_html;
pub mod stored;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::content::SourcePage;
use crate::diagnostics::{Diagnostic, line_col};
use crate::images::{ImageInfo, is_image_path};
use crate::media::{MediaInfo, Words, is_media_path};
use crate::slug::{UniqueIds, slugify};
pub(crate) use raw_html::Removed;
use raw_html::{Change, MAX_DEPTH, Protected, Reference, deeper_than, sanitize};

/// What Markdown rendering needs to know about the rest of the site.
pub trait LinkTargets {
    /// The processed renditions of a photo, if it could be processed (failures are reported
    /// once by the image stage, not by every page that uses the photo).
    fn image(&self, path: &Path) -> Option<Arc<ImageInfo>>;
    /// The `sizes` attribute for photos in the text.
    fn image_sizes(&self) -> &str;
    /// The published copy of a video or audio file, if it could be made (failures are
    /// reported once by the media stage).
    fn media(&self, _path: &Path) -> Option<Arc<MediaInfo>> {
        None
    }
    /// The line under a video from another site (`site`) saying that playing loads it from
    /// there, for readers of `lang`.
    fn facade_notice(&self, _lang: &str, _site: &str) -> Result<String, String> {
        Err("no UI strings".into())
    }
    /// The words shown around a clip for readers of `lang`, or why they are missing.
    fn media_words(&self, _lang: &str, _info: &MediaInfo) -> Result<Words, String> {
        Err("no UI strings".into())
    }
    /// URL of the page with `key` as readers of `lang` get it, if it is published in `lang`.
    fn page_url(&self, key: &str, lang: &str) -> Option<String>;
    /// Whether an absolute site path such as `/ka/about/` is part of the output.
    fn has_path(&self, path: &str) -> bool;
    /// Whether a page exists but is a draft, left out of this build.
    fn is_draft(&self, _key: &str) -> bool {
        false
    }
    /// Where a linked file really is, when that is outside the site (see [`crate::confine`]).
    fn outside(&self, _file: &Path) -> Option<PathBuf> {
        None
    }
    /// Whether a file beside the page exists: asked here, so that what a text found on disk is
    /// part of what [`stored`] compares before reusing its HTML.
    fn is_file(&self, file: &Path) -> bool {
        file.is_file()
    }
}

/// The HTML of one translation and what was learned while making it.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// Body HTML, safe to insert unescaped.
    pub html: String,
    /// Plain text of the first paragraph, used when front matter has no summary.
    pub first_paragraph: String,
    /// Files beside the page that the body links to and that must be published with it.
    pub assets: Vec<PathBuf>,
    /// Ids of the headings, for checking links to `#fragments` of this page.
    pub anchors: Vec<String>,
    /// Links to a fragment of a page of the site: page key, fragment, line and column.
    pub fragment_links: Vec<(String, String, usize, usize)>,
    /// Problems found in the body (never stored: a text with problems is rendered again).
    #[serde(skip)]
    pub problems: Vec<Diagnostic>,
    /// Whether the text shows a video from another site, whose player the theme's
    /// `facade.js` loads when the visitor presses play.
    pub embeds: bool,
    /// Where the front matter's call to action (`cta_link`) leads, checked like a link in the text.
    pub cta_url: Option<String>,
    /// A hash of `html`, made with it: a page is compared with the last build's by this, not
    /// by its whole text.
    pub digest: [u8; 16],
    /// Set when this came from the store without its HTML (`html` is empty): the site makes it
    /// again when a page needs it (`resolve::Site::html`).
    #[serde(skip)]
    pub html_to_make: bool,
    /// The HTML made again.
    #[serde(skip)]
    pub made: std::sync::OnceLock<String>,
}

/// Markdown extensions every page gets.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// A photo being read from the event stream: its renditions, title (caption) and alt text.
struct OpenImage {
    info: Option<Arc<ImageInfo>>,
    /// Set when the "photo" is a video or audio file.
    media: Option<Arc<MediaInfo>>,
    caption: String,
    alt: String,
    depth: usize,
    offset: usize,
}

/// A local photo or clip a text shows or links to, as it names it: a path relative to the
/// text's folder, decoded. Whether the file is there is asked each time ([`file_refs`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FileRef {
    path: String,
    photo: bool,
}

/// Local photo files and local video and audio files a page's text shows or links to (in
/// Markdown or raw HTML), among `refs` (from [`refs_in`]), for the image and media stages to
/// process first.
pub fn file_refs(page: &SourcePage, refs: &[FileRef]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut photos = Vec::new();
    let mut media = Vec::new();
    for r in refs {
        let file = page.dir.join(&r.path);
        if file.is_file() {
            match r.photo {
                true => photos.push(file),
                false => media.push(file),
            }
        }
    }
    (photos, media)
}

/// The photos and clips a page's text names, in order; one reading of the text for both.
pub fn refs_in(page: &SourcePage) -> Vec<FileRef> {
    let mut refs = Vec::new();
    if !may_name_files(page.body()) {
        return refs;
    }
    let mut found = |dest: &str| {
        for photo in [true, false] {
            let kind = if photo { is_image_path } else { is_media_path };
            if let Some(path) = local_path(dest, kind) {
                refs.push(FileRef { path, photo });
                return;
            }
        }
    };
    let raw = |html: &str, found: &mut dyn FnMut(&str)| {
        raw_html::walk(html, &mut |r| {
            if r.attr == "href" || (r.tag == "img" && r.attr == "src") {
                found(&r.url);
            }
            Change::Keep
        });
    };
    // An HTML block is read whole, as when rendering: a tag may span its lines.
    let mut block: Option<String> = None;
    for event in Parser::new_ext(page.body(), options()) {
        match (&event, &mut block) {
            (Event::Start(Tag::Image { dest_url, .. }), _)
            | (Event::Start(Tag::Link { dest_url, .. }), _) => found(dest_url),
            (Event::Start(Tag::HtmlBlock), _) => block = Some(String::new()),
            (Event::Html(html), Some(text)) => text.push_str(html),
            (Event::End(TagEnd::HtmlBlock), _) => {
                raw(&block.take().unwrap_or_default(), &mut found)
            }
            (Event::Html(html) | Event::InlineHtml(html), _) => raw(html, &mut found),
            _ => {}
        }
    }
    refs
}

/// Whether `text` could name a photo or clip: one of their extensions after a dot, or a
/// character that could spell one otherwise (a percent-encoding, an entity, an escape). Most
/// texts name none, and this is far cheaper than reading them as Markdown.
fn may_name_files(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'%', b'&', b'\\', bytes).is_some() {
        return true;
    }
    let extensions = || {
        crate::images::IMAGE_EXTENSIONS
            .iter()
            .chain(crate::media::VIDEO_EXTENSIONS)
            .chain(crate::media::AUDIO_EXTENSIONS)
    };
    memchr::memchr_iter(b'.', bytes).any(|at| {
        let rest = &bytes[at + 1..];
        extensions().any(|ext| {
            rest.get(..ext.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(ext.as_bytes()))
        })
    })
}

/// The file a relative photo reference points at, if it is one and exists.
fn local_image(page: &SourcePage, dest: &str, links: &dyn LinkTargets) -> Option<PathBuf> {
    local_file(page, dest, is_image_path, &|f| links.is_file(f))
}

/// The file a relative reference points at, if `kind` accepts its path and it exists.
fn local_file(
    page: &SourcePage,
    dest: &str,
    kind: fn(&str) -> bool,
    exists: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let file = page.dir.join(local_path(dest, kind)?);
    exists(&file).then_some(file)
}

/// The path, relative to the text's folder and decoded, that a reference names, if it is
/// relative and `kind` accepts it.
fn local_path(dest: &str, kind: fn(&str) -> bool) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with('/') || dest.starts_with("//") || dest.starts_with('@') || has_scheme(dest)
    {
        return None;
    }
    let (path, _) = split_fragment(dest);
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    kind(&decoded).then(|| decoded.into_owned())
}

/// Renders the body of `page`, whose own URL is `page_url`, for readers of `lang`.
/// `eager_first` loads the first photo at once (nothing is shown above it).
pub fn render(
    page: &SourcePage,
    page_url: &str,
    lang: &str,
    links: &dyn LinkTargets,
    eager_first: bool,
) -> Rendered {
    let mut pass = Pass::new(page, page_url, lang, links, eager_first);
    for (event, range) in Parser::new_ext(page.body(), options()).into_offset_iter() {
        pass.event(event, range.start);
    }
    let mut r = pass.finish();
    if let Some(dest) = &page.meta.cta_link {
        match rewrite_link(page, page_url, lang, dest, links) {
            LinkOutcome::Keep(url) => r.cta_url = Some(url),
            LinkOutcome::Drop(d) | LinkOutcome::Broken(d) => r.problems.push(
                Diagnostic::error(&page.file, format!("cta_link: {}", d.message))
                    .hint(d.hint.unwrap_or_default()),
            ),
        }
    }
    r
}

/// A heading being collected: level, author-given id and classes, and the events inside it.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<Event<'a>>,
);

/// A link to a video on another site, being read: it becomes a facade if it holds nothing
/// but a photo.
struct OpenFacade {
    embed: crate::media::Embed,
    link: String,
    /// Where its start is in `events`, and how many photos came before it.
    start: usize,
    pictures: usize,
    /// The photo's markup, once it is read.
    picture: Option<String>,
    offset: usize,
}

/// What photo or clip markup alone in its paragraph becomes.
enum Figure {
    /// A photo's `<figure>`, with this caption.
    Photo(String),
    /// A clip's `<figure>` (a protected marker), for a clip found at this offset in the body.
    Media(String, usize),
}

/// One walk over a page's events: every rewrite and check happens in it, so thousands of
/// pages are each parsed once.
struct Pass<'a> {
    page: &'a SourcePage,
    page_url: &'a str,
    lang: &'a str,
    links: &'a dyn LinkTargets,
    r: Rendered,
    ids: UniqueIds,
    has_raw_html: bool,
    events: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    /// For each open link, whether its end must be left out too.
    dropped_links: Vec<bool>,
    image: Option<OpenImage>,
    eager: bool,
    /// Indices of photo and clip markup in `events`, to turn lone ones into figures.
    pictures: Vec<(usize, Figure)>,
    /// The link to a video on another site being read.
    facade: Option<OpenFacade>,
    paragraph_depth: usize,
    first_paragraph_done: bool,
    /// The HTML block being read: its text, and where each of its lines starts in the body.
    html_block: Option<(String, Vec<(usize, usize)>)>,
    /// Photo markup, kept away from the sanitizer.
    protected: Protected,
    /// How many Markdown blocks and spans are open, and where they first grew too deep.
    depth: usize,
    too_deep: Option<usize>,
    /// Where the first raw HTML is, for a message about its nesting.
    first_raw: Option<usize>,
}

impl<'a> Pass<'a> {
    fn new(
        page: &'a SourcePage,
        page_url: &'a str,
        lang: &'a str,
        links: &'a dyn LinkTargets,
        eager: bool,
    ) -> Self {
        Pass {
            page,
            page_url,
            lang,
            links,
            r: Rendered::default(),
            ids: UniqueIds::default(),
            has_raw_html: false,
            events: Vec::new(),
            heading: None,
            dropped_links: Vec::new(),
            image: None,
            eager,
            pictures: Vec::new(),
            facade: None,
            paragraph_depth: 0,
            first_paragraph_done: false,
            html_block: None,
            protected: Protected::for_body(page.body()),
            depth: 0,
            too_deep: None,
            first_raw: None,
        }
    }

    /// Line and column in the Markdown file of a byte offset in the body.
    fn at(&self, offset: usize) -> (usize, usize) {
        let (l, c) = line_col(self.page.body(), offset);
        (l + self.page.body_line - 1, c)
    }

    /// Records a problem found at a byte offset in the body.
    fn problem(&mut self, d: Diagnostic, offset: usize) {
        let (l, c) = self.at(offset);
        self.r.problems.push(d.at(l, Some(c)));
    }

    /// Takes the next event of the body, starting at byte `offset`.
    fn event(&mut self, event: Event<'a>, offset: usize) {
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH && self.too_deep.is_none() {
                    self.too_deep = Some(offset);
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if self.image.is_some() {
            self.image_event(event);
            return;
        }
        if let Some(event) = self.rewrite(event, offset) {
            self.first_paragraph_text(&event);
            self.emit(event);
        }
    }

    /// The event to write instead of `event`; `None` when it is held back or left out.
    fn rewrite(&mut self, event: Event<'a>, offset: usize) -> Option<Event<'a>> {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.start_heading(level, id, classes, offset);
                None
            }
            Event::End(TagEnd::Heading(_)) => {
                self.end_heading();
                None
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, dest_url, title, id, offset),
            Event::End(TagEnd::Link) => {
                let dropped = self.dropped_links.pop().unwrap_or(false);
                if !dropped && self.end_facade() {
                    return None;
                }
                (!dropped).then_some(Event::End(TagEnd::Link))
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.start_image(&dest_url, &title, offset);
                None
            }
            Event::Start(Tag::Table(a)) => {
                self.events.push(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" tabindex=\"0\">",
                )));
                Some(Event::Start(Tag::Table(a)))
            }
            Event::End(TagEnd::Table) => {
                self.events.push(Event::End(TagEnd::Table));
                Some(Event::Html(CowStr::from("</div>")))
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(Default::default());
                Some(Event::Start(Tag::HtmlBlock))
            }
            Event::Html(html) if self.html_block.is_some() => {
                if let Some((text, lines)) = &mut self.html_block {
                    lines.push((text.len(), offset));
                    text.push_str(&html);
                }
                None
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (text, lines) = self.html_block.take().unwrap_or_default();
                let html = self.raw_html(&text, &lines);
                self.emit(Event::Html(html.into()));
                Some(Event::End(TagEnd::HtmlBlock))
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                Some(Event::Html(self.raw_html(&html, &[(0, offset)]).into()))
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph_depth += 1;
                Some(Event::Start(Tag::Paragraph))
            }
            Event::End(TagEnd::Paragraph) => {
                self.end_paragraph();
                Some(Event::End(TagEnd::Paragraph))
            }
            other => Some(other),
        }
    }

    /// Adds an event to the open heading or to the page; its index in the page's events.
    fn emit(&mut self, event: Event<'a>) -> Option<usize> {
        match &mut self.heading {
            Some((_, _, _, inner)) => {
                inner.push(event);
                None
            }
            None => {
                self.events.push(event);
                Some(self.events.len() - 1)
            }
        }
    }

    /// A heading starts: its events are held until its end, when its id is known.
    fn start_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        offset: usize,
    ) {
        if level == HeadingLevel::H1 {
            self.problem(
                Diagnostic::warning(&self.page.file, "`#` headings are reserved for the page title; shown as `##`")
                    .hint("start headings in the text with ## (the title from front matter is the only # heading)"),
                offset,
            );
        }
        if let Some(id) = &id {
            self.ids.reserve(id);
        }
        self.heading = Some((body_level(level), id, classes, Vec::new()));
    }

    /// A heading ends: it gets the author's id or one made from its text, and is written.
    fn end_heading(&mut self) {
        let Some((level, id, classes, inner)) = self.heading.take() else {
            return;
        };
        let id = id.unwrap_or_else(|| CowStr::from(self.ids.make(&slugify(&heading_text(&inner)))));
        self.r.anchors.push(id.to_string());
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(id),
            classes,
            attrs: vec![],
        }));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// A link starts: it leads where [`Pass::link_target`] says; `None` when it is left out.
    fn start_link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) -> Option<Event<'a>> {
        let dest_url = match self.link_target(&dest_url, offset) {
            LinkFate::Url(url) => CowStr::from(url),
            LinkFate::Unchanged => dest_url,
            LinkFate::Dropped => {
                self.dropped_links.push(true);
                return None;
            }
        };
        self.dropped_links.push(false);
        self.facade = crate::media::embed(&dest_url)
            .filter(|_| self.heading.is_none())
            .map(|embed| OpenFacade {
                embed,
                link: dest_url.to_string(),
                start: self.events.len(),
                pictures: self.pictures.len(),
                picture: None,
                offset,
            });
        Some(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }))
    }

    /// Where a link in the text (Markdown or raw HTML) leads: photo links to the largest
    /// rendition, others checked and rewritten, files beside the page published with it.
    fn link_target(&mut self, dest_url: &str, offset: usize) -> LinkFate {
        if let Some(path) = local_file(self.page, dest_url, is_media_path, &|f| {
            self.links.is_file(f)
        }) {
            // A link to a clip leads to its copy without metadata, never the original.
            return match self.links.media(&path) {
                Some(info) => LinkFate::Url(info.url.clone()),
                None => LinkFate::Dropped,
            };
        }
        if let Some(path) = local_image(self.page, dest_url, self.links) {
            // A link to a photo leads to its largest published rendition, never the original.
            return match self.links.image(&path) {
                Some(info) => LinkFate::Url(info.largest().url.clone()),
                None => LinkFate::Dropped,
            };
        }
        match rewrite_link(self.page, self.page_url, self.lang, dest_url, self.links) {
            LinkOutcome::Keep(url) => {
                if let Some((key, fragment)) = fragment_target(self.page, dest_url) {
                    let (line, col) = self.at(offset);
                    self.r.fragment_links.push((key, fragment, line, col));
                }
                if let Some(asset) = local_asset(self.page, &url, self.links) {
                    self.publish(asset, &url, offset);
                }
                LinkFate::Url(url)
            }
            LinkOutcome::Drop(d) => {
                self.problem(d, offset);
                LinkFate::Dropped
            }
            LinkOutcome::Broken(d) => {
                self.problem(d, offset);
                LinkFate::Unchanged
            }
        }
    }

    /// A file beside the page that the text links to is published with it, unless it really
    /// lies outside the site.
    fn publish(&mut self, asset: PathBuf, url: &str, offset: usize) {
        match self.links.outside(&asset) {
            Some(target) => self.problem(
                Diagnostic::error(
                    &self.page.file,
                    format!("`{}`: {}", url, crate::confine::message(&target)),
                )
                .hint(crate::confine::HINT),
                offset,
            ),
            None => self.r.assets.push(asset),
        }
    }

    /// A photo starts: its renditions are looked up and its alt text is collected until its end.
    fn start_image(&mut self, dest_url: &str, title: &str, offset: usize) {
        let clip = local_file(self.page, dest_url, is_media_path, &|f| {
            self.links.is_file(f)
        });
        let media = clip.as_deref().and_then(|p| self.links.media(p));
        let info = match (local_image(self.page, dest_url, self.links), &clip) {
            (Some(path), _) => self.links.image(&path),
            (None, Some(_)) => None,
            (None, None) => {
                self.problem(image_problem(self.page, dest_url), offset);
                None
            }
        };
        self.image = Some(OpenImage {
            info,
            media,
            caption: title.to_string(),
            alt: String::new(),
            depth: 1,
            offset,
        });
    }

    /// An event inside a photo's brackets: its text is the alt text, nothing else is written.
    fn image_event(&mut self, event: Event<'a>) {
        let Some(open) = &mut self.image else {
            return;
        };
        match event {
            Event::Start(Tag::Image { .. }) => open.depth += 1,
            Event::End(TagEnd::Image) if open.depth > 1 => open.depth -= 1,
            Event::End(TagEnd::Image) => {
                if let Some(open) = self.image.take() {
                    self.end_image(open);
                }
            }
            Event::Text(t) | Event::Code(t) => open.alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
            _ => {}
        }
    }

    /// A photo ends: a warning when it has no alt text, and its `<picture>` in the output.
    fn end_image(&mut self, open: OpenImage) {
        if let Some(media) = &open.media {
            return self.end_media(media, &open);
        }
        if open.alt.trim().is_empty() {
            self.no_alt(
                open.offset,
                "between the brackets: ![what the photo shows](photo.jpg)",
            );
        }
        let Some(info) = open.info else {
            return;
        };
        let html = self.picture(&info, open.alt.trim());
        // Photos inside headings never become figures.
        if let Some(at) = self.emit(Event::Html(html.into())) {
            self.pictures.push((at, Figure::Photo(open.caption)));
        }
    }

    /// A link to a video on another site ends: when it held nothing but a photo, it becomes
    /// the click-to-play facade (a figure when alone in its paragraph); true if it did.
    fn end_facade(&mut self) -> bool {
        let Some(f) = self.facade.take() else {
            return false;
        };
        let Some(picture) = f
            .picture
            .filter(|_| self.events.len() == f.start + 2 && self.pictures.len() == f.pictures + 1)
        else {
            return false;
        };
        let notice = match self.links.facade_notice(self.lang, f.embed.site) {
            Ok(n) => n,
            Err(e) => {
                self.problem(
                    Diagnostic::error(&self.page.file, e).hint("add the media-facade-notice string to the locales/ files (see the example site's)"),
                    f.offset,
                );
                return false;
            }
        };
        let caption = match self.pictures.pop() {
            Some((_, Figure::Photo(caption))) => caption,
            _ => String::new(),
        };
        self.events.truncate(f.start);
        let figure = crate::media::facade_figure(&f.embed, &f.link, &picture, &caption, &notice);
        let figure = self.protected.marker(figure);
        let inline = format!(
            "<a href=\"{}\">{picture}</a>",
            crate::escape::escape_html(f.link.trim())
        );
        let inline = self.protected.marker(inline);
        if let Some(at) = self.emit(Event::Html(inline.into())) {
            self.pictures.push((at, Figure::Media(figure, f.offset)));
        }
        self.r.embeds = true;
        true
    }

    /// A clip ends: its player with captions, poster, size and transcript as a `<figure>` when
    /// it is alone in its paragraph, else a link saying what it costs.
    fn end_media(&mut self, info: &MediaInfo, open: &OpenImage) {
        let alt = open.alt.trim();
        if alt.is_empty() {
            self.problem(
                Diagnostic::warning(&self.page.file, "a video or audio clip has no description")
                    .hint("say what it shows or who speaks between the brackets: ![what the film shows](film.mp4); screen reader users hear it"),
                open.offset,
            );
        }
        let words = match self.links.media_words(self.lang, info) {
            Ok(w) => w,
            Err(e) => {
                self.problem(
                    Diagnostic::error(&self.page.file, e).hint("add the media-size, media-download-video, media-download-audio and media-transcript strings to the locales/ files (see the example site's)"),
                    open.offset,
                );
                return;
            }
        };
        let poster = info.poster.as_deref().and_then(|p| self.links.image(p));
        let figure = crate::media::figure(
            info,
            alt,
            &open.caption,
            poster.as_deref(),
            self.lang,
            &words,
        );
        let figure = self.protected.marker(figure);
        let inline = crate::media::link_text(info, alt, &words);
        let inline = self.protected.marker(inline);
        if let Some(at) = self.emit(Event::Html(inline.into())) {
            self.pictures.push((at, Figure::Media(figure, open.offset)));
        }
    }

    /// The warning for a photo without a description; `how` says where to write one.
    fn no_alt(&mut self, offset: usize, how: &str) {
        self.problem(
            Diagnostic::warning(&self.page.file, "a photo has no description (alt text)").hint(
                format!("describe the photo {how}; screen reader users hear it"),
            ),
            offset,
        );
    }

    /// The `<picture>` of a photo, as a marker the sanitizer leaves alone.
    fn picture(&mut self, info: &ImageInfo, alt: &str) -> String {
        let html = info.picture(alt, self.links.image_sizes(), self.eager, None);
        self.eager = false;
        if let Some(f) = &mut self.facade {
            f.picture = Some(html.clone());
        }
        self.protected.marker(html)
    }

    /// A piece of raw HTML whose pieces start in the body where `lines` says: its references
    /// resolved like Markdown's, and each thing the sanitizer will remove reported.
    fn raw_html(&mut self, html: &str, lines: &[(usize, usize)]) -> String {
        self.has_raw_html = true;
        self.first_raw
            .get_or_insert(lines.first().map_or(0, |l| l.1));
        let at = |pos: usize| {
            let (start, offset) = lines
                .iter()
                .rev()
                .find(|(start, _)| *start <= pos)
                .copied()
                .unwrap_or((0, 0));
            offset + pos - start
        };
        let (html, removed) = raw_html::walk(html, &mut |r| self.raw_reference(r, at(r.offset)));
        for removed in removed {
            self.problem(removed.diagnostic(&self.page.file), at(removed.offset));
        }
        html
    }

    /// What becomes of one reference in raw HTML, found at `offset` in the body.
    fn raw_reference(&mut self, r: &Reference, offset: usize) -> Change {
        match (r.tag.as_str(), r.attr) {
            (_, "href") => match self.link_target(&r.url, offset) {
                LinkFate::Url(url) if url != r.url => Change::Set(url),
                LinkFate::Url(_) | LinkFate::Unchanged => Change::Keep,
                LinkFate::Dropped => Change::RemoveAttribute,
            },
            ("img", "src") => self.raw_image(r, offset),
            _ => {
                self.raw_file(&r.url, offset);
                Change::Keep
            }
        }
    }

    /// A raw `<img>`: a photo beside the page becomes its processed `<picture>`, like
    /// `![…](photo.jpg)`; anything else is left out and reported.
    fn raw_image(&mut self, r: &Reference, offset: usize) -> Change {
        let Some(path) = local_image(self.page, &r.url, self.links) else {
            let (path, _) = split_fragment(r.url.trim());
            let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            if path.starts_with('/') && !path.starts_with("//") && self.links.has_path(&decoded) {
                return Change::Keep;
            }
            self.problem(image_problem(self.page, &r.url), offset);
            return Change::RemoveElement;
        };
        let alt = r.alt.as_deref().unwrap_or("").trim();
        if alt.is_empty() {
            self.no_alt(
                offset,
                "in its alt attribute: <img src=\"photo.jpg\" alt=\"what the photo shows\">",
            );
        }
        match self.links.image(&path) {
            Some(info) => Change::Replace(self.picture(&info, alt)),
            // Why it could not be processed is reported once, by the image stage.
            None => Change::RemoveElement,
        }
    }

    /// A file a removed element (`<video poster>`, `<source src>`…) or a `srcset` names: it
    /// must exist, so a typo is caught.
    fn raw_file(&mut self, url: &str, offset: usize) {
        let url = url.trim();
        if url.is_empty() || url.starts_with(['/', '#']) || has_scheme(url) {
            return;
        }
        let (path, _) = split_fragment(url);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let file = self.page.dir.join(&*decoded);
        if let Some(target) = self.links.outside(&file) {
            let d = Diagnostic::error(
                &self.page.file,
                format!("`{url}`: {}", crate::confine::message(&target)),
            );
            self.problem(d.hint(crate::confine::HINT), offset);
        } else if !self.links.is_file(&file) {
            self.problem(
                Diagnostic::error(&self.page.file, format!("`{url}` not found beside the page"))
                    .hint("put the file in the same folder as this Markdown file, and check the spelling of its name"),
                offset,
            );
        }
    }

    /// A paragraph ends; the first one with text is the summary when front matter has none.
    fn end_paragraph(&mut self) {
        self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
        if self.paragraph_depth == 0 && !self.r.first_paragraph.trim().is_empty() {
            self.first_paragraph_done = true;
        }
    }

    /// Collects the plain text of the first paragraph (not of headings).
    fn first_paragraph_text(&mut self, event: &Event) {
        if self.paragraph_depth == 0 || self.first_paragraph_done || self.heading.is_some() {
            return;
        }
        match event {
            Event::Text(t) | Event::Code(t) => self.r.first_paragraph.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.r.first_paragraph.push(' '),
            _ => {}
        }
    }

    /// The page's HTML (sanitized when it has raw HTML) with what was learned on the way.
    fn finish(mut self) -> Rendered {
        for offset in figures(&mut self.events, std::mem::take(&mut self.pictures)) {
            self.problem(
                Diagnostic::warning(&self.page.file, "a video or audio clip in a line of text is shown as a link, not a player")
                    .hint("put ![…](film.mp4) on a line of its own, with a blank line before and after it"),
                offset,
            );
        }
        let mut html = String::with_capacity(self.page.body().len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, std::mem::take(&mut self.events).into_iter());
        if self.has_raw_html {
            html = sanitize(&html);
        }
        let deep = match (self.too_deep, self.first_raw) {
            (Some(offset), _) => Some(offset),
            (None, Some(offset)) if deeper_than(&html, MAX_DEPTH) => Some(offset),
            _ => None,
        };
        if let Some(offset) = deep {
            // Nothing this deep is published (or handed on to the minifier).
            html.clear();
            self.problem(too_deep(&self.page.file), offset);
        }
        let mut r = self.r;
        r.html = self.protected.restore(html);
        r.digest = crate::cache::digest(r.html.as_bytes());
        r.first_paragraph = r
            .first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        r
    }
}

/// The error for text nested deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep(file: &Path) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("the text nests more than {MAX_DEPTH} levels deep (lists in lists, quotes in quotes or HTML in HTML)"),
    )
    .hint("no page needs this; look for a runaway paste (many > or - or unclosed tags) here and flatten it")
}

/// The level a heading in the text is shown at: `#` is the page title's, so it becomes `##`.
fn body_level(level: HeadingLevel) -> HeadingLevel {
    if level == HeadingLevel::H1 {
        HeadingLevel::H2
    } else {
        level
    }
}

/// The words of a heading that its id is made from: its text and code, without markup.
fn heading_text(inner: &[Event]) -> String {
    inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A paragraph holding nothing but a photo or clip becomes a `<figure>`, a photo's with its
/// title as caption. Returns where the clips that share their paragraph are in the body.
fn figures(events: &mut [Event], pictures: Vec<(usize, Figure)>) -> Vec<usize> {
    let blank = |e: &Event| match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak => true,
        _ => false,
    };
    let mut inline = Vec::new();
    for (at, figure) in pictures {
        let mut start = at;
        while start > 0 && blank(&events[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < events.len() && blank(&events[end]) {
            end += 1;
        }
        let opens = start > 0 && matches!(events[start - 1], Event::Start(Tag::Paragraph));
        let closes = end < events.len() && matches!(events[end], Event::End(TagEnd::Paragraph));
        if !(opens && closes) {
            if let Figure::Media(_, offset) = figure {
                inline.push(offset);
            }
            continue;
        }
        let Event::Html(picture) = std::mem::replace(&mut events[at], Event::Text("".into()))
        else {
            continue;
        };
        events[start - 1] = Event::Html(match figure {
            Figure::Photo(caption) if caption.trim().is_empty() => {
                format!("<figure class=\"photo\">{picture}</figure>").into()
            }
            Figure::Photo(caption) => format!(
                "<figure class=\"photo\">{picture}<figcaption>{}</figcaption></figure>",
                crate::escape::escape_html(caption.trim())
            )
            .into(),
            Figure::Media(figure, _) => figure.into(),
        });
        events[end] = Event::Text("".into());
        for e in &mut events[start..end] {
            *e = Event::Text("".into());
        }
    }
    inline
}

/// The page key and fragment of a link to a heading: `#x` on this page, `@/about#x`, `a.md#x`.
fn fragment_target(page: &SourcePage, dest: &str) -> Option<(String, String)> {
    let dest = dest.trim();
    let (path, fragment) = dest.split_once('#')?;
    let fragment = percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    if fragment.is_empty() {
        return None;
    }
    let key = if path.is_empty() {
        page.key.clone()
    } else if let Some(rest) = path.strip_prefix("@/") {
        content_key(rest)
    } else if path.ends_with(".md") && !has_scheme(path) {
        relative_md_key(page, path)?
    } else {
        return None;
    };
    Some((key, fragment))
}

/// Where a link in the text leads, once checked.
enum LinkFate {
    /// To this URL.
    Url(String),
    /// Where it says (a broken link, reported and left as written).
    Unchanged,
    /// Nowhere: the link is removed and its text kept.
    Dropped,
}

enum LinkOutcome {
    Keep(String),
    Drop(Diagnostic),
    Broken(Diagnostic),
}

/// Schemes that run code or smuggle documents; links with them are removed.
fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Turns a content path (`@/stories/x`, `../x/index.en.md`) into a page key.
fn content_key(path: &str) -> String {
    let mut p = path.trim_matches('/').to_string();
    if let Some(stem) = p.strip_suffix(".md") {
        p = stem.to_string();
        if let Some((base, code)) = p.rsplit_once('.')
            && ((2..=3).contains(&code.len()) || code.contains('-'))
        {
            p = base.to_string();
        }
    }
    for suffix in ["/_index", "/index"] {
        if let Some(s) = p.strip_suffix(suffix) {
            p = s.to_string();
        }
    }
    if p == "_index" || p == "index" {
        p.clear();
    }
    p
}

fn split_fragment(url: &str) -> (&str, &str) {
    match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    }
}

/// What becomes of a link in the text: kept with its published URL, removed, or reported.
fn rewrite_link(
    page: &SourcePage,
    page_url: &str,
    lang: &str,
    dest: &str,
    links: &dyn LinkTargets,
) -> LinkOutcome {
    let dest = dest.trim();
    if is_dangerous_url(dest) {
        return LinkOutcome::Drop(
            Diagnostic::warning(
                &page.file,
                format!(
                    "link to `{}` removed: such links can run code",
                    truncate(dest)
                ),
            )
            .hint("link to a web page (https://…) or to another page of the site (@/stories/…)"),
        );
    }
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, frag) = split_fragment(rest);
        return page_link(page, dest, Some(content_key(path)), frag, lang, links);
    }
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return LinkOutcome::Keep(dest.to_string());
    }
    let (path, frag) = split_fragment(dest);
    if path.ends_with(".md") {
        return page_link(page, dest, relative_md_key(page, path), frag, lang, links);
    }
    let found = if path.starts_with('/') {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        links.has_path(&decoded)
    } else {
        // A relative link: a file beside the page, or a page relative to this one.
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        links.is_file(&page.dir.join(&*decoded)) || links.has_path(&normalize_url(page_url, path))
    };
    if found {
        LinkOutcome::Keep(dest.to_string())
    } else {
        LinkOutcome::Broken(missing_link(page, dest))
    }
}

/// A link to the page `key` (if the link names one): its URL in `lang` with `frag` kept, or
/// an error saying whether the page is a draft or missing.
fn page_link(
    page: &SourcePage,
    dest: &str,
    key: Option<String>,
    frag: &str,
    lang: &str,
    links: &dyn LinkTargets,
) -> LinkOutcome {
    let key = key.as_deref();
    match key.and_then(|k| links.page_url(k, lang)) {
        Some(url) => LinkOutcome::Keep(format!("{url}{frag}")),
        None if key.is_some_and(|k| links.is_draft(k)) => LinkOutcome::Broken(
            Diagnostic::error(
                &page.file,
                format!("link to a draft: `{dest}` is not published yet"),
            )
            .hint("publish that page (draft = false) or remove the link until it is"),
        ),
        None => LinkOutcome::Broken(missing_link(page, dest)),
    }
}

/// The error for a link to a page or file that is not part of the site.
fn missing_link(page: &SourcePage, dest: &str) -> Diagnostic {
    Diagnostic::error(&page.file, format!("link to a missing page: `{dest}`"))
        .hint("link to pages by their path under content/ without the language, e.g. [text](@/stories/my-story) or [text](@/about); check the spelling")
}

/// The page key of a link to a Markdown file by its path from this page (`../x/index.en.md`);
/// `None` when the path leads out of content/.
fn relative_md_key(page: &SourcePage, path: &str) -> Option<String> {
    let base = page.file.parent().unwrap_or(Path::new(""));
    let joined = crate::staging::normalize_path(&base.join(path));
    let rel = joined.strip_prefix(crate::content::CONTENT_DIR).ok()?;
    Some(content_key(&rel.to_string_lossy().replace('\\', "/")))
}

/// A relative link target that is a publishable file beside the page.
fn local_asset(page: &SourcePage, url: &str, links: &dyn LinkTargets) -> Option<PathBuf> {
    if url.starts_with('/') || url.starts_with('#') || has_scheme(url) || url.starts_with("//") {
        return None;
    }
    let (path, _) = split_fragment(url);
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.contains("..") || decoded.ends_with(".md") {
        return None;
    }
    let file = page.dir.join(&*decoded);
    let ext = file.extension()?.to_string_lossy().to_ascii_lowercase();
    if is_image_path(&format!("x.{ext}")) || !links.is_file(&file) {
        return None;
    }
    Some(file)
}

fn image_problem(page: &SourcePage, dest: &str) -> Diagnostic {
    if has_scheme(dest) || dest.starts_with("//") {
        return Diagnostic::warning(
            &page.file,
            format!("image from another site left out: `{}`", truncate(dest)),
        )
        .hint(
            "visitors' browsers would contact that site; save the photo beside the story instead",
        );
    }
    let path = split_fragment(dest).0;
    if is_media_path(path) {
        return Diagnostic::error(&page.file, format!("`{dest}` not found beside the page"))
            .hint("put the video or audio file in the same folder as this Markdown file, and check the spelling of its name");
    }
    if !is_image_path(path) {
        return Diagnostic::error(
            &page.file,
            format!("`{dest}` is not a photo, video or audio file passage can publish"),
        )
        .hint("use a JPEG, PNG or WebP photo, an MP4 or WebM video, or M4A, MP3 or Ogg audio beside this page");
    }
    Diagnostic::error(&page.file, format!("image `{dest}` not found beside the page"))
        .hint("put the photo file in the same folder as this Markdown file, and check the spelling of its name")
}

fn truncate(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Resolves a relative URL path against the URL of the page it appears on.
fn normalize_url(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    if !base.ends_with('/') {
        parts.pop();
    }
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let decoded: Vec<String> = parts
        .iter()
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let mut url = format!("/{}", decoded.join("/"));
    if rel.ends_with('/') && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// A short Markdown text outside the content pages (a journey's introduction) as HTML, under
/// the pages' raw-HTML policy: always sanitized, since it has no link checks of its own, with
/// what was removed from it. Only the inline extensions: it has no tables or notes.
pub(crate) fn snippet_html(text: &str) -> (String, Vec<Removed>) {
    let mut removed = Vec::new();
    let options = Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, options)
        .into_offset_iter()
        .map(|(event, range)| {
            match &event {
                Event::Html(html) | Event::InlineHtml(html) => {
                    let found = raw_html::walk(html, &mut |_| Change::Keep).1;
                    removed.extend(found.into_iter().map(|r| r.shifted(range.start)));
                }
                Event::Start(Tag::Link { dest_url, .. }) if is_dangerous_url(dest_url) => {
                    removed.push(Removed::dangerous_link(range.start));
                }
                _ => {}
            }
            event
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    let html = sanitize(&html);
    if deeper_than(&html, MAX_DEPTH) {
        removed.push(Removed::too_deep(0));
        return (String::new(), removed);
    }
    (html, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{FrontMatter, PageKind};

    struct Links;
    impl LinkTargets for Links {
        fn image(&self, _: &Path) -> Option<Arc<ImageInfo>> {
            None
        }
        fn image_sizes(&self) -> &str {
            "100vw"
        }
        fn page_url(&self, key: &str, lang: &str) -> Option<String> {
            (key == "about" || key == "stories/x").then(|| format!("/{lang}/{key}/"))
        }
        fn has_path(&self, path: &str) -> bool {
            path == "/en/about/"
        }
        fn is_draft(&self, key: &str) -> bool {
            key == "stories/draft"
        }
    }

    fn page(body: &str) -> SourcePage {
        SourcePage {
            key: "stories/y".into(),
            lang: "ka".into(),
            kind: PageKind::Page {
                section: Some("stories".into()),
            },
            file: "content/stories/y/index.ka.md".into(),
            dir: "/nonexistent".into(),
            meta: FrontMatter::default(),
            body: body.into(),
            body_line: 5,
            tags_line: None,
            digest: [0; 16],
        }
    }

    fn html(body: &str) -> Rendered {
        render(&page(body), "/ka/stories/y/", "ka", &Links, true)
    }

    #[test]
    fn texts_skipped_unread_name_no_file() {
        let named = |body: &str| {
            let refs: Vec<(String, bool)> = refs_in(&page(body))
                .into_iter()
                .map(|r| (r.path, r.photo))
                .collect();
            refs
        };
        let photo = |p: &str| vec![(p.to_string(), true)];
        // Spelt in ways that hide the extension from a plain search: each is still found.
        assert_eq!(named("![a](photo%2Ejpg)"), photo("photo.jpg"));
        assert_eq!(named("![a](photo&#46;jpg)"), photo("photo.jpg"));
        assert_eq!(named("![a](photo.JPG)"), photo("photo.JPG"));
        assert_eq!(named("<img src=\"a.webp\" alt=\"\">"), photo("a.webp"));
        assert_eq!(
            named("[clip][c]\n\n[c]: walk.mp4"),
            vec![("walk.mp4".into(), false)]
        );
        // No extension, no escape: nothing to find, and the text is not read as Markdown.
        assert!(!may_name_files(
            "Text. With [a link](../other/) and [more](https://x.org/a.b)."
        ));
        assert!(named("Text. With [a link](../other/).").is_empty());
        assert!(may_name_files("See photo.jpeg."));
        assert!(may_name_files("50% of them"));
    }

    #[test]
    fn headings_get_unicode_ids() {
        let r =
            html("## მიგრანტთა უფლებები\n\n## Միգրանտների իրավունքներ\n\n## მიგრანტთა უფლებები\n");
        assert!(
            r.html.contains("<h2 id=\"მიგრანტთა-უფლებები\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"միգրանտների-իրավունքներ\">"));
        assert!(r.html.contains("<h2 id=\"მიგრანტთა-უფლებები-1\">"));
    }

    #[test]
    fn h1_is_shown_as_h2_and_author_ids_are_kept_free() {
        assert_eq!(body_level(HeadingLevel::H1), HeadingLevel::H2);
        assert_eq!(body_level(HeadingLevel::H3), HeadingLevel::H3);
        let r = html("# Top\n\n## Our people {#team}\n\n## Team\n");
        assert!(r.html.contains("<h2 id=\"top\">Top</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"team\">Our people</h2>"));
        assert!(r.html.contains("<h2 id=\"team-1\">Team</h2>"));
        assert_eq!(r.anchors, ["top", "team", "team-1"]);
        assert_eq!(r.problems.len(), 1);
        assert!(!r.problems[0].is_error());
        assert_eq!(r.problems[0].line, Some(5));
    }

    #[test]
    fn heading_ids_come_from_text_and_code_only() {
        let inner = [
            Event::Text("Why ".into()),
            Event::Start(Tag::Emphasis),
            Event::Text("we".into()),
            Event::End(TagEnd::Emphasis),
            Event::Text(" use ".into()),
            Event::Code("git".into()),
            Event::Html("<br>".into()),
        ];
        assert_eq!(heading_text(&inner), "Why we use git");
    }

    #[test]
    fn first_paragraph_skips_headings_and_joins_lines() {
        let r = html("## Heading\n\nFirst *para*\nline.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "First para line.");
    }

    /// The URL a link is published with, or what went wrong.
    fn link(dest: &str) -> Result<String, String> {
        match rewrite_link(&page(""), "/ka/stories/y/", "ka", dest, &Links) {
            LinkOutcome::Keep(url) => Ok(url),
            LinkOutcome::Drop(d) => Err(format!("dropped: {}", d.message)),
            LinkOutcome::Broken(d) => Err(format!("broken: {}", d.message)),
        }
    }

    #[test]
    fn link_rewrite_rules() {
        assert!(
            link(" javascript:alert(1)")
                .unwrap_err()
                .starts_with("dropped")
        );
        for kept in [
            "",
            "#team",
            "https://e.org/x",
            "//e.org/x",
            "mailto:a@e.org",
        ] {
            assert_eq!(link(kept).as_deref(), Ok(kept));
        }
        assert_eq!(link("@/about#team").as_deref(), Ok("/ka/about/#team"));
        assert_eq!(
            link("../x/index.en.md#top").as_deref(),
            Ok("/ka/stories/x/#top")
        );
        assert_eq!(link("../../about.md").as_deref(), Ok("/ka/about/"));
        assert!(link("@/stories/draft").unwrap_err().contains("draft"));
        assert!(link("@/stories/nope").unwrap_err().contains("missing"));
        assert!(link("../nope.md").unwrap_err().contains("missing"));
        assert_eq!(link("/en/about/").as_deref(), Ok("/en/about/"));
        assert!(link("/en/gone/").unwrap_err().contains("missing"));
        // Relative to the page's URL, /ka/stories/y/.
        assert_eq!(
            link("../../../en/about/").as_deref(),
            Ok("../../../en/about/")
        );
        assert!(link("../x/").unwrap_err().starts_with("broken"));
    }

    #[test]
    fn markdown_paths_become_page_keys_inside_content_only() {
        let p = page("");
        assert_eq!(
            relative_md_key(&p, "../x/index.en.md").as_deref(),
            Some("stories/x")
        );
        assert_eq!(
            relative_md_key(&p, "../../about.md").as_deref(),
            Some("about")
        );
        assert_eq!(relative_md_key(&p, "../../../../elsewhere.md"), None);
    }

    #[test]
    fn fragment_links_name_the_page_and_heading() {
        let p = page("");
        let target = |dest: &str| fragment_target(&p, dest);
        let pair = |k: &str, f: &str| Some((k.to_string(), f.to_string()));
        assert_eq!(target("#team"), pair("stories/y", "team"));
        assert_eq!(target("@/about#our%20team"), pair("about", "our team"));
        assert_eq!(target("../x/index.md#top"), pair("stories/x", "top"));
        assert_eq!(target("https://e.org/#top"), None);
        assert_eq!(target("@/about#"), None);
        assert_eq!(target("@/about"), None);
    }

    #[test]
    fn content_links_resolve_per_language_and_missing_ones_are_errors() {
        let r = html("See [about](@/about#team) and [x](@/stories/x).\n\n[gone](@/stories/nope)\n");
        assert!(r.html.contains("href=\"/ka/about/#team\""), "{}", r.html);
        assert!(r.html.contains("href=\"/ka/stories/x/\""));
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].is_error());
        assert_eq!(r.problems[0].line, Some(7));
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_never_survive() {
        let r = html(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <a href=\"javascript:alert(1)\">a</a></p>\n\n[click](javascript:alert(2))\n\n<img src=x onerror=alert(3)>\n",
        );
        let out = r.html.to_ascii_lowercase();
        assert!(!out.contains("<script"), "{out}");
        assert!(
            !out.contains("onclick") && !out.contains("onerror"),
            "{out}"
        );
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("click"));
        // The only error: the raw photo `x` is not beside the page.
        let errors: Vec<_> = r.problems.iter().filter(|p| p.is_error()).collect();
        assert!(
            errors.len() == 1 && errors[0].message.contains("`x`"),
            "{errors:?}"
        );
        assert!(r.problems.len() >= 4, "{:?}", r.problems);
    }

    #[test]
    fn snippets_follow_the_same_policy_and_say_where() {
        let text = "A *walk*.\n\n<p onclick=\"x()\">hi</p>\n\n[x](javascript:alert(1))";
        let (html, removed) = snippet_html(text);
        assert_eq!(
            html, "<p>A <em>walk</em>.</p>\n<p>hi</p>\n<p><a>x</a></p>\n",
            "sanitized even where only Markdown made it"
        );
        let offsets: Vec<usize> = removed.iter().map(|r| r.offset).collect();
        assert_eq!(
            offsets,
            [text.find("onclick").unwrap(), text.find("[x]").unwrap()]
        );
        let w = removed[0].diagnostic(Path::new("photos/a/journey.toml"));
        assert_eq!(
            w.message,
            "an event-handler attribute removed from the raw HTML"
        );
    }

    #[test]
    fn raw_html_links_are_checked_and_rewritten_like_markdown() {
        let r = html(
            "Text.\n\n<p>See <a href=\"@/about#team\">about</a>\nor <a href=\"gone.pdf\">the report</a>.</p>\n\nand <a href=\"javascript:x()\">this</a> <video poster=\"film.jpg\"></video>\n",
        );
        assert!(
            r.html.contains("<a href=\"/ka/about/#team\">about</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a>this</a>"), "{}", r.html);
        assert!(!r.html.contains("<video"), "{}", r.html);
        let said: Vec<(Option<usize>, bool, &str)> = r
            .problems
            .iter()
            .map(|p| (p.line, p.is_error(), p.message.as_str()))
            .collect();
        // The body starts on line 5 of the file; the block's second line is line 8.
        assert_eq!(
            said,
            [
                (Some(8), true, "link to a missing page: `gone.pdf`"),
                (
                    Some(10),
                    false,
                    "link to `javascript:x()` removed: such links can run code"
                ),
                (Some(10), true, "`film.jpg` not found beside the page"),
                (
                    Some(10),
                    false,
                    "a <video> element removed from the raw HTML"
                ),
            ],
            "{:?}",
            r.problems
        );
        assert_eq!(r.fragment_links, [("about".into(), "team".into(), 7, 8)]);
    }

    #[test]
    fn markdown_extensions_work() {
        let r = html("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("class=\"table-scroll\""));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("footnote-definition"));
        assert_eq!(r.first_paragraph, "old “quoted”");
    }

    #[test]
    fn url_helpers() {
        assert_eq!(content_key("stories/x/index.ka.md"), "stories/x");
        assert_eq!(content_key("about.md"), "about");
        assert_eq!(content_key("/stories/"), "stories");
        assert_eq!(normalize_url("/ka/stories/y/", "../x/"), "/ka/stories/x/");
        assert!(is_dangerous_url(" JavaScript:alert(1)"));
        assert!(is_dangerous_url("java\tscript:x"));
    }
}
