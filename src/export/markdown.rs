//! The Markdown export: what an analyst pastes into a report. Items cite
//! their sources as `[n]`, n being the source's number in the closing
//! Sources list; the analyst's marks and notes sit under their items.

use std::collections::HashMap;

use super::{Export, Only, quote_attribution, source_citation};
use crate::model::{Briefing, ItemRef};
use crate::sanitize;

/// The export as Markdown, ending with a newline.
pub fn markdown(export: &Export) -> String {
    let mut doc = Doc::new(export);
    doc.header();
    let before = doc.out.len();
    if export.only.is_none() {
        doc.summary();
        doc.key_judgments();
    }
    doc.issues();
    doc.quotes();
    doc.claims();
    doc.timeline();
    doc.actors();
    doc.orphans();
    doc.sources();
    if doc.out.len() == before {
        doc.block("*No items match.*");
    }
    doc.out.push('\n');
    // Text inside blocks was written as it is in the briefing; one-line
    // fields were escaped as they went in. This pass escapes what is left,
    // keeping newlines and tabs.
    sanitize::escape(&doc.out).into_owned()
}

/// A one-line field (title, name, id, date): unsafe characters, newlines
/// and tabs shown as visible escapes.
fn one(text: &str) -> String {
    sanitize::escape_line(text).into_owned()
}

/// Multi-line text with every line after the first indented by `indent`,
/// so that it stays inside a list item; blank lines stay blank.
fn hang(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.trim().lines().enumerate() {
        if n > 0 {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line.trim_end());
    }
    out
}

/// Text as a block quote.
fn block_quote(text: &str) -> String {
    text.trim()
        .lines()
        .map(|line| match line.trim_end() {
            "" => ">".to_string(),
            line => format!("> {line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text for a table cell: one line, with `|` escaped.
fn cell(text: &str) -> String {
    text.trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("<br>")
        .replace('|', "\\|")
}

/// A bulleted list under a bold label, or nothing when it is empty.
fn labelled_list(label: &str, entries: &[String]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let items: Vec<String> = entries
        .iter()
        .map(|entry| format!("- {}", hang(entry, "  ")))
        .collect();
    Some(format!("**{label}**\n\n{}", items.join("\n")))
}

struct Doc<'e, 'a> {
    export: &'e Export<'a>,
    b: &'a Briefing,
    /// Each listed source's number, by id.
    numbers: HashMap<&'a str, usize>,
    /// The sources listed at the end, by index, in briefing order.
    listed: Vec<usize>,
    out: String,
}

impl<'e, 'a> Doc<'e, 'a> {
    fn new(export: &'e Export<'a>) -> Doc<'e, 'a> {
        let b = export.briefing;
        // The summary and key judgments, which cite any source, are only
        // in a full export.
        let listed: Vec<usize> = match export.only {
            None => (0..b.sources.len()).collect(),
            Some(_) => export.cited_sources(),
        };
        // A source keeps the number the reader shows, whatever is left out.
        let numbers = listed
            .iter()
            .map(|&i| (b.sources[i].id.as_str(), i + 1))
            .collect();
        Doc {
            export,
            b,
            numbers,
            listed,
            out: String::new(),
        }
    }

    /// Adds a block, separated from the one before by a blank line.
    fn block(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(text);
    }

    /// ` [1][3]` for the listed sources among `ids`, or nothing.
    fn cites<'s>(&self, ids: impl IntoIterator<Item = &'s String>) -> String {
        let mut numbers: Vec<usize> = Vec::new();
        for id in ids {
            if let Some(&n) = self.numbers.get(id.as_str())
                && !numbers.contains(&n)
            {
                numbers.push(n);
            }
        }
        if numbers.is_empty() {
            return String::new();
        }
        let cites: String = numbers.iter().map(|n| format!("[{n}]")).collect();
        format!(" {cites}")
    }

    fn actor_name(&self, id: &str) -> String {
        one(self.b.actor(id).map_or(id, |a| a.name.as_str()))
    }

    /// The analyst's marks as an italic line, e.g. `*Reviewed · Flagged*`.
    fn marks(&self, item: ItemRef) -> Option<String> {
        let status = self.export.status(item);
        let mut words = Vec::new();
        if status.reviewed && status.stale {
            words.push("Reviewed, but changed since");
        } else if status.reviewed {
            words.push("Reviewed");
        }
        if status.flagged {
            words.push("Flagged");
        }
        if status.new {
            words.push("New since the last review");
        } else if status.changed && !status.stale {
            words.push("Changed since the last review");
        }
        (!words.is_empty()).then(|| format!("*{}*", words.join(" · ")))
    }

    fn note(&self, item: ItemRef) -> Option<String> {
        self.export.note(item).map(note_quote)
    }

    /// The marks line and the note of an item with a heading of its own.
    fn review_blocks(&mut self, item: ItemRef) {
        for block in [self.marks(item), self.note(item)].into_iter().flatten() {
            self.block(&block);
        }
    }

    /// The marks and note of a list item, indented to stay inside it.
    fn review_in_list(&self, item: ItemRef, indent: &str) -> String {
        self.marks_in_list(item, indent) + &self.note_in_list(item, indent)
    }

    /// The marks of a list item, on the line under the item's first.
    fn marks_in_list(&self, item: ItemRef, indent: &str) -> String {
        self.marks(item)
            .map(|marks| format!("\n{indent}{marks}"))
            .unwrap_or_default()
    }

    /// The note of a list item, as a paragraph of the item.
    fn note_in_list(&self, item: ItemRef, indent: &str) -> String {
        self.note(item)
            .map(|note| format!("\n\n{indent}{}", hang(&note, indent)))
            .unwrap_or_default()
    }

    fn header(&mut self) {
        let meta = &self.b.meta;
        self.block(&format!("# {}", one(&meta.title)));
        if let Some(subtitle) = &meta.subtitle {
            self.block(&format!("*{}*", one(subtitle)));
        }
        let mut facts = Vec::new();
        if let Some(as_of) = meta.as_of {
            facts.push(format!("**As of:** {as_of}"));
        }
        if let Some(handling) = &meta.handling {
            facts.push(format!("**Handling:** {}", one(handling)));
        }
        if !facts.is_empty() {
            self.block(&facts.join(" · "));
        }
        if let Some(state) = &self.export.signature
            && state.level() != crate::signature::Level::Plain
        {
            self.block(&format!("**Signature:** {}", state.describe()));
        }
        if let Some(only) = self.export.only {
            self.block(match only {
                Only::Flagged => "*Only the items flagged for follow-up.*",
                Only::Notes => "*Only the items with the analyst's notes.*",
                Only::Changed => "*Only the items new or changed since the last review.*",
            });
        }
        if let Some(grade) = &self.export.grade {
            self.block(&format!(
                "*Only the quotes and claim versions graded {grade} (source reliability, information credibility).*"
            ));
        }
    }

    fn summary(&mut self) {
        let meta = &self.b.meta;
        self.block("## Summary");
        self.block(meta.summary.trim());
        if !meta.sources.is_empty() {
            self.block(&format!("Sources:{}", self.cites(&meta.sources)));
        }
    }

    fn key_judgments(&mut self) {
        let judgments = &self.b.meta.key_judgments;
        if judgments.is_empty() {
            return;
        }
        let lines: Vec<String> = judgments
            .iter()
            .enumerate()
            .map(|(n, j)| {
                let grades: Vec<String> = [
                    j.likelihood.map(|l| l.name().to_string()),
                    j.confidence.map(|c| format!("{} confidence", c.name())),
                ]
                .into_iter()
                .flatten()
                .collect();
                let confidence = match grades.as_slice() {
                    [] => String::new(),
                    _ => format!(" *({})*", grades.join("; ")),
                };
                let number = format!("{}. ", n + 1);
                let indent = " ".repeat(number.len());
                format!(
                    "{number}{}{confidence}{}",
                    hang(&j.text, &indent),
                    self.cites(&j.sources)
                )
            })
            .collect();
        self.block("## Key judgments");
        self.block(&lines.join("\n"));
    }

    fn issues(&mut self) {
        let shown: Vec<usize> = (0..self.b.issues.len())
            .filter(|&i| self.export.includes_issue(i))
            .collect();
        if shown.is_empty() {
            return;
        }
        self.block("## Issues");
        for i in shown {
            let issue = &self.b.issues[i];
            self.block(&format!("### {}", one(&issue.title)));
            let whole = self.export.includes(ItemRef::Issue(i));
            if whole {
                self.review_blocks(ItemRef::Issue(i));
                self.block(&format!(
                    "{}{}",
                    issue.summary.trim(),
                    self.cites(&issue.sources)
                ));
                if let Some(stakes) = &issue.stakes {
                    self.block(&format!("**Stakes:** {}", stakes.trim()));
                }
                if !issue.actors.is_empty() {
                    let names: Vec<String> =
                        issue.actors.iter().map(|a| self.actor_name(a)).collect();
                    self.block(&format!("**Actors:** {}", names.join(", ")));
                }
            }
            let positions: Vec<String> = (0..issue.positions.len())
                .map(|position| ItemRef::Position { issue: i, position })
                .filter(|item| self.export.includes(*item))
                .map(|item| self.position(item))
                .collect();
            let lists = [
                labelled_list("Positions", &positions),
                labelled_list("Open questions", &issue.open_questions).filter(|_| whole),
                labelled_list("Indicators", &issue.indicators).filter(|_| whole),
            ];
            for list in lists.into_iter().flatten() {
                self.block(&list);
            }
        }
    }

    /// A position as the text of a list item: actor → stance, citations.
    fn position(&self, item: ItemRef) -> String {
        let ItemRef::Position { issue, position } = item else {
            return String::new();
        };
        let p = &self.b.issues[issue].positions[position];
        format!(
            "**{}** → {}{}{}",
            self.actor_name(&p.actor),
            p.stance.trim(),
            self.cites(&p.sources),
            self.review_in_list(item, ""),
        )
    }

    fn quotes(&mut self) {
        let shown: Vec<usize> = (0..self.b.quotes.len())
            .filter(|&i| self.export.includes(ItemRef::Quote(i)))
            .collect();
        if shown.is_empty() {
            return;
        }
        self.block("## Quotes");
        for i in shown {
            let q = &self.b.quotes[i];
            let attribution = format!(
                "— {}{}",
                one(&quote_attribution(self.b, i)),
                self.cites([&q.source])
            );
            self.block(&block_quote(&format!("“{}”\n{attribution}", q.text.trim())));
            let when_where: Vec<String> = [
                q.date.map(|d| d.to_string()),
                q.context.as_deref().map(|c| c.trim().to_string()),
                q.credibility
                    .map(|g| format!("credibility {g} ({})", crate::model::credibility_meaning(g))),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !when_where.is_empty() {
                self.block(&when_where.join(" · "));
            }
            self.review_blocks(ItemRef::Quote(i));
        }
    }

    fn claims(&mut self) {
        let shown: Vec<usize> = (0..self.b.claims.len())
            .filter(|&i| self.export.includes(ItemRef::Claim(i)))
            .collect();
        if shown.is_empty() {
            return;
        }
        self.block("## Contested claims");
        for i in shown {
            let c = &self.b.claims[i];
            self.block(&format!("### {}", one(&c.topic)));
            self.review_blocks(ItemRef::Claim(i));
            let mut table = String::from("| Source | Version |\n|---|---|");
            for v in self.export.versions(i) {
                let title = self
                    .b
                    .source(&v.source)
                    .map_or(v.source.as_str(), |s| &s.title);
                let grade = v
                    .credibility
                    .map(|g| format!(" · credibility {g}"))
                    .unwrap_or_default();
                table.push_str(&format!(
                    "\n| {}{}{grade} | {} |",
                    cell(&one(title)),
                    self.cites([&v.source]),
                    cell(&v.says)
                ));
            }
            self.block(&table);
            if let Some(note) = &c.note {
                self.block(&format!("**Comment:** {}", note.trim()));
            }
        }
    }

    fn timeline(&mut self) {
        let mut shown: Vec<usize> = (0..self.b.events.len())
            .filter(|&i| self.export.includes(ItemRef::Event(i)))
            .collect();
        if shown.is_empty() {
            return;
        }
        // As in the reader: by date, file order among equal dates.
        shown.sort_by_key(|&i| self.b.events[i].date);
        let lines: Vec<String> = shown
            .into_iter()
            .map(|i| {
                let e = &self.b.events[i];
                let place = e
                    .place
                    .as_deref()
                    .map(|p| format!(", {}", one(p)))
                    .unwrap_or_default();
                let description = e
                    .description
                    .as_deref()
                    .map(|d| format!("\n\n  {}", hang(d, "  ")))
                    .unwrap_or_default();
                let item = ItemRef::Event(i);
                format!(
                    "- **{}** — {}{place}{}{}{description}{}",
                    e.date,
                    one(&e.title),
                    self.cites(&e.sources),
                    self.marks_in_list(item, "  "),
                    self.note_in_list(item, "  "),
                )
            })
            .collect();
        self.block("## Timeline");
        self.block(&lines.join("\n"));
    }

    fn actors(&mut self) {
        let shown: Vec<usize> = (0..self.b.actors.len())
            .filter(|&i| self.export.includes(ItemRef::Actor(i)))
            .collect();
        if shown.is_empty() {
            return;
        }
        self.block("## Actors");
        for i in shown {
            let a = &self.b.actors[i];
            self.block(&format!("### {}", one(&a.name)));
            self.review_blocks(ItemRef::Actor(i));
            let kind = a.kind.name().replace('-', " ");
            let mut facts = vec![capitalised(&kind)];
            facts.extend(a.role.as_deref().map(one));
            facts.extend(
                a.affiliation
                    .as_deref()
                    .map(|id| format!("member of {}", self.actor_name(id))),
            );
            if !a.aliases.is_empty() {
                let aliases: Vec<String> = a.aliases.iter().map(|x| one(x)).collect();
                facts.push(format!("also known as {}", aliases.join(", ")));
            }
            self.block(&facts.join(" · "));
            self.block(&format!("{}{}", a.summary.trim(), self.cites(&a.sources)));
            if let Some(list) = labelled_list("Interests", &a.interests) {
                self.block(&list);
            }
        }
    }

    fn orphans(&mut self) {
        let orphans = self.export.orphans();
        if orphans.is_empty() {
            return;
        }
        self.block("## Orphaned notes");
        self.block("*Notes on items that are no longer in the briefing.*");
        for (id, mark) in orphans {
            let flagged = if mark.flagged { " · *Flagged*" } else { "" };
            self.block(&format!("**{}**{flagged}", one(id)));
            if let Some(note) = &mark.note {
                self.block(&note_quote(note));
            }
        }
    }

    fn sources(&mut self) {
        if self.listed.is_empty() {
            return;
        }
        let lines: Vec<String> = self
            .listed
            .iter()
            .map(|&i| {
                let s = &self.b.sources[i];
                // `[n]`, not a numbered list, which Markdown renumbers.
                let number = format!("- [{}] ", i + 1);
                let indent = " ".repeat(number.len());
                let url = s
                    .url
                    .as_deref()
                    .map(|u| format!(", {}", one(u)))
                    .unwrap_or_default();
                let grade = s
                    .reliability
                    .map(|g| format!(" (reliability {})", one(&g.to_string())))
                    .unwrap_or_default();
                let item = ItemRef::Source(i);
                let review = if self.export.includes(item) {
                    self.review_in_list(item, &indent)
                } else {
                    String::new()
                };
                format!(
                    "{number}{}{url}{grade}{review}",
                    one(&source_citation(self.b, &s.id))
                )
            })
            .collect();
        self.block("## Sources");
        self.block(&lines.join("\n"));
    }
}

/// The analyst's note as a block quote with a label.
fn note_quote(note: &str) -> String {
    block_quote(&format!("**Analyst's note:** {}", note.trim()))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
