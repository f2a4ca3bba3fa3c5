//! Fingerprints of item content, to tell which items changed between two
//! versions of a briefing. They cover what a reader sees of the item, not
//! where it sits in the file, so moving an item changes nothing.

use crate::model::{
    Actor, Briefing, Claim, Event, Issue, ItemRef, Position, Quote, Source, Version,
};

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's
/// hasher. An item's fields are hashed one after the other, each ended by a
/// byte that cannot occur in TOML text (so ["ab","c"] and ["a","bc"]
/// differ); a list's strings are separated by U+001F.
struct Fnv(u64);

impl Fnv {
    const END: u8 = 0xff;

    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn text(&mut self, text: &str) -> &mut Fnv {
        self.bytes(text.as_bytes());
        self.bytes(&[Fnv::END]);
        self
    }

    /// An absent value, as U+0000: how the fields of format 1 as first
    /// released are hashed. Saved review states hold these fingerprints,
    /// so this stays as it is.
    fn opt(&mut self, value: &Option<String>) -> &mut Fnv {
        self.text(value.as_deref().unwrap_or("\u{0}"))
    }

    /// A field added to the format since: hashed, with its name, only when
    /// it is there, so that adding an optional field leaves every item
    /// without it as it was, and no reviewed item shows as changed.
    fn added(&mut self, name: &str, value: Option<&str>) -> &mut Fnv {
        if let Some(value) = value {
            self.bytes(&[0x1e]);
            self.bytes(name.as_bytes());
            self.bytes(&[0x1d]);
            self.text(value);
        }
        self
    }

    fn list<T>(&mut self, list: &[T], mut each: impl FnMut(&mut Fnv, &T)) -> &mut Fnv {
        for (n, x) in list.iter().enumerate() {
            if n > 0 {
                self.bytes(&[0x1f]);
            }
            each(self, x);
        }
        self.bytes(&[Fnv::END]);
        self
    }

    fn texts(&mut self, list: &[String]) -> &mut Fnv {
        self.list(list, |h, s| h.bytes(s.as_bytes()))
    }
}

/// The fingerprint of an item's content, as 16 hex digits.
pub fn fingerprint(b: &Briefing, item: ItemRef) -> String {
    Print::of(b, item).as_str().to_string()
}

/// A fingerprint as 16 hex digits, kept inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Print([u8; 16]);

impl Print {
    pub fn of(b: &Briefing, item: ItemRef) -> Print {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let hash = hash(b, item);
        Print(std::array::from_fn(|i| {
            HEX[((hash >> (60 - 4 * i)) & 0xf) as usize]
        }))
    }

    pub fn as_str(&self) -> &str {
        // Hex digits only: always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Every field of an item that a reader sees, each destructured by name
/// (no `..`), so that a field added to the model is a compile error here
/// until it is hashed (with [`Fnv::added`]) or left out on purpose.
fn hash(b: &Briefing, item: ItemRef) -> u64 {
    let mut h = Fnv::new();
    let date = |d: Option<crate::model::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let grade = |g: Option<u8>| g.map(|g| g.to_string());
    match item {
        ItemRef::Source(i) => {
            let Source {
                id: _,
                title,
                outlet,
                published,
                url,
                file,
                reliability,
                notes,
                references,
                span: _,
            } = &b.sources[i];
            let grade = reliability.map(String::from).unwrap_or_default();
            h.text("source")
                .text(title)
                .opt(outlet)
                .text(&date(*published))
                .opt(url)
                .opt(file)
                .text(&grade)
                .opt(notes)
                .texts(references);
        }
        ItemRef::Actor(i) => {
            let Actor {
                id: _,
                name,
                kind,
                summary,
                sources,
                aliases,
                role,
                affiliation,
                interests,
                lint_allow: _,
                span: _,
            } = &b.actors[i];
            h.text("actor")
                .text(name)
                .text(kind.name())
                .text(summary)
                .texts(sources)
                .texts(aliases)
                .opt(role)
                .opt(affiliation)
                .texts(interests);
        }
        ItemRef::Issue(i) => {
            let Issue {
                id: _,
                title,
                summary,
                sources,
                stakes,
                actors,
                open_questions,
                indicators,
                positions,
                lint_allow: _,
                span: _,
            } = &b.issues[i];
            h.text("issue")
                .text(title)
                .text(summary)
                .texts(sources)
                .opt(stakes)
                .texts(actors)
                .texts(open_questions)
                .texts(indicators)
                .list(positions, |h, p| h.bytes(p.actor.as_bytes()));
        }
        ItemRef::Position { issue, position } => {
            let Position {
                actor,
                stance,
                sources,
                span: _,
            } = &b.issues[issue].positions[position];
            h.text("position").text(actor).text(stance).texts(sources);
        }
        ItemRef::Quote(i) => {
            let Quote {
                id: _,
                text,
                source,
                speaker,
                issues,
                context,
                date: said,
                credibility,
                lint_allow: _,
                span: _,
                text_span: _,
            } = &b.quotes[i];
            h.text("quote")
                .text(text)
                .text(source)
                .opt(speaker)
                .texts(issues)
                .opt(context)
                .text(&date(*said))
                .added("credibility", grade(*credibility).as_deref());
        }
        ItemRef::Event(i) => {
            let Event {
                id: _,
                date: when,
                title,
                sources,
                description,
                actors,
                issues,
                place,
                lint_allow: _,
                span: _,
            } = &b.events[i];
            h.text("event")
                .text(&when.to_string())
                .text(title)
                .texts(sources)
                .opt(description)
                .texts(actors)
                .texts(issues)
                .opt(place);
        }
        ItemRef::Claim(i) => {
            let Claim {
                id: _,
                topic,
                issues,
                actors,
                note,
                versions,
                lint_allow: _,
                span: _,
            } = &b.claims[i];
            h.text("claim")
                .text(topic)
                .texts(issues)
                .texts(actors)
                .opt(note)
                .list(versions, |h, v| {
                    let Version {
                        source,
                        says,
                        credibility,
                    } = v;
                    h.bytes(source.as_bytes());
                    h.bytes("\u{1e}".as_bytes());
                    h.bytes(says.as_bytes());
                    h.added("credibility", grade(*credibility).as_deref());
                });
        }
    }
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::all_items;

    /// Review states on disk hold these: a change to how fingerprints are
    /// computed would make every item of every briefing look changed. The
    /// state was saved by the reader, on the frozen copy of the example.
    #[test]
    fn fingerprints_stay_what_saved_review_states_hold() {
        let text = include_str!("../../tests/fixtures/fingerprints.toml");
        let b = Briefing::from_str(text, "fingerprints.toml").expect("valid");
        let saved = include_str!("../../tests/fixtures/saved-state/example-corvo.toml");
        let review = crate::review::Review::from_toml(saved).expect("a saved state");
        let items = all_items(&b);
        assert_eq!(review.seen.len(), items.len());
        for item in items {
            let id = b.item_id(item);
            assert_eq!(
                Some(fingerprint(&b, item).as_str()),
                review.seen.get(id.as_str()).map(|p| &**p),
                "{id}"
            );
        }
    }

    /// A field added later leaves the fingerprints of items without it as
    /// they were, and changes them when it is there.
    #[test]
    fn an_absent_added_field_changes_no_fingerprint() {
        let mut plain = Fnv::new();
        plain.text("quote").text("words");
        let mut with_absent = Fnv::new();
        with_absent
            .text("quote")
            .text("words")
            .added("credibility", None);
        assert_eq!(plain.0, with_absent.0);
        let mut with_value = Fnv::new();
        with_value
            .text("quote")
            .text("words")
            .added("credibility", Some("2"));
        assert_ne!(plain.0, with_value.0);
    }
}
