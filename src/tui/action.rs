//! What `update` applies: every key, paste, resize and mouse event becomes
//! one of these (see [`super::input`]), and so does the result of work done
//! outside `update` (the external editor, the clipboard). Nothing changes
//! the app but an action.

use crossterm::event::MouseEvent;

use super::command::Command;
use super::keymap::{Key, Mode};
use crate::model::ItemRef;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A bound key: its command, and the mode whose binding took it.
    Run(Command, Mode),
    /// A character typed into the text box that has the keys.
    Insert(char),
    /// Text pasted by the terminal (bracketed paste): it goes into the
    /// text box that has the keys, or nowhere.
    Paste(String),
    /// A key nothing binds where it was pressed.
    Unbound(Key),
    Resize(u16, u16),
    Mouse(MouseEvent),
    /// Nothing happened for a while: retry saves, look for a changed file,
    /// keep where the reader is.
    Tick,
    /// The reader is ending (a signal): keep where it was, save what is left.
    Leaving,
    /// The external editor closed: the note's new text, or why not.
    EditorClosed {
        item: ItemRef,
        result: Result<String, String>,
    },
    /// The clipboard was given this text, or could not be.
    Copied(Result<String, String>),
    /// Whether the terminal reports keys apart (ctrl-i from Tab).
    KeysEnhanced(bool),
    /// Show this item as found by this search (from the library's search
    /// across briefings): its matches marked, `n` and `N` going on.
    ShowFound {
        query: String,
        item: ItemRef,
    },
}
