//! Renderings of the one report model: [`json`] for machines (the versioned contract),
//! [`human`] for people on a terminal, [`github`] annotations and [`markdown`] job
//! summaries for CI, and [`html`] review pages for people checking removals in place.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
