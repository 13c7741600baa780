//! byoip in the browser: the page's JavaScript calls these functions, each of which takes
//! strings (and the current time, since `chrono::Utc::now()` panics on
//! wasm32-unknown-unknown) and returns one JSON document: the same fields and texts as the
//! CLI's `--json` (`valid`, `diagnosis`, `lint`, `spki_sha256`, …), or `{"error", "hint"}`.
//!
//! Every rule lives in the library; this file only gathers its answers. Nothing here
//! reaches the network, and a private key given to [`sign`] lives only for the call.

use byoip::{
    AccountId, AnyMessage, Asn, AuthorizationMessage, AzureMessage, Cloud, ExpiryDate, LintOptions,
    Prefix, Resource, Service, SubscriptionId,
    certificate::Certificate,
    context::AuthorizationContext,
    dnstoken::{self, Token},
    key::{Passphrase, SigningKey},
    lint, provision,
    rdap::Registry,
    signature,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wasm_bindgen::prelude::wasm_bindgen;
use zeroize::Zeroizing;

/// `Date.now()`: milliseconds since the Unix epoch.
fn time(now_ms: f64) -> DateTime<Utc> {
    // Whole milliseconds from a JavaScript number; out-of-range values fall back to the epoch,
    // which only makes dates look wrong, never panics.
    #[allow(clippy::cast_possible_truncation)]
    DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_default()
}

fn error(e: &byoip::Error) -> Value {
    json!({ "error": e.to_string(), "hint": e.hint() })
}

fn input_error(what: &str, hint: &str) -> Value {
    json!({ "error": what, "hint": hint })
}

fn finish(v: Value) -> String {
    v.to_string()
}

fn lint_options(service: &str, advertise: bool, now: DateTime<Utc>) -> LintOptions {
    let mut opts = LintOptions::on(now.date_naive());
    opts.service = service.parse().unwrap_or_default();
    opts.advertise = advertise;
    opts
}

/// The message's fields when it parses, either cloud's form, for the JSON (`account`,
/// `subscription`, `cidr`, `expires`).
fn parse_message(message: &str) -> Option<AnyMessage> {
    message.parse().ok()
}

/// The cloud whose form the message has: the check `verify` makes follows it.
fn cloud_of(message: &str) -> Cloud {
    byoip::cloud_of(message.as_bytes())
}

/// Reads the one certificate a user pasted (PEM, one line, whois/RDAP text, saved RDAP
/// JSON), as `--cert` does.
fn read_certificate(text: &str) -> Result<byoip::rdap::ReadCertificate, byoip::Error> {
    byoip::rdap::read_certificate(text.as_bytes())
}

/// What `byoip verify --cert CERT --message MSG --signature SIG --json` answers (its
/// `ok` without `--strict`), with `found_in` when the certificate came from a saved RDAP
/// answer, and the certificate's facts as of `now_ms`. With `signature_text` empty and a
/// context in `message`, what `verify --context` answers (`from_context` true).
#[wasm_bindgen]
pub fn verify(message: &str, signature_text: &str, certificate: &str, now_ms: f64) -> String {
    let now = time(now_ms);
    if certificate.trim().is_empty() {
        return finish(input_error(
            "no certificate given",
            "paste the certificate published in the registry (PEM, the one-line form, whois text or the saved RDAP answer)",
        ));
    }
    let read = match read_certificate(certificate) {
        Ok(r) => r,
        Err(e) => return finish(error(&e)),
    };
    let key = match read.certificate.public_key() {
        Ok(k) => k,
        Err(e) => return finish(error(&e)),
    };
    // A whole context pasted into Message with Signature left empty is read as
    // `verify --context` reads it.
    let context = match context_in(message, signature_text) {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return finish(error(&e)),
        None => None,
    };
    let (message, signature_text) = match &context {
        Some(c) => (c.message.as_str(), c.signature.as_str()),
        None => (message, signature_text),
    };
    let bytes = message.as_bytes();
    let cloud = cloud_of(message);
    let v = signature::diagnose(
        cloud,
        &key,
        bytes,
        &signature::SignatureText::from(signature_text),
        &[],
    );
    let findings = lint(bytes, &lint_options("ec2", true, now));
    let parsed = parse_message(message);
    finish(json!({
        "ok": v.valid,
        "valid": v.valid,
        "cloud": cloud,
        "message": message,
        "account": parsed.and_then(|m| m.account()),
        "subscription": parsed.and_then(|m| m.subscription()),
        "cidr": parsed.and_then(|m| m.prefix()),
        "asn": parsed.and_then(|m| m.asn()),
        "expires": parsed.map(|m| m.expires()),
        "signature": signature_text,
        "spki_sha256": v.key_fingerprint,
        "key_bits": v.key_bits,
        "signature_bytes": v.signature_bytes,
        "diagnosis": v.diagnosis,
        "lint": findings,
        "certificate": read.certificate.info(now),
        "found_in": read.found_in,
        "from_context": context.is_some(),
    }))
}

/// The context in `message` when the signature is empty and the message is written as
/// one (`Message="…",Signature="…"`, the option and its value, or the JSON form).
fn context_in(
    message: &str,
    signature_text: &str,
) -> Option<Result<AuthorizationContext, byoip::Error>> {
    let t = message.trim_start().to_ascii_lowercase();
    let looks = t.starts_with("message=")
        || t.starts_with("--cidr-authorization-context")
        || t.starts_with("--asn-authorization-context")
        || t.starts_with('{');
    (signature_text.trim().is_empty() && looks).then(|| AuthorizationContext::parse(message))
}

/// What `byoip lint --service SERVICE --json` answers: `{"ok", "findings"}`, as of `now_ms`.
/// A whole context in `message` with `signature_text` empty, which [`verify`] reads as
/// `verify --context` does, is linted by the message it holds (`from_context` true): the
/// context's own quoting and `Signature=` are no fault of the message.
#[wasm_bindgen]
pub fn lint_message(
    message: &str,
    signature_text: &str,
    service: &str,
    advertise: bool,
    now_ms: f64,
) -> String {
    let context = match context_in(message, signature_text) {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return finish(error(&e)),
        None => None,
    };
    let message = context.as_ref().map_or(message, |c| c.message.as_str());
    let findings = lint(
        message.as_bytes(),
        &lint_options(service, advertise, time(now_ms)),
    );
    finish(json!({
        "ok": findings.is_empty(),
        "cloud": cloud_of(message),
        "findings": findings,
        "from_context": context.is_some(),
    }))
}

/// Where AWS reads the certificate at each registry that supports the method.
fn registries() -> Value {
    [
        Registry::Arin,
        Registry::RipeNcc,
        Registry::Apnic,
        Registry::Lacnic,
        Registry::Afrinic,
    ]
    .iter()
    .map(|r| {
        json!({
            "registry": r.to_string(),
            "supported": r.supports_x509(),
            "where": r.where_to_publish(),
        })
    })
    .collect()
}

fn certificate_report(c: &Certificate, now: DateTime<Utc>) -> Value {
    let info = c.info(now);
    let mut v = serde_json::to_value(&info).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("self_signed".into(), info.self_signed().into());
        m.insert("one_line".into(), c.to_one_line().into());
    }
    v
}

/// What `byoip inspect CERT --json` answers for certificates (`{"kind": "certificate",
/// "certificates": […]}`, each with `found_in` when read from a saved RDAP answer), and
/// where the certificate goes at each registry.
#[wasm_bindgen]
pub fn inspect_certificate(text: &str, now_ms: f64) -> String {
    let now = time(now_ms);
    let certs: Vec<Value> = match byoip::rdap::answer_certificates(text.as_bytes()) {
        Some(Err(e)) => return finish(error(&e)),
        Some(Ok(found)) => found
            .into_iter()
            .map(|f| {
                let mut v = match f.certificate {
                    Ok(c) => certificate_report(&c, now),
                    Err(e) => json!({ "error": e.chain() }),
                };
                if let Value::Object(m) = &mut v {
                    m.insert("found_in".into(), f.place.into());
                }
                v
            })
            .collect(),
        None if text.contains("-----BEGIN CERTIFICATE-----") => Certificate::all_from_text(text)
            .into_iter()
            .map(|c| match c {
                Ok(c) => certificate_report(&c, now),
                Err(e) => json!({ "error": e.to_string() }),
            })
            .collect(),
        None => match Certificate::from_bytes(text.as_bytes()) {
            Ok(c) => vec![certificate_report(&c, now)],
            Err(e) => return finish(error(&e)),
        },
    };
    if certs.is_empty() {
        return finish(input_error(
            "the RDAP answer holds no -----BEGIN CERTIFICATE----- block",
            "publish the certificate in the record, or paste the certificate itself",
        ));
    }
    finish(json!({
        "kind": "certificate",
        "certificates": certs,
        "registries": registries(),
    }))
}

/// What `byoip sign --key KEY --account … --cidr …|--asn … --expires … --json` answers,
/// plus the provisioning commands (`--format aws-cli`), the lint's warnings, and whether
/// the CIDR or ASN given was rewritten (`cidr`/`asn` hold the spelling signed). An empty
/// `expires` takes the CLI's default. With `cloud` `azure`, what `byoip sign --cloud azure
/// --subscription ACCOUNT --cidr … --expires … --json` answers (`expires` required), with
/// the az, PowerShell and Terraform forms as `commands`. The key bytes and the passphrase
/// are wiped when the call ends and appear in no output.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn sign(
    key: Vec<u8>,
    passphrase: String,
    cloud: &str,
    account: &str,
    resource: &str,
    expires: &str,
    service: &str,
    advertise: bool,
    now_ms: f64,
) -> String {
    // Early returns give the JSON answer; `finish` serializes it.
    let answer = move || -> Value {
        let now = time(now_ms);
        // wasm-bindgen copies the caller's bytes into the module's memory and hands them
        // over as owned values: wiped when this call drops them.
        let key = Zeroizing::new(key);
        let passphrase = Zeroizing::new(passphrase);
        let opts = lint_options(service, advertise, now);
        if cloud.eq_ignore_ascii_case("azure") {
            return sign_azure(&key, passphrase.as_str(), account, resource, expires, opts);
        }
        let account: AccountId = match account.trim().parse() {
            Ok(a) => a,
            Err(e) => return error(&e),
        };
        // A prefix has a `/`; anything else is read as an AS number (`64496`, `AS64496`).
        let (resource, rewritten) = if resource.contains('/') {
            match Prefix::parse_lenient(resource.trim()) {
                Ok(p) => (Resource::Prefix(p.prefix), p.rewritten),
                Err(e) => return error(&e),
            }
        } else {
            match Asn::parse_lenient(resource.trim()) {
                Ok(a) => (Resource::Asn(a.asn), a.rewritten),
                Err(e) => return error(&e),
            }
        };
        let expires = match expires.trim() {
            "" => resource.default_expiry(opts.today),
            text => ExpiryDate::parse_relative(text, opts.today),
        };
        let expires = match expires {
            Ok(d) => d,
            Err(e) => return error(&e),
        };
        let msg = AuthorizationMessage::for_resource(account, resource, expires);
        // byoip signs only what AWS would accept: a lint error refuses, warnings are shown.
        let findings = lint(msg.to_string().as_bytes(), &opts);
        if let Some(f) = findings
            .iter()
            .find(|f| f.severity == byoip::Severity::Error)
        {
            return json!({ "error": f.message, "hint": f.hint, "lint": findings });
        }
        let signing_key = match load_key(&key, passphrase.as_str()) {
            Ok(k) => k,
            Err(answer) => return answer,
        };
        let signed = match signature::sign(&signing_key, &msg) {
            Ok(s) => s,
            Err(e) => return error(&e),
        };
        let service: Service = opts.service;
        let commands: Vec<Value> = match msg.asn() {
            Some(asn) => vec![json!({
                "service": Service::Ipam,
                "title": "VPC IPAM, bring your own ASN",
                "selected": true,
                "command": provision::byoasn_command(asn, &signed, None, None),
            })],
            None => provision::SERVICES
                .iter()
                .map(|(s, title)| {
                    json!({
                        "service": s,
                        "title": title,
                        "selected": *s == service,
                        "command": provision::command(*s, &signed, advertise, None, None),
                    })
                })
                .collect(),
        };
        let vk = signing_key.verifying_key();
        json!({
            "cloud": Cloud::Aws,
            "message": signed.message.to_string(),
            "signature": signed.signature,
            "context": signed.context(),
            "cidr": msg.prefix(),
            "asn": msg.asn(),
            "rewritten": rewritten,
            "account": msg.account,
            "expires": msg.expires,
            "spki_sha256": vk.fingerprint(),
            "key_bits": vk.bits(),
            "lint": findings,
            "commands": commands,
        })
    };
    finish(answer())
}

/// The private key from the file's bytes, asking `passphrase` only if it is encrypted; the
/// JSON answer when it cannot be read.
fn load_key(key: &[u8], passphrase: &str) -> Result<SigningKey, Value> {
    if key.is_empty() {
        return Err(input_error(
            "no private key chosen",
            "choose the RSA private key file whose certificate you publish (it is read here, in the page, and never uploaded)",
        ));
    }
    let passphrase = if passphrase.is_empty() {
        Passphrase::None
    } else {
        Passphrase::Given(passphrase)
    };
    match SigningKey::from_bytes(key, passphrase) {
        Ok((k, _)) => Ok(k),
        Err(byoip::Error::PassphraseRequired) => Err(input_error(
            "the key is encrypted",
            "type its passphrase in the Passphrase field and sign again",
        )),
        Err(e) => Err(error(&e)),
    }
}

/// Azure's side of [`sign`]: the three-field message, PKCS#1 v1.5 in standard base64, and
/// the az, PowerShell and Terraform forms.
fn sign_azure(
    key: &[u8],
    passphrase: &str,
    subscription: &str,
    cidr: &str,
    expires: &str,
    opts: LintOptions,
) -> Value {
    let subscription: SubscriptionId = match subscription.trim().parse() {
        Ok(s) => s,
        Err(e) => return error(&e),
    };
    let parsed = match Prefix::parse_lenient(cidr.trim()) {
        Ok(p) => p,
        Err(e) => return error(&e),
    };
    if expires.trim().is_empty() {
        return input_error(
            "Azure's message needs the ROA's validity end: byoip does not guess it",
            "type the Validity End of the ROA for this prefix in Expiry, e.g. 20271231",
        );
    }
    let expires = match ExpiryDate::parse_relative(expires.trim(), opts.today) {
        Ok(d) => d,
        Err(e) => return error(&e),
    };
    let msg = AzureMessage::new(subscription, parsed.prefix, expires);
    let findings = lint(msg.to_string().as_bytes(), &opts);
    if let Some(f) = findings
        .iter()
        .find(|f| f.severity == byoip::Severity::Error)
    {
        return json!({ "error": f.message, "hint": f.hint, "lint": findings });
    }
    let signing_key = match load_key(key, passphrase) {
        Ok(k) => k,
        Err(answer) => return answer,
    };
    let signed = match signature::sign_any(&signing_key, &AnyMessage::Azure(msg)) {
        Ok(s) => s,
        Err(e) => return error(&e),
    };
    let sig = signed.signature.as_str();
    let target = provision::AzureTarget::default();
    let commands = [
        ("az", "Azure CLI", provision::azure_cli_command(&msg, sig, target)),
        (
            "powershell",
            "Azure PowerShell",
            provision::azure_powershell_command(&msg, sig, target),
        ),
        (
            "terraform",
            "Terraform (azurerm)",
            provision::azure_terraform(&msg, sig, target),
        ),
    ]
    .iter()
    .enumerate()
    .map(|(i, (service, title, command))| {
        json!({ "service": service, "title": title, "selected": i == 0, "command": command })
    })
    .collect::<Vec<_>>();
    let vk = signing_key.verifying_key();
    json!({
        "cloud": Cloud::Azure,
        "message": msg.to_string(),
        "signature": sig,
        "context": null,
        "cidr": msg.prefix,
        "asn": null,
        "rewritten": parsed.rewritten,
        "account": null,
        "subscription": msg.subscription,
        "expires": msg.expires,
        "spki_sha256": vk.fingerprint(),
        "key_bits": vk.bits(),
        "lint": findings,
        "commands": commands,
    })
}

/// What `byoip dns-token plan --cidr CIDR --json` answers (`cidr`, `aligned_len`,
/// `records`), from the token as AWS's JSON (`token_json`, with `token_id` choosing among
/// several) or as a name and value, plus the `provision-ipam-pool-cidr` command and the
/// token's expiry finding as of `now_ms`.
#[wasm_bindgen]
pub fn plan_dns_token(
    cidr: &str,
    token_json: &str,
    token_id: &str,
    name: &str,
    value: &str,
    now_ms: f64,
) -> String {
    let prefix = match Prefix::parse_lenient(cidr.trim()) {
        Ok(p) => p.prefix,
        Err(e) => return finish(error(&e)),
    };
    let token = if token_json.trim().is_empty() {
        Token::new(name.trim(), value.trim())
    } else {
        let id = Some(token_id.trim()).filter(|s| !s.is_empty());
        Token::from_aws_json(token_json.as_bytes(), id)
    };
    let token = match token {
        Ok(t) => t,
        Err(e) => return finish(error(&e)),
    };
    let plan = match dnstoken::plan(prefix, &token) {
        Ok(p) => p,
        Err(e) => return finish(error(&e)),
    };
    let findings: Vec<_> = token.expiry_finding(time(now_ms)).into_iter().collect();
    finish(json!({
        "cidr": plan.cidr,
        "token_id": token.id(),
        "aligned_len": plan.aligned_len,
        "count": plan.records.len(),
        "records": plan.records,
        "command": provision::dns_token_command(&plan, &token, None, None),
        "lint": findings,
    }))
}

/// The library's version, shown in the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
