//! Fingerprints of item content, to tell which items changed between two
//! versions of a briefing. They cover what a reader sees of the item, not
//! where it sits in the file, so moving an item changes nothing.

use crate::model::{Briefing, ItemRef};

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // A separator that cannot occur in TOML text keeps ["ab","c"] apart from ["a","bc"].
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn join(list: &[String]) -> String {
    list.join("\u{1f}")
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("\u{0}")
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
    match item {
        ItemRef::Source(i) => {
            let s = &b.sources[i];
            let published = s.published.map(|d| d.to_string()).unwrap_or_default();
            let grade = s.reliability.map(String::from).unwrap_or_default();
            fnv1a(&[
                "source",
                &s.title,
                opt(&s.outlet),
                &published,
                opt(&s.url),
                opt(&s.file),
                &grade,
                opt(&s.notes),
                &join(&s.references),
            ])
        }
        ItemRef::Actor(i) => {
            let a = &b.actors[i];
            fnv1a(&[
                "actor",
                &a.name,
                a.kind.name(),
                &a.summary,
                &join(&a.sources),
                &join(&a.aliases),
                opt(&a.role),
                opt(&a.affiliation),
                &join(&a.interests),
            ])
        }
        ItemRef::Issue(i) => {
            let x = &b.issues[i];
            let positions: Vec<String> = x.positions.iter().map(|p| p.actor.clone()).collect();
            fnv1a(&[
                "issue",
                &x.title,
                &x.summary,
                &join(&x.sources),
                opt(&x.stakes),
                &join(&x.actors),
                &join(&x.open_questions),
                &join(&x.indicators),
                &join(&positions),
            ])
        }
        ItemRef::Position { issue, position } => {
            let p = &b.issues[issue].positions[position];
            fnv1a(&["position", &p.actor, &p.stance, &join(&p.sources)])
        }
        ItemRef::Quote(i) => {
            let q = &b.quotes[i];
            let date = q.date.map(|d| d.to_string()).unwrap_or_default();
            fnv1a(&[
                "quote",
                &q.text,
                &q.source,
                opt(&q.speaker),
                &join(&q.issues),
                opt(&q.context),
                &date,
            ])
        }
        ItemRef::Event(i) => {
            let e = &b.events[i];
            fnv1a(&[
                "event",
                &e.date.to_string(),
                &e.title,
                &join(&e.sources),
                opt(&e.description),
                &join(&e.actors),
                &join(&e.issues),
                opt(&e.place),
            ])
        }
        ItemRef::Claim(i) => {
            let c = &b.claims[i];
            let versions: Vec<String> = c
                .versions
                .iter()
                .map(|v| format!("{}\u{1e}{}", v.source, v.says))
                .collect();
            fnv1a(&[
                "claim",
                &c.topic,
                &join(&c.issues),
                &join(&c.actors),
                opt(&c.note),
                &join(&versions),
            ])
        }
    }
}
