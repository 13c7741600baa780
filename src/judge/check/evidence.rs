//! The evidence a report judges, or why there is none: the registry's record
//! ([`RdapEvidence`]), the ROAs ([`RoaEvidence`]), the origin announcing the prefix today
//! ([`CurrentOrigin`]) and the DNS answers ([`DnsEvidence`]).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::{rdap::Record, roa::Origin};

/// What RDAP said, or why it was not asked.
#[derive(Clone, Debug)]
#[non_exhaustive]
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

impl RdapEvidence {
    /// The evidence in a saved RDAP answer: what `byoip rdap fetch` writes (the answers
    /// and when they were fetched), or the registry's JSON as `curl` saves it (one record,
    /// or a list of the record and its ancestors, nearest first; [`crate::rdap::saved`]). `name` says in the report where
    /// it came from. A saved answer names no server, so `rdap.registry` judges the registry
    /// from the record's own contents.
    ///
    /// ```
    /// use byoip::check::{self, CheckId, Inputs, RdapEvidence, Status};
    ///
    /// let saved = std::fs::read(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/testdata/rdap/synthetic/arin-good.json"
    /// ))
    /// .unwrap();
    /// let cidr = "192.198.0.0/24";
    /// let mut inputs = Inputs::new(cidr, byoip::Service::Ec2, byoip::chrono::Utc::now())?;
    /// inputs.rdap = RdapEvidence::from_saved(&saved, "arin-good.json")?;
    /// let report = check::run(&inputs);
    /// assert_eq!(report.get(&CheckId::RdapRecord).unwrap().status, Status::Pass);
    ///
    /// assert!(RdapEvidence::from_saved(b"<html>", "page.html").is_err());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn from_saved(bytes: &[u8], name: &str) -> Result<RdapEvidence, crate::Error> {
        let mut records = crate::rdap::saved::records(bytes, name)?.into_iter();
        // `records` reads at least one record or fails; an empty answer is refused there.
        match records.next() {
            Some(record) => Ok(RdapEvidence::Found {
                record,
                ancestors: records.collect(),
            }),
            None => Ok(RdapEvidence::Unavailable(format!(
                "{name} holds no RDAP record"
            ))),
        }
    }

    /// The evidence, saved at `at` (a saved file's modification time): `rdap.record` shows
    /// the record's age and warns when it is older than 30 days before the report's time
    /// (the registry may have changed it since). A file saved by `byoip rdap fetch` records
    /// when it was fetched ([`crate::rdap::saved::Fetched`]); that time is used instead,
    /// since a copy or a `git clone` resets a file's modification time.
    ///
    /// ```
    /// use byoip::check::{self, CheckId, Inputs, RdapEvidence, Status};
    /// use byoip::chrono::{DateTime, Utc};
    ///
    /// let saved = std::fs::read(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/testdata/rdap/synthetic/arin-good.json"
    /// ))
    /// .unwrap();
    /// let now: DateTime<Utc> = "2031-06-01T00:00:00Z".parse().unwrap();
    /// let mut inputs = Inputs::new("192.198.0.0/24", byoip::Service::Ec2, now)?;
    /// inputs.rdap = RdapEvidence::from_saved(&saved, "arin-good.json")?
    ///     .saved_at("2031-04-01T00:00:00Z".parse().unwrap());
    /// let record = check::run(&inputs).get(&CheckId::RdapRecord).unwrap().clone();
    /// assert_eq!(record.status, Status::Warn);
    /// assert!(record.message.contains("61 days old"), "{}", record.message);
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn saved_at(mut self, at: DateTime<Utc>) -> Self {
        if let RdapEvidence::Found { record, ancestors } = &mut self {
            for r in std::iter::once(record).chain(ancestors.iter_mut()) {
                Arc::make_mut(r).saved_at = Some(at);
            }
        }
        self
    }

    /// True when the record is RIPE NCC's: its RIPE Database object holds the `remarks:`
    /// RIPE's RDAP leaves out, which a cloud check reads ([`RipeDbEvidence`](super::RipeDbEvidence)).
    pub fn is_ripe_ncc(&self) -> bool {
        match self {
            RdapEvidence::Found { record, .. } => {
                crate::rdap::identify(&record.network, record.source.url()).registry
                    == Some(crate::registry::Registry::RipeNcc)
            }
            _ => false,
        }
    }
}

/// ROA evidence, or why there is none.
#[derive(Clone, Debug)]
#[non_exhaustive]
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

/// The ASN that announces the prefix today, or why it is not known: `roa.current-origin`
/// judges whether a ROA authorizes it, since once the cloud's ROAs exist a route from an
/// ASN no ROA authorizes is RPKI-invalid (RFC 6811 §2). Advisory: the check warns, passes
/// or is skipped by rule, and never stands in the way of [`Report::ready`](super::Report::ready).
///
/// ```
/// use byoip::{Asn, check::CurrentOrigin};
///
/// assert_eq!(CurrentOrigin::given(Some(Asn::new(64496)), "as given").asns(), [Asn::new(64496)]);
/// assert!(CurrentOrigin::given(None, "as given").asns().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CurrentOrigin {
    /// Not known (offline and not given, or RIPEstat could not be asked): the reason.
    Unknown(String),
    /// Not announced today; `source` says who says so.
    NotAnnounced {
        /// Who says so: the caller, or RIPEstat's answer.
        source: String,
    },
    /// Announced today by each of `asns`; `source` says who says so.
    Announced {
        /// The originating ASNs.
        asns: Vec<crate::asn::Asn>,
        /// Who says so: the caller, or RIPEstat's answer (with the holders it names).
        source: String,
    },
}

impl CurrentOrigin {
    /// The caller's word: announced today by `asn`, or not announced at all (`None`);
    /// `source` names where the caller took it from (a flag, a manifest line).
    pub fn given(asn: Option<crate::asn::Asn>, source: impl Into<String>) -> CurrentOrigin {
        let source = source.into();
        match asn {
            Some(a) => CurrentOrigin::Announced {
                asns: vec![a],
                source,
            },
            None => CurrentOrigin::NotAnnounced { source },
        }
    }

    /// The ASNs announcing the prefix today, as far as known.
    pub fn asns(&self) -> &[crate::asn::Asn] {
        match self {
            CurrentOrigin::Announced { asns, .. } => asns,
            _ => &[],
        }
    }
}

impl From<&crate::roa::announced::Announcement> for CurrentOrigin {
    /// What RIPEstat's prefix-overview said, its holders and URL as the source.
    fn from(a: &crate::roa::announced::Announcement) -> Self {
        if a.origins.is_empty() {
            return CurrentOrigin::NotAnnounced {
                source: format!("RIPEstat: {}", a.source),
            };
        }
        let names: Vec<String> = a
            .origins
            .iter()
            .map(|(asn, holder)| match holder {
                Some(h) => format!("AS{asn} {h}"),
                None => format!("AS{asn}"),
            })
            .collect();
        let covering = a
            .covering
            .as_deref()
            .map(|c| format!(", as part of {c}"))
            .unwrap_or_default();
        CurrentOrigin::Announced {
            asns: a.origins.iter().map(|(asn, _)| *asn).collect(),
            source: format!("RIPEstat: {}{covering}: {}", names.join(", "), a.source),
        }
    }
}

/// What the DNS said about the planned dns-token records, or why it was not asked.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum DnsEvidence {
    /// Left out by the caller's choice (local checks only); the reason becomes the `skip`
    /// message.
    NotAsked(String),
    /// Needed but not gathered (offline); the reason becomes the `not-run` message.
    Unavailable(String),
    /// One result per planned name ([`crate::dnstoken::judge`]).
    Names(Vec<crate::dnstoken::NameCheck>),
}
