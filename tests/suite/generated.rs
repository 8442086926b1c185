//! Generated bad input: front matters, Markdown bodies, journey files, Fluent files and WebVTT
//! caption files made by proptest, each put into a real site and read by a whole `passage check` in this process
//! (which renders and minifies every page). Never a panic, never a stack overflow, and a
//! check that fails always says so in an error naming the generated file, with a message and
//! a hint. Deep nesting (10,000 levels), huge tables, NUL bytes, invalid UTF-8, mixed scripts
//! and right-to-left marks are all in the mix.
//!
//! `PASSAGE_PROPTEST_CASES` sets the cases per kind (default 150, enough for CI);
//! `PASSAGE_PROPTEST_SEED` picks another fixed seed, so a run can be repeated exactly;
//! `PASSAGE_PROPTEST_VERBOSE=1` prints every error the checks gave, to see what the cases reach.

use passage::diagnostics::{Diagnostic, Severity};
use passage::outputs::Mode;
use passage::site::BuildOptions;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use crate::common::*;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config() -> Config {
    Config {
        cases: env_number("PASSAGE_PROPTEST_CASES", 150) as u32,
        rng_seed: RngSeed::Fixed(env_number("PASSAGE_PROPTEST_SEED", 20_261_202)),
        failure_persistence: None,
        max_shrink_iters: 300,
        ..Config::default()
    }
}

/// Runs `strategy`'s cases, each written to `file` in one site and checked.
fn run_cases(file: &str, strategy: impl Strategy<Value = Vec<u8>>) {
    run_cases_in(file, strategy, |_| {});
}

/// Like [`run_cases`] in a site that `setup` adds to first.
fn run_cases_in(file: &str, strategy: impl Strategy<Value = Vec<u8>>, setup: impl Fn(&TestSite)) {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "Welcome.");
    write_photo(&site, "photos/trip/a.jpg");
    write_photo(&site, "photos/trip/b.jpg");
    setup(&site);
    let mut runner = TestRunner::new(config());
    let (checked, failed_checks) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    let result = runner.run(&strategy, |bytes| {
        let path = site.root().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let opts = BuildOptions {
            root: site.root().to_path_buf(),
            mode: Mode::Check,
            ..Default::default()
        };
        let (failed, problems) = match passage::site::build(&opts) {
            Ok(report) => (false, report.warnings),
            Err(failure) => (true, failure.problems),
        };
        checked.set(checked.get() + 1);
        if std::env::var_os("PASSAGE_PROPTEST_VERBOSE").is_some() {
            for p in problems.iter().filter(|p| p.severity == Severity::Error) {
                eprintln!(
                    "  {}: {}",
                    p.file.display(),
                    p.message.chars().take(120).collect::<String>()
                );
            }
        }
        failed_checks.set(failed_checks.get() + usize::from(failed));
        said_well(&problems, file, failed)
    });
    if let Err(e) = result {
        panic!("{file}: {e}");
    }
    eprintln!(
        "{file}: {} generated files checked, {} of them rejected with an error in the file",
        checked.get(),
        failed_checks.get()
    );
}

/// Every problem names a file and says something; a failed check has an error in `file`.
fn said_well(problems: &[Diagnostic], file: &str, failed: bool) -> Result<(), TestCaseError> {
    for p in problems {
        prop_assert!(
            !p.file.as_os_str().is_empty() && !p.message.trim().is_empty(),
            "a problem without a file or message: {p:?}"
        );
        prop_assert!(
            p.severity != Severity::Error || p.hint.is_some(),
            "an error with no hint: {p:?}"
        );
    }
    if failed {
        prop_assert!(
            problems
                .iter()
                .any(|p| p.severity == Severity::Error && p.file.ends_with(file)),
            "the check failed with no error naming {file}: {problems:#?}"
        );
    }
    Ok(())
}

fn write_photo(site: &TestSite, rel: &str) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_fn(48, 32, |x, y| image::Rgb([x as u8 * 5, y as u8 * 7, 90]))
        .save_with_format(&path, image::ImageFormat::Jpeg)
        .unwrap();
}

/// Words in the campaign's scripts and the characters that break naive code.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("მიგრანტთა უფლებები ადამიანის უფლებებია".to_string()),
        Just("Միգրանտների իրավունքները մարդու իրավունքներ են".to_string()),
        Just("حقوق المهاجرين هي حقوق الإنسان".to_string()),
        Just("זכויות מהגרים".to_string()),
        Just("\u{200F}\u{202E}\u{2066}RTL\u{2069}\u{200E}".to_string()),
        Just("\0\u{1}\u{7f}".to_string()),
        Just("\u{FEFF}\r\n\r".to_string()),
        Just("👩🏽‍⚕️ e\u{301} ﷽".to_string()),
        "[a-z ]{0,12}".prop_map(|s| s),
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ]
}

/// A run of `unit`, `n` times, between `open` and `close`.
fn repeated(unit: &'static str, n: usize, middle: &str, close: &'static str) -> String {
    format!("{}{middle}{}", unit.repeat(n), close.repeat(n))
}

/// Nested constructs, mostly around the limit, up to 10,000 levels.
fn nested() -> impl Strategy<Value = String> {
    let depth = prop_oneof![3 => 0usize..130, 1 => 0usize..10_000];
    (depth, 0usize..7).prop_map(|(n, kind)| match kind {
        0 => repeated(">", n, " quoted", ""),
        1 => (0..n.min(3000))
            .map(|i| format!("{}- item", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        2 => repeated("<div>", n, "x", "</div>"),
        3 => repeated("*", n, "a", "*"),
        4 => repeated("[", n, "a", "](x)"),
        5 => repeated("<details><summary>s</summary>", n, "x", "</details>"),
        _ => repeated("<b>", n, "", ""),
    })
}

/// A table of up to 300 rows by 40 columns.
fn table() -> impl Strategy<Value = String> {
    (1usize..40, 0usize..300).prop_map(|(cols, rows)| {
        let row = |c: &str| format!("|{}\n", format!(" {c} |").repeat(cols));
        format!("{}{}{}", row("h"), row("---"), row("ქ").repeat(rows))
    })
}

/// Markdown syntax, raw HTML and links, alone or half-finished.
fn syntax() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\n",
        "\n\n",
        "# ",
        "## ",
        "###### ",
        "{#id}",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "~~~",
        "> ",
        "- ",
        "1. ",
        "- [ ] ",
        "|",
        "---\n",
        "+++\n",
        "[",
        "]",
        "](",
        ")",
        "![",
        "[^1]",
        "[^1]: note\n",
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "\\",
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<script>alert(1)</script>",
        "<img src=\"x.jpg\" alt=\"a\">",
        "<img src=a.jpg>",
        "<a href=\"",
        "\">",
        "</a>",
        "<video src=f.mp4 poster=p.jpg>",
        "<!--",
        "-->",
        "<iframe src=//e.org>",
        "<p onclick=x()>",
        "javascript:alert(1)",
        "[l](@/about)",
        "[l](@/stories/)",
        "[l](../x.md#a)",
        "[l](file.pdf)",
        "![a](a.jpg)",
        "![](b.png \"t\")",
        "<svg><script>x</script></svg>",
        "<math><mi>x</mi></math>",
        "<table><tr><td>",
        "<style>*{}</style>",
        "<![CDATA[x]]>",
        "<?php ?>",
        "<!DOCTYPE html>",
    ])
    .prop_map(str::to_string)
}

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![6 => syntax(), 4 => text(), 1 => nested(), 1 => table()];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Text as bytes, sometimes with bytes that are not UTF-8.
fn with_bad_bytes(text: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<u8>> {
    (
        text,
        prop::collection::vec(any::<u8>(), 0..4),
        any::<prop::sample::Index>(),
        0u8..4,
    )
        .prop_map(|(text, bad, at, chance)| {
            let mut bytes = text.into_bytes();
            if chance == 0 {
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, bad.into_iter().map(|b| b | 0x80));
            }
            bytes
        })
}

/// A TOML or YAML value, right or wrong.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|s| quoted(&s)),
        text().prop_map(|s| format!("'{s}'")),
        Just("2024-05-31".to_string()),
        Just("2024-13-45".to_string()),
        Just("2024-05-31T10:00:00+04:00".to_string()),
        Just("\"yesterday\"".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("1e999".to_string()),
        Just("true".to_string()),
        Just("[\"a\", 1, [2]]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("\"\"\"\nlong\n\"\"\"".to_string()),
        Just("\"unclosed".to_string()),
        (0usize..5_000).prop_map(|n| repeated("[", n, "", "]")),
        text(),
    ]
}

/// A TOML (or YAML) string holding `s`.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Mostly a right value for its key, sometimes any value: most pages get past the front
/// matter, so the rest of the build sees the generated text too.
fn field(key: &'static str, right: BoxedStrategy<String>) -> BoxedStrategy<Option<String>> {
    prop::option::weighted(0.7, prop_oneof![6 => right, 1 => value()])
        .prop_map(move |v| v.map(|v| format!("{key} = {v}")))
        .boxed()
}

fn front_matter() -> impl Strategy<Value = String> {
    let text_value = || text().prop_map(|t| quoted(&t)).boxed();
    let fields = vec![
        field("title", text_value()),
        field("date", Just("2024-05-31".to_string()).boxed()),
        field("summary", markdown().prop_map(|t| quoted(&t)).boxed()),
        field(
            "tags",
            prop::collection::vec(text(), 0..4)
                .prop_map(|t| {
                    format!(
                        "[{}]",
                        t.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", ")
                    )
                })
                .boxed(),
        ),
        field("draft", any::<bool>().prop_map(|b| b.to_string()).boxed()),
        field(
            "cover",
            prop::sample::select(vec![
                "\"a.jpg\"",
                "\"gone.jpg\"",
                "\"../../../photos/trip/a.jpg\"",
            ])
            .prop_map(str::to_string)
            .boxed(),
        ),
        field("cover_alt", text_value()),
        field("weight", any::<i32>().prop_map(|n| n.to_string()).boxed()),
        field("menu", text_value()),
    ];
    let odd_line = prop::option::weighted(
        0.2,
        ("[a-z_]{1,8}", value()).prop_map(|(k, v)| format!("{k} = {v}")),
    );
    let fence = prop_oneof![8 => Just("+++"), 1 => Just("---"), 1 => Just("++")];
    (fence, fields, odd_line, markdown()).prop_map(|(fence, fields, odd, body)| {
        let mut lines: Vec<String> = fields.into_iter().flatten().chain(odd).collect();
        if fence == "---" {
            // The same keys, the YAML way.
            lines = lines.iter().map(|l| l.replacen(" = ", ": ", 1)).collect();
        }
        let close = if fence == "---" { "---" } else { "+++" };
        format!("{fence}\n{}\n{close}\n{body}", lines.join("\n"))
    })
}

/// `name.<lang> = …`: mostly for every language of the site, so the journey gets as far as
/// its pages; sometimes for some, or for others.
fn per_language(name: &'static str, text: BoxedStrategy<String>) -> BoxedStrategy<String> {
    let lang = prop::sample::select(vec!["en", "ka", "hy", "fr", "EN", "k a", ""]);
    let every = prop::collection::vec(text.clone(), 3)
        .prop_map(|t| ["en", "ka", "hy"].into_iter().zip(t).collect::<Vec<_>>());
    let some = prop::collection::btree_map(lang, text, 0..4).prop_map(|m| m.into_iter().collect());
    prop_oneof![4 => every, 1 => some]
        .prop_map(move |pairs: Vec<(&str, String)>| {
            pairs
                .into_iter()
                .map(|(l, t)| format!("{name}.{} = {}\n", quoted(l), quoted(&t)))
                .collect()
        })
        .boxed()
}

fn journey() -> impl Strategy<Value = String> {
    let plain = || text().boxed();
    let photo = (
        prop_oneof![8 => Just("a.jpg"), 2 => Just("b.jpg"), 1 => Just("gone.jpg"), 1 => Just("../a.jpg")],
        prop_oneof![8 => Just("given"), 2 => Just("not-needed"), 1 => Just("withdrawn"), 1 => Just("maybe")],
        prop::sample::select(vec!["city", "country", "exact", ""]),
        (per_language("caption", plain()), per_language("alt", plain()), per_language("credit", plain())),
        (per_language("city", plain()), per_language("country", plain())),
        prop::option::weighted(0.2, ("[a-z_.]{1,10}", value()).prop_map(|(k, v)| format!("{k} = {v}\n"))),
    )
        .prop_map(|(file, consent, precision, (caption, alt, credit), (city, country), odd)| {
            let precision = match precision {
                "" => String::new(),
                p => format!("place_precision = \"{p}\"\n"),
            };
            format!(
                "[[photo]]\nfile = \"{file}\"\nconsent = \"{consent}\"\n{precision}{caption}{alt}{credit}{city}{country}{}",
                odd.unwrap_or_default()
            )
        });
    let titles = per_language("title", plain()).prop_map(|t| t.replace("title.", ""));
    let intros = per_language("intro", markdown().boxed()).prop_map(|t| t.replace("intro.", ""));
    (
        prop_oneof![8 => Just("2024-05-31".to_string()), 1 => value()],
        titles,
        intros,
        prop::collection::vec(photo, 1..4),
        prop::option::weighted(0.1, text()),
    )
        .prop_map(|(date, title, intro, photos, garbage)| {
            format!(
                "date = {date}\ncover = \"a.jpg\"\n[title]\n{title}[intro]\n{intro}{}{}",
                photos.concat(),
                garbage.unwrap_or_default()
            )
        })
}

fn fluent() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        text(),
        prop::sample::select(vec![
            "{ $count }",
            "{ -brand }",
            "{ msg.attr }",
            "{ NUMBER($n) }",
            "{ \"{\" }",
            "{ $n ->\n  [one] one\n *[other] many\n}",
            "{ $n ->\n [one] x\n}",
            "{",
            "}",
            "{{",
            "\"",
            "\\",
            "\n  continued",
            "\n.attr = x",
            "\n-term = T",
            "\n# comment {{{",
            "\n## group",
            "\nsecond = two",
            "*[other]",
            "->",
            "$",
            "{ $x -> *[a] { $y -> *[b] c } }",
        ])
        .prop_map(str::to_string),
        (0usize..3_000).prop_map(|n| repeated("{", n, "\"x\"", "}")),
        (0usize..3_000).prop_map(|n| repeated("{ $a -> *[x] ", n, "y", " }")),
    ];
    let id = prop_oneof!["[a-z][a-z-]{0,10}".prop_map(|s| s), text()];
    let message = (id, prop::collection::vec(piece, 0..8))
        .prop_map(|(id, p)| format!("{id} = {}", p.concat()));
    prop::collection::vec(message, 0..8).prop_map(|m| m.join("\n"))
}

/// One cue timing: mostly right, often wrong in the ways people and tools get it wrong.
fn timing() -> impl Strategy<Value = String> {
    let stamp = prop_oneof![
        (0u32..3, 0u32..60, 0u32..60, 0u32..1000)
            .prop_map(|(h, m, s, ms)| format!("{h:02}:{m:02}:{s:02}.{ms:03}")),
        (0u32..60, 0u32..60, 0u32..1000).prop_map(|(m, s, ms)| format!("{m:02}:{s:02}.{ms:03}")),
        (0u64..u64::MAX, 0u32..100, 0u32..100)
            .prop_map(|(h, m, s)| format!("{h}:{m:02}:{s:02},000")),
        prop::sample::select(vec![
            "00:00:01",
            "0:1.5",
            "-00:00:01.000",
            "99:99:99.999",
            ""
        ])
        .prop_map(str::to_string),
    ];
    let arrow = prop::sample::select(vec![" --> ", "-->", " -> ", " —> ", " --> --> ", "\t-->\t"]);
    let settings = prop::sample::select(vec![
        "",
        " line:0",
        " position:50% align:start",
        " size:200% line:-1",
        " region:x vertical:rl",
        " align:",
    ]);
    (stamp.clone(), arrow, stamp, settings).prop_map(|(a, arrow, b, s)| format!("{a}{arrow}{b}{s}"))
}

/// What a cue says: the campaign's scripts, voice and styling tags (some nested thousands deep,
/// some never closed), inline timestamps and entities.
fn cue_text() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        prop::sample::select(vec![
            "<v Nino Beridze>I came alone.",
            "<v.loud Ana>ხმამაღლა</v>",
            "<c.yellow.bg_blue>Ես</c> <i>եկա</i> <b>մենակ</b> <u>x</u>",
            "<00:00:01.500>later <ruby>漢<rt>kan</rt></ruby>",
            "&amp; &lt; &gt; &nbsp; &#x10FFFF; &#0; &bogus; &",
            "<v",
            "<<<>>>",
            "</i></b>",
            "NOTE inside a cue",
            "-->",
        ])
        .prop_map(str::to_string),
        (0usize..10_000).prop_map(|n| repeated("<i>", n, "deep", "</i>")),
        (0usize..3_000).prop_map(|n| "<b>".repeat(n)),
    ]
}

/// A WebVTT file: header, cues, notes, styles and regions in any order, or none of them.
fn webvtt() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "WEBVTT",
        "WEBVTT - Film",
        "WEBVTT\tx",
        "",
        "webvtt",
        "WEBVTTX",
    ]);
    let cue = (
        prop::option::of("[a-z0-9 -]{1,8}"),
        timing(),
        prop::collection::vec(cue_text(), 0..4),
    )
        .prop_map(|(id, t, lines)| {
            let id = id.map(|i| format!("{i}\n")).unwrap_or_default();
            format!("{id}{t}\n{}", lines.join("\n"))
        });
    let block = prop_oneof![
        6 => cue,
        1 => text().prop_map(|t| format!("NOTE {t}")),
        1 => Just("STYLE\n::cue { color: yellow }".to_string()),
        1 => Just("REGION\nid:r width:40% lines:3".to_string()),
        1 => text(),
    ];
    let many = prop_oneof![
        4 => prop::collection::vec(block, 0..8),
        1 => (0usize..5_000).prop_map(|n| {
            (0..n).map(|i| format!("00:00:{:02}.000 --> 00:00:{:02}.500\nline {i}", i % 60, i % 60)).collect()
        }),
    ];
    let gap = prop::sample::select(vec!["\n\n", "\n", "\n\n\n", "\r\n\r\n"]);
    (header, many, gap).prop_map(|(h, blocks, gap)| {
        let mut out = h.to_string();
        for b in blocks {
            out.push_str(gap);
            out.push_str(&b);
        }
        out.push('\n');
        out
    })
}

#[test]
fn generated_caption_files_never_crash_and_are_reported_in_their_file() {
    run_cases_in(
        "content/stories/film/film.ka.vtt",
        with_bad_bytes(webvtt()),
        |site| {
            let film = site.root().join("content/stories/film/film.mp4");
            std::fs::create_dir_all(film.parent().unwrap()).unwrap();
            let made = std::process::Command::new("ffmpeg")
                .args([
                    "-v",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    "testsrc=size=64x36:rate=5:duration=1",
                ])
                .args(["-c:v", "libx264", "-pix_fmt", "yuv420p"])
                .arg(&film)
                .status()
                .expect("ffmpeg is needed (Debian: ffmpeg); scripts/test installs it");
            assert!(made.success());
            site.page(
                "content/stories/film/index.en.md",
                "title = \"Film\"\ndate = 2024-01-01",
                "![A test film](film.mp4)\n",
            );
        },
    );
}

#[test]
fn generated_front_matter_and_markdown_never_crash_and_are_reported_in_their_file() {
    run_cases(
        "content/stories/generated/index.en.md",
        with_bad_bytes(front_matter()),
    );
}

#[test]
fn generated_markdown_bodies_never_crash_and_are_reported_in_their_file() {
    let page = markdown()
        .prop_map(|body| format!("+++\ntitle = \"Generated\"\ndate = 2024-01-01\n+++\n{body}"));
    run_cases("content/stories/body/index.ka.md", with_bad_bytes(page));
}

#[test]
fn generated_journeys_never_crash_and_are_reported_in_their_file() {
    run_cases("photos/trip/journey.toml", with_bad_bytes(journey()));
}

#[test]
fn generated_fluent_files_never_crash_and_are_reported_in_their_file() {
    run_cases("locales/hy/generated.ftl", with_bad_bytes(fluent()));
}
