//! Review sessions in the reader: marks, notes, undo, progress, changed
//! since the last review, orphaned notes, reopening where one left off, and
//! reloading.

mod common;

use brief::Briefing;
use brief::model::ItemRef;
use brief::review::{Review, Store};
use brief::tui::app::Overlay;
use brief::tui::section::Section;
use common::{app, app_with, press, reopened, screen};

fn example() -> Briefing {
    Briefing::load("briefings/example.toml").expect("example")
}

#[test]
fn marks_toggle_and_undo_several_levels() {
    let mut app = app(120, 40);
    press(&mut app, "4 x j ! j x !");
    let q = |i| ItemRef::Quote(i);
    assert!(app.review.status(q(0)).reviewed);
    assert!(app.review.status(q(1)).flagged);
    assert!(app.review.status(q(2)).reviewed && app.review.status(q(2)).flagged);
    assert_eq!(app.progress.all.reviewed, 2);
    assert_eq!(app.progress.sections[Section::Quotes].flagged, 2);
    press(&mut app, "u u");
    assert!(!app.review.status(q(2)).reviewed && !app.review.status(q(2)).flagged);
    press(&mut app, "u u");
    assert!(!app.review.status(q(0)).reviewed && !app.review.status(q(1)).flagged);
    press(&mut app, "u");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m == "Nothing to undo")
    );
    assert!(screen(&app).contains("Reviewed 0/"));
}

#[test]
fn undo_restores_an_edited_note() {
    let mut app = app(120, 40);
    press(
        &mut app,
        "4 a text:first ctrl-s a backspace backspace backspace backspace backspace text:second ctrl-s",
    );
    let item = app.target().expect("item");
    assert_eq!(app.review.note(item), Some("second"));
    press(&mut app, "u");
    assert_eq!(app.review.note(item), Some("first"));
    press(&mut app, "a text:xyz esc y");
    assert_eq!(
        app.review.note(item),
        Some("first"),
        "esc, then y, drops the edit"
    );
}

#[test]
fn stepping_to_the_next_unreviewed_item() {
    let mut app = app(120, 40);
    press(&mut app, "2 x j x j x g");
    press(&mut app, "}");
    assert_eq!(app.list().selected, 3, "skips the three reviewed");
    press(&mut app, "{");
    assert_eq!(
        app.list().selected,
        app.list().rows.len() - 1,
        "wraps backwards"
    );
}

#[test]
fn changed_and_new_items_since_the_last_review() {
    let old = example();
    let text = std::fs::read_to_string("briefings/example.toml").expect("read");
    let edited = text
        .replace(
            "Says every term is open to review.",
            "Says most terms are open to review.",
        )
        .replace(
            "[[claims]]",
            "[[quotes]]\nid = \"q-new\"\ntext = \"new words\"\nsource = \"courier\"\n\n[[claims]]",
        );
    let new = Briefing::from_str(&edited, "edited.toml").expect("valid");

    // A first session on the old version: review the position, note an item.
    let mut first = app_with(old, 120, 40);
    press(&mut first, "3 l j j enter x");
    let position_id = "corvo-lease/mira-holt";
    assert!(
        first
            .review
            .review
            .mark(position_id)
            .is_some_and(|m| m.reviewed.is_some())
    );
    let saved = first.review.review.clone();

    let mut second = reopened(new, saved, None, 120, 40);
    let position = second
        .briefing
        .get("corvo-lease")
        .and_then(|_| {
            second.briefing.issues[0]
                .positions
                .iter()
                .position(|p| p.actor == "mira-holt")
                .map(|p| ItemRef::Position {
                    issue: 0,
                    position: p,
                })
        })
        .expect("position");
    let status = second.review.status(position);
    assert!(
        status.changed && status.stale && status.reviewed,
        "{status:?}"
    );
    let new_quote = match second.briefing.get("q-new") {
        Some(item) => item,
        None => panic!("q-new"),
    };
    assert!(second.review.status(new_quote).new);
    assert_eq!(second.progress.all.changed, 1);
    assert_eq!(second.progress.all.new, 1);
    press(&mut second, "4 c");
    assert_eq!(second.list().rows.len(), 1, "only the new quote is listed");
    press(&mut second, "c");
    assert_eq!(second.list().rows.len(), second.briefing.quotes.len());
}

#[test]
fn notes_on_items_that_disappeared_are_kept_as_orphans() {
    let mut review = Review::new("example-corvo");
    review.apply(&brief::review::Change::Note {
        item: "gone-item".into(),
        before: None,
        after: Some("still here".into()),
    });
    let mut app = reopened(example(), review, None, 120, 60);
    press(&mut app, "1");
    let shown = screen(&app);
    assert!(
        app.detail
            .lines
            .iter()
            .any(|l| l.to_string().contains("Orphaned notes")),
        "{shown}"
    );
    assert!(
        app.detail
            .lines
            .iter()
            .any(|l| l.to_string().contains("still here"))
    );
    assert!(app.review.review.mark("gone-item").is_some());
}

#[test]
fn marks_persist_and_the_reader_reopens_where_it_left_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "example-corvo");
    let review = store.load().expect("load").review;
    let mut app = reopened(example(), review, Some(store.clone()), 120, 40);
    press(&mut app, "4 j x a text:kept ctrl-s 2 j q");
    assert!(app.should_quit);
    let saved = store.load().expect("load").review;
    assert_eq!(
        saved
            .mark("q-courier-options")
            .and_then(|m| m.note.as_deref()),
        Some("kept")
    );

    let again = reopened(example(), saved, Some(store), 120, 40);
    assert_eq!(again.section, Section::Actors);
    assert_eq!(again.selected_item(), Some(ItemRef::Actor(1)));
}

#[test]
fn quitting_with_unsaved_changes_warns_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file where the data directory should be: every save fails.
    let blocked = dir.path().join("reviews");
    std::fs::write(&blocked, "not a directory").expect("write");
    let mut app = reopened(
        example(),
        Review::new("example-corvo"),
        Some(Store::new(&blocked, "example-corvo")),
        120,
        40,
    );
    press(&mut app, "4 x");
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.starts_with("Not saved"), "{message}");
    assert!(
        app.review.status(ItemRef::Quote(0)).reviewed,
        "kept in memory"
    );
    press(&mut app, "q");
    assert!(!app.should_quit);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("not saved"))
    );
    press(&mut app, "q");
    assert!(app.should_quit);
}

#[test]
fn reload_keeps_the_selection_and_shows_errors_over_the_last_good_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.toml");
    let text = std::fs::read_to_string("briefings/example.toml").expect("read");
    std::fs::write(&path, &text).expect("write");
    let mut app = app_with(Briefing::load(&path).expect("valid"), 120, 40);
    app.source = Some(path.clone());
    press(&mut app, "2 j");
    std::fs::write(
        &path,
        text.replace(
            "[[actors]]\nid = \"arland\"",
            "[[actors]]\nid = \"arland\"\n# moved down a line\n",
        )
        .replace("Mira Holt", "Mira Holt-Renard"),
    )
    .expect("write");
    press(&mut app, "r");
    assert_eq!(app.selected_item(), Some(ItemRef::Actor(1)));
    press(&mut app, "j");
    assert!(screen(&app).contains("Mira Holt-Renard"));
    std::fs::write(&path, "format = 1\n[briefing]\nid = \"x\"\n").expect("write");
    press(&mut app, "r");
    let Some(Overlay::Errors { text, .. }) = &app.overlay else {
        panic!("errors panel")
    };
    assert!(text.contains("b.toml:2:1: error:"), "{text}");
    assert!(
        app.briefing.actor("mira-holt").is_some(),
        "the last good version stays"
    );
}
