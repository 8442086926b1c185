//! `sitemap.xml`, with every output's pages and their translations, and `robots.txt`
//! pointing at it.

use crate::diagnostics::Diagnostic;
use crate::resolve::Site;

use super::{Body, Output, Planned, Renderer};

/// The sitemap and robots.txt.
pub struct Sitemap;

enum File {
    Sitemap,
    Robots,
}

impl Output for Sitemap {
    fn name(&self) -> &'static str {
        "the sitemap"
    }

    fn plan(&self, _site: &Site) -> Vec<Planned> {
        vec![
            Planned::new("/sitemap.xml", File::Sitemap),
            Planned::new("/robots.txt", File::Robots),
        ]
    }

    fn render(&self, cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let site = cx.site;
        let text = match file.item::<File>()? {
            File::Sitemap => {
                let mut urls: Vec<_> = cx.outputs.iter().flat_map(|o| o.sitemap(cx)).collect();
                urls.sort_by(|a, b| a.loc.cmp(&b.loc));
                crate::feeds::sitemap(&urls)
            }
            File::Robots => crate::feeds::robots(&site.absolute("/sitemap.xml")),
        };
        Ok(Body::Bytes(text.into_bytes()))
    }
}
