//! Text typed and pasted: it lands in the text box that has the keys, or
//! nowhere, and is never taken for commands.

mod common;

use brief::tui::App;
use brief::tui::app::Overlay;
use brief::tui::config::Config;
use brief::tui::section::Section;
use brief::tui::theme::Theme;
use brief::tui::update;
use common::{app, press, type_text};
use crossterm::event::Event;

fn paste(app: &mut App, text: &str) {
    let _ = update::handle(app, Event::Paste(text.to_string()));
}

fn editing(app: &App) -> bool {
    matches!(&app.overlay, Some(Overlay::Note(editor)) if editor.confirm.is_none())
}

fn asking(app: &App) -> bool {
    matches!(&app.overlay, Some(Overlay::Note(editor)) if editor.confirm.is_some())
}

/// Every item's marks, to compare before and after.
fn marks(app: &App) -> Vec<String> {
    app.briefing
        .items
        .all()
        .map(|item| format!("{:?}", app.review.status(item)))
        .collect()
}

#[test]
fn blank_lines_are_text_and_ctrl_s_saves() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    type_text(&mut app, "Para one");
    press(&mut app, "enter enter");
    type_text(&mut app, "Para two");
    assert!(editing(&app), "Enter never saves");
    press(&mut app, "ctrl-s");
    assert!(app.overlay.is_none());
    let item = app.target().expect("an item");
    assert_eq!(app.review.note(item), Some("Para one\n\nPara two"));
}

#[test]
fn the_second_save_key_saves_too() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    type_text(&mut app, "x");
    press(&mut app, "alt-enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.review.note(app.target().expect("item")), Some("x"));
}

#[test]
fn a_pasted_note_is_text_not_commands() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    let before = marks(&app);
    paste(&mut app, "From the cable:\r\n\r\nxj!q");
    assert!(editing(&app));
    assert!(!app.should_quit);
    assert_eq!(app.section, Section::Issues);
    assert_eq!(marks(&app), before, "no mark changed");
    press(&mut app, "ctrl-s");
    let item = app.target().expect("item");
    assert_eq!(app.review.note(item), Some("From the cable:\n\nxj!q"));
    assert_eq!(app.list().selected, 0, "j did not move");
}

#[test]
fn a_paste_with_no_text_box_open_changes_nothing_and_says_so() {
    let mut app = app(120, 40);
    press(&mut app, "3");
    let before = marks(&app);
    paste(&mut app, "xj!q");
    assert_eq!(marks(&app), before);
    assert!(!app.should_quit);
    assert_eq!(app.list().selected, 0);
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("Nothing to paste into"), "{message}");
    assert!(message.contains("a writes a note"), "{message}");
}

#[test]
fn a_paste_into_the_search_prompt_is_one_line_of_query() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    paste(&mut app, "guardians\nof the blood");
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("searching")
    };
    assert_eq!(search.query.text(), "guardians of the blood");
    assert!(!search.hits.is_empty());
}

#[test]
fn esc_on_a_changed_note_asks_before_dropping_it() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    type_text(&mut app, "draft");
    press(&mut app, "esc");
    assert!(asking(&app), "a changed note asks");
    press(&mut app, "n");
    assert!(editing(&app), "n goes back to the note");
    type_text(&mut app, " two");
    press(&mut app, "esc y");
    assert!(app.overlay.is_none());
    assert_eq!(app.review.note(app.target().expect("item")), None);
    // An unchanged note closes at once.
    press(&mut app, "a esc");
    assert!(app.overlay.is_none());
}

#[test]
fn quitting_with_a_changed_note_asks_first() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    type_text(&mut app, "unsaved");
    press(&mut app, "ctrl-c");
    assert!(asking(&app) && !app.should_quit);
    press(&mut app, "y");
    assert!(app.should_quit);
}

#[test]
fn editing_keys_in_the_note_box() {
    let mut app = app(120, 40);
    press(&mut app, "3 a");
    type_text(&mut app, "one two three");
    press(&mut app, "ctrl-w");
    type_text(&mut app, "four");
    press(&mut app, "alt-b alt-b delete");
    press(&mut app, "ctrl-z ctrl-y home ctrl-k");
    type_text(&mut app, "q1 ");
    press(&mut app, "ctrl-s");
    assert_eq!(app.review.note(app.target().expect("item")), Some("q1"));
}

#[test]
fn a_key_named_in_a_message_is_the_users_key() {
    let mut config = Config::defaults();
    config
        .apply(
            "[keys.global]\nhelp = [\"f1\"]\nedit_note = [\"N\"]\n",
            "c.toml",
        )
        .expect("valid config");
    let briefing = common::default_briefing();
    let mut app = App::new(briefing, &config, Theme::default());
    app.relayout(120, 40);
    press(&mut app, "z");
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("f1 shows the keys"), "{message}");
    paste(&mut app, "text");
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("N writes a note"), "{message}");
}
