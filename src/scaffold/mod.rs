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
pub fn new_story(root: &Path, section: &str, slug: &str) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let config = SiteConfig::load(root)?;
    Ok(write_story(root, &config, section, slug)?)
}

/// The story's files, once the settings are known to be good.
fn write_story(
    root: &Path,
    config: &SiteConfig,
    section: &str,
    slug: &str,
) -> Result<Vec<PathBuf>, Diagnostic> {
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
/// and the default theme. Campaign-specific texts are bracketed placeholders that
/// `passage check` lists until they are replaced.
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
    write_ui_strings(dir)?;
    let date = today();
    for t in NEW_SITE_TEXTS {
        let lang = t.lang;
        let files = [
            (
                format!("content/_index.{lang}.md"),
                format!("+++\ntitle = \"{}\"\n+++\n{}\n", t.home, t.home_text),
            ),
            (
                format!("content/stories/_index.{lang}.md"),
                format!("+++\ntitle = \"{}\"\nweight = 1\n+++\n", t.stories),
            ),
            (
                format!("content/stories/first-story/index.{lang}.md"),
                format!(
                    "+++\ntitle = \"{}\"\ndate = {date}\ntags = []\n+++\n{}\n",
                    t.story, t.story_text
                ),
            ),
        ];
        for (rel, text) in files {
            write_file(dir, &rel, text.as_bytes())?;
        }
    }
    write_file(
        dir,
        ".gitignore",
        b"/public/\n/.public.passage-spare/\n/.passage/\n",
    )
}

/// The theme's UI strings, with the example campaign's own (its name, slogan and funders)
/// turned into placeholders.
fn write_ui_strings(dir: &Path) -> Result<(), Diagnostic> {
    for file in files_of(&LOCALES) {
        let lang = file.path().iter().next().and_then(|l| l.to_str());
        let texts = NEW_SITE_TEXTS.iter().find(|t| Some(t.lang) == lang);
        let source = String::from_utf8_lossy(file.contents());
        let mut out = String::new();
        for line in source.lines() {
            let own = texts.and_then(|t| {
                let key = line.split_once(" =")?.0;
                t.campaign.iter().find(|(k, _)| *k == key)
            });
            match own {
                Some((key, placeholder)) => out.push_str(&format!("{key} = {placeholder}")),
                None => out.push_str(line),
            }
            out.push('\n');
        }
        write_file(
            dir,
            &format!("{}/{}", crate::i18n::LOCALES_DIR, file.path().display()),
            out.as_bytes(),
        )?;
    }
    Ok(())
}

/// The texts of a new site in one language: usable words where any campaign would use them,
/// bracketed placeholders where only the team knows what to write.
struct NewSiteTexts {
    lang: &'static str,
    home: &'static str,
    home_text: &'static str,
    stories: &'static str,
    story: &'static str,
    story_text: &'static str,
    /// The UI strings that name a campaign, its slogan and who funds it.
    campaign: [(&'static str, &'static str); 3],
}

const NEW_SITE_TEXTS: &[NewSiteTexts] = &[
    NewSiteTexts {
        lang: "en",
        home: "Welcome",
        home_text: "[One or two sentences on what the campaign asks for.]",
        stories: "Stories",
        story: "[Title of the first story]",
        story_text: "[Write the first story here: who, where, what happened, what must change.]",
        campaign: [
            ("site-name", "[Campaign name]"),
            ("site-tagline", "[The campaign's call in a few words]"),
            ("footer-funding", "[Who funds the campaign and who runs it]"),
        ],
    },
    NewSiteTexts {
        lang: "ka",
        home: "მოგესალმებით",
        home_text: "[ერთი-ორი წინადადება იმაზე, რას ითხოვს კამპანია.]",
        stories: "ისტორიები",
        story: "[პირველი ამბის სათაური]",
        story_text: "[აქ დაწერეთ პირველი ამბავი.]",
        campaign: [
            ("site-name", "[კამპანიის სახელი]"),
            ("site-tagline", "[კამპანიის მოწოდება რამდენიმე სიტყვით]"),
            (
                "footer-funding",
                "[ვინ აფინანსებს კამპანიას და ვინ ახორციელებს მას]",
            ),
        ],
    },
    NewSiteTexts {
        lang: "hy",
        home: "Բարի գալուստ",
        home_text: "[Մեկ-երկու նախադասություն այն մասին, թե ինչ է պահանջում արշավը։]",
        stories: "Պատմություններ",
        story: "[Առաջին պատմության վերնագիրը]",
        story_text: "[Այստեղ գրեք առաջին պատմությունը։]",
        campaign: [
            ("site-name", "[Արշավի անվանումը]"),
            ("site-tagline", "[Արշավի կոչը մի քանի բառով]"),
            (
                "footer-funding",
                "[Ով է ֆինանսավորում արշավը և ով է այն իրականացնում]",
            ),
        ],
    },
];

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
    for file in files_of(dir) {
        write_file(
            root,
            &format!("{prefix}/{}", file.path().display()),
            file.contents(),
        )?;
    }
    Ok(())
}

/// Every file of an embedded folder, its subfolders' included.
fn files_of<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    dir.files().chain(dir.dirs().flat_map(files_of)).collect()
}

/// The configuration of a new site: three languages, ready to change.
const SITE_TOML: &str = r##"# Every setting is explained in passage's README ("site.toml").
# Texts in [square brackets] are placeholders: `passage check` lists those left to replace.
base_url = "https://example.org"
theme = "default"   # or [theme] with name = "default" and the campaign's accent = "#0b5394"
per_page = 10
home_stories = 3
missing_translation = "fallback"

[[languages]]
code = "en"
name = "English"
title = "[Campaign name]"
description = "[What the campaign is about, in one sentence.]"

[[languages]]
code = "ka"
name = "ქართული"
title = "[კამპანიის სახელი]"
description = "[რას ეხება კამპანია, ერთი წინადადებით.]"

[[languages]]
code = "hy"
name = "Հայերեն"
title = "[Արշավի անվանումը]"
description = "[Ինչի մասին է արշավը՝ մեկ նախադասությամբ։]"

# Where the "get help" link on every page leads (a page such as content/rights.en.md):
# [help]
# link = "@/rights"

# Funders and partners, credited in every page's footer:
# [[partners]]
# name = "[Funder]"
# url = "https://example.org"
# role = "funder"
"##;

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
        assert_eq!(files_of(&THEME).len(), on_disk);
    }
}
