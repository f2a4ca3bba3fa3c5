//! Briefing text outside the reader: citations for the clipboard, and
//! `brief export` as Markdown for reports or JSON for other tools.
//!
//! Everything exported is sanitised like the screen, so no control, bidi or
//! invisible character from a briefing or a state file reaches the output.

mod json;
mod markdown;

use crate::model::{Briefing, GradeFilter, ItemRef, Version};
use crate::review::{Fingerprints, Mark, Review, Status};
use crate::sanitize;

pub use json::json;
pub(crate) use json::sanitized as sanitized_json;
pub use markdown::markdown;

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
            format!("“{}” — {}", q.text, quote_attribution(b, i))
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

/// Who said a quote and where: `speaker, source title, outlet, date`, or
/// the source alone when the words are its own.
fn quote_attribution(b: &Briefing, quote: usize) -> String {
    let q = &b.quotes[quote];
    let speaker = q
        .speaker
        .as_deref()
        .and_then(|id| b.actor(id))
        .map(|a| format!("{}, ", a.name))
        .unwrap_or_default();
    format!("{speaker}{}", source_citation(b, &q.source))
}

/// Which items an export keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Items flagged for follow-up.
    Flagged,
    /// Items with a note.
    Notes,
    /// Items new or changed since the last review, as the reader's `c`
    /// filter shows them.
    Changed,
}

impl Only {
    pub fn matches(self, status: Status) -> bool {
        match self {
            Only::Flagged => status.flagged,
            Only::Notes => status.note,
            Only::Changed => status.new || status.changed,
        }
    }
}

/// A briefing with a review state, and which of its items to export.
pub struct Export<'a> {
    pub briefing: &'a Briefing,
    pub review: &'a Review,
    pub only: Option<Only>,
    /// The briefing file's signature, when the export is of a file.
    pub signature: Option<crate::signature::SignatureState>,
    /// Which quotes and claim versions to keep, by their grades.
    pub grade: Option<GradeFilter>,
    fingerprints: Fingerprints,
}

impl<'a> Export<'a> {
    pub fn new(briefing: &'a Briefing, review: &'a Review, only: Option<Only>) -> Export<'a> {
        Export {
            briefing,
            review,
            only,
            signature: None,
            grade: None,
            fingerprints: Fingerprints::of(briefing),
        }
    }

    /// The export with only the quotes and claim versions whose grades
    /// pass `grade` (a claim is kept while one of its versions is).
    pub fn with_grade(mut self, grade: GradeFilter) -> Export<'a> {
        self.grade = Some(grade);
        self
    }

    /// The versions of a claim the export keeps.
    pub fn versions(&self, claim: usize) -> Vec<&'a Version> {
        let b = self.briefing;
        b.claims[claim]
            .versions
            .iter()
            .filter(|v| self.grade.as_ref().is_none_or(|g| g.version(b, v)))
            .collect()
    }

    /// True when the item's grades pass the export's grade filter (items
    /// other than quotes and claims have none, and pass).
    fn graded(&self, item: ItemRef) -> bool {
        let Some(grade) = &self.grade else {
            return true;
        };
        match item {
            ItemRef::Quote(i) => grade.quote(self.briefing, i),
            ItemRef::Claim(i) => !self.versions(i).is_empty(),
            _ => true,
        }
    }

    /// The export with the state of the briefing file's signature.
    pub fn with_signature(mut self, state: crate::signature::SignatureState) -> Export<'a> {
        self.signature = Some(state);
        self
    }

    pub fn status(&self, item: ItemRef) -> Status {
        self.fingerprints.status(self.review, item)
    }

    /// True when the item is exported.
    pub fn includes(&self, item: ItemRef) -> bool {
        self.only.is_none_or(|only| only.matches(self.status(item))) && self.graded(item)
    }

    /// An issue is exported when it or any of its positions is.
    pub fn includes_issue(&self, issue: usize) -> bool {
        self.includes(ItemRef::Issue(issue))
            || (0..self.briefing.issues[issue].positions.len())
                .any(|position| self.includes(ItemRef::Position { issue, position }))
    }

    pub fn id(&self, item: ItemRef) -> String {
        self.briefing.item_id(item)
    }

    pub fn note(&self, item: ItemRef) -> Option<&'a str> {
        self.review
            .mark(self.fingerprints.id(item)?)?
            .note
            .as_deref()
    }

    /// Notes on items no longer in the briefing that the export keeps: all
    /// of them, or the flagged ones with `--only flagged`; none are new or
    /// changed, since their items are gone.
    pub fn orphans(&self) -> Vec<(&'a str, &'a Mark)> {
        let mut orphans = self.fingerprints.orphans(self.review);
        match self.only {
            None | Some(Only::Notes) => {}
            Some(Only::Flagged) => orphans.retain(|(_, mark)| mark.flagged),
            Some(Only::Changed) => orphans.clear(),
        }
        orphans
    }

    /// The sources, by index, that the exported items cite or that are
    /// exported in their own right. (The briefing's summary and key
    /// judgments, which cite sources too, are not items.)
    pub fn cited_sources(&self) -> Vec<usize> {
        let b = self.briefing;
        let mut ids: Vec<&str> = Vec::new();
        for (i, s) in b.sources.iter().enumerate() {
            if self.includes(ItemRef::Source(i)) {
                ids.push(&s.id);
            }
        }
        for (i, a) in b.actors.iter().enumerate() {
            if self.includes(ItemRef::Actor(i)) {
                ids.extend(a.sources.iter().map(String::as_str));
            }
        }
        for (i, issue) in b.issues.iter().enumerate() {
            if self.includes(ItemRef::Issue(i)) {
                ids.extend(issue.sources.iter().map(String::as_str));
            }
            for (position, p) in issue.positions.iter().enumerate() {
                if self.includes(ItemRef::Position { issue: i, position }) {
                    ids.extend(p.sources.iter().map(String::as_str));
                }
            }
        }
        for (i, q) in b.quotes.iter().enumerate() {
            if self.includes(ItemRef::Quote(i)) {
                ids.push(&q.source);
            }
        }
        for (i, e) in b.events.iter().enumerate() {
            if self.includes(ItemRef::Event(i)) {
                ids.extend(e.sources.iter().map(String::as_str));
            }
        }
        for i in 0..b.claims.len() {
            if self.includes(ItemRef::Claim(i)) {
                ids.extend(self.versions(i).iter().map(|v| v.source.as_str()));
            }
        }
        let mut listed: Vec<usize> = ids
            .into_iter()
            .filter_map(|id| match b.get(id) {
                Some(ItemRef::Source(i)) => Some(i),
                _ => None,
            })
            .collect();
        listed.sort_unstable();
        listed.dedup();
        listed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Change;

    #[test]
    fn only_keeps_the_items_the_reader_would_show() {
        let b = Briefing::from_str(crate::DEFAULT_BRIEFING, "default").expect("valid");
        let mut review = Review::new(&b.meta.id);
        let position = ItemRef::Position {
            issue: 1,
            position: 0,
        };
        review.apply(&Change::Flagged {
            item: b.item_id(position),
            on: true,
        });
        let export = Export::new(&b, &review, Some(Only::Flagged));
        assert!(export.includes(position));
        assert!(export.includes_issue(1) && !export.includes(ItemRef::Issue(1)));
        assert!(!export.includes_issue(0));
        let all = Export::new(&b, &review, None);
        assert!(all.includes(ItemRef::Issue(0)));
    }
}
