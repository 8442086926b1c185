//! Builds small sites in temporary folders with the real binary and checks the HTML it writes.

use crate::common::*;

fn three_language_site() -> TestSite {
    let site = TestSite::new();
    for (lang, title) in [
        ("en", "Welcome"),
        ("ka", "მოგესალმებით"),
        ("hy", "Բարի գալուստ"),
    ] {
        site.page(
            &format!("content/_index.{lang}.md"),
            &format!("title = \"{title}\""),
            "Intro.",
        );
        site.page(
            &format!("content/stories/_index.{lang}.md"),
            "title = \"Stories\"\nweight = 1",
            "",
        );
    }
    site.page(
        "content/stories/s1/index.en.md",
        "title = \"Rights at the border\"\ndate = 2022-11-30\ntags = [\"rights\", \"borders\"]",
        "## Why it matters\n\nText in English.",
    );
    site.page(
        "content/stories/s1/index.ka.md",
        "title = \"უფლებები საზღვარზე\"\ndate = 2022-11-30\ntags = [\"უფლებები\"]",
        "## რატომ არის მნიშვნელოვანი\n\nტექსტი ქართულად.",
    );
    site.page(
        "content/stories/s1/index.hy.md",
        "title = \"Իրավունքները սահմանին\"\ndate = 2022-11-30\ntags = [\"իրավունքներ\"]",
        "## Ինչու է կարևոր\n\nՏեքստ հայերեն։",
    );
    site.page(
        "content/about.en.md",
        "title = \"About us\"\nweight = 2",
        "English only, for now. See [the story](@/stories/s1).",
    );
    site
}

#[test]
fn builds_every_language_with_pretty_urls_and_lang_attributes() {
    let site = three_language_site();
    let run = site.build(&[]);
    assert!(run.ok(), "{}", run.stderr);
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "en/index.html",
        "ka/index.html",
        "hy/index.html",
        "en/stories/index.html",
        "ka/stories/s1/index.html",
        "hy/stories/s1/index.html",
        "en/about/index.html",
        "ka/about/index.html",
        "en/404.html",
        "ka/404.html",
        "en/atom.xml",
        "ka/atom.xml",
        "hy/atom.xml",
        "en/tags/index.html",
        "ka/tags/უფლებები/index.html",
    ] {
        assert!(site.exists(file), "{file} was not written");
    }
    for file in html_files(&site.public()) {
        let doc = site.html(&file);
        let lang = attrs(&doc, "html", "lang").remove(0);
        let folder = file.split('/').next().unwrap();
        if ["en", "ka", "hy"].contains(&folder) {
            assert_eq!(lang, folder, "{file}");
        }
        assert_eq!(attrs(&doc, "html", "dir"), vec!["ltr"], "{file}");
    }
    // The root is a chooser in every language, pointing at each home with x-default.
    let root = site.html("index.html");
    assert_eq!(
        attrs(&root, "main a[hreflang]", "href"),
        vec!["/en/", "/ka/", "/hy/"]
    );
    let hreflangs = attrs(&root, "link[rel=alternate][hreflang]", "hreflang");
    assert_eq!(hreflangs, vec!["en", "ka", "hy", "x-default"]);
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://campaign.example.org/sitemap.xml")
    );
}

#[test]
fn translations_are_linked_by_hreflang_and_the_language_switcher() {
    let site = three_language_site();
    site.build_ok();
    let ka = site.html("ka/stories/s1/index.html");
    let alternates: Vec<(String, String)> = attrs(&ka, "link[rel=alternate][hreflang]", "hreflang")
        .into_iter()
        .zip(attrs(&ka, "link[rel=alternate][hreflang]", "href"))
        .collect();
    assert_eq!(
        alternates,
        vec![
            (
                "en".into(),
                "https://campaign.example.org/en/stories/s1/".into()
            ),
            (
                "ka".into(),
                "https://campaign.example.org/ka/stories/s1/".into()
            ),
            (
                "hy".into(),
                "https://campaign.example.org/hy/stories/s1/".into()
            ),
            (
                "x-default".into(),
                "https://campaign.example.org/en/stories/s1/".into()
            ),
        ]
    );
    assert_eq!(
        attrs(&ka, "link[rel=canonical]", "href"),
        vec!["https://campaign.example.org/ka/stories/s1/"]
    );
    // Every other language is one click away, on the same story.
    assert_eq!(
        attrs(&ka, "nav.languages a", "href"),
        vec!["/en/stories/s1/", "/hy/stories/s1/"]
    );
    assert_eq!(
        attrs(&ka, "nav.languages [aria-current]", "lang"),
        vec!["ka"]
    );
    // Switcher targets exist.
    for href in attrs(&ka, "nav.languages a", "href") {
        assert!(file_for_url(&site.public(), &href).is_file(), "{href}");
    }
}

#[test]
fn missing_translation_falls_back_with_a_notice_and_no_false_hreflang() {
    let site = three_language_site();
    site.build_ok();
    let ka = site.html("ka/about/index.html");
    // Chrome in Georgian, text in English, marked as such.
    assert_eq!(attrs(&ka, "html", "lang"), vec!["ka"]);
    assert_eq!(attrs(&ka, "article", "lang"), vec!["en"]);
    let notice = text(&ka, ".notice");
    assert!(
        notice.contains("ქართული") && notice.contains("English"),
        "{notice}"
    );
    assert_eq!(
        attrs(&ka, "link[rel=canonical]", "href"),
        vec!["https://campaign.example.org/en/about/"]
    );
    assert!(
        attrs(&ka, "link[rel=alternate][hreflang]", "href").is_empty(),
        "a fallback is not a translation"
    );
    // The English page's switcher marks the other languages as not translated, never a dead link.
    let en = site.html("en/about/index.html");
    assert_eq!(texts(&en, "nav.languages .missing").len(), 2);
    for href in attrs(&en, "nav.languages a", "href") {
        assert!(file_for_url(&site.public(), &href).is_file(), "{href}");
    }
    // Links inside the fallback text lead to the reader's language.
    assert!(attrs(&ka, "article a", "href").contains(&"/ka/stories/s1/".to_string()));
}

#[test]
fn omit_policy_leaves_untranslated_pages_out() {
    let site = TestSite::with_config(&format!("missing_translation = \"omit\"\n{SITE_TOML}"));
    site.page("content/about.en.md", "title = \"About\"", "Text.");
    site.build_ok();
    assert!(site.exists("en/about/index.html"));
    assert!(!site.exists("ka/about/index.html"));
    let en = site.html("en/about/index.html");
    assert_eq!(attrs(&en, "nav.languages a", "href"), Vec::<String>::new());
    assert_eq!(texts(&en, "nav.languages .unavailable").len(), 2);
}

#[test]
fn plural_forms_follow_cldr_in_georgian_and_armenian() {
    let site = three_language_site();
    for lang in ["en", "ka", "hy"] {
        site.write(
            &format!("locales/{lang}/test.ftl"),
            "test-plural = { $count ->\n    [one] ONE\n   *[other] OTHER\n}\n",
        );
        site.page(
            &format!("content/plural.{lang}.md"),
            "title = \"Plural\"\ntemplate = \"plural.html\"",
            "",
        );
    }
    site.write(
        "templates/plural.html",
        "<!DOCTYPE html><html lang=\"{{ lang.code }}\"><title>p</title><p id=\"forms\">{% for n in [0, 1, 2, 5, 21] %}{{ n }}={{ t(key=\"test-plural\", count=n) }} {% endfor %}</p><p id=\"stories\">{% for n in [1, 2] %}{{ t(key=\"stories-count\", count=n) }}|{% endfor %}</p></html>",
    );
    site.build_ok();
    let forms = |lang: &str| text(&site.html(&format!("{lang}/plural/index.html")), "#forms");
    assert_eq!(forms("en"), "0=OTHER 1=ONE 2=OTHER 5=OTHER 21=OTHER");
    assert_eq!(forms("ka"), "0=OTHER 1=ONE 2=OTHER 5=OTHER 21=OTHER");
    // Armenian uses the singular for zero too.
    assert_eq!(forms("hy"), "0=ONE 1=ONE 2=OTHER 5=OTHER 21=OTHER");
    assert_eq!(
        text(&site.html("en/plural/index.html"), "#stories"),
        "1 story|2 stories|"
    );
}

#[test]
fn dates_are_written_with_cldr_month_names() {
    let site = three_language_site();
    site.build_ok();
    let date = |lang: &str| text(&site.html(&format!("{lang}/stories/s1/index.html")), "time");
    assert!(date("en").contains("November 30, 2022"), "{}", date("en"));
    assert!(date("ka").contains("30 ნოემბერი, 2022"), "{}", date("ka"));
    assert!(
        date("hy").contains("2022 թ․ նոյեմբերի 30"),
        "{}",
        date("hy")
    );
    assert_eq!(
        attrs(&site.html("ka/stories/s1/index.html"), "time", "datetime"),
        vec!["2022-11-30"]
    );
}

#[test]
fn titles_with_quotes_and_markup_characters_are_escaped() {
    let site = three_language_site();
    let title = r#"Media & "migration": <b>words</b> matter"#;
    site.page(
        "content/stories/q/index.en.md",
        &format!("title = '{title}'\ndate = 2021-01-01\nsummary = 'Say \"no\" to <hate> & fear'"),
        "Body.",
    );
    site.build_ok();
    let doc = site.html("en/stories/q/index.html");
    // Minified output may leave `<` literal where HTML treats it as text (in <title> and
    // attributes), so judge by the parsed document: no element came out of the title.
    assert!(
        texts(&doc, "b").is_empty(),
        "markup in a title became an element"
    );
    assert_eq!(text(&doc, "h1"), title);
    assert_eq!(text(&doc, "title"), format!("{title} — Campaign"));
    assert_eq!(
        attrs(&doc, "meta[property='og:title']", "content"),
        vec![title.to_string()]
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        vec!["Say \"no\" to <hate> & fear".to_string()]
    );
    let list = site.html("en/stories/index.html");
    assert!(texts(&list, ".card-title").contains(&title.to_string()));
    let feed =
        atom_syndication::Feed::read_from(site.read("en/atom.xml").as_bytes()).expect("valid Atom");
    assert!(feed.entries().iter().any(|e| e.title().as_str() == title));
}

#[test]
fn raw_html_is_sanitized_and_each_removal_is_reported() {
    let site = three_language_site();
    site.page(
        "content/stories/pasted/index.en.md",
        "title = \"Pasted\"\ndate = 2021-01-01",
        "Intro <abbr title=\"International Organization for Migration\">IOM</abbr>.\n\n<script>alert(1)</script>\n\n<p onclick=\"steal()\">Click</p>\n\n<a href=\"javascript:alert(1)\">bad</a> [also bad](javascript:alert(2)) <img src=\"https://tracker.example/pixel.gif\" onerror=\"alert(3)\">\n\n<iframe src=\"https://tracker.example\"></iframe>\n\n<details><summary>More</summary>Kept.</details>",
    );
    let run = site.build(&[]);
    assert!(run.ok(), "{}", run.stderr);
    let html = site.read("en/stories/pasted/index.html").to_lowercase();
    // The only script is the theme's own share button, from the site itself.
    let scripts = attrs(&site.html("en/stories/pasted/index.html"), "script", "src");
    assert!(
        scripts.iter().all(|s| s.starts_with("/share.")),
        "{scripts:?}"
    );
    assert_eq!(
        html.matches("<script").count(),
        scripts.len(),
        "an inline script reached the output"
    );
    for bad in [
        "alert(1)",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "tracker.example",
    ] {
        assert!(!html.contains(bad), "`{bad}` reached the output");
    }
    let doc = site.html("en/stories/pasted/index.html");
    assert_eq!(
        attrs(&doc, "abbr", "title"),
        vec!["International Organization for Migration"]
    );
    assert_eq!(text(&doc, ".prose details summary"), "More");
    for what in [
        "<script>",
        "event-handler",
        "javascript:",
        "<iframe>",
        "link a poster photo to it",
        "image from another site left out: `https://tracker.example/pixel.gif`",
    ] {
        assert!(
            run.stderr.contains(what),
            "no warning about {what}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("content/stories/pasted/index.en.md:"),
        "{}",
        run.stderr
    );
}

#[test]
fn bom_crlf_and_yaml_front_matter_work_and_do_not_leak() {
    let site = three_language_site();
    site.write(
        "content/stories/y/index.ka.md",
        "\u{feff}---\r\ntitle: \"იაფი ტელეფონები\"\r\ndate: 2021-05-04\r\ntags: [ტესტი]\r\n---\r\n## ქართული სათაური\r\n\r\nპირველი ხაზი\r\nმეორე ხაზი\r\n",
    );
    site.build_ok();
    let raw = std::fs::read(site.public().join("ka/stories/y/index.html")).unwrap();
    assert!(!raw.contains(&b'\r'), "CR leaked into the output");
    assert!(
        !String::from_utf8_lossy(&raw).contains('\u{feff}'),
        "BOM leaked into the output"
    );
    let doc = site.html("ka/stories/y/index.html");
    assert_eq!(text(&doc, "h1"), "იაფი ტელეფონები");
    // Heading anchors keep Georgian letters.
    assert_eq!(attrs(&doc, ".prose h2", "id"), vec!["ქართული-სათაური"]);
}

#[test]
fn lists_are_paginated_and_tags_get_pages_in_their_own_script() {
    let site = three_language_site();
    for (i, slug) in ["a", "b", "c"].iter().enumerate() {
        site.page(
            &format!("content/stories/{slug}/index.ka.md"),
            &format!(
                "title = \"ამბავი {slug}\"\ndate = 2021-0{}-01\ntags = [\"მიგრაცია\"]",
                i + 1
            ),
            "ტექსტი.",
        );
    }
    site.build_ok();
    // 4 Georgian stories, 2 per page; plus the English-only story shown as a fallback? No: s1 exists in ka.
    assert!(site.exists("ka/stories/page/2/index.html"));
    assert!(!site.exists("ka/stories/page/3/index.html"));
    let first = site.html("ka/stories/index.html");
    assert_eq!(texts(&first, ".card-title").len(), 2);
    assert_eq!(
        texts(&first, ".card-title")[0],
        "უფლებები საზღვარზე",
        "newest first"
    );
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        vec!["/ka/stories/page/2/"]
    );
    let tag_url = attrs(&site.html("ka/stories/a/index.html"), ".tags a", "href").remove(0);
    assert!(tag_url.starts_with("/ka/tags/%E1%83"), "{tag_url}");
    assert!(file_for_url(&site.public(), &tag_url).is_file());
    let tag_page = site.html("ka/tags/მიგრაცია/index.html");
    assert_eq!(texts(&tag_page, ".card-title").len(), 2);
    assert!(site.exists("ka/tags/მიგრაცია/page/2/index.html"));
}

#[test]
fn feeds_and_sitemap_are_valid_and_list_alternates() {
    let site = three_language_site();
    site.build_ok();
    for lang in ["en", "ka", "hy"] {
        let feed =
            atom_syndication::Feed::read_from(site.read(&format!("{lang}/atom.xml")).as_bytes())
                .expect("valid Atom");
        assert_eq!(feed.lang(), Some(lang));
        assert_eq!(feed.entries().len(), 1);
        assert_eq!(
            feed.entries()[0].id(),
            format!("https://campaign.example.org/{lang}/stories/s1/")
        );
    }
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    let mut alternates = std::collections::BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        let alts: Vec<String> = url
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| n.attribute("href").unwrap().to_string())
            .collect();
        alternates.insert(loc, alts);
    }
    let story = &alternates["https://campaign.example.org/ka/stories/s1/"];
    assert_eq!(story.len(), 3);
    // Reciprocal: every alternate lists the same set.
    for alt in story {
        assert_eq!(&alternates[alt], story, "{alt}");
    }
    // Fallback pages are not in the sitemap; the original is, without alternates.
    assert!(!alternates.contains_key("https://campaign.example.org/ka/about/"));
    assert!(alternates["https://campaign.example.org/en/about/"].is_empty());
}

#[test]
fn right_to_left_languages_get_dir_rtl() {
    let config = format!(
        "{SITE_TOML}\n[[languages]]\ncode = \"ar\"\nname = \"العربية\"\ndir = \"rtl\"\ntitle = \"حملة\"\n"
    );
    let site = TestSite::with_config(&config);
    site.page("content/about.ar.md", "title = \"من نحن\"", "نص.");
    site.build_ok();
    let doc = site.html("ar/about/index.html");
    assert_eq!(attrs(&doc, "html", "dir"), vec!["rtl"]);
    assert_eq!(attrs(&doc, "html", "lang"), vec!["ar"]);
    // The Arabic page is shown to English readers as a fallback in its own direction.
    let en = site.html("en/about/index.html");
    assert_eq!(attrs(&en, "article", "dir"), vec!["rtl"]);
}

#[test]
fn base_url_override_prefixes_links_and_drafts_are_opt_in() {
    let site = three_language_site();
    site.page(
        "content/stories/wip/index.en.md",
        "title = \"Work in progress\"\ndate = 2023-01-01\ndraft = true",
        "Not yet.",
    );
    let run = site.build(&["--base-url", "https://preview.example.net/campaign/"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(!site.exists("en/stories/wip/index.html"));
    let doc = site.html("en/stories/s1/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        vec!["https://preview.example.net/campaign/en/stories/s1/"]
    );
    assert!(
        attrs(&doc, "nav.languages a", "href")
            .iter()
            .all(|h| h.starts_with("/campaign/"))
    );
    assert!(attrs(&doc, "link[rel=stylesheet]", "href")[0].starts_with("/campaign/style."));
    let run = site.build(&["--drafts"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(site.exists("en/stories/wip/index.html"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = three_language_site();
    site.build_ok();
    let first = site.root().join("first");
    std::fs::rename(site.public(), &first).unwrap();
    site.build_ok();
    let (a, b) = (tree(&first), tree(&site.public()));
    assert_eq!(a.len(), b.len());
    for ((pa, ca), (pb, cb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ca == cb, "{pa} differs between builds");
    }
}
