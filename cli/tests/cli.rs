//! CLI behaviour a user relies on: exit codes, one-line errors with a hint, no partial
//! files, and no secret ever printed.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

/// Asserts exit 2 and a single `error: …; hint: …` line on stderr, no panic.
fn assert_one_line_error(o: &std::process::Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("warning:") && !l.starts_with("note:"))
        .collect();
    assert_eq!(lines.len(), 1, "not one line: {err}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains("; hint: "),
        "{err}"
    );
    assert!(lines[0].contains(needle), "{needle:?} not in {err}");
}

#[test]
fn readme_first_run_signs_with_the_demo_key() {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--cidr",
        "198.51.100.0/24",
        "--format",
        "text",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("Message:    1|aws|123456789012|198.51.100.0/24|")
            && s.contains("aws ec2 provision-byoip-cidr --cidr 198.51.100.0/24"),
        "{s}"
    );
}

#[test]
fn piped_default_output_is_only_the_signature() {
    let o = byoip(&["sign", "--key", td("demo-key.pem"), "--message", MSG]);
    let s = stdout(&o);
    assert_eq!(s.trim().len(), 344, "{s}");
    assert_eq!(s.lines().count(), 1);
}

#[test]
fn json_and_terraform_formats() {
    let key = testdata("demo-key.pem");
    let o = sign_msg(&key, "json");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["message"], MSG);
    assert_eq!(v["signature"].as_str().unwrap().len(), 344);
    assert_eq!(v["cidr"], "198.51.100.0/24");
    let o = sign_msg(&key, "terraform");
    let t = stdout(&o);
    assert!(
        t.starts_with("cidr_authorization_context {\n  message   = \"1|aws|")
            && t.contains("  signature = \""),
        "{t}"
    );
}

#[test]
fn aws_cli_format_uses_one_canonical_cidr_everywhere() {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--account",
        "123456789012",
        "--cidr",
        "2001:0DB8:1200:0000::/48",
        "--format",
        "aws-cli",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("canonical form as 2001:db8:1200::/48"),
        "{}",
        stderr(&o)
    );
    let s = stdout(&o);
    assert!(
        s.contains("provision-byoip-cidr --cidr 2001:db8:1200::/48"),
        "{s}"
    );
    assert!(
        s.contains("provision-ipam-pool-cidr") && s.contains("--verification-method remarks-x509"),
        "{s}"
    );
    assert!(s.contains("|2001:db8:1200::/48|"));
    assert!(
        !s.contains("0DB8") && s.contains("not applicable: Global Accelerator"),
        "{s}"
    );
}

#[test]
fn context_printed_by_sign_verifies() {
    let o = sign_msg(&testdata("demo-key.pem"), "json");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--context",
        v["context"].as_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn signatures_and_messages_starting_with_a_dash_are_values_not_options() {
    // AWS's alphabet includes '-' (a signature whose first byte is 0xF8 or more starts
    // with it; only keys whose modulus starts that high make one). Parsing must treat it
    // as a value: the result is a verdict (exit 1), not a usage error (exit 2).
    let sig = stdout(&byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        MSG,
    ]))
    .trim()
    .to_string();
    let dashed = format!("-{}", &sig[1..]);
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        MSG,
        "--signature",
        &dashed,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("INVALID"));
    let o = byoip(&[
        "lint",
        "-n 1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = byoip(&["inspect", &dashed, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn sign_refuses_a_key_that_is_not_the_certificates() {
    let o = byoip(&[
        "sign",
        "--key",
        td("keys/other2048.pem"),
        "--message",
        MSG,
        "--cert",
        td("demo-cert.pem"),
    ]);
    assert_one_line_error(&o, "does not match the certificate");
    assert!(
        stderr(&o).contains(
            std::fs::read_to_string(testdata("keys/public.sha256"))
                .unwrap()
                .trim()
        )
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn lint_exit_codes() {
    assert_eq!(byoip(&["lint", MSG]).status.code(), Some(0));
    let o = byoip(&[
        "lint",
        "1|aws|0123456789AB|198.51.100.0/24|20271231|SHA256|RSAPSS",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("placeholder"));
    let dir = tempdir();
    // One final line ending is dropped from a file (tests/inputs.rs); a second one counts.
    std::fs::write(dir.path().join("m.txt"), format!("{MSG}\n\n")).unwrap();
    let o = byoip(&["lint", "--file", dir.path().join("m.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("ends with a newline"), "{}", stdout(&o));
    assert_eq!(
        byoip(&["lint", "--file", "/nonexistent/m.txt"])
            .status
            .code(),
        Some(2)
    );
    // A warning alone passes unless --deny-warnings.
    let w = "1|aws|123456789012|2001:0db8::/48|20271231|SHA256|RSAPSS";
    assert_eq!(byoip(&["lint", w]).status.code(), Some(0));
    assert_eq!(
        byoip(&["lint", w, "--deny-warnings"]).status.code(),
        Some(1)
    );
}

/// Bad inputs to sign, verify, cert and inspect, each with what its one-line error names.
/// Placeholders: `@key` the demo key, `@dir` a fresh folder (and files in it), `@t/PATH` a
/// file under testdata/.
static BAD_INPUTS: &[(&[&str], &str)] = &[
    (
        &["sign", "--key", "/nonexistent/key.pem", "--message", MSG],
        "No such file",
    ),
    (
        &["sign", "--key", "@dir", "--message", MSG],
        "is a directory",
    ),
    (
        &["sign", "--key", "@t/keys/ec-p256.pem", "--message", MSG],
        "EC (ECDSA), not RSA",
    ),
    (
        &["sign", "--key", "@t/keys/ed25519.pem", "--message", MSG],
        "Ed25519",
    ),
    (
        &["sign", "--key", "@t/demo-cert.pem", "--message", MSG],
        "no private key",
    ),
    (
        &[
            "sign",
            "--key",
            "@t/keys/pkcs8-aes256.pem",
            "--message",
            MSG,
        ],
        "no terminal to ask for a passphrase",
    ),
    (
        &[
            "sign",
            "--key",
            "@t/keys/pkcs8-aes256.pem",
            "--message",
            MSG,
            "--passphrase-file",
            "/nonexistent/p.txt",
        ],
        "cannot read the passphrase: cannot read passphrase file",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--account",
            "123456789012",
            "--cidr",
            "203.0.113.25/24",
        ],
        "did you mean 203.0.113.0/24",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/25",
        ],
        "more specific than /24",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20200101",
        ],
        "expired",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20270230",
        ],
        "no such day",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS\n",
        ],
        "newline",
    ),
    (
        &[
            "sign",
            "--key",
            "@key",
            "--message",
            "1|aws|198.51.100.0/24|20260101|20270101|ripe|SHA256|RSAPSS",
        ],
        "unofficial 8-field",
    ),
    (
        &[
            "verify",
            "--cert",
            "@t/demo-key.pem",
            "--message",
            MSG,
            "--signature",
            "x",
        ],
        "it holds a private key, not a certificate",
    ),
    (
        &[
            "verify",
            "--cert",
            "@t/demo-cert.pem",
            "--context",
            "Message=x",
        ],
        "no Signature=",
    ),
    (
        &["verify", "--message", MSG, "--signature", "abcd"],
        "no key to verify with",
    ),
    (
        &["cert", "--key", "@key", "--out", "@t/demo-cert.pem"],
        "already exists",
    ),
    (
        &["cert", "--key", "@key", "--out", "/nonexistent-dir/c.pem"],
        "cannot write",
    ),
    (
        &[
            "cert",
            "--key",
            "@key",
            "--out",
            "@dir/c.pem",
            "--subject",
            "no equals",
        ],
        "not a distinguished name",
    ),
    (&["inspect", "hello world"], "cannot tell what this is"),
];

#[test]
fn bad_inputs_get_one_line_errors_and_exit_2() {
    let dir = tempdir();
    let d = dir.path().to_str().unwrap();
    let key = testdata("demo-key.pem");
    for (args, needle) in BAD_INPUTS {
        let args: Vec<String> = args
            .iter()
            .map(|a| match (a.strip_prefix("@t/"), a.strip_prefix("@dir")) {
                _ if *a == "@key" => key.to_str().unwrap().to_string(),
                (Some(path), _) => td(path).to_string(),
                (_, Some(rest)) => format!("{d}{rest}"),
                _ => a.to_string(),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = byoip(&args);
        assert_one_line_error(&o, needle);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "a file was left behind"
    );
}

#[test]
fn wrong_passphrase_from_file_and_env() {
    let dir = tempdir();
    let pf = dir.path().join("p.txt");
    std::fs::write(&pf, "wrong\n").unwrap();
    for key in ["keys/pkcs8-aes256.pem", "keys/pkcs1-aes256.pem"] {
        let k = testdata(key);
        let o = byoip(&[
            "sign",
            "--key",
            k.to_str().unwrap(),
            "--message",
            MSG,
            "--passphrase-file",
            pf.to_str().unwrap(),
        ]);
        assert_one_line_error(&o, "wrong passphrase");
        let o = byoip_env(
            &["sign", "--key", k.to_str().unwrap(), "--message", MSG],
            &[("BYOIP_PASSPHRASE", "nope")],
        );
        assert_one_line_error(&o, "wrong passphrase");
    }
    // The right one from a file, with its trailing newline.
    std::fs::write(&pf, format!("{PASS}\n")).unwrap();
    let o = byoip(&[
        "sign",
        "--key",
        td("keys/pkcs1-des3.pem"),
        "--message",
        MSG,
        "--passphrase-file",
        pf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Every subcommand that takes `--cidr` reads it when the arguments are parsed: text that
/// names no prefix is the same one-line usage error (exit 2, the library's hint) wherever
/// it is given, before any other input is looked at (no certificate or key is read).
#[test]
fn cidr_that_names_no_prefix_is_a_usage_error_in_every_subcommand() {
    let cert = td("demo-cert.pem");
    let key = td("demo-key.pem");
    let acct = ["--account", "123456789012"];
    let runs: Vec<Vec<&str>> = vec![
        [&["message"][..], &acct].concat(),
        [&["sign", "--key", key][..], &acct].concat(),
        vec!["check", "--offline", "--cert", cert],
        vec!["check", "--offline", "--cert", cert, "--asn", "64496"],
        vec!["check", "--offline", "--cloud", "azure", "--cert", cert],
        vec!["dns-token", "plan"],
        vec!["dns-token", "check"],
        vec!["rdap", "fetch", "--out", "-"],
    ];
    for run in runs {
        for (bad, why) in [
            ("banana", "it has no prefix length"),
            (
                "198.51.100.0/33",
                "prefix length \"33\" is not a number from 0 to 32",
            ),
        ] {
            let args = [&run[..], &["--cidr", bad]].concat();
            let o = byoip(&args);
            assert_one_line_error(
                &o,
                &format!(
                    "error: invalid value '{bad}' for '--cidr <CIDR>': invalid CIDR \"{bad}\": {why}; hint: "
                ),
            );
            assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
        }
    }
}

/// The text of `--cidr` is kept beside its prefix: `check` judges host bits in the report
/// (for AWS and Azure alike), while `message` and `dns-token` refuse them with the
/// corrected prefix and note a rewritten spelling.
#[test]
fn cidr_host_bits_are_a_finding_for_check_and_an_error_for_message() {
    for cloud in ["aws", "azure"] {
        let o = byoip(&[
            "check",
            "--offline",
            "--cloud",
            cloud,
            "--cert",
            td("demo-cert.pem"),
            "--cidr",
            "76.76.21.5/24",
            "--json",
        ]);
        let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(r["cidr"], "76.76.21.5/24", "{cloud}");
        let canonical = r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "prefix.canonical")
            .unwrap_or_else(|| panic!("{cloud}: {r:#}"))
            .clone();
        assert_eq!(canonical["status"], "fail", "{cloud}: {canonical:#}");
        assert_eq!(
            canonical["hint"], "use 76.76.21.0/24",
            "{cloud}: {canonical:#}"
        );
    }
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "76.76.21.5/24",
    ]);
    assert_one_line_error(&o, "; hint: did you mean 76.76.21.0/24?");
    let o = byoip(&[
        "dns-token",
        "plan",
        "--cidr",
        "198.18.12.1/22",
        "--token-id",
        "x",
    ]);
    assert_one_line_error(&o, "; hint: did you mean 198.18.12.0/22?");
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "076.076.021.000/24",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("|76.76.21.0/24|"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "note: CIDR \"076.076.021.000/24\" written in canonical form as 76.76.21.0/24; use that in --cidr too"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn keygen_refuses_to_overwrite_and_writes_0600() {
    let dir = tempdir();
    let out = dir.path().join("k.pem");
    std::fs::write(&out, "precious").unwrap();
    let o = byoip(&["keygen", "--out", out.to_str().unwrap(), "--no-encrypt"]);
    assert_one_line_error(&o, "already exists");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    let o = byoip(&[
        "keygen",
        "--out",
        out.to_str().unwrap(),
        "--no-encrypt",
        "--force",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["key_bits"].as_u64(), v["encrypted"].as_bool()),
        (Some(2048), Some(false))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Encrypted without a passphrase source and no terminal: refused, nothing written.
    let out2 = dir.path().join("k2.pem");
    let o = byoip(&["keygen", "--out", out2.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out2.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary file left behind"
    );
}

/// `--bits` is read as a key size when the arguments are parsed: a size keygen does not
/// make is clap's one-line usage error (exit 2, nothing written); an offered size other
/// than 2048 makes a key of that size, with a warning that AWS documents only 2048.
#[test]
fn keygen_bits_is_a_size_it_makes_or_a_usage_error() {
    let dir = tempdir();
    let out = dir.path().join("k.pem");
    let path = out.to_str().unwrap();
    for bad in ["1024", "8192", "02048", "2k"] {
        let o = byoip(&["keygen", "--out", path, "--bits", bad, "--no-encrypt"]);
        assert_one_line_error(&o, "[possible values: 2048, 3072, 4096]");
        assert!(
            stderr(&o).starts_with(&format!(
                "error: invalid value '{bad}' for '--bits <BITS>' [possible values: 2048, 3072, 4096]; hint: "
            )),
            "{}",
            stderr(&o)
        );
        assert!(!out.exists(), "--bits {bad:?} wrote a key");
    }
    let o = byoip(&[
        "keygen",
        "--out",
        path,
        "--bits",
        "3072",
        "--no-encrypt",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["key_bits"].as_u64(), Some(3072));
    assert!(
        stderr(&o).contains("whether they accept 3072-bit keys is unconfirmed"),
        "{}",
        stderr(&o)
    );
    let o = byoip(&["inspect", path]);
    assert!(stdout(&o).contains("3072"), "{}", stdout(&o));
}

#[test]
fn key_readable_by_others_gets_a_warning() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempdir();
        let k = dir.path().join("k.pem");
        std::fs::copy(testdata("demo-key.pem"), &k).unwrap();
        std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = byoip(&["sign", "--key", k.to_str().unwrap(), "--message", MSG]);
        assert!(
            stderr(&o).contains("readable by group or others (mode 0644)"),
            "{}",
            stderr(&o)
        );
        std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o600)).unwrap();
        let o = byoip(&["sign", "--key", k.to_str().unwrap(), "--message", MSG]);
        assert!(!stderr(&o).contains("readable"), "{}", stderr(&o));
    }
}

#[test]
fn non_2048_key_gets_a_warning() {
    let o = byoip(&["sign", "--key", td("keys/rsa3072.pem"), "--message", MSG]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("AWS and Azure document only RSA-2048"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn inspect_explains_each_kind() {
    let cases = [
        (td("demo-cert.pem").to_string(), "certificate"),
        (
            std::fs::read_to_string(testdata("demo-cert.oneline.txt")).unwrap(),
            "certificate",
        ),
        (td("keys/public.pem").to_string(), "public-key"),
        (td("keys/pkcs1.der").to_string(), "private-key"),
        (MSG.to_string(), "message"),
        (
            std::fs::read_to_string(testdata("aws-doc-signatures/ipv4.signature.aws-b64.txt"))
                .unwrap(),
            "signature",
        ),
        (format!("Message=\"{MSG}\",Signature=\"abcd\""), "context"),
    ];
    for (input, kind) in cases {
        let o = byoip(&["inspect", &input, "--json"]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["kind"], kind);
    }
    let o = byoip(&["inspect", td("keys/expired-cert.pem")]);
    assert!(stdout(&o).contains("EXPIRED"), "{}", stdout(&o));
    let o = byoip(&[
        "inspect",
        &std::fs::read_to_string(testdata("aws-doc-signatures/ipv6.signature.aws-b64.txt"))
            .unwrap(),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (
            v["signature_bytes"].as_u64(),
            v["aws_encoding_ok"].as_bool()
        ),
        (Some(256), Some(true))
    );
}

/// Every name of the JSON vocabulary that `value` holds anywhere, and every name that the
/// vocabulary replaced (`key_spki_sha256`, `bits`, `parsed`, `prefix`, `text`).
fn json_names(value: &serde_json::Value, names: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                names.insert(k.clone());
                json_names(v, names);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_names(v, names)),
        _ => {}
    }
}

/// One JSON vocabulary: the key's fingerprint is `spki_sha256` and its size `key_bits`
/// wherever a key appears, the prefix is `cidr`, and a field is present (`null`) even
/// where it does not apply.
#[test]
fn json_uses_one_vocabulary_across_subcommands() {
    let dir = tempdir();
    let key = testdata("demo-key.pem");
    let signed: serde_json::Value = serde_json::from_str(&stdout(&sign_msg(&key, "json"))).unwrap();
    let ctx = signed["context"].as_str().unwrap().to_string();
    let contexts = dir.path().join("contexts.json");
    std::fs::write(
        &contexts,
        serde_json::json!([{ "cidr": "198.51.100.0/24", "context": ctx }]).to_string(),
    )
    .unwrap();
    let keygen_out = dir.path().join("k.pem");
    let cert_out = dir.path().join("c.pem");
    let runs: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec![
                "sign",
                "--key",
                td("demo-key.pem"),
                "--message",
                MSG,
                "--format",
                "json",
            ],
            &[
                "message",
                "signature",
                "context",
                "cidr",
                "account",
                "expires",
                "spki_sha256",
                "key_bits",
            ],
        ),
        (
            vec![
                "verify",
                "--cert",
                td("demo-cert.pem"),
                "--context",
                &ctx,
                "--json",
            ],
            &[
                "ok",
                "valid",
                "message",
                "signature",
                "cidr",
                "account",
                "expires",
                "spki_sha256",
                "key_bits",
            ],
        ),
        (
            vec![
                "batch",
                "verify",
                "--cert",
                td("demo-cert.pem"),
                "--input",
                contexts.to_str().unwrap(),
                "--json",
            ],
            &[
                "ok",
                "spki_sha256",
                "key_bits",
                "cidr",
                "valid",
                "diagnosis",
                "error",
            ],
        ),
        (
            vec!["inspect", td("keys/public.pem"), "--json"],
            &["spki_sha256", "key_bits"],
        ),
        (
            vec!["inspect", td("demo-cert.pem"), "--json"],
            &["spki_sha256", "key_bits"],
        ),
        (
            vec!["inspect", MSG, "--json"],
            &["message", "cidr", "account", "expires"],
        ),
        (
            vec!["inspect", &ctx, "--json"],
            &[
                "context",
                "message",
                "signature",
                "cidr",
                "account",
                "expires",
            ],
        ),
        (
            vec![
                "message",
                "--account",
                "123456789012",
                "--cidr",
                "198.51.100.0/24",
                "--json",
            ],
            &["message", "cidr", "account", "expires"],
        ),
        (
            vec![
                "keygen",
                "--out",
                keygen_out.to_str().unwrap(),
                "--no-encrypt",
                "--json",
            ],
            &["spki_sha256", "key_bits"],
        ),
        (
            vec![
                "cert",
                "--key",
                td("demo-key.pem"),
                "--out",
                cert_out.to_str().unwrap(),
                "--json",
            ],
            &["spki_sha256"],
        ),
    ];
    for (args, want) in runs {
        assert_json_vocabulary(&args, want);
    }
}

/// The JSON of `byoip ARGS` names each of `want` and none of the old names.
fn assert_json_vocabulary(args: &[&str], want: &[&str]) {
    let o = byoip(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&o)));
    let mut names = std::collections::BTreeSet::new();
    json_names(&v, &mut names);
    for w in want {
        assert!(names.contains(*w), "{args:?}: no {w:?} in {v}");
    }
    for old in [
        "key_spki_sha256",
        "bits",
        "parsed",
        "prefix",
        "text",
        "key_fingerprint",
    ] {
        assert!(!names.contains(old), "{args:?}: old name {old:?} in {v}");
    }
}

/// A private key whose public half cannot be read still has every key field, as null.
#[test]
fn json_of_an_unreadable_private_key_has_every_key_field_as_null() {
    let o = byoip(&["inspect", td("keys/pkcs8-aes256.pem"), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["kind"], "private-key", "{v}");
    assert!(
        v["spki_sha256"].is_null() && v["key_bits"].is_null() && v.get("key_bits").is_some(),
        "{v}"
    );
}

/// Every run with a known key and passphrase: neither the passphrase nor any 16-character
/// run of the private key's base64 appears in stdout or stderr.
#[test]
fn secrets_never_reach_output() {
    let dir = tempdir();
    let d = dir.path();
    let enc = testdata("keys/pkcs8-aes256.pem");
    let plain = testdata("keys/pkcs8.pem");
    let secret_b64: String = std::fs::read_to_string(&plain)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let enc_b64: String = std::fs::read_to_string(&enc)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let pf = d.join("pass.txt");
    std::fs::write(&pf, PASS).unwrap();
    let (e, p, pfs) = (
        enc.to_str().unwrap(),
        plain.to_str().unwrap(),
        pf.to_str().unwrap(),
    );
    let out_key = d.join("new.pem");
    let out_cert = d.join("c.pem");
    let manifest = d.join("byoip.toml");
    std::fs::write(
        &manifest,
        format!(
            "account = \"123456789012\"\nkey = \"{e}\"\ncert = \"{}\"\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
            testdata("demo-cert.pem").display()
        ),
    )
    .unwrap();
    let m = manifest.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["sign", "--key", e, "--message", MSG, "--format", "json"],
        vec!["sign", "--key", e, "--message", MSG, "--format", "text"],
        vec!["sign", "--key", e, "--message", MSG, "--format", "aws-cli"],
        vec![
            "sign",
            "--key",
            p,
            "--message",
            MSG,
            "--format",
            "terraform",
        ],
        vec![
            "verify",
            "--key",
            e,
            "--message",
            MSG,
            "--signature",
            "abcd",
            "--json",
        ],
        vec![
            "verify",
            "--key",
            e,
            "--message",
            MSG,
            "--signature",
            "abcd",
        ],
        vec!["inspect", e, "--json"],
        vec!["inspect", p],
        vec!["inspect", p, "--json"],
        vec![
            "cert",
            "--key",
            e,
            "--out",
            out_cert.to_str().unwrap(),
            "--json",
        ],
        vec!["keygen", "--out", out_key.to_str().unwrap(), "--json"],
        vec!["sign", "--key", e, "--message", "bad"],
        vec![
            "check",
            "--offline",
            "--cidr",
            "192.198.0.0/24",
            "--key",
            e,
            "--json",
        ],
        vec!["batch", "sign", "--manifest", m, "--format", "json"],
        vec!["batch", "sign", "--manifest", m, "--format", "aws-cli"],
        vec!["batch", "check", "--manifest", m, "--offline", "--json"],
        vec!["audit", "--manifest", m, "--json"],
        vec!["audit", "--manifest", m],
        vec![
            "check",
            "--offline",
            "--cidr",
            "192.198.0.0/24",
            "--key",
            p,
            "--message",
            MSG,
            "--signature",
            "abcd",
        ],
        vec![
            "sign",
            "--key",
            e,
            "--message",
            MSG,
            "--passphrase-file",
            pfs,
            "--format",
            "json",
        ],
    ];
    for args in runs {
        let o = byoip_env(&args, &[("BYOIP_PASSPHRASE", PASS)]);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains(PASS), "passphrase printed by {args:?}");
        for src in [&secret_b64, &enc_b64] {
            for i in (0..src.len().saturating_sub(16)).step_by(8) {
                assert!(
                    !all.contains(&src[i..i + 16]),
                    "key material printed by {args:?}"
                );
            }
        }
    }
    let new_key = std::fs::read_to_string(&out_key).unwrap();
    assert!(new_key.contains("ENCRYPTED"));
}

/// Parses stdout as the JSON error object and checks the one-line error on stderr too.
fn json_error(o: &std::process::Output, needle: &str) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let v: serde_json::Value = serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", stdout(o)));
    let (what, hint) = (v["error"].as_str().unwrap(), v["hint"].as_str().unwrap());
    assert!(what.contains(needle), "{needle:?} not in {v}");
    assert!(!hint.is_empty() && !what.starts_with("error"), "{v}");
    assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
    v
}

/// The subcommands below `path`, read from its `--help` (so a subcommand added later is
/// covered without editing the test).
fn subcommands(path: &[String]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let help = stdout(&byoip(&args));
    let Some(list) = help.split("Commands:\n").nth(1) else {
        return vec![path.to_vec()];
    };
    list.lines()
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .flat_map(|name| {
            let mut p = path.to_vec();
            p.push(name.to_string());
            subcommands(&p)
        })
        .collect()
}

#[test]
fn every_subcommand_that_prints_a_result_takes_json() {
    let all = subcommands(&[]);
    assert!(all.len() >= 14, "{all:?}");
    for sub in all {
        // These print a script or a manual page, not a result.
        if sub == ["completions"] || sub == ["man"] {
            continue;
        }
        let mut args: Vec<&str> = sub.iter().map(String::as_str).collect();
        args.push("--help");
        let o = byoip(&args);
        assert!(o.status.success(), "{sub:?}");
        assert!(stdout(&o).contains("--json"), "{sub:?} has no --json");
    }
}

#[test]
fn sign_json_is_format_json() {
    let key = testdata("demo-key.pem");
    let o = byoip(&[
        "sign",
        "--key",
        key.to_str().unwrap(),
        "--message",
        MSG,
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let b: serde_json::Value = serde_json::from_str(&stdout(&sign_msg(&key, "json"))).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&a), keys(&b));
    assert_eq!(a["message"], MSG);
    // --json and another --format contradict each other.
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        MSG,
        "--json",
        "--format",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // batch sign --json is its JSON list.
    let dir = tempdir();
    std::fs::copy(testdata("demo-key.pem"), dir.path().join("k.pem")).unwrap();
    let manifest = dir.path().join("byoip.toml");
    std::fs::write(
        &manifest,
        "account = \"123456789012\"\nkey = \"k.pem\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
    )
    .unwrap();
    let o = byoip(&[
        "batch",
        "sign",
        "--manifest",
        manifest.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["cidr"], "198.51.100.0/24", "{v}");
}

#[test]
fn errors_in_json_mode_are_json_on_stdout_with_the_same_exit_code() {
    let missing = "/nonexistent/byoip-test.pem";
    let ctx = format!("Message=\"{MSG}\",Signature=\"abcd\"");
    for args in [
        vec!["verify", "--cert", missing, "--context", &ctx, "--json"],
        vec!["sign", "--key", missing, "--message", MSG, "--json"],
        vec![
            "sign",
            "--key",
            missing,
            "--message",
            MSG,
            "--format",
            "json",
        ],
        vec!["sign", "--key", missing, "--message", MSG, "--format=json"],
        vec!["batch", "sign", "--manifest", missing, "--json"],
        vec!["audit", "--manifest", missing, "--json"],
        vec!["inspect", missing, "--json"],
        vec![
            "message",
            "--account",
            "1234",
            "--cidr",
            "198.51.100.0/24",
            "--json",
        ],
    ] {
        let o = byoip(&args);
        json_error(&o, if args[0] == "message" { "1234" } else { "" });
        // The one-line form stays on stderr, for a person watching (after any warning
        // about the input, such as MSG's documentation prefix).
        let err = stderr(&o);
        let error = err
            .lines()
            .find(|l| !l.starts_with("warning: "))
            .unwrap_or_default();
        assert!(
            error.starts_with("error: ") && error.contains("; hint: "),
            "{args:?}: {err}"
        );
    }
    // A usage error clap finds is JSON too (exit 2), and names the culprit.
    json_error(&byoip(&["verify", "--json", "--bogus"]), "--bogus");
    // Without --json, stdout stays empty.
    let o = byoip(&["sign", "--key", missing, "--message", MSG]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let o = byoip(&["verify", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    // A verdict is not an error: verify --json of a bad signature is the report, exit 1.
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--context",
        &ctx,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["valid"].as_bool(), v["ok"].as_bool()),
        (Some(false), Some(false))
    );
}

/// A directory's entries, to prove that nothing (no `-`, no temporary file) was created.
fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::byoip_command(args, &[])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn out_dash_is_stdout_for_a_certificate_and_refused_for_a_private_key() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["keygen", "--out", "-", "--no-encrypt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert_eq!(
        stderr(&o),
        "error: a private key is never written to stdout; hint: give a file path\n"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));

    let o = run_in(
        dir.path(),
        &["cert", "--key", td("demo-key.pem"), "--out", "-"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pem = stdout(&o);
    assert!(
        pem.starts_with("-----BEGIN CERTIFICATE-----\n")
            && pem.ends_with("-----END CERTIFICATE-----\n")
            && !pem.contains('\r'),
        "{pem}"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    // What it printed is a certificate of the demo key.
    std::fs::write(dir.path().join("c.pem"), &pem).unwrap();
    let o = run_in(dir.path(), &["inspect", "c.pem", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let demo: serde_json::Value =
        serde_json::from_str(&stdout(&byoip(&["inspect", td("demo-cert.pem"), "--json"]))).unwrap();
    assert_eq!(
        v["certificates"][0]["spki_sha256"], demo["certificates"][0]["spki_sha256"],
        "{v}"
    );
    let o = run_in(
        dir.path(),
        &["cert", "--key", td("demo-key.pem"), "--out", "-", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["path"].is_null(), "{v}");
    assert!(
        v["pem"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----\n")
    );
    assert_eq!(entries(dir.path()), vec!["c.pem".to_string()]);

    // batch sign --out - is standard output too.
    std::fs::copy(testdata("demo-key.pem"), dir.path().join("k.pem")).unwrap();
    std::fs::write(
        dir.path().join("byoip.toml"),
        "account = \"123456789012\"\nkey = \"k.pem\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["batch", "sign", "--out", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["cidr"], "198.51.100.0/24");
    assert!(!dir.path().join("-").exists());
}

#[test]
fn cert_out_dash_shows_the_line_to_publish_on_stderr() {
    let o = byoip(&["cert", "--key", td("demo-key.pem"), "--out", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("-----BEGIN CERTIFICATE-----MII")),
        "{err}"
    );
}

/// `sign --service`: without it, aws-cli prints every service's command; with it (ec2
/// included), only that service's, in text too.
#[test]
fn sign_service_selects_the_provisioning_command() {
    let run = |service: Option<&str>, format: &str| {
        let mut args = vec![
            "sign",
            "--key",
            td("demo-key.pem"),
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--format",
            format,
        ];
        if let Some(s) = service {
            args.extend(["--service", s]);
        }
        let o = byoip(&args);
        assert!(o.status.success(), "{service:?} {format}: {}", stderr(&o));
        stdout(&o)
    };
    let ec2 = "aws ec2 provision-byoip-cidr ";
    let ipam = "aws ec2 provision-ipam-pool-cidr ";
    let ga = "aws globalaccelerator provision-byoip-cidr ";
    let has = |s: &str, want: [bool; 3]| {
        assert_eq!(
            [s.contains(ec2), s.contains(ipam), s.contains(ga)],
            want,
            "{s}"
        );
    };
    has(&run(None, "aws-cli"), [true, true, true]);
    has(&run(Some("ec2"), "aws-cli"), [true, false, false]);
    has(&run(Some("ipam"), "aws-cli"), [false, true, false]);
    has(&run(Some("ga"), "aws-cli"), [false, false, true]);
    has(&run(None, "text"), [true, false, false]);
    has(&run(Some("ec2"), "text"), [true, false, false]);
    has(&run(Some("ipam"), "text"), [false, true, false]);
    has(&run(Some("ga"), "text"), [false, false, true]);
}

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_byoip()"),
        ("zsh", "#compdef byoip"),
        ("fish", "complete -c byoip"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[byoip]"),
    ] {
        let o = byoip(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(marker), "{shell}: no {marker:?}");
        for sub in ["sign", "verify", "check", "keygen", "completions"] {
            assert!(s.contains(sub), "{shell}: no {sub}");
        }
    }
    let o = byoip(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    // The bash script works: completing `byoip si` offers `sign`, `byoip sign --ke` `--key`.
    let dir = tempdir();
    std::fs::write(
        dir.path().join("byoip.bash"),
        stdout(&byoip(&["completions", "bash"])),
    )
    .unwrap();
    let got = sh(
        dir.path(),
        "bash -c '. ./byoip.bash; COMP_WORDS=(byoip si); COMP_CWORD=1; _byoip byoip si byoip; echo \"${COMPREPLY[*]}\"; \
         COMP_WORDS=(byoip sign --ke); COMP_CWORD=2; _byoip byoip --ke sign; echo \"${COMPREPLY[*]}\"'",
    );
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines, ["sign", "--key"], "{got}");
}

#[test]
fn man_prints_a_roff_page_for_byoip_and_for_each_subcommand() {
    let o = byoip(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains("\n.TH byoip 1 "), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("\\fBbyoip\\-sign\\fR(1)") && page.contains("Exit codes"));
    let o = byoip(&["man", "batch", "sign"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(
        page.contains("\n.TH byoip-batch-sign 1 ") && page.contains("\\-\\-manifest"),
        "{page}"
    );
    assert_one_line_error(&byoip(&["man", "nosuch"]), "no subcommand \"nosuch\"");
}

#[test]
fn man_dir_installs_every_page_and_replaces_them_only_with_force() {
    let dir = tempdir();
    let man1 = dir.path().join("man1");
    let man1_arg = man1.to_str().unwrap();
    let o = byoip(&["man", "--dir", man1_arg]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed: Vec<String> = stdout(&o).lines().map(String::from).collect();
    for page in [
        "byoip.1",
        "byoip-check.1",
        "byoip-batch-check.1",
        "byoip-dns-token-plan.1",
    ] {
        let path = man1.join(page);
        assert!(listed.contains(&path.display().to_string()), "{listed:?}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(".SH \"EXIT STATUS\""), "{page}");
    }
    assert_one_line_error(&byoip(&["man", "--dir", man1_arg]), "already exists");
    let o = byoip(&["man", "--dir", man1_arg, "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Runs `verify` of a valid signature with `env` (NO_COLOR removed first) and `args`
/// added; true when the verdict is coloured.
fn coloured(env: &[(&str, &str)], args: &[&str]) -> bool {
    let signed: serde_json::Value =
        serde_json::from_str(&stdout(&sign_msg(&testdata("demo-key.pem"), "json"))).unwrap();
    let mut c = common::byoip_command(
        &[
            "verify",
            "--cert",
            td("demo-cert.pem"),
            "--context",
            signed["context"].as_str().unwrap(),
        ],
        &[],
    );
    c.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM")
        .envs(env.iter().copied());
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).contains("\x1b[")
}

#[test]
fn color_flag_and_environment() {
    // In a pipe: no colour unless asked.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&[], &["--color", "always"]));
    assert!(coloured(&[("NO_COLOR", "1")], &["--color=always"]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!coloured(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &[]
    ));
    // --color is global: accepted before the subcommand too.
    let o = byoip(&["--color", "never", "lint", MSG]);
    assert!(o.status.success(), "{}", stderr(&o));
    // clap's own help follows it as well; a usage error is one plain line like every
    // other error.
    assert!(stdout(&byoip(&["--color", "always", "sign", "--help"])).contains("\x1b["));
    assert!(!stdout(&byoip(&["sign", "--help"])).contains("\x1b["));
    let err = stderr(&byoip(&["sign", "--color=always", "--bogus"]));
    assert!(!err.contains("\x1b["), "{err}");
    assert!(
        err.starts_with("error: unexpected argument '--bogus' found; hint: "),
        "{err}"
    );
    assert!(!stderr(&byoip(&["sign", "--bogus"])).contains("\x1b["));
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_or_term_dumb() {
    require("script (util-linux)", "command -v script");
    let dir = tempdir();
    let run = |env: &str| {
        let cmd = format!(
            "{} verify --cert {} --key {} --message '{MSG}' --signature x",
            env!("CARGO_BIN_EXE_byoip"),
            td("demo-cert.pem"),
            td("demo-key.pem"),
        );
        let (_, transcript) = sh_status(
            dir.path(),
            &format!("env -u NO_COLOR -u CLICOLOR_FORCE {env} script -qec \"{cmd}\" /dev/null"),
        );
        assert!(transcript.contains("INVALID"), "{transcript}");
        transcript.contains("\x1b[")
    };
    assert!(run("TERM=xterm"));
    assert!(!run("TERM=dumb"));
    assert!(!run("TERM=xterm NO_COLOR=1"));
}

#[test]
fn a_bad_subject_gets_a_subject_hint() {
    let dir = tempdir();
    let out = dir.path().join("c.pem");
    let o = byoip(&[
        "cert",
        "--key",
        td("demo-key.pem"),
        "--out",
        out.to_str().unwrap(),
        "--subject",
        "bogus",
    ]);
    assert_one_line_error(&o, "subject \"bogus\" is not a distinguished name");
    let err = stderr(&o);
    assert!(
        err.contains("hint: write it as CN=name") && !err.contains("X.509 certificate"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_certificate_given_as_key_is_refused_without_a_permissions_warning() {
    let dir = tempdir();
    let cert = dir.path().join("cert.pem");
    std::fs::copy(testdata("demo-cert.pem"), &cert).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cert, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let o = byoip(&["sign", "--key", cert.to_str().unwrap(), "--message", MSG]);
    assert_one_line_error(&o, "holds a CERTIFICATE");
    assert!(!stderr(&o).contains("readable by group"), "{}", stderr(&o));
}

/// `byoip cert` and `byoip keygen` need `--out`: a hint that suggests them, anywhere in the
/// program, says so (the text between the backticks is a command that runs).
#[test]
fn hints_suggest_commands_that_run() {
    // The library's sources and the command's.
    let src = common::root().join("src");
    let mut files = vec![src.clone(), common::root().join("cli/src")];
    let mut bad = Vec::new();
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for cmd in ["`byoip cert", "`byoip keygen"] {
                for (at, _) in line.match_indices(cmd) {
                    let rest = &line[at + 1..];
                    let quoted = &rest[..rest.find('`').unwrap_or(rest.len())];
                    if !quoted.contains("--out") {
                        bad.push(format!("{}:{}: {quoted}", p.display(), i + 1));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn counts_are_real_plurals() {
    // One problem: a message that expires tomorrow (inside EC2's week of provisioning).
    let o = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "192.198.0.0/24",
        "--expires",
        "+1d",
    ]);
    let msg = stdout(&o).trim().to_string();
    assert!(msg.starts_with("1|aws|"), "{}", stderr(&o));
    let o = byoip(&["lint", &msg]);
    let s = stdout(&o);
    assert!(s.starts_with("1 problem:\n"), "{s}");
    assert!(s.contains("(1 day from now)"), "{s}");
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        &msg,
        "--signature",
        "abcd",
    ]);
    assert!(
        stdout(&o).contains("message lint: 1 problem,"),
        "{}",
        stdout(&o)
    );
    let o = byoip(&["inspect", &msg]);
    assert!(stdout(&o).contains("expires in 1 day ("), "{}", stdout(&o));
    // Two problems are plural.
    let o = byoip(&[
        "lint",
        "1|aws|123456789012|192.198.0.0/25|20200101|SHA256|RSAPSS",
    ]);
    assert!(stdout(&o).starts_with("2 problems:\n"), "{}", stdout(&o));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!all.contains("(s)") && !all.contains(" 1 days"), "{all}");
}

/// User-facing text cites AWS pages by name, never an internal document tag.
#[test]
fn no_internal_document_tags_in_messages() {
    for (msg, service) in [
        (
            "1|aws|123456789012|198.51.100.0/25|20991231|SHA256|RSAPSS",
            "ec2",
        ),
        (
            "1|aws|123456789012|2001:db8::/56|20991231|SHA256|RSAPSS",
            "ec2",
        ),
        (
            "1|aws|123456789012|198.51.100.0/23|20991231|SHA256|RSAPSS",
            "ga",
        ),
        (
            "1|aws|123456789012|2001:db8::/48|20991231|SHA256|RSAPSS",
            "ga",
        ),
    ] {
        let o = byoip(&["lint", msg, "--service", service]);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains("prefix.size"), "{all}");
        assert!(
            all.contains("Amazon EC2") || all.contains("Global Accelerator Developer Guide"),
            "{all}"
        );
        for tag in ["-CUR", "-GIT", "SPEC"] {
            assert!(!all.contains(tag), "{tag} in {all}");
        }
    }
}

#[test]
fn printed_pem_has_no_carriage_returns() {
    for args in [
        vec!["inspect", td("keys/public.pem")],
        vec!["inspect", td("keys/public.pem"), "--json"],
        vec!["inspect", td("keys/pkcs8.pem")],
        vec!["cert", "--key", td("demo-key.pem"), "--out", "-"],
        vec!["cert", "--key", td("demo-key.pem"), "--out", "-", "--json"],
    ] {
        let o = byoip(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains("-----BEGIN"), "{args:?}: {s}");
        assert!(
            !s.contains('\r') && !s.contains("\\r"),
            "{args:?}: CR in {s:?}"
        );
    }
}

/// Whether `actual` is `pattern`, where each `<…>` of the pattern stands for one or more
/// digits (a date or a day count: what changes from day to day).
fn matches_placeholders(pattern: &str, actual: &str) -> bool {
    let mut rest = actual;
    let mut parts = pattern.split('<');
    let first = parts.next().unwrap_or("");
    let Some(r) = rest.strip_prefix(first) else {
        return false;
    };
    rest = r;
    for part in parts {
        let Some((_, literal)) = part.split_once('>') else {
            return false;
        };
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        let Some(r) = rest[digits..].strip_prefix(literal) else {
            return false;
        };
        rest = r;
    }
    rest.is_empty()
}

/// Whether the lines `got` are the lines `expected`, each matched by [`matches_placeholders`],
/// where a line that is `…` alone stands for any lines (none included).
fn lines_match(expected: &[&str], got: &[&str]) -> bool {
    match expected.split_first() {
        None => got.is_empty(),
        Some((&"…", rest)) => (0..=got.len()).any(|skip| lines_match(rest, &got[skip..])),
        Some((e, rest)) => got
            .split_first()
            .is_some_and(|(g, more)| matches_placeholders(e, g) && lines_match(rest, more)),
    }
}

#[test]
fn an_ellipsis_line_stands_for_any_lines_and_nothing_else_does() {
    assert!(lines_match(&["a", "…", "z"], &["a", "b", "c", "z"]));
    assert!(lines_match(&["a", "…", "z"], &["a", "z"]));
    assert!(lines_match(&["…", "READY: <N>"], &["x", "READY: 12"]));
    assert!(!lines_match(&["a", "…", "z"], &["a", "b"]));
    assert!(!lines_match(&["a", "z"], &["a", "b", "z"]));
    assert!(!lines_match(&["…", "READY"], &["NOT READY"]));
    assert!(!lines_match(&["a"], &["a", "b"]));
}

/// The examples with output in the README and in `docs/` run as written, `byoip` being this
/// build, from the repository root; what they print matches what the page shows, `<…>`
/// standing for digits that change with the date and a line `…` for lines left out. An
/// example whose output ends in a verdict (`READY`, `NOT READY`, `INCOMPLETE`) exits as that
/// verdict says: 0 for `READY`, 1 otherwise.
#[test]
fn readme_and_docs_examples_print_what_they_show() {
    let root = &common::root();
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_byoip"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |script: &str| {
        std::process::Command::new("sh")
            .env("BYOIP_NOW", common::NOW)
            .env("BYOIP_RIPESTAT_URL", common::CLOSED_RIPESTAT)
            .arg("-c")
            .arg(script)
            .current_dir(root)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("BYOIP_PASSPHRASE")
            .output()
            .unwrap()
    };
    let (mut blocks, mut messages, mut verdicts) = (0, 0, 0);
    let mut readme_blocks = 0;
    for page in &pages {
        let name = page.strip_prefix(root).unwrap().display().to_string();
        let text = std::fs::read_to_string(page).unwrap();
        // Every `console` block: `$ ` lines (with `\` continuations) are the commands, the
        // rest is what the last one prints.
        for block in text.split("```console\n").skip(1) {
            let block = &block[..block.find("```").unwrap()];
            let (mut script, mut expected, mut in_cmd) = (String::new(), Vec::new(), false);
            for line in block.lines() {
                if let Some(cmd) = line.strip_prefix("$ ") {
                    script += cmd;
                    script.push('\n');
                    in_cmd = cmd.ends_with('\\');
                    expected.clear();
                } else if in_cmd {
                    script += line;
                    script.push('\n');
                    in_cmd = line.ends_with('\\');
                } else {
                    expected.push(line);
                }
            }
            // Only examples that byoip alone runs (not one that needs the AWS CLI).
            let byoip_only = script.lines().all(|l| {
                let l = l.trim_start();
                l.starts_with("byoip ") || l.contains("=$(byoip ") || l.starts_with("--")
            });
            if !byoip_only {
                continue;
            }
            let o = run(&script);
            let got = stdout(&o);
            let got: Vec<&str> = got.lines().collect();
            assert!(
                lines_match(&expected, &got),
                "{name}: {script}\nshows:\n{}\nprints:\n{}",
                expected.join("\n"),
                got.join("\n")
            );
            let last = expected.last().copied().unwrap_or_default();
            let verdict = ["READY", "NOT READY", "INCOMPLETE"]
                .into_iter()
                .find(|v| last.starts_with(&format!("{v}:")));
            if let Some(verdict) = verdict {
                let code = if verdict == "READY" { 0 } else { 1 };
                assert_eq!(o.status.code(), Some(code), "{name}: {script}");
                verdicts += 1;
            }
            blocks += 1;
            if name == "README.md" {
                readme_blocks += 1;
            }
        }
        // `byoip message …` followed by `# OUTPUT` in an sh block.
        let lines: Vec<&str> = text.lines().collect();
        for w in lines.windows(2) {
            if w[0].starts_with("byoip message ")
                && let Some(want) = w[1].strip_prefix("# ")
            {
                let got = stdout(&run(w[0]));
                let want = want.replace("<YYYYMMDD, 30 days from today>", "<YYYYMMDD>");
                assert!(
                    matches_placeholders(&want, got.trim_end()),
                    "{name}: {want}\n{got}"
                );
                messages += 1;
            }
        }
    }
    // The README's quick start, and the examples of docs/commands.md.
    assert!(readme_blocks >= 1, "no console example in the README");
    assert!(blocks >= 7, "only {blocks} console examples found");
    assert!(verdicts >= 3, "only {verdicts} examples end in a verdict");
    assert!(messages >= 1, "no message example found");
}

/// What Cargo.toml declares is true of the repository: the licence files exist, and the
/// README names the same minimum Rust version.
#[test]
fn licence_files_and_minimum_rust_version_match_cargo_toml() {
    let root = &common::root();
    let toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(toml.contains("license = \"MIT OR Apache-2.0\""));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    let rust_version = toml
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml declares rust-version");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("with a Rust toolchain ({rust_version} or newer")),
        "README does not name Rust {rust_version}"
    );
    assert!(readme.contains("cargo install --locked --path cli"));
    // The command's package says the same as the library's.
    let cli = std::fs::read_to_string(root.join("cli/Cargo.toml")).unwrap();
    assert!(cli.contains("license = \"MIT OR Apache-2.0\""));
    assert!(cli.contains(&format!("rust-version = \"{rust_version}\"")));
}

/// `inspect --json` prints its flat report with the keys in alphabetical order, every kind
/// (here a context: the message's and the signature's facts side by side), as it always has.
#[test]
fn inspect_json_keys_stay_in_alphabetical_order() {
    let msg = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";
    let key = testdata("demo-key.pem");
    let o = byoip(&[
        "sign",
        "--key",
        key.to_str().unwrap(),
        "--account",
        "123456789012",
        "--cidr",
        "198.51.100.0/24",
        "--expires",
        "20271231",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let context = format!(
        "Message=\"{msg}\",Signature=\"{}\"",
        v["signature"].as_str().unwrap()
    );
    for input in [
        context.as_str(),
        msg,
        td("demo-cert.pem"),
        td("keys/public.pem"),
    ] {
        let text = stdout(&byoip(&["inspect", "--json", input]));
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("  \""))
            .map(|l| l.split('"').next().unwrap())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert!(keys.len() >= 2, "{text}");
        assert_eq!(keys, sorted, "{input}");
    }
}

/// Every certificate entry of `inspect --json` has the same fields, `null` where they do not
/// apply: a readable one (with `"error": null`) and one that cannot be read.
#[test]
fn inspect_certificate_entries_always_have_every_field() {
    let dir = tempdir();
    let two = dir.path().join("two.pem");
    let mut text = std::fs::read_to_string(testdata("demo-cert.pem")).unwrap();
    text += "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n";
    std::fs::write(&two, text).unwrap();
    let o = byoip(&["inspect", two.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2, "{v}");
    let keys = |c: &serde_json::Value| c.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&certs[0]), keys(&certs[1]), "{v}");
    assert!(
        certs[0]["error"].is_null() && certs[0]["spki_sha256"].is_string(),
        "{v}"
    );
    assert!(
        certs[1]["error"].is_string() && certs[1]["spki_sha256"].is_null(),
        "{v}"
    );
    for k in [
        "spki_sha256",
        "key_bits",
        "not_after",
        "self_signed",
        "one_line",
        "found_in",
    ] {
        assert!(certs[1].get(k).is_some(), "no {k} in {v}");
    }
}

/// An argument that is not UTF-8 is a usage error (exit 2), never a panic, even where the
/// raw arguments are read before clap (`--color`, `--json`).
#[cfg(unix)]
#[test]
fn a_non_utf8_argument_is_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    for extra in [&[][..], &["--json"][..], &["--color", "never"][..]] {
        let o = common::byoip_command(&["lint"], &[])
            .arg(std::ffi::OsStr::from_bytes(b"1|aws|\xff"))
            .args(extra)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {err}");
        assert!(!err.contains("panicked"), "{extra:?}: {err}");
        assert!(err.starts_with("error: "), "{extra:?}: {err}");
    }
}

/// `verify`'s text output shows the certificate's validity in one line, as its JSON does,
/// not only when it has expired.
#[test]
fn verify_text_shows_the_certificates_validity() {
    let sig = stdout(&sign_msg(&testdata("demo-key.pem"), "signature"));
    let args = [
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        MSG,
        "--signature",
        sig.trim(),
    ];
    let o = byoip(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let j: serde_json::Value = serde_json::from_str(&stdout(&byoip(&json_args))).unwrap();
    // "2126-11-01T19:45:12Z" in JSON: the same minute in the text.
    let not_after = j["certificate"]["not_after"].as_str().unwrap();
    let shown = format!("{} {} UTC", &not_after[..10], &not_after[11..16]);
    let days = j["certificate"]["days_left"].as_i64().unwrap();
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("certificate")).collect();
    assert_eq!(
        lines,
        [format!(
            "  certificate: valid until {shown} ({days} days left)"
        )],
        "{text}"
    );
}

/// clap's usage errors follow the house rule: one line `error: …; hint: …`, exit 2, with
/// the usage and the right `--help` in the hint; `--help` and `--version` stay clap's own.
#[test]
fn usage_errors_are_one_line_and_help_is_untouched() {
    for (args, what, hint) in [
        (
            &["sign", "--bogus"][..],
            "error: unexpected argument '--bogus' found; hint: ",
            "see `byoip sign --help`",
        ),
        (
            &["batch", "check", "--jobs", "0"][..],
            "error: invalid value '0' for '--jobs <N>'",
            "see `byoip batch check --help`",
        ),
        (
            &["sign"][..],
            "error: the following required arguments were not provided: --key <FILE>; hint: usage: byoip sign --key <FILE>",
            "see `byoip sign --help`",
        ),
        (
            &["batch"][..],
            "error: `byoip batch` needs a subcommand: sign, verify, check; hint: ",
            "see `byoip batch --help`",
        ),
        (
            &["mesage"][..],
            "error: unrecognized subcommand 'mesage'; hint: a similar subcommand exists: 'message'",
            "see `byoip --help`",
        ),
    ] {
        let o = byoip(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with(what), "{args:?}: {err}");
        assert!(err.trim_end().ends_with(hint), "{args:?}: {err}");
    }
    let help = byoip(&["sign", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Usage: byoip sign"));
    assert!(stdout(&help).lines().count() > 10);
    let version = byoip(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        stdout(&version),
        format!("byoip {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// An unknown --service is the library's typed error: what was given, and the names to
/// use as the hint, in one line.
#[test]
fn unknown_service_names_the_services_in_the_hint() {
    let o = byoip(&[
        "message",
        "--service",
        "vpc",
        "--account",
        "123456789012",
        "--cidr",
        "192.198.0.0/24",
    ]);
    assert_one_line_error(
        &o,
        "error: invalid value 'vpc' for '--service <SERVICE>': unknown service \"vpc\"; hint: use ec2, ipam, ga or cloudfront",
    );
}

/// The library's hints name no flag; the CLI gives its own: the passphrase's flag and
/// variable, and the command that makes an RSA key.
#[test]
fn passphrase_and_key_errors_name_the_clis_flags() {
    let key = td("keys/pkcs8-aes256.pem");
    let wrong = byoip_env(
        &[
            "sign",
            "--key",
            key,
            "--message",
            MSG,
            "--format",
            "signature",
        ],
        &[("BYOIP_PASSPHRASE", "not the passphrase")],
    );
    // The variable was used, not a --passphrase-file: the hint names what was used.
    assert_one_line_error(
        &wrong,
        "hint: check the passphrase in BYOIP_PASSPHRASE (its whole value is the passphrase), or unset it to be asked",
    );
    let d = tempdir();
    let file = d.path().join("pass.txt");
    std::fs::write(&file, "not the passphrase\n").unwrap();
    let wrong = byoip_env(
        &[
            "sign",
            "--key",
            key,
            "--passphrase-file",
            file.to_str().unwrap(),
            "--message",
            MSG,
        ],
        &[("BYOIP_PASSPHRASE", "not the passphrase either")],
    );
    assert_one_line_error(
        &wrong,
        "hint: check the passphrase; a passphrase file is read up to its first line break (BYOIP_PASSPHRASE or --passphrase-file FILE)",
    );
    let missing = d.path().join("no-such-file");
    let o = byoip(&[
        "sign",
        "--key",
        key,
        "--passphrase-file",
        missing.to_str().unwrap(),
        "--message",
        MSG,
        "--format",
        "signature",
    ]);
    assert_one_line_error(
        &o,
        "hint: check the passphrase's source: readable UTF-8 text whose first line is the passphrase (BYOIP_PASSPHRASE or --passphrase-file FILE)",
    );
    let ec = byoip(&[
        "sign",
        "--key",
        td("keys/ec-p256.pem"),
        "--message",
        MSG,
        "--format",
        "signature",
    ]);
    assert_one_line_error(&ec, "make an RSA-2048 key (`byoip keygen --out key.pem`)");
}

/// A private key given as the certificate is called a private key, and the hint says
/// where the key goes (the command's own --key, or none where it takes no key) and how its
/// certificate is made.
#[test]
fn a_private_key_given_as_the_certificate_is_named_with_where_it_goes() {
    let key = td("demo-key.pem");
    let o = byoip(&[
        "verify",
        "--cert",
        key,
        "--message",
        MSG,
        "--signature",
        "abc",
    ]);
    assert_one_line_error(&o, "holds a private key, not a certificate");
    let err = stderr(&o);
    let hint = err.split("; hint: ").nth(1).unwrap();
    assert!(
        hint.starts_with(
            "give the private key as --key, and as the certificate the one made from it"
        ),
        "{err}"
    );
    assert!(
        hint.contains(&format!("`byoip cert --key {key} --out cert.pem`")),
        "{err}"
    );
    // batch verify takes no key: its hint names none.
    let d = tempdir();
    std::fs::write(d.path().join("c.json"), "[]").unwrap();
    let o = byoip(&[
        "batch",
        "verify",
        "--cert",
        key,
        "--input",
        d.path().join("c.json").to_str().unwrap(),
    ]);
    assert_one_line_error(&o, "holds a private key, not a certificate");
    let err = stderr(&o);
    assert!(
        err.contains("; hint: give the certificate made from that key"),
        "{err}"
    );
}

/// `sign --message "$msg"$'\n'`: the newline is named with where to remove it, never with
/// "or `byoip sign`", the command already running.
#[test]
fn sign_names_a_newline_in_its_own_message_argument() {
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        &format!("{MSG}\n"),
    ]);
    assert_one_line_error(&o, "the message ends with a newline");
    let err = stderr(&o);
    assert!(err.contains("; hint: remove it from --message:"), "{err}");
    assert!(!err.contains("`byoip sign`"), "{err}");
    // lint still offers byoip's signer to whoever signs by other means.
    let o = byoip(&["lint", &format!("{MSG}\n")]);
    assert!(stdout(&o).contains("`byoip sign`"), "{}", stdout(&o));
}

/// Two flags that exclude each other are named, with "drop one": not clap's usage line,
/// which echoes the flags given back as if they were the advice.
#[test]
fn conflicting_flags_are_named_with_which_to_drop() {
    let o = byoip(&[
        "check",
        "--cidr",
        "192.198.0.0/24",
        "--cert",
        td("demo-cert.pem"),
        "--offline",
        "--local-only",
    ]);
    assert_one_line_error(&o, "cannot be used with");
    let err = stderr(&o);
    let hint = err.split("; hint: ").nth(1).unwrap().trim_end();
    assert!(
        hint == "drop --local-only or --offline (not both); see `byoip check --help`"
            || hint == "drop --offline or --local-only (not both); see `byoip check --help`",
        "{err}"
    );
    let o = byoip(&[
        "sign",
        "--key",
        "k",
        "--message",
        "m",
        "--message-file",
        "f",
    ]);
    let err = stderr(&o);
    assert!(!err.contains("usage:"), "{err}");
    assert!(
        err.contains("(not both)") && !err.contains("<MSG>;"),
        "{err}"
    );
}
