//! `byoip clouds` and `check --cloud`: the per-cloud table as printed, and the checks
//! each cloud's rules add.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use byoip::{Cloud, Proof};
use common::{byoip, message, report, status, stdout};

#[test]
fn clouds_json_is_the_table() {
    let o = byoip(&["clouds", "--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let got: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let want: Vec<serde_json::Value> = Cloud::ALL
        .iter()
        .map(|c| serde_json::to_value(c.profile()).unwrap())
        .collect();
    assert_eq!(got["clouds"], serde_json::Value::Array(want));
}

#[test]
fn clouds_text_shows_every_fact_of_every_row() {
    let o = byoip(&["clouds"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = stdout(&o);
    for c in Cloud::ALL {
        let p = c.profile();
        let block = text
            .split("\n\n")
            .find(|b| b.starts_with(&format!("{}  ", p.name)))
            .unwrap_or_else(|| panic!("no block for {c}:\n{text}"));
        assert!(block.contains(p.title), "{block}");
        match &p.proof {
            Proof::SignedMessage {
                message,
                scheme,
                encoding,
            } => {
                assert!(block.contains(message), "{block}");
                assert!(block.contains(&scheme.to_string()), "{block}");
                assert!(block.contains(&encoding.to_string()), "{block}");
            }
            Proof::RegistryToken { line } => assert!(block.contains(line), "{block}"),
            _ => panic!("a proof kind the test does not know"),
        }
        for asn in p.roa.origins.iter().chain(p.roa.gov_origins) {
            assert!(block.contains(&format!("AS{asn}")), "{block}");
        }
        for r in p.roa.regional_origins {
            assert!(
                block.contains(&format!("{} (--region {}): AS{}", r.name, r.region, r.asn)),
                "{block}"
            );
        }
        for place in p.placement {
            let line = format!("{} — {}", place.field, place.how);
            assert!(
                block
                    .lines()
                    .any(|l| l.trim_start().starts_with(&place.registry.to_string())
                        && l.ends_with(&line)),
                "{c} {}: {block}",
                place.registry
            );
        }
        for code in p.failure_codes {
            assert!(block.contains(code), "{block}");
        }
        for s in p.sources {
            assert!(block.contains(s), "{block}");
        }
        assert!(block.contains(p.quota), "{block}");
        assert!(block.contains(p.sizes.note), "{block}");
        let (v4, v6) = (p.sizes.ipv4.1, p.sizes.ipv6.1);
        assert!(
            block.contains("IPv4 /") && block.contains(&format!("/{v4}")),
            "{block}"
        );
        assert!(
            block.contains("IPv6 /") && block.contains(&format!("/{v6}")),
            "{block}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// check --cloud oci

const TOKEN: &str = "ocid-demo-7f3a9c2e51d84b6f";
const CLOUD_VRPS: &str = "vrp/synthetic-clouds.csv";

/// `check --cloud oci --offline` on 62.239.237.0/24 (RIPE NCC) with a RIPE Database answer.
fn oci_ripe(ripe_db: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "check",
        "--cloud",
        "oci",
        "--cidr",
        "62.239.237.0/24",
        "--offline",
        "--rdap-file",
        common::td("rdap/synthetic/ripe-good.json"),
        "--vrps",
        common::td(CLOUD_VRPS),
        "--json",
    ];
    let db = format!("ripedb/{ripe_db}");
    args.extend(["--ripe-db-file", common::td(&db)]);
    if !extra.contains(&"--validation-token") {
        args.extend(["--validation-token", TOKEN]);
    }
    args.extend(extra);
    byoip(&args)
}

/// Offline without the ROAs and the RIPE Database object, the note names the commands
/// that save each (`roa fetch` with the check's cloud and region, `ripedb fetch`), not
/// "a Routinator export" and "the object saved as the manual shows" alone.
#[test]
fn offline_without_roas_or_ripe_db_names_the_fetches_that_save_them() {
    for (cloud, extra, roa) in [
        ("azure", &[][..], "--cloud azure"),
        (
            "oci",
            &["--validation-token", TOKEN, "--region", "eu-jovanovac-1"][..],
            "--cloud oci --region eu-jovanovac-1",
        ),
    ] {
        let mut args = vec![
            "check",
            "--cloud",
            cloud,
            "--cidr",
            "62.239.237.0/24",
            "--offline",
            "--rdap-file",
            common::td("rdap/synthetic/ripe-good.json"),
        ];
        args.extend(extra);
        let o = byoip(&args);
        assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
        assert_eq!(
            common::stderr(&o).trim_end(),
            format!(
                "note: the ROA and RIPE Database checks did not run offline: save the ROAs with `byoip roa fetch --cidr 62.239.237.0/24 {roa} --out vrps.csv` and the RIPE Database object with `byoip ripedb fetch --cidr 62.239.237.0/24 --out ripe.json` where the network works, then run with `--offline --vrps vrps.csv --ripe-db-file ripe.json` (--vrps also reads a Routinator or rpki-client export)"
            )
        );
    }
}

#[test]
fn oci_the_token_line_in_descr_and_a_long_lived_roa_is_ready() {
    let o = oci_ripe("oci-token.json", &[]);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(0), "{r:#}");
    assert_eq!(r["ready"], true, "{r:#}");
    assert_eq!(status(&r, "oci.token"), "pass");
    assert!(
        message(&r, "oci.token").contains("OCITOKEN::62.239.237.0/24:ocid-demo-7f3a9c2e51d84b6f")
    );
    assert_eq!(status(&r, "roa.as31898"), "pass");
    assert!(
        message(&r, "roa.as31898").contains("valid until at least 2100-01-01"),
        "{r:#}"
    );
    let ids = common::check_ids(&r);
    let want = common::documented_ids(
        byoip::check::check_ids(Cloud::Oci),
        &["roa.as31898", "roa.current-origin"],
    );
    assert_eq!(ids, want);
}

#[test]
fn oci_the_consoles_full_line_is_taken_as_the_token() {
    let line = format!("OCITOKEN::62.239.237.0/24:{TOKEN}");
    let o = oci_ripe("oci-token.json", &["--validation-token", &line]);
    assert_eq!(status(&report(&o), "oci.token"), "pass");
    let o = oci_ripe(
        "oci-token.json",
        &[
            "--validation-token",
            &format!("OCITOKEN::62.239.236.0/24:{TOKEN}"),
        ],
    );
    let r = report(&o);
    assert_eq!(status(&r, "oci.token"), "fail");
    assert!(message(&r, "oci.token").contains("another CIDR"), "{r:#}");
}

#[test]
fn oci_near_misses_are_named() {
    for (file, needle) in [
        ("oci-token-raw.json", "without its OCITOKEN::CIDR: prefix"),
        ("oci-token-other-cidr.json", "another CIDR, 62.239.236.0/24"),
        ("oci-token-remarks.json", "a field Oracle does not read"),
    ] {
        let o = oci_ripe(file, &[]);
        let r = report(&o);
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert_eq!(status(&r, "oci.token"), "fail", "{file}");
        assert!(message(&r, "oci.token").contains(needle), "{file}: {r:#}");
        assert!(
            common::check_field(&r, "oci.token", "hint")
                .contains("OCITOKEN::62.239.237.0/24:ocid-demo-7f3a9c2e51d84b6f"),
            "{file}"
        );
    }
    // Another token than the one given.
    let o = oci_ripe("oci-token.json", &["--validation-token", "a-newer-token"]);
    assert!(message(&report(&o), "oci.token").contains("another token"));
}

#[test]
fn oci_no_token_line_fails_and_says_where_it_goes() {
    let o = oci_ripe("inetnum-none.json", &[]);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        message(&r, "oci.token").contains("no OCITOKEN line"),
        "{r:#}"
    );
    assert!(common::check_field(&r, "oci.token", "hint").contains("descr:"));
}

#[test]
fn oci_at_arin_reads_public_comments_not_the_organizations() {
    let run = |file: &str| {
        report(&byoip(&[
            "check",
            "--cloud",
            "oci",
            "--cidr",
            "192.198.0.0/24",
            "--offline",
            "--rdap-file",
            common::td(file),
            "--vrps",
            common::td(CLOUD_VRPS),
            "--validation-token",
            TOKEN,
            "--json",
        ]))
    };
    let good = run("rdap/synthetic/arin-oci-token.json");
    assert_eq!(status(&good, "oci.token"), "pass", "{good:#}");
    assert_eq!(good["ok"], true, "{good:#}");
    let org = run("rdap/synthetic/arin-oci-token-org.json");
    assert_eq!(status(&org, "oci.token"), "fail");
    assert!(
        message(&org, "oci.token").contains("organization"),
        "{org:#}"
    );
}

#[test]
fn oci_roa_expiry_is_judged_when_the_source_gives_it() {
    let dir = common::tempdir();
    let soon = common::now().timestamp() + 30 * 86_400;
    // Routinator's csvext: the ROA's own end.
    let short = dir.path().join("short.csv");
    let end = chrono::DateTime::from_timestamp(soon, 0)
        .unwrap()
        .to_rfc3339();
    std::fs::write(
        &short,
        format!("URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://rpki.example/a.roa,AS31898,62.239.237.0/24,24,2020-01-01T00:00:00Z,{end}\n"),
    )
    .unwrap();
    let plain = dir.path().join("plain.csv");
    std::fs::write(
        &plain,
        "ASN,IP Prefix,Max Length,Trust Anchor\nAS31898,62.239.237.0/24,24,ripe\n",
    )
    .unwrap();
    let with = |vrps: &std::path::Path| {
        report(&byoip(&[
            "check",
            "--cloud",
            "oci",
            "--cidr",
            "62.239.237.0/24",
            "--offline",
            "--rdap-file",
            common::td("rdap/synthetic/ripe-good.json"),
            "--ripe-db-file",
            common::td("ripedb/oci-token.json"),
            "--vrps",
            vrps.to_str().unwrap(),
            "--validation-token",
            TOKEN,
            "--json",
        ]))
    };
    let r = with(&short);
    assert_eq!(status(&r, "roa.as31898"), "fail");
    assert!(message(&r, "roa.as31898").contains("six months"), "{r:#}");
    let r = with(&plain);
    assert_eq!(status(&r, "roa.as31898"), "not-run");
    assert!(
        message(&r, "roa.as31898").contains("gives no expiry"),
        "{r:#}"
    );
}

#[test]
fn oci_serbia_central_needs_as14544() {
    let o = oci_ripe("oci-token.json", &["--region", "eu-jovanovac-1"]);
    let r = report(&o);
    assert_eq!(status(&r, "roa.as14544"), "pass", "{r:#}");
    assert!(
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "roa.as31898")
    );
}

#[test]
fn oci_refuses_what_belongs_to_other_clouds() {
    for (args, needle) in [
        (
            vec!["--cert", common::td("demo-cert.pem")],
            "--cert/--key/--message/--signature does not apply to --cloud oci",
        ),
        (
            vec!["--account", "123456789012"],
            "--account does not apply",
        ),
        (vec!["--govcloud"], "--govcloud does not apply"),
        // Oracle's government realms, whose ASN byoip does not have, as --govcloud.
        (
            vec!["--region", "us-langley-1"],
            "region us-langley-1 is in one of Oracle's government realms, whose BGP ASN is on a page byoip does not have",
        ),
        (
            vec!["--region", "us-luke-1"],
            "region us-luke-1 is in one of Oracle's government realms",
        ),
        (
            vec!["--region", "us-gov-phoenix-1"],
            "region us-gov-phoenix-1 is in one of Oracle's government realms",
        ),
    ] {
        let mut a = vec![
            "check",
            "--cloud",
            "oci",
            "--cidr",
            "62.239.237.0/24",
            "--validation-token",
            TOKEN,
            "--offline",
        ];
        a.extend(args);
        let o = byoip(&a);
        common::assert_one_line_error(&o, needle);
        assert_eq!(o.status.code(), Some(2));
    }
    let o = byoip(&[
        "check",
        "--cloud",
        "oci",
        "--cidr",
        "62.239.237.0/24",
        "--offline",
    ]);
    // Without a token (before Oracle issued one) it judges eligibility alone, never an
    // error: here offline without evidence, so the registry checks did not run.
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let out = common::stdout(&o);
    assert!(
        out.lines().last().unwrap().starts_with("INCOMPLETE: "),
        "{out}"
    );
    let o = byoip(&[
        "check",
        "--cidr",
        "62.239.237.0/24",
        "--cert",
        common::td("demo-cert.pem"),
        "--validation-token",
        TOKEN,
        "--offline",
    ]);
    common::assert_one_line_error(&o, "add --cloud azure or --cloud oci");
}

// ---------------------------------------------------------------------------------------
// check --cloud azure

const SUB: &str = "6f1e7d2c-1b3a-4c5d-8e9f-0a1b2c3d4e5f";

/// Azure's message for `cidr`, signed with the demo key as Azure's recipe does.
fn azure_signed(cidr: &str) -> (String, String) {
    common::azure_signed(SUB, cidr, "20991231")
}

fn azure(cidr: &str, rdap: &str, extra: &[&str]) -> serde_json::Value {
    let (msg, sig) = azure_signed(cidr);
    let mut a = vec![
        "check",
        "--cloud",
        "azure",
        "--cidr",
        cidr,
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
        common::td(rdap),
        "--vrps",
        common::td(CLOUD_VRPS),
        "--json",
    ];
    a.extend(extra);
    report(&byoip(&a))
}

#[test]
fn azure_a_ripe_certificate_in_remarks_passes_and_in_descr_fails_with_azures_code() {
    let good = azure(
        "62.239.237.0/24",
        "rdap/synthetic/ripe-good.json",
        &["--ripe-db-file", common::td("ripedb/inetnum-remarks.json")],
    );
    assert_eq!(good["ok"], true, "{good:#}");
    assert!(
        message(&good, "rdap.certificate").contains("remarks: of inetnum"),
        "{good:#}"
    );
    assert_eq!(status(&good, "rdap.signature"), "pass");
    assert_eq!(status(&good, "roa.as8075"), "pass");
    let ids = common::check_ids(&good);
    let want = common::documented_ids(
        byoip::check::check_ids(Cloud::Azure),
        &["roa.as8075", "roa.current-origin"],
    );
    assert_eq!(ids, want);

    let descr = azure(
        "62.239.237.0/24",
        "rdap/synthetic/ripe-good.json",
        &["--ripe-db-file", common::td("ripedb/inetnum-descr.json")],
    );
    assert_eq!(descr["ok"], false);
    assert_eq!(status(&descr, "rdap.certificate"), "fail");
    assert_eq!(
        common::check_field(&descr, "rdap.certificate", "code"),
        "CannotParseValidCertificateFromRIRPage"
    );
    // The certificate holding the key sits only where AWS reads: no match for Azure.
    assert_eq!(status(&descr, "key.cert-match"), "fail", "{descr:#}");
    assert!(
        message(&descr, "key.cert-match").contains("which Azure does not read"),
        "{descr:#}"
    );
    assert!(
        common::check_field(&descr, "key.cert-match", "hint").contains("Azure reads remarks:"),
        "{descr:#}"
    );
    // One certificate in two places (RDAP's descr: remark and the database's descr:) is
    // listed once, with both places.
    let listed: Vec<String> =
        serde_json::from_str(&common::check_details(&descr, "rdap.certificate")).unwrap();
    assert_eq!(listed.len(), 1, "{listed:#?}");
    let line = &listed[0];
    assert!(
        line.contains("untitled network remark") && line.contains("descr: of inetnum"),
        "{line}"
    );
    // In both lines: the match named is the one Azure reads.
    let both = azure(
        "62.239.237.0/24",
        "rdap/synthetic/ripe-good.json",
        &["--ripe-db-file", common::td("ripedb/inetnum-both.json")],
    );
    assert_eq!(both["ok"], true, "{both:#}");
    assert!(
        message(&both, "key.cert-match").contains("remarks: of inetnum"),
        "{both:#}"
    );
    let line = common::check_details(&both, "rdap.certificate");
    assert!(
        line.contains("descr: of inetnum 62.239.237.0 - 62.239.237.255: read by AWS, Oracle")
            && line.contains("remarks: of inetnum 62.239.237.0 - 62.239.237.255: read by Azure"),
        "{line}"
    );
    assert_eq!(
        line.matches("the same certificate in the").count(),
        2,
        "{line}"
    );
    assert!(
        message(&descr, "rdap.certificate").contains("CannotParseValidCertificateFromRIRPage"),
        "{descr:#}"
    );
    let hint = common::check_field(&descr, "rdap.certificate", "hint");
    assert!(
        hint.contains("AWS reads descr:") && hint.contains("Azure reads remarks:"),
        "{hint}"
    );
    assert!(
        hint.contains("on a descr: line and a remarks: line"),
        "{hint}"
    );
}

#[test]
fn azure_at_ripe_without_the_database_is_not_run_not_passed() {
    let r = azure("62.239.237.0/24", "rdap/synthetic/ripe-good.json", &[]);
    assert_eq!(status(&r, "rdap.certificate"), "not-run", "{r:#}");
    assert!(message(&r, "rdap.certificate").contains("does not show remarks:"));
    // The copy in descr: is no match for Azure, and remarks: were not seen: not run.
    assert_eq!(status(&r, "key.cert-match"), "not-run", "{r:#}");
    assert_eq!(r["complete"], false);
}

#[test]
fn azure_roas_must_match_exactly_and_lacnic_is_a_support_ticket() {
    // ARIN: the certificate in Public Comments, the ROA for AS8075 a covering /22.
    let r = azure("192.198.0.0/24", "rdap/synthetic/arin-good.json", &[]);
    assert_eq!(status(&r, "rdap.certificate"), "pass", "{r:#}");
    assert_eq!(status(&r, "roa.as8075"), "fail");
    assert!(
        message(&r, "roa.as8075").contains("InvalidPrefixLengthInROA"),
        "{r:#}"
    );
    // US Government: AS8070, which no ROA names.
    let r = azure(
        "192.198.0.0/24",
        "rdap/synthetic/arin-good.json",
        &["--govcloud"],
    );
    assert!(message(&r, "roa.as8070").contains("ROANotFound"), "{r:#}");
    // LACNIC: Azure takes it by support ticket, a step byoip cannot see done: left out,
    // never ready, and no Azure failure code (RIRNotSupport is for registries Azure does
    // not know at all).
    let r = azure("200.57.141.0/24", "rdap/lacnic_200_57_141_161.json", &[]);
    assert_eq!(status(&r, "rdap.registry"), "skip", "{r:#}");
    assert_eq!(
        message(&r, "rdap.registry"),
        "LACNIC space: create a support ticket with Microsoft"
    );
    let registry = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "rdap.registry")
        .unwrap();
    assert_eq!(registry["left_out"], true, "{registry}");
    assert_eq!(r["ready"], false);
    let hint = common::check_field(&r, "rdap.registry", "hint");
    assert!(
        hint.starts_with("LACNIC space: create a support ticket with Microsoft; LACNIC prefixes can only be used in South American Azure regions"),
        "{hint}"
    );
    assert!(
        hint.contains("PrefixRegisteredInAfricaAndSouthAmericaNotAllowedInOtherRegion"),
        "{hint}"
    );
    assert!(
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("code").is_none() || c["id"] == "roa.as8075"),
        "{r:#}"
    );
    assert!(!r.to_string().contains("RIRNotSupport"), "{r:#}");
    // AFRINIC: read as any registry, with the hint that its space stays in Africa.
    let r = azure("196.11.240.0/24", "rdap/afrinic_196_11_240_215.json", &[]);
    assert_eq!(status(&r, "rdap.registry"), "pass", "{r:#}");
    let hint = common::check_field(&r, "rdap.registry", "hint");
    assert!(
        hint.starts_with("AFRINIC prefixes can only be used in African Azure regions"),
        "{hint}"
    );
    // Elsewhere, no such hint.
    let r = azure("192.198.0.0/24", "rdap/synthetic/arin-good.json", &[]);
    assert_eq!(common::check_field(&r, "rdap.registry", "hint"), "");
}

#[test]
fn azure_message_mistakes_carry_azures_codes() {
    let (msg, sig) = azure_signed("62.239.237.0/24");
    let run = |m: &str, s: &str, sub: &str| {
        report(&byoip(&[
            "check",
            "--cloud",
            "azure",
            "--cidr",
            "62.239.237.0/24",
            "--cert",
            common::td("demo-cert.pem"),
            "--message",
            m,
            "--signature",
            s,
            "--subscription",
            sub,
            "--local-only",
            "--json",
        ]))
    };
    // PSS-signed (AWS's scheme) instead of v1.5.
    let data = std::fs::read(common::testdata("demo-key.pem")).unwrap();
    let (key, _) = byoip::key::SigningKey::from_bytes(&data, byoip::key::Passphrase::None).unwrap();
    let pss = byoip::encoding::encode_as(
        byoip::Encoding::Base64,
        &byoip::signature::sign_bytes(&key, msg.as_bytes()).unwrap(),
    );
    let r = run(&msg, &pss, SUB);
    assert_eq!(status(&r, "signature.local"), "fail");
    assert!(
        message(&r, "signature.local").contains("CustomerSignatureNotVerified"),
        "{r:#}"
    );
    assert_eq!(
        common::check_field(&r, "signature.local", "code"),
        "CustomerSignatureNotVerified"
    );
    // Another subscription.
    let r = run(&msg, &sig, "00000000-0000-0000-0000-000000000001");
    assert_eq!(status(&r, "message.subscription"), "fail", "{r:#}");
    // AWS's message given to Azure.
    let r = run(common::MSG, &sig, SUB);
    assert!(
        message(&r, "message.format").contains("AuthMessageFormatInvalid"),
        "{r:#}"
    );
    assert_eq!(
        common::check_field(&r, "message.format", "code"),
        "AuthMessageFormatInvalid"
    );
    // The message for another prefix.
    let (other, other_sig) = azure_signed("62.239.236.0/24");
    let r = run(&other, &other_sig, SUB);
    assert!(
        message(&r, "message.cidr").contains("CIDRInAuthorizationMessageNotMatchCustomerIP"),
        "{r:#}"
    );
    // --local-only: the registry and ROA checks are skipped, never passed.
    assert_eq!(status(&r, "rdap.certificate"), "skip");
    assert_eq!(status(&r, "roa.as8075"), "skip");
}

// ---------------------------------------------------------------------------------------
// Online: the RIPE Database read over HTTP from a loopback server.

#[test]
fn azure_online_reads_the_ripe_database_and_a_failure_is_not_run_with_exit_2() {
    use common::httpd::{Reply, Server};
    let start = |db: Option<&'static str>| {
        let rdap =
            std::fs::read_to_string(common::testdata("rdap/synthetic/ripe-good.json")).unwrap();
        let object = db.map(|f| std::fs::read_to_string(common::testdata(f)).unwrap());
        Server::start(move |path, _| {
            if path == "/rdap/ip/62.239.237.0/24" {
                return Reply::json(200, rdap.clone());
            }
            if path == "/db/ripe/inetnum/62.239.237.0%20-%2062.239.237.255" {
                return match &object {
                    Some(o) => Reply::json(200, o.clone()),
                    None => Reply::status(503),
                };
            }
            Reply::status(404)
        })
    };
    let (msg, sig) = azure_signed("62.239.237.0/24");
    let run = |server: &Server| {
        let rdap = format!("{}/rdap/", server.base);
        let db = format!("{}/db/", server.base);
        byoip(&[
            "check",
            "--cloud",
            "azure",
            "--cidr",
            "62.239.237.0/24",
            "--cert",
            common::td("demo-cert.pem"),
            "--message",
            &msg,
            "--signature",
            &sig,
            "--subscription",
            SUB,
            "--no-cache",
            "--retries",
            "0",
            "--rdap-url",
            &rdap,
            "--ripe-db-url",
            &db,
            "--vrps",
            common::td(CLOUD_VRPS),
            "--json",
        ])
    };
    let server = start(Some("ripedb/inetnum-remarks.json"));
    let o = run(&server);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(0), "{r:#}\n{}", common::stderr(&o));
    assert!(
        message(&r, "rdap.certificate").contains("remarks: of inetnum"),
        "{r:#}"
    );
    assert_eq!(server.hits("/db/ripe/inetnum/"), 1);

    let down = start(None);
    let o = run(&down);
    let r = report(&o);
    assert_eq!(o.status.code(), Some(2), "{r:#}");
    assert_eq!(status(&r, "rdap.certificate"), "not-run");
    assert!(
        message(&r, "rdap.certificate").contains("HTTP 503"),
        "{r:#}"
    );
    let err = common::stderr(&o);
    assert!(
        err.starts_with("error: ")
            && err.contains("did not run")
            && err.trim_end().lines().count() == 1,
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// batch check: a manifest's cloud

/// Runs byoip in `dir` (where the manifest is) with no passphrase or RDAP settings.
fn in_dir(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let cache = dir.join(".cache");
    common::byoip_command(args, &[("BYOIP_CACHE_DIR", cache.to_str().unwrap())])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn prefix_report<'a>(j: &'a serde_json::Value, cidr: &str) -> &'a serde_json::Value {
    j["prefixes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["cidr"] == cidr)
        .unwrap_or_else(|| panic!("no {cidr}: {j:#}"))
}

#[test]
fn batch_check_judges_an_oracle_manifest_by_oracles_rules() {
    let d = common::tempdir();
    let td = |f: &str| common::testdata(f).display().to_string();
    std::fs::write(
        d.path().join("byoip.toml"),
        format!(
            "cloud = \"oci\"\nvrps = \"{}\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\nvalidation_token = \"{TOKEN}\"\nrdap_file = \"{}\"\nripe_db_file = \"{}\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\nvalidation_token = \"{TOKEN}\"\nrdap_file = \"{}\"\n",
            td(CLOUD_VRPS),
            td("rdap/synthetic/ripe-good.json"),
            td("ripedb/oci-token.json"),
            td("rdap/synthetic/arin-oci-token-org.json"),
        ),
    )
    .unwrap();
    let o = in_dir(d.path(), &["batch", "check", "--offline", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ripe = prefix_report(&j, "62.239.237.0/24");
    assert_eq!(ripe["ok"], true, "{ripe:#}");
    assert_eq!(status(ripe, "oci.token"), "pass");
    assert_eq!(status(ripe, "roa.as31898"), "pass");
    let arin = prefix_report(&j, "192.198.0.0/24");
    assert_eq!(status(arin, "oci.token"), "fail");
    assert!(
        message(arin, "oci.token").contains("organization"),
        "{arin:#}"
    );
    // Nothing to sign for Oracle.
    let o = in_dir(d.path(), &["batch", "sign"]);
    common::assert_one_line_error(&o, "nothing to sign");
}

#[test]
fn batch_check_judges_an_azure_manifest_by_azures_rules() {
    let d = common::tempdir();
    let td = |f: &str| common::testdata(f).display().to_string();
    let (msg, sig) = azure_signed("62.239.237.0/24");
    std::fs::write(
        d.path().join("contexts.json"),
        serde_json::json!([{ "cidr": "62.239.237.0/24", "message": msg, "signature": sig }])
            .to_string(),
    )
    .unwrap();
    std::fs::write(
        d.path().join("byoip.toml"),
        format!(
            "cloud = \"azure\"\nsubscription = \"{SUB}\"\nexpires = \"20991231\"\ncert = \"{}\"\ncontexts = \"contexts.json\"\nvrps = \"{}\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\nrdap_file = \"{}\"\nripe_db_file = \"{}\"\n",
            td("demo-cert.pem"),
            td(CLOUD_VRPS),
            td("rdap/synthetic/ripe-good.json"),
            td("ripedb/inetnum-remarks.json"),
        ),
    )
    .unwrap();
    let o = in_dir(d.path(), &["batch", "check", "--offline", "--json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(0), "{j:#}{}", common::stderr(&o));
    let p = prefix_report(&j, "62.239.237.0/24");
    assert_eq!(status(p, "rdap.signature"), "pass", "{p:#}");
    assert_eq!(status(p, "roa.as8075"), "pass");
    assert_eq!(status(p, "message.subscription"), "pass");
}

#[test]
fn oracles_manifest_keys_are_refused_elsewhere_and_required_there() {
    let d = common::tempdir();
    let write = |body: &str| std::fs::write(d.path().join("byoip.toml"), body).unwrap();
    write(
        "account = \"123456789012\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\nvalidation_token = \"t\"\n",
    );
    let o = in_dir(d.path(), &["batch", "check", "--offline"]);
    common::assert_one_line_error(
        &o,
        "line 5: validation_token does not apply to a manifest for aws",
    );
    write("cloud = \"oci\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\n");
    let o = in_dir(d.path(), &["batch", "check", "--offline"]);
    common::assert_one_line_error(&o, "62.239.237.0/24 has no validation_token");
    write(
        "cloud = \"oci\"\naccount = \"123456789012\"\n\n[[prefix]]\ncidr = \"62.239.237.0/24\"\nvalidation_token = \"t\"\n",
    );
    let o = in_dir(d.path(), &["batch", "check", "--offline"]);
    common::assert_one_line_error(&o, "account does not apply to a manifest for oci");
}
