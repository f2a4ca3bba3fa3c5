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

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// Runs `brief ARGS` with `input` on its standard input.
fn brief_with_input(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let home = tempfile::tempdir().expect("home");
    let mut child = isolated::brief(home.path())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("brief runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write");
    drop(stdin);
    child.wait_with_output().expect("output")
}

#[test]
fn a_briefing_piped_in_is_read_once() {
    let example = std::fs::read("briefings/example.toml").expect("example");
    let out = brief_with_input(&["check", "/dev/stdin"], &example);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("ok  /dev/stdin  2 sources"));
    let out = brief_with_input(&["export", "/dev/stdin"], &example);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("The Corvo port lease"));
}

#[test]
fn a_fifo_with_a_writer_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("briefing.toml");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let example = std::fs::read("briefings/example.toml").expect("example");
            std::fs::write(&fifo, example).expect("write into the FIFO");
        })
    };
    let out = brief(&["check", fifo.to_str().expect("utf-8")]);
    writer.join().expect("writer");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn endless_or_huge_input_is_never_read_past_the_limit() {
    let out = brief(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("over the limit of 256 MiB"),
        "{}",
        text(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(3 << 30)
        .expect("a sparse 3 GiB file");
    let out = brief(&["check", huge.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("3072 MiB, over the limit"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_hundred_thousand_errors_print_a_bounded_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text_in =
        String::from("format = 1\n[briefing]\nid = \"t\"\ntitle = \"T\"\nsummary = \"S\"\n");
    for n in 0..100_000 {
        text_in.push_str(&format!("[[actors]]\nid = \"a{n}\"\n"));
    }
    let path = dir.path().join("errors.toml");
    std::fs::write(&path, text_in).expect("write");
    let out = brief(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.len() < 200_000, "{} bytes of report", err.len());
    assert!(
        err.contains("more not shown"),
        "{}",
        &err[err.len() - 500..]
    );
    assert!(
        err.trim_end().ends_with("errors"),
        "the summary still counts them all"
    );
}

#[test]
fn a_source_text_that_is_a_fifo_or_too_large_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).expect("mkdir");
    mkfifo(&sources.join("gazette.txt"));
    std::fs::File::create(sources.join("courier.txt"))
        .expect("create")
        .set_len(1 << 30)
        .expect("a sparse 1 GiB file");
    let out = brief(&[
        "check",
        "--sources-dir",
        sources.to_str().expect("utf-8"),
        "briefings/example.toml",
    ]);
    let err = text(&out.stderr);
    assert!(err.contains("a FIFO"), "{err}");
    assert!(err.contains("over the limit of 64 MiB"), "{err}");
}
