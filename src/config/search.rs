//! `[search]`: the search page and its index, on by default in every language.

use serde::Deserialize;

/// The `[search]` section of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchSettings {
    /// `false` leaves out the search pages, their index and the header's search link.
    pub enabled: bool,
    /// Languages without search (say, one with too few pages yet to make it useful).
    pub skip_languages: Vec<String>,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            skip_languages: Vec::new(),
        }
    }
}

impl SearchSettings {
    /// Whether readers of `lang` get a search page.
    pub fn in_language(&self, lang: &str) -> bool {
        self.enabled && !self.skip_languages.iter().any(|l| l == lang)
    }

    /// Languages named in `skip_languages` that the site does not have.
    pub fn problems(&self, codes: &[&str]) -> Vec<String> {
        self.skip_languages
            .iter()
            .filter(|l| !codes.contains(&l.as_str()))
            .map(|l| {
                format!("[search] skip_languages names `{l}`, which is not a language of the site")
            })
            .collect()
    }
}
