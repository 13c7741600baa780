//! The negative matrix: each mistake seen in the wild (a trailing newline, the wrong base64,
//! PKCS#1 v1.5, another salt or hash, hex, another key), made the way users make it with
//! openssl, gets the matching diagnosis from `byoip verify`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

/// Signs with openssl: `input` is a shell expression producing the signed bytes, `opts`
/// the dgst options, `encode` the pipeline after the raw signature.
fn openssl_sig(key: &str, input: &str, opts: &str, encode: &str) -> String {
    let dir = tempdir();
    let key = testdata(key);
    sh(
        dir.path(),
        &format!(
            "{input} | openssl dgst -sha256 {opts} -sign {} | {encode}",
            key.display()
        ),
    )
}

/// `byoip verify` of MSG and `sig` under the demo certificate, with `extra` arguments.
fn verify_demo(sig: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        MSG,
        "--signature",
        sig,
    ];
    args.extend_from_slice(extra);
    byoip(&args)
}

fn diagnose(sig: &str, extra: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut args = vec!["--json"];
    args.extend_from_slice(extra);
    let o = verify_demo(sig, &args);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|_| panic!("{}{}", stdout(&o), stderr(&o)));
    let ids = v["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    (o.status.code(), ids)
}

const PSS: &str = "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1";
const AWS_ENC: &str = "openssl base64 | tr -- '+=/' '-_~' | tr -d '\\n'";

#[test]
fn matrix() {
    require("openssl", "openssl version");
    let exact = format!("printf '%s' '{MSG}'");
    let cases: Vec<(&str, String, &str, &str, &[&str])> = vec![
        ("control: AWS's recipe", exact.clone(), PSS, AWS_ENC, &[]),
        (
            "echo without -n",
            format!("echo '{MSG}'"),
            PSS,
            AWS_ENC,
            &["signature.trailing-newline"],
        ),
        (
            "CR LF",
            format!("printf '%s\\r\\n' '{MSG}'"),
            PSS,
            AWS_ENC,
            &["signature.trailing-crlf"],
        ),
        (
            "echo -n under macOS sh",
            format!("printf -- '-n %s\\n' '{MSG}'"),
            PSS,
            AWS_ENC,
            &["signature.echo-dash-n"],
        ),
        (
            "standard base64",
            exact.clone(),
            PSS,
            "openssl base64 -A",
            &["signature.encoding"],
        ),
        (
            "base64url",
            exact.clone(),
            PSS,
            "openssl base64 -A | tr '+/' '-_' | tr -d '='",
            &["signature.encoding"],
        ),
        (
            "wrapped lines",
            exact.clone(),
            PSS,
            "openssl base64 | tr -- '+=/' '-_~'",
            &["signature.line-breaks"],
        ),
        (
            "PKCS#1 v1.5",
            exact.clone(),
            "",
            AWS_ENC,
            &["signature.pkcs1v15"],
        ),
        (
            "salt max",
            exact.clone(),
            "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max",
            AWS_ENC,
            &["signature.salt-length"],
        ),
        (
            "salt 20",
            exact.clone(),
            "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20",
            AWS_ENC,
            &["signature.salt-length"],
        ),
    ];
    for (name, input, opts, enc, want) in cases {
        let sig = openssl_sig("demo-key.pem", &input, opts, enc);
        let (code, ids) = diagnose(&sig, &[]);
        assert_eq!(ids, want, "{name}");
        assert_eq!(code, Some(if want.is_empty() { 0 } else { 1 }), "{name}");
    }
}

#[test]
fn salt_length_is_named() {
    require("openssl", "openssl version");
    let sig = openssl_sig(
        "demo-key.pem",
        &format!("printf '%s' '{MSG}'"),
        "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20",
        AWS_ENC,
    );
    let o = byoip(&[
        "verify",
        "--cert",
        testdata("demo-cert.pem").to_str().unwrap(),
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert!(stdout(&o).contains("20-byte salt"), "{}", stdout(&o));
}

#[test]
fn another_key_shows_both_fingerprints() {
    require("openssl", "openssl version");
    let sig = openssl_sig(
        "keys/other2048.pem",
        &format!("printf '%s' '{MSG}'"),
        PSS,
        AWS_ENC,
    );
    let other = testdata("keys/other2048.pem");
    let (code, ids) = diagnose(&sig, &["--key", other.to_str().unwrap()]);
    assert_eq!(
        (code, ids),
        (Some(1), vec!["signature.different-key".to_string()])
    );
    let o = byoip(&[
        "verify",
        "--cert",
        testdata("demo-cert.pem").to_str().unwrap(),
        "--key",
        other.to_str().unwrap(),
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    let demo_fp = std::fs::read_to_string(testdata("keys/public.sha256")).unwrap();
    let other_fp = sh(
        &std::env::temp_dir(),
        &format!(
            "openssl pkey -in {} -pubout -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1",
            other.display()
        ),
    );
    assert!(
        stdout(&o).contains(demo_fp.trim()) && stdout(&o).contains(other_fp.trim()),
        "{}",
        stdout(&o)
    );
    // Without the other key, byoip says it cannot be explained rather than guessing.
    assert_eq!(diagnose(&sig, &[]).1, ["signature.mismatch"]);
}

#[test]
fn three_thousand_bit_signature_against_a_2048_certificate_names_the_size() {
    require("openssl", "openssl version");
    let sig = openssl_sig(
        "keys/rsa3072.pem",
        &format!("printf '%s' '{MSG}'"),
        PSS,
        AWS_ENC,
    );
    assert_eq!(diagnose(&sig, &[]).1, ["signature.key-size"]);
}

#[test]
fn truncated_copy_is_named() {
    require("openssl", "openssl version");
    let sig = openssl_sig(
        "demo-key.pem",
        &format!("printf '%s' '{MSG}'"),
        PSS,
        AWS_ENC,
    );
    assert_eq!(diagnose(&sig[..300], &[]).1, ["signature.truncated"]);
}

#[test]
fn verdict_is_independent_of_the_lint() {
    // Alkira's real vector: valid signature over a message with AWS's placeholder account.
    let o = byoip(&[
        "verify",
        "--pubkey",
        testdata("alkira/public_key.oneline.txt").to_str().unwrap(),
        "--message-file",
        testdata("alkira/message.txt").to_str().unwrap(),
        "--signature-file",
        testdata("alkira/signature.aws-b64.txt").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], true);
    let ids: Vec<&str> = v["lint"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"message.account"), "{ids:?}");
}

/// Signs MSG with openssl and the digest `hash`, PSS (`-1`: salt = digest length) or
/// PKCS#1 v1.5, encoded as AWS asks.
fn openssl_hash_sig(hash: &str, pss: bool) -> String {
    let dir = tempdir();
    let opts = if pss { PSS } else { "" };
    sh(
        dir.path(),
        &format!(
            "printf '%s' '{MSG}' | openssl dgst -{hash} {opts} -sign {} | {AWS_ENC}",
            testdata("demo-key.pem").display()
        ),
    )
}

#[test]
fn another_hash_is_named_under_pss_and_pkcs1v15() {
    require("openssl", "openssl version");
    for (hash, name) in [
        ("sha1", "SHA-1"),
        ("sha384", "SHA-384"),
        ("sha512", "SHA-512"),
    ] {
        for pss in [true, false] {
            let sig = openssl_hash_sig(hash, pss);
            let (code, ids) = diagnose(&sig, &[]);
            let want: &[&str] = if pss {
                &["signature.hash"]
            } else {
                &["signature.hash", "signature.pkcs1v15"]
            };
            assert_eq!(code, Some(1), "{hash} pss={pss}");
            assert_eq!(ids, want, "{hash} pss={pss}");
            let o = verify_demo(&sig, &[]);
            assert!(
                stdout(&o).contains(&format!("over a {name} digest")),
                "{}",
                stdout(&o)
            );
        }
    }
}

#[test]
fn hex_signature_is_named_with_how_to_convert_it() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let key = testdata("demo-key.pem");
    // openssl's own output line, label and all, and the bare hex.
    let labelled = sh(
        dir.path(),
        &format!(
            "printf '%s' '{MSG}' | openssl dgst -sha256 {PSS} -sign {} -hex",
            key.display()
        ),
    );
    assert!(labelled.contains(")= "), "{labelled}");
    let bare = labelled.rsplit(' ').next().unwrap().trim().to_string();
    assert_eq!(bare.len(), 512);
    for sig in [labelled.trim(), bare.as_str()] {
        let (code, ids) = diagnose(sig, &[]);
        assert_eq!((code, ids), (Some(1), vec!["signature.hex".to_string()]));
    }
    let o = verify_demo(&bare, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["signature_bytes"], 256, "not a 3072-bit signature");
    // The hint's conversion gives a signature that verifies.
    let hint = v["diagnosis"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("xxd -r -p | openssl base64 -A"), "{hint}");
    // (xxd -r -p done here, so the test needs no more than openssl.)
    let raw: Vec<u8> = (0..bare.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&bare[i..i + 2], 16).unwrap())
        .collect();
    std::fs::write(dir.path().join("sig.bin"), raw).unwrap();
    let converted = sh(
        dir.path(),
        "openssl base64 -A < sig.bin | tr -- '+=/' '-_~'",
    );
    assert!(hint.contains(&converted), "{hint}");
    let o = verify_demo(&converted, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // inspect says hex, not AWS's variant, and the key size it really fits.
    let o = byoip(&["inspect", &bare, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let s = &v;
    assert_eq!(
        (
            &s["encoding"],
            &s["aws_encoding_ok"],
            &s["signature_bytes"],
            &s["fits_rsa_bits"]
        ),
        (
            &serde_json::json!("hex"),
            &serde_json::json!(false),
            &serde_json::json!(256),
            &serde_json::json!(2048)
        ),
        "{v}"
    );
    assert_eq!(s["aws_encoded"].as_str(), Some(converted.as_str()));
    let text = stdout(&byoip(&["inspect", &bare]));
    assert!(
        text.contains("hex (openssl dgst -hex)") && text.contains("fits an RSA-2048 key"),
        "{text}"
    );
}

/// The recipe inside the first backquotes after "convert it with" in `hint`.
fn conversion(hint: &str) -> String {
    let start = hint.find("convert it with `").expect(hint) + "convert it with `".len();
    hint[start..].split('`').next().unwrap().to_string()
}

/// The signature.hex hint's recipe, run by a shell with the real openssl and xxd, turns
/// exactly what `openssl dgst -hex` prints (its `SHA2-256(stdin)= ` label included) and
/// the bare hex into a signature that verifies: for AWS's variant (verify's and inspect's
/// hints) and for Azure's standard base64.
#[test]
fn the_hex_hints_recipe_converts_what_openssl_dgst_hex_prints() {
    require("openssl", "openssl version");
    require("xxd", "echo 41 | xxd -r -p");
    let dir = tempdir();
    const AZ_MSG: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|130.137.245.0/24|20271231";
    for (message, opts) in [(MSG, PSS), (AZ_MSG, "")] {
        let labelled = sh(
            dir.path(),
            &format!(
                "printf '%s' '{message}' | openssl dgst -sha256 {opts} -sign {} -hex",
                testdata("demo-key.pem").display()
            ),
        );
        assert!(labelled.contains(")= "), "{labelled}");
        let bare = labelled.rsplit(' ').next().unwrap().trim().to_string();
        let verify = |sig: &str, json: bool| {
            let mut args = vec![
                "verify",
                "--cert",
                td("demo-cert.pem"),
                "--message",
                message,
                "--signature",
                sig,
            ];
            if json {
                args.push("--json");
            }
            byoip(&args)
        };
        for sig in [labelled.as_str(), bare.as_str()] {
            let v: serde_json::Value = serde_json::from_str(&stdout(&verify(sig, true))).unwrap();
            assert_eq!(v["diagnosis"][0]["id"], "signature.hex", "{v}");
            let mut recipes = vec![conversion(v["diagnosis"][0]["hint"].as_str().unwrap())];
            if message == MSG {
                let i: serde_json::Value =
                    serde_json::from_str(&stdout(&byoip(&["inspect", sig, "--json"]))).unwrap();
                recipes.push(conversion(
                    i["aws_encoding_error"]
                        .as_str()
                        .expect("aws_encoding_error"),
                ));
            }
            for recipe in recipes {
                // The signature as openssl printed it, newline and all.
                std::fs::write(dir.path().join("sig.hex"), sig.to_string() + "\n").unwrap();
                let converted = sh(dir.path(), &format!("({recipe}) < sig.hex"));
                let o = verify(converted.trim(), false);
                assert_eq!(
                    o.status.code(),
                    Some(0),
                    "`{recipe}` made {converted:?} of {sig:?}: {}",
                    stdout(&o)
                );
            }
        }
    }
}
