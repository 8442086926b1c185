//! Photo exhibits: each `photos/<journey>/journey.toml` tells a sequence of photos with their
//! texts in every language, who consented to being shown and what must be hidden. Only photos
//! with consent are published; everything else in the folder stays private.
//!
//! [`load`] reads and checks every journey (the model is in `model.rs`; `raw.rs` reads the TOML,
//! `parse.rs` checks a journey's own keys and `photo.rs` each photo, with `checks.rs` shared);
//! [`ExhibitPages`] (`pages.rs`) is the output that publishes them.

mod checks;
mod model;
mod pages;
mod parse;
mod photo;
mod raw;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::images::is_image_path;

pub use model::{Consent, Exhibit, Journey, Photo, PlacePrecision, Texts, Withheld, pick};
pub use pages::ExhibitPages;

/// Folder of the journeys, relative to the site root.
pub const PHOTOS_DIR: &str = "photos";
/// The file that describes a journey.
pub const JOURNEY_FILE: &str = "journey.toml";
/// Folder of the exhibit pages under each language (`/en/exhibit/`).
pub const EXHIBIT_KEY: &str = "exhibit";
/// The print page of a journey (`/en/exhibit/<journey>/labels/`); no photo may use it as its id.
pub const LABELS_KEY: &str = "labels";

/// Reads every journey under `photos/`; problems of all journeys are returned together.
pub fn load(root: &Path, config: &SiteConfig) -> (Exhibit, Vec<Diagnostic>) {
    let mut exhibit = Exhibit::default();
    let mut problems = Vec::new();
    for folder in journey_folders(root, &mut problems) {
        let slug = folder
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let file = folder.join(JOURNEY_FILE);
        let shown = display_path(root, &file);
        let Some(text) = journey_text(root, &folder, &slug, &mut problems) else {
            continue;
        };
        let (journey, withheld) =
            parse::parse(&slug, &folder, &shown, &text, config, &mut problems);
        exhibit.withheld.extend(withheld);
        exhibit
            .journeys
            .extend(journey.filter(|j| !j.photos.is_empty()));
    }
    exhibit.journeys.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then(b.date.cmp(&a.date))
            .then(a.slug.cmp(&b.slug))
    });
    (exhibit, problems)
}

/// The folders under `photos/`, hidden ones left out, sorted; a link to a folder outside the
/// site is reported, never read.
fn journey_folders(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(root.join(PHOTOS_DIR)) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| {
            if e.file_type().is_ok_and(|t| t.is_symlink())
                && let Some(target) = crate::confine::outside(root, &e.path())
            {
                problems.push(crate::confine::problem(root, &e.path(), &target));
                return false;
            }
            e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    folders.sort();
    folders
}

/// The text of a folder's journey file; `None` when there is none to read (photos in a folder
/// without one are named, so the curator knows they are not shown).
fn journey_text(
    root: &Path,
    folder: &Path,
    slug: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let file = folder.join(JOURNEY_FILE);
    if !file.is_file() {
        if !image_files(folder).is_empty() {
            problems.push(
                Diagnostic::warning(
                    display_path(root, folder),
                    "these photos are not published: the folder has no journey.toml",
                )
                .hint(format!(
                    "run `passage new journey {slug}` to describe them, or move them out of photos/"
                )),
            );
        }
        return None;
    }
    if let Some(target) = crate::confine::outside(root, &file) {
        problems.push(crate::confine::problem(root, &file, &target));
        return None;
    }
    crate::text::read(&file, &display_path(root, &file))
        .map_err(|d| problems.push(d))
        .ok()
}

/// Photo, video and audio files directly in a folder, sorted.
fn image_files(folder: &Path) -> Vec<String> {
    files_in(folder, |n| {
        is_image_path(n) || crate::media::is_media_path(n)
    })
}

/// Names of the files directly in a folder that `keep` accepts, hidden ones left out, sorted.
pub(crate) fn files_in(folder: &Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && keep(n))
        .collect();
    names.sort();
    names
}
