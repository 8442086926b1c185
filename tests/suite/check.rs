//! `passage check`: every problem, grouped by file with line numbers and a fix, without
//! publishing anything; exit code 0 when clean, 1 with errors (or warnings with --strict).

use crate::common::*;

#[test]
fn a_clean_site_passes_and_nothing_is_published() {
    let site = TestSite::new();
    for lang in ["en", "ka", "hy"] {
        site.page(
            &format!("content/about.{lang}.md"),
            "title = \"About\"",
            "Text.",
        );
    }
    let r = run(site.root(), &["check"]);
    assert!(r.ok(), "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("No problems found."), "{}", r.stdout);
    assert!(!site.public().exists(), "check must not publish anything");
}

#[test]
fn every_problem_is_listed_by_file_with_line_and_fix() {
    let site = TestSite::new();
    site.page(
        "content/stories/a/index.en.md",
        "title = \"A\"\ntitel = \"typo\"",
        "x",
    );
    site.page(
        "content/stories/b/index.en.md",
        "title = \"B\"",
        "First.\n\n![](photo.jpg)\n\nSee [the plan](@/stories/plan).",
    );
    site.page(
        "content/stories/b/index.ka.md",
        "title = \"ბ\"\nsource_hash = \"0000000000000000\"",
        "ტექსტი.",
    );
    site.page(
        "content/stories/plan/index.en.md",
        "title = \"Plan\"\ndraft = true",
        "Not yet.",
    );
    site.page("content/about.en.md", "title = \"About\"", "One.");
    site.page(
        "content/about/index.en.md",
        "title = \"About again\"",
        "Two.",
    );
    site.write("locales/hy/extra.ftl", "broken = { $x\n");

    let r = run(site.root(), &["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    let out = &r.stdout;
    for expected in [
        "content/stories/a/index.en.md\n  3:1     error    front matter: unknown field `titel`",
        "fix: did you mean `title`?",
        "content/stories/b/index.en.md\n",
        "error    image `photo.jpg` not found beside the page",
        "warning  a photo has no description (alt text)",
        "error    link to a draft: `@/stories/plan` is not published yet",
        "content/stories/b/index.ka.md\n  -       warning  the English (en) text changed after this translation was made",
        "fix: update the translation, then run `passage translated stories/b --lang ka`",
        "content/stories/b/index.hy.md\n  -       warning  not translated into Հայերեն (hy) yet",
        "error    this page is also written in content/about/index.en.md",
        "locales/hy/extra.ftl\n  1:1     error    Fluent syntax error",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    assert!(out.lines().last().unwrap().ends_with("warnings."), "{out}");

    let json = run(site.root(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON report");
    assert!(report["errors"].as_u64().unwrap() >= 5, "{report}");
    let first = &report["problems"][0];
    for key in ["severity", "file", "line", "column", "message", "hint"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
}

#[test]
fn strict_mode_fails_on_warnings() {
    let site = TestSite::new();
    site.page("content/about.en.md", "title = \"About\"", "Only English.");
    let r = run(site.root(), &["check"]);
    assert!(r.ok(), "warnings alone pass: {}", r.stdout);
    assert!(
        r.stdout.contains("not translated into ქართული (ka) yet"),
        "{}",
        r.stdout
    );
    let strict = run(site.root(), &["check", "--strict"]);
    assert_eq!(strict.code, Some(1));
}

#[test]
fn links_to_headings_must_find_them() {
    let site = TestSite::new();
    site.page(
        "content/stories/a/index.en.md",
        "title = \"A\"",
        "## Where to get help\n\nText.",
    );
    site.page(
        "content/stories/b/index.en.md",
        "title = \"B\"",
        "## Our work\n\n[ok](@/stories/a#where-to-get-help) [ok too](#our-work) [also ok](../a/index.en.md#where-to-get-help)\n\n[bad](@/stories/a#help) and [bad too](#nothing-here)",
    );
    let r = run(site.root(), &["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("8:1     error    link to a missing heading: `#help` on `stories/a`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("fix: its headings are #where-to-get-help; fix the part after #"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("link to a missing heading: `#nothing-here` on `stories/b`"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.matches("missing heading").count(),
        2,
        "{}",
        r.stdout
    );
}

#[test]
fn ui_strings_no_template_uses_are_reported() {
    let site = TestSite::new();
    for lang in ["en", "ka", "hy"] {
        site.page(
            &format!("content/about.{lang}.md"),
            "title = \"About\"",
            "Text.",
        );
    }
    site.write(
        "locales/en/extra.ftl",
        "# Extra strings\nforgotten-button = Donate\n",
    );
    let r = run(site.root(), &["check"]);
    assert!(r.stdout.contains("locales/en/extra.ftl\n  2:1     warning  UI string `forgotten-button` is not used by any template"), "{}", r.stdout);
    // A template that computes keys makes the check unsure, so it stays quiet.
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}{% set k = \"forgotten-button\" %}{{ t(key=k) }}{% endblock main %}");
    let r = run(site.root(), &["check"]);
    assert!(
        !r.stdout.contains("not used by any template"),
        "{}",
        r.stdout
    );
}

#[test]
fn tags_outside_a_configured_list_are_reported_with_a_suggestion() {
    let site = TestSite::with_config(&format!(
        "{SITE_TOML}\n[tags]\nen = [\"media\", \"awareness\"]\nka = [\"მედია\"]\n"
    ));
    site.page(
        "content/stories/a/index.en.md",
        "title = \"A\"\ndate = 2024-01-01\ntags = [\"media\", \"awarness\"]",
        "Text.",
    );
    site.write(
        "content/stories/a/index.ka.md",
        "---\ntitle: ა\ndate: 2024-01-01\ntags:\n  - მედია\n  - ახალი\n---\nტექსტი.\n",
    );
    // Armenian has no list: any tag goes.
    site.page(
        "content/stories/a/index.hy.md",
        "title = \"Ա\"\ndate = 2024-01-01\ntags = [\"ինչ-որ\"]",
        "Տեքստ.",
    );
    let r = run(site.root(), &["check"]);
    let out = &r.stdout;
    for expected in [
        "content/stories/a/index.en.md\n  4       warning  the tag `awarness` is not in the tag list of `en`",
        "fix: did you mean `awareness`? Or add `awarness` to tags.en in site.toml",
        "content/stories/a/index.ka.md\n  4       warning  the tag `ახალი` is not in the tag list of `ka`",
        "fix: use one of მედია, or add `ახალი` to tags.ka in site.toml",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    assert!(!out.contains("ինչ-որ"), "{out}");
    // A list for a language the site does not have is a mistake in site.toml.
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[tags]\nfr = [\"médias\"]\n"),
    );
    let r = run(site.root(), &["check"]);
    assert_eq!(r.code, Some(1));
    assert!(
        format!("{}{}", r.stdout, r.stderr).contains("[tags] has a list for `fr`"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

/// Every file under `dir` with its size and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, meta.len(), meta.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn check_on_a_fresh_copy_of_the_example_site_encodes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for part in ["content", "photos", "locales", "themes"] {
        copy_dir(&repo_root().join(part), &root.join(part));
    }
    std::fs::copy(repo_root().join("site.toml"), root.join("site.toml")).unwrap();
    let before = snapshot(root);
    let r = run(root, &["check"]);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    assert_eq!(snapshot(root), before, "check wrote or changed files");
    assert!(!root.join(".passage").exists() && !root.join("public").exists());

    // Damaged photos are still found: check decodes every photo, it only skips encoding.
    let story = root.join("content/stories/photo-exhibit-journeys");
    let cover = std::fs::read(story.join("mountain-path.jpg")).unwrap();
    std::fs::write(story.join("mountain-path.jpg"), &cover[..cover.len() / 3]).unwrap();
    std::fs::write(story.join("bomb.png"), bomb_png()).unwrap();
    let text = std::fs::read_to_string(story.join("index.en.md")).unwrap();
    std::fs::write(
        story.join("index.en.md"),
        format!("{text}\n\n![A bomb](bomb.png)\n\n![Not there](missing.jpg)\n"),
    )
    .unwrap();
    let before = snapshot(root);
    let r = run(root, &["check"]);
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    for (what, words) in [
        ("mountain-path.jpg", "incomplete"),
        ("bomb.png", "megapixels"),
        ("missing.jpg", "missing.jpg"),
    ] {
        let at = out
            .find(&format!("photo-exhibit-journeys/{what}"))
            .or_else(|| out.find(what))
            .unwrap_or_else(|| panic!("{what} not reported:\n{out}"));
        let report = &out[at..];
        assert!(report.contains(words), "{what}: {report}");
    }
    assert_eq!(snapshot(root), before, "check wrote or changed files");
}
