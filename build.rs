//! With the `split` feature, links the browser build with relocations (`--emit-relocs`): the
//! wasm splitter (scripts/post-build.mjs) needs them to move the `#[lazy]` functions' code
//! into chunks. Only the binary's link gets them (wasm test builds are unchanged), and only when
//! splitting: wasm-bindgen and wasm-opt keep the relocation sections, which would more than
//! triple an unsplit page.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
