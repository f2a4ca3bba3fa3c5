//! `brief diff OLD NEW`: golden text and JSON, exit codes like diff's,
//! colour only on a terminal and never with NO_COLOR, hostile text made
//! safe, and the same notion of "changed" as the reader's review
//! fingerprints: for every one-line edit of the example, the items the diff
//! calls added or changed are exactly those the reader calls new or changed.

#[path = "common/golden.rs"]
mod golden;
#[path = "common/isolated.rs"]
mod isolated;
#[path = "common/pty.rs"]
mod pty;

use std::process::Output;

use brief::Briefing;
use brief::diff::{Change, diff};
use brief::review::{Change as Seen, Fingerprints, Review};
use brief::sanitize::is_unsafe;

const OLD: &str = "briefings/example.toml";
const NEW: &str = "tests/fixtures/diff/example-later.toml";

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

#[test]
fn text_in_a_pipe_is_plain_and_exits_1() {
    let out = brief(&["diff", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "");
    let shown = text(&out.stdout);
    assert!(!shown.contains('\x1b'), "colour in a pipe");
    golden::golden("diff-example.txt", &shown);
    assert!(shown.contains("    text: every [-clause-]{+term+} is on the table\n"));
}

#[test]
fn colour_when_asked_for() {
    let out = brief(&["diff", "--color", "always", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1));
    golden::golden("diff-example-color.txt", &text(&out.stdout));
    let never = brief(&["diff", "--color", "never", OLD, NEW]);
    assert_eq!(never.stdout, brief(&["diff", OLD, NEW]).stdout);
}

#[test]
fn json_for_tools() {
    let out = brief(&["diff", "--format", "json", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1));
    let json = text(&out.stdout);
    golden::golden("diff-example.json", &json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["counts"]["changed"], 4);
    assert_eq!(value["counts"]["added"], 1);
    assert_eq!(value["counts"]["removed"], 1);
}

#[test]
fn nothing_changed_prints_nothing_and_exits_0() {
    for format in ["text", "json"] {
        let out = brief(&["diff", "--format", format, OLD, OLD]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        if format == "text" {
            assert_eq!(text(&out.stdout), "");
        } else {
            let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            assert_eq!(value["items"], serde_json::json!([]));
        }
    }
}

#[test]
fn a_file_that_does_not_load_is_trouble_exit_2() {
    let out = brief(&["diff", OLD, "tests/fixtures/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the file"));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn no_color_is_honoured_on_a_terminal() {
    use pty::Tui;
    let home = tempfile::tempdir().expect("home");
    let at = |path: &str| format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let (old, new) = (at(OLD), at(NEW));
    let mut coloured = Tui::start_at(home.path(), &["diff", &old, &new], 120, 40, &[]);
    coloured.wait_exit();
    assert!(
        coloured.log().windows(5).any(|w| w == b"\x1b[31m"),
        "no colour on a terminal"
    );
    let mut plain = Tui::start_at(
        home.path(),
        &["diff", &old, &new],
        120,
        40,
        &[("NO_COLOR", "1")],
    );
    plain.wait_exit();
    let log = plain.log();
    assert!(!log.contains(&0x1b), "colour despite NO_COLOR");
    assert!(pty::contains(&log, b"[-clause-]{+term+}"));
}

/// Fields whose text is the author's own words, free to edit.
const FREE_TEXT: [&str; 14] = [
    "title",
    "subtitle",
    "handling",
    "outlet",
    "url",
    "notes",
    "name",
    "role",
    "summary",
    "stance",
    "context",
    "description",
    "topic",
    "says",
];

#[test]
fn hostile_text_is_shown_escaped() {
    let original = std::fs::read_to_string("tests/fixtures/e2e/escapes.toml").expect("fixture");
    // Every string value edited, so that every field shows in the diff.
    let edited = original
        .lines()
        .map(|line| match line.split_once(" = \"") {
            Some((key, _))
                if FREE_TEXT.contains(&key.trim())
                    && !line.ends_with("\"\"\"")
                    && line.ends_with('"') =>
            {
                format!("{} edited\"", &line[..line.len() - 1])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (
        dir.path().join("old\u{1b}[2J.toml"),
        dir.path().join("new.toml"),
    );
    std::fs::write(&old, &original).expect("write");
    std::fs::write(&new, edited).expect("write");
    let (old, new) = (old.to_str().expect("path"), new.to_str().expect("path"));
    for format in ["text", "json"] {
        let out = brief(&["diff", "--format", format, old, new]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let shown = text(&out.stdout);
        assert!(shown.contains("\\u{1b}"), "{format}: {shown}");
        assert!(
            !shown.chars().any(is_unsafe),
            "{format} lets an unsafe character through:\n{shown}"
        );
    }
}

/// The reader's statuses for `new`, after a reader took in all of `old`.
fn reader_sees(old: &Briefing, new: &Briefing) -> (Vec<String>, Vec<String>) {
    let mut review = Review::new(&new.meta.id);
    review.apply(&Seen::Seen(Fingerprints::of(old).all()));
    let prints = Fingerprints::of(new);
    let (mut added, mut changed) = (Vec::new(), Vec::new());
    for item in new.items.all() {
        let status = prints.status(&review, item);
        if status.new {
            added.push(new.item_id(item));
        }
        if status.changed {
            changed.push(new.item_id(item));
        }
    }
    (added, changed)
}

fn diff_says(old: &Briefing, new: &Briefing) -> (Vec<String>, Vec<String>) {
    let d = diff(old, new);
    let ids = |change| {
        d.items
            .iter()
            .filter(|i| i.change == change)
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    for item in &d.items {
        if item.change == Change::Changed {
            assert!(!item.fields.is_empty(), "{} changed in no field", item.id);
        }
    }
    (ids(Change::Added), ids(Change::Changed))
}

#[test]
fn the_diff_and_the_reader_agree_on_every_edit_of_the_example() {
    let original = std::fs::read_to_string(OLD).expect("example");
    let old = Briefing::from_str(&original, "old").expect("valid");
    let lines: Vec<&str> = original.lines().collect();
    let mut edits = 0;
    let mut changed_seen = 0;
    for (n, line) in lines.iter().enumerate() {
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        // Each value edited: a string gets a word, a number another grade,
        // and a list loses its last entry.
        let edited = if value.starts_with('"') && value.ends_with('"') && value.len() > 2 {
            format!("{key} = {} more\"", &value[..value.len() - 1])
        } else if value == "2" || value == "3" {
            format!("{key} = 5")
        } else if value.starts_with('[') && value.contains(", ") {
            let cut = value.rfind(", ").expect("two entries");
            format!("{key} = {}]", &value[..cut])
        } else {
            continue;
        };
        let mut text_lines = lines.clone();
        text_lines[n] = &edited;
        let text = text_lines.join("\n");
        let Ok(new) = Briefing::from_str(&text, "new") else {
            continue;
        };
        edits += 1;
        let (reader_added, reader_changed) = reader_sees(&old, &new);
        let (diff_added, diff_changed) = diff_says(&old, &new);
        assert_eq!(diff_added, reader_added, "line {}: {edited}", n + 1);
        assert_eq!(diff_changed, reader_changed, "line {}: {edited}", n + 1);
        changed_seen += diff_changed.len();
        // What the diff leaves out is what the reader does not see change:
        // the briefing table, an id (a new item), or lint allowances.
        if diff_changed.is_empty() && diff_added.is_empty() {
            let d = diff(&old, &new);
            assert!(
                !d.briefing.is_empty() || key.trim() == "lint_allow" || key.trim() == "format",
                "line {}: `{edited}` changes nothing",
                n + 1
            );
        }
    }
    assert!(edits > 40, "only {edits} edits load");
    assert!(changed_seen > 30);
    // And between the two committed versions.
    let later = Briefing::load(NEW).expect("valid");
    assert_eq!(diff_says(&old, &later), reader_sees(&old, &later));
}

#[test]
fn an_added_optional_field_is_a_change_for_both() {
    let original = std::fs::read_to_string(OLD).expect("example");
    let old = Briefing::from_str(&original, "old").expect("valid");
    for (from, to) in [
        (
            "says = \"Bexia is open to other partners, so the old terms are in doubt.\"",
            "says = \"Bexia is open to other partners, so the old terms are in doubt.\"\ncredibility = 4",
        ),
        (
            "text = \"Bexia has more than one suitor.\"",
            "text = \"Bexia has more than one suitor.\"\ncontext = \"Analysis.\"",
        ),
        ("name = \"Arland\"", "name = \"Arland\"\nrole = \"Lessee\""),
    ] {
        let new = Briefing::from_str(&original.replacen(from, to, 1), "new").expect("valid");
        let (added, changed) = diff_says(&old, &new);
        assert_eq!((added.clone(), changed.clone()), reader_sees(&old, &new));
        assert_eq!(changed.len(), 1, "{to}");
    }
}
