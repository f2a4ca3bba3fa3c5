//! A text box: the note editor's, one line for the search prompt. The
//! editing itself is `ratatui-textarea`'s; this says what may go in (text
//! typed or pasted is made safe to show and bounded in size) and names the
//! edits brief's keymap can ask for, so every key stays remappable.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Scrolling, TextArea, WrapMode};

use super::command::Command;
use super::keymap::Mode;
use crate::sanitize;

/// The most text a box holds, in bytes: a note of a thousand pages.
pub const MAX_TEXT: usize = 1 << 20;

/// An edit a command asks of the box with the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    DeleteChar,
    DeleteNextChar,
    DeleteWord,
    DeleteNextWord,
    DeleteToStart,
    DeleteToEnd,
    Newline,
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    TextStart,
    TextEnd,
    PageUp,
    PageDown,
    Undo,
    Redo,
}

impl Edit {
    /// The edit a command asks of the text box of `mode`, if it is one.
    pub fn of(command: Command, mode: Mode) -> Option<Edit> {
        if !mode.takes_text() {
            return None;
        }
        let edit = match command {
            Command::DeleteChar => Edit::DeleteChar,
            Command::DeleteNextChar => Edit::DeleteNextChar,
            Command::DeleteWord => Edit::DeleteWord,
            Command::DeleteNextWord => Edit::DeleteNextWord,
            Command::DeleteToStart => Edit::DeleteToStart,
            Command::DeleteToEnd => Edit::DeleteToEnd,
            Command::Newline => Edit::Newline,
            Command::CursorLeft => Edit::Left,
            Command::CursorRight => Edit::Right,
            Command::CursorUp => Edit::Up,
            Command::CursorDown => Edit::Down,
            Command::WordLeft => Edit::WordLeft,
            Command::WordRight => Edit::WordRight,
            Command::LineStart => Edit::LineStart,
            Command::LineEnd => Edit::LineEnd,
            Command::TextStart => Edit::TextStart,
            Command::TextEnd => Edit::TextEnd,
            Command::UndoEdit => Edit::Undo,
            Command::RedoEdit => Edit::Redo,
            Command::PageUp if mode == Mode::Note => Edit::PageUp,
            Command::PageDown if mode == Mode::Note => Edit::PageDown,
            _ => return None,
        };
        Some(edit)
    }
}

#[derive(Clone, Debug)]
pub struct TextBox {
    area: TextArea<'static>,
    /// The text the box opened with, to tell whether it changed.
    original: String,
    single_line: bool,
}

/// Text typed or pasted, made safe to show and to keep: line ends become
/// `\n` (spaces on one line), and controls and invisible or direction
/// characters are dropped; zero-width joiners, which scripts and emoji
/// need, are kept.
pub fn clean_input(text: &str, single_line: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if single_line { ' ' } else { '\n' });
            }
            '\n' | '\t' if single_line => out.push(' '),
            '\n' | '\t' | '\u{200c}' | '\u{200d}' => out.push(c),
            c if sanitize::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

impl TextBox {
    /// A box of several lines that wraps them, the cursor at the end.
    pub fn multi_line(text: &str, style: Style, cursor: Style) -> TextBox {
        let text = clean_input(text, false);
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        TextBox::finish(area, text, false, style, cursor)
    }

    /// A one-line box (a prompt), the cursor at the end.
    pub fn single_line(text: &str, style: Style, cursor: Style) -> TextBox {
        let text = clean_input(text, true);
        let area = TextArea::new(vec![text.clone()]);
        TextBox::finish(area, text, true, style, cursor)
    }

    fn finish(
        mut area: TextArea<'static>,
        text: String,
        single_line: bool,
        style: Style,
        cursor: Style,
    ) -> TextBox {
        area.set_style(style);
        area.set_cursor_style(cursor);
        area.set_cursor_line_style(Style::default());
        area.set_max_histories(1000);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextBox {
            area,
            original: text,
            single_line,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    /// The text differs from what the box opened with.
    pub fn changed(&self) -> bool {
        let mut original = self.original.split('\n');
        let same = self
            .area
            .lines()
            .iter()
            .all(|line| original.next() == Some(line.as_str()))
            && original.next().is_none();
        !same
    }

    /// Bytes of text held.
    fn len(&self) -> usize {
        self.area.lines().iter().map(|l| l.len() + 1).sum()
    }

    /// Types a character; false when it cannot go in (a control, or the
    /// box is full).
    pub fn insert(&mut self, c: char) -> bool {
        let mut buf = [0; 4];
        let text = clean_input(c.encode_utf8(&mut buf), self.single_line);
        if text.is_empty() || self.len() + text.len() > MAX_TEXT {
            return false;
        }
        self.area.insert_str(&text)
    }

    /// Inserts pasted text at the cursor, cleaned as [`clean_input`] says.
    /// `Err` says why nothing was inserted.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let text = clean_input(text, self.single_line);
        if text.is_empty() {
            return Err("Nothing to paste: the text held only control characters".into());
        }
        let room = MAX_TEXT.saturating_sub(self.len());
        if text.len() > room {
            return Err(format!(
                "Not pasted: {} would pass the box's limit of {} (room for {})",
                size(text.len()),
                size(MAX_TEXT),
                size(room)
            ));
        }
        self.area.insert_str(&text);
        Ok(())
    }

    /// Applies an edit; false when it changed nothing.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let full = self.len() >= MAX_TEXT;
        let a = &mut self.area;
        let moved = |a: &mut TextArea, m: CursorMove| {
            let before = a.cursor();
            a.move_cursor(m);
            a.cursor() != before
        };
        match edit {
            Edit::DeleteChar => a.delete_char(),
            Edit::DeleteNextChar => a.delete_next_char(),
            Edit::DeleteWord => a.delete_word(),
            Edit::DeleteNextWord => a.delete_next_word(),
            Edit::DeleteToStart => a.delete_line_by_head(),
            Edit::DeleteToEnd => a.delete_line_by_end(),
            Edit::Newline if self.single_line => false,
            Edit::Newline if full => false,
            Edit::Newline => {
                a.insert_newline();
                true
            }
            Edit::Left => moved(a, CursorMove::Back),
            Edit::Right => moved(a, CursorMove::Forward),
            Edit::Up => moved(a, CursorMove::Up),
            Edit::Down => moved(a, CursorMove::Down),
            Edit::WordLeft => moved(a, CursorMove::WordBack),
            Edit::WordRight => moved(a, CursorMove::WordForward),
            Edit::LineStart => moved(a, CursorMove::Head),
            Edit::LineEnd => moved(a, CursorMove::End),
            Edit::TextStart => {
                a.move_cursor(CursorMove::Top);
                moved(a, CursorMove::Head)
            }
            Edit::TextEnd => {
                a.move_cursor(CursorMove::Bottom);
                moved(a, CursorMove::End)
            }
            Edit::PageUp => {
                a.scroll(Scrolling::PageUp);
                true
            }
            Edit::PageDown => {
                a.scroll(Scrolling::PageDown);
                true
            }
            Edit::Undo => a.undo(),
            Edit::Redo => a.redo(),
        }
    }

    /// The box to draw (`&TextArea` is a widget).
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// The cursor as (line, character) in the text.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }
}

/// A size in bytes as people read it: `812 bytes`, `4.2 KB`, `1.0 MB`.
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> TextBox {
        TextBox::multi_line(text, Style::default(), Style::default())
    }

    #[test]
    fn pasted_line_ends_and_controls_are_cleaned() {
        assert_eq!(clean_input("a\r\nb\rc\n\nd", false), "a\nb\nc\n\nd");
        assert_eq!(clean_input("a\r\nb\tc", true), "a b c");
        assert_eq!(clean_input("x\x1b]52;c;y\x07\u{202e}z", false), "x]52;c;yz");
        assert_eq!(clean_input("👩\u{200d}💻", false), "👩\u{200d}💻");
    }

    #[test]
    fn blank_lines_are_text_and_undo_takes_them_back() {
        let mut b = note("");
        for c in "Para one".chars() {
            assert!(b.insert(c));
        }
        b.edit(Edit::Newline);
        b.edit(Edit::Newline);
        b.paste("Para two").expect("pasted");
        assert_eq!(b.text(), "Para one\n\nPara two");
        assert!(b.changed());
        b.edit(Edit::Undo);
        assert_eq!(b.text(), "Para one\n\n");
        b.edit(Edit::Redo);
        b.edit(Edit::WordLeft);
        b.edit(Edit::DeleteWord);
        assert_eq!(b.text(), "Para one\n\ntwo");
    }

    #[test]
    fn an_unchanged_box_says_so() {
        let mut b = note("two\nlines");
        assert!(!b.changed());
        b.insert('!');
        assert!(b.changed());
        b.edit(Edit::DeleteChar);
        assert!(!b.changed());
        assert_eq!(b.cursor(), (1, 5));
    }

    #[test]
    fn a_box_never_holds_more_than_its_limit() {
        let mut b = note("");
        assert!(b.paste(&"x".repeat(MAX_TEXT + 1)).is_err());
        assert!(b.is_empty());
        b.paste(&"x".repeat(MAX_TEXT - 1)).expect("fits");
        assert!(!b.insert('y'));
        let mut prompt = TextBox::single_line("", Style::default(), Style::default());
        prompt.paste("two\nwords").expect("pasted");
        assert!(!prompt.edit(Edit::Newline));
        assert_eq!(prompt.text(), "two words");
    }

    /// The box as drawn in an area that holds all of it.
    fn drawn(b: &TextBox) -> String {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::widgets::Widget;
        let area = Rect::new(0, 0, 17, 60);
        let mut buf = Buffer::empty(area);
        b.widget().render(area, &mut buf);
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Edits rewrap only what they change (the patched ratatui-textarea):
    /// the box must look exactly as a new box holding the same text does.
    #[test]
    fn an_edited_box_wraps_as_a_new_one_would() {
        let words = ["a", "word", "longer-word", "x", "東京都", "ü", "  ", "\t"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..60 {
            let mut b = note("");
            for _ in 0..40 {
                match next(10) {
                    0 => drop(b.edit(Edit::Newline)),
                    1 => drop(b.edit(Edit::DeleteChar)),
                    2 => drop(b.edit(Edit::WordLeft)),
                    3 => drop(b.edit(Edit::Up)),
                    4 => drop(b.edit(Edit::DeleteWord)),
                    5 => drop(b.edit(Edit::Undo)),
                    _ => drop(b.paste(&format!("{} ", words[next(words.len())]))),
                }
                let mut fresh = note(&b.text());
                b.edit(Edit::TextStart);
                fresh.edit(Edit::TextStart);
                assert_eq!(drawn(&b), drawn(&fresh), "{:?}", b.text());
                b.edit(Edit::TextEnd);
            }
        }
    }
}
