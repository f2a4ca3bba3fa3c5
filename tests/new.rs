//! `brief new`: the skeleton (a golden file) that `brief check --lint`
//! accepts, whose commented examples make a valid briefing once
//! uncommented, with the schema written beside it; and a real editor
//! client, taplo (the language server behind Even Better TOML, helix's and
//! Zed's TOML support), reading the `#:schema` line of the skeleton: it
//! reports a typo'd field and nothing on the skeleton itself.
//!
//! taplo comes from npm: `.ci/run` installs it into target/taplo (or set
//! TAPLO to its path). Without it the test fails, unless
//! BRIEF_SKIP_EDITOR_TEST=1 says to skip it.

#[path = "common/golden.rs"]
mod golden;
#[path = "common/isolated.rs"]
mod isolated;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// `brief` run in `dir`, its HOME and XDG directories in `home`.
fn brief_in(home: &Path, dir: &Path, args: &[&str]) -> Output {
    isolated::brief(home)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("brief runs")
}

/// A new briefing `name` in a fresh folder: (home, folder, its path).
fn new_briefing(name: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Output) {
    let home = tempfile::tempdir().expect("home");
    let dir = home.path().join("work");
    std::fs::create_dir(&dir).expect("work dir");
    let mut args = vec!["new", name];
    args.extend_from_slice(extra);
    let out = brief_in(home.path(), &dir, &args);
    (home, dir, out)
}

/// The skeleton with each commented example line uncommented, and the
/// second source its claim names.
fn uncommented(skeleton: &str) -> String {
    let mut out = String::new();
    for line in skeleton.lines() {
        let code = line.strip_prefix("# ").filter(|rest| {
            rest.starts_with("[[")
                || rest.starts_with("  { text")
                || *rest == "]"
                || rest.split_once(" = ").is_some_and(|(key, _)| {
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
        });
        match (code, line) {
            (Some(code), _) => out.push_str(code),
            (None, "#") => {}
            (None, line) => out.push_str(line),
        }
        out.push('\n');
    }
    out + "\n[[sources]]\nid = \"courier\"\ntitle = \"Bexia weighs its options\"\n"
}

#[test]
fn the_skeleton_is_a_briefing_brief_check_accepts() {
    let (home, dir, out) = new_briefing("Corvo Lease.toml", &["--as-of", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "created Corvo Lease.toml\nwrote ./briefing-1.schema.json, the schema its first line names for your editor\n"
    );
    let skeleton = std::fs::read_to_string(dir.join("Corvo Lease.toml")).expect("written");
    golden::golden("new.toml", &skeleton);
    assert!(skeleton.starts_with("#:schema ./briefing-1.schema.json\n"));
    assert!(skeleton.contains("id = \"corvo-lease\"\n"));
    let schema = std::fs::read_to_string(dir.join("briefing-1.schema.json")).expect("schema");
    assert_eq!(schema, brief::schema::schema());
    let check = brief_in(
        home.path(),
        &dir,
        &["check", "--lint", "--deny-warnings", "Corvo Lease.toml"],
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(text(&check.stderr), "");
    // Each kind of item has its example.
    for header in [
        "# [[sources]]",
        "# [[actors]]",
        "# [[issues]]",
        "# [[issues.positions]]",
        "# [[quotes]]",
        "# [[events]]",
        "# [[claims]]",
        "# [[claims.versions]]",
        "# key_judgments = [",
    ] {
        assert!(skeleton.contains(header), "no example of {header}");
    }
}

#[test]
fn the_examples_uncommented_make_a_briefing_that_lints_clean() {
    let (home, dir, _) = new_briefing("b.toml", &[]);
    let skeleton = std::fs::read_to_string(dir.join("b.toml")).expect("written");
    let full = uncommented(&skeleton);
    std::fs::write(dir.join("full.toml"), &full).expect("write");
    let out = brief_in(
        home.path(),
        &dir,
        &["check", "--lint", "--deny-warnings", "full.toml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}\n{full}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 sources · 1 actor · 1 issue · 1 quote · 1 event · 1 claim"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn new_never_replaces_a_file_and_keeps_a_schema_that_is_there() {
    let (home, dir, _) = new_briefing("b.toml", &[]);
    std::fs::write(dir.join("b.toml"), "mine").expect("write");
    let again = brief_in(home.path(), &dir, &["new", "b.toml"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("cannot create b.toml: it exists"));
    assert_eq!(
        std::fs::read_to_string(dir.join("b.toml")).expect("read"),
        "mine"
    );
    // A second briefing in the folder finds the schema there.
    let second = brief_in(home.path(), &dir, &["new", "c.toml"]);
    assert_eq!(text(&second.stdout), "created c.toml\n");
    std::fs::write(dir.join("briefing-1.schema.json"), "{}").expect("write");
    let third = brief_in(home.path(), &dir, &["new", "d.toml"]);
    assert!(text(&third.stdout).contains("kept ./briefing-1.schema.json, which differs"));
    assert_eq!(
        std::fs::read_to_string(dir.join("briefing-1.schema.json")).expect("read"),
        "{}"
    );
    // A symlink is a file that is there: not followed.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("target-of-link"), dir.join("e.toml"))
            .expect("symlink");
        let linked = brief_in(home.path(), &dir, &["new", "e.toml"]);
        assert_eq!(linked.status.code(), Some(1));
        assert!(!dir.join("target-of-link").exists());
    }
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, message) in [
        (&["--id", "Bad Id"][..], "--id `Bad Id` is not an id"),
        (&["--as-of", "2025-02-30"][..], "--as-of:"),
        (&["--title", " "][..], "--title is empty"),
    ] {
        let (_home, dir, out) = new_briefing("b.toml", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(message), "{}", text(&out.stderr));
        assert!(!dir.join("b.toml").exists());
    }
    let (_home, dir, out) = new_briefing(
        "b.toml",
        &[
            "--id",
            "corvo",
            "--title",
            "The \"Corvo\" lease",
            "--as-of",
            "2025-06",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.join("b.toml")).expect("written");
    assert!(
        written.contains("id = \"corvo\"\ntitle = 'The \"Corvo\" lease'\nas_of = \"2025-06\"\n"),
        "{written}"
    );
}

/// taplo's command. Where it is not installed the test is skipped with a
/// note, unless `BRIEF_REQUIRE_EDITOR_TEST=1` (set by .ci/run, which
/// installs it) makes that a failure: `cargo test` runs on a fresh machine.
fn taplo() -> Option<PathBuf> {
    let path = std::env::var_os("TAPLO").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/taplo/node_modules/.bin/taplo"),
        PathBuf::from,
    );
    if path.exists() {
        return Some(path);
    }
    let install = "npm install --prefix target/taplo @taplo/cli@0.7.0";
    if std::env::var_os("BRIEF_REQUIRE_EDITOR_TEST").is_some_and(|v| v == "1") {
        panic!(
            "taplo is not at {}: install it with `{install}` (as .ci/run does), or set TAPLO to its path",
            path.display()
        );
    }
    eprintln!(
        "skipped: no taplo at {} (`{install}` installs it)",
        path.display()
    );
    None
}

/// `taplo lint FILE` in `dir`, as an editor's language server checks it:
/// with the schema its `#:schema` line names.
fn taplo_lint(taplo: &Path, home: &Path, dir: &Path, file: &str) -> (bool, String) {
    let mut command = Command::new(taplo);
    for (name, value) in isolated::directories(home) {
        command.env(name, value);
    }
    let out = command
        .current_dir(dir)
        .args(["lint", "--no-auto-config", "--colors", "never", file])
        .output()
        .expect("taplo runs");
    (
        out.status.success(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

#[test]
fn taplo_checks_a_new_briefing_against_the_schema_its_first_line_names() {
    let Some(taplo) = taplo() else { return };
    let (home, dir, out) = new_briefing("b.toml", &[]);
    assert_eq!(out.status.code(), Some(0));
    let (ok, said) = taplo_lint(&taplo, home.path(), &dir, "b.toml");
    assert!(ok, "taplo finds fault with the skeleton:\n{said}");
    assert!(!said.contains("error"), "{said}");

    let skeleton = std::fs::read_to_string(dir.join("b.toml")).expect("written");
    let full = uncommented(&skeleton);
    std::fs::write(dir.join("full.toml"), &full).expect("write");
    let (ok, said) = taplo_lint(&taplo, home.path(), &dir, "full.toml");
    assert!(ok, "taplo finds fault with the examples:\n{said}");

    for (what, from, to, expected) in [
        (
            "a typo'd field",
            "speaker = \"mira-holt\"",
            "speeker = \"mira-holt\"",
            "'speeker' was unexpected",
        ),
        (
            "a wrong type",
            "credibility = 2",
            "credibility = \"2\"",
            "is not one of [1,2,3,4,5,6]",
        ),
        (
            "a bad reliability grade",
            "reliability = \"B\"",
            "reliability = \"G\"",
            "\"G\" is not one of",
        ),
    ] {
        assert!(full.contains(from), "{from}");
        std::fs::write(dir.join("broken.toml"), full.replacen(from, to, 1)).expect("write");
        let (ok, said) = taplo_lint(&taplo, home.path(), &dir, "broken.toml");
        assert!(!ok, "taplo accepts {what}:\n{said}");
        assert!(said.contains(expected), "taplo on {what}:\n{said}");
        // brief agrees.
        let check = brief_in(home.path(), &dir, &["check", "broken.toml"]);
        assert_eq!(check.status.code(), Some(1), "brief check accepts {what}");
    }
}
