//! Faults: signals while the reader runs and while it saves, a second
//! reader saving at the same time, damaged and read-only state files, a
//! full disk, a data directory that cannot exist, and the briefing file
//! deleted or replaced while open. The end-to-end cases run the real binary
//! in a pseudo-terminal (tests/common/pty.rs); see docs/RELIABILITY.md.

#[path = "common/isolated.rs"]
mod isolated;

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::fs;
use std::path::Path;
use std::time::Duration;

use brief::Briefing;
use brief::review::{Review, Store};
use brief::tui::app::{MessageKind, Overlay};
use common::{app_with, press, screen};
use pty::{Tui, state_file};

const ID: &str = "syria-russia-2025";

/// The state file as saved, parsed: it must always be whole.
fn saved(home: &Path) -> Review {
    let text = fs::read_to_string(state_file(home, ID)).expect("a state file");
    Review::from_toml(&text).unwrap_or_else(|why| panic!("a torn state file ({why}):\n{text}"))
}

fn reviewed(review: &Review) -> usize {
    review
        .items
        .values()
        .filter(|m| m.reviewed.is_some())
        .count()
}

fn flagged(review: &Review) -> usize {
    review.items.values().filter(|m| m.flagged).count()
}

/// Files in the state directory whose names contain `part`.
fn state_files_named(home: &Path, part: &str) -> Vec<std::path::PathBuf> {
    let dir = state_file(home, ID)
        .parent()
        .expect("a directory")
        .to_path_buf();
    let mut found: Vec<_> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains(part))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The reader on the default briefing, started in `home`, on its first screen.
fn reader(home: &Path) -> Tui {
    let tui = Tui::start_at(home, &[], 120, 40, &[]);
    tui.wait_for("Damascus and Moscow after Assad");
    tui
}

/// Opens the reader in `home`, marks two quotes, quits; returns the path
/// of the state file that holds the marks.
fn saved_with_two_marks(home: &Path) -> std::path::PathBuf {
    let mut tui = reader(home);
    mark_two(&tui);
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    state_file(home, ID)
}

/// Quits with changes that could not be saved: the first `q` warns, the
/// second quits, and the terminal is restored.
fn quit_past_the_unsaved_warning(mut tui: Tui) {
    tui.press("q");
    tui.wait_for("not saved");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}

/// Marks the first quote reviewed and flags the second.
fn mark_two(tui: &Tui) {
    tui.press("4");
    tui.press("x");
    tui.wait_for("Marked reviewed");
    tui.press("j");
    tui.press("!");
    tui.wait_for("Flagged");
}

fn signal_while_reading(signal: &str, code: u32) {
    let home = tempfile::tempdir().expect("home");
    let mut tui = reader(home.path());
    mark_two(&tui);
    tui.kill(signal);
    let status = tui.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (code, None),
        "SIG{signal}: {status}"
    );
    tui.assert_restored();
    let review = saved(home.path());
    assert_eq!((reviewed(&review), flagged(&review)), (1, 1), "{review:?}");
}

#[test]
fn sigterm_while_reading_exits_143_with_the_terminal_and_state_intact() {
    signal_while_reading("TERM", 143);
}

#[test]
fn sighup_while_reading_exits_129_with_the_terminal_and_state_intact() {
    signal_while_reading("HUP", 129);
}

/// Holds the review state's lock, as another reader in the middle of a save
/// does, so that this reader's save waits for it.
fn hold_lock(home: &Path) -> fs::File {
    let lock = state_file(home, ID).with_extension("lock");
    let file = fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock)
        .expect("the lock file");
    file.lock().expect("lock");
    file
}

/// Waits until `pid` is blocked waiting for a file lock (a `->` line of
/// /proc/locks), so that a test knows a save is in progress.
fn wait_blocked_on_lock(pid: u32) {
    let deadline = std::time::Instant::now() + pty::TIMEOUT;
    loop {
        let locks = fs::read_to_string("/proc/locks").unwrap_or_default();
        let waiting = locks.lines().any(|line| {
            line.contains("->") && line.split_whitespace().any(|w| w == pid.to_string())
        });
        if waiting {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "brief {pid} never waited for the lock:\n{locks}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `signal` while a save waits for the lock, and releases the lock
/// `hold` later.
fn signal_while_saving(signal: &str, code: u32, hold: Duration) {
    let home = tempfile::tempdir().expect("home");
    let mut tui = reader(home.path());
    tui.press("4");
    let lock = hold_lock(home.path());
    // The save starts and waits for the lock; the signal arrives meanwhile.
    tui.send("x");
    wait_blocked_on_lock(tui.pid());
    tui.kill(signal);
    std::thread::sleep(hold);
    assert!(
        tui.try_exit().is_none(),
        "brief left in the middle of a save"
    );
    drop(lock);
    let status = tui.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (code, None),
        "SIG{signal} during a save: {status}"
    );
    tui.assert_restored();
    assert_eq!(
        reviewed(&saved(home.path())),
        1,
        "the save finished before the exit"
    );
    assert!(state_files_named(home.path(), ".brief-").is_empty());
}

#[test]
fn sigterm_while_saving_finishes_the_save_then_exits_143() {
    signal_while_saving("TERM", 143, Duration::from_millis(300));
}

#[test]
fn sighup_while_saving_finishes_the_save_then_exits_129() {
    signal_while_saving("HUP", 129, Duration::from_millis(300));
}

/// Another reader may hold the lock for a while (a large state, a slow
/// disk); a save that waits for it must still finish before the exit.
#[test]
fn sigterm_during_a_slow_save_finishes_the_save_then_exits_143() {
    signal_while_saving("TERM", 143, Duration::from_millis(1500));
}

/// Closing the terminal window hangs up the reader's terminal: SIGHUP, and
/// every read from it then returns end of file.
#[test]
fn closing_the_terminal_ends_the_reader() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = reader(home.path());
    mark_two(&tui);
    tui.hang_up();
    let status = tui.wait_exit_within(Duration::from_secs(5));
    assert!(
        status.is_some(),
        "brief still runs after its terminal was closed"
    );
    assert_eq!(reviewed(&saved(home.path())), 1);
}

#[test]
fn two_readers_saving_at_the_same_time_lose_nothing() {
    let home = tempfile::tempdir().expect("home");
    let mut a = reader(home.path());
    let mut b = reader(home.path());
    a.press("4");
    b.press("2");
    // Both save while a third party holds the lock, then race for it.
    let lock = hold_lock(home.path());
    a.send("x");
    b.send("x");
    wait_blocked_on_lock(a.pid());
    wait_blocked_on_lock(b.pid());
    drop(lock);
    a.wait_for("Marked reviewed");
    b.wait_for("Marked reviewed");
    // Then they take turns, each on its own items, and both write a note
    // on the same quote.
    for keys in ["j", "x", "j", "!"] {
        a.press(keys);
        b.press(keys);
    }
    // Both on the first quote: each in turn writes a note, the second on
    // what the first saved (the editor opens on the latest saved text).
    a.press("g");
    b.press("4");
    for tui in [&a, &b] {
        tui.press("a");
        tui.wait_for("Note on");
        tui.send(&format!(" from {}", tui.pid()));
        tui.press("\x13");
        tui.wait_for("Note saved");
    }
    for tui in [&mut a, &mut b] {
        tui.press("q");
        assert_eq!(tui.wait_exit().exit_code(), 0);
        tui.assert_restored();
    }
    let review = saved(home.path());
    assert_eq!(reviewed(&review), 4, "{review:?}");
    assert_eq!(flagged(&review), 2, "{review:?}");
    let note = review
        .items
        .values()
        .find_map(|m| m.note.clone())
        .expect("a note");
    assert!(
        note.contains(&format!("from {}", a.pid())) && note.contains(&format!("from {}", b.pid())),
        "{note}"
    );
    assert_eq!(
        note,
        format!(" from {} from {}", a.pid(), b.pid()),
        "the second wrote on the first's note"
    );
}

fn damaged_state_is_moved_aside(damage: impl Fn(&str) -> String, what: &str) {
    let home = tempfile::tempdir().expect("home");
    let path = saved_with_two_marks(home.path());
    let good = fs::read_to_string(&path).expect("state");
    let bad = damage(&good);
    fs::write(&path, &bad).expect("damage");

    let mut tui = reader(home.path());
    tui.wait_for("could not be read");
    let aside = state_files_named(home.path(), ".unreadable-");
    assert_eq!(aside.len(), 1, "{what}: {aside:?}");
    assert_eq!(
        fs::read_to_string(&aside[0]).expect("kept"),
        bad,
        "{what}: moved aside as it was"
    );
    tui.press("4");
    tui.press("x");
    tui.wait_for("Marked reviewed");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0, "{what}");
    tui.assert_restored();
    assert_eq!(reviewed(&saved(home.path())), 1, "{what}: a new state");
}

#[test]
fn an_empty_state_file_is_moved_aside_and_a_new_one_started() {
    damaged_state_is_moved_aside(|_| String::new(), "empty");
}

#[test]
fn a_truncated_state_file_is_moved_aside_and_a_new_one_started() {
    damaged_state_is_moved_aside(|good| good[..good.len() / 2].to_string(), "truncated");
}

#[test]
fn a_state_file_of_binary_garbage_is_moved_aside() {
    damaged_state_is_moved_aside(
        |_| "\u{0}\u{1b}]52;c;aGk=\u{7}\u{fffd}".repeat(10),
        "garbage",
    );
}

#[test]
fn a_read_only_state_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("home");
    let path = saved_with_two_marks(home.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = fs::read(&path).expect("state");

    let tui = reader(home.path());
    tui.press("4");
    tui.press("j");
    tui.press("j");
    tui.press("x");
    tui.wait_for("read-only");
    quit_past_the_unsaved_warning(tui);
    assert_eq!(
        fs::read(&path).expect("state"),
        before,
        "the file was replaced"
    );
    let mode = fs::metadata(&path).expect("state").permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "its permissions changed");
}

#[test]
fn a_full_disk_keeps_changes_in_memory_and_the_old_state_whole() {
    let home = tempfile::tempdir().expect("home");
    let path = saved_with_two_marks(home.path());
    let before = fs::read(&path).expect("state");

    // No file may grow past 0 blocks: every write fails with EFBIG, as on
    // a full disk (SIGXFSZ is ignored so that the write returns an error).
    let tui = Tui::start_wrapped(
        home.path(),
        "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\"",
        &[],
        120,
        40,
    );
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("4");
    tui.press("j");
    tui.press("j");
    tui.press("x");
    tui.wait_for("Not saved (File too large");
    // The mark shows: it is kept in memory.
    tui.wait_for("Reviewed 2/");
    quit_past_the_unsaved_warning(tui);
    assert_eq!(
        fs::read(&path).expect("state"),
        before,
        "the old state is whole"
    );
    assert!(
        state_files_named(home.path(), ".brief-").is_empty(),
        "temporary files left behind"
    );
}

#[test]
fn a_data_directory_blocked_by_a_file_keeps_changes_in_memory() {
    let home = tempfile::tempdir().expect("home");
    fs::write(home.path().join("data"), "not a directory").expect("block");
    let tui = reader(home.path());
    tui.wait_for("cannot be read");
    tui.press("4");
    tui.press("x");
    tui.wait_for("Not saved");
    quit_past_the_unsaved_warning(tui);
    assert_eq!(
        fs::read_to_string(home.path().join("data")).expect("file"),
        "not a directory"
    );
}

#[test]
fn a_store_in_a_blocked_directory_fails_without_loss() {
    let home = tempfile::tempdir().expect("home");
    fs::write(home.path().join("blocked"), "x").expect("block");
    let store = Store::new(home.path().join("blocked").join("reviews"), "b");
    assert!(store.load().is_err());
    assert!(
        store
            .commit(&[brief::review::Change::Flagged {
                item: "a".into(),
                on: true
            }])
            .is_err()
    );
    assert_eq!(
        fs::read_to_string(home.path().join("blocked")).expect("kept"),
        "x"
    );
}

// The briefing file deleted or replaced while it is open: `r` reloads.

fn example() -> String {
    fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefings/example.toml"
    ))
    .expect("example")
}

/// Replaces `path` the way editors and `git checkout` do: a new file renamed over it.
fn replace(path: &Path, text: &str) {
    let temp = path.with_extension("new");
    fs::write(&temp, text).expect("write");
    fs::rename(&temp, path).expect("rename");
}

#[test]
fn a_deleted_briefing_shows_an_error_and_keeps_the_last_good_version() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("corvo.toml");
    fs::write(&path, example()).expect("write");
    let mut app = app_with(Briefing::load(&path).expect("valid"), 120, 40);
    app.source = Some(path.clone());
    press(&mut app, "2 j");
    let selected = app.selected_item();
    fs::remove_file(&path).expect("delete");
    press(&mut app, "r");
    match &app.overlay {
        Some(Overlay::Errors { text, .. }) => {
            assert!(text.contains("cannot read the file"), "{text}")
        }
        other => panic!("no error panel: {other:?}"),
    }
    assert!(matches!(&app.message, Some((_, MessageKind::Error))));
    assert_eq!(app.briefing.actors.len(), 3, "the last good version stays");
    assert_eq!(app.selected_item(), selected);
    let shown = screen(&app);
    assert!(shown.contains("cannot read the file"), "{shown}");
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert!(screen(&app).contains("Bexia"));

    // It comes back, changed: `r` reloads it, on the same actor.
    replace(
        &path,
        &example().replace("name = \"Bexia\"", "name = \"Bexia Republic\""),
    );
    press(&mut app, "r");
    assert!(app.overlay.is_none());
    assert!(matches!(&app.message, Some((m, MessageKind::Info)) if m == "Reloaded"));
    assert_eq!(app.selected_item(), selected);
    assert!(screen(&app).contains("Bexia Republic"));
}

#[test]
fn a_briefing_replaced_by_an_invalid_one_keeps_the_last_good_version() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("corvo.toml");
    fs::write(&path, example()).expect("write");
    let mut app = app_with(Briefing::load(&path).expect("valid"), 120, 40);
    app.source = Some(path.clone());
    press(&mut app, "3");
    replace(&path, "format = 1\n[briefing]\nid = \"x\u{1b}[2J\"\n");
    press(&mut app, "r");
    let Some(Overlay::Errors { text, .. }) = &app.overlay else {
        panic!("no error panel");
    };
    assert!(text.contains("corvo.toml:3:"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert_eq!(app.briefing.meta.id, "example-corvo");
    // Replaced by a directory, then by the good file again.
    fs::remove_file(&path).expect("delete");
    fs::create_dir(&path).expect("a directory in its place");
    press(&mut app, "esc r");
    assert!(
        matches!(&app.overlay, Some(Overlay::Errors { text, .. }) if text.contains("directory"))
    );
    fs::remove_dir(&path).expect("rmdir");
    replace(&path, &example());
    press(&mut app, "esc r");
    assert!(app.overlay.is_none());
    assert_eq!(app.briefing.meta.id, "example-corvo");
}

#[test]
fn watch_follows_a_replaced_briefing_and_survives_its_deletion() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("corvo.toml");
    fs::write(&path, example()).expect("write");
    let file = path.to_str().expect("utf-8");
    let mut tui = Tui::start_at(home.path(), &["--watch", file], 120, 40, &[]);
    tui.wait_for("The Corvo port lease");
    // The modification time must differ for the change to be seen.
    std::thread::sleep(Duration::from_millis(1100));
    replace(
        &path,
        &example().replace(
            "The Corvo port lease\"\nsubtitle",
            "The Corvo port lease, revised\"\nsubtitle",
        ),
    );
    tui.wait_for("The Corvo port lease, revised");
    fs::remove_file(&path).expect("delete");
    std::thread::sleep(Duration::from_millis(300));
    tui.wait_for("The Corvo port lease, revised");
    tui.press("r");
    tui.wait_for("cannot read the file");
    tui.wait_for("still showing the last good version");
    tui.press("\x1b");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}

/// Ids may hold dots, so one briefing's side files must never be named like
/// another briefing's state file.
#[test]
fn a_briefing_named_like_another_ones_place_file_keeps_its_state() {
    let dir = tempfile::tempdir().expect("dir");
    let x = Store::new(dir.path(), "x");
    let x_place = Store::new(dir.path(), "x.place");
    x_place
        .commit(&[brief::review::Change::Flagged {
            item: "q".into(),
            on: true,
        }])
        .expect("save");
    x.save_place(&brief::review::Place {
        section: "quotes".into(),
        item: Some("q".into()),
    })
    .expect("save the place");
    let loaded = x_place.load().expect("load");
    assert!(loaded.notice.is_none(), "{:?}", loaded.notice);
    assert!(loaded.review.mark("q").is_some_and(|m| m.flagged));
    assert_eq!(
        x.load().expect("load").review.place.map(|p| p.section),
        Some("quotes".to_string())
    );
}

/// Makes `path` and everything under it readable by all and writable by
/// its owner only.
fn open_to_read(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("list").flatten() {
            open_to_read(&entry.path());
        }
    }
}

/// A data folder the reader cannot write shows the marks it holds, says
/// it is read-only, and quitting warns that changes were not saved. (As
/// root, which ignores permission bits, the reader runs as `nobody`.)
#[test]
fn a_read_only_data_directory_shows_its_marks_read_only() {
    let home = tempfile::tempdir().expect("home");
    let state = saved_with_two_marks(home.path());
    let before = fs::read_to_string(&state).expect("read");
    // SAFETY: geteuid only reads the process's user id.
    let root = unsafe { libc::geteuid() } == 0;
    let tui = if root {
        open_to_read(home.path());
        Tui::start_wrapped(
            home.path(),
            "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" \"$@\"",
            &[],
            120,
            40,
        )
    } else {
        use std::os::unix::fs::PermissionsExt;
        let reviews = state.parent().expect("folder");
        fs::set_permissions(reviews, fs::Permissions::from_mode(0o555)).expect("chmod");
        Tui::start_at(home.path(), &[], 120, 40, &[])
    };
    tui.wait_for("Damascus and Moscow after Assad");
    tui.wait_for("Reviewed 1/");
    tui.wait_for("1 flagged");
    tui.wait_for("Read-only");
    tui.press("4");
    tui.press("j");
    tui.press("j");
    tui.press("x");
    tui.wait_for("Not saved");
    quit_past_the_unsaved_warning(tui);
    assert_eq!(
        fs::read_to_string(&state).expect("read"),
        before,
        "untouched"
    );
    if !root {
        use std::os::unix::fs::PermissionsExt;
        let reviews = state.parent().expect("folder");
        fs::set_permissions(reviews, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// Every signal that ends a process and can be caught restores the
/// terminal and exits 128 + its number, with the state intact.
#[test]
fn other_ending_signals_restore_the_terminal() {
    for (signal, code) in [("INT", 130), ("QUIT", 131), ("USR1", 138), ("ALRM", 142)] {
        signal_while_reading(signal, code);
    }
}

/// A write over the file size limit (`ulimit -f`) fails and is reported;
/// it does not kill the reader with SIGXFSZ.
#[test]
fn a_file_size_limit_is_a_failed_save_not_a_dead_reader() {
    let home = tempfile::tempdir().expect("home");
    let tui = Tui::start_wrapped(home.path(), "ulimit -f 1; exec \"$0\" \"$@\"", &[], 120, 40);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("4");
    tui.press("x");
    tui.wait_for("Not saved");
    quit_past_the_unsaved_warning(tui);
}

/// ctrl-z suspends like less and vim: the screen is left and the reader
/// stops; continued, it comes back and redraws. SIGTSTP from outside does
/// the same.
#[test]
fn suspending_and_resuming() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = reader(home.path());
    for how in ["key", "signal"] {
        tui.press("4");
        if how == "key" {
            tui.send("\x1a");
        } else {
            tui.kill("TSTP");
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while tui.process_state() != 'T' {
            assert!(std::time::Instant::now() < deadline, "not stopped ({how})");
            std::thread::sleep(Duration::from_millis(20));
        }
        tui.wait_until("the screen left and the cursor shown", |s| {
            !s.alternate_screen() && !s.hide_cursor()
        });
        assert_eq!(tui.process_state(), 'T', "still stopped ({how})");
        tui.kill("CONT");
        tui.wait_until("the screen back", |s| s.alternate_screen());
        tui.wait_for("4 Quotes");
        tui.press("1");
        tui.wait_for("Actor × issue");
    }
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}

/// An external editor that hangs ends with the reader, and its file goes.
#[test]
fn a_hanging_editor_ends_with_the_reader() {
    let home = tempfile::tempdir().expect("home");
    let editor = home.path().join("hang.sh");
    let pid_file = home.path().join("editor.pid");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho $$ > {}\necho \"$1\" >> {}\nexec sleep 300\n",
            pid_file.display(),
            pid_file.display()
        ),
    )
    .expect("write");
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let tmp = home.path().join("tmp");
    fs::create_dir(&tmp).expect("tmp");
    let mut tui = Tui::start_at(
        home.path(),
        &[],
        120,
        40,
        &[
            ("VISUAL", editor.to_str().expect("utf-8")),
            ("TMPDIR", tmp.to_str().expect("utf-8")),
        ],
    );
    tui.wait_for("Damascus and Moscow after Assad");
    tui.press("4");
    tui.send("E");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while fs::read_to_string(&pid_file).map_or(true, |t| t.lines().count() < 2) {
        assert!(
            std::time::Instant::now() < deadline,
            "the editor never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = fs::read_to_string(&pid_file).expect("pid");
    let mut lines = text.lines();
    let editor_pid: i32 = lines.next().expect("pid").trim().parse().expect("a pid");
    let note_file = std::path::PathBuf::from(lines.next().expect("file").trim());
    assert!(note_file.exists());
    tui.kill("TERM");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 143);
    tui.assert_restored();
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    // SAFETY: signal 0 only asks whether the process exists.
    while unsafe { libc::kill(editor_pid, 0) } == 0 {
        let zombie = fs::read_to_string(format!("/proc/{editor_pid}/stat"))
            .map_or(true, |s| s.contains(") Z "));
        if zombie {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the editor still runs"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!note_file.exists(), "the editor's file is removed");
}

/// Where the reader left off is kept when its terminal is closed, as when
/// it quits.
#[test]
fn the_place_is_kept_when_the_terminal_closes() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = reader(home.path());
    tui.press("7");
    for _ in 0..3 {
        tui.press("j");
    }
    tui.settle();
    std::thread::sleep(Duration::from_millis(1200));
    tui.hang_up();
    assert!(tui.wait_exit_within(Duration::from_secs(5)).is_some());
    let place = fs::read_to_string(home.path().join(format!("data/brief/reviews/{ID}.place")))
        .expect("a place file");
    let briefing = brief::Briefing::from_str(brief::DEFAULT_BRIEFING, "b").expect("valid");
    let claim = &briefing.claims[3].id;
    assert!(
        place.contains("contested") && place.contains(claim.as_str()),
        "{place}"
    );
}

/// A terminal reported huge is drawn in a bounded corner: no screen of
/// gigabytes is allocated, and the reader goes on.
#[test]
fn a_huge_terminal_is_drawn_in_a_bounded_area() {
    let home = tempfile::tempdir().expect("home");
    let mut tui = Tui::start_wrapped(
        home.path(),
        "ulimit -v 4000000; exec \"$0\" \"$@\"",
        &[],
        120,
        40,
    );
    tui.wait_for("Damascus and Moscow after Assad");
    tui.resize_pty_only(10_000, 10_000);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        tui.try_exit().is_none(),
        "brief ended: {:?}",
        tui.try_exit()
    );
    tui.resize(120, 40);
    tui.press("2");
    tui.wait_for("Actors");
    tui.press("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
    tui.assert_restored();
}
