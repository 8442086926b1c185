//! A page's Markdown, read when first needed: a rebuild that finds a file as the last build
//! left it ([`super::record`]) knows its front matter without reading it, and reads its text
//! only if the text must be rendered again.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The Markdown after a page's front matter, with CRLF and BOM removed; shared, so `serve`
/// keeps the unchanged pages from one preparation to the next without copying them.
#[derive(Debug, Clone, Default)]
pub struct Body {
    text: OnceLock<Arc<str>>,
    /// Where an unread text is: its file, the byte it starts at and the digest of the whole
    /// file when that was measured.
    unread: Option<Unread>,
}

#[derive(Debug, Clone)]
struct Unread {
    path: PathBuf,
    start: usize,
    digest: [u8; 16],
}

impl Body {
    /// The text of a file the record says is unchanged, read on first use.
    pub fn unread(path: PathBuf, start: usize, digest: [u8; 16]) -> Self {
        Self {
            text: OnceLock::new(),
            unread: Some(Unread {
                path,
                start,
                digest,
            }),
        }
    }

    /// The text.
    pub fn get(&self) -> &str {
        self.text
            .get_or_init(|| self.unread.as_ref().map(read).unwrap_or_default())
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Self {
            text: OnceLock::from(Arc::from(text)),
            unread: None,
        }
    }
}

/// The text as the file holds it now. A file changed since it was measured (saved again during
/// the build) gives its new text, split again; the next build reads it whole, since its stamp
/// changed. A file that cannot be read any more gives nothing.
fn read(unread: &Unread) -> Arc<str> {
    let Ok(text) = crate::text::read(&unread.path, &unread.path) else {
        return Arc::from("");
    };
    let start = match crate::cache::digest(text.as_bytes()) == unread.digest {
        true => Some(unread.start),
        false => super::body_start(&text),
    };
    Arc::from(start.and_then(|s| text.get(s..)).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unread_text_is_read_once_and_split_again_if_the_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.en.md");
        let text = "+++\ntitle = \"A\"\n+++\nThe text.\n";
        std::fs::write(&path, text).unwrap();
        let start = text.find("The").unwrap();
        let digest = crate::cache::digest(text.as_bytes());
        let body = Body::unread(path.clone(), start, digest);
        assert_eq!(body.get(), "The text.\n");
        std::fs::write(&path, "+++\ntitle = \"Longer title\"\n+++\nNew.\n").unwrap();
        assert_eq!(body.get(), "The text.\n", "read once");
        assert_eq!(Body::unread(path.clone(), start, digest).get(), "New.\n");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(Body::unread(path, start, digest).get(), "");
    }
}
