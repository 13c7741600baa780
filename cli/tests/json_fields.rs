//! Every command's `--json` holds to the field list README's "JSON output" table gives it:
//! each listed field present (`null` where it does not apply), and none unlisted. The table
//! is read from the README (or `docs/`, wherever it lives), so the two cannot drift apart.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{collections::BTreeSet, fs, path::Path};

use common::httpd::{Reply, Server};
use common::{MSG, PASS, byoip_command, sh, stderr, stdout, td, tempdir, testdata};
use serde_json::Value;

const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";
const AZ_MSG: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|130.137.245.0/24|20271231";

/// The "JSON output" table's row for `output` (its first cell, as written), from the
/// README or a page of `docs/`.
fn row(output: &str) -> String {
    let root = &common::root();
    let mut pages = vec![root.join("README.md")];
    for e in fs::read_dir(root.join("docs")).unwrap() {
        pages.push(e.unwrap().path());
    }
    let start = format!("| {output} |");
    pages
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .flat_map(|p| {
            fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row {start:?} in the JSON output table"))[start.len()..]
        .trim_end_matches('|')
        .to_string()
}

/// The fields a row lists: its backquoted names, leaving out what parentheses say of them.
fn documented(output: &str) -> BTreeSet<String> {
    let cell = row(output);
    let mut outside = String::new();
    let mut depth = 0;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let fields: BTreeSet<String> = outside
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(!fields.is_empty(), "the row for {output} lists no field");
    fields
}

/// The `{"a", "b"}` objects a row lists, each as its field names, in order.
fn documented_objects(output: &str) -> Vec<BTreeSet<String>> {
    row(output)
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with('{'))
        .map(|s| {
            s.split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The top-level keys of `v`, without `now` (there whenever BYOIP_NOW is set, as in tests).
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .filter(|k| *k != "now")
        .cloned()
        .collect()
}

fn assert_fields(output: &str, v: &Value) {
    assert_eq!(keys(v), documented(output), "{output}: {v:#}");
}

/// Runs byoip in `dir` (the crate's folder when `None`), expecting `code`, and reads its
/// stdout as JSON.
fn json_in(dir: Option<&Path>, args: &[&str], code: i32) -> Value {
    let mut c = byoip_command(args, &[("BYOIP_PASSPHRASE", PASS)]);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn json_of(args: &[&str], code: i32) -> Value {
    json_in(None, args, code)
}

fn signature_of(message: &str) -> String {
    let v = json_of(
        &[
            "sign",
            "--key",
            td("demo-key.pem"),
            "--message",
            message,
            "--json",
        ],
        0,
    );
    v["signature"].as_str().unwrap().to_string()
}

#[test]
fn sign_json_has_its_documented_fields_for_every_cloud() {
    let key = td("demo-key.pem");
    for args in [
        vec!["sign", "--key", key, "--message", MSG, "--json"],
        vec![
            "sign",
            "--key",
            key,
            "--account",
            "123456789012",
            "--asn",
            "64496",
            "--expires",
            "20271231",
            "--json",
        ],
        vec!["sign", "--key", key, "--message", AZ_MSG, "--json"],
    ] {
        assert_fields("`sign --format json`", &json_of(&args, 0));
    }
}

#[test]
fn verify_json_has_its_documented_fields() {
    for message in [MSG, AZ_MSG] {
        let sig = signature_of(message);
        let v = json_of(
            &[
                "verify",
                "--cert",
                td("demo-cert.pem"),
                "--message",
                message,
                "--signature",
                &sig,
                "--json",
            ],
            0,
        );
        assert_fields("`verify --json`", &v);
    }
}

#[test]
fn message_json_has_its_documented_fields() {
    for args in [
        vec![
            "message",
            "--account",
            "123456789012",
            "--cidr",
            "198.51.100.0/24",
            "--expires",
            "20271231",
            "--json",
        ],
        vec![
            "message",
            "--account",
            "123456789012",
            "--asn",
            "64496",
            "--expires",
            "20271231",
            "--json",
        ],
        vec![
            "message",
            "--cloud",
            "azure",
            "--subscription",
            SUB,
            "--cidr",
            "130.137.245.0/24",
            "--expires",
            "20271231",
            "--json",
        ],
    ] {
        assert_fields("`message --json`", &json_of(&args, 0));
    }
}

#[test]
fn lint_json_has_its_documented_fields() {
    assert_fields("`lint --json`", &json_of(&["lint", "--json", MSG], 0));
    let bad = "1|aws|12345678901|198.51.100.0/24|20201231|SHA256|RSAPSS";
    assert_fields("`lint --json`", &json_of(&["lint", "--json", bad], 1));
}

#[test]
fn keygen_and_cert_json_have_their_documented_fields() {
    let d = tempdir();
    let key = d.path().join("k.pem");
    let key = key.to_str().unwrap();
    let v = json_of(&["keygen", "--out", key, "--no-encrypt", "--json"], 0);
    assert_fields("`keygen --json`", &v);
    let cert = d.path().join("c.pem");
    for out in [cert.to_str().unwrap(), "-"] {
        let v = json_of(&["cert", "--key", key, "--out", out, "--json"], 0);
        assert_fields("`cert --json`", &v);
    }
}

#[test]
fn inspect_json_has_each_kinds_documented_fields() {
    let d = tempdir();
    let public = d.path().join("pub.pem");
    sh(
        d.path(),
        &format!(
            "openssl pkey -in {} -pubout -out {}",
            td("demo-key.pem"),
            public.display()
        ),
    );
    let sig = signature_of(MSG);
    let context = format!("Message=\"{MSG}\",Signature=\"{sig}\"");
    let cases = [
        ("certificate", td("demo-cert.pem").to_string()),
        ("public key", public.to_str().unwrap().to_string()),
        ("private key", td("demo-key.pem").to_string()),
        ("message", MSG.to_string()),
        ("signature", sig.clone()),
    ];
    for (kind, input) in &cases {
        let v = json_of(&["inspect", input, "--json"], 0);
        assert_fields(&format!("`inspect --json` of a {kind}"), &v);
    }
    // A context: its own fields, and a message's and a signature's.
    let v = json_of(&["inspect", &context, "--json"], 0);
    let mut want = documented("`inspect --json` of a context");
    want.extend(documented("`inspect --json` of a message"));
    want.extend(documented("`inspect --json` of a signature"));
    assert_eq!(keys(&v), want, "{v:#}");
}

#[test]
fn check_json_has_its_documented_fields_for_a_prefix_an_asn_and_each_cloud() {
    let cert = td("demo-cert.pem");
    for args in [
        vec!["check", "--cidr", "192.198.0.0/24", "--cert", cert],
        vec!["check", "--asn", "397979", "--cert", cert],
        vec![
            "check",
            "--cloud",
            "azure",
            "--cidr",
            "130.137.245.0/24",
            "--cert",
            cert,
        ],
        vec![
            "check",
            "--cloud",
            "oci",
            "--cidr",
            "130.137.245.0/24",
            "--validation-token",
            "abc",
        ],
    ] {
        let args = [&args[..], &["--offline", "--json"]].concat();
        assert_fields("`check --json`", &json_of(&args, 1));
    }
}

/// A key-material folder with a manifest for one prefix and one ASN (public, so that the
/// audit is ready), and its contexts.
fn manifest_dir() -> tempfile::TempDir {
    let d = tempdir();
    let dir = d.path();
    fs::create_dir_all(dir.join("keys")).unwrap();
    fs::copy(testdata("demo-key.pem"), dir.join("keys/key.pem")).unwrap();
    fs::copy(testdata("demo-cert.pem"), dir.join("keys/cert.pem")).unwrap();
    sh(dir, "chmod 600 keys/key.pem");
    fs::write(
        dir.join("byoip.toml"),
        "account = \"123456789012\"\nkey = \"keys/key.pem\"\ncert = \"keys/cert.pem\"\nexpires = \"+30d\"\ncontexts = \"contexts.json\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n\n[[asn]]\nasn = 397979\n",
    )
    .unwrap();
    d
}

#[test]
fn batch_json_outputs_have_their_documented_fields() {
    let d = manifest_dir();
    let dir = Some(d.path());
    let list = json_in(dir, &["batch", "sign", "--json"], 0);
    let objects = documented_objects("`batch sign --format json`");
    for entry in list.as_array().unwrap() {
        assert_eq!(keys(entry), objects[0], "{entry}");
    }
    fs::write(d.path().join("contexts.json"), list.to_string()).unwrap();
    let v = json_in(
        dir,
        &[
            "batch",
            "verify",
            "--cert",
            "keys/cert.pem",
            "--input",
            "contexts.json",
            "--json",
        ],
        0,
    );
    assert_fields("`batch verify --json`", &v);
    let v = json_in(dir, &["batch", "check", "--offline", "--json"], 1);
    assert_fields("`batch check --json`", &v);
    let v = json_in(dir, &["audit", "--json"], 0);
    assert_fields("`audit --json`", &v);

    // Azure's entries: the second object the row lists.
    fs::write(
        d.path().join("byoip.toml"),
        format!("cloud = \"azure\"\nsubscription = \"{SUB}\"\nkey = \"keys/key.pem\"\nexpires = \"20271231\"\n\n[[prefix]]\ncidr = \"130.137.245.0/24\"\n"),
    )
    .unwrap();
    let list = json_in(dir, &["batch", "sign", "--json"], 0);
    for entry in list.as_array().unwrap() {
        assert_eq!(keys(entry), objects[1], "{entry}");
    }
}

#[test]
fn rdap_fetch_json_has_its_documented_fields() {
    let record = fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
    let s = Server::start(move |_, _| Reply::json(200, record.clone()));
    let d = tempdir();
    let out = d.path().join("rdap.json");
    let v = json_of(
        &[
            "rdap",
            "fetch",
            "--cidr",
            "192.198.0.0/24",
            "--out",
            out.to_str().unwrap(),
            "--rdap-url",
            &format!("{}/", s.base),
            "--no-cache",
            "--json",
        ],
        0,
    );
    assert_fields("`rdap fetch --json`", &v);
}

#[test]
fn dns_token_plan_clouds_and_rules_json_have_their_documented_fields() {
    let v = json_of(
        &[
            "dns-token",
            "plan",
            "--cidr",
            "198.18.12.0/22",
            "--token-name",
            "86950620",
            "--token-value",
            "a34597c3-5317-4238-9ce7-50da5b6e6dc8",
            "--json",
        ],
        0,
    );
    assert_fields("`dns-token plan --json`", &v);
    assert_fields("`clouds --json`", &json_of(&["clouds", "--json"], 0));
    assert_fields("`rules --json`", &json_of(&["rules", "--json"], 0));
}

#[test]
fn an_error_with_json_asked_for_has_its_documented_fields() {
    let v = json_of(
        &[
            "verify",
            "--cert",
            "/nonexistent/cert.pem",
            "--message",
            MSG,
            "--signature",
            "abc",
            "--json",
        ],
        2,
    );
    assert_fields("an error, with JSON asked for", &v);
}

/// `irr fetch --json` against a whois server on 127.0.0.1 that holds one route object.
#[test]
fn irr_fetch_json_has_its_documented_fields() {
    let s = common::whoisd::Server::answering(
        "route:          192.198.0.0/24\norigin:         AS64496\nmnt-by:         MAINT-EXAMPLE\nsource:         RADB\n\n",
    );
    let d = tempdir();
    let out = d.path().join("irr.txt");
    let v = json_of(
        &[
            "irr",
            "fetch",
            "--cidr",
            "192.198.0.0/24",
            "--out",
            out.to_str().unwrap(),
            "--irr-server",
            &s.addr,
            "--json",
        ],
        0,
    );
    assert_fields("`irr fetch --json`", &v);
}

/// `roa fetch --json` against a RIPEstat on 127.0.0.1 that finds Amazon's ROAs valid.
#[test]
fn roa_fetch_json_has_its_documented_fields() {
    let s = Server::start(|path, _| {
        if !path.starts_with("/data/rpki-validation/data.json?") {
            return Reply::status(404);
        }
        let asn = if path.contains("AS14618") {
            "14618"
        } else {
            "16509"
        };
        Reply::json(
            200,
            format!(
                r#"{{"status":"ok","data":{{"status":"valid","validating_roas":[{{"origin":"{asn}","prefix":"192.198.0.0/22","max_length":24,"validity":"valid"}}]}}}}"#
            ),
        )
    });
    let d = tempdir();
    let out = d.path().join("vrps.csv");
    let v = json_of(
        &[
            "roa",
            "fetch",
            "--cidr",
            "192.198.0.0/24",
            "--out",
            out.to_str().unwrap(),
            &format!("--ripestat={}", s.base),
            "--origin",
            "none",
            "--json",
        ],
        0,
    );
    assert_fields("`roa fetch --json`", &v);
}

/// `ripedb fetch --json` against RDAP and the RIPE Database on 127.0.0.1.
#[test]
fn ripedb_fetch_json_has_its_documented_fields() {
    let rdap = fs::read_to_string(testdata("rdap/synthetic/ripe-good.json")).unwrap();
    let object = fs::read_to_string(testdata("ripedb/oci-token.json")).unwrap();
    let s = Server::start(move |path, _| match path {
        "/rdap/ip/62.239.237.0/24" => Reply::json(200, rdap.clone()),
        "/db/ripe/inetnum/62.239.237.0%20-%2062.239.237.255" => Reply::json(200, object.clone()),
        _ => Reply::status(404),
    });
    let d = tempdir();
    let out = d.path().join("ripe.json");
    let v = json_of(
        &[
            "ripedb",
            "fetch",
            "--cidr",
            "62.239.237.0/24",
            "--rdap-url",
            &format!("{}/rdap/", s.base),
            "--ripe-db-url",
            &format!("{}/db/", s.base),
            "--no-cache",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        0,
    );
    assert_fields("`ripedb fetch --json`", &v);
}
