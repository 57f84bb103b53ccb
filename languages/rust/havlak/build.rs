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
    // Cargo tells a build script only "release" for a profile that inherits
    // it: the build (languages/rust/CMakeLists.txt) names the profile it asked for.
    let profile = match var("HAVLAK_CARGO_PROFILE") {
        name if name.is_empty() => var("PROFILE"),
        name => name,
    };
    let rustflags = var("CARGO_ENCODED_RUSTFLAGS").replace('\x1f', " ");
    println!(
        "cargo:rustc-env=HAVLAK_BUILD_FLAGS=cargo profile {}, opt-level={}, debug={}, target {}{}",
        profile,
        var("OPT_LEVEL"),
        var("DEBUG"),
        var("TARGET"),
        if rustflags.is_empty() { String::new() } else { format!(", rustflags {}", rustflags) }
    );
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=HAVLAK_CARGO_PROFILE");
}
