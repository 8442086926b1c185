//! Quality gates on the example site, each also shown to catch a defect planted in a copy of
//! the output: valid HTML (W3C Nu checker), links, languages and privacy (exiftool).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::gates;
use crate::common::*;

const BASE: &str = "https://emerge.example.org";
const LANGS: &[&str] = &["en", "ka", "hy"];

/// A copy of the example output to plant a defect in.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example_output(), dir.path());
    dir
}

fn originals() -> Vec<PathBuf> {
    ["content", "photos"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(repo_root().join(dir)))
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jpg"))
        .map(|e| e.into_path())
        .collect()
}

fn edit(public: &Path, rel: &str, from: &str, to: &str) {
    let path = public.join(rel);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains(from),
        "{rel} has no `{from}` to plant a defect in"
    );
    std::fs::write(&path, html.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_example_site_passes_every_gate() {
    let public = example_output();
    assert_eq!(gates::links(&public, BASE), Vec::<String>::new());
    assert_eq!(gates::languages(&public, BASE, LANGS), Vec::<String>::new());
    assert_eq!(gates::privacy(&public, &originals()), Vec::<String>::new());
    assert_eq!(gates::html_validity(&public), Vec::<String>::new());
}

#[test]
fn the_validity_gate_catches_an_invalid_element() {
    let planted = copy();
    edit(
        planted.path(),
        "ka/about/index.html",
        "<main",
        "<blink>old</blink><main",
    );
    let found = gates::html_validity(planted.path());
    assert!(
        found
            .iter()
            .any(|p| p.contains("ka/about/index.html") && p.contains("blink")),
        "{found:?}"
    );
}

#[test]
fn the_link_gate_catches_dead_links_and_missing_anchors() {
    let planted = copy();
    edit(
        planted.path(),
        "en/about/index.html",
        "</main>",
        "<a href=/en/stories/gone/>gone</a><a href=/en/rights/#nowhere>x</a></main>",
    );
    let found = gates::links(planted.path(), BASE);
    assert!(
        found
            .iter()
            .any(|p| p.contains("/en/stories/gone/ does not exist")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.contains("#nowhere")), "{found:?}");
    edit(
        planted.path(),
        "hy/index.html",
        "</main>",
        "<img src=https://tracker.example/pixel.gif alt=\"\"></main>",
    );
    assert!(
        gates::links(planted.path(), BASE)
            .iter()
            .any(|p| p.contains("another site"))
    );
}

#[test]
fn the_language_gate_catches_a_wrong_lang_and_the_wrong_script() {
    let planted = copy();
    edit(
        planted.path(),
        "ka/about/index.html",
        "lang=ka>",
        "lang=en>",
    );
    let found = gates::languages(planted.path(), BASE, LANGS);
    assert!(
        found
            .iter()
            .any(|p| p.contains("ka/about/index.html: <html lang>")),
        "{found:?}"
    );
    let planted = copy();
    edit(
        planted.path(),
        "hy/404.html",
        "</h1>",
        "</h1><p>This page was pasted in English by mistake, and readers of Armenian cannot use it. The text goes on for a while so that English clearly dominates the main text of the page.</p>",
    );
    let found = gates::languages(planted.path(), BASE, LANGS);
    assert!(
        found
            .iter()
            .any(|p| p.contains("hy/404.html") && p.contains("script")),
        "{found:?}"
    );
}

#[test]
fn the_privacy_gate_catches_gps_and_copied_originals() {
    let planted = copy();
    let original = originals().remove(0);
    std::fs::copy(&original, planted.path().join("img/copied.jpg")).unwrap();
    let rendition = walkdir::WalkDir::new(planted.path().join("img"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "jpg") && !e.path().ends_with("copied.jpg")
        })
        .unwrap()
        .into_path();
    let status = Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-GPSLatitude=41.7151",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=44.8271",
            "-GPSLongitudeRef=E",
        ])
        .arg(&rendition)
        .status()
        .expect("exiftool");
    assert!(status.success());
    let found = gates::privacy(planted.path(), &originals());
    assert!(
        found
            .iter()
            .any(|p| p.contains("copied.jpg is a copy of an original")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.contains("GPS")), "{found:?}");
}

/// One page of every type in every language, plus the root pages.
fn every_page_type() -> Vec<String> {
    let public = example_output();
    let mut pages = vec!["/".to_string(), "/404.html".to_string()];
    for lang in LANGS {
        let tags = scraper::Html::parse_document(
            &std::fs::read_to_string(public.join(format!("{lang}/tags/index.html"))).unwrap(),
        );
        let first_tag = attrs(&tags, ".tag-list a", "href").remove(0);
        for page in [
            "",
            "about/",
            "rights/",
            "stories/",
            "stories/photo-exhibit-journeys/",
            "stories/regional-platform/",
            "stories/campaign-film/",
            "tags/",
            "404.html",
            "exhibit/",
            "exhibit/roads-and-crossings/",
            "exhibit/roads-and-crossings/bridge/",
            "exhibit/new-roots/labels/",
        ] {
            pages.push(format!("/{lang}/{page}"));
        }
        pages.push(first_tag);
    }
    pages
}

#[test]
fn the_example_site_is_accessible_on_phones_and_desktops() {
    assert_eq!(
        gates::accessibility(&example_output(), &every_page_type()),
        Vec::<String>::new()
    );
}

#[test]
fn the_accessibility_gate_catches_an_image_without_alt() {
    let planted = copy();
    edit(
        planted.path(),
        "ka/about/index.html",
        "</main>",
        "<img src=/fonts/OFL.txt width=10 height=10></main>",
    );
    let found = gates::accessibility(planted.path(), &["/ka/about/".to_string()]);
    assert!(
        found
            .iter()
            .any(|p| p.contains("/ka/about/") && p.contains("image-alt")),
        "{found:?}"
    );
}

#[test]
fn two_clean_builds_are_identical_and_the_gate_would_notice() {
    let again = tempfile::tempdir().unwrap();
    let out = again.path().join("public");
    let r = run(
        &repo_root(),
        &["build", "--quiet", "--output", &out.to_string_lossy()],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert_eq!(
        gates::identical(&example_output(), &out),
        Vec::<String>::new()
    );
    edit(
        &out,
        "en/index.html",
        "</main>",
        "<!-- built at 12:00 --></main>",
    );
    std::fs::write(out.join("extra.txt"), "x").unwrap();
    let found = gates::identical(&example_output(), &out);
    assert_eq!(
        found,
        vec![
            "extra.txt is in only one build".to_string(),
            "en/index.html differs between builds".to_string()
        ]
    );
}
