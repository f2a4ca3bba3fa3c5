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
use crate::tui::keymap::Mode;

/// The help's lines, for rendering and for tests.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut out = vec![
        Line::styled(
            "brief reads a briefing in seven sections; the list on the left, the item in full on the right.",
            theme.text,
        ),
        Line::styled(
            "Links in the detail pane lead to related items; back and forward retrace your steps.",
            theme.muted,
        ),
    ];
    for mode in Mode::ALL {
        let bindings: Vec<_> = app
            .keymap
            .bindings(mode)
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
            let pad = 22usize.saturating_sub(keys.width()).max(1);
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}"), theme.link),
                Span::raw(" ".repeat(pad)),
                Span::styled(command.description().to_string(), theme.text),
            ]));
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
    scrolled_popup(app, frame, (84, 86), title, lines(app), scroll);
}

/// The errors of a failed reload, over the last good version.
pub fn render_errors(app: &App, frame: &mut Frame, text: &str, scroll: usize) {
    let close = app.key_for(Mode::Help, Command::Close);
    let title = Line::styled(
        format!(" The file has errors — showing the last good version · {close} closes "),
        app.theme.error.add_modifier(Modifier::BOLD),
    );
    // The report is already escaped for the terminal.
    let lines = text
        .lines()
        .map(|l| Line::styled(l.to_string(), app.theme.text))
        .collect();
    scrolled_popup(app, frame, (90, 80), title, lines, scroll);
}

/// A bordered box over the panes showing `lines` from `scroll` on, the
/// scroll kept so the last page stays full.
fn scrolled_popup(
    app: &App,
    frame: &mut Frame,
    size: (u16, u16),
    title: Line,
    lines: Vec<Line>,
    scroll: usize,
) {
    let area = popup(frame.area(), size.0, size.1);
    clear(frame, area);
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
