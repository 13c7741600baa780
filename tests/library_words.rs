//! The library's texts (errors, hints, check and lint messages, warnings) are in its own
//! words: they never name a command-line flag or a byoip command, which a library user (a service, a web
//! page) does not have. The CLI turns the library's phrases into its flags (cli/src/advice.rs).
//!
//! This reads every string literal of the library's sources (src/, before
//! each file's test module; comments aside) and finds `--flag` in none, except inside
//! another tool's command line quoted for the user to run (`aws …`, `az …`, `openssl …`,
//! `routinator …`, `curl …`), which names that tool's flags, not byoip's.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// Files that are not texts for a person: provision.rs builds the AWS and Azure command
/// lines byoip prints for the user to run.
const NOT_TEXT: &[&str] = &["provision.rs"];

/// The options of AWS's CLI that context.rs strips from a pasted `aws` command line.
const PARSED: &[&str] = &[
    "--cidr-authorization-context",
    "--asn-authorization-context",
];

const OTHER_TOOLS: &[&str] = &[
    "aws ",
    "az ",
    "openssl ",
    "routinator ",
    "curl ",
    "rpki-client ",
];

fn library_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if !p.ends_with("cli") {
                library_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs")
            && !p.ends_with("main.rs")
            && !NOT_TEXT.iter().any(|n| p.ends_with(n))
        {
            out.push(p);
        }
    }
}

/// The string literals of `src`, comments skipped (a small Rust lexer: strings, raw
/// strings, char literals, line and block comments).
fn literals(src: &str) -> Vec<String> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (next == Some('#') || next == Some('"'))
            && (i == 0 || !b[i - 1].is_alphanumeric())
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = b[j + 1..].iter().collect();
            let end = rest.find(&close).unwrap();
            out.push(rest[..end].to_string());
            i = j + 1 + rest[..end].chars().count() + close.len();
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    s.push(b[i]);
                    i += 1;
                }
                s.push(b[i]);
                i += 1;
            }
            i += 1;
            out.push(s);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{…}'), or a lifetime.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `s` without the command lines of other tools: a backquoted span that starts with one,
/// or the rest of the text from an unquoted one.
fn without_other_tools(s: &str) -> String {
    let mut out = String::new();
    let mut parts = s.split('`');
    let mut quoted = false;
    for part in parts.by_ref() {
        let other = OTHER_TOOLS.iter().any(|t| part.starts_with(t));
        if quoted {
            if !other {
                out += part;
            }
        } else {
            let cut = OTHER_TOOLS
                .iter()
                .filter_map(|t| {
                    part.match_indices(t)
                        .find(|(i, _)| *i == 0 || part[..*i].ends_with([' ', '(']))
                        .map(|(i, _)| i)
                })
                .min();
            out += &part[..cut.unwrap_or(part.len())];
        }
        quoted = !quoted;
    }
    out
}

/// A `--flag`: two dashes (not more) and a lower-case letter.
fn flag_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).find_map(|i| {
        let starts = b[i] == b'-' && b[i + 1] == b'-' && b[i + 2].is_ascii_lowercase();
        let alone = i == 0 || b[i - 1] != b'-';
        (starts && alone).then(|| {
            let end = s[i + 2..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(s.len(), |e| i + 2 + e);
            &s[i..end]
        })
    })
}

/// The CLI's subcommands.
const COMMANDS: &[&str] = &[
    "message",
    "lint",
    "sign",
    "verify",
    "check",
    "dns-token",
    "batch",
    "audit",
    "rdap",
    "keygen",
    "cert",
    "inspect",
    "clouds",
    "rules",
];

/// Whether `s` names a byoip command: `byoip` and a subcommand (`byoip rdap fetch`), or
/// `rdap fetch` alone.
fn names_a_command(s: &str) -> bool {
    s.contains("rdap fetch")
        || s.match_indices("byoip ").any(|(i, m)| {
            let rest = &s[i + m.len()..];
            COMMANDS.iter().any(|c| {
                rest.strip_prefix(c)
                    .is_some_and(|after| !after.starts_with(|ch: char| ch.is_alphanumeric()))
            })
        })
}

#[test]
fn no_library_text_names_a_command_line_flag() {
    let mut files = Vec::new();
    library_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 40, "{files:?}");
    let mut found = Vec::new();
    let mut seen = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let src = src.split("#[cfg(test)]\nmod tests").next().unwrap();
        for lit in literals(src) {
            seen += 1;
            if PARSED.contains(&lit.as_str()) {
                continue;
            }
            if let Some(flag) = flag_in(&without_other_tools(&lit)) {
                found.push(format!("{}: {flag} in {lit:?}", f.display()));
            }
            // Nor a byoip command: a library user has the functions, not the commands.
            if lit.contains("`byoip ") || names_a_command(&lit) {
                found.push(format!("{}: a byoip command in {lit:?}", f.display()));
            }
        }
    }
    assert!(seen > 1000, "only {seen} literals read");
    assert!(
        found.is_empty(),
        "library texts naming flags:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_byoip_commands_named_in_a_sentence() {
    assert!(names_a_command("save with byoip rdap fetch to record it"));
    assert!(names_a_command("recorded by rdap fetch"));
    assert!(!names_a_command(
        "what byoip checks, and byoip does not guess"
    ));
}

#[test]
fn the_scan_finds_flags_and_spares_other_tools() {
    let lits = literals(
        r##"// "--comment"
        let a = "give --cert"; let c = '"'; let l: &'static str = "x";
        let r = r#"raw "--raw" text"#; /* "--block" */ let d = "make it with `openssl genrsa -out k --x`";
        let e = "or aws ec2 provision-byoip-cidr --cidr X";"##,
    );
    assert_eq!(lits.len(), 5, "{lits:?}");
    assert_eq!(flag_in(&without_other_tools(&lits[0])), Some("--cert"));
    assert_eq!(flag_in(&without_other_tools(&lits[2])), Some("--raw"));
    assert_eq!(flag_in(&without_other_tools(&lits[3])), None);
    assert_eq!(flag_in(&without_other_tools(&lits[4])), None);
    assert_eq!(flag_in("-----BEGIN CERTIFICATE-----"), None);
    assert_eq!(flag_in("see `byoip sign --cloud azure`"), Some("--cloud"));
}

/// A doc example is code a library user copies into a crate that may not depend on chrono
/// itself: it reaches chrono as `byoip::chrono` (re-exported for this), never bare.
#[test]
fn doc_examples_reach_chrono_through_byoip() {
    let mut files = Vec::new();
    library_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut bare = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else {
                continue;
            };
            // Prose links to chrono's items (`[`chrono::NaiveDate`]`, `(chrono::DateTime)`)
            // are not code.
            let code = doc.replace("](chrono::", "](");
            let mut rest = code.as_str();
            while let Some(i) = rest.find("chrono::") {
                let before = &rest[..i];
                // `byoip::chrono::…`, or a `use byoip::{…, chrono::Utc}` list.
                if !before.ends_with("byoip::")
                    && !before.ends_with("[`")
                    && !before.contains("use byoip::")
                {
                    bare.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
                rest = &rest[i + "chrono::".len()..];
            }
        }
    }
    assert!(
        bare.is_empty(),
        "doc examples naming chrono bare:\n{}",
        bare.join("\n")
    );
}
