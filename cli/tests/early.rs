//! Saying early what AWS will refuse later: special-purpose prefixes warned where a message
//! is made, signed or linted; certificates that expire before the message; and
//! `verify --strict`, which fails a valid signature over a context AWS would refuse.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

use std::path::Path;

/// A message for a public prefix, with no finding at all.
const PUBLIC: &str = "1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS";

fn sign_sig(msg: &str) -> String {
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

#[test]
fn special_purpose_prefixes_are_warned_in_message_sign_batch_sign_and_lint() {
    for cidr in ["10.0.0.0/24", "198.51.100.0/24", "2001:db8:1200::/48"] {
        let o = byoip(&["message", "--account", "123456789012", "--cidr", cidr]);
        assert_eq!(o.status.code(), Some(0), "{cidr}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("warning: prefix.public:")
                && stderr(&o).contains("AWS will refuse to provision it"),
            "{cidr}: {}",
            stderr(&o)
        );
        let o = byoip(&[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--account",
            "123456789012",
            "--cidr",
            cidr,
            "--format",
            "signature",
        ]);
        assert_eq!(o.status.code(), Some(0), "{cidr}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("warning: prefix.public:"),
            "{}",
            stderr(&o)
        );
        let msg = format!("1|aws|123456789012|{cidr}|20271231|SHA256|RSAPSS");
        let o = byoip(&["lint", &msg]);
        assert_eq!(o.status.code(), Some(0), "a warning: {}", stdout(&o));
        assert!(
            stdout(&o).contains("warning prefix.public"),
            "{}",
            stdout(&o)
        );
        let o = byoip(&["lint", &msg, "--deny-warnings"]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    }
    // A public prefix: no warning anywhere.
    let o = byoip(&["lint", PUBLIC, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "130.137.245.0/24",
    ]);
    assert_eq!(stderr(&o), "");

    // batch sign: the manifest line of the documentation prefix is named.
    let d = tempdir();
    std::fs::write(
        d.path().join("byoip.toml"),
        format!(
            "account = \"123456789012\"\nkey = \"{}\"\n\n[[prefix]]\ncidr = \"130.137.245.0/24\"\n\n[[prefix]]\ncidr = \"203.0.113.0/24\"\n",
            td("demo-key.pem")
        ),
    )
    .unwrap();
    let o = common::byoip_command(&["batch", "sign", "--out", "contexts.json"], &[])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let warned: Vec<&str> = std::str::from_utf8(&o.stderr)
        .unwrap()
        .lines()
        .filter(|l| l.contains("prefix.public"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("203.0.113.0/24"), "{warned:?}");
}

fn make_cert(dir: &Path, name: &str, days: &str) -> (std::process::Output, String) {
    let path = dir.join(name);
    let o = byoip(&[
        "cert",
        "--key",
        td("demo-key.pem"),
        "--out",
        path.to_str().unwrap(),
        "--days",
        days,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (o, path.to_string_lossy().into_owned())
}

#[test]
fn certificates_that_expire_before_the_message_are_warned() {
    let d = tempdir();
    // The default expiry is 30 days out (end of that day): a 30-day certificate ends
    // first, a 31-day one does not.
    let (o, short) = make_cert(d.path(), "short.pem", "30");
    assert!(
        stderr(&o).contains("warning: this certificate expires on")
            && stderr(&o).contains("--days 31"),
        "{}",
        stderr(&o)
    );
    let (o, _) = make_cert(d.path(), "ok.pem", "31");
    assert!(!stderr(&o).contains("expires on"), "{}", stderr(&o));

    let sign = |cert: &str, expires: &str| {
        byoip(&[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--cert",
            cert,
            "--account",
            "123456789012",
            "--cidr",
            "130.137.245.0/24",
            "--expires",
            expires,
            "--format",
            "signature",
        ])
    };
    let o = sign(&short, "+60d");
    assert_eq!(o.status.code(), Some(0), "a warning, not a refusal");
    assert!(
        stderr(&o).contains("warning: the certificate expires on")
            && stderr(&o).contains("the message is refused once it has expired"),
        "{}",
        stderr(&o)
    );
    let o = sign(&short, "+10d");
    assert!(!stderr(&o).contains("expires on"), "{}", stderr(&o));

    // batch sign, with the manifest's certificate and its latest expiry.
    let manifest = |expires: &str| {
        std::fs::write(
            d.path().join("byoip.toml"),
            format!(
                "account = \"123456789012\"\nkey = \"{}\"\ncert = \"short.pem\"\nexpires = \"+10d\"\n\n[[prefix]]\ncidr = \"130.137.245.0/24\"\n\n[[prefix]]\ncidr = \"130.137.246.0/24\"\nexpires = \"{expires}\"\n",
                td("demo-key.pem")
            ),
        )
        .unwrap();
        let o = common::byoip_command(&["batch", "sign", "--out", "-"], &[])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o)
    };
    let err = manifest("+60d");
    assert!(
        err.contains("warning: the certificate expires on")
            && err.contains("before the message it verifies"),
        "{err}"
    );
    assert!(!manifest("+20d").contains("expires on"));
}

#[test]
fn verify_strict_fails_a_valid_signature_over_a_context_aws_would_refuse() {
    let verify =
        |msg: &str, sig: &str, extra: &[&str]| verify_with(td("demo-cert.pem"), msg, sig, extra);

    // A public prefix, a good message: strict changes nothing.
    let sig = sign_sig(PUBLIC);
    let (code, v) = verify(PUBLIC, &sig, &["--strict"]);
    assert_eq!(
        (code, &v["ok"], &v["refusals"]),
        (Some(0), &true.into(), &serde_json::json!([]))
    );

    // A documentation prefix: valid, but AWS refuses the prefix.
    let sig = sign_sig(MSG);
    let (code, v) = verify(MSG, &sig, &[]);
    assert_eq!(
        (code, &v["ok"], &v["valid"]),
        (Some(0), &true.into(), &true.into()),
        "the default stays"
    );
    assert_eq!(v["refusals"][0]["id"], "prefix.public");
    let (code, v) = verify(MSG, &sig, &["--strict"]);
    assert_eq!(
        (code, &v["ok"], &v["valid"]),
        (Some(1), &false.into(), &true.into())
    );

    // AWS's placeholder account (Alkira's real vector) and a past date: lint errors.
    let alkira = |extra: &[&str]| {
        let mut args = vec![
            "verify",
            "--pubkey",
            td("alkira/public_key.oneline.txt"),
            "--message-file",
            td("alkira/message.txt"),
            "--signature-file",
            td("alkira/signature.aws-b64.txt"),
        ];
        args.extend_from_slice(extra);
        byoip(&args)
    };
    let o = alkira(&["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("VALID")
            && stdout(&o).contains("REFUSED")
            && stdout(&o).contains("message.account"),
        "{}",
        stdout(&o)
    );
    // Without --strict the verdict is the signature's alone, as documented.
    let o = alkira(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("REFUSED"), "{}", stdout(&o));

    let past = "1|aws|123456789012|130.137.245.0/24|20200101|SHA256|RSAPSS";
    let sig = sign_past(past);
    let (code, v) = verify(past, &sig, &["--strict"]);
    assert_eq!((code, &v["valid"]), (Some(1), &true.into()));
    assert_eq!(v["refusals"][0]["id"], "message.expiry");

    // An expired certificate (the demo key's, testdata/README.md): valid signature,
    // refused certificate.
    let sig = sign_sig(PUBLIC);
    let (code, v) = verify_with(td("keys/expired-cert.pem"), PUBLIC, &sig, &["--strict"]);
    assert_eq!((code, &v["valid"]), (Some(1), &true.into()), "{v}");
    assert_eq!(v["refusals"][0]["id"], "cert.validity");
    let keys: Vec<&String> = v["refusals"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "message"], "no code where AWS names none: {v}");
    let (code, _) = verify_with(td("keys/expired-cert.pem"), PUBLIC, &sig, &[]);
    assert_eq!(code, Some(0));
}

fn verify_with(
    cert: &str,
    msg: &str,
    sig: &str,
    extra: &[&str],
) -> (Option<i32>, serde_json::Value) {
    let mut args = vec![
        "verify",
        "--cert",
        cert,
        "--message",
        msg,
        "--signature",
        sig,
        "--json",
    ];
    args.extend_from_slice(extra);
    let o = byoip(&args);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|_| panic!("{}{}", stdout(&o), stderr(&o)));
    (o.status.code(), v)
}

/// byoip refuses to sign a past date, so the past message is signed with openssl.
fn sign_past(msg: &str) -> String {
    require("openssl", "openssl version");
    let dir = tempdir();
    sh(
        dir.path(),
        &format!(
            "printf '%s' '{msg}' | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {} | openssl base64 -A | tr -- '+=/' '-_~'",
            testdata("demo-key.pem").display()
        ),
    )
}

/// `sign` and `check` judge a certificate alike, with the library's one judge of
/// `cert.validity`: an expired certificate fails `check` and makes `sign` say so loudly
/// (exit 0: the signature is valid); one ending before the message warns in both.
#[test]
fn sign_and_check_judge_a_certificate_alike() {
    let sign = |cert: &str, expires: &str| {
        byoip(&[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--cert",
            cert,
            "--account",
            "123456789012",
            "--cidr",
            "130.137.245.0/24",
            "--expires",
            expires,
            "--format",
            "json",
        ])
    };
    let check = |cert: &str, signed: &serde_json::Value| {
        let o = byoip(&[
            "check",
            "--cidr",
            "130.137.245.0/24",
            "--cert",
            cert,
            "--message",
            signed["message"].as_str().unwrap(),
            "--signature",
            signed["signature"].as_str().unwrap(),
            "--offline",
            "--json",
        ]);
        let r = report(&o);
        let c = r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "cert.validity")
            .unwrap()
            .clone();
        (
            c["status"].as_str().unwrap().to_string(),
            c["message"].as_str().unwrap().to_string(),
        )
    };
    // Expired: sign goes on, loudly; check fails it.
    let expired = td("keys/expired-cert.pem");
    let o = sign(expired, "20991231");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: CERTIFICATE EXPIRED: the certificate expired on 2020-02-01 00:00 UTC; the signature is valid, but `byoip check` fails cert.validity"),
        "{err}"
    );
    let signed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let (status, message) = check(expired, &signed);
    assert_eq!(status, "fail");
    assert!(
        message.ends_with("expired on 2020-02-01 00:00 UTC"),
        "{message}"
    );
    // Ending before the message (the demo certificate ends 2126-11-01): a warning in both,
    // in the same words.
    let long = td("demo-cert.pem");
    let o = sign(long, "21261231");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let words = "expires on 2126-11-01 19:45 UTC, before the message it verifies (valid through 2126-12-31, end of day UTC)";
    assert!(
        stderr(&o).contains(&format!("warning: the certificate {words}")),
        "{}",
        stderr(&o)
    );
    let signed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let (status, message) = check(long, &signed);
    assert_eq!(status, "warn");
    assert!(message.contains(words), "{message}");
    // A message the certificate outlasts: neither says a word.
    let o = sign(long, "20991231");
    assert!(!stderr(&o).contains("the certificate"), "{}", stderr(&o));
    let signed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(check(long, &signed).0, "pass");
}
