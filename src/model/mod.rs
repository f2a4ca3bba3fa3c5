//! The briefing model: what a briefing holds, independent of any terminal.

mod date;
mod index;
mod lint;
mod standards;

use std::ops::Range;

use serde::Serialize;
use strum::{EnumCount, EnumIter, FromRepr, IntoEnumIterator, IntoStaticStr};

pub use date::PartialDate;
pub(crate) use index::hash_id;
pub use index::{ActorLinks, Index, IssueLinks};
pub use lint::{Allowed, Lint};
pub use standards::{
    CREDIBILITY, GradeFilter, Likelihood, RELIABILITY, credibility_meaning, reliability_meaning,
};

/// Byte range in the briefing file where an item is defined.
pub type Span = Range<usize>;

/// A loaded, validated briefing with every cross-reference indexed. Its
/// item lists are reached through [`Items`]: `briefing.quotes`.
#[derive(Clone, Debug)]
pub struct Briefing {
    pub format: u32,
    pub meta: Meta,
    pub items: Items,
    pub index: Index,
}

/// Every item list of a briefing, in the order of the file format. The
/// loader fills it, the index is built from it, the JSON export writes it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Items {
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
}

impl std::ops::Deref for Briefing {
    type Target = Items;

    fn deref(&self) -> &Items {
        &self.items
    }
}

/// The `[briefing]` table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub as_of: Option<PartialDate>,
    pub handling: Option<String>,
    pub summary: String,
    pub key_judgments: Vec<Judgment>,
    pub sources: Vec<String>,
    /// Lints not reported anywhere in the file (`brief check --lint`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Judgment {
    pub text: String,
    pub sources: Vec<String>,
    pub confidence: Option<Confidence>,
    /// ICD 203 likelihood of what the judgment says will happen.
    pub likelihood: Option<Likelihood>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    /// Where the judgment's text is written.
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Moderate,
    High,
}

impl Confidence {
    pub const NAMES: [&'static str; 3] = ["low", "moderate", "high"];

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "low" => Some(Self::Low),
            "moderate" => Some(Self::Moderate),
            "high" => Some(Self::High),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub file: Option<String>,
    /// Admiralty grade of the source's reliability, `A`–`F`.
    pub reliability: Option<char>,
    pub notes: Option<String>,
    pub references: Vec<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    Person,
    State,
    Government,
    ArmedGroup,
    Organization,
    Group,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        Self::Person,
        Self::State,
        Self::Government,
        Self::ArmedGroup,
        Self::Organization,
        Self::Group,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::State => "state",
            Self::Government => "government",
            Self::ArmedGroup => "armed-group",
            Self::Organization => "organization",
            Self::Group => "group",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == text)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub summary: String,
    pub sources: Vec<String>,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub interests: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<String>,
    pub stakes: Option<String>,
    pub actors: Vec<String>,
    pub open_questions: Vec<String>,
    pub indicators: Vec<String>,
    pub positions: Vec<Position>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    #[serde(skip)]
    pub span: Span,
}

/// An actor's stance on an issue; named by `issue-id/actor-id`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Position {
    pub actor: String,
    pub stance: String,
    pub sources: Vec<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub source: String,
    pub speaker: Option<String>,
    pub issues: Vec<String>,
    pub context: Option<String>,
    pub date: Option<PartialDate>,
    /// Admiralty grade of the words' credibility, 1–6.
    pub credibility: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    #[serde(skip)]
    pub span: Span,
    /// Where `text` is written, for messages about the quote's wording.
    #[serde(skip)]
    pub text_span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    pub sources: Vec<String>,
    pub description: Option<String>,
    pub actors: Vec<String>,
    pub issues: Vec<String>,
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    #[serde(skip)]
    pub span: Span,
}

/// A point on which sources disagree, with each source's version.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Claim {
    pub id: String,
    pub topic: String,
    pub issues: Vec<String>,
    pub actors: Vec<String>,
    pub note: Option<String>,
    pub versions: Vec<Version>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lint_allow: Vec<Lint>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Version {
    pub source: String,
    pub says: String,
    /// Admiralty grade of the account's credibility, 1–6.
    pub credibility: Option<u8>,
}

/// The kinds of item a briefing holds, in the order the reader lists them
/// (its tabs) and every list of all items follows. Iteration, count and
/// names are derived: nothing else writes the kinds out in order.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    EnumCount,
    FromRepr,
    IntoStaticStr,
)]
#[strum(serialize_all = "lowercase")]
#[repr(u8)]
pub enum Kind {
    Actor,
    Issue,
    Position,
    Quote,
    Event,
    Source,
    Claim,
}

impl Kind {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The name with an article, for messages: "an issue", "a quote".
    pub fn with_article(self) -> String {
        let article = if matches!(self, Self::Actor | Self::Issue | Self::Event) {
            "an"
        } else {
            "a"
        };
        format!("{article} {}", self.name())
    }
}

/// A reference to one item of a briefing, by position in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    Source(usize),
    Actor(usize),
    Issue(usize),
    Position { issue: usize, position: usize },
    Quote(usize),
    Event(usize),
    Claim(usize),
}

impl ItemRef {
    /// The item of `kind` at `index` (for a position: of the issue at
    /// `index`, the position at `position`; ignored for other kinds).
    pub fn new(kind: Kind, index: usize, position: usize) -> ItemRef {
        match kind {
            Kind::Source => Self::Source(index),
            Kind::Actor => Self::Actor(index),
            Kind::Issue => Self::Issue(index),
            Kind::Position => Self::Position {
                issue: index,
                position,
            },
            Kind::Quote => Self::Quote(index),
            Kind::Event => Self::Event(index),
            Kind::Claim => Self::Claim(index),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Self::Source(_) => Kind::Source,
            Self::Actor(_) => Kind::Actor,
            Self::Issue(_) => Kind::Issue,
            Self::Position { .. } => Kind::Position,
            Self::Quote(_) => Kind::Quote,
            Self::Event(_) => Kind::Event,
            Self::Claim(_) => Kind::Claim,
        }
    }

    /// The item's index among the items of its kind; for a position, its
    /// issue's index and then its own index within that issue (0 for
    /// every other kind).
    pub fn indices(self) -> (usize, usize) {
        match self {
            Self::Position { issue, position } => (issue, position),
            Self::Source(i)
            | Self::Actor(i)
            | Self::Issue(i)
            | Self::Quote(i)
            | Self::Event(i)
            | Self::Claim(i) => (i, 0),
        }
    }
}

impl Items {
    /// How many items of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Source => self.sources.len(),
            Kind::Actor => self.actors.len(),
            Kind::Issue => self.issues.len(),
            Kind::Position => self.issues.iter().map(|i| i.positions.len()).sum(),
            Kind::Quote => self.quotes.len(),
            Kind::Event => self.events.len(),
            Kind::Claim => self.claims.len(),
        }
    }

    /// How many items there are, of every kind.
    pub fn total(&self) -> usize {
        Kind::iter().map(|kind| self.count(kind)).sum()
    }

    /// Every item of `kind`, in file order (positions issue by issue).
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = ItemRef> + '_ {
        let (lists, each) = match kind {
            Kind::Position => (self.issues.len(), None),
            other => (1, Some(other)),
        };
        (0..lists).flat_map(move |issue| {
            let (kind, count, index) = match each {
                Some(kind) => (kind, self.count(kind), None),
                None => (
                    Kind::Position,
                    self.issues[issue].positions.len(),
                    Some(issue),
                ),
            };
            (0..count).map(move |n| match index {
                Some(issue) => ItemRef::new(kind, issue, n),
                None => ItemRef::new(kind, n, 0),
            })
        })
    }

    /// An item's id; a position has none (see [`Briefing::item_id`]) and
    /// gives its actor's.
    pub fn id(&self, item: ItemRef) -> &str {
        match item {
            ItemRef::Source(i) => &self.sources[i].id,
            ItemRef::Actor(i) => &self.actors[i].id,
            ItemRef::Issue(i) => &self.issues[i].id,
            ItemRef::Position { issue, position } => &self.issues[issue].positions[position].actor,
            ItemRef::Quote(i) => &self.quotes[i].id,
            ItemRef::Event(i) => &self.events[i].id,
            ItemRef::Claim(i) => &self.claims[i].id,
        }
    }

    /// Every item, kind by kind in [`Kind`]'s order.
    pub fn all(&self) -> impl Iterator<Item = ItemRef> + '_ {
        Kind::iter().flat_map(|kind| self.of_kind(kind))
    }
}

impl Briefing {
    /// The item an id names, in O(1).
    pub fn get(&self, id: &str) -> Option<ItemRef> {
        self.index.get(&self.items, id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.get(id)? {
            ItemRef::Source(i) => self.sources.get(i),
            _ => None,
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        match self.get(id)? {
            ItemRef::Actor(i) => self.actors.get(i),
            _ => None,
        }
    }

    pub fn issue(&self, id: &str) -> Option<&Issue> {
        match self.get(id)? {
            ItemRef::Issue(i) => self.issues.get(i),
            _ => None,
        }
    }

    pub fn quote(&self, id: &str) -> Option<&Quote> {
        match self.get(id)? {
            ItemRef::Quote(i) => self.quotes.get(i),
            _ => None,
        }
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        match self.get(id)? {
            ItemRef::Event(i) => self.events.get(i),
            _ => None,
        }
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        match self.get(id)? {
            ItemRef::Claim(i) => self.claims.get(i),
            _ => None,
        }
    }

    /// The stable name of an item: its id, or `issue/actor` for a position.
    pub fn item_id(&self, item: ItemRef) -> String {
        match item {
            ItemRef::Position { issue, position } => {
                let issue = &self.issues[issue];
                format!("{}/{}", issue.id, issue.positions[position].actor)
            }
            other => self.id(other).to_string(),
        }
    }

    /// A short human title for an item.
    pub fn item_title(&self, item: ItemRef) -> String {
        match item {
            ItemRef::Source(i) => self.sources[i].title.clone(),
            ItemRef::Actor(i) => self.actors[i].name.clone(),
            ItemRef::Issue(i) => self.issues[i].title.clone(),
            ItemRef::Position { issue, position } => {
                let issue = &self.issues[issue];
                let actor = &issue.positions[position].actor;
                let name = self
                    .actor(actor)
                    .map_or(actor.as_str(), |a| a.name.as_str());
                format!("{name} on {}", issue.title)
            }
            ItemRef::Quote(i) => self.quotes[i].text.clone(),
            ItemRef::Event(i) => self.events[i].title.clone(),
            ItemRef::Claim(i) => self.claims[i].topic.clone(),
        }
    }

    /// Counts per kind, as shown by `brief check`.
    pub fn counts_line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            plural(self.sources.len(), "source", "sources"),
            plural(self.actors.len(), "actor", "actors"),
            plural(self.issues.len(), "issue", "issues"),
            plural(self.quotes.len(), "quote", "quotes"),
            plural(self.events.len(), "event", "events"),
            plural(self.claims.len(), "claim", "claims"),
        ]
        .join(" · ")
    }
}
