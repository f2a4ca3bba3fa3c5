//! Whatever is pasted lands as text in the box that has the keys: it never
//! marks, moves or quits, and the note saved is the paste, cleaned.

mod common;

use brief::tui::App;
use brief::tui::app::Overlay;
use brief::tui::textbox::clean_input;
use brief::tui::update;
use common::{app, cases, press};
use crossterm::event::Event;
use proptest::prelude::*;

fn marks(app: &App) -> Vec<String> {
    app.briefing
        .items
        .all()
        .map(|item| format!("{:?}", app.review.status(item)))
        .collect()
}

/// Text as terminals paste it: commands' letters, line ends of every kind,
/// blank lines, controls and escape sequences, wide and combining text.
fn pasted() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("xj!q".to_string()),
        Just("\n".to_string()),
        Just("\r\n\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("\u{1b}[201~".to_string()),
        Just("\u{1b}]52;c;eA==\u{7}".to_string()),
        Just("\u{202e}\u{200b}\u{9b}".to_string()),
        Just("ctrl-s".to_string()),
        "[a-zA-Z0-9 ,.!?/]{1,12}",
        "[\\u{0}-\\u{1f}]{1,3}",
        "[東京都Erdoğan👩‍💻é]{1,4}",
    ];
    prop::collection::vec(piece, 1..20).prop_map(|parts| parts.concat())
}

fn paste(app: &mut App, text: &str) {
    let _ = update::handle(app, Event::Paste(text.to_string()));
}

fn check(text: &str, into_note: bool) -> Result<(), TestCaseError> {
    let mut app = app(80, 24);
    press(&mut app, if into_note { "3 a" } else { "3 /" });
    let before = marks(&app);
    paste(&mut app, text);
    prop_assert_eq!(marks(&app), before.clone());
    prop_assert!(!app.should_quit);
    prop_assert_eq!(app.section, brief::tui::section::Section::Issues);
    prop_assert_eq!(app.list().selected, 0);
    if into_note {
        prop_assert!(matches!(app.overlay, Some(Overlay::Note(_))));
        press(&mut app, "ctrl-s");
        let item = app.target().expect("an item");
        let cleaned = clean_input(text, false);
        let expected = (!cleaned.trim().is_empty()).then(|| cleaned.trim_end().to_string());
        prop_assert_eq!(app.review.note(item).map(str::to_string), expected);
    } else {
        let Some(Overlay::Search(search)) = &app.overlay else {
            return Err(TestCaseError::fail("the prompt closed"));
        };
        prop_assert_eq!(search.query.text(), clean_input(text, true));
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn a_paste_into_a_note_is_the_note(text in pasted()) {
        check(&text, true)?;
    }

    #[test]
    fn a_paste_into_the_search_prompt_is_the_query(text in pasted()) {
        check(&text, false)?;
    }
}

#[test]
fn a_megabyte_paste_is_the_note() {
    let text: String = (0..120_000).map(|n| format!("xj!q{n}\n")).collect();
    assert!(text.len() > 1_000_000);
    let text = &text[..1_000_000];
    check(text, true).expect("the paste is the note");
}
