//! Loading `content/`: finding each translation file, splitting and checking its front matter
//! (or taking what the last build found, [`record`], for a file that did not change since).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

mod body;
pub mod record;

pub use body::Body;
use record::{Read, Record};

use crate::cache::Stamp;
use crate::config::SiteConfig;
use crate::date::PageDate;
use crate::diagnostics::{Diagnostic, did_you_mean, display_path};

/// Folder of Markdown content under the site root.
pub const CONTENT_DIR: &str = "content";

/// What a content file is, which decides its URL and template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// `content/_index.<lang>.md`: the text of a language's home page.
    Home,
    /// `content/<section>/_index.<lang>.md`: title and intro of a list of stories.
    Section,
    /// Any other page; `section` is its top folder (`stories`), `None` for stand-alone pages.
    Page {
        /// The top-level folder the page lives in, if any.
        section: Option<String>,
    },
}

/// Front matter keys, exactly as authors write them. Anything else is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<DateInput>,
    updated: Option<DateInput>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    cover: Option<String>,
    cover_alt: Option<String>,
    cover_caption: Option<String>,
    cover_credit: Option<String>,
    cta: Option<String>,
    cta_link: Option<String>,
    weight: Option<i64>,
    menu: Option<String>,
    template: Option<String>,
    source_hash: Option<String>,
}

/// The allowed keys, for "did you mean" hints.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "tags",
    "draft",
    "cover",
    "cover_alt",
    "cover_caption",
    "cover_credit",
    "cta",
    "cta_link",
    "weight",
    "menu",
    "template",
    "source_hash",
];

/// A date as TOML (a native date) or YAML (a string) gives it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum DateInput {
    Toml(toml::value::Datetime),
    Text(String),
}

/// Checked front matter of one translation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    /// Page title (required).
    pub title: String,
    /// Publication date.
    pub date: Option<PageDate>,
    /// Date of the last substantial change.
    pub updated: Option<PageDate>,
    /// One or two sentences for lists, feeds and link previews.
    pub summary: Option<String>,
    /// Tags, in the page's own language.
    pub tags: Vec<String>,
    /// Drafts are left out unless `--drafts` is given.
    pub draft: bool,
    /// Cover image beside the page.
    pub cover: Option<String>,
    /// Alternative text of the cover image.
    pub cover_alt: Option<String>,
    /// What the cover shows, said under it on the page (alt text is for those who cannot see it).
    pub cover_caption: Option<String>,
    /// Who made the cover and under which licence, as its licence requires.
    pub cover_credit: Option<String>,
    /// The one call to action of a home page's hero (its label).
    pub cta: Option<String>,
    /// Where the call to action leads: `@/rights`, a URL or a path.
    pub cta_link: Option<String>,
    /// Order in menus and among pages without dates; lower comes first.
    pub weight: Option<i64>,
    /// Short label for the main menu.
    pub menu: Option<String>,
    /// A template other than the default for this kind of page.
    pub template: Option<String>,
    /// Fingerprint of the default-language text this translation was made from
    /// (written by `passage translated`), so changes to the original show as stale.
    pub source_hash: Option<String>,
}

/// One translation of one page, as read from disk.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Shared by all translations: `stories/migapp`, `about`, `` for home.
    pub key: String,
    /// Language code from the file name.
    pub lang: String,
    /// What the page is.
    pub kind: PageKind,
    /// File path relative to the site root, for messages.
    pub file: PathBuf,
    /// Folder holding the file, for assets beside it.
    pub dir: PathBuf,
    /// Checked front matter.
    pub meta: FrontMatter,
    /// Markdown after the front matter (read when first needed).
    pub body: Body,
    /// Line of the file on which `body` starts, so Markdown problems get real line numbers.
    pub body_line: usize,
    /// Line of the `tags` key, for messages about a tag.
    pub tags_line: Option<usize>,
    /// A hash of the whole file (front matter and text), naming what was made of it before
    /// (`markdown::stored`).
    pub digest: [u8; 16],
}

impl SourcePage {
    /// The Markdown after the front matter, with CRLF and BOM removed.
    pub fn body(&self) -> &str {
        self.body.get()
    }
}

/// A content file found on disk, before it is read.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    key: String,
    lang: String,
    kind: PageKind,
}

/// Pages as the later stages hold them: shared, so `serve` keeps the unchanged ones from one
/// preparation to the next without copying them.
pub type Pages = Vec<Arc<SourcePage>>;

/// Reads every content file under `root/content`, in parallel, reporting every problem.
pub fn load(root: &Path, config: &SiteConfig, record: &Record) -> (Pages, Vec<Diagnostic>) {
    let (found, mut problems) = find_all(root, config);
    let pages = read_all(root, &found, record, &mut problems);
    (pages, problems)
}

/// As [`load`], with the record of the last build opened (by `open`) while the folders are
/// walked: both took a tenth of a second, one after the other, at 5,000 stories.
pub fn load_opening(
    root: &Path,
    config: &SiteConfig,
    open: impl FnOnce() -> Record + Send,
) -> (Pages, Vec<Diagnostic>, Record) {
    let (record, (found, mut problems)) = rayon::join(open, || find_all(root, config));
    let pages = read_all(root, &found, &record, &mut problems);
    (pages, problems, record)
}

/// Every content file under `root/content`, and the problems found looking.
fn find_all(root: &Path, config: &SiteConfig) -> (Vec<Found>, Vec<Diagnostic>) {
    let dir = root.join(CONTENT_DIR);
    let mut problems = Vec::new();
    let mut found = Vec::new();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::error(CONTENT_DIR, "the content folder is missing")
                .hint("create content/ with at least content/_index.<lang>.md for the home page"),
        );
        return (found, problems);
    }
    find(root, &dir, config, &mut found, &mut problems);
    (found, problems)
}

/// The pages after saves: those of `previous` that no saved path (relative to the site)
/// touches, and the saved files read again. A saved folder is read whole, since pages may have
/// been added to it or removed from it.
pub fn load_changed(
    root: &Path,
    config: &SiteConfig,
    previous: &[Arc<SourcePage>],
    changed: &[PathBuf],
) -> (Pages, Vec<Diagnostic>) {
    let touched = |file: &Path| changed.iter().any(|c| file.starts_with(c));
    let mut pages: Pages = previous
        .iter()
        .filter(|p| !touched(&p.file))
        .cloned()
        .collect();
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let dir = root.join(CONTENT_DIR);
    for c in changed {
        let path = root.join(c);
        if path.is_dir() {
            find(root, &path, config, &mut found, &mut problems);
        } else if let Some(target) = crate::confine::outside(root, &path) {
            problems.push(crate::confine::problem(root, &path, &target));
        } else if path.is_file() && is_page_file(&path) {
            match classify(&dir, &path, config) {
                Ok(f) => found.push(f),
                Err(d) => problems.push(d.with_root(root)),
            }
        }
    }
    // A file may be named on its own and inside a saved folder too.
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    pages.extend(read_all(root, &found, &Record::none(), &mut problems));
    (pages, problems)
}

/// Whether a file is a page: Markdown, and not an editor's hidden or backup file.
fn is_page_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.extension().is_some_and(|e| e == "md") && !name.starts_with('.') && !name.ends_with('~')
}

/// Adds the pages under `dir` (inside `root/content`) to `found`.
fn find(
    root: &Path,
    dir: &Path,
    config: &SiteConfig,
    found: &mut Vec<Found>,
    problems: &mut Vec<Diagnostic>,
) {
    let content = root.join(CONTENT_DIR);
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                problems.push(Diagnostic::error(
                    display_path(root, &path),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        // Pages and folders that lead elsewhere are reported here; other files where they
        // are used (a link, a photo), since only those are published.
        if entry.path_is_symlink()
            && (is_page_file(entry.path()) || entry.path().is_dir())
            && let Some(target) = crate::confine::outside(root, entry.path())
        {
            problems.push(crate::confine::problem(root, entry.path(), &target));
            continue;
        }
        // A link to a page elsewhere in the site is read like the page itself.
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if !is_file || !is_page_file(entry.path()) {
            continue;
        }
        match classify(&content, entry.path(), config) {
            Ok(f) => found.push(f),
            Err(d) => problems.push(d.with_root(root)),
        }
    }
}

/// Reads and checks pages in parallel; a file the record knows as it is now is not read.
fn read_all(
    root: &Path,
    found: &[Found],
    record: &Record,
    problems: &mut Vec<Diagnostic>,
) -> Pages {
    let results: Vec<Result<SourcePage, Vec<Diagnostic>>> = found
        .par_iter()
        .map(|f| {
            let file = display_path(root, &f.path);
            let stamp = std::fs::metadata(&f.path)
                .ok()
                .and_then(|m| Stamp::from_meta(&m));
            if let Some(stamp) = stamp
                && let Some(read) = record.known(&file, stamp)
            {
                let body = Body::unread(f.path.clone(), read.body_start, read.digest);
                return Ok(source_page(f, file, read, body));
            }
            let (read, body) = read_page(f, &file)?;
            if let Some(stamp) = stamp {
                record.note(&file, stamp, read.clone());
            }
            Ok(source_page(f, file, read, body))
        })
        .collect();
    let mut pages = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(Arc::new(p)),
            Err(ds) => problems.extend(ds),
        }
    }
    pages
}

trait WithRoot {
    fn with_root(self, root: &Path) -> Self;
}

impl WithRoot for Diagnostic {
    fn with_root(mut self, root: &Path) -> Self {
        self.file = display_path(root, &self.file);
        self
    }
}

/// Works out key, language and kind from a path like `content/stories/x/index.ka.md`.
fn classify(content: &Path, path: &Path, config: &SiteConfig) -> Result<Found, Diagnostic> {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (base, lang) = match stem.rsplit_once('.') {
        Some((base, code)) if config.language(code).is_some() => {
            (base.to_string(), code.to_string())
        }
        Some((_, code)) if looks_like_language_code(code) => {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(Diagnostic::error(
                path,
                format!("this file is for language `{code}`, which site.toml does not list"),
            )
            .hint(format!(
                "rename it to use one of the site's languages ({}), or add `{code}` to [[languages]] in site.toml",
                known.join(", ")
            )));
        }
        _ => (stem.clone(), config.default_language().code.clone()),
    };
    let parent: Vec<String> = rel
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let (key_parts, kind) = if base == "_index" {
        let kind = if parent.is_empty() {
            PageKind::Home
        } else {
            PageKind::Section
        };
        if parent.len() > 1 {
            return Err(Diagnostic::error(
                path,
                "section index files are only read in top-level folders",
            )
            .hint("move it to content/<section>/_index.<lang>.md"));
        }
        (parent.clone(), kind)
    } else {
        let mut parts = parent.clone();
        if base != "index" {
            parts.push(base.clone());
        }
        if parts.is_empty() {
            return Err(Diagnostic::error(
                path,
                "a page cannot be called index at the top of content/",
            )
            .hint(
                "use content/_index.<lang>.md for the home page, or give the page its own name",
            ));
        }
        let section = if parts.len() > 1 {
            Some(parts[0].clone())
        } else {
            None
        };
        (parts, PageKind::Page { section })
    };
    for part in &key_parts {
        if let Some(bad) = part
            .chars()
            .find(|c| "?#%\"<>\\^`{|}".contains(*c) || c.is_control())
        {
            return Err(Diagnostic::error(
                path,
                format!(
                    "the name `{part}` contains `{bad}`, which cannot be part of a web address"
                ),
            )
            .hint("rename the file or folder using letters, digits and hyphens"));
        }
    }
    if key_parts.first().is_some_and(|p| p == "tags") {
        return Err(
            Diagnostic::error(path, "`tags` is reserved for the tag pages")
                .hint("rename the folder or file"),
        );
    }
    Ok(Found {
        path: path.to_path_buf(),
        key: key_parts.join("/"),
        lang,
        kind,
    })
}

fn looks_like_language_code(s: &str) -> bool {
    let main = s.split(['-', '_']).next().unwrap_or("");
    (2..=3).contains(&main.len()) && main.chars().all(|c| c.is_ascii_lowercase())
}

/// Reads one file: its front matter checked, where its text starts, and the text.
fn read_page(found: &Found, file: &Path) -> Result<(Read, Body), Vec<Diagnostic>> {
    let text = crate::text::read(&found.path, file).map_err(|d| vec![d])?;
    let (meta, body, body_line) = parse_front_matter(&text, file)?;
    let tags_line = text
        .lines()
        .take(body_line)
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix("tags")
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map(|i| i + 1);
    let read = Read {
        meta,
        body_start: text.len() - body.len(),
        body_line,
        tags_line,
        digest: crate::cache::digest(text.as_bytes()),
    };
    Ok((read, Body::from(body)))
}

/// The page of a file found at `file` (as the site names it), with what reading it found.
fn source_page(found: &Found, file: PathBuf, read: Read, body: Body) -> SourcePage {
    SourcePage {
        key: found.key.clone(),
        lang: found.lang.clone(),
        kind: found.kind.clone(),
        file,
        dir: found
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        meta: read.meta,
        body,
        body_line: read.body_line,
        tags_line: read.tags_line,
        digest: read.digest,
    }
}

/// Where a page file's front matter and text are: its delimiter, the front matter's bytes and
/// the byte the text starts at.
struct Parts {
    delim: &'static str,
    front: std::ops::Range<usize>,
    body: usize,
}

/// Finds the front matter between its `+++` (or `---`) lines.
fn parts(text: &str, file: &Path) -> Result<Parts, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(file, "the file is empty").hint(
            "start it with front matter, e.g.\n+++\ntitle = \"My story\"\n+++\nthen the text in Markdown",
        )]);
    }
    let delim = if text.starts_with("+++") {
        "+++"
    } else if text.starts_with("---") {
        "---"
    } else {
        return Err(vec![Diagnostic::error(file, "the file has no front matter").at(1, Some(1)).hint(
            "start the file with a +++ line, then title = \"…\", then another +++ line (or the same with --- and YAML)",
        )]);
    };
    let first_nl = text.find('\n').unwrap_or(text.len());
    if text[..first_nl].trim_end() != delim {
        return Err(vec![
            Diagnostic::error(file, format!("the first line must be `{delim}` alone"))
                .at(1, Some(1))
                .hint("put nothing else on the opening line of the front matter"),
        ]);
    }
    let fm_start = (first_nl + 1).min(text.len());
    let mut pos = fm_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == delim {
            return Ok(Parts {
                delim,
                front: fm_start..pos,
                body: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(vec![
        Diagnostic::error(file, "the front matter is never closed")
            .at(1, Some(1))
            .hint(format!(
                "add a line with only `{delim}` after the last front matter line"
            )),
    ])
}

/// The byte a page file's text starts at, after its front matter.
fn body_start(text: &str) -> Option<usize> {
    parts(text, Path::new("")).ok().map(|p| p.body)
}

/// Splits and checks front matter; returns it with the body and the body's first line number.
pub fn parse_front_matter<'a>(
    text: &'a str,
    file: &Path,
) -> Result<(FrontMatter, &'a str, usize), Vec<Diagnostic>> {
    let Parts {
        delim,
        front,
        body: body_start,
    } = parts(text, file)?;
    let fm = &text[front];
    let fm_line = 2;
    let raw: RawFrontMatter = if delim == "+++" {
        toml::from_str(fm).map_err(|e| {
            let mut d = Diagnostic::error(file, format!("front matter: {}", e.message()));
            if let Some(span) = e.span() {
                let (l, c) = crate::diagnostics::line_col(fm, span.start);
                d = d.at(l + fm_line - 1, Some(c));
            }
            vec![hint_for_key(d, e.message())]
        })?
    } else if fm.trim().is_empty() {
        RawFrontMatter::default()
    } else {
        serde_norway::from_str(fm).map_err(|e| {
            let mut d = Diagnostic::error(file, format!("front matter: {e}"));
            if let Some(loc) = e.location() {
                d = d.at(loc.line() + fm_line - 1, Some(loc.column()));
            }
            vec![hint_for_key(d, &e.to_string())]
        })?
    };
    let body_line = text[..body_start].matches('\n').count() + 1;
    let meta = check(raw, file)?;
    Ok((meta, &text[body_start..], body_line))
}

/// Adds "did you mean" and the list of keys to an unknown-key error.
fn hint_for_key(d: Diagnostic, message: &str) -> Diagnostic {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let key = rest.split('`').next().unwrap_or("");
        let allowed = FRONT_MATTER_KEYS.join(", ");
        return match did_you_mean(key, FRONT_MATTER_KEYS) {
            Some(s) => d.hint(format!("did you mean `{s}`? Allowed keys: {allowed}")),
            None => d.hint(format!("remove it; allowed keys: {allowed}")),
        };
    }
    if message.contains("invalid type") || message.contains("expected") {
        return d.hint("check quotes and brackets: text in \"quotes\", tags = [\"a\", \"b\"], draft = true or false, dates as 2024-05-31");
    }
    d.hint("check the front matter syntax (TOML between +++ lines, YAML between --- lines)")
}

fn check(raw: RawFrontMatter, file: &Path) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            problems.push(
                Diagnostic::error(file, "the page has no title")
                    .at(2, None)
                    .hint("add title = \"…\" to the front matter"),
            );
            String::new()
        }
    };
    let mut date_of = |input: Option<DateInput>, key: &str| -> Option<PageDate> {
        let text = match input? {
            DateInput::Toml(dt) => dt.to_string(),
            DateInput::Text(s) => s,
        };
        let parsed = PageDate::parse(&text);
        if parsed.is_none() {
            problems.push(
                Diagnostic::error(file, format!("`{key}` is not a valid date: `{text}`"))
                    .hint("write dates as YYYY-MM-DD, e.g. 2024-05-31"),
            );
        }
        parsed
    };
    let date = date_of(raw.date, "date");
    let updated = date_of(raw.updated, "updated");
    let mut tags: Vec<String> = Vec::new();
    for t in raw.tags {
        let t = t.trim().to_string();
        if t.is_empty() {
            problems.push(
                Diagnostic::error(file, "a tag is empty").hint("remove the empty \"\" from tags"),
            );
        } else if crate::slug::slugify(&t).is_empty() {
            problems.push(
                Diagnostic::error(file, format!("the tag `{t}` has no letters or digits"))
                    .hint("use a word as a tag"),
            );
        } else if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title,
        date,
        updated,
        summary: trimmed(raw.summary),
        tags,
        draft: raw.draft,
        cover: raw.cover,
        cover_alt: raw.cover_alt,
        cover_caption: trimmed(raw.cover_caption),
        cover_credit: trimmed(raw.cover_credit),
        cta: trimmed(raw.cta),
        cta_link: trimmed(raw.cta_link),
        weight: raw.weight,
        menu: raw.menu,
        template: raw.template,
        source_hash: raw.source_hash,
    })
}

/// An optional text with surrounding space removed; empty counts as absent.
fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn parse(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let text = normalize(text);
        parse_front_matter(&text, Path::new("x.md")).map(|(m, _, _)| m)
    }

    #[test]
    fn toml_and_yaml_front_matter_agree() {
        let t = parse("+++\ntitle = \"A\"\ndate = 2021-03-15\ntags = [\"x\"]\n+++\nbody").unwrap();
        let y = parse("---\ntitle: A\ndate: 2021-03-15\ntags: [x]\n---\nbody").unwrap();
        assert_eq!(t.title, y.title);
        assert_eq!(t.date, y.date);
        assert_eq!(t.date.unwrap().iso(), "2021-03-15");
        assert_eq!(t.tags, y.tags);
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let text = normalize("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nline one\r\nline two\r\n");
        let (m, body, line) = parse_front_matter(&text, Path::new("x.md")).unwrap();
        assert_eq!(m.title, "A");
        assert_eq!(body, "line one\nline two\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn unknown_key_names_key_line_and_suggestion() {
        let errs = parse("+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n").unwrap_err();
        assert!(errs[0].message.contains("titel"), "{}", errs[0]);
        assert_eq!(errs[0].line, Some(3));
        assert!(errs[0].hint.as_deref().unwrap().contains("`title`"));
        let errs = parse("---\ntitle: A\nsumary: B\n---\n").unwrap_err();
        assert!(errs[0].message.contains("sumary"), "{}", errs[0]);
        assert_eq!(errs[0].line, Some(3));
    }

    #[test]
    fn bad_dates_and_missing_title_are_errors() {
        let errs = parse("---\ndate: 2021-02-30\n---\n").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(PageDate::parse("2021-13-01").is_none());
        assert_eq!(PageDate::parse("2021-01-02T10:00:00Z").unwrap().day, 2);
    }

    #[test]
    fn empty_and_unclosed_files_are_errors() {
        assert!(parse("").unwrap_err()[0].message.contains("empty"));
        assert!(
            parse("+++\ntitle = \"x\"\n").unwrap_err()[0]
                .message
                .contains("never closed")
        );
        assert!(
            parse("just text").unwrap_err()[0]
                .message
                .contains("no front matter")
        );
    }
}
