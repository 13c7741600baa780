//! BYOIP prefixes: canonical CIDR text and the size rules per service.
//!
//! AWS, "Onboard your address range for use in Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>): host bits
//! must be zero (the Global Accelerator guide's own `203.0.113.25/24` is wrong);
//! the message and `--cidr` carry the *same* canonical text: dotted quad for IPv4, RFC 5952
//! (lower case, longest zero run compressed) for IPv6.
//! AWS, "Bring your own IP addresses (BYOIP) to Amazon EC2"
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-byoip.html>): EC2/IPAM accept
//! IPv4 up to /24 and IPv6 up to /48 when advertised or
//! /60 when not (the API reference still says /56: warn on /57–/60); Global Accelerator
//! takes exactly one IPv4 /24.

use std::{
    fmt,
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
    str::FromStr,
};

use ipnet::IpNet;
use serde::Serialize;

use crate::{
    error::Error,
    lint::{Finding, Severity},
};

/// Which AWS API the prefix is brought to; the size rules and ROA rules differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// `aws ec2 provision-byoip-cidr`.
    #[default]
    Ec2,
    /// `aws ec2 provision-ipam-pool-cidr` (top-level public pool, `remarks-x509`).
    Ipam,
    /// `aws globalaccelerator provision-byoip-cidr`.
    Ga,
}

impl Service {
    /// How long provisioning may take, in days: what an expiry or certificate must outlast
    /// (AWS's EC2 onboarding guide: up to a week for advertisable ranges; the Global
    /// Accelerator Developer Guide, "Bring your own IP addresses": up to three weeks).
    pub fn provisioning_days(self) -> i64 {
        match self {
            Service::Ga => 21,
            Service::Ec2 | Service::Ipam => 7,
        }
    }
}

impl FromStr for Service {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "ec2" => Ok(Service::Ec2),
            "ipam" => Ok(Service::Ipam),
            "ga" | "globalaccelerator" | "global-accelerator" => Ok(Service::Ga),
            _ => Err(format!("unknown service {s:?}: use ec2, ipam or ga")),
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Service::Ec2 => "ec2",
            Service::Ipam => "ipam",
            Service::Ga => "ga",
        })
    }
}

/// A prefix with zero host bits, displayed in its one canonical spelling.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefix(IpNet);

/// The outcome of reading CIDR text that has no host bits set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedPrefix {
    /// The prefix.
    pub prefix: Prefix,
    /// True when the text was not the canonical spelling (`prefix.to_string()`).
    pub rewritten: bool,
}

impl Prefix {
    /// Reads any spelling of a CIDR (upper-case or uncompressed IPv6, zero-padded IPv4
    /// octets) and says whether it was rewritten. Host bits set are an error whose hint is
    /// the corrected prefix.
    pub fn parse_lenient(s: &str) -> Result<ParsedPrefix, Error> {
        let err = |reason: String, hint: String| Error::Prefix {
            input: s.into(),
            reason,
            hint,
        };
        let trimmed = s.trim();
        let Some((addr_text, len_text)) = trimmed.split_once('/') else {
            return Err(err(
                "it has no prefix length".into(),
                "write it as ADDRESS/LENGTH, for example 198.51.100.0/24".into(),
            ));
        };
        let addr = parse_addr(addr_text).ok_or_else(|| {
            err(
                format!("{addr_text:?} is not an IPv4 or IPv6 address"),
                "write it as ADDRESS/LENGTH, for example 198.51.100.0/24 or 2001:db8:1200::/48"
                    .into(),
            )
        })?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let len: u8 = match len_text.parse::<u8>() {
            Ok(n) if n <= max && !len_text.starts_with('+') => n,
            _ => {
                return Err(err(
                    format!("prefix length {len_text:?} is not a number from 0 to {max}"),
                    format!(
                        "an {} prefix length is 0 to {max}",
                        if max == 32 { "IPv4" } else { "IPv6" }
                    ),
                ));
            }
        };
        let net = IpNet::new(addr, len)
            .map_err(|e| err(e.to_string(), "check the prefix length".into()))?;
        if net.network() != addr {
            let fixed = net.trunc();
            return Err(err(
                format!("host bits are set (the address is inside {fixed}, not its start)"),
                format!("did you mean {fixed}?"),
            ));
        }
        let prefix = Prefix(net);
        Ok(ParsedPrefix {
            rewritten: prefix.to_string() != s,
            prefix,
        })
    }

    /// The underlying network.
    pub fn net(&self) -> IpNet {
        self.0
    }

    /// Prefix length in bits.
    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }

    /// True for IPv4.
    pub fn is_ipv4(&self) -> bool {
        matches!(self.0, IpNet::V4(_))
    }

    /// The size rule for `service` (AWS's EC2 BYOIP guide and Global Accelerator's BYOIP
    /// requirements), or `None` when the size is accepted.
    /// `advertise` is whether the range will be publicly advertised (IPv6 only can opt out).
    pub fn size_finding(&self, service: Service, advertise: bool) -> Option<Finding> {
        let len = self.prefix_len();
        let id = "prefix.size";
        let error =
            |message: String, hint: &str| Some(Finding::new(id, Severity::Error, message, hint));
        match (self.is_ipv4(), service) {
            (true, Service::Ga) if len != 24 => error(
                format!(
                    "{self} is a /{len}; Global Accelerator accepts exactly a /24 (AWS Global Accelerator Developer Guide, BYOIP requirements)"
                ),
                "bring a /24 to Global Accelerator, or use EC2/IPAM for other sizes",
            ),
            (false, Service::Ga) => error(
                format!(
                    "{self} is IPv6; Global Accelerator accepts IPv4 /24 only (AWS Global Accelerator Developer Guide, BYOIP requirements)"
                ),
                "bring IPv6 ranges to EC2 or IPAM instead",
            ),
            (true, _) if len > 24 => error(
                format!(
                    "{self} is more specific than /24, the most specific IPv4 prefix AWS accepts (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
                ),
                "bring the covering /24 (or a shorter prefix)",
            ),
            (false, _) if advertise && len > 48 => error(
                format!(
                    "{self} is more specific than /48, the most specific advertisable IPv6 prefix (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
                ),
                "bring a /48 or shorter, or provision it as not publicly advertisable (--no-advertise) if it will not be announced",
            ),
            (false, _) if !advertise && len > 60 => error(
                format!(
                    "{self} is more specific than /60, the most specific non-advertised IPv6 prefix (AWS, \"Bring your own IP addresses (BYOIP) to Amazon EC2\")"
                ),
                "bring a /60 or shorter",
            ),
            (false, _) if !advertise && len > 56 => Some(Finding::new(
                id,
                Severity::Warning,
                format!(
                    "{self} is a /{len}: the user guides accept non-advertised IPv6 up to /60, but the EC2 API reference says /56"
                ),
                "if AWS refuses it, bring a /56 or shorter",
            )),
            _ => None,
        }
    }
}

impl Prefix {
    /// Azure's size rule (Microsoft Learn, "Custom IP address prefix (BYOIP)"): IPv4 /21 to
    /// /24 and IPv6 /48 carry the authorization message; a regional IPv4 range (down to
    /// /26) or a regional IPv6 /64 is created under a global parent, which is the one
    /// validated, so a message for it is a warning. `None` when the size is accepted.
    pub fn azure_size_finding(&self) -> Option<Finding> {
        let sizes = crate::cloud::Cloud::Azure.profile().sizes;
        let len = self.prefix_len();
        if sizes.accepts(self.is_ipv4(), len) {
            return None;
        }
        let id = "prefix.size";
        let (v4_short, v4_long) = sizes.ipv4;
        let (v6, _) = sizes.ipv6;
        Some(match (self.is_ipv4(), len) {
            (true, 25 | 26) => Finding::new(
                id,
                Severity::Warning,
                format!(
                    "{self} is a /{len}: Azure takes it only as a regional range inside a global /{v4_short} to /{v4_long} parent, and only the parent is validated"
                ),
                "sign a message for the global parent prefix; the regional range is created under it without one",
            ),
            (false, 64) => Finding::new(
                id,
                Severity::Warning,
                format!(
                    "{self} is a /64: Azure's regional IPv6 ranges are /64 and need no authorization message; only the global /{v6} is validated"
                ),
                "sign a message for the global /48 parent",
            ),
            (true, _) => Finding::new(
                id,
                Severity::Error,
                format!(
                    "{self} is a /{len}; Azure accepts IPv4 custom prefixes from /{v4_short} to /{v4_long} (Microsoft Learn, \"Custom IP address prefix (BYOIP)\")"
                ),
                format!("bring a /{v4_short} to /{v4_long}"),
            ),
            (false, _) => Finding::new(
                id,
                Severity::Error,
                format!(
                    "{self} is a /{len}; Azure's global IPv6 custom prefix must be a /{v6} (Microsoft Learn, \"Custom IP address prefix (BYOIP)\")"
                ),
                format!("bring the /{v6} as the global prefix (regional /64 ranges go under it)"),
            ),
        })
    }
}

/// A special-purpose block (RFC 6890 and the IANA registries it created) that no
/// registry can delegate, so no one can bring it to AWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialPurpose {
    /// The reserved block.
    pub block: &'static str,
    /// What it is reserved for.
    pub name: &'static str,
    /// Where it is reserved.
    pub rfc: &'static str,
    /// Documentation space: the prefixes used in examples (AWS's docs use them too).
    pub documentation: bool,
}

const fn sp(
    block: &'static str,
    name: &'static str,
    rfc: &'static str,
    documentation: bool,
) -> SpecialPurpose {
    SpecialPurpose {
        block,
        name,
        rfc,
        documentation,
    }
}

/// IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 §2.2), plus multicast
/// and the reserved class E, which RFC 6890 leaves to their own registries.
const SPECIAL_PURPOSE: &[SpecialPurpose] = &[
    sp("0.0.0.0/8", "\"this network\"", "RFC 791", false),
    sp("10.0.0.0/8", "private-use space", "RFC 1918", false),
    sp(
        "100.64.0.0/10",
        "shared address space (carrier-grade NAT)",
        "RFC 6598",
        false,
    ),
    sp("127.0.0.0/8", "loopback", "RFC 1122", false),
    sp("169.254.0.0/16", "link-local", "RFC 3927", false),
    sp("172.16.0.0/12", "private-use space", "RFC 1918", false),
    sp(
        "192.0.0.0/24",
        "IETF protocol assignments",
        "RFC 6890",
        false,
    ),
    sp(
        "192.0.2.0/24",
        "documentation space TEST-NET-1",
        "RFC 5737",
        true,
    ),
    sp(
        "192.88.99.0/24",
        "the deprecated 6to4 relay anycast",
        "RFC 7526",
        false,
    ),
    sp("192.168.0.0/16", "private-use space", "RFC 1918", false),
    sp("198.18.0.0/15", "benchmarking space", "RFC 2544", false),
    sp(
        "198.51.100.0/24",
        "documentation space TEST-NET-2",
        "RFC 5737",
        true,
    ),
    sp(
        "203.0.113.0/24",
        "documentation space TEST-NET-3",
        "RFC 5737",
        true,
    ),
    sp("224.0.0.0/4", "multicast", "RFC 5771", false),
    sp("240.0.0.0/4", "reserved (class E)", "RFC 1112", false),
    sp("::/128", "the unspecified address", "RFC 4291", false),
    sp("::1/128", "loopback", "RFC 4291", false),
    sp("::ffff:0:0/96", "IPv4-mapped addresses", "RFC 4291", false),
    sp("64:ff9b::/96", "IPv4/IPv6 translation", "RFC 6052", false),
    sp(
        "64:ff9b:1::/48",
        "local IPv4/IPv6 translation",
        "RFC 8215",
        false,
    ),
    sp("100::/64", "discard-only space", "RFC 6666", false),
    sp("2001::/23", "IETF protocol assignments", "RFC 2928", false),
    sp("2001:db8::/32", "documentation space", "RFC 3849", true),
    sp("2002::/16", "6to4", "RFC 3056", false),
    sp("3fff::/20", "documentation space", "RFC 9637", true),
    sp("5f00::/16", "SRv6 SIDs", "RFC 9602", false),
    sp("fc00::/7", "unique-local space", "RFC 4193", false),
    sp("fe80::/10", "link-local", "RFC 4291", false),
    sp("ff00::/8", "multicast", "RFC 4291", false),
];

impl Prefix {
    /// The special-purpose block this prefix lies in or contains, if any. IPv6 outside
    /// global unicast (`2000::/3`, RFC 4291 §2.4) is reported as such.
    pub fn special_purpose(&self) -> Option<SpecialPurpose> {
        let me = self.0;
        let hit = SPECIAL_PURPOSE.iter().find(|s| {
            s.block
                .parse::<IpNet>()
                .is_ok_and(|b| b.contains(&me) || me.contains(&b))
        });
        if hit.is_some() {
            return hit.copied();
        }
        let global_unicast: IpNet =
            IpNet::V6(ipnet::Ipv6Net::new(Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3).ok()?);
        (!self.is_ipv4() && !global_unicast.contains(&me) && !me.contains(&global_unicast))
            .then_some(sp(
                "outside 2000::/3",
                "not global unicast space",
                "RFC 4291",
                false,
            ))
    }
}

impl Prefix {
    /// The warning for special-purpose space (`prefix.public`): AWS refuses it, as no
    /// registry delegates it, but the examples in AWS's documentation and this README use
    /// documentation prefixes on purpose, so it is a warning, not an error.
    pub fn public_finding(&self) -> Option<Finding> {
        self.public_finding_for(crate::cloud::Cloud::Aws)
    }

    /// [`Prefix::public_finding`] naming `cloud` as the one that refuses it.
    pub fn public_finding_for(&self, cloud: crate::cloud::Cloud) -> Option<Finding> {
        let s = self.special_purpose()?;
        let vendor = cloud.vendor();
        let (what, hint) = if s.documentation {
            (
                "an example address block",
                format!("fine for trying things out; sign your own prefix for {vendor}"),
            )
        } else {
            (
                "space no registry delegates",
                "bring public address space registered to your organization".to_string(),
            )
        };
        Some(Finding::new(
            "prefix.public",
            Severity::Warning,
            format!(
                "{self} is {} ({}, {}), {what}: {vendor} will refuse to provision it",
                s.name, s.block, s.rfc
            ),
            hint,
        ))
    }
}

/// IPv4 with optional zero-padded octets (`074.125.000.000`, seen in ARIN RDAP), or IPv6
/// in any case and compression. Zone IDs are not prefixes and are refused.
pub(crate) fn parse_addr(s: &str) -> Option<IpAddr> {
    if s.contains(':') {
        return Ipv6Addr::from_str(s).ok().map(IpAddr::V6);
    }
    let mut octets = [0u8; 4];
    let mut parts = s.split('.');
    for o in &mut octets {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *o = p.parse().ok()?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(IpAddr::V4(Ipv4Addr::from(octets)))
}

impl FromStr for Prefix {
    type Err = Error;
    /// Accepts any spelling without host bits; use [`Prefix::parse_lenient`] to learn
    /// whether it was rewritten.
    fn from_str(s: &str) -> Result<Self, Error> {
        Prefix::parse_lenient(s).map(|p| p.prefix)
    }
}

impl fmt::Display for Prefix {
    /// The canonical text: the one string used in both the message and `--cidr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // std's Ipv6Addr Display implements RFC 5952 (lower case, longest run of zero
        // groups compressed, a single zero group not compressed).
        write!(f, "{}/{}", self.0.addr(), self.0.prefix_len())
    }
}

impl fmt::Debug for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prefix({self})")
    }
}

impl Serialize for Prefix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<Prefix> for IpNet {
    fn from(p: Prefix) -> IpNet {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_purpose_space_is_named_with_its_rfc() {
        let sp = |s: &str| s.parse::<Prefix>().unwrap().special_purpose();
        let doc = sp("198.51.100.0/24").unwrap();
        assert!(doc.documentation && doc.rfc == "RFC 5737", "{doc:?}");
        assert!(sp("2001:db8:1200::/48").unwrap().documentation);
        assert!(sp("3fff::/20").unwrap().documentation);
        assert_eq!(sp("10.1.0.0/16").unwrap().rfc, "RFC 1918");
        assert_eq!(
            sp("100.64.0.0/24").unwrap().name,
            "shared address space (carrier-grade NAT)"
        );
        assert_eq!(sp("224.0.0.0/24").unwrap().name, "multicast");
        assert_eq!(sp("fe80::/48").unwrap().name, "link-local");
        // A prefix that contains a special block is refused too.
        assert!(sp("192.0.0.0/16").is_some());
        // IPv6 outside global unicast.
        assert_eq!(sp("4000::/16").unwrap().rfc, "RFC 4291");
        for public in [
            "192.198.0.0/22",
            "8.8.8.0/24",
            "2a00:2381:ffff::/48",
            "130.137.245.0/24",
        ] {
            assert_eq!(sp(public), None, "{public}");
        }
    }

    fn canon(s: &str) -> (String, bool) {
        let p = Prefix::parse_lenient(s).unwrap();
        (p.prefix.to_string(), p.rewritten)
    }

    #[test]
    fn canonical_ipv4_is_kept() {
        assert_eq!(canon("198.51.100.0/24"), ("198.51.100.0/24".into(), false));
    }

    #[test]
    fn host_bits_are_refused_with_the_fix() {
        let e = Prefix::parse_lenient("203.0.113.25/24").unwrap_err();
        assert!(e.to_string().contains("host bits"), "{e}");
        assert_eq!(e.hint(), "did you mean 203.0.113.0/24?");
    }

    #[test]
    fn ipv6_is_rewritten_to_rfc5952() {
        assert_eq!(
            canon("2001:0DB8:6172::/48"),
            ("2001:db8:6172::/48".into(), true)
        );
        assert_eq!(
            canon("2605:9CC0:0409:0000:0000:0000:0000:0000/48"),
            ("2605:9cc0:409::/48".into(), true)
        );
        // RFC 5952 §4.2.2: a single zero group is not compressed.
        assert_eq!(canon("2001:db8:0:1::/64").0, "2001:db8:0:1::/64");
    }

    #[test]
    fn zero_padded_ipv4_is_rewritten() {
        assert_eq!(canon("074.125.000.000/16"), ("74.125.0.0/16".into(), true));
    }

    #[test]
    fn bad_lengths_and_addresses_are_refused() {
        for s in [
            "198.51.100.0",
            "198.51.100.0/33",
            "2001:db8::/129",
            "198.51.100.0/-1",
            "198.51.100/24",
            "1.2.3.4.5/8",
            "fe80::%eth0/64",
            "",
            "/24",
            "198.51.100.0/+24",
            "256.0.0.0/8",
            "0198.51.100.0/24",
        ] {
            assert!(Prefix::parse_lenient(s).is_err(), "{s} accepted");
        }
    }

    #[test]
    fn size_rules_per_service() {
        let p = |s: &str| s.parse::<Prefix>().unwrap();
        let sev = |s: &str, svc, adv| p(s).size_finding(svc, adv).map(|f| f.severity);
        assert_eq!(sev("198.51.100.0/24", Service::Ec2, true), None);
        assert_eq!(
            sev("198.51.100.0/25", Service::Ec2, true),
            Some(Severity::Error)
        );
        assert_eq!(
            sev("198.51.96.0/22", Service::Ga, true),
            Some(Severity::Error)
        );
        assert_eq!(sev("198.51.100.0/24", Service::Ga, true), None);
        assert_eq!(
            sev("2001:db8::/48", Service::Ga, true),
            Some(Severity::Error)
        );
        assert_eq!(sev("2001:db8::/48", Service::Ipam, true), None);
        assert_eq!(
            sev("2001:db8::/56", Service::Ec2, true),
            Some(Severity::Error)
        );
        assert_eq!(sev("2001:db8::/56", Service::Ec2, false), None);
        assert_eq!(
            sev("2001:db8::/60", Service::Ec2, false),
            Some(Severity::Warning)
        );
        assert_eq!(
            sev("2001:db8::/64", Service::Ec2, false),
            Some(Severity::Error)
        );
    }

    #[test]
    fn services_are_read_by_their_names_and_aliases() {
        for (s, want) in [
            ("ec2", Service::Ec2),
            ("EC2", Service::Ec2),
            ("ipam", Service::Ipam),
            ("ga", Service::Ga),
            ("globalaccelerator", Service::Ga),
            ("Global-Accelerator", Service::Ga),
        ] {
            assert_eq!(s.parse::<Service>(), Ok(want), "{s}");
            assert_eq!(want.to_string().parse::<Service>(), Ok(want));
        }
        assert!(
            "vpc"
                .parse::<Service>()
                .unwrap_err()
                .contains("ec2, ipam or ga")
        );
    }

    #[test]
    fn global_accelerator_may_take_three_weeks_ec2_and_ipam_one() {
        assert_eq!(Service::Ga.provisioning_days(), 21);
        assert_eq!(Service::Ec2.provisioning_days(), 7);
        assert_eq!(Service::Ipam.provisioning_days(), 7);
    }

    #[test]
    fn special_purpose_space_is_a_warning_that_tells_examples_from_the_rest() {
        let finding = |s: &str| s.parse::<Prefix>().unwrap().public_finding();
        let doc = finding("2001:db8:1200::/48").unwrap();
        assert_eq!((doc.id, doc.severity), ("prefix.public", Severity::Warning));
        assert!(
            doc.message.contains("an example address block"),
            "{}",
            doc.message
        );
        assert!(
            doc.message.contains("2001:db8::/32, RFC 3849"),
            "{}",
            doc.message
        );
        let private = finding("10.1.0.0/16").unwrap();
        assert!(
            private.message.contains("space no registry delegates"),
            "{}",
            private.message
        );
        assert_eq!(finding("130.137.245.0/24"), None);
    }
}
