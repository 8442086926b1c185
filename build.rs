// The default theme and UI strings are embedded for `passage new site`; rebuild when they change.
// Pagefind's and minify-html's versions are part of their caches' keys: an index or a minified
// page made by another version is never reused. PASSAGE_BUILD_ID hashes passage's own sources:
// a page kept from the last build must have been made by the same code.
use std::hash::Hasher;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let sources = ["src", "crates", "Cargo.lock", "build.rs"];
    let mut hasher = std::hash::DefaultHasher::new();
    for part in sources {
        println!("cargo:rerun-if-changed={part}");
        hash_tree(Path::new(part), &mut hasher);
    }
    println!("cargo:rustc-env=PASSAGE_BUILD_ID={:016x}", hasher.finish());
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let version = |name: &str| {
        lock.split("[[package]]")
            .find(|p| p.contains(&format!("\nname = \"{name}\"\n")))
            .and_then(|p| p.split("\nversion = \"").nth(1))
            .and_then(|v| v.split('"').next())
            .unwrap_or("unknown")
            .to_string()
    };
    println!(
        "cargo:rustc-env=PASSAGE_PAGEFIND_VERSION={}",
        version("pagefind")
    );
    println!(
        "cargo:rustc-env=PASSAGE_MINIFY_VERSION={}",
        version("minify-html")
    );
}

/// Every file under `path` (or the file itself), by name and bytes, in name order.
fn hash_tree(path: &Path, hasher: &mut std::hash::DefaultHasher) {
    hasher.write(path.to_string_lossy().as_bytes());
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for entry in entries {
            hash_tree(&entry, hasher);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        hasher.write(&bytes);
    }
}
