//! Hostile and unusual text from a briefing never reaches the terminal raw
//! and never breaks the panes' borders.

mod common;

use brief::Briefing;
use brief::sanitize::is_unsafe;
use common::{app_with, draw, press, screen};

fn hostile() -> Briefing {
    let evil = r"\u001b]52;c;aGVsbG8=\u0007 \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ \u001b]0;title\u0007 \u001b[2J\u001b[H \u009b31m \u202eevil\u202c \u200b\u2066 tab\there \r over";
    let text = format!(
        r#"format = 1
[briefing]
id = "hostile"
title = "Title {evil}"
as_of = 2025-01-01
summary = "Summary {evil} 北京市 👩‍👩‍👧 🇸🇾 👍🏽 e{marks}"
handling = "{evil}"

[[sources]]
id = "s"
title = "Source {evil} 東京"

[[actors]]
id = "a"
name = "名前 {evil} 👩‍👩‍👧"
kind = "person"
summary = "Arabic سوريا 123 Hebrew ישראל 456 {evil}"
sources = ["s"]

[[issues]]
id = "i"
title = "Issue 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 {evil}"
summary = "{evil}"
sources = ["s"]

[[issues.positions]]
actor = "a"
stance = "{evil}"
sources = ["s"]

[[quotes]]
id = "q"
text = "{evil}"
source = "s"
speaker = "a"
issues = ["i"]

[[events]]
id = "e"
date = "2025"
title = "{evil}"
sources = ["s"]
actors = ["a"]

[[claims]]
id = "c"
topic = "{evil}"
[[claims.versions]]
source = "s"
says = "{evil} 中文中文中文中文中文中文中文中文中文中文中文"
[[claims.versions]]
source = "s"
says = "x"
"#,
        marks = "\u{301}".repeat(500)
    );
    Briefing::from_str(&text, "hostile.toml").expect("valid briefing")
}

#[test]
fn every_frame_is_free_of_raw_controls_and_keeps_its_borders() {
    for (w, h) in [(120, 40), (70, 30), (41, 12)] {
        let mut app = app_with(hostile(), w, h);
        for keys in [
            "1",
            "2",
            "2 l j",
            "3",
            "3 l j enter",
            "4",
            "5",
            "6",
            "7",
            "/ text:evil",
            "esc ?",
        ] {
            press(&mut app, keys);
            let terminal = draw(&app);
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    !cell.symbol().chars().any(is_unsafe),
                    "raw {:?} after {keys} at {w}x{h}",
                    cell.symbol()
                );
                assert!(
                    !cell.symbol().contains(['\n', '\r', '\t']),
                    "layout char {:?}",
                    cell.symbol()
                );
            }
            if app.overlay.is_none() {
                // Each pane's left and right borders are intact on every row.
                for pane in [app.layout.list, app.layout.detail] {
                    for y in pane.y + 1..pane.bottom() - 1 {
                        for x in [pane.x, pane.right() - 1] {
                            let symbol = buffer[(x, y)].symbol();
                            assert!(
                                matches!(symbol, "│" | "┃" | "█" | "║"),
                                "border broken at {x},{y}: {symbol:?} after {keys} at {w}x{h}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn escapes_are_shown_visibly() {
    let mut app = app_with(hostile(), 160, 40);
    press(&mut app, "4");
    let shown = screen(&app);
    assert!(shown.contains("\\u{1b}]52;c;aGVsbG8=\\u{7}"), "{shown}");
    assert!(shown.contains("\\u{202e}evil"), "{shown}");
}

/// The handling label is drawn over the title when both are long; a wide
/// character of the title must not show through the label's cells.
#[test]
fn a_long_title_under_the_handling_label_leaves_no_stale_cells() {
    let long = "A".repeat(120);
    let text = format!(
        "format = 1\n[briefing]\nid = \"x\"\ntitle = \"Title xx🏳\u{fe0f}\\u200dx{long}\"\nhandling = \"OPEN xx🏳\u{fe0f}\\u200dx{long}\"\nas_of = 2025-01-01\nsummary = \"s\"\n"
    );
    let app = app_with(Briefing::from_str(&text, "x.toml").expect("valid"), 60, 12);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let row: String = (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol())
        .collect();
    assert!(
        row.starts_with(" OPEN xx🏳\u{fe0f} \\u{200d}xAAA"),
        "{row:?}"
    );
}
