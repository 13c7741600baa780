//! The JSON of every command that prints it: each output's shape (its key paths) and its
//! bytes (serde_json's pretty form, keys in alphabetical order), so that how the output is
//! built can change without the output changing.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, path::Path};

use common::{
    MSG, PASS, byoip, byoip_env, key_paths, sh, sorted_json, stderr, stdout, td, tempdir,
};

const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";

fn paths(v: &serde_json::Value) -> String {
    key_paths(v).join(" ")
}

/// Runs byoip expecting `code`, and reads its stdout as sorted JSON.
fn json_of(args: &[&str], code: i32) -> serde_json::Value {
    let o = byoip_env(args, &[("BYOIP_PASSPHRASE", PASS)]);
    assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
    sorted_json(&stdout(&o))
}

/// The demo key's signature of `message`.
fn signature_of(message: &str) -> String {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        message,
        "--format",
        "signature",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

/// `verify --json` of `message` and `signature` under the demo certificate, exiting `code`.
fn verify_of(message: &str, signature: &str, code: i32) -> serde_json::Value {
    json_of(
        &[
            "verify",
            "--cert",
            td("demo-cert.pem"),
            "--message",
            message,
            "--signature",
            signature,
            "--json",
        ],
        code,
    )
}

#[test]
fn message_json() {
    let v = json_of(
        &[
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20271231",
            "--json",
        ],
        0,
    );
    assert_eq!(
        v,
        serde_json::json!({"account": "123456789012", "asn": null, "cidr": "198.51.100.0/24", "cloud": "aws",
            "expires": "20271231", "message": MSG, "subscription": null})
    );
    let v = json_of(
        &[
            "message",
            "--cloud",
            "azure",
            "--subscription",
            SUB,
            "--cidr",
            "130.137.245.0/24",
            "--expires",
            "20271231",
            "--json",
        ],
        0,
    );
    assert_eq!(
        v,
        serde_json::json!({"account": null, "asn": null, "cidr": "130.137.245.0/24", "cloud": "azure",
            "expires": "20271231", "message": format!("{SUB}|130.137.245.0/24|20271231"), "subscription": SUB})
    );
}

#[test]
fn lint_json() {
    let v = json_of(
        &[
            "lint",
            "--json",
            "1|aws|12345678901|198.51.100.0/24|20201231|SHA256|RSAPSS",
        ],
        1,
    );
    assert_eq!(
        paths(&v),
        "findings findings[].hint findings[].id findings[].message findings[].severity ok"
    );
    assert_eq!(v["ok"], false);
    assert_eq!(v["findings"][0]["id"], "message.account");
    let v = json_of(
        &[
            "lint",
            "--json",
            "--cloud",
            "azure",
            &format!("{SUB}|198.51.100.0/24|2027-12-31"),
        ],
        1,
    );
    assert_eq!(
        paths(&v),
        "findings findings[].code findings[].hint findings[].id findings[].message findings[].severity ok"
    );
}

#[test]
fn sign_json() {
    let v = json_of(
        &[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--message",
            MSG,
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(
        paths(&v),
        "account asn cidr cloud context expires key_bits message signature spki_sha256 subscription"
    );
    assert_eq!(v["message"], MSG);
    let v = json_of(
        &[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--cloud",
            "azure",
            "--subscription",
            SUB,
            "--cidr",
            "130.137.245.0/24",
            "--expires",
            "20271231",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(
        paths(&v),
        "account asn cidr cloud context expires key_bits message signature spki_sha256 subscription"
    );
}

#[test]
fn verify_json() {
    let sig = &signature_of(MSG);
    let v = verify_of(MSG, sig, 0);
    assert_eq!(
        paths(&v),
        "account asn certificate certificate.days_left certificate.expired certificate.issuer certificate.key_algorithm certificate.key_bits certificate.not_after certificate.not_before certificate.not_yet_valid certificate.self_issued certificate.self_signature_valid certificate.serial certificate.signature_algorithm certificate.spki_sha256 certificate.subject cidr cloud diagnosis expires key_bits lint lint[].hint lint[].id lint[].message lint[].severity message ok refusals refusals[].id refusals[].message signature signature_bytes spki_sha256 subscription valid"
    );
    assert_eq!(v["valid"], true);
    // Not valid (the message changed), with lint findings and refusals.
    let other = "1|aws|000000000000|198.51.100.0/24|20201231|SHA256|RSAPSS";
    let v = verify_of(other, sig, 1);
    assert_eq!(
        paths(&v),
        "account asn certificate certificate.days_left certificate.expired certificate.issuer certificate.key_algorithm certificate.key_bits certificate.not_after certificate.not_before certificate.not_yet_valid certificate.self_issued certificate.self_signature_valid certificate.serial certificate.signature_algorithm certificate.spki_sha256 certificate.subject cidr cloud diagnosis diagnosis[].hint diagnosis[].id diagnosis[].message expires key_bits lint lint[].hint lint[].id lint[].message lint[].severity message ok refusals refusals[].id refusals[].message signature signature_bytes spki_sha256 subscription valid"
    );
    assert_eq!(v["valid"], false);
    // The message with a trailing newline: a diagnosis.
    let v = verify_of(&format!("{MSG}\n"), sig, 1);
    assert_eq!(
        paths(&v),
        "account asn certificate certificate.days_left certificate.expired certificate.issuer certificate.key_algorithm certificate.key_bits certificate.not_after certificate.not_before certificate.not_yet_valid certificate.self_issued certificate.self_signature_valid certificate.serial certificate.signature_algorithm certificate.spki_sha256 certificate.subject cidr cloud diagnosis diagnosis[].hint diagnosis[].id diagnosis[].message expires key_bits lint lint[].hint lint[].id lint[].message lint[].severity message ok refusals refusals[].id refusals[].message signature signature_bytes spki_sha256 subscription valid"
    );
}

#[test]
fn verify_json_of_azure_names_its_codes() {
    let az = format!("{SUB}|130.137.245.0/24|20271231");
    let sig = signature_of(&az);
    // Another subscription's message with a dashed date: not valid, refused with Azure's codes.
    let other = "00000000-0000-0000-0000-000000000000|130.137.245.0/24|2027-12-31";
    let v = verify_of(other, &sig, 1);
    assert_eq!(
        paths(&v),
        "account asn certificate certificate.days_left certificate.expired certificate.issuer certificate.key_algorithm certificate.key_bits certificate.not_after certificate.not_before certificate.not_yet_valid certificate.self_issued certificate.self_signature_valid certificate.serial certificate.signature_algorithm certificate.spki_sha256 certificate.subject cidr cloud diagnosis diagnosis[].code diagnosis[].hint diagnosis[].id diagnosis[].message expires key_bits lint lint[].code lint[].hint lint[].id lint[].message lint[].severity message ok refusals refusals[].code refusals[].id refusals[].message signature signature_bytes spki_sha256 subscription valid"
    );
}

#[test]
fn keygen_and_cert_json() {
    let d = tempdir();
    let key = d.path().join("k.pem");
    let key = key.to_str().unwrap();
    let o = byoip(&["keygen", "--out", key, "--no-encrypt", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(!text.contains("PRIVATE"), "{text}");
    let v = sorted_json(&text);
    assert_eq!(paths(&v), "encrypted key_bits path spki_sha256");
    assert_eq!(v["path"], key);
    assert_eq!(v["encrypted"], false);
    let v = json_of(
        &[
            "cert",
            "--key",
            key,
            "--out",
            d.path().join("c.pem").to_str().unwrap(),
            "--json",
        ],
        0,
    );
    assert_eq!(
        paths(&v),
        "cloud key_bits not_after one_line path pem placement placement.afrinic placement.apnic placement.arin placement.lacnic placement.ripe spki_sha256 subject"
    );
    let v = json_of(
        &[
            "cert", "--key", key, "--cloud", "azure", "--out", "-", "--json",
        ],
        0,
    );
    assert_eq!(
        paths(&v),
        "cloud key_bits not_after one_line path pem placement placement.afrinic placement.apnic placement.arin placement.lacnic placement.ripe spki_sha256 subject"
    );
    assert_eq!(v["path"], serde_json::Value::Null);
    // The certificate's PEM, never the key's.
    assert!(
        v["pem"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    assert!(!v.to_string().contains("PRIVATE"), "{v:#}");
}

#[test]
fn keygen_json_with_a_passphrase_holds_no_key() {
    let d = tempdir();
    let key = d.path().join("k.pem");
    let o = byoip_env(
        &["keygen", "--out", key.to_str().unwrap(), "--json"],
        &[("BYOIP_PASSPHRASE", PASS)],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(!text.contains("PRIVATE") && !text.contains(PASS), "{text}");
    assert!(
        fs::read_to_string(&key)
            .unwrap()
            .contains("ENCRYPTED PRIVATE KEY")
    );
    assert_eq!(sorted_json(&text)["encrypted"], true);
}

#[test]
fn clouds_json() {
    let v = json_of(&["clouds", "--json"], 0);
    assert_eq!(
        paths(&v),
        "clouds clouds[].cloud clouds[].failure_codes clouds[].name clouds[].placement clouds[].placement[].field clouds[].placement[].how clouds[].placement[].registry clouds[].proof clouds[].proof.encoding clouds[].proof.kind clouds[].proof.line clouds[].proof.message clouds[].proof.scheme clouds[].quota clouds[].roa clouds[].roa.gov_origins clouds[].roa.length clouds[].roa.min_validity_days clouds[].roa.origins clouds[].roa.regional_origins clouds[].roa.regional_origins[].asn clouds[].roa.regional_origins[].name clouds[].roa.regional_origins[].region clouds[].sizes clouds[].sizes.ipv4 clouds[].sizes.ipv6 clouds[].sizes.note clouds[].sources clouds[].title"
    );
}

#[test]
fn dns_token_plan_json_and_route53() {
    let plan = |more: &[&str]| {
        let mut args = vec![
            "dns-token",
            "plan",
            "--cidr",
            "198.18.12.0/22",
            "--token-name",
            "86950620",
            "--token-value",
            "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
        ];
        args.extend_from_slice(more);
        json_of(&args, 0)
    };
    assert_eq!(
        paths(&plan(&["--json"])),
        "aligned_len cidr count records records[].cidr records[].name records[].type records[].value records[].zone token_id"
    );
    assert_eq!(
        paths(&plan(&["--format", "route53"])),
        "[].change_batch [].change_batch.Changes [].change_batch.Changes[].Action [].change_batch.Changes[].ResourceRecordSet [].change_batch.Changes[].ResourceRecordSet.Name [].change_batch.Changes[].ResourceRecordSet.ResourceRecords [].change_batch.Changes[].ResourceRecordSet.ResourceRecords[].Value [].change_batch.Changes[].ResourceRecordSet.TTL [].change_batch.Changes[].ResourceRecordSet.Type [].zone"
    );
    assert_eq!(
        paths(&plan(&[
            "--format",
            "route53",
            "--zone",
            "18.198.in-addr.arpa"
        ])),
        "Changes Changes[].Action Changes[].ResourceRecordSet Changes[].ResourceRecordSet.Name Changes[].ResourceRecordSet.ResourceRecords Changes[].ResourceRecordSet.ResourceRecords[].Value Changes[].ResourceRecordSet.TTL Changes[].ResourceRecordSet.Type"
    );
}

#[test]
fn batch_sign_json() {
    let d = tempdir();
    let dir = d.path();
    fs::copy(common::testdata("demo-key.pem"), dir.join("k.pem")).unwrap();
    sh(dir, "chmod 600 k.pem");
    fs::write(
        dir.join("byoip.toml"),
        "account = \"123456789012\"\nkey = \"k.pem\"\nexpires = \"20271231\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n\n[[asn]]\nasn = 64496\n",
    )
    .unwrap();
    let v = in_dir(dir, &["batch", "sign"]);
    assert_eq!(
        paths(&v),
        "[].account [].advertise [].asn [].cidr [].cloud [].context [].expires [].message [].service [].signature"
    );
    fs::write(
        dir.join("byoip.toml"),
        format!("cloud = \"azure\"\nsubscription = \"{SUB}\"\nkey = \"k.pem\"\nexpires = \"20271231\"\n\n[[prefix]]\ncidr = \"130.137.245.0/24\"\n"),
    )
    .unwrap();
    let v = in_dir(dir, &["batch", "sign"]);
    assert_eq!(
        paths(&v),
        "[].cidr [].cloud [].expires [].message [].signature [].subscription"
    );
}

fn in_dir(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = common::byoip_command(args, &[])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    sorted_json(&stdout(&o))
}

#[test]
fn error_json() {
    // A usage error found by clap, and one found by the command.
    let o = byoip(&["lint", "--json", "--nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(paths(&sorted_json(&stdout(&o))), "error hint");
    let o = byoip(&["verify", "--json", "--message", MSG, "--signature", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(paths(&sorted_json(&stdout(&o))), "error hint");
}

/// Reports whose text the human output shortens (dns-token's skips by rule, a certificate
/// in the wrong place; offline, so that nothing is asked of a network), each run from the repository's root with the
/// RDAP answer on standard input (no file time in the report): `--json` prints them byte
/// for byte as it did before the text changed (testdata/json-reports, written by the
/// earlier byoip), and JUnit is built from the same reports.
#[test]
fn check_json_of_the_noisy_reports_is_unchanged_byte_for_byte() {
    let root = &common::root();
    let cases: [(&str, &[&str], &str, i32); 2] = [
        (
            "dns-token-offline",
            &[
                "check",
                "--offline",
                "--cidr",
                "2801:10:c000::/48",
                "--service",
                "ipam",
                "--verification",
                "dns-token",
                "--token-name",
                "86950620",
                "--token-value",
                "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
                "--rdap-file",
                "-",
                "--vrps",
                "testdata/vrp/synthetic-aws.csv",
                "--json",
            ],
            "testdata/rdap/lacnic_2801_10_c000__.json",
            1,
        ),
        (
            "certificate-wrong-place",
            &[
                "check",
                "--offline",
                "--cidr",
                "192.198.0.0/24",
                "--cert",
                "testdata/demo-cert.pem",
                "--key",
                "testdata/demo-key.pem",
                "--rdap-file",
                "-",
                "--vrps",
                "testdata/vrp/synthetic-aws.csv",
                "--json",
            ],
            "testdata/rdap/synthetic/arin-org-comments.json",
            1,
        ),
    ];
    for (name, args, rdap, code) in cases {
        let mut c = common::byoip_command(args, &[]);
        c.current_dir(root);
        if !rdap.is_empty() {
            c.stdin(fs::File::open(Path::new(root).join(rdap)).unwrap());
        }
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(code), "{name}: {}", stderr(&o));
        let want =
            fs::read_to_string(Path::new(root).join(format!("testdata/json-reports/{name}.json")))
                .unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stdout), want, "{name}");
    }
}
