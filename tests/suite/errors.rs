//! Bad input: every problem is reported at once with file, line and a hint; the build exits
//! non-zero and never replaces or destroys what was there before.

use crate::common::*;

fn good_site() -> TestSite {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "Hello.");
    site.page(
        "content/stories/ok/index.en.md",
        "title = \"Fine\"\ndate = 2022-01-01",
        "Fine text.",
    );
    site
}

#[test]
fn every_problem_is_reported_at_once_with_file_line_and_hint() {
    let site = good_site();
    site.page(
        "content/stories/typo/index.en.md",
        "title = \"Typo\"\ntitel = \"again\"",
        "x",
    );
    site.write("content/stories/empty/index.ka.md", "");
    site.write(
        "content/stories/unclosed/index.hy.md",
        "+++\ntitle = \"never closed\"\n\nText\n",
    );
    site.page(
        "content/stories/link/index.en.md",
        "title = \"Links\"",
        "First line.\n\nSee [gone](@/stories/does-not-exist).",
    );
    site.write("locales/ka/broken.ftl", "good = fine\nbad = { $x\n");
    site.write(
        "content/stories/fr/index.fr.md",
        "+++\ntitle = \"Bonjour\"\n+++\n",
    );
    site.page(
        "content/stories/cover/index.en.md",
        "title = \"Cover\"\ncover = \"missing.jpg\"",
        "x",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let err = &run.stderr;
    let expect = [
        "error: content/stories/typo/index.en.md:3:1: front matter: unknown field `titel`",
        "did you mean `title`?",
        "error: content/stories/empty/index.ka.md: the file is empty",
        "error: content/stories/unclosed/index.hy.md:1:1: the front matter is never closed",
        "error: content/stories/link/index.en.md:6:5: link to a missing page: `@/stories/does-not-exist`",
        "error: locales/ka/broken.ftl:2:1: Fluent syntax error",
        "error: content/stories/fr/index.fr.md: this file is for language `fr`, which site.toml does not list",
        "error: content/stories/cover/index.en.md: the cover `missing.jpg` is not beside the page",
        "Build failed with 7 errors",
    ];
    for line in expect {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    assert!(
        err.matches("hint:").count() >= 7,
        "every error has a hint:\n{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = good_site();
    site.write("templates/story.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n{{ page.subtitle }}\n{% endblock main %}\n");
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("templates/story.html:4:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("subtitle"), "{}", run.stderr);

    site.write(
        "templates/story.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if page.title %}\n{% endblock main %}\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("templates/story.html:"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_site_toml_is_explained() {
    let site = good_site();
    site.write(
        "site.toml",
        &SITE_TOML.replace("per_page = 2", "per_page = 2\ncolour = \"red\""),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("error: site.toml:4:1: unknown field `colour`"),
        "{}",
        run.stderr
    );
    let missing = tempfile::tempdir().unwrap();
    let run = run_in(missing.path());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("site.toml") && run.stderr.contains("hint:"),
        "{}",
        run.stderr
    );
}

fn run_in(root: &std::path::Path) -> Run {
    run(root, &["build"])
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = good_site();
    site.build_ok();
    let before = site.read("en/stories/ok/index.html");
    site.page(
        "content/stories/ok/index.en.md",
        "title = \"Changed\"\ndate = 2022-01-01\nwhen = 1",
        "New text.",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("previous output was left as it was"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("en/stories/ok/index.html"), before);
    // No half-written staging folders are left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("passage-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // And a good build replaces it.
    site.page(
        "content/stories/ok/index.en.md",
        "title = \"Changed\"\ndate = 2022-01-01",
        "New text.",
    );
    site.build_ok();
    assert_eq!(
        text(&site.html("en/stories/ok/index.html"), "h1"),
        "Changed"
    );
}

#[test]
fn output_folders_that_are_not_previous_builds_are_refused() {
    let site = good_site();
    let root = site.root().to_string_lossy().into_owned();
    for target in [
        root.clone(),
        format!("{root}/content"),
        format!("{root}/content/stories"),
        format!("{root}/.."),
    ] {
        let run = site.build(&["--output", &target]);
        assert_eq!(run.code, Some(1), "{target}: {}", run.stderr);
        assert!(
            run.stderr.contains("refusing to write the site here"),
            "{}",
            run.stderr
        );
    }
    assert!(
        site.root().join("content/stories/ok/index.en.md").is_file(),
        "content survived"
    );
    let docs = site.root().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("mine.txt"), "keep me").unwrap();
    let run = site.build(&["--output", &docs.to_string_lossy()]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        std::fs::read_to_string(docs.join("mine.txt")).unwrap(),
        "keep me"
    );
    // A new folder, or a previous build, is fine.
    let out = site.root().join("elsewhere/site");
    let run = site.build(&["--output", &out.to_string_lossy()]);
    assert!(run.ok(), "{}", run.stderr);
    let run = site.build(&["--output", &out.to_string_lossy()]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(out.join("en/index.html").is_file());
}

#[test]
fn summary_line_counts_pages_per_language() {
    let site = good_site();
    let r = run(site.root(), &["build"]);
    assert!(r.ok(), "{}", r.stderr);
    let line = r.stdout.lines().last().unwrap_or_default();
    assert!(line.starts_with("Built "), "{line}");
    assert!(
        line.contains("en ") && line.contains("ka ") && line.contains("hy "),
        "{line}"
    );
    let quiet = site.build(&[]);
    assert!(
        quiet.stdout.is_empty(),
        "--quiet prints nothing on success: {}",
        quiet.stdout
    );
}

#[test]
fn a_second_build_while_one_runs_is_refused_and_changes_nothing() {
    let site = good_site();
    site.build_ok();
    let before = tree(&site.public());
    // A build holds the site's lock for as long as it runs (here: this test holds it).
    let lock = std::fs::File::open(site.root().join(".passage/build.lock")).unwrap();
    lock.try_lock().unwrap();
    site.page("content/about.en.md", "title = \"About\"", "Changed words.");
    let refused = site.build(&[]);
    assert!(!refused.ok());
    assert!(
        refused
            .stderr
            .contains("another passage build of this site is running"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        tree(&site.public()),
        before,
        "the refused build wrote nothing"
    );
    // Checking writes nothing, so it does not wait for the lock.
    assert!(run(site.root(), &["check"]).ok());
    drop(lock);
    site.build_ok();
    assert!(site.read("en/about/index.html").contains("Changed words."));
}
