//! Fingerprints of item content, to tell which items changed between two
//! versions of a briefing. They cover what a reader sees of the item, not
//! where it sits in the file, so moving an item changes nothing.

use crate::model::{Briefing, ItemRef};

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

    /// An absent value, as U+0000.
    fn opt(&mut self, value: &Option<String>) -> &mut Fnv {
        self.text(value.as_deref().unwrap_or("\u{0}"))
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

fn hash(b: &Briefing, item: ItemRef) -> u64 {
    let mut h = Fnv::new();
    let date = |d: Option<crate::model::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match item {
        ItemRef::Source(i) => {
            let s = &b.sources[i];
            let grade = s.reliability.map(String::from).unwrap_or_default();
            h.text("source")
                .text(&s.title)
                .opt(&s.outlet)
                .text(&date(s.published))
                .opt(&s.url)
                .opt(&s.file)
                .text(&grade)
                .opt(&s.notes)
                .texts(&s.references);
        }
        ItemRef::Actor(i) => {
            let a = &b.actors[i];
            h.text("actor")
                .text(&a.name)
                .text(a.kind.name())
                .text(&a.summary)
                .texts(&a.sources)
                .texts(&a.aliases)
                .opt(&a.role)
                .opt(&a.affiliation)
                .texts(&a.interests);
        }
        ItemRef::Issue(i) => {
            let x = &b.issues[i];
            h.text("issue")
                .text(&x.title)
                .text(&x.summary)
                .texts(&x.sources)
                .opt(&x.stakes)
                .texts(&x.actors)
                .texts(&x.open_questions)
                .texts(&x.indicators)
                .list(&x.positions, |h, p| h.bytes(p.actor.as_bytes()));
        }
        ItemRef::Position { issue, position } => {
            let p = &b.issues[issue].positions[position];
            h.text("position")
                .text(&p.actor)
                .text(&p.stance)
                .texts(&p.sources);
        }
        ItemRef::Quote(i) => {
            let q = &b.quotes[i];
            h.text("quote")
                .text(&q.text)
                .text(&q.source)
                .opt(&q.speaker)
                .texts(&q.issues)
                .opt(&q.context)
                .text(&date(q.date));
        }
        ItemRef::Event(i) => {
            let e = &b.events[i];
            h.text("event")
                .text(&e.date.to_string())
                .text(&e.title)
                .texts(&e.sources)
                .opt(&e.description)
                .texts(&e.actors)
                .texts(&e.issues)
                .opt(&e.place);
        }
        ItemRef::Claim(i) => {
            let c = &b.claims[i];
            h.text("claim")
                .text(&c.topic)
                .texts(&c.issues)
                .texts(&c.actors)
                .opt(&c.note)
                .list(&c.versions, |h, v| {
                    h.bytes(v.source.as_bytes());
                    h.bytes("\u{1e}".as_bytes());
                    h.bytes(v.says.as_bytes());
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
}
