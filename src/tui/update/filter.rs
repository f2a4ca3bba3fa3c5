//! Filters: the menu of what can narrow the current list, and applying one.

use crate::model::{ActorKind, ItemRef};
use crate::tui::app::{App, Filter, MessageKind, Overlay, Picker};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;
use crate::tui::section::Section;

/// Filters the list by what was typed, as it is typed, and narrows the
/// categories to those whose name matches it.
pub(super) fn run(app: &mut App) {
    let Some(Overlay::Picker(picker)) = &mut app.overlay else {
        return;
    };
    let text = picker.query.text();
    // Text that reads as grades ("A-B,1-2") offers them as a category.
    picker
        .options
        .retain(|(_, f)| !matches!(f, Some(Filter::Grade(_))));
    let graded = matches!(app.section, Section::Quotes | Section::Contested);
    let grade = graded
        .then(|| crate::model::GradeFilter::parse(text.trim()).ok())
        .flatten();
    if let Some(grade) = grade {
        picker.options.insert(
            1,
            (
                format!("Grade: {}", text.trim()),
                Some(Filter::Grade(grade)),
            ),
        );
    }
    let labels: Vec<&str> = picker.options.iter().map(|(l, _)| l.as_str()).collect();
    picker.shown = crate::tui::rows::fuzzy_labels(&labels, &text);
    if grade.is_some() && !picker.shown.contains(&1) {
        picker.shown.insert(0, 1);
    }
    picker.selected = None;
    let section = app.section;
    // Grades choose by category, not by text.
    app.list_mut().text = (!text.trim().is_empty() && grade.is_none()).then_some(text);
    app.refresh_rows(section);
    app.list_mut().offset = 0;
    app.detail.pinned = None;
    app.keep_list_visible();
    app.refresh_detail();
}

/// Enter: a chosen category replaces the list's filter; otherwise the
/// typed text stays as the filter (none typed: every filter is cleared).
pub(super) fn confirm(app: &mut App) {
    let Some(Overlay::Picker(picker)) = app.overlay.take() else {
        return;
    };
    let chosen = picker
        .selected
        .and_then(|n| picker.shown.get(n))
        .and_then(|&o| picker.options.get(o))
        .cloned();
    let section = app.section;
    let typed = picker.query.text();
    let label = match chosen {
        Some((label, filter)) => {
            app.list_mut().filter = filter;
            app.list_mut().text = None;
            filter.map(|_| label)
        }
        None if typed.trim().is_empty() => {
            app.list_mut().filter = None;
            app.list_mut().text = None;
            None
        }
        None => Some(format!("“{}”", typed.trim())),
    };
    app.refresh_rows(section);
    app.list_mut().offset = 0;
    app.detail.pinned = None;
    app.keep_list_visible();
    app.refresh_detail();
    let shown = app.list().rows.len();
    let key = app.key_for(Mode::Global, Command::Filter);
    match label {
        Some(label) => app.set_message(
            format!("{label}: {shown} shown · {key} to change"),
            MessageKind::Info,
        ),
        None => app.set_message("Filter cleared", MessageKind::Info),
    }
}

/// Esc: the typed text is dropped, the category kept as it was.
pub(super) fn cancel(app: &mut App) {
    let Some(Overlay::Picker(picker)) = app.overlay.take() else {
        return;
    };
    let section = app.section;
    app.list_mut().filter = picker.before;
    app.list_mut().text = None;
    app.refresh_rows(section);
    app.keep_list_visible();
    app.refresh_detail();
}

/// Opens the menu of filters for the current list.
pub(super) fn open(app: &mut App) {
    let b = &app.briefing;
    let count = |n: usize| format!(" ({n})");
    let mut options: Vec<(String, Option<Filter>)> = vec![("All (no filter)".into(), None)];
    let by_issue = |options: &mut Vec<(String, Option<Filter>)>, n: &dyn Fn(usize) -> usize| {
        for (x, issue) in b.issues.iter().enumerate() {
            let k = n(x);
            if k > 0 {
                options.push((
                    format!("Issue: {}{}", issue.title, count(k)),
                    Some(Filter::Issue(x)),
                ));
            }
        }
    };
    match app.section {
        Section::Overview => {
            app.set_message("Nothing to filter in the Overview", MessageKind::Info);
            return;
        }
        Section::Actors => {
            for kind in ActorKind::ALL {
                let k = b.actors.iter().filter(|a| a.kind == kind).count();
                if k > 0 {
                    options.push((
                        format!("Kind: {}{}", kind.name(), count(k)),
                        Some(Filter::Kind(kind)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].actors.len());
        }
        Section::Issues => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].issues.len();
                if k > 0 {
                    options.push((
                        format!("Actor: {}{}", actor.name, count(k)),
                        Some(Filter::Actor(a)),
                    ));
                }
            }
        }
        Section::Quotes => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].quotes.len();
                if k > 0 {
                    options.push((
                        format!("Speaker: {}{}", actor.name, count(k)),
                        Some(Filter::Speaker(a)),
                    ));
                }
            }
            for (n, source) in b.sources.iter().enumerate() {
                let k = b.quotes.iter().filter(|q| q.source == source.id).count();
                if k > 0 {
                    options.push((
                        format!("Source: [{}] {}{}", n + 1, source.title, count(k)),
                        Some(Filter::Source(n)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].quotes.len());
        }
        Section::Timeline => {
            for (a, actor) in b.actors.iter().enumerate() {
                let k = b.index.actors[a].events.len();
                if k > 0 {
                    options.push((
                        format!("Actor: {}{}", actor.name, count(k)),
                        Some(Filter::Actor(a)),
                    ));
                }
            }
            by_issue(&mut options, &|x| b.index.issues[x].events.len());
        }
        Section::Sources => {
            by_issue(&mut options, &|x| {
                b.index.sources.iter().filter(|citing| citing.iter().any(|i| matches!(i, ItemRef::Issue(y) | ItemRef::Position { issue: y, .. } if *y == x))).count()
            });
        }
        Section::Contested => by_issue(&mut options, &|x| b.index.issues[x].claims.len()),
    }
    let before = app.list().filter;
    let shown = (0..options.len()).collect();
    app.overlay = Some(Overlay::Picker(Picker {
        title: format!("Filter {}", app.section.title()),
        query: crate::tui::textbox::TextBox::single_line(
            "",
            app.theme.text.add_modifier(ratatui::style::Modifier::BOLD),
            app.theme.cursor(),
        ),
        options,
        shown,
        selected: None,
        before,
    }));
}
