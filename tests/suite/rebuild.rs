//! Rebuilds of a site that exists: what changes in `public/` after an edit, as the tools that
//! upload it see it (`rsync -a`, which decides by size and modification time), and that a
//! rebuild gives the same bytes as a build from nothing.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::common::*;

/// A three-language site with a home page, a story list and `n` stories with tags.
fn stories_site(n: usize) -> TestSite {
    // The partner's logo is laid out by the footer template with `image()`, on every page.
    let config = format!(
        "{SITE_TOML}\n[images]\nwidths = [40]\nformats = [\"webp\"]\n\n[[partners]]\nname = \"Agency\"\nlogo = \"partners/agency.jpg\"\n"
    );
    let site = TestSite::with_config(&config);
    std::fs::create_dir_all(site.root().join("partners")).unwrap();
    photo(&site, "partners/agency.jpg", [20, 120, 60]);
    let names = [
        ("en", "Stories", "rights"),
        ("ka", "ისტორიები", "უფლებები"),
        ("hy", "Պատմություններ", "իրավունքներ"),
    ];
    for (lang, list, tag) in names {
        site.page(
            &format!("content/_index.{lang}.md"),
            "title = \"Home\"",
            "Welcome.",
        );
        site.page(
            &format!("content/stories/_index.{lang}.md"),
            &format!("title = \"{list}\"\nweight = 1"),
            "",
        );
        for i in 1..=n {
            site.page(
                &format!("content/stories/s{i}/index.{lang}.md"),
                &format!(
                    "title = \"{list} {i}\"\ndate = 2026-11-{:02}\nsummary = \"Story {i}.\"\ntags = [\"{tag}\", \"t{}\"]",
                    i % 28 + 1,
                    i % 3
                ),
                &format!("## {list} {i}\n\nText of story {i} in {lang}, with [a link](@/stories/s1)."),
            );
        }
    }
    site
}

/// Sets every file and folder under `dir` to a time long past, so that a rebuild in the same
/// second is still told apart by a tool that compares times to the second.
fn age(dir: &Path) {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000);
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.unwrap();
        std::fs::File::open(entry.path())
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
}

fn rsync(args: &[&str], from: &Path, to: &Path) -> String {
    let out = Command::new("rsync")
        .args(args)
        .arg(format!("{}/", from.display()))
        .arg(format!("{}/", to.display()))
        .output()
        .expect("rsync is needed by this test (scripts/test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What `rsync -a` would send: files and folders it lists.
fn would_send(public: &Path, mirror: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let listed = rsync(&["-a", "--dry-run", "--itemize-changes"], public, mirror);
    let (mut files, mut folders) = (BTreeSet::new(), BTreeSet::new());
    for line in listed.lines() {
        let (flags, path) = line.split_once(' ').unwrap();
        match flags.as_bytes()[1] {
            b'f' => files.insert(path.to_string()),
            b'd' => folders.insert(path.trim_end_matches('/').to_string()),
            _ => panic!("unexpected rsync line: {line}"),
        };
    }
    (files, folders)
}

/// Files of `public` that are new or whose bytes differ from `mirror`'s.
fn changed_files(public: &Path, mirror: &Path) -> BTreeSet<String> {
    tree(public)
        .into_iter()
        .filter(|(name, bytes)| std::fs::read(mirror.join(name)).ok().as_ref() != Some(bytes))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn uploads_after_an_edit_send_only_the_files_that_changed() {
    let site = stories_site(8);
    site.build_ok();
    age(&site.public());
    let mirror = tempfile::tempdir().unwrap();
    rsync(&["-a"], &site.public(), mirror.path());

    // Nothing changed: nothing to send, not even a folder.
    site.build_ok();
    assert_eq!(
        would_send(&site.public(), mirror.path()),
        Default::default()
    );

    // One story's English title changes: its page, its neighbours (which link to it), the
    // list pages (two stories a page), tags, feed and search files that show it.
    let story = site.read_source("content/stories/s3/index.en.md");
    site.write(
        "content/stories/s3/index.en.md",
        &story.replace("Stories 3", "Stories three"),
    );
    site.build_ok();
    let changed = changed_files(&site.public(), mirror.path());
    let (files, folders) = would_send(&site.public(), mirror.path());
    assert_eq!(
        files, changed,
        "rsync sends exactly the files whose bytes changed"
    );
    for page in [
        "en/stories/s3/index.html",
        "en/stories/page/3/index.html",
        "en/tags/rights/page/3/index.html",
        "en/atom.xml",
    ] {
        assert!(
            changed.contains(page),
            "{page} shows the new title: {changed:?}"
        );
    }
    for page in [
        "ka/stories/s3/index.html",
        "hy/stories/index.html",
        "en/stories/s8/index.html",
        "ka/atom.xml",
    ] {
        assert!(
            !changed.contains(page),
            "{page} is not sent again: {changed:?}"
        );
    }
    assert!(
        changed.len() < tree(&site.public()).len() / 3,
        "{} of {}",
        changed.len(),
        tree(&site.public()).len()
    );
    // Folders are listed only where a file was added or removed (the search index's new parts).
    for folder in &folders {
        let names = |d: &Path| {
            std::fs::read_dir(d.join(folder)).map_or(BTreeSet::new(), |r| {
                r.map(|e| e.unwrap().file_name()).collect::<BTreeSet<_>>()
            })
        };
        assert_ne!(
            names(&site.public()),
            names(mirror.path()),
            "{folder} is listed but has the same files"
        );
    }

    // And the rebuilt output is what a build from nothing makes.
    let clean = tempfile::tempdir().unwrap();
    let fresh = clean.path().join("out");
    let r = site.build(&["--output", fresh.to_str().unwrap()]);
    assert!(r.ok(), "{}", r.stderr);
    assert_eq!(
        gates::identical(&site.public(), &fresh),
        Vec::<String>::new()
    );
}

#[test]
fn a_page_changed_in_the_output_by_hand_is_made_again() {
    let site = stories_site(3);
    site.build_ok();
    // The next build reuses the minified pages of this one where their HTML is the same.
    site.build_ok();
    let page = site.public().join("ka/stories/s2/index.html");
    let made = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, made.replace("</h1>", " (edited on the server)</h1>")).unwrap();
    site.build_ok();
    assert_eq!(std::fs::read_to_string(&page).unwrap(), made);
    let clean = tempfile::tempdir().unwrap();
    let fresh = clean.path().join("out");
    let r = site.build(&["--output", fresh.to_str().unwrap()]);
    assert!(r.ok(), "{}", r.stderr);
    assert_eq!(
        gates::identical(&site.public(), &fresh),
        Vec::<String>::new()
    );
}

/// A build of the same sources in a new folder, with no cache and no previous output.
fn clean_build(site: &TestSite) -> tempfile::TempDir {
    let clean = tempfile::tempdir().unwrap();
    for part in ["site.toml", "content", "locales", "themes", "partners"] {
        let from = site.root().join(part);
        if from.is_dir() {
            copy_dir(&from, &clean.path().join(part));
        } else {
            std::fs::copy(&from, clean.path().join(part)).unwrap();
        }
    }
    let r = run(clean.path(), &["build", "--quiet"]);
    assert!(r.ok(), "{}", r.stderr);
    clean
}

/// Replaces the first `from` in a file of the site.
fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read_source(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

/// One change to a site's sources.
type Step = Box<dyn Fn(&TestSite)>;

/// A small photo of one colour at `rel` in the site.
fn photo(site: &TestSite, rel: &str, rgb: [u8; 3]) {
    image::RgbImage::from_pixel(48, 32, image::Rgb(rgb))
        .save_with_format(site.root().join(rel), image::ImageFormat::Jpeg)
        .unwrap();
}

#[test]
fn rebuilds_after_edits_of_every_kind_are_what_a_clean_build_makes() {
    let site = stories_site(9);
    site.build_ok();
    // Each step changes the sources one way; each rebuild must equal a clean build.
    let steps: Vec<(&str, Step)> = vec![
        (
            "a story's text",
            Box::new(|s| {
                edit(
                    s,
                    "content/stories/s2/index.ka.md",
                    "Text of story",
                    "The new text of story",
                )
            }),
        ),
        (
            "a story's title",
            Box::new(|s| {
                edit(
                    s,
                    "content/stories/s5/index.en.md",
                    "Stories 5",
                    "Stories five",
                )
            }),
        ),
        (
            "a story added",
            Box::new(|s| {
                s.page(
                    "content/stories/s10/index.en.md",
                    "title = \"A new story\"\ndate = 2026-12-01\ntags = [\"rights\", \"new\"]",
                    "Just written.",
                );
            }),
        ),
        (
            // As `cp -p` or an unzipped backup leaves it: changed, but with a time long past.
            "a story replaced by an older copy",
            Box::new(|s| {
                edit(
                    s,
                    "content/stories/s1/index.hy.md",
                    "Text of story",
                    "Old text",
                );
                let older = SystemTime::UNIX_EPOCH + Duration::from_secs(1_400_000_000);
                std::fs::File::options()
                    .write(true)
                    .open(s.root().join("content/stories/s1/index.hy.md"))
                    .unwrap()
                    .set_modified(older)
                    .unwrap();
            }),
        ),
        (
            "a story deleted",
            Box::new(|s| std::fs::remove_dir_all(s.root().join("content/stories/s3")).unwrap()),
        ),
        (
            "a story renamed",
            Box::new(|s| {
                std::fs::rename(
                    s.root().join("content/stories/s4"),
                    s.root().join("content/stories/renamed"),
                )
                .unwrap();
            }),
        ),
        (
            "a story made a draft",
            Box::new(|s| {
                edit(
                    s,
                    "content/stories/s6/index.hy.md",
                    "title =",
                    "draft = true\ntitle =",
                )
            }),
        ),
        (
            "a tag added",
            Box::new(|s| {
                edit(
                    s,
                    "content/stories/s7/index.en.md",
                    "tags = [",
                    "tags = [\"added\", ",
                )
            }),
        ),
        (
            // Shown on the story page and laid out by the lists' templates with `image()`.
            "a cover photo added",
            Box::new(|s| {
                photo(s, "content/stories/s8/cover.jpg", [200, 90, 30]);
                edit(
                    s,
                    "content/stories/s8/index.en.md",
                    "title =",
                    "cover = \"cover.jpg\"\ncover_alt = \"A road\"\ntitle =",
                )
            }),
        ),
        (
            "a cover photo replaced",
            Box::new(|s| photo(s, "content/stories/s8/cover.jpg", [30, 90, 200])),
        ),
        (
            "a partner's logo replaced",
            Box::new(|s| photo(s, "partners/agency.jpg", [120, 20, 60])),
        ),
        (
            "a theme's stylesheet",
            Box::new(|s| {
                edit(
                    s,
                    "themes/default/static/style.css",
                    "}",
                    "}\n.added-by-a-test { color: red }",
                )
            }),
        ),
        (
            "a template",
            Box::new(|s| {
                edit(
                    s,
                    "themes/default/templates/partials/footer.html",
                    "</footer>",
                    "<p>A new line in the footer.</p></footer>",
                )
            }),
        ),
        (
            "a UI string",
            Box::new(|s| {
                edit(
                    s,
                    "locales/ka/main.ftl",
                    "more-stories = ",
                    "more-stories = სხვა ",
                )
            }),
        ),
        (
            "the settings",
            Box::new(|s| {
                edit(
                    s,
                    "site.toml",
                    "title = \"Campaign\"",
                    "title = \"Campaign, renamed\"",
                )
            }),
        ),
        ("nothing", Box::new(|_| {})),
    ];
    // Both ways of putting a build in place are met: a few files moved into the output one by
    // one, or the spare folder made the whole build and exchanged with it.
    let mut ways = std::collections::BTreeSet::new();
    for (what, change) in steps {
        let before = tree(&site.public());
        let folder = folder_id(&site.public());
        // Files not changed by the step are old, as on a real site: the build trusts what it
        // recorded of them instead of reading them again.
        age(&site.root().join("content"));
        change(&site);
        site.build_ok();
        ways.insert(folder == folder_id(&site.public()));
        assert_eq!(
            before == tree(&site.public()),
            what == "nothing",
            "the output changes with {what}"
        );
        let clean = clean_build(&site);
        assert_eq!(
            gates::identical(&site.public(), &clean.path().join("public")),
            Vec::<String>::new(),
            "after {what} was changed"
        );
    }
    #[cfg(unix)]
    assert_eq!(ways.len(), 2, "both ways were taken");
}

/// Device and inode of a folder, to tell whether it was exchanged for another.
fn folder_id(dir: &Path) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(dir).unwrap();
        (m.dev(), m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        (0, 0)
    }
}
