//! `passage status` and `passage translated`: translated, stale and missing pages per language.

use crate::common::*;

fn states(site: &TestSite) -> serde_json::Value {
    let r = run(site.root(), &["status", "--format", "json"]);
    assert!(r.ok(), "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("status JSON")
}

fn state(json: &serde_json::Value, page: &str, lang: &str) -> String {
    let row = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["page"] == page)
        .unwrap_or_else(|| panic!("no row {page}"));
    let cell = row["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[0] == lang)
        .unwrap();
    cell[1].as_str().unwrap().to_string()
}

#[test]
fn a_translation_goes_stale_when_the_original_changes_and_is_cleared_when_marked() {
    let site = TestSite::new();
    site.page(
        "content/stories/a/index.en.md",
        "title = \"Rights\"",
        "The original text.",
    );
    site.page(
        "content/stories/a/index.ka.md",
        "title = \"უფლებები\"",
        "თარგმანი.",
    );
    site.write(
        "content/stories/a/index.hy.md",
        "\u{feff}---\r\ntitle: \"Իրավունքներ\"\r\n---\r\nԹարգմանություն։\r\n",
    );
    site.page(
        "content/stories/b/index.en.md",
        "title = \"Only English\"",
        "Text.",
    );

    let s = states(&site);
    assert_eq!(state(&s, "stories/a", "en"), "original");
    assert_eq!(state(&s, "stories/a", "ka"), "untracked");
    assert_eq!(state(&s, "stories/b", "hy"), "missing");

    let r = run(site.root(), &["translated", "stories/a"]);
    assert!(r.ok(), "{}", r.stderr);
    let s = states(&site);
    assert_eq!(
        (state(&s, "stories/a", "ka"), state(&s, "stories/a", "hy")),
        ("translated".into(), "translated".into())
    );
    // The YAML file keeps its BOM and Windows line endings.
    let hy = std::fs::read_to_string(site.root().join("content/stories/a/index.hy.md")).unwrap();
    assert!(
        hy.starts_with('\u{feff}')
            && hy.contains("source_hash: \"")
            && !hy.replace("\r\n", "").contains('\n'),
        "{hy:?}"
    );
    site.build_ok();

    // Only spacing changes: still current. A real change: both translations go stale.
    site.page(
        "content/stories/a/index.en.md",
        "title = \"Rights\"",
        "The   original\ntext.",
    );
    assert_eq!(state(&states(&site), "stories/a", "ka"), "translated");
    site.page(
        "content/stories/a/index.en.md",
        "title = \"Rights\"",
        "The original text, now longer.",
    );
    let s = states(&site);
    assert_eq!(
        (state(&s, "stories/a", "ka"), state(&s, "stories/a", "hy")),
        ("stale".into(), "stale".into())
    );
    let text = run(site.root(), &["status"]);
    assert!(
        text.stdout
            .contains("ka: 0/2 translated, 1 stale, 1 missing"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("hy: 0/2 translated, 1 stale, 1 missing"),
        "{}",
        text.stdout
    );

    // The translator updates Georgian only and marks it.
    let r = run(site.root(), &["translated", "stories/a", "--lang", "ka"]);
    assert!(r.ok(), "{}", r.stderr);
    let s = states(&site);
    assert_eq!(
        (state(&s, "stories/a", "ka"), state(&s, "stories/a", "hy")),
        ("translated".into(), "stale".into())
    );
    assert_eq!(
        s["totals"][1],
        serde_json::json!(["ka", {"translated": 1, "stale": 0, "missing": 1, "pages": 2}])
    );

    // Unknown pages and languages are explained.
    let r = run(site.root(), &["translated", "stories/nope"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("there is no page `stories/nope`") && r.stderr.contains("hint:"),
        "{}",
        r.stderr
    );
    let r = run(site.root(), &["translated", "stories/b", "--lang", "hy"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("no `hy` translation"), "{}", r.stderr);
}

#[test]
fn the_example_site_is_fully_tracked() {
    let r = run(&repo_root(), &["status"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("ka: 13/13 translated, 0 stale, 0 missing"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("hy: 12/13 translated, 0 stale, 1 missing"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("STALE"), "{}", r.stdout);
}

#[test]
fn the_status_report_is_a_valid_page_a_coordinator_can_send_on() {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "");
    site.page("content/_index.ka.md", "title = \"მთავარი\"", "");
    site.page(
        "content/stories/a/index.en.md",
        "title = \"A <b>\"",
        "Text.",
    );
    site.page("content/stories/a/index.ka.md", "title = \"ა\"", "ტექსტი.");
    run(site.root(), &["translated", "stories/a"]);
    site.page(
        "content/stories/a/index.en.md",
        "title = \"A <b>\"",
        "Changed text.",
    );
    let report = tempfile::tempdir().unwrap();
    let file = report.path().join("status.html");
    let r = run(site.root(), &["status", "--html", &file.to_string_lossy()]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        r.stdout.contains("ka: "),
        "the table is still printed: {}",
        r.stdout
    );
    let doc = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(
        texts(&doc, "thead th"),
        vec!["Page", "English (en)", "ქართული (ka)", "Հայերեն (hy)"]
    );
    assert_eq!(texts(&doc, "tbody th"), vec!["(home)", "stories/a"]);
    assert_eq!(
        texts(&doc, "tbody tr:nth-child(2) td"),
        vec!["original", "stale", "missing"]
    );
    assert_eq!(attrs(&doc, "td.stale", "class").len(), 1);
    assert!(
        texts(&doc, "li").contains(&"ქართული (ka): 1/2 translated, 1 stale, 0 missing".to_string())
    );
    // Valid HTML by the W3C checker, and accessible table headers.
    assert_eq!(gates::html_validity(report.path()), Vec::<String>::new());
    assert_eq!(attrs(&doc, "th[scope=row]", "scope").len(), 2);
}
