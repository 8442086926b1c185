//! `passage translated`: a translator says a page's translations match the original again.

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `passage translated`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The page's path under content/ without language, e.g. stories/my-story.
    pub page: String,
    /// Only these languages (default: every translation of the page).
    #[arg(long = "lang", value_name = "CODE")]
    pub langs: Vec<String>,
}

/// Marks the translations and lists the files it changed.
pub fn run(root: &Path, quiet: bool, args: Args) -> ExitCode {
    super::finish_all(
        crate::status::mark_translated(root, &args.page, &args.langs).map(|files| {
            if quiet {
                return;
            }
            for f in &files {
                println!(
                    "Marked as translated from the current original: {}",
                    f.display()
                );
            }
            if files.is_empty() {
                println!("`{}` has no translations to mark.", args.page);
            }
        }),
    )
}
