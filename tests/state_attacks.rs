//! The review state against careless and hostile use: two windows on one
//! note, a file damaged or replaced while the reader runs, files too large,
//! from a newer brief, links, FIFOs and leftovers, and a briefing whose id
//! changes. Each test is the reproduction of a failure once found.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use brief::Briefing;
use brief::review::{CONFLICT_MARKER, Change, Review, Store};
use brief::tui::App;
use brief::tui::app::MessageKind;
use common::{default_briefing, press, reopened, type_text};

const ID: &str = "syria-russia-2025";

/// The reader as it opens with the state kept in `dir`.
fn reader(dir: &Path) -> App {
    let store = Store::new(dir, ID);
    let review = store.load().expect("load").review;
    reopened(default_briefing(), review, Some(store), 120, 40)
}

fn saved(dir: &Path) -> Review {
    Store::new(dir, ID).load().expect("load").review
}

fn note(review: &Review, item: &str) -> String {
    review
        .mark(item)
        .and_then(|m| m.note.clone())
        .unwrap_or_default()
}

fn message(app: &App) -> String {
    app.message.clone().map(|(m, _)| m).unwrap_or_default()
}

#[test]
fn two_windows_writing_one_note_in_turn_grow_it_by_what_was_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, mut b) = (reader(dir.path()), reader(dir.path()));
    for app in [&mut a, &mut b] {
        press(app, "3");
    }
    for round in 0..8 {
        for (app, who) in [(&mut a, "a"), (&mut b, "b")] {
            press(app, "a ctrl-end enter");
            type_text(app, &format!("{who}{round}"));
            press(app, "ctrl-s");
        }
    }
    let text = note(&saved(dir.path()), "bases");
    assert!(!text.contains(CONFLICT_MARKER), "{text}");
    let words: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(words.len(), 16, "{text}");
    for round in 0..8 {
        for who in ["a", "b"] {
            assert_eq!(
                words
                    .iter()
                    .filter(|w| **w == format!("{who}{round}"))
                    .count(),
                1
            );
        }
    }
}

#[test]
fn a_real_conflict_keeps_each_version_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut a, mut b) = (reader(dir.path()), reader(dir.path()));
    press(&mut a, "3 a");
    type_text(&mut a, "base");
    press(&mut a, "ctrl-s");
    // Both open the note on "base", then both change it.
    press(&mut a, "a");
    press(&mut b, "3 a");
    type_text(&mut a, " from a");
    type_text(&mut b, " from b");
    press(&mut a, "ctrl-s");
    press(&mut b, "ctrl-s");
    let text = note(&saved(dir.path()), "bases");
    assert_eq!(text.matches(CONFLICT_MARKER).count(), 1, "{text}");
    assert_eq!(
        text.matches("base").count(),
        1,
        "the common start once: {text}"
    );
    assert!(text.contains("from a") && text.contains("from b"), "{text}");
    // The next edit opens on the merged note and adds to it, no more.
    let before = text.len();
    press(&mut a, "a ctrl-end");
    type_text(&mut a, " later");
    press(&mut a, "ctrl-s");
    let text = note(&saved(dir.path()), "bases");
    assert_eq!(text.len(), before + " later".len(), "{text}");
}

#[test]
fn a_state_damaged_while_the_reader_runs_keeps_every_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = reader(dir.path());
    press(&mut app, "2 x j x j x a");
    type_text(&mut app, "kept");
    press(&mut app, "ctrl-s");
    let path = Store::new(dir.path(), ID).path();
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("x = =\n");
    std::fs::write(&path, text).expect("damage");
    press(&mut app, "j x");
    assert!(message(&app).contains("moved to"), "{}", message(&app));
    assert!(message(&app).contains("written back"), "{}", message(&app));
    assert_eq!(app.progress.all.reviewed, 4, "in memory");
    let review = saved(dir.path());
    let reviewed = review
        .items
        .values()
        .filter(|m| m.reviewed.is_some())
        .count();
    assert_eq!(reviewed, 4, "on disk");
    assert_eq!(
        review
            .items
            .values()
            .filter_map(|m| m.note.as_deref())
            .collect::<Vec<_>>(),
        ["kept"]
    );
    let aside = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
        .count();
    assert_eq!(aside, 1, "the damaged file is kept aside");
}

#[test]
fn a_huge_state_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = Store::new(dir.path(), ID).path();
    std::fs::File::create(&path)
        .expect("create")
        .set_len(30 << 30)
        .expect("a sparse 30 GiB state");
    let error = Store::new(dir.path(), ID).load().expect_err("refused");
    assert!(
        error.to_string().contains("over the limit of 256 MiB"),
        "{error}"
    );
    assert_eq!(
        std::fs::metadata(&path).expect("still there").len(),
        30 << 30
    );
    // Export goes on without it, and says why.
    let home = tempfile::tempdir().expect("home");
    let reviews = home.path().join("data/brief/reviews");
    std::fs::create_dir_all(&reviews).expect("mkdir");
    std::fs::File::create(reviews.join(format!("{ID}.toml")))
        .expect("create")
        .set_len(30 << 30)
        .expect("sparse");
    let out = common_isolated::brief(home.path())
        .args(["export"])
        .output()
        .expect("export runs");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("over the limit"), "{err}");
}

#[path = "common/isolated.rs"]
mod common_isolated;

#[test]
fn a_state_from_a_newer_brief_is_shown_read_only_and_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = Store::new(dir.path(), ID).path();
    let newer = format!(
        "version = 9\nbriefing = \"{ID}\"\nsomething_new = true\n[items.bases]\nflagged = true\nnote = \"from the future\"\n"
    );
    std::fs::write(&path, &newer).expect("write");
    let store = Store::new(dir.path(), ID);
    let loaded = store.load().expect("load");
    let why = loaded.read_only.clone().expect("read-only");
    let session = brief::tui::review::Session::new(&default_briefing(), loaded.review, Some(store))
        .read_only(Some(why));
    let config = brief::tui::config::Config::defaults();
    let mut app = App::assemble(
        default_briefing(),
        Default::default(),
        session,
        &config,
        brief::tui::theme::Theme::default(),
        (120, 40),
    );
    press(&mut app, "3");
    let bases = app.selected_item().expect("the bases issue");
    assert!(app.review.status(bases).flagged, "its marks are shown");
    press(&mut app, "x");
    assert!(message(&app).contains("newer brief"), "{}", message(&app));
    assert!(matches!(app.message, Some((_, MessageKind::Error))));
    press(&mut app, "q");
    assert!(!app.should_quit, "quitting warns first");
    press(&mut app, "q");
    assert!(app.should_quit);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        newer,
        "untouched"
    );
}

#[test]
fn a_symlinked_state_is_written_through_and_a_symlinked_lock_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let target = elsewhere.path().join("synced-state.toml");
    Store::new(elsewhere.path(), "x").commit(&[]).ok();
    std::fs::write(&target, format!("version = 1\nbriefing = \"{ID}\"\n")).expect("write");
    let store = Store::new(dir.path(), ID);
    std::os::unix::fs::symlink(&target, store.path()).expect("symlink");
    store
        .commit(&[Change::Flagged {
            item: "bases".into(),
            on: true,
        }])
        .expect("saved");
    let link = std::fs::symlink_metadata(store.path()).expect("link");
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .contains("flagged = true")
    );

    // A lock file that points outside the folder is not followed.
    let other = tempfile::tempdir().expect("other");
    let outside = other.path().join("created-outside");
    let store = Store::new(other.path().join("reviews"), "b");
    std::fs::create_dir_all(other.path().join("reviews")).expect("mkdir");
    std::os::unix::fs::symlink(&outside, other.path().join("reviews/b.lock")).expect("symlink");
    let error = store.load().expect_err("refused");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert!(!outside.exists(), "no file was created outside the folder");
}

#[test]
fn a_state_that_is_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), ID);
    let status = std::process::Command::new("mkfifo")
        .arg(store.path())
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(store.load().map(|_| ()).map_err(|e| e.to_string()));
    });
    let outcome = result
        .recv_timeout(Duration::from_secs(10))
        .expect("no hang");
    let error = outcome.expect_err("refused");
    assert!(error.contains("a FIFO"), "{error}");
}

#[test]
fn leftovers_of_killed_readers_are_removed_on_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = SystemTime::now() - Duration::from_secs(3600);
    // A temporary file of a process that is gone (no pid is this high).
    let leftover = dir.path().join(".brief-4194399-x1Yz.tmp");
    let file = std::fs::File::create(&leftover).expect("create");
    file.set_modified(old).expect("age");
    Store::new(dir.path(), ID).load().expect("load");
    assert!(!leftover.exists());
}

#[test]
fn a_briefing_whose_id_changes_on_reload_takes_its_marks_along() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = tempfile::tempdir().expect("files");
    let file = files.path().join("b.toml");
    let text = std::fs::read_to_string("briefings/example.toml").expect("example");
    std::fs::write(&file, &text).expect("write");
    let store = Store::new(dir.path(), "example-corvo");
    let review = store.load().expect("load").review;
    let briefing = Briefing::load(&file).expect("valid");
    let mut app = reopened(briefing, review, Some(store), 120, 40);
    app.source = Some(file.clone());
    press(&mut app, "2 x");
    std::fs::write(
        &file,
        text.replace("id = \"example-corvo\"", "id = \"corvo-2\""),
    )
    .expect("write");
    press(&mut app, "r");
    assert!(message(&app).contains("`corvo-2`"), "{}", message(&app));
    assert!(message(&app).contains("moved with it"), "{}", message(&app));
    press(&mut app, "j x");
    let new = Store::new(dir.path(), "corvo-2")
        .load()
        .expect("load")
        .review;
    assert_eq!(
        new.items.values().filter(|m| m.reviewed.is_some()).count(),
        2
    );
    let old = Store::new(dir.path(), "example-corvo")
        .load()
        .expect("load")
        .review;
    assert_eq!(
        old.items.values().filter(|m| m.reviewed.is_some()).count(),
        1,
        "kept as it was"
    );
}

/// A folder the reader cannot write: the marks in it are shown, read-only.
/// Root ignores permission bits, so as root the reader runs as `nobody`.
#[test]
fn a_read_only_data_directory_shows_its_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    store
        .commit(&[
            Change::Flagged {
                item: "a".into(),
                on: true,
            },
            Change::Note {
                item: "c".into(),
                before: None,
                after: Some("kept".into()),
            },
        ])
        .expect("save");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let writable = std::fs::File::create(dir.path().join("probe")).is_ok();
    if writable {
        // Root: the same check is made in a real terminal as `nobody` by
        // tests/faults.rs; here, the lock cannot be taken on a read-only file.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        return;
    }
    let loaded = store.load().expect("readable");
    assert!(loaded.read_only.is_some());
    assert_eq!(loaded.review.items.len(), 2);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
}
