//! The one HTML escaper for markup the build writes itself (templates escape on their own):
//! `&`, `<`, `>`, `"` and `'`, safe in text and in quoted attributes, and in XML.

/// `s` made safe inside HTML or XML text and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_html_into(&mut out, s);
    out
}

/// [`escape_html`] written at the end of `out`, for long documents made piece by piece.
pub fn escape_html_into(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, s);
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape_html(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
