//! Normalization: the two texts of every unit. The *output text* is what zhclean prints
//! (script converted, punctuation widened, whitespace tidied: [`text`], [`script`]);
//! the *matching key* is only compared ([`key`]).

pub mod entities;
pub mod gb;
pub mod key;
pub mod opencc;
pub mod opencc_spec;
mod opencc_static;
pub mod region;
pub mod script;
pub mod script_spec;
pub mod text;

#[cfg(feature = "opencc-cpp")]
pub mod opencc_cpp;
