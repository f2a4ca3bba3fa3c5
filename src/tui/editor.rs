//! A small multi-line text box for notes, inside the reader.

use crossterm::event::KeyCode;

use crate::model::ItemRef;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEditor {
    pub item: ItemRef,
    pub lines: Vec<String>,
    pub row: usize,
    /// Cursor column, in characters.
    pub column: usize,
}

fn byte_at(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column)
        .map_or(line.len(), |(i, _)| i)
}

impl NoteEditor {
    pub fn new(item: ItemRef, text: &str) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let row = lines.len() - 1;
        let column = lines[row].chars().count();
        NoteEditor {
            item,
            lines,
            row,
            column,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn insert(&mut self, c: char) {
        let line = &mut self.lines[self.row];
        line.insert(byte_at(line, self.column), c);
        self.column += 1;
    }

    /// Breaks the line; returns true when Enter was pressed on an empty last
    /// line, which saves the note.
    pub fn newline(&mut self) -> bool {
        if self.row + 1 == self.lines.len()
            && self.lines[self.row].is_empty()
            && self.lines.len() > 1
        {
            self.lines.pop();
            return true;
        }
        let line = &mut self.lines[self.row];
        let rest = line.split_off(byte_at(line, self.column));
        self.row += 1;
        self.lines.insert(self.row, rest);
        self.column = 0;
        false
    }

    pub fn backspace(&mut self) {
        if self.column > 0 {
            let line = &mut self.lines[self.row];
            let at = byte_at(line, self.column - 1);
            line.remove(at);
            self.column -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.column = self.lines[self.row].chars().count();
            self.lines[self.row].push_str(&line);
        }
    }

    /// Moves the cursor for arrow, Home and End keys; false for other keys.
    pub fn move_cursor(&mut self, code: KeyCode) -> bool {
        let len = |s: &Self, row: usize| s.lines[row].chars().count();
        match code {
            KeyCode::Left if self.column > 0 => self.column -= 1,
            KeyCode::Left if self.row > 0 => {
                self.row -= 1;
                self.column = len(self, self.row);
            }
            KeyCode::Right if self.column < len(self, self.row) => self.column += 1,
            KeyCode::Right if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = 0;
            }
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.column = self.column.min(len(self, self.row));
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = self.column.min(len(self, self.row));
            }
            KeyCode::Home => self.column = 0,
            KeyCode::End => self.column = len(self, self.row),
            KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down => {}
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_breaking_and_joining_lines() {
        let mut e = NoteEditor::new(ItemRef::Quote(0), "");
        for c in "héllo".chars() {
            e.insert(c);
        }
        e.move_cursor(KeyCode::Left);
        e.move_cursor(KeyCode::Left);
        assert!(!e.newline());
        assert_eq!(e.lines, ["hél", "lo"]);
        e.backspace();
        assert_eq!(e.text(), "héllo");
        e.move_cursor(KeyCode::End);
        assert!(!e.newline());
        assert!(e.newline(), "Enter on an empty last line saves");
        assert_eq!(e.text(), "héllo");
    }
}
