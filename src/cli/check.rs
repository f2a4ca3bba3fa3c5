//! `brief check`: validate files, print diagnostics, and verify quotes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use brief::diagnostic::Report;
use brief::load::check_file;
use brief::sanitize::escape_line;
use brief::verify;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Directory holding the sources' full texts: verify every quote against
    /// the text of its source's `file`.
    #[arg(long, value_name = "DIR")]
    pub sources_dir: Option<PathBuf>,
    /// Briefing files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    if let Some(dir) = &args.sources_dir
        && !dir.is_dir()
    {
        eprintln!(
            "error: --sources-dir {} is not a directory",
            escape_line(&dir.display().to_string())
        );
        return ExitCode::from(2);
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut failed = false;
    for (n, path) in args.files.iter().enumerate() {
        let checked = check_file(path);
        let mut report: Report = checked.report;
        let mut summary = None;
        if let (Some(briefing), Some(dir)) = (&checked.briefing, &args.sources_dir) {
            let verification = verify::verify(briefing, dir);
            report.diagnostics.extend(verification.diagnostics);
            report
                .diagnostics
                .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
            let quotes = |n: usize| format!("{n} quote{}", if n == 1 { "" } else { "s" });
            summary = Some(match verification.unverified {
                0 => format!("{} verified", quotes(verification.verified)),
                n => format!(
                    "{} verified, {n} not verified",
                    quotes(verification.verified)
                ),
            });
        }
        if !report.diagnostics.is_empty() {
            // A valid file's text is not kept; quote problems need it to show places.
            if report.source.is_none() {
                report.source = std::fs::read_to_string(path).ok();
            }
            let _ = stderr.lock().write_all(report.render().as_bytes());
        }
        match (&checked.briefing, report.has_errors()) {
            (Some(briefing), false) => {
                let mut line = format!(
                    "ok  {}  {}",
                    escape_line(&path.display().to_string()),
                    briefing.counts_line()
                );
                if let Some(summary) = summary {
                    line.push_str(" · ");
                    line.push_str(&summary);
                }
                let _ = writeln!(stdout.lock(), "{line}");
            }
            _ => failed = true,
        }
        if n + 1 == args.files.len() {
            // The last briefing's memory goes back with the process: freeing
            // a large one string by string would only delay the exit.
            std::mem::forget(checked.briefing);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
