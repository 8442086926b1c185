//! WebVTT caption files: parsed with `subtp`, checked for what breaks players (timings that end
//! before they start), and read as plain text for the transcript under a clip.

use std::path::Path;

use subtp::vtt::{VttBlock, VttTimestamp, WebVtt};

use crate::diagnostics::Diagnostic;

/// One caption: when it is shown and what it says, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Start, in milliseconds from the beginning of the clip.
    pub start_ms: u64,
    /// End, in milliseconds.
    pub end_ms: u64,
    /// Who speaks (a `<v Name>` voice tag), if the file says.
    pub speaker: Option<String>,
    /// The words, without markup.
    pub text: String,
}

/// What the file at `shown` must look like, for every message about it.
const HINT: &str = "a caption file starts with WEBVTT and a blank line, then cues separated by blank lines: a timing such as 00:00:01.000 --> 00:00:04.000 on its own line and the words below it";

/// The cues of a WebVTT file, or every problem that stops players from showing it.
pub fn parse(text: &str, shown: &Path) -> Result<Vec<Cue>, Vec<Diagnostic>> {
    let vtt = WebVtt::parse(text).map_err(|e| {
        let (mut line, mut column) = location(&e.location);
        let what = if !text.trim_start().starts_with("WEBVTT") {
            "the file does not start with WEBVTT"
        } else if let Some(at) = broken_timing(text) {
            // The parser stops later than the line a person would fix.
            (line, column) = (at, None);
            "this cue timing is not valid"
        } else {
            "this is not valid WebVTT here"
        };
        vec![
            Diagnostic::error(shown, what)
                .at(line, column)
                .hint(HINT.to_string()),
        ]
    })?;
    let timing_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("-->"))
        .map(|(i, _)| i + 1)
        .collect();
    let mut cues = Vec::new();
    let mut problems = Vec::new();
    for block in vtt.blocks {
        let VttBlock::Que(cue) = block else {
            continue;
        };
        let (start_ms, end_ms) = (millis(&cue.timings.start), millis(&cue.timings.end));
        if end_ms <= start_ms || !valid(&cue.timings.start) || !valid(&cue.timings.end) {
            let d = Diagnostic::error(
                shown,
                format!(
                    "the cue timing {} is impossible: {}",
                    cue.timings,
                    if end_ms <= start_ms {
                        "it ends before it starts"
                    } else {
                        "minutes and seconds go up to 59"
                    }
                ),
            );
            let d = match timing_lines.get(cues.len() + problems.len()) {
                Some(&line) => d.at(line, None),
                None => d,
            };
            problems.push(d.hint(
                "write the start, then -->, then a later end, e.g. 00:01:02.500 --> 00:01:05.000",
            ));
            continue;
        }
        let (speaker, text) = plain(&cue.payload.join("\n"));
        cues.push(Cue {
            start_ms,
            end_ms,
            speaker,
            text,
        });
    }
    if problems.is_empty() {
        Ok(cues)
    } else {
        Err(problems)
    }
}

/// The file as published: without its `NOTE` blocks, which are for whoever edits the
/// captions (a name, an address, "ask Nino before publishing") and never for visitors.
pub fn without_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for block in text.split("\n\n") {
        let first = block.trim_start_matches('\n');
        let note = first
            .strip_prefix("NOTE")
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n']));
        if note {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block);
    }
    out
}

/// The first line that starts like a cue timing (`00:0…`) but has no `-->` arrow.
fn broken_timing(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with(|c: char| c.is_ascii_digit())
                && l.chars().nth(2) == Some(':')
                && !l.contains(" --> ")
        })
        .map(|i| i + 1)
}

/// Line and column of a `subtp` error location (`"3:14"`).
fn location(at: &str) -> (usize, Option<usize>) {
    let mut parts = at.split(':').map(|p| p.trim().parse::<usize>().ok());
    let line = parts.next().flatten().unwrap_or(1);
    (line, parts.next().flatten())
}

fn millis(t: &VttTimestamp) -> u64 {
    ((u64::from(t.hours) * 60 + u64::from(t.minutes)) * 60 + u64::from(t.seconds)) * 1000
        + u64::from(t.milliseconds)
}

fn valid(t: &VttTimestamp) -> bool {
    t.minutes < 60 && t.seconds < 60 && t.milliseconds < 1000
}

/// A cue's words without markup (`<i>`, `<b>`, `<c.x>`, timestamps), entities decoded, and the
/// speaker of a `<v Name>` voice tag.
fn plain(payload: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut out = String::new();
    let mut rest = payload;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(name) = tag.strip_prefix('v').filter(|n| n.starts_with([' ', '.'])) {
            let name = name.split_once(' ').map_or("", |(_, n)| n).trim();
            if speaker.is_none() && !name.is_empty() {
                speaker = Some(html_escape::decode_html_entities(name).into_owned());
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let text = html_escape::decode_html_entities(&out);
    (
        speaker,
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Result<Vec<Cue>, Vec<Diagnostic>> {
        parse(text, Path::new("film.en.vtt"))
    }

    #[test]
    fn reads_cues_speakers_and_plain_text() {
        let c = cues("WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\n<v Nino Beridze>I came <i>alone</i>\nin 2019 &amp; stayed.\n\n00:01:02.000 --> 00:01:04.250 line:0\nთბილისი\n").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].start_ms, 500);
        assert_eq!(c[0].speaker.as_deref(), Some("Nino Beridze"));
        assert_eq!(c[0].text, "I came alone in 2019 & stayed.");
        assert_eq!((c[1].start_ms, c[1].end_ms), (62_000, 64_250));
        assert_eq!(c[1].text, "თბილისი");
    }

    #[test]
    fn notes_are_not_published() {
        let text = "WEBVTT\n\nNOTE recorded at Nino's flat, 12 Rustaveli\nask first\n\n00:00:01.000 --> 00:00:02.000\nhello\n";
        let out = without_notes(text);
        assert!(!out.contains("Rustaveli") && !out.contains("NOTE"), "{out}");
        assert_eq!(cues(&out).unwrap().len(), 1);
    }

    #[test]
    fn a_cue_ending_before_it_starts_is_an_error_on_its_line() {
        let e = cues("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n").unwrap_err();
        assert_eq!(e.len(), 1);
        let shown = e[0].to_string();
        assert!(shown.contains("film.en.vtt:6"), "{shown}");
        assert!(shown.contains("ends before it starts"), "{shown}");
    }

    #[test]
    fn broken_timing_and_missing_header_name_the_line() {
        let e = cues("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nhello\n").unwrap_err();
        assert!(e[0].to_string().contains("film.en.vtt:3"), "{}", e[0]);
        let e = cues("1\n00:00:01.000 --> 00:00:02.000\nhello\n").unwrap_err();
        assert!(
            e[0].to_string().contains("does not start with WEBVTT"),
            "{}",
            e[0]
        );
    }
}
