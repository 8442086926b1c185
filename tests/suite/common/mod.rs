//! Helpers shared by the integration tests: temporary sites, running the real binary,
//! and reading the HTML it writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub mod gates;

/// The repository root, which is also the example site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder, with the default theme of the repository.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub const SITE_TOML: &str = r#"
base_url = "https://campaign.example.org"
per_page = 2
[[languages]]
code = "en"
name = "English"
title = "Campaign"
description = "A test campaign"
[[languages]]
code = "ka"
name = "ქართული"
title = "კამპანია"
[[languages]]
code = "hy"
name = "Հայերեն"
title = "Արշավ"
"#;

impl TestSite {
    /// A three-language site with the repository's theme and UI strings, and no content yet.
    pub fn new() -> Self {
        Self::with_config(SITE_TOML)
    }

    /// Like `new` with another `site.toml`.
    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let site = Self { dir };
        site.write("site.toml", config);
        copy_dir(
            &repo_root().join("themes/default"),
            &site.root().join("themes/default"),
        );
        copy_dir(&repo_root().join("locales"), &site.root().join("locales"));
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file under the site root, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// A page with TOML front matter.
    pub fn page(&self, rel: &str, front: &str, body: &str) -> &Self {
        self.write(rel, &format!("+++\n{front}\n+++\n{body}\n"))
    }

    /// Runs `passage build --root <site> <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--quiet"];
        all.extend_from_slice(args);
        run(self.root(), &all)
    }

    /// Builds and panics with the report unless it succeeds.
    pub fn build_ok(&self) -> Run {
        let r = self.build(&[]);
        assert!(r.ok(), "build failed:\n{}", r.stderr);
        r
    }

    /// The HTML of an output file.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel.trim_start_matches('/'));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// A file of the site itself (not of its output).
    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel.trim_start_matches('/')).exists()
    }
}

/// The result of running the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

/// Runs the passage binary with `--root root`.
pub fn run(root: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_passage"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run passage");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All `(attribute value)` of elements matching a CSS selector.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Text of the elements matching a selector, whitespace folded.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn text(doc: &Html, selector: &str) -> String {
    texts(doc, selector)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Every HTML file under a folder, as paths relative to it with `/` separators.
pub fn html_files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

/// Maps a site URL (`/ka/stories/x/`, percent-encoded) to the file that serves it.
pub fn file_for_url(public: &Path, url: &str) -> PathBuf {
    let path = url.split(['#', '?']).next().unwrap();
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let mut file = public.join(decoded.trim_start_matches('/'));
    if decoded.ends_with('/') {
        file = file.join("index.html");
    }
    file
}

/// Every file under a folder with its bytes, sorted by path, to compare two builds.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The example site (the repository root) built once for the whole test suite into a temporary
/// folder; returns its output folder. The build must succeed without warnings.
pub fn example_output() -> PathBuf {
    use std::sync::OnceLock;
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let r = run(
            &repo_root(),
            &["build", "--quiet", "--output", &out.to_string_lossy()],
        );
        assert!(r.ok(), "the example site must build:\n{}", r.stderr);
        assert!(
            r.stderr.is_empty(),
            "the example site must build without warnings:\n{}",
            r.stderr
        );
        dir
    })
    .path()
    .join("public")
}

/// A valid PNG header declaring 100 000 × 100 000 pixels (30 GB decoded) with almost no data.
pub fn bomb_png() -> Vec<u8> {
    // A valid PNG header declaring 100 000 × 100 000 pixels (30 GB decoded) with almost no data.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |png: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        png.extend(kind);
        png.extend(data);
        png.extend(crc.sum().to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}
