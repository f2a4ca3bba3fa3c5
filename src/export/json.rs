//! The JSON export: the briefing in the layout of its file (absent optional
//! fields as `null`, dates as written) plus what the review state says about
//! each item, for other tools.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, PrettyFormatter};

use super::Export;
use crate::model::{ItemRef, Items, Meta};
use crate::review::all_items;
use crate::sanitize;

/// The layout version of the JSON export.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: u32,
    /// The briefing file's signature (absent for the built-in briefing).
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<SignatureOut<'a>>,
    /// The grade filter the quotes and claim versions passed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<String>,
    briefing: &'a Meta,
    /// The exported items (issues with only the exported positions).
    #[serde(flatten)]
    items: Items,
    review: ReviewOut<'a>,
}

#[derive(Serialize)]
struct SignatureOut<'a> {
    /// `signed`, `untrusted`, `bad`, `wrong-namespace`, `unreadable`, `not-signed`.
    state: &'static str,
    description: String,
    /// Who signed it, when `signed`.
    principal: Option<&'a str>,
    key_type: Option<&'a str>,
    fingerprint: Option<&'a str>,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    /// Items the state says anything about, by id; items left out are
    /// neither reviewed, flagged, noted, new nor changed.
    items: BTreeMap<String, ItemOut<'a>>,
    /// Notes on items no longer in the briefing, by the items' ids.
    orphaned_notes: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    reviewed: bool,
    stale: bool,
    flagged: bool,
    note: Option<&'a str>,
    new: bool,
    changed: bool,
}

/// The export as pretty-printed JSON, ending with a newline.
pub fn json(export: &Export) -> String {
    let b = export.briefing;
    let kept = |item: ItemRef| export.includes(item);
    let issues: Vec<_> = b
        .issues
        .iter()
        .enumerate()
        .filter(|(i, _)| export.includes_issue(*i))
        .map(|(i, issue)| {
            let mut issue = issue.clone();
            let mut position = 0;
            issue.positions.retain(|_| {
                position += 1;
                kept(ItemRef::Position {
                    issue: i,
                    position: position - 1,
                })
            });
            issue
        })
        .collect();
    let mut items = BTreeMap::new();
    for item in all_items(b).into_iter().filter(|i| kept(*i)) {
        let status = export.status(item);
        if status != Default::default() {
            items.insert(
                export.id(item),
                ItemOut {
                    reviewed: status.reviewed,
                    stale: status.stale,
                    flagged: status.flagged,
                    note: export.note(item),
                    new: status.new,
                    changed: status.changed,
                },
            );
        }
    }
    let orphaned_notes = export
        .orphans()
        .into_iter()
        .filter_map(|(id, mark)| Some((id, mark.note.as_deref()?)))
        .collect();
    let signature = export.signature.as_ref().map(|state| SignatureOut {
        state: state.name(),
        description: state.describe(),
        principal: state.principal(),
        key_type: state.key().map(|k| k.kind.as_str()),
        fingerprint: state.key().map(|k| k.fingerprint.as_str()),
    });
    let document = Document {
        format: FORMAT,
        signature,
        grade: export.grade.as_ref().map(ToString::to_string),
        briefing: &b.meta,
        items: Items {
            sources: pick(&b.sources, |i| kept(ItemRef::Source(i))),
            actors: pick(&b.actors, |i| kept(ItemRef::Actor(i))),
            issues,
            quotes: pick(&b.quotes, |i| kept(ItemRef::Quote(i))),
            events: pick(&b.events, |i| kept(ItemRef::Event(i))),
            claims: b
                .claims
                .iter()
                .enumerate()
                .filter(|(i, _)| kept(ItemRef::Claim(*i)))
                .map(|(i, claim)| {
                    let mut claim = claim.clone();
                    claim.versions = export.versions(i).into_iter().cloned().collect();
                    claim
                })
                .collect(),
        },
        review: ReviewOut {
            items,
            orphaned_notes,
        },
    };
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Sanitizing::default());
    // Writing plain data to a Vec cannot fail.
    let _ = document.serialize(&mut serializer);
    out.push(b'\n');
    String::from_utf8_lossy(&out).into_owned()
}

/// Any value as pretty JSON with every string sanitised as the export's
/// are, ending with a newline.
pub(crate) fn sanitized<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Sanitizing::default());
    // Writing plain data to a Vec cannot fail.
    let _ = value.serialize(&mut serializer);
    out.push(b'\n');
    String::from_utf8_lossy(&out).into_owned()
}

fn pick<T: Clone>(items: &[T], keep: impl Fn(usize) -> bool) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, item)| item.clone())
        .collect()
}

/// Pretty printing that passes every string, keys included, through the
/// sanitiser, so no field can be missed: unsafe characters come out as the
/// visible text `\u{1b}` (written `\\u{1b}` in JSON), while newlines and
/// tabs keep their usual JSON escapes.
#[derive(Default)]
struct Sanitizing {
    pretty: PrettyFormatter<'static>,
}

/// Writes sanitised text inside a JSON string: the only characters the
/// sanitiser adds that JSON must escape are its backslashes.
fn write_escaped<W: ?Sized + Write>(writer: &mut W, text: &str) -> io::Result<()> {
    writer.write_all(text.replace('\\', "\\\\").as_bytes())
}

impl Formatter for Sanitizing {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json hands over `"`, `\` and C0 controls separately, so any
        // backslash in the sanitised fragment is one the sanitiser wrote.
        match sanitize::escape(fragment) {
            std::borrow::Cow::Borrowed(plain) => writer.write_all(plain.as_bytes()),
            std::borrow::Cow::Owned(escaped) => write_escaped(writer, &escaped),
        }
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        let control = match char_escape {
            CharEscape::Backspace => '\u{8}',
            CharEscape::FormFeed => '\u{c}',
            CharEscape::CarriageReturn => '\r',
            CharEscape::AsciiControl(byte) => char::from(byte),
            other => return self.pretty.write_char_escape(writer, other),
        };
        let mut visible = String::new();
        sanitize::push_escaped(&mut visible, control);
        write_escaped(writer, &visible)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_json<T: Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut out, Sanitizing::default());
        value.serialize(&mut serializer).expect("serialises");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn strings_and_keys_are_sanitised_and_stay_valid_json() {
        let value = BTreeMap::from([(
            "id\u{202e}",
            "a\u{1b}]52;c;x\u{7}b \u{9b}2J \"q\" \\ line\nnext\ttab\r\u{7f}",
        )]);
        let text = to_json(&value);
        assert_eq!(
            text,
            "{\n  \"id\\\\u{202e}\": \"a\\\\u{1b}]52;c;x\\\\u{7}b \\\\u{9b}2J \\\"q\\\" \\\\ line\\nnext\\ttab\\\\u{d}\\\\u{7f}\"\n}"
        );
        let back: BTreeMap<String, String> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(
            back.get("id\\u{202e}").map(String::as_str),
            Some("a\\u{1b}]52;c;x\\u{7}b \\u{9b}2J \"q\" \\ line\nnext\ttab\\u{d}\\u{7f}")
        );
    }
}
