//! Calendar dates of pages and photos: parsed once, shown by `i18n` in each language.

/// A calendar date from front matter, kept with its original text for feeds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PageDate {
    /// Year, e.g. 2021.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl PageDate {
    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T10:00:00Z`) that is ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let mut parts = date.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
            return None;
        }
        icu_calendar::Date::try_new_iso(year, month, day).ok()?;
        Some(Self { year, month, day })
    }

    /// `2021-03-15`, as used in `<time datetime>` and sitemaps.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `2021-03-15T00:00:00Z`, as Atom feeds require.
    pub fn rfc3339(&self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }
}
