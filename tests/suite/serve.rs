//! `passage serve`: a real server process, a real headless Chromium watching it, and files
//! edited the way editors save them. Also: what the server refuses to serve.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};

use crate::common::*;

/// A running `passage serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
    /// Everything it printed, read by a thread.
    pub(crate) output: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    pub(crate) fn start(site: &TestSite) -> Self {
        Self::start_with(site, &[])
    }

    /// `passage serve` with more arguments.
    pub(crate) fn start_with(site: &TestSite, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passage"))
            .args(["serve", "--port", "0"])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start passage serve");
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut base = None;
        let mut line = String::new();
        while stdout.read_line(&mut line).unwrap() > 0 {
            output.lock().unwrap().push_str(&line);
            if let Some(at) = line.find("http://") {
                base = Some(
                    line[at..]
                        .split_whitespace()
                        .next()
                        .unwrap()
                        .trim_end_matches('/')
                        .to_string(),
                );
                break;
            }
            line.clear();
        }
        let base = base.unwrap_or_else(|| panic!("no address printed: {}", output.lock().unwrap()));
        for stream in [
            Box::new(stdout) as Box<dyn BufRead + Send>,
            Box::new(BufReader::new(child.stderr.take().unwrap())),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for l in stream.lines().map_while(Result::ok) {
                    let mut o = output.lock().unwrap();
                    o.push_str(&l);
                    o.push('\n');
                }
            });
        }
        Server {
            child,
            base,
            output,
        }
    }

    /// A raw HTTP GET, so the path reaches the server exactly as written: status and body.
    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        self.request(path, &format!("Host: {addr}\r\n"))
    }

    /// Sends what Ctrl-C sends (the shell's own kill, so no procps is needed) and checks that
    /// the server stops cleanly within 30 s.
    pub(crate) fn stop_with_ctrl_c(&mut self) {
        let pid = self.child.id();
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {pid}")])
            .status()
            .unwrap();
        assert!(sent.success());
        let asked = std::time::Instant::now();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "exit status {status}");
        assert!(
            asked.elapsed() < std::time::Duration::from_secs(30),
            "stopping took {:?}",
            asked.elapsed()
        );
    }

    /// A raw HTTP GET with the given header lines (`Host` included, or left out).
    pub(crate) fn request(&self, path: &str, headers: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, response)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn story_site() -> TestSite {
    let site = TestSite::new();
    site.page("content/_index.en.md", "title = \"Home\"", "");
    site.page("content/stories/_index.en.md", "title = \"Stories\"", "");
    let long: String = (1..=60)
        .map(|i| format!("Paragraph {i} of a long story about migrants' rights.\n\n"))
        .collect();
    site.page(
        "content/stories/s/index.en.md",
        "title = \"Story\"\ndate = 2024-01-01",
        &format!("{long}Old words at the end.\n"),
    );
    site
}

#[test]
fn saves_appear_in_the_open_page_and_broken_ones_show_what_to_fix() {
    let site = story_site();
    // A journey of tall photos: its page has the viewer's script, run again after each swap.
    let mut journey = String::from("title.en = \"A walk\"\n");
    for (i, caption) in ["A first step", "A second step", "A third step"]
        .iter()
        .enumerate()
    {
        let file = format!("p{i}.jpg");
        let path = site.root().join("photos/walk").join(&file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        image::RgbImage::from_pixel(300, 500, image::Rgb([40, 90 + i as u8 * 40, 120]))
            .save_with_format(&path, image::ImageFormat::Jpeg)
            .unwrap();
        journey.push_str(&format!(
            "[[photo]]\nfile = \"{file}\"\nconsent = \"not-needed\"\ncredit = \"N. N.\"\ncaption.en = \"{caption}\"\nalt.en = \"A path\"\n"
        ));
    }
    site.write("photos/walk/journey.toml", &journey);
    let server = Server::start(&site);
    let seen = gates::browser_script(
        "live.js",
        &[server.base.clone(), site.root().display().to_string()],
    );
    let output = server.output.lock().unwrap().clone();
    assert_eq!(seen["errors"], serde_json::json!([]), "{output}");
    let step = |name: &str| &seen["steps"][name];
    for name in [
        "edit",
        "fix",
        "atomic",
        "burst",
        "new page",
        "deleted page",
        "journey",
    ] {
        assert!(step(name)["ms"].is_u64(), "{name}: {seen}");
    }
    // The overlay names the file and the line, and the last good page stays underneath.
    let overlay = seen["overlay"].as_str().unwrap_or_default();
    assert!(
        overlay.contains("content/stories/s/index.en.md:2") && overlay.contains("Fix:"),
        "{overlay}"
    );
    assert_eq!(seen["stillShown"], true);
    assert_eq!(seen["overlayAfterFix"], false);
    assert!(
        output.contains("content/stories/s/index.en.md:2"),
        "and in the terminal: {output}"
    );
    // A save is swapped in place where the reader was (a story page has share.js; its scripts
    // run again); a CSS change does not reload at all.
    let kept = step("edit")["scrollY"].as_f64().unwrap();
    assert!((kept - 900.0).abs() < 2.0, "scroll after a save: {kept}");
    assert_eq!(step("edit")["marker"], true, "the story page was reloaded");
    assert_eq!(
        step("css")["marker"],
        true,
        "the CSS change reloaded the page"
    );
    assert!((step("css")["scrollY"].as_f64().unwrap() - 700.0).abs() < 2.0);
    // A burst of saves is handled in a few rebuilds, not one per save.
    let rebuilds = output.matches("Ready in").count();
    assert!(rebuilds < 20, "{rebuilds} rebuilds:\n{output}");
    assert_eq!(seen["deletedStatus"], 404);
    assert_eq!(
        seen["renamedOldStatus"], 404,
        "nothing stale at the old address"
    );
    assert!(step("renamed page")["ms"].is_u64());
    let kept = step("journey")["scrollY"].as_f64().unwrap();
    assert!((kept - 400.0).abs() < 2.0, "scroll after a swap: {kept}");
    // The viewer's script ran again on the new page: one viewer, and a photo opens in it.
    assert_eq!(
        seen["viewerAfterSwap"],
        serde_json::json!({"open": true, "dialogs": 1, "path": "/en/exhibit/walk/"})
    );
    for name in ["journey", "journey again"] {
        assert_eq!(
            step(name)["marker"],
            true,
            "{name}: the journey page was reloaded"
        );
    }
    // Nothing was written to public/, and `build` output never has the live script.
    assert!(!site.public().exists(), "serve renders from memory");
    site.build_ok();
    for file in html_files(&site.public()) {
        assert!(!site.read(&file).contains("__passage"), "{file}");
    }
}

#[test]
fn only_files_of_the_site_are_served() {
    let site = story_site();
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);
    let (status, body) = server.get("/en/stories/s/");
    assert_eq!(status, 200);
    assert!(body.contains("Old words") && body.contains("/__passage/live.js"));
    for path in [
        "/../site.toml",
        "/en/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/en/..%2f..%2fsite.toml",
        "/en/..%5c..%5csite.toml",
        "/secret.txt",
        "/content/stories/s/index.en.md",
        "/.passage/",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("do not serve") && !body.contains("base_url") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
    // Addresses without the final slash lead to the page, as on static hosts.
    let (status, body) = server.get("/en/stories/s");
    assert_eq!(status, 308, "{body}");
    // Missing pages get the site's own 404 page in the reader's language.
    let (status, body) = server.get("/ka/nothing/");
    assert_eq!(status, 404);
    assert!(body.contains("lang=ka"), "{body}");
}

#[test]
fn the_server_listens_on_loopback_and_stops_cleanly_on_ctrl_c() {
    let site = story_site();
    let mut server = Server::start(&site);
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    // A page is open, listening for saves: Ctrl-C must not wait for it.
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut listening = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        listening,
        "GET /__passage/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 64];
    let n = listening.read(&mut head).unwrap();
    assert!(String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 200"));
    server.stop_with_ctrl_c();
    drop(listening);
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(server.output.lock().unwrap().contains("Stopped."));
    // A port already in use is explained when asked for by number.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let r = Command::new(env!("CARGO_BIN_EXE_passage"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("another program uses this port"), "{err}");
}

/// Every page and file of a prepared site, by path, rendered.
fn everything(site: &TestSite, prepared: &passage::site::Prepared) -> Vec<(String, Vec<u8>)> {
    // The paths a full build writes are the ones to compare.
    site.build_ok();
    let mut out = Vec::new();
    for (rel, _) in tree(&site.public()) {
        if rel.starts_with(".passage") {
            continue; // the marker that the folder is passage's output
        }
        if rel.ends_with(".avif") {
            continue; // the dev server leaves out the slow AVIF
        }
        let path = format!("/{}", rel.replace('\\', "/"));
        match prepared.resource(&path) {
            Some(Ok(passage::site::Resource::Page(b) | passage::site::Resource::Bytes(b))) => {
                out.push((path, b))
            }
            Some(Ok(passage::site::Resource::File(f) | passage::site::Resource::Kept(f))) => {
                out.push((path, std::fs::read(f).unwrap()))
            }
            Some(Err(e)) => panic!("{path}: {e}"),
            None => panic!("{path} is built but not served"),
        }
    }
    out
}

/// A site of three dated, tagged stories whose texts are `text`, and the options `serve`
/// prepares it with.
fn three_stories(text: &str) -> (TestSite, passage::site::BuildOptions) {
    let site = story_site();
    for (slug, tag) in [("a", "media"), ("b", "rights"), ("c", "media")] {
        site.page(
            &format!("content/stories/{slug}/index.en.md"),
            &format!(
                "title = \"Story {slug}\"\ndate = 2024-02-0{}\ntags = [\"{tag}\"]",
                slug.len()
            ),
            text,
        );
    }
    let opts = passage::site::BuildOptions {
        root: site.root().to_path_buf(),
        mode: passage::site::Mode::Serve,
        ..Default::default()
    };
    (site, opts)
}

/// Asserts that two preparations serve the same files, byte for byte, after `when`; the files
/// of the second.
fn same_files(
    site: &TestSite,
    after: &passage::site::Prepared,
    full: &passage::site::Prepared,
    when: &str,
) -> Vec<(String, Vec<u8>)> {
    let (a, b) = (everything(site, after), everything(site, full));
    assert_eq!(a.len(), b.len(), "after {when}");
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs after {when}");
    }
    b
}

#[test]
fn after_a_save_only_the_saved_page_is_read_again_and_the_site_is_the_same() {
    let (site, opts) = three_stories("See [the other one](@/stories/b#why).\n\n## Why\n\nBecause.");
    let first = passage::site::prepare(&opts).unwrap();
    // An edit: new title, tag and text.
    site.page(
        "content/stories/a/index.en.md",
        "title = \"Story a, renamed\"\ndate = 2024-02-01\ntags = [\"new tag\"]",
        "Different words.",
    );
    // A new page, and one deleted.
    site.page(
        "content/stories/d/index.en.md",
        "title = \"Story d\"\ndate = 2024-03-01",
        "Fresh.",
    );
    std::fs::remove_dir_all(site.root().join("content/stories/c")).unwrap();
    site.page(
        "content/stories/b/index.en.md",
        "title = \"Story b\"\ndate = 2024-02-01",
        "See [the new one](@/stories/d).\n\n## Why\n\nBecause.",
    );
    let changed = [
        "content/stories/a/index.en.md",
        "content/stories/b/index.en.md",
        "content/stories/d/index.en.md",
        "content/stories/c",
    ]
    .map(std::path::PathBuf::from);
    let after = passage::site::prepare_after(&opts, &first, &changed).unwrap();
    let full = passage::site::prepare(&opts).unwrap();
    same_files(&site, &after, &full, "an incremental preparation");
    let list = String::from_utf8(
        after
            .resource("/en/stories/index.html")
            .unwrap()
            .ok()
            .map(|r| match r {
                passage::site::Resource::Page(b) => b,
                _ => unreachable!(),
            })
            .unwrap(),
    )
    .unwrap();
    assert!(
        list.contains("Story a, renamed") && list.contains("Story d") && !list.contains("Story c")
    );
    // A link that breaks because its target was deleted is found, though b was not saved.
    std::fs::remove_dir_all(site.root().join("content/stories/d")).unwrap();
    let changed = ["content/stories/d"].map(std::path::PathBuf::from);
    let r = passage::site::prepare_after(&opts, &after, &changed);
    let problems = r
        .err()
        .expect("the link to a deleted page is an error")
        .problems;
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with("content/stories/b/index.en.md")),
        "{problems:?}"
    );
}

#[test]
fn a_save_that_changes_only_a_text_gives_the_site_a_full_preparation_gives() {
    let (site, opts) = three_stories(
        "The first paragraph.\n\nSee [the other one](@/stories/b#why).\n\n## Why\n\nBecause.",
    );
    let mut prepared = passage::site::prepare(&opts).unwrap();
    let changed = ["content/stories/a/index.en.md"].map(std::path::PathBuf::from);
    let front = "title = \"Story a\"\ndate = 2024-02-01\ntags = [\"media\"]";
    // Texts only, the front matter as it was: the lists' summaries (its first paragraph),
    // headings and a new photo change; then a broken link is reported, and fixed.
    let steps = [
        "A new first paragraph.\n\n![A road](road.jpg)\n\n## Other\n\nWords.",
        "Now [a link to nowhere](@/stories/nowhere).",
        "Fixed, [to b](@/stories/b).",
    ];
    image::RgbImage::from_pixel(40, 30, image::Rgb([10, 120, 200]))
        .save(site.root().join("content/stories/a/road.jpg"))
        .unwrap();
    for (n, text) in steps.iter().enumerate() {
        site.page("content/stories/a/index.en.md", front, text);
        let after = passage::site::prepare_after(&opts, &prepared, &changed);
        let full = passage::site::prepare(&opts);
        if n == 1 {
            let (after, full) = (after.err().unwrap(), full.err().unwrap());
            assert_eq!(
                format!("{:?}", after.problems),
                format!("{:?}", full.problems)
            );
            assert!(after.problems.iter().any(|p| p.message.contains("nowhere")));
            continue;
        }
        let (after, full) = (after.unwrap(), full.unwrap());
        assert_eq!(after.warnings(), full.warnings(), "after step {n}");
        let b = same_files(&site, &after, &full, &format!("step {n}"));
        if n == 0 {
            let list = String::from_utf8(
                b.iter()
                    .find(|(p, _)| p == "/en/stories/index.html")
                    .unwrap()
                    .1
                    .clone(),
            )
            .unwrap();
            assert!(
                list.contains("A new first paragraph"),
                "the list shows the new summary"
            );
        }
        prepared = after;
    }
}

#[test]
fn a_source_folder_made_while_serving_is_watched_too() {
    let site = story_site();
    assert!(!site.root().join("photos").exists());
    let server = Server::start(&site);
    // A curator starts the first journey while the site is open.
    let dir = site.root().join("photos/walk");
    std::fs::create_dir_all(&dir).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    image::RgbImage::from_pixel(60, 40, image::Rgb([40, 90, 120]))
        .save_with_format(dir.join("a.jpg"), image::ImageFormat::Jpeg)
        .unwrap();
    site.write(
        "photos/walk/journey.toml",
        "title.en = \"A walk\"\n[[photo]]\nfile = \"a.jpg\"\nconsent = \"not-needed\"\ncredit = \"N. N.\"\ncaption.en = \"First light\"\nalt.en = \"A path\"\n",
    );
    let mut status = 0;
    for _ in 0..100 {
        let (s, body) = server.get("/en/exhibit/walk/");
        status = s;
        if s == 200 && body.contains("First light") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(status, 200, "{}", server.output.lock().unwrap());
}

#[test]
fn only_requests_addressed_to_this_computer_are_answered() {
    let site = story_site();
    site.page(
        "content/stories/secret/index.en.md",
        "title = \"Secret\"\ndate = 2024-01-02\ndraft = true",
        "Words nobody may read yet.",
    );
    let server = Server::start_with(&site, &["--drafts"]);
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let page = "/en/stories/secret/";
    // DNS rebinding: a name of the attacker's pointing at 127.0.0.1 reads nothing.
    let (status, body) = server.request(page, &format!("Host: attacker.example:{port}\r\n"));
    assert_eq!(status, 403, "{body}");
    assert!(!body.contains("Words nobody"), "{body}");
    assert!(body.contains("--allow-host attacker.example"), "{body}");
    let (status, _) = server.request(page, "");
    assert_eq!(status, 403, "a request without Host");
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (status, body) = server.request(page, &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Words nobody"), "{host}");
    }
    // A page of another site cannot listen to the event stream.
    let (status, _) = server.request(
        "/__passage/events",
        &format!("Host: 127.0.0.1:{port}\r\nOrigin: https://attacker.example\r\n"),
    );
    assert_eq!(status, 403);
    drop(server);
    // Listening on every address says who can read; a name can be allowed.
    let server = Server::start_with(
        &site,
        &["--bind", "0.0.0.0", "--allow-host", "preview.test"],
    );
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let (status, _) = server.request(page, &format!("Host: preview.test:{port}\r\n"));
    assert_eq!(
        status, 404,
        "allowed, and drafts are hidden without --drafts"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !server
        .output
        .lock()
        .unwrap()
        .contains("everyone on this network")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            server.output.lock().unwrap()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The resident memory of a process, in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(target_os = "linux")]
#[test]
fn under_load_every_request_is_answered_and_ctrl_c_still_stops_it() {
    use std::sync::{Arc, Barrier};
    use std::time::Duration;
    let site = story_site();
    for i in 0..20 {
        site.page(
            &format!("content/stories/p{i}/index.en.md"),
            &format!("title = \"Page {i}\"\ndate = 2024-02-{:02}", i + 1),
            &format!("Words of page {i}.\n"),
        );
    }
    let mut server = Server::start(&site);
    let addr = server.base.trim_start_matches("http://").to_string();
    assert_eq!(server.get("/en/").0, 200);
    let pid = server.child.id();
    let memory_before = rss_kib(pid);

    // 50 open pages listening for saves.
    let streams: Vec<std::net::TcpStream> = (0..50)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&addr).unwrap();
            write!(s, "GET /__passage/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            let mut head = [0u8; 15];
            s.read_exact(&mut head).unwrap();
            assert!(head.starts_with(b"HTTP/1.1 200"));
            s
        })
        .collect();
    // 50 saves, while 200 page requests arrive at once.
    let saver = {
        let root = site.root().to_path_buf();
        std::thread::spawn(move || {
            for n in 0..50 {
                std::fs::write(
                    root.join("content/stories/p0/index.en.md"),
                    format!("+++\ntitle = \"Page 0\"\ndate = 2024-02-01\n+++\nSave {n}.\n"),
                )
                .unwrap();
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let start = Arc::new(Barrier::new(200));
    let requests: Vec<_> = (0..200)
        .map(|i| {
            let (start, addr) = (start.clone(), addr.clone());
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(&addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                start.wait();
                let path = format!("/en/stories/p{}/", i % 20);
                write!(
                    s,
                    "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut response = String::new();
                s.read_to_string(&mut response).unwrap();
                (path, response)
            })
        })
        .collect();
    let mut answered = 0;
    for r in requests {
        let (path, response) = r.join().unwrap();
        assert!(
            response.starts_with("HTTP/1.1 200") && response.contains("<!doctype html>"),
            "{path}: {}",
            &response[..response.len().min(200)]
        );
        answered += 1;
    }
    saver.join().unwrap();
    assert_eq!(answered, 200);
    // Every open page heard of the saves.
    for mut s in streams.iter() {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&seen).contains("event: reload") {
            let n = s.read(&mut buf).expect("an open page heard of no save");
            assert!(n > 0, "the event stream closed");
            seen.extend_from_slice(&buf[..n]);
        }
    }
    let memory_after = rss_kib(pid);
    assert!(
        memory_after < memory_before + 300 * 1024,
        "memory grew from {memory_before} KiB to {memory_after} KiB"
    );
    // Ctrl-C stops it at once, streams open or not.
    server.stop_with_ctrl_c();
    drop(streams);
    eprintln!(
        "200 requests answered during 50 saves with 50 streams open; memory {memory_before} → {memory_after} KiB"
    );
}
