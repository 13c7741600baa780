//! The prerequisite report: every check AWS will make, run before AWS makes it.
//!
//! The checklist of what AWS checks (the rules and their public sources: docs/rules.md); each
//! item here has a stable id (README "Check ids"),
//! a status, a one-line message and, on warn/fail, what to do. Evidence is gathered
//! elsewhere (RDAP by [`crate::rdap`], ROAs by [`crate::roa`]); this module only judges it,
//! so every verdict is tested without a network.
//!
//! A check is never passed on evidence nobody looked at. Evidence that was needed but not
//! gathered (no saved record given, a network failure) makes its checks [`Status::NotRun`],
//! and a report with any of them is not [`Report::complete`], so never `ok`. Checks left
//! out by rule (a ROA for a range that is not advertised) or by the caller's choice
//! (local checks only) are [`Status::Skip`].

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

mod asn;

pub use asn::{ASN_CHECK_IDS, AsnInputs, AutnumEvidence, run_asn};

use crate::{
    account::AccountId,
    certificate::Certificate,
    date::ExpiryDate,
    key::VerifyingKey,
    lint::{LintOptions, Severity, lint},
    prefix::{Prefix, Service},
    rdap::{
        Placement, Record, Registry,
        certs::{FoundCertificate, certificates},
        registry::{TypeVerdict, identify, placement},
    },
    roa::{Origin, RoaState, required_asns},
    signature,
};

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Meets the rule.
    Pass,
    /// Not what AWS documents, or unconfirmed: may work, may not.
    Warn,
    /// AWS will refuse this.
    Fail,
    /// Does not apply, by rule or by the caller's choice (the message says which).
    Skip,
    /// Needed, but its evidence was not given or could not be fetched (the message says
    /// why): the report is incomplete.
    #[serde(rename = "not-run")]
    NotRun,
}

impl Status {
    /// The stable name used in reports: `pass`, `warn`, `fail`, `skip`, `not-run`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
            Status::NotRun => "not-run",
        }
    }
}

/// One check's result.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    /// Stable id, e.g. `rdap.certificate`.
    pub id: String,
    /// Outcome.
    pub status: Status,
    /// What was found, in one line.
    pub message: String,
    /// What to do (warn and fail; `null` otherwise, the field is always present).
    pub hint: Option<String>,
    /// Supporting facts: matched VRPs, certificates found, other places (always present).
    pub details: Vec<String>,
}

impl Check {
    /// A check with no details.
    pub fn new(id: &str, status: Status, message: impl Into<String>, hint: Option<String>) -> Self {
        Check {
            id: id.to_string(),
            status,
            message: message.into(),
            hint,
            details: Vec::new(),
        }
    }
}

/// The whole report for one prefix.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The prefix checked, as given (`null` in JSON when empty: a BYOASN report without
    /// a prefix).
    #[serde(serialize_with = "empty_as_null")]
    pub cidr: String,
    /// The ASN checked (a BYOASN report), else `None`.
    pub asn: Option<crate::asn::Asn>,
    /// True when no check failed and every check ran ([`Report::complete`]).
    pub ok: bool,
    /// True when no check is [`Status::NotRun`].
    pub complete: bool,
    /// The checks, in a fixed order.
    pub checks: Vec<Check>,
}

impl Report {
    /// A report over `checks`, with its verdicts derived from them.
    pub fn new(cidr: impl Into<String>, checks: Vec<Check>) -> Self {
        let complete = checks.iter().all(|c| c.status != Status::NotRun);
        let ok = complete && checks.iter().all(|c| c.status != Status::Fail);
        Report {
            cidr: cidr.into(),
            asn: None,
            ok,
            complete,
            checks,
        }
    }

    /// How many checks came out as `status`.
    pub fn count(&self, status: Status) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }

    /// The check with `id`.
    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

fn empty_as_null<S: serde::Serializer>(s: &str, ser: S) -> Result<S::Ok, S::Error> {
    if s.is_empty() {
        ser.serialize_none()
    } else {
        ser.serialize_str(s)
    }
}

/// A message and signature to check as AWS will.
#[derive(Clone, Copy, Debug)]
pub struct Signed<'a> {
    /// The message's exact bytes.
    pub message: &'a [u8],
    /// The signature text.
    pub signature: &'a str,
}

/// What RDAP said, or why it was not asked.
#[derive(Clone, Debug)]
pub enum RdapEvidence {
    /// Left out by the caller's choice (local checks only); the reason becomes the
    /// `skip` message.
    NotAsked(String),
    /// Needed but not gathered: no saved record was given offline, or fetching failed.
    /// The reason becomes the `not-run` message.
    Unavailable(String),
    /// The registry has no record (HTTP 404 from `url`).
    NotFound {
        /// The URL asked.
        url: String,
    },
    /// The record for the prefix, and ancestors fetched while looking for a certificate.
    Found {
        /// The most specific record.
        record: Arc<Record>,
        /// Its ancestors, nearest first.
        ancestors: Vec<Arc<Record>>,
    },
}

/// ROA evidence, or why there is none.
#[derive(Clone, Debug)]
pub enum RoaEvidence {
    /// Left out by the caller's choice (local checks only); the reason becomes the
    /// `skip` message.
    NotAsked(String),
    /// Needed but not gathered: no source offline, or the validator failed. The reason
    /// becomes the `not-run` message.
    Unavailable(String),
    /// One answer per ASN asked.
    Origins(Vec<Origin>),
}

/// How AWS is to verify control of the prefix: `provision-ipam-pool-cidr
/// --verification-method` (EC2 API reference, ProvisionIpamPoolCidr).
#[derive(Clone, Debug, Default)]
pub enum Verification {
    /// The signed message and the certificate in the registry record (EC2, IPAM, Global
    /// Accelerator).
    #[default]
    RemarksX509,
    /// TXT records in the prefix's reverse DNS (IPAM only; VPC IPAM user guide, "Verify
    /// domain control"): the certificate, key, message and signature checks do not apply,
    /// any registry will do, and `dns.delegation` and `dns.record` judge the DNS answers.
    DnsToken(DnsEvidence),
}

impl Verification {
    /// AWS's name for the method: `remarks-x509` or `dns-token`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verification::RemarksX509 => "remarks-x509",
            Verification::DnsToken(_) => "dns-token",
        }
    }
}

/// What the DNS said about the planned dns-token records, or why it was not asked.
#[derive(Clone, Debug)]
pub enum DnsEvidence {
    /// Left out by the caller's choice (local checks only); the reason becomes the `skip`
    /// message.
    NotAsked(String),
    /// Needed but not gathered (offline); the reason becomes the `not-run` message.
    Unavailable(String),
    /// One result per planned name ([`crate::dnstoken::judge`]).
    Names(Vec<crate::dnstoken::NameCheck>),
}

/// Everything the report judges.
#[derive(Clone, Debug)]
pub struct Inputs<'a> {
    /// `--cidr` exactly as given.
    pub cidr: &'a str,
    /// The prefix it denotes (host bits cleared).
    pub prefix: Prefix,
    /// Where it will be provisioned.
    pub service: Service,
    /// Publicly advertised (only IPv6 can opt out).
    pub advertise: bool,
    /// AWS GovCloud (US): AS8987 instead of 16509/14618.
    pub govcloud: bool,
    /// The AWS account that will provision it.
    pub account: Option<AccountId>,
    /// The user's certificate.
    pub certificate: Option<&'a Certificate>,
    /// The user's key (public half).
    pub key: Option<&'a VerifyingKey>,
    /// A message and signature.
    pub signed: Option<Signed<'a>>,
    /// RDAP evidence.
    pub rdap: RdapEvidence,
    /// ROA evidence.
    pub roa: RoaEvidence,
    /// How control of the prefix is proven, with the DNS evidence for `dns-token`.
    pub verification: Verification,
    /// The clock.
    pub now: DateTime<Utc>,
}

/// The stable check ids in report order; `roa.as<N>` follow for each required ASN.
pub const CHECK_IDS: &[&str] = &[
    "prefix.canonical",
    "prefix.size",
    "prefix.public",
    "message.format",
    "message.cidr",
    "message.account",
    "message.expiry",
    "signature.local",
    "key.cert-match",
    "cert.validity",
    "cert.key-size",
    "cert.self-signed",
    "rdap.registry",
    "rdap.record",
    "rdap.allocation-type",
    "rdap.certificate",
    "rdap.signature",
];

/// The ids `dns-token` verification adds after the `rdap.*` checks.
pub const DNS_CHECK_IDS: &[&str] = &["dns.delegation", "dns.record"];

/// Why a certificate-method check is skipped under `dns-token`.
const NOT_FOR_DNS_TOKEN: &str =
    "does not apply: dns-token verification uses no certificate, key, message or signature";

/// Collects checks in order (shared with [`crate::audit`]).
pub(crate) struct Builder(pub(crate) Vec<Check>);

impl Builder {
    pub(crate) fn add(
        &mut self,
        id: &str,
        status: Status,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> &mut Check {
        self.0.push(Check::new(id, status, message, hint));
        let last = self.0.len() - 1;
        &mut self.0[last]
    }
    pub(crate) fn pass(&mut self, id: &str, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::Pass, message, None)
    }
    pub(crate) fn warn(
        &mut self,
        id: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> &mut Check {
        self.add(id, Status::Warn, message, Some(hint.into()))
    }
    pub(crate) fn fail(
        &mut self,
        id: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> &mut Check {
        self.add(id, Status::Fail, message, Some(hint.into()))
    }
    pub(crate) fn skip(&mut self, id: &str, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::Skip, message, None)
    }
    pub(crate) fn not_run(&mut self, id: &str, message: impl Into<String>) -> &mut Check {
        self.add(id, Status::NotRun, message, None)
    }
}

/// A certificate found in RDAP that AWS may read: where, on which record, and whether
/// it sits where AWS says.
struct RdapCert<'r> {
    record: &'r Record,
    ancestor: bool,
    found: FoundCertificate,
    placement: Placement,
}

/// A certificate from RDAP that parsed, with its key and the signature's verdict under it.
struct Parsed<'c, 'r> {
    rc: &'c RdapCert<'r>,
    cert: &'c Certificate,
    key: Result<VerifyingKey, crate::error::Error>,
    /// The given signature verifies under `key`, and the certificate is where AWS reads.
    verifies: bool,
}

impl RdapCert<'_> {
    fn readable(&self) -> bool {
        !matches!(self.placement, Placement::Wrong(_))
    }
    fn whereabouts(&self) -> String {
        format!("{} of {}", self.found.place, self.record.network.describe())
    }
}

/// Runs every check.
pub fn run(inp: &Inputs<'_>) -> Report {
    let mut b = Builder(Vec::new());
    let window = inp.service.provisioning_days();
    let service_name = match inp.service {
        Service::Ec2 => "EC2",
        Service::Ipam => "IPAM",
        Service::Ga => "Global Accelerator",
    };
    let user_keys = user_keys(inp.certificate, inp.key);

    let dns_token = matches!(inp.verification, Verification::DnsToken(_));

    prefix_checks(&mut b, inp);
    if dns_token {
        for id in [
            "message.format",
            "message.cidr",
            "message.account",
            "message.expiry",
        ] {
            b.skip(id, NOT_FOR_DNS_TOKEN);
        }
    } else {
        message_checks(&mut b, inp, window, service_name);
    }

    // Local signature: the user's own key, independent of RDAP.
    if dns_token {
        b.skip("signature.local", NOT_FOR_DNS_TOKEN);
    } else {
        local_signature_check(&mut b, inp.signed, &user_keys);
    }

    // RDAP certificates, judged by place.
    let (record, ancestors, registry) = match &inp.rdap {
        RdapEvidence::Found { record, ancestors } => {
            let id = identify(
                &record.network,
                record.fetched.then_some(record.source.as_str()),
            );
            (Some(record.clone()), ancestors.clone(), Some(id))
        }
        _ => (None, Vec::new(), None),
    };
    let reg = registry.as_ref().and_then(|r| r.registry);
    let rdap_certs: Vec<RdapCert<'_>> = record
        .iter()
        .map(|r| (r.as_ref(), false))
        .chain(ancestors.iter().map(|r| (r.as_ref(), true)))
        .flat_map(|(rec, ancestor)| {
            certificates(&rec.network)
                .into_iter()
                .map(move |found| RdapCert {
                    record: rec,
                    ancestor,
                    placement: placement(reg, &found.place),
                    found,
                })
        })
        .collect();
    // Each readable certificate's key, parsed once, and whether the signature verifies
    // under it (AWS's own check), computed once.
    let parsed: Vec<Parsed<'_, '_>> = rdap_certs
        .iter()
        .filter_map(|rc| {
            let cert = rc.found.certificate.as_ref().ok()?;
            let key = cert.public_key();
            let verifies = match (inp.signed, &key) {
                (Some(s), Ok(k)) if rc.readable() => {
                    signature::verify(k, s.message, s.signature, &[]).valid
                }
                _ => false,
            };
            Some(Parsed {
                rc,
                cert,
                key,
                verifies,
            })
        })
        .collect();

    // key.cert-match
    let matching = parsed
        .iter()
        .find(|p| p.key.as_ref().is_ok_and(|k| user_keys.contains(k)));
    if dns_token {
        b.skip("key.cert-match", NOT_FOR_DNS_TOKEN);
    } else {
        let published: Vec<(String, Result<&VerifyingKey, String>)> = parsed
            .iter()
            .map(|p| {
                (
                    p.rc.whereabouts(),
                    p.key.as_ref().map_err(ToString::to_string),
                )
            })
            .collect();
        let absent = match &inp.rdap {
            RdapEvidence::Unavailable(why) => Absent::NotGathered(why),
            RdapEvidence::NotAsked(why) => Absent::NotAsked(why),
            _ => Absent::NoneFound,
        };
        key_cert_match(&mut b, &user_keys, &published, &absent);
    }

    // The certificate AWS will use: the RDAP one holding the user's key, else one that
    // verifies the signature, else the first readable one, else the user's own.
    let chosen: Option<(String, &Certificate)> = matching
        .or_else(|| parsed.iter().find(|p| p.verifies))
        .or_else(|| parsed.iter().find(|p| p.rc.readable()))
        .map(|p| {
            (
                format!("the RDAP certificate on {}", p.rc.record.network.describe()),
                p.cert,
            )
        })
        .or_else(|| inp.certificate.map(|c| ("your certificate".to_string(), c)));
    let why = format!("the {window} days {service_name} provisioning can take");
    if dns_token {
        for id in ["cert.validity", "cert.key-size", "cert.self-signed"] {
            b.skip(id, NOT_FOR_DNS_TOKEN);
        }
    } else {
        cert_checks(
            &mut b,
            chosen,
            inp.now,
            &Horizon {
                fail_days: 0,
                warn_days: window,
                why: &why,
            },
        );
    }

    // rdap.registry, rdap.record, rdap.allocation-type
    match (&inp.rdap, &record, &registry) {
        (RdapEvidence::NotAsked(why), _, _) => {
            for id in RDAP_IDS {
                b.skip(id, why.clone());
            }
        }
        (RdapEvidence::Unavailable(why), _, _) => {
            for id in RDAP_IDS {
                b.not_run(id, why.clone());
            }
        }
        (RdapEvidence::NotFound { url }, _, _) => {
            b.skip("rdap.registry", "no record to identify the registry from");
            b.fail(
                "rdap.record",
                format!("the registry has no record for {} (HTTP 404 from {url})", inp.prefix),
                "check the prefix; a registry answers only for space it manages (transferred space may still point at the old registry)",
            );
            b.skip("rdap.allocation-type", "no record");
            if dns_token {
                b.skip("rdap.certificate", NOT_FOR_DNS_TOKEN);
            } else {
                b.fail(
                    "rdap.certificate",
                    "no record, so no certificate: AWS reports \"No X509 certificate could be found in the Whois remarks\"",
                    "register the prefix at ARIN, RIPE NCC or APNIC and publish the certificate on its record",
                );
            }
            b.skip("rdap.signature", "no record");
        }
        (RdapEvidence::Found { .. }, Some(rec), Some(id)) => {
            if dns_token {
                dns_token_registry_check(&mut b, id);
            } else {
                registry_check(&mut b, id);
            }
            let net = &rec.network;
            if let Some(why) = crate::rdap::registry::stub_reason(net) {
                b.fail(
                    "rdap.record",
                    format!("{} is this registry's placeholder for space another registry manages ({why:?})", net.describe()),
                    "ask the registry that holds the prefix (--rdap-url); after an inter-RIR transfer the bootstrap may still name the old one",
                );
            } else if net.covers(inp.prefix.net()) {
                b.pass(
                    "rdap.record",
                    format!("{} covers {} ({})", net.describe(), inp.prefix, rec.source),
                );
            } else if net.overlaps(inp.prefix.net()) {
                b.fail(
                    "rdap.record",
                    format!("the record {} does not cover all of {}: the prefix spans more than one record", net.describe(), inp.prefix),
                    "bring prefixes that lie within one registry record (split the prefix)",
                );
            } else {
                b.fail(
                    "rdap.record",
                    format!("the record {} is not for {} at all: it holds none of its addresses ({})", net.describe(), inp.prefix, rec.source),
                    "give the RDAP answer for this prefix (a saved file for another prefix, or a server that answered for other space)",
                );
            }
            allocation_check(&mut b, reg, net.kind.as_deref(), inp.prefix.is_ipv4());
            if dns_token {
                b.skip("rdap.certificate", NOT_FOR_DNS_TOKEN);
                b.skip("rdap.signature", NOT_FOR_DNS_TOKEN);
            } else {
                certificate_check(&mut b, &rdap_certs, rec, reg);
                let published: Vec<Published<'_>> = parsed
                    .iter()
                    .map(|p| Published {
                        whereabouts: p.rc.whereabouts(),
                        readable: p.rc.readable(),
                        key: p.key.as_ref().ok(),
                        verifies: p.verifies,
                    })
                    .collect();
                rdap_signature_check(&mut b, inp.signed, &published, &user_keys);
            }
        }
        _ => {}
    }

    if let Verification::DnsToken(dns) = &inp.verification {
        dns_checks(&mut b, dns);
    }
    roa_checks(&mut b, inp);
    Report::new(inp.cidr, b.0)
}

/// The user's keys: the certificate's, then `--key`'s.
fn user_keys(cert: Option<&Certificate>, key: Option<&VerifyingKey>) -> Vec<VerifyingKey> {
    cert.and_then(|c| c.public_key().ok())
        .into_iter()
        .chain(key.cloned())
        .collect()
}

/// `signature.local`: the message and signature under the user's own key, independent of
/// any registry.
fn local_signature_check(b: &mut Builder, signed: Option<Signed<'_>>, user_keys: &[VerifyingKey]) {
    match (signed, user_keys.first()) {
        (None, _) => {
            b.skip(
                "signature.local",
                "no message and signature given (--message/--signature or --context)",
            );
        }
        (Some(_), None) => {
            b.skip(
                "signature.local",
                "no certificate or key given to verify with",
            );
        }
        (Some(s), Some(k)) => {
            let others: Vec<&VerifyingKey> = user_keys.iter().skip(1).collect();
            let v = signature::verify(k, s.message, s.signature, &others);
            if v.valid {
                b.pass(
                    "signature.local",
                    "the signature verifies with your key (RSASSA-PSS, SHA-256, salt 32)",
                );
            } else {
                let (why, hint) = first_diagnosis(&v);
                b.fail(
                    "signature.local",
                    format!("the signature does not verify with your key: {why}"),
                    hint,
                );
            }
        }
    }
}

/// Why no registry record holds a certificate to compare with, for `key.cert-match`.
enum Absent<'a> {
    /// Needed, not gathered: `not-run`.
    NotGathered(&'a str),
    /// Not consulted by choice: `skip`.
    NotAsked(&'a str),
    /// Looked at, none found: `skip`.
    NoneFound,
}

/// `key.cert-match`: one of the `published` certificates (where, and its key or why it has
/// none) holds the user's key, and `--key` matches `--cert`.
fn key_cert_match(
    b: &mut Builder,
    user_keys: &[VerifyingKey],
    published: &[(String, Result<&VerifyingKey, String>)],
    absent: &Absent<'_>,
) {
    let id = "key.cert-match";
    let fps: Vec<String> = user_keys
        .iter()
        .map(|k| k.fingerprint().to_string())
        .collect();
    let matching = published
        .iter()
        .find(|(_, k)| k.as_ref().is_ok_and(|k| user_keys.contains(k)));
    if user_keys.len() == 2 && user_keys[0] != user_keys[1] {
        b.fail(
            id,
            format!("--key ({}) is not the key of --cert ({})", fps[1], fps[0]),
            "sign with the key whose certificate you publish; `byoip inspect FILE` shows each fingerprint",
        );
    } else if fps.is_empty() {
        b.skip(id, "no --cert or --key given");
    } else if let Some((place, _)) = matching {
        b.pass(
            id,
            format!(
                "the certificate in the {place} holds your key {}…",
                fps[0].get(..16).unwrap_or(&fps[0])
            ),
        );
    } else if !published.is_empty() {
        let c = b.fail(
            id,
            format!("no certificate in RDAP holds your key {}", fps[0]),
            "publish the certificate of the key you sign with (`byoip cert --key KEY --out cert.pem`), or sign with the key whose certificate is published",
        );
        for (place, key) in published {
            let fp = match key {
                Ok(k) => k.fingerprint().to_string(),
                Err(e) => e.clone(),
            };
            c.details.push(format!("RDAP {place}: key {fp}"));
        }
    } else {
        // Your key and certificate agreeing is half the check: the other half is the
        // certificate AWS reads, in the registry.
        let same = if fps.len() == 2 {
            format!(
                "your key and certificate hold the same key {}, but ",
                fps[0]
            )
        } else {
            String::new()
        };
        match absent {
            Absent::NotGathered(why) => {
                b.not_run(
                    id,
                    format!("{same}no RDAP record to compare your key with: {why}"),
                );
            }
            _ if fps.len() == 2 => {
                b.pass(
                    id,
                    format!(
                        "your key and certificate hold the same key {} (no certificate in RDAP to compare)",
                        fps[0]
                    ),
                );
            }
            Absent::NotAsked(why) => {
                b.skip(id, format!("RDAP not consulted ({why})"));
            }
            Absent::NoneFound => {
                b.skip(id, "no certificate found in RDAP to compare your key with");
            }
        }
    }
}

/// `message.account`: the message's account (field 3) is valid and `--account`.
fn account_check(
    b: &mut Builder,
    in_message: Option<&str>,
    account: Option<&AccountId>,
    finding: Option<&crate::lint::Finding>,
) {
    match (in_message, account, finding) {
        (_, _, Some(f)) => {
            b.fail("message.account", f.message.clone(), f.hint.clone());
        }
        (Some(m), Some(a), None) if m == a.as_str() => {
            b.pass(
                "message.account",
                format!("the message names account {a}, as --account"),
            );
        }
        (Some(m), Some(a), None) => {
            b.fail(
                "message.account",
                format!("the message names account {m}, --account is {a}"),
                "sign a message naming the account that calls provision (aws sts get-caller-identity)",
            );
        }
        _ => {
            b.skip(
                "message.account",
                "give --account to compare it with the message",
            );
        }
    }
}

/// The checks that judge the RDAP record.
const RDAP_IDS: [&str; 5] = [
    "rdap.registry",
    "rdap.record",
    "rdap.allocation-type",
    "rdap.certificate",
    "rdap.signature",
];

fn prefix_checks(b: &mut Builder, inp: &Inputs<'_>) {
    let p = inp.prefix;
    match Prefix::parse_lenient(inp.cidr) {
        Ok(parsed) if !parsed.rewritten => {
            b.pass(
                "prefix.canonical",
                format!("{p} is written canonically, host bits zero"),
            );
        }
        Ok(_) => {
            b.warn(
                "prefix.canonical",
                format!("{:?} is {p} written another way", inp.cidr),
                format!("write it as {p}: AWS compares the message's CIDR as text"),
            );
        }
        Err(_) => {
            b.fail(
                "prefix.canonical",
                format!("{:?} has host bits set; the prefix is {p}", inp.cidr),
                format!("use {p}"),
            );
        }
    }
    match p.size_finding(inp.service, inp.advertise) {
        Some(f) if f.severity == Severity::Error => {
            b.fail("prefix.size", f.message, f.hint);
        }
        Some(f) => {
            b.warn("prefix.size", f.message, f.hint);
        }
        None => {
            b.pass(
                "prefix.size",
                format!("a /{} is accepted by {}", p.prefix_len(), inp.service),
            );
        }
    }
    match p.special_purpose() {
        Some(s) if s.documentation => {
            b.fail(
                "prefix.public",
                format!(
                    "{p} is {} ({} {}): it is an example address block, not one anyone can bring",
                    s.name, s.block, s.rfc
                ),
                "use your own prefix; 198.51.100.0/24 and 2001:db8::/32 appear in examples only",
            );
        }
        Some(s) => {
            b.fail(
                "prefix.public",
                format!(
                    "{p} is {} ({} {}), which no registry delegates",
                    s.name, s.block, s.rfc
                ),
                "bring public address space registered to your organization",
            );
        }
        None => {
            b.pass(
                "prefix.public",
                format!("{p} is not special-purpose space (RFC 6890)"),
            );
        }
    }
}

fn message_checks(b: &mut Builder, inp: &Inputs<'_>, window: i64, service: &str) {
    let Some(s) = inp.signed else {
        for id in [
            "message.format",
            "message.cidr",
            "message.account",
            "message.expiry",
        ] {
            b.skip(
                id,
                "no message given (--message with --signature, or --context)",
            );
        }
        return;
    };
    let today = inp.now.date_naive();
    let findings = lint(
        s.message,
        &LintOptions {
            today,
            service: inp.service,
            advertise: inp.advertise,
        },
    );
    let of = |ids: &[&str]| {
        findings
            .iter()
            .filter(|f| ids.contains(&f.id))
            .collect::<Vec<_>>()
    };
    let fmt = of(&["message.format", "message.ascii", "message.whitespace"]);
    match fmt
        .iter()
        .find(|f| f.severity == Severity::Error)
        .or(fmt.first())
    {
        Some(f) if f.severity == Severity::Error => {
            b.fail("message.format", f.message.clone(), f.hint.clone());
        }
        Some(f) => {
            b.warn("message.format", f.message.clone(), f.hint.clone());
        }
        None => {
            b.pass(
                "message.format",
                "1|aws|ACCOUNT|CIDR|YYYYMMDD|SHA256|RSAPSS, exact bytes, no whitespace",
            );
        }
    }
    let text = String::from_utf8_lossy(s.message);
    let fields: Vec<&str> = text.split('|').collect();
    match fields.get(3) {
        Some(c) if *c == inp.cidr => {
            b.pass(
                "message.cidr",
                format!("the message's CIDR is {c}, as --cidr"),
            );
        }
        Some(c) => {
            b.fail(
                "message.cidr",
                format!("the message says {c:?}, --cidr says {:?}: AWS rebuilds the message from the CIDR it is asked to provision", inp.cidr),
                "sign a message for exactly the CIDR you provision (`byoip sign --cidr …`)",
            );
        }
        None => {
            b.fail(
                "message.cidr",
                "the message has no CIDR field",
                "build the message with `byoip message`",
            );
        }
    }
    account_check(
        b,
        fields.get(2).copied(),
        inp.account.as_ref(),
        of(&["message.account"]).first().copied(),
    );
    match fields.get(4).and_then(|d| d.parse::<ExpiryDate>().ok()) {
        Some(d) => {
            let left = d.days_left(today);
            if left < 0 {
                b.fail(
                    "message.expiry",
                    format!(
                        "the message expired on {d} ({} ago)",
                        crate::text::days(-left)
                    ),
                    "sign a new message with a later date (`byoip sign --expires +30d`)",
                );
            } else if left < window {
                b.warn(
                    "message.expiry",
                    format!("the message expires on {d}, in {}: {service} provisioning can take up to {window} days", crate::text::days(left)),
                    "sign a new message that expires after provisioning can finish",
                );
            } else {
                b.pass(
                    "message.expiry",
                    format!(
                        "expires {d}, in {} (provisioning can take {window})",
                        crate::text::days(left)
                    ),
                );
            }
        }
        None => {
            b.fail(
                "message.expiry",
                "the message's date field is not a YYYYMMDD date",
                "build the message with `byoip message`",
            );
        }
    }
}

/// How long a certificate (or message) must still be valid: fail inside `fail_days`,
/// warn inside `warn_days`; `why` says where the warning threshold comes from.
pub(crate) struct Horizon<'a> {
    pub(crate) fail_days: i64,
    pub(crate) warn_days: i64,
    pub(crate) why: &'a str,
}

/// `cert.validity`, `cert.key-size`, `cert.self-signed` for the certificate `chosen`.
pub(crate) fn cert_checks(
    b: &mut Builder,
    chosen: Option<(String, &Certificate)>,
    now: DateTime<Utc>,
    h: &Horizon<'_>,
) {
    let Some((label, cert)) = chosen else {
        for id in ["cert.validity", "cert.key-size", "cert.self-signed"] {
            b.skip(
                id,
                "no certificate: give --cert, or let byoip find one in RDAP",
            );
        }
        return;
    };
    let info = cert.info(now);
    let end = info.not_after.format("%Y-%m-%d %H:%M UTC");
    if info.not_yet_valid {
        b.fail(
            "cert.validity",
            format!(
                "{label} is not valid before {}",
                info.not_before.format("%Y-%m-%d %H:%M UTC")
            ),
            "make a certificate valid from now (`byoip cert --key KEY --out cert.pem`), or wait",
        );
    } else if info.expired {
        b.fail(
            "cert.validity",
            format!("{label} expired on {end}"),
            "make a new certificate (`byoip cert --key KEY --out cert.pem`) and publish it in place of the old one",
        );
    } else if info.not_after < now + Duration::days(h.fail_days) {
        b.fail(
            "cert.validity",
            format!("{label} expires on {end}, in {}: under the {}-day limit", crate::text::days(info.days_left), h.fail_days),
            "make a new certificate (`byoip cert --key KEY --out cert.pem`) and publish it before this one expires",
        );
    } else if info.not_after < now + Duration::days(h.warn_days) {
        b.warn(
            "cert.validity",
            format!("{label} expires on {end}, within {}", h.why),
            "publish a certificate valid for longer",
        );
    } else {
        b.pass(
            "cert.validity",
            format!(
                "{label} is valid until {end} ({})",
                crate::text::days(info.days_left)
            ),
        );
    }
    match info.key_bits {
        Some(2048) => {
            b.pass("cert.key-size", "RSA-2048, the size AWS documents");
        }
        Some(bits) => {
            b.warn(
                "cert.key-size",
                format!("RSA-{bits}: AWS documents only RSA-2048 (other sizes are unconfirmed)"),
                "use an RSA-2048 key (`byoip keygen --out KEY`) to be safe",
            );
        }
        None => {
            b.fail(
                "cert.key-size",
                format!("the certificate's key is {}, not RSA", info.key_algorithm),
                "AWS verifies RSASSA-PSS signatures: make an RSA-2048 key and certificate (`byoip keygen --out KEY`, `byoip cert --key KEY --out cert.pem`)",
            );
        }
    }
    if info.self_signed() {
        b.pass("cert.self-signed", "self-signed, as AWS asks");
    } else {
        b.warn(
            "cert.self-signed",
            format!("{label} is not self-signed (issuer {})", info.issuer),
            "AWS asks for a self-signed certificate (`byoip cert --key KEY --out cert.pem`); whether others work is unconfirmed",
        );
    }
}

fn registry_check(b: &mut Builder, id: &crate::rdap::Identification) {
    const DNS_TOKEN: &str = "use VPC IPAM's DNS TXT verification instead: aws ec2 provision-ipam-pool-cidr --verification-method dns-token (EC2 BYOIP and Global Accelerator need the certificate method)";
    match (id.registry, &id.nir_hint) {
        (Some(r), None) if r.supports_x509() => {
            b.pass(
                "rdap.registry",
                format!(
                    "{r} ({}), which supports the certificate method",
                    id.evidence
                ),
            );
        }
        (Some(r), Some((nir, why))) if r.supports_x509() => {
            b.warn(
                "rdap.registry",
                format!("{r} ({}), but the record looks managed by {} ({why}); AWS names JPNIC and the other NIRs as unsupported for certificates", id.evidence, crate::rdap::Registry::Nir(*nir)),
                format!("if {} maintains this record, {DNS_TOKEN}", crate::rdap::Registry::Nir(*nir)),
            );
        }
        (Some(r), _) => {
            b.fail(
                "rdap.registry",
                format!("{r} ({}) is not supported for the certificate method: AWS reads certificates at ARIN, RIPE NCC and APNIC only", id.evidence),
                DNS_TOKEN,
            );
        }
        (None, _) => {
            b.warn(
                "rdap.registry",
                "the record does not say which registry holds it (no known port43, self link or handle)",
                "query the registry's own RDAP server (--rdap-url), or check that the prefix is registered at ARIN, RIPE NCC or APNIC",
            );
        }
    }
}

/// `rdap.registry` under dns-token: any registry will do, LACNIC, AFRINIC and the NIRs
/// included (VPC IPAM user guide, "Verify domain control").
fn dns_token_registry_check(b: &mut Builder, id: &crate::rdap::Identification) {
    match id.registry {
        Some(r) => {
            b.pass(
                "rdap.registry",
                format!(
                    "{r} ({}); dns-token verification works with any registry",
                    id.evidence
                ),
            );
        }
        None => {
            b.pass(
                "rdap.registry",
                "the record does not say which registry holds it; dns-token verification works with any registry",
            );
        }
    }
}

/// `dns.delegation` and `dns.record` from the answers for every planned name. Neither
/// passes unless the DNS was asked and answered for every name.
fn dns_checks(b: &mut Builder, dns: &DnsEvidence) {
    use crate::dnstoken::NameState;
    let names = match dns {
        DnsEvidence::NotAsked(why) => {
            for id in DNS_CHECK_IDS {
                b.skip(id, why.clone());
            }
            return;
        }
        DnsEvidence::Unavailable(why) => {
            for id in DNS_CHECK_IDS {
                b.not_run(id, why.clone());
            }
            return;
        }
        DnsEvidence::Names(n) => n,
    };
    if names.is_empty() {
        for id in DNS_CHECK_IDS {
            b.not_run(id, "no names were planned");
        }
        return;
    }
    let n = names.len();

    // dns.delegation: every name's zone delegated; one that is not fails; unknown is not-run.
    let undelegated: Vec<_> = names
        .iter()
        .filter(|c| c.delegation.delegated == Some(false))
        .collect();
    let unknown = names
        .iter()
        .filter(|c| c.delegation.delegated.is_none())
        .count();
    let c = if !undelegated.is_empty() {
        let zones: Vec<&str> = undelegated.iter().map(|c| c.zone.as_str()).collect();
        b.fail(
            "dns.delegation",
            format!(
                "{} of {n} reverse zones are not delegated: {}",
                undelegated.len(),
                zones.join(", ")
            ),
            "ask the registry to delegate the reverse zone to your name servers (or publish the records in your delegated parent zone); AWS cannot see records in an undelegated zone",
        )
    } else if unknown > 0 {
        b.not_run(
            "dns.delegation",
            format!("{unknown} of {n} names could not be checked"),
        )
    } else {
        b.pass(
            "dns.delegation",
            format!("the reverse zone of every planned name ({n}) is delegated"),
        )
    };
    for name in names {
        c.details.push(format!(
            "{}: {}",
            name.name,
            if name.delegation.reason.is_empty() {
                "delegated"
            } else {
                &name.delegation.reason
            }
        ));
    }

    // dns.record: every name found; missing or wrong fails; unchecked alone is not-run.
    let crate::dnstoken::Tally {
        found,
        missing,
        wrong,
        unchecked,
    } = crate::dnstoken::Tally::of(names);
    let c = if missing + wrong > 0 {
        b.fail(
            "dns.record",
            format!("{missing} missing, {wrong} wrong, {unchecked} not checked, {found} of {n} found"),
            "publish every planned record (`byoip dns-token plan`), with the exact token value, and check again with `byoip dns-token check`",
        )
    } else if unchecked > 0 {
        b.not_run(
            "dns.record",
            format!("{unchecked} of {n} names could not be checked ({found} found)"),
        )
    } else {
        b.pass(
            "dns.record",
            format!("all {n} TXT records hold the token value"),
        )
    };
    for name in names {
        let mut line = format!("{} {}", name.state, name.name);
        if !name.found.is_empty() && name.state != NameState::Found {
            line += &format!(": found {}", name.found.join(", "));
        }
        if let Some(cause) = &name.cause {
            line += &format!(" ({cause})");
        }
        c.details.push(line);
    }
}

fn allocation_check(b: &mut Builder, reg: Option<Registry>, kind: Option<&str>, ipv4: bool) {
    let id = "rdap.allocation-type";
    let Some(r) = reg.filter(|r| r.supports_x509()) else {
        b.skip(id, "only judged for ARIN, RIPE NCC and APNIC records");
        return;
    };
    let Some(k) = kind else {
        b.warn(
            id,
            "the record has no type",
            format!("check the allocation type in {r}'s database"),
        );
        return;
    };
    match r.allocation_type_rule(k, ipv4) {
        None => {
            b.pass(id, format!("{k:?} is a type AWS documents for {r}"));
        }
        Some(TypeVerdict::NonPortable(documented)) => {
            b.fail(
                id,
                format!("{k:?} is space delegated by another holder, not portable: AWS documents {} for {r}", documented.join(", ")),
                "bring the prefix from the holder of the portable allocation or assignment, or have it reassigned to you as such",
            );
        }
        Some(TypeVerdict::Undocumented(documented)) => {
            b.warn(
                id,
                format!("{k:?} is not among the types AWS documents for {r} ({}); this is unconfirmed, not refused", documented.join(", ")),
                "it may still be accepted (RIPE IPv6 ASSIGNED was); if AWS answers \"not an acceptable allocation type\", ask your registry",
            );
        }
    }
}

fn certificate_check(b: &mut Builder, certs: &[RdapCert<'_>], rec: &Record, reg: Option<Registry>) {
    let id = "rdap.certificate";
    let on_record = |want: fn(&Placement) -> bool| {
        certs
            .iter()
            .filter(move |c| !c.ancestor && c.found.certificate.is_ok() && want(&c.placement))
    };
    let where_to = reg.map_or("in the network record's remarks", |r| r.where_to_publish());
    let details: Vec<String> = certs
        .iter()
        .map(|c| match (&c.found.certificate, &c.placement) {
            (Err(e), _) => format!("{}: unreadable ({e})", c.whereabouts()),
            (Ok(_), Placement::Correct) => format!("{}: where AWS reads", c.whereabouts()),
            (Ok(_), Placement::Tolerated(w) | Placement::Wrong(w)) => {
                format!("{}: {w}", c.whereabouts())
            }
        })
        .collect();
    let correct: Vec<_> = on_record(|p| matches!(p, Placement::Correct)).collect();
    let tolerated: Vec<_> = on_record(|p| matches!(p, Placement::Tolerated(_))).collect();
    let ancestor = certs
        .iter()
        .find(|c| c.ancestor && c.found.certificate.is_ok() && c.readable());
    let wrong = certs
        .iter()
        .find(|c| c.found.certificate.is_ok() && !c.readable());
    let unreadable = certs.iter().find(|c| c.found.certificate.is_err());
    let check = if let Some(c) = correct.first() {
        let mut m = format!("found in the {}", c.whereabouts());
        if correct.len() > 1 {
            m += &format!(
                " and {} more",
                crate::text::plural(correct.len() - 1, "place", "places")
            );
        }
        b.pass(id, m)
    } else if let Some(c) = tolerated.first() {
        let Placement::Tolerated(why) = &c.placement else {
            return;
        };
        b.warn(
            id,
            format!("found in the {}, but {why}", c.whereabouts()),
            format!("publish it {where_to}"),
        )
    } else if let Some(c) = ancestor {
        b.warn(
            id,
            format!("not on {}, but on its ancestor {} ({}); whether AWS reads ancestors is unconfirmed", rec.network.describe(), c.record.network.describe(), c.found.place),
            format!("to be sure, publish it on the record covering the prefix, {where_to}"),
        )
    } else if let Some(c) = wrong {
        let Placement::Wrong(why) = &c.placement else {
            return;
        };
        b.fail(
            id,
            format!("only in a place AWS does not read: {why}"),
            format!("publish it {where_to}"),
        )
    } else if let Some(c) = unreadable {
        let reason = c
            .found
            .certificate
            .as_ref()
            .err()
            .cloned()
            .unwrap_or_default();
        b.fail(
            id,
            format!(
                "a certificate block in the {} does not decode: {reason}",
                c.whereabouts()
            ),
            "publish the whole certificate, BEGIN and END lines included (`byoip cert --key KEY --out cert.pem` prints it)",
        )
    } else {
        b.fail(
            id,
            format!("no certificate in {} or its parents: AWS would answer \"No X509 certificate could be found in the Whois remarks\"", rec.network.describe()),
            match reg.filter(|r| !r.supports_x509()) {
                Some(r) => format!("{r} is not supported for the certificate method (see rdap.registry): prove control with VPC IPAM's dns-token verification instead"),
                None => format!("publish it {where_to}; `byoip cert --key KEY --out cert.pem` prints the one-line form"),
            },
        )
    };
    check.details = details;
}

/// A certificate published in RDAP, as `rdap.signature` sees it.
struct Published<'k> {
    /// Where it is, for messages.
    whereabouts: String,
    /// Where AWS may read it (not a place AWS says it does not).
    readable: bool,
    /// Its key, when it has a usable one.
    key: Option<&'k VerifyingKey>,
    /// The given signature verifies under it, where AWS reads.
    verifies: bool,
}

/// `rdap.signature`: AWS's own check, the signature under a certificate published where it
/// reads; otherwise why not, under the first readable one.
fn rdap_signature_check(
    b: &mut Builder,
    signed: Option<Signed<'_>>,
    published: &[Published<'_>],
    user_keys: &[VerifyingKey],
) {
    let id = "rdap.signature";
    let Some(s) = signed else {
        b.skip(id, "no message and signature given");
        return;
    };
    if let Some(p) = published.iter().find(|p| p.verifies) {
        b.pass(
            id,
            format!(
                "verifies with the certificate in the {}, as AWS will check",
                p.whereabouts
            ),
        );
        return;
    }
    let Some((first, first_key)) = published
        .iter()
        .filter(|p| p.readable)
        .find_map(|p| p.key.map(|k| (p, k)))
    else {
        b.skip(id, "no readable certificate in RDAP to verify against");
        return;
    };
    let others: Vec<&VerifyingKey> = user_keys.iter().collect();
    let v = signature::verify(first_key, s.message, s.signature, &others);
    let (why, hint) = first_diagnosis(&v);
    b.fail(
        id,
        format!(
            "does not verify with the certificate in the {}: {why}",
            first.whereabouts
        ),
        hint,
    );
}

fn first_diagnosis(v: &signature::Verification) -> (String, String) {
    v.diagnosis.first().map_or_else(
        || {
            (
                "it does not verify".to_string(),
                "sign again with `byoip sign`".to_string(),
            )
        },
        |d| (format!("{} ({})", d.message, d.id), d.hint.clone()),
    )
}

fn roa_checks(b: &mut Builder, inp: &Inputs<'_>) {
    let asns = required_asns(inp.service, inp.govcloud);
    for asn in asns {
        let id = format!("roa.as{asn}");
        if !inp.prefix.is_ipv4() && !inp.advertise {
            b.skip(&id, "not advertised: AWS needs no ROA for a range it will not announce; the RDAP record still needs the certificate");
            continue;
        }
        let origins = match &inp.roa {
            RoaEvidence::NotAsked(why) => {
                b.skip(&id, why.clone());
                continue;
            }
            RoaEvidence::Unavailable(why) => {
                b.not_run(&id, why.clone());
                continue;
            }
            RoaEvidence::Origins(o) => o,
        };
        let Some(o) = origins.iter().find(|o| o.asn == asn) else {
            b.not_run(&id, format!("the ROA source gave no answer for AS{asn}"));
            continue;
        };
        roa_check(b, &id, o, inp.prefix, required_max_len(inp));
    }
}

/// The `roa.*` check `id` for origin `o` of prefix `p`; `want` is IPAM's exact maxLength.
fn roa_check(b: &mut Builder, id: &str, o: &Origin, p: Prefix, want: Option<u8>) {
    let len = p.prefix_len();
    let asn = o.asn;
    let list = |v: &[crate::roa::Vrp]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let create = format!(
        "create a ROA for AS{asn} covering {p} with maxLength {} at your registry's RPKI portal (keep your existing ROAs); allow up to 24 hours",
        want.unwrap_or(len)
    );
    let check = match o.state {
        RoaState::Valid => match want {
            Some(want) if !o.matched.iter().any(|v| v.max_length == want) => b.warn(
                id,
                format!("AS{asn} is authorized ({}), but {} needs maxLength exactly /{want}", list(&o.matched), "IPAM"),
                format!("set the ROA's maxLength to {want}: IPAM divides and advertises the range as /{want}s"),
            ),
            _ => b.pass(id, format!("AS{asn} may originate {p}: {}", list(&o.matched))),
        },
        RoaState::InvalidLength => b.fail(
            id,
            format!("the ROA for AS{asn} is too short for a /{len}: {}", list(&o.too_short)),
            format!("raise its maxLength to at least {len} ({})", "EC2: the size of the CIDR; IPAM: 24 for IPv4, 48 for IPv6"),
        ),
        RoaState::InvalidAsn => b.fail(
            id,
            format!("ROAs cover {p} but none authorizes AS{asn} (they name {})", list(&o.other_asn)),
            create,
        ),
        RoaState::NotFound => b.fail(id, format!("no ROA covers {p}"), create),
    };
    check.details = o
        .matched
        .iter()
        .map(|v| format!("matched: {v}"))
        .chain(
            o.too_short
                .iter()
                .map(|v| format!("maxLength too short: {v}")),
        )
        .chain(o.other_asn.iter().map(|v| format!("other AS: {v}")))
        .chain(std::iter::once(format!("source: {}", o.source)))
        .collect();
}

/// IPAM's rule: maxLength exactly /24 (IPv4) or /48 (advertised IPv6) (AWS, "Prerequisites
/// for BYOIP in Amazon EC2"; VPC IPAM, "Verify domain control").
fn required_max_len(inp: &Inputs<'_>) -> Option<u8> {
    match (inp.service, inp.prefix.is_ipv4()) {
        (Service::Ipam, true) => Some(24),
        (Service::Ipam, false) => Some(48),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roa::{Vrp, validate};

    fn inputs<'a>(cidr: &'a str, service: Service, roa: RoaEvidence) -> Inputs<'a> {
        Inputs {
            cidr,
            prefix: cidr.parse().unwrap(),
            service,
            advertise: true,
            govcloud: false,
            account: None,
            certificate: None,
            key: None,
            signed: None,
            rdap: RdapEvidence::NotAsked("not asked".into()),
            roa,
            verification: Verification::RemarksX509,
            now: Utc::now(),
        }
    }

    fn vrps(list: &[(u32, &str, u8)], prefix: &str, asns: &[u32]) -> RoaEvidence {
        let v: Vec<Vrp> = list
            .iter()
            .map(|&(asn, p, max_length)| Vrp {
                asn,
                prefix: p.parse().unwrap(),
                max_length,
            })
            .collect();
        RoaEvidence::Origins(
            asns.iter()
                .map(|&a| validate(&v, a, prefix.parse().unwrap(), "t"))
                .collect(),
        )
    }

    fn status(r: &Report, id: &str) -> Status {
        r.get(id).unwrap_or_else(|| panic!("no {id}")).status
    }

    fn dns_report(dns: DnsEvidence) -> Report {
        let mut inp = inputs(
            "2801:10:c000::/48",
            Service::Ipam,
            RoaEvidence::NotAsked("no source".into()),
        );
        inp.verification = Verification::DnsToken(dns);
        run(&inp)
    }

    #[test]
    fn dns_checks_never_pass_when_the_dns_was_not_asked_or_did_not_answer() {
        use crate::dnstoken::{Answer, Lookup, Token, judge, plan};
        let r = dns_report(DnsEvidence::Unavailable("offline".into()));
        assert_eq!(status(&r, "dns.record"), Status::NotRun);
        assert_eq!(status(&r, "dns.delegation"), Status::NotRun);
        assert!(!r.ok && !r.complete);
        let r = dns_report(DnsEvidence::NotAsked("local only".into()));
        assert_eq!(status(&r, "dns.record"), Status::Skip);
        let r = dns_report(DnsEvidence::Names(Vec::new()));
        assert_eq!(status(&r, "dns.record"), Status::NotRun);

        // Two names of a /47: one found, one unanswered: not-run, not pass.
        struct Half(usize);
        impl Lookup for Half {
            fn txt(&mut self, _: &str) -> Answer {
                self.0 += 1;
                if self.0 == 1 {
                    Answer::Records(vec![vec![b"v".to_vec()]])
                } else {
                    Answer::Failed("SERVFAIL".into())
                }
            }
            fn soa(&mut self, _: &str) -> Answer {
                Answer::Failed("SERVFAIL".into())
            }
        }
        let p = plan(
            "2801:10::/47".parse().unwrap(),
            &Token::new("t", "v").unwrap(),
        )
        .unwrap();
        let names = judge(&p, &mut Half(0));
        let r = dns_report(DnsEvidence::Names(names.clone()));
        assert_eq!(status(&r, "dns.record"), Status::NotRun);
        assert_eq!(status(&r, "dns.delegation"), Status::NotRun);
        assert_eq!(r.get("dns.record").unwrap().details.len(), 2);
        // All found: both pass, and the certificate-method checks are skipped by rule.
        let mut all = names;
        all[1] = all[0].clone();
        let r = dns_report(DnsEvidence::Names(all));
        assert_eq!(status(&r, "dns.record"), Status::Pass);
        assert_eq!(status(&r, "dns.delegation"), Status::Pass);
        assert_eq!(status(&r, "signature.local"), Status::Skip);
        assert_eq!(status(&r, "message.account"), Status::Skip);
    }

    #[test]
    fn without_evidence_every_dependent_check_is_skipped_not_guessed() {
        let r = run(&inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked("no source".into()),
        ));
        assert!(r.ok);
        for id in CHECK_IDS.iter().skip(3) {
            assert_eq!(status(&r, id), Status::Skip, "{id}");
        }
        assert_eq!(status(&r, "roa.as16509"), Status::Skip);
        assert_eq!(r.get("rdap.record").unwrap().message, "not asked");
    }

    #[test]
    fn ipam_wants_max_length_exactly_24_ec2_does_not() {
        let ev = || {
            vrps(
                &[(16509, "192.198.0.0/22", 25), (14618, "192.198.0.0/22", 24)],
                "192.198.0.0/24",
                &[16509, 14618],
            )
        };
        let ipam = run(&inputs("192.198.0.0/24", Service::Ipam, ev()));
        assert_eq!(status(&ipam, "roa.as16509"), Status::Warn);
        assert_eq!(status(&ipam, "roa.as14618"), Status::Pass);
        let ec2 = run(&inputs("192.198.0.0/24", Service::Ec2, ev()));
        assert_eq!(status(&ec2, "roa.as16509"), Status::Pass);
        assert!(ec2.get("roa.as16509").unwrap().details[0].starts_with("matched: AS16509"));
    }

    #[test]
    fn documentation_space_and_host_bits_fail_with_the_fix() {
        let r = run(&inputs(
            "2001:db8:1200::/48",
            Service::Ec2,
            RoaEvidence::NotAsked(String::new()),
        ));
        assert_eq!(status(&r, "prefix.public"), Status::Fail);
        assert!(r.get("prefix.public").unwrap().message.contains("RFC 3849"));
        let mut i = inputs(
            "192.198.0.0/24",
            Service::Ec2,
            RoaEvidence::NotAsked(String::new()),
        );
        i.cidr = "192.198.0.7/24";
        let r = run(&i);
        assert_eq!(status(&r, "prefix.canonical"), Status::Fail);
        assert_eq!(
            r.get("prefix.canonical").unwrap().hint.as_deref(),
            Some("use 192.198.0.0/24")
        );
        assert!(!r.ok);
    }
}
