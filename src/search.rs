//! Whole-briefing search, case- and accent-insensitive: "erdogan" finds
//! "Erdoğan". Text is folded once when the index is built. A query is
//! words that must all occur (in any fields of an item), `"…"` for a
//! phrase, `!word` for a word that must not, and dates as people write
//! them (`2025-10-15`, `2025-10`, `15 October 2025`, `October 2025`),
//! matched against the items' dates. Hits are ranked: an exact name, title
//! or id first, then names and titles starting with what was typed, then
//! names and titles containing it, then the other text.

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{
    Actor, Briefing, Claim, Event, Issue, ItemRef, Kind, PartialDate, Position, Quote, Source,
};

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

/// Which part of an item matched: its name, alias or title (the parts
/// ranked first), or one of its other fields, named for the results list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Alias,
    Title,
    Id,
    Role,
    Summary,
    Interests,
    Stakes,
    OpenQuestion,
    Indicator,
    Stance,
    Context,
    Description,
    Place,
    Outlet,
    Notes,
    Reference,
    Note,
    Version,
}

impl Field {
    /// A name, alias, title or id: what an analyst calls the item.
    pub fn names_the_item(self) -> bool {
        matches!(self, Field::Name | Field::Alias | Field::Title | Field::Id)
    }

    /// The field as the results list names it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Alias => "alias",
            Field::Title => "title",
            Field::Id => "id",
            Field::Role => "role",
            Field::Summary => "summary",
            Field::Interests => "interests",
            Field::Stakes => "stakes",
            Field::OpenQuestion => "open question",
            Field::Indicator => "indicator",
            Field::Stance => "stance",
            Field::Context => "context",
            Field::Description => "description",
            Field::Place => "place",
            Field::Outlet => "outlet",
            Field::Notes => "notes",
            Field::Reference => "reference",
            Field::Note => "note",
            Field::Version => "version",
        }
    }
}

/// Where one field's folded text is in the index (in its names' text or
/// its other text, by its field), in 24 bytes (a large briefing has
/// hundreds of thousands of fields). Offsets and indices fit in 32 bits:
/// a briefing file is at most 256 MiB.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
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
            len: 0,
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

/// One item found, with the field that matched best.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub field: Field,
    pub which: u32,
    /// How well it matched: 0 an exact name, title or id; 1 a name or
    /// title starting with a word of the query; 2 a name or title holding
    /// it; 3 other text or a date.
    pub rank: u8,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// True when more items matched than [`MAX_HITS`]: the best are kept.
    pub capped: bool,
    /// When nothing matched: names and titles like what was typed.
    pub suggestions: Vec<Hit>,
}

/// One part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// Folded text that must occur (a word, or a `"…"` phrase).
    Has(String),
    /// Folded text that must not occur (`!word`).
    Not(String),
    /// A date the item's date must fall in, or contain.
    Date(PartialDate),
}

/// A query, parsed: its terms, and the text all its words make together
/// (for an exact name or title).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub whole: String,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names (`october`, `oct`), 1–12.
fn month_of(word: &str) -> Option<u16> {
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) || word == *m)
        .map(|n| n as u16 + 1)
}

/// A date written in a few words from `words[at..]`: `15 october 2025`,
/// `october 15 2025`, `october 2025`; with how many words it took.
fn words_date(words: &[&str], at: usize) -> Option<(PartialDate, usize)> {
    let word = |n: usize| words.get(at + n).copied();
    let number = |n: usize, digits: std::ops::RangeInclusive<usize>| {
        word(n)
            .map(|w| w.trim_end_matches(','))
            .filter(|w| digits.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.parse::<u16>().ok())
    };
    let month = |n: usize| word(n).and_then(month_of);
    if let (Some(day), Some(m), Some(year)) = (number(0, 1..=2), month(1), number(2, 4..=4)) {
        return Some((PartialDate::from_parts(year, Some(m), Some(day))?, 3));
    }
    if let (Some(m), Some(day), Some(year)) = (month(0), number(1, 1..=2), number(2, 4..=4)) {
        return Some((PartialDate::from_parts(year, Some(m), Some(day))?, 3));
    }
    if let (Some(m), Some(year)) = (month(0), number(1, 4..=4)) {
        return Some((PartialDate::from_parts(year, Some(m), None)?, 2));
    }
    None
}

impl Query {
    /// The longest text that must occur, if any: candidates are the items
    /// where it does.
    fn longest(&self) -> Option<&str> {
        self.terms
            .iter()
            .filter_map(|t| match t {
                Term::Has(text) => Some(text.as_str()),
                _ => None,
            })
            .max_by_key(|t| t.len())
    }

    /// A finder for each term's text (an empty one for a date), built once
    /// for all the candidates.
    fn finders(&self) -> Vec<memchr::memmem::Finder<'_>> {
        self.terms
            .iter()
            .map(|t| match t {
                Term::Has(text) | Term::Not(text) => memchr::memmem::Finder::new(text.as_bytes()),
                Term::Date(_) => memchr::memmem::Finder::new(b""),
            })
            .collect()
    }

    /// How a word found at byte `at` of the text of a field that names its
    /// item ranks: 0 the whole query is that text, 1 the text has a word
    /// starting there, 2 it holds it elsewhere.
    fn name_rank(&self, text: &str, at: usize) -> u8 {
        if text == self.whole {
            0
        } else if at == 0 || text[..at].ends_with([' ', '-', '(', '\'', '“', '"', '‘']) {
            1
        } else {
            2
        }
    }

    /// Parses what was typed in the search prompt.
    pub fn parse(text: &str) -> Query {
        let mut terms = Vec::new();
        let mut whole = Vec::new();
        let mut rest = text;
        let mut words: Vec<String> = Vec::new();
        // Phrases first: `"…"` (an unclosed one runs to the end).
        while let Some(open) = rest.find('"') {
            words.extend(rest[..open].split_whitespace().map(str::to_string));
            let after = &rest[open + 1..];
            let (phrase, next) = match after.find('"') {
                Some(close) => (&after[..close], &after[close + 1..]),
                None => (after, ""),
            };
            let folded = fold(phrase).replace('\0', "");
            if !folded.trim().is_empty() {
                whole.push(folded.trim().to_string());
                terms.push(Term::Has(folded.trim().to_string()));
            }
            rest = next;
        }
        words.extend(rest.split_whitespace().map(str::to_string));
        let folded: Vec<String> = words.iter().map(|w| fold(w).replace('\0', "")).collect();
        let plain: Vec<&str> = folded.iter().map(String::as_str).collect();
        let mut n = 0;
        while n < plain.len() {
            if let Some((date, used)) = words_date(&plain, n) {
                terms.push(Term::Date(date));
                n += used;
                continue;
            }
            let word = plain[n];
            n += 1;
            if let Some(not) = word.strip_prefix('!') {
                if !not.is_empty() {
                    terms.push(Term::Not(not.to_string()));
                }
                continue;
            }
            if let Ok(date) = PartialDate::parse(word)
                && word.contains('-')
            {
                terms.push(Term::Date(date));
                continue;
            }
            if !word.is_empty() {
                whole.push(word.to_string());
                terms.push(Term::Has(word.to_string()));
            }
        }
        Query {
            terms,
            whole: whole.join(" "),
        }
    }

    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        !self
            .terms
            .iter()
            .any(|t| matches!(t, Term::Has(_) | Term::Date(_)))
    }

    /// The texts a match of this query shows highlighted.
    pub fn highlights(&self) -> Vec<String> {
        self.terms
            .iter()
            .filter_map(|t| match t {
                Term::Has(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
    }
}

/// True when one date lies within the other's period (`2025-10` holds
/// `2025-10-15`, and `2025-10-15` lies in `2025-10`).
pub fn dates_meet(a: PartialDate, b: PartialDate) -> bool {
    let within = |outer: PartialDate, inner: PartialDate| {
        outer.year == inner.year
            && outer.month.is_none_or(|m| inner.month == Some(m))
            && outer.day.is_none_or(|d| inner.day == Some(d))
    };
    within(a, b) || within(b, a)
}

/// A search keeps this many items, the best ranked: more is not a list one
/// reads, and typing on narrows it.
pub const MAX_HITS: usize = 2000;

/// The folded text of every searchable field in one buffer, built once per
/// briefing, with the field each part belongs to. Parts are separated by a
/// NUL, which no query holds; items come in the order hits are listed.
pub struct SearchIndex {
    /// The folded text of every entry that does not name its item, each
    /// followed by `\0`.
    text: String,
    /// Where each of those entries starts in `text`, and which it is.
    prose: Vec<(u32, u32)>,
    entries: Vec<Entry>,
    /// Every item's date (events, quotes, sources), in index order.
    dates: Vec<(ItemRef, PartialDate)>,
    /// Items' names and titles, folded, for suggestions when nothing
    /// matches: the entries that name an item.
    names: Vec<usize>,
    /// The folded text of every entry that names its item (names,
    /// aliases, titles, ids), each followed by `\0`: the only text where a
    /// hit can rank above 3, so searched in full, while `text` is searched
    /// only as far as the hits shown need.
    naming_text: String,
    /// Where each of those entries starts in `naming_text`, and which it is.
    naming: Vec<(u32, u32)>,
}

/// The index of the last of `starts` (ascending) at or before `pos`,
/// looking from `from` on (whose start is at or before `pos`): a few
/// steps when the next is near, as when most entries match.
fn last_at_or_before(
    starts: impl Fn(usize) -> usize,
    len: usize,
    from: usize,
    pos: usize,
) -> usize {
    let mut step = 1;
    let mut low = from;
    let mut high = from + 1;
    while high < len && starts(high) <= pos {
        low = high;
        high = (high + step).min(len);
        step *= 2;
    }
    // starts(low) <= pos, and starts(high) > pos (or high == len).
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if starts(mid) <= pos {
            low = mid;
        } else {
            high = mid;
        }
    }
    low
}

/// The order hits are listed in: by kind (the reader's tabs), then by
/// place in the file.
fn rank(item: ItemRef) -> (Kind, usize, usize) {
    let (index, position) = item.indices();
    (item.kind(), index, position)
}

/// Every searchable string of an item, by field, names first. The index
/// and the display of hits both read fields through this one list. Each
/// item is destructured by name (no `..`): a field added to the model does
/// not compile here until it is searched or left out on purpose.
fn fields(b: &Briefing, item: ItemRef) -> Vec<(Field, Vec<&str>)> {
    fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
        items.into_iter().map(String::as_str).collect()
    }
    fn one(text: &str) -> Vec<&str> {
        vec![text]
    }
    match item {
        ItemRef::Actor(i) => {
            let Actor {
                id,
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
                (Field::Id, vec![id.as_str()]),
                (Field::Role, texts(role)),
                (Field::Summary, vec![summary.as_str()]),
                (Field::Interests, texts(interests)),
            ]
        }
        ItemRef::Issue(i) => {
            let Issue {
                id,
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
                (Field::Id, vec![id.as_str()]),
                (Field::Summary, vec![summary.as_str()]),
                (Field::Stakes, texts(stakes)),
                (Field::OpenQuestion, texts(open_questions)),
                (Field::Indicator, texts(indicators)),
            ]
        }
        ItemRef::Position { issue, position } => {
            let Position {
                actor: _,
                stance,
                sources: _,
                span: _,
            } = &b.issues[issue].positions[position];
            vec![(Field::Stance, one(stance))]
        }
        ItemRef::Quote(i) => {
            let Quote {
                id,
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
                (Field::Title, one(text)),
                (Field::Id, one(id)),
                (Field::Context, texts(context)),
            ]
        }
        ItemRef::Event(i) => {
            let Event {
                id,
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
                (Field::Title, one(title)),
                (Field::Id, one(id)),
                (Field::Description, texts(description)),
                (Field::Place, texts(place)),
            ]
        }
        ItemRef::Source(i) => {
            let Source {
                id,
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
                (Field::Title, one(title)),
                (Field::Id, one(id)),
                (Field::Outlet, texts(outlet)),
                (Field::Notes, texts(notes)),
                (Field::Reference, texts(references)),
            ]
        }
        ItemRef::Claim(i) => {
            let Claim {
                id,
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
                (Field::Title, one(topic)),
                (Field::Id, one(id)),
                (Field::Note, texts(note)),
                (Field::Version, says.map(String::as_str).collect()),
            ]
        }
    }
}

/// An item's date, where it has one.
fn date_of(b: &Briefing, item: ItemRef) -> Option<PartialDate> {
    match item {
        ItemRef::Event(i) => Some(b.events[i].date),
        ItemRef::Quote(i) => b.quotes[i].date,
        ItemRef::Source(i) => b.sources[i].published,
        _ => None,
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
        let (mut naming_len, mut naming_count) = (0, 0);
        for item in all_items(b) {
            for (field, texts) in fields(b, item) {
                count += texts.len();
                let here = texts.iter().map(|t| t.len() + 1).sum::<usize>();
                len += here;
                if field.names_the_item() {
                    naming_count += texts.len();
                    naming_len += here;
                }
            }
        }
        let mut text = String::with_capacity(len - naming_len);
        let mut prose = Vec::with_capacity(count - naming_count);
        let mut entries = Vec::with_capacity(count);
        let mut names = Vec::new();
        let mut naming_text = String::with_capacity(naming_len);
        let mut naming = Vec::with_capacity(naming_count);
        let mut dates = Vec::new();
        let mut folded = FxHashMap::default();
        for item in all_items(b) {
            for (field, texts) in fields(b, item) {
                for (which, field_text) in texts.into_iter().enumerate() {
                    if matches!(field, Field::Name | Field::Alias | Field::Title)
                        && !matches!(item, ItemRef::Quote(_))
                    {
                        names.push(entries.len());
                    }
                    let (buffer, places) = if field.names_the_item() {
                        (&mut naming_text, &mut naming)
                    } else {
                        (&mut text, &mut prose)
                    };
                    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    let start = buffer.len();
                    let mut entry = Entry::new(start, item, field, which);
                    fold_append(field_text, buffer, &mut folded);
                    entry.len = narrow(buffer.len() - start);
                    buffer.push('\0');
                    places.push((narrow(start), narrow(entries.len())));
                    entries.push(entry);
                }
            }
            if let Some(date) = date_of(b, item) {
                dates.push((item, date));
            }
        }
        SearchIndex {
            text,
            prose,
            entries,
            dates,
            names,
            naming_text,
            naming,
        }
    }

    /// The folded text of entry `e`.
    fn entry_text(&self, e: usize) -> &str {
        let entry = &self.entries[e];
        let buffer = if entry.field.names_the_item() {
            &self.naming_text
        } else {
            &self.text
        };
        &buffer[entry.start()..entry.start() + entry.len as usize]
    }

    /// Where the entries of the item of entry `e` start and end.
    fn item_entries(&self, e: usize) -> std::ops::Range<usize> {
        let item = self.entries[e].item();
        let mut start = e;
        while start > 0 && self.entries[start - 1].item() == item {
            start -= 1;
        }
        let mut end = e + 1;
        while end < self.entries.len() && self.entries[end].item() == item {
            end += 1;
        }
        start..end
    }

    /// Where the entries of `item` start, if it has any.
    fn first_entry(&self, item: ItemRef) -> Option<usize> {
        let first = self
            .entries
            .partition_point(|x| rank(x.item()) < rank(item));
        (first < self.entries.len() && self.entries[first].item() == item).then_some(first)
    }

    /// Items matching `query`, one hit per item (its best field), ranked:
    /// grouped by kind (the kind of the best hit first), and by rank and
    /// file order within a kind; at most [`MAX_HITS`]. When nothing
    /// matches, the names and titles nearest to what was typed.
    pub fn search(&self, query: &str) -> Found {
        self.search_in(query, None)
    }

    /// Like [`search`](Self::search), but only among `within`'s items: a
    /// query that grows matches among the shorter query's items.
    pub fn search_in(&self, query: &str, within: Option<&[Hit]>) -> Found {
        let query = Query::parse(query);
        if query.is_empty() {
            return Found::default();
        }
        let finders = query.finders();
        // Candidates: the items where the longest word occurs (ranked
        // over the whole briefing by `search_all`), those of the search
        // narrowed, or every dated item for a query of dates alone.
        let starts: Vec<usize> = match (within, query.longest()) {
            (None, Some(word)) => {
                let (hits, capped) = self.search_all(&query, &finders, word);
                return self.found(&query, hits, capped);
            }
            (Some(previous), _) => previous
                .iter()
                .filter_map(|h| self.first_entry(h.item))
                .collect(),
            (None, None) => self
                .dates
                .iter()
                .filter_map(|(i, _)| self.first_entry(*i))
                .collect(),
        };
        let mut hits: Vec<Hit> = starts
            .into_iter()
            .filter_map(|start| self.score(start, &query, &finders))
            .collect();
        // Kinds in the order of their best hit; within a kind, by rank.
        let mut best = [u8::MAX; <Kind as strum::EnumCount>::COUNT];
        for hit in &hits {
            let k = hit.item.kind() as usize;
            best[k] = best[k].min(hit.rank);
        }
        let order = |h: &Hit| {
            let kind = h.item.kind();
            (best[kind as usize], kind, h.rank, rank(h.item))
        };
        let capped = hits.len() > MAX_HITS;
        if capped {
            // Only the first MAX_HITS are kept: they are picked out, then
            // sorted (each item's key is its own, so the order is total).
            hits.select_nth_unstable_by_key(MAX_HITS, order);
            hits.truncate(MAX_HITS);
        }
        hits.sort_unstable_by_key(order);
        self.found(&query, hits, capped)
    }

    fn found(&self, query: &Query, hits: Vec<Hit>, capped: bool) -> Found {
        let suggestions = if hits.is_empty() {
            self.suggest(query)
        } else {
            Vec::new()
        };
        Found {
            hits,
            capped,
            suggestions,
        }
    }

    /// Every item a word of `query` names (in a name, alias, title or id)
    /// and that matches the whole query, in file order, each with its
    /// best field. A query of one word is ranked here as the names are
    /// read; a longer one is scored item by item.
    fn hits_by_name(&self, query: &Query, finders: &[memchr::memmem::Finder]) -> Vec<Hit> {
        let bytes = self.naming_text.as_bytes();
        let entry_end = |n: usize| {
            self.naming
                .get(n + 1)
                .map_or(bytes.len(), |&(s, _)| s as usize)
        };
        if let ([Term::Has(_)], [finder]) = (&query.terms[..], finders) {
            let mut hits: Vec<Hit> = Vec::new();
            let (mut from, mut next) = (0, 0);
            let naming_start = |n: usize| self.naming[n].0 as usize;
            while from < bytes.len()
                && let Some(at) = finder.find(&bytes[from..])
            {
                let n = last_at_or_before(naming_start, self.naming.len(), next, from + at);
                next = n + 1;
                let e = self.naming[n].1 as usize;
                let rank = query.name_rank(self.entry_text(e), from + at - naming_start(n));
                let entry = &self.entries[e];
                let hit = Hit {
                    item: entry.item(),
                    field: entry.field,
                    which: entry.which,
                    rank,
                };
                // An item's names are together: keep its best, the field
                // that names it best on a tie (as `score` does).
                match hits.last_mut() {
                    Some(last) if last.item == hit.item => {
                        if rank < last.rank || (rank == last.rank && hit.field < last.field) {
                            *last = hit;
                        }
                    }
                    _ => hits.push(hit),
                }
                from = entry_end(n);
            }
            return hits;
        }
        let mut named: Vec<usize> = Vec::new();
        for (term, finder) in query.terms.iter().zip(finders) {
            let Term::Has(_) = term else { continue };
            let mut from = 0;
            while from < bytes.len()
                && let Some(at) = finder.find(&bytes[from..])
            {
                let n = self
                    .naming
                    .partition_point(|&(s, _)| s as usize <= from + at)
                    - 1;
                named.push(self.item_entries(self.naming[n].1 as usize).start);
                from = entry_end(n);
            }
        }
        named.sort_unstable();
        named.dedup();
        named
            .iter()
            .filter_map(|&start| self.score(start, query, finders))
            .collect()
    }

    /// The hits of a query with words, over the whole briefing, in the
    /// order `search_in` gives them, and whether there were more than
    /// [`MAX_HITS`]. Items whose names, titles or ids hold a word (the
    /// only hits that rank above 3) are all found and ranked; then each
    /// kind's other hits, which rank 3 and so come in file order, are
    /// searched for only until the list is full.
    fn search_all(
        &self,
        query: &Query,
        finders: &[memchr::memmem::Finder],
        longest: &str,
    ) -> (Vec<Hit>, bool) {
        let by_name = self.hits_by_name(query, finders);
        // Items hit by name, in file order, to leave out of the rest.
        let named: Vec<(Kind, usize, usize)> = {
            let mut named: Vec<_> = by_name.iter().map(|h| rank(h.item)).collect();
            named.sort_unstable();
            named
        };
        let mut best = [u8::MAX; <Kind as strum::EnumCount>::COUNT];
        for hit in &by_name {
            let k = hit.item.kind() as usize;
            best[k] = best[k].min(hit.rank);
        }
        // Within a kind by rank, then in file order: put in their place
        // in order, as the hits come in file order.
        const KINDS: usize = <Kind as strum::EnumCount>::COUNT;
        let mut by_kind: Vec<Vec<Hit>> = vec![Vec::new(); KINDS * 4];
        for hit in by_name {
            by_kind[hit.item.kind() as usize * 4 + usize::from(hit.rank.min(3))].push(hit);
        }
        // Kinds with a hit by name first, by their best; then the others,
        // whose hits (if any) all rank 3, in kind order.
        let mut kinds: Vec<Kind> = <Kind as strum::IntoEnumIterator>::iter().collect();
        kinds.sort_by_key(|&k| (best[k as usize], k));
        let finder = memchr::memmem::Finder::new(longest.as_bytes());
        let bytes = self.text.as_bytes();
        let mut hits = Vec::new();
        for kind in kinds {
            for bucket in &by_kind[kind as usize * 4..kind as usize * 4 + 4] {
                hits.extend(
                    bucket
                        .iter()
                        .take((MAX_HITS + 1).saturating_sub(hits.len()))
                        .cloned(),
                );
            }
            if hits.len() > MAX_HITS {
                break;
            }
            // This kind's other text: the places of its entries in `text`.
            let kind_of = |&(_, e): &(u32, u32)| self.entries[e as usize].kind;
            let first = self.prose.partition_point(|p| kind_of(p) < kind);
            let last = self.prose.partition_point(|p| kind_of(p) <= kind);
            if first == last {
                continue;
            }
            let place = |p: usize| self.prose.get(p).map_or(bytes.len(), |&(s, _)| s as usize);
            let (mut from, end) = (place(first), place(last));
            let mut next = first;
            while from < end
                && hits.len() <= MAX_HITS
                && let Some(at) = finder.find(&bytes[from..end])
            {
                let p = last_at_or_before(place, last, next, from + at);
                let e = self.prose[p].1 as usize;
                let range = self.item_entries(e);
                // On past this item's other entries.
                next = p + 1;
                while next < last && (self.prose[next].1 as usize) < range.end {
                    next += 1;
                }
                from = place(next);
                if named.binary_search(&rank(self.entries[e].item())).is_ok() {
                    continue;
                }
                hits.extend(self.score(range.start, query, finders));
            }
            if hits.len() > MAX_HITS {
                break;
            }
        }
        let capped = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        (hits, capped)
    }

    /// The hit for the item whose entries start at `start`, if it matches
    /// every term of `query`.
    fn score(
        &self,
        start: usize,
        query: &Query,
        finders: &[memchr::memmem::Finder],
    ) -> Option<Hit> {
        let item = self.entries[start].item();
        let mut end = start + 1;
        while end < self.entries.len() && self.entries[end].item() == item {
            end += 1;
        }
        let mut best: Option<(u8, usize)> = None;
        for (term, finder) in query.terms.iter().zip(finders) {
            match term {
                Term::Has(_) => {
                    let mut found = false;
                    for e in start..end {
                        let text = self.entry_text(e);
                        let Some(at) = finder.find(text.as_bytes()) else {
                            continue;
                        };
                        found = true;
                        let field = self.entries[e].field;
                        let rank = if field.names_the_item() {
                            query.name_rank(text, at)
                        } else {
                            3
                        };
                        // On a tie, the field that names the item best.
                        let better = best.is_none_or(|(r, b)| {
                            rank < r || (rank == r && field < self.entries[b].field)
                        });
                        if better {
                            best = Some((rank, e));
                        }
                        // Names come first: once a word is found, text
                        // that does not name the item ranks no better.
                        if !field.names_the_item() {
                            break;
                        }
                    }
                    if !found {
                        return None;
                    }
                }
                Term::Not(_) => {
                    if (start..end).any(|e| finder.find(self.entry_text(e).as_bytes()).is_some()) {
                        return None;
                    }
                }
                Term::Date(date) => {
                    let at = self.dates.partition_point(|(i, _)| rank(*i) < rank(item));
                    match self.dates.get(at) {
                        Some((i, d)) if *i == item && dates_meet(*d, *date) => {
                            best.get_or_insert((3, start));
                        }
                        _ => return None,
                    }
                }
            }
        }
        let (rank, e) = best?;
        Some(Hit {
            item,
            field: self.entries[e].field,
            which: self.entries[e].which,
            rank,
        })
    }

    /// Names and titles nearest to the query's words, when nothing
    /// matched: typing "murhav" suggests Murhaf Abu Qasra. Only names are
    /// corrected; prose is searched as typed.
    fn suggest(&self, query: &Query) -> Vec<Hit> {
        let words: Vec<&str> = query
            .terms
            .iter()
            .filter_map(|t| match t {
                Term::Has(text) => Some(text.as_str()),
                _ => None,
            })
            .flat_map(str::split_whitespace)
            .filter(|w| w.chars().count() >= 3)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for &e in &self.names {
            let text = self.entry_text(e);
            let mut total = 0.0;
            for word in &words {
                let best = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() + 3 >= word.len() && word.len() + 3 >= w.len())
                    .map(|w| strsim::normalized_damerau_levenshtein(word, w))
                    .fold(0.0, f64::max);
                total += best;
            }
            let score = total / words.len() as f64;
            if score >= 0.7 {
                scored.push((score, e));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<Hit> = Vec::new();
        for (_, e) in scored {
            let entry = &self.entries[e];
            if out.iter().any(|h| h.item == entry.item()) {
                continue;
            }
            out.push(Hit {
                item: entry.item(),
                field: entry.field,
                which: entry.which,
                rank: 3,
            });
            if out.len() == 5 {
                break;
            }
        }
        out
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

    /// Every item holding the longest word, scored and ranked in full: the
    /// order `search_all` must give without looking at every item.
    fn ranked_in_full(index: &SearchIndex, text: &str) -> (Vec<Hit>, bool) {
        let query = Query::parse(text);
        let finders = query.finders();
        let Some(word) = query.longest() else {
            return (Vec::new(), false);
        };
        let mut starts = Vec::new();
        let mut e = 0;
        while e < index.entries.len() {
            let range = index.item_entries(e);
            if range.clone().any(|e| index.entry_text(e).contains(word)) {
                starts.push(range.start);
            }
            e = range.end;
        }
        let mut hits: Vec<Hit> = starts
            .into_iter()
            .filter_map(|start| index.score(start, &query, &finders))
            .collect();
        let mut best = [u8::MAX; <Kind as strum::EnumCount>::COUNT];
        for hit in &hits {
            best[hit.item.kind() as usize] = best[hit.item.kind() as usize].min(hit.rank);
        }
        hits.sort_by_key(|h| {
            (
                best[h.item.kind() as usize],
                h.item.kind(),
                h.rank,
                rank(h.item),
            )
        });
        let capped = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        (hits, capped)
    }

    #[test]
    fn searching_names_in_full_and_the_rest_in_order_ranks_as_every_item_would() {
        let generated = crate::generate::briefing(2 << 20, 7);
        let briefings = [
            crate::load::check_str(crate::DEFAULT_BRIEFING, "default.toml").briefing,
            crate::load::check_str(&generated, "generated.toml").briefing,
        ];
        let queries = [
            "m",
            "mi",
            "ministry",
            "russia",
            "abu qasra",
            "sharaa putin",
            "\"foreign ministry\"",
            "bases !tartus",
            "a",
            "e",
            "the",
            "x",
            "2025",
            "lavrov talks",
            "q-",
            "sergey",
            "zzz",
            "damascus moscow",
            "al",
            "!russia syria",
        ];
        for briefing in briefings {
            let briefing = briefing.expect("loads");
            let index = SearchIndex::build(&briefing);
            // What `score` relies on to stop early: an item's entries
            // that name it come before the others.
            for pair in index.entries.windows(2) {
                let same = pair[0].item() == pair[1].item();
                assert!(
                    !same || pair[0].field <= pair[1].field,
                    "fields in order: {:?} then {:?}",
                    pair[0].field,
                    pair[1].field
                );
                assert!(
                    !(same && !pair[0].field.names_the_item() && pair[1].field.names_the_item()),
                    "names first: {:?} then {:?}",
                    pair[0].field,
                    pair[1].field
                );
            }
            let mut capped_once = false;
            for query in queries {
                let found = index.search(query);
                let (hits, capped) = ranked_in_full(&index, query);
                capped_once |= capped;
                assert_eq!(found.hits, hits, "{query:?}");
                assert_eq!(found.capped, capped, "{query:?}");
            }
            if briefing.quotes.len() > 1000 {
                assert!(capped_once, "some query is capped");
            }
        }
    }

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
        // Texts that name their item in one buffer, the others in another.
        let (mut expected, mut naming) = (String::new(), String::new());
        let mut places = Vec::new();
        for item in all_items(&b) {
            for (field, texts) in fields(&b, item) {
                for (which, text) in texts.into_iter().enumerate() {
                    let buffer = if field.names_the_item() {
                        &mut naming
                    } else {
                        &mut expected
                    };
                    places.push((buffer.len(), item, field, which as u32));
                    buffer.push_str(&fold(text));
                    buffer.push('\0');
                }
            }
        }
        assert!(!expected.is_ascii());
        assert_eq!(index.text, expected);
        assert_eq!(index.naming_text, naming);
        for (e, place) in places.iter().enumerate() {
            let text = index.entry_text(e);
            let buffer = if place.2.names_the_item() {
                &naming
            } else {
                &expected
            };
            assert_eq!(text, &buffer[place.0..place.0 + text.len()]);
            assert_eq!(buffer.as_bytes().get(place.0 + text.len()), Some(&0));
        }
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
        assert_eq!(std::mem::size_of::<Entry>(), 24);
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
