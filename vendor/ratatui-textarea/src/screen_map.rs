use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, line_ranges};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

/// The screen lines of each data line as last wrapped, with the text they
/// were wrapped from: an edit rewraps only the lines it changed, so typing
/// in a long text costs what its changed lines cost, not the whole text.
#[derive(Debug, Clone, Default)]
pub(crate) struct WrapCache {
    /// What the lines were wrapped for: mode, width, tab length, mask.
    key: Option<(WrapMode, usize, u8, Option<char>)>,
    lines: Vec<CachedLine>,
}

#[derive(Debug, Clone)]
struct CachedLine {
    text: String,
    rows: Vec<ScreenLine>,
    pure_ascii: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

impl TextArea<'_> {
    pub(crate) fn screen_map_load(&self) {
        let wrap_width = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        };
        let key = wrap_width.map(|w| (self.wrap_mode(), w, self.tab_length(), self.mask_char()));
        let mut cache = self.wrap_cache.borrow_mut();
        if cache.key != key {
            cache.key = key;
            cache.lines.clear();
        }
        // The lines at the start and the end that are as they were keep
        // their screen lines; the ones between are wrapped again.
        let mut old = std::mem::take(&mut cache.lines);
        let prefix = old
            .iter()
            .zip(&self.lines)
            .take_while(|(cached, line)| cached.text == **line)
            .count();
        let room = (old.len() - prefix).min(self.lines.len() - prefix);
        let suffix = old
            .iter()
            .rev()
            .zip(self.lines.iter().rev())
            .take(room)
            .take_while(|(cached, line)| cached.text == **line)
            .count();
        let tail = old.split_off(old.len() - suffix);
        let changed = old.split_off(prefix);
        let mut lines = old;
        lines.reserve(self.lines.len() - lines.len());
        let rows = prefix..self.lines.len() - suffix;
        // Lines edited in place are rewrapped from just before the edit.
        let in_place = changed.len() == rows.len();
        for (n, row) in rows.enumerate() {
            let before = changed.get(n).filter(|_| in_place);
            lines.push(self.wrap_line(row, wrap_width, before));
        }
        lines.extend(tail);

        let count = lines.iter().map(|l| l.rows.len()).sum();
        let mut screen_lines = Vec::with_capacity(count);
        let mut data_pointers = Vec::with_capacity(lines.len());
        for (row, line) in lines.iter().enumerate() {
            data_pointers.push(DataLine {
                first_screen_line: screen_lines.len(),
                screen_line_count: line.rows.len(),
                pure_ascii: line.pure_ascii,
            });
            screen_lines.extend(line.rows.iter().map(|screen| {
                let mut screen = *screen;
                screen.wrapped.row = row;
                screen
            }));
        }
        cache.lines = lines;
        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    /// The screen lines of one data line; `before` is how it was wrapped
    /// before an edit, whose screen lines up to the one before the first
    /// changed byte stay as they were (wrapping goes left to right, so an
    /// edit cannot move a break before that).
    fn wrap_line(
        &self,
        row: usize,
        wrap_width: Option<usize>,
        before: Option<&CachedLine>,
    ) -> CachedLine {
        let line = &self.lines[row];
        let mut rows = Vec::new();
        let mut from = 0;
        if let (Some(before), Some(_)) = (before, wrap_width) {
            let same = before
                .text
                .bytes()
                .zip(line.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let keep = before
                .rows
                .iter()
                .take_while(|r| r.wrapped.end_byte < same)
                .count()
                .saturating_sub(1);
            rows.extend_from_slice(&before.rows[..keep]);
            from = rows.last().map_or(0, |r| r.wrapped.end_byte);
        }
        let rest = &line[from..];
        let ranges: Vec<(usize, usize)> = match wrap_width {
            Some(width) => line_ranges(
                rest,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => vec![(0, rest.len())],
        }
        .into_iter()
        .map(|(start, end)| (start + from, end + from))
        .collect();
        rows.reserve(ranges.len());
        if let Some(last) = rows.last_mut() {
            last.wrapped.last_in_row = false;
        }
        let mut start_col = rows.last().map_or(0, |r| r.wrapped.end_col);
        let first = rows.len();
        for (i, &(start_byte, end_byte)) in ranges.iter().enumerate() {
            let i = first + i;
            let fragment = &line[start_byte..end_byte];
            let char_count = fragment.chars().count();
            let wrapped = WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col: start_col + char_count,
                first_in_row: i == 0,
                last_in_row: i + 1 == first + ranges.len(),
            };
            start_col += char_count;
            let screen_width = display_width(fragment, self.tab_length(), self.mask_char());
            let cursor_max_col = if wrapped.last_in_row {
                screen_width
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                    self.mask_char(),
                )
            };
            rows.push(ScreenLine {
                wrapped,
                screen_width,
                cursor_max_col,
            });
        }
        CachedLine {
            text: line.clone(),
            rows,
            pure_ascii: is_pure_ascii(line),
        }
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
