//! `_headers`: the HTTP headers Netlify and Cloudflare Pages send with the site (other hosts:
//! README, Deploying). The Content-Security-Policy and the other safety headers go with every
//! page; files whose names carry their content's hash are cached for a year.

use std::sync::Arc;

use crate::assets::Assets;
use crate::diagnostics::Diagnostic;
use crate::resolve::Site;
use crate::search::BUNDLE_DIR;

use super::{Body, Output, Planned, Renderer};

/// The host headers file, knowing which theme files are named by hash.
pub struct Headers(pub Arc<Assets>);

/// Features no page of the site uses, refused so an injected script cannot ask for them.
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";
const FOREVER: &str = "Cache-Control: public, max-age=31536000, immutable";

impl Output for Headers {
    fn name(&self) -> &'static str {
        "the host headers"
    }

    fn plan(&self, _site: &Site) -> Vec<Planned> {
        vec![Planned::new("/_headers", ())]
    }

    fn render(&self, cx: &Renderer, _file: &Planned) -> Result<Body, Diagnostic> {
        Ok(Body::Bytes(headers(cx.site, &self.0).into_bytes()))
    }
}

/// The file's text: rules of a path pattern and its indented headers.
fn headers(site: &Site, assets: &Assets) -> String {
    let mut out = String::from(
        "# Written by passage build: headers for Netlify and Cloudflare Pages (see README).\n",
    );
    let mut every_page = vec![
        "X-Content-Type-Options: nosniff".to_string(),
        "Referrer-Policy: no-referrer".into(),
        format!("Permissions-Policy: {PERMISSIONS}"),
    ];
    if site.config.csp {
        every_page.insert(
            0,
            format!(
                "Content-Security-Policy: {}",
                crate::csp::header_policy(&site.config)
            ),
        );
    }
    rule(&mut out, &site.href("/*"), &every_page);
    let mut hashed: Vec<String> = assets
        .urls
        .iter()
        .filter(|(name, url)| !url.ends_with(&format!("/{name}")))
        .map(|(_, url)| url.clone())
        .collect();
    hashed.push(site.href("/img/*"));
    if site.config.search.enabled {
        for dir in ["fragment", "index", "filter"] {
            hashed.push(site.href(&format!("/{BUNDLE_DIR}/{dir}/*")));
        }
    }
    for path in hashed {
        rule(&mut out, &path, &[FOREVER.to_string()]);
    }
    out
}

fn rule(out: &mut String, path: &str, headers: &[String]) {
    out.push_str(path);
    out.push('\n');
    for h in headers {
        out.push_str("  ");
        out.push_str(h);
        out.push('\n');
    }
}
