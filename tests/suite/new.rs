//! `passage new`: a story in every language and a whole new site, both building at once.

use crate::common::*;

#[test]
fn a_new_site_builds_at_once_in_three_languages() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("campaign");
    let r = run(parent.path(), &["new", "site", &dir.to_string_lossy()]);
    assert!(r.ok(), "{}", r.stderr);
    let b = run(&dir, &["build"]);
    assert!(b.ok(), "{}", b.stderr);
    assert!(
        b.stderr.is_empty(),
        "a new site builds without warnings: {}",
        b.stderr
    );
    for lang in ["en", "ka", "hy"] {
        let doc = scraper::Html::parse_document(
            &std::fs::read_to_string(
                dir.join(format!("public/{lang}/stories/first-story/index.html")),
            )
            .unwrap(),
        );
        assert_eq!(attrs(&doc, "html", "lang"), vec![lang]);
    }
    // An existing, non-empty folder is never touched.
    std::fs::write(
        dir.join("content/_index.en.md"),
        "+++\ntitle = \"Mine\"\n+++\n",
    )
    .unwrap();
    let again = run(parent.path(), &["new", "site", &dir.to_string_lossy()]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    assert!(
        std::fs::read_to_string(dir.join("content/_index.en.md"))
            .unwrap()
            .contains("Mine")
    );
}

/// A line with its placeholder (`"[…]"`, `= […]` or a whole `[…]` line) turned into the text.
fn unbracket(line: &str) -> String {
    let (head, value) = match line.split_once("= ") {
        Some((k, v)) => (format!("{k}= "), v),
        None => (String::new(), line),
    };
    let (quote, inner) = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(v) => ("\"", v),
        None => ("", value),
    };
    match inner.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(text) if !text.is_empty() && !text.starts_with('[') => {
            format!("{head}{quote}{text}{quote}")
        }
        _ => line.to_string(),
    }
}

/// Every text file of a folder, as (path, text).
fn text_files(dir: &std::path::Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter_map(|(path, bytes)| String::from_utf8(bytes).ok().map(|t| (path, t)))
        .collect()
}

#[test]
fn a_new_site_is_neutral_and_check_lists_its_placeholders_until_they_are_replaced() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("campaign");
    assert!(run(parent.path(), &["new", "site", &dir.to_string_lossy()]).ok());
    assert!(run(&dir, &["build"]).ok());
    // Nothing of the example campaign (its name, its donor, its agency) in any language.
    let campaign_words = [
        "EMERGE",
        "Norway",
        "IOM",
        "ნორვეგ",
        "Նորվեգ",
        "ՄՄԿ",
        "Migrants' Rights",
    ];
    for (path, text) in text_files(&dir) {
        for word in campaign_words {
            assert!(!text.contains(word), "{path} says {word}");
        }
    }
    // check points at each placeholder, with its file and line, in every language.
    let r = run(&dir, &["check", "--format", "json"]);
    assert!(
        r.ok(),
        "placeholders are warnings, not errors: {}",
        r.stdout
    );
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let placeholders: Vec<(String, u64)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .starts_with("placeholder text")
        })
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for lang in ["en", "ka", "hy"] {
        for file in [
            format!("locales/{lang}/main.ftl"),
            format!("content/stories/first-story/index.{lang}.md"),
            format!("content/_index.{lang}.md"),
        ] {
            assert!(
                placeholders.iter().any(|(f, _)| *f == file),
                "{file} in {placeholders:?}"
            );
        }
    }
    let ftl = std::fs::read_to_string(dir.join("locales/ka/main.ftl")).unwrap();
    let line = ftl
        .lines()
        .position(|l| l.starts_with("site-name ="))
        .unwrap()
        + 1;
    assert!(placeholders.contains(&("locales/ka/main.ftl".into(), line as u64)));
    assert!(placeholders.iter().any(|(f, _)| f == "site.toml"));
    let address = report["problems"].as_array().unwrap().iter().any(|p| {
        p["file"] == "site.toml" && p["message"].as_str().unwrap().contains("example.org")
    });
    assert!(address, "the example address is pointed out: {}", r.stdout);
    assert_eq!(run(&dir, &["check", "--strict"]).code, Some(1));

    // Once the team has written its own texts, check has nothing left to say about them.
    for (path, text) in text_files(&dir) {
        if path.ends_with(".md") || path.ends_with(".ftl") || path == "site.toml" {
            let own: Vec<String> = text.lines().map(unbracket).collect();
            let own = own
                .join("\n")
                .replace("https://example.org", "https://www.our-campaign.org");
            std::fs::write(dir.join(&path), own).unwrap();
        }
    }
    let after = run(&dir, &["check"]);
    assert!(after.ok(), "{}", after.stdout);
    assert!(!after.stdout.contains("placeholder"), "{}", after.stdout);
    assert!(!after.stdout.contains("example.org"), "{}", after.stdout);
    assert!(run(&dir, &["build"]).ok());
    let home = std::fs::read_to_string(dir.join("public/ka/index.html")).unwrap();
    assert!(
        home.contains("კამპანიის სახელი"),
        "the team's name is shown"
    );
}

#[test]
fn a_new_story_is_a_draft_in_every_language_and_never_overwrites() {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "");
    let r = run(site.root(), &["new", "story", "border-stories"]);
    assert!(r.ok(), "{}", r.stderr);
    for lang in ["en", "ka", "hy"] {
        let text = std::fs::read_to_string(
            site.root()
                .join(format!("content/stories/border-stories/index.{lang}.md")),
        )
        .unwrap();
        assert!(
            text.contains("draft = true") && text.contains("title = \"Border stories\""),
            "{text}"
        );
        assert!(
            text.contains(&format!("date = {}", passage::scaffold::today())),
            "{text}"
        );
    }
    // Drafts build (and are left out until --drafts).
    site.build_ok();
    assert!(!site.exists("en/stories/border-stories/index.html"));
    assert!(site.build(&["--drafts"]).ok());
    assert!(site.exists("ka/stories/border-stories/index.html"));
    // Never overwrites; a poor address is refused with a better one.
    std::fs::write(
        site.root()
            .join("content/stories/border-stories/index.en.md"),
        "+++\ntitle = \"Written\"\n+++\nText",
    )
    .unwrap();
    let again = run(site.root(), &["new", "story", "border-stories"]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert!(
        std::fs::read_to_string(
            site.root()
                .join("content/stories/border-stories/index.en.md")
        )
        .unwrap()
        .contains("Written")
    );
    let bad = run(site.root(), &["new", "story", "Border Stories 2024!"]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr.contains("use `border-stories-2024` instead"),
        "{}",
        bad.stderr
    );
}

/// A small JPEG with the metadata a phone writes: capture date, GPS position, camera, serial.
fn phone_photo(path: &std::path::Path, taken: Option<&str>) {
    image::RgbImage::from_pixel(64, 48, image::Rgb([90, 120, 150]))
        .save_with_format(path, image::ImageFormat::Jpeg)
        .unwrap();
    let mut args = vec![
        "-q".to_string(),
        "-overwrite_original".into(),
        "-GPSLatitude=41.7151".into(),
        "-GPSLatitudeRef=N".into(),
        "-GPSLongitude=44.8271".into(),
        "-GPSLongitudeRef=E".into(),
        "-Model=PhoneModelX".into(),
        "-SerialNumber=SN-998877".into(),
    ];
    if let Some(t) = taken {
        args.push(format!("-DateTimeOriginal={t}"));
    }
    let ok = std::process::Command::new("exiftool")
        .args(&args)
        .arg(path)
        .status()
        .expect("exiftool is needed (Debian: libimage-exiftool-perl); scripts/test installs it");
    assert!(ok.success());
}

#[test]
fn a_new_journey_lists_photos_by_capture_date_and_keeps_their_metadata_out() {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "");
    let camera = tempfile::tempdir().unwrap();
    phone_photo(
        &camera.path().join("z-first.jpg"),
        Some("2021:03:01 09:15:00"),
    );
    phone_photo(
        &camera.path().join("a-second.jpg"),
        Some("2023:07:15 18:40:02"),
    );
    phone_photo(&camera.path().join("m-undated.jpg"), None);
    std::fs::write(camera.path().join("notes.txt"), "not a photo").unwrap();
    std::fs::write(camera.path().join("IMG_1.HEIC"), "heic").unwrap();

    let r = run(
        site.root(),
        &[
            "new",
            "journey",
            "border-crossing",
            "--from",
            &camera.path().to_string_lossy(),
        ],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("listing 3 photos (2 with the day it was taken)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("skipped IMG_1.HEIC: passage cannot read this format yet")
    );
    assert!(r.stderr.contains("skipped notes.txt: not a photo"));
    let dir = site.root().join("photos/border-crossing");
    for name in ["z-first.jpg", "a-second.jpg", "m-undated.jpg"] {
        assert!(dir.join(name).is_file(), "{name} copied");
    }
    let file = std::fs::read_to_string(dir.join("journey.toml")).unwrap();
    // In the order they were taken, the undated one last, each with its day.
    let files: Vec<&str> = file
        .lines()
        .filter_map(|l| l.strip_prefix("file = "))
        .collect();
    assert_eq!(
        files,
        vec!["\"z-first.jpg\"", "\"a-second.jpg\"", "\"m-undated.jpg\""]
    );
    let dates: Vec<&str> = file
        .lines()
        .filter_map(|l| l.strip_prefix("date = "))
        .collect();
    assert_eq!(
        dates,
        vec![
            passage::scaffold::today().as_str(),
            "2021-03-01",
            "2023-07-15"
        ]
    );
    // Empty texts for every language, side by side; never the GPS position or the camera.
    for lang in ["en", "ka", "hy"] {
        assert_eq!(file.matches(&format!("caption.{lang} = \"\"")).count(), 3);
        assert_eq!(file.matches(&format!("alt.{lang} = \"\"")).count(), 3);
    }
    for secret in ["41.7", "44.8", "PhoneModelX", "SN-998877", "09:15"] {
        assert!(
            !file.contains(secret),
            "{secret} leaked into the journey file"
        );
    }

    // It builds at once, publishing nothing until consent is recorded, and says so.
    let b = site.build_ok();
    assert_eq!(
        b.stderr
            .matches("is not published: no consent is recorded")
            .count(),
        3,
        "{}",
        b.stderr
    );
    assert!(!site.exists("en/exhibit/index.html"));
    // `check` reports the same, per photo with its line.
    let c = run(site.root(), &["check"]);
    assert!(
        c.stdout.contains("photos/border-crossing/journey.toml")
            || c.stderr.contains("photos/border-crossing/journey.toml"),
        "{}{}",
        c.stdout,
        c.stderr
    );
    // With consent, a caption and alt text, the first photo is published.
    let filled = file
        .replacen("# consent = \"given\"", "consent = \"given\"", 1)
        .replacen("caption.en = \"\"", "caption.en = \"A road\"", 1)
        .replacen("alt.en = \"\"", "alt.en = \"A dirt road\"", 1);
    std::fs::write(dir.join("journey.toml"), filled).unwrap();
    let b = site.build_ok();
    assert!(b.stderr.contains("has no credit"), "{}", b.stderr);
    let doc = site.html("en/exhibit/border-crossing/index.html");
    assert_eq!(attrs(&doc, ".photo img", "alt"), vec!["A dirt road"]);

    // Never overwrites; a poor address is refused with a better one; photos can be in place.
    let again = run(site.root(), &["new", "journey", "border-crossing"]);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("already has a journey file"),
        "{}",
        again.stderr
    );
    let bad = run(site.root(), &["new", "journey", "Border Crossing!"]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr.contains("use `border-crossing` instead"),
        "{}",
        bad.stderr
    );
    let in_place = site.root().join("photos/harbour");
    std::fs::create_dir_all(&in_place).unwrap();
    phone_photo(&in_place.join("b.jpg"), None);
    phone_photo(&in_place.join("a.jpg"), None);
    let r = run(
        site.root(),
        &["new", "journey", "harbour", "--order", "name"],
    );
    assert!(r.ok(), "{}", r.stderr);
    let text = std::fs::read_to_string(in_place.join("journey.toml")).unwrap();
    assert!(text.find("\"a.jpg\"").unwrap() < text.find("\"b.jpg\"").unwrap());
    let none = run(site.root(), &["new", "journey", "nowhere"]);
    assert_eq!(none.code, Some(1));
    assert!(none.stderr.contains("--from FOLDER"), "{}", none.stderr);
}

#[test]
fn every_settings_problem_is_reported_not_only_the_first() {
    let site = TestSite::with_config(
        "base_url = \"ftp://campaign\"\nper_page = 0\n[[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"Site\"\n",
    );
    for args in [
        &["new", "story", "border-stories"][..],
        &["new", "journey", "border-crossing"],
        &["translated", "stories/x"],
        &["status"],
    ] {
        let r = run(site.root(), args);
        assert_eq!(r.code, Some(1), "{args:?}");
        for problem in ["is not an http(s) address", "per_page must be at least 1"] {
            assert!(r.stderr.contains(problem), "{args:?}: {}", r.stderr);
        }
        assert!(r.stderr.contains("site.toml"), "{}", r.stderr);
    }
    assert!(!site.root().join("content/stories/border-stories").exists());
}
