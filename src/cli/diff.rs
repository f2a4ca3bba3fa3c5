//! `brief diff OLD NEW`: what changed between two versions of a briefing,
//! item by item, as the reader's "changed since last review" sees it.
//! Exit 0 when nothing changed, 1 when something did, 2 on trouble, as
//! diff does.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use brief::Briefing;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later version.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Colour the text: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a reader: items, fields and the words that changed.
    Text,
    /// For other tools.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn run(args: &DiffArgs) -> ExitCode {
    let load = |path: &PathBuf| match Briefing::load(path) {
        Ok(b) => Some(b),
        Err(report) => {
            eprint!("{}", report.render());
            None
        }
    };
    let (Some(old), Some(new)) = (load(&args.old), load(&args.new)) else {
        return ExitCode::from(2);
    };
    let diff = brief::diff::diff(&old, &new);
    let names = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let text = match args.format {
        Format::Json => brief::diff::to_json(&diff, &names.0, &names.1),
        Format::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            brief::diff::to_text(&diff, &names.0, &names.1, color)
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("brief diff: {e}");
            return ExitCode::from(2);
        }
    }
    if diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
