//! The detail pane's content: an item in full, wrapped to the pane width,
//! with its cross-references as links. Built in `update` when the subject or
//! the width changes, never while rendering.

mod axis;
mod items;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::{Briefing, ItemRef};
use crate::sanitize;

use super::theme::Theme;

/// What the detail pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Subject {
    /// The briefing itself: summary and key judgments.
    #[default]
    Overview,
    Item(ItemRef),
}

/// A line of the detail pane that leads somewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub line: usize,
    pub target: ItemRef,
}

#[derive(Clone, Debug, Default)]
pub struct Detail {
    pub subject: Subject,
    /// Shown instead of the list's selection (a position, from a link or the matrix).
    pub pinned: Option<ItemRef>,
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    /// The selected link, by index into `links`.
    pub cursor: Option<usize>,
    pub scroll: usize,
    pub width: u16,
    /// Lines that head a part (Positions, Quotes, Timeline…), to jump between.
    pub headings: Vec<usize>,
    /// Lines holding a highlighted search match, to step through.
    pub matches: Vec<usize>,
}

impl Detail {
    /// Rebuilds the content for `subject` at `width`, keeping the link cursor
    /// and scroll when the subject is unchanged (a resize).
    /// `review` lines (marks and note, or progress) go first for an item and
    /// last for the Overview.
    /// `highlight` are the (folded) texts of a search to mark in the text.
    pub fn show(
        &mut self,
        b: &Briefing,
        theme: &Theme,
        subject: Subject,
        width: u16,
        review: Vec<Line<'static>>,
        highlight: &[String],
    ) {
        let same = subject == self.subject && !self.lines.is_empty();
        let mut builder = Builder::new(b, theme, usize::from(width.max(1)));
        match subject {
            Subject::Overview => {
                items::overview(&mut builder);
                builder.blank();
                let at = builder.lines.len();
                builder.lines.extend(review);
                builder.headings.push(at);
            }
            Subject::Item(item) => {
                builder.lines = review;
                items::item(&mut builder, item);
            }
        }
        self.matches = mark_matches(&mut builder.lines, highlight, theme.matched);
        self.lines = builder.lines;
        self.links = builder.links;
        self.headings = builder.headings;
        self.width = width;
        if same {
            self.cursor = self.cursor.filter(|&c| c < self.links.len());
            self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
        } else {
            self.subject = subject;
            self.cursor = None;
            self.scroll = 0;
        }
    }

    pub fn selected_link(&self) -> Option<Link> {
        self.links.get(self.cursor?).copied()
    }
}

/// Text from the briefing made safe to show: unsafe characters escaped,
/// tabs expanded.
pub fn clean(text: &str) -> String {
    sanitize::escape(text).replace('\t', "    ")
}

/// One line of briefing text, safe and without line breaks.
pub fn clean_line(text: &str) -> String {
    sanitize::escape_line(text).into_owned()
}

/// Cuts `text` to `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Marks every occurrence of `terms` (folded) in `lines` with `style`,
/// and returns the lines that hold one.
fn mark_matches(lines: &mut [Line<'static>], terms: &[String], style: Style) -> Vec<usize> {
    let mut marked = Vec::new();
    if terms.is_empty() {
        return marked;
    }
    for (n, line) in lines.iter_mut().enumerate() {
        let mut spans = Vec::with_capacity(line.spans.len());
        let mut found = false;
        for span in line.spans.drain(..) {
            let text = span.content.to_string();
            let mut ranges: Vec<std::ops::Range<usize>> = terms
                .iter()
                .flat_map(|t| crate::search::find_all(&text, t))
                .collect();
            if ranges.is_empty() {
                spans.push(span);
                continue;
            }
            found = true;
            ranges.sort_by_key(|r| r.start);
            let mut at = 0;
            for range in ranges {
                if range.start < at {
                    continue;
                }
                if range.start > at {
                    spans.push(Span::styled(text[at..range.start].to_string(), span.style));
                }
                spans.push(Span::styled(
                    text[range.clone()].to_string(),
                    span.style.patch(style),
                ));
                at = range.end;
            }
            if at < text.len() {
                spans.push(Span::styled(text[at..].to_string(), span.style));
            }
        }
        line.spans = spans;
        if found {
            marked.push(n);
        }
    }
    marked
}

/// Builds styled lines and records links and headings as it goes.
pub(super) struct Builder<'a> {
    pub b: &'a Briefing,
    pub theme: &'a Theme,
    pub width: usize,
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    pub headings: Vec<usize>,
}

impl<'a> Builder<'a> {
    fn new(b: &'a Briefing, theme: &'a Theme, width: usize) -> Self {
        Self {
            b,
            theme,
            width,
            lines: Vec::new(),
            links: Vec::new(),
            headings: Vec::new(),
        }
    }

    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    pub fn title(&mut self, text: &str) {
        let style = self.theme.title.add_modifier(Modifier::BOLD);
        for line in wrap(&clean(text), self.width) {
            self.lines.push(Line::styled(line, style));
        }
    }

    /// A heading over a list, with how many entries follow.
    pub fn heading(&mut self, text: &str, count: usize) {
        self.section(text);
        if let Some(line) = self.lines.last_mut() {
            line.spans
                .push(Span::styled(format!(" ({count})"), self.theme.muted));
        }
    }

    /// A heading over a block of text.
    pub fn section(&mut self, text: &str) {
        self.blank();
        let style = self.theme.header.add_modifier(Modifier::BOLD);
        self.headings.push(self.lines.len());
        self.lines.push(Line::styled(text.to_string(), style));
    }

    /// Wrapped paragraphs in a style, with `indent` columns on the left.
    pub fn text_styled(&mut self, text: &str, style: Style, indent: usize) {
        let pad = " ".repeat(indent);
        for line in wrap(&clean(text), self.width.saturating_sub(indent).max(1)) {
            self.lines.push(Line::styled(format!("{pad}{line}"), style));
        }
    }

    pub fn text(&mut self, text: &str) {
        self.text_styled(text, self.theme.text, 0);
    }

    /// `Label: value`, wrapped under itself.
    pub fn field(&mut self, label: &str, value: &str) {
        let prefix = format!("{label}: ");
        let indent = prefix.width();
        let wrapped = wrap(&clean(value), self.width.saturating_sub(indent).max(1));
        for (i, line) in wrapped.into_iter().enumerate() {
            let head = if i == 0 {
                prefix.clone()
            } else {
                " ".repeat(indent)
            };
            self.lines.push(Line::from(vec![
                Span::styled(head, self.theme.muted),
                Span::styled(line, self.theme.text),
            ]));
        }
    }

    /// A bulleted list of texts.
    pub fn bullets(&mut self, texts: &[String]) {
        for text in texts {
            let wrapped = wrap(&clean(text), self.width.saturating_sub(2).max(1));
            for (i, line) in wrapped.into_iter().enumerate() {
                let head = if i == 0 { "• " } else { "  " };
                self.lines.push(Line::from(vec![
                    Span::styled(head, self.theme.muted),
                    Span::styled(line, self.theme.text),
                ]));
            }
        }
    }

    /// One line that follows to `target`, cut to the width.
    pub fn link(&mut self, label: &str, target: ItemRef) {
        self.link_with(label, "", target);
    }

    /// A link with muted text after it (a date, a kind).
    pub fn link_with(&mut self, label: &str, note: &str, target: ItemRef) {
        let label = clean_line(label);
        let note = clean_line(note);
        let room = self.width.saturating_sub(2);
        let label = truncate(&label, room);
        let note = truncate(&note, room.saturating_sub(label.width() + 2));
        let mut spans = vec![
            Span::styled("› ", self.theme.muted),
            Span::styled(label, self.theme.link),
        ];
        if !note.is_empty() {
            spans.push(Span::styled(format!("  {note}"), self.theme.muted));
        }
        self.links.push(Link {
            line: self.lines.len(),
            target,
        });
        self.lines.push(Line::from(spans));
    }

    /// `[1][3]`: the sources an item cites, by their number in the Sources tab.
    pub fn citations(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| match self.b.get(id) {
                Some(ItemRef::Source(s)) => Some(format!("[{}]", s + 1)),
                _ => None,
            })
            .collect()
    }

    /// A "Sources" heading and a link per cited source.
    pub fn source_links(&mut self, ids: &[String]) {
        let sources: Vec<usize> = ids
            .iter()
            .filter_map(|id| match self.b.get(id) {
                Some(ItemRef::Source(s)) => Some(s),
                _ => None,
            })
            .collect();
        if sources.is_empty() {
            return;
        }
        self.heading("Sources", sources.len());
        for s in sources {
            let label = format!("[{}] {}", s + 1, self.b.sources[s].title);
            self.link(&label, ItemRef::Source(s));
        }
    }
}

/// Wraps each paragraph line of `text` to `width`, keeping blank lines.
/// Lines are filled greedily, as terminals and browsers do: balancing them
/// (textwrap's optimal fit) took half of the reader's start-up wrapping.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(
            textwrap::wrap(line, &options)
                .into_iter()
                .map(|c| c.into_owned()),
        );
    }
    out
}
