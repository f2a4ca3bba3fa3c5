//! What the screen shows: the library, or one of the briefings opened from
//! it. Each briefing open keeps its own [`App`] (its place, history, review
//! session, watch); at most [`MAX_OPEN`] stay loaded, the one used longest
//! ago leaving first (its place is kept, as on quitting). With no library
//! (one file, or the built-in briefing alone) the shell is one reader, as
//! `brief FILE` has always been.

use crossterm::event::Event;
use ratatui::Frame;

use super::action::Action;
use super::app::{App, Effect, MessageKind};
use super::command::Command;
use super::library::{Library, Request};
use super::{input, ui, update};
use crate::model::ItemRef;

/// Briefings kept loaded at once.
pub const MAX_OPEN: usize = 4;

/// What an update asks of the event loop.
#[derive(Debug)]
pub enum Step {
    /// Work for the reader that needs the terminal.
    Reader(Effect),
    /// Open a library entry (loading it unless it is open already), then
    /// show this item found by this query.
    Open {
        entry: usize,
        found: Option<(String, ItemRef)>,
    },
    Suspend,
}

pub struct Shell {
    pub library: Option<Library>,
    /// Briefings open, by library entry; the most recently shown first.
    pub open: Vec<(usize, Box<App>)>,
    /// Whether a briefing (the first of `open`) is shown, not the library.
    pub reading: bool,
    /// The entry shown before the one shown now.
    pub previous: Option<usize>,
    pub should_quit: bool,
    /// Whether the terminal tells ctrl-i from Tab, for briefings opened later.
    pub keys_enhanced: bool,
}

impl Shell {
    /// One reader and no library.
    pub fn single(app: App) -> Shell {
        Shell {
            library: None,
            open: vec![(0, Box::new(app))],
            reading: true,
            previous: None,
            should_quit: false,
            keys_enhanced: false,
        }
    }

    pub fn of_library(library: Library) -> Shell {
        Shell {
            library: Some(library),
            open: Vec::new(),
            reading: false,
            previous: None,
            should_quit: false,
            keys_enhanced: false,
        }
    }

    /// The reader shown, if one is.
    pub fn app(&self) -> Option<&App> {
        self.open
            .first()
            .filter(|_| self.reading)
            .map(|(_, a)| &**a)
    }

    pub fn app_mut(&mut self) -> Option<&mut App> {
        self.open
            .first_mut()
            .filter(|_| self.reading)
            .map(|(_, a)| &mut **a)
    }

    /// The entry shown, if a briefing is.
    pub fn shown_entry(&self) -> Option<usize> {
        self.open.first().filter(|_| self.reading).map(|(e, _)| *e)
    }

    pub fn mouse(&self) -> bool {
        match (self.app(), &self.library) {
            (Some(app), _) => app.mouse,
            (None, Some(library)) => library.mouse,
            (None, None) => false,
        }
    }

    /// The size the screen was laid out for.
    pub fn area(&self) -> ratatui::layout::Rect {
        match (self.app(), &self.library) {
            (Some(app), _) => app.layout.area,
            (None, Some(library)) => library.area,
            (None, None) => ratatui::layout::Rect::default(),
        }
    }

    pub fn render(&self, frame: &mut Frame) {
        match (self.app(), &self.library) {
            (Some(app), _) => ui::render(app, frame),
            (None, Some(library)) => ui::library::render(library, frame),
            (None, None) => {}
        }
    }

    pub fn translate(&self, event: Event) -> Option<Action> {
        match (self.app(), &self.library) {
            (Some(app), _) => input::translate(app, event),
            (None, Some(library)) => library.translate(event),
            (None, None) => None,
        }
    }

    /// Applies an action to what is shown, and to the shell itself when it
    /// asks to move between briefings.
    pub fn update(&mut self, action: Action) -> Option<Step> {
        if let Action::Resize(width, height) = action {
            // Every screen follows the terminal, shown or not, so that
            // going back to one needs no second layout.
            for (_, app) in &mut self.open {
                update::update(app, Action::Resize(width, height));
            }
            if let Some(library) = &mut self.library {
                library.update(Action::Resize(width, height));
            }
            return None;
        }
        if let Action::KeysEnhanced(on) = action {
            self.keys_enhanced = on;
            for (_, app) in &mut self.open {
                update::update(app, Action::KeysEnhanced(on));
            }
            return None;
        }
        if self.reading {
            if let Action::Run(command @ (Command::Library | Command::PreviousBriefing), _) = action
            {
                return self.leave_reader(command);
            }
            let at_start = matches!(action, Action::Run(Command::Back, _))
                && self
                    .open
                    .first()
                    .is_some_and(|(_, app)| app.history.at == 0);
            if at_start && self.library.is_some() {
                return self.leave_reader(Command::Library);
            }
            let app = self.app_mut()?;
            let effect = update::update(app, action);
            if app.should_quit {
                self.should_quit = true;
            }
            return effect.map(Step::Reader);
        }
        let library = self.library.as_mut()?;
        match library.update(action)? {
            Request::Open { entry, found } => Some(Step::Open { entry, found }),
            Request::Previous => self.previous_briefing(),
            Request::Suspend => Some(Step::Suspend),
            Request::Quit => {
                self.should_quit = true;
                None
            }
        }
    }

    /// The library key, or the previous-briefing key, in a reader.
    fn leave_reader(&mut self, command: Command) -> Option<Step> {
        if self.library.is_none() {
            let app = self.app_mut()?;
            app.set_message(
                "One briefing is open: `brief DIR` opens a library of briefings",
                MessageKind::Info,
            );
            return None;
        }
        if command == Command::PreviousBriefing {
            return self.previous_briefing();
        }
        self.show_library();
        None
    }

    /// A briefing shown (`true`) or the library: the library's threads
    /// wait while a briefing is read.
    fn set_reading(&mut self, on: bool) {
        self.reading = on;
        if let Some(library) = &self.library {
            library.pause(on);
        }
    }

    /// Back to the library, the cursor on the briefing left.
    pub fn show_library(&mut self) {
        let left = self.shown_entry();
        if let Some((_, app)) = self.open.first_mut() {
            update::update(app, Action::Leaving);
        }
        self.set_reading(false);
        if let Some(entry) = left {
            self.previous = Some(entry);
        }
        if let Some(library) = &mut self.library {
            library.rescan();
            if let Some(entry) = left {
                library.select_entry(entry);
            }
        }
    }

    fn previous_briefing(&mut self) -> Option<Step> {
        let Some(entry) = self.previous.filter(|&e| Some(e) != self.shown_entry()) else {
            let text = "No other briefing was open before";
            if let Some(app) = self.app_mut() {
                app.set_message(text, MessageKind::Info);
            } else if let Some(library) = &mut self.library {
                library.set_message(text, MessageKind::Info);
            }
            return None;
        };
        Some(Step::Open { entry, found: None })
    }

    /// Whether an entry's briefing is loaded.
    pub fn is_open(&self, entry: usize) -> bool {
        self.open.iter().any(|(e, _)| *e == entry)
    }

    /// Shows an entry's briefing, which must be open (see [`Shell::insert`]).
    pub fn show(&mut self, entry: usize) {
        let before = self.shown_entry();
        if before.is_some()
            && before != Some(entry)
            && let Some((_, app)) = self.open.first_mut()
        {
            update::update(app, Action::Leaving);
        }
        if let Some(at) = self.open.iter().position(|(e, _)| *e == entry) {
            let opened = self.open.remove(at);
            self.open.insert(0, opened);
            if before != Some(entry) {
                self.previous = before.or(self.previous.filter(|&p| p != entry));
            }
            self.set_reading(true);
        }
    }

    /// A briefing just loaded, shown at once; the one used longest ago is
    /// closed when too many are open.
    pub fn insert(&mut self, entry: usize, mut app: App) {
        app.keys_enhanced = self.keys_enhanced;
        self.open.retain(|(e, _)| *e != entry);
        self.open.push((entry, Box::new(app)));
        let last = self.open.len() - 1;
        let opened = self.open.remove(last);
        let before = self.shown_entry();
        if let Some((_, app)) = self.open.first_mut().filter(|_| self.reading) {
            update::update(app, Action::Leaving);
        }
        self.open.insert(0, opened);
        if let Some(before) = before {
            self.previous = Some(before);
        }
        self.set_reading(true);
        while self.open.len() > MAX_OPEN {
            if let Some((_, mut app)) = self.open.pop() {
                update::update(&mut app, Action::Leaving);
            }
        }
    }

    /// Shows the item a library search found, with the search's marks.
    pub fn show_found(&mut self, query: String, item: ItemRef) -> Option<Step> {
        let app = self.app_mut()?;
        update::update(app, Action::ShowFound { query, item }).map(Step::Reader)
    }

    /// Keeps every open briefing's place, as when quitting.
    pub fn leave_all(&mut self) {
        for (_, app) in &mut self.open {
            update::update(app, Action::Leaving);
        }
    }
}
