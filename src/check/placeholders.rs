//! Placeholders still to replace before publishing: the bracketed texts `passage new site`
//! writes (`[Campaign name]`), wherever a team may have left them, and the example address.

use std::path::Path;

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostics::{Diagnostic, display_path};

/// Addresses reserved for examples (RFC 2606) that a new site starts with.
const EXAMPLE_HOSTS: &[&str] = &["example.org", "example.com", "example.net"];

/// Whether a text is a placeholder: all of it in square brackets, as `[Campaign name]` (and
/// not a Markdown link, nor a TOML table header).
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.len() > 2
        && t.starts_with('[')
        && t.ends_with(']')
        && !t.starts_with("[[")
        && !t.contains("](")
        && !t.contains("][")
}

/// Every placeholder left in the settings, the UI strings and the content, one warning each.
pub(super) fn left(root: &Path, config: &SiteConfig) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let settings = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    in_settings(Path::new(CONFIG_FILE), &settings, &mut out);
    let host = config
        .base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', ':']).next())
        .unwrap_or_default();
    if EXAMPLE_HOSTS.contains(&host) {
        let line = settings
            .lines()
            .position(|l| l.trim_start().starts_with("base_url"));
        let mut d = Diagnostic::warning(CONFIG_FILE, format!("the site's address is still {}", config.base_url))
                .hint("set base_url to the address the site will be published at, e.g. https://www.my-campaign.org");
        if let Some(n) = line {
            d = d.at(n + 1, None);
        }
        out.push(d);
    }
    for (dir, ext) in [
        (crate::i18n::LOCALES_DIR, "ftl"),
        (crate::content::CONTENT_DIR, "md"),
    ] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let shown = display_path(root, entry.path());
            match ext {
                "ftl" => in_ui_strings(&shown, &text, &mut out),
                _ => in_page(&shown, &text, &mut out),
            }
        }
    }
    out
}

/// `key = "[…]"` lines of TOML: only quoted values, since `[…]` unquoted is an array or table.
fn in_settings(file: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    for (n, line) in text.lines().enumerate() {
        if let Some((_, value)) = line.split_once('=')
            && let Some(inner) = quoted(value)
            && is_placeholder(inner)
        {
            out.push(warning(file, n + 1, inner));
        }
    }
}

/// `key = […]` messages of a Fluent file.
fn in_ui_strings(file: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    for (n, line) in text.lines().enumerate() {
        let is_message = line.starts_with(|c: char| c.is_ascii_alphabetic());
        if let Some((_, value)) = line.split_once('=').filter(|_| is_message)
            && is_placeholder(value)
        {
            out.push(warning(file, n + 1, value.trim()));
        }
    }
}

/// Quoted front matter values (TOML or YAML) and whole lines of text outside code blocks.
fn in_page(file: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    let mut lines = text.lines().enumerate().peekable();
    let fence = lines
        .peek()
        .map(|(_, l)| l.trim_end())
        .filter(|l| *l == "+++" || *l == "---");
    if let Some(fence) = fence {
        lines.next();
        for (n, line) in lines.by_ref() {
            if line.trim_end() == fence {
                break;
            }
            // Unquoted `[…]` is a list in TOML and YAML alike (`tags = […]`).
            let value = line.split_once(['=', ':']).and_then(|(_, v)| quoted(v));
            if let Some(v) = value
                && is_placeholder(v)
            {
                out.push(warning(file, n + 1, v));
            }
        }
    }
    let mut in_code = false;
    for (n, line) in lines {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        } else if !in_code && is_placeholder(t) {
            out.push(warning(file, n + 1, t));
        }
    }
}

/// The text between the quotes of a TOML or YAML string value.
fn quoted(value: &str) -> Option<&str> {
    let v = value.trim();
    ['"', '\'']
        .into_iter()
        .find_map(|q| v.strip_prefix(q)?.strip_suffix(q))
}

fn warning(file: &Path, line: usize, text: &str) -> Diagnostic {
    Diagnostic::warning(file, format!("placeholder text left to replace: {text}"))
        .at(line, None)
        .hint("write your own text in place of the words in square brackets before publishing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_whole_texts_in_brackets() {
        assert!(is_placeholder("[Campaign name]"));
        assert!(is_placeholder("  [კამპანიის სახელი] "));
        for not in [
            "[]",
            "[[languages]]",
            "[a link](x)",
            "[a][ref]",
            "Campaign [name]",
            "x",
        ] {
            assert!(!is_placeholder(not), "{not}");
        }
    }

    #[test]
    fn placeholders_are_found_with_their_line() {
        let mut out = Vec::new();
        in_page(
            Path::new("content/a.md"),
            "+++\ntitle = \"[Title]\"\ntags = [\"[x]\", \"y\"]\n+++\nText.\n\n[Write here.]\n```\n[code]\n```\n",
            &mut out,
        );
        in_settings(
            Path::new("site.toml"),
            "[[languages]]\ntitle = \"[Name]\"\ndescription = \"Real\"\n",
            &mut out,
        );
        in_ui_strings(
            Path::new("main.ftl"),
            "site-name = [Name]\n# c = [x]\nok = Fine\n",
            &mut out,
        );
        let found: Vec<(String, Option<usize>)> = out
            .iter()
            .map(|d| (d.file.display().to_string(), d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("content/a.md".to_string(), Some(2)),
                ("content/a.md".to_string(), Some(7)),
                ("site.toml".to_string(), Some(2)),
                ("main.ftl".to_string(), Some(1)),
            ]
        );
    }
}
