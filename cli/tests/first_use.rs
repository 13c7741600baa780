//! What a newcomer's first mistakes print: a missing file, empty input, a flag a format
//! cannot carry, a manifest value in the wrong place, an encrypted key with no terminal.
//! Each is one line on stderr, exit 2, saying what is wrong and what to do.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, path::Path, process::Output};

use common::*;

/// `byoip ARGS` run in `dir`, with no terminal and empty standard input.
fn byoip_in(dir: &Path, args: &[&str]) -> Output {
    byoip_command(args, &[])
        .current_dir(dir)
        .output()
        .expect("run byoip")
}

const LAX: &str = "us-west-2-lax-1";

/// [`assert_one_line_error`], after the warnings a documentation prefix (198.51.100.0/24)
/// draws: exit 2, no stdout, and one `error: …; hint: …` line, containing `needle`.
fn assert_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(stdout(o).is_empty(), "{}", stdout(o));
    let (errors, others): (Vec<&str>, Vec<&str>) =
        err.lines().partition(|l| l.starts_with("error: "));
    assert!(others.iter().all(|l| l.starts_with("warning: ")), "{err}");
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].contains("; hint: "), "{err}");
    assert!(errors[0].contains(needle), "want {needle:?}: {err}");
}

#[test]
fn inspect_says_a_missing_file_does_not_exist() {
    let dir = tempdir();
    for name in ["nope.pem", "keys/nope.der"] {
        let o = byoip_in(dir.path(), &["inspect", name]);
        assert_one_line_error(&o, &format!("file {name:?} does not exist"));
        assert!(
            stderr(&o).contains("hint: check the path"),
            "{}",
            stderr(&o)
        );
    }
    // A word that names no file is still text byoip cannot tell.
    let o = byoip_in(dir.path(), &["inspect", "hello"]);
    assert_one_line_error(&o, "cannot tell what this is");
}

#[test]
fn lint_says_empty_input_is_empty() {
    // Standard input is empty (the tests' stdin is null), as after a failed pipe.
    let o = byoip(&["lint", "-"]);
    assert_one_line_error(&o, "the input is empty");
    assert!(!stderr(&o).contains("fields"), "{}", stderr(&o));
    let dir = tempdir();
    fs::write(dir.path().join("m.txt"), "\n").unwrap();
    let o = byoip_in(dir.path(), &["lint", "--file", "m.txt"]);
    assert_one_line_error(&o, "\"m.txt\" holds no message");
}

fn sign_with_group(format: &str) -> Output {
    byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--message",
        MSG,
        "--network-border-group",
        LAX,
        "--format",
        format,
    ])
}

#[test]
fn sign_aws_cli_with_a_border_group_prints_only_ec2s_commands() {
    let o = sign_with_group("aws-cli");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("aws ec2 provision-byoip-cidr"), "{out}");
    assert!(
        out.contains(&format!("--network-border-group {LAX}")),
        "{out}"
    );
    for other in [
        "provision-ipam-pool-cidr",
        "globalaccelerator",
        "CloudFront",
        "IPAM",
    ] {
        assert!(!out.contains(other), "{other} in:\n{out}");
    }
}

#[test]
fn sign_terraform_refuses_a_border_group_it_cannot_carry() {
    let o = sign_with_group("terraform");
    assert_error(
        &o,
        "--format terraform cannot place a prefix in a Local Zone",
    );
    assert!(stderr(&o).contains("--format aws-cli"), "{}", stderr(&o));
}

#[test]
fn sign_help_lists_cloudfront_among_aws_clis_commands() {
    let o = byoip(&["sign", "--help"]);
    let help = stdout(&o);
    let line = help
        .lines()
        .skip_while(|l| !l.contains("aws-cli:"))
        .take(2)
        .collect::<String>();
    assert!(line.contains("CloudFront"), "{line}");
}

/// A manifest in `dir`, with the demo key.
fn manifest(dir: &Path, text: &str) {
    let text = format!(
        "key = {:?}\ncert = {:?}\n{text}",
        testdata("demo-key.pem"),
        testdata("demo-cert.pem")
    );
    fs::write(dir.join("byoip.toml"), text).unwrap();
}

#[test]
fn manifest_border_group_on_ipam_names_the_key_and_its_line() {
    let dir = tempdir();
    manifest(
        dir.path(),
        "account = \"123456789012\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\nservice = \"ipam\"\nnetwork_border_group = \"us-west-2-lax-1\"\n",
    );
    let o = byoip_in(dir.path(), &["batch", "sign"]);
    assert_one_line_error(&o, "byoip.toml line 7:");
    let err = stderr(&o);
    assert!(
        err.contains("hint: remove network_border_group (line 7)"),
        "{err}"
    );
    assert!(!err.contains("--network-border-group"), "{err}");
}

#[test]
fn manifest_past_expires_is_named_at_its_own_line() {
    let dir = tempdir();
    manifest(
        dir.path(),
        "account = \"123456789012\"\nexpires = \"20250101\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
    );
    let o = byoip_in(dir.path(), &["batch", "sign"]);
    assert_error(&o, "byoip.toml line 4: the message expired on 2025-01-01");
    let err = stderr(&o);
    assert!(
        err.contains("hint: set expires in the manifest to a future date"),
        "{err}"
    );
    assert!(!err.contains("byoip sign --expires"), "{err}");
}

#[test]
fn manifest_bare_account_is_told_to_quote_it_by_name() {
    let dir = tempdir();
    fs::write(
        dir.path().join("byoip.toml"),
        "account = 123456789012\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
    )
    .unwrap();
    let o = byoip_in(dir.path(), &["batch", "sign"]);
    assert_one_line_error(&o, "hint: account is a string: quote it");
    assert!(!stderr(&o).contains("values in the manifest are strings"));
}

#[test]
fn an_encrypted_key_without_a_terminal_says_there_is_none() {
    let dir = tempdir();
    let key = td("keys/pkcs8-aes256.pem");
    manifest(
        dir.path(),
        "account = \"123456789012\"\nexpires = \"20271231\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
    );
    let toml = fs::read_to_string(dir.path().join("byoip.toml"))
        .unwrap()
        .replace(td("demo-key.pem"), key)
        .replace(&format!("cert = {:?}\n", testdata("demo-cert.pem")), "");
    fs::write(dir.path().join("byoip.toml"), toml).unwrap();
    let out = dir.path().join("c.pem");
    for args in [
        vec!["cert", "--key", key, "--out", out.to_str().unwrap()],
        vec!["sign", "--key", key, "--message", MSG],
        vec![
            "check",
            "--cidr",
            "198.51.100.0/24",
            "--key",
            key,
            "--offline",
        ],
        vec!["batch", "sign"],
    ] {
        let o = byoip_in(dir.path(), &args);
        assert_error(&o, "no terminal to ask for a passphrase");
        let err = stderr(&o);
        assert!(
            err.contains(
                "hint: supply the key's passphrase (BYOIP_PASSPHRASE or --passphrase-file FILE)"
            ),
            "{args:?}: {err}"
        );
        assert!(!err.contains("prompt"), "{args:?}: {err}");
    }
}

#[test]
fn a_missing_file_a_manifest_names_is_looked_for_beside_it() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let text = format!(
        "account = \"123456789012\"\ncert = {:?}\nexpires = \"20271231\"\nvrps = \"vrps.json\"\ncontexts = \"c.json\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
        testdata("demo-cert.pem")
    );
    fs::write(dir.path().join("sub/m.toml"), text).unwrap();
    for (args, key) in [
        (
            vec!["batch", "check", "--manifest", "sub/m.toml", "--offline"],
            "vrps",
        ),
        (
            vec!["batch", "check", "--manifest", "sub/m.toml", "--local-only"],
            "contexts",
        ),
        (
            vec!["batch", "verify", "--manifest", "sub/m.toml"],
            "contexts",
        ),
    ] {
        let o = byoip_in(dir.path(), &args);
        let file = if key == "vrps" { "vrps.json" } else { "c.json" };
        assert_one_line_error(&o, &format!("the {key} file \"sub/{file}\" does not exist"));
        assert!(
            stderr(&o).contains("relative to the manifest's folder (sub)"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn batch_check_without_a_manifest_here_names_the_flag() {
    let dir = tempdir();
    for cmd in ["check", "sign"] {
        let o = byoip_in(dir.path(), &["batch", cmd]);
        assert_one_line_error(&o, "no byoip.toml in the current folder");
        assert!(stderr(&o).contains("--manifest FILE"), "{}", stderr(&o));
    }
}

/// `--manifest -` reads the manifest from standard input, as `-` names standard input for
/// every file byoip reads; the "does not exist" advice is for a path that is not there.
#[test]
fn a_manifest_on_standard_input_is_read_not_called_missing() {
    use std::io::Write;
    let dir = tempdir();
    let manifest = format!(
        "account = \"123456789012\"\nkey = \"{}\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
        testdata("demo-key.pem").display()
    );
    let mut child = byoip_command(&["batch", "sign", "--manifest", "-", "--out", "-"], &[])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run byoip");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(manifest.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let contexts: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(contexts[0]["cidr"], "192.198.0.0/24", "{contexts}");
}

/// A file's name given where its text is expected (--signature sig.txt, --message msg.txt):
/// the hint of the text being wrong adds the flag that reads the file, in verify, sign
/// and check alike.
#[test]
fn a_file_name_given_as_the_text_points_to_the_file_flag() {
    let d = tempdir();
    fs::write(d.path().join("sig.txt"), "not a signature\n").unwrap();
    fs::write(d.path().join("msg.txt"), format!("{MSG}\n")).unwrap();
    let cert = testdata("demo-cert.pem");
    let cert = cert.to_str().unwrap();
    let key = testdata("demo-key.pem");
    let key = key.to_str().unwrap();
    const SIG: &str = "--signature-file sig.txt";
    const MESSAGE: &str = "--message-file msg.txt";

    let o = byoip_in(
        d.path(),
        &[
            "verify",
            "--cert",
            cert,
            "--message",
            MSG,
            "--signature",
            "sig.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let hint = out
        .lines()
        .find(|l| l.trim_start().starts_with("hint:"))
        .unwrap();
    assert!(
        hint.ends_with(&format!("; sig.txt is a file: to read it, use {SIG}")),
        "{out}"
    );
    let o = byoip_in(
        d.path(),
        &[
            "verify",
            "--cert",
            cert,
            "--message",
            "msg.txt",
            "--signature",
            "abc",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "(`byoip message` writes it); msg.txt is a file: to read it, use {MESSAGE}\n"
        )),
        "{out}"
    );
    assert_eq!(out.matches(MESSAGE).count(), 1, "{out}");
    assert!(!out.contains(SIG), "{out}");

    let o = byoip_in(d.path(), &["sign", "--key", key, "--message", "msg.txt"]);
    assert_error(
        &o,
        &format!("(`byoip message` writes it); msg.txt is a file: to read it, use {MESSAGE}"),
    );

    let o = byoip_in(
        d.path(),
        &[
            "check",
            "--cidr",
            "192.198.0.0/24",
            "--cert",
            cert,
            "--offline",
            "--json",
            "--message",
            "msg.txt",
            "--signature",
            "sig.txt",
        ],
    );
    let r = report(&o);
    assert!(
        check_field(&r, "message.format", "hint")
            .ends_with(&format!("; msg.txt is a file: to read it, use {MESSAGE}")),
        "{r:#}"
    );
    assert!(
        check_field(&r, "signature.local", "hint")
            .ends_with(&format!("; sig.txt is a file: to read it, use {SIG}")),
        "{r:#}"
    );

    // Text that names no file: the hints are as they were.
    let o = byoip_in(
        d.path(),
        &[
            "verify",
            "--cert",
            cert,
            "--message",
            MSG,
            "--signature",
            "nofile.txt",
        ],
    );
    assert!(!stdout(&o).contains("is a file"), "{}", stdout(&o));
}

/// `check` alone: one of --cidr or --asn is required (--asn alone checks an ASN), not
/// --cidr as if it were the only way.
#[test]
fn check_without_a_subject_asks_for_cidr_or_asn() {
    let o = byoip(&["check"]);
    assert_one_line_error(&o, "--cidr <CIDR>|--asn <ASN>");
    assert!(!stderr(&o).contains("--key"), "{}", stderr(&o));
}
