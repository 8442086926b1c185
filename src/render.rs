//! Templates: the theme's Tera templates (overridable by the site), compiled once, with the
//! functions and filters themes use (`t`, `date`, `asset`, and Georgian-safe case filters).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use tera::{Context, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::date::PageDate;
use crate::diagnostics::{Diagnostic, display_path};
use crate::i18n::{Arg, DateStyle, I18n};
use crate::images::{ImageInfo, Images};
use crate::text::{capitalize_first, map_cased};

/// Folder of a theme's templates.
pub const TEMPLATES_DIR: &str = "templates";
/// Folder of themes under the site root.
pub const THEMES_DIR: &str = "themes";

/// Compiled templates plus where each came from, for error messages.
pub struct Templates {
    tera: Tera,
    files: BTreeMap<String, PathBuf>,
    i18n: Arc<I18n>,
    images: Arc<Images>,
}

/// A photo a template laid out with `image()`, and a hash of what it got, so that a page kept
/// from the last build lays its photos out again (they are published because pages use them)
/// and is rendered anew if one of them came out otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaidOut {
    path: String,
    widths: Option<Vec<u32>>,
    info: [u8; 32],
}

thread_local! {
    /// The photos laid out by the pages this thread is rendering, the innermost last: while
    /// `image()` encodes a photo in parallel, rayon may run another page's render on the same
    /// thread, which must not take the first page's photos for its own.
    static LAID_OUT: RefCell<Vec<Vec<LaidOut>>> = const { RefCell::new(Vec::new()) };
}

/// What the template got for a photo: the renditions, sizes and colours of its [`ImageInfo`].
fn info_hash(info: &ImageInfo) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    // Only fails on a writer's error, and a hasher never fails.
    let _ = serde_json::to_writer(&mut hasher, info);
    *hasher.finalize().as_bytes()
}

impl Templates {
    /// Loads the theme's templates, then the site's own `templates/`, which override by name.
    pub fn load(
        root: &Path,
        theme: &str,
        i18n: Arc<I18n>,
        assets: Arc<BTreeMap<String, String>>,
        images: Arc<Images>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let theme_dir = root.join(THEMES_DIR).join(theme);
        if !theme_dir.is_dir() {
            return Err(vec![
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("theme `{theme}` not found in themes/"),
                )
                .hint("set theme = \"default\" in site.toml, or copy a theme folder into themes/"),
            ]);
        }
        let files = template_files(&[theme_dir.join(TEMPLATES_DIR), root.join(TEMPLATES_DIR)]);
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for (name, path) in &files {
            match std::fs::read_to_string(path) {
                Ok(text) => sources.push((name.clone(), crate::text::normalize(&text))),
                Err(e) => problems.push(Diagnostic::error(
                    display_path(root, path),
                    format!("cannot read: {e}"),
                )),
            }
        }
        let shown: BTreeMap<String, PathBuf> = files
            .iter()
            .map(|(n, p)| (n.clone(), display_path(root, p)))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        register(&mut tera, i18n.clone(), assets, images.clone());
        compile(&mut tera, &sources, &shown, &mut problems);
        if problems.is_empty() {
            Ok(Self {
                tera,
                files: shown,
                i18n,
                images,
            })
        } else {
            Err(problems)
        }
    }

    /// A UI string without arguments, for text the build puts into templates (menu entries).
    pub fn message(&self, lang: &str, key: &str) -> String {
        self.i18n
            .message(lang, key, &[])
            .unwrap_or_else(|_| key.to_string())
    }

    /// A day as readers of `lang` write it ("30 ნოემბერი, 2022"), for text the build makes.
    pub fn long_date(&self, lang: &str, date: crate::date::PageDate) -> String {
        self.i18n.format_date(lang, date, DateStyle::Long)
    }

    /// Whether a template of that name exists in the theme or the site.
    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Renders `name`; a failure names the template file and line, and the page being made.
    pub fn render(&self, name: &str, context: &Context, page: &str) -> Result<Vec<u8>, Diagnostic> {
        // As bytes: Tera writes UTF-8 from UTF-8 templates and values, and checking a whole page
        // again (as `Tera::render` does) was 6 % of a rebuild.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, context, &mut html)
            .map_err(|e| template_error(&self.files, &e, Some(page)))?;
        Ok(html)
    }

    /// Renders `name` as [`Templates::render`], with the photos it laid out with `image()`.
    pub fn render_page(
        &self,
        name: &str,
        context: &Context,
        page: &str,
    ) -> Result<(Vec<u8>, Vec<LaidOut>), Diagnostic> {
        LAID_OUT.with_borrow_mut(|pages| pages.push(Vec::new()));
        let html = self.render(name, context, page);
        let photos = LAID_OUT.with_borrow_mut(Vec::pop).unwrap_or_default();
        Ok((html?, photos))
    }

    /// Lays the photos of a page out again as its template did, without rendering it; false
    /// if one of them now comes out otherwise (or not at all).
    pub fn lay_out_again(&self, photos: &[LaidOut]) -> bool {
        photos.iter().all(|p| {
            self.images
                .get_with(&self.images.root().join(&p.path), p.widths.clone())
                .is_ok_and(|info| info_hash(&info) == p.info)
        })
    }
}

/// Template files by name (`page.html`, `partials/nav.html`); a later folder overrides an
/// earlier one, and hidden files are skipped.
fn template_files(dirs: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        for entry in WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.')
            {
                let name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = name.to_string_lossy().replace('\\', "/");
                files.insert(name, entry.path().to_path_buf());
            }
        }
    }
    files
}

/// Adds the templates to `tera`, unless an earlier step already failed; `shown` maps names to
/// the paths authors see.
fn compile(
    tera: &mut Tera,
    sources: &[(String, String)],
    shown: &BTreeMap<String, PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    // Check each template alone first, so every syntax error is reported, not only the first.
    for (name, text) in sources {
        let mut probe = Tera::new();
        if let Err(e) = probe.add_raw_template(name, text)
            && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
        {
            problems.push(template_error(shown, &e, None));
        }
    }
    if problems.is_empty()
        && let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        problems.push(template_error(shown, &e, None));
    }
}

/// Turns a Tera error into a problem pointing at the template file and line.
fn template_error(
    files: &BTreeMap<String, PathBuf>,
    e: &tera::Error,
    page: Option<&str>,
) -> Diagnostic {
    let (file, line, col, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = files
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            (
                file,
                Some(span.start_line),
                Some(span.start_col + 1),
                r.message().to_string(),
            )
        }
        other => {
            let name = match other {
                tera::ErrorKind::MissingParent { current, .. } => current.clone(),
                tera::ErrorKind::CircularExtend { tpl, .. }
                | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
                _ => String::new(),
            };
            let file = files
                .get(&name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from("themes"));
            (file, None, None, other.to_string())
        }
    };
    let mut message = format!("template: {message}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let mut d = Diagnostic::error(file, message);
    if let Some(line) = line {
        d = d.at(line, col);
    }
    let hint = match page {
        Some(p) => format!("happened while making {p}; check the variable and function names used there (README lists what templates get)"),
        None => "check the template syntax: {{ value }}, {% if %}…{% endif %}, {% for %}…{% endfor %}, {% block name %}…{% endblock name %}".into(),
    };
    d.hint(hint)
}

/// The language code of the page being rendered, from its `lang` variable.
fn current_lang(state: &State) -> tera::TeraResult<String> {
    let lang: Option<Value> = state.get("lang")?;
    lang.as_ref()
        .and_then(|v| v.get_from_path("code"))
        .and_then(|v| v.as_str().map(str::to_string))
        .ok_or_else(|| tera::Error::message("`lang.code` is not set for this page"))
}

/// Makes the theme functions and filters available to every template.
fn register(
    tera: &mut Tera,
    i18n: Arc<I18n>,
    assets: Arc<BTreeMap<String, String>>,
    images: Arc<Images>,
) {
    register_image(tera, images);
    register_t(tera, i18n.clone());
    register_plurals(tera, i18n.clone());
    register_date(tera, i18n);
    register_asset(tera, assets);
    register_case_filters(tera);
}

/// `image(path="content/stories/x/photo.jpg", widths=[320, 640], sizes="50vw", alt="…")`:
/// renditions of a photo for a theme's own layout; `.html` is a ready `<picture>`.
fn register_image(tera: &mut Tera, images: Arc<Images>) {
    tera.register_function(
        "image",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: String = kwargs.must_get("path")?;
            check_photo_path(&path)?;
            let widths: Option<Vec<u32>> = kwargs
                .get::<Vec<i64>>("widths")?
                .map(|ws| ws.into_iter().map(|w| w.clamp(16, 8192) as u32).collect());
            let sizes = kwargs
                .get::<String>("sizes")?
                .unwrap_or_else(|| images.sizes().to_string());
            let alt = kwargs.get::<String>("alt")?.unwrap_or_default();
            let eager = kwargs.get::<bool>("eager")?.unwrap_or(false);
            let info = images
                .get_with(&images.root().join(&path), widths.clone())
                .map_err(|p| {
                    tera::Error::message(format!("photo `{path}`: {}; {}", p.message, p.hint))
                })?;
            LAID_OUT.with_borrow_mut(|pages| {
                if let Some(photos) = pages.last_mut() {
                    photos.push(LaidOut {
                        info: info_hash(&info),
                        path,
                        widths,
                    });
                }
            });
            Ok(image_value(&info, &alt, &sizes, eager))
        },
    );
}

/// A theme may only name photos inside the site folder: a relative path without `..`.
fn check_photo_path(path: &str) -> tera::TeraResult<()> {
    if Path::new(path)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        Ok(())
    } else {
        Err(tera::Error::message(format!(
            "photo path `{path}` must be relative to the site folder, without `..`"
        )))
    }
}

/// What a template gets back from `image()`: the markup and the parts to build its own.
fn image_value(info: &ImageInfo, alt: &str, sizes: &str, eager: bool) -> Value {
    let mut m = tera::Map::new();
    m.insert(
        "html".into(),
        Value::safe_string(&info.picture(alt, sizes, eager, None)),
    );
    m.insert("src".into(), Value::from(info.largest().url.clone()));
    m.insert(
        "srcset".into(),
        Value::from(info.srcset(crate::images::Format::Jpeg)),
    );
    m.insert("width".into(), Value::from(info.width));
    m.insert("height".into(), Value::from(info.height));
    m.insert("colour".into(), Value::from(info.colour.clone()));
    m.insert("placeholder".into(), Value::from(info.placeholder.clone()));
    m.insert(
        "renditions".into(),
        Value::from_serializable(&info.renditions),
    );
    m.insert("share".into(), Value::from_serializable(&info.share));
    Value::from(m)
}

/// `t(key="read-more", count=3, title=page.title)`: a UI string in the page's language.
fn register_t(tera: &mut Tera, strings: Arc<I18n>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = match kwargs.get::<String>("lang")? {
                Some(l) => l,
                None => current_lang(state)?,
            };
            let args: Vec<(String, Arg)> = kwargs
                .iter()
                .map(|(name, value)| (name.to_string(), value))
                .filter(|(name, _)| name != "key" && name != "lang")
                .map(|(name, value)| (name, message_arg(value)))
                .collect();
            strings
                .message(&lang, &key, &args)
                .map_err(tera::Error::message)
        },
    );
}

/// `plurals(key="search-results")`: the UI string in every plural form of the page's language,
/// `{count}` where the number goes, for counts a script makes (it picks with
/// `Intl.PluralRules`, the same CLDR rules).
fn register_plurals(tera: &mut Tera, strings: Arc<I18n>) {
    tera.register_function(
        "plurals",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            let key: String = kwargs.must_get("key")?;
            let lang = current_lang(state)?;
            let forms = strings.plural_forms(&lang, &key);
            if forms.is_empty() {
                return Err(tera::Error::message(format!(
                    "there is no UI string `{key}` with plural forms in `{lang}`"
                )));
            }
            Ok(Value::from_serializable(&forms))
        },
    );
}

/// A template value as a UI string argument: numbers choose plural forms, the rest is text.
fn message_arg(value: &Value) -> Arg {
    match value.as_number() {
        Some(_) => Arg::Number(value.as_f64().unwrap_or_default()),
        None => Arg::Text(
            value
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| value.to_string()),
        ),
    }
}

/// `page.date | date(format="long")`: CLDR date in the page's language.
fn register_date(tera: &mut Tera, dates: Arc<I18n>) {
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let date = PageDate::parse(value).ok_or_else(|| {
                tera::Error::message(format!("`{value}` is not a date (YYYY-MM-DD)"))
            })?;
            let style = date_style(kwargs.get::<&str>("format")?.unwrap_or("long"))?;
            let lang = match kwargs.get::<String>("lang")? {
                Some(l) => l,
                None => current_lang(state)?,
            };
            Ok(dates.format_date(&lang, date, style))
        },
    );
}

/// The date length a template names with `format=`.
fn date_style(name: &str) -> tera::TeraResult<DateStyle> {
    match name {
        "long" => Ok(DateStyle::Long),
        "medium" => Ok(DateStyle::Medium),
        "short" => Ok(DateStyle::Short),
        other => Err(tera::Error::message(format!(
            "date format `{other}` is not one of long, medium, short"
        ))),
    }
}

/// `asset(path="style.css")`: the fingerprinted URL of a theme or site static file.
fn register_asset(tera: &mut Tera, assets: Arc<BTreeMap<String, String>>) {
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            assets
                .get(path.trim_start_matches('/'))
                .cloned()
                .ok_or_else(|| {
                    tera::Error::message(format!(
                        "there is no static file `{path}` in the theme's or site's static/ folder"
                    ))
                })
        },
    );
}

/// Case filters that never turn Georgian into Mtavruli capitals (shown as tofu on phones).
fn register_case_filters(tera: &mut Tera) {
    tera.register_filter("upper", |s: &str, _: Kwargs, _: &State| map_cased(s, true));
    tera.register_filter("capitalize", |s: &str, _: Kwargs, _: &State| {
        capitalize_first(s)
    });
    tera.register_filter("title", |s: &str, _: Kwargs, _: &State| title_case(s));
}

/// Every space-separated word capitalized, Georgian left as it is.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(capitalize_first)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_paths_stay_inside_the_site() {
        assert!(check_photo_path("content/stories/x/photo.jpg").is_ok());
        for bad in [
            "../photo.jpg",
            "content/../../x.jpg",
            "/etc/photo.jpg",
            "./photo.jpg",
        ] {
            let e = check_photo_path(bad).unwrap_err();
            assert!(e.to_string().contains(bad), "{e}");
        }
    }

    #[test]
    fn numbers_choose_plurals_and_everything_else_is_text() {
        assert!(matches!(message_arg(&Value::from(3)), Arg::Number(n) if n == 3.0));
        assert!(matches!(message_arg(&Value::from(2.5)), Arg::Number(n) if n == 2.5));
        assert!(matches!(message_arg(&Value::from("მე")), Arg::Text(t) if t == "მე"));
        assert!(matches!(message_arg(&Value::from(true)), Arg::Text(t) if t == "true"));
    }

    #[test]
    fn date_formats_are_named() {
        assert_eq!(date_style("long").unwrap(), DateStyle::Long);
        assert_eq!(date_style("medium").unwrap(), DateStyle::Medium);
        assert_eq!(date_style("short").unwrap(), DateStyle::Short);
        let e = date_style("full").unwrap_err().to_string();
        assert!(
            e.contains("`full`") && e.contains("long, medium, short"),
            "{e}"
        );
    }

    #[test]
    fn title_case_leaves_georgian_alone() {
        assert_eq!(title_case("our stories"), "Our Stories");
        assert_eq!(title_case("ჩვენი ისტორიები"), "ჩვენი ისტორიები");
        assert_eq!(title_case("մեր պատմությունները"), "Մեր Պատմությունները");
        assert_eq!(title_case("two  spaces"), "Two  Spaces");
    }
}
