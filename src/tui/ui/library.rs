//! The library screen: a title with the totals, one row per briefing, the
//! selected briefing's file and id, and key hints; the filter box, the
//! search across briefings, a file's problems and the help over it.

use std::time::SystemTime;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{clear, popup};
use crate::library::ago;
use crate::signature::{Level, SignatureState};
use crate::tui::app::MessageKind;
use crate::tui::command::Command;
use crate::tui::detail::{clean_line, truncate, wrap};
use crate::tui::keymap::Mode;
use crate::tui::library::{Entry, Library, LibrarySearch, Overlay};
use crate::tui::theme::Theme;

/// Columns of a row, after the title: as of, progress, flagged, notes,
/// changed and new, last opened.
const AS_OF: usize = 11;
const PROGRESS: usize = 15;
const FLAGGED: usize = 3;
const NOTES: usize = 3;
const CHANGED: usize = 8;
const OPENED: usize = 10;
/// The handling label gets a column of its own on screens this wide.
const HANDLING_FROM: u16 = 110;
const HANDLING: usize = 14;

pub fn render(library: &Library, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(
            Paragraph::new(Line::styled("terminal too small", library.theme.warning)),
            area,
        );
        return;
    }
    let theme = &library.theme;
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    title(library, frame, row(0));
    frame.render_widget(
        Paragraph::new(Line::styled(heads(area.width), theme.muted)),
        row(1),
    );
    let height = library.list_height();
    let now = SystemTime::now();
    for (line, &entry) in library
        .rows
        .iter()
        .enumerate()
        .skip(library.offset)
        .take(height)
        .map(|(n, e)| (n - library.offset, e))
    {
        let selected = library.offset + line == library.selected;
        let spans = entry_line(library, &library.entries[entry], area.width, now);
        let mut paragraph = Paragraph::new(Line::from(spans));
        if selected {
            paragraph = paragraph.style(theme.selection);
        }
        frame.render_widget(paragraph, row(2 + line as u16));
    }
    if library.rows.is_empty() {
        let text = if library.entries.is_empty() {
            "No briefings here: put .toml briefings in the folder, or name them: brief FILE…"
                .to_string()
        } else {
            format!(
                "No briefing matches · {} clears the filter",
                library.key_for(Mode::Picker, Command::Cancel)
            )
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&text, usize::from(area.width)),
                theme.muted,
            )),
            row(2),
        );
    }
    about(library, frame, row(area.height - 2));
    hints(library, frame, row(area.height - 1));
    match &library.overlay {
        Some(Overlay::Help { scroll }) => help(library, frame, *scroll),
        Some(Overlay::Problems {
            entry,
            text,
            scroll,
        }) => {
            problems(library, frame, *entry, text, *scroll);
        }
        Some(Overlay::Search(search)) => search_box(library, frame, search),
        None => {}
    }
}

/// ` Library · 12 briefings · 40 left to review · 3 changed   sorted by …`
fn title(library: &Library, frame: &mut Frame, area: Rect) {
    let theme = &library.theme;
    let (count, left, changed) = library.totals();
    let mut text = format!(
        " {} · {count} briefing{}",
        clean_line(&library.title),
        if count == 1 { "" } else { "s" }
    );
    if library.rows.len() != count {
        text = format!("{text} ({} shown)", library.rows.len());
    }
    let mut status = format!(" · {left} to review · {changed} changed");
    if library.reading() {
        let read = library
            .entries
            .iter()
            .filter(|e| e.summary.is_some())
            .count();
        status = format!(" · reading {read} of {count}…");
    }
    let mut right = format!("sorted by {} ", library.sort.label());
    if library.hide_finished {
        right = format!("finished hidden · {right}");
    }
    let width = usize::from(area.width);
    let left_text = truncate(
        &format!("{text}{status}"),
        width.saturating_sub(right.width() + 1),
    );
    let gap = width.saturating_sub(left_text.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left_text, theme.title.add_modifier(Modifier::BOLD)),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.muted),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.header), area);
}

/// The width of the title column at `width`.
fn title_width(width: u16) -> usize {
    let mut fixed = 3 + AS_OF + PROGRESS + FLAGGED + NOTES + CHANGED + OPENED;
    if width >= HANDLING_FROM {
        fixed += HANDLING;
    }
    usize::from(width).saturating_sub(fixed).max(8)
}

fn heads(width: u16) -> String {
    let mut text = format!("   {:<w$}", "Briefing", w = title_width(width));
    if width >= HANDLING_FROM {
        text.push_str(&format!("{:<HANDLING$}", "Handling"));
    }
    text.push_str(&format!(
        "{:<AS_OF$}{:<PROGRESS$}{:<FLAGGED$}{:<NOTES$}{:<CHANGED$}{:<OPENED$}",
        "As of", "Reviewed", "!", "✎", "Changed", "Opened"
    ));
    truncate(&text, usize::from(width))
}

/// `text` cut or padded to `width` columns.
fn cell(text: &str, width: usize) -> String {
    let cut = truncate(text, width.saturating_sub(1));
    let pad = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

/// A signature at a glance, in the row's first column: ✓ signed by a
/// trusted key, ? a good signature from a key not trusted, ✗ bad or
/// unreadable; nothing when not signed (or not checked yet).
fn signature_mark(state: Option<&SignatureState>, theme: &Theme) -> Span<'static> {
    match state.map(SignatureState::level) {
        Some(Level::Trusted) => Span::styled("✓", theme.header),
        Some(Level::Warning) => Span::styled("?", theme.warning.add_modifier(Modifier::BOLD)),
        Some(Level::Alarm) => Span::styled(
            "✗",
            theme
                .error
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ),
        _ => Span::raw(" "),
    }
}

fn entry_line(library: &Library, entry: &Entry, width: u16, now: SystemTime) -> Vec<Span<'static>> {
    let theme = &library.theme;
    let title_w = title_width(width);
    let mark = if entry.same_id.is_empty() {
        "  "
    } else {
        "≡ "
    };
    let mut spans = vec![
        signature_mark(entry.signature.as_ref(), theme),
        Span::styled(mark, theme.warning),
        Span::styled(
            cell(&clean_line(&entry.title()), title_w),
            theme.text.add_modifier(Modifier::BOLD),
        ),
    ];
    let Some(summary) = &entry.summary else {
        spans.push(Span::styled("reading…", theme.muted));
        return spans;
    };
    if summary.errors > 0 {
        let n = summary.errors;
        let enter = library.key_for(Mode::Library, Command::Open);
        spans.push(Span::styled(
            format!(
                "✗ does not load: {n} error{} · {enter} shows them",
                if n == 1 { "" } else { "s" }
            ),
            theme.error,
        ));
        return spans;
    }
    if width >= HANDLING_FROM {
        let handling = summary
            .handling
            .as_deref()
            .map(clean_line)
            .unwrap_or_default();
        spans.push(Span::styled(cell(&handling, HANDLING), theme.warning));
    }
    let as_of = summary.as_of.map(|d| d.to_string()).unwrap_or_default();
    spans.push(Span::styled(cell(&as_of, AS_OF), theme.muted));
    let c = entry.counts.unwrap_or_default();
    spans.push(Span::styled(progress(c.reviewed, c.items), theme.text));
    let count =
        |n: usize, width: usize| cell(&if n == 0 { String::new() } else { n.to_string() }, width);
    spans.push(Span::styled(count(c.flagged, FLAGGED), theme.warning));
    spans.push(Span::styled(count(c.notes, NOTES), theme.link));
    let changed = match (c.changed, c.new) {
        (0, 0) => String::new(),
        (changed, 0) => format!("Δ{changed}"),
        (0, new) => format!("+{new}"),
        (changed, new) => format!("Δ{changed} +{new}"),
    };
    spans.push(Span::styled(cell(&changed, CHANGED), theme.warning));
    let opened = entry
        .last_opened
        .map(|t| ago(t, now))
        .unwrap_or_else(|| "never".into());
    spans.push(Span::styled(cell(&opened, OPENED), theme.muted));
    spans
}

/// `12/40 ███░░░░` in [`PROGRESS`] columns.
fn progress(done: usize, total: usize) -> String {
    let numbers = format!("{done}/{total}");
    let bar = 6;
    let filled = if total == 0 {
        0
    } else {
        (done * bar).div_ceil(total).min(bar)
    };
    let filled = if done < total {
        filled.min(bar - 1)
    } else {
        filled
    };
    cell(
        &format!(
            "{numbers:>7} {}{}",
            "█".repeat(filled),
            "░".repeat(bar - filled)
        ),
        PROGRESS,
    )
}

/// The selected briefing's file, id and handling, and anything to know
/// about it; or the latest message, or the filter being typed.
fn about(library: &Library, frame: &mut Frame, area: Rect) {
    let theme = &library.theme;
    let width = usize::from(area.width);
    if let Some(input) = &library.filter_box {
        let label = " Filter: ";
        frame.render_widget(Paragraph::new(Span::styled(label, theme.title)), area);
        let room = Rect {
            x: area.x + label.len() as u16,
            width: area.width.saturating_sub(label.len() as u16),
            ..area
        };
        frame.render_widget(input.widget(), room);
        return;
    }
    if let Some((text, kind)) = &library.message {
        let style = match kind {
            MessageKind::Info => theme.text,
            MessageKind::Warning => theme.warning,
            MessageKind::Error => theme.error,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(&format!(" {}", clean_line(text)), width),
                style,
            )),
            area,
        );
        return;
    }
    let Some(at) = library.selected_entry() else {
        return;
    };
    let entry = &library.entries[at];
    let mut parts = vec![clean_line(&entry.origin.name())];
    let mut style = theme.muted;
    if let Some(s) = &entry.summary
        && s.errors == 0
    {
        parts.push(format!("id {}", clean_line(&s.id)));
        if let Some(h) = &s.handling
            && area.width < HANDLING_FROM
        {
            parts.push(clean_line(h));
        }
    }
    if let Some(&other) = entry.same_id.first() {
        let others = entry.same_id.len();
        // What matters most comes first, where a narrow screen keeps it.
        parts.insert(
            0,
            format!(
                "≡ same id as {}{}: they share one review state",
                clean_line(&library.entries[other].file_name()),
                if others > 1 {
                    format!(" and {} more", others - 1)
                } else {
                    String::new()
                }
            ),
        );
        style = theme.warning;
    }
    match &entry.signature {
        // Who signed it, next to the file (the key is in the reader's header).
        Some(state @ SignatureState::Signed { .. }) => parts.insert(1, state.short()),
        Some(state) if state.level() != Level::Plain => {
            // A signature that is not trusted comes first, in its colour.
            parts.insert(0, state.describe());
            style = if state.level() == Level::Alarm {
                theme.error.add_modifier(Modifier::BOLD)
            } else {
                theme.warning
            };
        }
        _ => {}
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&format!(" {}", parts.join(" · ")), width),
            style,
        )),
        area,
    );
}

fn hints(library: &Library, frame: &mut Frame, area: Rect) {
    let modes = library.modes();
    // The library's filter box has no categories, unlike a list's.
    let filtering: &[(Command, &str)] = &[(Command::Confirm, "keep"), (Command::Cancel, "clear")];
    let wanted = if modes[0] == Mode::Picker {
        filtering
    } else {
        super::status::hints(modes[0])
    };
    let parts: Vec<String> = wanted
        .iter()
        .filter_map(|(command, word)| {
            library
                .keymap
                .first_key(modes[0], *command)
                .map(|key| format!("{key} {word}"))
        })
        .collect();
    let shown = super::status::fit(&parts, usize::from(area.width).saturating_sub(2));
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {shown}"), library.theme.muted))
            .style(library.theme.status),
        area,
    );
}

fn bordered<'a>(library: &Library, title: Line<'a>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(library.theme.border_focused)
        .title(title)
}

fn help(library: &Library, frame: &mut Frame, scroll: u16) {
    let area = popup(frame.area(), 84, 86);
    clear(frame, area);
    let close = library.key_for(Mode::Help, Command::Close);
    let block = bordered(
        library,
        Line::styled(
            format!(" Keys — {close} closes "),
            library.theme.title.add_modifier(Modifier::BOLD),
        ),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = super::help::keys_lines(
        &library.keymap,
        false,
        &library.theme,
        usize::from(inner.width),
        [
            "The library lists every briefing with its review progress; open one, review it, come back.",
            "In a briefing, the library key (or going back from where it opened) returns here.",
        ],
        &[Mode::Library, Mode::Picker, Mode::Search, Mode::Global],
    );
    scrolled(frame, inner, lines, scroll);
}

fn problems(library: &Library, frame: &mut Frame, entry: usize, text: &str, scroll: u16) {
    let area = popup(frame.area(), 90, 80);
    clear(frame, area);
    let close = library.key_for(Mode::Help, Command::Close);
    let name = library
        .entries
        .get(entry)
        .map(|e| clean_line(&e.file_name()))
        .unwrap_or_default();
    let block = bordered(
        library,
        Line::styled(
            format!(" {name} cannot be opened · {close} closes "),
            library.theme.error.add_modifier(Modifier::BOLD),
        ),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(1);
    let lines = text
        .lines()
        .flat_map(|l| wrap(&clean_line(l), width))
        .map(|l| Line::styled(l, library.theme.text))
        .collect();
    scrolled(frame, inner, lines, scroll);
}

fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16) {
    let height = usize::from(area.height);
    let scroll = usize::from(scroll).min(lines.len().saturating_sub(height));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
}

/// The search across briefings: the prompt, then each briefing's hits
/// under its title.
fn search_box(library: &Library, frame: &mut Frame, search: &LibrarySearch) {
    let theme = &library.theme;
    let area = popup(frame.area(), 84, 86);
    clear(frame, area);
    let count = search.hit_count();
    let mut title = format!(" Search every briefing · {count} found");
    if search.indexed < search.to_index {
        title.push_str(&format!(
            " · indexing {} of {}…",
            search.indexed, search.to_index
        ));
    } else {
        title.push_str(&format!(" in all {}", search.to_index));
    }
    title.push(' ');
    let block = bordered(
        library,
        Line::styled(title, theme.title.add_modifier(Modifier::BOLD)),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let prompt = Rect { height: 1, ..inner };
    frame.render_widget(Paragraph::new(Span::styled("/", theme.title)), prompt);
    frame.render_widget(
        search.input.widget(),
        Rect {
            x: prompt.x + 1,
            width: prompt.width.saturating_sub(1),
            ..prompt
        },
    );
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    let width = usize::from(list.width);
    let mut lines: Vec<(Line<'static>, bool)> = Vec::new();
    let mut at = 0;
    let mut selected_line = 0;
    for group in &search.groups {
        let entry = &library.entries[group.entry];
        let n = group.hits.len() + group.more;
        lines.push((
            Line::styled(
                truncate(
                    &format!("{} · {n} found", clean_line(&entry.title())),
                    width,
                ),
                theme.header.add_modifier(Modifier::BOLD),
            ),
            false,
        ));
        for hit in &group.hits {
            let selected = at == search.selected;
            if selected {
                selected_line = lines.len();
            }
            let text = format!(
                "  {} · {}  ({})",
                hit.item.kind().name(),
                clean_line(&hit.title),
                hit.field
            );
            let style = if selected {
                theme.selection
            } else {
                theme.text
            };
            lines.push((Line::styled(truncate(&text, width), style), selected));
            at += 1;
        }
        if group.more > 0 {
            lines.push((
                Line::styled(
                    format!(
                        "  … {} more: open the briefing and search there",
                        group.more
                    ),
                    theme.muted,
                ),
                false,
            ));
        }
    }
    if lines.is_empty() && !search.input.is_empty() {
        lines.push((Line::styled("No matches", theme.muted), false));
    }
    let height = usize::from(list.height);
    let offset = selected_line.saturating_sub(height.saturating_sub(1));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(l, _)| l)
        .collect();
    frame.render_widget(Paragraph::new(visible), list);
}
