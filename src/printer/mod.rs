//! Renderings of the one report model: [`json`] for machines (the versioned contract),
//! [`human`] for people on a terminal, [`github`] annotations and [`markdown`] job
//! summaries for CI, and [`html`] review pages for people checking removals in place.
//! Each output of a run is a [`Printer`] fed by the one sink of [`sink`]
//! ([`Printers`]): [`json::ReportFile`], [`html::ReviewPage`],
//! [`markdown::SummaryFile`], [`github::Annotations`], and the command line's console.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sink;
pub mod worst;

pub use sink::{DocEvent, Printer, Printers, RunEnd};
