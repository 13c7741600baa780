//! How byoip reads what it is given: messages from files and standard input (one final
//! line ending dropped, with a note), `-` for standard input in every file or text
//! argument, certificates pasted as text, and certificates inside a saved RDAP answer.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

use std::{
    io::Write,
    process::{Output, Stdio},
};

/// Runs byoip with `input` on standard input.
fn byoip_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::byoip_command(args, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses early may not read its input: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn signature() -> String {
    let o = sign_msg(&testdata("demo-key.pem"), "signature");
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).trim().to_string()
}

const NOTE: &str = "note: dropped the final line ending";

#[test]
fn byoip_reads_its_own_message_output_from_a_file_and_from_a_pipe() {
    let dir = tempdir();
    let m = dir.path().join("m.txt");
    let made = byoip(&[
        "message",
        "--account",
        "123456789012",
        "--cidr",
        "192.198.0.0/24",
    ]);
    let text = stdout(&made);
    assert!(text.ends_with('\n'), "message prints a line");
    std::fs::write(&m, &text).unwrap();
    let key = td("demo-key.pem");
    let cert = td("demo-cert.pem");

    // byoip message … > m.txt; byoip sign --message-file m.txt
    let o = byoip(&[
        "sign",
        "--key",
        key,
        "--message-file",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(NOTE), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["message"], text.trim_end(), "signed without the newline");
    let sig = v["signature"].as_str().unwrap().to_string();

    // byoip message … | byoip sign --message-file -
    let o = byoip_stdin(
        &[
            "sign",
            "--key",
            key,
            "--message-file",
            "-",
            "--format",
            "json",
        ],
        text.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("from standard input"), "{}", stderr(&o));

    // verify and lint judge the same message; a CR LF file (a Windows editor) too.
    for ending in ["\n", "\r\n"] {
        std::fs::write(&m, format!("{}{ending}", text.trim_end())).unwrap();
        let o = byoip(&[
            "verify",
            "--cert",
            cert,
            "--message-file",
            m.to_str().unwrap(),
            "--signature",
            &sig,
        ]);
        assert_eq!(o.status.code(), Some(0), "{ending:?}: {}", stdout(&o));
        assert!(stdout(&o).contains("message lint: clean"), "{}", stdout(&o));
        let o = byoip(&["lint", "--file", m.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{ending:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(NOTE), "{}", stderr(&o));
    }

    // check reads the message file the same way.
    std::fs::write(&m, &text).unwrap();
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "192.198.0.0/24",
        "--cert",
        cert,
        "--message-file",
        m.to_str().unwrap(),
        "--signature",
        &sig,
        "--rdap-file",
        td("rdap/synthetic/arin-good.json"),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(check_field(&report, "message.format", "status"), "pass");
    assert_eq!(check_field(&report, "signature.local", "status"), "pass");
}

#[test]
fn only_one_line_ending_is_dropped_and_an_argument_stays_byte_exact() {
    let dir = tempdir();
    let m = dir.path().join("m.txt");
    for extra in ["\n\n", "\r\n\r\n", " \n", "\n\r\n"] {
        std::fs::write(&m, format!("{MSG}{extra}")).unwrap();
        let o = byoip(&["lint", "--file", m.to_str().unwrap(), "--json"]);
        assert_eq!(o.status.code(), Some(1), "{extra:?}");
        assert!(stdout(&o).contains("message.whitespace"), "{extra:?}");
    }
    // An argument is the message, byte for byte: its newline is a finding, and no note.
    let o = byoip(&["lint", &format!("{MSG}\n")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("ends with a newline"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    // A file without a line ending gets no note.
    std::fs::write(&m, MSG).unwrap();
    let o = byoip(&["lint", "--file", m.to_str().unwrap()]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
}

#[test]
fn dash_reads_standard_input_for_every_text_and_file_argument() {
    let sig = signature();
    let cert_pem = std::fs::read(testdata("demo-cert.pem")).unwrap();
    let cert = td("demo-cert.pem");
    let msg_line = format!("{MSG}\n");

    let o = byoip_stdin(&["lint", "-"], msg_line.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains(NOTE), "{}", stderr(&o));

    let o = byoip_stdin(&["inspect", "-", "--json"], &cert_pem);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"kind\": \"certificate\""),
        "{}",
        stdout(&o)
    );
    let o = byoip_stdin(&["inspect", "-", "--json"], msg_line.as_bytes());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["kind"], "message");
    assert!(!v["lint"].to_string().contains("message.whitespace"), "{v}");

    let verify = |args: &[&str], input: &[u8]| {
        let mut all = vec!["verify"];
        all.extend_from_slice(args);
        let o = byoip_stdin(&all, input);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    };
    verify(
        &["--cert", "-", "--message", MSG, "--signature", &sig],
        &cert_pem,
    );
    verify(
        &["--cert", cert, "--message", "-", "--signature", &sig],
        msg_line.as_bytes(),
    );
    verify(
        &["--cert", cert, "--message", MSG, "--signature", "-"],
        format!("{sig}\n").as_bytes(),
    );
    verify(
        &["--cert", cert, "--context", "-"],
        format!("Message=\"{MSG}\",Signature=\"{sig}\"\n").as_bytes(),
    );

    // Standard input can be read once: a second `-` is refused, not read as empty.
    let o = byoip_stdin(
        &[
            "verify",
            "--cert",
            "-",
            "--message",
            "-",
            "--signature",
            &sig,
        ],
        &cert_pem,
    );
    assert_one_line_error(&o, "2 arguments are - (standard input)");
}

#[test]
fn a_certificate_can_be_pasted_as_the_argument() {
    let sig = signature();
    let one_line = std::fs::read_to_string(testdata("demo-cert.oneline.txt")).unwrap();
    let one_line = one_line.trim();
    let pem = std::fs::read_to_string(testdata("demo-cert.pem")).unwrap();
    let whois: String = pem.lines().map(|l| format!("Comment: {l}\n")).collect();
    for pasted in [one_line, pem.as_str(), whois.as_str()] {
        let o = byoip(&[
            "verify",
            "--cert",
            pasted,
            "--message",
            MSG,
            "--signature",
            &sig,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    }
    // sign --cert and check --cert take it too.
    let o = byoip(&[
        "sign",
        "--key",
        td("demo-key.pem"),
        "--cert",
        one_line,
        "--message",
        MSG,
        "--format",
        "signature",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = byoip(&[
        "check",
        "--offline",
        "--cidr",
        "192.198.0.0/24",
        "--cert",
        one_line,
        "--rdap-file",
        td("rdap/synthetic/arin-good.json"),
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|_| panic!("{}{}", stdout(&o), stderr(&o)));
    assert_eq!(check_field(&report, "key.cert-match", "status"), "pass");
    // Pasted text that is not a certificate says so, in one line.
    let o = byoip(&[
        "verify",
        "--cert",
        "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----",
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert_one_line_error(&o, "certificate");
}

#[test]
fn certificates_in_a_saved_rdap_answer_are_read() {
    let sig = signature();
    let answer = td("rdap/synthetic/arin-good.json");
    let o = byoip(&[
        "verify",
        "--cert",
        answer,
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains(
            "note: using the certificate in the network remark \"Registration Comments\" of NET-192-198-0-0-1"
        ),
        "{}",
        stderr(&o)
    );
    let o = byoip(&["inspect", answer, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1, "{v}");
    let demo_fp = std::fs::read_to_string(testdata("keys/public.sha256")).unwrap();
    assert_eq!(certs[0]["spki_sha256"], demo_fp.trim());
    assert!(
        certs[0]["found_in"]
            .as_str()
            .unwrap()
            .contains("NET-192-198-0-0-1"),
        "{v}"
    );

    // No certificate in the record: one line, naming what is missing.
    let o = byoip(&[
        "verify",
        "--cert",
        td("rdap/synthetic/arin-no-cert.json"),
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert_one_line_error(&o, "holds no -----BEGIN CERTIFICATE----- block");

    // Two different certificates: refused, each named, not guessed at.
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(testdata("rdap/synthetic/arin-good.json")).unwrap())
            .unwrap();
    let other = std::fs::read_to_string(testdata("keys/other2048-cert.pem")).unwrap();
    doc["remarks"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "title": "Second Comment",
            "description": other.lines().collect::<Vec<_>>(),
        }));
    let dir = tempdir();
    let two = dir.path().join("two.json");
    std::fs::write(&two, doc.to_string()).unwrap();
    let o = byoip(&[
        "verify",
        "--cert",
        two.to_str().unwrap(),
        "--message",
        MSG,
        "--signature",
        &sig,
    ]);
    assert_one_line_error(&o, "holds 2 different certificates");
    assert!(stderr(&o).contains("\"Second Comment\""), "{}", stderr(&o));
    let o = byoip(&["inspect", two.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2, "{v}");

    // A saved RDAP error answer is named as such by verify and inspect.
    let err = dir.path().join("404.json");
    std::fs::write(
        &err,
        r#"{"rdapConformance":["rdap_level_0"],"errorCode":404,"title":"Not Found"}"#,
    )
    .unwrap();
    for o in [
        byoip(&["inspect", err.to_str().unwrap()]),
        byoip(&[
            "verify",
            "--cert",
            err.to_str().unwrap(),
            "--message",
            MSG,
            "--signature",
            &sig,
        ]),
    ] {
        assert_one_line_error(&o, "RDAP error 404 Not Found");
    }
}
