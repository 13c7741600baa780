//! `byoip batch sign|verify|check` and `byoip audit` from a manifest, as a new user runs
//! them in a repository of key material.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::{fs, path::Path, process::Output};

use common::httpd::{Reply, Server};
use common::{
    PASS, assert_one_line_error, byoip_env, check_field, irr_none, sh, stderr, stdout, tempdir,
    testdata,
};
use serde_json::Value;

/// A key-material repository: the issue's manifest with the demo key (encrypted) and
/// certificate under keys/, plus `extra` manifest lines and prefix tables.
fn repo(dir: &Path, top: &str, prefixes: &str) {
    fs::create_dir_all(dir.join("keys")).unwrap();
    fs::copy(
        testdata("keys/pkcs8-aes256.pem"),
        dir.join("keys/byoip-key.pem"),
    )
    .unwrap();
    fs::copy(testdata("demo-cert.pem"), dir.join("keys/byoip-cert.pem")).unwrap();
    sh(dir, "chmod 600 keys/byoip-key.pem");
    // Each AWS prefix with a saved RDAP record has its own saved IRR answer beside it (no
    // route objects, recording the prefix asked, as `byoip irr fetch` writes it), so its
    // saved evidence is all there is.
    let prefixes = if top.contains("cloud") {
        prefixes.to_string()
    } else {
        fs::create_dir_all(dir.join("irr")).unwrap();
        let mut cidr = String::new();
        prefixes
            .split_inclusive('\n')
            .map(|l| {
                if let Some(v) = l.strip_prefix("cidr = ") {
                    cidr = v.trim().trim_matches('"').to_string();
                }
                if l.starts_with("rdap_file") {
                    let irr = irr_none(&dir.join("irr"), &cidr);
                    let name = irr.file_name().unwrap().to_str().unwrap();
                    format!("{l}irr_file = \"irr/{name}\"\n")
                } else {
                    l.to_string()
                }
            })
            .collect()
    };
    fs::write(
        dir.join("byoip.toml"),
        format!(
            "account = \"123456789012\"\nkey = \"keys/byoip-key.pem\"\ncert = \"keys/byoip-cert.pem\"\nexpires = \"+30d\"\nservice = \"ipam\"\n{top}\n{prefixes}"
        ),
    )
    .unwrap();
}

/// ROAs for 192.198.0.0/22 from both of Amazon's origins: the ROA checks of a prefix in it
/// pass.
const AMAZON_VRPS: &str =
    "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/22,24\nAS14618,192.198.0.0/22,24\n";

/// [`repo`] whose manifest reads its ROAs from vrps.csv, which holds [`AMAZON_VRPS`].
fn repo_with_vrps(dir: &Path, prefixes: &str) {
    repo(dir, "vrps = \"vrps.csv\"", prefixes);
    fs::write(dir.join("vrps.csv"), AMAZON_VRPS).unwrap();
}

/// [`repo_with_vrps`] whose manifest names contexts.json, signed by `batch sign`: every
/// prefix has its signed context, so a prefix whose saved evidence is all there is READY.
fn repo_signed(dir: &Path, prefixes: &str) {
    repo(
        dir,
        "vrps = \"vrps.csv\"\ncontexts = \"contexts.json\"",
        prefixes,
    );
    fs::write(dir.join("vrps.csv"), AMAZON_VRPS).unwrap();
    sign_contexts(dir, "contexts.json");
}

const TWO: &str = "[[prefix]]\ncidr = \"192.198.0.0/24\"\n\n[[prefix]]\ncidr = \"2001:4860:1200::/48\"\nadvertise = false\n";

/// `batch sign --out FILE` in the repository, which must succeed.
fn sign_contexts(dir: &Path, out: &str) {
    let o = run(dir, &["batch", "sign", "--out", out]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The contexts file `name` as a list of JSON entries, to read or to spoil.
fn read_contexts(dir: &Path, name: &str) -> Vec<Value> {
    serde_json::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

/// Writes `list` back as the contexts file `name`.
fn write_contexts(dir: &Path, name: &str, list: &[Value]) {
    fs::write(dir.join(name), serde_json::to_string(list).unwrap()).unwrap();
}

/// `batch verify` of the contexts file `input` with the repository's certificate, then
/// `more` arguments.
fn verify_contexts(dir: &Path, input: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "verify",
        "--cert",
        "keys/byoip-cert.pem",
        "--input",
        input,
    ];
    args.extend_from_slice(more);
    run(dir, &args)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let cache = dir.join(".cache");
    common::byoip_command(
        args,
        &[
            ("BYOIP_PASSPHRASE", PASS),
            ("BYOIP_CACHE_DIR", cache.to_str().unwrap()),
        ],
    )
    .current_dir(dir)
    .output()
    .unwrap()
}

#[test]
fn batch_sign_writes_contexts_that_openssl_verifies() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    let o = run(d.path(), &["batch", "sign", "--out", "contexts.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: Vec<Value> = read_contexts(d.path(), "contexts.json");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["cidr"], "192.198.0.0/24");
    assert_eq!(list[1]["cidr"], "2001:4860:1200::/48");
    for item in &list {
        let m = item["message"].as_str().unwrap();
        assert!(m.starts_with("1|aws|123456789012|") && m.ends_with("|SHA256|RSAPSS"));
        assert!(item["context"].as_str().unwrap().starts_with("Message=\""));
        // AWS's own verification recipe, with the openssl CLI.
        fs::write(d.path().join("m.txt"), m).unwrap();
        fs::write(d.path().join("s.txt"), item["signature"].as_str().unwrap()).unwrap();
        sh(
            d.path(),
            "tr -- '-_~' '+=/' < s.txt | openssl base64 -d -A > s.bin && \
             openssl x509 -in keys/byoip-cert.pem -pubkey -noout > pub.pem && \
             openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -verify pub.pem -signature s.bin m.txt",
        );
    }
    // No clobbering without --force; the file is untouched.
    let before = fs::read(d.path().join("contexts.json")).unwrap();
    assert_one_line_error(
        &run(d.path(), &["batch", "sign", "--out", "contexts.json"]),
        "already exists",
    );
    assert_eq!(fs::read(d.path().join("contexts.json")).unwrap(), before);
    assert!(
        run(
            d.path(),
            &["batch", "sign", "--out", "contexts.json", "--force"]
        )
        .status
        .success()
    );
}

#[test]
fn batch_sign_csv_and_terraform_forms() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    let csv = stdout(&run(d.path(), &["batch", "sign", "--format", "csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "cidr,message,signature");
    assert_eq!(rows.len(), 3);
    assert!(rows[1].starts_with("192.198.0.0/24,1|aws|123456789012|192.198.0.0/24|"));
    assert_eq!(rows[2].split(',').count(), 3);
    let tf = stdout(&run(d.path(), &["batch", "sign", "--format", "terraform"]));
    assert!(tf.contains("byoip_cidr_authorization_contexts = [\n  {\n    cidr      = \"192.198.0.0/24\"\n    message   = \"1|aws|123456789012|192.198.0.0/24|"), "{tf}");
    assert_eq!(tf.matches("signature = \"").count(), 2);
    let cli = stdout(&run(
        d.path(),
        &[
            "batch",
            "sign",
            "--format",
            "aws-cli",
            "--ipam-pool-id",
            "ipam-pool-0abc",
        ],
    ));
    let cmds: Vec<&str> = cli.lines().filter(|l| l.starts_with("aws ")).collect();
    assert_eq!(cmds.len(), 2, "{cli}");
    assert!(cmds[0].starts_with("aws ec2 provision-ipam-pool-cidr --ipam-pool-id ipam-pool-0abc --cidr 192.198.0.0/24 --verification-method remarks-x509 --cidr-authorization-context Message=\"1|aws|123456789012|192.198.0.0/24|"), "{cli}");
    assert!(tf.trim_end().ends_with(']'));
}

#[test]
fn manifest_mistakes_are_one_line_errors_naming_the_line() {
    for (top, prefixes, needle) in [
        ("colour = \"blue\"", TWO, "line 6"),
        (
            "",
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\n[[prefix]]\ncidr = \"192.198.0.0/23\"\n",
            "overlaps 192.198.0.0/24 on line 8",
        ),
        (
            "",
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\n[[prefix]]\ncidr = \"192.198.0.0/24\"\n",
            "listed twice",
        ),
        ("", "[[prefix]]\ncidr = \"192.198.0.1/24\"\n", "host bits"),
        (
            "",
            "[[prefix]]\ncidr = \"192.198.0.0/25\"\n",
            "more specific than /24",
        ),
        (
            "",
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\naccount = \"0123456789AB\"\n",
            "line 9",
        ),
    ] {
        let d = tempdir();
        repo(d.path(), top, prefixes);
        let o = run(d.path(), &["batch", "sign"]);
        assert_one_line_error(&o, needle);
        assert!(stdout(&o).is_empty());
    }
    let d = tempdir();
    assert_one_line_error(&run(d.path(), &["batch", "sign"]), "byoip.toml");
}

#[test]
fn batch_verify_names_each_bad_context() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    sign_contexts(d.path(), "c.json");
    let ok = verify_contexts(d.path(), "c.json", &[]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("2 of 2 contexts verify"));
    // Sign the second message with a trailing newline, as `echo` does.
    let mut list: Vec<Value> = read_contexts(d.path(), "c.json");
    let msg = list[1]["message"].as_str().unwrap().to_string();
    fs::write(d.path().join("nl.txt"), format!("{msg}\n")).unwrap();
    let key = testdata("keys/pkcs8.pem");
    let bad = sh(
        d.path(),
        &format!(
            "openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sign {} nl.txt | openssl base64 -A | tr -- '+=/' '-_~'",
            key.display()
        ),
    );
    list[1]["signature"] = bad.trim().into();
    list[1].as_object_mut().unwrap().remove("context");
    write_contexts(d.path(), "c.json", &list);
    let o = verify_contexts(d.path(), "c.json", &["--jobs", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("valid    192.198.0.0/24"), "{text}");
    assert!(
        text.contains("INVALID  2001:4860:1200::/48")
            && text.contains("signature.trailing-newline"),
        "{text}"
    );
    let j: Value =
        serde_json::from_str(&stdout(&verify_contexts(d.path(), "c.json", &["--json"]))).unwrap();
    assert_eq!(j["ok"], false);
    assert_eq!(
        j["results"][1]["diagnosis"][0]["id"],
        "signature.trailing-newline"
    );
    fs::write(d.path().join("bad.json"), "{\"not\": \"a list\"}").unwrap();
    assert_one_line_error(
        &verify_contexts(d.path(), "bad.json", &[]),
        "signed contexts",
    );
}

/// An entry of a contexts file that holds no signed context (a message without its
/// signature, a `context` that does not parse) is reported in its place, named by its
/// `cidr`, by `batch verify` and `audit` alike; the entries around it are still judged.
#[test]
fn unusable_context_entries_are_reported_in_their_place() {
    let d = tempdir();
    repo(d.path(), "contexts = \"c.json\"", TWO);
    sign_contexts(d.path(), "c.json");
    let mut list: Vec<Value> = read_contexts(d.path(), "c.json");
    // A context alone, read from the AWS CLI form batch sign wrote beside the fields.
    let ctx = list[1]["context"].clone();
    list[1] = serde_json::json!({ "context": ctx });
    list.insert(
        1,
        serde_json::json!({ "cidr": "198.51.100.0/24", "message": list[0]["message"] }),
    );
    list.push(serde_json::json!({ "cidr": "203.0.113.0/24", "context": "Message=\"x\"" }));
    write_contexts(d.path(), "c.json", &list);
    let o = verify_contexts(d.path(), "c.json", &["--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let results = j["results"].as_array().unwrap();
    let got: Vec<(&str, bool)> = results
        .iter()
        .map(|r| (r["cidr"].as_str().unwrap(), r["valid"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("192.198.0.0/24", true),
            ("198.51.100.0/24", false),
            ("2001:4860:1200::/48", true),
            ("203.0.113.0/24", false),
        ]
    );
    let error = |i: usize| results[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(
        error(1).contains("neither \"message\" and \"signature\" nor \"context\""),
        "{}",
        error(1)
    );
    assert!(
        error(3).contains("there is no Signature= part"),
        "{}",
        error(3)
    );
    assert!(results[0]["error"].is_null() && results[2]["error"].is_null());

    let o = run(d.path(), &["audit", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(check_field(&r, "context.192.198.0.0/24", "status"), "pass");
    assert_eq!(
        check_field(&r, "context.2001:4860:1200::/48", "status"),
        "pass"
    );
    assert_eq!(check_field(&r, "context.198.51.100.0/24", "status"), "fail");
    assert!(
        check_field(&r, "context.198.51.100.0/24", "message")
            .contains("c.json: cannot read the authorization context: an entry has neither"),
        "{r:#}"
    );
    assert_eq!(check_field(&r, "context.203.0.113.0/24", "status"), "fail");
}

/// 256 /24s inside one ARIN record: one bootstrap request, one RDAP request.
#[test]
fn batch_check_fetches_each_record_once() {
    let record = fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
    let mut big: Value = serde_json::from_str(&record).unwrap();
    big["startAddress"] = "192.198.0.0".into();
    big["endAddress"] = "192.198.255.255".into();
    big["cidr0_cidrs"] = serde_json::json!([{"v4prefix": "192.198.0.0", "length": 16}]);
    let body = big.to_string();
    let base: std::sync::Arc<std::sync::OnceLock<String>> = Default::default();
    let b = base.clone();
    let server = Server::start(move |path, _| {
        if path == "/bootstrap/ipv4.json" {
            let me = b.get().unwrap();
            return Reply::json(
                200,
                format!(r#"{{"version":"1.0","services":[[["192.0.0.0/8"],["{me}/rdap/"]]]}}"#),
            );
        }
        if path.starts_with("/rdap/ip/192.198.") {
            return Reply::json(200, body.clone());
        }
        Reply::status(404)
    });
    base.set(server.base.clone()).unwrap();
    // First from a bootstrap file, as CI keeps one beside the manifest.
    let d = tempdir();
    fs::write(
        d.path().join("bootstrap.json"),
        format!(
            r#"{{"version":"1.0","services":[[["192.0.0.0/8"],["{}/rdap/"]]]}}"#,
            server.base
        ),
    )
    .unwrap();
    let prefixes: String = (0..256)
        .map(|i| format!("[[prefix]]\ncidr = \"192.198.{i}.0/24\"\n"))
        .collect();
    repo(d.path(), "vrps = \"vrps.csv\"", &prefixes);
    fs::write(
        d.path().join("vrps.csv"),
        "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/16,24\nAS14618,192.198.0.0/16,24\n",
    )
    .unwrap();
    // The IRR: a whois server on loopback with no route objects.
    let whois = common::whoisd::Server::answering("%  No entries found.\n");
    let o = run(
        d.path(),
        &[
            "batch",
            "check",
            "--irr-server",
            &whois.addr,
            "--bootstrap",
            "bootstrap.json",
            // Online, the manifest's vrps are not used; a --vrps flag is.
            "--vrps",
            "vrps.csv",
            "--json",
            "--junit",
            "junit.xml",
            "--jobs",
            "8",
        ],
    );
    // No signed contexts: every prefix's message and signature checks are left out, so
    // nothing failed and every check ran (ok), but no prefix is ready (exit 1).
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (j["ok"].clone(), j["ready"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(j["prefixes"].as_array().unwrap().len(), 256);
    assert_eq!(j["http_requests"], 1);
    assert_eq!(
        server.hits("/rdap/"),
        1,
        "one RDAP request for the one record"
    );
    assert!(j["prefixes"].as_array().unwrap().iter().all(|p| {
        p["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "rdap.certificate" && c["status"] == "pass")
    }));
    // The JUnit file parses and has a case per prefix and check.
    let cases = sh(
        d.path(),
        "python3 -c \"import xml.etree.ElementTree as E; r=E.parse('junit.xml').getroot(); print(len(r.findall('testsuite')), len(r.findall('.//testcase')), r.get('failures'))\"",
    );
    assert_eq!(cases.trim(), "256 5376 0");
    // Two whois queries per prefix (the prefix, its more-specifics).
    assert_eq!(whois.queries().len(), 512);
    // Through the bootstrap URL too: one bootstrap request, and --no-share-records asks per prefix.
    let url = format!("{}/bootstrap/", server.base);
    let o = run(
        d.path(),
        &[
            "batch",
            "check",
            "--bootstrap",
            &url,
            "--no-cache",
            "--no-share-records",
            "--vrps",
            "vrps.csv",
            "--json",
            "--irr-server",
            &whois.addr,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(server.hits("/bootstrap/"), 1);
    assert_eq!(server.hits("/rdap/"), 257);
}

#[test]
fn batch_check_summarises_and_fails_per_prefix() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    let expired = testdata("rdap/synthetic/arin-expired.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"{}\"\n[[prefix]]\ncidr = \"198.51.100.0/24\"\n",
            rdap.display(),
            expired.display()
        ),
    );
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}{}", stderr(&o));
    let row = |c: &str| text.lines().find(|l| l.starts_with(c)).unwrap().to_string();
    assert!(row("192.198.0.0/24").contains(" READY "), "{text}");
    assert!(
        row("192.198.1.0/24").contains("NOT READY")
            && row("192.198.1.0/24").contains("cert.validity"),
        "{text}"
    );
    assert!(row("198.51.100.0/24").contains("prefix.public"), "{text}");
    assert!(text.contains("NOT READY: 1 of 3 prefixes ready"), "{text}");
    // The failing prefix's own verdict counts all its checks, as --json does, not only
    // the failing ones it lists.
    let j: Value = serde_json::from_str(&stdout(&run(
        d.path(),
        &["batch", "check", "--offline", "--json"],
    )))
    .unwrap();
    let count = |p: usize, st: &str| {
        j["prefixes"][p]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == st)
            .count()
    };
    let (passed, skipped) = (count(1, "pass"), count(1, "skip"));
    assert!(passed > 10);
    assert!(
        text.contains(&format!(
            "NOT READY: 1 failed, 0 warnings, {passed} passed, {skipped} skipped"
        )),
        "{text}"
    );
}

/// `batch check` judges a ROA's maxLength by each prefix's service, as `check` does: a
/// /24 whose only ROA for AS16509 allows /32s fails for EC2, Global Accelerator and IPAM.
#[test]
fn batch_check_fails_a_max_length_longer_than_the_service_allows() {
    let d = tempdir();
    repo(
        d.path(),
        "vrps = \"vrps.csv\"",
        "[[prefix]]\ncidr = \"192.198.0.0/24\"\nservice = \"ec2\"\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nservice = \"ga\"\n[[prefix]]\ncidr = \"192.198.2.0/24\"\n",
    );
    fs::write(
        d.path().join("vrps.csv"),
        "ASN,IP Prefix,Max Length\nAS16509,192.198.0.0/22,32\nAS14618,192.198.0.0/22,24\n",
    )
    .unwrap();
    let o = run(d.path(), &["batch", "check", "--offline", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for p in 0..3 {
        let checks = j["prefixes"][p]["checks"].as_array().unwrap();
        let roa = |id: &str| checks.iter().find(|c| c["id"] == id).cloned();
        let c = roa("roa.as16509").unwrap();
        assert_eq!(c["status"], "fail", "{c}");
        assert!(
            c["message"]
                .as_str()
                .unwrap()
                .contains("AS16509 192.198.0.0/22 maxLength 32"),
            "{c}"
        );
        assert!(
            c["hint"].as_str().unwrap().starts_with("set maxLength 24"),
            "{c}"
        );
        if let Some(c) = roa("roa.as14618") {
            assert_eq!(c["status"], "pass", "{c}");
        }
    }
}

/// A prefix with no saved record offline is INCOMPLETE, never ready; JUnit reports each
/// check that did not run as an <error>.
#[test]
fn batch_check_without_evidence_is_incomplete_and_junit_has_errors() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n[[prefix]]\ncidr = \"192.198.2.0/24\"\n",
            rdap.display()
        ),
    );
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}{}", stderr(&o));
    let row = |c: &str| text.lines().find(|l| l.starts_with(c)).unwrap().to_string();
    assert!(row("192.198.0.0/24").contains(" READY "), "{text}");
    assert!(
        row("192.198.2.0/24").contains("INCOMPLETE")
            && row("192.198.2.0/24").contains("[rdap.record]"),
        "{text}"
    );
    assert!(
        text.contains("INCOMPLETE: 1 of 2 prefixes ready (1 prefix not fully checked)"),
        "{text}"
    );
    // The five registry checks share one reason, said once with their ids.
    assert!(
        text.contains("not-run  rdap.*                offline and no saved RDAP record: the registry record was not checked\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("the registry record was not checked").count(),
        1,
        "{text}"
    );
    // What to do, in the manifest's words: its key for the saved record, and the fetch.
    assert!(
        text.contains("hint: rdap_file in its [[prefix]]; `byoip rdap fetch --cidr 192.198.2.0/24 --out FILE`\n"),
        "{text}"
    );
    let errors = sh(
        d.path(),
        "python3 -c \"import xml.etree.ElementTree as E; r=E.parse('j.xml').getroot(); print(r.get('errors'), len(r.findall('.//error')), r.findall('.//error')[0].get('type'))\"",
    );
    // The six registry checks that did not run, and irr.route, left out (no irr_file).
    assert_eq!(errors.trim(), "7 7 not-run");
    let v: Value = serde_json::from_str(&stdout(&run(
        d.path(),
        &["batch", "check", "--offline", "--json"],
    )))
    .unwrap();
    assert_eq!(
        (v["ok"].clone(), v["ready"].clone(), v["complete"].clone()),
        (false.into(), false.into(), false.into())
    );
    assert_eq!(v["prefixes"][0]["complete"], true);
    assert_eq!(v["prefixes"][0]["ready"], true);
    assert_eq!(v["prefixes"][1]["complete"], false);
    assert_eq!(v["prefixes"][1]["ready"], false);
}

/// `batch check` has no --rdap-file: offline without saved records, its closing note (and
/// its --offline help) name the manifest's rdap_file, which it reads, and --vrps, which it
/// takes, never a flag it would refuse.
#[test]
fn batch_check_offline_advice_names_the_manifest_keys_it_reads() {
    let d = tempdir();
    repo(d.path(), "", "[[prefix]]\ncidr = \"192.198.2.0/24\"\n");
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let note = err
        .lines()
        .find(|l| l.contains("did not run offline"))
        .unwrap();
    assert_eq!(
        note,
        "note: the registry, ROA and IRR checks did not run offline: save each prefix's record with `byoip rdap fetch --cidr CIDR --out FILE` and each prefix's route objects with `byoip irr fetch --cidr CIDR --out FILE` where the network works, then run with `--offline --vrps VRPS` and, in the manifest, rdap_file = \"FILE\" in its [[prefix]] and irr_file = \"FILE\" in its [[prefix]] (VRPS: a Routinator or rpki-client export, or for one prefix what `byoip roa fetch --cidr CIDR --out vrps.csv` saves)"
    );
    let help = stdout(&run(d.path(), &["batch", "check", "--help"]));
    assert!(!help.contains("--rdap-file"), "{help}");
    assert!(help.contains("rdap_file"), "{help}");
}

/// `batch check --json`, `batch verify --json` and `audit --json` print every object's keys in alphabetical order,
/// the reports inside included, as they always have (`check --json` keeps a report's own
/// order): the output is the same bytes for a consumer that compares text.
#[test]
fn batch_and_audit_json_keep_their_key_order() {
    let d = tempdir();
    repo(d.path(), "contexts = \"contexts.json\"", TWO);
    sign_contexts(d.path(), "contexts.json");
    let keys = |text: &str, indent: usize| -> Vec<String> {
        let pad = " ".repeat(indent);
        text.lines()
            .filter_map(|l| l.strip_prefix(&pad))
            .filter(|l| l.starts_with('"'))
            .map(|l| l[1..].split('"').next().unwrap().to_string())
            // The test clock's `"now"` (in its alphabetical place) is pinned in tests/clock.rs.
            .filter(|k| k != "now")
            .collect()
    };
    let batch = stdout(&run(d.path(), &["batch", "check", "--offline", "--json"]));
    assert_eq!(
        keys(&batch, 2),
        [
            "asns",
            "complete",
            "http_requests",
            "manifest",
            "ok",
            "orphan_contexts",
            "prefixes",
            "ready"
        ]
    );
    assert_eq!(
        keys(&batch, 6)[..7],
        ["asn", "checks", "cidr", "cloud", "complete", "ok", "ready"]
    );
    assert_eq!(
        keys(&batch, 10)[..6],
        ["details", "hint", "id", "left_out", "message", "rules"]
    );
    let audit = stdout(&run(d.path(), &["audit", "--json"]));
    assert_eq!(
        keys(&audit, 2),
        [
            "checks",
            "complete",
            "manifest",
            "ok",
            "orphan_contexts",
            "ready"
        ]
    );
    let verify = stdout(&verify_contexts(d.path(), "contexts.json", &["--json"]));
    assert_eq!(
        keys(&verify, 2),
        ["key_bits", "ok", "results", "spki_sha256"]
    );
    assert_eq!(
        keys(&verify, 6)[..5],
        ["asn", "cidr", "diagnosis", "error", "valid"]
    );
    assert_eq!(
        keys(&audit, 6)[..6],
        ["details", "hint", "id", "left_out", "message", "rules"]
    );
}

/// A contexts entry that cannot be used is an error naming it, not silently dropped.
#[test]
fn batch_check_names_an_unusable_context_entry() {
    let d = tempdir();
    repo(d.path(), "contexts = \"c.json\"", TWO);
    fs::write(
        d.path().join("c.json"),
        r#"[{"cidr":"192.198.0.0/24","message":"1|aws|123456789012|192.198.0.0/24|20991231|SHA256|RSAPSS"}]"#,
    )
    .unwrap();
    let o = run(d.path(), &["batch", "check", "--offline"]);
    assert_one_line_error(&o, "c.json: entry 1");
    assert!(stderr(&o).contains("neither"), "{}", stderr(&o));
}

#[test]
fn audit_catches_what_breaks_the_next_provisioning_run() {
    let d = tempdir();
    repo(d.path(), "contexts = \"contexts.json\"", TWO);
    sign_contexts(d.path(), "contexts.json");
    let o = run(d.path(), &["audit"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("pass  context.192.198.0.0/24"));
    // A context about to expire fails under --fail-days, warns under --warn-days.
    let j = |o: &Output| -> Value { serde_json::from_str(&stdout(o)).unwrap() };
    let status = |v: &Value, id: &str| check_field(v, id, "status");
    let o = run(
        d.path(),
        &["audit", "--json", "--fail-days", "31", "--warn-days", "40"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(status(&j(&o), "context.192.198.0.0/24"), "fail");
    let o = run(d.path(), &["audit", "--json", "--warn-days", "40"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(status(&j(&o), "context.192.198.0.0/24"), "warn");
    // The certificate inside the thresholds (valid 100 years: a threshold past that).
    let o = run(
        d.path(),
        &[
            "audit",
            "--json",
            "--fail-days",
            "40000",
            "--warn-days",
            "40000",
        ],
    );
    assert_eq!(status(&j(&o), "cert.validity"), "fail");
    // A key readable by others fails; a key that is not the certificate's fails.
    sh(d.path(), "chmod 644 keys/byoip-key.pem");
    let o = run(d.path(), &["audit", "--json"]);
    assert_eq!(status(&j(&o), "key.permissions"), "fail");
    fs::copy(
        testdata("keys/other2048.pem"),
        d.path().join("keys/byoip-key.pem"),
    )
    .unwrap();
    sh(d.path(), "chmod 600 keys/byoip-key.pem");
    let o = run(d.path(), &["audit", "--json"]);
    assert_eq!(status(&j(&o), "key.cert-match"), "fail");
    assert_eq!(o.status.code(), Some(1));
    // Without the passphrase the key is not checked: not run, so the audit is incomplete,
    // and it says how to fix that.
    fs::copy(
        testdata("keys/pkcs8-aes256.pem"),
        d.path().join("keys/byoip-key.pem"),
    )
    .unwrap();
    sh(d.path(), "chmod 600 keys/byoip-key.pem");
    let o = byoip_env(
        &[
            "audit",
            "--json",
            "--manifest",
            d.path().join("byoip.toml").to_str().unwrap(),
        ],
        &[],
    );
    let v = j(&o);
    assert_eq!(status(&v, "key.load"), "not-run");
    assert_eq!(status(&v, "key.cert-match"), "not-run");
    assert_eq!(
        (v["ok"].clone(), v["complete"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("BYOIP_PASSPHRASE"));
    let o = byoip_env(
        &[
            "audit",
            "--manifest",
            d.path().join("byoip.toml").to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        stdout(&o).contains(
            "\nINCOMPLETE: 0 failed, 0 warnings, 6 passed, 0 skipped, 2 not run; 2 reasons above\n"
        ),
        "{}",
        stdout(&o)
    );
    // A tampered context fails with the reason.
    let mut list: Vec<Value> = read_contexts(d.path(), "contexts.json");
    list[0]["message"] = list[0]["message"]
        .as_str()
        .unwrap()
        .replace("123456789012", "210987654321")
        .into();
    write_contexts(d.path(), "contexts.json", &list);
    let o = run(d.path(), &["audit", "--json"]);
    assert_eq!(status(&j(&o), "context.192.198.0.0/24"), "fail");
    assert_one_line_error(
        &run(
            d.path(),
            &["audit", "--fail-days", "30", "--warn-days", "7"],
        ),
        "--fail-days 30 is more than --warn-days 7",
    );
}

/// The manifest's saved evidence is for --offline; without it the live registries are
/// asked; a source flag on the command line wins over the manifest. Each case counts the
/// requests the loopback servers saw: a registry (RDAP, with its bootstrap), RIPEstat and
/// Routinator that find Amazon's ROAs, and a whois server with no route objects, beside a
/// repository whose manifest names an RDAP answer and VRPs that cover nothing (so using them
/// would fail the ROA checks) and whose context is signed (so good evidence reads READY).
struct SourceRepo {
    server: Server,
    d: tempfile::TempDir,
    whois: common::whoisd::Server,
    bootstrap: String,
    ripestat: String,
    routinator: String,
}

impl SourceRepo {
    fn new() -> SourceRepo {
        let record = fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
        let base: std::sync::Arc<std::sync::OnceLock<String>> = Default::default();
        let b = base.clone();
        let server = Server::start(move |path, _| {
            let me = b.get().unwrap();
            if path == "/bootstrap/ipv4.json" {
                return Reply::json(
                    200,
                    format!(r#"{{"version":"1.0","services":[[["192.0.0.0/8"],["{me}/rdap/"]]]}}"#),
                );
            }
            if path.starts_with("/rdap/ip/") {
                return Reply::json(200, record.clone());
            }
            if path.starts_with("/ripestat/") {
                let asn = if path.contains("AS16509") {
                    16509
                } else {
                    14618
                };
                return Reply::json(
                    200,
                    format!(
                        r#"{{"status":"ok","data":{{"status":"valid","validating_roas":[{{"origin":"{asn}","prefix":"192.198.0.0/22","max_length":24,"validity":"valid"}}]}}}}"#
                    ),
                );
            }
            if path.starts_with("/routinator/") {
                // The VRP names the ASN asked: byoip takes no "valid" whose VRP is another's.
                let asn = if path.contains("AS16509") {
                    16509
                } else {
                    14618
                };
                return Reply::json(
                    200,
                    format!(
                        r#"{{"validated_route":{{"route":{{"origin_asn":"AS{asn}","prefix":"192.198.0.0/24"}},"validity":{{"state":"valid","description":"ok","VRPs":{{"matched":[{{"asn":"AS{asn}","prefix":"192.198.0.0/22","max_length":"24"}}],"unmatched_as":[],"unmatched_length":[]}}}}}}}}"#
                    ),
                );
            }
            Reply::status(404)
        });
        base.set(server.base.clone()).unwrap();
        let d = tempdir();
        // The manifest's VRPs cover nothing, so using them would fail the ROA checks.
        fs::write(
            d.path().join("vrps.csv"),
            "ASN,IP Prefix,Max Length\nAS64496,10.0.0.0/8,24\n",
        )
        .unwrap();
        fs::write(d.path().join("good.csv"), AMAZON_VRPS).unwrap();
        fs::copy(
            testdata("rdap/synthetic/arin-good.json"),
            d.path().join("rec.json"),
        )
        .unwrap();
        repo(
            d.path(),
            "vrps = \"vrps.csv\"\nservice = \"ec2\"\ncontexts = \"contexts.json\"",
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"rec.json\"\n",
        );
        // The repo() manifest already names a service; keep the last one TOML accepts.
        let toml = fs::read_to_string(d.path().join("byoip.toml"))
            .unwrap()
            .replace("service = \"ipam\"\n", "");
        fs::write(d.path().join("byoip.toml"), toml).unwrap();
        // Its signed context, so that a run with good evidence is READY.
        sign_contexts(d.path(), "contexts.json");
        SourceRepo {
            bootstrap: format!("{}/bootstrap/", server.base),
            ripestat: format!("--ripestat={}/ripestat/", server.base),
            routinator: format!("{}/routinator/", server.base),
            server,
            d,
            whois: common::whoisd::Server::answering("%  No entries found.\n"),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        run(self.d.path(), args)
    }

    /// The status of `roa.asASN` in the first prefix's report.
    fn roa(o: &Output, asn: u32) -> String {
        let v: Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|_| panic!("{}", stderr(o)));
        check_field(&v["prefixes"][0], &format!("roa.as{asn}"), "status")
    }
}

#[test]
fn batch_check_offline_reads_the_manifests_saved_evidence_and_asks_nothing() {
    let s = SourceRepo::new();
    let o = s.run(&[
        "batch",
        "check",
        "--offline",
        "--json",
        "--bootstrap",
        &s.bootstrap,
    ]);
    assert_eq!(
        SourceRepo::roa(&o, 16509),
        "fail",
        "the manifest's VRPs were used"
    );
    assert_eq!(s.server.log().len(), 0);
}

#[test]
fn batch_check_offline_takes_the_vrps_flag_over_the_manifests() {
    let s = SourceRepo::new();
    let o = s.run(&[
        "batch",
        "check",
        "--offline",
        "--json",
        "--vrps",
        "good.csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(SourceRepo::roa(&o, 16509), "pass");
    assert_eq!(s.server.log().len(), 0);
}

/// Online: the registry and the validator are asked, not the saved files, and a note says so.
#[test]
fn batch_check_online_asks_the_registry_and_ripestat_not_the_saved_files() {
    let s = SourceRepo::new();
    let o = s.run(&[
        "batch",
        "check",
        "--json",
        "--no-cache",
        "--bootstrap",
        &s.bootstrap,
        &s.ripestat,
        "--irr-server",
        &s.whois.addr,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(SourceRepo::roa(&o, 14618), "pass");
    assert!(
        s.server.hits("/rdap/ip/") >= 1 && s.server.hits("/ripestat/data/rpki-validation/") == 2,
        "{:?}",
        s.server.log().len()
    );
    assert!(stderr(&o).contains("for --offline runs"), "{}", stderr(&o));
}

/// Online with --rpki-url: that validator, not RIPEstat.
#[test]
fn batch_check_online_asks_the_rpki_url_instead_of_ripestat() {
    let s = SourceRepo::new();
    let o = s.run(&[
        "batch",
        "check",
        "--json",
        "--no-cache",
        "--bootstrap",
        &s.bootstrap,
        "--rpki-url",
        &s.routinator,
        "--irr-server",
        &s.whois.addr,
    ]);
    assert_eq!(SourceRepo::roa(&o, 16509), "pass", "{}", stderr(&o));
    assert_eq!(s.server.hits("/routinator/"), 2);
    assert_eq!(s.server.hits("/ripestat/data/rpki-validation/"), 0);
}

/// Online with --vrps: the file wins over every validator.
#[test]
fn batch_check_online_takes_the_vrps_flag_over_every_validator() {
    let s = SourceRepo::new();
    let o = s.run(&[
        "batch",
        "check",
        "--json",
        "--no-cache",
        "--bootstrap",
        &s.bootstrap,
        "--vrps",
        "good.csv",
        &s.ripestat,
        "--irr-server",
        &s.whois.addr,
    ]);
    assert_eq!(SourceRepo::roa(&o, 16509), "pass");
    assert_eq!(
        (
            s.server.hits("/ripestat/data/rpki-validation/"),
            s.server.hits("/routinator/")
        ),
        (0, 0)
    );
}

/// The CI recipe of docs/batch.md, with the key `keygen` makes by default (encrypted): audit and
/// `batch check --offline --junit` run with and without BYOIP_PASSPHRASE. What needs only
/// the public half takes it from the certificate; without a certificate, the passphrase is
/// asked for by name.
#[test]
fn the_ci_recipe_runs_on_a_keygen_made_encrypted_key() {
    let d = tempdir();
    let dir = d.path();
    fs::create_dir_all(dir.join("keys")).unwrap();
    fs::create_dir_all(dir.join("rdap")).unwrap();
    let with = |args: &[&str], pass: bool| -> Output {
        let mut c = common::byoip_command(args, &[]);
        c.current_dir(dir);
        if pass {
            c.env("BYOIP_PASSPHRASE", "ci-secret");
        }
        c.output().unwrap()
    };
    // Quick start: keygen, cert, publish (here: a saved RDAP answer holding the new
    // certificate), sign the contexts.
    let o = with(&["keygen", "--out", "keys/byoip-key.pem"], true);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = with(
        &[
            "cert",
            "--key",
            "keys/byoip-key.pem",
            "--out",
            "keys/byoip-cert.pem",
        ],
        true,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pem = fs::read_to_string(dir.join("keys/byoip-cert.pem")).unwrap();
    let mut rec: Value = serde_json::from_str(
        &fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap(),
    )
    .unwrap();
    rec["remarks"][0]["description"] = pem.lines().map(Value::from).collect::<Vec<_>>().into();
    fs::write(dir.join("rdap/rec.json"), rec.to_string()).unwrap();
    fs::write(dir.join("vrps.csv"), AMAZON_VRPS).unwrap();
    fs::write(
        dir.join("byoip.toml"),
        "account = \"123456789012\"\nkey = \"keys/byoip-key.pem\"\ncert = \"keys/byoip-cert.pem\"\nservice = \"ipam\"\ncontexts = \"contexts.json\"\nvrps = \"vrps.csv\"\n\n[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"rdap/rec.json\"\nirr_file = \"rdap/irr.txt\"\n",
    )
    .unwrap();
    fs::copy(testdata("irr/none.txt"), dir.join("rdap/irr.txt")).unwrap();
    let o = with(&["batch", "sign", "--out", "contexts.json"], true);
    assert!(o.status.success(), "{}", stderr(&o));

    // The recipe, with the passphrase from the CI secret store: all green.
    let o = with(&["audit", "--warn-days", "30", "--fail-days", "7"], true);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = with(
        &["batch", "check", "--offline", "--junit", "byoip-junit.xml"],
        true,
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("READY: 1 of 1 prefix ready"),
        "{}",
        stdout(&o)
    );
    let junit = fs::read_to_string(dir.join("byoip-junit.xml")).unwrap();
    assert!(junit.contains("failures=\"0\" errors=\"0\""), "{junit}");
    fs::remove_file(dir.join("byoip-junit.xml")).unwrap();

    // Without it: the check uses the certificate (and says so), and still writes JUnit;
    // audit reports the key as not checked (INCOMPLETE), never a wrong error.
    let o = with(
        &["batch", "check", "--offline", "--junit", "byoip-junit.xml"],
        false,
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("is encrypted and no passphrase was given"),
        "{}",
        stderr(&o)
    );
    assert!(dir.join("byoip-junit.xml").exists());
    let o = with(&["audit", "--warn-days", "30", "--fail-days", "7"], false);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains(
            "INCOMPLETE: 0 failed, 0 warnings, 5 passed, 0 skipped, 2 not run; 2 reasons above"
        ),
        "{}",
        stdout(&o)
    );

    // A wrong passphrase is named as such, not as a damaged file to restore.
    let o = common::byoip_command(
        &["audit", "--json"],
        &[("BYOIP_PASSPHRASE", "not-the-passphrase")],
    )
    .current_dir(dir)
    .output()
    .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(check_field(&v, "key.load", "status"), "fail");
    let hint = check_field(&v, "key.load", "hint");
    assert!(
        hint.contains("passphrase") && !hint.contains("restore"),
        "{hint}"
    );

    // check and verify with only the encrypted key and no terminal: the passphrase is
    // what is missing, and the error says so.
    for args in [
        &[
            "check",
            "--offline",
            "--cidr",
            "192.198.0.0/24",
            "--key",
            "keys/byoip-key.pem",
        ][..],
        &[
            "verify",
            "--key",
            "keys/byoip-key.pem",
            "--message",
            "m",
            "--signature",
            "abc",
        ][..],
    ] {
        let o = with(args, false);
        assert_one_line_error(&o, "passphrase");
        assert!(!stderr(&o).contains("PUBLIC KEY block"), "{}", stderr(&o));
        assert!(stderr(&o).contains("BYOIP_PASSPHRASE"), "{}", stderr(&o));
    }
    // With the passphrase, check opens the key for its public half.
    let o = with(
        &[
            "check",
            "--offline",
            "--cidr",
            "192.198.0.0/24",
            "--key",
            "keys/byoip-key.pem",
            "--rdap-file",
            "rdap/rec.json",
            "--vrps",
            "vrps.csv",
        ],
        true,
    );
    // Every check the key allows passes; no message was given, so it is INCOMPLETE.
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .unwrap()
            .starts_with("INCOMPLETE: 0 failed"),
        "{}",
        stdout(&o)
    );
}

/// `batch verify` reads both files `batch sign` writes, JSON and CSV; an empty one is an
/// error, not "0 of 0 contexts verify".
#[test]
fn batch_verify_reads_what_batch_sign_writes() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    for format in ["json", "csv"] {
        let o = run(
            d.path(),
            &[
                "batch",
                "sign",
                "--format",
                format,
                "--out",
                &format!("c.{format}"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let o = verify_contexts(d.path(), &format!("c.{format}"), &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{format}: {}{}",
            stdout(&o),
            stderr(&o)
        );
        assert!(
            stdout(&o).contains("2 of 2 contexts verify"),
            "{}",
            stdout(&o)
        );
    }
    for (name, body) in [
        ("e.json", "[]"),
        ("e.csv", "cidr,message,signature\n"),
        ("e.txt", ""),
    ] {
        fs::write(d.path().join(name), body).unwrap();
        let o = verify_contexts(d.path(), name, &[]);
        assert_one_line_error(&o, "holds no context");
    }
}

/// `--jobs 0` would do nothing: refused. A bare number where the manifest wants text (an
/// account would lose leading zeros) gets "quote it".
#[test]
fn zero_jobs_and_unquoted_numbers_are_refused_with_the_fix() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    for args in [
        &["batch", "sign", "--jobs", "0"][..],
        &["batch", "check", "--offline", "--jobs", "0"],
    ] {
        let o = run(d.path(), args);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("'--jobs <N>': give a whole number, 1 or more"),
            "{}",
            stderr(&o)
        );
    }
    let toml = fs::read_to_string(d.path().join("byoip.toml"))
        .unwrap()
        .replace("account = \"123456789012\"", "account = 123456789012");
    fs::write(d.path().join("byoip.toml"), toml).unwrap();
    let o = run(d.path(), &["batch", "sign"]);
    assert_one_line_error(&o, "line 1");
    assert!(
        stderr(&o).contains("hint: account is a string: quote it, account = \"123456789012\""),
        "{}",
        stderr(&o)
    );
}

/// A missing rdap_file does not take the whole run down: the other prefixes are judged, the
/// report and JUnit are written, that prefix is INCOMPLETE, and the run ends with the error.
#[test]
fn a_missing_rdap_file_leaves_one_prefix_incomplete_not_the_run_empty() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"rdap/nope.json\"\n",
            rdap.display()
        ),
    );
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    let (text, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{text}{err}");
    assert!(text.contains("INCOMPLETE: 1 of 2 prefixes ready"), "{text}");
    assert!(d.path().join("j.xml").exists());
    assert!(
        err.lines().last().unwrap().contains("nope.json")
            && err.contains("relative to the manifest"),
        "{err}"
    );
    // The hint fetches that prefix's record, by its CIDR.
    assert!(
        err.contains("`byoip rdap fetch --cidr 192.198.1.0/24 --out FILE`"),
        "{err}"
    );
}

/// A missing irr_file is named like a missing rdap_file: that prefix's irr.route did not
/// run, the run ends with the error, and the hint fetches that prefix's route objects by its
/// CIDR (not a placeholder to fill in).
#[test]
fn a_missing_irr_file_names_the_prefix_to_fetch() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"{}\"\n",
            rdap.display()
        ),
    );
    // repo gives each saved record an IRR answer beside it: name one that is not there.
    let toml = fs::read_to_string(d.path().join("byoip.toml"))
        .unwrap()
        .replace(
            "irr_file = \"irr/irr-192.198.1.0_24.txt\"",
            "irr_file = \"irr/nope.txt\"",
        );
    assert!(toml.contains("nope.txt"), "{toml}");
    fs::write(d.path().join("byoip.toml"), toml).unwrap();
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let (text, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{text}{err}");
    assert!(
        err.lines().last().unwrap().contains("nope.txt")
            && err.contains("relative to the manifest"),
        "{err}"
    );
    assert!(
        err.contains("`byoip irr fetch --cidr 192.198.1.0/24 --out FILE`"),
        "{err}"
    );
}

/// Offline without an irr_file, a prefix's irr.route row says what batch check reads (the
/// manifest's irr_file) and the fetch that saves it for that prefix, not "give it as saved
/// evidence".
#[test]
fn irr_route_without_an_irr_file_names_irr_file_and_the_fetch() {
    let d = tempdir();
    repo_signed(d.path(), "[[prefix]]\ncidr = \"192.198.1.0/24\"\n");
    let o = run(d.path(), &["batch", "check", "--offline", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hint = check_field(&v["prefixes"][0], "irr.route", "hint");
    assert_eq!(
        hint,
        "save the IRR's answer for the prefix and its more-specifics where whois works, and give it as saved evidence (irr_file in its [[prefix]]; `byoip irr fetch --cidr 192.198.1.0/24 --out FILE`)"
    );
}

/// A manifest's rdap_file in the form `rdap fetch` saves is read, and its recorded fetch
/// time, not the file's fresh modification time (a checkout), gives the answer's age.
#[test]
fn a_manifest_rdap_file_saved_by_rdap_fetch_is_judged_by_its_fetch_time() {
    let d = tempdir();
    let answer = fs::read_to_string(testdata("rdap/synthetic/arin-good.json")).unwrap();
    // 45 days before the tests' clock (common::NOW, 2026-12-01).
    fs::write(
        d.path().join("rec.json"),
        format!(
            r#"{{"byoip_saved": {{"fetched": "2026-10-17T12:00:00Z", "url": "https://rdap.arin.net/registry/ip/192.198.0.0/24"}}, "answers": [{answer}]}}"#
        ),
    )
    .unwrap();
    repo_signed(
        d.path(),
        "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"rec.json\"\n",
    );
    let o = run(d.path(), &["batch", "check", "--offline", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|_| panic!("{}", stderr(&o)));
    let record = v["prefixes"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "rdap.record")
        .unwrap()
        .clone();
    assert_eq!(record["status"], "warn", "{record:#}");
    assert!(
        record["details"]
            .to_string()
            .contains("fetched 2026-10-17 12:00 UTC from https://rdap.arin.net/registry/ip/192.198.0.0/24 (recorded in the saved file), 45 days before"),
        "{record:#}"
    );
}

/// A manifest with one prefix, its saved evidence and its signed context (READY), for the
/// JUnit output tests.
fn junit_repo(dir: &Path) {
    repo_signed(
        dir,
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n",
            testdata("rdap/synthetic/arin-good.json").display()
        ),
    );
}

/// `--junit -` is stdout, as `-` is everywhere: the XML there, the summary on stderr, and
/// no file named `-`.
#[test]
fn batch_check_junit_dash_writes_the_xml_to_stdout() {
    let d = tempdir();
    junit_repo(d.path());
    let o = run(d.path(), &["batch", "check", "--offline", "--junit", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(xml.starts_with("<?xml version=\"1.0\""), "{xml}");
    assert!(xml.contains("<testsuite name=\"192.198.0.0/24\""), "{xml}");
    assert!(
        stderr(&o).contains("READY: 1 of 1 prefix ready"),
        "{}",
        stderr(&o)
    );
    assert!(!d.path().join("-").exists(), "no file named -");
}

/// With --json, stdout is the JSON report: `--junit -` is refused before anything runs.
#[test]
fn batch_check_junit_dash_with_json_is_refused() {
    let d = tempdir();
    junit_repo(d.path());
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--json", "--junit", "-"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: --junit - and --json would both write to standard output; hint: "),
        "{err}"
    );
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(j["error"].as_str().unwrap().contains("--junit -"), "{j}");
    assert!(!d.path().join("-").exists());
}

/// A report is replaced when written again (no --force needed), unlike keys and signed
/// contexts.
#[test]
fn batch_check_junit_replaces_an_existing_report() {
    let d = tempdir();
    junit_repo(d.path());
    fs::write(d.path().join("j.xml"), "an older report").unwrap();
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = fs::read_to_string(d.path().join("j.xml")).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
}

/// `--jobs` has one rule in the three batch commands: every core by default.
#[test]
fn batch_jobs_default_is_every_core_in_all_three() {
    for sub in ["sign", "verify", "check"] {
        let help = stdout(&run(Path::new("."), &["batch", sub, "--help"]));
        let line = help
            .lines()
            .skip_while(|l| !l.contains("--jobs <N>"))
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(line.contains("(default: every core)"), "{sub}: {help}");
        assert!(!line.contains("[default: 4]"), "{sub}: {help}");
    }
}

/// Two prefixes with all their saved evidence, one without its signed context: that one's
/// message and signature checks are left out, so it is INCOMPLETE and so is the run
/// (exit 1), where it once read "OK: 2 of 2 prefixes ready". The summary names what was
/// left out; the JSON says `ready` false at the top and for that prefix, and `left_out` on
/// each check.
#[test]
fn a_prefix_without_its_signed_context_is_incomplete_never_ready() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{0}\"\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"{0}\"\n",
            rdap.display()
        ),
    );
    // Both signed: READY, exit 0.
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}{}", stderr(&o));
    assert!(text.ends_with("\nREADY: 2 of 2 prefixes ready\n"), "{text}");
    // The second prefix's context removed.
    let mut list = read_contexts(d.path(), "contexts.json");
    list.retain(|c| c["cidr"] != "192.198.1.0/24");
    write_contexts(d.path(), "contexts.json", &list);
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}{}", stderr(&o));
    let row = |c: &str| text.lines().find(|l| l.starts_with(c)).unwrap().to_string();
    assert!(row("192.198.0.0/24").contains(" READY "), "{text}");
    assert!(
        row("192.198.1.0/24").contains("INCOMPLETE")
            && row("192.198.1.0/24").contains("{message.*, signature.local, rdap.signature}"),
        "{text}"
    );
    assert!(
        text.contains("INCOMPLETE: 1 of 2 prefixes ready (1 prefix not fully checked)"),
        "{text}"
    );
    assert!(!text.contains("2 of 2"), "{text}");
    // The prefix's own report lists its left-out checks and what to give: its signed
    // context, in the file the manifest names.
    assert!(
        text.contains("skip  message.*, signature.local, rdap.signature\n                            no signed context in contexts.json (re-sign the manifest with `byoip batch sign --out contexts.json --force`)\n"),
        "{text}"
    );
    assert!(
        text.contains("\nINCOMPLETE: 0 failed, 0 warnings, 14 passed, 7 skipped; 1 reason above; next: byoip batch sign\n"),
        "{text}"
    );
    let v: Value = serde_json::from_str(&stdout(&run(
        d.path(),
        &["batch", "check", "--offline", "--json"],
    )))
    .unwrap();
    assert_eq!(
        (v["ok"].clone(), v["ready"].clone(), v["complete"].clone()),
        (true.into(), false.into(), true.into())
    );
    let (good, bare) = (&v["prefixes"][0], &v["prefixes"][1]);
    assert_eq!(
        (good["ready"].clone(), bare["ready"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(bare["ok"], true);
    for id in [
        "message.format",
        "message.expiry",
        "signature.local",
        "rdap.signature",
    ] {
        assert!(common::left_out(bare, id), "{id}");
        assert!(!common::left_out(good, id), "{id}");
    }
}

/// JUnit: a check left out for want of evidence is an `<error type="left-out">` (CI
/// dashboards count `<skipped>` as passing), counted among the errors; a skip by rule (no
/// ROA for an IPv6 range that is not advertised) stays `<skipped>`.
#[test]
fn junit_writes_a_left_out_check_as_an_error_and_a_skip_by_rule_as_skipped() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    // No contexts file: every message check is left out.
    repo_with_vrps(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\norigin = \"none\"\n[[prefix]]\ncidr = \"2001:4860:1200::/48\"\nadvertise = false\n",
            rdap.display()
        ),
    );
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let got = sh(
        d.path(),
        r#"python3 -c "
import xml.etree.ElementTree as E
r = E.parse('j.xml').getroot()
def case(suite, name):
    s = [t for t in r.findall('testsuite') if t.get('name') == suite][0]
    c = [c for c in s.findall('testcase') if c.get('name') == name][0]
    return ','.join(e.tag + ':' + (e.get('type') or '') for e in c)
print(case('192.198.0.0/24', 'message.format'))
print(case('192.198.0.0/24', 'signature.local'))
print(case('2001:4860:1200::/48', 'roa.as16509'))
print(case('192.198.0.0/24', 'rdap.record'))
s = [t for t in r.findall('testsuite') if t.get('name') == '192.198.0.0/24'][0]
print(s.get('errors'), s.get('skipped'), len(s.findall('.//error')), len(s.findall('.//skipped')))
""#,
    );
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines[0], "error:left-out", "{got}");
    assert_eq!(lines[1], "error:left-out", "{got}");
    assert_eq!(lines[2], "skipped:", "{got}");
    assert_eq!(lines[3], "", "a check that passed has no child: {got}");
    // The IPv4 prefix: its left-out checks are its errors, and it has no skip at all (its
    // origin is "none", so roa.current-origin passes rather than skip by rule).
    let counts: Vec<&str> = lines[4].split(' ').collect();
    assert_eq!(counts[0], counts[2], "{got}");
    assert_eq!((counts[1], counts[3]), ("0", "0"), "{got}");
    assert!(counts[0].parse::<u32>().unwrap() >= 6, "{got}");
}

/// A signed context for a prefix the manifest does not name: a warning `context.<cidr>`
/// ("no [[prefix]] for this context") in the summary and in `orphan_contexts`, never a
/// failure: the run stays READY. `audit` says the same, and leaves out the context of a
/// prefix that has none (INCOMPLETE, exit 1).
#[test]
fn a_context_for_no_prefix_warns_and_a_prefix_without_one_is_left_out_in_audit() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n",
            rdap.display()
        ),
    );
    let mut list = read_contexts(d.path(), "contexts.json");
    let mut stray = list[0].clone();
    stray["cidr"] = "192.198.3.0/24".into();
    list.push(stray);
    write_contexts(d.path(), "contexts.json", &list);
    let o = run(d.path(), &["batch", "check", "--offline"]);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}{}", stderr(&o));
    assert!(
        text.contains("warn  context.192.198.3.0/24  no [[prefix]] for this context: the manifest names no 192.198.3.0/24 (contexts.json)"),
        "{text}"
    );
    assert!(text.ends_with("\nREADY: 1 of 1 prefix ready\n"), "{text}");
    let v: Value = serde_json::from_str(&stdout(&run(
        d.path(),
        &["batch", "check", "--offline", "--json"],
    )))
    .unwrap();
    assert_eq!(v["orphan_contexts"], serde_json::json!(["192.198.3.0/24"]));
    assert_eq!(v["ready"], true);
    // JUnit: a passing case with the warning, in a last suite of its own.
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    assert_eq!(o.status.code(), Some(0));
    let got = sh(
        d.path(),
        r#"python3 -c "
import xml.etree.ElementTree as E
r = E.parse('j.xml').getroot()
s = r.findall('testsuite')[-1]
c = s.find('testcase')
print(s.get('name'), c.get('name'), r.get('failures'), r.get('errors'), c.find('system-out').text.split(chr(10))[0])
""#,
    );
    assert_eq!(
        got.trim(),
        "contexts context.192.198.3.0/24 0 0 warning: no [[prefix]] for this context: the manifest names no 192.198.3.0/24 (contexts.json)"
    );

    // audit: the stray context warns (it verifies), the audit stays READY.
    let o = run(d.path(), &["audit", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(0), "{v:#}");
    assert_eq!(check_field(&v, "context.192.198.3.0/24", "status"), "warn");
    assert!(
        check_field(&v, "context.192.198.3.0/24", "message")
            .starts_with("no [[prefix]] for this context"),
        "{v:#}"
    );
    assert_eq!(check_field(&v, "context.192.198.0.0/24", "status"), "pass");
    assert_eq!(v["orphan_contexts"], serde_json::json!(["192.198.3.0/24"]));
    assert_eq!(v["ready"], true);
    // A second prefix without its context: left out, so the audit is INCOMPLETE, exit 1.
    let toml = fs::read_to_string(d.path().join("byoip.toml")).unwrap()
        + "[[prefix]]\ncidr = \"192.198.1.0/24\"\n";
    fs::write(d.path().join("byoip.toml"), toml).unwrap();
    let o = run(d.path(), &["audit", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    assert_eq!(check_field(&v, "context.192.198.1.0/24", "status"), "skip");
    assert!(common::left_out(&v, "context.192.198.1.0/24"));
    assert_eq!(
        check_field(&v, "context.192.198.1.0/24", "message"),
        "no signed context in contexts.json"
    );
    assert_eq!(
        (v["ok"].clone(), v["ready"].clone()),
        (true.into(), false.into())
    );
    let o = run(d.path(), &["audit"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert_eq!(
        common::verdict(&text),
        "INCOMPLETE: 0 failed, 1 warning, 7 passed, 1 skipped; 1 reason above; next: byoip batch sign",
        "{text}"
    );
    assert!(
        text.contains("\nskip  context.192.198.1.0/24  no signed context in contexts.json\n"),
        "{text}"
    );
    // batch check: that prefix is INCOMPLETE for the same reason.
    let o = run(d.path(), &["batch", "check", "--offline"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("INCOMPLETE: 1 of 2 prefixes ready"),
        "{}",
        stdout(&o)
    );
}

/// The false READY a new user found: a context labelled `cidr = "192.198.1.0/24"` whose
/// message names 192.198.0.0/24, and one whose message names another account, verified and
/// passed in `audit` (READY, exit 0) while `batch check` failed `message.cidr` and
/// `message.account`. `audit` holds each context's message to its `[[prefix]]` by the
/// same judge: the context's check fails, naming the field.
#[test]
fn audit_holds_each_contexts_message_to_its_prefix_as_batch_check_does() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    let entry = |cidr: &str| {
        format!(
            "[[prefix]]\ncidr = \"{cidr}\"\nrdap_file = \"{}\"\n",
            rdap.display()
        )
    };
    repo_signed(
        d.path(),
        &(entry("192.198.0.0/24") + &entry("192.198.1.0/24") + &entry("192.198.2.0/24")),
    );
    let o = run(d.path(), &["audit", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let mut list = read_contexts(d.path(), "contexts.json");
    // 192.198.1.0/24's entry carries 192.198.0.0/24's message and signature.
    let mut wrong_cidr = list[0].clone();
    wrong_cidr["cidr"] = "192.198.1.0/24".into();
    list[1] = wrong_cidr;
    // 192.198.2.0/24's message names another account, signed with the right key.
    let other = d.path().join("other");
    repo(&other, "", &entry("192.198.2.0/24"));
    let toml = fs::read_to_string(other.join("byoip.toml"))
        .unwrap()
        .replace("123456789012", "999999999999");
    fs::write(other.join("byoip.toml"), toml).unwrap();
    sign_contexts(&other, "contexts.json");
    list[2] = read_contexts(&other, "contexts.json")[0].clone();
    assert!(
        list[2]["message"]
            .as_str()
            .unwrap()
            .contains("|999999999999|"),
        "{}",
        list[2]
    );
    write_contexts(d.path(), "contexts.json", &list);

    let o = run(d.path(), &["batch", "check", "--offline", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    assert_eq!(
        check_field(&v["prefixes"][1], "message.cidr", "status"),
        "fail"
    );
    assert_eq!(
        check_field(&v["prefixes"][2], "message.account", "status"),
        "fail"
    );

    let o = run(d.path(), &["audit", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    assert_eq!(
        (v["ok"].clone(), v["ready"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(check_field(&v, "context.192.198.0.0/24", "status"), "pass");
    assert_eq!(check_field(&v, "context.192.198.1.0/24", "status"), "fail");
    assert!(
        check_field(&v, "context.192.198.1.0/24", "message").starts_with(
            "the message is not its [[prefix]]'s: message.cidr: the message says \"192.198.0.0/24\", the CIDR given says \"192.198.1.0/24\""
        ),
        "{v:#}"
    );
    assert_eq!(check_field(&v, "context.192.198.2.0/24", "status"), "fail");
    assert!(
        check_field(&v, "context.192.198.2.0/24", "message").starts_with(
            "the message is not its [[prefix]]'s: message.account: the message names account 999999999999, the account given is 123456789012"
        ),
        "{v:#}"
    );
    let o = run(d.path(), &["audit"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("NOT READY: 2 failed"),
        "{text}"
    );
    assert!(!text.contains("pass  context.192.198.1.0/24"), "{text}");
}

/// A prefix without its signed context: the left-out checks name the command that writes
/// it, and that command works as written on the contexts file, which exists (`batch sign
/// --out` alone refuses to replace it), with `--manifest` when the manifest is not
/// `byoip.toml` in the folder run from.
#[test]
fn the_left_out_hint_names_a_batch_sign_that_works() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    let sub = d.path().join("keys-repo");
    repo_signed(
        &sub,
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{0}\"\n[[prefix]]\ncidr = \"192.198.1.0/24\"\nrdap_file = \"{0}\"\n",
            rdap.display()
        ),
    );
    let mut list = read_contexts(&sub, "contexts.json");
    list.retain(|c| c["cidr"] != "192.198.1.0/24");
    write_contexts(&sub, "contexts.json", &list);
    for (dir, manifest, want) in [
        (
            sub.as_path(),
            "byoip.toml",
            "re-sign the manifest with `byoip batch sign --out contexts.json --force`",
        ),
        (
            d.path(),
            "keys-repo/byoip.toml",
            "re-sign the manifest with `byoip batch sign --manifest keys-repo/byoip.toml --out keys-repo/contexts.json --force`",
        ),
    ] {
        let o = run(
            dir,
            &[
                "batch",
                "check",
                "--offline",
                "--json",
                "--manifest",
                manifest,
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let message = check_field(&v["prefixes"][1], "message.format", "message");
        assert!(message.contains(want), "{message}");
        let command: Vec<&str> = message
            .split('`')
            .nth(1)
            .unwrap()
            .split(' ')
            .skip(1)
            .collect();
        // Without --force it is refused: the file exists.
        let o = run(dir, &command[..command.len() - 1]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
        let o = run(dir, &command);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = run(
            dir,
            &["batch", "check", "--offline", "--manifest", manifest],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        write_contexts(&sub, "contexts.json", &list);
    }
}

/// A read that finds a directory says to give the file, naming it once ("the RDAP file",
/// never "the RDAP file file"), whatever the file is called.
#[test]
fn a_directory_given_for_a_file_is_named_once() {
    let d = tempdir();
    repo(d.path(), "", TWO);
    fs::create_dir(d.path().join("dir")).unwrap();
    for (args, want) in [
        (
            vec![
                "check",
                "--cidr",
                "192.198.0.0/24",
                "--cert",
                "keys/byoip-cert.pem",
                "--rdap-file",
                "dir",
            ],
            "hint: give the path of the RDAP file",
        ),
        (
            vec![
                "check",
                "--cidr",
                "192.198.0.0/24",
                "--cert",
                "keys/byoip-cert.pem",
                "--vrps",
                "dir",
            ],
            "hint: give the path of the VRP file",
        ),
        (
            vec!["batch", "check", "--manifest", "dir"],
            "hint: give the path of the manifest file",
        ),
        (
            vec!["audit", "--contexts", "dir"],
            "hint: give the path of the contexts file",
        ),
    ] {
        let o = run(d.path(), &args);
        assert_one_line_error(&o, want);
        assert!(!stderr(&o).contains("file file"), "{}", stderr(&o));
    }
}

/// A JUnit file judged on a set clock says so: each suite has the property `byoip.now`
/// with the time `BYOIP_NOW` set; on the system's clock there is none.
#[test]
fn junit_names_the_clock_byoip_now_set_and_nothing_without_it() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    repo_signed(
        d.path(),
        &format!(
            "[[prefix]]\ncidr = \"192.198.0.0/24\"\nrdap_file = \"{}\"\n",
            rdap.display()
        ),
    );
    // A context for no prefix: a second suite, `contexts`, which carries it too.
    let mut list = read_contexts(d.path(), "contexts.json");
    let mut stray = list[0].clone();
    stray["cidr"] = "192.198.3.0/24".into();
    list.push(stray);
    write_contexts(d.path(), "contexts.json", &list);
    let props = r#"python3 -c "
import xml.etree.ElementTree as E
r = E.parse('j.xml').getroot()
for s in r.findall('testsuite'):
    print(s.get('name'), [(p.get('name'), p.get('value')) for p in s.findall('properties/property')])
print(len(r.findall('.//property')))
""#;
    let o = run(
        d.path(),
        &["batch", "check", "--offline", "--junit", "j.xml"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        sh(d.path(), props),
        format!(
            "192.198.0.0/24 [('byoip.now', '{0}')]\ncontexts [('byoip.now', '{0}')]\n2\n",
            common::NOW
        )
    );
    // --junit - writes the same document to stdout.
    let o = run(d.path(), &["batch", "check", "--offline", "--junit", "-"]);
    assert!(
        stdout(&o).contains(&format!(
            "<property name=\"byoip.now\" value=\"{}\"/>",
            common::NOW
        )),
        "{}",
        stdout(&o)
    );
    // The system's clock: no property.
    let cache = d.path().join(".cache");
    let o = common::byoip_command(
        &["batch", "check", "--offline", "--junit", "j.xml"],
        &[
            ("BYOIP_PASSPHRASE", PASS),
            ("BYOIP_CACHE_DIR", cache.to_str().unwrap()),
        ],
    )
    .env_remove("BYOIP_NOW")
    .current_dir(d.path())
    .output()
    .unwrap();
    assert!(!stderr(&o).contains("BYOIP_NOW"), "{}", stderr(&o));
    let xml = fs::read_to_string(d.path().join("j.xml")).unwrap();
    assert!(xml.contains("<testsuite name=\"192.198.0.0/24\""), "{xml}");
    assert!(!xml.contains("<propert"), "{xml}");
}

/// `batch verify` without --cert and --input reads the manifest's `cert` and `contexts`
/// (byoip.toml, or the one --manifest names, its paths relative to its folder); a flag
/// given wins over the manifest's file; a manifest without one of them, or no manifest,
/// is a one-line error saying what to give.
#[test]
fn batch_verify_reads_the_certificate_and_contexts_from_the_manifest() {
    let d = tempdir();
    repo_signed(d.path(), TWO);
    let o = run(d.path(), &["batch", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("2 of 2 contexts verify under keys/byoip-cert.pem (RSA-2048"),
        "{out}"
    );
    let o = run(d.path(), &["batch", "verify", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (&v["ok"], v["results"].as_array().map(Vec::len)),
        (&Value::Bool(true), Some(2))
    );
    // From another folder, --manifest names it; its paths are relative to it.
    let o = run(
        d.path().parent().unwrap(),
        &[
            "batch",
            "verify",
            "--manifest",
            d.path().join("byoip.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // --cert wins over the manifest's: another key's certificate verifies none.
    let other = testdata("keys/other2048-cert.pem");
    let o = run(
        d.path(),
        &["batch", "verify", "--cert", other.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("0 of 2 contexts verify under "),
        "{}",
        stdout(&o)
    );
    // --input wins over the manifest's: a spoiled copy fails.
    let mut list = read_contexts(d.path(), "contexts.json");
    list[0]["message"] = Value::String(
        list[0]["message"]
            .as_str()
            .unwrap()
            .replace("|192.198.0.0/24|", "|192.198.1.0/24|"),
    );
    write_contexts(d.path(), "spoiled.json", &list);
    let o = run(d.path(), &["batch", "verify", "--input", "spoiled.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("1 of 2 contexts verify under keys/byoip-cert.pem"),
        "{}",
        stdout(&o)
    );
    // A manifest without contexts: say which key to add, or which flag to give.
    let e = tempdir();
    repo(e.path(), "", TWO);
    let o = run(e.path(), &["batch", "verify"]);
    assert_one_line_error(&o, "byoip.toml: no contexts");
    assert!(
        stderr(&o).contains("or give --input FILE"),
        "{}",
        stderr(&o)
    );
    // No manifest and no flags: the flags are what is missing.
    let f = tempdir();
    let o = run(f.path(), &["batch", "verify"]);
    assert_one_line_error(
        &o,
        "no --cert and --input given, and no byoip.toml here to read them from",
    );
    let o = run(f.path(), &["batch", "verify", "--input", "x.json"]);
    assert_one_line_error(&o, "no --cert given, and no byoip.toml here");
}

#[test]
fn a_prefix_with_two_contexts_is_judged_on_both_whatever_their_order() {
    let d = tempdir();
    let rdap = testdata("rdap/synthetic/arin-good.json");
    let entry = |cidr: &str| {
        format!(
            "[[prefix]]\ncidr = \"{cidr}\"\nrdap_file = \"{}\"\n",
            rdap.display()
        )
    };
    repo_signed(
        d.path(),
        &(entry("192.198.0.0/24") + &entry("192.198.1.0/24")),
    );
    let list = read_contexts(d.path(), "contexts.json");
    // A second entry for 192.198.1.0/24 carrying 192.198.0.0/24's message and signature.
    let mut bad = list[0].clone();
    bad["cidr"] = "192.198.1.0/24".into();
    for (order, n) in [
        (vec![list[0].clone(), list[1].clone(), bad.clone()], 3),
        (vec![list[0].clone(), bad.clone(), list[1].clone()], 2),
    ] {
        write_contexts(d.path(), "contexts.json", &order);
        let o = run(d.path(), &["batch", "check", "--offline", "--json"]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(o.status.code(), Some(1), "bad entry {n}: {v:#}");
        assert_eq!(
            check_field(&v["prefixes"][0], "message.cidr", "status"),
            "pass"
        );
        assert_eq!(
            check_field(&v["prefixes"][1], "message.cidr", "status"),
            "fail",
            "bad entry {n}: {v:#}"
        );
        if n == 3 {
            assert!(
                check_field(&v["prefixes"][1], "message.cidr", "message")
                    .starts_with("entry 3 of the contexts file: "),
                "{v:#}"
            );
        }
        let o = run(d.path(), &["batch", "check", "--offline"]);
        assert!(
            stdout(&o).ends_with("\nNOT READY: 1 of 2 prefixes ready\n"),
            "{}",
            stdout(&o)
        );
        // audit judges the same file the same way.
        let o = run(d.path(), &["audit"]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    }
    // Two good entries for one prefix: still ready.
    write_contexts(
        d.path(),
        "contexts.json",
        &[list[0].clone(), list[1].clone(), list[1].clone()],
    );
    let o = run(d.path(), &["batch", "check", "--offline"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
