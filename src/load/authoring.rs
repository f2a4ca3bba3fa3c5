//! The fields of format 1 that serve its authors: an ICD 203 `likelihood`
//! on key judgments, an Admiralty `credibility` on quotes and claim
//! versions, and the `lint_allow` lists that `brief check --lint` obeys.

use super::Checker;
use super::fields::Fields;
use crate::diagnostic::Diagnostic;
use crate::model::{Allowed, CREDIBILITY, Likelihood, Lint};

/// `credibility`: an integer from 1 to 6.
pub(super) fn credibility(f: &mut Fields, checker: &mut Checker) -> Option<u8> {
    let (grade, span) = f.opt_int(checker, "credibility")?;
    match u8::try_from(grade) {
        Ok(g @ 1..=6) => Some(g),
        _ => {
            let grades: Vec<String> = CREDIBILITY
                .iter()
                .map(|(g, meaning)| format!("{g} ({meaning})"))
                .collect();
            checker.push(
                Diagnostic::error(format!("bad credibility grade `{grade}`"), Some(span))
                    .label("not an Admiralty credibility grade")
                    .help(format!("write a number from 1 to 6: {}", grades.join(", "))),
            );
            None
        }
    }
}

/// `likelihood`: one of the seven terms of ICD 203.
pub(super) fn likelihood(f: &mut Fields, checker: &mut Checker) -> Option<Likelihood> {
    let (term, span) = f.opt_spanned_text(checker, "likelihood")?;
    let parsed = Likelihood::parse(&term);
    if parsed.is_none() {
        use strum::IntoEnumIterator;
        let names: Vec<&str> = Likelihood::iter().map(Likelihood::name).collect();
        // A synonym is not a value: the field holds the scale's own term.
        let synonym = Likelihood::iter().find(|l| l.synonym() == term.to_lowercase());
        let help = match (
            synonym,
            super::references::closest(&term, names.iter().copied()),
        ) {
            (Some(l), _) => format!("write `{}`, the scale's term for {term}", l.name()),
            (None, Some(best)) => {
                format!("did you mean `{best}`? The terms are: {}", names.join(", "))
            }
            (None, None) => format!("write one of: {}", names.join(", ")),
        };
        checker.push(
            Diagnostic::error(format!("unknown likelihood `{term}`"), Some(span))
                .label("not a term of the ICD 203 scale")
                .help(help),
        );
    }
    parsed
}

/// `lint_allow`: names of lints not to report for the table's item, or
/// (`at` is `None`, in `[briefing]`) for the whole file.
pub(super) fn lint_allow(f: &mut Fields, checker: &mut Checker, at: Option<Allowed>) -> Vec<Lint> {
    let mut out = Vec::new();
    for (name, span) in f.texts(checker, "lint_allow") {
        let Some(lint) = Lint::parse(&name) else {
            use strum::IntoEnumIterator;
            let names: Vec<&str> = Lint::iter().map(Lint::name).collect();
            let help = match super::references::closest(&name, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the lints are: {}", names.join(", ")),
            };
            checker.push(
                Diagnostic::error(format!("unknown lint `{name}`"), Some(span))
                    .label("not a lint of `brief check --lint`")
                    .help(help),
            );
            continue;
        };
        if let Some(at) = at
            && !lint.applies_to(at)
        {
            let here: Vec<&str> = Lint::allowed_at(at).map(Lint::name).collect();
            let help = match here.as_slice() {
                [] => "allow it in `[briefing]`'s lint_allow, or remove it".to_string(),
                _ => format!(
                    "the lints reported here are: {}; remove this one",
                    here.join(", ")
                ),
            };
            checker.push(
                Diagnostic::error(
                    format!("lint `{name}` is never reported for {}", at.with_article()),
                    Some(span),
                )
                .label("allowed where it cannot occur")
                .help(help),
            );
            continue;
        }
        if !out.contains(&lint) {
            out.push(lint);
        }
    }
    out
}
