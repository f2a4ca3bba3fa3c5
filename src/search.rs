//! Whole-briefing search, case- and accent-insensitive: "erdogan" finds
//! "Erdoğan". Text is folded once when the index is built; each query is
//! folded and matched as a phrase against every field of every item.

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Actor, Briefing, Claim, Event, Issue, ItemRef, Kind, Position, Quote, Source};

/// Folds text for matching: decomposed, without combining marks, lowercase.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out, |_| {});
    out
}

/// Appends the folded form of `text` to `out`, ASCII runs (by far the
/// most common) a run at a time, and other characters through `folded`,
/// which remembers each one's folded form: a text uses few distinct ones.
fn fold_append(text: &str, out: &mut String, folded: &mut FxHashMap<char, Box<str>>) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        let (one, after) = rest.split_at(c.len_utf8());
        out.push_str(folded.entry(c).or_insert_with(|| fold(one).into()));
        rest = after;
    }
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

/// Where one field's folded text starts in the index's text, in 20
/// bytes (a large briefing has hundreds of thousands of fields). Offsets
/// and indices fit in 32 bits: a briefing file is at most 256 MiB.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    /// The item: its kind and index, and a position's index within its
    /// issue.
    kind: Kind,
    index: u32,
    position: u32,
    field: Field,
    /// Which string of the item (for items with several of one field).
    which: u32,
}

impl Entry {
    fn new(start: usize, item: ItemRef, field: Field, which: usize) -> Entry {
        let (kind, index, position) = rank(item);
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Entry {
            start: narrow(start),
            kind,
            index: narrow(index),
            position: narrow(position),
            field,
            which: narrow(which),
        }
    }

    fn start(&self) -> usize {
        self.start as usize
    }

    fn item(&self) -> ItemRef {
        ItemRef::new(self.kind, self.index as usize, self.position as usize)
    }
}

/// One item found, with the first field that matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub field: Field,
    pub which: u32,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// True when the search stopped at [`MAX_HITS`] items.
    pub capped: bool,
}

/// A search stops after this many items: more is not a list one reads,
/// and typing on narrows it.
pub const MAX_HITS: usize = 2000;

/// The folded text of every searchable field in one buffer, built once per
/// briefing, with the field each part belongs to. Parts are separated by a
/// NUL, which no query holds; items come in the order hits are listed.
pub struct SearchIndex {
    text: String,
    entries: Vec<Entry>,
}

/// The order hits are listed in: by kind (the reader's tabs), then by
/// place in the file.
fn rank(item: ItemRef) -> (Kind, usize, usize) {
    let (index, position) = item.indices();
    (item.kind(), index, position)
}

/// Every searchable string of an item, by field, best field first. The
/// index and the display of hits both read fields through this one list.
/// Each item is destructured by name (no `..`): a field added to the model
/// does not compile here until it is searched or left out on purpose.
fn fields(b: &Briefing, item: ItemRef) -> Vec<(Field, Vec<&str>)> {
    fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
        items.into_iter().map(String::as_str).collect()
    }
    match item {
        ItemRef::Actor(i) => {
            let Actor {
                id: _,
                name,
                kind: _,
                summary,
                sources: _,
                aliases,
                role,
                affiliation: _,
                interests,
                lint_allow: _,
                span: _,
            } = &b.actors[i];
            vec![
                (Field::Name, vec![name.as_str()]),
                (Field::Alias, texts(aliases)),
                (
                    Field::Text,
                    texts(std::iter::once(summary).chain(role).chain(interests)),
                ),
            ]
        }
        ItemRef::Issue(i) => {
            let Issue {
                id: _,
                title,
                summary,
                sources: _,
                stakes,
                actors: _,
                open_questions,
                indicators,
                positions: _,
                lint_allow: _,
                span: _,
            } = &b.issues[i];
            vec![
                (Field::Title, vec![title.as_str()]),
                (
                    Field::Text,
                    texts(
                        std::iter::once(summary)
                            .chain(stakes)
                            .chain(open_questions)
                            .chain(indicators),
                    ),
                ),
            ]
        }
        ItemRef::Position { issue, position } => {
            let Position {
                actor: _,
                stance,
                sources: _,
                span: _,
            } = &b.issues[issue].positions[position];
            vec![(Field::Text, vec![stance.as_str()])]
        }
        ItemRef::Quote(i) => {
            let Quote {
                id: _,
                text,
                source: _,
                speaker: _,
                issues: _,
                context,
                date: _,
                credibility: _,
                lint_allow: _,
                span: _,
                text_span: _,
            } = &b.quotes[i];
            vec![
                (Field::Title, vec![text.as_str()]),
                (Field::Text, texts(context)),
            ]
        }
        ItemRef::Event(i) => {
            let Event {
                id: _,
                date: _,
                title,
                sources: _,
                description,
                actors: _,
                issues: _,
                place,
                lint_allow: _,
                span: _,
            } = &b.events[i];
            vec![
                (Field::Title, vec![title.as_str()]),
                (Field::Text, texts(description.iter().chain(place))),
            ]
        }
        ItemRef::Source(i) => {
            let Source {
                id: _,
                title,
                outlet,
                published: _,
                url: _,
                file: _,
                reliability: _,
                notes,
                references,
                span: _,
            } = &b.sources[i];
            vec![
                (Field::Title, vec![title.as_str()]),
                (
                    Field::Text,
                    texts(outlet.iter().chain(notes).chain(references)),
                ),
            ]
        }
        ItemRef::Claim(i) => {
            let Claim {
                id: _,
                topic,
                issues: _,
                actors: _,
                note,
                versions,
                lint_allow: _,
                span: _,
            } = &b.claims[i];
            // A version's source and grade are not text to search.
            let says = versions.iter().map(
                |crate::model::Version {
                     source: _,
                     says,
                     credibility: _,
                 }| says,
            );
            vec![
                (Field::Title, vec![topic.as_str()]),
                (Field::Text, texts(note.iter().chain(says))),
            ]
        }
    }
}

/// Every item of a briefing, in the order hits are listed (see [`rank`]).
fn all_items(b: &Briefing) -> impl Iterator<Item = ItemRef> + '_ {
    b.items.all()
}

impl SearchIndex {
    pub fn build(b: &Briefing) -> SearchIndex {
        // Made to size at once: growing a large buffer would hold two copies
        // of it for a moment. Folding keeps most text to its length.
        let (mut len, mut count) = (0, 0);
        for item in all_items(b) {
            for (_, texts) in fields(b, item) {
                count += texts.len();
                len += texts.iter().map(|t| t.len() + 1).sum::<usize>();
            }
        }
        let mut text = String::with_capacity(len);
        let mut entries = Vec::with_capacity(count);
        let mut folded = FxHashMap::default();
        for item in all_items(b) {
            for (field, texts) in fields(b, item) {
                for (which, field_text) in texts.into_iter().enumerate() {
                    entries.push(Entry::new(text.len(), item, field, which));
                    fold_append(field_text, &mut text, &mut folded);
                    text.push('\0');
                }
            }
        }
        SearchIndex { text, entries }
    }

    /// Items matching `query`, one hit per item (its best field), grouped
    /// by kind in tab order and in file order within a kind; at most
    /// [`MAX_HITS`].
    pub fn search(&self, query: &str) -> Found {
        self.search_in(query, None)
    }

    /// Like [`search`](Self::search), but only among `within`'s items: a
    /// query that grows matches among the shorter query's items.
    pub fn search_in(&self, query: &str, within: Option<&[Hit]>) -> Found {
        let needle = fold(query).replace('\0', "");
        if needle.trim().is_empty() {
            return Found::default();
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let end_of = |e: usize| self.entries.get(e + 1).map_or(bytes.len(), Entry::start);
        let mut found = Found::default();
        match within {
            None => {
                let mut from = 0;
                while let Some(at) = finder.find(&bytes[from..]) {
                    let e = self.entries.partition_point(|x| x.start() <= from + at) - 1;
                    if found
                        .hits
                        .last()
                        .is_none_or(|h| h.item != self.entries[e].item())
                        && found.hits.len() == MAX_HITS
                    {
                        found.capped = true;
                        break;
                    }
                    add(&mut found.hits, &self.entries[e]);
                    // One match per field is enough: go on from the next.
                    from = end_of(e);
                }
            }
            Some(previous) => {
                for hit in previous {
                    let first = self
                        .entries
                        .partition_point(|x| rank(x.item()) < rank(hit.item));
                    for e in (first..self.entries.len())
                        .take_while(|&e| self.entries[e].item() == hit.item)
                    {
                        if finder
                            .find(&bytes[self.entries[e].start()..end_of(e)])
                            .is_some()
                        {
                            add(&mut found.hits, &self.entries[e]);
                        }
                    }
                }
            }
        }
        found
    }
}

/// Counts a matching field: a new hit, or a better field of the last one.
fn add(hits: &mut Vec<Hit>, entry: &Entry) {
    match hits.last_mut() {
        Some(last) if last.item == entry.item() => {
            if entry.field < last.field {
                last.field = entry.field;
                last.which = entry.which;
            }
        }
        _ => hits.push(Hit {
            item: entry.item(),
            field: entry.field,
            which: entry.which,
        }),
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
    fn the_index_holds_each_text_folded_as_fold_does() {
        let b = crate::Briefing::from_str(&crate::generate::briefing(200_000, 3), "g.toml")
            .expect("valid");
        let index = SearchIndex::build(&b);
        let mut expected = String::new();
        let mut places = Vec::new();
        for item in all_items(&b) {
            for (field, texts) in fields(&b, item) {
                for (which, text) in texts.into_iter().enumerate() {
                    places.push((expected.len(), item, field, which as u32));
                    expected.push_str(&fold(text));
                    expected.push('\0');
                }
            }
        }
        assert!(!expected.is_ascii());
        assert_eq!(index.text, expected);
        let entries: Vec<_> = index
            .entries
            .iter()
            .map(|e| (e.start(), e.item(), e.field, e.which))
            .collect();
        assert_eq!(entries, places);
        assert!(
            places
                .iter()
                .any(|p| matches!(p.1, ItemRef::Position { .. }))
        );
        assert_eq!(std::mem::size_of::<Entry>(), 20);
    }

    #[test]
    fn narrowing_a_search_finds_what_a_full_search_finds() {
        let b = crate::Briefing::from_str(&crate::generate::briefing(300_000, 5), "g.toml")
            .expect("valid");
        let index = SearchIndex::build(&b);
        for query in ["zü", "café", "ministry said", "erdog", "москва", "q1", "th"] {
            let mut shorter = String::new();
            let mut found = Found::default();
            for c in query.chars() {
                shorter.push(c);
                let narrowed =
                    if found.capped || found.hits.is_empty() && shorter.chars().count() > 1 {
                        index.search(&shorter)
                    } else {
                        index.search_in(&shorter, Some(&found.hits))
                    };
                let full = index.search(&shorter);
                if shorter.chars().count() > 1 && !found.capped {
                    assert_eq!(narrowed, full, "{shorter}");
                }
                found = full;
            }
        }
        let found = index.search("zü");
        assert!(!found.hits.is_empty() && found.hits.len() <= MAX_HITS);
        for hit in &found.hits {
            assert!(fold(&hit_text(&b, hit)).contains("zu"), "{hit:?}");
        }
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
