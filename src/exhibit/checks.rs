//! What every check of one journey file shares: messages pointed at the file, line and column of
//! a TOML span, and the checks the journey and its photos both make (texts in every language,
//! dates).

use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::model::Texts;
use crate::config::SiteConfig;
use crate::date::PageDate;
use crate::diagnostics::{Diagnostic, line_col};

/// The journey file being checked and the problems found in it so far.
pub(super) struct Checks<'a> {
    /// The journey file as shown in messages.
    file: &'a Path,
    /// Its text, for lines and columns of spans.
    text: &'a str,
    /// The site's language codes, in site order.
    languages: Vec<String>,
    /// The default language's code: its texts are required.
    default: String,
    problems: &'a mut Vec<Diagnostic>,
}

impl<'a> Checks<'a> {
    /// Checks of the journey file shown as `file`, whose problems go to `problems`.
    pub(super) fn new(
        file: &'a Path,
        text: &'a str,
        config: &SiteConfig,
        problems: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            file,
            text,
            languages: config.languages.iter().map(|l| l.code.clone()).collect(),
            default: config.default_language().code.clone(),
            problems,
        }
    }

    /// The text of the journey file (without a byte-order mark).
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// The site's language codes, in site order.
    pub(super) fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Line of the start of a span.
    pub(super) fn line(&self, span: &Range<usize>) -> usize {
        line_col(self.text, span.start).0
    }

    /// An error in the journey file, at the start of `span` when known.
    pub(super) fn error(&self, message: String, span: Option<Range<usize>>) -> Diagnostic {
        self.place(Diagnostic::error(self.file, message), span)
    }

    /// A warning about the journey file, at the start of `span` when known.
    pub(super) fn warning(&self, message: String, span: Option<Range<usize>>) -> Diagnostic {
        self.place(Diagnostic::warning(self.file, message), span)
    }

    /// The journey file as shown in messages.
    pub(super) fn file(&self) -> &'a Path {
        self.file
    }

    /// Where byte `offset` of a string value (at `span`, read as `value`) is in the file: exact
    /// when the string is written without escapes, as prose is; else the start of the value.
    pub(super) fn in_string(&self, span: &Range<usize>, value: &str, offset: usize) -> usize {
        let Some(written) = self.text.get(span.clone()) else {
            return span.start;
        };
        for quote in ["\"\"\"", "'''", "\"", "'"] {
            let Some(body) = written
                .strip_prefix(quote)
                .and_then(|w| w.strip_suffix(quote))
            else {
                continue;
            };
            // A line break right after the opening quotes of a multi-line string is not in it.
            let lead = match quote.len() {
                3 if body.starts_with("\r\n") => 2,
                3 if body.starts_with('\n') => 1,
                _ => 0,
            };
            if body.get(lead..) == Some(value) {
                return span.start + quote.len() + lead + offset;
            }
            break;
        }
        span.start
    }

    /// Points a problem at the start of `span`, when known.
    pub(super) fn place(&self, d: Diagnostic, span: Option<Range<usize>>) -> Diagnostic {
        match span {
            Some(s) => {
                let (line, column) = line_col(self.text, s.start);
                d.at(line, Some(column))
            }
            None => d,
        }
    }

    /// Records a problem.
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.problems.push(d);
    }

    /// How many errors were found so far (in this journey file and before it).
    pub(super) fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    /// Texts in a language the site does not have are probably a typo (`caption.kа`).
    pub(super) fn unknown_languages(
        &mut self,
        texts: &Texts,
        what: &str,
        span: Option<Range<usize>>,
    ) {
        for code in texts.keys() {
            if !self.languages.contains(code) {
                let d = self
                    .warning(
                        format!("{what}.{code}: `{code}` is not a language of this site"),
                        span.clone(),
                    )
                    .hint(format!("use one of {}", self.languages.join(", ")));
                self.push(d);
            }
        }
    }

    /// Every language should have the text; the default language must.
    pub(super) fn require(
        &mut self,
        texts: &Texts,
        what: &str,
        owner: &str,
        span: Option<Range<usize>>,
    ) {
        let has = |code: &str| texts.get(code).is_some_and(|t| !t.trim().is_empty());
        let default = &self.default;
        let mut found = Vec::new();
        for code in self.languages.iter().filter(|code| !has(code)) {
            let key = format!("{what}.{code}");
            if code == default {
                found.push(
                    self.error(format!("{owner} has no {key}"), span.clone())
                        .hint(format!("add {key} = \"…\"")),
                );
            } else if has(default) {
                found.push(
                    self.warning(
                        format!("{owner} has no {key}; readers in `{code}` see the {default} text"),
                        span.clone(),
                    )
                    .hint(format!("add {key} = \"…\" under {what}.{default}")),
                );
            }
        }
        self.problems.extend(found);
    }

    /// A `date = 2024-05-31` (a date-time is accepted too; only its day is shown).
    pub(super) fn date(
        &mut self,
        date: Option<&Spanned<toml::value::Datetime>>,
        prefix: &str,
    ) -> Option<PageDate> {
        let d = date?;
        let day = d.get_ref().date.and_then(|day| {
            PageDate::parse(&format!("{:04}-{:02}-{:02}", day.year, day.month, day.day))
        });
        if day.is_none() {
            let e = self
                .error(
                    format!("{prefix}`{}` is not a date", d.get_ref()),
                    Some(d.span()),
                )
                .hint("write it as date = 2024-05-31");
            self.push(e);
        }
        day
    }
}
