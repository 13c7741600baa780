//! The library says what to do in its own words; the CLI still names its flags and
//! commands (cli/src/advice.rs). Each test runs the real binary on a case whose advice
//! the library now words without flags, and finds the flag in what the CLI prints.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::httpd::{Reply, Server};
use common::{MSG, byoip, sign_msg, stderr, stdout, tempdir, testdata};

fn text(o: &std::process::Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn signature() -> String {
    let o = sign_msg(&testdata("demo-key.pem"), "signature");
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

fn cert() -> String {
    testdata("demo-cert.pem").to_str().unwrap().to_string()
}

#[test]
fn check_offline_without_evidence_names_the_flags_that_give_it() {
    let cert = cert();
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "198.51.100.0/24",
        "--cert",
        &cert,
    ]);
    let t = stdout(&o);
    for flag in [
        "no message given (--message with --signature, or --context)",
        "offline and no --rdap-file",
        "offline and no --vrps",
        // The checks that did not run name what gives their evidence, and what saves it.
        "hint: --rdap-file FILE; `byoip rdap fetch --cidr 198.51.100.0/24 --out FILE`\n",
        "hint: --vrps FILE; `byoip roa fetch --cidr 198.51.100.0/24 --out FILE`\n",
    ] {
        assert!(t.contains(flag), "{flag}: {t}");
    }
    // --json carries the same words: the report is mapped before it is rendered.
    let o = byoip(&[
        "check",
        "--offline",
        "--json",
        "--cidr",
        "198.51.100.0/24",
        "--cert",
        &cert,
    ]);
    assert!(
        stdout(&o).contains("offline and no --rdap-file"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_local_only_says_so_by_its_flag() {
    let cert = cert();
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        "198.51.100.0/24",
        "--cert",
        &cert,
    ]);
    let t = stdout(&o);
    assert!(
        t.contains("--local-only: the registry record was not checked"),
        "{t}"
    );
    assert!(
        t.ends_with("\nNOT READY: 1 failed, 0 warnings, 5 passed, 15 skipped; 6 reasons above\n"),
        "{t}"
    );
    assert_eq!(o.status.code(), Some(1), "{t}");
}

#[test]
fn check_message_comparisons_name_account_and_cidr() {
    let sig = signature();
    let cert = cert();
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        "198.51.100.0/24",
        "--cert",
        &cert,
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    let t = stdout(&o);
    assert!(
        t.contains("the message's CIDR is 198.51.100.0/24, as --cidr"),
        "{t}"
    );
    assert!(
        t.contains("the message names account 123456789012; give --account to compare"),
        "{t}"
    );
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        "198.51.101.0/24",
        "--cert",
        &cert,
        "--account",
        "123456789013",
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    let t = stdout(&o);
    assert!(t.contains("--account is 123456789013"), "{t}");
    assert!(t.contains("--cidr says \"198.51.101.0/24\""), "{t}");
    assert!(t.contains("(`byoip sign --cidr …`)"), "{t}");
}

#[test]
fn lint_advice_names_the_sign_and_message_commands() {
    // An expiry inside the provisioning window.
    let m = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "198.51.100.0/24",
        "--expires",
        "+3d",
    ]);
    let soon = stdout(&m);
    for (message, advice) in [
        (
            "1|aws|123456789012|198.51.100.0/24|20200101|SHA256|RSAPSS",
            "a future date (`byoip sign`; --expires YYYYMMDD or +Nd)",
        ),
        (
            "1|aws|198.51.100.0/24|20240101|20271231|ARIN|SHA256|RSAPSS",
            "build it from the account and the CIDR (`byoip message` writes it)",
        ),
        (
            soon.trim(),
            "days from signing (`byoip sign`; --expires YYYYMMDD or +Nd)",
        ),
        (
            "not a message",
            "build it from its fields (`byoip message` writes it)",
        ),
        (
            "1|aws|123456789012|198.51.100.0/24|2027123|SHA256|RSAPSS",
            "YYYYMMDD (`byoip message` writes it; --expires YYYYMMDD or +Nd)",
        ),
    ] {
        let o = byoip(&["lint", message]);
        assert!(text(&o).contains(advice), "{message}: {}", text(&o));
    }
}

#[test]
fn plain_http_is_refused_with_the_flag_that_allows_it() {
    let dir = tempdir();
    let out = dir.path().join("r.json");
    let o = byoip(&[
        "rdap",
        "fetch",
        "--cidr",
        "198.51.100.0/24",
        "--rdap-url",
        "http://rdap.example.net/",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        stderr(&o).contains("if you really mean an unencrypted server (--allow-http)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_redirect_names_rdap_url_and_a_failing_server_offline() {
    let server = Server::start(|path, _| {
        if path.starts_with("/moved/") {
            Reply::status(302)
        } else {
            Reply::status(503)
        }
    });
    let (cert, vrps) = (cert(), testdata("vrp/100.csv"));
    let run = |base: &str| {
        byoip(&[
            "check",
            "--cidr",
            "192.198.0.0/24",
            "--cert",
            &cert,
            "--vrps",
            vrps.to_str().unwrap(),
            "--rdap-url",
            &format!("{}/{base}/", server.base),
            "--no-cache",
            "--retries",
            "0",
        ])
    };
    let o = run("moved");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        stderr(&o).contains("name the registry's RDAP server (--rdap-url)"),
        "{}",
        stderr(&o)
    );
    let o = run("down");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        stderr(&o).contains("use saved data instead of the network (--offline)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_contexts_file_of_another_shape_names_batch_sign() {
    let dir = tempdir();
    let f = dir.path().join("contexts.json");
    std::fs::write(&f, "{\"not\": \"a list\"}").unwrap();
    let o = byoip(&[
        "batch",
        "verify",
        "--cert",
        &cert(),
        "--input",
        f.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        stderr(&o).contains("(--input FILE, as `byoip batch sign --out FILE` writes it)"),
        "{}",
        stderr(&o)
    );
}

/// A message without its CIDR or date field: what to do is to build it from its fields,
/// which the CLI names as `byoip message`.
#[test]
fn a_message_missing_a_field_names_the_message_command() {
    let cert = cert();
    let o = byoip(&[
        "check",
        "--local-only",
        "--cidr",
        "198.51.100.0/24",
        "--cert",
        &cert,
        "--account",
        "123456789012",
        "--message",
        "1|aws|123456789012",
        "--signature",
        &signature(),
    ]);
    let t = stdout(&o);
    for line in [
        "FAIL  message.cidr          the message has no CIDR field\n                            hint: build the message from its fields (`byoip message` writes it)",
        "FAIL  message.expiry        the message has no date field\n                            hint: build the message from its fields (`byoip message` writes it)",
    ] {
        assert!(t.contains(line), "{t}");
    }
}

/// What the per-cloud table says (a cloud's prefix sizes, the registries it takes) is named
/// as the command that prints it, `byoip clouds`.
#[test]
fn the_per_cloud_table_is_named_as_byoip_clouds() {
    let o = byoip(&[
        "check",
        "--cloud",
        "oci",
        "--local-only",
        "--cidr",
        "198.51.100.0/25",
    ]);
    assert!(
        stdout(&o).contains(
            "hint: bring a prefix of a size Oracle accepts (the per-cloud table lists them) (`byoip clouds`)"
        ),
        "{}",
        stdout(&o)
    );
    let o = byoip(&[
        "check",
        "--cloud",
        "oci",
        "--offline",
        "--cidr",
        "2801:10:c000::/48",
        "--rdap-file",
        common::td("rdap/lacnic_2801_10_c000__.json"),
    ]);
    assert!(
        stdout(&o).contains(
            "hint: Oracle takes space registered at the registries it documents (see the per-cloud table) (`byoip clouds`)"
        ),
        "{}",
        stdout(&o)
    );
}
