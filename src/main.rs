use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match &cli.command {
        Some(cli::Command::Check(args)) => cli::check::run(args),
        Some(cli::Command::Export(args)) => cli::export::run(args),
        Some(cli::Command::Config(args)) => cli::config::run(args),
        Some(cli::Command::Completions { shell }) => cli::config::completions(*shell),
        None => cli::read::run(&cli.files, cli.theme.as_deref(), cli.watch),
    }
}
