//! Loading a large file in pieces gives exactly what a whole-file load
//! gives: the same model and the same diagnostics, for valid and invalid
//! files alike.

use brief::load::check_str_with;

/// The parts of a briefing to compare: everything but the id map (a
/// HashMap, whose Debug order varies), which is checked by lookups.
fn parts(b: &Option<brief::Briefing>) -> Vec<String> {
    let Some(b) = b else {
        return vec!["none".into()];
    };
    let mut out = vec![format!("{:?}", b.meta)];
    out.extend(b.sources.iter().map(|x| format!("{x:?}")));
    out.extend(b.actors.iter().map(|x| format!("{x:?}")));
    out.extend(b.issues.iter().map(|x| format!("{x:?}")));
    out.extend(b.quotes.iter().map(|x| format!("{x:?}")));
    out.extend(b.events.iter().map(|x| format!("{x:?}")));
    out.extend(b.claims.iter().map(|x| format!("{x:?}")));
    out.push(format!(
        "{:?} {:?} {:?}",
        b.index.actors, b.index.issues, b.index.sources
    ));
    for quote in &b.quotes {
        out.push(format!("{} -> {:?}", quote.id, b.get(&quote.id)));
    }
    out
}

fn same(text: &str, what: &str) {
    let pieces = check_str_with(text, "f.toml", Some(16 * 1024));
    let whole = check_str_with(text, "f.toml", None);
    let (a, b) = (parts(&pieces.briefing), parts(&whole.briefing));
    assert_eq!(a.len(), b.len(), "{what}: different numbers of items");
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
        panic!(
            "{what}: models differ:\n{}\n{}",
            &x[..x.len().min(400)],
            &y[..y.len().min(400)]
        );
    }
    assert_eq!(
        pieces.report.diagnostics, whole.report.diagnostics,
        "{what}: diagnostics differ"
    );
    assert_eq!(
        pieces.report.render(),
        whole.report.render(),
        "{what}: rendering differs"
    );
}

fn generated() -> String {
    brief::generate::briefing(400_000, 11)
}

#[test]
fn a_generated_file_loads_the_same_in_pieces() {
    let text = generated();
    assert!(
        check_str_with(&text, "f.toml", Some(16 * 1024))
            .briefing
            .is_some()
    );
    same(&text, "generated");
}

#[test]
fn tricky_valid_and_invalid_files_load_the_same() {
    let text = generated();
    let quarter = text.len() / 4;
    // Positions of real item headers past the first piece, to break things there.
    let header = |from: usize, name: &str| {
        from + text[from..]
            .find(&format!("\n[[{name}]]\n"))
            .expect("a header")
            + 1
    };
    let q = header(quarter, "quotes");
    let e = header(quarter * 3, "events");
    let cases: Vec<(&str, String)> = vec![
        (
            "a header inside a multi-line string",
            format!(
                "{}x_note = \"\"\"\n[[quotes]]\n\"\"\"\n{}",
                &text[..q],
                &text[q..]
            ),
        ),
        (
            "an unknown field late in the file",
            text.replacen("\n[[events]]\n", "\n[[events]]\nspeeker = \"x\"\n", 1),
        ),
        (
            "a duplicate id across pieces",
            format!(
                "{}[[actors]]\nid = \"q3\"\nname = \"n\"\nkind = \"person\"\nsummary = \"s\"\nsources = [\"s0\"]\n\n{}",
                &text[..e],
                &text[e..]
            ),
        ),
        (
            "a reference to a missing id",
            text.replacen("speaker = \"a", "speaker = \"zz-a", 1),
        ),
        (
            "[briefing] redefined late",
            format!("{}[briefing]\nid = \"again\"\n\n{}", &text[..e], &text[e..]),
        ),
        (
            "an inline array then headers",
            text.replacen("[[sources]]", "quotes = []\n[[sources]]", 1),
        ),
        (
            "a syntax error late",
            format!("{}[[quotes]\n{}", &text[..e], &text[e..]),
        ),
        (
            "a sub-table after a cut",
            format!(
                "{}[[issues.positions]]\nactor = \"a1\"\nstance = \"x\"\nsources = [\"s0\"]\n\n{}",
                &text[..q],
                &text[q..]
            ),
        ),
        (
            "a reference to an item of another kind late",
            format!(
                "{}{}",
                &text[..e],
                text[e..].replacen("actors = [\"", "actors = [\"s0\", \"", 1)
            ),
        ),
        (
            "a claim's version citing an actor",
            match text.rfind("source = \"s") {
                Some(at) => format!("{}source = \"a1{}", &text[..at], &text[at + 11..]),
                None => panic!("no version cites a source"),
            },
        ),
        ("the same id twice in one piece", {
            let end = header(q + 1, "quotes");
            format!("{}{}{}", &text[..end], &text[q..end], &text[end..])
        }),
        ("CRLF line ends", text.replace('\n', "\r\n")),
        ("no newline at the end", text.trim_end().to_string()),
    ];
    for (what, case) in &cases {
        same(case, what);
    }
}

/// Each reference field, broken in turn (its id made one that names
/// nothing, then one that names an item of another kind), is reported by
/// a load in pieces exactly as by a whole-file load. The fields are those
/// the loader itself records on the example briefing, which uses every
/// field: a new reference field is covered without being listed here.
#[test]
fn every_reference_field_is_checked_the_same_in_pieces() {
    let text = std::fs::read_to_string("briefings/example.toml").expect("example");
    let references = brief::load::references_in(&text);
    // What holds a reference, without its id: "quote", "a position on issue".
    let holder = |owner: &str| {
        owner
            .split('`')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let fields: std::collections::BTreeSet<(String, &str)> = references
        .iter()
        .map(|(_, owner, field, _)| (holder(owner), *field))
        .collect();
    assert!(fields.len() >= 15, "{fields:?}");
    let mut seen = std::collections::BTreeSet::new();
    for (span, owner, field, kind) in &references {
        // One case per field of each kind of table is enough.
        if !seen.insert((holder(owner), *field)) {
            continue;
        }
        // A reference of another kind: the briefing's own id names no item.
        let other = if *kind == brief::model::Kind::Source {
            "arland"
        } else {
            "gazette"
        };
        for replacement in ["\"zz-nothing\"", &format!("\"{other}\"")] {
            let broken = format!("{}{replacement}{}", &text[..span.start], &text[span.end..]);
            let pieces = check_str_with(&broken, "f.toml", Some(256));
            assert!(
                pieces.report.has_errors(),
                "`{field}` broken with {replacement} is not caught in pieces"
            );
            same_with(&broken, 256, &format!("{field} → {replacement}"));
        }
    }
}

fn same_with(text: &str, piece: usize, what: &str) {
    let pieces = check_str_with(text, "f.toml", Some(piece));
    let whole = check_str_with(text, "f.toml", None);
    assert_eq!(parts(&pieces.briefing), parts(&whole.briefing), "{what}");
    assert_eq!(pieces.report.render(), whole.report.render(), "{what}");
}
