//! Slugs for heading ids and tag URLs that keep Georgian and Armenian letters.
//!
//! The `slug`/`deunicode` crates transliterate to ASCII, which mangles ka/hy (`თ` becomes
//! "t`" and leaves stray hyphens) and makes ids readers cannot recognise. Browsers handle
//! Unicode in URLs and fragments, so we keep letters of every script and only fold case and
//! punctuation.

/// Lower-cases, keeps letters and digits of any script, joins words with single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            // Georgian Mtavruli capitals fold to Mkhedruli; other scripts lower-case as usual.
            out.extend(c.to_lowercase());
        } else if c == '_'
            || c == '-'
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || is_separator(c)
        {
            pending_hyphen = true;
        }
        // Other symbols (emoji, marks such as Armenian ՛) are dropped.
    }
    out
}

/// Whether `s` is already a clean slug (what [`slugify`] makes of it): the one rule for story
/// and journey folders, new files, tags and heading ids.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2018}'..='\u{201f}' | '\u{00ab}' | '\u{00bb}' | '\u{0589}' | '\u{055d}' | '\u{2026}'
    )
}

/// Keeps ids unique within one page by appending `-1`, `-2`… to repeats.
#[derive(Default)]
pub struct UniqueIds {
    seen: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// Returns `base` the first time, then `base-1`, `base-2`…; never empty.
    pub fn make(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut candidate = base.to_string();
        loop {
            let n = self.seen.entry(candidate.clone()).or_insert(0);
            if *n == 0 {
                *n = 1;
                return candidate;
            }
            *n += 1;
            candidate = format!("{base}-{}", *n - 1);
        }
    }

    /// Records an id written by the author so generated ids do not collide with it.
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_georgian_and_armenian() {
        assert_eq!(
            slugify("ომი და მშვიდობა: თბილისი"),
            "ომი-და-მშვიდობა-თბილისი"
        );
        assert_eq!(
            slugify("Պատերազմ և խաղաղություն Երևան"),
            "պատերազմ-և-խաղաղություն-երևան"
        );
        assert_eq!(
            slugify("Media & migration: “words matter”"),
            "media-migration-words-matter"
        );
        assert_eq!(slugify("  --Hello__World-- "), "hello-world");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn repeated_headings_get_distinct_ids() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.make("a"), "a");
        assert_eq!(ids.make("a"), "a-1");
        assert_eq!(ids.make("a"), "a-2");
        ids.reserve("b");
        assert_eq!(ids.make("b"), "b-1");
        assert_eq!(ids.make(""), "section");
    }
}
