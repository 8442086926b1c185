//! Translation status: for every page and language, whether it is translated, stale (the
//! default-language text changed since) or missing, so a coordinator knows what to send to
//! which translator.
//!
//! Staleness needs no git: `passage translated PAGE --lang ka` records a fingerprint of the
//! default-language text (title, summary and body) as `source_hash` in the Georgian file's front
//! matter. When the original changes, its fingerprint no longer matches and the translation
//! shows as stale until it is updated and marked again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{self, SourcePage};
use crate::diagnostics::{Diagnostic, display_path};

/// The state of one page in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The default-language text everything is translated from.
    Original,
    /// Translated from the current original.
    Translated,
    /// Translated, with no record of which version of the original (never marked).
    Untracked,
    /// The original changed after this translation was made.
    Stale,
    /// Not translated.
    Missing,
}

/// One page across the languages.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Content path without language, e.g. `stories/migapp-information`.
    pub page: String,
    /// State per language code, in site order.
    pub states: Vec<(String, State)>,
}

/// Totals for one language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Pages translated (current or untracked) or original.
    pub translated: usize,
    /// Pages whose original changed since translation.
    pub stale: usize,
    /// Pages not translated.
    pub missing: usize,
    /// Pages in all.
    pub pages: usize,
}

/// The whole table.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Default language code.
    pub default: String,
    /// Every page, sorted by path.
    pub rows: Vec<Row>,
    /// Totals per language, in site order.
    pub totals: Vec<(String, Totals)>,
}

impl Status {
    /// Whether some translation was never marked, so the table needs its footnote.
    pub fn has_untracked(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.states.iter().any(|(_, s)| *s == State::Untracked))
    }
}

/// A fingerprint of what a translator translates: title, summary and text (spacing ignored).
pub fn fingerprint(page: &SourcePage) -> String {
    let mut h = blake3::Hasher::new();
    for part in [
        page.meta.title.as_str(),
        page.meta.summary.as_deref().unwrap_or(""),
        page.body(),
    ] {
        let folded: Vec<&str> = part.split_whitespace().collect();
        h.update(folded.join(" ").as_bytes());
        h.update(&[0]);
    }
    h.finalize().to_hex()[..16].to_string()
}

/// Reads the content and works out the table; problems reading files come back beside it.
pub fn status(root: &Path) -> Result<(Status, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = SiteConfig::load(root)?;
    let (pages, problems) =
        content::load(root, &config, &content::record::Record::open(root, false));
    let default = config.default_language().code.clone();
    let mut by_key: BTreeMap<String, BTreeMap<String, Arc<SourcePage>>> = BTreeMap::new();
    for p in pages {
        by_key
            .entry(p.key.clone())
            .or_default()
            .insert(p.lang.clone(), p);
    }
    let mut rows = Vec::new();
    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    for (key, langs) in &by_key {
        let original = langs
            .get(&default)
            .or_else(|| config.languages.iter().find_map(|l| langs.get(&l.code)));
        let Some(original) = original else { continue };
        let current = fingerprint(original);
        let mut states = Vec::new();
        for lang in &config.languages {
            let state = match langs.get(&lang.code) {
                Some(p) if p.lang == original.lang => State::Original,
                Some(p) => match &p.meta.source_hash {
                    Some(h) if *h == current => State::Translated,
                    Some(_) => State::Stale,
                    None => State::Untracked,
                },
                None => State::Missing,
            };
            let t = totals.entry(lang.code.clone()).or_default();
            t.pages += 1;
            match state {
                State::Stale => t.stale += 1,
                State::Missing => t.missing += 1,
                _ => t.translated += 1,
            }
            states.push((lang.code.clone(), state));
        }
        rows.push(Row {
            page: if key.is_empty() {
                "(home)".into()
            } else {
                key.clone()
            },
            states,
        });
    }
    let totals = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), totals.remove(&l.code).unwrap_or_default()))
        .collect();
    Ok((
        Status {
            default,
            rows,
            totals,
        },
        problems,
    ))
}

/// The table as text for a terminal.
pub fn render_text(status: &Status) -> String {
    let word = |s: State| match s {
        State::Original => "original",
        State::Translated => "translated",
        State::Untracked => "translated*",
        State::Stale => "STALE",
        State::Missing => "missing",
    };
    let width = status
        .rows
        .iter()
        .map(|r| r.page.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!("{:width$}", "page");
    for (lang, _) in &status.totals {
        out.push_str(&format!("  {lang:<12}"));
    }
    out = out.trim_end().to_string();
    out.push('\n');
    for row in &status.rows {
        out.push_str(&format!("{:width$}", row.page));
        for (_, state) in &row.states {
            out.push_str(&format!("  {:<12}", word(*state)));
        }
        out = out.trim_end().to_string();
        out.push('\n');
    }
    out.push('\n');
    for (lang, t) in &status.totals {
        if *lang == status.default {
            continue;
        }
        out.push_str(&format!(
            "{lang}: {}/{} translated, {} stale, {} missing\n",
            t.translated, t.pages, t.stale, t.missing
        ));
    }
    if status.has_untracked() {
        out.push_str(&format!(
            "\n* translated, but with no record of which {} text it was made from: once checked, run\n  `passage translated PAGE --lang CODE` so later changes to the original show as STALE.\n",
            status.default
        ));
    }
    out
}

/// The table as a page to open in a browser, print or send to translators: one row per page,
/// one column per language, with the totals first. `languages` gives each code its own name.
pub fn render_html(status: &Status, site_title: &str, languages: &[(String, String)]) -> String {
    let esc = crate::escape::escape_html;
    let name = |code: &str| {
        languages
            .iter()
            .find(|(c, _)| c == code)
            .map_or(code.to_string(), |(_, n)| n.clone())
    };
    let word = |s: State| match s {
        State::Original => "original",
        State::Translated => "translated",
        State::Untracked => "translated, not marked",
        State::Stale => "stale",
        State::Missing => "missing",
    };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Translation status: {title}</title>\n<style>\n\
         body {{ font: 16px/1.5 system-ui, sans-serif; margin: 1rem; color: #1a1a1a; }}\n\
         table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; }}\n\
         .stale {{ background: #fde2c4; font-weight: bold; }} .missing {{ background: #f8d0d0; }}\n\
         .original {{ color: #555; }} .untracked {{ background: #fff6bf; }}\n\
         .wrap {{ overflow-x: auto; }}\n</style>\n</head>\n<body>\n<main>\n\
         <h1>Translation status: {title}</h1>\n<p>Made by <code>passage status</code> on {today}. \
         Original texts are in {default}.</p>\n<h2>Totals</h2>\n<ul>\n",
        title = esc(site_title),
        today = crate::scaffold::today(),
        default = esc(&name(&status.default)),
    );
    for (lang, t) in &status.totals {
        if *lang == status.default {
            continue;
        }
        out.push_str(&format!(
            "<li><span lang=\"{lang}\">{}</span> ({lang}): {}/{} translated, {} stale, {} missing</li>\n",
            esc(&name(lang)),
            t.translated,
            t.pages,
            t.stale,
            t.missing,
            lang = esc(lang),
        ));
    }
    out.push_str("</ul>\n<h2>Every page</h2>\n<div class=\"wrap\">\n<table>\n<caption>Pages by language: stale means the original changed after the translation was made</caption>\n<thead><tr><th scope=\"col\">Page</th>");
    for (lang, _) in &status.totals {
        out.push_str(&format!(
            "<th scope=\"col\"><span lang=\"{code}\">{}</span> ({code})</th>",
            esc(&name(lang)),
            code = esc(lang)
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &status.rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\"><code>{}</code></th>",
            esc(&row.page)
        ));
        for (_, state) in &row.states {
            let class = match state {
                State::Untracked => "untracked",
                other => word(*other),
            };
            out.push_str(&format!("<td class=\"{class}\">{}</td>", word(*state)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if status.has_untracked() {
        out.push_str(&format!(
            "<p>“Translated, not marked”: there is no record of which {} text the translation was made from. Once it is checked, run <code>passage translated PAGE --lang CODE</code>, so that later changes to the original show as stale.</p>\n",
            esc(&name(&status.default))
        ));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Records that the translations of `page` in `langs` (all if empty) match the current original.
/// Returns the files changed.
pub fn mark_translated(
    root: &Path,
    page: &str,
    langs: &[String],
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let config = SiteConfig::load(root)?;
    Ok(mark(root, &config, page, langs)?)
}

/// Writes the fingerprints, once the settings are known to be good.
fn mark(
    root: &Path,
    config: &SiteConfig,
    page: &str,
    langs: &[String],
) -> Result<Vec<PathBuf>, Diagnostic> {
    let (pages, _) = content::load(root, config, &content::record::Record::open(root, false));
    let key = page
        .trim_matches('/')
        .trim_start_matches("content/")
        .to_string();
    let key = if key == "(home)" { String::new() } else { key };
    let versions: Vec<&SourcePage> = pages
        .iter()
        .filter(|p| p.key == key)
        .map(|p| p.as_ref())
        .collect();
    let default = &config.default_language().code;
    let Some(original) = versions
        .iter()
        .find(|p| &p.lang == default)
        .or_else(|| versions.first())
    else {
        return Err(Diagnostic::error(content::CONTENT_DIR, format!("there is no page `{page}`"))
            .hint("give the page's path under content/ without the language, e.g. stories/my-story (passage status lists them)"));
    };
    let hash = fingerprint(original);
    let mut changed = Vec::new();
    for p in versions.iter().filter(|p| p.lang != original.lang) {
        if !langs.is_empty() && !langs.contains(&p.lang) {
            continue;
        }
        let path = root.join(&p.file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Diagnostic::error(&p.file, format!("cannot read: {e}")))?;
        let updated = set_front_matter_line(&text, "source_hash", &hash).ok_or_else(|| {
            Diagnostic::error(&p.file, "cannot find the front matter to update")
                .hint("check that the file starts with +++ or ---")
        })?;
        std::fs::write(&path, updated)
            .map_err(|e| Diagnostic::error(&p.file, format!("cannot write: {e}")))?;
        changed.push(display_path(root, &path));
    }
    if let Some(missing) = langs
        .iter()
        .find(|l| !versions.iter().any(|p| &&p.lang == l))
    {
        return Err(Diagnostic::error(
            content::CONTENT_DIR,
            format!("`{page}` has no `{missing}` translation to mark"),
        )
        .hint("create the translation first (passage status shows what is missing)"));
    }
    Ok(changed)
}

/// Sets `key` in a file's front matter (TOML or YAML), keeping everything else, including a
/// byte-order mark and Windows line endings, as it was.
fn set_front_matter_line(text: &str, key: &str, value: &str) -> Option<String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let delim = if body.starts_with("+++") {
        "+++"
    } else if body.starts_with("---") {
        "---"
    } else {
        return None;
    };
    let eol = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let line = if delim == "+++" {
        format!("{key} = \"{value}\"")
    } else {
        format!("{key}: \"{value}\"")
    };
    let mut lines: Vec<&str> = body.split(eol).collect();
    let close = lines.iter().skip(1).position(|l| l.trim_end() == delim)? + 1;
    let mut out: Vec<String> = lines.drain(..).map(str::to_string).collect();
    match out[1..close]
        .iter()
        .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(['=', ':']))
    {
        Some(i) => out[i + 1] = line,
        None => out.insert(close, line),
    }
    Some(format!("{bom}{}", out.join(eol)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines_are_set_in_place() {
        assert_eq!(
            set_front_matter_line("+++\ntitle = \"a\"\n+++\nbody\n", "source_hash", "x1").unwrap(),
            "+++\ntitle = \"a\"\nsource_hash = \"x1\"\n+++\nbody\n"
        );
        assert_eq!(
            set_front_matter_line(
                "\u{feff}---\r\ntitle: a\r\nsource_hash: \"old\"\r\n---\r\nbody",
                "source_hash",
                "x2"
            )
            .unwrap(),
            "\u{feff}---\r\ntitle: a\r\nsource_hash: \"x2\"\r\n---\r\nbody"
        );
        assert!(set_front_matter_line("no front matter", "k", "v").is_none());
    }
}
