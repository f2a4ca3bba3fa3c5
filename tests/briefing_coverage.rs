//! The shipped briefing covers what an analyst needs, not just loads.

use std::collections::HashSet;
use std::path::Path;

use brief::Briefing;
use brief::model::{ItemRef, PartialDate};

fn briefing() -> Briefing {
    Briefing::load("briefings/syria-russia-2025.toml").expect("the shipped briefing is valid")
}

#[test]
fn the_four_named_issues_have_positions_quotes_and_indicators() {
    let b = briefing();
    for id in ["bases", "sdf-northeast", "south", "transitional-justice"] {
        let issue = b.issue(id).unwrap_or_else(|| panic!("issue {id} missing"));
        let Some(ItemRef::Issue(i)) = b.get(id) else {
            panic!("{id} is not an issue")
        };
        assert!(
            issue.positions.len() >= 3,
            "{id}: {} positions",
            issue.positions.len()
        );
        assert!(!b.index.issues[i].quotes.is_empty(), "{id}: no quotes");
        assert!(issue.indicators.len() >= 2, "{id}: too few indicators");
        assert!(!issue.open_questions.is_empty(), "{id}: no open questions");
        assert!(issue.stakes.is_some(), "{id}: no stakes");
    }
}

#[test]
fn the_bases_issue_names_both_bases_and_their_agreements() {
    let b = briefing();
    let bases = b.issue("bases").expect("bases");
    let text = format!(
        "{} {}",
        bases.summary,
        bases.stakes.as_deref().unwrap_or_default()
    );
    for word in ["Hmeimim", "Tartus", "Qamishli", "2015", "2017"] {
        assert!(text.contains(word), "bases issue does not mention {word}");
    }
}

#[test]
fn every_item_cites_a_source_and_every_source_is_cited() {
    let b = briefing();
    assert!(b.actors.iter().all(|a| !a.sources.is_empty()));
    assert!(
        b.issues
            .iter()
            .all(|i| !i.sources.is_empty() && i.positions.iter().all(|p| !p.sources.is_empty()))
    );
    assert!(b.events.iter().all(|e| !e.sources.is_empty()));
    assert!(b.claims.iter().all(|c| c.versions.len() >= 2));
    assert!(b.meta.key_judgments.iter().all(|j| !j.sources.is_empty()));
    for (s, citing) in b.index.sources.iter().enumerate() {
        assert!(
            citing.len() > 5,
            "source {} is cited only {} times",
            b.sources[s].id,
            citing.len()
        );
    }
}

#[test]
fn the_actors_the_issue_names_are_present_with_their_spellings() {
    let b = briefing();
    let names: HashSet<String> = b
        .actors
        .iter()
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
        .collect();
    let all = names.iter().cloned().collect::<Vec<_>>().join(" | ");
    for needle in [
        "Putin",
        "Lavrov",
        "Belousov",
        "Peskov",
        "al-Sharaa",
        "Jolani",
        "Amjad Muzaffar",
        "al-Shibani",
        "al-Shaybani",
        "al-Shaibani",
        "Murhaf",
        "Marhaf",
        "Salameh",
        "Assad",
        "Netanyahu",
        "Erdoğan",
        "Trump",
        "Petraeus",
        "Cooper",
        "Akrad",
        "Israel",
        "Turkey",
        "Iran",
        "Ukraine",
        "Germany",
        "SDF",
        "Tahrir al-Sham",
        "Islamic State",
        "Security Council",
        "Red Cross",
        "guardians of the blood",
        "Syria TV",
        "RIA Novosti",
        "Kremlin",
    ] {
        assert!(all.contains(needle), "no actor named or aliased {needle:?}");
    }
}

#[test]
fn the_summit_disagreement_is_a_claim_with_three_versions() {
    let b = briefing();
    let summit = b
        .claims
        .iter()
        .find(|c| c.issues.iter().any(|i| i == "arab-russian-summit") && c.versions.len() >= 3)
        .expect("a claim on the summit's venue and timing");
    let sources: HashSet<&str> = summit.versions.iter().map(|v| v.source.as_str()).collect();
    assert!(sources.len() >= 3, "{sources:?}");
}

#[test]
fn the_timeline_runs_from_2015_to_the_autumn_2025_meetings() {
    let b = briefing();
    let years: Vec<u16> = b.events.iter().map(|e| e.date.year).collect();
    assert!(years.contains(&2015) && years.contains(&2017));
    assert!(b.events.iter().any(|e| e.date.to_string() == "2025-10-15"));
    assert!(
        b.events.iter().any(|e| !e.date.is_full()),
        "no partial dates"
    );
}

#[test]
fn every_quote_is_verified_against_the_seeds_when_they_are_present() {
    let seeds = Path::new("../shared/seeds");
    if !seeds.is_dir() {
        // The CI script runs `brief check --sources-dir ../shared/seeds` on this file too.
        return;
    }
    let b = briefing();
    let verification = brief::verify::verify(&b, seeds);
    assert_eq!(verification.failed, 0, "{:#?}", verification.diagnostics);
    assert_eq!(verification.verified, b.quotes.len());
}

// ---------------------------------------------------------------- the author's own text

/// One piece of text the briefing's author wrote, with the item it belongs
/// to and the sources that item cites.
struct Authored {
    item: String,
    field: &'static str,
    text: String,
    cited: Vec<String>,
}

/// Everything in the briefing that is the author's own words: all text
/// except the quotes' words and the sources' titles and reference lists,
/// which are the sources' own.
fn authored(b: &Briefing) -> Vec<Authored> {
    let mut out = Vec::new();
    let mut add = |item: &str, field: &'static str, text: &str, cited: &[String]| {
        out.push(Authored {
            item: item.to_owned(),
            field,
            text: text.to_owned(),
            cited: cited.to_vec(),
        })
    };
    let m = &b.meta;
    add("briefing", "title", &m.title, &m.sources);
    if let Some(s) = &m.subtitle {
        add("briefing", "subtitle", s, &m.sources);
    }
    add("briefing", "summary", &m.summary, &m.sources);
    for j in &m.key_judgments {
        add("briefing", "key judgment", &j.text, &j.sources);
    }
    let all: Vec<String> = b.sources.iter().map(|s| s.id.clone()).collect();
    for s in &b.sources {
        if let Some(n) = &s.notes {
            add(&s.id, "notes", n, &all);
        }
    }
    for a in &b.actors {
        add(&a.id, "name", &a.name, &a.sources);
        add(&a.id, "summary", &a.summary, &a.sources);
        if let Some(r) = &a.role {
            add(&a.id, "role", r, &a.sources);
        }
        for x in &a.aliases {
            add(&a.id, "alias", x, &a.sources);
        }
        for x in &a.interests {
            add(&a.id, "interest", x, &a.sources);
        }
    }
    for i in &b.issues {
        add(&i.id, "title", &i.title, &i.sources);
        add(&i.id, "summary", &i.summary, &i.sources);
        if let Some(s) = &i.stakes {
            add(&i.id, "stakes", s, &i.sources);
        }
        for x in &i.open_questions {
            add(&i.id, "open question", x, &i.sources);
        }
        for x in &i.indicators {
            add(&i.id, "indicator", x, &i.sources);
        }
        for p in &i.positions {
            add(
                &format!("{}/{}", i.id, p.actor),
                "stance",
                &p.stance,
                &p.sources,
            );
        }
    }
    for q in &b.quotes {
        if let Some(c) = &q.context {
            add(&q.id, "context", c, std::slice::from_ref(&q.source));
        }
    }
    for e in &b.events {
        add(&e.id, "title", &e.title, &e.sources);
        if let Some(d) = &e.description {
            add(&e.id, "description", d, &e.sources);
        }
        if let Some(p) = &e.place {
            add(&e.id, "place", p, &e.sources);
        }
    }
    for c in &b.claims {
        let cited: Vec<String> = c.versions.iter().map(|v| v.source.clone()).collect();
        add(&c.id, "topic", &c.topic, &cited);
        if let Some(n) = &c.note {
            add(&c.id, "note", n, &cited);
        }
        for v in &c.versions {
            add(&c.id, "version", &v.says, std::slice::from_ref(&v.source));
        }
    }
    out
}

/// The author's text of one item, all fields joined.
fn item_text(b: &Briefing, id: &str) -> String {
    let texts: Vec<String> = authored(b)
        .into_iter()
        .filter(|a| a.item == id)
        .map(|a| a.text)
        .collect();
    assert!(!texts.is_empty(), "no item {id}");
    texts.join(" ")
}

fn position<'a>(b: &'a Briefing, issue: &str, actor: &str) -> &'a brief::model::Position {
    b.issue(issue)
        .unwrap_or_else(|| panic!("issue {issue} missing"))
        .positions
        .iter()
        .find(|p| p.actor == actor)
        .unwrap_or_else(|| panic!("no position {issue}/{actor}"))
}

/// Words as the copy check counts them: folded like quote verification,
/// lower-cased, split at anything but letters and digits (an apostrophe
/// inside a word stays in it).
fn words(text: &str) -> Vec<String> {
    let folded: Vec<char> = brief::verify::normalize(text)
        .to_lowercase()
        .chars()
        .collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in folded.iter().enumerate() {
        // An apostrophe inside a word ("Assad's") is part of it.
        let inside =
            c == '\'' && !word.is_empty() && folded.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || inside {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A text cut into sentences (at a full stop, question mark or
/// semicolon followed by a space, or at a line break).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        let end = match c {
            b'.' | b'?' | b';' => bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\n'),
            b'\n' => true,
            _ => false,
        };
        if end {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

const COPY_RUN: usize = 8;

#[test]
fn no_authored_text_copies_a_run_of_eight_words_from_a_seed() {
    let seeds = Path::new("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!(
            "skipped: ../shared/seeds is absent, so authored text cannot be compared with the source articles"
        );
        return;
    }
    let b = briefing();
    let mut runs: HashSet<String> = HashSet::new();
    for s in &b.sources {
        let file = s
            .file
            .as_deref()
            .unwrap_or_else(|| panic!("source {} has no file", s.id));
        let text = std::fs::read_to_string(seeds.join(file))
            .unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        for w in words(&text).windows(COPY_RUN) {
            runs.insert(w.join(" "));
        }
    }
    let mut copied = Vec::new();
    for a in authored(&b) {
        for w in words(&a.text).windows(COPY_RUN) {
            let run = w.join(" ");
            if runs.contains(&run) {
                copied.push(format!("{} ({}): {run}", a.item, a.field));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "copied outside quotes:\n{}",
        copied.join("\n")
    );
}

/// Numbers written `[N]` in a text.
fn markers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find(']')
            && let Ok(n) = rest[..close].parse::<usize>()
        {
            out.push(n);
        }
    }
    out
}

#[test]
fn source_markers_use_the_reader_numbering_and_name_cited_sources() {
    // The reader numbers sources [1]–[5] in file order; prose that says "[13]"
    // or "004" points at nothing the reader shows, and a marker for a source
    // the item does not cite sends the reader to the wrong place.
    let b = briefing();
    let mut bad = Vec::new();
    for a in authored(&b) {
        for n in markers(&a.text) {
            match b.sources.get(n.wrapping_sub(1)) {
                None => bad.push(format!(
                    "{} ({}): [{n}] is not a source number",
                    a.item, a.field
                )),
                Some(s) if !a.cited.contains(&s.id) => bad.push(format!(
                    "{} ({}): [{n}] is not among its sources",
                    a.item, a.field
                )),
                Some(_) => {}
            }
        }
        for s in &b.sources {
            let prefix = &s.id[..3];
            let chars: Vec<char> = a.text.chars().collect();
            let p: Vec<char> = prefix.chars().collect();
            for i in 0..chars.len().saturating_sub(p.len() - 1) {
                if chars[i..i + p.len()] != p[..] {
                    continue;
                }
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + p.len()).copied();
                let glued_before =
                    before.is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '.');
                let glued_after = after.is_some_and(|c| c.is_alphanumeric());
                if !glued_before && !glued_after {
                    bad.push(format!(
                        "{} ({}): names source {} by its file number",
                        a.item, a.field, s.id
                    ));
                }
            }
            if a.text.contains(&s.id) {
                bad.push(format!(
                    "{} ({}): names source {} by its id",
                    a.item, a.field, s.id
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn later_than(d: &PartialDate, bound: &PartialDate) -> bool {
    if d.year != bound.year {
        return d.year > bound.year;
    }
    match (bound.month, d.month) {
        (Some(bm), Some(dm)) if bm != dm => dm > bm,
        (Some(_), Some(_)) => matches!((bound.day, d.day), (Some(bd), Some(dd)) if dd > bd),
        _ => false,
    }
}

#[test]
fn as_of_is_the_month_the_sources_support_and_nothing_is_dated_after_it() {
    let b = briefing();
    let as_of = b.meta.as_of.expect("as_of");
    assert_eq!(
        as_of.to_string(),
        "2025-10",
        "as_of must not be a guessed day"
    );
    assert!(
        b.meta.summary.contains("October 2025"),
        "the summary says why as_of is October 2025"
    );
    for s in &b.sources {
        if let Some(p) = &s.published {
            assert!(
                !later_than(p, &as_of),
                "source {} is dated after as_of",
                s.id
            );
        }
    }
    for q in &b.quotes {
        if let Some(d) = &q.date {
            assert!(
                !later_than(d, &as_of),
                "quote {} is dated after as_of",
                q.id
            );
        }
    }
    for e in &b.events {
        if later_than(&e.date, &as_of) {
            assert!(
                e.title.contains("scheduled"),
                "event {} lies after as_of and must read as scheduled, not as having happened",
                e.id
            );
        }
    }
}

#[test]
fn publication_dates_are_the_partial_dates_the_texts_pin_down() {
    let b = briefing();
    let published: Vec<Option<String>> = b
        .sources
        .iter()
        .map(|s| s.published.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        published,
        [
            Some("2025"),
            Some("2025"),
            Some("2025"),
            Some("2025-10"),
            None
        ]
        .map(|d| d.map(str::to_owned))
    );
    for s in &b.sources {
        assert!(
            s.published.is_none_or(|d| !d.is_full()),
            "{}: no source gives a day",
            s.id
        );
        assert_eq!(s.reliability, Some('F'), "{}", s.id);
        let notes = s.notes.as_deref().unwrap_or_default();
        for part in ["Dating:", "Slant:", "Credibility:"] {
            assert!(notes.contains(part), "{}: notes lack {part:?}", s.id);
        }
    }
    let n000 = b.sources[0].notes.as_deref().unwrap_or_default();
    assert!(
        n000.contains("31 July") && n000.contains("15 September"),
        "[1]'s range is given"
    );
    assert!(
        !n000.contains("talks recent"),
        "[1] calls the call and Suwayda recent, not the talks"
    );
    let n002 = b.sources[2].notes.as_deref().unwrap_or_default();
    assert!(
        !n002.contains("appear twice"),
        "[3]'s paragraphs are all distinct"
    );
    let n004 = b.sources[4].notes.as_deref().unwrap_or_default();
    assert!(n004.contains("on or after"), "[5]'s lower bound is stated");
}

// ---------------------------------------------------------------- corrected facts

#[test]
fn brad_cooper_is_a_general_of_central_command_not_its_head() {
    let b = briefing();
    let role = b
        .actor("brad-cooper")
        .and_then(|a| a.role.clone())
        .unwrap_or_default();
    assert!(
        role.contains("General") && role.contains("Central Command"),
        "{role}"
    );
    for id in [
        "brad-cooper",
        "us-central-command",
        "islamic-state",
        "al-sharaa",
        "us-engagement",
        "e-cooper-damascus",
        "c-iran-us-trajectory",
    ] {
        let text = item_text(&b, id);
        assert!(
            text.contains("Cooper") || text.contains("Central Command"),
            "{id} lost Cooper"
        );
    }
    for a in authored(&b) {
        for sentence in sentences(&a.text) {
            let lower = sentence.to_lowercase();
            if lower.contains("cooper")
                || lower.contains("central command")
                || lower.contains("centcom")
            {
                let w = words(sentence);
                assert!(
                    !lower.contains("commander") && !w.iter().any(|w| w == "head" || w == "heads"),
                    "{} ({}) gives Cooper or CENTCOM a rank [4] does not: {sentence}",
                    a.item,
                    a.field,
                );
            }
        }
    }
}

#[test]
fn titles_and_descriptors_the_sources_do_not_give_stay_out() {
    let b = briefing();
    let actor = |id: &str| b.actor(id).unwrap_or_else(|| panic!("actor {id}"));
    assert_eq!(
        actor("erdogan").role,
        None,
        "[4] names Erdoğan without an office"
    );
    assert_eq!(
        actor("akopov").role,
        None,
        "[5]'s reference list gives Akopov no role"
    );
    assert_eq!(actor("abdullah-al-asaad").role, None);
    assert!(!actor("rudaw").summary.contains("Kurdish"));
    for id in ["enab-baladi", "syria-tv"] {
        assert!(!actor(id).summary.contains("Syrian outlet"), "{id}");
    }
    assert!(
        !actor("arab-states").summary.contains("invited"),
        "no source says Arab states were invited"
    );
    assert!(
        !actor("russian-defense-ministry")
            .summary
            .contains("released photographs")
    );
    let unga = b
        .event("e-2025-09-27-lavrov-unga")
        .expect("the UNGA transcript event");
    assert_eq!(unga.place, None, "no source places the press conference");
    assert!(!item_text(&b, "e-2025-09-27-lavrov-unga").contains("New York"));
    for a in authored(&b) {
        for phrase in [
            "President of Türkiye",
            "columnist",
            "Kurdish news agency",
            "Syrian outlet",
        ] {
            assert!(
                !a.text.contains(phrase),
                "{} ({}): {phrase:?}",
                a.item,
                a.field
            );
        }
    }
}

#[test]
fn the_bases_are_not_said_to_be_under_review() {
    // [1]'s committees review "all previous agreements"; no source says the
    // base agreements are among those reopened.
    let b = briefing();
    for (id, text) in [
        (
            "bases",
            b.issue("bases")
                .map(|i| i.summary.clone())
                .unwrap_or_default(),
        ),
        (
            "assad-regime",
            b.actor("assad-regime")
                .map(|a| a.summary.clone())
                .unwrap_or_default(),
        ),
        ("bases/syria", position(&b, "bases", "syria").stance.clone()),
    ] {
        for phrase in ["now fall under", "now under review", "all now under review"] {
            assert!(!text.contains(phrase), "{id}: {phrase:?}");
        }
    }
    assert!(
        b.issue("bases")
            .expect("bases")
            .open_questions
            .iter()
            .any(|q| q.contains("review")),
        "whether the review covers the bases stays an open question"
    );
}

#[test]
fn the_kremlin_refusal_is_attributed_to_reference_13() {
    let b = briefing();
    for id in [
        "transitional-justice",
        "kremlin",
        "peskov",
        "transitional-justice/kremlin",
        "e-2025-10-peskov",
        "c-extradition-raised",
    ] {
        assert!(item_text(&b, id).contains("reference 13"), "{id}");
    }
    let kj = b
        .meta
        .key_judgments
        .iter()
        .find(|j| j.text.contains("Assad's fate"))
        .expect("the judgment on Assad's fate");
    assert!(kj.text.contains("reference 13"));
    assert_eq!(kj.sources, [b.sources[4].id.clone()]);
    assert_eq!(kj.confidence, Some(brief::model::Confidence::Low));
}

#[test]
fn extradition_is_an_expected_request_not_a_demand() {
    let b = briefing();
    let stance = &position(&b, "transitional-justice", "syria").stance;
    assert!(
        stance.contains("expected") && !stance.starts_with("Raises"),
        "{stance}"
    );
    let assad = &b.actor("assad").expect("assad").summary;
    assert!(!assad.contains("for trial"), "{assad}");
    let regime = &b.actor("assad-regime").expect("assad-regime").summary;
    assert!(!regime.contains("extradition demands"), "{regime}");
    for a in authored(&b) {
        for sentence in sentences(&a.text) {
            let lower = sentence.to_lowercase();
            if lower.contains("extradition")
                && lower.contains("request")
                && !sentence.ends_with('?')
            {
                assert!(
                    lower.contains("expected"),
                    "{} ({}) drops [5]'s 'was expected': {sentence}",
                    a.item,
                    a.field
                );
            }
        }
    }
}

#[test]
fn statements_keep_their_sources_hedges_and_scope() {
    let b = briefing();
    let actor = |id: &str| b.actor(id).map(|a| a.summary.clone()).unwrap_or_default();
    let issue = |id: &str| b.issue(id).expect("issue").clone();
    let kj = |needle: &str| {
        b.meta
            .key_judgments
            .iter()
            .find(|j| j.text.contains(needle))
            .unwrap_or_else(|| panic!("no key judgment with {needle:?}"))
            .clone()
    };
    assert!(
        !actor("israel").contains("notably in Suwayda"),
        "Suwayda is al-Shibani's account"
    );
    assert!(
        !issue("bases")
            .stakes
            .unwrap_or_default()
            .contains("Washington and Europe")
    );
    assert!(
        position(&b, "bases", "syria").stance.contains("[5] reads"),
        "trading base privileges is [5]'s reading"
    );
    assert!(
        !position(&b, "sanctions-reconstruction", "russia")
            .stance
            .contains("presents itself")
    );
    assert!(!issue("sdf-northeast").summary.starts_with("The SDF holds"));
    assert!(
        kj("buffer zone").text.contains("could involve"),
        "[5]: 'potentially involving'"
    );
    let c = b.claim("c-bases-security").expect("c-bases-security");
    let v = c
        .versions
        .iter()
        .find(|v| v.source == b.sources[4].id)
        .expect("[5]'s version");
    assert!(
        v.says.contains("would mean") && !v.says.contains("real risk"),
        "{}",
        v.says
    );
    let us = &position(&b, "us-engagement", "syria").stance;
    assert!(
        !us.contains("cooperates on counter-terrorism") && us.contains("discussed"),
        "{us}"
    );
    let army = issue("army-modernisation").summary;
    assert!(
        !army.contains("Russian-built"),
        "[5]: systems largely developed and maintained by Russia"
    );
    let trump = item_text(&b, "trump");
    assert!(
        trump.contains("RIA Novosti") && trump.contains("Western outlets"),
        "keep [5]'s chain: {trump}"
    );
    assert!(!item_text(&b, "e-trump-meeting").contains("presidency"));
    assert!(
        !b.meta
            .summary
            .contains("inconsistent with itself about Donald Trump")
    );
    let anger = kj("public anger");
    assert!(
        anger.text.contains("inference") && anger.text.contains("October"),
        "{}",
        anger.text
    );
    let summit = kj("postponement");
    assert_eq!(
        summit.sources,
        [b.sources[4].id.clone()],
        "only [5] addresses the postponement"
    );
    assert_eq!(summit.confidence, Some(brief::model::Confidence::Low));
    let tone: Vec<&str> = b
        .sources
        .iter()
        .filter_map(|s| s.notes.as_deref())
        .filter(|n| n.contains("partisan"))
        .collect();
    assert!(
        tone.is_empty(),
        "slant is described in the same terms for every source"
    );
}

#[test]
fn quote_speakers_are_whoever_issued_the_words() {
    let b = briefing();
    let speaker = |id: &str| b.quote(id).and_then(|q| q.speaker.clone());
    assert_eq!(
        speaker("q-syria-sovereignty").as_deref(),
        Some("kremlin"),
        "the readout's words"
    );
    assert_eq!(speaker("q-tense-situation").as_deref(), Some("kremlin"));
    assert_ne!(
        speaker("q-ref-lavrov-unga").as_deref(),
        Some("lavrov"),
        "a transcript title is its publisher's"
    );
    assert_ne!(
        speaker("q-diplomatic-disgrace").as_deref(),
        Some("syrian-activists"),
        "[1] says 'Others'"
    );
    // A title taken from a reference list is credited to the institution that
    // issued the work (its publisher, or its author when that is an
    // institution), never to a person.
    let mut titles = 0;
    for q in &b.quotes {
        let source = b.source(&q.source).expect("quote source");
        let text = brief::verify::normalize(&q.text);
        if !source
            .references
            .iter()
            .any(|r| brief::verify::normalize(r).contains(&text))
        {
            continue;
        }
        titles += 1;
        let who = q
            .speaker
            .as_deref()
            .and_then(|s| b.actor(s))
            .unwrap_or_else(|| panic!("reference title {} has no speaker", q.id));
        assert_ne!(
            who.kind,
            brief::model::ActorKind::Person,
            "{}: {} is a person",
            q.id,
            who.id
        );
    }
    assert!(titles >= 13, "only {titles} reference titles found");
}

// ---------------------------------------------------------------- contested claims

#[test]
fn the_removed_non_contradictions_stay_removed_or_open_questions() {
    let b = briefing();
    for id in ["c-july-visit-timing", "c-review-body", "c-israel-channel"] {
        assert!(b.get(id).is_none(), "{id} is not a contradiction");
    }
    let past = b.issue("past-agreements").expect("past-agreements");
    assert!(
        past.open_questions
            .iter()
            .any(|q| q.contains("two committees") && q.contains("ministerial committee")),
        "how the review bodies relate stays an open question"
    );
    let channel = b.issue("israel-channel").expect("israel-channel");
    assert!(
        !channel
            .open_questions
            .iter()
            .any(|q| q.contains("says both"))
    );
}

#[test]
fn the_new_contested_claims_exist_with_the_right_sources() {
    let b = briefing();
    let sources = |id: &str| -> Vec<String> {
        b.claim(id)
            .unwrap_or_else(|| panic!("claim {id}"))
            .versions
            .iter()
            .map(|v| v.source.clone())
            .collect()
    };
    let s = |n: usize| b.sources[n - 1].id.clone();
    assert_eq!(sources("c-talks-venue"), [s(1), s(2)]);
    let venue = item_text(&b, "c-talks-venue");
    assert!(venue.contains("State Guest House") && venue.contains("foreign ministry"));
    let place = b
        .event("e-2025-07-31-lavrov-talks")
        .and_then(|e| e.place.clone())
        .unwrap_or_default();
    assert!(
        place.contains("State Guest House") && place.contains("foreign ministry"),
        "{place}"
    );
    let core = sources("c-security-core");
    assert_eq!(
        core.iter().filter(|x| **x == s(5)).count(),
        2,
        "[5] on both sides"
    );
    assert!(core.contains(&s(2)) && core.contains(&s(3)));
}

#[test]
fn weak_claims_are_trimmed_or_qualified() {
    let b = briefing();
    let claim = |id: &str| b.claim(id).unwrap_or_else(|| panic!("claim {id}"));
    assert!(
        claim("c-only-footholds")
            .versions
            .iter()
            .all(|v| v.source == b.sources[4].id),
        "[3]'s Tartus point conflicts with nothing"
    );
    let note = |id: &str| claim(id).note.clone().unwrap_or_default();
    assert!(note("c-summit-delay-meaning").contains("Not a disagreement"));
    assert!(note("c-iran-us-trajectory").contains("period"));
    let venue = note("c-summit-venue");
    assert!(
        venue.contains("[1] and [5]") && venue.contains("[2]'s alone"),
        "{venue}"
    );
}

// ---------------------------------------------------------------- coverage

#[test]
fn the_coverage_the_review_asked_for_is_present() {
    let b = briefing();
    let sov = position(&b, "sovereignty-unity", "russia");
    for n in [0, 2] {
        assert!(
            sov.sources.contains(&b.sources[n].id),
            "Russia's line on unity cites [{}]",
            n + 1
        );
    }
    for needle in [
        "chiefly Israel and Turkey",
        "self-image as an Eurasian power",
        "North African region",
        "arms, grain, and oil",
        "pay taxes to the state",
        "exploiting local fragmentation",
        "managed coordination with Ankara and the SDF",
        "recover its sovereign territory",
        "standing invitation",
        "occupied Golan",
        "major bargaining chip",
        "including Russia's own",
        "demanding tangible progress",
        "supports Syria's territorial unity",
        "publicly respect Syria's sovereignty",
    ] {
        let n = brief::verify::normalize(needle);
        assert!(
            b.quotes
                .iter()
                .any(|q| brief::verify::normalize(&q.text).contains(&n)),
            "no quote with {needle:?}"
        );
    }
    let tj = &b
        .issue("transitional-justice")
        .expect("transitional-justice")
        .summary;
    for needle in [
        "bargaining chip",
        "Russia's own",
        "tangible progress",
        "diplomatic disgrace",
    ] {
        assert!(
            tj.contains(needle),
            "transitional justice summary lacks {needle:?}"
        );
    }
}
