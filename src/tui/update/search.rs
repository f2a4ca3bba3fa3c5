//! Search: the prompt, its results as you type, and stepping through the
//! matches of the last search.

use super::navigate::navigate;
use crate::tui::app::{App, LastSearch, MessageKind, Overlay, SearchState};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;

/// Opens the prompt, empty as in less, vim and fzf.
pub(super) fn open(app: &mut App) {
    app.overlay = Some(Overlay::Search(SearchState::new(&app.theme)));
}

/// Searches again for what the prompt holds now.
pub(super) fn run(app: &mut App) {
    let Some(Overlay::Search(search)) = &mut app.overlay else {
        return;
    };
    let query = search.query.text();
    // A query that grows can only match among the items it matched before.
    let narrows =
        !search.capped && !search.searched.is_empty() && query.starts_with(&search.searched);
    let index = app.search_index.get(&app.briefing);
    let found = if narrows {
        index.search_in(&query, Some(&search.hits))
    } else {
        index.search(&query)
    };
    search.hits = found.hits;
    search.capped = found.capped;
    search.searched = if search.hits.is_empty() && !narrows {
        String::new()
    } else {
        query
    };
    search.selected = 0;
    search.offset = 0;
}

pub(super) fn confirm(app: &mut App) {
    let Some(Overlay::Search(search)) = app.overlay.take() else {
        return;
    };
    let Some(hit) = search.hits.get(search.selected).copied() else {
        app.overlay = Some(Overlay::Search(search));
        app.set_message("No matches", MessageKind::Info);
        return;
    };
    let (at, count) = (search.selected, search.hits.len());
    app.last_search = Some(LastSearch {
        query: search.query.text(),
        hits: search.hits,
        at,
    });
    navigate(app, hit.item);
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

pub(super) fn next_match(app: &mut App, delta: isize) {
    let Some(last) = &mut app.last_search else {
        let key = app.key_for(Mode::Global, Command::Search);
        app.set_message(format!("No search yet: {key} to search"), MessageKind::Info);
        return;
    };
    if last.hits.is_empty() {
        app.set_message("No matches", MessageKind::Info);
        return;
    }
    let count = last.hits.len();
    last.at = (last.at as isize + delta).rem_euclid(count as isize) as usize;
    let (hit, n) = (last.hits[last.at], last.at + 1);
    navigate(app, hit.item);
    app.set_message(format!("Match {n} of {count}"), MessageKind::Info);
}
