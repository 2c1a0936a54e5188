//! File and text formats: imports and exports (CSV, Prometheus JSON and rules, scenario files,
//! share links). Plain Rust, no web dependencies; every decoder returns typed errors that say
//! where the input is wrong, and never panics on any input.

pub mod encoding;
pub mod metrics;
pub mod openslo;
pub mod postmortem;
pub mod prometheus_rules;
pub mod scenario;
pub mod series_codec;
pub mod share_link;
pub mod summary;
pub mod toil_csv;
pub mod yaml_tree;
