//! The shipped briefing covers what an analyst needs, not just loads.

use std::collections::HashSet;
use std::path::Path;

use brief::Briefing;
use brief::model::ItemRef;

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
