//! A page's template variables, kept with their names so that what a page is made from can be
//! hashed: a page whose variables, template and site-wide inputs are those of the last build
//! comes out the same, and is taken from the last build instead of being rendered again.

use serde::Serialize;
use tera::{Context, Value};

/// The variables a template renders one page with (a Tera context that knows its names).
#[derive(Clone, Default)]
pub struct Vars {
    context: Context,
    names: Vec<&'static str>,
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

    /// The Tera context, to render with.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Adds every variable to `hasher`, by name; the same variables always hash the same,
    /// whatever order maps were filled in.
    pub fn hash_into(&self, hasher: &mut blake3::Hasher) {
        let mut names = self.names.clone();
        names.sort_unstable();
        names.dedup();
        for name in names {
            if let Some(value) = self.context.get(name) {
                hash_str(hasher, name);
                hash_value(hasher, value);
            }
        }
    }
}

/// A string, with its length first so that no two sequences of strings hash alike.
fn hash_str(hasher: &mut blake3::Hasher, s: &str) {
    hasher.update(&(s.len() as u64).to_le_bytes());
    hasher.update(s.as_bytes());
}

/// One value, tagged by kind; maps by sorted key (Tera's maps iterate in no fixed order), and
/// strings marked safe apart from those Tera escapes.
fn hash_value(hasher: &mut blake3::Hasher, value: &Value) {
    if let Some(s) = value.as_str() {
        hasher.update(if value.is_safe() { b"S" } else { b"s" });
        hash_str(hasher, s);
    } else if let Some(items) = value.as_array() {
        hasher.update(b"a");
        hasher.update(&(items.len() as u64).to_le_bytes());
        for item in items {
            hash_value(hasher, item);
        }
    } else if let Some(map) = value.as_map() {
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        hasher.update(b"m");
        hasher.update(&(entries.len() as u64).to_le_bytes());
        for (key, value) in entries {
            hash_str(hasher, &key.to_string());
            hash_value(hasher, value);
        }
    } else if let Some(bytes) = value.as_bytes() {
        hasher.update(b"b");
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    } else {
        // Numbers, booleans, none and undefined: Tera writes each by its kind and digits.
        hasher.update(b"v");
        hash_str(hasher, &format!("{:?}", value.kind()));
        hash_str(hasher, &value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(vars: &Vars) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        vars.hash_into(&mut h);
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
