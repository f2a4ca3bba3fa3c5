//! The list pane of every section but the Overview. Only the rows on screen
//! are built, so a list of any length costs the same per frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::pane;
use crate::model::Briefing;
use crate::tui::app::{App, Filter, Focus};
use crate::tui::detail::{clean_line, truncate};
use crate::tui::layout::AppLayout;
use crate::tui::section::Section;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let list = app.list();
    let focused = app.focus == Focus::List && app.overlay.is_none();
    let position = if list.rows.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", list.selected + 1, list.rows.len())
    };
    let mut title = vec![Span::styled(
        format!(" {} ", app.section.title()),
        ratatui::style::Style::new()
            .fg(theme.accent(app.section))
            .add_modifier(Modifier::BOLD),
    )];
    if let Some(filter) = list.filter {
        title.push(Span::styled(
            format!("· {} ", filter_label(&app.briefing, filter)),
            theme.warning,
        ));
    }
    if let Some(text) = &list.text {
        title.push(Span::styled(
            format!("· “{}” ", truncate(&clean_line(text), 20)),
            theme.warning,
        ));
    }
    title.push(Span::styled(format!("{position} "), theme.muted));
    if app.section == Section::Timeline && area.width >= 44 {
        // What the markers before each title mean.
        title.push(Span::styled("● day ◐ month ○ year ", theme.muted));
    }
    let block = pane(app, Line::from(title), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = AppLayout::inner_height(area);
    let width = usize::from(inner.width);
    let shown: Vec<(usize, usize, (String, String))> = list
        .rows
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(height)
        .map(|(row, &index)| {
            (
                row,
                index,
                crate::tui::rows::row_text(&app.briefing, app.section, index),
            )
        })
        .collect();
    // The notes on the right keep one column, whatever the labels' length:
    // a long label is cut, not its row's note pushed out of line.
    let room = width.saturating_sub(5);
    let note_width = shown
        .iter()
        .map(|(.., (_, note))| note.width())
        .max()
        .unwrap_or(0)
        .min(room / 3);
    let mut lines = Vec::with_capacity(height);
    for (row, index, (label, note)) in shown {
        let selected = row == list.selected;
        let marker = if selected { "▶ " } else { "  " };
        let status = app
            .section
            .item(index)
            .map(|item| app.review.status(item))
            .unwrap_or_default();
        let glyphs = status.glyphs();
        let label_room = if note_width > 0 {
            room.saturating_sub(note_width + 2)
        } else {
            room
        };
        let label = truncate(&label, label_room);
        let note = truncate(&note, note_width);
        let pad = room.saturating_sub(label.width() + note.width());
        let base = if selected && focused {
            theme.selection
        } else if selected {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        let glyph_style = if status.flagged || status.stale || status.new || status.changed {
            theme.warning
        } else {
            theme.link
        };
        let mut spans = vec![
            Span::styled(
                glyphs,
                if selected && focused {
                    base
                } else {
                    glyph_style
                },
            ),
            Span::styled(marker, base),
            Span::styled(label, base),
        ];
        if !note.is_empty() {
            spans.push(Span::styled(" ".repeat(pad), base));
            spans.push(Span::styled(
                note,
                if selected && focused {
                    base
                } else {
                    theme.muted
                },
            ));
        } else if selected && focused {
            spans.push(Span::styled(" ".repeat(pad), base));
        }
        lines.push(Line::from(spans));
    }
    if list.rows.is_empty() {
        lines.push(Line::styled("  Nothing to show", theme.muted));
    }
    // Each row is made to the pane's width: written straight into the buffer.
    let buf = frame.buffer_mut();
    for (y, line) in (inner.top()..inner.bottom()).zip(&lines) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}

pub fn filter_label(b: &Briefing, filter: Filter) -> String {
    match filter {
        Filter::Kind(kind) => format!("kind: {}", kind.name()),
        Filter::Speaker(a) => format!("speaker: {}", clean_line(&b.actors[a].name)),
        Filter::Actor(a) => format!("actor: {}", clean_line(&b.actors[a].name)),
        Filter::Issue(x) => format!("issue: {}", clean_line(&b.issues[x].title)),
        Filter::Source(s) => format!("source: [{}]", s + 1),
        Filter::Grade(grade) => format!("grade: {grade}"),
    }
}
