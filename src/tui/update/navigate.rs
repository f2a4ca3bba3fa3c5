//! Moving about: sections, lists, the matrix, links in the detail pane,
//! and the history that back and forward retrace.

use ratatui::layout::Rect;

use crate::model::ItemRef;
use crate::tui::app::{App, Focus, Location, MessageKind, Overlay, list_index};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;
use crate::tui::layout::AppLayout;
use crate::tui::section::Section;

/// `at + delta`, clamped to `0..len`.
pub(super) fn step(at: usize, delta: isize, len: usize) -> usize {
    let target = at as isize + delta;
    target.clamp(0, len.saturating_sub(1) as isize) as usize
}

fn page(pane: Rect) -> isize {
    AppLayout::inner_height(pane).max(1) as isize
}

/// Moves the cursor of the mode that took the key by one command's amount.
pub(super) fn move_by(app: &mut App, mode: Mode, command: Command) {
    let pane = match mode {
        Mode::Detail => app.layout.detail,
        Mode::Help | Mode::Search | Mode::Picker => app.layout.area,
        _ => app.layout.list,
    };
    let page = page(pane);
    let delta = match command {
        Command::Down => 1,
        Command::Up => -1,
        Command::PageDown => page,
        Command::PageUp => -page,
        Command::HalfPageDown => (page / 2).max(1),
        Command::HalfPageUp => -(page / 2).max(1),
        Command::Top => isize::MIN / 2,
        _ => isize::MAX / 2,
    };
    match mode {
        Mode::List => {
            let rows = app.list().rows.len();
            if rows > 0 {
                select_row(app, step(app.list().selected, delta, rows));
            }
        }
        Mode::Matrix => {
            let rows = app.matrix.actors.len();
            if rows > 0 {
                app.matrix.row = step(app.matrix.row, delta, rows);
                app.keep_matrix_visible();
            }
        }
        Mode::Detail => {
            scroll_detail(app, delta);
            // After a page, the first link in view is selected, so that
            // Enter follows what is on screen.
            if !matches!(command, Command::Down | Command::Up) {
                select_first_link_in_view(app);
            }
        }
        Mode::Help => {
            if let Some(
                Overlay::Help { scroll }
                | Overlay::Errors { scroll, .. }
                | Overlay::Problems { scroll },
            ) = &mut app.overlay
            {
                *scroll = step(*scroll, delta, usize::MAX / 4);
            }
        }
        Mode::Search => {
            if let Some(Overlay::Search(search)) = &mut app.overlay
                && !search.results().is_empty()
            {
                search.selected = step(search.selected, delta, search.results().len());
            }
        }
        Mode::Picker => {
            // Above the first category is the typed text itself.
            if let Some(Overlay::Picker(picker)) = &mut app.overlay
                && !picker.shown.is_empty()
            {
                let at = picker.selected.map_or(-1, |n| n as isize) + delta.signum();
                picker.selected = (at >= 0).then(|| (at as usize).min(picker.shown.len() - 1));
            }
        }
        Mode::Note | Mode::Confirm | Mode::Global | Mode::Library => {}
    }
}

pub(super) fn select_row(app: &mut App, row: usize) {
    app.list_mut().selected = row;
    app.detail.pinned = None;
    app.keep_list_visible();
    app.refresh_detail();
}

/// Selects the next item in this list (wrapping) that is not reviewed, or
/// whose review is stale.
pub(super) fn next_unreviewed(app: &mut App, delta: isize) {
    let rows = app.list().rows.len();
    if app.section == Section::Overview || rows == 0 {
        app.set_message(
            "Go to a list to step through unreviewed items",
            MessageKind::Info,
        );
        return;
    }
    let start = app.list().selected;
    for k in 1..=rows {
        let row = (start as isize + delta * k as isize).rem_euclid(rows as isize) as usize;
        let Some(item) = app.section.item(app.list().rows[row]) else {
            continue;
        };
        let status = app.review.status(item);
        if !status.reviewed || status.stale {
            app.focus = Focus::List;
            select_row(app, row);
            return;
        }
    }
    app.set_message(
        format!("Everything in {} is reviewed", app.section.title()),
        MessageKind::Info,
    );
}

pub(super) fn move_column(app: &mut App, delta: isize) {
    let columns = app.briefing.issues.len();
    if columns > 0 {
        app.matrix.column = step(app.matrix.column, delta, columns);
        app.keep_matrix_visible();
    }
}

pub(super) fn open_cell(app: &mut App) {
    let Some(&actor) = app.matrix.actors.get(app.matrix.row) else {
        return;
    };
    match app.matrix_cell() {
        Some(position) => navigate(app, position),
        None if app.briefing.index.actors[actor]
            .issues
            .contains(&app.matrix.column) =>
        {
            navigate(app, ItemRef::Issue(app.matrix.column));
        }
        None => app.set_message(
            format!(
                "{} holds no position on this issue",
                app.briefing.actors[actor].name
            ),
            MessageKind::Info,
        ),
    }
}

fn select_first_link_in_view(app: &mut App) {
    let height = AppLayout::inner_height(app.layout.detail).max(1);
    let (top, bottom) = (app.detail.scroll, app.detail.scroll + height);
    app.detail.cursor = app
        .detail
        .links
        .iter()
        .position(|l| l.line >= top && l.line < bottom);
}

/// Scrolls the detail pane to the next (or previous) heading, and selects
/// the first link under it.
pub(super) fn step_heading(app: &mut App, delta: isize) {
    let scroll = app.detail.scroll;
    let target = if delta > 0 {
        app.detail.headings.iter().find(|&&h| h > scroll).copied()
    } else {
        app.detail
            .headings
            .iter()
            .rev()
            .find(|&&h| h < scroll)
            .copied()
    };
    let Some(line) = target else {
        let word = if delta > 0 { "below" } else { "above" };
        app.set_message(format!("No heading {word}"), MessageKind::Info);
        return;
    };
    app.focus = Focus::Detail;
    let height = AppLayout::inner_height(app.layout.detail).max(1);
    let max = app.detail.lines.len().saturating_sub(height);
    app.detail.scroll = line.min(max);
    app.detail.cursor = app.detail.links.iter().position(|l| l.line > line);
    if let Some(link) = app.detail.selected_link()
        && link.line >= app.detail.scroll + height
    {
        app.detail.cursor = None;
    }
}

pub(super) fn scroll_detail(app: &mut App, delta: isize) {
    let height = AppLayout::inner_height(app.layout.detail).max(1);
    let max = app.detail.lines.len().saturating_sub(height);
    app.detail.scroll = step(app.detail.scroll, delta, max + 1);
    // Keep the link cursor on screen, or drop it.
    if let Some(link) = app.detail.selected_link()
        && (link.line < app.detail.scroll || link.line >= app.detail.scroll + height)
    {
        app.detail.cursor = None;
    }
}

pub(super) fn step_link(app: &mut App, delta: isize) {
    let count = app.detail.links.len();
    if count == 0 {
        scroll_detail(app, delta);
        return;
    }
    let height = AppLayout::inner_height(app.layout.detail).max(1);
    let scroll = app.detail.scroll;
    let next = match app.detail.cursor {
        Some(c) => step(c, delta, count),
        // Start from the first link on screen.
        None => app
            .detail
            .links
            .iter()
            .position(|l| l.line >= scroll)
            .unwrap_or(count - 1),
    };
    app.detail.cursor = Some(next);
    let line = app.detail.links[next].line;
    if line < app.detail.scroll {
        app.detail.scroll = line;
    } else if line >= app.detail.scroll + height {
        app.detail.scroll = line + 1 - height;
    }
}

pub(super) fn follow_link(app: &mut App) {
    match app.detail.selected_link() {
        Some(link) => navigate(app, link.target),
        None => {
            let keys = format!(
                "{}/{}",
                app.key_for(Mode::Detail, Command::NextLink),
                app.key_for(Mode::Detail, Command::PrevLink)
            );
            app.set_message(
                format!("No link selected: {keys} select one"),
                MessageKind::Info,
            );
        }
    }
}

pub(super) fn go_section(app: &mut App, section: Section) {
    if section == app.section {
        return;
    }
    remember(app);
    app.section = section;
    app.detail.pinned = None;
    app.focus = Focus::List;
    app.relayout_same();
    push_history(app);
}

/// Shows `target`: its section, selected in the list, in the detail pane.
pub(super) fn navigate(app: &mut App, target: ItemRef) {
    remember(app);
    app.section = Section::of(target);
    select_index(app, list_index(target));
    app.detail.pinned = matches!(target, ItemRef::Position { .. }).then_some(target);
    app.focus = Focus::Detail;
    app.relayout_same();
    app.detail.cursor = None;
    app.detail.scroll = 0;
    push_history(app);
}

/// Selects a model index in the current section, lifting a filter that hides it.
fn select_index(app: &mut App, index: usize) {
    let section = app.section;
    if !app.list().rows.contains(&index) && app.list().filter.is_some() {
        app.list_mut().filter = None;
        app.refresh_rows(section);
        app.set_message("Filter cleared to show the item", MessageKind::Info);
    }
    if let Some(row) = app.list().rows.iter().position(|&r| r == index) {
        app.list_mut().selected = row;
    }
    app.keep_list_visible();
}

/// Records where the user is now, before leaving.
fn remember(app: &mut App) {
    let here = app.location();
    let at = app.history.at;
    if let Some(entry) = app.history.entries.get_mut(at) {
        *entry = here;
    }
}

fn push_history(app: &mut App) {
    let here = app.location();
    let history = &mut app.history;
    if history.entries.get(history.at) == Some(&here) {
        return;
    }
    history.entries.truncate(history.at + 1);
    history.entries.push(here);
    history.at = history.entries.len() - 1;
    // A long session keeps the last thousand places.
    if history.entries.len() > 1000 {
        history.entries.remove(0);
        history.at -= 1;
    }
}

pub(super) fn travel(app: &mut App, delta: isize) {
    let target = app.history.at as isize + delta;
    if target < 0 || target as usize >= app.history.entries.len() {
        let word = if delta < 0 { "back" } else { "forward" };
        app.set_message(format!("Nothing further {word}"), MessageKind::Info);
        return;
    }
    remember(app);
    app.history.at = target as usize;
    let location = app.history.entries[app.history.at];
    restore(app, location);
}

fn restore(app: &mut App, location: Location) {
    app.section = location.section;
    if let Some(index) = location.index {
        select_index(app, index);
    }
    app.detail.pinned = location.subject;
    app.focus = location.focus;
    app.relayout_same();
    app.detail.cursor = location.link.filter(|&l| l < app.detail.links.len());
    if let Some(link) = app.detail.selected_link() {
        let height = AppLayout::inner_height(app.layout.detail).max(1);
        app.detail.scroll = link.line.saturating_sub(height / 2);
    }
}
