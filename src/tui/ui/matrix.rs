//! The Overview's actor × issue matrix: who holds a position on what, one
//! glyph per cell, with the selected cell's stance shown below the grid.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use crate::model::ItemRef;
use crate::tui::app::{App, Focus};
use crate::tui::detail::{clean, clean_line, truncate, wrap};
use crate::tui::layout::{MATRIX_CELL_WIDTH as CELL_WIDTH, MATRIX_NAME_WIDTH as NAME_WIDTH};
use crate::tui::section::Section;
use unicode_width::UnicodeWidthStr;

const POSITION: &str = "●";
const NAMED: &str = "○";
const NONE: &str = "·";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let b = &app.briefing;
    let m = &app.matrix;
    let focused = app.focus == Focus::List && app.overlay.is_none();
    let accent = Style::new()
        .fg(theme.accent(Section::Overview))
        .add_modifier(Modifier::BOLD);
    let title = Line::from(vec![
        Span::styled(" Actor × issue ", accent),
        Span::styled(
            format!("{POSITION} position  {NAMED} involved "),
            theme.muted,
        ),
    ]);
    frame.render_widget(pane(app, title, focused), area);
    let geometry = app.layout.matrix;
    let (grid, preview) = (geometry.grid, geometry.preview);
    let (rows, columns) = (geometry.rows, geometry.columns);
    let issues = m.column_offset..(m.column_offset + columns).min(b.issues.len());

    // The grid is drawn cell by cell, each at its column: as a paragraph
    // of one span per cell it was a tenth of the reader's start-up.
    let buf = frame.buffer_mut();
    let column = |n: usize| grid.x + NAME_WIDTH + n as u16 * CELL_WIDTH;
    let put = |buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style| {
        if x < grid.right() && y < grid.bottom() {
            buf.set_stringn(x, y, text, usize::from(grid.right() - x), style);
        }
    };
    for (n, x) in issues.clone().enumerate() {
        let style = if x == m.column {
            accent.add_modifier(Modifier::UNDERLINED)
        } else {
            theme.muted
        };
        put(
            buf,
            column(n),
            grid.y,
            &format!("{:^width$}", x + 1, width = usize::from(CELL_WIDTH)),
            style,
        );
    }
    let shown = m.actors.iter().enumerate().skip(m.row_offset).take(rows);
    for (y, (row, &a)) in (grid.y + 1..).zip(shown) {
        let actor = &b.actors[a];
        let links = &b.index.actors[a];
        let name_style = if row == m.row {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        let name = truncate(&clean_line(&actor.name), usize::from(NAME_WIDTH) - 1);
        let pad = usize::from(NAME_WIDTH).saturating_sub(name.width());
        put(
            buf,
            grid.x,
            y,
            &format!("{name}{}", " ".repeat(pad)),
            name_style,
        );
        for (n, x) in issues.clone().enumerate() {
            let holds = links
                .positions
                .iter()
                .any(|p| matches!(p, ItemRef::Position { issue, .. } if *issue == x));
            let (glyph, mut style) = if holds {
                (POSITION, Style::new().fg(theme.accent(Section::Issues)))
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
            // A glyph between two spaces, each one cell wide.
            let x = column(n);
            for (dx, symbol) in [" ", glyph, " "].into_iter().enumerate() {
                let at = x + dx as u16;
                if at < grid.right() && y < grid.bottom() {
                    buf[(at, y)].set_symbol(symbol).set_style(style);
                }
            }
        }
    }

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
        match app.matrix_cell() {
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
