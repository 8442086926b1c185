// The default theme and UI strings are embedded for `passage new site`; rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
}
