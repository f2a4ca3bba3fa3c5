//! What a review state says about each item of a briefing: reviewed (and
//! whether the mark is stale), flagged, noted, new or changed since the
//! analyst last took it in. Shared by the reader and `brief export`.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Mark, Review, fingerprint};
use crate::model::{Briefing, ItemRef};

/// What a review state says about one item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub reviewed: bool,
    /// Reviewed, but the item changed since.
    pub stale: bool,
    pub flagged: bool,
    pub note: bool,
    /// Not in the briefing when this reader last took it in.
    pub new: bool,
    /// Different from when this reader last took it in.
    pub changed: bool,
}

/// Every item of a briefing that can be marked, in reading order: sources,
/// actors, each issue followed by its positions, quotes, events, claims.
pub fn all_items(b: &Briefing) -> Vec<ItemRef> {
    let mut items: Vec<ItemRef> = (0..b.sources.len()).map(ItemRef::Source).collect();
    items.extend((0..b.actors.len()).map(ItemRef::Actor));
    for (i, issue) in b.issues.iter().enumerate() {
        items.push(ItemRef::Issue(i));
        items.extend((0..issue.positions.len()).map(|p| ItemRef::Position {
            issue: i,
            position: p,
        }));
    }
    items.extend((0..b.quotes.len()).map(ItemRef::Quote));
    items.extend((0..b.events.len()).map(ItemRef::Event));
    items.extend((0..b.claims.len()).map(ItemRef::Claim));
    items
}

/// Every item of one version of a briefing with its id and current
/// fingerprint, to compare a review state against.
#[derive(Clone, Debug, Default)]
pub struct Fingerprints {
    items: FxHashMap<ItemRef, (String, String)>,
    /// Every item's id, to tell notes on items that left the briefing.
    present: FxHashSet<String>,
}

/// The status of the item `id`, whose fingerprint is now `current`.
fn status_of(review: &Review, id: &str, current: &str) -> Status {
    let mark = review.mark(id);
    let baseline = review.seen.is_empty();
    let seen = review.seen.get(id).map(String::as_str);
    Status {
        reviewed: mark.is_some_and(|m| m.reviewed.is_some()),
        stale: mark
            .and_then(|m| m.reviewed.as_deref())
            .is_some_and(|f| f != current),
        flagged: mark.is_some_and(|m| m.flagged),
        note: mark.is_some_and(|m| m.note.is_some()),
        new: !baseline && seen.is_none(),
        changed: seen.is_some_and(|f| f != current),
    }
}

/// Briefings with at least this many items are fingerprinted on two threads.
pub const SPLIT_AT: usize = 20_000;

impl Fingerprints {
    pub fn of(b: &Briefing) -> Fingerprints {
        let all = all_items(b);
        let print = |items: &[ItemRef]| -> Vec<(ItemRef, (String, String))> {
            items
                .iter()
                .map(|&item| (item, (b.item_id(item), fingerprint(b, item))))
                .collect()
        };
        let (first, second) = all.split_at(all.len() / 2);
        let printed = if all.len() >= SPLIT_AT {
            std::thread::scope(|s| {
                let other = s.spawn(|| print(second));
                let mut printed = print(first);
                printed.extend(
                    other
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
                printed
            })
        } else {
            print(&all)
        };
        let present = printed.iter().map(|(_, (id, _))| id.clone()).collect();
        Fingerprints {
            items: printed.into_iter().collect(),
            present,
        }
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item's id and current fingerprint.
    pub fn get(&self, item: ItemRef) -> Option<(&str, &str)> {
        self.items
            .get(&item)
            .map(|(id, fingerprint)| (id.as_str(), fingerprint.as_str()))
    }

    pub fn id(&self, item: ItemRef) -> Option<&str> {
        self.get(item).map(|(id, _)| id)
    }

    /// Every item with its status in `review`, in no particular order, in
    /// `parts` groups of about the same size (to count on several threads).
    pub fn statuses<'a>(
        &'a self,
        review: &'a Review,
        parts: usize,
    ) -> Vec<impl Iterator<Item = (ItemRef, Status)> + Send + 'a> {
        let entries: Vec<_> = self.items.iter().collect();
        let size = entries.len().div_ceil(parts.max(1)).max(1);
        let mut groups = Vec::new();
        let mut rest = entries;
        while !rest.is_empty() {
            let tail = rest.split_off(size.min(rest.len()));
            groups.push(std::mem::replace(&mut rest, tail));
        }
        groups
            .into_iter()
            .map(move |group| {
                group
                    .into_iter()
                    .map(move |(item, (id, current))| (*item, status_of(review, id, current)))
            })
            .collect()
    }

    /// Every item's id and fingerprint, as a `Seen` change records them.
    pub fn all(&self) -> Vec<(String, String)> {
        self.items.values().cloned().collect()
    }

    /// The item's status in `review`. A state that has never taken this
    /// briefing in (an empty `seen`) treats all of it as its baseline, as
    /// the reader does when it first opens a briefing: nothing is new.
    pub fn status(&self, review: &Review, item: ItemRef) -> Status {
        match self.get(item) {
            Some((id, current)) => status_of(review, id, current),
            None => Status::default(),
        }
    }

    /// Notes in `review` whose items are no longer in the briefing, by id.
    pub fn orphans<'a>(&self, review: &'a Review) -> Vec<(&'a str, &'a Mark)> {
        review
            .items
            .iter()
            .filter(|(id, mark)| mark.note.is_some() && !self.present.contains(id.as_str()))
            .map(|(id, mark)| (id.as_str(), mark))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Change;

    fn briefing() -> Briefing {
        Briefing::from_str(crate::DEFAULT_BRIEFING, "default").expect("valid")
    }

    #[test]
    fn a_state_that_never_saw_the_briefing_finds_nothing_new() {
        let b = briefing();
        let prints = Fingerprints::of(&b);
        let review = Review::new(&b.meta.id);
        assert!(
            all_items(&b)
                .into_iter()
                .all(|item| prints.status(&review, item) == Status::default())
        );
    }

    #[test]
    fn statuses_in_groups_are_the_statuses_of_every_item_once() {
        let b = briefing();
        let prints = Fingerprints::of(&b);
        let mut review = Review::new(&b.meta.id);
        let id = prints.id(ItemRef::Quote(3)).expect("id").to_string();
        review.apply(&Change::Flagged { item: id, on: true });
        let sorted = |parts: usize| {
            let mut all: Vec<(ItemRef, Status)> = prints
                .statuses(&review, parts)
                .into_iter()
                .flatten()
                .collect();
            all.sort_by_key(|(item, _)| format!("{item:?}"));
            all
        };
        let whole = sorted(1);
        assert_eq!(whole.len(), all_items(&b).len());
        assert_eq!(whole.iter().filter(|(_, s)| s.flagged).count(), 1);
        for parts in [2, 3, 7] {
            assert_eq!(sorted(parts), whole, "{parts} groups");
        }
    }

    #[test]
    fn items_missing_from_seen_are_new_and_different_ones_changed() {
        let b = briefing();
        let prints = Fingerprints::of(&b);
        let mut review = Review::new(&b.meta.id);
        let (first, second) = (ItemRef::Quote(0), ItemRef::Quote(1));
        let id = |item| prints.id(item).expect("id").to_string();
        review.apply(&Change::Seen(vec![(id(first), "0".repeat(16))]));
        review.apply(&Change::Reviewed {
            item: id(second),
            fingerprint: Some("1".repeat(16)),
        });
        let status = prints.status(&review, first);
        assert!(status.changed && !status.new && !status.reviewed);
        let status = prints.status(&review, second);
        assert!(status.reviewed && status.stale && status.changed);
        assert!(prints.status(&review, ItemRef::Quote(2)).new);
    }
}
