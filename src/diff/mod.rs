//! What changed between two versions of a briefing, item by item: added,
//! removed, changed, and for a changed item which fields, with the words
//! that changed in its text. "Changed" is the reader's own notion: an item
//! is changed when a reader who took in the old version would see it as
//! changed in the new (its review fingerprint differs), so `brief diff` and
//! the reader's "changed since last review" always agree.

use std::collections::HashMap;

use serde::Serialize;
use similar::{Algorithm, ChangeTag};

use crate::model::{
    Actor, Briefing, Claim, Event, Issue, ItemRef, Judgment, Kind, Meta, Position, Quote, Source,
    Version,
};
use crate::review::{Change as Seen, Fingerprints, Review};

mod render;

pub use render::{to_json, to_text};

/// A field's value, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

/// One field that differs; `None` where the field is absent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One item that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemDiff {
    pub change: Change,
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// For a changed item, the fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// Everything that differs between two versions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The `[briefing]` table's fields that differ (it is not an item).
    pub briefing: Vec<Field>,
    pub items: Vec<ItemDiff>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.briefing.is_empty() && self.items.is_empty()
    }

    pub fn count(&self, change: Change) -> usize {
        self.items.iter().filter(|i| i.change == change).count()
    }
}

/// What differs from `old` to `new`.
pub fn diff(old: &Briefing, new: &Briefing) -> Diff {
    // A reader who took in every item of the old version.
    let mut review = Review::new(&new.meta.id);
    review.apply(&Seen::Seen(Fingerprints::of(old).all()));
    let now = Fingerprints::of(new);
    let olds: HashMap<String, ItemRef> = old.items.all().map(|i| (old.item_id(i), i)).collect();
    let news: HashMap<String, ItemRef> = new.items.all().map(|i| (new.item_id(i), i)).collect();
    let mut items = Vec::new();
    for kind in <Kind as strum::IntoEnumIterator>::iter() {
        for item in new.items.of_kind(kind) {
            let id = new.item_id(item);
            let entry = |change, fields| ItemDiff {
                change,
                kind: kind.name(),
                id: id.clone(),
                title: title(new, item),
                fields,
            };
            match olds.get(&id) {
                None => items.push(entry(Change::Added, Vec::new())),
                Some(&before) if now.status(&review, item).changed => {
                    items.push(entry(Change::Changed, changed(old, before, new, item)));
                }
                Some(_) => {}
            }
        }
        for item in old.items.of_kind(kind) {
            let id = old.item_id(item);
            if !news.contains_key(&id) {
                items.push(ItemDiff {
                    change: Change::Removed,
                    kind: kind.name(),
                    title: title(old, item),
                    id,
                    fields: Vec::new(),
                });
            }
        }
    }
    Diff {
        briefing: differing(meta_fields(&old.meta), meta_fields(&new.meta)),
        items,
    }
}

/// An item's title; a quote's words in quotation marks.
fn title(b: &Briefing, item: ItemRef) -> String {
    match item {
        ItemRef::Quote(_) => format!("“{}”", b.item_title(item)),
        other => b.item_title(other),
    }
}

/// The fields of two versions of an item that differ (its kind too, for
/// an id that now names another kind of item).
fn changed(old: &Briefing, before: ItemRef, new: &Briefing, after: ItemRef) -> Vec<Field> {
    let mut fields = differing(fields(old, before), fields(new, after));
    if before.kind() != after.kind() {
        fields.insert(
            0,
            Field {
                field: "kind".into(),
                old: Some(Value::Text(before.kind().name().into())),
                new: Some(Value::Text(after.kind().name().into())),
            },
        );
    }
    fields
}

type Fields = Vec<(String, Option<Value>)>;

/// The fields, by name, whose values differ; a field only one side has is
/// absent on the other.
fn differing(old: Fields, new: Fields) -> Vec<Field> {
    let mut out = Vec::new();
    let mut old: Vec<(String, Option<Value>)> = old;
    for (name, value) in new {
        let before = old
            .iter()
            .position(|(n, _)| *n == name)
            .and_then(|at| old.remove(at).1);
        if before != value {
            out.push(Field {
                field: name,
                old: before,
                new: value,
            });
        }
    }
    for (name, before) in old {
        if before.is_some() {
            out.push(Field {
                field: name,
                old: before,
                new: None,
            });
        }
    }
    out
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.to_string()))
}

fn opt(s: &Option<String>) -> Option<Value> {
    s.as_deref().and_then(text)
}

fn list(items: &[String]) -> Option<Value> {
    (!items.is_empty()).then(|| Value::List(items.to_vec()))
}

fn shown<T: ToString>(value: Option<T>) -> Option<Value> {
    value.map(|v| Value::Text(v.to_string()))
}

/// Every field of an item that a reader sees, by name, as the fingerprint
/// hashes them. Each item is destructured by name (no `..`): a field added
/// to the model does not compile here until it is compared.
pub fn fields(b: &Briefing, item: ItemRef) -> Vec<(String, Option<Value>)> {
    let named = |pairs: Vec<(&str, Option<Value>)>| {
        pairs
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect::<Vec<_>>()
    };
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
            named(vec![
                ("title", text(title)),
                ("outlet", opt(outlet)),
                ("published", shown(*published)),
                ("url", opt(url)),
                ("file", opt(file)),
                ("reliability", shown(*reliability)),
                ("notes", opt(notes)),
                ("references", list(references)),
            ])
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
            named(vec![
                ("name", text(name)),
                ("kind", text(kind.name())),
                ("summary", text(summary)),
                ("sources", list(sources)),
                ("aliases", list(aliases)),
                ("role", opt(role)),
                ("affiliation", opt(affiliation)),
                ("interests", list(interests)),
            ])
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
            let holders: Vec<String> = positions.iter().map(|p| p.actor.clone()).collect();
            named(vec![
                ("title", text(title)),
                ("summary", text(summary)),
                ("sources", list(sources)),
                ("stakes", opt(stakes)),
                ("actors", list(actors)),
                ("open_questions", list(open_questions)),
                ("indicators", list(indicators)),
                ("positions", list(&holders)),
            ])
        }
        ItemRef::Position { issue, position } => {
            let Position {
                actor,
                stance,
                sources,
                span: _,
            } = &b.issues[issue].positions[position];
            named(vec![
                ("actor", text(actor)),
                ("stance", text(stance)),
                ("sources", list(sources)),
            ])
        }
        ItemRef::Quote(i) => {
            let Quote {
                id: _,
                text: words,
                source,
                speaker,
                issues,
                context,
                date,
                credibility,
                lint_allow: _,
                span: _,
                text_span: _,
            } = &b.quotes[i];
            named(vec![
                ("text", text(words)),
                ("source", text(source)),
                ("speaker", opt(speaker)),
                ("issues", list(issues)),
                ("context", opt(context)),
                ("date", shown(*date)),
                ("credibility", shown(*credibility)),
            ])
        }
        ItemRef::Event(i) => {
            let Event {
                id: _,
                date,
                title,
                sources,
                description,
                actors,
                issues,
                place,
                lint_allow: _,
                span: _,
            } = &b.events[i];
            named(vec![
                ("date", shown(Some(*date))),
                ("title", text(title)),
                ("sources", list(sources)),
                ("description", opt(description)),
                ("actors", list(actors)),
                ("issues", list(issues)),
                ("place", opt(place)),
            ])
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
            let mut out = named(vec![
                ("topic", text(topic)),
                ("issues", list(issues)),
                ("actors", list(actors)),
                ("note", opt(note)),
            ]);
            for (n, version) in versions.iter().enumerate() {
                let Version {
                    source,
                    says,
                    credibility,
                } = version;
                let name = |field: &str| format!("versions[{}].{field}", n + 1);
                out.push((name("source"), text(source)));
                out.push((name("says"), text(says)));
                out.push((name("credibility"), shown(*credibility)));
            }
            out
        }
    }
}

/// The `[briefing]` table's fields, key judgments by number.
fn meta_fields(meta: &Meta) -> Fields {
    let Meta {
        id,
        title,
        subtitle,
        as_of,
        handling,
        summary,
        key_judgments,
        sources,
        lint_allow: _,
    } = meta;
    let mut out: Fields = vec![
        ("id".into(), text(id)),
        ("title".into(), text(title)),
        ("subtitle".into(), opt(subtitle)),
        ("as_of".into(), shown(*as_of)),
        ("handling".into(), opt(handling)),
        ("summary".into(), text(summary)),
        ("sources".into(), list(sources)),
    ];
    for (n, judgment) in key_judgments.iter().enumerate() {
        let Judgment {
            text: words,
            sources,
            confidence,
            likelihood,
            lint_allow: _,
            span: _,
        } = judgment;
        let name = |field: &str| format!("key_judgments[{}].{field}", n + 1);
        out.push((name("text"), text(words)));
        out.push((name("sources"), list(sources)));
        out.push((name("confidence"), shown(confidence.map(|c| c.name()))));
        out.push((name("likelihood"), shown(likelihood.map(|l| l.name()))));
    }
    out
}

/// A run of words that is the same, removed or inserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

fn op(tag: ChangeTag) -> Op {
    match tag {
        ChangeTag::Equal => Op::Equal,
        ChangeTag::Delete => Op::Delete,
        ChangeTag::Insert => Op::Insert,
    }
}

/// The word-level difference of two texts, runs of one kind joined.
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for (tag, text) in similar::utils::diff_words(Algorithm::Patience, old, new) {
        match out.last_mut() {
            Some(last) if last.op == op(tag) => last.text.push_str(text),
            _ => out.push(Piece {
                op: op(tag),
                text: text.to_string(),
            }),
        }
    }
    out
}

/// The entries of two lists, in order, each kept, removed or inserted.
pub fn entries(old: &[String], new: &[String]) -> Vec<Piece> {
    let ops = similar::capture_diff_slices(Algorithm::Myers, old, new);
    let mut out = Vec::new();
    for change in ops.iter().flat_map(|o| o.iter_changes(old, new)) {
        out.push(Piece {
            op: op(change.tag()),
            text: change.value().clone(),
        });
    }
    out
}

impl Field {
    /// How the field changed: words of a text, entries of a list.
    pub fn pieces(&self) -> Vec<Piece> {
        let as_text = |v: &Option<Value>| match v {
            Some(Value::Text(t)) => t.clone(),
            Some(Value::List(l)) => l.join("\n"),
            None => String::new(),
        };
        let as_list = |v: &Option<Value>| match v {
            Some(Value::List(l)) => l.clone(),
            Some(Value::Text(t)) => vec![t.clone()],
            None => Vec::new(),
        };
        let is_list =
            matches!(self.old, Some(Value::List(_))) || matches!(self.new, Some(Value::List(_)));
        if is_list {
            entries(&as_list(&self.old), &as_list(&self.new))
        } else {
            words(&as_text(&self.old), &as_text(&self.new))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_mark_what_changed() {
        let pieces = words("every clause is on the table", "every term is on the table");
        let ops: Vec<(Op, &str)> = pieces.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (Op::Equal, "every "),
                (Op::Delete, "clause"),
                (Op::Insert, "term"),
                (Op::Equal, " is on the table"),
            ]
        );
    }

    #[test]
    fn lists_diff_by_entry() {
        let old = vec!["a".to_string(), "b".to_string()];
        let new = vec!["b".to_string(), "c".to_string()];
        let ops: Vec<(Op, String)> = entries(&old, &new)
            .into_iter()
            .map(|p| (p.op, p.text))
            .collect();
        assert_eq!(
            ops,
            [
                (Op::Delete, "a".to_string()),
                (Op::Equal, "b".to_string()),
                (Op::Insert, "c".to_string()),
            ]
        );
    }
}
