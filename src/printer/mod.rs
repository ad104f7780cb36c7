//! Renderings of the one report model: [`json`] for machines (the versioned contract)
//! and [`human`] for people on a terminal.

pub mod human;
pub mod json;
