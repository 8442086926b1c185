//! `passage new`: starting a story in every language, a photo journey, or a whole new site,
//! with the files filled in so a coordinator or curator only has to write.

mod journey;

use std::path::{Path, PathBuf};

pub use journey::{NewJourney, Order, new_journey};

use include_dir::{Dir, include_dir};

use crate::config::SiteConfig;
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;

/// The default theme, built into the binary so `passage new site` works anywhere.
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The default UI strings (en, ka, hy).
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// Today's date (UTC) as `YYYY-MM-DD`, from CLDR's calendar arithmetic.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or_default() as i64;
    iso_date(days)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
fn iso_date(days_since_epoch: i64) -> String {
    use icu_calendar::{Date, Iso, types::RataDie};
    // Rata Die counts 0001-01-01 as day 1, so 1970-01-01 is day 719 163.
    let date = Date::from_rata_die(RataDie::new(719_163 + days_since_epoch), Iso);
    format!(
        "{:04}-{:02}-{:02}",
        date.year().extended_year(),
        date.month().ordinal,
        date.day_of_month().0
    )
}

/// Whether a slug makes a clean address: lower-case letters of any script, digits and single
/// hyphens. Returns the suggested slug when it does not.
pub fn check_slug(slug: &str) -> Result<(), String> {
    let suggestion = slugify(slug);
    if slug == suggestion && !slug.is_empty() {
        Ok(())
    } else {
        Err(suggestion)
    }
}

/// A placeholder title from a slug (`border-stories` → "Border stories"), so a new file builds
/// until someone writes the real one.
fn title_from_slug(slug: &str) -> String {
    crate::text::capitalize_first(&slug.replace('-', " "))
}

/// Creates `content/<section>/<slug>/index.<lang>.md` in every language of the site.
pub fn new_story(root: &Path, section: &str, slug: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let config = SiteConfig::load(root).map_err(|mut ds| ds.remove(0))?;
    if let Err(suggestion) = check_slug(slug) {
        let hint = if suggestion.is_empty() {
            "use lower-case letters, digits and hyphens, e.g. `border-stories`".to_string()
        } else {
            format!("use `{suggestion}` instead: lower-case letters, digits and hyphens only")
        };
        return Err(Diagnostic::error(
            CONTENT_DIR,
            format!("`{slug}` would make a poor web address"),
        )
        .hint(hint));
    }
    if let Err(suggestion) = check_slug(section) {
        return Err(Diagnostic::error(
            CONTENT_DIR,
            format!("`{section}` is not a usable section name"),
        )
        .hint(format!("use `{suggestion}`")));
    }
    let dir = root.join(CONTENT_DIR).join(section).join(slug);
    if dir.exists() {
        return Err(Diagnostic::error(
            crate::diagnostics::display_path(root, &dir),
            "a page with this name already exists; nothing was changed",
        )
        .hint("choose another name, or edit the files that are there"));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(&dir, format!("cannot create the folder: {e}")))?;
    let date = today();
    let default = config.default_language();
    // A placeholder title from the slug, so the draft builds until the writer replaces it.
    let placeholder = title_from_slug(slug);
    let mut written = Vec::new();
    for lang in &config.languages {
        let path = dir.join(format!("index.{}.md", lang.code));
        let translation = if lang.code == default.code {
            format!("# Write the story in {} ({}).", lang.name, lang.code)
        } else {
            format!(
                "# Translate the {} text of index.{}.md into {} ({}).",
                default.name, default.code, lang.name, lang.code
            )
        };
        let text = format!(
            "+++\n\
             {translation}\n\
             # Below the closing +++ line, write in Markdown: ## for headings, a blank line between\n\
             # paragraphs. Photos go in this folder: ![what the photo shows](photo.jpg \"caption\").\n\
             # Set draft = false when the text is ready to publish.\n\
             title = \"{placeholder}\"\n\
             date = {date}\n\
             summary = \"\"\n\
             tags = []\n\
             draft = true\n\
             +++\n\n"
        );
        std::fs::write(&path, text)
            .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
        written.push(crate::diagnostics::display_path(root, &path));
    }
    Ok(written)
}

/// Creates a minimal working site in `dir`: configuration, home page, one story, UI strings
/// and the default theme.
pub fn new_site(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::error(
            dir,
            "the folder exists and is not empty; nothing was changed",
        )
        .hint("choose a new folder name"));
    }
    write_file(dir, crate::config::CONFIG_FILE, SITE_TOML.as_bytes())?;
    extract(&THEME, dir, "themes/default")?;
    extract(&LOCALES, dir, "locales")?;
    let date = today();
    for (lang, home, stories, story, body) in [
        (
            "en",
            "Welcome",
            "Stories",
            "Our first story",
            "This is where the story begins.",
        ),
        (
            "ka",
            "მოგესალმებით",
            "ისტორიები",
            "ჩვენი პირველი ამბავი",
            "აქ იწყება ამბავი.",
        ),
        (
            "hy",
            "Բարի գալուստ",
            "Պատմություններ",
            "Մեր առաջին պատմությունը",
            "Այստեղ սկսվում է պատմությունը։",
        ),
    ] {
        let files = [
            (
                format!("content/_index.{lang}.md"),
                format!("+++\ntitle = \"{home}\"\n+++\n"),
            ),
            (
                format!("content/stories/_index.{lang}.md"),
                format!("+++\ntitle = \"{stories}\"\nweight = 1\n+++\n"),
            ),
            (
                format!("content/stories/first-story/index.{lang}.md"),
                format!("+++\ntitle = \"{story}\"\ndate = {date}\ntags = []\n+++\n{body}\n"),
            ),
        ];
        for (rel, text) in files {
            write_file(dir, &rel, text.as_bytes())?;
        }
    }
    write_file(dir, ".gitignore", b"/public/\n/.passage/\n")
}

/// Writes `root/rel`, creating its folders.
fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::error(parent, format!("cannot create: {e}")))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))
}

/// Writes an embedded folder under `root/prefix`.
fn extract(dir: &Dir, root: &Path, prefix: &str) -> Result<(), Diagnostic> {
    for file in dir.files() {
        write_file(
            root,
            &format!("{prefix}/{}", file.path().display()),
            file.contents(),
        )?;
    }
    for sub in dir.dirs() {
        extract(sub, root, prefix)?;
    }
    Ok(())
}

/// The configuration of a new site: three languages, ready to change.
const SITE_TOML: &str = r#"# Every setting is explained in passage's README ("site.toml").
base_url = "https://example.org"
theme = "default"
per_page = 10
home_stories = 3
missing_translation = "fallback"

[[languages]]
code = "en"
name = "English"
title = "My campaign"
description = "What the campaign is about, in one sentence."

[[languages]]
code = "ka"
name = "ქართული"
title = "ჩემი კამპანია"
description = ""

[[languages]]
code = "hy"
name = "Հայերեն"
title = "Իմ արշավը"
description = ""
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_from_the_epoch() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(19_326), "2022-11-30");
        assert_eq!(iso_date(-1), "1969-12-31");
        assert!(today().starts_with("20"));
    }

    #[test]
    fn slugs_are_checked_with_a_suggestion() {
        assert!(check_slug("border-stories").is_ok());
        assert!(check_slug("თბილისი-2024").is_ok());
        assert_eq!(check_slug("Border Stories!"), Err("border-stories".into()));
        assert_eq!(check_slug("a/../b"), Err("a-b".into()));
        assert_eq!(check_slug("???"), Err(String::new()));
    }

    #[test]
    fn the_embedded_theme_matches_the_repository() {
        let on_disk = walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        fn count(d: &Dir) -> usize {
            d.files().count() + d.dirs().map(count).sum::<usize>()
        }
        assert_eq!(count(&THEME), on_disk);
    }
}
