//! `[images]`: the widths, formats and qualities photos are published in.

use serde::{Deserialize, Serialize};

/// A modern format offered in `<source>` besides the JPEG fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Smallest files, slowest to encode.
    Avif,
    /// Small files, fast to encode.
    Webp,
    /// The fallback every browser reads.
    Jpeg,
}

impl Format {
    /// File extension of the renditions.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
        }
    }

    /// MIME type for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
        }
    }
}

/// The `[images]` section of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    /// Widths of the renditions, in pixels; never larger than the original.
    pub widths: Vec<u32>,
    /// Modern formats offered before the JPEG fallback, best first.
    pub formats: Vec<Format>,
    /// The `sizes` attribute: how wide the image is shown, so browsers pick the right file.
    pub sizes: String,
    /// JPEG quality (0–100).
    pub jpeg_quality: u8,
    /// WebP quality (0–100).
    pub webp_quality: u8,
    /// AVIF quality on libavif's scale (1–100), the scale of `avifenc` and most image services.
    pub avif_quality: u8,
    /// libaom's speed, 0 (slowest, smallest) to 10 (fastest): 6 is where its files stop shrinking
    /// for the time spent (BENCHMARKS.md, "AVIF").
    pub avif_speed: u8,
    /// Colour transparent photos are laid on for the JPEG fallback (`#rrggbb`).
    pub background: String,
    /// Larger photos are refused before decoding, protecting the build from decompression bombs.
    pub max_megapixels: u32,
}

impl Default for ImageSettings {
    fn default() -> Self {
        Self {
            widths: vec![480, 720, 960, 1600],
            formats: vec![Format::Avif, Format::Webp],
            sizes: "(min-width: 46rem) 44rem, 100vw".into(),
            jpeg_quality: 78,
            webp_quality: 75,
            avif_quality: 46,
            avif_speed: 6,
            background: "#ffffff".into(),
            max_megapixels: 100,
        }
    }
}

impl ImageSettings {
    /// Problems with the settings, in the words of someone editing `site.toml`.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.widths.is_empty() || self.widths.iter().any(|w| *w < 16 || *w > 8192) {
            out.push(
                "images.widths must list widths between 16 and 8192 pixels, e.g. [480, 720, 960, 1600]"
                    .into(),
            );
        }
        if self.formats.contains(&Format::Jpeg) {
            out.push("images.formats lists modern formats only (\"avif\", \"webp\"); a JPEG fallback is always made".into());
        }
        for (name, q) in [
            ("jpeg_quality", self.jpeg_quality),
            ("webp_quality", self.webp_quality),
            ("avif_quality", self.avif_quality),
        ] {
            if q == 0 || q > 100 {
                out.push(format!("images.{name} must be between 1 and 100"));
            }
        }
        if self.avif_speed > 10 {
            out.push(
                "images.avif_speed must be between 0 (slowest, smallest) and 10 (fastest)".into(),
            );
        }
        if parse_colour(&self.background).is_none() {
            out.push(format!(
                "images.background `{}` is not a colour like \"#ffffff\"",
                self.background
            ));
        }
        if self.max_megapixels == 0 {
            out.push("images.max_megapixels must be at least 1".into());
        }
        out
    }

    /// The background as RGB (white if the setting is unreadable, which `problems` reports).
    pub fn background_rgb(&self) -> [u8; 3] {
        parse_colour(&self.background).unwrap_or([255, 255, 255])
    }
}

fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let n = u32::from_str_radix(hex, 16).ok()?;
    Some([(n >> 16) as u8, (n >> 8) as u8, n as u8])
}
