//! The loader alone, as a whole run: reads and checks a briefing file, as
//! `brief check` does before its own work, and exits 0 when it is valid.
//! `scripts/bench.sh` times `brief check` against it.
//!
//! cargo run --release --example load -- FILE

use std::process::ExitCode;

// The same allocator as the `brief` binary, so that the two runs compare.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).expect("usage: load FILE");
    let checked = brief::load::check_file(std::path::Path::new(&path));
    let valid = checked.briefing.is_some() && !checked.report.has_errors();
    // Like `brief`, leave the memory to the process's end.
    std::mem::forget(checked);
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
