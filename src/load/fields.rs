//! Typed access to the fields of one TOML table, reporting every problem.
//!
//! Each getter records the field name as known, so `finish` can report the
//! fields nobody asked for (typos such as `speeker`) with a suggestion.

use std::sync::Arc;

use super::tree::{Item, Node, Table};

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, PartialDate, Span};

type Value<'i> = Item<'i>;

pub(super) struct Fields<'t, 'i> {
    table: &'t Table<'i>,
    /// The table's header (or inline table), where missing fields are reported.
    span: Span,
    /// What the table is, for messages: "actor", "`[briefing]`".
    what: Arc<str>,
    known: Known,
}

/// The field names a table was asked for, without allocating: tables have
/// a dozen fields at most.
#[derive(Clone, Copy)]
struct Known {
    names: [&'static str; 24],
    len: usize,
}

impl Known {
    fn push(&mut self, name: &'static str) {
        if self.len < self.names.len() && !self.contains(&name) {
            self.names[self.len] = name;
            self.len += 1;
        }
    }

    fn contains(&self, name: &&str) -> bool {
        self.names[..self.len].contains(name)
    }

    fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names[..self.len].iter().copied()
    }
}

/// Name of a TOML value's type, for "found …" in messages.
pub(super) fn type_name(value: &Node) -> &'static str {
    value.type_name()
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(table: &'t Table<'i>, span: Span, what: impl Into<Arc<str>>) -> Self {
        Self {
            table,
            span,
            what: what.into(),
            known: Known {
                names: [""; 24],
                len: 0,
            },
        }
    }

    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// Names the table more precisely once its id is known.
    pub fn rename(&mut self, what: String) {
        self.what = what.into();
    }

    fn get(&mut self, key: &'static str) -> Option<&'t Value<'i>> {
        self.known.push(key);
        self.table.get(key)
    }

    fn missing(&self, checker: &mut Checker, key: &str, example: &str) {
        checker.push(
            Diagnostic::error(
                format!("{} is missing required field `{key}`", self.what),
                Some(self.span.clone()),
            )
            .label(format!("`{key}` is required here"))
            .help(format!("add a line `{key} = {example}` to this table")),
        );
    }

    fn wrong_type(&self, checker: &mut Checker, key: &str, value: &Value, expected: &str) {
        checker.push(
            Diagnostic::error(
                format!(
                    "`{key}` in {} must be {expected}, found {}",
                    self.what,
                    type_name(&value.node)
                ),
                Some(value.span.clone()),
            )
            .label(format!("expected {expected}"))
            .help(format!("write `{key}` as {expected}")),
        );
    }

    /// A string field that may be absent; empty strings are errors.
    pub fn opt_text(&mut self, checker: &mut Checker, key: &'static str) -> Option<String> {
        self.opt_spanned_text(checker, key).map(|(text, _)| text)
    }

    pub fn opt_spanned_text(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
    ) -> Option<(String, Span)> {
        let value = self.get(key)?;
        let Node::Str(text) = &value.node else {
            self.wrong_type(checker, key, value, "a string");
            return None;
        };
        if text.trim().is_empty() {
            checker.push(
                Diagnostic::error(
                    format!("`{key}` in {} is empty", self.what),
                    Some(value.span.clone()),
                )
                .label("empty text")
                .help(format!(
                    "write the {key}, or remove the line if it is optional"
                )),
            );
            return None;
        }
        Some((text.to_string(), value.span.clone()))
    }

    /// An integer field that may be absent; one too large for 64 bits is
    /// `i64::MAX`, out of any range the caller checks.
    pub fn opt_int(&mut self, checker: &mut Checker, key: &'static str) -> Option<(i64, Span)> {
        let value = self.get(key)?;
        match &value.node {
            Node::Int(n) => Some((n.unwrap_or(i64::MAX), value.span.clone())),
            _ => {
                self.wrong_type(checker, key, value, "an integer");
                None
            }
        }
    }

    /// A required string field.
    pub fn text(&mut self, checker: &mut Checker, key: &'static str) -> Option<String> {
        self.spanned_text(checker, key).map(|(text, _)| text)
    }

    pub fn spanned_text(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
    ) -> Option<(String, Span)> {
        if self.table.get(key).is_none() {
            self.known.push(key);
            self.missing(checker, key, "\"…\"");
            return None;
        }
        self.opt_spanned_text(checker, key)
    }

    /// A list of non-empty strings; absent means empty.
    pub fn texts(&mut self, checker: &mut Checker, key: &'static str) -> Vec<(String, Span)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Node::Array(items) = &value.node else {
            self.wrong_type(checker, key, value, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match &item.node {
                Node::Str(text) if text.trim().is_empty() => checker.push(
                    Diagnostic::error(
                        format!("an entry of `{key}` in {} is empty", self.what),
                        Some(item.span.clone()),
                    )
                    .label("empty text")
                    .help("write the text or remove the entry"),
                ),
                Node::Str(text) => out.push((text.to_string(), item.span.clone())),
                other => checker.push(
                    Diagnostic::error(
                        format!(
                            "entries of `{key}` in {} must be strings, found {}",
                            self.what,
                            type_name(other)
                        ),
                        Some(item.span.clone()),
                    )
                    .label("expected a string")
                    .help("quote the entry: \"…\""),
                ),
            }
        }
        out
    }

    pub fn plain_texts(&mut self, checker: &mut Checker, key: &'static str) -> Vec<String> {
        self.texts(checker, key)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    /// The item's own id: required, well formed, and registered as unique.
    pub fn id(&mut self, checker: &mut Checker, kind: Kind) -> Option<String> {
        let (id, span) = self.spanned_text(checker, "id")?;
        self.rename(format!(
            "{} `{}`",
            kind.name(),
            super::references::shown(&id)
        ));
        checker.define(&id, span, kind).then_some(id)
    }

    /// A required reference to one item of `kind`.
    pub fn reference(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
        kind: Kind,
    ) -> Option<String> {
        if self.table.get(key).is_none() {
            self.known.push(key);
            self.missing(checker, key, &format!("\"<{} id>\"", kind.name()));
            return None;
        }
        self.opt_reference(checker, key, kind)
    }

    pub fn opt_reference(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
        kind: Kind,
    ) -> Option<String> {
        let (id, span) = self.opt_spanned_text(checker, key)?;
        // The reference is recorded from the text itself, not the copy.
        if let Some(Value {
            node: Node::Str(text),
            ..
        }) = self.table.get(key)
        {
            checker.refer(text.as_ref(), span, kind, key, &self.what);
        }
        Some(id)
    }

    /// A list of references to items of `kind`; absent means empty.
    pub fn references(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
        kind: Kind,
    ) -> Vec<String> {
        let entries = self.texts(checker, key);
        if let Some(Value {
            node: Node::Array(items),
            ..
        }) = self.table.get(key)
        {
            // The entries kept are the array's strings, in order.
            let mut kept = entries.iter().map(|(_, span)| span).peekable();
            for item in items.iter() {
                if let (Node::Str(text), Some(span)) = (&item.node, kept.peek())
                    && item.span == **span
                {
                    checker.refer(text.as_ref(), item.span.clone(), kind, key, &self.what);
                    kept.next();
                }
            }
        }
        entries.into_iter().map(|(id, _)| id).collect()
    }

    /// The `sources` list that backs an item: required, at least one.
    pub fn cited_sources(&mut self, checker: &mut Checker) -> Vec<String> {
        let present = self.table.get("sources").map(|v| v.span.clone());
        let sources = self.references(checker, "sources", Kind::Source);
        match present {
            None => self.missing(checker, "sources", "[\"<source id>\"]"),
            Some(span) if sources.is_empty() && !checker.has_error_in(&span) => checker.push(
                Diagnostic::error(format!("{} cites no source", self.what), Some(span))
                    .label("empty list")
                    .help("name at least one source id, e.g. sources = [\"reuters-2025-03-02\"]"),
            ),
            Some(_) => {}
        }
        sources
    }

    /// A date: a TOML local date or a string `YYYY`, `YYYY-MM`, `YYYY-MM-DD`.
    pub fn opt_date(&mut self, checker: &mut Checker, key: &'static str) -> Option<PartialDate> {
        let value = self.get(key)?;
        let parsed = match &value.node {
            Node::Str(text) => PartialDate::parse(text),
            Node::Date(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    PartialDate::from_parts(d.year, Some(d.month.into()), Some(d.day.into()))
                        .ok_or_else(|| format!("`{dt}` is not a date"))
                }
                _ => Err(format!("`{dt}` has a time of day; a date has none")),
            },
            _ => {
                self.wrong_type(checker, key, value, "a date");
                return None;
            }
        };
        match parsed {
            Ok(date) => Some(date),
            Err(message) => {
                checker.push(
                    Diagnostic::error(format!("bad date in `{key}` of {}: {message}", self.what), Some(value.span.clone()))
                        .label("not a date")
                        .help("write a date as 2025-07-31 or as a string \"2025\", \"2025-07\" or \"2025-07-31\""),
                );
                None
            }
        }
    }

    pub fn date(&mut self, checker: &mut Checker, key: &'static str) -> Option<PartialDate> {
        if self.table.get(key).is_none() {
            self.known.push(key);
            self.missing(checker, key, "2025-07-31");
            return None;
        }
        self.opt_date(checker, key)
    }

    /// An array of tables, such as `[[issues.positions]]`; absent means empty.
    pub fn tables(
        &mut self,
        checker: &mut Checker,
        key: &'static str,
    ) -> Vec<(&'t Table<'i>, Span)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Node::Array(items) = &value.node else {
            self.wrong_type(
                checker,
                key,
                value,
                &format!("an array of tables ([[…{key}]])"),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match &item.node {
                Node::Table(table) => out.push((table, item.span.clone())),
                other => checker.push(
                    Diagnostic::error(
                        format!(
                            "entries of `{key}` must be tables, found {}",
                            type_name(other)
                        ),
                        Some(item.span.clone()),
                    )
                    .label("expected a table")
                    .help(format!("write each entry as a [[…{key}]] table")),
                ),
            }
        }
        out
    }

    /// A list whose entries are strings or inline tables; each is handed back raw.
    pub fn values(&mut self, checker: &mut Checker, key: &'static str) -> Vec<&'t Value<'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match &value.node {
            Node::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type(checker, key, value, "an array");
                Vec::new()
            }
        }
    }

    /// Reports every field that no getter asked for.
    pub fn finish(self, checker: &mut Checker) {
        for entry in &self.table.entries {
            let name: &str = &entry.key;
            if self.known.contains(&name) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                format!("unknown field `{name}` in {}", self.what),
                Some(entry.key_span.clone()),
            )
            .label("not a field of this table");
            diagnostic = match super::references::closest(name, self.known.iter()) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => {
                    let mut known: Vec<&str> = self.known.iter().collect();
                    known.sort_unstable();
                    diagnostic.help(format!("the fields here are: {}", known.join(", ")))
                }
            };
            checker.push(diagnostic);
        }
    }
}

impl Fields<'_, '_> {
    /// Marks a field as known when it is read by other means.
    pub fn skip(&mut self, key: &'static str) {
        self.known.push(key);
    }
}
