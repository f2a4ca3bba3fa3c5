//! Inputs the fuzzers flagged (tests/fixtures/fuzz/), fed through the same
//! checks as the `load` fuzz target (fuzz/fuzz_targets/load.rs), so that
//! each stays fixed. See docs/RELIABILITY.md for what each one was.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use brief::load::check_str_with;
use brief::sanitize::is_unsafe;

fn cases() -> Vec<PathBuf> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "fuzz"]
        .iter()
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fuzz cases")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// `load-timeout-2c47263.toml`: the built-in briefing, mutated so that an
/// array is never closed, plus a byte that is not UTF-8. Read as lossy
/// text, it gives 6,733 syntax errors and a 1.5 MB report. The fuzz target
/// rendered that report three times under AddressSanitizer and hit the 20 s
/// limit; loading and rendering are linear (about 0.4 s in a release build),
/// so the target now renders once. Kept to hold both to that.
#[test]
fn fuzz_cases_load_and_render_cleanly_and_in_time() {
    for path in cases() {
        let data = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&data);
        let started = Instant::now();
        let checked = check_str_with(&text, "fuzz.toml", None);
        let pieces = check_str_with(&text, "fuzz.toml", Some(1 + data.len() % 509));
        assert_eq!(
            pieces.report.diagnostics, checked.report.diagnostics,
            "{path:?}: loading in pieces gives other diagnostics"
        );
        assert_eq!(
            format!("{:?}", pieces.briefing),
            format!("{:?}", checked.briefing),
            "{path:?}"
        );
        let report = checked.report.render();
        assert!(
            !report.chars().any(is_unsafe),
            "{path:?}: raw character in the report"
        );
        for diagnostic in &checked.report.diagnostics {
            if let Some(span) = &diagnostic.span {
                assert!(span.start <= text.len(), "{path:?}: span {span:?}");
            }
        }
        // Generous for a debug build on a busy machine; quadratic work
        // would take minutes.
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{path:?} took {:?}",
            started.elapsed()
        );
    }
}
