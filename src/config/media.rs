//! `[media]`: how video and audio files beside the pages are published.

use serde::Deserialize;

/// The `[media]` section of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MediaSettings {
    /// Largest video or audio file published, in megabytes: a 2 GB phone file put beside a
    /// story by mistake would cost every visitor who presses play.
    pub max_megabytes: u64,
}

impl Default for MediaSettings {
    fn default() -> Self {
        Self { max_megabytes: 200 }
    }
}

impl MediaSettings {
    /// The limit in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_megabytes.saturating_mul(1_000_000)
    }

    /// Settings that cannot work.
    pub fn problems(&self) -> Vec<String> {
        if self.max_megabytes == 0 {
            vec!["media.max_megabytes must be at least 1".into()]
        } else {
            Vec::new()
        }
    }
}
