//! BYOIP prefixes: canonical CIDR text and the size rules per service.

use std::{
    fmt,
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
    str::FromStr,
    sync::LazyLock,
};

use ipnet::IpNet;
use serde::Serialize;

use crate::error::Error;

/// A prefix with zero host bits, displayed in its one canonical spelling.
///
/// AWS, "Onboard your address range for use in Amazon EC2"
/// (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>): host bits
/// must be zero (the Global Accelerator guide's own `203.0.113.25/24` is wrong);
/// the message and `--cidr` carry the *same* canonical text: dotted quad for IPv4, RFC 5952
/// (lower case, longest zero run compressed) for IPv6.
/// AWS, "Bring your own IP addresses (BYOIP) to Amazon EC2"
/// (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-byoip.html>): EC2/IPAM accept
/// IPv4 up to /24 and IPv6 up to /48 when advertised or
/// /60 when not (the API reference still says /56: warn on /57–/60); Global Accelerator
/// takes exactly one IPv4 /24.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefix(IpNet);

/// The outcome of reading CIDR text that has no host bits set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParsedPrefix {
    /// The prefix.
    pub prefix: Prefix,
    /// True when the text was not the canonical spelling (`prefix.to_string()`).
    pub rewritten: bool,
}

/// Reads CIDR text leniently into the prefix it denotes (host bits cleared) and, when host
/// bits were set, the error that says so, with the corrected prefix as its hint. Text that
/// names no prefix at all is the error.
fn read(s: &str) -> Result<(Prefix, Option<Error>), Error> {
    let err = |reason: String, hint: String| Error::Prefix {
        input: s.into(),
        reason,
        hint,
        source: None,
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
            "write it as ADDRESS/LENGTH, for example 198.51.100.0/24 or 2001:db8:1200::/48".into(),
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
    let net = IpNet::new(addr, len).map_err(|e| {
        err(
            "the prefix length does not fit the address".into(),
            "check the prefix length".into(),
        )
        .with_source(e)
    })?;
    let fixed = net.trunc();
    let host_bits = (net.network() != addr).then(|| {
        err(
            format!("host bits are set (the address is inside {fixed}, not its start)"),
            format!("did you mean {fixed}?"),
        )
    });
    Ok((Prefix(fixed), host_bits))
}

/// CIDR text as a user wrote it, read leniently: the text as given, and the prefix it
/// denotes with any host bits cleared (`76.76.21.5/24` denotes `76.76.21.0/24`).
///
/// AWS compares the CIDR as text and refuses host bits (AWS, "Onboard your address range
/// for use in Amazon EC2",
/// <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/byoip-onboard.html>), so both are
/// kept together: the prefix cannot disagree with the text it was read from. The report
/// judges the text (`prefix.canonical`); a caller that needs the exact prefix asks
/// [`Cidr::exact`], which refuses host bits.
///
/// ```
/// use byoip::Cidr;
///
/// let c: Cidr = "76.76.21.5/24".parse()?;
/// assert_eq!(c.text(), "76.76.21.5/24");
/// assert_eq!(c.prefix().to_string(), "76.76.21.0/24");
/// assert_eq!(c.exact().unwrap_err().hint(), "did you mean 76.76.21.0/24?");
///
/// let c = Cidr::parse("2001:DB8:1200::/48")?;
/// assert!(c.rewritten() && c.exact().is_ok());
/// assert!(Cidr::parse("banana").is_err());
/// # Ok::<(), byoip::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cidr {
    text: String,
    prefix: Prefix,
    host_bits: Option<Error>,
}

impl Cidr {
    /// Reads `text` in any spelling [`Prefix::parse_lenient`] reads, host bits allowed.
    /// Text that names no prefix at all (no length, a length too long, not an address) is
    /// the error, with what to write instead as its hint.
    pub fn parse(text: &str) -> Result<Cidr, Error> {
        let (prefix, host_bits) = read(text)?;
        Ok(Cidr {
            text: text.to_string(),
            prefix,
            host_bits,
        })
    }

    /// The text as given, untrimmed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The prefix the text denotes, host bits cleared.
    pub fn prefix(&self) -> Prefix {
        self.prefix
    }

    /// Why the text is not the start of its prefix (host bits set), with the corrected
    /// prefix as its hint; `None` when it is.
    pub fn host_bits(&self) -> Option<&Error> {
        self.host_bits.as_ref()
    }

    /// The prefix when the text names its start; host bits set are the error.
    pub fn exact(&self) -> Result<Prefix, Error> {
        match &self.host_bits {
            Some(e) => Err(e.clone()),
            None => Ok(self.prefix),
        }
    }

    /// True when the text is not the prefix's canonical spelling (another case, spacing,
    /// compression or zero padding, or host bits set).
    pub fn rewritten(&self) -> bool {
        self.text != self.prefix.to_string()
    }
}

impl From<Prefix> for Cidr {
    /// The prefix in its canonical spelling.
    fn from(prefix: Prefix) -> Cidr {
        Cidr {
            text: prefix.to_string(),
            prefix,
            host_bits: None,
        }
    }
}

impl FromStr for Cidr {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Cidr::parse(s)
    }
}

impl Prefix {
    /// Reads any spelling of a CIDR (upper-case or uncompressed IPv6, zero-padded IPv4
    /// octets) and says whether it was rewritten. Host bits set are an error whose hint is
    /// the corrected prefix; [`Cidr::parse`] reads such text too, into the prefix it denotes.
    pub fn parse_lenient(s: &str) -> Result<ParsedPrefix, Error> {
        let (prefix, host_bits) = read(s)?;
        match host_bits {
            Some(e) => Err(e),
            None => Ok(ParsedPrefix {
                rewritten: prefix.to_string() != s,
                prefix,
            }),
        }
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
}

/// A prefix size a service refuses (or, in one case, may refuse): the size rule as data.
/// The lint turns it into the `prefix.size` finding, with AWS's words and a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SizeViolation {
    /// Global Accelerator takes exactly one IPv4 /24; this IPv4 prefix is another size.
    GlobalAcceleratorNot24,
    /// Global Accelerator takes no IPv6.
    GlobalAcceleratorIpv6,
    /// CloudFront takes exactly an IPv4 /24; this IPv4 prefix is another size.
    CloudFrontNot24,
    /// CloudFront takes exactly an IPv6 /48; this IPv6 prefix is another size.
    CloudFrontNot48,
    /// EC2 and IPAM take IPv4 up to /24; this is more specific.
    Ipv4TooSpecific,
    /// Advertised IPv6 goes up to /48; this is more specific.
    AdvertisedIpv6TooSpecific,
    /// Non-advertised IPv6 goes up to /60; this is more specific.
    NonAdvertisedIpv6TooSpecific,
    /// Non-advertised IPv6 /57 to /60: the user guides accept it, the EC2 API reference
    /// still says /56. AWS may or may not take it.
    NonAdvertisedIpv6BeyondApiReference,
}

impl SizeViolation {
    /// True when AWS documents refusing the size; false when the documents disagree.
    pub fn is_refusal(self) -> bool {
        self != SizeViolation::NonAdvertisedIpv6BeyondApiReference
    }
}

/// A special-purpose block (RFC 6890 and the IANA registries it created) that no
/// registry can delegate, so no one can bring it to AWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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

/// [`SPECIAL_PURPOSE`] with every block parsed, once per process: the table stays text, as
/// the IANA registries print it, and no lookup parses it again.
static SPECIAL_PURPOSE_NETS: LazyLock<Vec<(IpNet, SpecialPurpose)>> = LazyLock::new(|| {
    SPECIAL_PURPOSE
        .iter()
        .filter_map(|s| Some((s.block.parse().ok()?, *s)))
        .collect()
});

impl Prefix {
    /// The special-purpose block this prefix lies in or contains, if any. IPv6 outside
    /// global unicast (`2000::/3`, RFC 4291 §2.4) is reported as such.
    pub fn special_purpose(&self) -> Option<SpecialPurpose> {
        let me = self.0;
        let hit = SPECIAL_PURPOSE_NETS
            .iter()
            .find(|(b, _)| b.contains(&me) || me.contains(b));
        if let Some((_, s)) = hit {
            return Some(*s);
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
        // `pad`, so that `{:width$}` lines prefixes up in columns.
        f.pad(&format!("{}/{}", self.0.addr(), self.0.prefix_len()))
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
    use crate::service::Service;
    #[test]
    fn cloudfront_takes_exactly_a_24_or_a_48() {
        let v = |p: &str, advertise| {
            p.parse::<Prefix>()
                .unwrap()
                .size_violation(Service::Cloudfront, advertise)
        };
        for advertise in [true, false] {
            assert_eq!(v("192.0.2.0/24", advertise), None);
            assert_eq!(v("2001:db8::/48", advertise), None);
            for p in ["192.0.2.0/23", "192.0.2.0/25", "192.0.0.0/16"] {
                assert_eq!(v(p, advertise), Some(SizeViolation::CloudFrontNot24), "{p}");
            }
            for p in ["2001:db8::/47", "2001:db8::/49", "2001:db8::/56"] {
                assert_eq!(v(p, advertise), Some(SizeViolation::CloudFrontNot48), "{p}");
            }
        }
        assert!(SizeViolation::CloudFrontNot24.is_refusal());
    }

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
        use SizeViolation::*;
        let v = |s: &str, svc, adv| s.parse::<Prefix>().unwrap().size_violation(svc, adv);
        assert_eq!(v("198.51.100.0/24", Service::Ec2, true), None);
        assert_eq!(
            v("198.51.100.0/25", Service::Ec2, true),
            Some(Ipv4TooSpecific)
        );
        assert_eq!(
            v("198.51.96.0/22", Service::Ga, true),
            Some(GlobalAcceleratorNot24)
        );
        assert_eq!(v("198.51.100.0/24", Service::Ga, true), None);
        assert_eq!(
            v("2001:db8::/48", Service::Ga, true),
            Some(GlobalAcceleratorIpv6)
        );
        assert_eq!(v("2001:db8::/48", Service::Ipam, true), None);
        assert_eq!(
            v("2001:db8::/56", Service::Ec2, true),
            Some(AdvertisedIpv6TooSpecific)
        );
        assert_eq!(v("2001:db8::/56", Service::Ec2, false), None);
        assert_eq!(
            v("2001:db8::/60", Service::Ec2, false),
            Some(NonAdvertisedIpv6BeyondApiReference)
        );
        assert!(!NonAdvertisedIpv6BeyondApiReference.is_refusal());
        assert_eq!(
            v("2001:db8::/64", Service::Ec2, false),
            Some(NonAdvertisedIpv6TooSpecific)
        );
        assert!(NonAdvertisedIpv6TooSpecific.is_refusal());
    }

    #[test]
    fn cidr_text_keeps_the_text_and_denotes_the_prefix_with_host_bits_cleared() {
        for (text, canonical, host_bits, rewritten) in [
            ("198.51.100.0/24", "198.51.100.0/24", false, false),
            (" 198.51.100.0/24 ", "198.51.100.0/24", false, true),
            ("2001:DB8:1200:0::/48", "2001:db8:1200::/48", false, true),
            ("074.125.000.000/16", "74.125.0.0/16", false, true),
            ("76.76.21.5/24", "76.76.21.0/24", true, true),
            ("2001:db8::1/48", "2001:db8::/48", true, true),
        ] {
            let c = Cidr::parse(text).unwrap();
            assert_eq!(c.text(), text);
            assert_eq!(c.prefix().to_string(), canonical, "{text}");
            assert_eq!(c.rewritten(), rewritten, "{text}");
            assert_eq!(c.host_bits().is_some(), host_bits, "{text}");
            match c.exact() {
                Ok(p) => assert!(!host_bits && p == c.prefix(), "{text}"),
                Err(e) => {
                    assert!(host_bits, "{text}");
                    assert!(e.to_string().contains("host bits are set"), "{e}");
                    assert_eq!(e.hint(), format!("did you mean {canonical}?"));
                    // The same error the strict reading gives.
                    let strict = Prefix::parse_lenient(text).unwrap_err();
                    assert_eq!(strict.to_string(), e.to_string());
                }
            }
            assert_eq!(text.parse::<Cidr>().unwrap().prefix(), c.prefix());
            let from = Cidr::from(c.prefix());
            assert_eq!(from.text(), canonical);
            assert!(!from.rewritten() && from.host_bits().is_none());
        }
    }

    #[test]
    fn cidr_text_naming_no_prefix_is_refused_as_the_strict_reading_refuses_it() {
        for s in [
            "banana",
            "198.51.100.0",
            "198.51.100.0/33",
            "2001:db8::/129",
            "198.51.100/24",
            "fe80::%eth0/64",
            "",
        ] {
            let e = Cidr::parse(s).unwrap_err();
            assert_eq!(
                e.to_string(),
                Prefix::parse_lenient(s).unwrap_err().to_string()
            );
            assert!(!e.hint().is_empty(), "{s}");
        }
    }

    #[test]
    fn every_special_purpose_block_parses() {
        // A typo in the table would silently never match: every row must be a prefix.
        assert_eq!(SPECIAL_PURPOSE_NETS.len(), SPECIAL_PURPOSE.len());
    }

    #[test]
    fn debug_and_ipnet_give_the_canonical_prefix() {
        let p: Prefix = "2001:0DB8:1200::/48".parse().unwrap();
        assert_eq!(format!("{p:?}"), "Prefix(2001:db8:1200::/48)");
        let net: IpNet = "2001:db8:1200::/48".parse().unwrap();
        assert_eq!(IpNet::from(p), net);
    }
}
