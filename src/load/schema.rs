//! The briefing schema: one function per table, each reading its fields
//! through [`Fields`] so that every problem is reported, not just the first.

use super::tree::{Node, Table};

use super::Checker;
use super::authoring::{credibility, likelihood, lint_allow};
use super::fields::{Fields, type_name};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Actor, ActorKind, Allowed, Claim, Confidence, Event, Issue, Items, Judgment, Kind, Meta,
    Position, Quote, Source, Span, Version,
};

/// The format this build reads.
pub const FORMAT: i64 = 1;

/// What a walk of a briefing file (or of a piece of one) found: the
/// `[briefing]` table and the items, before indexing.
#[derive(Default)]
pub(super) struct Walked {
    pub meta: Meta,
    pub items: Items,
}

/// Checks `format` first: a newer file is not read any further, since its
/// fields may mean something this build does not know.
pub(super) fn walk(root: &Table, checker: &mut Checker) -> Option<Walked> {
    let mut fields = Fields::new(root, 0..0, "the briefing file");
    if !format_is_readable(root, checker) {
        return None;
    }
    fields.skip("format");
    let mut walked = Walked::default();
    match root.get("briefing") {
        Some(value) => match &value.node {
            Node::Table(table) => {
                walked.meta = meta(
                    Fields::new(table, value.span.clone(), "`[briefing]`"),
                    checker,
                );
            }
            other => checker.push(
                Diagnostic::error(
                    format!("`briefing` must be a table, found {}", type_name(other)),
                    Some(value.span.clone()),
                )
                .label("expected a [briefing] table")
                .help("write the briefing's fields under a `[briefing]` header"),
            ),
        },
        None => checker.push(
            Diagnostic::error("the file has no `[briefing]` table", Some(0..0))
                .label("expected here")
                .help("add a `[briefing]` table with id, title, as_of and summary"),
        ),
    }
    fields.skip("briefing");
    walk_items(&mut fields, checker, &mut walked.items);
    fields.finish(checker);
    Some(walked)
}

/// The item tables a briefing file holds, in the order items are kept.
pub(super) const ITEM_TABLES: [&str; 6] =
    ["sources", "actors", "issues", "quotes", "events", "claims"];

/// Reads the `[[sources]]` … `[[claims]]` arrays of `fields`' table.
pub(super) fn walk_items(fields: &mut Fields, checker: &mut Checker, items: &mut Items) {
    read(fields, checker, "sources", &mut items.sources, source);
    read(fields, checker, "actors", &mut items.actors, actor);
    read(fields, checker, "issues", &mut items.issues, issue);
    read(fields, checker, "quotes", &mut items.quotes, quote);
    read(fields, checker, "events", &mut items.events, event);
    read(fields, checker, "claims", &mut items.claims, claim);
}

/// Reads the `[[key]]` tables of `fields` into `list`, made to size first:
/// a list that grows keeps up to half its room unused.
fn read<T>(
    fields: &mut Fields,
    checker: &mut Checker,
    key: &'static str,
    list: &mut Vec<T>,
    item: impl Fn(Fields, &mut Checker) -> Option<T>,
) {
    let tables = fields.tables(checker, key);
    list.reserve_exact(tables.len());
    let what = &key[..key.len() - 1];
    for (table, span) in tables {
        list.extend(item(Fields::new(table, span, what), checker));
    }
}

impl Items {
    /// Moves every item's spans by `base`: items read from a piece of a
    /// file get the places they have in the whole file.
    pub(crate) fn shift(&mut self, base: usize) {
        let shift = |span: &mut Span| *span = span.start + base..span.end + base;
        let Items {
            sources,
            actors,
            issues,
            quotes,
            events,
            claims,
        } = self;
        sources.iter_mut().for_each(|x| shift(&mut x.span));
        actors.iter_mut().for_each(|x| shift(&mut x.span));
        for issue in issues {
            shift(&mut issue.span);
            issue.positions.iter_mut().for_each(|p| shift(&mut p.span));
        }
        for quote in quotes {
            shift(&mut quote.span);
            shift(&mut quote.text_span);
        }
        events.iter_mut().for_each(|x| shift(&mut x.span));
        claims.iter_mut().for_each(|x| shift(&mut x.span));
    }

    /// Empty lists with room for all the items of `parts`.
    pub fn with_capacity<'a>(parts: impl Iterator<Item = &'a Items> + Clone) -> Items {
        let sum = |count: fn(&Items) -> usize| parts.clone().map(count).sum::<usize>();
        Items {
            sources: Vec::with_capacity(sum(|i| i.sources.len())),
            actors: Vec::with_capacity(sum(|i| i.actors.len())),
            issues: Vec::with_capacity(sum(|i| i.issues.len())),
            quotes: Vec::with_capacity(sum(|i| i.quotes.len())),
            events: Vec::with_capacity(sum(|i| i.events.len())),
            claims: Vec::with_capacity(sum(|i| i.claims.len())),
        }
    }

    /// Appends another piece's items after these.
    pub(crate) fn append(&mut self, mut other: Items) {
        let Items {
            sources,
            actors,
            issues,
            quotes,
            events,
            claims,
        } = &mut other;
        self.sources.append(sources);
        self.actors.append(actors);
        self.issues.append(issues);
        self.quotes.append(quotes);
        self.events.append(events);
        self.claims.append(claims);
    }
}

fn format_is_readable(root: &Table, checker: &mut Checker) -> bool {
    let Some(value) = root.get("format") else {
        checker.push(
            Diagnostic::error(
                "the file does not say which briefing format it is",
                Some(0..0),
            )
            .label("`format` is missing")
            .help(format!("add `format = {FORMAT}` as the first line")),
        );
        return true;
    };
    let number = match &value.node {
        Node::Int(n) => *n,
        _ => None,
    };
    match number {
        Some(FORMAT) => true,
        Some(n) if n > FORMAT => {
            checker.push(
                Diagnostic::error(
                    format!(
                        "this briefing needs a newer brief (format {n}, this brief reads {FORMAT})"
                    ),
                    Some(value.span.clone()),
                )
                .label("newer format")
                .help("install a newer brief to read this file"),
            );
            false
        }
        _ => {
            checker.push(
                Diagnostic::error(
                    format!("`format` must be the integer {FORMAT}"),
                    Some(value.span.clone()),
                )
                .label("unknown format")
                .help(format!("write `format = {FORMAT}`")),
            );
            true
        }
    }
}

fn meta(mut f: Fields, checker: &mut Checker) -> Meta {
    let id = f.spanned_text(checker, "id");
    if let Some((id, span)) = &id
        && let Some(error) = super::references::too_long(id, span)
    {
        checker.push(error);
    } else if let Some((id, span)) = &id
        && !super::references::is_valid_id(id)
    {
        // The briefing's id names its review state, so it follows the id rules,
        // but it is not an item and so not in the item namespace.
        checker.push(
            Diagnostic::error(format!("bad id `{}`", super::references::shown(id)), Some(span.clone()))
                .label("not a valid id")
                .help("ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"),
        );
    }
    let meta = Meta {
        id: id.map(|(id, _)| id).unwrap_or_default(),
        title: f.text(checker, "title").unwrap_or_default(),
        subtitle: f.opt_text(checker, "subtitle"),
        as_of: f.date(checker, "as_of"),
        handling: f.opt_text(checker, "handling"),
        summary: f.text(checker, "summary").unwrap_or_default(),
        key_judgments: judgments(&mut f, checker),
        sources: f.references(checker, "sources", Kind::Source),
        lint_allow: lint_allow(&mut f, checker, None),
    };
    f.finish(checker);
    meta
}

/// `key_judgments`: each a string, or `{ text, sources, confidence }`.
fn judgments(f: &mut Fields, checker: &mut Checker) -> Vec<Judgment> {
    let mut out = Vec::new();
    for value in f.values(checker, "key_judgments") {
        match &value.node {
            Node::Str(text) if !text.trim().is_empty() => out.push(Judgment {
                text: text.to_string(),
                sources: Vec::new(),
                confidence: None,
                likelihood: None,
                lint_allow: Vec::new(),
                span: value.span.clone(),
            }),
            Node::Table(table) => {
                let mut j = Fields::new(table, value.span.clone(), "key judgment");
                let text = j.spanned_text(checker, "text");
                let sources = j.references(checker, "sources", Kind::Source);
                let confidence = j
                    .opt_spanned_text(checker, "confidence")
                    .and_then(|(c, span)| {
                        let parsed = Confidence::parse(&c);
                        if parsed.is_none() {
                            checker.push(
                                Diagnostic::error(format!("unknown confidence `{c}`"), Some(span))
                                    .label("not a confidence level")
                                    .help(format!(
                                        "write one of: {}",
                                        Confidence::NAMES.join(", ")
                                    )),
                            );
                        }
                        parsed
                    });
                let likelihood = likelihood(&mut j, checker);
                let lint_allow = lint_allow(&mut j, checker, Some(Allowed::KeyJudgment));
                j.finish(checker);
                if let Some((text, span)) = text {
                    out.push(Judgment {
                        text,
                        sources,
                        confidence,
                        likelihood,
                        lint_allow,
                        span,
                    });
                }
            }
            other => checker.push(
                Diagnostic::error(
                    format!(
                        "a key judgment must be a non-empty string or a table, found {}",
                        if matches!(other, Node::Str(_)) {
                            "an empty string"
                        } else {
                            type_name(other)
                        }
                    ),
                    Some(value.span.clone()),
                )
                .label("not a key judgment")
                .help(
                    "write \"…\" or { text = \"…\", sources = [\"…\"], confidence = \"moderate\" }",
                ),
            ),
        }
    }
    out
}

fn source(mut f: Fields, checker: &mut Checker) -> Option<Source> {
    let id = f.id(checker, Kind::Source);
    let mut source = Source {
        title: f.text(checker, "title").unwrap_or_default(),
        outlet: f.opt_text(checker, "outlet"),
        published: f.opt_date(checker, "published"),
        url: f.opt_text(checker, "url"),
        file: f.opt_text(checker, "file"),
        reliability: None,
        notes: f.opt_text(checker, "notes"),
        references: f.plain_texts(checker, "references"),
        span: f.span(),
        id: String::new(),
    };
    if let Some((grade, span)) = f.opt_spanned_text(checker, "reliability") {
        match grade.as_bytes() {
            [c @ b'A'..=b'F'] => source.reliability = Some(char::from(*c)),
            _ => checker.push(
                Diagnostic::error(format!("bad reliability grade `{grade}`"), Some(span))
                    .label("not an Admiralty grade")
                    .help("write one letter from A (completely reliable) to F (cannot be judged)"),
            ),
        }
    }
    f.finish(checker);
    source.id = id?;
    Some(source)
}

fn actor(mut f: Fields, checker: &mut Checker) -> Option<Actor> {
    let id = f.id(checker, Kind::Actor);
    let name = f.text(checker, "name");
    let kind = f.spanned_text(checker, "kind").and_then(|(kind, span)| {
        let parsed = ActorKind::parse(&kind);
        if parsed.is_none() {
            let names: Vec<&str> = ActorKind::ALL.iter().map(|k| k.name()).collect();
            let help = match super::references::closest(&kind, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? The kinds are: {}", names.join(", ")),
                None => format!("write one of: {}", names.join(", ")),
            };
            checker.push(
                Diagnostic::error(format!("unknown actor kind `{kind}`"), Some(span))
                    .label("not an actor kind")
                    .help(help),
            );
        }
        parsed
    });
    let actor = Actor {
        id: String::new(),
        name: name.unwrap_or_default(),
        kind: kind.unwrap_or(ActorKind::Person),
        summary: f.text(checker, "summary").unwrap_or_default(),
        sources: f.cited_sources(checker),
        aliases: f.plain_texts(checker, "aliases"),
        role: f.opt_text(checker, "role"),
        affiliation: f.opt_reference(checker, "affiliation", Kind::Actor),
        interests: f.plain_texts(checker, "interests"),
        lint_allow: lint_allow(&mut f, checker, Some(Allowed::Item(Kind::Actor))),
        span: f.span(),
    };
    f.finish(checker);
    kind?;
    Some(Actor { id: id?, ..actor })
}

fn issue(mut f: Fields, checker: &mut Checker) -> Option<Issue> {
    let id = f.id(checker, Kind::Issue);
    let mut issue = Issue {
        title: f.text(checker, "title").unwrap_or_default(),
        summary: f.text(checker, "summary").unwrap_or_default(),
        sources: f.cited_sources(checker),
        stakes: f.opt_text(checker, "stakes"),
        actors: f.references(checker, "actors", Kind::Actor),
        open_questions: f.plain_texts(checker, "open_questions"),
        indicators: f.plain_texts(checker, "indicators"),
        lint_allow: lint_allow(&mut f, checker, Some(Allowed::Item(Kind::Issue))),
        span: f.span(),
        ..Issue::default()
    };
    let owner = id.as_deref().unwrap_or("?");
    let mut seen: Vec<(String, Span)> = Vec::new();
    for (table, span) in f.tables(checker, "positions") {
        let mut p = Fields::new(
            table,
            span.clone(),
            format!("a position on issue `{owner}`"),
        );
        let actor = p.reference(checker, "actor", Kind::Actor);
        let position = Position {
            actor: actor.clone().unwrap_or_default(),
            stance: p.text(checker, "stance").unwrap_or_default(),
            sources: p.cited_sources(checker),
            span: span.clone(),
        };
        p.finish(checker);
        let Some(actor) = actor else { continue };
        if let Some((_, first)) = seen.iter().find(|(a, _)| *a == actor) {
            checker.push(
                Diagnostic::error(
                    format!("actor `{actor}` has two positions on issue `{owner}`"),
                    Some(span),
                )
                .label("second position")
                .related(first.clone(), "first position here")
                .help("merge the two stances into one position"),
            );
            continue;
        }
        seen.push((actor, span));
        issue.positions.push(position);
    }
    f.finish(checker);
    issue.id = id?;
    Some(issue)
}

fn quote(mut f: Fields, checker: &mut Checker) -> Option<Quote> {
    let id = f.id(checker, Kind::Quote);
    let text = f.spanned_text(checker, "text");
    let quote = Quote {
        id: String::new(),
        source: f
            .reference(checker, "source", Kind::Source)
            .unwrap_or_default(),
        speaker: f.opt_reference(checker, "speaker", Kind::Actor),
        issues: f.references(checker, "issues", Kind::Issue),
        context: f.opt_text(checker, "context"),
        date: f.opt_date(checker, "date"),
        credibility: credibility(&mut f, checker),
        lint_allow: lint_allow(&mut f, checker, Some(Allowed::Item(Kind::Quote))),
        span: f.span(),
        text: String::new(),
        text_span: 0..0,
    };
    f.finish(checker);
    let (text, text_span) = text?;
    Some(Quote {
        id: id?,
        text,
        text_span,
        ..quote
    })
}

fn event(mut f: Fields, checker: &mut Checker) -> Option<Event> {
    let id = f.id(checker, Kind::Event);
    let date = f.date(checker, "date");
    let title = f.text(checker, "title");
    let event = Event {
        id: String::new(),
        date: date.unwrap_or(crate::model::PartialDate {
            year: 0,
            month: None,
            day: None,
        }),
        title: title.unwrap_or_default(),
        sources: f.cited_sources(checker),
        description: f.opt_text(checker, "description"),
        actors: f.references(checker, "actors", Kind::Actor),
        issues: f.references(checker, "issues", Kind::Issue),
        place: f.opt_text(checker, "place"),
        lint_allow: lint_allow(&mut f, checker, Some(Allowed::Item(Kind::Event))),
        span: f.span(),
    };
    f.finish(checker);
    date?;
    Some(Event { id: id?, ..event })
}

fn claim(mut f: Fields, checker: &mut Checker) -> Option<Claim> {
    let id = f.id(checker, Kind::Claim);
    let mut claim = Claim {
        topic: f.text(checker, "topic").unwrap_or_default(),
        issues: f.references(checker, "issues", Kind::Issue),
        actors: f.references(checker, "actors", Kind::Actor),
        note: f.opt_text(checker, "note"),
        lint_allow: lint_allow(&mut f, checker, Some(Allowed::Item(Kind::Claim))),
        span: f.span(),
        ..Claim::default()
    };
    let tables = f.tables(checker, "versions");
    let what = format!("a version of claim `{}`", id.as_deref().unwrap_or("?"));
    for (table, span) in &tables {
        let mut v = Fields::new(table, span.clone(), what.clone());
        let version = Version {
            source: v
                .reference(checker, "source", Kind::Source)
                .unwrap_or_default(),
            says: v.text(checker, "says").unwrap_or_default(),
            credibility: credibility(&mut v, checker),
        };
        v.finish(checker);
        claim.versions.push(version);
    }
    if tables.len() < 2 {
        checker.push(
            Diagnostic::error(
                format!(
                    "claim `{}` has {} version{}; a claim needs at least two",
                    id.as_deref().unwrap_or("?"),
                    tables.len(),
                    if tables.len() == 1 { "" } else { "s" }
                ),
                Some(f.span()),
            )
            .label("too few versions")
            .help("add a [[claims.versions]] table for each source's account, with `source` and `says`"),
        );
    }
    f.finish(checker);
    claim.id = id?;
    Some(claim)
}
