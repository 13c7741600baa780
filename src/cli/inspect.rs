//! `byoip inspect`: say what a pasted thing is and what is wrong with it.

use std::path::Path;

use byoip::{
    certificate::{Certificate, MAX_CERT_INPUT_BYTES},
    context::AuthorizationContext,
    encoding,
    key::{SigningKey, VerifyingKey},
    lint,
};
use serde_json::{Value, json as j};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, Style, TargetArgs, json, out, read_input,
    render_finding,
};

#[derive(clap::Args)]
pub struct InspectArgs {
    /// A file, or the text itself (certificate, key, message, signature or context).
    #[arg(value_name = "FILE|STRING", allow_hyphen_values = true)]
    input: String,
    #[command(flatten)]
    target: TargetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(a: InspectArgs) -> CliResult {
    let path = Path::new(&a.input);
    // `-` is standard input; a file that exists is read; anything else is the text itself.
    let from_input = path == Path::new("-") || path.exists();
    let data: Vec<u8> = if from_input {
        read_input(path, MAX_CERT_INPUT_BYTES, "input")?.to_vec()
    } else {
        a.input.as_bytes().to_vec()
    };
    let report = classify(&data, &a, from_input.then_some(path))?;
    if a.json {
        out(&json(&report)?)?;
    } else {
        out(&render(&report))?;
    }
    Ok(Outcome::Ok)
}

/// What `data` is. `source` is the file (or `-`) it was read from: a message read from
/// one loses its final line ending, as in `lint`, `sign` and `verify`.
fn classify(data: &[u8], a: &InspectArgs, source: Option<&Path>) -> Result<Value, CliError> {
    let text = std::str::from_utf8(data).ok();
    let trimmed = text.map(str::trim);
    // A saved RDAP answer (`curl https://rdap.arin.net/registry/ip/…`): its certificates.
    let rdap = byoip::certificate::rdap_answer_certificates(data);
    if let (Some(Err(e)), Some(t)) = (&rdap, text) {
        // An RDAP document that is not a usable network record (an error answer, an
        // entity): say so rather than "cannot tell what this is".
        if t.contains("\"rdapConformance\"") || t.contains("\"objectClassName\"") {
            return Err(e.clone().into());
        }
    }
    if let Some(Ok(found)) = rdap {
        let now = chrono::Utc::now();
        let certs: Vec<Value> = found
            .into_iter()
            .map(|f| {
                let mut v = cert_report(f.certificate.as_ref().map_err(ToString::to_string), now);
                merge(&mut v, j!({ "found_in": f.place }));
                v
            })
            .collect();
        return Ok(j!({ "kind": "certificate", "certificates": certs }));
    }
    if let Some(t) = trimmed {
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("message=")
            || lower.starts_with("--cidr-authorization-context")
            || (t.starts_with('{') && lower.contains("\"message\""))
        {
            let ctx = AuthorizationContext::parse(t)?;
            let mut v = j!({ "kind": "context", "context": ctx.to_string() });
            merge(&mut v, message_report(ctx.message.as_bytes(), a));
            merge(&mut v, signature_report(&ctx.signature));
            return Ok(v);
        }
    }
    let is_cert = data.first() == Some(&0x30) && Certificate::from_bytes(data).is_ok()
        || text.is_some_and(|t| t.contains("-----BEGIN CERTIFICATE-----"));
    if is_cert {
        let now = chrono::Utc::now();
        let certs: Vec<Value> = match text {
            Some(t) if t.contains("-----BEGIN CERTIFICATE-----") => Certificate::all_from_text(t)
                .into_iter()
                .map(|c| cert_report(c.as_ref().map_err(ToString::to_string), now))
                .collect(),
            _ => vec![cert_report(Ok(&Certificate::from_bytes(data)?), now)],
        };
        return Ok(j!({ "kind": "certificate", "certificates": certs }));
    }
    let pemish = text.is_some_and(|t| t.contains("-----BEGIN "));
    if let Ok(pk) = VerifyingKey::from_bytes(data) {
        let mut v = j!({ "kind": "public-key" });
        merge(&mut v, key_report(Some(&pk)));
        return Ok(v);
    }
    if pemish && text.is_some_and(|t| t.contains("PRIVATE KEY")) || !pemish && text.is_none() {
        let mut asked = false;
        let result = SigningKey::from_bytes(data, &mut || {
            asked = true;
            a.pass.get("the key")
        });
        let (mut v, key) = match result {
            Ok((k, form)) => (
                j!({
                    "kind": "private-key",
                    "form": form.describe(),
                    "encrypted": form.is_encrypted(),
                    "note": null,
                }),
                Some(k),
            ),
            Err(byoip::Error::PassphraseRequired) if asked => (
                j!({
                    "kind": "private-key",
                    "form": null,
                    "encrypted": true,
                    "note": "encrypted: give --passphrase-file or BYOIP_PASSPHRASE to see its public half",
                }),
                None,
            ),
            Err(e) => return Err(e.into()),
        };
        merge(
            &mut v,
            key_report(key.as_ref().map(SigningKey::verifying_key)),
        );
        return Ok(v);
    }
    if let Some(t) = text {
        if t.contains('|') || t.contains('\u{FF5C}') {
            let bytes = match source {
                Some(p) => super::drop_final_line_ending(data.to_vec(), p),
                None => data.to_vec(),
            };
            let mut v = j!({ "kind": "message" });
            merge(&mut v, message_report(&bytes, a));
            return Ok(v);
        }
        let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() >= 16 && !encoding::decode_any(t).is_empty() {
            let mut v = j!({ "kind": "signature" });
            merge(&mut v, signature_report(t));
            return Ok(v);
        }
    }
    Err(CliError::input(
        "cannot tell what this is",
        "give a certificate, key, message (1|aws|…), signature or Message=…,Signature=… context, or the path of a file holding one",
    ))
}

/// Adds the fields of the object `more` to the object `v` (the JSON reports are flat, so
/// every kind uses the same names: `spki_sha256`, `key_bits`, `cidr`, `message`, …).
fn merge(v: &mut Value, more: Value) {
    if let (Value::Object(v), Value::Object(more)) = (v, more) {
        v.extend(more);
    }
}

/// A key's public facts; all `null` when the key could not be read (encrypted, no passphrase).
fn key_report(k: Option<&VerifyingKey>) -> Value {
    j!({
        "key_algorithm": k.map(|_| "RSA"),
        "key_bits": k.map(VerifyingKey::bits),
        "spki_sha256": k.map(VerifyingKey::fingerprint),
        "public_key_pem": k.map(VerifyingKey::to_pem),
    })
}

/// The fields of every certificate entry: a certificate that cannot be read has them all,
/// `null`, beside its `error` (one vocabulary: a documented field is always present).
const CERT_FIELDS: &[&str] = &[
    "subject",
    "issuer",
    "serial",
    "not_before",
    "not_after",
    "days_left",
    "expired",
    "not_yet_valid",
    "key_algorithm",
    "key_bits",
    "spki_sha256",
    "signature_algorithm",
    "self_issued",
    "self_signature_valid",
    "self_signed",
    "one_line",
];

fn cert_report(c: Result<&Certificate, String>, now: chrono::DateTime<chrono::Utc>) -> Value {
    let mut v: serde_json::Map<String, Value> = CERT_FIELDS
        .iter()
        .map(|k| ((*k).to_string(), Value::Null))
        .collect();
    match c {
        Ok(c) => {
            let info = c.info(now);
            if let Ok(Value::Object(m)) = serde_json::to_value(&info) {
                v.extend(m);
            }
            v.insert("self_signed".into(), info.self_signed().into());
            v.insert("one_line".into(), c.to_one_line().into());
            v.insert("error".into(), Value::Null);
        }
        Err(e) => {
            v.insert("error".into(), e.into());
        }
    }
    v.insert("found_in".into(), Value::Null);
    Value::Object(v)
}

fn message_report(bytes: &[u8], a: &InspectArgs) -> Value {
    let findings = lint(bytes, &a.target.lint_options());
    let parsed = super::parse_message(bytes);
    let cloud = byoip::message::Fields::lenient(&String::from_utf8_lossy(bytes))
        .shape()
        .cloud();
    j!({
        "message": String::from_utf8_lossy(bytes),
        "message_bytes": bytes.len(),
        "cloud": cloud,
        "account": parsed.and_then(|m| m.account()),
        "subscription": parsed.and_then(|m| m.subscription()),
        "cidr": parsed.and_then(|m| m.prefix()),
        "asn": parsed.and_then(|m| m.asn()),
        "expires": parsed.map(|m| m.expires()),
        "days_left": parsed.map(|m| m.expires().days_left(byoip::today_utc())),
        "lint": findings,
    })
}

fn signature_report(text: &str) -> Value {
    let decodings = encoding::decode_any(text);
    let strict = encoding::decode(text);
    let first = decodings.first();
    let hex = first.is_some_and(|d| d.variant == encoding::Variant::Hex);
    // Hex digits are base64 characters too: hex text decodes "strictly", to the wrong bytes.
    let aws_error = if hex {
        Some(format!(
            "it is hex (openssl dgst -hex); convert it with `{}`, or sign with `byoip sign`",
            encoding::HEX_TO_AWS
        ))
    } else {
        strict.as_ref().err().map(ToString::to_string)
    };
    j!({
        "signature": text,
        "characters": text.chars().count(),
        "encoding": first.map(|d| d.variant),
        "aws_encoding_ok": aws_error.is_none(),
        "aws_encoding_error": aws_error,
        "aws_encoded": first.filter(|_| hex).map(|d| encoding::encode(&d.bytes)),
        "line_breaks": first.is_some_and(|d| d.whitespace_removed),
        "signature_bytes": first.map(|d| d.bytes.len()),
        "fits_rsa_bits": first.map(|d| d.bytes.len() * 8),
    })
}

fn render(v: &Value) -> String {
    let style = Style::detect();
    let mut s = String::new();
    let kind = v["kind"].as_str().unwrap_or("");
    match kind {
        "certificate" => {
            for (i, c) in v["certificates"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                s += &format!("certificate {}\n", i + 1);
                if let Some(place) = c["found_in"].as_str() {
                    s += &format!("  found in:     the {place}\n");
                }
                if let Some(e) = c["error"].as_str() {
                    s += &format!("  {} {e}\n", style.bad("unreadable:"));
                    continue;
                }
                let days = c["days_left"].as_i64().unwrap_or(0);
                let state = if c["expired"].as_bool() == Some(true) {
                    style.bad(&format!("EXPIRED {} ago", byoip::text::days(-days)))
                } else {
                    style.good(&format!("valid, {} left", byoip::text::days(days)))
                };
                s += &format!(
                    "  subject:      {}\n  issuer:       {}\n",
                    c["subject"].as_str().unwrap_or(""),
                    c["issuer"].as_str().unwrap_or("")
                );
                s += &format!(
                    "  validity:     {} .. {} ({state})\n",
                    c["not_before"].as_str().unwrap_or(""),
                    c["not_after"].as_str().unwrap_or("")
                );
                s += &format!(
                    "  key:          {} {}\n",
                    c["key_algorithm"].as_str().unwrap_or(""),
                    c["key_bits"]
                        .as_u64()
                        .map(|b| format!("{b}-bit"))
                        .unwrap_or_default()
                );
                s += &format!(
                    "  SPKI SHA-256: {}\n",
                    c["spki_sha256"].as_str().unwrap_or("-")
                );
                s += &format!(
                    "  signature:    {}\n",
                    c["signature_algorithm"].as_str().unwrap_or("")
                );
                let ss = if c["self_signed"].as_bool() == Some(true) {
                    style.good("yes")
                } else {
                    style.caution("no (AWS asks for a self-signed certificate)")
                };
                s += &format!("  self-signed:  {ss}\n");
            }
        }
        "public-key" | "private-key" => {
            s += &format!("{kind}\n");
            if let Some(f) = v["form"].as_str() {
                s += &format!("  form:         {f}\n");
            }
            if let Some(n) = v["note"].as_str() {
                s += &format!("  {n}\n");
            }
            if let Some(bits) = v["key_bits"].as_u64() {
                s += &format!(
                    "  key:          RSA {bits}-bit\n  SPKI SHA-256: {}\n{}",
                    v["spki_sha256"].as_str().unwrap_or(""),
                    v["public_key_pem"].as_str().unwrap_or("")
                );
            }
        }
        "message" => s += &render_message(v, &style),
        "signature" => s += &render_signature(v, &style),
        "context" => {
            s += "context\n";
            s += &render_message(v, &style);
            s += &render_signature(v, &style);
        }
        _ => {}
    }
    s
}

fn render_message(m: &Value, style: &Style) -> String {
    let mut s = format!(
        "message ({} bytes): {}\n",
        m["message_bytes"],
        m["message"].as_str().unwrap_or("").escape_debug()
    );
    if let Some(asn) = m["asn"].as_str() {
        s += &format!("  a BYOASN message for AS{asn} (VPC IPAM: aws ec2 provision-ipam-byoasn)\n");
    }
    let azure = m["cloud"] == "azure";
    if azure {
        s += &format!(
            "  an Azure custom IP prefix message for {} in subscription {} (az network custom-ip prefix create); its date is the ROA's validity end\n",
            m["cidr"].as_str().unwrap_or("?"),
            m["subscription"].as_str().unwrap_or("?")
        );
    }
    match m["days_left"].as_i64() {
        Some(days) if azure && days < 0 => {
            s += &format!("  the date passed {} ago\n", byoip::text::days(-days));
        }
        Some(days) if azure => {
            s += &format!("  the date is in {}\n", byoip::text::days(days));
        }
        Some(days) if days < 0 => {
            s += &format!("  expired {} ago\n", byoip::text::days(-days));
        }
        Some(days) => {
            s += &format!(
                "  expires in {} (end of that day, UTC)\n",
                byoip::text::days(days)
            );
        }
        None => {}
    }
    let findings = m["lint"].as_array().map(Vec::as_slice).unwrap_or_default();
    if findings.is_empty() {
        s += &format!("  lint: {}\n", style.good("clean"));
    }
    for f in findings {
        let sev = if f["severity"] == "error" {
            byoip::Severity::Error
        } else {
            byoip::Severity::Warning
        };
        let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
        let message = match f["code"].as_str() {
            Some(code) => format!("{} (failure code {code})", text("message")),
            None => text("message"),
        };
        s += &render_finding(sev, &text("id"), &message, &text("hint"), style);
    }
    s
}

fn render_signature(sig: &Value, style: &Style) -> String {
    let mut s = format!("signature ({} characters)\n", sig["characters"]);
    let enc = if sig["aws_encoding_ok"].as_bool() == Some(true) {
        style.good("AWS's base64 variant")
    } else if sig["encoding"] == "standard" && sig["line_breaks"].as_bool() == Some(false) {
        style.good("standard base64 with padding: Azure's encoding, not AWS's variant")
    } else {
        style.bad(&format!(
            "not AWS's variant: {} (decodes as {})",
            sig["aws_encoding_error"].as_str().unwrap_or(""),
            sig["encoding"].as_str().unwrap_or("nothing")
        ))
    };
    s += &format!("  encoding:     {enc}\n");
    if let Some(converted) = sig["aws_encoded"].as_str() {
        s += &format!("  converted:    {converted}\n");
    }
    if sig["line_breaks"].as_bool() == Some(true) {
        s += &format!("  {}\n", style.bad("contains line breaks: remove them"));
    }
    if let Some(b) = sig["signature_bytes"].as_u64() {
        s += &format!("  decoded:      {b} bytes, fits an RSA-{} key\n", b * 8);
    }
    s
}
