//! What is in a video or audio file, as `ffprobe` reads it: the kind, the size of the picture
//! as it is shown (phones record sideways and say so), the duration, and whether browsers can
//! play its codecs.

use std::ffi::OsStr;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Container, Kind, Problem, tools};

/// A file as it will be published; cached, so a warm build never runs ffprobe.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Probe {
    pub kind: Kind,
    pub container: Container,
    pub width: u32,
    pub height: u32,
    pub duration_ms: u64,
}

#[derive(Deserialize)]
struct Report {
    #[serde(default)]
    streams: Vec<Stream>,
    format: Option<Format>,
}

#[derive(Deserialize)]
struct Stream {
    #[serde(default)]
    codec_type: String,
    #[serde(default)]
    codec_name: String,
    width: Option<u32>,
    height: Option<u32>,
    #[serde(default)]
    disposition: Disposition,
    #[serde(default)]
    side_data_list: Vec<SideData>,
}

#[derive(Deserialize, Default)]
struct Disposition {
    #[serde(default)]
    attached_pic: u8,
}

#[derive(Deserialize)]
struct SideData {
    rotation: Option<f64>,
}

#[derive(Deserialize)]
struct Format {
    #[serde(default)]
    format_name: String,
    duration: Option<String>,
}

/// How to make a file every browser plays.
const CONVERT: &str = "convert it to MP4 with H.264 video and AAC sound, which every browser plays: ffmpeg -i in.mov -c:v libx264 -crf 23 -preset slow -c:a aac -movflags +faststart out.mp4 (on an iPhone: Settings → Camera → Formats → Most Compatible records such files)";

/// Reads `file`, whose name ends in `ext`.
pub fn probe(file: &Path, ext: &str) -> Result<Probe, Problem> {
    let args: Vec<&OsStr> = [
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
    ]
    .iter()
    .map(OsStr::new)
    .chain([OsStr::new("--"), file.as_os_str()])
    .collect();
    let out = tools::run("ffprobe", &args, file)?;
    let report: Report = serde_json::from_slice(&out).map_err(|e| {
        Problem::new(
            format!("ffprobe said something passage cannot read: {e}"),
            tools::INSTALL,
        )
    })?;
    read(&report, ext)
}

fn read(report: &Report, ext: &str) -> Result<Probe, Problem> {
    let format = report
        .format
        .as_ref()
        .map_or("", |f| f.format_name.as_str());
    let video = report
        .streams
        .iter()
        .find(|s| s.codec_type == "video" && s.disposition.attached_pic == 0);
    let audio = report.streams.iter().find(|s| s.codec_type == "audio");
    let kind = match (video, audio) {
        (Some(_), _) if super::VIDEO_EXTENSIONS.contains(&ext) => Kind::Video,
        (_, Some(_)) => Kind::Audio,
        _ => {
            return Err(Problem::new(
                "there is no video or sound in this file",
                "check that it is the file you meant; a photo goes in as ![what it shows](photo.jpg)",
            ));
        }
    };
    let container = Container::of(format).ok_or_else(|| {
        Problem::new(
            format!("its format ({format}) is not one browsers play"),
            CONVERT,
        )
    })?;
    if kind == Kind::Video
        && let Some(v) = video
    {
        check_codec(container, &v.codec_name, true)?;
    }
    if let Some(a) = audio {
        check_codec(container, &a.codec_name, false)?;
    }
    let (mut width, mut height) =
        video.map_or((0, 0), |v| (v.width.unwrap_or(0), v.height.unwrap_or(0)));
    let rotation = video
        .and_then(|v| v.side_data_list.iter().find_map(|d| d.rotation))
        .unwrap_or(0.0);
    if (rotation.abs().round() as i64) % 180 == 90 {
        std::mem::swap(&mut width, &mut height);
    }
    if kind == Kind::Video && (width == 0 || height == 0) {
        return Err(Problem::new("the video has no picture size", CONVERT));
    }
    let duration_ms = report
        .format
        .as_ref()
        .and_then(|f| f.duration.as_deref())
        .and_then(|d| d.trim().parse::<f64>().ok())
        .filter(|d| d.is_finite() && *d >= 0.0)
        .map_or(0, |d| (d * 1000.0).round() as u64);
    Ok(Probe {
        kind,
        container,
        width,
        height,
        duration_ms,
    })
}

/// Browsers play few codecs; HEVC (iPhones' "High Efficiency") plays in almost none.
fn check_codec(container: Container, codec: &str, video: bool) -> Result<(), Problem> {
    if container.plays(codec, video) {
        return Ok(());
    }
    let what = if video { "video" } else { "sound" };
    let name = match codec {
        "hevc" => "HEVC/H.265 (iPhone \"High Efficiency\")".to_string(),
        other => other.to_string(),
    };
    Err(Problem::new(
        format!("its {what} is {name}, which most browsers cannot play"),
        CONVERT,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(json: &str) -> Report {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_sideways_phone_video_is_shown_upright() {
        let r = report(
            r#"{"streams":[{"codec_type":"video","codec_name":"h264","width":1920,"height":1080,
            "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
            {"codec_type":"audio","codec_name":"aac"}],
            "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"130.4"}}"#,
        );
        let p = read(&r, "mov").unwrap();
        assert_eq!(
            (p.kind, p.width, p.height, p.duration_ms),
            (Kind::Video, 1080, 1920, 130_400)
        );
        assert_eq!(p.container, Container::Mp4);
    }

    #[test]
    fn hevc_and_cover_art_are_told_apart() {
        let hevc = report(
            r#"{"streams":[{"codec_type":"video","codec_name":"hevc","width":8,"height":8}],
            "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2"}}"#,
        );
        let e = read(&hevc, "mp4").unwrap_err();
        assert!(e.message.contains("HEVC"), "{}", e.message);
        assert!(e.hint.contains("libx264"));
        let song = report(
            r#"{"streams":[{"codec_type":"audio","codec_name":"mp3"},
            {"codec_type":"video","codec_name":"mjpeg","width":500,"height":500,"disposition":{"attached_pic":1}}],
            "format":{"format_name":"mp3","duration":"2.0"}}"#,
        );
        let p = read(&song, "mp3").unwrap();
        assert_eq!((p.kind, p.container), (Kind::Audio, Container::Mp3));
    }
}
