//! Calculators: plain Rust, no web dependencies (see ARCHITECTURE.md).
//!
//! Everything here takes validated, typed inputs and returns typed results; text from the page
//! is turned into those inputs by the `parse` functions, which return errors a person can act on.

pub mod alerts;
pub mod budget_sheet;
pub mod budget_words;
pub mod burn;
pub mod capacity;
pub mod date;
pub mod decimal;
pub mod duration;
pub mod incident;
pub mod incident_lost;
pub mod prom_duration;
pub mod ratio;
pub mod signed_ratio;
pub mod slo;
pub mod summary;
pub mod toil;
pub mod toil_words;
