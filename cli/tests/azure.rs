//! Azure Custom IP Prefix: the three-field message, PKCS#1 v1.5 signing in standard base64,
//! byte for byte as Microsoft's openssl recipe, and the diagnosis of Azure's mistakes, all
//! through the real binary.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::*;

const SUB: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab";
/// An Azure message for a public /24 (no documentation-space warning), valid until 2027.
const V15: byoip::Scheme = byoip::Scheme::RsaPkcs1v15Sha256;
const AZ_MSG: &str = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|130.137.245.0/24|20271231";

/// Microsoft's Linux recipe ("Create a custom IPv4 address prefix using the Azure CLI"),
/// run by bash as the page shows it.
fn azure_recipe(key: &std::path::Path, message: &str) -> String {
    let script = format!(
        "byoipauth='{message}'\nbyoipauthsigned=$(echo $byoipauth | tr -d \"\\n\" | openssl dgst -sha256 -sign {} -keyform PEM | openssl base64 | tr -d \"\\n\")\nprintf '%s' \"$byoipauthsigned\"",
        key.display()
    );
    bash(&script)
}

fn sign_azure(key: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "sign",
        "--key",
        key,
        "--cloud",
        "azure",
        "--subscription",
        SUB,
        "--cidr",
        "130.137.245.0/24",
        "--expires",
        "20271231",
    ];
    args.extend_from_slice(extra);
    byoip(&args)
}

#[test]
fn byoips_signature_equals_the_openssl_recipes_byte_for_byte() {
    require("openssl", "openssl version");
    for (key, len) in [
        ("keys/pkcs8.pem", 344),
        ("keys/rsa3072.pem", 512),
        ("keys/rsa4096.pem", 684),
    ] {
        let path = testdata(key);
        let o = sign_azure(path.to_str().unwrap(), &["--format", "signature"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let ours = stdout(&o).trim().to_string();
        assert_eq!(ours.len(), len, "{key}");
        assert_eq!(ours, azure_recipe(&path, AZ_MSG), "{key}");
        // The message given whole signs the same.
        let o = byoip(&["sign", "--key", path.to_str().unwrap(), "--message", AZ_MSG]);
        assert_eq!(stdout(&o).trim(), ours, "{key}");
        // And openssl's verifier accepts it, and refuses it for another date.
        let dir = tempdir();
        sh(
            dir.path(),
            &format!(
                "openssl req -new -x509 -key {} -days 30 -subj /CN=t -out c.pem",
                path.display()
            ),
        );
        let cert = dir.path().join("c.pem");
        assert!(openssl_verifies(dir.path(), &cert, AZ_MSG, &ours, V15));
        assert!(!openssl_verifies(
            dir.path(),
            &cert,
            &AZ_MSG.replace("20271231", "20271230"),
            &ours,
            V15
        ));
    }
}

#[test]
fn the_recipes_signature_verifies_in_byoip_under_the_one_line_certificate() {
    require("openssl", "openssl version");
    let sig = azure_recipe(&testdata("keys/pkcs8.pem"), AZ_MSG);
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--message",
        AZ_MSG,
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("VALID  the signature verifies under RSA-2048 key"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("RSASSA-PKCS1-v1_5, SHA-256, standard base64: Azure's"));
    // The same check fails for another message: the test can fail.
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--message",
        &AZ_MSG.replace("130.137.245.0/24", "130.137.244.0/24"),
        "--signature",
        &sig,
    ]);
    assert_eq!(o.status.code(), Some(1));
}

/// Each way Microsoft's recipe goes wrong, made with openssl and named by `verify`, with
/// Azure's failure code.
#[test]
fn each_azure_mistake_is_diagnosed_by_re_verifying() {
    require("openssl", "openssl version");
    let dir = tempdir();
    let key = testdata("keys/pkcs8.pem");
    let other = testdata("keys/other2048.pem");
    let k = key.display();
    let run = |script: &str| {
        let o = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("m='{AZ_MSG}'\n{script}"))
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{script}: {}", stderr(&o));
        stdout(&o)
    };
    for (what, script, id) in [
        (
            "AWS's PSS options",
            format!(
                "printf '%s' \"$m\" | openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 -sign {k} | openssl base64 -A"
            ),
            "signature.pss",
        ),
        (
            "AWS's tr step",
            format!(
                "printf '%s' \"$m\" | openssl dgst -sha256 -sign {k} | openssl base64 -A | tr -- '+=/' '-_~'"
            ),
            "signature.encoding",
        ),
        (
            "base64url",
            format!(
                "printf '%s' \"$m\" | openssl dgst -sha256 -sign {k} | openssl base64 -A | tr -- '+/' '-_' | tr -d '='"
            ),
            "signature.encoding",
        ),
        (
            "echo without tr -d \\n",
            format!("echo \"$m\" | openssl dgst -sha256 -sign {k} | openssl base64 -A"),
            "signature.trailing-newline",
        ),
    ] {
        let sig = run(&script);
        let o = byoip(&[
            "verify",
            "--key",
            key.to_str().unwrap(),
            "--message",
            AZ_MSG,
            "--signature",
            &sig,
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["cloud"], "azure", "{what}");
        assert_eq!(v["diagnosis"][0]["id"], id, "{what}: {v}");
        assert_eq!(
            v["diagnosis"][0]["code"], "CustomerSignatureNotVerified",
            "{what}"
        );
        assert_eq!(v["diagnosis"].as_array().unwrap().len(), 1, "{what}: {v}");
    }
    // The wrong key: named with both fingerprints when the signer's key is given too.
    let theirs = run(&format!(
        "printf '%s' \"$m\" | openssl dgst -sha256 -sign {} | openssl base64 -A",
        other.display()
    ));
    let o = byoip(&[
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--key",
        other.to_str().unwrap(),
        "--message",
        AZ_MSG,
        "--signature",
        &theirs,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "why (signature.different-key; Azure reports CustomerSignatureNotVerified): the signature was made with another key"
        ),
        "{}",
        stdout(&o)
    );
}

/// The three-field lint, output pinned: the GUID, the CIDR and the date, each with the
/// code Azure reports.
#[test]
fn golden_three_field_lint() {
    let o = byoip(&[
        "lint",
        "6F1B3C2A-9D4E-4F5A-8B7C-0123456789AB|130.137.245.7/24|2027-12-31",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "3 problems:
  warning message.subscription: the subscription ID \"6F1B3C2A-9D4E-4F5A-8B7C-0123456789AB\" has upper-case letters; Azure prints subscription IDs in lower case (whether it compares them ignoring case is unconfirmed)
      hint: write it as 6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab, as `az account show` prints it
  error message.cidr: the CIDR \"130.137.245.7/24\" is not valid: host bits are set (the address is inside 130.137.245.0/24, not its start) (failure code InvalidCIDRFormatInAuthorizationMessage)
      hint: did you mean 130.137.245.0/24?
  error message.expiry: the date \"2027-12-31\" has separators; Azure expects yyyymmdd (failure code ExpiryDateFormatInvalidOrNotInThefuture)
      hint: write it as 20271231
"
    );
    let o = byoip(&[
        "lint",
        "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx|1.2.3.0/24|yyyymmdd",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let got: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "message.subscription".into(),
                "AuthMessageFormatInvalid".into()
            ),
            (
                "message.expiry".into(),
                "ExpiryDateFormatInvalidOrNotInThefuture".into()
            ),
        ]
    );
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("placeholder from Azure's documentation")
    );
    let o = byoip(&["lint", AZ_MSG]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(0), "ok: the message is in Azure's documented format\n")
    );
    let o = byoip(&["lint", &format!("{SUB}|130.137.0.0/16|20271231")]);
    assert!(stdout(&o).contains("Azure accepts IPv4 custom prefixes from /21 to /24"));
}

#[test]
fn message_builds_the_three_fields_and_requires_the_roa_date() {
    let o = az_message(SUB, "130.137.245.0/24", &["--expires", "2027-12-31"]);
    assert_eq!(stdout(&o), format!("{AZ_MSG}\n"), "{}", stderr(&o));
    let o = az_message(SUB, "130.137.245.0/24", &[]);
    assert_one_line_error(&o, "--cloud azure needs --expires");
    assert!(stderr(&o).contains("Validity End of the ROA"));
    let o = byoip(&[
        "message",
        "--subscription",
        SUB,
        "--cidr",
        "130.137.245.0/24",
        "--expires",
        "20271231",
    ]);
    assert_one_line_error(&o, "--subscription is Azure's");
    let o = az_message(
        "6f1b3c2a9d4e4f5a8b7c0123456789ab",
        "130.137.245.0/24",
        &["--expires", "20271231"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("it has no dashes; hint: write it in the 8-4-4-4-12 form: 6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab"),
        "{}",
        stderr(&o)
    );
    let o = az_message(SUB, "130.137.0.0/16", &["--expires", "20271231"]);
    assert_one_line_error(&o, "Azure accepts IPv4 custom prefixes from /21 to /24");
    let o = byoip(&[
        "message",
        "--cloud",
        "oci",
        "--account",
        "123456789012",
        "--cidr",
        "130.137.245.0/24",
    ]);
    assert_one_line_error(&o, "takes no signed message");
    // Upper case is kept, with one warning (the lint's), not a note besides.
    let o = az_message(
        &SUB.to_uppercase(),
        "130.137.245.0/24",
        &["--expires", "20271231", "--json"],
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: message.subscription: the subscription ID \"6F1B3C2A"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["cloud"], "azure");
    assert_eq!(v["subscription"], SUB.to_uppercase());
    assert_eq!(v["account"], serde_json::Value::Null);
}

#[test]
fn sign_prints_azures_commands_and_refuses_awss_options() {
    let key = td("keys/pkcs8.pem");
    let sig = stdout(&sign_azure(key, &["--format", "signature"]))
        .trim()
        .to_string();
    let o = sign_azure(
        key,
        &[
            "--format",
            "az-cli",
            "--resource-group",
            "rg1",
            "--region",
            "westus2",
        ],
    );
    assert_eq!(
        stdout(&o),
        format!(
            "az network custom-ip prefix create --subscription {SUB} --name 'byoip-130-137-245-0-24' --resource-group 'rg1' --location 'westus2' --cidr 130.137.245.0/24 --authorization-message '{AZ_MSG}' --signed-message '{sig}'\n"
        )
    );
    let o = sign_azure(key, &["--format", "powershell", "--name", "p1"]);
    assert!(
        stdout(&o).contains(&format!(
            "New-AzCustomIpPrefix -Name 'p1' -ResourceGroupName $env:AZ_RESOURCE_GROUP -Location $env:AZ_LOCATION -Cidr '130.137.245.0/24' -AuthorizationMessage '{AZ_MSG}' -SignedMessage '{sig}'"
        )),
        "{}",
        stdout(&o)
    );
    let o = sign_azure(key, &["--format", "terraform"]);
    let tf = stdout(&o);
    assert!(
        tf.contains("resource \"azurerm_custom_ip_prefix\" \"byoip_130_137_245_0_24\" {"),
        "{tf}"
    );
    assert!(tf.contains("  roa_validity_end_date         = \"2027-12-31\"\n"));
    assert!(tf.contains(&format!("  wan_validation_signed_message = \"{sig}\"\n")));
    let o = sign_azure(key, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (
            &v["cloud"],
            &v["message"],
            &v["signature"],
            &v["subscription"],
            &v["cidr"],
            &v["expires"]
        ),
        (
            &"azure".into(),
            &AZ_MSG.into(),
            &sig.clone().into(),
            &SUB.into(),
            &"130.137.245.0/24".into(),
            &"20271231".into()
        )
    );
    let o = sign_azure(key, &["--format", "text", "--govcloud"]);
    assert!(
        stdout(&o).contains("ROA:        origin AS8070, prefix exactly 130.137.245.0/24 with maxLength 24, valid until 2027-12-31"),
        "{}",
        stdout(&o)
    );
    for (extra, flag) in [
        (&["--format", "aws-cli"][..], "--format aws-cli"),
        (&["--service", "ipam"][..], "--service"),
        (&["--ipam-pool-id", "p"][..], "--ipam-pool-id"),
    ] {
        assert_one_line_error(&sign_azure(key, extra), &format!("{flag} is AWS's"));
    }
    let aws = "1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS";
    let o = byoip(&["sign", "--key", key, "--message", aws, "--format", "az-cli"]);
    assert_one_line_error(&o, "--format az-cli is for Azure's custom IP prefix");
    let o = byoip(&["sign", "--key", key, "--message", aws, "--cloud", "azure"]);
    assert_one_line_error(
        &o,
        "--cloud azure was given, but the message is in AWS's form",
    );
}

#[test]
fn inspect_names_the_azure_message_and_signature() {
    let o = byoip(&["inspect", AZ_MSG, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (&v["kind"], &v["cloud"], &v["subscription"], &v["cidr"]),
        (
            &"message".into(),
            &"azure".into(),
            &SUB.into(),
            &"130.137.245.0/24".into()
        )
    );
    let o = byoip(&["inspect", AZ_MSG]);
    assert!(stdout(&o).contains("an Azure custom IP prefix message for 130.137.245.0/24"));
    let sig = stdout(&sign_azure(
        td("keys/pkcs8.pem"),
        &["--format", "signature"],
    ));
    let o = byoip(&["inspect", sig.trim()]);
    assert!(
        stdout(&o).contains("standard base64 with padding: Azure's encoding"),
        "{}",
        stdout(&o)
    );
}

/// A `cloud = "azure"` manifest, its key and its certificate, in a fresh folder.
/// `message --cloud azure` for the subscription `sub` and `cidr`, then `more` arguments.
fn az_message(sub: &str, cidr: &str, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "message",
        "--cloud",
        "azure",
        "--subscription",
        sub,
        "--cidr",
        cidr,
    ];
    args.extend_from_slice(more);
    byoip(&args)
}

/// [`azure_manifest`] of [`AZ_MANIFEST`] naming `cert = "cert.pem"` (a copy of the
/// testdata file `cert`) and the top-level lines `more`.
fn azure_manifest_with_cert(cert: &str, more: &str) -> tempfile::TempDir {
    let dir = azure_manifest(&AZ_MANIFEST.replace(
        "key = \"k.pem\"\n",
        &format!("key = \"k.pem\"\ncert = \"cert.pem\"\n{more}"),
    ));
    std::fs::copy(testdata(cert), dir.path().join("cert.pem")).unwrap();
    dir
}

/// `batch sign` of the manifest [`azure_manifest`] wrote, then `more` arguments.
fn batch_sign(dir: &tempfile::TempDir, more: &[&str]) -> std::process::Output {
    let manifest = dir.path().join("byoip.toml");
    let mut args = vec!["batch", "sign", "--manifest", manifest.to_str().unwrap()];
    args.extend_from_slice(more);
    byoip(&args)
}

fn azure_manifest(body: &str) -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::copy(testdata("keys/pkcs8.pem"), dir.path().join("k.pem")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("k.pem"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("byoip.toml"), body).unwrap();
    dir
}

const AZ_MANIFEST: &str = "cloud = \"azure\"
subscription = \"6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab\"
key = \"k.pem\"
expires = \"20271231\"

[[prefix]]
cidr = \"130.137.245.0/24\"

[[prefix]]
cidr = \"130.137.248.0/21\"
expires = \"2028-06-30\"
";

#[test]
fn batch_sign_and_verify_an_azure_manifest() {
    let dir = azure_manifest(AZ_MANIFEST);
    let manifest = dir.path().join("byoip.toml");
    let m = manifest.to_str().unwrap();
    let out = dir.path().join("c.json");
    let o = byoip(&[
        "batch",
        "sign",
        "--manifest",
        m,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v[0]["message"], AZ_MSG);
    assert_eq!(v[0]["cloud"], "azure");
    assert_eq!(v[1]["message"], format!("{SUB}|130.137.248.0/21|20280630"));
    // Each signature is the one Microsoft's recipe makes.
    let key = testdata("keys/pkcs8.pem");
    assert_eq!(v[0]["signature"], azure_recipe(&key, AZ_MSG));
    // batch verify reads them back as Azure's, and names a broken one with Azure's code.
    let o = byoip(&[
        "batch",
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--input",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with("valid    130.137.245.0/24\nvalid    130.137.248.0/21\n"));
    let mut broken = v.clone();
    let sig = broken[0]["signature"]
        .as_str()
        .unwrap()
        .replace(['+', '/', '='], "-");
    broken[0]["signature"] = sig.into();
    std::fs::write(&out, broken.to_string()).unwrap();
    let o = byoip(&[
        "batch",
        "verify",
        "--cert",
        td("demo-cert.oneline.txt"),
        "--input",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["results"][0]["valid"], false);
    assert_eq!(
        r["results"][0]["diagnosis"][0]["code"],
        "CustomerSignatureNotVerified"
    );
    assert_eq!(r["results"][1]["valid"], true);
    // az-cli: one command per prefix; aws-cli has nothing to print for Azure.
    let o = byoip(&["batch", "sign", "--manifest", m, "--format", "az-cli"]);
    let text = stdout(&o);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("az network custom-ip prefix create"))
            .count(),
        2,
        "{text}"
    );
    let o = byoip(&["batch", "sign", "--manifest", m, "--format", "aws-cli"]);
    assert_one_line_error(&o, "is for Azure: --format aws-cli has nothing to print");
}

#[test]
fn an_azure_manifest_refuses_awss_keys_and_a_missing_roa_date() {
    for (body, needle) in [
        (
            AZ_MANIFEST.replace("expires = \"20271231\"\n", ""),
            "line 6: 130.137.245.0/24 has no expires: Azure's message carries the ROA's validity end",
        ),
        (
            AZ_MANIFEST.replace("key = ", "account = \"123456789012\"\nkey = "),
            "line 3: account is AWS's, and this manifest is for Azure",
        ),
        (
            format!("{AZ_MANIFEST}\n[[asn]]\nasn = 64496\n"),
            "[[asn]] is AWS's",
        ),
        (
            AZ_MANIFEST.replace("cloud = \"azure\"\n", ""),
            "line 1: subscription is Azure's, and this manifest is for AWS",
        ),
        (
            AZ_MANIFEST.replace("\"azure\"", "\"gcp\""),
            "line 1: unknown cloud \"gcp\"",
        ),
    ] {
        let dir = azure_manifest(&body);
        let o = batch_sign(&dir, &[]);
        assert_one_line_error(&o, needle);
    }
    // A prefix without a subscription anywhere is named by its line.
    let dir = azure_manifest(&AZ_MANIFEST.replace(
        "subscription = \"6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab\"\n",
        "",
    ));
    let o = batch_sign(&dir, &[]);
    assert_one_line_error(&o, "line 6: no subscription for 130.137.245.0/24");
}

/// `audit` and a contexts file without `cidr`: each Azure context is verified as Azure's
/// and named by the CIDR in its message.
#[test]
fn audit_and_batch_verify_read_azure_contexts_by_their_shape() {
    let dir = azure_manifest_with_cert("demo-cert.pem", "contexts = \"c.json\"\n");
    let m = dir.path().join("byoip.toml");
    let c = dir.path().join("c.json");
    let o = byoip(&[
        "batch",
        "sign",
        "--manifest",
        m.to_str().unwrap(),
        "--out",
        c.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = byoip(&["audit", "--manifest", m.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for cidr in ["130.137.245.0/24", "130.137.248.0/21"] {
        let id = format!("context.{cidr}");
        assert_eq!(check_field(&v, &id, "status"), "pass", "{v}");
        assert!(check_field(&v, &id, "message").starts_with("verifies; expires"));
    }
    // Only message and signature: the label comes from the message's CIDR field.
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&c).unwrap()).unwrap();
    let bare: Vec<serde_json::Value> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| serde_json::json!({"message": e["message"], "signature": e["signature"]}))
        .collect();
    std::fs::write(&c, serde_json::to_string(&bare).unwrap()).unwrap();
    let o = byoip(&[
        "batch",
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--input",
        c.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("valid    130.137.245.0/24\nvalid    130.137.248.0/21\n"));
}

/// `audit` holds each Azure context to its `[[prefix]]` as `batch check` does: once the
/// manifest names another subscription, the messages signed for the old one fail their
/// `context.<cidr>`, naming `message.subscription`, and the audit is not ready.
#[test]
fn audit_fails_an_azure_context_signed_for_another_subscription() {
    let dir = azure_manifest_with_cert("demo-cert.pem", "contexts = \"c.json\"\n");
    let m = dir.path().join("byoip.toml");
    let c = dir.path().join("c.json");
    let o = byoip(&[
        "batch",
        "sign",
        "--manifest",
        m.to_str().unwrap(),
        "--out",
        c.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = byoip(&["audit", "--manifest", m.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = std::fs::read_to_string(&m).unwrap().replace(
        "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab",
        "0b2f7c1e-1111-4a2b-9c3d-abcdefabcdef",
    );
    std::fs::write(&m, text).unwrap();
    let o = byoip(&["audit", "--manifest", m.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{v:#}");
    for cidr in ["130.137.245.0/24", "130.137.248.0/21"] {
        let id = format!("context.{cidr}");
        assert_eq!(check_field(&v, &id, "status"), "fail", "{v:#}");
        assert_eq!(
            check_field(&v, &id, "message"),
            "the message is not its [[prefix]]'s: message.subscription: the message names subscription 6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab, the subscription given is 0b2f7c1e-1111-4a2b-9c3d-abcdefabcdef",
            "{v:#}"
        );
    }
}

#[test]
fn sign_refuses_a_key_that_is_not_the_certificates_for_azure_too() {
    let o = sign_azure(
        td("keys/other2048.pem"),
        &["--cert", td("demo-cert.pem"), "--format", "signature"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

/// A valid signature over a message Azure would refuse: `--strict` counts the refusal and
/// names Azure's code.
#[test]
fn verify_strict_names_azures_code_for_a_refused_message() {
    require("openssl", "openssl version");
    let past = format!("{SUB}|130.137.245.0/24|20200101");
    let sig = azure_recipe(&testdata("keys/pkcs8.pem"), &past);
    let args = [
        "verify",
        "--cert",
        td("demo-cert.pem"),
        "--message",
        &past,
        "--signature",
        &sig,
        "--json",
    ];
    let o = byoip(&args);
    assert_eq!(o.status.code(), Some(0), "valid without --strict");
    let mut strict = args.to_vec();
    strict.push("--strict");
    let o = byoip(&strict);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((&v["valid"], &v["ok"]), (&true.into(), &false.into()));
    assert_eq!(v["refusals"][0]["id"], "message.expiry");
    assert_eq!(
        v["refusals"][0]["code"],
        "ExpiryDateFormatInvalidOrNotInThefuture"
    );
    let mut text: Vec<&str> = args[..args.len() - 1].to_vec();
    text.push("--strict");
    let o = byoip(&text);
    assert!(
        stdout(&o).contains(
            "the signature is valid, but Azure would refuse this context (message.expiry): --strict"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sign_warns_when_the_certificate_azure_will_read_has_expired() {
    // Azure reads the certificate when it validates the prefix: an expired one is
    // CertFromRIRPageExpired, whatever the message's date (the ROA's end) says.
    let o = sign_azure(
        td("demo-key.pem"),
        &[
            "--cert",
            td("keys/expired-cert.pem"),
            "--format",
            "signature",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: CERTIFICATE EXPIRED: the certificate expired on 2020-02-01 00:00 UTC (Azure: CertFromRIRPageExpired); the signature is valid, but `byoip check` fails cert.validity"),
        "{}",
        stderr(&o)
    );
    let fresh = sign_azure(
        td("demo-key.pem"),
        &["--cert", td("demo-cert.pem"), "--format", "signature"],
    );
    assert_eq!(fresh.status.code(), Some(0), "{}", stderr(&fresh));
    assert!(
        !stderr(&fresh).contains("CertFromRIRPageExpired"),
        "{}",
        stderr(&fresh)
    );
}

#[test]
fn lint_takes_the_cloud_and_refuses_awss_rules_for_azures_message() {
    // --cloud states the form: the other form is an error finding.
    let aws = "1|aws|123456789012|130.137.245.0/24|20271231|SHA256|RSAPSS";
    let o = byoip(&["lint", "--cloud", "azure", aws]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("error message.format: this is AWS's message form, and --cloud azure expects SUBSCRIPTION-ID|CIDR|YYYYMMDD"),
        "{}",
        stdout(&o)
    );
    let o = byoip(&["lint", "--cloud", "azure", AZ_MSG]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "ok: the message is in Azure's documented format\n"
    );
    let o = byoip(&["lint", "--cloud", "aws", AZ_MSG]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("this is Azure's message form"),
        "{}",
        stdout(&o)
    );
    // The form is read as the lint reads it: a look-alike pipe is named once, as a stray
    // character, not also as the wrong cloud's form.
    // (AWS's seven fields with every | a look-alike, and a dashed date: split exactly, one
    // long field with dashes, which looks like a subscription ID.)
    let lookalike =
        "1|aws|123456789012|130.137.245.0/24|2027-12-31|SHA256|RSAPSS".replace('|', "\u{FF5C}");
    let o = byoip(&["lint", "--cloud", "aws", &lookalike]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("message.ascii"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("message form"), "{}", stdout(&o));
    // Oracle signs nothing.
    let o = byoip(&["lint", "--cloud", "oci", AZ_MSG]);
    assert_one_line_error(&o, "Oracle takes no signed message");
    // AWS's service rules would be ignored for Azure's message: refused, by lint and message.
    let o = byoip(&["lint", "--service", "ga", AZ_MSG]);
    assert_one_line_error(&o, "--service is AWS's, and this is Azure's message");
    let o = az_message(
        SUB,
        "130.137.245.0/24",
        &["--expires", "20271231", "--no-advertise"],
    );
    assert_one_line_error(&o, "--no-advertise is AWS's, and this is Azure's message");
    // An unknown flag is a usage error, not a message to lint.
    let o = byoip(&["lint", "--bogus"]);
    assert_one_line_error(&o, "unexpected argument '--bogus'");
}

#[test]
fn cert_prints_the_placement_of_the_cloud_it_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cert.pem");
    let o = byoip(&[
        "cert",
        "--key",
        td("demo-key.pem"),
        "--out",
        out.to_str().unwrap(),
        "--cloud",
        "azure",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["cloud"], "azure");
    assert!(
        v["placement"]["ripe"]
            .as_str()
            .unwrap()
            .contains("remarks:"),
        "{v}"
    );
    assert!(
        v["placement"]["lacnic"]
            .as_str()
            .unwrap()
            .contains("support ticket"),
        "{v}"
    );
    let aws = byoip(&["cert", "--key", td("demo-key.pem"), "--out", "-"]);
    assert_eq!(aws.status.code(), Some(0), "{}", stderr(&aws));
    assert!(
        stderr(&aws).contains("For AWS:\n") && stderr(&aws).contains("RIPE NCC: a new descr: line"),
        "{}",
        stderr(&aws)
    );
    let o = byoip(&[
        "cert",
        "--key",
        td("demo-key.pem"),
        "--out",
        "-",
        "--cloud",
        "oci",
    ]);
    assert_one_line_error(&o, "Oracle takes no certificate");
}

/// `batch sign` for Azure warns of an expired manifest certificate as `sign --cert` does.
#[test]
fn batch_sign_warns_of_an_expired_certificate_for_azure() {
    let dir = azure_manifest_with_cert("keys/expired-cert.pem", "");
    let o = batch_sign(&dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: CERTIFICATE EXPIRED: the certificate expired on 2020-02-01")
            && stderr(&o).contains("CertFromRIRPageExpired"),
        "{}",
        stderr(&o)
    );
    // A valid one is not warned about.
    std::fs::copy(testdata("demo-cert.pem"), dir.path().join("cert.pem")).unwrap();
    let o = batch_sign(&dir, &[]);
    assert!(
        !stderr(&o).contains("CertFromRIRPageExpired"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn batch_terraform_declares_its_variables_once_and_warns_of_several_subscriptions() {
    let one = azure_manifest(AZ_MANIFEST);
    let m = one.path().join("byoip.toml");
    let out = one.path().join("main.tf");
    let args = |m: &std::path::Path, out: &std::path::Path| {
        vec![
            "batch".to_string(),
            "sign".into(),
            "--manifest".into(),
            m.to_str().unwrap().into(),
            "--format".into(),
            "terraform".into(),
            "--out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let a = args(&m, &out);
    let o = byoip(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tf = std::fs::read_to_string(&out).unwrap();
    assert_eq!(tf.matches("variable \"location\" {").count(), 1, "{tf}");
    assert_eq!(
        tf.matches("resource \"azurerm_custom_ip_prefix\"").count(),
        2,
        "{tf}"
    );
    assert!(!stderr(&o).contains("subscriptions"), "{}", stderr(&o));
    // Two subscriptions under one azurerm provider cannot both be right: warned.
    let two = azure_manifest(&AZ_MANIFEST.replace(
        "cidr = \"130.137.248.0/21\"",
        "cidr = \"130.137.248.0/21\"\nsubscription = \"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"",
    ));
    let m = two.path().join("byoip.toml");
    let out = two.path().join("main.tf");
    let a = args(&m, &out);
    let o = byoip(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the prefixes name 2 subscriptions"),
        "{}",
        stderr(&o)
    );
}
