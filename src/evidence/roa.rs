//! Route origin validation as AWS needs it (RFC 6811; AWS, "Prerequisites for BYOIP in
//! Amazon EC2", <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-for-byoip.html>).
//!
//! A ROA must authorize each AWS ASN (16509 and 14618; 8987 in GovCloud; 16509 for Global
//! Accelerator, which documents nothing of GovCloud) to originate the prefix: a VRP with
//! that ASN whose prefix covers it and whose maxLength is at least its length (RFC 6811
//! here; the exact maxLength each service demands is judged with the report). The evidence
//! comes from a VRP export ([`vrps`]) or a validator's answer ([`api`]); both end as an
//! [`Origin`] per ASN.

pub mod announced;
pub mod api;
pub(crate) mod cloud;
pub mod vrps;

use std::fmt;

use ipnet::IpNet;
use serde::Serialize;

use crate::{asn::Asn, prefix::Prefix};

/// A validated ROA payload: (ASN, prefix, maxLength) (RFC 6811 §2). Read from a VRP
/// export ([`vrps::parse`]) or a validator's answer ([`api`]); new facts about a VRP may be
/// added, so it is not built outside the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Vrp {
    /// The authorized origin AS.
    pub asn: Asn,
    /// The ROA prefix.
    pub prefix: IpNet,
    /// The longest prefix the AS may announce within it.
    pub max_length: u8,
}

impl Vrp {
    /// A VRP for a caller with VRPs of its own (an RTR client's, a cache's): `asn` may
    /// originate `prefix` (host bits cleared) and its more-specifics up to `max_length`,
    /// which must be from the prefix's length to the family's longest (RFC 6482 §3.3).
    /// Judge a prefix against such VRPs with [`validate`].
    ///
    /// ```
    /// use byoip::{Asn, roa::Vrp};
    ///
    /// let v = Vrp::new(Asn::new(16509), "192.0.2.0/22".parse().unwrap(), 24)?;
    /// assert_eq!(v.to_string(), "AS16509 192.0.0.0/22 maxLength 24");
    /// assert!(Vrp::new(Asn::new(16509), "192.0.0.0/22".parse().unwrap(), 21).is_err());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn new(asn: Asn, prefix: IpNet, max_length: u8) -> Result<Vrp, crate::Error> {
        Vrp::checked(asn, prefix, max_length).ok_or_else(|| crate::Error::Document {
            kind: None,
            what: format!("a VRP for AS{asn} {prefix}"),
            reason: format!("max length {max_length} does not fit {prefix}"),
            hint: format!(
                "give a maxLength from {} to {}",
                prefix.prefix_len(),
                prefix.max_prefix_len()
            ),
            remedies: Box::default(),
            source: None,
        })
    }

    /// The VRP, or `None` when `max_length` does not fit `prefix`: the one rule every
    /// reader applies.
    pub(crate) fn checked(asn: Asn, prefix: IpNet, max_length: u8) -> Option<Vrp> {
        (prefix.prefix_len()..=prefix.max_prefix_len())
            .contains(&max_length)
            .then(|| Vrp {
                asn,
                prefix: prefix.trunc(),
                max_length,
            })
    }
}

impl fmt::Display for Vrp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AS{} {} maxLength {}",
            self.asn, self.prefix, self.max_length
        )
    }
}

/// RFC 6811 §2 validation states, with the reason for "invalid".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoaState {
    /// A VRP for the ASN covers the prefix with a long enough maxLength.
    Valid,
    /// A VRP for the ASN covers the prefix, but its maxLength is shorter than the prefix.
    InvalidLength,
    /// VRPs cover the prefix, none for this ASN.
    InvalidAsn,
    /// No VRP covers the prefix.
    NotFound,
}

/// The evidence for one ASN and one prefix, which it records: a report judges an origin
/// only for the prefix and ASN it was computed for. Built by [`vrps::VrpFile::validate`],
/// [`validate`] or a validator's answer ([`api::Validator::parse`]), so not outside the
/// crate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Origin {
    /// The ASN asked about.
    pub asn: Asn,
    /// The prefix asked about.
    pub prefix: Prefix,
    /// The verdict.
    pub state: RoaState,
    /// VRPs that make it valid.
    pub matched: Vec<Vrp>,
    /// VRPs for this ASN whose maxLength is too short.
    pub too_short: Vec<Vrp>,
    /// Covering VRPs for other ASNs.
    pub other_asn: Vec<Vrp>,
    /// Where the evidence came from (a file or a validator URL).
    pub source: String,
    /// When the longest-lived of `matched` expires (unix seconds), where the source says
    /// (rpki-client's `expires`, Routinator's extended formats); `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<i64>,
    /// When each VRP of `matched` and `too_short` expires (unix seconds), where the source
    /// says; what [`Origin::as_of`] judges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expiries: Vec<(Vrp, i64)>,
    /// VRPs for this ASN covering the prefix whose ROA had expired when judged
    /// ([`Origin::as_of`]), with when: no longer an authorization.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expired: Vec<(Vrp, i64)>,
    /// What the source's expiries measure, where it gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry_span: Option<ExpirySpan>,
    /// When the export it was read from was built, for a saved export
    /// ([`vrps::VrpFile::validate`]); `None` for a validator's live answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub built: Option<BuildTime>,
}

/// When a VRP export was built, as far as the export says: a report does not judge ROAs
/// from an export older than [`MAX_EXPORT_AGE_DAYS`] (it shows the RPKI as it was, and ROAs
/// are made, changed and revoked since).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BuildTime {
    /// The export records it (unix seconds): rpki-client's `buildtime` and Routinator's
    /// `generated`/`generatedTime` in their JSON `metadata`.
    Known(i64),
    /// Its format records none (CSV, csvext, OpenBGPD roa-set, SLURM, JSON without
    /// metadata): its age is unknown.
    Unknown,
}

/// The oldest export a report judges ROAs from, in days before the report's time. A
/// relying party refreshes every few minutes to an hour (rpki-client(8) runs from cron;
/// Routinator's refresh is 600 seconds); a week-old export may miss a ROA made or revoked
/// since, so it is stale evidence: its `roa.*` checks are not run.
pub const MAX_EXPORT_AGE_DAYS: i64 = 7;

/// What a VRP source's expiry date is the end of.
///
/// rpki-client's `expires` (CSV, JSON, OpenBGPD roa-set) is "the moment the VRP will expire
/// derived from the chain of X.509 certificates and CRLs" (rpki-client(8), `-c`): the
/// earliest end of anything in the validation chain, CRL and manifest next updates
/// included, which are often days ahead whatever the ROA's own end; Routinator's
/// `jsonext` `chainValidity` is the same. Routinator's `csvext` `Not After` and `jsonext`
/// `validity` are the ROA's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ExpirySpan {
    /// The ROA's own end.
    Roa,
    /// The earliest end in the ROA's validation chain: the ROA lasts at least as long, and
    /// may last much longer.
    Chain,
}

impl Origin {
    /// No evidence yet for (`asn`, `prefix`) from `source`.
    pub(crate) fn empty(asn: Asn, prefix: Prefix, source: &str) -> Self {
        Origin {
            asn,
            prefix,
            state: RoaState::NotFound,
            matched: Vec::new(),
            too_short: Vec::new(),
            other_asn: Vec::new(),
            source: source.to_string(),
            valid_until: None,
            expiries: Vec::new(),
            expired: Vec::new(),
            expiry_span: None,
            built: None,
        }
    }

    /// The ROA expiry the source gave for `v`.
    pub(crate) fn expiry_of(&self, v: &Vrp) -> Option<i64> {
        self.expiries
            .iter()
            .filter(|(x, _)| x == v)
            .map(|(_, t)| *t)
            .max()
    }

    /// The evidence as of `now` (unix seconds): a VRP whose ROA has expired authorizes
    /// nothing (a relying party drops an object past its notAfter, RFC 6487 §4.6.2), so it
    /// moves from `matched` or `too_short` to `expired`, and the state and `valid_until`
    /// are judged again. A saved export can be older than its ROAs' validity.
    pub fn as_of(&self, now: i64) -> Origin {
        let mut o = self.clone();
        let mut expired = Vec::new();
        for list in [&mut o.matched, &mut o.too_short] {
            list.retain(|v| match self.expiry_of(v) {
                Some(t) if t < now => {
                    expired.push((*v, t));
                    false
                }
                _ => true,
            });
        }
        if !expired.is_empty() {
            o.expired.extend(expired);
            o.state = state_of(&o);
            o.valid_until = o.matched.iter().filter_map(|v| self.expiry_of(v)).max();
        }
        o
    }

    /// `a ROA for AS… expired on DATE: VRP`, one line per expired VRP; when the date is
    /// the validation chain's ([`ExpirySpan::Chain`]), that the validated data expired,
    /// which may be a manifest or CRL and not the ROA.
    pub(crate) fn expired_lines(&self) -> Vec<String> {
        self.expired
            .iter()
            .map(|(v, t)| match self.expiry_span {
                Some(ExpirySpan::Chain) => format!(
                    "the validated data for a ROA for AS{} expired on {} (a manifest's or CRL's next update, maybe, not the ROA's own end): {v}",
                    self.asn,
                    day(*t)
                ),
                _ => format!("a ROA for AS{} expired on {}: {v}", self.asn, day(*t)),
            })
            .collect()
    }

    /// True when every VRP here ended only by a validation-chain date
    /// ([`ExpirySpan::Chain`]): a stale export, which says nothing sure of the ROA itself.
    pub(crate) fn expired_by_chain_only(&self) -> bool {
        !self.expired.is_empty() && self.expiry_span == Some(ExpirySpan::Chain)
    }
}

/// The UTC day of `unix` seconds, `YYYY-MM-DD`.
pub(crate) fn day(unix: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| unix.to_string())
}

/// The ASNs AWS needs a ROA for (AWS, "Prerequisites for BYOIP in Amazon EC2"; for Global
/// Accelerator, its Developer Guide, "Bring your own IP addresses").
pub(crate) fn required_asns(service: crate::service::Service, govcloud: bool) -> Vec<Asn> {
    // The rules table's rows: aws.roa.origins, aws.roa.origins.govcloud and, for Global
    // Accelerator (which announces from AS16509 alone), aws.ga.roa.origins. Global
    // Accelerator documents nothing of GovCloud (refused before any report:
    // crate::rules::profile::refuse_undocumented_aws), so it has no origin there. CloudFront's
    // guide names no origin (aws.cloudfront.roa.origins): none is required, none guessed.
    use crate::service::Service;
    if service == Service::Ga && govcloud || service == Service::Cloudfront {
        return Vec::new();
    }
    crate::rules::origins_of(crate::rules::aws_origins(service, govcloud)).to_vec()
}

/// The origin asked about when no origin is documented (CloudFront): AS0, which no route
/// originates (RFC 7607), so that every ROA covering the prefix comes back, listed by the
/// ASN it names; what a report needs is that list, never a verdict for AS0 itself.
pub(crate) const ANY_ORIGIN: Asn = Asn::new(0);

/// Validates the route (`asn`, `prefix`) against `vrps` (RFC 6811 §2). This sees no
/// expiries: for a parsed file use [`vrps::VrpFile::validate`], which records them so that
/// an expired ROA authorizes nothing in the report.
pub fn validate<'a>(
    vrps: impl IntoIterator<Item = &'a Vrp>,
    asn: Asn,
    prefix: Prefix,
    source: &str,
) -> Origin {
    let mut o = Origin::empty(asn, prefix, source);
    let prefix = prefix.net();
    for v in vrps {
        if !v.prefix.contains(&prefix) {
            continue;
        }
        if v.asn != asn {
            push_unique(&mut o.other_asn, *v);
        } else if v.max_length >= prefix.prefix_len() {
            push_unique(&mut o.matched, *v);
        } else {
            push_unique(&mut o.too_short, *v);
        }
    }
    o.state = state_of(&o);
    o
}

fn push_unique(list: &mut Vec<Vrp>, v: Vrp) {
    if !list.contains(&v) {
        list.push(v);
    }
}

/// The state implied by the VRP lists.
pub(crate) fn state_of(o: &Origin) -> RoaState {
    if !o.matched.is_empty() {
        RoaState::Valid
    } else if !o.too_short.is_empty() {
        RoaState::InvalidLength
    } else if !o.other_asn.is_empty() {
        RoaState::InvalidAsn
    } else {
        RoaState::NotFound
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn vrp(asn: u32, p: &str, ml: u8) -> Vrp {
        Vrp {
            asn: Asn::new(asn),
            prefix: p.parse().unwrap(),
            max_length: ml,
        }
    }

    /// `validate` for the ASN `asn`.
    pub(crate) fn validate(vrps: &[Vrp], asn: u32, p: Prefix, source: &str) -> Origin {
        super::validate(vrps, Asn::new(asn), p, source)
    }

    #[test]
    fn amazons_origins_per_service_and_partition() {
        use crate::service::Service;
        let asns = |s, gov| -> Vec<u32> { required_asns(s, gov).iter().map(|a| a.get()).collect() };
        for service in [Service::Ec2, Service::Ipam] {
            assert_eq!(asns(service, false), [16509, 14618]);
            assert_eq!(asns(service, true), [8987]);
        }
        assert_eq!(asns(Service::Ga, false), [16509]);
        assert!(asns(Service::Ga, true).is_empty());
    }

    #[test]
    fn an_origin_records_what_it_was_computed_for() {
        let p: Prefix = "192.0.2.0/24".parse().unwrap();
        let o = validate(&[vrp(16509, "192.0.0.0/16", 24)], 16509, p, "t");
        assert_eq!((o.asn, o.prefix), (Asn::new(16509), p));
    }

    #[test]
    fn rfc6811_states() {
        let p: Prefix = "192.0.2.0/24".parse().unwrap();
        let set = [
            vrp(16509, "192.0.0.0/16", 24),
            vrp(14618, "192.0.0.0/16", 22),
            vrp(64496, "192.0.2.0/24", 24),
            vrp(16509, "10.0.0.0/8", 24),
        ];
        let a = validate(&set, 16509, p, "t");
        assert_eq!(a.state, RoaState::Valid);
        assert_eq!(a.matched, vec![set[0]]);
        assert_eq!(a.other_asn.len(), 2);
        assert_eq!(validate(&set, 14618, p, "t").state, RoaState::InvalidLength);
        assert_eq!(validate(&set, 8987, p, "t").state, RoaState::InvalidAsn);
        assert_eq!(
            validate(&set, 16509, "198.51.100.0/24".parse().unwrap(), "t").state,
            RoaState::NotFound
        );
        // A VRP more specific than the prefix does not cover it.
        let narrow = [vrp(16509, "192.0.2.0/25", 25)];
        assert_eq!(validate(&narrow, 16509, p, "t").state, RoaState::NotFound);
        // Families never mix.
        let v6 = [vrp(16509, "::/0", 128)];
        assert_eq!(validate(&v6, 16509, p, "t").state, RoaState::NotFound);
    }

    #[test]
    fn an_expired_roa_authorizes_nothing() {
        let p: Prefix = "192.0.2.0/24".parse().unwrap();
        let (old, young) = (
            vrp(16509, "192.0.0.0/16", 24),
            vrp(16509, "192.0.2.0/24", 24),
        );
        let mut o = validate(&[old, young], 16509, p, "t");
        o.expiries = vec![(old, 100), (young, 200)];
        o.valid_until = Some(200);
        // Before either expires, nothing changes.
        assert_eq!(o.as_of(99), o);
        // At its expiry second a ROA is still valid; after it, not.
        assert_eq!(o.as_of(100).expired, vec![]);
        let later = o.as_of(101);
        assert_eq!(later.state, RoaState::Valid);
        assert_eq!(
            (later.matched.clone(), later.expired.clone()),
            (vec![young], vec![(old, 100)])
        );
        assert_eq!(later.valid_until, Some(200));
        let gone = o.as_of(201);
        assert_eq!(gone.state, RoaState::NotFound);
        assert_eq!(gone.valid_until, None);
        assert_eq!(
            gone.expired_lines(),
            vec![
                "a ROA for AS16509 expired on 1970-01-01: AS16509 192.0.0.0/16 maxLength 24",
                "a ROA for AS16509 expired on 1970-01-01: AS16509 192.0.2.0/24 maxLength 24",
            ]
        );
        // A too-short ROA that expired is gone too; a ROA without an expiry stays.
        let short = vrp(16509, "192.0.0.0/16", 16);
        let mut o = validate(&[short, young], 16509, p, "t");
        o.expiries = vec![(short, 5)];
        let o = o.as_of(6);
        assert_eq!(
            (o.too_short.len(), o.matched, o.state),
            (0, vec![young], RoaState::Valid)
        );
    }
}
