//! `passage new`: a story in every language and a whole new site, both building at once.

mod common;

use common::*;

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
