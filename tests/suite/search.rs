//! Search in every language: the index Pagefind makes of each language's own text, and the
//! search pages driven in real Chromium with Georgian, Armenian and English queries.

use crate::common::gates;
use crate::common::*;

/// Stories in every language, a page only in English (shown elsewhere as a fallback) and a
/// draft: what each language may and may not find.
fn search_site() -> TestSite {
    let site = TestSite::new();
    for (lang, title) in [("en", "Home"), ("ka", "მთავარი"), ("hy", "Գլխավոր")]
    {
        site.page(
            &format!("content/_index.{lang}.md"),
            &format!("title = \"{title}\""),
            "",
        );
        site.page(
            &format!("content/stories/_index.{lang}.md"),
            &format!("title = \"{title}\""),
            "",
        );
    }
    site.page(
        "content/stories/tbilisi/index.ka.md",
        "title = \"ქალაქის ამბავი\"\ndate = 2024-03-01\ntags = [\"ქალაქი\"]",
        "ნინო ახლა **თბილისში** ცხოვრობს და სამუშაო ნებართვას ელოდება.",
    );
    site.page(
        "content/stories/tbilisi/index.en.md",
        "title = \"A city story\"\ndate = 2024-03-01",
        "Nino now lives in Tbilisi and waits for her work permit.",
    );
    site.page(
        "content/stories/tbilisi/index.hy.md",
        "title = \"Քաղաքի պատմություն\"\ndate = 2024-03-01",
        "Ինչո՞ւ եկավ Նինոն Երևան։ Նա սպասում է աշխատանքի թույլտվությանը։",
    );
    site.page(
        "content/about.en.md",
        "title = \"About the work permit\"",
        "The zanzibarite helpline answers questions about a work permit.",
    );
    // Odd pages are indexed or skipped, never a failure: empty, raw HTML, one very long word.
    site.page("content/empty.en.md", "title = \"Empty\"", "");
    site.page(
        "content/raw.ka.md",
        "title = \"ნედლი\"",
        "<div class=\"box\">ადამიანისუფლებათადამცველისაპარატისთანამშრომლებისთვისაც</div>",
    );
    site.page(
        "content/stories/secret/index.en.md",
        "title = \"Not yet\"\ndate = 2024-04-01\ndraft = true",
        "A zanzibarite draft.",
    );
    site
}

/// The addresses a query found, in the order shown.
fn found(query: &serde_json::Value) -> Vec<String> {
    query["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_language_has_a_search_page_and_its_own_index() {
    let site = search_site();
    site.build_ok();
    for lang in ["en", "ka", "hy"] {
        let doc = site.html(&format!("{lang}/search/index.html"));
        assert_eq!(attrs(&doc, "html", "lang"), vec![lang]);
        // Reached from the header's menu of every page.
        let home = site.html(&format!("{lang}/index.html"));
        assert!(
            attrs(&home, "header nav a", "href").contains(&format!("/{lang}/search/")),
            "{lang}"
        );
        // Only the search page loads anything of search.
        assert!(
            !site
                .read(&format!("{lang}/index.html"))
                .contains("pagefind")
        );
    }
    let ka = site.html("ka/search/index.html");
    assert_eq!(text(&ka, "h1"), "ძიება");
    assert!(text(&ka, "#search-hint").contains("დასაწყისი"));
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    for lang in ["en", "ka", "hy"] {
        assert!(entry["languages"].get(lang).is_some(), "{entry}");
    }
    // Pagefind's own interfaces are not published: the theme has its own page.
    assert!(!site.exists("pagefind/pagefind-ui.js"));
    let indexed = indexed_text(&site);
    assert!(indexed.contains("ადამიანისუფლებათადამცველისაპარატისთანამშრომლებისთვისაც"));
    assert!(!indexed.contains("draft"), "drafts are never indexed");
    // The same site gives the same index, byte for byte.
    let first = tree(&site.public().join("pagefind"));
    site.build_ok();
    assert_eq!(tree(&site.public().join("pagefind")), first);
}

#[test]
fn search_can_be_turned_off_everywhere_or_in_one_language() {
    let site = search_site();
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nskip_languages = [\"hy\"]\n"),
    );
    site.build_ok();
    assert!(site.exists("ka/search/index.html"));
    assert!(!site.exists("hy/search/index.html"));
    let entry: serde_json::Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    assert!(entry["languages"].get("hy").is_none(), "{entry}");
    assert!(!site.read("hy/index.html").contains("/hy/search/"));
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nenabled = false\n"),
    );
    site.build_ok();
    assert!(!site.exists("en/search/index.html") && !site.exists("pagefind"));
    // A theme copied before search had a search page builds without it, and says so.
    site.write("site.toml", SITE_TOML);
    std::fs::remove_file(site.root().join("themes/default/templates/search.html")).unwrap();
    let old_theme = site.build(&[]);
    assert!(old_theme.ok(), "{}", old_theme.stderr);
    assert!(
        old_theme
            .stderr
            .contains("themes/default/templates/search.html")
            && old_theme.stderr.contains("without search"),
        "{}",
        old_theme.stderr
    );
    assert!(!site.exists("en/search/index.html") && !site.exists("pagefind"));
    assert!(!site.read("en/index.html").contains("/en/search/"));
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[search]\nskip_languages = [\"hu\"]\n"),
    );
    let r = site.build(&[]);
    assert!(!r.ok());
    assert!(
        r.stderr.contains("site.toml") && r.stderr.contains("`hu`"),
        "{}",
        r.stderr
    );
}

#[test]
fn readers_find_their_own_language_in_chromium() {
    let site = search_site();
    site.build_ok();
    let server = gates::StaticServer::start(&site.public());
    let queries = serde_json::json!([
        // A Georgian prefix finds an inflected form (თბილისში), and quotation marks do not stop it.
        {"path": "/ka/search/", "query": "თბილის", "audit": true},
        {"path": "/ka/search/", "query": "„თბილის“"},
        // Armenian: ինչու finds ինչո՞ւ, and the stemmer finds թույլտվությանը.
        {"path": "/hy/search/", "query": "ինչու"},
        {"path": "/hy/search/", "query": "թույլտվություն"},
        // English finds the page; a reader of Georgian never finds its English fallback.
        {"path": "/en/search/", "query": "zanzibarite"},
        {"path": "/ka/search/", "query": "zanzibarite"},
        // The filter narrows "work permit" to the page.
        {"path": "/en/search/", "query": "permit"},
        {"path": "/en/search/", "query": "permit", "type": "page"},
    ]);
    let seen = gates::browser_script("search.js", &[server.base.clone(), queries.to_string()]);
    assert_eq!(seen["errors"], serde_json::json!([]), "no script errors");
    let results = seen["results"].as_array().unwrap();
    let urls = |i: usize| found(&results[i]);
    assert_eq!(urls(0), ["/ka/stories/tbilisi/"], "{}", results[0]);
    let first = &results[0]["results"][0];
    assert_eq!(first["title"], "ქალაქის ამბავი");
    assert!(
        first["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>თბილისში</mark>"),
        "{first}"
    );
    assert_eq!(first["date"], "1 მარტი, 2024");
    assert_eq!(results[0]["status"], "1 შედეგი");
    assert_eq!(results[0]["live"], "polite", "results are announced");
    assert_eq!(
        results[0]["keyboard"], "/ka/stories/tbilisi/",
        "reachable by keyboard"
    );
    let serious: Vec<_> = results[0]["axe"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .collect();
    assert!(serious.is_empty(), "axe: {serious:?}");
    assert_eq!(urls(1), ["/ka/stories/tbilisi/"]);
    assert_eq!(urls(2), ["/hy/stories/tbilisi/"], "{}", results[2]);
    assert_eq!(urls(3), ["/hy/stories/tbilisi/"], "{}", results[3]);
    assert_eq!(
        urls(4),
        ["/en/about/"],
        "the draft is never found: {}",
        results[4]
    );
    assert!(urls(5).is_empty(), "{}", results[5]);
    assert_eq!(
        results[5]["status"],
        "ვერაფერი მოიძებნა. სცადეთ სიტყვის დასაწყისი ან სხვა სიტყვა."
    );
    let mut both = urls(6);
    both.sort();
    assert_eq!(
        both,
        ["/en/about/", "/en/stories/tbilisi/"],
        "{}",
        results[6]
    );
    assert_eq!(results[6]["status"], "2 results");
    assert_eq!(urls(7), ["/en/about/"]);
    // Nothing is fetched from another site.
    for r in seen["requests"].as_array().unwrap() {
        assert!(r.as_str().unwrap().starts_with(&server.base), "{r}");
    }
    // Without JavaScript: no dead form, a message and the lists instead.
    assert_eq!(seen["noScript"]["formHidden"], true);
    assert!(
        seen["noScript"]["text"]
            .as_str()
            .unwrap()
            .contains("JavaScript")
    );
}

#[test]
fn exhibit_photos_are_found_with_a_picture_but_never_without_consent_or_a_hidden_place() {
    let site = crate::exhibit::exhibit_site();
    let journey = crate::exhibit::JOURNEY.replace(
        "file = \"c.jpg\"\nconsent = \"given\"",
        "file = \"c.jpg\"\nconsent = \"withdrawn\"",
    );
    crate::exhibit::write_journey(&site, "crossing", &journey, &["a.jpg", "b.jpg", "c.jpg"]);
    site.build_ok();
    let server = gates::StaticServer::start(&site.public());
    let queries = serde_json::json!([
        {"path": "/en/search/", "query": "harbour"},
        {"path": "/en/search/", "query": "Batumi"},
        // No Georgian caption of its own: the English one standing in is not indexed in ka.
        {"path": "/ka/search/", "query": "ნავსადგურ"},
        {"path": "/ka/search/", "query": "გადაკვეთ", "type": "exhibit"},
        {"path": "/ka/search/", "query": "გადაკვეთ", "type": "story"},
    ]);
    let seen = gates::browser_script("search.js", &[server.base.clone(), queries.to_string()]);
    assert_eq!(seen["errors"], serde_json::json!([]), "no script errors");
    let results = seen["results"].as_array().unwrap();
    let urls = |i: usize| found(&results[i]);
    assert_eq!(urls(0), ["/en/exhibit/crossing/harbour/"], "{}", results[0]);
    let harbour = &results[0]["results"][0];
    assert_eq!(harbour["title"], "The harbour");
    assert_eq!(harbour["alt"], "Boats in a harbour");
    let thumb = harbour["image"].as_str().unwrap();
    assert!(thumb.starts_with("/img/") && site.exists(thumb), "{thumb}");
    assert_eq!(urls(1), ["/en/exhibit/crossing/1/"], "{}", results[1]);
    assert!(urls(2).is_empty(), "{}", results[2]);
    assert_eq!(urls(3), ["/ka/exhibit/crossing/"], "{}", results[3]);
    // A journey shows its cover beside its title, as a decorative picture.
    let cover = &results[3]["results"][0];
    assert!(
        cover["image"].as_str().unwrap().starts_with("/img/"),
        "{cover}"
    );
    assert_eq!(cover["alt"], "");
    assert!(urls(4).is_empty(), "{}", results[4]);
    // What must never be found is nowhere in the published index: the photo whose consent was
    // withdrawn (caption, alt text), and a city its place_precision keeps back.
    let indexed = indexed_text(&site);
    assert!(indexed.contains("Boats in a harbour"), "{indexed}");
    for secret in ["Arrival", "A station platform", "ჩამოსვლა", "Poti"] {
        assert!(!indexed.contains(secret), "{secret} is in the index");
    }
}

/// The text of every page in the published index (Pagefind's fragments, gzipped JSON).
fn indexed_text(site: &TestSite) -> String {
    use std::io::Read as _;
    tree(&site.public().join("pagefind/fragment"))
        .into_iter()
        .map(|(_, bytes)| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_string(&mut text)
                .unwrap();
            text
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The search cache's entries: name → when it was written.
fn cached_indexes(site: &TestSite) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    std::fs::read_dir(site.root().join(".passage/cache/search"))
        .map(|dir| {
            dir.map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name, e.metadata().unwrap().modified().unwrap())
            })
            .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_rebuild_indexes_again_only_the_languages_whose_texts_changed() {
    let site = search_site();
    site.build_ok();
    let first = cached_indexes(&site);
    let langs: Vec<&str> = first.keys().map(|k| &k[..2]).collect();
    assert_eq!(
        langs,
        ["en", "hy", "ka"],
        "one entry per language: {first:?}"
    );
    let index = tree(&site.public().join("pagefind"));
    // Nothing changed: every language's index comes from the cache, untouched.
    site.build_ok();
    assert_eq!(cached_indexes(&site), first);
    assert_eq!(tree(&site.public().join("pagefind")), index);
    // One Georgian story changed: Georgian is indexed again, and its old entry is gone.
    site.page(
        "content/stories/tbilisi/index.ka.md",
        "title = \"ქალაქის ამბავი\"\ndate = 2024-03-01",
        "ნინო ახლა ბათუმში ცხოვრობს.",
    );
    site.build_ok();
    let second = cached_indexes(&site);
    assert_eq!(second.len(), 3, "{second:?}");
    for (name, written) in &first {
        if name.starts_with("ka.") {
            assert!(!second.contains_key(name), "{second:?}");
        } else {
            assert_eq!(second.get(name), Some(written), "{name} was made again");
        }
    }
    assert!(indexed_text(&site).contains("ბათუმში"));
    // What the cache gave is what indexing from nothing gives.
    let cached = tree(&site.public().join("pagefind"));
    assert!(site.build(&["--clean-cache"]).ok());
    assert_eq!(tree(&site.public().join("pagefind")), cached);
    assert_eq!(cached_indexes(&site).len(), 3);
}

#[test]
fn serve_has_a_working_search_made_again_after_a_save() {
    let site = search_site();
    let server = crate::serve::Server::start(&site);
    // A file nobody makes is looked for without indexing the site first.
    assert_eq!(server.get("/favicon.ico").0, 404);
    assert!(
        cached_indexes(&site).is_empty(),
        "indexed for a missing file"
    );
    let find = |query: &str| {
        let queries = serde_json::json!([{"path": "/ka/search/", "query": query}]);
        let seen = gates::browser_script("search.js", &[server.base.clone(), queries.to_string()]);
        assert_eq!(seen["errors"], serde_json::json!([]));
        found(&seen["results"][0])
    };
    assert_eq!(find("თბილის"), ["/ka/stories/tbilisi/"]);
    assert!(find("ბათუმ").is_empty());
    let ready = |output: &str| output.matches("Ready in").count();
    let before = ready(&server.output.lock().unwrap());
    site.page(
        "content/stories/tbilisi/index.ka.md",
        "title = \"ქალაქის ამბავი\"\ndate = 2024-03-01",
        "ნინო ახლა ბათუმში ცხოვრობს.",
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while ready(&server.output.lock().unwrap()) == before {
        assert!(
            std::time::Instant::now() < deadline,
            "no rebuild after the save"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(find("ბათუმ"), ["/ka/stories/tbilisi/"]);
    assert!(find("თბილის").is_empty());
}

#[test]
fn a_language_with_nothing_of_its_own_says_so_instead_of_searching_another() {
    let site = search_site();
    // Armenian readers only get English fallbacks: Pagefind would answer them from English.
    for file in [
        "content/stories/tbilisi/index.hy.md",
        "content/_index.hy.md",
        "content/stories/_index.hy.md",
    ] {
        std::fs::remove_file(site.root().join(file)).unwrap();
    }
    site.build_ok();
    let hy = site.read("hy/search/index.html");
    assert!(hy.contains("Այս լեզվով դեռ որոնելու բան չկա"), "{hy}");
    let doc = site.html("hy/search/index.html");
    assert!(
        attrs(&doc, "script", "src")
            .iter()
            .all(|s| !s.contains("search"))
    );
    assert!(
        attrs(&doc, "form", "class").is_empty(),
        "no form that would search English"
    );
    // The other languages search as before.
    assert!(site.read("ka/search/index.html").contains("search-q"));
}
