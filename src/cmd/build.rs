//! `passage build`: the site into `public/`, with a one-line summary.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::site::{BuildOptions, BuildReport, Mode, build};

/// Arguments of `passage build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the site [default: DIR/public].
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Public address of the site, replacing base_url from site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also publish pages marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Empty the caches (.passage/cache/) first, so every photo is encoded and the search indexed again.
    #[arg(long)]
    pub clean_cache: bool,
}

/// Builds the site; a failed build names every problem and leaves `public/` as it was.
pub fn run(root: &Path, quiet: bool, args: Args) -> ExitCode {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        clean_cache: args.clean_cache,
        mode: Mode::Build,
        progress: !quiet && std::io::stderr().is_terminal(),
    };
    match build(&opts) {
        Ok(report) => {
            super::print_problems(&report.warnings);
            if !quiet {
                println!("{}", summary(&report));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            super::print_problems(&failure.problems);
            let errors = failure.problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed with {}; the previous output was left as it was.",
                super::plural(errors, "error", "errors")
            );
            ExitCode::FAILURE
        }
    }
}

/// `Built 57 pages (en 19 · ka 19 · hy 19, 1 at the root) and … → public`.
fn summary(report: &BuildReport) -> String {
    let per_lang: Vec<String> = report
        .pages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let total: usize = report.pages.iter().map(|(_, n)| n).sum::<usize>() + report.root_pages;
    let warnings = match report.warnings.len() {
        0 => String::new(),
        n => format!(", {}", super::plural(n, "warning", "warnings")),
    };
    let img = report.images;
    let photos = if img.photos == 0 {
        String::new()
    } else {
        format!(
            ", {} ({} files encoded, {} from cache)",
            super::plural(img.photos, "photo", "photos"),
            img.encoded,
            img.reused
        )
    };
    format!(
        "Built {total} pages ({}, {} at the root) and {} other files{photos} in {:.2} s{warnings} → {}",
        per_lang.join(" · "),
        report.root_pages,
        report.files - total,
        report.elapsed.as_secs_f64(),
        report
            .output
            .strip_prefix(".")
            .unwrap_or(&report.output)
            .display()
    )
}
