//! The command line: arguments and the subcommands, over the library.

pub mod check;
pub mod config;
pub mod diff;
pub mod export;
pub mod new;
pub mod read;
pub mod schema;
pub mod sign;

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
    /// Briefing files or folders. One file opens in the reader; folders, or
    /// several files, open the library of them. With none: the library of
    /// the folders config.toml names and the data directory's briefings/,
    /// or the built-in briefing when they hold none.
    #[arg(value_name = "FILE_OR_DIR")]
    pub files: Vec<PathBuf>,
    /// Colour theme: dark, light, high-contrast, or a theme file's name in
    /// the config directory's themes/ folder.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Reload the briefing whenever its file changes.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefing files and report every problem with its place.
    Check(check::CheckArgs),
    /// Start a briefing: write FILE with the required fields and a
    /// commented example of each item, and the schema beside it.
    New(new::NewArgs),
    /// Show what changed between two versions of a briefing, item by item;
    /// exit 1 when something did.
    Diff(diff::DiffArgs),
    /// Write a briefing, with your marks and notes, as Markdown or JSON.
    Export(export::ExportArgs),
    /// Sign a briefing: write FILE.sig, as `ssh-keygen -Y sign -n brief` does.
    Sign(sign::SignArgs),
    /// Print the JSON Schema of the briefing format, which editors' TOML
    /// language servers (taplo, tombi) read for completion and errors.
    Schema,
    /// Show where configuration lives; with --print, the effective settings.
    Config(config::ConfigArgs),
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a generated briefing of about SIZE megabytes, for benchmarks.
    #[command(hide = true)]
    Gen {
        /// Approximate size in megabytes (fractions allowed).
        #[arg(long, default_value_t = 1.0)]
        mb: f64,
        /// Seed: the same seed and size give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}
