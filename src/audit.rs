//! The offline CI check of key material (`byoip audit`).
//!
//! What breaks a provisioning run that was fine last month: the certificate expired or is
//! about to (AWS, "Prerequisites for BYOIP in Amazon EC2"), the key no longer matches the
//! published certificate, a signed context that will be reused has expired (the message's
//! date, AWS's "Onboard your address range for use in Amazon EC2") or no longer verifies. Each is a
//! [`Check`] with a stable id, as in [`crate::check`]; file permissions are judged by the
//! caller, which owns the file system.

use chrono::{DateTime, Utc};

use crate::{
    batch::{ContextEntry, ContextRecord},
    certificate::Certificate,
    check::{Builder, Check, CheckId, Horizon, Report, cert_checks, why_not},
    date::ExpiryDate,
    key::VerifyingKey,
    lint::Severity,
    signature,
};

/// What became of the private key.
#[derive(Clone, Debug)]
pub enum KeyState {
    /// Loaded; its public half.
    Loaded(VerifyingKey),
    /// The manifest names no key: nothing to check.
    Absent,
    /// There is a key but it could not be checked (encrypted, and no passphrase was
    /// given); the reason. Its checks are `not-run`.
    NotChecked(String),
    /// It would not load: why, and what to do (a wrong passphrase and a damaged file
    /// call for different remedies).
    Broken {
        /// What went wrong.
        reason: String,
        /// What to do about it.
        hint: String,
    },
}

/// Everything the audit judges.
#[derive(Clone, Debug)]
pub struct Inputs<'a> {
    /// Names the report (the manifest).
    pub name: String,
    /// The private key's state.
    pub key: KeyState,
    /// The certificate published in the registry.
    pub certificate: Option<&'a Certificate>,
    /// Signed contexts to be reused, with where each came from (an unusable entry fails
    /// its check).
    pub contexts: Vec<(String, ContextEntry)>,
    /// Fail when something expires within this many days.
    pub fail_days: i64,
    /// Warn when something expires within this many days.
    pub warn_days: i64,
    /// The clock.
    pub now: DateTime<Utc>,
}

/// Runs the audit; `extra` are checks the caller made (file permissions), placed after
/// the key's.
pub fn run(inp: &Inputs<'_>, extra: Vec<Check>) -> Report {
    let mut b = Builder(Vec::new());
    let key = match &inp.key {
        KeyState::Loaded(k) => {
            b.pass(
                CheckId::KeyLoad,
                format!(
                    "the key loads: RSA-{}, SPKI SHA-256 {}",
                    k.bits(),
                    k.fingerprint()
                ),
            );
            Some(k)
        }
        KeyState::Absent => {
            b.skip(CheckId::KeyLoad, "the manifest names no key");
            None
        }
        KeyState::NotChecked(why) => {
            b.not_run(CheckId::KeyLoad, format!("the key was not loaded: {why}"))
                .hint = Some(
                "in CI, supply the key's passphrase from a secret so the key is checked too".into(),
            );
            None
        }
        KeyState::Broken { reason, hint } => {
            b.fail(
                CheckId::KeyLoad,
                format!("the key does not load: {reason}"),
                hint.clone(),
            );
            None
        }
    };
    b.0.extend(extra);
    let cert_key = inp.certificate.map(Certificate::public_key);
    match (key, &cert_key) {
        (Some(k), Some(Ok(c))) if k == c => {
            b.pass(CheckId::KeyCertMatch, "the key is the certificate's key");
        }
        (Some(k), Some(Ok(c))) => {
            b.fail(
                CheckId::KeyCertMatch,
                format!("the key ({}) is not the certificate's key ({})", k.fingerprint(), c.fingerprint()),
                "sign with the key whose certificate is published, or publish this key's certificate",
            );
        }
        (_, Some(Err(e))) => {
            b.fail(
                CheckId::KeyCertMatch,
                format!("the certificate's key is unusable: {}", e.chain()),
                "make an RSA-2048 key and its certificate",
            );
        }
        (None, Some(Ok(_))) if matches!(inp.key, KeyState::NotChecked(_)) => {
            b.not_run(
                CheckId::KeyCertMatch,
                "the key was not loaded, so it was not compared with the certificate",
            );
        }
        (None, _) | (_, None) => {
            b.skip(
                CheckId::KeyCertMatch,
                "needs both the key and the certificate",
            );
        }
    }
    let why = format!("the {}-day warning threshold", inp.warn_days);
    cert_checks(
        &mut b,
        crate::cloud::Cloud::Aws,
        inp.certificate.map(|c| ("the certificate".to_string(), c)),
        inp.now,
        &Horizon {
            fail_days: inp.fail_days,
            warn_days: inp.warn_days,
            why,
            outlast: None,
        },
    );
    let verify_key = cert_key.and_then(Result::ok).or_else(|| key.cloned());
    for (source, record) in &inp.contexts {
        context_check(&mut b, inp, source, record, verify_key.as_ref());
    }
    Report::new(inp.name.clone(), b.0)
}

fn context_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    source: &str,
    entry: &ContextEntry,
    key: Option<&VerifyingKey>,
) {
    let record: &ContextRecord = match entry {
        Ok(r) => r,
        Err(u) => {
            let id = CheckId::Context(u.cidr.clone().unwrap_or_else(|| "?".into()));
            b.fail(id, format!("{source}: {}", u.error.chain()), u.error.hint());
            return;
        }
    };
    let message = record.message();
    let fields = crate::message::Fields::lenient(message);
    let cidr = record.cidr_or_message().unwrap_or_else(|| "?".into());
    // A BYOASN context (its message names an ASN, its "cidr" is null) is named AS<n>.
    let cidr = if crate::asn::looks_like_asn(&cidr) {
        format!("AS{cidr}")
    } else {
        cidr
    };
    let id = CheckId::Context(cidr.clone());
    let Some(key) = key else {
        b.skip(id, "no certificate or key to verify it with");
        return;
    };
    let v = signature::verify_for(
        fields.shape().cloud(),
        key,
        message.as_bytes(),
        record.signature(),
        &[],
    );
    if !v.valid {
        let (why, hint) = why_not(&v, "sign it again in a batch");
        b.fail(
            id,
            format!("the signed context for {cidr} does not verify: {why}"),
            hint,
        );
        return;
    }
    let today = inp.now.date_naive();
    let Some(d) = fields.date().and_then(|d| d.parse::<ExpiryDate>().ok()) else {
        b.fail(
            id,
            format!("the message for {cidr} has no valid date"),
            "sign it again in a batch",
        );
        return;
    };
    let left = crate::text::days(d.days_left(today));
    match d.severity(today, inp.fail_days, inp.warn_days) {
        Some(severity @ Severity::Error) => b.judged(
            id,
            severity,
            format!(
                "the signed context for {cidr} expires {d}, in {left}: under the {}-day limit",
                inp.fail_days
            ),
            "sign it again with a later date",
        ),
        Some(severity @ Severity::Warning) => b.judged(
            id,
            severity,
            format!("the signed context for {cidr} expires {d}, in {left}"),
            "sign it again with a later date before it is used",
        ),
        None => b.pass(id, format!("verifies; expires {d}, in {left}")),
    };
}
