//! `brief check`: validate files, print diagnostics, and verify quotes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use brief::diagnostic::{Diagnostic, Report};
use brief::load::check_file;
use brief::sanitize::escape_line;
use brief::verify;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Directory holding the sources' full texts: verify every quote against
    /// the text of its source's `file`.
    #[arg(long, value_name = "DIR")]
    pub sources_dir: Option<PathBuf>,
    /// Check each file's signature (FILE.sig) against allowed_signers: exit
    /// 1 on a bad or unreadable signature.
    #[arg(long)]
    pub verify: bool,
    /// Check signatures, and also exit 1 on a file not signed by a trusted
    /// key (not signed, or by an unknown key).
    #[arg(long)]
    pub require_signature: bool,
    /// The allowed_signers file to trust, instead of the one config.toml
    /// names (by default allowed_signers in the config directory); implies
    /// --verify.
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
    /// Also report lint warnings: key judgments against the analytic
    /// standards (likelihood, hedges, confidence, sources), claims whose
    /// versions share a source, quotes without context, unlinked items.
    #[arg(long)]
    pub lint: bool,
    /// Treat every warning as an error: exit 1 on any.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Briefing files to check; a folder is the briefings (.toml files) in it.
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
    // Signatures (--verify, --require-signature).
    let verify = args.verify || args.require_signature || args.allowed_signers.is_some();
    if let Some(path) = &args.allowed_signers
        && !path.is_file()
    {
        eprintln!(
            "error: --allowed-signers {} is not a file",
            escape_line(&path.display().to_string())
        );
        return ExitCode::from(2);
    }
    let signers =
        verify.then(|| super::sign::allowed_signers(args.allowed_signers.as_deref(), None).0);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut failed = false;
    // A folder is the briefings in it.
    let mut files = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            let found = brief::library::discover(std::slice::from_ref(path));
            if found.is_empty() {
                eprintln!(
                    "warning: {} holds no briefing (.toml file)",
                    escape_line(&path.display().to_string())
                );
                failed |= args.deny_warnings;
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    // Which files hold which briefing id, to tell those that share one.
    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    for (n, path) in files.iter().enumerate() {
        let checked = check_file(path);
        if let Some(b) = &checked.briefing {
            ids.push((b.meta.id.clone(), path.clone()));
        }
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
        if let (Some(briefing), true) = (&checked.briefing, args.lint) {
            // A valid file's text is not kept; the lints point into it.
            if report.source.is_none() {
                report.source = std::fs::read_to_string(path).ok();
            }
            report
                .diagnostics
                .extend(brief::lint::lint(briefing, report.source.as_deref()));
            report
                .diagnostics
                .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        }
        if args.deny_warnings {
            for d in &mut report.diagnostics {
                d.severity = brief::Severity::Error;
            }
        }
        if let Some(signers) = &signers {
            let (diagnostic, shown) = signature(path, signers, args.require_signature);
            report.diagnostics.extend(diagnostic);
            summary = Some(match summary {
                Some(quotes) => format!("{quotes} · {shown}"),
                None => shown,
            });
        }
        if !report.diagnostics.is_empty() {
            // A valid file's text is not kept; quote problems need it to
            // show places. It is read again only when it loaded (it is a
            // file within the limit), and never past the limit.
            if report.source.is_none() && checked.briefing.is_some() {
                report.source = brief::files::read_regular(path, brief::load::MAX_FILE_SIZE)
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok());
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
        if n + 1 == files.len() {
            // The last briefing's memory goes back with the process: freeing
            // a large one string by string would only delay the exit.
            std::mem::forget(checked.briefing);
        }
    }
    failed |= same_ids(&ids) && args.deny_warnings;
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Warns of files that hold the same briefing id: their marks and notes
/// are one review state (which is right for two versions of one briefing,
/// and wrong for two briefings). True if any do.
fn same_ids(ids: &[(String, PathBuf)]) -> bool {
    let mut by_id: std::collections::BTreeMap<&str, Vec<&PathBuf>> = Default::default();
    for (id, path) in ids {
        by_id.entry(id).or_default().push(path);
    }
    let mut any = false;
    for (id, paths) in by_id.into_iter().filter(|(_, p)| p.len() > 1) {
        any = true;
        let names: Vec<String> = paths
            .iter()
            .map(|p| escape_line(&p.display().to_string()).into_owned())
            .collect();
        eprintln!(
            "warning: {} hold the same briefing id `{}`: they share one review state\n\
             help: if they are versions of one briefing, that is as meant (marks carry over, and what changed shows as changed); if not, give one another `id` in [meta]",
            names.join(" and "),
            escape_line(id)
        );
    }
    any
}

/// The signature of the briefing at `path`: an error when it is bad or
/// unreadable, or (with `required`) not by a trusted key; and its state
/// for the `ok` line.
fn signature(
    path: &std::path::Path,
    signers: &brief::signature::AllowedSigners,
    required: bool,
) -> (Option<Diagnostic>, String) {
    use brief::signature::Level;
    let state = super::sign::verify(path, signers);
    let trusted_in = || match &signers.path {
        Some(file) => format!(
            "add the signer's key to {}, if you trust it",
            escape_line(&file.display().to_string())
        ),
        None => "add the signer's key to allowed_signers, if you trust it".to_string(),
    };
    let diagnostic = match state.level() {
        Level::Alarm => Some(Diagnostic::error(state.describe(), None).help(
            match state {
                brief::signature::SignatureState::Bad { .. } => {
                    "do not trust this file: get it again from its author"
                }
                _ => "get the signature again from the briefing's author",
            },
        )),
        Level::Warning if required => Some(
            Diagnostic::error(format!("not signed by a trusted key: {}", state.describe()), None)
                .help(trusted_in()),
        ),
        Level::Plain if required => Some(
            Diagnostic::error("not signed (--require-signature)", None)
                .help("the author signs it with `brief sign FILE --key KEY` or `ssh-keygen -Y sign -n brief -f KEY FILE`"),
        ),
        _ => None,
    };
    (diagnostic, state.describe())
}
