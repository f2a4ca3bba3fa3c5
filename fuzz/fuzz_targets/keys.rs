//! Bytes → a run of terminal events (keys of every mode, pastes of text
//! taken from the input, resizes) → the reader on the built-in briefing:
//! nothing panics, every cursor stays in range, a paste never changes a
//! mark, the section or quits, and the last frame holds no unsafe
//! character.
//!
//! Input: a stream of operations, each a byte and what it needs: a key
//! (one byte picking from KEYS), a paste (a length byte, then that many
//! bytes of text, lossy UTF-8), or a resize (two bytes).

#![no_main]

use std::sync::OnceLock;

use brief::Briefing;
use brief::sanitize::is_unsafe;
use brief::tui::config::Config;
use brief::tui::keymap::Key;
use brief::tui::theme::Theme;
use brief::tui::{App, ui, update};
use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyEventState};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: &[&str] = &[
    "1", "2", "3", "4", "5", "6", "7", "j", "k", "h", "l", "enter", "esc", "tab", "/", "?", "f",
    "x", "!", "a", "E", "u", "}", "{", "c", "n", "N", "g", "G", "q", "y", "n", "space",
    "backspace", "delete", "ctrl-w", "ctrl-u", "ctrl-k", "ctrl-a", "ctrl-e", "ctrl-z", "ctrl-y",
    "alt-b", "alt-f", "left", "right", "up", "down", "home", "end", "pgup", "pgdn", "ctrl-s",
    "alt-enter", "ctrl-o", "alt-right", "[", "]", "r", "z", "é", "東",
];

fn briefing() -> &'static Briefing {
    static BRIEFING: OnceLock<Briefing> = OnceLock::new();
    BRIEFING.get_or_init(|| {
        Briefing::from_str(brief::DEFAULT_BRIEFING, "built-in").expect("the built-in briefing")
    })
}

fn marks(app: &App) -> Vec<brief::review::Status> {
    app.briefing.items.all().map(|item| app.review.status(item)).collect()
}

fn key(app: &mut App, name: &str) {
    let Ok(key) = Key::parse(name) else { return };
    let event = Event::Key(KeyEvent {
        code: key.code,
        modifiers: key.modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    // Effects need a terminal; they are dropped.
    let _ = update::handle(app, event);
}

fn in_range(app: &App) {
    for list in app.lists.iter() {
        assert!(list.rows.is_empty() || list.selected < list.rows.len());
    }
    assert!(app.matrix.actors.is_empty() || app.matrix.row < app.matrix.actors.len());
    assert!(app.detail.cursor.is_none_or(|c| c < app.detail.links.len()));
    assert!(app.history.at < app.history.entries.len().max(1));
}

fuzz_target!(|data: &[u8]| {
    let mut app = App::new(briefing().clone(), &Config::defaults(), Theme::default());
    app.relayout(80, 24);
    let mut rest = data;
    while let Some((&op, tail)) = rest.split_first() {
        rest = tail;
        match op % 8 {
            0..=5 => key(&mut app, KEYS[usize::from(op / 8) % KEYS.len()]),
            6 => {
                let Some((&len, tail)) = rest.split_first() else { break };
                let len = usize::from(len).min(tail.len());
                let text = String::from_utf8_lossy(&tail[..len]).into_owned();
                rest = &tail[len..];
                let (before, section) = (marks(&app), app.section);
                let _ = update::handle(&mut app, Event::Paste(text));
                assert_eq!(marks(&app), before, "a paste changed a mark");
                assert_eq!(app.section, section, "a paste changed the section");
                assert!(!app.should_quit, "a paste quit");
            }
            _ => {
                let [w, h, ..] = rest else { break };
                let (w, h) = (u16::from(*w) % 200, u16::from(*h) % 80);
                rest = &rest[2..];
                let _ = update::handle(&mut app, Event::Resize(w, h));
            }
        }
        in_range(&app);
        app.should_quit = false;
    }
    let area = app.layout.area;
    if area.width == 0 || area.height == 0 {
        return;
    }
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal.draw(|frame| ui::render(&app, frame)).expect("draw");
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| is_unsafe(c) || matches!(c, '\t' | '\r' | '\n')),
            "raw {:?} in the last frame",
            cell.symbol()
        );
    }
});
