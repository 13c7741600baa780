//! `byoip verify`: AWS's or Azure's signature check, offline, with the reason when it fails.
//!
//! The verdict is over the exact message bytes and independent of the lint; lint findings
//! (and the certificate's validity) are reported beside it. The message's shape says whose
//! check it is ([`byoip::cloud_of`]).

use super::heading;
use std::path::PathBuf;

use byoip::{
    key::VerifyingKey,
    signature::{self, SignatureText},
};

use super::{
    CliError, CliResult, FindingJson, Outcome, PassphraseArgs, SignedArgs, Style, TargetArgs,
    alphabetical, json, load_certificate, out, read_input, render_findings,
};

#[derive(clap::Args)]
#[command(next_help_heading = heading::INPUTS)]
pub struct VerifyArgs {
    /// The certificate published in the registry: a file, - for standard input, or the text itself (PEM, one line, DER, whois text or a saved RDAP answer).
    #[arg(long, value_name = "FILE|TEXT", allow_hyphen_values = true)]
    cert: Option<PathBuf>,
    /// A public key (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY, PEM or DER).
    #[arg(long, value_name = "FILE")]
    pubkey: Option<PathBuf>,
    /// A private key; with --cert it also tells whether the signature came from it.
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    #[command(flatten)]
    signed: SignedArgs,
    #[command(flatten)]
    target: TargetArgs,
    #[command(flatten)]
    pass: PassphraseArgs,
    /// Exit 1 also when the signature is valid but AWS would still refuse the context: a
    /// lint error (past date, placeholder account, wrong fields), a special-purpose prefix,
    /// or an expired certificate.
    #[arg(long, help_heading = heading::OUTPUT)]
    strict: bool,
    /// Print JSON ({"ok", "valid", "diagnosis": […], "lint": […], "refusals": […], …}).
    #[arg(long)]
    json: bool,
}

/// `verify --json` (fields in alphabetical order, the order this output has always had):
/// the verdict, the message's fields (null where it has none or does not parse), the key,
/// the reasons, the lint and what the cloud would refuse.
#[derive(serde::Serialize)]
struct VerifyJson<'a> {
    account: Option<byoip::AccountId>,
    asn: Option<byoip::Asn>,
    #[serde(serialize_with = "alphabetical")]
    certificate: Option<&'a byoip::certificate::CertificateInfo>,
    cidr: Option<byoip::Prefix>,
    cloud: byoip::Cloud,
    #[serde(serialize_with = "alphabetical")]
    diagnosis: &'a [signature::Diagnosis],
    expires: Option<byoip::ExpiryDate>,
    key_bits: usize,
    lint: Vec<FindingJson<'a>>,
    /// The message's bytes as text (an invalid UTF-8 sequence as U+FFFD).
    message: std::borrow::Cow<'a, str>,
    ok: bool,
    refusals: Vec<Refusal>,
    signature: &'a str,
    signature_bytes: Option<usize>,
    spki_sha256: byoip::key::Fingerprint,
    subscription: Option<byoip::SubscriptionId>,
    valid: bool,
}

/// One thing the cloud would refuse (`verify --json`'s `refusals`).
#[derive(serde::Serialize)]
struct Refusal {
    /// The cloud's failure code, where it names one (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    id: RefusedBy,
    message: String,
}

/// What a refusal is about: a lint finding, or the certificate (`cert.validity`, as
/// `byoip check` names it).
#[derive(serde::Serialize)]
#[serde(untagged)]
enum RefusedBy {
    Lint(byoip::LintId),
    Check(byoip::check::CheckId),
}

impl std::fmt::Display for RefusedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefusedBy::Lint(id) => id.fmt(f),
            RefusedBy::Check(id) => id.fmt(f),
        }
    }
}

/// What AWS would refuse although the signature may be valid: every lint error, the
/// special-purpose prefix and documentation ASN warnings (AWS refuses the prefix, but the documentation's examples
/// use such prefixes, so the lint only warns), and an expired certificate.
fn refusals(
    findings: &[byoip::Finding],
    cert: Option<&byoip::certificate::CertificateInfo>,
    cloud: byoip::Cloud,
) -> Vec<Refusal> {
    let mut out: Vec<Refusal> = findings
        .iter()
        .filter(|f| {
            f.severity == byoip::Severity::Error
                || matches!(f.id, byoip::LintId::PrefixPublic | byoip::LintId::AsnPublic)
        })
        .map(|f| Refusal {
            code: f.code,
            id: RefusedBy::Lint(f.id),
            message: f.message.clone(),
        })
        .collect();
    if let Some(c) = cert.filter(|c| c.expired) {
        out.push(Refusal {
            code: (cloud == byoip::Cloud::Azure).then_some(byoip::azure_codes::CERT_EXPIRED),
            id: RefusedBy::Check(byoip::check::CheckId::CertValidity),
            message: format!("the certificate expired on {}", c.not_after),
        });
    }
    out
}

pub fn run(a: VerifyArgs) -> CliResult {
    let dash = |p: &Option<PathBuf>| usize::from(p.as_deref() == Some(std::path::Path::new("-")));
    super::one_stdin(a.signed.stdin_args() + dash(&a.cert) + dash(&a.pubkey) + dash(&a.key))?;
    let (message, sig_text) = inputs(&a)?;
    let cert = match &a.cert {
        Some(p) => Some(load_certificate(p, Some("--key"))?),
        None => None,
    };
    let pubkey = match &a.pubkey {
        Some(p) => Some(VerifyingKey::from_bytes(&read_input(
            p,
            byoip::key::MAX_KEY_BYTES,
            "public key",
        )?)?),
        None => None,
    };
    let private = a
        .key
        .as_deref()
        .map(|p| super::load_public_key(p, &a.pass))
        .transpose()?;
    let mut keys: Vec<VerifyingKey> = Vec::new();
    if let Some(c) = &cert {
        keys.push(c.public_key()?);
    }
    keys.extend(pubkey);
    keys.extend(private);
    let Some((primary, others)) = keys.split_first() else {
        return Err(CliError::input(
            "no key to verify with",
            "give --cert (what AWS uses), --pubkey or --key",
        ));
    };
    let other_refs: Vec<&VerifyingKey> = others.iter().collect();
    let cloud = byoip::cloud_of(&message);
    let mut v = super::advice::verification(signature::diagnose(
        cloud,
        primary,
        &message,
        &sig_text,
        &other_refs,
    ));
    let mut findings = super::advice::lint(&message, &a.target.lint_options());
    // A file name given as the text: the reason's hint says to read the file instead.
    if let Some(d) = v.diagnosis.first_mut().filter(|_| !v.valid) {
        d.hint = super::hint_and(&d.hint, a.signed.signature_names_a_file().as_deref());
    }
    if let Some(f) = findings
        .iter_mut()
        .find(|f| f.id == byoip::LintId::MessageFormat)
    {
        f.hint = super::hint_and(&f.hint, a.signed.message_names_a_file().as_deref());
    }
    let cert_info = cert.as_ref().map(|c| c.info(super::clock::now()));
    let refused = refusals(&findings, cert_info.as_ref(), cloud);
    let ok = v.valid && (!a.strict || refused.is_empty());

    if a.json {
        let parsed = super::parse_message(&message);
        out(&json(&VerifyJson {
            account: parsed.and_then(|m| m.account()),
            asn: parsed.and_then(|m| m.asn()),
            certificate: cert_info.as_ref(),
            cidr: parsed.and_then(|m| m.prefix()),
            cloud,
            diagnosis: &v.diagnosis,
            expires: parsed.map(|m| m.expires()),
            key_bits: v.key_bits,
            lint: FindingJson::list(&findings),
            message: String::from_utf8_lossy(&message),
            ok,
            refusals: refused,
            signature: &sig_text,
            signature_bytes: v.signature_bytes,
            spki_sha256: v.key_fingerprint,
            subscription: parsed.and_then(|m| m.subscription()),
            valid: v.valid,
        })?)?;
    } else {
        let style = Style::detect();
        let scheme = match cloud {
            byoip::Cloud::Azure => "RSASSA-PKCS1-v1_5, SHA-256, standard base64: Azure's",
            _ => "RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32",
        };
        let mut s = if v.valid {
            format!(
                "{}  the signature verifies under RSA-{} key {} ({scheme})\n",
                style.good("VALID"),
                v.key_bits,
                v.key_fingerprint
            )
        } else {
            let mut s = format!(
                "{}  the signature does not verify under RSA-{} key {}\n",
                style.bad("INVALID"),
                v.key_bits,
                v.key_fingerprint
            );
            for d in &v.diagnosis {
                let code = d
                    .code
                    .map(|c| format!("; {} reports {c}", cloud.vendor()))
                    .unwrap_or_default();
                s += &format!(
                    "  why ({}{code}): {}\n      hint: {}\n",
                    d.id, d.message, d.hint
                );
            }
            s
        };
        if let Some(info) = &cert_info {
            if info.expired {
                s += &format!(
                    "  {} the certificate expired on {}: {} will not accept it\n",
                    style.bad("certificate:"),
                    info.not_after,
                    cloud.vendor()
                );
            } else if info.not_yet_valid {
                s += &format!(
                    "  {} the certificate is not valid before {}\n",
                    style.caution("certificate:"),
                    info.not_before
                );
            } else {
                s += &format!(
                    "  certificate: valid until {} ({} left)\n",
                    info.not_after.format("%Y-%m-%d %H:%M UTC"),
                    crate::text::days(info.days_left)
                );
            }
        }
        if findings.is_empty() {
            s += "message lint: clean\n";
        } else {
            s += &format!(
                "message lint: {}, independent of the signature:\n{}",
                crate::text::plural(findings.len(), "problem", "problems"),
                render_findings(&findings, &style)
            );
        }
        if v.valid && !ok {
            let ids: Vec<String> = refused.iter().map(|r| r.id.to_string()).collect();
            s += &format!(
                "{}  the signature is valid, but {} would refuse this context ({}): --strict\n",
                style.bad("REFUSED"),
                cloud.vendor(),
                ids.join(", ")
            );
        }
        out(&s)?;
    }
    Ok(if ok { Outcome::Ok } else { Outcome::Failed })
}

fn inputs(a: &VerifyArgs) -> Result<(Vec<u8>, SignatureText), CliError> {
    a.signed.read()?.ok_or_else(|| {
        CliError::input(
            "no message or signature given",
            "pass --message MSG and --signature SIG (or the -file forms), or --context",
        )
    })
}
