//! Helpers shared by the reader's tests: an app on a briefing, keys typed
//! as text, frames rendered into a `TestBackend`.

#![allow(dead_code)]

use brief::Briefing;
use brief::tui::App;
use brief::tui::config::Config;
use brief::tui::keymap::Key;
use brief::tui::theme::Theme;
use brief::tui::{ui, update};
use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn default_briefing() -> Briefing {
    Briefing::from_str(brief::DEFAULT_BRIEFING, brief::DEFAULT_BRIEFING_NAME)
        .expect("built-in briefing")
}

pub fn app_with(briefing: Briefing, width: u16, height: u16) -> App {
    let mut app = App::new(briefing, &Config::defaults(), Theme::default());
    app.relayout(width, height);
    app
}

/// The reader as it opens on `briefing` with a saved review.
pub fn reopened(
    briefing: Briefing,
    review: brief::review::Review,
    store: Option<brief::review::Store>,
    width: u16,
    height: u16,
) -> App {
    let config = Config::defaults();
    App::open(
        briefing,
        &config,
        Theme::default(),
        review,
        store,
        (width, height),
    )
}

pub fn app(width: u16, height: u16) -> App {
    app_with(default_briefing(), width, height)
}

/// Presses each key, written as in config files and separated by spaces:
/// `"3 j j l enter ctrl-o"`. A `"text:…"` entry types its characters.
pub fn press(app: &mut App, keys: &str) {
    for word in keys.split(' ').filter(|w| !w.is_empty()) {
        if let Some(text) = word.strip_prefix("text:") {
            for c in text.chars() {
                let key = Key::parse(&c.to_string()).expect("character key");
                send(app, key);
            }
            continue;
        }
        send(app, Key::parse(word).unwrap_or_else(|e| panic!("{e}")));
    }
}

fn send(app: &mut App, key: Key) {
    let event = KeyEvent {
        code: key.code,
        modifiers: key.modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    let _ = update::handle(app, crossterm::event::Event::Key(event));
}

/// Types a string into whatever has the keys (the search box).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            Key::parse("space")
        } else {
            Key::parse(&c.to_string())
        }
        .expect("key");
        send(app, key);
    }
}

pub fn draw(app: &App) -> Terminal<TestBackend> {
    let area = app.layout.area;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    terminal
}

/// The frame as plain text, one line per row.
pub fn screen(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Cases per property: `default`, or `PROPTEST_CASES` to go deep (for
/// example `PROPTEST_CASES=2000 cargo test --release --test prop_reader`).
pub fn cases(default: u32) -> proptest::prelude::ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::prelude::ProptestConfig {
        cases,
        ..proptest::prelude::ProptestConfig::default()
    }
}
