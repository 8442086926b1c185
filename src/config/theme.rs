//! `theme = "default"`, or `[theme]` with the campaign's accent colour: a campaign looks like
//! its own brand without editing CSS, and never at the cost of contrast.

use serde::{Deserialize, Deserializer};

use crate::contrast::{AA_TEXT, Rgb, nearest_passing, ratio};

/// Backgrounds the accent is shown on (links, buttons) in the default theme's light colours:
/// white, the page's paper and the soft panels.
const LIGHT_BACKGROUNDS: [Rgb; 3] = [
    Rgb(0xff, 0xff, 0xff),
    Rgb(0xfd, 0xfc, 0xfa),
    Rgb(0xf1, 0xee, 0xe8),
];

/// The same in dark mode (`prefers-color-scheme: dark`).
const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x12, 0x14, 0x17), Rgb(0x1e, 0x21, 0x25)];

/// `theme` in `site.toml`: a theme name alone, or a table with its settings.
#[derive(Debug, Clone)]
pub struct ThemeSettings {
    /// Theme folder under `themes/`.
    pub name: String,
    /// The campaign's accent colour as written (any CSS colour), for links, buttons and marks.
    pub accent: Option<String>,
}

impl Default for ThemeSettings {
    fn default() -> Self {
        Self {
            name: "default".into(),
            accent: None,
        }
    }
}

/// The table form, `[theme]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default = "default_name")]
    name: String,
    accent: Option<String>,
}

fn default_name() -> String {
    "default".into()
}

impl<'de> Deserialize<'de> for ThemeSettings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ThemeSettings;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme name (theme = \"default\") or a [theme] table")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(ThemeSettings {
                    name: name.to_string(),
                    accent: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let t = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ThemeSettings {
                    name: t.name,
                    accent: t.accent,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl ThemeSettings {
    /// An accent that cannot be read or is too faint to read on the page, with the nearest
    /// shade that passes.
    pub fn problems(&self) -> Vec<(String, String)> {
        let Some(written) = &self.accent else {
            return Vec::new();
        };
        let Some(colour) = Rgb::parse(written) else {
            return vec![(
                format!("[theme] accent `{written}` is not a colour"),
                "write an opaque CSS colour, e.g. accent = \"#0b5394\"".into(),
            )];
        };
        let worst = LIGHT_BACKGROUNDS
            .iter()
            .map(|&b| ratio(colour, b))
            .fold(f64::INFINITY, f64::min);
        if worst >= AA_TEXT {
            return Vec::new();
        }
        let fixed = nearest_passing(colour, &LIGHT_BACKGROUNDS, AA_TEXT);
        vec![(
            format!(
                "[theme] accent `{written}` has a contrast of {worst:.1}:1 with the page; links and buttons need {AA_TEXT}:1 to be readable (WCAG AA)"
            ),
            format!(
                "use accent = \"{}\", the nearest shade of it that passes",
                fixed.hex()
            ),
        )]
    }

    /// The CSS custom properties the accent sets, appended to the theme's `style.css`: the
    /// colour itself, and for dark mode the nearest shade readable on a dark page. Empty
    /// without an accent (the theme's own colours stay).
    pub fn css(&self) -> String {
        let Some(colour) = self.accent.as_deref().and_then(Rgb::parse) else {
            return String::new();
        };
        let light = nearest_passing(colour, &LIGHT_BACKGROUNDS, AA_TEXT);
        let dark = nearest_passing(colour, &DARK_BACKGROUNDS, AA_TEXT);
        format!(
            "\n:root{{--accent:{}}}\n@media (prefers-color-scheme:dark){{:root{{--accent:{}}}}}\n",
            light.hex(),
            dark.hex()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml_text: &str) -> ThemeSettings {
        #[derive(Deserialize)]
        struct Doc {
            theme: ThemeSettings,
        }
        toml::from_str::<Doc>(toml_text).unwrap().theme
    }

    #[test]
    fn a_name_or_a_table() {
        assert_eq!(parse("theme = \"mine\"").name, "mine");
        let t = parse("[theme]\naccent = \"#c8102e\"");
        assert_eq!(t.name, "default");
        assert_eq!(t.accent.as_deref(), Some("#c8102e"));
        assert!(t.problems().is_empty());
        assert!(t.css().contains("--accent:#c8102e"));
    }

    #[test]
    fn a_faint_accent_is_refused_with_a_shade_that_passes() {
        let t = parse("[theme]\naccent = \"#ffcc00\"");
        let (message, hint) = &t.problems()[0];
        assert!(message.contains("contrast of 1.3:1"), "{message}");
        let shade = hint.split('"').nth(1).unwrap();
        let shade = Rgb::parse(shade).unwrap();
        assert!(
            LIGHT_BACKGROUNDS
                .iter()
                .all(|&b| ratio(shade, b) >= AA_TEXT)
        );
        assert!(!parse("[theme]\naccent = \"nope\"").problems().is_empty());
    }

    #[test]
    fn dark_mode_gets_a_lighter_shade_that_reads_on_a_dark_page() {
        let t = parse("[theme]\naccent = \"#0b5394\"");
        let css = t.css();
        let dark = css.rsplit("--accent:").next().unwrap();
        let dark = Rgb::parse(&dark[..7]).unwrap();
        assert!(DARK_BACKGROUNDS.iter().all(|&b| ratio(dark, b) >= AA_TEXT));
    }
}
