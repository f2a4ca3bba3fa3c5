//! Everything a key can be bound to, with the name used in config files and
//! the description the help overlay shows. This table is the one list of
//! commands; [`super::action::Action`] carries one when a key is pressed.

use super::section::Section;

macro_rules! commands {
    ($($variant:ident = $name:literal, $description:literal;)*) => {
        /// What a bound key asks for, found by the keymap for the mode the
        /// key was pressed in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Command {
            $($variant,)*
        }

        impl Command {
            pub const ALL: &[Command] = &[$(Command::$variant,)*];

            /// The name used in `config.toml` under `[keys.<mode>]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                }
            }

            /// What the command does, as the help overlay says it.
            pub fn description(self) -> &'static str {
                match self {
                    $(Command::$variant => $description,)*
                }
            }
        }
    };
}

commands! {
    Quit = "quit", "Quit";
    Help = "help", "Show this help";
    Overview = "overview", "Go to Overview";
    Actors = "actors", "Go to Actors";
    Issues = "issues", "Go to Issues";
    Quotes = "quotes", "Go to Quotes";
    Timeline = "timeline", "Go to Timeline";
    Sources = "sources", "Go to Sources";
    Contested = "contested", "Go to Contested (claims)";
    NextSection = "next_section", "Next section";
    PrevSection = "prev_section", "Previous section";
    FocusNext = "focus_next", "Move focus to the other pane";
    FocusPrev = "focus_prev", "Move focus to the other pane";
    FocusList = "focus_list", "Focus the list";
    FocusDetail = "focus_detail", "Focus the detail pane";
    Back = "back", "Go back to where you were";
    Forward = "forward", "Go forward again";
    Search = "search", "Search the whole briefing";
    NextMatch = "next_match", "Jump to the next search match";
    PrevMatch = "prev_match", "Jump to the previous search match";
    Filter = "filter", "Filter the current list";
    Down = "down", "Move down";
    Up = "up", "Move up";
    Top = "top", "Go to the top";
    Bottom = "bottom", "Go to the bottom";
    PageDown = "page_down", "Page down";
    PageUp = "page_up", "Page up";
    HalfPageDown = "half_page_down", "Half a page down";
    HalfPageUp = "half_page_up", "Half a page up";
    Open = "open", "Open the selected item in the detail pane";
    NextLink = "next_link", "Select the next link";
    PrevLink = "prev_link", "Select the previous link";
    FollowLink = "follow_link", "Follow the selected link";
    ColumnLeft = "column_left", "Previous issue (column)";
    ColumnRight = "column_right", "Next issue (column)";
    OpenCell = "open_cell", "Open the position in this cell";
    Confirm = "confirm", "Choose the selected entry";
    HistoryPrev = "history_prev", "Recall the search before (older)";
    HistoryNext = "history_next", "Recall the search after (newer)";
    NextHeading = "next_heading", "Jump to the next heading (Positions, Quotes, …)";
    PrevHeading = "prev_heading", "Jump to the previous heading";
    Cancel = "cancel", "Close without choosing";
    Close = "close", "Close";
    ToggleReviewed = "toggle_reviewed", "Mark the item reviewed, or not";
    ToggleFlagged = "toggle_flagged", "Flag the item for follow-up, or not";
    EditNote = "edit_note", "Write or edit the item's note";
    EditNoteInEditor = "edit_note_in_editor", "Edit the item's note in $EDITOR";
    Undo = "undo", "Undo the last review change";
    NextUnreviewed = "next_unreviewed", "Next item not yet reviewed";
    PrevUnreviewed = "prev_unreviewed", "Previous item not yet reviewed";
    ChangedOnly = "changed_only", "Show only changed and new items, or all";
    Copy = "copy", "Copy the item, with its citation, to the clipboard";
    Reload = "reload", "Reload the briefing from disk";
    Suspend = "suspend", "Suspend the reader (fg resumes it)";
    Library = "library", "Go to the library of briefings";
    PreviousBriefing = "previous_briefing", "Switch to the briefing open before";
    Sort = "sort", "Sort by the next order (last opened, as of, title, left)";
    HideFinished = "hide_finished", "Hide finished briefings, or show them";
    Problems = "problems", "Show what was wrong in config.toml or the theme";
    SaveNote = "save_note", "Save the note";
    Newline = "newline", "Start a new line";
    DeleteChar = "delete_char", "Delete the character before the cursor";
    DeleteNextChar = "delete_next_char", "Delete the character under the cursor";
    DeleteWord = "delete_word", "Delete the word before the cursor";
    DeleteNextWord = "delete_next_word", "Delete the word after the cursor";
    DeleteToStart = "delete_to_start", "Delete to the start of the line";
    DeleteToEnd = "delete_to_end", "Delete to the end of the line";
    CursorLeft = "cursor_left", "Move the cursor left";
    CursorRight = "cursor_right", "Move the cursor right";
    CursorUp = "cursor_up", "Move the cursor up a line";
    CursorDown = "cursor_down", "Move the cursor down a line";
    WordLeft = "word_left", "Move to the previous word";
    WordRight = "word_right", "Move to the next word";
    LineStart = "line_start", "Move to the start of the line";
    LineEnd = "line_end", "Move to the end of the line";
    TextStart = "text_start", "Move to the start of the text";
    TextEnd = "text_end", "Move to the end of the text";
    UndoEdit = "undo_edit", "Undo the last edit";
    RedoEdit = "redo_edit", "Redo what was undone";
    Discard = "discard", "Discard the changes";
    KeepEditing = "keep_editing", "Go back to editing";
}

impl Command {
    pub fn from_name(name: &str) -> Option<Command> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The section an action jumps to.
    pub fn section(self) -> Option<Section> {
        let section = match self {
            Command::Overview => Section::Overview,
            Command::Actors => Section::Actors,
            Command::Issues => Section::Issues,
            Command::Quotes => Section::Quotes,
            Command::Timeline => Section::Timeline,
            Command::Sources => Section::Sources,
            Command::Contested => Section::Contested,
            _ => return None,
        };
        Some(section)
    }
}
