//! Review marks and notes: toggling marks, the note editor and the text
//! typed or pasted into it (or into the search prompt), the external
//! editor, copying an item, and quitting without losing a note.

use super::search;
use crate::model::ItemRef;
use crate::tui::app::{App, Effect, MessageKind, Overlay};
use crate::tui::command::Command;
use crate::tui::detail::clean_line;
use crate::tui::editor::{Leave, NoteEditor};
use crate::tui::keymap::Mode;
use crate::tui::section::Section;
use crate::tui::textbox::{Edit, TextBox};

/// The text box that has the keys, if any.
fn focused_box(app: &mut App) -> Option<&mut TextBox> {
    match &mut app.overlay {
        Some(Overlay::Note(editor)) if editor.confirm.is_none() => Some(&mut editor.text),
        Some(Overlay::Search(search)) => Some(&mut search.query),
        Some(Overlay::Picker(picker)) => Some(&mut picker.query),
        _ => None,
    }
}

/// After a prompt's text changed, search or filter again.
fn after_edit(app: &mut App) {
    match app.overlay {
        Some(Overlay::Search(_)) => search::run(app),
        Some(Overlay::Picker(_)) => super::filter::run(app),
        _ => {}
    }
}

pub(super) fn edit(app: &mut App, edit: Edit) {
    if let Some(text) = focused_box(app) {
        let changed = text.edit(edit);
        if changed && !matches!(edit, Edit::Left | Edit::Right) {
            after_edit(app);
        }
    }
}

/// A character typed into the text box that has the keys.
pub(super) fn insert(app: &mut App, c: char) {
    let Some(text) = focused_box(app) else {
        return;
    };
    if text.insert(c) {
        after_edit(app);
    } else if !crate::sanitize::is_unsafe(c) {
        app.set_message(
            "The text is at its size limit: nothing more goes in",
            MessageKind::Warning,
        );
    }
}

/// Pasted text goes into the text box that has the keys, or nowhere.
pub(super) fn paste(app: &mut App, pasted: &str) {
    let Some(text) = focused_box(app) else {
        let note = app.key_for(Mode::Global, Command::EditNote);
        let search = app.key_for(Mode::Global, Command::Search);
        app.set_message(
            format!("Nothing to paste into: {note} writes a note, {search} searches"),
            MessageKind::Info,
        );
        return;
    };
    match text.paste(pasted) {
        Ok(()) => after_edit(app),
        Err(why) => app.set_message(why, MessageKind::Warning),
    }
}

pub(super) fn toggle(app: &mut App, command: Command) {
    let Some(item) = target(app) else { return };
    let word = if command == Command::ToggleReviewed {
        app.review.toggle_reviewed(item);
        if app.review.status(item).reviewed {
            "Marked reviewed"
        } else {
            "Review mark cleared"
        }
    } else {
        app.review.toggle_flagged(item);
        if app.review.status(item).flagged {
            "Flagged"
        } else {
            "Flag cleared"
        }
    };
    after_review_change(app, word);
}

/// The item review keys act on, or a message that there is none.
fn target(app: &mut App) -> Option<ItemRef> {
    let item = app.target();
    if item.is_none() {
        app.set_message("Select an item first", MessageKind::Info);
    }
    item
}

pub(super) fn open_editor(app: &mut App) {
    let Some(item) = target(app) else { return };
    // Another window may have saved since: the note opens on its latest text.
    refresh(app);
    let note = app.review.note(item).unwrap_or_default().to_string();
    let editor = NoteEditor::new(item, &note, app.theme.text, app.theme.cursor());
    app.overlay = Some(Overlay::Note(editor));
}

pub(super) fn external_editor(app: &mut App) -> Option<Effect> {
    let item = target(app)?;
    refresh(app);
    let text = app.review.note(item).unwrap_or_default().to_string();
    Some(Effect::EditNote { item, text })
}

pub(super) fn editor_closed(app: &mut App, item: ItemRef, result: Result<String, String>) {
    match result {
        Ok(text) => {
            app.review.set_note(item, &text);
            after_review_change(app, "Note saved from the editor");
        }
        Err(error) => app.set_message(
            format!("The editor failed: {error}; the note is unchanged"),
            MessageKind::Error,
        ),
    }
}

pub(super) fn copy(app: &mut App) -> Option<Effect> {
    let item = target(app)?;
    Some(Effect::Copy(crate::export::citation(&app.briefing, item)))
}

/// What a copy put on the clipboard, shortened for the status bar.
pub(super) fn copied(app: &mut App, text: &str) {
    let preview: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    app.set_message(
        format!("Copied: {}{more}", clean_line(&preview)),
        MessageKind::Info,
    );
}

pub(super) fn save(app: &mut App) {
    if let Some(Overlay::Note(editor)) = app.overlay.take() {
        app.review.set_note(editor.item, &editor.text.text());
        after_review_change(app, "Note saved");
    }
}

/// Esc in the note: closes it, asking first when the note was changed.
pub(super) fn cancel(app: &mut App) {
    ask_or(app, Leave::Discard);
}

/// Leaving a changed note asks first; an unchanged one just closes.
fn ask_or(app: &mut App, leave: Leave) {
    let Some(Overlay::Note(editor)) = &mut app.overlay else {
        return;
    };
    if editor.text.changed() {
        editor.confirm = Some(leave);
        return;
    }
    app.overlay = None;
    if leave == Leave::Quit {
        quit(app);
    }
}

/// The answer "yes" to the question of [`ask_or`].
pub(super) fn discard(app: &mut App) {
    let Some(Overlay::Note(editor)) = &app.overlay else {
        return;
    };
    let leave = editor.confirm;
    app.overlay = None;
    app.set_message("Note changes discarded", MessageKind::Info);
    if leave == Some(Leave::Quit) {
        quit(app);
    }
}

pub(super) fn keep_editing(app: &mut App) {
    if let Some(Overlay::Note(editor)) = &mut app.overlay {
        editor.confirm = None;
    }
}

pub(super) fn undo(app: &mut App) {
    if app.review.undo() {
        after_review_change(app, "Undone");
    } else {
        app.set_message("Nothing to undo", MessageKind::Info);
    }
}

/// Quits, unless a note is being written (the editor asks first) or
/// changes could not be saved (a warning, once).
pub(super) fn quit(app: &mut App) {
    if matches!(app.overlay, Some(Overlay::Note(_))) {
        ask_or(app, Leave::Quit);
        return;
    }
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

/// The reader is ending: what is not saved yet is tried once more, and
/// where the reader is, kept.
pub(super) fn leave(app: &mut App) {
    app.review.save();
    let place = app.place();
    app.review.set_place(place);
}

/// Reads what other readers saved, and shows it.
fn refresh(app: &mut App) {
    app.review.refresh();
    app.refresh_progress();
    app.refresh_detail();
}

/// Refreshes what review changes touch and reports how saving went.
pub(super) fn after_review_change(app: &mut App, done: &str) {
    app.refresh_progress();
    if app.changed_only {
        for section in Section::all() {
            app.refresh_rows(section);
        }
    }
    app.refresh_detail();
    app.quit_warned = false;
    if let Some(notice) = app.review.notice.take() {
        app.set_message(notice, MessageKind::Warning);
        return;
    }
    match &app.review.save_error {
        Some(error) => app.set_message(error.clone(), MessageKind::Error),
        None => app.set_message(done, MessageKind::Info),
    }
}
