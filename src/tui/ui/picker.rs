//! The filter menu over the panes: what is typed (which filters the list
//! behind at once), then the categories that match it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane};
use crate::tui::app::{App, Picker};
use crate::tui::detail::{clean_line, truncate};

pub fn render(app: &App, frame: &mut Frame, picker: &Picker) {
    let theme = &app.theme;
    // Over the detail pane, so that the list it filters stays in view.
    let area = app.layout.detail;
    clear(frame, area);
    let shown = app.list().rows.len();
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ", picker.title),
            theme.title.add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("{shown} shown "), theme.muted),
    ]);
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input, options] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let [prompt, query] =
        Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(Rect {
            height: input.height.min(1),
            ..input
        });
    let typing = picker.selected.is_none();
    frame.render_widget(
        Span::styled("› ", if typing { theme.link } else { theme.muted }),
        prompt,
    );
    frame.render_widget(picker.query.widget(), query);
    let height = usize::from(options.height).max(1);
    let selected = picker.selected.unwrap_or(0);
    let offset = selected.saturating_sub(height - 1);
    let width = usize::from(options.width);
    let lines: Vec<Line> = picker
        .shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &option)| {
            let label = clean_line(&picker.options[option].0);
            let text = truncate(&label, width.saturating_sub(2));
            if picker.selected == Some(n) {
                let pad = width.saturating_sub(2 + text.width());
                Line::from(Span::styled(
                    format!("▶ {text}{}", " ".repeat(pad)),
                    theme.selection,
                ))
            } else {
                Line::styled(format!("  {text}"), theme.text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), options);
}
