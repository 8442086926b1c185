//! Photo exhibits: each `photos/<journey>/journey.toml` tells a sequence of photos with their
//! texts in every language, who consented to being shown and what must be hidden. Only photos
//! with consent are published; everything else in the folder stays private.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::SiteConfig;
use crate::date::PageDate;
use crate::diagnostics::{Diagnostic, did_you_mean, display_path, line_col};
use crate::images::{RedactStyle, Redaction, is_image_path};

/// Folder of the journeys, relative to the site root.
pub const PHOTOS_DIR: &str = "photos";
/// The file that describes a journey.
pub const JOURNEY_FILE: &str = "journey.toml";
/// Folder of the exhibit pages under each language (`/en/exhibit/`).
pub const EXHIBIT_KEY: &str = "exhibit";
/// The print page of a journey (`/en/exhibit/<journey>/labels/`); no photo may use it as its id.
pub const LABELS_KEY: &str = "labels";

/// Keys a journey file may have, for "did you mean" hints.
const JOURNEY_KEYS: &[&str] = &["weight", "date", "cover", "title", "intro", "photo"];
/// Keys a redaction rectangle may have.
const REGION_KEYS: &[&str] = &["x", "y", "width", "height", "style"];
/// Keys a `[[photo]]` may have.
const PHOTO_KEYS: &[&str] = &[
    "file",
    "id",
    "consent",
    "place_precision",
    "date",
    "credit",
    "licence",
    "licence_url",
    "caption",
    "alt",
    "country",
    "city",
    "redact",
];

/// Text in several languages, by language code.
pub type Texts = BTreeMap<String, String>;

/// Whether the person shown agreed to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// The people shown agreed.
    Given,
    /// They took their agreement back: nothing of the photo may remain published.
    Withdrawn,
    /// Nobody recognisable is shown.
    NotNeeded,
}

/// How precisely a photo's place may be named in public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlacePrecision {
    /// Not at all (the default: the safest).
    #[default]
    None,
    /// The country only.
    Country,
    /// City and country.
    City,
}

/// A photo that may be published, with its texts.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Address of the photo's page within the journey (never derived from the file name).
    pub id: String,
    /// The original file (never published itself).
    pub file: PathBuf,
    /// Line of its `file` key in the journey file, for messages.
    pub line: usize,
    /// How much of the place may be shown.
    pub place_precision: PlacePrecision,
    /// When it was taken.
    pub date: Option<PageDate>,
    /// Who to credit.
    pub credit: Texts,
    /// Licence name, e.g. "CC BY 4.0".
    pub licence: Option<String>,
    /// Where the licence can be read.
    pub licence_url: Option<String>,
    /// What the photo tells.
    pub caption: Texts,
    /// What the photo shows, for people who cannot see it.
    pub alt: Texts,
    /// Country names.
    pub country: Texts,
    /// City names.
    pub city: Texts,
    /// Regions hidden in everything published.
    pub redact: Vec<Redaction>,
}

/// A photo left out of the exhibit, and why (for the build's messages and the cache purge).
#[derive(Debug, Clone)]
pub struct Withheld {
    /// The original file.
    pub file: PathBuf,
    /// Why it is not published.
    pub reason: String,
}

/// One journey, ready to publish.
#[derive(Debug, Clone)]
pub struct Journey {
    /// Folder name, used in addresses.
    pub slug: String,
    /// The journey file as shown in messages (relative to the site).
    pub file: PathBuf,
    /// Order in the exhibit index, lower first.
    pub weight: i64,
    /// When it was published.
    pub date: Option<PageDate>,
    /// Index into `photos` of the cover.
    pub cover: usize,
    /// Title per language.
    pub title: Texts,
    /// Introduction (Markdown) per language.
    pub intro: Texts,
    /// Published photos, in order.
    pub photos: Vec<Photo>,
}

impl Journey {
    /// Whether the journey is translated into `lang` (has its own title there).
    pub fn translated(&self, lang: &str) -> bool {
        self.title.get(lang).is_some_and(|t| !t.trim().is_empty())
    }
}

/// A text in the reader's language, or in another one (then `lang` says which).
pub fn pick<'a>(texts: &'a Texts, lang: &str, fallbacks: &[String]) -> Option<(&'a str, &'a str)> {
    std::iter::once(lang)
        .chain(fallbacks.iter().map(String::as_str))
        .find_map(|l| {
            texts
                .get_key_value(l)
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(k, t)| (t.as_str(), k.as_str()))
        })
}

/// The journey's own keys; its photos are read one by one (see [`read_raw`]).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawJourney {
    weight: Option<i64>,
    date: Option<Spanned<toml::value::Datetime>>,
    cover: Option<Spanned<String>>,
    title: Option<Spanned<Texts>>,
    intro: Option<Spanned<Texts>>,
}

/// A `[[photo]]` as read, or why not: `Err(Some(file))` when only its file name is known.
type RawPhotoResult = Result<Spanned<RawPhoto>, Option<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    file: Spanned<String>,
    id: Option<Spanned<String>>,
    consent: Option<Spanned<String>>,
    place_precision: Option<Spanned<String>>,
    date: Option<Spanned<toml::value::Datetime>>,
    credit: Option<Spanned<Localized>>,
    licence: Option<String>,
    licence_url: Option<Spanned<String>>,
    #[serde(default)]
    caption: Texts,
    #[serde(default)]
    alt: Texts,
    #[serde(default)]
    country: Texts,
    #[serde(default)]
    city: Texts,
    #[serde(default)]
    redact: Vec<Spanned<RawRegion>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Localized {
    One(String),
    Many(Texts),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
    style: Option<String>,
}

/// Everything under `photos/`: the journeys to publish and the photos that must not be.
#[derive(Debug, Default)]
pub struct Exhibit {
    /// Journeys with at least one publishable photo, in exhibit order.
    pub journeys: Vec<Journey>,
    /// Photos without consent, in every journey (also those that failed to load otherwise).
    pub withheld: Vec<Withheld>,
}

/// Reads every journey under `photos/`; problems of all journeys are returned together.
pub fn load(root: &Path, config: &SiteConfig) -> (Exhibit, Vec<Diagnostic>) {
    let dir = root.join(PHOTOS_DIR);
    let mut exhibit = Exhibit::default();
    let mut problems = Vec::new();
    let Ok(read) = std::fs::read_dir(&dir) else {
        return (exhibit, problems);
    };
    let mut folders: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    folders.sort();
    for folder in folders {
        let file = folder.join(JOURNEY_FILE);
        let shown = display_path(root, &file);
        if !file.is_file() {
            if !image_files(&folder).is_empty() {
                let slug = folder
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::warning(
                        display_path(root, &folder),
                        "these photos are not published: the folder has no journey.toml",
                    )
                    .hint(format!(
                        "run `passage new journey {slug}` to describe them, or move them out of photos/"
                    )),
                );
            }
            continue;
        }
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                problems.push(
                    Diagnostic::error(&shown, format!("cannot read the journey file: {e}"))
                        .hint("save it as UTF-8 text"),
                );
                continue;
            }
        };
        let slug = folder
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let (journey, withheld) = parse(&slug, &folder, &shown, &text, config, &mut problems);
        exhibit.withheld.extend(withheld);
        exhibit
            .journeys
            .extend(journey.filter(|j| !j.photos.is_empty()));
    }
    exhibit.journeys.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then(b.date.cmp(&a.date))
            .then(a.slug.cmp(&b.slug))
    });
    (exhibit, problems)
}

/// Photo files directly in a folder, sorted.
fn image_files(folder: &Path) -> Vec<String> {
    files_in(folder, is_image_path)
}

/// Names of the files directly in a folder that `keep` accepts, hidden ones left out, sorted.
pub(crate) fn files_in(folder: &Path, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && keep(n))
        .collect();
    names.sort();
    names
}

/// Whether `s` is usable in an address: lowercase ASCII letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn date_of(d: &toml::value::Datetime) -> Option<PageDate> {
    // A date-time is accepted too; only its day is shown.
    let date = d.date?;
    PageDate::parse(&format!(
        "{:04}-{:02}-{:02}",
        date.year, date.month, date.day
    ))
}

/// Parses and checks one journey file: the journey (`None` when it has errors) and the photos
/// that must not be published, known even when the rest of the file is wrong.
fn parse(
    slug: &str,
    folder: &Path,
    shown: &Path,
    text: &str,
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Journey>, Vec<Withheld>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |span: Range<usize>| line_col(text, span.start);
    let error = |message: String, span: Option<Range<usize>>| {
        let d = Diagnostic::error(shown, message);
        match span {
            Some(s) => {
                let (l, c) = at(s);
                d.at(l, Some(c))
            }
            None => d,
        }
    };
    let warning = |message: String, span: Option<Range<usize>>| {
        let d = Diagnostic::warning(shown, message);
        match span {
            Some(s) => {
                let (l, c) = at(s);
                d.at(l, Some(c))
            }
            None => d,
        }
    };
    let Some((raw, raw_photos)) = read_raw(text, problems, &error) else {
        return (None, Vec::new());
    };
    let before = problems.iter().filter(|d| d.is_error()).count();
    if !is_slug(slug) {
        problems.push(
            error(
                format!("the journey folder `{slug}` cannot be used in an address"),
                None,
            )
            .hint(format!(
                "rename the folder to lowercase letters, digits and hyphens, e.g. `{}`",
                crate::slug::slugify(slug)
            )),
        );
    }
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let default = config.default_language().code.clone();
    // Texts in a language the site does not have are probably a typo (`caption.kа`).
    let unknown_languages =
        |texts: &Texts, what: &str, span: Option<Range<usize>>, out: &mut Vec<Diagnostic>| {
            for code in texts.keys() {
                if !codes.contains(code) {
                    out.push(
                        warning(
                            format!("{what}.{code}: `{code}` is not a language of this site"),
                            span.clone(),
                        )
                        .hint(format!("use one of {}", codes.join(", "))),
                    );
                }
            }
        };
    // Every language should have the text; the default language must.
    let require = |texts: &Texts,
                   what: &str,
                   photo: &str,
                   span: Option<Range<usize>>,
                   out: &mut Vec<Diagnostic>| {
        for code in &codes {
            if texts.get(code).is_some_and(|t| !t.trim().is_empty()) {
                continue;
            }
            let key = format!("{what}.{code}");
            if *code == default {
                out.push(
                    error(format!("{photo} has no {key}"), span.clone())
                        .hint(format!("add {key} = \"…\"")),
                );
            } else if texts.get(&default).is_some_and(|t| !t.trim().is_empty()) {
                out.push(
                    warning(
                        format!("{photo} has no {key}; readers in `{code}` see the {default} text"),
                        span.clone(),
                    )
                    .hint(format!("add {key} = \"…\" under {what}.{default}")),
                );
            }
        }
    };

    let title = raw
        .title
        .as_ref()
        .map(|t| t.get_ref().clone())
        .unwrap_or_default();
    let title_span = raw.title.as_ref().map(|t| t.span());
    if let Some(t) = &raw.title {
        unknown_languages(t.get_ref(), "title", Some(t.span()), problems);
    }
    require(&title, "title", "the journey", title_span.clone(), problems);
    let intro = raw
        .intro
        .as_ref()
        .map(|t| t.get_ref().clone())
        .unwrap_or_default();
    if let Some(t) = &raw.intro {
        unknown_languages(t.get_ref(), "intro", Some(t.span()), problems);
    }
    let date = match &raw.date {
        Some(d) => match date_of(d.get_ref()) {
            Some(d) => Some(d),
            None => {
                problems.push(
                    error(format!("`{}` is not a date", d.get_ref()), Some(d.span()))
                        .hint("write it as date = 2024-05-31"),
                );
                None
            }
        },
        None => None,
    };

    let mut photos = Vec::new();
    let mut withheld = Vec::new();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (n, spanned) in raw_photos.iter().enumerate() {
        let p = match spanned {
            Ok(p) => p.get_ref(),
            Err(Some(name)) => {
                // Reported already; known by name so it is not called "not listed" too.
                listed.insert(name.clone());
                continue;
            }
            Err(None) => continue,
        };
        let name = p.file.get_ref().trim().to_string();
        let file_span = Some(p.file.span());
        let (line, _) = at(p.file.span());
        let label = format!("photo {} (`{name}`)", n + 1);
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            problems.push(
                error(
                    format!("{label}: `file` must name a photo in this folder"),
                    file_span.clone(),
                )
                .hint("write only the file name, e.g. file = \"harbour.jpg\""),
            );
            continue;
        }
        if !listed.insert(name.clone()) {
            problems.push(
                error(format!("`{name}` is listed twice"), file_span.clone())
                    .hint("keep one [[photo]] per photo"),
            );
            continue;
        }
        let path = folder.join(&name);
        let consent = match &p.consent {
            None => None,
            Some(c) => match c.get_ref().trim() {
                "given" => Some(Consent::Given),
                "withdrawn" => Some(Consent::Withdrawn),
                "not-needed" => Some(Consent::NotNeeded),
                other => {
                    problems.push(
                        error(format!("{label} has an unknown consent `{other}`"), Some(c.span()))
                            .hint("write consent = \"given\", \"withdrawn\" or \"not-needed\" (nobody recognisable in the photo)"),
                    );
                    continue;
                }
            },
        };
        match consent {
            Some(Consent::Given | Consent::NotNeeded) => {}
            Some(Consent::Withdrawn) | None => {
                let reason = if consent.is_none() {
                    "no consent is recorded"
                } else {
                    "consent was withdrawn"
                };
                problems.push(
                    warning(format!("{label} is not published: {reason}"), file_span.clone()).hint(
                        if consent.is_none() {
                            "once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)"
                        } else {
                            "nothing of it is published and its cached sizes were deleted; remove the [[photo]] when you no longer need the record"
                        },
                    ),
                );
                withheld.push(Withheld {
                    file: path,
                    reason: reason.into(),
                });
                continue;
            }
        }
        if !path.is_file() {
            problems.push(
                error(
                    format!("{label} is listed but `{name}` is not in the folder"),
                    file_span.clone(),
                )
                .hint("check the spelling and the extension (.jpg, .jpeg, .png…), or add the file"),
            );
            continue;
        }
        if !is_image_path(&name) {
            problems.push(
                error(format!("{label} is not a photo file"), file_span.clone())
                    .hint("use a JPEG, PNG or WebP file"),
            );
            continue;
        }
        let id = match &p.id {
            Some(id) => {
                let v = id.get_ref().trim().to_string();
                if !is_slug(&v) || v == LABELS_KEY {
                    problems.push(
                        error(
                            format!("{label}: the id `{v}` cannot be used in an address"),
                            Some(id.span()),
                        )
                        .hint(if v == LABELS_KEY {
                            "`labels` is the journey's print page; choose another id".to_string()
                        } else {
                            format!(
                                "use lowercase letters, digits and hyphens, e.g. `{}`",
                                crate::slug::slugify(&v)
                            )
                        }),
                    );
                    continue;
                }
                v
            }
            None => (n + 1).to_string(),
        };
        if let Some(other) = ids.insert(id.clone(), n) {
            problems.push(
                error(
                    format!("{label} has the same id `{id}` as photo {}", other + 1),
                    file_span.clone(),
                )
                .hint("give every photo its own id"),
            );
            continue;
        }
        let place_precision = match &p.place_precision {
            None => PlacePrecision::None,
            Some(v) => match v.get_ref().trim() {
                "none" => PlacePrecision::None,
                "country" => PlacePrecision::Country,
                "city" => PlacePrecision::City,
                other => {
                    problems.push(
                        error(
                            format!("{label} has an unknown place_precision `{other}`"),
                            Some(v.span()),
                        )
                        .hint("write place_precision = \"none\", \"country\" or \"city\""),
                    );
                    continue;
                }
            },
        };
        for (texts, what) in [
            (&p.caption, "caption"),
            (&p.alt, "alt"),
            (&p.country, "country"),
            (&p.city, "city"),
        ] {
            unknown_languages(texts, what, file_span.clone(), problems);
        }
        require(&p.caption, "caption", &label, file_span.clone(), problems);
        require(&p.alt, "alt", &label, file_span.clone(), problems);
        if place_precision != PlacePrecision::None {
            require(&p.country, "country", &label, file_span.clone(), problems);
        }
        if place_precision == PlacePrecision::City {
            require(&p.city, "city", &label, file_span.clone(), problems);
        }
        let credit = match &p.credit {
            Some(c) => match c.get_ref() {
                Localized::One(s) => codes.iter().map(|l| (l.clone(), s.clone())).collect(),
                Localized::Many(m) => {
                    unknown_languages(m, "credit", Some(c.span()), problems);
                    m.clone()
                }
            },
            None => Texts::new(),
        };
        if credit.values().all(|c| c.trim().is_empty()) {
            problems.push(
                warning(format!("{label} has no credit"), file_span.clone()).hint(
                    "add credit = \"name of the photographer\" as the licence or agreement asks",
                ),
            );
        }
        if let Some(u) = &p.licence_url
            && !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://"))
        {
            problems.push(
                error(
                    format!("{label}: licence_url is not a web address"),
                    Some(u.span()),
                )
                .hint("e.g. licence_url = \"https://creativecommons.org/licenses/by/4.0/\""),
            );
        }
        let date = match &p.date {
            Some(d) => match date_of(d.get_ref()) {
                Some(d) => Some(d),
                None => {
                    problems.push(
                        error(
                            format!("{label}: `{}` is not a date", d.get_ref()),
                            Some(d.span()),
                        )
                        .hint("write it as date = 2024-05-31"),
                    );
                    None
                }
            },
            None => None,
        };
        let mut redact = Vec::new();
        for r in &p.redact {
            let raw = r.get_ref();
            let style = match raw.style.as_deref().map(str::trim) {
                None | Some("fill") => RedactStyle::Fill,
                Some("pixelate") => RedactStyle::Pixelate,
                Some(other) => {
                    problems.push(
                        error(format!("{label}: unknown redaction style `{other}`"), Some(r.span()))
                            .hint("write style = \"fill\" (solid) or \"pixelate\" (coarse blocks); blur is not offered because it can be undone"),
                    );
                    continue;
                }
            };
            let region = Redaction {
                x: raw.x,
                y: raw.y,
                width: raw.width,
                height: raw.height,
                style,
            };
            if raw.width == 0 || raw.height == 0 {
                problems.push(
                    error(format!("{label}: a redaction has no area"), Some(r.span()))
                        .hint("give width and height in pixels, e.g. { x = 10, y = 20, width = 80, height = 60 }"),
                );
                continue;
            }
            if let Ok((w, h)) = imagesize_of(&path)
                && let Err(e) = region.check(w, h)
            {
                problems
                    .push(error(format!("{label}: {}", e.message), Some(r.span())).hint(e.hint));
                continue;
            }
            redact.push(region);
        }
        photos.push(Photo {
            id,
            file: path,
            line,
            place_precision,
            date,
            credit,
            licence: p.licence.clone().filter(|l| !l.trim().is_empty()),
            licence_url: p.licence_url.as_ref().map(|u| u.get_ref().clone()),
            caption: p.caption.clone(),
            alt: p.alt.clone(),
            country: p.country.clone(),
            city: p.city.clone(),
            redact,
        });
    }
    // Nothing is published that the curator did not list.
    for name in image_files(folder) {
        if !listed.contains(&name) {
            problems.push(
                warning(format!("`{name}` is in the folder but not listed, so it is not published"), None)
                    .hint(format!("add a [[photo]] with file = \"{name}\" to publish it, or move it out of the folder")),
            );
        }
    }
    let cover = match &raw.cover {
        Some(c) => match photos.iter().position(|p| {
            p.file
                .file_name()
                .is_some_and(|n| n == c.get_ref().as_str())
        }) {
            Some(i) => i,
            None => {
                let withheld_cover = withheld.iter().any(|w| {
                    w.file
                        .file_name()
                        .is_some_and(|n| n == c.get_ref().as_str())
                });
                let d = if withheld_cover {
                    warning(
                        format!(
                            "the cover `{}` is not published; the first photo is shown instead",
                            c.get_ref()
                        ),
                        Some(c.span()),
                    )
                    .hint("choose another cover")
                } else {
                    error(
                        format!(
                            "the cover `{}` is not one of the journey's photos",
                            c.get_ref()
                        ),
                        Some(c.span()),
                    )
                    .hint("write the file name of a listed photo, e.g. cover = \"harbour.jpg\"")
                };
                problems.push(d);
                0
            }
        },
        None => 0,
    };
    if raw_photos.is_empty() {
        problems.push(
            warning("the journey has no photos yet".into(), None)
                .hint("add one [[photo]] per photo, in the order they are told"),
        );
    }
    if problems.iter().filter(|d| d.is_error()).count() > before {
        return (None, withheld);
    }
    let journey = Journey {
        slug: slug.to_string(),
        file: shown.to_path_buf(),
        weight: raw.weight.unwrap_or(0),
        date,
        cover,
        title,
        intro,
        photos,
    };
    (Some(journey), withheld)
}

/// Reads a journey file so that every mistake in it is found in one build: all syntax errors,
/// every unknown key (with a "did you mean"), and a wrong value in one photo without losing
/// the others. `None` when the TOML cannot be read at all.
fn read_raw(
    text: &str,
    problems: &mut Vec<Diagnostic>,
    error: &dyn Fn(String, Option<Range<usize>>) -> Diagnostic,
) -> Option<(RawJourney, Vec<RawPhotoResult>)> {
    use toml::de::{DeTable, DeValue, ValueDeserializer};
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for e in syntax {
            problems.push(
                error(format!("journey file: {}", e.message().trim()), e.span())
                    .hint("check the TOML syntax: text in \"quotes\", caption.en = \"…\", one [[photo]] per photo (see the exhibit section of README.md)"),
            );
        }
        return None;
    }
    let span = doc.span();
    let mut doc = doc.into_inner();
    let unknown = |table: &mut DeTable, allowed: &[&str], what: &str, out: &mut Vec<Diagnostic>| {
        let strays: Vec<(String, Range<usize>)> = table
            .iter()
            .filter(|(key, _)| !allowed.contains(&key.get_ref().as_ref()))
            .map(|(key, _)| (key.get_ref().to_string(), key.span()))
            .collect();
        for (name, span) in strays {
            table.remove(name.as_str());
            let d = error(format!("{what}unknown key `{name}`"), Some(span));
            out.push(match did_you_mean(&name, allowed) {
                Some(s) => d.hint(format!(
                    "did you mean `{s}`? Allowed: {}",
                    allowed.join(", ")
                )),
                None => d.hint(format!("remove it; allowed: {}", allowed.join(", "))),
            });
        }
    };
    let photos = doc.remove("photo");
    unknown(&mut doc, JOURNEY_KEYS, "", problems);
    let report = |e: toml::de::Error, what: &str, out: &mut Vec<Diagnostic>| {
        out.push(
            error(format!("{what}{}", e.message().trim()), e.span())
                .hint("write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\""),
        );
    };
    let raw = RawJourney::deserialize(ValueDeserializer::from(toml::Spanned::new(
        span,
        DeValue::Table(doc),
    )))
    .unwrap_or_else(|e| {
        report(e, "", problems);
        RawJourney::default()
    });
    let items: Vec<toml::Spanned<DeValue>> = match photos {
        None => Vec::new(),
        Some(v) => {
            let at = v.span();
            match v.into_inner() {
                DeValue::Array(a) => a.iter().cloned().collect(),
                _ => {
                    problems.push(
                        error(
                            "`photo` must be a list of [[photo]] tables".into(),
                            Some(at),
                        )
                        .hint("start each photo with a line [[photo]]"),
                    );
                    Vec::new()
                }
            }
        }
    };
    let mut raw_photos = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let at = item.span();
        let what = format!("photo {}: ", n + 1);
        let DeValue::Table(mut table) = item.into_inner() else {
            problems.push(
                error(format!("{what}is not a table"), Some(at))
                    .hint("start each photo with a line [[photo]]"),
            );
            raw_photos.push(Err(None));
            continue;
        };
        unknown(&mut table, PHOTO_KEYS, &what, problems);
        if let Some(DeValue::Array(regions)) = table.get_mut("redact").map(|v| v.get_mut()) {
            for region in regions.iter_mut() {
                if let DeValue::Table(t) = region.get_mut() {
                    unknown(t, REGION_KEYS, &format!("{what}redaction: "), problems);
                }
            }
        }
        let file = match table.get("file").map(|v| v.get_ref()) {
            Some(DeValue::String(s)) => Some(s.to_string()),
            _ => None,
        };
        let value = toml::Spanned::new(at, DeValue::Table(table));
        raw_photos.push(
            toml::Spanned::<RawPhoto>::deserialize(ValueDeserializer::from(value)).map_err(|e| {
                report(e, &what, problems);
                file
            }),
        );
    }
    Some((raw, raw_photos))
}

/// Width and height of a photo as shown (EXIF rotation applied), from its header.
fn imagesize_of(path: &Path) -> Result<(u32, u32), ()> {
    let bytes = std::fs::read(path).map_err(|_| ())?;
    crate::images::process::dimensions(&bytes).ok_or(())
}

/// A QR code of `url` as inline SVG, black on white with the quiet zone scanners need.
pub fn qr_svg(url: &str) -> String {
    let code = match qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) {
        Ok(c) => c,
        // Only a URL of several kilobytes is too long for a QR code.
        Err(_) => return String::new(),
    };
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    svg.split_once("?>")
        .map_or(svg.as_str(), |(_, rest)| rest)
        .replacen(
            " version=\"1.1\"",
            " class=\"qr\" aria-hidden=\"true\" focusable=\"false\"",
            1,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = r#"
base_url = "https://example.org"
[[languages]]
code = "en"
name = "English"
title = "Site"
[[languages]]
code = "ka"
name = "ქართული"
title = "საიტი"
"#;

    /// Texts for one photo in both languages, ready to publish.
    const TEXTS: &str = r#"consent = "given"
credit = "Ana"
caption.en = "Sea"
caption.ka = "ზღვა"
alt.en = "Waves"
alt.ka = "ტალღები"
"#;

    /// A site root with `photos/<slug>/journey.toml` and 40×30 JPEGs of the given names.
    fn folder(slug: &str, text: &str, photos: &[&str]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(PHOTOS_DIR).join(slug);
        std::fs::create_dir_all(&dir).unwrap();
        for name in photos {
            image::RgbImage::new(40, 30)
                .save_with_format(dir.join(name), image::ImageFormat::Jpeg)
                .unwrap();
        }
        std::fs::write(dir.join(JOURNEY_FILE), text).unwrap();
        root
    }

    fn load_one(slug: &str, text: &str, photos: &[&str]) -> (Exhibit, Vec<String>) {
        let root = folder(slug, text, photos);
        let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
        let (exhibit, problems) = load(root.path(), &config);
        (exhibit, problems.iter().map(ToString::to_string).collect())
    }

    fn journey(text: &str, photos: &[&str]) -> (Exhibit, Vec<String>) {
        load_one("trip", text, photos)
    }

    const HEAD: &str = "title.en = \"Trip\"\ntitle.ka = \"მოგზაურობა\"\n";

    #[test]
    fn a_good_journey_is_read_whole() {
        let text = format!(
            r#"weight = 3
date = 2024-05-31T10:00:00
cover = "b.jpg"
{HEAD}
[intro]
en = "By *sea*."
ka = "ზღვით."

[[photo]]
file = "a.jpg"
{TEXTS}
[[photo]]
file = "b.jpg"
id = "harbour"
consent = "not-needed"
place_precision = "city"
date = 2023-04-02
credit.en = "Studio"
credit.ka = "სტუდია"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
caption.en = "Harbour"
caption.ka = "ნავსადგური"
alt.en = "Boats"
alt.ka = "ნავები"
country.en = "Georgia"
country.ka = "საქართველო"
city.en = "Poti"
city.ka = "ფოთი"
redact = [{{ x = 1, y = 2, width = 10, height = 5, style = "pixelate" }}]
"#
        );
        let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg"]);
        assert_eq!(problems, Vec::<String>::new());
        assert!(exhibit.withheld.is_empty());
        let [j] = exhibit.journeys.as_slice() else {
            panic!("one journey expected: {:?}", exhibit.journeys);
        };
        assert_eq!(j.slug, "trip");
        assert_eq!(j.file, Path::new("photos/trip/journey.toml"));
        assert_eq!((j.weight, j.cover), (3, 1));
        assert_eq!(j.date.map(|d| d.iso()).as_deref(), Some("2024-05-31"));
        assert_eq!(j.title["ka"], "მოგზაურობა");
        assert_eq!(j.intro["en"], "By *sea*.");
        assert!(j.translated("ka") && !j.translated("hy"));
        let ids: Vec<&str> = j.photos.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["1", "harbour"]);
        let (a, b) = (&j.photos[0], &j.photos[1]);
        assert_eq!(a.place_precision, PlacePrecision::None);
        assert_eq!(a.line, 12);
        // One credit stands for every language.
        assert_eq!(a.credit["en"], "Ana");
        assert_eq!(a.credit["ka"], "Ana");
        assert!(a.file.ends_with("photos/trip/a.jpg"));
        assert_eq!(b.place_precision, PlacePrecision::City);
        assert_eq!(b.date.map(|d| d.iso()).as_deref(), Some("2023-04-02"));
        assert_eq!(b.licence.as_deref(), Some("CC BY 4.0"));
        assert_eq!(b.city["ka"], "ფოთი");
        assert_eq!(
            b.redact,
            [Redaction {
                x: 1,
                y: 2,
                width: 10,
                height: 5,
                style: RedactStyle::Pixelate
            }]
        );
    }

    #[test]
    fn photos_without_consent_are_withheld_and_the_rest_published() {
        let text = format!(
            "{HEAD}cover = \"b.jpg\"\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}\n\
             [[photo]]\nfile = \"b.jpg\"\ncaption.en = \"x\"\nalt.en = \"x\"\n\n\
             [[photo]]\nfile = \"c.jpg\"\nconsent = \"withdrawn\"\n"
        );
        let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg", "c.jpg"]);
        let reasons: Vec<(String, &str)> = exhibit
            .withheld
            .iter()
            .map(|w| {
                let name = w.file.file_name().unwrap().to_string_lossy().to_string();
                (name, w.reason.as_str())
            })
            .collect();
        assert_eq!(
            reasons,
            [
                ("b.jpg".to_string(), "no consent is recorded"),
                ("c.jpg".to_string(), "consent was withdrawn")
            ]
        );
        assert_eq!(exhibit.journeys.len(), 1);
        let j = &exhibit.journeys[0];
        assert_eq!(j.photos.len(), 1);
        assert_eq!(j.cover, 0, "a withheld cover gives way to the first photo");
        assert_eq!(
            problems,
            [
                "warning: photos/trip/journey.toml:15:8: photo 2 (`b.jpg`) is not published: no consent is recorded\n  hint: once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)",
                "warning: photos/trip/journey.toml:20:8: photo 3 (`c.jpg`) is not published: consent was withdrawn\n  hint: nothing of it is published and its cached sizes were deleted; remove the [[photo]] when you no longer need the record",
                "warning: photos/trip/journey.toml:3:9: the cover `b.jpg` is not published; the first photo is shown instead\n  hint: choose another cover",
            ]
        );
    }

    #[test]
    fn withheld_photos_are_known_even_when_the_journey_has_errors() {
        let text = format!(
            "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n\n[[photo]]\nfile = \"b.jpg\"\n{TEXTS}colour = 1\n"
        );
        let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg"]);
        // The stray key is reported (the build fails) but does not hide the photo's checks.
        let [j] = exhibit.journeys.as_slice() else {
            panic!("one journey expected: {:?}", exhibit.journeys);
        };
        assert_eq!(j.photos.len(), 1);
        assert!(j.photos[0].file.ends_with("b.jpg"));
        assert_eq!(exhibit.withheld.len(), 1);
        assert!(exhibit.withheld[0].file.ends_with("a.jpg"));
        assert_eq!(
            problems[0],
            "error: photos/trip/journey.toml:15:1: photo 2: unknown key `colour`\n  hint: remove it; allowed: file, id, consent, place_precision, date, credit, licence, licence_url, caption, alt, country, city, redact"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_their_place_and_the_closest_key() {
        let text = format!(
            "{HEAD}wieght = 2\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precison = \"city\"\n\
             redact = [{{ x = 1, y = 1, width = 2, hieght = 2 }}]\n"
        );
        let (exhibit, problems) = journey(&text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(
            problems,
            [
                "error: photos/trip/journey.toml:3:1: unknown key `wieght`\n  hint: did you mean `weight`? Allowed: weight, date, cover, title, intro, photo",
                "error: photos/trip/journey.toml:13:1: photo 1: unknown key `place_precison`\n  hint: did you mean `place_precision`? Allowed: file, id, consent, place_precision, date, credit, licence, licence_url, caption, alt, country, city, redact",
                "error: photos/trip/journey.toml:14:38: photo 1: redaction: unknown key `hieght`\n  hint: did you mean `height`? Allowed: x, y, width, height, style",
                "error: photos/trip/journey.toml:14:11: photo 1: missing field `height`\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
            ]
        );
    }

    #[test]
    fn a_syntax_error_stops_the_journey_with_its_line() {
        let (exhibit, problems) = journey(
            "title.en = \"Trip\"\n[[photo]]\nfile = \"a.jpg\ncaption.en = \"x\"\n",
            &["a.jpg"],
        );
        assert!(exhibit.journeys.is_empty() && exhibit.withheld.is_empty());
        assert!(!problems.is_empty());
        assert!(
            problems
                .iter()
                .all(|p| p.starts_with("error: photos/trip/journey.toml:3:")),
            "{problems:#?}"
        );
        assert!(problems[0].contains("hint: check the TOML syntax"));
    }

    #[test]
    fn a_listed_photo_must_be_in_the_folder() {
        let text = format!("{HEAD}\n[[photo]]\nfile = \"gone.jpg\"\n{TEXTS}");
        let (exhibit, problems) = journey(&text, &[]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(
            problems,
            [
                "error: photos/trip/journey.toml:5:8: photo 1 (`gone.jpg`) is listed but `gone.jpg` is not in the folder\n  hint: check the spelling and the extension (.jpg, .jpeg, .png…), or add the file"
            ]
        );
    }

    #[test]
    fn place_precision_takes_one_of_three_words() {
        let text =
            format!("{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precision = \"town\"\n");
        let (exhibit, problems) = journey(&text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(
            problems,
            [
                "error: photos/trip/journey.toml:12:19: photo 1 (`a.jpg`) has an unknown place_precision `town`\n  hint: write place_precision = \"none\", \"country\" or \"city\""
            ]
        );
    }

    #[test]
    fn a_shown_place_needs_its_names() {
        let text = format!(
            "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precision = \"city\"\ncountry.en = \"Georgia\"\n"
        );
        let (_, problems) = journey(&text, &["a.jpg"]);
        assert_eq!(
            problems,
            [
                "warning: photos/trip/journey.toml:5:8: photo 1 (`a.jpg`) has no country.ka; readers in `ka` see the en text\n  hint: add country.ka = \"…\" under country.en",
                "error: photos/trip/journey.toml:5:8: photo 1 (`a.jpg`) has no city.en\n  hint: add city.en = \"…\"",
            ]
        );
    }

    #[test]
    fn a_redaction_must_lie_inside_the_photo() {
        let text = format!(
            "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}redact = [{{ x = 30, y = 0, width = 20, height = 10 }}]\n"
        );
        let (exhibit, problems) = journey(&text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("error: photos/trip/journey.toml:12:11: photo 1 (`a.jpg`): "),
            "{}",
            problems[0]
        );
        assert!(
            problems[0].contains("reaches outside the photo, which is 40×30 pixels"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_missing_translation_is_a_warning_and_a_missing_default_an_error() {
        let text = "title.en = \"Trip\"\n\n[[photo]]\nfile = \"a.jpg\"\nconsent = \"given\"\n\
                    credit = \"Ana\"\ncaption.en = \"Sea\"\nalt.ka = \"ტალღები\"\ncaption.de = \"See\"\n";
        let (exhibit, problems) = journey(text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(
            problems,
            [
                "warning: photos/trip/journey.toml:1:1: the journey has no title.ka; readers in `ka` see the en text\n  hint: add title.ka = \"…\" under title.en",
                "warning: photos/trip/journey.toml:4:8: caption.de: `de` is not a language of this site\n  hint: use one of en, ka",
                "warning: photos/trip/journey.toml:4:8: photo 1 (`a.jpg`) has no caption.ka; readers in `ka` see the en text\n  hint: add caption.ka = \"…\" under caption.en",
                "error: photos/trip/journey.toml:4:8: photo 1 (`a.jpg`) has no alt.en\n  hint: add alt.en = \"…\"",
            ]
        );
    }

    #[test]
    fn folder_names_follow_the_one_slug_rule() {
        let text = format!("{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}");
        let (exhibit, problems) = load_one("Old_Town", &text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        assert_eq!(
            problems,
            [
                "error: photos/Old_Town/journey.toml: the journey folder `Old_Town` cannot be used in an address\n  hint: rename the folder to lowercase letters, digits and hyphens, e.g. `old-town`"
            ]
        );
        let (exhibit, problems) = load_one("new-roots", &text, &["a.jpg"]);
        assert_eq!((exhibit.journeys.len(), problems.len()), (1, 0));
    }

    #[test]
    fn photos_without_a_journey_file_are_named() {
        let root = folder("trip", "", &["a.jpg"]);
        std::fs::remove_file(root.path().join("photos/trip/journey.toml")).unwrap();
        let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
        let (exhibit, problems) = load(root.path(), &config);
        assert!(exhibit.journeys.is_empty());
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "warning: photos/trip: these photos are not published: the folder has no journey.toml\n  hint: run `passage new journey trip` to describe them, or move them out of photos/"
            ]
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_with_its_place() {
        let text = format!("{HEAD}intro.en = 5\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}");
        let (exhibit, problems) = journey(&text, &["a.jpg"]);
        assert!(exhibit.journeys.is_empty());
        // The journey's own keys are lost with it, so its title is missing too.
        assert_eq!(
            problems,
            [
                "error: photos/trip/journey.toml:3:12: invalid type: integer `5`, expected a string\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
                "error: photos/trip/journey.toml: the journey has no title.en\n  hint: add title.en = \"…\"",
            ]
        );
    }

    /// Every check of a journey and its photos, in the order they are reported, with their
    /// places, messages and hints: the parser may be reorganised, its report may not change.
    #[test]
    fn every_problem_is_reported_in_order() {
        let text = format!(
            r#"{HEAD}date = 10:00:00
cover = "nowhere.jpg"
intro.de = "Hallo"

[[photo]]
file = "sub/a.jpg"

[[photo]]
file = "a.jpg"
consent = "maybe"

[[photo]]
file = "a.jpg"

[[photo]]
file = "gone.jpg"
consent = "given"

[[photo]]
file = "notes.txt"
consent = "given"

[[photo]]
file = "b.jpg"
{TEXTS}id = "labels"

[[photo]]
file = "c.jpg"
{TEXTS}id = "Big Sea"

[[photo]]
file = "d.jpg"
{TEXTS}id = "sea"

[[photo]]
file = "e.jpg"
{TEXTS}id = "sea"

[[photo]]
file = "f.jpg"
{TEXTS}place_precision = "town"

[[photo]]
file = "g.jpg"
consent = "not-needed"
place_precision = "country"
caption.en = "x"
caption.hy = "x"
alt.en = "x"
credit = ""
licence_url = "ftp://example.org"
date = 10:00:00
redact = [{{ x = 0, y = 0, width = 5, height = 5, style = "blur" }}, {{ x = 0, y = 0, width = 0, height = 5 }}, {{ x = 39, y = 0, width = 5, height = 5 }}]

[[photo]]
file = "h.jpg"
consent = "given"
caption = 5

[[photo]]
file = "i.jpg"
"#
        );
        let names = [
            "a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg", "g.jpg", "h.jpg", "i.jpg",
            "j.jpg",
        ];
        let root = folder("trip", &text, &names);
        std::fs::write(root.path().join("photos/trip/notes.txt"), "notes").unwrap();
        let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
        let (exhibit, problems) = load(root.path(), &config);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(exhibit.journeys.is_empty());
        assert_eq!(exhibit.withheld.len(), 1);
        assert_eq!(
            problems,
            [
                "error: photos/trip/journey.toml:90:11: photo 12: invalid type: integer `5`, expected a map\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
                "warning: photos/trip/journey.toml:5:1: intro.de: `de` is not a language of this site\n  hint: use one of en, ka",
                "error: photos/trip/journey.toml:3:8: `10:00:00` is not a date\n  hint: write it as date = 2024-05-31",
                "error: photos/trip/journey.toml:8:8: photo 1 (`sub/a.jpg`): `file` must name a photo in this folder\n  hint: write only the file name, e.g. file = \"harbour.jpg\"",
                "error: photos/trip/journey.toml:12:11: photo 2 (`a.jpg`) has an unknown consent `maybe`\n  hint: write consent = \"given\", \"withdrawn\" or \"not-needed\" (nobody recognisable in the photo)",
                "error: photos/trip/journey.toml:15:8: `a.jpg` is listed twice\n  hint: keep one [[photo]] per photo",
                "error: photos/trip/journey.toml:18:8: photo 4 (`gone.jpg`) is listed but `gone.jpg` is not in the folder\n  hint: check the spelling and the extension (.jpg, .jpeg, .png…), or add the file",
                "error: photos/trip/journey.toml:22:8: photo 5 (`notes.txt`) is not a photo file\n  hint: use a JPEG, PNG or WebP file",
                "error: photos/trip/journey.toml:33:6: photo 6 (`b.jpg`): the id `labels` cannot be used in an address\n  hint: `labels` is the journey's print page; choose another id",
                "error: photos/trip/journey.toml:43:6: photo 7 (`c.jpg`): the id `Big Sea` cannot be used in an address\n  hint: use lowercase letters, digits and hyphens, e.g. `big-sea`",
                "error: photos/trip/journey.toml:56:8: photo 9 (`e.jpg`) has the same id `sea` as photo 8\n  hint: give every photo its own id",
                "error: photos/trip/journey.toml:73:19: photo 10 (`f.jpg`) has an unknown place_precision `town`\n  hint: write place_precision = \"none\", \"country\" or \"city\"",
                "warning: photos/trip/journey.toml:76:8: caption.hy: `hy` is not a language of this site\n  hint: use one of en, ka",
                "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no caption.ka; readers in `ka` see the en text\n  hint: add caption.ka = \"…\" under caption.en",
                "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no alt.ka; readers in `ka` see the en text\n  hint: add alt.ka = \"…\" under alt.en",
                "error: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no country.en\n  hint: add country.en = \"…\"",
                "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no credit\n  hint: add credit = \"name of the photographer\" as the licence or agreement asks",
                "error: photos/trip/journey.toml:83:15: photo 11 (`g.jpg`): licence_url is not a web address\n  hint: e.g. licence_url = \"https://creativecommons.org/licenses/by/4.0/\"",
                "error: photos/trip/journey.toml:84:8: photo 11 (`g.jpg`): `10:00:00` is not a date\n  hint: write it as date = 2024-05-31",
                "error: photos/trip/journey.toml:85:11: photo 11 (`g.jpg`): unknown redaction style `blur`\n  hint: write style = \"fill\" (solid) or \"pixelate\" (coarse blocks); blur is not offered because it can be undone",
                "error: photos/trip/journey.toml:85:68: photo 11 (`g.jpg`): a redaction has no area\n  hint: give width and height in pixels, e.g. { x = 10, y = 20, width = 80, height = 60 }",
                "error: photos/trip/journey.toml:85:109: photo 11 (`g.jpg`): the redaction 5×5 at (39, 0) reaches outside the photo, which is 40×30 pixels\n  hint: measure the rectangle on the photo as it is shown (after rotation), in pixels",
                "warning: photos/trip/journey.toml:93:8: photo 13 (`i.jpg`) is not published: no consent is recorded\n  hint: once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)",
                "warning: photos/trip/journey.toml: `j.jpg` is in the folder but not listed, so it is not published\n  hint: add a [[photo]] with file = \"j.jpg\" to publish it, or move it out of the folder",
                "error: photos/trip/journey.toml:4:9: the cover `nowhere.jpg` is not one of the journey's photos\n  hint: write the file name of a listed photo, e.g. cover = \"harbour.jpg\"",
            ]
        );
    }
}
