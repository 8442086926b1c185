//! Copies of video and audio files that keep the picture and sound and nothing else: no place,
//! device, owner, chapters, cover art or data tracks (GoPro and drones record GPS as a track).
//! Streams are copied, never re-encoded, so it is fast and loses nothing; the same file gives
//! the same bytes every time (`+bitexact`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::{Kind, Problem, probe::Probe, tools};

/// Writes the published copy of `src` to `out`, through a temporary file beside it so a killed
/// build never leaves half a file.
pub fn strip(src: &Path, probe: &Probe, out: &Path) -> Result<(), Problem> {
    let tmp = temporary(out);
    let mut args: Vec<&OsStr> = ["-v", "error", "-nostdin", "-y", "-i"]
        .iter()
        .map(OsStr::new)
        .collect();
    args.push(src.as_os_str());
    let maps: &[&str] = match probe.kind {
        // The first picture that is not cover art, and the first sound.
        Kind::Video => &["-map", "0:V:0", "-map", "0:a:0?"],
        Kind::Audio => &["-map", "0:a:0"],
    };
    let mut rest: Vec<&str> = maps.to_vec();
    rest.extend([
        "-map_metadata",
        "-1",
        "-map_chapters",
        "-1",
        "-c",
        "copy",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
    ]);
    if probe.container.muxer() == "mp4" {
        // The index first, so a browser can start playing before the whole file is there.
        rest.extend(["-movflags", "+faststart"]);
    }
    rest.extend(["-f", probe.container.muxer()]);
    args.extend(rest.iter().map(OsStr::new));
    args.push(tmp.as_os_str());
    finish(tools::run("ffmpeg", &args, src), &tmp, out)
}

/// Writes a still from the video `src` to `out` (PNG), for a clip without a poster photo.
pub fn poster_frame(src: &Path, probe: &Probe, out: &Path) -> Result<(), Problem> {
    let tmp = temporary(out);
    // A second in (or a third of a shorter clip), past the fade from black most films open with.
    let at = format!("{:.3}", (probe.duration_ms.min(3000) / 3) as f64 / 1000.0);
    let start = ["-v", "error", "-nostdin", "-y", "-ss", at.as_str(), "-i"];
    let mut args: Vec<&OsStr> = start.iter().map(OsStr::new).collect();
    args.push(src.as_os_str());
    args.extend(
        [
            "-map",
            "0:V:0",
            "-frames:v",
            "1",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-c:v",
            "png",
            "-f",
            "image2",
        ]
        .iter()
        .map(OsStr::new),
    );
    args.push(tmp.as_os_str());
    finish(tools::run("ffmpeg", &args, src), &tmp, out)
}

fn temporary(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|f| f.to_string_lossy())
        .unwrap_or_default();
    out.with_file_name(format!(
        ".{name}.tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ))
}

/// Moves the temporary file into place once the program succeeded; removes it otherwise.
fn finish(ran: Result<Vec<u8>, Problem>, tmp: &Path, out: &Path) -> Result<(), Problem> {
    let done = ran.and_then(|_| {
        let empty = std::fs::metadata(tmp).map_or(true, |m| m.len() == 0);
        if empty {
            return Err(Problem::new(
                "ffmpeg wrote nothing for it",
                "check that the file plays on your computer",
            ));
        }
        std::fs::rename(tmp, out).map_err(|e| {
            Problem::new(
                format!("cannot store the published copy in the cache: {e}"),
                "check that the disk has room and that .passage/ can be written",
            )
        })
    });
    if done.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    done
}
