//! The mouse, when enabled: the wheel scrolls, a click selects a tab, a
//! row or a link.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::navigate::{follow_link, go_section, move_by, scroll_detail, select_row};
use crate::tui::app::{App, Focus};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;
use crate::tui::section::Section;

pub(super) fn handle(app: &mut App, event: MouseEvent) {
    if !app.mouse || app.overlay.is_some() {
        return;
    }
    let at = Position::new(event.column, event.row);
    let (list, detail) = (app.layout.list, app.layout.detail);
    match event.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = event.kind == MouseEventKind::ScrollDown;
            if detail.contains(at) {
                scroll_detail(app, if down { 3 } else { -3 });
            } else if list.contains(at) {
                app.focus = Focus::List;
                let mode = if app.section == Section::Overview {
                    Mode::Matrix
                } else {
                    Mode::List
                };
                move_by(app, mode, if down { Command::Down } else { Command::Up });
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if app.layout.tabs.contains(at) {
                if let Some(section) = app.layout.tab_at(at.x) {
                    go_section(app, section);
                }
            } else if list.contains(at) && app.section != Section::Overview {
                let row = usize::from(at.y.saturating_sub(list.y + 1)) + app.list().offset;
                if row < app.list().rows.len() {
                    app.focus = Focus::List;
                    select_row(app, row);
                }
            } else if detail.contains(at) {
                app.focus = Focus::Detail;
                let line = usize::from(at.y.saturating_sub(detail.y + 1)) + app.detail.scroll;
                if let Some(n) = app.detail.links.iter().position(|link| link.line == line) {
                    app.detail.cursor = Some(n);
                    follow_link(app);
                }
            }
        }
        _ => {}
    }
}
