//! The library's layers (docs/development.md): each folder of `src/` is a layer, and a
//! module imports only from its own layer or the ones below it. This test reads every
//! `crate::` path in `src/` (outside comments, `pub use` re-exports and test modules) and
//! fails on one that reaches up, naming the file and the path.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{collections::BTreeMap, fs, path::Path};

use crate::common::root;

/// Bottom up. `error.rs` sits with the values: errors carry values, values return errors.
const LAYERS: [&str; 7] = [
    "value", "format", "crypto", "policy", "evidence", "judge", "net",
];

/// Upward imports allowed, each with why (file, a name in the path, the reason). None is:
/// move the item to its layer instead of adding a row.
const KNOWN: &[(&str, &str, &str)] = &[];

fn rank(layer: &str) -> usize {
    LAYERS.iter().position(|l| *l == layer).expect("a layer")
}

/// Which layer each name reachable as `crate::NAME` (and `crate::NAME::CHILD`, for a child
/// re-exported from another layer) lives in, read from lib.rs and the layers' files.
fn homes(src: &Path) -> BTreeMap<String, &'static str> {
    let mut map = BTreeMap::new();
    map.insert("error".to_string(), "value");
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        let line = line
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if let Some(rest) = line.strip_prefix("use ")
            && let Some((layer, name)) = rest.trim_end_matches(';').split_once("::")
            && let Some(l) = LAYERS.iter().find(|l| **l == layer)
        {
            map.insert(name.to_string(), *l);
        }
    }
    for l in LAYERS {
        map.insert(l.to_string(), l);
    }
    // The items the root re-exports (`pub use lint::{Finding, LintId, ..};`): their module's.
    // Read by statement, not by line: rustfmt wraps a long one over several lines.
    for statement in lib.split(';') {
        let Some(at) = statement.rfind("pub use ") else {
            continue;
        };
        let rest = statement[at + "pub use ".len()..]
            .split_whitespace()
            .collect::<String>();
        if let Some((module, items)) = rest.split_once("::")
            && let Some(l) = map.get(module).copied()
        {
            for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
                if !item.is_empty() {
                    map.entry(item.to_string()).or_insert(l);
                }
            }
        }
    }
    // `pub use crate::net::rdap_client as client;` in rdap.rs: `crate::rdap::client` is net's.
    for (file, text) in sources(src) {
        let parent = file.file_stem().unwrap().to_string_lossy().to_string();
        for line in text.lines() {
            if let Some(rest) = line.trim().strip_prefix("pub use crate::")
                && let Some((path, name)) = rest.trim_end_matches(';').split_once(" as ")
                && let Some(l) = LAYERS.iter().find(|l| path.starts_with(&format!("{l}::")))
            {
                map.insert(format!("{parent}::{name}"), *l);
            }
        }
    }
    map
}

fn sources(src: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

/// The code of a file as the layering sees it: no test module, comments or re-exports.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::new();
    let mut in_reexport = false;
    for line in text.lines() {
        let t = line.trim_start();
        if in_reexport
            || t.starts_with("pub use crate::")
            || t.starts_with("pub(crate) use crate::")
        {
            in_reexport = !t.ends_with(';');
            continue;
        }
        out.push_str(line.split("//").next().unwrap_or(""));
        out.push('\n');
    }
    out
}

/// Every path named after `crate::`, braces expanded one level (`crate::{a, b::c}`).
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let word = |s: &str| {
            s.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect::<String>()
        };
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if c == ',' && depth == 1 {
                    out.push(word(item.trim()));
                    item.clear();
                } else {
                    item.push(c);
                }
            }
            out.push(word(item.trim()));
        } else {
            out.push(word(rest));
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

#[test]
fn imports_only_go_down_the_layers() {
    let src = root().join("src");
    let homes = homes(&src);
    let mut upward = Vec::new();
    for (file, text) in sources(&src) {
        let rel = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(layer) = rel
            .strip_prefix("src/")
            .and_then(|r| r.split('/').next())
            .map(|first| first.trim_end_matches(".rs"))
        else {
            continue;
        };
        let own = match layer {
            "error" => "value",
            l if LAYERS.contains(&l) => l,
            _ => continue, // lib.rs
        };
        for path in paths(&code(&text)) {
            let mut parts = path.split("::");
            let first = parts.next().unwrap_or("");
            let second = parts.next();
            let home = second
                .and_then(|s| homes.get(&format!("{first}::{s}")))
                .or_else(|| homes.get(first));
            let Some(home) = home else { continue };
            if rank(home) > rank(own)
                && !KNOWN
                    .iter()
                    .any(|(f, name, _)| *f == rel && path.contains(name))
            {
                upward.push(format!("{rel} ({own}) uses crate::{path} ({home})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that reach up a layer (move the item down, or the user up):\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_layering_test_sees_an_upward_import() {
    // The reader itself: a value naming the linter is caught, a re-export and a comment are not.
    let code = code(
        "use crate::{error::Error, lint::{Finding, LintId}};\n// crate::check::run\npub use crate::judge::check;\n",
    );
    assert_eq!(paths(&code), ["error::Error", "lint::"]);
}

#[test]
fn a_re_export_wrapped_over_lines_is_read_whole() {
    // `pub use lint::{\n    Finding,\n    Severity,\n};` as rustfmt writes a long one: each
    // item is the judging layer's, so a value naming `crate::Severity` reaches up.
    let dir = crate::common::tempdir();
    fs::write(
        dir.path().join("lib.rs"),
        "mod judge;\npub(crate) use judge::lint;\npub use lint::{\n    Finding,\n    Severity,\n};\n",
    )
    .unwrap();
    let homes = homes(dir.path());
    assert_eq!(homes.get("Finding"), Some(&"judge"));
    assert_eq!(homes.get("Severity"), Some(&"judge"));
}

/// The rows of docs/development.md's "Where each check's rule lives": id and file.
fn rule_homes() -> Vec<(String, String)> {
    let page = fs::read_to_string(root().join("docs/development.md")).unwrap();
    let section = page
        .split("## Where each check's rule lives")
        .nth(1)
        .expect("docs/development.md has the check-id table")
        .split("\n## ")
        .next()
        .unwrap_or("");
    section
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).filter(|c| !c.is_empty());
            let id = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
            let file = cells.next()?.strip_prefix('`')?.split('`').next()?;
            Some((id.to_string(), file.to_string()))
        })
        .collect()
}

#[test]
fn every_check_id_has_a_row_naming_the_file_that_decides_it() {
    use byoip::{Asn, check::CheckId};
    let rows = rule_homes();
    let ids = CheckId::FIXED
        .iter()
        .cloned()
        .chain([CheckId::Roa(Asn::new(16509)), CheckId::Context("x".into())]);
    let mut wrong = Vec::new();
    for id in ids {
        let pattern = id.pattern();
        let variant = format!("{id:?}");
        let variant = variant.split('(').next().unwrap_or("");
        let Some((_, file)) = rows.iter().find(|(r, _)| *r == pattern) else {
            wrong.push(format!("{pattern}: no row"));
            continue;
        };
        let Ok(text) = fs::read_to_string(root().join(file)) else {
            wrong.push(format!("{pattern}: {file} does not exist"));
            continue;
        };
        if !text.contains(&format!("CheckId::{variant}")) && !text.contains(&pattern) {
            wrong.push(format!(
                "{pattern}: {file} does not name CheckId::{variant}"
            ));
        }
    }
    for (id, _) in &rows {
        if id.parse::<CheckId>().is_err() && !id.contains('<') {
            wrong.push(format!("{id}: a row for no check id"));
        }
    }
    assert!(
        wrong.is_empty(),
        "docs/development.md's check-id table:\n{}",
        wrong.join("\n")
    );
}
