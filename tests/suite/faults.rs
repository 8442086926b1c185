//! Builds killed at random moments (SIGKILL, as a crash or a closed laptop would): the
//! previous site stays whole, no cache entry is cut short, and the next build is the same,
//! byte for byte, as one from a clean cache.

use std::process::Command;
use std::time::Instant;

use crate::common::*;

const IMAGES: &str = "\n[images]\nwidths = [160, 320]\nformats = [\"webp\"]\n";

/// Stories in two languages with photos, so a build spends time in Markdown, in encoding
/// and in writing.
fn fault_site(version: u32) -> TestSite {
    let site = TestSite::with_config(&format!("{SITE_TOML}{IMAGES}"));
    site.page("content/_index.en.md", "title = \"Home\"", "Hello.");
    site.page("content/_index.ka.md", "title = \"მთავარი\"", "გამარჯობა.");
    for i in 0..12 {
        let text: String = (0..40)
            .map(|p| format!("Paragraph {p} of story {i}, version {version}.\n\n"))
            .collect();
        for lang in ["en", "ka"] {
            site.page(
                &format!("content/stories/s{i}/index.{lang}.md"),
                &format!("title = \"Story {i}\"\ndate = 2024-01-{:02}", i + 1),
                &format!("![A photo](photo.jpg)\n\n{text}"),
            );
        }
        // Each version has new photos, so the killed builds are encoding too.
        let shade = (i * 20 + version * 7) as u8;
        let photo = image::RgbImage::from_fn(480, 360, |x, y| {
            image::Rgb([shade, (x % 256) as u8, (y % 256) as u8])
        });
        photo
            .save_with_format(
                site.root().join(format!("content/stories/s{i}/photo.jpg")),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
    }
    site
}

/// Every entry of the caches reads back whole: pictures decode, their descriptions parse,
/// search indexes load.
fn cache_is_whole(site: &TestSite) {
    let caches = site.root().join(".passage/cache");
    for entry in walkdir::WalkDir::new(&caches)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().is_file() || name.starts_with('.') {
            continue; // a temporary file of a killed build: never read as an entry
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let whole = match name.rsplit('.').next() {
            Some("json") => serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            Some("bin") if name.starts_with("pages-") => passage::last_pages::is_whole(&bytes),
            Some("bin")
                if entry
                    .path()
                    .parent()
                    .is_some_and(|p| p.ends_with("markdown")) =>
            {
                passage::markdown::stored::is_whole(&bytes)
            }
            Some("bin")
                if entry
                    .path()
                    .parent()
                    .is_some_and(|p| p.ends_with("sources")) =>
            {
                passage::content::record::is_whole(&bytes)
            }
            Some("bin") => {
                let search = passage::cache::Cache::new(site.root(), "search");
                passage::search::cache::get(&search, &name).is_some()
            }
            _ => image::load_from_memory(&bytes).is_ok(),
        };
        assert!(whole, "cut short: {}", entry.path().display());
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_whole() {
    let site = fault_site(1);
    site.build_ok();
    let before = tree(&site.public());
    // The next version, and what it gives from a clean cache (timed, to spread the kills).
    let next = fault_site(2);
    let started = Instant::now();
    next.build_ok();
    let cold = started.elapsed();
    let started = Instant::now();
    next.build_ok();
    let warm = started.elapsed();
    let expected = tree(&next.public());
    copy_dir(&next.root().join("content"), &site.root().join("content"));

    let kills: u32 = std::env::var("PASSAGE_FAULT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let mut swapped = 0;
    for k in 0..kills {
        // Moments spread over the whole build, from start-up to the swap, the last ones
        // past it.
        // Every other build starts from an empty cache, so kills land while photos are
        // encoded and entries written, not only while a cached site is copied out.
        let took = if k % 2 == 0 {
            let _ = std::fs::remove_dir_all(site.root().join(".passage/cache"));
            cold
        } else {
            warm
        };
        let at = took.mul_f64((f64::from(k) + 0.5) / f64::from(kills) * 1.1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_passage"))
            .args(["build", "--quiet", "--root"])
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let finished = child.wait().unwrap().success();
        let now = tree(&site.public());
        if now == expected {
            swapped += 1;
        } else {
            assert!(swapped == 0, "kill {k}: a finished site was replaced");
            assert!(
                now == before,
                "kill {k} at {at:?} (finished: {finished}): public/ is neither the old site nor the new"
            );
        }
        cache_is_whole(&site);
    }
    site.build_ok();
    assert_eq!(tree(&site.public()), expected, "the same as a clean build");
    cache_is_whole(&site);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The spare is the previous site, kept for the next build to update.
        .filter(|n| n.contains(".passage-") && !n.ends_with(".passage-spare"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "killed builds' folders remain: {leftovers:?}"
    );
    eprintln!(
        "{kills} builds killed (a build takes {cold:?} cold, {warm:?} warm); {swapped} after the swap"
    );
    // Timing depends on the machine's load: only a few kills need to land before the swap
    // for the test to mean something.
    assert!(
        kills - swapped >= 3,
        "too few kills landed before the swap ({swapped} of {kills} after it)"
    );
}
