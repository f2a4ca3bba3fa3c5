//! `brief export` as a user runs it: Markdown and JSON compared with golden
//! files, the built-in briefing, hostile text, output files, exit codes.
//!
//! Run with `UPDATE_GOLDEN=1` to rewrite the golden files in tests/golden/
//! instead of comparing; read the diff before committing it.

#[path = "common/isolated.rs"]
mod isolated;

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Output;

use brief::Briefing;
use brief::review::{Change, Review};
use brief::sanitize::is_unsafe;

const EXAMPLE: &str = "briefings/example.toml";
const STATE: &str = "tests/golden/example-state.toml";
const HOSTILE: &str = "tests/fixtures/e2e/escapes.toml";

/// Runs `brief` with its data directory in `home`, so that no real review
/// state is read.
fn brief_in(home: &Path, args: &[&str]) -> Output {
    isolated::brief(home)
        .args(args)
        .output()
        .expect("brief runs")
}

fn brief(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("tempdir");
    brief_in(home.path(), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// The stdout of a run that must succeed quietly.
fn exported(args: &[&str]) -> String {
    let out = brief(args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "unexpected warnings");
    text(&out.stdout)
}

/// Compares `actual` with tests/golden/`name`, or rewrites the file when
/// `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = Path::new("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "{} differs from the export, first at line {}:\n--- expected\n{}\n--- actual\n{}\n(rerun with UPDATE_GOLDEN=1 to accept)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>"),
        );
    }
}

#[test]
fn markdown_of_the_example_with_a_review_state() {
    let md = exported(&["export", EXAMPLE, "--state", STATE]);
    golden("example.md", &md);
}

#[test]
fn json_of_the_example_with_a_review_state() {
    let json = exported(&["export", EXAMPLE, "--state", STATE, "--format", "json"]);
    golden("example.json", &json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["format"], 1);
    assert_eq!(value["review"]["items"]["e-talks-resume"]["new"], true);
    assert_eq!(value["review"]["items"]["c-renewal-terms"]["changed"], true);
    assert_eq!(value["review"]["items"]["c-renewal-terms"]["stale"], true);
    assert_eq!(value["review"]["items"]["q-holt-review"]["flagged"], true);
    assert!(value["review"]["orphaned_notes"]["e-old-meeting"].is_string());
}

#[test]
fn only_flagged_notes_or_changed_items() {
    for only in ["flagged", "notes", "changed"] {
        let md = exported(&["export", EXAMPLE, "--state", STATE, "--only", only]);
        golden(&format!("example-only-{only}.md"), &md);
        assert!(md.starts_with("# The Corvo port lease\n"), "{only}: {md}");
        assert!(md.contains("**As of:** 2025-06-30 · **Handling:** EXAMPLE"));
    }
}

#[test]
fn the_export_is_the_same_every_time() {
    let args = ["export", EXAMPLE, "--state", STATE, "--format", "json"];
    assert_eq!(exported(&args), exported(&args));
}

#[test]
fn the_built_in_briefing_exports_without_a_file() {
    let md = exported(&["export"]);
    let b = Briefing::from_str(brief::DEFAULT_BRIEFING, brief::DEFAULT_BRIEFING_NAME)
        .expect("built-in briefing");
    for id in ["bases", "sdf-northeast", "south", "transitional-justice"] {
        let title = &b.issue(id).expect("named issue").title;
        assert!(md.contains(&format!("### {title}\n")), "no issue {title}");
    }
    assert!(md.contains("guardians of the blood"));
    let json = exported(&["export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        value["issues"].as_array().map(Vec::len),
        Some(b.issues.len())
    );
}

/// A review state for the hostile briefing whose note and orphaned item id
/// also carry escape sequences.
fn hostile_state(dir: &Path) -> String {
    let mut review = Review::new("hostile");
    review.apply(&Change::Note {
        item: "q-hostile".into(),
        before: None,
        after: Some("note \u{1b}]52;c;bm90ZQ==\u{7} \u{9b}2J \u{202e}evil".into()),
    });
    review.apply(&Change::Flagged {
        item: "q-hostile".into(),
        on: true,
    });
    review.apply(&Change::Note {
        item: "gone\u{1b}[2J\u{202e}".into(),
        before: None,
        after: Some("orphan \u{1b}[10;10H\u{200b}".into()),
    });
    let path = dir.join("hostile-state.toml");
    std::fs::write(&path, review.to_toml()).expect("write state");
    path.to_str().expect("UTF-8 path").to_string()
}

fn assert_clean(what: &str, output: &str) {
    let raw: Vec<String> = output
        .chars()
        .filter(|&c| is_unsafe(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?}");
    assert!(output.contains("\\u{1b}"), "{what}: no visible escape");
    assert!(
        output.contains("\\u{202e}"),
        "{what}: no visible bidi escape"
    );
    assert!(output.contains("\\u{9b}"), "{what}: no visible C1 escape");
}

/// Every string in a JSON value, keys included.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                out.push(key.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn hostile_text_never_reaches_the_output_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = hostile_state(dir.path());
    let md = exported(&["export", HOSTILE, "--state", &state]);
    assert_clean("markdown", &md);
    assert!(md.contains("note \\u{1b}]52;c;bm90ZQ==\\u{7}"), "{md}");
    assert!(md.contains("**gone\\u{1b}[2J\\u{202e}**"), "{md}");
    let json = exported(&["export", HOSTILE, "--state", &state, "--format", "json"]);
    assert_clean("json", &json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let mut all = Vec::new();
    strings(&value, &mut all);
    let decoded = all.join("\n");
    assert_clean("decoded json", &decoded);
    assert!(decoded.contains("gone\\u{1b}[2J\\u{202e}"), "{decoded}");
    // JSON's own escapes for controls would decode to the raw character.
    assert!(!json.contains("\\u001b") && !json.contains("\\u0007"));
}

#[test]
fn output_goes_to_a_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("report.md");
    let out = brief(&[
        "export",
        EXAMPLE,
        "--state",
        STATE,
        "-o",
        out_path.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert_eq!(written, exported(&["export", EXAMPLE, "--state", STATE]));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["report.md"]);
}

#[test]
fn a_bare_output_file_name_is_written_in_the_current_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = std::fs::canonicalize(EXAMPLE).expect("example");
    let out = isolated::brief(dir.path())
        .args(["export", "--format", "json", "-o", "out.json"])
        .arg(&example)
        .current_dir(dir.path())
        .output()
        .expect("brief runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("out.json")).expect("written");
    assert!(written.starts_with("{\n  \"format\": 1,"));
}

#[test]
fn an_invalid_file_prints_its_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(EXAMPLE).expect("read");
    let path = dir.path().join("bad.toml");
    let bad = original.replace("speaker = ", "speeker = ");
    let line = bad
        .lines()
        .position(|l| l.starts_with("speeker"))
        .expect("a speaker")
        + 1;
    std::fs::write(&path, &bad).expect("write");
    let out = brief(&["export", path.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "bad.toml:{line}:1: error: unknown field `speeker` in quote `q-holt-review`"
        )),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["export", "--only", "everything"][..],
        &["export", "--format", "pdf"],
        &["export", "a.toml", "b.toml"],
    ] {
        let out = brief(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_unreadable_state_is_warned_about_left_alone_and_not_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.toml");
    std::fs::write(
        &state,
        "version = 1\nbriefing = \"example-corvo\"\n[items.x\n",
    )
    .expect("write");
    let out = brief(&["export", EXAMPLE, "--state", state.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).starts_with("brief: exporting without the review state: "),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), exported(&["export", EXAMPLE]));
    assert_eq!(
        std::fs::read_to_string(&state).expect("still there"),
        "version = 1\nbriefing = \"example-corvo\"\n[items.x\n"
    );
    let other = dir.path().join("other.toml");
    std::fs::write(&other, Review::new("another-briefing").to_toml()).expect("write");
    let out = brief(&["export", EXAMPLE, "--state", other.to_str().expect("UTF-8")]);
    assert!(text(&out.stderr).contains("belongs to briefing `another-briefing`"));
}

// Where `directories` puts the data directory is platform-specific.
#[cfg(target_os = "linux")]
#[test]
fn the_state_in_the_data_directory_is_read_and_never_written() {
    let home = tempfile::tempdir().expect("tempdir");
    let reviews = home.path().join("data/brief/reviews");
    // Nothing there yet: the export works and creates nothing.
    let out = brief_in(home.path(), &["export", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!home.path().join("data").exists(), "the export wrote files");
    // A saved state is used, and left exactly as it was.
    std::fs::create_dir_all(&reviews).expect("mkdir");
    let state = std::fs::read_to_string(STATE).expect("state");
    std::fs::write(reviews.join("example-corvo.toml"), &state).expect("write");
    let out = brief_in(home.path(), &["export", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        exported(&["export", EXAMPLE, "--state", STATE])
    );
    let names: Vec<_> = std::fs::read_dir(&reviews)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["example-corvo.toml"]);
    assert_eq!(
        std::fs::read_to_string(reviews.join("example-corvo.toml")).expect("read"),
        state
    );
}

/// `-o` writes where it is told and never destroys what is there: a file
/// keeps its mode, a link's target is written, a device is written
/// directly (and a full one is an error), and the briefing itself is safe.
#[test]
fn output_never_clobbers_what_is_at_the_path() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("home");
    let dir = home.path();
    let out = dir.join("out.md");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = |args: &[&str]| brief_in(dir, args);
    let done = run(&["export", EXAMPLE, "-o", out.to_str().expect("utf-8")]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the mode is kept");
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains("Corvo")
    );

    let target = dir.join("target.md");
    std::fs::write(&target, "old").expect("write");
    let link = dir.join("link.md");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let done = run(&["export", EXAMPLE, "-o", link.to_str().expect("utf-8")]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .contains("Corvo")
    );

    let full = run(&["export", EXAMPLE, "-o", "/dev/full"]);
    assert_eq!(full.status.code(), Some(1));
    assert!(
        text(&full.stderr).contains("No space left"),
        "{}",
        text(&full.stderr)
    );
    assert!(
        std::fs::metadata("/dev/full")
            .expect("there")
            .file_type()
            .is_char_device()
    );

    let copy = dir.join("b.toml");
    std::fs::copy(EXAMPLE, &copy).expect("copy");
    let before = std::fs::read(&copy).expect("read");
    let same = run(&[
        "export",
        copy.to_str().expect("utf-8"),
        "-o",
        copy.to_str().expect("utf-8"),
    ]);
    assert_eq!(same.status.code(), Some(1));
    assert!(text(&same.stderr).contains("the briefing being exported"));
    assert_eq!(
        std::fs::read(&copy).expect("read"),
        before,
        "the briefing is safe"
    );
}

#[test]
fn output_to_dev_stdout_goes_to_standard_output() {
    let home = tempfile::tempdir().expect("home");
    let out = brief_in(home.path(), &["export", EXAMPLE, "-o", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Corvo"));
}

#[test]
fn grade_keeps_the_quotes_and_claim_versions_that_pass() {
    let md = exported(&["export", EXAMPLE, "--state", STATE, "--grade", "A-C,1-3"]);
    golden("example-grade.md", &md);
    assert!(md.contains("every clause is on the table"));
    assert!(
        !md.contains("Bexia has more than one suitor."),
        "F and ungraded"
    );
    assert!(md.contains("| Renewal on the old terms is expected. |"));
    assert!(
        !md.contains("so the old terms are in doubt"),
        "an ungraded version"
    );
    let json = exported(&["export", EXAMPLE, "--format", "json", "--grade", "1-2"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["grade"], "1-2");
    assert_eq!(value["quotes"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        value["claims"],
        serde_json::json!([]),
        "no version graded 1-2"
    );
    assert_eq!(
        value["actors"].as_array().map(Vec::len),
        Some(3),
        "others stay"
    );
    // Without --grade the document has no `grade`.
    let all = exported(&["export", EXAMPLE, "--format", "json"]);
    assert!(!all.contains("\"grade\""));
    let out = brief(&["export", EXAMPLE, "--grade", "G"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`G` is not a grade range"));
}

/// A source keeps its number in an export that leaves others out: the
/// screen's [5] is [5] in the list and in every citation.
#[test]
fn sources_keep_their_numbers_whatever_is_left_out() {
    let b = brief::Briefing::from_str(brief::DEFAULT_BRIEFING, "b").expect("valid");
    let fifth = &b.sources[4].id;
    let quote = b
        .quotes
        .iter()
        .find(|q| &q.source == fifth)
        .expect("a quote of [5]");
    let home = tempfile::tempdir().expect("home");
    let mut review = Review::new(&b.meta.id);
    review.apply(&Change::Flagged {
        item: quote.id.clone(),
        on: true,
    });
    let state = home.path().join("state.toml");
    std::fs::write(&state, review.to_toml()).expect("write");
    let out = brief_in(
        home.path(),
        &[
            "export",
            "--only",
            "flagged",
            "--state",
            state.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("\n- [5] "), "{md}");
    assert!(
        !md.contains("\n- [1] "),
        "only the cited source is listed: {md}"
    );
    assert!(md.contains("[5]") && !md.contains("[1]"), "{md}");
}
