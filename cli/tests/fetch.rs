//! `byoip roa fetch` and `byoip ripedb fetch`: evidence saved for offline and CI use, asked
//! of a RIPEstat-shaped validator, a Routinator and a RIPE Database REST API on 127.0.0.1,
//! and their failures. The saved files round-trip: `check --offline` with them judges as
//! `check` online does, and their recorded fetch time is what a check calls their age.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;

use common::httpd::{Reply, Server};
use common::{assert_one_line_error, byoip, byoip_env, check_field, report, stdout, td, tempdir};
use serde_json::Value;

const ARIN: &str = "192.198.0.0/24";
const RIPE: &str = "62.239.237.0/24";
const OCI_TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";

/// (ASN, prefix, maxLength).
type Vrps = Vec<(u32, &'static str, u8)>;

/// Amazon's two origins (14618's too short for a /24), Azure's and Oracle's for the RIPE
/// prefix, and AS64496, the ASN announcing the ARIN prefix today.
fn world() -> Vrps {
    vec![
        (16509, "192.198.0.0/22", 24),
        (14618, "192.198.0.0/22", 22),
        (64496, "192.198.0.0/24", 24),
        (8075, "62.239.237.0/24", 24),
        (31898, "62.239.236.0/23", 24),
    ]
}

/// What the validator does.
#[derive(Clone, Copy)]
enum Mode {
    Good,
    Status(u16),
    Garbage,
}

/// RIPEstat's rpki-validation and a Routinator's validity API over `vrps` (RFC 6811,
/// written here independently of byoip), and RDAP and the RIPE Database for the RIPE NCC
/// prefix.
fn start(vrps: Vrps, mode: Mode) -> Server {
    let ripe = fs::read_to_string(common::testdata("rdap/synthetic/ripe-good.json")).unwrap();
    let arin = fs::read_to_string(common::testdata("rdap/synthetic/arin-good.json")).unwrap();
    let object = fs::read_to_string(common::testdata("ripedb/oci-token.json")).unwrap();
    Server::start(move |path, _| {
        if path == "/rdap/ip/62.239.237.0/24" {
            return Reply::json(200, ripe.clone());
        }
        if path == "/rdap/ip/192.198.0.0/24" {
            return Reply::json(200, arin.clone());
        }
        if path == "/db/ripe/inetnum/62.239.237.0%20-%2062.239.237.255" {
            return Reply::json(200, object.clone());
        }
        let (asn, prefix, routinator) =
            if let Some(q) = path.strip_prefix("/data/rpki-validation/data.json?") {
                let get = |k: &str| {
                    q.split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                        .unwrap()
                        .to_string()
                };
                (get("resource"), get("prefix"), false)
            } else if let Some(rest) = path.strip_prefix("/api/v1/validity/") {
                let (a, p) = rest.split_once('/').unwrap();
                (a.to_string(), p.to_string(), true)
            } else {
                return Reply::status(404);
            };
        match mode {
            Mode::Status(s) => return Reply::status(s),
            Mode::Garbage => return Reply::json(200, "<html>down for maintenance</html>"),
            Mode::Good => {}
        }
        let asn: u32 = asn.trim_start_matches("AS").parse().unwrap();
        let net: ipnet::IpNet = prefix.parse().unwrap();
        let covering: Vec<&(u32, &str, u8)> = vrps
            .iter()
            .filter(|(_, p, _)| p.parse::<ipnet::IpNet>().unwrap().contains(&net))
            .collect();
        let kind = |v: &&(u32, &str, u8)| {
            if v.0 != asn {
                "as"
            } else if v.2 < net.prefix_len() {
                "length"
            } else {
                "valid"
            }
        };
        if routinator {
            let j = |v: &&&(u32, &str, u8)| serde_json::json!({"asn": format!("AS{}", v.0), "prefix": v.1, "max_length": v.2.to_string()});
            let of = |k: &str| -> Vec<Value> {
                covering
                    .iter()
                    .filter(|v| kind(v) == k)
                    .map(|v| j(&v))
                    .collect()
            };
            let (matched, short, other) = (of("valid"), of("length"), of("as"));
            let (state, reason) = if !matched.is_empty() {
                ("valid", None)
            } else if !short.is_empty() {
                ("invalid", Some("length"))
            } else if !other.is_empty() {
                ("invalid", Some("as"))
            } else {
                ("not-found", None)
            };
            return Reply::json(
                200,
                serde_json::json!({"validated_route": {"route": {"origin_asn": format!("AS{asn}"), "prefix": prefix},
                    "validity": {"state": state, "reason": reason,
                        "VRPs": {"matched": matched, "unmatched_as": other, "unmatched_length": short}}}})
                .to_string(),
            );
        }
        let roas: Vec<Value> = covering
            .iter()
            .map(|v| {
                let validity = match kind(v) {
                    "as" => "invalid_asn",
                    "length" => "invalid_length",
                    _ => "valid",
                };
                serde_json::json!({"origin": v.0.to_string(), "prefix": v.1, "max_length": v.2, "validity": validity})
            })
            .collect();
        let status = if roas.iter().any(|r| r["validity"] == "valid") {
            "valid"
        } else if roas.iter().any(|r| r["validity"] == "invalid_length") {
            "invalid_length"
        } else if roas.is_empty() {
            "unknown"
        } else {
            "invalid_asn"
        };
        Reply::json(
            200,
            serde_json::json!({"status": "ok", "data": {"status": status, "validating_roas": roas}})
                .to_string(),
        )
    })
}

/// `check --json` of `cidr` for `cloud` with `extra`; eligibility alone (no key), so the
/// ROA checks decide.
fn check(cloud: &str, cidr: &str, extra: &[&str]) -> Value {
    let rdap = if cidr == ARIN {
        td("rdap/synthetic/arin-good.json")
    } else {
        td("rdap/synthetic/ripe-good.json")
    };
    let mut a = vec![
        "check",
        "--cloud",
        cloud,
        "--cidr",
        cidr,
        "--rdap-file",
        rdap,
        "--json",
    ];
    if cloud == "oci" {
        a.extend(["--validation-token", OCI_TOKEN]);
    }
    if cloud != "aws" {
        a.extend(["--ripe-db-file", td("ripedb/oci-token.json")]);
    }
    a.extend(extra);
    report(&byoip(&a))
}

fn roa_ids(r: &Value) -> Vec<String> {
    common::check_ids(r)
        .into_iter()
        .filter(|id| id.starts_with("roa."))
        .map(String::from)
        .collect()
}

#[test]
fn roa_fetch_then_an_offline_check_judges_as_the_online_one() {
    let s = start(world(), Mode::Good);
    let ripestat = format!("--ripestat={}", s.base);
    let routinator = format!("{}/", s.base);
    for (cloud, cidr, source) in [
        ("aws", ARIN, "ripestat"),
        ("aws", ARIN, "routinator"),
        ("azure", RIPE, "ripestat"),
        ("oci", RIPE, "ripestat"),
    ] {
        let d = tempdir();
        let file = d.path().join("vrps.csv");
        let file = file.to_str().unwrap();
        let via: Vec<&str> = match source {
            "ripestat" => vec![&ripestat],
            _ => vec!["--rpki-url", &routinator],
        };
        let origin: &[&str] = if cidr == ARIN {
            &["--origin", "64496"]
        } else {
            &["--origin", "none"]
        };
        let mut a = vec![
            "roa", "fetch", "--cloud", cloud, "--cidr", cidr, "--out", file,
        ];
        a.extend(&via);
        a.extend(origin);
        let o = byoip(&a);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{cloud} {source}: {}",
            common::stderr(&o)
        );
        assert!(stdout(&o).starts_with("saved "), "{}", stdout(&o));
        let mut online = via.clone();
        online.extend(origin);
        let online = check(cloud, cidr, &online);
        let mut offline = vec!["--offline", "--vrps", file];
        offline.extend(origin);
        let offline = check(cloud, cidr, &offline);
        let ids = roa_ids(&online);
        assert_eq!(ids, roa_ids(&offline), "{cloud} {source}");
        assert!(ids.len() >= 2, "{ids:?}");
        for id in &ids {
            for field in ["status", "message"] {
                assert_eq!(
                    check_field(&offline, id, field),
                    check_field(&online, id, field),
                    "{cloud} {source} {id} {field}"
                );
            }
        }
        // The verdicts the world holds, so the round trip compares something.
        if cloud == "aws" {
            assert_eq!(check_field(&offline, "roa.as16509", "status"), "pass");
            assert_eq!(check_field(&offline, "roa.as14618", "status"), "fail");
            assert_eq!(
                check_field(&offline, "roa.current-origin", "status"),
                "pass"
            );
        }
        if cloud == "oci" {
            // RIPEstat gives no expiry, and the saved file invents none.
            assert_eq!(check_field(&offline, "roa.as31898", "status"), "not-run");
        }
    }
    // What the file holds: the VRPs covering the prefix, the fetch time, the shape --vrps reads.
    let d = tempdir();
    let file = d.path().join("v.csv");
    let o = byoip(&[
        "roa",
        "fetch",
        "--cidr",
        ARIN,
        &ripestat,
        "--origin",
        "AS64496",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!(
            "# byoip roa fetch: the VRPs covering 192.198.0.0/24 that RIPEstat ({}) gave for AS16509, AS14618, AS64496\n# fetched: 2026-12-01T12:00:00Z\nASN,IP Prefix,Max Length,Trust Anchor\nAS14618,192.198.0.0/22,22,\nAS16509,192.198.0.0/22,24,\nAS64496,192.198.0.0/24,24,\n",
            s.base
        )
    );
}

#[test]
fn a_fetched_file_older_than_seven_days_is_not_judged() {
    let s = start(world(), Mode::Good);
    let ripestat = format!("--ripestat={}", s.base);
    for (fetched, want) in [
        ("2026-11-20T12:00:00Z", "not-run"),
        ("2026-11-30T12:00:00Z", "pass"),
    ] {
        let d = tempdir();
        let file = d.path().join("v.csv");
        let o = byoip_env(
            &[
                "roa",
                "fetch",
                "--cidr",
                ARIN,
                &ripestat,
                "--out",
                file.to_str().unwrap(),
            ],
            &[("BYOIP_NOW", fetched)],
        );
        assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
        let r = check(
            "aws",
            ARIN,
            &["--offline", "--vrps", file.to_str().unwrap()],
        );
        assert_eq!(check_field(&r, "roa.as16509", "status"), want, "{r:#}");
        if want == "not-run" {
            assert!(
                check_field(&r, "roa.as16509", "message").contains(
                    "(byoip roa fetch CSV, 3 VRPs) was built 2026-11-20 12:00 UTC, 11 days before the report's time"
                ),
                "{r:#}"
            );
        }
    }
}

#[test]
fn roa_fetch_failures_write_nothing_and_exit_2() {
    let d = tempdir();
    let file = d.path().join("v.csv");
    let out = file.to_str().unwrap();
    let down = |mode| start(world(), mode);
    for (name, server, needle) in [
        ("500", Some(down(Mode::Status(500))), "HTTP 500"),
        ("garbage", Some(down(Mode::Garbage)), "not JSON"),
        ("refused", None, "cannot fetch the ROAs"),
    ] {
        let base = server
            .as_ref()
            .map_or(common::CLOSED_RIPESTAT.to_string(), |s| s.base.clone());
        let o = byoip(&[
            "roa",
            "fetch",
            "--cidr",
            ARIN,
            &format!("--ripestat={base}"),
            "--retries",
            "0",
            "--out",
            out,
        ]);
        assert_one_line_error(&o, needle);
        assert!(
            common::stderr(&o).contains("cannot fetch the ROAs"),
            "{name}: {}",
            common::stderr(&o)
        );
        assert!(!file.exists(), "{name}: no file, not a half-written one");
    }
    // An existing file is kept without --force.
    fs::write(&file, "mine").unwrap();
    let s = start(world(), Mode::Good);
    let o = byoip(&[
        "roa",
        "fetch",
        "--cidr",
        ARIN,
        &format!("--ripestat={}", s.base),
        "--out",
        out,
    ]);
    assert_one_line_error(&o, "already exists");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(s.hits("/data/"), 0, "refused before asking");
    // --force replaces it; --json says what was saved; - writes the CSV to stdout.
    let o = byoip(&[
        "roa",
        "fetch",
        "--cidr",
        ARIN,
        &format!("--ripestat={}", s.base),
        "--out",
        out,
        "--force",
        "--json",
    ]);
    let j: Value = common::sorted_json(&stdout(&o));
    assert_eq!(j["asns"], serde_json::json!(["AS16509", "AS14618"]));
    assert_eq!(j["fetched"], "2026-12-01T12:00:00Z");
    assert_eq!(j["vrps"].as_array().unwrap().len(), 3);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .starts_with("# byoip roa fetch: ")
    );
    let o = byoip(&[
        "roa",
        "fetch",
        "--cidr",
        ARIN,
        &format!("--ripestat={}", s.base),
        "--out",
        "-",
    ]);
    assert!(
        stdout(&o).contains("\nASN,IP Prefix,Max Length,Trust Anchor\n"),
        "{}",
        stdout(&o)
    );
    // No ROA needed (IPv6 AWS will not announce is checked by --service only for IPAM's
    // /60s; Global Accelerator in GovCloud is refused as check refuses it).
    let o = byoip(&[
        "roa",
        "fetch",
        "--cidr",
        ARIN,
        "--service",
        "ga",
        "--govcloud",
        "--out",
        "-",
    ]);
    assert_one_line_error(&o, "GovCloud");
}

#[test]
fn ripedb_fetch_saves_the_object_with_its_fetch_time() {
    let s = start(world(), Mode::Good);
    let d = tempdir();
    let file = d.path().join("ripe.json");
    let rdap = format!("{}/rdap/", s.base);
    let db = format!("{}/db/", s.base);
    let fetch = |now: &str, extra: &[&str]| {
        let mut a = vec![
            "ripedb",
            "fetch",
            "--cidr",
            RIPE,
            "--rdap-url",
            &rdap,
            "--ripe-db-url",
            &db,
            "--no-cache",
            "--out",
            file.to_str().unwrap(),
            "--force",
        ];
        a.extend(extra);
        byoip_env(&a, &[("BYOIP_NOW", now)])
    };
    let o = fetch(common::NOW, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert!(
        stdout(&o).starts_with("saved inetnum 62.239.237.0 - 62.239.237.255 from "),
        "{}",
        stdout(&o)
    );
    let saved: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["byoip_saved"]["fetched"], "2026-12-01T12:00:00Z");
    // Offline with it, Oracle's token is judged as online.
    let oci = |extra: &[&str]| {
        let mut a = vec![
            "check",
            "--cloud",
            "oci",
            "--cidr",
            RIPE,
            "--validation-token",
            OCI_TOKEN,
            "--vrps",
            td("vrp/synthetic-clouds.csv"),
            "--origin",
            "none",
            "--json",
        ];
        a.extend(extra);
        report(&byoip(&a))
    };
    let online = oci(&["--rdap-url", &rdap, "--ripe-db-url", &db, "--no-cache"]);
    let offline = oci(&[
        "--offline",
        "--rdap-file",
        td("rdap/synthetic/ripe-good.json"),
        "--ripe-db-file",
        file.to_str().unwrap(),
    ]);
    for field in ["status", "message"] {
        assert_eq!(
            check_field(&offline, "oci.token", field),
            check_field(&online, "oci.token", field)
        );
    }
    assert_eq!(check_field(&offline, "oci.token", "status"), "pass");
    // Fetched 40 days before the check: its recorded time is the age, whatever the file's.
    let o = fetch("2026-10-22T12:00:00Z", &["--json"]);
    let j = common::sorted_json(&stdout(&o));
    assert_eq!(j["key"], "62.239.237.0 - 62.239.237.255");
    let offline = oci(&[
        "--offline",
        "--rdap-file",
        td("rdap/synthetic/ripe-good.json"),
        "--ripe-db-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        check_field(&offline, "rdap.record", "status"),
        "warn",
        "{offline:#}"
    );
    assert!(
        check_field(&offline, "rdap.record", "message").contains("ripe.json is 40 days old"),
        "{offline:#}"
    );
    // A range of another registry has no object to save.
    let o = byoip(&[
        "ripedb",
        "fetch",
        "--cidr",
        ARIN,
        "--rdap-url",
        &rdap,
        "--no-cache",
        "--out",
        "-",
    ]);
    assert_one_line_error(&o, "not RIPE NCC's");
}
