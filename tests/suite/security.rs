//! What a build must never do, whatever the input: read or publish files from outside the
//! site's folder.

use crate::common::gates;
use crate::common::*;

/// A photo, a key and a page outside the site, linked into its `content/` and `photos/`.
#[cfg(unix)]
#[test]
fn links_to_files_outside_the_site_are_reported_and_never_read_or_published() {
    use std::os::unix::fs::symlink;
    let site = TestSite::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let away = elsewhere.path();
    std::fs::write(away.join("id_ed25519"), "PRIVATE KEY MATERIAL").unwrap();
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 40, 40]))
        .save_with_format(away.join("original.jpg"), image::ImageFormat::Jpeg)
        .unwrap();
    std::fs::write(
        away.join("notes.md"),
        "+++\ntitle = \"Notes\"\n+++\nSECRET NOTES of the team.\n",
    )
    .unwrap();
    std::fs::create_dir(away.join("trip")).unwrap();
    std::fs::write(away.join("trip/journey.toml"), "SECRET JOURNEY").unwrap();

    site.page("content/_index.en.md", "title = \"Home\"", "Hello.");
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "Read [the key](key.txt).\n\n![A photo](photo.jpg)\n",
    );
    symlink(
        away.join("id_ed25519"),
        site.root().join("content/stories/s/key.txt"),
    )
    .unwrap();
    symlink(
        away.join("original.jpg"),
        site.root().join("content/stories/s/photo.jpg"),
    )
    .unwrap();
    symlink(
        away.join("notes.md"),
        site.root().join("content/notes.en.md"),
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join("photos")).unwrap();
    symlink(away.join("trip"), site.root().join("photos/trip")).unwrap();

    for command in ["build", "check"] {
        let run = run(site.root(), &[command]);
        let err = &format!("{}{}", run.stdout, run.stderr);
        assert!(!run.ok(), "{command}: {err}");
        assert!(
            err.contains("content/stories/s/index.en.md")
                && err.contains("5:6")
                && err.contains("`key.txt`"),
            "{command}: the link, with its line: {err}"
        );
        for file in [
            "content/notes.en.md",
            "photos/trip",
            "content/stories/s/photo.jpg",
        ] {
            assert!(err.contains(file), "{command}: {file} not named: {err}");
        }
        assert!(
            err.matches("leads outside the site's folder").count() >= 4,
            "{err}"
        );
        assert!(
            err.contains("copy the file into the site's folder"),
            "{err}"
        );
        assert!(
            !err.contains("SECRET"),
            "nothing of the files is read: {err}"
        );
    }
    assert!(
        !site.public().exists(),
        "a failed first build publishes nothing"
    );

    // A link within the site is the site's own file: it is read like any other.
    std::fs::remove_file(site.root().join("content/notes.en.md")).unwrap();
    std::fs::remove_file(site.root().join("photos/trip")).unwrap();
    std::fs::remove_file(site.root().join("content/stories/s/key.txt")).unwrap();
    std::fs::remove_file(site.root().join("content/stories/s/photo.jpg")).unwrap();
    std::fs::write(
        site.root().join("content/stories/s/real.txt"),
        "public words",
    )
    .unwrap();
    symlink(
        site.root().join("content/stories/s/real.txt"),
        site.root().join("content/stories/s/key.txt"),
    )
    .unwrap();
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        "Read [the key](key.txt).\n",
    );
    site.build_ok();
    assert_eq!(site.read("en/stories/s/key.txt"), "public words");
    let published: Vec<u8> = tree(&site.public())
        .into_iter()
        .flat_map(|(_, bytes)| bytes)
        .collect();
    let text = String::from_utf8_lossy(&published);
    assert!(!text.contains("PRIVATE KEY") && !text.contains("SECRET"));
}

/// The policy `_headers` sends with every page.
fn page_policy(public: &std::path::Path) -> String {
    let headers = std::fs::read_to_string(public.join("_headers")).unwrap();
    let mut rules = headers.split("\n/").map(|r| r.trim_start_matches('/'));
    let every_page = rules.find(|r| r.starts_with("*\n")).expect("a /* rule");
    every_page
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .expect("a Content-Security-Policy for every page")
        .to_string()
}

#[test]
fn every_page_type_works_under_the_content_security_policy_with_no_violation() {
    let public = example_output();
    let policy = page_policy(&public);
    for must in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(must), "{must}: {policy}");
    }
    let headers = std::fs::read_to_string(public.join("_headers")).unwrap();
    for must in [
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy: ",
    ] {
        assert!(headers.contains(must), "{must}: {headers}");
    }
    // Fingerprinted files are cached for a year; pages are not.
    let style = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .unwrap();
    assert!(
        headers.contains(&format!(
            "/{style}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );
    // The meta carries the same policy, minus what only a header can say.
    let home = std::fs::read_to_string(public.join("ka/index.html")).unwrap();
    let meta = policy.replace("; frame-ancestors 'none'", "");
    assert!(home.contains(&meta), "the page's <meta> policy");

    let mut paths = vec!["/".to_string()];
    for lang in ["en", "ka", "hy"] {
        for p in [
            "",
            "stories/",
            "stories/photo-exhibit-journeys/",
            "about/",
            "tags/",
            "exhibit/",
            "exhibit/roads-and-crossings/",
            "exhibit/roads-and-crossings/bridge/",
            "exhibit/roads-and-crossings/labels/",
            "search/",
            "404.html",
        ] {
            paths.push(format!("/{lang}/{p}"));
        }
    }
    let server = gates::StaticServer::start(&public);
    let seen = gates::browser_script(
        "csp.js",
        &[
            server.base.clone(),
            policy,
            serde_json::to_string(&paths).unwrap(),
        ],
    );
    let pages = seen["pages"].as_array().unwrap();
    assert_eq!(pages.len(), paths.len());
    for page in pages {
        assert_eq!(page["violations"], serde_json::json!([]), "{page}");
        assert_eq!(page["errors"], serde_json::json!([]), "{page}");
        let path = page["path"].as_str().unwrap();
        if path.ends_with("/exhibit/roads-and-crossings/") {
            assert_eq!(page["viewer"], true, "the viewer opens: {page}");
        }
        if path.ends_with("/search/") {
            assert!(
                page["results"].as_u64().unwrap() > 0,
                "search finds: {page}"
            );
        }
    }
}
