//! `roa.as<N>`: a ROA authorizing each Amazon ASN to originate the prefix (RFC 6811 origin
//! validation) with the maxLength each AWS service demands ([`MaxLength`]): AWS,
//! "Prerequisites for BYOIP in Amazon EC2"; the Global Accelerator Developer Guide's
//! BYOIP "Requirements"; VPC IPAM, "Tutorial: Bring your IP addresses to IPAM" (docs/rules.md,
//! "ROAs").
//!
//! `roa.origin`: CloudFront, whose guide ("Bring your own IP to CloudFront using IPAM
//! (supports IPv4 and IPv6)") asks for ROAs and names no origin ASN. No ROA covering the
//! prefix fails, as does a maxLength no CloudFront announcement could use; ROAs that could
//! serve warn, naming their origins for the user to verify with AWS.

use super::{Builder, CheckId, CurrentOrigin, Inputs, RoaEvidence};
use crate::{
    asn::Asn,
    error::{Change, Remedy},
    prefix::Prefix,
    roa::{
        ANY_ORIGIN, BuildTime, MAX_EXPORT_AGE_DAYS, Origin, RoaState, Vrp, required_asns,
        vrps::VrpFile,
    },
    rules,
    service::Service,
};

impl RoaEvidence {
    /// The evidence in a saved VRP file ([`crate::roa::vrps::parse`]) for `prefix` with
    /// each of `asns` as origin, in that order: what a report needs when given the origins
    /// it asks for ([`Inputs::roa_origins`], [`super::AsnInputs::roa_origins`]). `source` names the file in the report. Each
    /// origin keeps the expiries the file gives, so a ROA that has expired by the report's
    /// time authorizes nothing, and the file's build time where it records one, so an
    /// export more than [`crate::roa::MAX_EXPORT_AGE_DAYS`] days older than the report's
    /// time is not judged (its `roa.*` checks are not run).
    ///
    /// ```
    /// use byoip::check::{self, CheckId, Inputs, RoaEvidence, Status};
    /// use byoip::roa::vrps;
    ///
    /// let saved = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/vrp/100.csv"))
    ///     .unwrap();
    /// let file = vrps::parse(&saved, "100.csv")?;
    /// let mut inputs = Inputs::new("12.34.56.0/24", byoip::Service::Ec2, byoip::chrono::Utc::now())?;
    /// inputs.roa = RoaEvidence::from_vrps(&file, inputs.prefix(), &inputs.roa_origins(), "100.csv");
    /// let report = check::run(&inputs);
    /// // The file authorizes AS1234, not Amazon's ASNs.
    /// let roa = report.get(&CheckId::Roa(byoip::Asn::new(16509))).unwrap();
    /// assert_eq!(roa.status, Status::Fail);
    /// assert!(roa.message.contains("none authorizes AS16509"), "{}", roa.message);
    /// # Ok::<(), byoip::Error>(())
    /// ```
    pub fn from_vrps(file: &VrpFile, prefix: Prefix, asns: &[Asn], source: &str) -> RoaEvidence {
        RoaEvidence::Origins(
            asns.iter()
                .map(|&asn| file.validate(asn, prefix, source))
                .collect(),
        )
    }
}

impl Inputs<'_> {
    /// The origins whose ROAs this report judges, in check order: the cloud's (AWS,
    /// "Prerequisites for BYOIP in Amazon EC2": Amazon's ASNs for the service and
    /// partition, none for IPv6 that is not advertised; Azure's AS8075, AS8070 for US
    /// Government; Oracle's AS31898, AS14544 in Serbia Central), none for inputs
    /// [`Inputs::validate`] refuses; then the ASNs announcing the prefix today
    /// ([`Inputs::origin`], judged by `roa.current-origin`) that are not the cloud's. Give
    /// their evidence with [`RoaEvidence::from_vrps`].
    pub fn roa_origins(&self) -> Vec<Asn> {
        with_current(self.cloud_origins(), &self.origin)
    }

    /// The cloud's ASNs this report wants ROAs for (none for AWS's IPv6 that is not
    /// advertised, nor for inputs refused; CloudFront's one question for every covering
    /// ROA).
    pub(super) fn cloud_origins(&self) -> Vec<Asn> {
        if self.validate().is_err() {
            return Vec::new();
        }
        if self.cloud != crate::cloud::Cloud::Aws {
            return super::azure_oci::required_origins(
                self.cloud,
                self.region.as_ref(),
                self.govcloud,
            );
        }
        // CloudFront names no origin: one question brings back every covering ROA. It
        // announces every range it takes, IPv6 too.
        if self.service == Service::Cloudfront {
            return vec![ANY_ORIGIN];
        }
        // AWS needs no ROA for a range it will not announce, and only IPv6 can opt out.
        if !self.prefix().is_ipv4() && !self.advertise {
            return Vec::new();
        }
        required_asns(self.service, self.govcloud)
    }
}

/// `cloud`'s origins, then those of `current` not among them; none when the cloud wants no
/// ROA (today's route is then left as it is).
pub(super) fn with_current(mut cloud: Vec<Asn>, current: &CurrentOrigin) -> Vec<Asn> {
    if cloud.is_empty() {
        return cloud;
    }
    for a in current.asns() {
        if !cloud.contains(a) {
            cloud.push(*a);
        }
    }
    cloud
}

/// `roa.current-origin` (advisory): a ROA authorizes each ASN announcing `p` today, so
/// its route stays valid once the ROAs for `cloud` (the cloud's ASNs; empty when it wants
/// none) exist: RFC 6811 §2 makes a route Invalid once any VRP covers it and none matches
/// it. AWS, "Prerequisites for BYOIP in Amazon EC2": "you must create a ROA for your
/// existing ASN before creating the ROAs for Amazon's ASNs"; Azure: "recommended to create
/// a ROA for any existing ASN". It warns, passes or is skipped by rule, never fails and
/// never is left out or not run: it never stands in the way of ready.
pub(crate) fn current_origin_check(
    b: &mut Builder,
    current: &CurrentOrigin,
    roa: &RoaEvidence,
    p: Prefix,
    cloud: &[Asn],
    now: i64,
) {
    let id = CheckId::RoaCurrentOrigin;
    const ASK: &str = "give the announcing ASN, or say the prefix is not announced";
    if cloud.is_empty() {
        b.skip(
            id,
            format!("the cloud wants no ROA for {p}: a route announced today is not affected"),
        );
        return;
    }
    let (asns, source) = match current {
        CurrentOrigin::Unknown(why) => {
            b.skip(id, format!("{why}: {ASK}")).hint = Some(format!(
                "if {p} is announced today, create a ROA for that ASN before the cloud's ROAs, or its route turns RPKI-invalid"
            ));
            return;
        }
        CurrentOrigin::NotAnnounced { source } => {
            b.pass(
                id,
                format!(
                    "{p} is not announced today ({source}): no route of today's turns RPKI-invalid"
                ),
            );
            return;
        }
        CurrentOrigin::Announced { asns, source } => (asns, source),
    };
    let origins = match roa {
        RoaEvidence::NotAsked(why) | RoaEvidence::Unavailable(why) => {
            b.skip(
                id,
                format!(
                    "announced today by {} ({source}), but its ROAs were not checked: {why}",
                    as_list(asns)
                ),
            );
            return;
        }
        RoaEvidence::Origins(o) => o,
    };
    let mut details = vec![format!("announced today by {} ({source})", as_list(asns))];
    let mut missing: Vec<(Asn, String)> = Vec::new();
    let mut unjudged: Vec<String> = Vec::new();
    let mut authorized: Vec<String> = Vec::new();
    for &asn in asns {
        let o = match answer(origins, asn, p, now) {
            Answer::Judged(o) => o,
            Answer::Stale { origin, built } => {
                unjudged.push(format!(
                    "the VRP export {} was built {} before the report's time: older than {MAX_EXPORT_AGE_DAYS} days",
                    origin.source,
                    age(now - built)
                ));
                continue;
            }
            Answer::OtherPrefix(_) | Answer::Missing => {
                unjudged.push(format!("the ROA source gave no answer for AS{asn}"));
                continue;
            }
        };
        if o.state != RoaState::Valid && o.expired_by_chain_only() {
            unjudged.push(stale_chain(&o));
            continue;
        }
        details.extend(origin_details(&o, "authorizes it", now));
        match o.state {
            RoaState::Valid => authorized.push(list(&o.matched)),
            RoaState::InvalidLength => missing.push((
                asn,
                format!(
                    "the ROA for AS{asn} is too short for a /{}: {}",
                    p.prefix_len(),
                    list(&o.too_short)
                ),
            )),
            _ => missing.push((asn, format!("no ROA authorizes AS{asn}"))),
        }
    }
    let check = if let Some(&(first, _)) = missing.first() {
        let why: Vec<&str> = missing.iter().map(|(_, w)| w.as_str()).collect();
        b.warn(
            id,
            format!(
                "{} announces {p} today and {}: once the cloud's ROAs exist, today's route from AS{first} turns RPKI-invalid: create its ROA first",
                as_list(asns),
                why.join("; ")
            ),
            format!(
                "create a ROA for AS{first} covering {p} with maxLength {} at your registry's RPKI portal before the cloud's ROAs, and keep it until the move is done",
                p.prefix_len()
            ),
        )
    } else if !unjudged.is_empty() {
        b.skip(
            id,
            format!(
                "announced today by {}, but its ROA could not be judged: {}",
                as_list(asns),
                unjudged.join("; ")
            ),
        )
    } else {
        b.pass(
            id,
            format!(
                "{} announces {p} today and a ROA authorizes it, so its route stays valid once the cloud's ROAs exist: {}",
                as_list(asns),
                authorized.join(", ")
            ),
        )
    };
    check.details = details;
}

/// ASNs as `AS1, AS2`.
fn as_list(asns: &[Asn]) -> String {
    asns.iter()
        .map(|a| format!("AS{a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn roa_checks(b: &mut Builder, inp: &Inputs<'_>) {
    if inp.service == Service::Cloudfront {
        return cloudfront_check(b, inp);
    }
    // The rows applied: the origins for the service and partition, its maxLength rule.
    let mut b = b.citing([
        crate::rules::aws_origins(inp.service, inp.govcloud),
        crate::rules::aws_max_length(inp.service),
    ]);
    let b = &mut *b;
    for asn in required_asns(inp.service, inp.govcloud) {
        let id = CheckId::Roa(asn);
        if !inp.prefix().is_ipv4() && !inp.advertise {
            b.skip(id, "not advertised: AWS needs no ROA for a range it will not announce; the RDAP record still needs the certificate");
            continue;
        }
        roa_evidence_check(
            b,
            id,
            asn,
            &inp.roa,
            inp.prefix(),
            Some(MaxLength::aws(inp.service, inp.prefix())),
            inp.now.timestamp(),
        );
    }
}

/// Where a ROA check of VPC IPAM or CloudFront fails: IPAM's own view of the ROAs of the
/// routes it advertises (the rules table's aws.roa.route-protection-findings).
pub(super) const ROUTE_FINDINGS: &str = "VPC IPAM reports the RPKI status it sees for your BYOIP routes: aws ec2 get-ipam-route-protection-findings --ipam-id IPAM_ID (GetIpamRouteProtectionFindings)";

/// `roa.origin` for CloudFront, whose guide asks for ROAs covering the /24 or /48 and names
/// no origin ASN (the rules table's aws.cloudfront.roa.origins): every ROA covering the
/// prefix is read, whatever its origin. None fails; none with the maxLength IPAM's rule
/// asks (aws.cloudfront.roa.max-length: exactly 24 or 48) fails, since no origin's
/// announcement would then be valid and compliant; otherwise a warning names the origins
/// of those that could serve, for the user to verify with AWS. Never a pass: the origin
/// byoip would have to judge is the one it does not know.
fn cloudfront_check(b: &mut Builder, inp: &Inputs<'_>) {
    let mut b = b.citing([
        &rules::AWS_CF_ORIGINS,
        &rules::AWS_CF_MAX_LENGTH,
        &rules::AWS_ROUTE_FINDINGS,
    ]);
    let b = &mut *b;
    let id = CheckId::RoaOrigin;
    let p = inp.prefix();
    let now = inp.now.timestamp();
    let Some(o) = origin_of(b, id.clone(), &inp.roa, ANY_ORIGIN, p, now) else {
        return;
    };
    let want = MaxLength::aws(Service::Cloudfront, p);
    let w = want.want;
    // Every ROA covering the prefix, whichever origin it names (the question was asked
    // for AS0, so its own list holds AS0 ROAs only).
    let mut found: Vec<Vrp> = Vec::new();
    for v in o.matched.iter().chain(&o.too_short).chain(&o.other_asn) {
        if !found.contains(v) {
            found.push(*v);
        }
    }
    let mut origins: Vec<Asn> = Vec::new();
    for v in found.iter().filter(|v| v.max_length == w) {
        if !origins.contains(&v.asn) {
            origins.push(v.asn);
        }
    }
    let create = format!(
        "create a ROA covering {p} with maxLength {w} at your registry's RPKI portal for the ASN CloudFront announces from (its guide names none: ask AWS); {ROUTE_FINDINGS}"
    );
    let check = if found.is_empty() && !o.expired.is_empty() && o.expired_by_chain_only() {
        let c = b.not_run(id, stale_chain(&o));
        c.hint = Some("fetch a fresh export and check again, or check the ROAs in your registry's RPKI portal".into());
        c
    } else if found.is_empty() {
        let why = if o.expired.is_empty() {
            format!("no ROA covers {p}")
        } else {
            format!("no ROA covers {p}: {}", o.expired_lines().join("; "))
        };
        b.fail(
            id,
            format!("{why}; CloudFront's guide asks for ROAs for the /{w}"),
            create,
        )
        .remedy([Remedy::Change(Change::RoaOrigin)])
    } else if origins.is_empty() {
        b.fail(
            id,
            format!(
                "no ROA covering {p} has maxLength exactly {w}, which CloudFront's /{} needs (as IPAM's rule): {}",
                p.prefix_len(),
                list(&found)
            ),
            format!(
                "set maxLength {w} on the ROA for the ASN CloudFront announces from ({}); {ROUTE_FINDINGS}",
                want.source
            ),
        )
        .remedy([Remedy::Change(Change::RoaMaxLength)])
    } else {
        let names: Vec<String> = origins.iter().map(|a| format!("AS{a}")).collect();
        b.warn(
            id,
            format!(
                "ROAs cover {p} with maxLength {w} for {}; CloudFront's guide names no origin ASN, so byoip cannot tell whether one of them is CloudFront's",
                names.join(", ")
            ),
            format!(
                "verify with AWS which ASN CloudFront announces BYOIP ranges from, and that a ROA for it covers {p} with maxLength {w}; {ROUTE_FINDINGS}"
            ),
        )
    };
    check.details = found
        .iter()
        .map(|v| {
            if v.max_length == w {
                format!("found: {v}")
            } else {
                format!("maxLength not {w}: {v}")
            }
        })
        .chain(o.expired_lines())
        .chain(std::iter::once(format!("source: {}", o.source)))
        .chain(export_age(&o, now))
        .collect();
}

/// The maxLength an AWS service demands of the ROAs for Amazon's ASNs, exactly, and the
/// page that says so. A ROA may cover the prefix brought ("A single ROA object and RDAP
/// record are needed for a large CIDR block", EC2); its maxLength is what is judged: a
/// longer one authorizes announcements of parts of the range that AWS's pages forbid
/// ("If your ROAs are invalid or not compliant with the above guidelines, Amazon reserves
/// the right to stop advertising"), a shorter one leaves AWS's own announcement invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct MaxLength {
    /// The maxLength, exactly.
    pub(super) want: u8,
    /// The service that asks, for sentences.
    pub(super) service: &'static str,
    /// The public page and its words: the rules table's row.
    pub(super) source: String,
    /// A failure's hint names IPAM's route protection findings ([`ROUTE_FINDINGS`]).
    pub(super) findings: bool,
}

impl MaxLength {
    /// The rule for `service` and the prefix brought `p`, read from the rules table's row
    /// (`aws.ec2.roa.max-length`, `aws.ga.roa.max-length`, `aws.ipam.roa.max-length`): EC2,
    /// the prefix's own length; Global Accelerator, /24 (it takes /24s only); VPC IPAM, /24
    /// for IPv4 and /48 for IPv6, whatever the pool CIDR's length, since IPAM divides the
    /// range and advertises those.
    pub(super) fn aws(service: Service, p: Prefix) -> MaxLength {
        let name = match service {
            Service::Ec2 => "EC2",
            Service::Ga => "Global Accelerator",
            Service::Ipam => "VPC IPAM",
            Service::Cloudfront => "CloudFront",
        };
        MaxLength {
            findings: service == Service::Ipam,
            ..MaxLength::of(rules::aws_max_length(service), name, p)
        }
    }

    /// The rule for the prefix given with a brought ASN (`check --asn`): IPAM's row, for
    /// the brought ASN's ROA and Amazon's alike.
    pub(super) fn byoasn(p: Prefix) -> MaxLength {
        let rule = &rules::AWS_IPAM_MAX_LENGTH;
        MaxLength {
            source: format!(
                "AWS, \"{}\" and \"{}\": \"{}\"",
                rules::AWS_BYOASN_OWN_ROA.source.title,
                rule.source.title,
                rule.quote
            ),
            ..MaxLength::of(rule, "VPC IPAM", p)
        }
    }

    /// What `rule` (a maxLength row) asks of a ROA for `p`, citing its page and words.
    fn of(rule: &rules::Rule, service: &'static str, p: Prefix) -> MaxLength {
        MaxLength {
            want: rules::max_length_of(rule).wanted(p.is_ipv4(), p.prefix_len()),
            service,
            source: format!(
                "{}, \"{}\": \"{}\"",
                rule.cloud.vendor(),
                rule.source.title,
                rule.quote
            ),
            findings: false,
        }
    }
}

/// The `roa.*` check `id` for `asn` on the evidence `roa`: `skip` or `not-run` when it was
/// not asked or not gathered, else [`roa_check`] of the answer for `asn` as of `now` (unix
/// seconds: an expired ROA authorizes nothing), with AWS's exact maxLength `want` where
/// given (RFC 6811 alone otherwise).
pub(super) fn roa_evidence_check(
    b: &mut Builder,
    id: CheckId,
    asn: Asn,
    roa: &RoaEvidence,
    p: Prefix,
    want: Option<MaxLength>,
    now: i64,
) {
    if let Some(o) = origin_of(b, id.clone(), roa, asn, p, now) {
        roa_check(b, id, &o, want, now);
    }
}

/// The evidence for (`asn`, `p`) in `roa` as of `now` (unix seconds: expired ROAs
/// authorize nothing), or the check `id` reported `skip` or `not-run`. An origin computed
/// for another prefix says nothing of `p`: it is never judged as if it did.
pub(super) fn origin_of(
    b: &mut Builder,
    id: CheckId,
    roa: &RoaEvidence,
    asn: Asn,
    p: Prefix,
    now: i64,
) -> Option<Origin> {
    let origins = match roa {
        RoaEvidence::NotAsked(why) => {
            b.left_out(id, why.clone());
            return None;
        }
        RoaEvidence::Unavailable(why) => {
            b.not_run(id, why.clone());
            return None;
        }
        RoaEvidence::Origins(o) => o,
    };
    match answer(origins, asn, p, now) {
        Answer::Judged(o) => return Some(o),
        // Stale evidence is no evidence: ROAs made or revoked since are not in it.
        Answer::Stale { origin, built } => {
            b.not_run(
                id,
                format!(
                    "the VRP export {} was built {}, {} before the report's time: older than {MAX_EXPORT_AGE_DAYS} days, so its ROAs are not judged",
                    origin.source,
                    when(built),
                    age(now - built)
                ),
            )
            .hint = Some(
                "fetch a fresh export from your validator (routinator vrps --format json, rpki-client's JSON, or byoip roa fetch) and check again".into(),
            );
        }
        Answer::OtherPrefix(other) => {
            b.not_run(
                id,
                format!(
                    "the ROA evidence for AS{asn} was computed for {other}, not {p}: it says nothing of this prefix"
                ),
            );
        }
        Answer::Missing => {
            b.not_run(id, format!("the ROA source gave no answer for AS{asn}"));
        }
    }
    None
}

/// The answer for (`asn`, `p`) among `origins`, or why there is none to judge: the one
/// lookup of the `roa.*` checks ([`origin_of`]) and `roa.current-origin`, which word it each
/// their own way.
pub(super) enum Answer<'o> {
    /// The answer, as of the report's time (expired ROAs authorize nothing).
    Judged(Origin),
    /// From an export built (unix seconds) more than [`MAX_EXPORT_AGE_DAYS`] days before
    /// the report's time: stale evidence, not judged.
    Stale {
        /// The answer, as given.
        origin: &'o Origin,
        /// When its export was built.
        built: i64,
    },
    /// Computed for another prefix: it says nothing of this one.
    OtherPrefix(Prefix),
    /// The source gave no answer for the ASN.
    Missing,
}

/// [`Answer`] for (`asn`, `p`) among `origins` as of `now` (unix seconds). An origin
/// computed for another prefix is never judged as if it were this one's.
pub(super) fn answer(origins: &[Origin], asn: Asn, p: Prefix, now: i64) -> Answer<'_> {
    let mut for_asn = origins.iter().filter(|o| o.asn == asn);
    match for_asn.clone().find(|o| o.prefix == p) {
        Some(o) => match o.built {
            Some(BuildTime::Known(built)) if now - built > MAX_EXPORT_AGE_DAYS * DAY => {
                Answer::Stale { origin: o, built }
            }
            _ => Answer::Judged(o.as_of(now)),
        },
        None => match for_asn.next() {
            Some(other) => Answer::OtherPrefix(other.prefix),
            None => Answer::Missing,
        },
    }
}

/// A `roa.*` check of the answer `o` that passes on `message`, made with its final words:
/// unless the export behind `o` says it was built after `now` (unix seconds), impossible on
/// a right clock, so the clock or the file is wrong and the export's age cannot be judged;
/// then it warns, saying so. A warning, not a `not-run`: the ROAs themselves are judged as
/// for any export (where [`answer`] judges the export too old, this one is judged too new).
pub(super) fn passed<'b>(
    b: &'b mut Builder,
    id: CheckId,
    o: &Origin,
    message: String,
    now: i64,
) -> &'b mut super::Check {
    match o.built {
        Some(BuildTime::Known(built)) if built > now => b.warn(
            id,
            format!(
                "{message}; but the VRP export {} was built {}, in the future by this clock: check the clock or the file",
                o.source,
                when(built)
            ),
            "check this machine's clock, or fetch a fresh export and check again",
        ),
        _ => b.pass(id, message),
    }
}

/// What a `roa.*` check says of an origin RFC 6811 calls valid for its prefix, naming the
/// ROAs that authorize it.
pub(super) fn may_originate(o: &Origin) -> String {
    format!(
        "AS{} may originate {}: {}",
        o.asn,
        o.prefix,
        list(&o.matched)
    )
}

/// The `roa.*` check `id` for origin `o` of the prefix it was computed for: RFC 6811, and
/// with `want` every ROA for the origin that covers the prefix carries exactly that
/// maxLength ([`MaxLength`]).
pub(super) fn roa_check(
    b: &mut Builder,
    id: CheckId,
    o: &Origin,
    want: Option<MaxLength>,
    now: i64,
) {
    let p = o.prefix;
    let len = p.prefix_len();
    let asn = o.asn;
    let findings = want.as_ref().is_some_and(|w| w.findings);
    let set = want.as_ref().map_or(len, |w| w.want);
    let create = format!(
        "create a ROA for AS{asn} covering {p} with maxLength {set} at your registry's RPKI portal (keep your existing ROAs); allow up to 24 hours",
    );
    let check = match o.state {
        // Ended by a chain date only: the export is stale, the ROA may be fine. Never a
        // failure on that alone, and never a pass: stale evidence is no evidence.
        state if state != RoaState::Valid && o.expired_by_chain_only() => {
            let c = b.not_run(id, stale_chain(o));
            c.hint = Some(format!("fetch a fresh export and check again, or check the ROA for AS{asn} in your registry's RPKI portal"));
            c
        }
        // The only ROAs for the ASN have expired: say so, not just "none".
        state if state != RoaState::Valid && !o.expired.is_empty() => b.fail(
            id,
            o.expired_lines().join("; "),
            format!("renew it (or create a new one) at your registry's RPKI portal: AS{asn} covering {p} with maxLength {set}; allow up to 24 hours"),
        ),
        RoaState::Valid => match want {
            None => passed(b, id, o, may_originate(o), now),
            Some(want) => max_length_check(b, id, o, want, now),
        },
        RoaState::InvalidLength => b
            .fail(
                id,
                format!("the ROA for AS{asn} is too short for a /{len}: {}", list(&o.too_short)),
                match want {
                    Some(w) => format!("set its maxLength to {} ({})", w.want, w.source),
                    None => format!("raise its maxLength to at least {len}"),
                },
            )
            .remedy([Remedy::Change(Change::RoaMaxLength)]),
        RoaState::InvalidAsn => b
            .fail(
                id,
                format!("ROAs cover {p} but none authorizes AS{asn} (they name {})", list(&o.other_asn)),
                create,
            )
            .remedy([Remedy::Change(Change::RoaOrigin)]),
        RoaState::NotFound => b
            .fail(id, format!("no ROA covers {p}"), create)
            .remedy([Remedy::Change(Change::RoaOrigin)]),
    };
    // IPAM can say what it sees itself: named beside the registry's portal.
    if findings
        && check.status == super::Status::Fail
        && let Some(h) = check.hint.as_mut()
    {
        *h = format!("{h}; {ROUTE_FINDINGS}");
    }
    check.details = origin_details(o, "matched", now);
}

/// VRPs as `AS… prefix maxLength …`, comma-separated.
fn list<'a>(v: impl IntoIterator<Item = &'a Vrp>) -> String {
    v.into_iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// AWS's maxLength rule on an origin RFC 6811 calls valid: every ROA for the origin that
/// covers the prefix must carry exactly `want.want`. One longer authorizes announcements
/// of parts of the range AWS's pages forbid, even beside an exact one, so it fails; with
/// none longer and none exact (a maxLength between the prefix's length and IPAM's /24 or
/// /48), IPAM cannot advertise what it divides the range into, which fails too.
fn max_length_check<'b>(
    b: &'b mut Builder,
    id: CheckId,
    o: &Origin,
    want: MaxLength,
    now: i64,
) -> &'b mut super::Check {
    let (asn, p, w) = (o.asn, o.prefix, want.want);
    let longer: Vec<&Vrp> = o.matched.iter().filter(|v| v.max_length > w).collect();
    let exact = o.matched.iter().any(|v| v.max_length == w);
    if !longer.is_empty() {
        let which = if longer.len() == 1 {
            "that ROA"
        } else {
            "those ROAs"
        };
        b.fail(
            id,
            format!(
                "the ROA for AS{asn} allows announcements longer than /{w}: {}; {} needs maxLength exactly {w} for {p}",
                list(longer.iter().copied()),
                want.service
            ),
            format!("set maxLength {w} on {which} at your registry's RPKI portal ({})", want.source),
        )
        .remedy([Remedy::Change(Change::RoaMaxLength)])
    } else if !exact {
        if o.matched.is_empty() {
            // A validator said "valid" and named no ROA: nothing to judge the length by.
            return b.not_run(
                id,
                format!("the ROA source called AS{asn} valid for {p} but named no ROA: its maxLength could not be checked"),
            );
        }
        b.fail(
            id,
            format!(
                "the ROA for AS{asn} is shorter than {} needs: {}; set maxLength exactly {w} for {p}",
                want.service,
                list(&o.matched)
            ),
            format!("set its maxLength to {w} ({})", want.source),
        )
        .remedy([Remedy::Change(Change::RoaMaxLength)])
    } else {
        passed(b, id, o, may_originate(o), now)
    }
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A unix time for people: `2026-12-01 14:28 UTC`.
fn when(unix: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| unix.to_string())
}

/// An age in seconds for people: `12 days`, `5 hours`.
pub(super) fn age(secs: i64) -> String {
    if secs >= DAY {
        crate::nouns::plural(secs / DAY, "day", "days")
    } else {
        crate::nouns::plural(secs.max(0) / 3600, "hour", "hours")
    }
}

/// Why a `roa.*` check is not run when the only VRPs for the origin ended by their
/// validation chain's date: the export is stale, and says nothing sure of the ROA itself.
pub(super) fn stale_chain(o: &Origin) -> String {
    format!(
        "{}: the export is older than its own validated data, so it says nothing sure of the ROA today",
        o.expired_lines().join("; ")
    )
}

/// The line saying how old the export behind `o` is, as of `now` (unix seconds): its
/// build time, or that its format records none (judged all the same).
fn export_age(o: &Origin, now: i64) -> Option<String> {
    match o.built? {
        BuildTime::Known(t) => Some(format!(
            "export built {}, {} before the report's time",
            when(t),
            age(now - t)
        )),
        BuildTime::Unknown => Some(
            "the export's age is unknown: its format records no build time (rpki-client's and Routinator's JSON do); judged as given".into(),
        ),
    }
}

/// The evidence behind a `roa.*` check: the VRPs for the origin that cover the prefix
/// (labelled `matched`), those too short, other origins', expired ones, the source and,
/// for a saved export, how old it is as of `now` (unix seconds).
pub(super) fn origin_details(o: &Origin, matched: &str, now: i64) -> Vec<String> {
    origin_details_with(o, now, |v, short| {
        if short {
            format!("maxLength too short: {v}")
        } else {
            format!("{matched}: {v}")
        }
    })
}

/// [`origin_details`] with the origin's own VRPs worded by `own(vrp, too_short)`.
pub(super) fn origin_details_with(
    o: &Origin,
    now: i64,
    own: impl Fn(&Vrp, bool) -> String,
) -> Vec<String> {
    o.matched
        .iter()
        .map(|v| own(v, false))
        .chain(o.too_short.iter().map(|v| own(v, true)))
        .chain(o.other_asn.iter().map(|v| format!("other AS: {v}")))
        .chain(o.expired_lines())
        .chain(std::iter::once(format!("source: {}", o.source)))
        .chain(export_age(o, now))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Status, run};
    use crate::roa::vrps;
    use crate::service::Service;

    /// A VRP file authorizing Amazon's commercial ASNs for 198.51.100.0/24 and nothing else.
    fn file() -> VrpFile {
        vrps::parse(
            b"ASN,IP Prefix,Max Length\nAS16509,198.51.100.0/24,24\nAS14618,198.51.100.0/24,24\n",
            "t.csv",
        )
        .unwrap()
    }

    fn inputs(cidr: &str) -> Inputs<'static> {
        Inputs::new(cidr, Service::Ec2, crate::date::test_now()).unwrap()
    }

    /// The `roa.current-origin` check of an EC2 report on 198.51.100.0/24 whose prefix is
    /// announced today as `origin` says, with the VRPs `csv` (rows after the header).
    fn current(origin: CurrentOrigin, csv: &str) -> (crate::check::Check, crate::check::Report) {
        let mut inp = inputs("198.51.100.0/24");
        inp.origin = origin;
        let f = vrps::parse(
            format!("ASN,IP Prefix,Max Length\n{csv}").as_bytes(),
            "t.csv",
        )
        .unwrap();
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "t.csv");
        let r = run(&inp);
        (r.get(&CheckId::RoaCurrentOrigin).unwrap().clone(), r)
    }

    const AMAZON: &str = "AS16509,198.51.100.0/24,24\nAS14618,198.51.100.0/24,24\n";

    fn announced(asns: &[u32]) -> CurrentOrigin {
        CurrentOrigin::Announced {
            asns: asns.iter().map(|&a| Asn::new(a)).collect(),
            source: "as given".into(),
        }
    }

    #[test]
    fn todays_origin_without_a_roa_warns_and_never_blocks_ready() {
        let (c, r) = current(announced(&[64496]), AMAZON);
        assert_eq!(c.status, Status::Warn, "{c:?}");
        assert_eq!(
            c.message,
            "AS64496 announces 198.51.100.0/24 today and no ROA authorizes AS64496: once the cloud's ROAs exist, today's route from AS64496 turns RPKI-invalid: create its ROA first"
        );
        assert!(
            c.hint
                .as_deref()
                .unwrap()
                .starts_with("create a ROA for AS64496 covering 198.51.100.0/24 with maxLength 24"),
            "{:?}",
            c.hint
        );
        assert!(
            c.details
                .contains(&"announced today by AS64496 (as given)".to_string())
        );
        assert_eq!(c.rules(), ["aws.roa.current-origin"]);
        // The report judges its origin's ROA and nothing more: no roa.as64496 check.
        assert!(r.get(&CheckId::Roa(Asn::new(64496))).is_none());
        assert!(!c.is_left_out());
        // Advisory: every other check passes or is skipped by rule, so the warning leaves
        // the prefix's other checks to decide; no roa.* check fails or is not run.
        assert!(r.checks.iter().all(|c| c.status != Status::NotRun));
        // Too short is no authorization either.
        let (c, _) = current(
            announced(&[64496]),
            &format!("{AMAZON}AS64496,198.51.0.0/16,16\n"),
        );
        assert_eq!(c.status, Status::Warn);
        assert!(
            c.message
                .contains("the ROA for AS64496 is too short for a /24"),
            "{}",
            c.message
        );
        // With its ROA (a covering one will do: RFC 6811), it passes.
        let (c, _) = current(
            announced(&[64496]),
            &format!("{AMAZON}AS64496,198.51.0.0/16,24\n"),
        );
        assert_eq!(c.status, Status::Pass, "{c:?}");
        assert!(
            c.message.contains("AS64496 198.51.0.0/16 maxLength 24"),
            "{}",
            c.message
        );
        // Two origins today (a multi-origin prefix): the one without a ROA is named.
        let (c, _) = current(
            announced(&[64496, 64511]),
            &format!("{AMAZON}AS64496,198.51.100.0/24,24\n"),
        );
        assert_eq!(c.status, Status::Warn);
        assert!(
            c.message.contains("today's route from AS64511"),
            "{}",
            c.message
        );
        // Amazon announcing it already: its own ROA is what counts.
        let (c, _) = current(announced(&[16509]), AMAZON);
        assert_eq!(c.status, Status::Pass, "{c:?}");
    }

    #[test]
    fn an_unknown_origin_is_a_skip_by_rule_and_none_passes() {
        let (c, r) = current(
            CurrentOrigin::Unknown(
                "offline: RIPEstat was not asked who announces the prefix today".into(),
            ),
            AMAZON,
        );
        assert_eq!(c.status, Status::Skip);
        assert!(!c.is_left_out(), "a skip by rule, never left out");
        assert_eq!(
            c.message,
            "offline: RIPEstat was not asked who announces the prefix today: give the announcing ASN, or say the prefix is not announced"
        );
        assert!(r.left_out().all(|c| c.id != CheckId::RoaCurrentOrigin));
        let (c, _) = current(CurrentOrigin::given(None, "as given"), AMAZON);
        assert_eq!(c.status, Status::Pass);
        assert!(
            c.message.contains("is not announced today (as given)"),
            "{}",
            c.message
        );
        // ROAs that could not be had: skipped by rule, naming why (roa.as* say not-run).
        let mut inp = inputs("198.51.100.0/24");
        inp.origin = announced(&[64496]);
        inp.roa = RoaEvidence::Unavailable("offline and no VRP file".into());
        let r = run(&inp);
        let c = r.get(&CheckId::RoaCurrentOrigin).unwrap();
        assert_eq!(c.status, Status::Skip);
        assert!(
            c.message.ends_with("offline and no VRP file"),
            "{}",
            c.message
        );
        // A range AWS will not announce wants no ROA: today's route is untouched.
        let mut inp = inputs("2001:db8:1200::/48");
        inp.advertise = false;
        inp.origin = announced(&[64496]);
        assert!(inp.roa_origins().is_empty());
        let c = run(&inp).get(&CheckId::RoaCurrentOrigin).unwrap().clone();
        assert_eq!(c.status, Status::Skip, "{c:?}");
    }

    #[test]
    fn todays_origin_is_asked_of_the_roa_source_and_a_stale_export_is_not_judged() {
        let mut inp = inputs("198.51.100.0/24");
        inp.origin = announced(&[64496, 16509]);
        let got: Vec<u32> = inp.roa_origins().iter().map(|a| a.get()).collect();
        assert_eq!(got, [16509, 14618, 64496]);
        // An export built 8 days before the report: its ROA is not judged, a skip.
        let f = vrps::parse(
            br#"{"metadata":{"buildtime":"2031-06-02T12:00:00Z"},"roas":[{"asn":64496,"prefix":"198.51.100.0/24","maxLength":24}]}"#,
            "v.json",
        )
        .unwrap();
        inp.now = "2031-06-10T12:00:00Z".parse().unwrap();
        inp.origin = announced(&[64496]);
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "v.json");
        let c = run(&inp).get(&CheckId::RoaCurrentOrigin).unwrap().clone();
        assert_eq!(c.status, Status::Skip, "{c:?}");
        assert!(c.message.contains("older than 7 days"), "{}", c.message);
    }

    #[test]
    fn origins_computed_for_another_prefix_are_not_judged() {
        let other: Prefix = "198.51.100.0/24".parse().unwrap();
        let mut inp = inputs("203.0.113.0/24");
        inp.roa = RoaEvidence::from_vrps(&file(), other, &inp.roa_origins(), "t.csv");
        let r = run(&inp);
        for asn in [16509, 14618] {
            let c = r.get(&CheckId::Roa(Asn::new(asn))).unwrap();
            assert_eq!(c.status, Status::NotRun, "AS{asn}: {}", c.message);
            assert_eq!(
                c.message,
                format!(
                    "the ROA evidence for AS{asn} was computed for 198.51.100.0/24, not 203.0.113.0/24: it says nothing of this prefix"
                )
            );
        }
        assert!(!r.ok() && !r.complete());
        // Evidence for both prefixes: the report judges the one for its own.
        let mut inp = inputs("198.51.100.0/24");
        let mut both = RoaEvidence::from_vrps(&file(), inp.prefix(), &inp.roa_origins(), "t.csv");
        let wrong = "203.0.113.0/24".parse().unwrap();
        if let (RoaEvidence::Origins(all), RoaEvidence::Origins(more)) = (
            &mut both,
            RoaEvidence::from_vrps(&file(), wrong, &inp.roa_origins(), "t.csv"),
        ) {
            // The other prefix's answers first, so a search by ASN alone would find them.
            all.splice(0..0, more);
        }
        inp.roa = both;
        let r = run(&inp);
        for asn in [16509, 14618] {
            let c = r.get(&CheckId::Roa(Asn::new(asn))).unwrap();
            assert_eq!(c.status, Status::Pass, "AS{asn}: {}", c.message);
        }
    }

    /// The `roa.as16509` check of a report on `cidr` for `service` given the VRPs `list`
    /// (as `(prefix, maxLength)` for AS16509).
    fn judged(cidr: &str, service: Service, list: &[(&str, u8)]) -> crate::check::Check {
        let mut inp = inputs(cidr);
        inp.service = service;
        let text: String = std::iter::once("ASN,IP Prefix,Max Length\n".to_string())
            .chain(list.iter().map(|(p, ml)| format!("AS16509,{p},{ml}\n")))
            .collect();
        let f = vrps::parse(text.as_bytes(), "t.csv").unwrap();
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "t.csv");
        run(&inp)
            .get(&CheckId::Roa(Asn::new(16509)))
            .unwrap()
            .clone()
    }

    #[test]
    fn ec2_and_ga_want_the_max_length_of_the_prefix_brought() {
        for service in [Service::Ec2, Service::Ga] {
            // The exact ROA, and a covering one whose maxLength is the /24's: both fine.
            for roa in [("198.51.100.0/24", 24), ("198.51.0.0/16", 24)] {
                let c = judged("198.51.100.0/24", service, &[roa]);
                assert_eq!(c.status, Status::Pass, "{service} {roa:?}: {}", c.message);
            }
            // Longer fails, naming the ROA, the maxLength to set and the page.
            let c = judged("198.51.100.0/24", service, &[("198.51.100.0/24", 32)]);
            assert_eq!(c.status, Status::Fail, "{service}: {}", c.message);
            assert!(
                c.message.starts_with(
                    "the ROA for AS16509 allows announcements longer than /24: AS16509 198.51.100.0/24 maxLength 32;"
                ),
                "{}",
                c.message
            );
            let hint = c.hint.as_deref().unwrap();
            assert!(hint.starts_with("set maxLength 24 on that ROA"), "{hint}");
            let page = match service {
                Service::Ga => {
                    "\"Prepare to bring your IP address range to your AWS account: Authorization\""
                }
                _ => "\"Prerequisites for BYOIP in Amazon EC2\"",
            };
            assert!(hint.contains(page), "{hint}");
            // An exact ROA beside a longer one: the longer still authorizes more.
            let c = judged(
                "198.51.100.0/24",
                service,
                &[("198.51.100.0/24", 24), ("198.51.0.0/16", 28)],
            );
            assert_eq!(c.status, Status::Fail, "{service}: {}", c.message);
            assert!(
                c.message.contains("198.51.0.0/16 maxLength 28"),
                "{}",
                c.message
            );
            // One too short to authorize the /24 at all, beside a good one: the route is
            // valid (RFC 6811 §2) and it authorizes nothing more; listed, not failed.
            let c = judged(
                "198.51.100.0/24",
                service,
                &[("198.51.100.0/22", 24), ("198.51.100.0/23", 23)],
            );
            assert_eq!(c.status, Status::Pass, "{service}: {}", c.message);
            assert!(
                c.details
                    .contains(&"maxLength too short: AS16509 198.51.100.0/23 maxLength 23".into()),
                "{:?}",
                c.details
            );
            // Shorter fails as RFC 6811 has it.
            let c = judged("198.51.100.0/24", service, &[("198.51.0.0/16", 23)]);
            assert_eq!(c.status, Status::Fail, "{service}: {}", c.message);
            assert!(c.message.contains("too short"), "{}", c.message);
            assert!(
                c.hint
                    .as_deref()
                    .unwrap()
                    .starts_with("set its maxLength to 24")
            );
        }
        // EC2 brings a /22: maxLength 22, and a covering ROA allowing /24s is too long.
        let c = judged("198.51.100.0/22", Service::Ec2, &[("198.51.0.0/16", 22)]);
        assert_eq!(c.status, Status::Pass, "{}", c.message);
        let c = judged("198.51.100.0/22", Service::Ec2, &[("198.51.100.0/22", 24)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        assert!(
            c.message
                .contains("EC2 needs maxLength exactly 22 for 198.51.100.0/22"),
            "{}",
            c.message
        );
        // IPv6: the length brought.
        let c = judged("2001:db8:1200::/48", Service::Ec2, &[("2001:db8::/32", 48)]);
        assert_eq!(c.status, Status::Pass, "{}", c.message);
        let c = judged("2001:db8:1200::/48", Service::Ec2, &[("2001:db8::/32", 64)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
    }

    /// The `roa.origin` check of a CloudFront report on `cidr` given the VRPs `list` as
    /// `(asn, prefix, maxLength)`.
    fn cloudfront(cidr: &str, list: &[(u32, &str, u8)]) -> crate::check::Check {
        let mut inp = inputs(cidr);
        inp.service = Service::Cloudfront;
        let text: String = std::iter::once("ASN,IP Prefix,Max Length\n".to_string())
            .chain(list.iter().map(|(a, p, ml)| format!("AS{a},{p},{ml}\n")))
            .collect();
        let f = vrps::parse(text.as_bytes(), "t.csv").unwrap();
        assert_eq!(
            inp.roa_origins(),
            [ANY_ORIGIN],
            "one question, for every origin"
        );
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "t.csv");
        let r = run(&inp);
        // Amazon's ASNs are not judged for CloudFront: its guide names none.
        assert!(r.checks.iter().all(|c| !matches!(c.id, CheckId::Roa(_))));
        r.get(&CheckId::RoaOrigin).unwrap().clone()
    }

    #[test]
    fn cloudfront_fails_without_a_covering_roa_and_never_guesses_its_origin() {
        let c = cloudfront("198.51.100.0/24", &[(16509, "203.0.113.0/24", 24)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        assert_eq!(
            c.message,
            "no ROA covers 198.51.100.0/24; CloudFront's guide asks for ROAs for the /24"
        );
        let hint = c.hint.as_deref().unwrap();
        assert!(hint.contains("its guide names none: ask AWS"), "{hint}");
        assert!(hint.ends_with(ROUTE_FINDINGS), "{hint}");
        assert!(
            c.rules().contains(&"aws.cloudfront.roa.origins")
                && c.rules().contains(&"aws.roa.route-protection-findings"),
            "{:?}",
            c.rules()
        );
        // Any origin, Amazon's too, only warns: byoip cannot tell which one CloudFront's is.
        for asn in [64496, 16509] {
            let c = cloudfront("198.51.100.0/24", &[(asn, "198.51.100.0/24", 24)]);
            assert_eq!(c.status, Status::Warn, "{}", c.message);
            assert_eq!(
                c.message,
                format!(
                    "ROAs cover 198.51.100.0/24 with maxLength 24 for AS{asn}; CloudFront's guide names no origin ASN, so byoip cannot tell whether one of them is CloudFront's"
                )
            );
            assert!(
                c.hint
                    .as_deref()
                    .unwrap()
                    .starts_with("verify with AWS which ASN")
            );
        }
        // Several origins are all named, each once; others' lengths are in the details.
        let c = cloudfront(
            "198.51.100.0/24",
            &[
                (64496, "198.51.100.0/24", 24),
                (64511, "198.51.0.0/16", 24),
                (64496, "198.51.0.0/16", 24),
                (65000, "198.51.100.0/24", 25),
            ],
        );
        assert_eq!(c.status, Status::Warn, "{}", c.message);
        assert!(c.message.contains("for AS64496, AS64511;"), "{}", c.message);
        assert!(
            c.details
                .contains(&"maxLength not 24: AS65000 198.51.100.0/24 maxLength 25".to_string()),
            "{:?}",
            c.details
        );
    }

    #[test]
    fn cloudfront_wants_the_max_length_of_ipam_24_or_48() {
        // Longer or shorter than 24, and no ROA at 24: no origin's announcement complies.
        for (p, ml) in [
            ("198.51.100.0/24", 25),
            ("198.51.100.0/24", 32),
            ("198.51.100.0/23", 23),
        ] {
            let c = cloudfront("198.51.100.0/24", &[(64496, p, ml)]);
            assert_eq!(c.status, Status::Fail, "{p} {ml}: {}", c.message);
            assert!(
                c.message.starts_with(
                    "no ROA covering 198.51.100.0/24 has maxLength exactly 24, which CloudFront's /24 needs"
                ),
                "{}",
                c.message
            );
            assert!(c.hint.as_deref().unwrap().ends_with(ROUTE_FINDINGS));
        }
        // A covering ROA at 24 serves.
        let c = cloudfront("198.51.100.0/24", &[(64496, "198.51.0.0/16", 24)]);
        assert_eq!(c.status, Status::Warn, "{}", c.message);
        // IPv6: 48.
        let v6 = "2001:db8:1200::/48";
        assert_eq!(cloudfront(v6, &[(64496, v6, 48)]).status, Status::Warn);
        assert_eq!(
            cloudfront(v6, &[(64496, "2001:db8::/32", 48)]).status,
            Status::Warn
        );
        for ml in [47, 49, 64] {
            let p = if ml == 47 { "2001:db8:1200::/47" } else { v6 };
            let c = cloudfront(v6, &[(64496, p, ml)]);
            assert_eq!(c.status, Status::Fail, "{ml}: {}", c.message);
            assert!(c.message.contains("maxLength exactly 48"), "{}", c.message);
        }
    }

    #[test]
    fn cloudfront_reads_no_advertise_as_advertised() {
        let mut inp = inputs("2001:db8:1200::/48");
        inp.service = Service::Cloudfront;
        inp.advertise = false;
        assert_eq!(inp.roa_origins(), [ANY_ORIGIN]);
        let f = vrps::parse(
            b"ASN,IP Prefix,Max Length\nAS64496,2001:db8::/32,48\n",
            "t.csv",
        )
        .unwrap();
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "t.csv");
        let r = run(&inp);
        assert_eq!(r.get(&CheckId::PrefixSize).unwrap().status, Status::Pass);
        // Judged, not skipped as an unadvertised range's ROAs are for EC2.
        assert_eq!(r.get(&CheckId::RoaOrigin).unwrap().status, Status::Warn);
    }

    #[test]
    fn ipam_roa_failures_name_its_route_protection_findings_and_ec2s_do_not() {
        let c = judged("198.51.100.0/24", Service::Ipam, &[("203.0.113.0/24", 24)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        let hint = c.hint.as_deref().unwrap();
        assert!(hint.starts_with("create a ROA for AS16509"), "{hint}");
        assert!(
            hint.ends_with("aws ec2 get-ipam-route-protection-findings --ipam-id IPAM_ID (GetIpamRouteProtectionFindings)"),
            "{hint}"
        );
        let c = judged("198.51.100.0/24", Service::Ipam, &[("198.51.100.0/24", 25)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        assert!(c.hint.as_deref().unwrap().ends_with(ROUTE_FINDINGS));
        // A pass carries no hint; EC2 and Global Accelerator have no IPAM to ask.
        let c = judged("198.51.100.0/24", Service::Ipam, &[("198.51.100.0/24", 24)]);
        assert_eq!((c.status, c.hint), (Status::Pass, None));
        for service in [Service::Ec2, Service::Ga] {
            let c = judged("198.51.100.0/24", service, &[("203.0.113.0/24", 24)]);
            assert_eq!(c.status, Status::Fail);
            assert!(
                !c.hint.as_deref().unwrap().contains("route-protection"),
                "{service}"
            );
        }
    }

    #[test]
    fn ipam_wants_24_or_48_whatever_the_pool_length() {
        // A /22 pool: maxLength 24 on the pool's ROA or a covering one.
        for roa in [("198.51.100.0/22", 24), ("198.51.0.0/16", 24)] {
            let c = judged("198.51.100.0/22", Service::Ipam, &[roa]);
            assert_eq!(c.status, Status::Pass, "{roa:?}: {}", c.message);
        }
        // maxLength 22 is valid for the /22 by RFC 6811, but IPAM advertises /24s.
        let c = judged("198.51.100.0/22", Service::Ipam, &[("198.51.100.0/22", 22)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        assert_eq!(
            c.message,
            "the ROA for AS16509 is shorter than VPC IPAM needs: AS16509 198.51.100.0/22 maxLength 22; set maxLength exactly 24 for 198.51.100.0/22"
        );
        assert!(
            c.hint
                .as_deref()
                .unwrap()
                .contains("\"Tutorial: Bring your IP addresses to IPAM\""),
            "{:?}",
            c.hint
        );
        let c = judged("198.51.100.0/22", Service::Ipam, &[("198.51.100.0/22", 25)]);
        assert_eq!(c.status, Status::Fail, "{}", c.message);
        assert!(c.message.contains("longer than /24"), "{}", c.message);
        // Advertised IPv6: /48, from a /40 pool too.
        let c = judged(
            "2001:db8:1200::/40",
            Service::Ipam,
            &[("2001:db8:1200::/40", 48)],
        );
        assert_eq!(c.status, Status::Pass, "{}", c.message);
        for ml in [40, 56] {
            let c = judged(
                "2001:db8:1200::/40",
                Service::Ipam,
                &[("2001:db8:1200::/40", ml)],
            );
            assert_eq!(c.status, Status::Fail, "maxLength {ml}: {}", c.message);
        }
        // Not advertised: no ROA needed, whatever its maxLength.
        let mut inp = inputs("2001:db8:1200::/40");
        inp.service = Service::Ipam;
        inp.advertise = false;
        let c = run(&inp)
            .get(&CheckId::Roa(Asn::new(16509)))
            .unwrap()
            .clone();
        assert_eq!(c.status, Status::Skip, "{}", c.message);
    }

    #[test]
    fn a_validator_calling_valid_without_naming_a_roa_leaves_the_length_unchecked() {
        let p: Prefix = "198.51.100.0/24".parse().unwrap();
        let mut o = crate::roa::validate(&[], Asn::new(16509), p, "validator");
        o.state = RoaState::Valid;
        let mut inp = inputs("198.51.100.0/24");
        inp.roa = RoaEvidence::Origins(vec![o]);
        let c = run(&inp)
            .get(&CheckId::Roa(Asn::new(16509)))
            .unwrap()
            .clone();
        assert_eq!(c.status, Status::NotRun, "{}", c.message);
    }

    /// An rpki-client JSON export authorizing Amazon's commercial ASNs for
    /// 198.51.100.0/24, built at `built` (RFC 3339).
    fn export(built: &str) -> VrpFile {
        vrps::parse(
            format!(
                r#"{{"metadata":{{"buildtime":"{built}"}},"roas":[
                    {{"asn":16509,"prefix":"198.51.100.0/24","maxLength":24}},
                    {{"asn":14618,"prefix":"198.51.100.0/24","maxLength":24}}]}}"#
            )
            .as_bytes(),
            "vrps.json",
        )
        .unwrap()
    }

    /// Each passing ROA check of the AWS, Azure, Oracle and BYOASN reports on
    /// 198.51.100.0/24, given an rpki-client export built at `built` that authorizes every
    /// origin they ask for (AS64496 the brought ASN) until 2100.
    fn roa_checks_of_every_report(built: &str) -> Vec<crate::check::Check> {
        let roas: Vec<String> = [16509, 14618, 8075, 31898, 64496]
            .iter()
            .map(|a| {
                format!(
                    r#"{{"asn":{a},"prefix":"198.51.100.0/24","maxLength":24,"ta":"ripe","expires":4102444800}}"#
                )
            })
            .collect();
        let file = vrps::parse(
            format!(
                r#"{{"metadata":{{"buildtime":"{built}"}},"roas":[{}]}}"#,
                roas.join(",")
            )
            .as_bytes(),
            "vrps.json",
        )
        .unwrap();
        let now = crate::date::test_now();
        let mut reports = Vec::new();
        let mut aws = inputs("198.51.100.0/24");
        aws.roa = RoaEvidence::from_vrps(&file, aws.prefix(), &aws.roa_origins(), "vrps.json");
        reports.push(run(&aws));
        for cloud in [crate::Cloud::Azure, crate::Cloud::Oci] {
            let mut i = Inputs::for_cloud(cloud, "198.51.100.0/24", now).unwrap();
            i.roa = RoaEvidence::from_vrps(&file, i.prefix(), &i.roa_origins(), "vrps.json");
            reports.push(run(&i));
        }
        let mut asn = crate::check::AsnInputs::new(Asn::new(64496), now);
        asn.cidr = Some("198.51.100.0/24".parse().unwrap());
        asn.roa = RoaEvidence::from_vrps(
            &file,
            "198.51.100.0/24".parse().unwrap(),
            &asn.roa_origins(),
            "vrps.json",
        );
        reports.push(crate::check::run_asn(&asn));
        let checks: Vec<crate::check::Check> = reports
            .iter()
            .flat_map(|r| &r.checks)
            .filter(|c| matches!(c.id, CheckId::Roa(_) | CheckId::RoaOwnAsn))
            .cloned()
            .collect();
        // AWS's two, Azure's, Oracle's, and BYOASN's own and Amazon's two.
        assert_eq!(checks.len(), 7, "{checks:?}");
        checks
    }

    #[test]
    fn an_export_built_after_the_reports_time_makes_each_roa_check_a_warning_saying_so() {
        let passing = roa_checks_of_every_report("2026-11-30T12:00:00Z");
        let future = roa_checks_of_every_report("2031-01-01T00:00:00Z");
        for (pass, warn) in passing.iter().zip(&future) {
            assert_eq!(pass.status, Status::Pass, "{pass:?}");
            assert_eq!(pass.hint, None);
            assert_eq!(warn.status, Status::Warn, "{warn:?}");
            // The pass's own words, then why it is not one; the rows it cites kept.
            assert_eq!(
                warn.message,
                format!(
                    "{}; but the VRP export vrps.json was built 2031-01-01 00:00 UTC, in the future by this clock: check the clock or the file",
                    pass.message
                )
            );
            assert_eq!(
                warn.hint.as_deref(),
                Some("check this machine's clock, or fetch a fresh export and check again")
            );
            assert_eq!(warn.rules(), pass.rules(), "{}", warn.id);
        }
        // Oracle's six months are judged beside it, not instead of it.
        assert!(
            future
                .iter()
                .any(|c| c.message.contains("; valid until at least 2100-01-01")),
            "{future:?}"
        );
    }

    #[test]
    fn an_export_older_than_seven_days_is_not_judged_and_says_how_old() {
        let now: chrono::DateTime<chrono::Utc> = "2031-06-10T12:00:00Z".parse().unwrap();
        let report = |file: &VrpFile| {
            let mut inp = inputs("198.51.100.0/24");
            inp.now = now;
            inp.roa = RoaEvidence::from_vrps(file, inp.prefix(), &inp.roa_origins(), "vrps.json");
            run(&inp)
        };
        // Eight days old: not run, saying how old and what to do.
        let r = report(&export("2031-06-02T12:00:00Z"));
        for asn in [16509, 14618] {
            let c = r.get(&CheckId::Roa(Asn::new(asn))).unwrap();
            assert_eq!(c.status, Status::NotRun, "{c:?}");
            assert_eq!(
                c.message,
                "the VRP export vrps.json was built 2031-06-02 12:00 UTC, 8 days before the report's time: older than 7 days, so its ROAs are not judged"
            );
            assert!(
                c.hint
                    .as_deref()
                    .unwrap()
                    .starts_with("fetch a fresh export")
            );
        }
        assert!(!r.ok() && !r.complete() && !r.ready());
        // Seven days to the second is still fresh; judged, its age in the details.
        let r = report(&export("2031-06-03T12:00:00Z"));
        let c = r.get(&CheckId::Roa(Asn::new(16509))).unwrap();
        assert_eq!(c.status, Status::Pass, "{c:?}");
        assert!(
            c.details.contains(
                &"export built 2031-06-03 12:00 UTC, 7 days before the report's time".to_string()
            ),
            "{:?}",
            c.details
        );
        // A format without a build time is judged, with a note that its age is unknown.
        let csv = vrps::parse(
            b"ASN,IP Prefix,Max Length\nAS16509,198.51.100.0/24,24\nAS14618,198.51.100.0/24,24\n",
            "vrps.csv",
        )
        .unwrap();
        let r = report(&csv);
        let c = r.get(&CheckId::Roa(Asn::new(16509))).unwrap();
        assert_eq!(c.status, Status::Pass, "{c:?}");
        assert!(
            c.details
                .iter()
                .any(|d| d.starts_with("the export's age is unknown")),
            "{:?}",
            c.details
        );
        // The age is the report's: the same export judged a week earlier passes.
        let mut inp = inputs("198.51.100.0/24");
        inp.now = "2031-06-03T12:00:00Z".parse().unwrap();
        inp.roa = RoaEvidence::from_vrps(
            &export("2031-06-02T12:00:00Z"),
            inp.prefix(),
            &inp.roa_origins(),
            "vrps.json",
        );
        let r = run(&inp);
        assert_eq!(
            r.get(&CheckId::Roa(Asn::new(16509))).unwrap().status,
            Status::Pass
        );
    }

    #[test]
    fn a_vrp_ended_by_its_chains_date_is_not_run_never_warned_into_ready() {
        // rpki-client's Expires is the chain's earliest end: past it, the export is stale.
        let f = vrps::parse(
            b"ASN,IP Prefix,Max Length,Trust Anchor,Expires\nAS16509,198.51.100.0/24,24,arin,1900000000\nAS14618,198.51.100.0/24,24,arin,1900000000\n",
            "old.csv",
        )
        .unwrap();
        let mut inp = inputs("198.51.100.0/24");
        inp.now = chrono::DateTime::from_timestamp(1_900_000_001, 0).unwrap();
        inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), "old.csv");
        let r = run(&inp);
        let c = r.get(&CheckId::Roa(Asn::new(16509))).unwrap();
        assert_eq!(c.status, Status::NotRun, "{c:?}");
        assert!(
            c.message
                .starts_with("the validated data for a ROA for AS16509 expired on")
                && c.message
                    .contains("the export is older than its own validated data"),
            "{}",
            c.message
        );
        assert!(
            c.hint
                .as_deref()
                .unwrap()
                .starts_with("fetch a fresh export")
        );
        assert!(!r.complete());
    }

    #[test]
    fn a_vrp_past_its_end_never_counts_in_any_format_that_gives_one() {
        // Every format that carries an expiry, each authorizing Amazon's commercial ASNs for
        // 198.51.100.0/24 until 2031-06-01T00:00:00Z (1938038400): its own end (Routinator's
        // csvext Not After, jsonext validity) or its chain's (rpki-client's expires, jsonext
        // chainValidity).
        let end = "2031-06-01T00:00:00Z";
        let t = 1_938_038_400;
        let rows = |f: &dyn Fn(u32) -> String| [16509, 14618].map(f).join("");
        let jsonext = |validity: &str| {
            let roas: Vec<String> = [16509, 14618]
                .map(|a| {
                    format!(
                        r#"{{"asn":"AS{a}","prefix":"198.51.100.0/24","maxLength":24,"source":[{{"type":"roa",{validity}}}]}}"#
                    )
                })
                .to_vec();
            format!(r#"{{"roas":[{}]}}"#, roas.join(","))
        };
        let formats = [
            (
                "rpki-client CSV",
                format!(
                    "ASN,IP Prefix,Max Length,Trust Anchor,Expires\n{}",
                    rows(&|a| format!("AS{a},198.51.100.0/24,24,arin,{t}\n"))
                ),
                Status::NotRun,
            ),
            (
                "rpki-client JSON",
                format!(
                    r#"{{"roas":[{{"asn":16509,"prefix":"198.51.100.0/24","maxLength":24,"expires":{t}}},{{"asn":14618,"prefix":"198.51.100.0/24","maxLength":24,"expires":{t}}}]}}"#
                ),
                Status::NotRun,
            ),
            (
                "OpenBGPD roa-set",
                format!(
                    "roa-set {{\n{}}}\n",
                    rows(&|a| format!("\t198.51.100.0/24 source-as {a} expires {t}\n"))
                ),
                Status::NotRun,
            ),
            (
                "Routinator csvext",
                format!(
                    "URI,ASN,IP Prefix,Max Length,Not Before,Not After\n{}",
                    rows(&|a| format!(
                        "rsync://x/{a}.roa,AS{a},198.51.100.0/24,24,2020-01-01T00:00:00Z,{end}\n"
                    ))
                ),
                Status::Fail,
            ),
            (
                "Routinator jsonext (validity)",
                jsonext(&format!(
                    r#""validity":{{"notBefore":"2020-01-01T00:00:00Z","notAfter":"{end}"}}"#
                )),
                Status::Fail,
            ),
            (
                "Routinator jsonext (chainValidity)",
                jsonext(&format!(
                    r#""validity":{{"notBefore":"2020-01-01T00:00:00Z","notAfter":"2040-01-01T00:00:00Z"}},"chainValidity":{{"notBefore":"2020-01-01T00:00:00Z","notAfter":"{end}"}}"#
                )),
                Status::NotRun,
            ),
        ];
        for (name, text, after) in formats {
            let f = vrps::parse(text.as_bytes(), name).unwrap();
            let judged = |now: i64| {
                let mut inp = inputs("198.51.100.0/24");
                inp.now = chrono::DateTime::from_timestamp(now, 0).unwrap();
                inp.roa = RoaEvidence::from_vrps(&f, inp.prefix(), &inp.roa_origins(), name);
                run(&inp)
                    .get(&CheckId::Roa(Asn::new(16509)))
                    .unwrap()
                    .clone()
            };
            // At its end it still counts; a second later it does not, and is never a pass:
            // its own end fails, a chain's end (a stale export) is not run.
            assert_eq!(judged(t).status, Status::Pass, "{name}");
            let c = judged(t + 1);
            assert_eq!(c.status, after, "{name}: {c:?}");
            assert!(
                c.message.contains("expired on 2031-06-01"),
                "{name}: {}",
                c.message
            );
        }
    }

    #[test]
    fn a_saved_vrp_file_answers_for_each_origin_asked() {
        let p: Prefix = "198.51.100.0/24".parse().unwrap();
        let asns = [Asn::new(14618), Asn::new(64496)];
        let RoaEvidence::Origins(o) = RoaEvidence::from_vrps(&file(), p, &asns, "t.csv") else {
            panic!("origins");
        };
        let got: Vec<_> = o
            .iter()
            .map(|o| (o.asn, o.prefix, o.state, o.source.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (asns[0], p, RoaState::Valid, "t.csv"),
                (asns[1], p, RoaState::InvalidAsn, "t.csv")
            ]
        );
        // Expiries come along: a ROA past its end authorizes nothing in the report.
        let f = vrps::parse(
            b"ASN,IP Prefix,Max Length,Not Before,Not After\nAS16509,198.51.100.0/24,24,2000-01-01T00:00:00Z,2001-01-01T00:00:00Z\n",
            "old.csv",
        )
        .unwrap();
        let RoaEvidence::Origins(o) = RoaEvidence::from_vrps(&f, p, &[Asn::new(16509)], "old.csv")
        else {
            panic!("origins");
        };
        assert_eq!(o[0].valid_until, Some(978_307_200));
    }

    #[test]
    fn the_origins_aws_needs_per_service_partition_and_advertising() {
        let asns =
            |inp: &Inputs<'_>| -> Vec<u32> { inp.roa_origins().iter().map(|a| a.get()).collect() };
        let mut inp = inputs("198.51.100.0/24");
        assert_eq!(asns(&inp), [16509, 14618]);
        inp.service = Service::Ga;
        assert_eq!(asns(&inp), [16509]);
        // Global Accelerator in GovCloud is refused: no origin is documented.
        inp.govcloud = true;
        assert!(asns(&inp).is_empty());
        let mut v6 = inputs("2001:db8::/48");
        v6.service = Service::Ipam;
        assert_eq!(asns(&v6), [16509, 14618]);
        v6.advertise = false;
        assert!(asns(&v6).is_empty());
        // Every roa.* check of a report is for an origin it asked for.
        let mut inp = inputs("198.51.100.0/24");
        inp.service = Service::Ga;
        let ids: Vec<CheckId> = run(&inp)
            .checks
            .iter()
            .map(|c| c.id.clone())
            .filter(|id| matches!(id, CheckId::Roa(_)))
            .collect();
        assert_eq!(ids, [CheckId::Roa(Asn::new(16509))]);
    }
}
