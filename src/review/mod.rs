//! Review sessions: what an analyst marked reviewed or flagged, their notes,
//! and where they left off, per briefing. Changes are small operations that
//! apply cleanly over whatever another reader saved meanwhile, so two
//! readers never lose each other's work.

mod fingerprint;
mod status;
pub mod store;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::load::plain_basic_string;

pub use fingerprint::fingerprint;
pub use status::{Fingerprints, SPLIT_AT, Status, all_items, status_of};
pub use store::{Loaded, Store, data_dir};

/// The state file's layout version.
pub const VERSION: u32 = 1;

fn is_false(value: &bool) -> bool {
    !*value
}

/// An analyst's marks on one item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The item's fingerprint when it was marked reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub flagged: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Mark {
    fn is_empty(&self) -> bool {
        self.reviewed.is_none() && !self.flagged && self.note.is_none()
    }
}

/// Where the reader was: a section and the item selected in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub section: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// Everything saved about one briefing's review.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub version: u32,
    pub briefing: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Marks and notes by item id (`issue/actor` for a position).
    #[serde(default)]
    pub items: BTreeMap<String, Mark>,
    /// Each item's fingerprint when this reader last took it in: items not
    /// here are new, items whose fingerprint differs have changed. Looked
    /// up for every item, so hashed; written in id order.
    #[serde(default, serialize_with = "in_order")]
    pub seen: FxHashMap<Box<str>, Box<str>>,
}

/// The quick reading of a state as `to_toml` writes it, where the `seen`
/// table (one line per item of the briefing: most of a large state) comes
/// last: the text before it is read by `toml`, the table's lines here.
/// `None` unless this gives exactly what `toml` would: the text before
/// must be a whole TOML document on its own (so `[seen]` is a real table
/// header, not inside a string) that says nothing else of `seen`, and
/// every line after it must be a plain `key = "value"`, with no key twice.
fn seen_at_end(text: &str) -> Option<Review> {
    const HEADER: &str = "\n[seen]\n";
    let at = text.rfind(HEADER)?;
    let (before, table) = (&text[..=at], &text[at + HEADER.len()..]);
    if before.contains("seen") {
        return None;
    }
    let mut seen = FxHashMap::default();
    for line in table.lines() {
        let (key, value) = line.split_once(" = ")?;
        let (key, value) = (plain_key(key)?, plain_basic_string(value)?);
        if seen.insert(key.into(), value.into()).is_some() {
            return None;
        }
    }
    let mut review: Review = toml::from_str(before).ok()?;
    review.seen = seen;
    Some(review)
}

/// A bare key, or a quoted one without escapes.
fn plain_key(key: &str) -> Option<&str> {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        Some(key)
    } else {
        plain_basic_string(key)
    }
}

fn in_order<S: serde::Serializer>(
    map: &FxHashMap<Box<str>, Box<str>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(map.iter().collect::<BTreeMap<_, _>>())
}

/// One change an analyst makes, as it is applied to a saved state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Mark reviewed at this fingerprint, or clear the mark (`None`).
    Reviewed {
        item: String,
        fingerprint: Option<String>,
    },
    Flagged {
        item: String,
        on: bool,
    },
    /// Replace the note `before` with `after`; `None` is no note.
    Note {
        item: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// Record that the reader has taken in these items at these fingerprints.
    Seen(Vec<(String, String)>),
    Place(Place),
}

/// What marks a note kept from a conflicting edit.
pub const CONFLICT_MARKER: &str = "── also written in another window ──";

/// Both versions of a note two readers changed from the same `base`, each
/// once, the second under [`CONFLICT_MARKER`]. Text both kept from the
/// base at the start is written once, before both versions' own parts.
fn merge_notes(base: Option<&str>, theirs: &str, ours: &str) -> String {
    let base = base.unwrap_or_default();
    let kept = !base.is_empty() && theirs.starts_with(base) && ours.starts_with(base);
    let (common, theirs, ours) = if kept {
        (base, &theirs[base.len()..], &ours[base.len()..])
    } else {
        ("", theirs, ours)
    };
    let (theirs, ours) = (theirs.trim_matches('\n'), ours.trim_matches('\n'));
    let common = common.trim_end_matches('\n');
    let mut out = String::new();
    if !common.is_empty() {
        out.push_str(common);
        out.push('\n');
    }
    if !theirs.is_empty() {
        out.push_str(theirs);
        out.push_str("\n\n");
    }
    out.push_str(CONFLICT_MARKER);
    out.push('\n');
    out.push_str(ours);
    out
}

impl Review {
    pub fn new(briefing: &str) -> Review {
        Review {
            version: VERSION,
            briefing: briefing.to_string(),
            ..Review::default()
        }
    }

    pub fn mark(&self, item: &str) -> Option<&Mark> {
        self.items.get(item)
    }

    /// Applies a change. A note edited elsewhere since this reader read it
    /// keeps both texts rather than losing one.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Reviewed { item, fingerprint } => {
                let mark = self.items.entry(item.clone()).or_default();
                mark.reviewed = fingerprint.clone();
                if let Some(fingerprint) = fingerprint {
                    self.seen
                        .insert(item.as_str().into(), fingerprint.as_str().into());
                }
            }
            Change::Flagged { item, on } => {
                self.items.entry(item.clone()).or_default().flagged = *on
            }
            Change::Note {
                item,
                before,
                after,
            } => {
                let mark = self.items.entry(item.clone()).or_default();
                mark.note = if mark.note == *before || mark.note == *after {
                    after.clone()
                } else {
                    match (&mark.note, after) {
                        (Some(theirs), Some(ours)) => {
                            Some(merge_notes(before.as_deref(), theirs, ours))
                        }
                        // They changed it and we deleted it: keep theirs.
                        (Some(theirs), None) => Some(theirs.clone()),
                        (None, ours) => ours.clone(),
                    }
                };
            }
            Change::Seen(items) => {
                for (item, fingerprint) in items {
                    self.seen
                        .insert(item.as_str().into(), fingerprint.as_str().into());
                }
            }
            Change::Place(place) => self.place = Some(place.clone()),
        }
        self.items.retain(|_, mark| !mark.is_empty());
    }

    /// The change that undoes `change`, given the state before it.
    pub fn inverse(&self, change: &Change) -> Option<Change> {
        let mark = |item: &str| self.items.get(item).cloned().unwrap_or_default();
        match change {
            Change::Reviewed { item, .. } => Some(Change::Reviewed {
                item: item.clone(),
                fingerprint: mark(item).reviewed,
            }),
            Change::Flagged { item, .. } => Some(Change::Flagged {
                item: item.clone(),
                on: mark(item).flagged,
            }),
            Change::Note { item, after, .. } => Some(Change::Note {
                item: item.clone(),
                before: after.clone(),
                after: mark(item).note,
            }),
            Change::Seen(_) | Change::Place(_) => None,
        }
    }

    /// A state written by a newer brief, read as far as this one can (its
    /// marks, notes and `seen` table; anything else is left alone), with
    /// its version. `None` for a state this brief reads in full.
    pub fn newer(text: &str) -> Option<(Review, u32)> {
        let table: toml::Table = toml::from_str(text).ok()?;
        let version = u32::try_from(table.get("version")?.as_integer()?).ok()?;
        if version <= VERSION {
            return None;
        }
        let text_of = |v: Option<&toml::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
        let mut review = Review::new(&text_of(table.get("briefing")).unwrap_or_default());
        review.version = version;
        for (id, mark) in table
            .get("items")
            .and_then(|v| v.as_table())
            .into_iter()
            .flatten()
        {
            let Some(mark) = mark.as_table() else {
                continue;
            };
            let mark = Mark {
                reviewed: text_of(mark.get("reviewed")),
                flagged: mark
                    .get("flagged")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
                note: text_of(mark.get("note")),
            };
            if !mark.is_empty() {
                review.items.insert(id.clone(), mark);
            }
        }
        for (id, print) in table
            .get("seen")
            .and_then(|v| v.as_table())
            .into_iter()
            .flatten()
        {
            if let Some(print) = print.as_str() {
                review.seen.insert(id.as_str().into(), print.into());
            }
        }
        Some((review, version))
    }

    /// Parses a state file's text.
    pub fn from_toml(text: &str) -> Result<Review, String> {
        let review = match seen_at_end(text) {
            Some(review) => review,
            None => toml::from_str(text).map_err(|e| e.message().to_string())?,
        };
        if review.version > VERSION {
            return Err(format!(
                "written by a newer brief (state version {}, this brief reads {VERSION})",
                review.version
            ));
        }
        Ok(review)
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# Review state of briefing \"{}\", kept by brief. Marks, notes and\n# where you left off; safe to read, edit with care.\n{body}",
            self.briefing.escape_debug()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(item: &str, before: Option<&str>, after: Option<&str>) -> Change {
        Change::Note {
            item: item.into(),
            before: before.map(Into::into),
            after: after.map(Into::into),
        }
    }

    #[test]
    fn the_quick_reading_of_seen_agrees_with_toml() {
        let mut review = Review::new("b");
        review.apply(&note("q1", None, Some("a note\nq2 = \"x\"\n")));
        review.apply(&Change::Seen(
            (0..50)
                .map(|n| (format!("issue-{n}/actor \u{e9}"), format!("{n:016x}")))
                .chain([("bare_id-1".to_string(), "f".to_string())])
                .collect(),
        ));
        let text = review.to_toml();
        assert_eq!(seen_at_end(&text), Some(review.clone()));
        assert_eq!(Review::from_toml(&text), Ok(review.clone()));
        // A note that looks like the table is read by `toml`.
        review.apply(&note(
            "q1",
            Some("a note\nq2 = \"x\"\n"),
            Some("\n[seen]\nq2 = \"x\"\n"),
        ));
        let text = review.to_toml();
        assert_eq!(seen_at_end(&text), None);
        assert_eq!(Review::from_toml(&text), Ok(review));
        // Whatever it cannot vouch for is left to `toml`, errors included.
        let tricky = [
            "version = 1\nbriefing = \"b\"\nnote = \"\"\"\n[seen]\na = \"1\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na = \"1\"\na = \"2\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\n\"a\" = \"1\"\na = \"2\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na = \"1\"\n[seen]\nb = \"2\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na.b = \"1\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na = \"1\\u0041\"\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na = \"1\" # c\n",
            "version = 1\nbriefing = \"b\"\n[seen]\na = \"1\"\r\n",
        ];
        for text in tricky {
            let full: Result<Review, String> =
                toml::from_str(text).map_err(|e: toml::de::Error| e.message().to_string());
            assert_eq!(Review::from_toml(text), full, "{text:?}");
        }
    }

    #[test]
    fn seen_is_written_in_id_order_and_read_back() {
        let mut review = Review::new("b");
        let ids = ["q-9", "a-1", "m-5", "z-0", "b-2"];
        review.apply(&Change::Seen(
            ids.iter()
                .map(|id| (id.to_string(), format!("f{id}")))
                .collect(),
        ));
        let text = review.to_toml();
        let written: Vec<&str> = text
            .lines()
            .skip_while(|line| *line != "[seen]")
            .skip(1)
            .map(|line| line.split(' ').next().unwrap_or_default())
            .collect();
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        assert_eq!(written, sorted);
        assert_eq!(Review::from_toml(&text), Ok(review));
    }

    #[test]
    fn concurrent_note_edits_keep_both_texts() {
        let mut disk = Review::new("b");
        disk.apply(&note("q1", None, Some("first")));
        // Two readers both read "first"; one saves "theirs", then the other "ours".
        disk.apply(&note("q1", Some("first"), Some("theirs")));
        disk.apply(&note("q1", Some("first"), Some("ours")));
        let text = disk
            .mark("q1")
            .and_then(|m| m.note.clone())
            .expect("a note");
        assert_eq!(text, format!("theirs\n\n{CONFLICT_MARKER}\nours"));
    }

    #[test]
    fn marks_from_two_readers_merge() {
        let mut disk = Review::new("b");
        disk.apply(&Change::Reviewed {
            item: "a".into(),
            fingerprint: Some("f1".into()),
        });
        disk.apply(&Change::Flagged {
            item: "b".into(),
            on: true,
        });
        assert_eq!(disk.items.len(), 2);
        assert_eq!(disk.seen.get("a").map(|f| &**f), Some("f1"));
    }

    #[test]
    fn inverse_undoes() {
        let mut review = Review::new("b");
        let change = note("x", None, Some("hello"));
        let undo = review.inverse(&change).expect("undoable");
        review.apply(&change);
        review.apply(&undo);
        assert!(review.items.is_empty());
    }

    #[test]
    fn toml_round_trip() {
        let mut review = Review::new("b");
        review.apply(&note("bases/russia", None, Some("line one\nline \"two\"")));
        review.apply(&Change::Flagged {
            item: "q1".into(),
            on: true,
        });
        review.apply(&Change::Place(Place {
            section: "issues".into(),
            item: Some("bases".into()),
        }));
        let text = review.to_toml();
        assert_eq!(Review::from_toml(&text).expect("parses"), review);
        assert!(
            Review::from_toml("version = 9\nbriefing = \"b\"\n")
                .expect_err("newer")
                .contains("newer brief")
        );
    }
}
