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

/// Every searchable string of an item, by field, best field first. The
/// index and the display of hits both read fields through this one list.
fn fields(b: &Briefing, item: ItemRef) -> Vec<(Field, Vec<&str>)> {
    fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
        items.into_iter().map(String::as_str).collect()
    }
    match item {
        ItemRef::Actor(i) => {
            let a = &b.actors[i];
            vec![
                (Field::Name, vec![a.name.as_str()]),
                (Field::Alias, texts(&a.aliases)),
                (
                    Field::Text,
                    texts(
                        std::iter::once(&a.summary)
                            .chain(&a.role)
                            .chain(&a.interests),
                    ),
                ),
            ]
        }
        ItemRef::Issue(i) => {
            let x = &b.issues[i];
            vec![
                (Field::Title, vec![x.title.as_str()]),
                (
                    Field::Text,
                    texts(
                        std::iter::once(&x.summary)
                            .chain(&x.stakes)
                            .chain(&x.open_questions)
                            .chain(&x.indicators),
                    ),
                ),
            ]
        }
        ItemRef::Position { issue, position } => {
            vec![(
                Field::Text,
                vec![b.issues[issue].positions[position].stance.as_str()],
            )]
        }
        ItemRef::Quote(i) => {
            let q = &b.quotes[i];
            vec![
                (Field::Title, vec![q.text.as_str()]),
                (Field::Text, texts(&q.context)),
            ]
        }
        ItemRef::Event(i) => {
            let e = &b.events[i];
            vec![
                (Field::Title, vec![e.title.as_str()]),
                (Field::Text, texts(e.description.iter().chain(&e.place))),
            ]
        }
        ItemRef::Source(i) => {
            let s = &b.sources[i];
            vec![
                (Field::Title, vec![s.title.as_str()]),
                (
                    Field::Text,
                    texts(s.outlet.iter().chain(&s.notes).chain(&s.references)),
                ),
            ]
        }
        ItemRef::Claim(i) => {
            let c = &b.claims[i];
            vec![
                (Field::Title, vec![c.topic.as_str()]),
                (
                    Field::Text,
                    texts(c.note.iter().chain(c.versions.iter().map(|v| &v.says))),
                ),
            ]
        }
    }
}

/// Every item of a briefing, in the order hits are listed.
fn all_items(b: &Briefing) -> impl Iterator<Item = ItemRef> + '_ {
    (0..b.actors.len())
        .map(ItemRef::Actor)
        .chain((0..b.issues.len()).flat_map(|i| {
            std::iter::once(ItemRef::Issue(i)).chain((0..b.issues[i].positions.len()).map(
                move |p| ItemRef::Position {
                    issue: i,
                    position: p,
                },
            ))
        }))
        .chain((0..b.quotes.len()).map(ItemRef::Quote))
        .chain((0..b.events.len()).map(ItemRef::Event))
        .chain((0..b.sources.len()).map(ItemRef::Source))
        .chain((0..b.claims.len()).map(ItemRef::Claim))
}

impl SearchIndex {
    pub fn build(b: &Briefing) -> SearchIndex {
        let mut entries = Vec::new();
        for item in all_items(b) {
            for (field, texts) in fields(b, item) {
                for (which, text) in texts.into_iter().enumerate() {
                    entries.push(Entry {
                        item,
                        field,
                        which: which as u32,
                        folded: fold(text),
                    });
                }
            }
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
    fields(b, hit.item)
        .into_iter()
        .find(|(field, _)| *field == hit.field)
        .and_then(|(_, texts)| texts.get(hit.which as usize).map(|t| t.to_string()))
        .unwrap_or_default()
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
