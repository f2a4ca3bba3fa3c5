//! The analytic standards a briefing's grades follow: the ICD 203 scale of
//! likelihood for key judgments, and the two Admiralty (NATO) axes for
//! information, the reliability of a source (A–F) and the credibility of
//! what it says (1–6). Also a filter on the two axes: "A-B,1-2".

use serde::Serialize;
use strum::{EnumIter, IntoEnumIterator};

use super::{Briefing, Version};

/// How likely a key judgment says its event is, on the seven-step scale
/// of ICD 203 (Analytic Standards), from its term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, EnumIter)]
pub enum Likelihood {
    #[serde(rename = "almost no chance")]
    AlmostNoChance,
    #[serde(rename = "very unlikely")]
    VeryUnlikely,
    #[serde(rename = "unlikely")]
    Unlikely,
    #[serde(rename = "roughly even chance")]
    RoughlyEvenChance,
    #[serde(rename = "likely")]
    Likely,
    #[serde(rename = "very likely")]
    VeryLikely,
    #[serde(rename = "almost certain")]
    AlmostCertain,
}

impl Likelihood {
    /// The term as written in a briefing's `likelihood` field.
    pub fn name(self) -> &'static str {
        match self {
            Self::AlmostNoChance => "almost no chance",
            Self::VeryUnlikely => "very unlikely",
            Self::Unlikely => "unlikely",
            Self::RoughlyEvenChance => "roughly even chance",
            Self::Likely => "likely",
            Self::VeryLikely => "very likely",
            Self::AlmostCertain => "almost certain",
        }
    }

    /// The paired term ICD 203 allows in its place.
    pub fn synonym(self) -> &'static str {
        match self {
            Self::AlmostNoChance => "remote",
            Self::VeryUnlikely => "highly improbable",
            Self::Unlikely => "improbable",
            Self::RoughlyEvenChance => "roughly even odds",
            Self::Likely => "probable",
            Self::VeryLikely => "highly probable",
            Self::AlmostCertain => "nearly certain",
        }
    }

    /// The probabilities the term stands for, in percent.
    pub fn percent(self) -> (u8, u8) {
        match self {
            Self::AlmostNoChance => (1, 5),
            Self::VeryUnlikely => (5, 20),
            Self::Unlikely => (20, 45),
            Self::RoughlyEvenChance => (45, 55),
            Self::Likely => (55, 80),
            Self::VeryLikely => (80, 95),
            Self::AlmostCertain => (95, 99),
        }
    }

    pub fn parse(text: &str) -> Option<Likelihood> {
        Likelihood::iter().find(|l| l.name() == text)
    }

    /// "likely (probable, 55–80%)", for help lines and schema docs.
    pub fn describe(self) -> String {
        let (low, high) = self.percent();
        format!("{} ({}, {low}–{high}%)", self.name(), self.synonym())
    }
}

/// Admiralty grades of a source's reliability, A to F, with their meanings.
pub const RELIABILITY: [(char, &str); 6] = [
    ('A', "completely reliable"),
    ('B', "usually reliable"),
    ('C', "fairly reliable"),
    ('D', "not usually reliable"),
    ('E', "unreliable"),
    ('F', "reliability cannot be judged"),
];

/// Admiralty grades of information's credibility, 1 to 6, with their meanings.
pub const CREDIBILITY: [(u8, &str); 6] = [
    (1, "confirmed by other sources"),
    (2, "probably true"),
    (3, "possibly true"),
    (4, "doubtful"),
    (5, "improbable"),
    (6, "truth cannot be judged"),
];

/// What a reliability grade means; `grade` is one of A–F.
pub fn reliability_meaning(grade: char) -> &'static str {
    RELIABILITY
        .iter()
        .find(|(g, _)| *g == grade)
        .map_or(RELIABILITY[5].1, |(_, meaning)| meaning)
}

/// What a credibility grade means; `grade` is one of 1–6.
pub fn credibility_meaning(grade: u8) -> &'static str {
    CREDIBILITY
        .iter()
        .find(|(g, _)| *g == grade)
        .map_or(CREDIBILITY[5].1, |(_, meaning)| meaning)
}

/// Which grades pass: a range of reliability, of credibility, or both,
/// written `A-B,1-2`, `A-C`, `2`, `B,1-3`. An axis the filter names is
/// required: an ungraded quote does not pass `A-B`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GradeFilter {
    pub reliability: Option<(char, char)>,
    pub credibility: Option<(u8, u8)>,
}

impl GradeFilter {
    pub fn parse(text: &str) -> Result<GradeFilter, String> {
        let mut filter = GradeFilter {
            reliability: None,
            credibility: None,
        };
        for part in text.split(',').map(str::trim) {
            let (low, high) = match part.split_once('-') {
                Some((low, high)) => (low.trim(), high.trim()),
                None => (part, part),
            };
            let one = |s: &str| {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(c.to_ascii_uppercase()),
                    _ => None,
                }
            };
            match (one(low), one(high)) {
                (Some(a @ 'A'..='F'), Some(b @ 'A'..='F')) if a <= b => {
                    if filter.reliability.replace((a, b)).is_some() {
                        return Err(format!("`{text}` names reliability twice"));
                    }
                }
                (Some(a @ '1'..='6'), Some(b @ '1'..='6')) if a <= b => {
                    let digit = |c: char| c as u8 - b'0';
                    if filter.credibility.replace((digit(a), digit(b))).is_some() {
                        return Err(format!("`{text}` names credibility twice"));
                    }
                }
                _ => {
                    return Err(format!(
                        "`{part}` is not a grade range: write reliability as A-F (e.g. A-B) and credibility as 1-6 (e.g. 1-2), separated by a comma"
                    ));
                }
            }
        }
        Ok(filter)
    }

    /// True when both grades are in the filter's ranges (an axis it does
    /// not name lets anything through).
    pub fn passes(&self, reliability: Option<char>, credibility: Option<u8>) -> bool {
        let reliable = self
            .reliability
            .is_none_or(|(low, high)| reliability.is_some_and(|g| (low..=high).contains(&g)));
        let credible = self
            .credibility
            .is_none_or(|(low, high)| credibility.is_some_and(|g| (low..=high).contains(&g)));
        reliable && credible
    }

    /// Whether the quote at `index` passes: its source's reliability, its
    /// own credibility.
    pub fn quote(&self, b: &Briefing, index: usize) -> bool {
        let q = &b.quotes[index];
        self.passes(
            b.source(&q.source).and_then(|s| s.reliability),
            q.credibility,
        )
    }

    /// Whether a claim's version passes: its source's reliability, its own
    /// credibility.
    pub fn version(&self, b: &Briefing, version: &Version) -> bool {
        self.passes(
            b.source(&version.source).and_then(|s| s.reliability),
            version.credibility,
        )
    }
}

impl std::fmt::Display for GradeFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let range = |a: String, b: String| if a == b { a } else { format!("{a}-{b}") };
        let parts: Vec<String> = [
            self.reliability
                .map(|(a, b)| range(a.to_string(), b.to_string())),
            self.credibility
                .map(|(a, b)| range(a.to_string(), b.to_string())),
        ]
        .into_iter()
        .flatten()
        .collect();
        f.write_str(&parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_either_axis_or_both() {
        let f = GradeFilter::parse("A-B,1-2").expect("valid");
        assert_eq!(f.reliability, Some(('A', 'B')));
        assert_eq!(f.credibility, Some((1, 2)));
        assert_eq!(f.to_string(), "A-B,1-2");
        let f = GradeFilter::parse(" c , 3 ").expect("valid");
        assert_eq!(
            (f.reliability, f.credibility),
            (Some(('C', 'C')), Some((3, 3)))
        );
        assert_eq!(f.to_string(), "C,3");
        for bad in [
            "",
            "G",
            "B-A",
            "0-2",
            "1-7",
            "A-B,C",
            "AB",
            "A-B,1-2,x",
            "A-2",
        ] {
            assert!(GradeFilter::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_filter_requires_the_axes_it_names() {
        let f = GradeFilter::parse("A-B,1-2").expect("valid");
        assert!(f.passes(Some('A'), Some(2)));
        assert!(f.passes(Some('B'), Some(1)));
        assert!(!f.passes(Some('C'), Some(1)));
        assert!(!f.passes(Some('A'), Some(3)));
        assert!(!f.passes(None, Some(1)));
        assert!(!f.passes(Some('A'), None));
        let reliability_only = GradeFilter::parse("A-C").expect("valid");
        assert!(reliability_only.passes(Some('C'), None));
        assert!(!reliability_only.passes(Some('D'), Some(1)));
        let credibility_only = GradeFilter::parse("1-2").expect("valid");
        assert!(credibility_only.passes(None, Some(2)));
        assert!(!credibility_only.passes(Some('A'), Some(3)));
    }

    #[test]
    fn the_likelihood_scale_is_in_order_and_named_once() {
        let all: Vec<Likelihood> = Likelihood::iter().collect();
        assert_eq!(all.len(), 7);
        for pair in all.windows(2) {
            assert_eq!(pair[0].percent().1, pair[1].percent().0);
        }
        for l in all {
            assert_eq!(Likelihood::parse(l.name()), Some(l));
            assert_eq!(
                serde_json::to_value(l).expect("serialises"),
                serde_json::Value::from(l.name())
            );
        }
        assert_eq!(Likelihood::parse("probable"), None);
    }
}
