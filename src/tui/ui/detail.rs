//! The detail pane: the prepared lines, the visible slice only, with the
//! selected link highlighted and a scrollbar.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::pane;
use crate::tui::app::{App, Focus};
use crate::tui::detail::Subject;
use crate::tui::layout::AppLayout;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let detail = &app.detail;
    let focused = app.focus == Focus::Detail && app.overlay.is_none();
    let kind = match detail.subject {
        Subject::Overview => "Briefing".to_string(),
        Subject::Item(item) => {
            let name = item.kind().name();
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    };
    let links = if detail.links.is_empty() {
        String::new()
    } else {
        match detail.cursor {
            Some(c) => format!("link {}/{} ", c + 1, detail.links.len()),
            None => format!("{} links ", detail.links.len()),
        }
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {kind} "),
            theme.title.add_modifier(Modifier::BOLD),
        ),
        Span::styled(links, theme.muted),
    ]);
    let block = pane(app, title, focused);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let height = AppLayout::inner_height(area);
    let selected_line = detail.selected_link().map(|l| l.line);
    // Lines are written straight into the buffer (their text is already
    // wrapped to the pane and cleaned): a paragraph would copy each line and
    // lay it out again.
    let buf = frame.buffer_mut();
    let shown = detail
        .lines
        .iter()
        .enumerate()
        .skip(detail.scroll)
        .take(height);
    for (y, (n, line)) in (inner.top()..inner.bottom()).zip(shown) {
        if Some(n) == selected_line {
            let style = if focused {
                theme.link_selected
            } else {
                theme.link.add_modifier(Modifier::BOLD)
            };
            buf.set_line(inner.x, y, &line.clone().patch_style(style), inner.width);
        } else {
            buf.set_line(inner.x, y, line, inner.width);
        }
    }
    if detail.lines.len() > height {
        let mut state =
            ScrollbarState::new(detail.lines.len().saturating_sub(height)).position(detail.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.muted);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}
