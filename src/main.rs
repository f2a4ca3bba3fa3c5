use std::process::ExitCode;

use clap::Parser;

mod cli;

// Loading a large briefing makes millions of small allocations, on
// several threads; mimalloc is much quicker at that than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match &cli.command {
        Some(cli::Command::Check(args)) => cli::check::run(args),
        Some(cli::Command::Export(args)) => cli::export::run(args),
        Some(cli::Command::Config(args)) => cli::config::run(args),
        Some(cli::Command::Completions { shell }) => cli::config::completions(*shell),
        Some(cli::Command::Gen { mb, seed }) => {
            use std::io::Write;
            let text = brief::generate::briefing((mb * 1_000_000.0).max(0.0) as usize, *seed);
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("brief gen: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        None => cli::read::run(&cli.files, cli.theme.as_deref(), cli.watch),
    }
}
