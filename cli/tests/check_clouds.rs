//! `check` across clouds, as a new user meets it: expired ROAs, Azure's exact ROA and its
//! date, Oracle's expiry when the source gives none, and the inputs each cloud refuses.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use common::{byoip, message, report, status, stdout};

const TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";
const SUB: &str = "6f1e7d2c-1b3a-4c5d-8e9f-0a1b2c3d4e5f";
const RIPE_CIDR: &str = "62.239.237.0/24";

fn details(r: &serde_json::Value, id: &str) -> String {
    common::check_details(r, id)
}

/// A VRP file of rpki-client CSV rows `(ASN, prefix, maxLength, expires)`.
fn vrps(dir: &Path, name: &str, rows: &[(u32, &str, u8, i64)]) -> PathBuf {
    let mut text = String::from("ASN,IP Prefix,Max Length,Trust Anchor,Expires\n");
    for (asn, p, ml, exp) in rows {
        text.push_str(&format!("AS{asn},{p},{ml},ripe,{exp}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn now() -> i64 {
    common::now().timestamp()
}

/// `check --cloud oci --offline` on the synthetic RIPE NCC record with the RIPE Database
/// object `ripe_db` (a path), as text.
fn oci_args(vrps: &Path, ripe_db: &str, extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "check",
        "--cloud",
        "oci",
        "--cidr",
        RIPE_CIDR,
        "--offline",
        "--rdap-file",
        common::td("rdap/synthetic/ripe-good.json"),
        "--ripe-db-file",
        ripe_db,
        "--vrps",
        vrps.to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec();
    if !extra.contains(&"--validation-token") {
        a.extend(["--validation-token".into(), TOKEN.into()]);
    }
    a.extend(extra.iter().map(|x| x.to_string()));
    a
}

fn run(args: &[String]) -> std::process::Output {
    byoip(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// [`oci_args`] with the token in descr:, as JSON.
fn oci(vrps: &Path, extra: &[&str]) -> std::process::Output {
    let mut a = oci_args(vrps, common::td("ripedb/oci-token.json"), extra);
    a.push("--json".into());
    run(&a)
}

/// `check --offline` for AWS (the default cloud) on the synthetic ARIN record `rdap_file`
/// (under testdata/), with the demo certificate, as JSON.
fn aws(rdap_file: &str, vrps: &Path) -> std::process::Output {
    byoip(&[
        "check",
        "--offline",
        "--cidr",
        "192.198.0.0/24",
        "--cert",
        common::td("demo-cert.pem"),
        "--rdap-file",
        common::td(rdap_file),
        "--vrps",
        vrps.to_str().unwrap(),
        "--json",
    ])
}

/// `check --cloud azure --offline` on the synthetic RIPE NCC record with the certificate in
/// remarks:, a message for `msg_cidr` dated `date`.
fn azure(vrps: &Path, msg_cidr: &str, date: &str, extra: &[&str]) -> std::process::Output {
    let (msg, sig) = common::azure_signed(SUB, msg_cidr, date);
    let mut a = vec![
        "check",
        "--cloud",
        "azure",
        "--cidr",
        RIPE_CIDR,
        "--cert",
        common::td("demo-cert.pem"),
        "--message",
        &msg,
        "--signature",
        &sig,
        "--subscription",
        SUB,
        "--offline",
        "--rdap-file",
        common::td("rdap/synthetic/ripe-good.json"),
        "--ripe-db-file",
        common::td("ripedb/inetnum-remarks.json"),
        "--vrps",
        vrps.to_str().unwrap(),
        "--json",
    ];
    a.extend(extra);
    byoip(&a)
}

// ---------------------------------------------------------------------------------------
// Expired ROAs authorize nothing, for every cloud

#[test]
fn an_expired_vrp_is_no_authorization_for_aws() {
    let dir = common::tempdir();
    let gone = now() - 3 * 86_400;
    // The ROA's own end (Routinator's csvext): expired, it authorizes nothing.
    let v = vrps_ext(
        dir.path(),
        "v.csv",
        &[
            (16509, "192.198.0.0/22", 24, gone),
            (14618, "192.198.0.0/22", 24, now() + 86_400 * 400),
        ],
    );
    let o = aws("rdap/synthetic/arin-good.json", &v);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(1), "{r:#}");
    assert_eq!(status(&r, "roa.as16509"), "fail", "{r:#}");
    let day = chrono::DateTime::from_timestamp(gone, 0)
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        message(&r, "roa.as16509"),
        format!("a ROA for AS16509 expired on {day}: AS16509 192.198.0.0/22 maxLength 24")
    );
    assert!(details(&r, "roa.as16509").contains("expired on"), "{r:#}");
    assert!(
        common::check_field(&r, "roa.as16509", "hint").contains("renew"),
        "{r:#}"
    );
    // The ROA still valid passes as before.
    assert_eq!(status(&r, "roa.as14618"), "pass", "{r:#}");
}

#[test]
fn an_expired_vrp_is_no_authorization_for_azure_and_oracle() {
    let dir = common::tempdir();
    let gone = now() - 86_400;
    let v = vrps_ext(
        dir.path(),
        "v.csv",
        &[
            (8075, RIPE_CIDR, 24, gone),
            (31898, "62.239.236.0/23", 24, gone),
        ],
    );
    let r = report(&azure(&v, RIPE_CIDR, "20991231", &[]));
    assert_eq!(status(&r, "roa.as8075"), "fail", "{r:#}");
    let m = message(&r, "roa.as8075");
    assert!(
        m.starts_with("a ROA for AS8075 expired on ") && m.contains("ROANotFound"),
        "{m}"
    );
    let o = oci(&v, &[]);
    let r = report(&o);
    assert_eq!(status(&r, "roa.as31898"), "fail", "{r:#}");
    assert!(
        message(&r, "roa.as31898").starts_with("a ROA for AS31898 expired on "),
        "{r:#}"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn azure_warns_when_the_roas_end_is_not_the_messages_date() {
    let dir = common::tempdir();
    // 2100-01-01T00:00:00Z: the ROA ends at the close of 2099-12-31 (its own end, as
    // Routinator's csvext gives it).
    let v = vrps_ext(dir.path(), "v.csv", &[(8075, RIPE_CIDR, 24, 4_102_444_800)]);
    let r = report(&azure(&v, RIPE_CIDR, "20991231", &[]));
    assert_eq!(status(&r, "roa.as8075"), "pass", "{r:#}");
    let r = report(&azure(&v, RIPE_CIDR, "20990630", &[]));
    assert_eq!(status(&r, "roa.as8075"), "warn", "{r:#}");
    let m = message(&r, "roa.as8075");
    assert!(
        m.contains("valid until 2100-01-01") && m.contains("the message's date is 2099-06-30"),
        "{m}"
    );
    // A source without expiries says nothing about the date.
    let plain = dir.path().join("plain.csv");
    std::fs::write(
        &plain,
        format!("ASN,IP Prefix,Max Length,Trust Anchor\nAS8075,{RIPE_CIDR},24,ripe\n"),
    )
    .unwrap();
    let r = report(&azure(&plain, RIPE_CIDR, "20990630", &[]));
    assert_eq!(status(&r, "roa.as8075"), "pass", "{r:#}");
}

#[test]
fn azure_names_a_too_long_maxlength_as_such_and_keeps_covering_for_covering() {
    let dir = common::tempdir();
    let far = 4_102_444_800;
    let long = vrps(dir.path(), "long.csv", &[(8075, RIPE_CIDR, 25, far)]);
    let r = report(&azure(&long, RIPE_CIDR, "20991231", &[]));
    assert_eq!(status(&r, "roa.as8075"), "fail", "{r:#}");
    assert_eq!(
        message(&r, "roa.as8075"),
        "maxLength 25 is longer than the prefix's /24 (AS8075 62.239.237.0/24 maxLength 25) (Azure: InvalidPrefixLengthInROA)"
    );
    let d = details(&r, "roa.as8075");
    assert!(!d.contains("covering"), "{d}");
    assert!(
        d.contains("maxLength not /24: AS8075 62.239.237.0/24 maxLength 25"),
        "{d}"
    );
    let cover = vrps(
        dir.path(),
        "cover.csv",
        &[(8075, "62.239.236.0/23", 24, far)],
    );
    let r = report(&azure(&cover, RIPE_CIDR, "20991231", &[]));
    let m = message(&r, "roa.as8075");
    assert!(
        m.starts_with("the ROAs for AS8075 cover 62.239.237.0/24 but not exactly")
            && m.ends_with("(Azure: InvalidPrefixLengthInROA)"),
        "{m}"
    );
    assert!(details(&r, "roa.as8075").contains("covering: AS8075 62.239.236.0/23"));
}

// ---------------------------------------------------------------------------------------
// Oracle: six months ahead not looked at is not a pass

#[test]
fn oracle_without_a_roa_expiry_is_incomplete_not_ready() {
    let dir = common::tempdir();
    let plain = dir.path().join("plain.csv");
    std::fs::write(
        &plain,
        "ASN,IP Prefix,Max Length,Trust Anchor\nAS31898,62.239.236.0/23,24,ripe\n",
    )
    .unwrap();
    let o = oci(&plain, &[]);
    let r = report(&o);
    assert_eq!(status(&r, "roa.as31898"), "not-run", "{r:#}");
    // The flag that gives an export with expiries is the hint's (a remedy), no longer
    // rewritten into the message.
    assert!(
        message(&r, "roa.as31898").contains("gives no expiry"),
        "{r:#}"
    );
    assert_eq!(
        common::check_field(&r, "roa.as31898", "hint"),
        "--vrps FILE"
    );
    assert_eq!(r["ok"], false);
    assert_eq!(r["complete"], false);
    assert_eq!(o.status.code(), Some(1));
    // The text verdict says INCOMPLETE, not READY.
    let o = run(&oci_args(&plain, common::td("ripedb/oci-token.json"), &[]));
    let last = stdout(&o).lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("INCOMPLETE"), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------------
// Inputs refused: an empty Oracle token, a RIPE Database object for another range

#[test]
fn an_empty_oracle_token_is_refused_not_matched_to_any_line() {
    let v = common::testdata("vrp/synthetic-clouds.csv");
    for t in [
        "",
        "  ",
        "OCITOKEN::62.239.237.0/24:",
        "OCITOKEN::62.239.237.0/24: ",
    ] {
        // With --json the error is JSON on stdout, and the one line on stderr.
        let o = oci(&v, &["--validation-token", t]);
        assert_eq!(o.status.code(), Some(2), "{t:?}: {}", stdout(&o));
        let err = common::stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("is empty") && err.contains("; hint: "),
            "{err}"
        );
        assert!(report(&o)["error"].as_str().unwrap().contains("is empty"));
    }
    let dir = common::tempdir();
    let manifest = dir.path().join("byoip.toml");
    std::fs::write(
        &manifest,
        "cloud = \"oci\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\nvalidation_token = \" \"\n",
    )
    .unwrap();
    let o = byoip(&[
        "batch",
        "check",
        "--offline",
        "--manifest",
        manifest.to_str().unwrap(),
    ]);
    common::assert_one_line_error(&o, "is empty");
    assert!(
        common::stderr(&o).contains("line 5"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn a_ripe_database_object_for_another_range_is_refused() {
    let dir = common::tempdir();
    let other = dir.path().join("other.json");
    let text = std::fs::read_to_string(common::testdata("ripedb/oci-token.json"))
        .unwrap()
        .replace("62.239.237.0 - 62.239.237.255", "10.0.0.0 - 10.0.0.255")
        .replace(
            "62.239.237.0%20-%2062.239.237.255",
            "10.0.0.0%20-%2010.0.0.255",
        );
    std::fs::write(&other, text).unwrap();
    let v = common::testdata("vrp/synthetic-clouds.csv");
    let mut a = oci_args(&v, other.to_str().unwrap(), &[]);
    let o = run(&a);
    common::assert_one_line_error(
        &o,
        "is the RIPE Database inetnum 10.0.0.0 - 10.0.0.255, which does not cover 62.239.237.0/24",
    );
    // Azure's certificate alike.
    a.splice(1..3, ["--cloud".to_string(), "azure".to_string()]);
    let at = a.iter().position(|x| x == "--validation-token").unwrap();
    a.truncate(at);
    a.extend([
        "--cert".to_string(),
        common::td("demo-cert.pem").to_string(),
    ]);
    let o = run(&a);
    common::assert_one_line_error(&o, "does not cover 62.239.237.0/24");
}

// ---------------------------------------------------------------------------------------
// Azure compares the message's CIDR text

#[test]
fn azure_fails_a_message_cidr_spelled_otherwise_as_azure_does() {
    let v = common::testdata("vrp/synthetic-clouds.csv");
    let r = report(&azure(&v, "62.239.237.00/24", "20991231", &[]));
    assert_eq!(status(&r, "message.cidr"), "fail", "{r:#}");
    assert!(
        message(&r, "message.cidr").contains("CIDRInAuthorizationMessageNotMatchCustomerIP"),
        "{r:#}"
    );
    let r = report(&azure(&v, RIPE_CIDR, "20991231", &[]));
    assert_eq!(status(&r, "message.cidr"), "pass", "{r:#}");
}

#[test]
fn a_mistyped_oracle_region_is_refused_not_read_as_any_other_region() {
    let dir = tempfile::tempdir().unwrap();
    let far = now() + 400 * 86_400;
    let v = vrps(dir.path(), "v.csv", &[(14544, RIPE_CIDR, 24, far)]);
    for bad in ["eu-jovanovac1", "", "mars-1"] {
        let o = run(&oci_args(
            &v,
            common::td("ripedb/oci-token.json"),
            &["--region", bad],
        ));
        common::assert_one_line_error(&o, "is not a region identifier like us-ashburn-1");
    }
    // The region that has its own origin is read, and named in the report's heading.
    let o = run(&oci_args(
        &v,
        common::td("ripedb/oci-token.json"),
        &["--region", "eu-jovanovac-1"],
    ));
    assert!(
        stdout(&o).contains("region eu-jovanovac-1"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("roa.as14544"), "{}", stdout(&o));
}

#[test]
fn audit_refuses_a_manifest_with_nothing_to_audit_instead_of_saying_ready() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("byoip.toml");
    std::fs::write(
        &m,
        format!("cloud = \"oci\"\n\n[[prefix]]\ncidr = \"{RIPE_CIDR}\"\nvalidation_token = \"{TOKEN}\"\n"),
    )
    .unwrap();
    let o = byoip(&["audit", "--manifest", m.to_str().unwrap()]);
    common::assert_one_line_error(
        &o,
        "an Oracle manifest has no key, certificate or signed context to audit",
    );
    std::fs::write(
        &m,
        "[[prefix]]\ncidr = \"130.137.245.0/24\"\naccount = \"123456789012\"\n",
    )
    .unwrap();
    let o = byoip(&["audit", "--manifest", m.to_str().unwrap()]);
    common::assert_one_line_error(&o, "nothing to audit");
    // A mistyped region in an Oracle manifest names its line.
    std::fs::write(
        &m,
        format!("cloud = \"oci\"\n\n[[prefix]]\ncidr = \"{RIPE_CIDR}\"\nvalidation_token = \"{TOKEN}\"\nregion = \"eu-jovanovac1\"\n"),
    )
    .unwrap();
    let o = byoip(&[
        "batch",
        "check",
        "--manifest",
        m.to_str().unwrap(),
        "--offline",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(
        common::stderr(&o).contains("line 6"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn a_message_of_the_other_clouds_form_is_named_not_failed_field_by_field() {
    let cert = common::td("demo-cert.pem");
    let azure_msg = format!("{SUB}|{RIPE_CIDR}|20271231");
    let aws_msg = format!("1|aws|123456789012|{RIPE_CIDR}|20271231|SHA256|RSAPSS");
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        RIPE_CIDR,
        "--cert",
        cert,
        "--message",
        &azure_msg,
        "--signature",
        "AAAA",
    ]);
    common::assert_one_line_error(
        &o,
        "the message is in Azure's form, and this is a check for AWS",
    );
    assert!(
        common::stderr(&o).contains("add --cloud azure"),
        "{}",
        common::stderr(&o)
    );
    // AWS's message under --cloud azure is Azure's own finding, with Azure's code.
    let o = byoip(&[
        "check",
        "--cloud",
        "azure",
        "--local-only",
        "--cidr",
        RIPE_CIDR,
        "--cert",
        cert,
        "--message",
        &aws_msg,
        "--signature",
        "AAAA",
        "--subscription",
        SUB,
        "--json",
    ]);
    let r = report(&o);
    assert!(
        message(&r, "message.format").contains("AuthMessageFormatInvalid"),
        "{r:#}"
    );
}

#[test]
fn a_check_report_names_the_cloud_whose_rules_it_applied() {
    let dir = tempfile::tempdir().unwrap();
    let v = vrps(
        dir.path(),
        "v.csv",
        &[(31898, RIPE_CIDR, 24, now() + 400 * 86_400)],
    );
    assert_eq!(report(&oci(&v, &[]))["cloud"], "oci");
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        RIPE_CIDR,
        "--cert",
        common::td("demo-cert.pem"),
        "--json",
    ]);
    assert_eq!(report(&o)["cloud"], "aws");
}

// ---------------------------------------------------------------------------------------
// The cloud's own failure code, as a field of the check

/// Each check's `code`, or `None` when the key is absent.
fn codes(r: &serde_json::Value) -> Vec<(String, Option<String>)> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let code = c.get("code").map(|v| v.as_str().unwrap().to_string());
            (c["id"].as_str().unwrap().to_string(), code)
        })
        .collect()
}

#[test]
fn azure_failures_carry_azures_code_in_json_and_aws_reports_have_no_code_key() {
    let dir = common::tempdir();
    // A ROA with a maxLength too long, a message for another prefix.
    let v = vrps(dir.path(), "v.csv", &[(8075, RIPE_CIDR, 25, 4_102_444_800)]);
    let r = report(&azure(&v, "62.239.236.0/24", "20991231", &[]));
    let got = codes(&r);
    let code = |id: &str| {
        got.iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("no {id}: {r:#}"))
            .1
            .clone()
    };
    assert_eq!(
        code("roa.as8075").as_deref(),
        Some("InvalidPrefixLengthInROA")
    );
    assert_eq!(
        code("message.cidr").as_deref(),
        Some("CIDRInAuthorizationMessageNotMatchCustomerIP")
    );
    // Text keeps naming it, once.
    assert_eq!(
        message(&r, "roa.as8075")
            .matches("(Azure: InvalidPrefixLengthInROA)")
            .count(),
        1
    );
    // Only failing checks carry one; a check that passed has no code key.
    assert_eq!(code("prefix.size"), None);
    assert_eq!(code("message.format"), None);
    for (id, c) in &got {
        if c.is_some() {
            assert_eq!(status(&r, id), "fail", "{id}: {r:#}");
        }
    }
    // No ROA at all: ROANotFound.
    let none = vrps(
        dir.path(),
        "none.csv",
        &[(64496, RIPE_CIDR, 24, 4_102_444_800)],
    );
    let r = report(&azure(&none, RIPE_CIDR, "20991231", &[]));
    assert_eq!(common::check_field(&r, "roa.as8075", "code"), "ROANotFound");

    // AWS names no codes: its checks have exactly the keys they always had, and
    // `left_out`.
    let o = aws(
        "rdap/synthetic/arin-other-key.json",
        Path::new(common::td("vrp/synthetic-clouds.csv")),
    );
    let r = report(&o);
    assert_eq!(r["ok"], false, "{r:#}");
    for c in r["checks"].as_array().unwrap() {
        let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "details", "hint", "id", "left_out", "message", "rules", "status"
            ],
            "{c:#}"
        );
    }
}

#[test]
fn cert_checks_name_the_cloud_judged_and_its_signature_scheme() {
    let dir = common::tempdir();
    // An RSA-3072 certificate, and an EC one (openssl), each self-signed.
    let big = dir.path().join("big.pem");
    let o = byoip(&[
        "cert",
        "--key",
        common::td("keys/rsa3072.pem"),
        "--out",
        big.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    common::require("openssl", "openssl version");
    common::sh(
        dir.path(),
        &format!(
            "openssl req -x509 -new -key {} -subj /CN=ec -days 30 -out ec.pem",
            common::td("keys/ec-p256.pem")
        ),
    );
    let ec = dir.path().join("ec.pem");
    let run = |cloud: &str, cert: &Path| {
        report(&byoip(&[
            "check",
            "--cloud",
            cloud,
            "--cidr",
            RIPE_CIDR,
            "--cert",
            cert.to_str().unwrap(),
            "--local-only",
            "--json",
        ]))
    };
    let azure = run("azure", &big);
    assert_eq!(
        message(&azure, "cert.key-size"),
        "RSA-3072: Azure documents only RSA-2048 (other sizes are unconfirmed)"
    );
    assert_eq!(
        message(&azure, "cert.self-signed"),
        "self-signed, as Azure asks"
    );
    let aws = run("aws", &big);
    assert_eq!(
        message(&aws, "cert.key-size"),
        "RSA-3072: AWS documents only RSA-2048 (other sizes are unconfirmed)"
    );
    assert_eq!(
        message(&aws, "cert.self-signed"),
        "self-signed, as AWS asks"
    );
    let hint = |r: &serde_json::Value| common::check_field(r, "cert.key-size", "hint");
    let azure = run("azure", &ec);
    assert!(
        hint(&azure).starts_with("Azure verifies RSASSA-PKCS1-v1_5 signatures:"),
        "{azure:#}"
    );
    let aws = run("aws", &ec);
    assert!(
        hint(&aws).starts_with("AWS verifies RSASSA-PSS signatures:"),
        "{aws:#}"
    );
}

// ---------------------------------------------------------------------------------------
// A chain date is no ROA date

/// A Routinator `csvext` VRP file, whose `Not After` is each ROA's own end.
fn vrps_ext(dir: &Path, name: &str, rows: &[(u32, &str, u8, i64)]) -> PathBuf {
    let mut text = String::from("URI,ASN,IP Prefix,Max Length,Not Before,Not After\n");
    for (asn, p, ml, exp) in rows {
        let end = chrono::DateTime::from_timestamp(*exp, 0)
            .unwrap()
            .to_rfc3339();
        text.push_str(&format!(
            "rsync://rpki.example/repo/as{asn}.roa,AS{asn},{p},{ml},2020-01-01T00:00:00Z,{end}\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_rpki_client_expiry_is_the_chains_so_oracle_warns_and_says_what_to_verify() {
    let dir = common::tempdir();
    let soon = now() + 30 * 86_400;
    // rpki-client: a manifest or CRL a month ahead says nothing of the ROA's own end.
    let chain = vrps(dir.path(), "chain.csv", &[(31898, RIPE_CIDR, 24, soon)]);
    let o = oci(&chain, &[]);
    let r = report(&o);
    assert_eq!(status(&r, "roa.as31898"), "warn", "{r:#}");
    let m = message(&r, "roa.as31898");
    assert!(
        m.contains("the validated data expires on")
            && m.contains("manifest's or CRL's next update")
            && m.contains("six months ahead was not confirmed"),
        "{m}"
    );
    assert!(
        common::check_field(&r, "roa.as31898", "hint").contains("RPKI portal"),
        "{r:#}"
    );
    assert_eq!(o.status.code(), Some(0), "{r:#}");
    // Far enough ahead, the chain's end bounds the ROA's: a pass, worded as at least.
    let far = vrps(
        dir.path(),
        "far.csv",
        &[(31898, RIPE_CIDR, 24, 4_102_444_800)],
    );
    let r = report(&oci(&far, &[]));
    assert_eq!(status(&r, "roa.as31898"), "pass", "{r:#}");
    assert!(message(&r, "roa.as31898").contains("valid until at least 2100-01-01"));
    // Routinator's csvext gives the ROA's own end: a month ahead fails Oracle's rule.
    let own = vrps_ext(dir.path(), "own.csv", &[(31898, RIPE_CIDR, 24, soon)]);
    let r = report(&oci(&own, &[]));
    assert_eq!(status(&r, "roa.as31898"), "fail", "{r:#}");
    assert!(
        message(&r, "roa.as31898").contains("but the ROA expires"),
        "{r:#}"
    );
}

#[test]
fn azure_does_not_compare_the_messages_date_with_a_chain_date() {
    let dir = common::tempdir();
    let chain = vrps(
        dir.path(),
        "chain.csv",
        &[(8075, RIPE_CIDR, 24, 4_102_444_800)],
    );
    let r = report(&azure(&chain, RIPE_CIDR, "20990630", &[]));
    assert_eq!(status(&r, "roa.as8075"), "warn", "{r:#}");
    let m = message(&r, "roa.as8075");
    assert!(
        m.contains("the validated data expires on 2100-01-01")
            && m.contains("manifest's or CRL's")
            && m.contains(
                "whether the ROA ends on the message's date 2099-06-30 was not confirmed"
            ),
        "{m}"
    );
    assert!(common::check_field(&r, "roa.as8075", "hint").contains("RPKI portal"));
}

#[test]
fn a_past_chain_date_is_a_stale_export_not_run_never_a_failure_nor_a_pass() {
    let dir = common::tempdir();
    let gone = now() - 3 * 86_400;
    // rpki-client: the chain's earliest end has passed, the ROA's own end is unknown.
    let v = vrps(
        dir.path(),
        "v.csv",
        &[
            (16509, "192.198.0.0/22", 24, gone),
            (14618, "192.198.0.0/22", 24, now() + 86_400 * 400),
            (8075, RIPE_CIDR, 24, gone),
            (31898, "62.239.236.0/23", 24, gone),
        ],
    );
    let aws = report(&aws("rdap/synthetic/arin-good.json", &v));
    let azure = report(&azure(&v, RIPE_CIDR, "20991231", &[]));
    let oci = report(&oci(&v, &[]));
    for (r, id) in [
        (&aws, "roa.as16509"),
        (&azure, "roa.as8075"),
        (&oci, "roa.as31898"),
    ] {
        // Stale evidence is no evidence: not run (so never ready), and not a failure either.
        assert_eq!(status(r, id), "not-run", "{id}: {r:#}");
        let m = message(r, id);
        assert!(
            m.starts_with("the validated data for a ROA for AS")
                && m.contains("manifest's or CRL's")
                && m.contains("the export is older than its own validated data"),
            "{m}"
        );
        assert!(
            common::check_field(r, id, "hint").starts_with("fetch a fresh export"),
            "{r:#}"
        );
        assert_eq!(r["ok"], false, "{id}: {r:#}");
    }
}

#[test]
fn a_ripe_db_file_that_holds_no_ripe_database_object_is_refused_whatever_the_record() {
    let dir = common::tempdir();
    let bad = dir.path().join("page.html");
    std::fs::write(&bad, "<html>not an object</html>").unwrap();
    let v = common::testdata("vrp/synthetic-clouds.csv");
    let args = |rdap: &str, cidr: &str| {
        [
            "check",
            "--cloud",
            "oci",
            "--cidr",
            cidr,
            "--offline",
            "--rdap-file",
            common::td(rdap),
            "--ripe-db-file",
            bad.to_str().unwrap(),
            "--vrps",
            v.to_str().unwrap(),
            "--validation-token",
            TOKEN,
        ]
        .map(String::from)
        .to_vec()
    };
    // A RIPE NCC record, whose object it would be.
    let o = run(&args("rdap/synthetic/ripe-good.json", RIPE_CIDR));
    common::assert_one_line_error(&o, "page.html");
    assert_eq!(o.status.code(), Some(2));
    // ARIN's record needs none, but the file named is still not what --ripe-db-file takes.
    let o = run(&args(
        "rdap/synthetic/arin-oci-token-org.json",
        "192.198.0.0/24",
    ));
    common::assert_one_line_error(&o, "page.html");
    assert_eq!(o.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// READY, exit 0: only with everything given and right

/// Azure and Oracle with all their evidence given and right: READY, exit 0, `ready` true
/// and no check left out. Azure without its message is INCOMPLETE (exit 1), never ready.
#[test]
fn azure_and_oracle_say_ready_only_with_everything_given() {
    let dir = common::tempdir();
    let far = 4_102_444_800;
    let ok = vrps_ext(dir.path(), "azure.csv", &[(8075, RIPE_CIDR, 24, far)]);
    let o = azure(&ok, RIPE_CIDR, "20991231", &[]);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(0), "{r:#}");
    assert_eq!(
        (r["ok"].clone(), r["ready"].clone()),
        (true.into(), true.into())
    );
    for c in r["checks"].as_array().unwrap() {
        assert_eq!(c["left_out"], false, "{c}");
    }
    let text = |args: Vec<String>| {
        let args: Vec<String> = args.into_iter().filter(|a| a != "--json").collect();
        let o = run(&args);
        (o.status.code(), common::verdict(&stdout(&o)))
    };
    let (msg, sig) = common::azure_signed(SUB, RIPE_CIDR, "20991231");
    let azure_args = |signed: bool| {
        let mut a: Vec<String> = [
            "check",
            "--cloud",
            "azure",
            "--cidr",
            RIPE_CIDR,
            "--cert",
            common::td("demo-cert.pem"),
            "--subscription",
            SUB,
            "--offline",
            "--rdap-file",
            common::td("rdap/synthetic/ripe-good.json"),
            "--ripe-db-file",
            common::td("ripedb/inetnum-remarks.json"),
            "--vrps",
            ok.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec();
        if signed {
            a.extend([
                "--message".into(),
                msg.clone(),
                "--signature".into(),
                sig.clone(),
            ]);
        }
        a
    };
    let (code, last) = text(azure_args(true));
    assert_eq!(code, Some(0), "{last}");
    assert!(last.starts_with("READY: 0 failed"), "{last}");
    // The certificate alone: nothing failed, but the message and signature were not
    // checked: INCOMPLETE, exit 1, naming what to give.
    let (code, last) = text(azure_args(false));
    assert_eq!(code, Some(1), "{last}");
    assert_eq!(
        last,
        "INCOMPLETE: 0 failed, 0 warnings, 11 passed, 8 skipped; next: --message/--signature"
    );
    // Oracle: the token where Oracle reads it, a ROA for AS31898 ending far ahead.
    let oci_vrps = vrps_ext(dir.path(), "oci.csv", &[(31898, RIPE_CIDR, 24, far)]);
    let o = oci(&oci_vrps, &[]);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(0), "{r:#}");
    assert_eq!(r["ready"], true, "{r:#}");
    let (code, last) = text(oci_args(
        &oci_vrps,
        common::td("ripedb/oci-token.json"),
        &[],
    ));
    assert_eq!(code, Some(0), "{last}");
    assert!(last.starts_with("READY: 0 failed"), "{last}");
}

// ---------------------------------------------------------------------------------------
// Eligibility before the proof exists

/// Before the proof of control exists, each flow judges eligibility from saved evidence:
/// Azure without --cert/--key and BYOASN without them leave out the key's, certificate's
/// and message's checks; Oracle without --validation-token leaves out `oci.token`. Nothing
/// against the prefix (or ASN) reads `INCOMPLETE: eligible so far — …; next: …`, exit 1,
/// never READY; a failure among what ran is NOT READY.
#[test]
fn azure_oracle_and_byoasn_judge_eligibility_before_the_proof_exists() {
    let dir = common::tempdir();
    let far = now() + 400 * 86_400;
    let good = vrps(
        dir.path(),
        "good.csv",
        &[(8075, RIPE_CIDR, 24, far), (31898, RIPE_CIDR, 24, far)],
    );
    let short = vrps(
        dir.path(),
        "short.csv",
        &[
            (8075, "62.239.236.0/23", 23, far),
            (31898, "62.239.236.0/23", 23, far),
        ],
    );
    let cloud = |cloud: &str, ripe_db: &str, v: &Path, json: bool| {
        let mut a = vec![
            "check",
            "--cloud",
            cloud,
            "--cidr",
            RIPE_CIDR,
            "--offline",
            "--rdap-file",
            common::td("rdap/synthetic/ripe-good.json"),
            "--ripe-db-file",
            common::td(ripe_db),
            "--vrps",
            v.to_str().unwrap(),
        ];
        if json {
            a.push("--json");
        }
        byoip(&a)
    };
    let proof_azure = [
        "message.format",
        "message.cidr",
        "message.subscription",
        "message.expiry",
        "signature.local",
        "key.cert-match",
        "cert.validity",
        "cert.key-size",
        "cert.self-signed",
        "rdap.certificate",
        "rdap.signature",
    ];
    for (name, ripe_db, left, ran, last) in [
        (
            "azure",
            "ripedb/inetnum-remarks.json",
            &proof_azure[..],
            &["prefix.size", "rdap.registry", "rdap.record", "roa.as8075"][..],
            "INCOMPLETE: eligible so far — registry, prefix and ROAs pass; next: byoip keygen",
        ),
        (
            "oci",
            "ripedb/oci-token.json",
            &["oci.token"][..],
            &[
                "prefix.size",
                "rdap.registry",
                "rdap.allocation-type",
                "roa.as31898",
            ][..],
            "INCOMPLETE: eligible so far; next: import in OCI, then --validation-token",
        ),
    ] {
        let o = cloud(name, ripe_db, &good, true);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stdout(&o));
        let r = report(&o);
        assert_eq!(
            (&r["ok"], &r["ready"]),
            (&true.into(), &false.into()),
            "{name}"
        );
        for id in left {
            assert_eq!(status(&r, id), "skip", "{name} {id}");
            assert!(common::left_out(&r, id), "{name} {id}");
        }
        for id in ran {
            assert_eq!(status(&r, id), "pass", "{name} {id}: {}", message(&r, id));
        }
        let o = cloud(name, ripe_db, &good, false);
        assert_eq!(common::verdict(&stdout(&o)), last, "{}", stdout(&o));
        // A ROA that does not fit: NOT READY, the proof still left out.
        let o = cloud(name, ripe_db, &short, false);
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert!(
            out.lines()
                .last()
                .unwrap()
                .starts_with("NOT READY: 1 failed"),
            "{out}"
        );
        // The proof's checks share one row, naming each of them once.
        assert!(
            out.lines()
                .filter_map(|l| l.strip_prefix("skip  "))
                .any(|l| l
                    .split("  ")
                    .next()
                    .is_some_and(|ids| ids.split(", ").any(|id| id == left[left.len() - 1]))),
            "{out}"
        );
    }
    // BYOASN: the ASN and its record; no prefix, so no ROAs.
    let asn = |rdap: &str| {
        byoip(&[
            "check",
            "--asn",
            "397979",
            "--offline",
            "--rdap-file",
            common::td(rdap),
        ])
    };
    let o = asn("rdap/synthetic/arin-autnum-no-cert.json");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(
        common::verdict(&out),
        "INCOMPLETE: eligible so far — registry and ASN pass; next: byoip keygen",
        "{out}"
    );
    assert!(out.contains("skip  message.*, signature.local, key.cert-match, cert.*, rdap.certificate, rdap.signature\n                          eligibility only: no key, certificate or signed message yet\n"), "{out}");
    // Another ASN's record: rdap.autnum-record fails, NOT READY.
    let o = byoip(&[
        "check",
        "--asn",
        "397980",
        "--offline",
        "--rdap-file",
        common::td("rdap/synthetic/arin-autnum-no-cert.json"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .unwrap()
            .starts_with("NOT READY: 1 failed"),
        "{}",
        stdout(&o)
    );
}

/// Azure on a RIPE NCC record, offline with no saved RIPE Database object: the checks that
/// read `remarks:` did not run, and say what gives the object (`--ripe-db-file`) and what
/// saves it for this prefix (`byoip ripedb fetch`).
#[test]
fn azure_without_the_ripe_db_object_names_the_flag_and_the_fetch() {
    let o = byoip(&[
        "check",
        "--cloud",
        "azure",
        "--cidr",
        RIPE_CIDR,
        "--offline",
        "--rdap-file",
        common::td("rdap/synthetic/ripe-good.json"),
        "--cert",
        common::td("demo-cert.pem"),
        "--subscription",
        "00000000-0000-0000-0000-000000000000",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let want = format!("--ripe-db-file FILE; `byoip ripedb fetch --cidr {RIPE_CIDR} --out FILE`");
    for id in ["key.cert-match", "rdap.certificate"] {
        let c = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        assert_eq!(c["status"], "not-run", "{c}");
        assert_eq!(c["hint"], want.as_str(), "{c}");
    }
}

/// A registry's placeholder for space it does not manage, and a record that does not say
/// which registry holds it: what to do is to ask the registry's own RDAP server, which the
/// CLI names by its flag.
#[test]
fn a_record_of_no_known_registry_names_the_rdap_server_flag() {
    let d = common::tempdir();
    let good: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::td("rdap/synthetic/arin-good.json")).unwrap(),
    )
    .unwrap();
    let run = |edit: &dyn Fn(&mut serde_json::Value), id: &str| {
        let mut doc = good.clone();
        edit(&mut doc);
        let path = d.path().join("rdap.json");
        std::fs::write(&path, doc.to_string()).unwrap();
        let o = byoip(&[
            "check",
            "--cidr",
            "192.198.0.0/24",
            "--offline",
            "--rdap-file",
            path.to_str().unwrap(),
            "--json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let stub = run(&|doc| doc["name"] = "IANA-BLK".into(), "rdap.record");
    assert_eq!(stub["status"], "fail", "{stub}");
    assert!(
        stub["hint"]
            .as_str()
            .unwrap()
            .ends_with("may still name the old one (--rdap-url)"),
        "{stub}"
    );
    let unknown = run(
        &|doc| {
            let o = doc.as_object_mut().unwrap();
            for k in ["port43", "links", "handle", "parentHandle", "entities"] {
                o.remove(k);
            }
        },
        "rdap.registry",
    );
    assert_eq!(unknown["status"], "warn", "{unknown}");
    assert!(
        unknown["hint"].as_str().unwrap().ends_with("(--rdap-url)"),
        "{unknown}"
    );
}
