//! Share links without trackers: plain addresses that open the network's own share page (or
//! the visitor's mail program) with the story's address filled in. Nothing is loaded from those
//! sites until the visitor follows one.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// One way to share a page.
#[derive(Serialize)]
pub struct ShareLink {
    /// `email`, or the network's name, for the theme to label and mark.
    pub key: &'static str,
    /// The network's name as it calls itself (the theme translates `email`).
    pub name: &'static str,
    /// The address that shares it.
    pub url: String,
}

/// Each way to share: its key, its name, and its address with `{title}`, `{url}` or `{both}`
/// (title and address in one text) to fill in. E-mail first (it works everywhere), then the
/// networks campaigns in the region reach people on.
const WAYS: &[(&str, &str, &str)] = &[
    ("email", "E-mail", "mailto:?subject={title}&body={url}"),
    (
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer/sharer.php?u={url}",
    ),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={both}"),
    (
        "telegram",
        "Telegram",
        "https://t.me/share/url?url={url}&text={title}",
    ),
    ("x", "X", "https://x.com/intent/post?url={url}&text={title}"),
    (
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?url={url}",
    ),
];

/// Where a page titled `title` at absolute `url` can be shared.
pub fn links(title: &str, url: &str) -> Vec<ShareLink> {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    // Encoded text has no braces left, so filling one placeholder cannot make another.
    let (t, u, both) = (enc(title), enc(url), enc(&format!("{title} {url}")));
    WAYS.iter()
        .map(|&(key, name, address)| ShareLink {
            key,
            name,
            url: address
                .replace("{title}", &t)
                .replace("{url}", &u)
                .replace("{both}", &both),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_addresses_are_encoded_whole() {
        let l = links("მიგრანტები & უფლებები", "https://e.org/ka/stories/a/?x=1");
        let mail = &l[0].url;
        assert!(mail.starts_with("mailto:?subject=%E1%83%9B"), "{mail}");
        assert!(mail.contains("%26"), "{mail}");
        assert!(
            mail.ends_with("body=https%3A%2F%2Fe%2Eorg%2Fka%2Fstories%2Fa%2F%3Fx%3D1"),
            "{mail}"
        );
        assert!(l.iter().skip(1).all(|s| s.url.starts_with("https://")));
    }
}
