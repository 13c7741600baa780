//! `rdap.*`: the registry record AWS reads (RFC 9083 RDAP answers; AWS, "Prerequisites for
//! BYOIP in Amazon EC2"): which registry holds it, whether it covers the prefix, its
//! allocation type, where the certificate sits on it, and AWS's own signature check under
//! the published certificate (docs/rules.md, "Where the certificate goes" and "Registries and
//! allocation types").

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{
    AutnumEvidence, Builder, Check, CheckId, RdapEvidence, Signed, Status,
    key::Absent,
    saved::{RDAP_SAVED, SavedWhen, saved_age},
    signature::why_not,
};
use crate::{
    certificate::Certificate,
    cloud::Cloud,
    error::{Change, Input, Remedy},
    key::VerifyingKey,
    prefix::Prefix,
    rdap::{
        Placement, Record, Registry,
        certs::{FoundCertificate, certificates},
        registry::{TypeVerdict, placement},
    },
    rules, signature,
};

/// A certificate found in RDAP that AWS may read: where, on which record, and whether
/// it sits where AWS says.
pub(super) struct RdapCert<'r> {
    pub(super) record: &'r Record,
    pub(super) ancestor: bool,
    pub(super) found: FoundCertificate,
    pub(super) placement: Placement,
}

/// A certificate from RDAP that parsed, with its key and the signature's verdict under it.
pub(super) struct Parsed<'c, 'r> {
    pub(super) rc: &'c RdapCert<'r>,
    pub(super) cert: &'c Certificate,
    pub(super) key: Result<VerifyingKey, crate::error::Error>,
    /// The given signature verifies under `key`, and the certificate is where AWS reads.
    pub(super) verifies: bool,
}

impl RdapCert<'_> {
    pub(super) fn readable(&self) -> bool {
        !matches!(self.placement, Placement::Wrong(_))
    }
    pub(super) fn whereabouts(&self) -> String {
        format!("{} of {}", self.found.place, self.record.network.describe())
    }
}

/// The certificates in `record` and its `ancestors` (nearest first), each with where AWS
/// makes of its place.
pub(super) fn rdap_certs<'r>(
    record: Option<&'r Record>,
    ancestors: &'r [Arc<Record>],
    reg: Option<Registry>,
) -> Vec<RdapCert<'r>> {
    record
        .into_iter()
        .map(|r| (r, false))
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
        .collect()
}

/// Each certificate of `certs` that parses, its key, and whether `signed` verifies under
/// it where AWS reads.
pub(super) fn parse<'c, 'r>(
    certs: &'c [RdapCert<'r>],
    signed: Option<Signed<'_>>,
) -> Vec<Parsed<'c, 'r>> {
    certs
        .iter()
        .filter_map(|rc| {
            let cert = rc.found.certificate.as_ref().ok()?;
            let key = cert.public_key();
            let verifies = match (signed, &key) {
                (Some(s), Ok(k)) if rc.readable() => {
                    signature::verify_strict(Cloud::Aws, k, s.message, s.signature)
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
        .collect()
}

/// `rdap.record`: the record found covers the whole prefix and is not another registry's
/// placeholder.
/// `rdap.record`: the record covers the prefix, with the age of each saved answer it was
/// read from: its own, and `also` (a RIPE Database object read beside it, part of the
/// record's evidence).
pub(super) fn record_check(
    b: &mut Builder,
    rec: &Record,
    prefix: Prefix,
    now: DateTime<Utc>,
    also: Option<(&str, SavedWhen<'_>)>,
) {
    let net = &rec.network;
    let c = if let Some(why) = crate::rdap::stub_reason(net) {
        b.fail(
                CheckId::RdapRecord,
                format!("{} is this registry's placeholder for space another registry manages ({why:?})", net.describe()),
                "ask the registry that holds the prefix; after an inter-RIR transfer the bootstrap may still name the old one",
            )
            .remedy([Remedy::Give(Input::RdapServer)])
    } else if net.covers(prefix.net()) {
        b.pass(
            CheckId::RdapRecord,
            format!("{} covers {} ({})", net.describe(), prefix, rec.source),
        )
    } else if net.overlaps(prefix.net()) {
        b.fail(
            CheckId::RdapRecord,
            format!(
                "the record {} does not cover all of {}: the prefix spans more than one record",
                net.describe(),
                prefix
            ),
            "bring prefixes that lie within one registry record (split the prefix)",
        )
    } else {
        b.fail(
                CheckId::RdapRecord,
                format!("the record {} is not for {} at all: it holds none of its addresses ({})", net.describe(), prefix, rec.source),
                "give the RDAP answer for this prefix (a saved file for another prefix, or a server that answered for other space)",
            )
    };
    saved_age(
        c,
        &rec.source.to_string(),
        SavedWhen::rdap(rec.fetched.as_ref(), rec.saved_at),
        now,
        &RDAP_SAVED,
    );
    if let Some((what, when)) = also {
        saved_age(c, what, when, now, &RDAP_SAVED);
    }
}

/// When `rec` does not cover all of `prefix`, why the checks of what it holds are not run:
/// a certificate, a key or an allocation type on a record for another range says nothing
/// of this prefix, so those checks are `not-run` (never a pass), naming the range the record
/// covers. `rdap.record` fails on it separately ([`record_check`]). `None` when it covers.
pub(super) fn foreign_record(rec: &Record, prefix: Prefix) -> Option<String> {
    let net = &rec.network;
    (!net.covers(prefix.net())).then(|| {
        format!(
            "the registry record given covers {} ({}), not {prefix}: what it holds says nothing of this prefix",
            net.range_text(),
            net.handle.as_deref().unwrap_or("no handle")
        )
    })
}

/// Why a report has no RDAP record to judge: the network evidence and the autnum
/// evidence say it the same three ways.
#[derive(Clone, Copy)]
pub(super) enum NoRecord<'a> {
    /// Left out by the caller's choice: the record's checks are skipped.
    NotAsked(&'a str),
    /// Needed but not gathered: the record's checks are not run.
    Unavailable(&'a str),
    /// The registry has no record (HTTP 404 from this URL).
    NotFound(&'a str),
}

impl<'a> NoRecord<'a> {
    /// What `key.cert-match` makes of it: a 404 is a registry looked at, holding nothing.
    pub(super) fn absent(self) -> Absent<'a> {
        match self {
            NoRecord::NotAsked(why) => Absent::NotAsked(why),
            NoRecord::Unavailable(why) => Absent::NotGathered(why),
            NoRecord::NotFound(_) => Absent::NoneFound,
        }
    }
}

impl RdapEvidence {
    /// Why there is no record, or `None` when there is one.
    pub(super) fn no_record(&self) -> Option<NoRecord<'_>> {
        match self {
            RdapEvidence::NotAsked(why) => Some(NoRecord::NotAsked(why)),
            RdapEvidence::Unavailable(why) => Some(NoRecord::Unavailable(why)),
            RdapEvidence::NotFound { url } => Some(NoRecord::NotFound(url)),
            RdapEvidence::Found { .. } => None,
        }
    }
}

impl AutnumEvidence {
    /// Why there is no record, or `None` when there is one.
    pub(super) fn no_record(&self) -> Option<NoRecord<'_>> {
        match self {
            AutnumEvidence::NotAsked(why) => Some(NoRecord::NotAsked(why)),
            AutnumEvidence::Unavailable(why) => Some(NoRecord::Unavailable(why)),
            AutnumEvidence::NotFound { url } => Some(NoRecord::NotFound(url)),
            AutnumEvidence::Found(_) => None,
        }
    }
}

/// When there is no record to judge: the record's `ids` skipped (not asked) or not run
/// (not gathered); for a 404, `rdap.registry` skipped and `record` failed, naming `what`
/// was asked for (a prefix, an ASN) with `hint`. True for a 404 only: the caller then
/// judges its other record checks, whose words are its cloud's.
pub(super) fn record_missing(
    b: &mut Builder,
    why: Option<NoRecord<'_>>,
    ids: &[CheckId],
    record: CheckId,
    what: &dyn std::fmt::Display,
    hint: &str,
) -> bool {
    match why {
        None => return false,
        Some(NoRecord::NotAsked(why)) => b.all_left_out(ids.iter().cloned(), why),
        Some(NoRecord::Unavailable(why)) => b.all(ids.iter().cloned(), Status::NotRun, why),
        Some(NoRecord::NotFound(url)) => {
            b.skip(
                CheckId::RdapRegistry,
                "no record to identify the registry from",
            );
            b.fail(
                record,
                format!("the registry has no record for {what} (HTTP 404 from {url})"),
                hint,
            );
            return true;
        }
    }
    false
}

/// The checks that judge the RDAP record.
pub(super) const RDAP_IDS: [CheckId; 5] = [
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapAllocationType,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
];

pub(super) fn registry_check(b: &mut Builder, id: &crate::rdap::Identification) {
    const DNS_TOKEN: &str = "use VPC IPAM's DNS TXT verification instead: aws ec2 provision-ipam-pool-cidr --verification-method dns-token (EC2 BYOIP and Global Accelerator need the certificate method)";
    match (id.registry, &id.nir_hint) {
        (Some(r), None) if r.supports_x509() => {
            b.pass(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}), which supports the certificate method",
                    id.evidence
                ),
            );
        }
        (Some(r), Some((nir, why))) if r.supports_x509() => {
            b.warn(
                CheckId::RdapRegistry,
                format!("{r} ({}), but the record looks managed by {} ({why}); AWS names JPNIC and the other NIRs as unsupported for certificates", id.evidence, crate::registry::Registry::Nir(*nir)),
                format!("if {} maintains this record, {DNS_TOKEN}", crate::registry::Registry::Nir(*nir)),
            );
        }
        (Some(r), _) => {
            b.fail(
                CheckId::RdapRegistry,
                format!("{r} ({}) is not supported for the certificate method: AWS reads certificates at ARIN, RIPE NCC and APNIC only", id.evidence),
                DNS_TOKEN,
            );
        }
        (None, _) => {
            b.warn(
                CheckId::RdapRegistry,
                "the record does not say which registry holds it (no known port43, self link or handle)",
                "query the registry's own RDAP server, or check that the prefix is registered at ARIN, RIPE NCC or APNIC",
            )
            .remedy([Remedy::Give(Input::RdapServer)]);
        }
    }
}

/// `rdap.registry` under dns-token: any registry will do, LACNIC, AFRINIC and the NIRs
/// included (VPC IPAM user guide, "Verify domain control").
pub(super) fn dns_token_registry_check(b: &mut Builder, id: &crate::rdap::Identification) {
    match id.registry {
        Some(r) => {
            b.pass(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}); dns-token verification works with any registry",
                    id.evidence
                ),
            );
        }
        None => {
            b.pass(
                CheckId::RdapRegistry,
                "the record does not say which registry holds it; dns-token verification works with any registry",
            );
        }
    }
}

/// The common start of `rdap.allocation-type`, for every cloud: the registry, when the
/// cloud lists types for it (`judged`; else the check is skipped), and the record's type
/// (else a warning). `None` when the check is already written.
pub(super) fn record_type<'k>(
    b: &mut Builder,
    reg: Option<Registry>,
    kind: Option<&'k str>,
    judged: impl Fn(Registry) -> bool,
) -> Option<(Registry, &'k str)> {
    let id = CheckId::RdapAllocationType;
    let Some(r) = reg.filter(|r| judged(*r)) else {
        b.skip(id, "only judged for ARIN, RIPE NCC and APNIC records");
        return None;
    };
    let Some(k) = kind else {
        b.warn(
            id,
            "the record has no type",
            format!("check the allocation type in {r}'s database"),
        );
        return None;
    };
    Some((r, k))
}

pub(super) fn allocation_check(
    b: &mut Builder,
    reg: Option<Registry>,
    kind: Option<&str>,
    ipv4: bool,
) {
    let id = CheckId::RdapAllocationType;
    // The types AWS lists at this registry: the rules table's row, which the check cites.
    let mut b = b.citing(reg.and_then(|r| rules::allocation_types(Cloud::Aws, r)));
    let Some((r, k)) = record_type(&mut b, reg, kind, |r| {
        rules::allocation_types(Cloud::Aws, r).is_some()
    }) else {
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

pub(super) fn certificate_check(
    b: &mut Builder,
    certs: &[RdapCert<'_>],
    rec: &Record,
    reg: Option<Registry>,
    user_keys: &[VerifyingKey],
    now: DateTime<Utc>,
) {
    let id = CheckId::RdapCertificate;
    let on_record = |want: fn(&Placement) -> bool| {
        certs
            .iter()
            .filter(move |c| !c.ancestor && c.found.certificate.is_ok() && want(&c.placement))
    };
    let where_to = reg.map_or("in the network record's remarks", |r| r.where_to_publish());
    let mut details: Vec<String> = Vec::new();
    for c in certs {
        let line = match (&c.found.certificate, &c.placement) {
            (Err(e), _) => format!("{}: unreadable ({e})", c.whereabouts()),
            (Ok(_), Placement::Correct) => format!("{}: where AWS reads", c.whereabouts()),
            (Ok(_), Placement::Tolerated(w) | Placement::Wrong(w)) => {
                format!("{}: {w}", c.whereabouts())
            }
        };
        // Two certificates in one place: the place is said once.
        if !details.contains(&line) {
            details.push(line);
        }
    }
    let correct: Vec<_> = on_record(|p| matches!(p, Placement::Correct)).collect();
    // Each place once: two certificates in one remark are one place.
    let mut places: Vec<String> = Vec::new();
    for c in &correct {
        let w = c.whereabouts();
        if !places.contains(&w) {
            places.push(w);
        }
    }
    // Each search carries the placement's reason out with the certificate, so no branch
    // below has a case left to drop.
    let tolerated = certs.iter().find_map(|c| match &c.placement {
        Placement::Tolerated(why) if !c.ancestor && c.found.certificate.is_ok() => Some((c, why)),
        _ => None,
    });
    let ancestor = certs
        .iter()
        .find(|c| c.ancestor && c.found.certificate.is_ok() && c.readable());
    let wrong = certs.iter().find_map(|c| match &c.placement {
        Placement::Wrong(why) if c.found.certificate.is_ok() => Some(why),
        _ => None,
    });
    let unreadable = certs.iter().find(|c| c.found.certificate.is_err());
    let check = if let Some(first) = places.first() {
        let mut m = format!("found in the {first}");
        if places.len() > 1 {
            m += &format!(
                " and {} more",
                crate::nouns::plural(places.len() - 1, "place", "places")
            );
        }
        b.pass(id, m)
    } else if let Some((c, why)) = tolerated {
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
    } else if let Some(why) = wrong {
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
            .map(crate::Error::chain)
            .unwrap_or_default();
        b.fail(
            id,
            format!(
                "a certificate block in the {} does not decode: {reason}",
                c.whereabouts()
            ),
            "publish the whole certificate, BEGIN and END lines included",
        )
    } else {
        b.fail(
            id,
            format!("no certificate in {} or its parents: AWS would answer \"No X509 certificate could be found in the Whois remarks\"", rec.network.describe()),
            match reg.filter(|r| !r.supports_x509()) {
                Some(r) => format!("{r} is not supported for the certificate method (see rdap.registry): prove control with VPC IPAM's dns-token verification instead"),
                None => format!("publish it {where_to}; a one-line form of the certificate fits there"),
            },
        )
    };
    // A certificate in the wrong place or form, or none, is the record's to change; a
    // registry AWS does not read for certificates is met by DNS tokens instead.
    if check.status != super::Status::Pass && reg.is_none_or(|r| r.supports_x509()) {
        check.remedy([Remedy::Change(Change::CertificatePlacement)]);
    }
    check.details = details;
    let readable: Vec<(&Certificate, String)> = certs
        .iter()
        .filter(|c| !c.ancestor && c.readable())
        .filter_map(|c| Some((c.found.certificate.as_ref().ok()?, c.whereabouts())))
        .collect();
    several_certificates(check, Cloud::Aws, &readable, user_keys, now);
}

/// When the record holds more than one different certificate where `cloud` reads
/// (`readable`: each with where it sits), turns the `rdap.certificate` check `check` from a
/// pass (or a placement warning) into a warning: the cloud does not document which one it
/// reads, so a record should hold one. Each certificate is listed in the details (subject,
/// notAfter, marked expired or not yet valid at `now` when it is, `spki_sha256`, each place
/// it sits once) with whether it holds the key of `--cert`/`--key` (`user_keys`), and the
/// hint names which to remove: every one not of that key, and every one of it that is not
/// valid, keeping the valid one of it that ends last. A check already failing keeps its
/// verdict and gains the list.
pub(super) fn several_certificates(
    check: &mut Check,
    cloud: Cloud,
    readable: &[(&Certificate, String)],
    user_keys: &[VerifyingKey],
    now: DateTime<Utc>,
) {
    let distinct: Vec<(&Certificate, Vec<&str>)> =
        super::cert::distinct_certificates(readable, |r| r.0, |r| r.1.as_str())
            .into_iter()
            .map(|(r, places)| (r.0, places))
            .collect();
    if distinct.len() < 2 {
        return;
    }
    let name = cloud.vendor();
    let end = super::cert::not_after_text;
    // Not valid at `now`: the word the list and the hint use, if so.
    let invalid = |c: &Certificate| {
        if c.not_after() < now {
            Some("expired")
        } else if c.info(now).not_yet_valid {
            Some("not yet valid")
        } else {
            None
        }
    };
    let spki = |c: &Certificate| {
        c.public_key().map_or_else(
            |_| "unreadable key".to_string(),
            |k| k.fingerprint().to_string(),
        )
    };
    let mine = |c: &Certificate| c.public_key().is_ok_and(|k| user_keys.contains(&k));
    let lines: Vec<String> = distinct
        .iter()
        .map(|(cert, places)| {
            let whose = match (mine(cert), user_keys.is_empty()) {
                (true, _) => ": holds your key (the certificate or key you gave)",
                (false, false) => ": not your key",
                (false, true) => "",
            };
            let state = invalid(cert).map_or_else(String::new, |w| format!(" ({w})"));
            format!(
                "subject {}, notAfter {}{state}, spki_sha256 {}, in the {}{whose}",
                cert.subject(),
                end(cert),
                spki(cert),
                places.join("; and in the ")
            )
        })
        .collect();
    if matches!(check.status, Status::Pass | Status::Warn) {
        check.status = Status::Warn;
        check.message = format!(
            "{} different certificates where {name} reads ({}): {name} does not document which one it reads",
            distinct.len(),
            check.message
        );
        // The one to keep: the valid certificate of your key that ends last.
        let keep = distinct
            .iter()
            .filter(|(c, _)| mine(c) && invalid(c).is_none())
            .max_by(|a, b| (a.0.not_after(), a.0.der()).cmp(&(b.0.not_after(), b.0.der())));
        let remove: Vec<String> = distinct
            .iter()
            .filter(|d| keep.is_none_or(|k| k.0.der() != d.0.der()))
            .map(|(c, places)| {
                let what = match (invalid(c), mine(c)) {
                    (Some(w), true) => {
                        format!("the {w} certificate of your key (notAfter {})", end(c))
                    }
                    (Some(w), false) => format!(
                        "the {w} certificate (notAfter {}, spki_sha256 {})",
                        end(c),
                        spki(c)
                    ),
                    (None, true) => format!(
                        "the certificate of your key ending earlier (notAfter {})",
                        end(c)
                    ),
                    (None, false) => format!(
                        "the certificate of another key (spki_sha256 {}, notAfter {})",
                        spki(c),
                        end(c)
                    ),
                };
                format!("{what} from the {}", places.join(" and from the "))
            })
            .collect();
        // Beside yours, only valid certificates of other keys: the short words say it all.
        let only_other_keys = distinct
            .iter()
            .filter(|d| keep.is_none_or(|k| k.0.der() != d.0.der()))
            .all(|(c, _)| invalid(c).is_none() && !mine(c));
        check.hint = Some(match keep {
            // Only certificates of other keys beside yours: the words say it all.
            Some((c, _)) if only_other_keys => format!(
                "keep one: remove every certificate but the one holding your key (spki_sha256 {})",
                spki(c)
            ),
            Some((c, _)) => format!(
                "keep one: remove {}; keep the one holding your key valid until {}",
                remove.join(", and "),
                end(c)
            ),
            // Nothing kept: every certificate is to remove; some is not valid today.
            None if distinct.iter().any(|(c, _)| invalid(c).is_some()) => {
                format!(
                    "keep one: publish a valid certificate of the key you sign with, and remove {}",
                    remove.join(", and ")
                )
            }
            None => {
                "keep one: remove every certificate but the one of the key you sign with".into()
            }
        });
    }
    check.details.splice(0..0, lines);
}

/// A certificate published in the registry's record, as `rdap.signature` sees it.
pub(super) struct Published<'k> {
    /// Where it is, for messages.
    pub(super) whereabouts: String,
    /// Where the cloud may read it (not a place the cloud says it does not).
    pub(super) readable: bool,
    /// Its key, or why it has no usable one.
    pub(super) key: Result<&'k VerifyingKey, String>,
    /// The given signature verifies under it, where the cloud reads.
    pub(super) verifies: bool,
}

/// `rdap.signature`: the cloud's own check, the signature under a certificate published
/// where it reads ([`Published::verifies`]); otherwise why not, under the first one it
/// reads, a failure naming `cloud`'s failure `code` where it has one. `unread`: why the
/// place the cloud reads was not seen (RIPE NCC's `remarks:` without the RIPE Database
/// object), so that no certificate there is not-run, not a skip.
pub(super) fn rdap_signature_check(
    b: &mut Builder,
    cloud: Cloud,
    given: super::Given<'_>,
    published: &[Published<'_>],
    user_keys: &[VerifyingKey],
    (unread, code): (Option<&str>, Option<&'static str>),
) {
    let id = CheckId::RdapSignature;
    let name = cloud.vendor();
    let s = match given.or_why("no message and signature given") {
        Ok(s) => s,
        Err(why) => {
            b.left_out(id, why);
            return;
        }
    };
    if let Some(p) = published.iter().find(|p| p.verifies) {
        b.pass(
            id,
            format!(
                "verifies with the certificate in the {}, as {name} will check",
                p.whereabouts
            ),
        );
        return;
    }
    let Some(first) = published.iter().find(|p| p.readable) else {
        match unread {
            Some(why) => b.not_run(
                id,
                format!("no certificate seen where {name} reads ({why})"),
            ),
            None => b.skip(
                id,
                format!("no readable certificate where {name} reads (see rdap.certificate)"),
            ),
        };
        return;
    };
    let (why, hint) = match first.key {
        Ok(k) => {
            let others: Vec<&VerifyingKey> = user_keys.iter().collect();
            let v = signature::diagnose(cloud, k, s.message, s.signature, &others);
            why_not(&v, super::signature::sign_again(cloud))
        }
        Err(ref e) => (
            format!("its key is not usable: {e}"),
            format!("publish the certificate of the key you sign with, where {name} reads it"),
        ),
    };
    let message = format!(
        "does not verify with the certificate in the {}: {why}",
        first.whereabouts
    );
    match code {
        Some(code) => b.fail_coded(id, message, hint, cloud, code),
        None => b.fail(id, message, hint),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Given, Signed, Status};

    /// `rdap.signature` for `cloud` over `published`, with a message and a signature that
    /// verifies under no key.
    fn judge(cloud: Cloud, published: &[Published<'_>], unread: Option<&str>) -> Check {
        let signature = crate::signature::SignatureText::from("c2ln");
        let given = Given {
            signed: Some(Signed::new(b"m", &signature)),
            why_not: None,
        };
        let code =
            (cloud == Cloud::Azure).then_some(crate::message::azure::codes::SIGNATURE_NOT_VERIFIED);
        let mut b = Builder::default();
        rdap_signature_check(&mut b, cloud, given, published, &[], (unread, code));
        b.0.remove(0)
    }

    #[test]
    fn the_signature_is_judged_alike_for_every_cloud() {
        for cloud in [Cloud::Aws, Cloud::Azure] {
            let name = cloud.vendor();
            // Nothing where the cloud reads: a skip, or not run when that place was not seen.
            let c = judge(cloud, &[], None);
            assert_eq!(c.status, Status::Skip, "{name}: {c:?}");
            assert_eq!(
                c.message,
                format!("no readable certificate where {name} reads (see rdap.certificate)")
            );
            let c = judge(cloud, &[], Some("offline"));
            assert_eq!(c.status, Status::NotRun, "{name}: {c:?}");
            // A certificate where the cloud reads whose key is not usable fails (AWS's once
            // skipped), naming the cloud's code where it has one.
            let unusable = Published {
                whereabouts: "record's remarks".into(),
                readable: true,
                key: Err("not RSA".into()),
                verifies: false,
            };
            let c = judge(cloud, &[unusable], None);
            assert_eq!(c.status, Status::Fail, "{name}: {c:?}");
            assert!(
                c.message
                    .starts_with("does not verify with the certificate in the record's remarks: its key is not usable: not RSA"),
                "{name}: {}",
                c.message
            );
            assert_eq!(c.code.is_some(), cloud == Cloud::Azure, "{name}: {c:?}");
        }
    }
}
