//! Filters: the menu of what can narrow the current list, and applying one.

use crate::model::{ActorKind, ItemRef};
use crate::tui::app::{App, Filter, MessageKind, Overlay, Picker};
use crate::tui::command::Command;
use crate::tui::keymap::Mode;
use crate::tui::section::Section;

/// Applies the filter chosen in the menu.
pub(super) fn confirm(app: &mut App) {
    let Some(Overlay::Picker(picker)) = app.overlay.take() else {
        return;
    };
    let Some((label, filter)) = picker.options.get(picker.selected).cloned() else {
        return;
    };
    let section = app.section;
    app.list_mut().filter = filter;
    app.refresh_rows(section);
    app.list_mut().offset = 0;
    app.detail.pinned = None;
    app.keep_list_visible();
    app.refresh_detail();
    let shown = app.list().rows.len();
    let key = app.key_for(Mode::Global, Command::Filter);
    match filter {
        Some(_) => app.set_message(
            format!("{label}: {shown} shown · {key} to change"),
            MessageKind::Info,
        ),
        None => app.set_message("Filter cleared", MessageKind::Info),
    }
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
    let current = app.list().filter;
    let selected = options.iter().position(|(_, f)| *f == current).unwrap_or(0);
    app.overlay = Some(Overlay::Picker(Picker {
        title: format!("Filter {}", app.section.title()),
        options,
        selected,
    }));
}
