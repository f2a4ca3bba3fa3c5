//! The shape of the code: the reader's modules depend on each other in
//! one direction only, so each can be read (and changed) knowing only the
//! ones below it. docs/ARCHITECTURE.md draws the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The reader's modules (`src/tui/NAME.rs` or `src/tui/NAME/`) and the
/// other modules of `src/tui` each one names.
fn tui_modules() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new("src/tui");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    collect(root, &mut files);
    for file in files {
        let relative = file.strip_prefix(root).expect("under src/tui");
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        if parts == ["mod.rs"] {
            continue;
        }
        let module = parts[0].trim_end_matches(".rs").to_string();
        // `super::` names a sibling from a top-level file or a folder's
        // mod.rs, and a module of the same folder from deeper files.
        let depth = parts.len() - usize::from(parts.last() == Some(&"mod.rs"));
        let text = std::fs::read_to_string(&file).expect("readable");
        // Tests inside a file may use anything; comments name what they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let text: String = code
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.as_str();
        let up = if depth == 1 {
            "super::"
        } else {
            "super::super::"
        };
        let mut names = BTreeSet::new();
        for prefix in ["crate::tui::", up] {
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + prefix.len()..];
                if prefix == "super::" && depth > 1 && text[..at].ends_with("super::") {
                    continue;
                }
                if let Some(group) = rest.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    names.extend(group.split(',').filter_map(first_word));
                } else {
                    names.extend(first_word(rest));
                }
            }
        }
        names.remove(&module);
        graph.entry(module).or_default().extend(names);
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    graph
}

fn first_word(text: &str) -> Option<String> {
    let word: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty() && word.chars().next().is_some_and(char::is_lowercase)).then_some(word)
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(found) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

#[test]
fn the_readers_modules_have_no_import_cycle() {
    let graph = tui_modules();
    assert!(graph.len() > 10, "found {:?}", graph.keys());
    assert!(
        graph["ui"].contains("app"),
        "the scan sees imports: {graph:?}"
    );
    if let Some(found) = cycle(&graph) {
        panic!("import cycle: {}", found.join(" → "));
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    graph.get_mut("c").expect("c").clear();
    assert_eq!(cycle(&graph), None);
}

#[test]
#[ignore = "prints the module graph: cargo test --test architecture -- --ignored --nocapture"]
fn print_the_module_graph() {
    for (module, deps) in tui_modules() {
        println!(
            "{module}: {}",
            deps.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}
