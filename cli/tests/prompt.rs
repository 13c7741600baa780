//! The no-echo passphrase prompt, driven through a real pseudo-terminal (`script` from
//! util-linux): keygen asks twice, sign asks once, and the typed passphrase is never echoed.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

/// Runs `byoip args` on a pty, typing each of `inputs` after a pause (so that echo is
/// already off, as for a person typing at the prompt). Returns (success, transcript).
fn on_terminal(dir: &std::path::Path, args: &str, inputs: &[&str]) -> (bool, String) {
    require("script (util-linux)", "command -v script");
    let typing: String = inputs
        .iter()
        .map(|i| format!("sleep 2; printf '%s\\n' '{i}'; "))
        .collect();
    let cmd = format!("{} {args}", env!("CARGO_BIN_EXE_byoip"));
    sh_status(
        dir,
        &format!(
            "({typing} sleep 1) | env -u BYOIP_PASSPHRASE NO_COLOR=1 BYOIP_IRR_SERVER={} script -qec \"{cmd}\" /dev/null",
            common::whoisd::CLOSED
        ),
    )
}

#[test]
fn keygen_asks_twice_without_echo() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let (ok, transcript) = on_terminal(
        dir.path(),
        "keygen --out k.pem",
        &["typed-secret-1", "typed-secret-1"],
    );
    assert!(ok, "{transcript}");
    assert!(
        transcript.contains("New passphrase for k.pem")
            && transcript.contains("Repeat the passphrase"),
        "{transcript}"
    );
    assert!(
        !transcript.contains("typed-secret-1"),
        "the passphrase was echoed: {transcript}"
    );
    assert!(
        sh_status(
            dir.path(),
            "openssl pkey -in k.pem -passin pass:typed-secret-1 -noout"
        )
        .0
    );
}

#[test]
fn keygen_refuses_two_different_passphrases() {
    let dir = tempdir();
    let (ok, transcript) = on_terminal(
        dir.path(),
        "keygen --out k.pem",
        &["first-one", "second-one"],
    );
    assert!(
        !ok && transcript.contains("the two passphrases differ"),
        "{transcript}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "a file was left behind"
    );
}

#[test]
fn sign_prompts_for_an_encrypted_key() {
    let dir = tempdir();
    let key = testdata("keys/pkcs8-aes256.pem");
    let args = format!(
        "sign --key {} --account 123456789012 --cidr 198.51.100.0/24 --format signature",
        key.display()
    );
    let (ok, transcript) = on_terminal(dir.path(), &args, &[PASS]);
    assert!(ok, "{transcript}");
    assert!(transcript.contains("Passphrase for"), "{transcript}");
    assert!(
        !transcript.contains(PASS),
        "the passphrase was echoed: {transcript}"
    );
    assert!(
        transcript.lines().any(|l| l.trim().len() == 344),
        "{transcript}"
    );
}

#[test]
fn batch_sign_asks_once_and_shows_progress_only_on_a_terminal() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::copy(testdata("keys/pkcs8-aes256.pem"), d.join("k.pem")).unwrap();
    sh(d, "chmod 600 k.pem");
    let prefixes: String = (0..40)
        .map(|i| format!("[[prefix]]\ncidr = \"23.0.{i}.0/24\"\n"))
        .collect();
    std::fs::write(
        d.join("byoip.toml"),
        format!("account = \"123456789012\"\nkey = \"k.pem\"\n{prefixes}"),
    )
    .unwrap();
    let (ok, transcript) = on_terminal(d, "batch sign --out c.json", &[PASS]);
    assert!(ok, "{transcript}");
    assert_eq!(
        transcript.matches("Passphrase for").count(),
        1,
        "one prompt for 40 prefixes: {transcript}"
    );
    assert!(transcript.contains("40/40 signed"), "{transcript}");
    assert!(!transcript.contains(PASS), "echoed: {transcript}");
    // The same off a terminal: no progress anywhere.
    let o = byoip_env(
        &[
            "batch",
            "sign",
            "--manifest",
            d.join("byoip.toml").to_str().unwrap(),
        ],
        &[("BYOIP_PASSPHRASE", PASS)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("/40 signed"), "{}", stderr(&o));
    assert!(!stdout(&o).contains("/40 signed"));
}

/// While `check` waits for a server, a terminal shows what it is fetching (stderr); a pipe
/// never gets that line.
#[test]
fn check_shows_what_it_fetches_on_a_terminal_only() {
    use common::httpd::{Reply, Server};
    let server = Server::start(|_, _| Reply::Stall);
    let dir = tempdir();
    let args = format!(
        "check --cidr 192.198.0.0/24 --cert {} --vrps {} --rdap-url {}/rdap/ --no-cache --timeout 1 --retries 0",
        testdata("demo-cert.pem").display(),
        testdata("vrp/100.csv").display(),
        server.base
    );
    let (_, transcript) = on_terminal(dir.path(), &args, &[]);
    assert!(
        transcript.contains(&format!("fetching {}/rdap/ip/192.198.0.0/24", server.base)),
        "{transcript}"
    );
    let piped = byoip(&args.split(' ').collect::<Vec<_>>());
    assert!(!stderr(&piped).contains("fetching"), "{}", stderr(&piped));
    assert_eq!(piped.status.code(), Some(2));
}
