//! Which requests the dev server answers. It serves drafts and unpublished photos, so a web
//! page elsewhere must not read it through DNS rebinding (a name of the attacker's that comes
//! to point at 127.0.0.1): only requests addressed to this computer by number or as
//! `localhost`, or to a name the user allowed, get an answer; the event stream also checks
//! `Origin`.

use std::net::IpAddr;

use axum::http::{HeaderMap, header};

/// The names and addresses the dev server answers to, besides IP addresses and `localhost`.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    /// Names given with `--allow-host` (lower case); `.example.org` allows its subdomains too.
    allowed: Vec<String>,
}

impl Hosts {
    /// The hosts allowed besides this computer's own names (`--allow-host`).
    pub fn new(allowed: &[String]) -> Self {
        Self {
            allowed: allowed.iter().map(|h| h.to_ascii_lowercase()).collect(),
        }
    }

    /// Why a request is refused, or `None` when it is answered: its `Host` (and `Origin`,
    /// when the browser sends one) must name this computer or an allowed host.
    pub fn refusal(&self, headers: &HeaderMap) -> Option<String> {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        if !self.allows(host) {
            return Some(format!(
                "passage serve answers only to this computer (127.0.0.1, localhost), and this \
                 request was addressed to \"{host}\". If you opened the site by that name on \
                 purpose, start it with: passage serve --allow-host {}",
                name_of(host)
            ));
        }
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok())?;
        let origin_host = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .unwrap_or_default();
        (!self.allows(origin_host)).then(|| {
            format!(
                "passage serve does not answer pages of other sites (this one came from {origin})"
            )
        })
    }

    /// Whether `host` (`name:port`, `[::1]:port`, without port too) is one to answer.
    fn allows(&self, host: &str) -> bool {
        let name = name_of(host).to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        let name = name.trim_end_matches('.');
        name.parse::<IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.allowed.iter().any(|a| match a.strip_prefix('.') {
                Some(domain) => name == domain || name.ends_with(a.as_str()),
                None => name == a,
            })
    }
}

/// The name or address of a `Host` value, without the port and IPv6 brackets.
fn name_of(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(host: Option<&str>, origin: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(host) = host {
            h.insert(header::HOST, host.parse().unwrap());
        }
        if let Some(origin) = origin {
            h.insert(header::ORIGIN, origin.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_this_computer_and_allowed_names_are_answered() {
        let hosts = Hosts::new(&["Preview.Example.org".into(), ".team.example".into()]);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "app.localhost:8080",
            "[::1]:1111",
            "192.168.1.20:1111",
            "preview.example.org:1111",
            "a.team.example",
            "team.example.",
        ] {
            assert_eq!(hosts.refusal(&headers(Some(ok), None)), None, "{ok}");
        }
        for refused in [
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.example",
            "127.0.0.1.attacker.example",
            "xteam.example",
            "",
        ] {
            let why = hosts.refusal(&headers(Some(refused), None));
            assert!(why.is_some(), "{refused}");
        }
        assert!(hosts.refusal(&headers(None, None)).is_some());
        let why = hosts
            .refusal(&headers(Some("evil.example:1111"), None))
            .unwrap();
        assert!(why.contains("--allow-host evil.example"), "{why}");
    }

    #[test]
    fn pages_of_other_sites_get_no_answer() {
        let hosts = Hosts::default();
        let page = |origin| hosts.refusal(&headers(Some("127.0.0.1:1111"), Some(origin)));
        assert_eq!(page("http://127.0.0.1:1111"), None);
        assert_eq!(page("http://localhost:1111"), None);
        assert!(page("https://attacker.example").is_some());
        assert!(page("null").is_some());
    }
}
