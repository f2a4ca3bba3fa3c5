use std::process::ExitCode;

use clap::Parser;

mod cli;

// Loading a large briefing makes millions of small allocations, on
// several threads; mimalloc is much quicker at that than the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A write over the file size limit (`ulimit -f`) fails with an error
    // that is reported, instead of killing brief with SIGXFSZ.
    // SAFETY: setting a signal's disposition to "ignore" is always sound.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let cli = cli::Cli::parse();
    match &cli.command {
        Some(cli::Command::Check(args)) => cli::check::run(args),
        Some(cli::Command::New(args)) => cli::new::run(args),
        Some(cli::Command::Diff(args)) => cli::diff::run(args),
        Some(cli::Command::Export(args)) => cli::export::run(args),
        Some(cli::Command::Config(args)) => cli::config::run(args),
        Some(cli::Command::Sign(args)) => cli::sign::run(args),
        Some(cli::Command::Schema) => cli::schema::run(),
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
        None => exit_now(cli::read::run(&cli.files, cli.theme.as_deref(), cli.watch)),
    }
}

/// Ends the process at once with `status`. The reader has saved every
/// change as it was made and restored the terminal; what is left is the
/// allocator handing a large briefing's memory back page by page, which
/// the system does anyway, and faster, as the process ends.
fn exit_now(status: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` only ends the process; output is flushed above, and
    // no destructor or exit handler is needed for anything to be kept.
    unsafe { libc::_exit(i32::from(status)) }
}
