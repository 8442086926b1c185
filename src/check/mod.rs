//! `passage check`: everything a build would report, plus missing and stale translations,
//! unused UI strings and placeholders left from `passage new site`, grouped by file with line
//! numbers and a one-line fix, without publishing anything.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

mod placeholders;
mod translations;
mod ui_strings;

pub use placeholders::is_placeholder;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::site::{BuildOptions, build};
use crate::status::status;

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
    // With broken settings the build has said why; the checks below need good ones.
    if let Ok(config) = SiteConfig::load(root) {
        if let Ok((table, _)) = status(root) {
            all.extend(translations::problems(root, &config, &table));
        }
        all.extend(ui_strings::unused(root, &config.theme.name));
        all.extend(placeholders::left(root, &config));
    }
    let problems = all.sorted();
    let errors = problems.iter().filter(|d| d.is_error()).count();
    Report {
        errors,
        warnings: problems.len() - errors,
        problems,
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
