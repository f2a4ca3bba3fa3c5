use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match &cli.command {
        Some(cli::Command::Check(args)) => cli::check::run(args),
        None => {
            eprintln!("brief: the reader is not built yet; use `brief check FILE`");
            ExitCode::from(2)
        }
    }
}
