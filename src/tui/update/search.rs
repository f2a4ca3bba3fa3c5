//! Search: the prompt, its results as you type, the history of searches,
//! and stepping through the matches of the last search, item by item and
//! within an item's text.

use super::navigate::navigate;
use crate::search::Query;
use crate::tui::app::{App, LastSearch, MessageKind, Overlay, SearchState};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;

/// How many searches the history keeps.
pub const HISTORY: usize = 100;

/// Opens the prompt, empty as in less, vim and fzf.
pub(super) fn open(app: &mut App) {
    app.overlay = Some(Overlay::Search(SearchState::new(&app.theme)));
}

/// A query whose results contain every result of `longer`'s: what was
/// typed grew by words or letters. Exclusions and dates can widen a
/// search as they grow, so they are searched afresh.
fn narrows(searched: &str, query: &str) -> bool {
    !searched.is_empty()
        && query.starts_with(searched)
        && !query.contains('!')
        && !Query::parse(query)
            .terms
            .iter()
            .any(|t| matches!(t, crate::search::Term::Date(_)))
}

/// Searches again for what the prompt holds now.
pub(super) fn run(app: &mut App) {
    let Some(Overlay::Search(search)) = &mut app.overlay else {
        return;
    };
    let query = search.query.text();
    let narrow = !search.capped && narrows(&search.searched, &query);
    let index = app.search_index.get(&app.briefing);
    let found = if narrow {
        index.search_in(&query, Some(&search.hits))
    } else {
        index.search(&query)
    };
    search.hits = found.hits;
    search.suggestions = found.suggestions;
    search.capped = found.capped;
    search.searched = if search.hits.is_empty() {
        String::new()
    } else {
        query
    };
    search.selected = 0;
    search.offset = 0;
}

/// Enter in the prompt: jumps to the chosen result (on an empty prompt, to
/// the first result of the last search) and remembers the search.
pub(super) fn confirm(app: &mut App) {
    let Some(Overlay::Search(search)) = &app.overlay else {
        return;
    };
    if search.query.is_empty() {
        let Some(last) = app.search_history.last().cloned() else {
            app.set_message("Nothing to search for yet", MessageKind::Info);
            return;
        };
        if let Some(Overlay::Search(search)) = &mut app.overlay {
            let _ = search.query.paste(&last);
        }
        run(app);
    }
    let Some(Overlay::Search(search)) = app.overlay.take() else {
        return;
    };
    let results = search.results();
    let Some(hit) = results.get(search.selected).copied() else {
        app.overlay = Some(Overlay::Search(search));
        app.set_message("No matches", MessageKind::Info);
        return;
    };
    let query = search.query.text();
    remember(app, &query);
    let (at, count) = (search.selected, results.len());
    let hits = results.to_vec();
    app.last_search = Some(LastSearch {
        terms: Query::parse(&query).highlights(),
        query,
        hits,
        at,
        line: 0,
    });
    show_hit(app, hit.item, 0);
    let keys = format!(
        "{} next, {} previous",
        app.key_for(Mode::Global, Command::NextMatch),
        app.key_for(Mode::Global, Command::PrevMatch)
    );
    app.set_message(
        format!("Match {} of {count} · {keys}", at + 1),
        MessageKind::Info,
    );
}

/// Shows an item that the library's search found with `query`: as if the
/// search had been made here and the item chosen from its results.
pub(super) fn show_found(app: &mut App, query: &str, item: crate::model::ItemRef) {
    let found = app.search_index.get(&app.briefing).search(query);
    let at = found.hits.iter().position(|h| h.item == item);
    remember(app, query);
    let count = found.hits.len();
    app.last_search = Some(LastSearch {
        terms: Query::parse(query).highlights(),
        query: query.to_string(),
        hits: found.hits,
        at: at.unwrap_or(0),
        line: 0,
    });
    show_hit(app, item, 0);
    if let Some(at) = at {
        app.set_message(format!("Match {} of {count}", at + 1), MessageKind::Info);
    }
}

/// Shows a hit with its `line`-th marked line in view (the last for
/// `usize::MAX`).
fn show_hit(app: &mut App, item: crate::model::ItemRef, line: usize) {
    if app.detail.subject != crate::tui::detail::Subject::Item(item) {
        navigate(app, item);
    }
    let matches = &app.detail.matches;
    let Some(n) = (!matches.is_empty()).then(|| line.min(matches.len() - 1)) else {
        return;
    };
    if let Some(last) = &mut app.last_search {
        last.line = n;
    }
    let height = crate::tui::layout::AppLayout::inner_height(app.layout.detail).max(1);
    let target = app.detail.matches[n];
    if target < app.detail.scroll || target >= app.detail.scroll + height {
        app.detail.scroll = target.saturating_sub(height / 3);
    }
}

/// `n` and `N`: the next marked line in the item shown, then the next item.
pub(super) fn next_match(app: &mut App, delta: isize) {
    let Some(last) = &app.last_search else {
        let key = app.key_for(Mode::Global, Command::Search);
        app.set_message(format!("No search yet: {key} to search"), MessageKind::Info);
        return;
    };
    if last.hits.is_empty() {
        app.set_message("No matches", MessageKind::Info);
        return;
    }
    let count = last.hits.len();
    let current = last.hits[last.at].item;
    let here = app.detail.subject == crate::tui::detail::Subject::Item(current);
    let lines = app.detail.matches.len();
    let line = last.line as isize + delta;
    let (at, line) = if here && line >= 0 && (line as usize) < lines {
        (last.at, line as usize)
    } else {
        let at = (last.at as isize + delta).rem_euclid(count as isize) as usize;
        (at, if delta < 0 { usize::MAX } else { 0 })
    };
    let item = last.hits[at].item;
    if let Some(last) = &mut app.last_search {
        last.at = at;
    }
    show_hit(app, item, line);
    let lines = app.detail.matches.len();
    let within = match (app.last_search.as_ref().map(|l| l.line), lines) {
        (Some(n), 2..) => format!(" · {} of {lines} here", n + 1),
        _ => String::new(),
    };
    app.set_message(
        format!("Match {} of {count}{within}", at + 1),
        MessageKind::Info,
    );
}

/// Up and down in the prompt: the searches made before, newest first; past
/// the newest, what was being typed.
pub(super) fn recall(app: &mut App, delta: isize) {
    let count = app.search_history.len();
    let Some(Overlay::Search(search)) = &mut app.overlay else {
        return;
    };
    if count == 0 {
        return;
    }
    // Places 0..count are the history, oldest first; `count` is the draft.
    let (at, draft) = match search.recalled.take() {
        Some((at, draft)) => (at, draft),
        None => (count, search.query.text()),
    };
    let to = (at as isize + delta).clamp(0, count as isize) as usize;
    let text = match app.search_history.get(to) {
        Some(old) => old.clone(),
        None => draft.clone(),
    };
    search.query = crate::tui::textbox::TextBox::single_line(
        &text,
        app.theme.text.add_modifier(ratatui::style::Modifier::BOLD),
        app.theme.cursor(),
    );
    if to < count {
        search.recalled = Some((to, draft));
    }
    run(app);
}

/// Adds a search to the history (once, as the newest) and keeps the
/// history file.
fn remember(app: &mut App, query: &str) {
    let query = query.trim();
    if query.is_empty() {
        return;
    }
    app.search_history.retain(|q| q != query);
    app.search_history.push(query.to_string());
    let excess = app.search_history.len().saturating_sub(HISTORY);
    app.search_history.drain(..excess);
    if let Some(path) = &app.history_file
        && let Err(error) = crate::review::store::save_history(path, &app.search_history)
    {
        app.set_message(
            format!("The search history was not saved ({error})"),
            MessageKind::Warning,
        );
    }
}
