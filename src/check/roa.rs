//! `roa.as<N>`: a ROA authorizing each Amazon ASN to originate the prefix (RFC 6811 origin
//! validation; AWS, "Prerequisites for BYOIP in Amazon EC2", and VPC IPAM's exact maxLength;
//! docs/rules.md, "ROAs").

use super::{Builder, CheckId, Inputs, RoaEvidence};
use crate::{
    asn::Asn,
    prefix::Prefix,
    roa::{Origin, RoaState, Vrp, required_asns, vrps::VrpFile},
    service::Service,
};

impl RoaEvidence {
    /// The evidence in a saved VRP file ([`crate::roa::vrps::parse`]) for `prefix` with
    /// each of `asns` as origin, in that order: what a report needs when given the origins
    /// it asks for ([`Inputs::roa_origins`], [`super::CloudInputs::roa_origins`],
    /// [`super::AsnInputs::roa_origins`]). `source` names the file in the report. Each
    /// origin keeps the expiries the file gives, so a ROA that has expired by the report's
    /// time authorizes nothing.
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
    /// The origins whose ROAs this report judges, in check order: Amazon's ASNs for the
    /// service and partition (AWS, "Prerequisites for BYOIP in Amazon EC2"), none for IPv6
    /// that is not advertised.
    pub fn roa_origins(&self) -> Vec<Asn> {
        // AWS needs no ROA for a range it will not announce, and only IPv6 can opt out.
        if !self.prefix().is_ipv4() && !self.advertise {
            return Vec::new();
        }
        required_asns(self.service, self.govcloud)
    }
}

pub(super) fn roa_checks(b: &mut Builder, inp: &Inputs<'_>) {
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
            required_max_len(inp),
            inp.now.timestamp(),
        );
    }
}

/// The `roa.*` check `id` for `asn` on the evidence `roa`: `skip` or `not-run` when it was
/// not asked or not gathered, else [`roa_check`] of the answer for `asn` as of `now` (unix
/// seconds: an expired ROA authorizes nothing). Returns that answer when it was judged.
pub(super) fn roa_evidence_check(
    b: &mut Builder,
    id: CheckId,
    asn: Asn,
    roa: &RoaEvidence,
    p: Prefix,
    want: Option<u8>,
    now: i64,
) -> Option<Origin> {
    let o = origin_of(b, id.clone(), roa, asn, p, now)?;
    roa_check(b, id, &o, want);
    Some(o)
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
    let mut for_asn = origins.iter().filter(|o| o.asn == asn);
    if let Some(o) = for_asn.clone().find(|o| o.prefix == p) {
        return Some(o.as_of(now));
    }
    match for_asn.next() {
        Some(other) => b.not_run(
            id,
            format!(
                "the ROA evidence for AS{asn} was computed for {}, not {p}: it says nothing of this prefix",
                other.prefix
            ),
        ),
        None => b.not_run(id, format!("the ROA source gave no answer for AS{asn}")),
    };
    None
}

/// The `roa.*` check `id` for origin `o` of the prefix it was computed for; `want` is
/// IPAM's exact maxLength.
fn roa_check(b: &mut Builder, id: CheckId, o: &Origin, want: Option<u8>) {
    let p = o.prefix;
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
        // Ended by a chain date only: the export is stale, the ROA may be fine. Never a
        // failure on that alone; say what to verify.
        state if state != RoaState::Valid && o.expired_by_chain_only() => b.warn(
            id,
            o.expired_lines().join("; "),
            format!("export the VRPs again, or check the ROA for AS{asn} in your registry's RPKI portal: one that has ended authorizes nothing"),
        ),
        // The only ROAs for the ASN have expired: say so, not just "none".
        state if state != RoaState::Valid && !o.expired.is_empty() => b.fail(
            id,
            o.expired_lines().join("; "),
            format!("renew it (or create a new one) at your registry's RPKI portal: AS{asn} covering {p} with maxLength {}; allow up to 24 hours", want.unwrap_or(len)),
        ),
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
    check.details = origin_details(o, "matched");
}

/// The evidence behind a `roa.*` check: the VRPs for the origin that cover the prefix
/// (labelled `matched`), those too short, other origins', expired ones and the source.
pub(super) fn origin_details(o: &Origin, matched: &str) -> Vec<String> {
    origin_details_with(o, |v, short| {
        if short {
            format!("maxLength too short: {v}")
        } else {
            format!("{matched}: {v}")
        }
    })
}

/// [`origin_details`] with the origin's own VRPs worded by `own(vrp, too_short)`.
pub(super) fn origin_details_with(o: &Origin, own: impl Fn(&Vrp, bool) -> String) -> Vec<String> {
    o.matched
        .iter()
        .map(|v| own(v, false))
        .chain(o.too_short.iter().map(|v| own(v, true)))
        .chain(o.other_asn.iter().map(|v| format!("other AS: {v}")))
        .chain(o.expired_lines())
        .chain(std::iter::once(format!("source: {}", o.source)))
        .collect()
}

/// IPAM's rule: maxLength exactly /24 (IPv4) or /48 (advertised IPv6) (AWS, "Prerequisites
/// for BYOIP in Amazon EC2"; VPC IPAM, "Verify domain control").
pub(super) fn required_max_len(inp: &Inputs<'_>) -> Option<u8> {
    match (inp.service, inp.prefix().is_ipv4()) {
        (Service::Ipam, true) => Some(24),
        (Service::Ipam, false) => Some(48),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Status, run};
    use crate::roa::vrps;

    /// A VRP file authorizing Amazon's commercial ASNs for 198.51.100.0/24 and nothing else.
    fn file() -> VrpFile {
        vrps::parse(
            b"ASN,IP Prefix,Max Length\nAS16509,198.51.100.0/24,24\nAS14618,198.51.100.0/24,24\n",
            "t.csv",
        )
        .unwrap()
    }

    fn inputs(cidr: &str) -> Inputs<'static> {
        Inputs::new(cidr, Service::Ec2, chrono::Utc::now()).unwrap()
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
        inp.govcloud = true;
        assert_eq!(asns(&inp), [8987]);
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
