//! The offline CI check of key material (`byoip audit`).
//!
//! What breaks a provisioning run that was fine last month: the certificate expired or is
//! about to (AWS, "Prerequisites for BYOIP in Amazon EC2"), the key no longer matches the
//! published certificate, a signed context that will be reused has expired (the message's
//! date, AWS's "Onboard your address range for use in Amazon EC2") or no longer verifies. Each is a
//! [`Check`] with a stable id, as in [`crate::check`]; file permissions are judged by the
//! caller, which owns the file system. The contexts are held to the manifest: each
//! context's message is judged against its `[[prefix]]` (or `[[asn]]`) by the judge `batch
//! check` uses (its CIDR or ASN, account or subscription, the cloud's message form, its
//! expiry), a prefix (or ASN) without its signed context is left out, so the audit is not
//! ready, and a context for nothing the manifest names warns ([`Inputs::expected`]).
//!
//! Each entry's prefix or ASN is judged as `check` judges it (`prefix.public`: not
//! special-purpose space, RFC 6890; `asn.public`: not a reserved, private or documentation
//! ASN): a context for documentation space verifies and is in date, but no cloud takes the
//! space, so its `context.<label>` check fails, as does an entry without a context.

use chrono::{DateTime, Utc};

use crate::{
    certificate::Certificate,
    check::{self, Builder, Check, CheckId, Horizon, Report, Signed, Status, cert_checks, why_not},
    cloud::Cloud,
    contexts::{ContextEntry, ContextRecord},
    date::ExpiryDate,
    error::{Input, Remedy, Step},
    key::VerifyingKey,
    lint::Severity,
    manifest::{AsnEntry, Entry},
    signature,
};

/// What the manifest expects a signed context for ([`Inputs::expected`]), and so what that
/// context's message must say.
#[derive(Clone, Copy, Debug)]
pub enum Expected<'a> {
    /// A `[[prefix]]` proven by a signed message, of a manifest for `cloud` (AWS or Azure).
    Prefix {
        /// The manifest's cloud.
        cloud: Cloud,
        /// The `[[prefix]]`.
        entry: &'a Entry,
    },
    /// An `[[asn]]` (BYOASN).
    Asn(&'a AsnEntry),
}

impl Expected<'_> {
    /// The label of the `context.<label>` check of its context: the prefix, or `AS<n>`
    /// (as [`ContextRecord::label`] names the context).
    pub fn label(&self) -> String {
        match self {
            Expected::Prefix { entry, .. } => entry.cidr.to_string(),
            Expected::Asn(e) => format!("AS{}", e.asn),
        }
    }

    /// How the manifest names it, for messages: `[[prefix]]` or `[[asn]]`.
    fn table(&self) -> &'static str {
        match self {
            Expected::Prefix { .. } => "[[prefix]]",
            Expected::Asn(_) => "[[asn]]",
        }
    }

    /// The `message.*` checks of `record`'s message held to this entry, made by the judge
    /// `batch check` uses for it ([`check::run`] or [`check::run_asn`], given the message and what the entry says and no other
    /// evidence), so that a message audit passes is one `batch check` passes too.
    fn message_checks(&self, record: &ContextRecord, now: DateTime<Utc>) -> Vec<Check> {
        let signed = Some(Signed::new(record.message().as_bytes(), record.signature()));
        self.report(signed, now)
            .checks
            .into_iter()
            .filter(|c| c.id.is_message())
            .collect()
    }

    /// Whether the entry's prefix (`prefix.public`) or ASN (`asn.public`) can be brought at
    /// all: that check of the same judge, with its rows, when it fails.
    fn not_public(&self, now: DateTime<Utc>) -> Option<Check> {
        self.report(None, now)
            .checks
            .into_iter()
            .find(|c| matches!(c.id, CheckId::PrefixPublic | CheckId::AsnPublic))
            .filter(|c| c.status == Status::Fail)
    }

    /// The judge's report on this entry with `signed` and no other evidence.
    fn report(&self, signed: Option<Signed<'_>>, now: DateTime<Utc>) -> Report {
        match *self {
            Expected::Prefix {
                cloud: Cloud::Aws,
                entry,
            } => {
                let mut inp = check::Inputs::for_cidr(entry.cidr.into(), entry.service, now);
                inp.advertise = entry.advertise;
                inp.govcloud = entry.govcloud;
                inp.network_border_group = entry.network_border_group.clone();
                inp.account = entry.account;
                inp.signed = signed;
                check::run(&inp)
            }
            Expected::Prefix { cloud, entry } => {
                // Azure's and Oracle's inputs are built as for EC2 (AWS's service does not
                // apply); Oracle's report has no message check, so nothing is kept of it.
                let mut inp =
                    check::Inputs::for_cidr(entry.cidr.into(), crate::service::Service::Ec2, now);
                inp.cloud = cloud;
                inp.govcloud = entry.govcloud;
                inp.region = entry.region.clone();
                inp.subscription = entry.subscription;
                inp.signed = signed;
                check::run(&inp)
            }
            Expected::Asn(e) => {
                let mut inp = check::AsnInputs::new(e.asn, now);
                inp.account = e.account;
                inp.signed = signed;
                check::run_asn(&inp)
            }
        }
    }
}

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
    /// What a signed context is expected for, matched to the contexts by the label their
    /// `context.<label>` checks have ([`Expected::label`], [`ContextRecord::label`]): each
    /// manifest `[[prefix]]` whose proof is a signed message, each `[[asn]]`. A context's
    /// message is held to its entry as `batch check` holds it (a mismatch fails the
    /// context's check, naming the `message.*` field; what could not be compared, such as
    /// an account the manifest does not name, leaves it out). One with no context among
    /// `contexts` is left out for want of it (the audit is not ready); a context for none
    /// of them warns that the manifest has no `[[prefix]]` for it ([`orphan_contexts`]).
    /// `None`: the contexts are not compared with a manifest.
    pub expected: Option<Vec<Expected<'a>>>,
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
            let c = b.not_run(CheckId::KeyLoad, format!("the key was not loaded: {why}"));
            c.hint = Some(
                "in CI, supply the key's passphrase from a secret so the key is checked too".into(),
            );
            c.remedy([Remedy::Give(Input::Passphrase)]);
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
            )
            .remedy([Remedy::Run(Step::MakeCertificate)]);
        }
        (_, Some(Err(e))) => {
            b.fail(
                CheckId::KeyCertMatch,
                format!("the certificate's key is unusable: {}", e.chain()),
                "make an RSA-2048 key and its certificate",
            )
            .remedy([
                Remedy::Run(Step::MakeKey),
                Remedy::Run(Step::MakeCertificate),
            ]);
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
    for (source, record) in &inp.contexts {
        let label = entry_label(record);
        let held = inp.expected.iter().flatten().find(|e| e.label() == label);
        let orphan = inp.expected.is_some() && held.is_none();
        context_check(
            &mut b,
            inp,
            source,
            record,
            verify_key.as_ref(),
            held,
            orphan,
        );
    }
    // What the manifest expects a context for and none was given: the message and its
    // signature, AWS's (or Azure's) proof, were not checked.
    let labels: Vec<String> = inp.contexts.iter().map(|(_, e)| entry_label(e)).collect();
    for want in inp.expected.iter().flatten() {
        let label = want.label();
        if labels.contains(&label) {
            continue;
        }
        let none = format!("no signed context {}", where_contexts(inp));
        // Space no cloud takes fails whether or not it was signed for.
        if let Some(p) = want.not_public(inp.now) {
            not_public(&mut b, CheckId::Context(label), &p, Some(none));
        } else {
            b.left_out(CheckId::Context(label), none);
        }
    }
    Report::new(inp.name.clone(), b.0)
}

/// Fails `id` because its entry's prefix or ASN cannot be brought (`public`, the
/// `prefix.public` or `asn.public` check that says so), citing that check's rows; `more`
/// is added to its details.
fn not_public(b: &mut Builder, id: CheckId, public: &Check, more: Option<String>) {
    let rows = public.rules().iter().filter_map(|r| crate::rules::get(r));
    let hint = public.hint.clone().unwrap_or_default();
    let mut cited = b.citing(rows);
    let c = cited.fail(id, format!("{}: {}", public.id, public.message), hint);
    c.details.extend(public.details.iter().cloned().chain(more));
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
        if !expected.iter().any(|x| x.label() == label) && !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// What a context for nothing in the manifest warns, and what to do: the manifest names
/// no `label`, and the context is in `file` (`byoip audit`'s and `batch check`'s words).
pub fn orphan_words(label: &str, file: &str) -> (String, String) {
    (
        format!("no [[prefix]] for this context: the manifest names no {label}"),
        format!("add a [[prefix]] for {label} to the manifest, or remove the context from {file}"),
    )
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

/// The `context.<label>` check of one entry. Its message is held to the manifest's entry
/// for it (`held`) by `batch check`'s judge: a field that fails fails the check, naming the
/// field; one that warns warns; one that could not be compared (the manifest names no
/// account) leaves the check out. An `orphan` (no `[[prefix]]` for it) that verifies and is
/// in date warns, saying so.
fn context_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    source: &str,
    entry: &ContextEntry,
    key: Option<&VerifyingKey>,
    held: Option<&Expected<'_>>,
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
    // A BYOASN context (its message names an ASN, its "cidr" is null) is named AS<n>.
    let cidr = record.label();
    let id = CheckId::Context(cidr.clone());
    // Space (or an ASN) no cloud takes: the context verifies for nothing.
    if let Some(p) = held.and_then(|e| e.not_public(inp.now)) {
        not_public(b, id, &p, None);
        return;
    }
    let judged = Judged::of(held, record, inp.now);
    let mut b = b.citing(judged.rows());
    if judged.message_is_not_the_entrys(&mut b, &id) {
        return;
    }
    let Some(key) = key else {
        // Its signature was not checked for want of the key to check it with.
        b.left_out(
            id,
            "no certificate or key to verify it with: name cert (or key) in the manifest",
        );
        return;
    };
    let Some(d) = verified_date(&mut b, &id, &cidr, record, key) else {
        return;
    };
    let context = Dated {
        id,
        cidr,
        source,
        d,
        orphan,
    };
    context.check(&mut b, inp, &judged);
}

/// A context's message held to its manifest entry as `batch check` holds it: the checks
/// that judge made, and the rows they applied, which the context's check cites.
struct Judged {
    /// The judge's `message.*` checks (none without an entry to hold the message to).
    checks: Vec<Check>,
    /// How the manifest names the entry: `[[prefix]]` or `[[asn]]`.
    table: &'static str,
    /// Whether there was an entry to hold it to.
    held: bool,
}

impl Judged {
    fn of(held: Option<&Expected<'_>>, record: &ContextRecord, now: DateTime<Utc>) -> Self {
        Judged {
            checks: held.map_or_else(Vec::new, |e| e.message_checks(record, now)),
            table: held.map_or("[[prefix]]", Expected::table),
            held: held.is_some(),
        }
    }

    /// The rows the judge applied.
    fn rows(&self) -> Vec<&'static crate::rules::Rule> {
        self.checks
            .iter()
            .flat_map(Check::rules)
            .filter_map(|r| crate::rules::get(r))
            .collect()
    }

    /// The checks of `status`.
    fn with(&self, status: Status) -> Vec<&Check> {
        self.checks.iter().filter(|c| c.status == status).collect()
    }

    /// The checks that could not compare what they hold the message to.
    fn unjudged(&self) -> Vec<&Check> {
        self.checks
            .iter()
            .filter(|c| c.is_left_out() || c.status == Status::NotRun)
            .collect()
    }

    /// Fails `id` when the message is not the one the manifest's entry calls for: the cloud
    /// would refuse it, whatever its signature and date. True when it did.
    fn message_is_not_the_entrys(&self, b: &mut Builder, id: &CheckId) -> bool {
        let failed = self.with(Status::Fail);
        let Some(first) = failed.first() else {
            return false;
        };
        let c = b.fail(
            id.clone(),
            format!("the message is not its {}'s: {}", self.table, named(first)),
            match &first.hint {
                Some(h) => format!("{h} (sign it again from the manifest in a batch)"),
                None => "sign it again from the manifest in a batch".into(),
            },
        );
        c.remedy(AGAIN);
        c.details = failed
            .iter()
            .skip(1)
            .map(|c| format!("also {}", named(c)))
            .collect();
        true
    }
}

/// A check as a detail line names it: `id: message`.
fn named(c: &&Check) -> String {
    format!("{}: {}", c.id, c.message)
}

/// The last day of `record`'s message, when its signature verifies under `key` and it
/// names a valid date; otherwise fails `id`, saying which, and gives none.
fn verified_date(
    b: &mut Builder,
    id: &CheckId,
    cidr: &str,
    record: &ContextRecord,
    key: &VerifyingKey,
) -> Option<ExpiryDate> {
    let message = record.message();
    let fields = crate::message::Fields::lenient(message);
    let v = signature::diagnose(
        fields.shape().cloud(),
        key,
        message.as_bytes(),
        record.signature(),
        &[],
    );
    if !v.valid {
        let (why, hint) = why_not(&v, "sign it again in a batch");
        b.fail(
            id.clone(),
            format!("the signed context for {cidr} does not verify: {why}"),
            hint,
        )
        .remedy(AGAIN);
        return None;
    }
    let d = fields.date().and_then(|d| d.parse::<ExpiryDate>().ok());
    if d.is_none() {
        b.fail(
            id.clone(),
            format!("the message for {cidr} has no valid date"),
            "sign it again in a batch",
        )
        .remedy(AGAIN);
    }
    d
}

/// What to do about a context that does not verify or expires too soon: sign the manifest
/// again.
const AGAIN: [Remedy; 1] = [Remedy::Run(Step::SignBatch)];

/// A context whose signature verifies, and the last day of its message.
struct Dated<'s> {
    id: CheckId,
    /// Its label: the prefix, or `AS<n>`.
    cidr: String,
    /// The file it came from.
    source: &'s str,
    d: ExpiryDate,
    /// No manifest entry is for it.
    orphan: bool,
}

impl Dated<'_> {
    /// Its check by date, then by how fully its message was held to its entry: under the
    /// fail limit fails; an orphan warns; not held in full is left out; in the warn window,
    /// or with a field the judge warned of, warns; else passes.
    fn check(self, b: &mut Builder, inp: &Inputs<'_>, judged: &Judged) {
        let Dated {
            id,
            cidr,
            source,
            d,
            orphan,
        } = self;
        let today = inp.now.date_naive();
        let left = crate::nouns::days(d.days_left(today));
        let (no_prefix, drop) = orphan_words(&cidr, source);
        // What the judge warned of, and what it could not compare.
        let warned = judged.with(Status::Warn);
        let unjudged = judged.unjudged();
        let severity = d.severity(today, inp.fail_days, inp.warn_days);
        if let Some(severity @ Severity::Error) = severity {
            let c = b.judged(
                id,
                severity,
                format!(
                    "the signed context for {cidr} expires {d}, in {left}: under the {}-day limit",
                    inp.fail_days
                ),
                "sign it again with a later date",
            );
            c.remedy(AGAIN);
            if orphan {
                c.details.push(no_prefix);
            }
            c.details.extend(
                warned
                    .iter()
                    .chain(&unjudged)
                    .map(|c| format!("also {}", named(c))),
            );
            return;
        }
        if orphan {
            match severity {
                Some(_) => b
                    .warn(
                        id,
                        format!("{no_prefix}; it expires {d}, in {left}"),
                        format!("{drop}; sign it again with a later date before it is used"),
                    )
                    .remedy(AGAIN),
                None => b.warn(
                    id,
                    format!("{no_prefix}; it verifies and expires {d}, in {left}"),
                    drop,
                ),
            };
            return;
        }
        let soon = format!("the signed context for {cidr} expires {d}, in {left}");
        let table = judged.table;
        if let Some(first) = unjudged.first() {
            // Not held to the manifest in full: not ready, as `batch check` is not.
            let c = b.left_out(
                id,
                format!(
                    "verifies and expires {d}, in {left}, but is not held to its {table} in full: {}",
                    named(first)
                ),
            );
            c.hint = Some(match first.id {
                CheckId::MessageAccount => format!(
                    "set account = \"…\" in the manifest (at the top or in this {table}) so the message's account is compared"
                ),
                CheckId::MessageSubscription => format!(
                    "set subscription = \"…\" in the manifest (at the top or in this {table}) so the message's subscription is compared"
                ),
                _ => format!("give the manifest's {table} what the message is compared with"),
            });
            c.details = unjudged
                .iter()
                .skip(1)
                .chain(&warned)
                .map(|c| format!("also {}", named(c)))
                .chain(severity.map(|_| soon))
                .collect();
            return;
        }
        match (severity, warned.first()) {
            (Some(severity), _) => {
                b.judged(
                    id,
                    severity,
                    soon,
                    "sign it again with a later date before it is used",
                )
                .remedy(AGAIN)
                .details = warned
                    .iter()
                    .map(|c| format!("also {}", named(c)))
                    .collect();
            }
            (None, Some(first)) => {
                b.warn(
                    id,
                    format!("verifies; expires {d}, in {left}; but {}", named(first)),
                    first
                        .hint
                        .clone()
                        .unwrap_or_else(|| "sign it again from the manifest in a batch".into()),
                )
                .remedy(AGAIN)
                .details = warned
                    .iter()
                    .skip(1)
                    .map(|c| format!("also {}", named(c)))
                    .collect();
            }
            (None, None) => {
                let c = b.pass(id, format!("verifies; expires {d}, in {left}"));
                if judged.held {
                    let ids: Vec<String> = judged
                        .with(Status::Pass)
                        .iter()
                        .map(|c| c.id.to_string())
                        .collect();
                    c.details.push(format!(
                        "held to its {table} in the manifest: {} pass",
                        ids.join(", ")
                    ));
                }
            }
        }
    }
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
        signed_context(None, "123456789012", cidr)
    }

    /// A context signed with the demo key whose message names `account` and `resource`
    /// (a CIDR or an ASN) and expires 2031-12-31, labelled `label` (its "cidr" field) when
    /// given.
    fn signed_context(
        label: Option<&str>,
        account: &str,
        resource: &str,
    ) -> (String, ContextEntry) {
        let key = SigningKey::from_bytes(
            include_bytes!("../../testdata/demo-key.pem"),
            crate::key::Passphrase::None,
        )
        .unwrap()
        .0;
        let message = format!("1|aws|{account}|{resource}|20311231|SHA256|RSAPSS");
        let signed = signature::sign(&key, &message.parse().unwrap()).unwrap();
        let mut json =
            serde_json::json!({"message": message, "signature": signed.signature.as_str()});
        if let Some(l) = label {
            json["cidr"] = l.into();
        }
        (
            "contexts.json".into(),
            Ok(serde_json::from_value(json).unwrap()),
        )
    }

    /// An AWS manifest (its `top` lines, then a `[[prefix]]` for each CIDR of `labels` and
    /// an `[[asn]]` for each `AS<n>`), messages expiring 2031-12-31.
    fn manifest(top: &str, labels: &[&str]) -> crate::manifest::Manifest {
        let mut text = format!("{top}\nexpires = \"20311231\"\n");
        for l in labels {
            match l.strip_prefix("AS") {
                Some(n) => text += &format!("[[asn]]\nasn = \"{n}\"\n"),
                None => text += &format!("[[prefix]]\ncidr = \"{l}\"\n"),
            }
        }
        crate::manifest::Manifest::parse(
            &text,
            std::path::Path::new("byoip.toml"),
            now().date_naive(),
        )
        .unwrap()
    }

    fn audit(contexts: Vec<(String, ContextEntry)>, expected: Option<&[&str]>) -> Report {
        audit_in("account = \"123456789012\"", contexts, expected)
    }

    /// [`audit`] against a manifest with the `top` lines.
    fn audit_in(
        top: &str,
        contexts: Vec<(String, ContextEntry)>,
        expected: Option<&[&str]>,
    ) -> Report {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        // A manifest names at least one entry: none expected, none read.
        let m = expected.filter(|e| !e.is_empty()).map(|e| manifest(top, e));
        let entries = m.iter().flat_map(|m| {
            m.prefixes
                .iter()
                .map(|entry| Expected::Prefix {
                    cloud: Cloud::Aws,
                    entry,
                })
                .chain(m.asns.iter().map(Expected::Asn))
        });
        let inputs = Inputs {
            name: "byoip.toml".into(),
            key: KeyState::Absent,
            certificate: Some(&cert),
            contexts,
            expected: expected.map(|_| entries.collect()),
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
            vec![context("192.198.0.0/24"), context("397979")],
            Some(&["192.198.0.0/24", "AS397979"]),
        );
        assert!(r.ready(), "{r:?}");
        assert_eq!(status(&r, "192.198.0.0/24"), (Status::Pass, false));
        assert_eq!(status(&r, "AS397979"), (Status::Pass, false));
    }

    /// The false READY a new user found: a context labelled for one prefix whose message
    /// names another, or another account, verified and passed. Held to its entry by
    /// `batch check`'s judge, it fails, naming the field.
    #[test]
    fn a_context_whose_message_is_not_its_entrys_fails_naming_the_field() {
        let check =
            |r: &Report, label: &str| r.get(&CheckId::Context(label.into())).unwrap().clone();
        let r = audit(
            vec![
                context("192.198.0.0/24"),
                signed_context(Some("192.198.1.0/24"), "123456789012", "192.198.0.0/24"),
                signed_context(None, "999999999999", "192.198.3.0/24"),
                signed_context(None, "999999999999", "397979"),
            ],
            Some(&[
                "192.198.0.0/24",
                "192.198.1.0/24",
                "192.198.3.0/24",
                "AS397979",
            ]),
        );
        assert!(!r.ok(), "{r:?}");
        assert_eq!(status(&r, "192.198.0.0/24"), (Status::Pass, false));
        let c = check(&r, "192.198.0.0/24");
        assert_eq!(
            c.details,
            [
                "held to its [[prefix]] in the manifest: message.format, message.cidr, message.account, message.expiry pass"
            ]
        );
        assert!(c.rules().contains(&"aws.message.format"), "{c:?}");
        let c = check(&r, "192.198.1.0/24");
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(
            c.message.starts_with("the message is not its [[prefix]]'s: message.cidr: the message says \"192.198.0.0/24\""),
            "{c:?}"
        );
        assert!(
            c.hint.as_deref().unwrap().contains("sign it again"),
            "{c:?}"
        );
        assert_eq!(c.remedies(), AGAIN, "{c:?}");
        for label in ["192.198.3.0/24", "AS397979"] {
            let c = check(&r, label);
            assert_eq!(c.status, Status::Fail, "{c:?}");
            assert!(
                c.message.contains("message.account: the message names account 999999999999, the account given is 123456789012"),
                "{c:?}"
            );
        }
        assert!(check(&r, "AS397979").message.contains("its [[asn]]'s"));
        // Two fields wrong: the first named, the other in the details.
        let r = audit(
            vec![signed_context(
                Some("192.198.1.0/24"),
                "999999999999",
                "192.198.0.0/24",
            )],
            Some(&["192.198.1.0/24"]),
        );
        let c = check(&r, "192.198.1.0/24");
        assert_eq!(c.status, Status::Fail);
        assert!(c.message.contains("message.cidr"), "{c:?}");
        assert!(
            c.details
                .iter()
                .any(|d| d.starts_with("also message.account")),
            "{c:?}"
        );
        // Not compared with a manifest: nothing to hold it to.
        let r = audit(
            vec![signed_context(
                Some("192.198.1.0/24"),
                "999999999999",
                "192.198.0.0/24",
            )],
            None,
        );
        assert_eq!(status(&r, "192.198.1.0/24"), (Status::Pass, false));
    }

    /// A manifest that names no account cannot hold the message's account: the context is
    /// left out (not ready), as `batch check` leaves `message.account` out.
    /// The false READY a new user found: docs/batch.md's example manifest (documentation
    /// space and a documentation ASN) signed with a real key passed the audit, though no
    /// cloud takes the space. Each entry is judged by `check`'s `prefix.public` and
    /// `asn.public`, with or without its context.
    #[test]
    fn documentation_space_and_asns_fail_as_check_fails_them() {
        let check =
            |r: &Report, label: &str| r.get(&CheckId::Context(label.into())).unwrap().clone();
        let r = audit(
            vec![context("198.51.100.0/24"), context("64496")],
            Some(&["198.51.100.0/24", "2001:db8:1200::/48", "AS64496"]),
        );
        assert!(!r.ok() && !r.ready(), "{r:?}");
        let c = check(&r, "198.51.100.0/24");
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert_eq!(
            c.message,
            "prefix.public: 198.51.100.0/24 is documentation space TEST-NET-2 (198.51.100.0/24 RFC 5737): it is an example address block, not one anyone can bring"
        );
        assert_eq!(
            c.hint.as_deref(),
            Some("use your own prefix; 198.51.100.0/24 and 2001:db8::/32 appear in examples only")
        );
        // Not signed for: it fails all the same, and says the context is missing too.
        let c = check(&r, "2001:db8:1200::/48");
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(
            c.message
                .starts_with("prefix.public: 2001:db8:1200::/48 is documentation space"),
            "{}",
            c.message
        );
        assert_eq!(c.details, ["no signed context in contexts.json"]);
        let c = check(&r, "AS64496");
        assert_eq!(c.status, Status::Fail, "{c:?}");
        assert!(c.message.starts_with("asn.public: "), "{}", c.message);
        // The ASN's check cites its rows, as check's does.
        assert!(!c.rules().is_empty(), "{c:?}");
        // Public space and ASNs beside them are judged as before.
        let r = audit(
            vec![context("192.198.0.0/24"), context("198.51.100.0/24")],
            Some(&["192.198.0.0/24", "198.51.100.0/24"]),
        );
        assert_eq!(status(&r, "192.198.0.0/24"), (Status::Pass, false));
        assert_eq!(status(&r, "198.51.100.0/24"), (Status::Fail, false));
    }

    #[test]
    fn a_context_whose_account_the_manifest_does_not_name_is_left_out() {
        let r = audit_in(
            "",
            vec![context("192.198.0.0/24")],
            Some(&["192.198.0.0/24"]),
        );
        assert_eq!(status(&r, "192.198.0.0/24"), (Status::Skip, true));
        let c = r.get(&CheckId::Context("192.198.0.0/24".into())).unwrap();
        assert!(c.message.contains("message.account"), "{c:?}");
        assert!(
            c.hint.as_deref().unwrap().starts_with("set account = "),
            "{c:?}"
        );
        assert!(r.ok() && !r.ready(), "{r:?}");
    }

    #[test]
    fn a_prefix_without_its_context_is_left_out_naming_the_file() {
        let r = audit(
            vec![context("192.198.0.0/24")],
            Some(&["192.198.0.0/24", "192.198.1.0/24"]),
        );
        assert!(r.ok() && !r.ready(), "{r:?}");
        assert_eq!(status(&r, "192.198.1.0/24"), (Status::Skip, true));
        let c = r.get(&CheckId::Context("192.198.1.0/24".into())).unwrap();
        assert_eq!(c.message, "no signed context in contexts.json");
        // No contexts file at all: said so instead of a file name.
        let r = audit(Vec::new(), Some(&["192.198.0.0/24"]));
        let c = r.get(&CheckId::Context("192.198.0.0/24".into())).unwrap();
        assert!(
            c.is_left_out() && c.message.contains("no contexts file was given"),
            "{c:?}"
        );
        // Not compared with a manifest: nothing is expected, nothing left out.
        let r = audit(vec![context("192.198.0.0/24")], None);
        assert!(r.ready(), "{r:?}");
    }

    #[test]
    fn a_context_for_no_prefix_warns_and_is_no_failure() {
        let r = audit(
            vec![context("192.198.0.0/24"), context("192.198.3.0/24")],
            Some(&["192.198.0.0/24"]),
        );
        assert_eq!(status(&r, "192.198.3.0/24"), (Status::Warn, false));
        let c = r.get(&CheckId::Context("192.198.3.0/24".into())).unwrap();
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
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let r = run(
            &Inputs {
                name: "byoip.toml".into(),
                key: KeyState::Absent,
                certificate: Some(&cert),
                contexts: vec![context("192.198.3.0/24")],
                expected: Some(Vec::new()),
                fail_days: 400,
                warn_days: 500,
                now: now(),
            },
            Vec::new(),
        );
        let c = r.get(&CheckId::Context("192.198.3.0/24".into())).unwrap();
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
            contexts: vec![context("192.198.0.0/24")],
            expected: None,
            fail_days: 7,
            warn_days: 30,
            now: now(),
        };
        let r = run(&inputs, Vec::new());
        assert_eq!(status(&r, "192.198.0.0/24"), (Status::Skip, true));
        assert!(!r.ready());
    }
}
