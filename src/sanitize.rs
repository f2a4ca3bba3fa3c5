//! One sanitiser for every string that reaches the terminal.
//!
//! Briefing text is untrusted: a file must never be able to drive the
//! terminal (escape sequences, C1 controls) or disguise what is shown (bidi
//! overrides, invisible format characters). Such characters are replaced by
//! a visible `\u{…}` escape; everything else is kept as written.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character that must not reach a terminal as itself.
///
/// `\n` and `\t` are not included: callers decide how lines and tabs are laid
/// out (see [`escape`] and [`escape_line`]).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Arabic letter mark, zero-width and direction marks, bidi embeddings,
        // overrides and isolates, invisible operators, BOM.
        | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{feff}'
        // Interlinear annotations and tag characters.
        | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}'
    )
}

/// Escapes unsafe characters, keeping newlines and tabs.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// Escapes unsafe characters and also newlines and tabs, for text that must
/// stay on one line (titles, paths, ids in messages).
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || c == '\t' || is_unsafe(c))
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.find(&unsafe_char) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if unsafe_char(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The visible form of an unsafe character, e.g. `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        _ => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(escape("Erdoğan — «ok»\n\tend"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_controls_are_made_visible() {
        assert_eq!(escape("a\x1b]52;c;x\x07b"), "a\\u{1b}]52;c;x\\u{7}b");
        assert_eq!(escape("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escape("x\u{202e}y\u{2066}"), "x\\u{202e}y\\u{2066}");
        assert_eq!(
            escape("\u{feff}\u{200b}\u{e0041}"),
            "\\u{feff}\\u{200b}\\u{e0041}"
        );
        assert_eq!(escape("del\x7f cr\r"), "del\\u{7f} cr\\u{d}");
    }

    #[test]
    fn escape_line_also_escapes_layout_characters() {
        assert_eq!(escape_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(escape("a\nb\tc"), "a\nb\tc");
    }
}
