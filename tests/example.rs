//! The example briefing uses every field, and its index agrees with itself:
//! every backlink has its forward link and the other way round.

use brief::Briefing;
use brief::model::ItemRef;

fn example() -> Briefing {
    Briefing::load("briefings/example.toml").expect("example.toml is valid")
}

#[test]
fn example_uses_every_optional_field() {
    let b = example();
    let m = &b.meta;
    assert!(m.subtitle.is_some() && m.handling.is_some() && !m.sources.is_empty());
    assert!(m.key_judgments.iter().any(|j| j.confidence.is_some()));
    assert!(m.key_judgments.iter().any(|j| j.likelihood.is_some()));
    assert!(!m.lint_allow.is_empty());
    assert!(m.key_judgments.iter().any(|j| !j.lint_allow.is_empty()));
    assert!(m.key_judgments.iter().any(|j| j.sources.is_empty()));
    assert!(b.sources.iter().any(|s| s.outlet.is_some()
        && s.published.is_some()
        && s.url.is_some()
        && s.file.is_some()
        && s.reliability.is_some()
        && s.notes.is_some()
        && !s.references.is_empty()));
    assert!(
        b.actors
            .iter()
            .any(|a| !a.aliases.is_empty() && a.role.is_some() && a.affiliation.is_some())
    );
    assert!(b.actors.iter().any(|a| !a.interests.is_empty()));
    assert!(b.issues.iter().any(|i| i.stakes.is_some()
        && !i.actors.is_empty()
        && !i.open_questions.is_empty()
        && !i.indicators.is_empty()
        && !i.positions.is_empty()));
    assert!(b.quotes.iter().any(|q| q.speaker.is_some()
        && !q.issues.is_empty()
        && q.context.is_some()
        && q.date.is_some()
        && q.credibility.is_some()));
    assert!(b.quotes.iter().any(|q| !q.lint_allow.is_empty()));
    assert!(b.quotes.iter().any(|q| q.speaker.is_none()));
    assert!(b.events.iter().any(|e| e.description.is_some()
        && !e.actors.is_empty()
        && !e.issues.is_empty()
        && e.place.is_some()));
    assert!(b.events.iter().any(|e| !e.date.is_full()));
    assert!(
        b.claims
            .iter()
            .any(|c| c.note.is_some() && !c.issues.is_empty() && !c.actors.is_empty())
    );
    assert!(
        b.claims
            .iter()
            .any(|c| c.versions.iter().any(|v| v.credibility.is_some()))
    );
}

#[test]
fn every_backlink_has_its_forward_link() {
    let b = example();
    for (a, links) in b.index.actors.iter().enumerate() {
        let id = &b.actors[a].id;
        for &i in &links.issues {
            let issue = &b.issues[i];
            assert!(issue.actors.contains(id) || issue.positions.iter().any(|p| &p.actor == id));
        }
        for &p in &links.positions {
            let ItemRef::Position { issue, position } = p else {
                panic!("not a position")
            };
            assert_eq!(&b.issues[issue].positions[position].actor, id);
        }
        for &q in &links.quotes {
            assert_eq!(b.quotes[q].speaker.as_ref(), Some(id));
        }
        for &e in &links.events {
            assert!(b.events[e].actors.contains(id));
        }
        for &c in &links.claims {
            assert!(b.claims[c].actors.contains(id));
        }
        for &m in &links.members {
            assert_eq!(b.actors[m].affiliation.as_ref(), Some(id));
        }
    }
    for (i, links) in b.index.issues.iter().enumerate() {
        let id = &b.issues[i].id;
        for &q in &links.quotes {
            assert!(b.quotes[q].issues.contains(id));
        }
        for &e in &links.events {
            assert!(b.events[e].issues.contains(id));
        }
        for &c in &links.claims {
            assert!(b.claims[c].issues.contains(id));
        }
    }
    for (s, citing) in b.index.sources.iter().enumerate() {
        let id = &b.sources[s].id;
        for &item in citing {
            let cites = match item {
                ItemRef::Actor(i) => b.actors[i].sources.contains(id),
                ItemRef::Issue(i) => b.issues[i].sources.contains(id),
                ItemRef::Position { issue, position } => {
                    b.issues[issue].positions[position].sources.contains(id)
                }
                ItemRef::Quote(i) => &b.quotes[i].source == id,
                ItemRef::Event(i) => b.events[i].sources.contains(id),
                ItemRef::Claim(i) => b.claims[i].versions.iter().any(|v| &v.source == id),
                ItemRef::Source(_) => false,
            };
            assert!(cites, "{item:?} does not cite {id}");
        }
    }
}

#[test]
fn every_forward_link_has_its_backlink() {
    let b = example();
    let actor = |id: &str| match b.get(id) {
        Some(ItemRef::Actor(a)) => a,
        other => panic!("{id} is {other:?}"),
    };
    let issue = |id: &str| match b.get(id) {
        Some(ItemRef::Issue(i)) => i,
        other => panic!("{id} is {other:?}"),
    };
    let source = |id: &str| match b.get(id) {
        Some(ItemRef::Source(s)) => s,
        other => panic!("{id} is {other:?}"),
    };
    for (i, x) in b.issues.iter().enumerate() {
        for id in &x.actors {
            assert!(b.index.actors[actor(id)].issues.contains(&i));
            assert!(b.index.issues[i].actors.contains(&actor(id)));
        }
        for (p, pos) in x.positions.iter().enumerate() {
            let item = ItemRef::Position {
                issue: i,
                position: p,
            };
            assert!(b.index.actors[actor(&pos.actor)].positions.contains(&item));
            for s in &pos.sources {
                assert!(b.index.sources[source(s)].contains(&item));
            }
        }
        for s in &x.sources {
            assert!(b.index.sources[source(s)].contains(&ItemRef::Issue(i)));
        }
    }
    for (q, x) in b.quotes.iter().enumerate() {
        if let Some(id) = &x.speaker {
            assert!(b.index.actors[actor(id)].quotes.contains(&q));
        }
        for id in &x.issues {
            assert!(b.index.issues[issue(id)].quotes.contains(&q));
        }
        assert!(b.index.sources[source(&x.source)].contains(&ItemRef::Quote(q)));
    }
    for (e, x) in b.events.iter().enumerate() {
        for id in &x.actors {
            assert!(b.index.actors[actor(id)].events.contains(&e));
        }
        for id in &x.issues {
            assert!(b.index.issues[issue(id)].events.contains(&e));
        }
    }
    for (c, x) in b.claims.iter().enumerate() {
        for id in &x.actors {
            assert!(b.index.actors[actor(id)].claims.contains(&c));
        }
        for id in &x.issues {
            assert!(b.index.issues[issue(id)].claims.contains(&c));
        }
        for v in &x.versions {
            assert!(b.index.sources[source(&v.source)].contains(&ItemRef::Claim(c)));
        }
    }
    for (a, x) in b.actors.iter().enumerate() {
        if let Some(id) = &x.affiliation {
            assert!(b.index.actors[actor(id)].members.contains(&a));
        }
    }
}

#[test]
fn lookup_by_id_finds_each_kind() {
    let b = example();
    assert_eq!(
        b.actor("mira-holt").map(|a| a.name.as_str()),
        Some("Mira Holt")
    );
    assert_eq!(b.issue("corvo-lease").map(|i| i.positions.len()), Some(2));
    assert!(b.quote("q-holt-review").is_some() && b.event("e-talks-resume").is_some());
    assert!(b.claim("c-renewal-terms").is_some() && b.source("courier").is_some());
    assert!(
        b.actor("corvo-lease").is_none(),
        "an issue id is not an actor"
    );
}
