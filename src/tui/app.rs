//! The reader's state, and what keeps its parts consistent with each other
//! (the layout with the screen, the detail pane with the selection). It
//! changes only in `update`; rendering reads it.

use ratatui::layout::Rect;

use super::command::Command;
use super::config::Config;
use super::detail::{Detail, Subject};
use super::editor::NoteEditor;
use super::keymap::{Keymap, Mode};
use super::layout::AppLayout;
use super::review::{self, ReviewProgress, Session};
use super::section::{PerSection, Section};
use super::textbox::TextBox;
use super::theme::Theme;
use crate::model::{ActorKind, Briefing, ItemRef};
use crate::review::{Place, Review, Store};
use crate::search::{Hit, SearchIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// What narrows a list: a category chosen in the filter menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Kind(ActorKind),
    Speaker(usize),
    Actor(usize),
    Issue(usize),
    /// Quotes from a source.
    Source(usize),
    /// Quotes, or claims with a version, graded within these bounds
    /// (reliability of the source A–F, credibility of the information 1–6).
    Grade(crate::model::GradeFilter),
}

/// One section's list: which items it shows, in what order, and where the
/// cursor is. `rows` holds model indices.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    pub rows: Vec<usize>,
    /// The columns the list would like, to show its rows uncut.
    pub wanted_width: u16,
    pub selected: usize,
    pub offset: usize,
    pub filter: Option<Filter>,
    /// Text typed to filter the list: its rows are those whose text
    /// matches it fuzzily, best first.
    pub text: Option<String>,
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

/// The search prompt and its results.
#[derive(Clone, Debug)]
pub struct SearchState {
    pub query: TextBox,
    /// The query `hits` were found for.
    pub searched: String,
    pub hits: Vec<Hit>,
    /// Names like what was typed, when nothing matched.
    pub suggestions: Vec<Hit>,
    /// Walking the search history: the entry shown, and what was typed
    /// before the walk began.
    pub recalled: Option<(usize, String)>,
    /// The search stopped at its limit: there are more matches.
    pub capped: bool,
    pub selected: usize,
    pub offset: usize,
}

impl SearchState {
    /// What the results list shows: the hits, or the suggestions when
    /// nothing matched.
    pub fn results(&self) -> &[Hit] {
        if self.hits.is_empty() {
            &self.suggestions
        } else {
            &self.hits
        }
    }

    pub fn new(theme: &Theme) -> SearchState {
        SearchState {
            query: TextBox::single_line(
                "",
                theme.text.add_modifier(ratatui::style::Modifier::BOLD),
                theme.cursor(),
            ),
            searched: String::new(),
            hits: Vec::new(),
            suggestions: Vec::new(),
            recalled: None,
            capped: false,
            selected: 0,
            offset: 0,
        }
    }
}

/// The last search confirmed, for `n` and `N`.
#[derive(Clone, Debug, Default)]
pub struct LastSearch {
    pub query: String,
    /// Its words, folded, as the detail pane marks them.
    pub terms: Vec<String>,
    pub hits: Vec<Hit>,
    /// The match shown last, by index into `hits`.
    pub at: usize,
    /// The marked line shown last in its detail, by index into the detail
    /// pane's `matches`.
    pub line: usize,
}

/// The filter menu: text typed filters the list as it is typed, and the
/// categories (also narrowed by the text) are a key away.
#[derive(Clone, Debug)]
pub struct Picker {
    pub title: String,
    pub query: TextBox,
    pub options: Vec<(String, Option<Filter>)>,
    /// The options that match what was typed, by index into `options`.
    pub shown: Vec<usize>,
    /// The option chosen, by index into `shown`; none while the text
    /// filters the list.
    pub selected: Option<usize>,
    /// The list's category when the menu opened, to keep on Esc.
    pub before: Option<Filter>,
}

#[derive(Clone, Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Search(SearchState),
    Picker(Picker),
    Note(NoteEditor),
    /// Errors from a reload, shown over the last good version.
    Errors {
        text: String,
        scroll: usize,
    },
    /// What was wrong in config.toml or the theme, as it was reported.
    Problems {
        scroll: usize,
    },
}

/// Work the event loop does for `update`, because it needs the terminal;
/// what came of it comes back as an [`super::action::Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the screen and edit this item's note, now `text`, in `$EDITOR`.
    EditNote { item: ItemRef, text: String },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Draw the screen again: something changed while no key was pressed.
    Redraw,
    /// Leave the screen and stop, until the shell continues the reader.
    Suspend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
    Error,
}

/// A briefing's search index, built the first time a search needs it
/// unless it was built ahead (a large briefing's is, while it loads).
#[derive(Default)]
pub struct LazyIndex(std::cell::OnceCell<SearchIndex>);

impl LazyIndex {
    pub fn built(index: SearchIndex) -> LazyIndex {
        LazyIndex(index.into())
    }

    /// The index of `briefing`, which must be the briefing it was made for.
    pub fn get(&self, briefing: &Briefing) -> &SearchIndex {
        self.0.get_or_init(|| SearchIndex::build(briefing))
    }
}

pub struct App {
    pub briefing: Briefing,
    pub search_index: LazyIndex,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    pub section: Section,
    pub focus: Focus,
    pub lists: PerSection<ListState>,
    pub matrix: MatrixState,
    pub detail: Detail,
    pub history: History,
    pub overlay: Option<Overlay>,
    /// The last confirmed search, for `n` and `N`.
    pub last_search: Option<LastSearch>,
    /// Searches confirmed, oldest first, kept across sessions.
    pub search_history: Vec<String>,
    /// Where the search history is kept (none in tests).
    pub history_file: Option<std::path::PathBuf>,
    pub message: Option<(String, MessageKind)>,
    pub layout: AppLayout,
    pub review: Session,
    /// Review progress of all items and per section.
    pub progress: ReviewProgress,
    /// Lists show only items changed or new since the last review.
    pub changed_only: bool,
    /// Set after a quit was refused for unsaved changes; the next quits.
    pub quit_warned: bool,
    /// The briefing's file, for reloading (none for the built-in one).
    pub source: Option<std::path::PathBuf>,
    /// Reload when the file changes.
    pub watch: bool,
    pub modified: Option<std::time::SystemTime>,
    /// When where the reader is was last kept.
    pub place_saved: Option<std::time::Instant>,
    /// The file's signature as checked when it was opened (none for the
    /// built-in briefing).
    pub signature: Option<crate::signature::Verification>,
    /// The keys trusted to sign briefings, to check a reloaded file again;
    /// with `require_signature`, a reload that is not signed by one of them
    /// is refused.
    pub signers: Option<crate::signature::AllowedSigners>,
    /// What was wrong in config.toml or the theme (already escaped for the
    /// terminal), to show inside the reader.
    pub problems: Option<String>,
    /// The terminal reports keys such as ctrl-i apart from Tab; until it
    /// says so, such keys are not offered in the help or hints.
    pub keys_enhanced: bool,
    pub require_signature: bool,
    pub should_quit: bool,
}

impl App {
    /// A reader on `briefing` with a fresh review kept in memory, at 80×24.
    pub fn new(briefing: Briefing, config: &Config, theme: Theme) -> App {
        let review = Review::new(&briefing.meta.id);
        App::open(briefing, config, theme, review, None, (80, 24))
    }

    /// The reader as it opens: the briefing with its saved review (marks,
    /// and the place it left off, kept by `store`) at the screen's size.
    /// The detail pane is built once, for that size.
    pub fn open(
        briefing: Briefing,
        config: &Config,
        theme: Theme,
        review: Review,
        store: Option<Store>,
        size: (u16, u16),
    ) -> App {
        let review = Session::new(&briefing, review, store);
        App::assemble(briefing, LazyIndex::default(), review, config, theme, size)
    }

    /// `open`, from the parts made from the briefing: its search index and
    /// its review session.
    pub fn assemble(
        briefing: Briefing,
        search_index: LazyIndex,
        review: Session,
        config: &Config,
        theme: Theme,
        (width, height): (u16, u16),
    ) -> App {
        let place = review.review.place.clone();
        let mut app = App {
            review,
            progress: Default::default(),
            changed_only: false,
            quit_warned: false,
            source: None,
            watch: false,
            modified: None,
            place_saved: None,
            signature: None,
            signers: None,
            problems: None,
            keys_enhanced: false,
            require_signature: false,
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
            search_history: Vec::new(),
            history_file: None,
            message: None,
            layout: AppLayout::default(),
            should_quit: false,
            briefing,
        };
        for section in Section::all() {
            app.refresh_rows(section);
        }
        app.matrix.actors = matrix_actors(&app.briefing);
        app.refresh_progress();
        if let Some(place) = place {
            app.open_at(&place);
        }
        app.relayout(width, height);
        app.history.entries = vec![app.location()];
        app.history.at = 0;
        app
    }

    /// Opens at a saved place, if its section and item still exist.
    fn open_at(&mut self, place: &Place) {
        let Some(section) = Section::from_key(&place.section) else {
            return;
        };
        self.section = section;
        if let Some(item) = place.item.as_deref().and_then(|id| self.briefing.get(id))
            && Section::of(item) == section
            && let Some(row) = self.list().rows.iter().position(|&r| r == list_index(item))
        {
            self.list_mut().selected = row;
        }
    }

    /// Lays the panes out for a screen of this size, and wraps the detail
    /// pane's text to its new width.
    pub fn relayout(&mut self, width: u16, height: u16) {
        let wanted = self.lists[self.section].wanted_width;
        self.layout = AppLayout::compute(Rect::new(0, 0, width, height), self.section, wanted);
        self.refresh_detail();
        self.keep_list_visible();
        self.keep_matrix_visible();
    }

    /// Lays out again for the same screen: after the section changed.
    pub fn relayout_same(&mut self) {
        let area = self.layout.area;
        self.relayout(area.width, area.height);
    }

    /// What the detail pane should show now.
    fn subject(&self) -> Subject {
        if let Some(pinned) = self.detail.pinned {
            return Subject::Item(pinned);
        }
        self.selected_item()
            .map_or(Subject::Overview, Subject::Item)
    }

    /// Builds the detail pane for what is selected, at the pane's width.
    pub fn refresh_detail(&mut self) {
        let subject = self.subject();
        let width = self.layout.detail_text_width();
        let pinned = self.detail.pinned;
        let lines = match subject {
            Subject::Item(item) => {
                review::item_lines(&self.review, item, &self.theme, usize::from(width))
            }
            Subject::Overview => {
                let mut sections: Vec<(&str, review::Progress)> = Section::all()
                    .skip(1)
                    .map(|s| (s.title(), self.progress.sections[s]))
                    .collect();
                sections.push(("All", self.progress.all));
                review::overview_lines(&self.review, &sections, &self.theme, usize::from(width))
            }
        };
        // The words of the last search are marked while its hits are shown.
        let highlight = match (&self.last_search, subject) {
            (Some(last), Subject::Item(item)) if last.hits.iter().any(|h| h.item == item) => {
                last.terms.as_slice()
            }
            _ => &[],
        };
        self.detail.show(
            &self.briefing,
            &self.theme,
            subject,
            width,
            lines,
            highlight,
        );
        self.detail.pinned = pinned;
    }

    /// Review progress, kept here so that drawing a frame costs the same
    /// whatever the briefing's size.
    pub fn refresh_progress(&mut self) {
        self.progress = self.review.progress();
    }

    /// Scrolls every list so that its selection is on screen.
    pub fn keep_list_visible(&mut self) {
        let height = AppLayout::inner_height(self.layout.list).max(1);
        for list in self.lists.iter_mut() {
            if list.selected < list.offset {
                list.offset = list.selected;
            } else if list.selected >= list.offset + height {
                list.offset = list.selected + 1 - height;
            }
            list.offset = list.offset.min(list.rows.len().saturating_sub(height));
        }
    }

    /// Scrolls the matrix so that its cursor is on screen.
    pub fn keep_matrix_visible(&mut self) {
        let (rows, columns) = (self.layout.matrix.rows, self.layout.matrix.columns);
        let m = &mut self.matrix;
        if m.row < m.row_offset {
            m.row_offset = m.row;
        } else if m.row >= m.row_offset + rows {
            m.row_offset = m.row + 1 - rows;
        }
        if m.column < m.column_offset {
            m.column_offset = m.column;
        } else if m.column >= m.column_offset + columns {
            m.column_offset = m.column + 1 - columns;
        }
    }

    /// The position under the matrix cursor, if the actor holds one.
    pub fn matrix_cell(&self) -> Option<ItemRef> {
        let actor = *self.matrix.actors.get(self.matrix.row)?;
        let issue = self.matrix.column;
        self.briefing.index.actors[actor]
            .positions
            .iter()
            .copied()
            .find(|p| matches!(p, ItemRef::Position { issue: i, .. } if *i == issue))
    }

    /// How the key of `command` in `mode` is written, for messages and
    /// hints: its first key as the user's keymap has it, or the command's
    /// name when nothing is bound to it.
    pub fn key_for(&self, mode: Mode, command: Command) -> String {
        self.keys(mode, command)
            .first()
            .map_or_else(|| format!("({})", command.name()), |k| k.to_string())
    }

    /// The keys of a command in a mode that reach it in this terminal.
    pub fn keys(&self, mode: Mode, command: Command) -> Vec<super::keymap::Key> {
        self.keymap
            .bindings(mode)
            .find(|(c, _)| *c == command)
            .map(|(_, keys)| {
                keys.iter()
                    .copied()
                    .filter(|k| self.keys_enhanced || !k.needs_enhancement())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn list(&self) -> &ListState {
        &self.lists[self.section]
    }

    pub fn list_mut(&mut self) -> &mut ListState {
        &mut self.lists[self.section]
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
            Some(Overlay::Note(editor)) if editor.confirm.is_some() => vec![Mode::Confirm],
            Some(Overlay::Note(_)) => vec![Mode::Note],
            Some(Overlay::Errors { .. } | Overlay::Problems { .. }) => vec![Mode::Help],
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
        let state = &mut self.lists[section];
        let keep = state.selected_index();
        let filter = state.filter;
        let text = state.text.clone();
        let review = &self.review;
        let changed_only = self.changed_only;
        let passes = |i: usize| -> bool {
            if changed_only && let Some(item) = section.item(i) {
                let status = review.status(item);
                if !(status.changed || status.new) {
                    return false;
                }
            }
            let Some(filter) = filter else { return true };
            match (section, filter) {
                (Section::Actors, Filter::Kind(kind)) => b.actors[i].kind == kind,
                (Section::Actors, Filter::Issue(x)) => b.index.issues[x].actors.contains(&i),
                (Section::Issues, Filter::Actor(a)) => b.index.actors[a].issues.contains(&i),
                (Section::Quotes, Filter::Speaker(a)) => {
                    b.quotes[i].speaker.as_deref() == Some(&b.actors[a].id)
                }
                (Section::Quotes, Filter::Issue(x)) => b.quotes[i].issues.contains(&b.issues[x].id),
                (Section::Quotes, Filter::Source(s)) => b.quotes[i].source == b.sources[s].id,
                (Section::Quotes, Filter::Grade(grade)) => grade.quote(b, i),
                (Section::Contested, Filter::Grade(grade)) => {
                    b.claims[i].versions.iter().any(|v| grade.version(b, v))
                }
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
        let count = section.kind().map_or(0, |kind| b.items.count(kind));
        let mut rows: Vec<usize> = (0..count).filter(|&i| passes(i)).collect();
        if section == Section::Timeline {
            rows.sort_by_key(|&i| b.events[i].date);
        }
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            rows = super::rows::fuzzy(b, section, &rows, &text);
        }
        state.wanted_width = super::rows::wanted_width(b, section, &rows);
        state.rows = rows;
        state.selected = keep
            .and_then(|k| state.rows.iter().position(|&r| r == k))
            .unwrap_or(0)
            .min(state.rows.len().saturating_sub(1));
    }

    pub fn set_message(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some((text.into(), kind));
    }

    /// The item review keys act on: what the detail pane shows, or in the
    /// Overview the position under the matrix cursor.
    pub fn target(&self) -> Option<ItemRef> {
        match self.detail.subject {
            Subject::Item(item) => Some(item),
            Subject::Overview => self.matrix_cell(),
        }
    }

    /// Shows a new version of the briefing, staying on the same items.
    pub fn replace_briefing(&mut self, briefing: Briefing) {
        let selected: Vec<Option<String>> = Section::all()
            .map(|s| {
                self.lists[s]
                    .selected_index()
                    .and_then(|i| s.item(i))
                    .map(|item| self.briefing.item_id(item))
            })
            .collect();
        let pinned = self.detail.pinned.map(|item| self.briefing.item_id(item));
        let scroll = self.detail.scroll;
        self.search_index = LazyIndex::built(SearchIndex::build(&briefing));
        self.briefing = briefing;
        self.review.rebind(&self.briefing);
        self.matrix.actors = matrix_actors(&self.briefing);
        self.matrix.row = self
            .matrix
            .row
            .min(self.matrix.actors.len().saturating_sub(1));
        self.matrix.column = self
            .matrix
            .column
            .min(self.briefing.issues.len().saturating_sub(1));
        self.last_search = None;
        for (section, id) in Section::all().zip(selected) {
            self.refresh_rows(section);
            let found = id.and_then(|id| self.briefing.get(&id));
            if let Some(index) = found.map(list_index)
                && let Some(row) = self.lists[section].rows.iter().position(|&r| r == index)
            {
                self.lists[section].selected = row;
            }
        }
        self.detail.pinned = pinned.and_then(|id| self.briefing.get(&id));
        self.refresh_progress();
        self.relayout_same();
        self.detail.scroll = scroll.min(self.detail.lines.len().saturating_sub(1));
        self.history.entries = vec![self.location()];
        self.history.at = 0;
    }

    /// Where the reader is, to reopen there.
    pub fn place(&self) -> Place {
        Place {
            section: self.section.key().to_string(),
            item: self.selected_item().map(|item| self.briefing.item_id(item)),
        }
    }
}

/// An item's index in its section's list (a position's issue).
pub fn list_index(item: ItemRef) -> usize {
    item.indices().0
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
