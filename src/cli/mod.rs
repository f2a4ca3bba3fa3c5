//! The command line: arguments and the subcommands, over the library.

pub mod check;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "A terminal reader for structured analyst briefings"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Briefing files to open (the built-in briefing when none is given).
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefing files and report every problem with its place.
    Check(check::CheckArgs),
}
