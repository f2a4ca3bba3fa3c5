//! From the terminal to an [`Action`]: a key goes to the keymap, offered to
//! the modes that apply now (an overlay's alone, else the focused pane's and
//! then the global keys); a key no mode takes is typed into a text box if
//! one has the keys, and is otherwise unbound. A paste is always text.

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::App;
use super::keymap::{Key, Mode, Routed};

/// The action for a terminal event; `None` for events that mean nothing
/// here (a key's release, focus changes, the mouse when it is off).
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) => Some(key_action(app, Key::from_event(&key))),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) if app.mouse => Some(Action::Mouse(mouse)),
        Event::Mouse(_) | Event::FocusGained | Event::FocusLost => None,
    }
}

/// The action for a key pressed now.
pub fn key_action(app: &App, key: Key) -> Action {
    let modes = app.modes();
    match app.keymap.route(&modes, key) {
        Routed::Consumed(mode, command) => Action::Run(command, mode),
        Routed::NotConsumed => typed(&modes, key),
    }
}

/// A key no binding took: typed into the text box that has the keys, or
/// nothing.
pub fn typed(modes: &[Mode], key: Key) -> Action {
    match key.code {
        KeyCode::Char(c)
            if modes.first().is_some_and(|m| m.takes_text())
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Action::Insert(c)
        }
        _ => Action::Unbound(key),
    }
}
