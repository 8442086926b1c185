//! The journey parser on small journey files in a temporary site: what it publishes, what it
//! withholds, and every report word for word.

use super::*;
use crate::images::{RedactStyle, Redaction};

const SITE: &str = r#"
base_url = "https://example.org"
[[languages]]
code = "en"
name = "English"
title = "Site"
[[languages]]
code = "ka"
name = "ქართული"
title = "საიტი"
"#;

/// Texts for one photo in both languages, ready to publish.
const TEXTS: &str = r#"consent = "given"
credit = "Ana"
caption.en = "Sea"
caption.ka = "ზღვა"
alt.en = "Waves"
alt.ka = "ტალღები"
"#;

/// A site root with `photos/<slug>/journey.toml` and 40×30 JPEGs of the given names.
fn folder(slug: &str, text: &str, photos: &[&str]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(PHOTOS_DIR).join(slug);
    std::fs::create_dir_all(&dir).unwrap();
    for name in photos {
        image::RgbImage::new(40, 30)
            .save_with_format(dir.join(name), image::ImageFormat::Jpeg)
            .unwrap();
    }
    std::fs::write(dir.join(JOURNEY_FILE), text).unwrap();
    root
}

fn load_one(slug: &str, text: &str, photos: &[&str]) -> (Exhibit, Vec<String>) {
    let root = folder(slug, text, photos);
    let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
    let (exhibit, problems) = load(root.path(), &config);
    (exhibit, problems.iter().map(ToString::to_string).collect())
}

fn journey(text: &str, photos: &[&str]) -> (Exhibit, Vec<String>) {
    load_one("trip", text, photos)
}

const HEAD: &str = "title.en = \"Trip\"\ntitle.ka = \"მოგზაურობა\"\n";

#[test]
fn a_good_journey_is_read_whole() {
    let text = format!(
        r#"weight = 3
date = 2024-05-31T10:00:00
cover = "b.jpg"
{HEAD}
[intro]
en = "By *sea*."
ka = "ზღვით."

[[photo]]
file = "a.jpg"
{TEXTS}
[[photo]]
file = "b.jpg"
id = "harbour"
consent = "not-needed"
place_precision = "city"
date = 2023-04-02
credit.en = "Studio"
credit.ka = "სტუდია"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
caption.en = "Harbour"
caption.ka = "ნავსადგური"
alt.en = "Boats"
alt.ka = "ნავები"
country.en = "Georgia"
country.ka = "საქართველო"
city.en = "Poti"
city.ka = "ფოთი"
redact = [{{ x = 1, y = 2, width = 10, height = 5, style = "pixelate" }}]
"#
    );
    let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg"]);
    assert_eq!(problems, Vec::<String>::new());
    assert!(exhibit.withheld.is_empty());
    let [j] = exhibit.journeys.as_slice() else {
        panic!("one journey expected: {:?}", exhibit.journeys);
    };
    assert_eq!(j.slug, "trip");
    assert_eq!(j.file, Path::new("photos/trip/journey.toml"));
    assert_eq!((j.weight, j.cover), (3, 1));
    assert_eq!(j.date.map(|d| d.iso()).as_deref(), Some("2024-05-31"));
    assert_eq!(j.title["ka"], "მოგზაურობა");
    assert_eq!(j.intro["en"], "By *sea*.");
    assert!(j.translated("ka") && !j.translated("hy"));
    let ids: Vec<&str> = j.photos.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["1", "harbour"]);
    let (a, b) = (&j.photos[0], &j.photos[1]);
    assert_eq!(a.place_precision, PlacePrecision::None);
    assert_eq!(a.line, 12);
    // One credit stands for every language.
    assert_eq!(a.credit["en"], "Ana");
    assert_eq!(a.credit["ka"], "Ana");
    assert!(a.file.ends_with("photos/trip/a.jpg"));
    assert_eq!(b.place_precision, PlacePrecision::City);
    assert_eq!(b.date.map(|d| d.iso()).as_deref(), Some("2023-04-02"));
    assert_eq!(b.licence.as_deref(), Some("CC BY 4.0"));
    assert_eq!(b.city["ka"], "ფოთი");
    assert_eq!(
        b.redact,
        [Redaction {
            x: 1,
            y: 2,
            width: 10,
            height: 5,
            style: RedactStyle::Pixelate
        }]
    );
}

#[test]
fn photos_without_consent_are_withheld_and_the_rest_published() {
    let text = format!(
        "{HEAD}cover = \"b.jpg\"\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}\n\
         [[photo]]\nfile = \"b.jpg\"\ncaption.en = \"x\"\nalt.en = \"x\"\n\n\
         [[photo]]\nfile = \"c.jpg\"\nconsent = \"withdrawn\"\n"
    );
    let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg", "c.jpg"]);
    let reasons: Vec<(String, &str)> = exhibit
        .withheld
        .iter()
        .map(|w| {
            let name = w.file.file_name().unwrap().to_string_lossy().to_string();
            (name, w.reason.as_str())
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("b.jpg".to_string(), "no consent is recorded"),
            ("c.jpg".to_string(), "consent was withdrawn")
        ]
    );
    assert_eq!(exhibit.journeys.len(), 1);
    let j = &exhibit.journeys[0];
    assert_eq!(j.photos.len(), 1);
    assert_eq!(j.cover, 0, "a withheld cover gives way to the first photo");
    assert_eq!(
        problems,
        [
            "warning: photos/trip/journey.toml:15:8: photo 2 (`b.jpg`) is not published: no consent is recorded\n  hint: once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)",
            "warning: photos/trip/journey.toml:20:8: photo 3 (`c.jpg`) is not published: consent was withdrawn\n  hint: nothing of it is published and its cached sizes were deleted; remove the [[photo]] when you no longer need the record",
            "warning: photos/trip/journey.toml:3:9: the cover `b.jpg` is not published; the first photo is shown instead\n  hint: choose another cover",
        ]
    );
}

#[test]
fn withheld_photos_are_known_even_when_the_journey_has_errors() {
    let text = format!(
        "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n\n[[photo]]\nfile = \"b.jpg\"\n{TEXTS}colour = 1\n"
    );
    let (exhibit, problems) = journey(&text, &["a.jpg", "b.jpg"]);
    // The stray key is reported (the build fails) but does not hide the photo's checks.
    let [j] = exhibit.journeys.as_slice() else {
        panic!("one journey expected: {:?}", exhibit.journeys);
    };
    assert_eq!(j.photos.len(), 1);
    assert!(j.photos[0].file.ends_with("b.jpg"));
    assert_eq!(exhibit.withheld.len(), 1);
    assert!(exhibit.withheld[0].file.ends_with("a.jpg"));
    assert_eq!(
        problems[0],
        "error: photos/trip/journey.toml:15:1: photo 2: unknown key `colour`\n  hint: remove it; allowed: file, id, consent, place_precision, date, credit, licence, licence_url, caption, alt, country, city, redact"
    );
}

#[test]
fn unknown_keys_are_errors_with_their_place_and_the_closest_key() {
    let text = format!(
        "{HEAD}wieght = 2\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precison = \"city\"\n\
         redact = [{{ x = 1, y = 1, width = 2, hieght = 2 }}]\n"
    );
    let (exhibit, problems) = journey(&text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(
        problems,
        [
            "error: photos/trip/journey.toml:3:1: unknown key `wieght`\n  hint: did you mean `weight`? Allowed: weight, date, cover, title, intro, photo",
            "error: photos/trip/journey.toml:13:1: photo 1: unknown key `place_precison`\n  hint: did you mean `place_precision`? Allowed: file, id, consent, place_precision, date, credit, licence, licence_url, caption, alt, country, city, redact",
            "error: photos/trip/journey.toml:14:38: photo 1: redaction: unknown key `hieght`\n  hint: did you mean `height`? Allowed: x, y, width, height, style",
            "error: photos/trip/journey.toml:14:11: photo 1: missing field `height`\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
        ]
    );
}

#[test]
fn a_syntax_error_stops_the_journey_with_its_line() {
    let (exhibit, problems) = journey(
        "title.en = \"Trip\"\n[[photo]]\nfile = \"a.jpg\ncaption.en = \"x\"\n",
        &["a.jpg"],
    );
    assert!(exhibit.journeys.is_empty() && exhibit.withheld.is_empty());
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .all(|p| p.starts_with("error: photos/trip/journey.toml:3:")),
        "{problems:#?}"
    );
    assert!(problems[0].contains("hint: check the TOML syntax"));
}

#[test]
fn a_listed_photo_must_be_in_the_folder() {
    let text = format!("{HEAD}\n[[photo]]\nfile = \"gone.jpg\"\n{TEXTS}");
    let (exhibit, problems) = journey(&text, &[]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(
        problems,
        [
            "error: photos/trip/journey.toml:5:8: photo 1 (`gone.jpg`) is listed but `gone.jpg` is not in the folder\n  hint: check the spelling and the extension (.jpg, .jpeg, .png…), or add the file"
        ]
    );
}

#[test]
fn place_precision_takes_one_of_three_words() {
    let text = format!("{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precision = \"town\"\n");
    let (exhibit, problems) = journey(&text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(
        problems,
        [
            "error: photos/trip/journey.toml:12:19: photo 1 (`a.jpg`) has an unknown place_precision `town`\n  hint: write place_precision = \"none\", \"country\" or \"city\""
        ]
    );
}

#[test]
fn a_shown_place_needs_its_names() {
    let text = format!(
        "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}place_precision = \"city\"\ncountry.en = \"Georgia\"\n"
    );
    let (_, problems) = journey(&text, &["a.jpg"]);
    assert_eq!(
        problems,
        [
            "warning: photos/trip/journey.toml:5:8: photo 1 (`a.jpg`) has no country.ka; readers in `ka` see the en text\n  hint: add country.ka = \"…\" under country.en",
            "error: photos/trip/journey.toml:5:8: photo 1 (`a.jpg`) has no city.en\n  hint: add city.en = \"…\"",
        ]
    );
}

#[test]
fn a_redaction_must_lie_inside_the_photo() {
    let text = format!(
        "{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}redact = [{{ x = 30, y = 0, width = 20, height = 10 }}]\n"
    );
    let (exhibit, problems) = journey(&text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("error: photos/trip/journey.toml:12:11: photo 1 (`a.jpg`): "),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("reaches outside the photo, which is 40×30 pixels"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_missing_translation_is_a_warning_and_a_missing_default_an_error() {
    let text = "title.en = \"Trip\"\n\n[[photo]]\nfile = \"a.jpg\"\nconsent = \"given\"\n\
                credit = \"Ana\"\ncaption.en = \"Sea\"\nalt.ka = \"ტალღები\"\ncaption.de = \"See\"\n";
    let (exhibit, problems) = journey(text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(
        problems,
        [
            "warning: photos/trip/journey.toml:1:1: the journey has no title.ka; readers in `ka` see the en text\n  hint: add title.ka = \"…\" under title.en",
            "warning: photos/trip/journey.toml:4:8: caption.de: `de` is not a language of this site\n  hint: use one of en, ka",
            "warning: photos/trip/journey.toml:4:8: photo 1 (`a.jpg`) has no caption.ka; readers in `ka` see the en text\n  hint: add caption.ka = \"…\" under caption.en",
            "error: photos/trip/journey.toml:4:8: photo 1 (`a.jpg`) has no alt.en\n  hint: add alt.en = \"…\"",
        ]
    );
}

#[test]
fn folder_names_follow_the_one_slug_rule() {
    let text = format!("{HEAD}\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}");
    let (exhibit, problems) = load_one("Old_Town", &text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert_eq!(
        problems,
        [
            "error: photos/Old_Town/journey.toml: the journey folder `Old_Town` cannot be used in an address\n  hint: rename the folder to lowercase letters, digits and hyphens, e.g. `old-town`"
        ]
    );
    let (exhibit, problems) = load_one("new-roots", &text, &["a.jpg"]);
    assert_eq!((exhibit.journeys.len(), problems.len()), (1, 0));
    // Letters of every script, as in story folders and tags.
    let (exhibit, problems) = load_one("ახალი-ფესვები", &text, &["a.jpg"]);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(exhibit.journeys[0].slug, "ახალი-ფესვები");
    let (exhibit, problems) = load_one("new--roots", &text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    assert!(problems[0].contains("e.g. `new-roots`"), "{problems:?}");
}

#[test]
fn photos_without_a_journey_file_are_named() {
    let root = folder("trip", "", &["a.jpg"]);
    std::fs::remove_file(root.path().join("photos/trip/journey.toml")).unwrap();
    let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
    let (exhibit, problems) = load(root.path(), &config);
    assert!(exhibit.journeys.is_empty());
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "warning: photos/trip: these photos are not published: the folder has no journey.toml\n  hint: run `passage new journey trip` to describe them, or move them out of photos/"
        ]
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named_with_its_place() {
    let text = format!("{HEAD}intro.en = 5\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}");
    let (exhibit, problems) = journey(&text, &["a.jpg"]);
    assert!(exhibit.journeys.is_empty());
    // The journey's own keys are lost with it, so its title is missing too.
    assert_eq!(
        problems,
        [
            "error: photos/trip/journey.toml:3:12: invalid type: integer `5`, expected a string\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
            "error: photos/trip/journey.toml: the journey has no title.en\n  hint: add title.en = \"…\"",
        ]
    );
}

/// A journey with one of each mistake (`{HEAD}` and `{TEXTS}` filled in by the test).
const EVERY_PROBLEM: &str = r#"{HEAD}date = 10:00:00
cover = "nowhere.jpg"
intro.de = "Hallo"

[[photo]]
file = "sub/a.jpg"

[[photo]]
file = "a.jpg"
consent = "maybe"

[[photo]]
file = "a.jpg"

[[photo]]
file = "gone.jpg"
consent = "given"

[[photo]]
file = "notes.txt"
consent = "given"

[[photo]]
file = "b.jpg"
{TEXTS}id = "labels"

[[photo]]
file = "c.jpg"
{TEXTS}id = "Big Sea"

[[photo]]
file = "d.jpg"
{TEXTS}id = "sea"

[[photo]]
file = "e.jpg"
{TEXTS}id = "sea"

[[photo]]
file = "f.jpg"
{TEXTS}place_precision = "town"

[[photo]]
file = "g.jpg"
consent = "not-needed"
place_precision = "country"
caption.en = "x"
caption.hy = "x"
alt.en = "x"
credit = ""
licence_url = "ftp://example.org"
date = 10:00:00
redact = [{ x = 0, y = 0, width = 5, height = 5, style = "blur" }, { x = 0, y = 0, width = 0, height = 5 }, { x = 39, y = 0, width = 5, height = 5 }]

[[photo]]
file = "h.jpg"
consent = "given"
caption = 5

[[photo]]
file = "i.jpg"
"#;

/// Every check of a journey and its photos, in the order they are reported, with their
/// places, messages and hints: the parser may be reorganised, its report may not change.
#[test]
fn every_problem_is_reported_in_order() {
    let text = EVERY_PROBLEM
        .replace("{HEAD}", HEAD)
        .replace("{TEXTS}", TEXTS);
    let names = [
        "a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg", "g.jpg", "h.jpg", "i.jpg", "j.jpg",
    ];
    let root = folder("trip", &text, &names);
    std::fs::write(root.path().join("photos/trip/notes.txt"), "notes").unwrap();
    let config = SiteConfig::parse(SITE, "site.toml".into()).unwrap();
    let (exhibit, problems) = load(root.path(), &config);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(exhibit.journeys.is_empty());
    assert_eq!(exhibit.withheld.len(), 1);
    assert_eq!(
        problems,
        [
            "error: photos/trip/journey.toml:90:11: photo 12: invalid type: integer `5`, expected a map\n  hint: write the value as README.md's exhibit section shows, e.g. weight = 1, date = 2024-05-31, title.en = \"…\"",
            "warning: photos/trip/journey.toml:5:1: intro.de: `de` is not a language of this site\n  hint: use one of en, ka",
            "error: photos/trip/journey.toml:3:8: `10:00:00` is not a date\n  hint: write it as date = 2024-05-31",
            "error: photos/trip/journey.toml:8:8: photo 1 (`sub/a.jpg`): `file` must name a photo in this folder\n  hint: write only the file name, e.g. file = \"harbour.jpg\"",
            "error: photos/trip/journey.toml:12:11: photo 2 (`a.jpg`) has an unknown consent `maybe`\n  hint: write consent = \"given\", \"withdrawn\" or \"not-needed\" (nobody recognisable in the photo)",
            "error: photos/trip/journey.toml:15:8: `a.jpg` is listed twice\n  hint: keep one [[photo]] per photo",
            "error: photos/trip/journey.toml:18:8: photo 4 (`gone.jpg`) is listed but `gone.jpg` is not in the folder\n  hint: check the spelling and the extension (.jpg, .jpeg, .png…), or add the file",
            "error: photos/trip/journey.toml:22:8: photo 5 (`notes.txt`) is not a photo, video or audio file\n  hint: use a JPEG, PNG or WebP photo, an MP4 or WebM video, or M4A, MP3 or Ogg audio",
            "error: photos/trip/journey.toml:33:6: photo 6 (`b.jpg`): the id `labels` cannot be used in an address\n  hint: `labels` is the journey's print page; choose another id",
            "error: photos/trip/journey.toml:43:6: photo 7 (`c.jpg`): the id `Big Sea` cannot be used in an address\n  hint: use lowercase letters, digits and hyphens, e.g. `big-sea`",
            "error: photos/trip/journey.toml:56:8: photo 9 (`e.jpg`) has the same id `sea` as photo 8\n  hint: give every photo its own id",
            "error: photos/trip/journey.toml:73:19: photo 10 (`f.jpg`) has an unknown place_precision `town`\n  hint: write place_precision = \"none\", \"country\" or \"city\"",
            "warning: photos/trip/journey.toml:76:8: caption.hy: `hy` is not a language of this site\n  hint: use one of en, ka",
            "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no caption.ka; readers in `ka` see the en text\n  hint: add caption.ka = \"…\" under caption.en",
            "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no alt.ka; readers in `ka` see the en text\n  hint: add alt.ka = \"…\" under alt.en",
            "error: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no country.en\n  hint: add country.en = \"…\"",
            "warning: photos/trip/journey.toml:76:8: photo 11 (`g.jpg`) has no credit\n  hint: add credit = \"name of the photographer\" as the licence or agreement asks",
            "error: photos/trip/journey.toml:83:15: photo 11 (`g.jpg`): licence_url is not a web address\n  hint: e.g. licence_url = \"https://creativecommons.org/licenses/by/4.0/\"",
            "error: photos/trip/journey.toml:84:8: photo 11 (`g.jpg`): `10:00:00` is not a date\n  hint: write it as date = 2024-05-31",
            "error: photos/trip/journey.toml:85:11: photo 11 (`g.jpg`): unknown redaction style `blur`\n  hint: write style = \"fill\" (solid) or \"pixelate\" (coarse blocks); blur is not offered because it can be undone",
            "error: photos/trip/journey.toml:85:68: photo 11 (`g.jpg`): a redaction has no area\n  hint: give width and height in pixels, e.g. { x = 10, y = 20, width = 80, height = 60 }",
            "error: photos/trip/journey.toml:85:109: photo 11 (`g.jpg`): the redaction 5×5 at (39, 0) reaches outside the photo, which is 40×30 pixels\n  hint: measure the rectangle on the photo as it is shown (after rotation), in pixels",
            "warning: photos/trip/journey.toml:93:8: photo 13 (`i.jpg`) is not published: no consent is recorded\n  hint: once the people shown agree, add consent = \"given\" (or \"not-needed\" if nobody recognisable is shown)",
            "warning: photos/trip/journey.toml: `j.jpg` is in the folder but not listed, so it is not published\n  hint: add a [[photo]] with file = \"j.jpg\" to publish it, or move it out of the folder",
            "error: photos/trip/journey.toml:4:9: the cover `nowhere.jpg` is not one of the journey's photos\n  hint: write the file name of a listed photo, e.g. cover = \"harbour.jpg\"",
        ]
    );
}

#[test]
fn a_missing_text_is_taken_from_the_original() {
    let config = SiteConfig::parse(
        &format!("{SITE}[[languages]]\ncode = \"hy\"\nname = \"Հայերեն\"\ntitle = \"Կայք\"\n"),
        "site.toml".into(),
    )
    .unwrap();
    let texts: Texts = [("ka", "ზღვა"), ("hy", "Ծով"), ("en", "  ")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pick(&texts, "hy", &config), Some(("Ծով", "hy")));
    // English is blank: the first language in site order that has the text stands in.
    assert_eq!(pick(&texts, "en", &config), Some(("ზღვა", "ka")));
    let english: Texts = [("en".to_string(), "Sea".to_string())].into();
    assert_eq!(pick(&english, "ka", &config), Some(("Sea", "en")));
    assert_eq!(pick(&Texts::new(), "ka", &config), None);
}

#[test]
fn raw_html_removed_from_an_intro_is_reported_where_it_was_written() {
    let text = format!(
        "{HEAD}\n[intro]\nen = \"\"\"\nA journey.\n\n<script>alert(1)</script>\n\"\"\"\n\
         ka = \"ფოტო <img src=x onerror=alert(2)>\"\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}"
    );
    let (exhibit, problems) = journey(&text, &["a.jpg"]);
    let hint = "\n  hint: scripts, embeds and event handlers are never published; remove them from the text";
    assert_eq!(
        problems,
        [
            format!(
                "warning: photos/trip/journey.toml:8:1: a <script> element removed from the raw HTML{hint}"
            ),
            format!(
                "warning: photos/trip/journey.toml:10:23: an event-handler attribute removed from the raw HTML{hint}"
            ),
        ]
    );
    // Warnings only: the journey is published, its intro kept as written (the pages sanitize it).
    assert_eq!(exhibit.journeys.len(), 1);
    assert!(exhibit.journeys[0].intro["en"].contains("<script>"));
}

#[test]
fn a_removal_in_a_string_with_escapes_points_at_the_string() {
    let text = format!(
        "{HEAD}intro.en = \"Tab\\there <iframe src=\\\"x\\\"></iframe>\"\n\n[[photo]]\nfile = \"a.jpg\"\n{TEXTS}"
    );
    let (_, problems) = journey(&text, &["a.jpg"]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "warning: photos/trip/journey.toml:3:12: an <iframe> embed removed from the raw HTML"
        ),
        "{}",
        problems[0]
    );
}
