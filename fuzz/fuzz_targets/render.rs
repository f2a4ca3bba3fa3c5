//! Bytes → loader → the reader drawn into a `TestBackend` at a size taken
//! from the input, one section and a few keys from the input: nothing
//! panics, no cell holds a control, bidi, invisible format or layout
//! character, and the panes' borders stay whole. One frame per input (a
//! frame at the end, and one after the section is chosen), so that many
//! inputs run each second.
//!
//! Input layout: width (1 byte, mod 161), height (1 byte, mod 61), the
//! section (1 byte), key count (1 byte, mod 12), that many key bytes, then
//! the briefing text. An invalid briefing is shown as the reload error
//! panel over a small valid one.

#![no_main]

use brief::Briefing;
use brief::sanitize::is_unsafe;
use brief::tui::app::Overlay;
use brief::tui::config::Config;
use brief::tui::keymap::Key;
use brief::tui::theme::Theme;
use brief::tui::{App, ui, update};
use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: &[&str] = &[
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "j",
    "k",
    "h",
    "l",
    "enter",
    "ctrl-o",
    "alt-right",
    "tab",
    "/",
    "esc",
    "?",
    "f",
    "x",
    "!",
    "a",
    "u",
    "}",
    "{",
    "c",
    "y",
    "n",
    "N",
    "G",
    "g",
    "pgdn",
    "pgup",
    "ctrl-d",
    "backspace",
    "space",
    "e",
    "r",
    "ctrl-s",
    "[",
    "]",
    "q",
];

const SMALL: &str = include_str!("../../briefings/example.toml");

fn press(app: &mut App, key: &str) {
    let Ok(key) = Key::parse(key) else { return };
    let _ = update::handle(
        app,
        crossterm::event::Event::Key(KeyEvent {
            code: key.code,
            modifiers: key.modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }),
    );
}

fn check(app: &App, width: u16, height: u16, what: &str) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        let symbol = cell.symbol();
        assert!(
            !symbol
                .chars()
                .any(|c| is_unsafe(c) || matches!(c, '\t' | '\r' | '\n')),
            "raw {symbol:?} after {what} at {width}x{height}"
        );
    }
    let layout = &app.layout;
    if app.overlay.is_some() || layout.too_small || layout.area != buffer.area {
        return;
    }
    for pane in [layout.list, layout.detail] {
        if pane.width < 2 || pane.height < 3 {
            continue;
        }
        for y in pane.y + 1..pane.bottom() - 1 {
            for x in [pane.x, pane.right() - 1] {
                let symbol = buffer[(x, y)].symbol();
                assert!(
                    matches!(symbol, "│" | "┃" | "█" | "║"),
                    "border broken at {x},{y}: {symbol:?} after {what} at {width}x{height}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let width = u16::from(data[0]) % 161;
    let height = u16::from(data[1]) % 61;
    let section = ["1", "2", "3", "4", "5", "6", "7"][usize::from(data[2]) % 7];
    let count = usize::from(data[3] % 12).min(data.len() - 4);
    let keys: Vec<&str> = data[4..4 + count]
        .iter()
        .map(|&b| KEYS[usize::from(b) % KEYS.len()])
        .collect();
    let text = String::from_utf8_lossy(&data[4 + count..]);
    let (briefing, errors) = match Briefing::from_str(&text, "fuzz.toml") {
        Ok(briefing) => (briefing, None),
        Err(report) => match Briefing::from_str(SMALL, "example.toml") {
            Ok(briefing) => (briefing, Some(report.render())),
            Err(_) => return,
        },
    };
    let mut app = App::new(briefing, &Config::defaults(), Theme::default());
    app.relayout(width, height);
    if let Some(text) = errors {
        app.overlay = Some(Overlay::Errors { text, scroll: 0 });
        press(&mut app, "j");
        check(&app, width, height, "the error panel, scrolled");
        return;
    }
    press(&mut app, section);
    check(&app, width, height, section);
    for key in &keys {
        press(&mut app, key);
    }
    check(&app, width, height, &keys.join(" "));
});
