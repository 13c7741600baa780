//! Interop is the proof: byoip against AWS's documented openssl pipeline and against
//! Python's `cryptography`, in both directions, for 2048-, 3072- and 4096-bit keys.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

/// AWS's documented verification ("Onboard your address range for use in Amazon EC2",
/// "Validate your BYOIP"), with the certificate
/// flattened to one line as the registries hold it.
fn openssl_verifies(
    dir: &std::path::Path,
    cert_oneline: &str,
    message: &str,
    signature: &str,
) -> bool {
    std::fs::write(dir.join("cert.txt"), cert_oneline).unwrap();
    std::fs::write(dir.join("sig.txt"), signature).unwrap();
    std::fs::write(dir.join("msg.txt"), message).unwrap();
    let script = r#"
body=$(sed -e 's/-----BEGIN CERTIFICATE-----//' -e 's/-----END CERTIFICATE-----//' cert.txt | tr -d ' \r\n\t')
printf '%s' "$body" | openssl base64 -d -A > cert.der
openssl x509 -inform DER -in cert.der -noout -pubkey > pub.pem
tr -- '-_~' '+=/' < sig.txt | openssl base64 -d -A > sig.bin
openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -verify pub.pem -signature sig.bin msg.txt
"#;
    sh_status(dir, script).0
}

#[test]
fn byoip_signatures_verify_with_awss_openssl_recipe_for_each_key_size() {
    require("openssl", "openssl version");
    for (key, bits, len) in [
        ("keys/pkcs8.pem", 2048, 344),
        ("keys/rsa3072.pem", 3072, 512),
        ("keys/rsa4096.pem", 4096, 684),
    ] {
        let dir = tempdir();
        let key = testdata(key);
        sh(
            dir.path(),
            &format!(
                "openssl req -new -x509 -key {} -days 30 -subj /CN=t -out c.pem",
                key.display()
            ),
        );
        let o = sign_msg(&key, "signature");
        assert!(o.status.success(), "{}", stderr(&o));
        let sig = stdout(&o).trim().to_string();
        assert_eq!(sig.len(), len, "RSA-{bits}");
        assert!(
            sig.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_~".contains(c))
        );
        let one_line = sh(dir.path(), "tr -d '\\n' < c.pem");
        assert!(
            openssl_verifies(dir.path(), &one_line, MSG, &sig),
            "openssl rejected byoip's RSA-{bits} signature"
        );
        // The same check must fail for a different message: the test can fail.
        assert!(!openssl_verifies(
            dir.path(),
            &one_line,
            &MSG.replace("20271231", "20271230"),
            &sig
        ));
    }
}

#[test]
fn awss_documented_pipeline_output_verifies_in_byoip() {
    require("openssl", "openssl version");
    let key = testdata("keys/pkcs8-aes256.pem");
    let script = format!(
        "text_message='{MSG}'\nsigned_message=$( echo -n $text_message | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {} -passin pass:{PASS} -keyform PEM | openssl base64 | tr -- '+=/' '-_~' | tr -d \"\\n\")\nprintf '%s' \"$signed_message\"",
        key.display()
    );
    // bash, as in AWS's docs: sh's echo may not know -n.
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let sig = stdout(&o);
    assert_eq!(sig.len(), 344, "{}", stderr(&o));
    let o = byoip(&[
        "verify",
        "--cert",
        testdata("demo-cert.oneline.txt").to_str().unwrap(),
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("VALID"));
}

#[test]
fn python_cryptography_agrees_in_both_directions() {
    require("python3 cryptography", "python3 -c 'import cryptography'");
    let dir = tempdir();
    let key = testdata("keys/pkcs8.pem");
    let o = sign_msg(&key, "signature");
    let sig = stdout(&o).trim().to_string();
    let py = format!(
        r#"
import base64, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
key = serialization.load_pem_private_key(open("{key}", "rb").read(), None)
pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
msg = b"{MSG}"
sig = base64.b64decode("{sig}".translate(str.maketrans("-_~", "+=/")))
key.public_key().verify(sig, msg, pss, hashes.SHA256())
mine = key.sign(msg, pss, hashes.SHA256())
sys.stdout.write(base64.b64encode(mine).decode().translate(str.maketrans("+=/", "-_~")))
"#,
        key = key.display()
    );
    std::fs::write(dir.path().join("x.py"), py).unwrap();
    let py_sig = sh(dir.path(), "python3 x.py");
    assert_eq!(py_sig.len(), 344);
    let o = byoip(&[
        "verify",
        "--key",
        key.to_str().unwrap(),
        "--message",
        MSG,
        "--signature",
        &py_sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn keys_from_openssl_genpkey_and_genrsa_aes256_load() {
    require("openssl", "openssl version");
    let dir = tempdir();
    sh(
        dir.path(),
        &format!(
            "openssl genpkey -aes256 -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pass pass:{PASS} -out a.pem 2>/dev/null\n\
             openssl genrsa -aes256 -traditional -passout pass:{PASS} -out b.pem 2048 2>/dev/null\n\
             openssl genrsa -aes256 -passout pass:{PASS} -out c.pem 2048 2>/dev/null\n\
             grep -q 'BEGIN ENCRYPTED PRIVATE KEY' a.pem && grep -q 'Proc-Type: 4,ENCRYPTED' b.pem"
        ),
    );
    for f in ["a.pem", "b.pem", "c.pem"] {
        let p = dir.path().join(f);
        let o = byoip_env(
            &[
                "sign",
                "--key",
                p.to_str().unwrap(),
                "--message",
                MSG,
                "--format",
                "json",
            ],
            &[("BYOIP_PASSPHRASE", PASS)],
        );
        assert!(o.status.success(), "{f}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let openssl_fp = sh(
            dir.path(),
            &format!(
                "openssl pkey -in {f} -passin pass:{PASS} -pubout -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1"
            ),
        );
        assert_eq!(v["spki_sha256"], openssl_fp.trim(), "{f}");
    }
}

#[test]
fn openssl_req_certificates_are_read_multi_line_and_one_line() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let key = testdata("demo-key.pem");
    sh(
        dir.path(),
        &format!(
            "openssl req -new -x509 -key {} -days 365 -subj /CN=example.com -out m.pem && tr -d '\\n' < m.pem > o.pem",
            key.display()
        ),
    );
    let sig = stdout(&sign_msg(&key, "signature"));
    for f in ["m.pem", "o.pem"] {
        let o = byoip(&[
            "verify",
            "--cert",
            dir.path().join(f).to_str().unwrap(),
            "--message",
            MSG,
            "--signature",
            sig.trim(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{f}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn byoip_certificates_pass_openssl_x509_and_verify() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let out = dir.path().join("cert.pem");
    let o = byoip(&[
        "cert",
        "--key",
        testdata("demo-key.pem").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--subject",
        "CN=example.com",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let one_line = stdout(&o);
    assert!(
        one_line.starts_with("-----BEGIN CERTIFICATE-----MII")
            && one_line.trim_end().ends_with("-----END CERTIFICATE-----")
    );
    assert_eq!(one_line.trim_end().lines().count(), 1);
    let text = sh(dir.path(), "openssl x509 -in cert.pem -text -noout");
    for want in [
        "Version: 3",
        "sha256WithRSAEncryption",
        "Subject: CN = example.com",
        "Issuer: CN = example.com",
        "CA:TRUE",
        "Public-Key: (2048 bit)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        text.contains("X509v3 Basic Constraints: critical"),
        "{text}"
    );
    assert!(
        sh(
            dir.path(),
            &format!(
                "openssl verify -attime {} -CAfile cert.pem cert.pem",
                common::now().timestamp()
            )
        )
        .contains("OK")
    );
    // The certificate's key is the demo key.
    let cert_fp = sh(
        dir.path(),
        "openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1",
    );
    assert_eq!(
        cert_fp.trim(),
        std::fs::read_to_string(testdata("keys/public.sha256"))
            .unwrap()
            .trim()
    );
}

#[test]
fn keygen_output_is_read_by_openssl_with_the_passphrase() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let out = dir.path().join("k.pem");
    let o = byoip_env(
        &["keygen", "--out", out.to_str().unwrap()],
        &[("BYOIP_PASSPHRASE", PASS)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pem = std::fs::read_to_string(&out).unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    let (ok, _) = sh_status(
        dir.path(),
        &format!("openssl pkey -in k.pem -passin pass:{PASS} -noout"),
    );
    assert!(ok);
    let (wrong, _) = sh_status(
        dir.path(),
        "openssl pkey -in k.pem -passin pass:nope -noout",
    );
    assert!(!wrong, "openssl accepted a wrong passphrase");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// `sign --format context` prints exactly `Message="…",Signature="…"` and a newline, the
/// value `--cidr-authorization-context` (an ASN's `--asn-authorization-context`) takes:
/// it parses back as a context (the library and `verify --context`), and openssl verifies
/// its signature over its message by AWS's recipe. Azure, which takes the two values
/// apart, is refused with the formats it has.
#[test]
fn sign_format_context_prints_the_aws_cli_value_that_verifies() {
    require("openssl", "openssl version");
    let key = testdata("demo-key.pem");
    let key = key.to_str().unwrap();
    let cert = std::fs::read_to_string(testdata("demo-cert.oneline.txt")).unwrap();
    let asn = "1|aws|123456789012|16509|20271231|SHA256|RSAPSS";
    for (build, message) in [
        (&["--message", MSG][..], MSG),
        (
            &[
                "--account",
                "123456789012",
                "--asn",
                "16509",
                "--expires",
                "20271231",
            ][..],
            asn,
        ),
    ] {
        let mut args = vec!["sign", "--key", key, "--format", "context"];
        args.extend(build);
        let o = byoip(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        let head = format!("Message=\"{message}\",Signature=\"");
        let sig = out
            .strip_prefix(&head)
            .and_then(|s| s.strip_suffix("\"\n"))
            .unwrap_or_else(|| panic!("not the context of {message}: {out:?}"));
        assert_eq!(sig.len(), 344, "{out:?}");
        assert!(
            sig.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_~".contains(c))
        );
        let parsed = byoip::context::AuthorizationContext::parse(&out).unwrap();
        assert_eq!(
            (parsed.message.as_str(), parsed.signature.as_str()),
            (message, sig)
        );
        let dir = tempdir();
        assert!(
            openssl_verifies(dir.path(), cert.trim(), message, sig),
            "openssl rejected the context's signature: {out}"
        );
        let v = byoip(&["verify", "--cert", &cert, "--context", &out]);
        assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
        // Another message under the same signature fails both: the test can fail.
        let other = message.replace("20271231", "20271230");
        assert!(!openssl_verifies(dir.path(), cert.trim(), &other, sig));
        let v = byoip(&[
            "verify",
            "--cert",
            &cert,
            "--context",
            &out.replace(message, &other),
        ]);
        assert_eq!(v.status.code(), Some(1), "{}", stdout(&v));
    }
    let o = byoip(&[
        "sign",
        "--key",
        key,
        "--cloud",
        "azure",
        "--subscription",
        "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab",
        "--cidr",
        "130.137.245.0/24",
        "--expires",
        "20271231",
        "--format",
        "context",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "error: --format context is AWS's Message=\"…\",Signature=\"…\" value; Azure takes the message and the signature as two values; hint: use --format az-cli or powershell for the command that creates the prefix (or terraform, json or signature)\n"
    );
}

/// Azure's message form, `SUBSCRIPTION|CIDR|YYYYMMDD`.
const AZ_MSG: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/24|20271231";

/// The raw signature `openssl dgst OPTS -sign KEY` makes over `message`: every variant
/// below is openssl's, not byoip's.
fn openssl_signs(dir: &std::path::Path, key: &str, message: &[u8], opts: &str) -> Vec<u8> {
    std::fs::write(dir.join("m.bin"), message).unwrap();
    sh(
        dir,
        &format!(
            "openssl dgst {opts} -sign {} -out s.bin m.bin",
            testdata(key).display()
        ),
    );
    std::fs::read(dir.join("s.bin")).unwrap()
}

/// Python `cryptography`'s verdict on each `(cloud, message, signature text)`, as
/// `(exact form, verifies)`: the text is exactly the cloud's encoding of a signature as long
/// as the key's modulus (it decodes with validation and writes back to the same text), and
/// that signature verifies under the cloud's scheme.
fn python_verdicts(dir: &std::path::Path, cases: &[(&str, String, String)]) -> Vec<(bool, bool)> {
    let json: Vec<serde_json::Value> = cases
        .iter()
        .map(|(cloud, msg, sig)| serde_json::json!({"cloud": cloud, "msg": msg, "sig": sig}))
        .collect();
    std::fs::write(
        dir.join("cases.json"),
        serde_json::to_string(&json).unwrap(),
    )
    .unwrap();
    let py = format!(
        r#"
import base64, binascii, json
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
pub = x509.load_pem_x509_certificate(open("{cert}", "rb").read()).public_key()
size = (pub.key_size + 7) // 8
to_std, to_aws = str.maketrans("-_~", "+=/"), str.maketrans("+=/", "-_~")
out = []
for c in json.load(open("cases.json")):
    aws, text = c["cloud"] == "aws", c["sig"]
    try:
        raw = base64.b64decode(text.translate(to_std) if aws else text, validate=True)
    except (binascii.Error, ValueError):
        out.append([False, False])
        continue
    again = base64.b64encode(raw).decode()
    form = (again.translate(to_aws) if aws else again) == text and len(raw) == size
    pad = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32) if aws else padding.PKCS1v15()
    try:
        pub.verify(raw, c["msg"].encode(), pad, hashes.SHA256())
        out.append([form, True])
    except InvalidSignature:
        out.append([form, False])
print(json.dumps(out))
"#,
        cert = testdata("demo-cert.pem").display()
    );
    std::fs::write(dir.join("v.py"), py).unwrap();
    serde_json::from_str(&sh(dir, "python3 v.py")).unwrap()
}

#[test]
fn verify_strict_agrees_with_openssl_and_python_cryptography_on_each_variant() {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use byoip::{
        Cloud, Encoding, Scheme,
        encoding::encode_as,
        key::VerifyingKey,
        signature::{self, SignatureText},
    };
    require("openssl", "openssl version");
    require("python3 cryptography", "python3 -c 'import cryptography'");
    let dir = tempdir();
    let d = dir.path();
    let key =
        VerifyingKey::from_bytes(&std::fs::read(testdata("keys/public.pem")).unwrap()).unwrap();
    const PSS: &str = "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1";
    const V15: &str = "-sha256";
    let mut cases: Vec<(&str, String, String, &str)> = Vec::new();
    for (cloud, msg, own, other, enc) in [
        (Cloud::Aws, MSG, PSS, V15, Encoding::AwsBase64),
        (Cloud::Azure, AZ_MSG, V15, PSS, Encoding::Base64),
    ] {
        let m = msg.as_bytes();
        let sign = |opts: &str| openssl_signs(d, "keys/pkcs8.pem", m, opts);
        let e = |raw: &[u8]| encode_as(enc, raw);
        let raw = sign(own);
        let right = e(&raw);
        let other_alphabet = match enc {
            Encoding::AwsBase64 => STANDARD.encode(&raw),
            _ => encode_as(Encoding::AwsBase64, &raw),
        };
        let mut flipped = raw.clone();
        flipped[100] ^= 1;
        let variants: Vec<(&str, String)> = vec![
            ("right", right.clone()),
            ("another scheme", e(&sign(other))),
            (
                "PSS, salt 20",
                e(&sign(
                    "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20",
                )),
            ),
            (
                "PSS, SHA-384",
                e(&sign(
                    "-sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1",
                )),
            ),
            ("PKCS#1 v1.5, SHA-1", e(&sign("-sha1"))),
            ("the other alphabet", other_alphabet),
            ("base64url", URL_SAFE_NO_PAD.encode(&raw)),
            ("no padding", right.trim_end_matches(['=', '_']).to_string()),
            ("a final newline", format!("{right}\n")),
            (
                "wrapped",
                right
                    .as_bytes()
                    .chunks(64)
                    .map(|c| String::from_utf8_lossy(c) + "\n")
                    .collect(),
            ),
            ("hex", raw.iter().map(|b| format!("{b:02x}")).collect()),
            (
                "over the message and a newline",
                e(&openssl_signs(
                    d,
                    "keys/pkcs8.pem",
                    &[m, b"\n"].concat(),
                    own,
                )),
            ),
            (
                "over another message",
                e(&openssl_signs(d, "keys/pkcs8.pem", b"another message", own)),
            ),
            (
                "another key",
                e(&openssl_signs(d, "keys/other2048.pem", m, own)),
            ),
            (
                "a 3072-bit key",
                e(&openssl_signs(d, "keys/rsa3072.pem", m, own)),
            ),
            ("one bit flipped", e(&flipped)),
            ("truncated", right[..340].to_string()),
            ("empty", String::new()),
            ("garbage", "!!!!".into()),
            ("garbage of a signature's length", "é".repeat(172)),
            ("0xff as long as the modulus", e(&[0xff; 256])),
            ("huge", "A".repeat(100_000)),
        ];
        let name = cloud.name();
        for (what, sig) in variants {
            cases.push((name, msg.to_string(), sig, what));
        }
    }
    let python = python_verdicts(
        d,
        &cases
            .iter()
            .map(|(c, m, s, _)| (*c, m.clone(), s.clone()))
            .collect::<Vec<_>>(),
    );
    let mut lenient = Vec::new();
    for ((cloud, msg, sig, what), (form, py_verifies)) in cases.iter().zip(python) {
        let (cloud, scheme) = match *cloud {
            "aws" => (Cloud::Aws, Scheme::RsaPssSha256),
            _ => (Cloud::Azure, Scheme::RsaPkcs1v15Sha256),
        };
        let text = SignatureText::from(sig.as_str());
        let strict = signature::verify_strict(cloud, &key, msg.as_bytes(), &text);
        let ssl = common::openssl_verifies(d, &testdata("demo-cert.pem"), msg, sig, scheme);
        let label = format!("{cloud:?}, {what}");
        // True for the exact cloud form only.
        assert_eq!(strict, *what == "right", "{label}");
        // Python: the exact form, and the cloud's scheme over the exact bytes.
        assert_eq!(
            strict,
            form && py_verifies,
            "{label}: python {form} {py_verifies}"
        );
        // openssl: the cloud's own recipe, on every text in the cloud's exact form. Its
        // `openssl base64 -d` reads more than the exact form; those texts are counted below.
        if form {
            assert_eq!(strict, ssl, "{label}: openssl");
        } else if ssl {
            lenient.push(label.clone());
        }
        // The diagnosis gives the same verdict.
        assert_eq!(
            signature::diagnose(cloud, &key, msg.as_bytes(), &text, &[]).valid,
            strict,
            "{label}"
        );
    }
    // The test can tell the form from the arithmetic: AWS's recipe decodes standard base64
    // too (its `tr` leaves + / = alone), which AWS's variant is not.
    assert!(
        lenient.contains(&"Aws, the other alphabet".to_string()),
        "{lenient:?}"
    );
}
