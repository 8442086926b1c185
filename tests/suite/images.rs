//! Photos: every published image is a fresh, metadata-free rendition, laid out as a
//! responsive `<picture>`; originals never reach the output. Checked by reading the files back
//! and by exiftool, which nobody here wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::gates;
use crate::common::*;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// Small widths and no AVIF, so these tests stay fast; AVIF has a test of its own.
const IMAGES: &str =
    "\n[images]\nwidths = [160, 320]\nformats = [\"webp\"]\nbackground = \"#fdfcfa\"\n";

fn photo_site(extra: &str) -> TestSite {
    TestSite::with_config(&format!("{SITE_TOML}{IMAGES}{extra}"))
}

fn exiftool() -> &'static str {
    let ok = Command::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "exiftool is needed (Debian: libimage-exiftool-perl); scripts/test installs it"
    );
    "exiftool"
}

fn save_jpeg(img: &RgbImage, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    img.save_with_format(path, image::ImageFormat::Jpeg)
        .unwrap();
}

fn halves(w: u32, h: u32, left: [u8; 3], right: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(w, h, |x, _| Rgb(if x < w / 2 { left } else { right }))
}

/// Output files of the page's photos, by format, read from the `<picture>` markup.
fn picture_files(site: &TestSite, page: &str) -> Vec<(String, PathBuf, u32)> {
    let doc = site.html(page);
    let mut out = Vec::new();
    for srcset in attrs(&doc, "picture source", "srcset")
        .into_iter()
        .chain(attrs(&doc, "picture img", "srcset"))
    {
        for item in srcset.split(", ") {
            let (url, w) = item.split_once(' ').unwrap();
            let w: u32 = w.trim_end_matches('w').parse().unwrap();
            out.push((url.to_string(), file_for_url(&site.public(), url), w));
        }
    }
    out
}

fn decode(path: &Path) -> image::DynamicImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn close(a: [u8; 3], b: [u8; 3], tolerance: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (*x as i32 - y as i32).abs() <= tolerance)
}

#[test]
fn photos_become_responsive_pictures_with_placeholders() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/s");
    save_jpeg(
        &halves(800, 400, [200, 30, 30], [30, 30, 200]),
        &dir.join("cover.jpg"),
    );
    save_jpeg(
        &halves(600, 450, [20, 120, 20], [240, 240, 240]),
        &dir.join("ფოტო ერთი.jpg"),
    );
    save_jpeg(
        &halves(120, 90, [9, 9, 9], [99, 99, 99]),
        &dir.join("small.jpg"),
    );
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Photos\"\ndate = 2022-01-01\ncover = \"cover.jpg\"\ncover_alt = \"Red and blue\"",
        "Text.\n\n![Green and white](ფოტო%20ერთი.jpg \"A caption & more\")\n\nA small one: ![Tiny grey](small.jpg) inline. [Full size](cover.jpg)\n",
    );
    site.build_ok();
    let doc = site.html("en/stories/s/index.html");
    // Cover first, loaded at once; the rest lazily.
    let imgs = attrs(&doc, "picture img", "alt");
    assert_eq!(imgs, vec!["Red and blue", "Green and white", "Tiny grey"]);
    assert_eq!(
        attrs(&doc, "picture img[fetchpriority=high]", "alt"),
        vec!["Red and blue"]
    );
    assert_eq!(attrs(&doc, "picture img[loading=lazy]", "alt").len(), 2);
    // A photo alone in its paragraph becomes a figure with its title as caption.
    assert_eq!(text(&doc, "figure.photo figcaption"), "A caption & more");
    assert!(
        attrs(&doc, "p picture img", "alt").contains(&"Tiny grey".to_string()),
        "inline photos stay inline"
    );
    // Intrinsic size prevents layout shift; never larger than the original.
    assert_eq!(
        attrs(&doc, "picture img", "width"),
        vec!["320", "320", "120"]
    );
    assert_eq!(
        attrs(&doc, "picture img", "height"),
        vec!["160", "240", "90"]
    );
    assert_eq!(attrs(&doc, "picture source", "type"), vec!["image/webp"; 3]);
    assert!(
        attrs(&doc, "picture img", "sizes")
            .iter()
            .all(|s| !s.is_empty())
    );
    for style in attrs(&doc, "picture img", "style") {
        assert!(
            style.contains("data:image/webp;base64,"),
            "placeholder: {style}"
        );
    }
    // Every srcset entry exists, has the declared width and the original's aspect ratio.
    let files = picture_files(&site, "en/stories/s/index.html");
    assert_eq!(files.len(), 2 + 2 + 1 + 2 + 2 + 1);
    for (url, file, w) in &files {
        let img = decode(file);
        assert_eq!(img.width(), *w, "{url}");
        assert!(
            url.starts_with("/img/") && url.is_ascii(),
            "content-addressed ASCII name: {url}"
        );
    }
    // A link to a photo leads to its largest rendition, not the original.
    let link = attrs(&doc, ".prose a", "href")
        .into_iter()
        .find(|h| h.starts_with("/img/"))
        .expect("photo link");
    assert!(link.ends_with("-320.jpg"), "{link}");
    // A share image for social media, absolute, 1200×630.
    let og = attrs(&doc, "meta[property='og:image']", "content").remove(0);
    assert!(og.starts_with("https://campaign.example.org/img/"), "{og}");
    let share = decode(&file_for_url(
        &site.public(),
        og.trim_start_matches("https://campaign.example.org"),
    ));
    assert_eq!((share.width(), share.height()), (1200, 630));
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        vec!["summary_large_image"]
    );
}

#[test]
fn orientation_colour_depth_and_transparency_come_out_right() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/c");
    // EXIF Orientation 6: stored landscape (left red, right blue), shown rotated 90° clockwise.
    save_jpeg(
        &halves(400, 200, [220, 20, 20], [20, 20, 220]),
        &dir.join("rotated.jpg"),
    );
    let ok = Command::new(exiftool())
        .args(["-q", "-overwrite_original", "-Orientation=6", "-n"])
        .arg(dir.join("rotated.jpg"))
        .status()
        .unwrap();
    assert!(ok.success());
    // CMYK JPEG as print designers export it (Adobe convention, inverted: 0 = full ink): pure cyan.
    let cmyk: Vec<u8> = std::iter::repeat_n([0u8, 255, 255, 255], 64 * 64)
        .flatten()
        .collect();
    let mut comp = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_CMYK);
    comp.set_size(64, 64);
    comp.set_quality(95.0);
    let mut started = comp.start_compress(Vec::new()).unwrap();
    started.write_scanlines(&cmyk).unwrap();
    std::fs::write(dir.join("cmyk.jpg"), started.finish().unwrap()).unwrap();
    // Greyscale and 16-bit PNGs.
    image::GrayImage::from_pixel(200, 100, image::Luma([128]))
        .save(dir.join("grey.png"))
        .unwrap();
    image::ImageBuffer::<Rgb<u16>, Vec<u16>>::from_pixel(200, 100, Rgb([65535, 0, 0]))
        .save(dir.join("deep.png"))
        .unwrap();
    // Transparent left half, opaque blue right half.
    RgbaImage::from_fn(200, 100, |x, _| {
        if x < 100 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([0, 0, 255, 255])
        }
    })
    .save(dir.join("alpha.png"))
    .unwrap();
    // Display P3 photo: its colours must be converted to sRGB, not reinterpreted.
    let p3 = moxcms::ColorProfile::new_display_p3();
    let raw = [200u8, 40, 40];
    let mut bytes = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 98);
    enc.set_icc_profile(p3.encode().unwrap()).unwrap();
    enc.write_image(
        RgbImage::from_pixel(64, 64, Rgb(raw)).as_raw(),
        64,
        64,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    std::fs::write(dir.join("p3.jpg"), &bytes).unwrap();
    let mut expected = [0u8; 3];
    p3.create_transform_8bit(
        moxcms::Layout::Rgb,
        &moxcms::ColorProfile::new_srgb(),
        moxcms::Layout::Rgb,
        moxcms::TransformOptions::default(),
    )
    .unwrap()
    .transform(&raw, &mut expected)
    .unwrap();
    assert!(
        !close(raw, expected, 10),
        "the test colour must differ between P3 and sRGB"
    );

    let body = [
        "rotated.jpg",
        "cmyk.jpg",
        "grey.png",
        "deep.png",
        "alpha.png",
        "p3.jpg",
    ]
    .iter()
    .map(|f| format!("![{f}]({f})\n"))
    .collect::<Vec<_>>()
    .join("\n");
    site.page(
        "content/stories/c/index.en.md",
        "title = \"Colours\"",
        &body,
    );
    site.build_ok();
    let doc = site.html("en/stories/c/index.html");
    let sizes: Vec<(String, String)> = attrs(&doc, "picture img", "width")
        .into_iter()
        .zip(attrs(&doc, "picture img", "height"))
        .collect();
    assert_eq!(
        sizes[0],
        ("200".into(), "400".into()),
        "orientation applied before resizing"
    );
    let jpeg_srcs: Vec<PathBuf> = attrs(&doc, "picture img", "src")
        .iter()
        .map(|u| file_for_url(&site.public(), u))
        .collect();
    let rotated = decode(&jpeg_srcs[0]).to_rgb8();
    assert!(
        close(rotated.get_pixel(100, 20).0, [220, 20, 20], 40),
        "top is red: {:?}",
        rotated.get_pixel(100, 20)
    );
    assert!(
        close(rotated.get_pixel(100, 380).0, [20, 20, 220], 40),
        "bottom is blue"
    );
    let cmyk = decode(&jpeg_srcs[1]).to_rgb8().get_pixel(32, 32).0;
    assert!(
        cmyk[0] < 80 && cmyk[1] > 170 && cmyk[2] > 170,
        "CMYK cyan stays cyan: {cmyk:?}"
    );
    let grey = decode(&jpeg_srcs[2]).to_rgb8().get_pixel(100, 50).0;
    assert!(close(grey, [128, 128, 128], 4), "{grey:?}");
    let deep = decode(&jpeg_srcs[3]).to_rgb8().get_pixel(100, 50).0;
    assert!(close(deep, [255, 0, 0], 6), "16-bit red: {deep:?}");
    let flat = decode(&jpeg_srcs[4]).to_rgb8();
    assert!(
        close(flat.get_pixel(20, 50).0, [0xfd, 0xfc, 0xfa], 6),
        "transparent areas on the background, never black: {:?}",
        flat.get_pixel(20, 50)
    );
    let webp_of_alpha = attrs(&doc, "picture source", "srcset")[4]
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let webp = decode(&file_for_url(&site.public(), &webp_of_alpha)).to_rgba8();
    assert!(
        webp.get_pixel(8, 40)[3] < 10 && webp.get_pixel(150, 40)[3] > 245,
        "WebP keeps the transparency"
    );
    let p3_out = decode(&jpeg_srcs[5]).to_rgb8().get_pixel(32, 32).0;
    assert!(
        close(p3_out, expected, 8),
        "Display P3 converted to sRGB: got {p3_out:?}, expected {expected:?}"
    );
}

#[test]
fn no_metadata_survives_and_no_original_is_copied() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/gps");
    save_jpeg(
        &halves(400, 300, [90, 60, 30], [30, 60, 90]),
        &dir.join("phone.jpg"),
    );
    RgbImage::from_fn(300, 200, |x, y| Rgb([x as u8, y as u8, 77]))
        .save(dir.join("screen.png"))
        .unwrap();
    let webp = passage::images::process::encode_webp(
        &passage::images::Pixels::Rgb(halves(300, 200, [1, 2, 3], [200, 100, 50])),
        80,
    )
    .unwrap();
    std::fs::write(dir.join("shared.webp"), webp).unwrap();
    let originals = ["phone.jpg", "screen.png", "shared.webp"];
    for f in originals {
        let status = Command::new(exiftool())
            .args([
                "-q",
                "-overwrite_original",
                "-GPSLatitude=41.7151",
                "-GPSLatitudeRef=N",
                "-GPSLongitude=44.8271",
                "-GPSLongitudeRef=E",
                "-Model=SecretPhone 9",
                "-SerialNumber=SN123456",
                "-XMP:Creator=Private Person",
                "-Comment=taken at the shelter",
            ])
            .arg(dir.join(f))
            .status()
            .unwrap();
        assert!(status.success(), "{f}");
        let check = Command::new(exiftool())
            .args(["-s", "-GPSLatitude"])
            .arg(dir.join(f))
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&check.stdout).contains("41"),
            "fixture {f} carries GPS"
        );
    }
    site.page(
        "content/stories/gps/index.en.md",
        "title = \"GPS\"\ncover = \"phone.jpg\"\ncover_alt = \"A phone photo\"",
        "![A screenshot](screen.png)\n\n![A shared photo](shared.webp)\n\n[Download the original](phone.jpg)",
    );
    site.build_ok();
    let published: Vec<PathBuf> = walkdir::WalkDir::new(site.public().join("img"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    assert!(published.len() >= 3 * 5, "{}", published.len());
    let out = Command::new(exiftool())
        .args(["-j", "-G", "-a"])
        .args(&published)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("exiftool JSON");
    for file in json.as_array().unwrap() {
        for key in file.as_object().unwrap().keys() {
            let group = key.split(':').next().unwrap();
            assert!(
                ![
                    "EXIF",
                    "XMP",
                    "IPTC",
                    "GPS",
                    "MakerNotes",
                    "ICC_Profile",
                    "Photoshop"
                ]
                .contains(&group)
                    && !key.contains("Comment")
                    && !key.contains("GPS"),
                "{} still carries {key}",
                file["SourceFile"]
            );
        }
    }
    // No published file is a copy of an original, anywhere in the output.
    let originals: Vec<Vec<u8>> = originals
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect();
    for (_, bytes) in tree(&site.public()) {
        assert!(
            !originals.contains(&bytes),
            "an original was copied into the output"
        );
    }
    let html = site.read("en/stories/gps/index.html");
    assert!(
        !html.contains("phone.jpg") && !html.contains("SecretPhone") && !html.contains("shelter")
    );
}

#[test]
fn unchanged_photos_are_never_encoded_twice_and_a_changed_one_alone_is() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/cache");
    save_jpeg(
        &halves(400, 300, [10, 20, 30], [40, 50, 60]),
        &dir.join("a.jpg"),
    );
    save_jpeg(
        &halves(400, 300, [70, 80, 90], [100, 110, 120]),
        &dir.join("b.jpg"),
    );
    site.page(
        "content/stories/cache/index.en.md",
        "title = \"Cache\"",
        "![A](a.jpg)\n\n![B](b.jpg)",
    );
    let summary = |r: &Run| r.stdout.lines().last().unwrap_or_default().to_string();
    let first = run(site.root(), &["build"]);
    assert!(first.ok(), "{}", first.stderr);
    // Two photos × (2 widths × 2 formats + 1 share image).
    assert!(
        summary(&first).contains("2 photos (10 files encoded, 0 from cache)"),
        "{}",
        summary(&first)
    );
    let second = run(site.root(), &["build"]);
    assert!(
        summary(&second).contains("(0 files encoded, 10 from cache)"),
        "{}",
        summary(&second)
    );
    let before = tree(&site.public());
    save_jpeg(
        &halves(400, 300, [250, 20, 30], [40, 50, 60]),
        &dir.join("a.jpg"),
    );
    let third = run(site.root(), &["build"]);
    assert!(
        summary(&third).contains("(5 files encoded, 5 from cache)"),
        "{}",
        summary(&third)
    );
    // b.jpg kept its URLs, so hosts can cache them forever.
    let b_urls = |s: &TestSite| {
        attrs(
            &s.html("en/stories/cache/index.html"),
            "img[alt=B]",
            "srcset",
        )
    };
    assert_eq!(b_urls(&site), {
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(
            &before
                .iter()
                .find(|(p, _)| p.ends_with("cache/index.html"))
                .unwrap()
                .1,
        ));
        attrs(&doc, "img[alt=B]", "srcset")
    });
    // A deleted cache entry, or a leftover from a killed build, is simply made again.
    let cache = site.root().join(".passage/cache/images");
    let used = attrs(
        &site.html("en/stories/cache/index.html"),
        "img[alt=B]",
        "src",
    )
    .remove(0);
    // Entries sit in one folder per photo, named by the published file name.
    let name = used.rsplit('/').next().unwrap();
    let victim = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy() == name)
        .expect("the rendition is cached")
        .into_path();
    std::fs::remove_file(&victim).unwrap();
    std::fs::write(cache.join(".x.webp.tmp-999"), b"half").unwrap();
    let fourth = run(site.root(), &["build"]);
    assert!(
        summary(&fourth).contains("(1 files encoded, 9 from cache)"),
        "{}",
        summary(&fourth)
    );
    // --clean-cache empties it.
    let fifth = run(site.root(), &["build", "--clean-cache"]);
    assert!(
        summary(&fifth).contains("(10 files encoded, 0 from cache)"),
        "{}",
        summary(&fifth)
    );
}

#[test]
fn avif_is_offered_first_and_reads_back_with_its_colours_and_transparency() {
    let site = TestSite::with_config(&format!(
        "{SITE_TOML}\n[images]\nwidths = [64]\nformats = [\"avif\", \"webp\"]\navif_speed = 10\n"
    ));
    let dir = site.root().join("content/stories/a");
    save_jpeg(
        &halves(96, 64, [200, 100, 0], [0, 100, 200]),
        &dir.join("a.jpg"),
    );
    // Left half see-through, right half opaque green.
    let alpha = RgbaImage::from_fn(96, 64, |x, _| {
        if x < 48 {
            Rgba([255, 0, 0, 0])
        } else {
            Rgba([30, 160, 60, 255])
        }
    });
    alpha.save(dir.join("alpha.png")).unwrap();
    site.page(
        "content/stories/a/index.en.md",
        "title = \"AVIF\"",
        "![Orange and blue](a.jpg)\n\n![Green on nothing](alpha.png)",
    );
    site.build_ok();
    let doc = site.html("en/stories/a/index.html");
    assert_eq!(
        attrs(&doc, "picture source", "type"),
        vec!["image/avif", "image/webp", "image/avif", "image/webp"]
    );
    let avifs: Vec<Vec<u8>> = attrs(&doc, "source[type='image/avif']", "srcset")
        .iter()
        .map(|s| std::fs::read(file_for_url(&site.public(), s.split(' ').next().unwrap())).unwrap())
        .collect();
    assert_eq!(&avifs[0][4..12], b"ftypavif", "an AVIF file");
    // Read back by libavif's own decoder: the right size, the right colours, no alpha invented.
    let photo = passage::images::process::avif::decode(&avifs[0]).unwrap();
    assert_eq!(photo.dimensions(), (64, 43));
    let (left, right) = (photo.get_pixel(10, 20).0, photo.get_pixel(54, 20).0);
    assert!(
        close([left[0], left[1], left[2]], [200, 100, 0], 20),
        "orange: {left:?}"
    );
    assert!(
        close([right[0], right[1], right[2]], [0, 100, 200], 20),
        "blue: {right:?}"
    );
    assert_eq!(
        (left[3], right[3]),
        (255, 255),
        "an opaque photo stays opaque"
    );
    let clear = passage::images::process::avif::decode(&avifs[1]).unwrap();
    let (hole, green) = (clear.get_pixel(8, 20).0, clear.get_pixel(56, 20).0);
    assert!(hole[3] < 10, "AVIF keeps the transparency: {hole:?}");
    assert!(
        green[3] > 245 && close([green[0], green[1], green[2]], [30, 160, 60], 20),
        "{green:?}"
    );
}

#[test]
fn bad_photos_are_all_reported_with_the_page_that_uses_them() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/bad");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("corrupt.jpg"),
        b"\xff\xd8\xff\xe0 this is not really a jpeg",
    )
    .unwrap();
    let mut good = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut good, 90)
        .write_image(
            halves(400, 300, [1, 2, 3], [4, 5, 6]).as_raw(),
            400,
            300,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    std::fs::write(dir.join("truncated.jpg"), &good[..good.len() / 2]).unwrap();
    std::fs::write(dir.join("notes.png"), "just some text").unwrap();
    std::fs::write(dir.join("bomb.png"), bomb_png()).unwrap();
    std::fs::write(dir.join("drawing.bmp"), b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x18\x00\x00\x00\x00\x00\x04\x00\x00\x00\x13\x0b\x00\x00\x13\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\x00").unwrap();
    site.page(
        "content/stories/bad/index.en.md",
        "title = \"Bad\"",
        "![a](corrupt.jpg)\n\n![b](truncated.jpg)\n\n![c](notes.png)\n\n![d](bomb.png)\n\n![e](drawing.bmp)\n\n![f](missing.jpg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let err = &run.stderr;
    assert!(!err.contains("panicked"), "{err}");
    for (file, words) in [
        ("corrupt.jpg", "damaged"),
        ("truncated.jpg", "incomplete"),
        ("notes.png", "not a photo"),
        ("bomb.png", "megapixels"),
        ("drawing.bmp", "not supported"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("content/stories/bad/{file}")))
            .unwrap_or_else(|| panic!("{file} not reported:\n{err}"));
        assert!(line.contains(words), "{file}: {line}");
    }
    assert!(
        err.contains("used by content/stories/bad/index.en.md"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/bad/index.en.md:14:1: image `missing.jpg` not found"),
        "{err}"
    );
    assert!(err.contains("Build failed with 6 errors"), "{err}");
}

#[test]
fn templates_can_lay_out_photos_themselves() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/t");
    save_jpeg(
        &halves(500, 250, [10, 200, 10], [200, 10, 10]),
        &dir.join("a.jpg"),
    );
    site.page(
        "content/stories/t/index.en.md",
        "title = \"T\"\ntemplate = \"gallery.html\"",
        "Text.",
    );
    site.write(
        "templates/gallery.html",
        "<!DOCTYPE html><html lang=\"en\"><title>g</title>{% set img = image(path=\"content/stories/t/a.jpg\", widths=[100, 200], sizes=\"50vw\", alt=\"Green & red\") %}<div id=\"g\">{{ img.html }}</div><p id=\"w\">{{ img.width }}x{{ img.height }} {{ img.renditions | length }}</p></html>",
    );
    site.build_ok();
    let doc = site.html("en/stories/t/index.html");
    assert_eq!(text(&doc, "#w"), "200x100 4");
    assert_eq!(attrs(&doc, "#g img", "alt"), vec!["Green & red"]);
    assert_eq!(attrs(&doc, "#g img", "sizes"), vec!["50vw"]);
    for (_, file, w) in picture_files(&site, "en/stories/t/index.html") {
        assert_eq!(decode(&file).width(), w);
    }
    // A photo path outside the site, or a missing one, is a template error naming the photo.
    site.write(
        "templates/gallery.html",
        "{% set i = image(path=\"../secret.jpg\") %}{{ i.html }}",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("templates/gallery.html:1:") && run.stderr.contains("../secret.jpg"),
        "{}",
        run.stderr
    );
}

/// Photos and files written as raw HTML are treated like their Markdown forms: a raw `<img>`
/// of a photo with GPS becomes the same processed, metadata-free `<picture>`, a raw link to a
/// file publishes it, and what cannot be published is reported with its line.
#[test]
fn raw_html_photos_and_files_are_published_like_markdown() {
    let site = photo_site("");
    let dir = site.root().join("content/stories/raw");
    save_jpeg(
        &halves(400, 300, [90, 60, 30], [30, 60, 90]),
        &dir.join("gps.jpg"),
    );
    save_jpeg(
        &halves(400, 300, [10, 60, 30], [30, 60, 10]),
        &dir.join("md.jpg"),
    );
    let status = Command::new(exiftool())
        .args([
            "-q",
            "-overwrite_original",
            "-GPSLatitude=41.7151",
            "-GPSLatitudeRef=N",
        ])
        .arg(dir.join("gps.jpg"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(dir.join("report.pdf"), "%PDF-1.4 report").unwrap();
    std::fs::write(dir.join("film.mp4"), "not really a film").unwrap();
    let body = "![A field](md.jpg \"Markdown photo\")\n\n\
        <figure><img\n  src=\"gps.jpg\" alt=\"Harbour &amp; boats at dawn\">\n<figcaption>Dawn</figcaption></figure>\n\n\
        <p>Read <a href=\"report.pdf\">the report</a>, see <a href=\"gps.jpg\">the photo</a>.</p>\n\n\
        <video controls><source src=\"film.mp4\"></video>\n";
    site.page(
        "content/stories/raw/index.en.md",
        "title = \"Raw\"\ndate = 2024-01-01",
        body,
    );
    let r = site.build_ok();
    // The front matter takes lines 1–4; the <video> is on the body's 9th line.
    assert!(
        r.stderr.contains(
            "warning: content/stories/raw/index.en.md:13:1: a <video> element removed from the raw HTML"
        ),
        "{}",
        r.stderr
    );
    let page = "en/stories/raw/index.html";
    let doc = site.html(page);
    // Both photos are responsive pictures, the Markdown one too (the page has raw HTML).
    assert_eq!(
        attrs(&doc, "picture source", "type"),
        ["image/webp", "image/webp"]
    );
    assert_eq!(
        attrs(&doc, "picture img", "alt"),
        ["A field", "Harbour & boats at dawn"]
    );
    assert_eq!(texts(&doc, "figcaption"), ["Markdown photo", "Dawn"]);
    let html = site.read(page);
    assert!(
        !html.contains("gps.jpg") && !html.contains("md.jpg"),
        "{html}"
    );
    for (_, file, _) in picture_files(&site, page) {
        assert!(file.is_file(), "{}", file.display());
    }
    let links = attrs(&doc, ".prose a, article a", "href");
    assert!(links.iter().any(|l| l == "report.pdf"), "{links:?}");
    let photo_link = links
        .iter()
        .find(|l| l.starts_with("/img/"))
        .expect("photo link");
    assert!(file_for_url(&site.public(), photo_link).is_file());
    assert_eq!(site.read("en/stories/raw/report.pdf"), "%PDF-1.4 report");
    assert!(
        !site.exists("en/stories/raw/film.mp4"),
        "a removed element publishes nothing"
    );
    let originals = [dir.join("gps.jpg"), dir.join("md.jpg")];
    assert_eq!(
        gates::privacy(&site.public(), &originals),
        Vec::<String>::new()
    );

    // Missing targets are errors with file and line, like Markdown's.
    site.page(
        "content/stories/raw/index.en.md",
        "title = \"Raw\"\ndate = 2024-01-01",
        "Text.\n\n<img src=\"nope.jpg\" alt=\"Gone\">\n\n<p><a href=\"gone.pdf\">gone</a> <img srcset=\"nope@2x.jpg 2x\" alt=\"x\"></p>\n",
    );
    let r = site.build(&[]);
    assert!(!r.ok(), "{}", r.stderr);
    for expected in [
        "content/stories/raw/index.en.md:7:1: image `nope.jpg` not found beside the page",
        "content/stories/raw/index.en.md:9:4: link to a missing page: `gone.pdf`",
        "content/stories/raw/index.en.md:9:32: image `nope@2x.jpg` not found beside the page",
    ] {
        assert!(
            r.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            r.stderr
        );
    }
}
