//! `brief`: a terminal reader for structured analyst briefings.
//!
//! The library holds everything but the command line: the briefing model
//! ([`model`]), loading and validation ([`load`]), diagnostics
//! ([`diagnostic`]), quote verification ([`verify`]), signed briefings
//! ([`signature`]) and the sanitiser every displayed string passes through
//! ([`sanitize`]).

pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod files;
pub mod generate;
pub mod library;
pub mod lint;
pub mod load;
pub mod model;
pub mod review;
pub mod sanitize;
pub mod schema;
pub mod search;
pub mod signature;
pub mod tui;
pub mod verify;

pub use diagnostic::{Diagnostic, Report, Severity};
pub use model::Briefing;

/// The briefing `brief` opens when no file is given.
pub const DEFAULT_BRIEFING: &str = include_str!("../briefings/syria-russia-2025.toml");
/// The name the built-in briefing goes by in messages.
pub const DEFAULT_BRIEFING_NAME: &str = "syria-russia-2025.toml (built in)";
