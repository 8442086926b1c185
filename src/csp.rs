//! The Content-Security-Policy of a site: what its pages may load. The default theme needs
//! nothing inline and nothing from another host, so the policy can be strict; a page that
//! was tampered with (an injected script, a tracking pixel) is stopped by the browser.

use crate::config::SiteConfig;

/// The policy as a `<meta http-equiv>` carries it (for hosts that cannot set headers).
///
/// Inline `style` attributes are allowed (`style-src-attr`) for one reason: a photo's
/// placeholder colour and blurred preview, written by passage from the photo itself; from an
/// author's HTML the sanitizer keeps no `style` but `text-align` on table cells (what
/// Markdown tables write). Search compiles Pagefind's
/// WebAssembly (`'wasm-unsafe-eval'`), so that is allowed only when search is on.
pub fn meta_policy(config: &SiteConfig) -> String {
    let script = if config.search.enabled {
        "script-src 'self' 'wasm-unsafe-eval'"
    } else {
        "script-src 'self'"
    };
    let frames = format!("frame-src {}", crate::media::PLAYER_ORIGINS.join(" "));
    [
        "default-src 'none'",
        script,
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        // Video, audio and their caption tracks, published beside the pages.
        "media-src 'self'",
        // Players of videos hosted elsewhere, loaded only when a visitor presses play.
        frames.as_str(),
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    .join("; ")
}

/// The policy as a header: the meta policy and what only a header can say (no other site
/// may show these pages in a frame).
pub fn header_policy(config: &SiteConfig) -> String {
    format!("{}; frame-ancestors 'none'", meta_policy(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webassembly_is_allowed_only_for_search() {
        let mut config = SiteConfig::parse(
            "base_url = \"https://example.org\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"T\"\ndescription = \"D\"\n",
            "site.toml".into(),
        )
        .unwrap();
        assert!(meta_policy(&config).contains("'wasm-unsafe-eval'"));
        assert!(!meta_policy(&config).contains("frame-ancestors"));
        assert!(header_policy(&config).ends_with("frame-ancestors 'none'"));
        config.search.enabled = false;
        assert!(!meta_policy(&config).contains("wasm"));
        assert!(meta_policy(&config).starts_with("default-src 'none'"));
    }
}
