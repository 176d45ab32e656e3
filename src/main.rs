//! Entry point of the web app. Trunk builds this binary for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    faultline_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Faultline site is a WebAssembly app: build it with `make dist` or serve it with `make serve`.");
    std::process::exit(2);
}
