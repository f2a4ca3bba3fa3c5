//! Search, rule by rule, on the built-in briefing: every word must match,
//! phrases, exclusions, dates, ranking, suggestions, the counter, the
//! history, and the matches marked in the detail pane.

mod common;

use brief::model::{ItemRef, Kind};
use brief::search::{Found, SearchIndex};
use brief::tui::App;
use brief::tui::app::Overlay;
use common::{app, default_briefing, press, type_text};

fn search(query: &str) -> (brief::Briefing, Found) {
    let b = default_briefing();
    let found = SearchIndex::build(&b).search(query);
    (b, found)
}

fn ids(b: &brief::Briefing, found: &Found) -> Vec<String> {
    found.hits.iter().map(|h| b.item_id(h.item)).collect()
}

/// Every searchable text of an item, lower-cased, for checking hits.
fn all_text(b: &brief::Briefing, item: ItemRef) -> String {
    let mut out = b.item_title(item).to_lowercase();
    out.push(' ');
    out.push_str(&format!("{:?}", b.items.all().find(|&i| i == item)).to_lowercase());
    match item {
        ItemRef::Actor(i) => out.push_str(&format!("{:?}", b.actors[i]).to_lowercase()),
        ItemRef::Issue(i) => out.push_str(&format!("{:?}", b.issues[i]).to_lowercase()),
        ItemRef::Quote(i) => out.push_str(&format!("{:?}", b.quotes[i]).to_lowercase()),
        ItemRef::Event(i) => out.push_str(&format!("{:?}", b.events[i]).to_lowercase()),
        ItemRef::Source(i) => out.push_str(&format!("{:?}", b.sources[i]).to_lowercase()),
        ItemRef::Claim(i) => out.push_str(&format!("{:?}", b.claims[i]).to_lowercase()),
        ItemRef::Position { issue, position } => {
            out.push_str(&format!("{:?}", b.issues[issue].positions[position]).to_lowercase())
        }
    }
    out
}

#[test]
fn every_word_must_match_in_any_order_and_any_field() {
    for query in ["sharaa putin", "putin sharaa", "al sharaa", "bases Tartus"] {
        let (b, found) = search(query);
        assert!(!found.hits.is_empty(), "{query} finds nothing");
        for hit in &found.hits {
            let text = all_text(&b, hit.item);
            for word in query.split(' ') {
                assert!(text.contains(&word.to_lowercase()), "{query}: {hit:?}");
            }
        }
    }
    let (b, found) = search("al sharaa");
    assert_eq!(
        ids(&b, &found).first().map(String::as_str),
        Some("al-sharaa")
    );
    let (b, found) = search("bases Tartus");
    assert!(ids(&b, &found).contains(&"bases".to_string()));
}

#[test]
fn a_quoted_phrase_must_match_as_written() {
    let (b, found) = search("\"guardians of the blood\"");
    assert!(
        found
            .hits
            .iter()
            .any(|h| matches!(h.item, ItemRef::Quote(_)))
    );
    for hit in &found.hits {
        assert!(
            all_text(&b, hit.item).contains("guardians of the blood"),
            "{hit:?}"
        );
    }
    assert!(search("\"blood the of guardians\"").1.hits.is_empty());
    assert!(!search("blood the of guardians").1.hits.is_empty());
}

#[test]
fn a_word_after_a_bang_is_excluded() {
    let (_, all) = search("lavrov");
    let (_, shibani) = search("shibani");
    let (_, found) = search("lavrov !shibani");
    assert!(!found.hits.is_empty() && found.hits.len() < all.hits.len());
    for hit in &found.hits {
        assert!(!shibani.hits.iter().any(|h| h.item == hit.item), "{hit:?}");
    }
    // What is left out is exactly what mentions the excluded word.
    let both = all
        .hits
        .iter()
        .filter(|h| shibani.hits.iter().any(|s| s.item == h.item))
        .count();
    assert_eq!(found.hits.len() + both, all.hits.len());
}

#[test]
fn dates_match_as_people_write_them() {
    for query in [
        "2025-10-15",
        "15 October 2025",
        "October 15, 2025",
        "15 oct 2025",
    ] {
        let (b, found) = search(query);
        assert!(
            ids(&b, &found).contains(&"e-2025-10-15-sharaa-putin".to_string()),
            "{query}: {:?}",
            ids(&b, &found)
        );
    }
    // A month holds its days, and partial dates in it.
    for query in ["2025-10", "October 2025"] {
        let (b, found) = search(query);
        let events: Vec<String> = found
            .hits
            .iter()
            .filter(|h| h.item.kind() == Kind::Event)
            .map(|h| b.item_id(h.item))
            .collect();
        assert!(
            events.contains(&"e-2025-10-15-sharaa-putin".to_string()),
            "{query}"
        );
        for hit in &found.hits {
            if let ItemRef::Event(i) = hit.item {
                let d = b.events[i].date;
                assert!(
                    d.year == 2025 && d.month.is_none_or(|m| m == 10),
                    "{query}: {d}"
                );
            }
        }
    }
    // Dates with words: what happened in October 2025 and names Putin.
    let (b, found) = search("putin 2025-10");
    assert!(ids(&b, &found).contains(&"e-2025-10-15-sharaa-putin".to_string()));
}

#[test]
fn exact_names_come_first_then_names_that_start_so() {
    let (b, found) = search("russia");
    let first_actor = found
        .hits
        .iter()
        .find(|h| h.item.kind() == Kind::Actor)
        .expect("an actor");
    assert_eq!(b.item_title(first_actor.item), "Russia");
    assert_eq!(
        found.hits[0].item.kind(),
        Kind::Actor,
        "the kind of the best hit first"
    );
    let (b, found) = search("abu qasra");
    assert_eq!(b.item_title(found.hits[0].item), "Murhaf Abu Qasra");
    // Within a kind, ranks never go down the list.
    for pair in found.hits.windows(2) {
        if pair[0].item.kind() == pair[1].item.kind() {
            assert!(pair[0].rank <= pair[1].rank, "{pair:?}");
        }
    }
}

#[test]
fn a_misspelt_name_gets_suggestions() {
    let (b, found) = search("murhav");
    assert!(found.hits.is_empty());
    let names: Vec<String> = found
        .suggestions
        .iter()
        .map(|h| b.item_title(h.item))
        .collect();
    assert_eq!(
        names.first().map(String::as_str),
        Some("Murhaf Abu Qasra"),
        "{names:?}"
    );
    // Prose is not corrected: a misspelt common word suggests nothing far off.
    assert!(search("zzqxw").1.suggestions.is_empty());
}

fn message(app: &App) -> String {
    app.message.clone().map(|(m, _)| m).unwrap_or_default()
}

#[test]
fn the_counter_is_right_for_the_result_chosen() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "abu qasra");
    press(&mut app, "tab enter");
    assert!(
        message(&app).starts_with("Match 2 of "),
        "{}",
        message(&app)
    );
    let chosen = app.detail.subject;
    // n goes on from the one chosen: within it, then the next.
    let lines = app.detail.matches.len();
    for _ in 0..lines {
        press(&mut app, "n");
    }
    assert_ne!(app.detail.subject, chosen);
    assert!(
        message(&app).starts_with("Match 3 of "),
        "{}",
        message(&app)
    );
}

#[test]
fn the_prompt_recalls_searches_and_enter_on_it_empty_repeats_the_last() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "tartus");
    press(&mut app, "enter");
    let first = app.detail.subject;
    press(&mut app, "/");
    type_text(&mut app, "hmeimim");
    press(&mut app, "enter 1 /");
    let query = |app: &App| match &app.overlay {
        Some(Overlay::Search(s)) => s.query.text(),
        _ => panic!("searching"),
    };
    assert_eq!(query(&app), "", "the prompt opens empty");
    press(&mut app, "up");
    assert_eq!(query(&app), "hmeimim");
    press(&mut app, "up");
    assert_eq!(query(&app), "tartus");
    press(&mut app, "down down");
    assert_eq!(query(&app), "", "past the newest, what was typed");
    press(&mut app, "up up enter");
    assert_eq!(app.detail.subject, first);
    // An empty prompt repeats the last search.
    press(&mut app, "1 / enter");
    assert!(app.overlay.is_none());
    assert_eq!(
        app.search_history.last().map(String::as_str),
        Some("tartus")
    );
}

#[test]
fn the_history_is_kept_in_a_file_and_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("search-history");
    let mut app = app(120, 40);
    app.history_file = Some(path.clone());
    for n in 0..105 {
        press(&mut app, "/");
        type_text(&mut app, &format!("lavrov {}", n % 103));
        press(&mut app, "esc");
        press(&mut app, "/");
        type_text(&mut app, "lavrov");
        press(&mut app, "enter");
    }
    press(&mut app, "/");
    type_text(&mut app, "tartus");
    press(&mut app, "enter");
    let kept = brief::review::store::load_history(&path);
    assert_eq!(kept.last().map(String::as_str), Some("tartus"));
    assert_eq!(
        kept.iter().filter(|q| *q == "lavrov").count(),
        1,
        "once each"
    );
    assert!(kept.len() <= 100);
    let mut fresh = common::app_with(default_briefing(), 120, 40);
    fresh.search_history = kept;
    press(&mut fresh, "/ up");
    let Some(Overlay::Search(s)) = &fresh.overlay else {
        panic!("searching")
    };
    assert_eq!(s.query.text(), "tartus");
}

#[test]
fn matches_are_marked_in_the_detail_pane() {
    let mut app = app(120, 40);
    press(&mut app, "/");
    type_text(&mut app, "Hmeimim");
    press(&mut app, "enter");
    let matched = app.theme.matched;
    let marked: Vec<String> = app
        .detail
        .lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .filter(|s| s.style == s.style.patch(matched) && s.content.to_lowercase() == "hmeimim")
        .map(|s| s.content.to_string())
        .collect();
    assert!(!marked.is_empty(), "the match is marked");
    assert!(!app.detail.matches.is_empty());
    // Leaving the search's hits, nothing is marked.
    press(&mut app, "2");
    assert!(app.detail.matches.is_empty());
}
