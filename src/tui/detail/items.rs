//! What the detail pane says about each kind of item.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Builder, axis, clean, clean_line, wrap};
use crate::model::{Briefing, ItemRef, Kind, reliability_meaning};

pub(super) fn item(out: &mut Builder, item: ItemRef) {
    match item {
        ItemRef::Actor(i) => actor(out, i),
        ItemRef::Issue(i) => issue(out, i),
        ItemRef::Position { issue, position } => self::position(out, issue, position),
        ItemRef::Quote(i) => quote(out, i),
        ItemRef::Event(i) => event(out, i),
        ItemRef::Source(i) => source(out, i),
        ItemRef::Claim(i) => claim(out, i),
    }
}

fn actor_name(b: &Briefing, id: &str) -> String {
    b.actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn actor_ref(b: &Briefing, id: &str) -> Option<ItemRef> {
    b.get(id).filter(|r| matches!(r, ItemRef::Actor(_)))
}

pub(super) fn overview(out: &mut Builder) {
    let b = out.b;
    let m = &b.meta;
    out.title(&m.title);
    if let Some(subtitle) = &m.subtitle {
        out.text_styled(subtitle, out.theme.muted, 0);
    }
    out.blank();
    let as_of = m
        .as_of
        .map_or_else(|| "unknown".to_string(), |d| d.to_string());
    out.field("As of", &as_of);
    if let Some(handling) = &m.handling {
        out.field("Handling", handling);
    }
    out.field("Contents", &b.counts_line());
    out.section("Summary");
    out.text(m.summary.trim());
    if !m.key_judgments.is_empty() {
        out.heading("Key judgments", m.key_judgments.len());
        for (n, judgment) in m.key_judgments.iter().enumerate() {
            let mut tail = out.citations(&judgment.sources);
            if let Some(confidence) = judgment.confidence {
                tail = format!("{} confidence {tail}", confidence.name());
            }
            if let Some(likelihood) = judgment.likelihood {
                let (low, high) = likelihood.percent();
                let sep = if judgment.confidence.is_some() {
                    " · "
                } else {
                    " "
                };
                tail = format!("{} ({low}–{high}%){sep}{tail}", likelihood.name());
            }
            out.text_styled(&format!("{}. {}", n + 1, judgment.text), out.theme.text, 0);
            if !tail.is_empty() {
                out.text_styled(&tail, out.theme.muted, 3);
            }
            out.blank();
        }
    }
    let all: Vec<String> = b.sources.iter().map(|s| s.id.clone()).collect();
    out.source_links(&all);
}

fn actor(out: &mut Builder, i: usize) {
    let b = out.b;
    let a = &b.actors[i];
    let links = &b.index.actors[i];
    out.title(&a.name);
    let mut kind = a.kind.name().to_string();
    if let Some(role) = &a.role {
        kind = format!("{kind} · {role}");
    }
    out.text_styled(&kind, out.theme.muted, 0);
    if !a.aliases.is_empty() {
        out.field("Also", &a.aliases.join("; "));
    }
    if let Some(parent) = a.affiliation.as_deref().and_then(|id| actor_ref(b, id)) {
        out.link_with(&b.item_title(parent), "affiliation", parent);
    }
    out.blank();
    out.text(&a.summary);
    out.text_styled(&out.citations(&a.sources), out.theme.muted, 0);
    if !a.interests.is_empty() {
        out.heading("Interests", a.interests.len());
        out.bullets(&a.interests);
    }
    if !links.positions.is_empty() {
        out.heading("Positions", links.positions.len());
        for &p in &links.positions {
            let ItemRef::Position { issue, position } = p else {
                continue;
            };
            let stance = &b.issues[issue].positions[position];
            out.link(&b.issues[issue].title, p);
            out.text_styled(&stance.stance, out.theme.text, 2);
        }
    }
    let other: Vec<usize> = links
        .issues
        .iter()
        .copied()
        .filter(|x| {
            !links
                .positions
                .iter()
                .any(|p| matches!(p, ItemRef::Position { issue, .. } if issue == x))
        })
        .collect();
    if !other.is_empty() {
        out.heading("Also involved in", other.len());
        for x in other {
            out.link(&b.issues[x].title, ItemRef::Issue(x));
        }
    }
    quote_links(out, &links.quotes, "Said", false);
    event_links(out, &links.events);
    claim_links(out, &links.claims);
    if !links.members.is_empty() {
        out.heading("Members", links.members.len());
        for &m in &links.members {
            out.link_with(
                &b.actors[m].name,
                b.actors[m].role.as_deref().unwrap_or(""),
                ItemRef::Actor(m),
            );
        }
    }
    out.source_links(&a.sources);
}

fn issue(out: &mut Builder, i: usize) {
    let b = out.b;
    let x = &b.issues[i];
    let links = &b.index.issues[i];
    out.title(&x.title);
    out.blank();
    out.text(&x.summary);
    out.text_styled(&out.citations(&x.sources), out.theme.muted, 0);
    if let Some(stakes) = &x.stakes {
        out.section("Stakes");
        out.text(stakes);
    }
    if !x.positions.is_empty() {
        out.heading("Positions", x.positions.len());
        for (p, position) in x.positions.iter().enumerate() {
            out.link_with(
                &actor_name(b, &position.actor),
                &out.citations(&position.sources),
                ItemRef::Position {
                    issue: i,
                    position: p,
                },
            );
            out.text_styled(&position.stance, out.theme.text, 2);
        }
    }
    if !x.open_questions.is_empty() {
        out.heading("Open questions", x.open_questions.len());
        out.bullets(&x.open_questions);
    }
    if !x.indicators.is_empty() {
        out.heading("Indicators to watch", x.indicators.len());
        out.bullets(&x.indicators);
    }
    quote_links(out, &links.quotes, "Quotes", true);
    event_links(out, &links.events);
    claim_links(out, &links.claims);
    let named: Vec<usize> = links
        .actors
        .iter()
        .copied()
        .filter(|a| !x.positions.iter().any(|p| p.actor == b.actors[*a].id))
        .collect();
    if !named.is_empty() {
        out.heading("Other actors", named.len());
        for a in named {
            out.link(&b.actors[a].name, ItemRef::Actor(a));
        }
    }
    out.source_links(&x.sources);
}

fn position(out: &mut Builder, issue: usize, p: usize) {
    let b = out.b;
    let x = &b.issues[issue];
    let position = &x.positions[p];
    out.title(&b.item_title(ItemRef::Position { issue, position: p }));
    out.text_styled("position", out.theme.muted, 0);
    if let Some(actor) = actor_ref(b, &position.actor) {
        out.link_with(&b.item_title(actor), "actor", actor);
    }
    out.link_with(&x.title, "issue", ItemRef::Issue(issue));
    out.blank();
    out.text(&position.stance);
    out.text_styled(&out.citations(&position.sources), out.theme.muted, 0);
    let said: Vec<usize> = b
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            q.speaker.as_deref() == Some(position.actor.as_str()) && q.issues.contains(&x.id)
        })
        .map(|(q, _)| q)
        .collect();
    quote_links(out, &said, "Said on this issue", false);
    out.source_links(&position.sources);
}

fn quote(out: &mut Builder, i: usize) {
    let b = out.b;
    let q = &b.quotes[i];
    let style = out.theme.text.add_modifier(Modifier::ITALIC);
    out.text_styled(&format!("“{}”", q.text), style, 0);
    out.blank();
    match q.speaker.as_deref().and_then(|id| actor_ref(b, id)) {
        Some(speaker) => out.link_with(&b.item_title(speaker), "speaker", speaker),
        None => out.text_styled("The source's own words", out.theme.muted, 0),
    }
    if let Some(ItemRef::Source(s)) = b.get(&q.source) {
        out.link_with(
            &format!("[{}] {}", s + 1, b.sources[s].title),
            "source",
            ItemRef::Source(s),
        );
    }
    if let Some(date) = q.date {
        out.field("Date", &date.to_string());
    }
    if let Some(grade) = q.credibility {
        out.field(
            "Credibility",
            &format!("{grade} ({})", crate::model::credibility_meaning(grade)),
        );
    }
    if let Some(context) = &q.context {
        out.blank();
        out.field("Context", context);
    }
    links_to(out, "Issues", &q.issues, Kind::Issue);
}

fn event(out: &mut Builder, i: usize) {
    let b = out.b;
    let e = &b.events[i];
    out.title(&e.title);
    let precision = match (e.date.month, e.date.day) {
        (_, Some(_)) => "",
        (Some(_), None) => " (month known)",
        _ => " (year known)",
    };
    let mut when = format!("{}{precision}", e.date);
    if let Some(place) = &e.place {
        when = format!("{when} · {}", clean_line(place));
    }
    out.text_styled(&when, out.theme.muted, 0);
    out.blank();
    for line in axis::lines(b, i, out.width, out.theme) {
        out.lines.push(line);
    }
    if let Some(description) = &e.description {
        out.blank();
        out.text(description);
    }
    out.text_styled(&out.citations(&e.sources), out.theme.muted, 0);
    links_to(out, "Actors", &e.actors, Kind::Actor);
    links_to(out, "Issues", &e.issues, Kind::Issue);
    out.source_links(&e.sources);
}

fn source(out: &mut Builder, i: usize) {
    let b = out.b;
    let s = &b.sources[i];
    out.title(&format!("[{}] {}", i + 1, s.title));
    out.blank();
    out.field("Outlet", s.outlet.as_deref().unwrap_or("unknown"));
    out.field(
        "Published",
        &s.published
            .map_or_else(|| "unknown".to_string(), |d| d.to_string()),
    );
    let grade = s.reliability.map_or_else(
        || "not graded".to_string(),
        |g| format!("{g} ({})", reliability_meaning(g)),
    );
    out.field("Reliability", &grade);
    if let Some(url) = &s.url {
        out.field("URL", url);
    }
    if let Some(file) = &s.file {
        out.field("Full text", file);
    }
    if let Some(notes) = &s.notes {
        out.section("Notes");
        out.text(notes);
    }
    if !s.references.is_empty() {
        out.heading("Its references", s.references.len());
        out.bullets(&s.references);
    }
    let citing = &b.index.sources[i];
    out.heading("Cited by", citing.len());
    // A source cited by thousands of items lists the first ones: the pane is
    // built on every move, so its cost must not grow with the briefing.
    for &item in citing.iter().take(MAX_CITING) {
        let kind = item.kind().name();
        let label = match item {
            ItemRef::Quote(q) => format!("“{}”", b.quotes[q].text),
            other => b.item_title(other),
        };
        out.link_with(&label, kind, item);
    }
    if citing.len() > MAX_CITING {
        let more = citing.len() - MAX_CITING;
        out.text_styled(
            &format!("… and {more} more: search or filter the lists to see them"),
            out.theme.muted,
            0,
        );
    }
}

/// How many citing items a source's detail lists.
const MAX_CITING: usize = 500;

fn claim(out: &mut Builder, i: usize) {
    let b = out.b;
    let c = &b.claims[i];
    out.title(&c.topic);
    out.text_styled(
        &format!("{} versions", c.versions.len()),
        out.theme.muted,
        0,
    );
    if let Some(note) = &c.note {
        out.blank();
        out.text(note);
    }
    out.blank();
    versions_side_by_side(out, i);
    links_to(out, "Issues", &c.issues, Kind::Issue);
    links_to(out, "Actors", &c.actors, Kind::Actor);
    let sources: Vec<String> = c.versions.iter().map(|v| v.source.clone()).collect();
    let mut unique = sources.clone();
    unique.dedup();
    out.source_links(&unique);
}

/// The versions of a claim in columns, each headed by its source; stacked
/// when the pane is too narrow for columns of a readable width.
fn versions_side_by_side(out: &mut Builder, i: usize) {
    let b = out.b;
    let versions = &b.claims[i].versions;
    let gap = 3;
    let columns = versions.len().clamp(1, 3);
    let column_width = out.width.saturating_sub(gap * (columns - 1)) / columns;
    let head = |v: &crate::model::Version| {
        let grade = v
            .credibility
            .map(|g| format!(" · credibility {g}"))
            .unwrap_or_default();
        match b.get(&v.source) {
            Some(ItemRef::Source(s)) => format!("[{}] {}{grade}", s + 1, b.sources[s].title),
            _ => format!("{}{grade}", v.source),
        }
    };
    if column_width < 18 {
        for v in versions {
            out.text_styled(&head(v), out.theme.header.add_modifier(Modifier::BOLD), 0);
            out.text(&v.says);
            out.blank();
        }
        return;
    }
    for chunk in versions.chunks(columns) {
        let cells: Vec<(Vec<String>, Vec<String>)> = chunk
            .iter()
            .map(|v| {
                (
                    wrap(&clean(&head(v)), column_width),
                    wrap(&clean(&v.says), column_width),
                )
            })
            .collect();
        let head_rows = cells.iter().map(|c| c.0.len()).max().unwrap_or(0);
        let body_rows = cells.iter().map(|c| c.1.len()).max().unwrap_or(0);
        for row in 0..head_rows + 1 + body_rows {
            let mut spans = Vec::new();
            for (n, (head, body)) in cells.iter().enumerate() {
                let (text, style) = if row < head_rows {
                    (
                        head.get(row).cloned().unwrap_or_default(),
                        out.theme.header.add_modifier(Modifier::BOLD),
                    )
                } else if row == head_rows {
                    ("─".repeat(column_width), out.theme.border)
                } else {
                    (
                        body.get(row - head_rows - 1).cloned().unwrap_or_default(),
                        out.theme.text,
                    )
                };
                let pad = column_width.saturating_sub(text.width());
                spans.push(Span::styled(text, style));
                if n + 1 < cells.len() {
                    spans.push(Span::raw(" ".repeat(pad + gap)));
                }
            }
            out.lines.push(Line::from(spans));
        }
        out.blank();
    }
}

fn quote_links(out: &mut Builder, quotes: &[usize], heading: &str, with_speaker: bool) {
    if quotes.is_empty() {
        return;
    }
    let b = out.b;
    out.heading(heading, quotes.len());
    for &q in quotes {
        let quote = &b.quotes[q];
        let note = if with_speaker {
            quote
                .speaker
                .as_deref()
                .map(|id| actor_name(b, id))
                .unwrap_or_default()
        } else {
            String::new()
        };
        out.link_with(&format!("“{}”", quote.text), &note, ItemRef::Quote(q));
    }
}

/// A heading and a link for each id that names an item of `kind`.
fn links_to(out: &mut Builder, heading: &str, ids: &[String], kind: Kind) {
    let b = out.b;
    let items: Vec<ItemRef> = ids
        .iter()
        .filter_map(|id| b.get(id))
        .filter(|r| r.kind() == kind)
        .collect();
    if items.is_empty() {
        return;
    }
    out.heading(heading, items.len());
    for item in items {
        out.link(&b.item_title(item), item);
    }
}

fn event_links(out: &mut Builder, events: &[usize]) {
    if events.is_empty() {
        return;
    }
    let b = out.b;
    let mut sorted = events.to_vec();
    sorted.sort_by_key(|&e| b.events[e].date);
    out.heading("Timeline", sorted.len());
    for e in sorted {
        let event = &b.events[e];
        out.link(
            &format!("{}  {}", event.date, event.title),
            ItemRef::Event(e),
        );
    }
}

fn claim_links(out: &mut Builder, claims: &[usize]) {
    if claims.is_empty() {
        return;
    }
    let b = out.b;
    out.heading("Contested", claims.len());
    for &c in claims {
        out.link(&b.claims[c].topic, ItemRef::Claim(c));
    }
}
