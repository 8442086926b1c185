//! `passage status`: which pages are translated, stale or missing in each language.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::OutputFormat;
use crate::diagnostics::Diagnostic;
use crate::status::Status;

/// Arguments of `passage status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `text` for people, `json` for scripts.
    #[arg(long, default_value = "text")]
    pub format: OutputFormat,
    /// Also write the table as a web page to this file (to open, print or send on).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// Prints the table; problems in the content are shown first but do not fail the command.
pub fn run(root: &Path, quiet: bool, args: Args) -> ExitCode {
    let (status, problems) = match crate::status::status(root) {
        Ok(found) => found,
        Err(problems) => {
            super::print_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    super::print_problems(&problems);
    if let Some(file) = &args.html {
        if let Err(problem) = write_html(root, &status, file) {
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
        if !quiet {
            eprintln!("Wrote the report to {}", file.display());
        }
    }
    match args.format {
        OutputFormat::Text => print!("{}", crate::status::render_text(&status)),
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&status).unwrap_or_default()
        ),
    }
    ExitCode::SUCCESS
}

/// The table as a page titled with the site's name, with language names as column heads.
fn write_html(root: &Path, status: &Status, file: &Path) -> Result<(), Diagnostic> {
    let (title, languages) = match crate::config::SiteConfig::load(root) {
        Ok(c) => (
            c.default_language().title.clone(),
            c.languages
                .iter()
                .map(|l| (l.code.clone(), l.name.clone()))
                .collect(),
        ),
        Err(_) => (String::new(), Vec::new()),
    };
    let page = crate::status::render_html(status, &title, &languages);
    std::fs::write(file, page).map_err(|e| {
        Diagnostic::error(file, format!("cannot write the report: {e}"))
            .hint("choose a file in a folder you can write to")
    })
}
