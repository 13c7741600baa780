//! `byoip inspect`: say what a pasted thing is and what is wrong with it.

use super::heading;
use std::path::Path;

use byoip::{
    AccountId, Asn, Cloud, ExpiryDate, Finding, Prefix, SubscriptionId,
    certificate::{Certificate, CertificateInfo, MAX_CERT_INPUT_BYTES},
    context::AuthorizationContext,
    encoding::{self, Variant},
    key::{Fingerprint, SigningKey, VerifyingKey},
};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Serialize, Serializer, ser::SerializeMap};

use super::{
    CliError, CliResult, Outcome, PassphraseArgs, Style, TargetArgs, out, read_input,
    render_findings, sorted_json,
};

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct InspectArgs {
    /// A file, or the text itself (certificate, key, message, signature or context).
    #[arg(value_name = "FILE|STRING", allow_hyphen_values = true)]
    input: String,
    #[command(flatten)]
    target: TargetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Print JSON.
    #[arg(long, help_heading = heading::OUTPUT)]
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
        // Keys in alphabetical order, as `inspect --json` has always printed them.
        out(&sorted_json(&report)?)?;
    } else {
        out(&render(&report))?;
    }
    Ok(Outcome::Ok)
}

/// What `inspect` found: `--json` prints it (flat: every kind uses the same names,
/// `spki_sha256`, `key_bits`, `cidr`, `message`, …), the text output renders it.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Inspected {
    /// Certificates: one given directly, or every one in a PEM bundle or RDAP answer.
    Certificate { certificates: Vec<CertEntry> },
    /// A public key.
    PublicKey(KeyFacts),
    /// A private key (its public half; nothing of the private one).
    PrivateKey(PrivateKey),
    /// An authorization message.
    Message(MessageFacts),
    /// A signature.
    Signature(SignatureFacts),
    /// A `Message=…,Signature=…` context: the message's and the signature's facts.
    Context {
        context: String,
        #[serde(flatten)]
        message: MessageFacts,
        #[serde(flatten)]
        signature: SignatureFacts,
    },
}

/// One certificate: its facts, or why it cannot be read (every fact `null` then: one
/// vocabulary, a documented field is always present), and where it was found.
#[derive(Serialize)]
struct CertEntry {
    #[serde(flatten)]
    facts: CertFacts,
    error: Option<String>,
    found_in: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CertFacts {
    Read {
        #[serde(flatten)]
        info: Box<CertificateInfo>,
        self_signed: bool,
        one_line: String,
    },
    Unreadable(Unreadable),
}

/// The fields of every certificate entry, for one that cannot be read.
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

/// Every field of [`CERT_FIELDS`], `null`.
struct Unreadable;

impl Serialize for Unreadable {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(CERT_FIELDS.len()))?;
        for field in CERT_FIELDS {
            m.serialize_entry(field, &())?;
        }
        m.end()
    }
}

/// A key's public facts; all `null` when the key could not be read (encrypted, no passphrase).
#[derive(Serialize)]
struct KeyFacts {
    key_algorithm: Option<&'static str>,
    key_bits: Option<usize>,
    spki_sha256: Option<Fingerprint>,
    public_key_pem: Option<String>,
}

#[derive(Serialize)]
struct PrivateKey {
    form: Option<&'static str>,
    encrypted: bool,
    note: Option<&'static str>,
    #[serde(flatten)]
    key: KeyFacts,
}

#[derive(Serialize)]
struct MessageFacts {
    message: String,
    message_bytes: usize,
    cloud: Cloud,
    account: Option<AccountId>,
    subscription: Option<SubscriptionId>,
    cidr: Option<Prefix>,
    asn: Option<Asn>,
    expires: Option<ExpiryDate>,
    days_left: Option<i64>,
    lint: Vec<Finding>,
}

#[derive(Serialize)]
struct SignatureFacts {
    signature: String,
    characters: usize,
    encoding: Option<Variant>,
    aws_encoding_ok: bool,
    aws_encoding_error: Option<String>,
    aws_encoded: Option<String>,
    line_breaks: bool,
    signature_bytes: Option<usize>,
    fits_rsa_bits: Option<usize>,
}

/// What `data` is. `source` is the file (or `-`) it was read from: a message read from
/// one loses its final line ending, as in `lint`, `sign` and `verify`.
fn classify(data: &[u8], a: &InspectArgs, source: Option<&Path>) -> Result<Inspected, CliError> {
    let text = std::str::from_utf8(data).ok();
    let trimmed = text.map(str::trim);
    // A saved RDAP answer (`curl https://rdap.arin.net/registry/ip/…`): its certificates.
    let rdap = byoip::rdap::answer_certificates(data);
    if let (Some(Err(e)), Some(t)) = (&rdap, text) {
        // An RDAP document that is not a usable network record (an error answer, an
        // entity): say so rather than "cannot tell what this is".
        if t.contains("\"rdapConformance\"") || t.contains("\"objectClassName\"") {
            return Err(e.clone().into());
        }
    }
    if let Some(Ok(found)) = rdap {
        let now = super::clock::now();
        let certificates = found
            .into_iter()
            .map(|f| CertEntry {
                found_in: Some(f.place),
                ..cert_entry(f.certificate.as_ref().map_err(byoip::Error::chain), now)
            })
            .collect();
        return Ok(Inspected::Certificate { certificates });
    }
    if let Some(t) = trimmed {
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("message=")
            || lower.starts_with("--cidr-authorization-context")
            || (t.starts_with('{') && lower.contains("\"message\""))
        {
            let ctx = AuthorizationContext::parse(t)?;
            return Ok(Inspected::Context {
                context: ctx.to_string(),
                message: message_facts(ctx.message.as_bytes(), a),
                signature: signature_facts(&ctx.signature),
            });
        }
    }
    let is_cert = data.first() == Some(&0x30) && Certificate::from_bytes(data).is_ok()
        || text.is_some_and(|t| t.contains("-----BEGIN CERTIFICATE-----"));
    if is_cert {
        let now = super::clock::now();
        let certificates = match text {
            Some(t) if t.contains("-----BEGIN CERTIFICATE-----") => Certificate::all_from_text(t)
                .into_iter()
                .map(|c| cert_entry(c.as_ref().map_err(ToString::to_string), now))
                .collect(),
            _ => vec![cert_entry(Ok(&Certificate::from_bytes(data)?), now)],
        };
        return Ok(Inspected::Certificate { certificates });
    }
    let pemish = text.is_some_and(|t| t.contains("-----BEGIN "));
    if let Ok(pk) = VerifyingKey::from_bytes(data) {
        return Ok(Inspected::PublicKey(key_facts(Some(&pk))));
    }
    if pemish && text.is_some_and(|t| t.contains("PRIVATE KEY")) || !pemish && text.is_none() {
        let mut asked = false;
        let result = SigningKey::from_bytes(
            data,
            byoip::key::Passphrase::Ask(&mut || {
                asked = true;
                a.pass.get("the key")
            }),
        );
        return match result {
            Ok((k, form)) => Ok(Inspected::PrivateKey(PrivateKey {
                form: Some(form.describe()),
                encrypted: form.is_encrypted(),
                note: None,
                key: key_facts(Some(k.verifying_key())),
            })),
            Err(byoip::Error::PassphraseRequired) if asked => {
                Ok(Inspected::PrivateKey(PrivateKey {
                    form: None,
                    encrypted: true,
                    note: Some(
                        "encrypted: give --passphrase-file or BYOIP_PASSPHRASE to see its public half",
                    ),
                    key: key_facts(None),
                }))
            }
            Err(e) => Err(e.into()),
        };
    }
    if let Some(t) = text {
        if t.contains('|') || t.contains('\u{FF5C}') {
            let bytes = match source {
                Some(p) => super::drop_final_line_ending(data.to_vec(), p),
                None => data.to_vec(),
            };
            return Ok(Inspected::Message(message_facts(&bytes, a)));
        }
        let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() >= 16 && !encoding::decode_any(t).is_empty() {
            return Ok(Inspected::Signature(signature_facts(t)));
        }
    }
    // A lone word that names a file (`nope.pem`, `keys/a.der`) but is not one: the file is
    // missing, which is what the user needs to hear, not that the word is unrecognised.
    if let (None, Some(t)) = (source, trimmed)
        && looks_like_a_path(t)
    {
        return Err(CliError::input(
            format!("file {t:?} does not exist"),
            "check the path (relative to the current folder), or give the certificate, key, message or signature itself",
        ));
    }
    Err(CliError::input(
        "cannot tell what this is",
        "give a certificate, key, message (1|aws|…), signature or Message=…,Signature=… context, or the path of a file holding one",
    ))
}

/// Whether `t` reads as a file's path rather than as text: one word with a folder or a
/// file extension (`.pem`, `.der`, …), none of a message's `|`, a context's `=` or a
/// PEM block's spaces.
fn looks_like_a_path(t: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "pem", "der", "crt", "cer", "key", "pub", "p8", "txt", "sig", "b64", "json", "csr",
    ];
    if t.is_empty() || t.contains(|c: char| c.is_whitespace() || c == '|' || c == '=') {
        return false;
    }
    let ext = Path::new(t)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    t.contains('/') || ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn key_facts(k: Option<&VerifyingKey>) -> KeyFacts {
    KeyFacts {
        key_algorithm: k.map(|_| "RSA"),
        key_bits: k.map(VerifyingKey::bits),
        spki_sha256: k.map(VerifyingKey::fingerprint),
        public_key_pem: k.map(VerifyingKey::to_pem),
    }
}

fn cert_entry(c: Result<&Certificate, String>, now: DateTime<Utc>) -> CertEntry {
    match c {
        Ok(c) => {
            let info = c.info(now);
            CertEntry {
                facts: CertFacts::Read {
                    self_signed: info.self_signed(),
                    one_line: c.to_one_line(),
                    info: Box::new(info),
                },
                error: None,
                found_in: None,
            }
        }
        Err(e) => CertEntry {
            facts: CertFacts::Unreadable(Unreadable),
            error: Some(e),
            found_in: None,
        },
    }
}

fn message_facts(bytes: &[u8], a: &InspectArgs) -> MessageFacts {
    let parsed = super::parse_message(bytes);
    let cloud = byoip::cloud_of(bytes);
    MessageFacts {
        message: String::from_utf8_lossy(bytes).into_owned(),
        message_bytes: bytes.len(),
        cloud,
        account: parsed.as_ref().and_then(|m| m.account()),
        subscription: parsed.as_ref().and_then(|m| m.subscription()),
        cidr: parsed.as_ref().and_then(|m| m.prefix()),
        asn: parsed.as_ref().and_then(|m| m.asn()),
        expires: parsed.as_ref().map(|m| m.expires()),
        days_left: parsed
            .as_ref()
            .map(|m| m.expires().days_left(super::clock::today())),
        lint: super::advice::lint(bytes, &a.target.lint_options()),
    }
}

fn signature_facts(text: &str) -> SignatureFacts {
    let decodings = encoding::decode_any(text);
    let strict = encoding::decode(text);
    let first = decodings.first();
    let hex = first.is_some_and(|d| d.variant == Variant::Hex);
    // Hex digits are base64 characters too: hex text decodes "strictly", to the wrong bytes.
    let aws_error = if hex {
        Some(format!(
            "it is hex (openssl dgst -hex); convert it with `{}`, or sign with `byoip sign`",
            encoding::HEX_TO_AWS
        ))
    } else {
        strict.as_ref().err().map(ToString::to_string)
    };
    SignatureFacts {
        signature: text.to_string(),
        characters: text.chars().count(),
        encoding: first.map(|d| d.variant),
        aws_encoding_ok: aws_error.is_none(),
        aws_encoding_error: aws_error,
        aws_encoded: first.filter(|_| hex).map(|d| encoding::encode(&d.bytes)),
        line_breaks: first.is_some_and(|d| d.whitespace_removed),
        signature_bytes: first.map(|d| d.bytes.len()),
        fits_rsa_bits: first.map(|d| d.bytes.len() * 8),
    }
}

fn render(v: &Inspected) -> String {
    let style = Style::detect();
    let mut s = String::new();
    match v {
        Inspected::Certificate { certificates } => {
            for (i, c) in certificates.iter().enumerate() {
                s += &format!("certificate {}\n", i + 1);
                if let Some(place) = &c.found_in {
                    s += &format!("  found in:     the {place}\n");
                }
                let CertFacts::Read {
                    info, self_signed, ..
                } = &c.facts
                else {
                    let e = c.error.as_deref().unwrap_or_default();
                    s += &format!("  {} {e}\n", style.bad("unreadable:"));
                    continue;
                };
                s += &render_certificate(info, *self_signed, &style);
            }
        }
        Inspected::PublicKey(key) => s += &render_key("public-key", None, None, key),
        Inspected::PrivateKey(k) => s += &render_key("private-key", k.form, k.note, &k.key),
        Inspected::Message(m) => s += &render_message(m, &style),
        Inspected::Signature(sig) => s += &render_signature(sig, &style),
        Inspected::Context {
            message, signature, ..
        } => {
            s += "context\n";
            s += &render_message(message, &style);
            s += &render_signature(signature, &style);
        }
    }
    s
}

/// The instant as `--json` writes it (RFC 3339, UTC).
fn instant(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn render_certificate(c: &CertificateInfo, self_signed: bool, style: &Style) -> String {
    let days = c.days_left;
    let state = if c.expired {
        style.bad(&format!("EXPIRED {} ago", crate::text::days(-days)))
    } else {
        style.good(&format!("valid, {} left", crate::text::days(days)))
    };
    let mut s = format!(
        "  subject:      {}\n  issuer:       {}\n",
        c.subject, c.issuer
    );
    s += &format!(
        "  validity:     {} .. {} ({state})\n",
        instant(&c.not_before),
        instant(&c.not_after)
    );
    s += &format!(
        "  key:          {} {}\n",
        c.key_algorithm,
        c.key_bits.map(|b| format!("{b}-bit")).unwrap_or_default()
    );
    s += &format!(
        "  SPKI SHA-256: {}\n",
        c.spki_sha256
            .as_ref()
            .map_or_else(|| "-".to_string(), ToString::to_string)
    );
    s += &format!("  signature:    {}\n", c.signature_algorithm);
    let ss = if self_signed {
        style.good("yes")
    } else {
        style.caution("no (AWS asks for a self-signed certificate)")
    };
    s += &format!("  self-signed:  {ss}\n");
    s
}

fn render_key(kind: &str, form: Option<&str>, note: Option<&str>, key: &KeyFacts) -> String {
    let mut s = format!("{kind}\n");
    if let Some(f) = form {
        s += &format!("  form:         {f}\n");
    }
    if let Some(n) = note {
        s += &format!("  {n}\n");
    }
    if let Some(bits) = key.key_bits {
        s += &format!(
            "  key:          RSA {bits}-bit\n  SPKI SHA-256: {}\n{}",
            key.spki_sha256
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            key.public_key_pem.as_deref().unwrap_or_default()
        );
    }
    s
}

fn render_message(m: &MessageFacts, style: &Style) -> String {
    let mut s = format!(
        "message ({} bytes): {}\n",
        m.message_bytes,
        m.message.escape_debug()
    );
    if let Some(asn) = m.asn {
        s += &format!("  a BYOASN message for AS{asn} (VPC IPAM: aws ec2 provision-ipam-byoasn)\n");
    }
    let azure = m.cloud == Cloud::Azure;
    if azure {
        s += &format!(
            "  an Azure custom IP prefix message for {} in subscription {} (az network custom-ip prefix create); its date is the ROA's validity end\n",
            m.cidr.map_or_else(|| "?".to_string(), |p| p.to_string()),
            m.subscription
                .as_ref()
                .map_or_else(|| "?".to_string(), ToString::to_string)
        );
    }
    match m.days_left {
        Some(days) if azure && days < 0 => {
            s += &format!("  the date passed {} ago\n", crate::text::days(-days));
        }
        Some(days) if azure => {
            s += &format!("  the date is in {}\n", crate::text::days(days));
        }
        Some(days) if days < 0 => {
            s += &format!("  expired {} ago\n", crate::text::days(-days));
        }
        Some(days) => {
            s += &format!(
                "  expires in {} (end of that day, UTC)\n",
                crate::text::days(days)
            );
        }
        None => {}
    }
    if m.lint.is_empty() {
        s += &format!("  lint: {}\n", style.good("clean"));
    }
    s += &render_findings(&m.lint, style);
    s
}

fn render_signature(sig: &SignatureFacts, style: &Style) -> String {
    let mut s = format!("signature ({} characters)\n", sig.characters);
    let enc = if sig.aws_encoding_ok {
        style.good("AWS's base64 variant")
    } else if sig.encoding == Some(Variant::Standard) && !sig.line_breaks {
        style.good("standard base64 with padding: Azure's encoding, not AWS's variant")
    } else {
        style.bad(&format!(
            "not AWS's variant: {} (decodes as {})",
            sig.aws_encoding_error.as_deref().unwrap_or_default(),
            sig.encoding.map_or("nothing", Variant::id)
        ))
    };
    s += &format!("  encoding:     {enc}\n");
    if let Some(converted) = &sig.aws_encoded {
        s += &format!("  converted:    {converted}\n");
    }
    if sig.line_breaks {
        s += &format!("  {}\n", style.bad("contains line breaks: remove them"));
    }
    if let Some(b) = sig.signature_bytes {
        s += &format!("  decoded:      {b} bytes, fits an RSA-{} key\n", b * 8);
    }
    s
}
