//! Videos hosted elsewhere, written as a poster photo linked to them: a click-to-play facade.
//! Nothing is requested from the video site until the visitor presses play; then the theme's
//! `facade.js` loads its player from the privacy-enhanced address (youtube-nocookie.com,
//! Vimeo with `dnt=1`). Without JavaScript it stays a plain link to the video.

use url::Url;

use crate::escape::escape_html as escape;

/// Where the players come from, for the Content-Security-Policy's `frame-src`.
pub const PLAYER_ORIGINS: &[&str] = &[
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
];

/// A video on a site that hosts videos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The site's name, as visitors know it.
    pub site: &'static str,
    /// The player's address, loaded only after the click.
    pub player: String,
}

/// The player of a YouTube or Vimeo link (`watch?v=`, `youtu.be/`, `shorts/`, `vimeo.com/123`),
/// starting where the link says (`t=90`).
pub fn embed(link: &str) -> Option<Embed> {
    let url = Url::parse(link.trim()).ok()?;
    if !matches!(url.scheme(), "https" | "http") {
        return None;
    }
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let query = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" | "youtu.be" => {
            let id = match (host, segments.as_slice()) {
                ("youtu.be", [id, ..]) => id.to_string(),
                (_, ["watch"]) => query("v")?,
                (_, ["shorts" | "embed" | "live", id, ..]) => id.to_string(),
                _ => return None,
            };
            let valid = id.len() == 11
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                return None;
            }
            let start = query("t")
                .or_else(|| query("start"))
                .and_then(|t| seconds(&t))
                .map(|s| format!("&start={s}"))
                .unwrap_or_default();
            Some(Embed {
                site: "YouTube",
                player: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1{start}"),
            })
        }
        "vimeo.com" | "player.vimeo.com" => {
            let id = segments
                .iter()
                .rev()
                .find(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))?;
            Some(Embed {
                site: "Vimeo",
                player: format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
            })
        }
        _ => None,
    }
}

/// `90`, `90s` or `1m30s` as seconds.
fn seconds(t: &str) -> Option<u64> {
    if let Ok(s) = t.parse() {
        return Some(s);
    }
    let mut total = 0;
    let mut number = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' | 's' => {
                let n: u64 = number.parse().ok()?;
                total += n * match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                number.clear();
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

/// The facade: the poster linked to the video, a play mark, and a line saying where playing
/// loads the video from; `picture` is the poster's markup, `notice` that line.
pub fn figure(embed: &Embed, link: &str, picture: &str, caption: &str, notice: &str) -> String {
    let caption = super::markup::caption_span(caption);
    format!(
        "<figure class=\"media facade\" data-player=\"{}\"><a class=\"facade-link\" href=\"{}\">{picture}<span class=\"facade-play\" aria-hidden=\"true\"></span></a><figcaption>{caption}<span class=\"facade-notice\">{}</span></figcaption></figure>",
        escape(&embed.player),
        escape(link.trim()),
        escape(notice)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_and_vimeo_links_become_privacy_enhanced_players() {
        let yt = |l: &str| embed(l).map(|e| e.player);
        let want =
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1".to_string());
        assert_eq!(yt("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), want);
        assert_eq!(yt("https://youtu.be/dQw4w9WgXcQ"), want);
        assert_eq!(yt("https://m.youtube.com/shorts/dQw4w9WgXcQ"), want);
        assert_eq!(
            yt("https://youtu.be/dQw4w9WgXcQ?t=1m30s"),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90".into())
        );
        assert_eq!(
            yt("https://vimeo.com/76979871"),
            Some("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1".into())
        );
        assert_eq!(yt("https://www.youtube.com/watch?v=short"), None);
        assert_eq!(yt("https://www.youtube.com/@iom"), None);
        assert_eq!(yt("https://example.org/watch?v=dQw4w9WgXcQ"), None);
        assert_eq!(yt("javascript:alert(1)//youtube.com"), None);
    }
}
