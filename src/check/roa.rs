//! `roa.as<N>`: a ROA authorizing each Amazon ASN to originate the prefix (RFC 6811 origin
//! validation; AWS, "Prerequisites for BYOIP in Amazon EC2", and VPC IPAM's exact maxLength;
//! docs/rules.md, "ROAs").

use super::{Builder, CheckId, Inputs, RoaEvidence};
use crate::{
    prefix::Prefix,
    roa::{Origin, RoaState, Vrp, required_asns},
    service::Service,
};

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
/// seconds: an expired ROA authorizes nothing).
pub(super) fn roa_evidence_check(
    b: &mut Builder,
    id: CheckId,
    asn: u32,
    roa: &RoaEvidence,
    p: Prefix,
    want: Option<u8>,
    now: i64,
) {
    let origins = match roa {
        RoaEvidence::NotAsked(why) => {
            b.skip(id, why.clone());
            return;
        }
        RoaEvidence::Unavailable(why) => {
            b.not_run(id, why.clone());
            return;
        }
        RoaEvidence::Origins(o) => o,
    };
    match origins.iter().find(|o| o.asn == asn) {
        Some(o) => roa_check(b, id, &o.as_of(now), p, want),
        None => {
            b.not_run(id, format!("the ROA source gave no answer for AS{asn}"));
        }
    }
}

/// The `roa.*` check `id` for origin `o` of prefix `p`; `want` is IPAM's exact maxLength.
fn roa_check(b: &mut Builder, id: CheckId, o: &Origin, p: Prefix, want: Option<u8>) {
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
