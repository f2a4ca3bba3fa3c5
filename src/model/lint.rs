//! The names of the lints `brief check --lint` reports, and where each may
//! be allowed: a briefing's `lint_allow` lists hold these. The checks
//! themselves are in [`crate::lint`].

use serde::Serialize;
use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

use super::Kind;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, IntoStaticStr, Serialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// The words of a key judgment state a likelihood other than its field's.
    LikelihoodMismatch,
    /// The words of a key judgment state a likelihood its field does not record.
    LikelihoodMissing,
    /// A key judgment hedges off the likelihood scale ("may", "could").
    VagueHedge,
    /// A key judgment states its confidence in its text.
    ConfidenceInText,
    /// A key judgment cites no source.
    JudgmentWithoutSource,
    /// Two versions of a claim cite the same source.
    ClaimSameSource,
    /// A quote does not say where or when it was said.
    QuoteWithoutContext,
    /// No other item links to the item.
    UnlinkedItem,
}

/// What a `lint_allow` list belongs to, besides the whole file's in
/// `[briefing]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    KeyJudgment,
    Item(Kind),
}

impl Lint {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Option<Lint> {
        Lint::iter().find(|l| l.name() == text)
    }

    /// What the lint reports, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Self::LikelihoodMismatch => {
                "a key judgment whose words state a likelihood other than its `likelihood`"
            }
            Self::LikelihoodMissing => {
                "a key judgment whose words state a likelihood that its `likelihood` does not record"
            }
            Self::VagueHedge => {
                "a key judgment that hedges off the likelihood scale (\"may\", \"could\", \"possibly\", \"serious possibility\")"
            }
            Self::ConfidenceInText => {
                "a key judgment that states its confidence in its text instead of in `confidence`"
            }
            Self::JudgmentWithoutSource => "a key judgment that cites no source",
            Self::ClaimSameSource => "a claim two of whose versions cite the same source",
            Self::QuoteWithoutContext => "a quote with no `context`",
            Self::UnlinkedItem => {
                "an actor or issue that no other item names, or a quote, event or claim that names no actor or issue"
            }
        }
    }

    /// True when the lint can be reported about what `at` is, and so be
    /// allowed there.
    pub fn applies_to(self, at: Allowed) -> bool {
        match self {
            Self::LikelihoodMismatch
            | Self::LikelihoodMissing
            | Self::VagueHedge
            | Self::ConfidenceInText
            | Self::JudgmentWithoutSource => at == Allowed::KeyJudgment,
            Self::ClaimSameSource => at == Allowed::Item(Kind::Claim),
            Self::QuoteWithoutContext => at == Allowed::Item(Kind::Quote),
            Self::UnlinkedItem => matches!(
                at,
                Allowed::Item(Kind::Actor | Kind::Issue | Kind::Quote | Kind::Event | Kind::Claim)
            ),
        }
    }

    /// The lints that can be allowed at `at`, in order.
    pub fn allowed_at(at: Allowed) -> impl Iterator<Item = Lint> {
        Lint::iter().filter(move |l| l.applies_to(at))
    }
}

impl Allowed {
    /// Every place a `lint_allow` list other than `[briefing]`'s can be.
    pub const ALL: [Allowed; 6] = [
        Allowed::KeyJudgment,
        Allowed::Item(Kind::Actor),
        Allowed::Item(Kind::Issue),
        Allowed::Item(Kind::Quote),
        Allowed::Item(Kind::Event),
        Allowed::Item(Kind::Claim),
    ];

    /// "a key judgment", "a quote".
    pub fn with_article(self) -> String {
        match self {
            Allowed::KeyJudgment => "a key judgment".to_string(),
            Allowed::Item(kind) => kind.with_article(),
        }
    }
}
