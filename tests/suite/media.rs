//! Video and audio in stories: published as copies without place, device or owner (checked by
//! exiftool, which nobody here wrote), with captions in every language, a poster, what playing
//! costs, a transcript, and played by real headless Chromium.

use std::path::Path;
use std::process::Command;

use crate::common::gates::{
    MEDIA_TAGS, StaticServer, accessibility, browser_script, html_validity, privacy,
};
use crate::common::{TestSite, attrs, texts};

/// Makes a clip with ffmpeg (installed by scripts/test) from `args` into `out`.
fn ffmpeg(args: &[&str], out: &Path) {
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .arg(out)
        .status()
        .expect("ffmpeg is needed (Debian: ffmpeg); scripts/test installs it");
    assert!(status.success(), "ffmpeg could not make {}", out.display());
}

/// A one-second 160×90 H.264 film with sound, carrying what a phone records: the place (as
/// QuickTime user data and as Apple's keys), the device and the owner's name.
fn phone_film(out: &Path) {
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x90:rate=10:duration=1",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=1",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            "-metadata",
            "location=+41.7151+044.8271/",
            "-metadata",
            "artist=Nino Beridze",
            "-metadata",
            "title=At home in Tbilisi",
            "-movflags",
            "use_metadata_tags",
            "-metadata",
            "com.apple.quicktime.location.ISO6709=+41.7151+044.8271+000.000/",
            "-metadata",
            "com.apple.quicktime.make=Apple",
            "-metadata",
            "com.apple.quicktime.model=iPhone 14",
        ],
        out,
    );
}

/// A one-colour still (`colour`, `size` as `WxH`): a poster, or cover art.
fn still(colour: &str, size: &str, out: &Path) {
    let source = format!("color=c={colour}:size={size}");
    ffmpeg(&["-f", "lavfi", "-i", &source, "-frames:v", "1"], out);
}

/// A second of sound with ID3 tags and cover art, as a phone's voice memo or a podcast has.
fn tagged_mp3(out: &Path) {
    let folder = tempfile::tempdir().unwrap();
    let cover = folder.path().join("cover.jpg");
    still("red", "64x64", &cover);
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=330:duration=1",
            "-i",
            cover.to_str().unwrap(),
            "-map",
            "0:a",
            "-map",
            "1:v",
            "-c:v",
            "mjpeg",
            "-disposition:v",
            "attached_pic",
            "-metadata",
            "artist=Nino Beridze",
            "-metadata",
            "comment=recorded at 12 Rustaveli Ave",
            "-id3v2_version",
            "3",
        ],
        out,
    );
}

/// The exiftool tags of `file` that say where, on what or by whom it was recorded.
fn revealing_tags(file: &Path) -> Vec<String> {
    let out = Command::new("exiftool")
        .args(["-j", "-G", "-a", "-q"])
        .arg(file)
        .output()
        .expect("exiftool is needed (Debian: libimage-exiftool-perl); scripts/test installs it");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json[0]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| {
            k.contains("GPS")
                || k.starts_with("ID3")
                || MEDIA_TAGS.iter().any(|t| k.split(':').nth(1) == Some(*t))
        })
        .cloned()
        .collect()
}

const STORY: &str = "title = \"Voices\"\ndate = 2026-03-01";

/// A story with a film (captions in en and ka, one in a language the site lacks), a recording,
/// and a link to the film.
fn site_with_clips() -> TestSite {
    let site = TestSite::new();
    let dir = site.root().join("content/stories/voices");
    phone_film(&dir.join("film.mp4"));
    site.write(
        "content/stories/voices/film.en.vtt",
        "WEBVTT\n\nNOTE filmed at Nino's flat, 12 Rustaveli Ave\n\n00:00:00.000 --> 00:00:00.400\n<v Nino>I came <i>alone</i>.\n\n00:00:00.400 --> 00:00:01.000\nThen my family followed.\n",
    );
    site.write(
        "content/stories/voices/film.ka.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nმარტო ჩამოვედი.\n",
    );
    site.write(
        "content/stories/voices/film.fr.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nJe suis venue seule.\n",
    );
    tagged_mp3(&dir.join("voice.mp3"));
    site.write(
        "content/stories/voices/voice.en.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nThis is my voice.\n",
    );
    let body = "Nino tells her story.\n\n![Nino speaks to the camera](film.mp4 \"Nino in Tbilisi. Film: N. N.\")\n\n![Nino reads her letter](voice.mp3)\n\nThe [film as a file](film.mp4).\n";
    site.page("content/stories/voices/index.en.md", STORY, body);
    site.page(
        "content/stories/voices/index.ka.md",
        "title = \"ხმები\"\ndate = 2026-03-01",
        &body.replace("Nino tells her story.", "ნინო თავის ამბავს ყვება."),
    );
    site
}

#[test]
fn clips_are_published_without_place_device_or_owner_with_captions_and_transcript() {
    let site = site_with_clips();
    let run = site.build_ok();
    // The caption file in a language the site does not have is named, not published.
    assert!(
        run.stderr.contains("film.fr.vtt") && run.stderr.contains("`fr`"),
        "{}",
        run.stderr
    );
    let media = site.public().join("media");
    let files: Vec<String> = std::fs::read_dir(&media)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(files.iter().any(|f| f.ends_with(".mp4")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(".mp3")), "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| !f.contains("film") && !f.contains("voice")),
        "original names are published: {files:?}"
    );
    // exiftool finds the planted tags in the originals and none in what is published.
    let original = revealing_tags(&site.root().join("content/stories/voices/film.mp4"));
    assert!(
        original.iter().any(|k| k.contains("GPS")),
        "the fixture carries no place: {original:?}"
    );
    assert!(
        original.iter().any(|k| k.ends_with(":Model")),
        "{original:?}"
    );
    assert!(!revealing_tags(&site.root().join("content/stories/voices/voice.mp3")).is_empty());
    for f in &files {
        let tags = revealing_tags(&media.join(f));
        assert!(tags.is_empty(), "{f} carries {tags:?}");
    }
    assert_eq!(privacy(&site.public(), &[]), Vec::<String>::new());
    let originals = [
        std::fs::read(site.root().join("content/stories/voices/film.mp4")).unwrap(),
        std::fs::read(site.root().join("content/stories/voices/voice.mp3")).unwrap(),
    ];
    for f in &files {
        assert!(
            !originals.contains(&std::fs::read(media.join(f)).unwrap()),
            "{f} is an original"
        );
        let text = std::fs::read(media.join(f)).unwrap();
        assert!(
            !String::from_utf8_lossy(&text).contains("Rustaveli"),
            "{f} keeps a NOTE or tag"
        );
    }

    let en = site.html("en/stories/voices/index.html");
    let video = "figure.media.video video";
    assert_eq!(attrs(&en, video, "width"), ["160"]);
    assert_eq!(attrs(&en, video, "height"), ["90"]);
    assert_eq!(attrs(&en, video, "preload"), ["none"]);
    assert_eq!(
        attrs(&en, video, "aria-label"),
        ["Nino speaks to the camera"]
    );
    let poster = &attrs(&en, video, "poster")[0];
    assert!(
        poster.starts_with("/img/") && site.exists(poster),
        "{poster}"
    );
    assert_eq!(
        attrs(&en, &format!("{video} track"), "srclang"),
        ["en", "ka"]
    );
    assert_eq!(
        attrs(&en, &format!("{video} track"), "label"),
        ["English", "ქართული"]
    );
    assert_eq!(
        attrs(&en, &format!("{video} track"), "kind"),
        ["captions", "captions"]
    );
    assert_eq!(
        attrs(&en, &format!("{video} track[default]"), "srclang"),
        ["en"]
    );
    let src = &attrs(&en, &format!("{video} source"), "src")[0];
    assert!(src.starts_with("/media/") && site.exists(src), "{src}");
    // Links to the film lead to the same copy, never to the original.
    assert!(
        attrs(&en, "article a", "href")
            .iter()
            .all(|h| !h.contains("film.mp4"))
    );
    assert!(attrs(&en, "a", "href").iter().filter(|h| *h == src).count() >= 3);
    let facts = texts(&en, "figure.media.video .media-facts");
    assert!(
        facts[0].starts_with("0:01 · 0.") && facts[0].contains(" MB · Download the video"),
        "{facts:?}"
    );
    assert_eq!(
        texts(&en, "figure.media.video .media-caption"),
        ["Nino in Tbilisi. Film: N. N."]
    );
    assert_eq!(
        texts(&en, "figure.media.video .transcript p"),
        ["Nino: I came alone.", "Then my family followed."]
    );
    for track in attrs(&en, &format!("{video} track"), "src") {
        assert!(
            !site.read(&track).contains("Rustaveli"),
            "a NOTE was published"
        );
    }
    assert_eq!(
        attrs(&en, "figure.media.audio audio source", "type"),
        ["audio/mpeg"]
    );
    assert_eq!(
        texts(&en, "figure.media.audio .transcript p"),
        ["This is my voice."]
    );

    // Georgian readers get their own captions by default, their words and their numbers.
    let ka = site.html("ka/stories/voices/index.html");
    assert_eq!(
        attrs(&ka, &format!("{video} track[default]"), "srclang"),
        ["ka"]
    );
    let facts = texts(&ka, "figure.media.video .media-facts");
    assert!(
        facts[0].contains("0,") && facts[0].contains("მბ"),
        "{facts:?}"
    );
    assert_eq!(
        texts(&ka, "figure.media.video .transcript p"),
        ["მარტო ჩამოვედი."]
    );
    // The recording has English words only: its transcript says which language it is in.
    assert_eq!(
        attrs(&ka, "figure.media.audio .transcript div", "lang"),
        ["en"]
    );
}

#[test]
fn the_same_clips_give_the_same_files_and_check_writes_nothing() {
    let site = site_with_clips();
    let check = crate::common::run(site.root(), &["check"]);
    assert!(check.ok(), "{}", check.stderr);
    assert!(
        !site.root().join(".passage/cache/media").exists(),
        "check wrote the media cache"
    );
    site.build_ok();
    let first = crate::common::tree(&site.public().join("media"));
    std::fs::remove_dir_all(site.root().join(".passage")).unwrap();
    site.build_ok();
    assert_eq!(first, crate::common::tree(&site.public().join("media")));
}

#[test]
fn bad_clips_and_captions_are_reported_at_once_with_file_line_and_fix() {
    let site = TestSite::with_config(&format!(
        "{}\n[media]\nmax_megabytes = 1\n",
        crate::common::SITE_TOML
    ));
    let dir = site.root().join("content/stories/bad");
    phone_film(&dir.join("film.mp4"));
    site.write(
        "content/stories/bad/film.en.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n",
    );
    site.write(
        "content/stories/bad/film.ka.vtt",
        "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nbroken arrow\n",
    );
    site.write(
        "content/stories/bad/notes.mp4",
        "these are my notes, not a film\n",
    );
    std::fs::write(dir.join("huge.webm"), vec![0u8; 1_200_000]).unwrap();
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=64x64:rate=5:duration=1",
            "-c:v",
            "libx265",
            "-x265-params",
            "log-level=error",
            "-tag:v",
            "hvc1",
        ],
        &dir.join("iphone.mov"),
    );
    site.page("content/stories/bad/index.en.md", STORY, "Nothing yet.");
    site.build_ok();
    let before = crate::common::tree(&site.public());
    let body = "![a](film.mp4)\n\n![b](notes.mp4)\n\n![c](huge.webm)\n\n![d](iphone.mov)\n\n![e](missing.mp4)\n\n<video src=\"film.mp4\"></video>\n";
    site.page("content/stories/bad/index.en.md", STORY, body);
    let run = site.build(&[]);
    assert!(!run.ok());
    let e = &run.stderr;
    for expected in [
        "film.en.vtt:6",
        "ends before it starts",
        "film.ka.vtt:3",
        "notes.mp4",
        "cannot read it as video or audio",
        "huge.webm: the file is 1.2 MB, over the limit of 1 MB",
        "max_megabytes",
        "iphone.mov",
        "HEVC",
        "libx264",
        "`missing.mp4` not found beside the page",
        "index.en.md:15",
        "![what it shows](film.mp4",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in:\n{e}");
    }
    assert!(!e.contains("panicked"), "{e}");
    assert!(
        before == crate::common::tree(&site.public()),
        "a failed build changed public/"
    );
}

#[test]
fn a_video_plays_in_chromium_with_georgian_captions_and_nothing_shifts() {
    let site = site_with_clips();
    site.build_ok();
    let server = StaticServer::start(&site.public());
    let out = browser_script(
        "media.js",
        &[server.base.clone(), "/ka/stories/voices/".into()],
    );
    assert_eq!(out["errors"], serde_json::json!([]), "{out}");
    assert!(
        out["readyState"].as_u64().unwrap() >= 2,
        "the video did not play: {out}"
    );
    let tracks: Vec<(String, String)> = out["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t[0].as_str().unwrap().into(), t[2].as_str().unwrap().into()))
        .collect();
    assert!(
        tracks.contains(&("ka".into(), "showing".into())),
        "{tracks:?}"
    );
    assert!(
        tracks.contains(&("en".into(), "disabled".into())),
        "{tracks:?}"
    );
    assert_eq!(out["cue"], "მარტო ჩამოვედი.", "{out}");
    assert!(
        out["audioReadyState"].as_u64().unwrap() >= 2,
        "the recording did not play: {out}"
    );
    assert_eq!(
        out["shifts"],
        serde_json::json!([]),
        "the layout moved while loading: {out}"
    );
    assert_eq!(
        out["resized"],
        serde_json::Value::Null,
        "the player changed size: {out}"
    );
    assert_eq!(out["external"], serde_json::json!([]), "{out}");
}

#[test]
fn a_video_hosted_elsewhere_is_loaded_from_the_privacy_enhanced_player_only_after_play() {
    let site = TestSite::new();
    let dir = site.root().join("content/stories/film");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x180",
            "-frames:v",
            "1",
        ],
        &dir.join("poster.png"),
    );
    site.page(
        "content/stories/film/index.en.md",
        STORY,
        "Watch the campaign film.\n\n[![The campaign film: a road at dawn](poster.png \"Campaign film. IOM\")](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s)\n",
    );
    site.page("content/stories/other/index.en.md", STORY, "No film here.");
    site.build_ok();
    let en = site.html("en/stories/film/index.html");
    assert_eq!(
        attrs(&en, "figure.media.facade", "data-player"),
        ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=65"]
    );
    assert_eq!(
        texts(&en, "figure.facade .media-caption"),
        ["Campaign film. IOM"]
    );
    let notice = texts(&en, "figure.facade .facade-notice");
    assert!(notice[0].contains("YouTube"), "{notice:?}");
    assert!(
        attrs(&en, "script", "src")
            .iter()
            .any(|s| s.contains("facade"))
    );
    // Pages without such a video load no script for it.
    let other = site.html("en/stories/other/index.html");
    assert!(
        attrs(&other, "script", "src")
            .iter()
            .all(|s| !s.contains("facade"))
    );
    let ka = site.html("ka/stories/film/index.html");
    assert!(texts(&ka, "figure.facade .facade-notice")[0].contains("YouTube-დან"));

    let server = StaticServer::start(&site.public());
    let out = browser_script(
        "facade.js",
        &[server.base.clone(), "/en/stories/film/".into()],
    );
    assert_eq!(out["errors"], serde_json::json!([]), "{out}");
    assert_eq!(
        out["before"],
        serde_json::json!([]),
        "requested before play: {out}"
    );
    assert_eq!(out["framesBefore"], serde_json::json!([]), "{out}");
    let frames = out["framesAfter"].as_array().unwrap();
    assert_eq!(frames.len(), 1, "{out}");
    assert_eq!(
        frames[0][0],
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=65"
    );
    assert_eq!(frames[0][1], "The campaign film: a road at dawn");
    assert_eq!(frames[0][2], "strict-origin-when-cross-origin");
    for url in out["after"].as_array().unwrap() {
        assert!(
            url.as_str()
                .unwrap()
                .starts_with("https://www.youtube-nocookie.com/"),
            "after play, a request went elsewhere: {out}"
        );
    }
    assert_eq!(out["focused"], "IFRAME", "{out}");
    // Without JavaScript it is a plain link to the video, and nothing is loaded.
    assert_eq!(
        out["noJsLinks"],
        serde_json::json!(["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s"])
    );
    assert_eq!(out["noJsFrames"], 0);
    // The W3C checker and axe judge the facade's markup, in a left-to-right and a Georgian page.
    for lang in ["en", "ka"] {
        let pages = site.public().join(lang).join("stories/film");
        assert_eq!(html_validity(&pages), Vec::<String>::new());
    }
    let pages = [
        "/en/stories/film/".to_string(),
        "/ka/stories/film/".to_string(),
    ];
    assert_eq!(accessibility(&site.public(), &pages), Vec::<String>::new());
}

/// A journey told with a photo, a film and a recorded voice (its photo beside it).
const CLIP_JOURNEY: &str = r#"
[title]
en = "Voices"
ka = "ხმები"
hy = "Ձայներ"

[[photo]]
file = "film.mp4"
id = "film"
consent = "given"
credit = "Nino Beridze"
caption.en = "Nino on the road"
caption.ka = "ნინო გზაზე"
caption.hy = "Նինոն ճանապարհին"
alt.en = "Nino walks along a road and speaks"
alt.ka = "ნინო გზაზე მიდის და საუბრობს"
alt.hy = "Նինոն քայլում է ճանապարհով և խոսում"

[[photo]]
file = "voice.m4a"
id = "voice"
consent = "not-needed"
credit = "Studio Ani"
caption.en = "A letter home"
caption.ka = "წერილი სახლში"
caption.hy = "Նամակ տուն"
alt.en = "A letter read aloud"
alt.ka = "ხმამაღლა წაკითხული წერილი"
alt.hy = "Բարձրաձայն կարդացված նամակ"
"#;

fn files_under(dir: &Path) -> std::collections::BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

#[test]
fn journeys_show_clips_and_withdrawn_consent_removes_every_file_of_one() {
    let site = crate::exhibit::exhibit_site();
    let dir = site.root().join("photos/voices");
    phone_film(&dir.join("film.mp4"));
    still("green", "160x90", &dir.join("film.png"));
    site.write(
        "photos/voices/film.en.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nI walked for three days.\n",
    );
    ffmpeg(
        &["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac"],
        &dir.join("voice.m4a"),
    );
    site.write(
        "photos/voices/voice.en.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nDear mother,\n",
    );
    still("blue", "96x64", &dir.join("voice.jpg"));
    site.write("photos/voices/journey.toml", CLIP_JOURNEY);
    let run = site.build_ok();
    assert!(
        !run.stderr.contains("not listed"),
        "the recording's photo is part of it: {}",
        run.stderr
    );
    let check = crate::common::run(site.root(), &["check"]);
    assert!(
        check.ok(),
        "{:?} {}{}",
        check.code,
        check.stdout,
        check.stderr
    );

    let journey = site.html("ka/exhibit/voices/index.html");
    assert_eq!(attrs(&journey, "li.photo[data-media]", "id").len(), 2);
    assert_eq!(
        texts(&journey, ".media-badge"),
        ["ვიდეო · 0:01", "ჩანაწერი · 0:01"]
    );
    let film = site.html("en/exhibit/voices/film/index.html");
    let src = attrs(&film, "figure.media.video video source", "src");
    assert_eq!(src.len(), 1);
    assert_eq!(attrs(&film, "video track", "srclang"), ["en"]);
    assert_eq!(texts(&film, ".transcript p"), ["I walked for three days."]);
    let voice = site.html("en/exhibit/voices/voice/index.html");
    assert_eq!(
        attrs(&voice, "figure.media.audio audio source", "type"),
        ["audio/mp4"]
    );
    assert_eq!(
        privacy(&site.public(), &[dir.join("film.mp4")]),
        Vec::<String>::new()
    );

    // Everything published of the film: the copy, its captions and its poster's sizes.
    let mut film_files = vec![src[0].clone()];
    film_files.extend(attrs(&film, "video track", "src"));
    film_files.extend(attrs(&film, "video", "poster"));
    for lang in ["en", "ka", "hy"] {
        let page = site.html(&format!("{lang}/exhibit/voices/film/index.html"));
        film_files.extend(
            attrs(&page, "meta[property='og:image']", "content")
                .iter()
                .map(|u| {
                    u.trim_start_matches("https://campaign.example.org")
                        .to_string()
                }),
        );
    }
    let journey_en = site.html("en/exhibit/voices/index.html");
    for srcset in attrs(
        &journey_en,
        "li#photo-film source, li#photo-film img",
        "srcset",
    ) {
        film_files.extend(
            srcset
                .split(", ")
                .map(|s| s.split(' ').next().unwrap().to_string()),
        );
    }
    for f in &film_files {
        assert!(site.exists(f), "{f} is published while consent is given");
    }
    let cache = site.root().join(".passage/cache");
    let cached_before = files_under(&cache);

    site.write(
        "photos/voices/journey.toml",
        &CLIP_JOURNEY.replacen("consent = \"given\"", "consent = \"withdrawn\"", 1),
    );
    let run = site.build_ok();
    assert!(
        run.stderr.contains("consent was withdrawn"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not listed"), "{}", run.stderr);
    for f in &film_files {
        assert!(
            !site.exists(f),
            "{f} is still published after consent was withdrawn"
        );
    }
    assert!(!site.exists("en/exhibit/voices/film/index.html"));
    assert!(site.exists("en/exhibit/voices/voice/index.html"));
    let cached_after = files_under(&cache);
    let gone: Vec<&String> = cached_before.difference(&cached_after).collect();
    assert!(
        gone.iter()
            .any(|f| f.starts_with("media/") && f.ends_with("file.mp4")),
        "{gone:?}"
    );
    assert!(
        gone.iter().any(|f| f.starts_with("media/captions/")),
        "{gone:?}"
    );
    assert!(
        gone.iter().any(|f| f.starts_with("images/")),
        "the poster's sizes stay cached: {gone:?}"
    );
    let film_copy = std::fs::read(site.root().join("photos/voices/film.mp4")).unwrap();
    for f in files_under(&site.public()) {
        assert_ne!(
            std::fs::read(site.public().join(&f)).unwrap(),
            film_copy,
            "{f}"
        );
    }
}

#[test]
fn a_journey_clip_needs_a_chosen_poster_and_cannot_be_redacted() {
    let site = crate::exhibit::exhibit_site();
    let dir = site.root().join("photos/voices");
    phone_film(&dir.join("film.mp4"));
    ffmpeg(
        &["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac"],
        &dir.join("voice.m4a"),
    );
    let journey = CLIP_JOURNEY.replacen(
        "consent = \"given\"",
        "consent = \"given\"\nredact = [{ x = 0, y = 0, width = 10, height = 10 }]",
        1,
    );
    site.write("photos/voices/journey.toml", &journey);
    let run = site.build(&[]);
    assert!(!run.ok());
    for expected in [
        "photos/voices/journey.toml:8:8: photo 1 (`film.mp4`): only photos can have regions hidden",
        "photo 2 (`voice.m4a`): a recording needs a photo beside it",
        "put a photo named voice.jpg beside it",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
    // A journey clip's captions are checked like a story's (here, with its poster in place).
    site.write(
        "photos/voices/film.ka.vtt",
        "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nუკან\n",
    );
    still("green", "160x90", &dir.join("film.png"));
    let film_only = &CLIP_JOURNEY[..CLIP_JOURNEY
        .find("[[photo]]\nfile = \"voice.m4a\"")
        .unwrap()];
    site.write("photos/voices/journey.toml", film_only);
    let run = site.build(&[]);
    assert!(!run.ok());
    for expected in ["photos/voices/film.ka.vtt:3", "ends before it starts"] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
}

/// Runs passage with a `PATH` that has no ffmpeg, as on a laptop without it.
fn without_ffmpeg(site: &TestSite) -> crate::common::Run {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_passage"))
        .args(["build", "--quiet", "--root"])
        .arg(site.root())
        .env("PATH", empty.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    crate::common::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn without_ffmpeg_only_clips_that_record_nothing_are_published_as_they_are() {
    let site = TestSite::new();
    let dir = site.root().join("content/stories/offline");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x90:rate=10:duration=1",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
        ],
        &dir.join("clean.mp4"),
    );
    site.write(
        "content/stories/offline/clean.en.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello.\n",
    );
    phone_film(&dir.join("phone.mp4"));
    tagged_mp3(&dir.join("memo.mp3"));
    site.page(
        "content/stories/offline/index.en.md",
        STORY,
        "![A test film](clean.mp4)\n\n![A phone film](phone.mp4)\n\n![A voice memo](memo.mp3)\n",
    );
    let run = without_ffmpeg(&site);
    assert!(!run.ok(), "{}", run.stderr);
    for expected in [
        "phone.mp4: it records",
        "the place it was recorded",
        "memo.mp3: it records",
        "a cover picture",
        "apt install ffmpeg",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("clean.mp4:"), "{}", run.stderr);

    site.page(
        "content/stories/offline/index.en.md",
        STORY,
        "![A test film](clean.mp4)\n",
    );
    let run = without_ffmpeg(&site);
    assert!(run.ok(), "{}", run.stderr);
    let page = site.html("en/stories/offline/index.html");
    let src = &attrs(&page, "video source", "src")[0];
    assert_eq!(attrs(&page, "video", "width"), ["160"]);
    assert_eq!(
        std::fs::read(site.public().join(src.trim_start_matches('/'))).unwrap(),
        std::fs::read(dir.join("clean.mp4")).unwrap(),
        "a clip that records nothing is published as it is"
    );
    assert!(!src.contains("clean"), "{src}");
    assert_eq!(attrs(&page, "video track", "srclang"), ["en"]);
}

/// A raw HTTP GET with a `Range` header: status, headers and body as bytes.
fn get_range(base: &str, path: &str, range: &str) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nRange: {range}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head, response[end + 4..].to_vec())
}

#[test]
fn the_dev_server_serves_parts_of_a_clip_so_players_can_seek() {
    let site = site_with_clips();
    site.build_ok();
    let page = site.html("en/stories/voices/index.html");
    let src = attrs(&page, "figure.media.video video source", "src").remove(0);
    let published = std::fs::read(site.public().join(src.trim_start_matches('/'))).unwrap();
    let server = crate::serve::Server::start(&site);
    let (status, head, body) = get_range(&server.base, &src, "bytes=100-199");
    assert_eq!(status, 206, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("content-range: bytes 100-199/{}", published.len())),
        "{head}"
    );
    assert!(head.contains("content-type: video/mp4"), "{head}");
    assert_eq!(body, published[100..200]);
    let (status, head, _) = get_range(
        &server.base,
        &src,
        &format!("bytes={}-", published.len() + 10),
    );
    assert_eq!(status, 416, "{head}");
}

#[test]
fn a_caption_file_saved_while_serving_shows_in_the_page() {
    let site = site_with_clips();
    let server = crate::serve::Server::start(&site);
    let (status, page) = server.get("/en/stories/voices/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Then my family followed."), "{page}");
    site.write(
        "content/stories/voices/film.en.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nWe crossed the river at night.\n",
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (_, page) = server.get("/en/stories/voices/");
        if page.contains("We crossed the river at night.") {
            assert!(!page.contains("Then my family followed."));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the saved captions never showed: {}",
            server.output.lock().unwrap()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
