//! UI strings from Fluent files and CLDR dates, loaded once per language and shared by all pages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;

use crate::config::{Direction, Language, SiteConfig};
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
    decimal: icu_decimal::DecimalFormatter,
}

/// UI strings and date formats for every configured language.
pub struct I18n {
    default: String,
    langs: BTreeMap<String, LanguageStrings>,
}

impl I18n {
    /// The message `key` in every plural category of `lang` (`one`, `other`…), with `{count}`
    /// where the number goes: for counts a script makes in the browser, which picks the form
    /// with `Intl.PluralRules` (the same CLDR rules).
    pub fn plural_forms(&self, lang: &str, key: &str) -> BTreeMap<String, String> {
        use intl_pluralrules::{PluralRuleType, PluralRules};
        let mut forms = BTreeMap::new();
        let Ok(id) = lang.parse::<unic_langid::LanguageIdentifier>() else {
            return forms;
        };
        let Ok(rules) = PluralRules::create(id, PluralRuleType::CARDINAL) else {
            return forms;
        };
        // Every category has a member below 200 (CLDR's own samples are smaller still).
        for n in 0..200u32 {
            let Ok(category) = rules.select(n) else {
                continue;
            };
            let name = format!("{category:?}").to_lowercase();
            if forms.contains_key(&name) {
                continue;
            }
            let args = [("count".to_string(), Arg::Number(f64::from(n)))];
            if let Ok(text) = self.message(lang, key, &args) {
                let isolated = format!("\u{2068}{n}\u{2069}");
                let text = if text.contains(&isolated) {
                    text.replace(&isolated, "{count}")
                } else {
                    text.replace(&n.to_string(), "{count}")
                };
                forms.insert(name, text);
            }
        }
        forms
    }

    /// Loads `locales/` for every language; problems are returned beside a usable result.
    pub fn load(root: &Path, config: &SiteConfig) -> (Self, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut langs = BTreeMap::new();
        let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for lang in &config.languages {
            let (strings, lang_keys) = load_language(root, lang, &mut problems);
            keys.insert(lang.code.clone(), lang_keys);
            langs.insert(lang.code.clone(), strings);
        }
        let default = config.default_language().code.clone();
        problems.extend(untranslated(config, &default, &keys));
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

    /// A number written the way readers of `lang` expect: `1.4` in English, `1,4` in Georgian.
    pub fn format_decimal(&self, lang: &str, value: f64) -> String {
        let plain = format!("{value}");
        let (Some(strings), Ok(d)) = (
            self.langs
                .get(lang)
                .or_else(|| self.langs.get(&self.default)),
            plain.parse::<fixed_decimal::Decimal>(),
        ) else {
            return plain;
        };
        strings.decimal.format(&d).to_string()
    }
}

impl LanguageStrings {
    /// Date formats from CLDR for `code`, or the root locale's when ICU does not know it.
    fn new(bundle: FluentBundle<FluentResource>, code: &str) -> Self {
        let locale: icu_locale_core::Locale =
            code.parse().unwrap_or(icu_locale_core::Locale::UNKNOWN);
        let formatter = |fs: YMD| {
            DateTimeFormatter::try_new(locale.clone().into(), fs)
                .or_else(|_| {
                    DateTimeFormatter::try_new(icu_locale_core::Locale::UNKNOWN.into(), fs)
                })
                .expect("compiled ICU data has a root locale")
        };
        let decimal = icu_decimal::DecimalFormatter::try_new((&locale).into(), Default::default())
            .or_else(|_| {
                icu_decimal::DecimalFormatter::try_new(
                    (&icu_locale_core::Locale::UNKNOWN).into(),
                    Default::default(),
                )
            })
            .expect("compiled ICU data has a root locale");
        LanguageStrings {
            bundle,
            decimal,
            long: formatter(YMD::long()),
            medium: formatter(YMD::medium()),
            short: formatter(YMD::short()),
        }
    }
}

/// One language's strings from `locales/<code>/*.ftl`, and the ids of the messages defined.
fn load_language(
    root: &Path,
    lang: &Language,
    problems: &mut Vec<Diagnostic>,
) -> (LanguageStrings, Vec<String>) {
    let id: unic_langid::LanguageIdentifier = lang.code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks only help when a right-to-left sentence embeds other text.
    bundle.set_use_isolating(lang.dir == Direction::Rtl);
    // NUMBER(), so messages can choose ordinal forms ("3rd photo", "მე-3", "3-րդ").
    let _ = bundle.add_builtins();
    let dir = root.join(LOCALES_DIR).join(&lang.code);
    let files = ftl_files(&dir);
    if files.is_empty() {
        problems.push(
            Diagnostic::warning(display_path(root, &dir), format!("no UI strings for `{}`", lang.code))
                .hint(format!(
                    "add Fluent files such as {LOCALES_DIR}/{}/main.ftl; until then the default language's strings are shown",
                    lang.code
                )),
        );
    }
    let mut keys = Vec::new();
    for file in files {
        keys.extend(add_file(
            &mut bundle,
            &display_path(root, &file),
            &file,
            problems,
        ));
    }
    (LanguageStrings::new(bundle, &lang.code), keys)
}

/// The `.ftl` files of one language folder, in name order; none when it cannot be read.
fn ftl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Adds one Fluent file (shown to authors as `shown`) to `bundle`, reporting syntax errors
/// and ids defined twice; the ids of the messages in it.
fn add_file(
    bundle: &mut FluentBundle<FluentResource>,
    shown: &Path,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let text = match crate::text::read(file, shown) {
        Ok(text) => text,
        Err(d) => {
            problems.push(d);
            return Vec::new();
        }
    };
    if let Some(at) = too_deep_placeables(&text, MAX_PLACEABLE_DEPTH) {
        problems.push(
            Diagnostic::error(shown, format!("Fluent: placeables `{{ … }}` nest more than {MAX_PLACEABLE_DEPTH} deep; the file is not read"))
                .at_offset(&text, at)
                .hint("close each `{` with a `}`; a message needs a few levels at most"),
        );
        return Vec::new();
    }
    let resource = match FluentResource::try_new(text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                problems.push(
                    Diagnostic::error(shown, format!("Fluent syntax error: {}", e.kind))
                        .at_offset(&text, e.slice.as_ref().map_or(e.pos.start, |s| s.start))
                        .hint("each message is `id = text`; continuation lines are indented; variants look like `*[other] …` inside `{ $count -> … }`"),
                );
            }
            r
        }
    };
    let ids = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    if let Err(errors) = bundle.add_resource(resource) {
        for e in errors {
            let msg = e.to_string();
            let id = msg.split('"').nth(1).unwrap_or("");
            problems.push(
                Diagnostic::error(shown, format!("Fluent: {msg}"))
                    .at(definition_line(&text, id), None)
                    .hint("each message id may be defined once per language"),
            );
        }
    }
    ids
}

/// How deeply Fluent placeables may nest: Fluent's parser recurses on each level, so a
/// runaway file would overflow the stack; real messages use two or three.
const MAX_PLACEABLE_DEPTH: usize = 32;

/// Where `{` placeables first nest deeper than `limit` (string literals and comment lines
/// aside), if they do.
fn too_deep_placeables(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        if line.starts_with('#') {
            continue;
        }
        // A string literal ends at its closing quote or, unclosed, at the end of the line.
        let (mut in_string, mut escaped) = (false, false);
        for (i, b) in line.bytes().enumerate() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'{' => {
                    depth += 1;
                    if depth > limit {
                        return Some(line_start + i);
                    }
                }
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
    }
    None
}

/// The line of a Fluent file where message `id` is first defined (1 when it is not found).
fn definition_line(text: &str, id: &str) -> usize {
    let offset = text.find(&format!("\n{id} =")).map_or(0, |o| o + 1);
    line_col(text, offset).0
}

/// Warnings for UI strings of the default language that another language lacks; languages
/// with no strings at all were reported once when loaded.
fn untranslated(
    config: &SiteConfig,
    default: &str,
    keys: &BTreeMap<String, Vec<String>>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let Some(default_keys) = keys.get(default) else {
        return problems;
    };
    for lang in config.languages.iter().skip(1) {
        let Some(have) = keys.get(&lang.code).filter(|have| !have.is_empty()) else {
            continue;
        };
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
    problems
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
    fn plural_forms_for_scripts_have_every_category_with_a_place_for_the_number() {
        let dir = tempfile::tempdir().unwrap();
        let counted =
            "r = { $count ->\n    [one] { $count } result\n   *[other] { $count } results\n}\n";
        let (i18n, _) = site(
            dir.path(),
            &[
                ("locales/en/main.ftl", counted),
                ("locales/ka/main.ftl", "r = { $count } შედეგი\n"),
                ("locales/hy/main.ftl", counted),
            ],
        );
        let forms = |lang: &str| -> Vec<(String, String)> {
            i18n.plural_forms(lang, "r").into_iter().collect()
        };
        let pair = |c: &str, t: &str| (c.to_string(), t.to_string());
        assert_eq!(
            forms("en"),
            [
                pair("one", "{count} result"),
                pair("other", "{count} results")
            ]
        );
        assert_eq!(
            forms("ka"),
            [
                pair("one", "{count} შედეგი"),
                pair("other", "{count} შედეგი")
            ]
        );
        // Armenian has the same two categories (its `one` covers 0 and 1); unknown keys give none.
        assert_eq!(forms("hy")[0], pair("one", "{count} result"));
        assert!(i18n.plural_forms("en", "missing").is_empty());
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
    fn ids_defined_twice_point_at_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let (i18n, problems) = site(
            dir.path(),
            &[
                ("locales/en/a.ftl", "hello = Hello\n"),
                ("locales/en/b.ftl", "bye = Bye\nhello = Hi again\n"),
            ],
        );
        let twice: Vec<_> = problems
            .iter()
            .filter(|p| p.message.starts_with("Fluent:"))
            .collect();
        assert_eq!(twice.len(), 1, "{problems:?}");
        assert!(
            twice[0].file.ends_with("locales/en/b.ftl"),
            "{:?}",
            twice[0].file
        );
        assert_eq!(twice[0].line, Some(2));
        // The first definition wins; the rest of the file is still loaded.
        assert_eq!(i18n.message("en", "hello", &[]).unwrap(), "Hello");
        assert_eq!(i18n.message("en", "bye", &[]).unwrap(), "Bye");
    }

    #[test]
    fn placeables_nested_too_deep_are_found_before_fluent_parses_them() {
        let deep = |n: usize| format!("a = {}\"x\"{}\n", "{".repeat(n), "}".repeat(n));
        assert_eq!(too_deep_placeables(&deep(32), 32), None);
        assert_eq!(too_deep_placeables(&deep(33), 32), Some(4 + 32));
        // Braces in string literals and comments do not count.
        let quoted = format!("# {}\nb = {{ \"{}\" }}\n", "{".repeat(99), "{".repeat(99));
        assert_eq!(too_deep_placeables(&quoted, 32), None);
        let dir = tempfile::tempdir().unwrap();
        let (_, problems) = site(dir.path(), &[("locales/en/main.ftl", &deep(100_000))]);
        assert!(
            problems
                .iter()
                .any(|p| p.is_error() && p.message.contains("nest more than 32")),
            "{problems:?}"
        );
    }

    #[test]
    fn definition_line_finds_whole_ids() {
        let text = "bye-now = Later\nbye = Bye\n";
        assert_eq!(definition_line(text, "bye"), 2);
        assert_eq!(definition_line(text, "bye-now"), 1);
        assert_eq!(definition_line(text, "missing"), 1);
    }

    #[test]
    fn languages_without_files_are_reported_once_not_per_string() {
        let dir = tempfile::tempdir().unwrap();
        let (_, problems) = site(
            dir.path(),
            &[
                ("locales/en/main.ftl", "a = A\nb = B\n"),
                ("locales/ka/main.ftl", "a = ა\n"),
            ],
        );
        let about = |code: &str| {
            problems
                .iter()
                .filter(|p| {
                    p.file
                        .to_string_lossy()
                        .contains(&format!("locales/{code}"))
                })
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(about("ka"), ["UI string `b` is not translated into `ka`"]);
        assert_eq!(about("hy"), ["no UI strings for `hy`"]);
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
