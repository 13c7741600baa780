//! `prefix.*`: the prefix itself, written canonically (RFC 4632, RFC 5952), of a size the
//! service accepts (AWS, "Prerequisites for BYOIP in Amazon EC2"), and not special-purpose
//! space (RFC 6890).

use super::{Builder, CheckId, Inputs};
use crate::{
    cloud::Cloud,
    prefix::{Cidr, Prefix},
};

pub(super) fn prefix_checks(b: &mut Builder, inp: &Inputs<'_>) {
    let p = inp.prefix();
    canonical_check(b, &inp.cidr, Cloud::Aws);
    match p.size_finding(inp.service, inp.advertise) {
        Some(f) => b.finding(CheckId::PrefixSize, &f),
        None => b.pass(
            CheckId::PrefixSize,
            format!("a /{} is accepted by {}", p.prefix_len(), inp.service),
        ),
    };
    public_check(b, p);
}

/// `prefix.canonical`: `cidr` as given is its prefix written canonically (`cloud` compares
/// the message's CIDR as text).
pub(super) fn canonical_check(b: &mut Builder, cidr: &Cidr, cloud: Cloud) {
    let vendor = cloud.vendor();
    let (p, text) = (cidr.prefix(), cidr.text());
    if cidr.host_bits().is_some() {
        b.fail(
            CheckId::PrefixCanonical,
            format!("{text:?} has host bits set; the prefix is {p}"),
            format!("use {p}"),
        );
    } else if cidr.rewritten() {
        b.warn(
            CheckId::PrefixCanonical,
            format!("{text:?} is {p} written another way"),
            format!("write it as {p}: {vendor} compares the CIDR as text"),
        );
    } else {
        b.pass(
            CheckId::PrefixCanonical,
            format!("{p} is written canonically, host bits zero"),
        );
    }
}

/// `prefix.public`: not special-purpose space (RFC 6890).
pub(super) fn public_check(b: &mut Builder, p: Prefix) {
    match p.special_purpose() {
        Some(s) if s.documentation => {
            b.fail(
                CheckId::PrefixPublic,
                format!(
                    "{p} is {} ({} {}): it is an example address block, not one anyone can bring",
                    s.name, s.block, s.rfc
                ),
                "use your own prefix; 198.51.100.0/24 and 2001:db8::/32 appear in examples only",
            );
        }
        Some(s) => {
            b.fail(
                CheckId::PrefixPublic,
                format!(
                    "{p} is {} ({} {}), which no registry delegates",
                    s.name, s.block, s.rfc
                ),
                "bring public address space registered to your organization",
            );
        }
        None => {
            b.pass(
                CheckId::PrefixPublic,
                format!("{p} is not special-purpose space (RFC 6890)"),
            );
        }
    }
}
