//! A review state saved by an earlier release keeps its meaning: the
//! state in tests/fixtures/saved-state was saved by the reader on the
//! frozen copy of the example briefing (tests/fixtures/fingerprints.toml),
//! with marks on items with and without their optional fields.

use brief::Briefing;
use brief::review::{Fingerprints, Review};

#[test]
fn a_saved_state_keeps_its_statuses() {
    let text = std::fs::read_to_string("tests/fixtures/fingerprints.toml").expect("fixture");
    let b = Briefing::from_str(&text, "fingerprints.toml").expect("valid");
    let saved = std::fs::read_to_string("tests/fixtures/saved-state/example-corvo.toml")
        .expect("saved state");
    let review = Review::from_toml(&saved).expect("a valid state");
    let prints = Fingerprints::of(&b);
    let mut reviewed = Vec::new();
    let mut flagged = Vec::new();
    let mut noted = Vec::new();
    for item in b.items.all() {
        let id = b.item_id(item);
        let status = prints.status(&review, item);
        assert!(
            !status.new && !status.changed,
            "{id} shows as new or changed"
        );
        assert!(!status.stale, "{id}'s review mark went stale");
        if status.reviewed {
            reviewed.push(id.clone());
        }
        if status.flagged {
            flagged.push(id.clone());
        }
        if status.note {
            noted.push(id);
        }
    }
    reviewed.sort();
    assert_eq!(
        reviewed,
        [
            "arland",
            "corvo-lease",
            "courier",
            "e-lease-2010",
            "gazette",
            "mira-holt",
            "q-holt-review"
        ]
    );
    flagged.sort();
    assert_eq!(flagged, ["c-renewal-terms", "courier"]);
    assert_eq!(noted, ["q-courier-options"]);
}
