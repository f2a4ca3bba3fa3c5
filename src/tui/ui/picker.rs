//! A menu of choices over the panes, such as a list's filters.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{clear, pane, popup};
use crate::tui::app::{App, Picker};
use crate::tui::detail::{clean_line, truncate};

pub fn render(app: &App, frame: &mut Frame, picker: &Picker) {
    let theme = &app.theme;
    let area = popup(frame.area(), 60, 70);
    clear(frame, area);
    let title = Line::styled(
        format!(" {} ", picker.title),
        theme.title.add_modifier(Modifier::BOLD),
    );
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height).max(1);
    let offset = picker.selected.saturating_sub(height - 1);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = picker
        .options
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, (label, _))| {
            let text = truncate(&clean_line(label), width.saturating_sub(2));
            if n == picker.selected {
                Line::from(Span::styled(
                    format!("▶ {text:<w$}", w = width.saturating_sub(2)),
                    theme.selection,
                ))
            } else {
                Line::styled(format!("  {text}"), theme.text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
