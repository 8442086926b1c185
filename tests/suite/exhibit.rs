//! The photo exhibit: journeys in `photos/<slug>/journey.toml` become pages in every language,
//! photos without consent leave nothing behind, redactions are solid in every published pixel,
//! and printed labels carry QR codes that a reader (rqrr, which nobody here wrote) decodes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::*;
use base64::Engine as _;
use image::{Rgb, RgbImage};

/// Small widths and no AVIF, so these tests stay fast (AVIF cannot be decoded here anyway).
const IMAGES: &str = "\n[images]\nwidths = [160, 320]\nformats = [\"webp\"]\n";

pub(crate) fn exhibit_site() -> TestSite {
    let site = TestSite::with_config(&format!("{SITE_TOML}{IMAGES}"));
    for (lang, title) in [("en", "Home"), ("ka", "მთავარი"), ("hy", "Գլխավոր")]
    {
        site.page(
            &format!("content/_index.{lang}.md"),
            &format!("title = \"{title}\""),
            "",
        );
    }
    site
}

/// A blue-green landscape: nothing in it is red, so any red pixel in the output is a leak.
fn landscape(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([20, (80 + x * 120 / w) as u8, (120 + y * 100 / h) as u8])
    })
}

fn save_jpeg(img: &RgbImage, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    img.save_with_format(path, image::ImageFormat::Jpeg)
        .unwrap();
}

/// A journey of three photos with texts in every language but a few chosen gaps.
pub(crate) const JOURNEY: &str = r#"
date = 2024-05-31
cover = "b.jpg"

[title]
en = "Crossing"
ka = "გადაკვეთა"
hy = "Անցում"

[intro]
en = "A journey in *three* photos."
ka = "მოგზაურობა სამ ფოტოში."
hy = "Ճանապարհ երեք լուսանկարով։"

[[photo]]
file = "a.jpg"
consent = "given"
place_precision = "city"
date = 2023-04-02
credit = "Ana Beridze"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
caption.en = "The first morning"
caption.ka = "პირველი დილა"
caption.hy = "Առաջին առավոտը"
alt.en = "A road at dawn"
alt.ka = "გზა განთიადისას"
alt.hy = "Ճանապարհ արշալույսին"
country.en = "Georgia"
country.ka = "საქართველო"
country.hy = "Վրաստան"
city.en = "Batumi"
city.ka = "ბათუმი"
city.hy = "Բաթումի"

[[photo]]
file = "b.jpg"
id = "harbour"
consent = "not-needed"
place_precision = "country"
credit.en = "Studio Ani"
credit.ka = "სტუდია ანი"
credit.hy = "Անի ստուդիա"
caption.en = "The harbour"
caption.hy = "Նավահանգիստը"
alt.en = "Boats in a harbour"
alt.ka = "ნავები ნავსადგურში"
alt.hy = "Նավակներ նավահանգստում"
country.en = "Georgia"
country.ka = "საქართველო"
country.hy = "Վրաստան"
city.en = "Poti"

[[photo]]
file = "c.jpg"
consent = "given"
credit = "Ana Beridze"
caption.en = "Arrival"
caption.ka = "ჩამოსვლა"
caption.hy = "Ժամանում"
alt.en = "A station platform"
alt.ka = "სადგურის ბაქანი"
alt.hy = "Կայարանի կառամատույց"
"#;

pub(crate) fn write_journey(site: &TestSite, slug: &str, text: &str, photos: &[&str]) -> PathBuf {
    let dir = site.root().join("photos").join(slug);
    for (i, name) in photos.iter().enumerate() {
        save_jpeg(&landscape(480 + i as u32 * 8, 320), &dir.join(name));
    }
    site.write(&format!("photos/{slug}/journey.toml"), text);
    dir
}

/// Every image file a page's `<picture>`s, share image and placeholder point to.
fn image_urls(doc: &scraper::Html) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for srcset in attrs(doc, "picture source", "srcset")
        .into_iter()
        .chain(attrs(doc, "picture img", "srcset"))
    {
        for item in srcset.split(", ") {
            out.insert(item.split(' ').next().unwrap().to_string());
        }
    }
    out.extend(attrs(doc, "picture img", "src"));
    for og in attrs(doc, "meta[property='og:image']", "content") {
        out.insert(og.trim_start_matches("https://campaign.example.org").into());
    }
    out
}

fn file_name(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

/// Names of every file in the image cache.
fn cached_files(site: &TestSite) -> BTreeSet<String> {
    walkdir::WalkDir::new(site.root().join(".passage/cache/images"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn journeys_tell_their_photos_in_order_in_every_language() {
    let site = exhibit_site();
    write_journey(&site, "crossing", JOURNEY, &["a.jpg", "b.jpg", "c.jpg"]);
    let r = site.build_ok();
    // The one gap (no Georgian caption for the harbour) is reported, with the line.
    assert!(
        r.stderr.contains("photos/crossing/journey.toml:")
            && r.stderr.contains("has no caption.ka"),
        "{}",
        r.stderr
    );

    // The index of each language shows a card per journey with its cover.
    let index = site.html("ka/exhibit/index.html");
    assert_eq!(texts(&index, ".journey-card h2"), vec!["გადაკვეთა"]);
    assert_eq!(
        attrs(&index, ".journey-card h2 a", "href"),
        vec!["/ka/exhibit/crossing/"]
    );
    assert_eq!(
        attrs(&index, ".journey-card picture img", "alt"),
        vec!["ნავები ნავსადგურში"],
        "the cover is the photo the journey file names"
    );
    // The menu of every page leads to the exhibit.
    let home = site.html("hy/index.html");
    assert!(attrs(&home, "header nav a", "href").contains(&"/hy/exhibit/".to_string()));

    // The journey page tells the photos in the order of the file, in the reader's language.
    for (lang, captions, alts) in [
        (
            "en",
            ["The first morning", "The harbour", "Arrival"],
            ["A road at dawn", "Boats in a harbour", "A station platform"],
        ),
        (
            "ka",
            ["პირველი დილა", "The harbour", "ჩამოსვლა"],
            ["გზა განთიადისას", "ნავები ნავსადგურში", "სადგურის ბაქანი"],
        ),
        (
            "hy",
            ["Առաջին առավոտը", "Նավահանգիստը", "Ժամանում"],
            [
                "Ճանապարհ արշալույսին",
                "Նավակներ նավահանգստում",
                "Կայարանի կառամատույց",
            ],
        ),
    ] {
        let doc = site.html(&format!("{lang}/exhibit/crossing/index.html"));
        assert_eq!(texts(&doc, ".photo .caption"), captions, "{lang}");
        assert_eq!(attrs(&doc, ".photo picture img", "alt"), alts, "{lang}");
        assert_eq!(
            attrs(&doc, "li.photo", "id"),
            vec!["photo-1", "photo-harbour", "photo-3"],
            "{lang}: every photo has an anchor"
        );
        assert_eq!(
            attrs(&doc, "a.photo-open", "href"),
            vec![
                format!("/{lang}/exhibit/crossing/1/"),
                format!("/{lang}/exhibit/crossing/harbour/"),
                format!("/{lang}/exhibit/crossing/3/"),
            ],
            "{lang}: every photo has its own page"
        );
        assert_eq!(attrs(&doc, "html", "lang"), vec![lang]);
    }
    let ka = site.html("ka/exhibit/crossing/index.html");
    // An untranslated caption is shown in English, marked as English for screen readers.
    assert_eq!(
        attrs(&ka, ".photo .caption[lang]", "lang"),
        vec!["en"],
        "only the harbour caption is in another language"
    );
    // Place at the precision the curator chose: city, country only, or nothing.
    assert_eq!(
        texts(&ka, ".photo .place"),
        vec!["ბათუმი, საქართველო", "საქართველო"]
    );
    let en = site.html("en/exhibit/crossing/index.html");
    assert!(
        !en.root_element().html().contains("Poti"),
        "a city beyond place_precision is never published"
    );
    assert_eq!(
        attrs(&en, ".photo time", "datetime"),
        vec!["2023-04-02"],
        "the photo's date"
    );
    assert_eq!(
        texts(&ka, ".photo .credit"),
        vec!["ფოტო: Ana Beridze", "ფოტო: სტუდია ანი", "ფოტო: Ana Beridze"]
    );
    assert_eq!(
        attrs(&en, ".photo-meta a[rel=license]", "href"),
        vec!["https://creativecommons.org/licenses/by/4.0/"]
    );
    assert_eq!(text(&en, ".journey .prose"), "A journey in three photos.");
    // The position, with each language's ordinals and plurals, for the viewer to announce.
    assert_eq!(
        attrs(&en, "li.photo", "data-position"),
        vec!["1st of 3 photos", "2nd of 3 photos", "3rd of 3 photos"]
    );
    assert_eq!(
        attrs(&ka, "li.photo", "data-position"),
        vec!["1-ლი ფოტო 3-დან", "მე-2 ფოტო 3-დან", "მე-3 ფოტო 3-დან"]
    );

    // A photo's page: large photo, caption, and links to its neighbours, without JavaScript.
    let photo = site.html("hy/exhibit/crossing/harbour/index.html");
    assert_eq!(text(&photo, "h1"), "Նավահանգիստը");
    assert_eq!(
        attrs(&photo, "a[rel=prev]", "href"),
        vec!["/hy/exhibit/crossing/1/"]
    );
    assert_eq!(
        attrs(&photo, "a[rel=next]", "href"),
        vec!["/hy/exhibit/crossing/3/"]
    );
    assert_eq!(
        attrs(&photo, "link[rel=canonical]", "href"),
        vec!["https://campaign.example.org/hy/exhibit/crossing/harbour/"]
    );
    assert!(attrs(&photo, "meta[property='og:image']", "content")[0].contains("/img/"));
    // The Georgian photo page of the untranslated caption points search engines to English.
    let ka_harbour = site.html("ka/exhibit/crossing/harbour/index.html");
    assert_eq!(
        attrs(&ka_harbour, "link[rel=canonical]", "href"),
        vec!["https://campaign.example.org/ka/exhibit/crossing/harbour/"]
    );

    // Language switcher and hreflang, like stories.
    let switcher = attrs(&ka, "link[rel=alternate][hreflang]", "href");
    for lang in ["en", "ka", "hy"] {
        assert!(
            switcher.contains(&format!(
                "https://campaign.example.org/{lang}/exhibit/crossing/"
            )),
            "{switcher:?}"
        );
    }
    let sitemap = site.read("sitemap.xml");
    for url in [
        "/en/exhibit/",
        "/ka/exhibit/crossing/",
        "/hy/exhibit/crossing/harbour/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://campaign.example.org{url}</loc>")),
            "{url} in the sitemap"
        );
    }
    let feed = site.read("ka/atom.xml");
    assert!(
        feed.contains("https://campaign.example.org/ka/exhibit/crossing/")
            && feed.contains("გადაკვეთა"),
        "{feed}"
    );
    // Nothing comes from another site, and every link resolves.
    assert_eq!(
        gates::links(&site.public(), "https://campaign.example.org"),
        Vec::<String>::new()
    );
}

#[test]
fn a_photo_without_consent_leaves_no_file_behind() {
    let site = exhibit_site();
    let dir = write_journey(&site, "crossing", JOURNEY, &["a.jpg", "b.jpg", "c.jpg"]);
    // A story that shows the same photo: consent is enforced everywhere, not only in the exhibit.
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "![A station platform](../../../photos/crossing/c.jpg)\n",
    );
    site.build_ok();
    let mut files = BTreeSet::new();
    for lang in ["en", "ka", "hy"] {
        files.extend(image_urls(
            &site.html(&format!("{lang}/exhibit/crossing/3/index.html")),
        ));
    }
    let others: BTreeSet<String> = image_urls(&site.html("en/exhibit/crossing/1/index.html"));
    assert!(
        files.len() >= 5,
        "sizes, formats and share image: {files:?}"
    );
    let cached = cached_files(&site);
    for url in &files {
        assert!(
            site.exists(url),
            "{url} is published while consent is given"
        );
        assert!(cached.contains(&file_name(url)), "{url} is cached");
    }

    // Consent is withdrawn, and the story no longer shows the photo.
    let withdrawn = JOURNEY.replacen(
        "file = \"c.jpg\"\nconsent = \"given\"",
        "file = \"c.jpg\"\nconsent = \"withdrawn\"",
        1,
    );
    site.write("photos/crossing/journey.toml", &withdrawn);
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "No photo now.\n",
    );
    let r = site.build_ok();
    let line = withdrawn
        .lines()
        .position(|l| l == "file = \"c.jpg\"")
        .unwrap()
        + 1;
    assert!(
        r.stderr.contains(&format!(
            "warning: photos/crossing/journey.toml:{line}:8: photo 3 (`c.jpg`) is not published: consent was withdrawn"
        )),
        "{}",
        r.stderr
    );
    let cached = cached_files(&site);
    for url in &files {
        assert!(!site.exists(url), "{url} must be gone from the output");
        assert!(
            !cached.contains(&file_name(url)),
            "{url} must be gone from the cache"
        );
    }
    for url in &others {
        assert!(site.exists(url), "the other photos stay: {url}");
    }
    for lang in ["en", "ka", "hy"] {
        assert!(!site.exists(&format!("{lang}/exhibit/crossing/3/index.html")));
        let doc = site.html(&format!("{lang}/exhibit/crossing/index.html"));
        assert_eq!(attrs(&doc, "li.photo", "id").len(), 2, "{lang}");
        let labels = site.read(&format!("{lang}/exhibit/crossing/labels/index.html"));
        assert!(!labels.contains("/exhibit/crossing/3/"), "{lang} labels");
    }
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/exhibit/crossing/3/"));
    // Nothing else in the output is made from it either: no file of the original's hash.
    let all_output: BTreeSet<String> = tree(&site.public())
        .into_iter()
        .map(|(name, _)| file_name(&name.replace('\\', "/")))
        .collect();
    assert!(files.iter().all(|u| !all_output.contains(&file_name(u))));

    // A story that still shows a withdrawn photo stops the build, naming the story.
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "![A station platform](../../../photos/crossing/c.jpg)\n",
    );
    let r = site.build(&[]);
    assert!(!r.ok());
    assert!(
        r.stderr.contains("must not be published") && r.stderr.contains("index.en.md"),
        "{}",
        r.stderr
    );
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "No photo now.\n",
    );

    // No consent recorded at all: not published either, and the build says so.
    let unrecorded = JOURNEY.replacen(
        "file = \"a.jpg\"\nconsent = \"given\"\n",
        "file = \"a.jpg\"\n",
        1,
    );
    site.write("photos/crossing/journey.toml", &unrecorded);
    let r = site.build_ok();
    assert!(
        r.stderr
            .contains("photo 1 (`a.jpg`) is not published: no consent is recorded"),
        "{}",
        r.stderr
    );
    for url in &others {
        assert!(!site.exists(url), "{url}");
    }
    assert!(!site.exists("en/exhibit/crossing/1/index.html"));
    assert!(dir.join("a.jpg").is_file(), "the original is never touched");
}

/// The pixels of a rendition inside the redacted rectangle of the 480×320 original,
/// shrunk by a margin for resampling and compression at the edges.
fn inside(img: &image::RgbImage, (x, y, w, h): (u32, u32, u32, u32)) -> Vec<[u8; 3]> {
    let s = img.width() as f64 / 480.0;
    let margin = 3.0;
    let (x0, y0) = (
        (x as f64 * s + margin) as u32,
        (y as f64 * s + margin) as u32,
    );
    let (x1, y1) = (
        ((x + w) as f64 * s - margin) as u32,
        ((y + h) as f64 * s - margin) as u32,
    );
    let mut out = Vec::new();
    for py in y0..y1 {
        for px in x0..x1 {
            out.push(img.get_pixel(px, py).0);
        }
    }
    out
}

fn reddish(p: [u8; 3]) -> bool {
    p[0] as i32 > p[1] as i32 + 60 && p[0] as i32 > p[2] as i32 + 60
}

#[test]
fn redactions_are_solid_in_every_published_size_and_the_placeholder() {
    let site = exhibit_site();
    let dir = site.root().join("photos/faces");
    // A red "face" and a black-and-white "sign" on a landscape with no red in it.
    let face = (60, 40, 120, 120);
    let sign = (300, 160, 144, 96);
    let mut img = landscape(480, 320);
    for y in face.1..face.1 + face.3 {
        for x in face.0..face.0 + face.2 {
            img.put_pixel(x, y, Rgb([230, 40, 40]));
        }
    }
    for y in sign.1..sign.1 + sign.3 {
        for x in sign.0..sign.0 + sign.2 {
            let on = (x / 4 + y / 4) % 2 == 0;
            img.put_pixel(x, y, Rgb(if on { [250, 250, 250] } else { [10, 10, 10] }));
        }
    }
    save_jpeg(&img, &dir.join("people.jpg"));
    site.write(
        "photos/faces/journey.toml",
        &format!(
            r#"
title.en = "Faces"
[[photo]]
file = "people.jpg"
consent = "given"
credit = "N. N."
caption.en = "Two people at the border"
alt.en = "Two people stand by a sign"
redact = [
  {{ x = {}, y = {}, width = {}, height = {} }},
  {{ x = {}, y = {}, width = {}, height = {}, style = "pixelate" }},
]
"#,
            face.0, face.1, face.2, face.3, sign.0, sign.1, sign.2, sign.3
        ),
    );
    site.build_ok();
    let doc = site.html("en/exhibit/faces/1/index.html");
    let urls = image_urls(&doc);
    assert!(urls.len() >= 5, "{urls:?}");
    let mut checked = 0;
    for url in &urls {
        let decoded = image::open(file_for_url(&site.public(), url))
            .unwrap_or_else(|e| panic!("{url}: {e}"))
            .to_rgb8();
        // No red survives anywhere: nothing of the face is left.
        let leaks = decoded.pixels().filter(|p| reddish(p.0)).count();
        assert_eq!(leaks, 0, "{url}: {leaks} red pixels survived the redaction");
        if url.contains("share") {
            continue; // cropped to 1200×630: covered by the red check above
        }
        // The face is one solid fill.
        for p in inside(&decoded, face) {
            assert!(
                p.iter().all(|&c| (40..=64).contains(&c)),
                "{url}: the face is not solid fill: {p:?}"
            );
        }
        // The sign is coarse blocks: nothing of its 4-pixel pattern is left to read.
        let sign_pixels = inside(&decoded, sign);
        let luma: Vec<f64> = sign_pixels
            .iter()
            .map(|p| 0.3 * p[0] as f64 + 0.59 * p[1] as f64 + 0.11 * p[2] as f64)
            .collect();
        let mean = luma.iter().sum::<f64>() / luma.len() as f64;
        let spread =
            (luma.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luma.len() as f64).sqrt();
        assert!(
            spread < 12.0,
            "{url}: the sign still has detail (σ = {spread:.1})"
        );
        checked += 1;
    }
    assert!(checked >= 4, "two widths in WebP and JPEG");
    // The blurred placeholder shown while loading is made from the redacted pixels too.
    let style = attrs(&doc, "picture img", "style").remove(0);
    let data = style
        .split("base64,")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("placeholder data URI");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    let placeholder = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert_eq!(placeholder.pixels().filter(|p| reddish(p.0)).count(), 0);
    // The original keeps its pixels: redaction happens only in what is published.
    let original = image::open(dir.join("people.jpg")).unwrap().to_rgb8();
    assert!(reddish(original.get_pixel(100, 80).0));
}

/// The text of every QR code in an HTML page, read back by rendering the SVG and scanning it.
fn scan_qr_codes(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("svg.qr").unwrap();
    doc.select(&sel)
        .map(|svg| {
            let mut markup = svg.html();
            if !markup.contains("xmlns=") {
                markup = markup.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1);
            }
            let tree = resvg::usvg::Tree::from_str(&markup, &resvg::usvg::Options::default())
                .expect("the QR code is valid SVG");
            let size = tree.size();
            let scale = 400.0 / size.width();
            let (w, h) = (400, (size.height() * scale).ceil() as u32);
            let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
            pixmap.fill(resvg::tiny_skia::Color::WHITE);
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::from_scale(scale, scale),
                &mut pixmap.as_mut(),
            );
            let mut img =
                rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
                    let p = pixmap.pixel(x as u32, y as u32).unwrap();
                    ((p.red() as u32 + p.green() as u32 + p.blue() as u32) / 3) as u8
                });
            let grids = img.detect_grids();
            assert_eq!(grids.len(), 1, "one QR code per label");
            grids[0].decode().expect("the QR code decodes").1
        })
        .collect()
}

#[test]
fn printed_labels_carry_qr_codes_to_the_public_photo_pages() {
    let site = exhibit_site();
    write_journey(&site, "crossing", JOURNEY, &["a.jpg", "b.jpg", "c.jpg"]);
    // A preview build for another address: the labels still lead to the public site.
    let r = site.build(&["--base-url", "http://127.0.0.1:8123/preview"]);
    assert!(r.ok(), "{}", r.stderr);
    for lang in ["en", "ka", "hy"] {
        let html = site.read(&format!("{lang}/exhibit/crossing/labels/index.html"));
        let expected: Vec<String> = ["1", "harbour", "3"]
            .iter()
            .map(|id| format!("https://campaign.example.org/{lang}/exhibit/crossing/{id}/"))
            .collect();
        assert_eq!(scan_qr_codes(&html), expected, "{lang}");
        let doc = scraper::Html::parse_document(&html);
        assert_eq!(texts(&doc, ".label-url"), expected, "{lang}: printed too");
        assert!(
            texts(&doc, ".labels")
                .iter()
                .all(|t| !t.contains("127.0.0.1")),
            "{lang}: no preview address on paper"
        );
        assert_eq!(texts(&doc, "section.label").len(), 3);
        // Print CSS for the paper size (a linked file: the CSP allows no <style>), and the
        // page is kept out of search engines.
        assert!(print_css(&site, &doc).contains("size:A4"), "{lang}");
        assert_eq!(attrs(&doc, "meta[name=robots]", "content"), vec!["noindex"]);
    }
    let ka = site.html("ka/exhibit/crossing/labels/index.html");
    assert_eq!(
        texts(&ka, ".label-caption"),
        vec!["პირველი დილა", "The harbour", "ჩამოსვლა"]
    );
    // The rest of the preview build uses the preview address.
    let journey = site.html("en/exhibit/crossing/index.html");
    assert_eq!(
        attrs(&journey, "a.photo-open", "href")[0],
        "/preview/en/exhibit/crossing/1/"
    );

    // A5: one label per sheet.
    site.write(
        "site.toml",
        &format!("{SITE_TOML}{IMAGES}\n[exhibit]\nlabel_paper = \"a5\"\n"),
    );
    site.build_ok();
    let labels = site.html("en/exhibit/crossing/labels/index.html");
    assert!(print_css(&site, &labels).contains("size:A5"));
}

/// The text of a labels page's paper stylesheet.
fn print_css(site: &TestSite, doc: &scraper::Html) -> String {
    let href = attrs(doc, "link[rel=stylesheet]", "href")
        .into_iter()
        .find(|h| h.contains("/labels-"))
        .expect("a paper stylesheet");
    let path = href.split("/labels-").nth(1).unwrap();
    site.read(&format!("labels-{path}"))
}

#[test]
fn journey_mistakes_are_all_reported_with_file_and_line() {
    let site = exhibit_site();
    // One journey with a syntax error…
    write_journey(
        &site,
        "broken",
        "title.en = \"Broken\"\n[[photo]]\nfile = \"a.jpg\ncaption.en = \"x\"\n",
        &["a.jpg"],
    );
    // …and one with a problem in every photo.
    let text = r#"title.en = "Many problems"
title.ka = "ბევრი პრობლემა"

[[photo]]
file = "missing.jpg"
consent = "given"
caption.en = "Gone"
alt.en = "Gone"

[[photo]]
file = "b.jpg"
consent = "maybe"
caption.en = "Unsure"
alt.en = "Unsure"

[[photo]]
file = "c.jpg"
consent = "given"
caption.en = "No alt text"

[[photo]]
file = "d.jpg"
consent = "given"
caption.en = "Redacted wrongly"
alt.en = "A wall"
alt.ka = "კედელი"
redact = [{ x = 400, y = 10, width = 200, height = 50 }]

[[photo]]
file = "e.jpg"
consent = "not-needed"
captoin.en = "Typo"
"#;
    write_journey(
        &site,
        "many",
        text,
        &["b.jpg", "c.jpg", "d.jpg", "e.jpg", "unlisted.jpg"],
    );
    let r = site.build(&[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for expected in [
        "photos/broken/journey.toml:3:".to_string(),
        format!(
            "error: photos/many/journey.toml:{}:8: photo 1 (`missing.jpg`) is listed but `missing.jpg` is not in the folder",
            line("missing.jpg")
        ),
        format!(
            "error: photos/many/journey.toml:{}:11: photo 2 (`b.jpg`) has an unknown consent `maybe`",
            line("\"maybe\"")
        ),
        format!(
            "error: photos/many/journey.toml:{}:8: photo 3 (`c.jpg`) has no alt.en",
            line("c.jpg")
        ),
        format!("photos/many/journey.toml:{}:", line("redact = ")),
        "reaches outside the photo, which is 496×320 pixels".to_string(),
        "warning: photos/many/journey.toml: `unlisted.jpg` is in the folder but not listed"
            .to_string(),
        "did you mean `caption`?".to_string(),
    ] {
        assert!(
            r.stderr.contains(&expected),
            "missing `{expected}` in:\n{}",
            r.stderr
        );
    }
    // Every problem comes with what to do about it.
    assert!(r.stderr.matches("hint:").count() >= 7, "{}", r.stderr);
    assert!(!site.exists("en/index.html"), "nothing is published");
}

#[test]
fn the_viewer_works_by_keyboard_touch_and_buttons_and_nothing_needs_javascript() {
    let site = exhibit_site();
    write_journey(&site, "crossing", JOURNEY, &["a.jpg", "b.jpg", "c.jpg"]);
    site.build_ok();
    let server = gates::StaticServer::start(&site.public());
    let seen = gates::browser_script(
        "viewer.js",
        &[server.base.clone(), "/en/exhibit/crossing/".into()],
    );
    assert_eq!(seen["errors"], serde_json::json!([]), "no script errors");
    let steps = seen["steps"].as_array().unwrap();
    let at = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    assert_eq!(at("tab to first photo")["focus"], "/en/exhibit/crossing/1/");
    assert_eq!(at("tab to first photo")["open"], false);
    // Enter opens the first photo large, announces its position and moves focus inside.
    let open = at("enter");
    assert_eq!(open["open"], true);
    assert_eq!(open["position"], "1st of 3 photos");
    assert_eq!(open["live"], "status", "announced by screen readers");
    assert_eq!(open["alt"], "A road at dawn");
    assert_eq!(open["caption"], "The first morning");
    assert_eq!(open["focusInDialog"], true);
    assert_eq!(open["previousDisabled"], true);
    for (name, position, alt) in [
        ("arrow right", "2nd of 3 photos", "Boats in a harbour"),
        ("arrow left", "1st of 3 photos", "A road at dawn"),
        ("end", "3rd of 3 photos", "A station platform"),
        (
            "arrow right at the end",
            "3rd of 3 photos",
            "A station platform",
        ),
        ("home", "1st of 3 photos", "A road at dawn"),
        (
            "click second photo",
            "2nd of 3 photos",
            "Boats in a harbour",
        ),
        ("click next", "3rd of 3 photos", "A station platform"),
        ("click previous", "2nd of 3 photos", "Boats in a harbour"),
        ("swipe left", "3rd of 3 photos", "A station platform"),
        ("swipe right", "2nd of 3 photos", "Boats in a harbour"),
    ] {
        let s = at(name);
        assert_eq!(s["open"], true, "{name}");
        assert_eq!(s["position"], position, "{name}");
        assert_eq!(s["alt"], alt, "{name}");
        assert_eq!(
            s["focusInDialog"], true,
            "{name}: focus stays in the viewer"
        );
    }
    assert_eq!(at("end")["nextDisabled"], true);
    assert_eq!(
        seen["trapped"],
        serde_json::json!(vec![true; 6]),
        "Tab never leaves"
    );
    assert_eq!(seen["axe"], serde_json::json!([]), "axe on the open viewer");
    // Esc closes and gives focus back to the photo the viewer was opened from.
    let closed = at("escape");
    assert_eq!(closed["open"], false);
    assert_eq!(closed["focus"], "/en/exhibit/crossing/1/");
    let closed = at("close button");
    assert_eq!(closed["open"], false);
    assert_eq!(closed["focus"], "/en/exhibit/crossing/harbour/");
    assert_eq!(seen["externalRequests"], serde_json::json!([]));

    // With JavaScript off, every photo and caption is on the page and each link works.
    let plain = &seen["noScript"];
    assert_eq!(plain["dialog"], 0);
    let photos = plain["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 3);
    assert!(photos.iter().all(|p| p["visible"] == true));
    assert_eq!(photos[1]["caption"], "The harbour");
    assert_eq!(
        plain["firstPage"]["url"],
        format!("{}/en/exhibit/crossing/1/", server.base)
    );
    assert_eq!(plain["firstPage"]["h1"], "The first morning");
    assert_eq!(
        plain["nextPage"]["url"],
        format!("{}/en/exhibit/crossing/harbour/", server.base)
    );
    assert_eq!(plain["nextPage"]["h1"], "The harbour");
    assert_eq!(plain["nextPage"]["imageLoaded"], true);
}

#[test]
fn raw_html_in_an_intro_is_sanitized_and_reported_like_a_story() {
    let site = exhibit_site();
    let intro = "en = \"A journey in *three* photos.<script>alert(1)</script> <img src=x onerror=alert(2)>\"";
    let text = JOURNEY.replace("en = \"A journey in *three* photos.\"", intro);
    assert_ne!(text, JOURNEY);
    write_journey(&site, "crossing", &text, &["a.jpg", "b.jpg", "c.jpg"]);
    let line = text.lines().position(|l| l == intro).unwrap() + 1;
    let r = site.build_ok();
    for what in ["a <script> element", "an event-handler attribute"] {
        let expected = format!("{what} removed from the raw HTML");
        let place = format!("warning: photos/crossing/journey.toml:{line}:");
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(&place) && l.ends_with(&expected)),
            "missing `{place}…{expected}` in:\n{}",
            r.stderr
        );
    }
    let page = site.read("en/exhibit/crossing/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.to_ascii_lowercase().contains("onerror"), "{page}");
    let doc = site.html("en/exhibit/crossing/index.html");
    let selector = scraper::Selector::parse(".prose").unwrap();
    let intro: Vec<String> = doc.select(&selector).map(|e| e.inner_html()).collect();
    assert_eq!(intro.len(), 1, "{page}");
    assert!(
        intro[0].contains("<em>three</em>") && !intro[0].contains("script"),
        "the Markdown is kept, the script is not: {}",
        intro[0]
    );
    // `passage check` reads the journeys the same way and says the same.
    let check = run(site.root(), &["check"]);
    assert!(check.ok(), "{}{}", check.stdout, check.stderr);
    let listed = format!("{}{}", check.stdout, check.stderr);
    // Grouped by file: `photos/crossing/journey.toml`, then `  <line>:<column>  warning  …`.
    assert!(
        listed.contains("photos/crossing/journey.toml\n")
            && listed.lines().any(|l| {
                l.starts_with(&format!("  {line}:"))
                    && l.ends_with("warning  a <script> element removed from the raw HTML")
            }),
        "{listed}"
    );
}
