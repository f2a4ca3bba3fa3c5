//! The update step: one [`Action`] changes the [`App`], and may ask the
//! event loop for work that needs the terminal (an [`Effect`]), whose
//! result comes back as another action. Nothing here draws.
//!
//! This file only dispatches; each idea has its own file: moving about and
//! the history ([`navigate`]), search ([`search`]), filters ([`filter`]),
//! review marks and notes ([`notes`]), the mouse ([`mouse`]), reloading
//! ([`reload`]).

mod filter;
mod mouse;
mod navigate;
mod notes;
mod reload;
mod search;

use crossterm::event::Event;

use super::action::Action;
use super::app::{App, Effect, Focus, MessageKind, Overlay};
use super::command::Command;
use super::input;
use super::keymap::Mode;
use super::section::Section;

pub use reload::reload;

/// Applies a terminal event: the keymap turns it into an action (or
/// nothing), and `update` applies that.
pub fn handle(app: &mut App, event: Event) -> Option<Effect> {
    let action = input::translate(app, event)?;
    update(app, action)
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if !matches!(
        action,
        Action::Tick | Action::Leaving | Action::Resize(..) | Action::KeysEnhanced(_)
    ) {
        app.message = None;
    }
    match action {
        Action::Run(command, mode) => return run(app, command, mode),
        Action::Insert(c) => notes::insert(app, c),
        Action::Paste(text) => notes::paste(app, &text),
        Action::Unbound(key) => {
            let help = app.key_for(Mode::Global, Command::Help);
            let text = if app.overlay.is_some() {
                format!("{key} does nothing here")
            } else {
                format!("{key} does nothing here · {help} shows the keys")
            };
            app.set_message(text, MessageKind::Info);
        }
        Action::Resize(width, height) => app.relayout(width, height),
        Action::Mouse(event) => mouse::handle(app, event),
        Action::Tick => return reload::tick(app),
        Action::Leaving => notes::leave(app),
        Action::EditorClosed { item, result } => notes::editor_closed(app, item, result),
        Action::Copied(Ok(text)) => notes::copied(app, &text),
        Action::KeysEnhanced(on) => app.keys_enhanced = on,
        Action::ShowFound { query, item } => search::show_found(app, &query, item),
        Action::Copied(Err(error)) => {
            app.set_message(format!("Not copied: {error}"), MessageKind::Error)
        }
    }
    None
}

/// Applies a bound key's command, in the mode whose binding took it.
fn run(app: &mut App, command: Command, mode: Mode) -> Option<Effect> {
    if let Some(section) = command.section() {
        navigate::go_section(app, section);
        return None;
    }
    if let Some(edit) = super::textbox::Edit::of(command, mode) {
        notes::edit(app, edit);
        return None;
    }
    match command {
        Command::Quit => notes::quit(app),
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Close => app.overlay = None,
        Command::Cancel => match mode {
            Mode::Note => notes::cancel(app),
            Mode::Picker => filter::cancel(app),
            _ => app.overlay = None,
        },
        Command::NextSection => navigate::go_section(app, app.section.step(1)),
        Command::PrevSection => navigate::go_section(app, app.section.step(-1)),
        Command::FocusNext | Command::FocusPrev => {
            app.focus = match app.focus {
                Focus::List => Focus::Detail,
                Focus::Detail => Focus::List,
            };
        }
        Command::FocusList => app.focus = Focus::List,
        Command::FocusDetail | Command::Open => app.focus = Focus::Detail,
        Command::Back => navigate::travel(app, -1),
        Command::Forward => navigate::travel(app, 1),
        Command::Search => search::open(app),
        Command::NextMatch => search::next_match(app, 1),
        Command::PrevMatch => search::next_match(app, -1),
        Command::Filter => filter::open(app),
        Command::Down
        | Command::Up
        | Command::Top
        | Command::Bottom
        | Command::PageDown
        | Command::PageUp
        | Command::HalfPageDown
        | Command::HalfPageUp => navigate::move_by(app, mode, command),
        Command::NextLink => navigate::step_link(app, 1),
        Command::PrevLink => navigate::step_link(app, -1),
        Command::FollowLink => navigate::follow_link(app),
        Command::ColumnLeft => navigate::move_column(app, -1),
        Command::ColumnRight => navigate::move_column(app, 1),
        Command::OpenCell => navigate::open_cell(app),
        Command::HistoryPrev => search::recall(app, -1),
        Command::HistoryNext => search::recall(app, 1),
        Command::NextHeading => navigate::step_heading(app, 1),
        Command::PrevHeading => navigate::step_heading(app, -1),
        Command::Confirm => match mode {
            Mode::Search => search::confirm(app),
            Mode::Picker => filter::confirm(app),
            _ => {}
        },
        Command::ToggleReviewed | Command::ToggleFlagged => notes::toggle(app, command),
        Command::EditNote => notes::open_editor(app),
        Command::EditNoteInEditor => return notes::external_editor(app),
        Command::Copy => return notes::copy(app),
        Command::Undo => notes::undo(app),
        Command::NextUnreviewed => navigate::next_unreviewed(app, 1),
        Command::PrevUnreviewed => navigate::next_unreviewed(app, -1),
        Command::ChangedOnly => {
            app.changed_only = !app.changed_only;
            for section in Section::all() {
                app.refresh_rows(section);
            }
            app.keep_list_visible();
            app.refresh_detail();
            let text = if app.changed_only {
                let key = app.key_for(Mode::Global, Command::ChangedOnly);
                format!("Showing only changed and new items · {key} shows all")
            } else {
                "Showing all items".to_string()
            };
            app.set_message(text, MessageKind::Info);
        }
        Command::Reload => reload::reload(app),
        Command::Suspend => return Some(Effect::Suspend),
        Command::Problems => match app.problems {
            Some(_) => app.overlay = Some(Overlay::Problems { scroll: 0 }),
            None => app.set_message("No problems in config.toml or the theme", MessageKind::Info),
        },
        Command::SaveNote => notes::save(app),
        Command::Discard => notes::discard(app),
        Command::KeepEditing => notes::keep_editing(app),
        // Text edits are handled above, by `notes::edit_of`.
        Command::Newline
        | Command::DeleteChar
        | Command::DeleteNextChar
        | Command::DeleteWord
        | Command::DeleteNextWord
        | Command::DeleteToStart
        | Command::DeleteToEnd
        | Command::CursorLeft
        | Command::CursorRight
        | Command::CursorUp
        | Command::CursorDown
        | Command::WordLeft
        | Command::WordRight
        | Command::LineStart
        | Command::LineEnd
        | Command::TextStart
        | Command::TextEnd
        | Command::UndoEdit
        | Command::RedoEdit => {}
        // Moving between briefings is the shell's (see `super::shell`);
        // sorting and hiding are the library's.
        Command::Library | Command::PreviousBriefing | Command::Sort | Command::HideFinished => {}
        Command::Overview
        | Command::Actors
        | Command::Issues
        | Command::Quotes
        | Command::Timeline
        | Command::Sources
        | Command::Contested => {}
    }
    None
}
