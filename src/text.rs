//! Small text rules every part of the build shares: line endings, letter case that respects
//! Georgian, and shortening on word boundaries.

/// Reads a text file an author edits (`shown` is its name in messages), normalized as
/// [`normalize`] does; a file that is not UTF-8 is an error at the first bad byte.
pub fn read(
    path: &std::path::Path,
    shown: &std::path::Path,
) -> Result<String, crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(shown, format!("cannot read the file: {e}"))
            .hint("check that the file exists and that you may read it")
    })?;
    // SIMD validation: Georgian and Armenian text is all multi-byte characters, where the
    // standard library's check was the largest single cost of reading a big site.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(normalize(text));
    }
    // Not UTF-8: the standard library's check says where.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(&text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
            Err(Diagnostic::error(shown, "the file is not valid UTF-8 text")
                .at_offset(&text, offset)
                .hint("save the file with UTF-8 encoding in your editor"))
        }
    }
}

/// Drops a UTF-8 byte-order mark and turns CRLF/CR line endings into LF.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Whether a character is Georgian, whose capitals (Mtavruli) are not used in running text.
pub fn is_georgian(c: char) -> bool {
    matches!(c, '\u{10A0}'..='\u{10FF}' | '\u{1C90}'..='\u{1CBF}' | '\u{2D00}'..='\u{2D2F}')
}

/// Upper- or lower-cases everything except Georgian letters (Mtavruli is not used in running
/// text and shows as boxes on many phones).
pub fn map_cased(s: &str, upper: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_georgian(c) {
            out.push(c);
        } else if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The first letter in capitals (never Georgian ones), the rest as it is: a title from a slug,
/// a section name, Tera's `capitalize`.
pub fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => format!("{}{}", map_cased(&c.to_string(), true), chars.as_str()),
        None => String::new(),
    }
}

/// Cut to at most `max` characters at a word boundary, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_never_touches_georgian() {
        assert_eq!(map_cased("emerge მიგრანტები", true), "EMERGE მიგრანტები");
        assert_eq!(map_cased("Հայերեն", true), "ՀԱՅԵՐԵՆ");
        assert_eq!(capitalize_first("მიგრაცია"), "მიგრაცია");
        assert_eq!(capitalize_first("stories"), "Stories");
        assert_eq!(capitalize_first("պատմություններ"), "Պատմություններ");
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate_words("one two three", 100), "one two three");
        assert_eq!(truncate_words("one two three", 9), "one two…");
    }
}
