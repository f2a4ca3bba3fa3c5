//! The status bar: key hints for where the keys go now (from the live
//! keymap), the latest message, and the position in the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::app::{App, MessageKind};
use crate::tui::detail::{clean_line, truncate};
use crate::tui::keymap::Mode;
use crate::tui::section::Section;

/// The actions worth a hint in each mode, with a short word for each.
fn hints(mode: Mode) -> &'static [(Action, &'static str)] {
    match mode {
        Mode::List => &[
            (Action::Down, "move"),
            (Action::Open, "read"),
            (Action::Search, "search"),
            (Action::Filter, "filter"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Mode::Detail => &[
            (Action::NextLink, "links"),
            (Action::FollowLink, "follow"),
            (Action::Back, "back"),
            (Action::Search, "search"),
            (Action::Help, "help"),
        ],
        Mode::Matrix => &[
            (Action::Down, "actor"),
            (Action::ColumnRight, "issue"),
            (Action::OpenCell, "open"),
            (Action::Search, "search"),
            (Action::Help, "help"),
        ],
        Mode::Search => &[
            (Action::Confirm, "jump"),
            (Action::Down, "next"),
            (Action::Cancel, "close"),
        ],
        Mode::Picker => &[
            (Action::Down, "move"),
            (Action::Confirm, "apply"),
            (Action::Cancel, "close"),
        ],
        Mode::Help => &[(Action::Down, "scroll"), (Action::Close, "close")],
        Mode::Note => &[
            (Action::SaveNote, "save"),
            (Action::Newline, "new line"),
            (Action::Cancel, "cancel"),
        ],
        Mode::Global => &[],
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let modes = app.modes();
    let mut parts = Vec::new();
    for (action, word) in hints(modes[0]) {
        if let Some(key) = modes.iter().find_map(|m| app.keymap.first_key(*m, *action)) {
            parts.push(format!("{key} {word}"));
        }
    }
    let hints = parts.join(" · ");
    let place = match app.section {
        Section::Overview => format!("{}/{} ", app.matrix.row + 1, app.matrix.actors.len()),
        _ if app.list().rows.is_empty() => "0/0 ".to_string(),
        _ => format!("{}/{} ", app.list().selected + 1, app.list().rows.len()),
    };
    let p = app.progress.all;
    let full = format!("{} │ {place}", p.line());
    let short = format!(
        "✓{}/{} !{} ✎{} │ {place}",
        p.reviewed, p.items, p.flagged, p.notes
    );
    let position = if full.width() * 2 < usize::from(area.width) {
        full
    } else if short.width() * 2 < usize::from(area.width) {
        short
    } else {
        place
    };
    let width = usize::from(area.width);
    let (message, style) = match &app.message {
        Some((text, kind)) => {
            let style = match kind {
                MessageKind::Info => theme.text,
                MessageKind::Warning => theme.warning,
                MessageKind::Error => theme.error,
            };
            (clean_line(text), style)
        }
        None => (String::new(), theme.muted),
    };
    // A message wins over the hints when both do not fit.
    let room = width.saturating_sub(position.width() + 1);
    let mut spans = Vec::new();
    if message.is_empty() {
        spans.push(Span::styled(
            format!(" {}", truncate(&hints, room.saturating_sub(1))),
            theme.muted,
        ));
    } else {
        let message = truncate(&message, room.saturating_sub(1));
        let left = room.saturating_sub(message.width() + 1);
        let hints = if hints.width() + 3 <= left {
            format!("{hints}   ")
        } else {
            String::new()
        };
        spans.push(Span::styled(format!(" {hints}"), theme.muted));
        spans.push(Span::styled(message, style));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + position.width())),
    ));
    spans.push(Span::styled(position, theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}
