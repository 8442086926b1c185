//! UI strings that no template shows: left over, or misspelt in a template.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// UI strings defined in `locales/` that no template asks for with `t(key="…")` or
/// `plurals(key="…")`, and passage itself does not write.
/// Skipped when a template computes a key (`t(key=some.variable)`): then nothing can be sure.
pub(super) fn unused(root: &Path, theme: &str) -> Vec<Diagnostic> {
    let mut used: std::collections::BTreeSet<String> = crate::media::UI_STRINGS
        .iter()
        .map(|k| k.to_string())
        .collect();
    let mut dynamic = false;
    let dirs = [
        root.join(crate::render::THEMES_DIR)
            .join(theme)
            .join(crate::render::TEMPLATES_DIR),
        root.join(crate::render::TEMPLATES_DIR),
    ];
    for entry in dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().filter_map(Result::ok))
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let calls = ["t(key=", "plurals(key="]
            .into_iter()
            .flat_map(|call| text.match_indices(call).map(move |(i, _)| i + call.len()));
        for at in calls {
            let rest = &text[at..];
            match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    if let Some(end) = rest[1..].find(q) {
                        used.insert(rest[1..1 + end].to_string());
                    }
                }
                _ => dynamic = true,
            }
        }
    }
    if dynamic {
        return Vec::new();
    }
    let mut out = Vec::new();
    let locales = root.join(crate::i18n::LOCALES_DIR);
    for entry in walkdir::WalkDir::new(&locales)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for item in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = item
                && !used.contains(m.id.name)
            {
                let offset = text.find(&format!("{} =", m.id.name)).unwrap_or(0);
                out.push(
                    Diagnostic::warning(
                        crate::diagnostics::display_path(root, entry.path()),
                        format!("UI string `{}` is not used by any template", m.id.name),
                    )
                    .at_offset(&text, offset)
                    .hint(format!(
                        "remove it, or show it from a template with t(key=\"{}\")",
                        m.id.name
                    )),
                );
            }
        }
    }
    out
}
