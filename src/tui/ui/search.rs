//! The search overlay: the query, the count, and the results grouped by
//! kind with each match highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane, popup};
use crate::search::{Field, Hit, find_all, hit_text};
use crate::tui::app::{App, SearchState};
use crate::tui::detail::{clean_line, truncate};

/// A row of the results: a kind's heading or a hit (by index into hits).
enum Row {
    Heading(&'static str, usize),
    Hit(usize),
}

fn rows(hits: &[Hit]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut n = 0;
    while n < hits.len() {
        let kind = hits[n].item.kind();
        let count = hits[n..]
            .iter()
            .take_while(|h| h.item.kind() == kind)
            .count();
        let heading = match kind {
            crate::model::Kind::Actor => "Actors",
            crate::model::Kind::Issue => "Issues",
            crate::model::Kind::Position => "Positions",
            crate::model::Kind::Quote => "Quotes",
            crate::model::Kind::Event => "Events",
            crate::model::Kind::Source => "Sources",
            crate::model::Kind::Claim => "Claims",
        };
        rows.push(Row::Heading(heading, count));
        rows.extend((n..n + count).map(Row::Hit));
        n += count;
    }
    rows
}

pub fn render(app: &App, frame: &mut Frame, search: &SearchState) {
    let theme = &app.theme;
    let b = &app.briefing;
    let area = popup(frame.area(), 84, 80);
    clear(frame, area);
    let count = match search.hits.len() {
        0 if search.query.is_empty() => {
            "words in any order · \"a phrase\" · !not · dates (2025-10, 15 October 2025)"
                .to_string()
        }
        0 if !search.suggestions.is_empty() => "no matches · names like it:".to_string(),
        0 => "no matches".to_string(),
        1 => "1 match".to_string(),
        n if search.capped => format!("over {n} matches: type more to narrow"),
        n => format!("{n} matches"),
    };
    let title = Line::from(vec![
        Span::styled(" Search ", theme.title.add_modifier(Modifier::BOLD)),
        Span::styled(format!("{count} "), theme.muted),
    ]);
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input, results] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let [prompt, query] =
        Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(Rect {
            height: 1.min(input.height),
            ..input
        });
    frame.render_widget(Span::styled("/ ", theme.link), prompt);
    frame.render_widget(search.query.widget(), query);
    let query = crate::search::Query::parse(&search.query.text());
    let terms = query.highlights();
    let hits = search.results();
    let rows = rows(hits);
    let height = usize::from(results.height).max(1);
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Hit(h) if *h == search.selected))
        .unwrap_or(0);
    let offset = selected_row.saturating_sub(height.saturating_sub(2));
    let width = usize::from(results.width);
    let mut lines = Vec::with_capacity(height);
    for row in rows.iter().skip(offset).take(height) {
        match row {
            Row::Heading(name, n) => lines.push(Line::from(vec![
                Span::styled(name.to_string(), theme.header.add_modifier(Modifier::BOLD)),
                Span::styled(format!(" ({n})"), theme.muted),
            ])),
            Row::Hit(h) => {
                let hit = &hits[*h];
                let selected = *h == search.selected;
                let name = truncate(&clean_line(&b.item_title(hit.item)), 40);
                let mut spans = vec![Span::styled(if selected { "▶ " } else { "  " }, theme.link)];
                spans.push(Span::styled(
                    name.clone(),
                    if selected {
                        theme.selection
                    } else {
                        theme.text
                    },
                ));
                // The field that matched, and the match in it, unless it is
                // the name shown already.
                let shows_name = matches!(hit.field, Field::Name | Field::Title | Field::Id);
                let label = format!(" · {}: ", hit.field.label());
                let room = width.saturating_sub(name.width() + label.width() + 3);
                if !shows_name && room > 8 {
                    spans.push(Span::styled(label, theme.muted));
                    spans.extend(snippet(&hit_text(b, hit), &terms, room, theme));
                }
                lines.push(Line::from(spans));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), results);
}

/// The matched text around its first match, the match highlighted.
fn snippet(
    text: &str,
    terms: &[String],
    room: usize,
    theme: &crate::tui::theme::Theme,
) -> Vec<Span<'static>> {
    let first = terms
        .iter()
        .filter_map(|t| find_all(text, t).into_iter().next())
        .min_by_key(|r| r.start);
    let Some(found) = first else {
        return vec![Span::styled(truncate(&clean_line(text), room), theme.muted)];
    };
    let before = clean_line(&text[..found.start]);
    let matched = clean_line(&text[found.clone()]);
    let after = clean_line(&text[found.end..]);
    // Keep a little context before the match.
    let lead: String = {
        let chars: Vec<char> = before.chars().collect();
        let keep = chars.len().min(room / 3);
        let tail: String = chars[chars.len() - keep..].iter().collect();
        if keep < chars.len() {
            format!("…{tail}")
        } else {
            tail
        }
    };
    let matched = truncate(&matched, room.saturating_sub(lead.width()).max(1));
    let after = truncate(&after, room.saturating_sub(lead.width() + matched.width()));
    vec![
        Span::styled(lead, theme.muted),
        Span::styled(matched, theme.matched),
        Span::styled(after, theme.muted),
    ]
}
