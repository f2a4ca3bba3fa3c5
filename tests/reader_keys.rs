//! The reader without a terminal: keys in, state out.

mod common;

use brief::model::ItemRef;
use brief::tui::app::{Focus, Overlay};
use brief::tui::detail::Subject;
use brief::tui::section::Section;
use common::{app, press, screen, type_text};

#[test]
fn it_opens_on_the_overview_with_the_matrix_focused() {
    let app = app(120, 40);
    assert_eq!(app.section, Section::Overview);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.detail.subject, Subject::Overview);
    assert!(!app.matrix.actors.is_empty());
}

#[test]
fn number_keys_and_brackets_change_section() {
    let mut app = app(120, 40);
    for (key, section) in ["1", "2", "3", "4", "5", "6", "7"]
        .iter()
        .zip(Section::all())
    {
        press(&mut app, key);
        assert_eq!(app.section, section);
    }
    press(&mut app, "]");
    assert_eq!(app.section, Section::Overview);
    press(&mut app, "[ [");
    assert_eq!(app.section, Section::Sources);
}

#[test]
fn moving_in_a_list_selects_and_shows_the_item() {
    let mut app = app(120, 40);
    press(&mut app, "3");
    assert_eq!(app.selected_item(), Some(ItemRef::Issue(0)));
    assert_eq!(app.briefing.issues[0].id, "bases");
    press(&mut app, "j j");
    assert_eq!(app.detail.subject, Subject::Item(ItemRef::Issue(2)));
    press(&mut app, "G");
    assert_eq!(app.list().selected, app.briefing.issues.len() - 1);
    press(&mut app, "g k");
    assert_eq!(app.list().selected, 0, "up at the top stays at the top");
    press(&mut app, "4 pgdn");
    let page = app.layout.list.height as usize - 2;
    assert_eq!(app.list().selected, page);
    press(&mut app, "ctrl-u");
    assert_eq!(app.list().selected, page - page / 2);
}

#[test]
fn following_links_and_going_back_and_forward() {
    let mut app = app(120, 40);
    press(&mut app, "3 l");
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, "j");
    let first = app.detail.selected_link().expect("a link is selected");
    press(&mut app, "enter");
    assert_eq!(app.detail.subject, Subject::Item(first.target));
    assert_eq!(app.section, Section::of(first.target));
    press(&mut app, "ctrl-o");
    assert_eq!(app.section, Section::Issues);
    assert_eq!(app.detail.subject, Subject::Item(ItemRef::Issue(0)));
    assert_eq!(
        app.detail.selected_link(),
        Some(first),
        "back restores the link cursor"
    );
    press(&mut app, "alt-right");
    assert_eq!(app.detail.subject, Subject::Item(first.target));
    press(&mut app, "backspace backspace");
    assert_eq!(
        app.section,
        Section::Overview,
        "back again reaches the start"
    );
    press(&mut app, "backspace");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("Nothing further back"))
    );
}

#[test]
fn a_link_from_an_issue_to_a_quote_and_back() {
    let mut app = app(120, 40);
    press(&mut app, "3 l");
    let quote = app
        .detail
        .links
        .iter()
        .position(|l| matches!(l.target, ItemRef::Quote(_)))
        .expect("the bases issue links to quotes");
    for _ in 0..=quote {
        press(&mut app, "j");
    }
    let target = app.detail.selected_link().expect("selected").target;
    assert!(matches!(target, ItemRef::Quote(_)));
    press(&mut app, "enter");
    assert_eq!(app.section, Section::Quotes);
    assert!(screen(&app).contains("Quote"));
    press(&mut app, "ctrl-o");
    assert_eq!(app.section, Section::Issues);
}

#[test]
fn enter_on_a_matrix_cell_opens_that_position() {
    let mut app = app(120, 40);
    // Find a cell holding a position by walking the first row.
    let row_actor = app.matrix.actors[0];
    let issue = app.briefing.index.actors[row_actor]
        .positions
        .iter()
        .find_map(|p| match p {
            ItemRef::Position { issue, .. } => Some(*issue),
            _ => None,
        })
        .expect("the first row holds a position");
    for _ in 0..issue {
        press(&mut app, "l");
    }
    press(&mut app, "enter");
    assert_eq!(app.section, Section::Issues);
    let Subject::Item(ItemRef::Position {
        issue: shown,
        position,
    }) = app.detail.subject
    else {
        panic!("not a position: {:?}", app.detail.subject)
    };
    assert_eq!(shown, issue);
    assert_eq!(
        app.briefing.issues[issue].positions[position].actor,
        app.briefing.actors[row_actor].id
    );
    press(&mut app, "ctrl-o");
    assert_eq!(app.section, Section::Overview);
    assert_eq!(app.matrix.column, issue, "the matrix keeps its cursor");
}

#[test]
fn search_is_case_and_accent_insensitive_and_jumps() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "erdogan");
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("search is open")
    };
    let first = search.hits.first().expect("a match");
    assert!(app.briefing.item_title(first.item).contains("Erdoğan"));
    press(&mut app, "enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.section, Section::Actors);
    assert!(
        app.briefing
            .item_title(app.selected_item().expect("selected"))
            .contains("Erdoğan")
    );
}

#[test]
fn search_finds_a_quoted_phrase_and_n_cycles_matches() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "guardians of the blood");
    let Some(Overlay::Search(search)) = &app.overlay else {
        panic!("search is open")
    };
    let count = search.hits.len();
    assert!(
        search
            .hits
            .iter()
            .any(|h| matches!(h.item, ItemRef::Quote(_))),
        "the quote is found"
    );
    press(&mut app, "enter");
    let first = app.detail.subject;
    let lines = app.detail.matches.len();
    assert!(lines >= 1, "the match is marked in the detail pane");
    if count > 1 {
        // n steps through the marked lines of the item, then to the next.
        for _ in 1..lines {
            press(&mut app, "n");
            assert_eq!(app.detail.subject, first);
        }
        press(&mut app, "n");
        assert_ne!(app.detail.subject, first);
        press(&mut app, "N");
        assert_eq!(app.detail.subject, first);
    }
    press(&mut app, "/ backspace backspace esc");
    assert!(app.overlay.is_none());
}

#[test]
fn filtering_quotes_by_speaker() {
    let mut app = app(120, 40);
    press(&mut app, "4 f");
    type_text(&mut app, "lavrov");
    // What is typed filters the list at once, and the categories too.
    let typed = app.list().rows.clone();
    assert!(!typed.is_empty() && typed.len() < app.briefing.quotes.len());
    let Some(Overlay::Picker(picker)) = &app.overlay else {
        panic!("the filter menu is open")
    };
    let first = &picker.options[picker.shown[0]].0;
    assert!(first.starts_with("Speaker: Sergey Lavrov"), "{first}");
    press(&mut app, "down enter");
    let rows = &app.list().rows;
    assert!(!rows.is_empty() && rows.len() < app.briefing.quotes.len());
    assert!(
        rows.iter()
            .all(|&q| app.briefing.quotes[q].speaker.as_deref() == Some("lavrov"))
    );
    // f, then Enter on nothing typed, clears every filter.
    press(&mut app, "f enter");
    assert_eq!(app.list().rows.len(), app.briefing.quotes.len());
    assert!(app.list().filter.is_none() && app.list().text.is_none());
}

#[test]
fn typing_in_the_filter_menu_filters_the_list_and_esc_clears_it() {
    let mut app = app(120, 40);
    press(&mut app, "4 f");
    type_text(&mut app, "shibani");
    press(&mut app, "enter");
    let kept = app.list().rows.clone();
    assert!(!kept.is_empty() && kept.len() < app.briefing.quotes.len());
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.starts_with("“shibani”:"), "{message}");
    // Quotes can be filtered by their source.
    press(&mut app, "f");
    type_text(&mut app, "source [5]");
    press(&mut app, "down enter");
    let rows = app.list().rows.clone();
    assert!(!rows.is_empty());
    let fifth = &app.briefing.sources[4].id;
    assert!(
        rows.iter()
            .all(|&q| &app.briefing.quotes[q].source == fifth)
    );
    // Esc drops what was typed and keeps the category.
    press(&mut app, "f");
    type_text(&mut app, "zzzz");
    assert!(app.list().rows.is_empty());
    press(&mut app, "esc");
    assert_eq!(app.list().rows, rows);
}

#[test]
fn help_opens_and_q_closes_it_before_quitting() {
    let mut app = app(120, 40);
    press(&mut app, "?");
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, "j q");
    assert!(app.overlay.is_none());
    assert!(!app.should_quit);
    press(&mut app, "q");
    assert!(app.should_quit);
}

#[test]
fn ctrl_c_quits_even_while_searching() {
    let mut app = app(120, 40);
    press(&mut app, "/ text:q ctrl-c");
    assert!(app.should_quit);
}

#[test]
fn resizing_keeps_the_selection_and_rewraps() {
    let mut app = app(120, 40);
    press(&mut app, "4 j j j");
    let selected = app.selected_item();
    let wide = app.detail.lines.len();
    app.relayout(60, 30);
    assert!(app.layout.stacked);
    assert_eq!(app.selected_item(), selected);
    assert!(
        app.detail.lines.len() >= wide,
        "narrower means as many lines or more"
    );
    app.relayout(10, 3);
    assert!(app.layout.too_small);
    assert!(screen(&app).contains("too small"));
    app.relayout(120, 40);
    assert_eq!(app.selected_item(), selected);
}

#[test]
fn an_unbound_key_says_so() {
    let mut app = app(120, 40);
    press(&mut app, "z");
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("z does nothing here"), "{message}");
}

#[test]
fn the_mouse_selects_scrolls_and_follows_links_when_enabled() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, column, row| {
        crossterm::event::Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut app = app(120, 40);
    press(&mut app, "4");
    let list = app.layout.list;
    let _ = brief::tui::update::handle(
        &mut app,
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            list.x + 3,
            list.y + 3,
        ),
    );
    assert_eq!(app.list().selected, 0, "the mouse is off by default");
    app.mouse = true;
    let _ = brief::tui::update::handle(
        &mut app,
        mouse(
            MouseEventKind::Down(MouseButton::Left),
            list.x + 3,
            list.y + 3,
        ),
    );
    assert_eq!(app.list().selected, 2);
    let _ = brief::tui::update::handle(
        &mut app,
        mouse(MouseEventKind::ScrollDown, list.x + 3, list.y + 3),
    );
    assert_eq!(app.list().selected, 3);
    let link = app.detail.links[0];
    let detail = app.layout.detail;
    let row = detail.y + 1 + (link.line - app.detail.scroll) as u16;
    let _ = brief::tui::update::handle(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), detail.x + 4, row),
    );
    assert_eq!(app.detail.subject, Subject::Item(link.target));
    let tabs = app.layout.tabs;
    let _ = brief::tui::update::handle(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), tabs.x + 1, tabs.y),
    );
    assert_eq!(app.section, Section::Overview);
}

#[test]
fn quotes_filter_by_grade_typed_in_the_filter_menu() {
    let mut app = common::app_with(
        brief::Briefing::load("briefings/example.toml").expect("example"),
        120,
        40,
    );
    press(&mut app, "4 f");
    type_text(&mut app, "A-C,1-3");
    press(&mut app, "down enter");
    let rows = app.list().rows.clone();
    assert!(
        !rows.is_empty() && rows.len() < app.briefing.quotes.len(),
        "{rows:?}"
    );
    let grade = brief::model::GradeFilter::parse("A-C,1-3").expect("grades");
    assert!(rows.iter().all(|&q| grade.quote(&app.briefing, q)));
}

#[test]
fn ctrl_i_is_offered_only_where_the_terminal_tells_it_from_tab() {
    let mut app = app(120, 40);
    let forward = |app: &brief::tui::App| {
        brief::tui::ui::help_lines(app, 100)
            .iter()
            .map(|l| l.to_string())
            .find(|l| l.contains("Go forward again"))
            .unwrap_or_default()
    };
    assert!(!forward(&app).contains("ctrl-i"), "{}", forward(&app));
    let _ = brief::tui::update::update(&mut app, brief::tui::action::Action::KeysEnhanced(true));
    assert!(forward(&app).contains("ctrl-i"), "{}", forward(&app));
}

#[test]
fn the_problems_of_config_toml_open_inside_the_reader() {
    let mut app = app(120, 40);
    press(&mut app, "P");
    assert!(app.overlay.is_none(), "none to show");
    app.problems = Some("config.toml:3:1: error: unknown setting `bogus`".into());
    press(&mut app, "P");
    assert!(matches!(app.overlay, Some(Overlay::Problems { .. })));
    assert!(screen(&app).contains("unknown setting `bogus`"));
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
}
