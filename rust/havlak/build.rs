// Records how the library was built, for the run record's "compiler" and
// "build_flags" fields: the rustc that cargo ran, and the profile's settings.
use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|text| text.trim().to_string())
        .unwrap_or_else(|| "rustc (unknown version)".to_string());
    println!("cargo:rustc-env=HAVLAK_RUSTC_VERSION={} ({})", version, rustc);
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    println!(
        "cargo:rustc-env=HAVLAK_BUILD_FLAGS=cargo profile {}, opt-level={}, debug={}, target {}",
        var("PROFILE"),
        var("OPT_LEVEL"),
        var("DEBUG"),
        var("TARGET")
    );
    println!("cargo:rerun-if-changed=build.rs");
}
