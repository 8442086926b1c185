//! Without ffmpeg: what a clip says about where, on what and by whom it was recorded, and its
//! size and length, read by container parsers (`nom-exif` for MP4, MOV and WebM, `lofty` for
//! audio tags and cover art). A clip that says nothing of the kind can be published as it is;
//! one that does is refused, since only ffmpeg can take it out.

use std::path::Path;

use lofty::prelude::*;
use nom_exif::TrackInfoTag;

use super::{Container, Kind, Problem, probe::Probe, tools};

/// The clip as published, or why it cannot be published without ffmpeg.
pub fn read(file: &Path, ext: &str) -> Result<Probe, Problem> {
    let video = super::VIDEO_EXTENSIONS.contains(&ext);
    let (container, kind) = match ext {
        "mp4" | "m4v" | "mov" => (Container::Mp4, Kind::Video),
        "m4a" => (Container::Mp4, Kind::Audio),
        "webm" => (Container::WebM, Kind::Video),
        "mp3" => (Container::Mp3, Kind::Audio),
        _ => (Container::Ogg, Kind::Audio),
    };
    let mut said = Vec::new();
    let (mut width, mut height, mut duration_ms) = (0, 0, 0);
    if matches!(container, Container::Mp4 | Container::WebM) {
        let track = nom_exif::read_track(file).map_err(|e| unreadable(&e.to_string()))?;
        for (tag, name) in [
            (TrackInfoTag::GpsIso6709, "the place it was recorded"),
            (TrackInfoTag::Make, "the device's maker"),
            (TrackInfoTag::Model, "the device"),
            (TrackInfoTag::Author, "its author"),
        ] {
            if track.get(tag).is_some() {
                said.push(name.to_string());
            }
        }
        let number = |tag| {
            track
                .get(tag)
                .and_then(|v| v.as_u64().or(v.as_u32().map(u64::from)))
        };
        if container == Container::Mp4 {
            said.extend(quicktime_boxes(file)?);
        }
        width = number(TrackInfoTag::Width).unwrap_or(0) as u32;
        height = number(TrackInfoTag::Height).unwrap_or(0) as u32;
        duration_ms = number(TrackInfoTag::DurationMs).unwrap_or(0);
    }
    if container != Container::WebM {
        match lofty::read_from_path(file) {
            Ok(tagged) => {
                said.extend(tag_contents(&tagged));
                if duration_ms == 0 {
                    duration_ms = tagged.properties().duration().as_millis() as u64;
                }
            }
            // lofty reads audio; a video it cannot read was read above.
            Err(e) if !video => return Err(unreadable(&e.to_string())),
            Err(_) => {}
        }
    }
    if video && (width == 0 || height == 0) {
        return Err(unreadable("no picture size"));
    }
    if !said.is_empty() {
        said.sort();
        said.dedup();
        return Err(Problem::new(
            format!(
                "it records {}, and ffmpeg, which passage uses to remove that, is not installed",
                said.join(", ")
            ),
            tools::INSTALL,
        ));
    }
    Ok(Probe {
        kind,
        container,
        width,
        height,
        duration_ms,
    })
}

/// What the tags of an audio (or MP4) file hold, but the name of the program that wrote it.
fn tag_contents(tagged: &lofty::file::TaggedFile) -> Vec<String> {
    let mut said = Vec::new();
    for tag in tagged.tags() {
        if tag.picture_count() > 0 {
            said.push("a cover picture".to_string());
        }
        let items: Vec<String> = tag
            .items()
            .filter(|i| {
                !matches!(
                    i.key(),
                    lofty::tag::ItemKey::EncoderSoftware | lofty::tag::ItemKey::EncoderSettings
                )
            })
            .map(|i| format!("{:?}", i.key()))
            .collect();
        if !items.is_empty() {
            said.push(format!("tags ({})", items.join(", ")));
        } else if tag.item_count() == 0 && tag.picture_count() == 0 {
            // A tag block whose frames lofty does not read may hold anything.
            said.push(format!(
                "a {:?} tag passage cannot read without ffmpeg",
                tag.tag_type()
            ));
        }
    }
    said
}

/// QuickTime and MP4 boxes that hold a place, a device, a name or XMP, wherever they are:
/// `nom-exif` reads some of them, lofty others, and a phone may write any. A box name can
/// appear by chance inside the picture data; then the file is refused too, which is safe.
const REVEALING_BOXES: &[(&[u8], &str)] = &[
    (b"\xa9xyz", "the place it was recorded"),
    (b"loci", "the place it was recorded"),
    (b"com.apple.quicktime.location", "the place it was recorded"),
    (b"\xa9mak", "the device's maker"),
    (b"\xa9mod", "the device"),
    (b"com.apple.quicktime.make", "the device's maker"),
    (b"com.apple.quicktime.model", "the device"),
    (b"\xa9ART", "a name"),
    (b"auth", "its author"),
    (b"XMP_", "XMP metadata"),
];

fn quicktime_boxes(file: &Path) -> Result<Vec<String>, Problem> {
    let bytes = std::fs::read(file).map_err(|e| unreadable(&e.to_string()))?;
    Ok(REVEALING_BOXES
        .iter()
        .filter(|(code, _)| memchr::memmem::find(&bytes, code).is_some())
        .map(|(_, what)| what.to_string())
        .collect())
}

fn unreadable(why: &str) -> Problem {
    Problem::new(
        format!("cannot read it as video or audio ({why})"),
        format!(
            "check that the file plays on your computer; {}",
            tools::INSTALL
        ),
    )
}
