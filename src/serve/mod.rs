//! `passage serve`: the site in a browser while it is written. Pages are rendered on demand
//! from the prepared site in memory (nothing is written to `public/`), every save prepares the
//! site again, and open pages reload by themselves through server-sent events. A broken save
//! keeps the last good site on screen, with its problems over it.

pub mod hosts;
pub mod watch;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostics::Diagnostic;
use crate::serve::hosts::Hosts;
use crate::site::{BuildOptions, Prepared, Resource, prepare, prepare_after};

/// The port tried first when none is given (the next free one is used if it is taken).
pub const DEFAULT_PORT: u16 = 1111;
/// Where pages find the live-reload script and its event stream; no site file can be there.
const LIVE_PREFIX: &str = "/__passage/";
const LIVE_JS: &str = include_str!("live.js");

/// What `passage serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site folder.
    pub root: PathBuf,
    /// Port to listen on; `None` tries [`DEFAULT_PORT`] and the next ones.
    pub port: Option<u16>,
    /// Address to listen on: loopback unless asked otherwise.
    pub bind: IpAddr,
    /// Open the site in the default browser once it is ready.
    pub open: bool,
    /// Show drafts too.
    pub drafts: bool,
    /// Host names answered besides this computer's (`--allow-host`), e.g. a tunnel's.
    pub allowed_hosts: Vec<String>,
}

/// What happened while serving, for the command line to show (the library prints nothing).
#[derive(Debug)]
pub enum Report {
    /// The default port was taken; this one is used instead.
    PortTaken { used: u16 },
    /// The site is served at `url`.
    Serving { root: PathBuf, url: String },
    /// It listens on `addr`, which other computers can reach: they can read the drafts too.
    Exposed { addr: IpAddr },
    /// The site is ready again, `ms` after the saves of `files` (none: the first preparation).
    Ready { ms: u128, files: Vec<PathBuf> },
    /// Warnings of the site as it is now served.
    Warnings(Vec<Diagnostic>),
    /// A save broke the site: its problems; the last good version stays on screen.
    Broken(Vec<Diagnostic>),
    /// One page could not be made.
    PageProblem(Diagnostic),
    /// `--open` found no browser to start.
    NoBrowser { url: String },
    /// Ctrl-C: the server stopped.
    Stopped,
}

/// Where reports go: called from the server's threads, so it must be shareable.
pub type Reporter = Arc<dyn Fn(Report) + Send + Sync>;

/// What the browser is told after a save.
#[derive(Debug, Clone)]
enum Notice {
    /// Reload the page (content, templates, strings, photos changed).
    Reload,
    /// Swap stylesheets: old address → new address (the names carry a content hash).
    Css(String),
    /// The save broke the site: the problems, as JSON.
    Problems(String),
    /// The server is stopping: open pages are let go, so Ctrl-C does not wait for them.
    Stop,
}

/// The site being served: the last good preparation and the problems of the last attempt.
struct Live {
    options: BuildOptions,
    hosts: Hosts,
    site: RwLock<Option<Arc<Prepared>>>,
    problems: RwLock<Option<String>>,
    notices: broadcast::Sender<Notice>,
    report: Reporter,
}

impl Live {
    /// Prepares the site again; on success it replaces the served one, otherwise it is kept.
    fn rebuild(&self, change: Option<&watch::Change>) {
        let started = Instant::now();
        let previous = self.current();
        let result = match (previous.as_deref(), change) {
            // A broken save may have been fixed by another file: then everything is read again.
            (Some(p), Some(c)) if self.problems.read().is_ok_and(|p| p.is_none()) => {
                prepare_after(&self.options, p, &c.files)
            }
            _ => prepare(&self.options),
        };
        match result {
            Ok(prepared) => {
                let prepared = Arc::new(prepared);
                let old = self
                    .site
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .replace(prepared.clone());
                let had_problems = self
                    .problems
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .is_some();
                let warnings = prepared.warnings();
                if !warnings.is_empty() {
                    (self.report)(Report::Warnings(warnings));
                }
                let notice = match (change, old) {
                    (Some(c), Some(old)) if c.css_only && !had_problems => {
                        Notice::Css(moved_assets(&old, &prepared))
                    }
                    _ => Notice::Reload,
                };
                (self.report)(Report::Ready {
                    ms: started.elapsed().as_millis(),
                    files: change.map(|c| c.files.clone()).unwrap_or_default(),
                });
                let _ = self.notices.send(notice);
            }
            Err(failure) => {
                let json = serde_json::to_string(&failure.problems).unwrap_or_default();
                (self.report)(Report::Broken(failure.problems));
                *self.problems.write().unwrap_or_else(|e| e.into_inner()) = Some(json.clone());
                let _ = self.notices.send(Notice::Problems(json));
            }
        }
    }

    fn current(&self) -> Option<Arc<Prepared>> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Stylesheets whose address changed, as a JSON object old → new.
fn moved_assets(old: &Prepared, new: &Prepared) -> String {
    let moved: serde_json::Map<String, serde_json::Value> = new
        .asset_urls()
        .iter()
        .filter(|(name, _)| name.ends_with(".css"))
        .filter_map(|(name, url)| {
            let before = old.asset_urls().get(name)?;
            (before != url).then(|| (before.clone(), serde_json::Value::String(url.clone())))
        })
        .collect();
    serde_json::Value::Object(moved).to_string()
}

/// Serves the site until Ctrl-C, telling `report` what happens. Errors are about starting (the
/// port, the site folder).
pub fn serve(opts: ServeOptions, report: Reporter) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error("passage serve", format!("cannot start: {e}")))?;
    runtime.block_on(run(opts, report))
}

async fn bind(
    opts: &ServeOptions,
    report: &Reporter,
) -> Result<tokio::net::TcpListener, Diagnostic> {
    let in_use = |port: u16, e: std::io::Error| {
        Diagnostic::error(
            format!("--port {port}"),
            format!("cannot listen on {}:{port}: {e}", opts.bind),
        )
        .hint(format!(
            "another program uses this port; stop it or choose another, e.g. --port {}",
            port.saturating_add(1)
        ))
    };
    match opts.port {
        Some(port) => tokio::net::TcpListener::bind((opts.bind, port))
            .await
            .map_err(|e| in_use(port, e)),
        None => {
            let mut last = None;
            for port in DEFAULT_PORT..DEFAULT_PORT + 20 {
                match tokio::net::TcpListener::bind((opts.bind, port)).await {
                    Ok(l) => {
                        if port != DEFAULT_PORT {
                            report(Report::PortTaken { used: port });
                        }
                        return Ok(l);
                    }
                    Err(e) => last = Some(in_use(port, e)),
                }
            }
            Err(last.unwrap_or_else(|| in_use(DEFAULT_PORT, std::io::Error::other("no port"))))
        }
    }
}

async fn run(opts: ServeOptions, report: Reporter) -> Result<(), Diagnostic> {
    if !opts.root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(
            opts.root.join(crate::config::CONFIG_FILE),
            "there is no site here: site.toml is missing",
        )
        .hint("run passage serve in the site's folder, or pass --root DIR"));
    }
    let listener = bind(&opts, &report).await?;
    let addr: SocketAddr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("passage serve", e.to_string()))?;
    let host = if addr.ip().is_unspecified() {
        format!("127.0.0.1:{}", addr.port())
    } else {
        addr.to_string()
    };
    let url = format!("http://{host}/");
    let (notices, _) = broadcast::channel(16);
    let live = Arc::new(Live {
        options: BuildOptions {
            root: opts.root.clone(),
            base_url: Some(format!("http://{host}")),
            drafts: opts.drafts,
            mode: crate::site::Mode::Serve,
            ..BuildOptions::default()
        },
        hosts: Hosts::new(&opts.allowed_hosts),
        site: RwLock::new(None),
        problems: RwLock::new(None),
        notices,
        report: report.clone(),
    });
    {
        let live = live.clone();
        tokio::task::spawn_blocking(move || live.rebuild(None))
            .await
            .map_err(|e| Diagnostic::error("passage serve", e.to_string()))?;
    }
    // Saves are handled one burst at a time, on a thread of their own.
    let (changes, mut incoming) = tokio::sync::mpsc::unbounded_channel();
    let watcher = watch::watch(&opts.root, move |c| {
        let _ = changes.send(c);
    })
    .map_err(|e| {
        Diagnostic::error(&opts.root, format!("cannot watch the site's files: {e}"))
            .hint("on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files")
    })?;
    {
        let live = live.clone();
        let root = opts.root.clone();
        let mut watcher = watcher;
        tokio::spawn(async move {
            while let Some(first) = incoming.recv().await {
                // Saves that arrived during the last rebuild are handled together.
                let mut change = first;
                while let Ok(more) = incoming.try_recv() {
                    change.css_only &= more.css_only;
                    change.files.extend(more.files);
                }
                change.files.sort();
                change.files.dedup();
                watch::watch_new_folders(&mut watcher, &root, &change.files);
                let live = live.clone();
                let _ = tokio::task::spawn_blocking(move || live.rebuild(Some(&change))).await;
            }
        });
    }
    report(Report::Serving {
        root: opts.root.clone(),
        url: url.clone(),
    });
    if !addr.ip().is_loopback() {
        report(Report::Exposed { addr: addr.ip() });
    }
    if opts.open && !open_browser(&url) {
        report(Report::NoBrowser { url: url.clone() });
    }
    let stop = live.notices.clone();
    let app = Router::new().fallback(respond).with_state(live);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = stop.send(Notice::Stop);
        })
        .await
        .map_err(|e| Diagnostic::error("passage serve", e.to_string()))?;
    report(Report::Stopped);
    Ok(())
}

/// Starts the system's browser on `url`; false when there is none to start.
fn open_browser(url: &str) -> bool {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program).arg(url).spawn().is_ok()
}

/// The site path of a request, decoded; `None` for anything that could leave the site
/// (`..`, encoded or not, backslashes, NUL).
fn site_path(uri: &Uri) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8()
        .ok()?
        .into_owned();
    let bad = decoded.contains(['\\', '\0'])
        || decoded.split('/').any(|s| s == ".." || s == ".")
        || !decoded.starts_with('/');
    (!bad).then_some(decoded)
}

async fn respond(State(live): State<Arc<Live>>, headers: HeaderMap, uri: Uri) -> Response {
    if let Some(why) = live.hosts.refusal(&headers) {
        return (StatusCode::FORBIDDEN, why).into_response();
    }
    let path = uri.path();
    if let Some(rest) = path.strip_prefix(LIVE_PREFIX) {
        return match rest {
            "live.js" => (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                LIVE_JS,
            )
                .into_response(),
            "events" => events(&live).into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let Some(path) = site_path(&uri) else {
        return (
            StatusCode::BAD_REQUEST,
            "This address is not part of the site.",
        )
            .into_response();
    };
    let Some(site) = live.current() else {
        // The first preparation failed: an empty page that shows the problems and waits.
        return page(
            StatusCode::SERVICE_UNAVAILABLE,
            b"<!doctype html><html lang=en><meta charset=utf-8><title>passage</title><body><p>The site has problems; they are listed here as soon as they are found.</p></body></html>".to_vec(),
        );
    };
    let file = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let found = {
        let site = site.clone();
        let file = file.clone();
        tokio::task::spawn_blocking(move || site.resource(&file))
            .await
            .ok()
            .flatten()
    };
    match found {
        Some(Ok(Resource::File(from))) if headers.contains_key(header::RANGE) => {
            ranged(&file, &from, &headers).await
        }
        Some(Ok(resource)) => resource_response(StatusCode::OK, &file, resource).await,
        Some(Err(problem)) => {
            let json = serde_json::to_string(&[&problem]).unwrap_or_default();
            (live.report)(Report::PageProblem(problem));
            let html = format!(
                "<!doctype html><html lang=en><meta charset=utf-8><title>passage: problem</title><body><p>This page could not be made.</p><script>window.__passageProblems={json}</script></body></html>"
            );
            page(StatusCode::INTERNAL_SERVER_ERROR, html.into_bytes())
        }
        None => {
            // `/en/about` → `/en/about/`, as static hosts do.
            if !path.ends_with('/') && site.has_page(&format!("{path}/index.html")) {
                let to = format!("{}/", uri.path());
                return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response();
            }
            let lang = path.split('/').nth(1).unwrap_or_default();
            let not_found = site
                .resource(&format!("/{lang}/404.html"))
                .or_else(|| site.resource("/404.html"));
            match not_found {
                Some(Ok(Resource::Page(bytes))) => page(StatusCode::NOT_FOUND, bytes),
                _ => (StatusCode::NOT_FOUND, "Not found").into_response(),
            }
        }
    }
}

async fn resource_response(status: StatusCode, file: &str, resource: Resource) -> Response {
    match resource {
        Resource::Page(bytes) => page(status, bytes),
        Resource::Bytes(bytes) => with_type(status, file, bytes),
        Resource::File(path) => match tokio::fs::read(&path).await {
            Ok(bytes) => with_type(status, file, bytes),
            Err(_) => (StatusCode::NOT_FOUND, "Not found").into_response(),
        },
        // The dev server never keeps pages of a build; were it to, the file is the page.
        Resource::Kept(path) => match tokio::fs::read(&path).await {
            Ok(bytes) => page(status, bytes),
            Err(_) => (StatusCode::NOT_FOUND, "Not found").into_response(),
        },
    }
}

/// A part of a file, as a browser asks for it to seek in a video (`Range: bytes=…`); the
/// whole file when the range cannot be served.
async fn ranged(file: &str, from: &std::path::Path, headers: &HeaderMap) -> Response {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let mut request = axum::http::Request::new(());
    for name in [header::RANGE, header::IF_RANGE] {
        if let Some(v) = headers.get(&name) {
            request.headers_mut().insert(name, v.clone());
        }
    }
    let mut service = tower_http::services::ServeFile::new_with_mime(from, &mime);
    match tower_service::Service::call(&mut service, request).await {
        Ok(response) => {
            let mut response = response.map(axum::body::Body::new);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

fn with_type(status: StatusCode, file: &str, bytes: Vec<u8>) -> Response {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    response
}

/// The page with the live-reload script added at the end of its body.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let script = format!("<script src=\"{LIVE_PREFIX}live.js\"></script>");
    match find(&html, b"</body>") {
        Some(at) => {
            html.splice(at..at, script.bytes());
        }
        // Minified pages may end without </body>; a script after the content is still in it.
        None => html.extend_from_slice(script.as_bytes()),
    }
    html
}

/// An HTML page, with the live-reload script, never cached.
fn page(status: StatusCode, html: Vec<u8>) -> Response {
    let mut response = (status, inject(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The stream of notices for one open page; a page that connects while the site is broken
/// is told at once.
fn events(live: &Live) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>> + use<>> {
    let pending = live
        .problems
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .map(|json| Ok(Event::default().event("problems").data(json)));
    let updates = BroadcastStream::new(live.notices.subscribe())
        .take_while(|n| !matches!(n, Ok(Notice::Stop)))
        .filter_map(|n| {
            let event = match n.ok()? {
                Notice::Reload => Event::default().event("reload").data("{}"),
                Notice::Css(moved) => Event::default().event("css").data(moved),
                Notice::Problems(json) => Event::default().event("problems").data(json),
                Notice::Stop => return None,
            };
            Some(Ok(event))
        });
    Sse::new(tokio_stream::iter(pending).chain(updates)).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        let path = |s: &str| site_path(&s.parse::<Uri>().unwrap());
        assert_eq!(path("/ka/about/").as_deref(), Some("/ka/about/"));
        assert_eq!(
            path("/ka/tags/%E1%83%9B%E1%83%94%E1%83%93%E1%83%98%E1%83%90/").as_deref(),
            Some("/ka/tags/მედია/")
        );
        for bad in [
            "/../site.toml",
            "/en/../../site.toml",
            "/%2e%2e/site.toml",
            "/en/%2E%2E%2F%2E%2E%2Fsite.toml",
            "/en/..%5c..%5csite.toml",
            "/%00",
        ] {
            assert_eq!(path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_live_script_goes_at_the_end_of_the_body() {
        assert_eq!(
            inject(b"<p>x</p></body></html>".to_vec()),
            b"<p>x</p><script src=\"/__passage/live.js\"></script></body></html>"
        );
        assert_eq!(
            inject(b"<p>x".to_vec()),
            b"<p>x<script src=\"/__passage/live.js\"></script>"
        );
    }
}
