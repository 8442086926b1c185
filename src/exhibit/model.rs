//! What a journey file means once it is checked: the journeys and photos the pages are made of,
//! and the photos that must not be published.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::SiteConfig;
use crate::date::PageDate;
use crate::images::Redaction;

/// Text in several languages, by language code.
pub type Texts = BTreeMap<String, String>;

/// Whether the person shown agreed to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// The people shown agreed.
    Given,
    /// They took their agreement back: nothing of the photo may remain published.
    Withdrawn,
    /// Nobody recognisable is shown.
    NotNeeded,
}

/// How precisely a photo's place may be named in public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlacePrecision {
    /// Not at all (the default: the safest).
    #[default]
    None,
    /// The country only.
    Country,
    /// City and country.
    City,
}

/// A photo that may be published, with its texts.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Address of the photo's page within the journey (never derived from the file name).
    pub id: String,
    /// The original file (never published itself).
    pub file: PathBuf,
    /// Line of its `file` key in the journey file, for messages.
    pub line: usize,
    /// How much of the place may be shown.
    pub place_precision: PlacePrecision,
    /// When it was taken.
    pub date: Option<PageDate>,
    /// Who to credit.
    pub credit: Texts,
    /// Licence name, e.g. "CC BY 4.0".
    pub licence: Option<String>,
    /// Where the licence can be read.
    pub licence_url: Option<String>,
    /// What the photo tells.
    pub caption: Texts,
    /// What the photo shows, for people who cannot see it.
    pub alt: Texts,
    /// Country names.
    pub country: Texts,
    /// City names.
    pub city: Texts,
    /// Regions hidden in everything published.
    pub redact: Vec<Redaction>,
}

/// A photo left out of the exhibit, and why (for the build's messages and the cache purge).
#[derive(Debug, Clone)]
pub struct Withheld {
    /// The original file.
    pub file: PathBuf,
    /// Why it is not published.
    pub reason: String,
}

/// One journey, ready to publish.
#[derive(Debug, Clone)]
pub struct Journey {
    /// Folder name, used in addresses.
    pub slug: String,
    /// The journey file as shown in messages (relative to the site).
    pub file: PathBuf,
    /// Order in the exhibit index, lower first.
    pub weight: i64,
    /// When it was published.
    pub date: Option<PageDate>,
    /// Index into `photos` of the cover.
    pub cover: usize,
    /// Title per language.
    pub title: Texts,
    /// Introduction (Markdown) per language.
    pub intro: Texts,
    /// Published photos, in order.
    pub photos: Vec<Photo>,
}

impl Journey {
    /// Whether the journey is translated into `lang` (has its own title there).
    pub fn translated(&self, lang: &str) -> bool {
        self.title.get(lang).is_some_and(|t| !t.trim().is_empty())
    }
}

/// Everything under `photos/`: the journeys to publish and the photos that must not be.
#[derive(Debug, Default)]
pub struct Exhibit {
    /// Journeys with at least one publishable photo, in exhibit order.
    pub journeys: Vec<Journey>,
    /// Photos without consent, in every journey (also those that failed to load otherwise).
    pub withheld: Vec<Withheld>,
}

/// A text in the reader's language, or else the original ([`SiteConfig::original`], the one
/// rule for what stands in for a missing translation); `lang` of the result says which.
pub fn pick<'a>(texts: &'a Texts, lang: &str, config: &SiteConfig) -> Option<(&'a str, &'a str)> {
    let get = |l: &str| {
        texts
            .get_key_value(l)
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, t)| (t.as_str(), k.as_str()))
    };
    get(lang).or_else(|| config.original(get))
}
