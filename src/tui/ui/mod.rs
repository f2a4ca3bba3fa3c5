//! Drawing: one file per pane. Rendering reads the [`App`] and never
//! changes it.

mod detail;
mod help;
pub mod library;
mod list;
mod matrix;
mod note;
mod picker;
mod search;
mod status;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Overlay};
use super::detail::clean_line;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::section::Section;

use super::layout::tab_label;

pub use help::lines as help_lines;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let layout = &app.layout;
    if layout.too_small || layout.area != area {
        too_small(app, frame, area);
        return;
    }
    header(app, frame, layout.header);
    tabs(app, frame, layout.tabs);
    if app.section == Section::Overview {
        matrix::render(app, frame, layout.list);
    } else {
        list::render(app, frame, layout.list);
    }
    detail::render(app, frame, layout.detail);
    status::render(app, frame, layout.status);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, frame, *scroll),
        Some(Overlay::Search(search)) => search::render(app, frame, search),
        Some(Overlay::Picker(picker)) => picker::render(app, frame, picker),
        Some(Overlay::Note(editor)) => note::render(app, frame, editor),
        Some(Overlay::Errors { text, scroll }) => help::render_errors(app, frame, text, *scroll),
        Some(Overlay::Problems { scroll }) => help::render_problems(app, frame, *scroll),
        None => {}
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = format!("terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}");
    let lines: Vec<Line> = super::detail::wrap(&text, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, app.theme.warning))
        .collect();
    let height = (lines.len() as u16).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let meta = &app.briefing.meta;
    let mut spans = vec![Span::styled(
        format!(" {}", clean_line(&meta.title)),
        theme.title.add_modifier(Modifier::BOLD),
    )];
    if let Some(as_of) = meta.as_of {
        spans.push(Span::styled(format!("  as of {as_of}"), theme.muted));
    }
    let left = Line::from(spans);
    frame.render_widget(Paragraph::new(left).style(theme.header), area);
    let mut end = area.right();
    if let Some(handling) = &meta.handling {
        let label = format!(" {} ", clean_line(handling));
        let width = (label.chars().count() as u16).min(area.width);
        let right = Rect {
            x: area.right() - width,
            width,
            ..area
        };
        // The label goes over the title: clear it first, or half of a wide
        // character of the title would show through the label's cells.
        clear(frame, right);
        frame.buffer_mut().set_style(right, theme.header);
        frame.render_widget(
            Paragraph::new(label).style(theme.warning.add_modifier(Modifier::BOLD)),
            right,
        );
        end = right.x;
    }
    signature(
        app,
        frame,
        Rect {
            width: end - area.x,
            ..area
        },
    );
}

/// The signature's state at the right of the header, left of the handling:
/// who signed the file, or a warning no one can miss; nothing for a file
/// that is not signed.
fn signature(app: &App, frame: &mut Frame, area: Rect) {
    use crate::signature::Level;
    let theme = &app.theme;
    let Some(checked) = &app.signature else {
        return;
    };
    let (text, style) = match checked.state.level() {
        Level::Plain => return,
        _ if checked.is_stale(app.modified) => (
            "⚠ file changed since opened: signature not rechecked".to_string(),
            theme.warning.add_modifier(Modifier::BOLD),
        ),
        Level::Trusted => (checked.state.short(), theme.header),
        Level::Warning => (
            checked.state.short(),
            theme.warning.add_modifier(Modifier::BOLD),
        ),
        Level::Alarm => (
            checked.state.short(),
            theme
                .error
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ),
    };
    let room = usize::from(area.width.saturating_sub(1));
    if room < 4 {
        return;
    }
    let label = format!(
        " {} ",
        super::detail::truncate(&text, room.saturating_sub(2))
    );
    let width = (label.width() as u16).min(area.width);
    let right = Rect {
        x: area.right() - width,
        width,
        ..area
    };
    clear(frame, right);
    frame.buffer_mut().set_style(right, theme.header);
    frame.render_widget(Paragraph::new(label).style(style), right);
}

fn tabs(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut spans = Vec::new();
    for section in Section::all() {
        let label = tab_label(section);
        let style = if section == app.section {
            Style::new()
                .fg(theme.accent(section))
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            theme.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The screen while a large briefing loads: its name and a progress bar.
pub fn loading(
    frame: &mut Frame,
    theme: &crate::tui::theme::Theme,
    name: &str,
    progress: &crate::load::Progress,
) {
    use std::sync::atomic::Ordering;
    let area = frame.area();
    if area.width < 10 || area.height < 3 {
        return;
    }
    let done = progress.done.load(Ordering::Relaxed);
    let total = progress.total.load(Ordering::Relaxed).max(1);
    let ratio = (done as f64 / total as f64).clamp(0.0, 1.0);
    let [_, label, bar, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [bar] = Layout::horizontal([Constraint::Percentage(60)])
        .flex(Flex::Center)
        .areas(bar);
    let text = format!("Loading {}", clean_line(name));
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme.title.add_modifier(Modifier::BOLD)))
            .alignment(Alignment::Center),
        label,
    );
    let gauge = ratatui::widgets::Gauge::default()
        .ratio(ratio)
        .label(format!("{}%", (ratio * 100.0).round() as u32))
        .gauge_style(theme.selection);
    frame.render_widget(gauge, bar);
}

/// A bordered pane, its border bright when focused.
fn pane<'a>(app: &App, title: Line<'a>, focused: bool) -> Block<'a> {
    let theme = &app.theme;
    let border = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(title)
}

/// A centred box over the panes, `percent` of the screen each way.
/// On a small screen (80×24 is the common size) a box takes nearly all of
/// it, so that its text is not cut.
fn popup(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    let width_percent = if area.width <= 100 {
        width_percent.max(94)
    } else {
        width_percent
    };
    let height_percent = if area.height <= 30 {
        height_percent.max(90)
    } else {
        height_percent
    };
    let [row] = Layout::vertical([Constraint::Percentage(height_percent)])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Percentage(width_percent)])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}
