//! One test per class of error `brief check` reports, asserting the
//! message, line and column.

use brief::Briefing;
use brief::diagnostic::Report;

/// A small valid briefing that the tests below break one way at a time.
const VALID: &str = r#"format = 1

[briefing]
id = "t"
title = "Test"
as_of = 2025-07-31
summary = "One paragraph."

[[sources]]
id = "s1"
title = "Source one"

[[actors]]
id = "putin"
name = "Vladimir Putin"
kind = "person"
summary = "President of Russia."
sources = ["s1"]

[[issues]]
id = "bases"
title = "Russian bases"
summary = "Hmeimim and Tartus."
sources = ["s1"]

[[issues.positions]]
actor = "putin"
stance = "Keep them."
sources = ["s1"]

[[quotes]]
id = "q1"
text = "words"
source = "s1"
speaker = "putin"

[[events]]
id = "e1"
date = "2025-07"
title = "A meeting"
sources = ["s1"]

[[claims]]
id = "c1"
topic = "Where"

[[claims.versions]]
source = "s1"
says = "Here"

[[claims.versions]]
source = "s1"
says = "There"
"#;

fn report(text: &str) -> Report {
    match Briefing::from_str(text, "t.toml") {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(report) => report,
    }
}

/// (message, line, column) of every error.
fn errors(text: &str) -> Vec<(String, usize, usize)> {
    let report = report(text);
    report
        .errors()
        .map(|d| {
            let at = report.location(d).expect("every error has a place");
            (d.message.clone(), at.line, at.column)
        })
        .collect()
}

/// The one error `text` has.
fn only_error(text: &str) -> (String, usize, usize) {
    let all = errors(text);
    assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
    all.into_iter().next().expect("one error")
}

fn replace(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "fixture lacks {from:?}");
    VALID.replacen(from, to, 1)
}

fn rendered(text: &str) -> String {
    report(text).render()
}

#[test]
fn the_base_fixture_is_valid() {
    let briefing = Briefing::from_str(VALID, "t.toml").expect("valid");
    assert_eq!(briefing.quotes[0].speaker.as_deref(), Some("putin"));
}

#[test]
fn syntax_error() {
    let (message, line, column) = only_error(&replace("title = \"Test\"", "title = \"Test"));
    assert!(message.starts_with("TOML syntax: "), "{message}");
    assert_eq!((line, column), (5, 14));
}

#[test]
fn missing_required_field() {
    let (message, line, column) = only_error(&replace("name = \"Vladimir Putin\"\n", ""));
    assert_eq!(message, "actor `putin` is missing required field `name`");
    assert_eq!((line, column), (13, 1));
    assert!(
        rendered(&replace("name = \"Vladimir Putin\"\n", ""))
            .contains("help: add a line `name = \"…\"`")
    );
}

#[test]
fn wrong_type() {
    let (message, line, column) = only_error(&replace("title = \"Source one\"", "title = 12"));
    assert_eq!(
        message,
        "`title` in source `s1` must be a string, found an integer"
    );
    assert_eq!((line, column), (11, 9));
}

#[test]
fn unknown_field_is_reported_with_a_suggestion() {
    let text = replace("speaker = \"putin\"", "speeker = \"putin\"");
    let (message, line, column) = only_error(&text);
    assert_eq!(message, "unknown field `speeker` in quote `q1`");
    assert_eq!((line, column), (35, 1));
    assert!(rendered(&text).contains("help: did you mean `speaker`?"));
}

#[test]
fn duplicate_id_points_at_both_definitions() {
    let text = replace("id = \"e1\"", "id = \"q1\"");
    let (message, line, column) = only_error(&text);
    assert_eq!(message, "duplicate id `q1`");
    assert_eq!((line, column), (38, 6));
    let shown = rendered(&text);
    assert!(shown.contains("first defined here (a quote)"), "{shown}");
    assert!(shown.contains("::: t.toml:32:6"), "{shown}");
}

#[test]
fn reference_to_a_missing_id_suggests_the_closest() {
    let text = replace("speaker = \"putin\"", "speaker = \"puttin\"");
    let (message, line, column) = only_error(&text);
    assert_eq!(
        message,
        "`speaker` of quote `q1` names `puttin`, but no item has that id"
    );
    assert_eq!((line, column), (35, 11));
    assert!(rendered(&text).contains("did you mean `putin`?"));
}

#[test]
fn reference_to_the_wrong_kind() {
    let (message, line, column) =
        only_error(&replace("speaker = \"putin\"", "speaker = \"bases\""));
    assert_eq!(
        message,
        "`speaker` of quote `q1` names `bases`, which is an issue, not an actor"
    );
    assert_eq!((line, column), (35, 11));
}

#[test]
fn empty_required_text() {
    let (message, line, column) =
        only_error(&replace("stance = \"Keep them.\"", "stance = \"  \""));
    assert_eq!(message, "`stance` in a position on issue `bases` is empty");
    assert_eq!((line, column), (28, 10));
}

#[test]
fn bad_dates() {
    let (message, line, column) =
        only_error(&replace("date = \"2025-07\"", "date = \"2025-02-30\""));
    assert!(
        message.starts_with("bad date in `date` of event `e1`"),
        "{message}"
    );
    assert_eq!((line, column), (39, 8));
    let (message, ..) = only_error(&replace(
        "as_of = 2025-07-31",
        "as_of = 2025-07-31T10:00:00",
    ));
    assert!(message.contains("has a time of day"), "{message}");
    let (message, ..) = only_error(&replace("date = \"2025-07\"", "date = \"July 2025\""));
    assert!(message.contains("YYYY, YYYY-MM or YYYY-MM-DD"), "{message}");
}

#[test]
fn bad_id() {
    let text = replace("id = \"e1\"", "id = \"Event One\"");
    let (message, line, column) = only_error(&text);
    assert_eq!(message, "bad id `Event One`");
    assert_eq!((line, column), (38, 6));
    assert!(rendered(&text).contains("try `event-one`"));
}

#[test]
fn bad_reliability_grade() {
    let (message, line, column) = only_error(&replace(
        "title = \"Source one\"",
        "title = \"Source one\"\nreliability = \"G\"",
    ));
    assert_eq!(message, "bad reliability grade `G`");
    assert_eq!((line, column), (12, 15));
}

#[test]
fn claim_with_fewer_than_two_versions() {
    let text = replace(
        "\n[[claims.versions]]\nsource = \"s1\"\nsays = \"There\"\n",
        "\n",
    );
    let (message, line, column) = only_error(&text);
    assert_eq!(
        message,
        "claim `c1` has 1 version; a claim needs at least two"
    );
    assert_eq!((line, column), (43, 1));
}

#[test]
fn missing_and_newer_format() {
    let (message, line, column) = only_error(&replace("format = 1\n", ""));
    assert_eq!(message, "the file does not say which briefing format it is");
    assert_eq!((line, column), (1, 1));
    let (message, line, column) = only_error(&replace("format = 1", "format = 3"));
    assert_eq!(
        message,
        "this briefing needs a newer brief (format 3, this brief reads 1)"
    );
    assert_eq!((line, column), (1, 10));
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = replace("speaker = \"putin\"", "speeker = \"putin\"")
        .replace("kind = \"person\"", "kind = \"persn\"")
        .replace("date = \"2025-07\"", "date = \"2025-7\"");
    let found = errors(&text);
    let lines: Vec<usize> = found.iter().map(|e| e.1).collect();
    assert_eq!(lines, [16, 35, 39], "{found:#?}");
    assert!(rendered(&text).contains("did you mean `person`?"));
}

#[test]
fn a_source_nobody_cites_is_a_warning_not_an_error() {
    let text = replace(
        "[[actors]]",
        "[[sources]]\nid = \"s2\"\ntitle = \"Unused\"\n\n[[actors]]",
    );
    let checked = brief::load::check_str(&text, "t.toml");
    assert!(checked.briefing.is_some());
    assert!(!checked.report.has_errors());
    let warning = &checked.report.diagnostics[0];
    assert_eq!(warning.message, "source `s2` is never cited");
}

#[test]
fn two_positions_of_one_actor_on_an_issue() {
    let text = replace(
        "[[quotes]]",
        "[[issues.positions]]\nactor = \"putin\"\nstance = \"Again.\"\nsources = [\"s1\"]\n\n[[quotes]]",
    );
    let (message, line, _) = only_error(&text);
    assert_eq!(message, "actor `putin` has two positions on issue `bases`");
    assert_eq!(line, 31);
}

#[test]
fn hostile_text_in_errors_is_escaped() {
    let text = replace(
        "title = \"Source one\"",
        "title = 1\n\"\u{1b}]52;c;aGk=\u{7}\u{9b}2J\" = \"x\"",
    );
    let shown = rendered(&text);
    assert!(
        !shown
            .chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{9b}'),
        "{shown:?}"
    );
    assert!(
        shown.contains("\\u{1b}]52;c;aGk=\\u{7}\\u{9b}2J"),
        "{shown}"
    );
}

#[test]
fn an_id_longer_than_a_file_name_allows_is_an_error() {
    let long = "q".repeat(300);
    let (message, line, column) = only_error(&replace("id = \"q1\"", &format!("id = \"{long}\"")));
    assert!(
        message.contains("too long") && message.contains("300 bytes"),
        "{message}"
    );
    assert!(
        message.len() < 200,
        "the message shows the id cut: {message}"
    );
    assert_eq!((line, column), (32, 6));
    let (message, line, _) = only_error(&replace("id = \"t\"", &format!("id = \"{long}\"")));
    assert!(message.contains("too long"), "{message}");
    assert_eq!(line, 4);
    // 128 bytes is fine.
    let ok = "q".repeat(128);
    Briefing::from_str(&replace("id = \"q1\"", &format!("id = \"{ok}\"")), "t.toml")
        .expect("an id of 128 bytes is valid");
}

/// Suggestions for a broken reference cost little whatever the ids' length
/// (a 50,000-character id beside a near miss took seconds per reference).
#[test]
fn suggestions_for_very_long_ids_are_quick() {
    let long = "a".repeat(50_000);
    let mut text = VALID.to_string();
    for n in 0..8 {
        text.push_str(&format!(
            "\n[[actors]]\nid = \"{long}{n}\"\nname = \"n\"\nkind = \"person\"\nsummary = \"s\"\nsources = [\"s1\"]\n\n[[quotes]]\nid = \"x{n}\"\ntext = \"t\"\nsource = \"s1\"\nspeaker = \"{long}{n}b\"\n"
        ));
    }
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(errors(&text));
    });
    let all = result
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the check ends quickly");
    assert!(all.iter().all(|(m, ..)| m.len() < 300), "{all:?}");
    assert_eq!(
        all.iter().filter(|(m, ..)| m.contains("too long")).count(),
        8
    );
}

#[test]
fn credibility_is_an_admiralty_grade_from_1_to_6() {
    let ok = replace(
        "speaker = \"putin\"\n",
        "speaker = \"putin\"\ncredibility = 2\n",
    );
    let b = Briefing::from_str(&ok, "t.toml").expect("valid");
    assert_eq!(b.quotes[0].credibility, Some(2));
    let (message, line, column) = only_error(&replace(
        "speaker = \"putin\"\n",
        "speaker = \"putin\"\ncredibility = 7\n",
    ));
    assert_eq!(message, "bad credibility grade `7`");
    assert_eq!((line, column), (36, 15));
    let (message, _, _) = only_error(&replace(
        "says = \"Here\"\n",
        "says = \"Here\"\ncredibility = \"2\"\n",
    ));
    assert_eq!(
        message,
        "`credibility` in a version of claim `c1` must be an integer, found a string"
    );
    let (message, _, _) = only_error(&replace(
        "says = \"Here\"\n",
        "says = \"Here\"\ncredibility = 99999999999999999999\n",
    ));
    assert!(message.starts_with("bad credibility grade"), "{message}");
}

#[test]
fn likelihood_is_a_term_of_the_icd_203_scale() {
    let judgment = |likelihood: &str| {
        replace(
            "summary = \"One paragraph.\"\n",
            &format!(
                "summary = \"One paragraph.\"\nkey_judgments = [{{ text = \"It will rain.\", likelihood = \"{likelihood}\" }}]\n"
            ),
        )
    };
    let b = Briefing::from_str(&judgment("very likely"), "t.toml").expect("valid");
    assert_eq!(
        b.meta.key_judgments[0].likelihood,
        Some(brief::model::Likelihood::VeryLikely)
    );
    let (message, line, _) = only_error(&judgment("probable"));
    assert_eq!(
        (message.as_str(), line),
        ("unknown likelihood `probable`", 8)
    );
    assert!(
        rendered(&judgment("probable")).contains("write `likely`, the scale's term for probable")
    );
    assert!(rendered(&judgment("likley")).contains("did you mean `likely`?"));
}

#[test]
fn lint_allow_names_lints_that_apply_where_it_is() {
    let ok = replace(
        "speaker = \"putin\"\n",
        "speaker = \"putin\"\nlint_allow = [\"quote-without-context\", \"unlinked-item\"]\n",
    );
    let b = Briefing::from_str(&ok, "t.toml").expect("valid");
    assert_eq!(b.quotes[0].lint_allow.len(), 2);
    let (message, line, column) = only_error(&replace(
        "speaker = \"putin\"\n",
        "speaker = \"putin\"\nlint_allow = [\"quote-without-contxt\"]\n",
    ));
    assert_eq!(message, "unknown lint `quote-without-contxt`");
    assert_eq!((line, column), (36, 15));
    let (message, _, _) = only_error(&replace(
        "speaker = \"putin\"\n",
        "speaker = \"putin\"\nlint_allow = [\"vague-hedge\"]\n",
    ));
    assert_eq!(message, "lint `vague-hedge` is never reported for a quote");
    // The whole file may allow any lint.
    let file = replace(
        "summary = \"One paragraph.\"\n",
        "summary = \"One paragraph.\"\nlint_allow = [\"vague-hedge\", \"unlinked-item\"]\n",
    );
    let b = Briefing::from_str(&file, "t.toml").expect("valid");
    assert_eq!(b.meta.lint_allow.len(), 2);
    // Sources and positions have no lint to allow.
    let (message, _, _) = only_error(&replace(
        "title = \"Source one\"\n",
        "title = \"Source one\"\nlint_allow = [\"unlinked-item\"]\n",
    ));
    assert_eq!(message, "unknown field `lint_allow` in source `s1`");
}
