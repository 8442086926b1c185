//! The one place that builds the site's addresses: site paths (`/ka/stories/x/`), the files
//! they are written to, links with the base path and percent-encoding, and absolute URLs.

/// Characters that cannot appear raw in a URL path segment.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// `/en/` for the home page (`key` empty), `/en/<key>/` for any other page.
pub fn page_path(lang: &str, key: &str) -> String {
    if key.is_empty() {
        format!("/{lang}/")
    } else {
        format!("/{lang}/{key}/")
    }
}

/// Page `page` of a paginated list at `base` (`/en/stories/page/2/`); page 1 is `base` itself.
pub fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The file a site path is written to: folders (`/en/about/`) get an `index.html`.
pub fn file_of(path: &str) -> String {
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The path part of `base_url` (`https://x.github.io/site` → `/site`), prefixed to every link.
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(i) => without_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// A site path as it appears in links: percent-encoded (ASCII only) after the base path.
pub fn encode_path(base_path: &str, path: &str) -> String {
    let mut out = String::with_capacity(base_path.len() + path.len());
    out.push_str(base_path);
    // Pieces, not `Display`: formatting was a tenth of the time a rebuild spends on links.
    out.extend(percent_encoding::utf8_percent_encode(path, PATH_SEGMENT));
    out
}

/// Links of one site: made once from `base_url`, used for every link, feed and sitemap entry.
#[derive(Debug, Clone)]
pub struct Urls {
    base_url: String,
    base_path: String,
}

impl Urls {
    /// The links of a site published at `base_url` (no trailing slash).
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_string(),
            base_path: base_path(base_url),
        }
    }

    /// The path the site lives under (`/site`, or empty), for photos and static files.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A site path as written in HTML links.
    pub fn href(&self, path: &str) -> String {
        encode_path(&self.base_path, path)
    }

    /// An already-encoded site URL (with base path) made absolute.
    pub fn absolute_url(&self, url: &str) -> String {
        let origin = self
            .base_url
            .strip_suffix(self.base_path.as_str())
            .unwrap_or(&self.base_url);
        format!("{origin}{url}")
    }

    /// A site path as an absolute URL (canonical, hreflang, feeds, sitemap).
    pub fn absolute(&self, path: &str) -> String {
        self.absolute_url(&self.href(path))
    }

    /// A link as written in a page (with the base path) back to a site path, if it is one.
    pub fn site_path<'a>(&self, link: &'a str) -> &'a str {
        link.strip_prefix(self.base_path.as_str())
            .filter(|p| p.starts_with('/'))
            .unwrap_or(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_and_encoding() {
        assert_eq!(base_path("https://x.github.io/site/"), "/site");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(
            encode_path("", "/ka/tags/მიგრაცია/"),
            "/ka/tags/%E1%83%9B%E1%83%98%E1%83%92%E1%83%A0%E1%83%90%E1%83%AA%E1%83%98%E1%83%90/"
        );
        assert_eq!(encode_path("/s", "/en/a b/"), "/s/en/a%20b/");
    }

    #[test]
    fn absolute_urls_keep_one_base_path() {
        let urls = Urls::new("https://x.github.io/site");
        assert_eq!(urls.href("/en/"), "/site/en/");
        assert_eq!(urls.absolute("/en/"), "https://x.github.io/site/en/");
        assert_eq!(urls.site_path("/site/en/atom.xml"), "/en/atom.xml");
        assert_eq!(file_of("/en/"), "/en/index.html");
        assert_eq!(paged("/en/stories/", 2), "/en/stories/page/2/");
    }
}
