//! `passage check`: every problem and missing translation, nothing published.

use std::path::Path;
use std::process::ExitCode;

use super::OutputFormat;

/// Arguments of `passage check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `text` for people, `json` for scripts and CI.
    #[arg(long, default_value = "text")]
    pub format: OutputFormat,
    /// Fail on warnings too (exit code 1).
    #[arg(long)]
    pub strict: bool,
    /// Check drafts as well.
    #[arg(long)]
    pub drafts: bool,
}

/// Prints the report on standard output (text or JSON); fails on errors, or on warnings with
/// `--strict`.
pub fn run(root: &Path, args: Args) -> ExitCode {
    let report = crate::check::check(root, args.drafts);
    match args.format {
        OutputFormat::Text => print!("{}", crate::check::render_text(&report)),
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
    }
    if report.passes(args.strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
