//! The checks of one `[[photo]]`, in the order they are reported: its file (named once, in the
//! folder, a photo), consent, id, place precision, texts in every language, credit and licence,
//! date and redactions. A photo that fails one of the first checks is not checked further.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::LABELS_KEY;
use super::checks::Checks;
use super::model::{Consent, Photo, PlacePrecision, Texts, Withheld};
use super::raw::{Localized, RawPhoto, RawPhotoResult, RawRegion};
use crate::images::{RedactStyle, Redaction, is_image_path};
use crate::media::{is_audio_path, is_media_path, poster_beside};
use crate::slug::{is_slug, slugify};

/// The photos of one journey as they are checked, and the names and ids already taken.
#[derive(Default)]
pub(super) struct Photos {
    /// Photos that may be published, in order.
    pub(super) published: Vec<Photo>,
    /// Photos that must not be.
    pub(super) withheld: Vec<Withheld>,
    /// File names listed, also of photos that failed to load (they are not "not listed").
    pub(super) listed: BTreeSet<String>,
    /// Ids taken, with the index of the photo that took them.
    ids: BTreeMap<String, usize>,
}

/// One `[[photo]]` being checked: what its messages call it and point at.
struct Listed<'p> {
    raw: &'p RawPhoto,
    /// Its file name, trimmed.
    name: String,
    /// `photo 2 (`harbour.jpg`)`.
    label: String,
    /// The span of its `file` key.
    at: Option<Range<usize>>,
    /// The original file.
    path: PathBuf,
}

impl Photos {
    /// Checks the `n`th `[[photo]]` (from 0) and files it as published or withheld.
    pub(super) fn add(&mut self, n: usize, raw: &RawPhotoResult, folder: &Path, c: &mut Checks) {
        match raw {
            Ok(p) => {
                if let Some(photo) = self.check(n, p.get_ref(), folder, c) {
                    self.published.push(photo);
                }
            }
            // Reported already; known by name so it is not called "not listed" too.
            Err(Some(name)) => {
                self.listed.insert(name.clone());
            }
            Err(None) => {}
        }
    }

    fn check(&mut self, n: usize, raw: &RawPhoto, folder: &Path, c: &mut Checks) -> Option<Photo> {
        let name = raw.file.get_ref().trim().to_string();
        let p = Listed {
            raw,
            label: format!("photo {} (`{name}`)", n + 1),
            at: Some(raw.file.span()),
            path: folder.join(&name),
            name,
        };
        self.take_name(&p, c)?;
        // A clip's poster is part of it, also when the clip is withheld.
        if let Some(poster) = poster_beside(&p.path).filter(|_| is_media_path(&p.name))
            && let Some(name) = poster.file_name()
        {
            self.listed.insert(name.to_string_lossy().into_owned());
        }
        self.consented(&p, c)?;
        present(&p, c)?;
        self.clip(&p, c)?;
        let id = self.id(n, &p, c)?;
        let place_precision = place_precision(&p, c)?;
        texts(&p, place_precision, c);
        let credit = credit(&p, c);
        licence_url(&p, c);
        let date = c.date(raw.date.as_ref(), &format!("{}: ", p.label));
        let redact = raw
            .redact
            .iter()
            .filter_map(|r| redaction(r, &p, c))
            .collect();
        Some(Photo {
            id,
            line: c.line(&raw.file.span()),
            file: p.path,
            place_precision,
            date,
            credit,
            licence: raw.licence.clone().filter(|l| !l.trim().is_empty()),
            licence_url: raw.licence_url.as_ref().map(|u| u.get_ref().clone()),
            caption: raw.caption.clone(),
            alt: raw.alt.clone(),
            country: raw.country.clone(),
            city: raw.city.clone(),
            redact,
        })
    }

    /// A plain file name in this folder, listed once.
    fn take_name(&mut self, p: &Listed, c: &mut Checks) -> Option<()> {
        let name = &p.name;
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            let d = c
                .error(
                    format!("{}: `file` must name a photo in this folder", p.label),
                    p.at.clone(),
                )
                .hint("write only the file name, e.g. file = \"harbour.jpg\"");
            c.push(d);
            return None;
        }
        if !self.listed.insert(name.clone()) {
            let d = c
                .error(format!("`{name}` is listed twice"), p.at.clone())
                .hint("keep one [[photo]] per photo");
            c.push(d);
            return None;
        }
        Some(())
    }

    /// A video or audio item: it needs a poster photo beside it, chosen by the curator (a frame
    /// picked by passage could show what nobody chose), which is part of it and never "not
    /// listed"; neither can be redacted.
    fn clip(&self, p: &Listed, c: &mut Checks) -> Option<()> {
        if !is_media_path(&p.name) {
            return Some(());
        }
        if !p.raw.redact.is_empty() {
            let d = c
                .error(
                    format!("{}: only photos can have regions hidden", p.label),
                    p.at.clone(),
                )
                .hint("blur or crop the video in a video editor before adding it, or leave it out");
            c.push(d);
            return None;
        }
        match poster_beside(&p.path) {
            Some(_) => {}
            None => {
                let stem = Path::new(&p.name)
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                let what = if is_audio_path(&p.name) {
                    "a recording"
                } else {
                    "a video"
                };
                let d = c
                    .error(format!("{}: {what} needs a photo beside it to show in the exhibit", p.label), p.at.clone())
                    .hint(format!("put a photo named {stem}.jpg beside it, a still you chose yourself (the same consent covers it), so nothing is shown that you did not pick"));
                c.push(d);
                return None;
            }
        }
        Some(())
    }

    /// Whether the people shown agreed; a photo without consent is withheld.
    fn consented(&mut self, p: &Listed, c: &mut Checks) -> Option<()> {
        let consent = match &p.raw.consent {
            None => None,
            Some(v) => match v.get_ref().trim() {
                "given" => Some(Consent::Given),
                "withdrawn" => Some(Consent::Withdrawn),
                "not-needed" => Some(Consent::NotNeeded),
                other => {
                    let d = c.error(format!("{} has an unknown consent `{other}`", p.label), Some(v.span()))
                        .hint("write consent = \"given\", \"withdrawn\" or \"not-needed\" (nobody recognisable in the photo)");
                    c.push(d);
                    return None;
                }
            },
        };
        let (reason, hint) = match consent {
            Some(Consent::Given | Consent::NotNeeded) => return Some(()),
            None => (
                "no consent is recorded",
                "once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)",
            ),
            Some(Consent::Withdrawn) => (
                "consent was withdrawn",
                "nothing of it is published and its cached sizes were deleted; remove the [[photo]] when you no longer need the record",
            ),
        };
        let d = c
            .warning(
                format!("{} is not published: {reason}", p.label),
                p.at.clone(),
            )
            .hint(hint);
        c.push(d);
        self.withheld.push(Withheld {
            file: p.path.clone(),
            reason: reason.into(),
        });
        None
    }

    /// The address of the photo's page: its own id, else its place in the journey.
    fn id(&mut self, n: usize, p: &Listed, c: &mut Checks) -> Option<String> {
        let id = match &p.raw.id {
            Some(id) => {
                let v = id.get_ref().trim().to_string();
                if !is_slug(&v) || v == LABELS_KEY {
                    let hint = if v == LABELS_KEY {
                        "`labels` is the journey's print page; choose another id".to_string()
                    } else {
                        format!(
                            "use lowercase letters, digits and hyphens, e.g. `{}`",
                            slugify(&v)
                        )
                    };
                    let d = c
                        .error(
                            format!("{}: the id `{v}` cannot be used in an address", p.label),
                            Some(id.span()),
                        )
                        .hint(hint);
                    c.push(d);
                    return None;
                }
                v
            }
            None => (n + 1).to_string(),
        };
        if let Some(other) = self.ids.insert(id.clone(), n) {
            let d = c
                .error(
                    format!("{} has the same id `{id}` as photo {}", p.label, other + 1),
                    p.at.clone(),
                )
                .hint("give every photo its own id");
            c.push(d);
            return None;
        }
        Some(id)
    }
}

/// The file is in the folder and is a photo.
fn present(p: &Listed, c: &mut Checks) -> Option<()> {
    if !p.path.is_file() {
        let d = c
            .error(
                format!(
                    "{} is listed but `{}` is not in the folder",
                    p.label, p.name
                ),
                p.at.clone(),
            )
            .hint("check the spelling and the extension (.jpg, .jpeg, .png…), or add the file");
        c.push(d);
        return None;
    }
    if !is_image_path(&p.name) && !is_media_path(&p.name) {
        let d = c
            .error(
                format!("{} is not a photo, video or audio file", p.label),
                p.at.clone(),
            )
            .hint("use a JPEG, PNG or WebP photo, an MP4 or WebM video, or M4A, MP3 or Ogg audio");
        c.push(d);
        return None;
    }
    Some(())
}

/// How much of the place may be named: none unless the curator says so.
fn place_precision(p: &Listed, c: &mut Checks) -> Option<PlacePrecision> {
    let Some(v) = &p.raw.place_precision else {
        return Some(PlacePrecision::None);
    };
    match v.get_ref().trim() {
        "none" => Some(PlacePrecision::None),
        "country" => Some(PlacePrecision::Country),
        "city" => Some(PlacePrecision::City),
        other => {
            let d = c
                .error(
                    format!("{} has an unknown place_precision `{other}`", p.label),
                    Some(v.span()),
                )
                .hint("write place_precision = \"none\", \"country\" or \"city\"");
            c.push(d);
            None
        }
    }
}

/// Caption and alt text in every language, and the place's names as far as they are shown.
fn texts(p: &Listed, precision: PlacePrecision, c: &mut Checks) {
    let raw = p.raw;
    for (texts, what) in [
        (&raw.caption, "caption"),
        (&raw.alt, "alt"),
        (&raw.country, "country"),
        (&raw.city, "city"),
    ] {
        c.unknown_languages(texts, what, p.at.clone());
    }
    c.require(&raw.caption, "caption", &p.label, p.at.clone());
    c.require(&raw.alt, "alt", &p.label, p.at.clone());
    if precision != PlacePrecision::None {
        c.require(&raw.country, "country", &p.label, p.at.clone());
    }
    if precision == PlacePrecision::City {
        c.require(&raw.city, "city", &p.label, p.at.clone());
    }
}

/// Who to credit, per language; one name stands for every language.
fn credit(p: &Listed, c: &mut Checks) -> Texts {
    let credit = match &p.raw.credit {
        Some(v) => match v.get_ref() {
            Localized::One(s) => c
                .languages()
                .iter()
                .map(|l| (l.clone(), s.clone()))
                .collect(),
            Localized::Many(m) => {
                c.unknown_languages(m, "credit", Some(v.span()));
                m.clone()
            }
        },
        None => Texts::new(),
    };
    if credit.values().all(|t| t.trim().is_empty()) {
        let d = c
            .warning(format!("{} has no credit", p.label), p.at.clone())
            .hint("add credit = \"name of the photographer\" as the licence or agreement asks");
        c.push(d);
    }
    credit
}

/// A licence link readers can follow.
fn licence_url(p: &Listed, c: &mut Checks) {
    if let Some(u) = &p.raw.licence_url
        && !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://"))
    {
        let d = c
            .error(
                format!("{}: licence_url is not a web address", p.label),
                Some(u.span()),
            )
            .hint("e.g. licence_url = \"https://creativecommons.org/licenses/by/4.0/\"");
        c.push(d);
    }
}

/// One region to hide: a known style, an area, and inside the photo as it is shown.
fn redaction(r: &Spanned<RawRegion>, p: &Listed, c: &mut Checks) -> Option<Redaction> {
    let raw = r.get_ref();
    let style = match raw.style.as_deref().map(str::trim) {
        None | Some("fill") => RedactStyle::Fill,
        Some("pixelate") => RedactStyle::Pixelate,
        Some(other) => {
            let d = c.error(format!("{}: unknown redaction style `{other}`", p.label), Some(r.span()))
                .hint("write style = \"fill\" (solid) or \"pixelate\" (coarse blocks); blur is not offered because it can be undone");
            c.push(d);
            return None;
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
        let d = c
            .error(
                format!("{}: a redaction has no area", p.label),
                Some(r.span()),
            )
            .hint(
                "give width and height in pixels, e.g. { x = 10, y = 20, width = 80, height = 60 }",
            );
        c.push(d);
        return None;
    }
    if let Some((w, h)) = shown_size(&p.path)
        && let Err(e) = region.check(w, h)
    {
        let d = c
            .error(format!("{}: {}", p.label, e.message), Some(r.span()))
            .hint(e.hint);
        c.push(d);
        return None;
    }
    Some(region)
}

/// Width and height of a photo as shown (EXIF rotation applied), from its header.
fn shown_size(path: &Path) -> Option<(u32, u32)> {
    let bytes = std::fs::read(path).ok()?;
    crate::images::process::dimensions(&bytes)
}
