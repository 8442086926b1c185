//! `site.toml`: what a campaign team configures once (languages, URL, theme, policies).
//! Each settings table of its own (`[images]`, `[exhibit]`, the ones to come) has a file here.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

mod campaign;
mod exhibit;
mod images;
mod media;
mod search;
mod theme;

pub use campaign::{HelpSettings, Localized, Partner, PartnerRole};
pub use exhibit::{ExhibitSettings, Paper};
pub use images::{Format, ImageSettings};
pub use media::MediaSettings;
pub use search::SearchSettings;
pub use theme::ThemeSettings;

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// Writing direction, so right-to-left languages get `dir="rtl"`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right (Latin, Georgian, Armenian, Cyrillic…).
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Hebrew…).
    Rtl,
}

/// What readers of a language see for a page not translated into it.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslation {
    /// Show the default-language text, with a notice in the reader's language.
    #[default]
    Fallback,
    /// Leave the page out of that language.
    Omit,
}

/// One language of the site, in the order readers see them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, also the URL folder (`en`, `ka`, `hy`).
    pub code: String,
    /// The language's own name for itself, shown in the switcher.
    pub name: String,
    /// Text direction.
    #[serde(default)]
    pub dir: Direction,
    /// Site title in this language.
    pub title: String,
    /// One-sentence description in this language, for search engines and link previews.
    #[serde(default)]
    pub description: String,
}

/// The whole of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Public address of the site; every canonical URL, feed and sitemap entry starts with it.
    pub base_url: String,
    /// Theme folder under `themes/` and the campaign's accent colour.
    #[serde(default)]
    pub theme: ThemeSettings,
    /// Stories per page on list and tag pages.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Stories shown on a language's home page.
    #[serde(default = "default_home_stories")]
    pub home_stories: usize,
    /// What a language without a translation of a page shows.
    #[serde(default)]
    pub missing_translation: MissingTranslation,
    /// Whether HTML is minified (on by default; off helps when debugging a theme).
    #[serde(default = "yes")]
    pub minify: bool,
    /// Whether pages carry the strict Content-Security-Policy (`_headers` and a `<meta>`); a
    /// theme with inline scripts or styles of its own turns it off.
    #[serde(default = "yes")]
    pub csp: bool,
    /// Languages in display order; the first is the default language.
    pub languages: Vec<Language>,
    /// How photos are published.
    #[serde(default)]
    pub images: ImageSettings,
    /// How video and audio are published.
    #[serde(default)]
    pub media: MediaSettings,
    /// The photo exhibit's menu place and printed labels.
    #[serde(default)]
    pub exhibit: ExhibitSettings,
    /// The search pages and their index.
    #[serde(default)]
    pub search: SearchSettings,
    /// Where every page's "get help" link leads.
    #[serde(default)]
    pub help: HelpSettings,
    /// Funders and partners credited in every page's footer.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// The tags each language may use (`[tags] en = ["media", …]`): with a list, a tag outside
    /// it is most likely a typo that would make a tag page of its own, so it is reported.
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, Vec<String>>,
    /// `base_url` as written in `site.toml`, even when `--base-url` points the build at a
    /// preview: printed exhibit labels must always lead to the public site.
    #[serde(skip)]
    pub production_url: String,
    /// Where the file was read from.
    #[serde(skip)]
    pub path: PathBuf,
}

fn default_per_page() -> usize {
    10
}
fn default_home_stories() -> usize {
    3
}
fn yes() -> bool {
    true
}

/// A problem of `site.toml` pointed at the line where `needle` is first written, when it is.
pub fn at_text(problem: Diagnostic, text: &str, needle: &str) -> Diagnostic {
    match text.find(needle) {
        Some(at) => problem.at_offset(text, at),
        None => problem,
    }
}

impl SiteConfig {
    /// Reads and checks `site.toml` under `root`.
    pub fn load(root: &Path) -> Result<Self, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(vec![
                Diagnostic::error(CONFIG_FILE, "there is no site configuration here")
                    .hint(format!(
                        "run passage in the site folder, pass --root DIR, or create {CONFIG_FILE} (`passage new site DIR` makes one)"
                    )),
            ]);
        }
        let text = crate::text::read(&path, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
        Self::parse(&text, path)
    }

    /// Parses the text of `site.toml`; `path` is only used in messages.
    pub fn parse(text: &str, path: PathBuf) -> Result<Self, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(CONFIG_FILE, e.message().to_string())
                .hint("see the site.toml section of README.md for every setting");
            if let Some(span) = e.span() {
                d = d.at_offset(text, span.start);
            }
            vec![d]
        })?;
        config.path = path;
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        config.production_url = config.base_url.clone();
        let mut problems = config.validate();
        // Point each problem at its key's line where the key can be found.
        for d in &mut problems {
            let key = if d.message.starts_with("[theme]") {
                "accent"
            } else if d.message.starts_with("[[partners]]") {
                "[[partners]]"
            } else {
                continue;
            };
            *d = at_text(d.clone(), text, key);
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let err = |m: String, h: &str| Diagnostic::error(CONFIG_FILE, m).hint(h.to_string());
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            out.push(err(
                format!("base_url `{}` is not an http(s) address", self.base_url),
                "write the public address of the site, e.g. base_url = \"https://example.org\"",
            ));
        }
        if self.languages.is_empty() {
            out.push(err(
                "no languages are configured".into(),
                "add at least one [[languages]] table with code, name and title",
            ));
        }
        if self.per_page == 0 {
            out.push(err(
                "per_page must be at least 1".into(),
                "e.g. per_page = 10",
            ));
        }
        for p in self.images.problems() {
            out.push(err(p, "see the [images] section of README.md"));
        }
        for p in self.media.problems() {
            out.push(err(p, "e.g. [media] max_megabytes = 200"));
        }
        let mut seen = std::collections::HashSet::new();
        for lang in &self.languages {
            if lang.code.parse::<icu_locale_core::Locale>().is_err()
                || lang
                    .code
                    .parse::<unic_langid::LanguageIdentifier>()
                    .is_err()
                || lang.code.contains(['/', '\\', '.'])
            {
                out.push(err(
                    format!("`{}` is not a valid language code", lang.code),
                    "use a BCP 47 code such as en, ka, hy, ar or pt-BR",
                ));
            }
            if !seen.insert(lang.code.as_str()) {
                out.push(err(
                    format!("language `{}` is listed twice", lang.code),
                    "keep one [[languages]] table per language",
                ));
            }
        }
        for (p, h) in self.theme.problems() {
            out.push(err(p, &h));
        }
        let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
        for (n, partner) in self.partners.iter().enumerate() {
            for (p, h) in partner.problems(n + 1, &codes) {
                out.push(err(p, &h));
            }
        }
        for p in self.search.problems(&codes) {
            out.push(err(
                p,
                "use the code of one of the [[languages]], e.g. skip_languages = [\"hy\"]",
            ));
        }
        for code in self.tags.keys() {
            if !seen.contains(code.as_str()) {
                out.push(err(
                    format!("[tags] has a list for `{code}`, which is not a language of the site"),
                    "use the code of one of the [[languages]], e.g. tags.en = [\"media\"]",
                ));
            }
        }
        out
    }

    /// The language pages are written in first and fall back to.
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Looks up a configured language by code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The original of something not translated into a reader's language: what `get` finds in
    /// the default language, else in the first language that has it, in site order. The one rule
    /// for fallback pages and exhibit texts alike.
    pub fn original<T>(&self, get: impl Fn(&str) -> Option<T>) -> Option<T> {
        std::iter::once(&self.default_language().code)
            .chain(self.languages.iter().map(|l| &l.code))
            .find_map(|code| get(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
base_url = "https://example.org/"
[[languages]]
code = "en"
name = "English"
title = "Site"
"#;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = SiteConfig::parse(MINIMAL, "site.toml".into()).unwrap();
        assert_eq!(c.base_url, "https://example.org");
        assert_eq!(c.theme.name, "default");
        assert_eq!(c.per_page, 10);
        assert_eq!(c.default_language().code, "en");
        assert_eq!(c.languages[0].dir, Direction::Ltr);
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let text = format!(
            "{MINIMAL}\n[[languages]]\ncode = \"ka\"\nname = \"x\"\ntitle = \"t\"\ncolour = 1\n"
        );
        let errs = SiteConfig::parse(&text, "site.toml".into()).unwrap_err();
        assert!(errs[0].message.contains("colour"), "{}", errs[0]);
        assert_eq!(errs[0].line, Some(12));
    }

    #[test]
    fn bad_language_code_is_reported() {
        let text = MINIMAL.replace("\"en\"", "\"english language\"");
        let errs = SiteConfig::parse(&text, "site.toml".into()).unwrap_err();
        assert!(errs[0].message.contains("not a valid language code"));
    }
}
