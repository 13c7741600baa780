//! IRR route objects (`irr.route`, `byoip irr fetch`) against a real whois server on
//! 127.0.0.1 that the test starts, answering RPSL or misbehaving: no test touches the
//! internet (tests/common points the IRR at a closed port unless a test names its own).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;

use common::whoisd::{Reply, Server};
use common::*;

const CIDR: &str = "192.198.0.0/24";
const ACCOUNT: &str = "123456789012";

const HAND_MADE: &str = "route:          192.198.0.0/24\ndescr:          Example Networks\norigin:         AS16509\nmnt-by:         MAINT-EXAMPLE\nsource:         RADB\n\n";
const AMAZONS: &str = "route:          192.198.0.0/24\norigin:         AS16509\nmnt-by:         MAINT-AS16509\nsource:         RADB\n\n";
const NONE: &str = "%  No entries found for the selected source(s).\n\n";

/// Everything else right and saved (the record, good ROAs, a signed message), so that
/// irr.route alone decides; `more` adds the IRR's source.
fn check_args(dir: &Path, more: &[&str]) -> Vec<String> {
    let vrps = dir.join("vrps.csv");
    std::fs::write(
        &vrps,
        "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/22,24\nAS14618,192.198.0.0/22,24\n",
    )
    .unwrap();
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        ACCOUNT,
        "--cidr",
        CIDR,
        "--expires",
        "+30d",
        "--format",
        "json",
    ]);
    let v = report(&o);
    let mut a: Vec<String> = [
        "check",
        "--cidr",
        CIDR,
        "--cert",
        td("demo-cert.pem"),
        "--account",
        ACCOUNT,
        "--message",
        v["message"].as_str().unwrap(),
        "--signature",
        v["signature"].as_str().unwrap(),
        "--rdap-file",
        td("rdap/synthetic/arin-good.json"),
        "--vrps",
        vrps.to_str().unwrap(),
        "--timeout",
        "1",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    a.extend(more.iter().map(ToString::to_string));
    a
}

fn run(a: &[String]) -> std::process::Output {
    byoip(&a.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `check --json` online against `server`: the report and the exit code.
fn online(dir: &Path, server: &str) -> (serde_json::Value, i32, String) {
    let mut a = check_args(dir, &["--irr-server", server]);
    a.push("--json".into());
    let o = run(&a);
    (report(&o), o.status.code().unwrap(), stderr(&o))
}

#[test]
fn a_hand_made_object_fails_amazons_warns_and_none_passes_online() {
    let d = tempdir();
    let s = Server::answering(HAND_MADE);
    let (v, code, err) = online(d.path(), &s.addr);
    assert_eq!(code, 1, "{err}");
    assert_eq!(status(&v, "irr.route"), "fail");
    assert_eq!(
        message(&v, "irr.route"),
        "route 192.198.0.0/24 AS16509 (RADB) has AS16509 as origin and is maintained by MAINT-EXAMPLE, not Amazon: AWS creates its own; a hand-made one makes provisioning fail"
    );
    assert!(check_details(&v, "irr.route").contains("MAINT-EXAMPLE"));
    // The prefix, then its more-specifics.
    assert_eq!(
        s.queries(),
        [
            "-T route,route6 -x 192.198.0.0/24",
            "-T route,route6 -M 192.198.0.0/24"
        ]
    );
    // The text report says it too, with what to do.
    let o = run(&check_args(d.path(), &["--irr-server", &s.addr]));
    let text = stdout(&o);
    assert!(text.contains("FAIL  irr.route"), "{text}");
    assert!(text.contains("hint: delete the object"), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("NOT READY: 1 failed"),
        "{text}"
    );

    let s = Server::answering(AMAZONS);
    let (v, code, err) = online(d.path(), &s.addr);
    assert_eq!(code, 0, "a warning alone is ready: {err}");
    assert_eq!(status(&v, "irr.route"), "warn");
    assert!(
        message(&v, "irr.route")
            .ends_with("is AWS's own object (mnt-by: MAINT-AS16509, matching \"AS16509\"): already provisioned?"),
        "{}",
        message(&v, "irr.route")
    );

    let s = Server::answering(NONE);
    let (v, code, err) = online(d.path(), &s.addr);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["ready"], true);
    assert_eq!(status(&v, "irr.route"), "pass");
    assert!(
        message(&v, "irr.route").ends_with(&format!("(0 route objects in whois://{})", s.addr)),
        "{}",
        message(&v, "irr.route")
    );
}

#[test]
fn the_environment_names_the_whois_server() {
    let d = tempdir();
    let s = Server::answering(HAND_MADE);
    let mut a = check_args(d.path(), &["--json"]);
    a.insert(0, String::new());
    let a: Vec<&str> = a[1..].iter().map(String::as_str).collect();
    let o = byoip_env(&a, &[("BYOIP_IRR_SERVER", &s.addr)]);
    assert_eq!(status(&report(&o), "irr.route"), "fail");
    assert_eq!(s.queries().len(), 2);
}

/// Each way whois can fail: the check did not run, exit 2, one error line naming the
/// server and what to do, and the report still printed.
#[test]
fn whois_failures_leave_irr_route_not_run_with_exit_2_naming_the_server() {
    let d = tempdir();
    let stall = Server::start(|_| Reply::Stall);
    let garbage = Server::start(|_| Reply::Text("<html><body>not whois</body></html>\n".into()));
    let refused_query = Server::start(|_| Reply::Text("%% ERROR: Invalid query\n".into()));
    let huge = Server::start(|_| Reply::Huge(5 * 1024 * 1024));
    // Closes without a byte: not IRRd's "No entries found", so not "no objects".
    let silent = Server::start(|_| Reply::Text(String::new()));
    for (server, needle) in [
        (stall.addr.as_str(), "no answer within 1 s"),
        (garbage.addr.as_str(), "the answer is not RPSL"),
        (
            refused_query.addr.as_str(),
            "the server answered \"ERROR: Invalid query\"",
        ),
        (huge.addr.as_str(), "the answer is larger than 4 MiB"),
        (whoisd::CLOSED, "cannot connect"),
        (silent.addr.as_str(), "sent nothing"),
    ] {
        let (v, code, err) = online(d.path(), server);
        assert_eq!(code, 2, "{server}: {err}");
        assert_eq!(status(&v, "irr.route"), "not-run", "{server}");
        assert_eq!(v["ready"], false);
        assert_eq!(err.lines().count(), 1, "{server}: {err}");
        assert!(
            err.starts_with("error: ")
                && err.contains("the IRR checks did not run")
                && err.contains(&format!("whois://{server}"))
                && err.contains(needle),
            "{server}: {err}"
        );
        assert!(err.contains("byoip irr fetch"), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn offline_without_an_irr_file_is_left_out_and_names_irr_fetch() {
    let d = tempdir();
    let mut a = check_args(d.path(), &["--offline"]);
    let o = run(&a);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.ends_with(
            "\nINCOMPLETE: 0 failed, 0 warnings, 19 passed, 2 skipped; 1 reason above\n"
        ) && text.contains("\nskip  irr.route             offline and no saved IRR answer"),
        "{text}"
    );
    // The row's hint names the prefix checked, as the note below does.
    assert!(
        text.contains(&format!(
            "(--irr-file FILE; `byoip irr fetch --cidr {CIDR} --out FILE`)"
        )) && !text.contains("--cidr CIDR"),
        "{text}"
    );
    assert!(stderr(&o).contains("--irr-file irr.txt"), "{}", stderr(&o));
    // With the saved answer: judged, and ready.
    a.extend(["--irr-file".to_string(), td("irr/none.txt").to_string()]);
    let o = run(&a);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // --local-only does not read it: refused rather than ignored.
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        CIDR,
        "--cert",
        td("demo-cert.pem"),
        "--irr-file",
        td("irr/none.txt"),
    ]);
    assert_one_line_error(&o, "--local-only skips the IRR check");
}

#[test]
fn irr_fetch_saves_what_an_offline_check_judges_alike() {
    let d = tempdir();
    let s = Server::answering(HAND_MADE);
    let out = d.path().join("irr.txt");
    let fetch = |more: &[&str]| {
        let mut a = vec![
            "irr",
            "fetch",
            "--cidr",
            CIDR,
            "--out",
            out.to_str().unwrap(),
            "--irr-server",
            &s.addr,
        ];
        a.extend_from_slice(more);
        byoip(&a)
    };
    let o = fetch(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with(&format!(
            "saved 1 route object for {CIDR} and its more-specifics from whois://{}\nfetched {NOW_SECS} (recorded in the file",
            s.addr
        )),
        "{text}"
    );
    assert!(
        text.contains("route object: route 192.198.0.0/24 AS16509 (RADB) mnt-by MAINT-EXAMPLE"),
        "{text}"
    );
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(
        saved.starts_with(&format!(
            "% byoip_saved: fetched={NOW_SECS} url=whois://{} prefix={CIDR}\nroute:          192.198.0.0/24\n",
            s.addr
        )),
        "{saved}"
    );
    // Never over the file without --force; --json says what was saved.
    assert_one_line_error(&fetch(&[]), "already exists");
    let o = fetch(&["--force", "--json"]);
    let v = sorted_json(&stdout(&o));
    assert_eq!(
        key_paths(&v).join(" "),
        "cidr fetched objects out queries server"
    );
    assert_eq!(v["fetched"], NOW_SECS);
    assert_eq!(v["server"], format!("whois://{}", s.addr));
    assert_eq!(v["objects"].as_array().unwrap().len(), 1);
    // The offline check of the saved answer judges as the online one.
    let mut a = check_args(
        d.path(),
        &["--offline", "--irr-file", out.to_str().unwrap(), "--json"],
    );
    let off = report(&run(&a));
    a.retain(|x| x != "--offline");
    let (on, _, _) = online(d.path(), &s.addr);
    assert_eq!(status(&off, "irr.route"), "fail");
    assert_eq!(status(&off, "irr.route"), status(&on, "irr.route"));
    assert!(check_details(&off, "irr.route").contains("(recorded by byoip irr fetch)"));
}

/// `BYOIP_NOW` as `irr fetch` records it (whole seconds).
const NOW_SECS: &str = "2026-12-01T12:00:00Z";

#[test]
fn irr_fetch_failures_write_nothing_and_name_the_server() {
    let d = tempdir();
    let out = d.path().join("irr.txt");
    let garbage = Server::start(|_| Reply::Text("HTTP/1.1 400 Bad Request\r\n\r\n".into()));
    let huge = Server::start(|_| Reply::Huge(5 * 1024 * 1024));
    let silent = Server::start(|_| Reply::Text(" \r\n".into()));
    for (server, needle) in [
        (garbage.addr.as_str(), "did not answer with RPSL"),
        (huge.addr.as_str(), "larger than 4 MiB"),
        (whoisd::CLOSED, "cannot connect"),
        (silent.addr.as_str(), "sent nothing"),
    ] {
        let o = byoip(&[
            "irr",
            "fetch",
            "--cidr",
            CIDR,
            "--out",
            out.to_str().unwrap(),
            "--irr-server",
            server,
            "--timeout",
            "1",
        ]);
        assert_one_line_error(&o, needle);
        assert!(stderr(&o).contains(server), "{}", stderr(&o));
        assert!(!out.exists(), "{server}: nothing written");
        // A failed fetch's hint names the server and port used, once, and says "retry"
        // once (an answer that is not RPSL has its own hint).
        if server == garbage.addr {
            continue;
        }
        let err = stderr(&o);
        let hint = err.split("; hint: ").nth(1).unwrap_or_default();
        assert_eq!(hint.matches(server).count(), 1, "{err}");
        assert_eq!(hint.matches("retry").count(), 1, "{err}");
        assert!(!hint.contains("port 43"), "{err}");
    }
    assert_one_line_error(
        &byoip(&[
            "irr",
            "fetch",
            "--cidr",
            CIDR,
            "--out",
            "x.txt",
            "--irr-server",
            "host:0",
        ]),
        "the port is not a number from 1 to 65535",
    );
}

#[test]
fn clouds_without_an_irr_rule_skip_it_by_rule_and_ask_no_whois_server() {
    let s = Server::answering(HAND_MADE);
    let o = byoip(&[
        "check",
        "--cloud",
        "azure",
        "--offline",
        "--cidr",
        "62.239.237.0/24",
        "--rdap-file",
        td("rdap/synthetic/ripe-good.json"),
        "--cert",
        td("demo-cert.pem"),
        "--irr-server",
        &s.addr,
        "--json",
    ]);
    let v = report(&o);
    assert_eq!(status(&v, "irr.route"), "skip");
    assert!(
        !left_out(&v, "irr.route"),
        "by rule, not for want of evidence"
    );
    assert!(
        message(&v, "irr.route").contains("Azure's BYOIP pages state no rule"),
        "{v}"
    );
    assert!(s.queries().is_empty());
    // A saved IRR answer there would not be read: refused rather than ignored.
    let o = byoip(&[
        "check",
        "--cloud",
        "oci",
        "--offline",
        "--cidr",
        "62.239.237.0/24",
        "--validation-token",
        "t",
        "--irr-file",
        td("irr/none.txt"),
    ]);
    assert_one_line_error(&o, "--irr-file is read by AWS's prefix check only");
}

/// `irr fetch` records the prefix asked; a check of another prefix does not take that
/// file's silence for its own (left out, naming the prefix the file answers for), while a
/// plain RPSL file is judged on its objects within the prefix, saying it records no prefix.
#[test]
fn a_saved_answer_for_another_prefix_is_not_this_prefixs() {
    let d = tempdir();
    let s = Server::answering(NONE);
    let other = d.path().join("other.txt");
    let o = byoip(&[
        "irr",
        "fetch",
        "--cidr",
        "203.0.113.0/24",
        "--out",
        other.to_str().unwrap(),
        "--irr-server",
        &s.addr,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&check_args(
        d.path(),
        &["--offline", "--irr-file", other.to_str().unwrap()],
    ));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.lines().last().unwrap().starts_with("INCOMPLETE:"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "holds the IRR's answer for 203.0.113.0/24, not for {CIDR}"
        )),
        "{text}"
    );
    // A plain RPSL file (no byoip line) holding another prefix's object only: nothing shows
    // it was asked about this prefix, so its silence is no pass: left out, INCOMPLETE, and
    // the hint saves this prefix's own answer.
    let plain = d.path().join("plain.txt");
    std::fs::write(
        &plain,
        HAND_MADE.replace("192.198.0.0/24", "203.0.113.0/24"),
    )
    .unwrap();
    let mut a = check_args(
        d.path(),
        &["--offline", "--irr-file", plain.to_str().unwrap(), "--json"],
    );
    let o = run(&a);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = report(&o);
    assert_eq!(status(&v, "irr.route"), "skip");
    assert!(left_out(&v, "irr.route"), "{v}");
    assert_eq!(
        check_field(&v, "irr.route", "message"),
        format!(
            "{} does not record which prefix was asked and holds no route object for {CIDR} or a more-specific: the route objects of {CIDR} were not checked",
            plain.display()
        )
    );
    assert_eq!(
        check_field(&v, "irr.route", "hint"),
        format!(
            "save the IRR's answer for exactly this prefix: {CIDR}, with a fetch that records it (`byoip irr fetch --cidr {CIDR} --out FILE`)"
        )
    );
    // What it holds within the prefix is still judged: a hand-made object fails, and the
    // details say the file does not record what was asked.
    std::fs::write(&plain, HAND_MADE).unwrap();
    let v = report(&run(&a));
    assert_eq!(status(&v, "irr.route"), "fail");
    assert!(
        check_details(&v, "irr.route").contains("does not record which prefix was asked"),
        "{v}"
    );
    // An empty file is no answer: an input error.
    std::fs::write(&plain, "").unwrap();
    a.pop();
    assert_one_line_error(&run(&a), "it is empty");
}

/// The offline advice names a prefix `rdap fetch` and `irr fetch` accept: the canonical
/// network when the text given has host bits set.
#[test]
fn offline_advice_names_the_canonical_network() {
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "2001:DB8::1/48",
        "--cert",
        td("demo-cert.pem"),
    ]);
    let err = stderr(&o);
    assert!(
        err.contains("`byoip rdap fetch --cidr 2001:db8::/48 --out rdap.json`")
            && err.contains("`byoip irr fetch --cidr 2001:db8::/48 --out irr.txt`"),
        "{err}"
    );
    assert!(!err.contains("2001:DB8::1/48"), "{err}");
}
