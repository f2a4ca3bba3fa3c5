//! The update step: a key or mouse event becomes an [`Action`], and the
//! action changes the [`App`]. Nothing here draws.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{
    App, Effect, Filter, Focus, Location, MessageKind, Overlay, Picker, SearchState, list_index,
};
use super::detail::Subject;
use super::editor::NoteEditor;
use super::keymap::{Key, Mode};
use super::layout::AppLayout;
use super::review;
use super::section::Section;
use crate::model::{ActorKind, ItemRef};

/// Applies a key press.
pub fn handle_key(app: &mut App, event: KeyEvent) {
    if event.kind == KeyEventKind::Release {
        return;
    }
    app.message = None;
    let key = Key::from_event(&event);
    let modes = app.modes();
    if let Some(action) = app.keymap.action(&modes, key) {
        update(app, action);
        return;
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match (&mut app.overlay, key.code) {
        (Some(Overlay::Search(search)), KeyCode::Char(c)) if plain => {
            search.query.push(c);
            run_search(app);
        }
        (Some(Overlay::Note(editor)), KeyCode::Char(c)) if plain => editor.insert(c),
        (Some(Overlay::Note(editor)), code) => {
            editor.move_cursor(code);
        }
        (None, _) => {
            let hint = app
                .keymap
                .first_key(Mode::Global, Action::Help)
                .map_or_else(|| "?".into(), |k| k.to_string());
            app.set_message(
                format!("{key} does nothing here · {hint} shows the keys"),
                MessageKind::Info,
            );
        }
        _ => {}
    }
}

/// Applies a mouse event, when the mouse is enabled.
pub fn handle_mouse(app: &mut App, event: MouseEvent) {
    if !app.mouse || app.overlay.is_some() {
        return;
    }
    let at = Position::new(event.column, event.row);
    let l = app.layout;
    match event.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = event.kind == MouseEventKind::ScrollDown;
            if l.detail.contains(at) {
                scroll_detail(app, if down { 3 } else { -3 });
            } else if l.list.contains(at) {
                app.focus = Focus::List;
                update(app, if down { Action::Down } else { Action::Up });
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if l.tabs.contains(at) {
                if let Some(section) = tab_at(app, at.x) {
                    go_section(app, section);
                }
            } else if l.list.contains(at) && app.section != Section::Overview {
                let row = usize::from(at.y.saturating_sub(l.list.y + 1)) + app.list().offset;
                if row < app.list().rows.len() {
                    app.focus = Focus::List;
                    select_row(app, row);
                }
            } else if l.detail.contains(at) {
                app.focus = Focus::Detail;
                let line = usize::from(at.y.saturating_sub(l.detail.y + 1)) + app.detail.scroll;
                if let Some(n) = app.detail.links.iter().position(|link| link.line == line) {
                    app.detail.cursor = Some(n);
                    update(app, Action::FollowLink);
                }
            }
        }
        _ => {}
    }
}

/// The section whose tab label covers column `x`; labels are laid out by
/// `ui::tabs` from the same titles.
fn tab_at(app: &App, x: u16) -> Option<Section> {
    let mut start = app.layout.tabs.x;
    for section in Section::all() {
        let width = super::ui::tab_label(section).chars().count() as u16;
        if x >= start && x < start + width {
            return Some(section);
        }
        start += width + 1;
    }
    None
}

pub fn resize(app: &mut App, width: u16, height: u16) {
    app.layout = AppLayout::compute(Rect::new(0, 0, width, height), app.section);
    refresh_detail(app);
    keep_list_visible(app);
    keep_matrix_visible(app);
}

impl App {
    pub fn resize(&mut self, width: u16, height: u16) {
        resize(self, width, height);
    }
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    let mode = app.modes()[0];
    if let Some(section) = action.section() {
        go_section(app, section);
        return;
    }
    match action {
        Action::Quit => quit(app),
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Close | Action::Cancel => app.overlay = None,
        Action::NextSection => go_section(app, app.section.step(1)),
        Action::PrevSection => go_section(app, app.section.step(-1)),
        Action::FocusNext | Action::FocusPrev => {
            app.focus = if app.focus == Focus::List {
                Focus::Detail
            } else {
                Focus::List
            };
        }
        Action::FocusList => app.focus = Focus::List,
        Action::FocusDetail | Action::Open => app.focus = Focus::Detail,
        Action::Back => travel(app, -1),
        Action::Forward => travel(app, 1),
        Action::Search => {
            let query = app
                .last_search
                .as_ref()
                .map(|s| s.query.clone())
                .unwrap_or_default();
            app.overlay = Some(Overlay::Search(SearchState {
                query,
                ..SearchState::default()
            }));
            run_search(app);
        }
        Action::NextMatch => next_match(app, 1),
        Action::PrevMatch => next_match(app, -1),
        Action::Filter => open_filter(app),
        Action::Down
        | Action::Up
        | Action::Top
        | Action::Bottom
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp => {
            move_by(app, mode, action);
        }
        Action::NextLink => step_link(app, 1),
        Action::PrevLink => step_link(app, -1),
        Action::FollowLink => {
            if let Some(link) = app.detail.selected_link() {
                navigate(app, link.target);
            } else {
                app.set_message("No link selected: j/k select one", MessageKind::Info);
            }
        }
        Action::ColumnLeft => move_column(app, -1),
        Action::ColumnRight => move_column(app, 1),
        Action::OpenCell => open_cell(app),
        Action::Confirm => confirm(app),
        Action::DeleteChar => match &mut app.overlay {
            Some(Overlay::Search(search)) => {
                search.query.pop();
                run_search(app);
            }
            Some(Overlay::Note(editor)) => editor.backspace(),
            _ => {}
        },
        Action::ToggleReviewed
        | Action::ToggleFlagged
        | Action::EditNote
        | Action::EditNoteInEditor
        | Action::Copy => {
            act_on_item(app, action);
        }
        Action::Undo => {
            if app.review.undo() {
                after_review_change(app, "Undone");
            } else {
                app.set_message("Nothing to undo", MessageKind::Info);
            }
        }
        Action::NextUnreviewed => next_unreviewed(app, 1),
        Action::PrevUnreviewed => next_unreviewed(app, -1),
        Action::ChangedOnly => {
            app.changed_only = !app.changed_only;
            for section in Section::all() {
                app.refresh_rows(section);
            }
            keep_list_visible(app);
            refresh_detail(app);
            let text = if app.changed_only {
                "Showing only changed and new items · c shows all"
            } else {
                "Showing all items"
            };
            app.set_message(text, MessageKind::Info);
        }
        Action::Reload => reload(app),
        Action::SaveNote => save_note(app),
        Action::Newline => {
            if let Some(Overlay::Note(editor)) = &mut app.overlay
                && editor.newline()
            {
                save_note(app);
            }
        }
        Action::ClearInput => {
            if let Some(Overlay::Search(search)) = &mut app.overlay {
                search.query.clear();
                run_search(app);
            }
        }
        _ => {}
    }
}

/// Quits, unless changes could not be saved: then warns once.
fn quit(app: &mut App) {
    app.review.save();
    if app.review.has_unsaved() && !app.quit_warned {
        app.quit_warned = true;
        let reason = app.review.save_error.clone().unwrap_or_default();
        app.set_message(
            format!("Review changes are not saved: {reason} · quit again to leave anyway"),
            MessageKind::Error,
        );
        return;
    }
    let place = app.place();
    app.review.set_place(place);
    app.should_quit = true;
}

fn act_on_item(app: &mut App, action: Action) {
    let Some(item) = app.target() else {
        app.set_message("Select an item first", MessageKind::Info);
        return;
    };
    match action {
        Action::ToggleReviewed => {
            app.review.toggle_reviewed(item);
            let word = if app.review.status(item).reviewed {
                "Marked reviewed"
            } else {
                "Review mark cleared"
            };
            after_review_change(app, word);
        }
        Action::ToggleFlagged => {
            app.review.toggle_flagged(item);
            let word = if app.review.status(item).flagged {
                "Flagged"
            } else {
                "Flag cleared"
            };
            after_review_change(app, word);
        }
        Action::EditNote => {
            let text = app.review.note(item).unwrap_or_default().to_string();
            app.overlay = Some(Overlay::Note(NoteEditor::new(item, &text)));
        }
        Action::EditNoteInEditor => app.effect = Some(Effect::EditNote(item)),
        Action::Copy => {
            app.effect = Some(Effect::Copy(crate::export::citation(&app.briefing, item)))
        }
        _ => {}
    }
}

fn save_note(app: &mut App) {
    if let Some(Overlay::Note(editor)) = app.overlay.take() {
        app.review.set_note(editor.item, &editor.text());
        after_review_change(app, "Note saved");
    }
}

/// Refreshes what review changes touch and reports how saving went.
pub fn after_review_change(app: &mut App, done: &str) {
    refresh_progress(app);
    if app.changed_only {
        for section in Section::all() {
            app.refresh_rows(section);
        }
    }
    refresh_detail(app);
    app.quit_warned = false;
    match &app.review.save_error {
        Some(error) => app.set_message(error.clone(), MessageKind::Error),
        None => app.set_message(done, MessageKind::Info),
    }
}

/// Selects the next item in this list (wrapping) that is not reviewed, or
/// whose review is stale.
fn next_unreviewed(app: &mut App, delta: isize) {
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

/// Reads the briefing file again. An invalid file leaves the last good
/// version on screen, with the errors in a panel.
pub fn reload(app: &mut App) {
    let Some(path) = app.source.clone() else {
        app.set_message(
            "The built-in briefing has no file to reload",
            MessageKind::Info,
        );
        return;
    };
    app.modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    match crate::Briefing::load(&path) {
        Ok(briefing) => {
            app.replace_briefing(briefing);
            if matches!(app.overlay, Some(Overlay::Errors { .. })) {
                app.overlay = None;
            }
            app.set_message("Reloaded", MessageKind::Info);
        }
        Err(report) => {
            app.overlay = Some(Overlay::Errors {
                text: report.render(),
                scroll: 0,
            });
            app.set_message(
                "The file has errors: still showing the last good version",
                MessageKind::Error,
            );
        }
    }
}

/// Work done while waiting for input: retrying a failed save, and noticing
/// that a watched file changed. True when the screen needs drawing.
pub fn tick(app: &mut App) -> bool {
    let had_error = app.review.save_error.is_some();
    app.review.retry();
    let mut redraw = had_error && app.review.save_error.is_none();
    if redraw {
        app.set_message("Review changes saved", MessageKind::Info);
    }
    if app.watch
        && let Some(path) = &app.source
    {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if modified.is_some() && modified != app.modified {
            reload(app);
            redraw = true;
        }
    }
    redraw
}

/// Reopens at a saved place, if its section and item still exist.
pub fn go_to_place(app: &mut App, place: &crate::review::Place) {
    let Some(section) = Section::from_key(&place.section) else {
        return;
    };
    app.section = section;
    if let Some(item) = place.item.as_deref().and_then(|id| app.briefing.get(id))
        && Section::of(item) == section
    {
        select_index(app, list_index(item));
    }
    let size = app.layout.area;
    resize(app, size.width, size.height);
    app.history.entries = vec![app.location()];
    app.history.at = 0;
}

fn page(pane: Rect) -> isize {
    AppLayout::inner_height(pane).max(1) as isize
}

/// Moves whatever the mode's cursor is by one action's amount.
fn move_by(app: &mut App, mode: Mode, action: Action) {
    let pane = match mode {
        Mode::Detail => app.layout.detail,
        Mode::Help | Mode::Search | Mode::Picker => app.layout.area,
        _ => app.layout.list,
    };
    let page = page(pane);
    let delta = match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::Top => isize::MIN / 2,
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
                keep_matrix_visible(app);
            }
        }
        Mode::Detail => scroll_detail(app, delta),
        Mode::Help => {
            if let Some(Overlay::Help { scroll } | Overlay::Errors { scroll, .. }) =
                &mut app.overlay
            {
                *scroll = step(*scroll, delta, usize::MAX / 4);
            }
        }
        Mode::Search => {
            if let Some(Overlay::Search(search)) = &mut app.overlay
                && !search.hits.is_empty()
            {
                search.selected = step(search.selected, delta, search.hits.len());
            }
        }
        Mode::Picker => {
            if let Some(Overlay::Picker(picker)) = &mut app.overlay
                && !picker.options.is_empty()
            {
                picker.selected = step(picker.selected, delta, picker.options.len());
            }
        }
        Mode::Note | Mode::Global => {}
    }
}

/// `at + delta`, clamped to `0..len`.
fn step(at: usize, delta: isize, len: usize) -> usize {
    let target = at as isize + delta;
    target.clamp(0, len.saturating_sub(1) as isize) as usize
}

fn select_row(app: &mut App, row: usize) {
    let list = app.list_mut();
    list.selected = row;
    app.detail.pinned = None;
    keep_list_visible(app);
    refresh_detail(app);
}

fn keep_list_visible(app: &mut App) {
    let height = AppLayout::inner_height(app.layout.list).max(1);
    for list in app.lists.iter_mut() {
        if list.selected < list.offset {
            list.offset = list.selected;
        } else if list.selected >= list.offset + height {
            list.offset = list.selected + 1 - height;
        }
        list.offset = list.offset.min(list.rows.len().saturating_sub(height));
    }
}

/// Rows and columns the matrix shows at the current size.
pub fn matrix_view(app: &App) -> (usize, usize) {
    let inner = app.layout.list;
    // Name column, header row and the stance preview below the grid.
    let rows = usize::from(inner.height.saturating_sub(2 + 2 + 4)).max(1);
    let columns = usize::from(inner.width.saturating_sub(2 + super::ui::MATRIX_NAME_WIDTH))
        / super::ui::MATRIX_CELL_WIDTH;
    (rows, columns.max(1))
}

fn keep_matrix_visible(app: &mut App) {
    let (rows, columns) = matrix_view(app);
    let m = &mut app.matrix;
    if m.row < m.row_offset {
        m.row_offset = m.row;
    } else if m.row >= m.row_offset + rows {
        m.row_offset = m.row + 1 - rows;
    }
    if m.column < m.column_offset {
        m.column_offset = m.column;
    } else if m.column >= m.column_offset + columns {
        m.column_offset = m.column + 1 - columns;
    }
}

fn move_column(app: &mut App, delta: isize) {
    let columns = app.briefing.issues.len();
    if columns > 0 {
        app.matrix.column = step(app.matrix.column, delta, columns);
        keep_matrix_visible(app);
    }
}

/// The position under the matrix cursor, if the actor holds one.
pub fn matrix_cell(app: &App) -> Option<ItemRef> {
    let actor = *app.matrix.actors.get(app.matrix.row)?;
    let issue = app.matrix.column;
    app.briefing.index.actors[actor]
        .positions
        .iter()
        .copied()
        .find(|p| matches!(p, ItemRef::Position { issue: i, .. } if *i == issue))
}

fn open_cell(app: &mut App) {
    let Some(&actor) = app.matrix.actors.get(app.matrix.row) else {
        return;
    };
    match matrix_cell(app) {
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

/// What the detail pane should show now.
fn subject(app: &App) -> Subject {
    if let Some(pinned) = app.detail.pinned {
        return Subject::Item(pinned);
    }
    app.selected_item().map_or(Subject::Overview, Subject::Item)
}

pub fn refresh_detail(app: &mut App) {
    let subject = subject(app);
    let width = app.layout.detail_text_width();
    let pinned = app.detail.pinned;
    let review = match subject {
        Subject::Item(item) => {
            review::item_lines(&app.review, item, &app.theme, usize::from(width))
        }
        Subject::Overview => {
            let mut sections: Vec<(&str, review::Progress)> = Section::all()
                .skip(1)
                .map(|s| (s.title(), app.progress.sections[s]))
                .collect();
            sections.push(("All", app.progress.all));
            review::overview_lines(&app.review, &sections, &app.theme, usize::from(width))
        }
    };
    app.detail
        .show(&app.briefing, &app.theme, subject, width, review);
    app.detail.pinned = pinned;
}

/// Review progress per section (index 0 holds the total), kept in the app
/// so that drawing a frame costs the same whatever the briefing's size.
pub fn refresh_progress(app: &mut App) {
    app.progress = app.review.progress();
}

fn scroll_detail(app: &mut App, delta: isize) {
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

fn step_link(app: &mut App, delta: isize) {
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

fn go_section(app: &mut App, section: Section) {
    if section == app.section {
        return;
    }
    remember(app);
    app.section = section;
    app.detail.pinned = None;
    app.focus = Focus::List;
    let size = app.layout.area;
    resize(app, size.width, size.height);
    push_history(app);
}

/// Shows `target`: its section, selected in the list, in the detail pane.
pub fn navigate(app: &mut App, target: ItemRef) {
    remember(app);
    app.section = Section::of(target);
    select_index(app, list_index(target));
    app.detail.pinned = matches!(target, ItemRef::Position { .. }).then_some(target);
    app.focus = Focus::Detail;
    let size = app.layout.area;
    resize(app, size.width, size.height);
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
    keep_list_visible(app);
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

fn travel(app: &mut App, delta: isize) {
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
    let size = app.layout.area;
    resize(app, size.width, size.height);
    app.detail.cursor = location.link.filter(|&l| l < app.detail.links.len());
    if let Some(link) = app.detail.selected_link() {
        let height = AppLayout::inner_height(app.layout.detail).max(1);
        app.detail.scroll = link.line.saturating_sub(height / 2);
    }
}

fn run_search(app: &mut App) {
    let Some(Overlay::Search(search)) = &mut app.overlay else {
        return;
    };
    // A query that grows can only match among the items it matched before.
    let narrows =
        !search.capped && !search.searched.is_empty() && search.query.starts_with(&search.searched);
    let found = if narrows {
        app.search_index
            .get(&app.briefing)
            .search_in(&search.query, Some(&search.hits))
    } else {
        app.search_index.get(&app.briefing).search(&search.query)
    };
    search.hits = found.hits;
    search.capped = found.capped;
    search.searched = if search.hits.is_empty() && !narrows {
        String::new()
    } else {
        search.query.clone()
    };
    search.selected = 0;
    search.offset = 0;
}

fn confirm(app: &mut App) {
    match app.overlay.take() {
        Some(Overlay::Search(search)) => {
            let Some(hit) = search.hits.get(search.selected).copied() else {
                app.set_message("No matches", MessageKind::Info);
                return;
            };
            let count = search.hits.len();
            app.last_search = Some(search);
            navigate(app, hit.item);
            app.set_message(
                format!("Match 1 of {count} · n next, N previous"),
                MessageKind::Info,
            );
        }
        Some(Overlay::Picker(picker)) => {
            let Some((label, filter)) = picker.options.get(picker.selected).cloned() else {
                return;
            };
            let section = app.section;
            app.list_mut().filter = filter;
            app.refresh_rows(section);
            app.list_mut().offset = 0;
            app.detail.pinned = None;
            keep_list_visible(app);
            refresh_detail(app);
            let shown = app.list().rows.len();
            match filter {
                Some(_) => app.set_message(
                    format!("{label}: {shown} shown · f to change"),
                    MessageKind::Info,
                ),
                None => app.set_message("Filter cleared", MessageKind::Info),
            }
        }
        other => app.overlay = other,
    }
}

fn next_match(app: &mut App, delta: isize) {
    let Some(search) = &mut app.last_search else {
        app.set_message("No search yet: / to search", MessageKind::Info);
        return;
    };
    if search.hits.is_empty() {
        app.set_message("No matches", MessageKind::Info);
        return;
    }
    let count = search.hits.len();
    search.selected = (search.selected as isize + delta).rem_euclid(count as isize) as usize;
    let (hit, n) = (search.hits[search.selected], search.selected + 1);
    navigate(app, hit.item);
    app.set_message(format!("Match {n} of {count}"), MessageKind::Info);
}

fn open_filter(app: &mut App) {
    let b = &app.briefing;
    let count = |n: usize| format!(" ({n})");
    let mut options: Vec<(String, Option<Filter>)> = vec![("All (no filter)".into(), None)];
    let by_issue = |options: &mut Vec<(String, Option<Filter>)>, n: &dyn Fn(usize) -> usize| {
        for (x, issue) in b.issues.iter().enumerate() {
            let k = n(x);
            if k > 0 {
                options.push((
                    format!("Issue: {}{}", issue.title, count(k)),
                    Some(Filter::Issue(x)),
                ));
            }
        }
    };
    match app.section {
        Section::Overview => {
            app.set_message("Nothing to filter in the Overview", MessageKind::Info);
            return;
        }
        Section::Actors => {
            for kind in ActorKind::ALL {
                let k = b.actors.iter().filter(|a| a.kind == kind).count();
                if k > 0 {
                    options.push((
                        format!("Kind: {}{}", kind.name(), count(k)),
                        Some(Filter::Kind(kind)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].actors.len());
        }
        Section::Issues => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].issues.len();
                if k > 0 {
                    options.push((
                        format!("Actor: {}{}", actor.name, count(k)),
                        Some(Filter::Actor(a)),
                    ));
                }
            }
        }
        Section::Quotes => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].quotes.len();
                if k > 0 {
                    options.push((
                        format!("Speaker: {}{}", actor.name, count(k)),
                        Some(Filter::Speaker(a)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].quotes.len());
        }
        Section::Timeline => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].events.len();
                if k > 0 {
                    options.push((
                        format!("Actor: {}{}", actor.name, count(k)),
                        Some(Filter::Actor(a)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].events.len());
        }
        Section::Sources => {
            by_issue(&mut options, &|x| {
                b.index.sources.iter().filter(|citing| citing.iter().any(|i| matches!(i, ItemRef::Issue(y) | ItemRef::Position { issue: y, .. } if *y == x))).count()
            });
        }
        Section::Contested => by_issue(&mut options, &|x| b.index.issues[x].claims.len()),
    }
    let current = app.list().filter;
    let selected = options.iter().position(|(_, f)| *f == current).unwrap_or(0);
    app.overlay = Some(Overlay::Picker(Picker {
        title: format!("Filter {}", app.section.title()),
        options,
        selected,
    }));
}
