//! UI strings from Fluent files and CLDR dates, loaded once per language and shared by all pages.

use std::collections::BTreeMap;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;

use crate::config::{Direction, SiteConfig};
use crate::date::PageDate;
use crate::diagnostics::{Diagnostic, display_path, line_col};

/// Folder of Fluent files: `locales/<lang>/*.ftl`.
pub const LOCALES_DIR: &str = "locales";

/// How long a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "November 30, 2022" / "30 ნოემბერი, 2022".
    Long,
    /// "Nov 30, 2022".
    Medium,
    /// "11/30/22".
    Short,
}

/// Everything language-specific one language needs to render.
struct LanguageStrings {
    bundle: FluentBundle<FluentResource>,
    long: DateTimeFormatter<YMD>,
    medium: DateTimeFormatter<YMD>,
    short: DateTimeFormatter<YMD>,
}

/// UI strings and date formats for every configured language.
pub struct I18n {
    default: String,
    langs: BTreeMap<String, LanguageStrings>,
}

impl I18n {
    /// Loads `locales/` for every language; problems are returned beside a usable result.
    pub fn load(root: &Path, config: &SiteConfig) -> (Self, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut langs = BTreeMap::new();
        let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for lang in &config.languages {
            let id: unic_langid::LanguageIdentifier = lang.code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks only help when a right-to-left sentence embeds other text.
            bundle.set_use_isolating(lang.dir == Direction::Rtl);
            // NUMBER(), so messages can choose ordinal forms ("3rd photo", "მე-3", "3-րդ").
            let _ = bundle.add_builtins();
            let dir = root.join(LOCALES_DIR).join(&lang.code);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            if files.is_empty() {
                problems.push(
                    Diagnostic::warning(display_path(root, &dir), format!("no UI strings for `{}`", lang.code))
                        .hint(format!(
                            "add Fluent files such as {LOCALES_DIR}/{}/main.ftl; until then the default language's strings are shown",
                            lang.code
                        )),
                );
            }
            let mut lang_keys = Vec::new();
            for file in files {
                let shown = display_path(root, &file);
                let text = match std::fs::read_to_string(&file) {
                    Ok(t) => crate::text::normalize(&t),
                    Err(e) => {
                        problems.push(Diagnostic::error(&shown, format!("cannot read: {e}")));
                        continue;
                    }
                };
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            problems.push(
                                Diagnostic::error(&shown, format!("Fluent syntax error: {}", e.kind))
                                    .at_offset(&text, e.slice.as_ref().map_or(e.pos.start, |s| s.start))
                                    .hint("each message is `id = text`; continuation lines are indented; variants look like `*[other] …` inside `{ $count -> … }`"),
                            );
                        }
                        r
                    }
                };
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        lang_keys.push(m.id.name.to_string());
                    }
                }
                if let Err(errors) = bundle.add_resource(resource) {
                    for e in errors {
                        let msg = e.to_string();
                        let id = msg.split('"').nth(1).unwrap_or("").to_string();
                        let offset = text.find(&format!("\n{id} =")).map_or(0, |o| o + 1);
                        let (line, _) = line_col(&text, offset);
                        problems.push(
                            Diagnostic::error(&shown, format!("Fluent: {msg}"))
                                .at(line, None)
                                .hint("each message id may be defined once per language"),
                        );
                    }
                }
            }
            keys.insert(lang.code.clone(), lang_keys);
            let locale: icu_locale_core::Locale = lang
                .code
                .parse()
                .unwrap_or(icu_locale_core::Locale::UNKNOWN);
            let formatter = |fs: YMD| {
                DateTimeFormatter::try_new(locale.clone().into(), fs)
                    .or_else(|_| {
                        DateTimeFormatter::try_new(icu_locale_core::Locale::UNKNOWN.into(), fs)
                    })
                    .expect("compiled ICU data has a root locale")
            };
            langs.insert(
                lang.code.clone(),
                LanguageStrings {
                    bundle,
                    long: formatter(YMD::long()),
                    medium: formatter(YMD::medium()),
                    short: formatter(YMD::short()),
                },
            );
        }
        let default = config.default_language().code.clone();
        if let Some(default_keys) = keys.get(&default) {
            for lang in config.languages.iter().skip(1) {
                let have = &keys[&lang.code];
                if have.is_empty() {
                    continue;
                }
                for key in default_keys.iter().filter(|k| !have.contains(k)) {
                    problems.push(
                        Diagnostic::warning(
                            format!("{LOCALES_DIR}/{}", lang.code),
                            format!("UI string `{key}` is not translated into `{}`", lang.code),
                        )
                        .hint(format!(
                            "add `{key} = …` to a .ftl file in {LOCALES_DIR}/{}/; until then readers see the {default} text",
                            lang.code
                        )),
                    );
                }
            }
        }
        (Self { default, langs }, problems)
    }

    /// The UI string `key` in `lang`, falling back to the default language.
    pub fn message(&self, lang: &str, key: &str, args: &[(String, Arg)]) -> Result<String, String> {
        let order = [lang, self.default.as_str()];
        for code in order {
            let Some(strings) = self.langs.get(code) else {
                continue;
            };
            let Some(msg) = strings.bundle.get_message(key) else {
                continue;
            };
            let Some(pattern) = msg.value() else {
                return Err(format!("UI string `{key}` has no value"));
            };
            let mut fargs = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Text(s) => fargs.set(name.clone(), FluentValue::from(s.clone())),
                    Arg::Number(n) => fargs.set(name.clone(), FluentValue::from(*n)),
                }
            }
            let mut errors = Vec::new();
            let text = strings
                .bundle
                .format_pattern(pattern, Some(&fargs), &mut errors);
            if let Some(e) = errors.first() {
                return Err(format!("UI string `{key}` in `{code}`: {e}"));
            }
            return Ok(text.into_owned());
        }
        if lang == self.default {
            Err(format!(
                "there is no UI string `{key}` in {LOCALES_DIR}/{lang}/"
            ))
        } else {
            Err(format!(
                "there is no UI string `{key}` in {LOCALES_DIR}/{lang}/ or {LOCALES_DIR}/{}/",
                self.default
            ))
        }
    }

    /// A date written the way readers of `lang` expect (CLDR data).
    pub fn format_date(&self, lang: &str, date: PageDate, style: DateStyle) -> String {
        let Some(strings) = self
            .langs
            .get(lang)
            .or_else(|| self.langs.get(&self.default))
        else {
            return date.iso();
        };
        let Ok(d) = icu_calendar::Date::try_new_iso(date.year, date.month, date.day) else {
            return date.iso();
        };
        let f = match style {
            DateStyle::Long => &strings.long,
            DateStyle::Medium => &strings.medium,
            DateStyle::Short => &strings.short,
        };
        f.format(&d).to_string()
    }
}

/// A value passed to a UI string (`$count`, `$title`).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Inserted as it is.
    Text(String),
    /// Chooses plural forms and is written as a number.
    Number(f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, files: &[(&str, &str)]) -> (I18n, Vec<Diagnostic>) {
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = SiteConfig::parse(
            "base_url = \"https://e.org\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"t\"\n[[languages]]\ncode = \"ka\"\nname = \"ქართული\"\ntitle = \"t\"\n[[languages]]\ncode = \"hy\"\nname = \"Հայերեն\"\ntitle = \"t\"\n",
            "site.toml".into(),
        )
        .unwrap();
        I18n::load(dir, &config)
    }

    const PLURAL: &str = "n = { $count ->\n    [one] one\n   *[other] other\n}\n";

    #[test]
    fn plurals_follow_cldr_for_ka_and_hy() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, problems) = site(
            dir.path(),
            &[
                ("locales/en/main.ftl", PLURAL),
                ("locales/ka/main.ftl", PLURAL),
                ("locales/hy/main.ftl", PLURAL),
            ],
        );
        assert!(problems.is_empty(), "{problems:?}");
        let n = |lang: &str, c: f64| {
            i18n.message(lang, "n", &[("count".into(), Arg::Number(c))])
                .unwrap()
        };
        assert_eq!(
            (n("en", 0.0), n("en", 1.0), n("en", 2.0)),
            ("other".into(), "one".into(), "other".into())
        );
        assert_eq!(
            (n("ka", 0.0), n("ka", 1.0), n("ka", 5.0)),
            ("other".into(), "one".into(), "other".into())
        );
        // Armenian uses the "one" form for 0 and 1.
        assert_eq!(
            (n("hy", 0.0), n("hy", 1.0), n("hy", 2.0)),
            ("one".into(), "one".into(), "other".into())
        );
    }

    #[test]
    fn missing_keys_fall_back_and_are_reported_and_syntax_errors_have_lines() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, problems) = site(
            dir.path(),
            &[
                ("locales/en/main.ftl", "hello = Hello\nbye = Bye\n"),
                ("locales/ka/main.ftl", "hello = გამარჯობა\n"),
                ("locales/hy/main.ftl", "hello = Բարեւ\nbye = { $x\n"),
            ],
        );
        assert_eq!(i18n.message("ka", "bye", &[]).unwrap(), "Bye");
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("`bye`") && p.file.ends_with("ka")),
            "{problems:?}"
        );
        let syntax = problems
            .iter()
            .find(|p| p.message.contains("syntax"))
            .expect("syntax error reported");
        assert_eq!(syntax.line, Some(2));
        assert!(i18n.message("en", "nope", &[]).is_err());
    }

    #[test]
    fn dates_use_cldr_month_names() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, _) = site(dir.path(), &[]);
        let d = PageDate {
            year: 2022,
            month: 11,
            day: 30,
        };
        assert_eq!(
            i18n.format_date("en", d, DateStyle::Long),
            "November 30, 2022"
        );
        assert!(
            i18n.format_date("ka", d, DateStyle::Long)
                .contains("ნოემბერი")
        );
        assert!(
            i18n.format_date("hy", d, DateStyle::Long)
                .contains("նոյեմբերի")
        );
    }
}
