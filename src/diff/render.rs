//! How a diff is shown: text for a reader (marked or coloured words) and
//! JSON for tools, every string from a file made safe.

use serde::Serialize;

use super::{Change, Diff, Field, Op, Piece, Value};
use crate::sanitize;

/// An equal run longer than this many words is cut to its ends.
const CONTEXT: usize = 6;

/// `text` with its middle words left out when it has many: the words next
/// to a change are kept (`keep_start` and `keep_end` say which ends touch
/// one).
fn elide(text: &str, keep_start: bool, keep_end: bool) -> String {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let limit = CONTEXT * (usize::from(keep_start) + usize::from(keep_end)) + 2;
    if words.len() <= limit {
        return text.to_string();
    }
    let head: String = if keep_start {
        words[..CONTEXT].concat()
    } else {
        String::new()
    };
    let tail: String = if keep_end {
        words[words.len() - CONTEXT..].concat()
    } else {
        String::new()
    };
    format!("{head}… {tail}")
}

/// ANSI colours, or none.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn removed(&self, text: &str) -> String {
        if self.0 {
            self.wrap("31", text)
        } else {
            format!("[-{text}-]")
        }
    }

    fn inserted(&self, text: &str) -> String {
        if self.0 {
            self.wrap("32", text)
        } else {
            format!("{{+{text}+}}")
        }
    }
}

/// Text from a file, safe for the terminal, with its lines indented.
fn safe(text: &str) -> String {
    sanitize::escape(text).replace('\n', "\n      ")
}

/// The diff for a reader: one line per item, then its changed fields with
/// the words that changed marked `[-removed-]{+inserted+}` (in red and
/// green with `color`), and a count. Empty when nothing changed.
pub fn to_text(diff: &Diff, old_name: &str, new_name: &str, color: bool) -> String {
    let paint = Paint(color);
    let mut out = String::new();
    let field_lines = |out: &mut String, fields: &[Field]| {
        for field in fields {
            let pieces = field.pieces();
            let name = sanitize::escape_line(&field.field);
            let is_list = matches!(field.old, Some(Value::List(_)))
                || matches!(field.new, Some(Value::List(_)));
            if is_list {
                out.push_str(&format!("    {name}:\n"));
                for piece in pieces.iter().filter(|p| p.op != Op::Equal) {
                    let entry = sanitize::escape_line(&piece.text);
                    let (mark, code) = match piece.op {
                        Op::Delete => ('-', "31"),
                        _ => ('+', "32"),
                    };
                    out.push_str(&format!(
                        "      {}\n",
                        paint.wrap(code, &format!("{mark} {entry}"))
                    ));
                }
                continue;
            }
            let mut line = String::new();
            let last = pieces.len().saturating_sub(1);
            for (n, piece) in pieces.iter().enumerate() {
                let text = safe(&piece.text);
                line.push_str(&match piece.op {
                    Op::Equal => safe(&elide(&piece.text, n > 0, n < last)),
                    Op::Delete => paint.removed(&text),
                    Op::Insert => paint.inserted(&text),
                });
            }
            out.push_str(&format!("    {name}: {line}\n"));
        }
    };
    if !diff.briefing.is_empty() {
        out.push_str(&format!("{}  [briefing]\n", paint.wrap("33", "changed")));
        field_lines(&mut out, &diff.briefing);
    }
    for item in &diff.items {
        let (word, code) = match item.change {
            Change::Added => ("added  ", "32"),
            Change::Removed => ("removed", "31"),
            Change::Changed => ("changed", "33"),
        };
        out.push_str(&format!(
            "{}  {} {}  {}\n",
            paint.wrap(code, word),
            item.kind,
            paint.wrap("1", &sanitize::escape_line(&item.id)),
            sanitize::escape_line(&short(&item.title))
        ));
        field_lines(&mut out, &item.fields);
    }
    if !diff.is_empty() {
        let also = if diff.briefing.is_empty() {
            ""
        } else {
            " and the [briefing] table"
        };
        out.push_str(&format!(
            "\n{} → {}: {} added, {} removed, {} changed{also}\n",
            sanitize::escape_line(old_name),
            sanitize::escape_line(new_name),
            diff.count(Change::Added),
            diff.count(Change::Removed),
            diff.count(Change::Changed),
        ));
    }
    out
}

/// A title cut to one short line.
fn short(title: &str) -> String {
    let line = title.lines().next().unwrap_or_default();
    if line.chars().count() > 72 || title.contains('\n') {
        let cut: String = line.chars().take(71).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

#[derive(Serialize)]
struct JsonField<'a> {
    field: &'a str,
    old: &'a Option<Value>,
    new: &'a Option<Value>,
    /// Words of a text, entries of a list.
    pieces: Vec<Piece>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    change: Change,
    kind: &'a str,
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<JsonField<'a>>,
}

#[derive(Serialize)]
struct JsonCounts {
    added: usize,
    removed: usize,
    changed: usize,
    briefing_changed: bool,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    old: &'a str,
    new: &'a str,
    counts: JsonCounts,
    briefing: Vec<JsonField<'a>>,
    items: Vec<JsonItem<'a>>,
}

/// The diff as JSON for other tools, every string sanitised as the JSON
/// export's are.
pub fn to_json(diff: &Diff, old_name: &str, new_name: &str) -> String {
    fn fields(fields: &[Field]) -> Vec<JsonField<'_>> {
        fields
            .iter()
            .map(|f| JsonField {
                field: &f.field,
                old: &f.old,
                new: &f.new,
                pieces: f.pieces(),
            })
            .collect()
    }
    let document = JsonDiff {
        old: old_name,
        new: new_name,
        counts: JsonCounts {
            added: diff.count(Change::Added),
            removed: diff.count(Change::Removed),
            changed: diff.count(Change::Changed),
            briefing_changed: !diff.briefing.is_empty(),
        },
        briefing: fields(&diff.briefing),
        items: diff
            .items
            .iter()
            .map(|i| JsonItem {
                change: i.change,
                kind: i.kind,
                id: &i.id,
                title: &i.title,
                fields: fields(&i.fields),
            })
            .collect(),
    };
    crate::export::sanitized_json(&document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_unchanged_runs_are_cut_to_their_ends() {
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        assert_eq!(elide(long, true, false), "one two three four five six … ");
        assert_eq!(
            elide(long, false, true),
            "… ten eleven twelve thirteen fourteen fifteen"
        );
        assert_eq!(elide("a b c", true, true), "a b c");
    }
}
