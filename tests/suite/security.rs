//! What a build must never do, whatever the input: read or publish files from outside the
//! site's folder.

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
