//! `passage check`: everything a build would report, plus missing and stale translations,
//! grouped by file with line numbers and a one-line fix, without publishing anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::site::{BuildOptions, build};
use crate::status::{State, status};

/// Everything found, sorted by file and place.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Problems that stop a build.
    pub errors: usize,
    /// Problems worth fixing.
    pub warnings: usize,
    /// Every problem.
    pub problems: Vec<Diagnostic>,
}

impl Report {
    /// Whether the site passes: no errors, and with `strict` no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors == 0 && (!strict || self.warnings == 0)
    }
}

/// Runs every check of the site at `root`.
pub fn check(root: &Path, drafts: bool) -> Report {
    let mut all = Diagnostics::default();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        drafts,
        mode: crate::site::Mode::Check,
        ..BuildOptions::default()
    };
    match build(&opts) {
        Ok(report) => all.extend(report.warnings),
        Err(failure) => all.extend(failure.problems),
    }
    if let Ok((table, _)) = status(root) {
        all.extend(translation_problems(root, &table));
    }
    if let Ok(config) = crate::config::SiteConfig::load(root) {
        all.extend(unused_ui_strings(root, &config.theme));
    }
    let problems = all.sorted();
    let errors = problems.iter().filter(|d| d.is_error()).count();
    Report {
        errors,
        warnings: problems.len() - errors,
        problems,
    }
}

/// Missing and stale translations, as warnings on the file to write or update.
fn translation_problems(root: &Path, table: &crate::status::Status) -> Vec<Diagnostic> {
    let Ok(config) = crate::config::SiteConfig::load(root) else {
        return Vec::new();
    };
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

/// The report as text, grouped by file: `  line:col  error  message` and a `fix:` line.
pub fn render_text(report: &Report) -> String {
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &report.problems {
        by_file.entry(d.file.as_path()).or_default().push(d);
    }
    let mut out = String::new();
    for (file, problems) in by_file {
        out.push_str(&format!("{}\n", file.display()));
        for d in problems {
            let place = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                (Some(l), None) => l.to_string(),
                _ => "-".into(),
            };
            let label = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.push_str(&format!("  {place:<7} {label:<8} {}\n", d.message));
            if let Some(hint) = &d.hint {
                out.push_str(&format!(
                    "  {:<7} {:<8} fix: {}\n",
                    "",
                    "",
                    hint.replace('\n', " ")
                ));
            }
        }
    }
    out.push_str(&match (report.errors, report.warnings) {
        (0, 0) => "No problems found.\n".to_string(),
        (e, w) => format!(
            "{e} error{}, {w} warning{}.\n",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    });
    out
}

/// UI strings defined in `locales/` that no template asks for with `t(key="…")`.
/// Skipped when a template computes a key (`t(key=some.variable)`): then nothing can be sure.
pub fn unused_ui_strings(root: &Path, theme: &str) -> Vec<Diagnostic> {
    let mut used = std::collections::BTreeSet::new();
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
        for (i, _) in text.match_indices("t(key=") {
            let rest = &text[i + "t(key=".len()..];
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
