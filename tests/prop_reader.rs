//! Property tests of the reader: random keys, clicks and resizes (down to
//! 0×0 and up to 500×200) on the built-in briefing and on generated ones.
//! Whatever the sequence, nothing panics, every cursor stays in range, the
//! history stays consistent, and no frame holds a raw control character.

mod common;

use std::sync::OnceLock;

use brief::Briefing;
use brief::sanitize::is_unsafe;
use brief::tui::App;
use brief::tui::app::Overlay;
use brief::tui::update;
use common::{app_with, cases, draw, press};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;

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
    "g",
    "G",
    "enter",
    "ctrl-o",
    "backspace",
    "alt-left",
    "alt-right",
    "ctrl-i",
    "tab",
    "shift-tab",
    "/",
    "esc",
    "?",
    "f",
    "n",
    "N",
    "pgdn",
    "pgup",
    "ctrl-d",
    "ctrl-u",
    "space",
    "x",
    "!",
    "a",
    "u",
    "}",
    "{",
    "c",
    "y",
    "E",
    "r",
    "[",
    "]",
    "e",
    "s",
    "ctrl-s",
    "home",
    "end",
    "down",
    "up",
    "left",
    "right",
    "q",
];

#[derive(Clone, Debug)]
enum Op {
    Key(&'static str),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, bool),
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        Just((0, 0)),
        Just((1, 1)),
        (1u16..300).prop_map(|n| (1, n)),
        (1u16..300).prop_map(|n| (n, 1)),
        Just((500, 200)),
        Just((40, 10)),
        Just((39, 9)),
        (0u16..200, 0u16..60),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => prop::sample::select(KEYS).prop_map(Op::Key),
        1 => size().prop_map(|(w, h)| Op::Resize(w, h)),
        1 => (0u16..200, 0u16..60).prop_map(|(x, y)| Op::Click(x, y)),
        1 => (0u16..200, 0u16..60, any::<bool>()).prop_map(|(x, y, d)| Op::Wheel(x, y, d)),
    ]
}

fn default_briefing() -> &'static Briefing {
    static B: OnceLock<Briefing> = OnceLock::new();
    B.get_or_init(common::default_briefing)
}

fn generated(seed: usize) -> &'static Briefing {
    static B: OnceLock<Vec<Briefing>> = OnceLock::new();
    &B.get_or_init(|| {
        (0..3)
            .map(|seed| {
                let text = brief::generate::briefing(30_000, seed);
                Briefing::from_str(&text, "generated.toml").expect("a valid generated briefing")
            })
            .collect()
    })[seed % 3]
}

fn apply(app: &mut App, op: &Op) {
    match *op {
        Op::Key(key) => press(app, key),
        Op::Resize(w, h) => app.relayout(w, h),
        Op::Click(x, y) | Op::Wheel(x, y, _) => {
            let kind = match op {
                Op::Wheel(_, _, true) => MouseEventKind::ScrollDown,
                Op::Wheel(_, _, false) => MouseEventKind::ScrollUp,
                _ => MouseEventKind::Down(MouseButton::Left),
            };
            // Effects need a terminal, so they are dropped.
            let _ = update::handle(
                app,
                crossterm::event::Event::Mouse(MouseEvent {
                    kind,
                    column: x,
                    row: y,
                    modifiers: KeyModifiers::NONE,
                }),
            );
        }
    }
    app.should_quit = false;
}

/// Every cursor in range, the history consistent.
fn check_state(app: &App, after: &[Op]) -> Result<(), TestCaseError> {
    for (n, list) in app.lists.iter().enumerate() {
        if list.rows.is_empty() {
            prop_assert_eq!(list.selected, 0, "list {} after {:?}", n, after);
        } else {
            prop_assert!(
                list.selected < list.rows.len(),
                "list {}: selected {} of {} after {:?}",
                n,
                list.selected,
                list.rows.len(),
                after
            );
            prop_assert!(
                list.offset <= list.selected,
                "list {} offset after {:?}",
                n,
                after
            );
        }
    }
    let m = &app.matrix;
    if !m.actors.is_empty() {
        prop_assert!(m.row < m.actors.len(), "matrix row after {:?}", after);
    }
    if !app.briefing.issues.is_empty() {
        prop_assert!(
            m.column < app.briefing.issues.len(),
            "matrix column after {:?}",
            after
        );
    }
    if let Some(cursor) = app.detail.cursor {
        prop_assert!(
            cursor < app.detail.links.len(),
            "detail cursor {} of {} links after {:?}",
            cursor,
            app.detail.links.len(),
            after
        );
    }
    prop_assert!(
        app.detail.scroll <= app.detail.lines.len(),
        "detail scroll after {:?}",
        after
    );
    for link in &app.detail.links {
        prop_assert!(link.line < app.detail.lines.len().max(1));
    }
    let h = &app.history;
    prop_assert!(!h.entries.is_empty(), "empty history after {:?}", after);
    prop_assert!(
        h.at < h.entries.len(),
        "history at {} of {} after {:?}",
        h.at,
        h.entries.len(),
        after
    );
    match &app.overlay {
        Some(Overlay::Search(s)) if !s.hits.is_empty() => {
            prop_assert!(s.selected < s.hits.len(), "search after {:?}", after)
        }
        Some(Overlay::Picker(p)) => {
            prop_assert!(
                p.selected.is_none_or(|n| n < p.shown.len()),
                "picker after {:?}",
                after
            )
        }
        _ => {}
    }
    Ok(())
}

/// The frame at the app's size holds no raw control or layout character.
fn check_frame(app: &App, after: &[Op]) -> Result<(), TestCaseError> {
    let terminal = draw(app);
    for cell in terminal.backend().buffer().content() {
        let symbol = cell.symbol();
        prop_assert!(
            !symbol
                .chars()
                .any(|c| is_unsafe(c) || matches!(c, '\t' | '\r' | '\n')),
            "raw {:?} after {:?}",
            symbol,
            after
        );
    }
    Ok(())
}

fn run(briefing: &Briefing, start: (u16, u16), ops: &[Op]) -> Result<(), TestCaseError> {
    let mut app = app_with(briefing.clone(), start.0, start.1);
    app.mouse = true;
    check_state(&app, &[])?;
    for (n, op) in ops.iter().enumerate() {
        apply(&mut app, op);
        let after = &ops[..=n];
        check_state(&app, after)?;
        // Drawing is the slow part: after every resize, every tenth event
        // and the last.
        if matches!(op, Op::Resize(..)) || n % 10 == 9 || n + 1 == ops.len() {
            check_frame(&app, after)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn the_default_briefing_survives_any_keys_and_sizes(
        start in size(),
        ops in prop::collection::vec(op(), 1..32),
    ) {
        run(default_briefing(), start, &ops)?;
    }

    #[test]
    fn generated_briefings_survive_any_keys_and_sizes(
        seed in 0usize..3,
        start in size(),
        ops in prop::collection::vec(op(), 1..32),
    ) {
        run(generated(seed), start, &ops)?;
    }

    /// Going back and then forward returns to the same place, and the
    /// history's cursor moves by one each way.
    #[test]
    fn back_then_forward_returns_to_the_same_place(
        seed in 0usize..4,
        keys in prop::collection::vec(prop::sample::select(KEYS), 1..30),
    ) {
        let briefing = if seed == 3 { default_briefing() } else { generated(seed) };
        let mut app = app_with(briefing.clone(), 120, 40);
        for key in &keys {
            apply(&mut app, &Op::Key(key));
        }
        // Close what is open; a changed note asks first, and is dropped.
        for _ in 0..3 {
            press(&mut app, "esc");
            if matches!(&app.overlay, Some(Overlay::Note(editor)) if editor.confirm.is_some()) {
                press(&mut app, "y");
            }
        }
        prop_assert!(app.overlay.is_none(), "after {:?}", keys);
        let (at, here) = (app.history.at, app.location());
        press(&mut app, "ctrl-o");
        if at == 0 {
            prop_assert_eq!(app.history.at, 0);
            return Ok(());
        }
        prop_assert_eq!(app.history.at, at - 1, "after {:?}", keys);
        press(&mut app, "alt-right");
        prop_assert_eq!(app.history.at, at, "after {:?}", keys);
        prop_assert_eq!(app.location(), here, "after {:?}", keys);
    }
}
