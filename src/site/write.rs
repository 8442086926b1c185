//! Every planned file made in parallel, and written when there is somewhere to write it:
//! `build` writes into a staging folder, `check` only renders. The same template error on many
//! pages is reported once.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::outputs::Body;
use crate::staging::Staging;

use super::Prepared;

/// What making every file produced.
#[derive(Default)]
pub(super) struct Outcome {
    /// HTML pages per language code (`""` for pages at the root).
    pub(super) pages: BTreeMap<String, usize>,
    /// Files made.
    pub(super) files: usize,
    pub(super) problems: Vec<Diagnostic>,
}

/// Renders every file of the plan, then the files the pages made known (photos laid out by
/// templates); writes each into `staging` if given.
pub(super) fn make_all(prepared: &Prepared, staging: Option<&Staging>, progress: bool) -> Outcome {
    let mut results = make(prepared, &prepared.plan.files, staging, progress);
    let late = prepared.plan.after_render(&prepared.renderer());
    results.extend(make(prepared, &late, staging, false));
    tally(results)
}

type Made = Result<Option<String>, Diagnostic>;

/// Makes `files` in parallel: for each, the language folder of a page (`""` at the root),
/// `None` for other files.
fn make(
    prepared: &Prepared,
    files: &[(usize, crate::outputs::Planned)],
    staging: Option<&Staging>,
    progress: bool,
) -> Vec<Made> {
    let cx = prepared.renderer();
    let bar = (progress && files.len() >= 300).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files") {
            bar.set_style(style);
        }
        bar
    });
    let languages: Vec<String> = prepared
        .site
        .config
        .languages
        .iter()
        .map(|l| format!("/{}/", l.code))
        .collect();
    let results: Vec<Made> = files
        .par_iter()
        .map(|(o, file)| {
            let made = prepared.outputs[*o].render(&cx, file);
            let r = made.and_then(|body| {
                let page = matches!(body, Body::Page(_) | Body::Kept(_));
                if let Some(staging) = staging {
                    write(staging, &file.file, body)?;
                }
                // Pages count for the language folder they are in; the chooser and the root
                // 404 for none.
                Ok(page.then(|| {
                    languages
                        .iter()
                        .find(|l| file.file.starts_with(l.as_str()))
                        .map(|l| l.trim_matches('/').to_string())
                        .unwrap_or_default()
                }))
            });
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results
}

fn write(staging: &Staging, file: &str, body: Body) -> Result<(), Diagnostic> {
    match body {
        Body::Page(bytes) | Body::Bytes(bytes) => staging.write(file, &bytes).map_err(|e| {
            Diagnostic::error(file.trim_start_matches('/'), format!("cannot write: {e}"))
        }),
        Body::Kept(live) => staging.keep(file).map_err(|e| {
            Diagnostic::error(
                &live,
                format!("cannot keep the page of the last build: {e}"),
            )
            .hint("delete the output folder and build again")
        }),
        Body::File(from) => staging.copy(file, &from).map_err(|e| {
            Diagnostic::error(&from, format!("cannot publish an encoded photo: {e}"))
                .hint("run `passage build --clean-cache` to encode the photos again")
        }),
    }
}

/// Counts pages and files; the same error on many files is reported once, with their number.
fn tally(results: Vec<Made>) -> Outcome {
    let mut out = Outcome::default();
    let mut errors: BTreeMap<(PathBuf, Option<usize>, String), (Diagnostic, usize)> =
        BTreeMap::new();
    for r in results {
        match r {
            Ok(lang) => {
                out.files += 1;
                if let Some(lang) = lang {
                    *out.pages.entry(lang).or_default() += 1;
                }
            }
            Err(d) => {
                let slot = errors
                    .entry((d.file.clone(), d.line, d.message.clone()))
                    .or_insert((d, 0));
                slot.1 += 1;
            }
        }
    }
    for (_, (mut d, n)) in errors {
        if n > 1 {
            d.message = format!("{} (on {n} pages)", d.message);
        }
        out.problems.push(d);
    }
    out
}
