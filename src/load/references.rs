//! Ids: their syntax, uniqueness, and references between items.

use std::collections::HashMap;

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Span};

/// A reference seen during the walk, resolved once every id is known.
/// Kept small (a large briefing has hundreds of thousands): where its id
/// is written in the text, where the reference is, and the site (the item
/// and field) that holds it, in [`Checker`]'s tables.
#[derive(Clone, Copy, Debug)]
pub(super) struct PendingRef {
    pub id: IdAt,
    pub span: (u32, u32),
    /// The index of `(owner, field)` in `Checker::sites`.
    pub site: u32,
    pub kind: Kind,
}

/// The site of a reference recorded by a piece (see `Checker::refer`).
pub(super) const NO_SITE: u32 = u32::MAX;

/// Where a reference's id is: `len` bytes of the text from `start`; or,
/// when the id is not a slice of the text (it was written with escapes),
/// its own copy, `Checker::owned_ids[start]`, with `len == u32::MAX`.
#[derive(Clone, Copy, Debug)]
pub(super) struct IdAt {
    pub start: u32,
    pub len: u32,
}

impl PendingRef {
    pub fn span(&self) -> Span {
        self.span.0 as usize..self.span.1 as usize
    }
}

/// How many unresolved references get suggestions: each costs a scan of
/// every id, so a file full of broken links stays fast to check.
const SUGGESTION_BUDGET: usize = 200;

/// The longest id, in bytes: ids name files (a briefing's review state is
/// `<id>.toml`) and appear in messages.
pub const MAX_ID: usize = 128;

/// An id as messages show it: a long one cut, so that a message stays a
/// line even for a hostile file.
pub(super) fn shown(id: &str) -> String {
    if id.len() <= 64 {
        return id.to_string();
    }
    let mut end = 60;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &id[..end], id.len())
}

/// The error for an id longer than [`MAX_ID`], if it is.
pub(super) fn too_long(id: &str, span: &Span) -> Option<Diagnostic> {
    (id.len() > MAX_ID).then(|| {
        Diagnostic::error(
            format!(
                "id `{}` is too long: {} bytes, at most {MAX_ID}",
                shown(id),
                id.len()
            ),
            Some(span.clone()),
        )
        .label("too long")
        .help("shorten the id: ids name files, such as the briefing's review state")
    })
}

/// True when `id` matches `[a-z0-9][a-z0-9._-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// A valid id close to `text`, to suggest when `text` is not one.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if out.is_empty() { "item-1".into() } else { out }
}

fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// The candidates most like `name`, best first, if any is close enough.
/// The costly comparison is made only with candidates of about the same
/// length (a similarity of 0.6 allows lengths to differ by 40% at most),
/// so that suggestions stay quick for long names and many candidates.
pub fn closest_n<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    if name.len() > 4 * MAX_ID {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            if c.contains(name) || name.contains(c) {
                return Some((similarity(name, c).max(0.6), c));
            }
            let (short, long) = (name.len().min(c.len()), name.len().max(c.len()));
            if (long - short) * 10 > long * 4 && long - short > 1 {
                return None;
            }
            let score = similarity(name, c);
            (score >= 0.6 || strsim::damerau_levenshtein(name, c) <= 1).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    closest_n(name, candidates, 1).into_iter().next()
}

fn quoted_list(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl Checker {
    /// Registers an item's id; false if it is malformed or already taken.
    /// A piece's checker checks the id's form and keeps it for the join
    /// (see `Checker::piece`).
    pub(super) fn define(&mut self, id: &str, span: Span, kind: Kind) -> bool {
        if let Some(error) = too_long(id, &span) {
            self.push(error);
            return false;
        }
        let valid = is_valid_id(id);
        if let (Some(ids), true) = (&mut self.piece, valid) {
            // Kept as its place: the id is the text between the quotes.
            match super::chunks::IdSpan::of(id, &span, kind) {
                Some(at) => ids.push(at),
                None => self.unsliced = true,
            }
            return true;
        }
        if !valid {
            self.push(
                Diagnostic::error(format!("bad id `{}`", shown(id)), Some(span))
                    .label("not a valid id")
                    .help(format!(
                        "ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit: try `{}`",
                        slug(id)
                    )),
            );
            return false;
        }
        if let Some((first, first_kind)) = self.defined.get(id) {
            let what = if *first_kind == kind {
                String::new()
            } else {
                format!(" ({})", first_kind.with_article())
            };
            let diagnostic = Diagnostic::error(format!("duplicate id `{}`", shown(id)), Some(span))
                .label("defined again here")
                .related(first.clone(), format!("first defined here{what}"))
                .help("ids are unique across the whole briefing: rename one of them");
            self.push(diagnostic);
            return false;
        }
        self.defined.insert(id.to_string(), (span, kind));
        true
    }

    /// Records a reference to `id`, which is read from the text being
    /// walked (see `Checker::text`) where it can be: then nothing of it is
    /// copied. A piece whose reference cannot be found in its text is
    /// read again whole (`Checker::unsliced`).
    pub(super) fn refer(
        &mut self,
        id: &str,
        span: Span,
        kind: Kind,
        field: &'static str,
        owner: &std::sync::Arc<str>,
    ) {
        let at = self.text.and_then(|text| {
            let address = id.as_ptr() as usize;
            (address >= text.address && address + id.len() <= text.address + text.len).then(|| {
                IdAt {
                    start: (address - text.address + text.offset) as u32,
                    len: id.len() as u32,
                }
            })
        });
        let id = match at {
            Some(at) => at,
            None if self.piece.is_some() => {
                self.unsliced = true;
                return;
            }
            None => {
                self.owned_ids.push(id.into());
                IdAt {
                    start: (self.owned_ids.len() - 1) as u32,
                    len: u32::MAX,
                }
            }
        };
        // A piece keeps no sites: any problem its references have is
        // reported by reading the whole file again, which keeps them.
        let site = if self.piece.is_some() {
            NO_SITE
        } else {
            let same = self
                .sites
                .last()
                .is_some_and(|(o, f)| std::sync::Arc::ptr_eq(o, owner) && *f == field);
            if !same {
                self.sites.push((std::sync::Arc::clone(owner), field));
            }
            (self.sites.len() - 1) as u32
        };
        self.refs.push(PendingRef {
            id,
            span: (span.start as u32, span.end as u32),
            site,
            kind,
        });
    }

    /// The id a reference names, in `text` (the whole text walked).
    fn id_of<'a>(&'a self, text: &'a str, r: &PendingRef) -> &'a str {
        if r.id.len == u32::MAX {
            return &self.owned_ids[r.id.start as usize];
        }
        let start = r.id.start as usize;
        text.get(start..start + r.id.len as usize)
            .unwrap_or_default()
    }

    /// Checks every reference seen, now that all ids are defined; `text`
    /// is the whole text walked.
    pub(super) fn resolve(&mut self, text: &str) {
        let refs = std::mem::take(&mut self.refs);
        // Ids by kind, for suggestions: made only when a reference is broken.
        let mut by_kind: Option<HashMap<Kind, Vec<&str>>> = None;
        let mut budget = SUGGESTION_BUDGET;
        let mut found = Vec::new();
        for r in &refs {
            let id = self.id_of(text, r);
            let actual = self.defined.get(id).map(|(_, kind)| *kind);
            if actual == Some(r.kind) {
                continue;
            }
            let (owner, field) = self
                .sites
                .get(r.site as usize)
                .map_or(("an item", "a reference"), |(o, f)| (&**o, *f));
            let expected = r.kind.with_article();
            let message = match actual {
                Some(other) => format!(
                    "`{}` of {} names `{}`, which is {}, not {expected}",
                    field,
                    owner,
                    shown(id),
                    other.with_article()
                ),
                None => format!(
                    "`{}` of {} names `{}`, but no item has that id",
                    field,
                    owner,
                    shown(id)
                ),
            };
            let suggestions = if budget > 0 {
                budget -= 1;
                let by_kind = by_kind.get_or_insert_with(|| {
                    let mut map: HashMap<Kind, Vec<&str>> = HashMap::new();
                    for (id, (_, kind)) in &self.defined {
                        map.entry(*kind).or_default().push(id);
                    }
                    map
                });
                let candidates = by_kind.get(&r.kind).map(Vec::as_slice).unwrap_or_default();
                closest_n(id, candidates.iter().copied(), 3)
            } else {
                Vec::new()
            };
            let help = if suggestions.is_empty() {
                format!("name {expected} id defined in this briefing")
            } else {
                format!("did you mean {}?", quoted_list(&suggestions))
            };
            found.push(
                Diagnostic::error(message, Some(r.span()))
                    .label(format!("expected {expected} id"))
                    .help(help),
            );
        }
        self.diagnostics.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_syntax() {
        for ok in ["a", "0", "putin", "q-01", "e.2025_07"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a b", "é", "_x", "a/b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(slug("Vladimir Putin!"), "vladimir-putin");
    }

    #[test]
    fn suggestions_rank_close_ids_first() {
        let ids = ["putin", "lavrov", "peskov", "belousov"];
        assert_eq!(closest_n("puttin", ids.into_iter(), 3), ["putin"]);
        assert_eq!(closest("Putin", ids.into_iter()), Some("putin"));
        assert!(closest_n("zzz", ids.into_iter(), 3).is_empty());
    }
}
