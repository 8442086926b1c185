// The default theme and UI strings are embedded for `passage new site`; rebuild when they change.
// Pagefind's and minify-html's versions are part of their caches' keys: an index or a minified
// page made by another version is never reused.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=Cargo.lock");
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
