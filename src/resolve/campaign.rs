//! The campaign's settings that every page shows: where "get help" leads, and the partners'
//! logos, checked once so a broken link or a missing logo fails the build, not a visitor.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::LinkTargets;

use super::Site;

impl Site {
    /// Where readers of `lang` get help, and the content key of that page (to mark it
    /// current): the page in their language, else the default language's, or the address.
    pub fn help_link(&self, lang: &str) -> Option<(String, Option<String>)> {
        let link = self.config.help.link.as_deref()?.trim();
        let Some(rest) = link.strip_prefix("@/") else {
            return Some((link.to_string(), None));
        };
        let key = rest.trim_matches('/').to_string();
        let url = self
            .page_url(&key, lang)
            .or_else(|| self.page_url(&key, &self.config.default_language().code))?;
        Some((url, Some(key)))
    }

    /// Problems of `[help]` and `[[partners]]` that need the pages and the site folder.
    pub(super) fn check_campaign(&self, problems: &mut Diagnostics) {
        if let Some(link) = &self.config.help.link {
            let link = link.trim();
            let external = link.starts_with("https://") || link.starts_with("http://");
            if !external && !link.starts_with("@/") {
                problems.push(self.at_setting(
                    Diagnostic::error(CONFIG_FILE, format!("[help] link `{link}` is neither a page of the site nor a web address"))
                        .hint("write link = \"@/rights\" (a page under content/, without the language) or a full https:// address"),
                    link,
                ));
            } else if !external
                && self
                    .help_link(&self.config.default_language().code)
                    .is_none()
            {
                problems.push(self.at_setting(
                    Diagnostic::error(CONFIG_FILE, format!("[help] link `{link}` leads to no published page"))
                        .hint("name a page under content/ without its language, e.g. @/rights for content/rights.en.md, and check it is not a draft"),
                    link,
                ));
            }
        }
        let root = self.images.root();
        for (n, partner) in self.config.partners.iter().enumerate() {
            let Some(logo) = &partner.logo else {
                continue;
            };
            let path = root.join(logo);
            let inside = Path::new(logo)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside || !path.is_file() {
                problems.push(self.at_setting(
                    Diagnostic::error(CONFIG_FILE, format!("[[partners]] number {}: the logo `{logo}` is not in the site folder", n + 1))
                        .hint("give the logo's path from the site folder, e.g. logo = \"static/partners/iom.svg\", and check the spelling"),
                    logo,
                ));
            } else if let Some(target) = crate::confine::outside(root, &path) {
                problems.push(crate::confine::problem(root, &path, &target));
            }
        }
    }

    /// The problem pointed at the line of `site.toml` where `value` is written, when found.
    fn at_setting(&self, problem: Diagnostic, value: &str) -> Diagnostic {
        let text = std::fs::read_to_string(&self.config.path).unwrap_or_default();
        crate::config::at_text(problem, &text, &format!("\"{value}\""))
    }
}
