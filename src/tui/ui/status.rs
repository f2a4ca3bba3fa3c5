//! The status bar: key hints for where the keys go now (from the live
//! keymap), the latest message, and the position in the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, MessageKind};
use crate::tui::command::Command;
use crate::tui::detail::{clean_line, truncate};
use crate::tui::keymap::Mode;
use crate::tui::section::Section;

/// The actions worth a hint in each mode, with a short word for each.
pub(super) fn hints(mode: Mode) -> &'static [(Command, &'static str)] {
    match mode {
        Mode::List => &[
            (Command::Down, "move"),
            (Command::Open, "read"),
            (Command::Search, "search"),
            (Command::Filter, "filter"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Mode::Detail => &[
            (Command::NextLink, "links"),
            (Command::FollowLink, "follow"),
            (Command::Back, "back"),
            (Command::Search, "search"),
            (Command::Help, "help"),
        ],
        Mode::Matrix => &[
            (Command::Down, "actor"),
            (Command::ColumnRight, "issue"),
            (Command::OpenCell, "open"),
            (Command::Search, "search"),
            (Command::Help, "help"),
        ],
        Mode::Search => &[
            (Command::Confirm, "jump"),
            (Command::Down, "next"),
            (Command::Cancel, "close"),
        ],
        Mode::Picker => &[
            (Command::Down, "categories"),
            (Command::Confirm, "apply"),
            (Command::Cancel, "clear"),
        ],
        Mode::Help => &[(Command::Down, "scroll"), (Command::Close, "close")],
        Mode::Note => &[
            (Command::SaveNote, "save"),
            (Command::Cancel, "close"),
            (Command::UndoEdit, "undo"),
        ],
        Mode::Confirm => &[
            (Command::Discard, "discard"),
            (Command::KeepEditing, "keep editing"),
        ],
        Mode::Library => &[
            (Command::Open, "open"),
            (Command::NextUnreviewed, "next to review"),
            (Command::Filter, "filter"),
            (Command::Search, "search all"),
            (Command::Sort, "sort"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Mode::Global => &[],
    }
}

/// As many hints as fit in `room` columns: dropped whole, from the last,
/// never cut in a word.
pub(super) fn fit(parts: &[String], room: usize) -> String {
    let mut shown = String::new();
    for part in parts {
        let more = if shown.is_empty() {
            part.width()
        } else {
            part.width() + 3
        };
        if shown.width() + more > room {
            break;
        }
        if !shown.is_empty() {
            shown.push_str(" · ");
        }
        shown.push_str(part);
    }
    shown
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let modes = app.modes();
    let mut parts = Vec::new();
    for (action, word) in hints(modes[0]) {
        if let Some(key) = modes
            .iter()
            .find_map(|m| app.keys(*m, *action).first().copied())
        {
            parts.push(format!("{key} {word}"));
        }
    }
    let fitting = |room: usize| fit(&parts, room);
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
            format!(" {}", fitting(room.saturating_sub(1))),
            theme.muted,
        ));
    } else {
        let message = truncate(&message, room.saturating_sub(1));
        let left = room.saturating_sub(message.width() + 1);
        let hints = fitting(left.saturating_sub(3));
        let hints = if hints.is_empty() {
            hints
        } else {
            format!("{hints}   ")
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
