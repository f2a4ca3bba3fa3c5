//! `brief schema`: the JSON Schema of the briefing format, for editors.

use std::io::Write;
use std::process::ExitCode;

pub fn run() -> ExitCode {
    match std::io::stdout()
        .lock()
        .write_all(brief::schema::schema().as_bytes())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("brief schema: {e}");
            ExitCode::FAILURE
        }
    }
}
