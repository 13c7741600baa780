//! Helpers shared by the integration tests of both packages (the library's tests/tests.rs
//! and the command's cli/tests/tests.rs, which includes this file by path): run byoip and
//! the independent tools, and the loopback servers.
#![allow(dead_code, missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

pub mod dnsd;
pub mod httpd;
pub mod whoisd;

pub const PASS: &str = "demo-passphrase";

/// The clock every byoip the tests run reads (`BYOIP_NOW`), so that no test depends on
/// today's date: after the demo certificate's start (2026-11-25) and well before the
/// messages the tests sign expire (`MSG`: 2027-12-31). A test that needs another time sets
/// its own `BYOIP_NOW` through `byoip_env`.
pub const NOW: &str = "2026-12-01T12:00:00Z";

/// [`NOW`] for the library's inputs and for dates a test computes.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// Where the tests' byoip finds RIPEstat unless a test says otherwise: a loopback port
/// nothing listens on (port 1, tcpmux, is never served here), so a request fails at once.
pub const CLOSED_RIPESTAT: &str = "http://127.0.0.1:1";

/// Where the tests' byoip finds the RDAP bootstrap unless a test says otherwise
/// (`BYOIP_BOOTSTRAP`): the same closed port as [`CLOSED_RIPESTAT`].
pub const CLOSED_BOOTSTRAP: &str = "http://127.0.0.1:1/";

/// A message AWS accepts (until 2027), for the tests that sign and verify.
pub const MSG: &str = "1|aws|123456789012|198.51.100.0/24|20271231|SHA256|RSAPSS";

/// The workspace's root, where README.md, docs/ and testdata/ are: the library's package
/// directory, and the parent of the command's (cli/).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("testdata").is_dir() {
        here.to_path_buf()
    } else {
        here.parent().unwrap().to_path_buf()
    }
}

pub fn testdata(rel: &str) -> PathBuf {
    root().join("testdata").join(rel)
}

/// Runs byoip with no passphrase in the environment and no terminal.
pub fn byoip(args: &[&str]) -> Output {
    byoip_env(args, &[])
}

pub fn byoip_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    byoip_command(args, env).output().expect("run byoip")
}

/// The byoip command line `byoip_env` runs, for a test that needs the child itself.
pub fn byoip_command(args: &[&str], env: &[(&str, &str)]) -> Command {
    // Cargo names the binary only to the tests of the package that builds it (byoip-cli);
    // the library's tests run no command (and so never reach this).
    #[allow(clippy::option_env_unwrap)]
    let bin = option_env!("CARGO_BIN_EXE_byoip")
        .expect("the byoip binary is built for the command's tests (cli/tests), not the library's");
    let mut c = Command::new(bin);
    // From the workspace's root, as a user of the README runs it (`testdata/…` paths), and
    // as the tests ran when the command was the root package's.
    c.current_dir(root())
        .args(args)
        .env_remove("BYOIP_PASSPHRASE")
        // A forgotten --rdap-url or --bootstrap meets a closed port, never IANA's bootstrap
        // and the registries on the internet.
        .env("BYOIP_BOOTSTRAP", CLOSED_BOOTSTRAP)
        .env_remove("BYOIP_RDAP_URL")
        .env_remove("BYOIP_RPKI_URL")
        .env_remove("BYOIP_TIMEOUT")
        .env_remove("BYOIP_RESOLVER")
        // A forgotten --irr-server or --irr-file fails (the IRR check did not run) instead
        // of asking RADb on the internet.
        .env("BYOIP_IRR_SERVER", whoisd::CLOSED)
        // RIPEstat is asked online who announces a prefix (roa.current-origin): a test that
        // forgets --ripestat or --origin meets a closed port, never the internet.
        .env("BYOIP_RIPESTAT_URL", CLOSED_RIPESTAT)
        .env("BYOIP_NOW", NOW)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// `byoip sign --key KEY --message MSG --format FORMAT`.
pub fn sign_msg(key: &Path, format: &str) -> Output {
    byoip(&[
        "sign",
        "--key",
        key.to_str().unwrap(),
        "--message",
        MSG,
        "--format",
        format,
    ])
}

/// A command's stdout, without the note the default clock ([`NOW`]) adds to verdict lines
/// (` (clock: BYOIP_NOW=…)`; `tests/clock.rs` pins it), so each test pins its own output.
///
/// Every verdict line in it (`READY: …`, `NOT READY: …`, `INCOMPLETE: …`) is held under
/// 100 characters, so every test that prints a report checks that its verdict stays short.
pub fn stdout(o: &Output) -> String {
    let text =
        String::from_utf8_lossy(&o.stdout).replace(&format!(" (clock: BYOIP_NOW={NOW})"), "");
    for line in text.lines() {
        assert_short_verdict(line);
    }
    text
}

/// Panics when `line` is a verdict line of 100 characters or more.
pub fn assert_short_verdict(line: &str) {
    if ["READY: ", "NOT READY: ", "INCOMPLETE: "]
        .iter()
        .any(|w| line.starts_with(w))
    {
        assert!(
            line.chars().count() < 100,
            "a verdict line of {} characters (under 100 wanted): {line}",
            line.chars().count()
        );
    }
}

/// The verdict: the last line of `text` (a command's [`stdout`]), held under 100
/// characters.
pub fn verdict(text: &str) -> String {
    let line = text.lines().last().unwrap_or_default();
    assert_short_verdict(line);
    line.to_string()
}

/// A command's stderr, without the line saying the default clock ([`NOW`]) is set
/// (`tests/clock.rs` pins it); a clock a test sets itself is left in.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .split_inclusive('\n')
        .filter(|l| !l.starts_with(&format!("note: BYOIP_NOW={NOW} is the clock")))
        .collect()
}

/// `v` without the `"now"` the default clock ([`NOW`]) adds to a JSON object
/// (`tests/clock.rs` pins it).
fn without_default_now(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(m) = v.as_object_mut()
        && m.get("now").is_some_and(|n| n == NOW)
    {
        m.remove("now");
    }
    v
}

/// Runs `sh -c script` in `dir`; panics with the output when it fails. The openssl CLI
/// must be installed (.ci/run installs it): a missing tool fails the test, never skips it.
pub fn sh(dir: &Path, script: &str) -> String {
    let o = run_sh(dir, script);
    assert!(
        o.status.success(),
        "script failed: {script}\nstdout: {}\nstderr: {}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// Like `sh` but returns success and combined output.
pub fn sh_status(dir: &Path, script: &str) -> (bool, String) {
    let o = run_sh(dir, script);
    (o.status.success(), format!("{}{}", stdout(&o), stderr(&o)))
}

fn run_sh(dir: &Path, script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("run sh")
}

pub fn require(tool: &str, probe: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(probe)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{tool} is required by this test (.ci/run installs it): `{probe}` failed"
    );
}

/// The records of a saved RDAP answer (`bytes`, called `name`), as the library's check
/// sources take them: the record, then its ancestors, nearest first.
pub fn saved_records(bytes: &[u8], name: &str) -> Vec<std::sync::Arc<byoip::rdap::Record>> {
    byoip::rdap::saved::records(bytes, name).unwrap()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A testdata path as a `&'static str`, for tables of arguments.
pub fn td(rel: &str) -> &'static str {
    Box::leak(
        testdata(rel)
            .to_string_lossy()
            .into_owned()
            .into_boxed_str(),
    )
}

/// A field of the check `id` in a JSON report (`{"checks": [{"id", "status", …}]}`).
pub fn check_field(report: &serde_json::Value, id: &str, field: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks in {report}"))
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report}"))[field]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The `details` of the check `id` in a JSON report, as one JSON array text.
pub fn check_details(report: &serde_json::Value, id: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks in {report}"))
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report:#}"))["details"]
        .to_string()
}

/// Exit 2, nothing on stdout, and one stderr line `error: …; hint: …` containing `needle`.
pub fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(
        stdout(o).is_empty(),
        "no report when the command could not run"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: ") && err.contains("; hint: "),
        "{err}"
    );
    assert!(err.contains(needle), "want {needle:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A command's stdout as JSON (a check report, `--json` output); panics with both streams
/// when it is not.
pub fn report(o: &Output) -> serde_json::Value {
    without_default_now(
        serde_json::from_str(&stdout(o))
            .unwrap_or_else(|e| panic!("{e}: stdout {} stderr {}", stdout(o), stderr(o))),
    )
}

/// The ids of a JSON report's checks, in report order.
pub fn check_ids(report: &serde_json::Value) -> Vec<&str> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

/// The documented check ids `ids` as a report writes them, then `more` (the `roa.as<N>`
/// ids a report adds for the origins it judges).
pub fn documented_ids(ids: &[byoip::check::CheckId], more: &[&str]) -> Vec<String> {
    ids.iter()
        .map(ToString::to_string)
        .chain(more.iter().map(ToString::to_string))
        .collect()
}

/// The status of the check `id` in a JSON report.
pub fn status(report: &serde_json::Value, id: &str) -> String {
    check_field(report, id, "status")
}

/// Whether the check `id` in a JSON report was left out for want of evidence (its
/// `left_out`, which every check carries as a JSON boolean).
pub fn left_out(report: &serde_json::Value, id: &str) -> bool {
    let c = report["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks in {report}"))
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report}"));
    c["left_out"]
        .as_bool()
        .unwrap_or_else(|| panic!("no boolean left_out in {c}"))
}

/// The message of the check `id` in a JSON report.
pub fn message(report: &serde_json::Value, id: &str) -> String {
    check_field(report, id, "message")
}

/// Azure's message `SUB|CIDR|DATE`, signed with the demo key as Azure's recipe signs
/// (`openssl dgst -sha256 -sign … | openssl base64`): RSASSA-PKCS1-v1_5, standard base64.
pub fn azure_signed(sub: &str, cidr: &str, date: &str) -> (String, String) {
    let msg = format!("{sub}|{cidr}|{date}");
    let data = std::fs::read(testdata("demo-key.pem")).unwrap();
    let (key, _) = byoip::key::SigningKey::from_bytes(&data, byoip::key::Passphrase::None).unwrap();
    let sig =
        byoip::signature::sign_bytes_with(&key, msg.as_bytes(), byoip::Scheme::RsaPkcs1v15Sha256)
            .unwrap();
    (
        msg,
        byoip::encoding::encode_as(byoip::Encoding::Base64, &sig),
    )
}

/// Runs `script` under bash, as a cloud's documentation shows a recipe, and returns its
/// stdout; panics when it fails.
pub fn bash(script: &str) -> String {
    let o = Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// openssl's own verdict on `signature` over `message` under `cert`'s key, by the cloud's
/// scheme: AWS's PSS with its `-_~` base64, or Azure's PKCS#1 v1.5 with standard base64.
pub fn openssl_verifies(
    dir: &Path,
    cert: &Path,
    message: &str,
    signature: &str,
    scheme: byoip::Scheme,
) -> bool {
    std::fs::write(dir.join("msg.txt"), message).unwrap();
    std::fs::write(dir.join("sig.txt"), signature).unwrap();
    let (decode, opts) = match scheme {
        byoip::Scheme::RsaPssSha256 => (
            "tr -- '-_~' '+=/' < sig.txt | openssl base64 -d -A > sig.bin",
            "-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 ",
        ),
        _ => ("openssl base64 -d -A -in sig.txt > sig.bin", ""),
    };
    let script = format!(
        "openssl x509 -in {} -noout -pubkey > pub.pem && {decode} && openssl dgst -sha256 {opts}-verify pub.pem -signature sig.bin msg.txt",
        cert.display()
    );
    sh_status(dir, &script).0
}

/// Parses a command's JSON output and asserts it is byte for byte serde_json's pretty form
/// of itself with every object's keys in alphabetical order, the form these outputs have
/// always had: with [`key_paths`] (the shape) and the values a test checks, it pins the
/// bytes.
pub fn sorted_json(text: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert_eq!(
        serde_json::to_string_pretty(&v).unwrap() + "\n",
        text,
        "not in sorted pretty form"
    );
    without_default_now(v)
}

/// Every key of a JSON value, as paths (`lint[].id`, `certificate.subject`), sorted and
/// without repeats: the shape of an output.
pub fn key_paths(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    out.push(p.clone());
                    walk(x, &p, out);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out.sort();
    out.dedup();
    out
}

/// A saved IRR answer for `cidr` with no route objects, as `byoip irr fetch --cidr CIDR`
/// writes it (fetched 2026-12-01, RADb's "No entries found" to both queries): it records
/// the prefix asked, so `irr.route` may pass on it for `cidr` and its more-specifics only.
pub fn irr_none_text(cidr: &str) -> String {
    format!(
        "% byoip_saved: fetched=2026-12-01T09:00:00Z url=whois://whois.radb.net:43 prefix={cidr}\n\
         %  No entries found for the selected source(s).\n\n\
         %  No entries found for the selected source(s).\n"
    )
}

/// [`irr_none_text`] for `cidr` written in `dir` (named after the prefix); its path.
pub fn irr_none(dir: &Path, cidr: &str) -> PathBuf {
    let p = dir.join(format!("irr-{}.txt", cidr.replace(['/', ':'], "_")));
    std::fs::write(&p, irr_none_text(cidr)).unwrap();
    p
}
