//! Photo renditions: every size and format the image pipeline made of the photos the pages
//! show, published from the cache. Originals are never published.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::resolve::Site;

use super::{Body, Output, Planned, Renderer};

/// Encoded photos, under `/img/`.
pub struct Photos;

impl Output for Photos {
    fn name(&self) -> &'static str {
        "the photos"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        site.images
            .published()
            .into_iter()
            .map(|(out, cached)| Planned::new(format!("/{out}"), cached))
            .collect()
    }

    fn plan_after_render(&self, cx: &Renderer) -> Vec<Planned> {
        self.plan(cx.site)
    }

    fn render(&self, _cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        Ok(Body::File(file.item::<PathBuf>()?.clone()))
    }
}
