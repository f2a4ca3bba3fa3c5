//! `brief check --lint`: each lint on a fixture that breaks every standard
//! once (a golden file), allowances per file and per item, --deny-warnings,
//! and the shipped briefings, which lint clean.

#[path = "common/golden.rs"]
mod golden;
#[path = "common/isolated.rs"]
mod isolated;

use std::process::Output;

use brief::model::Lint;
use strum::IntoEnumIterator;

const EVERY_LINT: &str = "tests/fixtures/lint/every-lint.toml";

fn brief(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("home");
    isolated::brief(home.path())
        .args(args)
        .output()
        .expect("brief runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// `brief check --lint` on `content`, written to a temporary file.
fn lint_text(content: &str, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.toml");
    std::fs::write(&path, content).expect("write");
    let mut args = vec!["check", "--lint"];
    args.extend_from_slice(extra);
    args.push(path.to_str().expect("UTF-8 path"));
    brief(&args)
}

#[test]
fn every_lint_is_reported_once_with_its_name_place_and_help() {
    let out = brief(&["check", "--lint", EVERY_LINT]);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail a check");
    let err = text(&out.stderr);
    golden::golden("lint-every-lint.txt", &err);
    for lint in Lint::iter() {
        assert!(
            err.contains(&format!("[{}]\n", lint.name())),
            "{} is not reported",
            lint.name()
        );
    }
    assert!(err.ends_with(": 12 warnings\n"), "{err}");
}

#[test]
fn without_lint_the_fixture_is_clean() {
    let out = brief(&["check", EVERY_LINT]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn deny_warnings_makes_each_warning_an_error() {
    let out = brief(&["check", "--lint", "--deny-warnings", EVERY_LINT]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(": error: quote `q-keep` has no context [quote-without-context]"),
        "{err}"
    );
    assert!(err.ends_with(": 12 errors\n"), "{err}");
    assert_eq!(text(&out.stdout), "", "no `ok` line for a failed file");
    // Not only lints: the loader's warnings too.
    let fixture = std::fs::read_to_string(EVERY_LINT).expect("fixture");
    let uncited = fixture.replace(
        "[[actors]]",
        "[[sources]]\nid = \"spare\"\ntitle = \"Spare\"\n\n[[actors]]",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("spare.toml");
    std::fs::write(&path, uncited).expect("write");
    let out = brief(&["check", "--deny-warnings", path.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error: source `spare` is never cited"));
}

#[test]
fn the_whole_file_can_allow_a_lint() {
    let fixture = std::fs::read_to_string(EVERY_LINT).expect("fixture");
    let names: Vec<String> = Lint::iter().map(|l| format!("\"{}\"", l.name())).collect();
    let allowed = fixture.replace(
        "key_judgments = [",
        &format!("lint_allow = [{}]\nkey_judgments = [", names.join(", ")),
    );
    let out = lint_text(&allowed, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
    // One lint allowed leaves the others.
    let one = fixture.replace(
        "key_judgments = [",
        "lint_allow = [\"unlinked-item\"]\nkey_judgments = [",
    );
    let err = text(&lint_text(&one, &[]).stderr);
    assert!(
        !err.contains("[unlinked-item]") && err.ends_with(": 7 warnings\n"),
        "{err}"
    );
}

#[test]
fn each_item_can_allow_its_own_lints() {
    let fixture = std::fs::read_to_string(EVERY_LINT).expect("fixture");
    let allow = |lints: &[&str]| {
        let names: Vec<String> = lints.iter().map(|l| format!("\"{l}\"")).collect();
        format!("lint_allow = [{}]", names.join(", "))
    };
    let mut text_of = fixture.clone();
    for (from, to) in [
        (
            "likelihood = \"unlikely\" }",
            format!(
                "likelihood = \"unlikely\", {} }}",
                allow(&["likelihood-mismatch"])
            ),
        ),
        (
            "{ text = \"A handover looks unlikely.\", sources = [\"s1\"] }",
            format!(
                "{{ text = \"A handover looks unlikely.\", sources = [\"s1\"], {} }}",
                allow(&["likelihood-missing"])
            ),
        ),
        (
            "{ text = \"Talks may resume in the autumn.\", sources = [\"s1\"] }",
            format!(
                "{{ text = \"Talks may resume in the autumn.\", sources = [\"s1\"], {} }}",
                allow(&["vague-hedge"])
            ),
        ),
        (
            "that the bases stay.\", sources = [\"s1\"] }",
            format!(
                "that the bases stay.\", sources = [\"s1\"], {} }}",
                allow(&["confidence-in-text"])
            ),
        ),
        (
            "\"The relationship will be transactional.\"",
            format!(
                "{{ text = \"The relationship will be transactional.\", {} }}",
                allow(&["judgment-without-source"])
            ),
        ),
        (
            "summary = \"Foreign minister of Russia.\"",
            format!(
                "summary = \"Foreign minister of Russia.\"\n{}",
                allow(&["unlinked-item"])
            ),
        ),
        (
            "summary = \"Israel's strikes and incursions.\"",
            format!(
                "summary = \"Israel's strikes and incursions.\"\n{}",
                allow(&["unlinked-item"])
            ),
        ),
        (
            "issues = [\"bases\"]\n\n[[quotes]]",
            format!(
                "issues = [\"bases\"]\n{}\n\n[[quotes]]",
                allow(&["quote-without-context"])
            ),
        ),
        (
            "context = \"An interview.\"",
            format!("context = \"An interview.\"\n{}", allow(&["unlinked-item"])),
        ),
        (
            "title = \"A visit\"",
            format!("title = \"A visit\"\n{}", allow(&["unlinked-item"])),
        ),
        (
            "topic = \"Will the bases stay?\"",
            format!(
                "topic = \"Will the bases stay?\"\n{}",
                allow(&["claim-same-source"])
            ),
        ),
        (
            "topic = \"When?\"",
            format!("topic = \"When?\"\n{}", allow(&["unlinked-item"])),
        ),
    ] {
        assert_eq!(text_of.matches(from).count(), 1, "{from}");
        text_of = text_of.replace(from, &to);
    }
    let out = lint_text(&text_of, &["--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn the_shipped_briefings_lint_clean() {
    let out = brief(&[
        "check",
        "--lint",
        "--deny-warnings",
        "--sources-dir",
        "tests/fixtures/sources",
        "briefings/example.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let out = brief(&[
        "check",
        "--lint",
        "--deny-warnings",
        "briefings/syria-russia-2025.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}
