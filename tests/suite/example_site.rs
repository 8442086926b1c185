//! The repository root is the EMERGE example site: build it and check what visitors get.

use std::io::Write;

use crate::common::*;

fn public() -> std::path::PathBuf {
    example_output()
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
        // Only journey pages load a script (the viewer), search pages theirs and stories the
        // system share sheet's button; all small, optional and from the site itself.
        let doc = scraper::Html::parse_document(&html);
        let scripts = attrs(&doc, "script", "src");
        let parts: Vec<&str> = file.split('/').collect();
        let is_journey = parts.get(1) == Some(&"exhibit") && parts.len() == 4;
        let is_search = parts.get(1) == Some(&"search");
        let is_story = parts.get(1) == Some(&"stories") && parts.len() == 4 && parts[2] != "page";
        if is_journey || is_search || is_story {
            assert_eq!(scripts.len(), 1, "{file}");
            let script = &scripts[0];
            let name = if is_journey {
                "/exhibit."
            } else if is_search {
                "/search."
            } else {
                "/share."
            };
            assert!(
                script.starts_with(name) && script.ends_with(".js"),
                "{file}: {script}"
            );
            let size = std::fs::metadata(file_for_url(&public(), script))
                .unwrap()
                .len();
            assert!(size < 8_000, "{script} is {size} bytes");
        } else {
            assert!(
                !html.contains("<script"),
                "{file}: no script needed on a campaign page"
            );
        }
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
    assert_eq!(
        crate::common::gates::identical(&public(), &out),
        Vec::<String>::new()
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
            // The cover, else the first photo in the text.
            let types = attrs(
                &d,
                "figure.cover picture source, figure.photo picture source",
                "type",
            );
            assert_eq!(
                types.get(..2),
                Some(&["image/avif".to_string(), "image/webp".to_string()][..]),
                "{lang} {story}"
            );
            assert!(
                !texts(&d, "figure.cover figcaption, figure.photo figcaption")[0].is_empty(),
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
