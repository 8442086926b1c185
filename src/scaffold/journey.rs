//! `passage new journey`: a journey file for a folder of photos, listing them in the order they
//! were taken, with an empty line for every text in every language. Only the capture date is
//! read from the photos: their GPS position, camera and serial number never reach the file.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::exhibit::{JOURNEY_FILE, PHOTOS_DIR};
use crate::images::{READABLE_EXTENSIONS, is_image_path};
use crate::slug::is_slug;

/// The order photos are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Order {
    /// When they were taken (from the photo), undated ones last by name.
    #[default]
    Date,
    /// By file name.
    Name,
}

/// What `new_journey` made, for the message to the curator.
#[derive(Debug)]
pub struct NewJourney {
    /// The journey file written.
    pub file: PathBuf,
    /// Photos listed, in order.
    pub photos: usize,
    /// How many of them have a capture date.
    pub dated: usize,
    /// Files of `--from` that were left out, with why.
    pub skipped: Vec<(String, &'static str)>,
}

/// Creates `photos/<slug>/journey.toml` for the photos in that folder, copying them there first
/// from `from` when given. Never overwrites a journey file or a photo.
pub fn new_journey(
    root: &Path,
    slug: &str,
    from: Option<&Path>,
    order: Order,
) -> Result<NewJourney, Vec<Diagnostic>> {
    let config = SiteConfig::load(root)?;
    Ok(write_journey(root, &config, slug, from, order)?)
}

/// The journey's folder and file, once the settings are known to be good.
fn write_journey(
    root: &Path,
    config: &SiteConfig,
    slug: &str,
    from: Option<&Path>,
    order: Order,
) -> Result<NewJourney, Diagnostic> {
    if !is_slug(slug) {
        let suggestion = crate::slug::slugify(slug);
        let hint = if is_slug(&suggestion) {
            format!("use `{suggestion}` instead: lower-case letters a-z, digits and hyphens")
        } else {
            "use lower-case letters a-z, digits and hyphens, e.g. `border-crossing`: the name is \
             part of every photo's web address and QR code"
                .to_string()
        };
        return Err(Diagnostic::error(
            PHOTOS_DIR,
            format!("`{slug}` would make a poor web address"),
        )
        .hint(hint));
    }
    let dir = root.join(PHOTOS_DIR).join(slug);
    let file = dir.join(JOURNEY_FILE);
    if file.exists() {
        return Err(Diagnostic::error(
            display_path(root, &file),
            "this journey already has a journey file; nothing was changed",
        )
        .hint("edit it, or choose another name"));
    }
    let mut skipped = Vec::new();
    if let Some(from) = from {
        skipped = copy_photos(root, from, &dir)?;
    } else if !dir.is_dir() {
        return Err(Diagnostic::error(
            display_path(root, &dir),
            "there is no such folder of photos",
        )
        .hint(format!(
            "put the photos in {PHOTOS_DIR}/{slug}/ first, or name their folder: passage new journey {slug} --from FOLDER"
        )));
    }
    let mut photos: Vec<(String, Option<String>)> = crate::exhibit::files_in(&dir, readable)
        .into_iter()
        .map(|name| {
            let date = capture_date(&dir.join(&name));
            (name, date)
        })
        .collect();
    if photos.is_empty() {
        return Err(Diagnostic::error(
            display_path(root, &dir),
            "the folder has no photos (JPEG, PNG, WebP or GIF)",
        )
        .hint("add the photos, or convert HEIC and TIFF files to JPEG first"));
    }
    if order == Order::Date {
        // Undated photos after the dated ones; the name keeps the order stable.
        photos.sort_by(|a, b| (a.1.is_none(), &a.1, &a.0).cmp(&(b.1.is_none(), &b.1, &b.0)));
    }
    let text = journey_text(config, slug, &photos);
    std::fs::write(&file, text).map_err(|e| {
        Diagnostic::error(display_path(root, &file), format!("cannot write: {e}"))
            .hint("check that the folder can be written to")
    })?;
    Ok(NewJourney {
        file: display_path(root, &file),
        dated: photos.iter().filter(|p| p.1.is_some()).count(),
        photos: photos.len(),
        skipped,
    })
}

/// Whether passage can publish a photo of this name's format.
fn readable(name: &str) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    name.contains('.') && READABLE_EXTENSIONS.contains(&ext.as_str())
}

/// Copies the photos of `from` into `to`, refusing before copying anything if one is there
/// already. Returns the files left out, with why.
fn copy_photos(
    root: &Path,
    from: &Path,
    to: &Path,
) -> Result<Vec<(String, &'static str)>, Diagnostic> {
    let entries = std::fs::read_dir(from).map_err(|e| {
        Diagnostic::error(from, format!("cannot read the folder: {e}"))
            .hint("check the folder's name; it should hold the photos of the journey")
    })?;
    let mut names = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().is_ok_and(|t| t.is_file()) || name.starts_with('.') {
            continue;
        }
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if readable(&name) {
            names.push(name);
        } else if is_image_path(&name) || ["dng", "raw", "cr2", "nef"].contains(&ext.as_str()) {
            skipped.push((
                name,
                "passage cannot read this format yet: convert it to JPEG",
            ));
        } else {
            skipped.push((name, "not a photo"));
        }
    }
    names.sort();
    skipped.sort();
    if let Some(clash) = names.iter().find(|n| to.join(n).exists()) {
        return Err(Diagnostic::error(
            display_path(root, &to.join(clash)),
            "a photo of that name is already in the journey's folder; nothing was copied",
        )
        .hint("rename one of the two files, or leave out --from to describe the folder as it is"));
    }
    std::fs::create_dir_all(to).map_err(|e| {
        Diagnostic::error(
            display_path(root, to),
            format!("cannot create the folder: {e}"),
        )
    })?;
    for name in &names {
        std::fs::copy(from.join(name), to.join(name)).map_err(|e| {
            Diagnostic::error(from.join(name), format!("cannot copy the photo: {e}"))
                .hint("check that the file can be read and the disk is not full")
        })?;
    }
    Ok(skipped)
}

/// The day a photo was taken, from its EXIF `DateTimeOriginal` (or `DateTimeDigitized`), as
/// `YYYY-MM-DD`. Nothing else is read from the metadata.
fn capture_date(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::BufReader::new(file))
        .ok()?;
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTimeDigitized]
        .iter()
        .find_map(|tag| {
            let field = exif.get_field(*tag, exif::In::PRIMARY)?;
            let exif::Value::Ascii(ref parts) = field.value else {
                return None;
            };
            let d = exif::DateTime::from_ascii(parts.first()?).ok()?;
            (d.year > 1900 && (1..=12).contains(&d.month) && (1..=31).contains(&d.day))
                .then(|| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        })
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The journey file: guidance for the curator, then one `[[photo]]` per photo with an empty
/// line for every text in every language, the languages of one text side by side.
fn journey_text(config: &SiteConfig, slug: &str, photos: &[(String, Option<String>)]) -> String {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let default = config.default_language().code.as_str();
    let title = super::title_from_slug(slug);
    let mut out = format!(
        "# Journey `{slug}`, made by `passage new journey` on {today}.\n\
         # Write every text in every language, each under the {default} line. The {default} caption\n\
         # and alt text (what the photo shows, for people who cannot see it) are required.\n\
         #\n\
         # A photo is published only once its consent is recorded, by removing the # before\n\
         # `consent` and choosing one of:\n\
         #   \"given\"       the people shown agreed to be published\n\
         #   \"not-needed\"  nobody recognisable is shown\n\
         #   \"withdrawn\"   they took their agreement back: nothing of the photo is published\n\
         # place_precision: \"none\" (the place is not named), \"country\" or \"city\"; then fill in\n\
         # country.<lang> (and city.<lang>). To hide faces, signs or number plates, add e.g.\n\
         #   redact = [{{ x = 120, y = 40, width = 80, height = 90 }}]\n\
         # in pixels of the photo as shown; style = \"pixelate\" gives coarse blocks instead of a fill.\n\
         # Only the day each photo was taken was read from it: no GPS position, camera or serial\n\
         # number is copied here or published. See README.md, \"Photo exhibit\".\n\n\
         date = {today}\n\
         # cover = {cover}\n\n",
        today = super::today(),
        cover = quoted(&photos[0].0),
    );
    for (table, first) in [("title", title.as_str()), ("intro", "")] {
        out.push_str(&format!("[{table}]\n"));
        for code in &codes {
            let value = if *code == default { first } else { "" };
            out.push_str(&format!("{code} = {}\n", quoted(value)));
        }
        out.push('\n');
    }
    for (name, date) in photos {
        out.push_str(&format!("[[photo]]\nfile = {}\n", quoted(name)));
        out.push_str("# consent = \"given\"\nplace_precision = \"none\"\n");
        match date {
            Some(d) => out.push_str(&format!("date = {d}\n")),
            None => out.push_str("# date = 2024-05-31   (when it was taken: unknown)\n"),
        }
        out.push_str("credit = \"\"\n");
        for field in ["caption", "alt"] {
            for code in &codes {
                out.push_str(&format!("{field}.{code} = \"\"\n"));
            }
        }
        out.push('\n');
    }
    out
}
