//! The note editor: an item's note in a text box over the panes.

use ratatui::style::Style;

use super::textbox::TextBox;
use crate::model::ItemRef;

/// What leaving a changed note would do, while the editor asks first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// Close the editor and drop the changes.
    Discard,
    /// Drop the changes and quit the reader.
    Quit,
}

#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub item: ItemRef,
    pub text: TextBox,
    /// Set while the editor asks whether to drop the changes.
    pub confirm: Option<Leave>,
}

impl NoteEditor {
    /// An editor on `note`, the text saved for the item when it opens.
    pub fn new(item: ItemRef, note: &str, style: Style, cursor: Style) -> NoteEditor {
        NoteEditor {
            item,
            text: TextBox::multi_line(note, style, cursor),
            confirm: None,
        }
    }
}
