//! The modules of `src/` depend on each other in one direction: no two top-level modules (a
//! folder is one module) import each other, directly or around a circle. The graph is read from
//! the `crate::` paths of the code outside its tests; `cargo test --test cli layers -- --nocapture`
//! prints it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and the top-level modules it names.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules = BTreeSet::new();
    let mut uses: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        let module = if module == "main" {
            "lib".to_string()
        } else {
            module
        };
        modules.insert(module.clone());
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for path in names(code) {
            uses.push((module.clone(), path));
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in uses {
        // An item of the crate root (`crate::Env`) belongs to the root.
        let to = if modules.contains(&to) {
            to
        } else {
            "lib".into()
        };
        if from != to {
            graph.entry(from).or_default().insert(to);
        }
    }
    graph
}

/// The first segment of every `crate::` path, also inside `use crate::{a, b::c}`.
fn names(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(segment(&group[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            found.push(segment(&group[start..end]));
        } else {
            found.push(segment(rest));
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

fn segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The modules reachable from `start`.
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(module) = todo.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let src = crate::support::root().join("src");
    let graph = graph(&src);
    for (module, targets) in &graph {
        println!(
            "{module} -> {}",
            targets.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    let circular: Vec<String> = graph
        .keys()
        .filter(|module| reachable(&graph, module).contains(*module))
        .cloned()
        .collect();
    assert!(circular.is_empty(), "modules in a cycle: {circular:?}");
    // The register is a store below the pipeline: it names nothing above the model and the
    // value types (nothing that reads, renders or writes a note).
    let below = ["model", "dates", "diagnostic", "files", "faults", "redact"];
    for used in &graph["register"] {
        assert!(below.contains(&used.as_str()), "register imports {used}");
    }
}

#[test]
fn a_cycle_is_found() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(reachable(&graph, "a").contains("a"));
    assert_eq!(
        names("use crate::{x::Y, z};\nlet a = crate::w::f();"),
        ["x", "z", "w"]
    );
}
