//! The Overview's actor × issue matrix: who holds a position on what, one
//! glyph per cell, with the selected cell's stance shown below the grid.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use crate::model::ItemRef;
use crate::tui::app::{App, Focus};
use crate::tui::detail::{clean, clean_line, truncate, wrap};
use crate::tui::update::{matrix_cell, matrix_view};

pub const NAME_WIDTH: u16 = 22;
pub const CELL_WIDTH: usize = 3;

const POSITION: &str = "●";
const NAMED: &str = "○";
const NONE: &str = "·";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let b = &app.briefing;
    let m = &app.matrix;
    let focused = app.focus == Focus::List && app.overlay.is_none();
    let accent = Style::new()
        .fg(theme.accent(0))
        .add_modifier(Modifier::BOLD);
    let title = Line::from(vec![
        Span::styled(" Actor × issue ", accent),
        Span::styled(
            format!("{POSITION} position  {NAMED} involved "),
            theme.muted,
        ),
    ]);
    let block = pane(app, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [grid, preview] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(inner);
    let (rows, columns) = matrix_view(app);
    let issues = m.column_offset..(m.column_offset + columns).min(b.issues.len());

    let mut lines = Vec::with_capacity(rows + 1);
    let mut head = vec![Span::raw(" ".repeat(usize::from(NAME_WIDTH)))];
    for x in issues.clone() {
        let style = if x == m.column {
            accent.add_modifier(Modifier::UNDERLINED)
        } else {
            theme.muted
        };
        head.push(Span::styled(format!("{:^CELL_WIDTH$}", x + 1), style));
    }
    lines.push(Line::from(head));
    for (row, &a) in m.actors.iter().enumerate().skip(m.row_offset).take(rows) {
        let actor = &b.actors[a];
        let links = &b.index.actors[a];
        let name_style = if row == m.row {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        let name = truncate(&clean_line(&actor.name), usize::from(NAME_WIDTH) - 1);
        let mut spans = vec![Span::styled(
            format!("{name:<width$}", width = usize::from(NAME_WIDTH)),
            name_style,
        )];
        for x in issues.clone() {
            let holds = links
                .positions
                .iter()
                .any(|p| matches!(p, ItemRef::Position { issue, .. } if *issue == x));
            let (glyph, mut style) = if holds {
                (POSITION, Style::new().fg(theme.accent(2)))
            } else if links.issues.contains(&x) {
                (NAMED, theme.muted)
            } else {
                (NONE, theme.border)
            };
            if row == m.row && x == m.column {
                style = if focused {
                    theme.selection
                } else {
                    style.add_modifier(Modifier::REVERSED)
                };
            }
            spans.push(Span::styled(format!(" {glyph} "), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), grid);

    // The selected cell, in words.
    let width = usize::from(preview.width.max(1));
    let mut text = Vec::new();
    if let Some(issue) = b.issues.get(m.column) {
        text.push(Line::from(vec![
            Span::styled(format!("{}: ", m.column + 1), theme.muted),
            Span::styled(
                truncate(&clean_line(&issue.title), width.saturating_sub(4)),
                accent,
            ),
        ]));
    }
    if let Some(&a) = m.actors.get(m.row) {
        let name = clean_line(&b.actors[a].name);
        match matrix_cell(app) {
            Some(ItemRef::Position { issue, position }) => {
                let stance = &b.issues[issue].positions[position].stance;
                let wrapped = wrap(&format!("{name}: {}", clean(stance)), width);
                let more = wrapped.len() > 3;
                for (n, line) in wrapped.into_iter().take(3).enumerate() {
                    let line = if more && n == 2 {
                        truncate(&format!("{line} …"), width)
                    } else {
                        line
                    };
                    text.push(Line::styled(line, theme.text));
                }
            }
            _ => text.push(Line::styled(
                format!("{name}: no position on this issue"),
                theme.muted,
            )),
        }
    }
    frame.render_widget(Paragraph::new(text), preview);
}
