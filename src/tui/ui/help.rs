//! The help overlay, generated from the live keymap: every mode's bindings
//! with each command's description. Nothing here lists keys by hand.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane, popup};
use crate::tui::app::App;
use crate::tui::command::Command;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;

/// Width of the keys column; descriptions wrap in the rest.
const KEYS_WIDTH: usize = 22;

/// The help's lines at `width` columns, for rendering and for tests: every
/// mode's keys, each description wrapped beside its keys, never cut.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    keys_lines(
        &app.keymap,
        app.keys_enhanced,
        &app.theme,
        width,
        [
            "brief reads a briefing in seven sections: a list, and the item in full beside or below it.",
            "Links in the detail pane lead to related items; back and forward retrace your steps.",
        ],
        &Mode::ALL,
    )
}

/// The help's lines for `modes`, after two lines of introduction.
pub fn keys_lines(
    keymap: &Keymap,
    enhanced: bool,
    theme: &Theme,
    width: usize,
    intro: [&str; 2],
    modes: &[Mode],
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (text, style) in [(intro[0], theme.text), (intro[1], theme.muted)] {
        out.extend(
            crate::tui::detail::wrap(text, width.max(1))
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    for &mode in modes {
        // Keys the terminal cannot send apart (ctrl-i, without keyboard
        // enhancement, is Tab) are not offered.
        let bindings: Vec<_> = keymap
            .bindings(mode)
            .map(|(command, keys)| {
                let keys: Vec<_> = keys
                    .iter()
                    .copied()
                    .filter(|k| enhanced || !k.needs_enhancement())
                    .collect();
                (command, keys)
            })
            .filter(|(_, keys)| !keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push(Line::default());
        out.push(Line::styled(
            mode.title().to_string(),
            theme.header.add_modifier(Modifier::BOLD),
        ));
        for (command, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let keys = format!("  {keys}");
            // Narrow screens: the description goes under its keys.
            let narrow = width < KEYS_WIDTH + 24;
            let room = if narrow {
                width.saturating_sub(4)
            } else {
                width.saturating_sub(KEYS_WIDTH + 1)
            };
            let wrapped = crate::tui::detail::wrap(command.description(), room.max(8));
            let fits = keys.width() < KEYS_WIDTH;
            if narrow || !fits {
                out.push(Line::styled(keys, theme.link));
                let indent = if narrow { 4 } else { KEYS_WIDTH + 1 };
                for line in wrapped {
                    out.push(Line::from(vec![
                        Span::raw(" ".repeat(indent)),
                        Span::styled(line, theme.text),
                    ]));
                }
                continue;
            }
            for (n, line) in wrapped.into_iter().enumerate() {
                let lead = if n == 0 {
                    Span::styled(format!("{keys:<KEYS_WIDTH$} "), theme.link)
                } else {
                    Span::raw(" ".repeat(KEYS_WIDTH + 1))
                };
                out.push(Line::from(vec![lead, Span::styled(line, theme.text)]));
            }
        }
    }
    out
}

pub fn render(app: &App, frame: &mut Frame, scroll: usize) {
    let close = app.key_for(Mode::Help, Command::Close);
    let title = Line::styled(
        format!(" Keys — {close} closes "),
        app.theme.title.add_modifier(Modifier::BOLD),
    );
    scrolled_popup(
        app,
        frame,
        (84, 86),
        title,
        |width| lines(app, width),
        scroll,
    );
}

/// The errors of a failed reload, over the last good version.
pub fn render_errors(app: &App, frame: &mut Frame, text: &str, scroll: usize) {
    let close = app.key_for(Mode::Help, Command::Close);
    let title = Line::styled(
        format!(" The file has errors — showing the last good version · {close} closes "),
        app.theme.error.add_modifier(Modifier::BOLD),
    );
    // The report is already escaped for the terminal.
    let lines = |_| {
        text.lines()
            .map(|l| Line::styled(l.to_string(), app.theme.text))
            .collect()
    };
    scrolled_popup(app, frame, (90, 80), title, lines, scroll);
}

/// What was wrong in config.toml or the theme.
pub fn render_problems(app: &App, frame: &mut Frame, scroll: usize) {
    let close = app.key_for(Mode::Help, Command::Close);
    let title = Line::styled(
        format!(" What was wrong in config.toml or the theme (the rest is used) · {close} closes "),
        app.theme.warning.add_modifier(Modifier::BOLD),
    );
    let text = app.problems.as_deref().unwrap_or_default();
    // The report is already escaped for the terminal.
    let lines = |_| {
        text.lines()
            .map(|l| Line::styled(l.to_string(), app.theme.text))
            .collect()
    };
    scrolled_popup(app, frame, (90, 80), title, lines, scroll);
}

/// A bordered box over the panes showing `lines` from `scroll` on, the
/// scroll kept so the last page stays full.
fn scrolled_popup<'a>(
    app: &App,
    frame: &mut Frame,
    size: (u16, u16),
    title: Line,
    lines: impl FnOnce(usize) -> Vec<Line<'a>>,
    scroll: usize,
) {
    let area = popup(frame.area(), size.0, size.1);
    clear(frame, area);
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(usize::from(inner.width));
    let height = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
