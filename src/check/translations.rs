//! Missing and stale translations, each a warning on the file to write or update.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::status::State;

/// Missing and stale translations, as warnings on the file to write or update.
pub(super) fn problems(
    root: &Path,
    config: &SiteConfig,
    table: &crate::status::Status,
) -> Vec<Diagnostic> {
    let name = |code: &str| {
        config
            .language(code)
            .map_or(code.to_string(), |l| format!("{} ({code})", l.name))
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let key = if row.page == "(home)" {
            String::new()
        } else {
            row.page.clone()
        };
        let original = row
            .states
            .iter()
            .find(|(_, s)| *s == State::Original)
            .map(|(l, _)| l.clone())
            .unwrap_or_default();
        for (lang, state) in &row.states {
            let file = translation_file(root, &key, lang);
            match state {
                State::Missing => out.push(
                    Diagnostic::warning(&file, format!("not translated into {} yet", name(lang)))
                        .hint(format!(
                            "create {} from the {} text; until then readers see the fallback",
                            file.display(),
                            name(&original)
                        )),
                ),
                State::Stale => out.push(
                    Diagnostic::warning(
                        &file,
                        format!(
                            "the {} text changed after this translation was made",
                            name(&original)
                        ),
                    )
                    .hint(format!(
                        "update the translation, then run `passage translated {} --lang {lang}`",
                        if key.is_empty() { "(home)" } else { &key }
                    )),
                ),
                _ => {}
            }
        }
    }
    out
}

/// The file a page's translation lives (or would live) in, following the original's layout.
fn translation_file(root: &Path, key: &str, lang: &str) -> PathBuf {
    let content = Path::new(crate::content::CONTENT_DIR);
    if key.is_empty() {
        return content.join(format!("_index.{lang}.md"));
    }
    let dir = root.join(content).join(key);
    if dir.is_dir() {
        let index = if dir.join(format!("_index.{lang}.md")).exists()
            || std::fs::read_dir(&dir).is_ok_and(|d| {
                d.filter_map(Result::ok)
                    .any(|e| e.file_name().to_string_lossy().starts_with("_index."))
            }) {
            "_index"
        } else {
            "index"
        };
        content.join(key).join(format!("{index}.{lang}.md"))
    } else {
        content.join(format!("{key}.{lang}.md"))
    }
}
