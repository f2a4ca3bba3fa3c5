//! Frames of the real reader rendered into a `TestBackend`, compared as
//! snapshots: every section, the overlays, narrow and tiny terminals, and
//! each built-in theme.

mod common;

use brief::tui::theme::{BUILTIN, Theme};
use common::{app, draw, press, screen, type_text};
use insta::assert_snapshot;

#[test]
fn each_section_at_120_by_40() {
    let mut app = app(120, 40);
    for (key, name) in ["1", "2", "3", "4", "5", "6", "7"].iter().zip([
        "overview",
        "actors",
        "issues",
        "quotes",
        "timeline",
        "sources",
        "contested",
    ]) {
        press(&mut app, key);
        assert_snapshot!(format!("section_{name}"), screen(&app));
    }
}

#[test]
fn detail_with_a_selected_link_and_a_claim_side_by_side() {
    let mut app = app(120, 40);
    press(&mut app, "2 j l j j");
    assert_snapshot!("actor_with_link_selected", screen(&app));
    press(&mut app, "7");
    assert_snapshot!("claim_versions_side_by_side", screen(&app));
    press(&mut app, "5 j j j j");
    assert_snapshot!("timeline_axis", screen(&app));
}

#[test]
fn help_overlay() {
    let mut app = app(120, 40);
    press(&mut app, "?");
    assert_snapshot!(screen(&app));
}

#[test]
fn search_results_grouped_with_a_count() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "tartus");
    assert_snapshot!(screen(&app));
}

#[test]
fn filter_menu() {
    let mut app = app(120, 40);
    press(&mut app, "4 f");
    assert_snapshot!(screen(&app));
}

#[test]
fn narrow_terminal_stacks_the_panes() {
    let mut app = app(70, 30);
    press(&mut app, "3");
    assert_snapshot!(screen(&app));
}

#[test]
fn tiny_terminals_say_so_and_never_panic() {
    let mut app = app(30, 8);
    assert_snapshot!(screen(&app));
    for (w, h) in [
        (0, 0),
        (1, 1),
        (1, 40),
        (200, 1),
        (39, 10),
        (40, 9),
        (40, 10),
    ] {
        app.relayout(w, h);
        draw(&app);
        press(&mut app, "2 j l j enter ctrl-o / text:x esc ?");
        draw(&app);
        press(&mut app, "esc");
    }
}

#[test]
fn every_builtin_theme() {
    for name in BUILTIN {
        let mut app = app(60, 16);
        app.theme = Theme::builtin(name).expect("built-in theme");
        press(&mut app, "3");
        let terminal = draw(&app);
        assert_snapshot!(
            format!("theme_{name}"),
            format!("{:?}", terminal.backend().buffer())
        );
    }
}

#[test]
fn no_color_uses_no_colours() {
    let mut app = app(60, 16);
    app.theme = Theme::default().without_color();
    press(&mut app, "3 l j");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}

#[test]
fn the_matrix_keeps_its_columns_under_wide_names() {
    let mut briefing = common::default_briefing();
    let first = briefing.index.issues[0].actors[0];
    briefing.items.actors[first].name = "中华人民共和国外交部发言人办公室".to_string();
    let app = common::app_with(briefing, 200, 50);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let glyph_columns = |y: u16| -> Vec<u16> {
        (0..100)
            .filter(|&x| ["●", "○", "·"].contains(&buffer[(x, y)].symbol()))
            .collect()
    };
    let rows: Vec<Vec<u16>> = (0..50)
        .map(glyph_columns)
        .filter(|columns| columns.len() > 5)
        .collect();
    assert!(rows.len() > 10, "the matrix shows");
    assert!(
        rows.iter().all(|columns| *columns == rows[0]),
        "every row's cells in the same columns: {rows:?}"
    );
    assert!(screen(&app).contains('中'), "the wide name shows");
}

/// 80×24 is the design size: every section and every overlay, whole.
#[test]
fn every_section_and_overlay_at_80_by_24() {
    let mut app = app(80, 24);
    for (key, name) in ["1", "2", "3", "4", "5", "6", "7"].iter().zip([
        "overview",
        "actors",
        "issues",
        "quotes",
        "timeline",
        "sources",
        "contested",
    ]) {
        press(&mut app, key);
        assert_snapshot!(format!("80x24_section_{name}"), screen(&app));
    }
    press(&mut app, "1 ?");
    assert_snapshot!("80x24_help", screen(&app));
    press(&mut app, "esc /");
    type_text(&mut app, "lavrov");
    assert_snapshot!("80x24_search", screen(&app));
    press(&mut app, "esc 4 f");
    assert_snapshot!("80x24_filter", screen(&app));
    press(&mut app, "esc 3 a");
    type_text(
        &mut app,
        "A note on the bases, long enough to wrap inside the box at this size.",
    );
    assert_snapshot!("80x24_note", screen(&app));
    press(&mut app, "esc");
    assert_snapshot!("80x24_note_asks", screen(&app));
}
