//! What each section's list shows of an item: a row's text and its note
//! on the right. Shared by the list pane and the layout, which gives a
//! list whose rows are cut more room on a wide screen.

use unicode_width::UnicodeWidthStr;

use super::detail::{clean_line, truncate};
use super::section::Section;
use crate::model::Briefing;

/// The speaker column of the Quotes list.
const SPEAKER_WIDTH: usize = 18;

/// A row's main text and its note on the right.
pub fn row_text(b: &Briefing, section: Section, i: usize) -> (String, String) {
    match section {
        Section::Actors => (
            clean_line(&b.actors[i].name),
            b.actors[i].kind.name().to_string(),
        ),
        Section::Issues => {
            let n = b.issues[i].positions.len();
            (
                clean_line(&b.issues[i].title),
                format!("{n} position{}", if n == 1 { "" } else { "s" }),
            )
        }
        // Who said it comes first, so that it is never the part cut off.
        Section::Quotes => {
            let q = &b.quotes[i];
            let speaker = q.speaker.as_deref().and_then(|id| b.actor(id)).map_or_else(
                // The source's own words: the source, as the screen numbers it.
                || match b.get(&q.source) {
                    Some(crate::model::ItemRef::Source(s)) => format!("source [{}]", s + 1),
                    _ => "source".to_string(),
                },
                |a| clean_line(&a.name),
            );
            let speaker = truncate(&speaker, SPEAKER_WIDTH);
            let pad = SPEAKER_WIDTH.saturating_sub(speaker.width());
            (
                format!("{speaker}{} “{}”", " ".repeat(pad), clean_line(&q.text)),
                String::new(),
            )
        }
        Section::Timeline => {
            let e = &b.events[i];
            let glyph = match (e.date.month, e.date.day) {
                (_, Some(_)) => '●',
                (Some(_), None) => '◐',
                _ => '○',
            };
            (
                format!(
                    "{:<10} {glyph} {}",
                    e.date.to_string(),
                    clean_line(&e.title)
                ),
                String::new(),
            )
        }
        Section::Sources => {
            let s = &b.sources[i];
            let grade = s.reliability.map_or_else(
                || "reliability ungraded".to_string(),
                |g| format!("reliability {g}"),
            );
            (format!("[{}] {}", i + 1, clean_line(&s.title)), grade)
        }
        Section::Contested => {
            let c = &b.claims[i];
            (
                clean_line(&c.topic),
                format!("{} versions", c.versions.len()),
            )
        }
        Section::Overview => (String::new(), String::new()),
    }
}

/// The width a section's list would like, borders and marks included: its
/// widest row, among the first few thousand.
pub fn wanted_width(b: &Briefing, section: Section, rows: &[usize]) -> u16 {
    let widest = rows
        .iter()
        .take(2000)
        .map(|&i| {
            let (label, note) = row_text(b, section, i);
            let note = if note.is_empty() { 0 } else { note.width() + 2 };
            label.width() + note
        })
        .max()
        .unwrap_or(0);
    // Borders, the review marks and the cursor.
    u16::try_from(widest + 2 + 3 + 2).unwrap_or(u16::MAX)
}

/// The rows whose text matches `query` fuzzily (as helix and television
/// match), best first, ties in list order.
pub fn fuzzy(b: &Briefing, section: Section, rows: &[usize], query: &str) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(n, &i)| {
            let (label, _) = row_text(b, section, i);
            let score = pattern.score(Utf32Str::new(&label, &mut buf), &mut matcher)?;
            Some((score, n, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(.., i)| i).collect()
}

/// Which of `labels` match `query` fuzzily, best first (all, in order, for
/// an empty query).
pub fn fuzzy_labels(labels: &[&str], query: &str) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    if query.trim().is_empty() {
        return (0..labels.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(n, label)| {
            Some((
                pattern.score(Utf32Str::new(label, &mut buf), &mut matcher)?,
                n,
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, n)| n).collect()
}
