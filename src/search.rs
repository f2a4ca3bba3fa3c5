//! Whole-briefing search, case- and accent-insensitive: "erdogan" finds
//! "Erdoğan". Text is folded once when the index is built; each query is
//! folded and matched as a phrase against every field of every item.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Briefing, ItemRef, Kind};

/// Folds text for matching: decomposed, without combining marks, lowercase.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_| {});
    out
}

/// Folds `text`, calling `mark(byte offset in text)` once per output char.
fn fold_into(text: &str, out: &mut String, mut mark: impl FnMut(usize)) {
    for (offset, c) in text.char_indices() {
        if c.is_ascii() {
            mark(offset);
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                mark(offset);
                out.push(l);
            }
        }
    }
}

/// Byte ranges in `text` where `query` occurs, folding both.
pub fn find_all(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let needle = fold(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    // Original offset of each folded char, by folded byte offset.
    let mut origin: Vec<usize> = Vec::with_capacity(text.len() + 1);
    fold_into(text, &mut folded, |offset| origin.push(offset));
    let starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
    let original_at = |folded_byte: usize| -> usize {
        match starts.binary_search(&folded_byte) {
            Ok(i) => origin[i],
            Err(_) => text.len(),
        }
    };
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(at) = folded[from..].find(&needle) {
        let start = from + at;
        let end = start + needle.len();
        let original_end = if end >= folded.len() {
            text.len()
        } else {
            original_at(end)
        };
        let original_start = original_at(start);
        if original_end > original_start {
            ranges.push(original_start..original_end);
        }
        from = end;
    }
    ranges
}

/// Which part of an item matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Alias,
    Title,
    Text,
}

struct Entry {
    item: ItemRef,
    field: Field,
    /// Which string of the item (for items with several of one field).
    which: u32,
    folded: String,
}

/// One item found, with the first field that matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub field: Field,
    pub which: u32,
}

/// The folded text of every searchable field, built once per briefing.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(b: &Briefing) -> SearchIndex {
        let mut entries = Vec::new();
        let mut add = |item: ItemRef, field: Field, texts: &mut dyn Iterator<Item = &str>| {
            for (which, text) in texts.enumerate() {
                entries.push(Entry {
                    item,
                    field,
                    which: which as u32,
                    folded: fold(text),
                });
            }
        };
        for (i, a) in b.actors.iter().enumerate() {
            let item = ItemRef::Actor(i);
            add(item, Field::Name, &mut std::iter::once(a.name.as_str()));
            add(
                item,
                Field::Alias,
                &mut a.aliases.iter().map(String::as_str),
            );
            add(
                item,
                Field::Text,
                &mut [Some(&a.summary), a.role.as_ref()]
                    .into_iter()
                    .flatten()
                    .chain(&a.interests)
                    .map(String::as_str),
            );
        }
        for (i, x) in b.issues.iter().enumerate() {
            let item = ItemRef::Issue(i);
            add(item, Field::Title, &mut std::iter::once(x.title.as_str()));
            add(
                item,
                Field::Text,
                &mut [Some(&x.summary), x.stakes.as_ref()]
                    .into_iter()
                    .flatten()
                    .chain(&x.open_questions)
                    .chain(&x.indicators)
                    .map(String::as_str),
            );
            for (p, position) in x.positions.iter().enumerate() {
                add(
                    ItemRef::Position {
                        issue: i,
                        position: p,
                    },
                    Field::Text,
                    &mut std::iter::once(position.stance.as_str()),
                );
            }
        }
        for (i, q) in b.quotes.iter().enumerate() {
            let item = ItemRef::Quote(i);
            add(item, Field::Title, &mut std::iter::once(q.text.as_str()));
            add(item, Field::Text, &mut q.context.iter().map(String::as_str));
        }
        for (i, e) in b.events.iter().enumerate() {
            let item = ItemRef::Event(i);
            add(item, Field::Title, &mut std::iter::once(e.title.as_str()));
            add(
                item,
                Field::Text,
                &mut [e.description.as_ref(), e.place.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        for (i, s) in b.sources.iter().enumerate() {
            let item = ItemRef::Source(i);
            add(item, Field::Title, &mut std::iter::once(s.title.as_str()));
            add(
                item,
                Field::Text,
                &mut [s.outlet.as_ref(), s.notes.as_ref()]
                    .into_iter()
                    .flatten()
                    .chain(&s.references)
                    .map(String::as_str),
            );
        }
        for (i, c) in b.claims.iter().enumerate() {
            let item = ItemRef::Claim(i);
            add(item, Field::Title, &mut std::iter::once(c.topic.as_str()));
            add(
                item,
                Field::Text,
                &mut c
                    .note
                    .iter()
                    .chain(c.versions.iter().map(|v| &v.says))
                    .map(String::as_str),
            );
        }
        SearchIndex { entries }
    }

    /// Items matching `query`, one hit per item (its best field), grouped
    /// by kind in tab order and in file order within a kind.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let needle = fold(query);
        if needle.trim().is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for entry in &self.entries {
            if !entry.folded.contains(&needle) {
                continue;
            }
            match hits.last_mut() {
                Some(last) if last.item == entry.item => {
                    if entry.field < last.field {
                        last.field = entry.field;
                        last.which = entry.which;
                    }
                }
                _ => hits.push(Hit {
                    item: entry.item,
                    field: entry.field,
                    which: entry.which,
                }),
            }
        }
        hits.sort_by_key(|h| (kind_order(h.item.kind()), h.item));
        hits
    }
}

/// Kinds in the order of the reader's tabs.
pub fn kind_order(kind: Kind) -> u8 {
    match kind {
        Kind::Actor => 0,
        Kind::Issue => 1,
        Kind::Position => 2,
        Kind::Quote => 3,
        Kind::Event => 4,
        Kind::Source => 5,
        Kind::Claim => 6,
    }
}

/// The text of the field a hit matched, to show it with the match marked.
pub fn hit_text(b: &Briefing, hit: &Hit) -> String {
    let which = hit.which as usize;
    let nth = |list: &[&String]| list.get(which).map(|s| s.to_string()).unwrap_or_default();
    match (hit.item, hit.field) {
        (ItemRef::Actor(i), Field::Name) => b.actors[i].name.clone(),
        (ItemRef::Actor(i), Field::Alias) => nth(&b.actors[i].aliases.iter().collect::<Vec<_>>()),
        (ItemRef::Actor(i), _) => {
            let a = &b.actors[i];
            nth(&[Some(&a.summary), a.role.as_ref()]
                .into_iter()
                .flatten()
                .chain(&a.interests)
                .collect::<Vec<_>>())
        }
        (ItemRef::Issue(i), Field::Title) => b.issues[i].title.clone(),
        (ItemRef::Issue(i), _) => {
            let x = &b.issues[i];
            nth(&[Some(&x.summary), x.stakes.as_ref()]
                .into_iter()
                .flatten()
                .chain(&x.open_questions)
                .chain(&x.indicators)
                .collect::<Vec<_>>())
        }
        (ItemRef::Position { issue, position }, _) => {
            b.issues[issue].positions[position].stance.clone()
        }
        (ItemRef::Quote(i), Field::Title) => b.quotes[i].text.clone(),
        (ItemRef::Quote(i), _) => b.quotes[i].context.clone().unwrap_or_default(),
        (ItemRef::Event(i), Field::Title) => b.events[i].title.clone(),
        (ItemRef::Event(i), _) => {
            let e = &b.events[i];
            nth(&[e.description.as_ref(), e.place.as_ref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>())
        }
        (ItemRef::Source(i), Field::Title) => b.sources[i].title.clone(),
        (ItemRef::Source(i), _) => {
            let s = &b.sources[i];
            nth(&[s.outlet.as_ref(), s.notes.as_ref()]
                .into_iter()
                .flatten()
                .chain(&s.references)
                .collect::<Vec<_>>())
        }
        (ItemRef::Claim(i), Field::Title) => b.claims[i].topic.clone(),
        (ItemRef::Claim(i), _) => {
            let c = &b.claims[i];
            nth(&c
                .note
                .iter()
                .chain(c.versions.iter().map(|v| &v.says))
                .collect::<Vec<_>>())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ÉLAN Türkiye"), "elan turkiye");
        assert_eq!(fold("Sharʿa"), "sharʿa");
    }

    #[test]
    fn find_all_maps_matches_back_to_the_original_text() {
        let text = "President Erdoğan met ERDOGAN";
        let found: Vec<&str> = find_all(text, "erdogan")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["Erdoğan", "ERDOGAN"]);
        assert!(find_all(text, "").is_empty());
    }
}
