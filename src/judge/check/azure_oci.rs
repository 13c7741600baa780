//! Azure's and Oracle's reports on a prefix, after what [`super::run`] makes for every
//! cloud: Microsoft Azure's Custom IP Prefix and Oracle Cloud Infrastructure's BYOIP, each
//! judged by its own rules from the same kinds of evidence (the registry record, the RIPE
//! Database object where RDAP hides a field, the ROAs). The per-cloud facts come from
//! [`crate::Profile`]; the rules and their sources:
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

use chrono::{DateTime, Utc};

use super::{Builder, CheckId};
use crate::{
    asn::Asn,
    cloud::{Cloud, Field},
    rdap::Identification,
    registry::Registry,
    ripedb::RipeObject,
    rules::profile::Region,
};

mod azure;
mod oci;

pub(super) use azure::azure;
pub(super) use oci::oci;

/// Azure's failure codes this report names beyond the message's, the signature's and the
/// ROAs' ([`crate::roa::cloud::ExactState::azure_code`]). Crate-private:
/// a library user reads a check's code from its report, and every code Azure documents from
/// [`crate::rules::profile::Profile::failure_codes`].
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
fn ripe_db_saved(db: &RipeDbEvidence) -> Option<(&str, super::saved::SavedWhen<'_>)> {
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
        (Some(f), _) => super::saved::SavedWhen::Fetched(f),
        // A REST answer saved by hand (curl) records no fetch time.
        (None, Some(at)) => super::saved::SavedWhen::Modified {
            at: *at,
            recordable: false,
        },
        (None, None) => super::saved::SavedWhen::Now,
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
        )
        .remedy([crate::error::Remedy::Give(crate::error::Input::RdapServer)]);
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
            )
            .remedy([crate::error::Remedy::Run(crate::error::Step::Rules)]);
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
    use crate::certificate::Certificate;
    use crate::check::{Inputs, RdapEvidence, Report, RoaEvidence, Signed, Status, run};
    use crate::roa::cloud::ExactState;

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
        let saved = include_bytes!("../../../testdata/rdap/synthetic/arin-oci-token.json");
        let cert =
            Certificate::from_bytes(include_bytes!("../../../testdata/demo-cert.pem")).unwrap();
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
        let cert =
            Certificate::from_bytes(include_bytes!("../../../testdata/demo-cert.pem")).unwrap();
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
            include_bytes!("../../../testdata/rdap/synthetic/arin-good.json"),
            "one.json",
        )
        .unwrap();
        assert_eq!(status(&run(&inp), CheckId::RdapCertificate), Status::Pass);
    }

    #[test]
    fn two_certificates_of_your_key_judge_alike_in_either_order_for_azure() {
        let cert =
            Certificate::from_bytes(include_bytes!("../../../testdata/demo-cert.pem")).unwrap();
        let report = |record: &[u8]| {
            let mut inp =
                Inputs::for_cloud(Cloud::Azure, "192.198.0.0/24", crate::date::test_now()).unwrap();
            inp.rdap = RdapEvidence::from_saved(record, "two.json").unwrap();
            inp.certificate = Some(&cert);
            run(&inp)
        };
        let valid_first = report(include_bytes!(
            "../../../testdata/rdap/synthetic/arin-two-certs-valid-first.json"
        ));
        let expired_first = report(include_bytes!(
            "../../../testdata/rdap/synthetic/arin-two-certs-expired-first.json"
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
        let saved = include_bytes!("../../../testdata/rdap/lacnic_200_57_141_161.json");
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
        let saved = include_bytes!("../../../testdata/rdap/afrinic_196_11_240_215.json");
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

    /// Oracle's token line in the record with no token given to compare it with: not run,
    /// and what to do is to give the token, as a value.
    #[test]
    fn a_token_line_without_a_token_asks_for_the_token() {
        let mut inp = inputs(
            Cloud::Oci,
            RdapEvidence::from_saved(
                include_bytes!("../../../testdata/rdap/synthetic/ripe-good.json"),
                "ripe-good.json",
            )
            .unwrap(),
        );
        inp.ripe_db = RipeDbEvidence::from_saved(
            include_bytes!("../../../testdata/ripedb/oci-token.json"),
            "oci-token.json",
        )
        .unwrap();
        inp.token = None;
        inp.eligibility_only = false;
        let r = run(&inp);
        let c = r.get(&CheckId::OciToken).unwrap();
        assert_eq!(c.status, Status::NotRun, "{c:?}");
        assert_eq!(
            c.remedies(),
            [crate::error::Remedy::Give(
                crate::error::Input::ValidationToken
            )]
        );
    }

    #[test]
    fn a_saved_ripe_database_answer_shows_its_age_on_the_record() {
        let now: DateTime<Utc> = "2031-06-01T00:00:00Z".parse().unwrap();
        let mut inp = inputs(
            Cloud::Oci,
            RdapEvidence::from_saved(
                include_bytes!("../../../testdata/rdap/synthetic/ripe-good.json"),
                "ripe-good.json",
            )
            .unwrap(),
        );
        inp.now = now;
        inp.ripe_db = RipeDbEvidence::from_saved(
            include_bytes!("../../../testdata/ripedb/oci-token.json"),
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
            include_bytes!("../../../testdata/ripedb/oci-token.json"),
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
                    i.dns_token = Some(crate::check::DnsToken {
                        token: crate::dnstoken::Token::new("t", "v").unwrap(),
                        dns: crate::check::DnsEvidence::NotAsked("local".into()),
                    });
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
