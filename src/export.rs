//! Briefing text outside the reader: citations for the clipboard.

use crate::model::{Briefing, ItemRef};
use crate::sanitize;

/// How a source is cited: title, outlet, date, with unknowns said so.
pub fn source_citation(b: &Briefing, id: &str) -> String {
    match b.source(id) {
        Some(s) => {
            let outlet = s.outlet.as_deref().unwrap_or("outlet unknown");
            let date = s
                .published
                .map_or_else(|| "date unknown".to_string(), |d| d.to_string());
            format!("{}, {outlet}, {date}", s.title)
        }
        None => id.to_string(),
    }
}

/// An item as plain text with its citation, for pasting elsewhere: a quote
/// as `"…" — speaker, source title, outlet, date`. Sanitised like the screen.
pub fn citation(b: &Briefing, item: ItemRef) -> String {
    let text = match item {
        ItemRef::Quote(i) => {
            let q = &b.quotes[i];
            let speaker = q
                .speaker
                .as_deref()
                .and_then(|id| b.actor(id))
                .map(|a| format!("{}, ", a.name))
                .unwrap_or_default();
            format!("“{}” — {speaker}{}", q.text, source_citation(b, &q.source))
        }
        ItemRef::Position { issue, position } => {
            let p = &b.issues[issue].positions[position];
            let sources: Vec<String> = p.sources.iter().map(|s| source_citation(b, s)).collect();
            format!(
                "{}: {}\nSources: {}",
                b.item_title(item),
                p.stance,
                sources.join("; ")
            )
        }
        other => b.item_title(other),
    };
    sanitize::escape(&text).into_owned()
}
