//! The theme's and the site's static files (CSS minified and fingerprinted, fonts, icons).

use std::sync::Arc;

use crate::assets::Assets;
use crate::diagnostics::Diagnostic;
use crate::resolve::Site;

use super::{Body, Output, Planned, Renderer};

/// Static files, loaded before the site is resolved.
pub struct ThemeFiles(pub Arc<Assets>);

impl Output for ThemeFiles {
    fn name(&self) -> &'static str {
        "the theme's static files"
    }

    fn plan(&self, _site: &Site) -> Vec<Planned> {
        self.0
            .files
            .iter()
            .enumerate()
            .map(|(i, a)| Planned::new(format!("/{}", a.output), i))
            .collect()
    }

    fn render(&self, _cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let i = *file.item::<usize>()?;
        let asset = self.0.files.get(i).ok_or_else(|| {
            Diagnostic::error(
                &file.file,
                "internal error: a static file that is not loaded",
            )
        })?;
        Ok(Body::Bytes(asset.bytes.clone()))
    }
}
