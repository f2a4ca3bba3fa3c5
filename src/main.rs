use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match &cli.command {
        Some(cli::Command::Check(args)) => cli::check::run(args),
        None => cli::read::run(&cli.files, cli.theme.as_deref()),
    }
}
