//! The note editor over the panes.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane, popup};
use crate::tui::app::App;
use crate::tui::detail::{clean_line, truncate};
use crate::tui::editor::NoteEditor;

pub fn render(app: &App, frame: &mut Frame, editor: &NoteEditor) {
    let theme = &app.theme;
    let area = popup(frame.area(), 70, 50);
    clear(frame, area);
    let name = truncate(
        &clean_line(&app.briefing.item_title(editor.item)),
        usize::from(area.width.saturating_sub(30)),
    );
    let title = Line::from(vec![
        Span::styled(
            format!(" Note on {name} "),
            theme.title.add_modifier(Modifier::BOLD),
        ),
        Span::styled("ctrl-s saves · esc cancels ", theme.muted),
    ]);
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height).max(1);
    let width = usize::from(inner.width).max(1);
    let top = editor.row.saturating_sub(height - 1);
    // Long lines scroll sideways to keep the cursor in view.
    let before: String = editor.lines[editor.row]
        .chars()
        .take(editor.column)
        .collect();
    let shift = clean_line(&before).width().saturating_sub(width - 1);
    let lines: Vec<Line> = editor
        .lines
        .iter()
        .skip(top)
        .take(height)
        .map(|line| {
            let shown: String = clean_line(line).chars().skip(shift).collect();
            Line::styled(shown, theme.text)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + (clean_line(&before).width() - shift) as u16;
    let y = inner.y + (editor.row - top) as u16;
    frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
}
