//! `brief`: a terminal reader for structured analyst briefings.
//!
//! The library holds everything but the command line: the briefing model
//! ([`model`]), loading and validation ([`load`]), diagnostics
//! ([`diagnostic`]), quote verification ([`verify`]) and the sanitiser every
//! displayed string passes through ([`sanitize`]).

pub mod diagnostic;
pub mod load;
pub mod model;
pub mod sanitize;
pub mod verify;

pub use diagnostic::{Diagnostic, Report, Severity};
pub use model::Briefing;
