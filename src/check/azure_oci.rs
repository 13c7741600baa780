//! Azure's and Oracle's reports on a prefix, after what [`super::run`] makes for every
//! cloud: Microsoft Azure's Custom IP Prefix and Oracle Cloud Infrastructure's BYOIP, each
//! judged by its own rules from the same kinds of evidence (the registry record, the RIPE
//! Database object where RDAP hides a field, the ROAs). The per-cloud facts come from
//! [`crate::cloud`]; the rules and their sources:
//!
//! - Azure, Microsoft Learn: "Create a custom IPv4 address prefix using the Azure CLI" (the
//!   message, the PKCS#1 v1.5 signature, where the certificate goes, the ROA origin AS8075 or
//!   AS8070 and its exact length) and "Manage a custom IP address prefix" (the validation
//!   failure codes, named in each failing check as Azure would report it).
//! - Oracle, "Bring Your Own IP"
//!   (<https://docs.oracle.com/en-us/iaas/Content/Network/Concepts/BYOIP.htm>): the
//!   `OCITOKEN::<cidr>:<token>` line and where it goes, the eligible allocation types, the
//!   ROA origin AS31898 (AS14544 in Serbia Central) valid at least six months ahead, sizes.
//!
//! Ids are the AWS report's where the concept is the same (`prefix.size`, `rdap.certificate`,
//! `roa.as8075`), with the cloud's rule; `oci.token` is Oracle's alone. Nothing not looked
//! at is passed: evidence not gathered makes its checks `not-run`, with the reason.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Builder, CheckId, Evidence, Held, Horizon, Inputs, RdapEvidence, Status, cert_checks_among,
    key::{Absent, PublishedKey, key_cert_match},
    rdap::{
        Published, foreign_record, rdap_signature_check, record_check, record_missing, record_type,
    },
    signature::local_signature_check_for,
    user_keys,
};
use crate::{
    asn::Asn,
    certificate::Certificate,
    cloud::{Cloud, Field, Region},
    key::VerifyingKey,
    lint::LintOptions,
    message::{Fields, Shape},
    ocitoken,
    prefix::Prefix,
    proof::{self, PlacedCertificate, Text},
    rdap::{Identification, Registry},
    ripedb::RipeObject,
    roa::{
        ExpirySpan,
        cloud::{ExactState, Validity, exact, validity},
    },
    rules, signature,
};

/// Azure's failure codes this report names beyond the message's, the signature's and the
/// ROAs' ([`crate::roa::cloud::ExactState::azure_code`]). Crate-private:
/// a library user reads a check's code from its report, and every code Azure documents from
/// [`crate::cloud::Profile::failure_codes`].
pub(crate) mod codes {
    /// No registry record to read the certificate from.
    pub const NO_REGISTRY: &str = "NotFindRoutingRegistryToGetCertificate";
    /// AFRINIC and LACNIC space used outside Africa and South America (named in a hint:
    /// byoip takes no Azure region to judge it by).
    pub const AFRICA_SOUTH_AMERICA_ONLY: &str =
        "PrefixRegisteredInAfricaAndSouthAmericaNotAllowedInOtherRegion";
    /// Every code named here, for the test that keeps them in the cloud table.
    #[cfg(test)]
    pub const ALL: [&str; 2] = [NO_REGISTRY, AFRICA_SOUTH_AMERICA_ONLY];
}

/// The RIPE Database object of the range, which shows the `remarks:` RIPE's RDAP leaves out.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum RipeDbEvidence {
    /// Not needed: the record is not RIPE NCC's, or there is no record.
    #[default]
    NotNeeded,
    /// Left out by the caller's choice; the reason.
    NotAsked(String),
    /// Needed but not gathered (offline without a saved answer, a network failure).
    Unavailable(String),
    /// The database has no object with the range's key.
    NotFound {
        /// The URL asked.
        url: String,
    },
    /// The object, and where it came from (a URL or a file).
    Found {
        /// The object.
        object: RipeObject,
        /// Its source.
        source: String,
        /// When a saved answer was saved, where known ([`RipeDbEvidence::saved_at`]);
        /// `None` for an answer fetched for this report.
        saved_at: Option<DateTime<Utc>>,
        /// When and from where `byoip ripedb fetch` fetched a saved answer, as the file
        /// records it ([`crate::ripedb::save`]): its age, whatever the file's time.
        fetched: Option<crate::rdap::saved::Fetched>,
    },
}

impl RipeDbEvidence {
    /// The evidence in a saved RIPE Database REST answer (JSON, as `byoip ripedb fetch`
    /// saves it with its fetch time, or as `curl -H 'Accept: application/json'` saves
    /// it, [`crate::ripedb::open`]): the `inetnum` or `inet6num` object
    /// whose `remarks:` RIPE's RDAP leaves out. `name` says in the report where it came
    /// from. Bytes that are not such an answer are an error naming what they are.
    ///
    /// ```
    /// use byoip::check::RipeDbEvidence;
    ///
    /// let saved = std::fs::read(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/testdata/ripedb/inetnum-remarks.json"
    /// ))
    /// .unwrap();
    /// let db = RipeDbEvidence::from_saved(&saved, "inetnum-remarks.json")?;
    /// assert!(matches!(db, RipeDbEvidence::Found { .. }));
    /// assert!(RipeDbEvidence::from_saved(b"<html>", "page.html").is_err());
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn from_saved(bytes: &[u8], name: &str) -> Result<RipeDbEvidence, crate::Error> {
        // What `byoip ripedb fetch` saves records when it was fetched: that is its age.
        let (object, fetched) = crate::ripedb::open(bytes, name)?;
        Ok(RipeDbEvidence::Found {
            object,
            source: name.to_string(),
            saved_at: None,
            fetched,
        })
    }

    /// The evidence, saved at `at` (a saved file's modification time): `rdap.record` shows
    /// the object's age and warns when it is older than 30 days before the report's time.
    pub fn saved_at(mut self, at: DateTime<Utc>) -> Self {
        if let RipeDbEvidence::Found { saved_at, .. } = &mut self {
            *saved_at = Some(at);
        }
        self
    }
}

/// The ROA origins `cloud` needs for its report, in check order ([`Inputs::roa_origins`]).
pub(crate) fn required_origins(cloud: Cloud, region: Option<&Region>, govcloud: bool) -> Vec<Asn> {
    cloud
        .profile()
        .roa
        .origins_for(region.map(Region::as_str), govcloud)
        .to_vec()
}

/// A saved RIPE Database answer and when it was saved, for `rdap.record`'s ages: the
/// object is part of the record's evidence.
fn ripe_db_saved(db: &RipeDbEvidence) -> Option<(&str, super::rdap::SavedWhen<'_>)> {
    let RipeDbEvidence::Found {
        source,
        saved_at,
        fetched,
        ..
    } = db
    else {
        return None;
    };
    let when = match (fetched, saved_at) {
        (Some(f), _) => super::rdap::SavedWhen::Fetched(f),
        // A REST answer saved by hand (curl) records no fetch time.
        (None, Some(at)) => super::rdap::SavedWhen::Modified {
            at: *at,
            recordable: false,
        },
        (None, None) => super::rdap::SavedWhen::Now,
    };
    Some((source.as_str(), when))
}

/// Why a RIPE NCC record's `remarks:` were not seen, if they were not.
fn ripe_unread(db: &RipeDbEvidence, reg: Option<Registry>) -> Option<String> {
    if reg != Some(Registry::RipeNcc) {
        return None;
    }
    match db {
        RipeDbEvidence::Unavailable(why) | RipeDbEvidence::NotAsked(why) => Some(why.clone()),
        RipeDbEvidence::NotFound { url } => {
            Some(format!("the RIPE Database has no object at {url}"))
        }
        RipeDbEvidence::NotNeeded => Some("the RIPE Database was not asked".into()),
        RipeDbEvidence::Found { .. } => None,
    }
}

// ---------------------------------------------------------------------------------------
// Azure

const AZURE_IDS_RDAP: [CheckId; 4] = [
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapCertificate,
    CheckId::RdapSignature,
];

/// Azure's checks of `inp` on the registry's evidence `ev`, into `b`.
pub(super) fn azure(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let (record, id, texts) = (ev.record, ev.id.as_ref(), &ev.texts());
    let reg = id.and_then(|i| i.registry);
    // Where Azure reads the certificate at this registry: the rules table's row that the
    // certificate checks apply.
    let placement = reg.and_then(|r| rules::placement(Cloud::Azure, r));
    let user_keys = user_keys(inp.certificate, inp.key);
    let message_ids = super::message::AZURE.ids().into_iter();
    b.proof(message_ids.chain([CheckId::SignatureLocal]), |b| {
        super::message_checks(
            b,
            &super::message::AZURE,
            &super::message::Expected {
                message: inp.given(),
                given: inp.cidr.text(),
                canonical: inp.prefix().to_string(),
                holder: inp.subscription.as_ref().map(|s| s.as_str()),
                // The report's own clock, never the system's: a caller (a browser page, a
                // test) judges as of the time it passes in.
                lint: LintOptions::on(inp.now.date_naive()),
            },
        );
        local_signature_check_for(
            &mut b.citing([&rules::AZURE_SIGNATURE]),
            Cloud::Azure,
            inp.given(),
            &user_keys,
            Some(crate::message::azure::codes::SIGNATURE_NOT_VERIFIED),
        );
    });

    // The certificates Azure reads, and the others (for the details).
    let placed = proof::certificates(texts, reg);
    let azure_reads = |c: &&PlacedCertificate| c.clouds.contains(&Cloud::Azure);
    let readable: Vec<(&PlacedCertificate, &Certificate)> = placed
        .iter()
        .filter(azure_reads)
        .filter_map(|c| c.certificate.as_ref().ok().map(|cert| (c, cert)))
        .collect();
    // RIPE NCC's RDAP does not show remarks:, where Azure reads: without the RIPE
    // Database object, a certificate not seen is a certificate not looked for.
    let ripe_unread = ripe_unread(&ev.ripe_db, reg);
    // key.cert-match counts a certificate only where Azure reads it: one holding the key
    // elsewhere (a RIPE descr: line, an organization's remarks) is never seen by Azure.
    let keys: Vec<Result<VerifyingKey, String>> = placed
        .iter()
        .map(|c| match &c.certificate {
            Ok(cert) => cert.public_key().map_err(|e| e.chain()),
            Err(e) => Err(e.chain()),
        })
        .collect();
    let move_it = move_hint(reg);
    let published: Vec<PublishedKey<'_>> = placed
        .iter()
        .zip(&keys)
        .map(|(c, k)| PublishedKey {
            place: c.label.clone(),
            key: k.as_ref().map_err(Clone::clone),
            unread: (!c.clouds.contains(&Cloud::Azure)).then(|| move_it.clone()),
        })
        .collect();
    let absent = match (&inp.rdap, &ripe_unread) {
        (RdapEvidence::Unavailable(why), _) => Absent::NotGathered(why),
        (RdapEvidence::NotAsked(why), _) => Absent::NotAsked(why),
        (_, Some(why)) => Absent::NotGathered(why),
        _ => Absent::NoneFound,
    };
    // Each certificate where Azure reads, with where: more than one different is a warning.
    let several: Vec<(&Certificate, String)> = readable
        .iter()
        .map(|(c, cert)| (*cert, c.label.clone()))
        .collect();
    // A record for another range: nothing on it is judged as if it were this prefix's.
    let foreign = record.and_then(|r| foreign_record(r, inp.prefix()));
    b.proof([CheckId::KeyCertMatch], |b| match &foreign {
        Some(why) if !user_keys.is_empty() => {
            b.not_run(CheckId::KeyCertMatch, why.clone());
        }
        _ => key_cert_match(
            &mut b.citing(placement),
            Cloud::Azure,
            &user_keys,
            &published,
            &absent,
        ),
    });

    // The certificates Azure may use: those where it reads holding the user's key, else
    // every one where it reads, else the user's own (never one on a record for another
    // range); all of them judged, whatever their order in the record.
    let (held, what) = super::cert::certificates_in_use(
        &readable,
        foreign.is_some(),
        |_| true,
        |(_, cert)| cert.public_key().is_ok_and(|k| user_keys.contains(&k)),
        |_| false,
    );
    let held: Vec<Held<'_>> = held
        .into_iter()
        .map(|(c, cert)| Held {
            label: format!("the certificate in the {}", c.label),
            place: c.label.clone(),
            cert,
        })
        .collect();
    b.proof(super::CERT_IDS, |b| {
        cert_checks_among(
            b,
            Cloud::Azure,
            &held,
            what,
            inp.certificate.map(|c| ("your certificate".to_string(), c)),
            inp.now,
            &Horizon::of(Cloud::Azure, crate::service::Service::Ec2, None),
        );
    });

    if record_missing(
        b,
        inp.rdap.no_record(),
        &AZURE_IDS_RDAP,
        CheckId::RdapRecord,
        &inp.prefix(),
        PREFIX_NOT_FOUND,
    ) {
        b.proof([CheckId::RdapCertificate], |b| {
            b.fail_coded(
                CheckId::RdapCertificate,
                "no record, so no certificate",
                "register the prefix and publish the certificate on its record",
                Cloud::Azure,
                codes::NO_REGISTRY,
            );
        });
        b.proof_skip(CheckId::RdapSignature, "no record");
    }
    if let (Some(rec), Some(id)) = (record, id) {
        // AFRINIC and LACNIC space (NIC.br's and NIC Mexico's too) is for some regions
        // only: the row the registry check's hint comes from.
        let area = reg
            .and_then(|r| Cloud::Azure.profile().placement_for(r))
            .filter(|p| azure_area(p.registry).is_some())
            .map(|_| &rules::AZURE_AFRICA_SOUTH_AMERICA);
        let supported = cloud_registry_check(
            &mut b.citing(
                std::iter::once(&rules::AZURE_REGISTRIES)
                    .chain(placement)
                    .chain(area),
            ),
            Cloud::Azure,
            id,
        );
        record_check(b, rec, inp.prefix(), inp.now, ripe_db_saved(&ev.ripe_db));
        b.proof(
            [CheckId::RdapCertificate, CheckId::RdapSignature],
            |b| match &foreign {
                Some(why) if supported => {
                    b.not_run(CheckId::RdapCertificate, why.clone());
                    b.not_run(CheckId::RdapSignature, why.clone());
                }
                _ => {
                    let mut b = b.citing(placement);
                    azure_certificate_check(
                        &mut b,
                        &placed,
                        reg,
                        supported,
                        ripe_unread.as_deref(),
                        (&several, &user_keys, inp.now),
                    );
                    // Each certificate where Azure reads, its key, and whether the signature
                    // verifies under it as Azure verifies.
                    let keys: Vec<Result<VerifyingKey, String>> = readable
                        .iter()
                        .map(|(_, cert)| cert.public_key().map_err(|e| e.chain()))
                        .collect();
                    let published: Vec<Published<'_>> = readable
                        .iter()
                        .zip(&keys)
                        .map(|((c, _), k)| Published {
                            whereabouts: c.label.clone(),
                            readable: true,
                            key: k.as_ref().map_err(Clone::clone),
                            verifies: match (inp.signed, k) {
                                (Some(s), Ok(k)) => signature::verify_strict(
                                    Cloud::Azure,
                                    k,
                                    s.message,
                                    s.signature,
                                ),
                                _ => false,
                            },
                        })
                        .collect();
                    rdap_signature_check(
                        &mut b.citing([&rules::AZURE_SIGNATURE]),
                        Cloud::Azure,
                        inp.given(),
                        &published,
                        &user_keys,
                        (
                            ripe_unread.as_deref(),
                            Some(crate::message::azure::codes::SIGNATURE_NOT_VERIFIED),
                        ),
                    );
                }
            },
        );
    }
    no_irr_rule(b, inp.cloud);
    azure_roa_check(b, inp);
}

/// `irr.route` for a cloud whose pages state no IRR rule: skipped by rule.
fn no_irr_rule(b: &mut Builder, cloud: Cloud) {
    b.skip(
        CheckId::IrrRoute,
        format!(
            "does not apply: {}'s BYOIP pages state no rule on IRR route objects",
            cloud.vendor()
        ),
    );
}

/// The hint for a prefix the registry has no record of.
const PREFIX_NOT_FOUND: &str = "check the prefix; a registry answers only for space it manages";

/// `rdap.registry` for a cloud: the registry, and whether the cloud reads its records.
/// Returns true when it does.
fn cloud_registry_check(b: &mut Builder, cloud: Cloud, id: &Identification) -> bool {
    let name = cloud.vendor();
    let Some(r) = id.registry else {
        b.warn(
            CheckId::RdapRegistry,
            "the record does not say which registry holds it (no known port43, self link or handle)",
            "query the registry's own RDAP server",
        );
        return true;
    };
    match cloud.profile().placement_for(r) {
        Some(p)
            if matches!(
                p.field,
                Field::PublicComments | Field::Descr | Field::Remarks
            ) =>
        {
            let check = b.pass(
                CheckId::RdapRegistry,
                format!(
                    "{r} ({}): {name} reads the proof from {}",
                    id.evidence, p.field
                ),
            );
            // Azure's regions for AFRINIC space: a caveat byoip cannot check (it takes
            // no Azure region), so a hint on the pass rather than a verdict.
            if let (Cloud::Azure, Some(area)) = (cloud, azure_area(p.registry)) {
                check.hint = Some(azure_area_hint(p.registry, area));
            }
            true
        }
        // Azure takes LACNIC space by a support ticket ("Custom IP address prefix
        // (BYOIP)": "For ranges from LACNIC registry, create a support ticket with
        // Microsoft."): a manual step byoip cannot see done, so the check is left out
        // (never ready) and names no failure code: Azure's RIRNotSupport means a registry
        // it does not know at all ("Only prefixes registered at ARIN, RIPE, APNIC,
        // AFRINIC, and LACNIC are supported").
        Some(p) if p.field == Field::SupportTicket => {
            let rir = p.registry;
            let ticket = format!("{rir} space: {}", p.how);
            let hint = match (cloud, azure_area(rir)) {
                (Cloud::Azure, Some(area)) => {
                    format!("{ticket}; {}", azure_area_hint(rir, area))
                }
                _ => ticket.clone(),
            };
            let check = b.left_out(CheckId::RdapRegistry, ticket);
            check.hint = Some(hint);
            check.details = vec![format!("{r} ({})", id.evidence)];
            false
        }
        Some(p) => {
            b.fail(
                CheckId::RdapRegistry,
                format!("{r} ({}): {}", id.evidence, p.how),
                format!(
                    "{name} takes space registered at the registries it documents (see the per-cloud table)"
                ),
            );
            false
        }
        None => {
            b.warn(
                CheckId::RdapRegistry,
                format!("{r} ({}): {name}'s rules for it are unknown", id.evidence),
                "check the cloud's documentation",
            );
            true
        }
    }
}

/// Where Azure lets `rir`'s space be used, for the registries it limits (Azure's code
/// `PrefixRegisteredInAfricaAndSouthAmericaNotAllowedInOtherRegion`: "These prefixes can't
/// be used outside Africa/South America.").
fn azure_area(rir: Registry) -> Option<&'static str> {
    match rir {
        Registry::Afrinic => Some("African"),
        Registry::Lacnic => Some("South American"),
        _ => None,
    }
}

/// The hint that `rir`'s space is for Azure regions in `area` only.
fn azure_area_hint(rir: Registry, area: &str) -> String {
    format!(
        "{rir} prefixes can only be used in {area} Azure regions: create the custom IP prefix in one (Azure: {})",
        codes::AFRICA_SOUTH_AMERICA_ONLY
    )
}

/// One detail line per certificate, not per place: the same certificate (by DER) on an RDAP
/// remark and in the RIPE Database object is one certificate, found in two places, each
/// named with the clouds that read it there. Unreadable blocks are listed one by one.
fn certificate_details(placed: &[PlacedCertificate]) -> Vec<String> {
    let read_by = |c: &PlacedCertificate| match c.clouds.as_slice() {
        [] => format!("{}: no cloud reads it there", c.label),
        clouds => format!(
            "{}: read by {}",
            c.label,
            clouds
                .iter()
                .map(|c| c.vendor())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut lines: Vec<(Option<&[u8]>, String)> = Vec::new();
    for c in placed {
        match &c.certificate {
            Err(e) => lines.push((None, format!("{}: unreadable ({e})", c.label))),
            Ok(cert) => match lines.iter_mut().find(|(der, _)| *der == Some(cert.der())) {
                Some((_, line)) => {
                    line.push_str("; the same certificate in the ");
                    line.push_str(&read_by(c));
                }
                None => lines.push((Some(cert.der()), read_by(c))),
            },
        }
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// Where a certificate Azure does not read must go: Azure's field at `reg`, and AWS's too
/// where they differ (a copy for AWS is the usual reason it sits elsewhere).
fn move_hint(reg: Option<Registry>) -> String {
    match reg {
        Some(r) => proof::how_to_satisfy(r, &[Cloud::Aws, Cloud::Azure]),
        None => "publish it where Azure reads it (see the per-cloud table)".to_string(),
    }
}

/// `rdap.certificate` for Azure: where the certificate is, and, when more than one
/// different one is where Azure reads (`several`: each with where it is, the user's keys
/// and the report's time), the warning [`super::rdap::several_certificates`] gives.
fn azure_certificate_check(
    b: &mut Builder,
    placed: &[PlacedCertificate],
    reg: Option<Registry>,
    supported: bool,
    ripe_unread: Option<&str>,
    several: (&[(&Certificate, String)], &[VerifyingKey], DateTime<Utc>),
) {
    let id = CheckId::RdapCertificate;
    let details = certificate_details(placed);
    let how = reg.map(|r| proof::how_to_satisfy(r, &[Cloud::Azure]));
    let good = placed
        .iter()
        .find(|c| c.clouds.contains(&Cloud::Azure) && c.certificate.is_ok());
    let bad = placed
        .iter()
        .find(|c| c.clouds.contains(&Cloud::Azure) && c.certificate.is_err());
    let elsewhere = placed.iter().find(|c| c.certificate.is_ok());
    let unparsable = crate::message::azure::codes::CERT_UNPARSABLE;
    let check = if !supported {
        b.skip(
            id,
            "the registry is not one Azure reads (see rdap.registry)",
        )
    } else if let Some(c) = good {
        b.pass(id, format!("found in the {}, where Azure reads", c.label))
    } else if let Some(why) = ripe_unread {
        b.not_run(
            id,
            format!(
                "RIPE NCC's RDAP service does not show remarks:, where Azure reads the certificate, and the RIPE Database was not read ({why})"
            ),
        )
    } else if let Some(c) = bad {
        let e = c
            .certificate
            .as_ref()
            .err()
            .map(crate::Error::chain)
            .unwrap_or_default();
        b.fail_coded(
            id,
            format!("the certificate block in the {} does not decode: {e}", c.label),
            "publish the whole certificate, BEGIN and END lines included, without spaces or line breaks",
            Cloud::Azure,
            unparsable,
        )
    } else if let Some(c) = elsewhere {
        b.fail_coded(
            id,
            format!(
                "a certificate is in the {}, which Azure does not read",
                c.label
            ),
            move_hint(reg),
            Cloud::Azure,
            unparsable,
        )
    } else {
        b.fail_coded(
            id,
            "no certificate where Azure reads it",
            match &how {
                Some(how) => format!("publish it: {how}"),
                None => {
                    "publish it in the range's record (the per-cloud table says where)".to_string()
                }
            },
            Cloud::Azure,
            unparsable,
        )
    };
    check.details = details;
    let (readable, user_keys, now) = several;
    super::rdap::several_certificates(check, Cloud::Azure, readable, user_keys, now);
}

fn azure_roa_check(b: &mut Builder, inp: &Inputs<'_>) {
    // The rows applied: the origins, the exact-prefix rule, and the message's date as the
    // ROA's validity end.
    let origins = rules::cloud_origins(Cloud::Azure, None, inp.govcloud);
    let mut b = b.citing(
        origins
            .into_iter()
            .chain([&rules::AZURE_MAX_LENGTH, &rules::AZURE_MESSAGE]),
    );
    let b = &mut *b;
    let now = inp.now.timestamp();
    // The message's date is meant to be the ROA's validity end (Azure CLI page).
    let message_date = inp.signed.and_then(|s| {
        let text = String::from_utf8_lossy(s.message);
        let fields = Fields::exact(&text);
        (fields.shape() == Shape::Azure)
            .then(|| {
                fields
                    .read_as(Shape::Azure)
                    .date
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
            })
            .flatten()
    });
    for asn in required_origins(Cloud::Azure, inp.region.as_ref(), inp.govcloud) {
        let id = CheckId::Roa(asn);
        let Some(o) = super::roa::origin_of(b, id.clone(), &inp.roa, asn, inp.prefix(), now) else {
            continue;
        };
        let p = o.prefix;
        let len = p.prefix_len();
        let (state, exact_vrps, inexact) = exact(&o);
        let list = |v: &[crate::roa::Vrp]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let make = format!(
            "create a ROA for AS{asn} with prefix {p} and maxLength {len} exactly (keep the ROAs of any ASN advertising the range today); allow 24 hours"
        );
        let code = state.azure_code().unwrap_or_default();
        let check = match state {
            ExactState::Exact => {
                let until = exact_vrps.iter().filter_map(|v| o.expiry_of(v)).max();
                let chain = o.expiry_span == Some(ExpirySpan::Chain);
                match (message_date, until) {
                    // The chain's earliest end is not the ROA's: the comparison proves
                    // nothing either way, so it is said, not judged.
                    (Some(d), Some(until)) if chain && !same_day(d, until) => b.warn(
                        id.clone(),
                        format!(
                            "AS{asn} is authorized for exactly {p}: {}; the validated data expires on {}, {CHAIN_DATE}, so whether the ROA ends on the message's date {} was not confirmed",
                            list(&exact_vrps),
                            date(until),
                            d.format("%Y-%m-%d")
                        ),
                        "check the ROA's own end date in your RIR's RPKI portal (or Routinator's csvext, which gives it): Azure asks for it as the message's date",
                    ),
                    (Some(d), Some(until)) if !same_day(d, until) => b.warn(
                        id.clone(),
                        format!(
                            "AS{asn} is authorized for exactly {p}: {}; but the ROA is valid until {}, and the message's date is {}",
                            list(&exact_vrps),
                            date(until),
                            d.format("%Y-%m-%d")
                        ),
                        "Azure asks for the ROA's validity end as the message's date: sign a message with that date, or set the ROA's end to the message's",
                    ),
                    _ => super::roa::passed(
                        b,
                        id.clone(),
                        &o,
                        format!("AS{asn} is authorized for exactly {p}: {}", list(&exact_vrps)),
                        now,
                    ),
                }
            }
            ExactState::Inexact => {
                // A ROA for the prefix itself whose maxLength is longer says so; a
                // covering ROA for a shorter prefix keeps its own wording.
                let (own, covering): (Vec<crate::roa::Vrp>, Vec<crate::roa::Vrp>) =
                    inexact.iter().partition(|v| v.prefix == p.net());
                let mut why: Vec<String> = own
                    .iter()
                    .map(|v| {
                        format!(
                            "maxLength {} is {} than the prefix's /{len} ({v})",
                            v.max_length,
                            if v.max_length > len {
                                "longer"
                            } else {
                                "shorter"
                            }
                        )
                    })
                    .collect();
                if !covering.is_empty() {
                    why.push(format!(
                        "the ROAs for AS{asn} cover {p} but not exactly (prefix {p}, maxLength {len}): {}",
                        list(&covering)
                    ));
                }
                b.fail_coded(id.clone(), why.join("; "), make, Cloud::Azure, code)
            }
            // Ended by a chain date only: a stale export, never a pass nor a failure.
            ExactState::NotFound if o.expired_by_chain_only() => {
                let c = b.not_run(id.clone(), super::roa::stale_chain(&o));
                c.hint = Some(format!(
                    "fetch a fresh export and check again, or check the ROA for AS{asn} in your registry's RPKI portal: {make}"
                ));
                c
            }
            ExactState::NotFound if !o.expired.is_empty() => b.fail_coded(
                id.clone(),
                o.expired_lines().join("; "),
                format!("renew it: {make}"),
                Cloud::Azure,
                code,
            ),
            ExactState::NotFound => b.fail_coded(
                id.clone(),
                format!("no ROA authorizes AS{asn} for {p}"),
                make,
                Cloud::Azure,
                code,
            ),
        };
        check.details = roa_details(&o, p, now);
    }
}

/// Whether the message's date `d` is the day the ROA ends at `until` (unix seconds): its
/// UTC day, or the day before when it ends at midnight.
fn same_day(d: NaiveDate, until: i64) -> bool {
    [until, until - 1]
        .iter()
        .any(|&t| date(t) == d.format("%Y-%m-%d").to_string())
}

/// Azure's view of each VRP for the origin: exact, a maxLength other than the prefix's
/// length, or a covering ROA for a shorter prefix.
fn roa_details(o: &crate::roa::Origin, p: Prefix, now: i64) -> Vec<String> {
    let len = p.prefix_len();
    super::roa::origin_details_with(o, now, |v, _| {
        if v.prefix != p.net() {
            format!("covering: {v}")
        } else if v.max_length == len {
            format!("exact: {v}")
        } else {
            format!("maxLength not /{len}: {v}")
        }
    })
}

// ---------------------------------------------------------------------------------------
// Oracle

const OCI_IDS_RDAP: [CheckId; 4] = [
    CheckId::RdapRegistry,
    CheckId::RdapRecord,
    CheckId::RdapAllocationType,
    CheckId::OciToken,
];

/// Oracle's checks of `inp` on the registry's evidence `ev`, into `b`.
pub(super) fn oci(b: &mut Builder, inp: &Inputs<'_>, ev: &Evidence<'_>) {
    let (record, id, texts) = (ev.record, ev.id.as_ref(), &ev.texts());
    let reg = id.and_then(|i| i.registry);
    if record_missing(
        b,
        inp.rdap.no_record(),
        &OCI_IDS_RDAP,
        CheckId::RdapRecord,
        &inp.prefix(),
        PREFIX_NOT_FOUND,
    ) {
        b.skip(CheckId::RdapAllocationType, "no record");
        b.proof([CheckId::OciToken], |b| {
            b.fail(
                CheckId::OciToken,
                "no record, so no token line",
                "register the prefix at ARIN, RIPE NCC or APNIC and add the token line to its record",
            );
        });
    }
    let placement = reg.and_then(|r| rules::placement(Cloud::Oci, r));
    if let (Some(rec), Some(id)) = (record, id) {
        let supported = cloud_registry_check(&mut b.citing(placement), Cloud::Oci, id);
        record_check(b, rec, inp.prefix(), inp.now, ripe_db_saved(&ev.ripe_db));
        // A record for another range: its type and token lines say nothing of this prefix
        // (at a registry Oracle reads; elsewhere rdap.registry says what to do).
        if let Some(why) = foreign_record(rec, inp.prefix()).filter(|_| supported) {
            b.not_run(CheckId::RdapAllocationType, why.clone());
            b.not_run(CheckId::OciToken, why);
        } else if supported {
            oci_type_check(b, reg, rec.network.kind.as_deref());
            b.proof([CheckId::OciToken], |b| {
                token_check(
                    &mut b.citing(std::iter::once(&rules::OCI_TOKEN).chain(placement)),
                    inp,
                    (reg, &ev.ripe_db),
                    texts,
                );
            });
        } else {
            oci_type_check(b, reg, rec.network.kind.as_deref());
            b.skip(
                CheckId::OciToken,
                "the registry is not one Oracle reads (see rdap.registry)",
            );
        }
    }
    no_irr_rule(b, inp.cloud);
    oci_roa_check(b, inp);
}

fn oci_type_check(b: &mut Builder, reg: Option<Registry>, kind: Option<&str>) {
    let id = CheckId::RdapAllocationType;
    // The types Oracle lists at the registry: the rules table's row, cited.
    let types_at = |r: Registry| rules::allocation_types(Cloud::Oci, r).map(rules::types_of);
    let mut b = b.citing(reg.and_then(|r| rules::allocation_types(Cloud::Oci, r)));
    let Some((r, k)) = record_type(&mut b, reg, kind, |r| types_at(r).is_some()) else {
        return;
    };
    let types = types_at(r).unwrap_or_default();
    if types.contains(&k.trim().to_ascii_uppercase().as_str()) {
        b.pass(id, format!("{k:?} is a type Oracle lists for {r}"));
    } else {
        b.warn(
            id,
            format!(
                "{k:?} is not among the types Oracle lists for {r} ({})",
                types.join(", ")
            ),
            "Oracle may refuse it; check the range's type with your registry",
        );
    }
}

/// `oci.token`: the token line in `texts`, the record's text at `reg` (`db`: the RIPE
/// Database object as read, whose `remarks:` RIPE's RDAP leaves out).
fn token_check(
    b: &mut Builder,
    inp: &Inputs<'_>,
    (reg, db): (Option<Registry>, &RipeDbEvidence),
    texts: &[Text],
) {
    let id = CheckId::OciToken;
    let p = inp.prefix();
    let token = match inp
        .token
        .map(|t| ocitoken::token_of(t, p.net()))
        .transpose()
    {
        Ok(t) => t,
        Err(why) => {
            b.fail(id, why, "give the token Oracle issued for this prefix");
            return;
        }
    };
    let found = ocitoken::search(texts, reg, p.net(), token);
    let expected = ocitoken::line(p.net(), token.unwrap_or("VALIDATION-TOKEN"));
    let where_to = ocitoken::where_it_goes(reg);
    let ripe_note = ripe_unread(db, reg).map(|why| {
        format!("the RIPE Database was not read ({why}), so remarks: lines were not seen")
    });
    let mut details: Vec<String> = found
        .near
        .iter()
        .skip(usize::from(found.found.is_empty()))
        .map(|n| format!("also: {}", n.describe()))
        .collect();
    details.extend(ripe_note);
    let check = match (found.found.first(), token) {
        (Some(s), Some(_)) => b.pass(id, format!("{expected} is in the {}", s.label)),
        (Some(s), None) => b.not_run(
            id,
            format!(
                "a token line for {p} is in the {} (token {:?}), but no validation token was given to compare it with",
                s.label, s.token
            ),
        ),
        (None, _) => match found.near.first() {
            Some(n) => b.fail(
                id,
                format!("no exact token line; found {}", n.describe()),
                format!("write the line {expected} {where_to}"),
            ),
            None => b.fail(
                id,
                format!("no OCITOKEN line for {p} in the record"),
                format!("write the line {expected} {where_to} (the console shows it ready; from the API, prefix the token with OCITOKEN::{p}:)"),
            ),
        },
    };
    check.details = details;
}

fn oci_roa_check(b: &mut Builder, inp: &Inputs<'_>) {
    // The rows applied: the origin for the region, and the six months ahead.
    let origin_row = rules::cloud_origins(
        Cloud::Oci,
        inp.region.as_ref().map(Region::as_str),
        inp.govcloud,
    );
    let rows: Vec<&'static rules::Rule> = origin_row
        .into_iter()
        .chain([&rules::OCI_ROA_VALIDITY])
        .collect();
    let mut b = b.citing(rows.iter().copied());
    let b = &mut *b;
    let profile = Cloud::Oci.profile();
    let origins = required_origins(Cloud::Oci, inp.region.as_ref(), inp.govcloud);
    let min_days = profile.roa.min_validity_days.unwrap_or(0);
    let now = inp.now.timestamp();
    for asn in origins {
        let id = CheckId::Roa(asn);
        let Some(o) = super::roa::origin_of(b, id.clone(), &inp.roa, asn, inp.prefix(), now) else {
            continue;
        };
        // RFC 6811 coverage first, as AWS's rule: not covered, its verdict is the check;
        // covered, Oracle's six months too, and the check is made once from both.
        if o.state != crate::roa::RoaState::Valid {
            super::roa::roa_check(b, id, &o, None, now);
            continue;
        }
        let chain = o.expiry_span == Some(ExpirySpan::Chain);
        let covered = super::roa::may_originate(&o);
        let (status, message, hint) = match validity(&o, now, min_days) {
            // The ROA lasts at least as long as its chain.
            Validity::Enough { until } if chain => (
                Status::Pass,
                format!(
                    "{covered}; valid until at least {} (the earliest end in its validation chain)",
                    date(until)
                ),
                None,
            ),
            Validity::Enough { until } => (
                Status::Pass,
                format!("{covered}; valid until {}", date(until)),
                None,
            ),
            // A chain date is no ROA date: never fail on it, say what to verify.
            Validity::TooSoon { until } if chain => (
                Status::Warn,
                format!(
                    "{covered}; the validated data expires on {}, {CHAIN_DATE}, so Oracle's six months ahead was not confirmed",
                    date(until)
                ),
                Some(format!(
                    "check the ROA for AS{asn} in your RIR's RPKI portal (or Routinator's csvext, which gives the ROA's own end): Oracle asks for an expiry at least six months ahead"
                )),
            ),
            Validity::TooSoon { until } => (
                Status::Fail,
                format!(
                    "{covered}; but the ROA expires {}, less than the {min_days} days (six months) ahead Oracle asks",
                    date(until)
                ),
                Some(format!(
                    "renew the ROA for AS{asn} with an expiry at least six months in the future"
                )),
            ),
            // Half of Oracle's rule was not looked at: not a pass (as any check whose
            // evidence is missing), but not-run with what would show it.
            Validity::Unknown => (
                Status::NotRun,
                format!(
                    "{covered}; but the ROA source gives no expiry, so Oracle's six months ahead was not checked: use a VRP file from an rpki-client export (CSV, JSON or roa-set) or Routinator's csvext/jsonext, which carry it"
                ),
                None,
            ),
        };
        let check = match status {
            Status::Pass => super::roa::passed(b, id, &o, message, now),
            _ => b.add(id, status, message, hint),
        };
        check.details = super::roa::origin_details(&o, "matched", now);
    }
}

/// What a chain date is, for the checks that judge a ROA's expiry.
const CHAIN_DATE: &str = "which may be a manifest's or CRL's next update rather than the ROA's own end (the ROA source gives the earliest end in its validation chain, as rpki-client's expires does)";

fn date(unix: i64) -> String {
    crate::roa::day(unix)
}

/// The check ids `cloud`'s report holds, in report order; `roa.as<N>` follow, one per
/// origin the cloud needs, then `roa.current-origin`. AWS's are [`super::CHECK_IDS`]
/// (then `dns.*` under `dns-token`, [`super::DNS_CHECK_IDS`]).
///
/// Public so that a program can lay out a report's rows (a table, a form, a list of what
/// will be judged) before it has evidence to run the check with.
pub fn check_ids(cloud: Cloud) -> &'static [CheckId] {
    match cloud {
        Cloud::Azure => &[
            CheckId::PrefixCanonical,
            CheckId::PrefixSize,
            CheckId::PrefixPublic,
            CheckId::MessageFormat,
            CheckId::MessageCidr,
            CheckId::MessageSubscription,
            CheckId::MessageExpiry,
            CheckId::SignatureLocal,
            CheckId::KeyCertMatch,
            CheckId::CertValidity,
            CheckId::CertKeySize,
            CheckId::CertSelfSigned,
            CheckId::RdapRegistry,
            CheckId::RdapRecord,
            CheckId::RdapCertificate,
            CheckId::RdapSignature,
            CheckId::IrrRoute,
        ],
        Cloud::Oci => &[
            CheckId::PrefixCanonical,
            CheckId::PrefixSize,
            CheckId::PrefixPublic,
            CheckId::RdapRegistry,
            CheckId::RdapRecord,
            CheckId::RdapAllocationType,
            CheckId::OciToken,
            CheckId::IrrRoute,
        ],
        _ => super::CHECK_IDS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Report, RoaEvidence, Signed, run};

    #[test]
    fn every_azure_code_the_report_names_is_one_azure_documents() {
        let roa = [ExactState::Inexact, ExactState::NotFound].map(|s| s.azure_code().unwrap());
        for code in codes::ALL.into_iter().chain(roa) {
            assert!(
                Cloud::Azure.profile().failure_codes.contains(&code),
                "{code}"
            );
        }
    }

    fn inputs(cloud: Cloud, rdap: RdapEvidence) -> Inputs<'static> {
        let mut i = Inputs::for_cloud(cloud, "62.239.237.0/24", crate::date::test_now()).unwrap();
        // Oracle's token, which Azure does not read.
        i.token = (cloud == Cloud::Oci).then_some("t");
        i.rdap = rdap;
        i.roa = RoaEvidence::Unavailable("no ROAs in this test".into());
        i
    }

    fn status(r: &Report, id: CheckId) -> Status {
        r.get(&id).unwrap_or_else(|| panic!("no {id}")).status
    }

    #[test]
    fn what_the_lint_finds_of_the_messages_prefix_is_judged_by_the_prefix_checks() {
        // A /25 (shorter than Azure documents: a warning) of documentation space, in the
        // message and given: prefix.size warns and prefix.public fails, as the lint finds;
        // message.format is about the form alone, so the same problem is not a second
        // line under another id.
        let sig = crate::signature::SignatureText::from("c2ln");
        let message = "6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab|198.51.100.0/25|20271231";
        let mut i =
            Inputs::for_cloud(Cloud::Azure, "198.51.100.0/25", crate::date::test_now()).unwrap();
        i.signed = Some(Signed::new(message.as_bytes(), &sig));
        let r = run(&i);
        assert_eq!(status(&r, CheckId::PrefixSize), Status::Warn);
        assert_eq!(status(&r, CheckId::PrefixPublic), Status::Fail);
        assert_eq!(status(&r, CheckId::MessageFormat), Status::Pass);
        assert_eq!(status(&r, CheckId::MessageCidr), Status::Pass);
    }

    #[test]
    fn without_a_record_nothing_about_it_passes() {
        for cloud in [Cloud::Azure, Cloud::Oci] {
            let gone = run(&inputs(
                cloud,
                RdapEvidence::NotFound {
                    url: "http://127.0.0.1/ip/x".into(),
                },
            ));
            assert_eq!(status(&gone, CheckId::RdapRecord), Status::Fail, "{cloud}");
            let proof = if cloud == Cloud::Azure {
                CheckId::RdapCertificate
            } else {
                CheckId::OciToken
            };
            assert_eq!(status(&gone, proof.clone()), Status::Fail, "{cloud}");
            let down = run(&inputs(cloud, RdapEvidence::Unavailable("down".into())));
            assert_eq!(status(&down, proof.clone()), Status::NotRun, "{cloud}");
            assert!(!down.complete() && !down.ok());
            let local = run(&inputs(cloud, RdapEvidence::NotAsked("local".into())));
            assert_eq!(status(&local, proof), Status::Skip, "{cloud}");
            // The ROAs were not gathered: never a pass.
            let roa = CheckId::Roa(required_origins(cloud, None, false)[0]);
            assert_eq!(status(&local, roa), Status::NotRun, "{cloud}");
        }
    }

    #[test]
    fn a_record_for_another_range_never_passes_the_proof_key_or_type() {
        let saved = include_bytes!("../../testdata/rdap/synthetic/arin-oci-token.json");
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        for cloud in [Cloud::Azure, Cloud::Oci] {
            // The record is 192.198.0.0/22; the prefix is RIPE NCC space elsewhere.
            let mut inp = inputs(
                cloud,
                RdapEvidence::from_saved(saved, "arin-oci-token.json").unwrap(),
            );
            inp.certificate = Some(&cert);
            let r = run(&inp);
            assert_eq!(status(&r, CheckId::RdapRecord), Status::Fail, "{cloud}");
            let judged: &[CheckId] = if cloud == Cloud::Azure {
                &[
                    CheckId::KeyCertMatch,
                    CheckId::RdapCertificate,
                    CheckId::RdapSignature,
                ]
            } else {
                &[CheckId::RdapAllocationType, CheckId::OciToken]
            };
            for id in judged {
                let c = r.get(id).unwrap();
                assert_eq!(c.status, Status::NotRun, "{cloud} {id}: {c:?}");
                assert!(
                    c.message
                        .contains("covers 192.198.0.0/22 (NET-192-198-0-0-1), not 62.239.237.0/24"),
                    "{cloud} {id}: {}",
                    c.message
                );
            }
            assert!(!r.ok(), "{cloud}");
        }
    }

    #[test]
    fn two_different_certificates_where_azure_reads_warn() {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let mut inp =
            Inputs::for_cloud(Cloud::Azure, "192.198.0.0/24", crate::date::test_now()).unwrap();
        inp.rdap = crate::check::tests::record_with_two_certificates();
        inp.certificate = Some(&cert);
        let r = run(&inp);
        let c = r.get(&CheckId::RdapCertificate).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message
                .starts_with("2 different certificates where Azure reads")
                && c.message
                    .contains("Azure does not document which one it reads"),
            "{}",
            c.message
        );
        let listed: Vec<&String> = c
            .details
            .iter()
            .filter(|d| d.starts_with("subject "))
            .collect();
        assert_eq!(listed.len(), 2, "{:?}", c.details);
        assert!(
            listed[0].ends_with(": holds your key (the certificate or key you gave)"),
            "{}",
            listed[0]
        );
        // The record as published, one certificate: a pass.
        inp.rdap = RdapEvidence::from_saved(
            include_bytes!("../../testdata/rdap/synthetic/arin-good.json"),
            "one.json",
        )
        .unwrap();
        assert_eq!(status(&run(&inp), CheckId::RdapCertificate), Status::Pass);
    }

    #[test]
    fn two_certificates_of_your_key_judge_alike_in_either_order_for_azure() {
        let cert = Certificate::from_bytes(include_bytes!("../../testdata/demo-cert.pem")).unwrap();
        let report = |record: &[u8]| {
            let mut inp =
                Inputs::for_cloud(Cloud::Azure, "192.198.0.0/24", crate::date::test_now()).unwrap();
            inp.rdap = RdapEvidence::from_saved(record, "two.json").unwrap();
            inp.certificate = Some(&cert);
            run(&inp)
        };
        let valid_first = report(include_bytes!(
            "../../testdata/rdap/synthetic/arin-two-certs-valid-first.json"
        ));
        let expired_first = report(include_bytes!(
            "../../testdata/rdap/synthetic/arin-two-certs-expired-first.json"
        ));
        for r in [&valid_first, &expired_first] {
            let c = r.get(&CheckId::CertValidity).unwrap();
            assert_eq!(c.code, Some("CertFromRIRPageExpired"), "{c:?}");
        }
        crate::check::tests::assert_two_certificates_judged_alike(
            &valid_first,
            &expired_first,
            "Azure",
        );
    }

    #[test]
    fn azure_lacnic_space_is_a_support_ticket_left_out_and_never_ready() {
        let saved = include_bytes!("../../testdata/rdap/lacnic_200_57_141_161.json");
        let mut i =
            Inputs::for_cloud(Cloud::Azure, "200.57.141.161/32", crate::date::test_now()).unwrap();
        i.rdap = RdapEvidence::from_saved(saved, "lacnic.json").unwrap();
        i.roa = RoaEvidence::NotAsked("local".into());
        let r = run(&i);
        let c = r.get(&CheckId::RdapRegistry).unwrap();
        assert_eq!(
            (c.status, c.message.as_str(), c.code),
            (
                Status::Skip,
                "LACNIC space: create a support ticket with Microsoft",
                None
            )
        );
        assert!(c.is_left_out());
        assert!(
            c.rules().contains(&"azure.placement.lacnic"),
            "{:?}",
            c.rules()
        );
        assert!(!r.ready());
        // The proof is not read from the record: nothing there is judged as missing.
        assert_eq!(status(&r, CheckId::RdapCertificate), Status::Skip);
        assert!(r.checks.iter().all(|c| c.code.is_none()), "{:?}", r.checks);
        // AFRINIC: read, with the hint that its space stays in African regions.
        let saved = include_bytes!("../../testdata/rdap/afrinic_196_11_240_215.json");
        let mut i =
            Inputs::for_cloud(Cloud::Azure, "196.11.240.0/24", crate::date::test_now()).unwrap();
        i.rdap = RdapEvidence::from_saved(saved, "afrinic.json").unwrap();
        let r = run(&i);
        let c = r.get(&CheckId::RdapRegistry).unwrap();
        assert_eq!(c.status, Status::Pass, "{}", c.message);
        assert!(
            c.hint
                .as_deref()
                .unwrap()
                .contains(codes::AFRICA_SOUTH_AMERICA_ONLY),
            "{:?}",
            c.hint
        );
        assert!(
            c.rules().contains(&"azure.regions.afrinic-lacnic"),
            "{:?}",
            c.rules()
        );
        // Oracle documents neither registry: a failure, as before.
        let mut i =
            Inputs::for_cloud(Cloud::Oci, "196.11.240.0/24", crate::date::test_now()).unwrap();
        i.rdap = RdapEvidence::from_saved(saved, "afrinic.json").unwrap();
        i.token = Some("t");
        assert_eq!(status(&run(&i), CheckId::RdapRegistry), Status::Fail);
    }

    #[test]
    fn oracle_government_inputs_are_refused_and_judge_nothing() {
        for (region, gov) in [(Some("us-luke-1"), false), (None, true)] {
            let mut i = inputs(Cloud::Oci, RdapEvidence::NotAsked("local".into()));
            i.region = region.map(|r| r.parse().unwrap());
            i.govcloud = gov;
            assert!(matches!(
                i.validate(),
                Err(crate::Error::Undocumented { .. })
            ));
            assert!(i.roa_origins().is_empty());
            let r = run(&i);
            assert_eq!(r.checks.len(), 1, "{:?}", r.checks);
            assert_eq!(r.checks[0].status, Status::NotRun);
            assert!(
                r.checks[0].message.starts_with("not judged: "),
                "{}",
                r.checks[0].message
            );
            assert!(r.checks[0].hint.is_some());
            assert_eq!(r.checks[0].rules(), ["oci.roa.origins.government"]);
            assert!(!r.ready());
        }
        // Azure's government cloud is documented (AS8070): judged as before.
        let mut i = inputs(Cloud::Azure, RdapEvidence::NotAsked("local".into()));
        i.govcloud = true;
        assert!(i.validate().is_ok());
        assert!(run(&i).checks.len() > 1);
    }

    #[test]
    fn a_saved_ripe_database_answer_shows_its_age_on_the_record() {
        let now: DateTime<Utc> = "2031-06-01T00:00:00Z".parse().unwrap();
        let mut inp = inputs(
            Cloud::Oci,
            RdapEvidence::from_saved(
                include_bytes!("../../testdata/rdap/synthetic/ripe-good.json"),
                "ripe-good.json",
            )
            .unwrap(),
        );
        inp.now = now;
        inp.ripe_db = RipeDbEvidence::from_saved(
            include_bytes!("../../testdata/ripedb/oci-token.json"),
            "oci-token.json",
        )
        .unwrap()
        .saved_at(now - chrono::Duration::days(45));
        let r = run(&inp);
        let c = r.get(&CheckId::RdapRecord).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.message
                .contains("the saved answer oci-token.json is 45 days old"),
            "{}",
            c.message
        );
        assert!(
            c.details.contains(
                &"saved answer oci-token.json: file modified 2031-04-17 00:00 UTC, 45 days before the report's time — a copy or a clone resets this"
                    .to_string()
            ),
            "{:?}",
            c.details
        );
        // Saved by `ripedb fetch`: its recorded fetch time is the age, whatever the file's.
        let saved = crate::ripedb::save(
            include_bytes!("../../testdata/ripedb/oci-token.json"),
            now - chrono::Duration::days(45),
            "https://rest.db.ripe.net/ripe/inetnum/x",
        );
        // The file's time beside it (the CLI gives one whenever it can read it) does not
        // stand in for the recorded one.
        inp.ripe_db = RipeDbEvidence::from_saved(&saved, "saved.json")
            .unwrap()
            .saved_at(now - chrono::Duration::days(2));
        let r = run(&inp);
        let c = r.get(&CheckId::RdapRecord).unwrap();
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert!(
            c.details.contains(
                &"saved answer saved.json: fetched 2031-04-17 00:00 UTC from https://rest.db.ripe.net/ripe/inetnum/x (recorded in the saved file), 45 days before the report's time"
                    .to_string()
            ),
            "{:?}",
            c.details
        );
    }

    #[test]
    fn the_prefix_judged_is_the_one_the_text_denotes() {
        for cloud in [Cloud::Azure, Cloud::Oci] {
            let inp = Inputs::for_cloud(cloud, "62.239.237.5/24", crate::date::test_now()).unwrap();
            assert_eq!(inp.prefix().to_string(), "62.239.237.0/24");
            let r = run(&inp);
            assert_eq!(r.cidr, "62.239.237.5/24");
            assert_eq!(
                status(&r, CheckId::PrefixCanonical),
                Status::Fail,
                "{cloud}"
            );
            let c = r.get(&CheckId::PrefixCanonical).unwrap();
            assert_eq!(c.hint.as_deref(), Some("use 62.239.237.0/24"));
            assert!(Inputs::for_cloud(cloud, "62.239.237.5", crate::date::test_now()).is_err());
        }
        // Nothing given: the evidence checks skip or do not run, none passes.
        let r = run(
            &Inputs::for_cloud(Cloud::Oci, "62.239.237.0/24", crate::date::test_now()).unwrap(),
        );
        assert_eq!(status(&r, CheckId::RdapRecord), Status::Skip);
    }

    #[test]
    fn an_input_of_another_cloud_is_refused_never_left_unread() {
        let now = crate::date::test_now();
        let account = "123456789012".parse().unwrap();
        // The cloud judged, the input of another cloud given, and how the error names it.
        type Case<'c> = (Cloud, &'c dyn Fn(&mut Inputs<'static>), &'c str);
        let cases: [Case<'_>; 6] = [
            (
                Cloud::Azure,
                &|i| i.account = Some(account),
                "an AWS account",
            ),
            (
                Cloud::Oci,
                &|i| i.service = crate::Service::Ipam,
                "an AWS service",
            ),
            (
                Cloud::Azure,
                &|i| i.token = Some("t"),
                "an Oracle validation token",
            ),
            (
                Cloud::Aws,
                &|i| i.subscription = Some("6f1b3c2a-9d4e-4f5a-8b7c-0123456789ab".parse().unwrap()),
                "an Azure subscription",
            ),
            (
                Cloud::Aws,
                &|i| i.region = Some("eu-jovanovac-1".parse().unwrap()),
                "an Oracle region",
            ),
            (
                Cloud::Azure,
                &|i| {
                    i.method = crate::check::VerificationMethod::DnsToken {
                        token: crate::dnstoken::Token::new("t", "v").unwrap(),
                        dns: crate::check::DnsEvidence::NotAsked("local".into()),
                    }
                },
                "dns-token verification (VPC IPAM's)",
            ),
        ];
        for (cloud, set, what) in cases {
            let mut i = Inputs::for_cloud(cloud, "62.239.237.0/24", now).unwrap();
            assert!(i.validate().is_ok(), "{cloud}");
            set(&mut i);
            let e = i.validate().unwrap_err();
            assert!(
                matches!(&e, crate::Error::WrongCloud { input, .. } if *input == what),
                "{cloud}: {e}"
            );
            assert_eq!(
                e.to_string(),
                format!(
                    "{what} does not apply to {}: its report does not read it",
                    cloud.vendor()
                )
            );
            assert!(i.roa_origins().is_empty(), "{cloud}");
            // Nothing is judged, not even the prefix: the one check is the refusal, citing
            // no row (no rule is about it).
            let r = run(&i);
            assert_eq!(r.checks.len(), 1, "{:?}", r.checks);
            assert_eq!(r.cloud, cloud);
            assert_eq!(r.checks[0].status, Status::NotRun);
            assert!(r.checks[0].rules().is_empty());
            assert!(!r.ok() && !r.complete() && !r.ready());
        }
    }

    #[test]
    fn every_report_holds_the_cloud_ids_in_order() {
        for cloud in [Cloud::Azure, Cloud::Oci] {
            let r = run(&inputs(cloud, RdapEvidence::NotAsked("local".into())));
            let mut want: Vec<CheckId> = check_ids(cloud).to_vec();
            want.extend(
                required_origins(cloud, None, false)
                    .into_iter()
                    .map(CheckId::Roa),
            );
            want.push(CheckId::RoaCurrentOrigin);
            let got: Vec<CheckId> = r.checks.iter().map(|c| c.id.clone()).collect();
            assert_eq!(got, want, "{cloud}");
        }
    }

    #[test]
    fn roa_evidence_for_another_prefix_is_not_judged() {
        let vrps = crate::roa::vrps::parse(
            b"ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS8075,198.51.100.0/24,24,ripe,4102444800\nAS31898,198.51.100.0/24,24,ripe,4102444800\n",
            "t.csv",
        )
        .unwrap();
        for cloud in [Cloud::Azure, Cloud::Oci] {
            let mut inp = inputs(cloud, RdapEvidence::NotAsked("local".into()));
            let origins = inp.roa_origins();
            let roa = CheckId::Roa(origins[0]);
            // The same ROAs judged for the prefix they cover pass.
            let covered = "198.51.100.0/24";
            inp.cidr = crate::prefix::Cidr::parse(covered).unwrap();
            inp.roa = RoaEvidence::from_vrps(&vrps, inp.prefix(), &origins, "t.csv");
            assert_eq!(status(&run(&inp), roa.clone()), Status::Pass, "{cloud}");
            // Given for another prefix, they are not judged: never a pass, nor a fail.
            let mut inp = inputs(cloud, RdapEvidence::NotAsked("local".into()));
            inp.roa = RoaEvidence::from_vrps(&vrps, covered.parse().unwrap(), &origins, "t.csv");
            let r = run(&inp);
            let c = r.get(&roa).unwrap();
            assert_eq!(c.status, Status::NotRun, "{cloud}: {}", c.message);
            assert!(
                c.message
                    .contains("computed for 198.51.100.0/24, not 62.239.237.0/24"),
                "{cloud}: {}",
                c.message
            );
        }
    }

    #[test]
    fn each_cloud_names_its_origins() {
        let asns = |cloud, region: Option<&str>, gov| -> Vec<u32> {
            let mut inp = inputs(cloud, RdapEvidence::NotAsked("local".into()));
            inp.region = region.map(|r| r.parse().unwrap());
            inp.govcloud = gov;
            inp.roa_origins().iter().map(|a| a.get()).collect()
        };
        assert_eq!(asns(Cloud::Azure, None, false), [8075]);
        assert_eq!(asns(Cloud::Azure, None, true), [8070]);
        assert_eq!(asns(Cloud::Oci, None, false), [31898]);
        assert_eq!(asns(Cloud::Oci, Some("eu-jovanovac-1"), false), [14544]);
    }
}
