//! The review state on disk: atomic saves, merging writers, unreadable
//! files moved aside, and fingerprints that change exactly with content.

use brief::Briefing;
use brief::model::ItemRef;
use brief::review::{CONFLICT_MARKER, Change, Review, Store, fingerprint};

fn reviewed(item: &str, fingerprint: &str) -> Change {
    Change::Reviewed {
        item: item.into(),
        fingerprint: Some(fingerprint.into()),
    }
}

#[test]
fn a_save_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    store
        .commit(&[
            reviewed("a", "f"),
            Change::Flagged {
                item: "c".into(),
                on: true,
            },
        ])
        .expect("save");
    let loaded = store.load().expect("load");
    assert!(loaded.notice.is_none());
    assert_eq!(
        loaded.review.mark("a").and_then(|m| m.reviewed.as_deref()),
        Some("f")
    );
    assert!(loaded.review.mark("c").is_some_and(|m| m.flagged));
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    store.commit(&[reviewed("a", "f")]).expect("save");
    // What a crash after writing the temporary file and before the rename leaves.
    std::fs::write(
        dir.path().join(".brief-crash.tmp"),
        "version = 1\nbriefing = \"b\"\n[items.zz]\nflag",
    )
    .expect("write");
    let loaded = store.load().expect("load");
    assert!(loaded.notice.is_none());
    assert_eq!(loaded.review.items.len(), 1);
    store
        .commit(&[reviewed("b", "g")])
        .expect("saving again works");
    assert_eq!(store.load().expect("load").review.items.len(), 2);
}

#[test]
fn a_truncated_file_is_moved_aside_and_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    store
        .commit(&[reviewed("a", "f"), reviewed("b", "g")])
        .expect("save");
    let text = std::fs::read_to_string(store.path()).expect("read");
    let cut = text.find("reviewed = \"").expect("a mark") + 13;
    std::fs::write(store.path(), &text[..cut]).expect("truncate");
    let loaded = store.load().expect("load");
    let notice = loaded.notice.expect("the user is told");
    assert!(
        notice.contains("could not be read") && notice.contains(".unreadable-"),
        "{notice}"
    );
    assert!(loaded.review.items.is_empty());
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).expect("kept"),
        &text[..cut]
    );
}

#[test]
fn a_state_from_a_newer_brief_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    let newer = "version = 7\nbriefing = \"b\"\nnew_field = 1\n[items.a]\nflagged = true\nnote = \"kept\"\n";
    std::fs::write(store.path(), newer).expect("write");
    let loaded = store.load().expect("load");
    assert!(loaded.notice.is_none());
    let why = loaded.read_only.expect("read-only, and told why");
    assert!(why.contains("newer brief"), "{why}");
    // Its marks are shown.
    let mark = loaded.review.mark("a").expect("a mark");
    assert!(mark.flagged && mark.note.as_deref() == Some("kept"));
    // And it is never replaced, nor moved.
    assert!(store.commit(&[reviewed("b", "g")]).is_err());
    assert_eq!(std::fs::read_to_string(store.path()).expect("read"), newer);
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        2,
        "the state and its lock"
    );
}

#[test]
fn two_writers_interleaving_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::new(&path, "b");
                for i in 0..50 {
                    let item = format!("w{w}-{i}");
                    let mut changes = vec![reviewed(&item, "f")];
                    if i == 25 {
                        // Both wrote this note having read none.
                        changes.push(Change::Note {
                            item: "shared".into(),
                            before: None,
                            after: Some(format!("from {w}")),
                        });
                    }
                    store.commit(&changes).expect("save");
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("writer");
    }
    let review = Store::new(&path, "b").load().expect("load").review;
    assert_eq!(
        review.items.keys().filter(|k| k.starts_with('w')).count(),
        100
    );
    let shared = review
        .mark("shared")
        .and_then(|m| m.note.clone())
        .expect("note");
    assert!(
        shared.contains("from 0") && shared.contains("from 1") && shared.contains(CONFLICT_MARKER),
        "{shared}"
    );
}

#[test]
fn a_read_only_directory_is_an_error_not_a_loss() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::new(dir.path(), "b");
    store.commit(&[reviewed("a", "f")]).expect("save");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).expect("chmod");
    let probe = std::fs::File::create(dir.path().join("probe"));
    if probe.is_ok() {
        // Running as root: permissions are not enforced here.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod");
        return;
    }
    assert!(store.commit(&[reviewed("b", "g")]).is_err());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(
        store.load().expect("load").review.items.len(),
        1,
        "the old state is intact"
    );
}

#[test]
fn fingerprints_change_exactly_with_content() {
    let old = Briefing::load("briefings/example.toml").expect("example");
    let text = std::fs::read_to_string("briefings/example.toml").expect("read");
    let edited = text
        .replace(
            "Says every term is open to review.",
            "Says most terms are open to review.",
        )
        .replace(
            "id = \"e-lease-2010\"",
            "id = \"e-lease-2010\"\n# a comment moves everything below\n",
        );
    let new = Briefing::from_str(&edited, "edited.toml").expect("valid");
    let all = |b: &Briefing| -> Vec<(String, String)> {
        let mut items: Vec<ItemRef> = (0..b.actors.len()).map(ItemRef::Actor).collect();
        items.extend((0..b.issues.len()).map(ItemRef::Issue));
        items.extend(b.issues.iter().enumerate().flat_map(|(i, x)| {
            (0..x.positions.len()).map(move |p| ItemRef::Position {
                issue: i,
                position: p,
            })
        }));
        items.extend((0..b.quotes.len()).map(ItemRef::Quote));
        items.extend((0..b.events.len()).map(ItemRef::Event));
        items
            .into_iter()
            .map(|item| (b.item_id(item), fingerprint(b, item)))
            .collect()
    };
    let changed: Vec<String> = all(&old)
        .into_iter()
        .zip(all(&new))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(changed, ["corvo-lease/mira-holt"]);
    let _ = Review::new("x");
}
