//! The external programs video and audio need (Debian's `ffmpeg` and `ffprobe`): run with
//! fixed arguments, never through a shell, and every failure said in words a user can act on.

use std::path::Path;
use std::process::Command;

use super::Problem;

/// How to get ffmpeg, for every message that needs it.
pub const INSTALL: &str = "install ffmpeg (Debian or Ubuntu: sudo apt install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg) and build again";

/// Whether ffmpeg and ffprobe can be run (asked once per process).
pub fn available() -> bool {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FOUND.get_or_init(|| {
        ["ffmpeg", "ffprobe"].iter().all(|p| {
            Command::new(p)
                .arg("-version")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
    })
}

/// Runs `program` with `args` on `file`; its standard output, or what went wrong.
pub fn run(program: &str, args: &[&std::ffi::OsStr], file: &Path) -> Result<Vec<u8>, Problem> {
    let out = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Problem::new(
                    format!("{program} is not installed, and passage needs it to remove the place, device and owner recorded in video and audio files"),
                    INSTALL,
                )
            } else {
                Problem::new(format!("cannot run {program}: {e}"), INSTALL)
            }
        })?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let said = String::from_utf8_lossy(&out.stderr);
    let said = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    // ffmpeg starts its messages with the file's full path; the user knows which file it is.
    let said = said.replace(&file.display().to_string(), "the file");
    Err(Problem::new(
        format!(
            "{program} cannot read it as video or audio ({})",
            said.trim()
        ),
        "check that the file plays on your computer; if it does, convert it to MP4 (H.264 and AAC): ffmpeg -i in.mov -c:v libx264 -crf 23 -c:a aac out.mp4",
    ))
}
