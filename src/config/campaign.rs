//! `[help]` and `[[partners]]`: what a campaign site must show on every page, the way to help
//! (WCAG 2.2 consistent help) and the funders and partners its grant requires it to credit.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `[help]`: where the "get help" link in every page's header leads.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpSettings {
    /// A page of the site (`@/rights`, in each reader's language) or an address.
    pub link: Option<String>,
}

/// What a partner does for the campaign, which decides the group it is credited in.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartnerRole {
    /// Pays for the campaign ("funded by").
    Funder,
    /// Runs or supports it.
    #[default]
    Partner,
}

/// A text written once, or per language (`{ en = "…", ka = "…" }`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same in every language (a name in Latin script, say).
    One(String),
    /// Per language code; languages without their own fall back to the default language's.
    PerLanguage(BTreeMap<String, String>),
}

/// One `[[partners]]` table: a funder or partner credited in every page's footer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Its name, as readers of each language know it.
    pub name: Localized,
    /// Its web site.
    pub url: Option<String>,
    /// Funder or partner.
    #[serde(default)]
    pub role: PartnerRole,
    /// A logo, from the site folder: an SVG in `static/` (published as it is) or a photo
    /// (published through the image pipeline, without its metadata).
    pub logo: Option<String>,
}

impl Localized {
    /// The text for readers of `lang`, else the one in `default`, else any.
    pub fn get(&self, lang: &str, default: &str) -> &str {
        match self {
            Localized::One(s) => s,
            Localized::PerLanguage(m) => m
                .get(lang)
                .or_else(|| m.get(default))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }
}

impl Partner {
    /// The logo's name under `static/` when it is an SVG published as it is there (`None` for
    /// a photo logo, which goes through the image pipeline, or an SVG elsewhere).
    pub fn static_svg(&self) -> Option<&str> {
        self.logo
            .as_deref()
            .filter(|l| is_svg(l))
            .and_then(|l| l.strip_prefix("static/"))
    }

    /// Settings that cannot work, in words for whoever edits `site.toml`.
    pub fn problems(&self, n: usize, codes: &[&str]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let nth = format!("[[partners]] number {n}");
        match &self.name {
            Localized::One(s) if s.trim().is_empty() => out.push((
                format!("{nth} has an empty name"),
                "write the partner's name, e.g. name = \"IOM\"".into(),
            )),
            Localized::PerLanguage(m) => {
                for code in m.keys().filter(|c| !codes.contains(&c.as_str())) {
                    out.push((
                        format!(
                            "{nth} has a name in `{code}`, which is not a language of the site"
                        ),
                        "use the code of one of the [[languages]]".into(),
                    ));
                }
                if m.values().all(|s| s.trim().is_empty()) {
                    out.push((
                        format!("{nth} has no name"),
                        "write name = \"…\" or name = { en = \"…\", ka = \"…\" }".into(),
                    ));
                }
            }
            Localized::One(_) => {}
        }
        if let Some(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            out.push((
                format!("{nth}: url `{url}` is not a web address"),
                "write the full address, e.g. url = \"https://www.iom.int\"".into(),
            ));
        }
        if let Some(logo) = &self.logo
            && is_svg(logo)
            && self.static_svg().is_none()
        {
            out.push((
                format!("{nth}: the SVG logo `{logo}` is not in static/"),
                "put SVG logos in the site's static/ folder (logo = \"static/partners/name.svg\"); photos of logos may be anywhere in the site".into(),
            ));
        }
        out
    }
}

/// Whether a logo is drawn (SVG) rather than a photo.
fn is_svg(logo: &str) -> bool {
    logo.to_ascii_lowercase().ends_with(".svg")
}
