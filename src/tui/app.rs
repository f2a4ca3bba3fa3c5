//! The reader's state. It changes only in `update`; rendering reads it.

use crate::model::{ActorKind, Briefing, ItemRef};
use crate::search::{Hit, SearchIndex};

use super::config::Config;
use super::detail::Detail;
use super::keymap::{Keymap, Mode};
use super::layout::AppLayout;
use super::theme::Theme;

/// The seven tabs, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Overview,
    Actors,
    Issues,
    Quotes,
    Timeline,
    Sources,
    Contested,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Actors,
        Section::Issues,
        Section::Quotes,
        Section::Timeline,
        Section::Sources,
        Section::Contested,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Actors => "Actors",
            Section::Issues => "Issues",
            Section::Quotes => "Quotes",
            Section::Timeline => "Timeline",
            Section::Sources => "Sources",
            Section::Contested => "Contested",
        }
    }

    /// The section where an item is listed.
    pub fn of(item: ItemRef) -> Section {
        match item {
            ItemRef::Actor(_) => Section::Actors,
            ItemRef::Issue(_) | ItemRef::Position { .. } => Section::Issues,
            ItemRef::Quote(_) => Section::Quotes,
            ItemRef::Event(_) => Section::Timeline,
            ItemRef::Source(_) => Section::Sources,
            ItemRef::Claim(_) => Section::Contested,
        }
    }

    /// The list item a model index becomes in this section.
    pub fn item(self, index: usize) -> Option<ItemRef> {
        match self {
            Section::Overview => None,
            Section::Actors => Some(ItemRef::Actor(index)),
            Section::Issues => Some(ItemRef::Issue(index)),
            Section::Quotes => Some(ItemRef::Quote(index)),
            Section::Timeline => Some(ItemRef::Event(index)),
            Section::Sources => Some(ItemRef::Source(index)),
            Section::Contested => Some(ItemRef::Claim(index)),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// What narrows a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Kind(ActorKind),
    Speaker(usize),
    Actor(usize),
    Issue(usize),
}

/// One section's list: which items it shows, in what order, and where the
/// cursor is. `rows` holds model indices.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub filter: Option<Filter>,
}

impl ListState {
    pub fn selected_index(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
}

/// The actor × issue matrix of the Overview.
#[derive(Clone, Debug, Default)]
pub struct MatrixState {
    /// Actors shown as rows (those that hold a position or are named by an issue).
    pub actors: Vec<usize>,
    pub row: usize,
    pub column: usize,
    pub row_offset: usize,
    pub column_offset: usize,
}

/// A place in the reader, as kept in the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub section: Section,
    /// The model index selected in the section's list.
    pub index: Option<usize>,
    /// What the detail pane shows when it is not the selected item (a position).
    pub subject: Option<ItemRef>,
    pub focus: Focus,
    pub link: Option<usize>,
}

/// Where you have been, like a browser: back and forward.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub entries: Vec<Location>,
    /// Index of the current place in `entries`.
    pub at: usize,
}

/// The search box and its results.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
}

/// A menu of choices, such as the filters of a list.
#[derive(Clone, Debug)]
pub struct Picker {
    pub title: String,
    pub options: Vec<(String, Option<Filter>)>,
    pub selected: usize,
}

#[derive(Clone, Debug)]
pub enum Overlay {
    Help { scroll: usize },
    Search(SearchState),
    Picker(Picker),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

pub struct App {
    pub briefing: Briefing,
    pub search_index: SearchIndex,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    pub section: Section,
    pub focus: Focus,
    pub lists: [ListState; 7],
    pub matrix: MatrixState,
    pub detail: Detail,
    pub history: History,
    pub overlay: Option<Overlay>,
    /// The last confirmed search, for `n` and `N`.
    pub last_search: Option<SearchState>,
    pub message: Option<(String, MessageKind)>,
    pub layout: AppLayout,
    pub should_quit: bool,
}

impl App {
    pub fn new(briefing: Briefing, config: &Config, theme: Theme) -> App {
        let search_index = SearchIndex::build(&briefing);
        let mut app = App {
            search_index,
            keymap: config.keymap.clone(),
            theme,
            mouse: config.mouse,
            section: Section::Overview,
            focus: Focus::List,
            lists: Default::default(),
            matrix: MatrixState::default(),
            detail: Detail::default(),
            history: History::default(),
            overlay: None,
            last_search: None,
            message: None,
            layout: AppLayout::default(),
            should_quit: false,
            briefing,
        };
        for section in Section::ALL {
            app.refresh_rows(section);
        }
        app.matrix.actors = matrix_actors(&app.briefing);
        app.resize(80, 24);
        app.history.entries.push(app.location());
        app
    }

    pub fn list(&self) -> &ListState {
        &self.lists[self.section.index()]
    }

    pub fn list_mut(&mut self) -> &mut ListState {
        &mut self.lists[self.section.index()]
    }

    /// The item selected in the current list.
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.section.item(self.list().selected_index()?)
    }

    /// The modes whose keys apply now, most specific first.
    pub fn modes(&self) -> Vec<Mode> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => vec![Mode::Help],
            Some(Overlay::Search(_)) => vec![Mode::Search],
            Some(Overlay::Picker(_)) => vec![Mode::Picker],
            None => {
                let pane = match (self.focus, self.section) {
                    (Focus::Detail, _) => Mode::Detail,
                    (Focus::List, Section::Overview) => Mode::Matrix,
                    (Focus::List, _) => Mode::List,
                };
                vec![pane, Mode::Global]
            }
        }
    }

    pub fn location(&self) -> Location {
        Location {
            section: self.section,
            index: self.list().selected_index(),
            subject: self.detail.pinned,
            focus: self.focus,
            link: self.detail.cursor,
        }
    }

    /// Recomputes which items a section lists, keeping the selection on the
    /// same item when it is still listed.
    pub fn refresh_rows(&mut self, section: Section) {
        let b = &self.briefing;
        let state = &mut self.lists[section.index()];
        let keep = state.selected_index();
        let filter = state.filter;
        let passes = |i: usize| -> bool {
            let Some(filter) = filter else { return true };
            match (section, filter) {
                (Section::Actors, Filter::Kind(kind)) => b.actors[i].kind == kind,
                (Section::Actors, Filter::Issue(x)) => b.index.issues[x].actors.contains(&i),
                (Section::Issues, Filter::Actor(a)) => b.index.actors[a].issues.contains(&i),
                (Section::Quotes, Filter::Speaker(a)) => {
                    b.quotes[i].speaker.as_deref() == Some(&b.actors[a].id)
                }
                (Section::Quotes, Filter::Issue(x)) => b.quotes[i].issues.contains(&b.issues[x].id),
                (Section::Timeline, Filter::Actor(a)) => {
                    b.events[i].actors.contains(&b.actors[a].id)
                }
                (Section::Timeline, Filter::Issue(x)) => {
                    b.events[i].issues.contains(&b.issues[x].id)
                }
                (Section::Sources, Filter::Issue(x)) => b.index.sources[i]
                    .iter()
                    .any(|item| issue_of(*item) == Some(x)),
                (Section::Contested, Filter::Issue(x)) => {
                    b.claims[i].issues.contains(&b.issues[x].id)
                }
                _ => true,
            }
        };
        let count = match section {
            Section::Overview => 0,
            Section::Actors => b.actors.len(),
            Section::Issues => b.issues.len(),
            Section::Quotes => b.quotes.len(),
            Section::Timeline => b.events.len(),
            Section::Sources => b.sources.len(),
            Section::Contested => b.claims.len(),
        };
        let mut rows: Vec<usize> = (0..count).filter(|&i| passes(i)).collect();
        if section == Section::Timeline {
            rows.sort_by_key(|&i| b.events[i].date);
        }
        state.rows = rows;
        state.selected = keep
            .and_then(|k| state.rows.iter().position(|&r| r == k))
            .unwrap_or(0)
            .min(state.rows.len().saturating_sub(1));
    }

    pub fn set_message(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some((text.into(), kind));
    }
}

/// The issue an item belongs to, for filtering sources by issue.
fn issue_of(item: ItemRef) -> Option<usize> {
    match item {
        ItemRef::Issue(i) | ItemRef::Position { issue: i, .. } => Some(i),
        _ => None,
    }
}

/// Matrix rows: actors that hold a position or are named by an issue, those
/// with the most positions first, then in file order.
fn matrix_actors(b: &Briefing) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..b.actors.len())
        .filter(|&a| !b.index.actors[a].issues.is_empty())
        .collect();
    rows.sort_by_key(|&a| std::cmp::Reverse(b.index.actors[a].positions.len()));
    rows
}
