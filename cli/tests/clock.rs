//! `BYOIP_NOW`, the clock the tests set: every "now" the CLI uses comes from it, an invalid
//! value is a usage error, and a set clock is never silent (a note on stderr, verdict lines,
//! JSON's `"now"`). The other tests run under the default clock `common::NOW`, whose
//! annotations `common::stdout`/`stderr`/`report` leave out; here they are read raw.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

use std::process::Output;

fn raw_out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn raw_err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// byoip with the clock at `now`.
fn at(now: &str, args: &[&str]) -> Output {
    byoip_env(args, &[("BYOIP_NOW", now)])
}

/// byoip with no `BYOIP_NOW` at all: the system's clock.
fn unclocked(args: &[&str]) -> Output {
    byoip_command(args, &[])
        .env_remove("BYOIP_NOW")
        .output()
        .unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

const LOCAL_CHECK: [&str; 6] = [
    "check",
    "--cidr",
    "192.198.0.0/24",
    "--cert",
    "CERT",
    "--local-only",
];

fn local_check(extra: &[&str]) -> Vec<&'static str> {
    LOCAL_CHECK
        .iter()
        .map(|a| if *a == "CERT" { td("demo-cert.pem") } else { a })
        .chain(
            extra
                .iter()
                .map(|a| &*Box::leak(a.to_string().into_boxed_str())),
        )
        .collect()
}

#[test]
fn a_set_clock_is_said_once_on_stderr_on_the_verdict_line_and_in_json() {
    let o = at("2031-06-01", &local_check(&[]));
    let err = raw_err(&o);
    let note = "note: BYOIP_NOW=2031-06-01 is the clock: every date is judged as of 2031-06-01T00:00:00Z, not the system's time\n";
    assert!(err.starts_with(note), "{err}");
    assert_eq!(err.matches("BYOIP_NOW").count(), 1, "{err}");
    let out = raw_out(&o);
    let verdict = out.lines().last().unwrap();
    assert!(
        verdict.ends_with(" (clock: BYOIP_NOW=2031-06-01T00:00:00Z)"),
        "{out}"
    );
    assert_eq!(out.matches("BYOIP_NOW").count(), 1, "{out}");

    // JSON: the report gains "now" (RFC 3339, UTC) beside its verdict.
    let o = at("2031-06-01T12:30:00Z", &local_check(&["--json"]));
    let r = json(&raw_out(&o));
    assert_eq!(r["now"], "2031-06-01T12:30:00Z");
    assert!(
        raw_out(&o).contains("  \"cloud\": \"aws\",\n  \"now\": \"2031-06-01T12:30:00Z\",\n"),
        "{}",
        raw_out(&o)
    );
    // An output in alphabetical order stays so.
    let o = at(
        "2031-06-01T12:30:00Z",
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "192.198.0.0/24",
            "--json",
        ],
    );
    let text = raw_out(&o);
    let v = json(&text);
    assert_eq!(serde_json::to_string_pretty(&v).unwrap() + "\n", text);
    assert_eq!(v["now"], "2031-06-01T12:30:00Z");
}

#[test]
fn batch_checks_summary_line_notes_the_clock() {
    let d = tempdir();
    std::fs::write(
        d.path().join("byoip.toml"),
        format!(
            "account = \"123456789012\"\nkey = \"{}\"\ncert = \"{}\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
            td("demo-key.pem"),
            td("demo-cert.pem")
        ),
    )
    .unwrap();
    let o = byoip_command(
        &["batch", "check", "--offline"],
        &[("BYOIP_NOW", "2031-06-01")],
    )
    .current_dir(d.path())
    .output()
    .unwrap();
    let out = raw_out(&o);
    let summary = out.lines().last().unwrap();
    assert!(
        summary.contains(" of 1 prefix ready")
            && summary.ends_with(" (clock: BYOIP_NOW=2031-06-01T00:00:00Z)"),
        "{out}"
    );
    assert_eq!(
        raw_err(&o).matches("is the clock").count(),
        1,
        "{}",
        raw_err(&o)
    );
}

#[test]
fn without_byoip_now_the_system_clock_is_used_silently() {
    for o in [
        unclocked(&local_check(&["--json"])),
        byoip_env(&local_check(&["--json"]), &[("BYOIP_NOW", "")]),
    ] {
        assert!(!raw_err(&o).contains("BYOIP_NOW"), "{}", raw_err(&o));
        let r = json(&raw_out(&o));
        assert!(r.get("now").is_none(), "{r:#}");
    }
    let o = unclocked(&local_check(&[]));
    assert!(!raw_out(&o).contains("clock"), "{}", raw_out(&o));
}

#[test]
fn an_invalid_byoip_now_is_a_one_line_usage_error() {
    for (bad, why) in [
        ("tomorrow", "expected RFC 3339 in UTC"),
        ("20310601", "expected RFC 3339 in UTC"),
        ("2031-06-01T12:00:00", "expected RFC 3339 in UTC"),
        ("2031-02-30", "expected RFC 3339 in UTC"),
        ("2031-06-01T12:00:00+02:00", "the offset is not UTC"),
    ] {
        let o = at(
            bad,
            &[
                "message",
                "--account",
                "123456789012",
                "--cidr",
                "192.198.0.0/24",
            ],
        );
        assert_one_line_error(&o, &format!("BYOIP_NOW={bad:?} is not a time: {why}"));
        assert!(
            stderr(&o).contains(
                "hint: write it in UTC as RFC 3339 (e.g. BYOIP_NOW=2031-06-01T12:00:00Z)"
            ),
            "{}",
            stderr(&o)
        );
        // In JSON mode the error is JSON on stdout too.
        let o = at(bad, &local_check(&["--json"]));
        assert_eq!(o.status.code(), Some(2));
        let v = json(&raw_out(&o));
        assert!(
            v["error"].as_str().unwrap().starts_with("BYOIP_NOW="),
            "{v}"
        );
    }
}

#[test]
fn byoip_now_is_not_in_the_help() {
    for args in [&["--help"][..], &["check", "--help"], &["sign", "--help"]] {
        assert!(!stdout(&byoip(args)).contains("BYOIP_NOW"), "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Every "now" the CLI uses is the clock's

#[test]
fn lint_verify_and_inspect_judge_the_messages_expiry_by_the_clock() {
    // MSG expires 2027-12-31 (inclusive, UTC).
    let o = at("2027-12-31T23:59:59Z", &["lint", MSG]);
    assert_eq!(o.status.code(), Some(0), "{}", raw_out(&o));
    let o = at("2028-01-01", &["lint", "--json", MSG]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&raw_out(&o));
    let expiry = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "message.expiry")
        .unwrap_or_else(|| panic!("{v:#}"));
    assert!(
        expiry["message"]
            .as_str()
            .unwrap()
            .contains("expired on 2027-12-31 (1 day ago)"),
        "{v:#}"
    );
    let v = json(&raw_out(&at("2027-12-01", &["inspect", "--json", MSG])));
    assert_eq!(v["days_left"], 30, "{v:#}");
    // verify names the expiry among what AWS would refuse, by the same clock.
    let sig = stdout(&sign_msg(&testdata("demo-key.pem"), "signature"));
    let refuses_expiry = |now| {
        let v = json(&raw_out(&at(
            now,
            &[
                "verify",
                "--cert",
                td("demo-cert.pem"),
                "--message",
                MSG,
                "--signature",
                sig.trim(),
                "--json",
            ],
        )));
        assert_eq!(v["valid"], true, "{v:#}");
        v["refusals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "message.expiry")
    };
    assert!(!refuses_expiry("2027-12-31"));
    assert!(refuses_expiry("2031-06-01"));
}

#[test]
fn default_and_relative_expiries_count_from_the_clock() {
    let expires = |now, extra: &[&str]| {
        let mut args = vec![
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "192.198.0.0/24",
            "--json",
        ];
        args.extend(extra);
        json(&raw_out(&at(now, &args)))["expires"].clone()
    };
    assert_eq!(expires("2031-06-01", &[]), "20310701");
    assert_eq!(
        expires("2031-06-01T23:59:59Z", &["--expires", "+1d"]),
        "20310602"
    );
    // A manifest's relative expiry too.
    let d = tempdir();
    std::fs::write(
        d.path().join("byoip.toml"),
        format!(
            "account = \"123456789012\"\nkey = \"{}\"\nexpires = \"+10d\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
            td("demo-key.pem")
        ),
    )
    .unwrap();
    let o = byoip_command(
        &["batch", "sign", "--out", "-", "--format", "json"],
        &[("BYOIP_NOW", "2031-06-01")],
    )
    .current_dir(d.path())
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", raw_err(&o));
    assert_eq!(json(&raw_out(&o))[0]["expires"], "20310611");
}

#[test]
fn cert_validity_starts_at_the_clock_and_check_judges_it_by_the_clock() {
    let d = tempdir();
    let cert = d.path().join("c.pem");
    let o = at(
        "2031-06-01T12:00:00Z",
        &[
            "cert",
            "--key",
            td("demo-key.pem"),
            "--out",
            cert.to_str().unwrap(),
            "--days",
            "400",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", raw_err(&o));
    assert_eq!(json(&raw_out(&o))["not_after"], "2032-07-05T12:00:00Z");
    let validity = |now| {
        let r = json(&raw_out(&at(
            now,
            &[
                "check",
                "--cidr",
                "192.198.0.0/24",
                "--cert",
                cert.to_str().unwrap(),
                "--local-only",
                "--json",
            ],
        )));
        status(&r, "cert.validity")
    };
    assert_eq!(validity("2031-07-01"), "pass");
    assert_eq!(validity("2032-07-06"), "fail");
    // Before its start it is not valid either.
    assert_ne!(validity("2031-05-01"), "pass");
}

/// The CLI reads the clock in one place (`cli/src/clock.rs`) and the library takes "now"
/// as an input: a new `Utc::now()` elsewhere would judge by the system's time under
/// `BYOIP_NOW`, and a test reading it would depend on today's date. The few readings of
/// the wall clock that are not a "now" to judge by are listed with their reason.
#[test]
fn the_clock_is_read_in_one_place() {
    let allowed = [
        // The clock itself.
        "cli/src/clock.rs",
        // The library's documented conveniences for callers with a clock (`today_utc`,
        // `LintOptions::today`), and a test of the first against the system's time.
        "src/value/date.rs",
        "src/judge/lint.rs",
        // Elapsed real time, not a date judged: Retry-After's wait, the bootstrap cache's age.
        "src/net/http.rs",
        "src/net/rdap_client.rs",
        // This test, which names what it looks for.
        "cli/tests/clock.rs",
    ];
    let root = &common::root();
    let mut found = Vec::new();
    let mut dirs = vec![
        root.join("src"),
        root.join("tests"),
        root.join("cli/src"),
        root.join("cli/tests"),
    ];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".rs") || allowed.contains(&rel.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                if [
                    "Utc::now()",
                    "SystemTime::now()",
                    "today_utc()",
                    "LintOptions::today()",
                    "Local::now()",
                ]
                .iter()
                .any(|p| code.contains(p))
                {
                    found.push(format!("{rel}:{}: {code}", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "read the run's clock (cli/src/clock.rs) or take `now` as an input:\n{}",
        found.join("\n")
    );
}
