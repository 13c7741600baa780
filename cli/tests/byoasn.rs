//! BYOASN: the ASN message (`1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`, AWS's "Tutorial:
//! Bring your ASN to IPAM"), signed and verified through AWS's own openssl recipe in both
//! directions, the provisioning command, and every bad ASN refused with one line.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

/// An ASN message AWS would accept until 2027 (16509 is public; the account is not AWS's
/// placeholder).
const ASN_MSG: &str = "1|aws|123456789012|16509|20271231|SHA256|RSAPSS";

/// AWS's recipe from the tutorial, verbatim but for the key path: `echo -n` under bash,
/// `openssl dgst` with PSS and salt -1, `openssl base64`, `tr -- '+=/' '-_~'`.
fn awss_recipe(message: &str, key: &std::path::Path) -> String {
    let script = format!(
        "text_message='{message}'\nsigned_message=$( echo -n $text_message | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {} -passin pass:{PASS} -keyform PEM | openssl base64 | tr -- '+=/' '-_~' | tr -d \"\\n\")\nprintf '%s' \"$signed_message\"",
        key.display()
    );
    bash(&script)
}

/// openssl's verdict on `signature` (AWS's encoding) over `message` under the demo key.
fn openssl_verifies_aws(message: &str, signature: &str) -> bool {
    let dir = tempdir();
    openssl_verifies(
        dir.path(),
        &testdata("demo-cert.pem"),
        message,
        signature,
        byoip::Scheme::RsaPssSha256,
    )
}

/// `sign` with the demo key for account 123456789012 and AS16509, then `extra` arguments.
fn sign_asn(extra: &[&str]) -> std::process::Output {
    let mut a = vec![
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--asn",
        "16509",
    ];
    a.extend(extra);
    byoip(&a)
}

#[test]
fn openssl_verifies_byoips_asn_signature() {
    require("openssl", "openssl version");
    let o = sign_asn(&["--expires", "20271231", "--format", "signature"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sig = stdout(&o).trim().to_string();
    assert_eq!(sig.len(), 344);
    assert!(openssl_verifies_aws(ASN_MSG, &sig));
    // The same signature over the prefix-shaped or AS-prefixed text does not verify: the
    // test can fail.
    assert!(!openssl_verifies_aws(
        &ASN_MSG.replace("|16509|", "|AS16509|"),
        &sig
    ));
}

#[test]
fn byoip_verifies_the_signature_of_awss_recipe() {
    require("openssl", "openssl version");
    let sig = awss_recipe(ASN_MSG, &testdata("keys/pkcs8-aes256.pem"));
    assert_eq!(sig.len(), 344);
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--message",
        ASN_MSG,
        "--signature",
        &sig,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["asn"], "16509");
    assert_eq!(v["cidr"], serde_json::Value::Null);
    assert_eq!(v["lint"], serde_json::json!([]));
    let o = byoip(&["inspect", ASN_MSG]);
    assert!(
        stdout(&o)
            .contains("a BYOASN message for AS16509 (VPC IPAM: aws ec2 provision-ipam-byoasn)"),
        "{}",
        stdout(&o)
    );
    // The recipe's classic mistake (echo without -n) is diagnosed for an ASN as for a prefix.
    let dir = tempdir();
    let bad = sh(
        dir.path(),
        &format!(
            "echo '{ASN_MSG}' | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {} -passin pass:{PASS} | openssl base64 -A | tr -- '+=/' '-_~'",
            testdata("keys/pkcs8-aes256.pem").display()
        ),
    );
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        ASN_MSG,
        "--signature",
        bad.trim(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("signature.trailing-newline"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn message_writes_bare_decimal_and_notes_the_rewrite() {
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--asn",
        "AS16509",
        "--expires",
        "20271231",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{ASN_MSG}\n"));
    assert_eq!(
        stderr(&o),
        "note: ASN \"AS16509\" written as 16509, the bare decimal of AWS's examples (--asn 12345); use that in --asn too\n"
    );
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--asn",
        "16509",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["asn"], "16509");
    assert_eq!(v["cidr"], serde_json::Value::Null);
    // AWS's console default: the last day of next month.
    let today = common::now().date_naive();
    let want = byoip::ExpiryDate::end_of_next_month(today).unwrap();
    assert_eq!(v["expires"], want.to_string());
}

#[test]
fn documentation_asns_are_warned_about() {
    let o = byoip(&["message", "--account", "123456789012", "--asn", "64496"]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.starts_with("warning: asn.public: AS64496 is for documentation (64496-64511 RFC 5398)"),
        "{err}"
    );
    let o = byoip(&[
        "lint",
        "--deny-warnings",
        "1|aws|123456789012|65551|20271231|SHA256|RSAPSS",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("65536-65551 RFC 5398"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_asns_are_refused_in_one_line() {
    for (asn, needle) in [
        ("0", "AS0 is reserved (0 RFC 7607)"),
        ("23456", "AS23456 is AS_TRANS"),
        ("64512", "AS64512 is for private use (64512-65534 RFC 6996)"),
        ("65534", "for private use (64512-65534 RFC 6996)"),
        (
            "4200000000",
            "for private use (4200000000-4294967294 RFC 6996)",
        ),
        ("65535", "AS65535 is reserved (65535 RFC 7300)"),
        (
            "4294967295",
            "AS4294967295 is reserved (4294967295 RFC 7300)",
        ),
        ("4294967296", "larger than 4294967295"),
        ("99999999999999999999", "larger than 4294967295"),
        ("ASX", "not a decimal number"),
        ("sixteen", "not a decimal number"),
        ("-5", "not a decimal number"),
        ("1.10", "asdot notation"),
    ] {
        for cmd in ["message", "sign"] {
            let flag = format!("--asn={asn}");
            let mut args = vec![cmd, "--account", "123456789012", &flag];
            if cmd == "sign" {
                args.extend(["--key", td("demo-key.pem")]);
            }
            let o = byoip(&args);
            assert_one_line_error(&o, needle);
        }
    }
}

#[test]
fn an_asn_message_with_the_placeholder_account_is_refused() {
    let msg = "1|aws|0123456789AB|16509|20271231|SHA256|RSAPSS";
    let o = byoip(&["sign", "--key", td("demo-key.pem"), "--message", msg]);
    assert_one_line_error(&o, "placeholder from AWS's documentation");
    let o = byoip(&["lint", "--json", msg]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"][0]["id"], "message.account");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn lint_and_verify_recognise_an_as_prefixed_message() {
    let msg = "1|aws|123456789012|AS16509|20271231|SHA256|RSAPSS";
    let o = byoip(&["lint", "--json", msg]);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"][0]["id"], "message.asn");
    assert!(
        v["findings"][0]["hint"]
            .as_str()
            .unwrap()
            .contains("write 16509 in the message"),
        "{v}"
    );
    // sign refuses what it cannot write back byte for byte.
    let o = byoip(&["sign", "--key", td("demo-key.pem"), "--message", msg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.lines().last().unwrap().starts_with("error: invalid ASN \"AS16509\": it is not written in bare decimal; hint: write it as 16509"),
        "{err}"
    );
    // verify still gives the cryptographic verdict, with the lint beside it.
    let sig = demo_sig(ASN_MSG);
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        msg,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(1), "signed over 16509, not AS16509");
    assert!(stdout(&o).contains("message.asn"), "{}", stdout(&o));
}

#[test]
fn verify_strict_refuses_a_private_asn_with_a_valid_signature() {
    let msg = "1|aws|123456789012|64512|20271231|SHA256|RSAPSS";
    let sig = demo_sig(ASN_MSG);
    assert!(!sig.is_empty());
    // byoip will not sign a private ASN; verify a context someone else signed.
    let dir = tempdir();
    let other = sh(
        dir.path(),
        &format!(
            "printf '%s' '{msg}' | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {} -passin pass:{PASS} | openssl base64 -A | tr -- '+=/' '-_~'",
            testdata("keys/pkcs8-aes256.pem").display()
        ),
    );
    let args = [
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        msg,
        "--signature",
        other.trim(),
        "--json",
    ];
    let o = byoip(&args);
    assert_eq!(o.status.code(), Some(0), "valid without --strict");
    let mut strict = args.to_vec();
    strict.push("--strict");
    let o = byoip(&strict);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["refusals"][0]["id"], "asn.public");
}

#[test]
fn sign_prints_the_provision_ipam_byoasn_command() {
    let run = |extra: &[&str]| sign_asn(&[&["--expires", "20271231"], extra].concat());
    let o = run(&["--format", "aws-cli"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("aws ec2 provision-ipam-byoasn"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.starts_with(&format!(
            "aws ec2 provision-ipam-byoasn --ipam-id \"${{IPAM_ID:?set IPAM_ID to your IPAM}}\" --asn 16509 --asn-authorization-context Message=\"{ASN_MSG}\",Signature=\""
        )),
        "{line}"
    );
    assert!(text.contains("# aws ec2 associate-ipam-byoasn --asn 16509 --cidr CIDR"));
    // The command runs in a shell: the placeholder stops it while IPAM_ID is unset, and
    // with IPAM_ID set, the arguments are exactly what the AWS CLI gets.
    let dir = tempdir();
    let (ok, said) = sh_status(dir.path(), &format!("aws() {{ :; }}\n{line}"));
    assert!(!ok && said.contains("set IPAM_ID to your IPAM"), "{said}");
    let args = sh(
        dir.path(),
        &format!("aws() {{ printf '%s\\n' \"$@\"; }}\nIPAM_ID=ipam-0123\n{line}"),
    );
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(
        args[..6],
        [
            "ec2",
            "provision-ipam-byoasn",
            "--ipam-id",
            "ipam-0123",
            "--asn",
            "16509"
        ]
    );
    let sig = args[7]
        .strip_prefix(&format!("Message={ASN_MSG},Signature="))
        .unwrap();
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        ASN_MSG,
        "--signature",
        sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let o = run(&[
        "--format",
        "aws-cli",
        "--ipam-id",
        "ipam-0abc",
        "--region",
        "eu-west-1",
    ]);
    assert!(stdout(&o).contains("--ipam-id ipam-0abc --asn 16509"));
    assert!(stdout(&o).contains("--region eu-west-1"));

    let o = run(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["asn"], "16509");
    assert_eq!(v["cidr"], serde_json::Value::Null);
    assert_eq!(v["message"], ASN_MSG);
    assert!(
        v["context"]
            .as_str()
            .unwrap()
            .starts_with("Message=\"1|aws|")
    );

    let o = run(&["--format", "signature"]);
    assert_eq!(stdout(&o).trim().len(), 344);

    let o = run(&["--format", "text"]);
    assert!(
        stdout(&o).contains("\n  aws ec2 provision-ipam-byoasn --ipam-id"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sign_refuses_what_has_no_meaning_for_an_asn() {
    for (extra, needle) in [
        (
            &["--format", "terraform"][..],
            "the Terraform AWS provider has no BYOASN resource",
        ),
        (
            &["--service", "ec2"][..],
            "AWS brings your own ASN to VPC IPAM only",
        ),
        (
            &["--ipam-pool-id", "ipam-pool-1"][..],
            "give --ipam-id IPAM_ID instead",
        ),
    ] {
        assert_one_line_error(&sign_asn(extra), needle);
    }
    // A prefix and an ASN at once is a usage error.
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--asn",
        "16509",
        "--cidr",
        "198.51.100.0/24",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

// ---- check --asn: the autnum record, the certificate in it, the second ROA ----

use common::httpd::{Reply, Server};

/// The ARIN-shape autnum record of the synthetic fixtures.
const ARIN_ASN: &str = "397979";
const ARIN_ASN_MSG: &str = "1|aws|123456789012|397979|20271231|SHA256|RSAPSS";

fn demo_sig(msg: &str) -> String {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        msg,
        "--format",
        "signature",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

/// `check --asn 397979 --offline --json` on `rdap_file` with the demo certificate and a
/// signed message; `extra` appended.
fn check_asn(
    asn: &str,
    rdap_file: &str,
    msg: &str,
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, String) {
    let sig = demo_sig(msg);
    let mut args = vec![
        "check",
        "--asn",
        asn,
        "--cert",
        td("demo-cert.pem"),
        "--account",
        "123456789012",
        "--message",
        msg,
        "--signature",
        &sig,
        "--offline",
        "--json",
    ];
    if !rdap_file.is_empty() {
        args.extend(["--rdap-file", rdap_file]);
    }
    args.extend(extra);
    let o = byoip(&args);
    let v = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    (o.status.code(), v, stderr(&o))
}

#[test]
fn check_asn_passes_a_record_with_the_certificate_in_the_asns_own_comments() {
    let (code, v, err) = check_asn(
        ARIN_ASN,
        td("rdap/synthetic/arin-autnum-good.json"),
        ARIN_ASN_MSG,
        &[],
    );
    assert_eq!(code, Some(0), "{v:#}{err}");
    assert_eq!(v["ok"], true);
    assert_eq!(v["asn"], ARIN_ASN);
    assert_eq!(v["cidr"], serde_json::Value::Null);
    let ids = common::check_ids(&v);
    let want = documented_ids(byoip::check::ASN_CHECK_IDS, &[]);
    assert_eq!(ids, want);
    for id in ids {
        assert_eq!(status(&v, id), "pass", "{id}: {v:#}");
    }
    assert!(check_field(&v, "rdap.registry", "message").starts_with("ARIN"));
    // RIPE NCC: descr: of the aut-num, shown as an untitled remark.
    let msg = "1|aws|123456789012|201234|20271231|SHA256|RSAPSS";
    let (code, v, _) = check_asn(
        "201234",
        td("rdap/synthetic/ripe-autnum-good.json"),
        msg,
        &[],
    );
    assert_eq!(code, Some(0), "{v:#}");
    assert!(
        check_field(&v, "rdap.certificate", "message").contains("untitled remark of AS201234"),
        "{v:#}"
    );
}

#[test]
fn check_asn_fails_the_certificate_in_the_wrong_field_expired_under_another_key_or_absent() {
    for (file, asn, id, needle) in [
        (
            "ripe-autnum-remarks.json",
            "201234",
            "rdap.certificate",
            "remarks: attribute",
        ),
        (
            "arin-autnum-org-comments.json",
            ARIN_ASN,
            "rdap.certificate",
            "Modify ASN",
        ),
        (
            "arin-autnum-expired.json",
            ARIN_ASN,
            "cert.validity",
            "expired on 2020-02-01",
        ),
        (
            "arin-autnum-other-key.json",
            ARIN_ASN,
            "key.cert-match",
            "no certificate in RDAP holds your key",
        ),
        (
            "arin-autnum-no-cert.json",
            ARIN_ASN,
            "rdap.certificate",
            "no certificate in AS397979",
        ),
    ] {
        let msg = format!("1|aws|123456789012|{asn}|20271231|SHA256|RSAPSS");
        let (code, v, _) = check_asn(asn, td(&format!("rdap/synthetic/{file}")), &msg, &[]);
        assert_eq!(code, Some(1), "{file}: {v:#}");
        assert_eq!(v["ok"], false);
        assert_eq!(status(&v, id), "fail", "{file}: {v:#}");
        let all = format!(
            "{} {}",
            check_field(&v, id, "message"),
            check_field(&v, id, "hint")
        );
        assert!(all.contains(needle), "{file}: {all}");
    }
    // Under another key, AWS's own check fails too.
    let (_, v, _) = check_asn(
        ARIN_ASN,
        td("rdap/synthetic/arin-autnum-other-key.json"),
        ARIN_ASN_MSG,
        &[],
    );
    assert_eq!(status(&v, "rdap.signature"), "fail");
}

#[test]
fn check_asn_judges_the_message_against_the_asn() {
    // A message for another ASN, and an AS-prefixed one: message.asn fails.
    let (code, v, _) = check_asn(
        "397980",
        td("rdap/synthetic/arin-autnum-good.json"),
        ARIN_ASN_MSG,
        &[],
    );
    assert_eq!(code, Some(1));
    assert_eq!(status(&v, "message.asn"), "fail");
    assert_eq!(status(&v, "rdap.autnum-record"), "fail", "{v:#}");
    // A prefix message given to an ASN check.
    let (_, v, _) = check_asn(
        ARIN_ASN,
        td("rdap/synthetic/arin-autnum-good.json"),
        MSG,
        &[],
    );
    assert!(
        check_field(&v, "message.asn", "message").contains("this is a message for a prefix"),
        "{v:#}"
    );
    // A private ASN fails asn.public (byoip would not sign its message).
    let (_, v, _) = check_asn(
        "64512",
        td("rdap/synthetic/arin-autnum-good.json"),
        ARIN_ASN_MSG,
        &[],
    );
    assert_eq!(status(&v, "asn.public"), "fail");
    assert!(check_field(&v, "asn.public", "message").contains("RFC 6996"));
}

#[test]
fn check_asn_without_evidence_is_incomplete_never_ready() {
    let (code, v, _) = check_asn(ARIN_ASN, "", ARIN_ASN_MSG, &["--cidr", "192.198.0.0/24"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        (v["ok"].clone(), v["complete"].clone()),
        (false.into(), false.into())
    );
    for id in [
        "rdap.autnum-record",
        "rdap.certificate",
        "roa.own-asn",
        "roa.as16509",
    ] {
        assert_eq!(status(&v, id), "not-run", "{id}");
    }
    let o = byoip(&[
        "check",
        "--asn",
        ARIN_ASN,
        "--cert",
        td("demo-cert.pem"),
        "--offline",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("INCOMPLETE: "), "{}", stdout(&o));
    // --local-only: the registry is skipped by choice and left out: INCOMPLETE, exit 1,
    // saying the registry was not checked.
    let o = byoip(&[
        "check",
        "--asn",
        ARIN_ASN,
        "--cert",
        td("demo-cert.pem"),
        "--local-only",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("\nskip  rdap.*  "), "{text}");
    let verdict = common::verdict(&text);
    assert!(
        verdict.starts_with("INCOMPLETE: 0 failed")
            && verdict.ends_with("; next: a run without --local-only"),
        "{verdict}"
    );
}

#[test]
fn check_asn_with_cidr_wants_a_second_roa_for_the_asn() {
    let dir = tempdir();
    let vrps = dir.path().join("vrps.csv");
    let csv = |rows: &[&str]| {
        std::fs::write(
            &vrps,
            format!(
                "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n{}\n",
                rows.join("\n")
            ),
        )
        .unwrap();
    };
    let amazon = [
        "AS16509,192.198.0.0/22,24,arin,1893456000",
        "AS14618,192.198.0.0/22,24,arin,1893456000",
    ];
    csv(&amazon);
    let v_path = vrps.to_str().unwrap();
    let (code, v, _) = check_asn(
        ARIN_ASN,
        td("rdap/synthetic/arin-autnum-good.json"),
        ARIN_ASN_MSG,
        &["--cidr", "192.198.0.0/24", "--vrps", v_path],
    );
    assert_eq!(code, Some(1));
    assert_eq!(v["cidr"], "192.198.0.0/24");
    assert_eq!(status(&v, "roa.as16509"), "pass");
    assert_eq!(status(&v, "roa.as14618"), "pass");
    assert_eq!(status(&v, "roa.own-asn"), "fail", "{v:#}");
    assert!(
        check_field(&v, "roa.own-asn", "hint")
            .contains("create a ROA for AS397979 covering 192.198.0.0/24"),
        "{v:#}"
    );
    let mut rows = amazon.to_vec();
    rows.push("AS397979,192.198.0.0/24,24,arin,1893456000");
    csv(&rows);
    let (code, v, _) = check_asn(
        ARIN_ASN,
        td("rdap/synthetic/arin-autnum-good.json"),
        ARIN_ASN_MSG,
        &["--cidr", "192.198.0.0/24", "--vrps", v_path],
    );
    assert_eq!(code, Some(0), "{v:#}");
    assert_eq!(status(&v, "roa.own-asn"), "pass");
}

#[test]
fn check_asn_finds_the_record_through_asn_json_on_a_loopback_server() {
    let good = std::fs::read_to_string(testdata("rdap/synthetic/arin-autnum-good.json")).unwrap();
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let b = base.clone();
    let server = Server::start(move |path, _| {
        let me = b.get().unwrap();
        match path {
            "/bootstrap/asn.json" => Reply::json(
                200,
                format!(
                    r#"{{"version":"1.0","services":[[["1-1876","393216-399260"],["{me}/arin/"]],[["196608-210331"],["{me}/ripe/"]]]}}"#
                ),
            ),
            "/arin/autnum/397979" => Reply::json(200, good.clone()),
            _ => Reply::json(404, r#"{"errorCode":404,"title":"Not Found"}"#),
        }
    });
    base.set(server.base.clone()).unwrap();
    let sig = demo_sig(ARIN_ASN_MSG);
    let bootstrap = format!("{}/bootstrap/", server.base);
    let run = |asn: &str| {
        byoip(&[
            "check",
            "--asn",
            asn,
            "--cert",
            td("demo-cert.pem"),
            "--account",
            "123456789012",
            "--message",
            ARIN_ASN_MSG,
            "--signature",
            &sig,
            "--bootstrap",
            &bootstrap,
            "--no-cache",
            "--json",
        ])
    };
    let o = run("AS397979");
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        check_field(&v, "rdap.autnum-record", "message").contains("/arin/autnum/397979"),
        "{v:#}"
    );
    assert!(stderr(&o).contains("read as 397979"), "{}", stderr(&o));
    assert_eq!(server.hits("/bootstrap/asn.json"), 1);
    // An ASN the registry does not know: a 404 is a failed record, not a network error.
    let o = run("200000");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "rdap.autnum-record"), "fail");
    assert!(
        check_field(&v, "rdap.autnum-record", "message")
            .starts_with("the registry has no record for AS200000 (HTTP 404 from "),
        "{v:#}"
    );
    assert_eq!(status(&v, "rdap.registry"), "skip");
    assert_eq!(status(&v, "rdap.certificate"), "fail");
    assert_eq!(status(&v, "rdap.signature"), "skip");
    assert!(server.hits("/ripe/autnum/200000") == 1);
    // An ASN no range holds: the bootstrap says so, and the record checks did not run.
    let o = run("5000");
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(status(&v, "rdap.autnum-record"), "not-run");
    assert!(
        stderr(&o).contains("no RDAP server for AS5000"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_asn_refuses_what_does_not_apply() {
    let o = byoip(&[
        "check",
        "--asn",
        ARIN_ASN,
        "--verification",
        "dns-token",
        "--service",
        "ipam",
        "--token-name",
        "1",
        "--token-value",
        "v",
    ]);
    assert_one_line_error(&o, "proves control of a prefix, not of an ASN");
    let o = byoip(&["check", "--asn", "ASX", "--cert", td("demo-cert.pem")]);
    assert_one_line_error(&o, "not a decimal number");
}

// ---- the manifest's [[asn]] entries: batch sign and batch check ----

/// A key-material repository (the demo key, encrypted; its certificate) whose manifest
/// lists one prefix and the ARIN-shape ASN, with its saved autnum record.
fn asn_repo(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    std::fs::copy(testdata("keys/pkcs8-aes256.pem"), dir.join("keys/key.pem")).unwrap();
    std::fs::copy(testdata("demo-cert.pem"), dir.join("keys/cert.pem")).unwrap();
    std::fs::copy(
        testdata("rdap/synthetic/arin-autnum-good.json"),
        dir.join("asn.json"),
    )
    .unwrap();
    sh(dir, "chmod 600 keys/key.pem");
    std::fs::write(
        dir.join("byoip.toml"),
        "account = \"123456789012\"\nkey = \"keys/key.pem\"\ncert = \"keys/cert.pem\"\nservice = \"ipam\"\ncontexts = \"contexts.json\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n\n[[asn]]\nasn = \"AS397979\"\nexpires = \"20271231\"\nrdap_file = \"asn.json\"\n",
    )
    .unwrap();
}

fn in_repo(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let cache = dir.join(".cache");
    common::byoip_command(
        args,
        &[
            ("BYOIP_PASSPHRASE", PASS),
            ("BYOIP_CACHE_DIR", cache.to_str().unwrap()),
        ],
    )
    .current_dir(dir)
    .output()
    .unwrap()
}

/// An [[asn]]'s rdap_file that cannot be read does not take the run down, as a prefix's
/// does not: that ASN's registry checks did not run, the report and JUnit are written, and
/// the run ends with the error naming the manifest's rdap_file and the fetch that saves it.
#[test]
fn batch_check_a_missing_asn_rdap_file_leaves_that_asn_incomplete_not_the_run_empty() {
    let d = tempdir();
    asn_repo(d.path());
    let o = in_repo(d.path(), &["batch", "sign", "--out", "contexts.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = std::fs::read_to_string(d.path().join("byoip.toml")).unwrap();
    std::fs::write(
        d.path().join("byoip.toml"),
        manifest.replace("rdap_file = \"asn.json\"", "rdap_file = \"rdap/nope.json\""),
    )
    .unwrap();
    let o = in_repo(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml", "--json"],
    );
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let asn = &v["asns"][0];
    assert_eq!(
        check_field(asn, "rdap.autnum-record", "status"),
        "not-run",
        "{asn:#}"
    );
    assert!(
        check_field(asn, "rdap.autnum-record", "message").contains("nope.json"),
        "{asn:#}"
    );
    assert_eq!(v["prefixes"][0]["cidr"], "192.198.0.0/24");
    assert!(d.path().join("j.xml").exists());
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("error: cannot read RDAP file")
            && last.contains("nope.json")
            && last.contains("the manifest's rdap_file path")
            && last.contains("`byoip rdap fetch --asn 397979 --out FILE`"),
        "{err}"
    );
}

#[test]
fn batch_sign_signs_the_manifests_asns_after_its_prefixes() {
    let d = tempdir();
    asn_repo(d.path());
    let o = in_repo(d.path(), &["batch", "sign", "--out", "contexts.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("line 11: \"AS397979\" is written 397979 in messages"),
        "{}",
        stderr(&o)
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("contexts.json")).unwrap())
            .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0]["cidr"].clone(), list[0]["asn"].clone()),
        ("192.198.0.0/24".into(), serde_json::Value::Null)
    );
    assert_eq!(list[1]["asn"], ARIN_ASN);
    assert_eq!(list[1]["cidr"], serde_json::Value::Null);
    assert_eq!(list[1]["message"], ARIN_ASN_MSG);
    assert_eq!(list[1]["service"], "ipam");
    assert_eq!(list[1]["advertise"], serde_json::Value::Null);
    assert!(openssl_verifies_aws(
        ARIN_ASN_MSG,
        list[1]["signature"].as_str().unwrap()
    ));

    // batch verify labels the ASN's context by its ASN.
    let o = in_repo(
        d.path(),
        &[
            "batch",
            "verify",
            "--cert",
            "keys/cert.pem",
            "--input",
            "contexts.json",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["results"][1]["asn"], ARIN_ASN);
    assert_eq!(v["results"][1]["cidr"], serde_json::Value::Null);
    assert_eq!(v["results"][0]["cidr"], "192.198.0.0/24");
    assert_eq!(v["results"][0]["asn"], serde_json::Value::Null);
    let cli = stdout(&in_repo(
        d.path(),
        &[
            "batch",
            "sign",
            "--format",
            "aws-cli",
            "--ipam-id",
            "ipam-0abc",
        ],
    ));
    let cmds: Vec<&str> = cli.lines().filter(|l| l.starts_with("aws ")).collect();
    assert_eq!(cmds.len(), 2, "{cli}");
    assert!(
        cmds[1].starts_with(&format!(
            "aws ec2 provision-ipam-byoasn --ipam-id ipam-0abc --asn 397979 --asn-authorization-context Message=\"{ARIN_ASN_MSG}\""
        )),
        "{cli}"
    );
    let o = in_repo(d.path(), &["batch", "sign", "--format", "terraform"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).matches("signature = \"").count(), 1);
    assert!(
        stderr(&o).contains("1 ASN is left out of the Terraform file: the Terraform AWS provider has no BYOASN resource"),
        "{}",
        stderr(&o)
    );
    // A private ASN is refused with its line, before any key is read.
    let manifest = std::fs::read_to_string(d.path().join("byoip.toml")).unwrap();
    std::fs::write(
        d.path().join("byoip.toml"),
        manifest.replace("AS397979", "64512"),
    )
    .unwrap();
    let o = in_repo(d.path(), &["batch", "sign"]);
    assert_one_line_error(&o, "byoip.toml line 11: AS64512 is for private use");
}

#[test]
fn batch_check_judges_the_manifests_asns_offline() {
    let d = tempdir();
    asn_repo(d.path());
    let o = in_repo(d.path(), &["batch", "sign", "--out", "contexts.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // audit verifies the ASN's signed context under the certificate, named by its ASN.
    let o = in_repo(d.path(), &["audit", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        check_field(&v, "context.AS397979", "status"),
        "pass",
        "{v:#}"
    );
    let o = in_repo(d.path(), &["batch", "check", "--offline", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The prefix has no saved evidence (INCOMPLETE); the ASN has all it needs.
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    let asn = &v["asns"][0];
    assert_eq!(asn["asn"], ARIN_ASN);
    assert_eq!(asn["ok"], true, "{asn:#}");
    assert_eq!(asn["ready"], true, "{asn:#}");
    assert_eq!(
        v["ready"], false,
        "the prefix is not ready, so neither is the run"
    );
    assert_eq!(check_field(asn, "rdap.signature", "status"), "pass");
    assert_eq!(check_field(asn, "message.asn", "status"), "pass");
    assert_eq!(v["prefixes"][0]["cidr"], "192.198.0.0/24");
    let o = in_repo(
        d.path(),
        &["batch", "check", "--offline", "--junit", "junit.xml"],
    );
    let text = stdout(&o);
    assert!(
        text.lines()
            .any(|l| l.starts_with("AS397979") && l.contains(" READY ")),
        "{text}"
    );
    assert!(text.contains("of 2 entries ready"), "{text}");
    let junit = std::fs::read_to_string(d.path().join("junit.xml")).unwrap();
    assert!(junit.contains("<testsuite name=\"AS397979\""), "{junit}");
    // The saved record of another ASN: its record check fails, and the run says so.
    std::fs::copy(
        testdata("rdap/synthetic/arin-autnum-org-comments.json"),
        d.path().join("asn.json"),
    )
    .unwrap();
    let o = in_repo(d.path(), &["batch", "check", "--offline", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        check_field(&v["asns"][0], "rdap.certificate", "status"),
        "fail"
    );
}

#[test]
fn rdap_fetch_asn_saves_the_autnum_answer_that_an_offline_check_reads() {
    let good = std::fs::read_to_string(testdata("rdap/synthetic/arin-autnum-good.json")).unwrap();
    let body = good.clone();
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let b = base.clone();
    let server = Server::start(move |path, _| {
        let me = b.get().unwrap();
        match path {
            "/asn.json" => Reply::json(
                200,
                format!(r#"{{"version":"1.0","services":[[["393216-399260"],["{me}/arin/"]]]}}"#),
            ),
            "/arin/autnum/397979" => Reply::json(200, body.clone()),
            _ => Reply::json(404, r#"{"errorCode":404}"#),
        }
    });
    base.set(server.base.clone()).unwrap();
    let dir = tempdir();
    let saved = dir.path().join("as.json");
    let bootstrap = format!("{}/asn.json", server.base);
    let fetch = |asn: &str, out: &std::path::Path, more: &[&str]| {
        let args = [
            "rdap",
            "fetch",
            "--asn",
            asn,
            "--out",
            out.to_str().unwrap(),
            "--bootstrap",
            &bootstrap,
            "--no-cache",
        ];
        byoip(&[&args[..], more].concat())
    };
    let o = fetch("AS397979", &saved, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains(good.trim()),
        "the answer saved byte for byte: {text}"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["byoip_saved"]["fetched"], common::NOW, "{doc}");
    assert!(
        doc["byoip_saved"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/arin/autnum/397979"),
        "{doc}"
    );
    let text = stdout(&o);
    assert!(
        text.starts_with("saved AS397979 from http://127.0.0.1"),
        "{text}"
    );
    assert!(text.contains("registry: ARIN"), "{text}");
    assert!(text.contains("through ARIN Online's Modify ASN"), "{text}");
    assert!(
        text.contains("Registration Comments\" of AS397979: where AWS reads"),
        "{text}"
    );
    let again = dir.path().join("again.json");
    let o = fetch("AS397979", &again, &["--json"]);
    let report = common::sorted_json(&stdout(&o));
    assert_eq!(
        common::key_paths(&report).join(" "),
        "ancestors asn certificate_field certificates cidr fetched out record registry registry_evidence source"
    );
    assert_eq!(report["fetched"], common::NOW);
    assert_eq!(
        (&report["asn"], &report["cidr"]),
        (&"397979".into(), &serde_json::Value::Null)
    );
    let (code, v, _) = check_asn(ARIN_ASN, saved.to_str().unwrap(), ARIN_ASN_MSG, &[]);
    assert_eq!(code, Some(0), "{v:#}");
    // Fetched two months before the check: the recorded time gives its age, though the
    // file was just written.
    let old = dir.path().join("old.json");
    let args = [
        "rdap",
        "fetch",
        "--asn",
        "AS397979",
        "--out",
        old.to_str().unwrap(),
        "--bootstrap",
        &bootstrap,
        "--no-cache",
    ];
    let o = byoip_env(&args, &[("BYOIP_NOW", "2026-10-01")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, v, _) = check_asn(ARIN_ASN, old.to_str().unwrap(), ARIN_ASN_MSG, &[]);
    assert_eq!(
        check_field(&v, "rdap.autnum-record", "status"),
        "warn",
        "{v:#}"
    );
    assert!(
        check_field(&v, "rdap.autnum-record", "message").contains("is 61 days old"),
        "{v:#}"
    );
    // An ASN the registry does not have: one line, exit 2, nothing written.
    let o = fetch("397000", &dir.path().join("none.json"), &[]);
    assert_one_line_error(&o, "the registry has no record for AS397000");
    assert!(!dir.path().join("none.json").exists());
}

#[test]
fn a_saved_autnum_answer_serves_as_the_certificate() {
    let msg = "1|aws|123456789012|201234|20271231|SHA256|RSAPSS";
    let sig = demo_sig(msg);
    let o = byoip(&[
        "verify",
        "--cert",
        td("rdap/synthetic/ripe-autnum-good.json"),
        "--message",
        msg,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("note: using the certificate in the untitled remark of AS201234"),
        "{}",
        stderr(&o)
    );
    let o = byoip(&[
        "inspect",
        "--json",
        td("rdap/synthetic/arin-autnum-good.json"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["certificates"][0]["found_in"], "remark \"Registration Comments\" of AS397979",
        "{v:#}"
    );
    // One without a certificate says so, as a network answer does.
    let o = byoip(&[
        "verify",
        "--cert",
        td("rdap/synthetic/arin-autnum-no-cert.json"),
        "--message",
        msg,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn an_autnum_answer_without_start_autnum_is_read_by_check_and_inspect() {
    // Older RIPE NCC and LACNIC answers name the ASN only in the handle and the self link.
    let file = td("rdap/synthetic/ripe-autnum-no-start.json");
    let msg = "1|aws|123456789012|201234|20271231|SHA256|RSAPSS";
    let (_, v, err) = check_asn("201234", file, msg, &[]);
    for id in ["rdap.autnum-record", "rdap.certificate", "rdap.signature"] {
        assert_eq!(status(&v, id), "pass", "{id}: {v:#}{err}");
    }
    assert!(
        check_field(&v, "rdap.autnum-record", "message").contains("AS201234"),
        "{v:#}"
    );
    // A record for another ASN is still told apart.
    let (_, v, _) = check_asn(
        "201235",
        file,
        "1|aws|123456789012|201235|20271231|SHA256|RSAPSS",
        &[],
    );
    assert_eq!(status(&v, "rdap.autnum-record"), "fail", "{v:#}");
    let o = byoip(&["inspect", "--json", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["kind"], "certificate", "{v:#}");
    assert_eq!(
        v["certificates"][0]["found_in"],
        "untitled remark of AS201234"
    );
    assert!(!stderr(&o).contains("autnum"), "{}", stderr(&o));
}

/// `check --asn --offline` with no saved record: the registry checks that did not run say
/// what gives the record (`--rdap-file`) and what saves it for this ASN (`byoip rdap fetch
/// --asn`), as `check --cidr` does for a prefix's.
#[test]
fn an_offline_asn_check_without_its_record_names_the_flag_and_the_fetch() {
    let msg = "1|aws|123456789012|201234|20271231|SHA256|RSAPSS";
    let (code, v, _) = check_asn("201234", "", msg, &[]);
    assert_eq!(code, Some(1), "{v:#}");
    for id in ["rdap.autnum-record", "rdap.certificate", "rdap.signature"] {
        assert_eq!(status(&v, id), "not-run", "{v:#}");
        assert_eq!(
            check_field(&v, id, "hint"),
            "--rdap-file FILE; `byoip rdap fetch --asn 201234 --out FILE`",
            "{id}"
        );
    }
}
