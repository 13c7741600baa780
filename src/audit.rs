//! The offline CI check of key material (`byoip audit`).
//!
//! What breaks a provisioning run that was fine last month: the certificate expired or is
//! about to (AWS, "Prerequisites for BYOIP in Amazon EC2"), the key no longer matches the
//! published certificate, a signed context that will be reused has expired (the message's
//! date, AWS's "Onboard your address range for use in Amazon EC2") or no longer verifies. Each is a
//! [`Check`] with a stable id, as in [`crate::check`]; file permissions are judged by the
//! caller, which owns the file system. The contexts are held to the manifest: a prefix (or
//! ASN) without its signed context is left out, so the audit is not ready; a context for
//! nothing the manifest names warns ([`Inputs::expected`]).

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
    /// What a signed context is expected for, by the label its `context.<label>` check has
    /// ([`ContextRecord::label`]): each manifest `[[prefix]]` whose proof is a signed
    /// message (its CIDR), each `[[asn]]` (`AS<n>`). One with no context among `contexts`
    /// is left out for want of it (the audit is not ready); a context for none of them
    /// warns that the manifest has no `[[prefix]]` for it ([`orphan_contexts`]). `None`:
    /// the contexts are not compared with a manifest.
    pub expected: Option<Vec<String>>,
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
    let mut b = Builder::default();
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
            rule: None,
        },
    );
    let verify_key = cert_key.and_then(Result::ok).or_else(|| key.cloned());
    let orphans = orphan_contexts(inp);
    for (source, record) in &inp.contexts {
        let orphan = orphans.contains(&entry_label(record));
        context_check(&mut b, inp, source, record, verify_key.as_ref(), orphan);
    }
    // What the manifest expects a context for and none was given: the message and its
    // signature, AWS's (or Azure's) proof, were not checked.
    let labels: Vec<String> = inp.contexts.iter().map(|(_, e)| entry_label(e)).collect();
    for want in inp.expected.iter().flatten() {
        if !labels.contains(want) {
            b.left_out(
                CheckId::Context(want.clone()),
                format!("no signed context {}", where_contexts(inp)),
            );
        }
    }
    Report::new(inp.name.clone(), b.0)
}

/// The labels of the contexts in `inp` that are for nothing in [`Inputs::expected`] (none
/// when it is `None`), each once, in file order: contexts the manifest has no `[[prefix]]`
/// (or `[[asn]]`) for. Their `context.<label>` checks warn (or fail, when they also do not
/// verify or expire too soon); `byoip audit --json` lists them as `orphan_contexts`.
pub fn orphan_contexts(inp: &Inputs<'_>) -> Vec<String> {
    let Some(expected) = &inp.expected else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for (_, e) in &inp.contexts {
        let label = entry_label(e);
        if !expected.contains(&label) && !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// The label of an entry, usable or not (an unusable one by its `cidr`).
fn entry_label(entry: &ContextEntry) -> String {
    match entry {
        Ok(r) => r.label(),
        Err(u) => u.cidr.clone().unwrap_or_else(|| "?".into()),
    }
}

/// `in contexts.json` (the files the contexts came from), or why there were none.
fn where_contexts(inp: &Inputs<'_>) -> String {
    let mut files: Vec<&str> = Vec::new();
    for (source, _) in &inp.contexts {
        if !files.contains(&source.as_str()) {
            files.push(source);
        }
    }
    match files.split_last() {
        None => "(no contexts file was given)".into(),
        Some((last, [])) => format!("in {last}"),
        Some((last, rest)) => format!("in {} or {last}", rest.join(", ")),
    }
}

/// The `context.<label>` check of one entry; an `orphan` (no `[[prefix]]` for it) that
/// verifies and is in date warns, saying so.
fn context_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    source: &str,
    entry: &ContextEntry,
    key: Option<&VerifyingKey>,
    orphan: bool,
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
    // A BYOASN context (its message names an ASN, its "cidr" is null) is named AS<n>.
    let cidr = record.label();
    let id = CheckId::Context(cidr.clone());
    let Some(key) = key else {
        // Its signature was not checked for want of the key to check it with.
        b.left_out(
            id,
            "no certificate or key to verify it with: name cert (or key) in the manifest",
        );
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
    let no_prefix = format!("no [[prefix]] for this context: the manifest names no {cidr}");
    let drop =
        format!("add a [[prefix]] for {cidr} to the manifest, or remove the context from {source}");
    match d.severity(today, inp.fail_days, inp.warn_days) {
        Some(severity @ Severity::Error) => {
            let c = b.judged(
                id,
                severity,
                format!(
                    "the signed context for {cidr} expires {d}, in {left}: under the {}-day limit",
                    inp.fail_days
                ),
                "sign it again with a later date",
            );
            if orphan {
                c.details.push(no_prefix);
            }
        }
        Some(Severity::Warning) if orphan => {
            b.warn(
                id,
                format!("{no_prefix}; it expires {d}, in {left}"),
                format!("{drop}; sign it again with a later date before it is used"),
            );
        }
        Some(severity @ Severity::Warning) => {
            b.judged(
                id,
                severity,
                format!("the signed context for {cidr} expires {d}, in {left}"),
                "sign it again with a later date before it is used",
            );
        }
        None if orphan => {
            b.warn(
                id,
                format!("{no_prefix}; it verifies and expires {d}, in {left}"),
                drop,
            );
        }
        None => {
            b.pass(id, format!("verifies; expires {d}, in {left}"));
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{check::Status, key::SigningKey};

    /// A fixed clock: the contexts below expire 2031-12-31, far from it.
    fn now() -> DateTime<Utc> {
        "2031-06-01T00:00:00Z".parse().unwrap()
    }

    /// A context signed with the demo key for `cidr`, expiring 2031-12-31, labelled by
    /// its message (no "cidr" field).
    fn context(cidr: &str) -> (String, ContextEntry) {
        let key = SigningKey::from_bytes(
            include_bytes!("../testdata/demo-key.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0;
        let message = format!("1|aws|123456789012|{cidr}|20311231|SHA256|RSAPSS");
        let signed = signature::sign(&key, &message.parse().unwrap()).unwrap();
        let json = serde_json::json!({"message": message, "signature": signed.signature.as_str()});
        (
            "contexts.json".into(),
            Ok(serde_json::from_value(json).unwrap()),
        )
    }

    fn audit(contexts: Vec<(String, ContextEntry)>, expected: Option<&[&str]>) -> Report {
        let cert = Certificate::from_bytes(include_bytes!("../testdata/demo-cert.pem")).unwrap();
        let inputs = Inputs {
            name: "byoip.toml".into(),
            key: KeyState::Absent,
            certificate: Some(&cert),
            contexts,
            expected: expected.map(|e| e.iter().map(ToString::to_string).collect()),
            fail_days: 7,
            warn_days: 30,
            now: now(),
        };
        assert_eq!(
            orphan_contexts(&inputs),
            match expected {
                Some(e) => inputs
                    .contexts
                    .iter()
                    .map(|(_, c)| entry_label(c))
                    .filter(|l| !e.contains(&l.as_str()))
                    .collect::<Vec<_>>(),
                None => Vec::new(),
            }
        );
        run(&inputs, Vec::new())
    }

    fn status(r: &Report, label: &str) -> (Status, bool) {
        let c = r.get(&CheckId::Context(label.into())).unwrap();
        (c.status, c.is_left_out())
    }

    #[test]
    fn every_expected_context_given_and_verifying_is_ready() {
        let r = audit(
            vec![context("192.0.2.0/24"), context("64496")],
            Some(&["192.0.2.0/24", "AS64496"]),
        );
        assert!(r.ready(), "{r:?}");
        assert_eq!(status(&r, "192.0.2.0/24"), (Status::Pass, false));
        assert_eq!(status(&r, "AS64496"), (Status::Pass, false));
    }

    #[test]
    fn a_prefix_without_its_context_is_left_out_naming_the_file() {
        let r = audit(
            vec![context("192.0.2.0/24")],
            Some(&["192.0.2.0/24", "198.51.100.0/24"]),
        );
        assert!(r.ok() && !r.ready(), "{r:?}");
        assert_eq!(status(&r, "198.51.100.0/24"), (Status::Skip, true));
        let c = r.get(&CheckId::Context("198.51.100.0/24".into())).unwrap();
        assert_eq!(c.message, "no signed context in contexts.json");
        // No contexts file at all: said so instead of a file name.
        let r = audit(Vec::new(), Some(&["192.0.2.0/24"]));
        let c = r.get(&CheckId::Context("192.0.2.0/24".into())).unwrap();
        assert!(
            c.is_left_out() && c.message.contains("no contexts file was given"),
            "{c:?}"
        );
        // Not compared with a manifest: nothing is expected, nothing left out.
        let r = audit(vec![context("192.0.2.0/24")], None);
        assert!(r.ready(), "{r:?}");
    }

    #[test]
    fn a_context_for_no_prefix_warns_and_is_no_failure() {
        let r = audit(
            vec![context("192.0.2.0/24"), context("203.0.113.0/24")],
            Some(&["192.0.2.0/24"]),
        );
        assert_eq!(status(&r, "203.0.113.0/24"), (Status::Warn, false));
        let c = r.get(&CheckId::Context("203.0.113.0/24".into())).unwrap();
        assert!(
            c.message.starts_with("no [[prefix]] for this context"),
            "{c:?}"
        );
        assert!(
            c.hint.as_deref().unwrap().contains("contexts.json"),
            "{c:?}"
        );
        assert!(r.ready(), "a warning: {r:?}");
        // One that also expires within the failure threshold fails, and says both.
        let cert = Certificate::from_bytes(include_bytes!("../testdata/demo-cert.pem")).unwrap();
        let r = run(
            &Inputs {
                name: "byoip.toml".into(),
                key: KeyState::Absent,
                certificate: Some(&cert),
                contexts: vec![context("203.0.113.0/24")],
                expected: Some(Vec::new()),
                fail_days: 400,
                warn_days: 500,
                now: now(),
            },
            Vec::new(),
        );
        let c = r.get(&CheckId::Context("203.0.113.0/24".into())).unwrap();
        assert_eq!(c.status, Status::Fail);
        assert!(
            c.details.iter().any(|d| d.starts_with("no [[prefix]]")),
            "{c:?}"
        );
    }

    #[test]
    fn a_context_without_a_key_to_verify_it_with_is_left_out() {
        let inputs = Inputs {
            name: "byoip.toml".into(),
            key: KeyState::Absent,
            certificate: None,
            contexts: vec![context("192.0.2.0/24")],
            expected: None,
            fail_days: 7,
            warn_days: 30,
            now: now(),
        };
        let r = run(&inputs, Vec::new());
        assert_eq!(status(&r, "192.0.2.0/24"), (Status::Skip, true));
        assert!(!r.ready());
    }
}
