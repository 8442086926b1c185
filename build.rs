// The default theme and UI strings are embedded for `passage new site`; rebuild when they change.
// Pagefind's version is part of the search cache's keys: an index made by another version is
// never reused.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"pagefind\"\n"))
        .and_then(|p| p.split("\nversion = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .unwrap_or("unknown");
    println!("cargo:rustc-env=PASSAGE_PAGEFIND_VERSION={version}");
}
