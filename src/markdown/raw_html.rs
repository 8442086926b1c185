//! Raw HTML in Markdown: what the allow-list sanitizer will remove, found and reported before
//! it does, and the references to files and pages inside it, handed to the page so they are
//! resolved like Markdown's own links and photos (a raw `<img src="photo.jpg">` becomes the
//! same processed `<picture>` as `![…](photo.jpg)`).
//!
//! The sanitizer (ammonia) re-serializes the whole page, and its allow-list has no place for
//! the `<picture>` markup passage makes itself; that markup is set aside behind a marker while
//! the page is cleaned and put back afterwards ([`Protected`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::diagnostics::Diagnostic;

/// Something the sanitizer removes from raw HTML, found before it does so it can be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removed {
    /// Byte offset in the text it was found in.
    pub(crate) offset: usize,
    /// What it is, e.g. "a <script> element".
    what: String,
    /// What the author can do instead.
    hint: &'static str,
    /// Not a removal but text nested too deep to publish: an error.
    too_deep: bool,
}

impl Removed {
    /// The same removal found `by` bytes further on (in a longer text).
    pub(crate) fn shifted(self, by: usize) -> Self {
        Removed {
            offset: self.offset + by,
            ..self
        }
    }

    /// The warning for it, the same wherever Markdown is written; the caller places it.
    pub(crate) fn diagnostic(&self, file: &Path) -> Diagnostic {
        if self.too_deep {
            return super::too_deep(file);
        }
        Diagnostic::warning(file, format!("{} removed from the raw HTML", self.what))
            .hint(self.hint)
    }

    /// Text nested deeper than [`MAX_DEPTH`], found at `offset`: nothing of it is published.
    pub(crate) fn too_deep(offset: usize) -> Self {
        Removed {
            offset,
            what: String::new(),
            hint: "",
            too_deep: true,
        }
    }

    /// A `javascript:`-like link in a Markdown link of a snippet, which the sanitizer empties.
    pub(crate) fn dangerous_link(offset: usize) -> Self {
        Removed {
            offset,
            what: "a link that can run code".into(),
            hint: NEVER,
            too_deep: false,
        }
    }
}

const NEVER: &str =
    "scripts, embeds and event handlers are never published; remove them from the text";
const IFRAME: &str = "embeds are never published; for a video on YouTube or Vimeo, link a poster photo to it: [![what it shows](poster.jpg)](https://www.youtube.com/watch?v=…) plays it only when a visitor asks";
const MEDIA: &str = "write the clip as ![what it shows](film.mp4 \"caption\") on a line of its own: passage publishes it without its metadata, with its captions (film.en.vtt…), poster, size and transcript";
const PICTURE: &str = "write the photo as ![what it shows](photo.jpg) (or a plain <img src=\"photo.jpg\" alt=\"…\">): passage makes the responsive picture itself";
const FORM: &str =
    "forms are not published; link to a form on another site with [text](https://…) instead";
const ELEMENT: &str =
    "its text is kept, the element is not; use Markdown or an element README's \"Raw HTML\" lists";
const ATTRIBUTE: &str =
    "the element is kept without it; README's \"Raw HTML\" lists the attributes that are published";

/// A reference to a file or page in raw HTML, for the page to resolve.
pub(super) struct Reference {
    /// The element it is on, lower case.
    pub(super) tag: String,
    /// `href`, `src` (for `<img>` also its first `srcset` candidate when it has no `src`),
    /// `srcset` (one candidate) or `poster`.
    pub(super) attr: &'static str,
    /// The reference with character references decoded.
    pub(super) url: String,
    /// The element's alt text, for `<img>`.
    pub(super) alt: Option<String>,
    /// Byte offset of the element in the piece of HTML.
    pub(super) offset: usize,
}

/// What becomes of a reference.
pub(super) enum Change {
    Keep,
    /// The attribute gets this (unescaped) value.
    Set(String),
    RemoveAttribute,
    /// The element is replaced by this markup.
    Replace(String),
    RemoveElement,
}

/// Walks one piece of raw HTML (a tag, or a whole HTML block): each reference is handed to
/// `resolve` and changed as it says, and each thing the sanitizer will remove is returned,
/// once per kind. HTML the rewriter cannot read is returned as it is, for the sanitizer.
pub(super) fn walk(
    html: &str,
    resolve: &mut dyn FnMut(&Reference) -> Change,
) -> (String, Vec<Removed>) {
    let mut removed = Vec::new();
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
            visit(el, html, resolve, &mut removed);
            Ok(())
        })),
    );
    let mut seen = HashSet::new();
    removed.retain(|r: &Removed| seen.insert(r.what.clone()));
    (rewritten.unwrap_or_else(|_| html.to_string()), removed)
}

/// One element: what of it will be removed, then its references.
fn visit(
    el: &mut Element,
    html: &str,
    resolve: &mut dyn FnMut(&Reference) -> Change,
    out: &mut Vec<Removed>,
) {
    let tag = el.tag_name();
    let offset = el.source_location().bytes().start;
    let policy = policy();
    // A <source> or <track> goes with its <video>, <audio> or <picture>, which is reported.
    if !policy.tags.contains(tag.as_str()) && !["source", "track"].contains(&tag.as_str()) {
        out.push(Removed {
            offset,
            what: element_name(&tag),
            hint: element_hint(&tag),
            too_deep: false,
        });
        if policy.clean_content.contains(tag.as_str()) {
            return;
        }
    }
    for reference in references(el, &tag, offset) {
        let attr = reference.attr;
        match resolve(&reference) {
            Change::Keep => {}
            Change::Set(value) => {
                let _ = el.set_attribute(attr, &crate::escape::escape_html(&value));
            }
            Change::RemoveAttribute => el.remove_attribute(attr),
            Change::Replace(html) => {
                el.replace(&html, ContentType::Html);
                return;
            }
            Change::RemoveElement => {
                el.remove();
                return;
            }
        }
    }
    if policy.tags.contains(tag.as_str()) {
        removed_attributes(el, &tag, |name| attribute_offset(html, offset, name), out);
    }
}

/// The references an element carries, `<img>`'s photo first.
fn references(el: &Element, tag: &str, offset: usize) -> Vec<Reference> {
    let value = |name: &str| {
        el.get_attribute(name)
            .map(|v| html_escape::decode_html_entities(&v).into_owned())
    };
    let reference = |attr, url: String| Reference {
        tag: tag.to_string(),
        attr,
        url,
        alt: value("alt"),
        offset,
    };
    let mut out = Vec::new();
    let mut srcset: Vec<String> = value("srcset").map(|s| candidates(&s)).unwrap_or_default();
    match tag {
        "a" | "area" => out.extend(value("href").map(|u| reference("href", u))),
        "img" => match value("src") {
            Some(src) => out.push(reference("src", src)),
            None if !srcset.is_empty() => out.push(reference("src", srcset.remove(0))),
            None => {}
        },
        _ => {
            out.extend(value("src").map(|u| reference("src", u)));
            out.extend(value("poster").map(|u| reference("poster", u)));
        }
    }
    out.extend(srcset.into_iter().map(|u| reference("srcset", u)));
    out
}

/// The URLs of a `srcset` (`a.jpg 1x, b.jpg 2x`).
fn candidates(srcset: &str) -> Vec<String> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Reports the attributes of an allowed element that the sanitizer will drop.
fn removed_attributes(
    el: &Element,
    tag: &str,
    offset_of: impl Fn(&str) -> usize,
    out: &mut Vec<Removed>,
) {
    let policy = policy();
    let allowed = |name: &str| {
        policy.generic.contains(name)
            || policy.by_tag.get(tag).is_some_and(|set| set.contains(name))
    };
    for attribute in el.attributes() {
        let name = attribute.name();
        let value = html_escape::decode_html_entities(&attribute.value()).into_owned();
        let offset = offset_of(&name);
        let removal = |what: String, hint| Removed {
            offset,
            what,
            hint,
            too_deep: false,
        };
        if !allowed(&name) {
            out.push(if name.starts_with("on") {
                removal("an event-handler attribute".into(), NEVER)
            } else {
                removal(format!("the `{name}` attribute of <{tag}>"), ATTRIBUTE)
            });
        } else if ["href", "src", "cite"].contains(&name.as_str())
            && let Some(scheme) = scheme(&value)
            && !policy.schemes.contains(scheme.as_str())
        {
            out.push(removal(format!("a {scheme}: URL"), NEVER));
        } else if name == "style" {
            out.extend(
                value
                    .split(';')
                    .filter_map(|d| d.split_once(':'))
                    .map(|(p, _)| p.trim().to_ascii_lowercase())
                    .find(|p| !policy.styles.contains(p.as_str()))
                    .map(|p| removal(format!("the `{p}` style"), ATTRIBUTE)),
            );
        }
    }
}

/// Where the attribute `name` of the element starting at `start` is written, for messages.
fn attribute_offset(html: &str, start: usize, name: &str) -> usize {
    let tag = html.get(start..).unwrap_or("");
    let end = tag.find('>').unwrap_or(tag.len());
    let lower = tag[..end].to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower
        .match_indices(name)
        .map(|(at, _)| at)
        .find(|&at| {
            at > 0
                && (bytes[at - 1].is_ascii_whitespace() || b"/\"'".contains(&bytes[at - 1]))
                && !bytes
                    .get(at + name.len())
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
        })
        .map_or(start, |at| start + at)
}

/// The scheme of an absolute URL, lower case, as the sanitizer reads it.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

fn element_name(tag: &str) -> String {
    match tag {
        "iframe" | "object" => format!("an <{tag}> embed"),
        t if t.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an <{t}> element"),
        t => format!("a <{t}> element"),
    }
}

fn element_hint(tag: &str) -> &'static str {
    match tag {
        "iframe" => IFRAME,
        "script" | "object" | "embed" | "style" | "link" | "meta" | "base" => NEVER,
        "video" | "audio" => MEDIA,
        "picture" => PICTURE,
        "form" | "input" | "button" | "select" | "textarea" | "option" => FORM,
        _ => ELEMENT,
    }
}

/// What the sanitizer keeps, read from its own configuration so reports never drift from it.
struct Policy {
    tags: HashSet<&'static str>,
    clean_content: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    by_tag: HashMap<&'static str, HashSet<&'static str>>,
    schemes: HashSet<&'static str>,
    styles: HashSet<&'static str>,
}

const STYLES: [&str; 1] = ["text-align"];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags([
            "figure",
            "figcaption",
            "section",
            "aside",
            "mark",
            "details",
            "summary",
            "input",
            "time",
        ])
        .add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tag_attributes("div", ["tabindex"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("ol", ["start"])
        .filter_style_properties(HashSet::from(STYLES))
        .link_rel(None);
        b
    })
}

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let b = cleaner();
        Policy {
            tags: b.clone_tags(),
            clean_content: b.clone_clean_content_tags(),
            generic: b.clone_generic_attributes(),
            by_tag: b.clone_tag_attributes(),
            schemes: b.clone_url_schemes(),
            styles: HashSet::from(STYLES),
        }
    })
}

/// How deeply a page's text may nest (lists in lists, quotes in quotes, HTML in HTML): far
/// beyond any real story, well below where browsers give up (512) and where the minifier's
/// recursion would overflow the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// Whether sanitized HTML nests elements more than `limit` deep.
pub(crate) fn deeper_than(html: &str, limit: usize) -> bool {
    use std::cell::Cell;
    use std::rc::Rc;
    // Cheap bound first: it cannot nest deeper than it has start tags.
    let starts = html
        .as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count();
    if starts <= limit {
        return false;
    }
    let depth = Rc::new(Cell::new(0usize));
    let deepest = Rc::new(Cell::new(0usize));
    let counted = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
            if let Some(handlers) = el.end_tag_handlers() {
                depth.set(depth.get() + 1);
                deepest.set(deepest.get().max(depth.get()));
                let depth = depth.clone();
                let close: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    depth.set(depth.get().saturating_sub(1));
                    Ok(())
                });
                handlers.push(close);
            }
            Ok(())
        })),
    );
    counted.is_err() || deepest.get() > limit
}

/// The allow-list sanitizer for pages containing raw HTML.
pub(super) fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Markup passage made itself, set aside behind markers while a page is sanitized.
#[derive(Default)]
pub(super) struct Protected {
    /// Starts every marker; chosen so the page's own text never contains it.
    prefix: String,
    kept: Vec<String>,
}

impl Protected {
    /// Markers for a page whose Markdown is `body`.
    pub(super) fn for_body(body: &str) -> Self {
        let mut prefix = String::from("passage-kept-");
        while body.contains(&prefix) {
            prefix.insert(0, 'x');
        }
        Protected {
            prefix,
            kept: Vec::new(),
        }
    }

    /// Sets `html` aside; the marker (an element the sanitizer keeps as it is) goes in its place.
    pub(super) fn marker(&mut self, html: String) -> String {
        self.kept.push(html);
        format!("<img src=\"#{}{}\">", self.prefix, self.kept.len() - 1)
    }

    /// `html` with every marker replaced by what it stands for.
    pub(super) fn restore(&self, html: String) -> String {
        if self.kept.is_empty() {
            return html;
        }
        let open = format!("<img src=\"#{}", self.prefix);
        let mut out =
            String::with_capacity(html.len() + self.kept.iter().map(String::len).sum::<usize>());
        let mut rest = html.as_str();
        while let Some(at) = rest.find(&open) {
            out.push_str(&rest[..at]);
            let after = &rest[at + open.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let kept = after[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.kept.get(n));
            match (kept, after[digits..].strip_prefix("\">")) {
                (Some(kept), Some(tail)) => {
                    out.push_str(kept);
                    rest = tail;
                }
                _ => {
                    out.push_str(&open);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(html: &str) -> Vec<String> {
        walk(html, &mut |_| Change::Keep)
            .1
            .into_iter()
            .map(|r| r.what)
            .collect()
    }

    #[test]
    fn every_removal_is_named_by_what_the_sanitizer_does() {
        assert_eq!(
            removed("<video src=a.mp4 controls>x</video>"),
            ["a <video> element"]
        );
        assert_eq!(removed("<script>x()</script>"), ["a <script> element"]);
        assert_eq!(removed("<iframe src=x></iframe>"), ["an <iframe> embed"]);
        assert_eq!(
            removed("<p onclick=x()>a</p>"),
            ["an event-handler attribute"]
        );
        assert_eq!(
            removed("<a href=\"java&#x09;script:x\">a</a>"),
            ["a javascript: URL"]
        );
        assert_eq!(
            removed("<a href=x target=_blank>a</a>"),
            ["the `target` attribute of <a>"]
        );
        assert_eq!(
            removed("<td style=\"color:red\">a</td>"),
            ["the `color` style"]
        );
        assert_eq!(removed("<font color=red>a</font>"), ["a <font> element"]);
        // What the sanitizer keeps is not reported.
        assert!(removed("<details><summary>s</summary><abbr title=t>x</abbr></details><td style=\"text-align:right\"><a href=\"https://e.org/\">").is_empty());
        assert!(removed("<!-- a note --><p class=x id=y lang=ka dir=rtl>a</p>").is_empty());
        // Once per kind in one piece.
        assert_eq!(removed("<p onclick=a onmouseover=b>").len(), 1);
    }

    #[test]
    fn references_are_resolved_and_changed() {
        let mut seen = Vec::new();
        let (out, _) = walk(
            "<a href=\"report.pdf?a=1&amp;b=2\">r</a> <img srcset=\"p.jpg 1x, q.jpg 2x\" alt=\"A &amp; B\"> <video poster=f.jpg src=f.mp4></video>",
            &mut |r| {
                seen.push(format!("{} {} {} {:?}", r.tag, r.attr, r.url, r.alt));
                match r.attr {
                    "href" => Change::Set("/files/r.pdf?a=1&b=2".into()),
                    "src" if r.tag == "img" => Change::Replace("<picture>P</picture>".into()),
                    _ => Change::Keep,
                }
            },
        );
        assert_eq!(
            seen,
            [
                "a href report.pdf?a=1&b=2 None",
                "img src p.jpg Some(\"A & B\")",
                "video src f.mp4 None",
                "video poster f.jpg None",
            ]
        );
        assert!(
            out.starts_with(
                "<a href=\"/files/r.pdf?a=1&amp;b=2\">r</a> <picture>P</picture> <video"
            ),
            "{out}"
        );
    }

    #[test]
    fn nesting_depth_is_measured_on_elements_with_content() {
        let nested = |n: usize| format!("{}x{}", "<div><br>".repeat(n), "</div>".repeat(n));
        assert!(!deeper_than(&nested(128), 128));
        assert!(deeper_than(&nested(129), 128));
        let flat = "<p>a</p>".repeat(1000);
        assert!(!deeper_than(&flat, 128));
    }

    #[test]
    fn kept_markup_comes_back_after_sanitizing() {
        let mut p = Protected::for_body("text with passage-kept-0 in it");
        assert_eq!(p.prefix, "xpassage-kept-");
        let m =
            p.marker("<picture><source srcset=a.webp><img src=a.jpg alt=\"\"></picture>".into());
        let page = format!("<p>{m}<video></video></p>");
        let clean = sanitize(&page);
        assert_eq!(
            p.restore(clean),
            "<p><picture><source srcset=a.webp><img src=a.jpg alt=\"\"></picture></p>"
        );
        assert_eq!(
            p.restore("<img src=\"#xpassage-kept-9\">".into()),
            "<img src=\"#xpassage-kept-9\">"
        );
    }
}
