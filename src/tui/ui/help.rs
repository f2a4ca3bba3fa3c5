//! The help overlay, generated from the live keymap: every mode's bindings
//! with each action's description. Nothing here lists keys by hand.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{clear, pane, popup};
use crate::tui::app::App;
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
        for (action, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let pad = 22usize.saturating_sub(keys.width()).max(1);
            out.push(Line::from(vec![
                Span::styled(format!("  {keys}"), theme.link),
                Span::raw(" ".repeat(pad)),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
    }
    out
}

pub fn render(app: &App, frame: &mut Frame, scroll: usize) {
    let area = popup(frame.area(), 84, 86);
    clear(frame, area);
    let all = lines(app);
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(all.len().saturating_sub(height));
    let title = Line::styled(
        " Keys — esc closes ",
        app.theme.title.add_modifier(Modifier::BOLD),
    );
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The errors of a failed reload, over the last good version.
pub fn render_errors(app: &App, frame: &mut Frame, text: &str, scroll: usize) {
    let area = popup(frame.area(), 90, 80);
    clear(frame, area);
    let title = Line::styled(
        " The file has errors — showing the last good version · esc closes ",
        app.theme.error.add_modifier(Modifier::BOLD),
    );
    let block = pane(app, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    // The report is already escaped for the terminal.
    let lines: Vec<Line> = text
        .lines()
        .skip(scroll)
        .take(height)
        .map(|l| Line::styled(l.to_string(), app.theme.text))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
