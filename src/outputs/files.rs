//! Files beside pages that their text links to (a PDF, say), published next to each
//! language's page. Photos are never among them: the image pipeline publishes those.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::resolve::Site;

use super::{Body, Output, Planned, Renderer};

/// Linked files beside pages.
pub struct PageFiles;

impl Output for PageFiles {
    fn name(&self) -> &'static str {
        "the files beside pages"
    }

    fn plan(&self, site: &Site) -> Vec<Planned> {
        let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (e, r) in site.entries.iter().zip(&site.rendered) {
            for asset in &r.assets {
                if let Some(name) = asset.file_name() {
                    let out = format!("{}{}", e.path, name.to_string_lossy());
                    files.insert(out, asset.clone());
                }
            }
        }
        files
            .into_iter()
            .map(|(out, from)| Planned::new(out, from))
            .collect()
    }

    fn render(&self, _cx: &Renderer, file: &Planned) -> Result<Body, Diagnostic> {
        let from = file.item::<PathBuf>()?;
        std::fs::read(from).map(Body::Bytes).map_err(|e| {
            Diagnostic::error(from, format!("cannot read a file the page links to: {e}"))
                .hint("check that the file exists and can be read")
        })
    }
}
