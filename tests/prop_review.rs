//! Property tests of the review state: random marks, flags, notes and
//! places, saved in random batches through the store, load back exactly as
//! they were applied in memory; and any state survives its own text.

mod common;

use brief::review::{Change, Place, Review, Store};
use common::cases;
use proptest::prelude::*;

/// Item ids as the reader writes them (`issue/actor` for a position), and a
/// few the file could hold after a hand edit.
fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9][a-z0-9._-]{0,10}(/[a-z0-9][a-z0-9._-]{0,6})?",
        1 => any::<String>(),
    ]
}

/// Note text: anything, including quotes, newlines, CRLF, controls and
/// lines that look like TOML.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => prop::collection::vec(
            prop::sample::select(&[
                "line", "\n", "\r\n", "\"", "'''", "\"\"\"", "\\", "[items.x]", "# c", "\t",
                "\u{1b}[2J", "\u{202e}", "é", "漢", "👩‍👩‍👧", " ", "\r",
            ][..]),
            0..12,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (item(), prop::option::of("[0-9a-f]{16}"))
            .prop_map(|(item, fingerprint)| { Change::Reviewed { item, fingerprint } }),
        (item(), any::<bool>()).prop_map(|(item, on)| Change::Flagged { item, on }),
        (item(), prop::option::of(text()), prop::option::of(text())).prop_map(
            |(item, before, after)| Change::Note {
                item,
                before,
                after
            }
        ),
        prop::collection::vec((item(), "[0-9a-f]{16}"), 0..4).prop_map(Change::Seen),
        (
            prop::sample::select(&["overview", "actors", "issues", "quotes"][..]),
            prop::option::of(item())
        )
            .prop_map(|(section, item)| Change::Place(Place {
                section: section.to_string(),
                item
            })),
    ]
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn saved_changes_load_back_as_applied(
        batches in prop::collection::vec(prop::collection::vec(change(), 0..6), 1..6),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path(), "b");
        let mut expected = Review::new("b");
        for batch in &batches {
            for change in batch {
                expected.apply(change);
            }
            let saved = store.commit(batch).expect("save");
            prop_assert!(saved.notice.is_none(), "{:?}", saved.notice);
            prop_assert_eq!(&saved.review, &expected);
        }
        let loaded = store.load().expect("load");
        prop_assert!(loaded.notice.is_none(), "moved aside: {:?}", loaded.notice);
        prop_assert_eq!(loaded.review, expected);
    }

    #[test]
    fn any_state_survives_its_own_text(
        briefing in "[a-z0-9][a-z0-9._-]{0,12}|\\PC{0,12}",
        changes in prop::collection::vec(change(), 0..12),
    ) {
        let mut review = Review::new(&briefing);
        for change in &changes {
            review.apply(change);
        }
        let text = review.to_toml();
        let back = Review::from_toml(&text);
        prop_assert_eq!(back.as_ref(), Ok(&review), "{}", text);
    }
}
