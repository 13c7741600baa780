//! The documentation's shape: the README stays short, and every relative link in the README
//! and in `docs/` leads somewhere (a file that exists and, for `#anchor`, a heading in it).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every page of `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    let mut pages = vec![root().join("README.md")];
    pages.extend(docs);
    pages
}

/// The text outside fenced code blocks, with each code span replaced by `code`, so that a
/// link shown as code is not read as one.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find('`') {
            out.push_str(&rest[..open]);
            let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
            let fence = &rest[open..open + ticks];
            let after = &rest[open + ticks..];
            match after.find(fence) {
                Some(close) => {
                    out.push_str("code");
                    rest = &after[close + ticks..];
                }
                None => {
                    out.push_str(fence);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The targets of the inline links `[text](target)` and the reference definitions
/// `[name]: target` of `text`.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let target = after[..end].split_whitespace().next().unwrap_or_default();
        targets.push(target.to_string());
        rest = &after[end..];
    }
    for line in prose.lines() {
        if let Some(def) = line.strip_prefix('[')
            && let Some((_, target)) = def.split_once("]: ")
        {
            targets.push(target.split_whitespace().next().unwrap().to_string());
        }
    }
    targets
}

/// The anchors GitHub gives the headings of `text`: lower case, letters, digits, `-` and
/// `_` kept, spaces made `-`, anything else dropped; a repeated one gets `-1`, `-2`, ….
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim();
        let slug: String = title
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut anchor = slug.clone();
        let mut n = 0;
        while seen.contains(&anchor) {
            n += 1;
            anchor = format!("{slug}-{n}");
        }
        seen.insert(anchor);
    }
    seen
}

#[test]
fn anchors_are_githubs() {
    let text = "# byoip\n## `byoip check --cloud azure|oci` — Microsoft Azure and Oracle\n\
                ```sh\n# not a heading\n```\n## Check ids\n### Check ids\n";
    let got: Vec<String> = anchors(text).into_iter().collect();
    assert_eq!(
        got,
        [
            "byoip",
            "byoip-check---cloud-azureoci--microsoft-azure-and-oracle",
            "check-ids",
            "check-ids-1"
        ]
    );
}

#[test]
fn links_in_code_are_not_links() {
    let text = "[a](a.md) `[b](b.md)` ``[c](c.md)``\n```md\n[d](d.md)\n```\n[e]: e.md \"E\"\n";
    assert_eq!(link_targets(text), ["a.md", "e.md"]);
}

/// The README holds what a newcomer needs first; the rest is in `docs/`.
#[test]
fn the_readme_stays_under_300_lines() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines < 300,
        "README.md has {lines} lines: move the detail into docs/ and link it"
    );
}

#[test]
fn every_relative_link_names_a_file_and_a_heading_that_exist() {
    let mut checked = 0;
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let name = page.strip_prefix(root()).unwrap().display().to_string();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let dest = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            if !dest.exists() {
                broken.push(format!("{name}: {target}: no file {}", dest.display()));
                continue;
            }
            if !anchor.is_empty() {
                let dest_text = std::fs::read_to_string(&dest).unwrap_or_default();
                if !anchors(&dest_text).contains(anchor) {
                    broken.push(format!("{name}: {target}: no heading #{anchor}"));
                }
            }
            checked += 1;
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked >= 50, "only {checked} links found");
}

/// A reference-style link (`[text][name]`) is defined (`[name]: URL`) on its own page: a
/// definition left behind on another page renders as plain brackets.
#[test]
fn every_reference_link_is_defined_on_its_page() {
    let mut undefined = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let prose = prose(&text);
        let defined: BTreeSet<&str> = prose
            .lines()
            .filter_map(|l| l.strip_prefix('[')?.split_once("]: "))
            .map(|(name, _)| name)
            .collect();
        for (i, _) in prose.match_indices("][") {
            let name = prose[i + 2..].split(']').next().unwrap_or_default();
            if !defined.contains(name) {
                let page = page.strip_prefix(root()).unwrap().display().to_string();
                undefined.push(format!("{page}: [{name}]"));
            }
        }
    }
    assert!(undefined.is_empty(), "undefined: {undefined:?}");
}

/// CI runs the README's test command (`.ci/run` says so); both say `cargo test`, exactly.
#[test]
fn the_readme_test_command_is_the_one_ci_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let two = readme
        .split("## The two commands")
        .nth(1)
        .expect("README has \"The two commands\"");
    let blocks: Vec<&str> = two
        .split("```sh\n")
        .skip(1)
        .take(2)
        .map(|b| b.split("```").next().unwrap().trim())
        .collect();
    assert!(
        blocks[0].starts_with("cargo run --release -- "),
        "{blocks:?}"
    );
    assert_eq!(blocks[1], "cargo test");
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.contains("# The README's test command:\ncargo test\n"),
        ".ci/run no longer runs the README's test command"
    );
}
