//! A page's template variables, kept with their names so that what a page is made from can be
//! hashed: a page whose variables, template and site-wide inputs are those of the last build
//! comes out the same, and is taken from the last build instead of being rendered again.

use std::cell::RefCell;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Map, Value};

/// The variables a template renders one page with (a Tera context that knows its names).
#[derive(Clone, Default)]
pub struct Vars {
    context: Context,
    /// The names set since the variables were sealed.
    names: Vec<&'static str>,
    /// The hash of the variables when they were sealed (a language's chrome, shared by its
    /// pages, is hashed once).
    sealed: Option<[u8; 32]>,
    /// Values left out until a page is rendered, hashed by the digest made with them.
    stand_ins: Vec<(&'static str, [u8; 16])>,
}

impl Vars {
    /// Sets `name` for the template (as [`Context::insert`]), replacing an earlier value.
    pub fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.context.insert(name, value);
        self.names.push(name);
    }

    /// Sets `name` to a value already made for Tera.
    pub fn insert_value(&mut self, name: &'static str, value: Value) {
        self.context.insert_value(name, value);
        self.names.push(name);
    }

    /// Stands for a value that is set only if the page is rendered (its text), by a digest made
    /// with it: hashing it whole for every page was a rebuild's largest cost.
    pub fn hash_as(&mut self, name: &'static str, digest: [u8; 16]) {
        self.stand_ins.push((name, digest));
    }

    /// The Tera context, to render with.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// The same variables, hashed now: copies hash only what is set in them afterwards.
    pub fn sealed(mut self) -> Self {
        let mut hasher = blake3::Hasher::new();
        self.hash_into(&mut hasher, &Known::default());
        self.sealed = Some(*hasher.finalize().as_bytes());
        self.names.clear();
        self.stand_ins.clear();
        self
    }

    /// Adds every variable to `hasher`, by name; the same variables always hash the same,
    /// whatever order maps were filled in. (A name set again after sealing counts twice, with
    /// its old and its new value: still the same hash for the same variables.)
    /// Maps in `known` are hashed by their digest.
    pub fn hash_into(&self, hasher: &mut blake3::Hasher, known: &Known) {
        if let Some(sealed) = &self.sealed {
            hasher.update(sealed);
        }
        let mut names = self.names.clone();
        names.sort_unstable();
        names.dedup();
        // Written out whole first: one large update hashes several times faster than many
        // small ones.
        ENCODED.with_borrow_mut(|out| {
            out.clear();
            for name in names {
                if let Some(value) = self.context.get(name) {
                    encode_str(out, name);
                    encode(out, value, known);
                }
            }
            let mut stand_ins = self.stand_ins.clone();
            stand_ins.sort_unstable();
            for (name, digest) in stand_ins {
                encode_str(out, name);
                out.push(b'd');
                out.extend_from_slice(&digest);
            }
            hasher.update(out);
        });
    }
}

thread_local! {
    /// The variables being hashed, written out.
    static ENCODED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A string, with its length first so that no two sequences of strings write alike.
fn encode_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Maps shared by many pages (each story's summary, in every list that shows it), hashed once:
/// Tera shares a map between its copies, so a copy is known by where the map is. Only maps
/// that outlive the hashing may be known (the site's), so that no other map is ever found at
/// the same place.
#[derive(Default)]
pub struct Known(HashMap<usize, [u8; 16]>);

impl Known {
    /// The maps among `values`, known by `digests` where given (a digest of what each was made
    /// from), else by a digest of the map itself.
    pub fn of(values: &[Value], digests: &[Option<[u8; 16]>]) -> Self {
        Self(
            values
                .par_iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let map = v.as_map()?;
                    let digest = digests.get(i).copied().flatten().unwrap_or_else(|| {
                        let mut out = Vec::new();
                        encode(&mut out, v, &Known::default());
                        crate::cache::digest(&out)
                    });
                    Some((address(map), digest))
                })
                .collect(),
        )
    }
}

impl Known {
    /// Writes `value` as the page hash sees it (a known map by its digest), for a stand-in
    /// made from it.
    pub fn write(&self, out: &mut Vec<u8>, value: &Value) {
        encode(out, value, self);
    }
}

/// Writes `s` with its length first, for a stand-in made from several strings.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    encode_str(out, s);
}

/// Writes `s` or its absence, for a stand-in.
pub fn write_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            encode_str(out, s);
        }
        None => out.push(0),
    }
}

fn address(map: &Map) -> usize {
    std::ptr::from_ref(map) as usize
}

/// One value, tagged by kind; maps by sorted key (Tera's maps iterate in no fixed order), and
/// strings marked safe apart from those Tera escapes.
fn encode(out: &mut Vec<u8>, value: &Value, known: &Known) {
    if let Some(s) = value.as_str() {
        out.push(if value.is_safe() { b'S' } else { b's' });
        encode_str(out, s);
    } else if let Some(items) = value.as_array() {
        out.push(b'a');
        out.extend_from_slice(&(items.len() as u64).to_le_bytes());
        for item in items {
            encode(out, item, known);
        }
    } else if let Some(map) = value.as_map() {
        if let Some(digest) = known.0.get(&address(map)) {
            out.push(b'D');
            out.extend_from_slice(digest);
            return;
        }
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out.push(b'm');
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (key, value) in entries {
            match key.as_str() {
                Some(k) => encode_str(out, k),
                None => encode_str(out, &key.to_string()),
            }
            encode(out, value, known);
        }
    } else if let Some(bytes) = value.as_bytes() {
        out.push(b'b');
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    } else {
        // Numbers, booleans, none and undefined: Tera writes each by its kind and digits.
        out.push(b'v');
        // As `encode_str` would write the text, without making it first.
        let at = out.len();
        out.extend_from_slice(&[0; 8]);
        let _ = std::io::Write::write_fmt(out, format_args!("{:?} {value}", value.kind()));
        let len = (out.len() - at - 8) as u64;
        out[at..at + 8].copy_from_slice(&len.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(vars: &Vars) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        vars.hash_into(&mut h, &Known::default());
        *h.finalize().as_bytes()
    }

    #[test]
    fn the_same_variables_hash_alike_whatever_order_they_were_set_in() {
        let mut a = Vars::default();
        a.insert(
            "page",
            &serde_json::json!({ "title": "ა", "tags": ["x", "y"], "n": 3 }),
        );
        a.insert("lang", "ka");
        let mut b = Vars::default();
        b.insert("lang", "ka");
        b.insert(
            "page",
            &serde_json::json!({ "n": 3, "tags": ["x", "y"], "title": "ა" }),
        );
        assert_eq!(hash(&a), hash(&b));
    }

    #[test]
    fn sealed_variables_hash_as_the_same_variables_set_afresh_do_when_they_differ() {
        let chrome = |title: &str| {
            let mut v = Vars::default();
            v.insert("site", &serde_json::json!({ "title": title }));
            v.insert("lang", "en");
            v.sealed()
        };
        let page = |mut v: Vars, lang: &str| {
            v.insert("page", &serde_json::json!({ "title": "A story" }));
            v.insert("lang", lang);
            hash(&v)
        };
        assert_eq!(
            page(chrome("Campaign"), "en"),
            page(chrome("Campaign"), "en")
        );
        assert_ne!(
            page(chrome("Campaign"), "en"),
            page(chrome("Renamed"), "en")
        );
        assert_ne!(
            page(chrome("Campaign"), "en"),
            page(chrome("Campaign"), "ka")
        );
    }

    #[test]
    fn a_stand_in_hashes_by_its_digest() {
        let page = |digest: u8| {
            let mut v = Vars::default();
            v.insert("page", &serde_json::json!({ "title": "A" }));
            v.hash_as("content", [digest; 16]);
            hash(&v)
        };
        assert_eq!(page(1), page(1));
        assert_ne!(page(1), page(2));
        let mut without = Vars::default();
        without.insert("page", &serde_json::json!({ "title": "A" }));
        assert_ne!(page(1), hash(&without));
    }

    #[test]
    fn a_known_map_hashes_by_its_digest_wherever_it_is_copied() {
        let summaries = [
            Value::from_serializable(&serde_json::json!({ "title": "A", "tags": ["x"] })),
            Value::from_serializable(&serde_json::json!({ "title": "B", "tags": ["x"] })),
        ];
        let known = Known::of(&summaries, &[]);
        let list = |items: Vec<Value>, known: &Known| {
            let mut v = Vars::default();
            v.insert_value("items", Value::from(items));
            let mut h = blake3::Hasher::new();
            v.hash_into(&mut h, known);
            *h.finalize().as_bytes()
        };
        let ab = || vec![summaries[0].clone(), summaries[1].clone()];
        assert_eq!(list(ab(), &known), list(ab(), &known));
        assert_ne!(
            list(ab(), &known),
            list(vec![summaries[1].clone(), summaries[0].clone()], &known)
        );
        // A map with the same content that is not the site's own is hashed whole.
        let copy = Value::from_serializable(&serde_json::json!({ "title": "A", "tags": ["x"] }));
        assert_ne!(
            list(vec![copy.clone(), summaries[1].clone()], &known),
            list(ab(), &known)
        );
        assert_eq!(
            list(vec![copy, summaries[1].clone()], &Known::default()),
            list(ab(), &Known::default())
        );
    }

    #[test]
    fn any_difference_changes_the_hash() {
        let base = || {
            let mut v = Vars::default();
            v.insert("page", &serde_json::json!({ "title": "A", "n": 3 }));
            v
        };
        let mut others = vec![];
        for (name, value) in [
            ("page", serde_json::json!({ "title": "B", "n": 3 })),
            ("page", serde_json::json!({ "title": "A", "n": 4 })),
            ("page", serde_json::json!({ "title": "A", "n": "3" })),
            ("page", serde_json::json!({ "title": "A", "n": 3.0 })),
            ("page", serde_json::json!({ "title": "A" })),
            ("other", serde_json::json!(null)),
        ] {
            let mut v = base();
            v.insert(name, &value);
            others.push(hash(&v));
        }
        let mut safe = base();
        safe.insert_value("content", Value::safe_string("<b>x</b>"));
        let mut escaped = base();
        escaped.insert_value("content", Value::from("<b>x</b>"));
        others.extend([hash(&safe), hash(&escaped)]);
        others.push(hash(&base()));
        let distinct: std::collections::BTreeSet<_> = others.iter().collect();
        assert_eq!(distinct.len(), others.len());
    }
}
