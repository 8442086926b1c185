//! The repository root is the EMERGE example site: build it and check what visitors get.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use common::*;

/// Builds the example site once into a temporary folder shared by the tests of this file.
fn built() -> &'static Path {
    use std::sync::OnceLock;
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let r = run(
            &repo_root(),
            &["build", "--quiet", "--output", &out.to_string_lossy()],
        );
        assert!(r.ok(), "the example site must build:\n{}", r.stderr);
        assert!(
            r.stderr.is_empty(),
            "the example site must build without warnings:\n{}",
            r.stderr
        );
        dir
    })
    .path()
}

fn public() -> std::path::PathBuf {
    built().join("public")
}

fn doc(rel: &str) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(public().join(rel)).unwrap())
}

fn stories() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo_root().join("content/stories"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn has_the_campaign_pages_in_three_languages() {
    assert!(stories().len() >= 6, "at least six stories");
    for lang in ["en", "ka", "hy"] {
        for page in ["", "about/", "activities/", "rights/", "stories/", "tags/"] {
            assert!(
                public().join(format!("{lang}/{page}index.html")).is_file(),
                "{lang}/{page}"
            );
        }
        for story in stories() {
            assert!(
                public()
                    .join(format!("{lang}/stories/{story}/index.html"))
                    .is_file(),
                "{lang} {story}"
            );
        }
    }
    // One story is deliberately untranslated into Armenian: shown in English with a notice.
    let hy = doc("hy/stories/regional-platform/index.html");
    assert_eq!(attrs(&hy, "article", "lang"), vec!["en"]);
    assert!(text(&hy, ".notice").contains("Հայերեն"));
}

#[test]
fn every_page_declares_its_language_and_is_written_in_its_script() {
    let georgian = |c: char| ('\u{10D0}'..='\u{10FF}').contains(&c);
    let armenian = |c: char| ('\u{0531}'..='\u{058F}').contains(&c);
    for file in html_files(&public()) {
        let d = doc(&file);
        let folder = file.split('/').next().unwrap();
        if !["en", "ka", "hy"].contains(&folder) {
            continue;
        }
        assert_eq!(attrs(&d, "html", "lang"), vec![folder], "{file}");
        // Main text in the page's own script, except fallback text marked with its language.
        let sel = scraper::Selector::parse("main").unwrap();
        let main = d.select(&sel).next().unwrap();
        let own: String = main
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| (n, t)))
            .filter(|(n, _)| {
                !n.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .and_then(|e| e.attr("lang"))
                        .is_some_and(|l| l != folder)
                })
            })
            .map(|(_, t)| t.to_string())
            .collect();
        let letters = own.chars().filter(|c| c.is_alphabetic()).count().max(1);
        let share = match folder {
            "ka" => own.chars().filter(|c| georgian(*c)).count(),
            "hy" => own.chars().filter(|c| armenian(*c)).count(),
            _ => own.chars().filter(|c| c.is_ascii_alphabetic()).count(),
        };
        assert!(
            share * 100 / letters >= 70,
            "{file}: only {share} of {letters} letters are in its script"
        );
    }
}

#[test]
fn hreflang_alternates_are_reciprocal_and_point_at_real_pages() {
    let base = "https://emerge.example.org";
    let mut claims: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in html_files(&public()) {
        let d = doc(&file);
        let canonical = attrs(&d, "link[rel=canonical]", "href");
        let langs = attrs(&d, "link[rel=alternate][hreflang]", "hreflang");
        let hrefs = attrs(&d, "link[rel=alternate][hreflang]", "href");
        for href in &hrefs {
            let path = href.strip_prefix(base).expect("absolute URL on the site");
            assert!(
                file_for_url(&public(), path).is_file(),
                "{file}: hreflang to missing {href}"
            );
        }
        if !hrefs.is_empty() {
            let own = canonical[0].clone();
            assert!(
                hrefs.contains(&own),
                "{file}: alternates must include the page itself"
            );
            claims.insert(own, langs.into_iter().zip(hrefs).collect());
        }
    }
    for (page, alternates) in &claims {
        for (lang, href) in alternates {
            if lang == "x-default" {
                continue;
            }
            assert_eq!(
                claims.get(href),
                Some(alternates),
                "{page} lists {href}, which must list the same set back"
            );
        }
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    for file in html_files(&public()) {
        let d = doc(&file);
        let page_url = format!("/{}", file.trim_end_matches("index.html"));
        for (sel, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
        ] {
            for url in attrs(&d, sel, attr) {
                if url.starts_with("http") || url.starts_with("mailto:") || url.starts_with("tel:")
                {
                    if sel != "a[href]" {
                        assert!(
                            url.starts_with("https://emerge.example.org/"),
                            "{file}: third-party resource {url}"
                        );
                    }
                    continue;
                }
                let (path, fragment) = url
                    .split_once('#')
                    .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
                let target = if path.is_empty() {
                    public().join(&file)
                } else {
                    assert!(
                        path.starts_with('/'),
                        "{file}: relative link {url} from {page_url}"
                    );
                    file_for_url(&public(), path)
                };
                assert!(target.is_file(), "{file}: {url} does not resolve");
                if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    let id = percent_encoding::percent_decode_str(f)
                        .decode_utf8_lossy()
                        .into_owned();
                    let t =
                        scraper::Html::parse_document(&std::fs::read_to_string(&target).unwrap());
                    assert!(
                        !attrs(&t, &format!("[id=\"{id}\"]"), "id").is_empty(),
                        "{file}: #{id} missing in {url}"
                    );
                }
            }
        }
    }
}

#[test]
fn stories_are_light_for_metered_connections() {
    let gz = |bytes: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap().len()
    };
    for lang in ["en", "ka", "hy"] {
        for story in stories() {
            let rel = format!("{lang}/stories/{story}/index.html");
            let html = std::fs::read(public().join(&rel)).unwrap();
            let d = doc(&rel);
            let mut total = gz(&html);
            for href in attrs(&d, "link[rel=stylesheet]", "href")
                .into_iter()
                .chain(attrs(&d, "script[src]", "src"))
            {
                total += gz(&std::fs::read(file_for_url(&public(), &href)).unwrap());
            }
            assert!(
                total < 30 * 1024,
                "{rel}: {total} bytes gzip with CSS and JS"
            );
        }
    }
}

#[test]
fn theme_self_hosts_fonts_and_never_upper_cases_georgian() {
    let css_url = attrs(&doc("ka/index.html"), "link[rel=stylesheet]", "href").remove(0);
    assert!(
        css_url.starts_with("/style.") && css_url.len() > "/style..css".len() + 8,
        "fingerprinted: {css_url}"
    );
    let css = std::fs::read_to_string(file_for_url(&public(), &css_url)).unwrap();
    assert!(
        !css.contains("uppercase"),
        "no text-transform: uppercase anywhere"
    );
    for font in ["noto-sans-georgian-400", "noto-sans-armenian-400"] {
        assert!(
            css.contains(&format!("fonts/{font}.woff2")),
            "{font} in CSS"
        );
        assert!(
            public().join(format!("fonts/{font}.woff2")).is_file(),
            "{font} published"
        );
    }
    assert!(
        css.contains("font-display:swap") && css.contains("unicode-range"),
        "{css}"
    );
    assert!(
        public().join("fonts/OFL.txt").is_file(),
        "licence beside the fonts"
    );
    for file in html_files(&public()) {
        let html = std::fs::read_to_string(public().join(&file)).unwrap();
        assert!(
            !html.contains("<script"),
            "{file}: no script needed on a campaign page"
        );
        assert!(
            !html.contains("fonts.googleapis") && !html.contains("cdn."),
            "{file}: third-party request"
        );
    }
}

#[test]
fn the_example_site_builds_the_same_twice() {
    let again = tempfile::tempdir().unwrap();
    let out = again.path().join("public");
    // Built after the shared build, so every photo comes from the cache.
    let _ = public();
    let r = run(&repo_root(), &["build", "--output", &out.to_string_lossy()]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stdout.contains("(0 files encoded, "),
        "a warm rebuild must not touch the encoders: {}",
        r.stdout
    );
    assert!(
        tree(&public()) == tree(&out),
        "two builds of the example site differ"
    );
}

#[test]
fn story_photos_are_published_as_renditions_only() {
    let mut originals = Vec::new();
    for story in stories() {
        for entry in std::fs::read_dir(repo_root().join("content/stories").join(&story))
            .unwrap()
            .filter_map(Result::ok)
        {
            if entry.path().extension().is_some_and(|e| e == "jpg") {
                originals.push((story.clone(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    assert!(originals.len() >= 3, "the example site shows real photos");
    let published = tree(&public());
    for (story, bytes) in &originals {
        assert!(
            published.iter().all(|(_, b)| b != bytes),
            "an original of {story} was copied"
        );
        for lang in ["en", "ka", "hy"] {
            let d = doc(&format!("{lang}/stories/{story}/index.html"));
            assert_eq!(
                attrs(&d, "figure.photo picture source", "type"),
                vec!["image/avif", "image/webp"],
                "{lang} {story}"
            );
            assert!(
                !texts(&d, "figure.photo figcaption")[0].is_empty(),
                "{lang} {story}: photo credit in the caption"
            );
            let og = attrs(&d, "meta[property='og:image']", "content");
            assert!(
                og.len() == 1 && og[0].starts_with("https://emerge.example.org/img/"),
                "{lang} {story}: {og:?}"
            );
        }
    }
}
