//! Machine-read outputs: one Atom feed per language, `sitemap.xml` with hreflang alternates,
//! and `robots.txt`.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::escape::escape_html_into as escape_into;

/// One story in a feed.
pub struct FeedItem {
    /// Absolute URL, also the entry id.
    pub url: String,
    /// Title as written.
    pub title: String,
    /// Plain-text summary.
    pub summary: String,
    /// Publication date, RFC 3339.
    pub published: String,
    /// Last update, RFC 3339.
    pub updated: String,
}

/// An Atom feed of a language's latest stories.
pub fn atom(lang: &str, title: &str, site_url: &str, feed_url: &str, items: &[FeedItem]) -> String {
    let parse = |s: &str| s.parse::<FixedDateTime>().unwrap_or_default();
    let updated = items
        .iter()
        .map(|i| parse(&i.updated))
        .max()
        .unwrap_or_default();
    let entries: Vec<Entry> = items
        .iter()
        .map(|i| Entry {
            id: i.url.clone(),
            title: Text::plain(i.title.clone()),
            updated: parse(&i.updated),
            published: Some(parse(&i.published)),
            links: vec![Link {
                href: i.url.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                hreflang: Some(lang.into()),
                ..Link::default()
            }],
            summary: (!i.summary.is_empty()).then(|| Text::plain(i.summary.clone())),
            ..Entry::default()
        })
        .collect();
    let feed = Feed {
        id: feed_url.to_string(),
        title: Text::plain(title.to_string()),
        updated,
        lang: Some(lang.to_string()),
        authors: vec![Person {
            name: title.to_string(),
            uri: Some(site_url.to_string()),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: feed_url.to_string(),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: site_url.to_string(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                hreflang: Some(lang.into()),
                ..Link::default()
            },
        ],
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

/// One URL of the sitemap with the other languages it exists in.
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// Date of last change, `YYYY-MM-DD`.
    pub lastmod: Option<String>,
    /// `(hreflang, absolute URL)` of every translation, this one included.
    pub alternates: Vec<(String, String)>,
}

/// `sitemap.xml` with `xhtml:link` alternates, as search engines expect for multilingual sites.
pub fn sitemap(urls: &[SitemapUrl]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Written piece by piece: a big site's sitemap has tens of thousands of addresses.
    for u in urls {
        out.push_str("  <url>\n    <loc>");
        escape_into(&mut out, &u.loc);
        out.push_str("</loc>\n");
        if let Some(m) = &u.lastmod {
            out.push_str("    <lastmod>");
            escape_into(&mut out, m);
            out.push_str("</lastmod>\n");
        }
        if u.alternates.len() > 1 {
            for (lang, href) in &u.alternates {
                out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                escape_into(&mut out, lang);
                out.push_str("\" href=\"");
                escape_into(&mut out, href);
                out.push_str("\"/>\n");
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt` that allows everything and points at the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}
