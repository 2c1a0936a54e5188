pub mod calc;
pub mod chart;
pub mod storage;
