//! The simulator bundle is split after linking (scripts/build-bundles.mjs
//! runs wasm-split-cli on it): the splitter reads the linker's relocations
//! to tell which functions only a split point reaches, so the wasm32 link
//! keeps them.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
}
