//! Everything a key can do, with the name used in config files and the
//! description the help overlay shows. This table is the one list of actions.

use super::section::Section;

macro_rules! actions {
    ($($variant:ident = $name:literal, $description:literal;)*) => {
        /// A user intent, produced by the keymap and applied by `update`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// The name used in `config.toml` under `[keys.<mode>]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// What the action does, as the help overlay says it.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $description,)*
                }
            }
        }
    };
}

actions! {
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
    Cancel = "cancel", "Close without choosing";
    DeleteChar = "delete_char", "Delete the last character";
    ClearInput = "clear_input", "Clear the search text";
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
    SaveNote = "save_note", "Save the note";
    Newline = "newline", "New line (on an empty last line: save)";
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The section an action jumps to.
    pub fn section(self) -> Option<Section> {
        let section = match self {
            Action::Overview => Section::Overview,
            Action::Actors => Section::Actors,
            Action::Issues => Section::Issues,
            Action::Quotes => Section::Quotes,
            Action::Timeline => Section::Timeline,
            Action::Sources => Section::Sources,
            Action::Contested => Section::Contested,
            _ => return None,
        };
        Some(section)
    }
}
