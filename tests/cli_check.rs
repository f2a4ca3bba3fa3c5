//! `brief check` as a user runs it: output streams and exit codes.

#[path = "common/isolated.rs"]
mod isolated;

use std::process::Output;

fn brief(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("home");
    isolated::brief(home.path())
        .args(args)
        .output()
        .expect("brief runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_valid_file_prints_its_counts_and_exits_0() {
    let out = brief(&["check", "briefings/example.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ok  briefings/example.toml  2 sources · 3 actors · 1 issue · 2 quotes · 2 events · 1 claim\n"
    );
}

#[test]
fn quotes_are_verified_against_the_sources_dir() {
    let out = brief(&[
        "check",
        "--sources-dir",
        "tests/fixtures/sources",
        "briefings/example.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with("· 2 quotes verified\n"));
}

#[test]
fn a_quote_not_in_its_source_is_an_error_showing_the_closest_passage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string("briefings/example.toml").expect("read");
    let changed = original.replace(
        "every clause is on the table",
        "every clause is under the table",
    );
    let path = dir.path().join("changed.toml");
    std::fs::write(&path, changed).expect("write");
    let out = brief(&[
        "check",
        "--sources-dir",
        "tests/fixtures/sources",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = original
        .lines()
        .position(|l| l.contains("every clause is on the table"))
        .expect("the quote")
        + 1;
    assert!(
        err.contains(&format!(
            "changed.toml:{line}:8: error: quote `q-holt-review` does not occur in source `gazette`"
        )),
        "{err}"
    );
    assert!(
        err.contains("the closest passage in the source reads: \"every clause is on the table\""),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_source_without_its_text_is_reported_as_not_verified() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        "tests/fixtures/sources/gazette.txt",
        dir.path().join("gazette.txt"),
    )
    .expect("copy");
    let out = brief(&[
        "check",
        "--sources-dir",
        dir.path().to_str().expect("utf-8"),
        "briefings/example.toml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).ends_with("· 1 quote verified, 1 not verified\n"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("warning: source `courier` not verified"));
}

#[test]
fn any_invalid_file_makes_the_exit_code_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[briefing]\nid = \"x\"\n").expect("write");
    let out = brief(&[
        "check",
        "briefings/example.toml",
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("ok  briefings/example.toml"));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.toml:2:1: error: `[briefing]` is missing required field `title`"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(brief(&["check"]).status.code(), Some(2));
    assert_eq!(
        brief(&["check", "--bogus", "x.toml"]).status.code(),
        Some(2)
    );
    let out = brief(&[
        "check",
        "--sources-dir",
        "/no/such/dir",
        "briefings/example.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/dir"));
}
