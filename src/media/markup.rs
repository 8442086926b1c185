//! The HTML of a clip in a page: the player with its captions and poster, what it costs to
//! play (duration and size, before anything is fetched), a download link and the transcript.

use crate::escape::escape_html as escape;
use crate::images::{Format, ImageInfo};

use super::{Kind, MediaInfo, Track};

/// The words around a clip, in the reader's language.
#[derive(Debug, Clone)]
pub struct Words {
    /// The file's size, e.g. "14 MB".
    pub size: String,
    /// The download link's text.
    pub download: String,
    /// The transcript's summary line.
    pub transcript: String,
}

/// How long a clip plays, as players show it: `0:42`, `2:10`, `1:02:10`.
pub fn duration(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The same as an ISO 8601 duration, for `<time datetime>`.
fn iso_duration(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    format!("PT{}H{}M{}S", s / 3600, s / 60 % 60, s % 60)
}

/// The size in megabytes as shown: one decimal below 10 MB, whole ones above; never 0.
pub fn megabytes(bytes: u64) -> f64 {
    let mb = bytes as f64 / 1_000_000.0;
    if mb >= 9.95 {
        mb.round()
    } else {
        ((mb * 10.0).round() / 10.0).max(0.1)
    }
}

/// `<figure>` with the player, for a clip alone in its paragraph. `lang` is the reader's.
pub fn figure(
    info: &MediaInfo,
    alt: &str,
    caption: &str,
    poster: Option<&ImageInfo>,
    lang: &str,
    words: &Words,
) -> String {
    let download = format!(
        "<a href=\"{}\" download>{}</a>",
        info.url,
        escape(&words.download)
    );
    let label = if alt.trim().is_empty() {
        String::new()
    } else {
        format!(" aria-label=\"{}\"", escape(alt.trim()))
    };
    let player = match info.kind {
        Kind::Video => {
            let poster = poster
                .map(|p| format!(" poster=\"{}\"", poster_url(p, info.width)))
                .unwrap_or_default();
            format!(
                "<video controls preload=\"none\" playsinline width=\"{}\" height=\"{}\"{poster}{label}><source src=\"{}\" type=\"{}\">{}{download}</video>",
                info.width,
                info.height,
                info.url,
                info.mime,
                tracks(&info.tracks, lang)
            )
        }
        Kind::Audio => format!(
            "<audio controls preload=\"none\"{label}><source src=\"{}\" type=\"{}\">{download}</audio>",
            info.url, info.mime
        ),
    };
    let caption = caption_span(caption);
    let kind = match info.kind {
        Kind::Video => "video",
        Kind::Audio => "audio",
    };
    format!(
        "<figure class=\"media {kind}\">{player}<figcaption>{caption}<span class=\"media-facts\"><time datetime=\"{}\">{}</time> · {} · {download}</span>{}</figcaption></figure>",
        iso_duration(info.duration_ms),
        duration(info.duration_ms),
        escape(&words.size),
        transcript(&info.tracks, lang, &words.transcript)
    )
}

/// The author's caption in a clip's `<figcaption>` (nothing when there is none).
pub(super) fn caption_span(caption: &str) -> String {
    if caption.trim().is_empty() {
        String::new()
    } else {
        format!(
            "<span class=\"media-caption\">{}</span>",
            escape(caption.trim())
        )
    }
}

/// A clip in a line of text: a link to the file saying what it costs.
pub fn link_text(info: &MediaInfo, alt: &str, words: &Words) -> String {
    format!(
        "<a href=\"{}\" download>{}</a> ({}, {})",
        info.url,
        escape(if alt.trim().is_empty() {
            &words.download
        } else {
            alt.trim()
        }),
        duration(info.duration_ms),
        escape(&words.size)
    )
}

/// The `<track>`s; the reader's language is shown by default.
fn tracks(tracks: &[Track], lang: &str) -> String {
    tracks
        .iter()
        .map(|t| {
            format!(
                "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\"{}>",
                t.url,
                escape(&t.lang),
                escape(&t.label),
                if t.lang == lang { " default" } else { "" }
            )
        })
        .collect()
}

/// The transcript from the reader's captions (else the first language's), in a disclosure that
/// works without JavaScript; nothing when the clip has no captions.
fn transcript(tracks: &[Track], lang: &str, summary: &str) -> String {
    let Some(track) = tracks.iter().find(|t| t.lang == lang).or(tracks.first()) else {
        return String::new();
    };
    let other = if track.lang == lang {
        String::new()
    } else {
        format!(" lang=\"{}\"", escape(&track.lang))
    };
    let mut html = format!(
        "<details class=\"transcript\"><summary>{}</summary><div{other}>",
        escape(summary)
    );
    let mut last: Option<(&Option<String>, u64)> = None;
    let mut open = false;
    for cue in track.cues.iter().filter(|c| !c.text.is_empty()) {
        // A new paragraph where the speaker changes or after a pause of two seconds.
        let new = match last {
            None => true,
            Some((speaker, end)) => *speaker != cue.speaker || cue.start_ms >= end + 2000,
        };
        if new {
            if open {
                html.push_str("</p>");
            }
            html.push_str("<p>");
            if let Some(s) = &cue.speaker {
                html.push_str(&format!("<b>{}:</b> ", escape(s)));
            }
            open = true;
        } else {
            html.push(' ');
        }
        html.push_str(&escape(&cue.text));
        last = Some((&cue.speaker, cue.end_ms));
    }
    if open {
        html.push_str("</p>");
    }
    html.push_str("</div></details>");
    html
}

/// One file for `poster` (which takes no `srcset`): the smallest WebP (else JPEG) at least as
/// wide as the video is shown on most screens.
fn poster_url(poster: &ImageInfo, video_width: u32) -> String {
    let want = video_width.clamp(1, 960);
    let pick = |format: Format| {
        let mut of: Vec<_> = poster
            .renditions
            .iter()
            .filter(|r| r.format == format)
            .collect();
        of.sort_by_key(|r| r.width);
        of.iter()
            .find(|r| r.width >= want)
            .or(of.last())
            .map(|r| r.url.clone())
    };
    pick(Format::Webp).unwrap_or_else(|| poster.largest().url.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_as_players_and_phones_show_them() {
        assert_eq!(duration(42_000), "0:42");
        assert_eq!(duration(130_400), "2:11");
        assert_eq!(duration(3_730_000), "1:02:10");
        assert_eq!(iso_duration(130_000), "PT0H2M10S");
        assert_eq!(megabytes(14_200_000), 14.0);
        assert_eq!(megabytes(1_440_000), 1.4);
        assert_eq!(megabytes(20_000), 0.1);
    }
}
