//! What a review state says about each item of a briefing: reviewed (and
//! whether the mark is stale), flagged, noted, new or changed since the
//! analyst last took it in. Shared by the reader and `brief export`.

use hashbrown::HashTable;

use crate::model::hash_id;

use super::fingerprint::Print;
use super::{Mark, Review};
use strum::{EnumCount, IntoEnumIterator};

use crate::model::{Briefing, ItemRef, Kind};

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

/// Every item of a briefing that can be marked, kind by kind in
/// [`Kind`]'s order.
pub fn all_items(b: &Briefing) -> Vec<ItemRef> {
    let mut items = Vec::with_capacity(b.items.total());
    items.extend(b.items.all());
    items
}

/// Every item of one version of a briefing with its id and current
/// fingerprint, to compare a review state against. Kept in lists in
/// reading order (a large briefing has hundreds of thousands of items).
#[derive(Clone, Debug, Default)]
pub struct Fingerprints {
    items: Vec<ItemRef>,
    ids: Vec<Box<str>>,
    prints: Vec<Print>,
    /// Where each kind's items start in the lists, by [`Kind`].
    starts: [usize; Kind::COUNT],
    /// Where each issue's positions start among the positions.
    positions: Vec<usize>,
    /// Places in the lists by id, to tell notes on items that left the
    /// briefing.
    by_id: HashTable<u32>,
}

/// The status of the item `id`, whose fingerprint is now `current`.
pub fn status_of(review: &Review, id: &str, current: &str) -> Status {
    let mark = review.mark(id);
    let baseline = review.seen.is_empty();
    let seen = review.seen.get(id).map(|f| &**f);
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
        let items = all_items(b);
        let print = |items: &[ItemRef]| -> Vec<(Box<str>, Print)> {
            items
                .iter()
                .map(|&item| (b.item_id(item).into_boxed_str(), Print::of(b, item)))
                .collect()
        };
        let (first, second) = items.split_at(items.len() / 2);
        let printed = if items.len() >= SPLIT_AT {
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
            print(&items)
        };
        let (ids, prints): (Vec<_>, Vec<_>) = printed.into_iter().unzip();
        let mut by_id = HashTable::with_capacity(ids.len());
        for (n, id) in ids.iter().enumerate() {
            by_id.insert_unique(hash_id(id), n as u32, |&n| hash_id(&ids[n as usize]));
        }
        let mut starts = [0; Kind::COUNT];
        let mut at = 0;
        for kind in Kind::iter() {
            starts[kind as usize] = at;
            at += b.items.count(kind);
        }
        let positions = b
            .issues
            .iter()
            .scan(0, |at, issue| {
                let start = *at;
                *at += issue.positions.len();
                Some(start)
            })
            .collect();
        Fingerprints {
            items,
            ids,
            prints,
            starts,
            positions,
            by_id,
        }
    }

    /// The item's place in the lists.
    fn place(&self, item: ItemRef) -> Option<usize> {
        let kind = item.kind();
        let from = self.starts[kind as usize];
        let to = self
            .starts
            .get(kind as usize + 1)
            .copied()
            .unwrap_or(self.items.len());
        let n = match item {
            ItemRef::Position { issue, position } => {
                let start = *self.positions.get(issue)?;
                let end = self.positions.get(issue + 1).copied().unwrap_or(to - from);
                if start + position >= end {
                    return None;
                }
                start + position
            }
            other => other.indices().0,
        };
        (from + n < to).then_some(from + n)
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
        let n = self.place(item)?;
        Some((&self.ids[n], self.prints[n].as_str()))
    }

    pub fn id(&self, item: ItemRef) -> Option<&str> {
        self.get(item).map(|(id, _)| id)
    }

    /// Every item with its status in `review`, in reading order, in `parts`
    /// groups of about the same size (to count on several threads).
    pub fn statuses<'a>(
        &'a self,
        review: &'a Review,
        parts: usize,
    ) -> Vec<impl Iterator<Item = (ItemRef, Status)> + Send + 'a> {
        let size = self.items.len().div_ceil(parts.max(1)).max(1);
        (0..self.items.len())
            .step_by(size)
            .map(|from| {
                (from..(from + size).min(self.items.len())).map(move |n| {
                    let status = status_of(review, &self.ids[n], self.prints[n].as_str());
                    (self.items[n], status)
                })
            })
            .collect()
    }

    /// Every item's id and fingerprint, as a `Seen` change records them.
    pub fn all(&self) -> Vec<(String, String)> {
        self.ids
            .iter()
            .zip(&self.prints)
            .map(|(id, print)| (id.to_string(), print.as_str().to_string()))
            .collect()
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

    fn is_present(&self, id: &str) -> bool {
        self.by_id
            .find(hash_id(id), |&n| &*self.ids[n as usize] == id)
            .is_some()
    }

    /// Notes in `review` whose items are no longer in the briefing, by id.
    pub fn orphans<'a>(&self, review: &'a Review) -> Vec<(&'a str, &'a Mark)> {
        review
            .items
            .iter()
            .filter(|(id, mark)| mark.note.is_some() && !self.is_present(id))
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
    fn every_item_has_its_own_id_and_fingerprint_and_no_other_does() {
        let b = briefing();
        let prints = Fingerprints::of(&b);
        let items = all_items(&b);
        assert_eq!(prints.len(), items.len());
        for &item in &items {
            let (id, print) = prints.get(item).expect("an item");
            assert_eq!(id, b.item_id(item), "{item:?}");
            assert_eq!(print, crate::review::fingerprint(&b, item), "{item:?}");
        }
        let last_issue = b.issues.len() - 1;
        for outside in [
            ItemRef::Source(b.sources.len()),
            ItemRef::Actor(b.actors.len()),
            ItemRef::Issue(b.issues.len()),
            ItemRef::Position {
                issue: 0,
                position: b.issues[0].positions.len(),
            },
            ItemRef::Position {
                issue: last_issue,
                position: b.issues[last_issue].positions.len(),
            },
            ItemRef::Quote(b.quotes.len()),
            ItemRef::Event(b.events.len()),
            ItemRef::Claim(b.claims.len()),
        ] {
            assert_eq!(prints.get(outside), None, "{outside:?}");
        }
    }

    #[test]
    fn notes_on_ids_not_in_the_briefing_are_orphans() {
        let b = briefing();
        let prints = Fingerprints::of(&b);
        let mut review = Review::new(&b.meta.id);
        let position = ItemRef::Position {
            issue: 0,
            position: 0,
        };
        for item in [b.item_id(position), b.quotes[0].id.clone(), "gone".into()] {
            review.apply(&Change::Note {
                item,
                before: None,
                after: Some("n".into()),
            });
        }
        let orphans: Vec<&str> = prints
            .orphans(&review)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(orphans, ["gone"]);
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
