//! BYOASN: the ASN message (`1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`, AWS's "Tutorial:
//! Bring your ASN to IPAM"), signed and verified through AWS's own openssl recipe in both
//! directions, the provisioning command, and every bad ASN refused with one line.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;
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
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// openssl's verdict on `signature` (AWS's encoding) over `message` under the demo key.
fn openssl_verifies(message: &str, signature: &str) -> bool {
    let dir = tempdir();
    std::fs::write(dir.path().join("msg.txt"), message).unwrap();
    std::fs::write(dir.path().join("sig.txt"), signature).unwrap();
    let script = format!(
        "openssl x509 -in {} -noout -pubkey > pub.pem\ntr -- '-_~' '+=/' < sig.txt | openssl base64 -d -A > sig.bin\nopenssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -verify pub.pem -signature sig.bin msg.txt",
        testdata("demo-cert.pem").display()
    );
    sh_status(dir.path(), &script).0
}

#[test]
fn openssl_verifies_byoips_asn_signature() {
    require("openssl", "openssl version");
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--asn",
        "16509",
        "--expires",
        "20271231",
        "--format",
        "signature",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sig = stdout(&o).trim().to_string();
    assert_eq!(sig.len(), 344);
    assert!(openssl_verifies(ASN_MSG, &sig));
    // The same signature over the prefix-shaped or AS-prefixed text does not verify: the
    // test can fail.
    assert!(!openssl_verifies(
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
    let today = chrono::Utc::now().date_naive();
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
    let sig = stdout(&byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        ASN_MSG,
        "--format",
        "signature",
    ]))
    .trim()
    .to_string();
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
    let sig = stdout(&byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        ASN_MSG,
        "--format",
        "signature",
    ]))
    .trim()
    .to_string();
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
    let base = [
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--asn",
        "16509",
        "--expires",
        "20271231",
    ];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        byoip(&a)
    };
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
    let base = [
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--asn",
        "16509",
    ];
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
        let mut a = base.to_vec();
        a.extend(extra);
        assert_one_line_error(&byoip(&a), needle);
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
