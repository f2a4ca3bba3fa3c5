//! Loading a briefing in pieces: a large one in parallel, a small one in
//! turn (each piece's working memory is then reused by the next).
//!
//! A file is cut only just before a line that opens a top-level item table
//! (`[[quotes]]` at the start of a line). Each piece is read by the fast
//! reader of [`super::tree`] and walked on its own, then the pieces are
//! joined. The result is used only when it is certainly what a whole-file
//! load gives: every piece is read without error, later pieces hold nothing
//! but item tables opened by such headers, and the joined briefing has no
//! error at all: each piece records the ids it defines and the references
//! it makes, and the caller checks them once, joined, by the same code as a
//! whole file's. In every other case the caller loads the whole file
//! instead, so diagnostics are always exactly those of a whole-file load.
//!
//! A cut can never fall inside a string or a value unnoticed: a multi-line
//! string or array cut in two leaves the first piece unterminated, which is
//! a parse error, which means a whole-file load.

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Checker;
use super::fields::Fields;
use super::references::PendingRef;
use super::schema::{self, ITEM_TABLES, Walked};
use super::tree;
use crate::model::{Items, Kind, Span};

/// An id a piece defines, as where it is written in the whole text: the
/// string's span, quotes included, whose inside is the id.
#[derive(Clone, Copy, Debug)]
pub(super) struct IdSpan {
    start: u32,
    end: u32,
    pub kind: Kind,
}

impl IdSpan {
    /// `id`'s place, if it is written as it reads (a one-line string with
    /// no escape: one quote on each side).
    pub fn of(id: &str, span: &Span, kind: Kind) -> Option<IdSpan> {
        (span.len() == id.len() + 2).then_some(IdSpan {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            kind,
        })
    }

    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }

    /// The id, in the whole `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start as usize + 1..self.end as usize - 1)
            .unwrap_or_default()
    }

    fn shift(&mut self, base: u32) {
        self.start += base;
        self.end += base;
    }
}

/// What the pieces of a file hold, joined: the items, and the ids and
/// references still to check.
pub(super) struct Joined {
    pub walked: Walked,
    /// Each piece's ids, as it recorded them (not joined into one list:
    /// that would hold them twice for a moment).
    pub ids: Vec<Vec<IdSpan>>,
    /// Each piece's references, as it recorded them (not joined into one
    /// list: that would hold them twice for a moment).
    pub refs: Vec<Vec<PendingRef>>,
}

/// One piece, read.
struct Piece {
    walked: Walked,
    ids: Vec<IdSpan>,
    refs: Vec<PendingRef>,
}

/// Files at least this large are read on every core, in pieces of about
/// `PIECE` bytes; smaller ones on the calling thread (a second thread
/// costs more than it saves), in pieces of about `SMALL_PIECE` bytes.
pub const PARALLEL_FROM: usize = 2 * 1024 * 1024;
pub const PIECE: usize = 512 * 1024;
pub const SMALL_PIECE: usize = 16 * 1024;

/// Files smaller than this are read whole: cutting them gains nothing
/// measurable (`cargo bench --bench reader -- "load whole or"`).
pub const PIECES_FROM: usize = 1024 * 1024;

/// About how large the pieces of a text of `len` bytes are; `None` to read
/// it whole.
pub fn piece_size(len: usize) -> Option<usize> {
    if len >= PARALLEL_FROM {
        Some(PIECE)
    } else if len >= PIECES_FROM {
        Some(SMALL_PIECE)
    } else {
        None
    }
}

/// Where pieces start: 0, then the start of a line opening a top-level item
/// table, about every `PIECE` bytes.
pub fn cut_points(text: &str, piece: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    let mut from = piece.max(1);
    while from < bytes.len() {
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(found) = text[from..].find("\n[[") else {
            break;
        };
        let at = from + found + 1;
        let rest = &text[at + 2..];
        let opens_item = ITEM_TABLES.iter().any(|name| {
            rest.strip_prefix(name)
                .and_then(|r| r.strip_prefix("]]"))
                .is_some_and(|r| r.starts_with(['\n', '\r', ' ', '\t', '#']) || r.is_empty())
        });
        if opens_item {
            cuts.push(at);
            from = at + piece.max(1);
        } else {
            from = at;
        }
    }
    cuts
}

/// Loads `text` in pieces; `None` means "load it whole".
pub(super) fn load(text: &str, piece: usize, progress: &super::Progress) -> Option<Joined> {
    let cuts = cut_points(text, piece);
    if cuts.len() < 2 {
        return None;
    }
    progress.total.store(cuts.len(), Ordering::Relaxed);
    let ranges: Vec<Range<usize>> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain(std::iter::once(&text.len())))
        .map(|(&a, &b)| a..b)
        .collect();
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Piece>>> = Mutex::new((0..ranges.len()).map(|_| None).collect());
    let work = || {
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            if n >= ranges.len() {
                break;
            }
            let piece = read_piece(text, ranges[n].clone(), n == 0);
            progress.done.fetch_add(1, Ordering::Relaxed);
            if let Ok(mut done) = done.lock() {
                done[n] = piece;
            }
        }
    };
    let threads = if text.len() >= PARALLEL_FROM {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(ranges.len())
    } else {
        1
    };
    if threads > 1 {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    } else {
        work();
    }
    let done = done.into_inner().ok()?;
    // A cut that fell inside a multi-line string leaves the pieces on both
    // sides unreadable; read them again as one, a few at most.
    let mut pieces = Vec::with_capacity(done.len());
    let mut results = done.into_iter().enumerate().peekable();
    while let Some((n, result)) = results.next() {
        if let Some(piece) = result {
            pieces.push(piece);
            continue;
        }
        let mut end = n;
        let mut joined = None;
        while joined.is_none() && end + 1 < ranges.len() && end < n + 4 {
            end += 1;
            results.next();
            joined = read_piece(text, ranges[n].start..ranges[end].end, n == 0);
        }
        pieces.push(joined?);
    }
    // Joined into lists made to size at once, so that they never grow
    // (growing would hold two copies of a list for a moment).
    let first = pieces.first_mut()?;
    let mut joined = Joined {
        walked: Walked {
            meta: std::mem::take(&mut first.walked.meta),
            items: Items::with_capacity(pieces.iter().map(|p| &p.walked.items)),
        },
        ids: Vec::with_capacity(pieces.len()),
        refs: Vec::with_capacity(pieces.len()),
    };
    for piece in pieces {
        joined.walked.items.append(piece.walked.items);
        joined.ids.push(piece.ids);
        joined.refs.push(piece.refs);
    }
    Some(joined)
}

/// Parses and walks one piece; `None` if anything is wrong with it.
fn read_piece(text: &str, range: Range<usize>, first: bool) -> Option<Piece> {
    let base = range.start;
    let source = &text[range];
    // Pieces are read only by the fast reader: anything it does not take
    // makes the caller load the whole file.
    let root = tree::fast(source)?;
    let root = &root;
    let mut checker = Checker {
        piece: Some(Vec::new()),
        text: Some(super::TextAt::of(source, base)),
        ..Checker::default()
    };
    let mut walked = if first {
        schema::walk(root, &mut checker)?
    } else {
        let mut walked = Walked::default();
        let mut fields = Fields::new(root, 0..0, "the briefing file");
        schema::walk_items(&mut fields, &mut checker, &mut walked.items);
        fields.finish(&mut checker);
        walked
    };
    if !checker.diagnostics.is_empty() {
        return None;
    }
    walked.items.shift(base);
    if checker.unsliced {
        return None;
    }
    let base = base as u32;
    let mut ids = checker.piece.unwrap_or_default();
    ids.iter_mut().for_each(|id| id.shift(base));
    // Ids of references are placed in the whole text already.
    let mut refs = checker.refs;
    refs.iter_mut()
        .for_each(|r| r.span = (r.span.0 + base, r.span.1 + base));
    // Kept until every piece is read: without their growth's slack.
    refs.shrink_to_fit();
    ids.shrink_to_fit();
    Some(Piece { walked, ids, refs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_each_id_as_its_place_in_the_whole_text() {
        let text = include_str!("../../briefings/example.toml");
        let joined = load(text, 64, &super::super::Progress::default())
            .expect("the example is read in pieces");
        assert!(joined.ids.len() > 2, "cut into several pieces");
        let mut ids: Vec<&str> = joined
            .ids
            .iter()
            .flatten()
            .map(|id| id.text(text))
            .collect();
        let items = &joined.walked.items;
        let mut expected: Vec<&str> = items
            .all()
            .filter(|item| item.kind() != Kind::Position)
            .map(|item| items.id(item))
            .collect();
        ids.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids, expected);
        // An id written with an escape is not where it reads: the piece is
        // read whole instead.
        let escaped = text.replace("id = \"gazette\"", "id = \"\\u0067azette\"");
        assert_ne!(escaped, text);
        assert!(load(&escaped, 64, &super::super::Progress::default()).is_none());
    }

    #[test]
    fn cuts_fall_only_before_item_headers_at_line_starts() {
        let padding = "# padding\n".repeat(PIECE / 10 + 10);
        let text = format!(
            "format = 1\n{padding}  [[quotes]]\n[[quotesx]]\n[quotes]\n[[quotes]]\nid = \"q\"\n"
        );
        let cuts = cut_points(&text, PIECE);
        assert_eq!(cuts.len(), 2, "{cuts:?}");
        assert!(text[cuts[1]..].starts_with("[[quotes]]\nid"));
        // A header inside a multi-line string is also a candidate: cutting
        // there makes both pieces unreadable, and they are read again as one.
        let text = format!("format = 1\n{padding}x = \"\"\"\n[[quotes]]\n\"\"\"\n");
        let cuts = cut_points(&text, PIECE);
        assert_eq!(cuts.len(), 2);
        assert!(
            load(&text, PIECE, &super::super::Progress::default()).is_none(),
            "x is not a field of a briefing"
        );
    }
}
