//! `[exhibit]`: where the photo exhibit sits in the menu and how its labels are printed.

use serde::Deserialize;

/// Paper the exhibit labels are printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// Two A5 labels per A4 sheet, to cut in half (any office printer).
    #[default]
    A4,
    /// One label per A5 sheet.
    A5,
}

/// The `[exhibit]` section of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExhibitSettings {
    /// Place of the exhibit in the main menu, among the pages' `weight`s.
    pub menu_weight: i64,
    /// Paper of the printable labels.
    pub label_paper: Paper,
}

impl Default for ExhibitSettings {
    fn default() -> Self {
        Self {
            menu_weight: 10,
            label_paper: Paper::A4,
        }
    }
}
