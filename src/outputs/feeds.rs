//! An Atom feed per language: the latest stories and whatever other outputs add (journeys),
//! newest first.

use crate::diagnostics::Diagnostic;
use crate::resolve::Site;
use crate::urls::page_path;

use super::{Body, Output, Planned, Renderer};

/// `/<lang>/atom.xml`.
pub struct Feeds;

/// Entries in a feed.
pub(super) const FEED_LENGTH: usize = 20;

impl Output for Feeds {
    fn name(&self) -> &'static str {
        "the feeds"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        site.config
            .languages
            .iter()
            .map(|l| Planned::new(format!("/{}/atom.xml", l.code), l.code.clone()))
            .collect()
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let code = file.item::<String>()?;
        let site = cx.site;
        let Some(lang) = site.config.language(code) else {
            return Err(Diagnostic::error(
                &file.file,
                "internal error: a feed without its language",
            ));
        };
        let mut items: Vec<_> = cx
            .outputs
            .iter()
            .flat_map(|o| o.feed_items(cx, code))
            .collect();
        items.sort_by(|a, b| b.published.cmp(&a.published).then(a.url.cmp(&b.url)));
        items.truncate(FEED_LENGTH);
        let xml = crate::feeds::atom(
            code,
            &lang.title,
            &site.absolute(&page_path(code, "")),
            &site.absolute(&file.file),
            &items,
        );
        Ok(Body::Bytes(xml.into_bytes()))
    }
}
