//! The note editor over the panes: the text box, wrapped, and the keys
//! that save and close it (or, while it asks, the question).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane, popup};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::detail::{clean_line, truncate};
use crate::tui::editor::{Leave, NoteEditor};
use crate::tui::keymap::Mode;

pub fn render(app: &App, frame: &mut Frame, editor: &NoteEditor) {
    let theme = &app.theme;
    let area = popup(frame.area(), 70, 50);
    clear(frame, area);
    let keys = format!(
        "{} saves · {} closes ",
        app.key_for(Mode::Note, Command::SaveNote),
        app.key_for(Mode::Note, Command::Cancel)
    );
    let room = usize::from(area.width).saturating_sub(keys.width() + 12);
    let name = truncate(&clean_line(&app.briefing.item_title(editor.item)), room);
    let mut title = vec![Span::styled(
        format!(" Note on {name} "),
        theme.title.add_modifier(Modifier::BOLD),
    )];
    // The keys go in the title only when the name leaves room for them.
    if room >= 12 {
        title.push(Span::styled(keys, theme.muted));
    }
    let block = pane(app, Line::from(title), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(leave) = editor.confirm else {
        frame.render_widget(editor.text.widget(), inner);
        return;
    };
    // The question takes the last line of the box.
    let question = Rect {
        y: inner.bottom().saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    };
    let text = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(editor.text.widget(), text);
    let what = match leave {
        Leave::Discard => "Discard your changes to this note?",
        Leave::Quit => "Discard your changes to this note and quit?",
    };
    let answer = format!(
        " {} discards · {} keeps editing",
        app.key_for(Mode::Confirm, Command::Discard),
        app.key_for(Mode::Confirm, Command::KeepEditing)
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(what, theme.warning.add_modifier(Modifier::BOLD)),
            Span::styled(answer, theme.muted),
        ])),
        question,
    );
}
