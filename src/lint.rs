//! `brief check --lint`: warnings that hold a briefing to the standards of
//! analytic writing, beyond what makes it valid. Key judgments state
//! likelihood on the ICD 203 scale, in their words and in `likelihood`
//! alike, keep confidence in `confidence`, and cite their sources; claims,
//! quotes and items are checked for what a reader would miss.
//!
//! Each lint is named ([`Lint`]) and can be allowed for the whole file
//! (`[briefing]`'s `lint_allow`) or for one item or key judgment (its own).

use crate::diagnostic::Diagnostic;
use crate::model::{Briefing, Judgment, Likelihood, Lint, Span};

/// Every lint warning of `b`, in file order. `source` is the file's text,
/// used to point at the words of a key judgment; without it a warning
/// points at the whole judgment.
pub fn lint(b: &Briefing, source: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let allowed_in_file = |lint: Lint| b.meta.lint_allow.contains(&lint);
    let mut push = |lint: Lint, allowed: &[Lint], diagnostic: Diagnostic| {
        if !allowed_in_file(lint) && !allowed.contains(&lint) {
            out.push(tagged(lint, diagnostic));
        }
    };
    for (n, judgment) in b.meta.key_judgments.iter().enumerate() {
        for (lint, diagnostic) in judgment_lints(n + 1, judgment, source) {
            push(lint, &judgment.lint_allow, diagnostic);
        }
    }
    for (a, actor) in b.actors.iter().enumerate() {
        let links = &b.index.actors[a];
        let linked = !(links.issues.is_empty()
            && links.positions.is_empty()
            && links.quotes.is_empty()
            && links.events.is_empty()
            && links.claims.is_empty()
            && links.members.is_empty());
        if !linked {
            push(
                Lint::UnlinkedItem,
                &actor.lint_allow,
                Diagnostic::warning(
                    format!("actor `{}` is named by no other item", actor.id),
                    Some(actor.span.clone()),
                )
                .label("nothing links here")
                .help("name it where it takes part (an issue's, event's or claim's actors, a position, a quote's speaker, an affiliation), or remove it"),
            );
        }
    }
    for (i, issue) in b.issues.iter().enumerate() {
        let links = &b.index.issues[i];
        if issue.positions.is_empty()
            && links.quotes.is_empty()
            && links.events.is_empty()
            && links.claims.is_empty()
        {
            push(
                Lint::UnlinkedItem,
                &issue.lint_allow,
                Diagnostic::warning(
                    format!("issue `{}` has no position, and no quote, event or claim names it", issue.id),
                    Some(issue.span.clone()),
                )
                .label("nothing links here")
                .help("add the actors' positions, or name the issue in the quotes, events and claims that bear on it"),
            );
        }
    }
    for quote in &b.quotes {
        if quote.context.is_none() {
            push(
                Lint::QuoteWithoutContext,
                &quote.lint_allow,
                Diagnostic::warning(
                    format!("quote `{}` has no context", quote.id),
                    Some(quote.span.clone()),
                )
                .label("where and when?")
                .help("say where and when the words were said or written: context = \"…\""),
            );
        }
        if quote.speaker.is_none() && quote.issues.is_empty() {
            push(
                Lint::UnlinkedItem,
                &quote.lint_allow,
                unlinked("quote", &quote.id, &quote.span, "a speaker or issues"),
            );
        }
    }
    for event in &b.events {
        if event.actors.is_empty() && event.issues.is_empty() {
            push(
                Lint::UnlinkedItem,
                &event.lint_allow,
                unlinked("event", &event.id, &event.span, "actors or issues"),
            );
        }
    }
    for claim in &b.claims {
        if claim.actors.is_empty() && claim.issues.is_empty() {
            push(
                Lint::UnlinkedItem,
                &claim.lint_allow,
                unlinked("claim", &claim.id, &claim.span, "actors or issues"),
            );
        }
        let sources: Vec<&str> = claim.versions.iter().map(|v| v.source.as_str()).collect();
        if let Some((first, second)) = first_repeat(&sources) {
            push(
                Lint::ClaimSameSource,
                &claim.lint_allow,
                Diagnostic::warning(
                    format!(
                        "versions {} and {} of claim `{}` both cite `{}`",
                        first + 1,
                        second + 1,
                        claim.id,
                        sources[first]
                    ),
                    Some(claim.span.clone()),
                )
                .label("one source, two versions")
                .help("give each version its own source; when the source contradicts itself, say so in `note` and allow it: lint_allow = [\"claim-same-source\"]"),
            );
        }
    }
    out.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    out
}

/// The lint's name at the end of its message, and how to allow it in the
/// help line.
fn tagged(lint: Lint, mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.message = format!("{} [{}]", diagnostic.message, lint.name());
    let allow = format!(
        "or allow it with lint_allow = [\"{}\"] and a comment saying why",
        lint.name()
    );
    diagnostic.help = Some(match diagnostic.help.take() {
        Some(help) if help.contains("lint_allow") => help,
        Some(help) => format!("{help}; {allow}"),
        None => allow,
    });
    diagnostic
}

fn unlinked(kind: &str, id: &str, span: &Span, what: &str) -> Diagnostic {
    Diagnostic::warning(
        format!("{kind} `{id}` names no actor or issue"),
        Some(span.clone()),
    )
    .label("shown only under its sources")
    .help(format!("give it {what}, so that it shows on their pages"))
}

/// The first two places holding the same entry.
fn first_repeat(entries: &[&str]) -> Option<(usize, usize)> {
    (1..entries.len()).find_map(|j| {
        entries[..j]
            .iter()
            .position(|e| *e == entries[j])
            .map(|i| (i, j))
    })
}

/// The words of a text, lowercased, with their byte ranges.
fn words(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = text[s..i].trim_matches(['\'', '’']);
                if !word.is_empty() {
                    out.push((word.to_lowercase(), s..i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Words that state a likelihood, longest first, with the step they name.
const LIKELIHOOD: &[(&[&str], Likelihood)] = &[
    (&["almost", "no", "chance"], Likelihood::AlmostNoChance),
    (&["remote", "chance"], Likelihood::AlmostNoChance),
    (&["remote", "possibility"], Likelihood::AlmostNoChance),
    (
        &["roughly", "even", "chance"],
        Likelihood::RoughlyEvenChance,
    ),
    (&["roughly", "even", "odds"], Likelihood::RoughlyEvenChance),
    (&["even", "chance"], Likelihood::RoughlyEvenChance),
    (&["even", "odds"], Likelihood::RoughlyEvenChance),
    (&["very", "unlikely"], Likelihood::VeryUnlikely),
    (&["highly", "unlikely"], Likelihood::VeryUnlikely),
    (&["highly", "improbable"], Likelihood::VeryUnlikely),
    (&["very", "likely"], Likelihood::VeryLikely),
    (&["highly", "likely"], Likelihood::VeryLikely),
    (&["highly", "probable"], Likelihood::VeryLikely),
    (&["almost", "certain"], Likelihood::AlmostCertain),
    (&["almost", "certainly"], Likelihood::AlmostCertain),
    (&["nearly", "certain"], Likelihood::AlmostCertain),
    (&["nearly", "certainly"], Likelihood::AlmostCertain),
    (&["virtually", "certain"], Likelihood::AlmostCertain),
    (&["not", "likely"], Likelihood::Unlikely),
    (&["unlikely"], Likelihood::Unlikely),
    (&["improbable"], Likelihood::Unlikely),
    (&["likely"], Likelihood::Likely),
    (&["probable"], Likelihood::Likely),
    (&["probably"], Likelihood::Likely),
];

/// Words before a likelihood that make it a comparison, not a step of
/// the scale: "more likely", "as likely as".
const COMPARATIVES: [&str; 5] = ["more", "less", "most", "least", "as"];

/// Hedges that say something may happen without saying how likely it is.
const VAGUE: &[&[&str]] = &[
    &["serious", "possibility"],
    &["real", "possibility"],
    &["distinct", "possibility"],
    &["cannot", "be", "ruled", "out"],
    &["cannot", "rule", "out"],
    &["may"],
    &["might"],
    &["could"],
    &["possibly"],
    &["perhaps"],
    &["conceivably"],
];

/// Confidence stated in words.
const CONFIDENCE: &[&[&str]] = &[
    &["high", "confidence"],
    &["moderate", "confidence"],
    &["medium", "confidence"],
    &["low", "confidence"],
    &["highly", "confident"],
    &["moderately", "confident"],
    &["we", "are", "confident"],
    &["with", "confidence"],
    &["confident", "that"],
];

/// Where `phrase` starts in `words` at `at`, if it does.
fn matches_at(words: &[(String, Span)], at: usize, phrase: &[&str]) -> bool {
    phrase.len() <= words.len() - at && phrase.iter().zip(&words[at..]).all(|(p, (w, _))| p == w)
}

/// A phrase found in a text, and its words as written.
struct Found<T> {
    what: T,
    written: String,
}

fn find<T: Copy>(
    text: &str,
    words: &[(String, Span)],
    phrases: &[(&[&str], T)],
    keep: impl Fn(&[(String, Span)], usize, &str) -> bool,
) -> Vec<Found<T>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let hit = phrases
            .iter()
            .find(|(phrase, _)| matches_at(words, at, phrase));
        match hit {
            Some((phrase, what)) => {
                let range = words[at].1.start..words[at + phrase.len() - 1].1.end;
                if keep(words, at, &text[words[at].1.clone()]) {
                    out.push(Found {
                        what: *what,
                        written: text[range].to_string(),
                    });
                }
                at += phrase.len();
            }
            None => at += 1,
        }
    }
    out
}

/// The warnings about one key judgment (numbered from 1), each with its lint.
fn judgment_lints(n: usize, j: &Judgment, source: Option<&str>) -> Vec<(Lint, Diagnostic)> {
    let text = &j.text;
    let words = words(text);
    let place = |found: &str| Some(locate(source, &j.span, found));
    let mut out = Vec::new();

    let stated = find(text, &words, LIKELIHOOD, |words, at, _| {
        at == 0 || !COMPARATIVES.contains(&words[at - 1].0.as_str())
    });
    match j.likelihood {
        Some(field) => {
            if let Some(other) = stated.iter().find(|f| f.what != field) {
                out.push((
                    Lint::LikelihoodMismatch,
                    Diagnostic::warning(
                        format!(
                            "key judgment {n} says “{}” ({}), but its likelihood is “{}”",
                            other.written,
                            other.what.name(),
                            field.name()
                        ),
                        place(&other.written),
                    )
                    .label(format!("“{}” on the scale", other.what.name()))
                    .help(format!(
                        "make the words and the field agree: reword the judgment, or write likelihood = \"{}\"",
                        other.what.name()
                    )),
                ));
            }
        }
        None => {
            if let Some(first) = stated.first() {
                out.push((
                    Lint::LikelihoodMissing,
                    Diagnostic::warning(
                        format!(
                            "key judgment {n} says “{}” but records no likelihood",
                            first.written
                        ),
                        place(&first.written),
                    )
                    .label(format!("“{}” on the scale", first.what.name()))
                    .help(format!(
                        "add likelihood = \"{}\" to the judgment (as a table: {{ text = \"…\", likelihood = \"{}\" }})",
                        first.what.name(),
                        first.what.name()
                    )),
                ));
            }
        }
    }

    let vague: Vec<(&[&str], ())> = VAGUE.iter().map(|p| (*p, ())).collect();
    // "May" with a capital is the month.
    let hedges = find(text, &words, &vague, |_, _, written| written != "May");
    if let Some(hedge) = hedges.first() {
        let also: Vec<String> = hedges[1..]
            .iter()
            .map(|h| format!("“{}”", h.written))
            .collect();
        let also = match also.as_slice() {
            [] => String::new(),
            _ => format!(" (and {})", also.join(", ")),
        };
        out.push((
            Lint::VagueHedge,
            Diagnostic::warning(
                format!(
                    "key judgment {n} hedges with “{}”{also}, which is off the likelihood scale",
                    hedge.written
                ),
                place(&hedge.written),
            )
            .label("how likely?")
            .help("say how likely with a term of the ICD 203 scale (unlikely, roughly even chance, likely, …) and set `likelihood`; when the hedge is a source's own, keep it and allow it with lint_allow = [\"vague-hedge\"] and a comment saying whose it is"),
        ));
    }

    let confidence: Vec<(&[&str], ())> = CONFIDENCE.iter().map(|p| (*p, ())).collect();
    if let Some(stated) = find(text, &words, &confidence, |_, _, _| true).first() {
        out.push((
            Lint::ConfidenceInText,
            Diagnostic::warning(
                format!(
                    "key judgment {n} states its confidence in its text (“{}”)",
                    stated.written
                ),
                place(&stated.written),
            )
            .label("confidence belongs in `confidence`")
            .help(
                "take it out of the words and set confidence = \"low\", \"moderate\" or \"high\"",
            ),
        ));
    }

    if j.sources.is_empty() {
        out.push((
            Lint::JudgmentWithoutSource,
            Diagnostic::warning(format!("key judgment {n} cites no source"), Some(j.span.clone()))
                .label("on what does it rest?")
                .help("write it as a table and add the sources it rests on: { text = \"…\", sources = [\"…\"] }"),
        ));
    }
    out
}

/// Where `words` are written in the judgment whose text is at `span` of
/// the file: the first place, whole words, any case; the whole text when
/// the file is not at hand or writes them otherwise (an escape, a line
/// break).
fn locate(source: Option<&str>, span: &Span, words: &str) -> Span {
    let Some(written) = source.and_then(|s| s.get(span.clone())) else {
        return span.clone();
    };
    let haystack = written.to_lowercase();
    let needle = words.to_lowercase();
    if haystack.len() != written.len() {
        return span.clone();
    }
    let boundary = |at: usize| {
        haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && haystack[at + needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    haystack
        .match_indices(&needle)
        .map(|(at, _)| at)
        .find(|&at| boundary(at))
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + needle.len()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judgment(text: &str, likelihood: Option<Likelihood>) -> Judgment {
        Judgment {
            text: text.to_string(),
            sources: vec!["s".to_string()],
            confidence: None,
            likelihood,
            lint_allow: Vec::new(),
            span: 0..0,
        }
    }

    fn lints(text: &str, likelihood: Option<Likelihood>) -> Vec<Lint> {
        judgment_lints(1, &judgment(text, likelihood), None)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    #[test]
    fn likelihood_words_are_read_on_the_scale() {
        use Likelihood::*;
        for (text, step) in [
            ("Moscow will probably stall.", Likely),
            ("A handover looks unlikely.", Unlikely),
            ("It is almost certainly over.", AlmostCertain),
            ("Talks are highly improbable.", VeryUnlikely),
            (
                "There is a roughly even chance of a deal.",
                RoughlyEvenChance,
            ),
            ("A deal is not likely.", Unlikely),
            ("There is almost no chance of it.", AlmostNoChance),
        ] {
            assert_eq!(lints(text, Some(step)), [], "{text}");
            assert_eq!(lints(text, None), [Lint::LikelihoodMissing], "{text}");
            let other = if step == Likely { Unlikely } else { Likely };
            assert_eq!(
                lints(text, Some(other)),
                [Lint::LikelihoodMismatch],
                "{text}"
            );
        }
        assert_eq!(lints("The likelihood is hard to judge.", None), []);
        assert_eq!(lints("A deal is more likely than before.", None), []);
    }

    #[test]
    fn hedges_off_the_scale_and_confidence_in_words_are_found() {
        assert_eq!(
            lints("Russia may keep its bases.", None),
            [Lint::VagueHedge]
        );
        assert_eq!(
            lints("There is a serious possibility of talks.", None),
            [Lint::VagueHedge]
        );
        assert_eq!(lints("The visit in May changed little.", None), []);
        assert_eq!(
            lints("We assess with high confidence that it holds.", None),
            [Lint::ConfidenceInText]
        );
        let mut no_source = judgment("It holds.", None);
        no_source.sources.clear();
        let found: Vec<Lint> = judgment_lints(1, &no_source, None)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(found, [Lint::JudgmentWithoutSource]);
    }

    #[test]
    fn a_warning_points_at_the_words_in_the_file() {
        let file = "x = { text = \"It will Probably rain, probably.\" }";
        let start = file.find('"').expect("quote");
        let span = start..file.len() - 2;
        let found = locate(Some(file), &span, "probably");
        assert_eq!(&file[found], "Probably");
        assert_eq!(locate(None, &span, "probably"), span);
        assert_eq!(locate(Some(file), &span, "absent"), span);
    }
}
