//! Every cross-reference of a briefing, indexed both ways once at load.

use hashbrown::HashTable;
use strum::IntoEnumIterator;

use super::{ItemRef, Items, Kind};

/// What links to an actor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorLinks {
    /// Issues naming the actor or holding its position.
    pub issues: Vec<usize>,
    /// The actor's positions (always `ItemRef::Position`).
    pub positions: Vec<ItemRef>,
    /// Quotes the actor said.
    pub quotes: Vec<usize>,
    pub events: Vec<usize>,
    pub claims: Vec<usize>,
    /// Actors whose `affiliation` is this actor.
    pub members: Vec<usize>,
}

/// What links to an issue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssueLinks {
    /// Actors the issue names, then actors holding a position on it.
    pub actors: Vec<usize>,
    pub quotes: Vec<usize>,
    pub events: Vec<usize>,
    pub claims: Vec<usize>,
}

/// Lookup by id and every backlink, built once.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Each item (positions aside) by the hash of its id, as its kind and
    /// place: the ids are the items' own, not copies.
    by_id: HashTable<(Kind, u32)>,
    pub actors: Vec<ActorLinks>,
    pub issues: Vec<IssueLinks>,
    /// Everything that cites each source, in kind order.
    pub sources: Vec<Vec<ItemRef>>,
}

/// Items are linked in file order, so a repeat can only be the last entry;
/// checking it alone keeps linking linear in the briefing's size.
fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if list.last() != Some(&value) {
        list.push(value);
    }
}

/// For short lists whose entries arrive out of order.
fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl Index {
    /// The item of `parts` (those the index was built from) that `id`
    /// names.
    pub fn get(&self, parts: &Items, id: &str) -> Option<ItemRef> {
        self.by_id
            .find(hash_id(id), |&(kind, i)| {
                parts.id(ItemRef::new(kind, i as usize, 0)) == id
            })
            .map(|&(kind, i)| ItemRef::new(kind, i as usize, 0))
    }

    /// How many distinct ids the briefing defines.
    pub fn ids(&self) -> usize {
        self.by_id.len()
    }

    /// Builds the index. References that do not resolve to an item of the
    /// right kind are skipped: validation reports them before this runs.
    pub fn build(parts: &Items) -> Self {
        let mut by_id = HashTable::with_capacity(parts.total());
        let id_of = |&(kind, i): &(Kind, u32)| parts.id(ItemRef::new(kind, i as usize, 0));
        // Positions are named by their issue and actor, not by an id.
        for kind in Kind::iter().filter(|&kind| kind != Kind::Position) {
            for i in 0..parts.count(kind) {
                let Ok(at) = u32::try_from(i) else { break };
                let id = id_of(&(kind, at));
                // The first of two items with one id keeps it (the loader
                // reports the second).
                if let hashbrown::hash_table::Entry::Vacant(entry) = by_id.entry(
                    hash_id(id),
                    |item| id_of(item) == id,
                    |item| hash_id(id_of(item)),
                ) {
                    entry.insert((kind, at));
                }
            }
        }
        let mut index = Index {
            by_id,
            actors: vec![ActorLinks::default(); parts.actors.len()],
            issues: vec![IssueLinks::default(); parts.issues.len()],
            sources: vec![Vec::new(); parts.sources.len()],
        };
        index.link(parts);
        index
    }

    fn actor_index(&self, parts: &Items, id: &str) -> Option<usize> {
        match self.get(parts, id)? {
            ItemRef::Actor(i) => Some(i),
            _ => None,
        }
    }

    fn issue_index(&self, parts: &Items, id: &str) -> Option<usize> {
        match self.get(parts, id)? {
            ItemRef::Issue(i) => Some(i),
            _ => None,
        }
    }

    fn cite(&mut self, parts: &Items, sources: &[String], item: ItemRef) {
        for id in sources {
            if let Some(ItemRef::Source(s)) = self.get(parts, id) {
                push_unique(&mut self.sources[s], item);
            }
        }
    }

    fn link(&mut self, parts: &Items) {
        for (i, actor) in parts.actors.iter().enumerate() {
            self.cite(parts, &actor.sources, ItemRef::Actor(i));
            if let Some(parent) = actor
                .affiliation
                .as_deref()
                .and_then(|id| self.actor_index(parts, id))
            {
                push_unique(&mut self.actors[parent].members, i);
            }
        }
        for (i, issue) in parts.issues.iter().enumerate() {
            self.cite(parts, &issue.sources, ItemRef::Issue(i));
            for id in &issue.actors {
                if let Some(a) = self.actor_index(parts, id) {
                    push_unique(&mut self.actors[a].issues, i);
                    push_new(&mut self.issues[i].actors, a);
                }
            }
            for (p, position) in issue.positions.iter().enumerate() {
                let item = ItemRef::Position {
                    issue: i,
                    position: p,
                };
                self.cite(parts, &position.sources, item);
                if let Some(a) = self.actor_index(parts, &position.actor) {
                    push_unique(&mut self.actors[a].issues, i);
                    push_unique(&mut self.actors[a].positions, item);
                    push_new(&mut self.issues[i].actors, a);
                }
            }
        }
        for (q, quote) in parts.quotes.iter().enumerate() {
            self.cite(
                parts,
                std::slice::from_ref(&quote.source),
                ItemRef::Quote(q),
            );
            if let Some(a) = quote
                .speaker
                .as_deref()
                .and_then(|id| self.actor_index(parts, id))
            {
                push_unique(&mut self.actors[a].quotes, q);
            }
            for id in &quote.issues {
                if let Some(i) = self.issue_index(parts, id) {
                    push_unique(&mut self.issues[i].quotes, q);
                }
            }
        }
        for (e, event) in parts.events.iter().enumerate() {
            self.cite(parts, &event.sources, ItemRef::Event(e));
            for id in &event.actors {
                if let Some(a) = self.actor_index(parts, id) {
                    push_unique(&mut self.actors[a].events, e);
                }
            }
            for id in &event.issues {
                if let Some(i) = self.issue_index(parts, id) {
                    push_unique(&mut self.issues[i].events, e);
                }
            }
        }
        for (c, claim) in parts.claims.iter().enumerate() {
            for version in &claim.versions {
                self.cite(
                    parts,
                    std::slice::from_ref(&version.source),
                    ItemRef::Claim(c),
                );
            }
            for id in &claim.actors {
                if let Some(a) = self.actor_index(parts, id) {
                    push_unique(&mut self.actors[a].claims, c);
                }
            }
            for id in &claim.issues {
                if let Some(i) = self.issue_index(parts, id) {
                    push_unique(&mut self.issues[i].claims, c);
                }
            }
        }
    }
}

/// The hash tables of ids (this index, the review fingerprints) hash an
/// id with this.
pub(crate) fn hash_id(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}
