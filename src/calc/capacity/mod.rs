//! The Capacity tab's maths: imported series, trend models, the capacity outlook, the backtest
//! and peak patterns. Plain Rust; every figure is finite or the function says why it is not
//! there.

pub mod forecast;
pub mod patterns;
pub mod series;
pub mod sheet;
pub mod steps;
pub mod student_t;
pub mod words;
