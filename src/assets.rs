//! Static files of the theme and the site: CSS minified, CSS/JS fingerprinted so hosts can
//! cache them forever, everything else copied as it is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};

/// Folder of static files in a theme and at the site root.
pub const STATIC_DIR: &str = "static";

/// One file to publish.
pub struct Asset {
    /// Path in the output, without a leading slash.
    pub output: String,
    /// Contents to write.
    pub bytes: Vec<u8>,
}

/// All static files, plus the map from their source names to published URLs.
pub struct Assets {
    /// Files to write.
    pub files: Vec<Asset>,
    /// `style.css` → `/style.1a2b3c4d.css`, for the `asset()` template function.
    pub urls: BTreeMap<String, String>,
}

/// Stylesheet that the site's own settings (its accent colour) are appended to.
pub const MAIN_STYLESHEET: &str = "style.css";

/// Reads the theme's `static/` and then the site's `static/` (same names override);
/// `settings_css` (custom properties from `site.toml`) goes at the end of `style.css`.
pub fn load(
    root: &Path,
    theme_dir: &Path,
    base_path: &str,
    settings_css: &str,
) -> (Assets, Vec<Diagnostic>) {
    let mut sources: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in [theme_dir.join(STATIC_DIR), root.join(STATIC_DIR)] {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && !name.starts_with('.') && !name.ends_with('~') {
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                sources.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    entry.path().to_path_buf(),
                );
            }
        }
    }
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut urls = BTreeMap::new();
    for (rel, path) in sources {
        let shown = display_path(root, &path);
        let bytes = match std::fs::read(&path) {
            Ok(mut b) if rel == MAIN_STYLESHEET => {
                b.extend_from_slice(settings_css.as_bytes());
                b
            }
            Ok(b) => b,
            Err(e) => {
                problems.push(Diagnostic::error(shown, format!("cannot read: {e}")));
                continue;
            }
        };
        let ext = Path::new(&rel)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let (bytes, fingerprint) = match ext.as_deref() {
            Some("css") => match minify_css(&bytes) {
                Ok(css) => (css, true),
                Err((line, col, msg)) => {
                    problems.push(
                        Diagnostic::error(shown, format!("CSS: {msg}"))
                            .at(line, Some(col))
                            .hint("fix the CSS syntax at that place"),
                    );
                    continue;
                }
            },
            Some("js") => (bytes, true),
            _ => (bytes, false),
        };
        let output = if fingerprint {
            fingerprinted(&rel, &bytes)
        } else {
            rel.clone()
        };
        urls.insert(rel, format!("{base_path}/{output}"));
        files.push(Asset { output, bytes });
    }
    (Assets { files, urls }, problems)
}

/// `css/style.css` → `css/style.1a2b3c4d.css`, from the content hash.
fn fingerprinted(rel: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{short}.{ext}"),
        _ => format!("{rel}.{short}"),
    }
}

/// Minifies a stylesheet with lightningcss; errors carry 1-based line and column.
fn minify_css(bytes: &[u8]) -> Result<Vec<u8>, (usize, usize, String)> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let text = String::from_utf8_lossy(bytes);
    let mut sheet = StyleSheet::parse(&text, ParserOptions::default()).map_err(|e| {
        let (line, col) = e
            .loc
            .as_ref()
            .map_or((1, 1), |l| (l.line as usize + 1, l.column as usize));
        (line, col, e.kind.to_string())
    })?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| (1, 1, e.to_string()))?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| (1, 1, e.to_string()))?;
    Ok(out.code.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_minified_and_fingerprinted() {
        let dir = tempfile::tempdir().unwrap();
        let theme = dir.path().join("themes/t");
        std::fs::create_dir_all(theme.join("static/fonts")).unwrap();
        std::fs::write(
            theme.join("static/style.css"),
            "body {\n  color: #ff0000;\n}\n",
        )
        .unwrap();
        std::fs::write(theme.join("static/fonts/a.woff2"), b"x").unwrap();
        let (assets, problems) = load(dir.path(), &theme, "", "");
        assert!(problems.is_empty());
        let css_url = &assets.urls["style.css"];
        assert!(
            css_url.starts_with("/style.") && css_url.ends_with(".css"),
            "{css_url}"
        );
        let css = assets
            .files
            .iter()
            .find(|f| f.output.ends_with(".css"))
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&css.bytes), "body{color:red}");
        assert_eq!(assets.urls["fonts/a.woff2"], "/fonts/a.woff2");
    }

    #[test]
    fn broken_css_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let theme = dir.path().join("themes/t");
        std::fs::create_dir_all(theme.join("static")).unwrap();
        std::fs::write(
            theme.join("static/style.css"),
            "a { color: red }\n\n@media (min-width: 3rem { b { color: red } }\n",
        )
        .unwrap();
        let (_, problems) = load(dir.path(), &theme, "", "");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(3));
    }
}
