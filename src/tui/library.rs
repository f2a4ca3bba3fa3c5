//! The library screen: one row per briefing of some folders (and the
//! built-in one), with its review progress, sorted and filtered; a search
//! across all of them; the way into each briefing and back. Its state and
//! its update step are here; [`super::ui::library`] draws it, and
//! [`super::shell`] moves between it and the briefings it opens.
//!
//! Rows come from [`crate::library`]'s summaries: a warm cache gives every
//! row at once; files not in the cache, and those whose cached content
//! hash must be confirmed, are read on another thread, and their rows fill
//! in as they come.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

use ratatui::layout::Rect;

use super::action::Action;
use super::app::MessageKind;
use super::command::Command;
use super::config::Config;
use super::input;
use super::keymap::{Key, Keymap, Mode, Routed};
use super::textbox::{Edit, TextBox};
use super::theme::Theme;
use crate::library::{Cache, Cached, Counts, Gate, Origin, Stamp, Summary, content_hash};
use crate::model::ItemRef;
use crate::review::Review;
use crate::search::SearchIndex;
use crate::signature::{AllowedSigners, SignatureState};

/// How often the files under the library are looked at for changes while
/// its screen shows.
const RESCAN: Duration = Duration::from_secs(2);

/// The most hits a library search lists for one briefing.
pub const HITS_PER_BRIEFING: usize = 20;

/// One briefing of the library.
#[derive(Clone, Debug)]
pub struct Entry {
    pub origin: Origin,
    /// What the row shows; `None` until the file has been read.
    pub summary: Option<Summary>,
    /// A file that does not load: its problems, as `brief check` prints them.
    pub report: Option<String>,
    /// Review progress, counted against the briefing's review state.
    pub counts: Option<Counts>,
    pub last_opened: Option<SystemTime>,
    /// The file's size and time when its summary was made.
    pub stamp: Option<Stamp>,
    /// Other entries with the same briefing id (they share a review state).
    pub same_id: Vec<usize>,
    /// Its signature checked against allowed_signers; `None` until then.
    pub signature: Option<SignatureState>,
    /// The signature file's size and time when it was checked.
    sig_stamp: Option<Stamp>,
}

impl Entry {
    fn new(origin: Origin) -> Entry {
        Entry {
            origin,
            summary: None,
            report: None,
            counts: None,
            last_opened: None,
            stamp: None,
            same_id: Vec::new(),
            signature: None,
            sig_stamp: None,
        }
    }

    /// The title shown: the briefing's, or the file's name.
    pub fn title(&self) -> String {
        match &self.summary {
            Some(s) if !s.title.is_empty() => s.title.clone(),
            _ => self.file_name(),
        }
    }

    pub fn file_name(&self) -> String {
        match &self.origin {
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Origin::BuiltIn => crate::DEFAULT_BRIEFING_NAME.to_string(),
        }
    }

    pub fn failed(&self) -> bool {
        self.summary.as_ref().is_some_and(|s| s.errors > 0)
    }

    /// Has items left to review, or changed or new ones.
    pub fn has_work(&self) -> bool {
        self.counts
            .is_some_and(|c| c.left() > 0 || c.changed + c.new > 0)
    }

    pub fn finished(&self) -> bool {
        self.counts.is_some_and(|c| c.finished())
    }
}

/// The orders the library sorts in, in the order the sort key steps
/// through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, strum::EnumIter)]
pub enum Sort {
    #[default]
    LastOpened,
    AsOf,
    Title,
    Left,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::LastOpened => Sort::AsOf,
            Sort::AsOf => Sort::Title,
            Sort::Title => Sort::Left,
            Sort::Left => Sort::LastOpened,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::LastOpened => "last opened",
            Sort::AsOf => "as of",
            Sort::Title => "title",
            Sort::Left => "most left to review",
        }
    }
}

/// A search across the library.
pub struct LibrarySearch {
    pub input: TextBox,
    /// The results: each briefing's hits under its heading.
    pub groups: Vec<Group>,
    /// The selected hit, counted over all groups.
    pub selected: usize,
    pub offset: usize,
    /// How many briefings are indexed, of how many.
    pub indexed: usize,
    pub to_index: usize,
}

/// One briefing's hits in a library search.
#[derive(Clone, Debug)]
pub struct Group {
    pub entry: usize,
    pub hits: Vec<FoundItem>,
    /// Hits beyond those listed.
    pub more: usize,
}

#[derive(Clone, Debug)]
pub struct FoundItem {
    pub item: ItemRef,
    pub title: String,
    pub field: &'static str,
}

impl LibrarySearch {
    pub fn hit_count(&self) -> usize {
        self.groups.iter().map(|g| g.hits.len()).sum()
    }

    /// The selected hit: its entry and item.
    pub fn selected_hit(&self) -> Option<(usize, &FoundItem)> {
        let mut at = self.selected;
        for group in &self.groups {
            if at < group.hits.len() {
                return Some((group.entry, &group.hits[at]));
            }
            at -= group.hits.len();
        }
        None
    }
}

/// What is over the library's rows.
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// A file's problems (or why it could not be opened).
    Problems {
        entry: usize,
        text: String,
        scroll: u16,
    },
    Search(Box<LibrarySearch>),
}

/// What the library asks of the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open this entry's briefing, showing this item found by this query.
    Open {
        entry: usize,
        found: Option<(String, ItemRef)>,
    },
    /// Switch to the briefing open before.
    Previous,
    Suspend,
    Quit,
}

/// A briefing indexed for the library's search.
pub struct Indexed {
    pub index: SearchIndex,
    titles: HashMap<ItemRef, Box<str>>,
}

impl Indexed {
    pub fn of(b: &crate::Briefing) -> Indexed {
        let titles = crate::review::all_items(b)
            .into_iter()
            .map(|item| (item, b.item_title(item).into_boxed_str()))
            .collect();
        Indexed {
            index: SearchIndex::build(b),
            titles,
        }
    }
}

/// Cached summaries up to this size are read before the first frame.
const SHOWN_AT_ONCE: u64 = 256 << 10;

/// What the reading thread sends back for an entry: its summary, if it
/// was made now (with the stamp it was made from), and its signature.
struct Scanned {
    entry: usize,
    read: Option<(Summary, Option<String>, Option<Stamp>)>,
    signature: SignatureState,
    sig_stamp: Option<Stamp>,
}

pub struct Library {
    pub entries: Vec<Entry>,
    /// The entries listed, in order: sorted, filtered.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub sort: Sort,
    pub hide_finished: bool,
    /// The filter being typed (its box has the keys) …
    pub filter_box: Option<TextBox>,
    /// … and the filter applied.
    pub filter: String,
    pub overlay: Option<Overlay>,
    pub message: Option<(String, MessageKind)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    pub area: Rect,
    /// Where review states are, to count progress (none: nothing saved).
    pub reviews: Option<PathBuf>,
    /// What the library was made from, said in its title.
    pub title: String,
    cache: Option<Cache>,
    scanned: Option<Receiver<Scanned>>,
    /// Entries whose file is being read (or confirmed).
    pub pending: usize,
    scanned_at: Instant,
    indexed: Option<Receiver<(usize, Option<Arc<Indexed>>)>>,
    pub indexes: Vec<Option<Arc<Indexed>>>,
    /// Entries given to an indexing thread since they were last read (one
    /// that cannot be indexed is not tried again and again).
    sent_to_index: Vec<bool>,
    pub should_quit: bool,
    /// Held while the library lives: its threads stop when it is gone.
    alive: Arc<()>,
    /// Set while a briefing is opened or read: the threads wait.
    paused: Arc<std::sync::atomic::AtomicBool>,
    /// The keys whose signatures are trusted, to check each file's.
    signers: Arc<AllowedSigners>,
}

/// The files a library keeps beside the briefings: its cache of
/// summaries, the review states it counts progress from, and the keys
/// whose signatures it trusts.
pub struct Files {
    pub cache: Option<Cache>,
    /// Where review states are (none: nothing saved).
    pub reviews: Option<PathBuf>,
    pub signers: AllowedSigners,
}

impl Library {
    /// The library of `origins`. Rows whose summary is cached (for a file
    /// of the same path, size and time) show at once; the rest, and the
    /// confirmation of every cached file's content, come from a thread.
    pub fn new(
        origins: Vec<Origin>,
        title: String,
        config: &Config,
        theme: Theme,
        files: Files,
        size: (u16, u16),
    ) -> Library {
        let Files {
            cache,
            reviews,
            signers,
        } = files;
        let mut library = Library {
            entries: origins.into_iter().map(Entry::new).collect(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort::default(),
            hide_finished: false,
            filter_box: None,
            filter: String::new(),
            overlay: None,
            message: None,
            keymap: config.keymap.clone(),
            theme,
            mouse: config.mouse,
            area: Rect::new(0, 0, size.0, size.1),
            reviews,
            title,
            cache,
            scanned: None,
            pending: 0,
            scanned_at: Instant::now(),
            indexed: None,
            indexes: Vec::new(),
            sent_to_index: Vec::new(),
            should_quit: false,
            alive: Arc::new(()),
            paused: Arc::default(),
            signers: Arc::new(signers),
        };
        let mut to_read = Vec::new();
        for at in 0..library.entries.len() {
            let cached = library.cached(at);
            match cached {
                Some(cached) => {
                    let hash = cached.hash;
                    library.entries[at].stamp = Some(cached.stamp);
                    library.set_summary(at, cached.summary, None);
                    to_read.push((at, Some(hash)));
                }
                None => to_read.push((at, None)),
            }
        }
        library.refresh_rows();
        library.read(to_read);
        library
    }

    /// The cached summary of an entry's file, as it is now on disk. A
    /// large one (a large briefing's: every item's id and fingerprint) is
    /// left to the reading thread, so that the first frame never waits
    /// for it.
    fn cached(&self, at: usize) -> Option<Cached> {
        let path = self.entries[at].origin.path()?;
        let stamp = Stamp::of(path)?;
        self.cache.as_ref()?.get(path, stamp, SHOWN_AT_ONCE)
    }

    /// Reads entries on another thread: those without a summary, and those
    /// with a cached one (their hash is confirmed, and the file read again
    /// if it differs).
    fn read(&mut self, entries: Vec<(usize, Option<u64>)>) {
        if entries.is_empty() {
            return;
        }
        let work: Vec<(usize, Origin, Option<u64>)> = entries
            .into_iter()
            .map(|(at, hash)| (at, self.entries[at].origin.clone(), hash))
            .collect();
        self.pending += work.iter().filter(|w| w.2.is_none()).count();
        let cache = self.cache.clone();
        let (send, receive) = mpsc::channel();
        // A second reading replaces the first: its results are newer.
        self.scanned = Some(receive);
        let gate = self.gate();
        let signers = self.signers.clone();
        std::thread::spawn(move || {
            // Unread files first: their rows are empty until then.
            let (unread, cached): (Vec<_>, Vec<_>) = work.into_iter().partition(|w| w.2.is_none());
            for (at, origin, hash) in unread.into_iter().chain(cached) {
                if !gate.pass() {
                    return;
                }
                let read = scan(&origin, hash, cache.as_ref(), &gate);
                if !gate.pass() {
                    return;
                }
                let (signature, sig_stamp) = match origin.path() {
                    Some(path) => (
                        crate::signature::verify(path, &signers, SystemTime::now()),
                        Stamp::of(&crate::signature::signature_path(path)),
                    ),
                    None => (SignatureState::BuiltIn, None),
                };
                let sent = send.send(Scanned {
                    entry: at,
                    read,
                    signature,
                    sig_stamp,
                });
                if sent.is_err() {
                    return;
                }
            }
        });
    }

    fn gate(&self) -> Gate {
        Gate::new(self.paused.clone(), &self.alive)
    }

    /// Holds the library's threads (reading and indexing files) while a
    /// briefing is opened or read, so that they never compete with it;
    /// `false` lets them go on.
    pub fn pause(&self, on: bool) {
        self.paused.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn paused(&self) -> bool {
        self.paused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether rows are still being read.
    pub fn reading(&self) -> bool {
        self.pending > 0
    }

    /// Whether a thread is still reading files or indexing them.
    pub fn busy(&self) -> bool {
        self.scanned.is_some() || self.indexed.is_some()
    }

    fn set_summary(&mut self, at: usize, summary: Summary, report: Option<String>) {
        let entry = &mut self.entries[at];
        entry.summary = Some(summary);
        entry.report = report;
        self.recount(at);
        self.link_same_ids();
    }

    /// Counts an entry's progress against its review state as saved now.
    pub fn recount(&mut self, at: usize) {
        let entry = &mut self.entries[at];
        let Some(summary) = &entry.summary else {
            return;
        };
        if summary.errors > 0 {
            entry.counts = None;
            return;
        }
        let review = match &self.reviews {
            Some(dir) => crate::review::Store::new(dir, &summary.id)
                .peek()
                .unwrap_or_else(|| Review::new(&summary.id)),
            None => Review::new(&summary.id),
        };
        entry.counts = Some(Counts::of(summary, &review));
        entry.last_opened = self
            .reviews
            .as_deref()
            .and_then(|dir| crate::library::last_opened(dir, &summary.id));
    }

    /// Notes which entries share a briefing id.
    fn link_same_ids(&mut self) {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (at, entry) in self.entries.iter().enumerate() {
            if let Some(s) = &entry.summary
                && s.errors == 0
            {
                by_id.entry(&s.id).or_default().push(at);
            }
        }
        let mut same = vec![Vec::new(); self.entries.len()];
        for group in by_id.values().filter(|g| g.len() > 1) {
            for &at in group {
                same[at] = group.iter().copied().filter(|&o| o != at).collect();
            }
        }
        for (entry, same) in self.entries.iter_mut().zip(same) {
            entry.same_id = same;
        }
    }

    /// Takes what the reading thread has sent; true if a row changed.
    fn take_scanned(&mut self) -> bool {
        let Some(receive) = &self.scanned else {
            return false;
        };
        let mut got = Vec::new();
        let mut done = false;
        loop {
            match receive.try_recv() {
                Ok(scanned) => got.push(scanned),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    done = true;
                    break;
                }
            }
        }
        let changed = !got.is_empty();
        for scanned in got {
            let entry = &mut self.entries[scanned.entry];
            entry.signature = Some(scanned.signature);
            entry.sig_stamp = scanned.sig_stamp;
            let Some((summary, report, stamp)) = scanned.read else {
                continue;
            };
            if entry.summary.is_none() {
                self.pending = self.pending.saturating_sub(1);
            }
            entry.stamp = stamp;
            if let Some(index) = self.indexes.get_mut(scanned.entry) {
                // The file changed: search it as it is now.
                *index = None;
            }
            if let Some(sent) = self.sent_to_index.get_mut(scanned.entry) {
                *sent = false;
            }
            self.set_summary(scanned.entry, summary, report);
        }
        if done {
            self.scanned = None;
            self.pending = 0;
        }
        if changed {
            self.refresh_rows();
            // Rows read while the search is open are searched too.
            self.index_new_rows();
        }
        changed || done
    }

    /// With the search open: counts the briefings to index again, and
    /// indexes those read since it opened.
    fn index_new_rows(&mut self) {
        if !matches!(self.overlay, Some(Overlay::Search(_))) {
            return;
        }
        let to_index = self.indexable();
        if let Some(Overlay::Search(search)) = &mut self.overlay {
            search.to_index = to_index;
        }
        self.start_indexing();
    }

    /// How many briefings the search across the library can index: those
    /// read, and that load.
    fn indexable(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.summary.is_some() && !e.failed())
            .count()
    }

    /// Looks at every file: one whose size or time changed is read again;
    /// every row's progress is counted again.
    pub fn rescan(&mut self) {
        self.scanned_at = Instant::now();
        let mut changed = Vec::new();
        for (at, entry) in self.entries.iter().enumerate() {
            if let Origin::File(path) = &entry.origin {
                let now = Stamp::of(path);
                // A signature added, replaced or removed is checked again
                // with the file.
                let sig_now = Stamp::of(&crate::signature::signature_path(path));
                let checked = entry.signature.is_some();
                if entry.summary.is_some()
                    && (now != entry.stamp || (checked && sig_now != entry.sig_stamp))
                {
                    changed.push((at, None));
                }
            }
        }
        for at in 0..self.entries.len() {
            self.recount(at);
        }
        if !changed.is_empty() {
            // Re-read in full: the summaries in hand are kept until then.
            for &(at, _) in &changed {
                self.entries[at].stamp = None;
            }
            let count = changed.len();
            self.read(changed);
            // Rows already shown are not "pending" in the sense of empty.
            self.pending = self.pending.saturating_sub(count);
        }
        self.refresh_rows();
    }

    /// Sorts and filters the rows, keeping the selection on the same entry.
    pub fn refresh_rows(&mut self) {
        let keep = self.rows.get(self.selected).copied();
        let filter = crate::search::fold(&self.filter);
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut rows: Vec<usize> = (0..self.entries.len())
            .filter(|&at| {
                let entry = &self.entries[at];
                if self.hide_finished && entry.finished() {
                    return false;
                }
                if words.is_empty() {
                    return true;
                }
                let mut text = entry.title();
                text.push(' ');
                text.push_str(&entry.file_name());
                if let Some(s) = &entry.summary {
                    text.push(' ');
                    text.push_str(&s.id);
                    if let Some(h) = &s.handling {
                        text.push(' ');
                        text.push_str(h);
                    }
                }
                let text = crate::search::fold(&text);
                words.iter().all(|w| text.contains(w))
            })
            .collect();
        let entries = &self.entries;
        let title = |at: usize| crate::search::fold(&entries[at].title());
        match self.sort {
            Sort::LastOpened => rows.sort_by(|&a, &b| {
                entries[b]
                    .last_opened
                    .cmp(&entries[a].last_opened)
                    .then_with(|| title(a).cmp(&title(b)))
            }),
            Sort::AsOf => rows.sort_by(|&a, &b| {
                let date = |at: usize| entries[at].summary.as_ref().and_then(|s| s.as_of);
                date(b).cmp(&date(a)).then_with(|| title(a).cmp(&title(b)))
            }),
            Sort::Title => rows.sort_by_key(|&at| (title(at), at)),
            Sort::Left => rows.sort_by(|&a, &b| {
                let left = |at: usize| entries[at].counts.map(|c| c.left());
                left(b).cmp(&left(a)).then_with(|| title(a).cmp(&title(b)))
            }),
        }
        self.rows = rows;
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
        self.keep_visible();
    }

    /// The entry the cursor is on.
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Puts the cursor on an entry, if it is listed.
    pub fn select_entry(&mut self, entry: usize) {
        if let Some(row) = self.rows.iter().position(|&r| r == entry) {
            self.selected = row;
            self.keep_visible();
        }
    }

    /// Rows the list has room for.
    pub fn list_height(&self) -> usize {
        usize::from(self.area.height.saturating_sub(4)).max(1)
    }

    fn keep_visible(&mut self) {
        let height = self.list_height();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    /// The keys of a command in a mode, as the help and hints name them.
    pub fn key_for(&self, mode: Mode, command: Command) -> String {
        self.keymap
            .first_key(mode, command)
            .map_or_else(|| format!("({})", command.name()), |k| k.to_string())
    }

    pub fn set_message(&mut self, text: impl Into<String>, kind: MessageKind) {
        self.message = Some((text.into(), kind));
    }

    /// The modes whose keys apply now, first first.
    pub fn modes(&self) -> Vec<Mode> {
        match &self.overlay {
            Some(Overlay::Help { .. } | Overlay::Problems { .. }) => vec![Mode::Help],
            Some(Overlay::Search(_)) => vec![Mode::Search],
            None if self.filter_box.is_some() => vec![Mode::Picker],
            None => vec![Mode::Library],
        }
    }

    /// A terminal event as an action, through the keymap.
    pub fn translate(&self, event: crossterm::event::Event) -> Option<Action> {
        use crossterm::event::{Event, KeyEventKind};
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Release => None,
            Event::Key(key) => Some(self.key_action(Key::from_event(&key))),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(width, height) => Some(Action::Resize(width, height)),
            Event::Mouse(mouse) if self.mouse => Some(Action::Mouse(mouse)),
            _ => None,
        }
    }

    pub fn key_action(&self, key: Key) -> Action {
        let modes = self.modes();
        match self.keymap.route(&modes, key) {
            Routed::Consumed(mode, command) => Action::Run(command, mode),
            Routed::NotConsumed => input::typed(&modes, key),
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Option<Request> {
        if !matches!(
            action,
            Action::Tick | Action::Resize(..) | Action::KeysEnhanced(_)
        ) {
            self.message = None;
        }
        match action {
            Action::Run(command, mode) => return self.run(command, mode),
            Action::Insert(c) => {
                if let Some(text) = self.text_box() {
                    text.insert(c);
                    self.after_typing();
                }
            }
            Action::Paste(text) => {
                if let Some(input) = self.text_box() {
                    let pasted = input.paste(&text);
                    self.after_typing();
                    if let Err(why) = pasted {
                        self.set_message(why, MessageKind::Warning);
                    }
                }
            }
            Action::Unbound(key) => {
                let help = self.key_for(Mode::Library, Command::Help);
                self.set_message(
                    format!("{key} does nothing here · {help} shows the keys"),
                    MessageKind::Info,
                );
            }
            Action::Resize(width, height) => {
                self.area = Rect::new(0, 0, width, height);
                self.keep_visible();
            }
            Action::Mouse(event) => return self.mouse(event),
            Action::Tick => {
                let mut changed = self.take_scanned();
                changed |= self.take_indexed();
                if self.scanned_at.elapsed() >= RESCAN && self.overlay.is_none() {
                    self.rescan();
                    changed = true;
                }
                let _ = changed;
            }
            Action::Leaving
            | Action::EditorClosed { .. }
            | Action::Copied(_)
            | Action::KeysEnhanced(_)
            | Action::ShowFound { .. } => {}
        }
        None
    }

    /// The text box that has the keys.
    fn text_box(&mut self) -> Option<&mut TextBox> {
        match &mut self.overlay {
            Some(Overlay::Search(search)) => Some(&mut search.input),
            Some(_) => None,
            None => self.filter_box.as_mut(),
        }
    }

    /// Filters or searches again for what the box now holds.
    fn after_typing(&mut self) {
        if let Some(Overlay::Search(_)) = &self.overlay {
            self.search_again();
        } else if let Some(input) = &self.filter_box {
            self.filter = input.text();
            self.refresh_rows();
        }
    }

    fn run(&mut self, command: Command, mode: Mode) -> Option<Request> {
        if let Some(edit) = Edit::of(command, mode) {
            if let Some(input) = self.text_box() {
                input.edit(edit);
            }
            self.after_typing();
            return None;
        }
        match command {
            Command::Quit => return Some(Request::Quit),
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::Close => self.overlay = None,
            Command::Cancel => match mode {
                Mode::Picker => {
                    self.filter_box = None;
                    self.filter.clear();
                    self.refresh_rows();
                }
                _ => self.overlay = None,
            },
            Command::Confirm => match mode {
                Mode::Picker => {
                    self.filter_box = None;
                    let shown = self.rows.len();
                    if !self.filter.is_empty() {
                        let key = self.key_for(Mode::Library, Command::Filter);
                        self.set_message(
                            format!(
                                "{shown} of {} briefings · {key} to change the filter",
                                self.entries.len()
                            ),
                            MessageKind::Info,
                        );
                    }
                }
                _ => return self.open_found(),
            },
            Command::Down
            | Command::Up
            | Command::Top
            | Command::Bottom
            | Command::PageDown
            | Command::PageUp
            | Command::HalfPageDown
            | Command::HalfPageUp => self.move_by(mode, command),
            Command::Open => return self.open_selected(),
            Command::Filter => {
                let style = self.theme.text;
                self.filter_box = Some(TextBox::single_line(
                    &self.filter,
                    style,
                    style.add_modifier(ratatui::style::Modifier::REVERSED),
                ));
            }
            Command::Sort => {
                self.sort = self.sort.next();
                self.refresh_rows();
                self.set_message(
                    format!("Sorted by {}", self.sort.label()),
                    MessageKind::Info,
                );
            }
            Command::HideFinished => {
                self.hide_finished = !self.hide_finished;
                self.refresh_rows();
                let text = if self.hide_finished {
                    "Finished briefings hidden"
                } else {
                    "Showing finished briefings"
                };
                self.set_message(text, MessageKind::Info);
            }
            Command::NextUnreviewed => self.next_with_work(1),
            Command::PrevUnreviewed => self.next_with_work(-1),
            Command::Search => self.open_search(),
            Command::Reload => {
                self.rescan();
                self.set_message("Looked at every file again", MessageKind::Info);
            }
            Command::PreviousBriefing => return Some(Request::Previous),
            Command::Suspend => return Some(Request::Suspend),
            Command::HistoryPrev | Command::HistoryNext => {}
            _ => {}
        }
        None
    }

    fn move_by(&mut self, mode: Mode, command: Command) {
        match mode {
            Mode::Help => {
                if let Some(Overlay::Help { scroll } | Overlay::Problems { scroll, .. }) =
                    &mut self.overlay
                {
                    *scroll = match command {
                        Command::Down => scroll.saturating_add(1),
                        Command::Up => scroll.saturating_sub(1),
                        Command::PageDown => scroll.saturating_add(self.area.height / 2),
                        Command::PageUp => scroll.saturating_sub(self.area.height / 2),
                        Command::Top => 0,
                        Command::Bottom => u16::MAX / 2,
                        _ => *scroll,
                    };
                }
            }
            Mode::Search => {
                if let Some(Overlay::Search(search)) = &mut self.overlay {
                    let len = search.hit_count();
                    search.selected = step(search.selected, command, len, 5);
                }
            }
            _ => {
                let height = self.list_height();
                self.selected = step(self.selected, command, self.rows.len(), height);
                self.keep_visible();
            }
        }
    }

    /// Opens the selected row's briefing, or shows why its file does not
    /// load.
    fn open_selected(&mut self) -> Option<Request> {
        let entry = self.selected_entry()?;
        let e = &self.entries[entry];
        if let Some(report) = &e.report {
            self.overlay = Some(Overlay::Problems {
                entry,
                text: report.clone(),
                scroll: 0,
            });
            return None;
        }
        // A row still being read opens all the same: opening reads it.
        Some(Request::Open { entry, found: None })
    }

    /// Shows why a briefing could not be opened.
    pub fn show_problem(&mut self, entry: usize, text: String) {
        self.overlay = Some(Overlay::Problems {
            entry,
            text,
            scroll: 0,
        });
    }

    /// Moves to the next row (wrapping) with items left, changed or new.
    fn next_with_work(&mut self, delta: isize) {
        let len = self.rows.len();
        if len == 0 {
            return;
        }
        for step in 1..=len {
            let row = (self.selected as isize + delta * step as isize).rem_euclid(len as isize);
            let row = row as usize;
            if self.entries[self.rows[row]].has_work() {
                self.selected = row;
                self.keep_visible();
                return;
            }
        }
        self.set_message(
            "Every briefing listed is reviewed, with nothing changed",
            MessageKind::Info,
        );
    }

    fn open_search(&mut self) {
        let style = self.theme.text;
        let input = TextBox::single_line(
            "",
            style,
            style.add_modifier(ratatui::style::Modifier::REVERSED),
        );
        let to_index = self.indexable();
        self.overlay = Some(Overlay::Search(Box::new(LibrarySearch {
            input,
            groups: Vec::new(),
            selected: 0,
            offset: 0,
            indexed: self.indexes.iter().flatten().count(),
            to_index,
        })));
        self.start_indexing();
    }

    /// Indexes, on another thread, the briefings not indexed yet.
    fn start_indexing(&mut self) {
        self.indexes.resize(self.entries.len(), None);
        self.sent_to_index.resize(self.entries.len(), false);
        if self.indexed.is_some() {
            return;
        }
        let work: Vec<(usize, Origin)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(at, e)| {
                e.summary.is_some()
                    && !e.failed()
                    && self.indexes[*at].is_none()
                    && !self.sent_to_index[*at]
            })
            .map(|(at, e)| (at, e.origin.clone()))
            .collect();
        for (at, _) in &work {
            self.sent_to_index[*at] = true;
        }
        if work.is_empty() {
            return;
        }
        let (send, receive) = mpsc::channel();
        self.indexed = Some(receive);
        let gate = self.gate();
        std::thread::spawn(move || {
            for (at, origin) in work {
                if !gate.pass() {
                    return;
                }
                let checked = match &origin {
                    Origin::File(path) => crate::load::check_file(path),
                    Origin::BuiltIn => crate::load::check_str(
                        crate::DEFAULT_BRIEFING,
                        crate::DEFAULT_BRIEFING_NAME,
                    ),
                };
                let indexed = checked
                    .briefing
                    .filter(|_| !checked.report.has_errors())
                    .map(|b| {
                        let indexed = Arc::new(Indexed::of(&b));
                        // Freed at once: only the index is kept.
                        drop(b);
                        indexed
                    });
                if send.send((at, indexed)).is_err() {
                    return;
                }
            }
        });
    }

    /// Takes the indexes built meanwhile; true if any came.
    fn take_indexed(&mut self) -> bool {
        let Some(receive) = &self.indexed else {
            return false;
        };
        let mut got = false;
        let mut done = false;
        loop {
            match receive.try_recv() {
                Ok((at, indexed)) => {
                    got = true;
                    if let Some(slot) = self.indexes.get_mut(at) {
                        *slot = indexed;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    done = true;
                    break;
                }
            }
        }
        if done {
            self.indexed = None;
            // Rows read meanwhile, if any, are indexed next.
            self.index_new_rows();
        }
        if got {
            let indexed = self.indexes.iter().flatten().count();
            if let Some(Overlay::Search(search)) = &mut self.overlay {
                search.indexed = indexed;
            }
            self.search_again();
        }
        got
    }

    /// Runs the query in the search box over every briefing indexed.
    pub fn search_again(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else {
            return;
        };
        let query = search.input.text();
        let keep = search.selected_hit().map(|(e, h)| (e, h.item));
        search.groups.clear();
        if !query.trim().is_empty() {
            for &at in &self.rows {
                let Some(Some(indexed)) = self.indexes.get(at) else {
                    continue;
                };
                let found = indexed.index.search(&query);
                if found.hits.is_empty() {
                    continue;
                }
                let more = found.hits.len().saturating_sub(HITS_PER_BRIEFING);
                let hits = found
                    .hits
                    .iter()
                    .take(HITS_PER_BRIEFING)
                    .map(|hit| FoundItem {
                        item: hit.item,
                        title: indexed
                            .titles
                            .get(&hit.item)
                            .map(|t| t.to_string())
                            .unwrap_or_default(),
                        field: hit.field.label(),
                    })
                    .collect();
                search.groups.push(Group {
                    entry: at,
                    hits,
                    more: more + usize::from(found.capped),
                });
            }
        }
        let mut at = 0;
        search.selected = 0;
        if let Some((entry, item)) = keep {
            for group in &search.groups {
                if let Some(i) = group.hits.iter().position(|h| h.item == item)
                    && group.entry == entry
                {
                    search.selected = at + i;
                    break;
                }
                at += group.hits.len();
            }
        }
    }

    /// Enter in the search: opens the hit in its briefing.
    fn open_found(&mut self) -> Option<Request> {
        let Some(Overlay::Search(search)) = &self.overlay else {
            return None;
        };
        let Some((entry, hit)) = search.selected_hit() else {
            self.set_message("No matches", MessageKind::Info);
            return None;
        };
        let request = Request::Open {
            entry,
            found: Some((search.input.text(), hit.item)),
        };
        self.overlay = None;
        Some(request)
    }

    fn mouse(&mut self, event: crossterm::event::MouseEvent) -> Option<Request> {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.overlay.is_some() || self.filter_box.is_some() {
            return None;
        }
        match event.kind {
            MouseEventKind::ScrollDown => self.move_by(Mode::Library, Command::Down),
            MouseEventKind::ScrollUp => self.move_by(Mode::Library, Command::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                // Rows start under the title and the column heads.
                let first = 2;
                let row = usize::from(event.row).checked_sub(first)?;
                let row = self.offset + row;
                if row < self.rows.len() {
                    if row == self.selected {
                        return self.open_selected();
                    }
                    self.selected = row;
                }
            }
            _ => {}
        }
        None
    }

    /// The totals the title shows: briefings, items left to review, changed.
    pub fn totals(&self) -> (usize, usize, usize) {
        let counted = self.entries.iter().filter_map(|e| e.counts);
        let (mut left, mut changed) = (0, 0);
        for c in counted {
            left += c.left();
            changed += c.changed + c.new;
        }
        (self.entries.len(), left, changed)
    }
}

/// Reads a file for its summary, confirming the cached one first when its
/// content hash is known: `None` when the cached summary holds.
fn scan(
    origin: &Origin,
    hash: Option<u64>,
    cache: Option<&Cache>,
    gate: &Gate,
) -> Option<(Summary, Option<String>, Option<Stamp>)> {
    let path = origin.path();
    let stamp = path.and_then(Stamp::of);
    // A summary cached but not shown yet (a large one) is taken from the
    // cache, once its hash is confirmed.
    let unshown = match (hash, cache, path, stamp) {
        (None, Some(cache), Some(path), Some(stamp)) => {
            cache.get(path, stamp, crate::load::MAX_FILE_SIZE)
        }
        _ => None,
    };
    let now = path.and_then(|path| content_hash(path, gate));
    if now.is_none() && !gate.pass() {
        // The library is gone: nothing more to read.
        return None;
    }
    if let (Some(cached), Some(now)) = (unshown, now)
        && cached.hash == now
    {
        return Some((cached.summary, None, Some(cached.stamp)));
    }
    if let (Some(cached), Some(now)) = (hash, now)
        && cached == now
    {
        return None;
    }
    let (summary, report) = Summary::read(origin);
    if let (Some(cache), Some(path), Some(stamp), Some(hash)) = (cache, path, stamp, now) {
        // A file whose problems are not worth caching is read again
        // next time (its report is not kept).
        if summary.errors == 0 {
            let _ = cache.put(
                path,
                &Cached {
                    summary: summary.clone(),
                    stamp,
                    hash,
                },
            );
        }
    }
    Some((summary, report.map(|r| r.render()), stamp))
}

/// The cursor after a movement command over `len` rows.
fn step(at: usize, command: Command, len: usize, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match command {
        Command::Down => (at + 1).min(last),
        Command::Up => at.saturating_sub(1),
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageDown => (at + page).min(last),
        Command::PageUp => at.saturating_sub(page),
        Command::HalfPageDown => (at + page / 2).min(last),
        Command::HalfPageUp => at.saturating_sub(page / 2),
        _ => at,
    }
}
