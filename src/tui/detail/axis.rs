//! A time axis for the Timeline: every event as a tick, the selected one
//! marked, and a date known only to its month or year drawn across that
//! whole period. Years with more events get more room; gaps between years
//! without events are shown as breaks.

use crate::tui::section::Section;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::model::{Briefing, PartialDate};
use crate::tui::theme::Theme;

struct Slot {
    year: u16,
    start: usize,
    width: usize,
}

/// The axis as two lines (marks, then year labels), `width` columns wide.
pub fn lines(b: &Briefing, selected: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut years: Vec<(u16, usize)> = Vec::new();
    let mut dates: Vec<PartialDate> = b.events.iter().map(|e| e.date).collect();
    dates.sort();
    for d in &dates {
        match years.last_mut() {
            Some((y, n)) if *y == d.year => *n += 1,
            _ => years.push((d.year, 1)),
        }
    }
    let breaks = years.windows(2).filter(|w| w[1].0 > w[0].0 + 1).count();
    let min_slot = 4;
    if years.is_empty() || years.len() * min_slot + breaks > width {
        return Vec::new();
    }
    let room = width - breaks;
    let weight: usize = years.iter().map(|(_, n)| n + 2).sum();
    let mut slots = Vec::with_capacity(years.len());
    let mut at = 0;
    let mut extra = room - years.len() * min_slot;
    let spare_total = extra;
    for (i, (year, n)) in years.iter().enumerate() {
        if i > 0 && *year > years[i - 1].0 + 1 {
            at += 1;
        }
        let share = if i + 1 == years.len() {
            extra
        } else {
            (spare_total * (n + 2) / weight).min(extra)
        };
        extra -= share;
        let width = min_slot + share;
        slots.push(Slot {
            year: *year,
            start: at,
            width,
        });
        at += width;
    }
    let total = at;
    let mut marks: Vec<(char, Style)> = vec![('─', theme.border); total];
    for pair in slots.windows(2) {
        if pair[1].year > pair[0].year + 1 {
            marks[pair[1].start - 1] = ('┆', theme.muted);
        }
    }
    let place = |d: PartialDate, end: bool| -> Option<usize> {
        let slot = slots.iter().find(|s| s.year == d.year)?;
        let start = PartialDate {
            year: d.year,
            month: None,
            day: None,
        }
        .ordinal();
        let days = (PartialDate {
            year: d.year + 1,
            month: None,
            day: None,
        }
        .ordinal()
            - start)
            .max(1);
        let ordinal = if end { period_end(d) } else { d.ordinal() };
        let offset = ((ordinal - start).clamp(0, days - 1) as usize * slot.width) / days as usize;
        Some(slot.start + offset.min(slot.width - 1))
    };
    for d in &dates {
        if let Some(x) = place(*d, false) {
            marks[x] = ('│', theme.muted);
        }
    }
    let accent = Style::new()
        .fg(theme.accent(Section::Timeline))
        .add_modifier(Modifier::BOLD);
    let chosen = b.events[selected].date;
    if let (Some(from), Some(to)) = (place(chosen, false), place(chosen, true)) {
        if chosen.is_full() {
            marks[from] = ('◆', accent);
        } else {
            for mark in marks.iter_mut().take(to + 1).skip(from) {
                *mark = ('━', accent);
            }
        }
    }
    let mut labels = vec![' '; total];
    for slot in &slots {
        let text = if slot.width >= 5 {
            slot.year.to_string()
        } else {
            format!("'{:02}", slot.year % 100)
        };
        for (k, c) in text.chars().enumerate().take(slot.width) {
            labels[slot.start + k] = c;
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (c, style) in marks {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    vec![
        Line::from(spans),
        Line::styled(labels.into_iter().collect::<String>(), theme.muted),
    ]
}

/// The last day of a date's period: the day itself, its month's or its year's end.
fn period_end(d: PartialDate) -> i64 {
    let next = match (d.month, d.day) {
        (_, Some(_)) => return d.ordinal(),
        (Some(12), None) => PartialDate {
            year: d.year + 1,
            month: Some(1),
            day: None,
        },
        (Some(m), None) => PartialDate {
            year: d.year,
            month: Some(m + 1),
            day: None,
        },
        (None, _) => PartialDate {
            year: d.year + 1,
            month: None,
            day: None,
        },
    };
    next.ordinal() - 1
}
