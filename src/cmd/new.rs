//! `passage new`: a story in every language, a photo journey, or a whole new site.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::plural;

/// What `passage new` creates.
#[derive(Debug, Subcommand)]
pub enum What {
    /// Create content/<section>/<slug>/ with one draft file per language.
    Story {
        /// The story's web address, shared by all languages, e.g. border-stories.
        slug: String,
        /// The section (folder under content/) to put it in.
        #[arg(long, default_value = "stories")]
        section: String,
    },
    /// Describe a folder of photos as an exhibit journey: photos/<slug>/journey.toml.
    Journey {
        /// The journey's web address, e.g. border-crossing (lower-case letters, digits, hyphens).
        slug: String,
        /// Copy the photos from this folder into photos/<slug>/ first.
        #[arg(long, value_name = "FOLDER")]
        from: Option<PathBuf>,
        /// List the photos by capture date (undated ones last) or by file name.
        #[arg(long, value_enum, default_value = "date")]
        order: crate::scaffold::Order,
    },
    /// Create a minimal working site (settings, a home page, one story, UI strings, theme).
    Site {
        /// The new site's folder; must not exist or be empty.
        dir: PathBuf,
    },
}

/// Creates what was asked and says what to do next.
pub fn run(root: &Path, quiet: bool, what: What) -> ExitCode {
    match what {
        What::Story { slug, section } => story(root, quiet, &slug, &section),
        What::Journey { slug, from, order } => journey(root, quiet, &slug, from.as_deref(), order),
        What::Site { dir } => super::finish(crate::scaffold::new_site(&dir).map(|()| {
            if !quiet {
                println!("Created a new site in {}.", dir.display());
                println!(
                    "Replace the placeholders (passage check --root {} lists them), then build it with: passage build --root {}",
                    dir.display(),
                    dir.display()
                );
            }
        })),
    }
}

fn story(root: &Path, quiet: bool, slug: &str, section: &str) -> ExitCode {
    super::finish_all(
        crate::scaffold::new_story(root, section, slug).map(|files| {
            if !quiet {
                println!("Created the story `{slug}` as a draft in every language:");
                for f in &files {
                    println!("  {}", f.display());
                }
                println!("Write the text, then set draft = false in each file that is ready.");
            }
        }),
    )
}

fn journey(
    root: &Path,
    quiet: bool,
    slug: &str,
    from: Option<&Path>,
    order: crate::scaffold::Order,
) -> ExitCode {
    super::finish_all(
        crate::scaffold::new_journey(root, slug, from, order).map(|made| {
            for (name, why) in &made.skipped {
                eprintln!("skipped {name}: {why}");
            }
            if !quiet {
                println!(
                    "Created {} listing {} ({} with the day it was taken).",
                    made.file.display(),
                    plural(made.photos, "photo", "photos"),
                    made.dated
                );
                println!(
                    "Write the captions and alt texts in every language and record each photo's consent: until then, no photo of the journey is published."
                );
            }
        }),
    )
}
