//! Autonomous System numbers, as AWS's BYOASN message carries them.

use std::{fmt, str::FromStr};

use crate::error::Error;

/// An AS number (RFC 6793: 32 bits), written in bare decimal.
///
/// AWS's "Tutorial: Bring your ASN to IPAM"
/// (<https://docs.aws.amazon.com/vpc/latest/ipam/tutorials-byoasn.html>) signs
/// `1|aws|ACCOUNT|ASN|YYYYMMDD|SHA256|RSAPSS`, and every example there writes the ASN as
/// bare digits (`--asn 12345`); the EC2 API reference (ProvisionIpamByoasn) asks for "a
/// public 2-byte or 4-byte ASN". So byoip writes bare decimal, reads `AS64496` leniently
/// (reporting the rewrite), and judges which numbers are not public:
///
/// - RFC 7607: AS 0 is reserved and never originates routes;
/// - RFC 6793 §2: AS 23456 is `AS_TRANS`, a stand-in for 4-byte ASNs;
/// - RFC 6996 §5: 64512–65534 and 4200000000–4294967294 are for private use;
/// - RFC 7300: 65535 and 4294967295 are reserved (the last of each range);
/// - IANA's "Autonomous System (AS) Numbers" registry: 65552–131071 are reserved;
/// - RFC 5398: 64496–64511 and 65536–65551 are for documentation (a warning, as for
///   documentation prefixes: examples use them on purpose).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Asn(u32);

/// A number space that is not a public ASN, and the rule that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SpecialAsn {
    /// What the space is for, e.g. "private use".
    pub name: &'static str,
    /// The first number of the space.
    pub first: Asn,
    /// The last number of the space (the same as `first` for a single number).
    pub last: Asn,
    /// The rule, e.g. "RFC 6996".
    pub rfc: &'static str,
    /// Documentation numbers (RFC 5398): warned about, not refused.
    pub documentation: bool,
}

impl SpecialAsn {
    /// The space as the RFCs write it: `64512-65534`, or the one number (`23456`).
    pub fn range(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}-{}", self.first, self.last)
        }
    }
}

/// Every special range, first to last.
pub(crate) const SPECIAL: &[SpecialAsn] = &[
    special(0, 0, "reserved", "RFC 7607", false),
    special(23456, 23456, "AS_TRANS", "RFC 6793", false),
    special(64496, 64511, "for documentation", "RFC 5398", true),
    special(64512, 65534, "for private use", "RFC 6996", false),
    special(65535, 65535, "reserved", "RFC 7300", false),
    special(65536, 65551, "for documentation", "RFC 5398", true),
    special(
        65552,
        131_071,
        "reserved",
        "IANA AS Numbers registry",
        false,
    ),
    special(
        4_200_000_000,
        4_294_967_294,
        "for private use",
        "RFC 6996",
        false,
    ),
    special(4_294_967_295, 4_294_967_295, "reserved", "RFC 7300", false),
];

const fn special(
    first: u32,
    last: u32,
    name: &'static str,
    rfc: &'static str,
    documentation: bool,
) -> SpecialAsn {
    SpecialAsn {
        name,
        first: Asn(first),
        last: Asn(last),
        rfc,
        documentation,
    }
}

/// The result of a lenient parse: the ASN, and the spelling that was rewritten.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParsedAsn {
    /// The number.
    pub asn: Asn,
    /// True when the input was not bare decimal (`AS64496`, `as64496`, `064496`).
    pub rewritten: bool,
}

impl Asn {
    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Wraps a number.
    pub const fn new(n: u32) -> Self {
        Asn(n)
    }

    /// Reads bare decimal and the common spellings around it: `AS64496`, `as64496`,
    /// `AS 64496`, leading zeros. `rewritten` says whether the text was not bare decimal.
    pub fn parse_lenient(s: &str) -> Result<ParsedAsn, Error> {
        let t = s.trim();
        let digits = t
            .strip_prefix("AS")
            .or_else(|| t.strip_prefix("as"))
            .or_else(|| t.strip_prefix("As"))
            .or_else(|| t.strip_prefix("aS"))
            .map_or(t, str::trim_start);
        let asn = number(s, digits)?;
        Ok(ParsedAsn {
            asn,
            rewritten: asn.to_string() != s,
        })
    }

    /// The special-purpose range holding this number, if any.
    pub fn special(self) -> Option<SpecialAsn> {
        SPECIAL
            .iter()
            .find(|s| (s.first..=s.last).contains(&self))
            .copied()
    }
}

fn number(input: &str, digits: &str) -> Result<Asn, Error> {
    let bad = |reason: &str, hint: &str| Error::Asn {
        input: input.into(),
        reason: reason.into(),
        hint: hint.into(),
    };
    if digits.is_empty() {
        return Err(bad(
            "there is no number",
            "write the AS number in decimal, e.g. 64496",
        ));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Some((hi, lo)) = digits.split_once('.')
            && let (Ok(hi), Ok(lo)) = (hi.parse::<u16>(), lo.parse::<u16>())
        {
            let plain = u32::from(hi) * 65536 + u32::from(lo);
            return Err(bad(
                "it is in asdot notation (RFC 5396)",
                &format!("write it as plain decimal: {plain}"),
            ));
        }
        return Err(bad(
            "it is not a decimal number",
            "write the AS number in decimal digits, e.g. 64496 (AWS's examples write 12345)",
        ));
    }
    digits.parse::<u32>().map(Asn).map_err(|_| {
        bad(
            "it is larger than 4294967295, the largest 4-byte ASN (RFC 6793)",
            "check the number",
        )
    })
}

impl FromStr for Asn {
    type Err = Error;

    /// Strict: bare decimal without leading zeros, exactly what [`Display`](fmt::Display)
    /// writes. [`Asn::parse_lenient`] reads the other spellings.
    fn from_str(s: &str) -> Result<Self, Error> {
        let parsed = Asn::parse_lenient(s)?;
        if parsed.rewritten {
            return Err(Error::Asn {
                input: s.into(),
                reason: "it is not written in bare decimal".into(),
                hint: format!("write it as {}, as AWS's examples do (12345)", parsed.asn),
            });
        }
        Ok(parsed.asn)
    }
}

impl fmt::Display for Asn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0.to_string())
    }
}

impl serde::Serialize for Asn {
    /// A string of bare decimal, as the EC2 API types `Asn`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Writers of ASNs as JSON numbers, for `#[serde(serialize_with)]`: RDAP (RFC 9083 §5.5)
/// and the cloud table write numbers, where `Asn` itself serializes as the EC2 API's decimal
/// string.
pub(crate) mod as_number {
    use super::Asn;

    /// One ASN.
    pub(crate) fn one<S: serde::Serializer>(asn: &Asn, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(asn.get())
    }

    /// An ASN that may be absent (`null`).
    pub(crate) fn option<S: serde::Serializer>(asn: &Option<Asn>, s: S) -> Result<S::Ok, S::Error> {
        match asn {
            Some(a) => s.serialize_some(&a.get()),
            None => s.serialize_none(),
        }
    }

    /// A list of ASNs.
    pub(crate) fn list<S: serde::Serializer>(asns: &[Asn], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(asns.iter().map(|a| a.get()))
    }
}

/// True when a message field has the shape of an ASN rather than a CIDR: digits, or `AS`
/// and more, with none of the `/`, `.` and `:` every CIDR has.
pub fn looks_like_asn(field: &str) -> bool {
    let upper = field.to_ascii_uppercase();
    (upper.starts_with("AS") || upper.starts_with(|c: char| c.is_ascii_digit()))
        && !field.contains(['/', '.', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn display_and_from_str_round_trip(n in any::<u32>()) {
            let a = Asn::new(n);
            prop_assert_eq!(a.to_string().parse::<Asn>().unwrap(), a);
            let lenient = Asn::parse_lenient(&format!("AS{n}")).unwrap();
            prop_assert_eq!(lenient.asn, a);
            prop_assert!(lenient.rewritten);
        }
    }

    #[test]
    fn spellings_are_read_and_the_rewrite_reported() {
        for (s, n, rewritten) in [
            ("64496", 64496, false),
            ("AS64496", 64496, true),
            ("as64496", 64496, true),
            ("AS 64496", 64496, true),
            ("064496", 64496, true),
            ("4294967295", 4_294_967_295, false),
        ] {
            let p = Asn::parse_lenient(s).unwrap();
            assert_eq!((p.asn.get(), p.rewritten), (n, rewritten), "{s}");
        }
        assert!("AS64496".parse::<Asn>().is_err());
        assert!("064496".parse::<Asn>().is_err());
    }

    #[test]
    fn bad_numbers_say_why() {
        for (s, why) in [
            ("4294967296", "larger than 4294967295"),
            ("AS", "no number"),
            ("", "no number"),
            ("AS64496x", "not a decimal number"),
            ("-1", "not a decimal number"),
            ("1.10", "asdot"),
        ] {
            let e = Asn::parse_lenient(s).unwrap_err().to_string();
            assert!(e.contains(why), "{s}: {e}");
        }
        assert!(
            Asn::parse_lenient("1.10")
                .unwrap_err()
                .hint()
                .contains("65546")
        );
    }

    #[test]
    fn the_shape_tells_an_asn_from_a_cidr() {
        for s in ["64496", "AS64496", "as1", "ASN", "4294967296"] {
            assert!(looks_like_asn(s), "{s}");
        }
        for s in ["198.51.100.0/24", "2001:db8::/32", "", "CIDR", "1.10"] {
            assert!(!looks_like_asn(s), "{s}");
        }
    }
}
