//! Headroom: a reliability planning workbench that runs entirely in the browser.
//!
//! Layers (see ARCHITECTURE.md): `calc`, `formats`, `inputs` and `route` are plain Rust; `chart` turns results into
//! SVG text; `storage` owns browser storage; `app` holds the Leptos components that wire signals
//! to the layers below.

pub mod app;
pub mod calc;
pub mod chart;
pub mod formats;
pub mod inputs;
pub mod route;
pub mod storage;
