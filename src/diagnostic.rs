//! Problems found in a file, each with its place, and how they are printed.
//!
//! Every message names `file:line:col`, shows the offending line with a
//! marker under the span, and says how to fix it. File contents and paths
//! are untrusted, so everything printed goes through [`crate::sanitize`].

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::sanitize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: a message, where it is, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Byte range in the file; `None` for problems with the file as a whole.
    pub span: Option<Range<usize>>,
    /// Short text shown under the marker.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A second place that explains the first (e.g. where an id was first defined).
    pub related: Option<(Range<usize>, String)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            help: None,
            related: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message, span)
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A 1-based line and column (in characters) in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Location {
            line: line + 1,
            column,
        }
    }

    /// The byte range of the line holding `offset`, without its newline.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let line = self.line_of(offset.min(self.text.len()));
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The diagnostics for one file, with what is needed to print them.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file's name as the user gave it.
    pub path: String,
    /// The file's text, when it could be read as UTF-8.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Where a diagnostic points, if it has a place in a readable file.
    pub fn location(&self, diagnostic: &Diagnostic) -> Option<Location> {
        let source = self.source.as_deref()?;
        let span = diagnostic.span.as_ref()?;
        Some(LineIndex::new(source).location(span.start))
    }

    /// Renders every diagnostic, in file order, as plain text.
    /// The report as a compiler writes one: each problem with its place
    /// and snippet, at most [`MAX_SHOWN`] of them (the rest counted), and a
    /// summary line.
    pub fn render(&self) -> String {
        let index = self.source.as_deref().map(LineIndex::new);
        let mut out = String::new();
        for diagnostic in self.diagnostics.iter().take(MAX_SHOWN) {
            render_one(
                &mut out,
                &self.path,
                self.source.as_deref(),
                index.as_ref(),
                diagnostic,
            );
        }
        let errors = self.errors().count();
        let warnings = self.diagnostics.len() - errors;
        if let Some(more) = self
            .diagnostics
            .len()
            .checked_sub(MAX_SHOWN)
            .filter(|&n| n > 0)
        {
            out.push_str(&format!(
                "… and {more} more not shown: fix these first, then check again\n\n"
            ));
        }
        if errors + warnings > 0 {
            out.push_str(&summary_line(&self.path, errors, warnings));
        }
        out
    }
}

/// How many problems a report shows before it only counts them.
pub const MAX_SHOWN: usize = 100;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

fn summary_line(path: &str, errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let path = sanitize::escape_line(path);
    match (errors, warnings) {
        (0, w) => format!("{path}: {}\n", plural(w, "warning")),
        (e, 0) => format!("{path}: {}\n", plural(e, "error")),
        (e, w) => format!("{path}: {}, {}\n", plural(e, "error"), plural(w, "warning")),
    }
}

fn render_one(
    out: &mut String,
    path: &str,
    source: Option<&str>,
    index: Option<&LineIndex>,
    diagnostic: &Diagnostic,
) {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let shown_path = sanitize::escape_line(path);
    let message = sanitize::escape_line(&diagnostic.message);
    let place = match (source, index, &diagnostic.span) {
        (Some(_), Some(index), Some(span)) => {
            let at = index.location(span.start);
            format!("{shown_path}:{}:{}", at.line, at.column)
        }
        _ => shown_path.to_string(),
    };
    out.push_str(&format!("{place}: {kind}: {message}\n"));

    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut groups: Vec<Group> = Vec::new();
    if let (Some(source), Some(index), Some(span)) = (source, index, &diagnostic.span) {
        let mut snippet = excerpt(
            source,
            index,
            span,
            &diagnostic.label,
            AnnotationKind::Primary,
        );
        // A related place on the same line joins the snippet; elsewhere it gets its own.
        let mut extra = None;
        if let Some((related, label)) = &diagnostic.related {
            if index.line_range(related.start) == index.line_range(span.start) {
                snippet = snippet.with(related, label);
            } else {
                let mut context = excerpt(source, index, related, label, AnnotationKind::Context);
                context.path = Some(shown_path.to_string());
                extra = Some(context);
            }
        }
        let mut group = level.clone().secondary_title("").element(snippet.build());
        if let Some(extra) = extra {
            group = group.element(extra.build());
        }
        groups.push(group);
    }
    if let Some(help) = &diagnostic.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(sanitize::escape_line(help).into_owned()),
        ));
    }
    if !groups.is_empty() {
        let rendered = Renderer::plain().render(&groups);
        // The empty title line is replaced by our own `file:line:col` line above.
        for line in rendered
            .lines()
            .filter(|l| l.trim() != "error:" && l.trim() != "warning:")
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
}

/// One source line, escaped for the terminal, with marked spans remapped
/// into the escaped text.
struct Excerpt {
    line_number: usize,
    line: String,
    /// Byte offsets in the original line → offsets in the escaped line.
    offsets: Vec<(usize, usize)>,
    start: usize,
    end_of_line: usize,
    /// Shown above a snippet that is not the diagnostic's own place.
    path: Option<String>,
    annotations: Vec<(Range<usize>, String, AnnotationKind)>,
}

fn excerpt(
    source: &str,
    index: &LineIndex,
    span: &Range<usize>,
    label: &str,
    kind: AnnotationKind,
) -> Excerpt {
    let range = index.line_range(span.start);
    let original = &source[range.clone()];
    let mut line = String::with_capacity(original.len());
    let mut offsets = Vec::with_capacity(original.len() + 1);
    for (i, c) in original.char_indices() {
        offsets.push((i, line.len()));
        if sanitize::is_unsafe(c) {
            sanitize::push_escaped(&mut line, c);
        } else {
            line.push(c);
        }
    }
    offsets.push((original.len(), line.len()));
    let mut excerpt = Excerpt {
        line_number: index.location(span.start).line,
        line,
        offsets,
        start: range.start,
        end_of_line: range.end,
        path: None,
        annotations: Vec::new(),
    };
    excerpt.annotate(span, label, kind);
    excerpt
}

impl Excerpt {
    fn map(&self, offset: usize) -> usize {
        let relative = offset.clamp(self.start, self.end_of_line) - self.start;
        let at = self.offsets.partition_point(|&(orig, _)| orig < relative);
        self.offsets
            .get(at)
            .map_or(self.line.len(), |&(_, escaped)| escaped)
    }

    fn annotate(&mut self, span: &Range<usize>, label: &str, kind: AnnotationKind) {
        let start = self.map(span.start);
        let end = self.map(span.end.max(span.start)).max(start);
        let label = sanitize::escape_line(label).into_owned();
        self.annotations.push((start..end, label, kind));
    }

    fn with(mut self, span: &Range<usize>, label: &str) -> Self {
        self.annotate(span, label, AnnotationKind::Context);
        self
    }

    fn build(self) -> Snippet<'static, annotate_snippets::Annotation<'static>> {
        let mut snippet = Snippet::source(self.line)
            .line_start(self.line_number)
            .path(self.path);
        for (range, label, kind) in self.annotations {
            let annotation = kind.span(range);
            snippet = snippet.annotation(if label.is_empty() {
                annotation
            } else {
                annotation.label(label)
            });
        }
        snippet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "ab\nçd\r\nxyz";
        let index = LineIndex::new(text);
        assert_eq!(index.location(0), Location { line: 1, column: 1 });
        assert_eq!(index.location(3), Location { line: 2, column: 1 });
        assert_eq!(index.location(5), Location { line: 2, column: 2 });
        assert_eq!(index.location(8), Location { line: 3, column: 1 });
        assert_eq!(&text[index.line_range(4)], "çd");
    }

    #[test]
    fn rendering_escapes_hostile_lines_and_keeps_the_marker_on_the_span() {
        let source = "title = \"\x1b]0;pwned\x07\" speeker = 1\n".to_string();
        let start = source.find("speeker").expect("present");
        let report = Report {
            path: "evil\x1b[2J.toml".into(),
            source: Some(source),
            diagnostics: vec![
                Diagnostic::error("unknown field `speeker`", Some(start..start + 7))
                    .label("not a field")
                    .help("did you mean `speaker`?"),
            ],
        };
        let text = report.render();
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text}");
        assert!(
            text.starts_with("evil\\u{1b}[2J.toml:1:22: error: unknown field `speeker`\n"),
            "{text}"
        );
        let line = text
            .lines()
            .find(|l| l.contains("speeker ="))
            .expect("snippet line");
        let marker = text
            .lines()
            .find(|l| l.contains("^^^^^^^"))
            .expect("marker line");
        assert_eq!(marker.find('^'), line.find("speeker"), "{text}");
        assert!(text.contains("help: did you mean `speaker`?"), "{text}");
    }
}
