//! Video, audio and caption files: the copies without metadata that the pages play, published
//! from the media cache. Originals are never published.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::resolve::Site;

use super::{Body, Output, Planned, Renderer};

/// Clips and their captions, under `/media/`.
pub struct MediaFiles;

impl Output for MediaFiles {
    fn name(&self) -> &'static str {
        "the video and audio"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        site.media
            .published()
            .into_iter()
            .map(|(out, file)| Planned::new(format!("/{out}"), file))
            .collect()
    }

    fn render(&self, _cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        Ok(Body::File(file.item::<PathBuf>()?.clone()))
    }
}
