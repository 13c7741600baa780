//! `roa.current-origin` end to end: who announces a prefix today, asked of a RIPEstat-shaped
//! server on 127.0.0.1 (its `prefix-overview` and `rpki-validation` calls) or given with
//! `--origin` / the manifest's `origin`, and its failures (refused, 500, garbage, a server
//! that never answers). The check is advisory: a missing ROA for today's origin warns and
//! is seen in the text, JSON and JUnit; nothing about it ever blocks READY or exits 2.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, process::Output};

use common::httpd::{Reply, Server};
use common::{byoip, byoip_env, check_field, report, stderr, stdout, tempdir, testdata};
use serde_json::Value;

const CIDR: &str = "192.198.0.0/24";
const ACCOUNT: &str = "123456789012";

/// What the fake RIPEstat's prefix-overview does.
#[derive(Clone)]
enum Overview {
    /// Announced by these (ASN, holder).
    By(Vec<(u32, &'static str)>),
    NotAnnounced,
    Status(u16),
    Garbage,
    Stall,
}

/// A RIPEstat on 127.0.0.1: prefix-overview as `overview` says; rpki-validation from the
/// VRPs `roas` (ASN, prefix, maxLength), RFC 6811 as RIPEstat words it.
fn ripestat(overview: Overview, roas: Vec<(u32, &'static str, u8)>) -> Server {
    Server::start(move |path, _| {
        if path.starts_with("/data/prefix-overview/data.json?") {
            return match &overview {
                Overview::By(asns) => Reply::json(
                    200,
                    serde_json::json!({"status": "ok", "data": {"is_less_specific": false, "announced": true,
                        "asns": asns.iter().map(|(a, h)| serde_json::json!({"asn": a, "holder": h})).collect::<Vec<_>>(),
                        "resource": CIDR, "type": "prefix"}})
                    .to_string(),
                ),
                Overview::NotAnnounced => Reply::json(
                    200,
                    r#"{"status":"ok","data":{"announced":false,"asns":[],"resource":"192.198.0.0/24"}}"#,
                ),
                Overview::Status(s) => Reply::status(*s),
                Overview::Garbage => Reply::json(200, "<html>maintenance</html>"),
                Overview::Stall => Reply::Stall,
            };
        }
        if let Some(q) = path.strip_prefix("/data/rpki-validation/data.json?") {
            let asn: u32 = q
                .split('&')
                .find_map(|kv| kv.strip_prefix("resource=AS"))
                .unwrap()
                .parse()
                .unwrap();
            let covering: Vec<Value> = roas
                .iter()
                .map(|(a, p, ml)| {
                    let validity = if *a != asn {
                        "invalid_asn"
                    } else if *ml < 24 {
                        "invalid_length"
                    } else {
                        "valid"
                    };
                    serde_json::json!({"origin": a.to_string(), "prefix": p, "max_length": ml, "validity": validity})
                })
                .collect();
            let status = if covering.iter().any(|r| r["validity"] == "valid") {
                "valid"
            } else if covering.is_empty() {
                "unknown"
            } else {
                "invalid_asn"
            };
            return Reply::json(
                200,
                serde_json::json!({"status": "ok", "data": {"status": status, "validating_roas": covering}})
                    .to_string(),
            );
        }
        Reply::status(404)
    })
}

fn amazon() -> Vec<(u32, &'static str, u8)> {
    vec![(16509, "192.198.0.0/22", 24), (14618, "192.198.0.0/22", 24)]
}

/// A good signed message for [`CIDR`]: `--account`, `--message`, `--signature`.
fn signed() -> Vec<String> {
    let o = byoip(&[
        "sign",
        "--key",
        testdata("demo-key.pem").to_str().unwrap(),
        "--account",
        ACCOUNT,
        "--cidr",
        CIDR,
        "--expires",
        "+30d",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    vec![
        "--account".into(),
        ACCOUNT.into(),
        "--message".into(),
        v["message"].as_str().unwrap().into(),
        "--signature".into(),
        v["signature"].as_str().unwrap().into(),
    ]
}

/// `check` online for [`CIDR`] (the saved ARIN record, a good message), with `extra`.
fn check(extra: &[&str]) -> Output {
    let mut a: Vec<String> = [
        "check",
        "--cidr",
        CIDR,
        "--cert",
        testdata("demo-cert.pem").to_str().unwrap(),
        "--rdap-file",
        testdata("rdap/synthetic/arin-good.json").to_str().unwrap(),
        "--irr-file",
        testdata("irr/none.txt").to_str().unwrap(),
        "--retries",
        "3",
    ]
    .map(String::from)
    .to_vec();
    a.extend(signed());
    a.extend(extra.iter().map(|s| s.to_string()));
    byoip(&a.iter().map(String::as_str).collect::<Vec<_>>())
}

fn ripestat_flag(s: &Server) -> String {
    format!("--ripestat={}", s.base)
}

#[test]
fn ripestat_names_todays_origin_and_a_missing_roa_warns_without_blocking_ready() {
    let s = ripestat(Overview::By(vec![(64496, "EXAMPLE-AS")]), amazon());
    let o = check(&[&ripestat_flag(&s), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let r = report(&o);
    assert_eq!(r["ready"], true);
    assert_eq!(check_field(&r, "roa.current-origin", "status"), "warn");
    let m = check_field(&r, "roa.current-origin", "message");
    assert!(
        m.starts_with("AS64496 announces 192.198.0.0/24 today and no ROA authorizes AS64496")
            && m.ends_with("create its ROA first"),
        "{m}"
    );
    let details = common::check_details(&r, "roa.current-origin");
    assert!(
        details.contains(&format!(
            "announced today by AS64496 (RIPEstat: AS64496 EXAMPLE-AS: {}/data/prefix-overview/data.json?resource=192.198.0.0/24&sourceapp=byoip)",
            s.base
        )),
        "{details}"
    );
    // RIPEstat was asked who announces it once, then about AS64496's ROA beside Amazon's.
    assert_eq!(s.hits("/data/prefix-overview/"), 1);
    assert_eq!(
        s.hits("/data/rpki-validation/data.json?resource=AS64496&"),
        1
    );
    assert_eq!(s.hits("/data/rpki-validation/"), 3);
    // The text report shows the warning and still says READY.
    let o = check(&[&ripestat_flag(&s)]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("warn  roa.current-origin    AS64496 announces")),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("READY: 0 failed, 1 warning"),
        "{text}"
    );
}

#[test]
fn todays_origin_with_its_roa_or_not_announced_passes() {
    let mut roas = amazon();
    roas.push((64496, "192.198.0.0/22", 24));
    let s = ripestat(Overview::By(vec![(64496, "EXAMPLE-AS")]), roas);
    let r = report(&check(&[&ripestat_flag(&s), "--json"]));
    assert_eq!(check_field(&r, "roa.current-origin", "status"), "pass");
    let s = ripestat(Overview::NotAnnounced, amazon());
    let r = report(&check(&[&ripestat_flag(&s), "--json"]));
    assert_eq!(check_field(&r, "roa.current-origin", "status"), "pass");
    assert!(
        check_field(&r, "roa.current-origin", "message")
            .starts_with("192.198.0.0/24 is not announced today (RIPEstat: "),
        "{r:#}"
    );
    assert_eq!(
        s.hits("/data/rpki-validation/"),
        2,
        "Amazon's two origins only"
    );
}

#[test]
fn origin_given_is_not_asked_of_ripestat() {
    let s = ripestat(Overview::By(vec![(64511, "OTHER")]), amazon());
    for (origin, want) in [("64496", "warn"), ("AS64496", "warn"), ("none", "pass")] {
        let r = report(&check(&[&ripestat_flag(&s), "--json", "--origin", origin]));
        assert_eq!(
            check_field(&r, "roa.current-origin", "status"),
            want,
            "{origin}"
        );
    }
    assert_eq!(s.hits("/data/prefix-overview/"), 0);
    // A word that is no ASN is a usage error.
    let o = check(&["--origin", "nobody"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--origin"), "{}", stderr(&o));
    // --asn judges the brought ASN's own ROA: --origin is refused there.
    let o = byoip(&[
        "check",
        "--asn",
        "64496",
        "--cert",
        testdata("demo-cert.pem").to_str().unwrap(),
        "--origin",
        "64511",
        "--offline",
    ]);
    common::assert_one_line_error(&o, "--origin is read by a prefix's check");
}

/// Each way RIPEstat's prefix-overview can fail leaves the origin unknown: a skip by rule
/// naming the failure and "give --origin ASN or --origin none", the report still READY and
/// the run not a network failure (exit 0, nothing on stderr about it), asked once.
#[test]
fn ripestat_failures_leave_a_skip_that_never_blocks_ready() {
    let vrps = tempdir();
    let file = vrps.path().join("vrps.csv");
    fs::write(
        &file,
        "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/22,24\nAS14618,192.198.0.0/22,24\n",
    )
    .unwrap();
    let file = file.to_str().unwrap().to_string();
    let cases: Vec<(&str, Overview, &str)> = vec![
        (
            "500",
            Overview::Status(500),
            "HTTP 500 Internal Server Error (after 1 attempt)",
        ),
        ("404", Overview::Status(404), "HTTP 404 from RIPEstat"),
        ("garbage", Overview::Garbage, "not JSON"),
        (
            "stall",
            Overview::Stall,
            "could not be fetched from RIPEstat",
        ),
    ];
    for (name, overview, needle) in cases {
        let s = ripestat(overview, amazon());
        let o = check(&[
            &ripestat_flag(&s),
            "--vrps",
            &file,
            "--timeout",
            "1",
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let r = report(&o);
        assert_eq!(r["ready"], true, "{name}");
        assert_eq!(check_field(&r, "roa.current-origin", "status"), "skip");
        assert_eq!(
            r["checks"].as_array().unwrap().last().unwrap()["left_out"],
            false
        );
        let m = check_field(&r, "roa.current-origin", "message");
        assert!(
            m.starts_with("who announces the prefix today could not be fetched from RIPEstat: ")
                && m.contains(needle)
                && m.ends_with(": give --origin ASN or --origin none"),
            "{name}: {m}"
        );
        assert_eq!(
            s.hits("/data/prefix-overview/"),
            1,
            "{name}: asked once, no retries"
        );
    }
    // Refused: no --ripestat, so the tests' BYOIP_RIPESTAT_URL, a closed port.
    let o = check(&["--vrps", &file, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = report(&o);
    let m = check_field(&r, "roa.current-origin", "message");
    assert!(m.contains(common::CLOSED_RIPESTAT), "{m}");
    assert_eq!(check_field(&r, "roa.current-origin", "status"), "skip");
    // BYOIP_RIPESTAT_URL names the server when --ripestat does not.
    let s = ripestat(Overview::By(vec![(64496, "EXAMPLE-AS")]), amazon());
    let mut a: Vec<String> = [
        "check",
        "--cidr",
        CIDR,
        "--cert",
        testdata("demo-cert.pem").to_str().unwrap(),
        "--rdap-file",
        testdata("rdap/synthetic/arin-good.json").to_str().unwrap(),
        "--irr-file",
        testdata("irr/none.txt").to_str().unwrap(),
        "--json",
    ]
    .map(String::from)
    .to_vec();
    a.extend(signed());
    let o = byoip_env(
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        &[("BYOIP_RIPESTAT_URL", &s.base)],
    );
    assert_eq!(
        check_field(&report(&o), "roa.current-origin", "status"),
        "warn"
    );
    assert_eq!(s.hits("/data/prefix-overview/"), 1);
    // A plain-HTTP RIPEstat off loopback is refused before anything is asked.
    a.retain(|x| x != "--json");
    let o = byoip_env(
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        &[("BYOIP_RIPESTAT_URL", "http://stat.example/")],
    );
    common::assert_one_line_error(&o, "plain HTTP is refused");
}

#[test]
fn offline_without_origin_is_a_skip_by_rule_saying_what_to_give() {
    let o = check(&[
        "--offline",
        "--vrps",
        testdata("vrp/synthetic-aws.csv").to_str().unwrap(),
        "--json",
    ]);
    let r = report(&o);
    assert_eq!(check_field(&r, "roa.current-origin", "status"), "skip");
    assert_eq!(
        check_field(&r, "roa.current-origin", "message"),
        "offline: RIPEstat was not asked who announces the prefix today: give --origin ASN or --origin none"
    );
    assert!(!stderr(&o).contains("RIPEstat"), "{}", stderr(&o));
}

/// `batch check`: the manifest's `origin` (top level, overridden per `[[prefix]]`) is the
/// origin, and only a prefix without one asks RIPEstat; JUnit shows the warning in the
/// case's system-out and the unknown origin as skipped.
#[test]
fn batch_check_reads_the_manifests_origin_and_junit_shows_it() {
    let d = tempdir();
    fs::copy(testdata("demo-cert.pem"), d.path().join("cert.pem")).unwrap();
    fs::write(
        d.path().join("vrps.csv"),
        "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/22,24\nAS14618,192.198.0.0/22,24\nAS16509,192.198.1.0/24,24\nAS14618,192.198.1.0/24,24\n",
    )
    .unwrap();
    let rec = testdata("rdap/synthetic/arin-good.json");
    fs::write(
        d.path().join("byoip.toml"),
        format!(
            "account = \"{ACCOUNT}\"\ncert = \"cert.pem\"\nvrps = \"vrps.csv\"\norigin = 64496\n\
             [[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{0}\"\n\
             [[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"{0}\"\norigin = \"none\"\n",
            rec.display()
        ),
    )
    .unwrap();
    let manifest = d.path().join("byoip.toml");
    let junit = d.path().join("j.xml");
    let o = byoip(&[
        "batch",
        "check",
        "--offline",
        "--manifest",
        manifest.to_str().unwrap(),
        "--junit",
        junit.to_str().unwrap(),
        "--json",
    ]);
    let v = report(&o);
    let of = |cidr: &str| -> Value {
        v["prefixes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["cidr"] == cidr)
            .unwrap()
            .clone()
    };
    assert_eq!(
        check_field(&of("192.198.0.0/24"), "roa.current-origin", "status"),
        "warn"
    );
    assert!(
        check_field(&of("192.198.0.0/24"), "roa.current-origin", "message")
            .contains("AS64496 announces 192.198.0.0/24 today"),
        "{v:#}"
    );
    assert_eq!(
        check_field(&of("192.198.1.0/24"), "roa.current-origin", "status"),
        "pass"
    );
    let xml = fs::read_to_string(&junit).unwrap();
    let case = xml
        .split("<testcase ")
        .find(|c| c.contains("roa.current-origin") && c.contains("create its ROA first"))
        .unwrap_or_else(|| panic!("{xml}"));
    assert!(
        case.contains("<system-out>") && !case.contains("<failure") && !case.contains("<error"),
        "{case}"
    );
    // Online, a prefix without origin asks RIPEstat; one with it does not.
    let s = ripestat(Overview::NotAnnounced, amazon());
    let toml = fs::read_to_string(&manifest)
        .unwrap()
        .replace("origin = 64496\n", "");
    fs::write(&manifest, toml).unwrap();
    let o = byoip(&[
        "batch",
        "check",
        "--manifest",
        manifest.to_str().unwrap(),
        "--rdap-url",
        &format!("{}/rdap/", s.base),
        &ripestat_flag(&s),
        "--json",
    ]);
    let v = report(&o);
    assert_eq!(s.hits("/data/prefix-overview/"), 1, "{v:#}");
    assert_eq!(
        s.log()
            .iter()
            .filter(|l| l.path.starts_with("/data/prefix-overview/"))
            .map(|l| l.path.contains("resource=192.198.0.0/24"))
            .collect::<Vec<_>>(),
        [true]
    );
    // A manifest origin that is neither an ASN nor "none" is an error naming its line.
    fs::write(
        &manifest,
        "origin = true\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
    )
    .unwrap();
    let o = byoip(&[
        "batch",
        "check",
        "--offline",
        "--manifest",
        manifest.to_str().unwrap(),
    ]);
    common::assert_one_line_error(&o, "line 1: origin is boolean, not an ASN or \"none\"");
}
