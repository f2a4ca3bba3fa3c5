//! The review session inside the reader: marks and notes on the items,
//! progress, what changed since the last review, and saving every change at
//! once (kept in memory and retried when the disk refuses).

use std::time::{Duration, Instant};

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::detail::{clean, wrap};
use super::section::{PerSection, Section};
use super::theme::Theme;
use crate::model::{Briefing, ItemRef};
use crate::review::{Change, Fingerprints, Mark, Review, SPLIT_AT, Store};

pub use crate::review::{Status, all_items};

// The glyphs are the reader's own; the status itself is computed in
// `crate::review` so that `brief export` reports the same.
impl Status {
    /// The marks as three glyphs for a list row: review state (`✓`
    /// reviewed, `~` reviewed but changed since, `+` new, `*` changed),
    /// `!` flagged, `✎` a note.
    pub fn glyphs(self) -> String {
        let review = match (self.reviewed, self.stale, self.new, self.changed) {
            (true, false, ..) => '✓',
            (true, true, ..) => '~',
            (false, _, true, _) => '+',
            (false, _, false, true) => '*',
            _ => ' ',
        };
        let flag = if self.flagged { '!' } else { ' ' };
        let note = if self.note { '✎' } else { ' ' };
        [review, flag, note].into_iter().collect()
    }
}

/// Counts for the status bar and the Overview.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub items: usize,
    pub reviewed: usize,
    pub flagged: usize,
    pub notes: usize,
    pub changed: usize,
    pub new: usize,
}

impl Progress {
    fn add(&mut self, other: &Progress) {
        self.items += other.items;
        self.reviewed += other.reviewed;
        self.flagged += other.flagged;
        self.notes += other.notes;
        self.changed += other.changed;
        self.new += other.new;
    }

    pub fn line(&self) -> String {
        let mut line = format!(
            "Reviewed {}/{} · {} flagged · {} notes",
            self.reviewed, self.items, self.flagged, self.notes
        );
        if self.changed + self.new > 0 {
            line.push_str(&format!(" · {} changed · {} new", self.changed, self.new));
        }
        line
    }
}

/// Review progress of all items, and of each section's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewProgress {
    pub all: Progress,
    pub sections: PerSection<Progress>,
}

pub struct Session {
    pub review: Review,
    store: Option<Store>,
    /// Why changes are not written, when the state is read-only (a newer
    /// brief's, or in a folder that cannot be written).
    pub read_only: Option<String>,
    /// Something the reader must be told about the state (a damaged file
    /// moved aside, the state following a new briefing id), once.
    pub notice: Option<String>,
    /// Every item's id and current fingerprint.
    fingerprints: Fingerprints,
    /// Changes not yet on disk.
    pending: Vec<Change>,
    /// Groups of changes that undo the last edits, newest last.
    undo: Vec<Vec<Change>>,
    pub save_error: Option<String>,
    last_attempt: Option<Instant>,
}

impl Session {
    /// Starts a session over a loaded state; `store` is where changes go
    /// (none in tests and when no data directory exists).
    pub fn new(b: &Briefing, review: Review, store: Option<Store>) -> Session {
        let mut session = Session {
            review,
            store,
            read_only: None,
            notice: None,
            fingerprints: Fingerprints::of(b),
            pending: Vec::new(),
            undo: Vec::new(),
            save_error: None,
            last_attempt: None,
        };
        session.take_baseline();
        session
    }

    /// A session whose state may be shown but not written, and why.
    pub fn read_only(mut self, why: Option<String>) -> Session {
        self.read_only = why;
        self
    }

    /// The same session over a new version of the briefing (a reload). A
    /// new briefing id means another state: the marks follow the briefing
    /// to its new id when that id has none yet, and the reader is told.
    pub fn rebind(&mut self, b: &Briefing) {
        let (old, new) = (self.review.briefing.clone(), b.meta.id.clone());
        self.fingerprints = Fingerprints::of(b);
        if old != new {
            self.save();
            match self.store.as_ref().map(|s| s.for_briefing(&new)) {
                Some(store) => {
                    let moved =
                        self.read_only.is_none() && store.adopt(&self.review).unwrap_or(false);
                    let loaded = store.load();
                    self.store = Some(store);
                    self.pending.clear();
                    self.undo.clear();
                    match loaded {
                        Ok(loaded) => {
                            self.review = loaded.review;
                            self.read_only = loaded.read_only;
                        }
                        Err(error) => {
                            self.review = Review::new(&new);
                            self.read_only = Some(format!(
                                "the review state of `{new}` cannot be read ({error})"
                            ));
                        }
                    }
                    self.notice = Some(if moved {
                        format!(
                            "The briefing's id changed from `{old}` to `{new}`: your marks and notes moved with it"
                        )
                    } else {
                        format!(
                            "The briefing's id changed from `{old}` to `{new}`: its own review state is shown now (`{old}`'s is kept as it was)"
                        )
                    });
                }
                None => {
                    self.review.briefing = new;
                }
            }
        }
        self.take_baseline();
    }

    /// Reads what other readers saved since, keeping this reader's changes
    /// not yet written on top: a note opens on its latest saved text.
    pub fn refresh(&mut self) {
        let Some(store) = &self.store else { return };
        if let Ok(loaded) = store.load() {
            let mut review = loaded.review;
            for change in &self.pending {
                review.apply(change);
            }
            review.place = self.review.place.clone();
            self.review = review;
            if loaded.notice.is_some() {
                self.notice = loaded.notice;
            }
        }
    }

    /// The first time a briefing is opened, everything in it is the baseline.
    fn take_baseline(&mut self) {
        if self.review.seen.is_empty() {
            let all = self.fingerprints.all();
            self.record(vec![Change::Seen(all)], false);
        }
    }

    pub fn id(&self, item: ItemRef) -> Option<&str> {
        self.fingerprints.id(item)
    }

    pub fn status(&self, item: ItemRef) -> Status {
        self.fingerprints.status(&self.review, item)
    }

    pub fn note(&self, item: ItemRef) -> Option<&str> {
        self.review.mark(self.id(item)?)?.note.as_deref()
    }

    /// Progress of all items and per section, in one pass.
    pub fn progress(&self) -> ReviewProgress {
        let count = |statuses: &mut dyn Iterator<Item = (ItemRef, Status)>| {
            let mut all = ReviewProgress::default();
            for (item, s) in statuses {
                let section = Section::of(item);
                for p in [&mut all.all, &mut all.sections[section]] {
                    p.items += 1;
                    p.reviewed += usize::from(s.reviewed && !s.stale);
                    p.flagged += usize::from(s.flagged);
                    p.notes += usize::from(s.note);
                    p.changed += usize::from(s.changed);
                    p.new += usize::from(s.new);
                }
            }
            all
        };
        // A large briefing's items are counted on two threads.
        let parts = if self.fingerprints.len() >= SPLIT_AT {
            2
        } else {
            1
        };
        let counts: Vec<ReviewProgress> = std::thread::scope(|s| {
            let mut groups = self.fingerprints.statuses(&self.review, parts);
            let first = groups.pop();
            let others: Vec<_> = groups
                .into_iter()
                .map(|mut group| s.spawn(move || count(&mut group)))
                .collect();
            let mut counts: Vec<_> = first.into_iter().map(|mut g| count(&mut g)).collect();
            counts.extend(
                others
                    .into_iter()
                    .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            );
            counts
        });
        let mut all = ReviewProgress::default();
        for part in counts {
            all.all.add(&part.all);
            for (total, p) in all.sections.iter_mut().zip(&part.sections.0) {
                total.add(p);
            }
        }
        all
    }

    /// Notes whose items are no longer in the briefing.
    pub fn orphans(&self) -> Vec<(&str, &Mark)> {
        self.fingerprints.orphans(&self.review)
    }

    pub fn toggle_reviewed(&mut self, item: ItemRef) {
        let Some((id, current)) = self
            .fingerprints
            .get(item)
            .map(|(id, current)| (id.to_string(), current.to_string()))
        else {
            return;
        };
        let status = self.status(item);
        // A stale mark is renewed, not cleared: the analyst has now read the new text.
        let fingerprint = if status.reviewed && !status.stale {
            None
        } else {
            Some(current)
        };
        self.record(
            vec![Change::Reviewed {
                item: id,
                fingerprint,
            }],
            true,
        );
    }

    pub fn toggle_flagged(&mut self, item: ItemRef) {
        let Some(id) = self.id(item).map(str::to_string) else {
            return;
        };
        let on = !self.status(item).flagged;
        self.record(vec![Change::Flagged { item: id, on }], true);
    }

    pub fn set_note(&mut self, item: ItemRef, text: &str) {
        let Some(id) = self.id(item).map(str::to_string) else {
            return;
        };
        let before = self.note(item).map(str::to_string);
        let after = (!text.trim().is_empty()).then(|| text.trim_end().to_string());
        if before != after {
            self.record(
                vec![Change::Note {
                    item: id,
                    before,
                    after,
                }],
                true,
            );
        }
    }

    /// Remembers where the reader is, in its own small file.
    pub fn set_place(&mut self, place: crate::review::Place) {
        if self.review.place.as_ref() == Some(&place) {
            return;
        }
        if let Some(store) = &self.store
            && let Err(error) = store.save_place(&place)
        {
            self.save_error = Some(format!("Where you left off was not saved ({error})"));
        }
        self.review.place = Some(place);
    }

    /// Undoes the last review change; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(changes) = self.undo.pop() else {
            return false;
        };
        self.record(changes, false);
        true
    }

    fn record(&mut self, changes: Vec<Change>, undoable: bool) {
        if undoable {
            let inverse: Vec<Change> = changes
                .iter()
                .rev()
                .filter_map(|c| self.review.inverse(c))
                .collect();
            self.undo.push(inverse);
        }
        for change in &changes {
            self.review.apply(change);
        }
        self.pending.extend(changes);
        self.save();
    }

    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty() && self.store.is_some()
    }

    /// Writes pending changes, merging with what other readers saved; what
    /// the reader must be told comes in `notice`.
    pub fn save(&mut self) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        if self.pending.is_empty() {
            return;
        }
        if let Some(why) = &self.read_only {
            self.save_error = Some(format!("Not saved: {why}"));
            return;
        }
        self.last_attempt = Some(Instant::now());
        match store.commit_over(&self.pending, &self.review) {
            Ok(loaded) => {
                let place = self.review.place.take();
                self.review = loaded.review;
                self.review.place = place;
                self.pending.clear();
                self.save_error = None;
                if loaded.notice.is_some() {
                    self.notice = loaded.notice;
                }
            }
            Err(error) => {
                self.save_error = Some(format!("Not saved ({error}); kept in memory and retried"));
            }
        }
    }

    /// Retries a failed save now and then (a read-only state is not retried).
    pub fn retry(&mut self) {
        if self.save_error.is_some()
            && self.read_only.is_none()
            && self
                .last_attempt
                .is_none_or(|t| t.elapsed() > Duration::from_secs(2))
        {
            self.save();
        }
    }
}

/// The marks and note shown above an item in the detail pane.
pub fn item_lines(
    session: &Session,
    item: ItemRef,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let status = session.status(item);
    let mut words = Vec::new();
    if status.reviewed && status.stale {
        words.push(Span::styled("~ reviewed, but changed since", theme.warning));
    } else if status.reviewed {
        words.push(Span::styled("✓ reviewed", theme.link));
    }
    if status.flagged {
        words.push(Span::styled(
            "! flagged",
            theme.warning.add_modifier(Modifier::BOLD),
        ));
    }
    if status.new {
        words.push(Span::styled("+ new since your last review", theme.warning));
    } else if status.changed {
        words.push(Span::styled(
            "* changed since your last review",
            theme.warning,
        ));
    }
    let mut lines = Vec::new();
    if !words.is_empty() {
        let mut spans = Vec::new();
        for (n, word) in words.into_iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" · ", theme.muted));
            }
            spans.push(word);
        }
        lines.push(Line::from(spans));
    }
    if let Some(note) = session.note(item) {
        lines.push(Line::styled(
            "✎ Your note",
            theme.header.add_modifier(Modifier::BOLD),
        ));
        for line in wrap(&clean(note), width.saturating_sub(2)) {
            lines.push(Line::from(vec![
                Span::styled("│ ", theme.muted),
                Span::styled(line, theme.text),
            ]));
        }
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines
}

/// The Overview's review block: progress per section and orphaned notes.
pub fn overview_lines(
    session: &Session,
    sections: &[(&str, Progress)],
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let bold = theme.header.add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled("Review", bold)];
    for (name, progress) in sections {
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<10} "), theme.muted),
            Span::styled(progress.line(), theme.text),
        ]));
    }
    let orphans = session.orphans();
    if !orphans.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("Orphaned notes", bold),
            Span::styled(
                format!(
                    " ({}) — their items are no longer in the briefing",
                    orphans.len()
                ),
                theme.muted,
            ),
        ]));
        for (id, mark) in orphans {
            lines.push(Line::styled(format!("{}:", clean(id)), theme.warning));
            for line in wrap(
                &clean(mark.note.as_deref().unwrap_or_default()),
                width.saturating_sub(2),
            ) {
                lines.push(Line::from(vec![
                    Span::styled("│ ", theme.muted),
                    Span::styled(line, theme.text),
                ]));
            }
        }
    }
    lines
}
