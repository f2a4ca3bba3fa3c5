//! Quote verification: every quote must occur in its source's full text.
//!
//! Texts are compared after folding runs of whitespace and treating
//! typographic and straight quotes, apostrophes and dashes as equal, so a
//! quote typed with straight quotes still matches the article's curly ones.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;
use crate::model::Briefing;

/// What verification found, per source and in all.
#[derive(Debug, Default)]
pub struct Verification {
    pub diagnostics: Vec<Diagnostic>,
    /// Quotes found in their source's text.
    pub verified: usize,
    /// Quotes whose source text could not be read, so were not checked.
    pub unverified: usize,
    /// Quotes that do not occur in their source's text.
    pub failed: usize,
}

/// Folds a text for comparison: whitespace runs become one space, and
/// typographic quotes, apostrophes, dashes and ellipses their ASCII forms.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // Composed and decomposed accents must compare equal.
    for c in text.nfc() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => out.push('"'),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2bc}' => {
                out.push('\'')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    out
}

/// Checks every quote against the text of its source found in `dir`.
pub fn verify(briefing: &Briefing, dir: &Path) -> Verification {
    let mut result = Verification::default();
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for source in &briefing.sources {
        let quotes: Vec<_> = briefing
            .quotes
            .iter()
            .filter(|q| q.source == source.id)
            .collect();
        let text = match &source.file {
            None => {
                if !quotes.is_empty() {
                    result.diagnostics.push(
                        Diagnostic::warning(
                            format!("source `{}` not verified: it names no `file` with its full text", source.id),
                            Some(source.span.clone()),
                        )
                        .label("no `file`")
                        .help("add `file = \"<name of the source's text file>\"` to verify its quotes"),
                    );
                }
                None
            }
            Some(file) => match read_source(dir, file) {
                Ok(text) => Some(normalize(&text)),
                Err(why) => {
                    result.diagnostics.push(
                        Diagnostic::warning(
                            format!("source `{}` not verified: {why}", source.id),
                            Some(source.span.clone()),
                        )
                        .label("not verified")
                        .help(format!(
                            "put `{file}` in {} to verify its quotes",
                            dir.display()
                        )),
                    );
                    None
                }
            },
        };
        texts.insert(&source.id, text);
    }
    for quote in &briefing.quotes {
        let Some(Some(text)) = texts.get(quote.source.as_str()) else {
            result.unverified += 1;
            continue;
        };
        let wanted = normalize(&quote.text);
        if text.contains(&wanted) {
            result.verified += 1;
            continue;
        }
        result.failed += 1;
        let mut diagnostic = Diagnostic::error(
            format!(
                "quote `{}` does not occur in source `{}`",
                quote.id, quote.source
            ),
            Some(quote.text_span.clone()),
        )
        .label("not found in the source's text");
        diagnostic = match closest_passage(text, &wanted) {
            Some(passage) => diagnostic.help(format!(
                "the closest passage in the source reads: \"{passage}\""
            )),
            None => diagnostic.help("copy the quote verbatim from the source"),
        };
        result.diagnostics.push(diagnostic);
    }
    result
}

/// The largest source text read: an article is a few hundred kilobytes.
pub const MAX_SOURCE_TEXT: u64 = 64 << 20;

fn read_source(dir: &Path, file: &str) -> Result<String, String> {
    // A file name, not a path: a briefing must not read outside the directory.
    if file.contains(['/', '\\']) || file == ".." || file == "." {
        return Err(format!("`{file}` is not a plain file name"));
    }
    let path = dir.join(file);
    let bytes = crate::files::read_regular(&path, MAX_SOURCE_TEXT)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))
}

/// The run of words in `text` sharing the most words with `quote`, as long
/// as the quote; `None` if no word is shared.
pub fn closest_passage(text: &str, quote: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let wanted: Vec<&str> = quote.split(' ').collect();
    let n = wanted.len().min(words.len());
    if n == 0 {
        return None;
    }
    let key = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut need: HashMap<String, i64> = HashMap::new();
    for w in &wanted {
        *need.entry(key(w)).or_default() += 1;
    }
    // Sliding window: `have` counts window words still wanted.
    let mut counts: HashMap<String, i64> = HashMap::new();
    let mut shared = 0i64;
    let mut best = (0i64, 0usize);
    for (i, w) in words.iter().enumerate() {
        let k = key(w);
        let c = counts.entry(k.clone()).or_default();
        *c += 1;
        if *c <= need.get(&k).copied().unwrap_or(0) {
            shared += 1;
        }
        if i >= n {
            let old = key(words[i - n]);
            let c = counts.entry(old.clone()).or_default();
            if *c <= need.get(&old).copied().unwrap_or(0) {
                shared -= 1;
            }
            *c -= 1;
        }
        if i + 1 >= n && shared > best.0 {
            best = (shared, i + 1 - n);
        }
    }
    let passage = words[best.1..best.1 + n].join(" ");
    (best.0 > 0).then(|| passage.trim_matches(['"', '\'', ',', ';']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_typography_and_space() {
        assert_eq!(
            normalize("  “no  hostile\n intentions” — it’s…"),
            "\"no hostile intentions\" - it's..."
        );
        assert_eq!(normalize("Erdog\u{306}an"), normalize("Erdoğan"));
    }

    #[test]
    fn closest_passage_finds_the_best_overlapping_window() {
        let text =
            normalize("The quick brown fox jumps over the lazy dog. Then it sleeps in the sun.");
        assert_eq!(
            closest_passage(&text, "fox jumped over the lazy").as_deref(),
            Some("fox jumps over the lazy")
        );
        assert_eq!(closest_passage(&text, "zebra"), None);
    }
}
